//! A meeting's folder for publishing: the public and private packs, one public PDF per agenda
//! item, a DOCX of every paper, and a manifest of them all.

use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Format, LoweredMeeting, Output};
use crate::diagnostics::Diagnostics;
use crate::lower::agenda::{PackVariant, assemble_item, assemble_pack, fill_page_ranges};
use crate::{docx_writer, typst_writer};

/// Whether a file may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Status {
    /// Free to publish.
    Public,
    /// Holds exempt information: for members and officers only.
    Exempt,
}

/// One file in the manifest.
#[derive(Serialize)]
struct ManifestEntry {
    file: String,
    sha256: String,
    bytes: usize,
    pages: Option<usize>,
    status: Status,
    item: Option<u32>,
    exempt_paragraph: Option<u8>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    meeting: &'a str,
    date: String,
    files: Vec<ManifestEntry>,
}

/// Every file of a meeting's folder, in memory.
pub fn render_meeting(
    meeting: &LoweredMeeting,
    folder: &Path,
    formats: &[Format],
    diagnostics: &mut Diagnostics,
) -> Vec<Output> {
    let model = &meeting.model;
    let context = format!(
        "while typesetting the meeting `{}`",
        meeting.file.path.display()
    );
    let mut files: Vec<(Output, Status, Option<u32>, Option<u8>)> = Vec::new();
    let mut failed = false;
    let mut typeset = |pack: &crate::model::Pack, ident: &str, diagnostics: &mut Diagnostics| {
        match typst_writer::write_pack(pack, ident) {
            Ok(typeset) => {
                diagnostics.extend(
                    typeset
                        .pdf
                        .warnings
                        .iter()
                        .cloned()
                        .map(|w| w.hint(context.clone())),
                );
                Some(typeset)
            }
            Err(errors) => {
                diagnostics.extend(errors.into_iter().map(|e| e.hint(context.clone())));
                failed = true;
                None
            }
        }
    };

    // The public pack's layout decides the page ranges everything else prints.
    let public = assemble_pack(model, PackVariant::Public);
    let Some(public_pdf) = typeset(&public, &format!("{}/agenda-pack", model.slug), diagnostics)
    else {
        return Vec::new();
    };
    let ranges = public_pdf.page_ranges.clone();

    if formats.contains(&Format::Pdf) {
        files.push((
            Output {
                path: folder.join("agenda-pack.pdf"),
                pages: Some(public_pdf.pdf.pages),
                bytes: public_pdf.pdf.bytes,
            },
            Status::Public,
            None,
            None,
        ));
        let private = assemble_pack(model, PackVariant::Private);
        if let Some(private_pdf) = typeset(
            &private,
            &format!("{}/private/agenda-pack", model.slug),
            diagnostics,
        ) {
            let exempt = model
                .items
                .iter()
                .any(|i| i.documents.iter().any(|d| d.exempt.is_some()));
            files.push((
                Output {
                    path: folder.join("private/agenda-pack.pdf"),
                    pages: Some(private_pdf.pdf.pages),
                    bytes: private_pdf.pdf.bytes,
                },
                if exempt {
                    Status::Exempt
                } else {
                    Status::Public
                },
                None,
                None,
            ));
        }
        for item in &model.items {
            let first = ranges.get(&item.number).map_or(1, |range| range.first);
            let Some(pack) = assemble_item(model, item.number, first) else {
                continue;
            };
            let name = format!("item-{:02}", item.number);
            if let Some(item_pdf) = typeset(&pack, &format!("{}/{name}", model.slug), diagnostics) {
                files.push((
                    Output {
                        path: folder.join(format!("{name}.pdf")),
                        pages: Some(item_pdf.pdf.pages),
                        bytes: item_pdf.pdf.bytes,
                    },
                    Status::Public,
                    Some(item.number),
                    None,
                ));
            }
        }
    }

    if formats.contains(&Format::Docx) {
        let mut agenda = model.agenda.clone();
        fill_page_ranges(&mut agenda, &ranges);
        files.push((
            Output {
                path: folder.join("agenda.docx"),
                bytes: docx_writer::write_docx(&agenda),
                pages: None,
            },
            Status::Public,
            None,
            None,
        ));
        for item in &model.items {
            for document in &item.documents {
                let name = format!("item-{:02}-{}.docx", item.number, document.role.file_part());
                let (path, status) = match document.exempt {
                    Some(_) => (folder.join("private").join(name), Status::Exempt),
                    None => (folder.join(name), Status::Public),
                };
                files.push((
                    Output {
                        path,
                        bytes: docx_writer::write_docx(&document.document),
                        pages: None,
                    },
                    status,
                    Some(item.number),
                    document.exempt,
                ));
            }
        }
    }
    if failed {
        return Vec::new();
    }

    let mut entries: Vec<ManifestEntry> = files
        .iter()
        .map(|(output, status, item, paragraph)| ManifestEntry {
            file: output
                .path
                .strip_prefix(folder)
                .unwrap_or(&output.path)
                .to_string_lossy()
                .replace('\\', "/"),
            sha256: Sha256::digest(&output.bytes)
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect(),
            bytes: output.bytes.len(),
            pages: output.pages,
            status: *status,
            item: *item,
            exempt_paragraph: *paragraph,
        })
        .collect();
    entries.sort_by(|a, b| a.file.cmp(&b.file));
    let manifest = Manifest {
        meeting: &model.title,
        date: format!(
            "{:04}-{:02}-{:02}",
            model.date.year, model.date.month, model.date.day
        ),
        files: entries,
    };
    let mut manifest_bytes =
        serde_json::to_vec_pretty(&manifest).expect("the manifest always serialises");
    manifest_bytes.push(b'\n');
    let mut outputs: Vec<Output> = files.into_iter().map(|(output, ..)| output).collect();
    outputs.push(Output {
        path: folder.join("manifest.json"),
        bytes: manifest_bytes,
        pages: None,
    });
    outputs
}
