//! The minutes of a meeting as the clerk writes them: who was present, and each numbered minute
//! with its discussion and resolutions.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::common::{Heading, OneOrMany};
use crate::model::Date;

/// Minutes of one meeting.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    /// Always `minutes`.
    pub kind: String,
    /// Path of the committee file, relative to this one.
    pub committee: Spanned<String>,
    /// The meeting's date.
    pub date: Date,
    /// Number of the first minute: numbering runs on through the municipal year.
    pub first_minute: u32,
    /// Who was present.
    pub present: Present,
    /// Sentences on others in attendance (Markdown; may refer to minutes by key).
    #[serde(default)]
    pub in_attendance: Vec<Spanned<String>>,
    /// Names of those who sent apologies.
    #[serde(default)]
    pub apologies: Vec<String>,
    /// The minutes, in order.
    pub minutes: Vec<Spanned<Minute>>,
}

/// The "Present:-" line.
#[derive(Debug, Clone, Deserialize)]
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

/// One minute.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minute {
    /// How other text refers to this minute (`{{ minute('lac_council') }}`).
    pub key: Option<Spanned<String>>,
    /// The minute's title; printed in capitals as its heading.
    pub title: Heading,
    /// The title used in references ("Minute No. 31 (LAC Council Update)"); defaults to `title`.
    pub short_title: Option<String>,
    /// The discussion (Markdown; may refer to minutes by key).
    pub body: Option<Spanned<String>>,
    /// The decisions: one sentence, a list, or `numbering` and `items`.
    pub resolved: Option<Spanned<Resolved>>,
}

/// What a minute resolved.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// How the decisions are numbered when there are several: `1.` (default) or `(1)`.
    pub numbering: Option<String>,
    /// The decisions (Markdown).
    pub items: Vec<String>,
}

#[derive(Deserialize)]
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
