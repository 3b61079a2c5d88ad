//! The output folder as a website: the meeting, committee and index pages,
//! and the feeds (calendar, meeting data) other systems read.
//!
//! The pages are lowered into the same document model as the papers and written by the same
//! HTML writer, so a page can never say of a paper what the paper does not.

pub mod calendar;
pub mod open_civic_data;
pub mod pages;

use crate::model::PageRange;
use crate::publish::Output;
pub use crate::published::{FileKind, MANIFEST_SCHEMA_VERSION, Status, media_type};

/// A file of a meeting's folder and what its manifest says of it.
#[derive(Debug, Clone)]
pub struct PublishedFile {
    /// Its path and bytes.
    pub output: Output,
    /// Public or exempt.
    pub status: Status,
    /// What it is.
    pub kind: FileKind,
    /// Its title, as the page listing it names it.
    pub title: String,
    /// The agenda item's number as printed ("7", "6.1").
    pub item: Option<String>,
    /// An appendix's label ("1", "A").
    pub appendix: Option<String>,
    /// The item's pages in its pack.
    pub pack_pages: Option<PageRange>,
    /// The paragraph of Schedule 12A an exempt file falls under.
    pub exempt_paragraph: Option<u8>,
    /// For PDFs: whether the file claims PDF/UA-1.
    pub pdf_ua: Option<bool>,
}
