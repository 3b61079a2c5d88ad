//! A committee as its governance advisor describes it once: name, members, contact and venue.

use serde::Deserialize;

use super::common::{Person, string_or_map};

/// A committee, shared by all its meetings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    /// Always `committee`.
    pub kind: String,
    /// e.g. "Corporate Parenting Panel".
    pub name: String,
    /// The council as it names itself in the openness statement, e.g. "Rotherham Council".
    pub council: String,
    /// Councillors as printed ("Z. Collingham"), in the order the agenda lists them.
    pub members: Vec<Member>,
    /// The governance advisor to contact.
    pub contact: Person,
    /// Where the committee usually meets.
    pub venue: String,
    /// How the agenda names one member ("Panel Member" for a panel); defaults to "Member".
    pub member_title: Option<String>,
    /// The house style its papers are built in: a built-in style's name (`rotherham`) or a
    /// style folder relative to this file; the built-in style if left out. `--templates`
    /// overrides it for one run.
    pub house_style: Option<serde_saphyr::Spanned<String>>,
    /// Whether its agendas print each report's recommendations under its item (as Cabinet
    /// agendas do), taken from the report.
    #[serde(default)]
    pub agenda_recommendations: bool,
}

/// A councillor on the committee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// As printed, e.g. "Cusworth" or "Z. Collingham".
    pub name: String,
    /// Chair or Vice-Chair, if either.
    pub role: Option<MemberRole>,
}

/// A member's office on the committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberRole {
    /// Printed "(Chair)".
    Chair,
    /// Printed "(Vice-Chair)".
    ViceChair,
}

impl MemberRole {
    /// As printed after the name.
    pub fn label(self) -> &'static str {
        match self {
            MemberRole::Chair => "Chair",
            MemberRole::ViceChair => "Vice-Chair",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberFields {
    name: String,
    role: Option<MemberRole>,
}

impl From<MemberFields> for Member {
    fn from(fields: MemberFields) -> Self {
        Member {
            name: fields.name,
            role: fields.role,
        }
    }
}

string_or_map!(
    Member,
    MemberFields,
    "a councillor's name, or `name` and `role`",
    |name| Member {
        name: name.to_string(),
        role: None
    }
);
