//! The run's file cache: every content file read once (inside the content root), parsed by
//! its kind, and the figures and committees papers name resolved and computed once.

use super::house_style::{BUILT_IN_STYLES, built_in_names};
use crate::style::HouseStyle;
use crate::typst_writer::Typesetter;
use crate::typst_writer::world::TEMPLATES;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_saphyr::Spanned;

use super::figure_sources::FigureSources;
use super::{Failure, Session};
use crate::content::committee::Committee;
use crate::content::figures::FiguresFile;
use crate::diagnostics::{Diagnostic, Location, SourceFile, Warnings};
use crate::figures::{self, Figures};
use crate::input::{ContentRoot, FileKind, InputError};
use crate::kinds::{self, Kind, Parsed};
use crate::lower::agenda::ResolvedPaper;
use crate::narrative::References;
use crate::pictures::PictureReader;
use crate::{characters, lower};

/// A parsed content file.
pub(super) struct ParsedFile {
    pub(super) source: SourceFile,
    /// Its kind and content, when it parsed.
    pub(super) parsed: Option<(&'static Kind, Parsed)>,
}

/// Every content file read so far, by canonical path; files a meeting refers to are read on demand.
pub(super) struct Workspace<'s> {
    /// The folder content may read from.
    pub(super) root: ContentRoot,
    /// The run's caches: supplied PDFs are checked through it.
    pub(super) session: &'s Session,
    pub(super) files: BTreeMap<PathBuf, ParsedFile>,
    /// Figures computed so far, by the figures file's canonical path (`None`: it failed).
    pub(super) figures: BTreeMap<PathBuf, Option<Arc<Figures>>>,
    /// Files a meeting presents; they are built inside the meeting's folder, not on their own.
    pub(super) owned: BTreeSet<PathBuf>,
    /// How each presented file was first presented (exempt or not), and where.
    pub(super) presented: BTreeMap<PathBuf, (Option<u8>, Location)>,
    /// Every file read (or tried), for a watcher.
    pub(super) inputs: BTreeSet<PathBuf>,
    /// Reads the pictures papers show, each once; it keeps the paths tried for a watcher.
    pub(super) pictures: Arc<PictureReader>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Warnings found in the text of papers as they are lowered.
    pub(super) warnings: Warnings,
}

impl Workspace<'_> {
    /// Read and parse the YAML file at `path` once (inside the content root); its problems are
    /// recorded once.
    pub(super) fn read(&mut self, path: &Path) -> Result<PathBuf, InputError> {
        self.inputs.insert(path.to_path_buf());
        let canonical = self.root.resolve(path, FileKind::Yaml)?;
        if !self.files.contains_key(&canonical) {
            let text = crate::input::read_text_file(&canonical)?;
            let source = SourceFile {
                path: path.to_path_buf(),
                text,
            };
            let problems = characters::check_source(&source);
            let parsed = if problems.iter().any(Diagnostic::is_error) {
                None
            } else {
                match kinds::parse(&source) {
                    Ok(parsed) => Some(parsed),
                    Err(more) => {
                        self.diagnostics.extend(more);
                        None
                    }
                }
            };
            self.diagnostics.extend(problems);
            self.files
                .insert(canonical.clone(), ParsedFile { source, parsed });
        }
        Ok(canonical)
    }

    /// Resolve a path written in `from` (relative to it) and read that file.
    pub(super) fn refer(
        &mut self,
        from: &SourceFile,
        written: &str,
        at: Location,
    ) -> Option<PathBuf> {
        let base = from.path.parent().unwrap_or(Path::new(""));
        let path = base.join(written);
        match self.read(&path) {
            Ok(canonical) => Some(canonical),
            Err(error) => {
                self.diagnostics
                    .push(input_diagnostic(&error, written, from, at));
                None
            }
        }
    }

    /// The committee a meeting or minutes file names.
    /// The typesetter of the house style the committee `written` in `from` chooses
    /// (`house_style:`): `Some(None)` for the run's own (none chosen, a built-in name, or
    /// `--templates` given), `None` once a problem is reported.
    pub(super) fn committee_style(
        &mut self,
        from: &SourceFile,
        written: &Spanned<String>,
    ) -> Option<Option<Arc<Typesetter>>> {
        if self.session.style_overridden {
            return Some(None);
        }
        let canonical = self.refer(from, &written.value, from.location_of(written))?;
        let file = &self.files[&canonical];
        let Some((_, Parsed::Committee(committee))) = &file.parsed else {
            return Some(None);
        };
        let Some(choice) = committee.house_style.clone() else {
            return Some(None);
        };
        let source = file.source.clone();
        let at = source.location_of(&choice);
        // The default style is the run's own; another built-in one is made once per session.
        if choice.value == BUILT_IN_STYLES[0].name {
            return Some(None);
        }
        match self.session.typesetter_for_built_in(&choice.value) {
            Some(Ok(typesetter)) => return Some(Some(typesetter)),
            Some(Err(failure)) => {
                self.report_style_failure(failure, &at);
                return None;
            }
            None => {}
        }
        let folder = source
            .path
            .parent()
            .unwrap_or(Path::new(""))
            .join(&choice.value);
        if !folder.is_dir() {
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "`{}` is neither a built-in house style nor a style folder",
                    choice.value
                ))
                .at(at)
                .expected(format!("a folder, or one of {}", built_in_names()))
                .hint("name a built-in style, or give the folder that holds the style's style.yaml and templates, relative to this file"),
            );
            return None;
        }
        if !self.root.contains(&folder) {
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "the style folder `{}` is outside the content root `{}`",
                    choice.value,
                    self.root.shown().display()
                ))
                .at(at)
                .hint("keep the style folder inside the content root, or give --root"),
            );
            return None;
        }
        // Each file of a style the content chose stays inside the root, links followed: its
        // templates, its data, its fonts folder and what is in it.
        let mut files: Vec<PathBuf> = TEMPLATES
            .iter()
            .map(|(name, _)| folder.join(name))
            .chain([folder.join("style.yaml"), folder.join("fonts")])
            .collect();
        if let Ok(entries) = std::fs::read_dir(folder.join("fonts")) {
            files.extend(entries.filter_map(|entry| Some(entry.ok()?.path())));
        }
        for path in files {
            let name = path
                .strip_prefix(&folder)
                .unwrap_or(&path)
                .display()
                .to_string();
            if std::fs::symlink_metadata(&path).is_ok() && !self.root.contains(&path) {
                self.diagnostics.push(
                    Diagnostic::error(format!(
                        "`{}` of the style folder `{}` leads outside the content root `{}`",
                        name,
                        choice.value,
                        self.root.shown().display()
                    ))
                    .at(at)
                    .hint("content is read only from inside the content root; copy the file in, or give --root"),
                );
                return None;
            }
        }
        match self.session.typesetter_for(&folder) {
            Ok((typesetter, read)) => {
                self.inputs.extend(read);
                Some(Some(typesetter))
            }
            Err(failure) => {
                self.report_style_failure(failure, &at);
                None
            }
        }
    }

    /// Why a style could not be read, at the committee's `house_style:` when the problem has no
    /// place of its own.
    fn report_style_failure(&mut self, failure: Failure, at: &Location) {
        match failure {
            Failure::Content(problems) => self.diagnostics.extend(problems),
            Failure::Io(problem) => self.diagnostics.push(problem.at(at.clone())),
        }
    }

    pub(super) fn committee(
        &mut self,
        from: &SourceFile,
        written: &Spanned<String>,
    ) -> Option<Committee> {
        let canonical = self.refer(from, &written.value, from.location_of(written))?;
        let file = &self.files[&canonical];
        match &file.parsed {
            Some((_, Parsed::Committee(committee))) => {
                if let Some(website) = &committee.website
                    && !is_web_address(&website.value)
                {
                    let at = file.source.location_of(website);
                    self.diagnostics.push(
                        Diagnostic::error(format!(
                            "`website: {}` is not a web address",
                            website.value
                        ))
                        .at(at)
                        .hint("give the address the output folder is published at, starting https://, such as https://www.example.gov.uk/committee-papers/"),
                    );
                }
                Some((**committee).clone())
            }
            Some((kind, _)) => {
                self.diagnostics.push(
                    Diagnostic::error(format!(
                        "`{}` is a {}, not a committee",
                        written.value, kind.noun
                    ))
                    .at(from.location_of(written)),
                );
                None
            }
            None => None,
        }
    }

    /// The figures a paper names, computed once per figures file.
    pub(super) fn figures(
        &mut self,
        from: &SourceFile,
        written: &Spanned<String>,
    ) -> Option<Arc<Figures>> {
        let canonical = self.refer(from, &written.value, from.location_of(written))?;
        match self
            .files
            .get(&canonical)
            .and_then(|file| file.parsed.as_ref())
        {
            Some((_, Parsed::Figures(_))) => self.figures_at(&canonical),
            // A file that did not parse has had its problems reported already.
            None => None,
            Some((kind, _)) => {
                let kind = kind.noun;
                self.diagnostics.push(
                    Diagnostic::error(format!(
                        "`{}` is a {kind}, not a figures file",
                        written.value
                    ))
                    .at(from.location_of(written)),
                );
                None
            }
        }
    }

    /// The figures of the figures file at `canonical`, computed once.
    pub(super) fn figures_at(&mut self, canonical: &Path) -> Option<Arc<Figures>> {
        if let Some(cached) = self.figures.get(canonical) {
            return cached.clone();
        }
        let file = self.files.get(canonical)?;
        let computed = match &file.parsed {
            Some((_, Parsed::Figures(definition))) => {
                let (definition, source) = ((**definition).clone(), file.source.clone());
                self.compute_figures(&definition, &source)
            }
            _ => None,
        };
        self.figures
            .insert(canonical.to_path_buf(), computed.clone());
        computed
    }

    pub(super) fn compute_figures(
        &mut self,
        definition: &FiguresFile,
        source: &SourceFile,
    ) -> Option<Arc<Figures>> {
        let mut problems = Vec::new();
        let mut sources = FigureSources {
            root: &self.root,
            inputs: &mut self.inputs,
        };
        let table = match &definition.series {
            Some(path) => sources.series(path, source, &mut problems),
            None => Default::default(),
        };
        let definition = &sources.table_rows(definition, source, &mut problems);
        if !problems.is_empty() {
            self.diagnostics.extend(problems);
            return None;
        }
        match figures::compute(definition, source, &table) {
            Ok(figures) => Some(Arc::new(figures)),
            Err(problems) => {
                self.diagnostics.extend(problems);
                None
            }
        }
    }

    /// The paper read from `canonical` and its source, if the file is a paper.
    pub(super) fn paper(&self, canonical: &Path) -> Option<(Arc<dyn lower::Paper>, SourceFile)> {
        match self.files.get(canonical)? {
            ParsedFile {
                parsed: Some((_, Parsed::Paper(paper))),
                source,
            } => Some((Arc::clone(paper), source.clone())),
            _ => None,
        }
    }

    /// Lower a paper of any kind, with the figures and committee it names.
    pub(super) fn lower(
        &mut self,
        canonical: &Path,
        references: &References,
        style: &HouseStyle,
    ) -> ResolvedPaper {
        let Some(file) = self.files.get(canonical) else {
            return ResolvedPaper::Failed;
        };
        let Some((paper, source)) = self.paper(canonical) else {
            // Read, but not a paper (a committee, a figures file): say so; unread, already said.
            if let Some((kind, _)) = &file.parsed {
                let source = &file.source;
                self.diagnostics.push(
                    Diagnostic::error(format!("a {} cannot be presented as a paper", kind.noun))
                        .at(Location::from_line_column(&source.path, &source.text, 1, 1)),
                );
            }
            return ResolvedPaper::Failed;
        };
        let result = paper.lower(
            &source,
            &mut Resolving {
                workspace: self,
                references,
                style,
            },
        );
        match result {
            Ok(document) => {
                let problems = lower::limits::check_document(&document, &source);
                if problems.is_empty() {
                    ResolvedPaper::Lowered(document)
                } else {
                    self.diagnostics.extend(problems);
                    ResolvedPaper::Failed
                }
            }
            Err(problems) => {
                self.diagnostics.extend(problems);
                ResolvedPaper::Failed
            }
        }
    }
}

/// A file that could not be read, at the place `from` names it: what and why, never a byte of
/// the file itself.
pub(super) fn input_diagnostic(
    error: &InputError,
    written: &str,
    from: &SourceFile,
    at: Location,
) -> Diagnostic {
    let mut at = at;
    at.length = at.length.max(written.chars().count());
    let mut diagnostic =
        Diagnostic::error(format!("cannot read `{written}`: {}", error.reason())).at(at);
    if let Some(hint) = error.hint() {
        diagnostic = diagnostic.hint(hint);
    }
    if matches!(error, InputError::Io(_)) {
        diagnostic = diagnostic.hint(format!("paths are relative to `{}`", from.path.display()));
    }
    diagnostic
}

/// What a paper being lowered may ask of the workspace.
pub(super) struct Resolving<'a, 's> {
    pub(super) workspace: &'a mut Workspace<'s>,
    pub(super) references: &'a References,
    /// The house style the paper is lowered in.
    pub(super) style: &'a HouseStyle,
}

impl lower::Resolve for Resolving<'_, '_> {
    fn figures(&mut self, from: &SourceFile, written: &Spanned<String>) -> Option<Arc<Figures>> {
        self.workspace.figures(from, written)
    }

    fn committee(&mut self, from: &SourceFile, written: &Spanned<String>) -> Option<Committee> {
        self.workspace.committee(from, written)
    }

    fn references(&self) -> &References {
        self.references
    }

    fn style(&self) -> &HouseStyle {
        self.style
    }

    fn pictures(&self) -> Arc<PictureReader> {
        Arc::clone(&self.workspace.pictures)
    }

    fn warnings(&self) -> Warnings {
        self.workspace.warnings.clone()
    }
}

/// Whether `text` is an `http(s)` address with a host and nothing a link or a calendar line
/// could not carry.
fn is_web_address(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && rest
                .chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`'))
    })
}
