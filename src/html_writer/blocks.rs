//! The model's blocks and inlines as HTML elements: headings, numbered paragraphs, lists,
//! forms' fields, the agenda's items, pictures, call-outs and contents.

use crate::escape::{html_link, html_text};
use crate::format;
use crate::model::{Alignment, Block, Inline, Picture, Structure, StructureNode};
use crate::style::HouseStyle;

use super::{HtmlAsset, Ids, PageFrame};

/// Writes a page's main content, remembering what later blocks refer to.
pub(super) struct BodyWriter<'a> {
    pub(super) out: String,
    pub(super) style: &'a HouseStyle,
    frame: &'a PageFrame<'a>,
    pub(super) ids: Ids,
    /// The anchor the next heading takes.
    pending_anchor: Option<String>,
    /// The id and text of the last heading written, which names the tables under it.
    pub(super) last_heading: Option<(String, String)>,
    /// The names given to scrolling regions so far: each must be the page's only one.
    pub(super) region_names: std::collections::BTreeSet<String>,
    assets: Vec<HtmlAsset>,
}

/// The id a model's anchor has on the page: contents entries link to it.
pub(super) fn anchor_id(anchor: &str) -> String {
    format!("a-{}", super::id_characters(anchor))
}

impl<'a> BodyWriter<'a> {
    pub(super) fn new(style: &'a HouseStyle, frame: &'a PageFrame<'a>) -> Self {
        BodyWriter {
            out: String::new(),
            style,
            frame,
            ids: Ids::default(),
            pending_anchor: None,
            last_heading: None,
            region_names: std::collections::BTreeSet::new(),
            assets: Vec::new(),
        }
    }

    /// The content and the pictures it shows.
    pub(super) fn finish(self) -> (String, Vec<HtmlAsset>) {
        (self.out, self.assets)
    }

    /// Blocks in order; a run of agenda items is one ordered list.
    pub(super) fn blocks(&mut self, blocks: &[Block]) {
        let mut index = 0;
        while index < blocks.len() {
            if matches!(blocks[index], Block::AgendaItem { .. }) {
                let end = blocks[index..]
                    .iter()
                    .position(|block| !matches!(block, Block::AgendaItem { .. }))
                    .map_or(blocks.len(), |offset| index + offset);
                self.out.push_str("<ol class=\"agenda\">\n");
                for item in &blocks[index..end] {
                    self.agenda_item(item);
                }
                self.out.push_str("</ol>\n");
                index = end;
            } else {
                self.block(&blocks[index]);
                index += 1;
            }
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading {
                level,
                number,
                content,
            } => {
                let number = number.as_ref().map(|number| number.text.as_str());
                self.heading(*level, number, content, None);
            }
            Block::FieldHeading { level, content } => self.heading(*level, None, content, None),
            Block::Paragraph { content } => self.paragraph("", content),
            Block::LeadIn { content } => self.paragraph(" class=\"lead-in\"", content),
            Block::Numbered { number, blocks } => {
                self.out.push_str(&format!(
                    "<div class=\"numbered\"><span class=\"number\">{}</span><div class=\"numbered-body\">\n",
                    html_text(&number.text)
                ));
                self.blocks(blocks);
                self.out.push_str("</div></div>\n");
            }
            Block::BulletList { items } => self.list("<ul>", "</ul>", items),
            Block::OrderedList { start, items } => {
                let open = if *start == 1 {
                    "<ol>".to_string()
                } else {
                    format!("<ol start=\"{start}\">")
                };
                self.list(&open, "</ol>", items);
            }
            Block::Quote { blocks } => self.wrapped("<blockquote>", "</blockquote>", blocks),
            Block::Logo { alt } => {
                if let Some((href, frame_alt)) = self.frame.logo
                    && let Some(href) = html_link(href)
                {
                    let alt = if alt.is_empty() { frame_alt } else { alt };
                    self.out.push_str(&format!(
                        "<p class=\"logo\"><img src=\"{href}\" alt=\"{}\"></p>\n",
                        html_text(alt)
                    ));
                }
            }
            Block::Banner { lines } => {
                self.out.push_str("<p class=\"banner\">");
                for (index, line) in lines.iter().enumerate() {
                    if index > 0 {
                        self.out.push_str("<br>");
                    }
                    self.out.push_str(&html_text(line));
                }
                self.out.push_str("</p>\n");
            }
            Block::FieldTable { rows, beside } => {
                let class = if *beside { "fields beside" } else { "fields" };
                self.out.push_str(&format!("<dl class=\"{class}\">\n"));
                for row in rows {
                    self.out
                        .push_str(&format!("<div><dt>{}</dt><dd>", html_text(&row.label)));
                    self.blocks(&row.blocks);
                    self.out.push_str("</dd></div>\n");
                }
                self.out.push_str("</dl>\n");
            }
            Block::LabelledList { rows } => {
                self.out.push_str("<dl class=\"labelled\">\n");
                for row in rows {
                    self.out
                        .push_str(&format!("<div><dt>{}</dt><dd>", html_text(&row.label)));
                    self.inlines(&row.content);
                    self.out.push_str("</dd></div>\n");
                }
                self.out.push_str("</dl>\n");
            }
            Block::Indented { blocks } => {
                self.wrapped("<div class=\"indented\">", "</div>", blocks);
            }
            Block::Aligned { align, blocks } => {
                let open = match align {
                    Alignment::Right => "<div class=\"align-right\">",
                    Alignment::Center => "<div class=\"align-center\">",
                };
                self.wrapped(open, "</div>", blocks);
            }
            Block::AgendaItem { .. } => {
                self.out.push_str("<ol class=\"agenda\">\n");
                self.agenda_item(block);
                self.out.push_str("</ol>\n");
            }
            Block::PdfPages { title, .. } => {
                self.out
                    .push_str(&format!("<p class=\"supplied\">{}</p>\n", html_text(title)));
            }
            Block::Table(table) => self.table(table),
            Block::Chart(chart) => self.chart(chart),
            Block::Structure(structure) => self.structure(structure),
            Block::Picture(picture) => self.picture(picture),
            Block::Callouts { quotes } => {
                self.out.push_str("<div class=\"callouts\">\n");
                for quote in quotes {
                    self.out
                        .push_str("<figure class=\"callout\"><blockquote><p>");
                    self.inlines(&quote.content);
                    self.out.push_str("</p></blockquote>");
                    if let Some(attribution) = &quote.attribution {
                        self.out.push_str(&format!(
                            "<figcaption>{}</figcaption>",
                            html_text(attribution)
                        ));
                    }
                    self.out.push_str("</figure>\n");
                }
                self.out.push_str("</div>\n");
            }
            Block::Anchor { id } => self.pending_anchor = Some(anchor_id(id)),
            Block::Contents { title, entries } => {
                let id = self.ids.unique("contents");
                self.out.push_str(&format!(
                    "<nav class=\"contents\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n<ul>\n",
                    html_text(title)
                ));
                for entry in entries {
                    let text = match &entry.number {
                        Some(number) => format!("{number} {}", entry.text),
                        None => entry.text.clone(),
                    };
                    self.out.push_str(&format!(
                        "<li class=\"level-{}\"><a href=\"#{}\">{}</a></li>\n",
                        entry.level.min(6),
                        anchor_id(&entry.anchor),
                        html_text(&text)
                    ));
                }
                self.out.push_str("</ul>\n</nav>\n");
            }
            Block::Landscape { blocks } => self.blocks(blocks),
            Block::PageBreak => {}
        }
    }

    /// A heading of `level` (1 to 6), its number before it, and extra text after it.
    fn heading(
        &mut self,
        level: u8,
        number: Option<&str>,
        content: &[Inline],
        after: Option<&str>,
    ) {
        let level = level.clamp(1, 6);
        let id = match self.pending_anchor.take() {
            Some(anchor) => {
                self.ids.given.insert(anchor.clone());
                anchor
            }
            None => self.ids.unique("heading"),
        };
        self.out.push_str(&format!("<h{level} id=\"{id}\">"));
        if let Some(number) = number {
            self.out.push_str(&format!(
                "<span class=\"number\">{}</span> ",
                html_text(number)
            ));
        }
        self.inlines(content);
        if let Some(after) = after {
            self.out.push_str(&format!(
                " <span class=\"pages\">{}</span>",
                html_text(after)
            ));
        }
        self.out.push_str(&format!("</h{level}>\n"));
        let mut text = number
            .map(|number| format!("{number} "))
            .unwrap_or_default();
        text.push_str(&crate::model::plain_text(content));
        self.last_heading = Some((id, text));
    }

    fn paragraph(&mut self, attributes: &str, content: &[Inline]) {
        if content.is_empty() {
            return;
        }
        self.out.push_str(&format!("<p{attributes}>"));
        self.inlines(content);
        self.out.push_str("</p>\n");
    }

    fn list(&mut self, open: &str, close: &str, items: &[Vec<Block>]) {
        self.out.push_str(open);
        self.out.push('\n');
        for item in items {
            self.out.push_str("<li>");
            self.blocks(item);
            self.out.push_str("</li>\n");
        }
        self.out.push_str(close);
        self.out.push('\n');
    }

    fn wrapped(&mut self, open: &str, close: &str, blocks: &[Block]) {
        self.out.push_str(open);
        self.out.push('\n');
        self.blocks(blocks);
        self.out.push_str(close);
        self.out.push('\n');
    }

    fn agenda_item(&mut self, block: &Block) {
        let Block::AgendaItem {
            number,
            level,
            title,
            pages,
            description,
            ..
        } = block
        else {
            return;
        };
        self.out.push_str("<li>");
        let pages = pages.map(|range| format::page_range(range, &self.style.labels));
        self.heading(*level, Some(&number.text), title, pages.as_deref());
        self.blocks(description);
        self.out.push_str("</li>\n");
    }

    /// Inline content.
    pub(super) fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => self.out.push_str(&html_text(text)),
                Inline::Strong { content } => {
                    self.out.push_str("<strong>");
                    self.inlines(content);
                    self.out.push_str("</strong>");
                }
                Inline::Emphasis { content } => {
                    self.out.push_str("<em>");
                    self.inlines(content);
                    self.out.push_str("</em>");
                }
                Inline::Link { url, content } => match html_link(url) {
                    Some(href) => {
                        self.out.push_str(&format!("<a href=\"{href}\">"));
                        self.inlines(content);
                        self.out.push_str("</a>");
                    }
                    None => self.inlines(content),
                },
                Inline::LineBreak => self.out.push_str("<br>"),
            }
        }
    }

    fn structure(&mut self, structure: &Structure) {
        fn node(out: &mut String, boxed: &StructureNode) {
            out.push_str(&format!("<li><span>{}</span>", html_text(&boxed.label)));
            if !boxed.children.is_empty() {
                out.push_str("<ul>");
                for child in &boxed.children {
                    node(out, child);
                }
                out.push_str("</ul>");
            }
            out.push_str("</li>");
        }
        self.out.push_str(&format!(
            "<figure class=\"structure\"><figcaption>{}</figcaption><ul class=\"tree\">",
            html_text(&structure.title)
        ));
        node(&mut self.out, &structure.root);
        self.out.push_str("</ul></figure>\n");
    }

    fn picture(&mut self, picture: &Picture) {
        let file_name = picture
            .file
            .name
            .rsplit('/')
            .next()
            .unwrap_or(picture.file.name.as_str());
        let path = format!("{}{file_name}", self.frame.asset_prefix);
        if !self.assets.iter().any(|asset| asset.path == path) {
            self.assets.push(HtmlAsset {
                path: path.clone(),
                bytes: picture.file.bytes.clone(),
            });
        }
        self.out.push_str(&format!(
            "<figure class=\"picture\"><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\">",
            html_link(&path).unwrap_or_default(),
            html_text(&picture.alt),
            picture.width.max(1.0).round() as u32,
            picture.height.max(1.0).round() as u32,
        ));
        if let Some(caption) = &picture.caption {
            self.out
                .push_str(&format!("<figcaption>{}</figcaption>", html_text(caption)));
        }
        self.out.push_str("</figure>\n");
    }
}
