//! The house style can be replaced from a folder (`--templates`), and the Typst project behind a
//! PDF can be written out (`--emit-typst`) for Typst alone to compile.

mod common;

use common::*;

const REPORT: &str =
    "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml";

#[test]
fn a_template_folder_replaces_the_built_in_house_style() {
    let folder = tempfile::tempdir().unwrap();
    let templates = folder.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let house_style = std::fs::read_to_string(root().join("report_templates/house-style.typ"))
        .unwrap()
        .replace("[Page #counter(page)", "[Folio #counter(page)");
    std::fs::write(templates.join("house-style.typ"), house_style).unwrap();
    // pack.typ is absent: the built-in one is used.
    let out = folder.path().join("out");
    papers_ok(&[
        "build",
        REPORT,
        "--out",
        out.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]);
    let text = pdf_text(&out.join("05-terms-of-reference-cover.pdf"));
    assert!(text.contains("Folio 1"), "{text}");
    assert!(!text.contains("Page 1"));
}

#[test]
fn a_missing_template_folder_is_a_usage_error() {
    let folder = tempfile::tempdir().unwrap();
    let result = papers(&[
        "build",
        REPORT,
        "--out",
        folder.path().to_str().unwrap(),
        "--templates",
        "no-such-folder",
    ]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("the template folder `no-such-folder` does not exist"),
        "{stderr}"
    );
}

#[test]
fn the_typst_project_behind_a_pdf_can_be_written_out() {
    let folder = tempfile::tempdir().unwrap();
    let projects = folder.path().join("typst");
    papers_ok(&[
        "build",
        REPORT,
        "--format",
        "pdf",
        "--out",
        folder.path().join("out").to_str().unwrap(),
        "--emit-typst",
        projects.to_str().unwrap(),
    ]);
    let project = projects.join("05-terms-of-reference-cover");
    let main = std::fs::read_to_string(project.join("main.typ")).unwrap();
    assert!(main.contains("/report_templates/house-style.typ"), "{main}");
    let data = std::fs::read_to_string(project.join("document.json")).unwrap();
    assert!(data.contains("Corporate Parenting Terms of Reference"));
    assert!(project.join("report_templates/house-style.typ").exists());
}
