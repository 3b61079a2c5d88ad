//! A council's house style as data: the look the PDF and the Word files share (fonts, body size,
//! margins, colours), read strictly from `style.yaml` in the style's folder.

use serde::{Deserialize, Serialize};

/// The built-in house style's data (Rotherham's), beside its templates.
pub const BUILT_IN: &str = include_str!("../report_templates/rotherham/style.yaml");

/// The look of one council's papers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseStyle {
    /// Always `house-style`: a style folder inside a content folder is read as content too.
    pub kind: String,
    /// The council, as it names itself.
    pub council: String,
    /// The text fonts.
    pub fonts: Fonts,
    /// Body text size in points (6 to 30, in half points).
    pub body_size: BodySize,
    /// The headings' look by level: 1 a paper's title, 2 its sections, and so on (a deeper
    /// heading takes the last level's).
    pub headings: Vec<HeadingStyle>,
    /// Page margins in centimetres.
    pub margins: Margins,
    /// Colours, as six hex digits.
    pub colours: Colours,
    /// The council's logo, atop the agenda and a cover report's front page; none when absent.
    pub logo: Option<Logo>,
    /// Words printed around page numbers and on packs.
    pub labels: Labels,
    /// How dates are printed, each use its own pattern.
    pub dates: DateStyles,
    /// How numbers are printed: separators, percentages.
    pub numbers: NumberStyle,
    /// The agenda front sheet's wording.
    pub agenda: AgendaWording,
    /// The minutes' wording.
    pub minutes: MinutesWording,
    /// What a meeting's files say about themselves: subject and keywords.
    pub properties: MeetingProperties,
    /// The website's wording: its pages' headings and how they describe each file.
    pub website: WebsiteWording,
    /// The performance report's indicator table: its columns, their headings and widths.
    pub indicator_table: TableStyle<IndicatorColumn>,
    /// An action plan's table: its columns, their headings and widths.
    pub action_plan: TableStyle<ActionPlanColumn>,
    /// The form a cover report that names none (`layout:`) is written in.
    pub default_form: String,
    /// The cover report forms, by the name a report gives in `layout:`.
    pub cover_report: std::collections::BTreeMap<String, CoverReportForm>,
}

/// One cover report form: its banner and front page, its sections, its closing line, and how
/// it sets out what a report gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverReportForm {
    /// Other forms this one stands in for: a report written for one of them (`layout:`) is
    /// built with this form, its sections placed by each section's `also`.
    #[serde(default)]
    pub stands_for: Vec<String>,
    /// Lines of the banner above the front page (`{committee}` filled in); none for no banner.
    #[serde(default)]
    pub banner: Vec<Words>,
    /// The front page's fields, in order, each with its label. Those a report gives are
    /// printed; the front page is left out when a report gives none but the committee, date
    /// and title.
    pub front_page: Vec<FrontPageField>,
    /// Where the front page's labels stand: `above` each value (shaded) or `beside` it.
    #[serde(default)]
    pub front_page_labels: FrontPageLabels,
    /// A heading after the front page, `{title}` filled in ("Title: {title}"). Without it, the
    /// title is the heading: in the front page's title row, or alone when there is no front page.
    pub title_heading: Option<Words>,
    /// Whether the summary's and the recommendations' paragraphs are numbered ("1.1", "2.1").
    #[serde(default)]
    pub numbered_summary: bool,
    /// How an author is named: `{name}` and `{role}` filled in ("{name} – {role}").
    pub author: Words,
    /// How appendices are listed: `table` (a label and a title a row) or `lines`
    /// ("Appendix 1 – Title").
    pub appendices: AppendixList,
    /// Whether sections, sub-sections and their paragraphs are numbered ("2.", "2.1").
    #[serde(default = "numbered_by_default")]
    pub numbered: bool,
    /// The sections, in order.
    pub sections: Vec<FormSection>,
    /// A line after everything else ("This report is published on the Council's website.").
    pub closing: Option<Words>,
}

fn numbered_by_default() -> bool {
    true
}

/// Where a front page's labels stand.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FrontPageLabels {
    /// Above each value, on the style's shade.
    #[default]
    Above,
    /// Beside each value, in a column of their own.
    Beside,
}

/// How a form lists a report's appendices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AppendixList {
    /// A label and a title a row.
    Table,
    /// One line each: "Appendix 1 – Title".
    Lines,
}

/// What a cover report gives beyond its sections, which a form places on its front page or in
/// a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportField {
    /// The committee and the meeting's date, together.
    CommitteeAndDate,
    /// The committee alone.
    Committee,
    /// The meeting's date alone.
    MeetingDate,
    /// The report's title.
    Title,
    /// Whether it is a key decision.
    KeyDecision,
    /// The director or officer approving it.
    StrategicDirector,
    /// The portfolio holder (cabinet member) it belongs to.
    PortfolioHolder,
    /// Its authors.
    Authors,
    /// The wards it affects.
    Wards,
    /// Its summary.
    Summary,
    /// Its recommendations.
    Recommendations,
    /// Its appendices.
    Appendices,
    /// Its background papers.
    BackgroundPapers,
    /// Consideration by other committees.
    OtherConsideration,
    /// Whether the council must approve it.
    CouncilApprovalRequired,
    /// Whether it is exempt from the press and public.
    Exempt,
    /// Whether the decision may be called in.
    CallIn,
    /// The officers accountable for it.
    AccountableOfficers,
}

impl ReportField {
    /// Every field, in the order messages list them.
    pub const ALL: [ReportField; 18] = [
        ReportField::CommitteeAndDate,
        ReportField::Committee,
        ReportField::MeetingDate,
        ReportField::Title,
        ReportField::KeyDecision,
        ReportField::StrategicDirector,
        ReportField::PortfolioHolder,
        ReportField::Authors,
        ReportField::Wards,
        ReportField::Summary,
        ReportField::Recommendations,
        ReportField::Appendices,
        ReportField::BackgroundPapers,
        ReportField::OtherConsideration,
        ReportField::CouncilApprovalRequired,
        ReportField::Exempt,
        ReportField::CallIn,
        ReportField::AccountableOfficers,
    ];

    /// The field's name as a report and a style write it (`key_decision`).
    pub fn name(self) -> &'static str {
        match self {
            ReportField::CommitteeAndDate => "committee_and_date",
            ReportField::Committee => "committee",
            ReportField::MeetingDate => "meeting_date",
            ReportField::Title => "title",
            ReportField::KeyDecision => "key_decision",
            ReportField::StrategicDirector => "strategic_director",
            ReportField::PortfolioHolder => "portfolio_holder",
            ReportField::Authors => "authors",
            ReportField::Wards => "wards",
            ReportField::Summary => "summary",
            ReportField::Recommendations => "recommendations",
            ReportField::Appendices => "appendices",
            ReportField::BackgroundPapers => "background_papers",
            ReportField::OtherConsideration => "other_consideration",
            ReportField::CouncilApprovalRequired => "council_approval_required",
            ReportField::Exempt => "exempt",
            ReportField::CallIn => "call_in",
            ReportField::AccountableOfficers => "accountable_officers",
        }
    }
}

/// A field of a form's front page and its label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontPageField {
    /// Which field.
    pub field: ReportField,
    /// Its label.
    pub label: Words,
    /// Its label when a report gives one item (one recommendation), if it differs.
    pub label_one: Option<Words>,
}

/// A section of a cover report form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormSection {
    /// The key a report writes it under (`background`, `key_issues`, …).
    pub key: String,
    /// Its printed heading.
    pub heading: Words,
    /// 1 for a section, 2 for a sub-section of the section before it.
    #[serde(default = "section_level")]
    pub level: u8,
    /// What it says when a report leaves it out.
    pub standard: Option<Words>,
    /// Whether a report must write it when it has no standard wording (yes unless `false`:
    /// a heading that only stands over its sub-sections is not).
    pub required: Option<bool>,
    /// Keys of other forms' sections that this one takes, after its own text.
    #[serde(default)]
    pub also: Vec<String>,
    /// A report's fields printed in this section, before any text the report writes in it (the
    /// accountable officers in the last section; the recommendations in a summary section).
    #[serde(default)]
    pub fields: Vec<SectionField>,
    /// A report's field the section prints when the report writes nothing in it, so that
    /// what the form asks for twice (the 2020 form's recommendations, on the front page and
    /// as section 1) is written once.
    #[serde(default)]
    pub or_field: Option<ReportField>,
}

fn section_level() -> u8 {
    1
}

impl FormSection {
    /// Whether a report must write it (or give one of its fields).
    pub fn is_required(&self) -> bool {
        self.standard.is_none() && self.required != Some(false)
    }
}

/// A report's field printed in a section, with a label above it if the form gives one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionField {
    /// Which field.
    pub field: ReportField,
    /// Printed above it, if given.
    pub label: Option<Words>,
}

/// The minutes' wording: who was present, apologies, decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesWording {
    /// The label of those present ("Present:-").
    pub present: Words,
    /// The chair, `{name}` filled in ("Councillor {name} (Chair)").
    pub chair: Words,
    /// One other councillor present (`{name}`).
    pub councillor: Words,
    /// Several other councillors present (`{names}`).
    pub councillors: Words,
    /// The apologies received (`{names}`).
    pub apologies: Words,
    /// The label before a single decision ("Resolved:-").
    pub resolved: Words,
    /// The label before numbered decisions ("Resolved:").
    pub resolved_several: Words,
    /// The headings of a table of declared interests.
    pub declarations: DeclarationHeadings,
    /// How a motion, its amendments and the votes on them are set out.
    pub motion: MotionWording,
}

/// The wording of a motion a minute records: who moved and seconded it and each amendment, how
/// the votes went, and what became of each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MotionWording {
    /// Before the motion's text, `{mover}` and `{seconder}` filled in ("It was moved by
    /// {mover} and seconded by {seconder} that:").
    pub moved: Words,
    /// Before an amendment's text, `{mover}` and `{seconder}` filled in.
    pub amendment_moved: Words,
    /// The counts of a show of hands: `{for}`, `{against}` and `{abstain}`.
    pub show_of_hands: Words,
    /// Before the names of a recorded vote ("A recorded vote was taken:").
    pub recorded_vote: Words,
    /// The label of those who voted for, `{count}` filled in ("For ({count})").
    #[serde(rename = "for")]
    pub in_favour: Words,
    /// The label of those who voted against (`{count}`).
    pub against: Words,
    /// The label of those who abstained (`{count}`).
    pub abstain: Words,
    /// In place of the names when nobody voted so ("None").
    pub nobody: Label,
    /// After a tied vote the chair decided for the motion or amendment.
    pub casting_vote_for: Words,
    /// After a tied vote the chair decided against it.
    pub casting_vote_against: Words,
    /// The motion's outcome when carried ("The motion was carried.").
    pub carried: Words,
    /// The motion's outcome when lost.
    pub lost: Words,
    /// An amendment's outcome when carried.
    pub amendment_carried: Words,
    /// An amendment's outcome when lost.
    pub amendment_lost: Words,
}

/// The column headings of a minute's table of declared interests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclarationHeadings {
    /// Who declared it.
    pub member: Label,
    /// The item it concerns.
    pub item: Label,
    /// Its type.
    pub interest: Label,
    /// What it is.
    pub nature: Label,
}

/// The agenda front sheet's wording: the labels of the meeting's details, the standing
/// statements and the standard items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaWording {
    /// The label of the meeting's date and time ("Date and Time :-").
    pub date_and_time: Words,
    /// The label of the venue.
    pub venue: Words,
    /// The label of the membership.
    pub membership: Words,
    /// The councillors who hold no office but chair or vice-chair, `{names}` filled in
    /// ("Councillors {names}").
    pub members: Words,
    /// A councillor in that line with their office, `{name}` and `{role}`: "{name} ({role})".
    pub member_with_role: Words,
    /// The chair's office ("Chair").
    pub chair: Words,
    /// The vice-chair's office ("Vice-Chair").
    pub vice_chair: Words,
    /// A member on a line of their own (another role, from outside the council, co-opted or
    /// non-voting), `{name}` and `{role}` (what they are, joined by commas): "{name}, {role}".
    pub member_line: Words,
    /// A councillor on a line of their own, `{name}`: "Councillor {name}".
    pub councillor: Words,
    /// Said of a co-opted member ("co-opted member").
    pub co_opted: Words,
    /// Said of a member who may not vote ("non-voting").
    pub non_voting: Words,
    /// A member's name with their political group, `{name}` and `{group}`; groups are not
    /// printed when this is left out.
    #[serde(default)]
    pub member_group: Option<Words>,
    /// The label of the named substitutes, printed after the membership.
    pub substitutes: Words,
    /// The label of the contact.
    pub contact: Words,
    /// The label of the date the agenda was issued, when the meeting gives it (`issued:`).
    pub issued: Words,
    /// The sentence after the meeting's details.
    pub introduction: Words,
    /// The statement on openness and recording, `{council}` filled in.
    pub openness: Words,
    /// The heading above the items ("AGENDA").
    pub heading: Words,
    /// The apologies item (`{member_title}`).
    pub apologies: StandardWording,
    /// The declarations of interest item.
    pub declarations: StandardWording,
    /// The exclusion of the press and public item.
    pub exclusion: ExclusionWording,
    /// The minutes item (`{committee}`, `{held}`).
    pub minutes: StandardWording,
    /// The urgent business item.
    pub urgent: StandardWording,
    /// The future meetings item (its dates follow the title).
    pub future_meetings: TitleOnly,
    /// Who signs the agenda, below the name the meeting gives (`chief_executive:`):
    /// "Chief Executive.".
    pub signed_by: Words,
    /// Before a report's recommendations printed under its item, when the committee asks.
    pub recommendations: Words,
    /// Under a withdrawn item's title ("This item has been withdrawn.").
    pub withdrawn: Words,
    /// The supplementary agenda: its heading, and what the agenda says of an item whose
    /// papers follow in it.
    pub supplementary: SupplementaryWording,
    /// Under an item taken as urgent business, `{reason}` being why it could not wait.
    pub urgent_reason: Words,
    /// A heading printed after the exclusion item, above the items taken in private
    /// ("Agenda - Part II"); none if left out.
    #[serde(default)]
    pub private_heading: Option<Words>,
    /// The council's other standard items, by the name an agenda gives in `standard:`
    /// (`petitions`, `public_questions`), each with its title and wording.
    #[serde(default)]
    pub items: std::collections::BTreeMap<String, StandardWording>,
}

/// What the files of a meeting say about themselves in their properties (a PDF's Subject and
/// Keywords, a Word file's description and keywords), by paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingProperties {
    /// The agenda, and the agenda pack behind it.
    pub agenda: PaperProperties,
    /// The supplementary agenda and its pack.
    pub supplementary_agenda: PaperProperties,
    /// Minutes.
    pub minutes: PaperProperties,
}

/// The website's wording (`website:` in `style.yaml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WebsiteWording {
    /// The site's front page heading, over its committees ("Committee meetings").
    pub home: Words,
    /// Heading over a committee's meetings ("Meetings").
    pub meetings: Words,
    /// Heading over the papers built outside any meeting ("Other papers").
    pub other_papers: Words,
    /// Heading over a meeting's own files: the pack, the agenda, its data ("Meeting documents").
    pub meeting_documents: Words,
    /// The agenda pack, as a link ("Agenda pack").
    pub agenda_pack: Words,
    /// The supplementary pack, as a link.
    pub supplementary_pack: Words,
    /// The agenda front sheet as a Word file.
    pub agenda_word: Words,
    /// The supplementary agenda as a Word file.
    pub supplementary_agenda_word: Words,
    /// An item's papers as one PDF ("All papers for this item").
    pub item_papers: Words,
    /// A paper's web page, `{title}` filled in ("{title}").
    pub web_page: Words,
    /// How a PDF is described after its link, `{pages}` and `{size}` filled in
    /// ("PDF, {pages} pages, {size}").
    pub pdf: Words,
    /// A PDF of one page.
    pub pdf_one_page: Words,
    /// How a Word file is described, `{size}` filled in ("Word, {size}").
    pub word: Words,
    /// The link to this meeting's minutes, published with a later meeting.
    pub minutes_of_this_meeting: Words,
    /// The meeting's data for other systems ("Meeting data (JSON)").
    pub meeting_data: Words,
    /// The committee's calendar of meetings ("Add the meetings to your calendar (iCalendar)").
    pub calendar: Words,
    /// Over a chart's figures, which a reader opens under the chart ("Chart data").
    pub chart_data: Words,
}

/// One paper's subject and keywords.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperProperties {
    /// Its subject, `{committee}` and `{date}` (the meeting's, as `dates.long` prints it)
    /// filled in: "Agenda of the {committee}, {date}".
    pub subject: Words,
    /// Words it is found by, after the committee's name and the date, which are keywords of
    /// every meeting's files ("agenda").
    pub keywords: Vec<Words>,
}

impl PaperProperties {
    /// The subject and keywords of the paper of `committee`'s meeting on `date` (printed).
    pub fn fill(&self, committee: &str, date: &str) -> (String, Vec<String>) {
        let values = [("committee", committee), ("date", date)];
        let keywords = [committee.to_string(), date.to_string()]
            .into_iter()
            .chain(self.keywords.iter().map(|words| words.fill(&values)))
            .collect();
        (self.subject.fill(&values), keywords)
    }
}

/// The supplementary agenda's wording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplementaryWording {
    /// Its heading, under the committee's name ("SUPPLEMENTARY AGENDA").
    pub heading: Words,
    /// Under an item on the agenda whose papers follow in the supplementary agenda.
    pub to_follow: Words,
}

/// A standard agenda item's title and the text under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardWording {
    /// The item's title.
    pub title: Words,
    /// What the item is for.
    pub text: Words,
}

/// A standard agenda item whose text is made from the meeting (its dates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitleOnly {
    /// The item's title.
    pub title: Words,
}

/// The exclusion item: its text when nothing is exempt, and the sentence before the list of
/// exempt items (each with its paragraph of Schedule 12A) when something is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExclusionWording {
    /// The item's title.
    pub title: Words,
    /// Its text when no item is exempt.
    pub text: Words,
    /// The sentence before the exempt items.
    pub exempt_items: Words,
    /// One exempt item in the list: `{item}` ("Agenda Item 6 (Title)", or "Appendix 2 of
    /// Agenda Item 6 (Title)") and `{paragraphs}` (each as `exempt_paragraph` says, joined by
    /// "; ").
    pub exempt_item: Words,
    /// One paragraph of Schedule 12A an item is exempt under: `{paragraph}` (its number) and
    /// `{reason}` (the Schedule's words).
    pub exempt_paragraph: Words,
    /// One sentence naming every exempt item and, once each, the paragraphs they are exempt
    /// under, instead of `exempt_items` and a list: `{items}` and `{paragraphs}` (each as
    /// `exempt_paragraph` says).
    #[serde(default)]
    pub sentence: Option<Words>,
    /// The sentence when only one item is exempt (its verbs singular); `sentence` if left out.
    #[serde(default)]
    pub sentence_one: Option<Words>,
}

/// The names wording may use in braces, filled in when the agenda is made.
pub const PLACEHOLDERS: [&str; 24] = [
    "pages",
    "size",
    "council",
    "date",
    "group",
    "committee",
    "member_title",
    "name",
    "names",
    "held",
    "role",
    "title",
    "year",
    "item",
    "items",
    "paragraphs",
    "paragraph",
    "reason",
    "mover",
    "seconder",
    "count",
    "for",
    "against",
    "abstain",
];

/// Wording: text that may name [`PLACEHOLDERS`] in braces ("{council} advocates openness…").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String")]
pub struct Words(String);

impl Words {
    /// The words with each `{name}` replaced by its value in `values`, in one pass: a value
    /// is inserted as it is, so a committee named "{held}" prints as named.
    pub fn fill(&self, values: &[(&str, &str)]) -> String {
        let mut text = String::with_capacity(self.0.len());
        let mut rest = self.0.as_str();
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let name = after.split('}').next().unwrap_or_default();
            match values.iter().find(|(known, _)| *known == name) {
                Some((_, value)) if after.len() > name.len() => {
                    text.push_str(value);
                    rest = &after[name.len() + 1..];
                }
                _ => {
                    text.push('{');
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        text
    }

    /// The words as written (for wording that names nothing).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Words {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let text = text.trim().to_string();
        if text.is_empty() || text.chars().count() > 2_000 || text.chars().any(char::is_control) {
            return Err("wording is 1 to 2,000 characters of text".to_string());
        }
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let name = after.split('}').next().unwrap_or_default();
            if !after.contains('}') {
                return Err(format!(
                    "the wording has a `{{` that is not closed: `{}`",
                    text.chars().take(60).collect::<String>()
                ));
            }
            if !PLACEHOLDERS.contains(&name) {
                return Err(format!(
                    "`{{{name}}}` is not a name wording may use: {}",
                    PLACEHOLDERS
                        .iter()
                        .map(|name| format!("{{{name}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            rest = &after[name.len() + 1..];
        }
        Ok(Words(text))
    }
}

/// The words the papers print around numbers, in the council's own terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// The footer's "Page 3", and "(Page 5)" for an agenda item's one page.
    pub page: Label,
    /// "(Pages 3 - 7)" for an agenda item's pages.
    pub pages: Label,
    /// The stamp at the top of each item's papers in a pack: "Agenda Item 5"; and how narrative
    /// cites an agenda item.
    pub agenda_item: Label,
    /// How narrative cites a minute: "Minute No. 31 (LAC Council Update)".
    pub minute: Label,
    /// An appendix's label on a cover report: "Appendix 1".
    pub appendix: Label,
    /// What a list the report gives empty says ("Background Papers: None").
    pub none: Label,
    /// Printed on a pack's filler page before an item that must start on a right-hand page
    /// ("This page is intentionally left blank"); the page is left bare without it.
    pub blank_page: Option<Words>,
}

/// A table's look: its text size and its columns in order, each with its heading and width.
/// A column left out is not printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableStyle<Key> {
    /// Text size in points.
    pub font_size: TableTextSize,
    /// The columns, in order.
    pub columns: Vec<TableColumn<Key>>,
}

/// One column of a table: what it holds, its heading and its width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableColumn<Key> {
    /// What the column holds.
    pub key: Key,
    /// Its heading (`{year}` filled in where the column says which year); a column whose heading
    /// is made from the data (a month) has none.
    pub heading: Option<Words>,
    /// Its width, as a share of the table's: the widths of all columns shown fill the page.
    pub width: ColumnWidth,
}

/// What a column of the indicator table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorColumn {
    /// The indicator's reference.
    Reference,
    /// Its title and note.
    Indicator,
    /// How often it is measured.
    Timeline,
    /// What its figures are (a number, a percentage).
    DataNote,
    /// One column per month shown, each headed with its month ("Dec-21").
    Months,
    /// The year to date (`{year}`: this financial year).
    YearToDate,
    /// Whether good performance is high or low.
    Polarity,
    /// Direction of travel since last month.
    Direction,
    /// The RAG rating.
    Rag,
    /// The red threshold.
    Red,
    /// The amber threshold.
    Amber,
    /// The green threshold (the target).
    Green,
    /// Last year's outturn (`{year}`: last financial year).
    LastYear,
    /// The best statistical neighbour.
    BestNeighbour,
    /// The statistical neighbours' average.
    NeighbourAverage,
    /// The national average.
    National,
}

/// What a column of an action plan holds. The optional columns are printed only when some
/// action fills them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionPlanColumn {
    /// The group (theme or issue) each action belongs to; a plan's `group_label` heads it.
    Group,
    /// The action.
    Action,
    /// Its outcome; a plan's `outcome_label` heads it.
    Outcome,
    /// Who owns it.
    Owner,
    /// When it is due.
    Due,
    /// Its status, in words and colour.
    Status,
}

/// A column's width: a share from 0.5 to 50.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "f64")]
pub struct ColumnWidth(f32);

impl ColumnWidth {
    /// The width.
    pub fn share(self) -> f32 {
        self.0
    }
}

impl TryFrom<f64> for ColumnWidth {
    type Error = String;

    fn try_from(width: f64) -> Result<Self, String> {
        if (0.5..=50.0).contains(&width) {
            Ok(ColumnWidth(width as f32))
        } else {
            Err(format!(
                "`{width}` is not a column width: give a share from 0.5 to 50"
            ))
        }
    }
}

/// A table's text size in points: 6 to 14.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "f64")]
pub struct TableTextSize(f32);

impl TableTextSize {
    /// The size in points.
    pub fn points(self) -> f32 {
        self.0
    }
}

impl TryFrom<f64> for TableTextSize {
    type Error = String;

    fn try_from(size: f64) -> Result<Self, String> {
        if (6.0..=14.0).contains(&size) {
            Ok(TableTextSize(size as f32))
        } else {
            Err(format!(
                "`{size}` is not a table's text size: give 6 to 14 points"
            ))
        }
    }
}

/// A council's logo: a PNG file in the style folder, its text alternative and its printed width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// The file's name in the style folder (`logo.png`).
    pub file: LogoFile,
    /// What a screen reader says for it ("London Borough of Harrow").
    pub alt: Label,
    /// Its printed width in centimetres (1 to 10).
    pub width: LogoWidth,
}

/// A logo's file name: a PNG in the style folder itself, never a path out of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String")]
pub struct LogoFile(String);

impl LogoFile {
    /// The file name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LogoFile {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        let plain = !name.is_empty()
            && name.len() <= 100
            && !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if plain && name.to_ascii_lowercase().ends_with(".png") {
            Ok(LogoFile(name))
        } else {
            Err(format!(
                "`{name}` is not a logo file: give the name of a PNG in the style folder, such as logo.png"
            ))
        }
    }
}

/// A logo's printed width: 1 to 10 centimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "f64")]
pub struct LogoWidth(f64);

impl LogoWidth {
    /// The width in centimetres.
    pub fn centimetres(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for LogoWidth {
    type Error = String;

    fn try_from(width: f64) -> Result<Self, String> {
        if (1.0..=10.0).contains(&width) {
            Ok(LogoWidth(width))
        } else {
            Err(format!(
                "{width} cm is not a logo's width: give 1 to 10 centimetres"
            ))
        }
    }
}

/// How the papers print numbers: "1,167.5" and "91.3%" in British style; "1 167,5" or
/// "91.3 per cent" where a council prints them so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberStyle {
    /// Between thousands: `","`, `" "`, `"."`, `"'"` or `""` for none.
    pub thousands: Separator,
    /// Before decimals: `"."` or `","`.
    pub decimal: Separator,
    /// A percentage, `{number}` filled in: `"{number}%"` or `"{number} per cent"`.
    pub percent: NumberPattern,
    /// A difference of percentages, `{number}` filled in: `"{number} percentage points"`.
    pub percentage_points: NumberPattern,
}

impl NumberStyle {
    /// Whether this is the style every number is first formatted in ("1,167.5", "91.3%",
    /// "2.5 percentage points"), so that nothing need change.
    pub fn is_british(&self) -> bool {
        self.thousands.0 == ","
            && self.decimal.0 == "."
            && self.percent.0 == "{number}%"
            && self.percentage_points.0 == "{number} percentage points"
    }
}

impl Default for NumberStyle {
    fn default() -> Self {
        NumberStyle {
            thousands: Separator(",".to_string()),
            decimal: Separator(".".to_string()),
            percent: NumberPattern("{number}%".to_string()),
            percentage_points: NumberPattern("{number} percentage points".to_string()),
        }
    }
}

/// A separator in a number: at most one character, not a digit, sign or letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String")]
pub struct Separator(String);

impl Separator {
    /// The separator.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Separator {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        if matches!(text.as_str(), "," | "." | " " | "\u{a0}" | "'" | "") {
            Ok(Separator(text))
        } else {
            Err(format!(
                "`{text}` is not a number separator: give \",\", \".\", \" \", \"'\" or \"\""
            ))
        }
    }
}

/// A pattern around a number: text with `{number}` once ("{number} per cent").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String")]
pub struct NumberPattern(String);

impl NumberPattern {
    /// The pattern with `number` in place of `{number}`.
    pub fn fill(&self, number: &str) -> String {
        self.0.replacen("{number}", number, 1)
    }
}

impl TryFrom<String> for NumberPattern {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let fits = text.matches("{number}").count() == 1
            && text.chars().count() <= 40
            && !text.chars().any(char::is_control)
            && text
                .replacen("{number}", "", 1)
                .chars()
                .all(|c| c != '{' && c != '}');
        if fits {
            Ok(NumberPattern(text))
        } else {
            Err(format!(
                "`{text}` is not a number pattern: give up to 40 characters with {{number}} once, such as \"{{number}}%\""
            ))
        }
    }
}

/// How the papers print dates: one pattern per use, so a council that writes "Friday 13 May
/// 2022" on its agenda and "15th February, 2022" for the meeting its minutes record says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateStyles {
    /// A date on its own: titles, a cover report's committee date ("13 May 2022").
    pub long: DatePattern,
    /// The meeting's date on the agenda front sheet and atop its minutes ("Friday 13 May 2022").
    pub meeting: DatePattern,
    /// An earlier meeting, as an agenda and minutes cite it ("15th February, 2022").
    pub held: DatePattern,
    /// A date in a form or a table ("15/02/2022").
    pub numeric: DatePattern,
    /// The meeting's date in the minutes' running header ("15/02/22").
    pub running_header: DatePattern,
    /// The first of the future meetings' dates ("Tuesday, 14th June, 2022").
    pub future_first: DatePattern,
    /// A later future meeting in a new year ("10th January, 2023").
    pub future_new_year: DatePattern,
    /// A later future meeting in the same year ("13th September").
    pub future: DatePattern,
}

/// The names a date pattern may use in braces.
pub const DATE_PARTS: [&str; 10] = [
    "weekday",
    "day",
    "day_ordinal",
    "dd",
    "month",
    "month_short",
    "mm",
    "year",
    "yy",
    "weekday_short",
];

/// A date pattern: text naming [`DATE_PARTS`] in braces ("{weekday} {day} {month} {year}").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String")]
pub struct DatePattern(String);

impl DatePattern {
    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pattern's pieces in order: text as written, and the parts it names.
    pub fn pieces(&self) -> impl Iterator<Item = DatePiece<'_>> {
        let mut rest = self.0.as_str();
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            if let Some(after) = rest.strip_prefix('{') {
                // Checked when read: every brace closes on a known part.
                let name = after.split('}').next().unwrap_or_default();
                rest = after.get(name.len() + 1..).unwrap_or_default();
                return Some(DatePiece::Part(name));
            }
            let text_end = rest.find('{').unwrap_or(rest.len());
            let (text, after) = rest.split_at(text_end);
            rest = after;
            Some(DatePiece::Text(text))
        })
    }
}

/// A piece of a [`DatePattern`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePiece<'a> {
    /// Text printed as it is.
    Text(&'a str),
    /// One of [`DATE_PARTS`].
    Part(&'a str),
}

impl TryFrom<String> for DatePattern {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        if text.trim().is_empty() || text.chars().count() > 80 || text.chars().any(char::is_control)
        {
            return Err("a date pattern is 1 to 80 characters on one line".to_string());
        }
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let name = after.split('}').next().unwrap_or_default();
            if !after.contains('}') {
                return Err(format!("`{text}` has a `{{` that is not closed"));
            }
            if !DATE_PARTS.contains(&name) {
                return Err(format!(
                    "`{{{name}}}` is not a part of a date: {}",
                    DATE_PARTS
                        .iter()
                        .map(|name| format!("{{{name}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            rest = &after[name.len() + 1..];
        }
        if !text.contains('{') {
            return Err(format!(
                "`{text}` is not a date pattern: name the parts of the date in braces, such as {{day}} {{month}} {{year}}"
            ));
        }
        Ok(DatePattern(text))
    }
}

/// A short label: one line of 1 to 40 printable characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String")]
pub struct Label(String);

impl Label {
    /// The words.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Label {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let text = text.trim();
        if (1..=40).contains(&text.chars().count()) && !text.chars().any(char::is_control) {
            Ok(Label(text.to_string()))
        } else {
            Err(format!(
                "`{text}` is not a label: give 1 to 40 characters on one line"
            ))
        }
    }
}

/// The text fonts: the PDF's is bundled; the Word file names its own, which Word substitutes
/// when the reader lacks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    /// The PDF's font, one of those bundled in `fonts/` ("Liberation Sans").
    pub pdf: FontName,
    /// The font Word files name ("Arial").
    pub word: FontName,
}

/// Page margins in centimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    /// Top margin.
    pub top: Centimetres,
    /// Bottom margin (the page number sits in it).
    pub bottom: Centimetres,
    /// Left margin.
    pub left: Centimetres,
    /// Right margin.
    pub right: Centimetres,
}

/// The colours of the house style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// Links (underlined as well).
    pub link: Colour,
    /// Front-page field headings and shaded table rows.
    pub shade: Colour,
    /// A red RAG rating (always printed with the word).
    pub red: Colour,
    /// An amber RAG rating.
    pub amber: Colour,
    /// A green RAG rating.
    pub green: Colour,
    /// Chart series in turn (bars, lines), in both formats.
    pub chart_series: Palette,
    /// Chart reference lines in turn (statistical neighbour and national averages).
    pub chart_references: Palette,
}

/// Colours used in turn, one after another and round again: at least one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "Vec<Colour>")]
pub struct Palette(Vec<Colour>);

impl Palette {
    /// The colour of the `index`th thing drawn (from 0), going round the palette.
    pub fn nth(&self, index: usize) -> &Colour {
        &self.0[index % self.0.len()]
    }
}

impl TryFrom<Vec<Colour>> for Palette {
    type Error = String;

    fn try_from(colours: Vec<Colour>) -> Result<Self, String> {
        if colours.is_empty() {
            Err("give at least one colour, such as [1F4E79]".to_string())
        } else {
            Ok(Palette(colours))
        }
    }
}

/// A font's family name: letters, digits, spaces and hyphens, as font names are written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String")]
pub struct FontName(String);

impl FontName {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for FontName {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        let name = name.trim();
        let fits = (1..=64).contains(&name.chars().count())
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
        if fits {
            Ok(FontName(name.to_string()))
        } else {
            Err(format!(
                "`{name}` is not a font name: give its family name, such as Arial"
            ))
        }
    }
}

/// A colour as six hex digits ("1F4E79"), checked when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct Colour(String);

impl schemars::JsonSchema for Colour {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Colour".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // Six digits with no letter (595959) are a number to YAML, and read as the colour.
        schemars::json_schema!({
            "description": "A colour as six hex digits, e.g. 1F4E79.",
            "anyOf": [
                { "type": "string", "pattern": "^#?[0-9A-Fa-f]{6}$" },
                { "type": "integer", "minimum": 0, "maximum": 999999 }
            ]
        })
    }
}

impl Colour {
    /// The six hex digits, in capitals.
    pub fn hex(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Colour {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let hex = text.trim().trim_start_matches('#');
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            Ok(Colour(hex.to_ascii_uppercase()))
        } else {
            Err(format!(
                "`{text}` is not a colour: give six hex digits, such as 1F4E79"
            ))
        }
    }
}

/// A body text size in points: 6 to 30, in half points (Word sizes text in half points).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "f64")]
pub struct BodySize(f64);

impl BodySize {
    /// The size in points.
    pub fn points(self) -> f64 {
        self.0
    }

    /// The size in Word's half points.
    pub fn half_points(self) -> usize {
        (self.0 * 2.0).round() as usize
    }
}

impl TryFrom<f64> for BodySize {
    type Error = String;

    fn try_from(size: f64) -> Result<Self, String> {
        if (6.0..=30.0).contains(&size) && (size * 2.0).fract() == 0.0 {
            Ok(BodySize(size))
        } else {
            Err(format!(
                "{size} is not a body size: give 6 to 30 points, in half points (11, 11.5, 12)"
            ))
        }
    }
}

/// How headings of one level look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadingStyle {
    /// Text size in points (6 to 30, in half points).
    pub size: BodySize,
    /// Text colour; black when none.
    pub colour: Option<Colour>,
}

impl HouseStyle {
    /// The look of headings of `level` (1 upwards): the style's for that level, or its deepest.
    pub fn heading(&self, level: usize) -> Option<&HeadingStyle> {
        self.headings
            .get(level.saturating_sub(1))
            .or(self.headings.last())
    }
}

/// A length in centimetres, 0 to 10 (a margin).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "f64")]
pub struct Centimetres(f64);

impl Centimetres {
    /// The length in centimetres.
    pub fn centimetres(self) -> f64 {
        self.0
    }

    /// The length in twentieths of a point, as Word measures pages (2.54 cm is 1,440), rounded
    /// up so that a margin is never narrower than asked.
    pub fn twips(self) -> u32 {
        (self.0 / 2.54 * 1440.0).ceil() as u32
    }
}

impl TryFrom<f64> for Centimetres {
    type Error = String;

    fn try_from(length: f64) -> Result<Self, String> {
        if (0.0..=10.0).contains(&length) {
            Ok(Centimetres(length))
        } else {
            Err(format!(
                "{length} cm is not a margin: give 0 to 10 centimetres"
            ))
        }
    }
}

impl HouseStyle {
    /// The built-in house style.
    pub fn built_in() -> Self {
        serde_saphyr::from_str(BUILT_IN)
            .expect("the built-in style.yaml is valid (a test reads it)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_style_reads() {
        let style = HouseStyle::built_in();
        assert_eq!(style.fonts.word.as_str(), "Arial");
        assert_eq!(style.body_size.half_points(), 24);
        assert_eq!(style.margins.top.twips(), 1440);
        assert_eq!(style.margins.bottom.twips(), 1588);
        assert_eq!(style.colours.shade.hex(), "DBE5F1");
        assert_eq!(style.colours.chart_series.nth(3).hex(), "1F4E79");
        assert_eq!(style.labels.agenda_item.as_str(), "Agenda Item");
        assert_eq!(
            style
                .agenda
                .openness
                .fill(&[("council", "Rotherham Council")])[..38],
            *"Rotherham Council advocates openness a"
        );
        // A value is inserted as it is, never read as wording.
        let minutes = &style.agenda.minutes.text;
        let filled = minutes.fill(&[("committee", "Panel {held}"), ("held", "1st May")]);
        assert!(
            filled.contains("of the Panel {held} held on 1st May,"),
            "{filled}"
        );
    }

    #[test]
    fn colours_sizes_and_margins_are_checked() {
        let with = |field: &str| BUILT_IN.replace("link: 1F4E79", field);
        assert!(serde_saphyr::from_str::<HouseStyle>(&with("link: blue")).is_err());
        assert!(serde_saphyr::from_str::<HouseStyle>(&with("link: \"#1f4e79\"")).is_ok());
        let size = BUILT_IN.replace("body_size: 12", "body_size: 11.3");
        assert!(serde_saphyr::from_str::<HouseStyle>(&size).is_err());
        let margin = BUILT_IN.replace("bottom: 2.8", "bottom: 25");
        assert!(serde_saphyr::from_str::<HouseStyle>(&margin).is_err());
        let font = BUILT_IN.replace("word: Arial", "word: \"Arial\\\" /><x\"");
        assert!(serde_saphyr::from_str::<HouseStyle>(&font).is_err());
        let palette =
            BUILT_IN.replace("chart_references: [C55A11, 595959]", "chart_references: []");
        assert!(serde_saphyr::from_str::<HouseStyle>(&palette).is_err());
        let words = BUILT_IN.replace("{council} advocates", "{councill} advocates");
        assert!(serde_saphyr::from_str::<HouseStyle>(&words).is_err());
    }
}
