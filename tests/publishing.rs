//! Safe to publish: the output folder always equals its manifests, holds nothing exempt outside
//! `private/` even as exemptions, items and labels change between builds into it, and survives
//! builds killed at any moment or run side by side.

mod common;
use common::Published;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::*;
use sha2::{Digest, Sha256};

/// A small deterministic random source (xorshift), so that a failure can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A short cover report carrying `marker` in its title and body.
fn report(marker: &str) -> String {
    format!(
        "kind: cover-report
title: Report {marker}
committee: Example Panel
summary: Summary {marker}.
sections:
  background: [Background {marker}.]
  key_issues: [Key issues {marker}.]
  options: [Options.]
  risks: [Risks.]
accountable_officers:
  - name: Ann Example
    email: ann@example.org
"
    )
}

/// One agenda item of a random meeting: its report (paper `id`) and appendices.
#[derive(Debug)]
struct ItemPlan {
    id: usize,
    exempt: Option<u8>,
    report_exempt: Option<u8>,
    /// Which appendix file (1 or 2), its label, and its exemption.
    appendices: Vec<(usize, Option<String>, Option<u8>)>,
}

impl ItemPlan {
    /// An item whose report is paper `id`, with `appendices` (file, label, exemption).
    fn new(
        id: usize,
        exempt: Option<u8>,
        appendices: Vec<(usize, Option<String>, Option<u8>)>,
    ) -> Self {
        ItemPlan {
            id,
            exempt,
            report_exempt: None,
            appendices,
        }
    }
}

/// A random meeting: items in some order, the last few perhaps under an exempt group heading.
#[derive(Debug)]
struct MeetingPlan {
    items: Vec<ItemPlan>,
    grouped: usize,
    group_exempt: Option<u8>,
}

impl MeetingPlan {
    fn random(random: &mut Random) -> Self {
        let mut ids: Vec<usize> = (1..=4).collect();
        // Shuffle, then keep one to four of them: items are added, removed and renumbered.
        for index in (1..ids.len()).rev() {
            ids.swap(index, random.below(index as u64 + 1) as usize);
        }
        ids.truncate(1 + random.below(4) as usize);
        let paragraph = |random: &mut Random, percent| {
            random.chance(percent).then(|| 1 + random.below(7) as u8)
        };
        let items: Vec<ItemPlan> = ids
            .into_iter()
            .map(|id| {
                let count = random.below(3) as usize;
                // Labels left out default to the appendix's position: 1 and 2 are not chosen.
                let mut labels = vec!["A", "b", "4", "X1", "3c"];
                let appendices = (1..=count)
                    .map(|file| {
                        let label = random.chance(50).then(|| {
                            labels
                                .remove(random.below(labels.len() as u64) as usize)
                                .to_string()
                        });
                        (file, label, paragraph(random, 30))
                    })
                    .collect();
                ItemPlan {
                    id,
                    exempt: paragraph(random, 15),
                    report_exempt: paragraph(random, 20),
                    appendices,
                }
            })
            .collect();
        let grouped = if random.chance(40) {
            random.below(items.len() as u64 + 1) as usize
        } else {
            0
        };
        MeetingPlan {
            grouped,
            group_exempt: paragraph(random, 60),
            items,
        }
    }

    fn item_yaml(item: &ItemPlan, indent: &str) -> String {
        let mut yaml = format!(
            "{indent}- title: Public title {id}\n{indent}  report: {{paper: report-{id}.yaml{exempt}}}\n",
            id = item.id,
            exempt = item
                .report_exempt
                .map(|p| format!(", exempt: {p}"))
                .unwrap_or_default()
        );
        if let Some(paragraph) = item.exempt {
            yaml.push_str(&format!("{indent}  exempt: {paragraph}\n"));
        }
        if !item.appendices.is_empty() {
            yaml.push_str(&format!("{indent}  appendices:\n"));
            for (file, label, exempt) in &item.appendices {
                yaml.push_str(&format!(
                    "{indent}    - paper: appendix-{}-{file}.yaml\n",
                    item.id
                ));
                if let Some(label) = label {
                    yaml.push_str(&format!("{indent}      label: \"{label}\"\n"));
                }
                if let Some(paragraph) = exempt {
                    yaml.push_str(&format!("{indent}      exempt: {paragraph}\n"));
                }
            }
        }
        yaml
    }

    fn yaml(&self) -> String {
        let mut yaml = String::from(
            "kind: meeting\ncommittee: committee.yaml\ndate: 2022-05-13\ntime: 1.00 p.m.\nchief_executive: Sharon Kemp\nitems:\n  - standard: apologies\n  - standard: exclusion\n",
        );
        let ungrouped = self.items.len() - self.grouped;
        for item in &self.items[..ungrouped] {
            yaml.push_str(&Self::item_yaml(item, "  "));
        }
        if self.grouped > 0 {
            yaml.push_str(
                "  - group: Part II\n    description: Business that may be taken in private.\n",
            );
            if let Some(paragraph) = self.group_exempt {
                yaml.push_str(&format!("    exempt: {paragraph}\n"));
            }
            yaml.push_str("    items:\n");
            for item in &self.items[ungrouped..] {
                yaml.push_str(&Self::item_yaml(item, "      "));
            }
        }
        yaml.push_str("  - standard: urgent\n");
        yaml
    }

    /// Markers of the papers that are exempt, and of those that are public.
    fn markers(&self) -> (Vec<String>, Vec<String>) {
        let (mut exempt, mut public) = (Vec::new(), Vec::new());
        let ungrouped = self.items.len() - self.grouped;
        for (index, item) in self.items.iter().enumerate() {
            let group = if index >= ungrouped {
                self.group_exempt
            } else {
                None
            };
            let whole = item.exempt.or(group);
            let report = report_marker(item.id);
            if item.report_exempt.or(whole).is_some() {
                exempt.push(report);
            } else {
                public.push(report);
            }
            for (file, _, paragraph) in &item.appendices {
                let marker = appendix_marker(item.id, *file);
                if paragraph.or(whole).is_some() {
                    exempt.push(marker);
                } else {
                    public.push(marker);
                }
            }
        }
        (exempt, public)
    }
}

fn report_marker(id: usize) -> String {
    format!(
        "Quokka{}Report",
        ["Zero", "One", "Two", "Three", "Four"][id]
    )
}

fn appendix_marker(id: usize, file: usize) -> String {
    format!(
        "Quokka{}Appendix{}",
        ["Zero", "One", "Two", "Three", "Four"][id],
        ["Zero", "One", "Two"][file]
    )
}

/// A content folder with the committee and every paper a random meeting may use.
fn random_meeting_content(work: &Path) -> PathBuf {
    let content = work.join("content");
    std::fs::create_dir_all(&content).unwrap();
    copy_example_committee(&content);
    for id in 1..=4 {
        std::fs::write(
            content.join(format!("report-{id}.yaml")),
            report(&report_marker(id)),
        )
        .unwrap();
        for file in 1..=2 {
            std::fs::write(
                content.join(format!("appendix-{id}-{file}.yaml")),
                report(&appendix_marker(id, file)),
            )
            .unwrap();
        }
    }
    content
}

/// The files under `out`, relative, with `/` separators.
fn relative_files(out: &Path) -> BTreeSet<String> {
    files_under(out)
        .iter()
        .map(|path| {
            path.strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

fn sha256_of(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Every file the manifests of `out` list exists with the hash they give, and nothing else is
/// there. Returns the files, relative to `out`.
fn assert_folder_matches_manifests(out: &Path) -> BTreeSet<String> {
    /// Check the entries of one manifest, whose names are relative to `base`.
    fn check(out: &Path, base: &str, manifest: &serde_json::Value, listed: &mut BTreeSet<String>) {
        for entry in manifest["files"].as_array().unwrap() {
            let file = format!("{base}{}", entry["file"].as_str().unwrap());
            let path = out.join(&file);
            assert!(path.exists(), "the manifest lists {file}, which is missing");
            assert_eq!(
                entry["sha256"].as_str().unwrap(),
                sha256_of(&path),
                "{file} differs from its manifest"
            );
            listed.insert(file);
        }
    }
    let on_disk = relative_files(out);
    let mut listed = BTreeSet::from(["manifest.json".to_string()]);
    let top = json(&out.join("manifest.json"));
    check(out, "", &top, &mut listed);
    for meeting in top["meetings"].as_array().unwrap() {
        let base = format!("{}/", meeting.as_str().unwrap());
        listed.insert(format!("{base}manifest.json"));
        let public = json(&out.join(&base).join("manifest.json"));
        for entry in public["files"].as_array().unwrap() {
            assert_eq!(entry["status"], "public", "{entry}");
        }
        check(out, &base, &public, &mut listed);
        let private = out.join(&base).join("private/manifest.json");
        if private.exists() {
            listed.insert(format!("{base}private/manifest.json"));
            check(
                out,
                &format!("{base}private/"),
                &json(&private),
                &mut listed,
            );
        }
    }
    assert_eq!(
        on_disk, listed,
        "the folder holds exactly what its manifests list"
    );
    on_disk
}

/// The text of every public file under `out` (everything outside a `private/` folder).
fn public_text(out: &Path) -> String {
    let mut text = String::new();
    for file in relative_files(out) {
        if !file.split('/').any(|part| part == "private") {
            text.push_str(&readable(&out.join(&file)));
        }
    }
    text
}

#[test]
fn rebuilding_as_exemptions_items_and_labels_change_never_leaves_exempt_text_public() {
    let work = tempfile::tempdir().unwrap();
    let content = random_meeting_content(work.path());
    let out = work.path().join("out");
    let mut random = Random(0x5eed_2022_0513);
    let mut exempt_seen = 0;
    for round in 1..=30 {
        let plan = MeetingPlan::random(&mut random);
        std::fs::write(content.join("meeting.yaml"), plan.yaml()).unwrap();
        let output = papers(&[
            "build",
            content.join("meeting.yaml").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            output.status.success(),
            "round {round}: {plan:#?}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_folder_matches_manifests(&out);
        let public = public_text(&out);
        let (exempt, shown) = plan.markers();
        exempt_seen += exempt.len();
        for marker in &exempt {
            assert!(
                !public.contains(marker.as_str()),
                "round {round}: exempt {marker} is in a public file\n{plan:#?}"
            );
        }
        for marker in &shown {
            assert!(
                public.contains(marker.as_str()),
                "round {round}: public {marker} is missing\n{plan:#?}"
            );
        }
    }
    assert!(exempt_seen > 20, "the rounds exempted {exempt_seen} papers");
}

#[test]
fn an_exempt_group_keeps_every_paper_in_it_out_of_public_files() {
    let work = tempfile::tempdir().unwrap();
    let content = random_meeting_content(work.path());
    let plan = MeetingPlan {
        items: vec![
            ItemPlan::new(1, None, vec![]),
            ItemPlan::new(2, None, vec![(1, None, None)]),
            ItemPlan::new(3, None, vec![(1, Some("A".into()), None), (2, None, None)]),
        ],
        grouped: 2,
        group_exempt: Some(3),
    };
    std::fs::write(content.join("meeting.yaml"), plan.yaml()).unwrap();
    let out = work.path().join("out");
    build_to(&content, &out);
    assert_folder_matches_manifests(&out);
    let public = public_text(&out);
    for marker in [
        report_marker(2),
        appendix_marker(2, 1),
        report_marker(3),
        appendix_marker(3, 1),
        appendix_marker(3, 2),
    ] {
        assert!(!public.contains(&marker), "{marker} is public");
    }
    assert!(public.contains(&report_marker(1)));
    let meetings = json(&out.join("manifest.json"))["meetings"].clone();
    let meeting = out.join(meetings[0].as_str().unwrap());
    let agenda = normalise(&pdf_text_raw(&meeting.join("agenda-pack.pdf").published()));
    for expected in [
        "Part II",
        "Business that may be taken in private.",
        "Agenda Item 4 (Public title 2): paragraph 3",
        "Agenda Item 5 (Public title 3): paragraph 3",
    ] {
        assert!(
            agenda.contains(&normalise(expected)),
            "{expected:?} in {agenda}"
        );
    }
    let private = pdf_text_raw(&meeting.join("private/agenda-pack.pdf").published());
    assert!(private.contains(&appendix_marker(3, 2)));
}

/// Build `content` into `out` and return the child, started.
fn start_build(content: &Path, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_papers"))
        .args([
            "build",
            content.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_folder_that_agrees_with_its_manifests() {
    let work = tempfile::tempdir().unwrap();
    let content = random_meeting_content(work.path());
    let out = work.path().join("out");
    let mut random = Random(0xdead_beef_2022);
    std::fs::write(
        content.join("meeting.yaml"),
        MeetingPlan::random(&mut random).yaml(),
    )
    .unwrap();
    let started = Instant::now();
    let first = start_build(&content, &out).wait_with_output().unwrap();
    assert!(first.status.success());
    let whole = started.elapsed();
    let mut killed_late = 0;
    for round in 1..=20 {
        let plan = MeetingPlan::random(&mut random);
        std::fs::write(content.join("meeting.yaml"), plan.yaml()).unwrap();
        let mut child = start_build(&content, &out);
        // Anywhere from the start to a little after a whole build would finish.
        let delay = whole.mul_f64(random.below(120) as f64 / 100.0);
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        if !finished && delay > whole / 2 {
            killed_late += 1;
        }
        let files = assert_folder_matches_manifests(&out);
        assert!(!files.is_empty(), "round {round}: the folder is never lost");
    }
    assert!(killed_late > 0, "some builds were killed late in their run");
    // The next build cleans up whatever a killed one left beside the folder.
    assert!(start_build(&content, &out).wait().unwrap().success());
    let beside: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("papers-") && !name.ends_with("-lock"))
        .collect();
    assert!(beside.is_empty(), "left beside the folder: {beside:?}");
}

#[test]
fn builds_into_one_folder_at_the_same_time_take_turns() {
    let work = tempfile::tempdir().unwrap();
    let content = random_meeting_content(work.path());
    let mut random = Random(42);
    std::fs::write(
        content.join("meeting.yaml"),
        MeetingPlan::random(&mut random).yaml(),
    )
    .unwrap();
    let out = work.path().join("out");
    let builds: Vec<_> = (0..3).map(|_| start_build(&content, &out)).collect();
    for build in builds {
        let output = build.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_folder_matches_manifests(&out);
}

#[test]
fn a_folder_holding_files_papers_did_not_make_is_never_written_to() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("site");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "the council's own page").unwrap();
    let report = "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml";
    let output = papers(&["build", report, "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`index.html`"), "{stderr}");
    assert_eq!(
        relative_files(&out),
        BTreeSet::from(["index.html".to_string()])
    );
    // Into a folder of its own it builds, and a file dropped in later stops the next build.
    let own = work.path().join("out");
    papers_ok(&["build", report, "--out", own.to_str().unwrap()]);
    std::fs::write(own.join("notes.txt"), "mine").unwrap();
    let output = papers(&["build", report, "--out", own.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read(own.join("notes.txt")).unwrap(), b"mine");
}

/// A paper written in the UK's main community languages, with an emoji, for a report author
/// whose name is in Urdu.
const MANY_SCRIPTS: &str = "kind: cover-report
title: Community languages – زبانیں
committee: Example Panel
authors:
  - name: عائشہ خان
    role: Community Engagement Officer
    email: ayesha@example.org
summary: Summary in Polish – Zażółć gęślą jaźń 👍
sections:
  background:
    - Urdu – یہ رپورٹ کمیونٹی کی زبانوں کے بارے میں ہے
    - Arabic – هذا التقرير عن لغات المجتمع
    - Bengali – এই প্রতিবেদনটি সম্প্রদায়ের ভাষা সম্পর্কে
    - Chinese – 本报告介绍社区语言 张伟
    - Punjabi and Gujarati – ਪੰਜਾਬੀ ગુજરાતી
  key_issues: [Greek and Cyrillic – Ελληνικά Кириллица 😀]
  options: [Options.]
  risks: [Risks.]
accountable_officers:
  - name: Zoë Wiśniewska
    email: zoe@example.org
";

#[test]
fn text_in_the_uk_s_community_languages_prints_in_an_accessible_pdf_and_in_word() {
    let (_work, out) = build_paper("languages.yaml", MANY_SCRIPTS);
    let pdf = out.join("languages.pdf");
    assert!(pdf_xmp(&pdf).contains("<pdfuaid:part>1</pdfuaid:part>"));
    // Typst refuses a PDF/UA-1 export over any glyph no font has, so the build succeeding is
    // itself the proof that every character printed. pdftotext then finds the words of most
    // scripts as written (compared without spaces, which it places by guesswork). Arabic, Urdu
    // and Bengali are joined and reordered by the shaper: Typst writes their text for readers
    // with ActualText, which Acrobat and Chrome use and poppler ignores (typst issue #4225), so
    // for those the PDF is checked for their letters and the DOCX for the words.
    let text: String = pdf_text(&pdf).split_whitespace().collect();
    let docx: String = docx_paragraphs(&out.join("languages.docx"))
        .join(" ")
        .split_whitespace()
        .collect();
    for words in [
        "Zażółć gęślą jaźń",
        "Zoë Wiśniewska",
        "Ελληνικά Кириллица",
        "本报告介绍社区语言 张伟",
        "ਪੰਜਾਬੀ ગુજરાતી",
        "👍",
        "😀",
    ] {
        let words: String = words.split_whitespace().collect();
        assert!(text.contains(&words), "the PDF lacks {words}: {text}");
        assert!(docx.contains(&words), "the DOCX lacks {words}");
    }
    for words in ["عائشہ خان", "رپورٹ", "التقرير", "প্রতিবেদনটি"]
    {
        let words: String = words.split_whitespace().collect();
        assert!(docx.contains(&words), "the DOCX lacks {words}");
        let missing: Vec<char> = words.chars().filter(|c| !text.contains(*c)).collect();
        assert!(missing.is_empty(), "the PDF lacks {missing:?} of {words}");
    }
}

#[test]
fn a_paper_taken_off_the_agenda_is_not_published_on_its_own() {
    let work = tempfile::tempdir().unwrap();
    let content = random_meeting_content(work.path());
    let exempt = MeetingPlan {
        items: vec![
            ItemPlan::new(1, None, vec![]),
            ItemPlan::new(2, Some(3), vec![(1, None, None)]),
        ],
        grouped: 0,
        group_exempt: None,
    };
    std::fs::write(content.join("meeting.yaml"), exempt.yaml()).unwrap();
    let out = work.path().join("out");
    build_to(&content, &out);
    assert!(!public_text(&out).contains(&report_marker(2)));

    // The exempt business is deferred: its files stay in the meeting's folder, off the agenda.
    let deferred = MeetingPlan {
        items: vec![ItemPlan::new(1, None, vec![])],
        grouped: 0,
        group_exempt: None,
    };
    std::fs::write(content.join("meeting.yaml"), deferred.yaml()).unwrap();
    let output = build_to(&content, &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("report-2.yaml` is in the folder of the meeting")
            && stderr.contains("not on its agenda, so it is not built"),
        "{stderr}"
    );
    let files = assert_folder_matches_manifests(&out);
    assert!(
        files.iter().all(|file| !file.contains("report-2")),
        "{files:?}"
    );
    let everything: String = files.iter().map(|file| readable(&out.join(file))).collect();
    for marker in [report_marker(2), appendix_marker(2, 1)] {
        assert!(!everything.contains(&marker), "{marker} was published");
    }
}
