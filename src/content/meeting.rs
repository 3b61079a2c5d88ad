//! A meeting as its governance advisor describes it: when and where, and the agenda items with
//! the papers behind them.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::common::{Heading, string_or_map};
use crate::model::Date;

/// One meeting of a committee.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Always `meeting`.
    pub kind: String,
    /// Path of the committee file, relative to this one.
    pub committee: Spanned<String>,
    /// The meeting's date.
    pub date: Date,
    /// Its start time as printed, e.g. "1.00 p.m.".
    pub time: String,
    /// Where, when not the committee's usual venue.
    pub venue: Option<String>,
    /// The chief executive who signs the agenda.
    pub chief_executive: String,
    /// The agenda, in order; items may be grouped under headings.
    pub items: Vec<Spanned<AgendaEntry>>,
    /// Dates of future meetings, printed under the standard item.
    pub future_meetings: Option<FutureMeetings>,
}

/// An agenda item, or a heading grouping several.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaEntry {
    /// A group heading (e.g. a portfolio); its `items` follow, numbered on.
    pub group: Option<Heading>,
    /// The items of a group.
    pub items: Option<Vec<Spanned<AgendaEntry>>>,
    /// How text refers to this item (`{{ item('terms_of_reference') }}`).
    pub key: Option<Spanned<String>>,
    /// A standard item with the council's wording.
    pub standard: Option<StandardItem>,
    /// The title on the agenda; for a report item defaults to the report's title.
    pub title: Option<String>,
    /// What the item is for (Markdown), replacing the standard wording.
    pub description: Option<Spanned<String>>,
    /// For `standard: minutes`: the minutes file, relative to this one.
    pub minutes: Option<Spanned<String>>,
    /// A report item's cover report (a file, or `paper` with `exempt`).
    pub report: Option<Spanned<PaperRef>>,
    /// Papers appended to the report, in order.
    #[serde(default)]
    pub appendices: Vec<Spanned<PaperRef>>,
    /// The whole item is exempt under this paragraph of Part 1 of Schedule 12A (1-7).
    pub exempt: Option<Spanned<u8>>,
}

/// The standard items of a council agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandardItem {
    /// "Apologies for absence."
    Apologies,
    /// "Declarations of Interest"
    Declarations,
    /// "Exclusion of the press and public"
    Exclusion,
    /// "Minutes of the previous meeting held on …"
    Minutes,
    /// "Urgent Business"
    Urgent,
    /// "Date and Time of Future Meetings"
    FutureMeetings,
}

/// A paper in the content folder (YAML, or a PDF supplied as it is), possibly exempt.
#[derive(Debug, Clone, Default)]
pub struct PaperRef {
    /// Path of the paper's file, relative to the meeting file.
    pub paper: String,
    /// Exempt under this paragraph of Part 1 of Schedule 12A (1-7).
    pub exempt: Option<u8>,
    /// For a supplied PDF, what it is ("Performance on a Page"), for the outline and screen readers.
    pub title: Option<String>,
    /// An appendix's label when not its position ("2" when Appendix 1 is not in the pack).
    pub label: Option<String>,
}

impl PaperRef {
    /// Whether the paper is a PDF supplied by its author rather than content to typeset.
    pub fn is_supplied_pdf(&self) -> bool {
        self.paper.to_ascii_lowercase().ends_with(".pdf")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PaperRefFields {
    paper: String,
    exempt: Option<u8>,
    title: Option<String>,
    label: Option<String>,
}

impl From<PaperRefFields> for PaperRef {
    fn from(fields: PaperRefFields) -> Self {
        PaperRef {
            paper: fields.paper,
            exempt: fields.exempt,
            title: fields.title,
            label: fields.label,
        }
    }
}

string_or_map!(
    PaperRef,
    PaperRefFields,
    "a paper's file, or `paper`, `exempt` and `title`",
    |paper| PaperRef {
        paper: paper.to_string(),
        exempt: None,
        title: None,
        label: None
    }
);

/// Dates of the next meetings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FutureMeetings {
    /// The dates, in order.
    pub dates: Vec<Date>,
    /// A line after the dates, e.g. "Time and venue to be agreed".
    pub note: Option<String>,
}
