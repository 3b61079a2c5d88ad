//! Lowering a meeting: the agenda front sheet with its standard items and wording, the papers of
//! each item, and the public and private packs (exempt business under Schedule 12A).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_saphyr::Spanned;

use super::{body_blocks, join_names, person_paragraph};
use crate::content::committee::Committee;
use crate::content::meeting::{AgendaEntry, Meeting, StandardItem};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::SourceFile;
use crate::format::{self, long_date, ordinal_date, weekday};
use crate::model::{
    Attachment, Block, Document, Inline, LabelledRow, Metadata, Number, Pack, PackDocument,
    PackItem, PageRange,
};
use crate::narrative::{ItemReference, Narrative, References};

/// Paragraphs of Part 1 of Schedule 12A to the Local Government Act 1972, by number.
pub const SCHEDULE_12A: [&str; 7] = [
    "information relating to any individual",
    "information which is likely to reveal the identity of an individual",
    "information relating to the financial or business affairs of any particular person (including the authority holding that information)",
    "information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office-holders under, the authority",
    "information in respect of which a claim to legal professional privilege could be maintained in legal proceedings",
    "information which reveals that the authority proposes to give under any enactment a notice under or by virtue of which requirements are imposed on a person, or to make an order or direction under any enactment",
    "information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime",
];

/// A paper of an agenda item, lowered, with what the packs need to know about it.
#[derive(Debug, Clone)]
pub struct ItemDocument {
    /// What the paper is to the item.
    pub role: DocumentRole,
    /// The paper.
    pub document: Document,
    /// Exempt under this paragraph of Schedule 12A, if so.
    pub exempt: Option<u8>,
    /// For a supplied PDF: its file, which the paper's pages show.
    pub attachment: Option<Attachment>,
}

/// What a paper is to its agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentRole {
    /// The minutes of the previous meeting.
    Minutes,
    /// The item's cover report.
    Report,
    /// An appendix, by its label ("1").
    Appendix(String),
}

impl DocumentRole {
    /// "the report", "Appendix 1", as the agenda and notices name it.
    pub fn name(&self) -> String {
        match self {
            DocumentRole::Minutes => "the minutes".to_string(),
            DocumentRole::Report => "the report".to_string(),
            DocumentRole::Appendix(label) => format!("Appendix {label}"),
        }
    }

    /// The part of an output file name: "minutes", "report", "appendix-1".
    pub fn file_part(&self) -> String {
        match self {
            DocumentRole::Minutes => "minutes".to_string(),
            DocumentRole::Report => "report".to_string(),
            DocumentRole::Appendix(label) => format!("appendix-{}", label.to_lowercase()),
        }
    }
}

/// The papers of one agenda item.
#[derive(Debug, Clone)]
pub struct ItemPapers {
    /// The item's number on the agenda.
    pub number: u32,
    /// Its title on the agenda.
    pub title: String,
    /// Its papers: report then appendices, or the minutes.
    pub documents: Vec<ItemDocument>,
}

/// A meeting, lowered: its agenda and the papers of each item.
#[derive(Debug, Clone)]
pub struct MeetingModel {
    /// "Corporate Parenting Panel – 13 May 2022".
    pub title: String,
    /// The meeting's date.
    pub date: crate::model::Date,
    /// A name for the meeting's output folder, e.g. "corporate-parenting-panel-2022-05-13".
    pub slug: String,
    /// The agenda front sheet (page ranges not yet filled).
    pub agenda: Document,
    /// Items with papers, in order.
    pub items: Vec<ItemPapers>,
    /// The governance contact, credited as the packs' author.
    pub author: String,
}

/// A paper an agenda item refers to, already read and lowered by the caller.
pub enum ResolvedPaper {
    /// Lowered into the model; the caller reports any failure.
    Lowered(Document),
    /// Could not be lowered (its problems are reported elsewhere).
    Failed,
}

/// Resolves the papers an agenda entry points at; supplied by the build, which owns the files.
pub trait PaperSource {
    /// The lowered minutes at `path` (relative to the meeting file).
    fn minutes(&mut self, path: &Spanned<String>, exempt: Option<u8>) -> ResolvedPaper;
    /// The lowered paper at `path` (written at `at`), given what the meeting's text may refer to.
    /// `exempt` is how the agenda presents it: one file may not be exempt in one place and
    /// public in another.
    fn paper(
        &mut self,
        path: &str,
        at: Location,
        references: &References,
        exempt: Option<u8>,
    ) -> ResolvedPaper;
    /// The bytes and page count of a PDF supplied as it is.
    fn supplied_pdf(
        &mut self,
        path: &str,
        at: Location,
        exempt: Option<u8>,
    ) -> Option<(Arc<Vec<u8>>, u32)>;
}

/// Lower a meeting, or return every problem found.
pub fn lower_meeting(
    meeting: &Meeting,
    source: &SourceFile,
    committee: &Committee,
    papers: &mut dyn PaperSource,
) -> Result<MeetingModel, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let flat = flatten_items(&meeting.items, source, &mut diagnostics);
    let references = item_references(&flat, source, &mut diagnostics);
    let narrative = Narrative::new(references.clone());

    // Papers first: the exclusion item's wording depends on which are exempt.
    let mut items = Vec::new();
    let mut private_items = Vec::new();
    for flat_item in &flat {
        let (entry, number) = (flat_item.entry, flat_item.number);
        let exempt = item_exemption(flat_item, source, &mut diagnostics);
        let documents =
            item_documents(entry, exempt, source, papers, &references, &mut diagnostics);
        if !documents.is_empty() {
            items.push(ItemPapers {
                number,
                title: item_title(&entry.value, &documents),
                documents,
            });
        } else if let Some(paragraph) = exempt {
            // An item with no papers, taken in private (an oral update): the exclusion item
            // names it too.
            private_items.push(PrivateItem {
                number,
                title: entry.value.title.clone().unwrap_or_default(),
                paragraph,
            });
        }
    }

    let mut blocks = front_matter(meeting, committee);
    blocks.push(Block::Heading {
        level: 2,
        number: None,
        content: vec![Inline::text("AGENDA")],
    });
    let mut position = 0;
    entries_into_blocks(
        &meeting.items,
        &flat,
        &mut position,
        &AgendaContext {
            meeting,
            committee,
            source,
            narrative: &narrative,
            items: &items,
            private_items: &private_items,
        },
        &mut blocks,
        &mut diagnostics,
    );
    blocks.push(Block::Paragraph {
        content: vec![
            Inline::text(format!("{},", meeting.chief_executive)),
            Inline::LineBreak,
            Inline::text("Chief Executive."),
        ],
    });

    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let title = format!("{} – {}", committee.name, long_date(meeting.date));
    Ok(MeetingModel {
        agenda: Document {
            metadata: Metadata {
                title: format!("{title}: agenda"),
                authors: vec![committee.contact.name.clone()],
                description: Some(format!("Agenda of the {}", committee.name)),
                date: Some(meeting.date),
            },
            running_header: None,
            blocks,
        },
        slug: format!(
            "{}-{}",
            slug(&committee.name),
            format::iso_date(meeting.date)
        ),
        title,
        date: meeting.date,
        items,
        author: committee.contact.name.clone(),
    })
}

/// Lower-case words joined by hyphens; "meeting" for a name with no letters or digits, so that a
/// folder name never starts with a hyphen.
fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "meeting".to_string()
    } else {
        words.join("-")
    }
}

/// An agenda item in order, with its number (continuous across groups) and its group, if any.
struct FlatItem<'a> {
    number: u32,
    entry: &'a Spanned<AgendaEntry>,
    /// `exempt:` of the group the item is in: it applies to every item of the group.
    group_exempt: Option<&'a Spanned<u8>>,
}

/// Items in agenda order with their numbers; groups, and fields written where they mean
/// nothing, are checked.
fn flatten_items<'a>(
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
fn check_group_fields(
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

fn item_references(
    flat: &[FlatItem],
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

fn check_paragraph(paragraph: u8, at: Location, diagnostics: &mut Vec<Diagnostic>) -> Option<u8> {
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

use crate::diagnostics::Location;

/// An item without papers that is exempt: the public may be excluded while it is discussed.
#[derive(Debug, Clone)]
struct PrivateItem {
    number: u32,
    title: String,
    paragraph: u8,
}

/// The paragraph of Schedule 12A the whole item is exempt under: its own `exempt:`, or its
/// group's. Checked; `exempt:` on a standard item other than the minutes means nothing and is an
/// error.
fn item_exemption(
    flat_item: &FlatItem,
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
fn item_documents(
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
fn is_safe_label(label: &str) -> bool {
    (1..=8).contains(&label.len()) && label.bytes().all(|byte| byte.is_ascii_alphanumeric())
}

/// `title:` given to a paper written in YAML, which takes its title from the paper itself.
fn misplaced_title(
    source: &SourceFile,
    paper: &Spanned<crate::content::meeting::PaperRef>,
) -> Diagnostic {
    Diagnostic::error("`title` is for an appendix supplied as a PDF; this paper has its own title")
        .at(source.locate_from(paper, "title:"))
        .hint("remove it, or change the title inside the paper's own file")
}

/// An appendix supplied as a PDF: its pages, each shown whole on a page of the pack.
fn supplied_pdf_document(
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
fn item_title(item: &AgendaEntry, documents: &[ItemDocument]) -> String {
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

/// Heading, date and time, venue, membership, contact and the openness statement.
fn front_matter(meeting: &Meeting, committee: &Committee) -> Vec<Block> {
    let members: Vec<String> = committee
        .members
        .iter()
        .map(|member| match member.role {
            Some(role) => format!("{} ({})", member.name, role.label()),
            None => member.name.clone(),
        })
        .collect();
    let contact = match &committee.contact.role {
        Some(role) => format!("{}, {role}", committee.contact.name),
        None => committee.contact.name.clone(),
    };
    let contact_paragraph = person_paragraph(&committee.contact, contact);
    let contact_inlines = match contact_paragraph {
        Block::Paragraph { content } => content,
        _ => Vec::new(),
    };
    let row = |label: &str, content: Vec<Inline>| LabelledRow {
        label: label.to_string(),
        content,
    };
    vec![
        Block::Heading {
            level: 1,
            number: None,
            content: vec![Inline::text(committee.name.to_uppercase())],
        },
        Block::LabelledList {
            rows: vec![
                row(
                    "Date and Time :-",
                    vec![Inline::text(format!(
                        "{} {} at {}",
                        weekday(meeting.date),
                        long_date(meeting.date),
                        meeting.time
                    ))],
                ),
                row(
                    "Venue:-",
                    vec![Inline::text(
                        meeting
                            .venue
                            .clone()
                            .unwrap_or_else(|| committee.venue.clone()),
                    )],
                ),
                row(
                    "Membership:-",
                    vec![Inline::text(format!(
                        "Councillors {}",
                        join_names(&members, true)
                    ))],
                ),
                row("Contact", contact_inlines),
            ],
        },
        Block::plain(
            "The items which will be discussed are described on the agenda below and there are reports attached which give more details.",
        ),
        Block::plain(format!(
            "{} advocates openness and transparency as part of its democratic processes. Anyone wishing to record (film or audio) the public parts of the meeting should inform the Chair or Governance Advisor of their intentions prior to the meeting.",
            committee.council
        )),
    ]
}

struct AgendaContext<'a> {
    meeting: &'a Meeting,
    committee: &'a Committee,
    source: &'a SourceFile,
    narrative: &'a Narrative,
    items: &'a [ItemPapers],
    private_items: &'a [PrivateItem],
}

fn entries_into_blocks(
    entries: &[Spanned<AgendaEntry>],
    flat: &[FlatItem],
    position: &mut usize,
    context: &AgendaContext,
    blocks: &mut Vec<Block>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for entry in entries {
        if let (Some(group), Some(items)) = (&entry.value.group, &entry.value.items) {
            blocks.push(Block::Heading {
                level: 3,
                number: None,
                content: vec![Inline::text(group.clone())],
            });
            if let Some(description) = &entry.value.description {
                blocks.extend(body_blocks(
                    context.narrative,
                    context.source,
                    &description.value,
                    Some(description),
                    diagnostics,
                ));
            }
            entries_into_blocks(items, flat, position, context, blocks, diagnostics);
            continue;
        }
        let Some(flat_item) = flat.get(*position) else {
            continue;
        };
        *position += 1;
        blocks.push(agenda_item(
            flat_item.number,
            &entry.value,
            entry,
            context,
            diagnostics,
        ));
    }
}

/// One item on the front sheet: standard wording unless the author wrote their own.
fn agenda_item(
    number: u32,
    item: &AgendaEntry,
    entry: &Spanned<AgendaEntry>,
    context: &AgendaContext,
    diagnostics: &mut Vec<Diagnostic>,
) -> Block {
    let papers = context.items.iter().find(|papers| papers.number == number);
    let member_title = context
        .committee
        .member_title
        .clone()
        .unwrap_or_else(|| "Member".to_string());
    let minutes_date = papers
        .and_then(|papers| papers.documents.first())
        .and_then(|document| document.document.metadata.date);
    let (standard_title, standard_description): (String, Vec<Block>) = match item.standard {
        Some(StandardItem::Apologies) => (
            "Apologies for absence.".into(),
            vec![Block::plain(format!(
                "To receive the apologies of any {member_title} who is unable to attend the meeting."
            ))],
        ),
        Some(StandardItem::Declarations) => (
            "Declarations of Interest".into(),
            vec![Block::plain(
                "To receive declarations of interest from Members in respect of items listed on the agenda.",
            )],
        ),
        Some(StandardItem::Exclusion) => (
            "Exclusion of the press and public".into(),
            exclusion_wording(context.items, context.private_items),
        ),
        Some(StandardItem::Minutes) => {
            let held = minutes_date.map(ordinal_date).unwrap_or_default();
            (
                format!("Minutes of the previous meeting held on {held}"),
                vec![Block::plain(format!(
                    "To consider the minutes of the previous meeting of the {} held on {held}, and approve them as a true and correct record of the proceedings.",
                    context.committee.name
                ))],
            )
        }
        Some(StandardItem::Urgent) => (
            "Urgent Business".into(),
            vec![Block::plain(
                "To determine any item which the Chair is of the opinion should be considered as a matter of urgency.",
            )],
        ),
        Some(StandardItem::FutureMeetings) => (
            "Date and Time of Future Meetings".into(),
            future_meetings_wording(context.meeting),
        ),
        None => (
            papers
                .map(|papers| papers.title.clone())
                .unwrap_or_default(),
            Vec::new(),
        ),
    };
    let title = item.title.clone().unwrap_or(standard_title);
    let description = match &item.description {
        Some(text) => body_blocks(
            context.narrative,
            context.source,
            &text.value,
            Some(text),
            diagnostics,
        ),
        None => standard_description,
    };
    if title.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error("this agenda item has no title")
                .at(context.source.location_of(entry))
                .hint("add `title:`"),
        );
    }
    Block::AgendaItem {
        number: Number {
            parts: vec![number],
            text: format::item_number(number),
        },
        title: vec![Inline::text(title)],
        pages: None,
        has_papers: papers.is_some(),
        description,
    }
}

/// The exclusion item's wording: the standard sentence, or which items are exempt and why.
fn exclusion_wording(items: &[ItemPapers], private_items: &[PrivateItem]) -> Vec<Block> {
    let mut exempt_lines: Vec<(u32, Vec<Block>)> = private_items
        .iter()
        .map(|item| {
            let paragraph = item.paragraph;
            (
                item.number,
                vec![Block::plain(format!(
                    "Agenda Item {} ({}): paragraph {paragraph} ({}).",
                    item.number,
                    item.title,
                    SCHEDULE_12A[usize::from(paragraph) - 1]
                ))],
            )
        })
        .collect();
    for item in items {
        let exempt: Vec<&ItemDocument> = item
            .documents
            .iter()
            .filter(|d| d.exempt.is_some())
            .collect();
        if exempt.is_empty() {
            continue;
        }
        let whole = exempt.len() == item.documents.len();
        let mut paragraphs: Vec<u8> = exempt.iter().filter_map(|d| d.exempt).collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let which = if whole {
            format!("Agenda Item {} ({})", item.number, item.title)
        } else {
            let parts: Vec<String> = exempt.iter().map(|d| d.role.name()).collect();
            format!(
                "{} of Agenda Item {} ({})",
                capitalise(&join_names(&parts, false)),
                item.number,
                item.title
            )
        };
        let why: Vec<String> = paragraphs
            .iter()
            .map(|p| format!("paragraph {p} ({})", SCHEDULE_12A[usize::from(*p) - 1]))
            .collect();
        exempt_lines.push((
            item.number,
            vec![Block::plain(format!("{which}: {}.", why.join("; ")))],
        ));
    }
    exempt_lines.sort_by_key(|(number, _)| *number);
    let exempt_lines: Vec<Vec<Block>> = exempt_lines.into_iter().map(|(_, line)| line).collect();
    if exempt_lines.is_empty() {
        return vec![Block::plain(
            "To consider whether the press and public should be excluded from the meeting during consideration of any part of the agenda.",
        )];
    }
    vec![
        Block::plain(
            "The following are likely to be considered in the absence of the press and public, as they involve the likely disclosure of exempt information as defined in Part 1 of Schedule 12A to the Local Government Act 1972 (as amended):",
        ),
        Block::BulletList {
            items: exempt_lines,
        },
    ]
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Tuesday, 14th June, 2022", then "13th September", … with the year when it changes.
fn future_meetings_wording(meeting: &Meeting) -> Vec<Block> {
    let Some(future) = &meeting.future_meetings else {
        return Vec::new();
    };
    let mut content = Vec::new();
    let mut year = None;
    for (index, date) in future.dates.iter().enumerate() {
        let mut line = format::ordinal_day_month(*date);
        if year != Some(date.year) {
            line.push_str(&format!(", {}", date.year));
            year = Some(date.year);
        }
        if index == 0 {
            line = format!("{}, {line}", weekday(*date));
        } else {
            content.push(Inline::LineBreak);
        }
        content.push(Inline::text(line));
    }
    if let Some(note) = &future.note {
        if !content.is_empty() {
            content.push(Inline::LineBreak);
        }
        content.push(Inline::text(note.clone()));
    }
    vec![Block::Paragraph { content }]
}

/// Which pack: the public one replaces exempt papers with a notice; the private one marks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackVariant {
    /// For the website.
    Public,
    /// For members and officers.
    Private,
}

/// The pack of a meeting, front sheet first.
pub fn assemble_pack(model: &MeetingModel, variant: PackVariant) -> Pack {
    let items = model
        .items
        .iter()
        .map(|item| pack_item(item, variant))
        .collect();
    let suffix = match variant {
        PackVariant::Public => "agenda pack",
        PackVariant::Private => "agenda pack (private: not for publication)",
    };
    Pack {
        metadata: Metadata {
            title: format!("{}: {suffix}", model.title),
            authors: vec![model.author.clone()],
            description: None,
            date: Some(model.date),
        },
        front_sheet: model.agenda.blocks.clone(),
        items,
        attachments: attachments(model.items.iter(), variant),
    }
}

/// The supplied PDFs a pack shows: exempt ones only in the private pack.
fn attachments<'a>(
    items: impl Iterator<Item = &'a ItemPapers>,
    variant: PackVariant,
) -> Vec<Attachment> {
    items
        .flat_map(|item| &item.documents)
        .filter(|document| document.exempt.is_none() || variant == PackVariant::Private)
        .filter_map(|document| document.attachment.clone())
        .collect()
}

/// The title of an item's own file (its pages of the public pack).
pub fn item_file_title(model: &MeetingModel, item: &ItemPapers) -> String {
    format!(
        "{}: Agenda Item {}, {}",
        model.title, item.number, item.title
    )
}

/// Whether an item's pages in the public pack show a supplied PDF (and so cannot claim
/// PDF/UA-1).
pub fn shows_supplied_pdfs(item: &ItemPapers) -> bool {
    !attachments(std::iter::once(item), PackVariant::Public).is_empty()
}

fn pack_item(item: &ItemPapers, variant: PackVariant) -> PackItem {
    PackItem {
        number: item.number,
        documents: item
            .documents
            .iter()
            .map(|document| match (document.exempt, variant) {
                (None, _) => PackDocument {
                    blocks: document.document.blocks.clone(),
                    running_header: document.document.running_header.clone(),
                    marking: None,
                },
                (Some(paragraph), PackVariant::Private) => PackDocument {
                    blocks: document.document.blocks.clone(),
                    running_header: document.document.running_header.clone(),
                    marking: Some(format!(
                        "NOT FOR PUBLICATION – exempt information under paragraph {paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972"
                    )),
                },
                (Some(paragraph), PackVariant::Public) => PackDocument {
                    blocks: exempt_notice(&document.role, paragraph),
                    running_header: None,
                    marking: None,
                },
            })
            .collect(),
    }
}

/// What the public sees in place of an exempt paper: which part it is and why it is withheld.
pub fn exempt_notice(role: &DocumentRole, paragraph: u8) -> Vec<Block> {
    let name = capitalise(&role.name());
    vec![
        Block::Heading {
            level: 1,
            number: None,
            content: vec![Inline::text(format!("{name}: not for publication"))],
        },
        Block::plain(format!(
            "{name} is not for publication because it contains exempt information as defined in paragraph {paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972 (as amended): {}.",
            SCHEDULE_12A[usize::from(paragraph) - 1]
        )),
        Block::plain("It is available to members of the committee in the private agenda pack."),
    ]
}

/// Write the pack's page ranges into the agenda's items (for writers that cannot paginate it).
pub fn fill_page_ranges(agenda: &mut Document, ranges: &BTreeMap<u32, PageRange>) {
    for block in &mut agenda.blocks {
        if let Block::AgendaItem { number, pages, .. } = block {
            *pages = number
                .parts
                .first()
                .and_then(|number| ranges.get(number))
                .copied();
        }
    }
}
