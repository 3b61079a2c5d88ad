//! A meeting's folder for publishing: the public and private packs, one public PDF per agenda
//! item, a DOCX of every paper (supplied PDFs as supplied), and two manifests: `manifest.json`
//! of the public files and `private/manifest.json` of the exempt ones, so that nothing public
//! names a private file.

use serde::Serialize;

use crate::published::names;
use crate::site::{
    FileKind, MANIFEST_SCHEMA_VERSION, PublishedFile as FileEntry, Status, media_type,
};

use super::{Format, LoweredMeeting, Session};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lower::agenda::{DocumentRole, ItemDocument, ItemPapers};
use crate::model::{Pack, PageRange};
use crate::pack::{
    PackVariant, assemble_pack, assemble_supplement, fill_page_ranges, item_file_title,
    shows_supplied_pdfs,
};
use crate::publish::{MANIFEST, Origin, Output, TypstProjectFiles, sha256_hex};

/// Printed page range of each item with papers, by item number.
type PageRanges = std::collections::BTreeMap<u32, PageRange>;
use crate::typst_writer::{self, Typesetter};

/// One file in a manifest, named relative to the manifest's own folder.
#[derive(Serialize)]
struct ManifestEntry {
    file: String,
    title: String,
    kind: FileKind,
    media_type: &'static str,
    sha256: String,
    bytes: usize,
    pages: Option<usize>,
    status: Status,
    /// The item's number: a JSON number, or text for a part ("6.1").
    item: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    appendix: Option<String>,
    /// The item's pages in its pack.
    pack_pages: Option<PageRange>,
    exempt_paragraph: Option<u8>,
    pdf_ua: Option<bool>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    schema_version: u32,
    meeting: &'a str,
    committee: &'a str,
    date: String,
    files: Vec<ManifestEntry>,
}

/// Typesets packs, collecting problems; remembers whether any pack failed.
struct PackTypesetting<'a> {
    /// The meeting's house style.
    typesetter: &'a Typesetter,
    /// Typst projects kept for `--emit-typst`.
    projects: &'a mut Vec<TypstProjectFiles>,
    context: String,
    slug: &'a str,
    diagnostics: &'a mut Diagnostics,
    failed: bool,
}

impl PackTypesetting<'_> {
    /// Record problems that stop the meeting's files from being written.
    fn fail(&mut self, errors: Vec<Diagnostic>) {
        let context = self.context.clone();
        self.diagnostics
            .extend(errors.into_iter().map(|e| e.hint(context.clone())));
        self.failed = true;
    }

    /// Typeset `pack` as `name` (relative to the meeting folder).
    fn pack(&mut self, pack: &Pack, name: &str) -> Option<typst_writer::PackPdf> {
        let ident = format!("{}/{name}", self.slug);
        match typst_writer::write_pack(pack, self.typesetter, &ident) {
            Ok(mut typeset) => {
                if let Some(project) = typeset.pdf.project.take() {
                    let stem = ident.trim_end_matches(".pdf").to_string();
                    self.projects.push((stem, project.files));
                }
                let context = self.context.clone();
                self.diagnostics.extend(
                    typeset
                        .pdf
                        .warnings
                        .iter()
                        .cloned()
                        .map(|w| w.hint(context.clone())),
                );
                if pack.has_supplied_pdfs() {
                    self.diagnostics.push(
                        Diagnostic::warning(format!(
                            "`{name}` shows pages of a supplied PDF, so it is tagged but does not claim PDF/UA-1"
                        ))
                        .hint("the accessibility of supplied PDFs cannot be checked; write the appendix as YAML to keep the pack PDF/UA-1")
                        .hint(context),
                    );
                }
                Some(typeset)
            }
            Err(errors) => {
                let context = self.context.clone();
                self.diagnostics
                    .extend(errors.into_iter().map(|e| e.hint(context.clone())));
                self.failed = true;
                None
            }
        }
    }
}

/// Every file of a meeting's folder, in memory.
pub fn render_meeting(
    session: &Session,
    projects: &mut Vec<TypstProjectFiles>,
    meeting: &LoweredMeeting,
    folder: &str,
    formats: &[Format],
    minutes: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Vec<Output> {
    let model = &meeting.model;
    // The house style the meeting's committee chose, or the run's.
    let style = meeting.typesetter.as_deref().unwrap_or(&session.typesetter);
    let mut typesetter = PackTypesetting {
        typesetter: style,
        projects,
        context: format!(
            "while typesetting the meeting `{}`",
            meeting.file.path.display()
        ),
        slug: &model.slug,
        diagnostics,
        failed: false,
    };
    // The papers' own files do not depend on the layout: write them on a second thread while
    // the packs are typeset.
    let (pack_files, (paper_files, paper_errors)) = std::thread::scope(|scope| {
        let papers = scope.spawn(|| paper_files(session, style, meeting, folder, formats));
        let packs = pack_files(meeting, folder, formats, &mut typesetter);
        let papers = papers.join().unwrap_or_else(|_| {
            (
                Vec::new(),
                vec![Diagnostic::error(
                    "writing the papers' DOCX files failed unexpectedly",
                )],
            )
        });
        (packs, papers)
    });
    let Some((mut files, ranges, supplement_ranges)) = pack_files else {
        return Vec::new();
    };
    // A paper's pages in the pack are its item's.
    files.extend(paper_files.into_iter().map(|mut file| {
        let number = model
            .items
            .iter()
            .find(|item| Some(&item.label) == file.item.as_ref())
            .map(|item| item.number);
        file.pack_pages = number.and_then(|number| {
            ranges
                .get(&number)
                .or_else(|| supplement_ranges.get(&number))
                .copied()
        });
        file
    }));
    if !paper_errors.is_empty() {
        typesetter.fail(paper_errors);
    }
    let stem = meeting_stem(meeting);
    if formats.contains(&Format::Docx) {
        let agendas = [
            (Some(&model.agenda), "agenda", FileKind::Agenda, &ranges),
            (
                model.supplement.as_ref(),
                "supplementary-agenda",
                FileKind::SupplementaryAgenda,
                &supplement_ranges,
            ),
        ];
        for (agenda, name, kind, ranges) in agendas {
            let Some(agenda) = agenda else { continue };
            let mut agenda = agenda.clone();
            fill_page_ranges(&mut agenda, ranges);
            match session.write_docx_in(style, &agenda) {
                Ok(bytes) => files.push(FileEntry {
                    output: Output {
                        title: None,
                        kind: None,
                        path: format!("{folder}/{stem}-{name}.docx"),
                        bytes,
                        pages: None,
                        origin: origin(meeting, None),
                    },
                    status: Status::Public,
                    kind,
                    title: agenda.metadata.title.clone(),
                    item: None,
                    appendix: None,
                    pack_pages: None,
                    exempt_paragraph: None,
                    pdf_ua: None,
                }),
                Err(errors) => typesetter.fail(errors),
            }
        }
    }
    if typesetter.failed {
        return Vec::new();
    }
    if formats.contains(&Format::Html) {
        let mut agenda = model.agenda.clone();
        fill_page_ranges(&mut agenda, &ranges);
        let supplement = model.supplement.clone().map(|mut supplement| {
            fill_page_ranges(&mut supplement, &supplement_ranges);
            supplement
        });
        let agendas = super::website::Agendas {
            agenda: &agenda,
            supplement: supplement.as_ref(),
        };
        let site =
            super::website::meeting_site_files(meeting, style, folder, &files, &agendas, minutes);
        files.extend(site);
    }

    outputs_with_manifests(meeting, folder, files)
}

/// The files of a meeting's folder followed by its manifests: the public files' and, if any
/// file is exempt, `private/manifest.json`.
fn outputs_with_manifests(
    meeting: &LoweredMeeting,
    folder: &str,
    files: Vec<FileEntry>,
) -> Vec<Output> {
    let model = &meeting.model;
    let date = crate::format::iso_date(model.date);
    let mut outputs = Vec::new();
    for (status, base) in [
        (Status::Public, format!("{folder}/")),
        (Status::Exempt, format!("{folder}/private/")),
    ] {
        let mut entries: Vec<ManifestEntry> = files
            .iter()
            .filter(|entry| entry.status == status)
            .map(|entry| ManifestEntry {
                file: entry
                    .output
                    .path
                    .strip_prefix(&base)
                    .unwrap_or(&entry.output.path)
                    .to_string(),
                title: entry.title.clone(),
                kind: entry.kind,
                media_type: media_type(&entry.output.path),
                sha256: sha256_hex(&entry.output.bytes),
                bytes: entry.output.bytes.len(),
                pages: entry.output.pages,
                status: entry.status,
                item: entry.item.as_ref().map(|label| match label.parse::<u32>() {
                    Ok(number) => serde_json::Value::from(number),
                    Err(_) => serde_json::Value::from(label.as_str()),
                }),
                appendix: entry.appendix.clone(),
                pack_pages: entry.pack_pages,
                exempt_paragraph: entry.exempt_paragraph,
                pdf_ua: entry.pdf_ua,
            })
            .collect();
        if entries.is_empty() && status == Status::Exempt {
            continue;
        }
        entries.sort_by(|a, b| a.file.cmp(&b.file));
        let manifest = Manifest {
            schema_version: MANIFEST_SCHEMA_VERSION,
            meeting: &model.title,
            committee: &model.facts.committee,
            date: date.clone(),
            files: entries,
        };
        let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        bytes.push(b'\n');
        outputs.push(Output {
            title: None,
            kind: None,
            path: format!("{base}{MANIFEST}"),
            bytes,
            pages: None,
            origin: origin(meeting, None),
        });
    }
    outputs.splice(0..0, files.into_iter().map(|entry| entry.output));
    outputs
}

/// The name of an item's public files without extension (its PDF; its report's or minutes'
/// Word file): "…-item-5-corporate-parenting-panel-terms-of-reference".
fn item_public_stem(meeting: &LoweredMeeting, item: &ItemPapers) -> String {
    names::with_title_of_committee(
        &names::item_stem(&meeting_stem(meeting), &item.label),
        &item.title,
        &meeting.model.facts.committee,
    )
}

/// The name of a paper's own files without extension. A report or the minutes share the
/// item's name; an appendix adds its label and title. An exempt paper's name gives no title.
pub(super) fn paper_stem(
    meeting: &LoweredMeeting,
    item: &ItemPapers,
    document: &ItemDocument,
) -> String {
    let item_stem = names::item_stem(&meeting_stem(meeting), &item.label);
    if document.exempt.is_some() {
        return format!("{item_stem}-{}", document.role.file_part());
    }
    match &document.role {
        DocumentRole::Minutes | DocumentRole::Report => item_public_stem(meeting, item),
        DocumentRole::Appendix(label) => names::with_title_of_committee(
            &format!("{item_stem}-appendix-{}", names::ascii_slug(label)),
            &document.document.metadata.title,
            &meeting.model.facts.committee,
        ),
    }
}

/// The start of every file of the meeting: "2022-05-13-corporate-parenting-panel".
fn meeting_stem(meeting: &LoweredMeeting) -> String {
    names::meeting_file_stem(&meeting.model.facts.committee, meeting.model.date)
}

/// Where a file of the meeting comes from, for messages: the meeting file, and the item.
fn origin(meeting: &LoweredMeeting, item: Option<String>) -> Origin {
    Origin {
        file: meeting.file.path.clone(),
        item,
    }
}

/// The packs and the items' PDFs, with the page ranges the public packs' layout gave: the
/// agenda pack's, and the supplementary pack's when there is one; `None` if a public pack
/// could not be typeset.
fn pack_files(
    meeting: &LoweredMeeting,
    folder: &str,
    formats: &[Format],
    typesetter: &mut PackTypesetting<'_>,
) -> Option<(Vec<FileEntry>, PageRanges, PageRanges)> {
    let model = &meeting.model;
    let mut files = Vec::new();
    let ranges = pack_set(
        meeting,
        folder,
        formats,
        typesetter,
        "agenda-pack",
        &mut files,
        |variant| Some(assemble_pack(model, variant)),
    )?;
    let supplement_ranges = if model.supplement.is_some() {
        pack_set(
            meeting,
            folder,
            formats,
            typesetter,
            "supplementary-pack",
            &mut files,
            |variant| assemble_supplement(model, variant),
        )?
    } else {
        PageRanges::new()
    };
    Some((files, ranges, supplement_ranges))
}

/// One pack named `name` ("agenda-pack", after the meeting's stem): the public pack, each of its items' PDFs cut from it, and the private
/// pack where something is withheld; their entries are added to `files`. Returns the page
/// ranges of the public pack's layout, or `None` if it could not be typeset.
fn pack_set(
    meeting: &LoweredMeeting,
    folder: &str,
    formats: &[Format],
    typesetter: &mut PackTypesetting<'_>,
    name: &str,
    files: &mut Vec<FileEntry>,
    assemble: impl Fn(PackVariant) -> Option<Pack>,
) -> Option<PageRanges> {
    let model = &meeting.model;
    let kind = if name == "agenda-pack" {
        FileKind::Pack
    } else {
        FileKind::SupplementaryPack
    };
    let name = format!("{}-{name}.pdf", meeting_stem(meeting));
    let pdf_entry = |path: &str,
                     pdf: typst_writer::Pdf,
                     accessible: bool,
                     status,
                     kind,
                     title: String,
                     item: Option<(String, PageRange)>| {
        FileEntry {
            output: Output {
                title: None,
                kind: None,
                path: format!("{folder}/{path}"),
                pages: Some(pdf.pages),
                bytes: pdf.bytes,
                origin: origin(meeting, item.as_ref().map(|(label, _)| label.clone())),
            },
            status,
            kind,
            title,
            pack_pages: item.as_ref().map(|(_, range)| *range),
            item: item.map(|(label, _)| label),
            appendix: None,
            exempt_paragraph: None,
            pdf_ua: Some(accessible),
        }
    };

    // The public pack's layout decides the page ranges everything else prints.
    let public = assemble(PackVariant::Public)?;
    let public_pdf = typesetter.pack(&public, &name)?;
    let ranges = public_pdf.page_ranges.clone();
    if !formats.contains(&Format::Pdf) {
        return Some(ranges);
    }

    // Each item's file is its pages of the public pack, cut out rather than typeset again
    // (the pack is numbered from its first page, so printed page N is laid-out page N).
    let mut item_files = Vec::new();
    let mut any_exempt = false;
    for item in &model.items {
        let Some(range) = ranges.get(&item.number) else {
            continue;
        };
        any_exempt |= item.documents.iter().any(|d| d.exempt.is_some());
        let item_name = format!("{}.pdf", item_public_stem(meeting, item));
        let accessible = !shows_supplied_pdfs(item);
        match public_pdf.extract(
            range.first as usize,
            range.last as usize,
            &item_file_title(model, item),
            &format!("{}/{item_name}", typesetter.slug),
            accessible,
        ) {
            Ok(pdf) => item_files.push(pdf_entry(
                &item_name,
                pdf,
                accessible,
                Status::Public,
                FileKind::Item,
                item_file_title(model, item),
                Some((item.label.clone(), *range)),
            )),
            Err(errors) => typesetter.fail(errors),
        }
    }
    files.push(pdf_entry(
        &name,
        public_pdf.pdf,
        !public.has_supplied_pdfs(),
        Status::Public,
        kind,
        public.metadata.title.clone(),
        None,
    ));

    // A private pack only where something is withheld from the public one.
    if any_exempt
        && let Some(private) = assemble(PackVariant::Private)
        && let Some(private_pdf) = typesetter.pack(&private, &format!("private/{name}"))
    {
        files.push(pdf_entry(
            &format!("private/{name}"),
            private_pdf.pdf,
            !private.has_supplied_pdfs(),
            Status::Exempt,
            kind,
            private.metadata.title.clone(),
            None,
        ));
    }
    files.extend(item_files);
    Some(ranges)
}

/// Each paper on its own: DOCX for what papers typesets, the file itself for supplied PDFs.
/// Returns the files and the problems met.
fn paper_files(
    session: &Session,
    style: &Typesetter,
    meeting: &LoweredMeeting,
    folder: &str,
    formats: &[Format],
) -> (Vec<FileEntry>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for item in &meeting.model.items {
        for document in &item.documents {
            let stem = paper_stem(meeting, item, document);
            let (bytes, name, pages) = match &document.attachment {
                Some(attachment) => {
                    let pages = document
                        .document
                        .blocks
                        .iter()
                        .find_map(|block| match block {
                            crate::model::Block::PdfPages { pages, .. } => Some(*pages as usize),
                            _ => None,
                        });
                    (
                        attachment.bytes.as_ref().clone(),
                        format!("{stem}.pdf"),
                        pages,
                    )
                }
                None if formats.contains(&Format::Docx) => {
                    match session.write_docx_in(style, &document.document) {
                        Ok(bytes) => (bytes, format!("{stem}.docx"), None),
                        Err(problems) => {
                            errors.extend(problems);
                            continue;
                        }
                    }
                }
                None => continue,
            };
            let (path, status) = match document.exempt {
                Some(_) => (format!("{folder}/private/{name}"), Status::Exempt),
                None => (format!("{folder}/{name}"), Status::Public),
            };
            files.push(FileEntry {
                output: Output {
                    title: None,
                    kind: None,
                    path,
                    bytes,
                    pages,
                    origin: origin(meeting, Some(item.label.clone())),
                },
                status,
                kind: match document.role {
                    DocumentRole::Minutes => FileKind::Minutes,
                    DocumentRole::Report => FileKind::Report,
                    DocumentRole::Appendix(_) => FileKind::Appendix,
                },
                title: document.document.metadata.title.clone(),
                item: Some(item.label.clone()),
                appendix: match &document.role {
                    DocumentRole::Appendix(label) => Some(label.clone()),
                    _ => None,
                },
                // Filled in once the packs are laid out.
                pack_pages: None,
                exempt_paragraph: document.exempt,
                pdf_ua: document.attachment.as_ref().map(|_| false),
            });
        }
    }
    (files, errors)
}
