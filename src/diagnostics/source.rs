//! A content file's text and path, and the places in it that diagnostics point at.

use std::ops::Range;
use std::path::PathBuf;

use serde_saphyr::Spanned;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

use super::Location;

/// A YAML file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user would recognise it (relative where possible).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

impl SourceFile {
    /// The diagnostic location of a serde-saphyr location in this file.
    pub fn location(&self, location: &serde_saphyr::Location) -> Option<Location> {
        if *location == serde_saphyr::Location::UNKNOWN {
            return None;
        }
        Some(Location::from_line_column(
            &self.path,
            &self.text,
            location.line() as usize,
            location.column() as usize,
        ))
    }

    /// The byte offset where a spanned value starts, when known.
    pub fn offset_of<T>(&self, spanned: &Spanned<T>) -> Option<usize> {
        [&spanned.referenced, &spanned.defined]
            .into_iter()
            .filter(|location| **location != serde_saphyr::Location::UNKNOWN)
            .find_map(|location| location.span().byte_offset())
            .map(|offset| offset as usize)
    }

    /// The place where `text` first appears in the file (as typed), or the file's start: for
    /// problems found after parsing, in values that carry no position of their own.
    pub fn locate(&self, text: &str) -> Location {
        match self.text.find(text).filter(|_| !text.is_empty()) {
            Some(offset) => Location::from_offset(&self.path, &self.text, offset, text.len()),
            None => Location::from_line_column(&self.path, &self.text, 1, 1),
        }
    }

    /// The place of the top-level field `key:` (at the start of a line), or the file's start.
    pub fn locate_key(&self, key: &str) -> Location {
        let field = format!("{key}:");
        let offset = if self.text.starts_with(&field) {
            Some(0)
        } else {
            self.text
                .find(&format!("\n{field}"))
                .map(|offset| offset + 1)
        };
        match offset {
            Some(offset) => Location::from_offset(&self.path, &self.text, offset, key.len()),
            None => Location::from_line_column(&self.path, &self.text, 1, 1),
        }
    }

    /// The place where `text` first appears at or after the start of `spanned` (a field inside
    /// a block of fields), or the place of `spanned` itself.
    pub fn locate_from<T>(&self, spanned: &Spanned<T>, text: &str) -> Location {
        let start = self.offset_of(spanned).unwrap_or(0);
        match self.text.get(start..).and_then(|rest| rest.find(text)) {
            Some(found) => Location::from_offset(&self.path, &self.text, start + found, text.len()),
            None => self.location_of(spanned),
        }
    }

    /// The location of a spanned value, or of the file's start when unknown.
    pub fn location_of<T>(&self, spanned: &Spanned<T>) -> Location {
        self.location(&spanned.referenced)
            .or_else(|| self.location(&spanned.defined))
            .unwrap_or_else(|| Location::from_line_column(&self.path, &self.text, 1, 1))
    }
}

/// The string scalars of a YAML file as written, each with its value and its place: what a
/// place inside a value (a word of a folded paragraph) is found through, since a value's own
/// span covers it only as a whole.
#[derive(Debug, Clone, Default)]
pub struct Scalars(Vec<Scalar>);

/// One scalar: its value, how it is written, and the bytes of the file it is written in.
#[derive(Debug, Clone)]
struct Scalar {
    value: String,
    style: ScalarStyle,
    written: Range<usize>,
}

impl SourceFile {
    /// Every scalar of the file, in the order written; none when the parser cannot read it
    /// (its problems are reported where it is parsed).
    pub fn scalars(&self) -> Scalars {
        let mut scalars = Vec::new();
        for event in Parser::new_from_str(&self.text) {
            let Ok((event, span)) = event else {
                break;
            };
            if let Event::Scalar(value, style, _, _) = event
                && let (Some(start), Some(end)) = (span.start.byte_offset(), span.end.byte_offset())
                && start <= end
                && end <= self.text.len()
            {
                scalars.push(Scalar {
                    value: value.into_owned(),
                    style,
                    written: start..end,
                });
            }
        }
        Scalars(scalars)
    }
}

impl Scalars {
    /// The places of `ranges` (byte ranges of `text`, in order and apart) in `source`, where
    /// `text` is a value written at or after the byte offset `from`.
    /// The scalar holding the text is the first at or after `from` whose value it is (or, for
    /// text taken from part of a value, that holds it). Each place is `None` where the text
    /// cannot be followed through the way it is written.
    pub fn places(
        &self,
        source: &SourceFile,
        from: usize,
        text: &str,
        ranges: &[Range<usize>],
    ) -> Vec<Option<Location>> {
        let after = |scalar: &&Scalar| scalar.written.end > from;
        let found = self
            .0
            .iter()
            .filter(after)
            .find(|scalar| scalar.value == text)
            .or_else(|| self.0.iter().find(|scalar| scalar.value == text))
            .map(|scalar| (scalar, 0))
            .or_else(|| {
                self.0
                    .iter()
                    .filter(after)
                    .find_map(|scalar| Some((scalar, scalar.value.find(text)?)))
            });
        let Some((scalar, within)) = found else {
            return vec![None; ranges.len()];
        };
        let shifted: Vec<Range<usize>> = ranges
            .iter()
            .map(|range| range.start + within..range.end + within)
            .collect();
        follow(scalar, &source.text, &shifted)
            .into_iter()
            .map(|written| {
                written.map(|written| {
                    Location::from_offset(&source.path, &source.text, written.start, written.len())
                })
            })
            .collect()
    }
}

/// Where each of `ranges` (byte ranges of the scalar's value, in order, apart) is written in
/// `text`, walking the value and what is written together once: quotes and a block's header are
/// skipped, escapes and doubled quotes decoded, and a run of white space in the value (a line
/// folded into a space, a line break and the next line's indentation) is a run of white space
/// as written. A range the walk cannot follow is `None`.
fn follow(scalar: &Scalar, text: &str, ranges: &[Range<usize>]) -> Vec<Option<Range<usize>>> {
    let mut found = Following {
        ranges,
        base: scalar.written.start,
        next: 0,
        start: None,
        found: vec![None; ranges.len()],
    };
    let Some(written) = text.get(scalar.written.clone()) else {
        return found.found;
    };
    // A block scalar's span starts at its text, a quoted one's at its quote; a block's header
    // (`|`, `>-`, `|2 # comment`), should a span start there, ends at the first line break.
    let mut at = match (scalar.style, written.chars().next()) {
        (ScalarStyle::Literal | ScalarStyle::Folded, Some('|' | '>')) => {
            written.find('\n').map_or(written.len(), |end| end + 1)
        }
        (ScalarStyle::SingleQuoted, Some('\'')) | (ScalarStyle::DoubleQuoted, Some('"')) => 1,
        _ => 0,
    };
    let double_quoted = scalar.style == ScalarStyle::DoubleQuoted;
    let value = scalar.value.as_str();
    let mut index = 0;
    while found.next < ranges.len() {
        let Some(wanted) = value.get(index..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let Some(seen) = written.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if wanted.is_whitespace() && seen.is_whitespace() {
            let run = value[index..]
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(value.len() - index);
            found.mark(index, run, at, 1);
            index += run;
            at = skip_white_space(written, at, double_quoted);
        } else if double_quoted && seen == '\\' {
            match escape(&written[at..]) {
                Some((None, length)) => at = skip_white_space(written, at + length, true),
                Some((Some(decoded), length)) if decoded == wanted => {
                    found.mark(index, wanted.len_utf8(), at, length);
                    index += wanted.len_utf8();
                    at += length;
                }
                _ => break,
            }
        } else if scalar.style == ScalarStyle::SingleQuoted
            && wanted == '\''
            && written[at..].starts_with("''")
        {
            found.mark(index, 1, at, 2);
            index += 1;
            at += 2;
        } else if seen == wanted {
            found.mark(index, wanted.len_utf8(), at, seen.len_utf8());
            index += wanted.len_utf8();
            at += seen.len_utf8();
        } else if seen.is_whitespace() {
            // Indentation, or white space the value trims.
            at += seen.len_utf8();
        } else {
            break;
        }
    }
    found.found
}

/// The ranges being followed through a scalar, and where those passed were found.
struct Following<'a> {
    ranges: &'a [Range<usize>],
    /// Where the scalar is written in the file.
    base: usize,
    /// The first range not yet found or passed.
    next: usize,
    /// Where the range being followed starts in the file, once seen.
    start: Option<usize>,
    found: Vec<Option<Range<usize>>>,
}

impl Following<'_> {
    /// The `length` bytes of the value at `index` are the `written_length` bytes at `at`.
    fn mark(&mut self, index: usize, length: usize, at: usize, written_length: usize) {
        while self.next < self.ranges.len() && self.ranges[self.next].end <= index {
            self.next += 1;
            self.start = None;
        }
        let Some(range) = self.ranges.get(self.next) else {
            return;
        };
        if range.start < index + length {
            let start = *self.start.get_or_insert(self.base + at);
            if index + length >= range.end {
                self.found[self.next] = Some(start..self.base + at + written_length);
                self.next += 1;
                self.start = None;
            }
        }
    }
}

/// The offset after the white space at `at` (and, in double quotes, escaped line breaks).
fn skip_white_space(written: &str, mut at: usize, quoted: bool) -> usize {
    loop {
        let rest = &written[at..];
        match rest.chars().next() {
            Some(c) if c.is_whitespace() => at += c.len_utf8(),
            Some('\\')
                if quoted && (rest[1..].starts_with('\n') || rest[1..].starts_with("\r\n")) =>
            {
                at += if rest[1..].starts_with('\n') { 2 } else { 3 };
            }
            _ => return at,
        }
    }
}

/// The character a double-quoted escape at the start of `written` stands for (`None` for an
/// escaped line break, which stands for nothing) and how many bytes it takes.
fn escape(written: &str) -> Option<(Option<char>, usize)> {
    let mut chars = written.chars();
    chars.next().filter(|c| *c == '\\')?;
    let code = chars.next()?;
    let simple = match code {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        ' ' => ' ',
        '"' => '"',
        '/' => '/',
        '\\' => '\\',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        '\n' => return Some((None, 2)),
        '\r' => return Some((None, if written[2..].starts_with('\n') { 3 } else { 2 })),
        'x' | 'u' | 'U' => {
            let digits = match code {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = written.get(2..2 + digits)?;
            let decoded = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            return Some((Some(decoded), 2 + digits));
        }
        _ => return None,
    };
    Some((Some(simple), 1 + code.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line, column and underlined text of `wanted` (the `nth` time it is in the value of
    /// the field `field`), as placed in the file `yaml`.
    fn place(yaml: &str, field: &str, wanted: &str, nth: usize) -> (usize, usize, String) {
        let source = SourceFile {
            path: "a.yaml".into(),
            text: yaml.into(),
        };
        let scalars = source.scalars();
        let key = scalars
            .0
            .iter()
            .position(|scalar| scalar.value == field)
            .unwrap();
        let value = scalars.0[key + 1].value.clone();
        let start = value.match_indices(wanted).nth(nth).unwrap().0;
        let from = scalars.0[key].written.start;
        let range = start..start + wanted.len();
        let place = scalars.places(&source, from, &value, std::slice::from_ref(&range));
        let place = place[0].clone().expect("placed");
        let line = place.line_text.clone().unwrap();
        let underlined: String = line
            .chars()
            .skip(place.column - 1)
            .take(place.length)
            .collect();
        (place.line, place.column, underlined)
    }

    /// A file, the text wanted in its `body`, which time it is there, and the line, column and
    /// text underlined expected.
    type Case<'a> = (&'a str, &'a str, usize, (usize, usize, &'a str));

    #[test]
    fn a_place_inside_a_value_is_found_however_the_value_is_written() {
        let cases: &[Case<'_>] = &[
            // Plain, over lines.
            (
                "a: x\nbody: one “two” three\n  Minute 31 four\n",
                "Minute 31",
                0,
                (3, 3, "Minute 31"),
            ),
            // Folded, with a blank line kept as a line break.
            (
                "body: >-\n  Café one\n\n  two Minute 31\n",
                "Minute 31",
                0,
                (4, 7, "Minute 31"),
            ),
            // Literal, more indented lines kept.
            (
                "body: |\n  one\n    two 212\n  212 three\n",
                "212",
                1,
                (4, 3, "212"),
            ),
            // A block's header with its indentation and a comment.
            ("body: |2 # note\n   one 212\n", "212", 0, (2, 8, "212")),
            // Single quotes, a quote doubled.
            ("body: 'it''s 212'\n", "212", 0, (1, 14, "212")),
            // Double quotes: escapes and an escaped line break.
            (
                "body: \"caf\\u00e9 \\\"x\\\" \\\n  212\"\n",
                "212",
                0,
                (2, 3, "212"),
            ),
            (
                "body: \"a\\tb 2021/22\"\n",
                "2021/22",
                0,
                (1, 13, "2021/22"),
            ),
            // Windows line ends.
            (
                "body: >-\r\n  one\r\n  two 212\r\n",
                "212",
                0,
                (3, 7, "212"),
            ),
            // In a list under a key, text over two lines underlined to its line's end.
            (
                "body:\n  - >-\n    a Minute\n    31 b\n",
                "Minute 31",
                0,
                (3, 7, "Minute"),
            ),
        ];
        for (yaml, wanted, nth, expected) in cases {
            let (line, column, underlined) = place(yaml, "body", wanted, *nth);
            assert_eq!((line, column, underlined.as_str()), *expected, "{yaml:?}");
        }
    }

    #[test]
    fn the_value_is_found_from_its_place_on() {
        let yaml = "one: same 212\ntwo: same 212\n";
        let source = SourceFile {
            path: "a.yaml".into(),
            text: yaml.into(),
        };
        let scalars = source.scalars();
        let from = yaml.find("two").unwrap();
        let places = scalars.places(&source, from, "same 212", std::slice::from_ref(&(5..8)));
        assert_eq!(places[0].as_ref().map(|place| place.line), Some(2));
        // Text that is part of a value, and text that is in none.
        let places = scalars.places(&source, 0, "212", std::slice::from_ref(&(0..3)));
        assert_eq!(
            places[0].as_ref().map(|place| (place.line, place.column)),
            Some((1, 11))
        );
        assert_eq!(
            scalars.places(&source, 0, "none", std::slice::from_ref(&(0..4))),
            vec![None]
        );
    }
}
