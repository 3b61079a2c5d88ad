//! Facts typed by hand: `papers check` warns where text types a minute's or an agenda item's
//! number, a computed figure or the figures' financial year that an expression would print,
//! at the place it is written, with the expression to write; a warning fails nothing.

mod common;
use common::Published;

use std::path::Path;

use common::*;

/// The line and column (in characters) where `needle`, written once in the file at `path`,
/// starts.
fn place_of(path: &Path, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(needle).count(),
        1,
        "{needle:?} is not in {} once",
        path.display()
    );
    let offset = text.find(needle).unwrap();
    let line_start = text[..offset].rfind('\n').map_or(0, |end| end + 1);
    let line = text[..offset].matches('\n').count() + 1;
    (line, text[line_start..offset].chars().count() + 1)
}

/// The warning of `stderr` whose message starts with `start`, up to the blank line after it.
fn warning<'a>(stderr: &'a str, start: &str) -> &'a str {
    let from = stderr
        .find(&format!("warning: {start}"))
        .unwrap_or_else(|| panic!("no warning {start:?} in:\n{stderr}"));
    let rest = &stderr[from..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

#[test]
fn facts_typed_by_hand_are_warned_about_where_they_are_written() {
    let work = tempfile::tempdir().unwrap();
    let committee = copy_example_folder("corporate-parenting-panel", work.path());
    let meeting = committee.join("2022-05-13");
    let minutes = meeting.join("minutes-2022-02-15.yaml");
    let cover = meeting.join("05-terms-of-reference-cover.yaml");
    let performance = meeting.join("07-q3-performance-cover.yaml");
    // A decision (which has no place of its own) cites a minute, in a folded paragraph.
    edit_file(
        &minutes,
        "be excluded from the meeting for {{ minute('lac_council') }} and",
        "be excluded from the meeting for Minute No. 31 and",
    );
    // A cover report cites an agenda item, after a curly apostrophe on its line.
    edit_file(
        &cover,
        "(Looked After Children’s Council).",
        "(Looked After Children’s Council, see Agenda Item 7).",
    );
    // A figure typed in a literal block, a percentage in double quotes after an escape, and
    // the financial year on a folded paragraph's second line.
    edit_file(
        &performance,
        "rise ({{ lac_change | signed }}) to {{ lac.latest }}.",
        "rise ({{ lac_change | signed }}) to 574.",
    );
    edit_file(
        &performance,
        "  options:\n",
        "  options:\n    - \"Plans \\u2013 at the quarter\\u2019s end 91.3% were up to date.\"\n",
    );
    edit_file(
        &performance,
        "relates to 2020/21 outturn",
        "relates to 2021/22 outturn",
    );

    let output = papers(&["check", committee.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "warnings fail nothing:\n{stderr}");
    let cases = [
        (
            &minutes,
            "Minute No. 31",
            "these minutes number it",
            "{{ minute('lac_council') }}",
        ),
        (
            &cover,
            "Agenda Item 7",
            "the agenda numbers it",
            "{{ item('performance') }}",
        ),
        (&performance, "574.", "it is the figure", "{{ lac.dec_21 }}"),
        (
            &performance,
            "91.3%",
            "it is the figure",
            "{{ plans.dec_21 | percent }}",
        ),
        (
            &performance,
            "2021/22 outturn",
            "it is the financial year of the figures",
            "{{ as_at | financial_year }}",
        ),
    ];
    for (file, needle, what, expression) in cases {
        let typed = needle.trim_end_matches('.').trim_end_matches(" outturn");
        let warning = warning(&stderr, &format!("`{typed}` is typed by hand: {what}"));
        let (line, column) = place_of(file, needle);
        let place = format!("--> {}:{line}:{column}\n", file.display());
        assert!(warning.contains(&place), "expected {place} in:\n{warning}");
        let underline = format!("{}\n", "^".repeat(typed.chars().count()));
        assert!(
            warning.contains(&underline),
            "{typed} underlined:\n{warning}"
        );
        assert!(
            warning.contains(&format!("= hint: write {expression}")),
            "expected {expression} in:\n{warning}"
        );
    }
    // One warning each, and none elsewhere in the files edited (the IRO annual report of the
    // meeting types its financial year, as the example does).
    let edited = hand_typed_warnings(&stderr)
        .into_iter()
        .filter(|warning| !warning.contains("06-iro-annual-report.yaml"))
        .count();
    assert_eq!(edited, cases.len(), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("no problems found"));

    // The build prints the same warnings, and writes its files.
    let out = work.path().join("out");
    let built = build_to(&committee, &out);
    let built_stderr = String::from_utf8_lossy(&built.stderr);
    assert_eq!(
        hand_typed_warnings(&built_stderr),
        hand_typed_warnings(&stderr)
    );
    assert!(
        out.join("corporate-parenting-panel-2022-05-13/agenda-pack.pdf")
            .published()
            .exists()
    );
}

/// The warnings about facts typed by hand in `stderr`, each whole.
fn hand_typed_warnings(stderr: &str) -> Vec<&str> {
    stderr
        .split("\n\n")
        .filter(|block| block.starts_with("warning:") && block.contains("is typed by hand"))
        .collect()
}

#[test]
fn the_example_types_by_hand_only_financial_years() {
    let output = papers(&["check", "content/"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // Its references to minutes and items, and its figures, are expressions; the IRO annual
    // report and the June 2020 cover report type the year of their figures, as the published
    // papers did.
    for kind in ["number it", "it is the figure"] {
        assert!(!stderr.contains(kind), "{stderr}");
    }
    let warnings = hand_typed_warnings(&stderr);
    assert!(
        warnings
            .iter()
            .all(|warning| warning.contains("it is the financial year of the figures")),
        "{stderr}"
    );
    assert_eq!(warnings.len(), 16, "{stderr}");
}
