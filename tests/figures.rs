//! Figures: problems in data files and in narrative are reported at their place, and a changed
//! value flows into every table cell, total, rating, chart and sentence that uses it.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const FIGURES: &str = "kind: figures
as_at: 2021-12
series: values.csv
populations:
  children: {2021/22: 57457}
indicators:
  - ref: \"3.1\"
    key: lac
    title: No. of looked after children
    unit: count
    polarity: info
  - ref: \"3.2\"
    key: lac_rate
    title: Rate of looked after children per 10,000 population aged 0-17
    unit: rate
    polarity: low
    rate: {of: \"3.1\", population: children}
    benchmarks: {sn_average: 99.4, national: 67.0}
  - ref: \"3.19\"
    key: approvals
    title: No. of placements created for children via foster care (approvals)
    unit: count
    polarity: high
    ytd: sum
    target: {green: 2, amber: 1}
computed:
  approvals_q3_change: approvals.q3 - approvals.q2
";

const VALUES: &str =
    "ref,2021-04,2021-05,2021-06,2021-07,2021-08,2021-09,2021-10,2021-11,2021-12,ytd
3.1,580,579,575,570,569,568,567,564,574,
3.19,1,2,1,0,2,1,1,1,2,
";

const COVER: &str = "kind: cover-report
title: Foster Carer Approvals
committee: Corporate Parenting Panel
figures: figures.yaml
sections:
  background:
    - >-
      In December {{ approvals.dec_21 }} fostering households were approved, making
      {{ approvals.ytd }} this year to date ({{ approvals_q3_change | signed }} on the previous
      quarter); the rating is {{ approvals.rag }} and performance {{ approvals.dot }}.
    - Looked after children numbered {{ lac.dec_21 }}, a rate of {{ lac_rate.dec_21 | number(1) }}.
  key_issues: [Key issues.]
  options: [Options.]
  risks: [Risks.]
accountable_officers:
  - name: Ann Example
";

const REPORT: &str = "kind: performance-report
figures: figures.yaml
title: Performance Report
period: December 2021 (Qtr 3)
summary_title: Performance Summary
sections:
  - title: FOSTERING
    indicators: [\"3.1\", \"3.2\", \"3.19\"]
pages:
  - title: Fostering
    headlines: [\"{{ approvals.ytd }} placements created via foster carer approvals (ytd)\"]
    charts:
      - kind: bar
        indicator: \"3.19\"
      - kind: line
        indicator: \"3.2\"
";

/// A folder holding the figures, values, a cover report and a performance report.
fn project(values: &str, cover: &str) -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    write_files(
        work.path(),
        &[
            ("figures.yaml", FIGURES),
            ("values.csv", values),
            ("cover.yaml", cover),
            ("report.yaml", REPORT),
        ],
    );
    work
}

fn build(folder: &Path) -> PathBuf {
    let out = folder.join("out");
    build_to(folder, &out);
    out
}

fn check_fails_at(folder: &Path, file: &str, line: usize, column: usize, message: &str) {
    let output = papers(&["check", folder.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let place = format!("--> {}:{line}:{column}\n", folder.join(file).display());
    assert!(stderr.contains(&place), "expected {place} in:\n{stderr}");
    assert!(
        stderr.contains(message),
        "expected {message:?} in:\n{stderr}"
    );
}

#[test]
fn a_wrong_declared_total_fails_check_at_its_cell() {
    let right = project(&VALUES.replace(",1,1,1,2,\n", ",1,1,1,2,11\n"), COVER);
    let output = papers(&["check", right.path().to_str().unwrap()]);
    assert!(output.status.success(), "a right declared total passes");
    let work = project(&VALUES.replace(",1,1,1,2,\n", ",1,1,1,2,12\n"), COVER);
    check_fails_at(
        work.path(),
        "values.csv",
        3,
        24,
        "the declared year to date 12 does not equal the total of its months, 11",
    );
}

#[test]
fn a_malformed_csv_row_fails_check_at_its_line() {
    let work = project(&VALUES.replace("3.1,580,579,", "3.1,580,57x9,"), COVER);
    check_fails_at(work.path(), "values.csv", 2, 9, "`57x9` is not a number");
    let short = project(
        &VALUES.replace("3.19,1,2,1,0,2,1,1,1,2,", "3.19,1,2"),
        COVER,
    );
    check_fails_at(
        short.path(),
        "values.csv",
        3,
        1,
        "this row has 3 fields but the header has 11",
    );
}

#[test]
fn an_undefined_name_or_filter_fails_check_at_its_place() {
    let work = project(
        VALUES,
        &COVER.replace("{{ approvals.ytd }}", "{{ aprovals.ytd }}"),
    );
    check_fails_at(work.path(), "cover.yaml", 9, 10, "`aprovals` is undefined");
    let filter = project(VALUES, &COVER.replace("| number(1)", "| numbr(1)"));
    check_fails_at(
        filter.path(),
        "cover.yaml",
        11,
        87,
        "filter numbr is unknown",
    );
}

/// Everything printed about approvals in December, from PDF, DOCX and the chart's alt text.
struct Printed {
    pdf: String,
    docx: String,
    alt: String,
}

fn printed(out: &Path) -> Printed {
    let pdf = normalise(&format!(
        "{}\n{}",
        pdf_text_raw(&out.join("cover.pdf")),
        pdf_text_raw(&out.join("report.pdf"))
    ));
    let docx = format!(
        "{}\n{}",
        docx_paragraphs(&out.join("cover.docx")).join("\n"),
        docx_paragraphs(&out.join("report.docx")).join("\n")
    );
    let document = docx_document(&out.join("report.docx"));
    let alt = unescape_xml(
        document
            .split("descr=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default(),
    );
    Printed {
        pdf,
        docx: normalise(&docx),
        alt,
    }
}

/// The text of the approvals row in the PDF table (its line starts with the reference).
fn approvals_row(pdf_text: &str) -> String {
    pdf_text
        .split("3.19 ")
        .nth(1)
        .map(|row| row.chars().take(200).collect())
        .unwrap_or_default()
}

#[test]
fn changing_one_months_value_changes_everything_that_uses_it() {
    let before = project(VALUES, COVER);
    // One cell: December's approvals, 2 → 0.
    let after = project(&VALUES.replace(",1,1,1,2,\n", ",1,1,1,0,\n"), COVER);
    let (old, new) = (
        printed(&build(before.path())),
        printed(&build(after.path())),
    );

    // The sentence, in the PDF and in the DOCX.
    for (text, expected) in [
        (
            &old.pdf,
            "In December 2 fostering households were approved, making 11 this year to date (+1 on the previous quarter); the rating is Green and performance improved.",
        ),
        (
            &new.pdf,
            "In December 0 fostering households were approved, making 9 this year to date (1 on the previous quarter); the rating is Red and performance declined.",
        ),
        (
            &old.docx,
            "In December 2 fostering households were approved, making 11 this year to date (+1 on the previous quarter); the rating is Green and performance improved.",
        ),
        (
            &new.docx,
            "In December 0 fostering households were approved, making 9 this year to date (1 on the previous quarter); the rating is Red and performance declined.",
        ),
    ] {
        assert!(
            text.contains(&normalise(expected)),
            "missing {expected:?} in {text}"
        );
    }

    // The table row: December's cell, the year to date, direction of travel and RAG.
    let (old_row, new_row) = (approvals_row(&old.pdf), approvals_row(&new.pdf));
    assert!(
        old_row.contains("1 1 1 2 11 high ↑ improved Green"),
        "{old_row}"
    );
    assert!(
        new_row.contains("1 1 1 0 9 high ↓ declined Red"),
        "{new_row}"
    );
    for (docx, expected) in [(&old.docx, "Green"), (&new.docx, "Red")] {
        let row = approvals_row(docx);
        assert!(row.contains(expected), "{row}");
    }

    // The chart's text alternative.
    assert!(old.alt.contains("to 2 in December 2021"), "{}", old.alt);
    assert!(new.alt.contains("to 0 in December 2021"), "{}", new.alt);
    let old_pdf_alt = pdf_alt_texts(&before.path().join("out/report.pdf"));
    let new_pdf_alt = pdf_alt_texts(&after.path().join("out/report.pdf"));
    assert!(
        old_pdf_alt
            .iter()
            .any(|alt| alt.contains("to 2 in December 2021")),
        "{old_pdf_alt:?}"
    );
    assert!(
        new_pdf_alt
            .iter()
            .any(|alt| alt.contains("to 0 in December 2021")),
        "{new_pdf_alt:?}"
    );
}

/// The /Alt entries of a PDF's structure tree, decoded.
fn pdf_alt_texts(pdf: &Path) -> Vec<String> {
    let json = pdf_json(pdf, "qpdf");
    let objects = json["qpdf"][1].as_object().unwrap();
    objects
        .values()
        .filter_map(|object| object["value"]["/Alt"].as_str())
        .map(|alt| alt.trim_start_matches("u:").to_string())
        .collect()
}

#[test]
fn reports_with_charts_still_export_as_pdf_ua() {
    let work = project(VALUES, COVER);
    let out = build(work.path());
    let xmp = pdf_xmp(&out.join("report.pdf"));
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert_eq!(
        pdf_alt_texts(&out.join("report.pdf")).len(),
        2,
        "one alt text per chart"
    );
}
