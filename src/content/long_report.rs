//! A long report as its author writes it (an annual report): cover, contents, an executive
//! summary, numbered sections with sub-sections, and bodies mixing text, quotes, call-outs,
//! tables, charts, structure diagrams and action plans.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::ShapeError;
use super::action_plan::ActionPlanDefinition;
use super::common::{Heading, OneOrMany, string_or_map};
use super::cover_report::NumberText;
use crate::content::figures::Unit;

/// A long report.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LongReport {
    /// Always `long-report`.
    pub kind: String,
    /// A figures file for narrative numbers, tables and charts, relative to this file.
    #[schemars(with = "Option<String>")]
    pub figures: Option<Spanned<String>>,
    /// The report's title, e.g. "ANNUAL REPORT 2020-2021".
    pub title: Heading,
    /// Lines above the title on the cover: directorate, service.
    #[serde(default)]
    pub cover: Vec<String>,
    /// Heading of a generated contents page (e.g. "Content"); none without it.
    pub contents: Option<String>,
    /// Unnumbered opening part, e.g. the executive summary.
    #[schemars(with = "Option<Part>")]
    pub summary: Option<Spanned<Part>>,
    /// The numbered sections.
    #[serde(default)]
    #[schemars(with = "Vec<Part>")]
    pub sections: Vec<Spanned<Part>>,
    /// Who signs it.
    pub signature: Option<Signature>,
}

/// A section (or sub-section) of a long report.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
    #[schemars(with = "Vec<BodyItem>")]
    pub body: Vec<Spanned<BodyItem>>,
    /// Its sub-sections.
    #[serde(default)]
    #[schemars(with = "Vec<Part>")]
    pub subsections: Vec<Spanned<Part>>,
}

/// The signature at the end.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// e.g. "Lee Durrant".
    pub name: String,
    /// e.g. "IRO Service Manager".
    pub role: Option<String>,
    /// e.g. "Rotherham MBC Children’s Services".
    pub service: Option<String>,
}

/// One piece of a part's body: exactly one kind of thing, decided when the file is read.
#[derive(Debug, Clone)]
pub enum BodyItem {
    /// Markdown text (figures allowed).
    Text(String),
    /// An unnumbered heading within the part.
    Heading(Heading),
    /// A block quotation (statutory guidance, a foreword).
    Quote {
        /// What is quoted (Markdown, figures allowed).
        quote: String,
        /// Who it is from.
        attribution: Option<String>,
    },
    /// Quotations side by side in boxes (feedback), each with who said it; never empty.
    Callouts(Vec<CalloutDefinition>),
    /// A table of the figures file, by name.
    Table(String),
    /// A chart of a table of the figures file.
    Chart(TableChart),
    /// A hierarchy diagram.
    Structure(StructureDefinition),
    /// An action plan.
    ActionPlan(ActionPlanDefinition),
    /// Start a new page.
    PageBreak,
}

/// A body item's map of fields as written, before it is known to be one thing.
#[derive(Deserialize, schemars::JsonSchema)]
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

impl TryFrom<BodyItemFields> for BodyItem {
    type Error = ShapeError;

    /// The one kind the fields give. `attribution` goes with `quote`, and an empty `callouts`
    /// list or `page_break: false` give nothing, so none of them counts as a kind of its own.
    fn try_from(fields: BodyItemFields) -> Result<Self, ShapeError> {
        let BodyItemFields {
            text,
            heading,
            quote,
            attribution,
            callouts,
            table,
            chart,
            structure,
            action_plan,
            page_break,
        } = fields;
        let kinds = [
            text.map(BodyItem::Text),
            heading.map(BodyItem::Heading),
            quote.map(|quote| BodyItem::Quote { quote, attribution }),
            (!callouts.is_empty()).then_some(BodyItem::Callouts(callouts)),
            table.map(BodyItem::Table),
            chart.map(BodyItem::Chart),
            structure.map(BodyItem::Structure),
            action_plan.map(BodyItem::ActionPlan),
            (page_break == Some(true)).then_some(BodyItem::PageBreak),
        ];
        let mut given = kinds.into_iter().flatten();
        match (given.next(), given.next()) {
            (Some(item), None) => Ok(item),
            _ => Err(ShapeError::new("a body item must be exactly one thing").expected(
                "text, or one of `heading`, `quote` (with `attribution`), `callouts`, `table`, `chart`, `structure`, `action_plan`, `page_break`",
            )),
        }
    }
}

string_or_map!(
    BodyItem,
    BodyItemFields,
    "paragraph text, or a map with one of `heading`, `quote`, `callouts`, `table`, `chart`, `structure`, `action_plan`, `page_break`",
    |text| BodyItem::Text(text.to_string())
);

/// A boxed quotation.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalloutDefinition {
    /// What was said (Markdown).
    pub quote: String,
    /// Who said it.
    pub attribution: Option<String>,
}

/// A chart drawn from a table of the figures file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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

#[derive(Deserialize, schemars::JsonSchema)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_yaml;
    use crate::diagnostics::{Diagnostic, SourceFile};

    /// A long report whose one section's body is `body`, written as a YAML list at line 5.
    fn parse_body(body: &str) -> Result<LongReport, Diagnostic> {
        let text = format!(
            "kind: long-report\ntitle: Annual Report\nsections:\n  - title: Introduction\n    body:\n{body}"
        );
        parse_yaml(&SourceFile {
            path: "report.yaml".into(),
            text,
        })
    }

    fn body_of(report: &LongReport) -> Vec<&BodyItem> {
        report.sections[0]
            .value
            .body
            .iter()
            .map(|item| &item.value)
            .collect()
    }

    #[test]
    fn an_item_with_two_kinds_fails_when_read_at_the_item() {
        let problem = parse_body("      - text: Some text.\n        table: placements\n")
            .expect_err("text and table in one item");
        assert_eq!(problem.message, "a body item must be exactly one thing");
        let expected = problem.expected.as_deref().unwrap_or_default();
        assert!(
            expected.starts_with("text, or one of `heading`"),
            "{expected}"
        );
        let location = problem.location.expect("a place");
        assert_eq!((location.line, location.column), (6, 9));
    }

    #[test]
    fn an_item_with_no_kind_fails_when_read() {
        for body in [
            "      - page_break: false\n",
            "      - attribution: Someone\n",
            "      - callouts: []\n",
        ] {
            let problem = parse_body(body).expect_err(body);
            assert_eq!(problem.message, "a body item must be exactly one thing");
            assert_eq!(problem.location.map(|l| l.line), Some(6), "{body}");
        }
    }

    #[test]
    fn each_kind_is_read_as_written() {
        let report = parse_body(
            "      - Plain text.\n      - heading: Feedback\n      - quote: Words.\n        attribution: A carer\n      - table: placements\n      - page_break: true\n      - text: More text.\n        page_break: false\n        callouts: []\n",
        )
        .expect("valid body");
        let body = body_of(&report);
        assert!(matches!(body[0], BodyItem::Text(text) if text == "Plain text."));
        assert!(matches!(body[1], BodyItem::Heading(heading) if heading.0 == "Feedback"));
        assert!(matches!(
            body[2],
            BodyItem::Quote { quote, attribution: Some(who) } if quote == "Words." && who == "A carer"
        ));
        assert!(matches!(body[3], BodyItem::Table(name) if name == "placements"));
        assert!(matches!(body[4], BodyItem::PageBreak));
        assert!(matches!(body[5], BodyItem::Text(text) if text == "More text."));
        assert_eq!(body.len(), 6);
    }

    #[test]
    fn an_unknown_field_in_an_item_is_still_named() {
        let problem = parse_body("      - txt: Some text.\n").expect_err("unknown field");
        assert_eq!(problem.message, "unknown field `txt`");
        assert_eq!(problem.hints, vec!["did you mean `text`?".to_string()]);
    }
}
