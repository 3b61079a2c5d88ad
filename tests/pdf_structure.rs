//! The PDF's structure tree as a screen reader navigates it, read back with pikepdf: a long
//! report's contents as TOC entries linked to their headings, a cover report's front page as a
//! table whose labels are header cells, agenda items as a list whose titles are headings, no
//! heading level skipped, and what each file says about itself (Subject, Keywords,
//! CreationDate). The example content is checked, and content written here.

mod common;
use common::Published;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use papers::model::Block;
use serde::Deserialize;

/// Prints, as JSON keyed by path, what the structure tree of each PDF named holds: how many
/// elements of each type, every heading's level and page (in reading order), each table's
/// header cells' scopes and how many of its data cells name their headers, each list item's
/// parts and the headings in its body, the pages each contents entry links to, and the
/// document information.
const READ_STRUCTURE: &str = r#"
import json, sys, pikepdf

def kids(node):
    k = node.get('/K')
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]

def elements(node):
    for kid in kids(node):
        if isinstance(kid, pikepdf.Dictionary) and kid.get('/Type') != '/OBJR' and '/S' in kid:
            yield kid

def annotations(node):
    for kid in kids(node):
        if isinstance(kid, pikepdf.Dictionary):
            if kid.get('/Type') == '/OBJR':
                yield kid.Obj
            elif '/S' in kid:
                yield from annotations(kid)

def heading_level(name):
    return int(name[2:]) if name.startswith('/H') and name[2:].isdigit() else None

def attributes(node):
    found = node.get('/A')
    if found is None:
        return []
    return list(found) if isinstance(found, pikepdf.Array) else [found]

def named_destinations(pdf):
    found = {}
    names = pdf.Root.get('/Names')
    tree = names.get('/Dests') if names is not None else None
    def walk(node):
        items = node.get('/Names')
        if items is not None:
            for index in range(0, len(items), 2):
                found[str(items[index])] = items[index + 1]
        for kid in node.get('/Kids', []):
            walk(kid)
    if tree is not None:
        walk(tree)
    return found

def read(path):
    pdf = pikepdf.open(path)
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
    destinations = named_destinations(pdf)
    counts, headings, tables, list_items, contents = {}, [], [], [], []

    def page_of(destination):
        if isinstance(destination, pikepdf.Dictionary):
            destination = destination.get('/D')
        if isinstance(destination, (pikepdf.String, pikepdf.Name)):
            destination = destinations.get(str(destination).lstrip('/'))
        if isinstance(destination, pikepdf.Array) and len(destination) > 0:
            return pages.get(destination[0].objgen)
        return None

    def first_page(node):
        if '/Pg' in node:
            return pages.get(node.Pg.objgen)
        for kid in kids(node):
            if isinstance(kid, pikepdf.Dictionary) and kid.get('/Type') != '/OBJR':
                if '/S' in kid:
                    found = first_page(kid)
                else:
                    found = pages.get(kid.Pg.objgen) if '/Pg' in kid else None
                if found is not None:
                    return found
        return None

    def headings_in(node, found):
        for kid in elements(node):
            level = heading_level(str(kid.S))
            if level is not None:
                found.append(level)
            headings_in(kid, found)
        return found

    def cells(node, table):
        for kid in elements(node):
            name = str(kid.S)
            if name in ('/TH', '/TD'):
                named = any(len(attribute.get('/Headers', [])) > 0 for attribute in attributes(kid)
                            if isinstance(attribute, pikepdf.Dictionary))
                scopes = [str(attribute.Scope)[1:] for attribute in attributes(kid)
                          if isinstance(attribute, pikepdf.Dictionary) and '/Scope' in attribute]
                if name == '/TH':
                    table['header_scopes'].append(scopes[0] if scopes else 'none')
                else:
                    table['data_cells'] += 1
                    table['data_cells_naming_headers'] += int(named)
            elif name != '/Table':
                cells(kid, table)

    def walk(node, parent):
        name = str(node.S)
        counts[name] = counts.get(name, 0) + 1
        level = heading_level(name)
        if level is not None:
            headings.append({'level': level, 'page': first_page(node)})
        if name == '/Table':
            table = {'page': first_page(node), 'header_scopes': [], 'data_cells': 0,
                     'data_cells_naming_headers': 0}
            cells(node, table)
            tables.append(table)
        if name == '/LI':
            parts = [str(kid.S)[1:] for kid in elements(node)]
            body = [kid for kid in elements(node) if str(kid.S) == '/LBody']
            found = headings_in(body[0], []) if body else []
            list_items.append({'parts': parts, 'headings': found})
        if name == '/TOCI':
            targets = []
            for annotation in annotations(node):
                destination = annotation.get('/Dest')
                if destination is None and '/A' in annotation:
                    destination = annotation.A.get('/D')
                targets.append(page_of(destination))
            contents.append({'in': parent, 'targets': targets})
        for kid in elements(node):
            walk(kid, name[1:])

    for top in elements(pdf.Root.StructTreeRoot):
        walk(top, '')
    info = pdf.docinfo
    return {
        'counts': {name[1:]: count for name, count in counts.items()},
        'headings': headings,
        'tables': tables,
        'list_items': list_items,
        'contents': contents,
        'info': {key: str(info['/' + key]) for key in ('Subject', 'Keywords', 'CreationDate')
                 if '/' + key in info},
    }

print(json.dumps({path: read(path) for path in sys.argv[1:]}))
"#;

/// What [`READ_STRUCTURE`] finds in one PDF.
#[derive(Debug, Deserialize)]
struct Structure {
    /// Elements by structure type (`P`, `H1`, `TOCI`…).
    counts: BTreeMap<String, usize>,
    /// Every heading in reading order.
    headings: Vec<Heading>,
    /// Every table, in reading order.
    tables: Vec<Table>,
    /// Every list item.
    list_items: Vec<ListItem>,
    /// Every contents entry.
    contents: Vec<ContentsEntry>,
    /// The document information dictionary's Subject, Keywords and CreationDate, when set.
    info: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct Heading {
    level: u8,
    /// The page its text starts on, from 1.
    page: Option<usize>,
}

#[derive(Debug, Deserialize)]
struct Table {
    /// The page it starts on, from 1.
    page: Option<usize>,
    /// The scope of each of its header cells (`Row`, `Column`, `Both`, or `none`).
    header_scopes: Vec<String>,
    /// How many data cells it has.
    data_cells: usize,
    /// How many of them name the header cells that label them.
    data_cells_naming_headers: usize,
}

#[derive(Debug, Deserialize)]
struct ListItem {
    /// Its children's types, in order (`Lbl`, `LBody`).
    parts: Vec<String>,
    /// The levels of the headings in its body.
    headings: Vec<u8>,
}

#[derive(Debug, Deserialize)]
struct ContentsEntry {
    /// The type of the element it sits in (`TOC`).
    #[serde(rename = "in")]
    parent: String,
    /// The page each of its links leads to (an entry broken over two lines has two).
    targets: Vec<Option<usize>>,
}

impl Structure {
    fn count(&self, kind: &str) -> usize {
        self.counts.get(kind).copied().unwrap_or(0)
    }

    /// The pages on which a heading starts.
    fn heading_pages(&self) -> Vec<usize> {
        self.headings
            .iter()
            .filter_map(|heading| heading.page)
            .collect()
    }

    /// The list items whose body holds a heading: agenda items.
    fn headed_items(&self) -> Vec<&ListItem> {
        self.list_items
            .iter()
            .filter(|item| !item.headings.is_empty())
            .collect()
    }
}

/// The structure of each PDF in `pdfs`, in order.
fn structures(pdfs: &[PathBuf]) -> Vec<Structure> {
    let args: Vec<&str> = pdfs.iter().map(|pdf| pdf.to_str().unwrap()).collect();
    let json = python(READ_STRUCTURE, &args);
    let mut read: BTreeMap<String, Structure> = serde_json::from_str(&json).unwrap();
    args.iter()
        .map(|path| read.remove(*path).expect("every PDF is read"))
        .collect()
}

fn structure(pdf: &Path) -> Structure {
    structures(&[pdf.to_path_buf()]).pop().unwrap()
}

/// The example content built into a new folder (kept as long as the value).
fn build_examples() -> tempfile::TempDir {
    build_into_tempdir(&["content/"])
}

/// Read and lower `path` (inside the content root `root`) as `papers build` would.
fn load(root: &Path, path: &Path) -> papers::build::Loaded {
    let root = papers::input::ContentRoot::new(root).unwrap();
    let (loaded, _) = papers::build::load(&[path.to_path_buf()], &root, &Default::default())
        .unwrap_or_else(|_| panic!("{} does not load", path.display()));
    loaded
}

/// The contents entries the long report at `path` is lowered with.
fn contents_entries(root: &Path, path: &Path) -> usize {
    let loaded = load(root, path);
    loaded.papers[0]
        .document
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Contents { entries, .. } => Some(entries.len()),
            _ => None,
        })
        .expect("the long report has a contents page")
}

/// The agenda items of the meeting at `path` (on its agenda, and on its supplementary agenda).
fn agenda_items(root: &Path, path: &Path) -> (usize, usize) {
    let loaded = load(root, path);
    let model = &loaded.meetings[0].model;
    let count = |blocks: &[Block]| {
        blocks
            .iter()
            .filter(|block| matches!(block, Block::AgendaItem { .. }))
            .count()
    };
    (
        count(&model.agenda.blocks),
        model
            .supplement
            .as_ref()
            .map_or(0, |supplement| count(&supplement.blocks)),
    )
}

/// No heading is deeper than one below the heading before it, and the first is level 1.
fn assert_no_level_skipped(pdf: &Path, structure: &Structure) {
    let levels: Vec<u8> = structure
        .headings
        .iter()
        .map(|heading| heading.level)
        .collect();
    assert_eq!(levels.first(), Some(&1), "{}: {levels:?}", pdf.display());
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "{} skips from H{} to H{}: {levels:?}",
            pdf.display(),
            pair[0],
            pair[1]
        );
    }
}

/// A contents page: `expected` entries, each in a TOC and linking to a page on which a heading
/// starts, in the order of the pages.
fn assert_contents_link_to_headings(pdf: &Path, structure: &Structure, expected: usize) {
    assert_eq!(
        structure.contents.len(),
        expected,
        "{}: one TOCI per contents entry",
        pdf.display()
    );
    assert!(structure.count("TOC") >= 1, "{}", pdf.display());
    let heading_pages = structure.heading_pages();
    let mut previous = 0;
    for (index, entry) in structure.contents.iter().enumerate() {
        assert_eq!(entry.parent, "TOC", "{}: entry {index}", pdf.display());
        assert!(
            !entry.targets.is_empty(),
            "{}: entry {index} links nowhere",
            pdf.display()
        );
        for target in &entry.targets {
            let page = target
                .unwrap_or_else(|| panic!("{}: entry {index}'s link has no page", pdf.display()));
            assert!(
                heading_pages.contains(&page),
                "{}: entry {index} leads to page {page}, where no heading starts",
                pdf.display()
            );
            assert!(
                page >= previous,
                "{}: entry {index} leads back to page {page}",
                pdf.display()
            );
            previous = page;
        }
    }
}

/// The front page is the first table, on the first page: each field's label a header cell of
/// `scope`, at least `labels` of them, and each value's cell naming the label that heads it.
fn assert_fields_have_header_cells(pdf: &Path, structure: &Structure, labels: usize, scope: &str) {
    let table = structure
        .tables
        .first()
        .unwrap_or_else(|| panic!("{}: no table", pdf.display()));
    assert_eq!(table.page, Some(1), "{}: {table:?}", pdf.display());
    assert!(
        table.header_scopes.len() >= labels
            && table.header_scopes.iter().all(|found| found == scope),
        "{}: {labels} labels, {scope} header cells expected: {table:?}",
        pdf.display()
    );
    assert!(
        table.data_cells > 0 && table.data_cells_naming_headers == table.data_cells,
        "{}: each value names its label: {table:?}",
        pdf.display()
    );
}

/// Each agenda item is a list item of a label and a body whose first heading is the item's
/// title, and there are as many as the agenda has items.
fn assert_items_are_headed_list_items(pdf: &Path, structure: &Structure, items: usize) {
    let headed = structure.headed_items();
    assert_eq!(
        headed.len(),
        items,
        "{}: list items with a heading",
        pdf.display()
    );
    for item in headed {
        assert_eq!(item.parts, ["Lbl", "LBody"], "{}", pdf.display());
    }
}

/// Every PDF under `folder`.
fn pdfs_under(folder: &Path) -> Vec<PathBuf> {
    files_under(folder)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|extension| extension == "pdf"))
        .collect()
}

const MEETING_FOLDER: &str = "corporate-parenting-panel-2022-05-13";
const IRO_REPORT: &str = "content/corporate-parenting-panel/2022-05-13/06-iro-annual-report.yaml";

#[test]
fn the_long_reports_contents_are_toc_entries_linked_to_their_headings() {
    let out = build_examples();
    let expected = contents_entries(&root().join("content"), &root().join(IRO_REPORT));
    assert!(
        expected > 30,
        "the example's contents has {expected} entries"
    );
    // Item 6's file (the cover report, then the annual report) and the whole pack.
    let folder = out.path().join(MEETING_FOLDER);
    for pdf in [
        folder.join("item-06.pdf").published(),
        folder.join("agenda-pack.pdf").published(),
    ] {
        assert_contents_link_to_headings(&pdf, &structure(&pdf), expected);
    }
}

#[test]
fn cover_front_pages_are_tables_whose_labels_are_header_cells() {
    let out = build_examples();
    // The 2022 form (labels above values), the 2020 form, and Harrow's (labels beside values).
    let item_5 = out
        .path()
        .join(MEETING_FOLDER)
        .join("item-05.pdf")
        .published();
    let june_2020 = out
        .path()
        .join("corporate-parenting-performance-2020-06/performance-june-2020-cover.pdf");
    let harrow = out
        .path()
        .join("cabinet-2026-02-12/item-07.pdf")
        .published();
    let read = structures(&[item_5.clone(), june_2020.clone(), harrow.clone()]);
    assert_fields_have_header_cells(&item_5, &read[0], 12, "Column");
    assert_fields_have_header_cells(&june_2020, &read[1], 7, "Column");
    assert_fields_have_header_cells(&harrow, &read[2], 5, "Row");
    // The 2020 form's first page has the report's title as its level-1 heading.
    let first = &read[1].headings[0];
    assert_eq!(
        (first.level, first.page),
        (1, Some(1)),
        "{:?}",
        read[1].headings
    );
}

#[test]
fn agenda_items_are_list_items_titled_by_headings() {
    let out = build_examples();
    let meetings = [
        (
            "content/corporate-parenting-panel/2022-05-13",
            MEETING_FOLDER,
        ),
        ("content/harrow-cabinet/2026-02-12", "cabinet-2026-02-12"),
    ];
    for (content, built) in meetings {
        let (items, supplementary) = agenda_items(&root(), &root().join(content));
        assert!(items > 5, "{content} has {items} items");
        let folder = out.path().join(built);
        let pack = folder.join("agenda-pack.pdf").published();
        assert_items_are_headed_list_items(&pack, &structure(&pack), items);
        if supplementary > 0 {
            let pack = folder.join("supplementary-pack.pdf").published();
            assert_items_are_headed_list_items(&pack, &structure(&pack), supplementary);
        }
    }
    // Harrow's items stand under their portfolio's heading, a level below it.
    let harrow = structure(
        &out.path()
            .join("cabinet-2026-02-12/agenda-pack.pdf")
            .published(),
    );
    let levels: Vec<u8> = harrow
        .headed_items()
        .iter()
        .map(|item| item.headings[0])
        .collect();
    assert!(levels.contains(&3) && levels.contains(&4), "{levels:?}");
}

#[test]
fn no_example_pdf_skips_a_heading_level_and_each_says_what_and_when_it_is() {
    let out = build_examples();
    let pdfs = pdfs_under(out.path());
    assert!(pdfs.len() >= 10, "{pdfs:?}");
    for (pdf, structure) in pdfs.iter().zip(structures(&pdfs)) {
        assert_no_level_skipped(pdf, &structure);
        let created = structure.info.get("CreationDate");
        assert!(
            created.is_some_and(|date| date.starts_with("D:")),
            "{}: {:?}",
            pdf.display(),
            structure.info
        );
    }
    // A meeting's packs say whose meeting and when, in Subject and Keywords.
    for (pack, committee, date) in [
        (
            "corporate-parenting-panel-2022-05-13/agenda-pack.pdf",
            "Corporate Parenting Panel",
            "13 May 2022",
        ),
        (
            "cabinet-2026-02-12/agenda-pack.pdf",
            "Cabinet",
            "12 February 2026",
        ),
        (
            "cabinet-2026-02-12/private/agenda-pack.pdf",
            "Cabinet",
            "12 February 2026",
        ),
        (
            "cabinet-2026-02-12/supplementary-pack.pdf",
            "Cabinet",
            "12 February 2026",
        ),
    ] {
        let pdf = out.path().join(pack).published();
        let info = structure(&pdf).info;
        let subject = info.get("Subject").map_or("", String::as_str);
        let keywords = info.get("Keywords").map_or("", String::as_str);
        for expected in [committee, date] {
            assert!(subject.contains(expected), "{pack}: {info:?}");
            assert!(keywords.contains(expected), "{pack}: {info:?}");
        }
        assert!(
            keywords.to_lowercase().contains("agenda"),
            "{pack}: {info:?}"
        );
    }
    // The meeting's date is the packs' creation date, not the clock's.
    let pack = structure(
        &out.path()
            .join(MEETING_FOLDER)
            .join("agenda-pack.pdf")
            .published(),
    );
    assert!(
        pack.info["CreationDate"].starts_with("D:20220513"),
        "{:?}",
        pack.info
    );
}

/// A committee of our own, for the meeting below.
const COMMITTEE: &str = "kind: committee
name: Climate Scrutiny Board
council: Example Council
members:
  - name: Okafor
    role: chair
  - Lindqvist
contact:
  name: Sam Clerk
  email: clerk@example.org
venue: Town Hall, Example
";

/// A meeting with an item in parts (4.1, 4.2) and two long reports as items' papers, their
/// sections' anchors named alike.
const MEETING: &str = "kind: meeting
committee: committee.yaml
date: 2026-06-18
time: 10.00 a.m.
items:
  - standard: apologies
  - standard: declarations
  - title: Air Quality Action Plan
    report: air-quality.yaml
  - group: Budget Monitoring
    parts: true
    items:
      - title: Revenue Budget Position
        description: To note the position at the end of May.
      - title: Capital Budget Position
        description: To note the position at the end of May.
  - title: Noise Annual Report
    report: noise.yaml
  - standard: urgent
";

/// A long report of our own: a summary and sections with sub-sections, some numbered by hand.
const LONG_REPORT: &str = "kind: long-report
cover: [ENVIRONMENT DIRECTORATE]
title: AIR QUALITY ANNUAL STATUS REPORT 2025
contents: Contents
summary:
  title: Summary
  body:
    - Nitrogen dioxide fell at every monitoring site.
sections:
  - title: Monitoring
    body:
      - The council monitors air quality at twelve sites.
    subsections:
      - title: Diffusion Tubes
        body:
          - Eleven sites use diffusion tubes.
      - title: Automatic Monitors
        body:
          - One site has an automatic monitor.
  - title: Actions
    body:
      - heading: What has worked
      - Anti-idling patrols outside schools.
    subsections:
      - title: Next Steps
        number: \"2.5\"
        body:
          - A low emission zone is being considered.
  - title: Conclusion
    body:
      - The council will keep monitoring.
";

/// A 2020-form cover report, with no date of its own.
const COVER_2020: &str = "kind: cover-report
layout: 2020
title: Tree Planting Progress
committee: Climate Scrutiny Board
authors:
  - name: Robin Ash
    role: Tree Officer
wards: All
summary: Planting is ahead of plan.
recommendations: The Board is asked to note the report.
sections:
  background:
    - Planting began in 2024.
  key_issues:
    - Two sites were delayed by wet weather.
  options:
    - No options are proposed.
  risks:
    - Dry summers may kill young trees.
accountable_officers:
  - name: Robin Ash
    role: Tree Officer
";

#[test]
fn content_of_our_own_is_structured_as_the_examples_are() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    write_files(
        &content,
        &[
            ("committee.yaml", COMMITTEE),
            ("meeting.yaml", MEETING),
            ("air-quality.yaml", LONG_REPORT),
            (
                "noise.yaml",
                &LONG_REPORT.replace("AIR QUALITY ANNUAL STATUS", "NOISE ANNUAL"),
            ),
        ],
    );
    let standalone = work.path().join("standalone");
    write_files(&standalone, &[("tree-planting.yaml", COVER_2020)]);
    let out = work.path().join("out");
    build_to(&content, &out);
    let out_standalone = work.path().join("out-standalone");
    build_to(&standalone, &out_standalone);

    let folder = out.join("climate-scrutiny-board-2026-06-18");
    let pack = folder.join("agenda-pack.pdf").published();
    let item = folder.join("item-03.pdf").published();
    let cover = out_standalone.join("tree-planting.pdf");
    let pdfs = [pack.clone(), item.clone(), cover.clone()];
    let read = structures(&pdfs);
    for (pdf, structure) in pdfs.iter().zip(&read) {
        assert_no_level_skipped(pdf, structure);
    }

    // Seven items, two of them the parts of item 4, each a list item titled by a heading; the
    // parts' titles a level below their group's heading.
    let (items, _) = agenda_items(&content, &content.join("meeting.yaml"));
    assert_eq!(items, 7);
    assert_items_are_headed_list_items(&pack, &read[0], items);
    let levels: Vec<u8> = read[0]
        .headed_items()
        .iter()
        .map(|item| item.headings[0])
        .collect();
    assert_eq!(levels, [3, 3, 3, 4, 4, 3, 3], "{levels:?}");

    // Each report's contents lead to its own headings: in the pack, the second report's
    // entries to pages after the first report's (which they would not, did they lead to the
    // first report's headings of the same names).
    let entries = contents_entries(&content, &content.join("air-quality.yaml"));
    assert_eq!(entries, 7);
    assert_contents_link_to_headings(&pack, &read[0], 2 * entries);
    let first_report_ends = read[0].contents[entries - 1].targets.last().unwrap();
    let second_report_starts = read[0].contents[entries].targets[0];
    assert!(
        second_report_starts > *first_report_ends,
        "{:?}",
        read[0].contents
    );
    assert_contents_link_to_headings(&item, &read[1], entries);

    // The 2020 form: its labels header cells, its title the first page's level-1 heading.
    assert_fields_have_header_cells(&cover, &read[2], 5, "Column");
    let first = &read[2].headings[0];
    assert_eq!(
        (first.level, first.page),
        (1, Some(1)),
        "{:?}",
        read[2].headings
    );

    // What each file says of itself: the meeting's packs and items their committee and date;
    // a paper with no date of its own still has a creation date, the same on every build.
    assert_eq!(
        read[0].info["Subject"],
        "Agenda of the Climate Scrutiny Board, 18 June 2026"
    );
    assert!(
        read[0].info["Keywords"].starts_with("Climate Scrutiny Board, 18 June 2026, agenda"),
        "{:?}",
        read[0].info
    );
    assert!(read[1].info["CreationDate"].starts_with("D:20260618"));
    let undated = &read[2].info["CreationDate"];
    assert!(undated.starts_with("D:1970"), "{undated}");
    let again = work.path().join("again");
    build_to(&standalone, &again);
    assert_eq!(
        std::fs::read(&cover).unwrap(),
        std::fs::read(again.join("tree-planting.pdf")).unwrap(),
        "an undated paper builds to the same bytes"
    );
}
