//! The example Cabinet's late business: a report whose papers follow the agenda in a
//! supplementary pack with its own front sheet and page numbers, taken as urgent business;
//! and its report with an exempt appendix kept to the private pack. Read back from the packs
//! as a member and a web team would.

mod common;
use common::Published;

use std::path::{Path, PathBuf};

use common::*;

/// Build the example Cabinet (after `edit`, given the meeting file), returning the folder that
/// holds it and the meeting's output folder.
fn build_cabinet(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    let meeting = copy_example_folder("harrow-cabinet", &content).join("2026-02-12/meeting.yaml");
    edit(&meeting);
    let out = work.path().join("out");
    build_to(&content, &out);
    (work, out.join("cabinet-2026-02-12"))
}

/// Each page's words, whitespace collapsed.
fn page_words(pdf: &Path) -> Vec<String> {
    pdf_pages(pdf)
        .iter()
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn late_papers_are_a_supplementary_pack_with_its_own_front_sheet_and_pages() {
    let (_work, folder) = build_cabinet(|_| {});
    let supplement = folder.join("supplementary-pack.pdf").published();
    let pages = page_words(&supplement);
    // Its front sheet: the heading, when it was issued, and the late item with its pages in
    // this pack, numbered as on the agenda.
    assert!(
        pages[0].starts_with("CABINET Supplemental Agenda Date and Time:"),
        "{}",
        pages[0]
    );
    assert!(pages[0].contains("9 February 2026"), "{}", pages[0]);
    assert!(
        pages[0].contains("Leisure Centre Management Contract – Extension (Pages 3 - 5)"),
        "{}",
        pages[0]
    );
    assert!(pages[0].contains("8."), "{}", pages[0]);
    assert!(
        pages[0].contains("Reason for urgency: The contract ends"),
        "{}",
        pages[0]
    );
    assert!(pages[0].ends_with("Page 1"), "{}", pages[0]);
    // The report starts on page 3, stamped with its item.
    assert!(pages[2].contains("Agenda Item 8"), "{}", pages[2]);
    assert!(
        pages[2].contains("Leisure Centre Management Contract"),
        "{}",
        pages[2]
    );
    assert_eq!(pages.len(), 5);
    let outline = pdf_outline(&supplement).join("\n");
    assert!(outline.contains("Supplemental Agenda"), "{outline}");
    let title = pdf_json(&supplement, "qpdf").to_string();
    assert!(title.contains("supplementary agenda pack"), "{title}");

    // The agenda pack lists the item, says its papers follow, and does not hold them.
    let agenda = page_words(&folder.join("agenda-pack.pdf").published()).join(" ");
    assert!(
        agenda.contains("To follow: the papers for this item are in the supplemental agenda."),
        "{agenda}"
    );
    assert!(
        !agenda.contains("Leisure Centre Management Contract (Pages"),
        "{agenda}"
    );
    assert!(!agenda.contains("Agenda Item 8"), "{agenda}");
    assert!(
        !agenda.contains("twelve months while a new contract"),
        "{agenda}"
    );

    // The item's own file is its pages of the supplementary pack; the Word agenda too.
    let item = pdf_text(&folder.join("item-08.pdf").published());
    assert!(
        item.contains("Leisure Centre Management Contract"),
        "{item}"
    );
    let word = docx_paragraphs(&folder.join("supplementary-agenda.docx").published()).join("\n");
    assert!(word.contains("Supplemental Agenda"), "{word}");
    // The page range never breaks across lines: its spaces are no-break spaces.
    assert!(word.contains("(Pages\u{a0}3\u{a0}-\u{a0}5)"), "{word}");
    let manifest = std::fs::read_to_string(folder.join("manifest.json")).unwrap();
    assert!(manifest.contains("-supplementary-pack.pdf\""), "{manifest}");
    assert!(
        manifest.contains("-supplementary-agenda.docx\""),
        "{manifest}"
    );
}

#[test]
fn a_supplement_does_not_move_the_agenda_packs_pages() {
    let (_with, with) = build_cabinet(|_| {});
    let (_without, without) = build_cabinet(|meeting| {
        edit_file(meeting, "        supplementary: true\n", "");
    });
    // Without the supplement, the late report is in the agenda pack after item 7's pages.
    let whole = page_words(&without.join("agenda-pack.pdf").published());
    let split = page_words(&with.join("agenda-pack.pdf").published());
    assert!(!without.join("supplementary-pack.pdf").published().exists());
    assert!(whole.len() > split.len(), "{} {}", whole.len(), split.len());
    // Item 7 keeps its pages either way.
    for pages in [&whole, &split] {
        assert!(
            pages[1].contains("Final Capital Programme 2026/27 to 2027/28 (Pages 5 - 11)"),
            "{}",
            pages[1]
        );
    }
}

#[test]
fn the_exempt_appendix_reaches_only_the_private_pack_and_the_agenda_says_why() {
    let (_work, folder) = build_cabinet(|_| {});
    let public: String = files_under(&folder)
        .iter()
        .filter(|file| !file.starts_with(folder.join("private")))
        .filter(|file| file.extension().is_some_and(|extension| extension == "pdf"))
        .map(|file| pdf_text(file))
        .collect();
    assert!(!public.contains("Tenderer A"), "{public}");
    let private = pdf_text(&folder.join("private/agenda-pack.pdf").published());
    assert!(private.contains("Tenderer A"), "{private}");
    assert!(
        folder
            .join("private/item-07-appendix-3.docx")
            .published()
            .exists(),
        "{:?}",
        files_under(&folder)
    );
    // One sentence on the agenda's front sheet: which appendix, and the paragraph once.
    let agenda = page_words(&folder.join("agenda-pack.pdf").published())[..2].join(" ");
    assert!(
        agenda.contains(
            "excluded from the meeting for Appendix 3 of Agenda Item 7 (Final Capital Programme 2026/27 to 2027/28), as it is likely"
        ),
        "{agenda}"
    );
    assert_eq!(
        agenda
            .matches("information relating to the financial")
            .count(),
        1
    );
    // Nothing follows the exclusion item, so no heading for private business.
    assert!(!agenda.contains("Agenda - Part II"), "{agenda}");
}

#[test]
fn a_hybrid_venue_and_the_notices_are_working_links() {
    let (_work, folder) = build_cabinet(|_| {});
    let links = pdf_json(&folder.join("agenda-pack.pdf").published(), "qpdf").to_string();
    for address in [
        "https://example.org/cabinet/live",
        "https://example.org/webcasts",
        "mailto:democratic.services@example.org",
    ] {
        assert!(links.contains(address), "{address}: {links}");
    }
    let relationships = docx_part(
        &folder.join("agenda.docx").published(),
        "word/_rels/document.xml.rels",
    );
    assert!(
        relationships.contains("https://example.org/cabinet/live"),
        "{relationships}"
    );
}

#[test]
fn supplementary_on_an_item_without_a_report_fails_where_it_is_written() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    let meeting = copy_example_folder("harrow-cabinet", &content).join("2026-02-12/meeting.yaml");
    edit_file(
        &meeting,
        "  - standard: urgent\n",
        "  - title: Oral update\n    supplementary: true\n  - standard: urgent\n",
    );
    let output = papers(&["check", content.to_str().unwrap()]);
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{message}");
    assert!(
        message.contains("only a report item's papers can follow in the supplementary agenda"),
        "{message}"
    );
    assert!(message.contains("meeting.yaml:52:5"), "{message}");
}

#[test]
fn items_in_parts_are_numbered_stamped_and_named_by_their_parts() {
    let (_work, folder) = build_cabinet(|meeting| {
        edit_file(meeting, "        supplementary: true\n", "");
        // Each portfolio's group becomes one item, its business numbered in parts.
        edit_file(meeting, "    items:\n", "    parts: true\n    items:\n");
    });
    let agenda = page_words(&folder.join("agenda-pack.pdf").published());
    let front = agenda[..2].join(" ");
    for expected in [
        "7. Finance and Resources Councillor Ahmed, Deputy Leader and Portfolio Holder for Finance 7.1 Final Capital Programme 2026/27 to 2027/28 (Pages 5 - 11)",
        "8. Community and Culture Councillor Greene, Portfolio Holder for Community and Culture 8.1 Leisure Centre Management Contract – Extension (Pages 13 - 15)",
        "9. Any Other Urgent Business",
        "for Appendix 3 of Agenda Item 7.1 (Final Capital Programme",
    ] {
        assert!(front.contains(expected), "{expected}\n{front}");
    }
    assert!(agenda[4].contains("Agenda Item 7.1"), "{}", agenda[4]);
    assert!(agenda[12].contains("Agenda Item 8.1"), "{}", agenda[12]);
    for file in [
        "item-07-1.pdf",
        "item-07-1-report.docx",
        "item-08-1.pdf",
        "private/item-07-1-appendix-3.docx",
    ] {
        assert!(
            folder.join(file).published().exists(),
            "{file}: {:?}",
            files_under(&folder)
        );
    }
    let manifest = std::fs::read_to_string(folder.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"item\": \"8.1\""), "{manifest}");
    assert!(manifest.contains("\"item\": 3"), "{manifest}");
}

#[test]
fn items_numbered_by_hand_keep_their_numbers_and_the_next_number_on() {
    let (_work, folder) = build_cabinet(|meeting| {
        // The council numbers its reports from 10, and one item in parts by hand.
        edit_file(
            meeting,
            "      - key: capital_programme\n",
            "      - key: capital_programme\n        number: 10\n",
        );
        edit_file(
            meeting,
            "      - key: leisure_contract\n",
            "      - key: leisure_contract\n        number: \"10.1\"\n",
        );
    });
    let front = page_words(&folder.join("agenda-pack.pdf").published())[..2].join(" ");
    for expected in [
        "6. Councillor Questions",
        "10. Final Capital Programme 2026/27 to 2027/28",
        "10.1 Leisure Centre Management Contract",
        "11. Any Other Urgent Business",
        "12. Exclusion of the Press and Public",
        "Appendix 3 of Agenda Item 10 (Final Capital Programme",
    ] {
        assert!(front.contains(expected), "{expected}\n{front}");
    }
    assert!(
        folder.join("item-10.pdf").published().exists(),
        "{:?}",
        files_under(&folder)
    );
    assert!(
        folder.join("item-10-1.pdf").published().exists(),
        "{:?}",
        files_under(&folder)
    );
}

#[test]
fn a_number_by_hand_that_does_not_rise_fails_where_it_is_written() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    let meeting = copy_example_folder("harrow-cabinet", &content).join("2026-02-12/meeting.yaml");
    edit_file(
        &meeting,
        "      - key: leisure_contract\n",
        "      - key: leisure_contract\n        number: 5\n",
    );
    let output = papers(&["check", content.to_str().unwrap()]);
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{message}");
    assert!(
        message.contains("error: item `5` comes after item 7: numbers must rise down the agenda"),
        "{message}"
    );
    assert!(message.contains("meeting.yaml:45:17"), "{message}");
}
