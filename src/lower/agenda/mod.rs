//! Lowering a meeting: its agenda front sheet and the papers of each item, as a
//! [`MeetingModel`] that `crate::pack` assembles into the public and private packs.

mod items;
mod wording;

pub use wording::SCHEDULE_12A;

use std::sync::Arc;

use serde_saphyr::Spanned;

use crate::content::committee::Committee;
use crate::content::meeting::{ItemKind, Meeting, StandardItem};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::{Location, SourceFile};
use crate::format;
use crate::model::{Attachment, Block, Document, Inline, Metadata};
use crate::narrative::{Narrative, References};
use crate::style::HouseStyle;
use items::{
    FlatItem, PrivateItem, flatten_items, item_documents, item_exemption, item_label,
    item_references, item_title,
};
use wording::{
    AgendaContext, ITEM_LEVEL, agenda_item, entries_into_blocks, front_matter,
    supplement_front_matter,
};

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
    /// The item's place in the agenda's order, from 1: page ranges are keyed by it.
    pub number: u32,
    /// Its number as printed ("7", "6.1").
    pub label: String,
    /// Its title on the agenda.
    pub title: String,
    /// Its papers: report then appendices, or the minutes.
    pub documents: Vec<ItemDocument>,
    /// Its report's recommendations, printed under it on the agenda (a public report's, when
    /// the committee asks), each as its blocks.
    pub recommendations: Vec<Vec<Block>>,
    /// Its papers follow the agenda, in the supplementary pack.
    pub supplementary: bool,
}

/// A report item as the agenda presents it, for checking against the report's front page.
#[derive(Debug, Clone)]
pub struct PresentedItem {
    /// The report's path, relative to the meeting file, and where it is written.
    pub report: (String, Location),
    /// The parts of the item the agenda marks exempt ("the report", "Appendix 2"), each with
    /// where the mark is written.
    pub exempt: Vec<(String, Location)>,
    /// The appendices the agenda presents, in order.
    pub appendices: Vec<PresentedAppendix>,
}

/// An appendix as the agenda presents it.
#[derive(Debug, Clone)]
pub struct PresentedAppendix {
    /// Its label ("2", "A").
    pub label: String,
    /// Its path, relative to the meeting file.
    pub paper: String,
    /// Where it is written.
    pub at: Location,
    /// Whether the agenda presents it as exempt.
    pub exempt: bool,
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
    /// The supplementary agenda's front sheet, when items' papers follow the agenda.
    pub supplement: Option<Document>,
    /// Items with papers, in order.
    pub items: Vec<ItemPapers>,
    /// The governance contact, credited as the packs' author.
    pub author: String,
    /// What the website, its calendar and its data say of the meeting besides its papers.
    pub facts: MeetingFacts,
}

/// A meeting's particulars as its committee and meeting files give them, for the website's
/// pages and feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFacts {
    /// The committee's name ("Corporate Parenting Panel").
    pub committee: String,
    /// The council, as the committee file names it.
    pub council: String,
    /// The start time as the meeting file writes it ("1.00 p.m.").
    pub time: String,
    /// The start time read from it (hours 0-23, minutes), when it can be read.
    pub start: Option<(u8, u8)>,
    /// Where it is held.
    pub venue: String,
    /// The address the output folder is published at (ending in `/`), when the committee
    /// gives one: the calendar's and the data's links are made from it.
    pub website: Option<String>,
    /// The governance contact's name and e-mail address.
    pub contact: (String, Option<String>),
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
    /// The paper at `path` belongs to a withdrawn item: the meeting keeps it, unbuilt, so that
    /// it is never published on its own.
    fn withheld(&mut self, path: &str, at: Location);
    /// The recommendations of the paper at `path`, as the agenda prints them under its item.
    fn recommendations(
        &mut self,
        path: &str,
        at: Location,
        references: &References,
    ) -> Vec<Vec<Block>>;
    /// Check what the item's report says on its front page (exempt or not, its appendices)
    /// against how the agenda presents the item.
    fn check_report_item(&mut self, item: &PresentedItem);
    /// The bytes and page count of a PDF supplied as it is.
    fn supplied_pdf(
        &mut self,
        path: &str,
        at: Location,
        exempt: Option<u8>,
    ) -> Option<(Arc<Vec<u8>>, u32)>;
    /// What reads the pictures the meeting's own text shows (the run's).
    fn pictures(&self) -> Arc<crate::pictures::PictureReader>;
    /// Where the warnings found in the agenda's text go.
    fn warnings(&self) -> crate::diagnostics::Warnings;
}

/// Lower a meeting, or return every problem found.
pub fn lower_meeting(
    meeting: &Meeting,
    source: &SourceFile,
    committee: &Committee,
    style: &HouseStyle,
    papers: &mut dyn PaperSource,
) -> Result<MeetingModel, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let flat = flatten_items(&meeting.items, source, &mut diagnostics);
    let mut references = item_references(&flat, source, &mut diagnostics);
    references.citations = crate::lower::citations(style);
    references.numbers = style.numbers.clone();
    let narrative =
        Narrative::new(references.clone(), papers.warnings()).with_pictures(papers.pictures());

    // Papers first: the exclusion item's wording depends on which are exempt.
    let mut items = Vec::new();
    let mut private_items = Vec::new();
    for flat_item in &flat {
        let (item, number) = (flat_item.item, flat_item.number);
        let exempt = item_exemption(flat_item, source, &mut diagnostics);
        // A withdrawn item keeps its place on the agenda, and presents nothing; its papers stay
        // the meeting's, unpublished.
        if item.withdrawn {
            match &item.kind {
                ItemKind::Report { report, appendices } => {
                    // A supplied PDF is published only through an agenda: nothing to claim.
                    for paper in std::iter::once(report).chain(appendices) {
                        if !paper.value.is_supplied_pdf() {
                            papers.withheld(&paper.value.paper, source.location_of(paper));
                        }
                    }
                }
                ItemKind::Minutes(path) => papers.withheld(&path.value, source.location_of(path)),
                ItemKind::Standard(_) | ItemKind::TitleOnly => {}
            }
            continue;
        }
        let documents = item_documents(
            flat_item,
            exempt,
            source,
            papers,
            &references,
            &mut diagnostics,
        );
        if !documents.is_empty() {
            // Only a public report's recommendations reach the public agenda.
            let recommendations = match (&item.kind, committee.agenda_recommendations) {
                (ItemKind::Report { report, .. }, true)
                    if documents.iter().any(|document| {
                        document.role == DocumentRole::Report && document.exempt.is_none()
                    }) =>
                {
                    papers.recommendations(
                        &report.value.paper,
                        source.location_of(report),
                        &references,
                    )
                }
                _ => Vec::new(),
            };
            items.push(ItemPapers {
                number,
                label: item_label(&flat_item.parts),
                title: item_title(item, &documents, committee, style),
                documents,
                recommendations,
                supplementary: item.supplementary,
            });
        } else if let Some(paragraph) = exempt {
            // An item with no papers, taken in private (an oral update): the exclusion item
            // names it too.
            private_items.push(PrivateItem {
                number,
                label: item_label(&flat_item.parts),
                title: item.title.clone().unwrap_or_default(),
                paragraph,
            });
        }
    }

    check_exclusion_item(&flat, &items, &private_items, &mut diagnostics);
    let mut blocks = front_matter(meeting, committee, style);
    blocks.push(Block::Heading {
        level: 2,
        number: None,
        content: vec![Inline::text(style.agenda.heading.as_str())],
    });
    let mut context = AgendaContext {
        meeting,
        committee,
        source,
        narrative: &narrative,
        items: &items,
        private_items: &private_items,
        style,
        supplement: false,
    };
    entries_into_blocks(
        &meeting.items,
        &flat,
        &context,
        &mut blocks,
        &mut diagnostics,
    );
    let signature = signature(meeting, source, style, &mut diagnostics);
    blocks.extend(signature.clone());
    // The supplementary agenda: the meeting's details, then only the items whose papers
    // follow, numbered as on the agenda, with their pages in the supplementary pack.
    let supplement = items.iter().any(|item| item.supplementary).then(|| {
        context.supplement = true;
        let mut supplement_blocks = supplement_front_matter(meeting, committee, style);
        for flat_item in flat.iter().filter(|flat_item| flat_item.item.supplementary) {
            supplement_blocks.push(agenda_item(
                flat_item,
                ITEM_LEVEL,
                &context,
                &mut Vec::new(),
            ));
        }
        supplement_blocks.extend(signature);
        supplement_blocks
    });

    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let long_date = format::date(meeting.date, &style.dates.long);
    let title = format!("{} – {long_date}", committee.name);
    let (agenda_subject, agenda_keywords) =
        style.properties.agenda.fill(&committee.name, &long_date);
    let (supplement_subject, supplement_keywords) = style
        .properties
        .supplementary_agenda
        .fill(&committee.name, &long_date);
    Ok(MeetingModel {
        agenda: Document {
            metadata: Metadata {
                title: format!("{title}: agenda"),
                authors: vec![committee.contact.name.clone()],
                description: Some(agenda_subject),
                keywords: agenda_keywords,
                date: Some(meeting.date),
            },
            running_header: None,
            blocks,
        },
        supplement: supplement.map(|blocks| Document {
            metadata: Metadata {
                title: format!("{title}: {}", style.agenda.supplementary.heading.as_str()),
                authors: vec![committee.contact.name.clone()],
                description: Some(supplement_subject),
                keywords: supplement_keywords,
                date: Some(meeting.date),
            },
            running_header: None,
            blocks,
        }),
        slug: crate::published::names::meeting_folder(&committee.name, meeting.date),
        title,
        date: meeting.date,
        items,
        author: committee.contact.name.clone(),
        facts: MeetingFacts {
            committee: committee.name.clone(),
            council: committee.council.clone(),
            time: meeting.time.clone(),
            start: format::clock_time(&meeting.time),
            venue: meeting
                .venue
                .clone()
                .unwrap_or_else(|| committee.venue.clone()),
            website: committee.website.as_ref().map(|address| {
                let address = address.value.trim();
                if address.ends_with('/') {
                    address.to_string()
                } else {
                    format!("{address}/")
                }
            }),
            contact: (
                committee.contact.name.clone(),
                committee.contact.email.clone(),
            ),
        },
    })
}

/// Something exempt needs the exclusion item, which names it, and an item taken wholly in
/// private must come after it: the public are excluded only from then on.
fn check_exclusion_item(
    flat: &[FlatItem<'_>],
    items: &[ItemPapers],
    private_items: &[PrivateItem],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let exclusion = flat
        .iter()
        .find(|flat_item| flat_item.item.standard() == Some(StandardItem::Exclusion));
    let wholly_private = items
        .iter()
        .filter(|item| {
            !item.documents.is_empty()
                && item
                    .documents
                    .iter()
                    .all(|document| document.exempt.is_some())
                && item
                    .documents
                    .iter()
                    .all(|document| document.role != DocumentRole::Minutes)
        })
        .map(|item| item.number)
        .chain(private_items.iter().map(|item| item.number));
    let with_exempt_papers = items
        .iter()
        .filter(|item| {
            item.documents
                .iter()
                .any(|document| document.exempt.is_some())
        })
        .map(|item| item.number);
    match exclusion {
        None => {
            let mut numbers: Vec<u32> = with_exempt_papers
                .chain(private_items.iter().map(|item| item.number))
                .collect();
            numbers.sort_unstable();
            numbers.dedup();
            if let Some(first) = numbers.first()
                && let Some(place) = flat.iter().find(|flat_item| flat_item.number == *first)
            {
                diagnostics.push(
                    Diagnostic::error(
                        "this item is exempt, but the agenda has no item to exclude the press and public",
                    )
                    .at(place.place.clone())
                    .expected("`- standard: exclusion` on the agenda, before the items taken in private")
                    .hint("the exclusion item tells the public which items are exempt, and why"),
                );
            }
        }
        Some(exclusion) => {
            for number in wholly_private.filter(|number| *number < exclusion.number) {
                if let Some(place) = flat.iter().find(|flat_item| flat_item.number == number) {
                    diagnostics.push(
                        Diagnostic::error(
                            "this item is taken in private but comes before the exclusion of the press and public",
                        )
                        .at(place.place.clone())
                        .expected(format!(
                            "items taken in private after the exclusion item (item {})",
                            exclusion.number
                        ))
                        .hint("move the item below `standard: exclusion`, or the exclusion item above it"),
                    );
                }
            }
        }
    }
}

/// The agenda's signature: the chief executive above the house style's `signed_by`, or
/// whoever the meeting names in `signed_by:` above their own title; none if it names neither.
fn signature(
    meeting: &Meeting,
    source: &SourceFile,
    style: &HouseStyle,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Block> {
    let (name, title) = match (&meeting.chief_executive, &meeting.signed_by) {
        (Some(_), Some(signed_by)) => {
            diagnostics.push(
                Diagnostic::error("the agenda names two people to sign it")
                    .at(source.location_of(signed_by))
                    .expected("`chief_executive:` or `signed_by:`, not both")
                    .hint("keep `signed_by:` with `name` and `role` for anyone other than the chief executive"),
            );
            return None;
        }
        (Some(chief_executive), None) => (
            chief_executive.clone(),
            style.agenda.signed_by.as_str().to_string(),
        ),
        (None, Some(signed_by)) => (
            signed_by.value.name.clone(),
            signed_by
                .value
                .role
                .clone()
                .unwrap_or_else(|| style.agenda.signed_by.as_str().to_string()),
        ),
        (None, None) => return None,
    };
    Some(Block::Paragraph {
        content: vec![
            Inline::text(format!("{name},")),
            Inline::LineBreak,
            Inline::text(title),
        ],
    })
}
