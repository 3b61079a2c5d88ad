//! A short paper: a title and a body of Markdown (figures allowed), for an appendix of a
//! paragraph or a table that needs no title page, form or contents.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::common::Heading;

/// A short paper.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortPaper {
    /// Always `short-paper`.
    pub kind: String,
    /// Its heading, e.g. "Membership of the Panel 2022/23".
    pub title: Heading,
    /// A figures file whose figures and tables the body uses, relative to this file.
    #[schemars(with = "Option<String>")]
    pub figures: Option<Spanned<String>>,
    /// The text: Markdown, with figures ("{{ lac.latest }}") and references.
    #[schemars(with = "String")]
    pub body: Spanned<String>,
}
