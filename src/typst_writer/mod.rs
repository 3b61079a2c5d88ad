//! The PDF writer: the document model as JSON data, typeset by the house-style Typst templates
//! and exported as a tagged PDF/UA-1 file.

pub mod world;

use std::path::PathBuf;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::diagnostics::{Diagnostic, Location};
use crate::model::{Block, Document, PictureFile};
use world::{PaperWorld, TEMPLATE_FOLDER};
pub use world::{Templates, Typesetter, style_key};

/// Where the document data sits in Typst's virtual file system.
pub const DOCUMENT_DATA_PATH: &str = "/document.json";

/// The generated main file: import the house style and render the data. It never contains user text.
pub fn main_source() -> String {
    format!(
        "#import \"{TEMPLATE_FOLDER}/house-style.typ\": paper\n#paper(json(\"{DOCUMENT_DATA_PATH}\"))\n"
    )
}

/// The document model as the JSON the templates read.
pub fn document_json(document: &Document) -> Vec<u8> {
    serde_json::to_vec(document).expect("the document model always serialises")
}

/// The generated main file of an agenda pack.
pub fn pack_main_source() -> String {
    format!("#import \"{TEMPLATE_FOLDER}/pack.typ\": pack\n#pack(json(\"{DOCUMENT_DATA_PATH}\"))\n")
}

/// A typeset agenda pack.
pub struct PackPdf {
    /// The typeset file.
    pub pdf: Pdf,
    /// Printed page range of each item with papers, by item number.
    pub page_ranges: std::collections::BTreeMap<u32, crate::model::PageRange>,
    /// The laid-out pages, from which an item's own file is cut.
    document: PagedDocument,
}

impl PackPdf {
    /// Pages `first..=last` (1-based, as laid out) as a file of their own titled `title`: an
    /// item's file without typesetting it again, so it cannot differ from the pack by a line.
    /// Tagged, and PDF/UA-1 when `accessible`.
    pub fn extract(
        &self,
        first: usize,
        last: usize,
        title: &str,
        ident: &str,
        accessible: bool,
    ) -> Result<Pdf, Vec<Diagnostic>> {
        let pages = self.document.pages();
        if first == 0 || first > last || last > pages.len() {
            return Err(vec![Diagnostic::error(format!(
                "pages {first} to {last} are not in the {}-page pack",
                pages.len()
            ))]);
        }
        let mut info = self.document.clone().info_mut().clone();
        info.title = Some(title.into());
        let subset = PagedDocument::new(pages[first - 1..last].iter().cloned().collect(), info);
        let bytes = typst_pdf::pdf(&subset, &pdf_options(ident, accessible)).map_err(|errors| {
            errors
                .iter()
                .map(|error| {
                    Diagnostic::error(error.message.to_string())
                        .hint("while writing an item's pages as a file of their own")
                })
                .collect::<Vec<_>>()
        })?;
        Ok(Pdf {
            bytes,
            pages: last + 1 - first,
            warnings: Vec::new(),
            project: None,
        })
    }
}

/// Typeset an agenda pack (or one item of it) as a tagged PDF/UA-1 file.
///
/// A pack that shows pages of supplied PDFs is still tagged but cannot claim PDF/UA-1: Typst
/// refuses to embed PDFs under it, and nothing can vouch for pages it did not make.
pub fn write_pack(
    pack: &crate::model::Pack,
    typesetter: &Typesetter,
    ident: &str,
) -> Result<PackPdf, Vec<Diagnostic>> {
    let json = serde_json::to_vec(pack).expect("the pack model always serialises");
    let blocks = pack.front_sheet.iter().chain(
        pack.items
            .iter()
            .flat_map(|item| &item.documents)
            .flat_map(|document| &document.blocks),
    );
    let attachments = pack
        .attachments
        .iter()
        .map(|attachment| {
            let bytes = Bytes::new(attachment.bytes.as_ref().clone());
            (attachment.source.clone(), bytes)
        })
        .chain(picture_data(blocks))
        .collect();
    let (pdf, paged) = compile_and_export(
        typesetter,
        pack_main_source(),
        json,
        attachments,
        pack.metadata.date,
        ident,
        !pack.has_supplied_pdfs(),
    )?;
    let page_ranges = read_page_ranges(&paged);
    Ok(PackPdf {
        pdf,
        page_ranges,
        document: paged,
    })
}

/// Lay out every page of a supplied PDF as a pack shows them, and export them: what the build
/// will do with the file, done on its own so that a separate process can try it first.
pub fn lay_out_supplied_pdf(
    typesetter: &Typesetter,
    bytes: Vec<u8>,
    pages: u32,
) -> Result<(), Vec<Diagnostic>> {
    use crate::model::{Attachment, Block, Metadata, Pack, PackDocument, PackItem};
    let source = "/supplied/check.pdf".to_string();
    let pack = Pack {
        metadata: Metadata {
            title: "Supplied PDF".into(),
            authors: Vec::new(),
            description: None,
            keywords: Vec::new(),
            date: None,
        },
        front_sheet: Vec::new(),
        items: vec![PackItem {
            number: 1,
            label: "1".into(),
            documents: vec![PackDocument {
                blocks: vec![Block::PdfPages {
                    source: source.clone(),
                    pages,
                    title: "Supplied PDF".into(),
                }],
                running_header: None,
                marking: None,
            }],
        }],
        attachments: vec![Attachment {
            source,
            bytes: std::sync::Arc::new(bytes),
        }],
    };
    write_pack(&pack, typesetter, "supplied-check").map(|_| ())
}

/// The page ranges the pack template leaves in its `<page-ranges>` metadata.
fn read_page_ranges(
    paged: &PagedDocument,
) -> std::collections::BTreeMap<u32, crate::model::PageRange> {
    use typst::foundations::{Label, Value};
    use typst::introspection::{Introspector, MetadataElem};
    use typst::utils::PicoStr;

    #[derive(serde::Deserialize)]
    struct Range {
        number: u32,
        first: u32,
        last: u32,
    }
    let Some(label) = Label::new(PicoStr::intern("page-ranges")) else {
        return Default::default();
    };
    let introspector: &dyn Introspector = paged.introspector().as_ref();
    let Ok(content) = introspector.query_label(label) else {
        return Default::default();
    };
    let value = content
        .to_packed::<MetadataElem>()
        .map(|metadata| metadata.value.clone())
        .unwrap_or(Value::None);
    let ranges: Vec<Range> = serde_json::to_value(&value)
        .ok()
        .and_then(|json| serde_json::from_value(json).ok())
        .unwrap_or_default();
    ranges
        .into_iter()
        .map(|range| {
            (
                range.number,
                crate::model::PageRange {
                    first: range.first,
                    last: range.last,
                },
            )
        })
        .collect()
}

/// The picture files `blocks` show, as the files the templates read them from.
fn picture_data<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Vec<(String, Bytes)> {
    crate::model::picture_files(blocks)
        .into_iter()
        .map(|file| (file.name.clone(), Bytes::new(file.bytes.clone())))
        .collect()
}

/// A picture drawn by the house style for a Word file: PNG bytes and size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawing {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// A structure diagram drawn as a PNG (for the DOCX), by the same template that draws it in the
/// PDF.
pub fn structure_png(
    typesetter: &Typesetter,
    structure: &crate::model::Structure,
) -> Result<Drawing, Vec<Diagnostic>> {
    drawing_png(
        typesetter,
        "structure-image",
        serde_json::to_vec(structure).expect("structures always serialise"),
    )
}

/// Pixels per point of a drawn structure: 144 per inch, sharp on screen and on paper
/// at the width the DOCX shows it.
const CHART_PIXELS_PER_POINT: f32 = 2.0;

/// Pixels per point of an author's SVG drawn for Word: 200 per inch, since a plan or a map may
/// hold finer lines and smaller text than a diagram.
const PICTURE_PIXELS_PER_POINT: f32 = 200.0 / 72.0;

/// An SVG picture an author supplied, drawn as a PNG `width` points wide for a Word file (which
/// cannot hold SVG): drawn by the typesetter that places it in the PDF, so that its text is set
/// in the same fonts, at 200 pixels per inch.
pub fn picture_png(
    typesetter: &Typesetter,
    file: &PictureFile,
    width: f32,
) -> Result<Drawing, Vec<Diagnostic>> {
    #[derive(serde::Serialize)]
    struct Data<'a> {
        file: &'a PictureFile,
        width: f32,
    }
    let data = serde_json::to_vec(&Data { file, width }).expect("a picture always serialises");
    let files = vec![(file.name.clone(), Bytes::new(file.bytes.clone()))];
    drawing_png_with(
        typesetter,
        "picture-image",
        data,
        files,
        PICTURE_PIXELS_PER_POINT,
    )
}

/// Draw the data with one of the house style's image functions (once per typesetter for the
/// same data and templates).
fn drawing_png(
    typesetter: &Typesetter,
    function: &str,
    data: Vec<u8>,
) -> Result<Drawing, Vec<Diagnostic>> {
    drawing_png_with(
        typesetter,
        function,
        data,
        Vec::new(),
        CHART_PIXELS_PER_POINT,
    )
}

/// [`drawing_png`] with `files` beside the data (named in it, and so part of its key) and
/// `pixels_per_point`.
fn drawing_png_with(
    typesetter: &Typesetter,
    function: &str,
    data: Vec<u8>,
    files: Vec<(String, Bytes)>,
    pixels_per_point: f32,
) -> Result<Drawing, Vec<Diagnostic>> {
    let key = crate::memo::key(&[
        &typesetter.key(),
        function.as_bytes(),
        &data,
        &pixels_per_point.to_le_bytes(),
    ]);
    typesetter.drawings.get_or_try(key, || {
        draw_png(typesetter, function, data, files, pixels_per_point)
    })
}

fn draw_png(
    typesetter: &Typesetter,
    function: &str,
    data: Vec<u8>,
    files: Vec<(String, Bytes)>,
    pixels_per_point: f32,
) -> Result<Drawing, Vec<Diagnostic>> {
    let main = format!(
        "#import \"{TEMPLATE_FOLDER}/house-style.typ\": {function}\n#{function}(json(\"{DOCUMENT_DATA_PATH}\"))\n"
    );
    let mut data_files = vec![(DOCUMENT_DATA_PATH.to_string(), Bytes::new(data))];
    data_files.extend(files);
    let world = PaperWorld::new(typesetter, main, data_files, None);
    let paged = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| {
            errors
                .iter()
                .map(|error| typst_diagnostic(&world, error))
                .collect::<Vec<_>>()
        })?;
    let Some(page) = paged.pages().first() else {
        return Err(vec![Diagnostic::error(format!(
            "`{function}` drew nothing"
        ))]);
    };
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(pixels_per_point)),
        ..Default::default()
    };
    let pixmap = typst_render::render(page, &options);
    let png = encode_png(pixmap.data(), pixmap.width(), pixmap.height()).map_err(|error| {
        vec![Diagnostic::error(format!(
            "cannot encode a drawing as PNG: {error}"
        ))]
    })?;
    Ok(Drawing {
        png,
        width: pixmap.width(),
        height: pixmap.height(),
    })
}

/// Premultiplied RGBA pixels as a PNG, with the fast DEFLATE setting: drawings of flat colour
/// compress well anyway, and the default setting spent more time than drawing them.
fn encode_png(
    premultiplied: &[u8],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, png::EncodingError> {
    let mut pixels = premultiplied.to_vec();
    for pixel in pixels.chunks_exact_mut(4) {
        let alpha = u16::from(pixel[3]);
        if alpha != 0 && alpha != 255 {
            for channel in &mut pixel[..3] {
                *channel = ((u16::from(*channel) * 255 + alpha / 2) / alpha).min(255) as u8;
            }
        }
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.write_header()?.write_image_data(&pixels)?;
    Ok(bytes)
}

/// A typeset paper.
pub struct Pdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Warnings from typesetting (e.g. a character the fonts lack).
    pub warnings: Vec<Diagnostic>,
    /// The Typst project compiled, when the typesetter keeps them (`--emit-typst`).
    pub project: Option<TypstProject>,
}

/// Typeset a document and export it as a tagged PDF/UA-1 file.
///
/// `ident` must be stable for the same paper across runs (it seeds the PDF's identifier).
pub fn write_pdf(
    document: &Document,
    typesetter: &Typesetter,
    ident: &str,
) -> Result<Pdf, Vec<Diagnostic>> {
    compile_and_export(
        typesetter,
        main_source(),
        document_json(document),
        picture_data(&document.blocks),
        document.metadata.date,
        ident,
        true,
    )
    .map(|(pdf, _)| pdf)
}

/// A Typst project as compiled: the main file, the data and the templates, each by its path
/// inside the project, so that Typst alone can compile it (to debug a house style, or to
/// measure the floor our own pipeline is compared with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypstProject {
    /// Each file's path inside the project (`main.typ`, `document.json`, …) and bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

fn typst_project(typesetter: &Typesetter, main: &str, files: &[(String, Bytes)]) -> TypstProject {
    let templates = world::TEMPLATES
        .iter()
        .filter_map(|(name, _)| {
            let id = world::file_id(&format!("{TEMPLATE_FOLDER}/{name}"));
            let text = typesetter.templates().get(id)?.0.text().to_string();
            Some((format!("{TEMPLATE_FOLDER}/{name}"), text.into_bytes()))
        })
        .collect::<Vec<_>>();
    let style = (
        world::STYLE_DATA_PATH.to_string(),
        typesetter.style_json().as_slice().to_vec(),
    );
    let logo = typesetter
        .templates()
        .logo()
        .map(|png| (world::LOGO_PATH.to_string(), png.to_vec()));
    let files = [("/main.typ".to_string(), main.as_bytes().to_vec()), style]
        .into_iter()
        .chain(logo)
        .chain(
            files
                .iter()
                .map(|(path, bytes)| (path.clone(), bytes.as_slice().to_vec())),
        )
        .chain(templates)
        .map(|(path, bytes)| (path.trim_start_matches('/').to_string(), bytes))
        .collect();
    TypstProject { files }
}

/// Compile `main` with `data` as the document JSON (and `files` beside it) and export it,
/// as PDF/UA-1 when `accessible`.
fn compile_and_export(
    typesetter: &Typesetter,
    main: String,
    data: Vec<u8>,
    files: Vec<(String, Bytes)>,
    date: Option<crate::model::Date>,
    ident: &str,
    accessible: bool,
) -> Result<(Pdf, PagedDocument), Vec<Diagnostic>> {
    let mut data_files = vec![(DOCUMENT_DATA_PATH.to_string(), Bytes::new(data))];
    data_files.extend(files);
    let project = typesetter
        .keep_projects
        .then(|| typst_project(typesetter, &main, &data_files));
    let world = PaperWorld::new(typesetter, main, data_files, date);
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings: Vec<Diagnostic> = warned
        .warnings
        .iter()
        .map(|warning| typst_diagnostic(&world, warning))
        .collect();
    let paged = warned.output.map_err(|errors| {
        errors
            .iter()
            .map(|error| typst_diagnostic(&world, error))
            .collect::<Vec<_>>()
    })?;
    let bytes = typst_pdf::pdf(&paged, &pdf_options(ident, accessible)).map_err(|errors| {
        errors
            .iter()
            .map(|error| {
                typst_diagnostic(&world, error)
                    .hint("the PDF must meet PDF/UA-1 (accessible PDF); change the content so that it does")
            })
            .collect::<Vec<_>>()
    })?;
    let pdf = Pdf {
        bytes,
        pages: paged.pages().len(),
        warnings,
        project,
    };
    Ok((pdf, paged))
}

/// The creation date of a paper that has no date of its own (a cover report built on its own
/// without `meeting_date`): the Unix epoch, as reproducible builds date what they cannot date,
/// so that every file says when it was made and the bytes never depend on the clock. A paper
/// with a date (its meeting's, its minutes') is dated by it instead.
fn undated_creation() -> typst_pdf::Timestamp {
    let epoch = typst::foundations::Datetime::from_ymd_hms(1970, 1, 1, 0, 0, 0)
        .expect("the epoch is a valid date");
    typst_pdf::Timestamp::new_utc(epoch)
}

/// Export options: fixed identifier and creation date (deterministic bytes), always tagged,
/// and PDF/UA-1 when `accessible`.
fn pdf_options(ident: &str, accessible: bool) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("papers {}", env!("CARGO_PKG_VERSION")))),
        // Used only where the paper sets no date (the templates leave it `auto` then).
        timestamp: Some(undated_creation()),
        page_ranges: None,
        standards: if accessible {
            pdf_standards()
        } else {
            PdfStandards::default()
        },
        tagged: true,
        pretty: false,
    }
}

/// PDF/UA-1 (accessibility), which the law expects of published council papers.
fn pdf_standards() -> PdfStandards {
    PdfStandards::new(&[PdfStandard::Ua_1]).expect("PDF/UA-1 alone is a valid set of standards")
}

/// Map a Typst diagnostic to ours, pointing into the template file and line where it arose.
fn typst_diagnostic(world: &PaperWorld<'_>, diagnostic: &SourceDiagnostic) -> Diagnostic {
    let mut result = match diagnostic.severity {
        TypstSeverity::Error => Diagnostic::error(diagnostic.message.to_string()),
        TypstSeverity::Warning => Diagnostic::warning(diagnostic.message.to_string()),
    };
    let span = diagnostic.span;
    if let (Some(id), Some(range)) = (span.id(), world.range(span)) {
        let file = if id == world.main_source().id() {
            Some((
                world.main_source().text().to_string(),
                PathBuf::from(id.vpath().get_without_slash()),
            ))
        } else {
            world
                .templates()
                .get(id)
                .map(|(source, path)| (source.text().to_string(), path.to_path_buf()))
        };
        if let Some((text, path)) = file {
            result = result.at(Location::from_offset(
                &path,
                &text,
                range.start,
                range.len(),
            ));
        }
    }
    for hint in &diagnostic.hints {
        result = result.hint(hint.v.to_string());
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Inline, Metadata};

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            metadata: Metadata {
                title: "A paper".into(),
                authors: vec!["A. Author".into()],
                description: None,
                keywords: Vec::new(),
                date: None,
            },
            running_header: None,
            blocks,
        }
    }

    #[test]
    fn content_that_breaks_pdf_ua_fails_the_build_with_a_clear_message() {
        let broken = document(vec![Block::Heading {
            level: 1,
            number: None,
            content: vec![Inline::text("")],
        }]);
        let errors = write_pdf(&broken, &Typesetter::default(), "test")
            .err()
            .expect("an empty heading is refused");
        let error = &errors[0];
        assert!(error.message.contains("PDF/UA-1"), "{error}");
        assert!(error.message.contains("heading title is empty"), "{error}");
        let location = error.location.as_ref().expect("the template line");
        assert_eq!(
            location.file,
            PathBuf::from("report_templates/rotherham/house-style.typ")
        );
        assert!(error.hints.iter().any(|hint| hint.contains("PDF/UA-1")));
    }

    /// The check of characters before typesetting must agree with Typst: every character it
    /// lets through typesets under PDF/UA-1 (a sample of all of them, with every invisible
    /// format character and space it allows; the whole range was checked once, in release).
    #[test]
    fn every_character_the_check_accepts_typesets() {
        let accepted: Vec<char> = (0x20u32..0x30000)
            .filter_map(char::from_u32)
            .filter(|c| crate::characters::unprintable(*c).is_none())
            .collect();
        let sample: String = accepted
            .iter()
            .enumerate()
            .filter(|(index, c)| index % 97 == 0 || !c.is_alphanumeric())
            .flat_map(|(_, c)| [*c, ' '])
            .collect();
        let paper = document(vec![Block::plain(sample)]);
        if let Err(errors) = write_pdf(&paper, &Typesetter::default(), "characters") {
            panic!("{}", errors[0]);
        }
    }

    /// Whatever the template adds (list markers, arrows, dashes) prints too: lists nested as
    /// deep as Markdown allows typeset under PDF/UA-1.
    #[test]
    fn lists_nested_as_deep_as_markdown_allows_typeset() {
        // Bullets and numbers in turn, each nested under the one before.
        let mut text = String::new();
        let mut indent = 0;
        for level in 0..7 {
            let marker = if level % 2 == 0 { "- " } else { "1. " };
            text.push_str(&format!("{}{marker}level {level}\n", " ".repeat(indent)));
            indent += marker.len();
        }
        let blocks = crate::markdown::parse_blocks(&text);
        fn depth(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|block| match block {
                    Block::BulletList { items } | Block::OrderedList { items, .. } => {
                        1 + items.iter().map(|item| depth(item)).max().unwrap_or(0)
                    }
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert_eq!(depth(&blocks), 7, "{blocks:?}");
        if let Err(errors) = write_pdf(&document(blocks), &Typesetter::default(), "lists") {
            panic!("{}", errors[0]);
        }
    }

    #[test]
    fn same_document_same_bytes() {
        let paper = document(vec![Block::plain("One paragraph.")]);
        let typesetter = Typesetter::default();
        let first = write_pdf(&paper, &typesetter, "same").unwrap();
        let second = write_pdf(&paper, &Typesetter::default(), "same").unwrap();
        assert_eq!(first.pages, 1);
        assert!(first.bytes == second.bytes);
    }
}
