//! The agenda front sheet as a governance advisor fills it in for any committee: members as
//! data (roles, members from outside the council, co-opted and non-voting members, groups,
//! substitutes), the date of issue, who signs it, the contact's phone, notices, and the
//! exclusion item's checks; each read back from the PDF and the Word file.

mod common;
use common::Published;

use std::path::{Path, PathBuf};

use common::*;

/// A health and wellbeing board: councillors, a chair, members from the NHS and the voluntary
/// sector, a co-opted non-voting member and named substitutes.
const BOARD: &str = "kind: committee
name: Health and Wellbeing Board
council: Example Council
members:
  - name: Roche
    role: chair
  - name: Yasseen
    role: Vice-Chair
  - Baker-Rogers
  - name: Cusworth
    role: Cabinet Member for Adult Social Care and Health
  - name: Jane Smith
    title: Dr
    organisation: NHS South Yorkshire
  - name: Ali Khan
    title: Mr
    organisation: Voluntary Action Example
    co_opted: true
    voting: false
substitutes:
  - Hall
  - name: Priya Patel
    title: Ms
    organisation: NHS South Yorkshire
contact:
  name: Jo Example
  role: Governance Advisor
  email: governance@example.org
  phone: 01234 567890
venue: Town Hall, Example
notices:
  - Meetings are webcast live at https://example.org/webcasts.
";

const MEETING: &str = "kind: meeting
committee: committee.yaml
date: 2026-03-04
time: 9.00 a.m.
issued: 2026-02-24
signed_by:
  name: Ann Officer
  role: Director of Legal and Governance
notices:
  - To speak at the meeting, **register by noon** on Monday 2 March.
items:
  - standard: apologies
  - standard: declarations
  - title: Better Care Fund Update
  - standard: urgent
";

/// Write the board and its meeting into a new folder, build it, and return the folder (kept
/// alive by the value) and the meeting's output folder.
fn build_board(meeting: &str) -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    write_files(
        &content,
        &[("committee.yaml", BOARD), ("meeting.yaml", meeting)],
    );
    let out = work.path().join("out");
    build_to(&content, &out);
    (work, out.join("health-and-wellbeing-board-2026-03-04"))
}

/// The build's failure message for `meeting` (with the board), which must fail.
fn board_failure(files: &[(&str, &str)]) -> String {
    let work = tempfile::tempdir().unwrap();
    write_files(work.path(), &[("committee.yaml", BOARD)]);
    write_files(work.path(), files);
    let output = papers(&[
        "build",
        work.path().to_str().unwrap(),
        "--out",
        work.path().join("out").to_str().unwrap(),
    ]);
    assert!(!output.status.success(), "the build should fail");
    assert!(
        !work.path().join("out").exists() || files_under(&work.path().join("out")).is_empty(),
        "a failed build writes nothing"
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The agenda pack's words, each run of spaces and line ends as one space, and a word broken
/// after a hyphen at a line end joined again.
fn agenda_pdf(folder: &Path) -> String {
    pdf_lines(&folder.join("agenda-pack.pdf").published())
        .join(" ")
        .replace("- ", "-")
}

/// The Word agenda's paragraphs, each line in a paragraph as its own line, joined by spaces as
/// the PDF's words are.
fn agenda_word(folder: &Path) -> String {
    docx_paragraph_lines(&folder.join("agenda.docx").published())
        .join("\n")
        .replace('\n', " ")
}

#[test]
fn members_print_as_the_council_prints_them_not_all_as_councillors() {
    let (_work, folder) = build_board(MEETING);
    let word = agenda_word(&folder);
    let pdf = agenda_pdf(&folder);
    for text in [&word, &pdf] {
        // Councillors holding no office but the chair's in one line, offices in brackets.
        assert!(
            text.contains("Councillors Roche (Chair), Yasseen (Vice-Chair), and Baker-Rogers"),
            "{text}"
        );
        // Everyone else on a line of their own, with what they are.
        assert!(
            text.contains("Councillor Cusworth, Cabinet Member for Adult Social Care and Health"),
            "{text}"
        );
        assert!(
            text.contains("Dr Jane Smith, NHS South Yorkshire"),
            "{text}"
        );
        assert!(
            text.contains("Mr Ali Khan, Voluntary Action Example, co-opted member, non-voting"),
            "{text}"
        );
        // The doctor is never a councillor.
        assert!(!text.contains("Councillor Dr"), "{text}");
        assert!(!text.contains("Councillors Dr"), "{text}");
        // Named substitutes under their own label.
        assert!(text.contains("Substitutes:"), "{text}");
        assert!(text.contains("Councillors Hall"), "{text}");
        assert!(
            text.contains("Ms Priya Patel, NHS South Yorkshire"),
            "{text}"
        );
    }
}

#[test]
fn the_front_sheet_gives_the_date_of_issue_signer_phone_and_notices() {
    let (_work, folder) = build_board(MEETING);
    let word = agenda_word(&folder);
    let pdf = agenda_pdf(&folder);
    for text in [&word, &pdf] {
        assert!(text.contains("Date of issue:-"), "{text}");
        assert!(text.contains("24 February 2026"), "{text}");
        assert!(text.contains("01234 567890"), "{text}");
        assert!(
            text.contains("Meetings are webcast live at https://example.org/webcasts."),
            "{text}"
        );
        assert!(
            text.contains("To speak at the meeting, register by noon on Monday 2 March."),
            "{text}"
        );
        // The signer's own title, not the style's "Chief Executive.".
        assert!(
            text.contains("Ann Officer, Director of Legal and Governance"),
            "{text}"
        );
        assert!(!text.contains("Chief Executive"), "{text}");
    }
    // The committee's notice comes before the meeting's; its address is a working link.
    assert!(
        pdf.find("webcast live").unwrap() < pdf.find("register by noon").unwrap(),
        "{pdf}"
    );
    let document = docx_document(&folder.join("agenda.docx").published());
    assert!(document.contains("<w:hyperlink"), "{document}");
    let relationships = docx_part(
        &folder.join("agenda.docx").published(),
        "word/_rels/document.xml.rels",
    );
    assert!(
        relationships.contains("https://example.org/webcasts"),
        "{relationships}"
    );
    let links = pdf_json(&folder.join("agenda-pack.pdf").published(), "qpdf").to_string();
    assert!(links.contains("https://example.org/webcasts"), "{links}");
}

#[test]
fn an_agenda_signed_twice_fails_at_the_signer() {
    let meeting = MEETING.replace("signed_by:", "chief_executive: Sharon Kemp\nsigned_by:");
    let message = board_failure(&[("meeting.yaml", &meeting)]);
    assert!(
        message.contains("error: the agenda names two people to sign it"),
        "{message}"
    );
    assert!(message.contains("meeting.yaml:8:"), "{message}");
}

#[test]
fn a_member_with_an_empty_role_fails_where_it_is_written() {
    let work = tempfile::tempdir().unwrap();
    write_files(
        work.path(),
        &[
            (
                "committee.yaml",
                &BOARD.replace("role: chair", "role: \"\""),
            ),
            ("meeting.yaml", MEETING),
        ],
    );
    let output = papers(&["check", work.path().to_str().unwrap()]);
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{message}");
    assert!(message.contains("committee.yaml:6:"), "{message}");
    assert!(message.contains("`chair`, `vice-chair`"), "{message}");
}

/// A board meeting with a report item, `report_exempt` being the cover report's own answer.
fn meeting_with_report(items: &str, report_exempt: &str) -> Vec<(&'static str, String)> {
    let report = format!(
        "kind: cover-report
title: Pharmacy Needs Assessment
committee: Health and Wellbeing Board
exempt: {report_exempt}
summary: The assessment of need for pharmacies.
appendices:
  - Draft assessment
  - Supplier prices
sections:
  background: [Background.]
  key_issues: [Key issues.]
  options: [Options.]
  risks: [Risks.]
accountable_officers:
  - name: Ann Example
"
    );
    let appendix = "kind: short-paper\ntitle: Supplier prices\nbody: Prices.\n".to_string();
    let draft = "kind: short-paper\ntitle: Draft assessment\nbody: Draft.\n".to_string();
    vec![
        (
            "meeting.yaml",
            MEETING.replace("  - standard: urgent\n", items),
        ),
        ("report.yaml", report),
        ("appendix.yaml", appendix),
        ("draft.yaml", draft),
    ]
}

fn failure_of(files: &[(&'static str, String)]) -> String {
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(name, text)| (*name, text.as_str()))
        .collect();
    board_failure(&files)
}

const EXEMPT_APPENDIX: &str = "  - standard: exclusion
  - title: Pharmacy Needs Assessment
    report: report.yaml
    appendices:
      - draft.yaml
      - paper: appendix.yaml
        exempt: 3
";

#[test]
fn a_report_saying_no_while_the_agenda_marks_an_appendix_exempt_fails_naming_both() {
    let message = failure_of(&meeting_with_report(EXEMPT_APPENDIX, "\"No\""));
    assert!(
        message.contains(
            "error: the report says `exempt: No`, but the agenda marks Appendix 2 exempt"
        ),
        "{message}"
    );
    // The report's answer, and the agenda's mark.
    assert!(message.contains("report.yaml:4:9"), "{message}");
    assert!(message.contains("meeting.yaml:20"), "{message}");
}

#[test]
fn a_report_claiming_exemption_is_honoured_by_its_exempt_appendix() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    write_files(&content, &[("committee.yaml", BOARD)]);
    for (name, text) in meeting_with_report(
        EXEMPT_APPENDIX,
        "Yes – Appendix 2 is exempt under paragraph 3",
    ) {
        write_files(&content, &[(name, &text)]);
    }
    let out = work.path().join("out");
    build_to(&content, &out);
    let agenda = pdf_text(
        &out.join("health-and-wellbeing-board-2026-03-04/agenda-pack.pdf")
            .published(),
    );
    assert!(agenda.contains("Appendix 2 of Agenda Item"), "{agenda}");
    assert!(!agenda.contains("Prices."), "{agenda}");
}

#[test]
fn an_appendix_the_report_does_not_list_fails_at_the_agenda() {
    let items = "  - title: Pharmacy Needs Assessment
    report: report.yaml
    appendices:
      - draft.yaml
      - appendix.yaml
      - paper: draft.yaml
        label: C
";
    let message = failure_of(&meeting_with_report(items, "\"No\""));
    assert!(
        message.contains("error: the agenda presents Appendix C, which the report does not list"),
        "{message}"
    );
    assert!(message.contains("meeting.yaml:20:"), "{message}");
    assert!(message.contains("(it lists 1, 2)"), "{message}");
}

#[test]
fn exempt_business_needs_the_exclusion_item_before_it() {
    let private_update = "  - title: Provider Failure
    exempt: 3
  - standard: exclusion
";
    let message = failure_of(&meeting_with_report(private_update, "\"No\""));
    assert!(
        message.contains(
            "error: this item is taken in private but comes before the exclusion of the press and public"
        ),
        "{message}"
    );
    assert!(message.contains("meeting.yaml:15:"), "{message}");
    let without = "  - title: Provider Failure\n    exempt: 3\n";
    let message = failure_of(&meeting_with_report(without, "\"No\""));
    assert!(
        message.contains(
            "error: this item is exempt, but the agenda has no item to exclude the press and public"
        ),
        "{message}"
    );
}

#[test]
fn a_council_that_prints_political_groups_prints_them() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    let board = BOARD
        .replace(
            "  - Baker-Rogers\n",
            "  - name: Baker-Rogers\n    group: Labour\n",
        )
        .replace(
            "council: Example Council\n",
            "council: Example Council\nhouse_style: harrow\n",
        );
    write_files(
        &content,
        &[("committee.yaml", &board), ("meeting.yaml", MEETING)],
    );
    let out = work.path().join("out");
    build_to(&content, &out);
    let text = docx_paragraphs(
        &out.join("health-and-wellbeing-board-2026-03-04/agenda.docx")
            .published(),
    )
    .join("\n");
    assert!(text.contains("Baker-Rogers (Labour)"), "{text}");
    assert!(text.contains("Reserve Members:"), "{text}");
    assert!(text.contains("Agenda publication date:"), "{text}");
}
