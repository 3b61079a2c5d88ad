//! Minute numbers run on through the municipal year: minutes whose `first_minute` does not
//! follow the committee's minutes before them fail where the number is written.

mod common;

use std::path::Path;

use common::*;

/// The example Cabinet with the minutes of an earlier meeting, numbered from `first` with
/// three minutes, beside its own (which start at 101); `papers check`'s output.
fn check_with_earlier_minutes(first: u32, later_first: u32) -> std::process::Output {
    let work = tempfile::tempdir().unwrap();
    let cabinet = copy_example_folder("harrow-cabinet", work.path());
    let later = cabinet.join("2026-02-12/minutes-2026-01-15.yaml");
    edit_file(
        &later,
        "first_minute: 101",
        &format!("first_minute: {later_first}"),
    );
    write_files(
        &cabinet.join("archive"),
        &[(
            "minutes-2025-12-11.yaml",
            &format!(
                "kind: minutes
committee: ../committee.yaml
date: 2025-12-11
first_minute: {first}
present:
  chair: Evans
apologies: []
minutes:
  - title: Minutes
    resolved: That the minutes be signed.
  - title: Petitions
    resolved: To note that none had been received.
  - title: Housing Strategy
    resolved: That the strategy be approved.
"
            ),
        )],
    );
    papers(&["check", Path::new(work.path()).to_str().unwrap()])
}

#[test]
fn minutes_numbering_on_from_the_meeting_before_pass() {
    // 98, 99 and 100, then 101.
    let output = check_with_earlier_minutes(98, 101);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A new municipal year starts again at 1.
    let output = check_with_earlier_minutes(98, 1);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn minutes_that_do_not_number_on_fail_at_their_first_minute() {
    let output = check_with_earlier_minutes(90, 101);
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{message}");
    assert!(
        message
            .contains("error: these minutes start at 101, but the minutes before them end at 92"),
        "{message}"
    );
    assert!(message.contains("minutes-2026-01-15.yaml:6:1"), "{message}");
    assert!(message.contains("`first_minute: 93`"), "{message}");
}
