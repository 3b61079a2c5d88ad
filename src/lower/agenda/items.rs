//! The agenda's items checked and resolved: numbering and groups, exemption under Schedule 12A,
//! and the papers each item presents (minutes, report, appendices, supplied PDFs).

use std::sync::Arc;

use serde_saphyr::Spanned;

use super::{DocumentRole, ItemDocument, PaperSource, ResolvedPaper};
use crate::content::meeting::{AgendaEntry, StandardItem};
use crate::diagnostics::{Diagnostic, Location, SourceFile};
use crate::format::ordinal_date;
use crate::lower::capitalise;
use crate::model::{Attachment, Block, Document, Metadata};
use crate::narrative::{ItemReference, References};

/// An agenda item in order, with its number (continuous across groups) and its group, if any.
pub(super) struct FlatItem<'a> {
    pub(super) number: u32,
    pub(super) entry: &'a Spanned<AgendaEntry>,
    /// `exempt:` of the group the item is in: it applies to every item of the group.
    pub(super) group_exempt: Option<&'a Spanned<u8>>,
}

/// Items in agenda order with their numbers; groups, and fields written where they mean
/// nothing, are checked.
pub(super) fn flatten_items<'a>(
    entries: &'a [Spanned<AgendaEntry>],
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<FlatItem<'a>> {
    let mut flat = Vec::new();
    fn walk<'a>(
        entries: &'a [Spanned<AgendaEntry>],
        source: &SourceFile,
        diagnostics: &mut Vec<Diagnostic>,
        flat: &mut Vec<FlatItem<'a>>,
        group_exempt: Option<&'a Spanned<u8>>,
        depth: usize,
    ) {
        for entry in entries {
            match (&entry.value.group, &entry.value.items) {
                (Some(_), Some(items)) if depth == 0 => {
                    check_group_fields(entry, source, diagnostics);
                    walk(
                        items,
                        source,
                        diagnostics,
                        flat,
                        entry.value.exempt.as_ref(),
                        1,
                    );
                }
                (Some(_), Some(_)) => diagnostics.push(
                    Diagnostic::error("a group cannot hold another group")
                        .at(source.location_of(entry))
                        .hint("group headings go one level deep"),
                ),
                (Some(_), None) | (None, Some(_)) => diagnostics.push(
                    Diagnostic::error("a group needs both `group` (its heading) and `items`")
                        .at(source.location_of(entry)),
                ),
                (None, None) => {
                    let number = flat.len() as u32 + 1;
                    flat.push(FlatItem {
                        number,
                        entry,
                        group_exempt,
                    });
                }
            }
        }
    }
    walk(entries, source, diagnostics, &mut flat, None, 0);
    flat
}

/// A group heading takes `group`, `items`, `description` (printed under the heading) and
/// `exempt` (every item of the group is exempt); the fields of an item mean nothing there.
pub(super) fn check_group_fields(
    entry: &Spanned<AgendaEntry>,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let group = &entry.value;
    let misplaced = [
        ("key", group.key.is_some()),
        ("standard", group.standard.is_some()),
        ("title", group.title.is_some()),
        ("minutes", group.minutes.is_some()),
        ("report", group.report.is_some()),
        ("appendices", !group.appendices.is_empty()),
    ];
    for (field, present) in misplaced {
        if present {
            diagnostics.push(
                Diagnostic::error(format!("`{field}` does not belong on a group heading"))
                    .at(source.locate_from(entry, &format!("{field}:")))
                    .expected("a group's `group`, `items`, `description` and `exempt`")
                    .hint(format!("move `{field}` to one of the group's items")),
            );
        }
    }
}

pub(super) fn item_references(
    flat: &[FlatItem<'_>],
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> References {
    let mut references = References::default();
    for FlatItem { number, entry, .. } in flat {
        if let Some(key) = &entry.value.key {
            let reference = ItemReference {
                number: *number,
                title: entry.value.title.clone().unwrap_or_default(),
            };
            if references
                .items
                .insert(key.value.clone(), reference)
                .is_some()
            {
                diagnostics.push(
                    Diagnostic::error(format!("two agenda items have the key `{}`", key.value))
                        .at(source.location_of(key)),
                );
            }
        }
    }
    references
}

pub(super) fn check_paragraph(
    paragraph: u8,
    at: Location,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u8> {
    if (1..=7).contains(&paragraph) {
        Some(paragraph)
    } else {
        diagnostics.push(
            Diagnostic::error(format!(
                "`{paragraph}` is not a paragraph of Part 1 of Schedule 12A"
            ))
            .at(at)
            .expected("a paragraph number from 1 to 7")
            .hint("paragraph 3, for example, covers financial or business affairs"),
        );
        None
    }
}

/// An item without papers that is exempt: the public may be excluded while it is discussed.
#[derive(Debug, Clone)]
pub(super) struct PrivateItem {
    pub(super) number: u32,
    pub(super) title: String,
    pub(super) paragraph: u8,
}

/// The paragraph of Schedule 12A the whole item is exempt under: its own `exempt:`, or its
/// group's. Checked; `exempt:` on a standard item other than the minutes means nothing and is an
/// error.
pub(super) fn item_exemption(
    flat_item: &FlatItem<'_>,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u8> {
    let item = &flat_item.entry.value;
    if let (Some(standard), Some(exempt)) = (item.standard, &item.exempt)
        && standard != StandardItem::Minutes
    {
        diagnostics.push(
            Diagnostic::error("`exempt` means nothing on this standard item")
                .at(source.location_of(exempt))
                .hint("exemption applies to an item's papers, or to an item discussed in private; standard items other than the minutes have neither"),
        );
        return None;
    }
    let written = item.exempt.as_ref().or(flat_item.group_exempt)?;
    if item
        .standard
        .is_some_and(|standard| standard != StandardItem::Minutes)
    {
        // A group's exemption covers its reports, not the procedural items beside them.
        return None;
    }
    check_paragraph(written.value, source.location_of(written), diagnostics)
}

/// The papers behind one agenda item, in order, with their exemptions; `item_exempt` is the
/// whole item's.
pub(super) fn item_documents(
    entry: &Spanned<AgendaEntry>,
    item_exempt: Option<u8>,
    source: &SourceFile,
    papers: &mut dyn PaperSource,
    references: &References,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ItemDocument> {
    let item = &entry.value;
    let mut documents = Vec::new();
    match (item.standard, &item.minutes, &item.report) {
        (Some(StandardItem::Minutes), Some(path), None) => {
            if let ResolvedPaper::Lowered(document) = papers.minutes(path, item_exempt) {
                documents.push(ItemDocument {
                    role: DocumentRole::Minutes,
                    document,
                    exempt: item_exempt,
                    attachment: None,
                });
            }
        }
        (Some(StandardItem::Minutes), None, None) => diagnostics.push(
            Diagnostic::error("the minutes item does not say which minutes it presents")
                .at(source.location_of(entry))
                .hint("add `minutes:` with the path of the minutes file"),
        ),
        (Some(_), Some(path), _) => diagnostics.push(
            Diagnostic::error("`minutes:` belongs to the standard minutes item")
                .at(source.location_of(path)),
        ),
        (Some(_), _, Some(report)) => diagnostics.push(
            Diagnostic::error("a standard item cannot also have a `report`")
                .at(source.location_of(report))
                .hint("make it a report item by removing `standard:`"),
        ),
        (None, Some(path), _) => diagnostics.push(
            Diagnostic::error("`minutes:` belongs to the standard minutes item")
                .at(source.location_of(path))
                .hint("add `standard: minutes`"),
        ),
        (None, None, None) if item.title.is_none() => diagnostics.push(
            Diagnostic::error("an agenda item needs a `standard`, a `report` or a `title`")
                .at(source.location_of(entry)),
        ),
        _ => {}
    }
    if let Some(report) = &item.report {
        let exempt = report
            .value
            .exempt
            .and_then(|p| check_paragraph(p, source.location_of(report), diagnostics))
            .or(item_exempt);
        // The agenda is public: an exempt report's own title must not stand in for the item's.
        if exempt.is_some() && item.title.is_none() {
            diagnostics.push(
                Diagnostic::error("an exempt report needs a `title:` for the public agenda")
                    .at(source.location_of(entry))
                    .hint("give the item a title that may be published; the report's own title stays private"),
            );
        }
        if report.value.label.is_some() {
            diagnostics.push(
                Diagnostic::error("`label` belongs to an appendix, not to the report")
                    .at(source.locate_from(report, "label:"))
                    .hint("remove it: the report is \"the report\" on the agenda"),
            );
        }
        if report.value.is_supplied_pdf() {
            diagnostics.push(
                Diagnostic::error(
                    "a cover report is typeset from YAML; a supplied PDF can only be an appendix",
                )
                .at(source.location_of(report)),
            );
        } else if report.value.title.is_some() {
            diagnostics.push(misplaced_title(source, report));
        } else if let ResolvedPaper::Lowered(document) = papers.paper(
            &report.value.paper,
            source.location_of(report),
            references,
            exempt,
        ) {
            documents.push(ItemDocument {
                role: DocumentRole::Report,
                document,
                exempt,
                attachment: None,
            });
        }
    }
    if !item.appendices.is_empty() && item.report.is_none() {
        diagnostics.push(
            Diagnostic::error("appendices belong to a report")
                .at(source.location_of(&item.appendices[0]))
                .hint("add the item's `report:`"),
        );
    }
    let mut labels: Vec<String> = Vec::new();
    for (index, appendix) in item.appendices.iter().enumerate() {
        let exempt = appendix
            .value
            .exempt
            .and_then(|p| check_paragraph(p, source.location_of(appendix), diagnostics))
            .or(item_exempt);
        let label = appendix
            .value
            .label
            .clone()
            .unwrap_or_else(|| (index + 1).to_string());
        // The label names the appendix's published file (`item-05-appendix-a.docx`): it is made
        // only of letters and digits, and no two appendices of an item share one in any case.
        if !is_safe_label(&label) {
            diagnostics.push(
                Diagnostic::error(format!("`{label}` cannot label an appendix"))
                    .at(source.locate_from(appendix, "label:"))
                    .expected("1 to 8 letters or digits, such as 2, A or 3b")
                    .hint("the label is printed (\"Appendix A\") and names the appendix's file"),
            );
            continue;
        }
        if let Some(other) = labels
            .iter()
            .find(|other| other.eq_ignore_ascii_case(&label))
        {
            diagnostics.push(
                Diagnostic::error(format!(
                    "two appendices of this item are labelled `{other}` and `{label}`"
                ))
                .at(source.location_of(appendix))
                .hint(
                    "give each appendix its own label (labels are compared without regard to case)",
                ),
            );
            continue;
        }
        labels.push(label.clone());
        if appendix.value.title.is_some() && !appendix.value.is_supplied_pdf() {
            diagnostics.push(misplaced_title(source, appendix));
            continue;
        }
        let role = DocumentRole::Appendix(label);
        if appendix.value.is_supplied_pdf() {
            let at = source.location_of(appendix);
            if let Some((bytes, pages)) = papers.supplied_pdf(&appendix.value.paper, at, exempt) {
                documents.push(supplied_pdf_document(
                    role,
                    &appendix.value,
                    bytes,
                    pages,
                    exempt,
                ));
            }
        } else if let ResolvedPaper::Lowered(document) = papers.paper(
            &appendix.value.paper,
            source.location_of(appendix),
            references,
            exempt,
        ) {
            documents.push(ItemDocument {
                role,
                document,
                exempt,
                attachment: None,
            });
        }
    }
    documents
}

/// Whether an appendix label is safe in a file name: 1 to 8 ASCII letters or digits.
pub(super) fn is_safe_label(label: &str) -> bool {
    (1..=8).contains(&label.len()) && label.bytes().all(|byte| byte.is_ascii_alphanumeric())
}

/// `title:` given to a paper written in YAML, which takes its title from the paper itself.
pub(super) fn misplaced_title(
    source: &SourceFile,
    paper: &Spanned<crate::content::meeting::PaperRef>,
) -> Diagnostic {
    Diagnostic::error("`title` is for an appendix supplied as a PDF; this paper has its own title")
        .at(source.locate_from(paper, "title:"))
        .hint("remove it, or change the title inside the paper's own file")
}

/// An appendix supplied as a PDF: its pages, each shown whole on a page of the pack.
pub(super) fn supplied_pdf_document(
    role: DocumentRole,
    reference: &crate::content::meeting::PaperRef,
    bytes: Arc<Vec<u8>>,
    pages: u32,
    exempt: Option<u8>,
) -> ItemDocument {
    let name = capitalise(&role.name());
    let title = match &reference.title {
        Some(title) => format!("{name}: {title}"),
        None => name,
    };
    // Named by its content, never by its path: `a/b.pdf` and `a_b.pdf` stay two files.
    let digest: String = crate::memo::key(&[bytes.as_slice()])
        .iter()
        .take(12)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let source_name = format!("/supplied/{digest}.pdf");
    ItemDocument {
        role,
        document: Document {
            metadata: Metadata {
                title: title.clone(),
                authors: Vec::new(),
                description: None,
                date: None,
            },
            running_header: None,
            blocks: vec![Block::PdfPages {
                source: source_name.clone(),
                pages,
                title,
            }],
        },
        exempt,
        attachment: Some(Attachment {
            source: source_name,
            bytes,
        }),
    }
}

/// The title the agenda shows: the author's, the standard one, or the report's.
pub(super) fn item_title(item: &AgendaEntry, documents: &[ItemDocument]) -> String {
    if let Some(title) = &item.title {
        return title.clone();
    }
    if let Some(minutes) = documents.iter().find(|d| d.role == DocumentRole::Minutes) {
        let held = minutes
            .document
            .metadata
            .date
            .map(ordinal_date)
            .unwrap_or_default();
        return format!("Minutes of the previous meeting held on {held}");
    }
    documents
        .iter()
        .find(|d| d.role == DocumentRole::Report)
        .map(|d| d.document.metadata.title.clone())
        .unwrap_or_default()
}
