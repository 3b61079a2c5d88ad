//! papers: assembles UK council committee papers from YAML into accessible PDF and DOCX.
//!
//! The pipeline: YAML ([`content`]) → typed content → [`lower`] → one [`model::Document`]
//! → writers ([`typst_writer`] for PDF, [`docx_writer`] for Word), orchestrated by [`build`].

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
pub mod input;
pub mod kinds;
pub mod lower;
pub mod markdown;
pub mod memo;
pub mod model;
pub mod narrative;
pub mod pack;
pub mod publish;
pub mod supplied;
pub mod typst_writer;
pub mod watch;
