//! Meetings built together, each on a core of its own, come out byte for byte as when each is
//! built alone: what finishes first never changes a file.

mod common;

use std::path::Path;

use common::*;

/// Every file under `folder`, by its path inside it, with its bytes.
fn files_of(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = files_under(folder)
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(folder)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn meetings_built_together_match_meetings_built_alone() {
    let together = build_into_tempdir(&["content"]);
    for (content, folder) in [
        (
            "content/corporate-parenting-panel",
            "corporate-parenting-panel-2022-05-13",
        ),
        ("content/harrow-cabinet", "cabinet-2026-02-12"),
    ] {
        let alone = build_into_tempdir(&[content]);
        let built_together = files_of(&together.path().join(folder));
        let built_alone = files_of(&alone.path().join(folder));
        assert!(built_alone.len() > 10, "{folder}: {}", built_alone.len());
        let names = |files: &[(String, Vec<u8>)]| {
            files
                .iter()
                .map(|(name, _)| name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&built_together), names(&built_alone), "{folder}");
        for ((name, together), (_, alone)) in built_together.iter().zip(&built_alone) {
            assert!(together == alone, "{folder}/{name} differs");
        }
    }
    // And twice together, the same again.
    let again = build_into_tempdir(&["content"]);
    assert!(files_of(together.path()) == files_of(again.path()));
}
