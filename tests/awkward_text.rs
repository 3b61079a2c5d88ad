//! User text is data: a report whose every text field holds Typst, XML and template syntax prints
//! all of it literally in both the PDF and the DOCX, and none of it changes the output's shape.

mod common;

use common::*;
use papers::escape::AWKWARD_STRINGS;

/// A YAML string holding `text` exactly (JSON strings are valid YAML double-quoted scalars).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// Body text is Markdown with `{{ … }}` expressions; the documented way to print `{{` there.
fn body(text: &str) -> String {
    text.replace("{{", "{{ '{{' }}")
}

/// A cover report with every text field set to awkward text, field by field.
fn awkward_report() -> String {
    let mut strings = AWKWARD_STRINGS.iter().cycle();
    let mut next = || quoted(strings.next().unwrap());
    let mut body_strings = AWKWARD_STRINGS.iter().cycle();
    let mut next_body = || quoted(&body(body_strings.next().unwrap()));
    let mut yaml = String::from("kind: cover-report\nlayout: 2022\n");
    for field in [
        "title",
        "committee",
        "key_decision",
        "strategic_director",
        "wards",
        "other_consideration",
        "council_approval_required",
    ] {
        yaml.push_str(&format!("{field}: {}\n", next()));
    }
    // A report that claims exemption is never published on its own: this one says no, then
    // awkward text.
    let exempt = next();
    yaml.push_str(&format!(
        "exempt: \"No – {}\n",
        exempt.trim_start_matches('"')
    ));
    yaml.push_str(&format!(
        "authors:\n  - name: {}\n    role: {}\n    email: {}\n",
        next(),
        next(),
        next()
    ));
    yaml.push_str(&format!(
        "summary:\n  - {}\n  - {}\n",
        next_body(),
        next_body()
    ));
    yaml.push_str(&format!("recommendations: {}\n", next_body()));
    yaml.push_str(&format!(
        "appendices:\n  - label: {}\n    title: {}\n",
        next(),
        next()
    ));
    yaml.push_str(&format!("background_papers:\n  - {}\n", next()));
    yaml.push_str("sections:\n");
    for section in COVER_REPORT_SECTIONS {
        yaml.push_str(&format!(
            "  {section}:\n    heading: {}\n    paragraphs:\n      - {}\n      - heading: {}\n        paragraphs:\n          - {}\n",
            next(),
            next_body(),
            next(),
            next_body()
        ));
    }
    yaml.push_str(&format!(
        "accountable_officers:\n  - name: {}\n    role: {}\n    email: {}\n",
        next(),
        next(),
        next()
    ));
    yaml
}

#[test]
fn awkward_text_prints_literally_in_pdf_and_docx() {
    let (work, out) = build_paper("awkward.yaml", &awkward_report());

    let pdf = out.join("awkward.pdf");
    let text = pdf_text_raw(&pdf);
    let docx = out.join("awkward.docx");
    let paragraphs = docx_paragraphs(&docx).join("\n");
    for awkward in AWKWARD_STRINGS {
        assert!(text.contains(awkward), "PDF lacks {awkward:?}:\n{text}");
        assert!(
            paragraphs.contains(awkward),
            "DOCX lacks {awkward:?}:\n{paragraphs}"
        );
    }
    // Nothing typed reached Typst as code: the page is still A4 and the PDF is still whole.
    let info = String::from_utf8(tool("pdfinfo", &[pdf.to_str().unwrap()]).stdout).unwrap();
    assert!(info.contains("(A4)"), "{info}");
    // The DOCX is still well-formed: LibreOffice opens it and finds the same text.
    let converted = docx_to_pdf(&docx, work.path());
    let word = pdf_text_raw(&converted);
    for awkward in AWKWARD_STRINGS {
        assert!(
            word.contains(awkward),
            "LibreOffice's reading lacks {awkward:?}"
        );
    }
}

#[test]
fn title_and_metadata_keep_awkward_text() {
    let (_work, out) = build_paper("awkward.yaml", &awkward_report());
    let title = AWKWARD_STRINGS[0];
    let info =
        String::from_utf8(tool("pdfinfo", &[out.join("awkward.pdf").to_str().unwrap()]).stdout)
            .unwrap();
    assert!(
        info.contains(&format!("Title:           {title}")),
        "{info}"
    );
    let core = docx_part(&out.join("awkward.docx"), "docProps/core.xml");
    assert!(
        core.contains("<dc:title>#import &quot;x&quot;: *</dc:title>"),
        "{core}"
    );
}

/// Text that names the markup a DOCX is finished with (hyperlink relationship ids, the field that
/// makes Word update page numbers, paragraph ids) is printed literally, beside the real markup.
#[test]
fn text_naming_docx_markup_prints_literally() {
    let work = tempfile::tempdir().unwrap();
    let report = work.path().join("markup.yaml");
    std::fs::write(
        &report,
        r#"kind: cover-report
title: rIdHyperlink3 and PAGEREF
committee: Example Panel
summary: 'See rIdHyperlink1, PAGEREF Contents and w14:paraId="00000001".'
sections:
  background: ['A [link](https://example.org/) beside rIdHyperlink1 and rIdHyperlink2.']
  key_issues: [PAGEREF]
  options: [Options.]
  risks: [Risks.]
accountable_officers:
  - name: Ann Example
    email: ann@example.org
"#,
    )
    .unwrap();
    let out = work.path().join("out");
    build_to(&report, &out);
    let docx = out.join("markup.docx");

    let paragraphs = docx_paragraphs(&docx);
    for text in [
        "rIdHyperlink3 and PAGEREF",
        r#"See rIdHyperlink1, PAGEREF Contents and w14:paraId="00000001"."#,
        "A link beside rIdHyperlink1 and rIdHyperlink2.",
        "PAGEREF",
    ] {
        assert!(
            paragraphs.iter().any(|paragraph| paragraph == text),
            "DOCX lacks {text:?}:\n{paragraphs:#?}"
        );
    }
    // The real link still points at its target: every id the document uses is a relationship.
    let document = docx_part(&docx, "word/document.xml");
    let relationships = docx_part(&docx, "word/_rels/document.xml.rels");
    let links: Vec<&str> = document
        .split("<w:hyperlink r:id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(!links.is_empty(), "{document}");
    assert!(
        relationships.contains("Target=\"https://example.org/\""),
        "{relationships}"
    );
    for id in links {
        assert!(
            relationships.contains(&format!("Id=\"{id}\"")),
            "{id} is not a relationship: {relationships}"
        );
    }
    // The word PAGEREF is not a field: Word is not asked to update fields on opening.
    let settings = docx_part(&docx, "word/settings.xml");
    assert!(!settings.contains("updateFields"), "{settings}");
}
