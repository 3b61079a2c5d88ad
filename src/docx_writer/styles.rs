//! The house style in Word: named styles and their ids, list numbering, A4 pages, header and footer.

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, Docx, Footer, Header, Level, LevelJc, LevelText,
    LineSpacing, LineSpacingType, NumberFormat, PageMargin, PageNum, PageOrientationType, PageSize,
    Paragraph, RunFonts, SectionProperty, SpecialIndentType, Start, Style, StyleType, Tab,
    TabLeaderType, TabValueType, TableBorders, TableCellMargins,
};

use super::numbering::{LIST_BULLET_ABSTRACT, LIST_ORDERED_ABSTRACT};
use super::text::text_run;
use crate::style::HouseStyle;

/// The width text may take, in twentieths of a point: the page's width (A4, portrait or
/// landscape) less the house style's side margins.
pub(super) fn text_width(style: &HouseStyle, landscape: bool) -> usize {
    let page = if landscape { A4_LONG } else { A4_SHORT };
    let margins = style.margins.left.twips() + style.margins.right.twips();
    page.saturating_sub(margins) as usize
}
/// The height of the text area of a page, in twentieths of a point.
pub(super) fn text_height(style: &HouseStyle, landscape: bool) -> usize {
    let page = if landscape { A4_SHORT } else { A4_LONG };
    let margins = style.margins.top.twips() + style.margins.bottom.twips();
    page.saturating_sub(margins) as usize
}

/// A picture's caption: centred under it, at 10 pt, as the PDF sets it.
pub(super) fn caption_style() -> Style {
    Style::new(CAPTION, StyleType::Paragraph)
        .name("caption")
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .size(20)
        .align(AlignmentType::Center)
}

/// A list's text indent and the hang its bullet or number sits in.
pub(super) const LIST_INDENT: i32 = 567;
pub(super) const LIST_HANG: i32 = 284;
/// A4 in twentieths of a point.
pub(super) const A4_SHORT: u32 = 11906;
pub(super) const A4_LONG: u32 = 16838;
/// docx-rs names the document's one footer part so; section breaks refer to it again.
const FOOTER_RELATIONSHIP: &str = "rIdFooter1";
/// docx-rs names the document's one header part so; section breaks refer to it again.
const HEADER_RELATIONSHIP: &str = "rIdHeader1";

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
/// Running header text.
pub const HEADER: &str = "Header";
/// The style of a picture's caption (Word's own Caption, so its captions list finds them).
pub const CAPTION: &str = "Caption";

/// The title of a contents page: looks like a section heading, but is not one (so that the
/// contents does not list itself).
pub const TOC_HEADING: &str = "TOCHeading";
/// How far each contents level is indented beyond the one above.
const CONTENTS_LEVEL_INDENT: i32 = 567;

/// The style id of a contents entry of `level` (1 for sections): Word's own "toc 1", "toc 2"…,
/// which its contents field uses when it rebuilds the entries.
pub fn contents_entry(level: u8) -> String {
    format!("TOC{}", level.clamp(1, 9))
}

/// The style of a contents entry of `level`: indented by level, a right tab with dotted leader
/// at the text's edge for the page number Word fills in.
pub(super) fn contents_entry_style(level: u8, width: usize) -> Style {
    let level = level.clamp(1, 9);
    let mut style = Style::new(contents_entry(level), StyleType::Paragraph)
        .name(format!("toc {level}"))
        .based_on("Normal")
        .next("Normal")
        .ui_priority(39)
        .unhide_when_used()
        .indent(
            Some(i32::from(level - 1) * CONTENTS_LEVEL_INDENT),
            None,
            Some(0),
            None,
        )
        .line_spacing(LineSpacing::new().after(100));
    // docx-rs gives styles no tab stops of their own; its paragraph properties take them.
    style.paragraph_property = style.paragraph_property.clone().add_tab(
        Tab::new()
            .val(TabValueType::Right)
            .leader(TabLeaderType::Dot)
            .pos(width),
    );
    style
}

/// The style of a contents page's title: as a section heading looks, outside the outline.
pub(super) fn contents_heading_style(house: &HouseStyle) -> Style {
    heading_look(TOC_HEADING, "TOC Heading", 2, house)
}

/// Data tables: single rules around and between every cell, narrow cell margins.
pub const DATA_TABLE: &str = "DataTable";
/// The front page's form of fields: ruled, with tight paragraphs.
pub const FORM_TABLE: &str = "FormTable";
/// Labels beside values, without rules (a background papers list, a contact block).
pub const LAYOUT_TABLE: &str = "LayoutTable";
/// The prefix of the paragraph styles of data tables' text; the size follows in half-points
/// ("TableText15" is 7.5 pt), so that each size an author meets is a style to reuse.
const TABLE_TEXT_PREFIX: &str = "TableText";

/// The data table style: rules and cell margins. The size and spacing of its text are in
/// paragraph styles ([`table_text_style`]), because a paragraph style (Normal) outranks a table
/// style's text properties in Word and LibreOffice alike.
pub(super) fn data_table_style() -> Style {
    Style::new(DATA_TABLE, StyleType::Table)
        .name("Data Table")
        .q_format(true)
        .set_borders(TableBorders::new())
        .margins(TableCellMargins::new().margin(20, 40, 20, 40))
}

/// The id of the paragraph style of table text `half_points` in size.
pub fn table_text_style(half_points: usize) -> String {
    format!("{TABLE_TEXT_PREFIX}{half_points}")
}

/// The paragraph style of table text `half_points` in size, without spacing, named for the size
/// ("Table Text 7.5 pt").
pub(super) fn table_text_style_definition(half_points: usize) -> Style {
    let points = if half_points.is_multiple_of(2) {
        (half_points / 2).to_string()
    } else {
        format!("{}.5", half_points / 2)
    };
    Style::new(table_text_style(half_points), StyleType::Paragraph)
        .name(format!("Table Text {points} pt"))
        .based_on("Normal")
        .q_format(true)
        .size(half_points)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(220)
                .line_rule(LineSpacingType::Auto),
        )
}

/// The style of the front page's form: single rules, and paragraphs spaced 2 pt each side.
pub(super) fn form_table_style() -> Style {
    Style::new(FORM_TABLE, StyleType::Table)
        .name("Form Table")
        .q_format(true)
        .line_spacing(LineSpacing::new().before(40).after(40))
        .set_borders(TableBorders::new())
}

/// The style of labels set beside values: no rules.
pub(super) fn layout_table_style() -> Style {
    let mut borders = TableBorders::with_empty();
    for position in [
        docx_rs::TableBorderPosition::Top,
        docx_rs::TableBorderPosition::Left,
        docx_rs::TableBorderPosition::Bottom,
        docx_rs::TableBorderPosition::Right,
        docx_rs::TableBorderPosition::InsideH,
        docx_rs::TableBorderPosition::InsideV,
    ] {
        borders = borders.set(docx_rs::TableBorder::new(position).border_type(BorderType::None));
    }
    Style::new(LAYOUT_TABLE, StyleType::Table)
        .name("Layout Table")
        .q_format(true)
        .set_borders(borders)
}

/// The page margins of every section, footer and header distances included.
pub(super) fn page_margin(style: &HouseStyle) -> PageMargin {
    let margins = &style.margins;
    PageMargin::new()
        .top(margins.top.twips() as i32)
        .bottom(margins.bottom.twips() as i32)
        .left(margins.left.twips() as i32)
        .right(margins.right.twips() as i32)
        .footer(567)
        .header(567)
}

/// The footer of every page: "Page N" in the house style's words, centred.
pub(super) fn footer(style: &HouseStyle) -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .style(FOOTER)
            .align(AlignmentType::Center)
            .add_run(text_run(&format!("{} ", style.labels.page.as_str())))
            .add_page_num(PageNum::new()),
    )
}

/// The running header of every page, as the PDF prints it: `text` centred at 10 pt, printed
/// literally.
pub(super) fn header(text: &str) -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .style(HEADER)
            .align(AlignmentType::Center)
            .add_run(text_run(text)),
    )
}

/// A paragraph that ends a section laid out portrait or landscape (Word keeps a section's
/// page setup in the paragraph that closes it). `running_header` must be the text the document's
/// own header was made from: the section refers to that one header part rather than adding one,
/// and without the reference its pages would print no header.
pub(super) fn section_end(
    style: &HouseStyle,
    landscape: bool,
    running_header: Option<&str>,
) -> Paragraph {
    let (width, height, orientation) = if landscape {
        (A4_LONG, A4_SHORT, PageOrientationType::Landscape)
    } else {
        (A4_SHORT, A4_LONG, PageOrientationType::Portrait)
    };
    let mut section = SectionProperty::new()
        .page_size(PageSize::new().size(width, height).orient(orientation))
        .page_orient(orientation)
        .page_margin(page_margin(style));
    if let Some(text) = running_header {
        section = section.header(header(text), HEADER_RELATIONSHIP);
    }
    Paragraph::new().section_property(section.footer(footer(style), FOOTER_RELATIONSHIP))
}

/// The document defaults (the house font and body size) and named styles; headings carry
/// outline levels. Normal, which docx-rs writes itself, gets the same font and size when the
/// package is finished.
pub(super) fn house_styles(docx: Docx, style: &HouseStyle) -> Docx {
    let font = style.fonts.word.as_str();
    let body_size = style.body_size.half_points();
    docx.default_fonts(
        RunFonts::new()
            .ascii(font)
            .hi_ansi(font)
            .cs(font)
            .east_asia(font),
    )
    .default_size(body_size)
    .default_line_spacing(
        LineSpacing::new()
            .after(200)
            .line(264)
            .line_rule(LineSpacingType::Auto),
    )
    .add_style(heading_style(HEADINGS[0], "heading 1", 0, style))
    .add_style(heading_style(HEADINGS[1], "heading 2", 1, style))
    .add_style(heading_style(HEADINGS[2], "heading 3", 2, style))
    .add_style(heading_style(HEADINGS[3], "heading 4", 3, style))
    .add_style(banner_style(TITLE, "Title", 40))
    .add_style(banner_style(SUBTITLE, "Subtitle", 28))
    .add_style(
        Style::new(QUOTE, StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .q_format(true)
            .indent(Some(567), None, Some(567), None),
    )
    .add_style(
        Style::new(HEADER, StyleType::Paragraph)
            .name("header")
            .based_on("Normal")
            .size(20),
    )
    .add_style(
        Style::new(FOOTER, StyleType::Paragraph)
            .name("footer")
            .based_on("Normal")
            .size(20),
    )
    .add_style(data_table_style())
    .add_style(form_table_style())
    .add_style(layout_table_style())
    .add_abstract_numbering(list_abstract(LIST_BULLET_ABSTRACT, "bullet", "•"))
    .add_abstract_numbering(list_abstract(LIST_ORDERED_ABSTRACT, "decimal", "%1."))
}

/// A heading style: bold text at an outline level (so Word's navigation pane and contents see
/// it), in the house style's size and colour for its level.
fn heading_style(id: &str, name: &str, level: usize, house: &HouseStyle) -> Style {
    heading_look(id, name, level + 1, house).outline_lvl(level)
}

/// A paragraph style that looks like a heading of `level` (1-based) in the house style: bold,
/// its size and colour, spaced as headings are; outside the outline unless the caller puts it in.
fn heading_look(id: &str, name: &str, level: usize, house: &HouseStyle) -> Style {
    let look = house.heading(level);
    let size = look.map_or(house.body_size.half_points(), |look| {
        look.size.half_points()
    });
    let style = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .bold()
        .size(size)
        .line_spacing(LineSpacing::new().before(280).after(160));
    match look.and_then(|look| look.colour.as_ref()) {
        Some(colour) => style.color(colour.hex()),
        None => style,
    }
}

/// A banner line's style: bold, large, `size` in half-points.
fn banner_style(id: &str, name: &str, size: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .q_format(true)
        .bold()
        .size(size)
}

/// The one-level numbering of Markdown lists: bullets, or "1." onwards.
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
