//! `papers watch` driven as a user would: edit a figure, break the YAML, fix it, press Ctrl-C.

// Child processes are signalled and measured through libc; each call says why it is sound.
#![allow(unsafe_code)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use common::*;

const EXAMPLE: &str = "content/corporate-parenting-performance-2020-06";
const REPORT: &str = "performance-june-2020-cover.yaml";

/// A running `papers watch` and the lines it prints.
struct Watcher {
    child: Child,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
}

impl Watcher {
    fn start(content: &Path, out: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_papers"))
            .args(["watch", "--format", "pdf", "--poll", "20", "--out"])
            .arg(out)
            .arg(content)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = |stream: Box<dyn std::io::Read + Send>| {
            let (sender, receiver) = channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
            receiver
        };
        let stdout = lines(Box::new(child.stdout.take().unwrap()));
        let stderr = lines(Box::new(child.stderr.take().unwrap()));
        Watcher {
            child,
            stdout,
            stderr,
        }
    }

    /// The next line printed, waiting up to two minutes (a debug build typesets slowly).
    fn next_line(&self) -> String {
        self.stdout
            .recv_timeout(Duration::from_secs(120))
            .expect("papers watch printed nothing")
    }

    /// What the watcher prints on stderr up to a line holding `phrase` (stdout and stderr are
    /// read apart, so a problem may arrive just after the line that announces it); all of it
    /// if the phrase never comes within ten seconds.
    fn stderr_until(&self, phrase: &str) -> String {
        let mut lines = Vec::new();
        while let Ok(line) = self.stderr.recv_timeout(Duration::from_secs(10)) {
            let found = line.contains(phrase);
            lines.push(line);
            if found {
                break;
            }
        }
        lines.join("\n")
    }

    /// Ctrl-C, then the exit status and the last line.
    fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let pid = libc::pid_t::try_from(self.child.id()).unwrap();
        // SAFETY: signals a child process this test started and still owns.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let last = self.next_line();
        (self.child.wait().unwrap(), last)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn copy_example(to: &Path) -> PathBuf {
    let folder = to.join("june-2020");
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir(root().join(EXAMPLE)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
    folder
}

#[test]
fn watch_rebuilds_on_a_figure_change_keeps_the_last_good_pdf_and_recovers() {
    let temporary = tempfile::tempdir().unwrap();
    let content = copy_example(temporary.path());
    let out = temporary.path().join("out");
    let pdf = out.join("performance-june-2020-cover.pdf");
    let watcher = Watcher::start(&content, &out);

    let first = watcher.next_line();
    assert!(first.starts_with("built in "), "{first}");
    assert!(first.contains("Ctrl-C to stop"), "{first}");
    assert!(normalise(&pdf_text(&pdf)).contains("consistent at 603 with"));

    // A report author corrects June's children looked after in the data file.
    let values = content.join("values.csv");
    let csv = std::fs::read_to_string(&values).unwrap();
    assert!(csv.contains("3.1,,,,,603\n"));
    std::fs::write(&values, csv.replace("3.1,,,,,603\n", "3.1,,,,,617\n")).unwrap();
    let line = watcher.next_line();
    assert!(line.starts_with("values.csv changed: built in "), "{line}");
    assert!(line.contains("performance-june-2020-cover.pdf"), "{line}");
    let text = normalise(&pdf_text(&pdf));
    assert!(text.contains("consistent at 617 with"), "{text}");
    assert!(!text.contains("consistent at 603"));

    // A slip in the YAML: the problem is printed and the last good PDF stays.
    let good = std::fs::read(&pdf).unwrap();
    let report = content.join(REPORT);
    let yaml = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{yaml}\nbroken: [\n")).unwrap();
    let line = watcher.next_line();
    assert_eq!(
        line,
        format!("{REPORT} changed: 1 problem found; the last good files are unchanged")
    );
    // `error: …`, then ` --> file:line:column` (after the warnings of the first build: the
    // report types its financial year by hand).
    let problems = watcher.stderr_until("error:");
    assert!(problems.contains("error:"), "{problems}");
    assert_eq!(
        problems.matches("is typed by hand").count(),
        1,
        "a warning is printed once, not on every rebuild: {problems}"
    );
    let place = watcher.stderr_until("-->");
    assert!(place.contains(&format!("{REPORT}:")), "{place}");
    assert!(std::fs::read(&pdf).unwrap() == good, "the PDF was touched");

    // Fixed: the next build succeeds; nothing differs from the last good PDF, so nothing is
    // rewritten.
    std::fs::write(&report, &yaml).unwrap();
    let line = watcher.next_line();
    assert!(
        line.starts_with(&format!("{REPORT} changed: built in ")) && line.contains("0 of 1 files"),
        "{line}"
    );
    assert!(std::fs::read(&pdf).unwrap() == good);

    let (status, last) = watcher.interrupt();
    assert!(status.success(), "{status:?}");
    assert_eq!(last, "stopped watching");
}

#[test]
fn watch_sees_a_new_paper_added_to_the_folder() {
    let temporary = tempfile::tempdir().unwrap();
    let content = copy_example(temporary.path());
    let out = temporary.path().join("out");
    let watcher = Watcher::start(&content, &out);
    assert!(watcher.next_line().starts_with("built in "));

    let report = std::fs::read_to_string(content.join(REPORT)).unwrap();
    std::fs::write(content.join("copy.yaml"), report).unwrap();
    let line = watcher.next_line();
    assert!(line.starts_with("copy.yaml added: built in "), "{line}");
    assert!(out.join("copy.pdf").exists());
}

#[test]
fn watch_survives_text_that_would_run_for_ever_and_keeps_rebuilding() {
    let temporary = tempfile::tempdir().unwrap();
    let content = copy_example(temporary.path());
    let out = temporary.path().join("out");
    let watcher = Watcher::start(&content, &out);
    assert!(watcher.next_line().starts_with("built in "));

    // A loop of ten billion steps, then a string of a gigabyte: each stops at its budget.
    let report = content.join(REPORT);
    let yaml = std::fs::read_to_string(&report).unwrap();
    let sentence = "at the end of June 2020.";
    assert!(yaml.contains(sentence));
    for endless in [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{{ 'x' * 999999999 }}",
    ] {
        std::fs::write(
            &report,
            yaml.replacen(sentence, &format!("{sentence} {endless}"), 1),
        )
        .unwrap();
        let line = watcher.next_line();
        assert_eq!(
            line,
            format!("{REPORT} changed: 1 problem found; the last good files are unchanged")
        );
        let problems = watcher.stderr_until("does too much work");
        assert!(problems.contains("does too much work"), "{problems}");
    }
    std::fs::write(&report, &yaml).unwrap();
    let line = watcher.next_line();
    assert!(
        line.starts_with(&format!("{REPORT} changed: built in ")),
        "{line}"
    );
    let (status, _) = watcher.interrupt();
    assert!(status.success());
}

#[test]
fn watch_rebuilds_when_a_picture_the_paper_shows_appears_or_changes() {
    let temporary = tempfile::tempdir().unwrap();
    let content = temporary.path().join("content");
    std::fs::create_dir_all(content.join("pictures")).unwrap();
    let paper = content.join("paper.yaml");
    std::fs::write(
        &paper,
        "kind: short-paper\ntitle: The Site\nbody: |\n  The site:\n\n  ![Plan of the site](pictures/plan.svg)\n",
    )
    .unwrap();
    let out = temporary.path().join("out");
    // Only the paper is watched by name: the picture is watched because the paper shows it,
    // even before it exists.
    let watcher = Watcher::start(&paper, &out);
    let first = watcher.next_line();
    assert!(first.starts_with("1 problem found"), "{first}");
    let problems = watcher.stderr_until("-->");
    assert!(problems.contains("no such file"), "{problems}");

    let svg = |label: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="10" y="40" font-family="Liberation Sans" font-size="20">{label}</text></svg>"#
        )
    };
    let picture = content.join("pictures/plan.svg");
    std::fs::write(&picture, svg("North gate")).unwrap();
    let line = watcher.next_line();
    assert!(line.starts_with("plan.svg added: built in "), "{line}");
    assert!(pdf_text(&out.join("paper.pdf")).contains("North gate"));

    std::fs::write(&picture, svg("South gate, moved")).unwrap();
    let line = watcher.next_line();
    assert!(line.starts_with("plan.svg changed: built in "), "{line}");
    assert!(line.contains("paper.pdf"), "{line}");
    assert!(pdf_text(&out.join("paper.pdf")).contains("South gate, moved"));
    let (status, _) = watcher.interrupt();
    assert!(status.success());
}
