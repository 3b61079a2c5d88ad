//! Tables of figures: rows of a label and numbers, with a computed total row (checked against a
//! published total) and each row's share of the total.

use std::collections::BTreeMap;

use minijinja::Value;
use serde_saphyr::Spanned;

use crate::content::figures::{TableDefinition, TableValue};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::SourceFile;
use crate::format::{self, round_half_up};

/// A table with its totals worked out.
#[derive(Debug, Clone)]
pub struct FigureTable {
    /// Column headings (with the share column, if any).
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

/// The first column holding a number in any row.
fn first_numeric(definition: &TableDefinition) -> Option<usize> {
    (1..definition.columns.len()).find(|column| {
        definition
            .rows
            .iter()
            .any(|row| matches!(row.value.get(*column), Some(TableValue::Number(_))))
    })
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

/// Work out a table, or say where it is wrong; also what narrative can name of it.
pub fn compute_table(
    name: &str,
    spanned: &Spanned<TableDefinition>,
    source: &SourceFile,
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
    let mut columns = definition.columns.clone();
    if let Some(heading) = &definition.percent {
        columns.push(heading.clone());
    }
    let rows: Vec<Vec<String>> = definition
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = row
                .value
                .iter()
                .enumerate()
                .map(|(index, value)| {
                    if index == 0 {
                        label(value)
                    } else {
                        show(value)
                    }
                })
                .collect();
            if definition.percent.is_some() {
                cells.push(
                    value_of(&row.value)
                        .map_or_else(|| "-".to_string(), |value| format::percent(share(value), 1)),
                );
            }
            cells
        })
        .collect();
    let numbers: Vec<Vec<Option<f64>>> = definition
        .rows
        .iter()
        .map(|row| {
            let mut numbers: Vec<Option<f64>> = row
                .value
                .iter()
                .map(|value| match value {
                    TableValue::Number(number) => Some(*number),
                    TableValue::Text(_) => None,
                })
                .collect();
            if definition.percent.is_some() {
                // The share as printed: to one decimal place.
                numbers.push(value_of(&row.value).map(|value| round_half_up(share(value), 1)));
            }
            numbers
        })
        .collect();
    let total_row = definition.total.as_ref().map(|label| {
        let mut cells = vec![label.clone()];
        for index in 1..width {
            let sum: Option<f64> = definition
                .rows
                .iter()
                .map(|row| match row.value.get(index) {
                    Some(TableValue::Number(number)) => Some(*number),
                    _ => None,
                })
                .try_fold(0.0, |acc, value| value.map(|v| acc + v));
            cells.push(sum.map_or_else(String::new, |sum| show(&TableValue::Number(sum))));
        }
        if definition.percent.is_some() {
            cells.push(format::percent(100.0, 1));
        }
        cells
    });
    let label_of = |row: &Vec<TableValue>| row.first().map(label).unwrap_or_default();
    let series: Vec<(String, Option<f64>)> = definition
        .rows
        .iter()
        .map(|row| (label_of(&row.value), value_of(&row.value)))
        .collect();

    let mut values: BTreeMap<String, Value> = BTreeMap::new();
    let mut shares: BTreeMap<String, Value> = BTreeMap::new();
    for (label, value) in &series {
        if let Some(value) = value {
            values.insert(label.clone(), Value::from(*value));
            shares.insert(label.clone(), Value::from(round_half_up(share(*value), 1)));
        }
    }
    let mut object: BTreeMap<String, Value> = BTreeMap::new();
    object.insert("total".into(), Value::from(total));
    object.insert("value".into(), Value::from(values));
    object.insert("share".into(), Value::from(shares));
    object.insert("rows".into(), Value::from(series.len()));
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
