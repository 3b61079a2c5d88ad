//! Loading a run: the content given found, read and lowered, meetings first so that they claim
//! their papers, every problem collected.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{
    Failure, Loaded, LoweredMeeting, LoweredPaper, MeetingPapers, ParsedFile, Session, Workspace,
};
use crate::content::{self};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::input::ContentRoot;
use crate::kinds::Parsed;
use crate::lower;
use crate::lower::agenda::ResolvedPaper;
use crate::narrative::References;
use crate::pictures::PictureReader;

/// Read, parse and lower every paper and meeting under `paths` (all inside `root`), collecting
/// every problem.
pub fn load(
    paths: &[PathBuf],
    root: &ContentRoot,
    session: &Session,
) -> Result<(Loaded, Diagnostics), Failure> {
    load_recording(paths, root, session, &mut BTreeSet::new())
}

/// [`load`], adding every file it read (or tried to) to `inputs`, even when it fails: what a
/// watcher must watch.
pub fn load_recording(
    paths: &[PathBuf],
    root: &ContentRoot,
    session: &Session,
    inputs: &mut BTreeSet<PathBuf>,
) -> Result<(Loaded, Diagnostics), Failure> {
    let mut workspace = Workspace {
        root: root.clone(),
        session,
        files: BTreeMap::new(),
        figures: BTreeMap::new(),
        owned: BTreeSet::new(),
        presented: BTreeMap::new(),
        inputs: BTreeSet::new(),
        pictures: std::sync::Arc::new(PictureReader::new(root.clone())),
        diagnostics: Vec::new(),
        warnings: Default::default(),
    };
    let result = load_into(paths, &mut workspace);
    inputs.append(&mut workspace.inputs);
    // Pictures too, found or not: one that appears or changes rebuilds.
    inputs.extend(workspace.pictures.tried());
    result
}

pub(super) fn load_into<'s>(
    paths: &[PathBuf],
    workspace: &mut Workspace<'s>,
) -> Result<(Loaded, Diagnostics), Failure> {
    let found = content::find_content(paths, &workspace.root).map_err(Failure::Io)?;
    if found.is_empty() {
        let given: Vec<String> = paths
            .iter()
            .map(|path| format!("`{}`", path.display()))
            .collect();
        return Err(Failure::Io(
            Diagnostic::error(format!("no content found in {}", given.join(", ")))
                .hint("give YAML files (.yaml or .yml), or folders that hold them"),
        ));
    }
    let mut given = Vec::new();
    for file in found {
        let canonical = workspace.read(&file.path).map_err(|error| {
            Failure::Io(Diagnostic::error(format!(
                "cannot read `{}`: {}",
                file.path.display(),
                error.reason()
            )))
        })?;
        given.push((canonical, file));
    }

    let mut loaded = Loaded::default();
    // Papers built on their own are lowered in the run's house style.
    let session: &'s Session = workspace.session;
    let run_style = session.typesetter.style();
    // Meetings first: they decide which papers are theirs.
    for (canonical, file) in &given {
        let Some(ParsedFile {
            source,
            parsed: Some((_, Parsed::Meeting(meeting))),
        }) = workspace.files.get(canonical)
        else {
            continue;
        };
        let (source, meeting) = (source.clone(), meeting.clone());
        let Some(committee) = workspace.committee(&source, &meeting.committee) else {
            continue;
        };
        let Some(typesetter) = workspace.committee_style(&source, &meeting.committee) else {
            continue;
        };
        // The wording of the house style the committee chose, or the run's.
        let style = typesetter.as_deref().unwrap_or(&session.typesetter).style();
        let mut papers = MeetingPapers {
            workspace: &mut *workspace,
            meeting: source.clone(),
            style,
        };
        match lower::agenda::lower_meeting(&meeting, &source, &committee, style, &mut papers) {
            Ok(model) => {
                let mut problems = lower::limits::check_document(&model.agenda, &source);
                let characters: usize = model
                    .items
                    .iter()
                    .flat_map(|item| &item.documents)
                    .map(|paper| lower::limits::characters(&paper.document))
                    .sum();
                if characters > lower::limits::MOST_PACK_CHARACTERS {
                    problems.push(
                        Diagnostic::error(format!(
                            "this meeting's papers have {characters} characters of text, more than the {} one agenda pack may have",
                            lower::limits::MOST_PACK_CHARACTERS
                        ))
                        .at(source.locate(""))
                        .hint("publish the largest documents as background papers, or split the meeting's business"),
                    );
                }
                if problems.is_empty() {
                    let date_place = source.locate_key("date");
                    loaded.meetings.push(LoweredMeeting {
                        file: file.clone(),
                        date_place,
                        model,
                        typesetter,
                    });
                } else {
                    workspace.diagnostics.extend(problems);
                }
            }
            Err(problems) => workspace.diagnostics.extend(problems),
        }
    }
    // A meeting's folder holds its papers: one the agenda does not present (business deferred,
    // an old version) is not published on its own, where it could show exempt text in public.
    let meeting_folders: Vec<(&Path, &Path)> = given
        .iter()
        .filter(|(canonical, _)| {
            matches!(
                workspace
                    .files
                    .get(canonical)
                    .and_then(|f| f.parsed.as_ref()),
                Some((_, Parsed::Meeting(_)))
            )
        })
        .filter_map(|(canonical, file)| Some((canonical.parent()?, file.path.as_path())))
        .collect();
    for (canonical, file) in &given {
        if workspace.owned.contains(canonical) {
            continue;
        }
        if let Some((_, meeting)) = meeting_folders
            .iter()
            .find(|(folder, _)| canonical.starts_with(folder))
            && workspace
                .files
                .get(canonical)
                .is_some_and(|f| matches!(f.parsed, Some((_, Parsed::Paper(_)))))
        {
            workspace.diagnostics.push(
                Diagnostic::warning(format!(
                    "`{}` is in the folder of the meeting `{}` but not on its agenda, so it is not built",
                    file.path.display(),
                    meeting.display()
                ))
                .hint("a meeting's papers are published only through its agenda; to publish this paper on its own, move it out of the meeting's folder"),
            );
            continue;
        }
        if let Some(ParsedFile {
            parsed: Some((_, Parsed::Paper(paper))),
            source,
        }) = workspace.files.get(canonical)
            && let Some(answer) = paper.claimed_exemption()
        {
            let problem = Diagnostic::error(format!(
                "this report says it is exempt (`exempt: {answer}`), so it cannot be published on its own"
            ))
            .at(source.locate_key("exempt"))
            .hint("present it as exempt business of a meeting (`exempt:` with the paragraph of Schedule 12A), or change `exempt:` to no");
            workspace.diagnostics.push(problem);
            continue;
        }
        let standalone = matches!(
            workspace.files.get(canonical).and_then(|f| f.parsed.as_ref()),
            Some((kind, Parsed::Paper(_))) if kind.stands_alone
        );
        if standalone
            && let ResolvedPaper::Lowered(document) =
                workspace.lower(canonical, &References::default(), run_style)
        {
            loaded.papers.push(LoweredPaper {
                file: file.clone(),
                document,
            });
        }
    }

    // Figures files are checked even when no paper uses them yet.
    for (canonical, _) in &given {
        if matches!(
            workspace
                .files
                .get(canonical)
                .and_then(|f| f.parsed.as_ref()),
            Some((_, Parsed::Figures(_)))
        ) {
            workspace.figures_at(canonical);
        }
    }

    super::minute_numbers::check_minute_numbers(workspace);

    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(std::mem::take(&mut workspace.diagnostics));
    diagnostics.extend(workspace.warnings.take());
    if diagnostics.has_errors() {
        return Err(Failure::Content(diagnostics));
    }
    Ok((loaded, diagnostics))
}
