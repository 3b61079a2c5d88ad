//! Blocks written as paragraphs: headings, numbered paragraphs, lists, quotes, agenda items.

use crate::style::HouseStyle;
use docx_rs::{AlignmentType, IndentLevel, NumberingId, Paragraph, Run, SpecialIndentType};

use super::numbering::BULLET_NUM;
use super::styles::{self, LIST_HANG, LIST_INDENT};
use super::text::{RunStyle, indented, inlines, styled_inlines, text_run};
use super::{BodyChild, DocxWriter, NUMBER_COLUMN, Sink, WIDE_NUMBER_COLUMN};
use crate::format;
use crate::model::{Alignment, Block, Callout, Inline, Number, PageRange};

impl DocxWriter<'_> {
    /// A heading in its level's style, kept with what follows, numbered if the model numbers it.
    pub(super) fn heading(
        &mut self,
        level: u8,
        number: Option<&Number>,
        content: &[Inline],
    ) -> Paragraph {
        let style = styles::heading(level);
        let start = Paragraph::new().style(style).keep_next(true);
        let paragraph = inlines(start, content, self.style);
        match number {
            Some(number) => self.number(paragraph, number),
            None => paragraph,
        }
    }

    /// A numbered paragraph ("3.2 The panel noted…"): the number goes on its first paragraph,
    /// and the rest hang at the same indent as the text after the number.
    pub(super) fn numbered_paragraph(
        &mut self,
        number: &Number,
        blocks: &[Block],
        indent: i32,
        sink: &mut Sink,
    ) {
        let (first, rest) = split_first_paragraph(blocks, self.style);
        let paragraph = self.number(first, number);
        sink.push(BodyChild::paragraph(paragraph));
        self.blocks_into(rest, indent + number_column(number), sink);
    }

    /// A bulleted list: each item on Word's bullet numbering.
    pub(super) fn bullet_list(&mut self, items: &[Vec<Block>], indent: i32, sink: &mut Sink) {
        for item in items {
            self.list_item(item, BULLET_NUM, indent, sink);
        }
    }

    /// A numbered list: a numbering instance of its own, so that it counts from `start`.
    pub(super) fn ordered_list(
        &mut self,
        start: u32,
        items: &[Vec<Block>],
        indent: i32,
        sink: &mut Sink,
    ) {
        let num_id = self.numbering.allocate_id();
        self.ordered_lists.push((num_id, start));
        for item in items {
            self.list_item(item, num_id, indent, sink);
        }
    }

    /// One list item: its first paragraph carries the bullet or number, the rest hang under it.
    fn list_item(&mut self, item: &[Block], num_id: usize, indent: i32, sink: &mut Sink) {
        let left = indent + LIST_INDENT;
        let (first, rest) = split_first_paragraph(item, self.style);
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

    /// Quoted blocks: their paragraphs in the Quote style.
    pub(super) fn quote(&mut self, blocks: &[Block], indent: i32, sink: &mut Sink) {
        self.restyled_blocks(blocks, indent, sink, |paragraph| {
            paragraph.style(styles::QUOTE)
        });
    }

    /// Blocks set right or centre: their paragraphs aligned so.
    pub(super) fn aligned(
        &mut self,
        align: Alignment,
        blocks: &[Block],
        indent: i32,
        sink: &mut Sink,
    ) {
        let alignment = match align {
            Alignment::Right => AlignmentType::Right,
            Alignment::Center => AlignmentType::Center,
        };
        self.restyled_blocks(blocks, indent, sink, |paragraph| paragraph.align(alignment));
    }

    /// An agenda item: its number and bold title with the item's pages, then its description
    /// indented under the title.
    pub(super) fn agenda_item(
        &mut self,
        title: AgendaTitle<'_>,
        description: &[Block],
        indent: i32,
        sink: &mut Sink,
    ) {
        // The title keeps its look but takes its outline level, as the PDF's heading does, so
        // that Word's navigation pane and a screen reader list the items.
        let mut paragraph = styled_inlines(
            Paragraph::new()
                .keep_next(!description.is_empty())
                .outline_lvl(usize::from(title.level.saturating_sub(1))),
            title.text,
            RunStyle::BOLD,
            self.style,
        );
        if let Some(pages) = title.pages {
            paragraph = paragraph.add_run(Run::new().add_text(format!(
                " {}",
                format::page_range(pages, &self.style.labels)
            )));
        }
        sink.push(BodyChild::paragraph(self.number(paragraph, title.number)));
        self.blocks_into(description, indent + NUMBER_COLUMN, sink);
    }
}

/// The first line of an agenda item, as the model gives it.
pub(super) struct AgendaTitle<'a> {
    /// The item's number.
    pub(super) number: &'a Number,
    /// The outline level of its title.
    pub(super) level: u8,
    /// The title's words.
    pub(super) text: &'a [Inline],
    /// The pages of its papers in the pack, once known.
    pub(super) pages: Option<PageRange>,
}

/// A plain paragraph of body text, at the indent of the block it sits in.
pub(super) fn paragraph(content: &[Inline], indent: i32, house: &HouseStyle) -> Paragraph {
    inlines(indented(Paragraph::new(), indent), content, house)
}

/// A form's field heading: a heading for the outline, set like body text.
pub(super) fn field_heading(level: u8, content: &[Inline], house: &HouseStyle) -> Paragraph {
    // Set like the field's other values, as the PDF sets it, whatever its heading level's look.
    let body = house.body_size.half_points();
    let differs = house
        .heading(usize::from(level))
        .is_some_and(|look| look.size.half_points() != body || look.colour.is_some());
    let style = RunStyle {
        body_look: differs.then_some(body),
        ..RunStyle::REGULAR
    };
    styled_inlines(
        Paragraph::new().style(styles::heading(level)),
        content,
        style,
        house,
    )
}

/// A report's banner: the first line as the title, the rest as subtitles.
pub(super) fn banner(lines: &[String], sink: &mut Sink) {
    for (index, line) in lines.iter().enumerate() {
        let style = if index == 0 {
            styles::TITLE
        } else {
            styles::SUBTITLE
        };
        sink.push(BodyChild::paragraph(
            Paragraph::new().style(style).add_run(text_run(line)),
        ));
    }
}

/// A supplied PDF has no Word form; its DOCX names it instead.
pub(super) fn supplied_pdf_note(title: &str, pages: u32) -> Paragraph {
    Paragraph::new().add_run(text_run(&format!(
        "{title}: supplied as a PDF of {pages} page{}, included in the agenda pack.",
        if pages == 1 { "" } else { "s" }
    )))
}

/// In Word each quotation is a quoted paragraph followed by who said it: a row of boxes would
/// be a layout table, which screen readers announce as data.
pub(super) fn callouts(quotes: &[Callout], house: &HouseStyle, sink: &mut Sink) {
    for callout in quotes {
        let has_attribution = callout.attribution.is_some();
        sink.push(BodyChild::paragraph(
            styled_inlines(Paragraph::new(), &callout.content, RunStyle::ITALIC, house)
                .style(styles::QUOTE)
                .keep_next(has_attribution),
        ));
        if let Some(attribution) = &callout.attribution {
            sink.push(BodyChild::paragraph(
                Paragraph::new()
                    .style(styles::QUOTE)
                    .align(AlignmentType::Right)
                    .add_run(text_run(attribution).bold()),
            ));
        }
    }
}

/// The first of `blocks` as a paragraph to carry a number (empty if they do not start with
/// one), and the blocks after it.
fn split_first_paragraph<'a>(blocks: &'a [Block], house: &HouseStyle) -> (Paragraph, &'a [Block]) {
    match blocks.split_first() {
        Some((Block::Paragraph { content }, rest)) => {
            (inlines(Paragraph::new(), content, house), rest)
        }
        // A number or bullet alone on its line stays on the page of the picture under it.
        Some((Block::Picture(_), _)) => (Paragraph::new().keep_next(true), blocks),
        _ => (Paragraph::new(), blocks),
    }
}

/// The hanging number column: wider for three-part numbers ("3.2.1").
fn number_column(number: &Number) -> i32 {
    if number.parts.len() >= 3 {
        WIDE_NUMBER_COLUMN
    } else {
        NUMBER_COLUMN
    }
}
