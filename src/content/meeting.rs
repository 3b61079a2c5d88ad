//! A meeting as its governance advisor describes it: when and where, and the agenda items with
//! the papers behind them.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::ShapeError;
use super::common::{Heading, Person, TextOrNumber, string_or_map};
use crate::model::Date;

/// One meeting of a committee.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Always `meeting`.
    pub kind: String,
    /// Path of the committee file, relative to this one.
    #[schemars(with = "String")]
    pub committee: Spanned<String>,
    /// The meeting's date.
    pub date: Date,
    /// Its start time as printed, e.g. "1.00 p.m.".
    pub time: String,
    /// Where, when not the committee's usual venue.
    pub venue: Option<String>,
    /// The chief executive who signs the agenda, above the house style's `signed_by`.
    pub chief_executive: Option<String>,
    /// Whoever else signs the agenda, with their title ("Director of Legal and Governance").
    #[schemars(with = "Option<Person>")]
    pub signed_by: Option<Spanned<Person>>,
    /// The day the agenda was issued (published), printed with the meeting's details.
    pub issued: Option<Date>,
    /// The contact for this meeting, when not the committee's.
    pub contact: Option<Person>,
    /// Notices printed after the meeting's details (Markdown), after the committee's own:
    /// "This meeting will be webcast", how to register to speak.
    #[serde(default)]
    pub notices: Vec<String>,
    /// The agenda, in order; items may be grouped under headings.
    #[schemars(with = "Vec<AgendaEntry>")]
    pub items: Vec<Spanned<AgendaEntry>>,
    /// Dates of future meetings, printed under the standard item.
    pub future_meetings: Option<FutureMeetings>,
    /// The supplementary agenda, when items' papers follow the agenda (`supplementary: true`).
    pub supplement: Option<Supplement>,
}

/// The supplementary agenda: the papers published after the agenda, as their own pack.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supplement {
    /// The day it was issued.
    pub issued: Option<Date>,
}

/// An agenda entry: an item, or a heading grouping several. Which one, and that it is a shape
/// the agenda allows, is decided when the file is read.
#[derive(Debug, Clone)]
pub enum AgendaEntry {
    /// An item, numbered in turn (boxed: an item has many more fields than a group).
    Item(Box<AgendaItem>),
    /// A heading grouping items (`group` and `items`).
    Group(AgendaGroup),
}

/// A heading grouping items (e.g. a portfolio); its items follow it, numbered on. Groups go one
/// level deep, so its items are items only.
#[derive(Debug, Clone)]
pub struct AgendaGroup {
    /// The heading.
    pub heading: Heading,
    /// What the group is for (Markdown), printed under the heading.
    pub description: Option<Spanned<String>>,
    /// Every item of the group is exempt under this paragraph of Part 1 of Schedule 12A (1-7).
    pub exempt: Option<Spanned<u8>>,
    /// The group is one numbered item and its items are its parts (6.1, 6.2).
    pub parts: bool,
    /// The items of the group, in order.
    pub items: Vec<Spanned<AgendaItem>>,
}

/// One agenda item: a standard item, a report with its appendices, or an item with only a title.
#[derive(Debug, Clone)]
pub struct AgendaItem {
    /// How text refers to this item (`{{ item('terms_of_reference') }}`).
    pub key: Option<Spanned<String>>,
    /// The title on the agenda; for a report item defaults to the report's title, and always
    /// given for an item with no standard wording and no report.
    pub title: Option<String>,
    /// What the item is for (Markdown), replacing the standard wording.
    pub description: Option<Spanned<String>>,
    /// The whole item is exempt under this paragraph of Part 1 of Schedule 12A (1-7); on a
    /// standard item, only on the minutes.
    pub exempt: Option<Spanned<u8>>,
    /// What kind of item it is: standard, report, or title only.
    pub kind: ItemKind,
    /// Withdrawn after the agenda was set: it keeps its number and title, says it is withdrawn,
    /// and presents no papers.
    pub withdrawn: bool,
    /// Its papers follow the agenda, in the supplementary pack: late, or replaced.
    pub supplementary: bool,
    /// Taken as urgent business: why it could not wait for the next meeting, printed under it.
    pub urgent: Option<Spanned<String>>,
    /// Its number as the council numbers it by hand ("12", "6.1"); the items after it number
    /// on from it.
    pub number: Option<Spanned<TextOrNumber>>,
}

/// What kind of agenda item it is, and so what it presents.
#[derive(Debug, Clone)]
pub enum ItemKind {
    /// `standard: minutes`: the minutes file, relative to the meeting file.
    Minutes(Spanned<String>),
    /// A standard item other than the minutes: the council's wording, no papers.
    Standard(StandardItem),
    /// A report item: its cover report, typeset from YAML and with no `label` or `title` of its
    /// own, and the papers appended to it, in order.
    Report {
        /// The cover report.
        report: Spanned<PaperRef>,
        /// Its appendices; `title` only on those supplied as PDFs.
        appendices: Vec<Spanned<PaperRef>>,
    },
    /// No papers and no standard wording: an item with only its `title` (an oral update).
    TitleOnly,
}

impl AgendaItem {
    /// The standard item this is, if any.
    pub fn standard(&self) -> Option<StandardItem> {
        match &self.kind {
            ItemKind::Minutes(_) => Some(StandardItem::Minutes),
            ItemKind::Standard(standard) => Some(standard.clone()),
            ItemKind::Report { .. } | ItemKind::TitleOnly => None,
        }
    }
}

/// An agenda entry's map of fields as written, before it is known to be an item or a group.
/// Named as the entry it becomes, so that a wrong type is reported as it always was.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename = "AgendaEntry")]
struct AgendaEntryFields {
    group: Option<Heading>,
    #[schemars(with = "Option<Vec<AgendaEntry>>")]
    items: Option<Vec<Spanned<AgendaEntry>>>,
    #[schemars(with = "Option<String>")]
    key: Option<Spanned<String>>,
    standard: Option<StandardItem>,
    title: Option<String>,
    #[schemars(with = "Option<String>")]
    description: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    minutes: Option<Spanned<String>>,
    #[schemars(with = "Option<PaperRef>")]
    report: Option<Spanned<PaperRef>>,
    #[serde(default)]
    #[schemars(with = "Vec<PaperRef>")]
    appendices: Vec<Spanned<PaperRef>>,
    #[schemars(with = "Option<u8>")]
    exempt: Option<Spanned<u8>>,
    #[serde(default)]
    withdrawn: bool,
    #[serde(default)]
    supplementary: bool,
    #[schemars(with = "Option<String>")]
    urgent: Option<Spanned<String>>,
    #[serde(default)]
    parts: bool,
    #[schemars(with = "Option<TextOrNumber>")]
    number: Option<Spanned<TextOrNumber>>,
}

impl TryFrom<AgendaEntryFields> for AgendaEntry {
    type Error = ShapeError;

    fn try_from(fields: AgendaEntryFields) -> Result<Self, ShapeError> {
        match (fields.group, fields.items) {
            (Some(heading), Some(entries)) => {
                group_fields_unused(&fields.key, "key")?;
                group_fields_unused(&fields.standard, "standard")?;
                group_fields_unused(&fields.title, "title")?;
                group_fields_unused(&fields.minutes, "minutes")?;
                group_fields_unused(&fields.report, "report")?;
                if !fields.appendices.is_empty() {
                    return Err(not_on_a_group_heading("appendices"));
                }
                if fields.withdrawn {
                    return Err(not_on_a_group_heading("withdrawn"));
                }
                if fields.supplementary {
                    return Err(not_on_a_group_heading("supplementary"));
                }
                group_fields_unused(&fields.urgent, "urgent")?;
                group_fields_unused(&fields.number, "number")?;
                let items = entries
                    .into_iter()
                    .map(|entry| match entry.value {
                        AgendaEntry::Item(item) => Ok(Spanned {
                            value: *item,
                            referenced: entry.referenced,
                            defined: entry.defined,
                        }),
                        AgendaEntry::Group(_) => {
                            Err(ShapeError::new("a group cannot hold another group")
                                .hint("group headings go one level deep")
                                .at(&entry))
                        }
                    })
                    .collect::<Result<_, _>>()?;
                Ok(AgendaEntry::Group(AgendaGroup {
                    heading,
                    description: fields.description,
                    exempt: fields.exempt,
                    parts: fields.parts,
                    items,
                }))
            }
            (Some(_), None) | (None, Some(_)) => Err(ShapeError::new(
                "a group needs both `group` (its heading) and `items`",
            )),
            (None, None) => {
                if fields.parts {
                    return Err(ShapeError::new("`parts` belongs on a group heading")
                        .hint("a group with `parts: true` is one item, its items numbered 6.1, 6.2")
                        .at_field("parts"));
                }
                if fields.supplementary && fields.report.is_none() {
                    return Err(ShapeError::new(
                        "only a report item's papers can follow in the supplementary agenda",
                    )
                    .hint("give the item its `report:`, or remove `supplementary:`")
                    .at_field("supplementary"));
                }
                if fields.withdrawn && fields.title.is_none() {
                    return Err(ShapeError::new("a withdrawn item needs its `title:`").hint(
                        "the agenda keeps the item's number and title, and says it is withdrawn",
                    ));
                }
                let kind = item_kind(
                    fields.standard,
                    fields.minutes,
                    fields.report,
                    fields.appendices,
                    fields.title.is_some(),
                    fields.exempt.as_ref(),
                )?;
                Ok(AgendaEntry::Item(Box::new(AgendaItem {
                    key: fields.key,
                    title: fields.title,
                    description: fields.description,
                    exempt: fields.exempt,
                    kind,
                    withdrawn: fields.withdrawn,
                    supplementary: fields.supplementary,
                    urgent: fields.urgent,
                    number: fields.number,
                })))
            }
        }
    }
}

/// An error when a group heading has `field`: the fields of an item mean nothing there.
fn group_fields_unused<T>(value: &Option<T>, field: &str) -> Result<(), ShapeError> {
    match value {
        Some(_) => Err(not_on_a_group_heading(field)),
        None => Ok(()),
    }
}

/// `field` written on a group heading, which takes `group`, `items`, `description` (printed
/// under the heading) and `exempt` (every item of the group is exempt).
fn not_on_a_group_heading(field: &str) -> ShapeError {
    ShapeError::new(format!("`{field}` does not belong on a group heading"))
        .expected("a group's `group`, `items`, `description` and `exempt`")
        .hint(format!("move `{field}` to one of the group's items"))
        .at_field(field)
}

/// What kind of item it is, from its `standard`, `minutes`, `report` and `appendices`, each
/// checked to stand where it means something.
fn item_kind(
    standard: Option<StandardItem>,
    minutes: Option<Spanned<String>>,
    report: Option<Spanned<PaperRef>>,
    appendices: Vec<Spanned<PaperRef>>,
    titled: bool,
    exempt: Option<&Spanned<u8>>,
) -> Result<ItemKind, ShapeError> {
    if let (Some(standard), Some(exempt)) = (&standard, exempt)
        && *standard != StandardItem::Minutes
    {
        return Err(ShapeError::new("`exempt` means nothing on this standard item")
            .hint("exemption applies to an item's papers, or to an item discussed in private; standard items other than the minutes have neither")
            .at(exempt));
    }
    let kind = match (standard, minutes, report) {
        (Some(StandardItem::Minutes), Some(path), None) => ItemKind::Minutes(path),
        (Some(StandardItem::Minutes), None, None) => {
            return Err(
                ShapeError::new("the minutes item does not say which minutes it presents")
                    .hint("add `minutes:` with the path of the minutes file"),
            );
        }
        (Some(_), Some(path), _) => {
            return Err(
                ShapeError::new("`minutes:` belongs to the standard minutes item").at(&path),
            );
        }
        (Some(_), None, Some(report)) => {
            return Err(
                ShapeError::new("a standard item cannot also have a `report`")
                    .hint("make it a report item by removing `standard:`")
                    .at(&report),
            );
        }
        (Some(standard), None, None) => ItemKind::Standard(standard),
        (None, Some(path), _) => {
            return Err(
                ShapeError::new("`minutes:` belongs to the standard minutes item")
                    .hint("add `standard: minutes`")
                    .at(&path),
            );
        }
        (None, None, Some(report)) => {
            check_report(&report)?;
            for appendix in &appendices {
                if appendix.value.title.is_some() && !appendix.value.is_supplied_pdf() {
                    return Err(misplaced_title(appendix));
                }
            }
            return Ok(ItemKind::Report { report, appendices });
        }
        (None, None, None) if !titled => {
            return Err(ShapeError::new(
                "an agenda item needs a `standard`, a `report` or a `title`",
            ));
        }
        (None, None, None) => ItemKind::TitleOnly,
    };
    match appendices.first() {
        Some(first) => Err(ShapeError::new("appendices belong to a report")
            .hint("add the item's `report:`")
            .at(first)),
        None => Ok(kind),
    }
}

/// A cover report is a paper typeset from YAML, named on the agenda as "the report": a supplied
/// PDF, a `label` or a `title` of its own mean nothing for it.
fn check_report(report: &Spanned<PaperRef>) -> Result<(), ShapeError> {
    if report.value.label.is_some() {
        return Err(
            ShapeError::new("`label` belongs to an appendix, not to the report")
                .hint("remove it: the report is \"the report\" on the agenda")
                .at(report)
                .at_field("label"),
        );
    }
    if report.value.is_supplied_pdf() {
        return Err(ShapeError::new(
            "a cover report is typeset from YAML; a supplied PDF can only be an appendix",
        )
        .at(report));
    }
    if report.value.title.is_some() {
        return Err(misplaced_title(report));
    }
    Ok(())
}

/// `title:` given to a paper written in YAML, which takes its title from the paper itself.
fn misplaced_title(paper: &Spanned<PaperRef>) -> ShapeError {
    ShapeError::new("`title` is for an appendix supplied as a PDF; this paper has its own title")
        .hint("remove it, or change the title inside the paper's own file")
        .at(paper)
        .at_field("title")
}

crate::schema::schema_as!(AgendaEntry, AgendaEntryFields);

/// Read as its map of fields, then made an item or a group: a shape the agenda does not allow
/// fails here, while parsing, at the entry's place.
impl<'de> Deserialize<'de> for AgendaEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = AgendaEntryFields::deserialize(deserializer)?;
        AgendaEntry::try_from(fields).map_err(serde::de::Error::custom)
    }
}

/// The standard items of a council agenda: those whose wording the papers compute, and any
/// other the house style words (`petitions`, `public_questions`).
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// An item the house style words under `agenda: items:`, by its name there.
    Council(String),
}

impl StandardItem {
    /// The names of the items whose wording the papers compute; a house style's own items
    /// have other names.
    pub const COMPUTED: [&'static str; 6] = [
        "apologies",
        "declarations",
        "exclusion",
        "minutes",
        "urgent",
        "future_meetings",
    ];

    /// The item a name stands for: one of the computed items, or the house style's.
    pub fn named(name: &str) -> StandardItem {
        match name {
            "apologies" => StandardItem::Apologies,
            "declarations" => StandardItem::Declarations,
            "exclusion" => StandardItem::Exclusion,
            "minutes" => StandardItem::Minutes,
            "urgent" => StandardItem::Urgent,
            "future_meetings" => StandardItem::FutureMeetings,
            other => StandardItem::Council(other.to_string()),
        }
    }
}

crate::schema::schema_text_only!(
    StandardItem,
    "apologies, declarations, exclusion, minutes, urgent, future_meetings, or an item the house style words."
);

impl<'de> Deserialize<'de> for StandardItem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        if !super::common::is_key_name(&name) {
            return Err(serde::de::Error::custom(format!(
                "`{name}` is not the name of a standard item: apologies, declarations, exclusion, minutes, urgent, future_meetings, or one the house style words"
            )));
        }
        Ok(StandardItem::named(&name))
    }
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

#[derive(Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FutureMeetings {
    /// The dates, in order.
    pub dates: Vec<Date>,
    /// A line after the dates, e.g. "Time and venue to be agreed".
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_yaml;
    use crate::diagnostics::{Diagnostic, SourceFile};

    /// A meeting whose agenda is `items`, a YAML list from line 7.
    fn parse_items(items: &str) -> Result<Meeting, Diagnostic> {
        let text = format!(
            "kind: meeting\ncommittee: ../committee.yaml\ndate: 2022-05-13\ntime: 1.00 p.m.\nchief_executive: Sharon Kemp\nitems:\n{items}"
        );
        parse_yaml(&SourceFile {
            path: "meeting.yaml".into(),
            text,
        })
    }

    /// The problem reading `items`: message, first hint, line and column.
    fn problem(items: &str) -> (String, String, usize, usize) {
        let problem = parse_items(items).expect_err(items);
        let location = problem.location.expect("a place");
        (
            problem.message,
            problem.hints.first().cloned().unwrap_or_default(),
            location.line,
            location.column,
        )
    }

    /// The message, line and column of the problem reading `items`.
    fn message_at(items: &str) -> (String, usize, usize) {
        let (message, _, line, column) = problem(items);
        (message, line, column)
    }

    #[test]
    fn a_group_inside_a_group_fails_when_read_at_the_inner_one() {
        assert_eq!(
            problem(
                "  - group: Outer\n    items:\n      - title: An update\n      - group: Inner\n        items:\n          - title: Another\n"
            ),
            (
                "a group cannot hold another group".to_string(),
                "group headings go one level deep".to_string(),
                10,
                9
            )
        );
    }

    #[test]
    fn a_group_needs_its_heading_and_its_items() {
        for items in [
            "  - group: Portfolio\n",
            "  - items:\n      - title: An update\n",
        ] {
            assert_eq!(
                message_at(items),
                (
                    "a group needs both `group` (its heading) and `items`".to_string(),
                    7,
                    5
                ),
                "{items}"
            );
        }
    }

    #[test]
    fn an_item_field_on_a_group_heading_fails_at_the_field() {
        let problem = parse_items(
            "  - group: Portfolio\n    exempt: 3\n    report: cover.yaml\n    items:\n      - title: An update\n",
        )
        .expect_err("report on a group heading");
        assert_eq!(
            problem.message,
            "`report` does not belong on a group heading"
        );
        assert_eq!(
            problem.expected.as_deref(),
            Some("a group's `group`, `items`, `description` and `exempt`")
        );
        assert_eq!(
            problem.hints,
            vec!["move `report` to one of the group's items"]
        );
        let location = problem.location.expect("a place");
        assert_eq!((location.line, location.column, location.length), (9, 5, 7));
    }

    #[test]
    fn fields_of_an_item_that_belong_with_another_fail_at_their_place() {
        let cases: [(&str, &str, usize, usize); 8] = [
            (
                "  - title: Update\n    minutes: minutes.yaml\n",
                "`minutes:` belongs to the standard minutes item",
                8,
                14,
            ),
            (
                "  - standard: urgent\n    minutes: minutes.yaml\n",
                "`minutes:` belongs to the standard minutes item",
                8,
                14,
            ),
            (
                "  - standard: urgent\n    report: cover.yaml\n",
                "a standard item cannot also have a `report`",
                8,
                13,
            ),
            (
                "  - standard: apologies\n    exempt: 1\n",
                "`exempt` means nothing on this standard item",
                8,
                13,
            ),
            (
                "  - standard: minutes\n",
                "the minutes item does not say which minutes it presents",
                7,
                5,
            ),
            (
                "  - key: something\n",
                "an agenda item needs a `standard`, a `report` or a `title`",
                7,
                5,
            ),
            (
                "  - title: Update\n    appendices:\n      - paper: appendix.yaml\n",
                "appendices belong to a report",
                9,
                9,
            ),
            (
                "  - title: Performance\n    report: performance.pdf\n",
                "a cover report is typeset from YAML; a supplied PDF can only be an appendix",
                8,
                13,
            ),
        ];
        for (items, message, line, column) in cases {
            assert_eq!(
                message_at(items),
                (message.to_string(), line, column),
                "{items}"
            );
        }
    }

    #[test]
    fn a_label_or_title_on_a_paper_that_has_its_own_fails_at_the_field() {
        let title = "`title` is for an appendix supplied as a PDF; this paper has its own title";
        let cases: [(&str, &str, usize, usize); 3] = [
            (
                "  - title: Terms\n    report:\n      paper: cover.yaml\n      label: A\n",
                "`label` belongs to an appendix, not to the report",
                10,
                7,
            ),
            (
                "  - title: Terms\n    report:\n      paper: cover.yaml\n      title: Terms\n",
                title,
                10,
                7,
            ),
            (
                "  - title: Terms\n    report: cover.yaml\n    appendices:\n      - paper: terms.pdf\n        title: Terms\n      - paper: terms.yaml\n        title: Terms\n",
                title,
                13,
                9,
            ),
        ];
        for (items, message, line, column) in cases {
            assert_eq!(
                message_at(items),
                (message.to_string(), line, column),
                "{items}"
            );
        }
    }

    #[test]
    fn entries_are_read_as_the_kinds_they_are() {
        let meeting = parse_items(
            "  - standard: apologies\n  - standard: minutes\n    minutes: minutes.yaml\n    exempt: 1\n  - group: Portfolio\n    exempt: 3\n    items:\n      - title: Terms\n        report: cover.yaml\n        appendices:\n          - paper: terms.pdf\n            title: Terms\n            label: A\n      - title: An oral update\n",
        )
        .expect("a valid agenda");
        let entries: Vec<&AgendaEntry> = meeting.items.iter().map(|e| &e.value).collect();
        assert!(matches!(
            entries[0],
            AgendaEntry::Item(item) if matches!(item.kind, ItemKind::Standard(StandardItem::Apologies))
        ));
        let AgendaEntry::Item(minutes) = entries[1] else {
            panic!("an item: {:?}", entries[1]);
        };
        assert!(matches!(&minutes.kind, ItemKind::Minutes(path) if path.value == "minutes.yaml"));
        assert_eq!(minutes.standard(), Some(StandardItem::Minutes));
        assert_eq!(minutes.exempt.as_ref().map(|e| e.value), Some(1));
        let AgendaEntry::Group(group) = entries[2] else {
            panic!("a group: {:?}", entries[2]);
        };
        assert_eq!(group.heading.0, "Portfolio");
        assert_eq!(group.exempt.as_ref().map(|e| e.value), Some(3));
        let ItemKind::Report { report, appendices } = &group.items[0].value.kind else {
            panic!("a report item: {:?}", group.items[0].value);
        };
        assert_eq!(report.value.paper, "cover.yaml");
        assert_eq!(appendices[0].value.label.as_deref(), Some("A"));
        assert!(matches!(group.items[1].value.kind, ItemKind::TitleOnly));
        assert_eq!(group.items[1].value.standard(), None);
    }
}
