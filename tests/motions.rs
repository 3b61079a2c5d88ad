//! Motions and votes in minutes, as a reader of the built papers sees them: who moved and
//! seconded, how each member voted with counts that match the names, and the outcome; and
//! votes written wrong, refused at their line.

mod common;
use common::Published;

use std::path::{Path, PathBuf};

use common::*;

/// The example Harrow minutes, relative to the content folder.
const MINUTES: &str = "2026-02-12/minutes-2026-01-15.yaml";

/// The example Harrow meeting built, in Harrow's style: its minutes item's PDF and DOCX (the
/// output folder lives as long as the returned value).
fn built_minutes() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let out = build_into_tempdir(&["content/harrow-cabinet"]);
    let meeting = out.path().join("cabinet-2026-02-12");
    let pdf = meeting.join("item-03.pdf").published();
    let docx = meeting.join("item-03-minutes.docx").published();
    assert!(pdf.exists() && docx.exists(), "{:?}", files(&meeting));
    (out, pdf, docx)
}

fn files(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect()
}

/// What the example's recorded vote on the motion says, line by line, in both files.
const RECORDED_VOTE: [&str; 5] = [
    "A recorded vote was taken as follows:",
    "For (5): Councillors Ahmed, Brennan, Chauhan, Evans, and Fernandes",
    "Against (1): Councillor Greene",
    "Abstentions (1): Councillor Doyle",
    "Upon being put to the vote, the motion was carried.",
];

/// The number in brackets of "For (5): Councillors A, B, and C", and how many names follow.
fn count_and_names(line: &str) -> (usize, usize) {
    let (label, names) = line.split_once(':').expect("a label and names");
    let count = label
        .split_once('(')
        .and_then(|(_, count)| count.strip_suffix(')'))
        .and_then(|count| count.parse().ok())
        .expect("a count in brackets");
    let names = names.trim();
    let named = if names == "None" {
        0
    } else {
        names
            .trim_start_matches("Councillors ")
            .trim_start_matches("Councillor ")
            .split(", ")
            .flat_map(|part| part.split(" and "))
            .map(|name| name.trim_start_matches("and "))
            .filter(|name| !name.is_empty())
            .count()
    };
    (count, named)
}

#[test]
fn the_harrow_minutes_show_the_motion_the_amendment_and_the_recorded_vote() {
    let (_out, pdf, docx) = built_minutes();
    // The text as laid out, a line at a time, joined: what a reader reads down the page.
    let lines = pdf_lines(&pdf);
    let text = lines.join(" ");
    for expected in [
        "It was moved by Councillor Ahmed, seconded by Councillor Brennan, that: That Council be recommended to approve a council tax base for 2026/27 of 84,212.6 Band D",
        "An amendment was moved by Councillor Greene, seconded by Councillor Doyle, that: That the Council Tax Reduction Scheme be changed",
        "The votes on a show of hands were: For 2, Against 5, Abstentions 0.",
        "Upon being put to the vote, the amendment was lost.",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    // The recorded vote in order, after the amendment's outcome; each way a line of its own
    // (the longest list runs on to a second).
    let vote = RECORDED_VOTE.join(" ");
    let start = text
        .find(&vote)
        .unwrap_or_else(|| panic!("no recorded vote: {text}"));
    let amendment = text
        .find("the amendment was lost.")
        .expect("the amendment's outcome");
    assert!(amendment < start, "{text}");
    for line in [
        RECORDED_VOTE[0],
        RECORDED_VOTE[2],
        RECORDED_VOTE[3],
        RECORDED_VOTE[4],
    ] {
        assert!(lines.iter().any(|l| l == line), "{line}\n{lines:#?}");
    }
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with("For (5): Councillors Ahmed, Brennan")),
        "{lines:#?}"
    );
    // Each count is the number of names it heads.
    for line in &RECORDED_VOTE[1..4] {
        let (count, named) = count_and_names(line);
        assert_eq!(count, named, "{line}");
    }
    assert_eq!(count_and_names("Abstentions (0): None"), (0, 0));

    // The Word file says the same: the rows of the vote are a label and the names.
    let paragraphs = docx_paragraphs(&docx);
    let joined = paragraphs.join("\n");
    for expected in [
        "It was moved by Councillor Ahmed, seconded by Councillor Brennan, that:",
        "An amendment was moved by Councillor Greene, seconded by Councillor Doyle, that:",
        "The votes on a show of hands were: For 2, Against 5, Abstentions 0.",
        RECORDED_VOTE[0],
        "For (5):",
        "Councillors Ahmed, Brennan, Chauhan, Evans, and Fernandes",
        "Against (1):",
        "Councillor Greene",
        "Abstentions (1):",
        "Councillor Doyle",
        RECORDED_VOTE[4],
    ] {
        assert!(
            paragraphs.iter().any(|paragraph| paragraph == expected),
            "{expected}\n{joined}"
        );
    }
    let order: Vec<usize> = [
        RECORDED_VOTE[0],
        "For (5):",
        "Against (1):",
        RECORDED_VOTE[4],
    ]
    .iter()
    .map(|line| paragraphs.iter().position(|p| p == line).unwrap())
    .collect();
    assert!(order.is_sorted(), "{order:?}\n{joined}");
    // The vote is indented with the minute's text, as in the PDF.
    assert!(
        docx_document(&docx)
            .matches("<w:tblInd w:w=\"709\"")
            .count()
            >= 2,
        "the vote's table is not indented"
    );
}

/// The Harrow example copied, with `old` replaced by `new` in its minutes, then checked: the
/// messages of a run that must fail.
fn refused(old: &str, new: &str) -> String {
    let content = tempfile::tempdir().unwrap();
    let cabinet = copy_example_folder("harrow-cabinet", content.path());
    edit_file(&cabinet.join(MINUTES), old, new);
    let out = content.path().join("out");
    let output = papers(&[
        "build",
        cabinet.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_ne!(
        output.status.code(),
        Some(0),
        "{old} → {new}: built\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!out.exists(), "a refused build wrote {:?}", files(&out));
    stderr
}

/// The line of the example minutes on which `text` first appears (1-based).
fn line_of(text: &str) -> usize {
    let minutes =
        std::fs::read_to_string(root().join("content/harrow-cabinet").join(MINUTES)).unwrap();
    minutes
        .lines()
        .position(|line| line.contains(text))
        .unwrap_or_else(|| panic!("{text} is not in the example minutes"))
        + 1
}

/// The place a message must name: the minutes' file and a line.
fn place(line: usize) -> String {
    format!("minutes-2026-01-15.yaml:{line}:")
}

#[test]
fn an_outcome_that_disagrees_with_the_votes_is_refused_naming_both_places() {
    let stderr = refused("outcome: carried ", "outcome: lost    ");
    assert!(
        stderr.contains("`outcome: lost` disagrees with the votes at line"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&place(line_of("outcome: carried"))),
        "{stderr}"
    );
    let votes = line_of("for: [Ahmed, Brennan, Chauhan, Evans, Fernandes]");
    assert!(
        stderr.contains(&format!("at line {votes}, column")),
        "{stderr}"
    );
    assert!(stderr.contains("the motion was carried"), "{stderr}");
}

#[test]
fn a_member_voting_twice_is_refused_at_the_second_vote() {
    let stderr = refused("against: [Greene]", "against: [Greene, Chauhan]");
    assert!(
        stderr.contains("`Chauhan` votes twice in this recorded vote: for, then against"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&place(line_of("against: [Greene]"))),
        "{stderr}"
    );
}

#[test]
fn a_tie_without_a_casting_vote_is_refused_and_a_casting_vote_decides_one() {
    let tie = "show_of_hands: {for: 3, against: 3, abstain: 1}";
    let stderr = refused("show_of_hands: {for: 2, against: 5, abstain: 0}", tie);
    assert!(
        stderr.contains("the vote on this amendment is tied (3 for, 3 against, 1 abstaining) and no casting vote is given"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&place(line_of("show_of_hands:"))),
        "{stderr}"
    );
    assert!(
        stderr.contains("expected: `casting_vote: for` or `casting_vote: against`"),
        "{stderr}"
    );
}

#[test]
fn a_voter_not_listed_as_present_is_refused_at_the_name() {
    let stderr = refused("abstain: [Doyle]", "abstain: [Doyle, Hussain]");
    assert!(
        stderr.contains("`Hussain` abstains but is not listed as present"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&place(line_of("abstain: [Doyle]"))),
        "{stderr}"
    );
    assert!(
        stderr.contains("one of those present: Evans, Ahmed, Brennan"),
        "{stderr}"
    );
}
