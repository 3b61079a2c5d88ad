//! Finishing the DOCX package where docx-rs has no API: core properties (title, author, language),
//! the Normal style and document language, and identifiers made independent of what else the
//! process built, so identical input gives identical bytes.

use std::collections::HashMap;
use std::io::Cursor;

use docx_rs::Docx;

use super::{BODY_SIZE, FONT};
use crate::escape::xml_text;
use crate::model::Metadata;

/// The language every paper declares.
pub const LANGUAGE: &str = "en-GB";

/// Build the package parts, amend them, and zip them.
pub fn finish(docx: Docx, metadata: &Metadata) -> Vec<u8> {
    let mut xml = docx.build();
    xml.doc_props.core = core_properties(metadata).into_bytes();
    xml.styles = amend_styles(&String::from_utf8_lossy(&xml.styles)).into_bytes();
    let (document, relationships) = renumber_hyperlinks(
        &String::from_utf8_lossy(&xml.document),
        &String::from_utf8_lossy(&xml.document_rels),
    );
    xml.document = document.into_bytes();
    xml.document_rels = relationships.into_bytes();
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .expect("zipping into memory cannot fail");
    bytes.into_inner()
}

/// `docProps/core.xml` with title, author, description and language set.
fn core_properties(metadata: &Metadata) -> String {
    let date = metadata.date.map(|date| {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            date.year, date.month, date.day
        )
    });
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    xml.push_str(&format!(
        "<dc:title>{}</dc:title>",
        xml_text(&metadata.title)
    ));
    xml.push_str(&format!(
        "<dc:creator>{}</dc:creator>",
        xml_text(&metadata.authors.join("; "))
    ));
    if let Some(description) = &metadata.description {
        xml.push_str(&format!(
            "<dc:description>{}</dc:description>",
            xml_text(description)
        ));
    }
    xml.push_str(&format!("<dc:language>{LANGUAGE}</dc:language>"));
    if let Some(date) = date {
        xml.push_str(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#
        ));
    }
    xml.push_str("</cp:coreProperties>");
    xml
}

/// Give Normal its font and size explicitly and declare the document language.
fn amend_styles(styles: &str) -> String {
    let normal_plain =
        r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /></w:style>"#;
    let normal = format!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal" /><w:qFormat /><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}" /><w:sz w:val="{BODY_SIZE}" /><w:szCs w:val="{BODY_SIZE}" /><w:lang w:val="{LANGUAGE}" /></w:rPr></w:style>"#
    );
    let styles = styles.replacen(normal_plain, &normal, 1);
    // The default run properties carry the language too, for text outside any style.
    match styles.find("<w:rPrDefault><w:rPr>") {
        Some(index) => {
            let at = index + "<w:rPrDefault><w:rPr>".len();
            format!(
                "{}<w:lang w:val=\"{LANGUAGE}\" />{}",
                &styles[..at],
                &styles[at..]
            )
        }
        None => styles,
    }
}

/// docx-rs numbers hyperlink relationships from a process-wide counter; number them per document.
fn renumber_hyperlinks(document: &str, relationships: &str) -> (String, String) {
    const PREFIX: &str = "rIdHyperlink";
    let mut mapping: HashMap<String, String> = HashMap::new();
    let mut rest = document;
    while let Some(index) = rest.find(PREFIX) {
        let digits: String = rest[index + PREFIX.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let old = format!("{PREFIX}{digits}");
        let next = mapping.len() + 1;
        mapping
            .entry(old.clone())
            .or_insert_with(|| format!("{PREFIX}{next}"));
        rest = &rest[index + old.len()..];
    }
    (
        replace_ids(document, PREFIX, &mapping),
        replace_ids(relationships, PREFIX, &mapping),
    )
}

fn replace_ids(text: &str, prefix: &str, mapping: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(index) = rest.find(prefix) {
        out.push_str(&rest[..index]);
        let digits: String = rest[index + prefix.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let old = format!("{prefix}{digits}");
        out.push_str(mapping.get(&old).map_or(old.as_str(), String::as_str));
        rest = &rest[index + old.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_ids_follow_document_order() {
        let (document, relationships) = renumber_hyperlinks(
            r#"<a r:id="rIdHyperlink17"/><b r:id="rIdHyperlink12"/><c r:id="rIdHyperlink17"/>"#,
            r#"<R Id="rIdHyperlink12"/><R Id="rIdHyperlink17"/>"#,
        );
        assert_eq!(
            document,
            r#"<a r:id="rIdHyperlink1"/><b r:id="rIdHyperlink2"/><c r:id="rIdHyperlink1"/>"#
        );
        assert_eq!(
            relationships,
            r#"<R Id="rIdHyperlink2"/><R Id="rIdHyperlink1"/>"#
        );
    }
}
