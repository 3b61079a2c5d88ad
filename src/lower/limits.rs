//! What every lowered paper must satisfy before it is typeset: size budgets (so no content can
//! make a build run for minutes or take gigabytes), link targets a reader can safely follow, and
//! characters every writer can print. Each problem is placed in the paper's own file.
//!
//! The checks walk the model in the form the writers receive it (its JSON), so a new kind of
//! block is covered without touching this file.

use serde_json::Value;

use crate::characters;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::SourceFile;
use crate::model::Document;

/// The most characters of text one paper may hold: about 400 dense pages, typeset in about
/// 250 MB.
pub const MOST_CHARACTERS: usize = 1_000_000;

/// The most table cells one paper may hold.
pub const MOST_CELLS: usize = 50_000;

/// The most elements (blocks, runs of text, cells) one paper may hold.
pub const MOST_ELEMENTS: usize = 500_000;

/// The most page breaks one paper may ask for.
pub const MOST_PAGE_BREAKS: usize = 2_000;

/// The most values one chart may draw (labels times series): a chart of more cannot be read,
/// and each costs the typesetter dearly (20,000 took 4 GB).
pub const MOST_CHART_VALUES: usize = 250;

/// The most boxes one structure diagram may draw, and the most below one box (a row wider
/// than the page cannot be read).
pub const MOST_STRUCTURE_BOXES: usize = 100;

/// The most boxes directly below one box of a structure diagram.
pub const MOST_STRUCTURE_CHILDREN: usize = 12;

/// The most bytes of pictures one paper may show, each file counted once: far above a paper's
/// few photographs and plans, far below what would make its PDF unwieldy to publish.
pub const MOST_PICTURE_BYTES: usize = 100 * 1024 * 1024;

/// The longest call-out quotation, in characters: a boxed quotation is never split across
/// pages, so one longer than a page would be cut off.
pub const MOST_CALLOUT_CHARACTERS: usize = 1_500;

/// The schemes a link may use: the web, e-mail and telephone. Anything else (`javascript:`,
/// `file:`, `data:`, a path on the author's machine) would be published as a trap or a dead link.
pub const LINK_SCHEMES: [&str; 4] = ["https:", "http:", "mailto:", "tel:"];

/// Whether `url` is a link a published paper may hold.
pub fn is_allowed_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    LINK_SCHEMES
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// What the walk counts and finds.
#[derive(Default)]
struct Tally {
    characters: usize,
    cells: usize,
    elements: usize,
    page_breaks: usize,
    bad_links: Vec<String>,
    /// The first string holding a character that cannot be printed, and the character.
    unprintable: Option<(String, char, characters::Unprintable)>,
    /// Drawings and boxes too large to lay out: what is wrong, a text to find it by, and how to
    /// put it right.
    oversized: Vec<(String, String, &'static str)>,
}

/// The text under `value`: every string joined, but the names of kinds of element.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(text_of).collect(),
        Value::Object(fields) => fields
            .iter()
            .filter(|(name, _)| *name != "kind")
            .map(|(_, field)| text_of(field))
            .collect(),
        _ => String::new(),
    }
}

/// Boxes of a structure diagram under `node`, and the most children any has.
fn structure_size(node: &Value) -> (usize, usize) {
    let children = node
        .get("children")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    children
        .iter()
        .map(structure_size)
        .fold((1, children.len()), |(boxes, widest), (more, wide)| {
            (boxes + more, widest.max(wide))
        })
}

/// Check a drawing or box the typesetter cannot split or shrink.
fn check_drawing(kind: &str, fields: &serde_json::Map<String, Value>, tally: &mut Tally) {
    let title = fields
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    match kind {
        "chart" => {
            let count = |name: &str| {
                fields
                    .get(name)
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len)
            };
            let values = count("labels") * count("series").max(1);
            if values > MOST_CHART_VALUES {
                tally.oversized.push((
                    format!(
                        "the chart `{title}` has {values} values, more than the {MOST_CHART_VALUES} a chart may draw"
                    ),
                    title,
                    "chart fewer values: the last months, or the largest categories",
                ));
            }
        }
        "structure" => {
            let (boxes, widest) = fields.get("root").map_or((0, 0), structure_size);
            if boxes > MOST_STRUCTURE_BOXES || widest > MOST_STRUCTURE_CHILDREN {
                tally.oversized.push((
                    format!(
                        "the structure `{title}` has {boxes} boxes, at most {widest} below one; a structure may have {MOST_STRUCTURE_BOXES}, at most {MOST_STRUCTURE_CHILDREN} below one"
                    ),
                    title,
                    "draw the structure in parts, one diagram per team",
                ));
            }
        }
        "callouts" => {
            for quote in fields
                .get("quotes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let text = text_of(quote);
                let length = text.chars().count();
                if length > MOST_CALLOUT_CHARACTERS {
                    let start: String = text.chars().take(30).collect();
                    tally.oversized.push((
                        format!(
                            "a call-out quotation has {length} characters, more than the {MOST_CALLOUT_CHARACTERS} a box on one page can show"
                        ),
                        start,
                        "set a long quotation as `quote:`, which may run across pages",
                    ));
                }
            }
        }
        _ => {}
    }
}

fn walk(value: &Value, key: Option<&str>, tally: &mut Tally) {
    tally.elements += 1;
    match value {
        Value::String(text) => {
            tally.characters += text.chars().count();
            if key == Some("url") && !is_allowed_link(text) {
                tally.bad_links.push(text.clone());
            }
            if tally.unprintable.is_none()
                && let Some((_, c, why)) = characters::first_unprintable(text)
            {
                tally.unprintable = Some((text.clone(), c, why));
            }
        }
        Value::Array(items) => {
            if key == Some("cells") {
                tally.cells += items.len();
            }
            for item in items {
                walk(item, None, tally);
            }
        }
        Value::Object(fields) => {
            match fields.get("kind").and_then(Value::as_str) {
                Some("page-break") => tally.page_breaks += 1,
                Some(kind) => check_drawing(kind, fields, tally),
                None => {}
            }
            for (name, field) in fields {
                walk(field, Some(name), tally);
            }
        }
        _ => {}
    }
}

/// The most characters of text one agenda pack may hold, all its papers together: about 1,200
/// pages (the benchmark's 1,000-page pack holds 2.1 million and takes 620 MB).
pub const MOST_PACK_CHARACTERS: usize = 3_000_000;

fn tally(document: &Document) -> Tally {
    let mut tally = Tally::default();
    if let Ok(json) = serde_json::to_value(document) {
        walk(&json, None, &mut tally);
    }
    tally
}

/// The characters of text in `document`.
pub fn characters(document: &Document) -> usize {
    tally(document).characters
}

/// Every problem with `document`, lowered from `source`.
pub fn check_document(document: &Document, source: &SourceFile) -> Vec<Diagnostic> {
    let tally = tally(document);
    let mut problems = Vec::new();
    let start = || source.locate("");
    let over = |what: &str, count: usize, most: usize| {
        Diagnostic::error(format!(
            "this paper has {count} {what}, more than the {most} a paper may have"
        ))
        .at(start())
        .hint("split it into several papers (appendices), or check for text pasted many times")
    };
    if tally.characters > MOST_CHARACTERS {
        problems.push(over(
            "characters of text",
            tally.characters,
            MOST_CHARACTERS,
        ));
    }
    if tally.cells > MOST_CELLS {
        problems.push(over("table cells", tally.cells, MOST_CELLS));
    }
    if tally.elements > MOST_ELEMENTS {
        problems.push(over("parts", tally.elements, MOST_ELEMENTS));
    }
    if tally.page_breaks > MOST_PAGE_BREAKS {
        problems.push(over("page breaks", tally.page_breaks, MOST_PAGE_BREAKS));
    }
    let picture_bytes: usize = crate::model::picture_files(&document.blocks)
        .iter()
        .map(|file| file.bytes.len())
        .sum();
    if picture_bytes > MOST_PICTURE_BYTES {
        problems.push(
            Diagnostic::error(format!(
                "this paper's pictures hold {} MB, more than the {} MB a paper may show",
                picture_bytes / (1024 * 1024),
                MOST_PICTURE_BYTES / (1024 * 1024)
            ))
            .at(start())
            .hint("make the largest pictures smaller (2,000 pixels across is plenty for a page), and save photographs as JPEG"),
        );
    }
    for (what, text, hint) in tally.oversized {
        problems.push(Diagnostic::error(what).at(source.locate(&text)).hint(hint));
    }
    for url in tally.bad_links {
        problems.push(
            Diagnostic::error(format!("`{url}` cannot be a link in a published paper"))
                .at(source.locate(&url))
                .expected("a link starting https:, http:, mailto: or tel:")
                .hint("write the full address, such as https://www.rotherham.gov.uk/"),
        );
    }
    if let Some((text, c, why)) = tally.unprintable {
        // Typed characters were checked where they stand; this one came from an escape such as
        // "\u0007" or from a template, so the text around it is the best place to show.
        let shown: String = text.chars().take_while(|d| *d != c).take(40).collect();
        let mut problem = characters::problem(c, why).at(source.locate(&shown));
        if why == characters::Unprintable::Control {
            problem.hints = vec![format!(
                "it comes from an escape in quoted text (such as \\u{:04X}) or from a template: remove it",
                c as u32
            )];
        }
        problems.push(problem);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Inline, Metadata};

    fn paper(blocks: Vec<Block>) -> Document {
        Document {
            metadata: Metadata {
                title: "Paper".into(),
                authors: Vec::new(),
                description: None,
                keywords: Vec::new(),
                date: None,
            },
            running_header: None,
            blocks,
        }
    }

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: "r.yaml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn links_may_go_to_the_web_email_and_telephones_only() {
        for url in [
            "https://example.org",
            "HTTP://x",
            "mailto:a@b.c",
            "tel:+441709",
        ] {
            assert!(is_allowed_link(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "report.pdf",
            "https:",
            "",
        ] {
            assert!(!is_allowed_link(url), "{url}");
        }
        let document = paper(vec![Block::Paragraph {
            content: vec![Inline::Link {
                url: "javascript:alert(1)".into(),
                content: vec![Inline::text("click")],
            }],
        }]);
        let problems = check_document(
            &document,
            &source("kind: x\nbody: \"[click](javascript:alert(1))\"\n"),
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        let location = problems[0].location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (2, 16));
    }

    #[test]
    fn budgets_bound_a_paper() {
        let big = paper(vec![Block::plain("x".repeat(MOST_CHARACTERS + 1))]);
        let problems = check_document(&big, &source("kind: x\n"));
        assert!(
            problems[0].message.contains("characters of text"),
            "{problems:?}"
        );
        let breaks = paper(vec![Block::PageBreak; MOST_PAGE_BREAKS + 1]);
        let problems = check_document(&breaks, &source("kind: x\n"));
        assert!(problems[0].message.contains("page breaks"), "{problems:?}");
        assert!(check_document(&paper(vec![Block::plain("fine")]), &source("")).is_empty());
    }

    #[test]
    fn drawings_too_large_to_lay_out_are_refused() {
        use crate::model::{Callout, Structure, StructureNode};
        let leaf = |label: &str| StructureNode {
            label: label.into(),
            children: Vec::new(),
        };
        let wide = Structure {
            title: "Wide".into(),
            alt: String::new(),
            root: StructureNode {
                label: "Head".into(),
                children: (0..MOST_STRUCTURE_CHILDREN + 1)
                    .map(|n| leaf(&n.to_string()))
                    .collect(),
            },
        };
        let long = Callout {
            content: vec![Inline::text("word ".repeat(400))],
            attribution: None,
        };
        let document = paper(vec![
            Block::Structure(Box::new(wide)),
            Block::Callouts { quotes: vec![long] },
        ]);
        let problems = check_document(&document, &source("kind: x\n"));
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("the structure `Wide` has 14 boxes, at most 13 below one"));
        assert!(messages[1].contains("a call-out quotation has 2000 characters"));
    }

    #[test]
    fn an_escaped_control_character_is_found_in_the_model() {
        let document = paper(vec![Block::plain("ring \u{7} bell")]);
        let problems = check_document(&document, &source("kind: x\nbody: \"ring \\a bell\"\n"));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("U+0007"));
        assert_eq!(problems[0].location.as_ref().unwrap().line, 2);
    }
}
