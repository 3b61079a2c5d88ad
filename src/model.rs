//! The document model: the one format-neutral tree that every writer renders.
//!
//! Content code lowers YAML into this model; writers (Typst → PDF, DOCX) only read it.
//! Every number, heading and sentence a reader sees is decided here, so the PDF and the
//! DOCX cannot disagree. Text is always data: writers print it, they never interpret it.

use serde::{Deserialize, Serialize};

/// One paper, ready to be written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Title, authors and language for the file's metadata.
    pub metadata: Metadata,
    /// Text repeated at the top of every page (minutes: "CORPORATE PARENTING PANEL - 15/02/22").
    pub running_header: Option<String>,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
}

/// What a PDF or DOCX says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Document title (PDF title, DOCX core property, first outline entry).
    pub title: String,
    /// People credited as authors.
    pub authors: Vec<String>,
    /// Short description (PDF subject, DOCX description).
    pub description: Option<String>,
    /// Words a search finds the file by (PDF and DOCX keywords): a meeting's papers give the
    /// committee, the date and what the paper is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The date the paper is for; fixed so output is deterministic.
    pub date: Option<Date>,
}

/// A calendar date (no time zone): meeting dates, report dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    /// Full year, e.g. 2022.
    pub year: i32,
    /// 1-12.
    pub month: u8,
    /// 1-31.
    pub day: u8,
}

/// The number printed before a numbered heading or paragraph ("3.2.1").
///
/// `parts` are the counters at each level (`[3, 2, 1]`); `text` is how the house
/// style prints them. The DOCX writer turns `parts` into Word numbering and a test
/// checks that Word prints the same `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Number {
    /// Counter per level, outermost first.
    pub parts: Vec<u32>,
    /// Printed form.
    pub text: String,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    /// A section heading; level 1 is the outermost.
    Heading {
        /// Outline level, 1-based.
        level: u8,
        /// Paragraph-style number, if the heading is numbered.
        number: Option<Number>,
        /// Heading text.
        content: Vec<Inline>,
    },
    /// A heading placed in a form field, set like the field's text (the Public Report's
    /// "Report Title" row holds the report's level-1 heading).
    FieldHeading {
        /// Outline level, 1-based.
        level: u8,
        /// Heading text.
        content: Vec<Inline>,
    },
    /// A plain paragraph.
    Paragraph {
        /// Paragraph text.
        content: Vec<Inline>,
    },
    /// A paragraph that introduces the block after it ("It was moved … that:"), kept on the
    /// same page as that block's start: a lead-in alone at the foot of a page reads as cut off.
    LeadIn {
        /// Paragraph text.
        content: Vec<Inline>,
    },
    /// A paragraph (or several) set after a hanging number, as in "2.1 The report…".
    Numbered {
        /// The number printed in the margin.
        number: Number,
        /// The body; the first block sits beside the number.
        blocks: Vec<Block>,
    },
    /// A bulleted list; each item is a list of blocks.
    BulletList {
        /// List items.
        items: Vec<Vec<Block>>,
    },
    /// A numbered list written in Markdown ("1. …").
    OrderedList {
        /// First number.
        start: u32,
        /// List items.
        items: Vec<Vec<Block>>,
    },
    /// A block quotation.
    Quote {
        /// Quoted blocks.
        blocks: Vec<Block>,
    },
    /// The council's logo, at the top of a front page (the picture and its width are the house
    /// style's).
    Logo {
        /// Its text alternative.
        alt: String,
    },
    /// The large banner at the top of a front page ("Public Report").
    Banner {
        /// Banner lines, largest first.
        lines: Vec<String>,
    },
    /// A table of headed fields: each label above its value (the Public Report front page), or
    /// beside it.
    FieldTable {
        /// Rows in order.
        rows: Vec<FieldRow>,
        /// Whether each label stands beside its value rather than above it.
        #[serde(default, skip_serializing_if = "is_false")]
        beside: bool,
    },
    /// Label and value side by side, several rows (e.g. "Appendix 1 | Terms of Reference").
    LabelledList {
        /// Rows in order.
        rows: Vec<LabelledRow>,
    },
    /// Blocks set in from the left by the number column (the body of a minute under its heading).
    Indented {
        /// The indented blocks.
        blocks: Vec<Block>,
    },
    /// Text set to the right ("Agenda Item 5" is a heading; this is for signatures and the like).
    Aligned {
        /// `right` or `center`.
        align: Alignment,
        /// The aligned blocks.
        blocks: Vec<Block>,
    },
    /// One item of an agenda front sheet: number, title, page range and description. Items in a
    /// row are one numbered list, each title a heading (set like body text) a reader can jump
    /// between.
    AgendaItem {
        /// The item's number: `parts` is `[4]`, `text` "4.".
        number: Number,
        /// Outline level of its title, one below the heading it stands under.
        level: u8,
        /// Its title as the agenda shows it.
        title: Vec<Inline>,
        /// Page range of its papers in the pack, once known; writers that lay out the pack
        /// themselves (Typst) compute it from the layout and ignore this.
        pages: Option<PageRange>,
        /// Whether the item has papers in the pack (and so a page range).
        has_papers: bool,
        /// What the item is for, under its title.
        description: Vec<Block>,
    },
    /// The pages of a PDF supplied by an author (an appendix), each on a page of its own.
    PdfPages {
        /// The file's name in the typesetter's virtual file system (see [`Pack::attachments`]).
        source: String,
        /// How many pages it has.
        pages: u32,
        /// What the pages are, for their alternative text ("Appendix 2: Performance on a Page").
        title: String,
    },
    /// A data table: header rows repeated on every page, body rows, optional group rows.
    Table(Box<Table>),
    /// A chart drawn from figures, with a text alternative.
    Chart(Box<Chart>),
    /// A hierarchy drawn as boxes and lines (a staffing structure), with a text alternative.
    Structure(Box<Structure>),
    /// A picture an author supplied (a photograph, a plan), with its text alternative.
    Picture(Box<Picture>),
    /// Quotations set as boxed call-outs side by side, each with who said it.
    Callouts {
        /// The quotations.
        quotes: Vec<Callout>,
    },
    /// A named place in the document: the heading after it, which a contents entry leads to.
    Anchor {
        /// Unique within the document.
        id: String,
    },
    /// A contents page: each entry a link to the heading its anchor names, with the page that
    /// heading falls on.
    Contents {
        /// Heading of the page ("Contents").
        title: String,
        /// Entries in order.
        entries: Vec<ContentsEntry>,
    },
    /// Blocks set on landscape pages (wide tables).
    Landscape {
        /// The blocks.
        blocks: Vec<Block>,
    },
    /// Start a new page.
    PageBreak,
}

/// One quotation in a call-out box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Callout {
    /// What was said.
    pub content: Vec<Inline>,
    /// Who said it ("Foster Carer").
    pub attribution: Option<String>,
}

/// One line of a contents page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentsEntry {
    /// "1.", "2.1", or none.
    pub number: Option<String>,
    /// The heading's text.
    pub text: String,
    /// 1 for sections, 2 for sub-sections.
    pub level: u8,
    /// The [`Block::Anchor`] the entry points at.
    pub anchor: String,
}

/// A picture an author supplied: a PNG, JPEG or SVG file, checked when it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    /// The file, bytes and all.
    pub file: PictureFile,
    /// Its text alternative: what it shows, read by a screen reader in its place.
    pub alt: String,
    /// The caption printed under it, if it has one.
    pub caption: Option<String>,
    /// Its natural width in points (its pixels at the density the file states, 96 per inch if
    /// it states none; an SVG's own width). Writers set it no wider than the text column and
    /// no taller than most of a page.
    pub width: f32,
    /// Its natural height in points, likewise.
    pub height: f32,
}

/// A picture file carried in the model, so that writers never read the disk.
///
/// Its bytes are left out of the serialised model (the data the templates read): the
/// typesetter serves them as the file [`PictureFile::name`]. The name holds a hash of the
/// bytes, so the same picture always has the same name and a changed one another.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct PictureFile {
    /// Its path in the typesetter's virtual file system: `/pictures/<SHA-256 of its
    /// bytes>.<extension>`.
    pub name: String,
    /// What kind of picture it is (by its content).
    pub format: PictureFormat,
    /// The file's bytes.
    #[serde(skip)]
    pub bytes: std::sync::Arc<[u8]>,
}

impl std::fmt::Debug for PictureFile {
    /// The name and size, not the bytes: a model is printed in messages and test failures.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PictureFile")
            .field("name", &self.name)
            .field("format", &self.format)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// The formats of pictures authors may supply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PictureFormat {
    /// PNG: drawings, screenshots, scans.
    Png,
    /// JPEG: photographs.
    Jpeg,
    /// SVG: diagrams drawn as shapes and text.
    Svg,
}

impl PictureFormat {
    /// The format a file name's extension names (`png`, `jpg`, `jpeg`, `svg`, in any case).
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "png" => Some(PictureFormat::Png),
            "jpg" | "jpeg" => Some(PictureFormat::Jpeg),
            "svg" => Some(PictureFormat::Svg),
            _ => None,
        }
    }

    /// The extension files of this format are given.
    pub fn extension(self) -> &'static str {
        match self {
            PictureFormat::Png => "png",
            PictureFormat::Jpeg => "jpg",
            PictureFormat::Svg => "svg",
        }
    }

    /// Its name, as messages give it.
    pub fn name(self) -> &'static str {
        match self {
            PictureFormat::Png => "PNG",
            PictureFormat::Jpeg => "JPEG",
            PictureFormat::Svg => "SVG",
        }
    }
}

/// Every picture file `blocks` show, at any depth, each once (the first time it shows), in
/// reading order: what a writer must carry beside the model.
pub fn picture_files<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Vec<&'a PictureFile> {
    fn collect<'a>(block: &'a Block, found: &mut Vec<&'a PictureFile>) {
        let inner: Vec<&'a Block> = match block {
            Block::Picture(picture) => {
                if !found.iter().any(|known| known.name == picture.file.name) {
                    found.push(&picture.file);
                }
                return;
            }
            Block::Numbered { blocks, .. }
            | Block::Quote { blocks }
            | Block::Indented { blocks }
            | Block::Aligned { blocks, .. }
            | Block::Landscape { blocks } => blocks.iter().collect(),
            Block::BulletList { items } | Block::OrderedList { items, .. } => {
                items.iter().flatten().collect()
            }
            Block::FieldTable { rows, .. } => rows.iter().flat_map(|row| &row.blocks).collect(),
            Block::AgendaItem { description, .. } => description.iter().collect(),
            Block::Heading { .. }
            | Block::FieldHeading { .. }
            | Block::Paragraph { .. }
            | Block::LeadIn { .. }
            | Block::Logo { .. }
            | Block::Banner { .. }
            | Block::LabelledList { .. }
            | Block::PdfPages { .. }
            | Block::Table(_)
            | Block::Chart(_)
            | Block::Structure(_)
            | Block::Callouts { .. }
            | Block::Anchor { .. }
            | Block::Contents { .. }
            | Block::PageBreak => Vec::new(),
        };
        for block in inner {
            collect(block, found);
        }
    }
    let mut found = Vec::new();
    for block in blocks {
        collect(block, &mut found);
    }
    found
}

/// A hierarchy of boxes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    /// Shown above it.
    pub title: String,
    /// Its text alternative: every box and who it reports to.
    pub alt: String,
    /// The top box.
    pub root: StructureNode,
}

/// A box of a [`Structure`] and those below it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructureNode {
    /// The box's text.
    pub label: String,
    /// The boxes below it.
    pub children: Vec<StructureNode>,
}

/// A table of figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Relative column widths (any unit; the writers scale them to the page).
    pub widths: Vec<f32>,
    /// Header rows, repeated at the top of each page.
    pub header: Vec<Vec<Cell>>,
    /// Body rows.
    pub rows: Vec<TableRow>,
    /// Text size in points (wide tables use a smaller one).
    pub font_size: f32,
}

/// A body row: cells, or one heading spanning the table (a group of indicators).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TableRow {
    /// Ordinary cells.
    Cells {
        /// The cells.
        cells: Vec<Cell>,
    },
    /// A heading row across every column.
    Group {
        /// Its text.
        text: String,
    },
}

/// One table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The text.
    pub text: String,
    /// Columns it spans (1 for most).
    pub span: u16,
    /// A background that carries meaning; the text always says the same in words.
    pub tone: Option<Tone>,
    /// Set in bold.
    pub strong: bool,
    /// Aligned to the right (numbers) or centre (short codes); otherwise left.
    pub align: CellAlign,
}

impl Cell {
    /// A plain left-aligned cell.
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            span: 1,
            tone: None,
            strong: false,
            align: CellAlign::Left,
        }
    }

    /// A right-aligned cell (a figure).
    pub fn number(text: impl Into<String>) -> Self {
        Cell {
            align: CellAlign::Right,
            ..Cell::text(text)
        }
    }

    /// A centred cell.
    pub fn centred(text: impl Into<String>) -> Self {
        Cell {
            align: CellAlign::Center,
            ..Cell::text(text)
        }
    }

    /// A bold header cell.
    pub fn header(text: impl Into<String>) -> Self {
        Cell {
            strong: true,
            ..Cell::centred(text)
        }
    }
}

/// Horizontal alignment in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CellAlign {
    /// Left.
    Left,
    /// Centre.
    Center,
    /// Right.
    Right,
}

/// A background colour with a meaning (always repeated in words in the cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tone {
    /// RAG red / performance declined.
    Red,
    /// RAG amber.
    Amber,
    /// RAG green / performance improved.
    Green,
    /// Header or group shading.
    Shade,
}

/// A chart of figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// Line or bar (not `kind`, which names the block in the templates' data).
    pub plot: ChartKind,
    /// Shown above the chart.
    pub title: String,
    /// The text alternative: what it shows, first and last values, the trend.
    pub alt: String,
    /// Labels along the bottom ("Apr-21" …).
    pub labels: Vec<String>,
    /// The plotted series (one for a bar chart).
    pub series: Vec<ChartSeries>,
    /// Horizontal reference lines (statistical neighbour and national averages).
    pub references: Vec<ChartReference>,
    /// The value axis: lowest, highest and the ticks to label.
    pub axis: ChartAxis,
    /// How the chart's values print, for a reader (Word) that prints them itself.
    pub numbers: ChartNumbers,
}

/// How a chart's values print: the same rules as its `shown` values and axis ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartNumbers {
    /// Decimal places.
    pub decimal_places: u32,
    /// Whether the values are percentages ("91.3%").
    pub percent: bool,
}

/// Line or bar chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Values joined by lines.
    Line,
    /// One upright bar per value.
    Bar,
    /// One horizontal bar per category, labelled on the left (categories with long names).
    HorizontalBar,
}

/// A plotted series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartSeries {
    /// For the legend.
    pub name: String,
    /// One value per label; `None` where there is none.
    pub values: Vec<Option<f64>>,
    /// The values as printed on bars (empty where a chart is too busy to label); where a value
    /// is `None`, what is printed instead ("no figure").
    pub shown: Vec<String>,
}

/// A horizontal reference line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartReference {
    /// For the legend ("Stat neighbour average 99.4").
    pub name: String,
    /// Where it is drawn.
    pub value: f64,
}

/// The value axis of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartAxis {
    /// Bottom of the plot.
    pub min: f64,
    /// Top of the plot.
    pub max: f64,
    /// Values labelled on the axis, with their labels.
    pub ticks: Vec<(f64, String)>,
}

/// Horizontal alignment of an [`Block::Aligned`] block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Alignment {
    /// Flush right.
    Right,
    /// Centred.
    Center,
}

/// First and last printed page of an agenda item's papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRange {
    /// First page.
    pub first: u32,
    /// Last page.
    pub last: u32,
}

/// An agenda pack: the front sheet, then each item's papers, paginated as one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    /// Title, authors and language of the pack file.
    pub metadata: Metadata,
    /// The agenda front sheet.
    pub front_sheet: Vec<Block>,
    /// Agenda items that have papers, in order.
    pub items: Vec<PackItem>,
    /// PDF files the pack's pages show, by the `source` name its blocks use.
    #[serde(skip)]
    pub attachments: Vec<Attachment>,
}

/// A PDF file an author supplied, carried to the typesetter beside the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Name used by [`Block::PdfPages`].
    pub source: String,
    /// The file's bytes.
    pub bytes: std::sync::Arc<Vec<u8>>,
}

impl Pack {
    /// Whether the pack shows pages of supplied PDFs (whose accessibility cannot be checked).
    pub fn has_supplied_pdfs(&self) -> bool {
        !self.attachments.is_empty()
    }
}

/// The papers of one agenda item in a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackItem {
    /// The item's place in the agenda's order, from 1: its page range is found by it.
    pub number: u32,
    /// Its number as printed on the "Agenda Item" stamp on its first page ("7", "6.1").
    pub label: String,
    /// Its papers, each starting on a new page.
    pub documents: Vec<PackDocument>,
}

/// One paper inside a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackDocument {
    /// The paper's blocks; its headings sit one level below the item's.
    pub blocks: Vec<Block>,
    /// Text repeated at the top of each of its pages (minutes: "CORPORATE PARENTING PANEL - 15/02/22").
    pub running_header: Option<String>,
    /// A marking on each of its pages, e.g. "NOT FOR PUBLICATION …" in the private pack.
    pub marking: Option<String>,
}

/// One row of a [`Block::FieldTable`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldRow {
    /// The field's heading, e.g. "Report Title".
    pub label: String,
    /// The value; may be empty when the form prints the heading alone.
    pub blocks: Vec<Block>,
}

/// One row of a [`Block::LabelledList`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelledRow {
    /// Left column.
    pub label: String,
    /// Right column.
    pub content: Vec<Inline>,
}

/// Inline text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Inline {
    /// Literal text, printed exactly as typed.
    Text {
        /// The characters.
        text: String,
    },
    /// Bold.
    Strong {
        /// Emphasised content.
        content: Vec<Inline>,
    },
    /// Italic.
    Emphasis {
        /// Emphasised content.
        content: Vec<Inline>,
    },
    /// A hyperlink (web address or e-mail).
    Link {
        /// Target, e.g. `https://…` or `mailto:…`.
        url: String,
        /// Visible text.
        content: Vec<Inline>,
    },
    /// A forced line break inside a paragraph.
    LineBreak,
}

impl Inline {
    /// Literal text.
    pub fn text(text: impl Into<String>) -> Self {
        Inline::Text { text: text.into() }
    }
}

impl Block {
    /// A paragraph of one literal string.
    pub fn plain(text: impl Into<String>) -> Self {
        Block::Paragraph {
            content: vec![Inline::text(text)],
        }
    }
}

/// The plain text of some inlines, as a screen reader or an outline would show it.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    collect_plain_text(inlines, &mut out);
    out
}

fn collect_plain_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Strong { content }
            | Inline::Emphasis { content }
            | Inline::Link { content, .. } => collect_plain_text(content, out),
            Inline::LineBreak => out.push(' '),
        }
    }
}

/// Whether a flag is unset: such flags are left out of the serialised model.
fn is_false(flag: &bool) -> bool {
    !*flag
}
