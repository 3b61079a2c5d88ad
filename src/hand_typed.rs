//! Facts typed by hand that papers knows (a minute's or an agenda item's number, a computed
//! figure, the figures' financial year) found in narrative text as written, each with the
//! expression that would keep it right.
//!
//! Text is read once, left to right, as words, numbers and marks: no pattern backtracks, so the
//! work is linear in the text. Noise is kept down by leaving alone what is only a number by
//! accident: expressions, web and e-mail addresses, small whole numbers, years and dates,
//! times, telephone numbers, and numbers that a word such as "page" or "paragraph" introduces.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use minijinja::Value;
use minijinja::value::ValueKind;

use crate::content::figures::Unit;
use crate::figures::Figures;
use crate::format;
use crate::style::NumberStyle;

/// The largest whole number (or whole percentage) taken for a count in passing rather than a
/// figure: the house style writes whole numbers up to ten in words (the `in_words` filter), so
/// digits up to ten in prose are counts of things ("3 or more moves") or rules ("missed 10% or
/// more"), and a figures file holds so many small values that any of them would equal one by
/// chance.
const LARGEST_PASSING_COUNT: u64 = 10;

/// The most decimal places a number is compared with figures at.
const MOST_COMPARED_PLACES: u32 = 3;

/// A minute or an agenda item with a key, which text can cite through an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Its key.
    pub key: String,
    /// What the expression citing it prints ("Minute No. 31 (LAC Council Update)").
    pub prints: String,
}

/// What a paper's text could print through an expression rather than type: its minutes, its
/// meeting's agenda items, its figures and their financial year.
#[derive(Debug, Clone)]
pub struct Known {
    /// The phrases that cite a minute, as pieces ("minute", "no", ".").
    minute_phrases: Vec<Vec<Piece>>,
    /// The phrases that cite an agenda item before its number.
    item_phrases: Vec<Vec<Piece>>,
    /// The minutes by number, each with its key if it has one.
    minutes: BTreeMap<u32, Option<Reference>>,
    /// The agenda items by number, each with its key if it has one.
    items: BTreeMap<u32, Option<Reference>>,
    figures: Vec<Figure>,
    /// Figures by their value at a number of decimal places: `(places, value × 10^places)`.
    by_value: HashMap<(u32, i64), Vec<usize>>,
    /// The year the figures' financial year starts in, when `as_at | financial_year` prints it.
    financial_year: Option<i32>,
    /// The month the figures are as at ("2021-12"), for messages.
    as_at: String,
    separators: Separators,
}

/// One figure narrative can name, with its value.
#[derive(Debug, Clone)]
struct Figure {
    name: String,
    value: f64,
    measure: Measure,
}

/// Whether a figure is a percentage, as far as the figures file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Percent,
    NotPercent,
    Unknown,
}

/// One fact typed by hand: where it is in the text, what is wrong and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The bytes of the text typed by hand.
    pub range: Range<usize>,
    /// What it is, in one sentence.
    pub message: String,
    /// The expression to write instead, and why.
    pub hint: String,
}

impl Known {
    /// Nothing known yet; numbers read as the house style writes them.
    pub fn new(numbers: &NumberStyle) -> Self {
        Known {
            minute_phrases: ["minute no.", "minute number", "minute no", "minute"]
                .into_iter()
                .map(pieces)
                .collect(),
            item_phrases: [
                "agenda item no.",
                "agenda item number",
                "agenda item no",
                "agenda item",
            ]
            .into_iter()
            .map(pieces)
            .collect(),
            minutes: BTreeMap::new(),
            items: BTreeMap::new(),
            figures: Vec::new(),
            by_value: HashMap::new(),
            financial_year: None,
            as_at: String::new(),
            separators: Separators::of(numbers),
        }
    }

    /// The house style's words before a minute's and an agenda item's number ("Minute No.",
    /// "Agenda Item"), cited as well as the usual ones.
    pub fn cited_as(mut self, minute: &str, agenda_item: &str) -> Self {
        for (words, phrases) in [
            (minute, &mut self.minute_phrases),
            (agenda_item, &mut self.item_phrases),
        ] {
            let phrase = pieces(words);
            if !phrase.is_empty() && !phrases.contains(&phrase) {
                // Longer phrases are tried first, so that "Minute No." is not read as "Minute".
                phrases.push(phrase);
                phrases.sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
            }
        }
        self
    }

    /// The minute numbered `number`, and how to cite it if it has a key.
    pub fn minute(&mut self, number: u32, reference: Option<Reference>) {
        self.minutes.insert(number, reference);
    }

    /// The agenda item numbered `number`, and how to cite it if it has a key.
    pub fn item(&mut self, number: u32, reference: Option<Reference>) {
        self.items.insert(number, reference);
    }

    /// The figures of the paper: every number narrative can name, and their financial year.
    pub fn figures(&mut self, figures: &Figures) {
        for (name, value) in &figures.context {
            let measure = |field: &str| {
                if let Some(indicator) = figures
                    .indicators
                    .iter()
                    .find(|indicator| indicator.definition.key.value == *name)
                {
                    match (indicator.definition.unit, field) {
                        (_, "ytd_numerator" | "ytd_denominator") => Measure::NotPercent,
                        (Unit::Percent, _) => Measure::Percent,
                        _ => Measure::NotPercent,
                    }
                } else if figures.tables.contains_key(name) {
                    match field {
                        "share" => Measure::Percent,
                        "rows" => Measure::NotPercent,
                        _ => Measure::Unknown,
                    }
                } else {
                    Measure::Unknown
                }
            };
            self.add_figures(name.clone(), value, None, &measure, 0);
        }
        for (index, figure) in self.figures.iter().enumerate() {
            for places in 0..=MOST_COMPARED_PLACES {
                if places == 0 && figure.value.fract() != 0.0 {
                    continue;
                }
                let rounded = format::round_half_up(figure.value, places);
                if let Some(scaled) = scaled(rounded, places) {
                    self.by_value
                        .entry((places, scaled))
                        .or_default()
                        .push(index);
                }
            }
        }
        // `as_at | financial_year` counts years from April: it names the figures' year only
        // when theirs starts in April too.
        let start = figures.as_at.financial_year_start(figures.year_start).year;
        let from_april = figures.as_at.financial_year_start(4).year;
        self.financial_year = (start == from_april).then_some(start);
        self.as_at = figures.as_at.to_string();
    }

    /// The numbers inside `value`, named as narrative names them (`lac.dec_21`,
    /// `timeliness.share['Same day']`).
    fn add_figures(
        &mut self,
        name: String,
        value: &Value,
        field: Option<&str>,
        measure: &dyn Fn(&str) -> Measure,
        depth: usize,
    ) {
        match value.kind() {
            ValueKind::Number => {
                if let Ok(number) = f64::try_from(value.clone())
                    && number.is_finite()
                {
                    self.figures.push(Figure {
                        name,
                        value: number,
                        measure: measure(field.unwrap_or_default()),
                    });
                }
            }
            // Figures are a few levels deep (a table's shares by row); deeper is no figure.
            ValueKind::Map if depth < 4 => {
                let Ok(keys) = value.try_iter() else {
                    return;
                };
                for key in keys {
                    let Some(key_text) = key.as_str() else {
                        continue;
                    };
                    let Ok(inner) = value.get_item(&key) else {
                        continue;
                    };
                    let inner_name = if is_identifier(key_text) {
                        format!("{name}.{key_text}")
                    } else {
                        format!("{name}[{}]", quoted(key_text))
                    };
                    let field = field.or(Some(key_text));
                    // A table's `column` repeats its rows' and shares' values by heading:
                    // those are named the simpler way.
                    if depth == 0 && key_text == "column" {
                        continue;
                    }
                    self.add_figures(inner_name, &inner, field, measure, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// Every fact in `text` that is typed by hand, in order.
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        if self.minutes.is_empty() && self.items.is_empty() && self.figures.is_empty() {
            return Vec::new();
        }
        let tokens = tokens(text, &self.separators);
        let mut scan = Scan {
            known: self,
            text,
            tokens: &tokens,
            taken: vec![false; tokens.len()],
            findings: Vec::new(),
        };
        scan.references();
        scan.years_and_dates();
        scan.figures();
        scan.findings.sort_by_key(|finding| finding.range.start);
        scan.findings
    }
}

/// `value × 10^places` as a whole number, if it is one a figure can be.
fn scaled(value: f64, places: u32) -> Option<i64> {
    let scaled = (value * 10f64.powi(places as i32)).round();
    (scaled.abs() < 1e15).then_some(scaled as i64)
}

/// Whether `name` can follow a dot in an expression.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `text` as a string in an expression.
fn quoted(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}

/// How the house style writes numbers: what groups thousands (only a mark: a space cannot be
/// told from two numbers) and what marks decimals.
#[derive(Debug, Clone, Copy)]
struct Separators {
    thousands: Option<char>,
    decimal: char,
}

impl Separators {
    fn of(numbers: &NumberStyle) -> Self {
        let single = |text: &str| {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_whitespace() => Some(c),
                _ => None,
            }
        };
        Separators {
            thousands: single(numbers.thousands.as_str()),
            decimal: single(numbers.decimal.as_str()).unwrap_or('.'),
        }
    }
}

/// One piece of a phrase: a word (lower case) or a mark.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Word(String),
    Mark(char),
}

/// The words and marks of `text`, for a phrase.
fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphabetic() {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            pieces.push(Piece::Word(std::mem::take(&mut word)));
        }
        if !c.is_whitespace() {
            pieces.push(Piece::Mark(c));
        }
    }
    if !word.is_empty() {
        pieces.push(Piece::Word(word));
    }
    pieces
}

/// What a token of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Letters.
    Word,
    /// Digits, with their separators.
    Number(Written),
    /// White space; whether it holds a line break.
    Space { line_break: bool },
    /// Any other character.
    Mark(char),
    /// Text that is not prose: an expression, a web or e-mail address.
    Hidden,
}

/// A number as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    /// The whole part, without separators; `None` when too long to be a figure.
    whole: Option<u64>,
    /// The digits after the decimal mark, as a whole number, and how many there are.
    fraction: u64,
    places: u32,
    /// How many digits the whole part has.
    digits: usize,
    /// Whether thousands are grouped ("1,167").
    grouped: bool,
    /// Whether the whole part starts with a 0 and has more digits ("01709"): a code, never a
    /// figure, which would print without it.
    leading_zero: bool,
    /// Whether more than one mark joins groups of digits ("3.2.1", "13.05.2022"): a
    /// paragraph's number, a date or a version, never a figure.
    dotted: bool,
}

impl Written {
    /// The value, unsigned.
    fn value(&self) -> Option<f64> {
        let whole = self.whole?;
        Some(whole as f64 + self.fraction as f64 / 10f64.powi(self.places as i32))
    }

    /// Whether it is a plain whole number ("31", not "31.5", "3,100" or "031").
    fn is_plain_whole(&self) -> bool {
        self.places == 0 && !self.grouped && !self.leading_zero && !self.dotted
    }
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// The tokens of `text`: words, numbers, marks and white space, with expressions and
/// addresses hidden.
fn tokens(text: &str, separators: &Separators) -> Vec<Token> {
    let hidden = hidden_ranges(text);
    let mut hidden = hidden.iter().peekable();
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < text.len() {
        if let Some(range) = hidden.peek()
            && range.start <= at
        {
            let end = range.end.max(at + 1);
            tokens.push(Token {
                kind: Kind::Hidden,
                start: at,
                end,
            });
            at = end;
            hidden.next();
            continue;
        }
        let limit = hidden.peek().map_or(text.len(), |range| range.start);
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let start = at;
        let kind = if c.is_alphabetic() {
            at += text[at..limit]
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(limit - at);
            Kind::Word
        } else if c.is_whitespace() {
            let length = text[at..limit]
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(limit - at);
            let line_break = text[at..at + length].contains('\n');
            at += length;
            Kind::Space { line_break }
        } else if c.is_ascii_digit() {
            let (written, length) = number(&bytes[at..limit], separators);
            at += length;
            Kind::Number(written)
        } else {
            at += c.len_utf8();
            Kind::Mark(c)
        };
        tokens.push(Token {
            kind,
            start,
            end: at,
        });
    }
    tokens
}

/// The number at the start of `bytes` (which starts with a digit), and its length.
fn number(bytes: &[u8], separators: &Separators) -> (Written, usize) {
    let digits_from = |from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut whole: Option<u64> = Some(0);
    let mut add = |digits: &[u8]| {
        for digit in digits {
            whole = whole
                .and_then(|whole| whole.checked_mul(10))
                .and_then(|whole| whole.checked_add(u64::from(digit - b'0')))
                .filter(|whole| *whole < 1_000_000_000_000_000);
        }
    };
    let first = digits_from(0);
    add(&bytes[..first]);
    let mut at = first;
    let mut grouped = false;
    let thousands = separators.thousands.filter(char::is_ascii).map(|c| c as u8);
    let decimal = if separators.decimal.is_ascii() {
        separators.decimal as u8
    } else {
        b'.'
    };
    // Groups of three after a thousands mark: "1,167,000", not "1,2" or "2020,2021".
    while let Some(mark) = thousands
        && bytes.get(at) == Some(&mark)
        && digits_from(at + 1) == 3
    {
        add(&bytes[at + 1..at + 4]);
        at += 4;
        grouped = true;
    }
    let mut fraction = 0u64;
    let mut places = 0u32;
    let mut dotted = false;
    if bytes.get(at) == Some(&decimal) && digits_from(at + 1) > 0 {
        let count = digits_from(at + 1);
        for digit in &bytes[at + 1..at + 1 + count] {
            if places < 9 {
                fraction = fraction * 10 + u64::from(digit - b'0');
                places += 1;
            }
        }
        at += 1 + count;
        // "3.2.1", "13.05.2022": more groups joined by the same mark.
        while bytes.get(at) == Some(&decimal) && digits_from(at + 1) > 0 {
            at += 1 + digits_from(at + 1);
            dotted = true;
        }
    }
    (
        Written {
            whole,
            fraction,
            places,
            digits: first,
            grouped,
            leading_zero: first > 1 && bytes[0] == b'0',
            dotted,
        },
        at,
    )
}

/// The byte ranges of `text` that are not prose, in order: expressions (`{{ … }}`, `{% … %}`,
/// `{# … #}`) and words that are web or e-mail addresses or link targets.
fn hidden_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let close = match text.as_bytes().get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        let end = text[start + 2..]
            .find(close)
            .map_or(text.len(), |end| start + 2 + end + close.len());
        ranges.push(start..end);
        at = end;
    }
    let mut words = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(index),
            (true, Some(from)) => {
                let word = &text[from..index];
                let lower = word.to_ascii_lowercase();
                if lower.contains("://")
                    || lower.contains("www.")
                    || lower.contains("mailto:")
                    || lower.contains("tel:")
                    || word.contains('@')
                {
                    words.push(from..index);
                } else if let Some(target) = word.find("](") {
                    words.push(from + target..index);
                }
                start = None;
            }
            _ => {}
        }
    }
    ranges.extend(words);
    ranges.sort_by_key(|range| range.start);
    // Merged, so that the tokens can walk them in order.
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Words that introduce a number that is a place or a name, not a figure: "page 12",
/// "paragraph 3.2", "Appendix 2", "Ward 11".
const PLACE_WORDS: &[&str] = &[
    "action",
    "actions",
    "aged",
    "age",
    "ages",
    "annex",
    "annexe",
    "appendices",
    "appendix",
    "article",
    "band",
    "box",
    "category",
    "chapter",
    "chart",
    "covid",
    "clause",
    "column",
    "fig",
    "figure",
    "floor",
    "grade",
    "graph",
    "item",
    "items",
    "level",
    "line",
    "minute",
    "minutes",
    "no",
    "nos",
    "number",
    "objective",
    "option",
    "options",
    "outcome",
    "p",
    "page",
    "pages",
    "para",
    "paragraph",
    "paragraphs",
    "paras",
    "part",
    "parts",
    "pg",
    "phase",
    "point",
    "pp",
    "priority",
    "q",
    "qtr",
    "quarter",
    "question",
    "recommendation",
    "recommendations",
    "reg",
    "ref",
    "reference",
    "regulation",
    "room",
    "round",
    "row",
    "rule",
    "schedule",
    "section",
    "sections",
    "stage",
    "step",
    "table",
    "term",
    "tier",
    "version",
    "ward",
    "wave",
    "week",
];

/// Words after which a year-like number is a year: "in 2020", "March 2021", "the 2011 census".
const YEAR_WORDS: &[&str] = &[
    "act", "after", "and", "autumn", "before", "between", "by", "calendar", "census", "during",
    "early", "end", "from", "fy", "in", "late", "mid", "of", "since", "spring", "summer", "the",
    "till", "to", "until", "winter", "year", "years",
];

/// Units of time and distance, which a limit is given in ("within 20 working days").
const UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "mins",
    "hour",
    "hours",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
    "wks",
    "fortnight",
    "fortnights",
    "month",
    "months",
    "year",
    "years",
    "yrs",
    "mile",
    "miles",
    "km",
    "kilometre",
    "kilometres",
    "metre",
    "metres",
];

/// Words before a limit of time or distance: "within 24 hours", "over 100 miles", "at least 12
/// months", "more than 20 miles", "up to 15 days".
const LIMIT_WORDS: &[&str] = &[
    "after", "before", "each", "every", "first", "last", "least", "most", "next", "over", "past",
    "than", "to", "under", "within",
];

/// Words that join two numbers of one kind: "pages 12 to 14", "paragraphs 3.1 and 3.2".
const JOINING_WORDS: &[&str] = &["and", "or", "to"];

/// The names of the months, whole and short, in lower case.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// One pass over the tokens of a text.
struct Scan<'a> {
    known: &'a Known,
    text: &'a str,
    tokens: &'a [Token],
    /// Tokens already read as part of something (a reference, a date): not figures.
    taken: Vec<bool>,
    findings: Vec<Finding>,
}

impl Scan<'_> {
    fn word(&self, index: usize) -> Option<&str> {
        let token = self.tokens.get(index)?;
        (token.kind == Kind::Word).then(|| &self.text[token.start..token.end])
    }

    fn is_word(&self, index: Option<usize>, words: &[&str]) -> bool {
        index
            .and_then(|index| self.word(index))
            .is_some_and(|word| {
                words
                    .iter()
                    .any(|candidate| word.eq_ignore_ascii_case(candidate))
            })
    }

    fn written(&self, index: Option<usize>) -> Option<Written> {
        match self.tokens.get(index?)?.kind {
            Kind::Number(written) => Some(written),
            _ => None,
        }
    }

    fn mark(&self, index: Option<usize>) -> Option<char> {
        match self.tokens.get(index?)?.kind {
            Kind::Mark(mark) => Some(mark),
            _ => None,
        }
    }

    /// The next token that is not white space.
    fn next(&self, index: usize) -> Option<usize> {
        (index + 1..self.tokens.len())
            .find(|&next| !matches!(self.tokens[next].kind, Kind::Space { .. }))
    }

    /// The token before that is not white space.
    fn previous(&self, index: usize) -> Option<usize> {
        (0..index)
            .rev()
            .find(|&previous| !matches!(self.tokens[previous].kind, Kind::Space { .. }))
    }

    /// The token right after, touching this one.
    fn touching_next(&self, index: usize) -> Option<usize> {
        let next = index + 1;
        (next < self.tokens.len() && !matches!(self.tokens[next].kind, Kind::Space { .. }))
            .then_some(next)
    }

    /// The token right before, touching this one.
    fn touching_previous(&self, index: usize) -> Option<usize> {
        let previous = index.checked_sub(1)?;
        (!matches!(self.tokens[previous].kind, Kind::Space { .. })).then_some(previous)
    }

    /// The last token of `phrase` written from `index` on, white space between, if it is there.
    fn phrase(&self, index: usize, phrase: &[Piece]) -> Option<usize> {
        let mut at = Some(index);
        let mut last = index;
        for piece in phrase {
            let here = at?;
            let token = self.tokens[here];
            let matches = match (piece, token.kind) {
                (Piece::Word(word), Kind::Word) => {
                    self.text[token.start..token.end].to_lowercase() == *word
                }
                (Piece::Mark(mark), Kind::Mark(seen)) => *mark == seen,
                _ => false,
            };
            if !matches {
                return None;
            }
            last = here;
            at = self.next(here);
        }
        Some(last)
    }

    /// The first of `phrases` written from `index` on, then a plain whole number: the number's
    /// token.
    fn cited_number(&self, index: usize, phrases: &[Vec<Piece>]) -> Option<(usize, u32)> {
        phrases.iter().find_map(|phrase| {
            let last = self.phrase(index, phrase)?;
            let number = self.next(last)?;
            let written = self.written(Some(number))?;
            if !written.is_plain_whole()
                || self
                    .touching_next(number)
                    .is_some_and(|next| matches!(self.tokens[next].kind, Kind::Number(_)))
            {
                return None;
            }
            let value = u32::try_from(written.whole?).ok()?;
            Some((number, value))
        })
    }

    fn take(&mut self, range: Range<usize>) {
        for taken in &mut self.taken[range] {
            *taken = true;
        }
    }

    fn typed(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].start..self.tokens[last].end
    }

    /// "Minute No. 31", "Agenda Item 7", "item 7 on the agenda": every such reference is taken
    /// (its number is no figure); one to a minute or item the paper knows is a finding.
    fn references(&mut self) {
        let on_the_agenda = [pieces("on the agenda"), pieces("of the agenda")];
        let item_alone = [
            pieces("item no."),
            pieces("item number"),
            pieces("item no"),
            pieces("item"),
        ];
        let mut index = 0;
        while index < self.tokens.len() {
            if self.tokens[index].kind != Kind::Word || self.taken[index] {
                index += 1;
                continue;
            }
            if let Some((number_at, number)) = self.cited_number(index, &self.known.minute_phrases)
            {
                self.take(index..number_at + 1);
                let range = self.typed(index, number_at);
                self.minute_finding(range, number);
                index = number_at + 1;
                continue;
            }
            let item = self
                .cited_number(index, &self.known.item_phrases)
                .or_else(|| {
                    let (number_at, number) = self.cited_number(index, &item_alone)?;
                    let after = self.next(number_at)?;
                    let end = on_the_agenda
                        .iter()
                        .find_map(|phrase| self.phrase(after, phrase))?;
                    Some((end, number))
                });
            if let Some((end, number)) = item {
                self.take(index..end + 1);
                let range = self.typed(index, end);
                self.item_finding(range, number);
                index = end + 1;
                continue;
            }
            index += 1;
        }
    }

    fn minute_finding(&mut self, range: Range<usize>, number: u32) {
        let Some(reference) = self.known.minutes.get(&number) else {
            return;
        };
        let typed = &self.text[range.clone()];
        let hint = match reference {
            Some(Reference { key, prints }) => format!(
                "write {{{{ minute('{key}') }}}} (it prints “{prints}”), or {{{{ minute_number('{key}') }}}} for the number alone, so that the reference follows the minutes when they are renumbered"
            ),
            None => format!(
                "give minute {number} a `key:` and write {{{{ minute('<key>') }}}}, so that the reference follows the minutes when they are renumbered"
            ),
        };
        self.findings.push(Finding {
            range,
            message: format!("`{typed}` is typed by hand: these minutes number it"),
            hint,
        });
    }

    fn item_finding(&mut self, range: Range<usize>, number: u32) {
        let Some(reference) = self.known.items.get(&number) else {
            return;
        };
        let typed = &self.text[range.clone()];
        let hint = match reference {
            Some(Reference { key, prints }) => format!(
                "write {{{{ item('{key}') }}}} (it prints “{prints}”), or {{{{ item_number('{key}') }}}} for the number alone, so that the reference follows the agenda when it changes"
            ),
            None => format!(
                "give agenda item {number} a `key:` in the meeting file and write {{{{ item('<key>') }}}}, so that the reference follows the agenda when it changes"
            ),
        };
        self.findings.push(Finding {
            range,
            message: format!("`{typed}` is typed by hand: the agenda numbers it"),
            hint,
        });
    }

    /// Financial years ("2021/22"), dates ("15/02/2022", "2022-05-13", "12/2021") and times
    /// ("10:30", "1.00 p.m.") are taken; the figures' own financial year is a finding.
    fn years_and_dates(&mut self) {
        for index in 0..self.tokens.len() {
            if self.taken[index] {
                continue;
            }
            let Some(first) = self.written(Some(index)) else {
                continue;
            };
            let mark = self.touching_next(index).and_then(|at| self.mark(Some(at)));
            let second_at = self.touching_next(index + 1).filter(|_| mark.is_some());
            let second = self.written(second_at);
            // Three numbers joined by the same mark: a date.
            if let (Some(mark), Some(second_at), Some(_)) = (mark, second_at, second)
                && self.mark(self.touching_next(second_at)) == Some(mark)
                && self.written(self.touching_next(second_at + 1)).is_some()
                && matches!(mark, '/' | '-' | '.')
            {
                self.take(index..second_at + 3);
                continue;
            }
            if let (Some(mark), Some(second_at), Some(second)) = (mark, second_at, second) {
                let joined_on = self.touching_next(second_at).is_some_and(|after| {
                    !matches!(
                        self.tokens[after].kind,
                        Kind::Mark(
                            '.' | ',' | ';' | ':' | ')' | '!' | '?' | '"' | '\'' | '’' | '”'
                        )
                    )
                });
                // A financial year: "2021/22", "2021-22", "2021–22".
                if first.is_plain_whole()
                    && first.digits == 4
                    && second.is_plain_whole()
                    && second.digits == 2
                    && matches!(mark, '/' | '-' | '–')
                    && !joined_on
                    && let (Some(start), Some(end)) = (first.whole, second.whole)
                    && (start + 1) % 100 == end
                {
                    self.take(index..second_at + 1);
                    if mark != '–'
                        && self
                            .known
                            .financial_year
                            .and_then(|year| u64::try_from(year).ok())
                            == Some(start)
                    {
                        self.financial_year_finding(self.typed(index, second_at), mark);
                    }
                    continue;
                }
                // A time: "10:30".
                if mark == ':' {
                    self.take(index..second_at + 1);
                    continue;
                }
                // A month of a year: "12/2021", "03/22".
                if mark == '/'
                    && first.is_plain_whole()
                    && first.whole.is_some_and(|month| (1..=12).contains(&month))
                    && matches!(second.digits, 2 | 4)
                    && second.places == 0
                {
                    self.take(index..second_at + 1);
                    continue;
                }
            }
            // A time of day: "1.00 p.m.", "2 pm".
            let after = self.next(index);
            if self.is_word(after, &["am", "pm"])
                || (self.is_word(after, &["a", "p"])
                    && after.and_then(|after| self.next(after)).is_some_and(|dot| {
                        self.mark(Some(dot)) == Some('.') && self.is_word(self.next(dot), &["m"])
                    }))
            {
                self.take(index..index + 1);
            }
        }
    }

    fn financial_year_finding(&mut self, range: Range<usize>, mark: char) {
        let typed = &self.text[range.clone()];
        let expression = if mark == '/' {
            "{{ as_at | financial_year }}".to_string()
        } else {
            format!("{{{{ as_at | financial_year('{mark}') }}}}")
        };
        self.findings.push(Finding {
            range,
            message: format!(
                "`{typed}` is typed by hand: it is the financial year of the figures (as at {})",
                self.known.as_at
            ),
            hint: format!(
                "write {expression}, so that the year follows the figures when they are brought up to date"
            ),
        });
    }

    /// Every number left that equals a figure of the paper, as written.
    fn figures(&mut self) {
        if self.known.figures.is_empty() {
            return;
        }
        for index in 0..self.tokens.len() {
            if self.taken[index] {
                continue;
            }
            let Some(written) = self.written(Some(index)) else {
                continue;
            };
            if written.dotted || written.leading_zero {
                continue;
            }
            if self.is_place(index) {
                self.take_joined(index);
                continue;
            }
            if let Some(finding) = self.figure_finding(index, written) {
                self.findings.push(finding);
            }
        }
    }

    /// Whether the number at `index` is a place or a name rather than a figure: part of a word
    /// ("Covid-19", "13th", "A1"), introduced by a word such as "page", next to a month, a list
    /// item's number at the start of a line, or a telephone number.
    fn is_place(&self, index: usize) -> bool {
        let touching_word =
            |at: Option<usize>| at.is_some_and(|at| self.tokens[at].kind == Kind::Word);
        let before = self.touching_previous(index);
        if touching_word(self.touching_next(index)) || touching_word(before) {
            return true;
        }
        // "Covid-19", "KS-2", "#12", "No.31".
        if let Some(mark_at) = before
            && let Some(mark) = self.mark(Some(mark_at))
            && (mark == '#' || mark == '§' || touching_word(self.touching_previous(mark_at)))
        {
            return true;
        }
        let mut previous = self.previous(index);
        // "p. 12", "para. 3", "No. 4".
        if self.mark(previous) == Some('.') {
            previous = previous.and_then(|previous| self.previous(previous));
        }
        if self.is_word(previous, PLACE_WORDS) || self.is_word(previous, MONTHS) {
            return true;
        }
        if self.is_word(self.next(index), MONTHS) {
            return true;
        }
        // A telephone number: after "tel", "telephone", "phone", "mobile" or "fax", or the rest
        // of one after its code ("01709 822054").
        if self.is_word(previous, &["tel", "telephone", "phone", "mobile", "fax"])
            || self
                .written(previous)
                .is_some_and(|code| code.leading_zero && previous.is_some_and(|at| at + 2 == index))
        {
            return true;
        }
        // A list item's number: "11. " or "11) " at the start of a line.
        let at_line_start = index == 0
            || (index > 0
                && match self.tokens[index - 1].kind {
                    Kind::Space { line_break } => line_break || index == 1,
                    _ => false,
                });
        if at_line_start
            && let Some(after) = self.touching_next(index)
            && matches!(self.mark(Some(after)), Some('.' | ')'))
            && self
                .tokens
                .get(after + 1)
                .is_none_or(|token| matches!(token.kind, Kind::Space { .. }))
        {
            return true;
        }
        false
    }

    /// After a place ("pages 12"), the numbers joined to it ("to 14", "-14", ", 15 and 16") are
    /// places too.
    fn take_joined(&mut self, index: usize) {
        let mut at = index;
        loop {
            let Some(joint) = self.next(at) else {
                return;
            };
            let joins = matches!(self.mark(Some(joint)), Some('-' | '–' | '—' | ',' | '&'))
                || self.is_word(Some(joint), JOINING_WORDS);
            let Some(number) = self.next(joint).filter(|_| joins) else {
                return;
            };
            match self.written(Some(number)) {
                Some(_) => {
                    self.taken[number] = true;
                    at = number;
                }
                None => return,
            }
        }
    }

    /// The finding for the number at `index` when it equals a figure as written.
    fn figure_finding(&self, index: usize, written: Written) -> Option<Finding> {
        let mut start = self.tokens[index].start;
        let mut end = self.tokens[index].end;
        // A sign touching the number and nothing before it: "-0.6", "+6", "(−3".
        let mut sign = None;
        if let Some(mark_at) = self.touching_previous(index)
            && let Some(mark @ ('-' | '+' | '−')) = self.mark(Some(mark_at))
            && self
                .touching_previous(mark_at)
                .is_none_or(|before| self.mark(Some(before)) == Some('('))
        {
            sign = Some(mark);
            start = self.tokens[mark_at].start;
        }
        let mut measure = Typed::Plain;
        if let Some(after) = self.touching_next(index)
            && self.mark(Some(after)) == Some('%')
        {
            measure = Typed::Percent;
            end = self.tokens[after].end;
        } else if let Some(after) = self.next(index) {
            if let Some(last) = self
                .phrase(after, &pieces("per cent"))
                .or_else(|| self.phrase(after, &pieces("percent")))
            {
                measure = Typed::Percent;
                end = self.tokens[last].end;
            } else if let Some(last) = self
                .phrase(after, &pieces("percentage points"))
                .or_else(|| self.phrase(after, &pieces("percentage point")))
            {
                measure = Typed::Points;
                end = self.tokens[last].end;
            }
        }
        let whole = written.whole?;
        if written.places == 0 && whole <= LARGEST_PASSING_COUNT {
            return None;
        }
        if measure == Typed::Plain && written.places == 0 && self.is_limit(index) {
            return None;
        }
        if measure == Typed::Plain
            && written.is_plain_whole()
            && written.digits == 4
            && (1900..=2100).contains(&whole)
            && self.is_year(index)
        {
            return None;
        }
        if written.places > MOST_COMPARED_PLACES {
            return None;
        }
        let mut value = written.value()?;
        if matches!(sign, Some('-' | '−')) {
            value = -value;
        }
        let key = (written.places, scaled(value, written.places)?);
        let mut names: Vec<&Figure> = self
            .known
            .by_value
            .get(&key)?
            .iter()
            .map(|&figure| &self.known.figures[figure])
            .filter(|figure| match measure {
                Typed::Plain => figure.measure != Measure::Percent,
                Typed::Percent | Typed::Points => figure.measure != Measure::NotPercent,
            })
            .collect();
        if names.is_empty() {
            return None;
        }
        names.sort_by(|a, b| a.name.cmp(&b.name));
        names.dedup_by(|a, b| a.name == b.name);
        let typed = &self.text[start..end];
        let first = names[0];
        let others: Vec<String> = names[1..]
            .iter()
            .take(2)
            .map(|figure| format!("`{}`", figure.name))
            .collect();
        let also = match names.len() {
            1 => String::new(),
            2 | 3 => format!(" ({} too)", others.join(" and ")),
            more => format!(" ({} and {} more too)", others.join(", "), more - 3),
        };
        let expression = expression(&first.name, first.value, written, measure, sign);
        Some(Finding {
            range: start..end,
            message: format!(
                "`{typed}` is typed by hand: it is the figure `{}`{also}",
                first.name
            ),
            hint: format!(
                "write {expression}, so that the text follows the figures when they change"
            ),
        })
    }

    /// Whether the whole number at `index` is a limit of time or distance, a rule rather than a
    /// figure: "within 20 working days", "over 100 miles", "a maximum of 26 weeks".
    fn is_limit(&self, index: usize) -> bool {
        let mut unit = self.next(index);
        if self.is_word(
            unit,
            &[
                "working",
                "calendar",
                "school",
                "clear",
                "consecutive",
                "full",
            ],
        ) {
            unit = unit.and_then(|unit| self.next(unit));
        }
        if !self.is_word(unit, UNITS) {
            return false;
        }
        let previous = self.previous(index);
        self.is_word(previous, LIMIT_WORDS)
            || (self.is_word(previous, &["of"])
                && self.is_word(
                    previous.and_then(|previous| self.previous(previous)),
                    &["maximum", "minimum", "limit", "target"],
                ))
    }

    /// Whether the year-like number at `index` is a year: after "in", "since", a month and the
    /// like, joined to another year ("2019-2020"), or in brackets ("(2019)").
    fn is_year(&self, index: usize) -> bool {
        let mut previous = self.previous(index);
        // "15th February, 2022".
        if self.mark(previous) == Some(',') {
            previous = previous.and_then(|previous| self.previous(previous));
        }
        if self.is_word(previous, YEAR_WORDS) || self.is_word(previous, MONTHS) {
            return true;
        }
        let joined = |mark_at: Option<usize>, number_at: Option<usize>| {
            matches!(self.mark(mark_at), Some('-' | '–' | '/')) && self.written(number_at).is_some()
        };
        let before = self.touching_previous(index);
        let after = self.touching_next(index);
        joined(before, before.and_then(|at| self.touching_previous(at)))
            || joined(after, after.and_then(|at| self.touching_next(at)))
            || (self.mark(previous) == Some('(') && self.mark(after) == Some(')'))
            || self.is_word(self.next(index), &["census", "onwards"])
    }
}

/// How a number is typed: plain, as a percentage, or as percentage points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typed {
    Plain,
    Percent,
    Points,
}

/// The expression that prints the figure `name` (of `value`) as `written` is typed.
fn expression(
    name: &str,
    value: f64,
    written: Written,
    typed: Typed,
    sign: Option<char>,
) -> String {
    let places = written.places;
    let filter = |filter: &str, default: u32| {
        if places == default {
            format!(" | {filter}")
        } else {
            format!(" | {filter}({places})")
        }
    };
    let filter = match (typed, sign) {
        (Typed::Points, _) => filter("points", 1),
        (Typed::Percent, Some('+')) => filter("signed_percent", 1),
        (Typed::Percent, _) => filter("percent", 1),
        (Typed::Plain, Some('+')) => filter("signed", 0),
        // A figure prints as it is ("1167", "99.5") unless rounded or grouped.
        (Typed::Plain, _)
            if !written.grouped
                && format::round_half_up(value, places) == value
                && format::plain(value)
                    .split_once('.')
                    .map_or(0, |(_, decimals)| decimals.len())
                    == places as usize =>
        {
            String::new()
        }
        (Typed::Plain, _) => filter("number", 0),
    };
    format!("{{{{ {name}{filter} }}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the tests know: minutes 28 to 31 (31 with a key), agenda items 1 to 9 (7 with a
    /// key), and figures of one indicator, a table and a value, as at December 2021.
    fn known() -> Known {
        known_in(&NumberStyle::default())
    }

    /// [`known`], numbers written in `numbers`.
    fn known_in(numbers: &NumberStyle) -> Known {
        let mut known = Known::new(numbers).cited_as("Minute No.", "Agenda Item");
        for number in 28..=31 {
            known.minute(
                number,
                (number == 31).then(|| Reference {
                    key: "lac_council".to_string(),
                    prints: "Minute No. 31 (LAC Council Update)".to_string(),
                }),
            );
        }
        for number in 1..=9 {
            known.item(
                number,
                (number == 7).then(|| Reference {
                    key: "performance".to_string(),
                    prints: "Agenda Item 7".to_string(),
                }),
            );
        }
        let yaml = "kind: figures\nas_at: 2021-12\nindicators:\n  - ref: \"3.1\"\n    key: lac\n    title: Looked after children\n    unit: count\n    polarity: low\n  - ref: \"3.4\"\n    key: plans\n    title: Plans\n    unit: percent\n    polarity: high\nvalues:\n  admissions: {q3: 42, ytd: 1167}\n  change: 6\n  drop: -0.6\n  referrals: 2021\ntables:\n  placements:\n    columns: [Placement, Children]\n    rows:\n      - [Foster care, 160]\n      - [Residential, 40]\n";
        let source = crate::diagnostics::SourceFile {
            path: "figures.yaml".into(),
            text: yaml.into(),
        };
        let file: crate::content::figures::FiguresFile =
            crate::content::parse_yaml(&source).unwrap();
        let csv = crate::diagnostics::SourceFile {
            path: "values.csv".into(),
            text: "ref,2021-11,2021-12\n3.1,207,212\n3.4,91.25,12.5\n".into(),
        };
        let mut problems = Vec::new();
        let table = crate::figures::series::read_table(&csv, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        known.figures(&crate::figures::compute(&file, &source, &table).unwrap());
        known
    }

    /// Each text, and what is found in it: the text typed by hand and the expression offered.
    #[test]
    fn what_warns_and_what_does_not() {
        let known = known();
        let cases: &[(&str, &[(&str, &str)])] = &[
            // References to minutes and items the paper knows.
            (
                "as recorded at Minute No. 31 of the last meeting",
                &[("Minute No. 31", "{{ minute('lac_council') }}")],
            ),
            (
                "see minute 31.",
                &[("minute 31", "{{ minute('lac_council') }}")],
            ),
            (
                "MINUTE NUMBER 31 refers",
                &[("MINUTE NUMBER 31", "{{ minute('lac_council') }}")],
            ),
            (
                "Minute No.\n  29 refers",
                &[("Minute No.\n  29", "give minute 29 a `key:`")],
            ),
            (
                "the report at Agenda Item 7",
                &[("Agenda Item 7", "{{ item('performance') }}")],
            ),
            (
                "item 7 on the agenda",
                &[("item 7 on the agenda", "{{ item('performance') }}")],
            ),
            (
                "agenda item no. 3 covers",
                &[("agenda item no. 3", "give agenda item 3 a `key:`")],
            ),
            // References to minutes and items it does not know are no figures either.
            ("Minute No. 212 of Cabinet", &[]),
            ("Agenda Item 12", &[]),
            ("item 7 of the action plan", &[]),
            ("a 30 minute break", &[]),
            // Figures as written.
            (
                "There were 212 children in care.",
                &[("212", "{{ lac.dec_21 }}")],
            ),
            (
                "1,167 admissions this year",
                &[("1,167", "{{ admissions.ytd | number }}")],
            ),
            (
                "1167 admissions this year",
                &[("1167", "{{ admissions.ytd }}")],
            ),
            (
                "plans in time rose to 12.5%.",
                &[("12.5%", "{{ plans.dec_21 | percent }}")],
            ),
            (
                "plans in time rose to 12.5 per cent.",
                &[("12.5 per cent", "{{ plans.dec_21 | percent }}")],
            ),
            (
                "plans were at 91.3% in November",
                &[("91.3%", "{{ plans.nov_21 | percent }}")],
            ),
            ("a fall of -0.6 points", &[("-0.6", "{{ drop }}")]),
            (
                "160 children in foster care (80.0%)",
                &[
                    ("160", "{{ placements.value['Foster care'] }}"),
                    ("80.0%", "{{ placements.share['Foster care'] | percent }}"),
                ],
            ),
            // A count is not a percentage, nor a percentage a count.
            ("212% of the target", &[]),
            ("12.5 children", &[]),
            // Numbers that are no figures.
            ("{{ lac.dec_21 }} children, up from {{ lac.nov_21 }}", &[]),
            ("a change of 6 children", &[]),
            ("missed 10% or more of sessions", &[]),
            // Limits of time and distance are rules, not figures; a figure in days is one.
            (
                "within 42 working days, over 160 miles, a maximum of 212 days",
                &[],
            ),
            ("children waited 212 days", &[("212", "{{ lac.dec_21 }}")]),
            ("Covid 19 and Regulation 42 visits", &[]),
            ("see page 212 and paragraph 42", &[]),
            ("pages 160 to 212", &[]),
            ("paragraphs 3.1 and 42", &[]),
            ("Appendix 212", &[]),
            ("on 13 May 2022 at 1.00 p.m.", &[]),
            // A year-like number is a figure only when nothing makes it a year.
            ("held on 23rd November, 2021.", &[]),
            ("in 2021, the (2021) report, 2021-2022", &[]),
            ("There were 2021 referrals", &[("2021", "{{ referrals }}")]),
            ("on 15/02/2022 and 2022-05-13", &[]),
            ("as at 12/2021", &[]),
            ("at 10:42", &[]),
            ("call 01709 822212", &[]),
            ("Covid-19 and 212A and the 42nd", &[]),
            (
                "see https://example.org/212 or www.example.org/42 or a@212.org",
                &[],
            ),
            ("[the report](https://example.org/1167)", &[]),
            ("3.2.1 and 13.05.2022", &[]),
            ("\n42. That the report be noted", &[]),
            // Years.
            (
                "in 2021 and since 1167",
                &[("1167", "{{ admissions.ytd }}")],
            ),
            // Financial years.
            (
                "the year 2021/22 so far",
                &[("2021/22", "{{ as_at | financial_year }}")],
            ),
            (
                "during 2021-22",
                &[("2021-22", "{{ as_at | financial_year('-') }}")],
            ),
            ("last year, 2020/21", &[]),
            ("in 2021–22", &[]),
            ("on 2021-12-31", &[]),
        ];
        for (text, expected) in cases {
            let found = known.scan(text);
            let seen: Vec<(&str, &str)> = found
                .iter()
                .map(|finding| (&text[finding.range.clone()], finding.hint.as_str()))
                .collect();
            assert_eq!(seen.len(), expected.len(), "{text:?}: found {:?}", found);
            for ((typed, hint), (expected_typed, expected_hint)) in seen.iter().zip(*expected) {
                assert_eq!(typed, expected_typed, "{text:?}");
                assert!(
                    hint.contains(expected_hint),
                    "{text:?}: {hint} lacks {expected_hint}"
                );
            }
        }
    }

    #[test]
    fn names_every_figure_of_the_same_value() {
        let known = known();
        let found = known.scan("42 admissions");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`42` is typed by hand: it is the figure `admissions.q3`"
        );
        let found = known.scan("212 children");
        assert!(
            found[0]
                .message
                .contains("`lac.dec_21` (`lac.latest` and `lac.q3` too)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn without_figures_only_references_are_found() {
        let text = "212 children in 2021/22, Minute 31";
        let mut known = Known::new(&NumberStyle::default());
        assert!(known.scan(text).is_empty());
        known.minute(31, None);
        let found = known.scan(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "Minute 31");
    }

    #[test]
    fn numbers_are_read_as_the_house_style_writes_them() {
        let numbers = NumberStyle {
            thousands: serde_json::from_str("\".\"").unwrap(),
            decimal: serde_json::from_str("\",\"").unwrap(),
            ..NumberStyle::default()
        };
        let known = known_in(&numbers);
        let text = "1.167 admissions, 91,3% of plans, 1,167 others";
        let typed: Vec<&str> = known
            .scan(text)
            .iter()
            .map(|finding| &text[finding.range.clone()])
            .collect();
        assert_eq!(typed, ["1.167", "91,3%"]);
    }

    #[test]
    fn a_huge_text_is_read_in_one_pass() {
        let known = known();
        let text = "Minute No. 31 212 {{ x }} 2021/22 www. ".repeat(50_000)
            + &"{{".repeat(50_000)
            + &"1,".repeat(100_000);
        let started = std::time::Instant::now();
        let found = known.scan(&text);
        assert_eq!(found.len(), 150_000);
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }
}
