//! Heading numbers carried by the Heading styles, as Word's own multilevel lists are: the list
//! level names the style, the style names the list, and a numbered heading holds no numbering
//! of its own. A heading added in Word is numbered in sequence, and readers that take a
//! paragraph with numbering for a list item (pandoc) read the headings as headings.
//!
//! The writer numbers every paragraph directly (its numbers must print exactly as the model's);
//! this pass, over the finished parts, moves each heading style's numbering onto the style
//! wherever that prints the same numbers. A heading whose number comes from another list (a
//! number set by hand that restarts the count) keeps its own, and a heading of a numbered style
//! that has no number is put on a list that prints nothing. (The schema's own way, `numId` 0,
//! is taken by strict checkers for a reference to a list that does not exist.)

use std::collections::BTreeMap;

use super::styles::HEADINGS;
use super::xml_tree::{self, Element, Node};

/// A list and a level in it.
type ListLevel = (String, String);

/// Link the heading styles of `styles` to the list levels their first numbered paragraphs in
/// `document` use, recording the link in `numbering`, and take the numbering off the headings
/// it now reaches through the style.
pub fn link_heading_numbering(document: &mut [Node], styles: &mut [Node], numbering: &mut [Node]) {
    let links = links(document);
    if links.is_empty() {
        return;
    }
    let unnumbered = unused_list_id(numbering);
    let mut needs_unnumbered = false;
    xml_tree::visit_mut(document, &mut |element| {
        if element.name() != "w:p" {
            return;
        }
        let Some(style) = heading_style(element) else {
            return;
        };
        let Some(linked) = links.get(&style) else {
            return;
        };
        let Some(properties) = element.child_mut("w:pPr") else {
            return;
        };
        match list_level(properties) {
            Some(own) if &own == linked => properties.remove_children("w:numPr"),
            Some(_) => {}
            None => {
                needs_unnumbered = true;
                let mut none = Element::new("w:numPr", &[]);
                none.push(Element::new("w:ilvl", &[("w:val", "0")]));
                none.push(Element::new("w:numId", &[("w:val", &unnumbered)]));
                properties.push(none);
            }
        }
    });
    if needs_unnumbered {
        add_unnumbered_list(numbering, &unnumbered);
    }
    let abstract_of = abstract_numbering_ids(numbering);
    for (style, (list, level)) in &links {
        link_style(styles, style, list, level);
        if let Some(abstract_id) = abstract_of.get(list) {
            link_level(numbering, abstract_id, level, style);
        }
    }
}

/// An id no list or abstract numbering in `numbering` uses.
fn unused_list_id(numbering: &[Node]) -> String {
    let mut highest = 0u64;
    xml_tree::visit(numbering, &mut |element| {
        for key in ["w:numId", "w:abstractNumId"] {
            if matches!(element.name(), "w:num" | "w:abstractNum")
                && let Some(id) = element.attribute(key).and_then(|id| id.parse().ok())
            {
                highest = highest.max(id);
            }
        }
    });
    (highest + 1).to_string()
}

/// Add a list `id` (and its abstract numbering, of the same id) whose one level prints nothing
/// and indents nothing.
fn add_unnumbered_list(numbering: &mut [Node], id: &str) {
    let Some(Node::Element(root)) = numbering
        .iter_mut()
        .find(|node| matches!(node, Node::Element(element) if element.name() == "w:numbering"))
    else {
        return;
    };
    let mut level = Element::new("w:lvl", &[("w:ilvl", "0")]);
    level.push(Element::new("w:start", &[("w:val", "1")]));
    level.push(Element::new("w:numFmt", &[("w:val", "none")]));
    level.push(Element::new("w:lvlText", &[("w:val", "")]));
    level.push(Element::new("w:lvlJc", &[("w:val", "left")]));
    let mut indent = Element::new("w:pPr", &[]);
    indent.push(Element::new(
        "w:ind",
        &[("w:left", "0"), ("w:firstLine", "0")],
    ));
    level.push(indent);
    let mut definition = Element::new("w:abstractNum", &[("w:abstractNumId", id)]);
    definition.push(Element::new(
        "w:multiLevelType",
        &[("w:val", "singleLevel")],
    ));
    definition.push(level);
    let mut list = Element::new("w:num", &[("w:numId", id)]);
    list.push(Element::new("w:abstractNumId", &[("w:val", id)]));
    // Abstract numberings come before lists; the schema ordering pass puts it there.
    root.push(definition);
    root.push(list);
}

/// Each heading style's list level: that of its first numbered paragraph, unless another style
/// took that level first.
fn links(document: &[Node]) -> BTreeMap<String, ListLevel> {
    let mut links: BTreeMap<String, ListLevel> = BTreeMap::new();
    xml_tree::visit(document, &mut |element| {
        if element.name() != "w:p" {
            return;
        }
        let Some(style) = heading_style(element) else {
            return;
        };
        let Some(level) = element.child("w:pPr").and_then(list_level) else {
            return;
        };
        if level.0 != "0" && !links.contains_key(&style) && !links.values().any(|l| *l == level) {
            links.insert(style, level);
        }
    });
    links
}

/// The paragraph's style, if it is a heading style.
fn heading_style(paragraph: &Element) -> Option<String> {
    let style = paragraph
        .child("w:pPr")?
        .child("w:pStyle")?
        .attribute("w:val")?;
    HEADINGS.contains(&style.as_str()).then_some(style)
}

/// The list and level paragraph properties number with, if any.
fn list_level(properties: &Element) -> Option<ListLevel> {
    let numbering = properties.child("w:numPr")?;
    let list = numbering.child("w:numId")?.attribute("w:val")?;
    let level = numbering
        .child("w:ilvl")
        .and_then(|level| level.attribute("w:val"))
        .unwrap_or_else(|| "0".to_string());
    Some((list, level))
}

/// Each list's abstract numbering id.
fn abstract_numbering_ids(numbering: &[Node]) -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    xml_tree::visit(numbering, &mut |element| {
        if element.name() == "w:num"
            && let Some(list) = element.attribute("w:numId")
            && let Some(abstract_id) = element
                .child("w:abstractNumId")
                .and_then(|id| id.attribute("w:val"))
        {
            ids.insert(list, abstract_id);
        }
    });
    ids
}

/// Give the paragraph style `style` the list level as its numbering.
fn link_style(styles: &mut [Node], style: &str, list: &str, level: &str) {
    xml_tree::visit_mut(styles, &mut |element| {
        if element.name() != "w:style" || element.attribute("w:styleId").as_deref() != Some(style) {
            return;
        }
        let properties = element.child_or_insert("w:pPr");
        properties.remove_children("w:numPr");
        let mut numbering = Element::new("w:numPr", &[]);
        numbering.push(Element::new("w:ilvl", &[("w:val", level)]));
        numbering.push(Element::new("w:numId", &[("w:val", list)]));
        properties.push(numbering);
    });
}

/// Name `style` in the level `level` of the abstract numbering `abstract_id`.
fn link_level(numbering: &mut [Node], abstract_id: &str, level: &str, style: &str) {
    xml_tree::visit_mut(numbering, &mut |element| {
        if element.name() != "w:abstractNum"
            || element.attribute("w:abstractNumId").as_deref() != Some(abstract_id)
        {
            return;
        }
        for definition in element.elements_mut() {
            if definition.name() == "w:lvl"
                && definition.attribute("w:ilvl").as_deref() == Some(level)
            {
                definition.remove_children("w:pStyle");
                definition.push(Element::new("w:pStyle", &[("w:val", style)]));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(style: &str, numbering: Option<(&str, &str)>, text: &str) -> String {
        let numbering = numbering.map_or(String::new(), |(list, level)| {
            format!(r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list}"/></w:numPr>"#)
        });
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{numbering}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    fn linked(document: &str) -> (String, String, String) {
        let styles = r#"<w:styles><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>"#;
        let numbering = r#"<w:numbering><w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="4"/></w:num></w:numbering>"#;
        let mut trees = [document, styles, numbering].map(|part| xml_tree::parse(part).unwrap());
        let [document, styles, numbering] = &mut trees;
        link_heading_numbering(document, styles, numbering);
        let [document, styles, numbering] = trees.map(|tree| xml_tree::write(&tree).unwrap());
        (document, styles, numbering)
    }

    #[test]
    fn numbered_headings_take_their_numbers_from_the_style() {
        let document = [
            heading("Heading2", None, "Executive summary"),
            heading("Heading2", Some(("4", "0")), "Purpose"),
            heading("Heading2", Some(("4", "0")), "Background"),
        ]
        .concat();
        let (document, styles, numbering) = linked(&document);
        assert_eq!(
            document,
            [
                r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>Executive summary</w:t></w:r></w:p>"#,
                r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Purpose</w:t></w:r></w:p>"#,
                r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Background</w:t></w:r></w:p>"#,
            ]
            .concat()
        );
        assert!(styles.contains(
            r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr>"#
        ));
        assert!(numbering.contains(
            r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:pStyle w:val="Heading2"/></w:lvl>"#
        ));
        // The unnumbered heading's list prints nothing.
        assert!(numbering.contains(r#"<w:abstractNum w:abstractNumId="5"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="none"/><w:lvlText w:val=""/>"#), "{numbering}");
        assert!(
            numbering.ends_with(
                r#"<w:num w:numId="5"><w:abstractNumId w:val="5"/></w:num></w:numbering>"#
            )
        );
    }

    #[test]
    fn a_heading_numbered_from_another_list_keeps_its_own_numbering() {
        let restarted = heading("Heading2", Some(("5", "0")), "Set by hand");
        let document = [
            heading("Heading2", Some(("4", "0")), "Purpose"),
            restarted.clone(),
        ]
        .concat();
        let (document, _, _) = linked(&document);
        assert!(document.ends_with(&restarted), "{document}");
    }

    #[test]
    fn a_document_without_numbered_headings_is_unchanged() {
        let document = heading("Heading2", None, "Minutes");
        assert_eq!(linked(&document).0, document);
    }
}
