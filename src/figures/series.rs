//! Reading the values CSV: one row per indicator (`ref`), one column per month or span of months,
//! and an optional `ytd` column declaring the year to date (checked against the months).

use std::collections::BTreeMap;

use super::period::{Month, Period};
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location};

/// A value and where it was written.
#[derive(Debug, Clone)]
pub struct Cell {
    /// The number.
    pub value: f64,
    /// Its place in the CSV.
    pub location: Location,
}

/// One row of the CSV.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// Values by period.
    pub values: BTreeMap<Period, Cell>,
    /// The declared year to date, if the `ytd` column has one.
    pub declared_ytd: Option<Cell>,
    /// Where the row starts.
    pub location: Option<Location>,
}

impl Row {
    /// The value of one month, if given as a month.
    pub fn month(&self, month: Month) -> Option<f64> {
        self.values
            .get(&Period {
                first: month,
                last: month,
            })
            .map(|cell| cell.value)
    }

    /// The sum over `first..=last`, when the row's periods cover exactly those months.
    /// Otherwise the first month not covered.
    pub fn sum(&self, first: Month, last: Month) -> Result<f64, Month> {
        let mut total = 0.0;
        let mut next = first;
        for (period, cell) in self.values.range(Period { first, last: first }..) {
            if period.first > last {
                break;
            }
            if period.first != next || period.last > last {
                return Err(next);
            }
            total += cell.value;
            next = period.last.plus(1);
        }
        if next <= last { Err(next) } else { Ok(total) }
    }
}

/// The CSV's rows by indicator reference.
pub type Table = BTreeMap<String, Row>;

/// One cell of the values grid: a CSV field or a workbook cell.
#[derive(Debug, Clone)]
pub struct GridCell {
    /// The text as written (trimmed); empty for an empty cell.
    pub text: String,
    /// The number a workbook cell holds (its cached result, for a formula); a CSV field is
    /// only text.
    pub number: Option<f64>,
    /// Where the cell is, for messages.
    pub location: Location,
}

/// A row of the values grid.
pub type GridRow = Vec<GridCell>;

/// Byte offsets where each comma-separated field of `line` starts (quotes respected).
fn field_starts(line: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut quoted = false;
    for (index, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => starts.push(index + 1),
            _ => {}
        }
    }
    starts
}

/// Parse the CSV, reporting every problem with its line and column.
pub fn read_table(source: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Table {
    let first = diagnostics.len();
    let grid = csv_grid(source, diagnostics);
    let table = read_grid(&grid, diagnostics);
    // In the order of the file, as an author reads it.
    diagnostics[first..].sort_by_key(|diagnostic| {
        diagnostic
            .location
            .as_ref()
            .map(|location| (location.line, location.column))
    });
    table
}

/// The CSV's fields as a grid, each with its line and column; a row with the wrong number of
/// fields is reported and left out.
fn csv_grid(source: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Vec<GridRow> {
    let lines: Vec<&str> = source.text.lines().collect();
    let location = |line: usize, field: usize, length: usize| {
        let text = lines.get(line - 1).copied().unwrap_or_default();
        let start = field_starts(text).get(field).copied().unwrap_or(0);
        let offset: usize = lines[..line - 1].iter().map(|l| l.len() + 1).sum::<usize>() + start;
        Location::from_offset(&source.path, &source.text, offset, length.max(1))
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(csv::Trim::All)
        .from_reader(source.text.as_bytes());
    let mut grid = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(1, |p| p.line() as usize);
                let message = match error.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("this row has {len} fields but the header has {expected_len}"),
                    _ => format!("cannot read this row: {error}"),
                };
                diagnostics.push(Diagnostic::error(message).at(location(line, 0, 1)).hint(
                    "every row needs a value (or an empty field) for each column of the header",
                ));
                continue;
            }
        };
        let line = record.position().map_or(index + 1, |p| p.line() as usize);
        grid.push(
            record
                .iter()
                .enumerate()
                .map(|(field, text)| GridCell {
                    text: text.to_string(),
                    number: None,
                    location: location(line, field, text.len()),
                })
                .collect(),
        );
    }
    grid
}

/// Read the values grid (a CSV's or a workbook range's): a header row of `ref` and periods,
/// then a row per indicator; every problem is reported at its cell.
pub fn read_grid(grid: &[GridRow], diagnostics: &mut Vec<Diagnostic>) -> Table {
    let mut table = Table::new();
    let Some((header, rows)) = grid.split_first() else {
        return table;
    };
    let columns = header_columns(header, diagnostics);
    for record in rows {
        let Some(first) = record.first() else {
            continue;
        };
        let reference = first.text.clone();
        if reference.is_empty() {
            diagnostics.push(
                Diagnostic::error("a row without an indicator reference")
                    .at(first.location.clone())
                    .hint("the first column holds the indicator's `ref`, e.g. 3.1"),
            );
            continue;
        }
        if first.number.is_some_and(|number| number.fract() != 0.0) {
            diagnostics.push(
                Diagnostic::error(format!("the reference `{reference}` is a number"))
                    .at(first.location.clone())
                    .hint("a number loses its last zeros (3.10 reads as 3.1): format the column as text, or type the reference with a ' before it"),
            );
            continue;
        }
        let mut row = Row {
            location: Some(first.location.clone()),
            ..Row::default()
        };
        for (field, cell) in record.iter().enumerate().skip(1) {
            let Some(Some(column)) = columns.get(field) else {
                continue;
            };
            let text = cell.text.as_str();
            let value = match cell.number {
                Some(number) => number,
                None if text.is_empty() || text == "-" => continue,
                None => match parse_number(text) {
                    Ok(value) => value,
                    Err(NotANumber::DecimalComma) => {
                        diagnostics.push(
                            Diagnostic::error(format!("`{text}` has a decimal comma"))
                                .at(cell.location.clone())
                                .expected("a decimal point, as in 91.3; commas may only separate thousands, as in 1,167")
                                .hint("a spreadsheet saved with another country's settings writes decimal commas; save it with UK settings"),
                        );
                        continue;
                    }
                    Err(NotANumber::Other) => {
                        diagnostics.push(
                            Diagnostic::error(format!("`{text}` is not a number"))
                                .at(cell.location.clone())
                                .expected("a number such as 574, 91.3 or 91.3%; leave the cell empty (or -) when there is no value"),
                        );
                        continue;
                    }
                },
            };
            let cell = Cell {
                value,
                location: cell.location.clone(),
            };
            match column {
                Column::Period(period) => {
                    row.values.insert(*period, cell);
                }
                Column::Ytd => row.declared_ytd = Some(cell),
            }
        }
        if table.insert(reference.clone(), row).is_some() {
            diagnostics.push(
                Diagnostic::error(format!("a second row for `{reference}`"))
                    .at(first.location.clone())
                    .hint("each indicator has one row"),
            );
        }
    }
    table
}

#[derive(Debug, Clone, Copy)]
enum Column {
    Period(Period),
    Ytd,
}

impl Column {
    /// Whether two columns are for the same figures (spans that overlap are fine: one row gives
    /// months, another only their total).
    fn same_as(self, other: Column) -> bool {
        match (self, other) {
            (Column::Ytd, Column::Ytd) => true,
            (Column::Period(a), Column::Period(b)) => a == b,
            _ => false,
        }
    }
}

fn header_columns(header: &[GridCell], diagnostics: &mut Vec<Diagnostic>) -> Vec<Option<Column>> {
    let mut columns = vec![None];
    match header.first() {
        Some(first) if first.text == "ref" => {}
        Some(first) => diagnostics.push(
            Diagnostic::error("the first column must be headed `ref`").at(first.location.clone()),
        ),
        None => {}
    }
    for cell in header.iter().skip(1) {
        let text = cell.text.as_str();
        let column = if text.eq_ignore_ascii_case("ytd") {
            Some(Column::Ytd)
        } else {
            Period::parse(text).map(Column::Period)
        };
        if let Some(column) = column {
            // The same month twice would silently take one of the two values.
            let earlier = columns
                .iter()
                .position(|c: &Option<Column>| c.is_some_and(|c| c.same_as(column)));
            if let Some(earlier) = earlier {
                diagnostics.push(
                    Diagnostic::error(format!("a second column for `{text}`"))
                        .at(cell.location.clone())
                        .hint(format!(
                            "column {} already holds it; each month (and ytd) has one column",
                            earlier + 1
                        )),
                );
                columns.push(None);
            } else {
                columns.push(Some(column));
            }
        } else if text.is_empty() && cell.number.is_none() {
            // An empty column (a workbook range wider than its figures) holds nothing.
            columns.push(None);
        } else {
            diagnostics.push(
                Diagnostic::error(format!("`{text}` is not a month"))
                    .at(cell.location.clone())
                    .expected("a month such as 2021-12 or Dec-21, a span such as 2021-04..2021-08, or ytd"),
            );
            columns.push(None);
        }
    }
    columns
}

/// Why a cell is not a number.
#[derive(Debug, PartialEq)]
enum NotANumber {
    /// "91,3": a comma where a decimal point belongs.
    DecimalComma,
    /// Anything else.
    Other,
}

/// "574", "91.3", "91.3%", "1,167", "-2". Commas are taken only as thousands separators (groups
/// of three digits), so "91,3" is an error rather than 913; words such as "inf" and "nan", and
/// figures too large for a double, are not numbers.
fn parse_number(text: &str) -> Result<f64, NotANumber> {
    let number = text.strip_suffix('%').unwrap_or(text).trim();
    let unsigned = number.strip_prefix(['-', '+']).unwrap_or(number);
    if !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return Err(NotANumber::Other);
    }
    let (whole, _) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if unsigned.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        let thousands = whole.contains(',')
            && (1..=3).contains(&first.len())
            && groups.all(|group| group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()));
        if !thousands || unsigned[whole.len()..].contains(',') {
            return Err(NotANumber::DecimalComma);
        }
    }
    number
        .replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
        .ok_or(NotANumber::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (Table, Vec<Diagnostic>) {
        let source = SourceFile {
            path: "values.csv".into(),
            text: text.into(),
        };
        let mut diagnostics = Vec::new();
        (read_table(&source, &mut diagnostics), diagnostics)
    }

    #[test]
    fn reads_months_spans_and_declared_ytd() {
        let (table, diagnostics) =
            table("ref,2021-04..2021-08,Sep-21,2021-10,ytd\n3.3,70,10,19,99\n3.1,,568,567,\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let admissions = &table["3.3"];
        let april = Month::parse("2021-04").unwrap();
        let october = Month::parse("2021-10").unwrap();
        assert_eq!(admissions.sum(april, october), Ok(99.0));
        assert_eq!(admissions.declared_ytd.as_ref().unwrap().value, 99.0);
        assert_eq!(
            table["3.1"].month(Month::parse("2021-09").unwrap()),
            Some(568.0)
        );
        assert_eq!(table["3.1"].sum(april, october), Err(april));
    }

    #[test]
    fn problems_point_at_their_cell() {
        let (_, diagnostics) = table("ref,2021-09,2021-10\n3.1,568,abc\n3.2,1\n3.1,1,2\n");
        let places: Vec<(usize, usize)> = diagnostics
            .iter()
            .map(|d| {
                let location = d.location.as_ref().unwrap();
                (location.line, location.column)
            })
            .collect();
        assert_eq!(places, [(2, 9), (3, 1), (4, 1)], "{diagnostics:?}");
        assert!(diagnostics[0].message.contains("`abc` is not a number"));
        assert!(
            diagnostics[1]
                .message
                .contains("2 fields but the header has 3")
        );
        assert!(diagnostics[2].message.contains("a second row for `3.1`"));
    }

    #[test]
    fn commas_only_separate_thousands() {
        assert_eq!(parse_number("1,167"), Ok(1167.0));
        assert_eq!(parse_number("1,234,567.5"), Ok(1_234_567.5));
        assert_eq!(parse_number("91.3%"), Ok(91.3));
        assert_eq!(parse_number("-2"), Ok(-2.0));
        assert_eq!(parse_number("91,3%"), Err(NotANumber::DecimalComma));
        assert_eq!(parse_number("1,5"), Err(NotANumber::DecimalComma));
        assert_eq!(parse_number("12,34"), Err(NotANumber::DecimalComma));
        assert_eq!(parse_number("1,167,5"), Err(NotANumber::DecimalComma));
        for text in ["inf", "NaN", "1e999", "abc", "", "%"] {
            assert_eq!(parse_number(text), Err(NotANumber::Other), "{text}");
        }
    }

    #[test]
    fn a_month_given_twice_is_an_error_at_the_second_column() {
        let (_, diagnostics) =
            table("ref,2021-09,Sep-21,2021-08..2021-10,2021-08..2021-10,ytd,YTD\n3.1,1,,3,,5,\n");
        let messages: Vec<(usize, usize, &str)> = diagnostics
            .iter()
            .map(|d| {
                let location = d.location.as_ref().unwrap();
                (location.line, location.column, d.message.as_str())
            })
            .collect();
        assert_eq!(
            messages,
            [
                (1, 13, "a second column for `Sep-21`"),
                (1, 37, "a second column for `2021-08..2021-10`"),
                (1, 58, "a second column for `YTD`"),
            ]
        );
    }

    #[test]
    fn a_span_that_overlaps_the_range_does_not_count() {
        let (table, _) = table("ref,2021-04..2021-06,2021-07\n1,30,10\n");
        let row = &table["1"];
        let may = Month::parse("2021-05").unwrap();
        let july = Month::parse("2021-07").unwrap();
        assert_eq!(row.sum(may, july), Err(may));
    }
}
