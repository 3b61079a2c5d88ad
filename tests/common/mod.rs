//! Helpers shared by the end-to-end tests: making content and running `papers` on it, reading
//! PDFs and DOCX files back the way a user would (pdftotext, qpdf, LibreOffice), comparing text
//! against the seed papers, and loading and normalising what the snapshot tests compare. Checking
//! a built website in a real browser is in `browser`.

#![allow(dead_code)]

pub mod browser;
pub mod workbook;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the `papers` binary with `args` from the repository root. Its output goes to pipes, so
/// it is plain text; the variables that would force colour anyway are cleared.
pub fn papers(args: &[&str]) -> Output {
    papers_with(args, &[])
}

/// Run the `papers` binary like [`papers`], with `variables` set in its environment.
pub fn papers_with(args: &[&str], variables: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_papers"))
        .args(args)
        .current_dir(root())
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("NO_COLOR")
        .envs(variables.iter().copied())
        .output()
        .expect("the papers binary runs")
}

/// Run an external tool, failing the test with a clear message when it is missing.
pub fn tool(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|error| {
            panic!("`{program}` is needed by this test ({error}); `.ci/run` installs it")
        })
}

/// Run a Python script with `args`, failing the test with its error output when it fails. The
/// packages it may import are listed in `tests/requirements.txt`, which `.ci/run` installs.
pub fn python(script: &str, args: &[&str]) -> String {
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("`python3` is needed by this test ({error})"));
    assert!(
        output.status.success(),
        "the Python check failed (packages: `pip install -r tests/requirements.txt`):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the Python check prints UTF-8")
}

/// The text of a PDF as `pdftotext` extracts it with the options `mode` (none, `-raw`,
/// `-layout`).
fn pdftotext(pdf: &Path, mode: &[&str]) -> String {
    let mut args = mode.to_vec();
    args.extend([pdf.to_str().unwrap(), "-"]);
    let output = tool("pdftotext", &args);
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The text of a PDF, as pdftotext extracts it.
pub fn pdf_text(pdf: &Path) -> String {
    pdftotext(pdf, &[])
}

/// The text of a PDF in content-stream order (`pdftotext -raw`). The default layout mode guesses
/// word gaps from glyph positions and reads a raised `*` between spaces as "a*b".
pub fn pdf_text_raw(pdf: &Path) -> String {
    pdftotext(pdf, &["-raw"])
}

/// The text of a PDF laid out as on the page (`pdftotext -layout`): columns and indents kept,
/// so a snapshot of it shows where text moved as well as what it says.
pub fn pdf_text_layout(pdf: &Path) -> String {
    pdftotext(pdf, &["-layout"])
}

/// [`pdf_text_layout`] of a PDF held in memory (written to a temporary file for pdftotext).
pub fn pdf_bytes_text_layout(pdf: &[u8]) -> String {
    let file = tempfile::NamedTempFile::with_suffix(".pdf").unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    pdf_text_layout(file.path())
}

/// The text of each page of a PDF (pdftotext separates pages with form feeds).
pub fn pdf_pages(pdf: &Path) -> Vec<String> {
    let text = pdf_text(pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|page| page.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The text of each page of a PDF in content order (`pdftotext -raw`, split at form feeds).
pub fn pdf_pages_raw(pdf: &Path) -> Vec<String> {
    let mut pages: Vec<String> = pdf_text_raw(pdf)
        .split('\u{c}')
        .map(str::to_string)
        .collect();
    if pages.last().is_some_and(|page| page.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Run `papers` with `args`, panicking with its messages unless it succeeds.
pub fn papers_ok(args: &[&str]) -> Output {
    let output = papers(args);
    assert!(
        output.status.success(),
        "papers {} failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Copy the example committee into `folder` as `committee.yaml`, for meetings made by a test.
pub fn copy_example_committee(folder: &Path) {
    copy_example(
        "corporate-parenting-panel/committee.yaml",
        &folder.join("committee.yaml"),
    );
}

/// Copy `path` of the example content (relative to `content/`) to `to`, for content made by a
/// test around an example paper.
pub fn copy_example(path: &str, to: &Path) {
    std::fs::copy(root().join("content").join(path), to)
        .unwrap_or_else(|error| panic!("cannot copy the example {path}: {error}"));
}

/// Copy the example content's folder `path` (relative to `content/`) into `to`, under the same
/// name, for content made by a test around an example; the copy's path.
pub fn copy_example_folder(path: &str, to: &Path) -> PathBuf {
    let copy = to.join(path);
    copy_tree(&root().join("content").join(path), &copy);
    copy
}

/// Replace `old`, which must be there, with `new` in the file at `path`.
pub fn edit_file(path: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(old), "{} lacks {old:?}", path.display());
    std::fs::write(path, text.replace(old, new)).unwrap();
}

/// The PDF's text a line at a time as laid out, each run of spaces as one, blank lines left out.
pub fn pdf_lines(pdf: &Path) -> Vec<String> {
    pdf_text_layout(pdf)
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

/// Copy `from` into `to`, folders and all.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Write each `(name, text)` of `files` into `folder`, creating it if need be.
pub fn write_files(folder: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(folder).unwrap();
    for (name, text) in files {
        std::fs::write(folder.join(name), text).unwrap();
    }
}

/// Write one paper as `file_name` in a new temporary folder and build it into `out` there,
/// panicking with its messages if it fails. Returns the folder (it lives as long as the value)
/// and the output folder.
pub fn build_paper(file_name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    write_files(work.path(), &[(file_name, text)]);
    let out = work.path().join("out");
    build_to(&work.path().join(file_name), &out);
    (work, out)
}

/// The sections of a 2022 cover report, by their YAML keys, in order.
pub const COVER_REPORT_SECTIONS: [&str; 13] = [
    "background",
    "key_issues",
    "options",
    "consultation",
    "timetable",
    "financial",
    "legal",
    "human_resources",
    "children_and_vulnerable_adults",
    "equalities",
    "climate",
    "partners",
    "risks",
];

/// Run `papers build <content> --out <out>`, panicking with its messages if it fails.
pub fn build_to(content: &Path, out: &Path) -> Output {
    papers_ok(&[
        "build",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// Run `papers build <args> --out <a new temporary folder>`, panicking with its messages if it
/// fails; the folder lives as long as the returned value.
pub fn build_into_tempdir(args: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all.extend(["--out", out.path().to_str().unwrap()]);
    papers_ok(&all);
    out
}

/// The PDF's objects as qpdf's JSON.
pub fn pdf_json(pdf: &Path, key: &str) -> serde_json::Value {
    let output = tool(
        "qpdf",
        &[
            "--json",
            &format!("--json-key={key}"),
            pdf.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "qpdf failed on {}", pdf.display());
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The PDF document catalog (root dictionary).
pub fn pdf_catalog(pdf: &Path) -> serde_json::Value {
    let json = pdf_json(pdf, "qpdf");
    let objects = &json["qpdf"][1];
    let root = objects["trailer"]["value"]["/Root"].as_str().unwrap();
    objects[format!("obj:{root}")]["value"].clone()
}

/// The XMP metadata packet of a PDF, decoded.
pub fn pdf_xmp(pdf: &Path) -> String {
    let catalog = pdf_catalog(pdf);
    let reference = catalog["/Metadata"].as_str().unwrap();
    let number = reference.split_whitespace().next().unwrap();
    let output = tool(
        "qpdf",
        &[
            &format!("--show-object={number}"),
            "--filtered-stream-data",
            pdf.to_str().unwrap(),
        ],
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Bookmark titles of a PDF, depth first.
pub fn pdf_outline(pdf: &Path) -> Vec<String> {
    fn walk(items: &serde_json::Value, out: &mut Vec<String>) {
        for item in items.as_array().into_iter().flatten() {
            out.push(item["title"].as_str().unwrap_or_default().to_string());
            walk(&item["kids"], out);
        }
    }
    let json = pdf_json(pdf, "outlines");
    let mut titles = Vec::new();
    walk(&json["outlines"], &mut titles);
    titles
}

/// Convert a DOCX to PDF with LibreOffice (each call with its own profile, so tests may run in
/// parallel). Panics with LibreOffice's output if the conversion fails.
pub fn docx_to_pdf(docx: &Path, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let output = tool(
        "libreoffice",
        &[
            &format!(
                "-env:UserInstallation=file://{}",
                profile.path().to_str().unwrap()
            ),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            out_dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    let pdf = out_dir
        .join(docx.file_stem().unwrap())
        .with_extension("pdf");
    assert!(
        output.status.success() && pdf.exists(),
        "LibreOffice could not convert {}: {}{}",
        docx.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    pdf
}

/// One part of a DOCX package as text.
pub fn docx_part(docx: &Path, part: &str) -> String {
    let bytes = std::fs::read(docx).unwrap();
    docx_part_of(&bytes, part).unwrap_or_else(|| panic!("{} has no part {part}", docx.display()))
}

/// One part of a DOCX package held in memory, as text; `None` if it has no such part.
pub fn docx_part_of(docx: &[u8], part: &str) -> Option<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut entry = archive.by_name(part).ok()?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
    Some(text)
}

/// The main document part of a DOCX (`word/document.xml`): the body's paragraphs and tables.
pub fn docx_document(docx: &Path) -> String {
    docx_part(docx, "word/document.xml")
}

/// XML laid out one element per line, indented by depth, so that a snapshot's diff shows which
/// element changed. An element holding only text (a run's `<w:t>`) stays on one line with its
/// text untouched; whitespace between elements, which means nothing in WordprocessingML, goes.
/// Attributes are kept as written.
pub fn pretty_xml(xml: &str) -> String {
    enum Token<'a> {
        Open(&'a str),
        Close(&'a str),
        /// Self-closing elements, declarations and comments: no depth change.
        Whole(&'a str),
        Text(&'a str),
    }
    let mut tokens = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            // The first `>` outside an attribute's quotes closes the tag.
            let mut quote = None;
            let end = rest
                .char_indices()
                .find(|&(_, c)| match quote {
                    Some(open) if c == open => {
                        quote = None;
                        false
                    }
                    Some(_) => false,
                    None if c == '"' || c == '\'' => {
                        quote = Some(c);
                        false
                    }
                    None => c == '>',
                })
                .expect("a tag is closed")
                .0
                + 1;
            let tag = &rest[..end];
            tokens.push(if tag.starts_with("</") {
                Token::Close(tag)
            } else if tag.ends_with("/>") || tag.starts_with("<?") || tag.starts_with("<!") {
                Token::Whole(tag)
            } else {
                Token::Open(tag)
            });
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            tokens.push(Token::Text(&rest[..end]));
            rest = &rest[end..];
        }
    }
    let mut out = String::new();
    let mut depth = 0usize;
    let mut index = 0;
    let line = |out: &mut String, depth: usize, text: &str| {
        out.push_str(&"  ".repeat(depth));
        out.push_str(text);
        out.push('\n');
    };
    while index < tokens.len() {
        match (&tokens[index], tokens.get(index + 1), tokens.get(index + 2)) {
            (Token::Open(open), Some(Token::Text(text)), Some(Token::Close(close))) => {
                line(&mut out, depth, &format!("{open}{text}{close}"));
                index += 3;
                continue;
            }
            (Token::Open(open), _, _) => {
                line(&mut out, depth, open);
                depth += 1;
            }
            (Token::Close(close), _, _) => {
                depth = depth.saturating_sub(1);
                line(&mut out, depth, close);
            }
            (Token::Whole(tag), _, _) => line(&mut out, depth, tag),
            (Token::Text(text), _, _) => {
                if !text.trim().is_empty() {
                    line(&mut out, depth, text);
                }
            }
        }
        index += 1;
    }
    out
}

/// Every part name of a DOCX package.
pub fn docx_parts(docx: &Path) -> Vec<String> {
    let file = std::fs::File::open(docx).unwrap();
    let archive = zip::ZipArchive::new(file).unwrap();
    archive.file_names().map(str::to_string).collect()
}

/// The text runs of a DOCX's main document, one string per paragraph, XML entities decoded.
pub fn docx_paragraphs(docx: &Path) -> Vec<String> {
    paragraphs_of(&docx_document(docx))
}

/// As [`docx_paragraphs`], with each line break in a paragraph as a new line.
pub fn docx_paragraph_lines(docx: &Path) -> Vec<String> {
    paragraphs_of(&docx_document(docx).replace("<w:br w:type=\"textWrapping\" />", "<w:t>\n</w:t>"))
}

/// The text of each paragraph of a document part's XML.
fn paragraphs_of(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|paragraph| {
            let mut text = String::new();
            let mut rest = paragraph;
            while let Some(start) = rest.find("<w:t") {
                let after = &rest[start..];
                // `<w:t>` or `<w:t xml:space=…>`, not `<w:tc>`, `<w:tbl>`…
                if !matches!(after.as_bytes().get(4), Some(b'>' | b' ')) {
                    rest = &after[4..];
                    continue;
                }
                let Some(open_end) = after.find('>') else {
                    break;
                };
                if after[..open_end].ends_with('/') {
                    rest = &after[open_end + 1..];
                    continue;
                }
                let body = &after[open_end + 1..];
                let Some(close) = body.find("</w:t>") else {
                    break;
                };
                text.push_str(&unescape_xml(&body[..close]));
                rest = &body[close..];
            }
            text
        })
        .filter(|text| !text.is_empty())
        .collect()
}

/// Decode the five predefined XML entities.
pub fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Collapse whitespace, drop page furniture ("Page 3", "Agenda Item 5") and hyphens, so text laid
/// out differently can be compared word for word. Hyphens go because pdftotext joins a word
/// broken after a hyphen at a line end and drops the hyphen ("set -⏎year" reads "set year").
pub fn normalise(text: &str) -> String {
    let kept: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !is_page_furniture(line))
        .collect();
    let mut joined = String::new();
    for line in kept {
        // A word broken after its hyphen or slash at a line end continues on the next line.
        if !joined.is_empty() && !joined.ends_with(['-', '/']) {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    let words: Vec<String> = joined
        .split_whitespace()
        .map(|word| word.replace('-', ""))
        .filter(|word| !word.is_empty() && !word.chars().all(is_private_use))
        .collect();
    let mut text = String::new();
    for (index, word) in words.iter().enumerate() {
        // "23 rd": a superscript ordinal suffix extracted as a word of its own.
        let suffix = matches!(word.as_str(), "st" | "nd" | "rd" | "th")
            && index > 0
            && words[index - 1].ends_with(|c: char| c.is_ascii_digit());
        // "Resolved:1." and "Resolved: 1." are the same words.
        if index > 0 && !suffix && !text.ends_with(':') {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}

/// Bullet glyphs from symbol fonts extract as private-use characters.
fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

fn is_page_furniture(line: &str) -> bool {
    let numbered = |prefix: &str| {
        line.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
    };
    numbered("Page ") || numbered("Agenda Item ")
}

/// The lines of a seed paper between the first line equal to `start` (after the first line
/// equal to `anchor`, if given) and the first line equal to `end`, both included.
pub fn seed_lines(seed: &str, anchor: Option<&str>, start: &str, end: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/seeds").join(seed)).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let from = anchor.map_or(0, |anchor| {
        lines
            .iter()
            .position(|line| *line == anchor)
            .unwrap_or_else(|| panic!("anchor {anchor:?} not in {seed}"))
    });
    let first = from
        + lines[from..]
            .iter()
            .position(|line| *line == start)
            .unwrap_or_else(|| panic!("start {start:?} not in {seed}"));
    let last = first
        + lines[first..]
            .iter()
            .position(|line| *line == end)
            .unwrap_or_else(|| panic!("end {end:?} not in {seed}"));
    lines[first..=last]
        .iter()
        .map(|line| normalise(line))
        .filter(|line| !line.is_empty())
        .collect()
}

/// A published line as the data gives it: `line` replaced by the computed side of the pair in
/// `data_wins` ((published, computed)) whose published side it is.
pub fn with_data_wins(line: String, data_wins: &[(&str, &str)]) -> String {
    data_wins
        .iter()
        .find(|(published, _)| normalise(published) == line)
        .map_or(line, |(_, computed)| normalise(computed))
}

/// How the lines of a seed compare with a text: which are absent, and which are present but
/// not in the seed's order.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Lines found nowhere in the text.
    pub absent: Vec<String>,
    /// Lines found, but not where the order of the other lines puts them (typically a cell of a
    /// table or diagram that the source's text runs column by column).
    pub out_of_order: Vec<String>,
}

/// Compare `seed` lines with `text`: the largest set of lines found in the seed's order is
/// matched, and every other line is reported, so one line found too far ahead cannot hide the
/// lines after it.
pub fn compare_in_order(seed: &[String], text: &str) -> Comparison {
    let haystack = normalise(text);
    // Every (position, line) candidate; the longest chain increasing in both is the match.
    // Within a line, later positions come first so that a chain takes one position per line.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (index, line) in seed.iter().enumerate() {
        let mut positions: Vec<usize> = haystack
            .match_indices(line.as_str())
            .map(|(position, _)| position)
            .collect();
        positions.reverse();
        candidates.extend(positions.into_iter().map(|position| (position, index)));
    }
    // Longest strictly increasing subsequence of positions (patience sorting).
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; candidates.len()];
    for (candidate, (position, _)) in candidates.iter().enumerate() {
        let slot = tails.partition_point(|&tail| candidates[tail].0 < *position);
        previous[candidate] = slot.checked_sub(1).map(|before| tails[before]);
        if slot == tails.len() {
            tails.push(candidate);
        } else {
            tails[slot] = candidate;
        }
    }
    let mut in_order = vec![false; seed.len()];
    let mut cursor = tails.last().copied();
    while let Some(candidate) = cursor {
        in_order[candidates[candidate].1] = true;
        cursor = previous[candidate];
    }
    let mut comparison = Comparison::default();
    for (line, found) in seed.iter().zip(in_order) {
        if found {
            continue;
        }
        if haystack.contains(line.as_str()) {
            comparison.out_of_order.push(line.clone());
        } else {
            comparison.absent.push(line.clone());
        }
    }
    comparison
}

/// The seed lines that cannot be found in `text` in order.
pub fn missing_in_order(seed: &[String], text: &str) -> Vec<String> {
    let comparison = compare_in_order(seed, text);
    let mut missing = comparison.absent;
    missing.extend(comparison.out_of_order);
    missing
}

/// Every file under `folder`, in sorted order.
pub fn files_under(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Everything a reader or a program could get out of a file, as text: its name, and for a PDF
/// its text, outline, metadata and every object uncompressed; for a DOCX every part.
pub fn readable(path: &Path) -> String {
    let mut text = path.file_name().unwrap().to_string_lossy().into_owned();
    match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => {
            text.push_str(&pdf_text_raw(path));
            text.push_str(&pdf_outline(path).join("\n"));
            text.push_str(&pdf_xmp(path));
            // Every object uncompressed: info dictionary, structure tree, annotations.
            let expanded = tempfile::NamedTempFile::new().unwrap();
            let qdf = tool(
                "qpdf",
                &[
                    "--qdf",
                    "--object-streams=disable",
                    "--stream-data=uncompress",
                    path.to_str().unwrap(),
                    expanded.path().to_str().unwrap(),
                ],
            );
            assert!(qdf.status.code().is_some_and(|code| code == 0 || code == 3));
            text.push_str(&String::from_utf8_lossy(
                &std::fs::read(expanded.path()).unwrap(),
            ));
        }
        Some("docx") => {
            for part in docx_parts(path) {
                text.push_str(&part);
                if !part.ends_with('/') {
                    text.push_str(&docx_part(path, &part));
                }
            }
        }
        _ => text.push_str(&String::from_utf8_lossy(&std::fs::read(path).unwrap())),
    }
    text
}

/// The hand-written document model `tests/fixtures/model/<name>.json`. Dates are written as
/// in content (`"2022-05-13"`): the model reads them so, though it writes them as numbers. A
/// picture's bytes, which the model never serialises, are read from the file its name gives
/// under `tests/fixtures/model/`.
pub fn model_fixture(name: &str) -> papers::model::Document {
    let path = root()
        .join("tests/fixtures/model")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut document: papers::model::Document = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not a document model: {error}", path.display()));
    fill_pictures(&mut document.blocks);
    document
}

/// Read each picture's bytes in `blocks` (at any depth of list) from the fixture folder.
fn fill_pictures(blocks: &mut [papers::model::Block]) {
    use papers::model::Block;
    for block in blocks {
        match block {
            Block::Picture(picture) => {
                let file = root()
                    .join("tests/fixtures/model")
                    .join(picture.file.name.trim_start_matches('/'));
                picture.file.bytes = std::fs::read(&file)
                    .unwrap_or_else(|error| panic!("{}: {error}", file.display()))
                    .into();
            }
            Block::BulletList { items } | Block::OrderedList { items, .. } => {
                for item in items {
                    fill_pictures(item);
                }
            }
            Block::Numbered { blocks, .. }
            | Block::Quote { blocks }
            | Block::Indented { blocks }
            | Block::Landscape { blocks } => fill_pictures(blocks),
            _ => {}
        }
    }
}

/// Text extracted from a PDF, ready to snapshot: line ends trimmed (pdftotext pads them) and
/// each page break a visible line, so a diff shows text moving to another page.
pub fn snapshot_pdf_text(text: &str) -> String {
    text.split('\u{c}')
        .map(|page| {
            page.lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n")
                .trim_matches('\n')
                .to_string()
        })
        .filter(|page| !page.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n-------- page break --------\n\n")
        + "\n"
}

/// A document model as the snapshots show it: pretty JSON, the form the Typst templates read.
pub fn model_json(document: &papers::model::Document) -> String {
    serde_json::to_string_pretty(document).unwrap()
}

/// The file a meeting folder publishes under the short name a test gives it, found in the
/// folder's manifest: "agenda-pack.pdf", "supplementary-pack.pdf", "agenda.docx",
/// "item-05.pdf" (the item's papers), "item-06-1-report.docx", "item-04-minutes.docx",
/// "item-07-appendix-2.docx", and the same under `private/`. A published name says the
/// committee, date and title, which a test's content decides; the short name says only what
/// the file is. A path that is not such a name, or names nothing published, is returned as it
/// is (so a test can still check that a file is not there).
pub trait Published {
    /// The published file's path.
    fn published(&self) -> PathBuf;
}

impl Published for Path {
    fn published(&self) -> PathBuf {
        let (Some(folder), Some(name)) = (self.parent(), self.file_name()) else {
            return self.to_path_buf();
        };
        let name = name.to_string_lossy();
        let Some((stem, extension)) = name.rsplit_once('.') else {
            return self.to_path_buf();
        };
        let (kind, item, appendix) = match stem {
            "agenda-pack" => ("pack", None, None),
            "supplementary-pack" => ("supplementary-pack", None, None),
            "agenda" => ("agenda", None, None),
            "supplementary-agenda" => ("supplementary-agenda", None, None),
            _ => {
                let Some(rest) = stem.strip_prefix("item-") else {
                    return self.to_path_buf();
                };
                let (number, kind, appendix) =
                    if let Some((number, label)) = rest.split_once("-appendix-") {
                        (number, "appendix", Some(label.to_string()))
                    } else if let Some(number) = rest.strip_suffix("-report") {
                        (number, "report", None)
                    } else if let Some(number) = rest.strip_suffix("-minutes") {
                        (number, "minutes", None)
                    } else {
                        (rest, "item", None)
                    };
                let label = number
                    .split('-')
                    .map(|part| part.trim_start_matches('0'))
                    .collect::<Vec<_>>()
                    .join(".");
                (kind, Some(label), appendix)
            }
        };
        let Ok(text) = std::fs::read_to_string(folder.join("manifest.json")) else {
            return self.to_path_buf();
        };
        let Ok(manifest) = serde_json::from_str::<serde_json::Value>(&text) else {
            return self.to_path_buf();
        };
        let as_text = |value: &serde_json::Value| match value {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        };
        let found = manifest["files"].as_array().and_then(|files| {
            files.iter().find(|file| {
                let file_name = file["file"].as_str().unwrap_or_default();
                file["kind"] == kind
                    && file_name.ends_with(&format!(".{extension}"))
                    && as_text(&file["item"]) == item
                    && as_text(&file["appendix"]).map(|label| label.to_lowercase())
                        == appendix.clone().map(|label| label.to_lowercase())
            })
        });
        match found.and_then(|file| file["file"].as_str()) {
            Some(file) => folder.join(file),
            None => self.to_path_buf(),
        }
    }
}

/// The words of a text, lower case, punctuation trimmed, counted.
pub fn word_counts(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !word.is_empty() {
            *counts.entry(word).or_default() += 1;
        }
    }
    counts
}

/// The PDF's text without running furniture: lines printed at the top or foot of most of its
/// pages (a running header), page numbers, and the page numbers of contents entries (which a Word file shows
/// once Word has updated its contents field). The public stand-in page for an exempt appendix
/// is left out too: it is not a paper, and the appendix's Word file is the private one.
pub fn pdf_text_without_furniture(pdf: &Path) -> String {
    text_without_furniture(pdf_pages_raw(pdf))
}

/// The text of `pages` without running furniture, as [`pdf_text_without_furniture`].
pub fn text_without_furniture(pages: Vec<String>) -> String {
    let pages: Vec<String> = pages
        .into_iter()
        .filter(|page| {
            !page
                .lines()
                .take(3)
                .any(|line| line.trim().ends_with(": not for publication"))
        })
        .collect();
    // Running furniture sits at a page's top or foot: the first and last two lines.
    let edges = |page: &str| -> Vec<String> {
        let lines: Vec<&str> = page.lines().map(str::trim).collect();
        let mut edge: Vec<String> = lines
            .iter()
            .take(2)
            .chain(lines.iter().rev().take(2))
            .map(|line| line.to_string())
            .collect();
        edge.sort();
        edge.dedup();
        edge
    };
    let mut on_pages: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        for line in edges(page) {
            *on_pages.entry(line).or_default() += 1;
        }
    }
    let running = |line: &str| {
        pages.len() >= 2
            && on_pages
                .get(line)
                .is_some_and(|count| count * 3 > pages.len() * 2)
    };
    let mut kept: Vec<&str> = Vec::new();
    for page in &pages {
        let lines: Vec<&str> = page.lines().map(str::trim).collect();
        let count = lines.len();
        for (index, line) in lines.into_iter().enumerate() {
            let at_edge = index < 2 || index + 2 >= count;
            if at_edge && running(line) {
                continue;
            }
            kept.push(match line.rsplit_once(". . ") {
                // "1. Recruitment. . . . . 3": the entry without its page number.
                Some((entry, page)) if page.trim().chars().all(|c| c.is_ascii_digit()) => entry,
                _ => line,
            });
        }
    }
    normalise(&kept.join("\n"))
}

/// Whether `line` is the "Agenda Item 6" (or "6.1") stamp atop an item's first page.
pub fn is_item_stamp(line: &str) -> bool {
    line.trim()
        .strip_prefix("Agenda Item ")
        .is_some_and(|number| {
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
}

/// The words drawn as text inside the authors' SVG pictures under `content/`, counted. The
/// PDF draws an SVG's text as text; the Word file holds the same picture, as a PNG with the
/// author's description, so those words are the picture's, not the paper's.
pub fn words_in_authors_pictures() -> HashMap<String, usize> {
    let mut text = String::new();
    for file in files_under(&root().join("content")) {
        if file.extension().is_some_and(|extension| extension == "svg") {
            let svg = std::fs::read_to_string(&file).unwrap();
            for piece in svg.split("<text").skip(1) {
                let body = &piece[piece.find('>').map_or(0, |at| at + 1)..];
                let body = &body[..body.find("</text>").unwrap_or(body.len())];
                // Drop the markup of any <tspan> inside, keeping its text.
                let mut inside_tag = false;
                for c in body.chars() {
                    match c {
                        '<' => inside_tag = true,
                        '>' => {
                            inside_tag = false;
                            text.push(' ');
                        }
                        _ if !inside_tag => text.push(c),
                        _ => {}
                    }
                }
                text.push(' ');
            }
        }
    }
    word_counts(&normalise(&unescape_xml(&text)))
}
