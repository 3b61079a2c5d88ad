//! The agenda's items resolved: numbering and groups, exemption under Schedule 12A,
//! and the papers each item presents (minutes, report, appendices, supplied PDFs).

use std::sync::Arc;

use serde_saphyr::Spanned;

use super::{
    DocumentRole, ItemDocument, PaperSource, PresentedAppendix, PresentedItem, ResolvedPaper,
};
use crate::content::committee::Committee;
use crate::content::common::TextOrNumber;
use crate::content::meeting::{AgendaEntry, AgendaItem, ItemKind, StandardItem};
use crate::diagnostics::{Diagnostic, Location, SourceFile};
use crate::lower::capitalise;
use crate::model::{Attachment, Block, Document, Metadata};
use crate::narrative::{ItemReference, References};
use crate::style::HouseStyle;

/// An agenda item in order, with its number (continuous across groups) and its group, if any.
pub(super) struct FlatItem<'a> {
    /// Its place in the agenda's order, from 1: what page ranges and files are keyed by.
    pub(super) number: u32,
    /// Its number as printed: `[7]`, or `[6, 1]` for the first part of a group in parts.
    pub(super) parts: Vec<u32>,
    pub(super) item: &'a AgendaItem,
    /// Where the item is written.
    pub(super) place: Location,
    /// `exempt:` of the group the item is in: it applies to every item of the group.
    pub(super) group_exempt: Option<&'a Spanned<u8>>,
}

/// Items in agenda order with their numbers: each the next, unless numbered by hand, when the
/// items after it number on from it. The content types already hold only valid shapes (groups
/// one level deep, fields where they mean something); a number by hand must be a number and
/// rise.
pub(super) fn flatten_items<'a>(
    entries: &'a [Spanned<AgendaEntry>],
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<FlatItem<'a>> {
    let mut flat = Vec::new();
    let mut printed = 0;
    // The number printed for the item before, for a number by hand to follow.
    let mut last: Vec<u32> = Vec::new();
    let mut push = |item: &'a AgendaItem, place: Location, group_exempt, parts| {
        let number = flat.len() as u32 + 1;
        flat.push(FlatItem {
            number,
            parts,
            item,
            place,
            group_exempt,
        });
    };
    for entry in entries {
        match &entry.value {
            AgendaEntry::Item(item) => {
                let parts = match &item.number {
                    Some(number) => match hand_number(number, &last, source) {
                        Ok(parts) => parts,
                        Err(problem) => {
                            diagnostics.push(problem);
                            vec![printed + 1]
                        }
                    },
                    None => vec![printed + 1],
                };
                printed = parts[0];
                last = parts.clone();
                push(item, source.location_of(entry), None, parts);
            }
            AgendaEntry::Group(group) => {
                if group.parts {
                    printed += 1;
                }
                for (index, item) in group.items.iter().enumerate() {
                    let hand = item.value.number.as_ref().map(|number| {
                        if group.parts {
                            Err(Diagnostic::error(
                                "an item of a group in parts is numbered by its place in the group",
                            )
                            .at(source.location_of(number))
                            .hint("remove `number:`, or `parts: true` from the group"))
                        } else {
                            hand_number(number, &last, source)
                        }
                    });
                    let parts = match hand {
                        Some(Ok(parts)) => parts,
                        Some(Err(problem)) => {
                            diagnostics.push(problem);
                            vec![printed + 1]
                        }
                        None if group.parts => vec![printed, index as u32 + 1],
                        None => vec![printed + 1],
                    };
                    if !group.parts {
                        printed = parts[0];
                    }
                    last = parts.clone();
                    push(
                        &item.value,
                        source.location_of(item),
                        group.exempt.as_ref(),
                        parts,
                    );
                }
            }
        }
    }
    flat
}

/// An item's number written by hand: a number ("12") or one with parts ("6.1"), after
/// `before`, the number of the item before.
fn hand_number(
    number: &Spanned<TextOrNumber>,
    before: &[u32],
    source: &SourceFile,
) -> Result<Vec<u32>, Diagnostic> {
    let written = number.value.0.trim();
    let at = source.location_of(number);
    let Some(parts) = crate::lower::parse_number(written).filter(|parts| parts.len() <= 2) else {
        return Err(
            Diagnostic::error(format!("`{written}` is not an agenda item's number"))
                .at(at)
                .expected("a whole number, such as 12, or one with a part, such as \"6.1\"")
                .hint("write a number with a part in quotes, so that 6.10 stays 6.10"),
        );
    };
    if parts.as_slice() <= before {
        return Err(Diagnostic::error(format!(
            "item `{written}` comes after item {}: numbers must rise down the agenda",
            crate::lower::agenda::items::item_label(before)
        ))
        .at(at)
        .hint("number it above the item before, or leave out `number:` to number it in turn"));
    }
    Ok(parts)
}

pub(super) fn item_references(
    flat: &[FlatItem<'_>],
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> References {
    let mut references = References {
        // The numbers the agenda prints for its items (a group in parts is one number).
        item_numbers: 1..flat
            .last()
            .and_then(|last| last.parts.first())
            .map_or(1, |n| n + 1),
        ..References::default()
    };
    for FlatItem { parts, item, .. } in flat {
        if let Some(key) = &item.key {
            let reference = ItemReference {
                number: item_label(parts),
                title: item.title.clone().unwrap_or_default(),
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
    /// Its number as printed ("7", "6.1").
    pub(super) label: String,
    pub(super) title: String,
    pub(super) paragraph: u8,
}

/// The paragraph of Schedule 12A the whole item is exempt under: its own `exempt:`, or its
/// group's. Checked.
pub(super) fn item_exemption(
    flat_item: &FlatItem<'_>,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u8> {
    let item = flat_item.item;
    let written = item.exempt.as_ref().or(flat_item.group_exempt)?;
    if item
        .standard()
        .is_some_and(|standard| standard != StandardItem::Minutes)
    {
        // A group's exemption covers its reports, not the procedural items beside them (the
        // item's own `exempt:` is refused there when the file is read).
        return None;
    }
    check_paragraph(written.value, source.location_of(written), diagnostics)
}

/// The papers behind one agenda item, in order, with their exemptions; `item_exempt` is the
/// whole item's.
pub(super) fn item_documents(
    flat_item: &FlatItem<'_>,
    item_exempt: Option<u8>,
    source: &SourceFile,
    papers: &mut dyn PaperSource,
    references: &References,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ItemDocument> {
    let item = flat_item.item;
    let mut documents = Vec::new();
    let (report, appendices) = match &item.kind {
        ItemKind::Minutes(path) => {
            if let ResolvedPaper::Lowered(document) = papers.minutes(path, item_exempt) {
                documents.push(ItemDocument {
                    role: DocumentRole::Minutes,
                    document,
                    exempt: item_exempt,
                    attachment: None,
                });
            }
            return documents;
        }
        ItemKind::Standard(_) | ItemKind::TitleOnly => return documents,
        ItemKind::Report { report, appendices } => (report, appendices),
    };
    let exempt = report
        .value
        .exempt
        .and_then(|p| check_paragraph(p, source.location_of(report), diagnostics))
        .or(item_exempt);
    let mut presented = PresentedItem {
        report: (report.value.paper.clone(), source.location_of(report)),
        exempt: Vec::new(),
        appendices: Vec::new(),
    };
    let item_mark = item
        .exempt
        .as_ref()
        .or(flat_item.group_exempt)
        .map(|mark| source.location_of(mark));
    if let Some(at) = &item_mark {
        presented
            .exempt
            .push(("the whole item".to_string(), at.clone()));
    } else if report.value.exempt.is_some() {
        presented
            .exempt
            .push(("the report".to_string(), source.location_of(report)));
    }
    // The agenda is public: an exempt report's own title must not stand in for the item's.
    if exempt.is_some() && item.title.is_none() {
        diagnostics.push(
            Diagnostic::error("an exempt report needs a `title:` for the public agenda")
                .at(flat_item.place.clone())
                .hint("give the item a title that may be published; the report's own title stays private"),
        );
    }
    // A report is typeset from YAML, without `label` or `title`: the content type has checked.
    if let ResolvedPaper::Lowered(document) = papers.paper(
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
    let mut labels: Vec<String> = Vec::new();
    for (index, appendix) in appendices.iter().enumerate() {
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
        presented.appendices.push(PresentedAppendix {
            label: label.clone(),
            paper: appendix.value.paper.clone(),
            at: source.location_of(appendix),
            exempt: exempt.is_some(),
        });
        if item_mark.is_none() && appendix.value.exempt.is_some() {
            let name = capitalise(&DocumentRole::Appendix(label.clone()).name());
            presented.exempt.push((name, source.location_of(appendix)));
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
    papers.check_report_item(&presented);
    documents
}

/// An item's number as printed in text and stamps: "7", or "6.1" for a part.
pub fn item_label(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Whether an appendix label is safe in a file name: 1 to 8 ASCII letters or digits.
pub(super) fn is_safe_label(label: &str) -> bool {
    (1..=8).contains(&label.len()) && label.bytes().all(|byte| byte.is_ascii_alphanumeric())
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
                keywords: Vec::new(),
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
pub(super) fn item_title(
    item: &AgendaItem,
    documents: &[ItemDocument],
    committee: &Committee,
    style: &HouseStyle,
) -> String {
    if let Some(title) = &item.title {
        return title.clone();
    }
    if let Some(minutes) = documents.iter().find(|d| d.role == DocumentRole::Minutes) {
        let held = minutes
            .document
            .metadata
            .date
            .map(|date| crate::format::date(date, &style.dates.held))
            .unwrap_or_default();
        return style.agenda.minutes.title.fill(&[
            ("held", held.as_str()),
            ("committee", committee.name.as_str()),
            ("council", committee.council.as_str()),
        ]);
    }
    documents
        .iter()
        .find(|d| d.role == DocumentRole::Report)
        .map(|d| d.document.metadata.title.clone())
        .unwrap_or_default()
}
