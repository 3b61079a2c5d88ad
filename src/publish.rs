//! The output folder as one unit: the build owns it, replaces it whole, and never leaves old and
//! new files mixed, a stale file behind, or a file it did not make deleted.
//!
//! A council publishes the output folder as it is, so a file the build no longer makes (an
//! appendix since marked exempt, a renumbered item) must not survive a rebuild. The new folder
//! is staged beside the old one and swapped in with one rename, so a reader (or a build killed
//! at any moment) sees the old folder or the new one, each agreeing with its manifests. Files
//! whose bytes did not change are carried over by hard link, so they keep their dates for
//! whatever copies the folder to a website. A lock makes a second build into the same folder
//! wait for the first.
//!
//! The build owns exactly what its manifests list: `manifest.json` at the top (the papers built
//! on their own, and the meetings' folders), and in each meeting's folder `manifest.json` (its
//! public files) and `private/manifest.json` (its exempt ones, so nothing public names them).
//! It refuses to replace a folder holding anything else.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;

/// The name of every manifest.
pub const MANIFEST: &str = "manifest.json";

/// One file to publish.
#[derive(Debug, Clone)]
pub struct Output {
    /// Where it goes, relative to the output folder, folders separated by `/`.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Pages, for PDFs.
    pub pages: Option<usize>,
    /// What it was made from, for messages.
    pub origin: Origin,
    /// Its title, for the manifest (papers, pages).
    pub title: Option<String>,
    /// What it is, for the manifest.
    pub kind: Option<crate::published::FileKind>,
}

/// The content an output was made from: a paper's file, or an item of a meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The content file (a paper, or the meeting).
    pub file: PathBuf,
    /// The agenda item's number as printed ("7", "6.1"), for a meeting's files.
    pub item: Option<String>,
}

impl std::fmt::Display for Origin {
    /// "`content/report.yaml`", "item 5 of `content/meeting.yaml`".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(item) => write!(f, "item {item} of `{}`", self.file.display()),
            None => write!(f, "`{}`", self.file.display()),
        }
    }
}

/// Everything one build publishes.
#[derive(Debug, Default)]
pub struct Publication {
    /// Papers built on their own (and their files), at the paths they mirror.
    pub papers: Vec<Output>,
    /// Each meeting's folder name and its files (paths include the folder).
    pub meetings: Vec<(String, Vec<Output>)>,
    /// The Typst project behind each PDF, by the PDF's path without `.pdf`, when asked for
    /// (`--emit-typst`): each file's path inside the project and bytes. Never published.
    pub typst_projects: Vec<TypstProjectFiles>,
}

/// A Typst project's name and files (path inside the project, bytes).
pub type TypstProjectFiles = (String, Vec<(String, Vec<u8>)>);

impl Publication {
    /// Every file, the top manifest excepted.
    pub fn files(&self) -> impl Iterator<Item = &Output> {
        self.papers
            .iter()
            .chain(self.meetings.iter().flat_map(|(_, files)| files))
    }
}

/// What publishing changed.
#[derive(Debug, Default)]
pub struct Published {
    /// Files written with new bytes (the rest kept their old file), relative paths.
    pub rewritten: BTreeSet<String>,
    /// Files of the last build that this one no longer makes.
    pub removed: Vec<String>,
}

/// One file in the top manifest.
#[derive(Serialize, Deserialize)]
struct PaperEntry {
    file: String,
    /// Left out of manifests from before it was written.
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    kind: Option<crate::published::FileKind>,
    #[serde(default)]
    media_type: Option<String>,
    sha256: String,
    bytes: usize,
    #[serde(default)]
    pages: Option<usize>,
}

/// The top manifest: what the build owns outside the meetings' folders.
#[derive(Serialize, Deserialize)]
struct TopManifest {
    /// Always "papers": marks a folder papers made.
    generator: String,
    /// The manifests' shape ([`crate::published::MANIFEST_SCHEMA_VERSION`]); none before 2.
    #[serde(default)]
    schema_version: Option<u32>,
    /// Papers built on their own, and the site's own files.
    files: Vec<PaperEntry>,
    /// Meetings' folders, each with manifests of its own.
    meetings: Vec<String>,
}

/// Only the file names of a meeting's manifest, which is all ownership needs.
#[derive(Deserialize)]
struct ListedFiles {
    files: Vec<ListedFile>,
}

#[derive(Deserialize)]
struct ListedFile {
    file: String,
}

/// SHA-256 of `bytes` in hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The top manifest of `publication`, as published.
fn top_manifest(publication: &Publication) -> Vec<u8> {
    let manifest = TopManifest {
        generator: "papers".into(),
        schema_version: Some(crate::published::MANIFEST_SCHEMA_VERSION),
        files: publication
            .papers
            .iter()
            .map(|output| PaperEntry {
                file: output.path.clone(),
                title: output.title.clone(),
                kind: output.kind,
                media_type: Some(crate::published::media_type(&output.path).to_string()),
                sha256: sha256_hex(&output.bytes),
                bytes: output.bytes.len(),
                pages: output.pages,
            })
            .collect(),
        meetings: publication
            .meetings
            .iter()
            .map(|(folder, _)| folder.clone())
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Where the output folder sits: its real parent and name (the staging folder and the swap
/// must be on the same file system, beside it).
struct Place {
    folder: PathBuf,
    parent: PathBuf,
    name: String,
}

impl Place {
    fn of(out: &Path) -> Result<Place, Diagnostic> {
        let absolute = std::path::absolute(out).map_err(|error| {
            Diagnostic::error(format!("cannot use `{}`: {error}", out.display()))
        })?;
        // A symbolic link is followed: its target is the folder replaced, the link stays. A
        // folder yet to be made is named without `.` and `..`, so that no stray folder is made
        // on the way to it.
        let folder = if absolute.exists() {
            absolute.canonicalize().map_err(|error| {
                Diagnostic::error(format!("cannot use `{}`: {error}", out.display()))
            })?
        } else {
            let mut plain = PathBuf::new();
            for part in absolute.components() {
                match part {
                    std::path::Component::ParentDir => {
                        plain.pop();
                    }
                    std::path::Component::CurDir => {}
                    part => plain.push(part),
                }
            }
            plain
        };
        let (Some(parent), Some(name)) = (folder.parent(), folder.file_name()) else {
            return Err(Diagnostic::error(format!(
                "`{}` cannot be an output folder",
                out.display()
            ))
            .hint("give a folder of its own for the outputs, such as out/"));
        };
        if let Ok(current) = std::env::current_dir().and_then(|c| c.canonicalize())
            && current.starts_with(&folder)
        {
            return Err(Diagnostic::error(format!(
                "`{}` holds the current folder, so it cannot be the output folder",
                out.display()
            ))
            .hint("papers replaces its output folder as a whole; give a folder of its own, such as out/"));
        }
        std::fs::create_dir_all(parent).map_err(|error| {
            Diagnostic::error(format!("cannot create `{}`: {error}", parent.display()))
        })?;
        Ok(Place {
            parent: parent.to_path_buf(),
            name: name.to_string_lossy().into_owned(),
            folder: folder.clone(),
        })
    }

    /// A working name beside the folder: `.out.papers-new-1234`.
    fn beside(&self, what: &str) -> PathBuf {
        self.parent.join(format!(
            ".{}.papers-{what}-{}",
            self.name,
            std::process::id()
        ))
    }

    /// Working folders left by builds that were killed: exactly the names [`Place::beside`]
    /// makes, `.out.papers-new-<process>` and `.out.papers-old-<process>`, and nothing else.
    fn leftovers(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.parent) else {
            return Vec::new();
        };
        let ours = |name: &str| {
            ["new", "old"].iter().any(|what| {
                name.strip_prefix(&format!(".{}.papers-{what}-", self.name))
                    .is_some_and(|process| {
                        !process.is_empty() && process.bytes().all(|b| b.is_ascii_digit())
                    })
            })
        };
        entries
            .flatten()
            .filter(|entry| ours(&entry.file_name().to_string_lossy()))
            .map(|entry| entry.path())
            .collect()
    }
}

/// Holds the output folder's lock until dropped.
struct Lock {
    _file: std::fs::File,
}

/// How long a build waits for another build into the same folder before giving up.
const LOCK_PATIENCE: Duration = Duration::from_secs(120);

impl Lock {
    /// Take the lock of the folder at `place`, waiting for another build to finish.
    fn take(place: &Place) -> Result<Lock, Diagnostic> {
        let path = place.parent.join(format!(".{}.papers-lock", place.name));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|error| {
                Diagnostic::error(format!("cannot lock `{}`: {error}", path.display()))
            })?;
        let started = Instant::now();
        let mut said = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) => {
                    if started.elapsed() > LOCK_PATIENCE {
                        return Err(Diagnostic::error(format!(
                            "another papers build has been writing to `{}` for over {} s",
                            place.folder.display(),
                            LOCK_PATIENCE.as_secs()
                        ))
                        .hint("wait for it to finish, or stop it, then build again"));
                    }
                    if !said {
                        eprintln!(
                            "papers: waiting for another build writing to `{}` …",
                            place.folder.display()
                        );
                        said = true;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::Error(error)) => {
                    return Err(Diagnostic::error(format!(
                        "cannot lock `{}`: {error}",
                        path.display()
                    )));
                }
            }
        }
    }
}

/// Every file under `folder`, relative, with `/` separators, and every empty folder with a `/`
/// at its end (the build never makes one, so it is never the build's). Symbolic links count as
/// files and are never followed.
fn files_under(folder: &Path) -> std::io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let mut empty = true;
        for entry in std::fs::read_dir(folder.join(&relative))? {
            let entry = entry?;
            empty = false;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else {
                found.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
        if empty && !relative.as_os_str().is_empty() {
            found.push(format!(
                "{}/",
                relative.to_string_lossy().replace('\\', "/")
            ));
        }
    }
    found.sort();
    Ok(found)
}

fn read_manifest<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    let bytes = crate::input::read_regular_file(path, crate::input::TEXT_LIMIT).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The files of the existing folder, all of which the last build made; or why the build must
/// not replace it.
fn owned_files(folder: &Path) -> Result<Vec<String>, Diagnostic> {
    let on_disk = match files_under(folder) {
        Ok(files) => files,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(Diagnostic::error(format!(
                "cannot read the output folder `{}`: {error}",
                folder.display()
            )));
        }
    };
    if on_disk.is_empty() {
        return Ok(on_disk);
    }
    let mut owned: BTreeSet<String> = BTreeSet::new();
    if let Some(top) = read_manifest::<TopManifest>(&folder.join(MANIFEST))
        && top.generator == "papers"
    {
        owned.insert(MANIFEST.to_string());
        owned.extend(top.files.into_iter().map(|entry| entry.file));
        for meeting in top.meetings {
            for manifest in [
                format!("{meeting}/{MANIFEST}"),
                format!("{meeting}/private/{MANIFEST}"),
            ] {
                if let Some(listed) = read_manifest::<ListedFiles>(&folder.join(&manifest)) {
                    let base = manifest.trim_end_matches(MANIFEST);
                    let base = base.strip_prefix(&format!("{meeting}/")).unwrap_or(base);
                    owned.insert(manifest.clone());
                    owned.extend(
                        listed
                            .files
                            .into_iter()
                            .map(|entry| format!("{meeting}/{base}{}", entry.file)),
                    );
                }
            }
        }
    }
    let foreign: Vec<&String> = on_disk
        .iter()
        .filter(|file| !owned.contains(*file))
        .collect();
    if foreign.is_empty() {
        return Ok(on_disk);
    }
    let shown: Vec<String> = foreign
        .iter()
        .take(5)
        .map(|file| format!("`{file}`"))
        .collect();
    let more = if foreign.len() > shown.len() {
        format!(" and {} more", foreign.len() - shown.len())
    } else {
        String::new()
    };
    let mut diagnostic = Diagnostic::error(format!(
        "the output folder `{}` holds files papers did not make: {}{more}",
        folder.display(),
        shown.join(", ")
    ))
    .hint("papers replaces its output folder as a whole, removing what it no longer builds, so it never writes beside files it did not make")
    .hint("move those files elsewhere, or give another folder with --out");
    if !owned.contains(MANIFEST) && foreign.iter().any(|file| file.ends_with(MANIFEST)) {
        diagnostic = diagnostic.hint(
            "a folder written by an earlier papers has no manifest.json at its top: delete it once and build again",
        );
    }
    Err(diagnostic)
}

/// Refuses an output folder that is something else (a file), before any work is done for it.
pub fn check_output_folder(out: &Path) -> Result<(), Diagnostic> {
    match std::fs::metadata(out) {
        Ok(metadata) if !metadata.is_dir() => Err(Diagnostic::error(format!(
            "--out `{}` is a file, not a folder",
            out.display()
        ))
        .expected("a folder for the outputs (made if it is missing)")
        .hint("give a folder, e.g. --out out; papers never writes over a file")),
        _ => Ok(()),
    }
}

/// Write `publication` as the folder `out`, replacing what was there as one unit.
pub fn publish(out: &Path, publication: &Publication) -> Result<Published, Diagnostic> {
    let place = Place::of(out)?;
    check_output_folder(out)?;
    let _lock = Lock::take(&place)?;
    for leftover in place.leftovers() {
        let _ = std::fs::remove_dir_all(&leftover);
    }
    let old_files = owned_files(&place.folder)?;

    let staging = place.beside("new");
    let result = stage(&place, &staging, publication);
    let published = match result {
        Ok(published) => published,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(Diagnostic::error(format!(
                "cannot write the outputs beside `{}`: {error}",
                out.display()
            )));
        }
    };
    let new_files: BTreeSet<&str> = publication
        .files()
        .map(|output| output.path.as_str())
        .chain([MANIFEST])
        .collect();
    let removed = old_files
        .into_iter()
        .filter(|file| !new_files.contains(file.as_str()))
        .collect();

    swap_in(&place, &staging).map_err(|error| {
        let _ = std::fs::remove_dir_all(&staging);
        Diagnostic::error(format!("cannot replace `{}`: {error}", out.display()))
    })?;
    Ok(Published {
        removed,
        ..published
    })
}

/// Write every file into `staging`, carrying unchanged ones over from the old folder by hard
/// link. Returns the files whose bytes are new.
fn stage(place: &Place, staging: &Path, publication: &Publication) -> std::io::Result<Published> {
    std::fs::create_dir(staging)?;
    if let Ok(metadata) = std::fs::metadata(&place.folder) {
        // The folder keeps the permissions it was given (a web server may need them).
        std::fs::set_permissions(staging, metadata.permissions())?;
    }
    let top = Output {
        title: None,
        kind: None,
        path: MANIFEST.into(),
        bytes: top_manifest(publication),
        pages: None,
        origin: Origin::default(),
    };
    let mut rewritten = BTreeSet::new();
    let mut created: BTreeSet<PathBuf> = BTreeSet::new();
    for output in publication.files().chain([&top]) {
        let target = staging.join(&output.path);
        if let Some(parent) = target.parent()
            && created.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent)?;
        }
        let old = place.folder.join(&output.path);
        let unchanged = std::fs::symlink_metadata(&old).is_ok_and(|metadata| {
            metadata.is_file() && metadata.len() == output.bytes.len() as u64
        }) && std::fs::read(&old).is_ok_and(|bytes| bytes == output.bytes);
        if !(unchanged && std::fs::hard_link(&old, &target).is_ok()) {
            std::fs::write(&target, &output.bytes)?;
            if !unchanged {
                rewritten.insert(output.path.clone());
            }
        }
    }
    Ok(Published {
        rewritten,
        removed: Vec::new(),
    })
}

/// Put the staged folder in the old one's place with one atomic exchange where the system has
/// one; else move the old folder aside first (a reader may then briefly find no folder, never a
/// mixed one). The old folder is then deleted.
fn swap_in(place: &Place, staging: &Path) -> std::io::Result<()> {
    if !place.folder.exists() {
        return std::fs::rename(staging, &place.folder);
    }
    if exchange(staging, &place.folder).is_ok() {
        // The staging name now holds the old folder.
        return std::fs::remove_dir_all(staging);
    }
    let old = place.beside("old");
    std::fs::rename(&place.folder, &old)?;
    if let Err(error) = std::fs::rename(staging, &place.folder) {
        let _ = std::fs::rename(&old, &place.folder);
        return Err(error);
    }
    std::fs::remove_dir_all(&old)
}

/// Swap two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(first: &Path, second: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let first = CString::new(first.as_os_str().as_bytes())?;
    let second = CString::new(second.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths; the call reads them and nothing else.
    #[allow(unsafe_code)]
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            first.as_ptr(),
            libc::AT_FDCWD,
            second.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_first: &Path, _second: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Write one file whole or not at all: the bytes go to a temporary file beside it, which then
/// replaces it, so a reader (or an editor) never sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(Default::default, |name| name.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str, text: &str) -> Output {
        Output {
            title: None,
            kind: None,
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
            pages: None,
            origin: Origin::default(),
        }
    }

    fn meeting(files: &[(&str, &str)]) -> (String, Vec<Output>) {
        let public: Vec<String> = files
            .iter()
            .filter(|(path, _)| !path.starts_with("private/"))
            .map(|(path, _)| format!("{{\"file\": \"{path}\"}}"))
            .collect();
        let mut outputs: Vec<Output> = files
            .iter()
            .map(|(path, text)| output(&format!("m/{path}"), text))
            .collect();
        let private: Vec<String> = files
            .iter()
            .filter_map(|(path, _)| path.strip_prefix("private/"))
            .map(|path| format!("{{\"file\": \"{path}\"}}"))
            .collect();
        outputs.push(output(
            "m/manifest.json",
            &format!("{{\"files\": [{}]}}", public.join(",")),
        ));
        if !private.is_empty() {
            outputs.push(output(
                "m/private/manifest.json",
                &format!("{{\"files\": [{}]}}", private.join(",")),
            ));
        }
        ("m".into(), outputs)
    }

    #[test]
    fn a_rebuild_replaces_the_folder_and_removes_what_it_no_longer_makes() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("out");
        let first = Publication {
            papers: vec![output("a/report.pdf", "one")],
            meetings: vec![meeting(&[("item-05-appendix-1.docx", "appendix")])],
            ..Default::default()
        };
        let published = publish(&out, &first).unwrap();
        assert!(published.rewritten.contains("a/report.pdf"));
        let second = Publication {
            papers: vec![output("a/report.pdf", "one")],
            meetings: vec![meeting(&[("item-05.pdf", "pack")])],
            ..Default::default()
        };
        let published = publish(&out, &second).unwrap();
        assert!(!published.rewritten.contains("a/report.pdf"), "unchanged");
        assert_eq!(published.removed, ["m/item-05-appendix-1.docx"]);
        assert!(!out.join("m/item-05-appendix-1.docx").exists());
        assert_eq!(std::fs::read(out.join("m/item-05.pdf")).unwrap(), b"pack");
        let names: Vec<String> = std::fs::read_dir(parent.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names
                .iter()
                .all(|name| name == "out" || name.ends_with("-lock")),
            "no working folder is left: {names:?}"
        );
    }

    #[test]
    fn a_folder_holding_files_papers_did_not_make_is_refused_and_left_alone() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let publication = Publication {
            papers: vec![output("report.pdf", "one")],
            meetings: Vec::new(),
            ..Default::default()
        };
        let error = publish(&out, &publication).unwrap_err();
        assert!(error.message.contains("`notes.txt`"), "{error}");
        assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
        assert!(!out.join("report.pdf").exists());

        // Its own earlier output is fine; a file dropped into a meeting's folder is not.
        std::fs::remove_file(out.join("notes.txt")).unwrap();
        // An empty folder is not the build's either.
        std::fs::create_dir_all(out.join("empty/inside")).unwrap();
        let error = publish(&out, &publication).unwrap_err();
        assert!(error.message.contains("`empty/inside/`"), "{error}");
        std::fs::remove_dir_all(out.join("empty")).unwrap();
        // Nor are working names beside the folder that papers did not make.
        let backup = parent.path().join(".out.papers-backup");
        std::fs::create_dir_all(&backup).unwrap();
        let with_meeting = Publication {
            papers: Vec::new(),
            meetings: vec![meeting(&[("private/x.docx", "secret"), ("a.pdf", "a")])],
            ..Default::default()
        };
        publish(&out, &with_meeting).unwrap();
        assert!(
            backup.exists(),
            "a folder papers did not make beside --out is left alone"
        );
        std::fs::write(out.join("m/extra.pdf"), "dropped in").unwrap();
        let error = publish(&out, &with_meeting).unwrap_err();
        assert!(error.message.contains("`m/extra.pdf`"), "{error}");

        // A folder of an earlier papers, without the top manifest, is recognised as such.
        std::fs::remove_file(out.join(MANIFEST)).unwrap();
        std::fs::remove_file(out.join("m/extra.pdf")).unwrap();
        let error = publish(&out, &with_meeting).unwrap_err();
        assert!(
            error
                .hints
                .iter()
                .any(|hint| hint.contains("earlier papers")),
            "{error}"
        );
    }
}
