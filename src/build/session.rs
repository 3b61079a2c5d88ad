//! What a run holds from build to build: the typesetter (fonts, templates, Typst's caches and
//! drawings), the Word files written and the supplied PDFs checked. `papers build` makes one,
//! `papers watch` keeps one for its whole life, so a rebuild reuses every warm cache.

use std::path::{Path, PathBuf};

use super::Failure;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::docx_writer::{self, DrawCharts, Picture};
use crate::memo::{self, Memo};
use crate::model::{Chart, Document, Structure};
use crate::style::HouseStyle;
use crate::supplied::{PdfCheck, SuppliedPdfs};
use crate::typst_writer::{self, Drawing, Templates, Typesetter};

/// The built-in house styles, by the name `house_style:` gives them.
pub const BUILT_IN_STYLES: [&str; 1] = ["rotherham"];

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
        let made =
            Typesetter::new(templates, style).keep_projects(self.typesetter.keeps_projects());
        let key = made.key();
        let mut styles = self
            .styles
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, typesetter)) = styles.iter().find(|(known, _)| *known == key) {
            return Ok((std::sync::Arc::clone(typesetter), read));
        }
        let typesetter = std::sync::Arc::new(made);
        // A watch that sees a style edited many times keeps only the latest few.
        if styles.len() >= MOST_STYLES {
            styles.remove(0);
        }
        styles.push((key, std::sync::Arc::clone(&typesetter)));
        Ok((typesetter, read))
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

/// A house style folder (`--templates`), or the built-in style for `None`: its templates, its
/// data (`style.yaml`, read strictly; the built-in one where the folder has none) and the files
/// read, for a watcher.
pub fn read_house_style(
    folder: Option<&Path>,
) -> Result<(Templates, HouseStyle, Vec<PathBuf>), Failure> {
    let (templates, mut read) = Templates::read(folder).map_err(Failure::Io)?;
    let Some(path) = folder
        .map(|folder| folder.join("style.yaml"))
        .filter(|path| path.exists())
    else {
        return Ok((templates, HouseStyle::built_in(), read));
    };
    let text = crate::input::read_text_file(&path).map_err(|error| {
        Failure::Io(Diagnostic::error(format!(
            "cannot read `{}`: {}",
            path.display(),
            error.reason()
        )))
    })?;
    let source = SourceFile { path, text };
    let style = crate::content::parse_yaml::<HouseStyle>(&source).map_err(|diagnostic| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(diagnostic);
        Failure::Content(diagnostics)
    })?;
    // The PDF's font must be bundled: Typst would otherwise fall back without a word.
    let families = crate::fonts::families();
    if !families
        .iter()
        .any(|family| family == style.fonts.pdf.as_str())
    {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::error(format!(
                "`{}` is not a bundled font, so the PDF cannot use it",
                style.fonts.pdf.as_str()
            ))
            .at(source.locate(style.fonts.pdf.as_str()))
            .expected(families.join(", "))
            .hint("add the font's files and licence to fonts/, or choose a bundled one"),
        );
        return Err(Failure::Content(diagnostics));
    }
    // A form's section keys are what reports write under `sections:`: names, each once.
    for (name, form) in &style.cover_report {
        let mut seen = Vec::new();
        for section in &form.sections {
            let is_name = !section.key.is_empty()
                && section.key.len() <= 40
                && section
                    .key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            let problem = if !is_name {
                Some(format!(
                    "the `{name}` form's section key `{}` is not a name",
                    section.key
                ))
            } else if seen.contains(&section.key.as_str()) {
                Some(format!(
                    "the `{name}` form has the section `{}` twice",
                    section.key
                ))
            } else {
                None
            };
            if let Some(problem) = problem {
                let mut diagnostics = Diagnostics::new();
                diagnostics.push(
                    Diagnostic::error(problem)
                        .at(source.locate(&format!("key: {}", section.key)))
                        .hint("a key is lower-case letters, digits and underscores (`key_issues`), once per form"),
                );
                return Err(Failure::Content(diagnostics));
            }
            seen.push(section.key.as_str());
        }
    }
    // An A4 page (21 x 29.7 cm) must keep room for text.
    let margins = &style.margins;
    let across = margins.left.centimetres() + margins.right.centimetres();
    let down = margins.top.centimetres() + margins.bottom.centimetres();
    if across > 15.0 || down > 20.0 {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::error(format!(
                "these margins leave too little of an A4 page for text ({across} cm across, {down} cm down)"
            ))
            .at(source.locate_key("margins"))
            .hint("left and right together may take up to 15 cm, top and bottom up to 20 cm"),
        );
        return Err(Failure::Content(diagnostics));
    }
    read.push(source.path);
    Ok((templates, style, read))
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
