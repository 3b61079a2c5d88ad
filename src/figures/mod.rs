//! The figures engine: raw values in, every derived figure computed once (rates, years to date,
//! quarters, RAG, direction of travel, named computations) and offered to narrative, tables and
//! charts alike, so they can never disagree.

pub mod expressions;
pub mod measures;
pub mod period;
pub mod series;
pub mod tables;
pub mod workbook;

use std::collections::BTreeMap;

use minijinja::Value;
use serde_saphyr::Spanned;

use crate::content::figures::{
    FiguresFile, IndicatorDefinition, NumberTree, TableDefinition, Unit, Ytd,
};
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
    // A table with a share of a named figure waits for the figure, which may be computed.
    let mut waiting = Vec::new();
    let mut failed_tables = Vec::new();
    for (name, definition) in &file.tables {
        if !tables::figure_names(&definition.value).is_empty() {
            waiting.push((name, definition));
        } else if let Some((table, value)) =
            tables::compute_table(name, definition, source, &BTreeMap::new(), &mut diagnostics)
        {
            figure_tables.insert(name.clone(), table);
            context.insert(name.clone(), value);
        } else {
            failed_tables.push(name.as_str());
        }
    }
    let mut results = Results {
        context: &mut context,
        tables: &mut figure_tables,
        diagnostics: &mut diagnostics,
        failed_tables,
    };
    evaluate_computed(file, source, waiting, &mut results);
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

/// Where computations and tables that wait for figures put what they work out.
struct Results<'a> {
    context: &'a mut BTreeMap<String, Value>,
    tables: &'a mut BTreeMap<String, tables::FigureTable>,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Tables whose problems are already reported.
    failed_tables: Vec<&'a str>,
}

/// Evaluate the named computations, and work out the `waiting` tables (those with shares of
/// named figures); those that use others are retried once those exist.
fn evaluate_computed<'a>(
    file: &'a FiguresFile,
    source: &SourceFile,
    mut waiting: Vec<(&'a String, &'a Spanned<TableDefinition>)>,
    results: &mut Results<'a>,
) {
    let environment = expressions::environment();
    let mut pending: Vec<(&String, &Spanned<String>)> = file.computed.iter().collect();
    loop {
        let mut failures = Vec::new();
        let before = pending.len();
        for (name, expression) in pending {
            let result = environment
                .compile_expression(&expression.value)
                .and_then(|compiled| compiled.eval(Value::from(results.context.clone())));
            match result {
                Ok(value)
                    if f64::try_from(value.clone()).is_ok_and(|number| !number.is_finite()) =>
                {
                    results.diagnostics.push(
                        Diagnostic::error(format!(
                            "cannot compute `{name}`: the result is not a finite number (a division by zero, or a figure too large)"
                        ))
                        .at(source.location_of(expression)),
                    );
                }
                Ok(value) if !value.is_undefined() => {
                    results.context.insert(name.clone(), value);
                }
                Ok(_) => failures.push((name, expression, None)),
                Err(error) => failures.push((name, expression, Some(error))),
            }
        }
        let tables_before = waiting.len();
        let unfinished: Vec<&str> = failures
            .iter()
            .map(|&(name, _, _)| name.as_str())
            .chain(waiting.iter().map(|&(name, _)| name.as_str()))
            .collect();
        let mut still_waiting = Vec::new();
        for (name, definition) in waiting {
            match named_figures(
                file,
                source,
                &definition.value,
                results.context,
                &unfinished,
            ) {
                Some(Ok(figures)) => {
                    if let Some((table, value)) = tables::compute_table(
                        name,
                        definition,
                        source,
                        &figures,
                        results.diagnostics,
                    ) {
                        results.tables.insert(name.clone(), table);
                        results.context.insert(name.clone(), value);
                    } else {
                        results.failed_tables.push(name.as_str());
                    }
                }
                Some(Err(problems)) => {
                    results.diagnostics.extend(problems);
                    results.failed_tables.push(name.as_str());
                }
                None => still_waiting.push((name, definition)),
            }
        }
        waiting = still_waiting;
        if failures.is_empty() && waiting.is_empty() {
            return;
        }
        if failures.len() == before && waiting.len() == tables_before {
            // A computation that uses a table that failed (or such a computation) adds nothing
            // to the table's own error, already reported.
            let mut failed: Vec<&str> = results.failed_tables.clone();
            loop {
                let before = failed.len();
                for (name, expression, error) in &failures {
                    let uses_a_failure = expression
                        .value
                        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .any(|word| failed.contains(&word));
                    let undefined = error
                        .as_ref()
                        .is_none_or(|error| error.kind() == minijinja::ErrorKind::UndefinedError);
                    if uses_a_failure && undefined && !failed.contains(&name.as_str()) {
                        failed.push(name.as_str());
                    }
                }
                if failed.len() == before {
                    break;
                }
            }
            for (name, expression, error) in failures {
                if !failed.contains(&name.as_str()) {
                    results
                        .diagnostics
                        .push(computation_problem(name, expression, error, source));
                }
            }
            for (name, definition) in waiting {
                for figure in tables::figure_names(&definition.value) {
                    let first = figure.value.split('.').next().unwrap_or_default();
                    if results.context.contains_key(first) {
                        continue;
                    }
                    let circular = file.computed.get(first).is_some_and(|expression| {
                        expression
                            .value
                            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .any(|word| word == name.as_str())
                    });
                    let hint = if circular {
                        format!(
                            "`{first}` uses `{name}`: a table's share cannot be of a computation that uses the table itself"
                        )
                    } else {
                        format!("`{first}` could not be computed: see its error")
                    };
                    results.diagnostics.push(
                        Diagnostic::error(format!(
                            "a share of `{name}` is of `{}`, which could not be worked out",
                            figure.value
                        ))
                        .at(tables::name_location(source, figure))
                        .hint(hint),
                    );
                }
            }
            return;
        }
        pending = failures
            .into_iter()
            .map(|(name, expression, _)| (name, expression))
            .collect();
    }
}

/// Why a computation could not be worked out, at its expression.
fn computation_problem(
    name: &str,
    expression: &Spanned<String>,
    error: Option<minijinja::Error>,
    source: &SourceFile,
) -> Diagnostic {
    let detail = error
        .as_ref()
        .and_then(|e| e.detail().map(str::to_string))
        .unwrap_or_else(|| "it names something that does not exist".to_string());
    let hint = error
        .as_ref()
        .and_then(expressions::hint_of)
        .unwrap_or_else(|| {
            "computations may use indicators (lac.dec_21), values and other computations"
                .to_string()
        });
    Diagnostic::error(format!("cannot compute `{name}`: {detail}"))
        .at(source.location_of(expression))
        .hint(hint)
}

/// The value of every named figure a table's shares are of; `None` while one of them is still
/// to be worked out (a name in `unfinished`), or the problems of names that are no figure.
fn named_figures(
    file: &FiguresFile,
    source: &SourceFile,
    definition: &TableDefinition,
    context: &BTreeMap<String, Value>,
    unfinished: &[&str],
) -> Option<Result<BTreeMap<String, f64>, Vec<Diagnostic>>> {
    let mut figures = BTreeMap::new();
    let mut problems = Vec::new();
    let mut wait = false;
    for name in tables::figure_names(definition) {
        let mut segments = name.value.split('.');
        let first = segments.next().unwrap_or_default();
        let Some(mut value) = context.get(first).cloned() else {
            if unfinished.contains(&first) {
                wait = true;
            } else {
                problems.push(not_a_figure(
                    file,
                    source,
                    name,
                    "",
                    "which is not a figure",
                ));
            }
            continue;
        };
        let mut path = first.to_string();
        let mut found = true;
        for segment in segments {
            match value.get_attr(segment) {
                Ok(inner) if !inner.is_undefined() => {
                    value = inner;
                    path = format!("{path}.{segment}");
                }
                _ => {
                    found = false;
                    break;
                }
            }
        }
        let number = (value.kind() == minijinja::value::ValueKind::Number)
            .then(|| f64::try_from(value.clone()).ok())
            .flatten();
        match (found, number) {
            (true, Some(number)) if number.is_finite() => {
                figures.insert(name.value.clone(), number);
            }
            (true, Some(_)) => problems.push(not_a_figure(
                file,
                source,
                name,
                "",
                "which is not a finite number",
            )),
            (true, None) if value.kind() == minijinja::value::ValueKind::Map => {
                problems.push(not_a_figure(
                    file,
                    source,
                    name,
                    &path,
                    "which is a group of figures, not one",
                ));
            }
            (true, None) => problems.push(not_a_figure(
                file,
                source,
                name,
                "",
                "which is not a number",
            )),
            (false, _) => problems.push(not_a_figure(
                file,
                source,
                name,
                &path,
                "which is not a figure",
            )),
        }
    }
    if !problems.is_empty() {
        Some(Err(problems))
    } else if wait {
        None
    } else {
        Some(Ok(figures))
    }
}

/// The most names a message lists.
const MOST_NAMES_LISTED: usize = 30;

/// A share's figure that cannot be used, listing the figures there are (those under `within`,
/// a group of values, when the name starts with one).
fn not_a_figure(
    file: &FiguresFile,
    source: &SourceFile,
    name: &Spanned<String>,
    within: &str,
    why: &str,
) -> Diagnostic {
    let mut names = Vec::new();
    for (value_name, tree) in &file.values {
        leaf_names(value_name, tree, &mut names);
    }
    names.extend(file.computed.keys().cloned());
    names.sort();
    if !within.is_empty() {
        let under: Vec<String> = names
            .iter()
            .filter(|candidate| candidate.starts_with(&format!("{within}.")))
            .cloned()
            .collect();
        if !under.is_empty() {
            names = under;
        }
    }
    let mut problem = Diagnostic::error(format!("a share is of `{}`, {why}", name.value))
        .at(tables::name_location(source, name));
    if names.is_empty() {
        return problem.hint("name a figure of `values` or `computed`");
    }
    let mut list = names
        .iter()
        .take(MOST_NAMES_LISTED)
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > MOST_NAMES_LISTED {
        list.push_str(&format!(" and {} more", names.len() - MOST_NAMES_LISTED));
    }
    problem = problem.expected(format!("a figure of `values` or `computed`: {list}"));
    if let Some(suggestion) = did_you_mean(&name.value, names.iter().map(String::as_str)) {
        problem = problem.hint(format!("did you mean `{suggestion}`?"));
    }
    problem
}

/// The dotted names of every figure in a tree of values: `county.budget`, `county.spent`.
fn leaf_names(prefix: &str, tree: &NumberTree, names: &mut Vec<String>) {
    match tree {
        NumberTree::Number(_) => names.push(prefix.to_string()),
        NumberTree::Map(map) => {
            for (name, inner) in map {
                leaf_names(&format!("{prefix}.{name}"), inner, names);
            }
        }
    }
}
