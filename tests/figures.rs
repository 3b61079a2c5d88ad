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

/// A budget table by scheme: typed row totals, a share of each row's budget and of a named
/// total; with a cover report using rates and percentages of two figures, and an appendix
/// printing the table.
const BUDGET_FIGURES: &str = "kind: figures
as_at: 2026-01
values:
  programme: {budget: 40000, last_year: 50000, residents: 250000}
computed:
  spent_share: \"percent_of(schemes.totals['Spent'], schemes.totals['Budget'])\"
  budget_change: percent_change(programme.last_year, programme.budget)
tables:
  schemes:
    columns: [Scheme, Budget, Spent, Total]
    rows:
      - [Schools, 12000, 9000, 21000]
      - [Roads, 8000, 2000, 10000]
    total: All schemes
    row_total: {heading: Total, of: [Budget, Spent]}
    shares:
      - {heading: \"% spent\", column: Spent, of_row: Budget}
      - {heading: \"% of programme\", column: Budget, of_figure: programme.budget}
";

const BUDGET_COVER: &str = "kind: cover-report
title: Capital Budget
committee: Corporate Parenting Panel
figures: figures.yaml
sections:
  background:
    - >-
      Schemes have spent {{ spent_share | percent }} of their budgets, and Roads
      {{ schemes.column['% spent']['Roads'] | percent }}; the programme is
      {{ budget_change | signed_percent }} on last year, or
      £{{ rate_per(programme.budget * 1000, programme.residents, per=1) | number(2) }} a
      resident; Schools are {{ percent_of(12000, programme.budget) | percent }} of it, up
      {{ percentage_points(25, 30) | points }}.
  key_issues: [Key issues.]
  options: [Options.]
  risks: [Risks.]
accountable_officers:
  - name: Ann Example
";

const BUDGET_APPENDIX: &str = "kind: long-report
figures: figures.yaml
title: Capital Schemes
sections:
  - title: Schemes
    body:
      - table: schemes
";

fn budget_project(figures: &str) -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    write_files(
        work.path(),
        &[
            ("figures.yaml", figures),
            ("cover.yaml", BUDGET_COVER),
            ("appendix.yaml", BUDGET_APPENDIX),
        ],
    );
    work
}

const BUDGET_SENTENCE: &str = "Schemes have spent 55.0% of their budgets, and Roads 25.0%; the programme is -20.0% on last year, or £160.00 a resident; Schools are 30.0% of it, up 5.0 percentage points.";

#[test]
fn shares_rates_and_row_totals_print_in_pdf_and_docx() {
    let work = budget_project(BUDGET_FIGURES);
    let out = build(work.path());

    let cover_pdf = normalise(&pdf_text_raw(&out.join("cover.pdf")));
    let cover_docx = normalise(&docx_paragraphs(&out.join("cover.docx")).join("\n"));
    for text in [&cover_pdf, &cover_docx] {
        assert!(text.contains(&normalise(BUDGET_SENTENCE)), "{text}");
    }

    // The table: typed columns, then the shares; the total row's shares are of its totals.
    let rows = [
        "Schools 12,000 9,000 21,000 75.0% 30.0%",
        "Roads 8,000 2,000 10,000 25.0% 20.0%",
        "All schemes 20,000 11,000 31,000 55.0% 50.0%",
    ];
    let appendix_pdf = normalise(&pdf_text_layout(&out.join("appendix.pdf")));
    for row in rows {
        assert!(appendix_pdf.contains(row), "{row} in {appendix_pdf}");
    }
    let appendix_docx = docx_paragraphs(&out.join("appendix.docx")).join(" ");
    assert!(
        appendix_docx.contains("Scheme Budget Spent Total % spent % of programme"),
        "{appendix_docx}"
    );
    for row in rows {
        assert!(appendix_docx.contains(row), "{row} in {appendix_docx}");
    }
}

#[test]
fn shares_and_rates_print_in_the_house_styles_numbers() {
    let style = tempfile::tempdir().unwrap();
    let mut text =
        std::fs::read_to_string(root().join("report_templates/rotherham/style.yaml")).unwrap();
    for (old, new) in [
        ("  thousands: \",\"\n", "  thousands: \" \"\n"),
        ("  decimal: \".\"\n", "  decimal: \",\"\n"),
        (
            "  percent: \"{number}%\"\n",
            "  percent: \"{number} per cent\"\n",
        ),
    ] {
        assert!(text.contains(old), "{old}");
        text = text.replace(old, new);
    }
    std::fs::write(style.path().join("style.yaml"), text).unwrap();
    let work = budget_project(BUDGET_FIGURES);
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        work.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    let cover = normalise(&pdf_text_raw(&out.join("cover.pdf")));
    assert!(
        cover.contains("Schemes have spent 55,0 per cent of their budgets"),
        "{cover}"
    );
    assert!(cover.contains("£160,00 a resident"), "{cover}");
    let appendix = docx_paragraphs(&out.join("appendix.docx")).join("|");
    assert!(
        appendix.contains("Schools|12 000|9 000|21 000|75,0 per cent|30,0 per cent"),
        "{appendix}"
    );
    let appendix_pdf = normalise(&pdf_text_layout(&out.join("appendix.pdf")));
    assert!(
        appendix_pdf.contains("Schools 12 000 9 000 21 000 75,0 per 30,0 per"),
        "{appendix_pdf}"
    );
}

#[test]
fn a_row_total_that_does_not_add_up_fails_check_at_its_row() {
    let work = budget_project(
        &BUDGET_FIGURES.replace("[Roads, 8000, 2000, 10000]", "[Roads, 8000, 2000, 11000]"),
    );
    check_fails_at(
        work.path(),
        "figures.yaml",
        13,
        9,
        "the row `Roads` of `schemes` has a Total of 11,000, but its parts add up to 10,000",
    );
}

#[test]
fn a_share_of_an_unknown_name_or_of_zero_fails_check_at_its_place() {
    let work = budget_project(&BUDGET_FIGURES.replace("of_row: Budget}", "of_row: Budgets}"));
    check_fails_at(
        work.path(),
        "figures.yaml",
        17,
        53,
        "the share `% spent` is of the row's `Budgets`, which is not a column of `schemes`",
    );
    let output = papers(&["check", work.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("expected: one of `Budget`, `Spent`, `Total`"),
        "{stderr}"
    );

    let zero = budget_project(&BUDGET_FIGURES.replace("budget: 40000,", "budget: 0,"));
    check_fails_at(
        zero.path(),
        "figures.yaml",
        18,
        64,
        "the share `% of programme` of `schemes` divides by zero: `programme.budget` is 0",
    );
}

#[test]
fn a_rate_of_zero_in_narrative_fails_check_at_its_place() {
    let work = budget_project(BUDGET_FIGURES);
    edit_file(
        &work.path().join("cover.yaml"),
        "programme.residents, per=1)",
        "0, per=1)",
    );
    check_fails_at(
        work.path(),
        "cover.yaml",
        11,
        11,
        "the population of rate_per is 0",
    );
    let output = papers(&["check", work.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("hint: a share or rate of nothing has no value"),
        "{stderr}"
    );
}
