//! The HTML writer: the document model as one accessible HTML5 page, with no script.
//!
//! Pure like the other writers: the blocks, the house style and a [`PageFrame`] (what surrounds
//! the paper on the website) in, the page's text and the pictures it shows out. Every piece of
//! user text goes through [`crate::escape`], so a name with `<` or `{{` prints as typed.

mod blocks;
mod charts;
mod stylesheet;
mod tables;

use std::collections::BTreeSet;

use crate::escape::{html_link, html_text};
use crate::model::Block;
use crate::style::HouseStyle;

pub use stylesheet::{BUILT_IN_CSS, stylesheet};

/// A page written: its HTML and the files it refers to, to be written beside it.
#[derive(Debug, Clone)]
pub struct HtmlPage {
    /// The whole page.
    pub html: String,
    /// The pictures it shows, each once.
    pub assets: Vec<HtmlAsset>,
}

/// A file a page refers to by a relative path.
#[derive(Debug, Clone)]
pub struct HtmlAsset {
    /// Its path relative to the page ("pictures/<hash>.png").
    pub path: String,
    /// Its bytes.
    pub bytes: std::sync::Arc<[u8]>,
}

/// What surrounds a paper on the website.
#[derive(Debug, Clone, Copy)]
pub struct PageFrame<'a> {
    /// The page's title (the browser's tab, a search result).
    pub title: &'a str,
    /// Its language ("en-GB").
    pub lang: &'a str,
    /// The site's stylesheet, relative to the page.
    pub stylesheet: &'a str,
    /// The council, named in the page's header.
    pub site_name: &'a str,
    /// Where the page sits (text, relative address), from the site's top.
    pub breadcrumbs: &'a [(String, String)],
    /// Other forms of this paper, or the meeting's own files (text, relative address), listed
    /// before the paper.
    pub downloads: &'a [(String, String)],
    /// The logo's address and its text alternative, for a [`Block::Logo`].
    pub logo: Option<(&'a str, &'a str)>,
    /// The folder of the page's pictures, relative to it ("pictures/").
    pub asset_prefix: &'a str,
}

/// The page of `blocks` in `frame`.
pub fn write_html(blocks: &[Block], style: &HouseStyle, frame: &PageFrame<'_>) -> HtmlPage {
    let mut body = blocks::BodyWriter::new(style, frame);
    body.blocks(blocks);
    let (main, assets) = body.finish();
    let mut html = String::with_capacity(main.len() + 2048);
    html.push_str("<!DOCTYPE html>\n");
    html.push_str(&format!(
        "<html lang=\"{}\">\n<head>\n",
        html_text(frame.lang)
    ));
    html.push_str("<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!("<title>{}</title>\n", html_text(frame.title)));
    if let Some(href) = html_link(frame.stylesheet) {
        html.push_str(&format!("<link rel=\"stylesheet\" href=\"{href}\">\n"));
    }
    html.push_str("</head>\n<body>\n");
    html.push_str(&format!(
        "<header class=\"site\"><p class=\"site-name\">{}</p></header>\n",
        html_text(frame.site_name)
    ));
    if !frame.breadcrumbs.is_empty() {
        html.push_str("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">");
        push_link_list(&mut html, "ol", "", frame.breadcrumbs);
        html.push_str("</nav>\n");
    }
    html.push_str("<main>\n");
    if !frame.downloads.is_empty() {
        push_link_list(&mut html, "ul", " class=\"downloads\"", frame.downloads);
        html.push('\n');
    }
    html.push_str(&main);
    html.push_str("</main>\n</body>\n</html>\n");
    HtmlPage { html, assets }
}

/// A list (`ol` or `ul`, with `attributes`) of links.
fn push_link_list(out: &mut String, list: &str, attributes: &str, links: &[(String, String)]) {
    out.push_str(&format!("<{list}{attributes}>"));
    for (text, href) in links {
        out.push_str("<li>");
        push_link(out, text, href);
        out.push_str("</li>");
    }
    out.push_str(&format!("</{list}>"));
}

/// A link, or its text alone where the address is not one a page may follow.
fn push_link(out: &mut String, text: &str, href: &str) {
    match html_link(href) {
        Some(href) => out.push_str(&format!("<a href=\"{href}\">{}</a>", html_text(text))),
        None => out.push_str(&html_text(text)),
    }
}

/// `text` with every character an id may not hold made `-`.
fn id_characters(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Ids already given on a page, and making new ones unique.
#[derive(Default)]
struct Ids {
    given: BTreeSet<String>,
}

impl Ids {
    /// `wanted` made a valid id (letters, digits, `-`, `_`), unique on the page.
    fn unique(&mut self, wanted: &str) -> String {
        let mut base: String = wanted
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
            base.insert_str(0, "id-");
        }
        let mut id = base.clone();
        let mut count = 1;
        while self.given.contains(&id) {
            count += 1;
            id = format!("{base}-{count}");
        }
        self.given.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests;
