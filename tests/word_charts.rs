//! Charts in Word files are native charts: their values, labels and names are the model's (the
//! numbers the PDF prints), each is described by its text alternative, an edited value shows in a
//! reader's rendering, and the strict OOXML check finds no fault in their parts.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use papers::model::{Chart, Document};

const PERFORMANCE_REPORT: &str =
    "content/corporate-parenting-panel/2022-05-13/07-performance-data-report.yaml";
const IRO_REPORT: &str = "content/corporate-parenting-panel/2022-05-13/06-iro-annual-report.yaml";

/// The lowered model of the one paper at `path` in the example content, as `papers build` has it.
fn model(path: &str) -> Document {
    let root = papers::input::ContentRoot::new(Path::new("content")).unwrap();
    let (loaded, _) = papers::build::load(&[PathBuf::from(path)], &root, &Default::default())
        .unwrap_or_else(|_| panic!("{path} does not load"));
    loaded.papers[0].document.clone()
}

/// The Word file of `document`, as the build writes it.
fn docx(document: &Document) -> Vec<u8> {
    papers::build::Session::default()
        .write_docx(document)
        .unwrap_or_else(|problems| panic!("the DOCX writer failed: {problems:?}"))
}

/// The charts of a document in document order, at any depth.
fn charts(document: &Document) -> Vec<Chart> {
    fn walk(value: &serde_json::Value, found: &mut Vec<Chart>) {
        match value {
            serde_json::Value::Object(object) => {
                if object.get("kind").and_then(|kind| kind.as_str()) == Some("chart") {
                    found.push(serde_json::from_value(value.clone()).unwrap());
                    return;
                }
                object.values().for_each(|child| walk(child, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| walk(item, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(&serde_json::to_value(document).unwrap(), &mut found);
    found
}

/// The text between each `open` and the next `close` in `xml`.
fn between<'a>(xml: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    xml.split(open)
        .skip(1)
        .filter_map(|rest| rest.split(close).next())
        .collect()
}

/// A cached series as a chart part holds it: its name, categories, and values by point.
#[derive(Debug)]
struct CachedSeries {
    name: String,
    categories: Vec<String>,
    values: Vec<(usize, f64)>,
}

fn cached_series(chart_part: &str) -> Vec<CachedSeries> {
    between(chart_part, "<c:ser>", "</c:ser>")
        .into_iter()
        .map(|series| {
            let name = between(series, "<c:tx>", "</c:tx>")[0];
            let points = |part: &str| -> Vec<(usize, String)> {
                between(part, "<c:pt idx=\"", "</c:pt>")
                    .into_iter()
                    .map(|point| {
                        let (index, rest) = point.split_once('"').unwrap();
                        let value = between(rest, "<c:v>", "</c:v>")[0];
                        (index.parse().unwrap(), unescape_xml(value))
                    })
                    .collect()
            };
            CachedSeries {
                name: unescape_xml(between(name, "<c:v>", "</c:v>")[0]),
                categories: points(between(series, "<c:cat>", "</c:cat>")[0])
                    .into_iter()
                    .map(|(_, label)| label)
                    .collect(),
                values: points(between(series, "<c:val>", "</c:val>")[0])
                    .into_iter()
                    .map(|(index, value)| (index, value.parse().unwrap()))
                    .collect(),
            }
        })
        .collect()
}

/// The description (`descr`) of the drawing that shows the `number`th chart.
fn chart_description(document_part: &str, number: usize) -> String {
    let relationship = format!("r:id=\"rIdChart{number}\"");
    let inline = between(document_part, "<wp:inline", "</wp:inline>")
        .into_iter()
        .find(|inline| inline.contains(&relationship))
        .unwrap_or_else(|| panic!("no drawing shows chart {number}"));
    unescape_xml(between(inline, "descr=\"", "\"")[0])
}

#[test]
fn the_performance_reports_charts_are_native_with_the_figures_the_pdf_prints() {
    let document = model(PERFORMANCE_REPORT);
    let charts = charts(&document);
    assert!(charts.len() >= 10, "only {} charts", charts.len());
    let package = docx(&document);
    let body = docx_part_of(&package, "word/document.xml").unwrap();
    let relationships = docx_part_of(&package, "word/_rels/document.xml.rels").unwrap();
    let content_types = docx_part_of(&package, "[Content_Types].xml").unwrap();
    for (index, chart) in charts.iter().enumerate() {
        let number = index + 1;
        let name = format!("word/charts/chart{number}.xml");
        let part = docx_part_of(&package, &name).unwrap_or_else(|| panic!("no {name}"));
        assert!(
            relationships.contains(&format!(
                r#"Id="rIdChart{number}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart{number}.xml""#
            )),
            "{relationships}"
        );
        assert!(content_types.contains(&format!(
            r#"<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml" />"#
        )));
        assert_eq!(chart_description(&body, number), chart.alt);
        let title = between(&part, "<c:title>", "</c:title>")[0];
        assert_eq!(
            unescape_xml(between(title, "<a:t>", "</a:t>")[0]),
            chart.title
        );
        let cached = cached_series(&part);
        assert_eq!(
            cached.len(),
            chart.series.len() + chart.references.len(),
            "{name}"
        );
        for (series, cache) in chart.series.iter().zip(&cached) {
            assert_eq!(cache.name, series.name, "{name}");
            assert_eq!(cache.categories, chart.labels, "{name}");
            let known: Vec<(usize, f64)> = series
                .values
                .iter()
                .enumerate()
                .filter_map(|(point, value)| value.map(|value| (point, value)))
                .collect();
            assert_eq!(cache.values, known, "{name}: {}", series.name);
        }
        // Reference lines are flat series named as the legend names them.
        for (reference, cache) in chart.references.iter().zip(&cached[chart.series.len()..]) {
            assert_eq!(cache.name, reference.name, "{name}");
            assert_eq!(cache.values.len(), chart.labels.len());
            assert!(
                cache
                    .values
                    .iter()
                    .all(|(_, value)| *value == reference.value)
            );
        }
        // Its workbook, for Word's "Edit Data", is linked from the chart.
        let chart_relationships = docx_part_of(
            &package,
            &format!("word/charts/_rels/chart{number}.xml.rels"),
        )
        .unwrap();
        assert!(chart_relationships.contains(&format!(
            r#"Target="../embeddings/Microsoft_Excel_Worksheet{number}.xlsx""#
        )));
        assert!(part.contains(r#"<c:externalData r:id="rId1">"#));
    }
    let next = format!("word/charts/chart{}.xml", charts.len() + 1);
    assert!(docx_part_of(&package, &next).is_none());
    // No chart is a picture any more.
    let archive = zip::ZipArchive::new(std::io::Cursor::new(&package)).unwrap();
    assert!(
        !archive
            .file_names()
            .any(|name| name.starts_with("word/media/")),
        "{:?}",
        archive.file_names().collect::<Vec<_>>()
    );
}

#[test]
fn a_charts_workbook_holds_the_values_it_caches() {
    let document = model(IRO_REPORT);
    let chart = &charts(&document)[0];
    let package = docx(&document);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&package)).unwrap();
    let mut workbook = Vec::new();
    std::io::Read::read_to_end(
        &mut archive
            .by_name("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")
            .unwrap(),
        &mut workbook,
    )
    .unwrap();
    let sheet = docx_part_of(&workbook, "xl/worksheets/sheet1.xml").unwrap();
    let content_types = docx_part_of(&workbook, "[Content_Types].xml").unwrap();
    assert!(
        content_types.contains("/xl/workbook.xml"),
        "{content_types}"
    );
    assert!(sheet.contains(&format!(
        r#"<c r="B1" t="inlineStr"><is><t>{}</t></is></c>"#,
        papers::escape::xml_text(&chart.series[0].name)
    )));
    for (point, value) in chart.series[0].values.iter().enumerate() {
        let row = point + 2;
        if let Some(value) = value {
            assert!(
                sheet.contains(&format!(
                    r#"<c r="B{row}"><v>{}</v></c>"#,
                    papers::format::plain(*value)
                )),
                "{sheet}"
            );
        }
    }
}

/// `docx` with its part `name` passed through `edit`, zipped again.
fn with_part_edited(docx: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut written = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        let part_name = part.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
        if part_name == name {
            bytes = edit(&String::from_utf8(bytes).unwrap()).into_bytes();
        }
        written
            .start_file(part_name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut written, &bytes).unwrap();
    }
    written.finish().unwrap().into_inner()
}

/// A value edited in the chart part is what a reader draws and labels: the labels are Word's
/// own, printed from the values in the house format, not pictures or text of the old values.
#[test]
fn an_edited_chart_value_shows_in_libreoffice() {
    let document = model(IRO_REPORT);
    let chart = &charts(&document)[0];
    let style = papers::style::HouseStyle::built_in();
    let edited_value = 47.6;
    let label = papers::format::chart_value(edited_value, chart.numbers, &style.numbers);
    let package = docx(&document);
    let work = tempfile::tempdir().unwrap();
    let original = work.path().join("original.docx");
    std::fs::write(&original, &package).unwrap();
    let first = chart.series[0]
        .values
        .iter()
        .position(Option::is_some)
        .unwrap();
    let old_point = format!(
        r#"<c:pt idx="{first}"><c:v>{}</c:v></c:pt>"#,
        papers::format::plain(chart.series[0].values[first].unwrap())
    );
    let new_point = format!(r#"<c:pt idx="{first}"><c:v>{edited_value}</c:v></c:pt>"#);
    let edited = with_part_edited(&package, "word/charts/chart1.xml", |part| {
        // The first value cache is the first series'.
        let (before, after) = part.split_at(part.find("<c:numCache>").unwrap());
        assert!(after.contains(&old_point), "{after}");
        format!("{before}{}", after.replacen(&old_point, &new_point, 1))
    });
    let edited_path = work.path().join("edited.docx");
    std::fs::write(&edited_path, edited).unwrap();
    let rendered = |docx: &Path| {
        let out = work.path().join(docx.file_stem().unwrap());
        std::fs::create_dir_all(&out).unwrap();
        normalise(&pdf_text_raw(&docx_to_pdf(docx, &out)))
    };
    let before = rendered(&original);
    assert!(!before.contains(&label), "{label} printed before the edit");
    let after = rendered(&edited_path);
    assert!(
        after.contains(&label),
        "the edited value {label} is not drawn"
    );
    // The reader draws the chart whole: its title and every category's label.
    for text in std::iter::once(&chart.title).chain(&chart.labels) {
        assert!(
            after.contains(&normalise(text)),
            "LibreOffice lacks {text:?}"
        );
    }
}

/// The strict OOXML check's errors in the chart parts of a package (other parts are another
/// matter).
fn chart_part_errors(docx: &Path) -> String {
    python(
        r#"
import json, subprocess, sys
run = subprocess.run(["openxml-audit", "-o", "json", "-m", "0", sys.argv[1]], capture_output=True, text=True)
report = json.loads(run.stdout)
for file in report:
    for error in file["errors"]:
        if error["part_uri"].startswith("/word/charts/"):
            print(error)
"#,
        &[docx.to_str().unwrap()],
    )
}

#[test]
fn the_strict_check_finds_no_fault_in_the_chart_parts() {
    let work = tempfile::tempdir().unwrap();
    let documents = [
        ("performance", model(PERFORMANCE_REPORT)),
        ("iro", model(IRO_REPORT)),
        ("fixture", model_fixture("charts")),
    ];
    for (name, document) in documents {
        let path = work.path().join(format!("{name}.docx"));
        std::fs::write(&path, docx(&document)).unwrap();
        let errors = chart_part_errors(&path);
        assert!(errors.trim().is_empty(), "{name}:\n{errors}");
    }
    // The check reads chart parts: one written out of order is an error.
    let broken = with_part_edited(
        &std::fs::read(work.path().join("fixture.docx")).unwrap(),
        "word/charts/chart1.xml",
        |part| {
            part.replacen(r#"<c:autoTitleDeleted val="0" />"#, "", 1)
                .replacen(
                    r#"<c:plotVisOnly val="1" />"#,
                    r#"<c:plotVisOnly val="1" /><c:autoTitleDeleted val="0" />"#,
                    1,
                )
        },
    );
    let path = work.path().join("broken.docx");
    std::fs::write(&path, broken).unwrap();
    assert!(chart_part_errors(&path).contains("autoTitleDeleted"));
}
