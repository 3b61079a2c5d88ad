//! Reading content from disk safely: every path resolves inside the content root, only regular
//! files of the expected kind are read, each kind has a size cap, and nothing waits on a device
//! or a pipe.
//!
//! The output folder is published, so a path written in content must never reach a file outside
//! the folder its author was given (`../../etc/passwd`, an absolute path, a symbolic link out), and
//! a message about a refused file never quotes it: refusals are decided before a byte is read.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The largest YAML or CSV file read (20 MB): far above any real paper, far below trouble.
pub const TEXT_LIMIT: u64 = 20 * 1024 * 1024;

/// The largest supplied PDF read (200 MB).
pub const PDF_LIMIT: u64 = 200 * 1024 * 1024;

/// The largest picture read (20 MB): a photograph straight from a camera fits.
pub const PICTURE_LIMIT: u64 = 20 * 1024 * 1024;

/// What a file is expected to be, which decides its extensions and its size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A content file: `.yaml` or `.yml`.
    Yaml,
    /// A values table: `.csv`.
    Csv,
    /// A spreadsheet of values: `.xlsx` or `.ods`.
    Workbook,
    /// A PDF supplied as it is: `.pdf`.
    Pdf,
    /// A picture shown in body text: `.png`, `.jpg`, `.jpeg` or `.svg`.
    Picture,
}

impl FileKind {
    fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Yaml => &["yaml", "yml"],
            FileKind::Csv => &["csv"],
            FileKind::Workbook => &["xlsx", "ods"],
            FileKind::Pdf => &["pdf"],
            FileKind::Picture => &["png", "jpg", "jpeg", "svg"],
        }
    }

    /// The size cap in bytes.
    pub fn limit(self) -> u64 {
        match self {
            FileKind::Yaml | FileKind::Csv | FileKind::Workbook => TEXT_LIMIT,
            FileKind::Pdf => PDF_LIMIT,
            FileKind::Picture => PICTURE_LIMIT,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            FileKind::Yaml => "a YAML file (.yaml or .yml)",
            FileKind::Csv => "a CSV file (.csv)",
            FileKind::Workbook => "a workbook (.xlsx or .ods)",
            FileKind::Pdf => "a PDF file (.pdf)",
            FileKind::Picture => "a picture (.png, .jpg, .jpeg or .svg)",
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum InputError {
    /// It resolves (after symbolic links) outside the content root.
    Outside {
        /// The content root, as shown to the user.
        root: PathBuf,
    },
    /// A hidden file or folder (`.git`, `.ssh`, an editor's swap file) is never content.
    Hidden,
    /// Not the kind of file expected here.
    WrongKind(FileKind),
    /// A folder, a device, a pipe or a socket rather than a regular file.
    NotAFile,
    /// Larger than the cap for its kind.
    TooLarge(u64),
    /// A YAML or CSV file that is not UTF-8 text.
    NotText,
    /// The operating system's reason.
    Io(std::io::Error),
}

impl InputError {
    /// What went wrong, for a message that starts "cannot read `path`: ".
    pub fn reason(&self) -> String {
        match self {
            InputError::Outside { root } => {
                format!("it is outside the content root `{}`", root.display())
            }
            InputError::Hidden => "hidden files and folders are never read as content".into(),
            InputError::WrongKind(kind) => format!("it is not {}", kind.describe()),
            InputError::NotAFile => "it is not a regular file".into(),
            InputError::TooLarge(limit) => {
                format!("it is larger than {} MB", limit / (1024 * 1024))
            }
            InputError::NotText => "it is not UTF-8 text".into(),
            InputError::Io(error) if error.kind() == std::io::ErrorKind::NotFound => {
                "no such file".into()
            }
            InputError::Io(error) => error.to_string(),
        }
    }

    /// How to put it right, when there is more to say than the reason.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            InputError::Outside { .. } => Some(
                "content may only refer to files inside the content root; to build content that spans several folders, give the folder above them all with --root",
            ),
            InputError::NotText => {
                Some("save the file as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: UTF-8)")
            }
            _ => None,
        }
    }
}

impl From<std::io::Error> for InputError {
    fn from(error: std::io::Error) -> Self {
        InputError::Io(error)
    }
}

/// The folder content may read from. Every path content names must resolve inside it.
#[derive(Debug, Clone)]
pub struct ContentRoot {
    /// Canonical (absolute, symbolic links resolved).
    canonical: PathBuf,
    /// As the user would recognise it, for messages.
    shown: PathBuf,
}

impl ContentRoot {
    /// The root at `folder`, which must exist.
    pub fn new(folder: &Path) -> std::io::Result<Self> {
        let canonical = folder.canonicalize()?;
        if !canonical.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                "the content root must be a folder",
            ));
        }
        Ok(ContentRoot {
            canonical,
            shown: folder.to_path_buf(),
        })
    }

    /// The root for the paths given on the command line: the current folder when they all lie
    /// inside it, otherwise the folder given that holds all the others (a file's own folder for
    /// one file). Fails with the path that cannot be resolved, or when no folder given holds
    /// the others.
    pub fn for_paths(paths: &[PathBuf]) -> Result<Self, (PathBuf, std::io::Error)> {
        let here = |error| (PathBuf::from("."), error);
        let current = std::env::current_dir().map_err(here)?;
        let mut folders = Vec::new();
        for path in paths {
            let canonical = path.canonicalize().map_err(|error| (path.clone(), error))?;
            folders.push(if canonical.is_dir() {
                canonical
            } else {
                canonical
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or(canonical)
            });
        }
        let current_canonical = current.canonicalize().map_err(here)?;
        if folders
            .iter()
            .all(|folder| folder.starts_with(&current_canonical))
        {
            return Ok(ContentRoot {
                canonical: current_canonical,
                shown: PathBuf::from("."),
            });
        }
        // Outside the current folder the root is a folder given: the one holding all the others.
        // Paths in different trees would make it some folder above them all (even `/`), which
        // nobody chose: that needs --root.
        let outer = folders
            .iter()
            .find(|candidate| folders.iter().all(|folder| folder.starts_with(candidate)));
        match outer {
            Some(folder) => Ok(ContentRoot {
                shown: folder.clone(),
                canonical: folder.clone(),
            }),
            None => Err((
                paths.first().cloned().unwrap_or_default(),
                std::io::Error::other(
                    "the paths given lie in different folders outside the current one; give --root with the folder that holds them all",
                ),
            )),
        }
    }

    /// The root as shown to the user.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// Check that `path` names a file of `kind` inside the root; returns its canonical path.
    /// Nothing is opened.
    pub fn resolve(&self, path: &Path, kind: FileKind) -> Result<PathBuf, InputError> {
        let canonical = path.canonicalize()?;
        let Ok(inside) = canonical.strip_prefix(&self.canonical) else {
            return Err(InputError::Outside {
                root: self.shown.clone(),
            });
        };
        if inside.components().any(|component| {
            matches!(component, Component::Normal(name) if name.to_string_lossy().starts_with('.'))
        }) {
            return Err(InputError::Hidden);
        }
        let extension = canonical
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        if !extension.is_some_and(|extension| kind.extensions().contains(&extension.as_str())) {
            return Err(InputError::WrongKind(kind));
        }
        Ok(canonical)
    }

    /// Whether `path` (which may not exist yet) lies inside the root.
    pub fn contains(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|canonical| canonical.starts_with(&self.canonical))
    }

    /// The bytes of the file of `kind` at `path`, confined to the root and capped.
    pub fn read_bytes(&self, path: &Path, kind: FileKind) -> Result<Vec<u8>, InputError> {
        let canonical = self.resolve(path, kind)?;
        read_regular_file(&canonical, kind.limit())
    }

    /// The text of the file of `kind` at `path`, confined to the root and capped.
    pub fn read_text(&self, path: &Path, kind: FileKind) -> Result<String, InputError> {
        let bytes = self.read_bytes(path, kind)?;
        String::from_utf8(bytes).map_err(|_| InputError::NotText)
    }
}

/// The bytes of the regular file at `path`, if it is no larger than `limit`.
///
/// The file is opened without blocking (a named pipe would otherwise wait for a writer for
/// ever) and checked to be a regular file before a byte is read; reading stops at the cap, so a
/// file that grows meanwhile cannot exceed it.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(InputError::NotAFile);
    }
    if metadata.len() > limit {
        return Err(InputError::TooLarge(limit));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge(limit));
    }
    Ok(bytes)
}

/// The most pixels a PNG read may have: 40 million (a logo is far smaller; a photograph of
/// 7,300 × 5,500 fits), so that no file can make a build decode gigabytes.
pub const MOST_PNG_PIXELS: u64 = 40_000_000;

/// A PNG's width and height in pixels, once the whole picture has decoded; `None` when the
/// bytes are not a whole PNG of at most [`MOST_PNG_PIXELS`].
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    png_picture(png)
        .ok()
        .map(|picture| (picture.width, picture.height))
}

/// A PNG read whole: its size in pixels and the density it states.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PngPicture {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels per inch across, when the file states it (its `pHYs` chunk, in metres).
    pub dots_per_inch: Option<f64>,
}

/// Why bytes are not a PNG [`png_picture`] reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngProblem {
    /// More pixels than [`MOST_PNG_PIXELS`].
    TooManyPixels {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// Not a whole PNG: the decoder's reason.
    Broken(String),
}

/// A PNG's size and density, once the whole picture has decoded (so a file cut short or
/// corrupt is refused here, not when a writer meets it).
pub fn png_picture(png: &[u8]) -> Result<PngPicture, PngProblem> {
    let broken = |error: png::DecodingError| PngProblem::Broken(error.to_string());
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_limits(png::Limits {
        bytes: 160 * 1024 * 1024,
    });
    let mut reader = decoder.read_info().map_err(broken)?;
    let (width, height, dots_per_inch) = {
        let info = reader.info();
        let dots_per_inch = info
            .pixel_dims
            .filter(|dims| dims.unit == png::Unit::Meter)
            .map(|dims| f64::from(dims.xppu) * 0.0254);
        (info.width, info.height, dots_per_inch)
    };
    if width == 0 || height == 0 {
        return Err(PngProblem::Broken("it has no pixels".into()));
    }
    if u64::from(width) * u64::from(height) > MOST_PNG_PIXELS {
        return Err(PngProblem::TooManyPixels { width, height });
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| PngProblem::Broken("it is too large to decode".into()))?;
    let mut pixels = vec![0; size];
    reader.next_frame(&mut pixels).map_err(broken)?;
    Ok(PngPicture {
        width,
        height,
        dots_per_inch,
    })
}

/// The text of the regular file at `path`, capped at [`TEXT_LIMIT`].
pub fn read_text_file(path: &Path) -> Result<String, InputError> {
    String::from_utf8(read_regular_file(path, TEXT_LIMIT)?).map_err(|_| InputError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root_with(files: &[(&str, &str)]) -> (tempfile::TempDir, ContentRoot) {
        let folder = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = folder.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let root = ContentRoot::new(&folder.path().join("content")).unwrap();
        (folder, root)
    }

    #[test]
    fn reads_inside_and_refuses_outside_hidden_and_wrong_kinds() {
        let (folder, root) = root_with(&[
            ("content/a.yaml", "kind: x"),
            ("content/.hidden/b.yaml", "kind: x"),
            ("content/notes.txt", "x"),
            ("secret.yaml", "password"),
        ]);
        let content = folder.path().join("content");
        assert_eq!(
            root.read_text(&content.join("a.yaml"), FileKind::Yaml)
                .unwrap(),
            "kind: x"
        );
        for (path, expected) in [
            (content.join("../secret.yaml"), "outside"),
            (folder.path().join("secret.yaml"), "outside"),
            (content.join(".hidden/b.yaml"), "hidden"),
            (content.join("notes.txt"), "not a YAML file"),
            (content.join("a.yaml"), "not a CSV file"),
        ] {
            let kind = if expected == "not a CSV file" {
                FileKind::Csv
            } else {
                FileKind::Yaml
            };
            let error = root.read_text(&path, kind).unwrap_err();
            assert!(
                error.reason().contains(expected),
                "{}: {}",
                path.display(),
                error.reason()
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_out_of_the_root_and_pipes_are_refused_without_waiting() {
        let (folder, root) = root_with(&[("content/a.yaml", "kind: x"), ("secret.yaml", "pw")]);
        let content = folder.path().join("content");
        std::os::unix::fs::symlink(folder.path().join("secret.yaml"), content.join("link.yaml"))
            .unwrap();
        let error = root
            .read_text(&content.join("link.yaml"), FileKind::Yaml)
            .unwrap_err();
        assert!(matches!(error, InputError::Outside { .. }), "{error:?}");

        let pipe = content.join("pipe.yaml");
        let name = std::ffi::CString::new(pipe.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo reads it and nothing else.
        #[allow(unsafe_code)]
        let made = unsafe { libc::mkfifo(name.as_ptr(), 0o600) };
        assert_eq!(made, 0);
        let error = root.read_text(&pipe, FileKind::Yaml).unwrap_err();
        assert!(matches!(error, InputError::NotAFile), "{error:?}");
    }

    #[test]
    fn files_over_the_cap_are_refused() {
        let (folder, _) = root_with(&[("content/big.csv", &"1,2\n".repeat(10))]);
        let error = read_regular_file(&folder.path().join("content/big.csv"), 8).unwrap_err();
        assert!(matches!(error, InputError::TooLarge(8)), "{error:?}");
    }
}
