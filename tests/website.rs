//! The website in a real browser: every published page of the example site passes axe-core's
//! WCAG 2.2 AA rules, html-validate's recommended rules and a check of every local link, needs
//! no JavaScript and does not scroll sideways on a narrow phone. Two hand-written sites in
//! `tests/browser/fixtures/` prove the checks themselves: the bad one must fail each of them,
//! the good one must pass.

mod common;

use common::browser::{SiteReport, check_site, screenshot_folder};
use common::*;

/// The report on the hand-written site `tests/browser/fixtures/<name>`.
fn check_fixture(name: &str) -> SiteReport {
    let site = root().join("tests/browser/fixtures").join(name);
    check_site(&site, &screenshot_folder(name))
}

/// The width in pixels of a PNG file, from its header.
fn png_width(path: &std::path::Path) -> u32 {
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    assert_eq!(&bytes[1..4], b"PNG", "{} is not a PNG", path.display());
    u32::from_be_bytes(bytes[16..20].try_into().unwrap())
}

#[test]
fn the_harness_finds_problems_in_a_bad_page() {
    let report = check_fixture("bad");
    assert_eq!(
        report.paths(),
        ["index.html", "other.html"],
        "the private folder is skipped"
    );
    let page = report.page("index.html");

    let axe_rules: Vec<&str> = page.axe.iter().map(|v| v.id.as_str()).collect();
    for rule in ["image-alt", "color-contrast", "listitem"] {
        assert!(
            axe_rules.contains(&rule),
            "axe misses {rule}: {axe_rules:?}"
        );
    }

    let broken: Vec<(&str, &str)> = page
        .broken_links
        .iter()
        .map(|link| (link.value.as_str(), link.reason.as_str()))
        .collect();
    for (value, reason) in [
        ("missing.html", "no file missing.html exists"),
        ("chart.png", "no file chart.png exists"),
        (
            "other.html#nowhere",
            "other.html has no element with id \"nowhere\"",
        ),
        (
            "private/exempt.html",
            "it leads into a folder named private, which is never published",
        ),
    ] {
        assert!(
            broken.contains(&(value, reason)),
            "the broken link {value} is not reported as {reason:?}: {broken:#?}"
        );
    }
    assert!(
        page.broken_links
            .iter()
            .any(|link| link.element.is_none() && link.value == "texture.png"),
        "the stylesheet's missing picture is not reported: {broken:#?}"
    );

    let validation_rules: Vec<&str> = page.validation.iter().map(|e| e.rule.as_str()).collect();
    for rule in ["no-dup-id", "wcag/h37", "element-permitted-parent"] {
        assert!(
            validation_rules.contains(&rule),
            "html-validate misses {rule}: {validation_rules:?}"
        );
    }

    assert_eq!(page.scripts, 1);
    assert!(page.overflow_at320 > 0, "the too-wide box is not measured");
    assert!(page.text.contains("Broken on purpose"), "{:?}", page.text);

    // Each kind of problem reaches the list a failing test prints.
    let problems = report.problems().join("\n");
    for expected in [
        "index.html: axe image-alt (critical) at img",
        "index.html: broken link <a href> \"missing.html\"",
        "html-validate no-dup-id",
        "index.html: 1 <script> element(s)",
        "index.html: scrolls sideways",
    ] {
        assert!(
            problems.contains(expected),
            "{expected:?} is not in:\n{problems}"
        );
    }
    assert!(
        report.page("other.html").axe.is_empty(),
        "a page's problems stay with it"
    );
}

#[test]
fn the_good_fixture_passes() {
    let report = check_fixture("good");
    assert_eq!(
        report.paths(),
        ["index.html", "meetings/2022-05-13.html"],
        "the private folder, which holds a broken page, is skipped"
    );
    let problems = report.problems();
    assert!(
        problems.is_empty(),
        "the good fixture has problems:\n{}",
        problems.join("\n")
    );

    let meeting = report.page("meetings/2022-05-13.html");
    assert_eq!(meeting.title, "13 May 2022 – Corporate Parenting Panel");
    assert!(
        meeting.text.contains("Q4 2021\t174"),
        "a table row reads as its cells: {:?}",
        meeting.text
    );
    let external: Vec<&str> = report
        .external_links
        .iter()
        .map(|link| link.url.as_str())
        .collect();
    assert_eq!(
        external,
        [
            "https://www.example.gov.uk/",
            "mailto:democratic.services@example.gov.uk",
            "tel:+442088638000",
        ]
    );

    // A phone's width, then a desktop's, each of the whole page.
    for page in &report.pages {
        let widths: Vec<u32> = page.screenshots.iter().map(|s| png_width(s)).collect();
        assert_eq!(widths, [390, 1280], "{}", page.path);
    }
}

#[test]
fn every_page_of_the_example_site_passes() {
    let out = build_into_tempdir(&["content"]);
    let screenshots = screenshot_folder("example");
    let report = check_site(out.path(), &screenshots);
    let written: Vec<String> = files_under(out.path())
        .iter()
        .map(|file| file.strip_prefix(out.path()).unwrap().display().to_string())
        .collect();
    assert!(
        !report.pages.is_empty(),
        "`papers build content` wrote no HTML page (outside folders named private), so there is \
         no website to check; it wrote {} files, such as {:?}",
        written.len(),
        &written[..written.len().min(10)]
    );
    let problems = report.problems();
    assert!(
        problems.is_empty(),
        "{} problem(s) in the example site's {} pages (screenshots in {}):\n{}",
        problems.len(),
        report.pages.len(),
        screenshots.display(),
        problems.join("\n")
    );
}
