//! Charts as inline SVG pictures drawn from the figures, with their title and text alternative
//! for a screen reader, and the chart's data as a table a reader can open.

use crate::escape::html_text;
use crate::format;
use crate::model::{Chart, ChartKind};

use super::blocks::BodyWriter;

/// The drawing's size in its own units; the page scales it to the column.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 300.0;
/// Room for the value axis's labels, and for the category labels under the plot.
const LEFT: f64 = 64.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 24.0;
const RIGHT: f64 = 12.0;

impl BodyWriter<'_> {
    pub(super) fn chart(&mut self, chart: &Chart) {
        let title_id = self.ids.unique("chart-title");
        let description_id = self.ids.unique("chart-description");
        self.out.push_str("<figure class=\"chart\">\n");
        self.out.push_str(&format!(
            "<figcaption><strong>{}</strong></figcaption>\n",
            html_text(&chart.title)
        ));
        let svg = match chart.plot {
            ChartKind::HorizontalBar => self.horizontal_bars(chart),
            ChartKind::Line | ChartKind::Bar => self.columns(chart),
        };
        let height = svg.1;
        self.out.push_str(&format!(
            "<svg role=\"img\" aria-labelledby=\"{title_id} {description_id}\" viewBox=\"0 0 {WIDTH} {height:.0}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{title_id}\">{}</title>\n<desc id=\"{description_id}\">{}</desc>\n",
            html_text(&chart.title),
            html_text(&chart.alt),
        ));
        self.out.push_str(&svg.0);
        self.out.push_str("</svg>\n");
        self.legend(chart);
        self.chart_data(chart);
        self.out.push_str("</figure>\n");
    }

    fn series_colour(&self, index: usize) -> String {
        format!("#{}", self.style.colours.chart_series.nth(index).hex())
    }

    fn reference_stroke(&self, index: usize) -> String {
        let dash = if index.is_multiple_of(2) {
            "6 4"
        } else {
            "2 3"
        };
        format!(
            "stroke=\"#{}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"",
            self.style.colours.chart_references.nth(index).hex()
        )
    }

    /// Upright bars or lines over the categories; the drawing and its height.
    fn columns(&self, chart: &Chart) -> (String, f64) {
        let mut svg = String::new();
        let plot_width = WIDTH - LEFT - RIGHT;
        let plot_height = HEIGHT - TOP - BOTTOM;
        let span = chart.axis.max - chart.axis.min;
        let span = if span.is_finite() && span > 0.0 {
            span
        } else {
            1.0
        };
        let y = |value: f64| {
            let share = ((value - chart.axis.min) / span).clamp(0.0, 1.0);
            TOP + plot_height - share * plot_height
        };
        let count = chart.labels.len().max(1) as f64;
        let slot = plot_width / count;
        let x = |index: usize| LEFT + (index as f64 + 0.5) * slot;
        for (value, label) in &chart.axis.ticks {
            svg.push_str(&format!(
                "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d2d2d2\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"tick\">{}</text>\n",
                LEFT + plot_width,
                y(*value),
                y(*value),
                LEFT - 6.0,
                y(*value) + 4.0,
                html_text(label)
            ));
        }
        for (index, reference) in chart.references.iter().enumerate() {
            svg.push_str(&format!(
                "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" {}/>\n",
                LEFT + plot_width,
                y(reference.value),
                y(reference.value),
                self.reference_stroke(index)
            ));
        }
        let series_count = chart.series.len().max(1) as f64;
        let bar_width = slot * 0.6 / series_count;
        for (number, series) in chart.series.iter().enumerate() {
            let colour = self.series_colour(number);
            if chart.plot == ChartKind::Bar {
                for (index, value) in series.values.iter().enumerate() {
                    let left = x(index) - slot * 0.3 + number as f64 * bar_width;
                    let shown = series.shown.get(index).map(String::as_str).unwrap_or("");
                    match value {
                        Some(value) if value.is_finite() => {
                            let top = y(*value);
                            svg.push_str(&format!(
                                "<rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{bar_width:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>\n",
                                (TOP + plot_height - top).max(0.0)
                            ));
                            if !shown.is_empty() {
                                svg.push_str(&format!(
                                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"value\">{}</text>\n",
                                    left + bar_width / 2.0,
                                    top - 4.0,
                                    html_text(shown)
                                ));
                            }
                        }
                        _ => {
                            let missing = if shown.is_empty() { "no figure" } else { shown };
                            svg.push_str(&format!(
                                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"value\">{}</text>\n",
                                left + bar_width / 2.0,
                                TOP + plot_height - 4.0,
                                html_text(missing)
                            ));
                        }
                    }
                }
            } else {
                // Runs of known values are joined; a missing value breaks the line.
                let mut run: Vec<(f64, f64)> = Vec::new();
                let mut runs = Vec::new();
                for (index, value) in series.values.iter().enumerate() {
                    match value {
                        Some(value) if value.is_finite() => run.push((x(index), y(*value))),
                        _ => runs.push(std::mem::take(&mut run)),
                    }
                }
                runs.push(run);
                for run in runs.into_iter().filter(|run| !run.is_empty()) {
                    let points: Vec<String> =
                        run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
                    svg.push_str(&format!(
                        "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>\n",
                        points.join(" ")
                    ));
                    for (x, y) in run {
                        svg.push_str(&format!(
                            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{colour}\"/>\n"
                        ));
                    }
                }
            }
        }
        svg.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#505050\"/>\n",
            LEFT + plot_width,
            TOP + plot_height,
            TOP + plot_height
        ));
        for (index, label) in chart.labels.iter().enumerate() {
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"label\">{}</text>\n",
                x(index),
                TOP + plot_height + 18.0,
                html_text(label)
            ));
        }
        (svg, HEIGHT)
    }

    /// One horizontal bar per category, labelled on the left, its value at its end.
    fn horizontal_bars(&self, chart: &Chart) -> (String, f64) {
        let mut svg = String::new();
        let row = 26.0;
        let label_width = WIDTH * 0.38;
        let bar_area = WIDTH - label_width - 80.0;
        let span = chart.axis.max - chart.axis.min;
        let span = if span.is_finite() && span > 0.0 {
            span
        } else {
            1.0
        };
        let colour = self.series_colour(0);
        let Some(series) = chart.series.first() else {
            return (svg, row);
        };
        for (index, label) in chart.labels.iter().enumerate() {
            let middle = row * (index as f64 + 0.5);
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"label\">{}</text>\n",
                label_width - 6.0,
                middle + 4.0,
                html_text(label)
            ));
            let shown = series.shown.get(index).map(String::as_str).unwrap_or("");
            match series.values.get(index).copied().flatten() {
                Some(value) if value.is_finite() => {
                    let length = ((value - chart.axis.min) / span).clamp(0.0, 1.0) * bar_area;
                    svg.push_str(&format!(
                        "<rect x=\"{label_width:.1}\" y=\"{:.1}\" width=\"{length:.1}\" height=\"12\" fill=\"{colour}\"/>\n",
                        middle - 6.0
                    ));
                    svg.push_str(&format!(
                        "<text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{}</text>\n",
                        label_width + length + 6.0,
                        middle + 4.0,
                        html_text(shown)
                    ));
                }
                _ => svg.push_str(&format!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{}</text>\n",
                    label_width + 6.0,
                    middle + 4.0,
                    html_text(shown)
                )),
            }
        }
        (svg, (row * chart.labels.len() as f64).max(row))
    }

    /// The series and reference lines named beside their colours (not for horizontal bars,
    /// whose one series is named by the title).
    fn legend(&mut self, chart: &Chart) {
        if chart.plot == ChartKind::HorizontalBar {
            return;
        }
        self.out.push_str("<ul class=\"legend\">");
        for (index, series) in chart.series.iter().enumerate() {
            self.out.push_str(&format!(
                "<li><svg class=\"key\" width=\"20\" height=\"10\" aria-hidden=\"true\"><rect width=\"20\" height=\"4\" y=\"3\" fill=\"{}\"/></svg> {}</li>",
                self.series_colour(index),
                html_text(&series.name)
            ));
        }
        for (index, reference) in chart.references.iter().enumerate() {
            self.out.push_str(&format!(
                "<li><svg class=\"key\" width=\"24\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" x2=\"24\" y1=\"5\" y2=\"5\" {}/></svg> {}</li>",
                self.reference_stroke(index),
                html_text(&reference.name)
            ));
        }
        self.out.push_str("</ul>\n");
    }

    /// The chart's figures as a table under a summary a reader opens.
    fn chart_data(&mut self, chart: &Chart) {
        let numbers = &self.style.numbers;
        let mut table = String::new();
        table.push_str("<table>\n<thead><tr><td></td>");
        for series in &chart.series {
            table.push_str(&format!(
                "<th scope=\"col\">{}</th>",
                html_text(&series.name)
            ));
        }
        table.push_str("</tr></thead>\n<tbody>\n");
        for (index, label) in chart.labels.iter().enumerate() {
            table.push_str(&format!("<tr><th scope=\"row\">{}</th>", html_text(label)));
            for series in &chart.series {
                let shown = series.shown.get(index).map(String::as_str).unwrap_or("");
                let text = match series.values.get(index).copied().flatten() {
                    Some(value) if value.is_finite() => {
                        format::chart_value(value, chart.numbers, numbers)
                    }
                    _ if !shown.is_empty() => shown.to_string(),
                    _ => "no figure".to_string(),
                };
                table.push_str(&format!(
                    "<td class=\"align-right\">{}</td>",
                    html_text(&text)
                ));
            }
            table.push_str("</tr>\n");
        }
        table.push_str("</tbody>\n</table>\n");
        self.out.push_str(&format!(
            "<details class=\"chart-data\"><summary>{}</summary>\n",
            html_text(self.style.website.chart_data.as_str())
        ));
        let name = format!(
            "{}: {}",
            chart.title,
            self.style.website.chart_data.as_str()
        );
        self.open_region("table-wrap", &name);
        self.out.push_str(&table);
        self.out.push_str("</section>\n</details>\n");
    }
}
