//! Action plans, inside a report or on their own: themes or issues, each with its actions and,
//! where known, outcome, owner, due date and status (always in words).

use serde::Deserialize;

use super::common::{Heading, string_or_map};
use crate::model::Date;

/// An action plan as a paper of its own.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanPaper {
    /// Always `action-plan`.
    pub kind: String,
    /// The paper's title.
    pub title: Heading,
    /// Text before the plans (Markdown).
    pub introduction: Option<String>,
    /// One or more plans.
    pub plans: Vec<ActionPlanDefinition>,
}

/// One action plan: a table of groups of actions.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanDefinition {
    /// Heading above the table, e.g. "Key Actions for 2021/22".
    pub title: Option<Heading>,
    /// Header of the first column: "Issue" (default) or "Theme".
    pub group_label: Option<String>,
    /// Header of the outcome column (default "Outcome").
    pub outcome_label: Option<String>,
    /// The groups in order.
    pub groups: Vec<ActionGroup>,
}

/// A theme or issue and its actions.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionGroup {
    /// The theme or issue.
    pub title: String,
    /// Its actions.
    pub actions: Vec<Action>,
}

/// One action.
#[derive(Debug, Clone, Default)]
pub struct Action {
    /// What will be (or was) done.
    pub action: String,
    /// What came of it.
    pub outcome: Option<String>,
    /// Who is responsible.
    pub owner: Option<String>,
    /// When it is due.
    pub due: Option<Date>,
    /// Where it stands.
    pub status: Option<Status>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ActionFields {
    action: String,
    outcome: Option<String>,
    owner: Option<String>,
    due: Option<Date>,
    status: Option<Status>,
}

impl From<ActionFields> for Action {
    fn from(fields: ActionFields) -> Self {
        Action {
            action: fields.action,
            outcome: fields.outcome,
            owner: fields.owner,
            due: fields.due,
            status: fields.status,
        }
    }
}

string_or_map!(
    Action,
    ActionFields,
    "an action, or a map with `action`, `outcome`, `owner`, `due`, `status`",
    |action| Action {
        action: action.to_string(),
        ..Action::default()
    }
);

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Done.
    Complete,
    /// Under way.
    InProgress,
    /// Not begun.
    NotStarted,
    /// Past its due date.
    Overdue,
}

impl Status {
    /// As printed.
    pub fn word(self) -> &'static str {
        match self {
            Status::Complete => "Complete",
            Status::InProgress => "In progress",
            Status::NotStarted => "Not started",
            Status::Overdue => "Overdue",
        }
    }
}
