//! Inline text as Word runs: bold, italic, links and line breaks inside one paragraph.

use docx_rs::{BreakType, Hyperlink, HyperlinkType, Paragraph, Run};

use crate::escape::xml_safe;
use crate::model::Inline;
use crate::style::HouseStyle;

/// The emphasis a run inherits from the inlines around it.
#[derive(Clone, Copy, Default)]
pub(super) struct RunStyle {
    pub(super) bold: bool,
    pub(super) italic: bool,
    /// Not bold even where the paragraph style is (a heading set like body text).
    pub(super) regular: bool,
    /// Body size (in half points) and black, where the paragraph style's heading look differs.
    pub(super) body_look: Option<usize>,
}

impl RunStyle {
    /// Bold throughout (an agenda item's title).
    pub(super) const BOLD: Self = RunStyle {
        bold: true,
        italic: false,
        regular: false,
        body_look: None,
    };
    /// Italic throughout (a callout's quotation).
    pub(super) const ITALIC: Self = RunStyle {
        bold: false,
        italic: true,
        regular: false,
        body_look: None,
    };
    /// Never bold (a form's field heading, set in a heading style for its outline level).
    pub(super) const REGULAR: Self = RunStyle {
        bold: false,
        italic: false,
        regular: true,
        body_look: None,
    };
}

/// `paragraph` with `content` added as plain runs.
pub(super) fn inlines(paragraph: Paragraph, content: &[Inline], house: &HouseStyle) -> Paragraph {
    styled_inlines(paragraph, content, RunStyle::default(), house)
}

/// `paragraph` with `content` added as runs in `style`.
pub(super) fn styled_inlines(
    paragraph: Paragraph,
    content: &[Inline],
    style: RunStyle,
    house: &HouseStyle,
) -> Paragraph {
    let mut paragraph = paragraph;
    append_inlines(&mut paragraph, content, style, house);
    paragraph
}

/// `paragraph` indented from the left by `indent` twentieths of a point, if any.
pub(super) fn indented(paragraph: Paragraph, indent: i32) -> Paragraph {
    if indent > 0 {
        paragraph.indent(Some(indent), None, None, None)
    } else {
        paragraph
    }
}

/// A run of `text`, its XML-unsafe characters removed.
pub(super) fn text_run(text: &str) -> Run {
    Run::new().add_text(xml_safe(text))
}

fn styled_run(text: &str, style: RunStyle) -> Run {
    let mut run = text_run(text);
    if style.bold {
        run = run.bold();
    } else if style.regular {
        run = run.disable_bold();
    }
    if style.italic {
        run = run.italic();
    }
    if let Some(size) = style.body_look {
        run = run.size(size).color("000000");
    }
    run
}

fn append_inlines(
    paragraph: &mut Paragraph,
    content: &[Inline],
    style: RunStyle,
    house: &HouseStyle,
) {
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
                house,
            ),
            Inline::Emphasis { content } => append_inlines(
                paragraph,
                content,
                RunStyle {
                    italic: true,
                    ..style
                },
                house,
            ),
            Inline::Link { url, content } => {
                let mut link = Hyperlink::new(url.as_str(), HyperlinkType::External);
                for run in link_runs(content, style, house) {
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

/// Runs inside a hyperlink, styled as links are (the house link colour, underlined).
fn link_runs(content: &[Inline], style: RunStyle, house: &HouseStyle) -> Vec<Run> {
    let mut runs = Vec::new();
    for inline in content {
        match inline {
            Inline::Text { text } => runs.push(
                styled_run(text, style)
                    .color(house.colours.link.hex())
                    .underline("single"),
            ),
            Inline::Strong { content } => runs.extend(link_runs(
                content,
                RunStyle {
                    bold: true,
                    ..style
                },
                house,
            )),
            Inline::Emphasis { content } => runs.extend(link_runs(
                content,
                RunStyle {
                    italic: true,
                    ..style
                },
                house,
            )),
            Inline::Link { content, .. } => runs.extend(link_runs(content, style, house)),
            Inline::LineBreak => runs.push(Run::new().add_break(BreakType::TextWrapping)),
        }
    }
    runs
}
