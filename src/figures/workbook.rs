//! Figures straight from a spreadsheet (`.xlsx`, `.ods`): a sheet and range named as
//! `performance.xlsx#Values!A1:M40`, read as the values grid, with each formula's saved result,
//! percentages as the sheet shows them, and every problem at its sheet and cell.

use std::io::Cursor;
use std::ops::RangeInclusive;
use std::path::Path;

use calamine::{Data, Reader, Sheets};

use super::series::{GridCell, GridRow};
use crate::diagnostics::{Diagnostic, Location, did_you_mean};

/// The spreadsheet formats read, by extension.
pub const EXTENSIONS: [&str; 2] = ["xlsx", "ods"];

/// A range of a workbook as content names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookRange {
    /// The workbook's file, relative to the file naming it.
    pub file: String,
    /// The sheet; the first one when not given.
    pub sheet: Option<String>,
    /// The cells, first to last (0-based row, column); the sheet's used cells when not given.
    pub cells: Option<((u32, u32), (u32, u32))>,
}

/// The workbook range `text` names (`file.xlsx`, `file.xlsx#Sheet`, `file.xlsx#Sheet!A1:M40`,
/// `file.xlsx#'Sheet name'!A1:M40`), `None` when it names no workbook, or what is wrong.
pub fn parse_reference(text: &str) -> Option<Result<WorkbookRange, String>> {
    let (file, place) = text.split_once('#').unwrap_or((text, ""));
    let extension = Path::new(file).extension()?.to_str()?.to_ascii_lowercase();
    if !EXTENSIONS.contains(&extension.as_str()) {
        return None;
    }
    let file = file.to_string();
    if place.is_empty() {
        return Some(Ok(WorkbookRange {
            file,
            sheet: None,
            cells: None,
        }));
    }
    let (sheet, cells) = match place.rsplit_once('!') {
        Some((sheet, cells)) => (sheet, Some(cells)),
        None => (place, None),
    };
    let sheet = sheet
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or(sheet)
        .to_string();
    let cells = match cells {
        None => None,
        Some(cells) => {
            let (first, last) = cells.split_once(':').unwrap_or((cells, cells));
            match (cell_position(first), cell_position(last)) {
                (Some(first), Some(last)) if first.0 <= last.0 && first.1 <= last.1 => {
                    Some((first, last))
                }
                _ => {
                    return Some(Err(format!(
                        "`{cells}` is not a range of cells such as A1:M40"
                    )));
                }
            }
        }
    };
    Some(Ok(WorkbookRange {
        file,
        sheet: Some(sheet),
        cells,
    }))
}

/// A cell's 0-based (row, column) from its name, e.g. `B7` → (6, 1); `$B$7` as well.
fn cell_position(name: &str) -> Option<(u32, u32)> {
    let name = name.replace('$', "");
    let letters = name.chars().take_while(char::is_ascii_alphabetic).count();
    let (column, row) = name.split_at(letters);
    if !(1..=3).contains(&column.len())
        || row.is_empty()
        || !row.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let column = column
        .to_ascii_uppercase()
        .bytes()
        .fold(0u32, |total, letter| {
            total * 26 + u32::from(letter - b'A' + 1)
        });
    let row: u32 = row.parse().ok()?;
    (row >= 1 && column <= 16_384 && row <= 1_048_576).then(|| (row - 1, column - 1))
}

/// A cell's name from its 0-based (row, column): (6, 1) → `B7`.
fn cell_name((row, column): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut number = column + 1;
    while number > 0 {
        let remainder = (number - 1) % 26;
        letters.push(char::from(b'A' + remainder as u8));
        number = (number - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// How a spreadsheet user names a sheet's cell: `Values!B7`, `'Q3 values'!B7`.
fn place(sheet: &str, position: (u32, u32)) -> String {
    let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        format!("{sheet}!{}", cell_name(position))
    } else {
        format!("'{}'!{}", sheet.replace('\'', "''"), cell_name(position))
    }
}

/// The cells of `range` in the workbook `bytes` (read from `path`) as the values grid; rows
/// with nothing in them are left out. Problems (a sheet that is not there, a cell holding an
/// error, a formula with no saved result) are reported at the sheet and cell.
pub fn read_grid(
    bytes: Vec<u8>,
    path: &Path,
    range: &WorkbookRange,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<GridRow> {
    let at_file = |message: String| Diagnostic::error(message).at(Location::in_workbook(path, ""));
    // An .ods workbook's percentages are found in its XML (calamine gives only the fraction).
    let ods = is_ods(&bytes).then(|| bytes.clone());
    let mut workbook = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(error) => {
            diagnostics.push(
                Diagnostic::error(format!(
                    "cannot read `{}` as a workbook: {error}",
                    path.display()
                ))
                .hint("save it from Excel as .xlsx, or from LibreOffice as .ods"),
            );
            return Vec::new();
        }
    };
    let names = workbook.sheet_names();
    let sheet = match &range.sheet {
        Some(sheet) if names.contains(sheet) => sheet.clone(),
        Some(sheet) => {
            let mut diagnostic =
                Diagnostic::error(format!("`{}` has no sheet `{sheet}`", path.display())).expected(
                    names
                        .iter()
                        .map(|name| format!("`{name}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
            if let Some(suggestion) = did_you_mean(sheet, names.iter().map(String::as_str)) {
                diagnostic = diagnostic.hint(format!("did you mean `{suggestion}`?"));
            }
            diagnostics.push(diagnostic);
            return Vec::new();
        }
        None => match names.first() {
            Some(first) => first.clone(),
            None => {
                diagnostics.push(at_file("the workbook has no sheets".to_string()));
                return Vec::new();
            }
        },
    };
    let values = match workbook.worksheet_range(&sheet) {
        Ok(values) => values,
        Err(error) => {
            diagnostics.push(at_file(format!("cannot read the sheet `{sheet}`: {error}")));
            return Vec::new();
        }
    };
    // Formulas, to tell a formula whose result was never saved from an empty cell.
    let formulas = workbook.worksheet_formula(&sheet).ok();
    let percentages = Percentages::of(&mut workbook, ods.as_deref(), &sheet);
    // Only cells that hold something are walked: a range wider or longer than the sheet's
    // figures (A1:XFD1048576) ends where they end.
    let Some(((first_row, first_column), (last_row, last_column))) =
        values.end().map(|end| match range.cells {
            Some((first, last)) => (first, (last.0.min(end.0), last.1.min(end.1))),
            None => (values.start().unwrap_or_default(), end),
        })
    else {
        return Vec::new();
    };
    let mut grid = Vec::new();
    for row in first_row..=last_row {
        let mut cells = Vec::new();
        let mut anything = false;
        for column in first_column..=last_column {
            let position = (row, column);
            let location = Location::in_workbook(path, place(&sheet, position));
            let value = values.get_value(position).unwrap_or(&Data::Empty);
            let formula = formulas
                .as_ref()
                .and_then(|formulas| formulas.get_value(position))
                .filter(|formula| !formula.is_empty());
            let (text, number) = match value {
                Data::Empty => {
                    if let Some(formula) = formula {
                        diagnostics.push(
                            Diagnostic::error(format!("the formula `={formula}` has no saved result"))
                                .at(location.clone())
                                .hint("open the workbook in Excel or LibreOffice and save it, so that its results are stored"),
                        );
                    }
                    (String::new(), None)
                }
                Data::String(text) => (text.trim().to_string(), None),
                Data::Float(number) => (String::new(), Some(*number)),
                Data::Int(number) => (String::new(), Some(*number as f64)),
                Data::Bool(value) => (if *value { "TRUE" } else { "FALSE" }.to_string(), None),
                Data::DateTime(date) => (month_of_serial(date.as_f64()), None),
                Data::DateTimeIso(text) => (text.chars().take(7).collect(), None),
                Data::DurationIso(text) => (text.clone(), None),
                Data::Error(error) => {
                    diagnostics.push(
                        Diagnostic::error(format!("the cell holds the error {error}"))
                            .at(location.clone())
                            .hint(
                                "correct the cell's formula or value in the workbook, and save it",
                            ),
                    );
                    (String::new(), None)
                }
            };
            let number = number.map(|number| {
                if percentages.contains(position) {
                    as_percentage(number)
                } else {
                    number
                }
            });
            let text = match (number, text.is_empty()) {
                (Some(number), true) => number.to_string(),
                _ => text,
            };
            anything |= !text.is_empty();
            cells.push(GridCell {
                text,
                number,
                location,
            });
        }
        if anything {
            grid.push(cells);
        }
    }
    grid
}

/// Which cells of a sheet show a percentage, whose stored fraction (0.919) is read as the
/// percentage shown (91.9). Asked cell by cell, so that nothing is laid out for cells the range
/// does not read.
enum Percentages {
    /// An `.xlsx` sheet's styles: a cell whose number format has `%`.
    Styles(calamine::StyleRange),
    /// An `.ods` sheet's percentage cells, as blocks of (rows, columns): repeated rows and
    /// columns stay one block however many they are.
    Blocks(Vec<(RangeInclusive<u32>, RangeInclusive<u32>)>),
}

impl Percentages {
    /// The percentage cells of `sheet`: from its styles, or for an `.ods` workbook (whose
    /// formats calamine does not give) from the `bytes` of its XML.
    fn of<R: std::io::Read + std::io::Seek>(
        workbook: &mut Sheets<R>,
        ods: Option<&[u8]>,
        sheet: &str,
    ) -> Percentages {
        match ods {
            Some(bytes) => Percentages::Blocks(ods_percent_blocks(bytes, sheet)),
            None => Percentages::Styles(workbook.worksheet_style(sheet).unwrap_or_default()),
        }
    }

    fn contains(&self, (row, column): (u32, u32)) -> bool {
        match self {
            Percentages::Styles(styles) => styles
                .get((row, column))
                .and_then(|style| style.number_format.as_ref())
                .is_some_and(|format| is_percent_format(&format.format_code)),
            Percentages::Blocks(blocks) => blocks
                .iter()
                .any(|(rows, columns)| rows.contains(&row) && columns.contains(&column)),
        }
    }
}

/// Whether `bytes` are an OpenDocument spreadsheet (a zip whose first part, `mimetype`, says so).
fn is_ods(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK")
        && bytes.get(30..120).is_some_and(|head| {
            head.windows(46)
                .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet")
        })
}

/// The blocks of cells of `sheet` in an `.ods` workbook whose value type is a percentage,
/// found by streaming its `content.xml`: rows and cells counted with their repeats.
fn ods_percent_blocks(
    bytes: &[u8],
    sheet: &str,
) -> Vec<(RangeInclusive<u32>, RangeInclusive<u32>)> {
    use quick_xml::events::Event;
    let mut blocks = Vec::new();
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return blocks;
    };
    let Ok(part) = archive.by_name("content.xml") else {
        return blocks;
    };
    let attribute = |element: &quick_xml::events::BytesStart<'_>, name: &str| {
        element
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.value.to_string())
    };
    let repeats = |element: &quick_xml::events::BytesStart<'_>, name: &str| {
        attribute(element, name)
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buffer = Vec::new();
    let (mut in_sheet, mut row, mut column, mut row_repeats) = (false, 0u32, 0u32, 1u32);
    loop {
        buffer.clear();
        let (element, empty) = match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(element)) => (element, false),
            Ok(Event::Empty(element)) => (element, true),
            Ok(Event::End(end)) => {
                match end.name().as_ref() {
                    "table:table" if in_sheet => break,
                    "table:table-row" if in_sheet => row = row.saturating_add(row_repeats),
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match element.name().as_ref() {
            "table:table" => in_sheet = attribute(&element, "table:name").as_deref() == Some(sheet),
            "table:table-row" if in_sheet => {
                column = 0;
                row_repeats = repeats(&element, "table:number-rows-repeated");
                if empty {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" if in_sheet => {
                let count = repeats(&element, "table:number-columns-repeated");
                if attribute(&element, "office:value-type").as_deref() == Some("percentage") {
                    blocks.push((
                        row..=row.saturating_add(row_repeats - 1),
                        column..=column.saturating_add(count - 1),
                    ));
                }
                column = column.saturating_add(count);
            }
            _ => {}
        }
    }
    blocks
}

/// Whether a number format shows a percentage: a `%` outside quoted text.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// A fraction as the percentage a sheet shows, moving the decimal point rather than
/// multiplying, so 0.919 is 91.9 exactly as if typed (0.919 × 100 is 91.900000000000006).
fn as_percentage(fraction: f64) -> f64 {
    let text = fraction.abs().to_string();
    let (whole, decimals) = text.split_once('.').unwrap_or((&text, ""));
    let decimals = format!("{decimals:0<2}");
    let shifted = format!("{whole}{}.{}", &decimals[..2], &decimals[2..]);
    let value = shifted
        .trim_end_matches('.')
        .parse::<f64>()
        .unwrap_or(fraction * 100.0);
    if fraction < 0.0 { -value } else { value }
}

/// The month (`2021-09`) of a spreadsheet date serial (days since 30 December 1899), for a
/// header typed as a date such as Sep-21.
fn month_of_serial(serial: f64) -> String {
    let days = serial.floor() as i64;
    let date = time::Date::from_calendar_date(1899, time::Month::December, 30)
        .ok()
        .and_then(|epoch| epoch.checked_add(time::Duration::days(days)));
    match date {
        Some(date) => format!("{:04}-{:02}", date.year(), u8::from(date.month())),
        None => serial.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_a_file_a_sheet_and_cells() {
        assert_eq!(parse_reference("values.csv"), None);
        assert_eq!(
            parse_reference("performance.xlsx#Values!A1:M40"),
            Some(Ok(WorkbookRange {
                file: "performance.xlsx".into(),
                sheet: Some("Values".into()),
                cells: Some(((0, 0), (39, 12))),
            }))
        );
        assert_eq!(
            parse_reference("q3/Figures.ODS#'Q3 values'!$B$2:AA10"),
            Some(Ok(WorkbookRange {
                file: "q3/Figures.ODS".into(),
                sheet: Some("Q3 values".into()),
                cells: Some(((1, 1), (9, 26))),
            }))
        );
        assert_eq!(
            parse_reference("v.xlsx").unwrap().unwrap().sheet,
            None,
            "the first sheet"
        );
        assert!(parse_reference("v.xlsx#Values!B7:A1").unwrap().is_err());
        assert!(parse_reference("v.xlsx#Values!7B").unwrap().is_err());
    }

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(cell_name((6, 1)), "B7");
        assert_eq!(cell_name((0, 25)), "Z1");
        assert_eq!(cell_name((0, 26)), "AA1");
        assert_eq!(cell_position("AA1"), Some((0, 26)));
        assert_eq!(place("Q3 values", (6, 1)), "'Q3 values'!B7");
    }

    #[test]
    fn percentages_are_read_as_shown() {
        assert_eq!(as_percentage(0.919), 91.9);
        assert_eq!(as_percentage(0.5), 50.0);
        assert_eq!(as_percentage(1.0), 100.0);
        assert_eq!(as_percentage(-0.006), -0.6);
        assert_eq!(as_percentage(0.94666), 94.666);
        assert!(is_percent_format("0.0%"));
        assert!(!is_percent_format("0.0\"%\""));
        assert!(!is_percent_format("#,##0"));
    }

    #[test]
    fn date_headers_are_their_month() {
        // 44440 is 1 September 2021.
        assert_eq!(month_of_serial(44440.0), "2021-09");
    }
}
