//! Finishing the DOCX package where docx-rs has no API: core properties (title, author, language),
//! the Normal style and document language, and identifiers made independent of what else the
//! process built, so identical input gives identical bytes.

use std::collections::HashMap;
use std::io::Cursor;

use docx_rs::Docx;

use super::{BODY_SIZE, FONT};
use crate::escape::xml_text;
use crate::format;
use crate::model::Metadata;

/// The language every paper declares.
pub const LANGUAGE: &str = "en-GB";

/// The style name that marks data tables, whose first row repeats on every page.
pub const DATA_TABLE_STYLE: &str = "PapersDataTable";

/// Build the package parts, amend them, and zip them.
pub fn finish(docx: Docx, metadata: &Metadata, image_alts: &[String]) -> Vec<u8> {
    let mut xml = docx.build();
    xml.doc_props.core = core_properties(metadata).into_bytes();
    xml.styles = amend_styles(&String::from_utf8_lossy(&xml.styles)).into_bytes();
    let (document, relationships) = renumber_hyperlinks(
        &String::from_utf8_lossy(&xml.document),
        &String::from_utf8_lossy(&xml.document_rels),
    );
    let document = repeat_header_rows(&describe_images(&document, image_alts));
    let mut paragraph_ids = 0;
    xml.document = renumber_paragraph_ids(&document, &mut paragraph_ids).into_bytes();
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        *part =
            renumber_paragraph_ids(&String::from_utf8_lossy(part), &mut paragraph_ids).into_bytes();
    }
    xml.document_rels = relationships.into_bytes();
    if String::from_utf8_lossy(&xml.document).contains("PAGEREF") {
        xml.settings = ask_to_update_fields(&String::from_utf8_lossy(&xml.settings)).into_bytes();
    }
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .expect("zipping into memory cannot fail");
    bytes.into_inner()
}

/// `docProps/core.xml` with title, author, description and language set.
fn core_properties(metadata: &Metadata) -> String {
    let date = metadata
        .date
        .map(|date| format!("{}T00:00:00Z", format::iso_date(date)));
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

/// A contents page's page numbers are fields only Word can compute: ask it to update them when
/// the document opens.
fn ask_to_update_fields(settings: &str) -> String {
    match settings.rfind("</w:settings>") {
        Some(end) => format!(
            "{}<w:updateFields w:val=\"true\" />{}",
            &settings[..end],
            &settings[end..]
        ),
        None => settings.to_string(),
    }
}

/// docx-rs writes every picture as `docPr id="1"` without a description: number them and give
/// each its text alternative, in document order.
fn describe_images(document: &str, alts: &[String]) -> String {
    const PICTURE: &str = r#"<wp:docPr id="1" name="Figure" />"#;
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    let mut index = 0;
    while let Some(at) = rest.find(PICTURE) {
        out.push_str(&rest[..at]);
        let alt = alts.get(index).map(String::as_str).unwrap_or_default();
        index += 1;
        out.push_str(&format!(
            r#"<wp:docPr id="{index}" name="Chart {index}" descr="{}" />"#,
            xml_text(alt)
        ));
        rest = &rest[at + PICTURE.len()..];
    }
    out.push_str(rest);
    out
}

/// Mark the first row of each data table as a header row that Word repeats on every page
/// (docx-rs has no `tblHeader`).
fn repeat_header_rows(document: &str) -> String {
    let marker = format!(r#"<w:tblStyle w:val="{DATA_TABLE_STYLE}" />"#);
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    while let Some(at) = rest.find(&marker) {
        let after = at + marker.len();
        out.push_str(&rest[..after]);
        rest = &rest[after..];
        // The first row's properties follow the table's own.
        if let Some(row) = rest.find("<w:trPr>") {
            let inside = row + "<w:trPr>".len();
            out.push_str(&rest[..inside]);
            out.push_str("<w:tblHeader />");
            rest = &rest[inside..];
        }
    }
    out.push_str(rest);
    out
}

/// docx-rs numbers paragraphs from a counter that runs on across documents; number each
/// document's paragraphs from 1, continuing across its parts (ids must be unique in a package).
fn renumber_paragraph_ids(part: &str, next: &mut u32) -> String {
    const ATTRIBUTE: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(index) = rest.find(ATTRIBUTE) {
        let value_start = index + ATTRIBUTE.len();
        let Some(value_length) = rest[value_start..].find('"') else {
            break;
        };
        *next += 1;
        out.push_str(&rest[..value_start]);
        out.push_str(&format!("{:08X}", *next));
        rest = &rest[value_start + value_length..];
    }
    out.push_str(rest);
    out
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
        sort_relationships(&replace_ids(relationships, PREFIX, &mapping)),
    )
}

/// docx-rs writes hyperlink relationships in hash order; put every relationship in id order.
fn sort_relationships(relationships: &str) -> String {
    let (Some(open_end), Some(close)) = (
        relationships
            .find("<Relationships")
            .and_then(|start| relationships[start..].find('>').map(|end| start + end + 1)),
        relationships.rfind("</Relationships>"),
    ) else {
        return relationships.to_string();
    };
    let mut items: Vec<&str> = relationships[open_end..close]
        .split_inclusive("/>")
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    let key = |item: &str| {
        let id = item
            .split("Id=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default();
        let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
        let prefix = &id[..id.len() - digits.len()];
        (prefix.to_string(), digits.parse::<u64>().unwrap_or(0))
    };
    items.sort_by_key(|item| key(item));
    format!(
        "{}{}{}",
        &relationships[..open_end],
        items.concat(),
        &relationships[close..]
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

    #[test]
    fn paragraph_ids_count_from_one_across_parts() {
        let mut next = 0;
        let body = renumber_paragraph_ids(
            r#"<w:p w14:paraId="0000002a"><w:p w14:paraId="0000002b">"#,
            &mut next,
        );
        let footer = renumber_paragraph_ids(r#"<w:p w14:paraId="00000007">"#, &mut next);
        assert_eq!(
            body,
            r#"<w:p w14:paraId="00000001"><w:p w14:paraId="00000002">"#
        );
        assert_eq!(footer, r#"<w:p w14:paraId="00000003">"#);
    }

    #[test]
    fn relationships_are_written_in_id_order() {
        let sorted = sort_relationships(
            r#"<?xml?><Relationships xmlns="x"><Relationship Id="rIdHyperlink2" /><Relationship Id="rId10" /><Relationship Id="rIdHyperlink1" /><Relationship Id="rId7" /></Relationships>"#,
        );
        assert_eq!(
            sorted,
            r#"<?xml?><Relationships xmlns="x"><Relationship Id="rId7" /><Relationship Id="rId10" /><Relationship Id="rIdHyperlink1" /><Relationship Id="rIdHyperlink2" /></Relationships>"#
        );
    }
}
