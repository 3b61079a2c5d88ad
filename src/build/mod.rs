//! The build pipeline: find content inside the content root, parse and lower every paper and
//! meeting, then typeset everything in memory; [`crate::publish`] writes it only if the whole run
//! is clean.

mod figure_sources;
mod house_style;
mod load;
mod meeting;
mod meeting_papers;
mod minute_numbers;
mod names;
mod parallel;
pub mod progress;
mod render;
mod session;
mod website;
mod workspace;

pub use house_style::{BUILT_IN_STYLES, built_in_names, read_house_style};
pub use load::{load, load_recording};
use meeting_papers::MeetingPapers;
pub use render::render;
pub use session::Session;
use workspace::{ParsedFile, Workspace, input_diagnostic};

use crate::content::FoundFile;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::lower::agenda::MeetingModel;
use crate::model::Document;

pub use meeting::render_meeting;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Tagged PDF/UA-1, typeset by Typst.
    Pdf,
    /// Word document.
    Docx,
    /// Web page, with the meeting, committee and index pages and the feeds around it.
    Html,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }
}

/// A paper read and lowered on its own, ready for the writers.
pub struct LoweredPaper {
    /// Where it came from.
    pub file: FoundFile,
    /// The document model.
    pub document: Document,
}

/// A meeting read and lowered, with its papers.
pub struct LoweredMeeting {
    /// The meeting file.
    pub file: FoundFile,
    /// Where its date is written (its folder is named by committee and date), for messages.
    pub date_place: Location,
    /// Agenda and papers.
    pub model: MeetingModel,
    /// The typesetter of the house style its committee chose, if not the run's.
    pub typesetter: Option<std::sync::Arc<crate::typst_writer::Typesetter>>,
}

/// Everything a run will write.
#[derive(Default)]
pub struct Loaded {
    /// Papers built on their own.
    pub papers: Vec<LoweredPaper>,
    /// Meetings, each built into its own folder.
    pub meetings: Vec<LoweredMeeting>,
}

/// Why a run stopped.
#[derive(Debug)]
pub enum Failure {
    /// The content has problems (exit code 1).
    Content(Diagnostics),
    /// A path could not be read or written (exit code 2).
    Io(Diagnostic),
}
