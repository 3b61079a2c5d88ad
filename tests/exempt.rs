//! Exempt business (Schedule 12A): marker words planted in every field of an exempt report and
//! an exempt appendix reach the private pack and no public output at all.

mod common;
use common::Published;

use std::path::PathBuf;

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
    let (report, mut markers) = marked_report("Quokkareport");
    let (appendix, appendix_markers) = marked_report("Quokkaappendix");
    markers.extend(appendix_markers);
    write_files(
        &content,
        &[
            ("meeting.yaml", MEETING),
            ("public-report.yaml", PUBLIC_REPORT),
            ("secret-report.yaml", report.as_str()),
            ("secret-appendix.yaml", appendix.as_str()),
        ],
    );
    copy_example_committee(&content);
    let out = work.path().join("out");
    build_to(&content, &out);
    Meeting {
        folder: out.join("corporate-parenting-panel-2022-05-13"),
        _work: work,
        markers,
    }
}

#[test]
fn nothing_exempt_reaches_a_public_output_and_everything_reaches_the_private_pack() {
    let meeting = build();
    assert!(
        meeting.markers.len() > 100,
        "{} markers",
        meeting.markers.len()
    );
    // The whole site: the meeting's folder, and the index, committee page and calendar above
    // it; names, web pages and feeds as well as PDFs and Word files.
    let site = meeting.folder.parent().unwrap();
    let all = files_under(site);
    let public: Vec<&PathBuf> = all
        .iter()
        .filter(|path| {
            !path
                .strip_prefix(site)
                .unwrap()
                .components()
                .any(|part| part.as_os_str() == "private")
        })
        .collect();
    assert!(public.len() >= 6, "{public:?}");
    for kind in ["html", "json", "ics"] {
        assert!(
            public
                .iter()
                .any(|path| path.extension().is_some_and(|extension| extension == kind)),
            "no public .{kind} file was checked: {public:?}"
        );
    }
    for path in &public {
        let text = readable(path);
        let leaked: Vec<&String> = meeting
            .markers
            .iter()
            .filter(|marker| text.contains(marker.as_str()))
            .collect();
        assert!(leaked.is_empty(), "{} leaks {leaked:?}", path.display());
    }

    let private_pack = meeting.folder.join("private/agenda-pack.pdf").published();
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
    let private_pack = meeting.folder.join("private/agenda-pack.pdf").published();
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
    let public = normalise(&pdf_text_raw(
        &meeting.folder.join("agenda-pack.pdf").published(),
    ));
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
    // The public manifest names public files only; the private one, in `private/`, the rest.
    let statuses = |manifest: &str| -> Vec<(String, String)> {
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(meeting.folder.join(manifest)).unwrap()).unwrap();
        manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| {
                (
                    entry["file"].as_str().unwrap().to_string(),
                    entry["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let public = statuses("manifest.json");
    assert!(
        public.iter().all(|(file, status)| status == "public"
            && !file.starts_with("private/")
            && !file.contains("item-3-appendix-1")
            && (!file.contains("item-4") || file.ends_with(".pdf"))),
        "the public manifest names an exempt file: {public:?}"
    );
    let private = statuses("private/manifest.json");
    assert!(private.iter().all(|(_, status)| status == "exempt"));
    let mut names: Vec<&str> = private.iter().map(|(file, _)| file.as_str()).collect();
    names.sort_unstable();
    // An exempt paper's name gives no title: a title can give away what is withheld.
    let stem = meeting
        .folder
        .file_name()
        .unwrap()
        .to_string_lossy()
        .rsplit_once("-20")
        .map(|(committee, date)| format!("20{date}-{committee}"))
        .unwrap();
    assert_eq!(
        names,
        [
            format!("{stem}-agenda-pack.pdf"),
            format!("{stem}-item-3-appendix-1.docx"),
            format!("{stem}-item-4-report.docx"),
        ]
    );
}
