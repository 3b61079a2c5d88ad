//! The expression language of figures: minijinja with the figure filters ("number", "percent",
//! "signed", "short_month", "date", …), strict about undefined names and bounded in work. Named
//! computations are evaluated in it, and narrative text is rendered in it.

use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};

use super::period::Month;
use crate::format;
use crate::style::NumberStyle;

/// The work one text (or one computation) may do: about this many steps, or 64 times this many
/// bytes of data made. Real narrative uses a few hundred; a loop of a million steps or a string
/// of a gigabyte stops here with an error instead of hanging or exhausting the build.
pub const FUEL: u64 = 200_000;

/// An environment with the figure filters, strict about undefined names and bounded by [`FUEL`]:
/// what narrative and named computations are evaluated in.
pub fn environment() -> Environment<'static> {
    environment_with(&NumberStyle::default())
}

/// [`environment`] whose filters print numbers in the house style's `numbers` (narrative's;
/// figures are computed in British style and localised where they print).
pub fn environment_with(numbers: &NumberStyle) -> Environment<'static> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    environment.set_debug(true);
    environment.set_fuel(Some(FUEL));
    add_filters(&mut environment, numbers);
    environment
}

/// The year a financial year starts in (April to March): a year given as a number is its
/// start; a month or a date ("2022-03", "Mar-22", "2022-03-31") is in the year that holds it.
fn financial_year_start(value: &minijinja::Value) -> Result<i32, Error> {
    if let Some(year) = value.as_i64() {
        return i32::try_from(year)
            .ok()
            .filter(|year| (1000..=9998).contains(year))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("{year} is not a year a financial year starts in"),
                )
            });
    }
    let Some(text) = value.as_str() else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("`{value}` is not a year, a month or a date"),
        ));
    };
    let in_month = match crate::content::common::parse_date(text) {
        Some(date) => Month {
            year: date.year,
            month: date.month,
        },
        None => month(text)?,
    };
    let start = if in_month.month >= 4 {
        in_month.year
    } else {
        in_month.year - 1
    };
    if !(1000..=9998).contains(&start) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("`{text}` is not in a financial year papers print (1000/01 to 9998/99)"),
        ));
    }
    Ok(start)
}

fn month(text: &str) -> Result<Month, Error> {
    Month::parse(text).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("`{text}` is not a month"),
        )
    })
}

/// `value`, or an error if it is not a finite number (a division by zero, an overflow).
pub fn finite(value: f64) -> Result<f64, Error> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::new(
            ErrorKind::InvalidOperation,
            "the result is not a finite number (a division by zero, or a figure too large)",
        ))
    }
}

/// Decimal places asked of a filter, `default` if none: 0 to
/// [`MOST_PLACES`](crate::format::MOST_PLACES).
fn places(places: Option<u32>, default: u32) -> Result<u32, Error> {
    let places = places.unwrap_or(default);
    if places > crate::format::MOST_PLACES {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "{places} decimal places: figures are printed with 0 to {}",
                crate::format::MOST_PLACES
            ),
        ));
    }
    Ok(places)
}

/// Register every filter, numbers printed in `numbers`.
fn add_filters(environment: &mut Environment<'static>, numbers: &NumberStyle) {
    let style = std::sync::Arc::new(numbers.clone());
    let local = move |british: String| format::localised(&british, &style);
    let shown = local.clone();
    environment.add_filter(
        "number",
        move |value: f64, places: Option<u32>| -> Result<String, Error> {
            Ok(shown(format::number(
                finite(value)?,
                self::places(places, 0)?,
            )))
        },
    );
    let shown = local.clone();
    environment.add_filter(
        "percent",
        move |value: f64, places: Option<u32>| -> Result<String, Error> {
            Ok(shown(format::percent(
                finite(value)?,
                self::places(places, 1)?,
            )))
        },
    );
    let shown = local.clone();
    environment.add_filter(
        "percent_of",
        move |value: f64, total: f64, places: Option<u32>| -> Result<String, Error> {
            if total == 0.0 {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    "percent_of a total of zero",
                ));
            }
            Ok(shown(format::percent(
                finite(value / total * 100.0)?,
                self::places(places, 1)?,
            )))
        },
    );
    let shown = local.clone();
    environment.add_filter(
        "signed",
        move |value: f64, places: Option<u32>| -> Result<String, Error> {
            Ok(shown(format::signed(
                finite(value)?,
                self::places(places, 0)?,
            )))
        },
    );
    let shown = local.clone();
    environment.add_filter(
        "signed_percent",
        move |value: f64, places: Option<u32>| -> Result<String, Error> {
            Ok(shown(format::signed_percent(
                finite(value)?,
                self::places(places, 1)?,
            )))
        },
    );
    let shown = local.clone();
    environment.add_filter(
        "points",
        move |value: f64, places: Option<u32>| -> Result<String, Error> {
            Ok(shown(format::percentage_points(
                finite(value)?,
                self::places(places, 1)?,
            )))
        },
    );
    let shown = local;
    environment.add_filter("in_words", move |value: f64| -> Result<String, Error> {
        const WORDS: [&str; 11] = [
            "none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        ];
        let value = finite(value)?;
        // House style writes whole numbers up to ten in words, larger ones in figures.
        Ok(if value.fract() == 0.0 && (0.0..=10.0).contains(&value) {
            WORDS[value as usize].to_string()
        } else {
            shown(format::number(value, 0))
        })
    });
    environment.add_filter("short_month", |text: String| -> Result<String, Error> {
        let month = month(&text)?;
        Ok(format::short_month(month.year, month.month))
    });
    environment.add_filter("long_month", |text: String| -> Result<String, Error> {
        let month = month(&text)?;
        Ok(format::long_month(month.year, month.month))
    });
    environment.add_filter("month_name", |text: String| -> Result<String, Error> {
        let month = month(&text)?;
        Ok(format::month_name(month.month).to_string())
    });
    environment.add_filter(
        "quarter",
        |text: String, year_start: Option<u8>| -> Result<u8, Error> {
            Ok(month(&text)?.quarter(year_start.unwrap_or(4)))
        },
    );
    environment.add_filter(
        "financial_year",
        |value: minijinja::Value, separator: Option<String>| -> Result<String, Error> {
            let start = financial_year_start(&value)?;
            let separator = match separator.as_deref() {
                None | Some("/") => '/',
                Some("-") => '-',
                Some(other) => {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!("`{other}` is not a financial year style: give \"/\" (2021/22) or \"-\" (2021-22)"),
                    ));
                }
            };
            Ok(format::financial_year(start).replacen('/', &separator.to_string(), 1))
        },
    );
    environment.add_filter("date", |text: String| -> Result<String, Error> {
        let date = crate::content::common::parse_date(&text).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("`{text}` is not a date"),
            )
        })?;
        Ok(format::ordinal_long_date(date))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn financial_years_print_in_either_style() {
        let environment = environment();
        let shown = |template: &str| {
            environment
                .render_str(template, ())
                .map_err(|e| e.to_string())
        };
        assert_eq!(shown("{{ 2021 | financial_year }}").unwrap(), "2021/22");
        assert_eq!(
            shown("{{ 2021 | financial_year('-') }}").unwrap(),
            "2021-22"
        );
        assert_eq!(
            shown("{{ '2022-03' | financial_year('-') }}").unwrap(),
            "2021-22"
        );
        assert_eq!(shown("{{ 'Apr-22' | financial_year }}").unwrap(), "2022/23");
        assert_eq!(
            shown("{{ '2023-03-31' | financial_year }}").unwrap(),
            "2022/23"
        );
        assert_eq!(shown("{{ 2099 | financial_year }}").unwrap(), "2099/00");
        assert!(
            shown("{{ 2021 | financial_year('to') }}")
                .unwrap_err()
                .contains("not a financial year style")
        );
        assert!(shown("{{ 'soon' | financial_year }}").is_err());
        assert!(shown("{{ 99999 | financial_year }}").is_err());
        assert!(shown("{{ '9999-04' | financial_year }}").is_err());
        assert!(
            shown("{{ 2021.5 | financial_year }}")
                .unwrap_err()
                .contains("not a year, a month or a date")
        );
    }
}
