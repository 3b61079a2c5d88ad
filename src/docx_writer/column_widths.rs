//! Data table column widths: the model's shares of the width, widened so that no word in a
//! column has to break across lines ("TIMELIN/E"), taking the room from columns that have it.

use crate::fonts;
use crate::model::{self, Cell};

/// Twentieths of a point per point.
const TWIPS_PER_POINT: f64 = 20.0;
/// A cell's left and right margins together (the data table style's), in twips.
const CELL_MARGINS: usize = 80;
/// Room for the difference between this measure and a word processor's own layout, in twips.
const SLACK: usize = 30;
/// No column asks for more than this share of the table, however long a word (a web address):
/// such a word breaks rather than squeezing every other column.
const WIDEST_SHARE: f64 = 0.4;

/// Each column's width in twips for a table `total` twips wide, its text `size` points in the
/// font `family`: as the model's shares, except that a column narrower than its longest word
/// gets that word's width, and the other columns give up the room in proportion to theirs.
pub fn column_widths(table: &model::Table, family: &str, size: f64, total: usize) -> Vec<usize> {
    let longest = longest_words(table, family, size, total);
    fit(&table.widths, &longest, total)
}

/// The width each column needs for its longest word (header words bold), margins included.
fn longest_words(table: &model::Table, family: &str, size: f64, total: usize) -> Vec<usize> {
    let regular = fonts::TextMeasure::new(family, false);
    let bold = fonts::TextMeasure::new(family, true);
    let mut needed = vec![0usize; table.widths.len()];
    let mut measure = |cells: &[Cell], header: bool| {
        let mut column = 0;
        for cell in cells {
            if cell.span == 1
                && let Some(slot) = needed.get_mut(column)
            {
                let face = if header || cell.strong {
                    &bold
                } else {
                    &regular
                };
                let widest = cell
                    .text
                    .split_whitespace()
                    .map(|word| face.width(word, size))
                    .fold(0.0, f64::max);
                let twips = (widest * TWIPS_PER_POINT).ceil() as usize + CELL_MARGINS + SLACK;
                *slot = (*slot).max(twips);
            }
            column += usize::from(cell.span);
        }
    };
    for row in &table.header {
        measure(row, true);
    }
    for row in &table.rows {
        if let model::TableRow::Cells { cells } = row {
            measure(cells, false);
        }
    }
    let cap = (total as f64 * WIDEST_SHARE) as usize;
    needed.into_iter().map(|width| width.min(cap)).collect()
}

/// Widths in proportion to `shares` summing to `total`, none below its `minimum` where the
/// minimums fit at all: columns below theirs are fixed at it, and the rest share what is left,
/// until no column is below its minimum.
fn fit(shares: &[f32], minimums: &[usize], total: usize) -> Vec<usize> {
    let share_total: f64 = shares.iter().map(|share| f64::from(*share)).sum();
    if shares.is_empty() || share_total <= 0.0 {
        return vec![total / shares.len().max(1); shares.len()];
    }
    let proportional = |share: f32, of: f64, among: f64| (f64::from(share) / among * of) as usize;
    let plain: Vec<usize> = shares
        .iter()
        .map(|share| proportional(*share, total as f64, share_total))
        .collect();
    if minimums.iter().sum::<usize>() > total {
        return plain;
    }
    let mut fixed = vec![false; shares.len()];
    loop {
        let fixed_width: usize = (0..shares.len())
            .filter(|&column| fixed[column])
            .map(|column| minimums[column])
            .sum();
        let free_shares: f64 = (0..shares.len())
            .filter(|&column| !fixed[column])
            .map(|column| f64::from(shares[column]))
            .sum();
        let left = total.saturating_sub(fixed_width) as f64;
        let widths: Vec<usize> = (0..shares.len())
            .map(|column| {
                if fixed[column] {
                    minimums[column]
                } else {
                    proportional(shares[column], left, free_shares.max(f64::MIN_POSITIVE))
                }
            })
            .collect();
        let too_narrow: Vec<usize> = (0..shares.len())
            .filter(|&column| !fixed[column] && widths[column] < minimums[column])
            .collect();
        if too_narrow.is_empty() {
            return widths;
        }
        for column in too_narrow {
            fixed[column] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_keep_their_shares_when_every_word_fits() {
        assert_eq!(fit(&[1.0, 3.0], &[100, 100], 4000), vec![1000, 3000]);
    }

    #[test]
    fn a_narrow_column_takes_room_from_the_others_in_proportion() {
        let widths = fit(&[1.0, 1.0, 2.0], &[1600, 0, 0], 4000);
        assert_eq!(widths, vec![1600, 800, 1600]);
        assert!(widths.iter().sum::<usize>() <= 4000);
    }

    #[test]
    fn widening_one_column_can_push_another_below_its_word() {
        let widths = fit(&[1.0, 1.0, 2.0], &[1600, 900, 0], 4000);
        assert_eq!(widths, vec![1600, 900, 1500]);
    }

    #[test]
    fn words_that_cannot_all_fit_leave_the_shares_as_they_are() {
        assert_eq!(fit(&[1.0, 1.0], &[3000, 3000], 4000), vec![2000, 2000]);
    }

    #[test]
    fn the_longest_word_is_measured_in_the_bundled_font() {
        let wide = fonts::TextMeasure::new("Liberation Sans", true).width("TIMELINE", 7.5);
        let narrow = fonts::TextMeasure::new("Liberation Sans", false).width("iiii", 7.5);
        // Arial's metrics: "TIMELINE" in bold at 7.5 pt is about 35 pt wide.
        assert!((30.0..40.0).contains(&wide), "{wide}");
        assert!(narrow < 10.0, "{narrow}");
    }
}
