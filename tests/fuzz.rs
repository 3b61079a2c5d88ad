//! No input may panic: property tests over everything an author can write (YAML, the values CSV,
//! narrative templates, Markdown) and over the example content mutated at random, read, lowered
//! and typeset as `papers` would.
//!
//! `cargo test` runs a few hundred cases; `bench/fuzz` runs many more (set `PROPTEST_CASES`).
//! A failing case is printed, shrunk to its smallest form, ready to become a test of its own.

mod common;

use std::path::{Path, PathBuf};

use papers::build::{self, Format, Session};
use papers::diagnostics::SourceFile;
use papers::input::ContentRoot;
use papers::narrative::{Narrative, References};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES`, or `default` for a quick run inside `cargo test`.
/// One session for every case, so that cases share warm caches as one `papers watch` would.
static SESSION: std::sync::LazyLock<Session> = std::sync::LazyLock::new(Session::default);

fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn source(path: &str, text: String) -> SourceFile {
    SourceFile {
        path: path.into(),
        text,
    }
}

/// Characters that mean something to YAML, Markdown, templates, CSV or Typst, and a few that
/// are hard to print, mixed with ordinary text.
fn awkward_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("kind: ".to_string()),
        Just("cover-report".to_string()),
        Just("\n".to_string()),
        Just("\n  - ".to_string()),
        Just(": ".to_string()),
        Just("{{ ".to_string()),
        Just(" }}".to_string()),
        Just("{% for i in range(9) %}".to_string()),
        Just("{% endfor %}".to_string()),
        Just("> ".to_string()),
        Just("**".to_string()),
        Just("[x](".to_string()),
        Just("\n\n![A plan](pictures/capital-financing.svg \"Caption\")\n\n".to_string()),
        Just("![](../".to_string()),
        Just("&a *a <<: ".to_string()),
        Just("#$@\\\"'`".to_string()),
        Just(",".to_string()),
        Just("91,3%".to_string()),
        Just("Minute No. 31 ".to_string()),
        Just("item 7 on the agenda".to_string()),
        Just("2021/22".to_string()),
        Just("1,167.5 per cent".to_string()),
        Just("\"caf\\u00e9 ".to_string()),
        Just("\u{200d}\u{7}\u{feff}".to_string()),
        Just("اردو 中文 👍".to_string()),
        "[a-z0-9 .]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

/// The example files, read once.
fn examples() -> &'static [(PathBuf, String)] {
    static EXAMPLES: std::sync::OnceLock<Vec<(PathBuf, String)>> = std::sync::OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let mut found = Vec::new();
        let mut pending = vec![common::root().join("content")];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|extension| {
                    // Pictures too: a mutated SVG must be refused where its paper shows it.
                    extension == "yaml" || extension == "csv" || extension == "svg"
                }) {
                    let text = std::fs::read_to_string(&path).unwrap();
                    found.push((path, text));
                }
            }
        }
        found.sort();
        found
    })
}

/// One random edit of a text: delete, repeat or replace a stretch, or insert awkward text.
#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, length: usize },
    Repeat { at: usize, length: usize },
    Insert { at: usize, text: String },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..80).prop_map(|(at, length)| Mutation::Delete { at, length }),
        (any::<usize>(), 0usize..80).prop_map(|(at, length)| Mutation::Repeat { at, length }),
        (any::<usize>(), awkward_text()).prop_map(|(at, text)| Mutation::Insert { at, text }),
    ]
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_string();
    for mutation in mutations {
        let len = text.len().max(1);
        match mutation {
            Mutation::Delete { at, length } => {
                let start = floor_boundary(&text, at % len);
                let end = floor_boundary(&text, start + length);
                text.replace_range(start..end, "");
            }
            Mutation::Repeat { at, length } => {
                let start = floor_boundary(&text, at % len);
                let end = floor_boundary(&text, start + length);
                let stretch = text[start..end].to_string();
                text.insert_str(end, &stretch);
            }
            Mutation::Insert { at, text: insert } => {
                let at = floor_boundary(&text, at % len);
                text.insert_str(at, insert);
            }
        }
    }
    text
}

/// Copy the example content into a new folder, with `file` (an index into [`examples`])
/// replaced by `text`; returns the folder and the path of the changed file there.
fn content_with(file: usize, text: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let content = common::root().join("content");
    let mut changed = PathBuf::new();
    for (index, (path, original)) in examples().iter().enumerate() {
        let target = folder.path().join(path.strip_prefix(&content).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        if index == file {
            std::fs::write(&target, text).unwrap();
            changed = target;
        } else {
            std::fs::write(&target, original).unwrap();
        }
    }
    (folder, changed)
}

/// Read and lower everything under `folder` (a content root) as `papers check` does before
/// typesetting. Problems are fine; a panic is not.
fn read_and_lower(folder: &Path) {
    let root = ContentRoot::new(folder).unwrap();
    let _ = build::load(&[folder.to_path_buf()], &root, &Session::default());
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_parses_as_a_paper_or_says_why(text in awkward_text()) {
        let _ = papers::kinds::parse(&source("any.yaml", text.clone()));
        let _ = papers::characters::check_source(&source("any.yaml", text));
    }

    #[test]
    fn any_values_table_is_read_or_refused(text in awkward_text()) {
        let mut problems = Vec::new();
        let _ = papers::figures::series::read_table(
            &source("values.csv", format!("ref,2021-09,Sep-21,ytd\n{text}")),
            &mut problems,
        );
    }

    #[test]
    fn any_narrative_renders_or_says_where_it_fails(text in awkward_text()) {
        // Minutes and agenda items to refer to, so that text citing them by hand is looked for
        // and placed in the file.
        let references = References {
            minute_numbers: 28..40,
            item_numbers: 1..10,
            ..References::default()
        };
        let narrative = Narrative::new(references, Default::default());
        let file = source("any.yaml", format!("body: {text}\n"));
        if let Ok(rendered) = narrative.render_str::<()>(&text, &file, None) {
            let _ = papers::markdown::parse_blocks(&rendered);
        }
        let _ = papers::markdown::parse_inlines(&text);
    }

    #[test]
    fn any_text_parses_as_markdown_and_keeps_its_addresses_whole(text in awkward_text()) {
        let _ = papers::markdown::parse_blocks(&text);
        let linked = papers::markdown::linkify(&text);
        prop_assert_eq!(papers::model::plain_text(&linked), text);
    }

    #[test]
    fn any_number_formats(value in any::<f64>(), places in 0u32..40) {
        let _ = papers::format::number(value, places);
        let _ = papers::format::percent(value, places);
        let _ = papers::format::signed(value, places);
        let _ = papers::format::plain(value);
        let _ = papers::format::as_written(value);
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn mutated_example_content_is_read_or_refused(
        file in 0usize..64,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let file = file % examples().len();
        let text = mutate(&examples()[file].1, &mutations);
        let (folder, _) = content_with(file, &text);
        read_and_lower(folder.path());
    }
}

proptest! {
    #![proptest_config(config(6))]

    #[test]
    fn mutated_example_content_typesets_or_is_refused(
        file in 0usize..64,
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let file = file % examples().len();
        let text = mutate(&examples()[file].1, &mutations);
        let (folder, changed) = content_with(file, &text);
        // A paper of its own is quick to typeset; a meeting's file typesets the whole pack.
        let target = if changed.to_string_lossy().contains("2022-05-13") {
            folder.path().join("corporate-parenting-panel")
        } else {
            changed.parent().unwrap().to_path_buf()
        };
        let root = ContentRoot::new(folder.path()).unwrap();
        if let Ok((loaded, mut diagnostics)) = build::load(&[target], &root, &SESSION) {
            let _ = build::render(&SESSION, &loaded, &[Format::Pdf, Format::Docx], &mut diagnostics);
        }
    }
}

/// The built-in styles' data, each as a style folder would hold it.
fn style_data() -> [&'static str; 2] {
    [
        include_str!("../report_templates/rotherham/style.yaml"),
        include_str!("../report_templates/harrow/style.yaml"),
    ]
}

proptest! {
    #![proptest_config(config(48))]

    /// A governance officer's edit of style.yaml, however wrong, is read or refused; a style
    /// that reads lowers the example content (the Rotherham meeting, the Harrow one, the 2020
    /// report) or reports why, never panics.
    #[test]
    fn mutated_style_data_is_read_or_refused_and_lowers_content(
        style in 0usize..2,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let text = mutate(style_data()[style], &mutations);
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("style.yaml"), text).unwrap();
        if let Ok((templates, style, _)) = build::read_house_style(Some(folder.path())) {
            let typesetter = papers::typst_writer::Typesetter::new(templates, style);
            let session = Session::new(typesetter, papers::supplied::PdfCheck::InProcess)
                .overriding_styles(true);
            let content = common::root().join("content");
            let root = ContentRoot::new(&content).unwrap();
            let _ = build::load(std::slice::from_ref(&content), &root, &session);
        }
    }
}
