//! The package's theme part: the house font as the theme's heading and body font, and a plain
//! colour scheme, so that Word's "theme fonts" and a strict schema check find one.

use crate::escape::xml_text;
use crate::style::HouseStyle;

/// Where the theme lives in the package.
pub const PART: &str = "word/theme/theme1.xml";
/// Its content type.
pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
/// The relationship type that links it from the main document.
pub const RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";

/// The theme part for `style`: its Word font for headings and body, the link colour as the
/// hyperlink colour, and a neutral scheme otherwise.
pub fn theme(style: &HouseStyle) -> String {
    let font = xml_text(style.fonts.word.as_str());
    let link = style.colours.link.hex();
    let colour =
        |name: &str, value: &str| format!(r#"<a:{name}><a:srgbClr val="{value}"/></a:{name}>"#);
    let scheme: String = [
        ("dk1", "000000"),
        ("lt1", "FFFFFF"),
        ("dk2", "1F1F1F"),
        ("lt2", "F2F2F2"),
        ("accent1", "1F4E79"),
        ("accent2", "C55A11"),
        ("accent3", "548235"),
        ("accent4", "7F6000"),
        ("accent5", "2E75B6"),
        ("accent6", "7030A0"),
        ("hlink", link),
        ("folHlink", link),
    ]
    .iter()
    .map(|(name, value)| colour(name, value))
    .collect();
    let fonts = format!(r#"<a:latin typeface="{font}"/><a:ea typeface=""/><a:cs typeface=""/>"#);
    let solid = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = format!(r#"<a:ln w="9525">{solid}</a:ln>"#);
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="House style">"#,
            r#"<a:themeElements><a:clrScheme name="House style">{scheme}</a:clrScheme>"#,
            r#"<a:fontScheme name="House style"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme>"#,
            r#"<a:fmtScheme name="House style">"#,
            r#"<a:fillStyleLst>{solid}{solid}{solid}</a:fillStyleLst>"#,
            r#"<a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>"#,
            r#"<a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>"#,
            r#"<a:bgFillStyleLst>{solid}{solid}{solid}</a:bgFillStyleLst>"#,
            r#"</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
        ),
        scheme = scheme,
        fonts = fonts,
        solid = solid,
        line = line,
        effect = effect,
    )
}
