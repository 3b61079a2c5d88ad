//! Terms of reference of a committee: purpose, numbered objectives, attendance and governance,
//! forward plan.

use serde::Deserialize;

use super::common::{Heading, OneOrMany};

/// Terms of reference.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermsOfReference {
    /// Always `terms-of-reference`.
    pub kind: String,
    /// e.g. "RMBC Corporate Parenting Panel Purpose and Terms of Reference May 2022".
    pub title: Heading,
    /// Why the committee exists (Markdown paragraphs).
    pub purpose: OneOrMany<String>,
    /// Heading of the objectives (default "Objectives and Terms of Reference").
    pub objectives_heading: Option<String>,
    /// Numbered objectives.
    pub objectives: Vec<String>,
    /// Who attends and how the committee is run (one line each).
    #[serde(default)]
    pub attendance_and_governance: Vec<String>,
    /// How often it meets and what it will consider (one line each).
    #[serde(default)]
    pub forward_plan: Vec<String>,
}
