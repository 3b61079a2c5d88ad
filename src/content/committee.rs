//! A committee as its governance advisor describes it once: name, members, contact and venue.

use serde::Deserialize;

use super::common::{OneOrMany, Person, string_or_map};

/// A committee, shared by all its meetings.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    /// Always `committee`.
    pub kind: String,
    /// e.g. "Corporate Parenting Panel".
    pub name: String,
    /// The council as it names itself in the openness statement, e.g. "Rotherham Council".
    pub council: String,
    /// Members as printed ("Z. Collingham"), in the order the agenda lists them.
    pub members: Vec<Member>,
    /// Named substitutes, who may attend in a member's place; printed after the members.
    #[serde(default)]
    pub substitutes: Vec<Member>,
    /// The governance advisor to contact.
    pub contact: Person,
    /// Where the committee usually meets.
    pub venue: String,
    /// How the agenda names one member ("Panel Member" for a panel); defaults to "Member".
    pub member_title: Option<String>,
    /// The house style its papers are built in: a built-in style's name (`rotherham`) or a
    /// style folder relative to this file; the built-in style if left out. `--templates`
    /// overrides it for one run.
    #[schemars(with = "Option<String>")]
    pub house_style: Option<serde_saphyr::Spanned<String>>,
    /// Notices printed on every agenda after the meeting's details (Markdown): "Meetings are
    /// webcast at …", how to register to speak.
    #[serde(default)]
    pub notices: Vec<String>,
    /// Whether its agendas print each report's recommendations under its item (as Cabinet
    /// agendas do), taken from the report.
    #[serde(default)]
    pub agenda_recommendations: bool,
    /// The web address the output folder is published at
    /// (`https://www.example.gov.uk/committee-papers/`): the calendar's and the meeting data's
    /// links are made from it. Without it they carry no links.
    #[schemars(with = "Option<String>")]
    pub website: Option<serde_saphyr::Spanned<String>>,
}

/// A member of the committee: a councillor, or a member from outside the council.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// As printed, e.g. "Cusworth", "Z. Collingham" or "Jane Smith".
    pub name: String,
    /// A title printed before the name of a member who is not a councillor ("Dr"); a
    /// councillor's title is the house style's.
    pub title: Option<String>,
    /// Chair or Vice-Chair, or any other role on the committee ("Leader of the Council",
    /// "Cabinet Member for Finance"); one, or a list.
    pub role: OneOrMany<MemberRole>,
    /// For a member who is not a councillor, the body they come from ("NHS South Yorkshire").
    pub organisation: Option<String>,
    /// Co-opted onto the committee rather than appointed by the council.
    pub co_opted: bool,
    /// Whether the member may vote (default yes).
    pub voting: bool,
    /// Political group, printed when the house style says how.
    pub group: Option<String>,
}

impl Member {
    /// Whether the member is a councillor: one with neither a title nor an organisation.
    pub fn is_councillor(&self) -> bool {
        self.title.is_none() && self.organisation.is_none()
    }
}

/// A member's office on the committee: the chair and vice-chair in the house style's words,
/// or any other role as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberRole {
    /// The house style's word for the chair.
    Chair,
    /// The house style's word for the vice-chair.
    ViceChair,
    /// Any other role, printed as written.
    Other(String),
}

crate::schema::schema_text_only!(
    MemberRole,
    "`chair`, `vice-chair`, or the role's name, e.g. Leader of the Council."
);

impl<'de> Deserialize<'de> for MemberRole {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let word: String = text
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        match word.as_str() {
            "chair" => Ok(MemberRole::Chair),
            "vicechair" => Ok(MemberRole::ViceChair),
            "" => Err(serde::de::Error::custom(
                "a role is `chair`, `vice-chair` or the role's name, e.g. Leader of the Council",
            )),
            _ => Ok(MemberRole::Other(text.trim().to_string())),
        }
    }
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct MemberFields {
    name: String,
    title: Option<String>,
    #[serde(default)]
    role: OneOrMany<MemberRole>,
    organisation: Option<String>,
    #[serde(default)]
    co_opted: bool,
    #[serde(default = "voting")]
    voting: bool,
    group: Option<String>,
}

fn voting() -> bool {
    true
}

impl TryFrom<MemberFields> for Member {
    type Error = String;

    fn try_from(fields: MemberFields) -> Result<Self, String> {
        if fields.name.trim().is_empty() {
            return Err("a member needs a `name`".to_string());
        }
        Ok(Member {
            name: fields.name,
            title: fields.title,
            role: fields.role,
            organisation: fields.organisation,
            co_opted: fields.co_opted,
            voting: fields.voting,
            group: fields.group,
        })
    }
}

string_or_map!(
    Member,
    MemberFields,
    "a councillor's name, or `name` with `role`, `title`, `organisation`, `co_opted`, `voting` and `group`",
    |name| Member {
        name: name.to_string(),
        title: None,
        role: OneOrMany::default(),
        organisation: None,
        co_opted: false,
        voting: true,
        group: None,
    }
);
