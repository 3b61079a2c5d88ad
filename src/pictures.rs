//! Pictures authors put in body text: each file read once per run from inside the content root,
//! recognised by its content as PNG, JPEG or SVG, decoded whole and measured; and a JPEG made a
//! PNG for Word, which docx-rs writes every picture as.
//!
//! A picture is checked here, where its paper names it, so that a broken or mislabelled file is
//! an error at the Markdown that shows it, never a failure deep in a writer.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use image::ImageDecoder;
use image::codecs::jpeg::JpegDecoder;
use image::metadata::Orientation;

use crate::input::{self, ContentRoot, FileKind, InputError};
use crate::memo;
use crate::model::{PictureFile, PictureFormat};

/// The most pixels a raster picture may have: 40 million (a 7,300 × 5,500 photograph), so that
/// no file can make a build decode gigabytes. The same cap as a house style's logo.
pub const MOST_PIXELS: u64 = input::MOST_PNG_PIXELS;

/// Dots per inch assumed for a raster picture whose file states none, as Word assumes.
pub const DEFAULT_DOTS_PER_INCH: f64 = 96.0;

/// Points per SVG user unit: SVG units are CSS pixels, 96 to the inch.
const POINTS_PER_SVG_UNIT: f64 = 0.75;

/// A picture read and checked: its file, and its size when nothing limits it.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedPicture {
    /// The file, as the model carries it.
    pub file: PictureFile,
    /// Width in points: its pixels at the density the file states (96 per inch when it states
    /// none), or an SVG's own width.
    pub width: f32,
    /// Height in points, likewise.
    pub height: f32,
}

/// Why a picture cannot be shown.
#[derive(Debug)]
pub enum PictureError {
    /// The file cannot be read: missing, outside the content root, too large, of another kind.
    Unreadable(InputError),
    /// Its content is a picture of another format than its name says.
    Mislabelled {
        /// The format its extension names.
        named: PictureFormat,
        /// The format its content is.
        found: PictureFormat,
    },
    /// Its content is not a whole picture of the format its name says.
    Broken {
        /// The format its extension names.
        named: PictureFormat,
        /// What the decoder found wrong.
        detail: String,
    },
    /// A raster picture with more pixels than [`MOST_PIXELS`].
    TooManyPixels {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// An SVG that shows another file (`<image href="photo.png">`), which would be read from
    /// outside the checks above, or from the web.
    LinksToAFile(String),
}

impl PictureError {
    /// What is wrong, for a message that starts "cannot show the picture `path`: ".
    pub fn reason(&self) -> String {
        match self {
            PictureError::Unreadable(error) => error.reason(),
            PictureError::Mislabelled { named, found } => format!(
                "its name says {} but it is a {} file",
                named.name(),
                found.name()
            ),
            PictureError::Broken { named, detail } => {
                format!("it is not a whole {} file ({detail})", named.name())
            }
            PictureError::TooManyPixels { width, height } => format!(
                "it is {width} × {height} pixels, more than the {} million a picture may have",
                MOST_PIXELS / 1_000_000
            ),
            PictureError::LinksToAFile(href) => {
                format!("the SVG shows another file, `{href}`")
            }
        }
    }

    /// Whether the path written may be wrong (no such file, or the system could not open it):
    /// a message then says what paths are relative to.
    pub fn may_be_a_wrong_path(&self) -> bool {
        matches!(self, PictureError::Unreadable(InputError::Io(_)))
    }

    /// How to put it right.
    pub fn hint(&self) -> Option<String> {
        match self {
            PictureError::Unreadable(InputError::WrongKind(_)) => Some(
                "pictures are PNG (drawings, screenshots), JPEG (photographs) or SVG (diagrams); save or export it as one of them".into(),
            ),
            PictureError::Unreadable(error) => error.hint().map(str::to_string),
            PictureError::Mislabelled { found, .. } => Some(format!(
                "rename the file to end in .{}",
                found.extension()
            )),
            PictureError::Broken { .. } => Some(
                "open the picture and save or export it again as PNG, JPEG or SVG".into(),
            ),
            PictureError::TooManyPixels { .. } => Some(
                "make the picture smaller: 2,000 pixels across is plenty for a page".into(),
            ),
            PictureError::LinksToAFile(_) => Some(
                "embed the picture it shows in the SVG (most drawing programs offer \"embed images\" when saving), or export the drawing as PNG".into(),
            ),
        }
    }
}

/// Reads the pictures a run's papers show, each once, and remembers every path tried so that
/// `papers watch` rebuilds when one changes or appears.
#[derive(Debug)]
pub struct PictureReader {
    root: ContentRoot,
    state: Mutex<ReaderState>,
}

#[derive(Debug, Default)]
struct ReaderState {
    /// Pictures read, by canonical path.
    read: BTreeMap<PathBuf, CheckedPicture>,
    /// Every path asked for, as its paper names it.
    tried: BTreeSet<PathBuf>,
}

impl PictureReader {
    /// A reader of pictures inside `root`.
    pub fn new(root: ContentRoot) -> Self {
        PictureReader {
            root,
            state: Mutex::new(ReaderState::default()),
        }
    }

    /// The picture at `path` (relative to the working folder, as papers name files), read,
    /// recognised and decoded once per run.
    pub fn read(&self, path: &Path) -> Result<CheckedPicture, PictureError> {
        self.lock().tried.insert(path.to_path_buf());
        let canonical = self
            .root
            .resolve(path, FileKind::Picture)
            .map_err(PictureError::Unreadable)?;
        if let Some(known) = self.lock().read.get(&canonical) {
            return Ok(known.clone());
        }
        let bytes = input::read_regular_file(&canonical, FileKind::Picture.limit())
            .map_err(PictureError::Unreadable)?;
        let named = canonical
            .extension()
            .and_then(|extension| extension.to_str())
            .and_then(PictureFormat::from_extension)
            .ok_or(PictureError::Unreadable(InputError::WrongKind(
                FileKind::Picture,
            )))?;
        let picture = check(bytes, named)?;
        self.lock().read.insert(canonical, picture.clone());
        Ok(picture)
    }

    /// Every path asked for so far, whether or not it could be read: what a watcher watches.
    pub fn tried(&self) -> Vec<PathBuf> {
        self.lock().tried.iter().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ReaderState> {
        // A panic elsewhere while holding the lock leaves nothing half-written worth refusing.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The format `bytes` are, by their first bytes: PNG and JPEG have signatures; anything else
/// may be an SVG (text), which only parsing can tell.
pub fn format_of(bytes: &[u8]) -> PictureFormat {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        PictureFormat::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        PictureFormat::Jpeg
    } else {
        PictureFormat::Svg
    }
}

/// Check that `bytes`, from a file whose name says `named`, are a whole picture of that format,
/// and measure it.
pub fn check(bytes: Vec<u8>, named: PictureFormat) -> Result<CheckedPicture, PictureError> {
    let found = format_of(&bytes);
    if found != named && found != PictureFormat::Svg {
        return Err(PictureError::Mislabelled { named, found });
    }
    let broken = |detail: String| PictureError::Broken { named, detail };
    let (width, height) = match named {
        PictureFormat::Png => {
            let png = input::png_picture(&bytes).map_err(|problem| match problem {
                input::PngProblem::TooManyPixels { width, height } => {
                    PictureError::TooManyPixels { width, height }
                }
                input::PngProblem::Broken(detail) => broken(detail),
            })?;
            raster_size(png.width, png.height, png.dots_per_inch)
        }
        PictureFormat::Jpeg => {
            let jpeg = jpeg_size(&bytes)?;
            raster_size(jpeg.0, jpeg.1, jpeg_dots_per_inch(&bytes))
        }
        PictureFormat::Svg => svg_size(&bytes)?,
    };
    let digest = memo::key(&[&bytes]);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    Ok(CheckedPicture {
        file: PictureFile {
            name: format!("/pictures/{hex}.{}", named.extension()),
            format: named,
            bytes: Arc::from(bytes),
        },
        width,
        height,
    })
}

/// The size in points of a raster picture of `width` × `height` pixels at `dots_per_inch`
/// (the default where the file states none, or an implausible one).
fn raster_size(width: u32, height: u32, dots_per_inch: Option<f64>) -> (f32, f32) {
    let density = dots_per_inch
        .filter(|dots| (24.0..=2400.0).contains(dots))
        .unwrap_or(DEFAULT_DOTS_PER_INCH);
    let points = |pixels: u32| (f64::from(pixels) * 72.0 / density) as f32;
    (points(width), points(height))
}

/// Whether an EXIF orientation turns the picture on its side (its width becomes its height).
fn turns_sideways(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// A JPEG's width and height in pixels as shown (turned as its EXIF orientation says), once the
/// whole picture has decoded.
fn jpeg_size(bytes: &[u8]) -> Result<(u32, u32), PictureError> {
    let broken = |error: image::ImageError| PictureError::Broken {
        named: PictureFormat::Jpeg,
        detail: error.to_string(),
    };
    let mut decoder = JpegDecoder::new(Cursor::new(bytes)).map_err(broken)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(PictureError::Broken {
            named: PictureFormat::Jpeg,
            detail: "it has no pixels".into(),
        });
    }
    if u64::from(width) * u64::from(height) > MOST_PIXELS {
        return Err(PictureError::TooManyPixels { width, height });
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut pixels = vec![0; usize::try_from(decoder.total_bytes()).unwrap_or(usize::MAX)];
    decoder.read_image(&mut pixels).map_err(broken)?;
    Ok(if turns_sideways(orientation) {
        (height, width)
    } else {
        (width, height)
    })
}

/// The density a JPEG's JFIF header states, in dots per inch, if it states one.
fn jpeg_dots_per_inch(bytes: &[u8]) -> Option<f64> {
    // SOI, then an APP0 segment "JFIF\0": version (2 bytes), units, X density, Y density.
    let header = bytes.get(..18)?;
    if !header.starts_with(&[0xFF, 0xD8, 0xFF, 0xE0]) || &header[6..11] != b"JFIF\0" {
        return None;
    }
    let density = f64::from(u16::from_be_bytes([header[14], header[15]]));
    match header[13] {
        1 => Some(density),
        2 => Some(density * 2.54),
        _ => None,
    }
}

/// An SVG's width and height in points, once it has parsed; refused when it shows another file.
fn svg_size(bytes: &[u8]) -> Result<(f32, f32), PictureError> {
    let linked: Mutex<Option<String>> = Mutex::new(None);
    let options = usvg::Options {
        // Nothing is read from the disk or the web: a linked file is noted and refused below.
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|href, _| {
                let mut first = linked
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                first.get_or_insert_with(|| href.to_string());
                None
            }),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|error| PictureError::Broken {
        named: PictureFormat::Svg,
        detail: error.to_string(),
    })?;
    drop(options);
    if let Some(href) = linked
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
    {
        return Err(PictureError::LinksToAFile(href));
    }
    let size = tree.size();
    let points = |units: f32| (f64::from(units) * POINTS_PER_SVG_UNIT) as f32;
    Ok((points(size.width()), points(size.height())))
}

/// A JPEG as a PNG for a Word file: turned as its EXIF orientation says (as the PDF shows it)
/// and, when it has more, `most_width` pixels wide. Its bytes, width and height.
pub fn jpeg_as_png(bytes: &[u8], most_width: u32) -> Result<(Vec<u8>, u32, u32), String> {
    let mut decoder = JpegDecoder::new(Cursor::new(bytes)).map_err(|error| error.to_string())?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MOST_PIXELS {
        return Err(format!("it has more than {MOST_PIXELS} pixels"));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut picture =
        image::DynamicImage::from_decoder(decoder).map_err(|error| error.to_string())?;
    picture.apply_orientation(orientation);
    if picture.width() > most_width.max(1) {
        picture = picture.thumbnail(most_width.max(1), u32::MAX);
    }
    let pixels = picture.to_rgb8();
    let (width, height) = (pixels.width(), pixels.height());
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(pixels.as_raw()))
        .map_err(|error| error.to_string())?;
    Ok((png, width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `width` × `height` grey pixels, stating `dots_per_inch` if given.
    pub(crate) fn png(width: u32, height: u32, dots_per_inch: Option<u32>) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        if let Some(dots) = dots_per_inch {
            encoder.set_pixel_dims(Some(png::PixelDimensions {
                xppu: (f64::from(dots) / 0.0254).round() as u32,
                yppu: (f64::from(dots) / 0.0254).round() as u32,
                unit: png::Unit::Meter,
            }));
        }
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![128; (width * height) as usize])
            .unwrap();
        drop(writer);
        bytes
    }

    /// A JPEG of `width` × `height` pixels.
    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_pixel(width, height, image::Rgb([200, 40, 40]));
        let mut bytes = Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(picture)
            .write_to(&mut bytes, image::ImageFormat::Jpeg)
            .unwrap();
        bytes.into_inner()
    }

    #[test]
    fn pictures_are_measured_at_the_density_they_state() {
        let checked = check(png(192, 96, None), PictureFormat::Png).unwrap();
        assert_eq!((checked.width, checked.height), (144.0, 72.0));
        let dense = check(png(300, 150, Some(300)), PictureFormat::Png).unwrap();
        assert!((dense.width - 72.0).abs() < 0.1, "{}", dense.width);
        let photo = check(jpeg(96, 48), PictureFormat::Jpeg).unwrap();
        assert_eq!(photo.file.format, PictureFormat::Jpeg);
        assert!(photo.width > 0.0 && photo.height > 0.0);
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200"/></svg>"#;
        let drawing = check(svg.to_vec(), PictureFormat::Svg).unwrap();
        assert_eq!((drawing.width, drawing.height), (300.0, 150.0));
        // The same bytes have the same name; other bytes another.
        assert_eq!(
            drawing.file.name,
            check(svg.to_vec(), PictureFormat::Svg).unwrap().file.name
        );
        assert!(drawing.file.name.starts_with("/pictures/"));
        assert!(drawing.file.name.ends_with(".svg"));
        assert_ne!(drawing.file.name, checked.file.name);
    }

    #[test]
    fn broken_mislabelled_and_linking_pictures_are_refused() {
        let whole = png(40, 40, None);
        let cut = whole[..whole.len() / 2].to_vec();
        for (bytes, named, expected) in [
            (cut, PictureFormat::Png, "not a whole PNG"),
            (b"not a picture".to_vec(), PictureFormat::Png, "not a whole PNG"),
            (jpeg(8, 8), PictureFormat::Png, "its name says PNG but it is a JPEG"),
            (whole.clone(), PictureFormat::Svg, "its name says SVG but it is a PNG"),
            (jpeg(8, 8)[..40].to_vec(), PictureFormat::Jpeg, "not a whole JPEG"),
            (b"<svg".to_vec(), PictureFormat::Svg, "not a whole SVG"),
            (
                br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image width="10" height="10" xlink:href="../secret.png"/></svg>"#.to_vec(),
                PictureFormat::Svg,
                "shows another file, `../secret.png`",
            ),
        ] {
            let error = check(bytes, named).unwrap_err();
            assert!(error.reason().contains(expected), "{}", error.reason());
            assert!(error.hint().is_some());
        }
    }

    #[test]
    fn a_jpeg_for_word_is_a_png_no_wider_than_asked() {
        let (png_bytes, width, height) = jpeg_as_png(&jpeg(400, 200), 100).unwrap();
        assert_eq!((width, height), (100, 50));
        assert_eq!(format_of(&png_bytes), PictureFormat::Png);
        assert!(input::png_size(&png_bytes).is_some());
        let (_, width, _) = jpeg_as_png(&jpeg(40, 20), 100).unwrap();
        assert_eq!(width, 40, "never enlarged");
        assert!(jpeg_as_png(b"nothing", 100).is_err());
    }
}
