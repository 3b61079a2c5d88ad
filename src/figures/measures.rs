//! Judging a figure: RAG rating against a target and tolerances, and direction of travel against
//! the previous period, both through the indicator's polarity.

use crate::content::figures::{Polarity, Target};

/// A RAG rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rag {
    /// Off target.
    Red,
    /// Within tolerance.
    Amber,
    /// On target.
    Green,
}

impl Rag {
    /// The word printed in the cell, so the colour is never the only signal.
    pub fn word(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
        }
    }
}

/// Rate a (rounded) value. `None` when there is no value, no target, or the indicator is info only.
pub fn rag(value: Option<f64>, polarity: Polarity, target: Option<&Target>) -> Option<Rag> {
    let value = value?;
    let target = target?;
    match polarity {
        Polarity::Info => None,
        Polarity::High => {
            if target.green.is_some_and(|green| value >= green) {
                Some(Rag::Green)
            } else if target.amber.is_some_and(|amber| value >= amber) {
                Some(Rag::Amber)
            } else if target.amber.is_some() || target.green.is_some() {
                Some(Rag::Red)
            } else {
                None
            }
        }
        Polarity::Low => {
            if target.red.is_some_and(|red| value >= red) {
                Some(Rag::Red)
            } else if target.amber.is_some_and(|amber| value >= amber) {
                Some(Rag::Amber)
            } else if target.amber.is_some() || target.red.is_some() {
                Some(Rag::Green)
            } else {
                None
            }
        }
    }
}

/// Direction of travel since the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Moved the good way.
    Improved,
    /// Moved the bad way.
    Declined,
    /// Did not move.
    Unchanged,
    /// Went up (info only: no judgement).
    Up,
    /// Went down (info only).
    Down,
    /// Did not move (info only).
    Same,
}

impl Direction {
    /// Arrow and words printed in the cell (the words carry the meaning; the arrow helps).
    pub fn label(self) -> &'static str {
        match self {
            Direction::Improved => "↑ improved",
            Direction::Declined => "↓ declined",
            Direction::Unchanged => "→ same",
            Direction::Up => "↑ up",
            Direction::Down => "↓ down",
            Direction::Same => "→ same",
        }
    }

    /// One word for narrative and alt text.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Improved => "improved",
            Direction::Declined => "declined",
            Direction::Unchanged | Direction::Same => "unchanged",
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// Compare two (rounded) values through the polarity. `None` if either is missing.
pub fn direction(
    current: Option<f64>,
    previous: Option<f64>,
    polarity: Polarity,
) -> Option<Direction> {
    let (current, previous) = (current?, previous?);
    let ordering = current.partial_cmp(&previous)?;
    use std::cmp::Ordering::{Equal, Greater, Less};
    Some(match (polarity, ordering) {
        (Polarity::Info, Greater) => Direction::Up,
        (Polarity::Info, Less) => Direction::Down,
        (Polarity::Info, Equal) => Direction::Same,
        (_, Equal) => Direction::Unchanged,
        (Polarity::High, Greater) | (Polarity::Low, Less) => Direction::Improved,
        (Polarity::High, Less) | (Polarity::Low, Greater) => Direction::Declined,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn high(green: f64, amber: f64) -> Target {
        Target {
            green: Some(green),
            amber: Some(amber),
            red: None,
        }
    }

    fn low(amber: f64, red: f64) -> Target {
        Target {
            green: None,
            amber: Some(amber),
            red: Some(red),
        }
    }

    #[test]
    fn high_is_good_rag_including_the_thresholds_themselves() {
        let target = high(95.0, 87.0);
        assert_eq!(
            rag(Some(95.0), Polarity::High, Some(&target)),
            Some(Rag::Green)
        );
        assert_eq!(
            rag(Some(94.9), Polarity::High, Some(&target)),
            Some(Rag::Amber)
        );
        assert_eq!(
            rag(Some(87.0), Polarity::High, Some(&target)),
            Some(Rag::Amber)
        );
        assert_eq!(
            rag(Some(86.9), Polarity::High, Some(&target)),
            Some(Rag::Red)
        );
        assert_eq!(
            rag(Some(100.0), Polarity::High, Some(&target)),
            Some(Rag::Green)
        );
    }

    #[test]
    fn low_is_good_rag_including_the_thresholds_themselves() {
        let target = low(10.0, 18.0);
        assert_eq!(
            rag(Some(9.9), Polarity::Low, Some(&target)),
            Some(Rag::Green)
        );
        assert_eq!(
            rag(Some(10.0), Polarity::Low, Some(&target)),
            Some(Rag::Amber)
        );
        assert_eq!(
            rag(Some(17.9), Polarity::Low, Some(&target)),
            Some(Rag::Amber)
        );
        assert_eq!(
            rag(Some(18.0), Polarity::Low, Some(&target)),
            Some(Rag::Red)
        );
    }

    #[test]
    fn no_rag_without_a_value_a_target_or_for_info_only() {
        let target = high(95.0, 87.0);
        assert_eq!(rag(None, Polarity::High, Some(&target)), None);
        assert_eq!(rag(Some(50.0), Polarity::High, None), None);
        assert_eq!(rag(Some(50.0), Polarity::Info, Some(&target)), None);
    }

    #[test]
    fn one_sided_targets() {
        // "<487" days (low is good): red at and above.
        let only_red = Target {
            green: None,
            amber: None,
            red: Some(487.0),
        };
        assert_eq!(
            rag(Some(457.1), Polarity::Low, Some(&only_red)),
            Some(Rag::Green)
        );
        assert_eq!(
            rag(Some(487.0), Polarity::Low, Some(&only_red)),
            Some(Rag::Red)
        );
        // "85%+" (high is good) with no amber band.
        let only_green = Target {
            green: Some(85.0),
            amber: None,
            red: None,
        };
        assert_eq!(
            rag(Some(85.0), Polarity::High, Some(&only_green)),
            Some(Rag::Green)
        );
        assert_eq!(
            rag(Some(84.9), Polarity::High, Some(&only_green)),
            Some(Rag::Red)
        );
    }

    #[test]
    fn direction_through_polarity() {
        assert_eq!(
            direction(Some(96.7), Some(98.0), Polarity::High),
            Some(Direction::Declined)
        );
        assert_eq!(
            direction(Some(9.8), Some(10.1), Polarity::Low),
            Some(Direction::Improved)
        );
        assert_eq!(
            direction(Some(10.1), Some(9.8), Polarity::Low),
            Some(Direction::Declined)
        );
        assert_eq!(
            direction(Some(91.3), Some(94.1), Polarity::High),
            Some(Direction::Declined)
        );
        assert_eq!(
            direction(Some(5.0), Some(5.0), Polarity::High),
            Some(Direction::Unchanged)
        );
        assert_eq!(
            direction(Some(574.0), Some(564.0), Polarity::Info),
            Some(Direction::Up)
        );
        assert_eq!(
            direction(Some(4.0), Some(7.0), Polarity::Info),
            Some(Direction::Down)
        );
        assert_eq!(
            direction(Some(4.0), Some(4.0), Polarity::Info),
            Some(Direction::Same)
        );
        assert_eq!(direction(None, Some(4.0), Polarity::High), None);
        assert_eq!(direction(Some(4.0), None, Polarity::Low), None);
    }
}
