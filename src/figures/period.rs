//! Months and spans of months: how figures are dated ("2021-12", "Dec-21", "2021-04..2021-08").

use std::fmt;

use crate::format;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Full year.
    pub year: i32,
    /// 1-12.
    pub month: u8,
}

impl Month {
    /// Read "2021-12" or "Dec-21" (also "Dec 21", "December 2021").
    pub fn parse(text: &str) -> Option<Month> {
        let text = text.trim();
        if let Some((year, month)) = text.split_once('-')
            && year.len() == 4
            && let (Ok(year), Ok(month)) = (year.parse::<i32>(), month.parse::<u8>())
        {
            return (1..=12).contains(&month).then_some(Month { year, month });
        }
        let (name, year) = text.split_once(['-', ' '])?;
        let month = format::month_from_name(name)?;
        let year: i32 = year.trim().parse().ok()?;
        let year = match year {
            0..=99 => 2000 + year,
            1000..=9999 => year,
            _ => return None,
        };
        Some(Month { year, month })
    }

    /// The month `count` months later (or earlier, if negative).
    pub fn plus(self, count: i32) -> Month {
        let index = self.year * 12 + i32::from(self.month) - 1 + count;
        Month {
            year: index.div_euclid(12),
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    /// The first month of the financial year this month is in.
    pub fn financial_year_start(self, start_month: u8) -> Month {
        let year = if self.month >= start_month {
            self.year
        } else {
            self.year - 1
        };
        Month {
            year,
            month: start_month,
        }
    }

    /// "2021/22" for the financial year starting in this month's year.
    pub fn financial_year_label(self, start_month: u8) -> String {
        format::financial_year(self.financial_year_start(start_month).year)
    }

    /// Quarter of the financial year, 1-4.
    pub fn quarter(self, start_month: u8) -> u8 {
        let offset = (i32::from(self.month) - i32::from(start_month)).rem_euclid(12);
        (offset / 3 + 1) as u8
    }

    /// The name narrative text uses for the month: `dec_21`.
    pub fn key(self) -> String {
        format!(
            "{}_{:02}",
            format::month_name(self.month)[..3].to_lowercase(),
            self.year.rem_euclid(100)
        )
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A month, or a span of months whose figure is known only as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// First month.
    pub first: Month,
    /// Last month (the same as `first` for one month).
    pub last: Month,
}

impl Period {
    /// Read "2021-09", "Sep-21" or "2021-04..2021-08".
    pub fn parse(text: &str) -> Option<Period> {
        match text.split_once("..") {
            Some((first, last)) => {
                let (first, last) = (Month::parse(first)?, Month::parse(last)?);
                (first <= last).then_some(Period { first, last })
            }
            None => Month::parse(text).map(|month| Period {
                first: month,
                last: month,
            }),
        }
    }

    /// Whether this is a single month.
    pub fn is_month(&self) -> bool {
        self.first == self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_months_and_spans() {
        let december = Month {
            year: 2021,
            month: 12,
        };
        assert_eq!(Month::parse("2021-12"), Some(december));
        assert_eq!(Month::parse("Dec-21"), Some(december));
        assert_eq!(Month::parse("December 2021"), Some(december));
        assert_eq!(Month::parse("2021-13"), None);
        assert_eq!(Month::parse("Foo-21"), None);
        let span = Period::parse("2021-04..2021-08").unwrap();
        assert_eq!((span.first.month, span.last.month), (4, 8));
        assert!(Period::parse("2021-08..2021-04").is_none());
    }

    #[test]
    fn financial_years_and_quarters() {
        let december = Month::parse("2021-12").unwrap();
        assert_eq!(
            december.financial_year_start(4),
            Month::parse("2021-04").unwrap()
        );
        assert_eq!(
            Month::parse("2022-02").unwrap().financial_year_label(4),
            "2021/22"
        );
        assert_eq!(december.quarter(4), 3);
        assert_eq!(Month::parse("2021-04").unwrap().quarter(4), 1);
        assert_eq!(Month::parse("2022-03").unwrap().quarter(4), 4);
        assert_eq!(december.plus(1), Month::parse("2022-01").unwrap());
        assert_eq!(december.plus(-12), Month::parse("2020-12").unwrap());
        assert_eq!(december.key(), "dec_21");
    }
}
