//! Typst embedded in process: our own `World`, serving only the house-style templates, the bundled
//! fonts and the document data held in memory. Nothing is read from the system.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::model::Date;

/// The house-style templates, embedded so that the binary is self-contained.
pub const TEMPLATES: [(&str, &str); 2] = [
    (
        "house-style.typ",
        include_str!("../../report_templates/house-style.typ"),
    ),
    ("pack.typ", include_str!("../../report_templates/pack.typ")),
];

/// The bundled fonts (Liberation Sans, metric-compatible with Arial; SIL OFL 1.1).
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSans-BoldItalic.ttf"),
];

/// The folder the templates live in, inside Typst's virtual file system.
pub const TEMPLATE_FOLDER: &str = "/report_templates";

/// What never changes during a run: the standard library, fonts and templates.
///
/// Built once per process and shared by every compilation, so Typst's caches (keyed on these
/// values) stay warm across papers and rebuilds.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    templates: HashMap<FileId, Source>,
}

impl Engine {
    /// The process-wide engine.
    pub fn shared() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(Engine::new)
    }

    fn new() -> Self {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let templates = TEMPLATES
            .iter()
            .map(|(name, text)| {
                let id = file_id(&format!("{TEMPLATE_FOLDER}/{name}"));
                (id, Source::new(id, (*text).to_string()))
            })
            .collect();
        Engine {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            templates,
        }
    }

    /// The template source behind a file id, if it is one of ours.
    pub fn template(&self, id: FileId) -> Option<&Source> {
        self.templates.get(&id)
    }
}

/// The file id of a virtual path such as `/report_templates/house-style.typ`.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("virtual paths in this crate are well formed");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One compilation: the engine plus a main file and in-memory data files.
pub struct PaperWorld<'a> {
    engine: &'a Engine,
    main: Source,
    data: HashMap<FileId, Bytes>,
    today: Option<Date>,
}

impl<'a> PaperWorld<'a> {
    /// A world whose main file is `main_text` and whose data files are `data` (virtual path → bytes).
    pub fn new(
        engine: &'a Engine,
        main_text: String,
        data: Vec<(String, Bytes)>,
        today: Option<Date>,
    ) -> Self {
        let main_id = file_id("/main.typ");
        PaperWorld {
            engine,
            main: Source::new(main_id, main_text),
            data: data
                .into_iter()
                .map(|(path, bytes)| (file_id(&path), bytes))
                .collect(),
            today,
        }
    }

    /// The main source.
    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for PaperWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        match self.engine.templates.get(&id) {
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
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // A fixed date keeps output deterministic: the paper's own date, never the clock.
        let date = self.today?;
        Datetime::from_ymd(date.year, date.month, date.day)
    }
}
