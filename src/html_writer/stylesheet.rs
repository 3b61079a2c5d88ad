//! The website's stylesheet: the house style's colours, fonts and sizes as custom properties,
//! then the look itself, built in or the style folder's own `website.css`.

use crate::escape::css_string;
use crate::style::HouseStyle;

/// The built-in look (`report_templates/rotherham/website.css`), which a style folder's
/// `website.css` replaces.
pub const BUILT_IN_CSS: &str = include_str!("../../report_templates/rotherham/website.css");

/// The stylesheet of a house style: its properties, then `look` (the style folder's own, or
/// the built-in one when `None`).
pub fn stylesheet(style: &HouseStyle, look: Option<&str>) -> String {
    let colours = &style.colours;
    let mut css = String::from(":root {\n");
    // The Word font is the one readers' machines have (Arial); the PDF's bundled font has the
    // same metrics.
    css.push_str(&format!(
        "  --font: \"{}\", \"{}\", Arial, Helvetica, sans-serif;\n",
        css_string(style.fonts.word.as_str()),
        css_string(style.fonts.pdf.as_str())
    ));
    css.push_str(&format!("  --body-size: {}pt;\n", style.body_size.points()));
    for level in 1..=4 {
        let heading = style.heading(level);
        let size = heading.map_or(style.body_size.points(), |heading| heading.size.points());
        // Print sizes are set for A4; on a screen a heading is at least the body's size and
        // grows with its rank.
        let scale = [1.75, 1.35, 1.15, 1.0][level - 1];
        let rem = (size / style.body_size.points()).max(1.0) * scale;
        css.push_str(&format!("  --heading-{level}-size: {rem:.2}rem;\n"));
        let colour = heading
            .and_then(|heading| heading.colour.as_ref())
            .map_or("inherit".to_string(), |colour| format!("#{}", colour.hex()));
        css.push_str(&format!("  --heading-{level}-colour: {colour};\n"));
    }
    for (name, colour) in [
        ("link", &colours.link),
        ("shade", &colours.shade),
        ("red", &colours.red),
        ("amber", &colours.amber),
        ("green", &colours.green),
    ] {
        css.push_str(&format!("  --{name}: #{};\n", colour.hex()));
    }
    css.push_str("}\n\n");
    css.push_str(look.unwrap_or(BUILT_IN_CSS));
    css
}
