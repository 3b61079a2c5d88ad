//! `papers watch`: build once, then rebuild whenever a file the build read changes, printing one
//! line per rebuild and keeping the last good outputs when a rebuild fails.
//!
//! Files are polled (size and modification time) rather than watched through the operating
//! system: content folders hold dozens of files, a poll of them costs microseconds, and polling
//! sees every way editors save (in place, or by writing a new file and renaming it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use crate::build::{self, Failure, Format, Session};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::input::ContentRoot;
use crate::supplied::PdfCheck;
use crate::typst_writer::Typesetter;

/// How `papers watch` runs.
pub struct WatchOptions {
    /// Content files or folders, as for `papers build`.
    pub paths: Vec<PathBuf>,
    /// The folder content may read from.
    pub root: ContentRoot,
    /// Output folder.
    pub out: PathBuf,
    /// Formats to write.
    pub formats: Vec<Format>,
    /// A folder of house-style templates to use (and watch) instead of the embedded ones.
    pub templates: Option<PathBuf>,
    /// How often files are checked for changes.
    pub interval: Duration,
    /// How long files must stay unchanged before a rebuild (editors save in bursts).
    pub settle: Duration,
    /// How supplied PDFs are checked before use.
    pub pdf_check: PdfCheck,
}

/// What a file looked like when last checked: `None` if it did not exist.
type Fingerprint = BTreeMap<PathBuf, Option<(SystemTime, u64)>>;

/// Results unused for this many rebuilds are dropped from the caches.
const CACHE_AGE: usize = 10;

/// Build, then rebuild on every change until `stop` is set (Ctrl-C sets it). Never returns an
/// error for a failed rebuild: that is printed, and the last good outputs stay.
pub fn watch(options: &WatchOptions, stop: Arc<AtomicBool>) {
    // One session for the whole watch: its caches make a rebuild cost what changed.
    let mut session = Session::new(Typesetter::default(), options.pdf_check.clone())
        .overriding_styles(options.templates.is_some());
    let mut inputs = BTreeSet::new();
    // The warnings the last build printed: a rebuild prints only those it adds.
    let mut warned = Vec::new();
    // The state files are in before a build is what the build saw: an edit made while it runs
    // is then seen as a change afterwards, not folded silently into the baseline.
    let before = take_fingerprint(options, &inputs);
    let summary = rebuild(options, &mut session, &mut inputs, &mut warned);
    let mut fingerprint = with_new_inputs(before, &inputs);
    println!(
        "{summary} (watching {} files; Ctrl-C to stop)",
        fingerprint.len()
    );

    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(options.interval);
        let mut current = take_fingerprint(options, &inputs);
        if current == fingerprint {
            continue;
        }
        // Wait for the burst of writes to end.
        loop {
            std::thread::sleep(options.settle);
            let settled = take_fingerprint(options, &inputs);
            if settled == current {
                break;
            }
            current = settled;
        }
        let changed = describe_changes(&fingerprint, &current);
        let mut new_inputs = BTreeSet::new();
        let summary = rebuild(options, &mut session, &mut new_inputs, &mut warned);
        println!("{changed}: {summary}");
        // Drop cached results that recent rebuilds did not use.
        typst::comemo::evict(CACHE_AGE);
        session.evict(CACHE_AGE);
        // Keep watching what the failed build could not reach, as well as what it read.
        inputs.append(&mut new_inputs);
        fingerprint = with_new_inputs(current, &inputs);
    }
    println!("stopped watching");
}

/// One build, written atomically; returns the line to print. Problems go to stderr, and
/// warnings that the last build (whose warnings are `warned`) did not print. Whatever goes wrong
/// inside, even a panic in a library, is reported and the watch goes on.
fn rebuild(
    options: &WatchOptions,
    session: &mut Session,
    inputs: &mut BTreeSet<PathBuf>,
    warned: &mut Vec<Diagnostic>,
) -> String {
    let started = Instant::now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        build_and_write(options, session, inputs, warned)
    }))
    .unwrap_or_else(|_| {
        Err(Failure::Io(crate::diagnostics::Diagnostic::error(
            "the build stopped unexpectedly (a bug in papers: please report it with the content that caused it)",
        )))
    });
    match result {
        Ok((total, written, removed)) => {
            let elapsed = started.elapsed().as_millis();
            let mut line = format!(
                "built in {elapsed} ms: {} of {total} files rewritten",
                written.len()
            );
            if !written.is_empty() {
                let names: Vec<String> = written
                    .iter()
                    .take(4)
                    .map(|path| short_name(path))
                    .collect();
                line.push_str(&format!(" ({}", names.join(", ")));
                if written.len() > names.len() {
                    line.push_str(&format!(", {} more", written.len() - names.len()));
                }
                line.push(')');
            }
            if !removed.is_empty() {
                let names: Vec<String> = removed.iter().map(|path| short_name(path)).collect();
                line.push_str(&format!(
                    "; {} removed ({})",
                    removed.len(),
                    names.join(", ")
                ));
            }
            line
        }
        Err(Failure::Content(diagnostics)) => {
            let count = diagnostics.error_count();
            print_new(diagnostics, warned);
            format!(
                "{count} problem{} found; the last good files are unchanged",
                if count == 1 { "" } else { "s" }
            )
        }
        Err(Failure::Io(diagnostic)) => {
            diagnostic.print_to_stderr();
            "could not build; the last good files are unchanged".to_string()
        }
    }
}

/// Print a build's errors, and its warnings but those the last build printed (`warned`, which
/// becomes this build's): a warning is printed when it appears, not again on every save.
fn print_new(diagnostics: Diagnostics, warned: &mut Vec<Diagnostic>) {
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.into_iter().partition(Diagnostic::is_error);
    let mut shown = Diagnostics::new();
    shown.extend(errors);
    shown.extend(
        warnings
            .iter()
            .filter(|warning| !warned.contains(warning))
            .cloned(),
    );
    shown.print_to_stderr();
    *warned = warnings;
}

/// A written file as a reader would name it: `item-06.pdf`, `private/agenda-pack.pdf`.
fn short_name(path: &str) -> String {
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or_default();
    match parts.next() {
        Some("private") => format!("private/{name}"),
        _ => name.to_string(),
    }
}

/// Load, typeset and publish; returns how many files the build makes, which were rewritten and
/// which of the last build's were removed.
fn build_and_write(
    options: &WatchOptions,
    session: &mut Session,
    inputs: &mut BTreeSet<PathBuf>,
    warned: &mut Vec<Diagnostic>,
) -> Result<(usize, Vec<String>, Vec<String>), Failure> {
    let (templates, style, read) = build::read_house_style(options.templates.as_deref())?;
    inputs.extend(read);
    // Only a changed style folder replaces the style, so that Typst's caches stay warm otherwise.
    if templates.key() != session.typesetter.templates().key()
        || &style != session.typesetter.style()
    {
        session.typesetter.set_style(templates, style);
    }
    let (loaded, mut diagnostics) =
        build::load_recording(&options.paths, &options.root, session, inputs)?;
    let publication = build::render(session, &loaded, &options.formats, &mut diagnostics)?;
    print_new(diagnostics, warned);
    let published = crate::publish::publish(&options.out, &publication).map_err(Failure::Io)?;
    let total = publication.files().count();
    let rewritten: Vec<String> = publication
        .files()
        .filter(|output| published.rewritten.contains(&output.path))
        .map(|output| output.path.clone())
        .collect();
    Ok((total, rewritten, published.removed))
}

/// The state of every file to watch: the inputs of the last build, every file under the
/// content folders (so a new paper is seen), and the template folder's files.
fn take_fingerprint(options: &WatchOptions, inputs: &BTreeSet<PathBuf>) -> Fingerprint {
    let out = options.out.canonicalize().ok();
    let mut files: BTreeSet<PathBuf> = inputs.clone();
    for path in options.paths.iter().chain(&options.templates) {
        if path.is_dir() {
            walk(path, out.as_deref(), &mut files);
        } else {
            files.insert(path.clone());
        }
    }
    files
        .into_iter()
        .map(|path| {
            let state = file_state(&path);
            (path, state)
        })
        .collect()
}

/// `fingerprint` plus the state now of inputs it lacks (files a build read for the first time).
fn with_new_inputs(mut fingerprint: Fingerprint, inputs: &BTreeSet<PathBuf>) -> Fingerprint {
    for path in inputs {
        if !fingerprint.contains_key(path) {
            let state = file_state(path);
            fingerprint.insert(path.clone(), state);
        }
    }
    fingerprint
}

fn file_state(path: &Path) -> Option<(SystemTime, u64)> {
    std::fs::metadata(path).ok().map(|metadata| {
        (
            metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            metadata.len(),
        )
    })
}

/// Every file under `folder` but hidden ones (editors' swap files) and the output folder,
/// following links but reading each folder once (a link loop ends).
fn walk(folder: &Path, out: Option<&Path>, files: &mut BTreeSet<PathBuf>) {
    let mut visited = BTreeSet::new();
    let entries = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() > 0 && crate::content::is_hidden(entry.path()) {
                return false;
            }
            if !entry.file_type().is_dir() {
                return true;
            }
            let Ok(canonical) = entry.path().canonicalize() else {
                return false;
            };
            out.is_none_or(|out| canonical != out) && visited.insert(canonical)
        });
    for entry in entries.flatten() {
        if !entry.file_type().is_dir() {
            files.insert(entry.into_path());
        }
    }
}

/// "values.csv changed", "meeting.yaml and 2 more changed", "new.yaml added".
fn describe_changes(before: &Fingerprint, after: &Fingerprint) -> String {
    let mut changed: Vec<String> = Vec::new();
    let name = |path: &Path| {
        path.file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    };
    let mut verb = "changed";
    for (path, state) in after {
        match (before.get(path), state) {
            (Some(old), new) if old == new => {}
            (None | Some(None), Some(_)) => {
                changed.push(name(path));
                verb = "added";
            }
            (Some(Some(_)), None) => {
                changed.push(name(path));
                verb = "removed";
            }
            _ => changed.push(name(path)),
        }
    }
    for path in before.keys() {
        if !after.contains_key(path) {
            changed.push(name(path));
            verb = "removed";
        }
    }
    match changed.as_slice() {
        [] => "files changed".to_string(),
        [one] => format!("{one} {verb}"),
        [first, rest @ ..] => format!("{first} and {} more changed", rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_watched_once() {
        let folder = tempfile::tempdir().unwrap();
        let content = folder.path().canonicalize().unwrap();
        std::fs::create_dir_all(content.join("a/out")).unwrap();
        std::fs::write(content.join("a/paper.yaml"), "kind: minutes\n").unwrap();
        std::fs::write(content.join("a/out/built.pdf"), "").unwrap();
        std::fs::write(content.join("a/.paper.yaml.swp"), "").unwrap();
        std::os::unix::fs::symlink(&content, content.join("a/loop")).unwrap();
        let mut files = BTreeSet::new();
        walk(&content, Some(&content.join("a/out")), &mut files);
        assert_eq!(
            files.into_iter().collect::<Vec<_>>(),
            [content.join("a/paper.yaml")]
        );
    }

    fn state(seconds: u64, length: u64) -> Option<(SystemTime, u64)> {
        Some((
            SystemTime::UNIX_EPOCH + Duration::from_secs(seconds),
            length,
        ))
    }

    #[test]
    fn changes_are_described_by_file_name() {
        let before: Fingerprint = [
            (PathBuf::from("a/values.csv"), state(1, 10)),
            (PathBuf::from("a/report.yaml"), state(1, 20)),
        ]
        .into();
        let mut after = before.clone();
        after.insert(PathBuf::from("a/values.csv"), state(2, 10));
        assert_eq!(describe_changes(&before, &after), "values.csv changed");
        after.insert(PathBuf::from("a/new.yaml"), state(2, 5));
        assert_eq!(
            describe_changes(&before, &after),
            "new.yaml and 1 more changed"
        );
        let mut removed = before.clone();
        removed.insert(PathBuf::from("a/report.yaml"), None);
        assert_eq!(describe_changes(&before, &removed), "report.yaml removed");
    }
}
