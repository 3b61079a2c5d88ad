//! Word files as their readers see them: python-docx, pandoc and LibreOffice read every DOCX of
//! the examples, and of a report written here, with its numbered headings as headings, its
//! contents as a Word field and every table in a defined style; a strict OOXML schema check finds
//! nothing; header words never break inside a word; and every word the PDF shows is in the DOCX.

mod common;
use common::Published;

use std::path::{Path, PathBuf};

use common::{
    build_into_tempdir, build_paper, is_item_stamp, normalise, pdf_pages_raw,
    pdf_text_without_furniture, python, root, text_without_furniture, word_counts,
    words_in_authors_pictures,
};

/// Every DOCX under `folder`, sorted.
fn docx_files(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walk(folder)
        .into_iter()
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "docx")
        })
        .collect();
    found.sort();
    found
}

fn walk(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A report of our own: a contents page, numbered sections and sub-sections, an unnumbered
/// heading, and a table whose header words are long for their columns.
const OWN_REPORT: &str = r#"kind: long-report
title: Annual Report of the Fostering Service 2025-26
contents: Contents
summary:
  title: Summary
  body:
    - The service approved twelve new fostering households this year.
sections:
  - title: Recruitment
    body:
      - Enquiries rose in the spring after the campaign.
      - |
        | Quarter | Enquiries | Assessments | Approvals | Withdrawals | Conversion |
        | --- | ---: | ---: | ---: | ---: | ---: |
        | Q1 | 40 | 9 | 3 | 2 | 7.5% |
        | Q2 | 52 | 11 | 4 | 1 | 7.7% |
    subsections:
      - title: Campaigns
        body:
          - Two campaigns ran, one online and one in libraries.
      - title: Assessments
        body:
          - Assessments took 24 weeks on average.
  - title: Support for carers
    body:
      - heading: What carers told us
      - Carers valued the support groups.
"#;

/// The example content built once, and the report of our own.
struct Built {
    _examples: tempfile::TempDir,
    _own: tempfile::TempDir,
    folders: Vec<PathBuf>,
}

fn built() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let examples = build_into_tempdir(&[root().join("content").to_str().unwrap()]);
        let (own, own_out) = build_paper("fostering-annual-report.yaml", OWN_REPORT);
        Built {
            folders: vec![examples.path().to_path_buf(), own_out],
            _examples: examples,
            _own: own,
        }
    })
}

fn all_docx() -> Vec<PathBuf> {
    built()
        .folders
        .iter()
        .flat_map(|folder| docx_files(folder))
        .collect()
}

fn own_report(extension: &str) -> PathBuf {
    built().folders[1].join(format!("fostering-annual-report.{extension}"))
}

/// The arguments to a Python check: the paths of every DOCX.
fn paths(files: &[PathBuf]) -> Vec<&str> {
    files.iter().map(|path| path.to_str().unwrap()).collect()
}

#[test]
fn a_strict_schema_check_finds_nothing_in_any_word_file() {
    let files = all_docx();
    assert!(files.len() > 10, "{files:?}");
    let report = python(
        r#"
import json, subprocess, sys
for path in sys.argv[1:]:
    run = subprocess.run([sys.executable, "-m", "openxml_audit", "-o", "json", "-m", "0", path],
                         capture_output=True, text=True)
    result = json.loads(run.stdout)[0]
    for error in result["errors"]:
        print(path, error["part_uri"], error["path"], error["description"])
"#,
        &paths(&files),
    );
    assert!(report.is_empty(), "schema errors:\n{report}");
}

#[test]
fn every_table_has_a_defined_style_and_pandoc_reads_every_heading_as_a_header() {
    let files = all_docx();
    let report = python(
        r#"
import json, sys, docx, pypandoc
for path in sys.argv[1:]:
    document = docx.Document(path)
    defined = {style.style_id for style in document.styles}
    body = document.element.body
    for table in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl"):
        style = table.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblPr/"
                           "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblStyle")
        value = None if style is None else style.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
        if value not in defined:
            print(path, "table without a defined style:", value)
    headings = [p for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
                if docx.text.paragraph.Paragraph(p, document).style.name.startswith("Heading")
                and "".join(p.itertext()).strip()]
    if not headings:
        print(path, "no headings")
    # pandoc reads every heading as a header (not a list item), and nothing else as one.
    tree = json.loads(pypandoc.convert_file(path, "json", format="docx"))
    headers = []
    # Every header, tables included; a list item is not searched: a heading read as one is
    # exactly what must not happen.
    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Header":
                headers.append(node)
            elif node.get("t") not in ("OrderedList", "BulletList"):
                walk(node.get("c"))
        elif isinstance(node, list):
            for child in node:
                walk(child)
    walk(tree["blocks"])
    if len(headers) != len(headings):
        print(path, "pandoc reads", len(headers), "headers of", len(headings), "headings")
"#,
        &paths(&files),
    );
    assert!(report.is_empty(), "{report}");
}

#[test]
fn numbered_headings_are_numbered_by_their_style_and_read_as_headings() {
    let docx = own_report("docx");
    let styles = common::docx_part(&docx, "word/styles.xml");
    let heading2 = &styles[styles.find(r#"w:styleId="Heading2""#).unwrap()..];
    let heading2 = &heading2[..heading2.find("</w:style>").unwrap()];
    assert!(heading2.contains("<w:numPr>"), "{heading2}");
    let numbering = common::docx_part(&docx, "word/numbering.xml");
    assert!(
        numbering.contains(r#"<w:pStyle w:val="Heading2"/>"#),
        "{numbering}"
    );
    // pandoc: the sections are headers, not list items.
    let headers = python(
        r#"
import json, sys, pypandoc
tree = json.loads(pypandoc.convert_file(sys.argv[1], "json", format="docx"))
def text(inlines):
    return "".join(i["c"] if i["t"] == "Str" else " " if i["t"] == "Space" else "" for i in inlines)
for block in tree["blocks"]:
    if block["t"] == "Header":
        print(block["c"][0], text(block["c"][2]))
"#,
        &[docx.to_str().unwrap()],
    );
    for expected in [
        "2 Recruitment",
        "3 Campaigns",
        "3 Assessments",
        "2 Support for carers",
    ] {
        assert!(
            headers.lines().any(|line| line == expected),
            "pandoc lacks header {expected:?}:\n{headers}"
        );
    }
    // LibreOffice prints the numbers the style gives, as the PDF does.
    let converted = tempfile::tempdir().unwrap();
    let text = libreoffice_text(&docx, converted.path());
    let pdf = normalise(&common::pdf_text_raw(&own_report("pdf")));
    for numbered in [
        "1. Recruitment",
        "1.1 Campaigns",
        "1.2 Assessments",
        "2. Support for carers",
    ] {
        assert!(pdf.contains(numbered), "PDF lacks {numbered:?}");
        assert!(text.contains(numbered), "Word lacks {numbered:?}:\n{text}");
    }
    // The unnumbered heading of a numbered style stays unnumbered.
    assert!(text.contains("Summary"));
    assert!(
        !text.contains("1. Summary") && !text.contains("3. What carers"),
        "{text}"
    );
}

/// The text LibreOffice reads from a DOCX, list numbers included, normalised: the DOCX
/// converted to a PDF by LibreOffice, read back with `pdftotext`.
fn libreoffice_text(docx: &Path, out: &Path) -> String {
    normalise(&common::pdf_text_raw(&common::docx_to_pdf(docx, out)))
}

#[test]
fn the_contents_is_a_word_field_filled_in_with_linked_entries() {
    for docx in [
        own_report("docx"),
        built().folders[0]
            .join("corporate-parenting-panel-2022-05-13/item-06-appendix-1.docx")
            .published(),
    ] {
        let document = common::docx_document(&docx);
        let field = document
            .find(r#"TOC \o "2-3" \h \z \u"#)
            .unwrap_or_else(|| panic!("{docx:?} has no contents field"));
        let result = &document[field..];
        let result = &result[..result.find(r#"w:fldCharType="end""#).unwrap()];
        // Entries are links to the headings' bookmarks, in the TOC styles, without "#".
        assert!(
            result.contains(r#"<w:hyperlink w:anchor="part-1""#),
            "{result}"
        );
        assert!(result.contains(r#"<w:pStyle w:val="TOC2""#), "{result}");
        assert!(!result.contains(">#<"));
        let settings = common::docx_part(&docx, "word/settings.xml");
        assert!(
            settings.contains("<w:updateFields w:val=\"true\""),
            "{settings}"
        );
    }
    let own = common::docx_document(&own_report("docx"));
    for entry in ["1. Recruitment", "1.1 Campaigns", "2. Support for carers"] {
        assert!(own.contains(entry), "contents lacks {entry:?}");
    }
}

#[test]
fn header_words_never_break_inside_a_word_in_libreoffice() {
    let examples = &built().folders[0];
    let converted = tempfile::tempdir().unwrap();
    for (docx, words) in [
        (
            examples
                .join("corporate-parenting-panel-2022-05-13/item-07-appendix-2.docx")
                .published(),
            &[
                "TIMELINE", "Amber", "Green", "(target)", "2020/21", "2021/22",
            ][..],
        ),
        (
            own_report("docx"),
            &["Assessments", "Withdrawals", "Conversion", "Enquiries"][..],
        ),
    ] {
        let pdf = common::docx_to_pdf(&docx, converted.path());
        let text = common::pdf_text_raw(&pdf);
        let words_read: Vec<&str> = text.split_whitespace().collect();
        for word in words {
            assert!(
                words_read.contains(word),
                "{word:?} is broken or missing in {docx:?}"
            );
        }
    }
}

/// Every word a DOCX shows: its pages as LibreOffice lays them out (list numbers and charts,
/// with their axes, legends and labels, included; running furniture left out as for the PDF),
/// and its pictures' descriptions.
fn docx_words(docx: &Path, converted: &Path) -> String {
    let mut text = pdf_text_without_furniture(&common::docx_to_pdf(docx, converted));
    let document = common::docx_document(docx);
    for piece in document.split(" descr=\"").skip(1) {
        let end = piece.find('"').unwrap_or(piece.len());
        text.push(' ');
        text.push_str(&common::unescape_xml(&piece[..end]));
    }
    normalise(&text)
}

/// A paper's printed pages, named, with the Word files of the same papers.
struct Compared {
    name: PathBuf,
    pages: Vec<String>,
    word_files: Vec<PathBuf>,
}

/// Each published PDF that is a paper or an agenda item's papers, with the Word files of the
/// same papers: `report.pdf` with `report.docx`, an item's PDF with its report's and
/// appendices' Word files (as the meeting's manifest says); and each pack's agenda front sheet
/// (its pages before the first "Agenda Item" stamp) with the agenda's or the supplementary
/// agenda's Word file.
/// What its folder's manifest says of `file` (null for a file built on its own).
fn manifest_entry(file: &Path) -> serde_json::Value {
    let folder = file.parent().unwrap();
    let name = file.file_name().unwrap().to_str().unwrap();
    std::fs::read(folder.join("manifest.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|manifest| {
            manifest["files"]
                .as_array()?
                .iter()
                .find(|entry| entry["file"] == name)
                .cloned()
        })
        .unwrap_or(serde_json::Value::Null)
}

fn papers_with_word_files() -> Vec<Compared> {
    let mut compared = Vec::new();
    for folder in &built().folders {
        for pdf in walk(folder)
            .into_iter()
            .filter(|path| path.extension().is_some_and(|extension| extension == "pdf"))
        {
            let stem = pdf.file_stem().unwrap().to_str().unwrap().to_string();
            // A pack's filler pages (left blank but for the page number and perhaps a note
            // saying so) are furniture.
            let pages: Vec<String> = pdf_pages_raw(&pdf)
                .into_iter()
                .filter(|page| page.lines().filter(|line| !line.trim().is_empty()).count() > 2)
                .collect();
            let entry = manifest_entry(&pdf);
            let kind = entry["kind"].as_str().unwrap_or("paper").to_string();
            let pages = match kind.as_str() {
                "pack" | "supplementary-pack" => pages
                    .into_iter()
                    .take_while(|page| !page.lines().any(is_item_stamp))
                    .collect(),
                _ => pages,
            };
            let word_files: Vec<PathBuf> = docx_files(pdf.parent().unwrap())
                .into_iter()
                .filter(|docx| {
                    let word = manifest_entry(docx);
                    match kind.as_str() {
                        "pack" => word["kind"] == "agenda",
                        "supplementary-pack" => word["kind"] == "supplementary-agenda",
                        "item" => word["item"] == entry["item"],
                        _ => docx.file_stem().unwrap().to_str().unwrap() == stem,
                    }
                })
                .collect();
            if !word_files.is_empty() && !pages.is_empty() {
                compared.push(Compared {
                    name: pdf,
                    pages,
                    word_files,
                });
            }
        }
    }
    compared
}

#[test]
fn every_word_the_pdf_shows_is_in_the_word_files() {
    let in_pictures = words_in_authors_pictures();
    let converted = tempfile::tempdir().unwrap();
    let mut compared = Vec::new();
    let mut failures = Vec::new();
    for Compared {
        name: pdf,
        pages,
        word_files,
    } in papers_with_word_files()
    {
        let mut in_pdf = word_counts(&text_without_furniture(pages));
        for (word, count) in &in_pictures {
            if let Some(in_pdf) = in_pdf.get_mut(word) {
                *in_pdf = in_pdf.saturating_sub(*count);
            }
        }
        let words: Vec<String> = word_files
            .iter()
            .map(|docx| docx_words(docx, converted.path()))
            .collect();
        let in_docx = word_counts(&words.join(" "));
        let total: usize = in_pdf.values().sum();
        let found: usize = in_pdf
            .iter()
            .map(|(word, count)| (*count).min(in_docx.get(word).copied().unwrap_or(0)))
            .sum();
        let parity = found as f64 / total.max(1) as f64;
        let mut missing: Vec<&String> = in_pdf
            .iter()
            .filter(|(word, count)| in_docx.get(*word).copied().unwrap_or(0) < **count)
            .map(|(word, _)| word)
            .collect();
        missing.sort();
        compared.push(format!("{:.4} {}", parity, pdf.display()));
        if parity < 0.99 {
            failures.push(format!(
                "{}: {:.2}% of the PDF's {total} words are in the Word files; missing {:?}",
                pdf.display(),
                parity * 100.0,
                &missing[..missing.len().min(40)]
            ));
        }
    }
    assert!(compared.len() >= 8, "too few papers compared: {compared:?}");
    eprintln!("{}", compared.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
