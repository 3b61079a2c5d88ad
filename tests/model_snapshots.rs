//! Snapshots of the document model the writers receive (the Typst templates read exactly this
//! JSON). A change to lowering shows up here as a reviewable diff: `cargo insta review`.

use std::path::PathBuf;

/// The model of one paper, read and lowered as `papers build` would.
fn model_json(path: &str) -> String {
    let paths = [PathBuf::from(path)];
    let root = papers::input::ContentRoot::new(std::path::Path::new("content")).unwrap();
    let (loaded, _) = papers::build::load(&paths, &root, &Default::default())
        .unwrap_or_else(|_| panic!("{path} does not load"));
    serde_json::to_string_pretty(&loaded.papers[0].document).unwrap()
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

#[test]
fn performance_data_report_model() {
    insta::assert_snapshot!(model_json(
        "content/corporate-parenting-panel/2022-05-13/07-performance-data-report.yaml"
    ));
}
