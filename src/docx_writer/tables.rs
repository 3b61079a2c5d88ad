//! Form-like tables: the front page's field table and label-and-value lists.

use docx_rs::{
    LineSpacing, Paragraph, Shading, ShdType, Table, TableBorders, TableCell, TableRow, WidthType,
};

use super::styles::{FORM_TABLE, LAYOUT_TABLE, text_width};
use super::text::{inlines, text_run};
use super::{BodyChild, DocxWriter};
use crate::model::{FieldRow, LabelledRow};
use crate::style::HouseStyle;

/// The label column of a labelled list.
const LABEL_WIDTH: usize = 2041;

impl DocxWriter<'_> {
    /// The front page's form: each field a shaded label row above a row holding its value.
    pub(super) fn field_table(&mut self, rows: &[FieldRow], beside: bool) -> Table {
        let mut table_rows = Vec::new();
        let width = text_width(self.style, false);
        if beside {
            // A third of the width for the labels, as a form's two columns print.
            let label_width = width / 3;
            for row in rows {
                let label = TableCell::new()
                    .width(label_width, WidthType::Dxa)
                    .add_paragraph(
                        Paragraph::new()
                            .line_spacing(cell_spacing())
                            .add_run(text_run(&row.label).bold()),
                    );
                let value = self
                    .field_value(row)
                    .width(width - label_width, WidthType::Dxa);
                table_rows.push(TableRow::new(vec![label, value]).cant_split());
            }
            return Table::new(table_rows)
                .set_grid(vec![label_width, width - label_width])
                .width(width, WidthType::Dxa)
                .set_borders(TableBorders::with_empty())
                .style(FORM_TABLE);
        }
        for row in rows {
            let label = field_label(&row.label, self.style);
            table_rows.push(TableRow::new(vec![label]).cant_split());
            let value = self.field_value(row);
            table_rows.push(TableRow::new(vec![value]));
        }
        Table::new(table_rows)
            .set_grid(vec![width])
            .width(width, WidthType::Dxa)
            .set_borders(TableBorders::with_empty())
            .style(FORM_TABLE)
    }

    /// A field's value: its blocks, tightly spaced, or one empty paragraph if it has none.
    fn field_value(&mut self, row: &FieldRow) -> TableCell {
        let mut value_blocks = Vec::new();
        self.blocks_into(&row.blocks, 0, &mut value_blocks);
        let width = text_width(self.style, false);
        let mut value = TableCell::new().width(width, WidthType::Dxa);
        if value_blocks.is_empty() {
            value = value.add_paragraph(Paragraph::new().line_spacing(cell_spacing()));
        }
        for child in value_blocks {
            value = match child {
                BodyChild::Paragraph(paragraph) => {
                    value.add_paragraph(paragraph.line_spacing(cell_spacing()))
                }
                BodyChild::Table(table) => value.add_table(*table),
            };
        }
        value
    }
}

/// A field's label: bold on the label shading, kept with its value.
fn field_label(label: &str, style: &HouseStyle) -> TableCell {
    TableCell::new()
        .width(text_width(style, false), WidthType::Dxa)
        .shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .fill(style.colours.shade.hex()),
        )
        .add_paragraph(
            Paragraph::new()
                .keep_next(true)
                .line_spacing(cell_spacing())
                .add_run(text_run(label).bold()),
        )
}

/// Paragraph spacing inside the front-page table: tight, as on the council's form. Set on each
/// paragraph as well as in the table's style, because a value's own paragraph style (a title,
/// a list) would otherwise win over the table's.
fn cell_spacing() -> LineSpacing {
    LineSpacing::new().before(40).after(40)
}

/// Labels and values side by side without borders, filling the text width from `indent`.
pub(super) fn labelled_table(rows: &[LabelledRow], indent: i32, style: &HouseStyle) -> Table {
    let rest = text_width(style, false)
        .saturating_sub(LABEL_WIDTH)
        .saturating_sub(indent.max(0) as usize);
    let rows = rows
        .iter()
        .map(|row| {
            TableRow::new(vec![
                TableCell::new()
                    .width(LABEL_WIDTH, WidthType::Dxa)
                    .add_paragraph(Paragraph::new().add_run(text_run(&row.label))),
                TableCell::new()
                    .width(rest, WidthType::Dxa)
                    .add_paragraph(inlines(Paragraph::new(), &row.content, style)),
            ])
        })
        .collect();
    Table::new(rows)
        .set_grid(vec![LABEL_WIDTH, rest])
        .set_borders(TableBorders::with_empty())
        .style(LAYOUT_TABLE)
        .indent(indent)
}
