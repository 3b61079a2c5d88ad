//! Figures straight from a workbook: `series:` and a table's `rows_from:` naming an `.xlsx`
//! sheet and range give the same papers as the CSV they replace, each formula's saved result is
//! read, and a bad cell is reported at its sheet and cell.

mod common;

use std::path::{Path, PathBuf};

use common::workbook::{XlsxCell, XlsxSheet, workbook_from_csv, xlsx};
use common::{copy_example_folder, edit_file, papers, root};

const EXAMPLE_VALUES: &str = "corporate-parenting-panel/2022-05-13/performance/values.csv";
const EXAMPLE_WORKBOOK: &str = "corporate-parenting-panel/2022-05-13/performance/values.xlsx";

#[test]
fn the_example_workbook_holds_the_example_values() {
    let csv = std::fs::read_to_string(root().join("content").join(EXAMPLE_VALUES)).unwrap();
    let made = workbook_from_csv(&csv, "Values");
    let committed = root().join("content").join(EXAMPLE_WORKBOOK);
    if std::env::var_os("WRITE_EXAMPLE_WORKBOOK").is_some() {
        std::fs::write(&committed, &made).unwrap();
    }
    assert!(
        std::fs::read(&committed).unwrap() == made,
        "{} differs from values.csv; rewrite it with WRITE_EXAMPLE_WORKBOOK=1 cargo test --test workbooks",
        committed.display()
    );
}

/// The example meeting built into `out` from a copy in `work`, after `change` to its copy.
fn build_example(work: &Path, out: &Path, change: impl FnOnce(&Path)) -> Vec<(PathBuf, Vec<u8>)> {
    let committee = copy_example_folder("corporate-parenting-panel", work);
    let meeting = committee.join("2022-05-13");
    change(&meeting.join("performance"));
    let output = papers(&[
        "build",
        meeting.to_str().unwrap(),
        "--root",
        work.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    common::files_under(out)
        .into_iter()
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".pdf") || name.ends_with(".docx") || name.ends_with(".html")
        })
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path.strip_prefix(out).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

#[test]
fn the_example_meeting_from_a_workbook_is_byte_identical_to_its_csv() {
    let work = tempfile::tempdir().unwrap();
    let from_csv = build_example(
        &work.path().join("csv"),
        &work.path().join("out-csv"),
        |_| {},
    );
    assert!(from_csv.len() >= 10, "{from_csv:?}");
    // The example's own .xlsx, and the same saved by LibreOffice Calc as .ods (its
    // percentages are percentage cells there too).
    let ods = root().join("tests/fixtures/workbooks/example-values.ods");
    for (series, copy) in [
        ("values.xlsx#Values!A1:I31", None),
        ("values.ods#Values!A1:I31", Some(ods)),
    ] {
        let name = series.split('#').next().unwrap();
        let from_workbook = build_example(
            &work.path().join(name),
            &work.path().join(format!("out-{name}")),
            |performance| {
                if let Some(copy) = &copy {
                    std::fs::copy(copy, performance.join(name)).unwrap();
                }
                edit_file(
                    &performance.join("figures.yaml"),
                    "series: values.csv",
                    &format!("series: {series}"),
                );
                std::fs::remove_file(performance.join("values.csv")).unwrap();
            },
        );
        let names =
            |files: &[(PathBuf, Vec<u8>)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(names(&from_workbook), names(&from_csv), "{series}");
        for ((path, csv_bytes), (_, workbook_bytes)) in from_csv.iter().zip(&from_workbook) {
            assert!(
                csv_bytes == workbook_bytes,
                "{series}: {} differs",
                path.display()
            );
        }
    }
}

/// A figures file reading `values.xlsx` (written from `sheets`), and a short paper printing
/// `text` with its figures, in a new folder.
fn paper_with_workbook(series: &str, sheets: &[XlsxSheet], text: &str) -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path();
    std::fs::write(folder.join("values.xlsx"), xlsx(sheets)).unwrap();
    std::fs::write(
        folder.join("figures.yaml"),
        format!(
            "kind: figures\nas_at: 2021-12\nseries: {series}\nindicators:\n  - ref: \"3.1\"\n    key: lac\n    title: Looked after children\n    unit: count\n    polarity: info\n  - ref: \"3.4\"\n    key: plans\n    title: Plans\n    unit: percent\n    polarity: high\n"
        ),
    )
    .unwrap();
    std::fs::write(
        folder.join("paper.yaml"),
        format!("kind: short-paper\ntitle: Figures\nfigures: figures.yaml\nbody: |\n  {text}\n"),
    )
    .unwrap();
    work
}

fn text(value: &str) -> XlsxCell {
    XlsxCell::Text(value.to_string())
}

fn values_sheet(rows: Vec<Vec<XlsxCell>>) -> Vec<XlsxSheet> {
    vec![XlsxSheet {
        name: "Values".into(),
        rows,
    }]
}

#[test]
fn saved_formula_results_and_percentages_are_read_as_the_sheet_shows_them() {
    let header = vec![
        text("ref"),
        XlsxCell::Month(44501.0), // 1 November 2021
        XlsxCell::Month(44531.0), // 1 December 2021
    ];
    let sheets = values_sheet(vec![
        header,
        vec![
            text("3.1"),
            XlsxCell::Number(564.0),
            XlsxCell::Formula("B2+10".into(), Some(574.0)),
        ],
        vec![
            text("3.4"),
            XlsxCell::Percent(0.941),
            XlsxCell::Percent(0.913),
        ],
    ]);
    let work = paper_with_workbook(
        "values.xlsx#Values!A1:C3",
        &sheets,
        "{{ lac.latest }} children; plans {{ plans.latest | percent }} after {{ plans.nov_21 | percent }}.",
    );
    let out = work.path().join("out");
    common::build_to(&work.path().join("paper.yaml"), &out);
    let pdf = common::pdf_text(&out.join("paper.pdf"));
    let words = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("574 children"), "{words}");
    assert!(words.contains("plans 91.3% after 94.1%"), "{words}");
    // The whole first sheet when no range is given.
    edit_file(
        &work.path().join("figures.yaml"),
        "series: values.xlsx#Values!A1:C3",
        "series: values.xlsx",
    );
    common::build_to(&work.path().join("paper.yaml"), &out);
    assert!(common::pdf_text(&out.join("paper.pdf")).contains("574 children"));
}

/// `papers check` on the paper in `work`: its exit code and messages.
fn check(work: &Path) -> (Option<i32>, String) {
    let output = papers(&[
        "check",
        work.join("paper.yaml").to_str().unwrap(),
        "--root",
        work.to_str().unwrap(),
    ]);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_bad_cell_is_reported_at_its_sheet_and_cell() {
    let sheets = values_sheet(vec![
        vec![text("ref"), text("2021-11"), text("2021-12")],
        vec![text("3.1"), XlsxCell::Number(564.0), text("five hundred")],
        vec![
            text("3.4"),
            XlsxCell::Error("#DIV/0!".into()),
            XlsxCell::Formula("B3*2".into(), None),
        ],
    ]);
    let work = paper_with_workbook("values.xlsx#Values!A1:C3", &sheets, "{{ lac.latest }}");
    let (code, stderr) = check(work.path());
    assert_eq!(code, Some(1), "{stderr}");
    let workbook = work.path().join("values.xlsx");
    for (cell, message) in [
        ("Values!C2", "`five hundred` is not a number"),
        ("Values!B3", "the cell holds the error #DIV/0!"),
        ("Values!C3", "the formula `=B3*2` has no saved result"),
    ] {
        let place = format!("{}: {cell}", workbook.display());
        let at = stderr
            .find(&place)
            .unwrap_or_else(|| panic!("nothing at {place}:\n{stderr}"));
        let before = &stderr[..at];
        let message_at = before.rfind("error: ").unwrap();
        assert!(before[message_at..].contains(message), "{cell}:\n{stderr}");
    }
    assert!(stderr.contains("3 problems found"), "{stderr}");
}

#[test]
fn a_missing_sheet_or_a_bad_range_is_reported_where_it_is_named() {
    let sheets = values_sheet(vec![vec![text("ref")]]);
    let work = paper_with_workbook("values.xlsx#Valeus!A1:C3", &sheets, "text");
    let (code, stderr) = check(work.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("has no sheet `Valeus`"), "{stderr}");
    assert!(stderr.contains("did you mean `Values`?"), "{stderr}");
    edit_file(
        &work.path().join("figures.yaml"),
        "Valeus!A1:C3",
        "Values!C3:A1",
    );
    let (code, stderr) = check(work.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("`C3:A1` is not a range of cells"),
        "{stderr}"
    );
    assert!(stderr.contains("figures.yaml:3:9"), "{stderr}");
    edit_file(
        &work.path().join("figures.yaml"),
        "values.xlsx#Values!C3:A1",
        "missing.xlsx#Values",
    );
    let (code, stderr) = check(work.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot read `missing.xlsx`: no such file"),
        "{stderr}"
    );
}

/// A long report showing the table `placements` of a figures file whose `table` (YAML lines
/// under `placements:`) reads `placements.xlsx`, written from `sheets`, in a new folder.
fn table_from_workbook(sheets: &[XlsxSheet], table: &str) -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path();
    std::fs::write(folder.join("placements.xlsx"), xlsx(sheets)).unwrap();
    std::fs::write(
        folder.join("figures.yaml"),
        format!("kind: figures\nas_at: 2021-12\ntables:\n  placements:\n{table}"),
    )
    .unwrap();
    std::fs::write(
        folder.join("paper.yaml"),
        "kind: long-report\nfigures: figures.yaml\ntitle: Placements\ncover: [Children's Services]\nsections:\n  - title: Where children live\n    body:\n      - table: placements\n",
    )
    .unwrap();
    work
}

#[test]
fn a_table_reads_its_rows_from_a_workbook_range() {
    let sheets = vec![
        XlsxSheet {
            name: "Notes".into(),
            rows: vec![vec![text("Read me first")]],
        },
        XlsxSheet {
            name: "Placements 2021".into(),
            rows: vec![
                vec![text("Placement"), text("Children")],
                vec![text("Foster care"), XlsxCell::Number(160.0)],
                vec![
                    text("Residential"),
                    XlsxCell::Formula("20*2".into(), Some(40.0)),
                ],
                vec![text("Placed for adoption"), XlsxCell::Number(12.0)],
            ],
        },
    ];
    let work = table_from_workbook(
        &sheets,
        "    columns: [Placement, Children]\n    rows_from: placements.xlsx#'Placements 2021'!A2:B4\n    total: Total\n    percent: \"%\"\n",
    );
    let folder = work.path();
    let out = folder.join("out");
    let output = papers(&[
        "build",
        folder.join("paper.yaml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert!(output.status.success(), "{output:?}");
    let lines = common::pdf_lines(&out.join("paper.pdf"));
    for expected in [
        "Foster care 160",
        "Residential 40",
        "Placed for adoption 12",
        "Total 212",
    ] {
        assert!(
            lines.iter().any(|line| line.starts_with(expected)),
            "{expected}: {lines:#?}"
        );
    }
}

#[test]
fn text_no_font_can_print_is_refused_at_its_cell() {
    let sheets = vec![XlsxSheet {
        name: "Placements".into(),
        rows: vec![
            vec![text("Placement"), text("Children")],
            vec![text("Foster\u{7}care"), XlsxCell::Number(160.0)],
        ],
    }];
    let work = table_from_workbook(
        &sheets,
        "    columns: [Placement, Children]\n    rows_from: placements.xlsx#Placements!A2:B2\n",
    );
    let folder = work.path();
    let (code, stderr) = check(folder);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("a control character (U+0007)"), "{stderr}");
    assert!(
        stderr.contains("placements.xlsx: Placements!A2"),
        "{stderr}"
    );
}
