//! The Word writer: the document model as a DOCX in the house style, dispatching each block.

mod archive;
mod charts;
mod column_widths;
mod data_table;
mod heading_numbering;
mod numbering;
mod package;
mod pages;
mod paragraphs;
mod pictures;
mod schema_order;
pub mod styles;
mod tables;
mod text;
mod theme;
mod xml_tree;

use docx_rs::{Docx, IndentLevel, LevelOverride, Numbering, NumberingId, Paragraph, Table};

use crate::diagnostics::Diagnostic;
use crate::model::{Block, Document, Number, PictureFile, Structure};
use crate::style::HouseStyle;
use numbering::{HouseNumbering, LIST_BULLET_ABSTRACT, LIST_ORDERED_ABSTRACT};
use styles::{A4_LONG, A4_SHORT};

/// The hanging number column of a numbered paragraph: 1.25 cm, or 1.6 cm for three-part numbers
/// ("3.2.1"). Indented blocks and agenda items' descriptions line up with its text.
const NUMBER_COLUMN: i32 = 709;
const WIDE_NUMBER_COLUMN: i32 = 907;

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

/// Draws the structure diagrams a Word file shows as pictures, and makes PNGs of the pictures
/// authors supplied in formats Word files here cannot hold. The house style draws them for the
/// PDF too; the caller passes a drawer so that this writer depends on no other. (Charts need no
/// drawing: they are native Word charts.)
pub trait DrawCharts {
    /// The structure diagram as a picture.
    fn structure(&self, structure: &Structure) -> Result<Picture, Vec<Diagnostic>>;
    /// The house style's logo, if it has one.
    fn logo(&self) -> Option<Picture>;
    /// An author's picture as a PNG, for showing `width` points wide: a JPEG or an SVG made
    /// one (docx-rs writes every picture as PNG); a PNG as it is.
    fn picture(&self, file: &PictureFile, width: f32) -> Result<Picture, Vec<Diagnostic>>;
}

/// What Word is told of one picture: the kind of thing it is (its name in Word's selection
/// pane, numbered) and its text alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageDescription {
    /// "Chart" for a drawing (a chart, a structure, the logo), "Picture" for an author's.
    pub noun: &'static str,
    /// The text alternative.
    pub alt: String,
}

/// Write a document as DOCX bytes in the house `style`, its structure diagrams drawn by
/// `drawings`; its charts are native Word charts.
pub fn write_docx(
    document: &Document,
    style: &HouseStyle,
    drawings: &dyn DrawCharts,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let mut writer = DocxWriter {
        style,
        drawings,
        running_header: document.running_header.as_deref(),
        numbering: HouseNumbering::new(),
        ordered_lists: Vec::new(),
        body: Vec::new(),
        image_alts: Vec::new(),
        charts: Vec::new(),
        captioned: false,
        landscape: false,
        bookmarks: Vec::new(),
        problems: Vec::new(),
        table_sizes: std::collections::BTreeSet::new(),
        has_contents: false,
        contents_levels: std::collections::BTreeSet::new(),
    };
    writer.blocks(&document.blocks, 0);
    if !writer.problems.is_empty() {
        return Err(writer.problems);
    }
    let docx = writer.assemble();
    Ok(package::finish(
        docx,
        &document.metadata,
        &writer.image_alts,
        &writer.charts,
        style,
    ))
}

/// A block written at the top level of the body or inside a table cell.
enum BodyChild {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

impl BodyChild {
    fn paragraph(paragraph: Paragraph) -> Self {
        BodyChild::Paragraph(Box::new(paragraph))
    }

    fn table(table: Table) -> Self {
        BodyChild::Table(Box::new(table))
    }
}

/// Where blocks are being written: the body, or a table cell.
type Sink = Vec<BodyChild>;

/// Add one paragraph to where blocks are being written.
fn push(sink: &mut Sink, paragraph: Paragraph) {
    sink.push(BodyChild::paragraph(paragraph));
}

/// The state of one document being written: what the body needs registered at the end, and
/// the problems met on the way.
struct DocxWriter<'a> {
    /// The council's look: fonts, sizes, margins, colours.
    style: &'a HouseStyle,
    /// Draws structure diagrams.
    drawings: &'a dyn DrawCharts,
    /// Text printed at the top of every page, if the document has any.
    running_header: Option<&'a str>,
    numbering: HouseNumbering,
    /// (num id, start) of each Markdown numbered list, registered at the end.
    ordered_lists: Vec<(usize, u32)>,
    body: Vec<BodyChild>,
    /// The text alternative of each image, in document order (docx-rs cannot write them).
    image_alts: Vec<ImageDescription>,
    /// The charts, in document order.
    charts: Vec<charts::NativeChart>,
    /// Whether a picture has a caption, and so the document needs the Caption style.
    captioned: bool,
    /// Whether blocks are being written into a landscape section.
    landscape: bool,
    /// Bookmarks written so far (anchors for the contents page).
    bookmarks: Vec<String>,
    /// Drawings that could not be rendered.
    problems: Vec<Diagnostic>,
    /// Whether the document has a contents page, and so needs the TOC Heading style.
    has_contents: bool,
    /// The levels of the contents entries written: each needs its TOC style.
    contents_levels: std::collections::BTreeSet<u8>,
    /// The text sizes of the data tables written, in half-points: each gets a paragraph style.
    table_sizes: std::collections::BTreeSet<usize>,
}

impl DocxWriter<'_> {
    /// The Word document: house styles and page setup, the running header and footer, the
    /// numbering the body used, the body.
    fn assemble(&mut self) -> Docx {
        let mut docx = styles::house_styles(Docx::new(), self.style)
            .page_size(A4_SHORT, A4_LONG)
            .page_margin(styles::page_margin(self.style));
        // Only where it is used, so that papers without captions keep their styles part.
        if self.captioned {
            docx = docx.add_style(styles::caption_style());
        }
        if self.has_contents {
            docx = docx.add_style(styles::contents_heading_style(self.style));
        }
        for level in &self.contents_levels {
            let width = styles::text_width(self.style, false);
            docx = docx.add_style(styles::contents_entry_style(*level, width));
        }
        for size in &self.table_sizes {
            docx = docx.add_style(styles::table_text_style_definition(*size));
        }
        if let Some(text) = self.running_header {
            docx = docx.header(styles::header(text));
        }
        docx = docx.footer(styles::footer(self.style));
        docx = self.numbering.register(docx);
        for (num_id, start) in &self.ordered_lists {
            docx = docx.add_numbering(
                Numbering::new(*num_id, LIST_ORDERED_ABSTRACT)
                    .add_override(LevelOverride::new(0).start(*start as usize)),
            );
        }
        docx = docx.add_numbering(Numbering::new(numbering::BULLET_NUM, LIST_BULLET_ABSTRACT));
        for child in std::mem::take(&mut self.body) {
            docx = match child {
                BodyChild::Paragraph(paragraph) => docx.add_paragraph(*paragraph),
                BodyChild::Table(table) => docx.add_table(*table),
            };
        }
        docx
    }

    /// Write `blocks` into the body, `indent` from the left margin.
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

    /// Write one block: each kind has a function of its own, named for it.
    fn block(&mut self, block: &Block, indent: i32, sink: &mut Sink) {
        match block {
            Block::Heading {
                level,
                number,
                content,
            } => push(sink, self.heading(*level, number.as_ref(), content)),
            Block::FieldHeading { level, content } => {
                push(sink, paragraphs::field_heading(*level, content, self.style))
            }
            Block::Paragraph { content } => {
                push(sink, paragraphs::paragraph(content, indent, self.style))
            }
            Block::LeadIn { content } => push(
                sink,
                paragraphs::paragraph(content, indent, self.style).keep_next(true),
            ),
            Block::Numbered { number, blocks } => {
                self.numbered_paragraph(number, blocks, indent, sink)
            }
            Block::BulletList { items } => self.bullet_list(items, indent, sink),
            Block::OrderedList { start, items } => self.ordered_list(*start, items, indent, sink),
            Block::Quote { blocks } => self.quote(blocks, indent, sink),
            Block::Logo { alt } => self.logo(alt, sink),
            Block::Banner { lines } => paragraphs::banner(lines, sink),
            Block::FieldTable { rows, beside } => {
                sink.push(BodyChild::table(self.field_table(rows, *beside)));
            }
            Block::LabelledList { rows } => sink.push(BodyChild::table(tables::labelled_table(
                rows, indent, self.style,
            ))),
            Block::Indented { blocks } => self.blocks_into(blocks, indent + NUMBER_COLUMN, sink),
            Block::Aligned { align, blocks } => self.aligned(*align, blocks, indent, sink),
            Block::AgendaItem {
                number,
                level,
                title,
                pages,
                description,
                ..
            } => {
                let title = paragraphs::AgendaTitle {
                    number,
                    level: *level,
                    text: title,
                    pages: *pages,
                };
                self.agenda_item(title, description, indent, sink)
            }
            Block::PdfPages { title, pages, .. } => {
                push(sink, paragraphs::supplied_pdf_note(title, *pages))
            }
            Block::Table(table) => sink.push(BodyChild::table(self.table(table, indent))),
            Block::Chart(chart) => self.chart(chart, sink),
            Block::Structure(structure) => {
                let rendered = self.drawings.structure(structure);
                self.picture(&structure.title, &structure.alt, rendered, sink);
            }
            Block::Picture(picture) => self.supplied_picture(picture, indent, sink),
            Block::Callouts { quotes } => paragraphs::callouts(quotes, self.style, sink),
            Block::Anchor { id } => push(sink, self.anchor(id)),
            Block::Contents { title, entries } => {
                self.contents_levels
                    .extend(entries.iter().map(|entry| entry.level));
                self.has_contents = true;
                pages::contents(title, entries, sink)
            }
            Block::Landscape { blocks } => self.landscape(blocks, indent, sink),
            Block::PageBreak => push(sink, pages::page_break()),
        }
    }

    /// Write `blocks`, then pass each paragraph among them (not tables) through `restyle`.
    fn restyled_blocks(
        &mut self,
        blocks: &[Block],
        indent: i32,
        sink: &mut Sink,
        restyle: impl Fn(Paragraph) -> Paragraph,
    ) {
        let mut written = Vec::new();
        self.blocks_into(blocks, indent, &mut written);
        sink.extend(written.into_iter().map(|child| match child {
            BodyChild::Paragraph(paragraph) => BodyChild::paragraph(restyle(*paragraph)),
            table => table,
        }));
    }

    /// Attach Word numbering that prints exactly `number`.
    fn number(&mut self, paragraph: Paragraph, number: &Number) -> Paragraph {
        let (num_id, level) = self
            .numbering
            .place(&number.parts, number.text.ends_with('.'));
        paragraph.numbering(NumberingId::new(num_id), IndentLevel::new(level))
    }
}
