//! Lowering: typed content → the document model, applying the council's standard wording and numbering.

pub mod action_plan;
pub mod agenda;
pub mod charts;
pub mod cover_report;
pub mod limits;
pub mod long_report;
pub mod minutes;
pub mod performance_report;
pub mod pictures;
pub mod short_paper;
pub mod terms_of_reference;

use std::sync::Arc;

use serde_saphyr::Spanned;

use crate::content::committee::Committee;
use crate::content::common::Person;
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Warnings};
use crate::figures::Figures;
use crate::format;
use crate::markdown;
use crate::model::{Block, Document, Inline, Number};
use crate::narrative::{Citations, Narrative, References};
use crate::pictures::PictureReader;
use crate::style::HouseStyle;

/// A kind of paper: its content, lowered into a document. Each paper kind implements it in its
/// lowering file and is listed once in [`crate::kinds::KINDS`].
pub trait Paper: std::fmt::Debug + Send + Sync {
    /// The paper as a document, with the figures and committee it names found through
    /// `resolve`. An empty list of problems means they were reported already (a figures file
    /// that failed).
    fn lower(
        &self,
        source: &SourceFile,
        resolve: &mut dyn Resolve,
    ) -> Result<Document, Vec<Diagnostic>>;

    /// What the paper itself says of being exempt, when it claims to be (anything but no), which
    /// an agenda presenting it must honour.
    fn claimed_exemption(&self) -> Option<&str> {
        None
    }

    /// For minutes: their committee, date and numbers, which run on from the minutes before.
    fn minute_numbering(&self) -> Option<MinuteNumbering<'_>> {
        None
    }

    /// What the paper's own front page says of its item, which the agenda must agree with.
    fn front_page(&self) -> FrontPage<'_> {
        FrontPage::default()
    }

    /// The recommendations an agenda prints under the paper's item when its committee asks
    /// (`agenda_recommendations: true`), each rendered as the paper renders it: written once,
    /// in the report. None for a paper that makes none.
    fn agenda_recommendations(
        &self,
        _source: &SourceFile,
        _resolve: &mut dyn Resolve,
    ) -> Result<Vec<Vec<Block>>, Vec<Diagnostic>> {
        Ok(Vec::new())
    }
}

/// How a set of minutes is numbered: its committee, its meeting's date, its first minute's
/// number and how many minutes it holds.
#[derive(Debug, Clone, Copy)]
pub struct MinuteNumbering<'a> {
    /// Path of the committee file, relative to the minutes.
    pub committee: &'a Spanned<String>,
    /// The meeting's date.
    pub date: crate::model::Date,
    /// The first minute's number.
    pub first: u32,
    /// How many minutes.
    pub count: u32,
}

/// What a report's front page says of its agenda item: whether it is exempt, and which
/// appendices it has, each where it is written.
#[derive(Debug, Default, Clone, Copy)]
pub struct FrontPage<'a> {
    /// Its answer to "exempt from the press and public?".
    pub exempt: Option<&'a Spanned<crate::content::common::Answer>>,
    /// The appendices it lists.
    pub appendices: Option<&'a Spanned<Vec<crate::content::cover_report::Appendix>>>,
}

/// What lowering a paper may ask of the build: the files the paper names, each read and
/// computed once per run, and what its narrative may refer to.
pub trait Resolve {
    /// The figures file `written` names in `from`, computed; `None` once its problems are
    /// reported.
    fn figures(&mut self, from: &SourceFile, written: &Spanned<String>) -> Option<Arc<Figures>>;
    /// The committee file `written` names in `from`; `None` once its problems are reported.
    fn committee(&mut self, from: &SourceFile, written: &Spanned<String>) -> Option<Committee>;
    /// The minutes and agenda items narrative may refer to.
    fn references(&self) -> &References;
    /// The house style the paper is lowered in: its meeting's committee's, or the run's.
    fn style(&self) -> &HouseStyle;
    /// What reads the pictures the paper's text shows (the run's, so each is read once).
    fn pictures(&self) -> Arc<PictureReader>;
    /// Where the warnings found in the paper's text go.
    fn warnings(&self) -> Warnings;
}

/// How the house style cites a minute and an agenda item in narrative.
pub fn citations(style: &HouseStyle) -> Citations {
    Citations {
        minute: style.labels.minute.as_str().to_string(),
        agenda_item: style.labels.agenda_item.as_str().to_string(),
    }
}

/// The narrative of a paper, with the figures it names (if any); `Err` (already reported) when
/// they cannot be computed.
pub fn narrative_with(
    resolve: &mut dyn Resolve,
    source: &SourceFile,
    figures: Option<&Spanned<String>>,
) -> Result<(Narrative, Option<Arc<Figures>>), Vec<Diagnostic>> {
    let mut references = resolve.references().clone();
    references.citations = citations(resolve.style());
    references.numbers = resolve.style().numbers.clone();
    let pictures = resolve.pictures();
    match figures {
        Some(written) => {
            let figures = resolve.figures(source, written).ok_or_else(Vec::new)?;
            let narrative = Narrative::with_figures(references, &figures, resolve.warnings())
                .with_pictures(pictures);
            Ok((narrative, Some(figures)))
        }
        None => Ok((
            Narrative::new(references, resolve.warnings()).with_pictures(pictures),
            None,
        )),
    }
}

/// Author text to blocks: the narrative rendered (references resolved), then the Markdown parsed,
/// each picture standing alone read and shown. A problem goes to `diagnostics` and gives no
/// blocks.
pub fn body_blocks<T>(
    narrative: &Narrative,
    source: &SourceFile,
    text: &str,
    at: Option<&Spanned<T>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    match narrative.render_str(text, source, at) {
        Ok(rendered) => {
            // Pictures are found in the file after the text's start, as typed.
            let start = at
                .and_then(|spanned| source.offset_of(spanned))
                .unwrap_or(0);
            let fallback =
                at.map_or_else(|| source.locate(""), |spanned| source.location_of(spanned));
            let reader = narrative.pictures();
            let mut show = |picture: &markdown::PictureReference<'_>| {
                let place = pictures::locate(
                    source,
                    start,
                    picture.typed,
                    &picture.path,
                    fallback.clone(),
                );
                pictures::picture_block(picture, reader, source, place, diagnostics)
            };
            markdown::parse_blocks_with_pictures(&rendered, &mut show)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            Vec::new()
        }
    }
}

/// "A, B and C" — or "A, B, and C" with `serial_comma`, as councillor lists are printed.
pub fn join_names(names: &[String], serial_comma: bool) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            let separator = if serial_comma { ", and " } else { " and " };
            format!("{}{separator}{last}", rest.join(", "))
        }
    }
}

/// The house style's printed form of a paragraph number: "2." for a section, "2.1", "3.2.1" below it.
pub fn number(parts: Vec<u32>) -> Number {
    let text = format::paragraph_number(&parts);
    Number { parts, text }
}

/// The largest part of a paragraph or minute number: far above any real one, far below overflow.
pub const MOST_NUMBER: u32 = 99_999;

/// Read a number written by an author ("2.4", "3.2.1", "4."), or `None` if it is not one (each
/// part from 1 to [`MOST_NUMBER`]).
pub fn parse_number(text: &str) -> Option<Vec<u32>> {
    let trimmed = text.trim().trim_end_matches('.');
    if trimmed.is_empty() {
        return None;
    }
    trimmed
        .split('.')
        .map(|part| {
            part.parse::<u32>()
                .ok()
                .filter(|n| (1..=MOST_NUMBER).contains(n))
        })
        .collect()
}

/// Counts numbered items in one container (a section or a sub-section).
///
/// An explicit number on an item resets the count, so later items continue from it, as a
/// report author renumbering by hand would expect.
#[derive(Debug, Clone)]
pub struct Counter {
    prefix: Vec<u32>,
    next: u32,
}

impl Counter {
    /// Items numbered `prefix.1`, `prefix.2`, …
    pub fn new(prefix: Vec<u32>) -> Self {
        Counter { prefix, next: 1 }
    }

    /// The next number, or `explicit` when the author gave one.
    pub fn next(&mut self, explicit: Option<Vec<u32>>) -> Vec<u32> {
        let parts = match explicit {
            Some(parts) => parts,
            None => {
                let mut parts = self.prefix.clone();
                parts.push(self.next);
                parts
            }
        };
        if let Some((last, prefix)) = parts.split_last() {
            self.prefix = prefix.to_vec();
            self.next = last.saturating_add(1);
        }
        parts
    }
}

/// The text with its first letter in capitals ("appendix 1" → "Appendix 1").
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A person's e-mail address as a link.
pub fn email_link(email: &str) -> Inline {
    Inline::Link {
        url: format!("mailto:{}", email.trim()),
        content: vec![Inline::text(email.trim())],
    }
}

/// A person as a paragraph: the first line from `first_line`, then the e-mail on its own line.
pub fn person_paragraph(person: &Person, first_line: String) -> Block {
    let mut content = vec![Inline::text(first_line)];
    if let Some(email) = &person.email {
        content.push(Inline::LineBreak);
        content.push(email_link(email));
    }
    if let Some(phone) = &person.phone {
        content.push(Inline::LineBreak);
        content.push(Inline::text(phone.clone()));
    }
    Block::Paragraph { content }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_in_house_style() {
        assert_eq!(number(vec![2]).text, "2.");
        assert_eq!(number(vec![2, 1]).text, "2.1");
        assert_eq!(number(vec![3, 2, 1]).text, "3.2.1");
    }

    #[test]
    fn parses_author_numbers() {
        assert_eq!(parse_number("2.4"), Some(vec![2, 4]));
        assert_eq!(parse_number("4."), Some(vec![4]));
        assert_eq!(parse_number("3.1.1"), Some(vec![3, 1, 1]));
        assert_eq!(parse_number("a.1"), None);
        assert_eq!(parse_number("2.0"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn counter_continues_after_an_explicit_number() {
        let mut counter = Counter::new(vec![2]);
        assert_eq!(counter.next(None), vec![2, 1]);
        assert_eq!(counter.next(None), vec![2, 2]);
        assert_eq!(counter.next(Some(vec![2, 4])), vec![2, 4]);
        assert_eq!(counter.next(None), vec![2, 5]);
        assert_eq!(counter.next(Some(vec![3, 1, 1])), vec![3, 1, 1]);
        assert_eq!(counter.next(None), vec![3, 1, 2]);
    }

    #[test]
    fn name_lists() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_names(&names(&["A", "B", "C"]), true), "A, B, and C");
        assert_eq!(join_names(&names(&["A", "B", "C"]), false), "A, B and C");
        assert_eq!(join_names(&names(&["A"]), true), "A");
    }
}
