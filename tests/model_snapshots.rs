//! Snapshots of the document model the writers receive (the Typst templates read exactly this
//! JSON), one for every kind of paper. A change to lowering shows up here as a reviewable diff:
//! `cargo insta review`.

mod common;

use std::path::{Path, PathBuf};

use papers::build::Loaded;
use papers::model::Document;

/// Read and lower `path` (inside the content root `root`) as `papers build` would.
fn load(root: &str, path: &str) -> Loaded {
    let paths = [PathBuf::from(path)];
    let root = papers::input::ContentRoot::new(Path::new(root)).unwrap();
    let (loaded, _) = papers::build::load(&paths, &root, &Default::default())
        .unwrap_or_else(|_| panic!("{path} does not load"));
    loaded
}

/// The model of the one paper at `path` in the example content, built on its own.
fn model_json(path: &str) -> String {
    let loaded = load("content", path);
    assert_eq!(loaded.papers.len(), 1, "{path} is one paper");
    common::model_json(&loaded.papers[0].document)
}

/// The agenda front sheet of the example meeting at `path`, as lowered (before the pack is laid
/// out, so without page ranges).
fn agenda(path: &str) -> Document {
    let loaded = load("content", path);
    assert_eq!(loaded.meetings.len(), 1, "{path} is one meeting");
    loaded.meetings[0].model.agenda.clone()
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

// The minutes, the terms of reference and the long report are papers of the example meeting;
// each is lowered on its own here, as `papers build <file>` builds it (the end-to-end tests
// build them the same way), so that a change to the meeting's other papers does not show here.

#[test]
fn minutes_model() {
    insta::assert_snapshot!(model_json(
        "content/corporate-parenting-panel/2022-05-13/minutes-2022-02-15.yaml"
    ));
}

#[test]
fn terms_of_reference_model() {
    insta::assert_snapshot!(model_json(
        "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference.yaml"
    ));
}

#[test]
fn iro_annual_report_long_report_model() {
    insta::assert_snapshot!(model_json(
        "content/corporate-parenting-panel/2022-05-13/06-iro-annual-report.yaml"
    ));
}

#[test]
fn meeting_agenda_front_sheet_model() {
    let agenda = agenda("content/corporate-parenting-panel/2022-05-13/meeting.yaml");
    insta::assert_snapshot!(common::model_json(&agenda));
}

#[test]
fn stand_alone_action_plan_model() {
    // The example content has action plans only inside the long report.
    let path = "tests/fixtures/content/action-plan.yaml";
    let loaded = load("tests/fixtures/content", path);
    assert_eq!(loaded.papers.len(), 1, "{path} is one paper");
    insta::assert_snapshot!(common::model_json(&loaded.papers[0].document));
}

#[test]
fn short_paper_model() {
    let path = "tests/fixtures/content/short-paper.yaml";
    let loaded = load("tests/fixtures/content", path);
    assert_eq!(loaded.papers.len(), 1, "{path} is one paper");
    insta::assert_snapshot!(common::model_json(&loaded.papers[0].document));
}

/// A second council's meeting, in its own house style (its committee chooses `harrow`): the
/// agenda front sheet in Harrow's wording, its cover report in Harrow's form (a header of
/// labels beside values, four unnumbered sections), and its minutes with a motion, an
/// amendment and a recorded vote in Harrow's words.
#[test]
fn harrow_meeting_models() {
    let loaded = load("content", "content/harrow-cabinet/2026-02-12/meeting.yaml");
    assert_eq!(loaded.meetings.len(), 1);
    let meeting = &loaded.meetings[0].model;
    insta::assert_snapshot!(
        "harrow_agenda_front_sheet_model",
        common::model_json(&meeting.agenda)
    );
    let report = meeting
        .items
        .iter()
        .flat_map(|item| &item.documents)
        .find(|document| {
            document
                .document
                .metadata
                .title
                .starts_with("Final Capital")
        })
        .expect("the cover report");
    insta::assert_snapshot!(
        "harrow_cover_report_model",
        common::model_json(&report.document)
    );
    let minutes = meeting
        .items
        .iter()
        .flat_map(|item| &item.documents)
        .find(|document| document.document.metadata.title.contains("minutes of"))
        .expect("the minutes");
    insta::assert_snapshot!(
        "harrow_minutes_model",
        common::model_json(&minutes.document)
    );
}
