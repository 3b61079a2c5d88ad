//! British number and date formatting for figures in text and tables: "1,167", "91.3%", "+4",
//! "13th December 2022", "Dec-21".

use super::measures::round_half_up;
use crate::lower::{MONTHS, ordinal};

/// `value` rounded half up to `places` decimals, with thousands separators: "1,167", "99.9".
pub fn number(value: f64, places: u32) -> String {
    let places = places.min(super::measures::MOST_PLACES);
    let rounded = round_half_up(value, places);
    let text = format!("{:.*}", places as usize, rounded.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole.to_string(), Some(fraction.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A percentage figure (already in percent): "91.3%".
pub fn percent(value: f64, places: u32) -> String {
    format!("{}%", number(value, places))
}

/// A change with its sign: "+4", "-0.6", "0".
pub fn signed(value: f64, places: u32) -> String {
    let rounded = round_half_up(value, places);
    if rounded > 0.0 {
        format!("+{}", number(rounded, places))
    } else {
        number(rounded, places)
    }
}

/// A month, short: "Dec-21".
pub fn short_month(year: i32, month: u8) -> String {
    format!(
        "{}-{:02}",
        &MONTHS[usize::from(month.clamp(1, 12)) - 1][..3],
        year.rem_euclid(100)
    )
}

/// A month, long: "December 2021".
pub fn long_month(year: i32, month: u8) -> String {
    format!("{} {year}", MONTHS[usize::from(month.clamp(1, 12)) - 1])
}

/// A date with an ordinal day: "13th December 2022".
pub fn ordinal_day(year: i32, month: u8, day: u8) -> String {
    format!(
        "{} {} {year}",
        ordinal(day),
        MONTHS[usize::from(month.clamp(1, 12)) - 1]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number(1167.0, 0), "1,167");
        assert_eq!(number(1234567.891, 1), "1,234,567.9");
        assert_eq!(number(99.9, 1), "99.9");
        assert_eq!(number(67.0, 1), "67.0");
        assert_eq!(number(-1234.5, 0), "-1,235");
        assert_eq!(percent(91.25, 1), "91.3%");
        assert_eq!(percent(70.0, 0), "70%");
    }

    #[test]
    fn signed_changes() {
        assert_eq!(signed(4.0, 0), "+4");
        assert_eq!(signed(-0.6, 1), "-0.6");
        assert_eq!(signed(0.04, 1), "0.0");
        assert_eq!(signed(31.0, 0), "+31");
        assert_eq!(signed(-29.0, 0), "-29");
    }

    #[test]
    fn dates() {
        assert_eq!(short_month(2021, 12), "Dec-21");
        assert_eq!(long_month(2021, 9), "September 2021");
        assert_eq!(ordinal_day(2022, 12, 13), "13th December 2022");
    }
}
