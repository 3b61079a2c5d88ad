//! The registry of content kinds: every `kind:` a YAML file may name, how it is parsed, and
//! what it is to a build. A new kind of paper is its content type, its lowering (an
//! implementation of [`lower::Paper`]) and one line in [`KINDS`].

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::content::action_plan::ActionPlanPaper;
use crate::content::committee::Committee;
use crate::content::cover_report::CoverReport;
use crate::content::figures::FiguresFile;
use crate::content::long_report::LongReport;
use crate::content::meeting::Meeting;
use crate::content::minutes::Minutes;
use crate::content::performance_report::PerformanceReport;
use crate::content::short_paper::ShortPaper;
use crate::content::terms_of_reference::TermsOfReference;
use crate::content::{parse_yaml, quoted_list};
use crate::diagnostics::{Diagnostic, Location, SourceFile, did_you_mean};
use crate::lower;
use crate::schema::root_schema;
use crate::style::HouseStyle;

/// One kind of content file.
pub struct Kind {
    /// The name a file gives in `kind:` ("cover-report").
    pub name: &'static str,
    /// How messages name one file of the kind ("cover report").
    pub noun: &'static str,
    /// For papers: whether one given on its own (outside a meeting's agenda) is built on its
    /// own. Papers that only make sense in a pack say `false`.
    pub stands_alone: bool,
    /// For papers: whether the agenda presents it through its minutes item (`minutes:`),
    /// rather than as an item's report or appendix.
    pub presented_as_minutes: bool,
    /// Read a file of this kind.
    parse: fn(&SourceFile) -> Result<Parsed, Diagnostic>,
    /// The JSON Schema of a file of this kind (see [`crate::schema`]).
    pub schema: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
}

/// A content file, typed.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// A paper, which lowering turns into a document (figures and committees it names are
    /// resolved as it is lowered).
    Paper(Arc<dyn lower::Paper>),
    /// A meeting and its agenda.
    Meeting(Arc<Meeting>),
    /// A committee, shared by its meetings and minutes.
    Committee(Arc<Committee>),
    /// Figures behind reports.
    Figures(Arc<FiguresFile>),
    /// A house style's data (`style.yaml`), read here only to check it.
    HouseStyle(Arc<HouseStyle>),
}

/// Every kind, in the order messages list them.
pub static KINDS: [Kind; 11] = [
    paper::<CoverReport>("cover-report", "cover report"),
    paper::<PerformanceReport>("performance-report", "performance report"),
    paper::<LongReport>("long-report", "long report"),
    paper::<TermsOfReference>("terms-of-reference", "terms of reference"),
    paper::<ActionPlanPaper>("action-plan", "action plan"),
    paper::<ShortPaper>("short-paper", "short paper"),
    Kind {
        presented_as_minutes: true,
        ..paper::<Minutes>("minutes", "set of minutes")
    },
    data::<Meeting>("meeting", "meeting", |source| {
        parse_yaml::<Meeting>(source).map(|meeting| Parsed::Meeting(Arc::new(meeting)))
    }),
    data::<Committee>("committee", "committee", |source| {
        parse_yaml::<Committee>(source).map(|committee| Parsed::Committee(Arc::new(committee)))
    }),
    data::<FiguresFile>("figures", "figures file", |source| {
        parse_yaml::<FiguresFile>(source).map(|figures| Parsed::Figures(Arc::new(figures)))
    }),
    data::<HouseStyle>("house-style", "house style", |source| {
        parse_yaml::<HouseStyle>(source).map(|style| Parsed::HouseStyle(Arc::new(style)))
    }),
];

/// A kind of paper that stands alone and is presented as a report or appendix.
const fn paper<T: lower::Paper + DeserializeOwned + JsonSchema + 'static>(
    name: &'static str,
    noun: &'static str,
) -> Kind {
    Kind {
        name,
        noun,
        stands_alone: true,
        presented_as_minutes: false,
        parse: parse_paper::<T>,
        schema: root_schema::<T>,
    }
}

/// A kind of file that is not a paper: data other files name.
const fn data<T: JsonSchema>(
    name: &'static str,
    noun: &'static str,
    parse: fn(&SourceFile) -> Result<Parsed, Diagnostic>,
) -> Kind {
    Kind {
        name,
        noun,
        stands_alone: false,
        presented_as_minutes: false,
        parse,
        schema: root_schema::<T>,
    }
}

fn parse_paper<T: lower::Paper + DeserializeOwned + 'static>(
    source: &SourceFile,
) -> Result<Parsed, Diagnostic> {
    parse_yaml::<T>(source).map(|paper| Parsed::Paper(Arc::new(paper)))
}

impl Kind {
    /// The JSON Schema of a file of this kind, as the text of a JSON file (pretty, with a
    /// final newline).
    pub fn schema_text(&self) -> String {
        let schema = crate::schema::document(self.name, self.noun, self.schema);
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The first problem serde found in `source`, with every other shape problem the file's schema
/// finds on other lines (serde stops at the first), in the order of the file.
fn with_every_shape_problem(
    first: Diagnostic,
    kind: &Kind,
    source: &SourceFile,
) -> Vec<Diagnostic> {
    let line_of = |diagnostic: &Diagnostic| diagnostic.location.as_ref().map(|at| at.line);
    let schema = crate::schema::document(kind.name, kind.noun, kind.schema);
    let first_line = line_of(&first);
    let mut problems: Vec<Diagnostic> = crate::validate::shape_problems(source, &schema)
        .into_iter()
        .filter(|problem| line_of(problem) != first_line && problem.message != first.message)
        .collect();
    problems.push(first);
    problems.sort_by_key(|problem| line_of(problem));
    problems
}

/// The message for a file that is YAML but not a map of fields (a letter, a web page), if it is one.
fn not_a_content_file(source: &SourceFile) -> Option<Diagnostic> {
    let found = crate::validate::not_a_map(source)?;
    Some(
        Diagnostic::error(format!(
            "this is not a papers content file: it holds {found}, where papers reads `kind:` and the fields of a paper"
        ))
        .at(Location::from_line_column(&source.path, &source.text, 1, 1))
        .expected("a YAML file of `name: value` lines, starting `kind: cover-report` (or another kind)")
        .hint("move other files out of the content folder, or start a paper with `papers new cover-report <file>`"),
    )
}

/// The kind named `name`, or a message listing the kinds (with the likeliest one meant).
pub fn named(name: &str) -> Result<&'static Kind, Diagnostic> {
    if let Some(kind) = KINDS.iter().find(|kind| kind.name == name) {
        return Ok(kind);
    }
    let names: Vec<&str> = KINDS.iter().map(|kind| kind.name).collect();
    let mut diagnostic =
        Diagnostic::error(format!("unknown kind `{name}`")).expected(quoted_list(&names));
    if let Some(suggestion) = did_you_mean(name, names.iter().copied()) {
        diagnostic = diagnostic.hint(format!("did you mean `{suggestion}`?"));
    }
    Err(diagnostic)
}

/// Only the `kind` of a file, read first to choose the type to parse the whole file as.
#[derive(Deserialize)]
struct KindField {
    kind: Option<Spanned<String>>,
}

/// Parse one content file by its `kind:`. Returns its kind and content, or the problems found.
pub fn parse(source: &SourceFile) -> Result<(&'static Kind, Parsed), Vec<Diagnostic>> {
    let names: Vec<&str> = KINDS.iter().map(|kind| kind.name).collect();
    // Most files are maps: the whole file is read as a tree only when `kind:` cannot be read.
    let kind = parse_yaml::<KindField>(source)
        .map_err(|diagnostic| vec![not_a_content_file(source).unwrap_or(diagnostic)])?
        .kind;
    let Some(kind) = kind else {
        return Err(vec![
            Diagnostic::error(
                "missing field `kind`: the file does not say what kind of paper it is",
            )
            .at(Location::from_line_column(&source.path, &source.text, 1, 1))
            .expected(quoted_list(&names))
            .hint("add a first line such as `kind: cover-report`"),
        ]);
    };
    match KINDS.iter().find(|known| known.name == kind.value) {
        Some(known) => (known.parse)(source)
            .map(|parsed| (known, parsed))
            .map_err(|first| with_every_shape_problem(first, known, source)),
        None => {
            let mut diagnostic =
                Diagnostic::error(format!("unknown kind of paper `{}`", kind.value))
                    .at(source.location_of(&kind).underline_word())
                    .expected(quoted_list(&names));
            if let Some(suggestion) = did_you_mean(&kind.value, names.iter().copied()) {
                diagnostic = diagnostic.hint(format!("did you mean `{suggestion}`?"));
            }
            Err(vec![diagnostic])
        }
    }
}
