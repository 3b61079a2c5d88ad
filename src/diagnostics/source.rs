//! A content file's text and path, and the places in it that diagnostics point at.

use std::path::PathBuf;

use serde_saphyr::Spanned;

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
