//! The Markdown subset of body text: paragraphs, bold, italic, links, lists and block quotes.
//!
//! Anything else a user types (headings, code, HTML, images, tables, rules) is printed exactly as
//! typed, taken from the source text, so no character ever changes meaning on the way to a writer.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, OffsetIter, Options, Parser, Tag};

use crate::model::{Block, Inline};

/// The deepest nesting of quotes, lists and emphasis that is read as Markdown. Real text nests
/// two or three levels; text nested deeper (a thousand `>`) prints as typed, so that no input
/// can exhaust the stack of a writer or the typesetter.
pub const MOST_NESTING: usize = 16;

/// How deeply `source`'s Markdown containers nest.
fn nesting(source: &str) -> usize {
    let mut depth: usize = 0;
    let mut deepest = 0;
    for event in Parser::new_ext(source, Options::empty()) {
        match event {
            Event::Start(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Parse Markdown body text into blocks.
pub fn parse_blocks(source: &str) -> Vec<Block> {
    if nesting(source) > MOST_NESTING {
        return vec![Block::plain(source)];
    }
    let mut converter = Converter {
        source,
        events: Parser::new_ext(source, Options::empty())
            .into_offset_iter()
            .peekable(),
    };
    converter.blocks_until_end()
}

/// Parse Markdown expected to be a single paragraph into inlines (paragraph breaks become spaces).
pub fn parse_inlines(source: &str) -> Vec<Inline> {
    let mut inlines = Vec::new();
    for block in parse_blocks(source) {
        if !inlines.is_empty() {
            push_inline(&mut inlines, Inline::text(" "));
        }
        match block {
            Block::Paragraph { content } => {
                for inline in content {
                    push_inline(&mut inlines, inline);
                }
            }
            other => push_inline(
                &mut inlines,
                Inline::text(crate::model::plain_text(&block_inlines(&other))),
            ),
        }
    }
    inlines
}

fn block_inlines(block: &Block) -> Vec<Inline> {
    match block {
        Block::Paragraph { content } => content.clone(),
        Block::BulletList { items } | Block::OrderedList { items, .. } => items
            .iter()
            .flat_map(|item| item.iter().flat_map(block_inlines))
            .collect(),
        Block::Quote { blocks } => blocks.iter().flat_map(block_inlines).collect(),
        _ => Vec::new(),
    }
}

struct Converter<'a> {
    source: &'a str,
    events: Peekable<OffsetIter<'a>>,
}

impl Converter<'_> {
    /// Blocks up to the end of the enclosing container (or of the input).
    fn blocks_until_end(&mut self) -> Vec<Block> {
        let mut blocks = Vec::new();
        // Tight list items hold inline content without a paragraph around it.
        let mut loose_inlines: Vec<Inline> = Vec::new();
        while let Some((event, range)) = self.events.next() {
            let block = match event {
                Event::End(_) => break,
                Event::Start(Tag::Paragraph) => Block::Paragraph {
                    content: self.inlines_until_end(),
                },
                Event::Start(Tag::BlockQuote(_)) => Block::Quote {
                    blocks: self.blocks_until_end(),
                },
                Event::Start(Tag::List(start)) => {
                    let items = self.list_items();
                    match start {
                        Some(start) => Block::OrderedList {
                            start: u32::try_from(start).unwrap_or(u32::MAX),
                            items,
                        },
                        None => Block::BulletList { items },
                    }
                }
                Event::Start(Tag::Heading { .. })
                | Event::Start(Tag::CodeBlock(_))
                | Event::Start(Tag::HtmlBlock)
                | Event::Start(Tag::Table(_))
                | Event::Start(Tag::FootnoteDefinition(_))
                | Event::Start(Tag::DefinitionList)
                | Event::Start(Tag::MetadataBlock(_)) => {
                    self.skip_until_end();
                    self.literal_block(range)
                }
                Event::Rule | Event::DisplayMath(_) => self.literal_block(range),
                Event::Start(tag) => {
                    let inline = self.inline_start(tag, range);
                    push_inline(&mut loose_inlines, inline);
                    continue;
                }
                event => {
                    if let Some(inline) = self.inline_leaf(event, range) {
                        push_inline(&mut loose_inlines, inline);
                    }
                    continue;
                }
            };
            flush_inlines(&mut loose_inlines, &mut blocks);
            blocks.push(block);
        }
        flush_inlines(&mut loose_inlines, &mut blocks);
        blocks
    }

    fn list_items(&mut self) -> Vec<Vec<Block>> {
        let mut items = Vec::new();
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => items.push(self.blocks_until_end()),
                Event::End(_) => break,
                _ => {}
            }
        }
        items
    }

    /// Inlines up to the end of the enclosing inline container.
    fn inlines_until_end(&mut self) -> Vec<Inline> {
        let mut inlines = Vec::new();
        while let Some((event, range)) = self.events.next() {
            let inline = match event {
                Event::End(_) => break,
                Event::Start(tag) => Some(self.inline_start(tag, range)),
                event => self.inline_leaf(event, range),
            };
            if let Some(inline) = inline {
                push_inline(&mut inlines, inline);
            }
        }
        inlines
    }

    fn inline_start(&mut self, tag: Tag<'_>, range: Range<usize>) -> Inline {
        match tag {
            Tag::Strong => Inline::Strong {
                content: self.inlines_until_end(),
            },
            Tag::Emphasis => Inline::Emphasis {
                content: self.inlines_until_end(),
            },
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let url = match link_type {
                    LinkType::Email if !dest_url.starts_with("mailto:") => {
                        format!("mailto:{dest_url}")
                    }
                    _ => dest_url.to_string(),
                };
                Inline::Link {
                    url,
                    content: self.inlines_until_end(),
                }
            }
            _ => {
                self.skip_until_end();
                Inline::text(&self.source[range])
            }
        }
    }

    fn inline_leaf(&self, event: Event<'_>, range: Range<usize>) -> Option<Inline> {
        match event {
            // Entity references ("&amp;") print as typed, like everything else outside the subset.
            Event::Text(text) => {
                let typed = &self.source[range];
                let entity = typed.starts_with('&') && typed.ends_with(';') && typed != &*text;
                Some(Inline::text(if entity { typed } else { &*text }))
            }
            Event::SoftBreak => Some(Inline::text(" ")),
            Event::HardBreak => Some(Inline::LineBreak),
            // Code, HTML, math and the rest print as the user typed them.
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::InlineMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => Some(Inline::text(&self.source[range])),
            _ => None,
        }
    }

    fn skip_until_end(&mut self) {
        let mut depth = 0usize;
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return,
                Event::End(_) => depth -= 1,
                _ => {}
            }
        }
    }

    fn literal_block(&self, range: Range<usize>) -> Block {
        Block::plain(self.source[range].trim_end())
    }
}

/// Append an inline, merging neighbouring text runs.
fn push_inline(inlines: &mut Vec<Inline>, inline: Inline) {
    if let Inline::Text { text } = &inline
        && let Some(Inline::Text { text: last }) = inlines.last_mut()
    {
        last.push_str(text);
        return;
    }
    inlines.push(inline);
}

fn flush_inlines(inlines: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
    if !inlines.is_empty() {
        blocks.push(Block::Paragraph {
            content: std::mem::take(inlines),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::text(s)
    }

    #[test]
    fn paragraphs_and_emphasis() {
        let blocks = parse_blocks("One **bold** and *it*\nwrapped.\n\nTwo.");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph {
                    content: vec![
                        text("One "),
                        Inline::Strong {
                            content: vec![text("bold")]
                        },
                        text(" and "),
                        Inline::Emphasis {
                            content: vec![text("it")]
                        },
                        text(" wrapped."),
                    ]
                },
                Block::plain("Two."),
            ]
        );
    }

    #[test]
    fn lists_links_and_quotes() {
        let blocks = parse_blocks(
            "- a\n- [site](https://example.org)\n\n1. x\n2. y\n\n> quoted\n\n<ann@example.org>",
        );
        assert_eq!(
            blocks,
            vec![
                Block::BulletList {
                    items: vec![
                        vec![Block::plain("a")],
                        vec![Block::Paragraph {
                            content: vec![Inline::Link {
                                url: "https://example.org".into(),
                                content: vec![text("site")]
                            }]
                        }],
                    ]
                },
                Block::OrderedList {
                    start: 1,
                    items: vec![vec![Block::plain("x")], vec![Block::plain("y")]]
                },
                Block::Quote {
                    blocks: vec![Block::plain("quoted")]
                },
                Block::Paragraph {
                    content: vec![Inline::Link {
                        url: "mailto:ann@example.org".into(),
                        content: vec![text("ann@example.org")]
                    }]
                },
            ]
        );
    }

    #[test]
    fn text_nested_too_deeply_prints_as_typed() {
        let deep = format!("{}quoted", "> ".repeat(10_000));
        assert_eq!(parse_blocks(&deep), vec![Block::plain(deep.as_str())]);
        let shallow = "> > quoted";
        assert!(matches!(parse_blocks(shallow)[0], Block::Quote { .. }));
    }

    #[test]
    fn everything_outside_the_subset_prints_as_typed() {
        for source in [
            "# Not a heading",
            "`code`",
            "<lab>",
            "a <b>c</b>",
            "![alt](x.png)",
            "---",
            "    indented code",
            "$x$",
            "@ref",
            "#import \"x\": *",
            "back\\slash",
            "~~strike~~",
            "&amp; &copy; &#35;",
        ] {
            let blocks = parse_blocks(source);
            let printed: Vec<String> = blocks
                .iter()
                .map(|b| crate::model::plain_text(&block_inlines(b)))
                .collect();
            assert_eq!(printed.join("\n"), source.trim(), "for {source:?}");
        }
    }
}
