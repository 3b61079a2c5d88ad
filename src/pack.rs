//! Assembling a meeting's agenda packs from its lowered papers: the public pack (exempt papers
//! replaced by a notice) and the private one, and the page ranges the layout gives back.

use std::collections::BTreeMap;

use crate::lower::agenda::{DocumentRole, ItemPapers, MeetingModel, SCHEDULE_12A};
use crate::lower::capitalise;
use crate::model::{
    Attachment, Block, Document, Inline, Metadata, Pack, PackDocument, PackItem, PageRange,
};

/// Which pack: the public one replaces exempt papers with a notice; the private one marks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackVariant {
    /// For the website.
    Public,
    /// For members and officers.
    Private,
}

/// The pack of a meeting, front sheet first: every item's papers but those that follow in
/// the supplementary pack.
pub fn assemble_pack(model: &MeetingModel, variant: PackVariant) -> Pack {
    let items: Vec<&ItemPapers> = model
        .items
        .iter()
        .filter(|item| !item.supplementary)
        .collect();
    pack_of(model, &model.agenda, "agenda pack", &items, variant)
}

/// The supplementary pack, when items' papers follow the agenda: its own front sheet and page
/// numbers, so that the agenda pack's pages do not move.
pub fn assemble_supplement(model: &MeetingModel, variant: PackVariant) -> Option<Pack> {
    let front_sheet = model.supplement.as_ref()?;
    let items: Vec<&ItemPapers> = model
        .items
        .iter()
        .filter(|item| item.supplementary)
        .collect();
    Some(pack_of(
        model,
        front_sheet,
        "supplementary agenda pack",
        &items,
        variant,
    ))
}

/// A pack of `items`' papers behind `front_sheet`, named "{meeting}: {name}".
fn pack_of(
    model: &MeetingModel,
    front_sheet: &Document,
    name: &str,
    items: &[&ItemPapers],
    variant: PackVariant,
) -> Pack {
    let suffix = match variant {
        PackVariant::Public => name.to_string(),
        PackVariant::Private => format!("{name} (private: not for publication)"),
    };
    Pack {
        metadata: Metadata {
            title: format!("{}: {suffix}", model.title),
            authors: vec![model.author.clone()],
            // The pack is its agenda with the papers behind it: it says what the agenda says.
            description: front_sheet.metadata.description.clone(),
            keywords: front_sheet.metadata.keywords.clone(),
            date: Some(model.date),
        },
        front_sheet: front_sheet.blocks.clone(),
        items: items.iter().map(|item| pack_item(item, variant)).collect(),
        attachments: attachments(items.iter().copied(), variant),
    }
}

/// The supplied PDFs a pack shows: exempt ones only in the private pack.
fn attachments<'a>(
    items: impl Iterator<Item = &'a ItemPapers>,
    variant: PackVariant,
) -> Vec<Attachment> {
    items
        .flat_map(|item| &item.documents)
        .filter(|document| document.exempt.is_none() || variant == PackVariant::Private)
        .filter_map(|document| document.attachment.clone())
        .collect()
}

/// The title of an item's own file (its pages of the public pack).
pub fn item_file_title(model: &MeetingModel, item: &ItemPapers) -> String {
    format!(
        "{}: Agenda Item {}, {}",
        model.title, item.label, item.title
    )
}

/// Whether an item's pages in the public pack show a supplied PDF (and so cannot claim
/// PDF/UA-1).
pub fn shows_supplied_pdfs(item: &ItemPapers) -> bool {
    !attachments(std::iter::once(item), PackVariant::Public).is_empty()
}

fn pack_item(item: &ItemPapers, variant: PackVariant) -> PackItem {
    PackItem {
        number: item.number,
        label: item.label.clone(),
        documents: item
            .documents
            .iter()
            .map(|document| match (document.exempt, variant) {
                (None, _) => PackDocument {
                    blocks: document.document.blocks.clone(),
                    running_header: document.document.running_header.clone(),
                    marking: None,
                },
                (Some(paragraph), PackVariant::Private) => PackDocument {
                    blocks: document.document.blocks.clone(),
                    running_header: document.document.running_header.clone(),
                    marking: Some(format!(
                        "NOT FOR PUBLICATION – exempt information under paragraph {paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972"
                    )),
                },
                (Some(paragraph), PackVariant::Public) => PackDocument {
                    blocks: exempt_notice(&document.role, paragraph),
                    running_header: None,
                    marking: None,
                },
            })
            .collect(),
    }
}

/// What the public sees in place of an exempt paper: which part it is and why it is withheld.
pub fn exempt_notice(role: &DocumentRole, paragraph: u8) -> Vec<Block> {
    let name = capitalise(&role.name());
    vec![
        Block::Heading {
            level: 1,
            number: None,
            content: vec![Inline::text(format!("{name}: not for publication"))],
        },
        Block::plain(format!(
            "{name} is not for publication because it contains exempt information as defined in paragraph {paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972 (as amended): {}.",
            SCHEDULE_12A[usize::from(paragraph) - 1]
        )),
        Block::plain("It is available to members of the committee in the private agenda pack."),
    ]
}

/// Write the pack's page ranges into the agenda's items (for writers that cannot paginate it).
pub fn fill_page_ranges(agenda: &mut Document, ranges: &BTreeMap<u32, PageRange>) {
    for block in &mut agenda.blocks {
        if let Block::AgendaItem { number, pages, .. } = block {
            *pages = number
                .parts
                .first()
                .and_then(|number| ranges.get(number))
                .copied();
        }
    }
}
