//! The Word writer: the document model as a DOCX with named styles, real Word numbering and a
//! "Page N" footer, in the council's house style.

mod numbering;
mod package;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Hyperlink, HyperlinkType,
    IndentLevel, Level, LevelJc, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering,
    NumberingId, PageMargin, PageNum, PageOrientationType, PageSize, Paragraph, Pic, Run, RunFonts,
    SectionProperty, Shading, ShdType, SpecialIndentType, Start, Style, StyleType, Table,
    TableBorders, TableCell, TableCellMargins, TableRow, WidthType,
};

use crate::diagnostics::Diagnostic;
use crate::escape::xml_safe;
use crate::format;
use crate::model::{
    Alignment, Block, Chart, Document, FieldRow, Inline, LabelledRow, Number, Structure,
};
use numbering::{HouseNumbering, LIST_BULLET_ABSTRACT, LIST_ORDERED_ABSTRACT};

/// The house font. Liberation Sans, bundled for the PDF, has Arial's metrics.
pub const FONT: &str = "Arial";
/// Body size in half-points (12 pt).
const BODY_SIZE: usize = 24;
/// A4 width minus 2.54 cm margins each side, in twentieths of a point.
const TEXT_WIDTH: usize = 9026;
/// The hanging number column: 1.25 cm, or 1.6 cm for three-part numbers ("3.2.1").
const NUMBER_COLUMN: i32 = 709;
const WIDE_NUMBER_COLUMN: i32 = 907;
const LIST_INDENT: i32 = 567;
const LIST_HANG: i32 = 284;
const LABEL_FILL: &str = "DBE5F1";

/// Style ids used in the document.
pub mod styles {
    /// Heading styles by outline level: the title, sections ("1. Background"), sub-headings
    /// ("3.2 Looked After Children Profile"), and one more level for documents in a pack.
    pub const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];

    /// The heading style for a model heading level (1-based), clamped to the deepest style.
    pub fn heading(level: u8) -> &'static str {
        HEADINGS[usize::from(level.clamp(1, HEADINGS.len() as u8)) - 1]
    }
    /// First banner line ("Public Report").
    pub const TITLE: &str = "Title";
    /// Further banner lines (the committee).
    pub const SUBTITLE: &str = "Subtitle";
    /// Quoted text.
    pub const QUOTE: &str = "Quote";
    /// Footer text.
    pub const FOOTER: &str = "Footer";
}

/// A picture for a Word file: PNG bytes and its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Draws the charts and structure diagrams a Word file shows as pictures. The house style draws
/// them for the PDF too; the caller passes a drawer so that this writer depends on no other.
pub trait DrawCharts {
    /// The chart as a picture.
    fn chart(&self, chart: &Chart) -> Result<Picture, Vec<Diagnostic>>;
    /// The structure diagram as a picture.
    fn structure(&self, structure: &Structure) -> Result<Picture, Vec<Diagnostic>>;
}

/// Write a document as DOCX bytes, its charts drawn by `drawings`.
pub fn write_docx(
    document: &Document,
    drawings: &dyn DrawCharts,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let mut writer = DocxWriter {
        drawings,
        numbering: HouseNumbering::new(),
        ordered_lists: Vec::new(),
        body: Vec::new(),
        image_alts: Vec::new(),
        landscape: false,
        bookmarks: Vec::new(),
        problems: Vec::new(),
    };
    writer.blocks(&document.blocks, 0);
    if !writer.problems.is_empty() {
        return Err(writer.problems);
    }
    let mut docx = house_styles(Docx::new())
        .page_size(A4_SHORT, A4_LONG)
        .page_margin(page_margin())
        .footer(footer());
    docx = writer.numbering.register(docx);
    for (num_id, start) in &writer.ordered_lists {
        docx = docx.add_numbering(
            Numbering::new(*num_id, LIST_ORDERED_ABSTRACT)
                .add_override(docx_rs::LevelOverride::new(0).start(*start as usize)),
        );
    }
    docx = docx.add_numbering(Numbering::new(numbering::BULLET_NUM, LIST_BULLET_ABSTRACT));
    for child in writer.body {
        docx = match child {
            BodyChild::Paragraph(paragraph) => docx.add_paragraph(*paragraph),
            BodyChild::Table(table) => docx.add_table(*table),
        };
    }
    Ok(package::finish(
        docx,
        &document.metadata,
        &writer.image_alts,
    ))
}

/// A4 in twentieths of a point.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
/// Landscape text width: A4's long side less the margins.
const LANDSCAPE_TEXT_WIDTH: usize = 13958;
/// docx-rs names the document's one footer part so; section breaks refer to it again.
const FOOTER_RELATIONSHIP: &str = "rIdFooter1";

fn page_margin() -> PageMargin {
    PageMargin::new()
        .top(1440)
        .bottom(1588)
        .left(1440)
        .right(1440)
        .footer(567)
        .header(567)
}

fn footer() -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .style(styles::FOOTER)
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text("Page "))
            .add_page_num(PageNum::new()),
    )
}

/// A paragraph that ends a section laid out portrait or landscape (Word keeps a section's
/// page setup in the paragraph that closes it).
fn section_end(landscape: bool) -> Paragraph {
    let (width, height, orientation) = if landscape {
        (A4_LONG, A4_SHORT, PageOrientationType::Landscape)
    } else {
        (A4_SHORT, A4_LONG, PageOrientationType::Portrait)
    };
    Paragraph::new().section_property(
        SectionProperty::new()
            .page_size(PageSize::new().size(width, height).orient(orientation))
            .page_orient(orientation)
            .page_margin(page_margin())
            .footer(footer(), FOOTER_RELATIONSHIP),
    )
}

/// Named styles: Normal (Arial 12) comes from the document defaults; headings carry outline levels.
fn house_styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(BODY_SIZE)
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(280).after(160))
    };
    docx.default_fonts(
        RunFonts::new()
            .ascii(FONT)
            .hi_ansi(FONT)
            .cs(FONT)
            .east_asia(FONT),
    )
    .default_size(BODY_SIZE)
    .default_line_spacing(
        LineSpacing::new()
            .after(200)
            .line(264)
            .line_rule(LineSpacingType::Auto),
    )
    .add_style(heading(styles::HEADINGS[0], "heading 1", 0))
    .add_style(heading(styles::HEADINGS[1], "heading 2", 1))
    .add_style(heading(styles::HEADINGS[2], "heading 3", 2))
    .add_style(heading(styles::HEADINGS[3], "heading 4", 3))
    .add_style(
        Style::new(styles::TITLE, StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .q_format(true)
            .bold()
            .size(40),
    )
    .add_style(
        Style::new(styles::SUBTITLE, StyleType::Paragraph)
            .name("Subtitle")
            .based_on("Normal")
            .q_format(true)
            .bold()
            .size(28),
    )
    .add_style(
        Style::new(styles::QUOTE, StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .q_format(true)
            .indent(Some(567), None, Some(567), None),
    )
    .add_style(
        Style::new(styles::FOOTER, StyleType::Paragraph)
            .name("footer")
            .based_on("Normal")
            .size(20),
    )
    .add_abstract_numbering(list_abstract(LIST_BULLET_ABSTRACT, "bullet", "•"))
    .add_abstract_numbering(list_abstract(LIST_ORDERED_ABSTRACT, "decimal", "%1."))
}

fn list_abstract(id: usize, format: &str, text: &str) -> AbstractNumbering {
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(LIST_INDENT),
            Some(SpecialIndentType::Hanging(LIST_HANG)),
            None,
            None,
        ),
    )
}

enum BodyChild {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

impl BodyChild {
    fn paragraph(paragraph: Paragraph) -> Self {
        BodyChild::Paragraph(Box::new(paragraph))
    }
}

struct DocxWriter<'a> {
    /// Draws charts and structure diagrams.
    drawings: &'a dyn DrawCharts,
    numbering: HouseNumbering,
    /// (num id, start) of each Markdown numbered list, registered at the end.
    ordered_lists: Vec<(usize, u32)>,
    body: Vec<BodyChild>,
    /// The text alternative of each image, in document order (docx-rs cannot write them).
    image_alts: Vec<String>,
    /// Whether blocks are being written into a landscape section.
    landscape: bool,
    /// Bookmarks written so far (anchors for the contents page).
    bookmarks: Vec<String>,
    /// Drawings that could not be rendered.
    problems: Vec<Diagnostic>,
}

/// Where blocks are being written: the body, or a table cell.
type Sink = Vec<BodyChild>;

impl DocxWriter<'_> {
    fn blocks(&mut self, blocks: &[Block], indent: i32) {
        let mut sink = std::mem::take(&mut self.body);
        self.blocks_into(blocks, indent, &mut sink);
        self.body = sink;
    }

    fn blocks_into(&mut self, blocks: &[Block], indent: i32, sink: &mut Sink) {
        for block in blocks {
            self.block(block, indent, sink);
        }
    }

    fn block(&mut self, block: &Block, indent: i32, sink: &mut Sink) {
        match block {
            Block::Heading {
                level,
                number,
                content,
            } => {
                let style = styles::heading(*level);
                let mut paragraph = inlines(Paragraph::new().style(style).keep_next(true), content);
                if let Some(number) = number {
                    paragraph = self.number(paragraph, number);
                }
                sink.push(BodyChild::paragraph(paragraph));
            }
            Block::FieldHeading { level, content } => {
                let mut paragraph = Paragraph::new().style(styles::heading(*level));
                append_inlines(
                    &mut paragraph,
                    content,
                    RunStyle {
                        regular: true,
                        ..RunStyle::default()
                    },
                );
                sink.push(BodyChild::paragraph(paragraph));
            }
            Block::Paragraph { content } => {
                sink.push(BodyChild::paragraph(inlines(
                    indented(Paragraph::new(), indent),
                    content,
                )));
            }
            Block::Numbered { number, blocks } => {
                let column = number_column(number);
                let mut rest = blocks.as_slice();
                // The number goes on the first paragraph; the rest hang at the same indent.
                if let Some(Block::Paragraph { content }) = rest.first() {
                    let paragraph = self.number(inlines(Paragraph::new(), content), number);
                    sink.push(BodyChild::paragraph(paragraph));
                    rest = &rest[1..];
                } else {
                    let paragraph = self.number(Paragraph::new(), number);
                    sink.push(BodyChild::paragraph(paragraph));
                }
                self.blocks_into(rest, indent + column, sink);
            }
            Block::BulletList { items } => {
                for item in items {
                    self.list_item(item, numbering::BULLET_NUM, indent, sink);
                }
            }
            Block::OrderedList { start, items } => {
                let num_id = self.numbering.allocate_id();
                self.ordered_lists.push((num_id, *start));
                for item in items {
                    self.list_item(item, num_id, indent, sink);
                }
            }
            Block::Quote { blocks } => {
                let mut quoted = Vec::new();
                self.blocks_into(blocks, indent, &mut quoted);
                for child in quoted {
                    sink.push(match child {
                        BodyChild::Paragraph(paragraph) => {
                            BodyChild::paragraph(paragraph.style(styles::QUOTE))
                        }
                        table => table,
                    });
                }
            }
            Block::Banner { lines } => {
                for (index, line) in lines.iter().enumerate() {
                    let style = if index == 0 {
                        styles::TITLE
                    } else {
                        styles::SUBTITLE
                    };
                    sink.push(BodyChild::paragraph(
                        Paragraph::new()
                            .style(style)
                            .add_run(Run::new().add_text(xml_safe(line))),
                    ));
                }
            }
            Block::FieldTable { rows } => {
                sink.push(BodyChild::Table(Box::new(self.field_table(rows))))
            }
            Block::LabelledList { rows } => {
                sink.push(BodyChild::Table(Box::new(labelled_table(rows, indent))));
            }
            Block::Indented { blocks } => self.blocks_into(blocks, indent + NUMBER_COLUMN, sink),
            Block::Aligned { align, blocks } => {
                let alignment = match align {
                    Alignment::Right => AlignmentType::Right,
                    Alignment::Center => AlignmentType::Center,
                };
                let mut aligned = Vec::new();
                self.blocks_into(blocks, indent, &mut aligned);
                for child in aligned {
                    sink.push(match child {
                        BodyChild::Paragraph(paragraph) => {
                            BodyChild::paragraph(paragraph.align(alignment))
                        }
                        table => table,
                    });
                }
            }
            Block::AgendaItem {
                number,
                title,
                pages,
                description,
                ..
            } => {
                let mut paragraph = Paragraph::new().keep_next(!description.is_empty());
                append_inlines(
                    &mut paragraph,
                    title,
                    RunStyle {
                        bold: true,
                        ..RunStyle::default()
                    },
                );
                if let Some(pages) = pages {
                    paragraph = paragraph
                        .add_run(Run::new().add_text(format!(" {}", format::page_range(*pages))));
                }
                sink.push(BodyChild::paragraph(self.number(paragraph, number)));
                self.blocks_into(description, indent + NUMBER_COLUMN, sink);
            }
            // A supplied PDF has no Word form; its DOCX names it instead.
            Block::PdfPages { title, pages, .. } => sink.push(BodyChild::paragraph(
                Paragraph::new().add_run(Run::new().add_text(xml_safe(&format!(
                    "{title}: supplied as a PDF of {pages} page{}, included in the agenda pack.",
                    if *pages == 1 { "" } else { "s" }
                )))),
            )),
            Block::Table(table) => {
                let page_width = if self.landscape {
                    LANDSCAPE_TEXT_WIDTH
                } else {
                    TEXT_WIDTH
                };
                let width = page_width.saturating_sub(indent.max(0) as usize);
                sink.push(BodyChild::Table(Box::new(data_table(table, width))));
            }
            Block::Chart(chart) => {
                self.picture(&chart.title, &chart.alt, self.drawings.chart(chart), sink);
            }
            Block::Structure(structure) => {
                self.picture(
                    &structure.title,
                    &structure.alt,
                    self.drawings.structure(structure),
                    sink,
                );
            }
            Block::Callouts { quotes } => {
                // In Word each quotation is a quoted paragraph followed by who said it: a row of
                // boxes would be a layout table, which screen readers announce as data.
                for callout in quotes {
                    let has_attribution = callout.attribution.is_some();
                    sink.push(BodyChild::paragraph(
                        append_italic(&callout.content)
                            .style(styles::QUOTE)
                            .keep_next(has_attribution),
                    ));
                    if let Some(attribution) = &callout.attribution {
                        sink.push(BodyChild::paragraph(
                            Paragraph::new()
                                .style(styles::QUOTE)
                                .align(AlignmentType::Right)
                                .add_run(Run::new().bold().add_text(xml_safe(attribution))),
                        ));
                    }
                }
            }
            Block::Anchor { id } => {
                // A bookmark for the contents page's page-number fields.
                let number = self.bookmarks.len() + 1;
                self.bookmarks.push(id.clone());
                sink.push(BodyChild::paragraph(
                    Paragraph::new()
                        .add_bookmark_start(number, id.as_str())
                        .add_bookmark_end(number)
                        .line_spacing(
                            LineSpacing::new()
                                .before(0)
                                .after(0)
                                .line(20)
                                .line_rule(LineSpacingType::Exact),
                        ),
                ));
            }
            Block::Contents { title, entries } => {
                sink.push(BodyChild::paragraph(
                    Paragraph::new()
                        .style(styles::heading(2))
                        .add_run(Run::new().add_text(xml_safe(title))),
                ));
                for entry in entries {
                    let text = match &entry.number {
                        Some(number) => format!("{number} {}", entry.text),
                        None => entry.text.clone(),
                    };
                    // Word fills in the page numbers (the document asks it to update fields).
                    let indent = i32::from(entry.level.saturating_sub(1)) * 567;
                    sink.push(BodyChild::paragraph(
                        Paragraph::new()
                            .indent(Some(indent), None, None, None)
                            .add_tab(
                                docx_rs::Tab::new()
                                    .val(docx_rs::TabValueType::Right)
                                    .leader(docx_rs::TabLeaderType::Dot)
                                    .pos(TEXT_WIDTH),
                            )
                            .add_run(Run::new().add_text(xml_safe(&text)).add_tab())
                            .add_run(Run::new().add_field_char(docx_rs::FieldCharType::Begin, true))
                            .add_run(Run::new().add_instr_text(docx_rs::InstrText::Unsupported(
                                format!(" PAGEREF {} \\h ", entry.anchor),
                            )))
                            .add_run(
                                Run::new().add_field_char(docx_rs::FieldCharType::Separate, false),
                            )
                            .add_run(Run::new().add_text("#"))
                            .add_run(Run::new().add_field_char(docx_rs::FieldCharType::End, false)),
                    ));
                }
            }
            Block::Landscape { blocks } => {
                sink.push(BodyChild::paragraph(section_end(false)));
                let was_landscape = std::mem::replace(&mut self.landscape, true);
                self.blocks_into(blocks, indent, sink);
                self.landscape = was_landscape;
                sink.push(BodyChild::paragraph(section_end(true)));
            }
            Block::PageBreak => sink.push(BodyChild::paragraph(
                Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
            )),
        }
    }

    /// A drawing rendered by the templates (a chart, a structure): its title as text, then the
    /// picture 16 cm wide with its text alternative.
    fn picture(
        &mut self,
        title: &str,
        alt: &str,
        rendered: Result<Picture, Vec<Diagnostic>>,
        sink: &mut Sink,
    ) {
        let Picture { png, width, height } = match rendered {
            Ok(rendered) => rendered,
            Err(problems) => {
                self.problems.extend(problems);
                return;
            }
        };
        // EMU: 360,000 per cm.
        let width_emu = 16 * 360_000;
        let height_emu = (f64::from(width_emu) * f64::from(height) / f64::from(width)) as u32;
        self.image_alts.push(alt.to_string());
        sink.push(BodyChild::paragraph(
            Paragraph::new()
                .keep_next(true)
                .add_run(Run::new().add_text(xml_safe(title)).bold()),
        ));
        sink.push(BodyChild::paragraph(Paragraph::new().add_run(
            Run::new().add_image(Pic::new(&png).size(width_emu, height_emu)),
        )));
    }

    fn list_item(&mut self, item: &[Block], num_id: usize, indent: i32, sink: &mut Sink) {
        let mut rest = item;
        let left = indent + LIST_INDENT;
        let first = match rest.first() {
            Some(Block::Paragraph { content }) => {
                rest = &rest[1..];
                inlines(Paragraph::new(), content)
            }
            _ => Paragraph::new(),
        };
        sink.push(BodyChild::paragraph(
            first
                .numbering(NumberingId::new(num_id), IndentLevel::new(0))
                .indent(
                    Some(left),
                    Some(SpecialIndentType::Hanging(LIST_HANG)),
                    None,
                    None,
                ),
        ));
        self.blocks_into(rest, left, sink);
    }

    /// Attach Word numbering that prints exactly `number`.
    fn number(&mut self, paragraph: Paragraph, number: &Number) -> Paragraph {
        let (num_id, level) = self
            .numbering
            .place(&number.parts, number.text.ends_with('.'));
        paragraph.numbering(NumberingId::new(num_id), IndentLevel::new(level))
    }

    fn field_table(&mut self, rows: &[FieldRow]) -> Table {
        let mut table_rows = Vec::new();
        for row in rows {
            let label = TableCell::new()
                .width(TEXT_WIDTH, WidthType::Dxa)
                .shading(Shading::new().shd_type(ShdType::Clear).fill(LABEL_FILL))
                .add_paragraph(
                    Paragraph::new()
                        .keep_next(true)
                        .line_spacing(cell_spacing())
                        .add_run(Run::new().bold().add_text(xml_safe(&row.label))),
                );
            table_rows.push(TableRow::new(vec![label]).cant_split());
            let mut value_blocks = Vec::new();
            self.blocks_into(&row.blocks, 0, &mut value_blocks);
            let mut value = TableCell::new().width(TEXT_WIDTH, WidthType::Dxa);
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
            table_rows.push(TableRow::new(vec![value]));
        }
        Table::new(table_rows)
            .set_grid(vec![TEXT_WIDTH])
            .width(TEXT_WIDTH, WidthType::Dxa)
    }
}

/// A data table: shaded repeating header row, group rows across the table, RAG and direction
/// of travel in colour and in words.
fn data_table(table: &crate::model::Table, text_width: usize) -> Table {
    let total: f32 = table.widths.iter().sum();
    let grid: Vec<usize> = table
        .widths
        .iter()
        .map(|width| (width / total * text_width as f32) as usize)
        .collect();
    let size = (table.font_size * 2.0).round() as usize;
    let cell = |cell: &crate::model::Cell, column: usize| {
        let width: usize = grid[column..(column + usize::from(cell.span)).min(grid.len())]
            .iter()
            .sum();
        let alignment = match cell.align {
            crate::model::CellAlign::Left => AlignmentType::Left,
            crate::model::CellAlign::Center => AlignmentType::Center,
            crate::model::CellAlign::Right => AlignmentType::Right,
        };
        let mut run = Run::new().add_text(xml_safe(&cell.text)).size(size);
        if cell.strong {
            run = run.bold();
        }
        let mut table_cell = TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .align(alignment)
                .line_spacing(LineSpacing::new().before(0).after(0).line(220))
                .add_run(run),
        );
        if cell.span > 1 {
            table_cell = table_cell.grid_span(usize::from(cell.span));
        }
        if let Some(fill) = cell.tone.map(tone_fill) {
            table_cell = table_cell.shading(Shading::new().shd_type(ShdType::Clear).fill(fill));
        }
        table_cell
    };
    let mut rows = Vec::new();
    for header in &table.header {
        let mut column = 0;
        let cells = header
            .iter()
            .map(|header_cell| {
                let mut shaded = header_cell.clone();
                shaded.tone = Some(crate::model::Tone::Shade);
                let made = cell(&shaded, column);
                column += usize::from(header_cell.span);
                made
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    for row in &table.rows {
        match row {
            crate::model::TableRow::Group { text } => {
                let mut group = crate::model::Cell::text(text.clone());
                group.span = grid.len() as u16;
                group.strong = true;
                group.tone = Some(crate::model::Tone::Shade);
                rows.push(TableRow::new(vec![cell(&group, 0)]).cant_split());
            }
            crate::model::TableRow::Cells { cells } => {
                let mut column = 0;
                let made = cells
                    .iter()
                    .map(|table_cell| {
                        let made = cell(table_cell, column);
                        column += usize::from(table_cell.span);
                        made
                    })
                    .collect();
                rows.push(TableRow::new(made).cant_split());
            }
        }
    }
    Table::new(rows)
        .set_grid(grid.clone())
        .width(grid.iter().sum(), WidthType::Dxa)
        .margins(TableCellMargins::new().margin(20, 40, 20, 40))
        .style(package::DATA_TABLE_STYLE)
}

fn tone_fill(tone: crate::model::Tone) -> &'static str {
    match tone {
        crate::model::Tone::Red => "F4A6A6",
        crate::model::Tone::Amber => "FFD97A",
        crate::model::Tone::Green => "A9D18E",
        crate::model::Tone::Shade => LABEL_FILL,
    }
}

/// Paragraph spacing inside the front-page table: tight, as on the council's form.
fn cell_spacing() -> LineSpacing {
    LineSpacing::new().before(40).after(40)
}

fn labelled_table(rows: &[LabelledRow], indent: i32) -> Table {
    let label_width = 2041;
    let rest = TEXT_WIDTH - label_width - indent.max(0) as usize;
    let rows = rows
        .iter()
        .map(|row| {
            TableRow::new(vec![
                TableCell::new()
                    .width(label_width, WidthType::Dxa)
                    .add_paragraph(
                        Paragraph::new().add_run(Run::new().add_text(xml_safe(&row.label))),
                    ),
                TableCell::new()
                    .width(rest, WidthType::Dxa)
                    .add_paragraph(inlines(Paragraph::new(), &row.content)),
            ])
        })
        .collect();
    Table::new(rows)
        .set_grid(vec![label_width, rest])
        .set_borders(TableBorders::with_empty())
        .indent(indent)
}

fn number_column(number: &Number) -> i32 {
    if number.parts.len() >= 3 {
        WIDE_NUMBER_COLUMN
    } else {
        NUMBER_COLUMN
    }
}

fn indented(paragraph: Paragraph, indent: i32) -> Paragraph {
    if indent > 0 {
        paragraph.indent(Some(indent), None, None, None)
    } else {
        paragraph
    }
}

#[derive(Clone, Copy, Default)]
struct RunStyle {
    bold: bool,
    italic: bool,
    /// Not bold even where the paragraph style is (a heading set like body text).
    regular: bool,
}

fn inlines(paragraph: Paragraph, content: &[Inline]) -> Paragraph {
    let mut paragraph = paragraph;
    append_inlines(&mut paragraph, content, RunStyle::default());
    paragraph
}

fn styled_run(text: &str, style: RunStyle) -> Run {
    let mut run = Run::new().add_text(xml_safe(text));
    if style.bold {
        run = run.bold();
    } else if style.regular {
        run = run.disable_bold();
    }
    if style.italic {
        run = run.italic();
    }
    run
}

fn append_inlines(paragraph: &mut Paragraph, content: &[Inline], style: RunStyle) {
    for inline in content {
        match inline {
            Inline::Text { text } => {
                *paragraph = std::mem::take(paragraph).add_run(styled_run(text, style));
            }
            Inline::Strong { content } => append_inlines(
                paragraph,
                content,
                RunStyle {
                    bold: true,
                    ..style
                },
            ),
            Inline::Emphasis { content } => append_inlines(
                paragraph,
                content,
                RunStyle {
                    italic: true,
                    ..style
                },
            ),
            Inline::Link { url, content } => {
                let mut link = Hyperlink::new(url.as_str(), HyperlinkType::External);
                for run in link_runs(content, style) {
                    link = link.add_run(run);
                }
                *paragraph = std::mem::take(paragraph).add_hyperlink(link);
            }
            Inline::LineBreak => {
                *paragraph = std::mem::take(paragraph)
                    .add_run(Run::new().add_break(BreakType::TextWrapping));
            }
        }
    }
}

/// A quotation's paragraph, in italics.
fn append_italic(content: &[Inline]) -> Paragraph {
    let mut paragraph = Paragraph::new();
    append_inlines(
        &mut paragraph,
        content,
        RunStyle {
            italic: true,
            ..RunStyle::default()
        },
    );
    paragraph
}

/// Runs inside a hyperlink, styled as links are (blue, underlined).
fn link_runs(content: &[Inline], style: RunStyle) -> Vec<Run> {
    let mut runs = Vec::new();
    for inline in content {
        match inline {
            Inline::Text { text } => {
                runs.push(styled_run(text, style).color("1F4E79").underline("single"))
            }
            Inline::Strong { content } => runs.extend(link_runs(
                content,
                RunStyle {
                    bold: true,
                    ..style
                },
            )),
            Inline::Emphasis { content } => runs.extend(link_runs(
                content,
                RunStyle {
                    italic: true,
                    ..style
                },
            )),
            Inline::Link { content, .. } => runs.extend(link_runs(content, style)),
            Inline::LineBreak => runs.push(Run::new().add_break(BreakType::TextWrapping)),
        }
    }
    runs
}
