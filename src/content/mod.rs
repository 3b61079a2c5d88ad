//! Reading content: finding the YAML papers, parsing each strictly into its typed form, and turning
//! every YAML or type problem into a diagnostic with its place.

pub mod action_plan;
pub mod committee;
pub mod common;
pub mod cover_report;
pub mod figures;
pub mod long_report;
pub mod meeting;
pub mod minutes;
pub mod performance_report;
pub mod short_paper;
pub mod terms_of_reference;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location, SourceFile, did_you_mean};
use crate::input::ContentRoot;

/// A value that is well-formed YAML but not a shape its place allows (an item that is two
/// things at once, a field without the one it belongs with). Content types raise it while
/// parsing, through serde's custom errors, so the problem is reported with the item's place;
/// `yaml_diagnostic` splits it back into message, expectation and hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    message: String,
    expected: Option<String>,
    hint: Option<String>,
    /// Where inside the item the problem is written, when not at the item's own start; boxed
    /// because it is seldom given, and keeps every `Result` of a shape small.
    place: Option<Box<Place>>,
}

/// A place inside an item: a value of it, and perhaps a field written at or after that value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Place {
    /// Line, column and byte offset of a value of the item, or `None` for the item itself.
    value: Option<(u64, u64, Option<u64>)>,
    /// A field whose key (`label:`) is the place, found from the value on.
    field: Option<String>,
}

/// Separates the parts of a [`ShapeError`]'s text. serde-saphyr escapes control characters
/// (a line break) in messages, so this is a printable one: the symbol for a record separator,
/// which no message of ours uses.
const PART_SEPARATOR: char = '\u{241E}';
/// Starts the part of a [`ShapeError`]'s text that says what was expected.
const EXPECTED_PART: &str = "expected: ";
/// Starts the part of a [`ShapeError`]'s text that says how to fix it.
const HINT_PART: &str = "hint: ";
/// Starts the part of a [`ShapeError`]'s text that gives the place of a value inside the item,
/// as `line:column:offset` (the offset empty when unknown).
const AT_PART: &str = "at: ";
/// Starts the part of a [`ShapeError`]'s text that names the field whose key is the place.
const FIELD_PART: &str = "field: ";

impl ShapeError {
    /// A problem with an item's shape, said in a few words.
    pub fn new(message: impl Into<String>) -> Self {
        ShapeError {
            message: message.into(),
            expected: None,
            hint: None,
            place: None,
        }
    }

    /// What the place takes.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// How to put it right.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The problem is at `value`, a spanned part of the item (a path, a paragraph number),
    /// rather than at the item's start: the place the reader must change.
    pub fn at<T>(mut self, value: &Spanned<T>) -> Self {
        // As `SourceFile::location_of` reads a spanned value: where it is used, else defined.
        let known = [&value.referenced, &value.defined]
            .into_iter()
            .find(|location| **location != serde_saphyr::Location::UNKNOWN);
        if let Some(location) = known {
            self.place.get_or_insert_with(Box::default).value = Some((
                location.line(),
                location.column(),
                location.span().byte_offset(),
            ));
        }
        self
    }

    /// The problem is the field `field` of the item (or of the value given to [`Self::at`]): its
    /// key is the place, so that the reader sees which line to remove.
    pub fn at_field(mut self, field: &str) -> Self {
        self.place.get_or_insert_with(Box::default).field = Some(field.to_string());
        self
    }
}

/// The text serde carries: the message, then each part given, marked and separated.
impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(expected) = &self.expected {
            write!(f, "{PART_SEPARATOR}{EXPECTED_PART}{expected}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "{PART_SEPARATOR}{HINT_PART}{hint}")?;
        }
        if let Some(place) = &self.place {
            if let Some((line, column, offset)) = place.value {
                let offset = offset.map(|offset| offset.to_string()).unwrap_or_default();
                write!(f, "{PART_SEPARATOR}{AT_PART}{line}:{column}:{offset}")?;
            }
            if let Some(field) = &place.field {
                write!(f, "{PART_SEPARATOR}{FIELD_PART}{field}")?;
            }
        }
        Ok(())
    }
}

/// A [`ShapeError`]'s text read back into a diagnostic, or `None` for any other message.
/// `location` and `start` (its byte offset) are where the parser stopped: the item's start.
fn shape_diagnostic(
    message: &str,
    source: &SourceFile,
    mut location: Location,
    mut start: Option<usize>,
) -> Option<Diagnostic> {
    let (first, rest) = message.split_once(PART_SEPARATOR)?;
    let mut diagnostic = Diagnostic::error(first.to_string());
    let mut field = None;
    for part in rest.split(PART_SEPARATOR) {
        if let Some(expected) = part.strip_prefix(EXPECTED_PART) {
            diagnostic = diagnostic.expected(expected.to_string());
        } else if let Some(hint) = part.strip_prefix(HINT_PART) {
            diagnostic = diagnostic.hint(hint.to_string());
        } else if let Some(at) = part.strip_prefix(AT_PART) {
            let mut numbers = at.split(':');
            let line = numbers.next()?.parse().ok()?;
            let column = numbers.next()?.parse().ok()?;
            location = Location::from_line_column(&source.path, &source.text, line, column);
            start = numbers.next().and_then(|offset| offset.parse().ok());
        } else if let Some(name) = part.strip_prefix(FIELD_PART) {
            field = Some(name);
        } else {
            return None;
        }
    }
    if let Some(field) = field {
        // As `SourceFile::locate_from` finds a field: its key's first appearance from the start
        // of the item (or value) on, underlined; the item's place when it cannot be found.
        let key = format!("{field}:");
        let from = start.unwrap_or(0);
        if let Some(found) = source.text.get(from..).and_then(|rest| rest.find(&key)) {
            location = Location::from_offset(&source.path, &source.text, from + found, key.len());
        }
    }
    Some(diagnostic.at(location))
}

/// Parse YAML strictly: duplicate keys are errors and only `true`/`false` are booleans.
pub fn parse_yaml<T: DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options(&source.text, options)
        .map_err(|error| yaml_diagnostic(source, &error))
}

/// Turn a serde-saphyr error into a diagnostic: message, place, expected names, hint.
fn yaml_diagnostic(source: &SourceFile, error: &serde_saphyr::Error) -> Diagnostic {
    let raw = error.without_snippet().to_string();
    let message = strip_position_suffix(&raw);
    let location = error
        .location()
        .and_then(|location| {
            let mut place = source.location(&location)?;
            place.length = (location.span().len() as usize).max(1);
            Some(place)
        })
        .unwrap_or_else(|| Location::from_line_column(&source.path, &source.text, 1, 1));

    let start = error
        .location()
        .and_then(|location| location.span().byte_offset())
        .and_then(|offset| usize::try_from(offset).ok());
    if let Some(diagnostic) = shape_diagnostic(message, source, location.clone(), start) {
        return diagnostic;
    }
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((field, expected)) = rest.split_once("`, expected ")
    {
        let names: Vec<&str> = expected
            .trim_start_matches("one of ")
            .split(", ")
            .map(|name| name.trim_matches('`'))
            .collect();
        let mut diagnostic = Diagnostic::error(format!("unknown field `{field}`"))
            .at(location)
            .expected(format!("one of {}", quoted_list(&names)));
        if let Some(suggestion) = did_you_mean(field, names.iter().copied()) {
            diagnostic = diagnostic.hint(format!("did you mean `{suggestion}`?"));
        }
        return diagnostic;
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return Diagnostic::error(format!("unknown field `{field}`"))
            .at(location)
            .hint("this place takes no fields");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return Diagnostic::error(format!("missing field `{field}`"))
            .at(location)
            .hint(format!(
                "add `{field}:` with its value to the block of fields that ends here"
            ));
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or_default();
        return Diagnostic::error(format!("duplicate key `{key}`"))
            .at(location)
            .hint(format!("`{key}` is already set above; keep one of them"));
    }
    if let Some(breach) = message.strip_prefix("budget breached: ") {
        // serde-saphyr's own limits on what one file may hold (depth, nodes, aliases, …).
        let what = match breach.split([' ', '{']).next().unwrap_or_default() {
            "Depth" => "it nests more than 64 levels deep",
            "Nodes" | "Events" => "it holds too many values",
            "Aliases" | "Anchors" => "it uses too many anchors and aliases",
            _ => "it is too large or too complex",
        };
        return Diagnostic::error(format!("this file cannot be read: {what}"))
            .at(location)
            .hint("a paper's YAML is a few levels deep; check for a bracket left open or text pasted many times");
    }
    if let Some(rest) = message.strip_prefix("non-finite float `") {
        let value = rest.split('`').next().unwrap_or_default();
        return Diagnostic::error(format!("`{value}` is not a figure"))
            .at(location)
            .expected("a number such as 67.5");
    }
    if let Some(kind) = message.strip_prefix("invalid ")
        && let Some(bits) = kind.strip_prefix(['u', 'i'])
        && bits.bytes().all(|b| b.is_ascii_digit())
    {
        let typed = location
            .line_text
            .as_deref()
            .and_then(|line| {
                line.chars()
                    .skip(location.column - 1)
                    .collect::<String>()
                    .split_whitespace()
                    .next()
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let sign = if kind.starts_with('u') {
            ""
        } else {
            "positive or negative "
        };
        return Diagnostic::error(format!("`{typed}` is not a whole number"))
            .at(location)
            .expected(format!(
                "a {sign}whole number written in digits, such as 28"
            ));
    }
    if message.starts_with("expected mapping") {
        return Diagnostic::error("wrong type: this field takes a map of fields")
            .at(location)
            .expected("`name: value` lines, indented under the field")
            .hint("see the README for the fields this place takes");
    }
    if message.starts_with("expected sequence") {
        return Diagnostic::error("wrong type: this field takes a list")
            .at(location)
            .expected("items written on their own lines, each starting with `- `");
    }
    if message == "expected string scalar" {
        return Diagnostic::error("wrong type: this field takes text")
            .at(location)
            .expected("text (a string)")
            .hint(
                "a list or map is not allowed here; put quotes around text that looks like a list",
            );
    }
    if let Some((what, expected)) = message.split_once(", expected ") {
        return Diagnostic::error(what.to_string())
            .at(location)
            .expected(expected.to_string());
    }
    Diagnostic::error(message.to_string()).at(location)
}

/// serde-saphyr appends " at line L, column C"; the location is printed in front instead.
fn strip_position_suffix(message: &str) -> &str {
    if let Some(index) = message.rfind(" at line ") {
        let tail = &message[index + " at line ".len()..];
        if let Some((line, column)) = tail.split_once(", column ")
            && line.chars().all(|c| c.is_ascii_digit())
            && column.chars().all(|c| c.is_ascii_digit())
        {
            return &message[..index];
        }
    }
    message
}

/// Names as a message lists them: "`a`, `b`, `c`".
pub fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A content file found under the paths given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Path to read.
    pub path: PathBuf,
    /// Where its outputs go, relative to the output folder, without extension, folders
    /// separated by `/`: made from the file's path under the folder given, each part made safe
    /// by [`safe_name`].
    pub output_stem: String,
}

/// A file or folder name reduced to what is safe in a published file name on any system and in
/// a web address: letters, digits, `-`, `_` and `.` kept; every other run of characters
/// (spaces, slashes, punctuation, control characters) becomes one `-`. Never empty, never
/// starting with `.`.
pub fn safe_name(name: &str) -> String {
    let mut safe = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '.' | '-') {
            safe.push(c);
        } else if !safe.ends_with('-') {
            safe.push('-');
        }
    }
    let trimmed = safe.trim_start_matches(['.', '-']).trim_end_matches('-');
    if trimmed.is_empty() {
        "paper".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Every YAML file named or found (recursively, in sorted order) under `paths`, all inside
/// `root`. Hidden files and folders are skipped, symbolic links are followed only while they
/// stay inside the root (and a folder is never visited twice, so a link loop ends), and only
/// regular files are taken.
pub fn find_content(paths: &[PathBuf], root: &ContentRoot) -> Result<Vec<FoundFile>, Diagnostic> {
    let mut found = Vec::new();
    for path in paths {
        let refuse = |reason: String| {
            Diagnostic::error(format!("cannot read `{}`: {reason}", path.display()))
        };
        let metadata = std::fs::metadata(path).map_err(|error| refuse(error.to_string()))?;
        if !root.contains(path) {
            return Err(refuse(format!(
                "it is outside the content root `{}`",
                root.shown().display()
            ))
            .hint("give --root with a folder that holds all the content"));
        }
        if metadata.is_dir() {
            let mut files = Vec::new();
            walk(path, root, &mut files)?;
            files.sort();
            for file in files {
                let relative = file.strip_prefix(path).unwrap_or(&file).with_extension("");
                found.push(FoundFile {
                    output_stem: stem_of(&relative),
                    path: file,
                });
            }
        } else if metadata.is_file() {
            let stem = path.file_stem().map(PathBuf::from).unwrap_or_default();
            found.push(FoundFile {
                path: path.clone(),
                output_stem: stem_of(&stem),
            });
        } else {
            return Err(refuse("it is not a regular file or a folder".into()));
        }
    }
    Ok(found)
}

/// The output stem of a path relative to the folder given: each part made safe.
fn stem_of(relative: &Path) -> String {
    relative
        .components()
        .map(|part| safe_name(&part.as_os_str().to_string_lossy()))
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a file or folder is hidden (`.git`, an editor's `.report.yaml.swp`): never content.
pub fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with('.'))
}

/// Every YAML file under `folder`, following links but reading each folder once, so that a
/// link loop ends (walkdir reports the loop; the folder was read already). Hidden files are
/// skipped; a folder or YAML file leading outside the root, a broken link named `.yaml` and a
/// `.yaml` that is not a regular file are errors naming it.
fn walk(folder: &Path, root: &ContentRoot, files: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    let cannot = |path: &Path, reason: String| {
        Diagnostic::error(format!("cannot read `{}`: {reason}", path.display()))
    };
    let outside = |path: &Path| {
        cannot(
            path,
            format!(
                "it leads outside the content root `{}`",
                root.shown().display()
            ),
        )
        .hint("content is read only from inside the content root; copy the file in, or give --root")
    };
    let is_yaml = |path: &Path| {
        matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        )
    };
    let mut problem = None;
    // A folder reached twice (two links to one place) is read once.
    let mut visited = std::collections::BTreeSet::new();
    let entries = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() > 0 && is_hidden(entry.path()) {
                return false;
            }
            if !entry.file_type().is_dir() {
                return true;
            }
            if !root.contains(entry.path()) {
                problem.get_or_insert_with(|| outside(entry.path()));
                return false;
            }
            entry
                .path()
                .canonicalize()
                .map_or(true, |canonical| visited.insert(canonical))
        });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            // A loop leads back to a folder being read: that folder's files are read once.
            Err(error) if error.loop_ancestor().is_some() => continue,
            Err(error) => {
                let path = error.path().unwrap_or(folder).to_path_buf();
                let broken_link = error
                    .io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
                if broken_link && !is_yaml(&path) {
                    continue;
                }
                let reason = if broken_link {
                    "it is a broken link".to_string()
                } else {
                    error
                        .io_error()
                        .map_or_else(|| error.to_string(), ToString::to_string)
                };
                return Err(cannot(&path, reason));
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() || !is_yaml(path) {
            continue;
        }
        if !root.contains(path) {
            return Err(outside(path));
        }
        if !entry.file_type().is_file() {
            return Err(cannot(
                path,
                "it is not a regular file (a pipe or a device?)".into(),
            ));
        }
        files.push(path.to_path_buf());
    }
    match problem {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("performance-june-2020"), "performance-june-2020");
        assert_eq!(safe_name("Report (final) v2"), "Report-final-v2");
        assert_eq!(safe_name("../../x"), "x");
        assert_eq!(safe_name("rapport été"), "rapport-été");
        assert_eq!(safe_name("#$%"), "paper");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_walked_once() {
        let folder = tempfile::tempdir().unwrap();
        let content = folder.path().join("content");
        std::fs::create_dir_all(content.join("a")).unwrap();
        std::fs::write(content.join("a/r.yaml"), "kind: x").unwrap();
        std::os::unix::fs::symlink(&content, content.join("a/loop")).unwrap();
        let root = ContentRoot::new(&content).unwrap();
        let found = find_content(std::slice::from_ref(&content), &root).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
