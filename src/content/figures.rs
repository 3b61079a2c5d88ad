//! A figures file as a performance team keeps it: indicators with their targets and polarity,
//! populations, raw values and named computations; monthly values come from a CSV beside it.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

/// The figures behind a report.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FiguresFile {
    /// Always `figures`.
    pub kind: String,
    /// The month the figures are "as at", e.g. `2021-12`.
    #[schemars(with = "String")]
    pub as_at: Spanned<String>,
    /// First month of the financial year (default 4, April).
    pub financial_year_start: Option<u8>,
    /// The values per indicator and period, relative to this file: a CSV (`values.csv`) or a
    /// workbook's sheet and range (`performance.xlsx#Values!A1:M40`; the first sheet's cells
    /// when only the file is named).
    #[schemars(with = "Option<String>")]
    pub series: Option<Spanned<String>>,
    /// Populations for rates per 10,000, by name, then by financial year ("2021/22").
    #[serde(default)]
    pub populations: BTreeMap<String, BTreeMap<String, f64>>,
    /// The indicators, in the order of the report's table.
    #[serde(default)]
    #[schemars(with = "Vec<IndicatorDefinition>")]
    pub indicators: Vec<Spanned<IndicatorDefinition>>,
    /// Raw figures that are not monthly series, by name (numbers, or maps of them).
    #[serde(default)]
    pub values: BTreeMap<String, NumberTree>,
    /// Named figures computed from others, e.g. `lac_change: lac.dec_21 - lac.sep_21`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub computed: BTreeMap<String, Spanned<String>>,
    /// Tables of figures by name: rows of a label and numbers, with computed totals and shares.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, TableDefinition>")]
    pub tables: BTreeMap<String, Spanned<TableDefinition>>,
}

/// A table of figures: a label column, then numbers.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableDefinition {
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows: a label, then a value per column (a number, or text such as "-").
    #[serde(default)]
    #[schemars(with = "Vec<Vec<TableValue>>")]
    pub rows: Vec<Spanned<Vec<TableValue>>>,
    /// Instead of `rows`, a workbook's sheet and range holding them, relative to this file,
    /// e.g. `capital.xlsx#Schemes!A2:E7` (each formula's saved result is read).
    #[schemars(with = "Option<String>")]
    pub rows_from: Option<Spanned<String>>,
    /// Label of a total row computed from the rows (e.g. "Grand Total").
    pub total: Option<String>,
    /// The total as published: an error if the rows do not add up to it.
    #[schemars(with = "Option<f64>")]
    pub declared_total: Option<Spanned<f64>>,
    /// Heading of a column giving each row's share of the total (e.g. "%").
    pub percent: Option<String>,
    /// Which column the total and shares are of, counted from 0 (default: the first numeric).
    pub of_column: Option<usize>,
    /// A column holding each row's total: typed and checked against the sum of its parts, or
    /// computed from them.
    #[schemars(with = "Option<RowTotalDefinition>")]
    pub row_total: Option<Spanned<RowTotalDefinition>>,
    /// Computed share columns, each a column's figure as a percentage of another figure.
    #[serde(default)]
    #[schemars(with = "Vec<ShareDefinition>")]
    pub shares: Vec<Spanned<ShareDefinition>>,
}

/// A column of each row's total, e.g. "Total" = the sum of the other numeric columns.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowTotalDefinition {
    /// The total column's heading: one of the table's `columns` when typed, a new column when
    /// computed.
    #[schemars(with = "String")]
    pub heading: Spanned<String>,
    /// The columns it adds up, by heading (default: every other column holding a number).
    #[schemars(with = "Option<Vec<String>>")]
    pub of: Option<Vec<Spanned<String>>>,
    /// Whether papers works the column out (added after the typed columns) rather than
    /// checking the figures typed in it.
    #[serde(default)]
    pub computed: bool,
}

/// A computed column: each row's figure in `column` as a percentage of a figure of the same
/// row (`of_row`), of a column's total (`of_total`) or of a named figure (`of_figure`).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareDefinition {
    /// The share column's heading, e.g. "% spent".
    pub heading: String,
    /// The column whose figures are shares, by heading (default: the table's column, as for
    /// `percent`).
    #[schemars(with = "Option<String>")]
    pub column: Option<Spanned<String>>,
    /// A share of the same row's figure in this column, e.g. spent of budget.
    #[schemars(with = "Option<String>")]
    pub of_row: Option<Spanned<String>>,
    /// A share of this column's total over the table's rows.
    #[schemars(with = "Option<String>")]
    pub of_total: Option<Spanned<String>>,
    /// A share of a named figure: a value (`county.budget`) or a computation.
    #[schemars(with = "Option<String>")]
    pub of_figure: Option<Spanned<String>>,
    /// Decimals shown (default 1).
    pub places: Option<u32>,
}

/// A table cell as written.
#[derive(Debug, Clone, PartialEq)]
pub enum TableValue {
    /// A figure.
    Number(f64),
    /// Text: a label, or a mark such as "-".
    Text(String),
}

crate::schema::schema_fixed!(TableValue, { "type": ["number", "string"] });

impl<'de> Deserialize<'de> for TableValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl serde::de::Visitor<'_> for ValueVisitor {
            type Value = TableValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or text")
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<TableValue, E> {
                Ok(TableValue::Number(value as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<TableValue, E> {
                Ok(TableValue::Number(value as f64))
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<TableValue, E> {
                Ok(TableValue::Number(value))
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<TableValue, E> {
                Ok(TableValue::Text(value.to_string()))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// How an indicator is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// A number of children, placements… (no decimals).
    Count,
    /// A percentage (one decimal).
    Percent,
    /// A rate per 10,000 of a population (one decimal).
    Rate,
    /// An average, e.g. of days (one decimal).
    Average,
}

impl Unit {
    /// The table's "data note".
    pub fn note(self) -> &'static str {
        match self {
            Unit::Count => "Count",
            Unit::Percent => "%",
            Unit::Rate => "Rate per 10,000",
            Unit::Average => "Average",
        }
    }

    /// Decimals shown unless the indicator says otherwise.
    pub fn default_precision(self) -> u32 {
        match self {
            Unit::Count => 0,
            Unit::Percent | Unit::Rate | Unit::Average => 1,
        }
    }
}

/// One performance indicator.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDefinition {
    /// Reference number, e.g. "3.1"; the CSV's rows use it.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Name in narrative text: `{{ lac.dec_21 }}`.
    #[schemars(with = "String")]
    pub key: Spanned<String>,
    /// As the table prints it.
    pub title: String,
    /// "monthly", "quarterly", "termly".
    #[serde(default = "monthly")]
    pub frequency: String,
    /// Count, percent, rate or average.
    pub unit: Unit,
    /// Decimals shown (and compared for RAG and direction of travel).
    pub precision: Option<u32>,
    /// Which way is better.
    pub polarity: Polarity,
    /// How the year to date is worked out: `sum`, `average`, `latest`, or `none`.
    #[serde(default)]
    pub ytd: Ytd,
    /// For a rate: the count it is a rate of (an indicator's `ref`) and the population's name.
    pub rate: Option<RateDefinition>,
    /// Target and tolerances.
    pub target: Option<Target>,
    /// Last year's outturn, as printed in the table.
    pub last_year: Option<f64>,
    /// Latest benchmarks.
    pub benchmarks: Option<Benchmarks>,
    /// A remark printed in the table, e.g. "New measure - baselining year".
    pub note: Option<String>,
}

fn monthly() -> String {
    "monthly".to_string()
}

/// How the year to date is worked out.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Ytd {
    /// Not shown ("-").
    #[default]
    None,
    /// The months added up (admissions, adoptions).
    Sum,
    /// The months' average.
    Average,
    /// Numerator and denominator series (by `ref`) added up, as a percentage.
    Ratio {
        /// The series counted in.
        numerator: String,
        /// The series counted over.
        denominator: String,
    },
}

/// A rate per 10,000.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateDefinition {
    /// The count's indicator `ref`.
    pub of: String,
    /// The population's name in `populations`.
    pub population: String,
}

/// Latest benchmarks for comparison.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Benchmarks {
    /// Best statistical neighbour.
    pub best_sn: Option<f64>,
    /// Statistical neighbour average.
    pub sn_average: Option<f64>,
    /// National average.
    pub national: Option<f64>,
    /// The council's own figure for the benchmark year.
    pub own: Option<f64>,
}

/// A number, or named numbers nested.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberTree {
    /// One figure.
    Number(f64),
    /// Named figures.
    Map(BTreeMap<String, NumberTree>),
}

impl schemars::JsonSchema for NumberTree {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NumberTree".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let tree = generator.subschema_for::<NumberTree>();
        schemars::json_schema!({
            "description": "A number, or a map of named numbers.",
            "anyOf": [{ "type": "number" }, { "type": "object", "additionalProperties": tree }]
        })
    }
}

impl<'de> Deserialize<'de> for NumberTree {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TreeVisitor;
        impl<'de> serde::de::Visitor<'de> for TreeVisitor {
            type Value = NumberTree;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number, or a map of named numbers")
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<NumberTree, E> {
                Ok(NumberTree::Number(value as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<NumberTree, E> {
                Ok(NumberTree::Number(value as f64))
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<NumberTree, E> {
                Ok(NumberTree::Number(value))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<NumberTree, A::Error> {
                BTreeMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(NumberTree::Map)
            }
        }
        deserializer.deserialize_any(TreeVisitor)
    }
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// Higher values are better ("high" in the table).
    High,
    /// Lower values are better ("low").
    Low,
    /// For information only: no RAG, and direction without judgement ("info").
    Info,
}

impl Polarity {
    /// As the table prints it.
    pub fn label(self) -> &'static str {
        match self {
            Polarity::High => "high",
            Polarity::Low => "low",
            Polarity::Info => "info",
        }
    }
}

/// A target with tolerances. For high-is-good indicators a value at or above `green` is green,
/// else at or above `amber` amber, else red; for low-is-good ones a value at or above `red` is
/// red, else at or above `amber` amber, else green. Either threshold may be left out.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// High-is-good: green from here up.
    pub green: Option<f64>,
    /// Amber from here up (below green, or below red).
    pub amber: Option<f64>,
    /// Low-is-good: red from here up.
    pub red: Option<f64>,
}
