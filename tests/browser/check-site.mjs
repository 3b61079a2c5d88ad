// Checks a built website in a real browser and reports, as one JSON document on stdout, what a
// reader would meet: axe-core's WCAG 2.2 AA violations, local links and resources that lead
// nowhere, html-validate's errors, any <script>, each page's title and text, and a full-page
// screenshot at phone and desktop width. It judges nothing: it exits 0 whatever it finds (the
// Rust tests in tests/website.rs decide what fails) and non-zero only when it cannot check.
//
//   node tests/browser/check-site.mjs <site-folder> <screenshot-folder>
//
// Folders named `private` are skipped: papers keeps there what is never published.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";
import { HtmlValidate } from "html-validate";

const require = createRequire(import.meta.url);
const axeScript = require.resolve("axe-core/axe.min.js");

/// Debian's Chromium; another browser binary can be named in the environment.
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/// The WCAG levels the site is held to: A and AA of WCAG 2.0, 2.1 and 2.2.
const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// A phone (the width of a common handset) and a desktop window; WCAG's reflow criterion is
/// measured at 320 CSS pixels.
const phone = { width: 390, height: 844, deviceScaleFactor: 1 };
const desktop = { width: 1280, height: 800, deviceScaleFactor: 1 };
const reflowWidth = 320;

/// Pages checked at once, each in its own tab; two keep two cores busy.
const tabs = Number(process.env.CHECK_SITE_TABS) || 2;

/// Elements that load or lead to another file, and the attribute naming it.
const linkingAttributes = [
  ["a", "href"],
  ["area", "href"],
  ["link", "href"],
  ["img", "src"],
  ["source", "src"],
  ["iframe", "src"],
  ["object", "data"],
  ["embed", "src"],
  ["video", "src"],
  ["audio", "src"],
  ["track", "src"],
];

/// Schemes that leave the site: collected for the report, never fetched.
const externalSchemes = new Set(["http:", "https:", "mailto:", "tel:"]);

// html-validate's recommended rules, all of them: none is turned off, so every page is held to
// its accessibility, id, nesting, escaping and style rules alike.
const htmlValidate = new HtmlValidate({ extends: ["html-validate:recommended"] });

/// Every `.html` file under `folder`, as paths relative to `root`, sorted, skipping folders named
/// `private`.
function htmlFiles(root, folder = root) {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "private") found.push(...htmlFiles(root, path));
    } else if (entry.name.endsWith(".html")) {
      found.push(relative(root, path).split(sep).join("/"));
    }
  }
  return found.sort();
}

/// The file a `file:` URL names, or null when the URL is not a usable file URL.
function fileOf(url) {
  const withoutQuery = new URL(url.href);
  withoutQuery.hash = "";
  withoutQuery.search = "";
  try {
    return fileURLToPath(withoutQuery);
  } catch {
    return null;
  }
}

/// Whether `path` is a file or folder (`stat` follows links, as a web server would).
function kindOf(path) {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? "folder" : stats.isFile() ? "file" : null;
  } catch {
    return null;
  }
}

/// The site-relative path of `path`, with forward slashes ("" for the site's folder itself),
/// or null when it is outside the site.
function insideSite(site, path) {
  const within = relative(site, path);
  if (within === ".." || within.startsWith(`..${sep}`) || isAbsolute(within)) return null;
  return within.split(sep).join("/");
}

/// What a reader of the loaded page meets, gathered in the page by the browser: the links and
/// resources it names, its ids, title, text and how many scripts it has.
function gatherInPage(linkingAttributes) {
  const links = [];
  for (const [element, attribute] of linkingAttributes) {
    for (const node of document.querySelectorAll(`${element}[${attribute}]`)) {
      links.push({
        element,
        attribute,
        value: node.getAttribute(attribute),
        // The browser's resolution of the value against the page (and any <base>).
        resolved: String(node[attribute]),
      });
    }
  }
  return {
    links,
    ids: [...document.querySelectorAll("[id]")].map((node) => node.id),
    title: document.title,
    text: document.body ? document.body.innerText : "",
    scripts: document.querySelectorAll("script").length,
  };
}

/// Checks one link of the page at `pagePath`: returns `{ reason }` when it is broken, and
/// `{ fragment: { targetPage, id } }` when it names an element of a page, to be checked once
/// every page's ids are known; external links are added to `externalLinks`.
function checkLink(site, pagePath, link, externalLinks) {
  const raw = link.value.trim();
  const broken = (reason) => ({ reason });
  let url;
  try {
    url = new URL(link.resolved);
  } catch {
    return broken(`"${raw}" is not a URL the browser understands`);
  }
  if (raw.startsWith("//")) {
    return broken("a scheme-relative link, which leaves the site when it is opened from disk");
  }
  if (externalSchemes.has(url.protocol)) {
    const cited = externalLinks.get(url.href) ?? new Set();
    cited.add(pagePath);
    externalLinks.set(url.href, cited);
    return {};
  }
  if (url.protocol === "data:" && link.element !== "a") return {};
  if (url.protocol !== "file:") {
    return broken(`the ${url.protocol} scheme leads nowhere on a site with no JavaScript`);
  }
  if (raw.startsWith("/")) {
    return broken(
      "a path from the server's root, which breaks when the site sits in a sub-folder or is opened from disk",
    );
  }
  const path = fileOf(url);
  const target = path === null ? null : insideSite(site, path);
  if (target === null) return broken("it leads outside the site's folder");
  const kind = kindOf(path);
  const folders = target.split("/").filter((name) => name !== "");
  if (kind !== "folder") folders.pop();
  if (folders.includes("private")) {
    return broken("it leads into a folder named private, which is never published");
  }
  let targetPage = target;
  if (kind === "folder") {
    // A web server answers a folder with its index.html.
    targetPage = [...folders, "index.html"].join("/");
    if (kindOf(join(site, targetPage)) !== "file") {
      return broken(`the folder ${target || "."} has no index.html`);
    }
  } else if (kind !== "file") {
    return broken(`no file ${target} exists`);
  }
  const fragment = url.hash.slice(1);
  if (fragment !== "" && targetPage.endsWith(".html")) {
    let id;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      return broken(`the fragment #${fragment} is not valid percent-encoding`);
    }
    // `#top` scrolls to the top of any page (the HTML standard's rule for fragments).
    if (id.toLowerCase() !== "top") return { fragment: { targetPage, id } };
  }
  return {};
}

/// The violations axe-core finds in the loaded page, one entry per offending element.
async function axeViolations(page) {
  await page.addScriptTag({ path: axeScript });
  const results = await page.evaluate(
    // Only violations: detailing every element that passes would double axe's time.
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    axeTags,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => ({
      id: violation.id,
      impact: node.impact ?? violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      target: node.target.map((selector) =>
        Array.isArray(selector) ? selector.join(" >>> ") : selector,
      ),
      html: node.html.length > 300 ? `${node.html.slice(0, 300)}…` : node.html,
      summary: node.failureSummary,
    })),
  );
}

/// html-validate's errors in the file at `path`, read from disk as the server would send it.
async function validationErrors(path, pagePath) {
  const report = await htmlValidate.validateString(readFileSync(path, "utf8"), pagePath);
  return report.results.flatMap((result) =>
    result.messages
      .filter((message) => message.severity >= 2)
      .map((message) => ({
        rule: message.ruleId,
        message: message.message,
        line: message.line,
        column: message.column,
        selector: message.selector,
      })),
  );
}

/// The screenshot's file: the page's path under the screenshot folder, `.html` replaced by the
/// device's name, so that pages in different folders never share a screenshot.
function screenshotPath(shots, pagePath, device) {
  const path = join(shots, `${pagePath.replace(/\.html$/, "")}.${device}.png`);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/// Screenshots are taken one at a time, each of the tab brought to the front: two tabs drawn
/// for a screenshot at once left one waiting minutes for a frame in headless Chromium.
let screenshotTurn = Promise.resolve();
function screenshot(page, path) {
  const turn = screenshotTurn.then(async () => {
    await page.bringToFront();
    await page.screenshot({ path, fullPage: true, optimizeForSpeed: true });
  });
  screenshotTurn = turn.catch(() => undefined);
  return turn;
}

/// Checks the page at `pagePath` in the browser tab `tab`, whose failed requests since it was
/// loaded are gathered into `tab.failedRequests`; `site` holds what every page shares.
async function checkPage(tab, pagePath, site) {
  const file = join(site.folder, pagePath);
  tab.failedRequests = [];
  await tab.page.setViewport(phone);
  await tab.page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await tab.page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Node validates the file while the browser works on the page.
  const validation = validationErrors(file, pagePath);

  // Gathered before axe's own script is added to the page.
  const gathered = await tab.page.evaluate(gatherInPage, linkingAttributes);
  site.idsOfPage.set(pagePath, new Set(gathered.ids));

  const brokenLinks = [];
  const checkedFiles = new Set();
  for (const link of gathered.links) {
    const { reason, fragment } = checkLink(site.folder, pagePath, link, site.externalLinks);
    if (reason) brokenLinks.push({ ...pickLink(link), reason });
    if (fragment) site.pendingFragments.push({ ...fragment, page: pagePath, link, brokenLinks });
    checkedFiles.add(link.resolved.replace(/#.*$/, ""));
  }
  for (const failed of tab.failedRequests) {
    if (!checkedFiles.has(failed.url.replace(/#.*$/, ""))) {
      const path = failed.url.startsWith("file:") ? fileOf(new URL(failed.url)) : null;
      const inSite = path === null ? null : insideSite(site.folder, path);
      brokenLinks.push({
        element: null,
        attribute: null,
        value: inSite ?? failed.url,
        reason: `the browser could not load it (${failed.error})`,
      });
    }
  }

  const axe = await axeViolations(tab.page);
  const phoneShot = screenshotPath(site.shots, pagePath, "phone");
  await screenshot(tab.page, phoneShot);

  // How far the page scrolls sideways at 320 CSS pixels (WCAG 1.4.10, reflow): wide content
  // such as a table may scroll inside its own box, but the page must not.
  await tab.page.setViewport({ ...phone, width: reflowWidth });
  const overflow = await tab.page.evaluate(
    (width) => Math.max(0, document.documentElement.scrollWidth - width),
    reflowWidth,
  );

  await tab.page.setViewport(desktop);
  const desktopShot = screenshotPath(site.shots, pagePath, "desktop");
  await screenshot(tab.page, desktopShot);

  return {
    path: pagePath,
    title: gathered.title,
    axe,
    brokenLinks,
    validation: await validation,
    scripts: gathered.scripts,
    overflowAt320: overflow,
    text: gathered.text,
    screenshots: [phoneShot, desktopShot],
  };
}

async function checkSite(folder, shots) {
  const pagePaths = htmlFiles(folder);
  const site = {
    folder,
    shots,
    externalLinks: new Map(),
    pendingFragments: [],
    idsOfPage: new Map(),
  };
  const pages = [];

  // A fresh profile each run, so the browser starts with nothing to sync or update.
  const profile = mkdtempSync(join(tmpdir(), "papers-browser-"));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir: profile,
    // A loaded machine (a build on every core) can take long over a full-page screenshot.
    protocolTimeout: 300000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      // Tabs checked side by side are each in the background half the time; a background tab
      // that is throttled waits minutes for the frame a screenshot needs.
      "--disable-background-timer-throttling",
      "--disable-backgrounding-occluded-windows",
      "--disable-renderer-backgrounding",
    ],
  });
  try {
    // Each tab takes the next page not yet checked, so that while one waits on the browser
    // another's page is laid out or checked: a renderer process each, one browser.
    let next = 0;
    const checkInTab = async () => {
      const tab = { page: await browser.newPage(), failedRequests: [] };
      // Resources that fail to load, whatever names them (a stylesheet's url(), a font).
      tab.page.on("requestfailed", (request) => {
        tab.failedRequests.push({ url: request.url(), error: request.failure()?.errorText ?? "" });
      });
      while (next < pagePaths.length) {
        const index = next++;
        pages[index] = await checkPage(tab, pagePaths[index], site);
      }
      await tab.page.close();
    };
    await Promise.all(Array.from({ length: Math.min(tabs, pagePaths.length) }, checkInTab));
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }

  // Fragments are checked once every page's ids are known.
  for (const { page, link, brokenLinks, targetPage, id } of site.pendingFragments) {
    const ids = site.idsOfPage.get(targetPage);
    if (ids === undefined) {
      brokenLinks.push({ ...pickLink(link), reason: `${targetPage} is not a page of the site` });
    } else if (!ids.has(id)) {
      const where = targetPage === page ? "this page" : targetPage;
      brokenLinks.push({ ...pickLink(link), reason: `${where} has no element with id "${id}"` });
    }
  }

  return {
    pages,
    externalLinks: [...site.externalLinks]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([url, cited]) => ({ url, pages: [...cited].sort() })),
  };
}

/// The parts of a gathered link the report shows.
function pickLink({ element, attribute, value }) {
  return { element, attribute, value };
}

const [siteArgument, shotsArgument] = process.argv.slice(2);
if (!siteArgument || !shotsArgument) {
  console.error("usage: node check-site.mjs <site-folder> <screenshot-folder>");
  process.exit(2);
}
try {
  const site = resolve(siteArgument);
  if (kindOf(site) !== "folder") throw new Error(`${siteArgument} is not a folder`);
  const shots = resolve(shotsArgument);
  mkdirSync(shots, { recursive: true });
  const report = await checkSite(site, shots);
  process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
} catch (error) {
  console.error(`check-site: ${error.stack ?? error}`);
  process.exit(1);
}
