//! Typst embedded in process: our own `World`, serving only the house-style templates, the bundled
//! fonts ([`crate::fonts`]) and the document data held in memory. Nothing is read from the system.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::diagnostics::Diagnostic;
use crate::memo;
use crate::model::Date;

/// The house-style templates, embedded so that the binary is self-contained.
pub const TEMPLATES: [(&str, &str); 2] = [
    (
        "house-style.typ",
        include_str!("../../report_templates/house-style.typ"),
    ),
    ("pack.typ", include_str!("../../report_templates/pack.typ")),
];

/// The folder the templates live in, inside Typst's virtual file system.
pub const TEMPLATE_FOLDER: &str = "/report_templates";

/// The house-style templates in use: the embedded ones, or a folder's (see
/// [`Engine::use_templates`]).
pub struct Templates {
    sources: HashMap<FileId, Source>,
    /// Where each template was read from, for messages.
    paths: HashMap<FileId, PathBuf>,
    /// Hash of every template's text, for results cached outside Typst.
    key: memo::Key,
}

impl Templates {
    fn new(texts: Vec<(&str, String, PathBuf)>) -> Self {
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
            key: memo::key(&parts),
        }
    }

    fn embedded() -> Self {
        Self::new(
            TEMPLATES
                .iter()
                .map(|(name, text)| {
                    let path = PathBuf::from(format!("report_templates/{name}"));
                    (*name, (*text).to_string(), path)
                })
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

/// What never changes during a run: the standard library and fonts; and the templates, which
/// change only when `papers watch` sees an edited template folder.
///
/// Built once per process and shared by every compilation, so Typst's caches (keyed on these
/// values) stay warm across papers and rebuilds.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    templates: RwLock<Arc<Templates>>,
}

impl Engine {
    /// The process-wide engine.
    pub fn shared() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(Engine::new)
    }

    fn new() -> Self {
        let fonts: Vec<Font> = crate::fonts::fonts().to_vec();
        Engine {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            templates: RwLock::new(Arc::new(Templates::embedded())),
        }
    }

    /// The templates in use now.
    pub fn templates(&self) -> Arc<Templates> {
        Arc::clone(&self.templates.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Use the house style in `folder` (its `house-style.typ` and `pack.typ`, each falling back
    /// to the embedded one if absent), or the embedded house style if `None`. Returns the files
    /// read, for a watcher.
    pub fn use_templates(&self, folder: Option<&Path>) -> Result<Vec<PathBuf>, Diagnostic> {
        let mut read = Vec::new();
        let templates = match folder {
            None => Templates::embedded(),
            Some(folder) => {
                if !folder.is_dir() {
                    return Err(Diagnostic::error(format!(
                        "the template folder `{}` does not exist",
                        folder.display()
                    ))
                    .hint("give the folder that holds house-style.typ and pack.typ"));
                }
                let mut texts = Vec::new();
                for (name, embedded) in TEMPLATES {
                    let path = folder.join(name);
                    match std::fs::read_to_string(&path) {
                        Ok(text) => {
                            read.push(path.clone());
                            texts.push((name, text, path));
                        }
                        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                            let path = PathBuf::from(format!("report_templates/{name}"));
                            texts.push((name, embedded.to_string(), path));
                        }
                        Err(error) => {
                            return Err(Diagnostic::error(format!(
                                "cannot read `{}`: {error}",
                                path.display()
                            )));
                        }
                    }
                }
                Templates::new(texts)
            }
        };
        *self.templates.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(templates);
        Ok(read)
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
    templates: Arc<Templates>,
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
            templates: engine.templates(),
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

    /// The templates this compilation uses.
    pub fn templates(&self) -> &Templates {
        &self.templates
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
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // A fixed date keeps output deterministic: the paper's own date, never the clock.
        let date = self.today?;
        Datetime::from_ymd(date.year, date.month, date.day)
    }
}
