//! The website's own pages as document models: a meeting's page (its agenda with each item's
//! documents), a committee's page (its meetings, newest first) and the site's index.
//!
//! Every link here is to a file the build writes; the pages say nothing a public file does not.

use crate::format;
use crate::lower::agenda::ItemPapers;
use crate::model::{Block, Date, Document, Inline, Metadata};
use crate::publish::Output;
use crate::style::WebsiteWording;

use super::{FileKind, PublishedFile, Status};

/// A link a page shows: its words and where it leads (relative to the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// What a reader clicks.
    pub text: String,
    /// The address, relative to the page.
    pub href: String,
}

/// How a file is described after its link: "PDF, 12 pages, 111 KB", "Word, 40 KB".
pub fn file_description(file: &Output, wording: &WebsiteWording) -> Option<String> {
    let size = format::file_size(file.bytes.len());
    let path = file.path.as_str();
    if path.ends_with(".pdf") {
        Some(match file.pages {
            Some(1) => wording.pdf_one_page.fill(&[("size", &size)]),
            Some(pages) => wording
                .pdf
                .fill(&[("pages", &format::count(pages as u32)), ("size", &size)]),
            None => wording.pdf.fill(&[("pages", "?"), ("size", &size)]),
        })
    } else if path.ends_with(".docx") {
        Some(wording.word.fill(&[("size", &size)]))
    } else {
        None
    }
}

/// `file`'s path relative to the meeting's folder `folder`.
pub fn within(folder: &str, file: &PublishedFile) -> String {
    file.output
        .path
        .strip_prefix(folder)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(&file.output.path)
        .to_string()
}

/// `words (description)` as one link.
fn described_link(
    words: &str,
    file: &PublishedFile,
    folder: &str,
    wording: &WebsiteWording,
) -> Link {
    let text = match file_description(&file.output, wording) {
        Some(description) => format!("{words} ({description})"),
        None => words.to_string(),
    };
    Link {
        text,
        href: within(folder, file),
    }
}

/// The public files of an item, as the meeting page lists them under it: each paper's web
/// page with its Word file beside it, each supplied PDF, then the item's papers as one PDF.
fn item_links(
    item: &ItemPapers,
    files: &[&PublishedFile],
    folder: &str,
    wording: &WebsiteWording,
) -> Vec<Block> {
    let public_of_item = |kind: FileKind| {
        files.iter().copied().filter(move |file| {
            file.status == Status::Public
                && file.kind == kind
                && file.item.as_deref() == Some(item.label.as_str())
        })
    };
    let mut entries: Vec<Vec<Block>> = Vec::new();
    for kind in [FileKind::Minutes, FileKind::Report, FileKind::Appendix] {
        // A paper's files share a name but for the extension: the page, its Word file, or
        // the supplied PDF.
        let mut stems: Vec<&str> = Vec::new();
        for file in public_of_item(kind) {
            let stem = file
                .output
                .path
                .rsplit_once('.')
                .map_or(file.output.path.as_str(), |(stem, _)| stem);
            if !stems.contains(&stem) {
                stems.push(stem);
            }
        }
        for stem in stems {
            let of_stem: Vec<&PublishedFile> = public_of_item(kind)
                .filter(|file| {
                    file.output.path.starts_with(stem)
                        && file.output.path[stem.len()..].starts_with('.')
                })
                .collect();
            let mut content = Vec::new();
            let page = of_stem
                .iter()
                .find(|file| file.output.path.ends_with(".html"));
            let title = of_stem
                .first()
                .map(|file| file.title.clone())
                .unwrap_or_default();
            match page {
                Some(page) => content.push(Inline::Link {
                    url: within(folder, page),
                    content: vec![Inline::text(wording.web_page.fill(&[("title", &title)]))],
                }),
                None => content.push(Inline::text(title.clone())),
            }
            for other in of_stem
                .iter()
                .filter(|file| !file.output.path.ends_with(".html"))
            {
                let Some(description) = file_description(&other.output, wording) else {
                    continue;
                };
                content.push(Inline::text(if page.is_some() || content.len() > 1 {
                    " · "
                } else {
                    ": "
                }));
                content.push(Inline::Link {
                    url: within(folder, other),
                    content: vec![Inline::text(description)],
                });
            }
            entries.push(vec![Block::Paragraph { content }]);
        }
    }
    for file in public_of_item(FileKind::Item) {
        let link = described_link(wording.item_papers.as_str(), file, folder, wording);
        entries.push(vec![Block::Paragraph {
            content: vec![Inline::Link {
                url: link.href,
                content: vec![Inline::text(link.text)],
            }],
        }]);
    }
    if entries.is_empty() {
        Vec::new()
    } else {
        vec![Block::BulletList { items: entries }]
    }
}

/// The meeting page: the public agenda (page ranges filled in), each item with links to its
/// public papers under its description.
pub fn meeting_page(
    agenda: &Document,
    items: &[ItemPapers],
    files: &[&PublishedFile],
    folder: &str,
    wording: &WebsiteWording,
) -> Document {
    let mut page = agenda.clone();
    for block in &mut page.blocks {
        if let Block::AgendaItem {
            number,
            description,
            ..
        } = block
            && let Some(item) = items
                .iter()
                .find(|item| number.parts.first() == Some(&item.number))
        {
            description.extend(item_links(item, files, folder, wording));
        }
    }
    page
}

/// The meeting's own files, listed at the top of its page: the packs, the agenda's Word
/// files, the minutes of the meeting (when a later meeting in the build publishes them), the
/// meeting's data and its committee's calendar.
pub fn meeting_downloads(
    files: &[&PublishedFile],
    folder: &str,
    minutes: Option<&str>,
    calendar: &str,
    wording: &WebsiteWording,
) -> Vec<Link> {
    let mut links = Vec::new();
    for (kind, words) in [
        (FileKind::Pack, &wording.agenda_pack),
        (FileKind::SupplementaryPack, &wording.supplementary_pack),
        (FileKind::Agenda, &wording.agenda_word),
        (
            FileKind::SupplementaryAgenda,
            &wording.supplementary_agenda_word,
        ),
    ] {
        for file in files
            .iter()
            .filter(|file| file.status == Status::Public && file.kind == kind)
        {
            links.push(described_link(words.as_str(), file, folder, wording));
        }
    }
    if let Some(minutes) = minutes {
        links.push(Link {
            text: wording.minutes_of_this_meeting.as_str().to_string(),
            href: minutes.to_string(),
        });
    }
    for file in files
        .iter()
        .filter(|file| file.status == Status::Public && file.kind == FileKind::MeetingData)
    {
        links.push(Link {
            text: wording.meeting_data.as_str().to_string(),
            href: within(folder, file),
        });
    }
    links.push(Link {
        text: wording.calendar.as_str().to_string(),
        href: calendar.to_string(),
    });
    links
}

/// A meeting as the committee page lists it.
#[derive(Debug, Clone)]
pub struct MeetingListing {
    /// Its date.
    pub date: Date,
    /// Its date as the style prints a meeting's ("Friday 13 May 2022").
    pub printed_date: String,
    /// Its page, relative to the site's top.
    pub page: String,
}

/// A committee's page: its name, then its meetings, newest first.
pub fn committee_page(
    committee: &str,
    meetings: &[MeetingListing],
    wording: &WebsiteWording,
) -> Document {
    let mut listed: Vec<&MeetingListing> = meetings.iter().collect();
    listed.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.page.cmp(&b.page)));
    let items = listed
        .into_iter()
        .map(|meeting| {
            vec![Block::Paragraph {
                content: vec![Inline::Link {
                    url: meeting.page.clone(),
                    content: vec![Inline::text(meeting.printed_date.clone())],
                }],
            }]
        })
        .collect();
    Document {
        metadata: page_metadata(committee),
        running_header: None,
        blocks: vec![
            heading(1, committee),
            heading(2, wording.meetings.as_str()),
            Block::BulletList { items },
        ],
    }
}

/// The site's index: its committees, then the papers built on their own.
pub fn site_index(
    council: &str,
    committees: &[Link],
    papers: &[Link],
    wording: &WebsiteWording,
) -> Document {
    let list = |links: &[Link]| Block::BulletList {
        items: links
            .iter()
            .map(|link| {
                vec![Block::Paragraph {
                    content: vec![Inline::Link {
                        url: link.href.clone(),
                        content: vec![Inline::text(link.text.clone())],
                    }],
                }]
            })
            .collect(),
    };
    let mut blocks = vec![heading(1, &format!("{council}: {}", wording.home.as_str()))];
    if !committees.is_empty() {
        blocks.push(list(committees));
    }
    if !papers.is_empty() {
        blocks.push(heading(2, wording.other_papers.as_str()));
        blocks.push(list(papers));
    }
    Document {
        metadata: page_metadata(wording.home.as_str()),
        running_header: None,
        blocks,
    }
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        number: None,
        content: vec![Inline::text(text)],
    }
}

fn page_metadata(title: &str) -> Metadata {
    Metadata {
        title: title.to_string(),
        authors: Vec::new(),
        description: None,
        keywords: Vec::new(),
        date: None,
    }
}
