//! The agenda front sheet's wording: membership, venue and contact, each item with its page
//! range, the statutory exclusion wording of Schedule 12A and the dates of future meetings.

use serde_saphyr::Spanned;

use super::items::{FlatItem, PrivateItem};
use super::{ItemDocument, ItemPapers};
use crate::content::committee::{Committee, Member, MemberRole};
use crate::content::meeting::{AgendaEntry, Meeting, StandardItem};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::format;
use crate::lower::{body_blocks, capitalise, join_names, person_paragraph};
use crate::model::{Block, Inline, LabelledRow, Number};
use crate::narrative::Narrative;
use crate::style::{DateStyles, HouseStyle, StandardWording};

/// Paragraphs of Part 1 of Schedule 12A to the Local Government Act 1972, by number.
pub const SCHEDULE_12A: [&str; 7] = [
    "information relating to any individual",
    "information which is likely to reveal the identity of an individual",
    "information relating to the financial or business affairs of any particular person (including the authority holding that information)",
    "information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office-holders under, the authority",
    "information in respect of which a claim to legal professional privilege could be maintained in legal proceedings",
    "information which reveals that the authority proposes to give under any enactment a notice under or by virtue of which requirements are imposed on a person, or to make an order or direction under any enactment",
    "information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime",
];

/// Heading, date and time, venue, membership, contact and the openness statement.
pub(super) fn front_matter(
    meeting: &Meeting,
    committee: &Committee,
    style: &HouseStyle,
) -> Vec<Block> {
    let wording = &style.agenda;
    let person = meeting.contact.as_ref().unwrap_or(&committee.contact);
    let contact = match &person.role {
        Some(role) => format!("{}, {role}", person.name),
        None => person.name.clone(),
    };
    let contact_paragraph = person_paragraph(person, contact);
    let contact_inlines = match contact_paragraph {
        Block::Paragraph { content } => content,
        _ => Vec::new(),
    };
    let row = |label: &str, content: Vec<Inline>| LabelledRow {
        label: label.to_string(),
        content,
    };
    let logo = style.logo.iter().map(|logo| Block::Logo {
        alt: logo.alt.as_str().to_string(),
    });
    logo.chain([
        Block::Heading {
            level: 1,
            number: None,
            content: vec![Inline::text(committee.name.to_uppercase())],
        },
        Block::LabelledList {
            rows: when_and_where(meeting, committee, style)
                .into_iter()
                .chain([row(
                    wording.membership.as_str(),
                    membership(&committee.members, style),
                )])
                .chain((!committee.substitutes.is_empty()).then(|| {
                    row(
                        wording.substitutes.as_str(),
                        membership(&committee.substitutes, style),
                    )
                }))
                .chain([row(wording.contact.as_str(), contact_inlines)])
                .chain(meeting.issued.map(|issued| {
                    row(
                        wording.issued.as_str(),
                        vec![Inline::text(format::date(issued, &style.dates.long))],
                    )
                }))
                .collect(),
        },
        Block::plain(wording.introduction.as_str()),
        Block::plain(wording.openness.fill(&[("council", &committee.council)])),
    ])
    // Notices are the advisor's text, Markdown with working links, the committee's first.
    .chain(
        committee
            .notices
            .iter()
            .chain(&meeting.notices)
            .flat_map(|notice| crate::markdown::parse_blocks(notice)),
    )
    .collect()
}

/// The members as the council prints them: the councillors who hold no office but chair or
/// vice-chair in one line ("Councillors Cusworth (Chair), Z. Collingham and …"), then each
/// other member on a line of their own ("Dr Jane Smith, NHS South Yorkshire, co-opted
/// member"), in the order written.
fn membership(members: &[Member], style: &HouseStyle) -> Vec<Inline> {
    let wording = &style.agenda;
    let office = |role: &MemberRole| match role {
        MemberRole::Chair => wording.chair.as_str().to_string(),
        MemberRole::ViceChair => wording.vice_chair.as_str().to_string(),
        MemberRole::Other(role) => role.clone(),
    };
    let named = |member: &Member| {
        let name = match &member.title {
            Some(title) => format!("{title} {}", member.name),
            None => member.name.clone(),
        };
        match (&wording.member_group, &member.group) {
            (Some(pattern), Some(group)) => pattern.fill(&[("name", &name), ("group", group)]),
            _ => name,
        }
    };
    let in_the_line = |member: &Member| {
        member.is_councillor()
            && !member.co_opted
            && member.voting
            && member
                .role
                .0
                .iter()
                .all(|role| !matches!(role, MemberRole::Other(_)))
    };
    let councillors: Vec<String> = members
        .iter()
        .filter(|member| in_the_line(member))
        .map(|member| {
            let name = named(member);
            let roles: Vec<String> = member.role.0.iter().map(office).collect();
            if roles.is_empty() {
                name
            } else {
                wording
                    .member_with_role
                    .fill(&[("name", &name), ("role", &roles.join(", "))])
            }
        })
        .collect();
    let mut lines = Vec::new();
    if !councillors.is_empty() {
        lines.push(
            wording
                .members
                .fill(&[("names", &join_names(&councillors, true))]),
        );
    }
    for member in members.iter().filter(|member| !in_the_line(member)) {
        let name = if member.is_councillor() {
            wording.councillor.fill(&[("name", &named(member))])
        } else {
            named(member)
        };
        let what: Vec<String> = member
            .role
            .0
            .iter()
            .map(office)
            .chain(member.organisation.clone())
            .chain(
                member
                    .co_opted
                    .then(|| wording.co_opted.as_str().to_string()),
            )
            .chain((!member.voting).then(|| wording.non_voting.as_str().to_string()))
            .collect();
        lines.push(if what.is_empty() {
            name
        } else {
            wording
                .member_line
                .fill(&[("name", &name), ("role", &what.join(", "))])
        });
    }
    let mut content = Vec::new();
    for (index, line) in lines.into_iter().enumerate() {
        if index > 0 {
            content.push(Inline::LineBreak);
        }
        content.push(Inline::text(line));
    }
    content
}

/// The meeting's date and time, and its venue (a virtual meeting's address a working link).
fn when_and_where(
    meeting: &Meeting,
    committee: &Committee,
    style: &HouseStyle,
) -> [LabelledRow; 2] {
    let wording = &style.agenda;
    [
        LabelledRow {
            label: wording.date_and_time.as_str().to_string(),
            content: vec![Inline::text(format!(
                "{} at {}",
                format::date(meeting.date, &style.dates.meeting),
                meeting.time
            ))],
        },
        LabelledRow {
            label: wording.venue.as_str().to_string(),
            content: crate::markdown::linkify(
                meeting.venue.as_deref().unwrap_or(committee.venue.as_str()),
            ),
        },
    ]
}

/// The supplementary agenda's first lines: the committee, the heading, when and where, and
/// the day it was issued.
pub(super) fn supplement_front_matter(
    meeting: &Meeting,
    committee: &Committee,
    style: &HouseStyle,
) -> Vec<Block> {
    let wording = &style.agenda;
    let issued = meeting
        .supplement
        .as_ref()
        .and_then(|supplement| supplement.issued)
        .map(|issued| LabelledRow {
            label: wording.issued.as_str().to_string(),
            content: vec![Inline::text(format::date(issued, &style.dates.long))],
        });
    vec![
        Block::Heading {
            level: 1,
            number: None,
            content: vec![Inline::text(committee.name.to_uppercase())],
        },
        Block::Heading {
            level: 2,
            number: None,
            content: vec![Inline::text(wording.supplementary.heading.as_str())],
        },
        Block::LabelledList {
            rows: when_and_where(meeting, committee, style)
                .into_iter()
                .chain(issued)
                .collect(),
        },
    ]
}

/// The outline level of an item's title on a front sheet: under the agenda's heading (level 2:
/// "AGENDA", the supplementary agenda's heading, the heading of the items taken in private).
pub(super) const ITEM_LEVEL: u8 = 3;

/// The outline level of a group's heading, which stands where an item would; its items' titles
/// are one level below it.
const GROUP_LEVEL: u8 = ITEM_LEVEL;

pub(super) struct AgendaContext<'a> {
    pub(super) meeting: &'a Meeting,
    pub(super) committee: &'a Committee,
    pub(super) source: &'a SourceFile,
    pub(super) narrative: &'a Narrative,
    pub(super) items: &'a [ItemPapers],
    pub(super) private_items: &'a [PrivateItem],
    /// The house style's wording and labels.
    pub(super) style: &'a HouseStyle,
    /// Whether the items are for the supplementary agenda, which presents their papers.
    pub(super) supplement: bool,
}

pub(super) fn entries_into_blocks(
    entries: &[Spanned<AgendaEntry>],
    flat: &[FlatItem<'_>],
    context: &AgendaContext<'_>,
    blocks: &mut Vec<Block>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // `flat` holds the items in the order they are written, groups opened: each item written
    // takes the next.
    let last_number = flat.last().map_or(0, |flat_item| flat_item.number);
    let mut flat = flat.iter();
    for entry in entries {
        let (items_here, level) = match &entry.value {
            AgendaEntry::Item(_) => (1, ITEM_LEVEL),
            AgendaEntry::Group(group) => {
                // A group in parts is one item: its heading carries the number its parts share.
                let number = flat
                    .clone()
                    .next()
                    .filter(|_| group.parts)
                    .and_then(|first| first.parts.first().copied())
                    .map(|number| Number {
                        parts: vec![number],
                        text: format::item_number(&[number]),
                    });
                blocks.push(Block::Heading {
                    level: GROUP_LEVEL,
                    number,
                    content: vec![Inline::text(group.heading.to_string())],
                });
                if let Some(description) = &group.description {
                    blocks.extend(body_blocks(
                        context.narrative,
                        context.source,
                        &description.value,
                        Some(description),
                        diagnostics,
                    ));
                }
                (group.items.len(), GROUP_LEVEL + 1)
            }
        };
        for flat_item in flat.by_ref().take(items_here) {
            blocks.push(agenda_item(flat_item, level, context, diagnostics));
            // The heading stands above items that follow: none when the exclusion item ends
            // the agenda.
            if let Some(heading) = &context.style.agenda.private_heading
                && flat_item.item.standard() == Some(StandardItem::Exclusion)
                && flat_item.number < last_number
            {
                blocks.push(Block::Heading {
                    level: 2,
                    number: None,
                    content: vec![Inline::text(heading.as_str())],
                });
            }
        }
    }
}

/// One item on the front sheet, its title a heading at `level`: standard wording unless the
/// author wrote their own.
pub(super) fn agenda_item(
    flat_item: &FlatItem<'_>,
    level: u8,
    context: &AgendaContext<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Block {
    let (number, item) = (flat_item.number, flat_item.item);
    let papers = context.items.iter().find(|papers| papers.number == number);
    let member_title = context
        .committee
        .member_title
        .clone()
        .unwrap_or_else(|| "Member".to_string());
    let minutes_date = papers
        .and_then(|papers| papers.documents.first())
        .and_then(|document| document.document.metadata.date);
    let wording = &context.style.agenda;
    let held = minutes_date
        .map(|date| format::date(date, &context.style.dates.held))
        .unwrap_or_default();
    let values = [
        ("member_title", member_title.as_str()),
        ("committee", context.committee.name.as_str()),
        ("council", context.committee.council.as_str()),
        ("held", held.as_str()),
    ];
    let standard = |words: &StandardWording| {
        (
            words.title.fill(&values),
            vec![Block::plain(words.text.fill(&values))],
        )
    };
    let (standard_title, standard_description): (String, Vec<Block>) = match item.standard() {
        Some(StandardItem::Apologies) => standard(&wording.apologies),
        Some(StandardItem::Declarations) => standard(&wording.declarations),
        Some(StandardItem::Exclusion) => (
            wording.exclusion.title.fill(&values),
            exclusion_wording(context.items, context.private_items, context.style),
        ),
        Some(StandardItem::Minutes) => standard(&wording.minutes),
        Some(StandardItem::Urgent) => standard(&wording.urgent),
        Some(StandardItem::FutureMeetings) => (
            wording.future_meetings.title.fill(&values),
            future_meetings_wording(context.meeting, &context.style.dates),
        ),
        Some(StandardItem::Council(name)) => match wording.items.get(&name) {
            Some(words) => standard(words),
            // An item that words itself needs nothing of the style.
            None if item.title.is_some() && item.description.is_some() => {
                (String::new(), Vec::new())
            }
            None => {
                // The style may not reuse a computed item's name (checked when it is read).
                let names: Vec<String> = StandardItem::COMPUTED
                    .iter()
                    .map(|name| name.to_string())
                    .chain(wording.items.keys().cloned())
                    .map(|name| format!("`{name}`"))
                    .collect();
                diagnostics.push(
                    Diagnostic::error(format!(
                        "the house style ({}) has no standard item `{name}`",
                        context.style.council
                    ))
                    .at(flat_item.place.clone())
                    .expected(format!("one of {}", names.join(", ")))
                    .hint("give the item a `title:` and `description:`, or word it under `agenda: items:` in the style's style.yaml"),
                );
                (name.clone(), Vec::new())
            }
        },
        None => (
            papers
                .map(|papers| papers.title.clone())
                .unwrap_or_default(),
            Vec::new(),
        ),
    };
    let title = item.title.clone().unwrap_or(standard_title);
    let mut description = match &item.description {
        Some(text) => body_blocks(
            context.narrative,
            context.source,
            &text.value,
            Some(text),
            diagnostics,
        ),
        None => standard_description,
    };
    if item.withdrawn {
        description = vec![Block::plain(wording.withdrawn.as_str())];
    }
    if let Some(reason) = &item.urgent {
        description.push(Block::plain(
            wording
                .urgent_reason
                .fill(&[("reason", reason.value.as_str())]),
        ));
    }
    // On the agenda, an item whose papers follow says so; they are in the supplementary pack.
    let papers_here = papers.is_some() && (context.supplement || !item.supplementary);
    if item.supplementary && !context.supplement && !item.withdrawn {
        description.push(Block::plain(wording.supplementary.to_follow.as_str()));
    }
    // The report's recommendations, written once in the report, printed under its item.
    if let Some(papers) = papers
        && !papers.recommendations.is_empty()
    {
        description.push(Block::Paragraph {
            content: vec![Inline::Strong {
                content: vec![Inline::text(wording.recommendations.as_str())],
            }],
        });
        match papers.recommendations.as_slice() {
            [one] => description.extend(one.iter().cloned()),
            many => description.push(Block::OrderedList {
                start: 1,
                items: many.to_vec(),
            }),
        }
    }
    if title.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error("this agenda item has no title")
                .at(flat_item.place.clone())
                .hint("add `title:`"),
        );
    }
    Block::AgendaItem {
        // Pages are found by the item's place in order; the number printed may have parts.
        number: Number {
            parts: vec![number],
            text: format::item_number(&flat_item.parts),
        },
        level,
        title: vec![Inline::text(title)],
        pages: None,
        has_papers: papers_here,
        description,
    }
}

/// The exclusion item's wording: the standard sentence, or which items are exempt and why.
pub(super) fn exclusion_wording(
    items: &[ItemPapers],
    private_items: &[PrivateItem],
    style: &HouseStyle,
) -> Vec<Block> {
    let agenda_item = style.labels.agenda_item.as_str();
    let wording = &style.agenda.exclusion;
    let paragraph = |number: u8| {
        let reason = SCHEDULE_12A[usize::from(number) - 1];
        wording
            .exempt_paragraph
            .fill(&[("paragraph", &number.to_string()), ("reason", reason)])
    };
    // Each exempt item: its number, which of it is exempt, and under which paragraphs.
    let mut exempt: Vec<(u32, String, Vec<u8>)> = private_items
        .iter()
        .map(|item| {
            let which = format!("{agenda_item} {} ({})", item.label, item.title);
            (item.number, which, vec![item.paragraph])
        })
        .collect();
    for item in items {
        let exempt_papers: Vec<&ItemDocument> = item
            .documents
            .iter()
            .filter(|d| d.exempt.is_some())
            .collect();
        if exempt_papers.is_empty() {
            continue;
        }
        let whole = exempt_papers.len() == item.documents.len();
        let mut paragraphs: Vec<u8> = exempt_papers.iter().filter_map(|d| d.exempt).collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let which = if whole {
            format!("{agenda_item} {} ({})", item.label, item.title)
        } else {
            let parts: Vec<String> = exempt_papers.iter().map(|d| d.role.name()).collect();
            format!(
                "{} of {agenda_item} {} ({})",
                capitalise(&join_names(&parts, false)),
                item.label,
                item.title
            )
        };
        exempt.push((item.number, which, paragraphs));
    }
    exempt.sort_by_key(|(number, _, _)| *number);
    if exempt.is_empty() {
        return vec![Block::plain(wording.text.as_str())];
    }
    let sentence = match exempt.len() {
        1 => wording.sentence_one.as_ref().or(wording.sentence.as_ref()),
        _ => wording.sentence.as_ref(),
    };
    if let Some(sentence) = sentence {
        // One sentence: every item, then each paragraph once, however many items it covers.
        let items: Vec<String> = exempt.iter().map(|(_, which, _)| which.clone()).collect();
        let mut paragraphs: Vec<u8> = exempt
            .iter()
            .flat_map(|(_, _, paragraphs)| paragraphs.iter().copied())
            .collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let paragraphs: Vec<String> = paragraphs.into_iter().map(paragraph).collect();
        return vec![Block::plain(sentence.fill(&[
            ("items", join_names(&items, false).as_str()),
            ("paragraphs", join_names(&paragraphs, false).as_str()),
        ]))];
    }
    let lines = exempt
        .into_iter()
        .map(|(_, which, paragraphs)| {
            let paragraphs: Vec<String> = paragraphs.into_iter().map(paragraph).collect();
            vec![Block::plain(wording.exempt_item.fill(&[
                ("item", which.as_str()),
                ("paragraphs", paragraphs.join("; ").as_str()),
            ]))]
        })
        .collect();
    vec![
        Block::plain(wording.exempt_items.as_str()),
        Block::BulletList { items: lines },
    ]
}

/// "Tuesday, 14th June, 2022", then "13th September", … with the year when it changes.
pub(super) fn future_meetings_wording(meeting: &Meeting, dates: &DateStyles) -> Vec<Block> {
    let Some(future) = &meeting.future_meetings else {
        return Vec::new();
    };
    let mut content = Vec::new();
    let mut year = None;
    for (index, date) in future.dates.iter().enumerate() {
        let with_year = year != Some(date.year);
        year = Some(date.year);
        if index > 0 {
            content.push(Inline::LineBreak);
        }
        let pattern = if index == 0 {
            &dates.future_first
        } else if with_year {
            &dates.future_new_year
        } else {
            &dates.future
        };
        content.push(Inline::text(format::date(*date, pattern)));
    }
    if let Some(note) = &future.note {
        if !content.is_empty() {
            content.push(Inline::LineBreak);
        }
        content.push(Inline::text(note.clone()));
    }
    vec![Block::Paragraph { content }]
}
