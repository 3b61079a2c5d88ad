//! What a published file is and what it is called: ASCII names made from committee, date, item
//! and title, the kinds of file, their media types, and the manifests' schema version.

pub mod names;

use serde::{Deserialize, Serialize};

/// The version of the manifests' shape: raised whenever a field changes meaning or goes.
pub const MANIFEST_SCHEMA_VERSION: u32 = 2;

/// Whether a file may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Free to publish.
    Public,
    /// Holds exempt information: for members and officers only.
    Exempt,
}

/// What a published file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// The agenda pack: the front sheet and every item's papers.
    Pack,
    /// The supplementary pack: papers that follow the agenda.
    SupplementaryPack,
    /// The agenda front sheet on its own (Word).
    Agenda,
    /// The supplementary agenda's front sheet (Word).
    SupplementaryAgenda,
    /// One agenda item's papers, cut from the pack.
    Item,
    /// An item's cover report.
    Report,
    /// An appendix to a report.
    Appendix,
    /// Minutes of an earlier meeting.
    Minutes,
    /// A paper built on its own, outside a meeting.
    Paper,
    /// A web page about the meeting (its agenda, documents and links).
    MeetingPage,
    /// The meeting as data (JSON shaped like an Open Civic Data event).
    MeetingData,
    /// A picture a web page shows.
    Picture,
    /// The site's stylesheet.
    Stylesheet,
    /// A committee's page, listing its meetings.
    CommitteePage,
    /// A committee's meetings as an iCalendar file.
    Calendar,
    /// The site's front page.
    SiteIndex,
}

/// The media type of a file, by its extension.
pub fn media_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, extension)| extension);
    match extension {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "html" => "text/html",
        "css" => "text/css",
        "json" => "application/json",
        "ics" => "text/calendar",
        "png" => "image/png",
        "jpg" => "image/jpeg",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}
