//! The website's feeds and pages around the papers: each committee's calendar and page, each
//! meeting's data and page, and where a meeting's minutes are published, read back as a
//! calendar program or another system would.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A committee of two meetings: the example meeting of 13 May 2022, which presents the minutes
/// of 15 February 2022, and that earlier meeting (an agenda of one item), with the site's
/// address given so the feeds carry full links.
fn two_meetings() -> (tempfile::TempDir, PathBuf) {
    let (work, content, committee) =
        example_committee_with("website: https://www.example.gov.uk/papers");
    write_files(
        &committee.join("2022-02-15"),
        &[(
            "meeting.yaml",
            "kind: meeting\ncommittee: ../committee.yaml\ndate: 2022-02-15\ntime: 10am\nitems:\n  - standard: apologies\n  - standard: declarations\n",
        )],
    );
    let out = work.path().join("out");
    build_to(&content, &out);
    (work, out)
}

/// The example committee and its meeting in a new content folder, `line` added to the
/// committee's file: the work folder, the content folder and the committee's folder.
fn example_committee_with(line: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    let committee = copy_example_folder("corporate-parenting-panel", &content);
    let venue = "venue: Rotherham Town Hall, Moorgate Street, Rotherham.";
    edit_file(
        &committee.join("committee.yaml"),
        venue,
        &format!("{venue}\n{line}"),
    );
    (work, content, committee)
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The calendar's lines, folded lines joined, as RFC 5545 reads them.
fn calendar_lines(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.ends_with("\r\n"), "lines end CRLF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "an unfolded line: {line}");
    }
    text.replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_string)
        .collect()
}

#[test]
fn a_committee_calendar_has_every_meeting_with_its_time_venue_and_page() {
    let (_work, out) = two_meetings();
    let lines = calendar_lines(&out.join("corporate-parenting-panel.ics"));
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert_eq!(
        lines.iter().filter(|line| *line == "BEGIN:VEVENT").count(),
        2
    );
    for expected in [
        "DTSTART;TZID=Europe/London:20220215T100000",
        "DTSTART;TZID=Europe/London:20220513T130000",
        "LOCATION:Rotherham Town Hall\\, Moorgate Street\\, Rotherham.",
        "URL:https://www.example.gov.uk/papers/corporate-parenting-panel-2022-05-13/index.html",
        "UID:corporate-parenting-panel-2022-05-13@www.example.gov.uk",
        "SUMMARY:Corporate Parenting Panel",
        "TZID:Europe/London",
    ] {
        assert!(
            lines.iter().any(|line| line == expected),
            "{expected}\n{lines:#?}"
        );
    }
    // Earliest first, as a calendar lists them.
    let first = lines
        .iter()
        .position(|line| line.ends_with("20220215T100000"));
    let second = lines
        .iter()
        .position(|line| line.ends_with("20220513T130000"));
    assert!(first < second);
}

#[test]
fn the_meeting_data_is_an_open_civic_data_event_of_the_public_agenda() {
    let (_work, out) = two_meetings();
    let folder = out.join("corporate-parenting-panel-2022-05-13");
    let event = json(&folder.join("meeting.json"));
    assert_eq!(event["_type"], "event");
    assert_eq!(event["name"], "Corporate Parenting Panel");
    assert_eq!(event["start_date"], "2022-05-13T13:00");
    assert_eq!(event["timezone"], "Europe/London");
    assert_eq!(
        event["location"]["name"],
        "Rotherham Town Hall, Moorgate Street, Rotherham."
    );
    assert_eq!(event["participants"][0]["note"], "host");
    let agenda = event["agenda"].as_array().unwrap();
    let orders: Vec<&str> = agenda
        .iter()
        .map(|item| item["order"].as_str().unwrap())
        .collect();
    assert_eq!(orders, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    assert!(
        agenda[4]["description"]
            .as_str()
            .unwrap()
            .contains("Terms of Reference"),
        "{}",
        agenda[4]
    );
    // Every document and medium links to a published file, with its media type.
    let site = "https://www.example.gov.uk/papers/corporate-parenting-panel-2022-05-13/";
    let mut links = 0;
    for media in event["documents"].as_array().unwrap().iter().chain(
        agenda
            .iter()
            .flat_map(|item| item["media"].as_array().unwrap()),
    ) {
        for link in media["links"].as_array().unwrap() {
            let url = link["url"].as_str().unwrap();
            let file = url.strip_prefix(site).unwrap_or_else(|| panic!("{url}"));
            assert!(folder.join(file).exists(), "{url}");
            let media_type = link["media_type"].as_str().unwrap();
            let extension = file.rsplit('.').next().unwrap();
            assert_eq!(
                media_type,
                match extension {
                    "pdf" => "application/pdf",
                    "html" => "text/html",
                    _ => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                },
                "{url}"
            );
            links += 1;
        }
    }
    assert!(links >= 15, "{links} links");
    // Items without papers (apologies) have no media; item 5 has its report, appendix and PDF.
    assert!(agenda[0]["media"].as_array().unwrap().is_empty());
    assert!(
        agenda[4]["media"].as_array().unwrap().len() >= 5,
        "{}",
        agenda[4]
    );
}

#[test]
fn the_committee_page_lists_meetings_newest_first_and_a_meeting_links_its_minutes() {
    let (_work, out) = two_meetings();
    let page = std::fs::read_to_string(out.join("corporate-parenting-panel.html")).unwrap();
    let newer = page
        .find("corporate-parenting-panel-2022-05-13/index.html")
        .unwrap();
    let older = page
        .find("corporate-parenting-panel-2022-02-15/index.html")
        .unwrap();
    assert!(newer < older, "{page}");
    assert!(page.contains("corporate-parenting-panel.ics"), "{page}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("corporate-parenting-panel.html"), "{index}");

    // The February meeting's minutes are published with May's papers; its page says where.
    let february =
        std::fs::read_to_string(out.join("corporate-parenting-panel-2022-02-15/index.html"))
            .unwrap();
    let minutes = "../corporate-parenting-panel-2022-05-13/2022-05-13-corporate-parenting-panel-item-4-minutes-of-the-previous-meeting-held-on-15th-february-2022.html";
    assert!(february.contains(minutes), "{february}");
    assert!(
        out.join("corporate-parenting-panel-2022-02-15")
            .join(minutes)
            .exists()
    );
    // May's minutes are not in this build: its page offers none.
    let may = std::fs::read_to_string(out.join("corporate-parenting-panel-2022-05-13/index.html"))
        .unwrap();
    assert!(!may.contains("Minutes of this meeting"));
}

#[test]
fn a_website_that_is_not_a_web_address_is_an_error_at_its_line() {
    let (work, content, _) = example_committee_with("website: javascript:alert(1)");
    let output = papers(&[
        "build",
        content.to_str().unwrap(),
        "--out",
        work.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("committee.yaml:25:10"), "{stderr}");
    assert!(stderr.contains("is not a web address"), "{stderr}");
}

#[test]
fn without_the_site_s_address_the_feeds_link_within_the_folder() {
    let out = build_into_tempdir(&["content/corporate-parenting-panel"]);
    let lines = calendar_lines(&out.path().join("corporate-parenting-panel.ics"));
    assert!(
        !lines.iter().any(|line| line.starts_with("URL:")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line == "UID:corporate-parenting-panel-2022-05-13@papers.invalid")
    );
    let event = json(
        &out.path()
            .join("corporate-parenting-panel-2022-05-13/meeting.json"),
    );
    let first = event["documents"][0]["links"][0]["url"].as_str().unwrap();
    assert_eq!(
        first,
        "2022-05-13-corporate-parenting-panel-agenda-pack.pdf"
    );
}
