//! A meeting as data other systems read (`meeting.json`), shaped like an Open Civic Data event:
//! its name, start, place, host, documents, and agenda items each with their media.
//!
//! Only what the public agenda shows is here: its items as the public agenda words them, and
//! public files. Links are full addresses when the committee gives the site's address, and
//! relative to the meeting's folder otherwise.

use serde::Serialize;

use crate::lower::agenda::MeetingModel;
use crate::model::{Block, Document, plain_text};

use super::pages::within;
use super::{FileKind, PublishedFile, Status, media_type};

/// The data's own version, raised when a field changes meaning or goes.
const MEETING_DATA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Event<'a> {
    #[serde(rename = "_type")]
    kind: &'static str,
    schema_version: u32,
    name: &'a str,
    description: &'a str,
    classification: &'static str,
    /// Local time in the United Kingdom ("2022-05-13T13:00"), or the date alone.
    start_date: String,
    timezone: &'static str,
    all_day: bool,
    status: &'static str,
    location: Location<'a>,
    participants: Vec<Participant<'a>>,
    documents: Vec<Media>,
    agenda: Vec<AgendaEntry>,
    links: Vec<LinkEntry>,
}

#[derive(Serialize)]
struct Location<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Participant<'a> {
    entity_type: &'static str,
    name: &'a str,
    note: &'static str,
}

#[derive(Serialize)]
struct Media {
    note: String,
    links: Vec<MediaLink>,
}

#[derive(Serialize)]
struct MediaLink {
    media_type: &'static str,
    url: String,
}

#[derive(Serialize)]
struct LinkEntry {
    note: &'static str,
    url: String,
}

#[derive(Serialize)]
struct AgendaEntry {
    /// The item's number as printed ("5", "6.1").
    order: String,
    description: String,
    media: Vec<Media>,
}

/// `meeting.json` of a meeting: `agenda` is its public agenda, `files` its published files,
/// `folder` its folder's path in the output.
pub fn meeting_data(
    model: &MeetingModel,
    agenda: &Document,
    files: &[&PublishedFile],
    folder: &str,
) -> Vec<u8> {
    let facts = &model.facts;
    let address = |relative: String| match &facts.website {
        Some(site) => format!("{site}{folder}/{relative}"),
        None => relative,
    };
    let date = crate::format::iso_date(model.date);
    let media = |file: &PublishedFile| Media {
        note: file.title.clone(),
        links: vec![MediaLink {
            media_type: media_type(&file.output.path),
            url: address(within(folder, file)),
        }],
    };
    let public = |kinds: &'static [FileKind]| {
        files
            .iter()
            .copied()
            .filter(move |file| file.status == Status::Public && kinds.contains(&file.kind))
    };
    let documents = public(&[
        FileKind::Pack,
        FileKind::SupplementaryPack,
        FileKind::Agenda,
        FileKind::SupplementaryAgenda,
    ])
    .map(media)
    .collect();
    let agenda_entries = agenda
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::AgendaItem { number, title, .. } => Some((number, title)),
            _ => None,
        })
        .map(|(number, title)| {
            let label = model
                .items
                .iter()
                .find(|item| number.parts.first() == Some(&item.number))
                .map(|item| item.label.clone());
            AgendaEntry {
                order: number.text.trim_end_matches('.').to_string(),
                description: plain_text(title),
                media: public(&[
                    FileKind::Item,
                    FileKind::Minutes,
                    FileKind::Report,
                    FileKind::Appendix,
                ])
                .filter(|file| label.is_some() && file.item == label)
                .map(media)
                .collect(),
            }
        })
        .collect();
    let event = Event {
        kind: "event",
        schema_version: MEETING_DATA_VERSION,
        name: &facts.committee,
        description: &model.title,
        classification: "committee-meeting",
        start_date: match facts.start {
            Some((hours, minutes)) => format!("{date}T{hours:02}:{minutes:02}"),
            None => date.clone(),
        },
        timezone: "Europe/London",
        all_day: facts.start.is_none(),
        status: "confirmed",
        location: Location { name: &facts.venue },
        participants: vec![Participant {
            entity_type: "organization",
            name: &facts.committee,
            note: "host",
        }],
        documents,
        agenda: agenda_entries,
        links: vec![LinkEntry {
            note: "meeting page",
            url: address("index.html".to_string()),
        }],
    };
    let mut bytes = serde_json::to_vec_pretty(&event).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
