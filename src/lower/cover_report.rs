//! Lowering a cover report in its house style's form: the front page's fields, the form's
//! sections with their standard wording, the fields a form places in a section, and numbering.

use serde_saphyr::Spanned;

use super::{Counter, body_blocks, number, parse_number, person_paragraph};
use crate::content::common::Person;
use crate::content::cover_report::{
    CoverReport, Numbering, Section, SectionItem, SectionParagraph, SubSection,
};
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location, did_you_mean};
use crate::model::{Block, Document, FieldRow, Inline, LabelledRow, Metadata};
use crate::narrative::Narrative;
use crate::style::{
    AppendixList, CoverReportForm, FormSection, FrontPageLabels, HouseStyle, ReportField,
};

/// Where a report's form comes from, for messages about what the form lacks.
const STYLE_OF_A_PAPER: &str = "the forms are its house style's: its committee's in a meeting, \
    the run's (--templates) when built on its own";

/// The title is the level-1 heading; sections sit below it.
const SECTION_LEVEL: u8 = 2;

impl super::Paper for CoverReport {
    fn lower(
        &self,
        source: &SourceFile,
        resolve: &mut dyn super::Resolve,
    ) -> Result<Document, Vec<Diagnostic>> {
        let (narrative, _) = super::narrative_with(resolve, source, self.figures.as_ref())?;
        lower_cover_report(self, source, &narrative, resolve.style())
    }

    fn claimed_exemption(&self) -> Option<&str> {
        CoverReport::claimed_exemption(self)
    }

    fn front_page(&self) -> super::FrontPage<'_> {
        super::FrontPage {
            exempt: self.exempt.as_ref(),
            appendices: self.appendices.as_ref(),
        }
    }

    fn agenda_recommendations(
        &self,
        source: &SourceFile,
        resolve: &mut dyn super::Resolve,
    ) -> Result<Vec<Vec<Block>>, Vec<Diagnostic>> {
        let Some(recommendations) = &self.recommendations else {
            return Ok(Vec::new());
        };
        let (narrative, _) = super::narrative_with(resolve, source, self.figures.as_ref())?;
        let mut problems = Vec::new();
        let rendered = recommendations
            .0
            .iter()
            .map(|paragraph| {
                body_blocks::<()>(&narrative, source, &paragraph.text, None, &mut problems)
            })
            .collect();
        if problems.is_empty() {
            Ok(rendered)
        } else {
            Err(problems)
        }
    }
}

/// The form `report` is built with: the one its `layout:` names, one that stands for it, or
/// the style's default; the name it was asked for.
fn chosen_form<'a>(
    report: &CoverReport,
    style: &'a HouseStyle,
    source: &SourceFile,
) -> Result<(&'a str, &'a CoverReportForm), Diagnostic> {
    let asked = report
        .layout
        .as_ref()
        .map_or(style.default_form.as_str(), |layout| {
            layout.value.0.as_str()
        });
    let found = style
        .cover_report
        .get_key_value(asked)
        .or_else(|| {
            style
                .cover_report
                .iter()
                .find(|(_, form)| form.stands_for.iter().any(|name| name == asked))
        })
        .map(|(name, form)| (name.as_str(), form));
    found.ok_or_else(|| {
        let forms: Vec<String> = style
            .cover_report
            .keys()
            .map(|name| format!("`{name}`"))
            .collect();
        let place = match &report.layout {
            Some(layout) => Location {
                length: asked.chars().count(),
                ..source.location_of(layout)
            },
            None => source.locate_key("kind"),
        };
        Diagnostic::error(format!(
            "the house style ({}) has no `{asked}` cover report form",
            style.council
        ))
        .at(place)
        .expected(format!("one of {}", forms.join(", ")))
        .hint("choose one of the style's forms with `layout:`, or add the form to its style.yaml")
    })
}

/// Lower a cover report to the document model, or return every problem found.
pub fn lower_cover_report(
    report: &CoverReport,
    source: &SourceFile,
    narrative: &Narrative,
    style: &HouseStyle,
) -> Result<Document, Vec<Diagnostic>> {
    let (form_name, form) = chosen_form(report, style, source).map_err(|problem| vec![problem])?;
    let mut lowering = Lowering {
        report,
        form,
        form_name,
        style,
        current_section: None,
        source,
        narrative,
        diagnostics: Vec::new(),
    };
    let blocks = lowering.blocks();
    if lowering.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(lowering.diagnostics);
    }
    let authors: Vec<String> = match (&report.authors, &report.accountable_officers) {
        (Some(authors), _) if !authors.0.is_empty() => {
            authors.0.iter().map(|a| a.name.clone()).collect()
        }
        (_, Some(officers)) => officers
            .value
            .0
            .iter()
            .map(|officer| officer.name.trim_end_matches(',').to_string())
            .collect(),
        _ => Vec::new(),
    };
    Ok(Document {
        metadata: Metadata {
            title: report.title.value.clone(),
            authors,
            description: Some(committee_and_date(report, style)),
            keywords: Vec::new(),
            date: report.meeting_date,
        },
        running_header: None,
        blocks,
    })
}

fn committee_and_date(report: &CoverReport, style: &HouseStyle) -> String {
    match report.meeting_date {
        Some(date) => format!(
            "{} – {}",
            report.committee,
            crate::format::date(date, &style.dates.long)
        ),
        None => report.committee.clone(),
    }
}

struct Lowering<'a> {
    report: &'a CoverReport,
    /// The house style's form the report is built with, and its name.
    form: &'a CoverReportForm,
    form_name: &'a str,
    /// The house style (its date patterns).
    style: &'a HouseStyle,
    /// The number of the section being written, for the fields it places.
    current_section: Option<u32>,
    source: &'a SourceFile,
    narrative: &'a Narrative,
    diagnostics: Vec<Diagnostic>,
}

impl Lowering<'_> {
    /// Text a reader needs (a title, a heading) must not be blank: PDF/UA forbids empty headings.
    fn require_text(&mut self, text: &Spanned<String>, what: &str, hint: &str) {
        if text.value.trim().is_empty() {
            self.diagnostics.push(
                Diagnostic::error(format!("{what} is empty"))
                    .at(self.source.location_of(text))
                    .hint(hint),
            );
        }
    }

    fn blocks(&mut self) -> Vec<Block> {
        let report = self.report;
        let mut blocks = Vec::new();
        self.require_text(
            &report.title,
            "the report title",
            "write the title as it should appear on the front page",
        );
        self.check_fields_have_a_place();
        self.check_sections_belong_to_form();
        let front_page = self.front_page();
        let has_front_page = !front_page.is_empty();
        if has_front_page {
            if let Some(logo) = &self.style.logo {
                blocks.push(Block::Logo {
                    alt: logo.alt.as_str().to_string(),
                });
            }
            if !self.form.banner.is_empty() {
                let committee = [("committee", report.committee.as_str())];
                blocks.push(Block::Banner {
                    lines: self
                        .form
                        .banner
                        .iter()
                        .map(|line| line.fill(&committee))
                        .collect(),
                });
            }
            blocks.push(Block::FieldTable {
                rows: front_page,
                beside: self.form.front_page_labels == FrontPageLabels::Beside,
            });
            blocks.push(Block::PageBreak);
        }
        match &self.form.title_heading {
            Some(heading) => blocks.push(Block::Heading {
                level: 1,
                number: None,
                content: vec![Inline::text(
                    heading.fill(&[("title", report.title.value.as_str())]),
                )],
            }),
            None if !has_front_page => blocks.push(Block::Heading {
                level: 1,
                number: None,
                content: vec![Inline::text(report.title.value.clone())],
            }),
            None => {}
        }
        let mut section_number = 0;
        // A section's numbers, which its sub-sections count on from after its own paragraphs.
        let mut parent = Counter::new(Vec::new());
        let sections = &self.form.sections;
        for (index, section) in sections.iter().enumerate() {
            let sub_sections: Vec<&FormSection> = match section.level {
                1 => sections[index + 1..]
                    .iter()
                    .take_while(|next| next.level > 1)
                    .collect(),
                _ => Vec::new(),
            };
            let printed_below = sub_sections.iter().any(|sub| self.prints(sub));
            if !self.prints(section) && !printed_below {
                continue;
            }
            let below_has_content = sub_sections.iter().any(|sub| self.has_content(sub));
            if section.level <= 1 {
                section_number += 1;
                parent = self.section(
                    section,
                    vec![section_number],
                    below_has_content,
                    &mut blocks,
                );
            } else {
                let parts = parent.next(None);
                self.section(section, parts, false, &mut blocks);
            }
        }
        if let Some(closing) = &self.form.closing {
            blocks.push(Block::plain(closing.as_str()));
        }
        blocks
    }

    /// Whether a section is printed for its own sake: it must be, has standard wording, or the
    /// report wrote it or gave a field it places. (A heading over sub-sections is printed when
    /// one of them is.)
    fn prints(&self, section: &FormSection) -> bool {
        section.is_required() || section.standard.is_some() || self.has_content(section)
    }

    /// One of the form's sections: its heading, the fields it places, then what the report
    /// wrote under its key and the keys it also takes; or its standard wording, unless its
    /// sub-sections say something. Returns its numbering, for sub-sections to count on from.
    fn section(
        &mut self,
        section: &FormSection,
        parts: Vec<u32>,
        below_has_content: bool,
        blocks: &mut Vec<Block>,
    ) -> Counter {
        let report = self.report;
        let numbered = self.form.numbered;
        let heading_level = SECTION_LEVEL + section.level.saturating_sub(1).min(1);
        self.current_section = parts.first().copied();
        let own = report.sections.value.get(&section.key);
        let heading = match own.and_then(|written| written.value.heading.as_ref()) {
            Some(heading) => {
                self.require_text(
                    heading,
                    "a section heading",
                    "write the heading, or remove `heading:` to use the standard one",
                );
                heading.value.clone()
            }
            None => section.heading.as_str().to_string(),
        };
        blocks.push(Block::Heading {
            level: heading_level,
            number: numbered.then(|| number(parts.clone())),
            content: vec![Inline::text(heading)],
        });
        let mut fields_given = false;
        for placed in &section.fields {
            let Some(content) = self.field_blocks(placed.field) else {
                continue;
            };
            fields_given = true;
            if let Some(label) = &placed.label {
                blocks.push(Block::Paragraph {
                    content: vec![Inline::Strong {
                        content: vec![Inline::text(label.as_str())],
                    }],
                });
            }
            blocks.extend(content);
        }
        let mut counter = Counter::new(parts);
        let mut written = own.is_some();
        if let Some(own) = own {
            self.section_items(&own.value, &mut counter, heading_level + 1, blocks);
        }
        for key in &section.also {
            let Some(taken) = report.sections.value.get(key) else {
                continue;
            };
            written = true;
            // A heading the author gave a section of another form stays, below this one's.
            if let Some(heading) = &taken.value.heading {
                blocks.push(Block::Heading {
                    level: heading_level + 1,
                    number: None,
                    content: vec![Inline::text(heading.value.clone())],
                });
            }
            self.section_items(&taken.value, &mut counter, heading_level + 1, blocks);
        }
        // Written once, in the field the form also prints elsewhere, numbered in this section.
        let from_field = match section.or_field {
            Some(field) if !(written || fields_given || below_has_content) => {
                self.field_blocks(field)
            }
            _ => None,
        };
        self.current_section = None;
        if written || fields_given || below_has_content {
            return counter;
        }
        if let Some(content) = from_field {
            blocks.extend(content);
            return counter;
        }
        if let Some(standard) = &section.standard {
            let standard = Block::plain(standard.as_str());
            if numbered {
                blocks.push(Block::Numbered {
                    number: number(counter.next(None)),
                    blocks: vec![standard],
                });
            } else {
                blocks.push(standard);
            }
        } else if section.is_required() {
            self.diagnostics.push(self.missing(section));
        }
        counter
    }

    /// Whether the report wrote `section` (under its key or one it takes) or gives a field it
    /// places.
    fn has_content(&self, section: &FormSection) -> bool {
        let sections = &self.report.sections.value;
        std::iter::once(&section.key)
            .chain(&section.also)
            .any(|key| sections.get(key).is_some())
            || section.fields.iter().any(|placed| self.gives(placed.field))
            || section.or_field.is_some_and(|field| self.gives(field))
    }

    /// A required section the report left out: what to write, and where.
    fn missing(&self, section: &FormSection) -> Diagnostic {
        let fields: Vec<&str> = section.fields.iter().map(|f| f.field.name()).collect();
        let place = match fields.first() {
            Some(_) => self.source.locate_key("kind"),
            None => self.source.location_of(&self.report.sections),
        };
        let hint = match fields.as_slice() {
            [] => format!(
                "add `{}:` under `sections:` with its paragraphs",
                section.key
            ),
            [field, ..] => format!(
                "give `{field}:`, or add `{}:` under `sections:` with its paragraphs",
                section.key
            ),
        };
        Diagnostic::error(format!(
            "missing section `{}` (\"{}\"): the {} form has no standard wording for it",
            section.key,
            section.heading.as_str(),
            self.form_name
        ))
        .at(place)
        .hint(hint)
    }

    /// Sections written under a key the chosen form neither has nor takes.
    fn check_sections_belong_to_form(&mut self) {
        let keys: Vec<&str> = self
            .form
            .sections
            .iter()
            .flat_map(|section| {
                std::iter::once(section.key.as_str()).chain(section.also.iter().map(String::as_str))
            })
            .collect();
        for (key, section) in &self.report.sections.value.0 {
            if keys.contains(&key.as_str()) {
                continue;
            }
            let expected = self
                .form
                .sections
                .iter()
                .map(|section| format!("`{}`", section.key))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match did_you_mean(key, keys.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!(
                    "remove it, or choose the form that has it with `layout:`; {STYLE_OF_A_PAPER}"
                ),
            };
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "section `{key}` is not part of the {} form",
                    self.form_name
                ))
                .at(self.place_of_key(key, section))
                .expected(format!("one of {expected}"))
                .hint(hint),
            );
        }
    }

    /// Fields the report gives that the form places neither on its front page nor in a
    /// section: printing them nowhere would lose what the author wrote.
    fn check_fields_have_a_place(&mut self) {
        let placed: Vec<ReportField> = self
            .form
            .front_page
            .iter()
            .map(|entry| entry.field)
            .chain(
                self.form
                    .sections
                    .iter()
                    .flat_map(|section| section.fields.iter().map(|placed| placed.field)),
            )
            .collect();
        let offered = placed
            .iter()
            .map(|field| format!("`{}`", field.name()))
            .collect::<Vec<_>>()
            .join(", ");
        for field in ReportField::ALL {
            // The committee, date and title are the report's own: every form prints them.
            let always_printed = matches!(
                field,
                ReportField::CommitteeAndDate
                    | ReportField::Committee
                    | ReportField::MeetingDate
                    | ReportField::Title
            );
            if always_printed || placed.contains(&field) || !self.gives(field) {
                continue;
            }
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "the {} form has no place for `{}`",
                    self.form_name,
                    field.name()
                ))
                .at(self.source.locate_key(field.name()))
                .expected(format!("one of {offered}"))
                .hint(format!(
                    "remove it, or choose a form that has it with `layout:`; {STYLE_OF_A_PAPER}"
                )),
            );
        }
    }

    /// Whether the report gives `field`.
    fn gives(&self, field: ReportField) -> bool {
        let report = self.report;
        match field {
            ReportField::CommitteeAndDate | ReportField::Committee | ReportField::Title => true,
            ReportField::MeetingDate => report.meeting_date.is_some(),
            ReportField::KeyDecision => report.key_decision.is_some(),
            ReportField::StrategicDirector => report.strategic_director.is_some(),
            ReportField::PortfolioHolder => report.portfolio_holder.is_some(),
            ReportField::Authors => report.authors.is_some(),
            ReportField::Wards => report.wards.is_some(),
            ReportField::Summary => report.summary.is_some(),
            ReportField::Recommendations => report.recommendations.is_some(),
            ReportField::Appendices => report.appendices.is_some(),
            ReportField::BackgroundPapers => report.background_papers.is_some(),
            ReportField::OtherConsideration => report.other_consideration.is_some(),
            ReportField::CouncilApprovalRequired => report.council_approval_required.is_some(),
            ReportField::Exempt => report.exempt.is_some(),
            ReportField::CallIn => report.call_in.is_some(),
            ReportField::AccountableOfficers => report.accountable_officers.is_some(),
        }
    }
    /// Where the key `key:` of the section `section` is written under `sections:` (the key, not
    /// its paragraphs), or the section's own place.
    fn place_of_key(&self, key: &str, section: &Spanned<Section>) -> Location {
        let sections = &self.report.sections;
        let place = self.source.locate_from(sections, &format!("{key}:"));
        if place.line < self.source.location_of(section).line {
            Location {
                length: key.chars().count(),
                ..place
            }
        } else {
            self.source.location_of(section)
        }
    }

    /// A written section's paragraphs and sub-sections, sub-headings at `sub_heading_level`.
    fn section_items(
        &mut self,
        section: &Section,
        counter: &mut Counter,
        sub_heading_level: u8,
        blocks: &mut Vec<Block>,
    ) {
        for item in &section.items {
            match &item.value {
                SectionItem::Paragraph(paragraph) => {
                    self.paragraph(item, paragraph, counter, blocks);
                }
                SectionItem::SubSection(sub_section) => {
                    self.sub_section(item, sub_section, counter, sub_heading_level, blocks);
                }
            }
        }
    }

    /// The number set by hand on an item, as parts; `Err` once a number that cannot be read
    /// has been reported.
    fn given_number<T>(
        &mut self,
        numbering: &Numbering,
        spanned: &Spanned<T>,
    ) -> Result<Option<Vec<u32>>, ()> {
        let Numbering::Given(text) = numbering else {
            return Ok(None);
        };
        if !self.form.numbered {
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "the {} form does not number its paragraphs, so `number: \"{text}\"` would not print",
                    self.form_name
                ))
                .at(self.source.location_of(spanned))
                .hint("remove `number:`"),
            );
            return Err(());
        }
        match parse_number(text) {
            Some(parts) => Ok(Some(parts)),
            None => {
                self.diagnostics.push(
                    Diagnostic::error(format!("`{text}` is not a paragraph number"))
                        .at(self.source.location_of(spanned))
                        .expected("numbers joined by dots, e.g. \"2.4\" or \"3.2.1\""),
                );
                Err(())
            }
        }
    }

    /// A sub-heading, numbered in turn (an unnumbered one still takes its number, so that its
    /// paragraphs count on below it), then its paragraphs.
    fn sub_section(
        &mut self,
        spanned: &Spanned<SectionItem>,
        sub_section: &SubSection,
        counter: &mut Counter,
        level: u8,
        blocks: &mut Vec<Block>,
    ) {
        let Ok(explicit) = self.given_number(&sub_section.numbering, spanned) else {
            return;
        };
        let parts = counter.next(explicit);
        blocks.push(Block::Heading {
            level,
            number: (self.form.numbered && sub_section.numbering != Numbering::Unnumbered)
                .then(|| number(parts.clone())),
            content: vec![Inline::text(sub_section.heading.clone())],
        });
        let mut sub_counter = Counter::new(parts);
        for paragraph in &sub_section.paragraphs {
            self.paragraph(paragraph, &paragraph.value, &mut sub_counter, blocks);
        }
    }

    /// A paragraph, numbered in turn unless `numbered: false`.
    fn paragraph<T>(
        &mut self,
        spanned: &Spanned<T>,
        paragraph: &SectionParagraph,
        counter: &mut Counter,
        blocks: &mut Vec<Block>,
    ) {
        let Ok(explicit) = self.given_number(&paragraph.numbering, spanned) else {
            return;
        };
        let errors_before = self.diagnostics.len();
        let body = body_blocks(
            self.narrative,
            self.source,
            &paragraph.text,
            Some(spanned),
            &mut self.diagnostics,
        );
        if self.diagnostics.len() > errors_before {
            return;
        }
        if body.is_empty() {
            self.diagnostics.push(
                Diagnostic::error("empty paragraph")
                    .at(self.source.location_of(spanned))
                    .hint("write its text, or remove it"),
            );
            return;
        }
        if paragraph.numbering == Numbering::Unnumbered || !self.form.numbered {
            blocks.extend(body);
        } else {
            blocks.push(Block::Numbered {
                number: number(counter.next(explicit)),
                blocks: body,
            });
        }
    }

    /// Summary and recommendation paragraphs, numbered `1.1`, `2.1`… when the form says so (on
    /// the front page, the summary counts as 1 and the recommendations as 2; in a section, as
    /// that section).
    fn front_page_paragraphs(&mut self, texts: &[&str], section: u32) -> Vec<Block> {
        let mut counter = Counter::new(vec![self.current_section.unwrap_or(section)]);
        let mut blocks = Vec::new();
        for text in texts {
            let body = body_blocks::<()>(
                self.narrative,
                self.source,
                text,
                None,
                &mut self.diagnostics,
            );
            if self.form.numbered_summary {
                blocks.push(Block::Numbered {
                    number: number(counter.next(None)),
                    blocks: body,
                });
            } else {
                blocks.extend(body);
            }
        }
        blocks
    }

    /// The title in the front page's title row: the document's first level-1 heading, set like
    /// the row's text, so that a reader's first page has a heading (a form with a title
    /// heading after the front page, as the 2020 one, repeats the title there, at level 1 too).
    fn front_page_title(&self) -> Block {
        Block::FieldHeading {
            level: 1,
            content: vec![Inline::text(self.report.title.value.clone())],
        }
    }

    /// The front page's fields; empty when the author gave none but the committee, date and title.
    fn front_page(&mut self) -> Vec<FieldRow> {
        let given = self.form.front_page.iter().any(|entry| {
            !matches!(
                entry.field,
                ReportField::CommitteeAndDate
                    | ReportField::Committee
                    | ReportField::MeetingDate
                    | ReportField::Title
            ) && self.gives(entry.field)
        });
        if !given {
            return Vec::new();
        }
        let mut rows = Vec::new();
        for entry in &self.form.front_page {
            let Some(blocks) = self.field_blocks(entry.field) else {
                continue;
            };
            let one = entry.field == ReportField::Recommendations
                && self
                    .report
                    .recommendations
                    .as_ref()
                    .is_some_and(|given| given.0.len() == 1);
            let label = match (&entry.label_one, one) {
                (Some(label_one), true) => label_one,
                _ => &entry.label,
            };
            rows.push(FieldRow {
                label: label.as_str().to_string(),
                blocks,
            });
        }
        rows
    }

    /// What a field prints, or `None` when the report does not give it.
    fn field_blocks(&mut self, field: ReportField) -> Option<Vec<Block>> {
        let report = self.report;
        // A field's web or email address is a working link.
        let plain = |text: &str| {
            Some(vec![Block::Paragraph {
                content: crate::markdown::linkify(text),
            }])
        };
        match field {
            ReportField::CommitteeAndDate => plain(&committee_and_date(report, self.style)),
            ReportField::Committee => plain(&report.committee),
            ReportField::MeetingDate => report
                .meeting_date
                .and_then(|date| plain(&crate::format::date(date, &self.style.dates.long))),
            ReportField::Title => Some(vec![self.front_page_title()]),
            ReportField::KeyDecision => report.key_decision.as_ref().and_then(|a| plain(&a.0)),
            ReportField::StrategicDirector => report.strategic_director.as_deref().and_then(plain),
            ReportField::PortfolioHolder => report.portfolio_holder.as_deref().and_then(plain),
            ReportField::Wards => report.wards.as_deref().and_then(plain),
            ReportField::CouncilApprovalRequired => report
                .council_approval_required
                .as_ref()
                .and_then(|a| plain(&a.0)),
            ReportField::Exempt => report.exempt.as_ref().and_then(|a| plain(&a.value.0)),
            ReportField::CallIn => report.call_in.as_ref().and_then(|a| plain(&a.0)),
            ReportField::Authors => report.authors.as_ref().map(|authors| {
                authors
                    .0
                    .iter()
                    .map(|author| person_paragraph(author, self.author_line(author)))
                    .collect()
            }),
            ReportField::Summary => {
                let summary = report.summary.as_ref()?;
                let texts: Vec<&str> = summary.0.iter().map(|p| p.text.as_str()).collect();
                Some(self.front_page_paragraphs(&texts, 1))
            }
            ReportField::Recommendations => {
                let recommendations = report.recommendations.as_ref()?;
                let texts: Vec<&str> = recommendations.0.iter().map(|p| p.text.as_str()).collect();
                Some(self.front_page_paragraphs(&texts, 2))
            }
            ReportField::Appendices => report
                .appendices
                .as_ref()
                .map(|appendices| self.appendix_blocks(&appendices.value)),
            ReportField::BackgroundPapers => report.background_papers.as_ref().map(|papers| {
                if papers.0.is_empty() {
                    vec![Block::plain(self.style.labels.none.as_str())]
                } else {
                    papers
                        .0
                        .iter()
                        .map(|paper| Block::plain(paper.clone()))
                        .collect()
                }
            }),
            ReportField::OtherConsideration => {
                report.other_consideration.as_ref().map(|consideration| {
                    if consideration.trim().is_empty() {
                        Vec::new()
                    } else {
                        vec![Block::plain(consideration.clone())]
                    }
                })
            }
            ReportField::AccountableOfficers => {
                let officers = report.accountable_officers.as_ref()?;
                if officers.value.0.is_empty() {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "`accountable_officers` is empty: the form names at least one",
                        )
                        .at(self.source.location_of(officers))
                        .hint("list each officer with `name`, `role` and `email`"),
                    );
                }
                Some(
                    officers
                        .value
                        .0
                        .iter()
                        .map(|officer| person_paragraph(officer, name_and_role(officer)))
                        .collect(),
                )
            }
        }
    }

    /// The appendices as the form lists them; "None" for an empty list.
    fn appendix_blocks(&self, appendices: &[crate::content::cover_report::Appendix]) -> Vec<Block> {
        let labels = &self.style.labels;
        if appendices.is_empty() {
            return vec![Block::plain(labels.none.as_str())];
        }
        let labelled = appendices.iter().enumerate().map(|(index, appendix)| {
            let label = appendix
                .label
                .clone()
                .unwrap_or_else(|| (index + 1).to_string());
            (
                format!("{} {label}", labels.appendix.as_str()),
                appendix.title.clone(),
            )
        });
        match self.form.appendices {
            AppendixList::Table => vec![Block::LabelledList {
                rows: labelled
                    .map(|(label, title)| LabelledRow {
                        label,
                        content: vec![Inline::text(title)],
                    })
                    .collect(),
            }],
            AppendixList::Lines => labelled
                .map(|(label, title)| Block::plain(format!("{label} – {title}")))
                .collect(),
        }
    }

    /// An author as the form names one: "Rebecca Wall – Head of Service".
    fn author_line(&self, author: &Person) -> String {
        match &author.role {
            Some(role) => self
                .form
                .author
                .fill(&[("name", author.name.as_str()), ("role", role.as_str())]),
            None => author.name.clone(),
        }
    }
}

/// "Sharon Sandell, Head of Children in Care".
fn name_and_role(person: &Person) -> String {
    match &person.role {
        Some(role) => format!("{}, {role}", person.name),
        None => person.name.clone(),
    }
}
