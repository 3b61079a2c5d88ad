//! A performance data report as the performance team lays it out: a cover, the indicator table
//! grouped by section, and charts, all drawn from a figures file.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::common::{Heading, OneOrMany};
use crate::model::Date;

/// A performance data report.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerformanceReport {
    /// Always `performance-report`.
    pub kind: String,
    /// The figures file, relative to this one.
    #[schemars(with = "String")]
    pub figures: Spanned<String>,
    /// e.g. "Corporate Parenting Performance Report".
    pub title: Heading,
    /// The period covered, e.g. "December 2021 (Qtr 3)".
    pub period: String,
    /// The directorate, e.g. "Children's and Young People Services".
    pub directorate: Option<String>,
    /// A line above the directorate, e.g. "Big hearts, big changes".
    pub strapline: Option<String>,
    /// "Document details": status, date created, created by, contact.
    pub details: Option<Details>,
    /// A note on the data (Markdown).
    #[schemars(with = "Option<String>")]
    pub notice: Option<Spanned<String>>,
    /// The service's vision, quoted on the cover.
    pub vision: Option<String>,
    /// Heading of the indicator table, e.g. "Looked After Children Performance Summary".
    pub summary_title: Heading,
    /// How many months the table shows, up to the as-at month (default 4).
    pub months: Option<u8>,
    /// Text above the table explaining direction of travel and the key (Markdown).
    #[schemars(with = "Option<String>")]
    pub key: Option<Spanned<String>>,
    /// The table's groups of indicators.
    #[schemars(with = "Vec<ReportSection>")]
    pub sections: Vec<Spanned<ReportSection>>,
    /// Pages after the table: an introduction, headline figures and charts per theme.
    #[serde(default)]
    #[schemars(with = "Vec<ReportPage>")]
    pub pages: Vec<Spanned<ReportPage>>,
}

/// A page of the report on one theme.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportPage {
    /// e.g. "Looked After Children (LAC)".
    pub title: Heading,
    /// Introduction (Markdown; may use figures).
    #[schemars(with = "Option<String>")]
    pub text: Option<Spanned<String>>,
    /// Headline figures, one line each (Markdown; e.g. "{{ lac.latest }} LAC as at period end").
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub headlines: Vec<Spanned<String>>,
    /// Charts on the page.
    #[serde(default)]
    #[schemars(with = "Vec<ChartDefinition>")]
    pub charts: Vec<Spanned<ChartDefinition>>,
}

/// "Document details" on the cover.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Details {
    /// e.g. "Issue 1".
    pub status: Option<String>,
    /// When the report was made.
    pub date_created: Option<Date>,
    /// e.g. "Performance & Quality Team".
    pub created_by: Option<String>,
    /// An e-mail address.
    pub contact: Option<String>,
}

/// A group of indicators under a heading row.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportSection {
    /// e.g. "LOOKED AFTER CHILDREN".
    pub title: Heading,
    /// Indicator references, in order.
    pub indicators: Vec<String>,
}

/// A chart of one indicator.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChartDefinition {
    /// `line` (months, with benchmark lines) or `bar`.
    pub kind: ChartKindName,
    /// The indicator's reference, or several to draw together.
    pub indicator: OneOrMany<String>,
    /// Shown above the chart; defaults to the indicator's title.
    pub title: Option<String>,
    /// Names of the series in the legend, one per indicator; default their titles.
    #[serde(default)]
    pub labels: Vec<String>,
    /// How many months up to the as-at month (default 12, or as many as there are).
    pub months: Option<u8>,
    /// Draw the statistical neighbour and national averages as lines (default true for line charts).
    pub benchmarks: Option<bool>,
}

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKindName {
    /// A line over months.
    Line,
    /// Bars over months.
    Bar,
}
