//! Lowering a minute's motion: mover and seconder, its text, its amendments, the votes and outcomes.

use serde_saphyr::Spanned;

use super::councillor_names;
use crate::content::minutes::motion::{
    Choice, Counts, Motion, Outcome, Side, Tally, Vote, VoteProblem, VoterProblem,
};
use crate::diagnostics::{Diagnostic, SourceFile, did_you_mean};
use crate::format;
use crate::lower::body_blocks;
use crate::model::{Block, Inline, LabelledRow};
use crate::narrative::Narrative;
use crate::style::{HouseStyle, MotionWording, Words};

/// What setting out a motion needs besides the motion: the minutes' text renderer, their file,
/// the house style, and who the minutes say was present (the chair, then the councillors).
pub(super) struct Meeting<'minutes> {
    /// Renders the motion's text as the minutes' other text is rendered.
    pub narrative: &'minutes Narrative,
    /// The minutes' file, for the places of problems.
    pub source: &'minutes SourceFile,
    /// The house style: its minutes wording and how it prints numbers.
    pub style: &'minutes HouseStyle,
    /// The members present, named as `present:` names them: only they move, second and vote.
    pub present: Vec<&'minutes str>,
}

/// Whether a motion is the one put or an amendment to it: the outcome's wording differs.
#[derive(Clone, Copy)]
enum Proposal {
    Motion,
    Amendment,
}

impl Proposal {
    fn noun(self) -> &'static str {
        match self {
            Proposal::Motion => "motion",
            Proposal::Amendment => "amendment",
        }
    }
}

/// "It was moved by … and seconded by … that:", the motion's text set in, then each amendment
/// with its vote, then the vote on the motion and its outcome. Every problem found is pushed to
/// `diagnostics`; what can still be set out is.
pub(super) fn motion_blocks(
    motion: &Motion,
    meeting: &Meeting<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    let wording = &meeting.style.minutes.motion;
    let mut blocks = moved_blocks(
        &wording.moved,
        [&motion.mover, &motion.seconder],
        &motion.text,
        meeting,
        diagnostics,
    );
    for amendment in &motion.amendments {
        blocks.extend(moved_blocks(
            &wording.amendment_moved,
            [&amendment.mover, &amendment.seconder],
            &amendment.text,
            meeting,
            diagnostics,
        ));
        blocks.extend(vote_blocks(
            &amendment.vote,
            Proposal::Amendment,
            meeting,
            diagnostics,
        ));
    }
    blocks.extend(vote_blocks(
        &motion.vote,
        Proposal::Motion,
        meeting,
        diagnostics,
    ));
    blocks
}

/// Who moved and seconded, then the text they moved, set in further than the minute's text.
fn moved_blocks(
    moved: &Words,
    [mover, seconder]: [&Spanned<String>; 2],
    text: &Spanned<String>,
    meeting: &Meeting<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    for (role, name) in [("mover", mover), ("seconder", seconder)] {
        if !is_present(&meeting.present, &name.value) {
            diagnostics.push(not_present(
                &format!(
                    "the {role}, `{}`, is not listed as present",
                    name.value.trim()
                ),
                name,
                meeting,
            ));
        }
    }
    if mover.value.trim() == seconder.value.trim() {
        diagnostics.push(
            Diagnostic::error(format!(
                "`{}` is both the mover and the seconder",
                seconder.value.trim()
            ))
            .at(meeting.source.location_of(seconder).underline_word())
            .hint("name the member who seconded it"),
        );
    }
    let wording = &meeting.style.minutes;
    let councillor =
        |name: &Spanned<String>| wording.councillor.fill(&[("name", name.value.trim())]);
    vec![
        Block::LeadIn {
            content: vec![Inline::text(moved.fill(&[
                ("mover", &councillor(mover)),
                ("seconder", &councillor(seconder)),
            ]))],
        },
        Block::Indented {
            blocks: body_blocks(
                meeting.narrative,
                meeting.source,
                &text.value,
                Some(text),
                diagnostics,
            ),
        },
    ]
}

/// The counts (or, for a recorded vote, who voted which way), the chair's casting vote if
/// given, and the outcome the counts decide.
fn vote_blocks(
    vote: &Spanned<Vote>,
    proposal: Proposal,
    meeting: &Meeting<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    let wording = &meeting.style.minutes.motion;
    let count = |count: u32| format::localised(&format::count(count), &meeting.style.numbers);
    let mut blocks = Vec::new();
    // A recorded vote that names someone wrongly has no counts to trust: its outcome is not
    // checked until the names are right, so that one slip is reported once.
    let mut names_are_right = true;
    match &vote.value.tally {
        Tally::ShowOfHands(counts) => {
            let counts = counts.value;
            blocks.push(Block::plain(wording.show_of_hands.fill(&[
                ("for", &count(counts.in_favour)),
                ("against", &count(counts.against)),
                ("abstain", &count(counts.abstain)),
            ])));
        }
        Tally::Recorded(recorded) => {
            for problem in recorded.value.problems(&meeting.present) {
                names_are_right = false;
                diagnostics.push(voter_diagnostic(problem, meeting));
            }
            blocks.push(Block::LeadIn {
                content: vec![Inline::text(wording.recorded_vote.as_str())],
            });
            let rows = [
                (Choice::For, &wording.in_favour),
                (Choice::Against, &wording.against),
                (Choice::Abstain, &wording.abstain),
            ]
            .into_iter()
            .map(|(choice, label)| {
                let names: Vec<String> = recorded
                    .value
                    .names(choice)
                    .iter()
                    .map(|name| name.value.trim().to_string())
                    .collect();
                let voted = u32::try_from(names.len()).unwrap_or(u32::MAX);
                let written = if names.is_empty() {
                    wording.nobody.as_str().to_string()
                } else {
                    councillor_names(&names, &meeting.style.minutes)
                };
                LabelledRow {
                    label: label.fill(&[("count", &count(voted))]),
                    content: vec![Inline::text(written)],
                }
            })
            .collect();
            blocks.push(Block::LabelledList { rows });
        }
    }
    if let Some(side) = &vote.value.casting_vote {
        blocks.push(Block::plain(match side.value {
            Side::For => wording.casting_vote_for.as_str(),
            Side::Against => wording.casting_vote_against.as_str(),
        }));
    }
    match vote.value.outcome() {
        Ok(outcome) => blocks.push(Block::plain(outcome_words(wording, proposal, outcome))),
        Err(problem) if names_are_right => {
            diagnostics.push(vote_diagnostic(problem, vote, proposal, meeting));
        }
        Err(_) => {}
    }
    blocks
}

/// "The motion was carried.", "The amendment was lost.", as the style words them.
fn outcome_words(wording: &MotionWording, proposal: Proposal, outcome: Outcome) -> &str {
    match (proposal, outcome) {
        (Proposal::Motion, Outcome::Carried) => wording.carried.as_str(),
        (Proposal::Motion, Outcome::Lost) => wording.lost.as_str(),
        (Proposal::Amendment, Outcome::Carried) => wording.amendment_carried.as_str(),
        (Proposal::Amendment, Outcome::Lost) => wording.amendment_lost.as_str(),
    }
}

/// Whether `name` is among those present, as written (spaces around it aside).
fn is_present(present: &[&str], name: &str) -> bool {
    present.iter().any(|member| member.trim() == name.trim())
}

/// A member named who is not listed as present: at the name, listing who was, suggesting the
/// nearest if it looks like a slip.
fn not_present(message: &str, name: &Spanned<String>, meeting: &Meeting<'_>) -> Diagnostic {
    let diagnostic = Diagnostic::error(message)
        .at(meeting.source.location_of(name).underline_word())
        .expected(format!(
            "one of those present: {}",
            meeting.present.join(", ")
        ));
    let written = name.value.trim();
    // "Councillor Ahmed" for "Ahmed": the style adds the title, as on the "Present" line.
    let titled = meeting.present.iter().copied().find(|member| {
        written
            .strip_suffix(member)
            .is_some_and(|title| title.ends_with(' '))
    });
    match titled.or_else(|| did_you_mean(written, meeting.present.iter().copied())) {
        Some(near) => diagnostic.hint(format!(
            "did you mean `{near}`? Members are named as `present:` names them"
        )),
        None => diagnostic.hint(
            "name members as `present:` names them, or add the member to `present: councillors:`",
        ),
    }
}

/// A recorded vote's problem with one naming, at that naming.
fn voter_diagnostic(problem: VoterProblem<'_>, meeting: &Meeting<'_>) -> Diagnostic {
    match problem {
        VoterProblem::Twice { name, first, again } => {
            let how = if first == again {
                format!("twice {}", again.key())
            } else {
                format!("{}, then {}", first.key(), again.key())
            };
            Diagnostic::error(format!(
                "`{}` votes twice in this recorded vote: {how}",
                name.value.trim()
            ))
            .at(meeting.source.location_of(name).underline_word())
            .expected("each member once: for, against or abstain")
            .hint("remove the member from all but the list they voted in")
        }
        VoterProblem::NotPresent { name, choice } => {
            let voted = match choice {
                Choice::For => "votes for",
                Choice::Against => "votes against",
                Choice::Abstain => "abstains",
            };
            not_present(
                &format!(
                    "`{}` {voted} but is not listed as present",
                    name.value.trim()
                ),
                name,
                meeting,
            )
        }
    }
}

/// "5 for and 2 against (1 abstaining)", for messages.
fn counted(counts: Counts) -> String {
    format!(
        "{} for, {} against, {} abstaining",
        counts.in_favour, counts.against, counts.abstain
    )
}

/// Why the counts cannot decide the vote, at the place the author must change.
fn vote_diagnostic(
    problem: VoteProblem,
    vote: &Spanned<Vote>,
    proposal: Proposal,
    meeting: &Meeting<'_>,
) -> Diagnostic {
    let source = meeting.source;
    let noun = proposal.noun();
    match problem {
        VoteProblem::TieWithoutCastingVote(counts) => Diagnostic::error(format!(
            "the vote on this {noun} is tied ({}) and no casting vote is given",
            counted(counts)
        ))
        .at(source.location_of(vote))
        .expected("`casting_vote: for` or `casting_vote: against`")
        .hint("the chair decides a tie: say which way, or correct the votes"),
        VoteProblem::CastingVoteWithoutTie(counts) => {
            let place = vote.value.casting_vote.as_ref().map_or_else(
                || source.location_of(vote),
                |side| source.location_of(side).underline_word(),
            );
            Diagnostic::error(format!(
                "a casting vote is given, but the vote on this {noun} was not tied ({})",
                counted(counts)
            ))
            .at(place)
            .hint("the chair gives a casting vote only on a tie: remove `casting_vote:`, or correct the votes")
        }
        VoteProblem::OutcomeDisagrees {
            typed,
            counted: decided,
            counts,
        } => {
            let votes = match &vote.value.tally {
                Tally::ShowOfHands(counts) => source.location_of(counts),
                Tally::Recorded(recorded) => source.location_of(recorded),
            };
            let place = vote.value.outcome.as_ref().map_or_else(
                || source.location_of(vote),
                |outcome| source.location_of(outcome).underline_word(),
            );
            Diagnostic::error(format!(
                "`outcome: {}` disagrees with the votes at line {}, column {} ({}): the {noun} was {}",
                typed.key(),
                votes.line,
                votes.column,
                counted(counts),
                decided.key()
            ))
            .at(place)
            .expected(format!(
                "`outcome: {}`, or no `outcome:` (the votes decide it)",
                decided.key()
            ))
            .hint("correct the outcome or the votes: the outcome printed is the one the votes decide")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::minutes::Minutes;
    use crate::content::parse_yaml;
    use crate::model::plain_text;
    use crate::narrative::References;

    /// The Harrow style, whose motion wording the tests read back.
    fn style() -> HouseStyle {
        serde_saphyr::from_str(include_str!("../../../report_templates/harrow/style.yaml"))
            .expect("the Harrow style reads")
    }

    /// The minutes file a test's motion is written in, from line 7.
    fn source(motion: &str) -> SourceFile {
        SourceFile {
            path: "minutes.yaml".into(),
            text: format!(
                "kind: minutes\ncommittee: ../committee.yaml\ndate: 2026-01-15\nfirst_minute: 1\npresent: {{chair: Evans, councillors: [Ahmed, Brennan, Greene]}}\nminutes:\n  - title: Budget\n    motion:\n{motion}"
            ),
        }
    }

    /// A motion's blocks, or the problems found, as the minutes' lowering would find them.
    fn lowered(motion: &str) -> Result<Vec<Block>, Vec<Diagnostic>> {
        let source = source(motion);
        let minutes: Minutes = parse_yaml(&source).expect("valid YAML");
        let Some(motion) = &minutes.minutes[0].value.motion else {
            panic!("a motion");
        };
        let style = style();
        let narrative = Narrative::new(References::default(), Default::default());
        let meeting = Meeting {
            narrative: &narrative,
            source: &source,
            style: &style,
            present: vec!["Evans", "Ahmed", "Brennan", "Greene"],
        };
        let mut diagnostics = Vec::new();
        let blocks = motion_blocks(motion, &meeting, &mut diagnostics);
        if diagnostics.is_empty() {
            Ok(blocks)
        } else {
            Err(diagnostics)
        }
    }

    /// Each block's text a line, a labelled list's rows as "label: value".
    fn lines(blocks: &[Block]) -> Vec<String> {
        let mut out = Vec::new();
        for block in blocks {
            match block {
                Block::Paragraph { content } | Block::LeadIn { content } => {
                    out.push(plain_text(content))
                }
                Block::Indented { blocks } => {
                    out.extend(lines(blocks).into_iter().map(|line| format!("> {line}")));
                }
                Block::LabelledList { rows } => out.extend(
                    rows.iter()
                        .map(|row| format!("{} {}", row.label, plain_text(&row.content))),
                ),
                other => out.push(format!("{other:?}")),
            }
        }
        out
    }

    const RECORDED: &str = "      mover: Ahmed\n      seconder: Brennan\n      text: That the budget be recommended to Council.\n      vote:\n        recorded:\n          for: [Ahmed, Brennan, Evans]\n          against: [Greene]\n";

    #[test]
    fn a_recorded_vote_prints_each_list_with_its_count_and_the_outcome_the_counts_decide() {
        let blocks = lowered(RECORDED).expect("a valid motion");
        let style = style();
        let wording = &style.minutes.motion;
        assert_eq!(
            lines(&blocks),
            [
                wording.moved.fill(&[
                    ("mover", "Councillor Ahmed"),
                    ("seconder", "Councillor Brennan")
                ]),
                "> That the budget be recommended to Council.".to_string(),
                wording.recorded_vote.as_str().to_string(),
                format!(
                    "{} Councillors Ahmed, Brennan, and Evans",
                    wording.in_favour.fill(&[("count", "3")])
                ),
                format!(
                    "{} Councillor Greene",
                    wording.against.fill(&[("count", "1")])
                ),
                format!(
                    "{} {}",
                    wording.abstain.fill(&[("count", "0")]),
                    wording.nobody.as_str()
                ),
                wording.carried.as_str().to_string(),
            ]
        );
    }

    #[test]
    fn an_amendment_is_voted_on_before_the_motion_and_a_tie_goes_the_chairs_way() {
        let motion = RECORDED.replace(
            "      vote:\n",
            "      amendments:\n        - mover: Greene\n          seconder: Evans\n          text: That the rise be 2.99 per cent.\n          vote:\n            show_of_hands: {for: 2, against: 2}\n            casting_vote: against\n      vote:\n",
        );
        let blocks = lowered(&motion).expect("a valid motion");
        let style = style();
        let wording = &style.minutes.motion;
        let lines = lines(&blocks);
        assert_eq!(
            lines[2..7],
            [
                wording.amendment_moved.fill(&[
                    ("mover", "Councillor Greene"),
                    ("seconder", "Councillor Evans")
                ]),
                "> That the rise be 2.99 per cent.".to_string(),
                wording
                    .show_of_hands
                    .fill(&[("for", "2"), ("against", "2"), ("abstain", "0")]),
                wording.casting_vote_against.as_str().to_string(),
                wording.amendment_lost.as_str().to_string(),
            ]
        );
        assert_eq!(
            lines.last().map(String::as_str),
            Some(wording.carried.as_str())
        );
    }

    #[test]
    fn each_problem_with_a_vote_is_reported_at_its_line() {
        let problems = |motion: &str| -> Vec<(String, usize)> {
            lowered(motion)
                .expect_err("a problem")
                .into_iter()
                .map(|problem| {
                    let line = problem.location.map_or(0, |location| location.line);
                    (problem.message, line)
                })
                .collect()
        };
        let problem = |message: &str, line: usize| (message.to_string(), line);
        assert_eq!(
            problems(&format!("{RECORDED}        outcome: lost\n")),
            [problem(
                "`outcome: lost` disagrees with the votes at line 14, column 11 (3 for, 1 against, 0 abstaining): the motion was carried",
                16
            )]
        );
        assert_eq!(
            problems(&RECORDED.replace("[Greene]", "[Greene, Ahmed, Hussain]")),
            [
                problem(
                    "`Ahmed` votes twice in this recorded vote: for, then against",
                    15
                ),
                problem("`Hussain` votes against but is not listed as present", 15),
            ]
        );
        assert_eq!(
            problems(&RECORDED.replace("[Ahmed, Brennan, Evans]", "[Ahmed]")),
            [problem(
                "the vote on this motion is tied (1 for, 1 against, 0 abstaining) and no casting vote is given",
                13
            )]
        );
        assert_eq!(
            problems(&RECORDED.replace("seconder: Brennan", "seconder: Ahmed")),
            [problem("`Ahmed` is both the mover and the seconder", 10)]
        );
        assert_eq!(
            problems(&RECORDED.replace("mover: Ahmed", "mover: Hussain")),
            [problem("the mover, `Hussain`, is not listed as present", 9)]
        );
        let titled = lowered(&RECORDED.replace("[Greene]", "[Councillor Greene]"))
            .expect_err("a name with its title");
        assert_eq!(
            titled[0].hints,
            ["did you mean `Greene`? Members are named as `present:` names them"]
        );
    }
}
