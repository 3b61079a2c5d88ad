//! The website's files of a build: each meeting's page, its papers' pages and its data, and at
//! the top the site's index, each committee's page and calendar, and the stylesheet.
//!
//! Only public papers get a page, and exempt files are never named: a page lists what the
//! meeting's public manifest lists.

use std::collections::BTreeMap;

use super::{LoweredMeeting, Session};
use crate::html_writer::{self, HtmlPage, PageFrame};
use crate::lower::agenda::DocumentRole;
use crate::model::Document;
use crate::publish::{Origin, Output};
use crate::published::names;
use crate::site::calendar::{CalendarEvent, write_calendar};
use crate::site::open_civic_data::meeting_data;
use crate::site::pages::{self, Link, MeetingListing};
use crate::site::{FileKind, PublishedFile, Status};
use crate::style::HouseStyle;
use crate::typst_writer::Typesetter;

/// The language of every page.
const LANGUAGE: &str = "en-GB";

/// The stylesheet's name, in the site's top folder and in each meeting's folder.
pub const STYLESHEET: &str = "style.css";

/// The name of a meeting's page in its folder.
pub const MEETING_PAGE: &str = "index.html";

/// The name of a meeting's data in its folder.
pub const MEETING_DATA: &str = "meeting.json";

/// The site's top page.
pub const SITE_INDEX: &str = "index.html";

/// A committee's page and calendar at the top of the site: "corporate-parenting-panel.html"
/// and ".ics".
pub fn committee_files(committee: &str) -> (String, String) {
    let slug = names::committee_slug(committee);
    (format!("{slug}.html"), format!("{slug}.ics"))
}

/// Where a meeting's minutes are published, when a meeting in the build presents them: the
/// minutes' page, relative to the top of the site. Found from the models alone, so each
/// meeting can be built on its own thread.
pub fn minutes_pages(meetings: &[LoweredMeeting]) -> Vec<Option<String>> {
    meetings
        .iter()
        .map(|minuted| {
            meetings.iter().find_map(|later| {
                let model = &later.model;
                model.items.iter().find_map(|item| {
                    item.documents.iter().find_map(|document| {
                        (document.role == DocumentRole::Minutes
                            && document.exempt.is_none()
                            && document.attachment.is_none()
                            && document.document.metadata.date == Some(minuted.model.date)
                            && model.facts.committee == minuted.model.facts.committee
                            && !std::ptr::eq(later, minuted))
                        .then(|| {
                            format!(
                                "{}/{}.html",
                                model.slug,
                                super::meeting::paper_stem(later, item, document)
                            )
                        })
                    })
                })
            })
        })
        .collect()
}

/// A page's HTML and pictures as files of the folder `folder` (`""` for the top).
fn page_files(
    page: HtmlPage,
    folder: &str,
    path: &str,
    title: &str,
    kind: FileKind,
    origin: &Origin,
) -> Vec<PublishedFile> {
    let at = |name: &str| {
        if folder.is_empty() {
            name.to_string()
        } else {
            format!("{folder}/{name}")
        }
    };
    let mut files = vec![published(
        at(path),
        page.html.into_bytes(),
        title,
        kind,
        origin,
    )];
    for asset in page.assets {
        files.push(published(
            at(&asset.path),
            asset.bytes.to_vec(),
            "",
            FileKind::Picture,
            origin,
        ));
    }
    files
}

fn published(
    path: String,
    bytes: Vec<u8>,
    title: &str,
    kind: FileKind,
    origin: &Origin,
) -> PublishedFile {
    PublishedFile {
        output: Output {
            path,
            bytes,
            pages: None,
            origin: origin.clone(),
            title: Some(title.to_string()),
            kind: Some(kind),
        },
        status: Status::Public,
        kind,
        title: title.to_string(),
        item: None,
        appendix: None,
        pack_pages: None,
        exempt_paragraph: None,
        pdf_ua: None,
    }
}

/// The meeting's files written so far and its site's files, by reference.
fn listed<'a>(files: &'a [PublishedFile], site: &'a [PublishedFile]) -> Vec<&'a PublishedFile> {
    files.iter().chain(site).collect()
}

fn links(links: &[Link]) -> Vec<(String, String)> {
    links
        .iter()
        .map(|link| (link.text.clone(), link.href.clone()))
        .collect()
}

/// A page's frame on this site: in English, its pictures in `pictures/` beside it.
fn frame<'a>(
    title: &'a str,
    site_name: &'a str,
    stylesheet: &'a str,
    breadcrumbs: &'a [(String, String)],
    downloads: &'a [(String, String)],
    logo: Option<(&'a str, &'a str)>,
) -> PageFrame<'a> {
    PageFrame {
        title,
        lang: LANGUAGE,
        stylesheet,
        site_name,
        breadcrumbs,
        downloads,
        logo,
        asset_prefix: "pictures/",
    }
}

/// The logo of a style as a file of the folder, and its text alternative.
fn logo_of(typesetter: &Typesetter) -> Option<(&'static str, String, Vec<u8>)> {
    let style = typesetter.style();
    let logo = style.logo.as_ref()?;
    let bytes = typesetter.logo()?;
    Some(("logo.png", logo.alt.as_str().to_string(), bytes.to_vec()))
}

/// A meeting's public agenda and supplementary agenda, their page ranges filled in.
pub struct Agendas<'a> {
    /// The agenda.
    pub agenda: &'a Document,
    /// The supplementary agenda, when items' papers follow.
    pub supplement: Option<&'a Document>,
}

/// The website files of a meeting's folder: a page for each public paper, the meeting's page
/// and data, the stylesheet and the pictures; `files` are its other files, `agenda` its public
/// agenda with the page ranges filled in, `minutes` where its minutes are published (relative
/// to the site's top).
pub fn meeting_site_files(
    meeting: &LoweredMeeting,
    typesetter: &Typesetter,
    folder: &str,
    files: &[PublishedFile],
    agendas: &Agendas<'_>,
    minutes: Option<&str>,
) -> Vec<PublishedFile> {
    let agenda = agendas.agenda;
    let model = &meeting.model;
    let style = typesetter.style();
    let wording = &style.website;
    let origin = Origin {
        file: meeting.file.path.clone(),
        item: None,
    };
    let (committee_page, calendar) = committee_files(&model.facts.committee);
    let logo = logo_of(typesetter);
    let frame_logo = logo.as_ref().map(|(path, alt, _)| (*path, alt.as_str()));
    let meeting_crumbs = vec![
        (
            wording.home.as_str().to_string(),
            format!("../{SITE_INDEX}"),
        ),
        (
            model.facts.committee.clone(),
            format!("../{committee_page}"),
        ),
    ];
    let mut site = Vec::new();

    // Each public paper typeset by papers gets a page; supplied PDFs are linked as they are.
    for item in &model.items {
        for document in item
            .documents
            .iter()
            .filter(|document| document.exempt.is_none() && document.attachment.is_none())
        {
            let stem = super::meeting::paper_stem(meeting, item, document);
            let name = format!("{stem}.html");
            let mut downloads = Vec::new();
            let of_paper = files.iter().filter(|file| {
                file.status == Status::Public && file.output.path == format!("{folder}/{stem}.docx")
            });
            let of_item = files.iter().filter(|file| {
                file.status == Status::Public
                    && file.kind == FileKind::Item
                    && file.item.as_deref() == Some(item.label.as_str())
            });
            for (words, file) in of_paper
                .map(|file| (document.document.metadata.title.as_str(), file))
                .chain(of_item.map(|file| (wording.item_papers.as_str(), file)))
            {
                let description =
                    pages::file_description(&file.output, wording).unwrap_or_default();
                downloads.push((
                    format!("{words} ({description})"),
                    pages::within(folder, file),
                ));
            }
            let mut crumbs = meeting_crumbs.clone();
            crumbs.push((model.title.clone(), MEETING_PAGE.to_string()));
            let page = html_writer::write_html(
                &document.document.blocks,
                style,
                &frame(
                    &document.document.metadata.title,
                    &model.facts.council,
                    STYLESHEET,
                    &crumbs,
                    &downloads,
                    frame_logo,
                ),
            );
            let mut page_files = page_files(
                page,
                folder,
                &name,
                &document.document.metadata.title,
                match document.role {
                    DocumentRole::Minutes => FileKind::Minutes,
                    DocumentRole::Report => FileKind::Report,
                    DocumentRole::Appendix(_) => FileKind::Appendix,
                },
                &origin,
            );
            if let Some(first) = page_files.first_mut() {
                first.item = Some(item.label.clone());
                first.appendix = match &document.role {
                    DocumentRole::Appendix(label) => Some(label.clone()),
                    _ => None,
                };
                first.pack_pages = files
                    .iter()
                    .find(|file| file.item.as_deref() == Some(item.label.as_str()))
                    .and_then(|file| file.pack_pages);
            }
            site.extend(page_files);
        }
    }

    // The supplementary agenda's page, beside its Word file.
    if let Some(supplement) = agendas.supplement {
        let page = pages::meeting_page(
            supplement,
            &model.items,
            &listed(files, &[]),
            folder,
            wording,
        );
        let mut crumbs = meeting_crumbs.clone();
        crumbs.push((model.title.clone(), MEETING_PAGE.to_string()));
        let html = html_writer::write_html(
            &page.blocks,
            style,
            &frame(
                &supplement.metadata.title,
                &model.facts.council,
                STYLESHEET,
                &crumbs,
                &[],
                frame_logo,
            ),
        );
        let name = format!(
            "{}-supplementary-agenda.html",
            names::meeting_file_stem(&model.facts.committee, model.date)
        );
        site.extend(page_files(
            html,
            folder,
            &name,
            &supplement.metadata.title,
            FileKind::SupplementaryAgenda,
            &origin,
        ));
    }

    // The meeting's data, then its page, which links to it. Both list the files by reference:
    // their bytes (a pack of megabytes) are not copied.
    let data = published(
        format!("{folder}/{MEETING_DATA}"),
        meeting_data(model, agenda, &listed(files, &site), folder),
        &model.title,
        FileKind::MeetingData,
        &origin,
    );
    site.push(data);
    let all = listed(files, &site);
    let page = pages::meeting_page(agenda, &model.items, &all, folder, wording);
    let downloads = pages::meeting_downloads(
        &all,
        folder,
        minutes.map(|minutes| format!("../{minutes}")).as_deref(),
        &format!("../{calendar}"),
        wording,
    );
    let html = html_writer::write_html(
        &page.blocks,
        style,
        &frame(
            &model.title,
            &model.facts.council,
            STYLESHEET,
            &meeting_crumbs,
            &links(&downloads),
            frame_logo,
        ),
    );
    site.extend(page_files(
        html,
        folder,
        MEETING_PAGE,
        &model.title,
        FileKind::MeetingPage,
        &origin,
    ));
    site.push(published(
        format!("{folder}/{STYLESHEET}"),
        html_writer::stylesheet(style, typesetter.website_css()).into_bytes(),
        "",
        FileKind::Stylesheet,
        &origin,
    ));
    if let Some((path, _, bytes)) = logo {
        site.push(published(
            format!("{folder}/{path}"),
            bytes,
            "",
            FileKind::Picture,
            &origin,
        ));
    }
    // Pictures shown by several pages are one file.
    let mut seen = std::collections::BTreeSet::new();
    site.retain(|file| seen.insert(file.output.path.clone()));
    site
}

/// What the top of the site needs to know of a meeting built.
pub struct BuiltMeeting<'a> {
    /// The meeting.
    pub meeting: &'a LoweredMeeting,
    /// Its folder.
    pub folder: &'a str,
}

/// The site's top files: its index, each committee's page and calendar, and the stylesheet,
/// in the run's house style. `papers` are the pages of papers built on their own, with titles.
pub fn site_files(
    session: &Session,
    meetings: &[BuiltMeeting<'_>],
    papers: &[Link],
) -> Vec<Output> {
    let style: &HouseStyle = session.typesetter.style();
    let wording = &style.website;
    let origin = Origin::default();
    let mut committees: BTreeMap<String, Vec<&BuiltMeeting<'_>>> = BTreeMap::new();
    for built in meetings {
        committees
            .entry(built.meeting.model.facts.committee.clone())
            .or_default()
            .push(built);
    }
    let council = meetings
        .first()
        .map_or(style.council.as_str(), |built| {
            built.meeting.model.facts.council.as_str()
        })
        .to_string();
    let mut files = Vec::new();
    let mut committee_links = Vec::new();
    let home = vec![(wording.home.as_str().to_string(), SITE_INDEX.to_string())];
    for (committee, built) in &committees {
        let (page_name, calendar_name) = committee_files(committee);
        let listings: Vec<MeetingListing> = built
            .iter()
            .map(|built| MeetingListing {
                date: built.meeting.model.date,
                printed_date: crate::format::date(built.meeting.model.date, &style.dates.meeting),
                page: format!("{}/{MEETING_PAGE}", built.folder),
            })
            .collect();
        let document = pages::committee_page(committee, &listings, wording);
        let downloads = vec![(wording.calendar.as_str().to_string(), calendar_name.clone())];
        let page = html_writer::write_html(
            &document.blocks,
            style,
            &frame(committee, &council, STYLESHEET, &home, &downloads, None),
        );
        files.extend(
            page_files(
                page,
                "",
                &page_name,
                committee,
                FileKind::CommitteePage,
                &origin,
            )
            .into_iter()
            .map(|file| file.output),
        );
        let events: Vec<CalendarEvent> = built
            .iter()
            .map(|built| {
                let model = &built.meeting.model;
                let host = model
                    .facts
                    .website
                    .as_deref()
                    .and_then(|site| site.split('/').nth(2))
                    .unwrap_or("papers.invalid");
                CalendarEvent {
                    uid: format!("{}@{host}", built.folder),
                    date: model.date,
                    start: model.facts.start,
                    summary: committee.clone(),
                    location: model.facts.venue.clone(),
                    url: model
                        .facts
                        .website
                        .as_ref()
                        .map(|site| format!("{site}{}/{MEETING_PAGE}", built.folder)),
                    description: model.title.clone(),
                }
            })
            .collect();
        files.push(Output {
            path: calendar_name,
            bytes: write_calendar(committee, &events),
            pages: None,
            origin: origin.clone(),
            title: Some(committee.clone()),
            kind: Some(FileKind::Calendar),
        });
        committee_links.push(Link {
            text: committee.clone(),
            href: page_name,
        });
    }
    let index = pages::site_index(&council, &committee_links, papers, wording);
    let page = html_writer::write_html(
        &index.blocks,
        style,
        &frame(&index.metadata.title, &council, STYLESHEET, &[], &[], None),
    );
    files.extend(
        page_files(
            page,
            "",
            SITE_INDEX,
            &index.metadata.title,
            FileKind::SiteIndex,
            &origin,
        )
        .into_iter()
        .map(|file| file.output),
    );
    files.push(Output {
        path: STYLESHEET.to_string(),
        bytes: html_writer::stylesheet(style, session.typesetter.website_css()).into_bytes(),
        pages: None,
        origin,
        title: None,
        kind: Some(FileKind::Stylesheet),
    });
    files
}

/// The web page of a paper built on its own (`<stem>.html`) and its pictures, linking to its
/// PDF and Word file and to the site's stylesheet at the top.
pub fn paper_site_files(
    session: &Session,
    document: &Document,
    stem: &str,
    origin: &std::path::Path,
    written: &[Output],
) -> Vec<Output> {
    let style = session.typesetter.style();
    let depth = stem.matches('/').count();
    let up = "../".repeat(depth);
    let name = stem.rsplit('/').next().unwrap_or(stem);
    let folder = stem.rsplit_once('/').map_or("", |(folder, _)| folder);
    // Its PDF and Word file, when this run wrote them.
    let downloads: Vec<(String, String)> = written
        .iter()
        .filter_map(|file| {
            let own = file.path.rsplit('/').next().unwrap_or(&file.path);
            let description = pages::file_description(file, &style.website)?;
            Some((
                format!("{} ({description})", document.metadata.title),
                own.to_string(),
            ))
        })
        .collect();
    let stylesheet = format!("{up}{STYLESHEET}");
    let home = vec![(
        style.website.home.as_str().to_string(),
        format!("{up}{SITE_INDEX}"),
    )];
    let logo = logo_of(&session.typesetter);
    let page = html_writer::write_html(
        &document.blocks,
        style,
        &frame(
            &document.metadata.title,
            &style.council,
            &stylesheet,
            &home,
            &downloads,
            logo.as_ref().map(|(path, alt, _)| (*path, alt.as_str())),
        ),
    );
    let origin = Origin {
        file: origin.to_path_buf(),
        item: None,
    };
    let mut files: Vec<Output> = page_files(
        page,
        folder,
        &format!("{name}.html"),
        &document.metadata.title,
        FileKind::Paper,
        &origin,
    )
    .into_iter()
    .map(|file| file.output)
    .collect();
    if let Some((path, _, bytes)) = logo {
        files.push(
            published(
                if folder.is_empty() {
                    path.to_string()
                } else {
                    format!("{folder}/{path}")
                },
                bytes,
                "",
                FileKind::Picture,
                &origin,
            )
            .output,
        );
    }
    files
}
