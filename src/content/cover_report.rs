//! The cover report as its author writes it: the council's *Public Report* form, in YAML.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::ShapeError;
use super::common::{Answer, OneOrMany, Person, TextOrNumber, string_or_map};
use crate::model::Date;

/// A cover report in the *Public Report* format.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverReport {
    /// Always `cover-report`.
    pub kind: String,
    /// The house style's form the report is written in (`2022`); its default form when none.
    #[schemars(with = "Option<TextOrNumber>")]
    pub layout: Option<Spanned<TextOrNumber>>,
    /// Report title; also the document title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The committee the report goes to, e.g. "Corporate Parenting Panel".
    pub committee: String,
    /// The meeting the report goes to.
    pub meeting_date: Option<Date>,
    /// A figures file whose figures the narrative uses, relative to this file.
    #[schemars(with = "Option<String>")]
    pub figures: Option<Spanned<String>>,

    /// "Is this a Key Decision and has it been included on the Forward Plan?"
    pub key_decision: Option<Answer>,
    /// "Strategic Director Approving Submission of the Report".
    pub strategic_director: Option<String>,
    /// The portfolio holder (cabinet member) the report belongs to.
    pub portfolio_holder: Option<String>,
    /// "Report Author(s)".
    pub authors: Option<OneOrMany<Person>>,
    /// "Ward(s) Affected", e.g. "Borough-Wide".
    pub wards: Option<String>,
    /// "Report Summary": one entry per paragraph (numbered in the 2020 layout).
    pub summary: Option<OneOrMany<Paragraph>>,
    /// "Recommendations": one entry per recommendation.
    pub recommendations: Option<OneOrMany<Paragraph>>,
    /// "List of Appendices Included".
    #[schemars(with = "Option<Vec<Appendix>>")]
    pub appendices: Option<Spanned<Vec<Appendix>>>,
    /// "Background Papers"; an empty list prints "None".
    pub background_papers: Option<OneOrMany<String>>,
    /// "Consideration by any other Council Committee, Scrutiny or Advisory Panel".
    pub other_consideration: Option<String>,
    /// "Council Approval Required".
    pub council_approval_required: Option<Answer>,
    /// "Exempt from the Press and Public".
    #[schemars(with = "Option<Answer>")]
    pub exempt: Option<Spanned<Answer>>,
    /// Whether the decision may be called in.
    pub call_in: Option<Answer>,

    /// The numbered sections of the report body.
    #[schemars(with = "Sections")]
    pub sections: Spanned<Sections>,
    /// "Accountable Officer(s)", the last section of Rotherham's forms.
    #[schemars(with = "Option<OneOrMany<Person>>")]
    pub accountable_officers: Option<Spanned<OneOrMany<Person>>>,
}

impl CoverReport {
    /// What the front page's "Exempt from the Press and Public" says when it claims exemption
    /// (anything but no), which the agenda must honour.
    pub fn claimed_exemption(&self) -> Option<&str> {
        self.exempt
            .as_ref()
            .map(|answer| &answer.value)
            .filter(|answer| !answer.0.trim().is_empty() && !answer.is_no())
            .map(|answer| answer.0.as_str())
    }
}

/// The body sections, by the keys the house style's form gives them (`background`,
/// `key_issues`, …). The form decides which keys there are, their headings and order; any it
/// has that a report leaves out take its standard wording.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Sections(
    #[schemars(with = "BTreeMap<String, Section>")] pub BTreeMap<String, Spanned<Section>>,
);

impl Sections {
    /// The section written under `key`, if any.
    pub fn get(&self, key: &str) -> Option<&Spanned<Section>> {
        self.0.get(key)
    }
}

/// One section: a list of paragraphs, or a map that also overrides the heading.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Replaces the standard heading.
    pub heading: Option<Spanned<String>>,
    /// Paragraphs and sub-headings, in order.
    pub items: Vec<Spanned<SectionItem>>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct SectionFields {
    #[schemars(with = "Option<String>")]
    heading: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "OneOrMany<SectionItem>")]
    paragraphs: OneOrMany<Spanned<SectionItem>>,
}

impl From<SectionFields> for Section {
    fn from(fields: SectionFields) -> Self {
        Section {
            heading: fields.heading,
            items: fields.paragraphs.0,
        }
    }
}

impl schemars::JsonSchema for Section {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Section".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let item = generator.subschema_for::<SectionItem>();
        let fields = generator.subschema_for::<SectionFields>();
        schemars::json_schema!({
            "description": "A paragraph, a list of paragraphs, or a map with `heading` and `paragraphs`.",
            "anyOf": [{ "type": "string" }, { "type": "array", "items": item }, fields]
        })
    }
}

impl<'de> Deserialize<'de> for Section {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SectionVisitor;
        impl<'de> serde::de::Visitor<'de> for SectionVisitor {
            type Value = Section;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of paragraphs, or a map with `heading` and `paragraphs`")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Section, E> {
                let item = SectionItem::deserialize(serde::de::value::StrDeserializer::new(value))?;
                let location = serde_saphyr::Location::UNKNOWN;
                Ok(Section {
                    heading: None,
                    items: vec![Spanned::new(item, location, location)],
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Section, A::Error> {
                let items = Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Section {
                    heading: None,
                    items,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Section, A::Error> {
                SectionFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Section::from)
            }
        }
        deserializer.deserialize_any(SectionVisitor)
    }
}

/// A paragraph of a section, or a numbered sub-heading with its own paragraphs: which one is
/// decided when the file is read.
#[derive(Debug, Clone)]
pub enum SectionItem {
    /// A paragraph (`text`).
    Paragraph(SectionParagraph),
    /// A sub-heading with its paragraphs (`heading` and `paragraphs`).
    SubSection(SubSection),
}

/// A paragraph of a section or of a sub-section.
#[derive(Debug, Clone)]
pub struct SectionParagraph {
    /// Body text (Markdown).
    pub text: String,
    /// How it is numbered.
    pub numbering: Numbering,
}

/// A numbered sub-heading and its paragraphs. Sections go two levels deep, so its paragraphs
/// are paragraphs only.
#[derive(Debug, Clone)]
pub struct SubSection {
    /// Sub-heading text (plain), never blank.
    pub heading: String,
    /// How the sub-heading is numbered; its paragraphs count on below that number.
    pub numbering: Numbering,
    /// Paragraphs under the sub-heading.
    pub paragraphs: Vec<Spanned<SectionParagraph>>,
}

/// How a paragraph or sub-heading is numbered: `number` and `numbered: false` exclude each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Numbering {
    /// The next number in turn.
    Next,
    /// A number set by hand, e.g. "2.4"; later items count on from it.
    Given(String),
    /// Printed without a number (`numbered: false`).
    Unnumbered,
}

/// A section item's map of fields as written, before it is known to be a paragraph or a
/// sub-section.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct SectionItemFields {
    text: Option<String>,
    heading: Option<String>,
    #[serde(default)]
    #[schemars(with = "OneOrMany<SectionParagraph>")]
    paragraphs: OneOrMany<Spanned<SectionParagraph>>,
    number: Option<NumberText>,
    numbered: Option<bool>,
}

/// What every shape problem of a section item suggests.
const PARAGRAPH_OR_SUB_SECTION: &str =
    "a paragraph has `text`; a sub-section has `heading` and `paragraphs`";

impl TryFrom<SectionItemFields> for SectionItem {
    type Error = ShapeError;

    fn try_from(fields: SectionItemFields) -> Result<Self, ShapeError> {
        let numbering = match (fields.number, fields.numbered) {
            (Some(_), Some(false)) => {
                return Err(
                    ShapeError::new("a paragraph has `numbered: false` and a `number`")
                        .hint("keep one of them"),
                );
            }
            (Some(number), _) => Numbering::Given(number.0),
            (None, Some(false)) => Numbering::Unnumbered,
            (None, _) => Numbering::Next,
        };
        match (fields.text, fields.heading) {
            (Some(text), None) => {
                if !fields.paragraphs.0.is_empty() {
                    return Err(
                        ShapeError::new("`paragraphs` belong under a `heading`").hint(
                            "add `heading:` to make this a sub-section, or move the paragraphs out",
                        ),
                    );
                }
                Ok(SectionItem::Paragraph(SectionParagraph { text, numbering }))
            }
            (None, Some(heading)) => {
                if heading.trim().is_empty() {
                    return Err(ShapeError::new("a sub-heading is empty")
                        .hint("write the sub-heading, or make the item a paragraph with `text`"));
                }
                Ok(SectionItem::SubSection(SubSection {
                    heading,
                    numbering,
                    paragraphs: fields.paragraphs.0,
                }))
            }
            (Some(_), Some(_)) => Err(ShapeError::new("an item has both `text` and `heading`")
                .hint(PARAGRAPH_OR_SUB_SECTION)),
            (None, None) => Err(ShapeError::new("an item has neither `text` nor `heading`")
                .hint(PARAGRAPH_OR_SUB_SECTION)),
        }
    }
}

impl TryFrom<SectionItemFields> for SectionParagraph {
    type Error = ShapeError;

    fn try_from(fields: SectionItemFields) -> Result<Self, ShapeError> {
        match SectionItem::try_from(fields)? {
            SectionItem::Paragraph(paragraph) => Ok(paragraph),
            SectionItem::SubSection(_) => Err(ShapeError::new(
                "a sub-section cannot hold another sub-section",
            )
            .hint("sections go two levels deep: section, then sub-heading with paragraphs")),
        }
    }
}

string_or_map!(
    SectionItem,
    SectionItemFields,
    "paragraph text, or a map with `text` (or `heading` and `paragraphs`), `number`, `numbered`",
    |text| SectionItem::Paragraph(SectionParagraph {
        text: text.to_string(),
        numbering: Numbering::Next,
    })
);

string_or_map!(
    SectionParagraph,
    SectionItemFields,
    "paragraph text, or a map with `text`, `number`, `numbered`",
    |text| SectionParagraph {
        text: text.to_string(),
        numbering: Numbering::Next,
    }
);

/// A number or label as written (`2.4`, `3.2.1`, `1`, `A`); YAML reads some of these as numbers.
#[derive(Debug, Clone)]
pub struct NumberText(pub String);

crate::schema::schema_fixed!(NumberText, {
    "type": ["string", "integer"],
    "description": "A number such as \"2.4\" or \"3.2.1\" (in quotes), or a label."
});

impl<'de> Deserialize<'de> for NumberText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl serde::de::Visitor<'_> for NumberVisitor {
            type Value = NumberText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number such as \"2.4\" or \"3.2.1\", or a label")
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<NumberText, E> {
                Ok(NumberText(value.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, _value: f64) -> Result<NumberText, E> {
                // 2.10 and 2.1 are the same float: the author's digits are lost, so ask for quotes.
                Err(E::custom(
                    "write the paragraph number in quotes, e.g. number: \"2.10\", so that 2.10 and 2.1 stay different",
                ))
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<NumberText, E> {
                Ok(NumberText(value.to_string()))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// A summary paragraph or a recommendation.
#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    /// Body text (Markdown).
    pub text: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ParagraphFields {
    text: String,
}

impl From<ParagraphFields> for Paragraph {
    fn from(fields: ParagraphFields) -> Self {
        Paragraph { text: fields.text }
    }
}

string_or_map!(Paragraph, ParagraphFields, "paragraph text", |text| {
    Paragraph {
        text: text.to_string(),
    }
});

/// An appendix listed on the front page.
#[derive(Debug, Clone, Default)]
pub struct Appendix {
    /// "1", "A"; defaults to its position in the list.
    pub label: Option<String>,
    /// Title as listed.
    pub title: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct AppendixFields {
    label: Option<NumberText>,
    title: String,
}

impl From<AppendixFields> for Appendix {
    fn from(fields: AppendixFields) -> Self {
        Appendix {
            label: fields.label.map(|label| label.0),
            title: fields.title,
        }
    }
}

string_or_map!(
    Appendix,
    AppendixFields,
    "an appendix title, or a map with `label` and `title`",
    |title| Appendix {
        label: None,
        title: title.to_string()
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_yaml;
    use crate::diagnostics::{Diagnostic, SourceFile};

    /// A cover report whose `background` section holds `items`, a YAML list from line 5.
    fn parse_background(items: &str) -> Result<CoverReport, Diagnostic> {
        let text = format!(
            "kind: cover-report\ntitle: Report\ncommittee: Panel\nsections:\n  background:\n{items}accountable_officers:\n  - name: Ann Example\n"
        );
        parse_yaml(&SourceFile {
            path: "report.yaml".into(),
            text,
        })
    }

    /// The problem reading `items`: message, first hint, line and column.
    fn problem(items: &str) -> (String, String, usize, usize) {
        let problem = parse_background(items).expect_err(items);
        let location = problem.location.expect("a place");
        (
            problem.message,
            problem.hints.first().cloned().unwrap_or_default(),
            location.line,
            location.column,
        )
    }

    #[test]
    fn an_item_that_is_not_one_shape_fails_when_read_at_the_item() {
        let hint = "a paragraph has `text`; a sub-section has `heading` and `paragraphs`";
        assert_eq!(
            problem("    - First.\n    - text: Second.\n      heading: Profile\n"),
            (
                "an item has both `text` and `heading`".to_string(),
                hint.to_string(),
                7,
                7
            )
        );
        assert_eq!(
            problem("    - number: \"1.2\"\n"),
            (
                "an item has neither `text` nor `heading`".to_string(),
                hint.to_string(),
                6,
                7
            )
        );
        let (message, _, line, _) =
            problem("    - text: First.\n      paragraphs:\n        - Under it.\n");
        assert_eq!(
            (message.as_str(), line),
            ("`paragraphs` belong under a `heading`", 6)
        );
        let (message, hint, line, _) =
            problem("    - text: First.\n      number: \"1.2\"\n      numbered: false\n");
        assert_eq!(
            (message.as_str(), hint.as_str(), line),
            (
                "a paragraph has `numbered: false` and a `number`",
                "keep one of them",
                6
            )
        );
        let (message, _, line, _) = problem("    - heading: \"  \"\n");
        assert_eq!((message.as_str(), line), ("a sub-heading is empty", 6));
    }

    #[test]
    fn a_sub_section_inside_a_sub_section_fails_when_read_at_the_inner_one() {
        let (message, _, line, column) = problem(
            "    - heading: Outer\n      paragraphs:\n        - Under it.\n        - heading: Inner\n          paragraphs: [Deeper.]\n",
        );
        assert_eq!(
            (message.as_str(), line, column),
            ("a sub-section cannot hold another sub-section", 9, 11)
        );
    }

    #[test]
    fn paragraphs_and_sub_sections_are_read_as_written() {
        let report = parse_background(
            "    - First.\n    - text: Second.\n      numbered: false\n    - heading: Profile\n      number: \"1.5\"\n      paragraphs:\n        - Under it.\n        - text: Also under it.\n          number: 7\n",
        )
        .expect("valid section");
        let background = report
            .sections
            .value
            .get("background")
            .expect("background")
            .clone();
        let items: Vec<&SectionItem> = background.value.items.iter().map(|i| &i.value).collect();
        assert!(matches!(
            items[0],
            SectionItem::Paragraph(SectionParagraph { text, numbering: Numbering::Next }) if text == "First."
        ));
        assert!(matches!(
            items[1],
            SectionItem::Paragraph(SectionParagraph {
                numbering: Numbering::Unnumbered,
                ..
            })
        ));
        let SectionItem::SubSection(sub_section) = items[2] else {
            panic!("a sub-section: {:?}", items[2]);
        };
        assert_eq!(sub_section.heading, "Profile");
        assert_eq!(sub_section.numbering, Numbering::Given("1.5".into()));
        let paragraphs: Vec<(&str, &Numbering)> = sub_section
            .paragraphs
            .iter()
            .map(|p| (p.value.text.as_str(), &p.value.numbering))
            .collect();
        assert_eq!(
            paragraphs,
            vec![
                ("Under it.", &Numbering::Next),
                ("Also under it.", &Numbering::Given("7".into()))
            ]
        );
    }
}
