//! Tables of figures as HTML tables: header cells with their scope, groups of rows under a
//! heading of their own, and a region that scrolls on a narrow screen and takes the keyboard.

use crate::escape::html_text;
use crate::model::{Cell, CellAlign, Table, TableRow, Tone};

use super::blocks::BodyWriter;

impl BodyWriter<'_> {
    /// Opens a scrolling region (a `section`, which the keyboard can scroll), named by the
    /// heading above it, or by `name` when given (a chart's data); a second region under the
    /// same heading is numbered, so that every region's name is its own.
    pub(super) fn open_region(&mut self, class: &str, name: &str) {
        let (name, labelled_by) = match &self.last_heading {
            _ if !name.is_empty() => (name.to_string(), None),
            Some((id, text)) if !self.region_names.contains(text) => {
                (text.clone(), Some(id.clone()))
            }
            Some((_, text)) => (text.clone(), None),
            None => ("Table".to_string(), None),
        };
        let mut unique = name.clone();
        let mut count = 1;
        while self.region_names.contains(&unique) {
            count += 1;
            unique = format!("{name} ({count})");
        }
        self.region_names.insert(unique.clone());
        let name = match labelled_by {
            Some(id) if unique == name => format!("aria-labelledby=\"{id}\""),
            _ => format!("aria-label=\"{}\"", html_text(&unique)),
        };
        self.out.push_str(&format!(
            "<section class=\"{class}\" tabindex=\"0\" {name}>\n"
        ));
    }

    pub(super) fn table(&mut self, table: &Table) {
        let columns = table
            .header
            .iter()
            .chain(table.rows.iter().filter_map(|row| match row {
                TableRow::Cells { cells } => Some(cells),
                TableRow::Group { .. } => None,
            }))
            .map(|cells| cells.iter().map(|cell| usize::from(cell.span.max(1))).sum())
            .max()
            .unwrap_or(1);
        self.open_region("table-wrap", "");
        let small = if table.font_size < self.style.body_size.points() as f32 - 1.0 {
            " class=\"small\""
        } else {
            ""
        };
        self.out.push_str(&format!("<table{small}>\n"));
        if !table.header.is_empty() {
            self.out.push_str("<thead>\n");
            for row in &table.header {
                self.out.push_str("<tr>");
                for cell in row {
                    let scope = if cell.span > 1 { "colgroup" } else { "col" };
                    self.cell("th", Some(scope), cell);
                }
                self.out.push_str("</tr>\n");
            }
            self.out.push_str("</thead>\n");
        }
        // Each group of rows is a body of its own, headed by the group's row.
        self.out.push_str("<tbody>\n");
        let mut first = true;
        for row in &table.rows {
            match row {
                TableRow::Group { text } => {
                    if !first {
                        self.out.push_str("</tbody>\n<tbody>\n");
                    }
                    self.out.push_str(&format!(
                        "<tr class=\"group\"><th colspan=\"{columns}\" scope=\"rowgroup\">{}</th></tr>\n",
                        html_text(text)
                    ));
                }
                TableRow::Cells { cells } => {
                    self.out.push_str("<tr>");
                    for cell in cells {
                        self.cell("td", None, cell);
                    }
                    self.out.push_str("</tr>\n");
                }
            }
            first = false;
        }
        self.out.push_str("</tbody>\n</table>\n</section>\n");
    }

    fn cell(&mut self, element: &str, scope: Option<&str>, cell: &Cell) {
        let mut classes = Vec::new();
        match cell.align {
            CellAlign::Left => {}
            CellAlign::Center => classes.push("align-center"),
            CellAlign::Right => classes.push("align-right"),
        }
        if let Some(tone) = cell.tone {
            classes.push(match tone {
                Tone::Red => "tone-red",
                Tone::Amber => "tone-amber",
                Tone::Green => "tone-green",
                Tone::Shade => "tone-shade",
            });
        }
        if cell.strong && element == "td" {
            classes.push("strong");
        }
        let mut attributes = String::new();
        if let Some(scope) = scope {
            attributes.push_str(&format!(" scope=\"{scope}\""));
        }
        if cell.span > 1 {
            attributes.push_str(&format!(" colspan=\"{}\"", cell.span));
        }
        if !classes.is_empty() {
            attributes.push_str(&format!(" class=\"{}\"", classes.join(" ")));
        }
        self.out.push_str(&format!(
            "<{element}{attributes}>{}</{element}>",
            html_text(&cell.text)
        ));
    }
}
