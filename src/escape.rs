//! The one place where user text is made safe for an output format.
//!
//! - Typst: user text never becomes Typst code. The document model travels to the templates as
//!   JSON data and is shown with Typst's text functions, so `#`, `$`, `*`, `<x>`, `@x`, `\` and
//!   `"` have no meaning there. [`typst_string`] exists only for the generated Typst source we
//!   export for inspection and benchmarking.
//! - XML (DOCX): docx-rs escapes markup characters in runs; [`xml_safe`] removes the characters
//!   XML 1.0 cannot hold at all, and [`xml_text`] escapes text for parts we write ourselves.
//! - HTML: [`html_text`] escapes text and attribute values, and [`html_link`] lets only
//!   `https:`, `http:`, `mailto:`, `tel:`, relative and `#` addresses become links.
//! - CSS: [`css_string`] keeps a font's name inside its string.
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

/// Text escaped for HTML, in an element or a quoted attribute value: `&`, `<`, `>`, `"` and `'`
/// become references, and characters HTML forbids (controls but tab and line feed) go.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// A link's address, escaped for an `href`, when it is one a page may follow: `https:`,
/// `http:`, `mailto:`, `tel:`, or relative within the site (no scheme). `None` for any other
/// (`javascript:`, `data:`), which then prints as text.
pub fn html_link(url: &str) -> Option<String> {
    let trimmed = url.trim();
    let scheme_end = trimmed.find([':', '/', '?', '#']);
    let allowed = match scheme_end {
        Some(end) if trimmed[end..].starts_with(':') => {
            let scheme = trimmed[..end].to_ascii_lowercase();
            matches!(scheme.as_str(), "https" | "http" | "mailto" | "tel")
        }
        _ => !trimmed.is_empty() || url.is_empty(),
    };
    (allowed && !trimmed.chars().any(char::is_control)).then(|| html_text(trimmed))
}

/// Text inside a double-quoted CSS string (a font's name): quotes and backslashes escaped,
/// control characters left out, so a name cannot end the string or the rule.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
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
    fn awkward_strings_print_literally_in_html() {
        let more = [
            "</p><script>alert(1)</script>",
            "\" onclick=\"x",
            "it's",
            "&amp;",
        ];
        for text in AWKWARD_STRINGS.iter().chain(&more) {
            let escaped = html_text(text);
            assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
            let unescaped = escaped
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            assert_eq!(&unescaped, text);
        }
    }

    #[test]
    fn only_safe_addresses_become_links() {
        for (url, link) in [
            (
                "https://www.example.gov.uk/a?b=1&c=2",
                Some("https://www.example.gov.uk/a?b=1&amp;c=2"),
            ),
            (
                "mailto:clerk@example.gov.uk",
                Some("mailto:clerk@example.gov.uk"),
            ),
            ("tel:01709 822477", Some("tel:01709 822477")),
            ("2022-05-13-item-5.pdf", Some("2022-05-13-item-5.pdf")),
            ("#section-2", Some("#section-2")),
            ("javascript:alert(1)", None),
            (" JavaScript:alert(1)", None),
            ("data:text/html,<script>", None),
            ("vbscript:x", None),
            ("\"><script>", Some("&quot;&gt;&lt;script&gt;")),
        ] {
            assert_eq!(html_link(url).as_deref(), link, "{url}");
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
