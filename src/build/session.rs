//! What a run holds from build to build: the typesetter (fonts, templates, Typst's caches and
//! drawings), the Word files written and the supplied PDFs checked. `papers build` makes one,
//! `papers watch` keeps one for its whole life, so a rebuild reuses every warm cache.

use std::path::{Path, PathBuf};

use super::Failure;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::docx_writer::{self, DrawCharts, Picture};
use crate::memo::{self, Memo};
use crate::model::{Chart, Document, Structure};
use crate::style::{CoverReportForm, HouseStyle};
use crate::supplied::{PdfCheck, SuppliedPdfs};
use crate::typst_writer::world::{TEMPLATES, embedded_path};
use crate::typst_writer::{self, Drawing, Templates, Typesetter};

/// A house style built into the program: its name, its data and the templates it has of its
/// own (any other is the default style's).
pub struct BuiltInStyle {
    /// The name `house_style:` and `--templates` give it.
    pub name: &'static str,
    /// Its `style.yaml`.
    pub data: &'static str,
    /// Its own templates, by file name.
    pub templates: &'static [(&'static str, &'static str)],
}

/// The built-in house styles; the first is the default.
pub const BUILT_IN_STYLES: [BuiltInStyle; 2] = [
    BuiltInStyle {
        name: "rotherham",
        data: crate::style::BUILT_IN,
        templates: &TEMPLATES,
    },
    BuiltInStyle {
        name: "harrow",
        data: include_str!("../../report_templates/harrow/style.yaml"),
        templates: &[],
    },
];

/// The names of the built-in styles, for messages.
pub fn built_in_names() -> String {
    BUILT_IN_STYLES
        .iter()
        .map(|style| style.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The built-in style named `name`: its templates and data, read and checked as a folder's are.
pub fn read_built_in_style(name: &str) -> Option<Result<(Templates, HouseStyle), Failure>> {
    let built_in = BUILT_IN_STYLES.iter().find(|style| style.name == name)?;
    let texts = TEMPLATES
        .iter()
        .map(|(file, default)| {
            let own = built_in.templates.iter().find(|(own, _)| own == file);
            let text = own.map_or(*default, |(_, text)| *text);
            let path = PathBuf::from(format!("report_templates/{name}/{file}"));
            (*file, text.to_string(), path)
        })
        .collect();
    let source = SourceFile {
        path: PathBuf::from(format!("report_templates/{name}/style.yaml")),
        text: built_in.data.to_string(),
    };
    Some(read_style_data(&source).map(|style| (Templates::new(texts), style)))
}

/// A style's data, read strictly and checked.
fn read_style_data(source: &SourceFile) -> Result<HouseStyle, Failure> {
    let problem = |diagnostic: Diagnostic| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(diagnostic);
        Failure::Content(diagnostics)
    };
    let style = crate::content::parse_yaml::<HouseStyle>(source).map_err(problem)?;
    if let Some(diagnostic) = check_style(&style, source) {
        return Err(problem(diagnostic));
    }
    Ok(style)
}

/// The most committee styles a session keeps typesetters for.
const MOST_STYLES: usize = 8;

/// The caches and settings of a run.
#[derive(Default)]
pub struct Session {
    /// Typesets PDFs and draws the pictures of Word files, in the run's house style (the
    /// built-in one, or `--templates`).
    pub typesetter: Typesetter,
    /// Whether `--templates` chose the house style for the whole run: a committee's
    /// `house_style:` is then not used.
    pub style_overridden: bool,
    /// Typesetters of the style folders committees chose, by the hash of their style.
    styles: std::sync::Mutex<Vec<(memo::Key, std::sync::Arc<Typesetter>)>>,
    /// Supplied PDFs checked so far.
    pub supplied: SuppliedPdfs,
    /// Word files written, by model and templates.
    written: Memo<Vec<u8>>,
}

impl Session {
    /// A session typesetting with `typesetter` and checking supplied PDFs as `pdf_check` says.
    pub fn new(typesetter: Typesetter, pdf_check: PdfCheck) -> Self {
        Session {
            typesetter,
            style_overridden: false,
            styles: Default::default(),
            supplied: SuppliedPdfs::new(pdf_check),
            written: Memo::new(),
        }
    }

    /// The run's house style overrides every committee's (`--templates`).
    pub fn overriding_styles(mut self, overriding: bool) -> Self {
        self.style_overridden = overriding;
        self
    }

    /// The typesetter of the style folder `folder` (read now, made once per session for the
    /// same style), with the files read.
    pub fn typesetter_for(
        &self,
        folder: &Path,
    ) -> Result<(std::sync::Arc<Typesetter>, Vec<PathBuf>), Failure> {
        let (templates, style, read) = read_house_style(Some(folder))?;
        Ok((self.typesetter_of(templates, style), read))
    }

    /// The typesetter of the built-in style `name`, made once per session.
    pub fn typesetter_for_built_in(
        &self,
        name: &str,
    ) -> Option<Result<std::sync::Arc<Typesetter>, Failure>> {
        let read = read_built_in_style(name)?;
        Some(read.map(|(templates, style)| self.typesetter_of(templates, style)))
    }

    /// A typesetter of `templates` and `style`: the one made before for the same, or a new one.
    fn typesetter_of(&self, templates: Templates, style: HouseStyle) -> std::sync::Arc<Typesetter> {
        // Looked up before a typesetter is made: a watch reads the folder on every rebuild.
        let key = typst_writer::style_key(&templates, &style);
        let mut styles = self
            .styles
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, typesetter)) = styles.iter().find(|(known, _)| *known == key) {
            return std::sync::Arc::clone(typesetter);
        }
        let typesetter = std::sync::Arc::new(
            Typesetter::new(templates, style).keep_projects(self.typesetter.keeps_projects()),
        );
        // A watch that sees a style edited many times keeps only the latest few.
        if styles.len() >= MOST_STYLES {
            styles.remove(0);
        }
        styles.push((key, std::sync::Arc::clone(&typesetter)));
        typesetter
    }

    /// A document as DOCX bytes (once per session for the same model: a rebuild in
    /// `papers watch` reuses the file of a paper that did not change).
    pub fn write_docx(&self, document: &Document) -> Result<Vec<u8>, Vec<Diagnostic>> {
        self.write_docx_in(&self.typesetter, document)
    }

    /// [`Session::write_docx`] in the house style of `typesetter`.
    pub fn write_docx_in(
        &self,
        typesetter: &Typesetter,
        document: &Document,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let model = serde_json::to_vec(document).expect("the document model always serialises");
        // The templates draw the charts and the style sets the look: both are part of what a
        // DOCX is made from.
        let key = memo::key(&[&typesetter.key(), &model]);
        self.written.get_or_try(key, || {
            docx_writer::write_docx(document, typesetter.style(), &TypstDrawings(typesetter))
        })
    }

    /// Forget Word files and pictures not used in the last `max_age` builds.
    pub fn evict(&self, max_age: usize) {
        self.written.evict(max_age);
        self.typesetter.evict_drawings(max_age);
    }
}

/// A house style folder (`--templates`, `house_style:`), or the built-in style for `None`: its
/// templates and its data (`style.yaml`, read strictly), each file the built-in one where the
/// folder has none; with the files read, for a watcher. Files are read as content is: regular
/// files only, capped in size, so a pipe named `pack.typ` cannot hang the build.
pub fn read_house_style(
    folder: Option<&Path>,
) -> Result<(Templates, HouseStyle, Vec<PathBuf>), Failure> {
    let Some(folder) = folder else {
        return Ok((Templates::embedded(), HouseStyle::built_in(), Vec::new()));
    };
    // `--templates harrow` names a built-in style, unless a folder of that name is at hand.
    if !folder.is_dir()
        && let Some(built_in) = folder.to_str().and_then(read_built_in_style)
    {
        return built_in.map(|(templates, style)| (templates, style, Vec::new()));
    }
    if !folder.is_dir() {
        return Err(Failure::Io(
            Diagnostic::error(format!(
                "the template folder `{}` does not exist, nor is there a built-in style of that name",
                folder.display()
            ))
            .expected(format!("a folder, or one of {}", built_in_names()))
            .hint("give a house style folder: style.yaml, house-style.typ and pack.typ, each optional"),
        ));
    }
    let mut read = Vec::new();
    let mut texts = Vec::new();
    for (name, built_in) in TEMPLATES {
        let path = folder.join(name);
        match read_if_there(&path)? {
            Some(text) => {
                read.push(path.clone());
                texts.push((name, text, path));
            }
            None => texts.push((name, built_in.to_string(), embedded_path(name))),
        }
    }
    let templates = Templates::new(texts);
    let path = folder.join("style.yaml");
    let Some(text) = read_if_there(&path)? else {
        return Ok((templates, HouseStyle::built_in(), read));
    };
    let source = SourceFile { path, text };
    let style = read_style_data(&source)?;
    read.push(source.path);
    Ok((templates, style, read))
}

/// The text of the file at `path`, or `None` if there is none.
fn read_if_there(path: &Path) -> Result<Option<String>, Failure> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    crate::input::read_text_file(path)
        .map(Some)
        .map_err(|error| {
            Failure::Io(Diagnostic::error(format!(
                "cannot read `{}`: {}",
                path.display(),
                error.reason()
            )))
        })
}

/// What a style's data needs beyond its types: a bundled PDF font, form section keys that are
/// names and each once, and margins that leave room for text. The first problem, if any.
fn check_style(style: &HouseStyle, source: &SourceFile) -> Option<Diagnostic> {
    // The PDF's font must be bundled: Typst would otherwise fall back without a word.
    let families = crate::fonts::families();
    let font = style.fonts.pdf.as_str();
    if !families.iter().any(|family| family == font) {
        return Some(
            Diagnostic::error(format!(
                "`{font}` is not a bundled font, so the PDF cannot use it"
            ))
            .at(source.locate(font))
            .expected(families.join(", "))
            .hint("add the font's files and licence to fonts/, or choose a bundled one"),
        );
    }
    // A form's section keys are what reports write under `sections:`: names, each once.
    for (name, form) in &style.cover_report {
        let mut seen = Vec::new();
        for section in &form.sections {
            let key = section.key.as_str();
            let is_name = (1..=40).contains(&key.len())
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            let problem = if !is_name {
                format!("the `{name}` form's section key `{key}` is not a name")
            } else if seen.contains(&key) {
                format!("the `{name}` form has the section `{key}` twice")
            } else {
                seen.push(key);
                continue;
            };
            return Some(
                Diagnostic::error(problem)
                    .at(source.locate(&format!("key: {key}")))
                    .hint("a key is lower-case letters, digits and underscores (`key_issues`), once per form"),
            );
        }
    }
    let computed = [
        "apologies",
        "declarations",
        "exclusion",
        "minutes",
        "urgent",
        "future_meetings",
    ];
    for name in style.agenda.items.keys() {
        let is_name = (1..=40).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !is_name || computed.contains(&name.as_str()) {
            return Some(
                Diagnostic::error(format!("`{name}` cannot name one of the agenda's items"))
                    .at(source.locate(&format!("{name}:")))
                    .hint("a name is lower-case letters, digits and underscores, and not one the agenda already has (apologies, declarations, exclusion, minutes, urgent, future_meetings: word those above)"),
            );
        }
    }
    if !style.cover_report.contains_key(&style.default_form) {
        return Some(
            Diagnostic::error(format!(
                "`default_form` names `{}`, which is not one of the style's forms",
                style.default_form
            ))
            .at(source.locate_key("default_form"))
            .expected(
                style
                    .cover_report
                    .keys()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .hint("name the form a report uses when it gives no `layout:`"),
        );
    }
    for (name, form) in &style.cover_report {
        if let Some(problem) = form_problem(name, form, style) {
            let quoted = format!("\"{name}\":");
            let place = if source.text.contains(&quoted) {
                source.locate(&quoted)
            } else {
                source.locate(&format!("  {name}:"))
            };
            return Some(problem.at(place));
        }
    }
    // An A4 page (21 x 29.7 cm) must keep room for text.
    let margins = &style.margins;
    let across = margins.left.centimetres() + margins.right.centimetres();
    let down = margins.top.centimetres() + margins.bottom.centimetres();
    if across > 15.0 || down > 20.0 {
        return Some(
            Diagnostic::error(format!(
                "these margins leave too little of an A4 page for text ({across} cm across, {down} cm down)"
            ))
            .at(source.locate_key("margins"))
            .hint("left and right together may take up to 15 cm, top and bottom up to 20 cm"),
        );
    }
    None
}

/// What a form's data needs beyond its types: sections one or two levels deep, starting at
/// one; each key a report may write taken by one section; each field placed once; and another
/// form's name stood for by one form only.
fn form_problem(name: &str, form: &CoverReportForm, style: &HouseStyle) -> Option<Diagnostic> {
    let problem = |text: String, hint: &str| Some(Diagnostic::error(text).hint(hint.to_string()));
    if let Some(section) = form.sections.iter().find(|s| !(1..=2).contains(&s.level)) {
        return problem(
            format!(
                "the `{name}` form's section `{}` has level {}",
                section.key, section.level
            ),
            "a section has level 1, a sub-section of the section before it level 2",
        );
    }
    if form.sections.first().is_some_and(|first| first.level != 1) {
        return problem(
            format!("the `{name}` form starts with a sub-section"),
            "give the first section level 1",
        );
    }
    let mut keys: Vec<&str> = Vec::new();
    for section in &form.sections {
        for key in &section.also {
            if keys.contains(&key.as_str()) || form.sections.iter().any(|s| &s.key == key) {
                return problem(
                    format!("the `{name}` form takes `{key}` twice"),
                    "a key a report writes goes to one section: its own, or one that takes it with `also`",
                );
            }
            keys.push(key);
        }
    }
    let mut placed = Vec::new();
    let fields = form.front_page.iter().map(|entry| entry.field).chain(
        form.sections
            .iter()
            .flat_map(|section| section.fields.iter().map(|field| field.field)),
    );
    for field in fields {
        if placed.contains(&field) {
            return problem(
                format!("the `{name}` form places `{}` twice", field.name()),
                "place each field once: on the front page or in one section",
            );
        }
        placed.push(field);
    }
    for stood_for in &form.stands_for {
        let others = style
            .cover_report
            .iter()
            .filter(|(other, form)| {
                other.as_str() == stood_for || form.stands_for.contains(stood_for)
            })
            .count();
        if others > 1 {
            return problem(
                format!("more than one form stands for `{stood_for}`"),
                "a report's `layout:` must choose one form: let one form stand for it",
            );
        }
    }
    None
}

/// The Word writer's charts drawn by the house style's Typst templates, as the PDF draws them.
struct TypstDrawings<'a>(&'a Typesetter);

impl DrawCharts for TypstDrawings<'_> {
    fn chart(&self, chart: &Chart) -> Result<Picture, Vec<Diagnostic>> {
        typst_writer::chart_png(self.0, chart).map(picture)
    }

    fn structure(&self, structure: &Structure) -> Result<Picture, Vec<Diagnostic>> {
        typst_writer::structure_png(self.0, structure).map(picture)
    }
}

fn picture(drawing: Drawing) -> Picture {
    Picture {
        png: drawing.png,
        width: drawing.width,
        height: drawing.height,
    }
}
