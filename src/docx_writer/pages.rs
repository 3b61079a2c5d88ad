//! Page-level blocks: the contents page and its bookmarks, page breaks, landscape sections.

use docx_rs::{
    BreakType, FieldCharType, InstrText, LineSpacing, LineSpacingType, Paragraph, Run, Tab,
    TabLeaderType, TabValueType,
};

use super::styles::{self, section_end};
use super::text::text_run;
use super::{BodyChild, DocxWriter, Sink};
use crate::model::{Block, ContentsEntry};

/// How far each contents level is indented beyond the one above.
const CONTENTS_LEVEL_INDENT: i32 = 567;

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

/// The contents page: its title, then an entry per heading with a dotted tab to its page.
pub(super) fn contents(title: &str, entries: &[ContentsEntry], width: usize, sink: &mut Sink) {
    sink.push(BodyChild::paragraph(
        Paragraph::new()
            .style(styles::heading(2))
            .add_run(text_run(title)),
    ));
    for entry in entries {
        sink.push(BodyChild::paragraph(contents_entry(entry, width)));
    }
}

/// One contents entry, indented by level. Word fills in the page numbers (the document asks it
/// to update fields); until it does they show "#".
fn contents_entry(entry: &ContentsEntry, width: usize) -> Paragraph {
    let text = match &entry.number {
        Some(number) => format!("{number} {}", entry.text),
        None => entry.text.clone(),
    };
    let indent = i32::from(entry.level.saturating_sub(1)) * CONTENTS_LEVEL_INDENT;
    Paragraph::new()
        .indent(Some(indent), None, None, None)
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .leader(TabLeaderType::Dot)
                .pos(width),
        )
        .add_run(text_run(&text).add_tab())
        .add_run(Run::new().add_field_char(FieldCharType::Begin, true))
        .add_run(Run::new().add_instr_text(InstrText::Unsupported(format!(
            " PAGEREF {} \\h ",
            entry.anchor
        ))))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("#"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
}

/// A paragraph that starts a new page.
pub(super) fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}
