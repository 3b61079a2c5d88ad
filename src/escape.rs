//! The one place where user text is made safe for an output format.
//!
//! - Typst: user text never becomes Typst code. The document model travels to the templates as
//!   JSON data and is shown with Typst's text functions, so `#`, `$`, `*`, `<x>`, `@x`, `\` and
//!   `"` have no meaning there. [`typst_string`] exists only for the generated Typst source we
//!   export for inspection and benchmarking.
//! - XML (DOCX): docx-rs escapes markup characters in runs; [`xml_safe`] removes the characters
//!   XML 1.0 cannot hold at all, and [`xml_text`] escapes text for parts we write ourselves.
//! - iCalendar: [`icalendar_text`] escapes a TEXT value, so a venue with commas or a title with
//!   a line break stays one value of one property.

use std::borrow::Cow;

/// Whether XML 1.0 allows `c` in character data.
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Text with the characters XML cannot hold (control characters, U+FFFE, U+FFFF) removed.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed_in_xml) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed_in_xml(*c)).collect())
    }
}

/// Text escaped for XML character data or attribute values.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_safe(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Text escaped as an iCalendar TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, line
/// breaks written `\n`, other control characters left out.
pub fn icalendar_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal holding `text` exactly.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Awkward strings every writer must print literally; shared by the unit and end-to-end tests.
pub const AWKWARD_STRINGS: [&str; 12] = [
    "#import \"x\": *",
    "$x$",
    "<lab>",
    "@ref",
    "back\\slash",
    "\"quoted\"",
    "{{ not.a.template }}",
    "a * b * c",
    "<w:t>x</w:t> & &amp;",
    "// not a comment",
    "#set page(width: 1cm)",
    "]) }) #panic(\"x\")",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml_text("a<b>&\"c\"'\u{1}\u{FFFE}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;"
        );
        assert!(matches!(xml_safe("plain £ – ’"), Cow::Borrowed(_)));
    }

    #[test]
    fn awkward_strings_survive_xml_escaping_unchanged_in_meaning() {
        for text in AWKWARD_STRINGS {
            let escaped = xml_text(text);
            let unescaped = escaped
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            assert_eq!(unescaped, text);
            assert!(!escaped.contains('<'));
        }
    }

    #[test]
    fn awkward_strings_stay_one_icalendar_value() {
        for text in AWKWARD_STRINGS {
            let escaped = icalendar_text(text);
            assert!(
                !escaped.contains('\n') && !escaped.contains('\r'),
                "{escaped}"
            );
            // Every `;` and `,` is escaped, so none ends the value or splits it into a list.
            let unescaped_separator = escaped
                .replace("\\\\", "")
                .replace("\\;", "")
                .replace("\\,", "")
                .contains([';', ',']);
            assert!(!unescaped_separator, "{escaped}");
        }
        assert_eq!(
            icalendar_text("Town Hall, Room 1; \\ a\nb"),
            "Town Hall\\, Room 1\\; \\\\ a\\nb"
        );
    }

    #[test]
    fn typst_strings_round_trip_through_the_typst_parser() {
        for text in AWKWARD_STRINGS {
            let literal = typst_string(text);
            let source = typst::syntax::Source::detached(format!("#let x = {literal}"));
            assert!(
                source.root().errors_and_warnings().0.is_empty(),
                "{literal} does not parse as a Typst string"
            );
            // The only escapes are the ones we wrote; undo them and get the text back.
            let inner = &literal[1..literal.len() - 1];
            assert_eq!(inner.replace("\\\"", "\"").replace("\\\\", "\\"), text);
        }
    }
}
