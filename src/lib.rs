//! papers: assembles UK council committee papers from YAML into accessible PDF and DOCX.
//!
//! The pipeline: YAML ([`content`], each `kind:` listed in [`kinds`]) → typed content, with
//! [`figures`] computed and [`narrative`] rendered → [`lower`] → one [`model::Document`] (a
//! meeting's packs by [`pack`]) → pure writers ([`typst_writer`] for PDF, [`docx_writer`] for
//! Word), orchestrated by [`build`] in a [`build::Session`]; every printed number and date is
//! made by [`mod@format`]. The README's "How the code is laid out" has the module map, which
//! `tests/architecture.rs` checks.

// A panic on a council's content is a bug: the library never unwraps (its unit tests may, see
// clippy.toml; integration tests are crates of their own).
#![warn(clippy::unwrap_used)]

pub mod build;
pub mod characters;
pub mod content;
pub mod diagnostics;
pub mod docx_writer;
pub mod escape;
pub mod figures;
pub mod fonts;
pub mod format;
pub mod hand_typed;
pub mod html_writer;
pub mod input;
pub mod kinds;
pub mod lower;
pub mod markdown;
pub mod memo;
pub mod model;
pub mod narrative;
pub mod pack;
pub mod pictures;
pub mod publish;
pub mod published;
pub mod schema;
pub mod site;
pub mod starter;
pub mod style;
pub mod supplied;
pub mod typst_writer;
pub mod validate;
pub mod watch;
