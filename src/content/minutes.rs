//! The minutes of a meeting as the clerk writes them: who was present, and each numbered minute
//! with its discussion, its motion and votes, and its resolutions.

pub mod motion;

use serde::Deserialize;
use serde_saphyr::Spanned;

pub use self::motion::Motion;
use super::ShapeError;
use super::common::{Heading, OneOrMany};
use crate::model::Date;

/// Minutes of one meeting.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    /// Always `minutes`.
    pub kind: String,
    /// Path of the committee file, relative to this one.
    #[schemars(with = "String")]
    pub committee: Spanned<String>,
    /// The meeting's date.
    pub date: Date,
    /// Number of the first minute: numbering runs on through the municipal year.
    pub first_minute: u32,
    /// Who was present.
    pub present: Present,
    /// Sentences on others in attendance (Markdown; may refer to minutes by key).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub in_attendance: Vec<Spanned<String>>,
    /// Names of those who sent apologies.
    #[serde(default)]
    pub apologies: Vec<String>,
    /// The minutes, in order.
    #[schemars(with = "Vec<Minute>")]
    pub minutes: Vec<Spanned<Minute>>,
}

/// The "Present:-" line.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Present {
    /// The councillor in the chair.
    pub chair: String,
    /// Other councillors present.
    #[serde(default)]
    pub councillors: Vec<String>,
    /// Officers and others present.
    #[serde(default)]
    pub others: Vec<String>,
}

/// One minute: what was discussed, a motion and how it was voted on, what was resolved, checked
/// when the file is read to record at least one of them.
#[derive(Debug, Clone)]
pub struct Minute {
    /// How other text refers to this minute (`{{ minute('lac_council') }}`).
    pub key: Option<Spanned<String>>,
    /// The minute's title; printed in capitals as its heading.
    pub title: Heading,
    /// The title used in references ("Minute No. 31 (LAC Council Update)"); defaults to `title`.
    pub short_title: Option<String>,
    /// What was discussed and resolved; `None` only when the minute records a motion.
    pub record: Option<Record>,
    /// A motion moved, its amendments and the votes on them, printed after the discussion.
    pub motion: Option<Motion>,
    /// Interests declared, printed as a table after the discussion.
    pub declarations: Vec<Declaration>,
}

/// An interest a member declared.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// Who declared it ("Councillor Parmar").
    pub member: String,
    /// The agenda item it concerns ("4 – Public Questions", or its number).
    pub item: super::common::TextOrNumber,
    /// Its type ("Pecuniary", "Non-pecuniary").
    pub interest: String,
    /// What it is ("Her husband works for London Underground").
    pub nature: String,
}

/// What a minute records: never nothing, since a minute with no text is an empty heading.
#[derive(Debug, Clone)]
pub enum Record {
    /// The discussion only (Markdown; may refer to minutes by key).
    Discussion(Spanned<String>),
    /// The decisions only.
    Resolved(Spanned<Resolved>),
    /// The discussion, then the decisions.
    DiscussionAndResolved {
        /// The discussion (Markdown; may refer to minutes by key).
        body: Spanned<String>,
        /// The decisions.
        resolved: Spanned<Resolved>,
    },
}

impl Minute {
    /// The discussion, if written.
    pub fn body(&self) -> Option<&Spanned<String>> {
        match self.record.as_ref()? {
            Record::Discussion(body) | Record::DiscussionAndResolved { body, .. } => Some(body),
            Record::Resolved(_) => None,
        }
    }

    /// The decisions, if written.
    pub fn resolved(&self) -> Option<&Spanned<Resolved>> {
        match self.record.as_ref()? {
            Record::Resolved(resolved) | Record::DiscussionAndResolved { resolved, .. } => {
                Some(resolved)
            }
            Record::Discussion(_) => None,
        }
    }
}

/// A minute's map of fields as written, before it is known to record something. Named as the
/// minute it becomes, so that a wrong type is reported as it always was.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename = "Minute")]
struct MinuteFields {
    #[schemars(with = "Option<String>")]
    key: Option<Spanned<String>>,
    title: Heading,
    short_title: Option<String>,
    #[schemars(with = "Option<String>")]
    body: Option<Spanned<String>>,
    #[schemars(with = "Option<Resolved>")]
    resolved: Option<Spanned<Resolved>>,
    #[serde(default)]
    declarations: Vec<Declaration>,
    motion: Option<Motion>,
}

impl TryFrom<MinuteFields> for Minute {
    type Error = ShapeError;

    /// A blank `body` or a `resolved` with no decisions prints nothing, so neither counts as
    /// something recorded; written beside one that does, it is kept as written. A motion is
    /// recorded on its own: a lost motion may be all a minute says.
    fn try_from(fields: MinuteFields) -> Result<Self, ShapeError> {
        let has_body = fields
            .body
            .as_ref()
            .is_some_and(|body| !body.value.trim().is_empty());
        let has_resolved = fields
            .resolved
            .as_ref()
            .is_some_and(|resolved| !resolved.value.items.is_empty());
        let record = match (fields.body, fields.resolved) {
            (Some(body), Some(resolved)) if has_body || has_resolved => {
                Some(Record::DiscussionAndResolved { body, resolved })
            }
            (Some(body), None) if has_body => Some(Record::Discussion(body)),
            (None, Some(resolved)) if has_resolved => Some(Record::Resolved(resolved)),
            _ => None,
        };
        if record.is_none() && fields.motion.is_none() {
            return Err(ShapeError::new(format!(
                "minute `{}` has neither `body` nor `resolved`",
                fields.title
            ))
            .hint("write what was discussed or decided"));
        }
        Ok(Minute {
            key: fields.key,
            title: fields.title,
            short_title: fields.short_title,
            record,
            motion: fields.motion,
            declarations: fields.declarations,
        })
    }
}

crate::schema::schema_as!(Minute, MinuteFields);

/// Read as its map of fields, then checked: a minute that records nothing fails here, while
/// parsing, at the minute's place.
impl<'de> Deserialize<'de> for Minute {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = MinuteFields::deserialize(deserializer)?;
        Minute::try_from(fields).map_err(serde::de::Error::custom)
    }
}

/// What a minute resolved.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// How the decisions are numbered when there are several: `1.` (default) or `(1)`.
    pub numbering: Option<String>,
    /// The decisions (Markdown).
    pub items: Vec<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ResolvedFields {
    numbering: Option<String>,
    items: OneOrMany<String>,
}

impl From<ResolvedFields> for Resolved {
    fn from(fields: ResolvedFields) -> Self {
        Resolved {
            numbering: fields.numbering,
            items: fields.items.0,
        }
    }
}

impl schemars::JsonSchema for Resolved {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Resolved".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let fields = generator.subschema_for::<ResolvedFields>();
        schemars::json_schema!({
            "description": "A decision, a list of decisions, or `numbering` and `items`.",
            "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }, fields]
        })
    }
}

impl<'de> Deserialize<'de> for Resolved {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ResolvedVisitor;
        impl<'de> serde::de::Visitor<'de> for ResolvedVisitor {
            type Value = Resolved;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a decision, a list of decisions, or `numbering` and `items`")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Resolved, E> {
                Ok(Resolved {
                    numbering: None,
                    items: vec![value.to_string()],
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Resolved, A::Error> {
                let items = Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Resolved {
                    numbering: None,
                    items,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Resolved, A::Error> {
                ResolvedFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Resolved::from)
            }
        }
        deserializer.deserialize_any(ResolvedVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_yaml;
    use crate::diagnostics::{Diagnostic, SourceFile};

    /// Minutes holding `minutes`, a YAML list from line 7.
    fn parse_minutes(minutes: &str) -> Result<Minutes, Diagnostic> {
        let text = format!(
            "kind: minutes\ncommittee: ../committee.yaml\ndate: 2022-02-15\nfirst_minute: 28\npresent: {{chair: Cusworth}}\nminutes:\n{minutes}"
        );
        parse_yaml(&SourceFile {
            path: "minutes.yaml".into(),
            text,
        })
    }

    #[test]
    fn a_minute_that_records_nothing_fails_when_read_at_the_minute() {
        for minute in [
            "  - title: Declarations\n",
            "  - title: Declarations\n    body: \"  \"\n",
            "  - title: Declarations\n    resolved: []\n",
        ] {
            let problem = parse_minutes(&format!("  - title: First\n    body: Text.\n{minute}"))
                .expect_err(minute);
            assert_eq!(
                problem.message, "minute `Declarations` has neither `body` nor `resolved`",
                "{minute}"
            );
            assert_eq!(problem.hints, vec!["write what was discussed or decided"]);
            let location = problem.location.expect("a place");
            assert_eq!((location.line, location.column), (9, 5), "{minute}");
        }
    }

    #[test]
    fn a_minute_may_record_a_motion_alone() {
        let minutes = parse_minutes(
            "  - title: Council Tax\n    motion:\n      mover: Cusworth\n      seconder: Bird\n      text: That the rise be 2.99%.\n      vote: {show_of_hands: {for: 1, against: 6}}\n",
        )
        .expect("valid minutes");
        let minute = &minutes.minutes[0].value;
        assert!(minute.record.is_none());
        let motion = minute.motion.as_ref().expect("a motion");
        assert_eq!(motion.mover.value, "Cusworth");
        assert_eq!(motion.vote.value.outcome(), Ok(self::motion::Outcome::Lost));
    }

    #[test]
    fn a_minute_records_its_discussion_its_decisions_or_both() {
        let minutes = parse_minutes(
            "  - title: First\n    body: Discussed.\n  - title: Second\n    resolved: That it be noted.\n  - title: Third\n    body: Discussed.\n    resolved: [One., Two.]\n",
        )
        .expect("valid minutes");
        let records: Vec<&Record> = minutes
            .minutes
            .iter()
            .filter_map(|m| m.value.record.as_ref())
            .collect();
        assert!(matches!(records[0], Record::Discussion(body) if body.value == "Discussed."));
        assert!(
            matches!(records[1], Record::Resolved(resolved) if resolved.value.items == ["That it be noted."])
        );
        assert!(matches!(records[2], Record::DiscussionAndResolved { .. }));
        let third = &minutes.minutes[2].value;
        assert_eq!(third.body().map(|b| b.value.as_str()), Some("Discussed."));
        assert_eq!(third.resolved().map(|r| r.value.items.len()), Some(2));
    }
}
