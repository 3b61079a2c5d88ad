//! The Markdown subset of body text: paragraphs, bold, italic, links (and bare web and email
//! addresses made links), lists, block quotes, pipe tables and pictures.
//!
//! A picture, `![Alternative text](path "Caption")`, is shown when it is a paragraph of its
//! own; the caller reads its file ([`parse_blocks_with_pictures`]) and is told of every other,
//! so that one written inside a sentence or a table cell can be refused rather than printed.
//! Anything else a user types (headings, code, HTML, rules) is printed exactly as typed, taken
//! from the source text, so no character ever changes meaning on the way to a writer.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{Alignment, Event, LinkType, OffsetIter, Options, Parser, Tag, TagEnd};

use crate::model::{Block, Cell, Inline, Table, TableRow};

/// The deepest nesting of quotes, lists and emphasis that is read as Markdown. Real text nests
/// two or three levels; text nested deeper (a thousand `>`) prints as typed, so that no input
/// can exhaust the stack of a writer or the typesetter.
pub const MOST_NESTING: usize = 16;

/// How deeply `source`'s Markdown containers nest.
fn nesting(source: &str) -> usize {
    let mut depth: usize = 0;
    let mut deepest = 0;
    for event in Parser::new_ext(source, Options::ENABLE_TABLES) {
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

/// Parse Markdown body text into blocks, pipe tables among them; a web address or an email
/// address typed bare becomes a link. Pictures print as typed (see
/// [`parse_blocks_with_pictures`]).
pub fn parse_blocks(source: &str) -> Vec<Block> {
    parse_blocks_with_pictures(source, &mut |_| None)
}

/// Where a picture written in Markdown stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PicturePlacement {
    /// A paragraph of its own (or the whole text of a list item): the one place a picture is
    /// shown.
    Alone,
    /// Among the words of a paragraph, or inside a link or emphasis.
    InText,
    /// In a cell of a pipe table, which holds text only.
    InTableCell,
}

/// A picture written in Markdown, `![Alternative text](path "Caption")`, as its author wrote
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureReference<'a> {
    /// The text between the square brackets, as plain text.
    pub alt: String,
    /// The file's path as written (Markdown's link destination).
    pub path: String,
    /// The quoted text after the path (Markdown's title), if any.
    pub caption: Option<String>,
    /// The picture's Markdown, as typed, to find it by in its file.
    pub typed: &'a str,
    /// Where it stands.
    pub placement: PicturePlacement,
}

/// What becomes of the pictures in Markdown: called once for each, in reading order. The block
/// it returns for a picture standing [alone](PicturePlacement::Alone) takes its place (`None`
/// leaves it printed as typed); for any other its answer is not used.
pub type ShowPicture<'h> = dyn FnMut(&PictureReference<'_>) -> Option<Block> + 'h;

/// [`parse_blocks`], each picture passed to `show`.
pub fn parse_blocks_with_pictures(source: &str, show: &mut ShowPicture<'_>) -> Vec<Block> {
    let mut blocks = parse(source, Options::ENABLE_TABLES, Some(show));
    link_addresses_in_blocks(&mut blocks);
    blocks
}

/// Text with each bare web address ("https://…", "www.…") and email address made a link, the
/// rest as it is: for plain fields such as a meeting's venue, and for body text.
pub fn linkify(text: &str) -> Vec<Inline> {
    let mut inlines = Vec::new();
    let mut rest = text;
    while let Some((start, end, url)) = next_address(rest) {
        if start > 0 {
            inlines.push(Inline::text(&rest[..start]));
        }
        inlines.push(Inline::Link {
            url,
            content: vec![Inline::text(&rest[start..end])],
        });
        rest = &rest[end..];
    }
    if !rest.is_empty() || inlines.is_empty() {
        inlines.push(Inline::text(rest));
    }
    inlines
}

/// The first address in `text`: where it starts and ends, and the link it makes. One pass over
/// the text, so no text (a million "www."s) can make it slow.
fn next_address(text: &str) -> Option<(usize, usize, String)> {
    for (at, c) in text.char_indices() {
        let found = match c {
            '@' => email_around(text, at),
            'h' | 'w' if at_word_start(text, at) => web_at(text, at),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The web address starting at `at` ("https://…", "http://…", "www.…"), if one does.
fn web_at(text: &str, at: usize) -> Option<(usize, usize, String)> {
    let rest = &text[at..];
    let prefix = ["https://", "http://", "www."]
        .into_iter()
        .find(|prefix| rest.starts_with(prefix))?;
    let end = address_end(text, at);
    let address = &text[at..end];
    let host = &address[prefix.len().min(address.len())..];
    // "www." or "https://" alone, or a host without a dot after "www.", stays text.
    let is_address = if prefix == "www." {
        host.contains('.')
    } else {
        !host.is_empty()
    };
    if !is_address {
        return None;
    }
    let url = if prefix == "www." {
        format!("https://{address}")
    } else {
        address.to_string()
    };
    Some((at, end, url))
}

/// Whether `at` starts a word: the text's start, or after a space or an opening bracket.
fn at_word_start(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '\''))
}

/// Where an address that starts at `at` ends: at a space or a character addresses do not
/// hold, less the punctuation that ends a sentence around it (a closing bracket only when the
/// address does not open one).
fn address_end(text: &str, at: usize) -> usize {
    let mut end = text[at..]
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''))
        .map_or(text.len(), |length| at + length);
    let opened = text[at..end].matches('(').count();
    let mut closed = text[at..end].matches(')').count();
    while let Some(last) = text[at..end].chars().next_back() {
        let unbalanced = last == ')' && opened < closed;
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | ']') || unbalanced {
            if last == ')' {
                closed -= 1;
            }
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// The email address around the `@` at `at` ("name@example.org"): where it starts and ends,
/// and its `mailto:` link; none when what surrounds it is not an address.
fn email_around(text: &str, at: usize) -> Option<(usize, usize, String)> {
    let local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let domain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    let mut start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| local(*c))
        .last()
        .map_or(at, |(index, _)| index);
    // An address's name starts with a letter or digit.
    while start < at && text[start..].starts_with(['.', '-', '_', '%', '+']) {
        start += 1;
    }
    let mut end = text[at + 1..]
        .find(|c: char| !domain(c))
        .map_or(text.len(), |length| at + 1 + length);
    while end > at + 1 && text[..end].ends_with(['.', '-']) {
        end -= 1;
    }
    let host = &text[at + 1..end];
    let top = host.rsplit('.').next().unwrap_or_default();
    let has_top_level =
        host.contains('.') && top.len() >= 2 && top.chars().all(|c| c.is_ascii_alphabetic());
    (start < at && has_top_level && at_word_start(text, start))
        .then(|| (start, end, format!("mailto:{}", &text[start..end])))
}

/// Each bare address in the text of `blocks` made a link (never inside a link already).
fn link_addresses_in_blocks(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Paragraph { content } => *content = link_addresses(std::mem::take(content)),
            Block::BulletList { items } | Block::OrderedList { items, .. } => {
                for item in items {
                    link_addresses_in_blocks(item);
                }
            }
            Block::Quote { blocks } => link_addresses_in_blocks(blocks),
            _ => {}
        }
    }
}

fn link_addresses(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut linked = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text { text } => {
                for piece in linkify(&text) {
                    push_inline(&mut linked, piece);
                }
            }
            Inline::Strong { content } => linked.push(Inline::Strong {
                content: link_addresses(content),
            }),
            Inline::Emphasis { content } => linked.push(Inline::Emphasis {
                content: link_addresses(content),
            }),
            other => linked.push(other),
        }
    }
    linked
}

fn parse(source: &str, options: Options, show: Option<&mut ShowPicture<'_>>) -> Vec<Block> {
    if nesting(source) > MOST_NESTING {
        return vec![Block::plain(source)];
    }
    let mut converter = Converter {
        source,
        events: Parser::new_ext(source, options)
            .into_offset_iter()
            .peekable(),
        found: Vec::new(),
        show,
    };
    converter.blocks_until_end()
}

/// Parse Markdown expected to be a single paragraph into inlines (paragraph breaks become spaces).
pub fn parse_inlines(source: &str) -> Vec<Inline> {
    let mut inlines = Vec::new();
    // A single line of text has no room for a table, nor a picture: they print as typed.
    for block in parse(source, Options::empty(), None) {
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

struct Converter<'a, 'h, 's> {
    source: &'a str,
    events: Peekable<OffsetIter<'a>>,
    /// Pictures met and not yet settled: a paragraph, a list item's text or a table settles
    /// those it holds when it ends, knowing then whether one stood alone.
    found: Vec<FoundPicture>,
    /// What becomes of each picture, when the caller shows pictures.
    show: Option<&'h mut ShowPicture<'s>>,
}

/// A picture met in the Markdown, before its placement is known.
struct FoundPicture {
    /// Its Markdown in the source.
    range: Range<usize>,
    alt: String,
    path: String,
    caption: Option<String>,
}

impl Converter<'_, '_, '_> {
    /// Blocks up to the end of the enclosing container (or of the input).
    fn blocks_until_end(&mut self) -> Vec<Block> {
        let mut blocks = Vec::new();
        // Tight list items hold inline content without a paragraph around it.
        let mut loose_inlines: Vec<Inline> = Vec::new();
        // The first picture met among them.
        let mut loose_first = self.found.len();
        while let Some((event, range)) = self.events.next() {
            let block = match event {
                Event::End(_) => break,
                Event::Start(Tag::Paragraph) => {
                    let first = self.found.len();
                    let content = self.inlines_until_end();
                    self.paragraph_or_picture(content, first)
                }
                Event::Start(Tag::BlockQuote(_)) => Block::Quote {
                    blocks: self.blocks_until_end(),
                },
                // A row with more cells than the header would lose them: the table prints as
                // typed, so the author sees it.
                Event::Start(Tag::Table(_))
                    if has_rows_wider_than_header(&self.source[range.clone()]) =>
                {
                    self.skip_until_end();
                    self.literal_block(range)
                }
                Event::Start(Tag::Table(alignments)) => {
                    let first = self.found.len();
                    let table = self.table(&alignments);
                    for picture in self.found.split_off(first) {
                        self.tell(&picture, PicturePlacement::InTableCell);
                    }
                    Block::Table(Box::new(table))
                }
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
            self.flush_inlines(&mut loose_inlines, loose_first, &mut blocks);
            loose_first = self.found.len();
            blocks.push(block);
        }
        self.flush_inlines(&mut loose_inlines, loose_first, &mut blocks);
        blocks
    }

    /// A list item's loose text, if any, as a paragraph (or the picture it is) in `blocks`.
    fn flush_inlines(&mut self, inlines: &mut Vec<Inline>, first: usize, blocks: &mut Vec<Block>) {
        if !inlines.is_empty() {
            let content = std::mem::take(inlines);
            blocks.push(self.paragraph_or_picture(content, first));
        }
    }

    /// The paragraph of `content`, or, when it is one picture alone, the block the caller
    /// shows for it. Each picture met since `first` is settled: told to the caller with its
    /// placement.
    fn paragraph_or_picture(&mut self, content: Vec<Inline>, first: usize) -> Block {
        let pictures = self.found.split_off(first.min(self.found.len()));
        let alone = match (pictures.as_slice(), content.as_slice()) {
            ([picture], [Inline::Text { text }]) => *text == self.source[picture.range.clone()],
            _ => false,
        };
        let mut shown = None;
        for picture in &pictures {
            if alone {
                shown = self.tell(picture, PicturePlacement::Alone);
            } else {
                self.tell(picture, PicturePlacement::InText);
            }
        }
        shown.unwrap_or(Block::Paragraph { content })
    }

    /// Tell the caller of a picture and where it stands; its answer.
    fn tell(&mut self, picture: &FoundPicture, placement: PicturePlacement) -> Option<Block> {
        let show = self.show.as_mut()?;
        show(&PictureReference {
            alt: picture.alt.clone(),
            path: picture.path.clone(),
            caption: picture.caption.clone(),
            typed: &self.source[picture.range.clone()],
            placement,
        })
    }

    /// The text of a picture's alternative (up to the end of the picture), as plain text.
    fn alternative_text(&mut self) -> String {
        let mut depth = 0usize;
        let mut text = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(words) | Event::Code(words) => text.push_str(&words),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        text
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
            // Printed as typed until its paragraph ends and shows whether it stood alone.
            Tag::Image {
                dest_url, title, ..
            } => {
                let alt = self.alternative_text();
                self.found.push(FoundPicture {
                    range: range.clone(),
                    alt,
                    path: dest_url.to_string(),
                    caption: (!title.is_empty()).then(|| title.to_string()),
                });
                Inline::text(&self.source[range])
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

    /// A pipe table: its header row as the table's header (repeated on each page, a header to a
    /// screen reader), its rows, each column aligned as the author marked it or, unmarked,
    /// to the right when every cell of it is a figure.
    fn table(&mut self, alignments: &[Alignment]) -> Table {
        let mut header: Vec<String> = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut row: Vec<String> = Vec::new();
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead | Tag::TableRow) => row.clear(),
                Event::End(TagEnd::TableHead) => header = std::mem::take(&mut row),
                Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
                Event::Start(Tag::TableCell) => {
                    let content = self.inlines_until_end();
                    row.push(cell_text(&content));
                }
                _ => {}
            }
        }
        let columns = header.len().max(1);
        header.resize(columns, String::new());
        let align = |column: usize| match alignments.get(column) {
            Some(Alignment::Left) => CellAlignment::Left,
            Some(Alignment::Center) => CellAlignment::Centre,
            Some(Alignment::Right) => CellAlignment::Right,
            _ => {
                let cells = rows.iter().filter_map(|row| row.get(column));
                let mut filled = cells.filter(|text| !text.is_empty()).peekable();
                if filled.peek().is_some() && filled.all(|text| is_figure(text)) {
                    CellAlignment::Right
                } else {
                    CellAlignment::Left
                }
            }
        };
        let aligned: Vec<CellAlignment> = (0..columns).map(align).collect();
        let widths = (0..columns)
            .map(|column| {
                let longest = std::iter::once(&header)
                    .chain(&rows)
                    .filter_map(|row| row.get(column))
                    .map(|text| text.chars().count())
                    .max()
                    .unwrap_or(1);
                longest.clamp(4, 30) as f32
            })
            .collect();
        let rows = rows
            .into_iter()
            .map(|row| TableRow::Cells {
                cells: (0..columns)
                    .map(|column| {
                        let text = row.get(column).cloned().unwrap_or_default();
                        match aligned[column] {
                            CellAlignment::Left => Cell::text(text),
                            CellAlignment::Centre => Cell::centred(text),
                            CellAlignment::Right => Cell::number(text),
                        }
                    })
                    .collect(),
            })
            .collect();
        Table {
            widths,
            header: vec![header.into_iter().map(Cell::header).collect()],
            rows,
            font_size: TABLE_TEXT_SIZE,
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

/// Whether a pipe table's source has a row with more cells than its header row, which a
/// Markdown table would drop.
fn has_rows_wider_than_header(table: &str) -> bool {
    let cells = |line: &str| {
        let line = line.trim();
        let line = line.strip_prefix('|').unwrap_or(line);
        let line = line.strip_suffix('|').unwrap_or(line);
        let bytes = line.as_bytes();
        1 + (0..bytes.len())
            .filter(|&index| bytes[index] == b'|' && (index == 0 || bytes[index - 1] != b'\\'))
            .count()
    };
    let mut lines = table.lines().filter(|line| !line.trim().is_empty());
    let Some(header) = lines.next() else {
        return false;
    };
    let header = cells(header);
    lines.skip(1).any(|row| cells(row) > header)
}

/// A table cell's text: its words, and a link's address after its words where they differ, so
/// nothing the author wrote is lost from a cell that holds only text.
fn cell_text(content: &[Inline]) -> String {
    let mut text = String::new();
    for inline in content {
        match inline {
            Inline::Link { url, content } => {
                let words = crate::model::plain_text(content);
                let address = url.strip_prefix("mailto:").unwrap_or(url);
                text.push_str(&words);
                if words.trim() != address {
                    text.push_str(&format!(" ({address})"));
                }
            }
            Inline::Strong { content } | Inline::Emphasis { content } => {
                text.push_str(&cell_text(content));
            }
            other => text.push_str(&crate::model::plain_text(std::slice::from_ref(other))),
        }
    }
    text.trim().to_string()
}

/// The text size of a table in body text, in points: smaller than the body, as council tables are.
const TABLE_TEXT_SIZE: f32 = 10.0;

/// How a column of a pipe table is aligned.
#[derive(Clone, Copy)]
enum CellAlignment {
    Left,
    Centre,
    Right,
}

/// Whether a cell's text is a figure ("1,167", "91.3%", "£2.5m", "-4", "(12)"), which reads
/// best aligned to the right.
fn is_figure(text: &str) -> bool {
    let core = text
        .trim()
        .trim_start_matches(['£', '$', '€', '+', '-', '−', '('])
        .trim_end_matches(['%', ')', 'm', 'k', 'M', 'K', 'p']);
    !core.is_empty()
        && core.chars().any(|c| c.is_ascii_digit())
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
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
    fn pipe_tables_are_tables_with_a_header_and_figures_to_the_right() {
        let blocks = parse_blocks(
            "Placements at year end:\n\n| Placement | Children | Share |\n|---|---|:-:|\n| Foster care | 1,167 | 61.7% |\n| **Residential** | 84 | 4.4% |\n| Other | *n/a* | - |\n",
        );
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        let Block::Table(table) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        let header: Vec<&str> = table.header[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(header, ["Placement", "Children", "Share"]);
        let TableRow::Cells { cells } = &table.rows[1] else {
            panic!()
        };
        // Markdown inside a cell prints as its text; figures sit right, marked columns as marked.
        assert_eq!(cells[0].text, "Residential");
        assert_eq!(cells[0].align, crate::model::CellAlign::Left);
        assert_eq!(cells[2].align, crate::model::CellAlign::Center);
        let TableRow::Cells { cells } = &table.rows[0] else {
            panic!()
        };
        // "n/a" in the column keeps it to the left; all-figure columns go right.
        assert_eq!(cells[1].align, crate::model::CellAlign::Left);
        let figures = parse_blocks("| A | B |\n|---|---|\n| x | £2.5m |\n| y | (12) |\n");
        let Block::Table(table) = &figures[0] else {
            panic!()
        };
        let TableRow::Cells { cells } = &table.rows[0] else {
            panic!()
        };
        assert_eq!(cells[1].align, crate::model::CellAlign::Right);
        // A row longer than the header prints as typed, losing nothing.
        let ragged = "| A |\n|---|\n| x | 1 | extra |";
        let blocks = parse_blocks(ragged);
        assert!(
            matches!(&blocks[..], [Block::Paragraph { .. }]),
            "{blocks:?}"
        );
        let printed = crate::model::plain_text(&block_inlines(&blocks[0]));
        assert_eq!(printed, ragged);
        // A link in a cell keeps its address.
        let linked = parse_blocks("| A |\n|---|\n| [site](https://example.org/x) |\n");
        let Block::Table(table) = &linked[0] else {
            panic!()
        };
        let TableRow::Cells { cells } = &table.rows[0] else {
            panic!()
        };
        assert_eq!(cells[0].text, "site (https://example.org/x)");
        // In a single line (a title, a headline) pipes print as typed.
        let line = parse_inlines("| A | B |\n|---|---|\n| x | y |");
        assert!(crate::model::plain_text(&line).contains("| A | B |"));
    }

    /// The links of `text`, and all of its text, as linkify finds them.
    fn links(text: &str) -> (Vec<String>, String) {
        let inlines = linkify(text);
        let urls = inlines
            .iter()
            .filter_map(|inline| match inline {
                Inline::Link { url, .. } => Some(url.clone()),
                _ => None,
            })
            .collect();
        (urls, crate::model::plain_text(&inlines))
    }

    #[test]
    fn bare_addresses_become_links_and_the_text_stays_whole() {
        let cases: [(&str, &[&str]); 9] = [
            (
                "Watch at https://example.org/live?x=1.",
                &["https://example.org/live?x=1"],
            ),
            (
                "Online (www.example.gov.uk/meetings), or",
                &["https://www.example.gov.uk/meetings"],
            ),
            ("Ask jo.lee@example.org.", &["mailto:jo.lee@example.org"]),
            (
                "Both: a@b.co and https://x.org",
                &["mailto:a@b.co", "https://x.org"],
            ),
            ("Not www. or https:// or a@b or @home or .@x.org", &[]),
            (
                "Teams (https://t.example/j/1(2)) today",
                &["https://t.example/j/1(2)"],
            ),
            ("no links here", &[]),
            ("", &[]),
            (
                "émail: zoë@example.org — https://é.example/ü",
                &["https://é.example/ü"],
            ),
        ];
        for (text, expected) in cases {
            let (urls, printed) = links(text);
            assert_eq!(urls, expected, "for {text:?}");
            assert_eq!(printed, text, "the text of {text:?} is kept whole");
        }
        // In body text, not inside a link the author wrote.
        let blocks = parse_blocks("See [our site](https://example.org) or www.example.org.");
        let Block::Paragraph { content } = &blocks[0] else {
            panic!()
        };
        let links: Vec<&Inline> = content
            .iter()
            .filter(|inline| matches!(inline, Inline::Link { .. }))
            .collect();
        assert_eq!(links.len(), 2, "{content:?}");
    }

    #[test]
    fn long_text_of_near_addresses_is_linked_in_one_pass() {
        // Each of these would take minutes if an address were looked for from each candidate
        // afresh, or its closing brackets counted again for each one dropped.
        for text in [
            "www. ".repeat(200_000),
            "a@".repeat(200_000),
            format!("https://x.org/{}", ")".repeat(200_000)),
            format!("{}@x", "a.".repeat(200_000)),
        ] {
            let linked = linkify(&text);
            assert_eq!(crate::model::plain_text(&linked), text);
        }
    }

    /// A picture as the caller was told of it: alternative text, path, caption, placement.
    type Told = (String, String, Option<String>, PicturePlacement);

    /// What `source` shows when every picture standing alone is shown: the blocks (a picture
    /// as a paragraph "PICTURE <path>"), and each picture as the caller was told of it.
    fn with_pictures(source: &str) -> (Vec<Block>, Vec<Told>) {
        let mut told = Vec::new();
        let blocks = parse_blocks_with_pictures(source, &mut |picture| {
            told.push((
                picture.alt.clone(),
                picture.path.clone(),
                picture.caption.clone(),
                picture.placement,
            ));
            assert!(source.contains(picture.typed), "{}", picture.typed);
            Some(Block::plain(format!("PICTURE {}", picture.path)))
        });
        (blocks, told)
    }

    #[test]
    fn a_picture_alone_in_its_paragraph_is_shown_with_its_alternative_text_and_caption() {
        let (blocks, told) = with_pictures(
            "Before.\n\n![A *plan* of the `site`](pictures/site-plan.png \"Figure 1: The site\")\n\nAfter.",
        );
        assert_eq!(
            blocks,
            vec![
                Block::plain("Before."),
                Block::plain("PICTURE pictures/site-plan.png"),
                Block::plain("After."),
            ]
        );
        assert_eq!(
            told,
            vec![(
                "A plan of the site".to_string(),
                "pictures/site-plan.png".to_string(),
                Some("Figure 1: The site".to_string()),
                PicturePlacement::Alone
            )]
        );
        // Without a title there is no caption; an empty one is no caption either.
        let (_, told) = with_pictures("![Alt](a.png)\n\n![Alt](<b c.png> \"\")");
        assert_eq!(told[0].2, None);
        assert_eq!(
            told[1].1, "b c.png",
            "a path in angle brackets may hold spaces"
        );
        assert_eq!(told[1].2, None);
    }

    #[test]
    fn a_picture_in_a_list_item_is_shown_in_the_item() {
        for source in [
            "- ![Alt](a.png)\n- Text",
            "- ![Alt](a.png)\n\n- Text",
            "1. Text\n\n   ![Alt](a.png)",
        ] {
            let (blocks, told) = with_pictures(source);
            assert_eq!(told.len(), 1, "{source}");
            assert_eq!(told[0].3, PicturePlacement::Alone, "{source}");
            let items = match &blocks[0] {
                Block::BulletList { items } | Block::OrderedList { items, .. } => items,
                other => panic!("{other:?}"),
            };
            assert!(
                items
                    .iter()
                    .flatten()
                    .any(|block| *block == Block::plain("PICTURE a.png")),
                "{source}: {blocks:?}"
            );
        }
    }

    #[test]
    fn a_picture_among_words_or_in_a_table_is_told_and_printed_as_typed() {
        for (source, placement) in [
            ("See ![Alt](a.png) here.", PicturePlacement::InText),
            ("![Alt](a.png) ![Alt](b.png)", PicturePlacement::InText),
            ("![Alt](a.png)\n![Alt](b.png)", PicturePlacement::InText),
            ("**![Alt](a.png)**", PicturePlacement::InText),
            (
                "[![Alt](a.png)](https://example.org)",
                PicturePlacement::InText,
            ),
            ("- Item ![Alt](a.png)", PicturePlacement::InText),
            (
                "| A |\n|---|\n| ![Alt](a.png) |",
                PicturePlacement::InTableCell,
            ),
        ] {
            let (blocks, told) = with_pictures(source);
            assert!(!told.is_empty(), "{source}");
            assert!(
                told.iter().all(|picture| picture.3 == placement),
                "{source}: {told:?}"
            );
            let printed: String = blocks
                .iter()
                .map(|block| match block {
                    Block::Table(table) => match &table.rows[0] {
                        TableRow::Cells { cells } => cells[0].text.clone(),
                        TableRow::Group { text } => text.clone(),
                    },
                    other => crate::model::plain_text(&block_inlines(other)),
                })
                .collect();
            assert!(printed.contains("![Alt](a.png)"), "{source}: {printed}");
            assert!(!printed.contains("PICTURE"), "{source}: {printed}");
        }
        // Without a caller to show them, pictures print as typed, and a single line never
        // holds one.
        assert_eq!(
            parse_blocks("![Alt](a.png)"),
            vec![Block::plain("![Alt](a.png)")]
        );
        assert_eq!(
            crate::model::plain_text(&parse_inlines("![Alt](a.png)")),
            "![Alt](a.png)"
        );
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
