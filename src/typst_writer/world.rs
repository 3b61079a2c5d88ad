//! Typst embedded in process: our own `World`, serving only the house-style templates, the bundled
//! fonts ([`crate::fonts`]) and the document data held in memory. Nothing is read from the system.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::memo::{self, Memo};
use crate::model::Date;
use crate::style::HouseStyle;

/// The house-style templates, embedded so that the binary is self-contained.
pub const TEMPLATES: [(&str, &str); 2] = [
    (
        "house-style.typ",
        include_str!("../../report_templates/rotherham/house-style.typ"),
    ),
    (
        "pack.typ",
        include_str!("../../report_templates/rotherham/pack.typ"),
    ),
];

/// Typst's standard library with the accessibility extras (`pdf.header-cell`), which the house
/// style uses to mark a form's labels as the headers of their rows. The templates fall back to
/// plain cells without them, so Typst alone still compiles an emitted project.
fn library() -> Library {
    Library::builder()
        .with_features([typst::Feature::A11yExtras].into_iter().collect())
        .build()
}

/// Where the house style's data sits in Typst's virtual file system.
pub const STYLE_DATA_PATH: &str = "/style.json";

/// Where the templates read the style's logo, if it has one.
pub const LOGO_PATH: &str = "/logo.png";

/// The folder the templates live in, inside Typst's virtual file system.
pub const TEMPLATE_FOLDER: &str = "/report_templates";

/// The house-style templates in use: the embedded ones, or those the build read from a style
/// folder (see [`Templates::new`]).
pub struct Templates {
    sources: HashMap<FileId, Source>,
    /// Where each template was read from, for messages.
    paths: HashMap<FileId, PathBuf>,
    /// The style's own font files (its `fonts/` folder), besides the bundled ones.
    fonts: Vec<Bytes>,
    /// The style's logo (a PNG), which the templates read as `/logo.png`.
    logo: Option<Bytes>,
    /// The style folder's own stylesheet for the website (`website.css`), replacing the
    /// built-in one; carried here because a style folder is read once, as a whole.
    website_css: Option<String>,
    /// Hash of every template's text and font, for results cached outside Typst.
    key: memo::Key,
}

impl Templates {
    /// Templates from their texts: each of [`TEMPLATES`] by name, its text, and where it was
    /// read from (for messages).
    pub fn new(texts: Vec<(&str, String, PathBuf)>) -> Self {
        let mut sources = HashMap::new();
        let mut paths = HashMap::new();
        let mut parts: Vec<Vec<u8>> = Vec::new();
        for (name, text, path) in texts {
            let id = file_id(&format!("{TEMPLATE_FOLDER}/{name}"));
            parts.push(name.as_bytes().to_vec());
            parts.push(text.as_bytes().to_vec());
            sources.insert(id, Source::new(id, text));
            paths.insert(id, path);
        }
        let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        Templates {
            sources,
            paths,
            fonts: Vec::new(),
            logo: None,
            website_css: None,
            key: memo::key(&parts),
        }
    }

    /// The templates with the style's own font files, set besides the bundled fonts.
    pub fn with_fonts(mut self, fonts: Vec<Vec<u8>>) -> Self {
        let mut parts: Vec<&[u8]> = vec![&self.key];
        parts.extend(fonts.iter().map(Vec::as_slice));
        self.key = memo::key(&parts);
        self.fonts = fonts.into_iter().map(Bytes::new).collect();
        self
    }

    /// The templates with the style's logo, a PNG.
    pub fn with_logo(mut self, png: Vec<u8>) -> Self {
        self.key = memo::key(&[&self.key, b"logo", &png]);
        self.logo = Some(Bytes::new(png));
        self
    }

    /// The style's logo, a PNG, if it has one.
    pub fn logo(&self) -> Option<&[u8]> {
        self.logo.as_ref().map(Bytes::as_slice)
    }

    /// The templates with the style folder's own website stylesheet.
    pub fn with_website_css(mut self, css: String) -> Self {
        self.key = memo::key(&[&self.key, b"website.css", css.as_bytes()]);
        self.website_css = Some(css);
        self
    }

    /// The house style built into the program.
    pub fn embedded() -> Self {
        Self::new(
            TEMPLATES
                .iter()
                .map(|(name, text)| (*name, (*text).to_string(), embedded_path(name)))
                .collect(),
        )
    }

    /// The template source behind a file id, and where it came from.
    pub fn get(&self, id: FileId) -> Option<(&Source, &Path)> {
        Some((self.sources.get(&id)?, self.paths.get(&id)?.as_path()))
    }

    /// Hash of the templates' text.
    pub fn key(&self) -> memo::Key {
        self.key
    }
}

/// The typesetter a run holds: Typst's standard library, the bundled fonts and the house-style
/// templates, and the pictures drawn so far. `build` and `watch` own one and pass it to every
/// compilation, so Typst's caches (keyed on these values) and the drawings stay warm across
/// papers and rebuilds; nothing of it is global.
pub struct Typesetter {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    templates: Arc<Templates>,
    /// The house style's data, which the templates read as `/style.json`.
    style: HouseStyle,
    style_json: Bytes,
    /// [`style_key`] of the templates and style, made once.
    key: memo::Key,
    /// Pictures drawn for Word files, by template, function and data.
    pub(super) drawings: Memo<super::Drawing>,
    /// Whether each compiled PDF keeps its Typst project (`--emit-typst`).
    pub(super) keep_projects: bool,
}

impl Default for Typesetter {
    fn default() -> Self {
        Typesetter::new(Templates::embedded(), HouseStyle::built_in())
    }
}

impl Typesetter {
    /// A typesetter with `templates` (see [`Templates::embedded`] and [`Templates::new`]) and
    /// the house style's data.
    pub fn new(templates: Templates, style: HouseStyle) -> Self {
        let mut fonts: Vec<Font> = crate::fonts::fonts().to_vec();
        fonts.extend(
            templates
                .fonts
                .iter()
                .flat_map(|data| Font::iter(data.clone())),
        );
        let key = style_key(&templates, &style);
        let style_json =
            Bytes::new(serde_json::to_vec(&style).expect("a house style always serialises"));
        Typesetter {
            key,
            library: LazyHash::new(library()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            templates: Arc::new(templates),
            style,
            style_json,
            drawings: Memo::new(),
            keep_projects: false,
        }
    }

    /// Keep each compiled PDF's Typst project in [`super::Pdf::project`], for `--emit-typst`.
    pub fn keep_projects(mut self, keep: bool) -> Self {
        self.keep_projects = keep;
        self
    }

    /// The templates in use.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// Whether each compiled PDF keeps its Typst project.
    pub fn keeps_projects(&self) -> bool {
        self.keep_projects
    }

    /// The house style's data.
    pub fn style(&self) -> &HouseStyle {
        &self.style
    }

    /// The house style's logo, a PNG, if it has one.
    pub fn logo(&self) -> Option<&[u8]> {
        self.templates.logo()
    }

    /// The style folder's own website stylesheet, if it has one.
    pub fn website_css(&self) -> Option<&str> {
        self.templates.website_css.as_deref()
    }

    /// The house style's data as the templates read it.
    pub(super) fn style_json(&self) -> &Bytes {
        &self.style_json
    }

    /// A hash of the templates and the style's data: what a picture drawn, or a Word file
    /// written, depends on besides its own data (see [`style_key`]).
    pub fn key(&self) -> memo::Key {
        self.key
    }

    /// Use another house style from now on (a watched style folder changed). Pictures drawn
    /// with the old one are never reused: their key holds its hash.
    pub fn set_style(&mut self, templates: Templates, style: HouseStyle) {
        let drawings = std::mem::take(&mut self.drawings);
        *self = Typesetter {
            drawings,
            ..Typesetter::new(templates, style).keep_projects(self.keep_projects)
        };
    }

    /// Forget pictures not used in the last `max_age` builds (see [`Memo::evict`]).
    pub fn evict_drawings(&self, max_age: usize) {
        self.drawings.evict(max_age);
    }
}

/// A hash of templates and a style's data, which a typesetter's pictures and Word files depend
/// on: equal for the same style however often its folder is read.
pub fn style_key(templates: &Templates, style: &HouseStyle) -> memo::Key {
    let data = serde_json::to_vec(style).expect("a house style always serialises");
    memo::key(&[&templates.key(), &data])
}

/// Where a built-in template lives in the repository, as messages name it.
pub fn embedded_path(name: &str) -> PathBuf {
    PathBuf::from(format!("report_templates/rotherham/{name}"))
}

/// The file id of a virtual path such as `/report_templates/house-style.typ`.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("virtual paths in this crate are well formed");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One compilation: the typesetter plus a main file and in-memory data files.
pub struct PaperWorld<'a> {
    typesetter: &'a Typesetter,
    templates: Arc<Templates>,
    main: Source,
    data: HashMap<FileId, Bytes>,
    today: Option<Date>,
}

impl<'a> PaperWorld<'a> {
    /// A world whose main file is `main_text` and whose data files are `data` (virtual path → bytes).
    pub fn new(
        typesetter: &'a Typesetter,
        main_text: String,
        data: Vec<(String, Bytes)>,
        today: Option<Date>,
    ) -> Self {
        let main_id = file_id("/main.typ");
        PaperWorld {
            typesetter,
            templates: Arc::clone(&typesetter.templates),
            main: Source::new(main_id, main_text),
            data: data
                .into_iter()
                .chain([(STYLE_DATA_PATH.to_string(), typesetter.style_json.clone())])
                .chain(
                    typesetter
                        .templates
                        .logo
                        .clone()
                        .map(|logo| (LOGO_PATH.to_string(), logo)),
                )
                .map(|(path, bytes)| (file_id(&path), bytes))
                .collect(),
            today,
        }
    }

    /// The main source.
    pub fn main_source(&self) -> &Source {
        &self.main
    }

    /// The templates this compilation uses.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }
}

impl World for PaperWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.typesetter.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.typesetter.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        match self.templates.sources.get(&id) {
            Some(source) => Ok(source.clone()),
            None if self.data.contains_key(&id) => Err(FileError::NotSource),
            None => Err(FileError::NotFound(
                id.vpath().get_with_slash().to_string().into(),
            )),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.data.get(&id) {
            return Ok(bytes.clone());
        }
        self.source(id)
            .map(|source| Bytes::from_string(source.text().to_string()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.typesetter.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // A fixed date keeps output deterministic: the paper's own date, never the clock.
        let date = self.today?;
        Datetime::from_ymd(date.year, date.month, date.day)
    }
}
