//! Putting WordprocessingML elements in the order the ECMA-376 schema requires.
//!
//! docx-rs writes properties in the order its builder calls were made (`jc` before `spacing`,
//! `rPr` ahead of `pPr` in a numbering level, `sectPr`'s references after its page size). Word
//! forgives that; stricter consumers (schema validators, some converters and screen-reader
//! tools) do not. Each part is read into a small tree, the children of every element the
//! schema orders are sorted stably by their place in its sequence, attributes the schema does
//! not declare are dropped, and the tree is written back. Text is never touched.

use quick_xml::events::{BytesStart, Event};

use super::xml_tree::{self, Element, Node};

/// An element's children in schema order. `*` stands for every child not listed (runs,
/// hyperlinks, tables: the content itself, whose order is the document's); a name not listed
/// where there is no `*` keeps its place after the child before it. Alternatives that the
/// schema lets appear in any order between themselves share a slot (`a|b`).
const SEQUENCES: &[(&str, &[&str])] = &[
    ("w:body", &["*", "w:sectPr"]),
    ("w:p", &["w:pPr", "*"]),
    ("w:r", &["w:rPr", "*"]),
    ("w:tbl", &["w:tblPr", "w:tblGrid", "*"]),
    ("w:tr", &["w:tblPrEx", "w:trPr", "*"]),
    ("w:tc", &["w:tcPr", "*"]),
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:numPr",
        &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"],
    ),
    (
        "w:rPr",
        &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
    ),
    (
        "w:trPr",
        &[
            "w:cnfStyle",
            "w:divId",
            "w:gridBefore",
            "w:gridAfter",
            "w:wBefore",
            "w:wAfter",
            "w:cantSplit",
            "w:trHeight",
            "w:tblHeader",
            "w:tblCellSpacing",
            "w:jc",
            "w:hidden",
            "w:ins",
            "w:del",
            "w:trPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
    ),
    (
        "w:tblBorders",
        &[
            "w:top",
            "w:left|w:start",
            "w:bottom",
            "w:right|w:end",
            "w:insideH",
            "w:insideV",
        ],
    ),
    (
        "w:tcBorders",
        &[
            "w:top",
            "w:left|w:start",
            "w:bottom",
            "w:right|w:end",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
    ),
    (
        "w:tblCellMar",
        &["w:top", "w:left|w:start", "w:bottom", "w:right|w:end"],
    ),
    (
        "w:tcMar",
        &["w:top", "w:left|w:start", "w:bottom", "w:right|w:end"],
    ),
    (
        "w:pBdr",
        &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:between",
            "w:bar",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference|w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    (
        "w:tblStylePr",
        &["w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr"],
    ),
    ("w:styles", &["w:docDefaults", "w:latentStyles", "w:style"]),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault"]),
    (
        "w:abstractNum",
        &[
            "w:nsid",
            "w:multiLevelType",
            "w:tmpl",
            "w:name",
            "w:styleLink",
            "w:numStyleLink",
            "w:lvl",
        ],
    ),
    (
        "w:lvl",
        &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
    ),
    (
        "w:numbering",
        &[
            "w:numPicBullet",
            "w:abstractNum",
            "w:num",
            "w:numIdMacAtCleanup",
        ],
    ),
    ("w:num", &["w:abstractNumId", "w:lvlOverride"]),
    ("w:lvlOverride", &["w:startOverride", "w:lvl"]),
    (
        "w:settings",
        &[
            "w:writeProtection",
            "w:view",
            "w:zoom",
            "w:removePersonalInformation",
            "w:removeDateAndTime",
            "w:doNotDisplayPageBoundaries",
            "w:displayBackgroundShape",
            "w:printPostScriptOverText",
            "w:printFractionalCharacterWidth",
            "w:printFormsData",
            "w:embedTrueTypeFonts",
            "w:embedSystemFonts",
            "w:saveSubsetFonts",
            "w:saveFormsData",
            "w:mirrorMargins",
            "w:alignBordersAndEdges",
            "w:bordersDoNotSurroundHeader",
            "w:bordersDoNotSurroundFooter",
            "w:gutterAtTop",
            "w:hideSpellingErrors",
            "w:hideGrammaticalErrors",
            "w:activeWritingStyle",
            "w:proofState",
            "w:formsDesign",
            "w:attachedTemplate",
            "w:linkStyles",
            "w:stylePaneFormatFilter",
            "w:stylePaneSortMethod",
            "w:documentType",
            "w:mailMerge",
            "w:revisionView",
            "w:trackRevisions",
            "w:doNotTrackMoves",
            "w:doNotTrackFormatting",
            "w:documentProtection",
            "w:autoFormatOverride",
            "w:styleLockTheme",
            "w:styleLockQFSet",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:consecutiveHyphenLimit",
            "w:hyphenationZone",
            "w:doNotHyphenateCaps",
            "w:showEnvelope",
            "w:summaryLength",
            "w:clickAndTypeStyle",
            "w:defaultTableStyle",
            "w:evenAndOddHeaders",
            "w:bookFoldRevPrinting",
            "w:bookFoldPrinting",
            "w:bookFoldPrintingSheets",
            "w:drawingGridHorizontalSpacing",
            "w:drawingGridVerticalSpacing",
            "w:displayHorizontalDrawingGridEvery",
            "w:displayVerticalDrawingGridEvery",
            "w:doNotUseMarginsForDrawingGridOrigin",
            "w:drawingGridHorizontalOrigin",
            "w:drawingGridVerticalOrigin",
            "w:doNotShadeFormData",
            "w:noPunctuationKerning",
            "w:characterSpacingControl",
            "w:printTwoOnOne",
            "w:strictFirstAndLastChars",
            "w:noLineBreaksAfter",
            "w:noLineBreaksBefore",
            "w:savePreviewPicture",
            "w:doNotValidateAgainstSchema",
            "w:saveInvalidXml",
            "w:ignoreMixedContent",
            "w:alwaysShowPlaceholderText",
            "w:doNotDemarcateInvalidXml",
            "w:saveXmlDataOnly",
            "w:useXSLTWhenSaving",
            "w:saveThroughXslt",
            "w:showXMLTags",
            "w:alwaysMergeEmptyNamespace",
            "w:updateFields",
            "w:hdrShapeDefaults",
            "w:footnotePr",
            "w:endnotePr",
            "w:compat",
            "w:docVars",
            "w:rsids",
            "m:mathPr",
            "w:attachedSchema",
            "w:themeFontLang",
            "w:clrSchemeMapping",
            "w:doNotIncludeSubdocsInStats",
            "w:doNotAutoCompressPictures",
            "w:forceUpgrade",
            "w:captions",
            "w:readModeInkLockDown",
            "w:smartTagType",
            "sl:schemaLibrary",
            "w:shapeDefaults",
            "w:doNotEmbedSmartTags",
            "w:decimalSymbol",
            "w:listSeparator",
        ],
    ),
];

/// Attributes docx-rs writes that the schema does not declare on that element.
const UNDECLARED_ATTRIBUTES: &[(&str, &str)] = &[("w:gridCol", "w:type")];

/// Elements whose paragraph properties are the general kind (`CT_PPrGeneral`), which holds no
/// run properties; docx-rs writes an empty `<w:rPr />` there.
const GENERAL_PARAGRAPH_PROPERTIES: &[&str] = &["w:style", "w:lvl", "w:pPrDefault", "w:tblStylePr"];

/// Put every element of the forest in schema order: sort the children of every element the
/// schema orders, and drop undeclared attributes and run properties where none may stand.
pub fn put_in_schema_order(nodes: &mut [Node]) {
    xml_tree::visit_mut(nodes, &mut |element| {
        if GENERAL_PARAGRAPH_PROPERTIES.contains(&element.name())
            && let Some(properties) = element.child_mut("w:pPr")
        {
            properties.remove_children("w:rPr");
        }
        drop_undeclared_attributes(element);
        let name = element.name().to_string();
        order_children(&name, &mut element.children);
    });
}

/// Sort `children` stably by their slot in the sequence `parent` follows, if the schema orders
/// it. Elements with mixed text content are left alone.
fn order_children(name: &str, children: &mut Vec<Node>) {
    let Some((_, sequence)) = SEQUENCES.iter().find(|(element, _)| *element == name) else {
        return;
    };
    let has_text = children.iter().any(|child| {
        matches!(child, Node::Other(Event::Text(text)) if !text.as_ref().trim_ascii().is_empty())
    });
    if has_text {
        return;
    }
    let slot_of = |child: &Node| -> Option<usize> {
        let Node::Element(element) = child else {
            return None;
        };
        sequence.iter().position(|entry| {
            entry
                .split('|')
                .any(|alternative| alternative == element.name())
        })
    };
    let rest = sequence.iter().position(|entry| *entry == "*");
    let mut slot = 0;
    let mut keyed: Vec<(usize, Node)> = children
        .drain(..)
        .map(|child| {
            slot = match (slot_of(&child), rest) {
                (Some(known), _) => known,
                (None, Some(rest)) => rest,
                // Unknown here: it stays after the child before it.
                (None, None) => slot,
            };
            (slot, child)
        })
        .collect();
    keyed.sort_by_key(|(slot, _)| *slot);
    children.extend(keyed.into_iter().map(|(_, child)| child));
}

/// Drop the attributes the schema does not declare on `element`. Attributes are copied raw, as
/// read: their values stay escaped exactly once.
fn drop_undeclared_attributes(element: &mut Element) {
    let dropped: Vec<&str> = UNDECLARED_ATTRIBUTES
        .iter()
        .filter(|(name, _)| *name == element.name())
        .map(|(_, attribute)| *attribute)
        .collect();
    if dropped.is_empty() {
        return;
    }
    let mut cleaned = BytesStart::new(element.name().to_string());
    cleaned.extend_attributes(
        element
            .start
            .attributes()
            .flatten()
            .filter(|attribute| !dropped.iter().any(|name| *name == attribute.key.as_ref())),
    );
    element.start = cleaned;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `part` with every ordered element's children in schema order and undeclared attributes
    /// dropped; the part unchanged when it does not parse as XML.
    fn in_schema_order(part: &str) -> String {
        let Some(mut nodes) = xml_tree::parse(part) else {
            return part.to_string();
        };
        put_in_schema_order(&mut nodes);
        xml_tree::write(&nodes).unwrap_or_else(|| part.to_string())
    }

    #[test]
    fn paragraph_properties_follow_the_schema() {
        let part = r#"<w:p><w:pPr><w:jc w:val="left"/><w:spacing w:after="0"/><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="2"/><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>a &lt; b</w:t><w:rPr><w:sz w:val="24"/><w:b/></w:rPr></w:r></w:p>"#;
        assert_eq!(
            in_schema_order(part),
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="24"/></w:rPr><w:t>a &lt; b</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn content_keeps_its_order_and_the_section_comes_last() {
        let part = r#"<w:body><w:sectPr><w:pgSz/><w:footerReference/></w:sectPr><w:p><w:r><w:t>2</w:t></w:r></w:p><w:tbl><w:tblGrid/><w:tblPr/></w:tbl><w:p><w:r><w:t>1</w:t></w:r></w:p></w:body>"#;
        assert_eq!(
            in_schema_order(part),
            r#"<w:body><w:p><w:r><w:t>2</w:t></w:r></w:p><w:tbl><w:tblPr/><w:tblGrid/></w:tbl><w:p><w:r><w:t>1</w:t></w:r></w:p><w:sectPr><w:footerReference/><w:pgSz/></w:sectPr></w:body>"#
        );
    }

    #[test]
    fn an_unknown_element_stays_after_its_neighbour() {
        let part = r#"<w:rPr><w:sz/><w14:ligatures/><w:b/></w:rPr>"#;
        assert_eq!(
            in_schema_order(part),
            r#"<w:rPr><w:b/><w:sz/><w14:ligatures/></w:rPr>"#
        );
    }

    #[test]
    fn a_style_or_numbering_level_has_no_paragraph_run_properties() {
        let part = r#"<w:lvl><w:pPr><w:ind/><w:rPr/></w:pPr><w:rPr/></w:lvl>"#;
        assert_eq!(
            in_schema_order(part),
            r#"<w:lvl><w:pPr><w:ind/></w:pPr><w:rPr/></w:lvl>"#
        );
        let paragraph = r#"<w:p><w:pPr><w:ind/><w:rPr/></w:pPr></w:p>"#;
        assert_eq!(in_schema_order(paragraph), paragraph);
    }

    #[test]
    fn undeclared_attributes_are_dropped() {
        let part = r#"<w:tblGrid><w:gridCol w:w="100" w:type="dxa"/><w:gridCol w:w="1&amp;2" w:type="dxa"/></w:tblGrid>"#;
        assert_eq!(
            in_schema_order(part),
            r#"<w:tblGrid><w:gridCol w:w="100"/><w:gridCol w:w="1&amp;2"/></w:tblGrid>"#
        );
    }

    #[test]
    fn a_part_that_does_not_parse_is_left_as_it_was() {
        for part in ["<w:p><w:pPr></w:p>", "<w:p>", "text &bogus; <"] {
            assert_eq!(in_schema_order(part), part);
        }
    }
}
