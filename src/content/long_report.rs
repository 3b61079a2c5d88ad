//! A long report as its author writes it (an annual report): cover, contents, an executive
//! summary, numbered sections with sub-sections, and bodies mixing text, quotes, call-outs,
//! tables, charts, structure diagrams and action plans.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::action_plan::ActionPlanDefinition;
use super::common::{Heading, OneOrMany, string_or_map};
use super::cover_report::NumberText;
use crate::content::figures::Unit;

/// A long report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LongReport {
    /// Always `long-report`.
    pub kind: String,
    /// A figures file for narrative numbers, tables and charts, relative to this file.
    pub figures: Option<Spanned<String>>,
    /// The report's title, e.g. "ANNUAL REPORT 2020-2021".
    pub title: Heading,
    /// Lines above the title on the cover: directorate, service.
    #[serde(default)]
    pub cover: Vec<String>,
    /// Heading of a generated contents page (e.g. "Content"); none without it.
    pub contents: Option<String>,
    /// Unnumbered opening part, e.g. the executive summary.
    pub summary: Option<Spanned<Part>>,
    /// The numbered sections.
    #[serde(default)]
    pub sections: Vec<Spanned<Part>>,
    /// Who signs it.
    pub signature: Option<Signature>,
}

/// A section (or sub-section) of a long report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Its heading.
    pub title: Heading,
    /// A number set by hand ("2.1"); later parts count on from it.
    pub number: Option<NumberText>,
    /// `false` for an unnumbered part.
    pub numbered: Option<bool>,
    /// Its content, in order.
    #[serde(default)]
    pub body: Vec<Spanned<BodyItem>>,
    /// Its sub-sections.
    #[serde(default)]
    pub subsections: Vec<Spanned<Part>>,
}

/// The signature at the end.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// e.g. "Lee Durrant".
    pub name: String,
    /// e.g. "IRO Service Manager".
    pub role: Option<String>,
    /// e.g. "Rotherham MBC Children’s Services".
    pub service: Option<String>,
}

/// One piece of a part's body.
#[derive(Debug, Clone, Default)]
pub struct BodyItem {
    /// Markdown text (figures allowed).
    pub text: Option<String>,
    /// An unnumbered heading within the part.
    pub heading: Option<Heading>,
    /// A block quotation (statutory guidance, a foreword)…
    pub quote: Option<String>,
    /// …and who it is from.
    pub attribution: Option<String>,
    /// Quotations side by side in boxes (feedback), each with who said it.
    pub callouts: Vec<CalloutDefinition>,
    /// A table of the figures file, by name.
    pub table: Option<String>,
    /// A chart of a table of the figures file.
    pub chart: Option<TableChart>,
    /// A hierarchy diagram.
    pub structure: Option<StructureDefinition>,
    /// An action plan.
    pub action_plan: Option<ActionPlanDefinition>,
    /// Start a new page.
    pub page_break: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BodyItemFields {
    text: Option<String>,
    heading: Option<Heading>,
    quote: Option<String>,
    attribution: Option<String>,
    #[serde(default)]
    callouts: Vec<CalloutDefinition>,
    table: Option<String>,
    chart: Option<TableChart>,
    structure: Option<StructureDefinition>,
    action_plan: Option<ActionPlanDefinition>,
    page_break: Option<bool>,
}

impl From<BodyItemFields> for BodyItem {
    fn from(fields: BodyItemFields) -> Self {
        BodyItem {
            text: fields.text,
            heading: fields.heading,
            quote: fields.quote,
            attribution: fields.attribution,
            callouts: fields.callouts,
            table: fields.table,
            chart: fields.chart,
            structure: fields.structure,
            action_plan: fields.action_plan,
            page_break: fields.page_break,
        }
    }
}

string_or_map!(
    BodyItem,
    BodyItemFields,
    "paragraph text, or a map with one of `heading`, `quote`, `callouts`, `table`, `chart`, `structure`, `action_plan`, `page_break`",
    |text| BodyItem {
        text: Some(text.to_string()),
        ..BodyItem::default()
    }
);

/// A boxed quotation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalloutDefinition {
    /// What was said (Markdown).
    pub quote: String,
    /// Who said it.
    pub attribution: Option<String>,
}

/// A chart drawn from a table of the figures file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableChart {
    /// The table's name.
    pub table: String,
    /// `bar` (upright, e.g. years), `hbar` (categories with long names) or `line`.
    pub kind: TableChartKind,
    /// Shown above the chart.
    pub title: String,
    /// Which column to plot, counted from 0 (default: the first numeric column).
    pub column: Option<usize>,
    /// How the values read: count (default) or percent.
    pub unit: Option<Unit>,
}

/// The kinds of chart a table can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableChartKind {
    /// Upright bars.
    Bar,
    /// Horizontal bars.
    Hbar,
    /// A line.
    Line,
}

/// A hierarchy diagram.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureDefinition {
    /// Shown above it.
    pub title: String,
    /// The top box.
    pub root: StructureNodeDefinition,
}

/// A box and those below it.
#[derive(Debug, Clone, Default)]
pub struct StructureNodeDefinition {
    /// The box's text.
    pub label: String,
    /// The boxes below it.
    pub children: Vec<StructureNodeDefinition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StructureNodeFields {
    label: String,
    #[serde(default)]
    children: OneOrMany<StructureNodeDefinition>,
}

impl From<StructureNodeFields> for StructureNodeDefinition {
    fn from(fields: StructureNodeFields) -> Self {
        StructureNodeDefinition {
            label: fields.label,
            children: fields.children.0,
        }
    }
}

string_or_map!(
    StructureNodeDefinition,
    StructureNodeFields,
    "a box's text, or `label` and `children`",
    |label| StructureNodeDefinition {
        label: label.to_string(),
        children: Vec::new()
    }
);
