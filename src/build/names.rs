//! No two outputs share a name: every clash (the same path, the same path in another case, a
//! file where another output needs a folder, two meetings in one folder, a paper inside a
//! meeting's folder) is an error naming both sources, because on a website one of them would
//! silently replace the other.

use std::collections::{BTreeMap, BTreeSet};

use super::Loaded;
use crate::diagnostics::{Diagnostic, Location};
use crate::publish::{MANIFEST, Origin, Output, Publication};

/// The clashes between the outputs of `publication`.
pub fn clashes(loaded: &Loaded, publication: &Publication) -> Vec<Diagnostic> {
    let mut problems = Vec::new();

    // Two meetings in one folder: one committee meeting twice on one date.
    let mut folders: BTreeMap<String, &std::path::Path> = BTreeMap::new();
    for (meeting, (folder, _)) in loaded.meetings.iter().zip(&publication.meetings) {
        let file = meeting.file.path.as_path();
        if let Some(first) = folders.insert(fold(folder), file) {
            problems.push(
                Diagnostic::error(format!(
                    "two meetings would both be written to the folder `{folder}/`: `{}` and `{}`",
                    first.display(),
                    file.display()
                ))
                .at(meeting.date_place.clone())
                .hint("a meeting's folder is named by its committee and date; one committee cannot meet twice on one date in one build"),
            );
        }
    }

    // Every other output once: the files of a meeting whose folder clashes would all clash as
    // well, which is said once above.
    let mut counted = BTreeSet::new();
    let outputs: Vec<&Output> = publication
        .papers
        .iter()
        .chain(
            publication
                .meetings
                .iter()
                .filter(|(folder, _)| counted.insert(fold(folder)))
                .flat_map(|(_, files)| files),
        )
        .collect();

    // Every path, and every folder above one, compared without regard to case (the file systems
    // of Windows and macOS, and many web servers, do not tell `A` from `a`): see [`fold`].
    let manifest = Origin::default();
    let mut files: BTreeMap<String, (&str, &Origin)> = BTreeMap::new();
    files.insert(MANIFEST.into(), (MANIFEST, &manifest));
    for output in &outputs {
        let key = fold(&output.path);
        match files.get(&key) {
            Some((path, origin)) => {
                problems.push(clash(path, origin, &output.path, &output.origin));
            }
            None => {
                files.insert(key, (&output.path, &output.origin));
            }
        }
    }
    let mut folders_needed: BTreeMap<String, (&str, &Origin)> = BTreeMap::new();
    for output in &outputs {
        let parts: Vec<&str> = output.path.split('/').collect();
        for end in 1..parts.len() {
            folders_needed
                .entry(fold(&parts[..end].join("/")))
                .or_insert((&output.path, &output.origin));
        }
    }
    for (folder, (path, origin)) in &folders_needed {
        if let Some((file, file_origin)) = files.get(folder) {
            problems.push(clash(file, file_origin, path, origin));
        }
    }

    // A paper built on its own must not write into a meeting's folder, which its manifests own.
    for output in &publication.papers {
        let Some((first, _)) = output.path.split_once('/') else {
            continue;
        };
        if let Some(meeting) = folders.get(&fold(first)) {
            problems.push(
                Diagnostic::error(format!(
                    "`{}` (from {}) would be written inside the folder of the meeting `{}`",
                    output.path,
                    output.origin,
                    meeting.display()
                ))
                .at(start_of(&output.origin))
                .hint("rename the folder that holds the paper, or build it with another --out"),
            );
        }
    }
    problems
}

/// A name as a file system that ignores case sees it: `A` and `a`, and also Greek `σ` and `ς`
/// or Turkish `ı` and `i`, which Windows' upper-casing makes one.
fn fold(name: &str) -> String {
    name.to_uppercase().to_lowercase()
}

/// The start of an output's content file, where a clash is reported.
fn start_of(origin: &Origin) -> Location {
    Location::from_line_column(&origin.file, "", 1, 1)
}

fn clash(first: &str, first_origin: &Origin, second: &str, second_origin: &Origin) -> Diagnostic {
    let what = if first == second {
        format!("two outputs would both be written to `{first}`")
    } else if fold(first) == fold(second) {
        format!("`{first}` and `{second}` differ only in case")
    } else {
        format!("`{first}` would be a file where `{second}` needs a folder")
    };
    Diagnostic::error(format!(
        "{what}: one from {first_origin}, one from {second_origin}"
    ))
    .at(start_of(second_origin))
    .hint("rename one of the files (outputs are named after them), or build them into different --out folders")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_windows_takes_for_one_fold_to_one() {
        assert_eq!(fold("Report.PDF"), fold("report.pdf"));
        assert_eq!(fold("aσ.pdf"), fold("aς.pdf"));
        assert_eq!(fold("fıle.pdf"), fold("file.pdf"));
        assert_ne!(fold("item-05.pdf"), fold("item-06.pdf"));
    }
}
