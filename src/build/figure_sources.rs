//! The files behind a figures file: its values (`series:`, a CSV or a workbook range) and the
//! rows of tables kept in a workbook (`rows_from:`), read inside the content root.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use super::workspace::input_diagnostic;
use crate::characters;
use crate::content::figures::{FiguresFile, TableValue};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::figures::series::{self, GridRow, Table};
use crate::figures::workbook::{self, WorkbookRange};
use crate::input::{ContentRoot, FileKind};

/// Reads what a figures file names, recording each file tried for a watcher.
pub(super) struct FigureSources<'a> {
    /// The folder content may read from.
    pub(super) root: &'a ContentRoot,
    /// Every file read (or tried).
    pub(super) inputs: &'a mut BTreeSet<PathBuf>,
}

impl FigureSources<'_> {
    /// The values `series:` names: a CSV, or a workbook's sheet and range.
    pub(super) fn series(
        &mut self,
        path: &Spanned<String>,
        source: &SourceFile,
        problems: &mut Vec<Diagnostic>,
    ) -> Table {
        match workbook::parse_reference(&path.value) {
            Some(range) => {
                let grid = self.workbook_grid(range, path, source, problems);
                series::read_grid(&grid, problems)
            }
            None => {
                let full = folder_of(source).join(&path.value);
                self.inputs.insert(full.clone());
                match self.root.read_text(&full, FileKind::Csv) {
                    Ok(text) => {
                        let csv = SourceFile { path: full, text };
                        problems.extend(characters::check_source(&csv));
                        series::read_table(&csv, problems)
                    }
                    Err(error) => {
                        problems.push(input_diagnostic(
                            &error,
                            &path.value,
                            source,
                            source.location_of(path),
                        ));
                        Table::default()
                    }
                }
            }
        }
    }

    /// `definition` with the rows of each table that names a workbook range (`rows_from:`)
    /// read from it; each row is placed at `rows_from` for messages about whole rows.
    pub(super) fn table_rows(
        &mut self,
        definition: &FiguresFile,
        source: &SourceFile,
        problems: &mut Vec<Diagnostic>,
    ) -> FiguresFile {
        let mut definition = definition.clone();
        for table in definition.tables.values_mut() {
            let Some(from) = table.value.rows_from.clone() else {
                if table.value.rows.is_empty() {
                    problems.push(
                        Diagnostic::error("this table has no rows")
                            .at(source.location_of(table))
                            .hint("give its rows under `rows:`, or a workbook range under `rows_from:`"),
                    );
                }
                continue;
            };
            if !table.value.rows.is_empty() {
                problems.push(
                    Diagnostic::error("this table has both `rows` and `rows_from`")
                        .at(source.location_of(&from))
                        .hint("keep `rows:` to type the rows here, or `rows_from:` to read them from a workbook"),
                );
                continue;
            }
            let range = workbook::parse_reference(&from.value).unwrap_or_else(|| {
                Err(format!(
                    "`{}` is not a workbook: give an .xlsx or .ods file",
                    from.value
                ))
            });
            let grid = self.workbook_grid(range, &from, source, problems);
            table.value.rows = grid
                .into_iter()
                .map(|row| Spanned::new(table_values(row), from.referenced, from.defined))
                .collect();
        }
        definition
    }

    /// The cells of a workbook range named at `at` in `source`.
    fn workbook_grid(
        &mut self,
        range: Result<WorkbookRange, String>,
        at: &Spanned<String>,
        source: &SourceFile,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<GridRow> {
        let range = match range {
            Ok(range) => range,
            Err(message) => {
                problems.push(
                    Diagnostic::error(message)
                        .at(source.location_of(at))
                        .expected("a workbook and range such as performance.xlsx#Values!A1:M40"),
                );
                return Vec::new();
            }
        };
        let full = folder_of(source).join(&range.file);
        self.inputs.insert(full.clone());
        match self.root.read_bytes(&full, FileKind::Workbook) {
            Ok(bytes) => {
                let grid = workbook::read_grid(bytes, &full, &range, problems);
                // A cell's text is printed as a CSV's is: what no font can print, or a control
                // character pasted in, is refused at its cell.
                for cell in grid.iter().flatten() {
                    if let Some((_, c, why)) = characters::first_unprintable(&cell.text) {
                        problems.push(characters::problem(c, why).at(cell.location.clone()));
                    }
                }
                grid
            }
            Err(error) => {
                problems.push(input_diagnostic(
                    &error,
                    &range.file,
                    source,
                    source.location_of(at),
                ));
                Vec::new()
            }
        }
    }
}

/// A workbook row as a table's row: numbers as numbers, anything else as its text.
fn table_values(row: GridRow) -> Vec<TableValue> {
    row.into_iter()
        .map(|cell| match cell.number {
            Some(number) => TableValue::Number(number),
            None => TableValue::Text(cell.text),
        })
        .collect()
}

fn folder_of(source: &SourceFile) -> &Path {
    source.path.parent().unwrap_or(Path::new(""))
}
