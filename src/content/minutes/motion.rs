//! A motion as the clerk records it: mover, seconder, text, amendments, votes and their outcomes.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::content::ShapeError;

/// A motion moved at the meeting, with the amendments moved to it and the vote on it.
#[derive(Debug, Clone)]
pub struct Motion {
    /// Who moved it, named as `present:` names them ("Ahmed").
    pub mover: Spanned<String>,
    /// Who seconded it, named as `present:` names them.
    pub seconder: Spanned<String>,
    /// What it proposed (Markdown; may refer to minutes by key); never blank.
    pub text: Spanned<String>,
    /// The amendments moved to it, in the order they were put to the vote.
    pub amendments: Vec<Amendment>,
    /// The vote on the motion, after its amendments.
    pub vote: Spanned<Vote>,
}

/// An amendment moved to a motion, voted on before the motion.
#[derive(Debug, Clone)]
pub struct Amendment {
    /// Who moved it.
    pub mover: Spanned<String>,
    /// Who seconded it.
    pub seconder: Spanned<String>,
    /// What it proposed (Markdown); never blank.
    pub text: Spanned<String>,
    /// The vote on it.
    pub vote: Spanned<Vote>,
}

/// A motion's fields as written, before its text is known not to be blank. Named as the
/// motion it becomes, so that a wrong type is reported with the word an author knows.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename = "Motion")]
struct MotionFields {
    #[schemars(with = "String")]
    mover: Spanned<String>,
    #[schemars(with = "String")]
    seconder: Spanned<String>,
    #[schemars(with = "String")]
    text: Spanned<String>,
    #[serde(default)]
    amendments: Vec<Amendment>,
    #[schemars(with = "Vote")]
    vote: Spanned<Vote>,
}

/// An amendment's fields as written.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename = "Amendment")]
struct AmendmentFields {
    #[schemars(with = "String")]
    mover: Spanned<String>,
    #[schemars(with = "String")]
    seconder: Spanned<String>,
    #[schemars(with = "String")]
    text: Spanned<String>,
    #[schemars(with = "Vote")]
    vote: Spanned<Vote>,
}

/// A motion or amendment with no text would print "… seconded by … that:" and nothing: refused
/// at the text, while the file is read.
fn written_text(text: &Spanned<String>, what: &str) -> Result<(), ShapeError> {
    if text.value.trim().is_empty() {
        return Err(ShapeError::new(format!("this {what} has no text"))
            .at(text)
            .expected(format!("what the {what} proposed, such as \"That …\""))
            .hint(format!(
                "write the {what} as moved; a minute with no motion leaves out `motion:`"
            )));
    }
    Ok(())
}

crate::schema::schema_as!(Motion, MotionFields);
crate::schema::schema_as!(Amendment, AmendmentFields);
crate::schema::schema_as!(Vote, VoteFields);

impl<'de> Deserialize<'de> for Motion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = MotionFields::deserialize(deserializer)?;
        written_text(&fields.text, "motion").map_err(serde::de::Error::custom)?;
        Ok(Motion {
            mover: fields.mover,
            seconder: fields.seconder,
            text: fields.text,
            amendments: fields.amendments,
            vote: fields.vote,
        })
    }
}

impl<'de> Deserialize<'de> for Amendment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = AmendmentFields::deserialize(deserializer)?;
        written_text(&fields.text, "amendment").map_err(serde::de::Error::custom)?;
        Ok(Amendment {
            mover: fields.mover,
            seconder: fields.seconder,
            text: fields.text,
            vote: fields.vote,
        })
    }
}

/// A vote: how it was counted, the chair's casting vote on a tie, and the outcome if the author
/// typed it (checked against the counts, which decide it).
#[derive(Debug, Clone)]
pub struct Vote {
    /// The show of hands or the recorded vote.
    pub tally: Tally,
    /// Which way the chair used a casting vote, given only when the vote was tied.
    pub casting_vote: Option<Spanned<Side>>,
    /// The outcome as the author typed it: redundant, so it must agree with the counts.
    pub outcome: Option<Spanned<Outcome>>,
}

/// How a vote was counted.
#[derive(Debug, Clone)]
pub enum Tally {
    /// A show of hands: the counts only.
    ShowOfHands(Spanned<Counts>),
    /// A recorded vote: who voted which way, the counts taken from the lists.
    Recorded(Spanned<RecordedVote>),
}

/// How many voted each way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// For.
    #[serde(rename = "for", default)]
    pub in_favour: u32,
    /// Against.
    #[serde(default)]
    pub against: u32,
    /// Abstaining.
    #[serde(default)]
    pub abstain: u32,
}

/// Who voted which way, named as `present:` names them.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedVote {
    /// Those who voted for.
    #[serde(rename = "for", default)]
    #[schemars(with = "Vec<String>")]
    pub in_favour: Vec<Spanned<String>>,
    /// Those who voted against.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub against: Vec<Spanned<String>>,
    /// Those who abstained.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub abstain: Vec<Spanned<String>>,
}

/// A way a member may vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// For.
    For,
    /// Against.
    Against,
    /// Abstaining.
    Abstain,
}

impl Choice {
    /// The word an author writes for it, as in the vote's fields.
    pub fn key(self) -> &'static str {
        match self {
            Choice::For => "for",
            Choice::Against => "against",
            Choice::Abstain => "abstain",
        }
    }
}

/// Which way the chair's casting vote went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// For the motion or amendment: it is carried.
    For,
    /// Against it: it is lost.
    Against,
}

/// What became of a motion or amendment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// More voted for than against (or the chair's casting vote was for).
    Carried,
    /// Otherwise.
    Lost,
}

impl Outcome {
    /// The word an author writes for it.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Carried => "carried",
            Outcome::Lost => "lost",
        }
    }
}

/// Why the counts cannot decide a vote as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteProblem {
    /// As many voted for as against, and no casting vote is given.
    TieWithoutCastingVote(Counts),
    /// A casting vote is given, but the vote was not tied.
    CastingVoteWithoutTie(Counts),
    /// The outcome typed is not the one the counts decide.
    OutcomeDisagrees {
        /// What the author typed.
        typed: Outcome,
        /// What the counts decide.
        counted: Outcome,
        /// The counts.
        counts: Counts,
    },
}

/// Someone a recorded vote names who cannot have voted as written.
#[derive(Debug, Clone, Copy)]
pub enum VoterProblem<'vote> {
    /// Named a second time, in the same list or another.
    Twice {
        /// The second naming.
        name: &'vote Spanned<String>,
        /// How they voted the first time.
        first: Choice,
        /// How they voted the second time.
        again: Choice,
    },
    /// Not among those the minutes list as present.
    NotPresent {
        /// The naming.
        name: &'vote Spanned<String>,
        /// How they voted.
        choice: Choice,
    },
}

/// A vote's fields as written, before it is known to be counted one way.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename = "Vote")]
struct VoteFields {
    #[schemars(with = "Option<Counts>")]
    show_of_hands: Option<Spanned<Counts>>,
    #[schemars(with = "Option<RecordedVote>")]
    recorded: Option<Spanned<RecordedVote>>,
    #[schemars(with = "Option<Side>")]
    casting_vote: Option<Spanned<Side>>,
    #[schemars(with = "Option<Outcome>")]
    outcome: Option<Spanned<Outcome>>,
}

impl TryFrom<VoteFields> for Vote {
    type Error = ShapeError;

    fn try_from(fields: VoteFields) -> Result<Self, ShapeError> {
        let tally = match (fields.show_of_hands, fields.recorded) {
            (Some(counts), None) => Tally::ShowOfHands(counts),
            (None, Some(recorded)) => Tally::Recorded(recorded),
            (Some(_), Some(_)) => {
                return Err(ShapeError::new(
                    "this vote is both a show of hands and a recorded vote",
                )
                .at_field("show_of_hands")
                .expected("`show_of_hands:` or `recorded:`")
                .hint(
                    "keep the one that was taken; a recorded vote's counts come from its names",
                ));
            }
            (None, None) => {
                return Err(ShapeError::new("this vote says nothing of how it went")
                    .expected("`show_of_hands: {for: 5, against: 2, abstain: 0}`, or `recorded:` with the names `for`, `against` and `abstain`")
                    .hint("give the counts, or the names for a recorded vote"));
            }
        };
        Ok(Vote {
            tally,
            casting_vote: fields.casting_vote,
            outcome: fields.outcome,
        })
    }
}

/// Read as its fields, then checked to be counted one way, at the vote's place.
impl<'de> Deserialize<'de> for Vote {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = VoteFields::deserialize(deserializer)?;
        Vote::try_from(fields).map_err(serde::de::Error::custom)
    }
}

impl RecordedVote {
    /// Each naming with how they voted, in the order for, against, abstain.
    pub fn voters(&self) -> impl Iterator<Item = (Choice, &Spanned<String>)> {
        [Choice::For, Choice::Against, Choice::Abstain]
            .into_iter()
            .flat_map(move |choice| self.names(choice).iter().map(move |name| (choice, name)))
    }

    /// The names that voted `choice`.
    pub fn names(&self, choice: Choice) -> &[Spanned<String>] {
        match choice {
            Choice::For => &self.in_favour,
            Choice::Against => &self.against,
            Choice::Abstain => &self.abstain,
        }
    }

    /// The counts, taken from the lists: a recorded vote's counts are never typed.
    pub fn counts(&self) -> Counts {
        let count = |names: &[Spanned<String>]| u32::try_from(names.len()).unwrap_or(u32::MAX);
        Counts {
            in_favour: count(&self.in_favour),
            against: count(&self.against),
            abstain: count(&self.abstain),
        }
    }

    /// Everyone named twice, and everyone not among `present` (names compared as written,
    /// spaces around them aside), in the order written.
    pub fn problems(&self, present: &[&str]) -> Vec<VoterProblem<'_>> {
        let mut problems = Vec::new();
        let mut seen: Vec<(&str, Choice)> = Vec::new();
        for (choice, name) in self.voters() {
            let written = name.value.trim();
            if let Some(&(_, first)) = seen.iter().find(|(earlier, _)| *earlier == written) {
                problems.push(VoterProblem::Twice {
                    name,
                    first,
                    again: choice,
                });
                continue;
            }
            seen.push((written, choice));
            if !present.iter().any(|present| present.trim() == written) {
                problems.push(VoterProblem::NotPresent { name, choice });
            }
        }
        problems
    }
}

impl Tally {
    /// How many voted each way.
    pub fn counts(&self) -> Counts {
        match self {
            Tally::ShowOfHands(counts) => counts.value,
            Tally::Recorded(recorded) => recorded.value.counts(),
        }
    }
}

impl Vote {
    /// The outcome the counts decide: carried when more voted for than against, lost when
    /// fewer; on a tie, the way the chair's casting vote went. A typed outcome must agree.
    pub fn outcome(&self) -> Result<Outcome, VoteProblem> {
        let counts = self.tally.counts();
        let casting_vote = self.casting_vote.as_ref().map(|side| side.value);
        let counted = match (counts.in_favour.cmp(&counts.against), casting_vote) {
            (std::cmp::Ordering::Greater, None) => Outcome::Carried,
            (std::cmp::Ordering::Less, None) => Outcome::Lost,
            (std::cmp::Ordering::Equal, Some(Side::For)) => Outcome::Carried,
            (std::cmp::Ordering::Equal, Some(Side::Against)) => Outcome::Lost,
            (std::cmp::Ordering::Equal, None) => {
                return Err(VoteProblem::TieWithoutCastingVote(counts));
            }
            (_, Some(_)) => return Err(VoteProblem::CastingVoteWithoutTie(counts)),
        };
        match self.outcome.as_ref().map(|typed| typed.value) {
            Some(typed) if typed != counted => Err(VoteProblem::OutcomeDisagrees {
                typed,
                counted,
                counts,
            }),
            _ => Ok(counted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_yaml;
    use crate::diagnostics::{Diagnostic, SourceFile};

    /// A vote read from YAML, as a minute's `vote:` would be.
    fn parse_vote(yaml: &str) -> Result<Vote, Diagnostic> {
        parse_yaml(&SourceFile {
            path: "vote.yaml".into(),
            text: yaml.to_string(),
        })
    }

    fn vote(yaml: &str) -> Vote {
        parse_vote(yaml).expect("a valid vote")
    }

    #[test]
    fn a_recorded_vote_counts_its_names() {
        let vote =
            vote("recorded:\n  for: [Ahmed, Brennan, Evans]\n  against: [Greene]\n  abstain: []\n");
        assert_eq!(
            vote.tally.counts(),
            Counts {
                in_favour: 3,
                against: 1,
                abstain: 0
            }
        );
        assert_eq!(vote.outcome(), Ok(Outcome::Carried));
    }

    #[test]
    fn a_show_of_hands_counts_as_typed_and_a_side_left_out_is_nobody() {
        let vote = vote("show_of_hands: {for: 2, against: 5}\n");
        assert_eq!(
            vote.tally.counts(),
            Counts {
                in_favour: 2,
                against: 5,
                abstain: 0
            }
        );
        assert_eq!(vote.outcome(), Ok(Outcome::Lost));
    }

    #[test]
    fn a_tie_is_decided_by_the_casting_vote_and_is_an_error_without_one() {
        let tied = "show_of_hands: {for: 3, against: 3, abstain: 1}\n";
        let counts = Counts {
            in_favour: 3,
            against: 3,
            abstain: 1,
        };
        assert_eq!(
            vote(tied).outcome(),
            Err(VoteProblem::TieWithoutCastingVote(counts))
        );
        assert_eq!(
            vote(&format!("{tied}casting_vote: for\n")).outcome(),
            Ok(Outcome::Carried)
        );
        assert_eq!(
            vote(&format!("{tied}casting_vote: against\n")).outcome(),
            Ok(Outcome::Lost)
        );
        assert!(matches!(
            vote("show_of_hands: {for: 4, against: 3}\ncasting_vote: for\n").outcome(),
            Err(VoteProblem::CastingVoteWithoutTie(_))
        ));
    }

    #[test]
    fn a_typed_outcome_must_agree_with_the_counts() {
        let lost = "recorded:\n  for: [Greene]\n  against: [Ahmed, Evans]\n";
        assert_eq!(
            vote(&format!("{lost}outcome: lost\n")).outcome(),
            Ok(Outcome::Lost)
        );
        assert_eq!(
            vote(&format!("{lost}outcome: carried\n")).outcome(),
            Err(VoteProblem::OutcomeDisagrees {
                typed: Outcome::Carried,
                counted: Outcome::Lost,
                counts: Counts {
                    in_favour: 1,
                    against: 2,
                    abstain: 0
                },
            })
        );
    }

    #[test]
    fn a_recorded_vote_names_each_member_present_once() {
        let vote = vote(
            "recorded:\n  for: [Ahmed, Evans, Ahmed]\n  against: [Evans, Hussain]\n  abstain: [Brennan]\n",
        );
        let Tally::Recorded(recorded) = &vote.tally else {
            panic!("a recorded vote");
        };
        let found: Vec<String> = recorded
            .value
            .problems(&["Evans", "Ahmed", "Brennan"])
            .iter()
            .map(|problem| match problem {
                VoterProblem::Twice { name, first, again } => {
                    format!("{} twice: {} then {}", name.value, first.key(), again.key())
                }
                VoterProblem::NotPresent { name, choice } => {
                    format!("{} absent, {}", name.value, choice.key())
                }
            })
            .collect();
        assert_eq!(
            found,
            [
                "Ahmed twice: for then for",
                "Evans twice: for then against",
                "Hussain absent, against",
            ]
        );
    }

    #[test]
    fn a_vote_is_counted_one_way_only() {
        let both = parse_vote("show_of_hands: {for: 1}\nrecorded: {for: [Ahmed]}\n")
            .expect_err("both ways");
        assert_eq!(
            both.message,
            "this vote is both a show of hands and a recorded vote"
        );
        let neither = parse_vote("outcome: carried\n").expect_err("no counts");
        assert_eq!(neither.message, "this vote says nothing of how it went");
    }
}
