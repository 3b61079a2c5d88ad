//! What a run holds from build to build: the typesetter (fonts, templates, Typst's caches and
//! drawings), the Word files written and the supplied PDFs checked. `papers build` makes one,
//! `papers watch` keeps one for its whole life, so a rebuild reuses every warm cache.

use std::path::{Path, PathBuf};

use super::Failure;
use super::house_style::{read_built_in_style, read_house_style};
use crate::diagnostics::Diagnostic;
use crate::docx_writer::{self, DrawCharts, Picture};
use crate::memo::{self, Memo};
use crate::model::{Document, PictureFile, PictureFormat, Structure};
use crate::style::HouseStyle;
use crate::supplied::{PdfCheck, SuppliedPdfs};
use crate::typst_writer::{self, Drawing, Templates, Typesetter};

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
    /// How far the run has got, for a progress line.
    pub progress: std::sync::Arc<super::progress::Progress>,
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
            progress: Default::default(),
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
        // The templates draw the diagrams and the style sets the look: both are part of what a
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

/// The Word writer's structure diagrams drawn by the house style's Typst templates, as the PDF
/// draws them.
struct TypstDrawings<'a>(&'a Typesetter);

impl DrawCharts for TypstDrawings<'_> {
    fn structure(&self, structure: &Structure) -> Result<Picture, Vec<Diagnostic>> {
        typst_writer::structure_png(self.0, structure).map(picture)
    }

    fn logo(&self) -> Option<Picture> {
        let png = self.0.templates().logo()?;
        let (width, height) = crate::input::png_size(png)?;
        Some(Picture {
            png: png.to_vec(),
            width,
            height,
        })
    }

    fn picture(&self, file: &PictureFile, width: f32) -> Result<Picture, Vec<Diagnostic>> {
        let problem = |why: String| {
            vec![Diagnostic::error(format!(
                "cannot make a Word copy of a {} picture: {why}",
                file.format.name()
            ))]
        };
        match file.format {
            PictureFormat::Png => {
                let (width, height) = crate::input::png_size(&file.bytes)
                    .ok_or_else(|| problem("it does not decode".into()))?;
                Ok(Picture {
                    png: file.bytes.to_vec(),
                    width,
                    height,
                })
            }
            // A photograph keeps the pixels its printed width needs at 200 per inch.
            PictureFormat::Jpeg => {
                let most_width =
                    (f64::from(width) / 72.0 * WORD_PICTURE_DOTS_PER_INCH).ceil() as u32;
                let (png, width, height) =
                    crate::pictures::jpeg_as_png(&file.bytes, most_width).map_err(problem)?;
                Ok(Picture { png, width, height })
            }
            PictureFormat::Svg => typst_writer::picture_png(self.0, file, width).map(picture),
        }
    }
}

/// Pixels per inch of a photograph in a Word file: print quality at the width it is shown.
const WORD_PICTURE_DOTS_PER_INCH: f64 = 200.0;

fn picture(drawing: Drawing) -> Picture {
    Picture {
        png: drawing.png,
        width: drawing.width,
        height: drawing.height,
    }
}
