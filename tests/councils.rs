//! Two councils, each in its own house style: Harrow's example meeting builds in Harrow's forms,
//! Rotherham's agenda, minutes and long reports build in Harrow's style too, and a cover report
//! written for one council's form either maps into the other's by the keys its style declares
//! or fails listing the sections and fields the form has. Read back as a reader would: the
//! PDF's text, the Word file's paragraphs and tables.

mod common;
use common::Published;

use std::path::{Path, PathBuf};

use common::*;

/// Words of a PDF on one line each, joined by single spaces, for phrases that wrap.
fn words(pdf: &Path) -> String {
    pdf_text(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Word file's paragraphs, one per line.
fn paragraphs(docx: &Path) -> String {
    docx_paragraphs(docx).join("\n")
}

/// Builds `content` (with `extra` arguments) into a new folder; the folder and the build's
/// output folder.
fn build(content: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    let mut args = vec![
        "build",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    papers_ok(&args);
    (work, out)
}

fn assert_pdf_ua(pdf: &Path) {
    assert!(
        pdf_xmp(pdf).contains("<pdfuaid:part>1</pdfuaid:part>"),
        "{}: no PDF/UA-1 claim",
        pdf.display()
    );
}

#[test]
fn harrows_example_meeting_builds_in_harrows_forms() {
    let (_work, out) = build(&root().join("content/harrow-cabinet"), &[]);
    let meeting = out.join("cabinet-2026-02-12");

    // The agenda: Harrow's heading, its standard items and wording, its own items, its dates.
    let agenda = words(&meeting.join("agenda-pack.pdf").published());
    for expected in [
        "Thursday 12 February 2026 at 6.30 pm",
        "Agenda - Part I",
        "1. Apologies for Absence To receive apologies for absence (if any).",
        "from business to be transacted at this meeting, from all Members present.",
        "That the minutes of the meeting held on 15 January 2026 be taken as read and signed as a correct record.",
        "4. Petitions To receive any petitions submitted by members of the public or Councillors.",
        "5. Public Questions",
        "6. Councillor Questions To receive any Councillor questions.",
        "7. Final Capital Programme 2026/27 to 2027/28 (Pages 5 - 11)",
        "Agenda Item 7",
    ] {
        assert!(agenda.contains(expected), "{expected}\n{agenda}");
    }
    assert!(!agenda.contains("AGENDA"), "Rotherham's heading: {agenda}");
    // Cabinet's agenda prints each report's recommendations under its item, from the report.
    assert!(
        agenda.contains("Recommendations: 1. That Cabinet recommends the capital programme at Appendix 1 to Council for approval. 2. That Cabinet notes the new capital additions at Appendix 2. Community and Culture"),
        "{agenda}"
    );
    // Each item starts on a right-hand page: the minutes (pages 3 and 4) need no filler page.
    let pages = pdf_pages(&meeting.join("agenda-pack.pdf").published());
    assert!(pages[4].contains("Agenda Item 7"), "{pages:?}");
    assert!(
        pages
            .iter()
            .all(|page| !page.contains("This page is intentionally left blank")),
        "{pages:?}"
    );
    assert!(
        !agenda.contains("15th January"),
        "Rotherham's dates: {agenda}"
    );

    // The minutes: Harrow's "RESOLVED:" and apologies sentence.
    let minutes = words(&meeting.join("item-03.pdf").published());
    assert!(
        minutes.contains("RESOLVED: To note the interest declared;"),
        "{minutes}"
    );
    // Interests declared are a table with a header row (header cells to a screen reader).
    let minutes_pdf = meeting.join("item-03.pdf").published();
    let layout = pdf_lines(&minutes_pdf);
    assert!(
        layout
            .iter()
            .any(|line| line == "Member Agenda item Interest Nature of interest"),
        "{layout:?}"
    );
    assert!(
        layout
            .iter()
            .any(|line| line.starts_with("Councillor Doyle 4 – Draft Revenue")),
        "{layout:?}"
    );
    assert!(readable(&minutes_pdf).contains("/S /TH"));
    let minutes_docx = docx_document(&meeting.join("item-03-minutes.docx").published());
    assert!(
        minutes_docx.contains("<w:tblHeader"),
        "the declarations table's header row"
    );
    // In Word the table starts where the minute's text does, as in the PDF.
    assert!(
        minutes_docx.contains("<w:tblInd w:w=\"709\""),
        "the table is not indented"
    );
    assert!(
        minutes.contains("Apologies for absence had been received from Councillor Hussain."),
        "{minutes}"
    );
    assert!(!minutes.contains("Resolved:-"), "{minutes}");

    // The cover report: the header of labels beside values, then Harrow's four sections,
    // unnumbered, and the fields each places.
    let report = meeting.join("item-07.pdf").published();
    let text = words(&report);
    for expected in [
        "REPORT FOR: Cabinet",
        "Date of Meeting: 12 February 2026",
        "Subject: Final Capital Programme 2026/27 to 2027/28",
        "Key Decision: Yes - involves expenditure in excess of £1m",
        "Portfolio Holder: Councillor Ahmed",
        "Decision subject to Call-in: No",
        "Enclosures: Appendix 1 – Total Capital Programme",
        "Section 1 – Summary and Recommendations This report sets out the final capital programme",
        "Recommendations: That Cabinet recommends",
        "Reason (for recommendations):",
        "Section 2 – Report Background Cabinet agreed",
        "Staffing/workforce None.",
        "Section 3 – Statutory Officer Clearance Statutory Officer:",
        "Section 4 – Contact Details and Background Papers Contact: Pat Example, Head of Strategic Finance",
        "Background Papers: Draft Capital Programme 2026/27 (Cabinet, 15 January 2026)",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    // Rotherham's form is nowhere: no banner, no numbered sections, no closing line, and an
    // optional section the report left empty is left out.
    for absent in [
        "Public Report",
        "1. Background",
        "Accountable Officer",
        "published on the Council",
        "Council Priorities",
    ] {
        assert!(!text.contains(absent), "{absent}\n{text}");
    }
    for pdf in ["agenda-pack.pdf", "item-03.pdf", "item-07.pdf"] {
        assert_pdf_ua(&meeting.join(pdf).published());
    }

    // The Word file says the same, with the header's labels in a column of their own.
    let docx = meeting.join("item-07-report.docx").published();
    let text = paragraphs(&docx);
    for expected in [
        "REPORT FOR:",
        "Section 1 – Summary and Recommendations",
        "Section 2 – Report",
        "Equalities implications / Public Sector Equality Duty",
        "Section 4 – Contact Details and Background Papers",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    let document = docx_document(&docx);
    let first_table = &document[document.find("<w:tbl>").unwrap()..];
    let first_table = &first_table[..first_table.find("</w:tbl>").unwrap()];
    assert_eq!(
        first_table.matches("<w:gridCol ").count(),
        2,
        "the header is two columns: {first_table}"
    );
    let agenda = paragraphs(&meeting.join("agenda.docx").published());
    assert!(agenda.contains("Agenda - Part I"), "{agenda}");
    assert!(
        agenda.contains("Recommendations:\nThat Cabinet recommends the capital programme"),
        "{agenda}"
    );
    assert!(
        agenda.contains(
            "To receive any petitions submitted by members of the public or Councillors."
        ),
        "{agenda}"
    );
}

/// Rotherham's meeting of 13 May 2022 with each item presenting its long report, data report
/// or terms of reference itself, so that no cover report is in it: what Harrow's style builds.
fn rotherham_meeting_without_cover_reports() -> tempfile::TempDir {
    let content = tempfile::tempdir().unwrap();
    let meeting = copy_example_folder("corporate-parenting-panel", content.path())
        .join("2022-05-13/meeting.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let mut kept = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("appendices:") || trimmed.starts_with("- paper:") {
            continue;
        }
        if trimmed.starts_with("label:") || trimmed.starts_with('#') {
            continue;
        }
        let line = line
            .replace(
                "05-terms-of-reference-cover.yaml",
                "05-terms-of-reference.yaml",
            )
            .replace(
                "06-iro-annual-report-cover.yaml",
                "06-iro-annual-report.yaml",
            )
            .replace(
                "07-q3-performance-cover.yaml",
                "07-performance-data-report.yaml",
            );
        kept.push_str(&line);
        kept.push('\n');
    }
    assert!(!kept.contains("-cover.yaml"), "{kept}");
    std::fs::write(&meeting, kept).unwrap();
    for cover in [
        "05-terms-of-reference-cover.yaml",
        "06-iro-annual-report-cover.yaml",
        "07-q3-performance-cover.yaml",
    ] {
        std::fs::remove_file(meeting.with_file_name(cover)).unwrap();
    }
    content
}

/// A filler page before an item on a right-hand page says it is blank on purpose, in Harrow's
/// words, and says nothing else; no page with content says it. The example's minutes, without
/// their last minute, fill one page, so the report after them needs a filler.
#[test]
fn a_filler_page_says_it_is_blank_in_harrows_words() {
    let content = tempfile::tempdir().unwrap();
    let minutes = copy_example_folder("harrow-cabinet", content.path())
        .join("2026-02-12/minutes-2026-01-15.yaml");
    let text = std::fs::read_to_string(&minutes).unwrap();
    let last = text
        .find("  - key: council_tax_base")
        .expect("the last minute");
    std::fs::write(&minutes, &text[..last]).unwrap();
    let (_work, out) = build(content.path(), &[]);
    let meeting = out.join("cabinet-2026-02-12");
    let pages = pdf_pages(&meeting.join("agenda-pack.pdf").published());
    let fillers: Vec<usize> = (0..pages.len())
        .filter(|index| pages[*index].contains("This page is intentionally left blank"))
        .collect();
    assert!(!fillers.is_empty(), "{pages:?}");
    for index in fillers {
        let words: Vec<&str> = pages[index].split_whitespace().collect();
        assert_eq!(
            words,
            [
                "This",
                "page",
                "is",
                "intentionally",
                "left",
                "blank",
                "Page",
                &(index + 1).to_string()
            ],
            "page {}",
            index + 1
        );
        // The next page starts an item, on a right-hand (odd) page.
        assert!(
            pages[index + 1].contains("Agenda Item"),
            "{:?}",
            pages[index + 1]
        );
    }
}

#[test]
fn rotherhams_agenda_minutes_and_long_reports_build_in_harrows_style() {
    let content = rotherham_meeting_without_cover_reports();
    let (_work, out) = build(content.path(), &["--templates", "harrow"]);
    let meeting = out.join("corporate-parenting-panel-2022-05-13");
    let pack = meeting.join("agenda-pack.pdf").published();
    let agenda = words(&pack);
    for expected in [
        "Friday 13 May 2022 at 1.00 p.m.",
        "Agenda - Part I",
        "Apologies for Absence To receive apologies for absence (if any).",
        "That the minutes of the meeting held on 15 February 2022 be taken as read",
        "Any Other Urgent Business",
        "Dates of Future Meetings Tuesday 14 June 2022",
    ] {
        assert!(agenda.contains(expected), "{expected}\n{agenda}");
    }
    for rotherham in [
        "AGENDA ",
        "15th February, 2022",
        "Apologies for absence.",
        "Resolved:-",
    ] {
        assert!(!agenda.contains(rotherham), "{rotherham}\n{agenda}");
    }
    // The minutes, in the pack and on their own, in Harrow's words.
    assert!(agenda.contains("RESOLVED:"), "{agenda}");
    assert!(
        agenda.contains("Apologies for absence had been received from"),
        "{agenda}"
    );
    // The long reports are all there: the IRO annual report's own headings.
    assert!(agenda.contains("Independent Reviewing Officer"), "{agenda}");
    let outputs = files_under(&meeting);
    let pdfs: Vec<&PathBuf> = outputs
        .iter()
        .filter(|path| path.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(pdfs.len() >= 5, "{outputs:?}");
    for pdf in pdfs {
        assert_pdf_ua(pdf);
    }
    let minutes = outputs
        .iter()
        .find(|path| path.to_string_lossy().ends_with("minutes.docx"))
        .expect("the minutes' Word file");
    let minutes = paragraphs(minutes);
    assert!(minutes.contains("RESOLVED:"), "{minutes}");
    assert!(!minutes.contains("Resolved:-"), "{minutes}");
}

#[test]
fn a_rotherham_cover_report_maps_into_harrows_form_by_the_keys_harrow_declares() {
    // Rotherham's terms of reference cover report, less what Harrow's form has no place for.
    let text = std::fs::read_to_string(
        root()
            .join("content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml"),
    )
    .unwrap();
    let mut kept = String::new();
    let mut dropping = false;
    for line in text.lines() {
        let top_level = !line.starts_with(' ');
        let section_key = line.starts_with("  ") && !line.starts_with("   ");
        if top_level {
            dropping = line.starts_with("other_consideration:")
                || line.starts_with("council_approval_required:");
        } else if section_key {
            dropping = line.starts_with("  consultation:") || line.starts_with("  timetable:");
        }
        if !dropping {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    let (_folder, pdf) = build_paper_in_style(&kept, "harrow");
    let text = words(&pdf);
    // Key Issues, which Harrow's form has not, are under Background, after its own text; the
    // accountable officers under Section 3.
    let background = text.find("Background In November 2021").expect(&text);
    let key_issues = text
        .find("promises made to our looked after children and young people leaving care")
        .expect(&text);
    let options = text.find("Options considered").expect(&text);
    assert!(background < key_issues && key_issues < options, "{text}");
    assert!(
        text.contains("Section 3 – Statutory Officer Clearance"),
        "{text}"
    );
    assert!(
        text.contains("Subject: Corporate Parenting Terms of Reference"),
        "{text}"
    );
    assert!(!text.contains("Key Issues"), "{text}");
    assert!(!text.contains("Public Report"), "{text}");
}

/// Builds a cover report written in `text` with the built-in style `style`; the folder it was
/// built in and its PDF.
fn build_paper_in_style(text: &str, style: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let report = folder.path().join("report.yaml");
    std::fs::write(&report, text).unwrap();
    let out = folder.path().join("out");
    papers_ok(&[
        "build",
        report.to_str().unwrap(),
        "--root",
        folder.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style,
    ]);
    (folder, out.join("report.pdf"))
}

#[test]
fn a_cover_report_harrows_form_cannot_hold_fails_listing_its_sections_and_fields() {
    let result = papers(&[
        "check",
        "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml",
        "--templates",
        "harrow",
    ]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    for expected in [
        "error: section `consultation` is not part of the harrow form",
        "05-terms-of-reference-cover.yaml:",
        "expected: one of `summary`, `report`, `background`, `options`, `staffing`",
        "error: the harrow form has no place for `other_consideration`",
        "expected: one of `committee`, `meeting_date`, `title`",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    // Every problem in one run, nothing written.
    assert!(stderr.contains("`timetable`"), "{stderr}");
    assert!(stderr.contains("`council_approval_required`"), "{stderr}");
}

#[test]
fn an_item_the_style_does_not_word_is_an_error_listing_those_it_does() {
    // Harrow's `petitions` item in a Rotherham meeting.
    let content = tempfile::tempdir().unwrap();
    let meeting = copy_example_folder("corporate-parenting-panel", content.path())
        .join("2022-05-13/meeting.yaml");
    edit_file(
        &meeting,
        "  - standard: declarations\n",
        "  - standard: declarations\n  - standard: petitions\n",
    );
    let result = papers(&["check", content.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("has no standard item `petitions`"),
        "{stderr}"
    );
    assert!(stderr.contains("meeting.yaml:"), "{stderr}");
    assert!(
        stderr.contains("expected: one of `apologies`, `declarations`, `exclusion`"),
        "{stderr}"
    );
    // The same meeting builds in Harrow's style, which words it.
    let result = papers(&[
        "check",
        content.path().to_str().unwrap(),
        "--templates",
        "harrow",
    ]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!stderr.contains("petitions"), "{stderr}");
}

/// A report written for Rotherham's 2020 form, in Harrow's: a heading the author gave a section
/// Harrow takes under another is kept, below Harrow's; a paragraph number set by hand, which
/// Harrow's unnumbered form cannot print, is an error at its line.
#[test]
fn a_mapped_section_keeps_its_authors_heading_and_an_unprintable_number_is_refused() {
    let report = "kind: cover-report\nlayout: 2020\ntitle: Mapped\ncommittee: Cabinet\nsections:\n  background: [Why.]\n  key_issues:\n    heading: Our Own Issues\n    paragraphs: [An issue.]\n  options: [Choices.]\n  risks: [Risks.]\n  legal: [Law.]\n  financial: [Money.]\n  equalities: [Fairness.]\n  clearance: [Cleared.]\n";
    let (_folder, pdf) = build_paper_in_style(report, "harrow");
    let text = pdf_lines(&pdf).join("\n");
    assert!(
        text.contains("Background\nWhy.\nOur Own Issues\nAn issue.\nOptions considered"),
        "{text}"
    );
    let outline = pdf_outline(&pdf).join("\n");
    assert!(outline.contains("Our Own Issues"), "{outline}");

    let numbered = report.replace(
        "  options: [Choices.]",
        "  options:\n    - {text: Choices., number: \"3.4\"}",
    );
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("report.yaml"), numbered).unwrap();
    let result = papers(&[
        "check",
        folder.path().join("report.yaml").to_str().unwrap(),
        "--templates",
        "harrow",
    ]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("the harrow form does not number its paragraphs"),
        "{stderr}"
    );
    assert!(stderr.contains("report.yaml:11:"), "{stderr}");
}

/// The exclusion item lists what is exempt and why in the style's own wording.
#[test]
fn the_exclusion_item_lists_exempt_items_in_the_styles_words() {
    let content = tempfile::tempdir().unwrap();
    let meeting =
        copy_example_folder("harrow-cabinet", content.path()).join("2026-02-12/meeting.yaml");
    // The exclusion item moved up, above the item taken in private.
    edit_file(&meeting, "  - standard: exclusion\n", "");
    edit_file(
        &meeting,
        "  - standard: declarations\n",
        "  - standard: declarations\n  - standard: exclusion\n",
    );
    edit_file(
        &meeting,
        "        report: capital-programme-cover.yaml\n",
        "        title: Capital Programme Contract\n        report: capital-programme-cover.yaml\n        exempt: 3\n",
    );
    edit_file(
        &meeting.with_file_name("capital-programme-cover.yaml"),
        "exempt: No, except Appendix 3, which is exempt under paragraph 3 of Schedule 12A",
        "exempt: Yes – paragraph 3",
    );
    let (_work, out) = build(content.path(), &[]);
    let agenda = paragraphs(&out.join("cabinet-2026-02-12/agenda.docx").published());
    // Harrow's one sentence, in the singular for one item, each paragraph once.
    assert!(
        agenda.contains(
            "To resolve that the press and public be excluded from the meeting for Agenda Item 8 (Capital Programme Contract), as it is likely to involve the disclosure of exempt information as defined in paragraph 3 (information relating to the financial or business affairs"
        ),
        "{agenda}"
    );
    // Harrow's heading for the items taken in private follows the exclusion item.
    assert!(
        agenda.contains("Exclusion of the Press and Public\nTo resolve"),
        "{agenda}"
    );
    assert!(agenda.contains("Agenda - Part II\n"), "{agenda}");
    assert!(
        !agenda.contains(": paragraph 3 ("),
        "Rotherham's wording: {agenda}"
    );
    // An exempt report's recommendations stay off the public agenda.
    assert!(!agenda.contains("That Cabinet recommends"), "{agenda}");
    let public_pack = pdf_text(&out.join("cabinet-2026-02-12/agenda-pack.pdf").published());
    assert!(
        !public_pack.contains("That Cabinet recommends"),
        "{public_pack}"
    );
}

/// A withdrawn item keeps its number and title, says it is withdrawn, and its papers are
/// neither in the pack nor published on their own.
#[test]
fn a_withdrawn_item_keeps_its_number_and_publishes_nothing() {
    let content = tempfile::tempdir().unwrap();
    let meeting =
        copy_example_folder("harrow-cabinet", content.path()).join("2026-02-12/meeting.yaml");
    edit_file(
        &meeting,
        "        report: capital-programme-cover.yaml\n",
        "        title: Final Capital Programme\n        report: capital-programme-cover.yaml\n        withdrawn: true\n",
    );
    let (_work, out) = build(content.path(), &[]);
    let folder = out.join("cabinet-2026-02-12");
    let agenda = paragraphs(&folder.join("agenda.docx").published());
    assert!(
        agenda.contains(
            "Final Capital Programme\nThis item has been withdrawn.\nCommunity and Culture"
        ),
        "{agenda}"
    );
    // The pack's words without its page footers ("Page 2"), which fall where pages break.
    let pack = normalise(&pdf_text(&folder.join("agenda-pack.pdf").published()));
    assert!(
        pack.contains(
            "7. Final Capital Programme This item has been withdrawn. Community and Culture"
        ),
        "{pack}"
    );
    assert!(!pack.contains("That Cabinet recommends"), "{pack}");
    let files: Vec<String> = files_under(&out)
        .iter()
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    assert!(
        !files
            .iter()
            .any(|file| file.contains("item-07") || file.contains("capital-programme")),
        "{files:?}"
    );
}

#[test]
fn a_withdrawn_item_without_its_title_is_an_error_at_its_line() {
    let content = tempfile::tempdir().unwrap();
    let meeting =
        copy_example_folder("harrow-cabinet", content.path()).join("2026-02-12/meeting.yaml");
    edit_file(
        &meeting,
        "        report: capital-programme-cover.yaml\n",
        "        report: capital-programme-cover.yaml\n        withdrawn: true\n",
    );
    let result = papers(&["check", content.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("a withdrawn item needs its `title:`"),
        "{stderr}"
    );
    assert!(stderr.contains("meeting.yaml:"), "{stderr}");
}

/// A withdrawn minutes item keeps its minutes unpublished too, and a withdrawn item's supplied
/// PDF is simply not presented; a sub-item number written as a number with a point is refused,
/// as it would not print as typed.
#[test]
fn withdrawn_minutes_and_supplied_papers_stay_unpublished() {
    let content = tempfile::tempdir().unwrap();
    let cabinet = copy_example_folder("harrow-cabinet", content.path());
    // The minutes outside the meeting's folder, where a paper no agenda claims is built on its own.
    std::fs::rename(
        cabinet.join("2026-02-12/minutes-2026-01-15.yaml"),
        cabinet.join("minutes-2026-01-15.yaml"),
    )
    .unwrap();
    let minutes = cabinet.join("minutes-2026-01-15.yaml");
    edit_file(
        &minutes,
        "committee: ../committee.yaml",
        "committee: committee.yaml",
    );
    std::fs::copy(
        root().join("tests/fixtures/logo.png"),
        cabinet.join("2026-02-12/not-a-pdf.pdf"),
    )
    .unwrap();
    let meeting = cabinet.join("2026-02-12/meeting.yaml");
    edit_file(
        &meeting,
        "  - standard: minutes\n    minutes: minutes-2026-01-15.yaml\n",
        "  - standard: minutes\n    title: Minutes\n    minutes: ../minutes-2026-01-15.yaml\n    withdrawn: true\n    exempt: 1\n",
    );
    edit_file(
        &meeting,
        "        report: capital-programme-cover.yaml\n",
        "        title: Capital Programme\n        report: capital-programme-cover.yaml\n        withdrawn: true\n",
    );
    edit_file(
        &meeting,
        "        appendices:\n          - capital-programme-appendix-1.yaml\n",
        "        appendices:\n          - {paper: not-a-pdf.pdf, title: Supplied}\n          - capital-programme-appendix-1.yaml\n",
    );
    let out = content.path().join("out");
    papers_ok(&[
        "build",
        meeting.to_str().unwrap(),
        minutes.to_str().unwrap(),
        "--root",
        content.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let files: Vec<String> = files_under(&out)
        .iter()
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    assert!(
        !files.iter().any(|file| file.contains("minutes")
            || file.contains("not-a-pdf")
            || file.contains("item-07")),
        "{files:?}"
    );

    // A sub-item number as a bare number would print as 4.1: refused with the fix.
    edit_file(
        &minutes,
        "item: 4 – Draft Revenue Budget and Capital Programme 2026/27",
        "item: 4.10",
    );
    let result = papers(&[
        "check",
        minutes.to_str().unwrap(),
        "--root",
        content.path().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("write it in quotes"), "{stderr}");
}
