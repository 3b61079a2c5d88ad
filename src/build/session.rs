//! What a run holds from build to build: the typesetter (fonts, templates, Typst's caches and
//! drawings), the Word files written and the supplied PDFs checked. `papers build` makes one,
//! `papers watch` keeps one for its whole life, so a rebuild reuses every warm cache.

use crate::diagnostics::Diagnostic;
use crate::docx_writer::{self, DrawCharts, Picture};
use crate::memo::{self, Memo};
use crate::model::{Chart, Document, Structure};
use crate::supplied::{PdfCheck, SuppliedPdfs};
use crate::typst_writer::{self, Drawing, Typesetter};

/// The caches and settings of a run.
#[derive(Default)]
pub struct Session {
    /// Typesets PDFs and draws the pictures of Word files.
    pub typesetter: Typesetter,
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
            supplied: SuppliedPdfs::new(pdf_check),
            written: Memo::new(),
        }
    }

    /// A document as DOCX bytes (once per session for the same model: a rebuild in
    /// `papers watch` reuses the file of a paper that did not change).
    pub fn write_docx(&self, document: &Document) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let model = serde_json::to_vec(document).expect("the document model always serialises");
        // The templates draw the charts, so they are part of what a DOCX is made from.
        let templates = self.typesetter.templates().key();
        self.written
            .get_or_try(memo::key(&[&templates, &model]), || {
                docx_writer::write_docx(document, &TypstDrawings(&self.typesetter))
            })
    }

    /// Forget Word files and pictures not used in the last `max_age` builds.
    pub fn evict(&self, max_age: usize) {
        self.written.evict(max_age);
        self.typesetter.evict_drawings(max_age);
    }
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
