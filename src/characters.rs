//! Which characters content may hold: every character an author types must print in the PDF (a
//! bundled font has it) and in the DOCX (XML can hold it). Any other is an error at its file,
//! line and column, found before typesetting, where it is cheap to point at.
//!
//! Typst refuses the whole PDF/UA-1 export over one glyph no font has, and names only the
//! template line; a control character pasted from Word is invisible in an editor. Both are
//! caught here, in the text as written.

use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location};

/// Why a character cannot be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unprintable {
    /// A control character (U+0000-U+001F but tab and line ends, U+007F-U+009F).
    Control,
    /// No bundled font has a glyph for it.
    NoGlyph,
}

/// Characters that print nothing and need no glyph: Typst's shaper drops them or acts on them
/// (joiners, marks of direction, variation selectors, tags of flag sequences).
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' // soft hyphen
        | '\u{034F}' // combining grapheme joiner
        | '\u{061C}' // Arabic letter mark
        | '\u{200B}'..='\u{200F}' // zero-width space, joiners, marks of direction
        | '\u{202A}'..='\u{202E}' // embeddings and overrides of direction
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // isolates of direction
        | '\u{FE00}'..='\u{FE0F}' // variation selectors (text or emoji presentation)
        | '\u{FEFF}' // byte-order mark, zero-width no-break space
        | '\u{E0020}'..='\u{E007F}' // tags (flags of England, Scotland, Wales)
        | '\u{E0100}'..='\u{E01EF}' // variation selectors supplement
    )
}

/// Whether `c` cannot be printed, and why.
pub fn unprintable(c: char) -> Option<Unprintable> {
    if matches!(c, '\n' | '\r' | '\t') || (' '..='~').contains(&c) {
        return None;
    }
    if c.is_control() {
        return Some(Unprintable::Control);
    }
    // Typst sets Unicode's spaces itself, all but the Ogham space mark, which is a visible glyph.
    let space = c.is_whitespace() && c != '\u{1680}';
    if is_invisible_format(c) || space || crate::fonts::covers(c) {
        return None;
    }
    Some(Unprintable::NoGlyph)
}

/// The first character of `text` that cannot be printed, with its byte offset.
pub fn first_unprintable(text: &str) -> Option<(usize, char, Unprintable)> {
    text.char_indices()
        .find_map(|(offset, c)| unprintable(c).map(|why| (offset, c, why)))
}

/// "U+0007", "U+1F600".
fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The error for an unprintable character, without its place.
pub fn problem(c: char, why: Unprintable) -> Diagnostic {
    match why {
        Unprintable::Control => Diagnostic::error(format!(
            "a control character ({}) that cannot be printed",
            code_point(c)
        ))
        .hint("it is invisible, and often comes with text pasted from Word or a PDF: delete the character at this column (retyping the word will do)"),
        Unprintable::NoGlyph => Diagnostic::error(format!(
            "no bundled font can print `{c}` ({})",
            code_point(c)
        ))
        .hint("the fonts print Latin, Greek and Cyrillic, Arabic and Urdu, Bengali, Gurmukhi, Gujarati, Chinese and emoji; write this text another way, or add a font that has it to fonts/ and the house style"),
    }
}

/// At most this many problems are reported per file; one file pasted from elsewhere could
/// otherwise bury every other message.
const MOST_PER_FILE: usize = 10;

/// Every run of characters in a content file (YAML or CSV) that cannot be printed, at its place:
/// a word in a script no font has is one problem, underlined whole; the same run again later is
/// not repeated.
pub fn check_source(source: &SourceFile) -> Vec<Diagnostic> {
    let mut seen: Vec<&str> = Vec::new();
    let mut problems = Vec::new();
    let mut more = 0;
    let text = source.text.as_str();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let Some(why) = unprintable(c) else {
            continue;
        };
        let mut end = start + c.len_utf8();
        while let Some(&(next, d)) = chars.peek() {
            if unprintable(d) != Some(why) {
                break;
            }
            end = next + d.len_utf8();
            chars.next();
        }
        let run = &text[start..end];
        if seen.contains(&run) {
            continue;
        }
        seen.push(run);
        if problems.len() == MOST_PER_FILE {
            more += 1;
            continue;
        }
        let location = Location::from_offset(&source.path, text, start, run.len());
        problems.push(run_problem(run, why).at(location));
    }
    if more > 0 {
        problems.push(
            Diagnostic::error(format!(
                "{more} more runs of characters that cannot be printed in `{}`",
                source.path.display()
            ))
            .hint("fix the ones above first"),
        );
    }
    problems
}

/// The error for a run of unprintable characters, naming the first few code points.
fn run_problem(run: &str, why: Unprintable) -> Diagnostic {
    let mut chars: Vec<char> = Vec::new();
    for c in run.chars() {
        if !chars.contains(&c) {
            chars.push(c);
        }
    }
    if chars.len() == 1 {
        return problem(chars[0], why);
    }
    let mut points: Vec<String> = chars.iter().take(4).map(|c| code_point(*c)).collect();
    if chars.len() > 4 {
        points.push("…".into());
    }
    let mut diagnostic = problem(chars[0], why);
    diagnostic.message = match why {
        Unprintable::Control => format!(
            "control characters ({}) that cannot be printed",
            points.join(", ")
        ),
        Unprintable::NoGlyph => format!(
            "no bundled font can print `{}` ({})",
            run.chars().filter(|c| !c.is_control()).collect::<String>(),
            points.join(", ")
        ),
    };
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uk_s_main_languages_and_emoji_print() {
        for text in [
            "Zażółć gęślą jaźń",
            "Ελληνικά Кириллица",
            "اردو زبان",
            "العربية",
            "বাংলা",
            "ਪੰਜਾਬੀ",
            "ગુજરાતી",
            "中文 张伟",
            "👍 😀 🏳️‍🌈 👨‍👩‍👧",
            "soft\u{00AD}hyphen, zero\u{200B}width, \u{FEFF}",
        ] {
            assert_eq!(first_unprintable(text), None, "{text}");
        }
    }

    #[test]
    fn control_characters_and_missing_glyphs_are_found_at_their_place() {
        assert_eq!(
            first_unprintable("bell\u{7}"),
            Some((4, '\u{7}', Unprintable::Control))
        );
        assert_eq!(
            first_unprintable("Tamil த"),
            Some((6, 'த', Unprintable::NoGlyph))
        );
        let source = SourceFile {
            path: "r.yaml".into(),
            text: "title: a\u{b}b\nname: தமிழ் and தமிழ்\n".into(),
        };
        let problems = check_source(&source);
        let places: Vec<(usize, usize, usize)> = problems
            .iter()
            .map(|p| {
                let location = p.location.as_ref().unwrap();
                (location.line, location.column, location.length)
            })
            .collect();
        assert_eq!(places, [(1, 9, 1), (2, 7, 5)], "{problems:?}");
        assert!(problems[0].message.contains("U+000B"));
        assert!(
            problems[1].message.contains("`தமிழ்` (U+0BA4, U+0BAE"),
            "{}",
            problems[1].message
        );
    }
}
