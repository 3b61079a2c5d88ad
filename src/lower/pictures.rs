//! A picture written in body text, `![Alternative text](pictures/site-plan.png "Caption")`,
//! made a block: where it stands, its alternative text and its path checked, and its file read
//! through the run's [`PictureReader`], each problem placed at the Markdown in its YAML file.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Location, SourceFile};
use crate::markdown::{PicturePlacement, PictureReference};
use crate::model::{Block, Picture};
use crate::pictures::PictureReader;

/// An example of a picture written well, for hints.
const EXAMPLE: &str = "![Map of the site: the new school in its north-east corner](pictures/site-plan.png \"Figure 1: The site\")";

/// The picture `reference` asks for (written in `source` at `at`) as a block; `None` once its
/// problems are in `diagnostics`. `reader` reads the file; without one (text rendered outside a
/// build) no picture can be shown.
pub fn picture_block(
    reference: &PictureReference<'_>,
    reader: Option<&PictureReader>,
    source: &SourceFile,
    at: Location,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Block> {
    let problem =
        |message: String, hint: String| Diagnostic::error(message).at(at.clone()).hint(hint);
    match reference.placement {
        PicturePlacement::Alone => {}
        PicturePlacement::InText => {
            diagnostics.push(problem(
                "a picture must be a paragraph of its own".into(),
                "put a blank line before and after `![…](…)`; text about it goes in the paragraphs around it".into(),
            ));
            return None;
        }
        PicturePlacement::InTableCell => {
            diagnostics.push(problem(
                "a table cell cannot hold a picture".into(),
                "put the picture in a paragraph of its own, before or after the table".into(),
            ));
            return None;
        }
    }
    let path = reference.path.trim();
    let file_name = Path::new(path)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let alt = reference
        .alt
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if alt.is_empty() || alt == file_name || alt == path {
        let message = if alt.is_empty() {
            "this picture has no alternative text".to_string()
        } else {
            "this picture's alternative text is only its file name".to_string()
        };
        diagnostics.push(problem(
            message,
            format!(
                "between the square brackets, describe what the picture shows, as a screen reader will read it in its place: {EXAMPLE}"
            ),
        ));
        return None;
    }
    if path.is_empty() {
        diagnostics.push(problem(
            "this picture names no file".into(),
            format!("write the picture's path, relative to this file: {EXAMPLE}"),
        ));
        return None;
    }
    if has_scheme(path) {
        diagnostics.push(problem(
            format!("`{path}` is not a file in the content folder"),
            "pictures are read from the content folder, never from the web: save the picture beside the paper and write its path relative to this file".into(),
        ));
        return None;
    }
    if Path::new(path).has_root() || path.starts_with(['/', '\\']) {
        diagnostics.push(problem(
            format!("`{path}` is an absolute path"),
            "write the picture's path relative to this file, such as `pictures/site-plan.png`, so that the content folder builds wherever it is copied".into(),
        ));
        return None;
    }
    let Some(reader) = reader else {
        diagnostics.push(problem(
            "a picture cannot be shown in this text".into(),
            "pictures are shown in the body text of papers".into(),
        ));
        return None;
    };
    let full = source.path.parent().unwrap_or(Path::new("")).join(path);
    match reader.read(&full) {
        Ok(checked) => Some(Block::Picture(Box::new(Picture {
            file: checked.file,
            alt,
            caption: reference
                .caption
                .as_deref()
                .map(str::trim)
                .filter(|caption| !caption.is_empty())
                .map(str::to_string),
            width: checked.width,
            height: checked.height,
        }))),
        Err(error) => {
            let mut diagnostic = Diagnostic::error(format!(
                "cannot show the picture `{path}`: {}",
                error.reason()
            ))
            .at(at);
            if let Some(hint) = error.hint() {
                diagnostic = diagnostic.hint(hint);
            }
            if error.may_be_a_wrong_path() {
                diagnostic =
                    diagnostic.hint(format!("paths are relative to `{}`", source.path.display()));
            }
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// Whether `path` starts with a URL scheme (`https:`, `data:`, `file:`): letters, then a colon.
/// A Windows drive (`C:`) counts too: it is no more a path inside the content folder.
fn has_scheme(path: &str) -> bool {
    path.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Where the picture typed as `typed` stands in `source`: found after `start` (where its text
/// begins) as typed, else its path, else `fallback`.
pub fn locate(
    source: &SourceFile,
    start: usize,
    typed: &str,
    path: &str,
    fallback: Location,
) -> Location {
    let after = source.text.get(start..).unwrap_or_default();
    let found = after
        .find(typed)
        .map(|offset| (offset, typed.len()))
        .or_else(|| {
            (!path.is_empty())
                .then(|| after.find(path).map(|offset| (offset, path.len())))
                .flatten()
        });
    match found {
        Some((offset, length)) => {
            Location::from_offset(&source.path, &source.text, start + offset, length)
        }
        None => fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_and_drives_have_schemes() {
        for path in [
            "https://example.org/a.png",
            "data:image/png;base64,AA",
            "file:///etc",
            "C:\\x.png",
        ] {
            assert!(has_scheme(path), "{path}");
        }
        for path in ["pictures/a.png", "a b:c/x.png", "../x.png", ""] {
            assert!(!has_scheme(path), "{path}");
        }
    }
}
