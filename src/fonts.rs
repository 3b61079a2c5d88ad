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
