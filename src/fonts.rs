//! The bundled fonts, embedded in the binary (the build never reads system fonts), and which
//! characters they can print.
//!
//! Liberation Sans (metric-compatible with Arial) sets the text; the others are fallbacks, so
//! that a name or a quotation in one of the UK's main community languages prints instead of
//! failing the PDF/UA-1 export: Arabic and Urdu, Bengali, Gurmukhi, Gujarati, Chinese and
//! monochrome emoji. Greek, Cyrillic and Latin with European diacritics are in Liberation Sans.
//! Each font's licence is beside it in `fonts/`.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::Font;

/// Every bundled font file: the body font, then the fallbacks. Which font sets a character is
/// decided by the order of the house style's font list, not this one.
pub const FONT_FILES: [&[u8]; 14] = [
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../fonts/NotoSansBengali-Regular.ttf"),
    include_bytes!("../fonts/NotoSansBengali-Bold.ttf"),
    include_bytes!("../fonts/NotoSansGurmukhi-Regular.ttf"),
    include_bytes!("../fonts/NotoSansGurmukhi-Bold.ttf"),
    include_bytes!("../fonts/NotoSansGujarati-Regular.ttf"),
    include_bytes!("../fonts/NotoSansGujarati-Bold.ttf"),
    include_bytes!("../fonts/DroidSansFallbackFull.ttf"),
    include_bytes!("../fonts/NotoEmoji-Regular.ttf"),
];

/// The bundled fonts, parsed once per process.
pub fn fonts() -> &'static [Font] {
    static FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| {
        FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect()
    });
    &FONTS
}

/// Measures text set in one bundled face, for sizing what another program lays out (a Word
/// table's columns) where the same metrics apply.
pub struct TextMeasure {
    face: Option<ttf_parser::Face<'static>>,
}

impl TextMeasure {
    /// The regular or bold face of the bundled `family`; the first bundled font stands in for a
    /// family not bundled.
    pub fn new(family: &str, bold: bool) -> Self {
        let fonts: &'static [Font] = fonts();
        let wanted = |font: &&Font| {
            let info = font.info();
            info.family == family
                && (info.variant.weight.to_number() >= 600) == bold
                && info.variant.style == typst::text::FontStyle::Normal
        };
        let face = fonts
            .iter()
            .find(wanted)
            .or_else(|| fonts.first())
            .and_then(|font| ttf_parser::Face::parse(font.data().as_slice(), font.index()).ok());
        TextMeasure { face }
    }

    /// How wide `text` sets at `size` points, in points; a character the face lacks counts as
    /// wide as an "M".
    pub fn width(&self, text: &str, size: f64) -> f64 {
        let Some(face) = &self.face else {
            return 0.0;
        };
        let units_per_em = f64::from(face.units_per_em().max(1));
        let fallback = face.glyph_index('M');
        let units: u32 = text
            .chars()
            .filter_map(|c| face.glyph_index(c).or(fallback))
            .filter_map(|glyph| face.glyph_hor_advance(glyph))
            .map(u32::from)
            .sum();
        f64::from(units) / units_per_em * size
    }
}

/// The family names of the bundled fonts ("Liberation Sans", "Noto Naskh Arabic", …), each once.
pub fn families() -> Vec<String> {
    family_names(fonts())
}

/// The family names of the fonts in a font file (one, or several in a collection); none when
/// it is not a font Typst can read.
pub fn families_in(data: &[u8]) -> Vec<String> {
    let fonts: Vec<Font> = Font::iter(Bytes::new(data.to_vec())).collect();
    family_names(&fonts)
}

fn family_names(fonts: &[Font]) -> Vec<String> {
    let mut families: Vec<String> = Vec::new();
    for font in fonts {
        let family = &font.info().family;
        if !families.contains(family) {
            families.push(family.clone());
        }
    }
    families
}

/// Whether some bundled font has a glyph for `c`.
pub fn covers(c: char) -> bool {
    fonts()
        .iter()
        .any(|font| font.info().coverage.contains(c as u32))
}
