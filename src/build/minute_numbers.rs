//! Minute numbers that run on: each committee's minutes in the content folder, in date order,
//! number on from the minutes of the meeting before, or start again at 1 for a new municipal
//! year.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{ParsedFile, Workspace};
use crate::diagnostics::{Diagnostic, Location};
use crate::input::FileKind;
use crate::kinds::Parsed;
use crate::model::Date;

/// One set of minutes, as its numbering needs it.
struct Numbered {
    date: Date,
    first: u32,
    count: u32,
    file: PathBuf,
    first_place: Location,
}

/// Check that each committee's minutes number on from the minutes before them.
pub(super) fn check_minute_numbers(workspace: &mut Workspace<'_>) {
    let mut by_committee: BTreeMap<PathBuf, Vec<Numbered>> = BTreeMap::new();
    for file in workspace.files.values() {
        let ParsedFile {
            parsed: Some((_, Parsed::Paper(paper))),
            source,
        } = file
        else {
            continue;
        };
        let Some(numbering) = paper.minute_numbering() else {
            continue;
        };
        let base = source.path.parent().unwrap_or(Path::new(""));
        // A committee that cannot be found is reported when the minutes are lowered.
        let Ok(committee) = workspace
            .root
            .resolve(&base.join(&numbering.committee.value), FileKind::Yaml)
        else {
            continue;
        };
        by_committee.entry(committee).or_default().push(Numbered {
            date: numbering.date,
            first: numbering.first,
            count: numbering.count,
            file: source.path.clone(),
            first_place: source.locate_key("first_minute"),
        });
    }
    for minutes in by_committee.values_mut() {
        minutes.sort_by_key(|numbered| (numbered.date, numbered.file.clone()));
        for pair in minutes.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            let follows = before.first.saturating_add(before.count);
            if after.date == before.date || after.first == follows || after.first == 1 {
                continue;
            }
            workspace.diagnostics.push(
                Diagnostic::error(format!(
                    "these minutes start at {}, but the minutes before them end at {}",
                    after.first,
                    follows - 1
                ))
                .at(after.first_place.clone())
                .expected(format!(
                    "`first_minute: {follows}`, numbering on from `{}` ({} minutes from {})",
                    before.file.display(),
                    before.count,
                    before.first
                ))
                .hint("or `first_minute: 1` for the first meeting of a new municipal year"),
            );
        }
    }
}
