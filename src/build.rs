//! The build pipeline: find content, parse and lower every paper, then typeset and write outputs
//! only if the whole run is clean, each file replaced atomically.

use std::path::{Path, PathBuf};

use crate::content::{self, FoundFile, Paper, SourceFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Document;
use crate::{docx_writer, lower, typst_writer};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Tagged PDF/UA-1, typeset by Typst.
    Pdf,
    /// Word document.
    Docx,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// A paper read and lowered, ready for the writers.
pub struct LoweredPaper {
    /// Where it came from.
    pub file: FoundFile,
    /// The document model.
    pub document: Document,
}

/// An output file produced by a build.
#[derive(Debug, Clone)]
pub struct Output {
    /// Where it goes.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Pages, for PDFs.
    pub pages: Option<usize>,
}

/// Why a run stopped.
#[derive(Debug)]
pub enum Failure {
    /// The content has problems (exit code 1).
    Content(Diagnostics),
    /// A path could not be read or written (exit code 2).
    Io(Diagnostic),
}

/// Read, parse and lower every paper under `paths`, collecting every problem.
pub fn load(paths: &[PathBuf]) -> Result<(Vec<LoweredPaper>, Diagnostics), Failure> {
    let files = content::find_content(paths).map_err(Failure::Io)?;
    if files.is_empty() {
        return Err(Failure::Io(Diagnostic::error(
            "no content found: give YAML files or folders that hold them",
        )));
    }
    let mut diagnostics = Diagnostics::new();
    let mut papers = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file.path).map_err(|error| {
            Failure::Io(Diagnostic::error(format!(
                "cannot read `{}`: {error}",
                file.path.display()
            )))
        })?;
        let source = SourceFile {
            path: file.path.clone(),
            text,
        };
        let lowered = content::parse_paper(&source).and_then(|paper| match &paper {
            Paper::CoverReport(report) => lower::cover_report::lower_cover_report(report, &source),
        });
        match lowered {
            Ok(document) => papers.push(LoweredPaper { file, document }),
            Err(problems) => diagnostics.extend(problems),
        }
    }
    if diagnostics.has_errors() {
        return Err(Failure::Content(diagnostics));
    }
    Ok((papers, diagnostics))
}

/// Typeset every paper in the chosen formats, in memory. Fails without output if any paper fails.
pub fn render(
    papers: &[LoweredPaper],
    formats: &[Format],
    out_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Output>, Failure> {
    let mut outputs = Vec::new();
    for paper in papers {
        let stem = out_dir.join(&paper.file.output_stem);
        for format in formats {
            let path = stem.with_extension(format.extension());
            match format {
                Format::Pdf => {
                    let ident = paper.file.output_stem.to_string_lossy().replace('\\', "/");
                    match typst_writer::write_pdf(&paper.document, &ident) {
                        Ok(pdf) => {
                            diagnostics.extend(pdf.warnings.into_iter().map(|warning| {
                                warning.hint(format!(
                                    "while typesetting `{}`",
                                    paper.file.path.display()
                                ))
                            }));
                            outputs.push(Output {
                                path,
                                bytes: pdf.bytes,
                                pages: Some(pdf.pages),
                            });
                        }
                        Err(errors) => diagnostics.extend(errors.into_iter().map(|error| {
                            error.hint(format!("while typesetting `{}`", paper.file.path.display()))
                        })),
                    }
                }
                Format::Docx => outputs.push(Output {
                    path,
                    bytes: docx_writer::write_docx(&paper.document),
                    pages: None,
                }),
            }
        }
    }
    if diagnostics.has_errors() {
        return Err(Failure::Content(std::mem::take(diagnostics)));
    }
    Ok(outputs)
}

/// Write outputs atomically; a file whose bytes are unchanged is left alone.
///
/// Returns the paths actually rewritten.
pub fn write_outputs(outputs: &[Output]) -> Result<Vec<PathBuf>, Failure> {
    let mut written = Vec::new();
    for output in outputs {
        if write_atomically(&output.path, &output.bytes).map_err(|error| {
            Failure::Io(Diagnostic::error(format!(
                "cannot write `{}`: {error}",
                output.path.display()
            )))
        })? {
            written.push(output.path.clone());
        }
    }
    Ok(written)
}

/// Replace `path` with `bytes` via a temporary file and a rename, so a reader (or a failed run)
/// never sees half a file. Returns whether the file changed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|existing| existing == bytes) {
        return Ok(false);
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder {
        std::fs::create_dir_all(folder)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.part", std::process::id()));
    let result = std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map(|()| true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_skips_identical_bytes() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("sub/out.pdf");
        assert!(write_atomically(&path, b"one").unwrap());
        assert!(!write_atomically(&path, b"one").unwrap());
        assert!(write_atomically(&path, b"two").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}
