//! A meeting's papers found for its agenda: each presented once, either exempt or public,
//! and a supplied PDF checked before it is used.

use std::path::Path;
use std::sync::Arc;

use serde_saphyr::Spanned;

use super::{Workspace, input_diagnostic};
use crate::diagnostics::{Diagnostic, Location, SourceFile, Warnings};
use crate::input::FileKind;
use crate::lower::agenda::{PaperSource, PresentedItem, ResolvedPaper};
use crate::narrative::References;
use crate::style::HouseStyle;

/// Resolves a meeting's papers within the workspace, relative to the meeting file.
pub(super) struct MeetingPapers<'a, 's> {
    pub(super) workspace: &'a mut Workspace<'s>,
    pub(super) meeting: SourceFile,
    /// The house style of the meeting's committee, its papers are lowered in.
    pub(super) style: &'a HouseStyle,
}

impl MeetingPapers<'_, '_> {
    /// Record that the meeting presents the file at `canonical` (written at `at`) as exempt or
    /// not. One file presented both ways, in one meeting or two, would reach the public files
    /// in one place while withheld in another: an error. A cover report whose own front page
    /// says it is exempt may not be presented in public either.
    pub(super) fn present(&mut self, canonical: &Path, at: &Location, exempt: Option<u8>) -> bool {
        self.workspace.owned.insert(canonical.to_path_buf());
        let mut ok = true;
        match self.workspace.presented.get(canonical) {
            Some((earlier, place)) if earlier.is_some() != exempt.is_some() => {
                let (exempt_at, public_at) = if exempt.is_some() {
                    (at, place)
                } else {
                    (place, at)
                };
                self.workspace.diagnostics.push(
                    Diagnostic::error(
                        "this paper is presented as exempt in one place and in public in another",
                    )
                    .at(at.clone())
                    .hint(format!(
                        "exempt at {}:{}, public at {}:{}; a paper is either exempt or public",
                        exempt_at.file.display(),
                        exempt_at.line,
                        public_at.file.display(),
                        public_at.line
                    )),
                );
                ok = false;
            }
            Some(_) => {}
            None => {
                self.workspace
                    .presented
                    .insert(canonical.to_path_buf(), (exempt, at.clone()));
            }
        }
        ok
    }

    /// The parsed paper at `path` (relative to the meeting file) and its source, if it is one.
    fn parsed_paper(&self, path: &str) -> Option<(Arc<dyn crate::lower::Paper>, SourceFile)> {
        let base = self.meeting.path.parent().unwrap_or(Path::new(""));
        let canonical = self
            .workspace
            .root
            .resolve(&base.join(path), FileKind::Yaml)
            .ok()?;
        self.workspace.paper(&canonical)
    }

    /// A paper claims to be exempt on its front page, and the agenda presents none of what it
    /// covers as exempt: an error, as the paper would be published.
    fn claim_not_honoured(&mut self, answer: &str, paper_source: &Path, at: &Location) {
        self.workspace.diagnostics.push(
            Diagnostic::error(format!(
                "the report says it is exempt (`exempt: {answer}`), but the agenda presents it in public"
            ))
            .at(at.clone())
            .hint(format!(
                "give it `exempt:` with the paragraph of Schedule 12A here, or change `exempt:` in `{}` to no",
                paper_source.display()
            )),
        );
    }
}

impl PaperSource for MeetingPapers<'_, '_> {
    fn pictures(&self) -> Arc<crate::pictures::PictureReader> {
        Arc::clone(&self.workspace.pictures)
    }

    fn warnings(&self) -> Warnings {
        self.workspace.warnings.clone()
    }

    fn minutes(&mut self, path: &Spanned<String>, exempt: Option<u8>) -> ResolvedPaper {
        let at = self.meeting.location_of(path);
        let Some(canonical) = self.workspace.refer(&self.meeting, &path.value, at.clone()) else {
            return ResolvedPaper::Failed;
        };
        if !self.present(&canonical, &at, exempt) {
            return ResolvedPaper::Failed;
        }
        if let Some(file) = self.workspace.files.get(&canonical)
            && file
                .parsed
                .as_ref()
                .is_some_and(|(kind, _)| !kind.presented_as_minutes)
        {
            self.workspace
                .diagnostics
                .push(Diagnostic::error(format!("`{}` is not minutes", path.value)).at(at));
            return ResolvedPaper::Failed;
        }
        self.workspace
            .lower(&canonical, &References::default(), self.style)
    }

    fn supplied_pdf(
        &mut self,
        path: &str,
        at: Location,
        exempt: Option<u8>,
    ) -> Option<(Arc<Vec<u8>>, u32)> {
        let base = self.meeting.path.parent().unwrap_or(Path::new(""));
        let full = base.join(path);
        self.workspace.inputs.insert(full.clone());
        let read = self
            .workspace
            .root
            .resolve(&full, FileKind::Pdf)
            .and_then(|canonical| {
                let bytes = crate::input::read_regular_file(&canonical, FileKind::Pdf.limit())?;
                Ok((canonical, bytes))
            });
        let bytes = match read {
            Ok((canonical, bytes)) => {
                if !self.present(&canonical, &at, exempt) {
                    return None;
                }
                Arc::new(bytes)
            }
            Err(error) => {
                self.workspace
                    .diagnostics
                    .push(input_diagnostic(&error, path, &self.meeting, at));
                return None;
            }
        };
        match self.workspace.session.supplied.check(&bytes) {
            Ok(pages) => Some((bytes, pages)),
            Err(why) => {
                self.workspace.diagnostics.push(
                    Diagnostic::error(format!("cannot use `{path}`: it {why}"))
                        .at(at)
                        .hint(crate::supplied::hint(&why)),
                );
                None
            }
        }
    }

    fn paper(
        &mut self,
        path: &str,
        at: Location,
        references: &References,
        exempt: Option<u8>,
    ) -> ResolvedPaper {
        let Some(canonical) = self.workspace.refer(&self.meeting, path, at.clone()) else {
            return ResolvedPaper::Failed;
        };
        if !self.present(&canonical, &at, exempt) {
            return ResolvedPaper::Failed;
        }
        self.workspace.lower(&canonical, references, self.style)
    }

    fn check_report_item(&mut self, item: &PresentedItem) {
        let (report, at) = &item.report;
        if let Some((paper, source)) = self.parsed_paper(report) {
            let front_page = paper.front_page();
            // A report that claims exemption is honoured when anything of its item is exempt
            // (its exempt appendix); one that says a bare no must have nothing exempt ("No,
            // except Appendix 3" says what is).
            if let Some(answer) = paper.claimed_exemption() {
                if item.exempt.is_empty() {
                    self.claim_not_honoured(answer, &source.path, at);
                }
            } else if let Some(answer) = front_page.exempt
                && answer.value.is_bare_no()
                && let Some((what, marked_at)) = item.exempt.first()
            {
                self.workspace.diagnostics.push(
                    Diagnostic::error(format!(
                        "the report says `exempt: {}`, but the agenda marks {what} exempt",
                        answer.value.0
                    ))
                    .at(source.location_of(answer))
                    .expected(format!(
                        "the report's answer to agree with the agenda, which marks {what} exempt at {}:{}",
                        marked_at.file.display(),
                        marked_at.line
                    ))
                    .hint(format!(
                        "say what is exempt and why, e.g. `exempt: Yes – {what} is exempt under paragraph 3`"
                    )),
                );
            }
            if let Some(listed) = front_page.appendices {
                let labels: Vec<String> = listed
                    .value
                    .iter()
                    .enumerate()
                    .map(|(index, appendix)| {
                        appendix
                            .label
                            .clone()
                            .unwrap_or_else(|| (index + 1).to_string())
                    })
                    .collect();
                for appendix in &item.appendices {
                    if !labels
                        .iter()
                        .any(|label| label.eq_ignore_ascii_case(&appendix.label))
                    {
                        let listed_names = if labels.is_empty() {
                            "none".to_string()
                        } else {
                            labels.join(", ")
                        };
                        self.workspace.diagnostics.push(
                            Diagnostic::error(format!(
                                "the agenda presents Appendix {}, which the report does not list",
                                appendix.label
                            ))
                            .at(appendix.at.clone())
                            .expected(format!(
                                "an appendix the report lists at {}:{} (it lists {listed_names})",
                                source.path.display(),
                                source.location_of(listed).line
                            ))
                            .hint("add it to the report's `appendices:`, or give this appendix the `label:` the report gives it"),
                        );
                    }
                }
            }
        }
        for appendix in &item.appendices {
            if appendix.exempt {
                continue;
            }
            if let Some((paper, source)) = self.parsed_paper(&appendix.paper)
                && let Some(answer) = paper.claimed_exemption()
            {
                self.claim_not_honoured(answer, &source.path, &appendix.at);
            }
        }
    }

    fn withheld(&mut self, path: &str, at: Location) {
        if let Some(canonical) = self.workspace.refer(&self.meeting, path, at) {
            self.workspace.owned.insert(canonical);
        }
    }

    fn recommendations(
        &mut self,
        path: &str,
        at: Location,
        references: &References,
    ) -> Vec<Vec<crate::model::Block>> {
        let Some(canonical) = self.workspace.refer(&self.meeting, path, at) else {
            return Vec::new();
        };
        let Some((paper, source)) = self.workspace.paper(&canonical) else {
            return Vec::new();
        };
        let result = paper.agenda_recommendations(
            &source,
            &mut super::workspace::Resolving {
                workspace: self.workspace,
                references,
                style: self.style,
            },
        );
        result.unwrap_or_else(|problems| {
            self.workspace.diagnostics.extend(problems);
            Vec::new()
        })
    }
}
