//! The figures engine: raw values in, every derived figure computed once (rates, years to date,
//! quarters, RAG, direction of travel, named computations) and offered to narrative, tables and
//! charts alike, so they can never disagree.

pub mod expressions;
pub mod measures;
pub mod period;
pub mod series;
pub mod tables;

use std::collections::BTreeMap;

use minijinja::Value;
use serde_saphyr::Spanned;

use crate::content::figures::{FiguresFile, IndicatorDefinition, NumberTree, Unit, Ytd};
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location, did_you_mean};
use crate::format::{self, round_half_up};
use measures::{Direction, Rag, direction, rag};
use period::Month;
use series::Table;

/// One indicator with everything computed.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// As defined in the figures file.
    pub definition: IndicatorDefinition,
    /// Decimals shown.
    pub precision: u32,
    /// Values by month, rounded to the precision.
    pub months: BTreeMap<Month, f64>,
    /// Year to date (financial year), rounded.
    pub ytd: Option<f64>,
    /// Year to date at the same point last year, rounded.
    pub ytd_last_year: Option<f64>,
    /// For a ratio: the year to date's numerator and denominator ("1,167 out of 1,232").
    pub ytd_parts: Option<(f64, f64)>,
    /// RAG of the latest month.
    pub rag: Option<Rag>,
    /// Direction of travel from the previous month to the latest.
    pub direction: Option<Direction>,
}

impl Indicator {
    /// The value of a month.
    pub fn month(&self, month: Month) -> Option<f64> {
        self.months.get(&month).copied()
    }

    /// A value as the table prints it: "91.3%", "574", "99.9".
    pub fn show(&self, value: f64) -> String {
        match self.definition.unit {
            Unit::Percent => format::percent(value, self.precision),
            _ => format::number(value, self.precision),
        }
    }
}

/// All the figures of a report.
#[derive(Debug, Clone)]
pub struct Figures {
    /// The month the figures are as at.
    pub as_at: Month,
    /// First month of the financial year.
    pub year_start: u8,
    /// Indicators in table order.
    pub indicators: Vec<Indicator>,
    /// Everything narrative can name, by name.
    pub context: BTreeMap<String, Value>,
    /// Tables of figures, by name.
    pub tables: BTreeMap<String, tables::FigureTable>,
}

impl Figures {
    /// An indicator by its reference.
    pub fn indicator(&self, reference: &str) -> Option<&Indicator> {
        self.indicators
            .iter()
            .find(|indicator| indicator.definition.reference == reference)
    }
}

/// Compute the figures of `file` (read from `source`) with the values `table`.
pub fn compute(
    file: &FiguresFile,
    source: &SourceFile,
    table: &Table,
) -> Result<Figures, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let year_start = file.financial_year_start.unwrap_or(4);
    if !(1..=12).contains(&year_start) {
        return Err(vec![
            Diagnostic::error(format!(
                "`financial_year_start: {year_start}` is not a month"
            ))
            .at(source.locate_key("financial_year_start"))
            .expected(
                "the number of the month the financial year starts in, 1 to 12 (4 for April)",
            ),
        ]);
    }
    let Some(as_at) = Month::parse(&file.as_at.value) else {
        return Err(vec![
            Diagnostic::error(format!("`{}` is not a month", file.as_at.value))
                .at(source.location_of(&file.as_at))
                .expected("a month such as 2021-12"),
        ]);
    };

    // Every row of the CSV must belong to an indicator or be named by one.
    let mut named: Vec<&str> = file
        .indicators
        .iter()
        .map(|i| i.value.reference.as_str())
        .collect();
    for indicator in &file.indicators {
        if let Ytd::Ratio {
            numerator,
            denominator,
        } = &indicator.value.ytd
        {
            named.push(numerator);
            named.push(denominator);
        }
    }
    for (reference, row) in table {
        if !named.contains(&reference.as_str()) {
            let mut diagnostic =
                Diagnostic::error(format!("the row `{reference}` belongs to no indicator"));
            if let Some(location) = &row.location {
                diagnostic = diagnostic.at(location.clone());
            }
            if let Some(suggestion) = did_you_mean(reference, named.iter().copied()) {
                diagnostic = diagnostic.hint(format!("did you mean `{suggestion}`?"));
            }
            diagnostics.push(diagnostic);
        }
    }

    for (name, years) in &file.populations {
        for (year, size) in years {
            if !(size.is_finite() && *size > 0.0) {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "the population `{name}` for {year} is {size}: a rate per 10,000 needs a population above 0"
                    ))
                    .at(source.locate(&format!("{name}:")))
                    .hint("give the population's size in that year"),
                );
            }
        }
    }
    if !diagnostics.is_empty() {
        // Every rate of such a population would fail too: said once, here.
        return Err(diagnostics);
    }

    let mut indicators = Vec::new();
    let mut keys: BTreeMap<String, Location> = BTreeMap::new();
    for spanned in &file.indicators {
        let definition = &spanned.value;
        let here = source.location_of(spanned);
        if let Some(earlier) = keys.insert(definition.key.value.clone(), here.clone()) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "two indicators have the key `{}`",
                    definition.key.value
                ))
                .at(source.location_of(&definition.key))
                .hint(format!("the first is at line {}", earlier.line)),
            );
        }
        if let Some((field, problem)) = definition_problem(definition) {
            diagnostics.push(problem.at(source.locate_from(spanned, field)));
            continue;
        }
        match compute_indicator(definition, as_at, year_start, file, table) {
            Ok(indicator) => indicators.push(indicator),
            // A problem in the values points at its cell; any other at the indicator.
            Err(problem) if problem.location.is_some() => diagnostics.push(problem),
            Err(problem) => diagnostics.push(problem.at(here)),
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }

    let mut context = BTreeMap::new();
    context.insert("as_at".to_string(), Value::from(as_at.to_string()));
    for indicator in &indicators {
        context.insert(
            indicator.definition.key.value.clone(),
            indicator_value(indicator, as_at, year_start),
        );
    }
    for (name, tree) in &file.values {
        context.insert(name.clone(), tree_value(tree));
    }
    let mut figure_tables = BTreeMap::new();
    for (name, definition) in &file.tables {
        if let Some((table, value)) =
            tables::compute_table(name, definition, source, &mut diagnostics)
        {
            figure_tables.insert(name.clone(), table);
            context.insert(name.clone(), value);
        }
    }
    evaluate_computed(file, source, &mut context, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Figures {
        as_at,
        year_start,
        indicators,
        context,
        tables: figure_tables,
    })
}

/// A problem with one indicator; the caller places it.
fn problem(message: String) -> Diagnostic {
    Diagnostic::error(message)
}

fn compute_indicator(
    definition: &IndicatorDefinition,
    as_at: Month,
    year_start: u8,
    file: &FiguresFile,
    table: &Table,
) -> Result<Indicator, Diagnostic> {
    let precision = definition
        .precision
        .unwrap_or_else(|| definition.unit.default_precision());
    let round = |value: f64| round_half_up(value, precision);
    let empty = series::Row::default();

    // Monthly values: from the CSV, or for a rate, from its count and population.
    let months: BTreeMap<Month, f64> = match &definition.rate {
        Some(rate) => {
            let counts = table.get(&rate.of).ok_or_else(|| {
                problem(format!(
                    "`{}` is a rate of `{}`, which has no row in the values",
                    definition.reference, rate.of
                ))
            })?;
            let population = file.populations.get(&rate.population).ok_or_else(|| {
                problem(format!("no population is called `{}`", rate.population)).expected(format!(
                    "one of {}",
                    file.populations
                        .keys()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
            let mut months = BTreeMap::new();
            for (period, cell) in &counts.values {
                if !period.is_month() {
                    continue;
                }
                let year = period.first.financial_year_label(year_start);
                let size = population.get(&year).ok_or_else(|| {
                    problem(format!(
                        "the population `{}` has no figure for {year}, needed for {}",
                        rate.population, period.first
                    ))
                    .hint(format!(
                        "add `{year}: <population>` under `populations: {}:`",
                        rate.population
                    ))
                })?;
                months.insert(period.first, round(cell.value / size * 10_000.0));
            }
            months
        }
        None => table
            .get(&definition.reference)
            .unwrap_or(&empty)
            .values
            .iter()
            .filter(|(period, _)| period.is_month())
            .map(|(period, cell)| (period.first, round(cell.value)))
            .collect(),
    };

    let row = table.get(&definition.reference).unwrap_or(&empty);
    let year_first = as_at.financial_year_start(year_start);
    let ytd_over = |first: Month, last: Month| -> Result<Option<f64>, Month> {
        let value = match &definition.ytd {
            Ytd::None => return Ok(None),
            Ytd::Sum => row.sum(first, last)?,
            Ytd::Average => {
                let count = (0..)
                    .map(|n| first.plus(n))
                    .take_while(|month| *month <= last)
                    .count();
                row.sum(first, last)? / count as f64
            }
            Ytd::Ratio {
                numerator,
                denominator,
            } => {
                let top = table.get(numerator).unwrap_or(&empty).sum(first, last)?;
                let bottom = table.get(denominator).unwrap_or(&empty).sum(first, last)?;
                if bottom == 0.0 {
                    return Ok(None);
                }
                top / bottom * 100.0
            }
        };
        Ok(Some(round(value)))
    };
    let ytd = ytd_over(year_first, as_at).map_err(|missing| {
        problem(format!(
            "the year to date of `{}` needs every month from {} to {}, and {missing} has no value",
            definition.reference, year_first, as_at
        ))
        .hint("add the month to the values, or a span such as 2021-04..2021-08 with its total")
    })?;
    // Last year's year to date is offered when the data has it; it is not required.
    let ytd_last_year = ytd_over(year_first.plus(-12), as_at.plus(-12))
        .ok()
        .flatten();
    let ytd_parts = match &definition.ytd {
        Ytd::Ratio {
            numerator,
            denominator,
        } => {
            let sum = |reference: &String| {
                table
                    .get(reference)
                    .unwrap_or(&empty)
                    .sum(year_first, as_at)
                    .ok()
            };
            sum(numerator).zip(sum(denominator))
        }
        _ => None,
    };

    if let (Some(declared), Some(computed)) = (&row.declared_ytd, ytd)
        && round(declared.value) != computed
    {
        return Err(Diagnostic::error(format!(
            "the declared year to date {} does not equal the total of its months, {}",
            format::number(declared.value, precision),
            format::number(computed, precision)
        ))
        .at(declared.location.clone())
        .hint(
            "correct the months or the declared total; leave `ytd` empty to let papers compute it",
        ));
    }

    // A figure too large for a double (an overflow) is refused rather than printed as "inf".
    let computed = months
        .values()
        .chain(&ytd)
        .chain(&ytd_last_year)
        .chain(ytd_parts.iter().flat_map(|(top, bottom)| [top, bottom]));
    if computed.copied().any(|value| !value.is_finite()) {
        return Err(problem(format!(
            "a figure of `{}` is too large to work with",
            definition.reference
        ))
        .hint("check the values and the population for figures that are far too large"));
    }

    let latest = months.get(&as_at).copied();
    let previous = months.get(&as_at.plus(-1)).copied();
    Ok(Indicator {
        rag: rag(latest, definition.polarity, definition.target.as_ref()),
        direction: direction(latest, previous, definition.polarity),
        definition: definition.clone(),
        precision,
        months,
        ytd,
        ytd_last_year,
        ytd_parts,
    })
}

/// A field of an indicator's definition that cannot be used, with the name it is written under:
/// a precision beyond [`format::MOST_PLACES`], or a figure that is not finite (`.inf`, `.nan`).
fn definition_problem(definition: &IndicatorDefinition) -> Option<(&'static str, Diagnostic)> {
    if let Some(precision) = definition.precision
        && precision > format::MOST_PLACES
    {
        return Some((
            "precision:",
            Diagnostic::error(format!(
                "`precision: {precision}`: figures are printed with 0 to {} decimal places",
                format::MOST_PLACES
            )),
        ));
    }
    let target = definition.target.as_ref();
    let benchmarks = definition.benchmarks.as_ref();
    [
        ("last_year:", definition.last_year),
        ("green:", target.and_then(|t| t.green)),
        ("amber:", target.and_then(|t| t.amber)),
        ("red:", target.and_then(|t| t.red)),
        ("best_sn:", benchmarks.and_then(|b| b.best_sn)),
        ("sn_average:", benchmarks.and_then(|b| b.sn_average)),
        ("national:", benchmarks.and_then(|b| b.national)),
        ("own:", benchmarks.and_then(|b| b.own)),
    ]
    .into_iter()
    .find_map(|(field, value)| value.filter(|v| !v.is_finite()).map(|_| field))
    .map(|field| {
        (
            field,
            Diagnostic::error(format!(
                "`{}` of `{}` is not a finite number",
                field.trim_end_matches(':'),
                definition.reference
            ))
            .hint("give the figure as a number, such as 67.5"),
        )
    })
}

/// What narrative sees of an indicator: `lac.dec_21`, `lac.latest`, `lac.q3`, `lac.rag`…
fn indicator_value(indicator: &Indicator, as_at: Month, year_start: u8) -> Value {
    let mut fields: BTreeMap<String, Value> = BTreeMap::new();
    let definition = &indicator.definition;
    for (month, value) in &indicator.months {
        fields.insert(month.key(), Value::from(*value));
    }
    let mut put = |name: &str, value: Option<f64>| {
        if let Some(value) = value {
            fields.insert(name.to_string(), Value::from(value));
        }
    };
    put("latest", indicator.month(as_at));
    put("previous", indicator.month(as_at.plus(-1)));
    put("same_month_last_year", indicator.month(as_at.plus(-12)));
    put("ytd", indicator.ytd);
    put("ytd_last_year", indicator.ytd_last_year);
    put("ytd_numerator", indicator.ytd_parts.map(|(top, _)| top));
    put(
        "ytd_denominator",
        indicator.ytd_parts.map(|(_, bottom)| bottom),
    );
    put("last_year", definition.last_year);
    if let Some(benchmarks) = &definition.benchmarks {
        put("best_sn", benchmarks.best_sn);
        put("sn_average", benchmarks.sn_average);
        put("national", benchmarks.national);
    }
    // Quarters of this and last financial year: totals for counts of events (summed years to
    // date), the quarter-end value for everything else.
    let year_first = as_at.financial_year_start(year_start);
    for (suffix, first) in [("", year_first), ("_last_year", year_first.plus(-12))] {
        for quarter in 0..4 {
            let start = first.plus(quarter * 3);
            let end = start.plus(2);
            let value = match indicator.definition.ytd {
                Ytd::Sum => {
                    let months: Option<Vec<f64>> =
                        (0..3).map(|n| indicator.month(start.plus(n))).collect();
                    months.map(|values| values.iter().sum())
                }
                _ => indicator.month(end),
            };
            if let Some(value) = value {
                fields.insert(format!("q{}{suffix}", quarter + 1), Value::from(value));
            }
        }
    }
    if let Some(rag) = indicator.rag {
        fields.insert("rag".into(), Value::from(rag.word()));
    }
    if let Some(direction) = indicator.direction {
        fields.insert("dot".into(), Value::from(direction.word()));
    }
    fields.insert("title".into(), Value::from(definition.title.clone()));
    fields.insert("ref".into(), Value::from(definition.reference.clone()));
    Value::from(fields)
}

fn tree_value(tree: &NumberTree) -> Value {
    match tree {
        NumberTree::Number(number) => Value::from(*number),
        NumberTree::Map(map) => Value::from(
            map.iter()
                .map(|(name, tree)| (name.clone(), tree_value(tree)))
                .collect::<BTreeMap<_, _>>(),
        ),
    }
}

/// Evaluate the named computations; those that use others are retried once those exist.
fn evaluate_computed(
    file: &FiguresFile,
    source: &SourceFile,
    context: &mut BTreeMap<String, Value>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let environment = expressions::environment();
    let mut pending: Vec<(&String, &Spanned<String>)> = file.computed.iter().collect();
    loop {
        let mut failures = Vec::new();
        let before = pending.len();
        for (name, expression) in pending {
            let result = environment
                .compile_expression(&expression.value)
                .and_then(|compiled| compiled.eval(Value::from(context.clone())));
            match result {
                Ok(value)
                    if f64::try_from(value.clone()).is_ok_and(|number| !number.is_finite()) =>
                {
                    diagnostics.push(
                        Diagnostic::error(format!(
                            "cannot compute `{name}`: the result is not a finite number (a division by zero, or a figure too large)"
                        ))
                        .at(source.location_of(expression)),
                    );
                }
                Ok(value) if !value.is_undefined() => {
                    context.insert(name.clone(), value);
                }
                Ok(_) => failures.push((name, expression, None)),
                Err(error) => failures.push((name, expression, Some(error))),
            }
        }
        if failures.is_empty() {
            return;
        }
        if failures.len() == before {
            for (name, expression, error) in failures {
                let detail = error
                    .as_ref()
                    .and_then(|e| e.detail().map(str::to_string))
                    .unwrap_or_else(|| "it names something that does not exist".to_string());
                diagnostics.push(
                    Diagnostic::error(format!("cannot compute `{name}`: {detail}"))
                        .at(source.location_of(expression))
                        .hint("computations may use indicators (lac.dec_21), values and other computations"),
                );
            }
            return;
        }
        pending = failures
            .into_iter()
            .map(|(name, expression, _)| (name, expression))
            .collect();
    }
}
