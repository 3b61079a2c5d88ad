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
    files.extend(yaml_files(&root().join("report_templates")));
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
