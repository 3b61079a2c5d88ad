//! Field types shared by every kind of paper: dates, yes/no answers, people, text that may be one or many.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::format;
use crate::model::Date;

crate::schema::schema_fixed!(Date, {
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$",
    "format": "date",
    "description": "A date written year-month-day, e.g. 2022-05-13."
});

impl<'de> Deserialize<'de> for Date {
    /// A date written `2022-05-13`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        format::read_date(&text).map_err(de::Error::custom)
    }
}

/// Parse `YYYY-MM-DD`, checking the day exists in that month.
pub fn parse_date(text: &str) -> Option<Date> {
    format::read_date(text).ok()
}

/// An answer on a form: `yes`/`no` (or `true`/`false`) print as "Yes"/"No"; any other text prints as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer(pub String);

impl Answer {
    /// Whether the answer is no: "No", or text that starts with the word ("No – see the
    /// report"). Anything else, on the exempt field "Yes – paragraph 3" or "Partly", claims
    /// something, and is taken at its word.
    pub fn is_no(&self) -> bool {
        let answer = self.0.trim().to_lowercase();
        answer
            .strip_prefix("no")
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
    }
}

impl Answer {
    /// Whether the answer is "No" and nothing more: no exception ("No, except Appendix 3").
    pub fn is_bare_no(&self) -> bool {
        self.0
            .trim()
            .trim_end_matches('.')
            .trim_end()
            .eq_ignore_ascii_case("no")
    }
}

crate::schema::schema_fixed!(Answer, {
    "type": ["string", "boolean"],
    "description": "`yes` or `no` (printed \"Yes\" or \"No\"), or the answer as text."
});

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl Visitor<'_> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("yes, no, or the answer as text")
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Answer, E> {
                Ok(Answer(if value { "Yes" } else { "No" }.to_string()))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Answer, E> {
                Ok(Answer(match value.trim().to_ascii_lowercase().as_str() {
                    "yes" | "true" => "Yes".to_string(),
                    "no" | "false" => "No".to_string(),
                    _ => value.trim().to_string(),
                }))
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// Text that becomes a heading (a minute's title, a section's, a group's): never empty, since an
/// empty heading is unreadable to a screen reader and fails the PDF/UA-1 export. Refused where
/// it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading(pub String);

crate::schema::schema_fixed!(Heading, { "type": "string", "minLength": 1, "pattern": "\\S" });

impl<'de> Deserialize<'de> for Heading {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.trim().is_empty() {
            return Err(de::Error::custom(
                "this heading is empty: write the text it should show",
            ));
        }
        Ok(Heading(text))
    }
}

impl std::ops::Deref for Heading {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl From<Heading> for String {
    fn from(heading: Heading) -> String {
        heading.0
    }
}

impl fmt::Display for Heading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person named on a paper: report author, accountable officer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// As printed, e.g. "Rebecca Wall".
    pub name: String,
    /// Job title, e.g. "Head of Children in Care".
    pub role: Option<String>,
    /// E-mail address; printed as a link.
    pub email: Option<String>,
    /// Telephone number, printed as written.
    pub phone: Option<String>,
}

/// A list that may be written as a single value when it has one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for OneOrMany<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::schema::one_or_many::<T>(generator)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("one value or a list")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                T::deserialize(de::value::StrDeserializer::new(value))
                    .map(|one| OneOrMany(vec![one]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(OneOrMany)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|one| OneOrMany(vec![one]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

/// Implements `Deserialize` for a type written either as a bare string or as a map of fields.
///
/// `$fields` is the derived map form, turned into the type with `TryFrom` so that a map of
/// fields that is no valid shape fails while parsing, at the map's place (a plain `From` never
/// fails); `$from_str` builds the value from the bare string.
macro_rules! string_or_map {
    ($type:ty, $fields:ty, $expecting:literal, $from_str:expr) => {
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct StringOrMap;
                impl<'de> serde::de::Visitor<'de> for StringOrMap {
                    type Value = $type;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<$type, E> {
                        let from_str: fn(&str) -> $type = $from_str;
                        Ok(from_str(value))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$type, A::Error> {
                        let fields = <$fields as serde::Deserialize>::deserialize(
                            serde::de::value::MapAccessDeserializer::new(map),
                        )?;
                        <$type as TryFrom<$fields>>::try_from(fields)
                            .map_err(<A::Error as serde::de::Error>::custom)
                    }
                }
                deserializer.deserialize_any(StringOrMap)
            }
        }
        $crate::schema::schema_text_or!($type, $fields, $expecting);
    };
}
pub(crate) use string_or_map;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_no_only_when_it_says_no() {
        for no in ["No", "no", "No.", "No – see the appendix", " NO "] {
            assert!(Answer(no.into()).is_no(), "{no}");
        }
        for claim in [
            "Yes",
            "Yes – paragraph 3",
            "None",
            "Partly",
            "Not for appendix 2",
            "",
        ] {
            assert!(!Answer(claim.into()).is_no(), "{claim}");
        }
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            parse_date("2022-05-13"),
            Some(Date {
                year: 2022,
                month: 5,
                day: 13
            })
        );
        assert_eq!(parse_date("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(parse_date("2022-02-29"), None);
        assert_eq!(parse_date("2022-13-01"), None);
        assert_eq!(parse_date("13/05/2022"), None);
        assert_eq!(parse_date("2022-05"), None);
    }
}

/// Text, which may be written as a whole number (`item: 4`, `layout: 2022`). A number with a
/// point is refused: YAML would read `4.10` as 4.1, not as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOrNumber(pub String);

crate::schema::schema_fixed!(TextOrNumber, { "type": ["string", "integer"] });

impl<'de> Deserialize<'de> for TextOrNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl serde::de::Visitor<'_> for TextVisitor {
            type Value = TextOrNumber;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("text or a number")
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<TextOrNumber, E> {
                Ok(TextOrNumber(value.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<TextOrNumber, E> {
                Ok(TextOrNumber(value.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<TextOrNumber, E> {
                // 4.10 would read as 4.1: a number with a point is written as text.
                Err(E::custom(format!(
                    "`{value}` reads as a number, which may not print as typed: write it in quotes, such as \"4.10\""
                )))
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<TextOrNumber, E> {
                Ok(TextOrNumber(value.to_string()))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// Whether `name` is a key content and styles name things by: 1 to 40 lower-case letters,
/// digits and underscores (`key_issues`, `public_questions`).
pub fn is_key_name(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
