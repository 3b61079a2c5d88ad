//! Page-level blocks: the contents page and its bookmarks, page breaks, landscape sections.

use docx_rs::{
    BreakType, FieldCharType, Hyperlink, HyperlinkType, InstrText, LineSpacing, LineSpacingType,
    Paragraph, Run,
};

use super::styles::{self, section_end};
use super::text::text_run;
use super::{BodyChild, DocxWriter, Sink};
use crate::model::{Block, ContentsEntry};

impl DocxWriter<'_> {
    /// A bookmark for the contents page's page-number fields, on a paragraph too small to see.
    pub(super) fn anchor(&mut self, id: &str) -> Paragraph {
        let number = self.bookmarks.len() + 1;
        self.bookmarks.push(id.to_string());
        Paragraph::new()
            .add_bookmark_start(number, id)
            .add_bookmark_end(number)
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(20)
                    .line_rule(LineSpacingType::Exact),
            )
    }

    /// Blocks in a landscape section of their own, between the portrait sections around them.
    pub(super) fn landscape(&mut self, blocks: &[Block], indent: i32, sink: &mut Sink) {
        let header = self.running_header;
        sink.push(BodyChild::paragraph(section_end(self.style, false, header)));
        let was_landscape = std::mem::replace(&mut self.landscape, true);
        self.blocks_into(blocks, indent, sink);
        self.landscape = was_landscape;
        sink.push(BodyChild::paragraph(section_end(self.style, true, header)));
    }
}

/// The contents page: its title, then Word's contents field (`TOC`) over the heading levels the
/// entries come from, its result already filled in with an entry per heading, in the TOC
/// styles, each a link to its heading. Page numbers only Word can know: the result has none
/// until Word updates the field (the document asks it to when opened), so it never shows a
/// wrong or placeholder number; a heading added in Word joins the contents on that update.
pub(super) fn contents(title: &str, entries: &[ContentsEntry], sink: &mut Sink) {
    sink.push(BodyChild::paragraph(
        Paragraph::new()
            .style(styles::TOC_HEADING)
            .keep_next(true)
            .add_run(text_run(title)),
    ));
    // An entry of level n stands for a heading of level n + 1 (the paper's title is level 1).
    let levels = entries.iter().map(|entry| entry.level.saturating_add(1));
    let highest = levels.clone().min().unwrap_or(2);
    let deepest = levels.max().unwrap_or(3).max(highest);
    let begin = Run::new().add_field_char(FieldCharType::Begin, false);
    let instruction = Run::new().add_instr_text(InstrText::Unsupported(format!(
        r#" TOC \o "{highest}-{deepest}" \h \z \u "#
    )));
    let separate = Run::new().add_field_char(FieldCharType::Separate, false);
    let end = || Run::new().add_field_char(FieldCharType::End, false);
    if entries.is_empty() {
        sink.push(BodyChild::paragraph(
            Paragraph::new()
                .add_run(begin)
                .add_run(instruction)
                .add_run(separate)
                .add_run(end()),
        ));
        return;
    }
    let mut field_start = Some((begin, instruction, separate));
    for (index, entry) in entries.iter().enumerate() {
        let mut paragraph = Paragraph::new().style(&styles::contents_entry(entry.level));
        if let Some((begin, instruction, separate)) = field_start.take() {
            paragraph = paragraph
                .add_run(begin)
                .add_run(instruction)
                .add_run(separate);
        }
        paragraph = paragraph.add_hyperlink(
            Hyperlink::new(entry.anchor.as_str(), HyperlinkType::Anchor)
                .add_run(text_run(&entry_text(entry))),
        );
        if index + 1 == entries.len() {
            paragraph = paragraph.add_run(end());
        }
        sink.push(BodyChild::paragraph(paragraph));
    }
}

/// An entry as the contents lists it: its number, if any, then its heading's text.
fn entry_text(entry: &ContentsEntry) -> String {
    match &entry.number {
        Some(number) => format!("{number} {}", entry.text),
        None => entry.text.clone(),
    }
}

/// A paragraph that starts a new page.
pub(super) fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}
