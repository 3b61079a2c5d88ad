//! Finishing the DOCX package where docx-rs has no API, editing its XML event by event.

use std::borrow::Cow;
use std::collections::HashMap;

use docx_rs::Docx;
use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, Event};

use super::charts::{self, NativeChart};
use super::styles::DATA_TABLE;
use super::{ImageDescription, archive, heading_numbering, schema_order, theme, xml_tree};
use crate::escape::xml_text;
use crate::format;
use crate::model::Metadata;
use crate::style::HouseStyle;

/// The language every paper declares.
pub const LANGUAGE: &str = "en-GB";

/// The prefix docx-rs gives hyperlink relationship ids, before a process-wide counter.
const HYPERLINK_PREFIX: &str = "rIdHyperlink";
/// The prefix docx-rs gives pictures' relationship ids and media names, before a process-wide
/// counter.
const IMAGE_PREFIX: &str = "rIdImage";

/// Build the package parts, amend them, and zip them: core properties (title, author,
/// language), the Normal style and document language, and identifiers made independent of what
/// else the process built, so identical input gives identical bytes.
pub fn finish(
    docx: Docx,
    metadata: &Metadata,
    image_alts: &[ImageDescription],
    native_charts: &[NativeChart],
    style: &HouseStyle,
) -> Vec<u8> {
    let mut xml = docx.build();
    xml.doc_props.core = core_properties(metadata).into_bytes();
    xml.styles = amend_styles(&String::from_utf8_lossy(&xml.styles), style).into_bytes();
    // Charts first, so that their drawings are numbered and described with the pictures.
    let with_charts = charts::place_charts(&String::from_utf8_lossy(&xml.document), native_charts)
        .expect("the writer leaves one place per chart in a document docx-rs wrote");
    xml.content_type =
        charts::declare_content_types(&String::from_utf8_lossy(&xml.content_type), native_charts)
            .into_bytes();
    xml.document_rels =
        charts::relate_charts(&String::from_utf8_lossy(&xml.document_rels), native_charts)
            .into_bytes();
    let mut paragraph_ids = 0;
    let document = amend_document(&with_charts, image_alts, &mut paragraph_ids);
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        *part =
            renumber_paragraph_ids(&String::from_utf8_lossy(part), &mut paragraph_ids).into_bytes();
    }
    xml.document_rels = order_relationships(
        &String::from_utf8_lossy(&xml.document_rels),
        &document.hyperlinks,
        &document.images,
    )
    .into_bytes();
    for (name, _) in &mut xml.media {
        if let Some(renumbered) = document.images.get(name.as_str()) {
            *name = renumbered.clone();
        }
    }
    if document.has_page_references {
        xml.settings = ask_to_update_fields(&String::from_utf8_lossy(&xml.settings)).into_bytes();
    }
    xml.document = document.xml.into_bytes();
    xml.content_type = with_override(
        &String::from_utf8_lossy(&xml.content_type),
        theme::PART,
        theme::CONTENT_TYPE,
    )
    .into_bytes();
    xml.document_rels = with_relationship(
        &String::from_utf8_lossy(&xml.document_rels),
        THEME_RELATIONSHIP_ID,
        theme::RELATIONSHIP,
        "theme/theme1.xml",
    )
    .into_bytes();
    let mut parts = package_parts(xml);
    parts.push((theme::PART.to_string(), theme::theme(style).into_bytes()));
    finish_wordprocessing_parts(&mut parts);
    // Written in schema order by their own module.
    parts.extend(charts::chart_parts(native_charts));
    archive::zip_parts(parts)
}

/// Read each WordprocessingML part once as a tree, move heading numbering onto the Heading
/// styles (see [`heading_numbering`]; only when the document, styles and numbering all parse),
/// put every part in schema order, and write it back. A part that does not parse stays as it
/// was.
fn finish_wordprocessing_parts(parts: &mut [(String, Vec<u8>)]) {
    let mut trees: Vec<(usize, Vec<xml_tree::Node>)> = parts
        .iter()
        .enumerate()
        .filter(|(_, (name, _))| is_wordprocessing_part(name))
        .filter_map(|(index, (_, xml))| {
            xml_tree::parse(&String::from_utf8_lossy(xml)).map(|tree| (index, tree))
        })
        .collect();
    let position = |name: &str| trees.iter().position(|(index, _)| parts[*index].0 == name);
    if let (Some(document), Some(styles), Some(numbering)) = (
        position("word/document.xml"),
        position("word/styles.xml"),
        position("word/numbering.xml"),
    ) {
        let [document, styles, numbering] = trees
            .get_disjoint_mut([document, styles, numbering])
            .expect("three different parts");
        heading_numbering::link_heading_numbering(&mut document.1, &mut styles.1, &mut numbering.1);
    }
    for (index, mut tree) in trees {
        schema_order::put_in_schema_order(&mut tree);
        if let Some(xml) = xml_tree::write(&tree) {
            parts[index].1 = xml.into_bytes();
        }
    }
}

/// The relationship id of the theme part.
const THEME_RELATIONSHIP_ID: &str = "rIdTheme1";

/// Whether the part named `name` is WordprocessingML whose elements the schema orders.
fn is_wordprocessing_part(name: &str) -> bool {
    name.starts_with("word/")
        && name.ends_with(".xml")
        && !name.starts_with("word/theme/")
        && !name.starts_with("word/charts/")
}

/// Every part docx-rs built, named as the package names it, in its order.
fn package_parts(xml: docx_rs::XMLDocx) -> Vec<(String, Vec<u8>)> {
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), xml.content_type),
        ("_rels/.rels".to_string(), xml.rels),
        ("docProps/app.xml".to_string(), xml.doc_props.app),
        ("docProps/core.xml".to_string(), xml.doc_props.core),
        ("docProps/custom.xml".to_string(), xml.doc_props.custom),
        (
            "word/_rels/document.xml.rels".to_string(),
            xml.document_rels,
        ),
        ("word/document.xml".to_string(), xml.document),
        ("word/styles.xml".to_string(), xml.styles),
        ("word/settings.xml".to_string(), xml.settings),
        ("word/fontTable.xml".to_string(), xml.font_table),
        ("word/comments.xml".to_string(), xml.comments),
        ("word/numbering.xml".to_string(), xml.numberings),
        (
            "word/commentsExtended.xml".to_string(),
            xml.comments_extended,
        ),
        ("word/footnotes.xml".to_string(), xml.footnotes),
    ];
    for (index, header) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", index + 1), header));
    }
    for (index, rels) in xml.header_rels.into_iter().enumerate() {
        parts.push((format!("word/_rels/header{}.xml.rels", index + 1), rels));
    }
    for (index, footer) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", index + 1), footer));
    }
    for (index, rels) in xml.footer_rels.into_iter().enumerate() {
        parts.push((format!("word/_rels/footer{}.xml.rels", index + 1), rels));
    }
    for (name, png) in xml.media {
        parts.push((format!("word/media/{name}.png"), png));
    }
    parts
}

/// `content_types` with an override naming `part`'s content type.
fn with_override(content_types: &str, part: &str, content_type: &str) -> String {
    xml_tree::insert_before_last(
        content_types,
        "</Types>",
        &format!(r#"<Override PartName="/{part}" ContentType="{content_type}" />"#),
    )
}

/// `relationships` with one more relationship.
fn with_relationship(relationships: &str, id: &str, kind: &str, target: &str) -> String {
    xml_tree::insert_before_last(
        relationships,
        "</Relationships>",
        &format!(r#"<Relationship Id="{id}" Type="{kind}" Target="{target}" />"#),
    )
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
    if !metadata.keywords.is_empty() {
        xml.push_str(&format!(
            "<cp:keywords>{}</cp:keywords>",
            xml_text(&metadata.keywords.join("; "))
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

/// Give Normal the house font, body size and language explicitly (so Word's style pane and a
/// reader's restyling see them, not only the document defaults), mark it the default paragraph
/// style, and declare the language in the default run properties too, for text outside any style.
/// docx-rs writes its own bare Normal ahead of the styles it is given, so one added through its
/// API would be a second style with the same id, and its styles cannot hold a language: the part
/// is amended event by event instead.
fn amend_styles(styles: &str, style: &HouseStyle) -> String {
    // The names of the elements open around the event being read.
    let mut open: Vec<String> = Vec::new();
    // How many elements deep the Normal style sits, while inside it.
    let mut normal_depth: Option<usize> = None;
    let mut normal_amended = false;
    // Elements open inside Normal's own run properties, which are replaced.
    let mut replaced_depth = 0usize;
    let amended = rewrite(styles, |event, writer| {
        if replaced_depth > 0 {
            match &event {
                Event::Start(_) => replaced_depth += 1,
                Event::End(_) => replaced_depth -= 1,
                _ => {}
            }
            return Ok(());
        }
        let inside_normal = normal_depth.is_some_and(|depth| depth + 1 == open.len());
        match &event {
            Event::Start(element) | Event::Empty(element) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = element.name().as_ref().to_string();
                match name.as_str() {
                    "w:style" if !is_empty && is_normal_style(element) => {
                        normal_depth = Some(open.len());
                        normal_amended = false;
                        writer.write_event(Event::Start(with_attributes(
                            element,
                            &[("w:default", "1")],
                        )))?;
                    }
                    "w:rPr" if inside_normal && !normal_amended => {
                        normal_amended = true;
                        write_normal_run_properties(writer, style)?;
                        if !is_empty {
                            replaced_depth = 1;
                        }
                        return Ok(());
                    }
                    "w:rPr" if open.last().is_some_and(|parent| parent == "w:rPrDefault") => {
                        // `<w:rPr />` opens to hold the language.
                        let properties = BytesStart::from_content(
                            element.trim_end().to_string(),
                            element.name().as_ref().len(),
                        );
                        writer.write_event(Event::Start(properties))?;
                        writer.write_event(language())?;
                        if is_empty {
                            writer.write_event(Event::End(BytesEnd::new("w:rPr")))?;
                        }
                    }
                    _ => writer.write_event(event)?,
                }
                if !is_empty {
                    open.push(name);
                }
                Ok(())
            }
            Event::End(_) => {
                open.pop();
                if normal_depth.is_some_and(|depth| depth == open.len()) {
                    normal_depth = None;
                    // A Normal written without run properties gets them last.
                    if !normal_amended {
                        write_normal_run_properties(writer, style)?;
                    }
                }
                writer.write_event(event)
            }
            _ => writer.write_event(event),
        }
    });
    amended.unwrap_or_else(|| styles.to_string())
}

/// Whether `element` opens the Normal paragraph style.
fn is_normal_style(element: &BytesStart<'_>) -> bool {
    attribute(element, "w:type").as_deref() == Some("paragraph")
        && attribute(element, "w:styleId").as_deref() == Some("Normal")
}

/// Normal's run properties: the house font, body size and language, in the schema's order.
fn write_normal_run_properties(
    writer: &mut Writer<Vec<u8>>,
    style: &HouseStyle,
) -> std::io::Result<()> {
    let size = style.body_size.half_points().to_string();
    // A font name is letters, digits, spaces and hyphens (style.rs), escaped all the same.
    let font = quick_xml::escape::escape(style.fonts.word.as_str());
    let font = font.as_ref();
    writer.write_event(Event::Start(BytesStart::new("w:rPr")))?;
    writer.write_event(empty_element(
        "w:rFonts",
        &[
            ("w:ascii", font),
            ("w:hAnsi", font),
            ("w:cs", font),
            ("w:eastAsia", font),
        ],
    ))?;
    writer.write_event(empty_element("w:sz", &[("w:val", &size)]))?;
    writer.write_event(empty_element("w:szCs", &[("w:val", &size)]))?;
    writer.write_event(language())?;
    writer.write_event(Event::End(BytesEnd::new("w:rPr")))
}

/// The document language as a run property.
fn language() -> Event<'static> {
    empty_element("w:lang", &[("w:val", LANGUAGE)])
}

/// A contents page's page numbers are fields only Word can compute: ask it to update them when
/// the document opens.
fn ask_to_update_fields(settings: &str) -> String {
    let amended = rewrite(settings, |event, writer| {
        if let Event::End(end) = &event
            && end.name().as_ref() == "w:settings"
        {
            writer.write_event(empty_element("w:updateFields", &[("w:val", "true")]))?;
        }
        writer.write_event(event)
    });
    amended.unwrap_or_else(|| settings.to_string())
}

/// The main document amended, and what the parts that depend on it need to know.
struct AmendedDocument {
    /// The document part.
    xml: String,
    /// Each hyperlink relationship id docx-rs wrote, and the id it has now.
    hyperlinks: HashMap<String, String>,
    /// Each picture's relationship id (and media name) docx-rs wrote, and the one it has now.
    images: HashMap<String, String>,
    /// Whether a field refers to a page (a contents page), which only Word can compute.
    has_page_references: bool,
}

/// Where the pass over the document stands with a data table's first row.
#[derive(Clone, Copy, PartialEq)]
enum HeaderRow {
    /// Outside any data table's first row.
    Outside,
    /// A data table's properties have been read; its first row is next.
    Awaited,
    /// Inside a data table's first row, before its properties or cells.
    Open,
}

/// One pass over the main document: number hyperlink relationships, pictures and paragraphs in
/// document order (docx-rs numbers them from counters that run on across documents, and writes
/// every picture as `docPr id="1"` without a description); give each picture its text
/// alternative; mark each data table's first row as a header row that Word repeats on every page
/// (docx-rs has no `tblHeader`); and note whether any field refers to a page. Only markup is
/// read and changed: an author's text passes through as written.
fn amend_document(
    document: &str,
    image_alts: &[ImageDescription],
    paragraph_ids: &mut u32,
) -> AmendedDocument {
    let first_paragraph_id = *paragraph_ids;
    let mut hyperlinks: HashMap<String, String> = HashMap::new();
    let mut images: HashMap<String, String> = HashMap::new();
    let mut pictures = 0;
    let mut header_row = HeaderRow::Outside;
    let mut instruction: Option<String> = None;
    let mut instructions_so_far = String::new();
    let mut has_page_references = false;
    let xml = rewrite(document, |event, writer| {
        match &event {
            Event::Start(element) | Event::Empty(element) => {
                let is_empty = matches!(event, Event::Empty(_));
                let mut changes: Vec<(&str, String)> = Vec::new();
                if attribute(element, "w14:paraId").is_some() {
                    *paragraph_ids += 1;
                    changes.push(("w14:paraId", format!("{:08X}", *paragraph_ids)));
                }
                match element.name().as_ref() {
                    "w:hyperlink" => {
                        if let Some(id) = attribute(element, "r:id")
                            && is_hyperlink_id(&id)
                        {
                            let next = hyperlinks.len() + 1;
                            let renumbered = hyperlinks
                                .entry(id.into_owned())
                                .or_insert_with(|| format!("{HYPERLINK_PREFIX}{next}"));
                            changes.push(("r:id", renumbered.clone()));
                        }
                    }
                    "a:blip" => {
                        if let Some(id) = attribute(element, "r:embed")
                            && is_image_id(&id)
                        {
                            let next = images.len() + 1;
                            let renumbered = images
                                .entry(id.into_owned())
                                .or_insert_with(|| format!("{IMAGE_PREFIX}{next}"));
                            changes.push(("r:embed", renumbered.clone()));
                        }
                    }
                    "wp:docPr" => {
                        let (noun, alt) = image_alts
                            .get(pictures)
                            .map_or(("Chart", ""), |image| (image.noun, image.alt.as_str()));
                        pictures += 1;
                        changes.push(("id", pictures.to_string()));
                        changes.push(("name", format!("{noun} {pictures}")));
                        changes.push(("descr", xml_text(alt)));
                    }
                    "w:tblStyle" if attribute(element, "w:val").as_deref() == Some(DATA_TABLE) => {
                        header_row = HeaderRow::Awaited;
                    }
                    "w:tr" if header_row == HeaderRow::Awaited && !is_empty => {
                        header_row = HeaderRow::Open;
                    }
                    "w:trPr" if header_row == HeaderRow::Open => {
                        header_row = HeaderRow::Outside;
                        // `<w:trPr />` opens to hold the mark.
                        let name_length = element.name().as_ref().len();
                        let properties =
                            BytesStart::from_content(element.trim_end().to_string(), name_length);
                        writer.write_event(Event::Start(with_attributes(&properties, &changes)))?;
                        writer.write_event(empty_element("w:tblHeader", &[]))?;
                        if is_empty {
                            writer.write_event(Event::End(BytesEnd::new("w:trPr")))?;
                        }
                        return Ok(());
                    }
                    "w:tc" if header_row == HeaderRow::Open => {
                        // A first row without properties gets them, before its first cell.
                        header_row = HeaderRow::Outside;
                        writer.write_event(Event::Start(BytesStart::new("w:trPr")))?;
                        writer.write_event(empty_element("w:tblHeader", &[]))?;
                        writer.write_event(Event::End(BytesEnd::new("w:trPr")))?;
                    }
                    "w:instrText" if !is_empty => instruction = Some(String::new()),
                    "w:fldChar" => instructions_so_far.clear(),
                    "w:fldSimple" => {
                        if let Some(code) = attribute(element, "w:instr")
                            && refers_to_page(&unescape(&code))
                        {
                            has_page_references = true;
                        }
                    }
                    _ => {}
                }
                if changes.is_empty() {
                    return writer.write_event(event);
                }
                let changed = with_attributes(element, &changes);
                writer.write_event(if is_empty {
                    Event::Empty(changed)
                } else {
                    Event::Start(changed)
                })
            }
            Event::Text(text) => {
                if let Some(instruction) = instruction.as_mut() {
                    instruction.push_str(text);
                }
                writer.write_event(event)
            }
            Event::GeneralRef(reference) => {
                if let Some(instruction) = instruction.as_mut() {
                    instruction.push_str(&unescape(&format!("&{};", &**reference)));
                }
                writer.write_event(event)
            }
            Event::End(end) => {
                match end.name().as_ref() {
                    // A field's instruction may be split across runs: read it whole.
                    "w:instrText" => {
                        if let Some(piece) = instruction.take() {
                            instructions_so_far.push_str(&piece);
                            has_page_references |= refers_to_page(&instructions_so_far);
                        }
                    }
                    "w:tr" if header_row == HeaderRow::Open => header_row = HeaderRow::Outside,
                    _ => {}
                }
                writer.write_event(event)
            }
            _ => writer.write_event(event),
        }
    });
    match xml {
        Some(xml) => AmendedDocument {
            xml,
            hyperlinks,
            images,
            has_page_references,
        },
        // Nothing renumbered, so the other parts keep the ids docx-rs gave them too.
        None => {
            *paragraph_ids = first_paragraph_id;
            AmendedDocument {
                xml: document.to_string(),
                hyperlinks: HashMap::new(),
                images: HashMap::new(),
                has_page_references: false,
            }
        }
    }
}

/// docx-rs numbers paragraphs from a counter that runs on across documents; number each
/// document's paragraphs from 1, continuing across its parts (ids must be unique in a package).
fn renumber_paragraph_ids(part: &str, next: &mut u32) -> String {
    let first = *next;
    let amended = rewrite(part, |event, writer| match &event {
        Event::Start(element) | Event::Empty(element)
            if attribute(element, "w14:paraId").is_some() =>
        {
            *next += 1;
            let changed = with_attributes(element, &[("w14:paraId", format!("{:08X}", *next))]);
            writer.write_event(match event {
                Event::Empty(_) => Event::Empty(changed),
                _ => Event::Start(changed),
            })
        }
        _ => writer.write_event(event),
    });
    amended.unwrap_or_else(|| {
        *next = first;
        part.to_string()
    })
}

/// Give the hyperlink relationships the ids the document now uses, and write every relationship
/// in id order (docx-rs writes hyperlinks in hash order).
fn order_relationships(
    relationships: &str,
    hyperlinks: &HashMap<String, String>,
    images: &HashMap<String, String>,
) -> String {
    let mut inside = false;
    let mut gathered: Vec<((String, u64), BytesStart<'static>)> = Vec::new();
    let amended = rewrite(relationships, |event, writer| match &event {
        Event::Start(element) if element.name().as_ref() == "Relationships" => {
            inside = true;
            writer.write_event(event)
        }
        Event::Empty(element) if inside && element.name().as_ref() == "Relationship" => {
            let id = attribute(element, "Id").unwrap_or_default();
            gathered.push(
                match (hyperlinks.get(id.as_ref()), images.get(id.as_ref())) {
                    (Some(renumbered), _) => (
                        sort_key(renumbered),
                        with_attributes(element, &[("Id", renumbered.as_str())]),
                    ),
                    // A picture's media part is named for its relationship, and renamed with it.
                    (None, Some(renumbered)) => (
                        sort_key(renumbered),
                        with_attributes(
                            element,
                            &[
                                ("Id", renumbered.as_str()),
                                ("Target", &format!("media/{renumbered}.png")),
                            ],
                        ),
                    ),
                    (None, None) => (sort_key(&id), element.to_owned()),
                },
            );
            Ok(())
        }
        // The relationships are written together, without the space between them.
        Event::Text(text) if inside && text.trim().is_empty() => Ok(()),
        Event::End(end) if end.name().as_ref() == "Relationships" => {
            inside = false;
            gathered.sort_by(|(left, _), (right, _)| left.cmp(right));
            for (_, element) in gathered.drain(..) {
                writer.write_event(Event::Empty(element))?;
            }
            writer.write_event(event)
        }
        _ => writer.write_event(event),
    });
    amended.unwrap_or_else(|| relationships.to_string())
}

/// Relationship ids sort by their letters, then by their number: `rId7` before `rId10`.
fn sort_key(id: &str) -> (String, u64) {
    let digits = id.trim_start_matches(|character: char| !character.is_ascii_digit());
    let prefix = &id[..id.len() - digits.len()];
    (prefix.to_string(), digits.parse().unwrap_or(0))
}

/// Whether `id` is a hyperlink relationship id as docx-rs writes it.
fn is_hyperlink_id(id: &str) -> bool {
    is_numbered(id, HYPERLINK_PREFIX)
}

/// Whether `id` is a picture's relationship id as docx-rs writes it.
fn is_image_id(id: &str) -> bool {
    is_numbered(id, IMAGE_PREFIX)
}

/// Whether `id` is `prefix` followed by a number.
fn is_numbered(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|number| {
        !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit())
    })
}

/// Whether a field instruction refers to a page (`PAGEREF`, a contents field `TOC`; Word reads
/// field names in any case).
fn refers_to_page(instruction: &str) -> bool {
    instruction
        .split_whitespace()
        .any(|word| word.eq_ignore_ascii_case("PAGEREF") || word.eq_ignore_ascii_case("TOC"))
}

/// Read `part` event by event and return what `amend` writes for each event (events written
/// back unchanged come out byte for byte as they went in). `None` when quick-xml cannot read the
/// part: docx-rs writes well-formed XML, and the caller keeps such a part as it was rather than
/// half amended.
fn rewrite<'part>(
    part: &'part str,
    mut amend: impl FnMut(Event<'part>, &mut Writer<Vec<u8>>) -> std::io::Result<()>,
) -> Option<String> {
    let mut reader = Reader::from_str(part);
    let mut writer = Writer::new(Vec::with_capacity(part.len() + part.len() / 16));
    loop {
        match reader.read_event().ok()? {
            Event::Eof => break,
            event => amend(event, &mut writer).ok()?,
        }
    }
    String::from_utf8(writer.into_inner()).ok()
}

/// The value of `element`'s attribute `name` as written (escaped), if it has one.
fn attribute<'element>(
    element: &'element BytesStart<'_>,
    name: &str,
) -> Option<Cow<'element, str>> {
    element
        .try_get_attribute(name)
        .ok()
        .flatten()
        .map(|attribute| attribute.value)
}

/// Decode XML escapes in `raw`; text that does not decode is taken as written.
fn unescape(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), Cow::into_owned)
}

/// `element` with the attributes in `changes` set to their values (already escaped): in place
/// where it has them, after the others where not. Other values keep their escapes and the tag
/// its space before `/>`, so an element as docx-rs writes it (` key="value"`) changes in those
/// values alone.
fn with_attributes<Value: AsRef<str>>(
    element: &BytesStart<'_>,
    changes: &[(&str, Value)],
) -> BytesStart<'static> {
    let name = element.name().as_ref().to_string();
    let name_length = name.len();
    let mut content = name;
    let mut unset: Vec<(&str, &str)> = changes
        .iter()
        .map(|(key, value)| (*key, value.as_ref()))
        .collect();
    for attribute in element.attributes() {
        let Ok(attribute) = attribute else {
            return element.to_owned();
        };
        let key = attribute.key.as_ref();
        let value = match unset.iter().position(|(changed, _)| *changed == key) {
            Some(index) => Cow::Borrowed(unset.remove(index).1),
            None => attribute.value,
        };
        push_attribute(&mut content, key, &value);
    }
    for (key, value) in unset {
        push_attribute(&mut content, key, value);
    }
    // docx-rs writes `<name a="b" />`: keep the space before the slash.
    let content_length = element.len();
    content.push_str(&element[element.trim_end().len()..content_length]);
    BytesStart::from_content(content, name_length)
}

/// Append ` key="value"` to a tag's content; a value holding `"` (written between single quotes)
/// keeps its single quotes.
fn push_attribute(content: &mut String, key: &str, value: &str) {
    let quote = if value.contains('"') { '\'' } else { '"' };
    content.push(' ');
    content.push_str(key);
    content.push('=');
    content.push(quote);
    content.push_str(value);
    content.push(quote);
}

/// A new empty element written as docx-rs writes them, `<name a="b" />`; values already escaped.
fn empty_element(name: &str, attributes: &[(&str, &str)]) -> Event<'static> {
    let mut content = name.to_string();
    for (key, value) in attributes {
        push_attribute(&mut content, key, value);
    }
    content.push(' ');
    Event::Empty(BytesStart::from_content(content, name.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{Hyperlink, HyperlinkType, Paragraph, Run};

    /// A part of a finished package, as text.
    fn package_part(package: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(package)).unwrap();
        let mut part = archive.by_name(name).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut part, &mut text).unwrap();
        text
    }

    fn metadata() -> Metadata {
        Metadata {
            title: "Title".to_string(),
            authors: Vec::new(),
            description: None,
            keywords: Vec::new(),
            date: None,
        }
    }

    /// A package whose one paragraph holds `text`, and a field whose instruction is `field`.
    fn package_with(text: &str, field: Option<&str>) -> Vec<u8> {
        let mut paragraph = Paragraph::new().add_run(Run::new().add_text(text));
        if let Some(instruction) = field {
            paragraph = paragraph
                .add_run(Run::new().add_field_char(docx_rs::FieldCharType::Begin, true))
                .add_run(
                    Run::new()
                        .add_instr_text(docx_rs::InstrText::Unsupported(instruction.to_string())),
                )
                .add_run(Run::new().add_field_char(docx_rs::FieldCharType::End, false));
        }
        finish(
            Docx::new().add_paragraph(paragraph),
            &metadata(),
            &[],
            &[],
            &HouseStyle::built_in(),
        )
    }

    #[test]
    fn hyperlink_ids_follow_document_order() {
        let document = amend_document(
            r#"<w:body><w:hyperlink r:id="rIdHyperlink17"/><w:hyperlink r:id="rIdHyperlink12"/><w:hyperlink r:id="rIdHyperlink17"/></w:body>"#,
            &[],
            &mut 0,
        );
        assert_eq!(
            document.xml,
            r#"<w:body><w:hyperlink r:id="rIdHyperlink1"/><w:hyperlink r:id="rIdHyperlink2"/><w:hyperlink r:id="rIdHyperlink1"/></w:body>"#
        );
        let relationships = order_relationships(
            r#"<Relationships><Relationship Id="rIdHyperlink12"/><Relationship Id="rIdHyperlink17"/></Relationships>"#,
            &document.hyperlinks,
            &document.images,
        );
        assert_eq!(
            relationships,
            r#"<Relationships><Relationship Id="rIdHyperlink1"/><Relationship Id="rIdHyperlink2"/></Relationships>"#
        );
    }

    #[test]
    fn pictures_are_named_in_document_order_whatever_else_the_process_built() {
        let document = amend_document(
            r#"<w:body><a:blip r:embed="rIdImage9"/><a:blip r:embed="rIdImage4"/></w:body>"#,
            &[],
            &mut 0,
        );
        assert_eq!(
            document.xml,
            r#"<w:body><a:blip r:embed="rIdImage1"/><a:blip r:embed="rIdImage2"/></w:body>"#
        );
        let relationships = order_relationships(
            r#"<Relationships><Relationship Id="rIdImage4" Target="media/rIdImage4.png"/><Relationship Id="rIdImage9" Target="media/rIdImage9.png"/></Relationships>"#,
            &document.hyperlinks,
            &document.images,
        );
        assert_eq!(
            relationships,
            r#"<Relationships><Relationship Id="rIdImage1" Target="media/rIdImage1.png"/><Relationship Id="rIdImage2" Target="media/rIdImage2.png"/></Relationships>"#
        );
        // Two papers with pictures built one after the other give the same parts as each alone.
        let picture = || {
            let mut png = Vec::new();
            let mut encoder = png::Encoder::new(&mut png, 1, 1);
            encoder.set_color(png::ColorType::Grayscale);
            let mut writer = encoder.write_header().unwrap();
            writer.write_image_data(&[128]).unwrap();
            writer.finish().unwrap();
            Docx::new().add_paragraph(
                Paragraph::new().add_run(Run::new().add_image(docx_rs::Pic::new(&png))),
            )
        };
        let first = finish(picture(), &metadata(), &[], &[], &HouseStyle::built_in());
        let second = finish(picture(), &metadata(), &[], &[], &HouseStyle::built_in());
        assert_eq!(first, second);
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
        let sorted = order_relationships(
            r#"<?xml?><Relationships xmlns="x"><Relationship Id="rIdHyperlink2" /><Relationship Id="rId10" /><Relationship Id="rIdHyperlink1" /><Relationship Id="rId7" /></Relationships>"#,
            &HashMap::new(),
            &HashMap::new(),
        );
        assert_eq!(
            sorted,
            r#"<?xml?><Relationships xmlns="x"><Relationship Id="rId7" /><Relationship Id="rId10" /><Relationship Id="rIdHyperlink1" /><Relationship Id="rIdHyperlink2" /></Relationships>"#
        );
    }

    #[test]
    fn an_author_writing_a_hyperlink_id_keeps_the_text() {
        let document = amend_document(
            r#"<w:p><w:hyperlink r:id="rIdHyperlink7" w:history="1"><w:r><w:t>link</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve">rIdHyperlink3 and rIdHyperlink7</w:t></w:r></w:p>"#,
            &[],
            &mut 0,
        );
        assert_eq!(
            document.xml,
            r#"<w:p><w:hyperlink r:id="rIdHyperlink1" w:history="1"><w:r><w:t>link</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve">rIdHyperlink3 and rIdHyperlink7</w:t></w:r></w:p>"#
        );
        assert_eq!(document.hyperlinks.len(), 1);

        // The same through docx-rs: the package's link is renumbered, the author's text is not.
        let paragraph = Paragraph::new()
            .add_hyperlink(
                Hyperlink::new("https://example.org/", HyperlinkType::External)
                    .add_run(Run::new().add_text("link")),
            )
            .add_run(Run::new().add_text("rIdHyperlink3 rIdHyperlink1"));
        let package = finish(
            Docx::new().add_paragraph(paragraph),
            &metadata(),
            &[],
            &[],
            &HouseStyle::built_in(),
        );
        let document = package_part(&package, "word/document.xml");
        assert!(document.contains(r#"r:id="rIdHyperlink1""#), "{document}");
        assert!(
            document.contains(">rIdHyperlink3 rIdHyperlink1<"),
            "{document}"
        );
        let relationships = package_part(&package, "word/_rels/document.xml.rels");
        assert!(
            relationships.contains(r#"Id="rIdHyperlink1""#),
            "{relationships}"
        );
        assert!(!relationships.contains("rIdHyperlink2"), "{relationships}");
    }

    #[test]
    fn the_word_pageref_in_text_does_not_ask_to_update_fields() {
        let document = amend_document(
            r#"<w:p><w:r><w:t>See PAGEREF _Toc1 \h</w:t></w:r></w:p>"#,
            &[],
            &mut 0,
        );
        assert!(!document.has_page_references);
        let package = package_with("PAGEREF", None);
        let settings = package_part(&package, "word/settings.xml");
        assert!(!settings.contains("updateFields"), "{settings}");
    }

    #[test]
    fn a_page_reference_field_asks_to_update_fields() {
        let package = package_with("Contents", Some(" PAGEREF _Toc1 \\h "));
        let settings = package_part(&package, "word/settings.xml");
        // Where the schema places it: after the default tab stop, before the compatibility
        // settings.
        assert!(
            settings.contains(
                r#"<w:defaultTabStop w:val="840" /><w:updateFields w:val="true" /><w:compat>"#
            ),
            "{settings}"
        );
        // An instruction split across runs, and a simple field, count too.
        for document in [
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE</w:instrText></w:r><w:r><w:instrText>REF x</w:instrText></w:r></w:p>"#,
            r#"<w:p><w:fldSimple w:instr=" pageref x "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>"#,
        ] {
            assert!(
                amend_document(document, &[], &mut 0).has_page_references,
                "{document}"
            );
        }
        // A field that refers to no page does not.
        let document = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>"#;
        assert!(!amend_document(document, &[], &mut 0).has_page_references);
    }

    #[test]
    fn text_that_looks_like_markup_passes_through_as_written() {
        let text = r#"<w:p w14:paraId="000000AA"><w:r><w:t xml:space="preserve">a &lt; b &amp; &quot;c&quot; &apos;d&apos; w14:paraId="00000009" rIdHyperlink3 PAGEREF &lt;wp:docPr id="1" name="Figure" /&gt; &lt;w:tblStyle w:val="PapersDataTable" /&gt;&lt;w:trPr&gt;</w:t></w:r></w:p>"#;
        let alt = ImageDescription {
            noun: "Chart",
            alt: "alt".to_string(),
        };
        let document = amend_document(text, &[alt], &mut 0);
        assert_eq!(document.xml, text.replace("000000AA", "00000001"));
        assert!(document.hyperlinks.is_empty());
        assert!(!document.has_page_references);
    }

    #[test]
    fn pictures_are_numbered_and_described() {
        let document = amend_document(
            r#"<wp:docPr id="1" name="Figure" /><w:t>Figure</w:t><wp:docPr id="1" name="Figure" />"#,
            &[ImageDescription {
                noun: "Chart",
                alt: "Bar chart of \"A\" < B & C".to_string(),
            }],
            &mut 0,
        );
        assert_eq!(
            document.xml,
            r#"<wp:docPr id="1" name="Chart 1" descr="Bar chart of &quot;A&quot; &lt; B &amp; C" /><w:t>Figure</w:t><wp:docPr id="2" name="Chart 2" descr="" />"#
        );
    }

    #[test]
    fn the_first_row_of_a_data_table_repeats() {
        let table = |properties: &str| {
            format!(
                r#"<w:tbl><w:tblPr><w:tblStyle w:val="{DATA_TABLE}" /></w:tblPr><w:tr>{properties}<w:tc><w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc /></w:tr></w:tbl></w:tc></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc /></w:tr></w:tbl>"#
            )
        };
        for (first_row, marked) in [
            (
                "<w:trPr><w:cantSplit /></w:trPr>",
                "<w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>",
            ),
            ("<w:trPr />", "<w:trPr><w:tblHeader /></w:trPr>"),
            ("", "<w:trPr><w:tblHeader /></w:trPr>"),
        ] {
            let document = amend_document(&table(first_row), &[], &mut 0);
            assert_eq!(document.xml, table(marked));
        }
        // A table of another style is left alone, and so is the next table after a data table.
        let plain = r#"<w:tbl><w:tblPr><w:tblStyle w:val="Other" /></w:tblPr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>"#;
        assert_eq!(amend_document(plain, &[], &mut 0).xml, plain);
    }

    /// The Normal style element of a styles part.
    fn normal_style(styles: &str) -> &str {
        let start = styles
            .find(r#"<w:style w:type="paragraph" w:styleId="Normal""#)
            .unwrap_or_else(|| panic!("no Normal style: {styles}"));
        let length = styles[start..].find("</w:style>").unwrap() + "</w:style>".len();
        &styles[start..start + length]
    }

    #[test]
    fn the_normal_style_carries_the_house_font_size_and_language() {
        let docx = super::super::styles::house_styles(Docx::new(), &HouseStyle::built_in())
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Normal")));
        let styles = package_part(
            &finish(docx, &metadata(), &[], &[], &HouseStyle::built_in()),
            "word/styles.xml",
        );
        assert_eq!(
            normal_style(&styles),
            // In schema order, and without the run properties docx-rs puts in a style's paragraph
            // properties, which the schema does not allow there.
            r#"<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal" /><w:qFormat /><w:pPr/><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial" /><w:sz w:val="24" /><w:szCs w:val="24" /><w:lang w:val="en-GB" /></w:rPr></w:style>"#
        );
        // The document defaults declare the language too; they keep their font and size.
        assert!(
            styles.contains(
                r#"<w:sz w:val="24" /><w:szCs w:val="24" /><w:lang w:val="en-GB" /></w:rPr></w:rPrDefault>"#
            ),
            "{styles}"
        );
        // No other style is amended.
        assert_eq!(styles.matches("<w:lang ").count(), 2, "{styles}");
        assert_eq!(styles.matches(r#"w:default="1""#).count(), 1, "{styles}");
    }

    #[test]
    fn the_normal_style_is_amended_however_docx_rs_writes_it() {
        let run_properties = r#"<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial" /><w:sz w:val="24" /><w:szCs w:val="24" /><w:lang w:val="en-GB" /></w:rPr>"#;
        for (written, amended) in [
            // Run properties with content are replaced, not added to.
            (
                r#"<w:rPr><w:b /></w:rPr><w:pPr />"#,
                format!("{run_properties}<w:pPr />"),
            ),
            // Without run properties, they come last.
            (
                r#"<w:name w:val="Normal" />"#,
                format!(r#"<w:name w:val="Normal" />{run_properties}"#),
            ),
        ] {
            let styles = format!(
                r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr /></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Normal">{written}</w:style><w:style w:type="character" w:styleId="Normal"><w:rPr /></w:style></w:styles>"#
            );
            assert_eq!(
                amend_styles(&styles, &HouseStyle::built_in()),
                format!(
                    r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-GB" /></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Normal" w:default="1">{amended}</w:style><w:style w:type="character" w:styleId="Normal"><w:rPr /></w:style></w:styles>"#
                )
            );
        }
    }

    #[test]
    fn a_part_that_does_not_parse_is_left_as_it_was() {
        let broken = r#"<w:p w14:paraId="0000002a"><w:t>x</w:p>"#;
        assert_eq!(amend_document(broken, &[], &mut 0).xml, broken);
    }
}
