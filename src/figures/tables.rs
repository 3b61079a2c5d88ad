//! Tables of figures: rows of a label and numbers, with a computed total row (checked against a
//! published total), a column of each row's total (checked against its parts, or computed) and
//! share columns: each row's figure as a percentage of the table's total, of another figure of
//! its row, of a column's total or of a named figure.

use std::collections::BTreeMap;

use minijinja::Value;
use serde_saphyr::Spanned;

use crate::content::figures::{RowTotalDefinition, ShareDefinition, TableDefinition, TableValue};
use crate::diagnostics::{Diagnostic, Location, SourceFile, did_you_mean};
use crate::format::{self, round_half_up};

/// A table with its totals worked out.
#[derive(Debug, Clone)]
pub struct FigureTable {
    /// Column headings (with the computed columns, if any).
    pub columns: Vec<String>,
    /// Rows as printed.
    pub rows: Vec<Vec<String>>,
    /// The number behind each printed cell of [`FigureTable::rows`] (`None` for text), so that
    /// a chart of any column draws the figures, never text read back.
    pub values: Vec<Vec<Option<f64>>>,
    /// The total row as printed, if the table has one.
    pub total_row: Option<Vec<String>>,
    /// The labels and values of the column the total is of, for charts; a row whose cell is
    /// text (such as "not published") has no value and leaves a gap.
    pub series: Vec<(String, Option<f64>)>,
    /// The column whose values [`FigureTable::series`] holds.
    pub column: usize,
}

/// The named figures a table's shares are of (`of_figure`): they must be known before the table
/// can be worked out.
pub fn figure_names(definition: &TableDefinition) -> Vec<&Spanned<String>> {
    definition
        .shares
        .iter()
        .filter_map(|share| share.value.of_figure.as_ref())
        .collect()
}

/// The first column holding a number in any row.
fn first_numeric(definition: &TableDefinition) -> Option<usize> {
    (1..definition.columns.len()).find(|column| holds_a_number(definition, *column))
}

fn holds_a_number(definition: &TableDefinition, column: usize) -> bool {
    definition
        .rows
        .iter()
        .any(|row| matches!(row.value.get(column), Some(TableValue::Number(_))))
}

fn show(value: &TableValue) -> String {
    match value {
        TableValue::Number(number) => format::as_written(*number),
        TableValue::Text(text) => text.clone(),
    }
}

/// A row's label: numbers as written (a year is "2018", not "2,018").
fn label(value: &TableValue) -> String {
    match value {
        TableValue::Number(number) => format::label(*number),
        TableValue::Text(text) => text.clone(),
    }
}

/// The place of a name written in the figures file, underlining the name as typed (with any
/// quotes).
pub fn name_location(source: &SourceFile, name: &Spanned<String>) -> Location {
    let typed_length = [&name.referenced, &name.defined]
        .into_iter()
        .find(|place| **place != serde_saphyr::Location::UNKNOWN)
        .and_then(|place| usize::try_from(place.span().len()).ok());
    match (source.offset_of(name), typed_length) {
        (Some(offset), Some(length)) if length > 0 => {
            Location::from_offset(&source.path, &source.text, offset, length)
        }
        _ => source.location_of(name),
    }
}

/// Headings as a list for a message: "`Budget`, `Spent`".
fn listed<'a>(headings: impl IntoIterator<Item = &'a String>) -> String {
    headings
        .into_iter()
        .map(|heading| format!("`{heading}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A column's figures and how each prints, one entry per row.
struct Column {
    heading: String,
    cells: Vec<String>,
    numbers: Vec<Option<f64>>,
}

/// Where the columns a row total or a share names are looked up, with the table's name for
/// messages.
struct Lookup<'a> {
    table: &'a str,
    headings: &'a [String],
    source: &'a SourceFile,
}

impl Lookup<'_> {
    /// The index of the column headed `name` (never the label column), or an error at the name
    /// listing the headings there are.
    fn column(&self, name: &Spanned<String>, what: &str) -> Result<usize, Diagnostic> {
        let candidates = &self.headings[1.min(self.headings.len())..];
        if let Some(index) = candidates.iter().position(|heading| *heading == name.value) {
            return Ok(index + 1);
        }
        let mut problem = Diagnostic::error(format!(
            "{what} `{}`, which is not a column of `{}`",
            name.value, self.table
        ))
        .at(name_location(self.source, name))
        .expected(format!("one of {}", listed(candidates)));
        if let Some(suggestion) = did_you_mean(&name.value, candidates.iter().map(String::as_str)) {
            problem = problem.hint(format!("did you mean `{suggestion}`?"));
        }
        Err(problem)
    }
}

/// The sum of a row's parts (their numbers; text such as "-" adds nothing), `None` when no
/// part holds a number; printed with as many decimals as the most precise part.
fn sum_of_parts(row: &[TableValue], parts: &[usize]) -> Option<(f64, u32)> {
    let numbers: Vec<f64> = parts
        .iter()
        .filter_map(|part| match row.get(*part) {
            Some(TableValue::Number(number)) => Some(*number),
            _ => None,
        })
        .collect();
    if numbers.is_empty() {
        return None;
    }
    let places = numbers
        .iter()
        .map(|number| format::places_written(*number))
        .max()
        .unwrap_or(0);
    // Rounded to the parts' decimals, so that 0.1 + 0.2 is 0.3, as typed totals are.
    Some((round_half_up(numbers.iter().sum(), places), places))
}

/// Check a typed row total against its parts, or work out a computed one: the total column's
/// figures, or the errors of every row that does not add up.
fn row_totals(
    name: &str,
    definition: &TableDefinition,
    spanned: &Spanned<RowTotalDefinition>,
    lookup: &Lookup<'_>,
) -> Result<(Option<usize>, Column), Vec<Diagnostic>> {
    let total = &spanned.value;
    let heading = &total.heading;
    let typed_at = lookup.headings.iter().position(|h| *h == heading.value);
    let typed = match (total.computed, typed_at) {
        (false, _) => Some(
            lookup
                .column(heading, "the row total is the column")
                .map_err(|problem| {
                    vec![problem.hint(
                        "name the column holding each row's total, or add `computed: true` to work it out",
                    )]
                })?,
        ),
        (true, Some(_)) => {
            return Err(vec![
                Diagnostic::error(format!(
                    "the computed row total `{}` is already a column of `{name}`",
                    heading.value
                ))
                .at(name_location(lookup.source, heading))
                .hint(format!(
                    "leave out `computed: true` to check the typed `{}` column, or give the computed column another heading",
                    heading.value
                )),
            ]);
        }
        (true, None) => None,
    };
    let parts: Vec<usize> = match &total.of {
        Some(names) => {
            let mut parts = Vec::new();
            let mut problems = Vec::new();
            for part in names {
                match lookup.column(part, "the row total adds up") {
                    Ok(index) if Some(index) == typed => problems.push(
                        Diagnostic::error(format!(
                            "the row total `{}` cannot be one of its own parts",
                            heading.value
                        ))
                        .at(name_location(lookup.source, part)),
                    ),
                    Ok(index) => parts.push(index),
                    Err(problem) => problems.push(problem),
                }
            }
            if !problems.is_empty() {
                return Err(problems);
            }
            for (index, part) in parts.iter().enumerate() {
                if parts[..index].contains(part) {
                    return Err(vec![
                        Diagnostic::error(format!(
                            "the row total `{}` adds up `{}` twice",
                            heading.value, definition.columns[*part]
                        ))
                        .at(lookup.source.location_of(spanned)),
                    ]);
                }
            }
            parts
        }
        None => (1..definition.columns.len())
            .filter(|column| Some(*column) != typed && holds_a_number(definition, *column))
            .collect(),
    };
    if parts.is_empty() {
        return Err(vec![
            Diagnostic::error(format!(
                "the row total `{}` of `{name}` has no columns of figures to add up",
                heading.value
            ))
            .at(lookup.source.location_of(spanned))
            .hint("list the columns it adds up under `of:`"),
        ]);
    }
    let part_names = parts
        .iter()
        .map(|part| definition.columns[*part].clone())
        .collect::<Vec<_>>()
        .join(" + ");
    let mut column = Column {
        heading: heading.value.clone(),
        cells: Vec::new(),
        numbers: Vec::new(),
    };
    let mut problems = Vec::new();
    for row in &definition.rows {
        let sum = sum_of_parts(&row.value, &parts);
        let row_label = row.value.first().map(label).unwrap_or_default();
        match typed {
            Some(index) => {
                let cell = &row.value[index];
                let agrees = match (cell, sum) {
                    (TableValue::Number(typed), Some((sum, _))) => {
                        round_half_up(*typed, 6) == round_half_up(sum, 6)
                    }
                    (TableValue::Number(typed), None) => *typed == 0.0,
                    // Text such as "-" for a row whose parts are all text too.
                    (TableValue::Text(_), None) => true,
                    (TableValue::Text(_), Some(_)) => false,
                };
                if !agrees {
                    let sum = sum.map_or(0.0, |(sum, _)| sum);
                    problems.push(
                        Diagnostic::error(format!(
                            "the row `{row_label}` of `{name}` has a {} of {}, but its parts add up to {}",
                            heading.value,
                            show(cell),
                            format::as_written(sum)
                        ))
                        .at(lookup.source.location_of(row))
                        .hint(format!(
                            "the {} is {part_names}: correct the row's figures or its total",
                            heading.value
                        )),
                    );
                }
            }
            None => {
                column.cells.push(sum.map_or_else(
                    || "-".to_string(),
                    |(sum, places)| format::number(sum, places),
                ));
                column.numbers.push(sum.map(|(sum, _)| sum));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if column.numbers.iter().flatten().any(|sum| !sum.is_finite()) {
        return Err(vec![
            Diagnostic::error(format!("a row total of `{name}` is too large to work with"))
                .at(lookup.source.location_of(spanned))
                .hint("check the table for figures that are far too large"),
        ]);
    }
    Ok((typed, column))
}

/// A share column worked out, with its cell in the total row.
struct ShareColumn {
    column: Column,
    /// The column's total as a share of its whole's total, as printed ("" when there is none).
    total_cell: String,
    /// That share as printed.
    total: Option<f64>,
}

/// What a share is of, resolved.
enum Whole {
    /// The same row's figure in a column.
    Row(usize),
    /// A column's total over the rows.
    Total(usize),
    /// A named figure, with its name.
    Figure(String, f64),
}

/// Work out a share column: each row's figure in its column as a percentage of its whole.
fn share_column(
    name: &str,
    spanned: &Spanned<ShareDefinition>,
    row_places: &[Location],
    data: &[Column],
    default_column: usize,
    figures: &BTreeMap<String, f64>,
    lookup: &Lookup<'_>,
) -> Result<ShareColumn, Vec<Diagnostic>> {
    let share = &spanned.value;
    let here = lookup.source.location_of(spanned);
    let places = share.places.unwrap_or(1);
    if places > format::MOST_PLACES {
        return Err(vec![
            Diagnostic::error(format!(
                "`places: {places}`: figures are printed with 0 to {} decimal places",
                format::MOST_PLACES
            ))
            .at(lookup.source.locate_from(spanned, "places:")),
        ]);
    }
    let column = match &share.column {
        Some(column) => lookup
            .column(
                column,
                &format!("the share `{}` is of the column", share.heading),
            )
            .map_err(|problem| vec![problem])?,
        None => default_column,
    };
    let whole = match (&share.of_row, &share.of_total, &share.of_figure) {
        (Some(of), None, None) => Whole::Row(
            lookup
                .column(
                    of,
                    &format!("the share `{}` is of the row's", share.heading),
                )
                .map_err(|problem| vec![problem])?,
        ),
        (None, Some(of), None) => Whole::Total(
            lookup
                .column(
                    of,
                    &format!("the share `{}` is of the total of", share.heading),
                )
                .map_err(|problem| vec![problem])?,
        ),
        (None, None, Some(of)) => match figures.get(&of.value) {
            Some(figure) => Whole::Figure(of.value.clone(), *figure),
            // The caller resolves every named figure first and reports those it cannot.
            None => {
                return Err(vec![
                    Diagnostic::error(format!(
                        "a share is of `{}`, which is not a figure",
                        of.value
                    ))
                    .at(name_location(lookup.source, of)),
                ]);
            }
        },
        _ => {
            return Err(vec![
                Diagnostic::error(format!(
                    "the share `{}` of `{name}` must say what it is a share of, once",
                    share.heading
                ))
                .at(here)
                .expected(
                    "one of `of_row` (a column of the same row), `of_total` (a column's total) or `of_figure` (a named figure)",
                ),
            ]);
        }
    };
    let numbers_of = |index: usize| data.get(index).map(|column| &column.numbers);
    let Some(values) = numbers_of(column).filter(|_| column > 0) else {
        // Only the table's own column can be out of range: a named one was looked up.
        return Err(vec![
            Diagnostic::error(format!(
                "the share `{}` of `{name}` is of the table's column {column}, which it does not have",
                share.heading
            ))
            .at(here)
            .hint("say which column the share is of with `column:`, or correct `of_column`"),
        ]);
    };
    let sum_of = |index: usize| -> f64 { numbers_of(index).into_iter().flatten().flatten().sum() };
    // The sum printed in the total row: none when a cell of the column is text.
    let strict_sum_of = |index: usize| -> Option<f64> {
        numbers_of(index)?
            .iter()
            .try_fold(0.0, |sum, value| value.map(|value| sum + value))
    };
    let mut result = Column {
        heading: share.heading.clone(),
        cells: Vec::new(),
        numbers: Vec::new(),
    };
    let label_of = |row: usize| {
        data.first()
            .and_then(|labels| labels.cells.get(row))
            .cloned()
            .unwrap_or_default()
    };
    for (row, value) in values.iter().enumerate() {
        let whole_value = match &whole {
            Whole::Row(of) => numbers_of(*of).and_then(|numbers| numbers[row]),
            Whole::Total(of) => Some(sum_of(*of)),
            Whole::Figure(_, figure) => Some(*figure),
        };
        let (Some(value), Some(whole_value)) = (*value, whole_value) else {
            result.cells.push("-".to_string());
            result.numbers.push(None);
            continue;
        };
        if whole_value == 0.0 {
            // A row's 0 is that row's problem; a total's or a figure's, every row's.
            let problem = match &whole {
                Whole::Row(of) => Diagnostic::error(format!(
                    "the share `{}` of the row `{}` of `{name}` divides by zero: its {} is 0",
                    share.heading,
                    label_of(row),
                    data[*of].heading
                ))
                .at(row_places.get(row).cloned().unwrap_or_else(|| here.clone()))
                .hint("a share of nothing has no value: correct the figure, or write text such as \"-\" in the cell to leave the row's share out"),
                Whole::Total(of) => Diagnostic::error(format!(
                    "the share `{}` of `{name}` divides by zero: the total of {} is 0",
                    share.heading, data[*of].heading
                ))
                .at(here.clone())
                .hint("a share of nothing has no value: share out a column whose total is not 0"),
                Whole::Figure(figure, _) => Diagnostic::error(format!(
                    "the share `{}` of `{name}` divides by zero: `{figure}` is 0",
                    share.heading
                ))
                .at(share.of_figure.as_ref().map_or_else(|| here.clone(), |of| name_location(lookup.source, of)))
                .hint("a share of nothing has no value: correct the figure, or share of another"),
            };
            return Err(vec![problem]);
        }
        let percentage = value / whole_value * 100.0;
        if !percentage.is_finite() {
            return Err(vec![
                Diagnostic::error(format!(
                    "the share `{}` of the row `{}` of `{name}` is too large to work with",
                    share.heading,
                    label_of(row)
                ))
                .at(here)
                .hint("check the table for figures that are far too large"),
            ]);
        }
        result.cells.push(format::percent(percentage, places));
        // The share as printed.
        result.numbers.push(Some(round_half_up(percentage, places)));
    }
    // The total row: the column's total as a share of its whole's total.
    let total_share = strict_sum_of(column)
        .zip(match &whole {
            Whole::Row(of) | Whole::Total(of) => strict_sum_of(*of),
            Whole::Figure(_, figure) => Some(*figure),
        })
        .filter(|(_, whole)| *whole != 0.0)
        .map(|(value, whole)| value / whole * 100.0)
        .filter(|share| share.is_finite());
    Ok(ShareColumn {
        column: result,
        total_cell: total_share.map_or_else(String::new, |share| format::percent(share, places)),
        total: total_share.map(|share| round_half_up(share, places)),
    })
}

/// Work out a table, or say where it is wrong; also what narrative can name of it. `figures`
/// holds the value of every named figure its shares are of ([`figure_names`]).
pub fn compute_table(
    name: &str,
    spanned: &Spanned<TableDefinition>,
    source: &SourceFile,
    figures: &BTreeMap<String, f64>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(FigureTable, Value)> {
    let definition = &spanned.value;
    let width = definition.columns.len();
    let mut ok = true;
    for row in &definition.rows {
        if row.value.len() != width {
            diagnostics.push(
                Diagnostic::error(format!(
                    "this row of `{name}` has {} values but the table has {width} columns",
                    row.value.len()
                ))
                .at(source.location_of(row)),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let column = definition
        .of_column
        .or_else(|| first_numeric(definition))
        .unwrap_or(1);
    let value_of = |row: &Vec<TableValue>| match row.get(column) {
        Some(TableValue::Number(number)) => Some(*number),
        _ => None,
    };
    let total: f64 = definition
        .rows
        .iter()
        .filter_map(|row| value_of(&row.value))
        .sum();
    if !total.is_finite() {
        diagnostics.push(
            Diagnostic::error(format!("the total of `{name}` is too large to work with"))
                .at(source.location_of(spanned))
                .hint("check the table for figures that are far too large"),
        );
        return None;
    }
    if let Some(declared) = &definition.declared_total
        && round_half_up(declared.value, 6) != round_half_up(total, 6)
    {
        diagnostics.push(
            Diagnostic::error(format!(
                "the declared total of `{name}`, {}, does not equal the sum of its rows, {}",
                show(&TableValue::Number(declared.value)),
                show(&TableValue::Number(total))
            ))
            .at(source.location_of(declared))
            .hint("correct the rows or the declared total"),
        );
        return None;
    }
    let share = |value: f64| {
        if total == 0.0 {
            0.0
        } else {
            value / total * 100.0
        }
    };

    // The typed columns, then a computed row total: the columns shares may be of.
    let mut data: Vec<Column> = (0..width)
        .map(|index| Column {
            heading: definition.columns[index].clone(),
            cells: definition
                .rows
                .iter()
                .map(|row| {
                    if index == 0 {
                        label(&row.value[index])
                    } else {
                        show(&row.value[index])
                    }
                })
                .collect(),
            numbers: definition
                .rows
                .iter()
                .map(|row| match &row.value[index] {
                    TableValue::Number(number) => Some(*number),
                    TableValue::Text(_) => None,
                })
                .collect(),
        })
        .collect();
    if let Some(row_total) = &definition.row_total {
        let lookup = Lookup {
            table: name,
            headings: &definition.columns,
            source,
        };
        match row_totals(name, definition, row_total, &lookup) {
            Ok((Some(_), _)) => {}
            Ok((None, computed)) => data.push(computed),
            Err(problems) => {
                diagnostics.extend(problems);
                return None;
            }
        }
    }
    let headings: Vec<String> = data.iter().map(|column| column.heading.clone()).collect();
    let row_places: Vec<Location> = definition
        .rows
        .iter()
        .map(|row| source.location_of(row))
        .collect();
    let lookup = Lookup {
        table: name,
        headings: &headings,
        source,
    };
    let mut added: Vec<String> = headings[width..].to_vec();
    let mut shares = Vec::new();
    for spanned_share in &definition.shares {
        match share_column(
            name,
            spanned_share,
            &row_places,
            &data,
            column,
            figures,
            &lookup,
        ) {
            Ok(share) => {
                added.push(share.column.heading.clone());
                shares.push(share);
            }
            Err(problems) => {
                diagnostics.extend(problems);
                return None;
            }
        }
    }
    // A computed column headed as another would make the names of columns ambiguous.
    for (index, heading) in added.iter().enumerate() {
        if definition.columns.contains(heading)
            || definition.percent.as_ref() == Some(heading)
            || added[..index].contains(heading)
        {
            diagnostics.push(
                Diagnostic::error(format!("two columns of `{name}` are headed `{heading}`"))
                    .at(source.location_of(spanned))
                    .hint("give each computed column a heading of its own"),
            );
            return None;
        }
    }

    let mut columns = headings.clone();
    if let Some(heading) = &definition.percent {
        columns.push(heading.clone());
    }
    columns.extend(shares.iter().map(|share| share.column.heading.clone()));
    let rows: Vec<Vec<String>> = definition
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let mut cells: Vec<String> = data
                .iter()
                .map(|column| column.cells[index].clone())
                .collect();
            if definition.percent.is_some() {
                cells.push(
                    value_of(&row.value)
                        .map_or_else(|| "-".to_string(), |value| format::percent(share(value), 1)),
                );
            }
            cells.extend(shares.iter().map(|share| share.column.cells[index].clone()));
            cells
        })
        .collect();
    let numbers: Vec<Vec<Option<f64>>> = definition
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let mut numbers: Vec<Option<f64>> =
                data.iter().map(|column| column.numbers[index]).collect();
            if definition.percent.is_some() {
                // The share as printed: to one decimal place.
                numbers.push(value_of(&row.value).map(|value| round_half_up(share(value), 1)));
            }
            numbers.extend(shares.iter().map(|share| share.column.numbers[index]));
            numbers
        })
        .collect();
    let strict_sums: Vec<Option<f64>> = data
        .iter()
        .map(|column| {
            column
                .numbers
                .iter()
                .try_fold(0.0, |acc, value| value.map(|v| acc + v))
        })
        .collect();
    let total_row = definition.total.as_ref().map(|label| {
        let mut cells = vec![label.clone()];
        for (index, sum) in strict_sums.iter().enumerate().skip(1) {
            let shown = match sum {
                // A computed row total is printed as its rows are.
                Some(sum) if index >= width => {
                    let places = data[index]
                        .numbers
                        .iter()
                        .flatten()
                        .map(|value| format::places_written(*value))
                        .max()
                        .unwrap_or(0);
                    format::number(*sum, places)
                }
                Some(sum) => show(&TableValue::Number(*sum)),
                None => String::new(),
            };
            cells.push(shown);
        }
        if definition.percent.is_some() {
            cells.push(format::percent(100.0, 1));
        }
        cells.extend(shares.iter().map(|share| share.total_cell.clone()));
        cells
    });
    let label_of = |row: &Vec<TableValue>| row.first().map(label).unwrap_or_default();
    let series: Vec<(String, Option<f64>)> = definition
        .rows
        .iter()
        .map(|row| (label_of(&row.value), value_of(&row.value)))
        .collect();

    let mut values: BTreeMap<String, Value> = BTreeMap::new();
    let mut percentages: BTreeMap<String, Value> = BTreeMap::new();
    for (label, value) in &series {
        if let Some(value) = value {
            values.insert(label.clone(), Value::from(*value));
            percentages.insert(label.clone(), Value::from(round_half_up(share(*value), 1)));
        }
    }
    // Every numeric column by heading, then row label; and each column's total.
    let mut by_column: BTreeMap<String, Value> = BTreeMap::new();
    let mut totals: BTreeMap<String, Value> = BTreeMap::new();
    let mut add_column = |heading: &String, numbers: &[Option<f64>], total: Option<f64>| {
        let figures: BTreeMap<String, Value> = series
            .iter()
            .zip(numbers)
            .filter_map(|((label, _), number)| Some((label.clone(), Value::from((*number)?))))
            .collect();
        if !figures.is_empty() {
            by_column.insert(heading.clone(), Value::from(figures));
        }
        if let Some(total) = total {
            totals.insert(heading.clone(), Value::from(total));
        }
    };
    for column in data.iter().skip(1) {
        let sum = column
            .numbers
            .iter()
            .flatten()
            .copied()
            .reduce(|sum, value| sum + value);
        add_column(&column.heading, &column.numbers, sum);
    }
    if let Some(heading) = &definition.percent {
        let numbers: Vec<Option<f64>> = series
            .iter()
            .map(|(_, value)| value.map(|value| round_half_up(share(value), 1)))
            .collect();
        add_column(heading, &numbers, Some(100.0));
    }
    for share in &shares {
        add_column(&share.column.heading, &share.column.numbers, share.total);
    }
    let mut object: BTreeMap<String, Value> = BTreeMap::new();
    object.insert("total".into(), Value::from(total));
    object.insert("value".into(), Value::from(values));
    object.insert("share".into(), Value::from(percentages));
    object.insert("rows".into(), Value::from(series.len()));
    object.insert("column".into(), Value::from(by_column));
    object.insert("totals".into(), Value::from(totals));
    Some((
        FigureTable {
            columns,
            rows,
            values: numbers,
            total_row,
            series,
            column,
        },
        Value::from(object),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::Figures;

    /// The figures of a figures file written as `yaml`.
    fn compute(yaml: &str) -> Result<Figures, Vec<Diagnostic>> {
        let source = SourceFile {
            path: "figures.yaml".into(),
            text: yaml.into(),
        };
        let file = crate::content::parse_yaml(&source).map_err(|problem| vec![problem])?;
        crate::figures::compute(&file, &source, &Default::default())
    }

    /// The one error of a figures file, as its message and where (line, column, length).
    fn error(yaml: &str) -> (String, (usize, usize, usize)) {
        let problems = compute(yaml).expect_err("the figures should fail");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let problem = &problems[0];
        let location = problem.location.as_ref().expect("a place");
        (
            problem.to_string(),
            (location.line, location.column, location.length),
        )
    }

    const CAPITAL: &str = "kind: figures
as_at: 2026-01
values:
  county: {budget: 80000}
computed:
  council_budget: county.budget / 2
tables:
  capital:
    columns: [Scheme, Budget, Spent, Total]
    rows:
      - [Schools, 12000, 9000, 21000]
      - [Roads, 8000, 2000, 10000]
    total: Total
    row_total: {heading: Total, of: [Budget, Spent]}
    shares:
      - {heading: \"% spent\", column: Spent, of_row: Budget}
      - {heading: \"% of programme\", column: Budget, of_total: Budget}
      - {heading: \"% of county\", column: Budget, of_figure: county.budget, places: 2}
      - {heading: \"% of council\", column: Budget, of_figure: council_budget}
";

    #[test]
    fn shares_of_a_row_a_column_total_and_named_figures() {
        let figures = compute(CAPITAL).unwrap();
        let table = &figures.tables["capital"];
        assert_eq!(
            table.columns,
            [
                "Scheme",
                "Budget",
                "Spent",
                "Total",
                "% spent",
                "% of programme",
                "% of county",
                "% of council"
            ]
        );
        assert_eq!(
            table.rows[0],
            [
                "Schools", "12,000", "9,000", "21,000", "75.0%", "60.0%", "15.00%", "30.0%"
            ]
        );
        assert_eq!(
            table.rows[1],
            [
                "Roads", "8,000", "2,000", "10,000", "25.0%", "40.0%", "10.00%", "20.0%"
            ]
        );
        // The total row: each column's total as a share of its whole's total.
        assert_eq!(
            table.total_row.as_ref().unwrap(),
            &[
                "Total", "20,000", "11,000", "31,000", "55.0%", "100.0%", "25.00%", "50.0%"
            ]
        );
        assert_eq!(table.values[0][4], Some(75.0));
        // Narrative reads every column by heading and row, and each column's total.
        let narrative = crate::narrative::Narrative::with_figures(
            Default::default(),
            &figures,
            Default::default(),
        );
        let source = SourceFile {
            path: "cover.yaml".into(),
            text: String::new(),
        };
        let text = "{{ capital.column['% spent']['Roads'] | percent }} of {{ capital.totals['Budget'] | number }}; {{ capital.totals['% spent'] | percent }}";
        assert_eq!(
            narrative.render_str::<()>(text, &source, None).unwrap(),
            "25\\.0\\% of 20\\,000; 55\\.0\\%"
        );
    }

    #[test]
    fn a_computation_can_use_a_table_whose_share_is_of_a_computation() {
        let yaml = CAPITAL.replace(
            "computed:\n",
            "computed:\n  roads_share: capital.column['% of council']['Roads'] * 2\n",
        );
        let figures = compute(&yaml).unwrap();
        assert_eq!(
            f64::try_from(figures.context["roads_share"].clone()).unwrap(),
            40.0
        );
    }

    #[test]
    fn a_share_of_a_computation_of_its_own_table_fails() {
        let yaml = CAPITAL.replace(
            "council_budget: county.budget / 2",
            "council_budget: capital.totals['Budget'] * 2",
        );
        let problems = compute(&yaml).expect_err("a circle of figures");
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            messages.iter().any(|message| message.contains(
                "a share of `capital` is of `council_budget`, which could not be worked out"
            ) && message.contains("`council_budget` uses `capital`")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_typed_row_total_that_does_not_add_up_fails_naming_the_row() {
        let yaml = CAPITAL.replace("[Roads, 8000, 2000, 10000]", "[Roads, 8000, 2000, 11000]");
        let (message, (line, _, _)) = error(&yaml);
        assert!(
            message.contains(
                "the row `Roads` of `capital` has a Total of 11,000, but its parts add up to 10,000"
            ),
            "{message}"
        );
        assert!(message.contains("the Total is Budget + Spent"), "{message}");
        assert_eq!(line, 12, "the row's line");
    }

    #[test]
    fn a_computed_row_total_is_worked_out_after_the_typed_columns() {
        let yaml = "kind: figures
as_at: 2026-01
tables:
  places:
    columns: [Provider, In borough, Out of borough]
    rows:
      - [Foster care, 120.5, 30]
      - [Residential, 12, \"-\"]
      - [Unknown, \"-\", \"-\"]
    total: Total
    row_total: {heading: All places, computed: true}
";
        let figures = compute(yaml).unwrap();
        let table = &figures.tables["places"];
        assert_eq!(
            table.columns,
            ["Provider", "In borough", "Out of borough", "All places"]
        );
        assert_eq!(table.rows[0][3], "150.5");
        assert_eq!(table.rows[1][3], "12");
        assert_eq!(table.rows[2][3], "-");
        assert_eq!(table.values[1][3], Some(12.0));
        // A column with text in it has no total; the computed column neither.
        assert_eq!(table.total_row.as_ref().unwrap()[3], "");

        let typed = "kind: figures
as_at: 2026-01
tables:
  places:
    columns: [Provider, In borough, All places]
    rows:
      - [Foster care, 120, 120]
    row_total: {heading: All places, computed: true}
";
        let (message, _) = error(typed);
        assert!(
            message.contains("`All places` is already a column of `places`"),
            "{message}"
        );
    }

    #[test]
    fn a_share_of_an_unknown_column_fails_at_the_name_listing_the_columns() {
        let yaml = CAPITAL.replace("of_row: Budget}", "of_row: Budgt}");
        let (message, place) = error(&yaml);
        assert!(
            message.contains(
                "the share `% spent` is of the row's `Budgt`, which is not a column of `capital`"
            ),
            "{message}"
        );
        assert!(
            message.contains("expected: one of `Budget`, `Spent`, `Total`"),
            "{message}"
        );
        assert!(message.contains("did you mean `Budget`?"), "{message}");
        assert_eq!(place, (16, 53, 5));

        let quoted = CAPITAL.replace("column: Spent,", "column: \"Spnt\",");
        let (message, place) = error(&quoted);
        assert!(message.contains("is of the column `Spnt`"), "{message}");
        assert_eq!(place, (16, 38, 6), "the name with its quotes");
    }

    #[test]
    fn a_share_of_an_unknown_figure_fails_listing_the_figures() {
        let yaml = CAPITAL.replace("of_figure: county.budget,", "of_figure: county.budgit,");
        let (message, place) = error(&yaml);
        assert!(
            message.contains("a share is of `county.budgit`, which is not a figure"),
            "{message}"
        );
        assert!(
            message.contains("expected: a figure of `values` or `computed`: `county.budget`"),
            "{message}"
        );
        assert!(
            message.contains("did you mean `county.budget`?"),
            "{message}"
        );
        assert_eq!(place.0, 18);

        let unknown = CAPITAL.replace("of_figure: council_budget}", "of_figure: councl_budget}");
        let (message, _) = error(&unknown);
        assert!(
            message.contains("`council_budget`, `county.budget`"),
            "{message}"
        );
        assert!(
            message.contains("did you mean `council_budget`?"),
            "{message}"
        );

        let group = CAPITAL.replace("of_figure: county.budget,", "of_figure: county,");
        let (message, _) = error(&group);
        assert!(
            message.contains("which is a group of figures, not one"),
            "{message}"
        );
    }

    #[test]
    fn a_share_dividing_by_zero_fails_naming_the_row() {
        let yaml = CAPITAL.replace("[Roads, 8000, 2000, 10000]", "[Roads, 0, 2000, 2000]");
        let (message, place) = error(&yaml);
        assert!(
            message.contains(
                "the share `% spent` of the row `Roads` of `capital` divides by zero: its Budget is 0"
            ),
            "{message}"
        );
        assert!(
            message.contains("a share of nothing has no value"),
            "{message}"
        );
        assert_eq!(place.0, 12, "the row's line");

        let figure = CAPITAL.replace("budget: 80000", "budget: 0");
        let (message, place) = error(&figure);
        assert!(
            message.contains(
                "the share `% of county` of `capital` divides by zero: `county.budget` is 0"
            ),
            "{message}"
        );
        assert_eq!(place.0, 18, "the figure's line");

        // Text in the row's cell leaves its share out instead.
        let text = CAPITAL.replace("[Roads, 8000, 2000, 10000]", "[Roads, 8000, \"-\", 8000]");
        let figures = compute(&text).unwrap();
        assert_eq!(figures.tables["capital"].rows[1][4], "-");
    }

    #[test]
    fn a_share_is_of_exactly_one_thing() {
        let yaml = CAPITAL.replace("of_row: Budget}", "of_row: Budget, of_total: Budget}");
        let (message, _) = error(&yaml);
        assert!(
            message
                .contains("the share `% spent` of `capital` must say what it is a share of, once"),
            "{message}"
        );
        let heading = CAPITAL.replace("heading: \"% of council\"", "heading: \"% spent\"");
        let (message, _) = error(&heading);
        assert!(
            message.contains("two columns of `capital` are headed `% spent`"),
            "{message}"
        );
    }

    #[test]
    fn a_row_total_and_a_share_need_columns_to_work_on() {
        let table = "kind: figures
as_at: 2026-01
tables:
  places:
    columns: [Provider, Places, Filled]
    rows:
      - [Foster care, 120, 90]
";
        let no_parts =
            format!("{table}    row_total: {{heading: Total, of: [], computed: true}}\n");
        assert!(
            error(&no_parts)
                .0
                .contains("has no columns of figures to add up")
        );
        let twice = format!(
            "{table}    row_total: {{heading: Total, of: [Places, Places], computed: true}}\n"
        );
        assert!(error(&twice).0.contains("adds up `Places` twice"));
        let out_of_range = format!(
            "{table}    of_column: 7\n    shares:\n      - {{heading: \"%\", of_total: Places}}\n"
        );
        let (message, _) = error(&out_of_range);
        assert!(
            message.contains("is of the table's column 7, which it does not have"),
            "{message}"
        );
        // A share of a computed row total: "% filled" of each row's places.
        let computed = format!(
            "{table}    row_total: {{heading: Total, computed: true}}\n    shares:\n      - {{heading: Share of total, column: Filled, of_row: Total}}\n"
        );
        let figures = compute(&computed).unwrap();
        assert_eq!(
            figures.tables["places"].rows[0],
            ["Foster care", "120", "90", "210", "42.9%"]
        );
    }

    #[test]
    fn the_percent_column_is_a_share_of_the_tables_total() {
        let yaml = "kind: figures
as_at: 2026-01
tables:
  timeliness:
    columns: [Report, \"No.\"]
    rows:
      - [Same day, 1]
      - [After, 3]
    total: Total
    declared_total: 4
    percent: \"%\"
";
        let figures = compute(yaml).unwrap();
        let table = &figures.tables["timeliness"];
        assert_eq!(table.rows[1], ["After", "3", "75.0%"]);
        assert_eq!(table.total_row.as_ref().unwrap(), &["Total", "4", "100.0%"]);
    }
}
