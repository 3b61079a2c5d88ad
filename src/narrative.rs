//! Narrative text: Markdown body text rendered as a minijinja template, so that it can use
//! figures ("{{ lac.dec_21 }}", "{{ admissions.ytd | number }}") and refer to minutes and agenda
//! items by key ("{{ minute('lac_council') }}" prints "Minute No. 31 (LAC Council Update)").
//! Every value a template inserts prints literally. Text that types by hand what an expression
//! would print (a minute's number, a figure) is warned about where it is written.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use minijinja::{Environment, Error, ErrorKind, Value};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location, Warnings, did_you_mean};
use crate::diagnostics::{Scalars, SourceFile};
use crate::figures::{Figures, expressions};
use crate::hand_typed::{self, Known};
use crate::pictures::PictureReader;
use crate::style::NumberStyle;

/// A minute others can refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteReference {
    /// Its number ("31").
    pub number: u32,
    /// The short title used in references ("LAC Council Update").
    pub short_title: String,
}

/// An agenda item others can refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemReference {
    /// Its number on the agenda as printed ("7", "6.1").
    pub number: String,
    /// Its title on the agenda.
    pub title: String,
}

/// What narrative text may refer to, by key.
#[derive(Debug, Clone, Default)]
pub struct References {
    /// Minutes of the minutes being written.
    pub minutes: BTreeMap<String, MinuteReference>,
    /// The numbers of every minute of the minutes being written, keyed or not (empty outside
    /// minutes): a number typed by hand among them is warned about.
    pub minute_numbers: Range<u32>,
    /// Items of the meeting's agenda.
    pub items: BTreeMap<String, ItemReference>,
    /// The numbers of every item of the meeting's agenda, keyed or not (empty outside a
    /// meeting).
    pub item_numbers: Range<u32>,
    /// How a minute and an agenda item are cited, in the house style's words.
    pub citations: Citations,
    /// How numbers are printed, in the house style.
    pub numbers: NumberStyle,
}

/// The words a citation starts with: "Minute No. 31 (LAC Council Update)", "Agenda Item 5".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citations {
    /// Before a minute's number ("Minute No.").
    pub minute: String,
    /// Before an agenda item's number ("Agenda Item").
    pub agenda_item: String,
}

impl Default for Citations {
    /// The built-in house style's words, for narrative rendered outside a build.
    fn default() -> Self {
        Citations {
            minute: "Minute No.".to_string(),
            agenda_item: "Agenda Item".to_string(),
        }
    }
}

/// Renders narrative text against a set of references and figures, and reads the pictures it
/// shows.
pub struct Narrative {
    environment: Environment<'static>,
    figures: Value,
    /// Reads the picture files the text shows; none outside a build.
    pictures: Option<Arc<PictureReader>>,
    /// What the text should not type by hand.
    known: Known,
    /// Where warnings about the text go.
    warnings: Warnings,
    /// The warnings placed so far, and the scalars of the file last placed in.
    placed: Mutex<Placed>,
}

/// What placing warnings in their files has cost so far.
#[derive(Default)]
struct Placed {
    count: usize,
    /// Whether the paper has been told that more were found than are warned about.
    summarised: bool,
    scalars: Option<(PathBuf, Arc<Scalars>)>,
}

/// The most facts typed by hand warned about in one paper: enough to show what to change,
/// few enough that a paper typed wholly by hand neither buries other messages nor costs a
/// search of its file per number.
pub const MOST_HAND_TYPED_WARNINGS: usize = 50;

impl Default for Narrative {
    fn default() -> Self {
        Narrative::new(References::default(), Warnings::default())
    }
}

/// The longest text one field may produce, in bytes.
pub const MOST_TEXT: usize = 1_000_000;

/// The figures' expression environment ([`expressions::environment`]), printing every value
/// it inserts as literal Markdown.
fn narrative_environment(numbers: &NumberStyle) -> Environment<'static> {
    let mut environment = expressions::environment_with(numbers);
    let numbers = numbers.clone();
    environment.set_formatter(move |out, _state, value| {
        out.write_str(&escape_markdown(&display(value, &numbers)?))
            .map_err(Error::from)
    });
    environment
}

/// A value as plain text: numbers without float noise ("574", "-0.6"), the rest as they are. A
/// number that is not finite (a division by zero) is an error, never "inf" in a paper.
fn display(value: &Value, numbers: &NumberStyle) -> Result<String, Error> {
    if value.kind() == minijinja::value::ValueKind::Number
        && let Ok(number) = f64::try_from(value.clone())
    {
        let number = expressions::finite(number)?;
        return Ok(crate::format::localised(
            &crate::format::plain(number),
            numbers,
        ));
    }
    Ok(value.to_string())
}

impl Narrative {
    /// A renderer whose functions resolve `references`, warning to `warnings`.
    pub fn new(references: References, warnings: Warnings) -> Self {
        Narrative::with_context(references, None, warnings)
    }

    /// A renderer with `references` and the named figures of `figures` (see
    /// [`crate::figures::Figures::context`]), warning to `warnings`.
    pub fn with_figures(references: References, figures: &Figures, warnings: Warnings) -> Self {
        Narrative::with_context(references, Some(figures), warnings)
    }

    fn with_context(references: References, figures: Option<&Figures>, warnings: Warnings) -> Self {
        let known = known(&references, figures);
        let mut environment = narrative_environment(&references.numbers);
        let references = Arc::new(references);
        let minutes = Arc::clone(&references);
        environment.add_function("minute", move |key: String| {
            let minute = lookup(&minutes.minutes, &key, "minute")?;
            Ok(format!(
                "{} {} ({})",
                minutes.citations.minute, minute.number, minute.short_title
            ))
        });
        let minute_numbers = Arc::clone(&references);
        environment.add_function("minute_number", move |key: String| {
            lookup(&minute_numbers.minutes, &key, "minute").map(|minute| minute.number)
        });
        let items = Arc::clone(&references);
        environment.add_function("item", move |key: String| {
            lookup(&items.items, &key, "agenda item")
                .map(|item| format!("{} {}", items.citations.agenda_item, item.number))
        });
        let item_numbers = Arc::clone(&references);
        environment.add_function("item_number", move |key: String| {
            lookup(&item_numbers.items, &key, "agenda item").map(|item| item.number.clone())
        });
        Narrative {
            environment,
            figures: Value::from(
                figures
                    .map(|figures| figures.context.clone())
                    .unwrap_or_default(),
            ),
            known,
            warnings,
            placed: Mutex::new(Placed::default()),
            pictures: None,
        }
    }

    /// The renderer, its text's pictures read by `reader` (the run's, shared by its papers).
    pub fn with_pictures(mut self, reader: Arc<PictureReader>) -> Self {
        self.pictures = Some(reader);
        self
    }

    /// What reads the pictures the text shows, if they can be shown.
    pub fn pictures(&self) -> Option<&PictureReader> {
        self.pictures.as_deref()
    }

    /// Render `text` (written at `spanned` in `source`) to Markdown, or say where it fails.
    pub fn render(
        &self,
        text: &Spanned<String>,
        source: &SourceFile,
    ) -> Result<String, Vec<Diagnostic>> {
        self.render_str(&text.value, source, Some(text))
    }

    /// Render text whose place in `source` is that of `spanned` (when known), or say every
    /// place it fails.
    pub fn render_str<T>(
        &self,
        text: &str,
        source: &SourceFile,
        spanned: Option<&Spanned<T>>,
    ) -> Result<String, Vec<Diagnostic>> {
        self.warn_hand_typed(text, source, spanned);
        if !text.contains('{') {
            return Ok(text.to_string());
        }
        let rendered = match self.environment.render_str(text, self.figures.clone()) {
            Ok(rendered) => rendered,
            Err(error) => return Err(self.every_problem(error, text, source, spanned)),
        };
        if rendered.len() > MOST_TEXT {
            let at = spanned
                .map(|spanned| source.location_of(spanned))
                .unwrap_or_else(|| Location::from_line_column(&source.path, &source.text, 1, 1));
            return Err(vec![
                Diagnostic::error(format!(
                    "this text makes {} MB of text, more than the {} MB one field may hold",
                    rendered.len() / 1_000_000,
                    MOST_TEXT / 1_000_000
                ))
                .at(at),
            ]);
        }
        Ok(rendered)
    }
}

impl Narrative {
    /// `first`, the error rendering `text` stopped at, and those after it: minijinja stops at
    /// the first, so each failing `{{ … }}` is blanked (with spaces, keeping every place where
    /// it was) and the text rendered again, up to ten times. A failing `{% … %}` block, or a
    /// syntax error, ends the search: blanking half a block would make errors of its own.
    fn every_problem<T>(
        &self,
        first: Error,
        text: &str,
        source: &SourceFile,
        spanned: Option<&Spanned<T>>,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut working = text.to_string();
        let mut error = first;
        for _ in 0..10 {
            problems.push(template_diagnostic(
                &error,
                text,
                source,
                spanned,
                &self.figures,
            ));
            let Some(range) = error
                .range()
                .filter(|_| error.kind() != ErrorKind::SyntaxError)
            else {
                break;
            };
            let Some((start, end)) = enclosing_output(&working, range) else {
                break;
            };
            working.replace_range(start..end, &" ".repeat(end - start));
            match self.environment.render_str(&working, self.figures.clone()) {
                Ok(_) => break,
                Err(next) => error = next,
            }
        }
        problems
    }

    /// Warn about every fact `text` types by hand, at its place in `source`.
    fn warn_hand_typed<T>(&self, text: &str, source: &SourceFile, spanned: Option<&Spanned<T>>) {
        let findings = self.known.scan(text);
        if findings.is_empty() {
            return;
        }
        let mut placed = self
            .placed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let room = MOST_HAND_TYPED_WARNINGS.saturating_sub(placed.count);
        placed.count += findings.len();
        if findings.len() > room && !placed.summarised {
            placed.summarised = true;
            self.warnings.push(
                Diagnostic::warning(format!(
                    "this paper types more facts by hand than the {MOST_HAND_TYPED_WARNINGS} warned about here"
                ))
                .at(Location::from_line_column(&source.path, &source.text, 1, 1))
                .hint("write the expressions suggested, then check again for the rest"),
            );
        }
        if room == 0 {
            return;
        }
        let findings = &findings[..room.min(findings.len())];
        let scalars = match &placed.scalars {
            Some((path, scalars)) if *path == source.path => Arc::clone(scalars),
            _ => {
                let scalars = Arc::new(source.scalars());
                placed.scalars = Some((source.path.clone(), Arc::clone(&scalars)));
                scalars
            }
        };
        drop(placed);
        let from = spanned
            .and_then(|spanned| source.offset_of(spanned))
            .unwrap_or(0);
        let ranges: Vec<Range<usize>> = findings
            .iter()
            .map(|finding| finding.range.clone())
            .collect();
        let places = scalars.places(source, from, text, &ranges);
        for (finding, place) in findings.iter().zip(places) {
            // Text that cannot be followed through the way it is written (an escape the
            // parser reads differently) is pointed at where it is first written as typed.
            let place = place.unwrap_or_else(|| {
                let typed = &text[finding.range.clone()];
                match spanned {
                    Some(spanned) => source.locate_from(spanned, typed),
                    None => source.locate(typed),
                }
            });
            self.warnings.push(
                Diagnostic::warning(finding.message.clone())
                    .at(place)
                    .hint(finding.hint.clone()),
            );
        }
    }
}

/// What the text of a narrative with `references` and `figures` could print through an
/// expression rather than type.
fn known(references: &References, figures: Option<&Figures>) -> Known {
    let citations = &references.citations;
    let mut known =
        Known::new(&references.numbers).cited_as(&citations.minute, &citations.agenda_item);
    for number in references.minute_numbers.clone() {
        known.minute(number, None);
    }
    for (key, minute) in &references.minutes {
        known.minute(
            minute.number,
            Some(hand_typed::Reference {
                key: key.clone(),
                prints: format!(
                    "{} {} ({})",
                    citations.minute, minute.number, minute.short_title
                ),
            }),
        );
    }
    for number in references.item_numbers.clone() {
        known.item(number, None);
    }
    // An item in parts ("6.1") is not a whole number a hand-typed reference could match.
    for (key, item) in &references.items {
        let Ok(number) = item.number.parse::<u32>() else {
            continue;
        };
        known.item(
            number,
            Some(hand_typed::Reference {
                key: key.clone(),
                prints: format!("{} {}", citations.agenda_item, item.number),
            }),
        );
    }
    if let Some(figures) = figures {
        known.figures(figures);
    }
    known
}

fn lookup<'a, T>(table: &'a BTreeMap<String, T>, key: &str, what: &str) -> Result<&'a T, Error> {
    table.get(key).ok_or_else(|| {
        let mut message = format!("no {what} has the key `{key}`");
        match did_you_mean(key, table.keys().map(String::as_str)) {
            Some(suggestion) => message.push_str(&format!(" (did you mean `{suggestion}`?)")),
            None if table.is_empty() => {
                message.push_str(&format!(" (there are no {what}s to refer to here)"))
            }
            None => message.push_str(&format!(
                " (keys: {})",
                table
                    .keys()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        Error::new(ErrorKind::InvalidOperation, message)
    })
}

/// Backslash-escape Markdown punctuation so an inserted value reads exactly as it is.
pub fn escape_markdown(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Point at the failing expression in the YAML file, and name the figure meant when a name is
/// misspelt.
///
/// Minijinja places the error in the text as rendered, which is not the text as written (a
/// folded block joins its lines): the whole `{{ … }}` holding the error is found in the file
/// instead, the same occurrence of it as in the text, so `number` in `{{ lac.x | number }}`
/// is never taken for the word "number" a line earlier.
fn template_diagnostic<T>(
    error: &Error,
    text: &str,
    source: &SourceFile,
    spanned: Option<&Spanned<T>>,
    figures: &Value,
) -> Diagnostic {
    let detail = error
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| error.kind().to_string());
    let message = match error.kind() {
        ErrorKind::UndefinedError => format!("undefined name in text: {detail}"),
        ErrorKind::SyntaxError => format!("template syntax error in text: {detail}"),
        ErrorKind::OutOfFuel => format!(
            "this text does too much work: more than {} steps, or text too large (a loop too long?)",
            expressions::FUEL
        ),
        _ => detail.clone(),
    };
    let undefined = undefined_name(&detail);
    let start = spanned
        .and_then(|spanned| source.offset_of(spanned))
        .unwrap_or(0);
    let location = error
        .range()
        .filter(|range| {
            text.get(range.clone())
                .is_some_and(|e| !e.trim().is_empty())
        })
        .and_then(|range| {
            let (expression, within) = enclosing_expression(text, range.clone());
            let occurrence = text[..range.start.saturating_sub(within)]
                .matches(expression)
                .count();
            let found = source
                .text
                .get(start..)?
                .match_indices(expression)
                .nth(occurrence)?
                .0;
            // The misspelt name itself when it is in the expression, else what minijinja marked.
            let (offset, length) = match undefined.and_then(|name| expression.find(name)) {
                Some(at) => (at, undefined.map_or(1, str::len)),
                None => (within, range.len()),
            };
            Some(Location::from_offset(
                &source.path,
                &source.text,
                start + found + offset,
                length,
            ))
        })
        .or_else(|| spanned.map(|spanned| source.location_of(spanned)))
        .unwrap_or_else(|| Location::from_line_column(&source.path, &source.text, 1, 1));
    let mut diagnostic = Diagnostic::error(message).at(location);
    if let Some(suggestion) = undefined.and_then(|name| figure_meant(name, figures)) {
        diagnostic = diagnostic.hint(format!("did you mean `{suggestion}`?"));
    }
    if let Some(hint) = expressions::hint_of(error) {
        diagnostic = diagnostic.hint(hint);
    }
    if matches!(
        error.kind(),
        ErrorKind::SyntaxError | ErrorKind::UndefinedError
    ) {
        diagnostic = diagnostic.hint(
            "text between {{ and }} is an expression; to print braces literally write {{ '{{' }}",
        );
    }
    diagnostic
}

/// The `{{ … }}` (or `{% … %}`) of `text` holding `range`, and where `range` starts inside it;
/// the range itself when it is in none.
fn enclosing_expression(text: &str, range: std::ops::Range<usize>) -> (&str, usize) {
    let opening = text[..range.start]
        .rfind("{{")
        .into_iter()
        .chain(text[..range.start].rfind("{%"))
        .max();
    let closing = |from: usize| {
        ["}}", "%}"]
            .iter()
            .filter_map(|end| text[from..].find(end).map(|at| from + at + 2))
            .min()
    };
    match opening.and_then(|open| Some((open, closing(open)?))) {
        Some((open, close)) if close >= range.end => (&text[open..close], range.start - open),
        _ => (&text[range.clone()], 0),
    }
}

/// The byte range of the `{{ … }}` of `text` holding `range`, if it is in one (not in a
/// `{% … %}` block).
fn enclosing_output(text: &str, range: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let (expression, within) = enclosing_expression(text, range.clone());
    let start = range.start - within;
    (expression.starts_with("{{") && expression.ends_with("}}"))
        .then_some((start, start + expression.len()))
}

/// The name in minijinja's "`lac.jun_2O` is undefined".
fn undefined_name(detail: &str) -> Option<&str> {
    let end = detail.find("` is undefined")?;
    let start = detail[..end].rfind('`')? + 1;
    Some(&detail[start..end]).filter(|name| !name.is_empty())
}

/// The figure most likely meant by the undefined `name` (`lac.jun_2O` → `lac.jun_20`): the
/// closest name at the first part of it that is not there.
fn figure_meant(name: &str, figures: &Value) -> Option<String> {
    let mut value = figures.clone();
    let mut known = Vec::new();
    for part in name.split('.') {
        match value.get_attr(part) {
            Ok(next) if !next.is_undefined() => {
                known.push(part);
                value = next;
            }
            _ => {
                let keys: Vec<String> = value
                    .try_iter()
                    .map(|keys| {
                        keys.filter_map(|key| key.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                let suggestion = did_you_mean(part, keys.iter().map(String::as_str))?;
                known.push(suggestion);
                return Some(known.join("."));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: "m.yaml".into(),
            text: text.into(),
        }
    }

    fn references() -> References {
        let mut references = References::default();
        references.minutes.insert(
            "lac_council".into(),
            MinuteReference {
                number: 31,
                short_title: "LAC Council Update".into(),
            },
        );
        references
    }

    #[test]
    fn resolves_minute_references() {
        let narrative = Narrative::new(references(), Warnings::default());
        let file = source("");
        let text = "in attendance for {{ minute('lac_council') }}; (previous Minute No. {{ minute_number('lac_council') }} refers)";
        let rendered = narrative.render_str::<()>(text, &file, None).unwrap();
        assert_eq!(
            crate::model::plain_text(&crate::markdown::parse_inlines(&rendered)),
            "in attendance for Minute No. 31 (LAC Council Update); (previous Minute No. 31 refers)"
        );
    }

    #[test]
    fn every_failing_expression_of_a_text_is_reported_but_a_failing_block_ends_the_search() {
        let narrative = Narrative::new(references(), Warnings::default());
        let yaml = "body: >-\n  {{ minute('a') }} then\n  {{ minute('b') }} and {{ minute('lac_council') }}\n  {{ minute('a') }}\n";
        let text = "{{ minute('a') }} then {{ minute('b') }} and {{ minute('lac_council') }} {{ minute('a') }}";
        let problems = narrative
            .render_str::<()>(text, &source(yaml), None)
            .unwrap_err();
        let places: Vec<(usize, usize)> = problems
            .iter()
            .map(|problem| {
                let location = problem.location.as_ref().unwrap();
                (location.line, location.column)
            })
            .collect();
        // The same expression twice is found twice, each at its own place.
        assert_eq!(places, [(2, 6), (3, 6), (4, 6)], "{problems:?}");
        let block = "{% for x in [1] %}{{ minute('a') }}{% endfor %} {{ minute('b') }}";
        let problems = narrative
            .render_str::<()>(block, &source(""), None)
            .unwrap_err();
        assert!(!problems.is_empty() && problems.len() <= 2, "{problems:?}");
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_place() {
        let narrative = Narrative::new(references(), Warnings::default());
        let yaml = "body: >-\n  text that refers to\n  {{ minute('lac_councl') }} here\n";
        let file = source(yaml);
        let text = "text that refers to {{ minute('lac_councl') }} here";
        let error = narrative
            .render_str::<()>(text, &file, None)
            .unwrap_err()
            .remove(0);
        assert!(
            error.message.contains("no minute has the key `lac_councl`"),
            "{error}"
        );
        assert!(
            error.message.contains("did you mean `lac_council`?"),
            "{error}"
        );
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column), (3, 6));
    }

    #[test]
    fn facts_typed_by_hand_are_warned_about_at_their_place() {
        let references = References {
            minute_numbers: 28..32,
            ..references()
        };
        let warnings = Warnings::default();
        let narrative = Narrative::new(references, warnings.clone());
        let yaml = "in_attendance:\n  - >-\n    Lisa was in attendance for\n    Minute No. 31.\n";
        let text = "Lisa was in attendance for Minute No. 31.";
        let rendered = narrative.render_str::<()>(text, &source(yaml), None);
        assert_eq!(rendered.unwrap(), text, "a warning changes nothing");
        let warned = warnings.take();
        assert_eq!(warned.len(), 1, "{warned:?}");
        let location = warned[0].location.as_ref().unwrap();
        assert_eq!(
            (location.line, location.column, location.length),
            (4, 5, 13)
        );
        assert!(warned[0].hints[0].contains("{{ minute('lac_council') }}"));

        // A paper typed wholly by hand is warned about its first facts, and told of the rest.
        let many = "Minute No. 31 ".repeat(MOST_HAND_TYPED_WARNINGS + 10);
        let yaml = format!("body: {many}\n");
        narrative
            .render_str::<()>(&many, &source(&yaml), None)
            .unwrap();
        let warned = warnings.take();
        assert_eq!(
            warned.len(),
            MOST_HAND_TYPED_WARNINGS,
            "one was warned already"
        );
        assert!(warned[0].message.contains("more facts by hand"));
    }

    #[test]
    fn inserted_values_print_literally() {
        let mut references = references();
        references
            .minutes
            .get_mut("lac_council")
            .unwrap()
            .short_title = "*Not* `code` <b> # {{x}}".into();
        let narrative = Narrative::new(references, Warnings::default());
        let rendered = narrative
            .render_str::<()>("{{ minute('lac_council') }}", &source(""), None)
            .unwrap();
        assert_eq!(
            crate::model::plain_text(&crate::markdown::parse_inlines(&rendered)),
            "Minute No. 31 (*Not* `code` <b> # {{x}})"
        );
    }

    #[test]
    fn rates_and_percentages_of_two_figures_print_in_the_house_style() {
        let mut figures = BTreeMap::new();
        figures.insert("spent".to_string(), Value::from(2_250_000));
        figures.insert("budget".to_string(), Value::from(3_000_000));
        let mut references = References::default();
        references.numbers.thousands = crate::style::Separator::try_from(" ".to_string()).unwrap();
        references.numbers.decimal = crate::style::Separator::try_from(",".to_string()).unwrap();
        let figures = Figures {
            as_at: crate::figures::period::Month {
                year: 2026,
                month: 1,
            },
            year_start: 4,
            indicators: Vec::new(),
            context: figures,
            tables: BTreeMap::new(),
        };
        let narrative = Narrative::with_figures(references, &figures, Warnings::default());
        let text = "{{ percent_of(spent, budget) | percent }}, {{ rate_per(spent, budget, per=1000) | number(1) }}, {{ percent_change(budget, spent) | signed_percent }}";
        let rendered = narrative.render_str::<()>(text, &source(""), None).unwrap();
        assert_eq!(
            crate::model::plain_text(&crate::markdown::parse_inlines(&rendered)),
            "75,0%, 750,0, -25,0%"
        );

        let yaml = "body: >-\n  Spent {{ percent_of(spent, 0) | percent }} of it\n";
        let text = "Spent {{ percent_of(spent, 0) | percent }} of it";
        let error = narrative
            .render_str::<()>(text, &source(yaml), None)
            .unwrap_err()
            .remove(0);
        assert!(
            error.message.contains("the whole of percent_of is 0"),
            "{error}"
        );
        assert!(
            error
                .hints
                .iter()
                .any(|hint| hint.contains("a share or rate of nothing")),
            "{error}"
        );
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column), (2, 12));
    }

    #[test]
    fn only_text_with_braces_is_a_template() {
        let narrative = Narrative::default();
        let text = "Plain % text with {% no braces";
        assert!(narrative.render_str::<()>(text, &source(""), None).is_err());
        let plain = "Plain text, 100% sure";
        assert_eq!(
            narrative
                .render_str::<()>(plain, &source(""), None)
                .unwrap(),
            plain
        );
    }
}
