//! The house style can be replaced from a folder (`--templates`), and the Typst project behind a
//! PDF can be written out (`--emit-typst`) for Typst alone to compile.

mod common;
use common::Published;

use common::*;

const REPORT: &str =
    "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml";

#[test]
fn a_template_folder_replaces_the_built_in_house_style() {
    let folder = tempfile::tempdir().unwrap();
    let templates = folder.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let house_style =
        std::fs::read_to_string(root().join("report_templates/rotherham/house-style.typ"))
            .unwrap()
            .replace(
                "[#style.labels.page #counter(page)",
                "[Folio #counter(page)",
            );
    std::fs::write(templates.join("house-style.typ"), house_style).unwrap();
    // pack.typ is absent: the built-in one is used.
    let out = folder.path().join("out");
    papers_ok(&[
        "build",
        REPORT,
        "--out",
        out.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]);
    let text = pdf_text(&out.join("05-terms-of-reference-cover.pdf"));
    assert!(text.contains("Folio 1"), "{text}");
    assert!(!text.contains("Page 1"));
}

#[test]
fn a_missing_template_folder_is_a_usage_error() {
    let folder = tempfile::tempdir().unwrap();
    let result = papers(&[
        "build",
        REPORT,
        "--out",
        folder.path().to_str().unwrap(),
        "--templates",
        "no-such-folder",
    ]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("the template folder `no-such-folder` does not exist"),
        "{stderr}"
    );
}

#[test]
fn the_typst_project_behind_a_pdf_can_be_written_out() {
    let folder = tempfile::tempdir().unwrap();
    let projects = folder.path().join("typst");
    papers_ok(&[
        "build",
        REPORT,
        "--format",
        "pdf",
        "--out",
        folder.path().join("out").to_str().unwrap(),
        "--emit-typst",
        projects.to_str().unwrap(),
    ]);
    let project = projects.join("05-terms-of-reference-cover");
    let main = std::fs::read_to_string(project.join("main.typ")).unwrap();
    assert!(main.contains("/report_templates/house-style.typ"), "{main}");
    let data = std::fs::read_to_string(project.join("document.json")).unwrap();
    assert!(data.contains("Corporate Parenting Terms of Reference"));
    assert!(project.join("report_templates/house-style.typ").exists());
    // The house style's data goes with it, so that Typst alone typesets the same.
    let style = std::fs::read_to_string(project.join("style.json")).unwrap();
    assert!(style.contains("Liberation Sans"), "{style}");
}

/// `papers check <paper> --templates <style>`, which must find problems (exit 1): its stderr.
fn refused_in_style(paper: &str, style: &std::path::Path) -> String {
    let result = papers(&["check", paper, "--templates", style.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    String::from_utf8_lossy(&result.stderr).into_owned()
}

/// The line number (from 1) of the first line of a style folder's style.yaml holding `text`.
fn line_of(style: &std::path::Path, text: &str) -> usize {
    let data = std::fs::read_to_string(style.join("style.yaml")).unwrap();
    data.lines()
        .position(|line| line.contains(text))
        .expect(text)
        + 1
}

/// The built-in style's data with `replacements` made, written as `style.yaml` in a new style
/// folder (its templates the built-in ones).
fn style_folder(replacements: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let mut style =
        std::fs::read_to_string(root().join("report_templates/rotherham/style.yaml")).unwrap();
    for (old, new) in replacements {
        assert!(style.contains(old), "{old}");
        style = style.replace(old, new);
    }
    std::fs::write(folder.path().join("style.yaml"), style).unwrap();
    folder
}

/// One style file sets the look of both formats: a council's font, size, margins and colours
/// reach the Word file and the PDF without a line of Rust or Typst changed.
#[test]
fn the_style_data_sets_the_look_of_both_formats() {
    let style = style_folder(&[
        ("word: Arial", "word: Verdana"),
        ("body_size: 12", "body_size: 9"),
        (
            "headings:\n  - {size: 12}\n  - {size: 12}\n  - {size: 12}\n  - {size: 12}\n",
            "headings:\n  - {size: 9}\n",
        ),
        ("left: 2.54, right: 2.54", "left: 2, right: 2"),
        ("link: 1F4E79", "link: \"#aa0000\""),
        ("shade: DBE5F1", "shade: EEEEEE"),
    ]);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        REPORT,
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    let docx = out.join("05-terms-of-reference-cover.docx");
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Verdana""#), "{styles}");
    assert!(styles.contains(r#"<w:sz w:val="18" />"#), "{styles}");
    let document = docx_document(&docx);
    assert!(document.contains(r#"<w:color w:val="AA0000" />"#));
    assert!(document.contains(r#"w:fill="EEEEEE""#));
    // 2 cm margins: A4's 11,906 twips less 2 x 1,134.
    assert!(document.contains(r#"<w:tblW w:w="9638" w:type="dxa" />"#));
    assert!(document.contains(r#"w:left="1134""#));

    // The PDF: smaller text on wider lines takes fewer pages than the built-in style's.
    let built_in = work.path().join("built-in");
    papers_ok(&["build", REPORT, "--out", built_in.to_str().unwrap()]);
    let pages =
        |folder: &std::path::Path| pdf_pages(&folder.join("05-terms-of-reference-cover.pdf")).len();
    assert!(
        pages(&out) < pages(&built_in),
        "{} {}",
        pages(&out),
        pages(&built_in)
    );
}

#[test]
fn a_style_file_that_is_wrong_fails_where_it_is_wrong() {
    let style = style_folder(&[("amber: FFD97A", "amber: orange")]);
    let work = tempfile::tempdir().unwrap();
    let result = papers(&[
        "build",
        REPORT,
        "--out",
        work.path().join("out").to_str().unwrap(),
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    let line = line_of(style.path(), "amber: orange");
    assert!(stderr.contains(&format!("style.yaml:{line}:")), "{stderr}");
    assert!(stderr.contains("`orange` is not a colour"), "{stderr}");
    assert!(!work.path().join("out").exists());
}

#[test]
fn a_pdf_font_that_is_not_bundled_is_an_error_naming_the_bundled_ones() {
    let style = style_folder(&[("pdf: Liberation Sans", "pdf: Comic Sans")]);
    let work = tempfile::tempdir().unwrap();
    let stderr = refused_in_style(REPORT, style.path());
    let line = line_of(style.path(), "pdf: Comic Sans");
    assert!(stderr.contains(&format!("style.yaml:{line}:")), "{stderr}");
    assert!(
        stderr.contains(
            "`Comic Sans` is neither a bundled font nor one in the style's fonts/ folder"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Liberation Sans"), "{stderr}");
    drop(work);
}

#[test]
fn margins_that_leave_no_room_for_text_are_an_error() {
    let style = style_folder(&[("left: 2.54, right: 2.54", "left: 9, right: 9")]);
    let stderr = refused_in_style(REPORT, style.path());
    let line = line_of(style.path(), "margins:");
    assert!(stderr.contains(&format!("style.yaml:{line}:1")), "{stderr}");
    assert!(stderr.contains("too little of an A4 page"), "{stderr}");
}

/// The style's PDF font is the one the PDF embeds for its text.
#[test]
fn the_style_chooses_the_pdf_font() {
    let style = style_folder(&[("pdf: Liberation Sans", "pdf: Droid Sans Fallback")]);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        REPORT,
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    let fonts = tool(
        "pdffonts",
        &[out
            .join("05-terms-of-reference-cover.pdf")
            .to_str()
            .unwrap()],
    );
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("DroidSansFallback"), "{fonts}");
    assert!(!fonts.contains("LiberationSans-Regular"), "{fonts}");
}

/// A meeting of the example committee with one report, its committee choosing `house_style`
/// (if any); a style folder `my-style` beside the committee, with `replacements` made to the
/// built-in style's data. Returns the content folder.
fn meeting_with_style(
    house_style: Option<&str>,
    replacements: &[(&str, &str)],
) -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    copy_example_committee(work.path());
    if let Some(choice) = house_style {
        let committee = work.path().join("committee.yaml");
        let text = std::fs::read_to_string(&committee).unwrap();
        std::fs::write(&committee, format!("{text}\nhouse_style: {choice}\n")).unwrap();
    }
    let style = style_folder(replacements);
    let folder = work.path().join("my-style");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(style.path().join("style.yaml"), folder.join("style.yaml")).unwrap();
    let meeting = work.path().join("2022-06-14");
    std::fs::create_dir(&meeting).unwrap();
    copy_example(
        "corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml",
        &meeting.join("05-cover.yaml"),
    );
    write_files(
        &meeting,
        &[(
            "meeting.yaml",
            "kind: meeting\ncommittee: ../committee.yaml\ndate: 2022-06-14\n\
             time: 2.00 p.m.\nchief_executive: A. Example\nitems:\n\
             \x20 - standard: apologies\n\
             \x20 - title: Terms of Reference\n    report: 05-cover.yaml\n",
        )],
    );
    work
}

/// The meeting's folder after building `content` with `extra` arguments.
fn build_meeting(content: &std::path::Path, extra: &[&str]) -> std::path::PathBuf {
    let out = content.join("out");
    let mut args = vec![
        "build",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    papers_ok(&args);
    out.join("corporate-parenting-panel-2022-06-14")
}

const OTHER_LOOK: [(&str, &str); 8] = [
    (
        "date_and_time: \"Date and Time :-\"",
        "date_and_time: \"When:\"",
    ),
    ("heading: AGENDA", "heading: BUSINESS"),
    (
        "text: To receive the apologies of any {member_title} who is unable to attend the meeting.",
        "text: \"Apologies from any {member_title} of the {committee}, to {council}.\"",
    ),
    ("shade: DBE5F1", "shade: FCE4D6"),
    ("pdf: Liberation Sans", "pdf: Droid Sans Fallback"),
    ("page: Page", "page: Folio"),
    ("pages: Pages", "pages: Folios"),
    ("agenda_item: Agenda Item", "agenda_item: Business Item"),
];

#[test]
fn a_committee_chooses_its_house_style() {
    let content = meeting_with_style(Some("my-style"), &OTHER_LOOK);
    let folder = build_meeting(content.path(), &[]);
    let report = docx_document(&folder.join("item-02-report.docx").published());
    assert!(
        report.contains(r#"w:fill="FCE4D6""#),
        "the Word file has the style's shading"
    );
    let fonts = tool(
        "pdffonts",
        &[folder.join("agenda-pack.pdf").published().to_str().unwrap()],
    );
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("DroidSansFallback"), "{fonts}");
    assert!(!fonts.contains("LiberationSans-Regular"), "{fonts}");
    // The style's words: the item stamp, the footer and the agenda's page ranges.
    let pack = pdf_text(&folder.join("agenda-pack.pdf").published());
    assert!(pack.contains("Business Item 2"), "{pack}");
    assert!(pack.contains("Folio 1"), "{pack}");
    assert!(
        !pack.contains("Agenda Item 2") && !pack.contains("Page 1"),
        "{pack}"
    );
    assert!(
        pack.contains("(Folios 3 - ") || pack.contains("(Folio 3)"),
        "{pack}"
    );
    let footer = docx_part(&folder.join("agenda.docx").published(), "word/footer1.xml");
    assert!(footer.contains("Folio "), "{footer}");
    let agenda = docx_paragraphs(&folder.join("agenda.docx").published());
    assert!(agenda.iter().any(|p| p.contains("(Folio")), "{agenda:?}");
    // The style's agenda wording, its names filled in.
    for text in [
        "When:",
        "BUSINESS",
        "Apologies from any Panel Member of the Corporate Parenting Panel, to Rotherham Council.",
    ] {
        let words = pack.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(text), "{text}: {pack}");
        assert!(
            agenda.iter().any(|p| p.contains(text)),
            "{text}: {agenda:?}"
        );
    }
    assert!(
        !pack.contains("Date and Time :-") && !pack.contains("AGENDA"),
        "{pack}"
    );
}

#[test]
fn the_built_in_style_by_name_is_the_default_and_templates_override_a_committee() {
    let plain = meeting_with_style(None, &OTHER_LOOK);
    let named = meeting_with_style(Some("rotherham"), &OTHER_LOOK);
    let chosen = meeting_with_style(Some("my-style"), &OTHER_LOOK);
    let built_in = build_meeting(plain.path(), &[]);
    let by_name = build_meeting(named.path(), &[]);
    for file in ["agenda-pack.pdf", "agenda.docx", "item-02-report.docx"] {
        assert_eq!(
            std::fs::read(built_in.join(file).published()).unwrap(),
            std::fs::read(by_name.join(file).published()).unwrap(),
            "{file}"
        );
    }
    // --templates chooses the style of the whole run, whatever the committee says.
    let run_style = style_folder(&[]);
    let overridden = build_meeting(
        chosen.path(),
        &["--templates", run_style.path().to_str().unwrap()],
    );
    let report = docx_document(&overridden.join("item-02-report.docx").published());
    assert!(report.contains(r#"w:fill="DBE5F1""#));
    assert!(!report.contains(r#"w:fill="FCE4D6""#));
}

#[test]
fn an_unknown_house_style_is_an_error_at_the_committee() {
    let content = meeting_with_style(Some("sheffield"), &[]);
    let result = papers(&["check", content.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("committee.yaml:"), "{stderr}");
    assert!(
        stderr.contains("`sheffield` is neither a built-in house style nor a style folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains("expected: a folder, or one of rotherham, harrow"),
        "{stderr}"
    );
}

#[test]
fn wording_that_names_an_unknown_placeholder_is_an_error_at_its_line() {
    let style = style_folder(&[("{council} advocates", "{councillor} advocates")]);
    let stderr = refused_in_style(REPORT, style.path());
    assert!(stderr.contains("style.yaml:"), "{stderr}");
    assert!(
        stderr.contains("`{councillor}` is not a name wording may use"),
        "{stderr}"
    );
}

/// The example meeting's minutes, built in a committee style with its own minutes wording.
#[test]
fn minutes_use_the_wording_of_their_committees_style() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    copy_tree(
        &root().join("content/corporate-parenting-panel"),
        &content.join("panel"),
    );
    let style = style_folder(&[
        ("present: \"Present:-\"", "present: \"Attendance:\""),
        (
            "chair: \"Councillor {name} (Chair)\"",
            "chair: \"{name} (in the Chair)\"",
        ),
        ("resolved: \"Resolved:-\"", "resolved: \"RESOLVED –\""),
        (
            "apologies: Apologies for absence were received from {names}.",
            "apologies: \"Apologies: {names}.\"",
        ),
        ("minute: Minute No.", "minute: Min."),
    ]);
    copy_tree(style.path(), &content.join("our-style"));
    let committee = content.join("panel/committee.yaml");
    let text = std::fs::read_to_string(&committee).unwrap();
    std::fs::write(&committee, format!("{text}\nhouse_style: ../our-style\n")).unwrap();
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        content.join("panel/2022-05-13").to_str().unwrap(),
        "--root",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let folder = out.join("corporate-parenting-panel-2022-05-13");
    let minutes = docx_paragraphs(&folder.join("item-04-minutes.docx").published());
    let joined = minutes.join("\n");
    assert!(
        joined.contains("Attendance: Cusworth (in the Chair); Councillors Bird"),
        "{joined}"
    );
    assert!(joined.contains("RESOLVED – That the minutes"), "{joined}");
    assert!(joined.contains("Apologies: "), "{joined}");
    assert!(
        !joined.contains("Present:-") && !joined.contains("Resolved:-"),
        "{joined}"
    );
    // Narrative cites minutes in the style's words.
    assert!(
        joined.contains("for Min. 31 (LAC Council Update)"),
        "{joined}"
    );
    let pack = pdf_text(&folder.join("item-04.pdf").published());
    let words = pack.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Attendance: Cusworth (in the Chair)"),
        "{pack}"
    );
}

/// A cover report form is data: a style renames a section, changes its standard wording, drops
/// one and ends without the closing line, and a report is built in it with no Rust changed.
#[test]
fn a_style_sets_the_cover_report_form() {
    let style = style_folder(&[
        (
            "      - key: partners\n        heading: Implications for Partners\n        standard: There are no direct implications in this report.\n",
            "      - key: partners\n        heading: Partners and Neighbourhoods\n        standard: None for partners.\n",
        ),
        (
            "      - key: climate\n        heading: Implications for CO2 Emissions and Climate Change\n        standard: There are no direct implications within this report.\n",
            "",
        ),
        (
            "    closing: This report is published on the Council's website.\n",
            "",
        ),
        (
            "      - {field: title, label: Report Title}\n",
            "      - {field: title, label: Title of the Report}\n",
        ),
        (
            "      - {field: wards, label: Ward(s) Affected}\n",
            "      - {field: wards, label: Wards}\n",
        ),
    ]);
    let work = tempfile::tempdir().unwrap();
    let report = work.path().join("report.yaml");
    let text = std::fs::read_to_string(root().join(REPORT)).unwrap();
    // The example writes every section of the built-in form; without `climate` and
    // `partners` (each key with the lines indented under it) the style's form decides them.
    let mut kept = String::new();
    let mut dropping = false;
    for line in text.lines() {
        if line.starts_with("  ") && !line.starts_with("   ") {
            dropping = line.starts_with("  climate:") || line.starts_with("  partners:");
        } else if !line.starts_with("   ") {
            dropping = false;
        }
        if !dropping {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    let text = kept;
    std::fs::write(&report, &text).unwrap();
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        report.to_str().unwrap(),
        "--root",
        work.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    let paragraphs = docx_paragraphs(&out.join("report.docx")).join("\n");
    assert!(
        paragraphs.contains("Partners and Neighbourhoods"),
        "{paragraphs}"
    );
    // The front page's labels are the form's.
    assert!(
        paragraphs.contains("\nTitle of the Report\n"),
        "{paragraphs}"
    );
    assert!(paragraphs.contains("\nWards\n"), "{paragraphs}");
    assert!(!paragraphs.contains("Ward(s) Affected"), "{paragraphs}");
    assert!(paragraphs.contains("None for partners."), "{paragraphs}");
    assert!(!paragraphs.contains("Climate Change"), "{paragraphs}");
    assert!(
        !paragraphs.contains("There are no direct implications within this report."),
        "the climate section's text went with it: {paragraphs}"
    );
    assert!(
        !paragraphs.contains("published on the Council"),
        "{paragraphs}"
    );
    let pdf = pdf_text(&out.join("report.pdf"));
    let words = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Partners and Neighbourhoods"), "{pdf}");
    // One section fewer: the accountable officers are section 13.
    assert!(words.contains("13. Accountable Officer(s)"), "{pdf}");
}

#[test]
fn a_form_section_written_twice_is_an_error_at_its_line() {
    let style = style_folder(&[(
        "      - {key: risks, heading: Risks and Mitigation}\n      - key: accountable_officers\n        heading: Accountable Officer(s)\n        fields: [{field: accountable_officers}]\n    closing",
        "      - {key: background, heading: Risks and Mitigation}\n      - key: accountable_officers\n        heading: Accountable Officer(s)\n        fields: [{field: accountable_officers}]\n    closing",
    )]);
    let stderr = refused_in_style(REPORT, style.path());
    assert!(stderr.contains("style.yaml:"), "{stderr}");
    assert!(
        stderr.contains("the `2022` form has the section `background` twice"),
        "{stderr}"
    );
}

/// A third council's style, made by copying a style folder and editing only its data and
/// templates: another font, a renamed and an extra section, other agenda wording. Nothing in
/// Rust knows of it.
#[test]
fn a_third_style_is_a_copied_folder_with_its_data_and_templates_edited() {
    let work = tempfile::tempdir().unwrap();
    let style = work.path().join("third-style");
    copy_tree(&root().join("report_templates/rotherham"), &style);
    let edit = |file: &str, old: &str, new: &str| {
        let path = style.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(old), "{old}");
        std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
    };
    edit(
        "style.yaml",
        "council: Rotherham Metropolitan Borough Council",
        "council: A Third Council",
    );
    edit(
        "style.yaml",
        "pdf: Liberation Sans",
        "pdf: Droid Sans Fallback",
    );
    edit("style.yaml", "word: Arial", "word: Verdana");
    edit(
        "style.yaml",
        "      - {key: risks, heading: Risks and Mitigation}\n      - key: accountable_officers\n        heading: Accountable Officer(s)\n        fields: [{field: accountable_officers}]\n    closing",
        "      - {key: risks, heading: Risk Assessment}\n      - key: community_safety\n        heading: Community Safety Implications\n        standard: There are no community safety implications.\n      - key: accountable_officers\n        heading: Accountable Officer(s)\n        fields: [{field: accountable_officers}]\n    closing",
    );
    edit(
        "style.yaml",
        "title: Apologies for absence.",
        "title: Members' Apologies",
    );
    edit(
        "house-style.typ",
        "[#style.labels.page #counter(page)",
        "[Sheet #counter(page)",
    );
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        REPORT,
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.to_str().unwrap(),
    ]);
    let pdf = out.join("05-terms-of-reference-cover.pdf");
    let words = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("13. Risk Assessment"), "{words}");
    assert!(
        words.contains(
            "14. Community Safety Implications 14.1 There are no community safety implications."
        ),
        "{words}"
    );
    assert!(words.contains("15. Accountable Officer(s)"), "{words}");
    assert!(words.contains("Sheet 1"), "{words}");
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&fonts.stdout).contains("DroidSansFallback"));
    let docx = out.join("05-terms-of-reference-cover.docx");
    assert!(docx_part(&docx, "word/styles.xml").contains(r#"w:ascii="Verdana""#));
    let paragraphs = docx_paragraphs(&docx).join("\n");
    assert!(
        paragraphs.contains("Community Safety Implications"),
        "{paragraphs}"
    );
    // The agenda wording reaches a meeting built in the style.
    let content = meeting_with_style(None, &[]);
    let meeting = build_meeting(content.path(), &["--templates", style.to_str().unwrap()]);
    let agenda = docx_paragraphs(&meeting.join("agenda.docx").published()).join("\n");
    assert!(agenda.contains("Members' Apologies"), "{agenda}");
    assert!(!agenda.contains("Apologies for absence."), "{agenda}");
}

#[test]
fn a_report_in_a_form_the_style_lacks_is_an_error_naming_its_forms() {
    let style = style_folder(&[("  \"2020\":\n    banner", "  \"2019\":\n    banner")]);
    let stderr = refused_in_style(
        "content/corporate-parenting-performance-2020-06/performance-june-2020-cover.yaml",
        style.path(),
    );
    assert!(
        stderr.contains("has no `2020` cover report form"),
        "{stderr}"
    );
    assert!(
        stderr.contains("expected: one of `2019`, `2022`"),
        "{stderr}"
    );
}

/// A style a committee chooses is content: its files stay inside the content root, and a file
/// that is not a regular file (a pipe) is refused without waiting for it.
#[cfg(unix)]
#[test]
fn a_style_folder_cannot_reach_outside_the_content_root_or_hang_the_build() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.typ"), "SECRET-LINE").unwrap();
    let content = meeting_with_style(Some("my-style"), &[]);
    let template = content.path().join("my-style/house-style.typ");
    std::os::unix::fs::symlink(outside.path().join("secret.typ"), &template).unwrap();
    let result = papers(&["check", content.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains(
            "`house-style.typ` of the style folder `my-style` leads outside the content root"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("committee.yaml:"), "{stderr}");
    assert!(!stderr.contains("SECRET-LINE"), "{stderr}");

    // A pipe named like a template, in a style given on the command line.
    let style = style_folder(&[]);
    let pipe = std::ffi::CString::new(style.path().join("pack.typ").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads the NUL-terminated path it is given.
    #[allow(unsafe_code)]
    let made = unsafe { libc::mkfifo(pipe.as_ptr(), 0o600) };
    assert_eq!(made, 0);
    let result = papers(&[
        "check",
        REPORT,
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("pack.typ"), "{stderr}");
}

/// A table's columns are the style's: a renamed heading, a column left out and columns
/// reordered reach the indicator table and the action plan in both formats.
#[test]
fn a_style_sets_the_columns_of_its_tables() {
    let style = style_folder(&[
        (
            "    - {key: direction, heading: DOT (month), width: 5.6}\n",
            "    - {key: direction, heading: Direction of travel, width: 5.6}\n",
        ),
        (
            "    - {key: best_neighbour, heading: Best stat neigh, width: 4}\n",
            "",
        ),
        (
            "    - {key: group, heading: Issue, width: 5}\n    - {key: action, heading: Action, width: 10}\n",
            "    - {key: action, heading: What we will do, width: 10}\n    - {key: group, heading: Issue, width: 5}\n",
        ),
    ]);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        "content/corporate-parenting-panel/2022-05-13",
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    let meeting = out.join("corporate-parenting-panel-2022-05-13");
    let performance = files_under(&meeting)
        .into_iter()
        .find(|path| {
            path.extension().is_some_and(|e| e == "docx")
                && docx_document(path).contains("Direction of travel")
        })
        .expect("a Word file with the renamed heading");
    let document = docx_document(&performance);
    assert!(!document.contains("DOT (month)"), "the old heading");
    assert!(!document.contains("Best stat neigh"), "the column left out");
    assert!(document.contains("Stat neigh av."), "the columns kept");
    let pack = pdf_text(&meeting.join("agenda-pack.pdf").published());
    let pack = pack.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pack.contains("Direction of travel"), "{pack}");
    assert!(!pack.contains("Best stat neigh"), "{pack}");
    // The action plan's first column is now the action.
    let iro = files_under(&meeting)
        .into_iter()
        .find(|path| {
            path.extension().is_some_and(|e| e == "docx")
                && docx_document(path).contains("What we will do")
        })
        .expect("the IRO report's Word file with its action plan");
    let document = docx_document(&iro);
    let action = document.find("What we will do").unwrap();
    let issue = document[action..].find(">Issue<").map(|at| at + action);
    assert!(
        issue.is_some_and(|issue| issue > action),
        "the action comes first"
    );
}

#[test]
fn a_table_column_without_a_heading_is_an_error() {
    let style = style_folder(&[(
        "    - {key: owner, heading: Owner, width: 4}\n",
        "    - {key: owner, width: 4}\n",
    )]);
    let stderr = refused_in_style(REPORT, style.path());
    assert!(
        stderr.contains("`action_plan`'s column `owner` has no heading"),
        "{stderr}"
    );
    assert!(stderr.contains("style.yaml:"), "{stderr}");
}

/// A style folder brings its own font: its files and licence in `fonts/`, named in style.yaml,
/// set in the PDF. (Liberation Serif, from the Debian package the tests install.)
#[test]
fn a_style_brings_its_own_font_with_its_licence() {
    let system = std::path::Path::new("/usr/share/fonts/truetype/liberation2");
    let work = tempfile::tempdir().unwrap();
    let style = work.path().join("serif-style");
    copy_tree(&root().join("report_templates/rotherham"), &style);
    let fonts = style.join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    for file in ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"] {
        std::fs::copy(system.join(file), fonts.join(file)).unwrap();
    }
    let path = style.join("style.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("pdf: Liberation Sans", "pdf: Liberation Serif"),
    )
    .unwrap();

    // Without its licence, the font is refused.
    let stderr = refused_in_style(REPORT, &style);
    assert!(stderr.contains("have no licence beside them"), "{stderr}");

    std::fs::copy(
        "/usr/share/doc/fonts-liberation2/copyright",
        fonts.join("LICENSE"),
    )
    .unwrap();
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        REPORT,
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.to_str().unwrap(),
    ]);
    let pdf = out.join("05-terms-of-reference-cover.pdf");
    let fonts_used =
        String::from_utf8_lossy(&tool("pdffonts", &[pdf.to_str().unwrap()]).stdout).into_owned();
    assert!(fonts_used.contains("LiberationSerif"), "{fonts_used}");
    assert!(fonts_used.contains("LiberationSerif-Bold"), "{fonts_used}");
    assert!(!fonts_used.contains("LiberationSans"), "{fonts_used}");
    assert!(pdf_xmp(&pdf).contains("<pdfuaid:part>1</pdfuaid:part>"));

    // A file that only looks like a font is refused by name.
    std::fs::write(fonts.join("Broken.ttf"), "not a font").unwrap();
    let stderr = refused_in_style(REPORT, &style);
    assert!(
        stderr.contains("Broken.ttf` is not a font papers can read"),
        "{stderr}"
    );
}

/// A style's logo, a PNG in its folder, tops the agenda and a cover report's front page in both
/// formats, with its text alternative.
#[test]
fn a_style_logo_tops_the_front_pages_with_its_text_alternative() {
    let style = style_folder(&[(
        "colours:\n",
        "logo: {file: logo.png, alt: Example Council, width: 4}\ncolours:\n",
    )]);
    std::fs::copy(
        root().join("tests/fixtures/logo.png"),
        style.path().join("logo.png"),
    )
    .unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        "content/corporate-parenting-panel/2022-05-13",
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    let meeting = out.join("corporate-parenting-panel-2022-05-13");
    let pack = meeting.join("agenda-pack.pdf").published();
    let images =
        String::from_utf8_lossy(&tool("pdfimages", &["-list", pack.to_str().unwrap()]).stdout)
            .into_owned();
    let first_page_images = images
        .lines()
        .skip(2)
        .filter(|line| line.split_whitespace().next() == Some("1"))
        .count();
    assert_eq!(first_page_images, 1, "the agenda's logo: {images}");
    assert!(
        readable(&pack).contains("Example Council"),
        "the logo's text alternative is in the PDF"
    );
    assert!(pdf_xmp(&pack).contains("<pdfuaid:part>1</pdfuaid:part>"));
    let agenda = docx_document(&meeting.join("agenda.docx").published());
    assert!(agenda.contains(r#"descr="Example Council""#), "{agenda}");
    assert!(
        docx_parts(&meeting.join("agenda.docx").published())
            .iter()
            .any(|part| part.starts_with("word/media/"))
    );

    // A logo that is not a PNG, or only a PNG's first bytes, is refused where style.yaml
    // names it.
    let png = std::fs::read(root().join("tests/fixtures/logo.png")).unwrap();
    for broken in [b"not a picture".to_vec(), png[..33].to_vec()] {
        std::fs::write(style.path().join("logo.png"), broken).unwrap();
        let stderr = refused_in_style(REPORT, style.path());
        assert!(stderr.contains("is not a PNG"), "{stderr}");
        assert!(stderr.contains("style.yaml:"), "{stderr}");
    }
}

/// Headings take the style's size and colour for their level, in the Word file's heading
/// styles and in the PDF.
#[test]
fn the_style_sets_each_heading_levels_size_and_colour() {
    let style = style_folder(&[(
        "headings:\n  - {size: 12}\n  - {size: 12}\n",
        "headings:\n  - {size: 12}\n  - {size: 18, colour: 8B0000}\n",
    )]);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        REPORT,
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    let docx = out.join("05-terms-of-reference-cover.docx");
    let styles = docx_part(&docx, "word/styles.xml");
    let heading_2 = &styles[styles.find(r#"w:styleId="Heading2""#).expect(&styles)..];
    let heading_2 = &heading_2[..heading_2.find("</w:style>").unwrap()];
    assert!(heading_2.contains(r#"<w:sz w:val="36" />"#), "{heading_2}");
    assert!(
        heading_2.contains(r#"<w:color w:val="8B0000" />"#),
        "{heading_2}"
    );
    let heading_3 = &styles[styles.find(r#"w:styleId="Heading3""#).expect(&styles)..];
    let heading_3 = &heading_3[..heading_3.find("</w:style>").unwrap()];
    assert!(heading_3.contains(r#"<w:sz w:val="24" />"#), "{heading_3}");

    // In the PDF, a section heading ("Background") stands 18 points high, its text 12.
    let pdf = out.join("05-terms-of-reference-cover.pdf");
    let boxes =
        String::from_utf8_lossy(&tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]).stdout)
            .into_owned();
    // The tallest of the word's appearances ("Background" is also a front-page label).
    let height_of = |word: &str| -> f64 {
        boxes
            .lines()
            .filter(|line| line.ends_with(&format!(">{word}</word>")))
            .map(|line| {
                let number = |name: &str| -> f64 {
                    let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    line[start..].split('"').next().unwrap().parse().unwrap()
                };
                number("yMax") - number("yMin")
            })
            .fold(0.0, f64::max)
    };
    let heading = height_of("Background");
    let body = height_of("task");
    assert!(heading > body * 1.3, "heading {heading}, body {body}");
}

/// A form's sub-sections count on after their section's own paragraphs, and their written
/// sub-headings sit a level below them; a heading a report gave a section of another form stays.
#[test]
fn sub_sections_of_a_form_number_on_from_their_section() {
    let style = style_folder(&[(
        "      - {key: key_issues, heading: Key Issues}\n",
        "      - {key: history, heading: History, level: 2, required: false}\n      - {key: key_issues, heading: Key Issues}\n",
    )]);
    let report = "kind: cover-report\ntitle: Numbering\ncommittee: Panel\nsections:\n  background:\n    - First.\n    - Second.\n    - heading: Written Sub-heading\n      paragraphs: [Under it.]\n  history:\n    - In history.\n  key_issues: [Issue.]\n  options: [Option.]\n  risks: [Risk.]\naccountable_officers:\n  - name: Ann Example\n";
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("report.yaml"), report).unwrap();
    let out = work.path().join("out");
    papers_ok(&[
        "build",
        work.path().join("report.yaml").to_str().unwrap(),
        "--root",
        work.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--templates",
        style.path().to_str().unwrap(),
    ]);
    // Each number on its line beside its text, in order.
    let text = pdf_lines(&out.join("report.pdf")).join("\n");
    assert!(
        text.contains("1.2 Second.\n1.3 Written Sub-heading\n1.3.1 Under it.\n1.4 History\n1.4.1 In history.\n2. Key Issues"),
        "{text}"
    );
    let outline = pdf_outline(&out.join("report.pdf")).join("\n");
    assert!(outline.contains("History"), "{outline}");
}

/// Numbers print as the style says: its separators and its words for a percentage, in
/// narrative, indicator tables and figure tables alike; text an author typed stays as typed.
#[test]
fn the_style_sets_how_numbers_print() {
    let style = style_folder(&[
        ("  thousands: \",\"\n", "  thousands: \" \"\n"),
        ("  decimal: \".\"\n", "  decimal: \",\"\n"),
        (
            "  percent: \"{number}%\"\n",
            "  percent: \"{number} per cent\"\n",
        ),
    ]);
    let work = tempfile::tempdir().unwrap();
    let build = |name: &str, extra: &[&str]| {
        let out = work.path().join(name);
        let mut args = vec![
            "build",
            "content/corporate-parenting-panel/2022-05-13",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        papers_ok(&args);
        out.join("corporate-parenting-panel-2022-05-13")
    };
    let british = build("british", &[]);
    let styled = build("styled", &["--templates", style.path().to_str().unwrap()]);
    // A figure printed as a percentage ("94.7%") in British style.
    let percentages = |text: &str| -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        words
            .iter()
            .filter_map(|word| {
                let word = word.trim_end_matches([',', ')', '.', ';']);
                let number = word.strip_suffix('%')?;
                let (whole, decimals) = number.split_once('.')?;
                (!whole.is_empty()
                    && whole.chars().all(|c| c.is_ascii_digit())
                    && decimals.len() == 1
                    && decimals.chars().all(|c| c.is_ascii_digit()))
                .then(|| number.to_string())
            })
            .collect()
    };
    // The performance papers' percentages are all computed: narrative, indicator tables, charts.
    let before = pdf_text(&british.join("item-07.pdf").published());
    let after = pdf_text(&styled.join("item-07.pdf").published());
    let found = percentages(&before);
    assert!(
        found.len() > 20,
        "the performance papers have percentages: {found:?}"
    );
    assert!(percentages(&after).is_empty(), "{:?}", percentages(&after));
    let after_words = after.split_whitespace().collect::<Vec<_>>().join(" ");
    for number in &found[..5] {
        let styled_number = number.replace('.', ",");
        assert!(
            after_words.contains(&format!("{styled_number} per cent")),
            "{styled_number} per cent\n{after_words}"
        );
    }
    // A figure of thousands in a figures table ("1,753") gets the style's separator; typed
    // text ("per 10,000 population") does not.
    let iro = pdf_text(&styled.join("item-06.pdf").published());
    assert!(iro.contains("1 753"), "{iro}");
    assert!(!iro.contains("1,753"), "{iro}");
    let performance = pdf_text(&styled.join("item-07.pdf").published());
    assert!(
        performance.contains("per 10,000 population"),
        "{performance}"
    );
}
