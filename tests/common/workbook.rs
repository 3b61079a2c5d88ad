//! Writing small `.xlsx` workbooks for tests, as Excel stores them: numbers, text, percentages
//! (a fraction with a `0.0%` format), month headers as dates, formulas with or without their
//! saved result, and error cells. The example meeting's `performance/values.xlsx` was written
//! with [`workbook_from_csv`] (see `tests/workbooks.rs`).

use std::io::{Cursor, Write};

/// One cell as a spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsxCell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number, shown as it is.
    Number(f64),
    /// A fraction shown as a percentage (`0.0%`): 0.919 shows as 91.9%.
    Percent(f64),
    /// A date (the day's serial number, days since 30 December 1899), shown as `mmm-yy`.
    Month(f64),
    /// A formula and the result Excel saved with it (none for a workbook never recalculated).
    Formula(String, Option<f64>),
    /// An error value such as `#DIV/0!`.
    Error(String),
}

/// A sheet: its name and rows of cells from A1.
pub struct XlsxSheet {
    /// The sheet's name.
    pub name: String,
    /// Rows of cells, from A1.
    pub rows: Vec<Vec<XlsxCell>>,
}

fn column_name(mut number: usize) -> String {
    let mut letters = Vec::new();
    number += 1;
    while number > 0 {
        letters.push(char::from(b'A' + ((number - 1) % 26) as u8));
        number = (number - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn sheet_xml(sheet: &XlsxSheet) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (row_index, row) in sheet.rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, row_index + 1));
        for (column, cell) in row.iter().enumerate() {
            let place = format!("{}{}", column_name(column), row_index + 1);
            let cell = match cell {
                XlsxCell::Empty => continue,
                XlsxCell::Text(text) => format!(
                    r#"<c r="{place}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    escape(text)
                ),
                XlsxCell::Number(number) => format!(r#"<c r="{place}"><v>{number}</v></c>"#),
                XlsxCell::Percent(number) => {
                    format!(r#"<c r="{place}" s="1"><v>{number}</v></c>"#)
                }
                XlsxCell::Month(serial) => format!(r#"<c r="{place}" s="2"><v>{serial}</v></c>"#),
                XlsxCell::Formula(formula, Some(result)) => format!(
                    r#"<c r="{place}"><f>{}</f><v>{result}</v></c>"#,
                    escape(formula)
                ),
                XlsxCell::Formula(formula, None) => {
                    format!(r#"<c r="{place}"><f>{}</f></c>"#, escape(formula))
                }
                XlsxCell::Error(error) => {
                    format!(r#"<c r="{place}" t="e"><v>{}</v></c>"#, escape(error))
                }
            };
            xml.push_str(&cell);
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// The bytes of an `.xlsx` workbook holding `sheets`, in order.
pub fn xlsx(sheets: &[XlsxSheet]) -> Vec<u8> {
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut overrides = String::new();
    let mut sheet_list = String::new();
    let mut relationships = String::new();
    for (index, sheet) in sheets.iter().enumerate() {
        let number = index + 1;
        overrides.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{number}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        sheet_list.push_str(&format!(
            r#"<sheet name="{}" sheetId="{number}" r:id="rId{number}"/>"#,
            escape(&sheet.name)
        ));
        relationships.push_str(&format!(
            r#"<Relationship Id="rId{number}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{number}.xml"/>"#
        ));
        parts.push((format!("xl/worksheets/sheet{number}.xml"), sheet_xml(sheet)));
    }
    let styles_id = sheets.len() + 1;
    relationships.push_str(&format!(
        r#"<Relationship Id="rId{styles_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
    ));
    let mut all = vec![
        (
            "[Content_Types].xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
            ),
        ),
        (
            "_rels/.rels".to_string(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheet_list}</sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relationships}</Relationships>"#
            ),
        ),
        (
            "xl/styles.xml".to_string(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="mmm\-yy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#.to_string(),
        ),
    ];
    all.extend(parts);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in all {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The serial number of the first day of `month` (`2021-09`).
pub fn month_serial(month: &str) -> Option<f64> {
    let (year, month) = month.split_once('-')?;
    let (year, month): (i64, i64) = (year.parse().ok()?, month.parse().ok()?);
    if !(1..=12).contains(&month) || month.to_string().len() > 2 {
        return None;
    }
    // Days from 1899-12-30 to the first of the month (proleptic Gregorian).
    let days_from_civil = |y: i64, m: i64, d: i64| {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    };
    Some((days_from_civil(year, month, 1) - days_from_civil(1899, 12, 30)) as f64)
}

/// A values CSV as a performance team's sheet holds it: months as dates, spans and `ytd` as
/// text, references as text, percentages as fractions shown as percentages, other figures as
/// numbers.
pub fn workbook_from_csv(csv: &str, sheet: &str) -> Vec<u8> {
    let rows = csv
        .lines()
        .enumerate()
        .map(|(line, text)| {
            text.split(',')
                .enumerate()
                .map(|(column, field)| {
                    let field = field.trim();
                    if field.is_empty() {
                        XlsxCell::Empty
                    } else if line == 0 {
                        match (column > 0).then(|| month_serial(field)).flatten() {
                            Some(serial) => XlsxCell::Month(serial),
                            None => XlsxCell::Text(field.to_string()),
                        }
                    } else if column == 0 {
                        XlsxCell::Text(field.to_string())
                    } else if let Some(percent) = field.strip_suffix('%') {
                        XlsxCell::Percent(shift_left(percent))
                    } else {
                        field
                            .parse()
                            .map_or_else(|_| XlsxCell::Text(field.to_string()), XlsxCell::Number)
                    }
                })
                .collect()
        })
        .collect();
    xlsx(&[XlsxSheet {
        name: sheet.to_string(),
        rows,
    }])
}

/// "91.9" per cent as the fraction a sheet stores (0.919), by moving the point.
fn shift_left(percent: &str) -> f64 {
    let (whole, decimals) = percent.split_once('.').unwrap_or((percent, ""));
    let whole = format!("{whole:0>3}");
    let split = whole.len() - 2;
    format!("{}.{}{decimals}", &whole[..split], &whole[split..])
        .parse()
        .unwrap()
}
