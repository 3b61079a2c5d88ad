//! Charts shared by every kind of paper: value axes with round ticks, and charts of categories
//! (a table's rows) with their text alternatives.

use crate::model::{Chart, ChartAxis, ChartKind, ChartNumbers, ChartSeries};

/// What a chart prints where a category has no value, rather than draw a bar of nothing.
pub const NO_FIGURE: &str = "no figure";

/// How a chart's kind is named in its text alternative.
pub fn kind_name(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Line => "Line chart",
        ChartKind::Bar | ChartKind::HorizontalBar => "Bar chart",
    }
}

/// A value axis with round ticks covering `values` (from zero for bars). Lowering refuses a chart
/// with no figures; were one to arrive, it gets an axis from 0 to 1 rather than a broken one.
pub fn axis(values: &[f64], from_zero: bool, show: impl Fn(f64) -> String) -> ChartAxis {
    let finite = || values.iter().copied().filter(|value| value.is_finite());
    if finite().next().is_none() {
        return axis(&[0.0, 1.0], from_zero, show);
    }
    let low = finite().fold(f64::INFINITY, f64::min);
    let high = finite().fold(f64::NEG_INFINITY, f64::max);
    let low = if from_zero { low.min(0.0) } else { low };
    let span = (high - low).max(high.abs() * 0.05).max(1e-9);
    let raw_step = span / 4.0;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|factor| factor * magnitude)
        .find(|step| *step >= raw_step)
        .unwrap_or(10.0 * magnitude);
    let min = (low / step).floor() * step;
    let max = (high / step).ceil() * step;
    let max = if max <= min { min + step } else { max };
    let mut ticks = Vec::new();
    let mut tick = min;
    // Four to eight ticks in practice; the bound keeps float extremes from looping on.
    while tick <= max + step * 1e-6 && ticks.len() < 20 {
        ticks.push((tick, show(tick)));
        tick += step;
    }
    ChartAxis { min, max, ticks }
}

/// A chart of labelled values (a table's rows), described in full for those who cannot see it.
/// A label without a value (the source gives none) leaves a gap and is said to have no figure.
/// `show` prints a value as `numbers` says.
pub fn category_chart(
    kind: ChartKind,
    title: &str,
    values: &[(String, Option<f64>)],
    numbers: ChartNumbers,
    show: impl Fn(f64) -> String,
) -> Chart {
    let known: Vec<(&str, f64)> = values
        .iter()
        .filter_map(|(label, value)| value.map(|value| (label.as_str(), value)))
        .collect();
    let plotted: Vec<f64> = known.iter().map(|(_, value)| *value).collect();
    let axis = axis(&plotted, kind != ChartKind::Line, &show);
    let listed: Vec<String> = values
        .iter()
        .map(|(label, value)| match value {
            Some(value) => format!("{label} {}", show(*value)),
            None => format!("{label} {NO_FIGURE}"),
        })
        .collect();
    let mut alt = format!("{} of {title}: {}.", kind_name(kind), listed.join("; "));
    if let (Some(largest), Some(smallest)) = (
        known.iter().max_by(|a, b| a.1.total_cmp(&b.1)),
        known.iter().min_by(|a, b| a.1.total_cmp(&b.1)),
    ) && known.len() > 2
    {
        alt.push_str(&format!(
            " Largest: {} ({}); smallest: {} ({}).",
            largest.0,
            show(largest.1),
            smallest.0,
            show(smallest.1)
        ));
    }
    Chart {
        plot: kind,
        title: title.to_string(),
        alt,
        labels: values.iter().map(|(label, _)| label.clone()).collect(),
        series: vec![ChartSeries {
            name: title.to_string(),
            values: values.iter().map(|(_, value)| *value).collect(),
            shown: values
                .iter()
                .map(|(_, value)| value.map_or_else(|| NO_FIGURE.to_string(), &show))
                .collect(),
        }],
        references: Vec::new(),
        axis,
        numbers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTS: ChartNumbers = ChartNumbers {
        decimal_places: 0,
        percent: false,
    };

    #[test]
    fn axes_have_round_ticks_around_the_values() {
        let axis = axis(&[564.0, 574.0, 568.0], false, |v| format!("{v}"));
        assert!(axis.min <= 564.0 && axis.max >= 574.0);
        assert!(
            axis.ticks.len() >= 3 && axis.ticks.len() <= 7,
            "{:?}",
            axis.ticks
        );
        let bars = super::axis(&[10.0, 19.0, 11.0, 19.0], true, |v| format!("{v}"));
        assert_eq!(bars.min, 0.0);
    }

    #[test]
    fn category_charts_describe_every_value() {
        let values = vec![
            ("Same day".to_string(), Some(353.0)),
            ("After Review".to_string(), Some(373.0)),
            ("5+ days before".to_string(), Some(414.0)),
        ];
        let chart = category_chart(
            ChartKind::HorizontalBar,
            "Report timeliness",
            &values,
            COUNTS,
            |v| format!("{v}"),
        );
        assert_eq!(
            chart.alt,
            "Bar chart of Report timeliness: Same day 353; After Review 373; 5+ days before 414. Largest: 5+ days before (414); smallest: Same day (353)."
        );
        assert_eq!(chart.axis.min, 0.0);
    }

    #[test]
    fn a_year_without_a_figure_is_a_gap_and_said_so() {
        let values = vec![
            ("2018".to_string(), None),
            ("2020".to_string(), Some(10.8)),
            ("2021".to_string(), Some(9.1)),
        ];
        let percentages = ChartNumbers {
            decimal_places: 1,
            percent: true,
        };
        let chart = category_chart(ChartKind::Bar, "3+ moves", &values, percentages, |v| {
            format!("{v}%")
        });
        assert_eq!(chart.series[0].values, vec![None, Some(10.8), Some(9.1)]);
        assert_eq!(chart.series[0].shown, vec!["no figure", "10.8%", "9.1%"]);
        assert_eq!(
            chart.alt,
            "Bar chart of 3+ moves: 2018 no figure; 2020 10.8%; 2021 9.1%."
        );
    }
}
