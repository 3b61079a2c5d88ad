//! Exempt business (Schedule 12A): marker words planted in every field of an exempt report and
//! an exempt appendix reach the private pack and no public output at all.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A cover report whose every text field holds its own marker word; returns it and the markers.
fn marked_report(prefix: &str) -> (String, Vec<String>) {
    let mut markers = Vec::new();
    let mut next = |field: &str| {
        let marker = format!("{prefix}{}x{}", field.replace('_', ""), markers.len());
        markers.push(marker.clone());
        marker
    };
    let mut yaml = String::from("kind: cover-report\n");
    for field in [
        "title",
        "committee",
        "key_decision",
        "strategic_director",
        "wards",
        "other_consideration",
        "council_approval_required",
        "exempt",
    ] {
        yaml.push_str(&format!("{field}: {}\n", next(field)));
    }
    yaml.push_str(&format!(
        "authors:\n  - name: {}\n    role: {}\n    email: {}@example.org\n",
        next("author"),
        next("role"),
        next("email")
    ));
    yaml.push_str(&format!("summary: {}\n", next("summary")));
    yaml.push_str(&format!("recommendations: {}\n", next("recommendation")));
    yaml.push_str(&format!(
        "appendices:\n  - {}\nbackground_papers:\n  - {}\n",
        next("appendix"),
        next("paper")
    ));
    yaml.push_str("sections:\n");
    for section in COVER_REPORT_SECTIONS {
        yaml.push_str(&format!(
            "  {section}:\n    heading: {}\n    paragraphs:\n      - {}\n      - heading: {}\n        paragraphs: [{}]\n",
            next("heading"),
            next("paragraph"),
            next("subheading"),
            next("subparagraph")
        ));
    }
    yaml.push_str(&format!(
        "accountable_officers:\n  - name: {}\n    role: {}\n    email: {}@example.org\n",
        next("officer"),
        next("officerrole"),
        next("officeremail")
    ));
    (yaml, markers)
}

const PUBLIC_REPORT: &str = "kind: cover-report
title: Fostering Sufficiency Update
committee: Example Panel
summary: An update on fostering sufficiency.
sections:
  background: [Background.]
  key_issues: [Key issues.]
  options: [Options.]
  risks: [Risks.]
accountable_officers:
  - name: Ann Example
    email: ann@example.org
";

const MEETING: &str = "kind: meeting
committee: committee.yaml
date: 2022-05-13
time: 1.00 p.m.
chief_executive: Sharon Kemp
items:
  - standard: apologies
  - standard: exclusion
  - key: fostering
    title: Fostering Sufficiency Update
    report: public-report.yaml
    appendices:
      - paper: secret-appendix.yaml
        exempt: 3
  - key: placement
    title: Residential Placement Contract
    report: secret-report.yaml
    exempt: 1
  - standard: urgent
";

struct Meeting {
    _work: tempfile::TempDir,
    folder: PathBuf,
    markers: Vec<String>,
}

fn build() -> Meeting {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    copy_example_committee(&content);
    let (report, mut markers) = marked_report("Quokkareport");
    let (appendix, appendix_markers) = marked_report("Quokkaappendix");
    markers.extend(appendix_markers);
    for (name, text) in [
        ("meeting.yaml", MEETING),
        ("public-report.yaml", PUBLIC_REPORT),
        ("secret-report.yaml", report.as_str()),
        ("secret-appendix.yaml", appendix.as_str()),
    ] {
        std::fs::write(content.join(name), text).unwrap();
    }
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    Meeting {
        folder: out.join("corporate-parenting-panel-2022-05-13"),
        _work: work,
        markers,
    }
}

fn files_under(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Everything a reader or a program could get out of a file, as text.
fn readable(path: &Path) -> String {
    let mut text = path.file_name().unwrap().to_string_lossy().into_owned();
    match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => {
            text.push_str(&pdf_text_raw(path));
            text.push_str(&pdf_outline(path).join("\n"));
            text.push_str(&pdf_xmp(path));
            // Every object uncompressed: info dictionary, structure tree, annotations.
            let expanded = tempfile::NamedTempFile::new().unwrap();
            let qdf = tool(
                "qpdf",
                &[
                    "--qdf",
                    "--object-streams=disable",
                    "--stream-data=uncompress",
                    path.to_str().unwrap(),
                    expanded.path().to_str().unwrap(),
                ],
            );
            assert!(qdf.status.code().is_some_and(|code| code == 0 || code == 3));
            text.push_str(&String::from_utf8_lossy(
                &std::fs::read(expanded.path()).unwrap(),
            ));
        }
        Some("docx") => {
            for part in docx_parts(path) {
                text.push_str(&part);
                if !part.ends_with('/') {
                    text.push_str(&docx_part(path, &part));
                }
            }
        }
        _ => text.push_str(&String::from_utf8_lossy(&std::fs::read(path).unwrap())),
    }
    text
}

#[test]
fn nothing_exempt_reaches_a_public_output_and_everything_reaches_the_private_pack() {
    let meeting = build();
    assert!(
        meeting.markers.len() > 100,
        "{} markers",
        meeting.markers.len()
    );
    let all = files_under(&meeting.folder);
    let public: Vec<&PathBuf> = all
        .iter()
        .filter(|path| {
            !path
                .strip_prefix(&meeting.folder)
                .unwrap()
                .starts_with("private")
        })
        .collect();
    assert!(public.len() >= 6, "{public:?}");
    for path in &public {
        let text = readable(path);
        let leaked: Vec<&String> = meeting
            .markers
            .iter()
            .filter(|marker| text.contains(marker.as_str()))
            .collect();
        assert!(leaked.is_empty(), "{} leaks {leaked:?}", path.display());
    }

    let private_pack = meeting.folder.join("private/agenda-pack.pdf");
    let private_text = pdf_text_raw(&private_pack);
    let missing: Vec<&String> = meeting
        .markers
        .iter()
        .filter(|marker| !private_text.contains(marker.as_str()))
        .collect();
    assert!(missing.is_empty(), "the private pack lacks {missing:?}");
}

#[test]
fn exempt_pages_are_marked_and_the_public_sees_why_they_are_withheld() {
    let meeting = build();
    let private_pack = meeting.folder.join("private/agenda-pack.pdf");
    for (index, page) in pdf_text_raw(&private_pack).split('\u{c}').enumerate() {
        if meeting
            .markers
            .iter()
            .any(|marker| page.contains(marker.as_str()))
        {
            assert!(
                page.contains("NOT FOR PUBLICATION"),
                "private pack page {} shows exempt text without the marking",
                index + 1
            );
        }
    }
    let public = normalise(&pdf_text_raw(&meeting.folder.join("agenda-pack.pdf")));
    for expected in [
        "Appendix 1: not for publication",
        "paragraph 3 of Part 1 of Schedule 12A",
        "The report: not for publication",
        "paragraph 1 of Part 1 of Schedule 12A",
        // The agenda's exclusion item names what is exempt and why.
        "Appendix 1 of Agenda Item 3 (Fostering Sufficiency Update): paragraph 3",
        "Agenda Item 4 (Residential Placement Contract): paragraph 1",
    ] {
        assert!(
            public.contains(&normalise(expected)),
            "the public pack lacks {expected:?}"
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(meeting.folder.join("manifest.json")).unwrap())
            .unwrap();
    let statuses: Vec<(String, String)> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["file"].as_str().unwrap().to_string(),
                entry["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (file, status) in &statuses {
        let private = file.starts_with("private/");
        assert_eq!(status == "exempt", private, "{file} is {status}");
    }
    assert!(
        statuses
            .iter()
            .any(|(file, _)| file == "private/item-03-appendix-1.docx")
    );
    assert!(
        statuses
            .iter()
            .any(|(file, _)| file == "private/item-04-report.docx")
    );
}

#[test]
fn an_exempt_report_without_a_public_title_is_refused() {
    let work = tempfile::tempdir().unwrap();
    copy_example_committee(work.path());
    std::fs::write(
        work.path().join("meeting.yaml"),
        MEETING.replace("    title: Residential Placement Contract\n", ""),
    )
    .unwrap();
    std::fs::write(work.path().join("public-report.yaml"), PUBLIC_REPORT).unwrap();
    std::fs::write(work.path().join("secret-report.yaml"), marked_report("Q").0).unwrap();
    std::fs::write(
        work.path().join("secret-appendix.yaml"),
        marked_report("R").0,
    )
    .unwrap();
    let output = papers(&["check", work.path().join("meeting.yaml").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("an exempt report needs a `title:` for the public agenda"),
        "{stderr}"
    );
}
