//! What an author who is not a programmer meets: `papers new` starting files that check and
//! build as they are, the JSON Schemas an editor completes and checks with, and every problem
//! of a file reported in one run.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{papers, root};

/// What the editor's validator said of one file.
#[derive(Debug, serde::Deserialize)]
struct Validation {
    file: String,
    errors: Vec<serde_json::Value>,
}

/// Every kind's schema, written by `papers schema --out` into a fresh folder.
fn schemas() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let output = papers(&["schema", "--out", folder.path().to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    folder
}

/// Validates `files` against the schemas in `schemas` as an editor's YAML language server
/// does (YAML 1.2 with the `yaml` package, draft 7 with Ajv).
fn validate(schemas: &Path, files: &[PathBuf]) -> Vec<Validation> {
    for package in ["ajv", "yaml"] {
        assert!(
            root()
                .join("tests/browser/node_modules")
                .join(package)
                .is_dir(),
            "the schema check needs the npm package {package}; run `.ci/run`"
        );
    }
    let output = Command::new("node")
        .arg(root().join("tests/browser/validate-content.mjs"))
        .arg(schemas)
        .args(files)
        .output()
        .expect("the schema check needs Node.js (`node`); `.ci/run` says what to install");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// Every YAML file under `folder`.
fn yaml_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(folder)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn walk(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn every_example_file_and_built_in_style_is_valid_against_its_schema() {
    let schemas = schemas();
    let mut files = yaml_files(&root().join("content"));
    // Styles' starting files (`new/`) hold placeholders; the files `papers new` makes from
    // them are validated below.
    files.extend(
        yaml_files(&root().join("report_templates"))
            .into_iter()
            .filter(|path| !path.components().any(|part| part.as_os_str() == "new")),
    );
    assert!(files.len() > 20, "{files:?}");
    let results = validate(schemas.path(), &files);
    let validated: Vec<PathBuf> = results.iter().map(|r| PathBuf::from(&r.file)).collect();
    assert_eq!(validated, files);
    let invalid: Vec<&Validation> = results.iter().filter(|r| !r.errors.is_empty()).collect();
    assert!(invalid.is_empty(), "{invalid:#?}");
}

#[test]
fn a_misspelt_field_fails_the_schema_where_papers_refuses_it_too() {
    let schemas = schemas();
    let folder = tempfile::tempdir().unwrap();
    let report = folder.path().join("report.yaml");
    let text = std::fs::read_to_string(
        root()
            .join("content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml"),
    )
    .unwrap()
    .replace("\ntitle:", "\ntitel:")
    .replace("key_decision: no", "key_decision: [no]");
    std::fs::write(&report, text).unwrap();
    let results = validate(schemas.path(), std::slice::from_ref(&report));
    let errors = serde_json::to_string(&results[0].errors).unwrap();
    assert!(errors.contains("titel"), "{errors}");
    assert!(errors.contains("/key_decision"), "{errors}");
    assert!(
        errors.contains("title"),
        "a missing title is flagged too: {errors}"
    );
    let check = papers(&[
        "check",
        report.to_str().unwrap(),
        "--root",
        folder.path().to_str().unwrap(),
    ]);
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn each_field_carries_its_documentation_and_kind_is_fixed() {
    let schemas = schemas();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(schemas.path().join("figures.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["properties"]["kind"]["const"], "figures");
    let as_at = schema["properties"]["as_at"]["description"]
        .as_str()
        .unwrap();
    assert!(as_at.contains("as at"), "{as_at}");
    for kind in papers_kinds() {
        assert!(
            schemas.path().join(format!("{kind}.json")).is_file(),
            "{kind}"
        );
    }
}

/// The kinds `papers schema` names, read from its message for an unknown one.
fn papers_kinds() -> Vec<String> {
    let output = papers(&["schema", "no-such-kind"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = stderr
        .lines()
        .find(|line| line.contains("expected:"))
        .unwrap_or_else(|| panic!("{stderr}"));
    let kinds: Vec<String> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(kinds.len() >= 10, "{kinds:?}");
    kinds
}

/// Runs `papers` in `folder` (where `papers new` writes `.papers/schema/`).
fn papers_in(folder: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_papers"))
        .args(args)
        .current_dir(folder)
        .output()
        .expect("the papers binary runs")
}

fn succeeds(folder: &Path, args: &[&str]) -> String {
    let output = papers_in(folder, args);
    assert!(
        output.status.success(),
        "papers {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_kind_started_with_papers_new_checks_and_builds_as_it_is() {
    let folder = tempfile::tempdir().unwrap();
    let here = folder.path();
    let papers_kinds = [
        "cover-report",
        "minutes",
        "long-report",
        "performance-report",
        "terms-of-reference",
        "action-plan",
        "short-paper",
    ];
    for kind in papers_kinds {
        let path = format!("{kind}/{kind}.yaml");
        let said = succeeds(here, &["new", kind, &path, "--date", "2027-01-14"]);
        assert!(said.contains(&format!("wrote {path}")), "{said}");
        let text = std::fs::read_to_string(here.join(&path)).unwrap();
        assert_eq!(
            text.lines().next().unwrap(),
            format!("# yaml-language-server: $schema=../.papers/schema/{kind}.json"),
        );
        assert!(here.join(format!(".papers/schema/{kind}.json")).is_file());
        succeeds(here, &["check", &path]);
        succeeds(
            here,
            &["build", &path, "--out", "out", "--format", "pdf,docx"],
        );
        for extension in ["pdf", "docx"] {
            let built = here.join(format!("out/{kind}.{extension}"));
            assert!(built.is_file(), "{kind}: no {}", built.display());
        }
        if kind == "performance-report" {
            // Its table is worked out from the figures and values written beside it.
            let report = common::pdf_text(&here.join("out/performance-report.pdf"));
            assert!(report.contains("An example count"), "{report}");
            assert!(report.contains("92.1%"), "{report}");
        }
    }
    // Minutes and a performance report brought the files they name with them.
    assert!(here.join("minutes/committee.yaml").is_file());
    assert!(here.join("performance-report/figures.yaml").is_file());
    assert!(here.join("performance-report/values.csv").is_file());
    // Data files check on their own.
    for (kind, path) in [
        ("figures", "data/figures.yaml"),
        ("committee", "data/committee.yaml"),
    ] {
        succeeds(here, &["new", kind, path]);
        succeeds(here, &["check", path]);
    }
    succeeds(here, &["new", "house-style", "our-style"]);
    succeeds(
        here,
        &[
            "check",
            "cover-report/cover-report.yaml",
            "--templates",
            "our-style",
        ],
    );
    // Everything written is valid against the schemas it points at.
    let files = yaml_files(here);
    let results = validate(&here.join(".papers/schema"), &files);
    let invalid: Vec<&Validation> = results.iter().filter(|r| !r.errors.is_empty()).collect();
    assert!(invalid.is_empty(), "{invalid:#?}");
}

#[test]
fn a_new_meeting_is_a_folder_with_its_committee_and_one_item_and_builds_a_pack() {
    let folder = tempfile::tempdir().unwrap();
    let here = folder.path();
    let said = succeeds(here, &["new", "meeting", "planning/2027-01-14"]);
    for file in [
        "planning/committee.yaml",
        "planning/2027-01-14/meeting.yaml",
        "planning/2027-01-14/report.yaml",
    ] {
        assert!(said.contains(&format!("wrote {file}")), "{said}");
    }
    let meeting = std::fs::read_to_string(here.join("planning/2027-01-14/meeting.yaml")).unwrap();
    assert!(
        meeting.contains("date: 2027-01-14"),
        "the folder's name is the date: {meeting}"
    );
    assert!(
        meeting.contains("committee: ../committee.yaml"),
        "{meeting}"
    );
    succeeds(here, &["check", "planning/2027-01-14"]);
    succeeds(
        here,
        &[
            "build",
            "planning/2027-01-14",
            "--out",
            "out",
            "--format",
            "pdf,docx",
        ],
    );
    let pack = walk(&here.join("out"))
        .into_iter()
        .find(|path| path.to_string_lossy().ends_with("agenda-pack.pdf"))
        .expect("an agenda pack");
    let text = common::pdf_text(&pack);
    assert!(text.contains("The report's title"), "{text}");
    assert!(text.contains("Agenda Item 3"), "{text}");
    // A second meeting of the same committee shares its committee file.
    let said = succeeds(here, &["new", "meeting", "planning/2027-02-11"]);
    assert!(!said.contains("committee.yaml"), "{said}");
    succeeds(here, &["check", "planning"]);
    // Nothing is ever replaced.
    let again = papers_in(here, &["new", "meeting", "planning/2027-01-14"]);
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("already exists"), "{stderr}");
}

#[test]
fn papers_new_follows_the_chosen_house_style_form() {
    let folder = tempfile::tempdir().unwrap();
    let here = folder.path();
    let said = succeeds(
        here,
        &[
            "new",
            "cover-report",
            "cabinet/report.yaml",
            "--templates",
            "harrow",
            "--date",
            "2027-01-14",
        ],
    );
    assert!(
        said.contains("papers check cabinet/report.yaml --templates harrow"),
        "{said}"
    );
    let text = std::fs::read_to_string(here.join("cabinet/report.yaml")).unwrap();
    assert!(text.contains("portfolio_holder:"), "Harrow's form: {text}");
    succeeds(
        here,
        &["check", "cabinet/report.yaml", "--templates", "harrow"],
    );
    // A Harrow meeting's committee names the style, so the meeting checks without --templates.
    succeeds(
        here,
        &[
            "new",
            "meeting",
            "cabinet/2027-02-11",
            "--templates",
            "harrow",
        ],
    );
    let committee = std::fs::read_to_string(here.join("cabinet/committee.yaml")).unwrap();
    assert!(committee.contains("house_style: harrow"), "{committee}");
    succeeds(here, &["check", "cabinet/2027-02-11"]);
    // An unknown kind is named, with the likeliest one meant.
    let wrong = papers_in(here, &["new", "cover-reprot", "x.yaml"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("did you mean `cover-report`?"));
}

#[test]
fn a_file_with_three_mistakes_reports_all_three_in_one_run() {
    let folder = tempfile::tempdir().unwrap();
    let minutes = folder.path().join("minutes.yaml");
    common::copy_example_committee(folder.path());
    std::fs::write(
        &minutes,
        "kind: minutes\ncommittee: committee.yaml\ndate: 2022-02-15\nfirst_minute: one\npresent:\n  chair: Cusworth\nminutes:\n  - key: declarations\n    titel: Declarations of Interest\n    body: None were made.\n  - key: report\n    title: Report\n    body: Discussed.\n    resolved: [That the report be noted.]\n    motion: {mover: Cusworth}\n",
    )
    .unwrap();
    let output = papers(&[
        "check",
        minutes.to_str().unwrap(),
        "--root",
        folder.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let places: Vec<&str> = stderr
        .lines()
        .filter_map(|line| line.trim().strip_prefix("--> "))
        .collect();
    let name = minutes.display().to_string();
    assert_eq!(
        places,
        [
            format!("{name}:4:15"),
            format!("{name}:9:5"),
            format!("{name}:15:13"),
        ],
        "{stderr}"
    );
    assert!(stderr.contains("`one` is not a whole number"), "{stderr}");
    assert!(stderr.contains("unknown field `titel`"), "{stderr}");
    assert!(stderr.contains("did you mean `title`?"), "{stderr}");
    assert!(
        stderr.contains("missing fields `seconder`, `text` and `vote`"),
        "{stderr}"
    );
    assert!(stderr.contains("3 problems found"), "{stderr}");
}

#[test]
fn every_misspelt_figure_is_reported_at_its_line_with_the_name_meant() {
    let folder = tempfile::tempdir().unwrap();
    let here = folder.path();
    std::fs::write(
        here.join("figures.yaml"),
        "kind: figures\nas_at: 2020-06\nvalues:\n  lac: {may_20: 598, jun_20: 603}\n  admissions: {jun_20: 21}\n",
    )
    .unwrap();
    std::fs::write(
        here.join("paper.yaml"),
        "kind: short-paper\ntitle: Children in care\nfigures: figures.yaml\nbody: >-\n  At the end of June the number of children in care was\n  {{ lac.jun_2O | number }}, after {{ lac.may_20 }} in May;\n  the number admitted was\n  {{ admisions.jun_20 }}.\n",
    )
    .unwrap();
    let paper_file = here.join("paper.yaml");
    let output = papers(&[
        "check",
        paper_file.to_str().unwrap(),
        "--root",
        here.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let paper = here.join("paper.yaml").display().to_string();
    assert!(
        stderr.contains(&format!("--> {paper}:6:6")),
        "line 6, not the word `number` on line 5:\n{stderr}"
    );
    assert!(stderr.contains("did you mean `lac.jun_20`?"), "{stderr}");
    assert!(stderr.contains(&format!("--> {paper}:8:6")), "{stderr}");
    assert!(stderr.contains("did you mean `admissions`?"), "{stderr}");
    assert!(stderr.contains("2 problems found"), "{stderr}");
}

#[test]
fn the_command_line_says_its_version_completes_in_shells_and_can_be_quiet_or_verbose() {
    let version = papers(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("papers {}", env!("CARGO_PKG_VERSION"))
    );
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = papers(&["completions", shell]);
        assert!(script.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&script.stdout);
        for word in ["build", "check", "watch", "new", "schema", "templates"] {
            assert!(text.contains(word), "{shell} completes {word}");
        }
    }
    let folder = tempfile::tempdir().unwrap();
    let here = folder.path();
    succeeds(here, &["new", "short-paper", "paper.yaml", "-q"]);
    let quiet = papers_in(here, &["build", "paper.yaml", "--out", "out", "-q"]);
    assert!(quiet.status.success());
    assert!(
        quiet.stdout.is_empty() && quiet.stderr.is_empty(),
        "{quiet:?}"
    );
    assert!(here.join("out/paper.pdf").is_file());
    let verbose = succeeds(here, &["build", "paper.yaml", "--out", "out", "--verbose"]);
    assert!(verbose.contains("unchanged out/paper.pdf"), "{verbose}");
    let summary = verbose.lines().last().unwrap();
    assert!(
        summary.starts_with("built 5 files (0 rewritten, 5 unchanged, 0 removed) in "),
        "{summary}"
    );
    assert!(summary.contains("typesetting"), "{summary}");
    // Quiet keeps the errors, and only them.
    std::fs::write(
        here.join("paper.yaml"),
        "kind: short-paper\ntitle: A\nbody: \"{{ nothing.here }}\"\n",
    )
    .unwrap();
    let failed = papers_in(here, &["check", "paper.yaml", "-q"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("undefined"));
    assert!(failed.stdout.is_empty());
    let both = papers_in(here, &["check", "paper.yaml", "-q", "-v"]);
    assert_eq!(
        both.status.code(),
        Some(2),
        "quiet and verbose at once is a usage error"
    );
}

#[test]
fn a_long_build_shows_a_progress_line_on_a_terminal_only() {
    let folder = tempfile::tempdir().unwrap();
    let here = folder.path();
    succeeds(here, &["new", "meeting", "panel/2027-01-14", "-q"]);
    let papers = env!("CARGO_BIN_EXE_papers");
    // `script` gives the build a terminal, as a person at a prompt has; the line is asked for
    // after 1 ms rather than a second, so that a small build shows it.
    let typescript = here.join("typescript");
    let output = Command::new("script")
        .args(["-qec"])
        .arg(format!("{papers} build panel/2027-01-14 --out out"))
        .arg(&typescript)
        .current_dir(here)
        .env("PAPERS_PROGRESS_AFTER_MS", "1")
        .output()
        .expect("`script` (util-linux) is needed by this test");
    assert!(output.status.success(), "{output:?}");
    let seen = String::from_utf8_lossy(&std::fs::read(&typescript).unwrap()).into_owned();
    assert!(seen.contains("papers: typesetting"), "{seen}");
    assert!(seen.contains("\r\x1b[K"), "the line is cleared: {seen:?}");
    // Off a terminal (a pipe, a log file) there is no progress line.
    let piped = Command::new(papers)
        .args(["build", "panel/2027-01-14", "--out", "out"])
        .current_dir(here)
        .env("PAPERS_PROGRESS_AFTER_MS", "1")
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("papers: typesetting"));
}
