//! Data tables: shaded repeating header rows, group rows across the table, RAG in colour.

use std::borrow::Borrow;

use docx_rs::{
    AlignmentType, Paragraph, Run, Shading, ShdType, Table, TableBorders, TableCell, TableRow,
    WidthType,
};

use super::DocxWriter;
use super::column_widths::column_widths;
use super::styles::{DATA_TABLE, table_text_style, text_width};
use crate::escape::xml_safe;
use crate::model::{self, Cell, CellAlign, Tone};
use crate::style::HouseStyle;

impl DocxWriter<'_> {
    /// A data table across the page's text width, less the indent of the block it sits in, its
    /// text in the table text style for its size (registered when the document is assembled).
    pub(super) fn table(&mut self, table: &model::Table, indent: i32) -> Table {
        let page_width = text_width(self.style, self.landscape);
        let width = page_width.saturating_sub(indent.max(0) as usize);
        let written = data_table(table, width, self.style);
        self.table_sizes.insert(text_size(table));
        // A table in an indented block (a minute's body, a list) starts where its text does.
        if indent > 0 {
            written.indent(indent)
        } else {
            written
        }
    }
}

/// The size of a table's text, in half-points.
fn text_size(table: &model::Table) -> usize {
    (table.font_size * 2.0).round() as usize
}

/// A data table `text_width` wide: shaded repeating header row, group rows across the table,
/// RAG and direction of travel in colour and in words. Rules and cell margins come from its
/// table style, text size and spacing from its paragraph style.
fn data_table(table: &model::Table, text_width: usize, style: &HouseStyle) -> Table {
    let columns = Columns::new(table, text_width, style);
    let mut rows = Vec::new();
    for header in &table.header {
        let shaded = header.iter().map(|header_cell| Cell {
            tone: Some(Tone::Shade),
            ..header_cell.clone()
        });
        rows.push(columns.row(shaded));
    }
    for row in &table.rows {
        rows.push(match row {
            model::TableRow::Group { text } => columns.row([columns.group(text)]),
            model::TableRow::Cells { cells } => columns.row(cells),
        });
    }
    Table::new(rows)
        .set_grid(columns.grid.clone())
        .width(columns.grid.iter().sum(), WidthType::Dxa)
        // No rules of its own: its style's apply.
        .set_borders(TableBorders::with_empty())
        .style(DATA_TABLE)
}

/// The table's column widths and text style, shared by all its cells.
struct Columns<'a> {
    /// Each column's width in twentieths of a point: the model's shares, widened to its longest
    /// word.
    grid: Vec<usize>,
    /// The paragraph style of its text.
    text_style: String,
    /// The house style, for the fills of tones.
    style: &'a HouseStyle,
}

impl<'a> Columns<'a> {
    fn new(table: &model::Table, text_width: usize, style: &'a HouseStyle) -> Self {
        let grid = column_widths(
            table,
            style.fonts.pdf.as_str(),
            f64::from(table.font_size),
            text_width,
        );
        Columns {
            grid,
            text_style: table_text_style(text_size(table)),
            style,
        }
    }

    /// A row that does not split across pages, its cells placed column after column.
    fn row<Borrowed: Borrow<Cell>>(&self, cells: impl IntoIterator<Item = Borrowed>) -> TableRow {
        let mut column = 0;
        let made = cells
            .into_iter()
            .map(|cell| {
                let cell = cell.borrow();
                let made = self.cell(cell, column);
                column += usize::from(cell.span);
                made
            })
            .collect();
        TableRow::new(made).cant_split()
    }

    /// A group row's one cell: bold, shaded, across every column.
    fn group(&self, text: &str) -> Cell {
        let mut group = Cell::text(text.to_string());
        group.span = self.grid.len() as u16;
        group.strong = true;
        group.tone = Some(Tone::Shade);
        group
    }

    /// A cell starting at `column`, as wide as the columns it spans.
    fn cell(&self, cell: &Cell, column: usize) -> TableCell {
        let width: usize = self.grid
            [column..(column + usize::from(cell.span)).min(self.grid.len())]
            .iter()
            .sum();
        let alignment = match cell.align {
            CellAlign::Left => AlignmentType::Left,
            CellAlign::Center => AlignmentType::Center,
            CellAlign::Right => AlignmentType::Right,
        };
        let mut run = Run::new().add_text(xml_safe(&cell.text));
        if cell.strong {
            run = run.bold();
        }
        let mut table_cell = TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .style(&self.text_style)
                .align(alignment)
                .add_run(run),
        );
        if cell.span > 1 {
            table_cell = table_cell.grid_span(usize::from(cell.span));
        }
        if let Some(fill) = cell.tone.map(|tone| tone_fill(tone, self.style)) {
            table_cell = table_cell.shading(Shading::new().shd_type(ShdType::Clear).fill(fill));
        }
        table_cell
    }
}

/// The fill that shows a tone: RAG ratings, and the shading of header and group rows.
fn tone_fill(tone: Tone, style: &HouseStyle) -> &str {
    let colours = &style.colours;
    match tone {
        Tone::Red => colours.red.hex(),
        Tone::Amber => colours.amber.hex(),
        Tone::Green => colours.green.hex(),
        Tone::Shade => colours.shade.hex(),
    }
}
