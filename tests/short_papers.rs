//! Short papers (`kind: short-paper`): a title and a body, on their own or as an appendix in a
//! meeting's pack. The kind was added by the contributor steps of the README (its content type,
//! its lowering, one line in the registry), and these tests read it back as a reader would.

mod common;
use common::Published;

use common::*;

const SHORT_PAPER: &str = r#"kind: short-paper
title: "Membership of the Panel 2022/23 #1"
body: |
  The Panel has **seven** members; the quorum is three ($3 of 7, not {{ '{{' }}seven}}).

  - Councillor A. Example (Chair)
  - Councillor B. Example <Vice-Chair>
"#;

#[test]
fn a_short_paper_on_its_own_prints_its_title_and_body_in_both_formats() {
    let (_work, out) = build_paper("membership.yaml", SHORT_PAPER);
    let text = pdf_text(&out.join("membership.pdf"));
    assert!(
        text.contains("Membership of the Panel 2022/23 #1"),
        "{text}"
    );
    assert!(
        text.contains("the quorum is three ($3 of 7, not {{seven}})"),
        "{text}"
    );
    assert!(
        text.contains("Councillor B. Example <Vice-Chair>"),
        "{text}"
    );

    let docx = out.join("membership.docx");
    let document = docx_document(&docx);
    assert!(
        document.contains(r#"<w:pStyle w:val="Heading1" />"#),
        "{document}"
    );
    let paragraphs = docx_paragraphs(&docx);
    assert!(
        paragraphs
            .iter()
            .any(|p| p == "Membership of the Panel 2022/23 #1"),
        "{paragraphs:?}"
    );
    assert!(
        paragraphs
            .iter()
            .any(|p| p.contains("Councillor B. Example <Vice-Chair>")),
        "{paragraphs:?}"
    );
}

#[test]
fn a_short_paper_is_an_appendix_of_a_meeting() {
    let work = tempfile::tempdir().unwrap();
    copy_example_committee(work.path());
    let meeting = work.path().join("2022-06-14");
    std::fs::create_dir_all(&meeting).unwrap();
    copy_example(
        "corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml",
        &meeting.join("05-cover.yaml"),
    );
    write_files(
        &meeting,
        &[
            ("05-membership.yaml", SHORT_PAPER),
            (
                "meeting.yaml",
                "kind: meeting\ncommittee: ../committee.yaml\ndate: 2022-06-14\n\
                 time: 2.00 p.m.\nchief_executive: A. Example\nitems:\n\
                 \x20 - standard: apologies\n\
                 \x20 - title: Membership\n    report: 05-cover.yaml\n\
                 \x20   appendices:\n      - paper: 05-membership.yaml\n",
            ),
        ],
    );
    let out = work.path().join("out");
    build_to(work.path(), &out);
    let folder = out.join("corporate-parenting-panel-2022-06-14");
    let pack = pdf_text(&folder.join("agenda-pack.pdf").published());
    assert!(
        pack.contains("Membership of the Panel 2022/23 #1"),
        "{pack}"
    );
    assert!(pack.contains("the quorum is three"), "{pack}");
    let paragraphs = docx_paragraphs(&folder.join("item-02-appendix-1.docx").published());
    assert!(
        paragraphs
            .iter()
            .any(|p| p == "Membership of the Panel 2022/23 #1"),
        "{paragraphs:?}"
    );
}

#[test]
fn a_short_paper_with_an_unknown_field_fails_where_it_is_written() {
    let work = tempfile::tempdir().unwrap();
    write_files(
        work.path(),
        &[(
            "note.yaml",
            "kind: short-paper\ntitle: Note\nbody: Text.\nauthor: Me\n",
        )],
    );
    let output = papers(&["check", work.path().join("note.yaml").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("note.yaml:4:1"), "{stderr}");
    assert!(stderr.contains("unknown field `author`"), "{stderr}");
}
