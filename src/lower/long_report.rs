//! Lowering a long report: cover, generated contents, summary, numbered sections and
//! sub-sections, and each body item (text, quotes, call-outs, tables, charts, structures,
//! action plans), with figures from the report's figures file.

use serde_saphyr::Spanned;

use super::action_plan::action_plan_blocks;
use super::charts::category_chart;
use super::{Counter, body_blocks, number, parse_number};
use crate::content::figures::Unit;
use crate::content::long_report::{
    BodyItem, LongReport, Part, StructureNodeDefinition, TableChart, TableChartKind,
};
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::figures::Figures;
use crate::format;
use crate::markdown::parse_inlines;
use crate::model::{
    Block, Callout, Cell, ChartKind, ChartNumbers, ContentsEntry, Document, Inline, Metadata,
    Number, Structure, StructureNode, Table, TableRow,
};
use crate::narrative::Narrative;
use crate::style::HouseStyle;

/// Heading level of the numbered sections (the title is level 1).
const SECTION_LEVEL: u8 = 2;

struct Lowering<'a> {
    /// The house style (its date patterns).
    style: &'a HouseStyle,
    source: &'a SourceFile,
    narrative: &'a Narrative,
    figures: Option<&'a Figures>,
    diagnostics: Vec<Diagnostic>,
    contents: Vec<ContentsEntry>,
}

impl super::Paper for LongReport {
    fn lower(
        &self,
        source: &SourceFile,
        resolve: &mut dyn super::Resolve,
    ) -> Result<Document, Vec<Diagnostic>> {
        let (narrative, figures) = super::narrative_with(resolve, source, self.figures.as_ref())?;
        lower_long_report(
            self,
            source,
            &narrative,
            figures.as_deref(),
            resolve.style(),
        )
    }
}

/// Lower a long report, or return every problem found.
pub fn lower_long_report(
    report: &LongReport,
    source: &SourceFile,
    narrative: &Narrative,
    figures: Option<&Figures>,
    style: &HouseStyle,
) -> Result<Document, Vec<Diagnostic>> {
    let mut lowering = Lowering {
        style,
        source,
        narrative,
        figures,
        diagnostics: Vec::new(),
        contents: Vec::new(),
    };
    let mut body = Vec::new();
    if let Some(summary) = &report.summary {
        lowering.part(summary, None, SECTION_LEVEL, &mut body);
    }
    let mut counter = Counter::new(Vec::new());
    for section in &report.sections {
        lowering.part(section, Some(&mut counter), SECTION_LEVEL, &mut body);
    }
    if let Some(signature) = &report.signature {
        let mut content = vec![Inline::Strong {
            content: vec![Inline::text(signature.name.clone())],
        }];
        for line in [&signature.role, &signature.service].into_iter().flatten() {
            content.push(Inline::LineBreak);
            content.push(Inline::text(line.clone()));
        }
        body.push(Block::Paragraph { content });
    }

    let mut blocks: Vec<Block> = report
        .cover
        .iter()
        .map(|line| Block::Paragraph {
            content: vec![Inline::Strong {
                content: vec![Inline::text(line.clone())],
            }],
        })
        .collect();
    blocks.push(Block::Heading {
        level: 1,
        number: None,
        content: vec![Inline::text(report.title.clone())],
    });
    if let Some(title) = &report.contents {
        blocks.push(Block::PageBreak);
        blocks.push(Block::Contents {
            title: title.clone(),
            entries: std::mem::take(&mut lowering.contents),
        });
    }
    blocks.push(Block::PageBreak);
    blocks.extend(body);

    if lowering.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(lowering.diagnostics);
    }
    Ok(Document {
        metadata: Metadata {
            title: report.title.to_string(),
            authors: report
                .signature
                .as_ref()
                .map(|s| s.name.clone())
                .into_iter()
                .collect(),
            description: report.cover.first().cloned(),
            keywords: Vec::new(),
            date: None,
        },
        running_header: None,
        blocks,
    })
}

impl Lowering<'_> {
    /// A part: anchor, heading (numbered unless the summary or `numbered: false`), body,
    /// sub-sections.
    fn part(
        &mut self,
        spanned: &Spanned<Part>,
        counter: Option<&mut Counter>,
        level: u8,
        blocks: &mut Vec<Block>,
    ) {
        let part = &spanned.value;
        let explicit = match &part.number {
            Some(text) => match parse_number(&text.0) {
                Some(parts) => Some((parts, text.0.trim().to_string())),
                None => {
                    self.diagnostics.push(
                        Diagnostic::error(format!("`{}` is not a section number", text.0))
                            .at(self.source.location_of(spanned))
                            .expected("numbers joined by dots, e.g. \"7\" or \"2.1\""),
                    );
                    None
                }
            },
            None => None,
        };
        let numbered = part.numbered != Some(false);
        let section_number: Option<Number> = match counter {
            Some(counter) if numbered => {
                let parts = counter.next(explicit.as_ref().map(|(parts, _)| parts.clone()));
                // A number set by hand prints as written ("2.1." keeps its full stop).
                Some(match explicit {
                    Some((_, text)) => Number { parts, text },
                    None => number(parts),
                })
            }
            _ => None,
        };
        let anchor = format!("part-{}", self.contents.len() + 1);
        self.contents.push(ContentsEntry {
            number: section_number.as_ref().map(|n| n.text.clone()),
            text: part.title.to_string(),
            level: level - 1,
            anchor: anchor.clone(),
        });
        blocks.push(Block::Anchor { id: anchor });
        blocks.push(Block::Heading {
            level,
            number: section_number.clone(),
            content: vec![Inline::text(part.title.clone())],
        });
        for item in &part.body {
            self.body_item(item, level, blocks);
        }
        let mut sub_counter = Counter::new(
            section_number
                .as_ref()
                .map(|n| n.parts.clone())
                .unwrap_or_default(),
        );
        for subsection in &part.subsections {
            let counter = section_number.as_ref().map(|_| &mut sub_counter);
            self.part(subsection, counter, level + 1, blocks);
        }
    }

    fn body_item(&mut self, spanned: &Spanned<BodyItem>, level: u8, blocks: &mut Vec<Block>) {
        match &spanned.value {
            BodyItem::Text(text) => blocks.extend(body_blocks(
                self.narrative,
                self.source,
                text,
                Some(spanned),
                &mut self.diagnostics,
            )),
            BodyItem::Heading(heading) => blocks.push(Block::Heading {
                level: level + 1,
                number: None,
                content: vec![Inline::text(heading.clone())],
            }),
            BodyItem::Quote { quote, attribution } => {
                let mut quoted = body_blocks(
                    self.narrative,
                    self.source,
                    quote,
                    Some(spanned),
                    &mut self.diagnostics,
                );
                if let Some(attribution) = attribution {
                    quoted.push(Block::plain(attribution.clone()));
                }
                blocks.push(Block::Quote { blocks: quoted });
            }
            BodyItem::Callouts(callouts) => {
                let quotes = callouts
                    .iter()
                    .map(|callout| {
                        let rendered = self
                            .narrative
                            .render_str(&callout.quote, self.source, Some(spanned))
                            .unwrap_or_else(|problems| {
                                self.diagnostics.extend(problems);
                                String::new()
                            });
                        Callout {
                            content: parse_inlines(&rendered),
                            attribution: callout.attribution.clone(),
                        }
                    })
                    .collect();
                blocks.push(Block::Callouts { quotes });
            }
            BodyItem::Table(name) => {
                if let Some(table) = self.table(name, spanned) {
                    blocks.push(Block::Table(Box::new(table)));
                }
            }
            BodyItem::Chart(chart) => self.chart(chart, spanned, blocks),
            BodyItem::Structure(structure) => {
                let root = structure_node(&structure.root);
                let mut alt = format!("Structure chart, {}: ", structure.title);
                describe(&root, None, &mut alt);
                blocks.push(Block::Structure(Box::new(Structure {
                    title: structure.title.clone(),
                    alt: alt.trim_end().to_string(),
                    root,
                })));
            }
            BodyItem::ActionPlan(plan) => {
                blocks.extend(action_plan_blocks(plan, level + 1, self.style))
            }
            BodyItem::PageBreak => blocks.push(Block::PageBreak),
        }
    }

    /// A chart of a figures table's column, drawn as the author chose.
    fn chart(&mut self, chart: &TableChart, spanned: &Spanned<BodyItem>, blocks: &mut Vec<Block>) {
        let Some(table) = self.figure_table(&chart.table, spanned) else {
            return;
        };
        let values: Vec<(String, Option<f64>)> = match chart.column {
            None => table.series.clone(),
            Some(column) => self
                .figures
                .and_then(|figures| figures.tables.get(&chart.table))
                .map(|table| {
                    table
                        .rows
                        .iter()
                        .zip(&table.values)
                        .filter_map(|(row, values)| {
                            let value = values.get(column).copied().flatten();
                            Some((row.first()?.clone(), value))
                        })
                        .collect()
                })
                .unwrap_or_default(),
        };
        if !values.iter().any(|(_, value)| value.is_some()) {
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "the chart of `{}` has no figures to draw",
                    chart.table
                ))
                .at(self.source.location_of(spanned))
                .hint(
                    "a chart draws a column of numbers; choose a table (or `column`) that has some",
                ),
            );
            return;
        }
        let kind = match chart.kind {
            TableChartKind::Bar => ChartKind::Bar,
            TableChartKind::Hbar => ChartKind::HorizontalBar,
            TableChartKind::Line => ChartKind::Line,
        };
        let unit = chart.unit.unwrap_or(Unit::Count);
        let numbers = self.style.numbers.clone();
        let show = move |value: f64| {
            let british = match unit {
                Unit::Percent => format::percent(value, 1),
                Unit::Count => format::number(value, if value.fract() == 0.0 { 0 } else { 1 }),
                Unit::Rate | Unit::Average => format::number(value, 1),
            };
            format::localised(&british, &numbers)
        };
        let has_fractions = values
            .iter()
            .any(|(_, value)| value.is_some_and(|value| value.fract() != 0.0));
        let numbers = ChartNumbers {
            decimal_places: match unit {
                Unit::Count if !has_fractions => 0,
                _ => 1,
            },
            percent: unit == Unit::Percent,
        };
        blocks.push(Block::Chart(Box::new(category_chart(
            kind,
            &chart.title,
            &values,
            numbers,
            show,
        ))));
    }

    fn figure_table(
        &mut self,
        name: &str,
        spanned: &Spanned<BodyItem>,
    ) -> Option<&crate::figures::tables::FigureTable> {
        let Some(figures) = self.figures else {
            self.diagnostics.push(
                Diagnostic::error(format!("the table `{name}` needs a figures file"))
                    .at(self.source.location_of(spanned))
                    .hint("add `figures:` with the file that defines it under `tables:`"),
            );
            return None;
        };
        let found = figures.tables.get(name);
        if found.is_none() {
            let mut problem = Diagnostic::error(format!("no table is called `{name}`"))
                .at(self.source.location_of(spanned));
            if let Some(suggestion) = did_you_mean(name, figures.tables.keys().map(String::as_str))
            {
                problem = problem.hint(format!("did you mean `{suggestion}`?"));
            }
            self.diagnostics.push(problem);
        }
        found
    }

    /// A figures table as a document table: header, rows, and the total row in bold.
    fn table(&mut self, name: &str, spanned: &Spanned<BodyItem>) -> Option<Table> {
        let table = self.figure_table(name, spanned)?.clone();
        let numbers = &self.style.numbers;
        // A cell holding a figure is printed in the house style's numbers; text as it is.
        let cells = |row: &[String], values: Option<&Vec<Option<f64>>>, strong: bool| {
            row.iter()
                .enumerate()
                .map(|(index, text)| {
                    let figure =
                        values.is_none_or(|values| values.get(index).is_some_and(Option::is_some));
                    let shown = if figure {
                        format::localised(text, numbers)
                    } else {
                        text.clone()
                    };
                    Cell {
                        strong,
                        ..if index == 0 {
                            Cell::text(text.clone())
                        } else {
                            Cell::number(shown)
                        }
                    }
                })
                .collect::<Vec<Cell>>()
        };
        let mut rows: Vec<TableRow> = table
            .rows
            .iter()
            .enumerate()
            .map(|(index, row)| TableRow::Cells {
                cells: cells(row, table.values.get(index), false),
            })
            .collect();
        if let Some(total) = &table.total_row {
            // The total row holds figures, but its first cell ("Total").
            rows.push(TableRow::Cells {
                cells: cells(total, None, true),
            });
        }
        let mut widths = vec![4.0];
        widths.extend(std::iter::repeat_n(
            1.2,
            table.columns.len().saturating_sub(1),
        ));
        Some(Table {
            widths,
            header: vec![
                table
                    .columns
                    .iter()
                    .map(|c| Cell::header(c.clone()))
                    .collect(),
            ],
            rows,
            font_size: 10.0,
        })
    }
}

fn structure_node(definition: &StructureNodeDefinition) -> StructureNode {
    StructureNode {
        label: definition.label.clone(),
        children: definition.children.iter().map(structure_node).collect(),
    }
}

/// "Head of Service; IRO Service Manager, reporting to Head of Service; …".
fn describe(node: &StructureNode, parent: Option<&str>, out: &mut String) {
    match parent {
        None => out.push_str(&format!("{} at the top", node.label)),
        Some(parent) => out.push_str(&format!("; {}, reporting to {parent}", node.label)),
    }
    for child in &node.children {
        describe(child, Some(&node.label), out);
    }
    if parent.is_none() {
        out.push('.');
    }
}
