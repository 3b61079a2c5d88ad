//! Diagnostics as values: every problem found in a run, with its place, what was expected and a hint.

use std::ffi::OsString;
use std::fmt;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{
    AnnotationKind, Group, Level, Origin, Renderer, Snippet, normalize_untrusted_str,
};

mod source;

pub use source::{Scalars, SourceFile};

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
    /// For a spreadsheet, the cell (`Values!B7`), shown instead of a line and column.
    pub cell: Option<String>,
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
            cell: None,
        }
    }

    /// A cell of a spreadsheet: `file` and the cell as a spreadsheet names it (`Values!B7`).
    pub fn in_workbook(file: &Path, cell: impl Into<String>) -> Self {
        Location {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            length: 1,
            line_text: None,
            cell: Some(cell.into()),
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
            cell: None,
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

impl Diagnostic {
    /// The diagnostic as text in `style`: `error: message`, then ` --> file:line:column`, the
    /// line with the place underlined, what was expected and hints.
    pub fn render(&self, style: Style) -> String {
        let file = self
            .location
            .as_ref()
            .map(|location| location.file.display().to_string());
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_title(level.primary_title(self.message.as_str()));
        if let Some(cell) = self
            .location
            .as_ref()
            .and_then(|location| location.cell.as_ref())
            && let Some(file) = &file
        {
            // A spreadsheet has no lines: `values.xlsx: Values!B7`, as a spreadsheet user reads it.
            let place = if cell.is_empty() {
                file.clone()
            } else {
                format!("{file}: {cell}")
            };
            group = group.element(Origin::path(place));
        } else if let (Some(location), Some(file)) = (&self.location, &file) {
            // The fields are public, so keep to what the renderer can count with: one line, and
            // a line number far from overflowing.
            let line = location.line.clamp(1, u32::MAX as usize);
            group = match &location.line_text {
                Some(line_text) => {
                    let line_text = line_text.split('\n').next().unwrap_or_default();
                    let line_text = line_text.trim_end_matches('\r');
                    let span = underline(line_text, location.column, location.length);
                    group.element(
                        Snippet::source(line_text)
                            .line_start(line)
                            .path(file.as_str())
                            .annotation(AnnotationKind::Primary.span(span)),
                    )
                }
                None => group.element(
                    Origin::path(file.as_str())
                        .line(line)
                        .char_column(location.column),
                ),
            };
        }
        // Named `expected` and `hint` rather than `note` and `help`: those are the words users
        // and their scripts look for. Notes may quote the content (a misspelt key), and the
        // renderer passes notes through as they are, so control characters are made visible
        // here, as it does itself for the message and the line.
        if let Some(expected) = &self.expected {
            group = group.element(
                Level::NOTE
                    .with_name("expected")
                    .message(normalize_untrusted_str(expected)),
            );
        }
        for hint in &self.hints {
            group = group.element(
                Level::HELP
                    .with_name("hint")
                    .message(normalize_untrusted_str(hint)),
            );
        }
        style.renderer().render(&[group])
    }

    /// Print to standard error, coloured when it is a terminal (see [`Style::for_stderr`]).
    pub fn print_to_stderr(&self) {
        eprintln!("{}", self.render(Style::for_stderr()));
    }
}

impl fmt::Display for Diagnostic {
    /// The plain rendering, without colour, for messages built into strings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Style::Plain))
    }
}

/// Whether rendered diagnostics are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Plain text, for files, pipes and strings.
    Plain,
    /// ANSI colours, for a terminal.
    Coloured,
}

impl Style {
    /// The style for standard error: coloured on a terminal, plain otherwise. A non-empty
    /// `NO_COLOR` always turns colour off (<https://no-color.org>); otherwise a non-empty
    /// `CLICOLOR_FORCE` or `FORCE_COLOR` other than `0` turns it on even through a pipe, and
    /// `TERM=dumb` turns it off.
    pub fn for_stderr() -> Self {
        Self::choose(std::io::stderr().is_terminal(), |name| {
            std::env::var_os(name).filter(|value| !value.is_empty())
        })
    }

    /// The choice of [`Style::for_stderr`], given whether the stream is a terminal and the
    /// non-empty environment variables.
    fn choose(is_terminal: bool, variable: impl Fn(&str) -> Option<OsString>) -> Self {
        let set = |name: &str| variable(name).is_some_and(|value| value != "0");
        let forced = set("CLICOLOR_FORCE") || set("FORCE_COLOR");
        let capable_terminal = is_terminal && variable("TERM").is_none_or(|term| term != "dumb");
        if variable("NO_COLOR").is_none() && (forced || capable_terminal) {
            Style::Coloured
        } else {
            Style::Plain
        }
    }

    fn renderer(self) -> Renderer {
        let renderer = match self {
            Style::Plain => Renderer::plain(),
            Style::Coloured => Renderer::styled(),
        };
        renderer.term_width(SNIPPET_WIDTH)
    }
}

/// The widest a rendered line may be, in columns. A longer line (a paragraph written on one
/// line, a flow mapping, a megabyte of minified YAML) is cropped by the renderer to the stretch
/// around the place, with "..." where it is cut.
const SNIPPET_WIDTH: usize = 160;

/// The byte range of `line` to underline: `length` characters from the 1-based `column`, kept
/// within the line (a place just past its end underlines the end).
fn underline(line: &str, column: usize, length: usize) -> Range<usize> {
    let byte = |index: usize| {
        line.char_indices()
            .nth(index)
            .map_or(line.len(), |(byte, _)| byte)
    };
    let first = column.saturating_sub(1);
    byte(first)..byte(first.saturating_add(length.max(1)))
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

    /// Print all to standard error (the warnings of a good build, the problems of a bad one),
    /// coloured when it is a terminal (see [`Style::for_stderr`]).
    pub fn print_to_stderr(&self) {
        if !self.is_empty() {
            eprint!("{}", self.render(Style::for_stderr()));
        }
    }

    /// Render all in `style`, each followed by a blank line: the errors first, in the order
    /// found, then the warnings, so that what stopped a run is read first.
    pub fn render(&self, style: Style) -> String {
        let mut out = String::new();
        let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) = self
            .items
            .iter()
            .partition(|diagnostic| diagnostic.is_error());
        for diagnostic in errors.into_iter().chain(warnings) {
            out.push_str(&diagnostic.render(style));
            out.push_str("\n\n");
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

/// Where warnings found while lowering go: one handle for a whole run, shared by cloning, read
/// once lowering is done. Lowering returns only its errors (a warning does not stop it), so a
/// warning found deep in it, such as a fact typed by hand, is sent here.
#[derive(Debug, Clone, Default)]
pub struct Warnings(std::sync::Arc<std::sync::Mutex<Vec<Diagnostic>>>);

impl Warnings {
    /// Record a warning.
    pub fn push(&self, warning: Diagnostic) {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(warning);
    }

    /// Every warning recorded since the last time, in the order recorded.
    pub fn take(&self) -> Vec<Diagnostic> {
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
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
    fn renders_message_place_snippet_expected_and_hint() {
        let text = "kind: cover-report\ntitel: x\n";
        let diagnostic = Diagnostic::error("unknown field `titel`")
            .at(Location::from_line_column(Path::new("r.yaml"), text, 2, 1).underline_word())
            .expected("`title`")
            .hint("did you mean `title`?");
        assert_eq!(
            diagnostic.to_string(),
            "error: unknown field `titel`\n --> r.yaml:2:1\n  |\n2 | titel: x\n  | ^^^^^\n  |\n  = expected: `title`\n  = hint: did you mean `title`?"
        );
        assert_eq!(diagnostic.render(Style::Plain), diagnostic.to_string());
    }

    #[test]
    fn the_gutter_widens_with_the_line_number_and_wide_characters_are_underlined_whole() {
        let text = format!("{}title: “Café” 中文\n", "\n".repeat(11));
        let offset = text.find('中').unwrap();
        let diagnostic = Diagnostic::warning("no font").at(Location::from_offset(
            Path::new("r.yaml"),
            &text,
            offset,
            "中文".len(),
        ));
        assert_eq!(
            diagnostic.to_string(),
            "warning: no font\n  --> r.yaml:12:15\n   |\n12 | title: “Café” 中文\n   |               ^^^^"
        );
    }

    #[test]
    fn without_a_place_only_the_message_and_notes_are_printed() {
        let diagnostic = Diagnostic::error("cannot read `x`").hint("check the name");
        assert_eq!(
            diagnostic.to_string(),
            "error: cannot read `x`\n |\n = hint: check the name"
        );
        assert_eq!(Diagnostic::error("bad").to_string(), "error: bad");
    }

    #[test]
    fn a_place_without_its_line_is_still_named() {
        let location = Location::from_line_column(Path::new("r.yaml"), "a: b\n", 9, 3);
        assert_eq!(location.line_text, None);
        let diagnostic = Diagnostic::error("bad").at(location).hint("fix it");
        assert_eq!(
            diagnostic.to_string(),
            "error: bad\n--> r.yaml:9:3\n = hint: fix it"
        );
    }

    #[test]
    fn a_place_at_the_end_of_a_line_underlines_its_end() {
        let diagnostic = Diagnostic::error("bad").at(Location::from_line_column(
            Path::new("r.yaml"),
            "key:\n",
            1,
            5,
        ));
        assert_eq!(
            diagnostic.to_string(),
            "error: bad\n --> r.yaml:1:5\n  |\n1 | key:\n  |     ^"
        );
    }

    #[test]
    fn odd_places_render_without_panicking() {
        let place = |line: usize, column: usize, length: usize, text: &str| Location {
            file: PathBuf::from("r.yaml"),
            line,
            column,
            length,
            line_text: Some(text.to_string()),
            cell: None,
        };
        for location in [
            place(0, 0, 0, ""),
            place(1, 1, 1, ""),
            place(3, 99, 5, "short"),
            place(2, 2, usize::MAX, "a\tb\u{1b}[31mc\u{200b}d"),
            place(usize::MAX, usize::MAX, usize::MAX, "two\nlines\r\n"),
            place(1, 3, 2, "e\u{301}\u{301}中\u{fe0f}x"),
        ] {
            let rendered = Diagnostic::error("bad\u{1b}[2J")
                .at(location)
                .hint("hint \u{1b}[31m")
                .expected("\u{7}")
                .to_string();
            assert!(rendered.starts_with("error: bad"), "{rendered}");
            assert!(!rendered.contains('\u{1b}'), "{rendered:?}");
        }
    }

    #[test]
    fn a_megabyte_line_is_cropped_to_the_stretch_around_the_place() {
        let line = format!("{}BAD{}", "a".repeat(500_000), "b".repeat(500_000));
        let text = format!("key: {line}\n");
        let offset = text.find("BAD").unwrap();
        let diagnostic = Diagnostic::error("bad").at(Location::from_offset(
            Path::new("r.yaml"),
            &text,
            offset,
            3,
        ));
        let rendered = diagnostic.to_string();
        assert!(rendered.len() < 1_000, "{} bytes", rendered.len());
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines[..2], ["error: bad", " --> r.yaml:1:500006"]);
        assert!(lines[3].starts_with("1 | ...a") && lines[3].ends_with("b..."));
        let caret = lines[4].find('^').unwrap();
        assert_eq!(&lines[3][caret..caret + 3], "BAD", "{rendered}");
        assert_eq!(&lines[4][caret..], "^^^", "{rendered}");
    }

    #[test]
    fn colour_only_when_asked() {
        let diagnostic = Diagnostic::error("bad")
            .at(Location::from_line_column(
                Path::new("r.yaml"),
                "a: b\n",
                1,
                4,
            ))
            .hint("fix it");
        let coloured = diagnostic.render(Style::Coloured);
        assert!(coloured.contains("\u{1b}["), "{coloured:?}");
        assert!(!diagnostic.render(Style::Plain).contains('\u{1b}'));
        assert!(!diagnostic.to_string().contains('\u{1b}'));
        // The words stay the same; only escapes are added.
        let mut stripped = String::new();
        let mut rest = coloured.as_str();
        while let Some(start) = rest.find('\u{1b}') {
            stripped.push_str(&rest[..start]);
            rest = &rest[start..];
            rest = &rest[rest.find('m').map_or(rest.len(), |end| end + 1)..];
        }
        stripped.push_str(rest);
        assert_eq!(stripped, diagnostic.to_string());
    }

    #[test]
    fn no_color_wins_then_forcing_then_the_terminal() {
        let with = |variables: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                variables
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| OsString::from(value))
            }
        };
        assert_eq!(Style::choose(true, with(&[])), Style::Coloured);
        assert_eq!(Style::choose(false, with(&[])), Style::Plain);
        assert_eq!(
            Style::choose(true, with(&[("NO_COLOR", "1")])),
            Style::Plain
        );
        assert_eq!(
            Style::choose(true, with(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")])),
            Style::Plain
        );
        assert_eq!(
            Style::choose(false, with(&[("CLICOLOR_FORCE", "1")])),
            Style::Coloured
        );
        assert_eq!(
            Style::choose(false, with(&[("FORCE_COLOR", "true")])),
            Style::Coloured
        );
        assert_eq!(
            Style::choose(false, with(&[("CLICOLOR_FORCE", "0")])),
            Style::Plain
        );
        assert_eq!(Style::choose(true, with(&[("TERM", "dumb")])), Style::Plain);
    }

    #[test]
    fn errors_are_printed_before_warnings() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::warning("first found"));
        diagnostics.push(Diagnostic::error("stopped the run"));
        diagnostics.push(Diagnostic::warning("first found"));
        assert_eq!(
            diagnostics.render(Style::Plain),
            "error: stopped the run\n\nwarning: first found\n\n"
        );
        let warnings = Warnings::default();
        warnings.clone().push(Diagnostic::warning("sent"));
        assert_eq!(warnings.take(), [Diagnostic::warning("sent")]);
        assert!(warnings.take().is_empty());
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
