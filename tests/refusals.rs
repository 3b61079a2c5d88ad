//! Content that once broke, hung, escaped or silently mis-published a build is now refused: each
//! case exits 1 with `file:line:column` (or 2 naming the file, for a file that cannot be read),
//! quickly, within a few hundred MB, without a panic and without quoting a foreign file.
//!
//! Each case edits a copy of the example committee (its meeting, minutes and papers); the cases
//! of a single paper live in `tests/malformed/`.

// Child processes are signalled and measured through libc; each call says why it is sound.
#![allow(unsafe_code)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

/// A copy of the example committee to spoil; `content` is the content root.
struct Committee {
    work: tempfile::TempDir,
    content: PathBuf,
}

impl Committee {
    fn new() -> Self {
        let work = tempfile::tempdir().unwrap();
        let content = work.path().join("content");
        copy_folder(
            &root().join("content/corporate-parenting-panel"),
            &content.join("panel"),
        );
        Committee { work, content }
    }

    fn meeting(&self) -> PathBuf {
        self.content.join("panel/2022-05-13")
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.meeting().join(relative)
    }

    /// Replace `old` by `new` in the meeting's file `relative`.
    fn edit(&self, relative: &str, old: &str, new: &str) {
        let path = self.path(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(old), "{relative} has no {old:?}");
        std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
    }
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The largest resident size of any child process this test has waited for, in MB.
fn largest_child_mb() -> i64 {
    // SAFETY: rusage is plain integers, for which all zero bytes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes the struct it is given.
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(status, 0);
    usage.ru_maxrss / 1024
}

/// Run `papers check` on the meeting and check how it refuses: exit code, the start of the first
/// message (`error: …`, then ` --> file:line:column` with `place` the file's name relative to
/// the meeting) and a phrase it holds. Returns stderr.
fn refused(committee: &Committee, code: i32, place: &str, phrase: &str) -> String {
    let meeting = committee.meeting();
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_papers"))
        .args(["check", meeting.to_str().unwrap(), "--root"])
        .arg(&committee.content)
        .current_dir(committee.work.path())
        .output()
        .unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    let first = stderr.lines().next().unwrap_or_default();
    let expected_start = meeting.join(place).display().to_string();
    if code == 2 {
        // A file that cannot be read at all is named in the message.
        assert!(
            first.contains(&expected_start),
            "{expected_start} in {stderr}"
        );
    } else {
        assert!(first.starts_with("error: "), "{stderr}");
        // ` --> file:line:column` under the message.
        let place = stderr
            .lines()
            .nth(1)
            .and_then(|line| line.trim_start().strip_prefix("--> "))
            .unwrap_or_else(|| panic!("no place under the message: {stderr}"));
        // Callers give the start of `file:line:column:` (`meeting.yaml:5:12:`, `meeting.yaml:`).
        assert!(
            format!("{place}:").starts_with(&expected_start),
            "the message is placed in {expected_start}: {stderr}"
        );
        let mut parts = place.rsplitn(3, ':');
        assert!(
            parts.next().unwrap().parse::<u32>().is_ok(),
            "column in {first}"
        );
        assert!(
            parts.next().unwrap().parse::<u32>().is_ok(),
            "line in {first}"
        );
    }
    assert!(stderr.contains(phrase), "{phrase:?} in {stderr}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert!(largest_child_mb() < 400, "{} MB", largest_child_mb());
    stderr
}

#[test]
fn paths_in_content_stay_inside_the_content_root() {
    for (written, why) in [
        ("/dev/zero", "outside the content root"),
        (
            "../../../../../../../../etc/passwd",
            "outside the content root",
        ),
        ("/etc/passwd", "outside the content root"),
        ("notes.txt", "not a YAML file"),
        (".hidden.yaml", "hidden files"),
    ] {
        let committee = Committee::new();
        std::fs::write(committee.path("notes.txt"), "kind: committee").unwrap();
        std::fs::write(committee.path(".hidden.yaml"), "kind: committee").unwrap();
        committee.edit(
            "meeting.yaml",
            "committee: ../committee.yaml",
            &format!("committee: {written}"),
        );
        let stderr = refused(&committee, 1, "meeting.yaml:5:12:", why);
        assert!(
            !stderr.contains("root:x"),
            "a foreign file is quoted: {stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_root_is_refused_without_quoting_its_target() {
    let committee = Committee::new();
    std::os::unix::fs::symlink("/etc/passwd", committee.content.join("panel/link.yaml")).unwrap();
    committee.edit(
        "meeting.yaml",
        "committee: ../committee.yaml",
        "committee: ../link.yaml",
    );
    let stderr = refused(
        &committee,
        1,
        "meeting.yaml:5:12:",
        "outside the content root",
    );
    assert!(!stderr.contains("root:"), "{stderr}");

    let committee = Committee::new();
    committee.edit(
        "performance/figures.yaml",
        "series: values.csv",
        "series: /etc/passwd",
    );
    let stderr = refused(
        &committee,
        1,
        "performance/figures.yaml:",
        "outside the content root",
    );
    assert!(!stderr.contains("root:"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_root_among_the_content_is_refused_by_name() {
    let committee = Committee::new();
    std::os::unix::fs::symlink("/etc/passwd", committee.path("passwords.yaml")).unwrap();
    let stderr = refused(
        &committee,
        2,
        "passwords.yaml",
        "leads outside the content root",
    );
    assert!(!stderr.contains("root:"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_pipe_named_like_content_is_refused_without_waiting_for_it() {
    let committee = Committee::new();
    let pipe = std::ffi::CString::new(committee.path("x.yaml").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads the NUL-terminated path it is given.
    assert_eq!(unsafe { libc::mkfifo(pipe.as_ptr(), 0o600) }, 0);
    refused(&committee, 2, "x.yaml", "not a regular file");
}

#[test]
fn a_supplied_pdf_from_outside_the_root_is_refused() {
    let committee = Committee::new();
    let outside = committee.work.path().join("elsewhere.pdf");
    std::fs::write(&outside, b"%PDF-1.7 not really").unwrap();
    committee.edit(
        "meeting.yaml",
        "      - paper: 05-terms-of-reference.yaml",
        &format!("      - paper: {}", outside.display()),
    );
    refused(
        &committee,
        1,
        "meeting.yaml:20:",
        "outside the content root",
    );
}

#[test]
fn a_file_too_large_is_refused_by_name() {
    let committee = Committee::new();
    let paragraph = "word ".repeat(11 * 1024 * 1024);
    std::fs::write(
        committee.path("zz-huge.yaml"),
        format!("kind: action-plan\ntitle: Huge\nintroduction: {paragraph}\n"),
    )
    .unwrap();
    refused(&committee, 2, "zz-huge.yaml", "larger than 20 MB");
}

#[test]
fn figures_refuse_nonsense_at_their_place() {
    let cases: [(&str, &str, &str, &str, &str); 6] = [
        (
            "performance/figures.yaml",
            "    unit: rate\n    polarity: low",
            "    unit: rate\n    precision: 20\n    polarity: low",
            "performance/figures.yaml:",
            "`precision: 20`",
        ),
        (
            "performance/values.csv",
            "ref,2020-12,",
            "ref,2020-12,Dec-20,",
            "performance/values.csv:1:13:",
            "a second column for `Dec-20`",
        ),
        (
            "performance/values.csv",
            ",574,",
            ",\"574,5\",",
            "performance/values.csv:2:",
            "decimal comma",
        ),
        (
            "performance/figures.yaml",
            "2021/22: 57457",
            "2021/22: 0",
            "performance/figures.yaml:",
            "needs a population above 0",
        ),
        (
            "performance/figures.yaml",
            "computed:\n",
            "computed:\n  huge: 1.0e308 * 10\n",
            "performance/figures.yaml:",
            "cannot compute `huge`: the result is not a finite number",
        ),
        (
            "performance/figures.yaml",
            "    last_year: 103.8",
            "    last_year: .inf",
            "performance/figures.yaml:",
            "error: `.inf` is not a figure",
        ),
    ];
    for (file, old, new, place, phrase) in cases {
        let committee = Committee::new();
        committee.edit(file, old, new);
        refused(&committee, 1, place, phrase);
    }
}

#[test]
fn agenda_fields_mean_what_they_say_where_they_stand() {
    let cases: [(&str, &str, &str, &str); 6] = [
        (
            "      - paper: 05-terms-of-reference.yaml",
            "      - paper: 05-terms-of-reference.yaml\n        label: \"/../../../x\"",
            "meeting.yaml:21:9:",
            "cannot label an appendix",
        ),
        (
            "      - paper: 05-terms-of-reference.yaml",
            "      - paper: 05-terms-of-reference.yaml\n        label: A\n      - paper: 06-iro-annual-report.yaml\n        label: a",
            "meeting.yaml:",
            "two appendices of this item are labelled `A` and `a`",
        ),
        (
            "      - paper: 05-terms-of-reference.yaml",
            "      - paper: 05-terms-of-reference.yaml\n        title: Terms",
            "meeting.yaml:",
            "`title` is for an appendix supplied as a PDF",
        ),
        (
            "  - standard: apologies",
            "  - standard: apologies\n    exempt: 1",
            "meeting.yaml:",
            "`exempt` means nothing on this standard item",
        ),
        (
            "  - standard: urgent",
            "  - group: Part II\n    report: 05-terms-of-reference-cover.yaml\n    items:\n      - standard: urgent",
            "meeting.yaml:",
            "`report` does not belong on a group heading",
        ),
        (
            "date: 2022-05-13",
            "date: 2022-05-13",
            "meeting.yaml:6:1:",
            "two meetings would both be written to the folder",
        ),
    ];
    for (index, (old, new, place, phrase)) in cases.into_iter().enumerate() {
        let committee = Committee::new();
        committee.edit("meeting.yaml", old, new);
        if index == cases.len() - 1 {
            // The same committee meeting twice on one date.
            std::fs::copy(
                committee.path("meeting.yaml"),
                committee.path("another.yaml"),
            )
            .unwrap();
        }
        refused(&committee, 1, place, phrase);
    }
}

#[test]
fn a_chart_with_no_figures_is_refused_where_it_is_written() {
    let committee = Committee::new();
    committee.edit(
        "iro/figures.yaml",
        "tables:\n",
        "tables:\n  words:\n    columns: [Area, Note]\n    rows:\n      - [North, not published]\n",
    );
    committee.edit(
        "06-iro-annual-report.yaml",
        "chart: {table: ethnicity,",
        "chart: {table: words,",
    );
    refused(
        &committee,
        1,
        "06-iro-annual-report.yaml:478:",
        "the chart of `words` has no figures to draw",
    );
}

#[test]
fn paths_in_different_folders_outside_the_current_one_need_a_root() {
    let work = tempfile::tempdir().unwrap();
    for name in ["a/r.yaml", "b/s.yaml"] {
        let path = work.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "kind: committee").unwrap();
    }
    let output = papers(&[
        "check",
        work.path().join("a/r.yaml").to_str().unwrap(),
        work.path().join("b/s.yaml").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("give --root"), "{stderr}");
}

#[test]
fn papers_with_the_same_output_name_are_refused_naming_both() {
    let work = tempfile::tempdir().unwrap();
    let report = std::fs::read_to_string(
        root()
            .join("content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml"),
    )
    .unwrap();
    for name in ["a/r.yaml", "b/r.yaml", "c/r.yaml", "c/R.yml"] {
        let path = work.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &report).unwrap();
    }
    let a = work.path().join("a/r.yaml");
    let b = work.path().join("b/r.yaml");
    let output = papers(&[
        "check",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--root",
        work.path().to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: two outputs would both be written to `r.pdf`: one from `{}`, one from `{}`\n--> {}:1:1\n",
            a.display(),
            b.display(),
            b.display()
        )),
        "{stderr}"
    );
    let output = papers(&["check", work.path().join("c").to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("differ only in case"), "{stderr}");
}

#[test]
fn an_empty_heading_is_refused_where_it_is_written() {
    for (file, old, new, place) in [
        (
            "minutes-2022-02-15.yaml",
            "    title: Minutes of the previous meeting",
            "    title: \"\"",
            "minutes-2022-02-15.yaml:40:12:",
        ),
        (
            "07-performance-data-report.yaml",
            "  - title: Looked After Children (LAC)",
            "  - title: \" \"",
            "07-performance-data-report.yaml:42:12:",
        ),
    ] {
        let committee = Committee::new();
        committee.edit(file, old, new);
        refused(&committee, 1, place, "this heading is empty");
    }
}

#[test]
fn exemption_cannot_be_lost_between_a_paper_and_the_agenda() {
    // One file exempt in one place and public in another.
    let committee = Committee::new();
    committee.edit(
        "meeting.yaml",
        "      - paper: 05-terms-of-reference.yaml",
        "      - paper: 05-terms-of-reference.yaml\n        exempt: 3",
    );
    committee.edit(
        "meeting.yaml",
        "      - paper: 06-iro-annual-report.yaml",
        "      - paper: 06-iro-annual-report.yaml\n      - paper: 05-terms-of-reference.yaml",
    );
    // The reports' front pages agree with the agenda, so only the double presentation is wrong.
    committee.edit(
        "05-terms-of-reference-cover.yaml",
        "exempt: no",
        "exempt: No, except Appendix 1",
    );
    committee.edit(
        "06-iro-annual-report-cover.yaml",
        "  - IRO Annual Report 2020-21\n",
        "  - IRO Annual Report 2020-21\n  - Terms of Reference\n",
    );
    refused(
        &committee,
        1,
        "meeting.yaml:",
        "presented as exempt in one place and in public in another",
    );

    // A report whose own front page says it is exempt, presented in public.
    let committee = Committee::new();
    committee.edit(
        "05-terms-of-reference-cover.yaml",
        "exempt: no",
        "exempt: Yes – paragraph 3",
    );
    refused(
        &committee,
        1,
        "meeting.yaml:18:13:",
        "the report says it is exempt (`exempt: Yes – paragraph 3`), but the agenda presents it in public",
    );
}

#[test]
fn numbers_and_months_out_of_range_are_refused_at_their_place() {
    for (file, old, new, place, phrase) in [
        (
            "minutes-2022-02-15.yaml",
            "first_minute: 28",
            "first_minute: 4294967290",
            "minutes-2022-02-15.yaml:",
            "minutes are numbered from 1 to 99999",
        ),
        (
            "performance/figures.yaml",
            "kind: figures\n",
            "kind: figures\nfinancial_year_start: 13\n",
            "performance/figures.yaml:",
            "`financial_year_start: 13` is not a month",
        ),
    ] {
        let committee = Committee::new();
        committee.edit(file, old, new);
        refused(&committee, 1, place, phrase);
    }
}
