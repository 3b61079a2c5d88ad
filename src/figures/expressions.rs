//! The expression language of figures: minijinja with the figure filters ("number", "percent",
//! "signed", "short_month", "date", …) and functions ("percent_of", "rate_per",
//! "percent_change", "percentage_points"), strict about undefined names and bounded in work.
//! Named computations are evaluated in it, and narrative text is rendered in it.

use minijinja::value::{Kwargs, ValueKind};
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};

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
    add_functions(&mut environment);
    environment
}

/// How to put right an error of a figure function or filter, carried as the error's source so
/// that the diagnostic reporting it can say so.
#[derive(Debug)]
pub struct Hint(pub String);

impl std::fmt::Display for Hint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Hint {}

/// The hint an error carries ([`Hint`]), if any.
pub fn hint_of(error: &Error) -> Option<String> {
    std::error::Error::source(error)?
        .downcast_ref::<Hint>()
        .map(|hint| hint.0.clone())
}

/// An error of a figure function, with its hint.
fn figure_error(message: String, hint: &str) -> Error {
    Error::new(ErrorKind::InvalidOperation, message).with_source(Hint(hint.to_string()))
}

/// An argument of a figure function as a number: `what` names it in the message ("the part of
/// percent_of").
fn figure(value: &Value, what: &str) -> Result<f64, Error> {
    let described = match value.kind() {
        ValueKind::Number => {
            let number = f64::try_from(value.clone()).unwrap_or(f64::NAN);
            if number.is_finite() {
                return Ok(number);
            }
            "not a finite number".to_string()
        }
        ValueKind::String => format!("the text \"{value}\""),
        ValueKind::Map => "a group of figures".to_string(),
        ValueKind::Seq => "a list".to_string(),
        ValueKind::Bool => format!("`{value}`"),
        // A name that does not exist reaches a function as undefined rather than failing.
        ValueKind::Undefined => {
            return Err(Error::new(
                ErrorKind::UndefinedError,
                format!("{what} names something that does not exist"),
            ));
        }
        _ => "nothing".to_string(),
    };
    Err(figure_error(
        format!("{what} is {described}, not a number"),
        "give a figure: a value (county.budget), an indicator's month (lac.dec_21) or a computation",
    ))
}

/// `top / bottom`, or an error saying `bottom` (`what`) is 0. Callers multiply before they
/// divide, so that whole numbers give exact results (3 × 10,000 ÷ 20,000 is 1.5, not 1.4999…).
fn divide(top: f64, bottom: f64, what: &str, hint: &str) -> Result<f64, Error> {
    if bottom == 0.0 {
        return Err(figure_error(format!("dividing by zero: {what} is 0"), hint));
    }
    finite(top / bottom).map_err(|_| {
        figure_error(
            format!("dividing by {what} gives a figure too large to work with"),
            "check the figures for one far too small or too large",
        )
    })
}

/// What dividing by a figure that is 0 suggests.
const ZERO_HINT: &str = "a share or rate of nothing has no value: check the figure divided by, \
    or test it first ({% if whole %}…{% endif %})";

/// Register the functions that work out percentages, rates and changes from two figures: they
/// give numbers, for computations and for narrative's filters to print.
fn add_functions(environment: &mut Environment<'static>) {
    environment.add_function(
        "percent_of",
        |part: Value, whole: Value| -> Result<f64, Error> {
            let part = figure(&part, "the part of percent_of")?;
            let whole = figure(&whole, "the whole of percent_of")?;
            divide(part * 100.0, whole, "the whole of percent_of", ZERO_HINT)
        },
    );
    environment.add_function(
        "rate_per",
        |count: Value,
         population: Value,
         per: Option<Value>,
         named: Kwargs|
         -> Result<f64, Error> {
            let count = figure(&count, "the count of rate_per")?;
            let population = figure(&population, "the population of rate_per")?;
            // `per` may be given by position or by name: rate_per(a, b, per=10000).
            let per = match (per, named.get::<Option<Value>>("per")?) {
                (Some(per), None) | (None, Some(per)) => per,
                _ => {
                    return Err(figure_error(
                        "rate_per needs what the rate is per, once".to_string(),
                        "write rate_per(count, population, per=10000) for a rate per 10,000",
                    ));
                }
            };
            named.assert_all_used()?;
            let per = figure(&per, "the `per` of rate_per")?;
            if per <= 0.0 {
                return Err(figure_error(
                    format!(
                        "rate_per is per {}: a rate is per a number above 0",
                        crate::format::plain(per)
                    ),
                    "give what the rate is per, such as 10000 for a rate per 10,000",
                ));
            }
            divide(
                count * per,
                population,
                "the population of rate_per",
                ZERO_HINT,
            )
        },
    );
    environment.add_function(
        "percent_change",
        |from: Value, to: Value| -> Result<f64, Error> {
            let from = figure(&from, "the first figure (from) of percent_change")?;
            let to = figure(&to, "the second figure (to) of percent_change")?;
            divide(
                (to - from) * 100.0,
                from,
                "the first figure (from) of percent_change",
                "a change from 0 has no percentage: give the change itself (to - from) instead",
            )
        },
    );
    environment.add_function(
        "percentage_points",
        |from: Value, to: Value| -> Result<f64, Error> {
            let from = figure(&from, "the first percentage (from) of percentage_points")?;
            let to = figure(&to, "the second percentage (to) of percentage_points")?;
            finite(to - from)
        },
    );
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
                return Err(figure_error(
                    "percent_of a total of zero".to_string(),
                    ZERO_HINT,
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

    /// An expression's value, or its error's message and hint.
    fn evaluated(expression: &str) -> Result<f64, (String, Option<String>)> {
        let environment = environment();
        let context = minijinja::context! {
            spent => 2_250_000, budget => 3_000_000, nothing => 0, label => "text",
            county => minijinja::context! { budget => 12_000_000 },
        };
        environment
            .compile_expression(expression)
            .and_then(|compiled| compiled.eval(context))
            .map(|value| f64::try_from(value).unwrap())
            .map_err(|error| (error.to_string(), hint_of(&error)))
    }

    #[test]
    fn percentages_rates_and_changes_of_two_figures() {
        assert_eq!(evaluated("percent_of(spent, budget)"), Ok(75.0));
        assert_eq!(evaluated("percent_of(budget, county.budget)"), Ok(25.0));
        assert_eq!(
            evaluated("rate_per(54, 57457, 10000)").map(|rate| (rate * 10.0).round()),
            Ok(94.0)
        );
        assert_eq!(evaluated("rate_per(3, 20000, per=10000)"), Ok(1.5));
        assert!(
            evaluated("rate_per(3, 20000)")
                .unwrap_err()
                .0
                .contains("per, once")
        );
        assert_eq!(evaluated("percent_change(budget, spent)"), Ok(-25.0));
        assert_eq!(
            evaluated("percentage_points(91.9, 94.4)").map(|points| (points * 10.0).round()),
            Ok(25.0)
        );
    }

    #[test]
    fn dividing_by_zero_is_an_error_with_a_hint() {
        for expression in [
            "percent_of(spent, nothing)",
            "rate_per(spent, nothing, 10000)",
            "percent_change(nothing, spent)",
        ] {
            let (message, hint) = evaluated(expression).unwrap_err();
            assert!(message.contains("is 0"), "{expression}: {message}");
            assert!(hint.is_some(), "{expression} has no hint");
        }
        let (message, _) = evaluated("rate_per(spent, budget, 0)").unwrap_err();
        assert!(
            message.contains("a rate is per a number above 0"),
            "{message}"
        );
    }

    #[test]
    fn a_function_of_text_or_a_missing_name_is_an_error() {
        let (message, hint) = evaluated("percent_of(label, budget)").unwrap_err();
        assert!(
            message.contains("the part of percent_of is the text \"text\", not a number"),
            "{message}"
        );
        assert!(hint.unwrap().contains("give a figure"));
        let (message, _) = evaluated("percent_of(county, budget)").unwrap_err();
        assert!(message.contains("a group of figures"), "{message}");
        let (message, _) = evaluated("percent_of(spent, budgt)").unwrap_err();
        assert!(
            message.contains("the whole of percent_of names something that does not exist"),
            "{message}"
        );
    }

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
