//! An appendix supplied as a PDF joins the pack page by page, numbered in sequence.

mod common;
use common::Published;

use common::*;

/// The example cover report the test meetings present, relative to the example content.
const IRO_COVER: &str = "corporate-parenting-panel/2022-05-13/06-iro-annual-report-cover.yaml";

const MEETING: &str = "kind: meeting
committee: committee.yaml
date: 2022-05-13
time: 1.00 p.m.
chief_executive: Sharon Kemp
items:
  - standard: apologies
  - key: iro
    title: Independent Reviewing Service Annual Report 2020-2021
    report: cover.yaml
    appendices:
      - paper: supplied.pdf
        title: Terms of Reference
  - standard: urgent
";

#[test]
fn a_supplied_pdf_appendix_is_paginated_into_the_pack() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    // The supplied PDF: a paper typeset on its own (3 pages).
    let supplied_out = work.path().join("supplied");
    papers_ok(&[
        "build",
        "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml",
        "--format",
        "pdf",
        "--out",
        supplied_out.to_str().unwrap(),
    ]);
    let supplied = std::fs::read(supplied_out.join("05-terms-of-reference-cover.pdf")).unwrap();
    let supplied_pages = pdf_pages_raw(&supplied_out.join("05-terms-of-reference-cover.pdf")).len();
    std::fs::write(content.join("supplied.pdf"), &supplied).unwrap();
    copy_example_committee(&content);
    copy_example(IRO_COVER, &content.join("cover.yaml"));
    std::fs::write(content.join("meeting.yaml"), MEETING).unwrap();

    let out = work.path().join("out");
    let output = build_to(&content, &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("does not claim PDF/UA-1"),
        "the build says why: {stderr}"
    );

    let folder = out.join("corporate-parenting-panel-2022-05-13");
    let pack = folder.join("agenda-pack.pdf").published();
    let pages = pdf_pages_raw(&pack);
    let start = pages
        .iter()
        .position(|page| page.contains("Agenda Item 2"))
        .expect("item 2 starts somewhere");
    // The cover report, then the supplied pages, each numbered "Page N" in sequence.
    let appendix_first = pages
        .iter()
        .position(|page| page.contains("In November 2021 a task and finish group"))
        .expect("the supplied PDF's text stays extractable");
    assert!(appendix_first > start);
    for (offset, page) in pages[appendix_first - 1..].iter().enumerate() {
        let number = appendix_first + offset;
        assert!(
            page.lines()
                .any(|line| line.trim() == format!("Page {number}")),
            "pack page {number} lacks its number:\n{page}"
        );
    }
    let supplied_in_pack = pages
        .iter()
        .filter(|page| {
            page.contains("Corporate Parenting Terms of Reference")
                || page.contains("Accountable Officer")
        })
        .count();
    assert!(supplied_in_pack >= 1);
    let last_page = pages.len();
    assert!(last_page >= appendix_first + supplied_pages - 1);

    let front = normalise(&pages[..start].concat());
    assert!(
        front.contains(&normalise(&format!("(Pages {} - {last_page})", start + 1))),
        "the agenda's range covers the supplied pages: {front}"
    );
    assert!(pdf_outline(&pack).contains(&"Appendix 1: Terms of Reference".to_string()));
    assert!(
        !pdf_xmp(&pack).contains("pdfuaid"),
        "the pack must not claim PDF/UA-1"
    );

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    let entry = |file: &str| {
        manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| {
                folder.join(entry["file"].as_str().unwrap()) == folder.join(file).published()
            })
            .unwrap_or_else(|| panic!("{file} is not in the manifest"))
            .clone()
    };
    assert_eq!(entry("agenda-pack.pdf")["pdf_ua"], false);
    assert_eq!(entry("item-02.pdf")["pdf_ua"], false);
    assert_eq!(
        std::fs::read(folder.join("item-02-appendix-1.pdf").published()).unwrap(),
        supplied,
        "the supplied PDF is published as supplied"
    );
    assert_eq!(entry("item-02-appendix-1.pdf")["pages"], supplied_pages);
}

/// The line of [`MEETING`] that names the supplied appendix.
fn supplied_appendix_line() -> usize {
    MEETING
        .lines()
        .position(|l| l.contains("- paper: supplied.pdf"))
        .unwrap()
        + 1
}

/// A folder with the committee, a cover report and [`MEETING`] (whose appendix is
/// `supplied.pdf`, to be written by the test); returns the meeting file's path.
fn meeting_with_a_supplied_appendix(work: &std::path::Path) -> std::path::PathBuf {
    copy_example_committee(work);
    copy_example(IRO_COVER, &work.join("cover.yaml"));
    let meeting = work.join("meeting.yaml");
    std::fs::write(&meeting, MEETING).unwrap();
    meeting
}

#[test]
fn an_unreadable_supplied_pdf_is_an_error_at_its_line() {
    let work = tempfile::tempdir().unwrap();
    let meeting = meeting_with_a_supplied_appendix(work.path());
    std::fs::write(work.path().join("supplied.pdf"), b"not a pdf at all").unwrap();
    let output = papers(&["check", meeting.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = supplied_appendix_line();
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains(&format!("--> {}:{line}:", meeting.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("cannot use `supplied.pdf`: it is not a readable PDF"),
        "{stderr}"
    );
}

#[test]
fn supplied_pdfs_whose_paths_look_alike_each_show_their_own_pages() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    std::fs::create_dir_all(content.join("a")).unwrap();
    // Two different supplied PDFs, at `a/b.pdf` and `a_b.pdf`: once both named `a_b.pdf` inside
    // the typesetter, so that the pack showed one of them twice.
    let supplied_out = work.path().join("supplied");
    papers_ok(&[
        "build",
        "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml",
        "content/corporate-parenting-performance-2020-06/performance-june-2020-cover.yaml",
        "--format",
        "pdf",
        "--out",
        supplied_out.to_str().unwrap(),
    ]);
    std::fs::copy(
        supplied_out.join("05-terms-of-reference-cover.pdf"),
        content.join("a/b.pdf"),
    )
    .unwrap();
    std::fs::copy(
        supplied_out.join("performance-june-2020-cover.pdf"),
        content.join("a_b.pdf"),
    )
    .unwrap();
    copy_example_committee(&content);
    copy_example(IRO_COVER, &content.join("cover.yaml"));
    edit_file(
        &content.join("cover.yaml"),
        "  - IRO Annual Report 2020-21\n",
        "  - IRO Annual Report 2020-21\n  - Second\n",
    );
    std::fs::write(
        content.join("meeting.yaml"),
        MEETING.replace(
            "      - paper: supplied.pdf\n        title: Terms of Reference\n",
            "      - {paper: a/b.pdf, title: First}\n      - {paper: a_b.pdf, title: Second}\n",
        ),
    )
    .unwrap();
    let out = work.path().join("out");
    build_to(&content, &out);
    let pack = pdf_text_raw(
        &out.join("corporate-parenting-panel-2022-05-13/agenda-pack.pdf")
            .published(),
    );
    let first = pack
        .find("In November 2021 a task and finish group")
        .expect("the first supplied PDF is in the pack");
    let second = pack
        .find("Monthly Performance Report")
        .expect("the second supplied PDF is in the pack");
    assert!(first < second, "each appendix shows its own file, in order");
}

/// A one-page PDF whose page holds an array nested `depth` deep: a file made to overflow the
/// stack of whatever parses it.
fn pdf_nested(depth: usize) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /X {}{} >>",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", index + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(b"xref\n0 4\n0000000000 65535 f \n");
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    pdf
}

#[test]
fn a_supplied_pdf_made_to_crash_its_reader_is_refused_at_its_line() {
    let work = tempfile::tempdir().unwrap();
    let meeting = meeting_with_a_supplied_appendix(work.path());
    // Nested a little, the PDF is fine; nested 100,000 deep, it once took the build down.
    std::fs::write(work.path().join("supplied.pdf"), pdf_nested(10)).unwrap();
    papers_ok(&["check", meeting.to_str().unwrap()]);
    std::fs::write(work.path().join("supplied.pdf"), pdf_nested(100_000)).unwrap();
    let output = papers(&["check", meeting.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let line = supplied_appendix_line();
    assert!(
        stderr.starts_with("error: cannot use `supplied.pdf`: it crashed the PDF reader")
            && stderr.contains(&format!("--> {}:{line}:9\n", meeting.display())),
        "{stderr}"
    );
}
