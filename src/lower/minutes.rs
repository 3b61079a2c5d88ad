//! Lowering minutes: the "Present:-" line, attendance and apologies, then each minute numbered
//! on from the year's count, with its discussion, its motion and votes, and "Resolved:"
//! decisions.

mod motion;

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{body_blocks, join_names, number};
use crate::content::committee::Committee;
use crate::content::minutes::{Minutes, Resolved};
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Warnings};
use crate::format;
use crate::markdown;
use crate::model::{Block, Cell, Document, Inline, Metadata, Table, TableRow};
use crate::narrative::{MinuteReference, Narrative, References};
use crate::pictures::PictureReader;
use crate::style::{HouseStyle, MinutesWording};

/// The references minutes offer to their own text, by key; duplicate keys are errors.
pub fn minute_references(
    minutes: &Minutes,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, MinuteReference> {
    let mut references = BTreeMap::new();
    for (index, minute) in minutes.minutes.iter().enumerate() {
        let Some(key) = &minute.value.key else {
            continue;
        };
        let reference = MinuteReference {
            number: minutes.first_minute.saturating_add(index as u32),
            short_title: minute
                .value
                .short_title
                .clone()
                .unwrap_or_else(|| minute.value.title.to_string()),
        };
        if references.insert(key.value.clone(), reference).is_some() {
            diagnostics.push(
                Diagnostic::error(format!("two minutes have the key `{}`", key.value))
                    .at(source.location_of(key))
                    .hint("keys must be unique within the minutes"),
            );
        }
    }
    references
}

impl super::Paper for Minutes {
    fn lower(
        &self,
        source: &SourceFile,
        resolve: &mut dyn super::Resolve,
    ) -> Result<Document, Vec<Diagnostic>> {
        let committee = resolve
            .committee(source, &self.committee)
            .ok_or_else(Vec::new)?;
        lower_minutes(
            self,
            source,
            &committee,
            resolve.style(),
            resolve.pictures(),
            resolve.warnings(),
        )
    }

    fn minute_numbering(&self) -> Option<super::MinuteNumbering<'_>> {
        Some(super::MinuteNumbering {
            committee: &self.committee,
            date: self.date,
            first: self.first_minute,
            count: self.minutes.len() as u32,
        })
    }
}

/// Lower minutes to the document model, or return every problem found; warnings about their
/// text go to `warnings`.
pub fn lower_minutes(
    minutes: &Minutes,
    source: &SourceFile,
    committee: &Committee,
    style: &HouseStyle,
    pictures: Arc<PictureReader>,
    warnings: Warnings,
) -> Result<Document, Vec<Diagnostic>> {
    let wording = &style.minutes;
    let mut diagnostics = Vec::new();
    let last = u64::from(minutes.first_minute) + minutes.minutes.len() as u64;
    if minutes.first_minute == 0 || last > u64::from(super::MOST_NUMBER) {
        diagnostics.push(
            Diagnostic::error(format!(
                "`first_minute: {}`: minutes are numbered from 1 to {}",
                minutes.first_minute,
                super::MOST_NUMBER
            ))
            .at(source.locate_key("first_minute")),
        );
        return Err(diagnostics);
    }
    let references = References {
        minutes: minute_references(minutes, source, &mut diagnostics),
        // Checked above to stay far below overflow.
        minute_numbers: minutes.first_minute..minutes.first_minute + minutes.minutes.len() as u32,
        citations: super::citations(style),
        numbers: style.numbers.clone(),
        ..References::default()
    };
    let narrative = Narrative::new(references, warnings).with_pictures(pictures);
    let committee_name = committee.name.to_uppercase();
    let mut blocks = vec![Block::Heading {
        level: 1,
        number: None,
        // The space before the break keeps the words apart in the PDF bookmark.
        content: vec![
            Inline::text(format!("{committee_name} ")),
            Inline::LineBreak,
            Inline::text(format::date(minutes.date, &style.dates.meeting)),
        ],
    }];

    let present = &minutes.present;
    let mut present_line = wording.chair.fill(&[("name", &present.chair)]);
    if !present.councillors.is_empty() {
        present_line.push_str(&format!(
            "; {}",
            councillor_names(&present.councillors, wording)
        ));
    }
    if !present.others.is_empty() {
        present_line.push_str(&format!("; {}", join_names(&present.others, false)));
    }
    present_line.push('.');
    blocks.push(Block::Paragraph {
        content: vec![
            Inline::Strong {
                content: vec![Inline::text(wording.present.as_str())],
            },
            Inline::text(format!(" {present_line}")),
        ],
    });
    for sentence in &minutes.in_attendance {
        blocks.extend(body_blocks(
            &narrative,
            source,
            &sentence.value,
            Some(sentence),
            &mut diagnostics,
        ));
    }
    if !minutes.apologies.is_empty() {
        blocks.push(Block::plain(
            wording
                .apologies
                .fill(&[("names", &join_names(&minutes.apologies, false))]),
        ));
    }

    let meeting = motion::Meeting {
        narrative: &narrative,
        source,
        style,
        present: std::iter::once(&present.chair)
            .chain(&present.councillors)
            .map(String::as_str)
            .collect(),
    };
    for (index, minute) in minutes.minutes.iter().enumerate() {
        let minute = &minute.value;
        blocks.push(Block::Heading {
            level: 2,
            number: Some(number(vec![
                minutes.first_minute.saturating_add(index as u32),
            ])),
            content: vec![Inline::text(minute.title.to_uppercase())],
        });
        // The content type has checked that the minute records something.
        let mut body = Vec::new();
        if let Some(text) = minute.body() {
            body.extend(body_blocks(
                &narrative,
                source,
                &text.value,
                Some(text),
                &mut diagnostics,
            ));
        }
        if !minute.declarations.is_empty() {
            body.push(declarations_table(
                &minute.declarations,
                &wording.declarations,
            ));
        }
        if let Some(moved) = &minute.motion {
            body.extend(motion::motion_blocks(moved, &meeting, &mut diagnostics));
        }
        if let Some(resolved) = minute.resolved() {
            match resolution_blocks(
                &resolved.value,
                wording,
                &narrative,
                source,
                &mut diagnostics,
            ) {
                Ok(resolution) => body.extend(resolution),
                Err(message) => diagnostics.push(
                    Diagnostic::error(message)
                        .at(source.location_of(resolved))
                        .expected("`1.` or `(1)`"),
                ),
            }
        }
        blocks.push(Block::Indented { blocks: body });
    }

    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let long_date = format::date(minutes.date, &style.dates.long);
    let (subject, keywords) = style.properties.minutes.fill(&committee.name, &long_date);
    Ok(Document {
        metadata: Metadata {
            title: format!("{} – minutes of {long_date}", committee.name),
            authors: vec![committee.contact.name.clone()],
            description: Some(subject),
            keywords,
            date: Some(minutes.date),
        },
        running_header: Some(format!(
            "{committee_name} - {}",
            format::date(minutes.date, &style.dates.running_header)
        )),
        blocks,
    })
}

/// Councillors as the style names them, on the "Present:-" line and in a recorded vote alike:
/// "Councillor Ahmed" for one, "Councillors Ahmed, Brennan, and Evans" for several.
fn councillor_names(names: &[String], wording: &MinutesWording) -> String {
    match names {
        [one] => wording.councillor.fill(&[("name", one)]),
        many => wording
            .councillors
            .fill(&[("names", &join_names(many, true))]),
    }
}

/// "Resolved:- That …" for one decision; "Resolved:1. That … / 2. That …" for several.
fn resolution_blocks(
    resolved: &Resolved,
    wording: &MinutesWording,
    narrative: &Narrative,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Block>, String> {
    let label = |n: usize| -> Result<String, String> {
        match resolved.numbering.as_deref().unwrap_or("1.") {
            "1." => Ok(format!("{n}. ")),
            "(1)" => Ok(format!("({n}) ")),
            other => Err(format!("unknown numbering `{other}` for resolutions")),
        }
    };
    let mut blocks = Vec::new();
    let single = resolved.items.len() == 1;
    for (index, item) in resolved.items.iter().enumerate() {
        let rendered = match narrative.render_str::<()>(item, source, None) {
            Ok(rendered) => rendered,
            Err(problems) => {
                diagnostics.extend(problems);
                continue;
            }
        };
        let mut content = Vec::new();
        if index == 0 {
            content.push(Inline::Strong {
                content: vec![Inline::text(if single {
                    wording.resolved.as_str()
                } else {
                    wording.resolved_several.as_str()
                })],
            });
            content.push(Inline::text(" "));
        }
        if !single {
            content.push(Inline::text(label(index + 1)?));
        }
        content.extend(markdown::parse_inlines(&rendered));
        blocks.push(Block::Paragraph { content });
    }
    Ok(blocks)
}

/// A minute's declared interests as a table: who, which item, what type, what it is.
fn declarations_table(
    declarations: &[crate::content::minutes::Declaration],
    headings: &crate::style::DeclarationHeadings,
) -> Block {
    let header = [
        &headings.member,
        &headings.item,
        &headings.interest,
        &headings.nature,
    ]
    .into_iter()
    .map(|heading| Cell::header(heading.as_str()))
    .collect();
    let rows = declarations
        .iter()
        .map(|declaration| TableRow::Cells {
            cells: vec![
                Cell::text(declaration.member.clone()),
                Cell::text(declaration.item.0.clone()),
                Cell::text(declaration.interest.clone()),
                Cell::text(declaration.nature.clone()),
            ],
        })
        .collect();
    Block::Table(Box::new(Table {
        widths: vec![4.0, 5.0, 3.5, 6.5],
        header: vec![header],
        rows,
        font_size: 10.0,
    }))
}
