//! The floor for the benchmark: compile a Typst project written by `papers build --emit-typst`
//! with Typst alone (same crates, same fonts, same PDF/UA-1 export), and nothing of ours.
//!
//! Usage: typst_alone <project folder> <output.pdf>

use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// Every file of the project read from disk on demand; fonts from the repository's `fonts/`.
struct FolderWorld {
    root: PathBuf,
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
}

fn id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).unwrap()).intern()
}

impl FolderWorld {
    fn new(root: &Path) -> Self {
        let fonts_folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let mut fonts = Vec::new();
        for entry in std::fs::read_dir(fonts_folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|extension| extension == "ttf") {
                fonts.extend(Font::iter(Bytes::new(std::fs::read(path).unwrap())));
            }
        }
        FolderWorld {
            root: root.to_path_buf(),
            // As papers builds it: with the accessibility extras its house style uses.
            library: LazyHash::new(
                Library::builder()
                    .with_features([typst::Feature::A11yExtras].into_iter().collect())
                    .build(),
            ),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: id("/main.typ"),
        }
    }

    fn read(&self, id: FileId) -> FileResult<Vec<u8>> {
        let path = self.root.join(id.vpath().get_without_slash());
        std::fs::read(&path).map_err(|error| FileError::from_io(error, &path))
    }
}

impl World for FolderWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        let text = String::from_utf8(self.read(id)?).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text))
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        Ok(Bytes::new(self.read(id)?))
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    let [_, project, output] = arguments.as_slice() else {
        eprintln!("usage: typst_alone <project folder> <output.pdf>");
        std::process::exit(2);
    };
    let world = FolderWorld::new(Path::new(project));
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .unwrap_or_else(|errors| panic!("{errors:?}"));
    let options = PdfOptions {
        ident: Smart::Custom("floor".into()),
        timestamp: None,
        standards: PdfStandards::new(&[PdfStandard::Ua_1]).unwrap(),
        tagged: true,
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options).unwrap_or_else(|errors| panic!("{errors:?}"));
    std::fs::write(output, bytes).unwrap();
}
