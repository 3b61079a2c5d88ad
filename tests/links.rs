//! Addresses typed bare are working links: a virtual meeting's venue on the agenda, a web or
//! email address in body text or in a cover report's field, in the PDF and in Word.

mod common;
use common::Published;

use common::*;

#[test]
fn a_virtual_venue_and_bare_addresses_are_working_links_in_both_formats() {
    let content = tempfile::tempdir().unwrap();
    let folder = copy_example_folder("harrow-cabinet", content.path()).join("2026-02-12");
    edit_file(
        &folder.join("meeting.yaml"),
        "venue: Council Chamber, Harrow Civic Centre, Station Road, Harrow, HA1 2XY, and online at https://example.org/cabinet/live\n",
        "venue: Virtual meeting, https://meet.example.org/cabinet?id=12.\n",
    );
    edit_file(
        &folder.join("capital-programme-cover.yaml"),
        "    - The programme is financed from grants, capital receipts and borrowing.\n",
        "    - The programme is financed from grants (see www.example.org/grants), capital receipts and borrowing; ask finance@example.org.\n",
    );
    let out = content.path().join("out");
    papers_ok(&[
        "build",
        content.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let meeting = out.join("cabinet-2026-02-12");

    // The agenda: the venue's address is a link, the full stop after it is not part of it.
    let pack = readable(&meeting.join("agenda-pack.pdf").published());
    assert!(
        pack.contains("/URI (https://meet.example.org/cabinet?id=12)"),
        "no link to the meeting in the PDF"
    );
    let agenda = meeting.join("agenda.docx").published();
    let relationships = docx_part(&agenda, "word/_rels/document.xml.rels");
    assert!(
        relationships.contains(r#"Target="https://meet.example.org/cabinet?id=12""#),
        "{relationships}"
    );
    assert!(
        docx_paragraphs(&agenda)
            .join("\n")
            .contains("Virtual meeting, https://meet.example.org/cabinet?id=12."),
        "the venue reads as typed"
    );

    // The report: a web and an email address in body text.
    let report = readable(&meeting.join("item-07.pdf").published());
    assert!(
        report.contains("/URI (https://www.example.org/grants)"),
        "no web link"
    );
    assert!(
        report.contains("/URI (mailto:finance@example.org)"),
        "no email link"
    );
    let report_docx = meeting.join("item-07-report.docx").published();
    let relationships = docx_part(&report_docx, "word/_rels/document.xml.rels");
    assert!(
        relationships.contains(r#"Target="mailto:finance@example.org""#),
        "{relationships}"
    );
    assert!(
        pdf_xmp(&meeting.join("item-07.pdf").published())
            .contains("<pdfuaid:part>1</pdfuaid:part>")
    );
}
