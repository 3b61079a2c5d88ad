//! The build pipeline: find content inside the content root, parse and lower every paper and
//! meeting, then typeset everything in memory; [`crate::publish`] writes it only if the whole run
//! is clean.

mod meeting;
mod names;
mod session;

pub use session::Session;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_saphyr::Spanned;

use crate::content::committee::Committee;
use crate::content::figures::FiguresFile;
use crate::content::{self, FoundFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, SourceFile};
use crate::figures::{self, Figures};
use crate::input::{ContentRoot, FileKind, InputError};
use crate::kinds::{self, Kind, Parsed};
use crate::lower::agenda::{MeetingModel, PaperSource, ResolvedPaper};
use crate::model::Document;
use crate::narrative::References;
use crate::publish::{Origin, Output, Publication, TypstProjectFiles};
use crate::typst_writer;
use crate::{characters, lower};

pub use meeting::render_meeting;

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

/// A paper read and lowered on its own, ready for the writers.
pub struct LoweredPaper {
    /// Where it came from.
    pub file: FoundFile,
    /// The document model.
    pub document: Document,
}

/// A meeting read and lowered, with its papers.
pub struct LoweredMeeting {
    /// The meeting file.
    pub file: FoundFile,
    /// Where its date is written (its folder is named by committee and date), for messages.
    pub date_place: Location,
    /// Agenda and papers.
    pub model: MeetingModel,
}

/// Everything a run will write.
#[derive(Default)]
pub struct Loaded {
    /// Papers built on their own.
    pub papers: Vec<LoweredPaper>,
    /// Meetings, each built into its own folder.
    pub meetings: Vec<LoweredMeeting>,
}

/// Why a run stopped.
#[derive(Debug)]
pub enum Failure {
    /// The content has problems (exit code 1).
    Content(Diagnostics),
    /// A path could not be read or written (exit code 2).
    Io(Diagnostic),
}

/// A parsed content file.
struct ParsedFile {
    source: SourceFile,
    /// Its kind and content, when it parsed.
    parsed: Option<(&'static Kind, Parsed)>,
}

/// Every content file read so far, by canonical path; files a meeting refers to are read on demand.
struct Workspace<'s> {
    /// The folder content may read from.
    root: ContentRoot,
    /// The run's caches: supplied PDFs are checked through it.
    session: &'s Session,
    files: BTreeMap<PathBuf, ParsedFile>,
    /// Figures computed so far, by the figures file's canonical path (`None`: it failed).
    figures: BTreeMap<PathBuf, Option<Arc<Figures>>>,
    /// Files a meeting presents; they are built inside the meeting's folder, not on their own.
    owned: BTreeSet<PathBuf>,
    /// How each presented file was first presented (exempt or not), and where.
    presented: BTreeMap<PathBuf, (Option<u8>, Location)>,
    /// Every file read (or tried), for a watcher.
    inputs: BTreeSet<PathBuf>,
    diagnostics: Vec<Diagnostic>,
}

impl Workspace<'_> {
    /// Read and parse the YAML file at `path` once (inside the content root); its problems are
    /// recorded once.
    fn read(&mut self, path: &Path) -> Result<PathBuf, InputError> {
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
    fn refer(&mut self, from: &SourceFile, written: &str, at: Location) -> Option<PathBuf> {
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
    fn committee(&mut self, from: &SourceFile, written: &Spanned<String>) -> Option<Committee> {
        let canonical = self.refer(from, &written.value, from.location_of(written))?;
        let file = &self.files[&canonical];
        match &file.parsed {
            Some((_, Parsed::Committee(committee))) => Some((**committee).clone()),
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
    fn figures(&mut self, from: &SourceFile, written: &Spanned<String>) -> Option<Arc<Figures>> {
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
    fn figures_at(&mut self, canonical: &Path) -> Option<Arc<Figures>> {
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

    fn compute_figures(
        &mut self,
        definition: &FiguresFile,
        source: &SourceFile,
    ) -> Option<Arc<Figures>> {
        let mut problems = Vec::new();
        let table = match &definition.series {
            Some(path) => {
                let full = source
                    .path
                    .parent()
                    .unwrap_or(Path::new(""))
                    .join(&path.value);
                self.inputs.insert(full.clone());
                match self.root.read_text(&full, FileKind::Csv) {
                    Ok(text) => {
                        let csv = SourceFile { path: full, text };
                        problems.extend(characters::check_source(&csv));
                        figures::series::read_table(&csv, &mut problems)
                    }
                    Err(error) => {
                        problems.push(input_diagnostic(
                            &error,
                            &path.value,
                            source,
                            source.location_of(path),
                        ));
                        Default::default()
                    }
                }
            }
            None => Default::default(),
        };
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

    /// Lower a paper of any kind, with the figures and committee it names.
    fn lower(&mut self, canonical: &Path, references: &References) -> ResolvedPaper {
        let Some(file) = self.files.get(canonical) else {
            return ResolvedPaper::Failed;
        };
        let source = file.source.clone();
        let paper = match &file.parsed {
            Some((_, Parsed::Paper(paper))) => Arc::clone(paper),
            Some((kind, _)) => {
                self.diagnostics.push(
                    Diagnostic::error(format!("a {} cannot be presented as a paper", kind.noun))
                        .at(Location::from_line_column(&source.path, &source.text, 1, 1)),
                );
                return ResolvedPaper::Failed;
            }
            None => return ResolvedPaper::Failed,
        };
        let result = paper.lower(
            &source,
            &mut Resolving {
                workspace: self,
                references,
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
fn input_diagnostic(
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
struct Resolving<'a, 's> {
    workspace: &'a mut Workspace<'s>,
    references: &'a References,
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
}

/// Resolves a meeting's papers within the workspace, relative to the meeting file.
struct MeetingPapers<'a, 's> {
    workspace: &'a mut Workspace<'s>,
    meeting: SourceFile,
}

impl MeetingPapers<'_, '_> {
    /// Record that the meeting presents the file at `canonical` (written at `at`) as exempt or
    /// not. One file presented both ways, in one meeting or two, would reach the public files
    /// in one place while withheld in another: an error. A cover report whose own front page
    /// says it is exempt may not be presented in public either.
    fn present(&mut self, canonical: &Path, at: &Location, exempt: Option<u8>) -> bool {
        self.workspace.owned.insert(canonical.to_path_buf());
        let mut ok = true;
        match self.workspace.presented.get(canonical) {
            Some((earlier, place)) if earlier.is_some() != exempt.is_some() => {
                let (exempt_at, public_at) = if exempt.is_some() {
                    (at, place)
                } else {
                    (place, at)
                };
                self.workspace.diagnostics.push(
                    Diagnostic::error(
                        "this paper is presented as exempt in one place and in public in another",
                    )
                    .at(at.clone())
                    .hint(format!(
                        "exempt at {}:{}, public at {}:{}; a paper is either exempt or public",
                        exempt_at.file.display(),
                        exempt_at.line,
                        public_at.file.display(),
                        public_at.line
                    )),
                );
                ok = false;
            }
            Some(_) => {}
            None => {
                self.workspace
                    .presented
                    .insert(canonical.to_path_buf(), (exempt, at.clone()));
            }
        }
        if exempt.is_none()
            && let Some(ParsedFile {
                parsed: Some((_, Parsed::Paper(paper))),
                source,
            }) = self.workspace.files.get(canonical)
            && let Some(answer) = paper.claimed_exemption()
        {
            self.workspace.diagnostics.push(
                Diagnostic::error(format!(
                    "the report says it is exempt (`exempt: {answer}`), but the agenda presents it in public"
                ))
                .at(at.clone())
                .hint(format!(
                    "give it `exempt:` with the paragraph of Schedule 12A here, or change `exempt:` in `{}` to no",
                    source.path.display()
                )),
            );
            ok = false;
        }
        ok
    }
}

impl PaperSource for MeetingPapers<'_, '_> {
    fn minutes(&mut self, path: &Spanned<String>, exempt: Option<u8>) -> ResolvedPaper {
        let at = self.meeting.location_of(path);
        let Some(canonical) = self.workspace.refer(&self.meeting, &path.value, at.clone()) else {
            return ResolvedPaper::Failed;
        };
        if !self.present(&canonical, &at, exempt) {
            return ResolvedPaper::Failed;
        }
        if let Some(file) = self.workspace.files.get(&canonical)
            && file
                .parsed
                .as_ref()
                .is_some_and(|(kind, _)| !kind.presented_as_minutes)
        {
            self.workspace
                .diagnostics
                .push(Diagnostic::error(format!("`{}` is not minutes", path.value)).at(at));
            return ResolvedPaper::Failed;
        }
        self.workspace.lower(&canonical, &References::default())
    }

    fn supplied_pdf(
        &mut self,
        path: &str,
        at: Location,
        exempt: Option<u8>,
    ) -> Option<(Arc<Vec<u8>>, u32)> {
        let base = self.meeting.path.parent().unwrap_or(Path::new(""));
        let full = base.join(path);
        self.workspace.inputs.insert(full.clone());
        let read = self
            .workspace
            .root
            .resolve(&full, FileKind::Pdf)
            .and_then(|canonical| {
                let bytes = crate::input::read_regular_file(&canonical, FileKind::Pdf.limit())?;
                Ok((canonical, bytes))
            });
        let bytes = match read {
            Ok((canonical, bytes)) => {
                if !self.present(&canonical, &at, exempt) {
                    return None;
                }
                Arc::new(bytes)
            }
            Err(error) => {
                self.workspace
                    .diagnostics
                    .push(input_diagnostic(&error, path, &self.meeting, at));
                return None;
            }
        };
        match self.workspace.session.supplied.check(&bytes) {
            Ok(pages) => Some((bytes, pages)),
            Err(why) => {
                self.workspace.diagnostics.push(
                    Diagnostic::error(format!("cannot use `{path}`: it {why}"))
                        .at(at)
                        .hint(crate::supplied::hint(&why)),
                );
                None
            }
        }
    }

    fn paper(
        &mut self,
        path: &str,
        at: Location,
        references: &References,
        exempt: Option<u8>,
    ) -> ResolvedPaper {
        let Some(canonical) = self.workspace.refer(&self.meeting, path, at.clone()) else {
            return ResolvedPaper::Failed;
        };
        if !self.present(&canonical, &at, exempt) {
            return ResolvedPaper::Failed;
        }
        self.workspace.lower(&canonical, references)
    }
}

/// Read, parse and lower every paper and meeting under `paths` (all inside `root`), collecting
/// every problem.
pub fn load(
    paths: &[PathBuf],
    root: &ContentRoot,
    session: &Session,
) -> Result<(Loaded, Diagnostics), Failure> {
    load_recording(paths, root, session, &mut BTreeSet::new())
}

/// [`load`], adding every file it read (or tried to) to `inputs`, even when it fails: what a
/// watcher must watch.
pub fn load_recording(
    paths: &[PathBuf],
    root: &ContentRoot,
    session: &Session,
    inputs: &mut BTreeSet<PathBuf>,
) -> Result<(Loaded, Diagnostics), Failure> {
    let mut workspace = Workspace {
        root: root.clone(),
        session,
        files: BTreeMap::new(),
        figures: BTreeMap::new(),
        owned: BTreeSet::new(),
        presented: BTreeMap::new(),
        inputs: BTreeSet::new(),
        diagnostics: Vec::new(),
    };
    let result = load_into(paths, &mut workspace);
    inputs.append(&mut workspace.inputs);
    result
}

fn load_into(
    paths: &[PathBuf],
    workspace: &mut Workspace,
) -> Result<(Loaded, Diagnostics), Failure> {
    let found = content::find_content(paths, &workspace.root).map_err(Failure::Io)?;
    if found.is_empty() {
        let given: Vec<String> = paths
            .iter()
            .map(|path| format!("`{}`", path.display()))
            .collect();
        return Err(Failure::Io(
            Diagnostic::error(format!("no content found in {}", given.join(", ")))
                .hint("give YAML files (.yaml or .yml), or folders that hold them"),
        ));
    }
    let mut given = Vec::new();
    for file in found {
        let canonical = workspace.read(&file.path).map_err(|error| {
            Failure::Io(Diagnostic::error(format!(
                "cannot read `{}`: {}",
                file.path.display(),
                error.reason()
            )))
        })?;
        given.push((canonical, file));
    }

    let mut loaded = Loaded::default();
    // Meetings first: they decide which papers are theirs.
    for (canonical, file) in &given {
        let Some(ParsedFile {
            source,
            parsed: Some((_, Parsed::Meeting(meeting))),
        }) = workspace.files.get(canonical)
        else {
            continue;
        };
        let (source, meeting) = (source.clone(), meeting.clone());
        let Some(committee) = workspace.committee(&source, &meeting.committee) else {
            continue;
        };
        let mut papers = MeetingPapers {
            workspace: &mut *workspace,
            meeting: source.clone(),
        };
        match lower::agenda::lower_meeting(&meeting, &source, &committee, &mut papers) {
            Ok(model) => {
                let mut problems = lower::limits::check_document(&model.agenda, &source);
                let characters: usize = model
                    .items
                    .iter()
                    .flat_map(|item| &item.documents)
                    .map(|paper| lower::limits::characters(&paper.document))
                    .sum();
                if characters > lower::limits::MOST_PACK_CHARACTERS {
                    problems.push(
                        Diagnostic::error(format!(
                            "this meeting's papers have {characters} characters of text, more than the {} one agenda pack may have",
                            lower::limits::MOST_PACK_CHARACTERS
                        ))
                        .at(source.locate(""))
                        .hint("publish the largest documents as background papers, or split the meeting's business"),
                    );
                }
                if problems.is_empty() {
                    let date_place = source.locate_key("date");
                    loaded.meetings.push(LoweredMeeting {
                        file: file.clone(),
                        date_place,
                        model,
                    });
                } else {
                    workspace.diagnostics.extend(problems);
                }
            }
            Err(problems) => workspace.diagnostics.extend(problems),
        }
    }
    // A meeting's folder holds its papers: one the agenda does not present (business deferred,
    // an old version) is not published on its own, where it could show exempt text in public.
    let meeting_folders: Vec<(&Path, &Path)> = given
        .iter()
        .filter(|(canonical, _)| {
            matches!(
                workspace
                    .files
                    .get(canonical)
                    .and_then(|f| f.parsed.as_ref()),
                Some((_, Parsed::Meeting(_)))
            )
        })
        .filter_map(|(canonical, file)| Some((canonical.parent()?, file.path.as_path())))
        .collect();
    for (canonical, file) in &given {
        if workspace.owned.contains(canonical) {
            continue;
        }
        if let Some((_, meeting)) = meeting_folders
            .iter()
            .find(|(folder, _)| canonical.starts_with(folder))
            && workspace
                .files
                .get(canonical)
                .is_some_and(|f| matches!(f.parsed, Some((_, Parsed::Paper(_)))))
        {
            workspace.diagnostics.push(
                Diagnostic::warning(format!(
                    "`{}` is in the folder of the meeting `{}` but not on its agenda, so it is not built",
                    file.path.display(),
                    meeting.display()
                ))
                .hint("a meeting's papers are published only through its agenda; to publish this paper on its own, move it out of the meeting's folder"),
            );
            continue;
        }
        if let Some(ParsedFile {
            parsed: Some((_, Parsed::Paper(paper))),
            source,
        }) = workspace.files.get(canonical)
            && let Some(answer) = paper.claimed_exemption()
        {
            let problem = Diagnostic::error(format!(
                "this report says it is exempt (`exempt: {answer}`), so it cannot be published on its own"
            ))
            .at(source.locate_key("exempt"))
            .hint("present it as exempt business of a meeting (`exempt:` with the paragraph of Schedule 12A), or change `exempt:` to no");
            workspace.diagnostics.push(problem);
            continue;
        }
        let standalone = matches!(
            workspace.files.get(canonical).and_then(|f| f.parsed.as_ref()),
            Some((kind, Parsed::Paper(_))) if kind.stands_alone
        );
        if standalone
            && let ResolvedPaper::Lowered(document) =
                workspace.lower(canonical, &References::default())
        {
            loaded.papers.push(LoweredPaper {
                file: file.clone(),
                document,
            });
        }
    }

    // Figures files are checked even when no paper uses them yet.
    for (canonical, _) in &given {
        if matches!(
            workspace
                .files
                .get(canonical)
                .and_then(|f| f.parsed.as_ref()),
            Some((_, Parsed::Figures(_)))
        ) {
            workspace.figures_at(canonical);
        }
    }

    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(std::mem::take(&mut workspace.diagnostics));
    if diagnostics.has_errors() {
        return Err(Failure::Content(diagnostics));
    }
    Ok((loaded, diagnostics))
}

/// Typeset everything in the chosen formats, in memory. Fails without output if anything fails,
/// or if two outputs would share a name.
pub fn render(
    session: &Session,
    loaded: &Loaded,
    formats: &[Format],
    diagnostics: &mut Diagnostics,
) -> Result<Publication, Failure> {
    let mut publication = Publication::default();
    for paper in &loaded.papers {
        publication.papers.extend(render_document(
            session,
            &mut publication.typst_projects,
            &paper.document,
            &paper.file,
            formats,
            diagnostics,
        ));
    }
    for meeting in &loaded.meetings {
        // The slug names committee and date, so it is unique on its own; the content folders
        // above it would only repeat it.
        let folder = meeting.model.slug.clone();
        let files = render_meeting(
            session,
            &mut publication.typst_projects,
            meeting,
            &folder,
            formats,
            diagnostics,
        );
        publication.meetings.push((folder, files));
    }
    diagnostics.extend(names::clashes(loaded, &publication));
    if diagnostics.has_errors() {
        return Err(Failure::Content(std::mem::take(diagnostics)));
    }
    Ok(publication)
}

/// A paper's files: `<stem>.pdf` and/or `<stem>.docx` (the stem relative to the output folder,
/// also the PDF's identifier). The PDF's Typst project goes to `projects` when the typesetter
/// keeps them.
fn render_document(
    session: &Session,
    projects: &mut Vec<TypstProjectFiles>,
    document: &Document,
    file: &FoundFile,
    formats: &[Format],
    diagnostics: &mut Diagnostics,
) -> Vec<Output> {
    let stem = file.output_stem.as_str();
    let origin = file.path.as_path();
    let context = format!("while typesetting `{}`", origin.display());
    let mut outputs = Vec::new();
    for format in formats {
        let path = format!("{stem}.{}", format.extension());
        match format {
            Format::Pdf => match typst_writer::write_pdf(document, &session.typesetter, stem) {
                Ok(pdf) => {
                    projects.extend(pdf.project.map(|project| (stem.to_string(), project.files)));
                    diagnostics.extend(pdf.warnings.into_iter().map(|w| w.hint(&context)));
                    outputs.push(Output {
                        path,
                        bytes: pdf.bytes,
                        pages: Some(pdf.pages),
                        origin: Origin {
                            file: origin.to_path_buf(),
                            item: None,
                        },
                    });
                }
                Err(errors) => diagnostics.extend(errors.into_iter().map(|e| e.hint(&context))),
            },
            Format::Docx => match session.write_docx(document) {
                Ok(bytes) => outputs.push(Output {
                    path,
                    bytes,
                    pages: None,
                    origin: Origin {
                        file: origin.to_path_buf(),
                        item: None,
                    },
                }),
                Err(errors) => diagnostics.extend(errors.into_iter().map(|e| e.hint(&context))),
            },
        }
    }
    outputs
}
