//! Every printed form of a number or a date, in British house style: "1,167", "91.3%", "+4",
//! "13 May 2022", "15th February, 2022", "15/02/22", "Dec-21", "2021/22", paragraph numbers
//! "2." and "3.2.1", and those numbers as a house style prints them ([`localised`]). The bottom
//! of the crate: it imports only the model's `Date` and `PageRange` and the house style's data.

use crate::model::{ChartNumbers, Date, PageRange};
use crate::style::{DatePattern, DatePiece, Labels, NumberStyle};

/// The most decimal places a figure is printed with: council figures never need more, and
/// beyond about 12 significant digits a double holds only noise.
pub const MOST_PLACES: u32 = 6;

/// Round half away from zero at `places` decimals (at most [`MOST_PLACES`]; content asking for
/// more is refused where it is written), working on the decimal digits so that 0.05 rounds to
/// 0.1 (binary floating point stores it a hair below).
pub fn round_half_up(value: f64, places: u32) -> f64 {
    if !value.is_finite() {
        return value;
    }
    let places = places.min(MOST_PLACES);
    // 12 significant decimals is far beyond any council figure and below f64's noise.
    let text = format!("{:.12}", value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let places = places as usize;
    let kept = &fraction[..places.min(fraction.len())];
    let next = fraction.as_bytes().get(places).copied().unwrap_or(b'0');
    let mut digits: Vec<u8> = format!("{whole}{kept}").into_bytes();
    if next >= b'5' {
        let mut index = digits.len();
        loop {
            if index == 0 {
                digits.insert(0, b'1');
                break;
            }
            index -= 1;
            if digits[index] == b'9' {
                digits[index] = b'0';
            } else {
                digits[index] += 1;
                break;
            }
        }
    }
    let digits = String::from_utf8(digits).unwrap_or_default();
    let split = digits.len() - places;
    let rounded: f64 = format!("{}.{}", &digits[..split], &digits[split..])
        .trim_end_matches('.')
        .parse()
        .unwrap_or(0.0);
    if value < 0.0 { -rounded } else { rounded }
}

/// Month names as printed in British dates.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of a month, 1-12 ("May"); a month out of range is clamped into it.
pub fn month_name(month: u8) -> &'static str {
    MONTHS[usize::from(month.clamp(1, 12)) - 1]
}

/// The month (1-12) a full or three-letter English name stands for, in any case.
pub fn month_from_name(name: &str) -> Option<u8> {
    MONTHS
        .iter()
        .position(|full| full.eq_ignore_ascii_case(name) || full[..3].eq_ignore_ascii_case(name))
        .map(|index| index as u8 + 1)
}
/// `value` rounded half up to `places` decimals, with thousands separators: "1,167", "99.9".
pub fn number(value: f64, places: u32) -> String {
    let places = places.min(MOST_PLACES);
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

/// A count of people or things, whole, with thousands separators: "5", "1,167".
pub fn count(value: u32) -> String {
    number(f64::from(value), 0)
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
    format!("{}-{:02}", &month_name(month)[..3], year.rem_euclid(100))
}

/// A month, long: "December 2021".
pub fn long_month(year: i32, month: u8) -> String {
    format!("{} {year}", month_name(month))
}

/// A number as plain text in narrative: no float noise ("574", "-0.6", "91.333333"), no
/// thousands separators, six decimals at most, and never "-0".
pub fn plain(value: f64) -> String {
    // Six decimals hide float noise (91.3 - 91.9); trailing zeros go ("574", not "574.0").
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0" } else { text }.to_string()
}

/// A number as written in a figures table: whole numbers with thousands separators ("1,167"),
/// fractions with the digits they were written with ("2.25").
pub fn as_written(value: f64) -> String {
    if value.fract() == 0.0 {
        return number(value, 0);
    }
    let text = format!("{value}");
    let places = text
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    match u32::try_from(places) {
        Ok(places) if places <= MOST_PLACES => number(value, places),
        _ => text,
    }
}

/// The decimal places a figure was written with ("2.25" has 2, "1167" none), at most
/// [`MOST_PLACES`]: a sum of written figures is printed with as many as the most precise of them.
pub fn places_written(value: f64) -> u32 {
    if value.fract() == 0.0 {
        return 0;
    }
    let text = format!("{value}");
    let places = text
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    u32::try_from(places).map_or(MOST_PLACES, |places| places.min(MOST_PLACES))
}

/// A row label that is a number, as written: a year is "2018", not "2,018".
pub fn label(value: f64) -> String {
    format!("{value}")
}

/// A number printed by this module (British: "1,167.5", "91.3%", "2.5 percentage points",
/// "+4") as the house style prints numbers: its separators and its words for percentages.
/// Nothing changes in British style.
pub fn localised(british: &str, style: &NumberStyle) -> String {
    if style.is_british() {
        return british.to_string();
    }
    let digits = |text: &str| {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                ',' => out.push_str(style.thousands.as_str()),
                '.' => out.push_str(style.decimal.as_str()),
                other => out.push(other),
            }
        }
        out
    };
    if let Some(number) = british.strip_suffix(" percentage points") {
        style.percentage_points.fill(&digits(number))
    } else if let Some(number) = british.strip_suffix('%') {
        style.percent.fill(&digits(number))
    } else {
        digits(british)
    }
}

/// A chart's value as the house style prints it: "91.3%", "1,167".
pub fn chart_value(value: f64, numbers: ChartNumbers, style: &NumberStyle) -> String {
    let british = if numbers.percent {
        percent(value, numbers.decimal_places)
    } else {
        number(value, numbers.decimal_places)
    };
    localised(&british, style)
}

/// The number format code a spreadsheet or a Word chart reads (`#,##0.0"%"`) to print chart
/// values as [`chart_value`] does. Such a code names no separators: a reader prints its own
/// locale's, which are the house style's where [`spreadsheet_separators_match`].
pub fn spreadsheet_number_format(numbers: ChartNumbers, style: &NumberStyle) -> String {
    let places = numbers.decimal_places.min(MOST_PLACES) as usize;
    let mut digits = String::from(if style.thousands.as_str().is_empty() {
        "0"
    } else {
        "#,##0"
    });
    if places > 0 {
        digits.push('.');
        digits.push_str(&"0".repeat(places));
    }
    if !numbers.percent {
        return digits;
    }
    // A bare `%` would multiply by 100: the pattern's words are written as literal text.
    let filled = style.percent.fill("\u{0}");
    let (before, after) = filled.split_once('\u{0}').unwrap_or((filled.as_str(), ""));
    format!(
        "{}{digits}{}",
        spreadsheet_literal(before),
        spreadsheet_literal(after)
    )
}

/// Whether a reader whose locale writes "1,167.5" prints chart values exactly as the house style
/// does from [`spreadsheet_number_format`]: separators "," (or none) and ".".
pub fn spreadsheet_separators_match(style: &NumberStyle) -> bool {
    matches!(style.thousands.as_str(), "," | "") && style.decimal.as_str() == "."
}

/// Text a number format code prints as written: quoted, or character by character where it
/// holds a quote.
fn spreadsheet_literal(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else if text.contains('"') {
        text.chars()
            .flat_map(|character| ['\\', character])
            .collect()
    } else {
        format!("\"{text}\"")
    }
}

/// A date as the house style's `pattern` prints it: "{weekday} {day} {month} {year}" gives
/// "Friday 13 May 2022".
pub fn date(date: Date, pattern: &DatePattern) -> String {
    let mut text = String::new();
    for piece in pattern.pieces() {
        match piece {
            DatePiece::Text(words) => text.push_str(words),
            DatePiece::Part("weekday") => text.push_str(weekday(date)),
            DatePiece::Part("weekday_short") => text.push_str(weekday(date).get(..3).unwrap_or("")),
            DatePiece::Part("day") => text.push_str(&date.day.to_string()),
            DatePiece::Part("day_ordinal") => text.push_str(&ordinal(date.day)),
            DatePiece::Part("dd") => text.push_str(&format!("{:02}", date.day)),
            DatePiece::Part("month") => text.push_str(month_name(date.month)),
            DatePiece::Part("month_short") => {
                text.push_str(month_name(date.month).get(..3).unwrap_or(""));
            }
            DatePiece::Part("mm") => text.push_str(&format!("{:02}", date.month)),
            DatePiece::Part("year") => text.push_str(&date.year.to_string()),
            DatePiece::Part("yy") => text.push_str(&format!("{:02}", date.year.rem_euclid(100))),
            // A pattern is checked when read: it names only the parts above.
            DatePiece::Part(_) => {}
        }
    }
    text
}

/// "13th December 2022", as narrative's `date` filter prints a date.
pub fn ordinal_long_date(date: Date) -> String {
    format!(
        "{} {} {}",
        ordinal(date.day),
        month_name(date.month),
        date.year
    )
}

/// A change in percentage with its sign: "+2.5%".
pub fn signed_percent(value: f64, places: u32) -> String {
    format!("{}%", signed(value, places))
}

/// A difference between two percentages: "2.5 percentage points".
pub fn percentage_points(value: f64, places: u32) -> String {
    format!("{} percentage points", number(value, places))
}

/// "2022-05-13", for file names and file metadata.
pub fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

/// A meeting's start time as written ("1.00 p.m.", "6.30 pm", "10am", "18:30", "noon"), as
/// hours (0-23) and minutes; `None` if it cannot be read as one time.
pub fn clock_time(text: &str) -> Option<(u8, u8)> {
    let lower = text.trim().to_ascii_lowercase().replace(['.', ' '], "");
    if lower == "noon" || lower == "midday" {
        return Some((12, 0));
    }
    // "12.00 noon" is twelve in the afternoon.
    let lower = match lower.strip_suffix("noon") {
        Some(rest) => format!("{rest}pm"),
        None => lower,
    };
    let (digits, half) = if let Some(rest) = lower.strip_suffix("am") {
        (rest, Some(false))
    } else if let Some(rest) = lower.strip_suffix("pm") {
        (rest, Some(true))
    } else {
        (lower.as_str(), None)
    };
    let digits = digits.replace(':', "");
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // "100" is 1.00, "1830" 18.30, "10" ten o'clock.
    let (hours, minutes) = if digits.len() <= 2 {
        (digits.parse::<u8>().ok()?, 0)
    } else {
        let split = digits.len() - 2;
        (
            digits[..split].parse::<u8>().ok()?,
            digits[split..].parse::<u8>().ok()?,
        )
    };
    if minutes > 59 {
        return None;
    }
    let hours = match half {
        Some(_) if hours == 0 || hours > 12 => return None,
        Some(false) => hours % 12,
        Some(true) => hours % 12 + 12,
        None if hours > 23 => return None,
        None => hours,
    };
    Some((hours, minutes))
}

/// A file's size as a reader sees it: "840 bytes", "111 KB", "1.4 MB" (1 KB = 1,000 bytes).
pub fn file_size(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{} KB", (bytes + 500) / 1_000),
        _ => format!("{} MB", number(bytes as f64 / 1_000_000.0, 1)),
    }
}

/// Day of the week of a date ("Friday"); an impossible date (31 February) gives "".
pub fn weekday(date: Date) -> &'static str {
    let Ok(month) = time::Month::try_from(date.month) else {
        return "";
    };
    match time::Date::from_calendar_date(date.year, month, date.day) {
        Ok(date) => match date.weekday() {
            time::Weekday::Monday => "Monday",
            time::Weekday::Tuesday => "Tuesday",
            time::Weekday::Wednesday => "Wednesday",
            time::Weekday::Thursday => "Thursday",
            time::Weekday::Friday => "Friday",
            time::Weekday::Saturday => "Saturday",
            time::Weekday::Sunday => "Sunday",
        },
        Err(_) => "",
    }
}

/// A date written year-month-day (`2022-05-13`), or what is wrong with it: "`2022-02-30` is
/// not a date: February 2022 has 28 days".
pub fn read_date(text: &str) -> Result<Date, String> {
    let mut parts = text.trim().splitn(3, '-');
    let mut number = || parts.next().and_then(|part| part.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number(), number(), number()) else {
        return Err(format!(
            "`{text}` is not a date: write it as year-month-day, e.g. 2022-05-13"
        ));
    };
    if !(1000..=9999).contains(&year) {
        return Err(format!(
            "`{text}` is not a date: write it as year-month-day, e.g. 2022-05-13"
        ));
    }
    let Some(month) = u8::try_from(month)
        .ok()
        .and_then(|month| time::Month::try_from(month).ok())
    else {
        return Err(format!("`{text}` is not a date: there is no month {month}"));
    };
    let year = year as i32;
    let days = month.length(year);
    match u8::try_from(day) {
        Ok(day) if (1..=days).contains(&day) => Ok(Date {
            year,
            month: u8::from(month),
            day,
        }),
        _ => Err(format!(
            "`{text}` is not a date: {} {year} has {days} days",
            month_name(u8::from(month))
        )),
    }
}

/// What is wrong with `text` as a date (see [`read_date`]), if anything.
pub fn date_problem(text: &str) -> Option<String> {
    read_date(text).err()
}

/// "15th" / "1st" / "22nd" / "23rd".
pub fn ordinal(day: u8) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// "2021/22": the financial year that starts in `start_year`.
pub fn financial_year(start_year: i32) -> String {
    format!("{start_year}/{:02}", (start_year + 1).rem_euclid(100))
}

/// The house style's printed form of a paragraph number: "2." for a section, "2.1", "3.2.1"
/// below it.
pub fn paragraph_number(parts: &[u32]) -> String {
    match parts {
        [only] => format!("{only}."),
        _ => parts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("."),
    }
}

/// An agenda item's printed number: "4.", or "6.1" for a part of item 6.
pub fn item_number(parts: &[u32]) -> String {
    paragraph_number(parts)
}

/// "(Pages 3 - 7)", or "(Page 5)" for a single page, as the agenda prints an item's papers
/// (with no-break spaces, so the range never splits across lines).
pub fn page_range(range: PageRange, labels: &Labels) -> String {
    if range.first == range.last {
        format!("({}\u{a0}{})", labels.page.as_str(), range.first)
    } else {
        format!(
            "({}\u{a0}{}\u{a0}-\u{a0}{})",
            labels.pages.as_str(),
            range.first,
            range.last
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn meeting_times_are_read_as_written() {
        let table = [
            ("1.00 p.m.", Some((13, 0))),
            ("6.30 pm", Some((18, 30))),
            ("10am", Some((10, 0))),
            ("12.00 noon", Some((12, 0))),
            ("noon", Some((12, 0))),
            ("12.15 a.m.", Some((0, 15))),
            ("12.15 p.m.", Some((12, 15))),
            ("18:30", Some((18, 30))),
            ("0930", Some((9, 30))),
            ("25:00", None),
            ("13 pm", None),
            ("10.75 am", None),
            ("after the previous meeting", None),
            ("", None),
        ];
        for (text, time) in table {
            assert_eq!(clock_time(text), time, "{text}");
        }
    }

    #[test]
    fn file_sizes_read_as_a_reader_expects() {
        assert_eq!(file_size(840), "840 bytes");
        assert_eq!(file_size(111_317), "111 KB");
        assert_eq!(file_size(1_432_000), "1.4 MB");
    }

    use super::*;

    #[test]
    fn dates_say_what_is_wrong_with_them() {
        assert_eq!(
            date_problem("2022-02-30").as_deref(),
            Some("`2022-02-30` is not a date: February 2022 has 28 days")
        );
        assert_eq!(date_problem("2024-02-29"), None);
        assert!(date_problem("2022-13-01").unwrap().contains("no month 13"));
        assert!(
            date_problem("13/05/2022")
                .unwrap()
                .contains("year-month-day")
        );
    }

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

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
        assert_eq!(ordinal_long_date(date(2022, 12, 13)), "13th December 2022");
    }

    #[test]
    fn rounds_half_up_on_decimal_digits() {
        assert_eq!(round_half_up(0.05, 1), 0.1);
        assert_eq!(round_half_up(94.72, 1), 94.7);
        assert_eq!(round_half_up(94.75, 1), 94.8);
        assert_eq!(round_half_up(1.005, 2), 1.01);
        assert_eq!(round_half_up(99.95, 1), 100.0);
        assert_eq!(round_half_up(-0.65, 1), -0.7);
        assert_eq!(round_half_up(2.5, 0), 3.0);
        assert_eq!(round_half_up(1167.0 / 1232.0 * 100.0, 1), 94.7);
    }

    #[test]
    fn plain_numbers_and_numbers_as_written() {
        assert_eq!(plain(574.0), "574");
        assert_eq!(plain(91.3 - 91.9), "-0.6");
        assert_eq!(plain(-0.0000001), "0");
        assert_eq!(as_written(1167.0), "1,167");
        assert_eq!(as_written(2.25), "2.25");
        assert_eq!(as_written(12345.5), "12,345.5");
        assert_eq!(label(2018.0), "2018");
    }

    #[test]
    fn places_as_written() {
        assert_eq!(places_written(1167.0), 0);
        assert_eq!(places_written(2.25), 2);
        assert_eq!(places_written(-0.5), 1);
        assert_eq!(places_written(1.0 / 3.0), MOST_PLACES);
    }

    #[test]
    fn dates_print_in_house_style() {
        let dates = crate::style::HouseStyle::built_in().dates;
        let shown = |day, pattern| super::date(day, pattern);
        assert_eq!(shown(date(2022, 5, 13), &dates.long), "13 May 2022");
        assert_eq!(
            shown(date(2022, 5, 13), &dates.meeting),
            "Friday 13 May 2022"
        );
        assert_eq!(shown(date(2022, 2, 15), &dates.held), "15th February, 2022");
        assert_eq!(
            shown(date(2022, 6, 14), &dates.future_first),
            "Tuesday, 14th June, 2022"
        );
        assert_eq!(shown(date(2022, 9, 13), &dates.future), "13th September");
        assert_eq!(shown(date(2022, 2, 15), &dates.running_header), "15/02/22");
        let every_part = crate::style::DatePattern::try_from(
            "{weekday_short} {dd}.{mm}.{yy} {month_short} {day_ordinal} {year} {nothing"
                .to_string(),
        );
        assert!(every_part.is_err(), "an unclosed part is refused");
        let every_part = crate::style::DatePattern::try_from(
            "{weekday_short} {dd}.{mm}.{yy} {month_short} {day_ordinal} {year}".to_string(),
        )
        .unwrap();
        assert_eq!(
            shown(date(2023, 1, 2), &every_part),
            "Mon 02.01.23 Jan 2nd 2023"
        );
        assert_eq!(signed_percent(2.54, 1), "+2.5%");
        assert_eq!(percentage_points(-1.25, 1), "-1.3 percentage points");
        assert_eq!(shown(date(2022, 2, 5), &dates.numeric), "05/02/2022");
        assert_eq!(iso_date(date(2022, 5, 3)), "2022-05-03");
        assert_eq!(financial_year(2021), "2021/22");
        assert_eq!(financial_year(2099), "2099/00");
    }

    #[test]
    fn weekdays_ordinals_and_real_dates() {
        assert_eq!(weekday(date(2022, 5, 13)), "Friday");
        assert_eq!(weekday(date(2022, 2, 15)), "Tuesday");
        assert_eq!(weekday(date(2023, 3, 28)), "Tuesday");
        assert_eq!(weekday(date(2000, 2, 29)), "Tuesday");
        assert_eq!(weekday(date(2022, 2, 30)), "");
        assert!(read_date("2024-02-29").is_ok());
        assert!(read_date("2023-02-29").is_err());
        assert!(read_date("2023-13-01").is_err());
        assert!(
            read_date("2022-5-13").is_ok(),
            "unpadded, as authors type it"
        );
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(23), "23rd");
        assert_eq!(ordinal(111), "111th");
    }

    #[test]
    fn paragraph_and_item_numbers() {
        assert_eq!(paragraph_number(&[2]), "2.");
        assert_eq!(paragraph_number(&[2, 1]), "2.1");
        assert_eq!(paragraph_number(&[3, 2, 1]), "3.2.1");
        assert_eq!(item_number(&[4]), "4.");
        assert_eq!(item_number(&[6, 1]), "6.1");
        let labels = crate::style::HouseStyle::built_in().labels;
        let pages = |first, last| page_range(PageRange { first, last }, &labels);
        assert_eq!(pages(3, 7), "(Pages\u{a0}3\u{a0}-\u{a0}7)");
        assert_eq!(pages(5, 5), "(Page\u{a0}5)");
        assert_eq!(month_from_name("dec"), Some(12));
        assert_eq!(month_from_name("September"), Some(9));
        assert_eq!(month_from_name("Sept"), None);
    }

    #[test]
    fn chart_values_and_their_spreadsheet_format() {
        let british = NumberStyle::default();
        let percentages = ChartNumbers {
            decimal_places: 1,
            percent: true,
        };
        let counts = ChartNumbers {
            decimal_places: 0,
            percent: false,
        };
        assert_eq!(chart_value(91.25, percentages, &british), "91.3%");
        assert_eq!(chart_value(1167.0, counts, &british), "1,167");
        assert_eq!(
            spreadsheet_number_format(percentages, &british),
            "#,##0.0\"%\""
        );
        assert_eq!(spreadsheet_number_format(counts, &british), "#,##0");
        assert!(spreadsheet_separators_match(&british));
        let words: NumberStyle = serde_saphyr::from_str(
            "{thousands: \" \", decimal: \",\", percent: \"{number} per \\\"cent\\\"\", percentage_points: \"{number} points\"}",
        )
        .unwrap();
        assert_eq!(chart_value(91.25, percentages, &words), "91,3 per \"cent\"");
        assert_eq!(
            spreadsheet_number_format(percentages, &words),
            "#,##0.0\\ \\p\\e\\r\\ \\\"\\c\\e\\n\\t\\\""
        );
        assert!(!spreadsheet_separators_match(&words));
    }
}
