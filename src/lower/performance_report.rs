//! Lowering a performance data report: the cover, the indicator table (grouped, with RAG and
//! direction of travel in colour and in words) and charts with text alternatives, all from the
//! report's figures.

use serde_saphyr::Spanned;

use super::body_blocks;
use super::charts::axis;
use crate::content::figures::Polarity;
use crate::content::figures::Unit;
use crate::content::performance_report::{ChartDefinition, ChartKindName, PerformanceReport};
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::figures::measures::{Direction, Rag};
use crate::figures::period::Month;
use crate::figures::{Figures, Indicator};
use crate::format;
use crate::model::{
    Block, Cell, Chart, ChartKind, ChartNumbers, ChartReference, ChartSeries, Document, Inline,
    LabelledRow, Metadata, Table, TableRow, Tone,
};
use crate::narrative::Narrative;
use crate::style::{HouseStyle, IndicatorColumn, NumberStyle, TableStyle};

impl super::Paper for PerformanceReport {
    fn lower(
        &self,
        source: &SourceFile,
        resolve: &mut dyn super::Resolve,
    ) -> Result<Document, Vec<Diagnostic>> {
        let (narrative, figures) = super::narrative_with(resolve, source, Some(&self.figures))?;
        let figures = figures.ok_or_else(Vec::new)?;
        lower_performance_report(self, source, &figures, &narrative, resolve.style())
    }
}

/// Lower a performance report, or return every problem found.
pub fn lower_performance_report(
    report: &PerformanceReport,
    source: &SourceFile,
    figures: &Figures,
    narrative: &Narrative,
    style: &HouseStyle,
) -> Result<Document, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut blocks = cover(report, source, narrative, style, &mut diagnostics);
    blocks.push(Block::PageBreak);

    let mut landscape = vec![
        Block::Heading {
            level: 2,
            number: None,
            content: vec![Inline::text(report.summary_title.clone())],
        },
        Block::plain(format!(
            "As at month end: {}",
            format::long_month(figures.as_at.year, figures.as_at.month)
        )),
    ];
    if let Some(key) = &report.key {
        landscape.extend(body_blocks(
            narrative,
            source,
            &key.value,
            Some(key),
            &mut diagnostics,
        ));
    }
    let months = usize::from(report.months.unwrap_or(4).clamp(1, 12));
    landscape.push(Block::Table(Box::new(indicator_table(
        report,
        source,
        figures,
        months,
        style,
        &mut diagnostics,
    ))));
    blocks.push(Block::Landscape { blocks: landscape });

    for page in &report.pages {
        blocks.extend(theme_page(
            &page.value,
            source,
            figures,
            narrative,
            &style.numbers,
            &mut diagnostics,
        ));
    }

    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Document {
        metadata: Metadata {
            title: format!("{} – {}", report.title, report.period),
            authors: report
                .details
                .as_ref()
                .and_then(|details| details.created_by.clone())
                .into_iter()
                .collect(),
            description: report.directorate.clone(),
            keywords: Vec::new(),
            date: report
                .details
                .as_ref()
                .and_then(|details| details.date_created),
        },
        running_header: None,
        blocks,
    })
}

/// A theme page: heading, introduction, headline figures in bold, charts.
fn theme_page(
    page: &crate::content::performance_report::ReportPage,
    source: &SourceFile,
    figures: &Figures,
    narrative: &Narrative,
    numbers: &NumberStyle,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    let mut blocks = vec![
        Block::PageBreak,
        Block::Heading {
            level: 2,
            number: None,
            content: vec![Inline::text(page.title.clone())],
        },
    ];
    if let Some(text) = &page.text {
        blocks.extend(body_blocks(
            narrative,
            source,
            &text.value,
            Some(text),
            diagnostics,
        ));
    }
    for headline in &page.headlines {
        match narrative.render(headline, source) {
            Ok(rendered) => blocks.push(Block::Paragraph {
                content: vec![Inline::Strong {
                    content: crate::markdown::parse_inlines(&rendered),
                }],
            }),
            Err(problems) => diagnostics.extend(problems),
        }
    }
    for definition in &page.charts {
        match chart(&definition.value, figures, numbers) {
            Ok(chart) => blocks.push(Block::Chart(Box::new(chart))),
            Err(message) => {
                let first = definition
                    .value
                    .indicator
                    .0
                    .first()
                    .cloned()
                    .unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(message)
                        .at(source.location_of(definition))
                        .hint(indicator_hint(&first, figures)),
                );
            }
        }
    }
    blocks
}

fn indicator_hint(reference: &str, figures: &Figures) -> String {
    let references = figures
        .indicators
        .iter()
        .map(|indicator| indicator.definition.reference.as_str());
    match did_you_mean(reference, references) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => "name an indicator of the figures file by its `ref`".to_string(),
    }
}

fn cover(
    report: &PerformanceReport,
    source: &SourceFile,
    narrative: &Narrative,
    style: &HouseStyle,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(strapline) = &report.strapline {
        blocks.push(Block::Paragraph {
            content: vec![Inline::Strong {
                content: vec![Inline::text(strapline.clone())],
            }],
        });
    }
    if let Some(directorate) = &report.directorate {
        blocks.push(Block::plain(directorate.clone()));
    }
    blocks.push(Block::Heading {
        level: 1,
        number: None,
        content: vec![Inline::text(report.title.clone())],
    });
    blocks.push(Block::plain(report.period.clone()));
    if let Some(details) = &report.details {
        blocks.push(Block::Heading {
            level: 2,
            number: None,
            content: vec![Inline::text("Document details")],
        });
        let mut rows = Vec::new();
        let mut row = |label: &str, content: Vec<Inline>| {
            rows.push(LabelledRow {
                label: label.to_string(),
                content,
            })
        };
        if let Some(status) = &details.status {
            row("Status:", vec![Inline::text(status.clone())]);
        }
        if let Some(date) = details.date_created {
            row(
                "Date created:",
                vec![Inline::text(format::date(date, &style.dates.numeric))],
            );
        }
        if let Some(created_by) = &details.created_by {
            row("Created by:", vec![Inline::text(created_by.clone())]);
        }
        if let Some(contact) = &details.contact {
            row("Contact:", vec![super::email_link(contact)]);
        }
        blocks.push(Block::LabelledList { rows });
    }
    if let Some(notice) = &report.notice {
        blocks.extend(body_blocks(
            narrative,
            source,
            &notice.value,
            Some(notice),
            diagnostics,
        ));
    }
    if let Some(vision) = &report.vision {
        blocks.push(Block::Heading {
            level: 2,
            number: None,
            content: vec![Inline::text("Our Vision")],
        });
        blocks.push(Block::Quote {
            blocks: vec![Block::plain(vision.clone())],
        });
    }
    blocks
}

/// The table header: each of the style's columns' headings, one per month for `months`.
fn header(figures: &Figures, months: usize, table: &TableStyle<IndicatorColumn>) -> Vec<Cell> {
    let this_year = figures.as_at.financial_year_label(figures.year_start);
    let last_year = figures
        .as_at
        .plus(-12)
        .financial_year_label(figures.year_start);
    let mut cells = Vec::new();
    for column in &table.columns {
        if column.key == IndicatorColumn::Months {
            for offset in (0..months).rev() {
                let month = figures.as_at.plus(-(offset as i32));
                cells.push(Cell::header(format::short_month(month.year, month.month)));
            }
            continue;
        }
        let year = match column.key {
            IndicatorColumn::LastYear => last_year.as_str(),
            _ => this_year.as_str(),
        };
        let heading = column
            .heading
            .as_ref()
            .map(|heading| heading.fill(&[("year", year)]))
            .unwrap_or_default();
        cells.push(Cell::header(heading));
    }
    cells
}

fn indicator_table(
    report: &PerformanceReport,
    source: &SourceFile,
    figures: &Figures,
    months: usize,
    style: &HouseStyle,
    diagnostics: &mut Vec<Diagnostic>,
) -> Table {
    let table = &style.indicator_table;
    let mut rows = Vec::new();
    for section in &report.sections {
        rows.push(TableRow::Group {
            text: section.value.title.to_string(),
        });
        for reference in &section.value.indicators {
            match figures.indicator(reference) {
                Some(indicator) => rows.push(TableRow::Cells {
                    cells: indicator_row(indicator, figures.as_at, months, table, &style.numbers),
                }),
                None => diagnostics.push(unknown_indicator(reference, section, source, figures)),
            }
        }
    }
    let mut widths = Vec::new();
    for column in &table.columns {
        let repeat = match column.key {
            IndicatorColumn::Months => months,
            _ => 1,
        };
        widths.extend(std::iter::repeat_n(column.width.share(), repeat));
    }
    Table {
        widths,
        header: vec![header(figures, months, table)],
        rows,
        font_size: table.font_size.points(),
    }
}

fn unknown_indicator(
    reference: &str,
    section: &Spanned<crate::content::performance_report::ReportSection>,
    source: &SourceFile,
    figures: &Figures,
) -> Diagnostic {
    Diagnostic::error(format!("no indicator has the ref `{reference}`"))
        .at(source.location_of(section))
        .hint(indicator_hint(reference, figures))
}

/// One indicator's row: a cell for each of the style's columns (values, YTD, polarity,
/// direction of travel, RAG, thresholds, benchmarks), one per month for `months`.
fn indicator_row(
    indicator: &Indicator,
    as_at: Month,
    months: usize,
    table: &TableStyle<IndicatorColumn>,
    numbers: &NumberStyle,
) -> Vec<Cell> {
    let definition = &indicator.definition;
    let show = |value: Option<f64>| {
        value.map_or_else(
            || "-".to_string(),
            |v| format::localised(&indicator.show(v), numbers),
        )
    };
    let benchmarks = definition.benchmarks.clone().unwrap_or_default();
    let [red, amber, green] = thresholds(indicator, numbers);
    let mut cells = Vec::new();
    for column in &table.columns {
        let cell = match column.key {
            IndicatorColumn::Reference => Cell::text(definition.reference.clone()),
            IndicatorColumn::Indicator => {
                let mut title = definition.title.clone();
                if let Some(note) = &definition.note {
                    title.push_str(&format!(" ({note})"));
                }
                Cell::text(title)
            }
            IndicatorColumn::Timeline => Cell::text(definition.frequency.clone()),
            IndicatorColumn::DataNote => Cell::text(definition.unit.note()),
            IndicatorColumn::Months => {
                for offset in (0..months).rev() {
                    cells.push(Cell::number(show(
                        indicator.month(as_at.plus(-(offset as i32))),
                    )));
                }
                continue;
            }
            IndicatorColumn::YearToDate => Cell::number(show(indicator.ytd)),
            IndicatorColumn::Polarity => Cell::centred(definition.polarity.label()),
            IndicatorColumn::Direction => {
                let mut direction =
                    Cell::centred(indicator.direction.map_or("-", Direction::label));
                direction.tone = match indicator.direction {
                    Some(Direction::Improved) => Some(Tone::Green),
                    Some(Direction::Declined) => Some(Tone::Red),
                    _ => None,
                };
                direction
            }
            IndicatorColumn::Rag => {
                let mut rag = Cell::centred(indicator.rag.map_or("-", Rag::word));
                rag.tone = indicator.rag.map(|rag| match rag {
                    Rag::Red => Tone::Red,
                    Rag::Amber => Tone::Amber,
                    Rag::Green => Tone::Green,
                });
                rag.strong = indicator.rag.is_some();
                rag
            }
            IndicatorColumn::Red => Cell::centred(red.clone()),
            IndicatorColumn::Amber => Cell::centred(amber.clone()),
            IndicatorColumn::Green => Cell::centred(green.clone()),
            IndicatorColumn::LastYear => Cell::number(show(definition.last_year)),
            IndicatorColumn::BestNeighbour => Cell::number(show(benchmarks.best_sn)),
            IndicatorColumn::NeighbourAverage => Cell::number(show(benchmarks.sn_average)),
            IndicatorColumn::National => Cell::number(show(benchmarks.national)),
        };
        cells.push(cell);
    }
    cells
}

/// The Red, Amber and Green columns as printed: "<87%", "87%+", "95%+".
fn thresholds(indicator: &Indicator, numbers: &NumberStyle) -> [String; 3] {
    let definition = &indicator.definition;
    let Some(target) = &definition.target else {
        return [String::new(), String::new(), String::new()];
    };
    let figure = |value: f64| {
        let places = if value.fract() == 0.0 {
            0
        } else {
            indicator.precision
        };
        let british = if definition.unit == Unit::Percent {
            format::percent(value, places)
        } else {
            format::number(value, places)
        };
        format::localised(&british, numbers)
    };
    let at_least =
        |value: Option<f64>| value.map(|v| format!("{}+", figure(v))).unwrap_or_default();
    let below = |value: Option<f64>| value.map(|v| format!("<{}", figure(v))).unwrap_or_default();
    match definition.polarity {
        Polarity::High => [
            below(target.amber.or(target.green)),
            at_least(target.amber),
            at_least(target.green),
        ],
        Polarity::Low => [
            at_least(target.red),
            at_least(target.amber),
            below(target.amber.or(target.red)),
        ],
        Polarity::Info => [String::new(), String::new(), String::new()],
    }
}

/// A chart of one or more indicators' months, with its text alternative.
fn chart(
    definition: &ChartDefinition,
    figures: &Figures,
    numbers: &NumberStyle,
) -> Result<Chart, String> {
    let show =
        |indicator: &Indicator, value: f64| format::localised(&indicator.show(value), numbers);
    let indicators: Vec<&Indicator> = definition
        .indicator
        .0
        .iter()
        .map(|reference| {
            figures
                .indicator(reference)
                .ok_or_else(|| format!("no indicator has the ref `{reference}`"))
        })
        .collect::<Result<_, _>>()?;
    let Some(&main) = indicators.first() else {
        return Err("a chart needs at least one indicator".to_string());
    };
    let wanted = usize::from(definition.months.unwrap_or(12).clamp(2, 36));
    let months: Vec<Month> = (0..wanted)
        .rev()
        .map(|offset| figures.as_at.plus(-(offset as i32)))
        .skip_while(|month| indicators.iter().all(|i| i.month(*month).is_none()))
        .collect();
    let known = |indicator: &Indicator| -> Vec<(Month, f64)> {
        months
            .iter()
            .filter_map(|m| indicator.month(*m).map(|v| (*m, v)))
            .collect()
    };
    if indicators
        .iter()
        .any(|indicator| known(indicator).len() < 2)
    {
        return Err(format!(
            "a chart needs at least two months of values for each indicator up to {}",
            figures.as_at
        ));
    }
    let kind = match definition.kind {
        ChartKindName::Line => ChartKind::Line,
        ChartKindName::Bar => ChartKind::Bar,
    };
    let title = definition
        .title
        .clone()
        .unwrap_or_else(|| main.definition.title.clone());
    let mut references = Vec::new();
    if definition.benchmarks.unwrap_or(kind == ChartKind::Line)
        && indicators.len() == 1
        && let Some(benchmarks) = &main.definition.benchmarks
    {
        if let Some(value) = benchmarks.sn_average {
            references.push(ChartReference {
                name: format!("SN Average ({})", show(main, value)),
                value,
            });
        }
        if let Some(value) = benchmarks.national {
            references.push(ChartReference {
                name: format!("Nat av. ({})", show(main, value)),
                value,
            });
        }
    }
    let all: Vec<f64> = indicators
        .iter()
        .flat_map(|indicator| known(indicator).into_iter().map(|(_, v)| v))
        .chain(references.iter().map(|r| r.value))
        .collect();
    let axis = axis(&all, kind == ChartKind::Bar, |v| show(main, v));
    let alt = indicators
        .iter()
        .enumerate()
        .map(|(index, indicator)| {
            let subject = if indicators.len() == 1 {
                title.clone()
            } else {
                definition
                    .labels
                    .get(index)
                    .cloned()
                    .unwrap_or_else(|| indicator.definition.title.clone())
            };
            let refs: &[ChartReference] = if index == 0 { &references } else { &[] };
            alternative(kind, &subject, indicator, &known(indicator), refs, numbers)
        })
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Chart {
        plot: kind,
        title,
        alt,
        labels: months
            .iter()
            .map(|m| format::short_month(m.year, m.month))
            .collect(),
        series: indicators
            .iter()
            .enumerate()
            .map(|(index, indicator)| ChartSeries {
                name: definition
                    .labels
                    .get(index)
                    .cloned()
                    .unwrap_or_else(|| indicator.definition.title.clone()),
                values: months.iter().map(|m| indicator.month(*m)).collect(),
                shown: Vec::new(),
            })
            .collect(),
        references,
        axis,
        numbers: ChartNumbers {
            decimal_places: main.precision,
            percent: main.definition.unit == Unit::Percent,
        },
    })
}

/// The text alternative: the chart's kind and subject, first and last values, and the trend.
fn alternative(
    kind: ChartKind,
    title: &str,
    indicator: &Indicator,
    known: &[(Month, f64)],
    references: &[ChartReference],
    numbers: &NumberStyle,
) -> String {
    let (first_month, first) = known[0];
    let (last_month, last) = known[known.len() - 1];
    let long = |m: Month| format::long_month(m.year, m.month);
    let mut text = format!(
        "{} of {title} by month, {} to {}. ",
        super::charts::kind_name(kind),
        long(first_month),
        long(last_month)
    );
    let trend = if last > first {
        "rose"
    } else if last < first {
        "fell"
    } else {
        "was unchanged"
    };
    text.push_str(&format!(
        "It {trend} from {} in {} to {} in {}",
        format::localised(&indicator.show(first), numbers),
        long(first_month),
        format::localised(&indicator.show(last), numbers),
        long(last_month)
    ));
    let (high_month, high) =
        known.iter().copied().fold(
            known[0],
            |best, next| if next.1 > best.1 { next } else { best },
        );
    let (low_month, low) =
        known.iter().copied().fold(
            known[0],
            |best, next| if next.1 < best.1 { next } else { best },
        );
    text.push_str(&format!(
        ", highest {} in {} and lowest {} in {}.",
        format::localised(&indicator.show(high), numbers),
        long(high_month),
        format::localised(&indicator.show(low), numbers),
        long(low_month)
    ));
    for reference in references {
        let name = reference
            .name
            .replace("SN Average", "Statistical neighbour average")
            .replace("Nat av.", "National average");
        text.push_str(&format!(" {name}."));
    }
    text
}
