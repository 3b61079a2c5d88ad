//! The example meeting (Corporate Parenting Panel, 13 May 2022) built end to end: the folder for
//! the website, the pack's page ranges and labels, the agenda and minutes text, cross-references.

mod common;
use common::Published;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

const MEETING: &str = "content/corporate-parenting-panel/2022-05-13";
const SEED: &str = "corporate-parenting-panel-2022-05-13.txt";

fn built() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| build_into_tempdir(&[MEETING])).path()
}

fn folder() -> PathBuf {
    built().join("corporate-parenting-panel-2022-05-13")
}

/// The number printed in a page's "Page N" footer.
fn printed_number(page: &str) -> Option<u32> {
    page.lines()
        .filter_map(|line| line.trim().strip_prefix("Page "))
        .find_map(|number| number.parse().ok())
}

/// Each PDF page's label, from the page-label number tree.
fn page_labels(pdf: &Path) -> Vec<u32> {
    let json = pdf_json(pdf, "pagelabels");
    let ranges: Vec<(u64, u64)> = json["pagelabels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            assert_eq!(entry["label"]["/S"], "/D", "labels are decimal");
            (
                entry["index"].as_u64().unwrap(),
                entry["label"]["/St"].as_u64().unwrap_or(1),
            )
        })
        .collect();
    let count = pdf_pages_raw(pdf).len() as u64;
    (0..count)
        .map(|index| {
            let (start, first) = ranges
                .iter()
                .rev()
                .find(|(start, _)| *start <= index)
                .copied()
                .expect("every page has a label");
            (first + index - start) as u32
        })
        .collect()
}

/// "(Pages X - Y)" (or "(Page X)") printed after agenda item `number` on the front sheet.
fn agenda_range(front_sheet: &str, number: u32) -> Option<(u32, u32)> {
    let text = normalise_spaces(front_sheet);
    let start = text.find(&format!("{number}. "))?;
    let rest = &text[start..];
    let end = rest
        .find(&format!("{}. ", number + 1))
        .unwrap_or(rest.len());
    let item = &rest[..end];
    let open = item.find("(Page")?;
    let inner = &item[open + 1..open + item[open..].find(')')?];
    let numbers: Vec<u32> = inner
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|part| part.parse().ok())
        .collect();
    match numbers.as_slice() {
        [only] => Some((*only, *only)),
        [first, last] => Some((*first, *last)),
        _ => None,
    }
}

fn normalise_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_meeting_folder_holds_every_file_for_the_website() {
    let folder = folder();
    // Each name says the date, committee, item and title, so a downloaded file still says
    // what it is.
    let stem = "2022-05-13-corporate-parenting-panel";
    let minutes = "item-4-minutes-of-the-previous-meeting-held-on-15th-february-2022";
    let terms = "item-5-terms-of-reference";
    let iro = "item-6-independent-reviewing-service-annual-report-2020-2021";
    let performance = "item-7-quarter-3-corporate-parenting-performance";
    let mut files = vec![
        format!("{stem}-agenda-pack.pdf"),
        format!("{stem}-agenda.docx"),
        format!(
            "{stem}-item-5-appendix-1-rmbc-corporate-parenting-panel-purpose-and-terms-of.docx"
        ),
        format!("{stem}-item-6-appendix-1-annual-report-2020-2021.docx"),
        format!(
            "{stem}-item-7-appendix-2-corporate-parenting-performance-report-december-2021-qtr-3.docx"
        ),
    ];
    for item in [minutes, terms, iro, performance] {
        files.push(format!("{stem}-{item}.pdf"));
        files.push(format!("{stem}-{item}.docx"));
        files.push(format!("{stem}-{item}.html"));
    }
    for file in files.iter().map(String::as_str).chain([
        "index.html",
        "meeting.json",
        "style.css",
        "manifest.json",
    ]) {
        assert!(folder.join(file).exists(), "{file} is missing");
    }
    // Nothing in this meeting is exempt, so there is no private pack to confuse with the public.
    assert!(!folder.join("private").exists());
}

#[test]
fn the_manifest_lists_every_file_with_its_hash_pages_and_status() {
    let folder = folder();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["schema_version"], 2);
    assert_eq!(manifest["committee"], "Corporate Parenting Panel");
    let files = manifest["files"].as_array().unwrap();
    let mut listed = Vec::new();
    for entry in files {
        let name = entry["file"].as_str().unwrap();
        listed.push(name.to_string());
        // Every file says what it is, and a paper of an item where its item is in the pack.
        let kind = entry["kind"].as_str().unwrap();
        assert!(!entry["media_type"].as_str().unwrap().is_empty(), "{name}");
        if ["item", "report", "appendix", "minutes"].contains(&kind) {
            assert!(entry["item"].is_u64(), "{name}");
            let pages = &entry["pack_pages"];
            assert!(
                pages["first"].as_u64().unwrap() <= pages["last"].as_u64().unwrap(),
                "{name}"
            );
            assert!(!entry["title"].as_str().unwrap().is_empty(), "{name}");
        }
        if kind == "appendix" {
            assert!(entry["appendix"].is_string(), "{name}");
        }
        if name.ends_with(".pdf") && kind == "item" {
            // The item's file is its pages of the pack.
            let pages = &entry["pack_pages"];
            assert_eq!(
                entry["pages"].as_u64().unwrap(),
                pages["last"].as_u64().unwrap() - pages["first"].as_u64().unwrap() + 1,
                "{name}"
            );
        }
        let bytes = std::fs::read(folder.join(name)).unwrap();
        let digest = tool("sha256sum", &[folder.join(name).to_str().unwrap()]);
        let expected = String::from_utf8(digest.stdout).unwrap();
        assert_eq!(
            entry["sha256"].as_str().unwrap(),
            expected.split_whitespace().next().unwrap(),
            "{name}"
        );
        assert_eq!(entry["bytes"].as_u64().unwrap() as usize, bytes.len());
        assert_eq!(
            entry["status"], "public",
            "{name}: nothing in this meeting is exempt"
        );
        if name.ends_with(".pdf") {
            assert_eq!(
                entry["pages"].as_u64().unwrap() as usize,
                pdf_pages_raw(&folder.join(name)).len(),
                "{name}"
            );
        }
    }
    let mut on_disk = Vec::new();
    for entry in files_under(&folder) {
        let name = entry
            .strip_prefix(&folder)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if name != "manifest.json" {
            on_disk.push(name);
        }
    }
    listed.sort();
    on_disk.sort();
    assert_eq!(
        listed, on_disk,
        "the manifest lists exactly the files written"
    );
}

#[test]
fn agenda_page_ranges_match_where_each_item_starts_and_ends() {
    let pack = folder().join("agenda-pack.pdf").published();
    let pages = pdf_pages_raw(&pack);
    let labels = page_labels(&pack);
    assert_eq!(labels.len(), pages.len());
    // Every page's printed number is its PDF page label.
    for (index, page) in pages.iter().enumerate() {
        assert_eq!(
            printed_number(page),
            Some(labels[index]),
            "page {} prints another number than its label",
            index + 1
        );
    }
    let front_sheet: String = pages
        .iter()
        .take_while(|page| !page.contains("Agenda Item"))
        .cloned()
        .collect();
    let starts: Vec<(u32, usize)> = (1..=9)
        .filter_map(|number| {
            pages
                .iter()
                .position(|page| {
                    page.lines()
                        .any(|l| l.trim() == format!("Agenda Item {number}"))
                })
                .map(|index| (number, index))
        })
        .collect();
    assert_eq!(
        starts.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        [4, 5, 6, 7],
        "items with papers"
    );
    for (position, (number, first_index)) in starts.iter().enumerate() {
        // The item runs to the page before the next item, less any blank page between.
        let mut last_index = starts
            .get(position + 1)
            .map_or(pages.len() - 1, |(_, next)| next - 1);
        while pages[last_index]
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count()
            <= 1
        {
            last_index -= 1;
        }
        let printed = agenda_range(&front_sheet, *number)
            .unwrap_or_else(|| panic!("item {number} has no page range on the agenda"));
        assert_eq!(
            printed,
            (labels[*first_index], labels[last_index]),
            "Agenda Item {number}"
        );
    }
}

#[test]
fn each_item_file_continues_the_pack_numbering() {
    let pack = folder().join("agenda-pack.pdf").published();
    let front: String = pdf_pages_raw(&pack)[..2].concat();
    for number in [4, 5, 6, 7] {
        let item = folder().join(format!("item-{number:02}.pdf")).published();
        let (first, last) = agenda_range(&front, number).unwrap();
        let labels = page_labels(&item);
        assert_eq!(labels.first(), Some(&first), "item {number}");
        assert!(labels.last().unwrap() >= &last, "item {number}");
        let item_pages = pdf_pages_raw(&item);
        assert!(item_pages[0].contains(&format!("Agenda Item {number}")));
        assert_eq!(printed_number(&item_pages[0]), Some(first));
        let info = String::from_utf8(tool("pdfinfo", &[item.to_str().unwrap()]).stdout).unwrap();
        assert!(info.contains("Tagged:          yes"));
        assert!(pdf_xmp(&item).contains("<pdfuaid:part>1</pdfuaid:part>"));
    }
}

#[test]
fn the_pack_outline_has_an_entry_per_item_and_per_paper() {
    let outline = pdf_outline(&folder().join("agenda-pack.pdf").published());
    for expected in [
        "Agenda Item 4",
        "CORPORATE PARENTING PANEL Tuesday 15 February 2022",
        "Agenda Item 5",
        "Corporate Parenting Terms of Reference",
        "Agenda Item 7",
        "Corporate Parenting Performance Report – Qtr 3 2021/22",
    ] {
        assert!(
            outline.iter().any(|title| title == expected),
            "no bookmark {expected:?} in {outline:?}"
        );
    }
}

/// Places where the published minutes printed a minute number that their own content
/// contradicts; our numbers come from the keys. Each pair is (published, right).
const MINUTE_NUMBER_ERRATA: [(&str, &str); 2] = [
    (
        "32 (LAC Council Update) and Minute No. 33 (Leisure Cards for LAC and",
        "31 (LAC Council Update) and Minute No. 32 (Leisure Cards for LAC and",
    ),
    (
        "attend a meeting to follow up on the survey (previous Minute No. 32",
        "attend a meeting to follow up on the survey (previous Minute No. 31",
    ),
];

/// Page ranges depend on our layout, not the council's; the range test checks them.
fn without_page_ranges(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("(Pages ") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find(')') else {
            break;
        };
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_line_of_the_seed_agenda_and_minutes_appears_in_order() {
    let mut seed = seed_lines(SEED, None, "CORPORATE PARENTING PANEL", "Chief Executive.");
    seed.extend(seed_lines(
        SEED,
        Some("Agenda Item 4"),
        "CORPORATE PARENTING PANEL - 15/02/22",
        "2022, commencing at 5.00 p.m. in Rotherham Town Hall.",
    ));
    let seed: Vec<String> = seed
        .into_iter()
        .map(|line| {
            let line = MINUTE_NUMBER_ERRATA
                .iter()
                .fold(line, |line, (published, right)| {
                    if line == normalise(published) {
                        normalise(right)
                    } else {
                        line
                    }
                });
            normalise(&without_page_ranges(&line))
        })
        .filter(|line| !line.is_empty())
        .collect();
    assert!(seed.len() > 150, "{} seed lines", seed.len());
    let text = without_page_ranges(&pdf_text_raw(&folder().join("agenda-pack.pdf").published()));
    let missing = missing_in_order(&seed, &text);
    assert!(
        missing.is_empty(),
        "{} of {} seed lines not found in order:\n{}",
        missing.len(),
        seed.len(),
        missing.join("\n")
    );
}

#[test]
fn the_agenda_docx_prints_the_packs_page_ranges() {
    let pack = folder().join("agenda-pack.pdf").published();
    let front: String = pdf_pages_raw(&pack)[..2].concat();
    let docx =
        normalise_spaces(&docx_paragraphs(&folder().join("agenda.docx").published()).join("\n"));
    for number in [4, 5, 6, 7] {
        let (first, last) = agenda_range(&front, number).unwrap();
        let expected = if first == last {
            format!("(Page {first})")
        } else {
            format!("(Pages {first} - {last})")
        };
        assert!(
            docx.contains(&expected),
            "agenda.docx lacks {expected} for item {number}"
        );
    }
    let converted = tempfile::tempdir().unwrap();
    let pdf = docx_to_pdf(
        &folder().join("item-04-minutes.docx").published(),
        converted.path(),
    );
    let text = normalise(&pdf_text_raw(&pdf));
    assert!(
        text.contains("31. LAC COUNCIL UPDATE"),
        "Word numbers the minutes from 28"
    );
    assert!(text.contains("34. DATE AND TIME OF THE NEXT MEETING"));
}

#[test]
fn the_minutes_docx_prints_the_running_header_on_every_page() {
    const HEADER: &str = "CORPORATE PARENTING PANEL - 15/02/22";
    let minutes = folder().join("item-04-minutes.docx").published();
    let header = docx_part(&minutes, "word/header1.xml");
    assert!(header.contains(&format!(">{HEADER}<")), "{header}");
    let document = docx_document(&minutes);
    assert!(
        document.contains(r#"<w:headerReference w:type="default" r:id="rIdHeader1" />"#),
        "the minutes' section does not refer to the header"
    );
    // Word, as LibreOffice stands in for it, prints it atop each page.
    let converted = tempfile::tempdir().unwrap();
    let pages = pdf_pages_raw(&docx_to_pdf(&minutes, converted.path()));
    assert!(pages.len() > 1);
    for (number, page) in pages.iter().enumerate() {
        assert_eq!(
            page.lines().map(str::trim).find(|line| !line.is_empty()),
            Some(HEADER),
            "page {} of the minutes' DOCX:\n{page}",
            number + 1
        );
    }
}

#[test]
fn a_minute_reference_to_a_missing_key_fails_check_at_its_place() {
    let work = tempfile::tempdir().unwrap();
    let meeting = work.path().join("panel/2022-05-13");
    std::fs::create_dir_all(&meeting).unwrap();
    copy_example_committee(&work.path().join("panel"));
    let minutes = std::fs::read_to_string(root().join(MEETING).join("minutes-2022-02-15.yaml"))
        .unwrap()
        .replace(
            "{{ minute('leisure_cards') }} as they",
            "{{ minute('leisure_card') }} as they",
        );
    let path = meeting.join("minutes.yaml");
    std::fs::write(&path, &minutes).unwrap();
    // The committee file is in the folder above the meeting's: the content root is that folder.
    let output = papers(&[
        "check",
        path.to_str().unwrap(),
        "--root",
        meeting.parent().unwrap().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = minutes
        .lines()
        .position(|line| line.contains("leisure_card')"))
        .unwrap()
        + 1;
    let column = minutes
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("minute('leisure_card')")
        .unwrap()
        + 1;
    assert!(
        stderr.starts_with("error: no minute has the key `leisure_card`")
            && stderr.contains(&format!("--> {}:{line}:{column}\n", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `leisure_cards`?"), "{stderr}");
}

#[test]
fn meeting_builds_are_deterministic() {
    let again = tempfile::tempdir().unwrap();
    assert!(
        papers(&["build", MEETING, "--out", again.path().to_str().unwrap()])
            .status
            .success()
    );
    let first = std::fs::read(folder().join("manifest.json")).unwrap();
    let second = std::fs::read(
        again
            .path()
            .join("corporate-parenting-panel-2022-05-13/manifest.json"),
    )
    .unwrap();
    assert!(
        first == second,
        "the manifest (and so every file's hash) differs between builds"
    );
}

#[test]
fn grouped_items_number_on_across_their_headings() {
    let work = tempfile::tempdir().unwrap();
    copy_example_committee(work.path());
    std::fs::write(
        work.path().join("meeting.yaml"),
        "kind: meeting
committee: committee.yaml
date: 2022-05-13
time: 1.00 p.m.
chief_executive: Sharon Kemp
items:
  - standard: apologies
  - group: Cabinet Member for Children and Young People
    items:
      - title: Fostering Recruitment
        description: To note progress on recruiting foster carers.
      - key: sufficiency
        title: Placement Sufficiency
  - group: Cabinet Member for Social Inclusion
    items:
      - title: Leisure Passes
        description: To consider {{ item('sufficiency') }} alongside this item.
  - standard: urgent
",
    )
    .unwrap();
    let out = work.path().join("out");
    build_to(work.path(), &out);
    let text = normalise(&pdf_text_raw(
        &out.join("corporate-parenting-panel-2022-05-13/agenda-pack.pdf")
            .published(),
    ));
    let expected = normalise(
        "1. Apologies for absence. To receive the apologies of any Panel Member who is unable to attend the meeting. \
         Cabinet Member for Children and Young People \
         2. Fostering Recruitment To note progress on recruiting foster carers. \
         3. Placement Sufficiency \
         Cabinet Member for Social Inclusion \
         4. Leisure Passes To consider Agenda Item 3 alongside this item. \
         5. Urgent Business",
    );
    assert!(text.contains(&expected), "{text}");
}
