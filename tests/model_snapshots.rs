//! Snapshots of the document model the writers receive (the Typst templates read exactly this
//! JSON). A change to lowering shows up here as a reviewable diff: `cargo insta review`.

use papers::content::{Paper, SourceFile, parse_paper};
use papers::lower::cover_report::lower_cover_report;
use papers::narrative::Narrative;

fn model_json(path: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let source = SourceFile {
        path: path.into(),
        text,
    };
    let Ok(Paper::CoverReport(report)) = parse_paper(&source) else {
        panic!("{path} is not a cover report");
    };
    let document = lower_cover_report(&report, &source, &Narrative::default()).unwrap();
    serde_json::to_string_pretty(&document).unwrap()
}

#[test]
fn terms_of_reference_cover_report_model() {
    insta::assert_snapshot!(model_json(
        "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml"
    ));
}

#[test]
fn june_2020_cover_report_model() {
    insta::assert_snapshot!(model_json(
        "content/corporate-parenting-performance-2020-06/performance-june-2020-cover.yaml"
    ));
}
