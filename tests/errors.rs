//! Malformed content: every case in `tests/malformed/` must fail with exactly the message in its
//! `.stderr` file, exit with code 1, never panic, and write nothing.
//!
//! Run with `BLESS=1` to rewrite the `.stderr` files after a deliberate change; review the diff.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("tests/malformed"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    cases
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

fn files_in(folder: &Path) -> Vec<PathBuf> {
    if !folder.exists() {
        return Vec::new();
    }
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect()
}

#[test]
fn every_malformed_report_fails_with_its_exact_message_and_writes_nothing() {
    let cases = cases();
    assert!(cases.len() >= 15, "only {} malformed cases", cases.len());
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let name = relative(case);
        let expected_path = case.with_extension("stderr");
        let out = tempfile::tempdir().unwrap();
        let out_dir = out.path().join("out");
        for args in [
            vec!["check", name.as_str()],
            vec!["build", name.as_str(), "--out", out_dir.to_str().unwrap()],
        ] {
            let output = papers(&args);
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            assert!(!stderr.contains("panicked"), "{name} panicked:\n{stderr}");
            assert_eq!(output.status.code(), Some(1), "{name}: {args:?}\n{stderr}");
            assert!(files_in(&out_dir).is_empty(), "{name}: build wrote files");
            assert!(
                stderr.starts_with("error: ") && stderr.contains(&format!("--> {name}:")),
                "{name}: the message does not start `error:` and name file:line:column:\n{stderr}"
            );
            if bless {
                std::fs::write(&expected_path, &stderr).unwrap();
            }
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{} is missing", expected_path.display()));
            if stderr != expected {
                failures.push(format!(
                    "{name} ({}):\n--- expected\n{expected}--- got\n{stderr}",
                    args[0]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_problem_in_a_run_is_reported_once() {
    let out = tempfile::tempdir().unwrap();
    let output = papers(&[
        "build",
        "tests/malformed/unknown-field.yaml",
        "tests/malformed/duplicate-key.yaml",
        "tests/malformed/missing-required-section.yaml",
        "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    for (file, message) in [
        (
            "tests/malformed/unknown-field.yaml:2:1\n",
            "unknown field `titel`",
        ),
        (
            "tests/malformed/duplicate-key.yaml:4:1\n",
            "duplicate key `committee`",
        ),
        (
            "tests/malformed/missing-required-section.yaml:6:3\n",
            "missing section `key_issues`",
        ),
    ] {
        assert_eq!(
            stderr.matches(file).count(),
            1,
            "{file} should be reported exactly once:\n{stderr}"
        );
        assert!(stderr.contains(message));
    }
    assert!(stderr.contains("papers: 3 problems found; nothing was written"));
    assert!(
        files_in(out.path()).is_empty(),
        "the good paper was written despite errors elsewhere in the run"
    );
}

#[test]
fn colour_only_on_a_terminal_or_when_forced_and_never_under_no_color() {
    let case = ["check", "tests/malformed/unknown-field.yaml"];
    let stderr = |variables: &[(&str, &str)]| {
        let output = papers_with(&case, variables);
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let escape = '\u{1b}';
    // Standard error is a pipe here, not a terminal.
    let plain = stderr(&[]);
    assert!(!plain.contains(escape), "{plain:?}");
    assert!(!stderr(&[("NO_COLOR", "1")]).contains(escape));
    let forced = stderr(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains(escape), "{forced:?}");
    assert!(forced.contains("tests/malformed/unknown-field.yaml:2:1"));
    assert!(stderr(&[("FORCE_COLOR", "1")]).contains(escape));
    assert!(!stderr(&[("CLICOLOR_FORCE", "0")]).contains(escape));
    // https://no-color.org: a non-empty NO_COLOR wins over forcing; an empty one is ignored.
    assert!(!stderr(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]).contains(escape));
    assert!(stderr(&[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")]).contains(escape));
}

#[test]
fn a_megabyte_on_one_line_is_cropped_around_the_place() {
    let work = tempfile::tempdir().unwrap();
    let report = work.path().join("one-line.yaml");
    let title = "x".repeat(1_000_000);
    std::fs::write(
        &report,
        format!("{{kind: cover-report, title: \"{title}\", titel: Example}}\n"),
    )
    .unwrap();
    let output = papers(&["check", report.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(stderr.len() < 4_000, "{} bytes of messages", stderr.len());
    assert!(
        stderr.starts_with("error: unknown field `titel`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("--> {}:1:1000033\n", report.display())),
        "{stderr}"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    let source = lines
        .iter()
        .position(|line| line.starts_with("1 | ...x"))
        .unwrap();
    assert!(lines[source].chars().count() <= 160, "{stderr}");
    let caret = lines[source + 1].find('^').expect(&stderr);
    assert_eq!(&lines[source][caret..caret + 5], "titel", "{stderr}");
}

#[test]
fn a_failed_build_leaves_earlier_output_untouched() {
    let work = tempfile::tempdir().unwrap();
    let report = work.path().join("report.yaml");
    let good = std::fs::read_to_string(
        root().join("content/corporate-parenting-panel/2022-05-13/06-iro-annual-report-cover.yaml"),
    )
    .unwrap();
    std::fs::write(&report, &good).unwrap();
    let out = work.path().join("out");
    let args = [
        "build",
        report.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert!(papers(&args).status.success());
    let pdf = std::fs::read(out.join("report.pdf")).unwrap();
    let docx = std::fs::read(out.join("report.docx")).unwrap();

    std::fs::write(&report, good.replace("title: IRO", "titel: IRO")).unwrap();
    let failed = papers(&args);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(std::fs::read(out.join("report.pdf")).unwrap(), pdf);
    assert_eq!(std::fs::read(out.join("report.docx")).unwrap(), docx);
    let names: Vec<_> = files_in(&out);
    assert_eq!(
        names.len(),
        6,
        "the paper's PDF, Word file and web page, the site's index and stylesheet, and the manifest; stray files: {names:?}"
    );
}

#[test]
fn usage_and_file_errors_exit_with_code_2() {
    let missing = papers(&["check", "no/such/folder"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read `no/such/folder`"));

    let bad_flag = papers(&["build", "content", "--format", "odt"]);
    assert_eq!(bad_flag.status.code(), Some(2));

    let no_paths = papers(&["build"]);
    assert_eq!(no_paths.status.code(), Some(2));
}

#[test]
fn help_shows_examples() {
    let help = papers(&["build", "--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Examples:"));
    assert!(text.contains("papers build content/"));
    assert!(text.contains("--format"));
}

#[test]
fn the_readme_example_is_a_valid_cover_report() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let fence = "```yaml\nkind: cover-report\n";
    let start = readme.find(fence).expect("a cover report example") + "```yaml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let work = tempfile::tempdir().unwrap();
    let example = work.path().join("example.yaml");
    std::fs::write(&example, &readme[start..end]).unwrap();
    let output = papers(&["check", example.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
