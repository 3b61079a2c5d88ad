//! The IRO annual report, the terms of reference and a stand-alone action plan, built end to end
//! and read back: every sentence of the published text, every table row, the contents page's
//! page numbers, PDF/UA, and the DOCX's headings, alt text and header rows.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

const SEED: &str = "corporate-parenting-panel-2022-05-13.txt";
const MEETING: &str = "content/corporate-parenting-panel/2022-05-13";
const IRO_REPORT: &str = "06-iro-annual-report";
const TERMS_OF_REFERENCE: &str = "05-terms-of-reference";

/// Both papers built on their own (not in the pack), so pages count from 1.
fn built() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        build_into_tempdir(&[
            &format!("{MEETING}/{IRO_REPORT}.yaml"),
            &format!("{MEETING}/{TERMS_OF_REFERENCE}.yaml"),
        ])
    })
    .path()
}

fn output(stem: &str, extension: &str) -> PathBuf {
    built().join(stem).with_extension(extension)
}

/// Section numbers the source's text puts on lines of their own, away from their headings; the
/// headings are checked with their numbers by the contents test.
fn is_section_number(line: &str) -> bool {
    let digits = line.trim_end_matches('.');
    !digits.is_empty()
        && digits
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

/// Published lines the figures engine prints differently, because the report's own data gives
/// another number: (published line, line as computed).
const DATA_WINS: [(&str, &str); 7] = [
    // 414 of the 1,753 reviews had their report 5+ days before: 23.6%.
    (
        "As can be seen from the table above, only 23% of reports were received ‘in time’ for the review.",
        "As can be seen from the table above, only 23.6% of reports were received ‘in time’ for the review.",
    ),
    // 305 of the 882 forms completed were good or outstanding: 34.6% (19.5% is last year's).
    (
        "over to testing a new Q and C form on a word document in late 2020. Of these 34% 19.5% (305)",
        "over to testing a new Q and C form on a word document in late 2020. Of these 34.6% (305)",
    ),
    // 84 children with an advocate of the 564 in the participation table: 14.9%.
    (
        "in over 90% of situations. A significant proportion (14.7% in comparison to 13.3% last year) utilise",
        "in over 90% of situations. A significant proportion (14.9% in comparison to 13.3% last year) utilise",
    ),
    // Carers attended 692 of the 1,753 reviews: 39.5%.
    (
        "reviews, although this shows as 40% in the table below. In addition, IROs are not consistently",
        "reviews, although this shows as 39.5% in the table below. In addition, IROs are not consistently",
    ),
    // The attendance table's shares of 1,753: 315 is 18.0%, 20 is 1.1%, 692 is 39.5%.
    ("18.2%", "18.0%"),
    ("1.15%", "1.1%"),
    ("40%", "39.5%"),
];

/// Published lines that are not text of the report: a stray character of the source's
/// extraction, the data labels and axis ticks of its charts (our charts label their own values
/// and describe them in alt text), and the adoption comparison, which was a grid of boxes
/// ("Target of 121 days") and is a table of the same figures here.
const NOT_PRINTED: [&str; 42] = [
    "©opened up and felt",
    // Ethnicity chart labels.
    "0.20%, 0%",
    "1.60%,",
    "2.00%, 2%",
    "1.40%, 1%",
    "0.70%, 1%",
    "5.90%, 6%",
    "0.50%,",
    "8.20%, 8%",
    "3.00%, 3%",
    "72.70%, 73%",
    "Any Other Asian 2.00%",
    // Participation chart labels.
    "7 1 5",
    // "Length of Placement >2 Years" axis ticks and legend.
    "70.00%",
    "68.00%",
    "66.00%",
    "64.00%",
    "62.00%",
    "60.00%",
    "58.00%",
    "56.00%",
    "Column1",
    // The adoption comparison, now a table with a column per year.
    "Target of 121 days",
    "Average of 160 days",
    "Within Timescale 72.4%",
    "Target of 121 days",
    "Average of 183 days",
    "Within Timescale 58.8%",
    "Target of 426 days",
    "Average of 437 days",
    "Within Timescale 48.3%",
    "37.9%",
    "Target of 426 days",
    "Average of 470 days",
    "Within Timescale 47.1%",
    // Quality and compliance chart: the bars 80 and 53 have no names in the source and are one
    // row, "Inadequate and other outcomes" (133), here.
    "80",
    "53",
    // Axis ticks of the quality and participation charts.
    "0",
    "100",
    "200",
    "300",
    "400",
];

/// Published lines found, but not in the source's order, because the source's text runs a
/// diagram or table column by column: the staffing structure's boxes, the action plans'
/// headings and theme cells, and the headings and cells of the attendance and adoption tables.
const LAID_OUT_IN_COLUMNS: [&str; 33] = [
    "Assistant Director of Social Care",
    "Head of Service",
    "Service Manager",
    "Fostering IROs",
    "1 x 0.6",
    "Performance",
    "Outcome",
    "Attendance and Participation",
    "Action",
    "Foster care",
    "Attendance",
    "Percentage",
    "6.3%",
    "2020/21",
    "Adopted within 12",
    "Months of a SHOBPA",
    "decision",
    "23.5%",
    "Attendance and",
    "Participation",
    "Impact and Influence",
    "Looked After Children will",
    "have access to Health",
    "support",
    "Signs of Safety",
    "Issue",
    "2%",
    "1%",
    "Health",
    "Education",
    "Virtual School",
    "Carer/Care provider",
    "Children’s Guardian",
];

/// The published IRO report, line by line, with the data's numbers where they differ.
fn iro_seed() -> Vec<String> {
    seed_lines(
        SEED,
        Some("Appendix 1 IRO Annual Report 2020 – 2021"),
        "CHILDREN AND YOUNG PEOPLE’S SERVICES",
        "Rotherham MBC Children’s Services",
    )
    .into_iter()
    .filter(|line| !is_section_number(line))
    .map(|line| with_data_wins(line, &DATA_WINS))
    .collect()
}

fn terms_seed() -> Vec<String> {
    seed_lines(
        SEED,
        Some("Agenda Item 5"),
        "RMBC Corporate Parenting Panel Purpose and Terms of Reference May 2022",
        "All agenda items will be linked to the Looked After Promises and subsequent priorities.",
    )
}

/// Every published line is in `text`, in order, except the lines listed as not printed or laid
/// out in columns, and lines of a drawing (a Word document's charts and diagram)
/// found in the pictures' descriptions.
fn assert_reproduces(what: &str, seed: &[String], text: &str, pictures: &str) {
    let pictures = normalise(pictures);
    let comparison = compare_in_order(seed, text);
    let not_printed: Vec<String> = NOT_PRINTED.iter().map(|line| normalise(line)).collect();
    let columns: Vec<String> = LAID_OUT_IN_COLUMNS
        .iter()
        .map(|line| normalise(line))
        .collect();
    let absent: Vec<&String> = comparison
        .absent
        .iter()
        .filter(|line| !not_printed.contains(line) && !pictures.contains(line.as_str()))
        .collect();
    let out_of_order: Vec<&String> = comparison
        .out_of_order
        .iter()
        .filter(|line| {
            !columns.contains(line)
                && !not_printed.contains(line)
                && !pictures.contains(line.as_str())
        })
        .collect();
    assert!(
        absent.is_empty() && out_of_order.is_empty(),
        "{what}: of {} published lines, not found:\n{}\nfound out of order:\n{}",
        seed.len(),
        absent
            .iter()
            .map(|line| line.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        out_of_order
            .iter()
            .map(|line| line.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// A DOCX's text as a reader sees it: converted by LibreOffice, so Word's list numbers are there.
fn docx_text(docx: &Path) -> String {
    let converted = tempfile::tempdir().unwrap();
    pdf_text_raw(&docx_to_pdf(docx, converted.path()))
}

/// The descriptions (alt text) of a DOCX's pictures.
fn docx_picture_descriptions(docx: &Path) -> String {
    docx_document(docx)
        .split("<wp:docPr")
        .skip(1)
        .filter_map(|picture| picture.split("descr=\"").nth(1)?.split('"').next())
        .map(unescape_xml)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_published_line_of_the_iro_report_is_in_the_pdf_in_order() {
    let seed = iro_seed();
    assert!(seed.len() > 1000, "only {} seed lines", seed.len());
    assert_reproduces(
        "IRO report PDF",
        &seed,
        &pdf_text_raw(&output(IRO_REPORT, "pdf")),
        "",
    );
}

#[test]
fn every_published_line_of_the_iro_report_is_in_the_docx_in_order() {
    let docx = output(IRO_REPORT, "docx");
    assert_reproduces(
        "IRO report DOCX",
        &iro_seed(),
        &docx_text(&docx),
        &docx_picture_descriptions(&docx),
    );
}

#[test]
fn every_published_line_of_the_terms_of_reference_is_in_both_formats() {
    let seed = terms_seed();
    assert!(seed.len() > 40);
    for (what, text) in [
        (
            "terms of reference PDF",
            pdf_text_raw(&output(TERMS_OF_REFERENCE, "pdf")),
        ),
        (
            "terms of reference DOCX",
            docx_text(&output(TERMS_OF_REFERENCE, "docx")),
        ),
    ] {
        let comparison = compare_in_order(&seed, &text);
        assert!(
            comparison.absent.is_empty() && comparison.out_of_order.is_empty(),
            "{what}: {comparison:?}"
        );
    }
}

#[test]
fn the_comparison_notices_a_lost_sentence_and_a_moved_one() {
    let seed = iro_seed();
    let text = pdf_text_raw(&output(IRO_REPORT, "pdf"));
    let baseline = compare_in_order(&seed, &text);
    let lost = text.replace("significant rise from", "rise from");
    let comparison = compare_in_order(&seed, &lost);
    assert_eq!(comparison.absent.len(), baseline.absent.len() + 1);
    assert!(
        comparison
            .absent
            .iter()
            .any(|line| line.contains("significant rise from")),
        "{comparison:?}"
    );
    // Move the summary's first sentence after everything else.
    let sentence = "2020/21 has been a challenging year for all social care staff";
    let moved = format!("{}\n{sentence}", text.replacen(sentence, "", 1));
    let comparison = compare_in_order(&seed, &moved);
    assert_eq!(comparison.absent.len(), baseline.absent.len() + 1);
    assert!(
        comparison
            .absent
            .iter()
            .any(|line| line.starts_with(sentence)),
        "{comparison:?}"
    );
}

/// A YAML file as JSON, for reading the content independently of the program.
fn yaml(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// A number as the tables print it: thousands separated, decimals as written.
fn printed_number(number: f64) -> String {
    if number.fract() != 0.0 {
        return number.to_string();
    }
    let digits = format!("{}", number.abs() as u64);
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if number < 0.0 {
        grouped.insert(0, '-');
    }
    grouped
}

#[test]
fn no_row_of_any_table_is_lost() {
    let figures = yaml(&format!("{MEETING}/iro/figures.yaml"));
    let tables = figures["tables"].as_object().unwrap();
    let report = yaml(&format!("{MEETING}/{IRO_REPORT}.yaml"));
    let mut printed_tables = Vec::new();
    let mut charted_tables = Vec::new();
    collect_table_uses(&report, &mut printed_tables, &mut charted_tables);
    let text = normalise(&pdf_text_raw(&output(IRO_REPORT, "pdf")));
    let mut rows_checked = 0;
    for (name, table) in tables {
        let rows = table["rows"].as_array().unwrap();
        assert!(!rows.is_empty(), "table {name} has no rows");
        // A table drawn only as a chart marks a row without a figure "no figure".
        let chart_only = !printed_tables.contains(name);
        assert!(
            !chart_only || charted_tables.contains(name),
            "table {name} is neither printed nor charted"
        );
        let mut labels = Vec::new();
        for row in rows {
            let cells = row.as_array().unwrap();
            let label = normalise(cells[0].as_str().unwrap());
            let shown: Vec<String> = cells[1..]
                .iter()
                .map(|cell| match cell {
                    serde_json::Value::Number(number) => printed_number(number.as_f64().unwrap()),
                    _ if chart_only => "no figure".to_string(),
                    other => normalise(other.as_str().unwrap()),
                })
                .collect();
            // The row is where its label is followed by its figures (a wrapped label may end
            // after them); the same words elsewhere (the contents, the narrative) do not count.
            let found = text.match_indices(label.as_str()).any(|(at, _)| {
                // A chart prints its values above or beside its labels, so look both ways.
                let from = if chart_only {
                    text.floor_char_boundary(at.saturating_sub(300))
                } else {
                    at
                };
                let to = text.floor_char_boundary(text.len().min(at + label.len() + 200));
                let window = &text[from..to];
                shown.iter().all(|figure| window.contains(figure.as_str()))
            });
            assert!(
                found,
                "table {name}: no row {label:?} with {shown:?} in the PDF"
            );
            labels.push(label);
            rows_checked += 1;
        }
        let comparison = compare_in_order(&labels, &text);
        assert!(
            comparison.absent.is_empty() && comparison.out_of_order.is_empty(),
            "table {name}: rows out of order: {comparison:?}"
        );
    }
    assert!(rows_checked > 60, "only {rows_checked} rows");

    // The action plans, read from the report: every theme or issue, action and outcome.
    let mut plans = Vec::new();
    collect_action_plans(&report, &mut plans);
    assert_eq!(plans.len(), 2, "the report has two action plans");
    let mut cells = Vec::new();
    for plan in &plans {
        for group in plan["groups"].as_array().unwrap() {
            cells.push(normalise(group["title"].as_str().unwrap()));
            for action in group["actions"].as_array().unwrap() {
                match action {
                    serde_json::Value::String(action) => cells.push(normalise(action)),
                    action => {
                        cells.push(normalise(action["action"].as_str().unwrap()));
                        if let Some(outcome) = action["outcome"].as_str() {
                            cells.push(normalise(outcome));
                        }
                    }
                }
            }
        }
    }
    assert!(cells.len() > 40, "only {} action plan cells", cells.len());
    let comparison = compare_in_order(&cells, &text);
    assert!(
        comparison.absent.is_empty() && comparison.out_of_order.is_empty(),
        "action plan cells: {comparison:?}"
    );
}

/// The figures tables a report prints (`table: name`) and draws (`chart: {table: name}`).
fn collect_table_uses(
    value: &serde_json::Value,
    printed: &mut Vec<String>,
    charted: &mut Vec<String>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("table", serde_json::Value::String(name)) => printed.push(name.clone()),
                    ("chart", chart) => {
                        charted.push(chart["table"].as_str().unwrap().to_string());
                    }
                    _ => collect_table_uses(value, printed, charted),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                collect_table_uses(item, printed, charted);
            }
        }
        _ => {}
    }
}

fn collect_action_plans(value: &serde_json::Value, plans: &mut Vec<serde_json::Value>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                if key == "action_plan" {
                    plans.push(value.clone());
                } else {
                    collect_action_plans(value, plans);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                collect_action_plans(item, plans);
            }
        }
        _ => {}
    }
}

/// The contents page's entries: (title as printed, page number).
fn contents_entries(pages: &[String]) -> Vec<(String, usize)> {
    let contents = pages
        .iter()
        .position(|page| page.lines().any(|line| line.trim() == "Content"))
        .expect("a contents page");
    let mut entries = Vec::new();
    // The contents may run onto a second page.
    for page in &pages[contents..=contents + 1] {
        for line in page.lines() {
            let Some((title, number)) = line.trim().rsplit_once(' ') else {
                continue;
            };
            let Ok(number) = number.parse::<usize>() else {
                continue;
            };
            if !title.ends_with(". .") && !title.ends_with("..") {
                continue;
            }
            let title = title.trim_end_matches(['.', ' ']).to_string();
            entries.push((title, number));
        }
    }
    entries
}

#[test]
fn the_contents_page_gives_each_section_its_real_page() {
    let pages = pdf_pages_raw(&output(IRO_REPORT, "pdf"));
    let entries = contents_entries(&pages);
    // Every numbered section and subsection of the content is listed.
    let report = yaml(&format!("{MEETING}/{IRO_REPORT}.yaml"));
    let sections = report["sections"].as_array().unwrap();
    let subsections: usize = sections
        .iter()
        .map(|section| section["subsections"].as_array().map_or(0, Vec::len))
        .sum();
    // The executive summary is listed too.
    assert_eq!(
        entries.len(),
        1 + sections.len() + subsections,
        "contents: {entries:?}"
    );
    assert!(
        entries
            .iter()
            .any(|(title, _)| title == "8. IRO Performance")
    );
    for (title, number) in &entries {
        let footer = format!("Page {number}");
        let page = pages
            .iter()
            .find(|page| page.lines().any(|line| line.trim() == footer))
            .unwrap_or_else(|| panic!("no page has the footer {footer:?}"));
        // The heading is on that page, at the start of a line (not the contents entry).
        let heading = normalise(title);
        assert!(
            page.lines().any(|line| {
                let line = normalise(line);
                line.starts_with(&heading) && !line.contains(". .")
            }),
            "{title:?} is not on page {number}:\n{page}"
        );
    }
}

#[test]
fn both_pdfs_declare_pdf_ua_with_a_title_and_language() {
    for stem in [IRO_REPORT, TERMS_OF_REFERENCE] {
        let pdf = output(stem, "pdf");
        let info = String::from_utf8(tool("pdfinfo", &[pdf.to_str().unwrap()]).stdout).unwrap();
        assert!(info.contains("Tagged:          yes"), "{stem}: {info}");
        assert_eq!(pdf_catalog(&pdf)["/Lang"], "u:en-GB");
        let xmp = pdf_xmp(&pdf);
        assert!(
            xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{stem}: no PDF/UA-1 claim"
        );
    }
}

#[test]
fn the_iro_report_has_its_title_page_summary_callouts_and_signature() {
    let pages = pdf_pages(&output(IRO_REPORT, "pdf"));
    let first = normalise(&pages[0]);
    for line in [
        "CHILDREN AND YOUNG PEOPLE’S SERVICES",
        "Independent Reviewing Service",
        "ANNUAL REPORT 2020-2021",
    ] {
        assert!(first.contains(&normalise(line)), "title page lacks {line}");
    }
    let text = normalise(&pages.join("\n"));
    for line in [
        "What’s working well?",
        "What are we worried about?",
        "Supervising SW",
        "Lee Durrant IRO Service Manager Rotherham MBC Children’s Services",
    ] {
        assert!(text.contains(&normalise(line)), "the report lacks {line:?}");
    }
}

#[test]
fn the_docx_has_heading_styles_alt_text_on_every_image_and_repeating_header_rows() {
    let docx = output(IRO_REPORT, "docx");
    let document = docx_document(&docx);
    for style in ["Heading1", "Heading2", "Heading3", "Quote"] {
        assert!(
            document.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
            "no {style} paragraph"
        );
    }
    // The charts (native Word charts) and the structure diagram (a picture) are each described.
    let pictures: Vec<&str> = document.split("<wp:docPr").skip(1).collect();
    assert_eq!(pictures.len(), 6, "four charts, two placement charts");
    for picture in &pictures {
        let tag = &picture[..picture.find('>').unwrap()];
        let description = tag
            .split("descr=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default();
        assert!(
            description.len() > 30,
            "a picture without a description: {tag}"
        );
    }
    // Every table repeats its header row on each page.
    let tables: Vec<&str> = document.split("<w:tbl>").skip(1).collect();
    assert!(tables.len() >= 10, "only {} tables", tables.len());
    for table in &tables {
        let first_row = &table[..table.find("</w:tr>").unwrap()];
        assert!(
            first_row.contains("<w:tblHeader"),
            "a table without a repeating header row: {}",
            &first_row[..first_row.len().min(300)]
        );
    }
}

#[test]
fn the_terms_of_reference_number_their_objectives_in_both_formats() {
    let pdf = normalise(&pdf_text_raw(&output(TERMS_OF_REFERENCE, "pdf")));
    assert!(pdf.contains("Objectives and Terms of Reference 1. Support Members and Officers"));
    assert!(pdf.contains("8. To ensure regular review"));
    let docx = output(TERMS_OF_REFERENCE, "docx");
    let document = docx_document(&docx);
    assert!(
        document.contains("<w:numPr>"),
        "objectives are not a Word list"
    );
    let headings: Vec<String> = docx_paragraphs(&docx)
        .into_iter()
        .filter(|paragraph| {
            ["Purpose", "Attendance and Governance", "Forward Plan"].contains(&paragraph.as_str())
        })
        .collect();
    assert_eq!(headings.len(), 3, "{headings:?}");
}

#[test]
fn an_action_plan_on_its_own_shows_owner_due_date_and_status_in_words() {
    // The plan the model snapshots show too.
    let plan =
        std::fs::read_to_string(root().join("tests/fixtures/content/action-plan.yaml")).unwrap();
    let (_work, out) = build_paper("plan.yaml", &plan);
    let pdf = normalise(&pdf_text_raw(&out.join("plan.pdf")));
    for text in [
        "Corporate Parenting Action Plan 2022-23",
        "Key Actions for 2022/23",
        "Status",
        "Dental checks discussed at every review",
        "IRO Service Manager",
        "30/09/2022",
        "In progress",
        "Complete",
        "New consultation form launched",
    ] {
        assert!(pdf.contains(&normalise(text)), "PDF lacks {text:?}:\n{pdf}");
    }
    let docx = docx_paragraphs(&out.join("plan.docx")).join("\n");
    for text in ["In progress", "Complete", "30/09/2022", "92% in time"] {
        assert!(docx.contains(text), "DOCX lacks {text:?}");
    }
}

/// A chart may draw any column of a figures table, the share column too: it draws the figures
/// themselves (1,234 is 1234, 61.7% is 61.7), never the printed text read back.
#[test]
fn a_chart_of_any_column_draws_the_figures() {
    let work = tempfile::tempdir().unwrap();
    write_files(
        work.path(),
        &[
            (
                "figures.yaml",
                "kind: figures\nas_at: 2021-03\ntables:\n  placements:\n    columns: [Placement, Children, Note]\n\
                 \x20   rows:\n      - [Foster care, 1234, a]\n      - [Residential, 766, b]\n\
                 \x20   percent: \"%\"\n",
            ),
            (
                "report.yaml",
                "kind: long-report\nfigures: figures.yaml\ntitle: A report\nsections:\n\
                 \x20 - title: Placements\n    body:\n\
                 \x20     - chart: {table: placements, kind: bar, title: Children, column: 1}\n\
                 \x20     - chart: {table: placements, kind: bar, title: Share, column: 3, unit: percent}\n",
            ),
        ],
    );
    let root = papers::input::ContentRoot::new(work.path()).unwrap();
    let (loaded, _) = papers::build::load(
        &[work.path().join("report.yaml")],
        &root,
        &Default::default(),
    )
    .unwrap_or_else(|failure| panic!("{failure:?}"));
    let model = serde_json::to_value(&loaded.papers[0].document).unwrap();
    let charts: Vec<&serde_json::Value> = model["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|block| block["kind"] == "chart")
        .collect();
    assert_eq!(charts.len(), 2, "{model:#}");
    let values = |chart: &serde_json::Value| chart["series"][0]["values"].clone();
    assert_eq!(values(charts[0]), serde_json::json!([1234.0, 766.0]));
    assert_eq!(values(charts[1]), serde_json::json!([61.7, 38.3]));
}
