//! Charts as native Word charts (DrawingML): a chart part per chart with its values cached, an
//! embedded workbook for Word's "Edit Data", and the inline drawing that places it.

use docx_rs::{Paragraph, Run};
use quick_xml::Reader;
use quick_xml::events::Event;

use super::styles;
use super::{BodyChild, DocxWriter, ImageDescription, Sink};
use super::{archive, xml_tree};
use crate::escape::xml_text;
use crate::format;
use crate::model::{Chart, ChartKind};
use crate::style::HouseStyle;

/// The run style that marks where a chart goes: docx-rs cannot write a chart, so the writer
/// leaves a run of this style and the package step replaces it. No style of this name exists,
/// and an author's text cannot make a run style.
const PLACEHOLDER_STYLE: &str = "PapersChartPlaceholder";

/// The relationship id of the `n`th chart (from 1) in the main document's relationships.
fn relationship_id(number: usize) -> String {
    format!("rIdChart{number}")
}

const CHART_NAMESPACE: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const DRAWING_NAMESPACE: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const RELATIONSHIPS_NAMESPACE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CHART_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const PACKAGE_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package";
const CHART_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const WORKBOOK_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// English Metric Units per twentieth of a point.
const EMU_PER_TWIP: usize = 635;
/// English Metric Units per centimetre.
const EMU_PER_CM: f64 = 360_000.0;
/// A line or upright bar chart's height with its title and legend: the PDF's 6 cm plot, and
/// room for the title above and the legend below.
const CHART_HEIGHT_CM: f64 = 8.5;
/// A horizontal bar chart grows with its categories: its title, then a band per category.
const HORIZONTAL_TITLE_CM: f64 = 1.4;
const HORIZONTAL_BAND_CM: f64 = 0.8;
/// The size of a chart's labels, ticks and legend in hundredths of a point, as the PDF's.
const LABEL_SIZE: usize = 800;
/// Light grey gridlines and a dark grey base line, as the PDF draws them.
const GRIDLINE_COLOUR: &str = "D2D2D2";
const BASE_LINE_COLOUR: &str = "505050";
/// The sheet of the embedded workbook that holds a chart's data.
const SHEET: &str = "Sheet1";
/// The axes' ids within a chart part.
const CATEGORY_AXIS: u32 = 1;
const VALUE_AXIS: u32 = 2;

/// One chart of a document, ready for the package: its part, its workbook, and its size.
#[derive(Debug, Clone)]
pub(super) struct NativeChart {
    /// `word/charts/chartN.xml`.
    xml: String,
    /// The embedded workbook holding the same values, for Word's "Edit Data".
    workbook: Vec<u8>,
    /// Width and height in English Metric Units.
    size: (usize, usize),
}

impl DocxWriter<'_> {
    /// A chart as a native Word chart the full text width: a run that marks its place (filled
    /// in by [`place_charts`]), and its text alternative for the drawing's description.
    pub(super) fn chart(&mut self, chart: &Chart, sink: &mut Sink) {
        let width = styles::text_width(self.style, self.landscape) * EMU_PER_TWIP;
        let height_cm = match chart.plot {
            ChartKind::HorizontalBar => {
                HORIZONTAL_TITLE_CM + HORIZONTAL_BAND_CM * chart.labels.len().max(2) as f64
            }
            ChartKind::Line | ChartKind::Bar => CHART_HEIGHT_CM,
        };
        self.charts.push(NativeChart {
            xml: chart_part(chart, self.style),
            workbook: workbook(chart),
            size: (width, (height_cm * EMU_PER_CM) as usize),
        });
        // docx-rs cannot write a drawing's description; the package step adds it from here.
        self.image_alts.push(ImageDescription {
            noun: "Chart",
            alt: chart.alt.clone(),
        });
        sink.push(BodyChild::paragraph(
            Paragraph::new().add_run(Run::new().style(PLACEHOLDER_STYLE)),
        ));
    }
}

/// The main document with each chart's placeholder run replaced by the chart's inline drawing,
/// in document order. Its `wp:docPr` is numbered and described with the pictures afterwards.
/// `None` if the part does not parse (docx-rs writes well-formed XML).
pub(super) fn place_charts(document: &str, charts: &[NativeChart]) -> Option<String> {
    let mut reader = Reader::from_str(document);
    let mut written = String::with_capacity(document.len() + charts.len() * 1024);
    // The run being read, held back until it is known not to be a placeholder.
    let mut run: Option<(usize, bool)> = None;
    let mut placed = 0;
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let end = reader.buffer_position() as usize;
        let raw = &document[start..end];
        match &event {
            Event::Eof => break,
            Event::Start(element) if element.name().as_ref() == "w:r" => {
                run = Some((start, false));
                continue;
            }
            Event::Empty(element)
                if element.name().as_ref() == "w:rStyle"
                    && element
                        .try_get_attribute("w:val")
                        .ok()
                        .flatten()
                        .is_some_and(|value| value.value.as_ref() == PLACEHOLDER_STYLE) =>
            {
                if let Some((_, is_placeholder)) = run.as_mut() {
                    *is_placeholder = true;
                }
                continue;
            }
            Event::End(element) if element.name().as_ref() == "w:r" => {
                match run.take() {
                    Some((_, true)) => {
                        let chart = charts.get(placed)?;
                        placed += 1;
                        written.push_str(&inline_drawing(placed, chart.size));
                    }
                    Some((run_start, false)) => written.push_str(&document[run_start..end]),
                    None => written.push_str(raw),
                }
                continue;
            }
            _ => {}
        }
        if run.is_none() {
            written.push_str(raw);
        }
    }
    (placed == charts.len()).then_some(written)
}

/// The run that shows the `number`th chart (from 1), `size` EMUs, as Word writes one.
fn inline_drawing(number: usize, (width, height): (usize, usize)) -> String {
    format!(
        concat!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{width}" cy="{height}" />"#,
            r#"<wp:effectExtent l="0" t="0" r="0" b="0" />"#,
            r#"<wp:docPr id="{number}" name="Chart {number}" />"#,
            r#"<wp:cNvGraphicFramePr />"#,
            r#"<a:graphic xmlns:a="{drawing}"><a:graphicData uri="{chart}">"#,
            r#"<c:chart xmlns:c="{chart}" xmlns:r="{relationships}" r:id="{id}" />"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        ),
        width = width,
        height = height,
        number = number,
        drawing = DRAWING_NAMESPACE,
        chart = CHART_NAMESPACE,
        relationships = RELATIONSHIPS_NAMESPACE,
        id = relationship_id(number),
    )
}

/// `[Content_Types].xml` declaring the chart parts and workbooks.
pub(super) fn declare_content_types(content_types: &str, charts: &[NativeChart]) -> String {
    if charts.is_empty() {
        return content_types.to_string();
    }
    let mut declarations =
        format!(r#"<Default Extension="xlsx" ContentType="{WORKBOOK_CONTENT_TYPE}" />"#);
    for number in 1..=charts.len() {
        declarations.push_str(&format!(
            r#"<Override PartName="/word/charts/chart{number}.xml" ContentType="{CHART_CONTENT_TYPE}" />"#
        ));
    }
    xml_tree::insert_before_last(content_types, "</Types>", &declarations)
}

/// The main document's relationships with one to each chart part.
pub(super) fn relate_charts(relationships: &str, charts: &[NativeChart]) -> String {
    let added: String = (1..=charts.len())
        .map(|number| {
            format!(
                r#"<Relationship Id="{}" Type="{CHART_RELATIONSHIP}" Target="charts/chart{number}.xml" />"#,
                relationship_id(number)
            )
        })
        .collect();
    xml_tree::insert_before_last(relationships, "</Relationships>", &added)
}

/// Each chart's part, its relationships and its workbook, named as the package names them.
pub(super) fn chart_parts(charts: &[NativeChart]) -> Vec<(String, Vec<u8>)> {
    let mut parts = Vec::new();
    for (index, chart) in charts.iter().enumerate() {
        let number = index + 1;
        let workbook = format!("Microsoft_Excel_Worksheet{number}.xlsx");
        let relationships = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{PACKAGE_RELATIONSHIP}" Target="../embeddings/{workbook}" /></Relationships>"#
        );
        parts.push((
            format!("word/charts/chart{number}.xml"),
            chart.xml.clone().into_bytes(),
        ));
        parts.push((
            format!("word/charts/_rels/chart{number}.xml.rels"),
            relationships.into_bytes(),
        ));
        parts.push((
            format!("word/embeddings/{workbook}"),
            chart.workbook.clone(),
        ));
    }
    parts
}

/// The cell reference of a column (from 0) and row (from 1): "A1", "AB12".
fn cell(column: usize, row: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        letters.push(b'A' + ((rest - 1) % 26) as u8);
        rest = (rest - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

/// An absolute reference to cells of the sheet: "Sheet1!$B$2:$B$5".
fn sheet_range(column: usize, first_row: usize, last_row: usize) -> String {
    let absolute = |row: usize| {
        let reference = cell(column, row);
        let digits = reference.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        format!("${}${digits}", &reference[..reference.len() - digits.len()])
    };
    if first_row == last_row {
        format!("{SHEET}!{}", absolute(first_row))
    } else {
        format!("{SHEET}!{}:{}", absolute(first_row), absolute(last_row))
    }
}

/// The categories as the chart labels them. A bar chart's category without a figure shows no
/// bar, which could be read as nought: its label says what the PDF prints in its place ("2019
/// (no figure)"), as the chart's values give it.
fn category_labels(chart: &Chart) -> Vec<String> {
    chart
        .labels
        .iter()
        .enumerate()
        .map(|(point, label)| {
            let missing = chart.plot != ChartKind::Line
                && chart
                    .series
                    .iter()
                    .all(|series| series.values.get(point).is_none_or(Option::is_none));
            let words = chart
                .series
                .iter()
                .find_map(|series| series.shown.get(point).filter(|words| !words.is_empty()));
            match words {
                Some(words) if missing => format!("{label} ({words})"),
                _ => label.clone(),
            }
        })
        .collect()
}

/// What a chart plots, column by column of its sheet: the series, then the reference lines, each
/// a name and a value per category.
fn columns(chart: &Chart) -> Vec<(&str, Vec<Option<f64>>)> {
    let categories = chart.labels.len();
    chart
        .series
        .iter()
        .map(|series| {
            let mut values = series.values.clone();
            values.resize(categories, None);
            (series.name.as_str(), values)
        })
        .chain(chart.references.iter().map(|reference| {
            (
                reference.name.as_str(),
                vec![Some(reference.value); categories],
            )
        }))
        .collect()
}

/// The chart part: title, plot, axes and legend in the schema's order, every label and value
/// cached so that Word and LibreOffice draw it without the workbook.
fn chart_part(chart: &Chart, style: &HouseStyle) -> String {
    let format_code = format::spreadsheet_number_format(chart.numbers, &style.numbers);
    let columns = columns(chart);
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="{CHART_NAMESPACE}" xmlns:a="{DRAWING_NAMESPACE}" xmlns:r="{RELATIONSHIPS_NAMESPACE}"><c:date1904 val="0" /><c:lang val="en-GB" /><c:roundedCorners val="0" /><c:chart>"#
    );
    let title_size = style.body_size.half_points() * 50;
    xml.push_str(&format!(
        r#"<c:title><c:tx><c:rich><a:bodyPr /><a:lstStyle /><a:p><a:pPr><a:defRPr sz="{title_size}" b="1" /></a:pPr><a:r><a:rPr lang="en-GB" sz="{title_size}" b="1" /><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0" /></c:title><c:autoTitleDeleted val="0" />"#,
        xml_text(&chart.title)
    ));
    xml.push_str("<c:plotArea><c:layout />");
    let series_count = chart.series.len();
    let horizontal = chart.plot == ChartKind::HorizontalBar;
    let axes = format!(r#"<c:axId val="{CATEGORY_AXIS}" /><c:axId val="{VALUE_AXIS}" />"#);
    match chart.plot {
        ChartKind::Bar | ChartKind::HorizontalBar => {
            let direction = if horizontal { "bar" } else { "col" };
            xml.push_str(&format!(
                r#"<c:barChart><c:barDir val="{direction}" /><c:grouping val="clustered" /><c:varyColors val="0" />"#
            ));
            for (index, (name, values)) in columns[..series_count].iter().enumerate() {
                xml.push_str(&series_start(index, name));
                xml.push_str(&format!(
                    r#"<c:spPr>{}</c:spPr><c:invertIfNegative val="0" />"#,
                    solid_fill(style.colours.chart_series.nth(index).hex())
                ));
                xml.push_str(&data_labels(chart, index, style, &format_code));
                xml.push_str(&categories_and_values(chart, index, values, &format_code));
                xml.push_str("</c:ser>");
            }
            // The PDF's bars fill three fifths of each category's slot.
            xml.push_str(&format!(r#"<c:gapWidth val="67" />{axes}</c:barChart>"#));
            if !chart.references.is_empty() {
                xml.push_str(
                    r#"<c:lineChart><c:grouping val="standard" /><c:varyColors val="0" />"#,
                );
                xml.push_str(&reference_series(chart, &columns, style, &format_code));
                xml.push_str(&format!(r#"<c:marker val="1" />{axes}</c:lineChart>"#));
            }
        }
        ChartKind::Line => {
            xml.push_str(r#"<c:lineChart><c:grouping val="standard" /><c:varyColors val="0" />"#);
            for (index, (name, values)) in columns[..series_count].iter().enumerate() {
                let colour = solid_fill(style.colours.chart_series.nth(index).hex());
                xml.push_str(&series_start(index, name));
                xml.push_str(&format!(
                    r#"<c:spPr><a:ln w="19050" cap="rnd">{colour}<a:round /></a:ln></c:spPr><c:marker><c:symbol val="circle" /><c:size val="5" /><c:spPr>{colour}<a:ln>{colour}</a:ln></c:spPr></c:marker>"#
                ));
                xml.push_str(&data_labels(chart, index, style, &format_code));
                xml.push_str(&categories_and_values(chart, index, values, &format_code));
                xml.push_str(r#"<c:smooth val="0" /></c:ser>"#);
            }
            xml.push_str(&reference_series(chart, &columns, style, &format_code));
            xml.push_str(&format!(r#"<c:marker val="1" />{axes}</c:lineChart>"#));
        }
    }
    xml.push_str(&category_axis(horizontal));
    xml.push_str(&value_axis(chart, horizontal, &format_code));
    xml.push_str("</c:plotArea>");
    // The PDF draws a legend under upright charts; a horizontal chart's one series is its title.
    if !horizontal {
        xml.push_str(&format!(
            r#"<c:legend><c:legendPos val="b" /><c:overlay val="0" />{}</c:legend>"#,
            text_properties(LABEL_SIZE, None)
        ));
    }
    xml.push_str(r#"<c:plotVisOnly val="1" /><c:dispBlanksAs val="gap" /></c:chart>"#);
    xml.push_str(r#"<c:spPr><a:noFill /><a:ln><a:noFill /></a:ln></c:spPr>"#);
    xml.push_str(&text_properties(
        LABEL_SIZE,
        Some(style.fonts.word.as_str()),
    ));
    xml.push_str(r#"<c:externalData r:id="rId1"><c:autoUpdate val="0" /></c:externalData>"#);
    xml.push_str("</c:chartSpace>");
    xml
}

/// A series' opening: its index, order and name (the sheet's first row of its column).
fn series_start(index: usize, name: &str) -> String {
    format!(
        r#"<c:ser><c:idx val="{index}" /><c:order val="{index}" /><c:tx><c:strRef><c:f>{}</c:f><c:strCache><c:ptCount val="1" /><c:pt idx="0"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>"#,
        sheet_range(index + 1, 1, 1),
        xml_text(name)
    )
}

/// The reference lines as flat line series after the plotted ones: dashed, then dotted, in the
/// style's reference colours, without markers.
fn reference_series(
    chart: &Chart,
    columns: &[(&str, Vec<Option<f64>>)],
    style: &HouseStyle,
    format_code: &str,
) -> String {
    let series_count = chart.series.len();
    let mut xml = String::new();
    for (number, (name, values)) in columns[series_count..].iter().enumerate() {
        let index = series_count + number;
        let dash = if number % 2 == 0 { "dash" } else { "sysDot" };
        xml.push_str(&series_start(index, name));
        xml.push_str(&format!(
            r#"<c:spPr><a:ln w="12700">{}<a:prstDash val="{dash}" /></a:ln></c:spPr><c:marker><c:symbol val="none" /></c:marker>"#,
            solid_fill(style.colours.chart_references.nth(number).hex())
        ));
        xml.push_str(&categories_and_values(chart, index, values, format_code));
        xml.push_str(r#"<c:smooth val="0" /></c:ser>"#);
    }
    xml
}

/// A series' categories (the sheet's first column) and values (its own column), both cached.
/// A missing value is a point left out, which the chart shows as a gap.
fn categories_and_values(
    chart: &Chart,
    index: usize,
    values: &[Option<f64>],
    format_code: &str,
) -> String {
    let last_row = chart.labels.len() + 1;
    let count = chart.labels.len();
    let mut xml = format!(
        r#"<c:cat><c:strRef><c:f>{}</c:f><c:strCache><c:ptCount val="{count}" />"#,
        sheet_range(0, 2, last_row)
    );
    for (point, label) in category_labels(chart).iter().enumerate() {
        xml.push_str(&format!(
            r#"<c:pt idx="{point}"><c:v>{}</c:v></c:pt>"#,
            xml_text(label)
        ));
    }
    xml.push_str(&format!(
        r#"</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>{}</c:f><c:numCache><c:formatCode>{}</c:formatCode><c:ptCount val="{count}" />"#,
        sheet_range(index + 1, 2, last_row),
        xml_text(format_code)
    ));
    for (point, value) in values.iter().enumerate() {
        if let Some(value) = value {
            xml.push_str(&format!(
                r#"<c:pt idx="{point}"><c:v>{}</c:v></c:pt>"#,
                format::plain(*value)
            ));
        }
    }
    xml.push_str("</c:numCache></c:numRef></c:val>");
    xml
}

/// A series' data labels where the model shows its values (the PDF prints them on the bars):
/// Word prints each value itself, in the house format, so that an edited value shows its new
/// figure. Where Word would print a value otherwise than the PDF (another format per value,
/// separators no number format can name), each label is the PDF's text instead.
/// `format_code` is the values' spreadsheet number format, as the chart part names it.
fn data_labels(chart: &Chart, index: usize, style: &HouseStyle, format_code: &str) -> String {
    let Some(series) = chart.series.get(index) else {
        return String::new();
    };
    if series.shown.iter().all(String::is_empty) {
        return String::new();
    }
    let position = if chart.plot == ChartKind::Line {
        "t"
    } else {
        "outEnd"
    };
    let shown = |point: usize| series.shown.get(point).map_or("", String::as_str);
    let printed_alike = format::spreadsheet_separators_match(&style.numbers)
        && series
            .values
            .iter()
            .enumerate()
            .all(|(point, value)| match value {
                Some(value) => {
                    format::chart_value(*value, chart.numbers, &style.numbers) == shown(point)
                }
                None => true,
            });
    let flags = |value: bool| {
        format!(
            r#"<c:showLegendKey val="0" /><c:showVal val="{}" /><c:showCatName val="0" /><c:showSerName val="0" /><c:showPercent val="0" /><c:showBubbleSize val="0" />"#,
            u8::from(value)
        )
    };
    let mut xml = String::from("<c:dLbls>");
    for (point, value) in series.values.iter().enumerate() {
        if value.is_none() {
            continue;
        }
        if shown(point).is_empty() {
            xml.push_str(&format!(
                r#"<c:dLbl><c:idx val="{point}" /><c:delete val="1" /></c:dLbl>"#
            ));
        } else if !printed_alike {
            xml.push_str(&format!(
                r#"<c:dLbl><c:idx val="{point}" /><c:tx><c:rich><a:bodyPr /><a:lstStyle /><a:p><a:r><a:rPr lang="en-GB" /><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:dLblPos val="{position}" />{}</c:dLbl>"#,
                xml_text(shown(point)),
                flags(true)
            ));
        }
    }
    xml.push_str(&format!(
        r#"<c:numFmt formatCode="{}" sourceLinked="0" /><c:spPr><a:noFill /><a:ln><a:noFill /></a:ln></c:spPr>{}<c:dLblPos val="{position}" />{}</c:dLbls>"#,
        xml_text(format_code),
        text_properties(LABEL_SIZE, None),
        flags(true)
    ));
    xml
}

/// The category axis: months or a table's rows along the bottom, or down the left of a
/// horizontal chart, first at the top as in the PDF; every label shown, as in the PDF.
fn category_axis(horizontal: bool) -> String {
    let (orientation, position) = if horizontal {
        ("maxMin", "l")
    } else {
        ("minMax", "b")
    };
    format!(
        r#"<c:catAx><c:axId val="{CATEGORY_AXIS}" /><c:scaling><c:orientation val="{orientation}" /></c:scaling><c:delete val="0" /><c:axPos val="{position}" /><c:numFmt formatCode="General" sourceLinked="1" /><c:majorTickMark val="none" /><c:minorTickMark val="none" /><c:tickLblPos val="low" /><c:spPr><a:ln w="7620">{}</a:ln></c:spPr>{}<c:crossAx val="{VALUE_AXIS}" /><c:crosses val="autoZero" /><c:auto val="1" /><c:lblAlgn val="ctr" /><c:lblOffset val="100" /><c:tickLblSkip val="1" /><c:noMultiLvlLbl val="0" /></c:catAx>"#,
        solid_fill(BASE_LINE_COLOUR),
        // Labels upright: left to choose, LibreOffice hides every other one of a horizontal
        // chart whose labels are long.
        text_properties(LABEL_SIZE, None)
            .replace("<a:bodyPr />", r#"<a:bodyPr rot="0" vert="horz" />"#)
    )
}

/// The value axis from the model's lowest to highest value, a tick at each of its ticks, in the
/// values' format; a horizontal chart shows none, as the PDF labels every bar instead.
fn value_axis(chart: &Chart, horizontal: bool, format_code: &str) -> String {
    let axis = &chart.axis;
    let step = match axis.ticks.as_slice() {
        [first, second, ..] => second.0 - first.0,
        _ => axis.max - axis.min,
    };
    let position = if horizontal { "b" } else { "l" };
    let (deleted, gridlines) = if horizontal {
        (1, String::new())
    } else {
        (
            0,
            format!(
                r#"<c:majorGridlines><c:spPr><a:ln w="3810">{}</a:ln></c:spPr></c:majorGridlines>"#,
                solid_fill(GRIDLINE_COLOUR)
            ),
        )
    };
    format!(
        r#"<c:valAx><c:axId val="{VALUE_AXIS}" /><c:scaling><c:orientation val="minMax" /><c:max val="{}" /><c:min val="{}" /></c:scaling><c:delete val="{deleted}" /><c:axPos val="{position}" />{gridlines}<c:numFmt formatCode="{}" sourceLinked="0" /><c:majorTickMark val="none" /><c:minorTickMark val="none" /><c:tickLblPos val="nextTo" /><c:spPr><a:ln><a:noFill /></a:ln></c:spPr>{}<c:crossAx val="{CATEGORY_AXIS}" /><c:crosses val="autoZero" /><c:crossBetween val="between" /><c:majorUnit val="{}" /></c:valAx>"#,
        format::plain(axis.max),
        format::plain(axis.min),
        xml_text(format_code),
        text_properties(LABEL_SIZE, None),
        format::plain(step),
    )
}

/// A solid fill of `colour` (six hex digits).
fn solid_fill(colour: &str) -> String {
    format!(r#"<a:solidFill><a:srgbClr val="{colour}" /></a:solidFill>"#)
}

/// Text properties: `size` in hundredths of a point, in `font` where given (the chart's own,
/// which its parts inherit).
fn text_properties(size: usize, font: Option<&str>) -> String {
    let typeface = font
        .map(|font| {
            let font = xml_text(font);
            format!(r#"<a:latin typeface="{font}" /><a:cs typeface="{font}" />"#)
        })
        .unwrap_or_default();
    format!(
        r#"<c:txPr><a:bodyPr /><a:lstStyle /><a:p><a:pPr><a:defRPr sz="{size}">{typeface}</a:defRPr></a:pPr><a:endParaRPr lang="en-GB" /></a:p></c:txPr>"#
    )
}

/// A minimal workbook holding the chart's data as the chart part refers to it: categories down
/// the first column, a column per series and reference line, names in the first row.
fn workbook(chart: &Chart) -> Vec<u8> {
    let columns = columns(chart);
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let text_cell = |reference: String, text: &str| {
        format!(
            r#"<c r="{reference}" t="inlineStr"><is><t>{}</t></is></c>"#,
            xml_text(text)
        )
    };
    sheet.push_str(r#"<row r="1">"#);
    for (column, (name, _)) in columns.iter().enumerate() {
        sheet.push_str(&text_cell(cell(column + 1, 1), name));
    }
    sheet.push_str("</row>");
    for (point, label) in category_labels(chart).iter().enumerate() {
        let row = point + 2;
        sheet.push_str(&format!(r#"<row r="{row}">"#));
        sheet.push_str(&text_cell(cell(0, row), label));
        for (column, (_, values)) in columns.iter().enumerate() {
            if let Some(Some(value)) = values.get(point) {
                sheet.push_str(&format!(
                    r#"<c r="{}"><v>{}</v></c>"#,
                    cell(column + 1, row),
                    format::plain(*value)
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" /><Default Extension="xml" ContentType="application/xml" /><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" /><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" /></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELATIONSHIPS_NAMESPACE}/officeDocument" Target="xl/workbook.xml" /></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{RELATIONSHIPS_NAMESPACE}"><sheets><sheet name="{SHEET}" sheetId="1" r:id="rId1" /></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELATIONSHIPS_NAMESPACE}/worksheet" Target="worksheets/sheet1.xml" /></Relationships>"#
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    archive::zip_parts(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell(0, 1), "A1");
        assert_eq!(cell(25, 3), "Z3");
        assert_eq!(cell(26, 4), "AA4");
        assert_eq!(sheet_range(1, 2, 5), "Sheet1!$B$2:$B$5");
        assert_eq!(sheet_range(27, 1, 1), "Sheet1!$AB$1");
    }

    #[test]
    fn placeholders_become_drawings_in_order_and_other_runs_stay() {
        let chart = NativeChart {
            xml: String::new(),
            workbook: Vec::new(),
            size: (10, 20),
        };
        let document = format!(
            r#"<w:p><w:r><w:rPr><w:rStyle w:val="{PLACEHOLDER_STYLE}" /></w:rPr></w:r></w:p><w:p><w:r><w:t>{PLACEHOLDER_STYLE}</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rStyle w:val="{PLACEHOLDER_STYLE}" /></w:rPr></w:r></w:p>"#
        );
        let placed = place_charts(&document, &[chart.clone(), chart.clone()]).unwrap();
        assert!(placed.contains(r#"r:id="rIdChart1""#), "{placed}");
        assert!(placed.contains(r#"r:id="rIdChart2""#), "{placed}");
        assert!(!placed.contains("rStyle"), "{placed}");
        assert!(placed.contains(&format!("<w:r><w:t>{PLACEHOLDER_STYLE}</w:t></w:r>")));
        // A chart without its place, or a place without its chart, is not half written.
        assert_eq!(place_charts(&document, &[chart]), None);
    }
}
