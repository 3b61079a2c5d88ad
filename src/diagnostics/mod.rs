//! Diagnostics as values: every problem found in a run, with its place, what was expected and a hint.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

mod source;

pub use source::SourceFile;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build; nothing is written.
    Error,
    /// Worth reading; the build goes on.
    Warning,
}

/// A place in a source file, 1-based, with the line's text for the snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// How many characters to underline (at least 1).
    pub length: usize,
    /// The text of the line, for the snippet.
    pub line_text: Option<String>,
}

impl Location {
    /// The location of a byte offset in `text`, underlining `length` bytes.
    pub fn from_offset(file: &Path, text: &str, offset: usize, length: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(text, (offset + length).min(line_end));
        let length = text[offset..end].chars().count().max(1);
        Location {
            file: file.to_path_buf(),
            line,
            column,
            length,
            line_text: Some(
                text[line_start..line_end]
                    .trim_end_matches('\r')
                    .to_string(),
            ),
        }
    }

    /// The location of a 1-based line and column in `text`.
    pub fn from_line_column(file: &Path, text: &str, line: usize, column: usize) -> Self {
        let line_text = text.lines().nth(line.saturating_sub(1)).map(str::to_string);
        Location {
            file: file.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
            length: 1,
            line_text,
        }
    }

    /// Underline the word starting at this location (up to the next space or punctuation).
    pub fn underline_word(mut self) -> Self {
        if let Some(line) = &self.line_text {
            let rest: String = line.chars().skip(self.column - 1).collect();
            let word = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
                .count();
            self.length = word.max(1);
        }
        self
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where, when known.
    pub location: Option<Box<Location>>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What was expected, when there is a list of valid choices.
    pub expected: Option<String>,
    /// How to fix it.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error with a message and no place yet.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: None,
            message: message.into(),
            expected: None,
            hints: Vec::new(),
        }
    }

    /// A warning with a message and no place yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Attach a place.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    /// Say what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Add a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Whether this stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error: message`, then the snippet, what was expected and hints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(location) => write!(
                f,
                "{}:{}:{}: {severity}: {}",
                location.file.display(),
                location.line,
                location.column,
                self.message
            )?,
            None => write!(f, "{severity}: {}", self.message)?,
        }
        let gutter = self
            .location
            .as_ref()
            .map_or(1, |location| location.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(location) = &self.location
            && let Some(line_text) = &location.line_text
        {
            let (shown, column, length) = snippet(line_text, location.column, location.length);
            write!(f, "\n{pad} |\n{} | {shown}", location.line)?;
            let mut marker = " ".repeat(column.saturating_sub(1));
            marker.push_str(&"^".repeat(length.max(1)));
            write!(f, "\n{pad} | {marker}")?;
        }
        if let Some(expected) = &self.expected {
            write!(f, "\n{pad} = expected: {expected}")?;
        }
        for hint in &self.hints {
            write!(f, "\n{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// The widest stretch of a line a snippet shows, in characters.
const SNIPPET_WIDTH: usize = 160;

/// The part of `line` to show around `column` (1-based) and `length`, with the column and
/// length within it: a long line (a paragraph written on one line, a flow mapping) is cut to
/// the stretch around the place, marked with "…" where it is cut.
fn snippet(line: &str, column: usize, length: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    if chars.len() <= SNIPPET_WIDTH {
        return (chars.into_iter().collect(), column, length);
    }
    let length = length.clamp(1, SNIPPET_WIDTH / 2);
    let start = column
        .saturating_sub(1)
        .saturating_sub(SNIPPET_WIDTH / 3)
        .min(chars.len().saturating_sub(SNIPPET_WIDTH));
    let end = (start + SNIPPET_WIDTH).min(chars.len());
    let mut shown = String::new();
    let mut column = column - start;
    if start > 0 {
        shown.push('…');
        column += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column, length)
}

/// Every diagnostic of a run, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No diagnostics yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        // The same problem reached by two routes is printed once.
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    /// Record several.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in diagnostics {
            self.push(diagnostic);
        }
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// All of them.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Print all to standard error (the warnings of a good build, the problems of a bad one).
    pub fn print_to_stderr(&self) {
        if !self.is_empty() {
            eprint!("{}", self.render());
        }
    }

    /// Render all, separated by blank lines.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for diagnostic in &self.items {
            let _ = writeln!(out, "{diagnostic}\n");
        }
        out
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| {
            let score = strsim::jaro_winkler(word, candidate)
                .max(strsim::normalized_damerau_levenshtein(word, candidate));
            (score, candidate)
        })
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_characters_not_bytes() {
        let text = "title: “Café”\nkey: x\n";
        let offset = text.find('x').unwrap();
        let location = Location::from_offset(Path::new("a.yaml"), text, offset, 1);
        assert_eq!((location.line, location.column), (2, 6));
        let offset = text.find('C').unwrap();
        let location = Location::from_offset(Path::new("a.yaml"), text, offset, "Café".len());
        assert_eq!((location.line, location.column, location.length), (1, 9, 4));
    }

    #[test]
    fn renders_file_line_column_snippet_and_hint() {
        let text = "kind: cover-report\ntitel: x\n";
        let diagnostic = Diagnostic::error("unknown field `titel`")
            .at(Location::from_line_column(Path::new("r.yaml"), text, 2, 1).underline_word())
            .expected("`title`")
            .hint("did you mean `title`?");
        assert_eq!(
            diagnostic.to_string(),
            "r.yaml:2:1: error: unknown field `titel`\n  |\n2 | titel: x\n  | ^^^^^\n  = expected: `title`\n  = hint: did you mean `title`?"
        );
    }

    #[test]
    fn a_long_line_is_cut_to_the_stretch_around_the_place() {
        let line = format!("{}BAD{}", "a".repeat(500), "b".repeat(500));
        let text = format!("key: {line}\n");
        let offset = text.find("BAD").unwrap();
        let diagnostic = Diagnostic::error("bad").at(Location::from_offset(
            Path::new("r.yaml"),
            &text,
            offset,
            3,
        ));
        let rendered = diagnostic.to_string();
        let lines: Vec<&str> = rendered.lines().collect();
        assert!(lines[2].chars().count() < 180, "{rendered}");
        assert!(lines[2].starts_with("1 | …a") && lines[2].ends_with("b…"));
        let caret = lines[3].find('^').unwrap();
        let under: String = lines[2].chars().skip(caret).take(3).collect();
        assert_eq!(under, "BAD", "{rendered}");
        assert!(rendered.starts_with("r.yaml:1:506: error: bad"));
    }

    #[test]
    fn suggests_only_close_names() {
        let names = ["title", "committee", "meeting_date"];
        assert_eq!(did_you_mean("titel", names), Some("title"));
        assert_eq!(did_you_mean("comittee", names), Some("committee"));
        assert_eq!(did_you_mean("zzz", names), None);
        assert_eq!(
            did_you_mean("mail", ["name", "role", "email"]),
            Some("email")
        );
    }
}
