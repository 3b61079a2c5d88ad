//! Lowering a cover report: the Public Report form's fields, standard sections, default wording and numbering.

use serde_saphyr::Spanned;

use super::{Counter, body_blocks, number, parse_number, person_paragraph};
use crate::content::common::Person;
use crate::content::cover_report::{
    CoverReport, Layout, Numbering, Section, SectionItem, SectionParagraph, SubSection,
};
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location, did_you_mean};
use crate::format::long_date;
use crate::model::{Block, Document, FieldRow, Inline, LabelledRow, Metadata};
use crate::narrative::Narrative;
use crate::style::{CoverReportForm, HouseStyle, Words};

/// A standard section of the form: its key, printed heading and the wording used when the author
/// writes none (from the house style's form).
struct StandardSection<'a> {
    key: &'a str,
    heading: &'a str,
    default: Option<&'a str>,
}

/// The sections of `form`, in their numbered order.
fn standard_sections(form: &CoverReportForm) -> Vec<StandardSection<'_>> {
    form.sections
        .iter()
        .map(|section| StandardSection {
            key: section.key.as_str(),
            heading: section.heading.as_str(),
            default: section.standard.as_ref().map(Words::as_str),
        })
        .collect()
}

/// The title is the level-1 heading; numbered sections sit below it.
const SECTION_LEVEL: u8 = 2;

fn layout_name(layout: Layout) -> &'static str {
    match layout {
        Layout::Current2022 => "2022",
        Layout::Summary2020 => "2020",
    }
}

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
}

/// Lower a cover report to the document model, or return every problem found.
pub fn lower_cover_report(
    report: &CoverReport,
    source: &SourceFile,
    narrative: &Narrative,
    style: &HouseStyle,
) -> Result<Document, Vec<Diagnostic>> {
    let name = layout_name(report.layout);
    let Some(form) = style.cover_report.get(name) else {
        let forms: Vec<&str> = style.cover_report.keys().map(String::as_str).collect();
        return Err(vec![
            Diagnostic::error(format!(
                "the house style ({}) has no `{name}` cover report form",
                style.council
            ))
            .at(source.locate_key("layout"))
            .expected(forms.join(", "))
            .hint(
                "choose one of the style's forms with `layout:`, or add the form to its style.yaml",
            ),
        ]);
    };
    let mut lowering = Lowering {
        report,
        form,
        source,
        narrative,
        diagnostics: Vec::new(),
    };
    let blocks = lowering.blocks();
    if lowering.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(lowering.diagnostics);
    }
    let authors: Vec<String> = match &report.authors {
        Some(authors) if !authors.0.is_empty() => {
            authors.0.iter().map(|a| a.name.clone()).collect()
        }
        _ => report
            .accountable_officers
            .value
            .0
            .iter()
            .map(|officer| officer.name.trim_end_matches(',').to_string())
            .collect(),
    };
    Ok(Document {
        metadata: Metadata {
            title: report.title.value.clone(),
            authors,
            description: Some(committee_and_date(report)),
            date: report.meeting_date,
        },
        running_header: None,
        blocks,
    })
}

fn committee_and_date(report: &CoverReport) -> String {
    match report.meeting_date {
        Some(date) => format!("{} – {}", report.committee, long_date(date)),
        None => report.committee.clone(),
    }
}

struct Lowering<'a> {
    report: &'a CoverReport,
    /// The house style's form for the report's layout.
    form: &'a CoverReportForm,
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
        let front_page = self.front_page();
        let has_front_page = !front_page.is_empty();
        if has_front_page {
            blocks.push(Block::Banner {
                lines: vec!["Public Report".to_string(), report.committee.clone()],
            });
            blocks.push(Block::FieldTable { rows: front_page });
            blocks.push(Block::PageBreak);
        }
        match report.layout {
            Layout::Summary2020 => blocks.push(Block::Heading {
                level: 1,
                number: None,
                content: vec![Inline::text(format!("Title: {}", report.title.value))],
            }),
            Layout::Current2022 if !has_front_page => blocks.push(Block::Heading {
                level: 1,
                number: None,
                content: vec![Inline::text(report.title.value.clone())],
            }),
            Layout::Current2022 => {}
        }
        self.check_sections_belong_to_layout();
        let standard = standard_sections(self.form);
        for (index, standard) in standard.iter().enumerate() {
            let section_number = vec![index as u32 + 1];
            let written = report.sections.value.get(standard.key);
            let heading = match written.and_then(|section| section.value.heading.as_ref()) {
                Some(heading) => {
                    self.require_text(
                        heading,
                        "a section heading",
                        "write the heading, or remove `heading:` to use the standard one",
                    );
                    heading.value.clone()
                }
                None => standard.heading.to_string(),
            };
            blocks.push(Block::Heading {
                level: SECTION_LEVEL,
                number: Some(number(section_number.clone())),
                content: vec![Inline::text(heading)],
            });
            let mut counter = Counter::new(section_number);
            match (written, standard.default) {
                (Some(section), _) => self.section_items(&section.value, &mut counter, &mut blocks),
                (None, Some(default)) => blocks.push(Block::Numbered {
                    number: number(counter.next(None)),
                    blocks: vec![Block::plain(default)],
                }),
                (None, None) => self.diagnostics.push(
                    Diagnostic::error(format!(
                        "missing section `{}` (\"{}\"): the {} form has no standard wording for it",
                        standard.key,
                        standard.heading,
                        layout_name(report.layout)
                    ))
                    .at(self.source.location_of(&report.sections))
                    .hint(format!(
                        "add `{}:` under `sections:` with its paragraphs",
                        standard.key
                    )),
                ),
            }
        }
        blocks.push(Block::Heading {
            level: SECTION_LEVEL,
            number: Some(number(vec![standard.len() as u32 + 1])),
            content: vec![Inline::text(self.form.accountable_officers.as_str())],
        });
        if report.accountable_officers.value.0.is_empty() {
            self.diagnostics.push(
                Diagnostic::error("`accountable_officers` is empty: the form names at least one")
                    .at(self.source.location_of(&report.accountable_officers))
                    .hint("list each officer with `name`, `role` and `email`"),
            );
        }
        for officer in &report.accountable_officers.value.0 {
            blocks.push(person_paragraph(officer, name_and_role(officer)));
        }
        if let Some(closing) = &self.form.closing {
            blocks.push(Block::plain(closing.as_str()));
        }
        blocks
    }

    /// Sections written under a key the chosen layout does not have.
    fn check_sections_belong_to_layout(&mut self) {
        let layout = self.report.layout;
        let standard = standard_sections(self.form);
        let keys: Vec<&str> = standard.iter().map(|s| s.key).collect();
        for (key, section) in &self.report.sections.value.0 {
            if keys.contains(&key.as_str()) {
                continue;
            }
            let expected = keys
                .iter()
                .map(|key| format!("`{key}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match did_you_mean(key, keys.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => "remove it, or choose the layout that has it with `layout:`".to_string(),
            };
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "section `{key}` is not part of the {} layout",
                    layout_name(layout)
                ))
                .at(self.place_of_key(key, section))
                .expected(format!("one of {expected}"))
                .hint(hint),
            );
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

    fn section_items(&mut self, section: &Section, counter: &mut Counter, blocks: &mut Vec<Block>) {
        for item in &section.items {
            match &item.value {
                SectionItem::Paragraph(paragraph) => {
                    self.paragraph(item, paragraph, counter, blocks);
                }
                SectionItem::SubSection(sub_section) => {
                    self.sub_section(item, sub_section, counter, blocks);
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
        blocks: &mut Vec<Block>,
    ) {
        let Ok(explicit) = self.given_number(&sub_section.numbering, spanned) else {
            return;
        };
        let parts = counter.next(explicit);
        blocks.push(Block::Heading {
            level: SECTION_LEVEL + 1,
            number: (sub_section.numbering != Numbering::Unnumbered).then(|| number(parts.clone())),
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
        if paragraph.numbering == Numbering::Unnumbered {
            blocks.extend(body);
        } else {
            blocks.push(Block::Numbered {
                number: number(counter.next(explicit)),
                blocks: body,
            });
        }
    }

    /// Summary and recommendation paragraphs: plain in 2022, numbered `1.1`, `2.1`… in 2020.
    fn front_page_paragraphs(&mut self, texts: &[&str], section: u32) -> Vec<Block> {
        let mut counter = Counter::new(vec![section]);
        let mut blocks = Vec::new();
        for text in texts {
            let body = body_blocks::<()>(
                self.narrative,
                self.source,
                text,
                None,
                &mut self.diagnostics,
            );
            match self.report.layout {
                Layout::Current2022 => blocks.extend(body),
                Layout::Summary2020 => blocks.push(Block::Numbered {
                    number: number(counter.next(None)),
                    blocks: body,
                }),
            }
        }
        blocks
    }

    /// The title in the front page's "Report Title" row. In the 2022 form that row is where the
    /// title appears, so it is the document's level-1 heading, set like the row's text.
    fn front_page_title(&self) -> Block {
        let content = vec![Inline::text(self.report.title.value.clone())];
        match self.report.layout {
            Layout::Current2022 => Block::FieldHeading { level: 1, content },
            Layout::Summary2020 => Block::Paragraph { content },
        }
    }

    /// The front page's headed fields; empty when the author gave none of them.
    fn front_page(&mut self) -> Vec<FieldRow> {
        let report = self.report;
        let layout = report.layout;
        let given = report.key_decision.is_some()
            || report.strategic_director.is_some()
            || report.authors.is_some()
            || report.wards.is_some()
            || report.summary.is_some()
            || report.recommendations.is_some()
            || report.appendices.is_some()
            || report.background_papers.is_some()
            || report.other_consideration.is_some()
            || report.council_approval_required.is_some()
            || report.exempt.is_some();
        if !given {
            return Vec::new();
        }
        let labels = &self.form.front_page;
        let mut rows = vec![
            row(
                labels.committee_and_date.as_str(),
                vec![Block::plain(committee_and_date(report))],
            ),
            row(labels.title.as_str(), vec![self.front_page_title()]),
        ];
        if let Some(answer) = &report.key_decision {
            rows.push(row(
                labels.key_decision.as_str(),
                vec![Block::plain(answer.0.clone())],
            ));
        }
        if let Some(director) = &report.strategic_director {
            rows.push(row(
                labels.strategic_director.as_str(),
                vec![Block::plain(director.clone())],
            ));
        }
        if let Some(authors) = &report.authors {
            let blocks = authors
                .0
                .iter()
                .map(|author| person_paragraph(author, author_line(author, layout)))
                .collect();
            rows.push(row(labels.authors.as_str(), blocks));
        }
        if let Some(wards) = &report.wards {
            rows.push(row(
                labels.wards.as_str(),
                vec![Block::plain(wards.clone())],
            ));
        }
        if let Some(summary) = &report.summary {
            let label = labels.summary.as_str();
            let texts: Vec<&str> = summary.0.iter().map(|p| p.text.as_str()).collect();
            rows.push(row(label, self.front_page_paragraphs(&texts, 1)));
        }
        if let Some(recommendations) = &report.recommendations {
            let label = match recommendations.0.len() {
                1 => labels.recommendation.as_str(),
                _ => labels.recommendations.as_str(),
            };
            let texts: Vec<&str> = recommendations.0.iter().map(|p| p.text.as_str()).collect();
            rows.push(row(label, self.front_page_paragraphs(&texts, 2)));
        }
        if let Some(appendices) = &report.appendices {
            let blocks = if appendices.is_empty() {
                vec![Block::plain("None")]
            } else {
                let labelled = appendices.iter().enumerate().map(|(index, appendix)| {
                    let label = appendix
                        .label
                        .clone()
                        .unwrap_or_else(|| (index + 1).to_string());
                    (format!("Appendix {label}"), appendix.title.clone())
                });
                match layout {
                    Layout::Current2022 => vec![Block::LabelledList {
                        rows: labelled
                            .map(|(label, title)| LabelledRow {
                                label,
                                content: vec![Inline::text(title)],
                            })
                            .collect(),
                    }],
                    Layout::Summary2020 => labelled
                        .map(|(label, title)| Block::plain(format!("{label} – {title}")))
                        .collect(),
                }
            };
            rows.push(row(labels.appendices.as_str(), blocks));
        }
        if let Some(papers) = &report.background_papers {
            let blocks = if papers.0.is_empty() {
                vec![Block::plain("None")]
            } else {
                papers
                    .0
                    .iter()
                    .map(|paper| Block::plain(paper.clone()))
                    .collect()
            };
            rows.push(row(labels.background_papers.as_str(), blocks));
        }
        if let Some(consideration) = &report.other_consideration {
            let blocks = if consideration.trim().is_empty() {
                Vec::new()
            } else {
                vec![Block::plain(consideration.clone())]
            };
            rows.push(row(labels.other_consideration.as_str(), blocks));
        }
        if let Some(answer) = &report.council_approval_required {
            rows.push(row(
                labels.council_approval_required.as_str(),
                vec![Block::plain(answer.0.clone())],
            ));
        }
        if let Some(answer) = &report.exempt {
            rows.push(row(
                labels.exempt.as_str(),
                vec![Block::plain(answer.0.clone())],
            ));
        }
        rows
    }
}

fn row(label: &str, blocks: Vec<Block>) -> FieldRow {
    FieldRow {
        label: label.to_string(),
        blocks,
    }
}

/// "Rebecca Wall – Head of Service" (2022) or "Rebecca Wall (Head of Service)" (2020).
fn author_line(author: &Person, layout: Layout) -> String {
    match (&author.role, layout) {
        (Some(role), Layout::Current2022) => format!("{} – {role}", author.name),
        (Some(role), Layout::Summary2020) => format!("{} ({role})", author.name),
        (None, _) => author.name.clone(),
    }
}

/// "Sharon Sandell, Head of Children in Care".
fn name_and_role(person: &Person) -> String {
    match &person.role {
        Some(role) => format!("{}, {role}", person.name),
        None => person.name.clone(),
    }
}
