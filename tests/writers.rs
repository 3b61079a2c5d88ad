//! Goldens of the writers alone, from hand-written document models (`tests/fixtures/model/`):
//! for each fixture, the DOCX's `word/document.xml` one element per line, the PDF's text as
//! `pdftotext -layout` reads it, the data the Typst templates receive, and the web page. A change to a writer
//! shows up as a readable diff (`cargo insta review`) without lowering or LibreOffice in the way.

mod common;

use common::*;
use papers::model::{Block, Document, Inline};

/// The DOCX part that holds the body.
const MAIN_PART: &str = "word/document.xml";

/// The fixtures, by file stem.
const FIXTURES: [&str; 4] = ["structure", "awkward", "pictures", "charts"];

/// The DOCX writer, as the build calls it (structure diagrams drawn by the house style's
/// templates).
fn docx(document: &Document) -> Vec<u8> {
    papers::build::Session::default()
        .write_docx(document)
        .unwrap_or_else(|problems| panic!("the DOCX writer failed: {problems:?}"))
}

/// The PDF writer, as the build calls it; `name` seeds the file's identifier.
fn pdf(document: &Document, name: &str) -> Vec<u8> {
    papers::typst_writer::write_pdf(document, &Default::default(), name)
        .unwrap_or_else(|problems| panic!("the PDF writer failed: {problems:?}"))
        .bytes
}

/// One part of the DOCX, one element per line.
fn docx_xml(document: &Document, part: &str) -> String {
    let xml = docx_part_of(&docx(document), part).unwrap_or_else(|| panic!("no part {part}"));
    pretty_xml(&xml)
}

/// What a DOCX snapshot shows: the main part, then its relationships (where the links' targets
/// are written), then each chart part. A picture's relationship id counts the pictures docx-rs
/// made before in the process, so its number is left out.
fn docx_snapshot(document: &Document) -> String {
    let relationships = "word/_rels/document.xml.rels";
    let package = docx(document);
    let part = |name: &str| pretty_xml(&docx_part_of(&package, name).unwrap());
    let mut snapshot = format!(
        "{}\n<!-- {relationships} -->\n{}",
        part(MAIN_PART),
        part(relationships)
    );
    for number in 1.. {
        let name = format!("word/charts/chart{number}.xml");
        if docx_part_of(&package, &name).is_none() {
            break;
        }
        snapshot.push_str(&format!("\n<!-- {name} -->\n{}", part(&name)));
    }
    let mut pieces = snapshot.split("rIdImage");
    let mut shown = pieces.next().unwrap_or_default().to_string();
    for piece in pieces {
        shown.push_str("rIdImage#");
        shown.push_str(piece.trim_start_matches(|c: char| c.is_ascii_digit()));
    }
    shown
}

/// The PDF's text, laid out as on its pages.
fn typeset_text(document: &Document, name: &str) -> String {
    snapshot_pdf_text(&pdf_bytes_text_layout(&pdf(document, name)))
}

/// The JSON the Typst templates read, pretty-printed (keys sorted: it is read back as a value).
fn typst_data(document: &Document) -> String {
    let data: serde_json::Value =
        serde_json::from_slice(&papers::typst_writer::document_json(document)).unwrap();
    serde_json::to_string_pretty(&data).unwrap()
}

#[test]
fn every_fixture_docx_matches_its_snapshot() {
    for name in FIXTURES {
        insta::assert_snapshot!(format!("{name}_docx"), docx_snapshot(&model_fixture(name)));
    }
}

#[test]
fn every_fixture_pdf_text_matches_its_snapshot() {
    for name in FIXTURES {
        insta::assert_snapshot!(
            format!("{name}_pdf_text"),
            typeset_text(&model_fixture(name), name)
        );
    }
}

/// The HTML writer's page of a fixture, as the website frames a paper.
fn html(document: &Document) -> String {
    let style = papers::style::HouseStyle::built_in();
    let frame = papers::html_writer::PageFrame {
        title: &document.metadata.title,
        lang: "en-GB",
        stylesheet: "style.css",
        site_name: "Rotherham Council",
        breadcrumbs: &[],
        downloads: &[],
        logo: None,
        asset_prefix: "pictures/",
    };
    papers::html_writer::write_html(&document.blocks, &style, &frame).html
}

#[test]
fn every_fixture_html_matches_its_snapshot() {
    for name in FIXTURES {
        insta::assert_snapshot!(format!("{name}_html"), html(&model_fixture(name)));
    }
}

#[test]
fn every_fixture_typst_data_matches_its_snapshot() {
    for name in FIXTURES {
        insta::assert_snapshot!(format!("{name}_typst"), typst_data(&model_fixture(name)));
    }
}

/// Text with characters that are syntax to Typst, XML, Markdown or the narrative templates.
const AWKWARD: [&str; 6] = [
    "Costs #1 rose by $500 (*estimated*) <provisional> for @officer; see {{ appendix }} or C:\\reports\\ & more.",
    "Typst code: #let x = 1; #x [link](url) _under_ `tick` ~tilde // comment /* block */ = equals",
    "**not markdown**",
    "]) closing brackets ]] and }} braces",
    "@cell \\ back",
    "{{ group }} & <group>",
];

#[test]
fn awkward_text_reaches_both_formats_literally() {
    let document = model_fixture("awkward");
    // Word keeps each string in one run, escaped only as XML requires.
    let paragraphs: Vec<String> = docx_xml(&document, MAIN_PART)
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let text = line.strip_prefix("<w:t")?;
            let text = &text[text.find('>')? + 1..];
            Some(unescape_xml(text.strip_suffix("</w:t>")?))
        })
        .collect();
    for awkward in AWKWARD {
        assert!(
            paragraphs.iter().any(|run| run == awkward),
            "no DOCX run reads {awkward:?}: {paragraphs:#?}"
        );
    }
    // A link's target is escaped for XML, not altered.
    let relationships = docx_xml(&document, "word/_rels/document.xml.rels");
    assert!(
        relationships.contains("Target=\"https://example.org/a?b=1&amp;c=&lt;2&gt;#frag\""),
        "{relationships}"
    );
    // The web page holds them escaped, and a browser shows them as typed.
    let page = html(&document);
    for awkward in AWKWARD {
        let escaped = papers::escape::html_text(awkward);
        assert!(
            page.contains(&escaped),
            "the page lacks {awkward:?}:\n{page}"
        );
    }
    assert!(
        page.contains("href=\"https://example.org/a?b=1&amp;c=&lt;2&gt;#frag\""),
        "{page}"
    );
    // The PDF prints them as typed (compared word by word: pdftotext spaces by guesswork).
    let text = normalise(&typeset_text(&document, "awkward"));
    for awkward in AWKWARD {
        assert!(
            text.contains(&normalise(awkward)),
            "the PDF lacks {awkward:?}:\n{text}"
        );
    }
}

#[test]
fn headings_keep_their_numbers_and_styles_in_both_formats() {
    let document = model_fixture("structure");
    let xml = docx_xml(&document, MAIN_PART);
    for style in ["Heading1", "Heading2", "Heading3"] {
        assert!(
            xml.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
            "no {style} paragraph"
        );
    }
    let text = normalise(&typeset_text(&document, "structure"));
    for heading in [
        "1. Background",
        "2. Figures",
        "2.1 Indicators",
        "1.1 Plain, then",
    ] {
        assert!(text.contains(heading), "the PDF lacks {heading:?}:\n{text}");
    }
}

/// Each `<w:sectPr>` of a document part: the last section's, and each section break's.
fn sections(xml: &str) -> Vec<&str> {
    xml.split("<w:sectPr>")
        .skip(1)
        .filter_map(|rest| rest.split("</w:sectPr>").next())
        .collect()
}

#[test]
fn the_running_header_is_on_every_page_in_word_too() {
    let mut document = model_fixture("structure");
    // A landscape section between portrait ones: three sections, each with its own page setup.
    document.blocks.push(Block::Landscape {
        blocks: vec![Block::Paragraph {
            content: vec![Inline::Text {
                text: "Wide".to_string(),
            }],
        }],
    });
    let package = docx(&document);
    let header = docx_part_of(&package, "word/header1.xml").expect("a header part");
    assert!(header.contains(">FIXTURE PANEL - 13/05/22<"), "{header}");
    assert!(
        header.contains(r#"<w:pStyle w:val="Header" />"#)
            && header.contains(r#"<w:jc w:val="center" />"#),
        "{header}"
    );
    let body = docx_part_of(&package, MAIN_PART).unwrap();
    let sections = sections(&body);
    assert_eq!(sections.len(), 3, "{body}");
    assert!(
        sections
            .iter()
            .any(|section| section.contains("w:orient=\"landscape\""))
    );
    for section in sections {
        assert!(
            section.contains(r#"<w:headerReference w:type="default" r:id="rIdHeader1" />"#),
            "a section without the header: {section}"
        );
    }
    let relationships = docx_part_of(&package, "word/_rels/document.xml.rels").unwrap();
    assert!(
        relationships.contains(r#"Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml""#),
        "{relationships}"
    );
    // The header's style prints at 10 pt, as the PDF's header does.
    let styles = docx_part_of(&package, "word/styles.xml").unwrap();
    let style = styles
        .split("<w:style ")
        .find(|style| style.contains(r#"w:styleId="Header""#))
        .expect("a Header style");
    assert!(style.contains(r#"<w:sz w:val="20" />"#), "{style}");
}

#[test]
fn a_document_without_a_running_header_refers_to_no_header() {
    let mut document = model_fixture("structure");
    document.running_header = None;
    document
        .blocks
        .push(Block::Landscape { blocks: Vec::new() });
    let package = docx(&document);
    assert!(docx_part_of(&package, "word/header1.xml").is_none());
    let body = docx_part_of(&package, MAIN_PART).unwrap();
    assert!(!body.contains("headerReference"), "{body}");
}

#[test]
fn an_awkward_running_header_prints_literally_in_word() {
    let header = docx_part_of(&docx(&model_fixture("awkward")), "word/header1.xml").unwrap();
    assert!(header.contains(r">HEADER #$*&lt;@{{\&amp;<"), "{header}");
}

#[test]
fn the_normal_style_carries_the_house_font_size_and_language() {
    let styles = docx_part_of(&docx(&model_fixture("structure")), "word/styles.xml").unwrap();
    let normal = styles
        .split("<w:style ")
        .find(|style| style.contains(r#"w:styleId="Normal""#))
        .expect("a Normal style");
    for property in [
        r#"w:default="1""#,
        r#"<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial" />"#,
        r#"<w:sz w:val="24" />"#,
        r#"<w:szCs w:val="24" />"#,
        r#"<w:lang w:val="en-GB" />"#,
    ] {
        assert!(
            normal.contains(property),
            "Normal lacks {property}: {normal}"
        );
    }
}
