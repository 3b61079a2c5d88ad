//! The document model: the one format-neutral tree that every writer renders.
//!
//! Content code lowers YAML into this model; writers (Typst → PDF, DOCX) only read it.
//! Every number, heading and sentence a reader sees is decided here, so the PDF and the
//! DOCX cannot disagree. Text is always data: writers print it, they never interpret it.

use serde::Serialize;

/// One paper, ready to be written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Title, authors and language for the file's metadata.
    pub metadata: Metadata,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
}

/// What a PDF or DOCX says about itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metadata {
    /// Document title (PDF title, DOCX core property, first outline entry).
    pub title: String,
    /// People credited as authors.
    pub authors: Vec<String>,
    /// Short description (PDF subject, DOCX description).
    pub description: Option<String>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Number {
    /// Counter per level, outermost first.
    pub parts: Vec<u32>,
    /// Printed form.
    pub text: String,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// The large banner at the top of a front page ("Public Report").
    Banner {
        /// Banner lines, largest first.
        lines: Vec<String>,
    },
    /// A table of headed fields: each label above its value (the Public Report front page).
    FieldTable {
        /// Rows in order.
        rows: Vec<FieldRow>,
    },
    /// Label and value side by side, several rows (e.g. "Appendix 1 | Terms of Reference").
    LabelledList {
        /// Rows in order.
        rows: Vec<LabelledRow>,
    },
    /// Start a new page.
    PageBreak,
}

/// One row of a [`Block::FieldTable`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldRow {
    /// The field's heading, e.g. "Report Title".
    pub label: String,
    /// The value; may be empty when the form prints the heading alone.
    pub blocks: Vec<Block>,
}

/// One row of a [`Block::LabelledList`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelledRow {
    /// Left column.
    pub label: String,
    /// Right column.
    pub content: Vec<Inline>,
}

/// Inline text.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
