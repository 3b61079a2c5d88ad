//! The website says what the PDFs say: every word a paper's PDF prints (page furniture aside)
//! is on its web pages, and every word of a pack's agenda front sheet on the meeting's page.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::*;

/// The words a reader hears in the page's main content (`<main>`), as a screen reader gives
/// them: text, list items' numbers, and pictures' text alternatives; no header, breadcrumbs or
/// footer.
const MAIN_TEXT: &str = r#"
import html.parser, sys
BLOCK = {"br", "p", "li", "td", "th", "dt", "dd", "div", "h1", "h2", "h3", "h4", "h5", "h6",
         "tspan", "text", "title", "desc", "figcaption", "summary", "tr"}
class Main(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.words = []
        self.lists = []
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.depth += 1
        if tag in BLOCK:
            self.words.append("\n")
        if not self.depth:
            return
        if tag == "ol":
            self.lists.append(int(attrs.get("start", "1")) if "agenda" not in (attrs.get("class") or "") else None)
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "li" and self.lists and self.lists[-1] is not None:
            self.words.append(f"{self.lists[-1]}. ")
            self.lists[-1] += 1
        elif tag == "img" and attrs.get("alt"):
            self.words.append(" " + attrs["alt"] + " ")
    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if self.depth and tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag in BLOCK:
            self.words.append("\n")
    def handle_data(self, data):
        if self.depth:
            self.words.append(data)
for path in sys.argv[1:]:
    parser = Main()
    parser.feed(open(path, encoding="utf-8").read())
    lines = [" ".join(line.split()) for line in "".join(parser.words).split("\n")]
    print("\t".join(line for line in lines if line))
"#;

/// The main text of each page, in order, its lines as the PDF's are normalised.
fn main_texts(pages: &[PathBuf]) -> Vec<String> {
    let args: Vec<&str> = pages.iter().map(|page| page.to_str().unwrap()).collect();
    python(MAIN_TEXT, &args)
        .lines()
        .map(|page| normalise(&page.replace('\t', "\n")))
        .collect()
}

/// The folder's manifest entries.
fn entries(folder: &Path) -> Vec<serde_json::Value> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    manifest["files"].as_array().unwrap().clone()
}

/// The share of the PDF's distinct words that the pages show, and those they do not. Distinct,
/// not counted: a table's header rows, repeated atop every page it runs onto, are the PDF's
/// furniture; the page shows them once.
fn parity(
    pdf_text: &str,
    html_text: &str,
    in_pictures: &HashMap<String, usize>,
) -> (f64, Vec<String>) {
    let in_html = word_counts(html_text);
    let mut words: Vec<String> = word_counts(pdf_text)
        .into_keys()
        // The PDF draws an author's SVG picture's text as text; the page shows the picture.
        .filter(|word| !in_pictures.contains_key(word))
        .collect();
    words.sort();
    let missing: Vec<String> = words
        .iter()
        .filter(|word| !in_html.contains_key(*word))
        .cloned()
        .collect();
    (
        1.0 - missing.len() as f64 / words.len().max(1) as f64,
        missing,
    )
}

#[test]
fn every_word_of_each_pdf_is_on_the_website() {
    let out = build_into_tempdir(&["content"]);
    let in_pictures = words_in_authors_pictures();
    let mut compared = Vec::new();
    let mut failures = Vec::new();
    let mut check = |name: String, pdf_text: String, pages: Vec<PathBuf>| {
        assert!(!pages.is_empty(), "{name} has no web page");
        let html = main_texts(&pages).join(" ");
        let (share, missing) = parity(&pdf_text, &html, &in_pictures);
        compared.push(format!("{share:.4} {name}"));
        if share < 0.99 {
            failures.push(format!(
                "{name}: {:.2}% of the PDF's words are on its web pages; missing {:?}",
                share * 100.0,
                &missing[..missing.len().min(40)]
            ));
        }
    };
    // Each meeting: each item's PDF against its papers' pages, and each pack's front sheet
    // against the meeting's page.
    for meeting in ["corporate-parenting-panel-2022-05-13", "cabinet-2026-02-12"] {
        let folder = out.path().join(meeting);
        let entries = entries(&folder);
        for item in entries.iter().filter(|entry| {
            entry["kind"] == "item" && entry["file"].as_str().unwrap().ends_with(".pdf")
        }) {
            let pages: Vec<PathBuf> = entries
                .iter()
                .filter(|entry| {
                    entry["item"] == item["item"]
                        && entry["file"].as_str().unwrap().ends_with(".html")
                })
                .map(|entry| folder.join(entry["file"].as_str().unwrap()))
                .collect();
            let pdf = folder.join(item["file"].as_str().unwrap());
            // The stamp atop the item's first page is the pack's, not the paper's.
            let text: String = pdf_text_without_furniture(&pdf)
                .lines()
                .filter(|line| !is_item_stamp(line))
                .collect::<Vec<_>>()
                .join("\n");
            check(format!("{meeting}/{}", item["file"]), text, pages);
        }
        for pack in entries
            .iter()
            .filter(|entry| entry["kind"] == "pack" || entry["kind"] == "supplementary-pack")
        {
            let front_sheet: Vec<String> =
                pdf_pages_raw(&folder.join(pack["file"].as_str().unwrap()))
                    .into_iter()
                    .take_while(|page| !page.lines().any(is_item_stamp))
                    .filter(|page| page.lines().filter(|line| !line.trim().is_empty()).count() > 2)
                    .collect();
            // The agenda is the meeting's page; the supplementary agenda has its own.
            let page = match pack["kind"].as_str() {
                Some("pack") => folder.join("index.html"),
                _ => folder.join(
                    entries
                        .iter()
                        .find(|entry| {
                            entry["kind"] == "supplementary-agenda"
                                && entry["file"].as_str().unwrap().ends_with(".html")
                        })
                        .and_then(|entry| entry["file"].as_str())
                        .expect("a page for the supplementary agenda"),
                ),
            };
            check(
                format!("{meeting}/{} (front sheet)", pack["file"]),
                text_without_furniture(front_sheet),
                vec![page],
            );
        }
    }
    // A paper built on its own.
    let paper = out
        .path()
        .join("corporate-parenting-performance-2020-06/performance-june-2020-cover");
    check(
        "performance-june-2020-cover".to_string(),
        pdf_text_without_furniture(&paper.with_extension("pdf")),
        vec![paper.with_extension("html")],
    );
    assert!(compared.len() >= 10, "too few compared: {compared:?}");
    eprintln!("{}", compared.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
