//! Running the real-browser checks of a website (`tests/browser/check-site.mjs`) and reading
//! their report: each page's axe-core violations, broken links, html-validate errors, scripts,
//! sideways scrolling, title, text and screenshots. The harness only reports; the tests decide,
//! and [`SiteReport::problems`] lists everything a published page must not have.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use super::root;

/// What the harness found in one site (its JSON report).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SiteReport {
    /// Every published page, by path; folders named `private` are never visited.
    pub pages: Vec<PageReport>,
    /// Links that leave the site (`http:`, `https:`, `mailto:`, `tel:`), never fetched.
    pub external_links: Vec<ExternalLink>,
}

/// What the harness found in one page.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageReport {
    /// The page's path under the site's folder, with `/` between folders.
    pub path: String,
    /// `document.title`.
    pub title: String,
    /// axe-core's WCAG 2.2 A and AA violations, one per offending element.
    pub axe: Vec<AxeViolation>,
    /// Local links and resources that lead nowhere.
    pub broken_links: Vec<BrokenLink>,
    /// html-validate's errors (its recommended rules).
    pub validation: Vec<ValidationError>,
    /// How many `<script>` elements the page has; the site needs none.
    pub scripts: usize,
    /// How many CSS pixels the page scrolls sideways in a window 320 pixels wide (WCAG 1.4.10).
    pub overflow_at320: u32,
    /// `document.body.innerText`: the words a reader sees, for comparing with the PDF.
    pub text: String,
    /// The full-page screenshots: phone width, then desktop width.
    pub screenshots: Vec<PathBuf>,
}

/// One element that breaks one axe-core rule.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AxeViolation {
    /// The rule, such as `color-contrast`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    /// What the rule asks for, in a sentence.
    pub help: String,
    /// The rule's documentation.
    pub help_url: String,
    /// CSS selectors of the element (more than one when it is inside a frame).
    pub target: Vec<String>,
    /// The start of the element's HTML.
    pub html: String,
    /// How to fix it.
    pub summary: Option<String>,
}

/// A link or resource that leads nowhere.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BrokenLink {
    /// The element naming it (`a`, `img`, `link`, …); none for a request only the browser saw,
    /// such as a stylesheet's `url()`.
    pub element: Option<String>,
    /// The attribute naming it (`href`, `src`, …).
    pub attribute: Option<String>,
    /// The attribute's value as written, or the path the browser failed to load.
    pub value: String,
    /// Why it leads nowhere.
    pub reason: String,
}

/// One html-validate error.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidationError {
    /// The rule, such as `no-dup-id`.
    pub rule: String,
    /// What is wrong.
    pub message: String,
    /// Where in the file, from 1.
    pub line: u32,
    /// Where in the line, from 1.
    pub column: u32,
    /// A CSS selector of the element, when the error is about one.
    pub selector: Option<String>,
}

/// A link that leaves the site, and the pages that have it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExternalLink {
    /// The link as the browser resolved it.
    pub url: String,
    /// The pages linking to it.
    pub pages: Vec<String>,
}

impl SiteReport {
    /// The page at `path`, failing the test when the harness did not check it.
    pub fn page(&self, path: &str) -> &PageReport {
        self.pages
            .iter()
            .find(|page| page.path == path)
            .unwrap_or_else(|| panic!("the site has no page {path}: {:?}", self.paths()))
    }

    /// The paths of the pages checked, in order.
    pub fn paths(&self) -> Vec<&str> {
        self.pages.iter().map(|page| page.path.as_str()).collect()
    }

    /// Everything a published page must not have, one line each, naming the page, the rule or
    /// link, and the element, so that a failing test says what to fix.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for page in &self.pages {
            let path = &page.path;
            for violation in &page.axe {
                problems.push(format!(
                    "{path}: axe {} ({}) at {}: {}\n    {}\n    {}",
                    violation.id,
                    violation.impact.as_deref().unwrap_or("no impact given"),
                    violation.target.join(" "),
                    violation.help,
                    violation.html,
                    violation.help_url,
                ));
            }
            for link in &page.broken_links {
                let named_by = match (&link.element, &link.attribute) {
                    (Some(element), Some(attribute)) => format!("<{element} {attribute}>"),
                    _ => "a request".to_owned(),
                };
                problems.push(format!(
                    "{path}: broken link {named_by} \"{}\": {}",
                    link.value, link.reason
                ));
            }
            for error in &page.validation {
                problems.push(format!(
                    "{path}:{}:{}: html-validate {} at {}: {}",
                    error.line,
                    error.column,
                    error.rule,
                    error.selector.as_deref().unwrap_or("the document"),
                    error.message
                ));
            }
            if page.scripts > 0 {
                problems.push(format!(
                    "{path}: {} <script> element(s); the site must work without JavaScript",
                    page.scripts
                ));
            }
            if page.overflow_at320 > 0 {
                problems.push(format!(
                    "{path}: scrolls sideways by {} px in a window 320 px wide (WCAG 1.4.10, \
                     reflow); let wide content such as a table scroll inside its own box",
                    page.overflow_at320
                ));
            }
        }
        problems
    }
}

/// The browser the harness drives: Debian's Chromium unless `CHROMIUM_PATH` names another.
fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM_PATH")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Fails the test, saying how to install it, when something the harness needs is missing: a
/// browser check that cannot run must never pass.
fn require_harness() {
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|output| output.status.success()),
        "the browser checks need Node.js (`node`) on the PATH; `.ci/run` says what to install"
    );
    let browser = chromium();
    assert!(
        browser.is_file(),
        "the browser checks need Chromium at {}; run `.ci/run` (it installs Debian's chromium)",
        browser.display()
    );
    for package in ["puppeteer-core", "axe-core", "html-validate"] {
        let folder = root().join("tests/browser/node_modules").join(package);
        assert!(
            folder.is_dir(),
            "the browser checks need the npm package {package}; run `.ci/run` (it runs \
             `npm ci --prefix tests/browser`)"
        );
    }
}

/// A fresh folder for the screenshots of the check called `name`, kept after the test (under
/// Cargo's temporary folder for tests) so that a person can look at them.
pub fn screenshot_folder(name: &str) -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("website-screenshots")
        .join(name);
    match std::fs::remove_dir_all(&folder) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => panic!("cannot empty {}: {error}", folder.display()),
    }
    folder
}

/// Checks every published page of the site in `site` in a real browser, writing screenshots
/// into `screenshots`, and returns the harness's report. Fails the test when the harness cannot
/// run; problems in the pages are for the caller to judge.
pub fn check_site(site: &Path, screenshots: &Path) -> SiteReport {
    require_harness();
    // One browser at a time: several at once on two cores time out over their screenshots.
    static ONE_BROWSER: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_BROWSER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let output = Command::new("node")
        .arg(root().join("tests/browser/check-site.mjs"))
        .arg(site)
        .arg(screenshots)
        .env("CHROMIUM_PATH", chromium())
        .current_dir(root())
        .output()
        .expect("node runs the browser checks");
    assert!(
        output.status.success(),
        "the browser checks could not run on {}:\n{}",
        site.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "the browser checks' report is not the JSON expected ({error}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}
