//! Rendering a run in memory: every paper and meeting typeset in the formats asked for.

use super::meeting::render_meeting;
use super::names;
use super::parallel;
use super::website;
use super::{Failure, Format, Loaded, Session};
use crate::content::FoundFile;
use crate::diagnostics::Diagnostics;
use crate::model::Document;
use crate::publish::{Origin, Output, Publication, TypstProjectFiles};
use crate::published::FileKind;
use crate::site::pages::Link;
use crate::typst_writer;

/// The most meetings a run keeps all of Typst's layouts for.
const MEETINGS_KEPT_WARM: usize = 8;

/// Typeset everything in the chosen formats, in memory. Fails without output if anything fails,
/// or if two outputs would share a name.
pub fn render(
    session: &Session,
    loaded: &Loaded,
    formats: &[Format],
    diagnostics: &mut Diagnostics,
) -> Result<Publication, Failure> {
    let mut publication = Publication::default();
    session
        .progress
        .start("typesetting", loaded.papers.len() + loaded.meetings.len());
    // Papers and meetings are independent: each is built on a core of its own, with its own
    // messages and Typst projects, gathered afterwards in the order given.
    let papers = parallel::in_order(&loaded.papers, |paper| {
        let mut projects = Vec::new();
        let mut messages = Diagnostics::new();
        let outputs = render_document(
            session,
            &mut projects,
            &paper.document,
            &paper.file,
            formats,
            &mut messages,
        );
        session.progress.step();
        (outputs, projects, messages)
    });
    for (paper, built) in loaded.papers.iter().zip(papers) {
        let (outputs, projects, messages) =
            built.unwrap_or_else(|| failed_unexpectedly(&paper.file.path));
        publication.papers.extend(outputs);
        publication.typst_projects.extend(projects);
        diagnostics.extend(messages.iter().cloned());
    }
    let minutes = website::minutes_pages(&loaded.meetings);
    let work: Vec<_> = loaded.meetings.iter().zip(&minutes).collect();
    // Typst keeps every layout it has made for reuse; across a year of meetings that grows to
    // gigabytes, and one meeting's layouts are of no use to the next. A large run forgets, after
    // each meeting, what the last few did not use (`watch`, rebuilding a few meetings, keeps all).
    let forget_between_meetings = loaded.meetings.len() > MEETINGS_KEPT_WARM;
    let meetings = parallel::in_order(&work, |(meeting, minutes)| {
        // The slug names committee and date, so it is unique on its own; the content folders
        // above it would only repeat it.
        let folder = meeting.model.slug.clone();
        let mut projects = Vec::new();
        let mut messages = Diagnostics::new();
        let files = render_meeting(
            session,
            &mut projects,
            meeting,
            &folder,
            formats,
            minutes.as_deref(),
            &mut messages,
        );
        if forget_between_meetings {
            typst::comemo::evict(MEETINGS_KEPT_WARM);
        }
        session.progress.step();
        (files, projects, messages)
    });
    for (meeting, built) in loaded.meetings.iter().zip(meetings) {
        let (files, projects, messages) =
            built.unwrap_or_else(|| failed_unexpectedly(&meeting.file.path));
        publication
            .meetings
            .push((meeting.model.slug.clone(), files));
        publication.typst_projects.extend(projects);
        diagnostics.extend(messages.iter().cloned());
    }
    if formats.contains(&Format::Html) {
        let built: Vec<website::BuiltMeeting<'_>> = loaded
            .meetings
            .iter()
            .zip(&publication.meetings)
            .map(|(meeting, (folder, _))| website::BuiltMeeting { meeting, folder })
            .collect();
        let papers: Vec<Link> = publication
            .papers
            .iter()
            .filter(|output| output.path.ends_with(".html"))
            .map(|output| Link {
                text: output.title.clone().unwrap_or_default(),
                href: output.path.clone(),
            })
            .collect();
        let site = website::site_files(session, &built, &papers);
        publication.papers.extend(site);
    }
    diagnostics.extend(names::clashes(loaded, &publication));
    if diagnostics.has_errors() {
        return Err(Failure::Content(std::mem::take(diagnostics)));
    }
    Ok(publication)
}

/// What a paper or meeting whose build panicked gives: no files, and an error saying so (a bug,
/// which the other papers and meetings of the run survive).
fn failed_unexpectedly<T>(file: &std::path::Path) -> (Vec<T>, Vec<TypstProjectFiles>, Diagnostics) {
    let mut messages = Diagnostics::new();
    messages.push(
        crate::diagnostics::Diagnostic::error(format!(
            "building `{}` failed unexpectedly",
            file.display()
        ))
        .hint("this is a bug in papers; please report it with the file"),
    );
    (Vec::new(), Vec::new(), messages)
}

/// A paper's files: `<stem>.pdf` and/or `<stem>.docx` (the stem relative to the output folder,
/// also the PDF's identifier). The PDF's Typst project goes to `projects` when the typesetter
/// keeps them.
pub(super) fn render_document(
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
                        title: Some(document.metadata.title.clone()),
                        kind: Some(FileKind::Paper),
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
                    title: Some(document.metadata.title.clone()),
                    kind: Some(FileKind::Paper),
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
            // Formats come sorted, HTML last, so the page can link to the PDF and Word files
            // just written, with their sizes.
            Format::Html => {
                let pages = website::paper_site_files(session, document, stem, origin, &outputs);
                outputs.extend(pages);
            }
        }
    }
    outputs
}
