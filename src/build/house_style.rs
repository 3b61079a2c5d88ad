//! House styles as the build reads them: the built-in ones, embedded in the program, and style
//! folders (`--templates`, `house_style:`), their data read strictly and checked beyond its types.

use std::path::{Path, PathBuf};

use super::Failure;
use crate::content::common::is_key_name;
use crate::content::meeting::StandardItem;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::style::{CoverReportForm, HouseStyle};
use crate::typst_writer::Templates;
use crate::typst_writer::world::{TEMPLATES, embedded_path};

/// A house style built into the program: its name, its data and the templates it has of its
/// own (any other is the default style's).
pub struct BuiltInStyle {
    /// The name `house_style:` and `--templates` give it.
    pub name: &'static str,
    /// Its `style.yaml`.
    pub data: &'static str,
    /// Its own templates, by file name.
    pub templates: &'static [(&'static str, &'static str)],
}

/// The built-in house styles; the first is the default.
pub const BUILT_IN_STYLES: [BuiltInStyle; 2] = [
    BuiltInStyle {
        name: "rotherham",
        data: crate::style::BUILT_IN,
        templates: &TEMPLATES,
    },
    BuiltInStyle {
        name: "harrow",
        data: include_str!("../../report_templates/harrow/style.yaml"),
        templates: &[],
    },
];

/// The names of the built-in styles, for messages.
pub fn built_in_names() -> String {
    BUILT_IN_STYLES
        .iter()
        .map(|style| style.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The built-in style named `name`: its templates and data, read and checked as a folder's are.
pub fn read_built_in_style(name: &str) -> Option<Result<(Templates, HouseStyle), Failure>> {
    let built_in = BUILT_IN_STYLES.iter().find(|style| style.name == name)?;
    let texts = TEMPLATES
        .iter()
        .map(|(file, default)| {
            let own = built_in.templates.iter().find(|(own, _)| own == file);
            let text = own.map_or(*default, |(_, text)| *text);
            let path = PathBuf::from(format!("report_templates/{name}/{file}"));
            (*file, text.to_string(), path)
        })
        .collect();
    let source = SourceFile {
        path: PathBuf::from(format!("report_templates/{name}/style.yaml")),
        text: built_in.data.to_string(),
    };
    Some(read_style_data(&source, &[]).map(|style| (Templates::new(texts), style)))
}

/// A style's data, read strictly and checked; `own_fonts` are the families of its folder's fonts.
fn read_style_data(source: &SourceFile, own_fonts: &[String]) -> Result<HouseStyle, Failure> {
    let problem = |diagnostic: Diagnostic| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(diagnostic);
        Failure::Content(diagnostics)
    };
    let style = crate::content::parse_yaml::<HouseStyle>(source).map_err(problem)?;
    if let Some(diagnostic) = check_style(&style, source, own_fonts) {
        return Err(problem(diagnostic));
    }
    Ok(style)
}

/// A house style folder (`--templates`, `house_style:`), or the built-in style for `None`: its
/// templates and its data (`style.yaml`, read strictly), each file the built-in one where the
/// folder has none; with the files read, for a watcher. Files are read as content is: regular
/// files only, capped in size, so a pipe named `pack.typ` cannot hang the build.
pub fn read_house_style(
    folder: Option<&Path>,
) -> Result<(Templates, HouseStyle, Vec<PathBuf>), Failure> {
    let Some(folder) = folder else {
        return Ok((Templates::embedded(), HouseStyle::built_in(), Vec::new()));
    };
    // `--templates harrow` names a built-in style, unless a folder of that name is at hand.
    if !folder.is_dir()
        && let Some(built_in) = folder.to_str().and_then(read_built_in_style)
    {
        return built_in.map(|(templates, style)| (templates, style, Vec::new()));
    }
    if !folder.is_dir() {
        return Err(Failure::Io(
            Diagnostic::error(format!(
                "the template folder `{}` does not exist, nor is there a built-in style of that name",
                folder.display()
            ))
            .expected(format!("a folder, or one of {}", built_in_names()))
            .hint("give a house style folder: style.yaml, house-style.typ and pack.typ, each optional"),
        ));
    }
    let mut read = Vec::new();
    let mut texts = Vec::new();
    for (name, built_in) in TEMPLATES {
        let path = folder.join(name);
        match read_if_there(&path)? {
            Some(text) => {
                read.push(path.clone());
                texts.push((name, text, path));
            }
            None => texts.push((name, built_in.to_string(), embedded_path(name))),
        }
    }
    let fonts = read_style_fonts(folder)?;
    read.extend(fonts.paths);
    let mut templates = Templates::new(texts).with_fonts(fonts.files);
    let css_path = folder.join("website.css");
    if let Some(css) = read_if_there(&css_path)? {
        read.push(css_path);
        templates = templates.with_website_css(css);
    }
    let path = folder.join("style.yaml");
    let Some(text) = read_if_there(&path)? else {
        return Ok((templates, HouseStyle::built_in(), read));
    };
    let source = SourceFile { path, text };
    let style = read_style_data(&source, &fonts.families)?;
    let templates = match &style.logo {
        Some(logo) => {
            let path = folder.join(logo.file.as_str());
            let png = read_logo(&path).map_err(|problem| {
                let mut problems = Diagnostics::new();
                problems.push(problem.at(source.locate(logo.file.as_str())));
                Failure::Content(problems)
            })?;
            read.push(path);
            templates.with_logo(png)
        }
        None => templates,
    };
    read.push(source.path);
    Ok((templates, style, read))
}

/// The largest logo read (5 MB).
const LOGO_LIMIT: u64 = 5 * 1024 * 1024;

/// The style's logo: a PNG that is a regular file in the style folder itself (not a link out of
/// it), capped in size.
fn read_logo(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let is_file = std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.is_file());
    if !is_file {
        return Err(Diagnostic::error(format!(
            "the logo `{}` is not a file in the style folder",
            path.display()
        ))
        .hint("put the logo, a PNG, in the style folder beside style.yaml"));
    }
    let png = crate::input::read_regular_file(path, LOGO_LIMIT).map_err(|error| {
        Diagnostic::error(format!(
            "cannot read `{}`: {}",
            path.display(),
            error.reason()
        ))
        .hint("a logo is a PNG of at most 5 MB")
    })?;
    if crate::input::png_size(&png).is_none() {
        return Err(
            Diagnostic::error(format!("the logo `{}` is not a PNG", path.display()))
                .hint("save the logo as PNG"),
        );
    }
    Ok(png)
}

/// The most font files a style folder may hold, and the largest of them (30 MB).
const MOST_FONTS: usize = 32;
const FONT_LIMIT: u64 = 30 * 1024 * 1024;

/// A style folder's own fonts.
#[derive(Default)]
struct StyleFonts {
    /// Each font file's bytes.
    files: Vec<Vec<u8>>,
    /// The families they hold.
    families: Vec<String>,
    /// The files read, licences among them, for a watcher.
    paths: Vec<PathBuf>,
}

/// The font files in the style folder's `fonts/` (TrueType and OpenType, each a regular file,
/// capped in size), which must have their licence beside them: a font is published in every
/// PDF made with it, which only its licence allows.
fn read_style_fonts(folder: &Path) -> Result<StyleFonts, Failure> {
    let fonts_folder = folder.join("fonts");
    let mut fonts = StyleFonts::default();
    if std::fs::symlink_metadata(&fonts_folder).is_err() {
        return Ok(fonts);
    }
    // A style's fonts are part of its content: a problem with them is the style's to fix.
    let refuse = |what: String, hint: &str| {
        let mut problems = Diagnostics::new();
        problems.push(Diagnostic::error(what).hint(hint.to_string()));
        Err(Failure::Content(problems))
    };
    let Ok(entries) = std::fs::read_dir(&fonts_folder) else {
        return refuse(
            format!("`{}` is not a folder of fonts", fonts_folder.display()),
            "a style's fonts/ is a folder of font files and their licences",
        );
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .collect();
    paths.sort();
    let mut licensed = false;
    for path in paths {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let upper = name.to_ascii_uppercase();
        let extension = path
            .extension()
            .map(|extension| extension.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let is_font = matches!(extension.as_str(), "ttf" | "otf" | "ttc" | "otc");
        let is_licence = ["LICENSE", "LICENCE", "OFL", "COPYING"]
            .iter()
            .any(|start| upper.starts_with(start));
        if name.starts_with('.') || !(is_font || is_licence) {
            continue;
        }
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|metadata| metadata.is_file());
        if !is_file {
            return refuse(
                format!("`{}` is not a regular file", path.display()),
                "copy the font or licence itself into the style's fonts/ folder",
            );
        }
        if is_licence {
            licensed = true;
            fonts.paths.push(path);
            continue;
        }
        if fonts.files.len() == MOST_FONTS {
            return refuse(
                format!(
                    "`{}` holds more than {MOST_FONTS} fonts",
                    fonts_folder.display()
                ),
                "keep the fonts the style's papers use: a family's regular, bold and italic",
            );
        }
        let data = match crate::input::read_regular_file(&path, FONT_LIMIT) {
            Ok(data) => data,
            Err(error) => {
                return refuse(
                    format!("cannot read `{}`: {}", path.display(), error.reason()),
                    "a style's font is a TrueType or OpenType file of at most 30 MB",
                );
            }
        };
        let families = crate::fonts::families_in(&data);
        if families.is_empty() {
            return refuse(
                format!("`{}` is not a font papers can read", path.display()),
                "give TrueType (.ttf) or OpenType (.otf) font files",
            );
        }
        for family in families {
            if !fonts.families.contains(&family) {
                fonts.families.push(family);
            }
        }
        fonts.files.push(data);
        fonts.paths.push(path);
    }
    if !fonts.files.is_empty() && !licensed {
        return refuse(
            format!(
                "the fonts in `{}` have no licence beside them",
                fonts_folder.display()
            ),
            "add each font's licence (LICENSE, OFL.txt) to the folder: every PDF made with a font publishes it, which only its licence allows",
        );
    }
    Ok(fonts)
}

/// The text of the file at `path`, or `None` if there is none.
fn read_if_there(path: &Path) -> Result<Option<String>, Failure> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    crate::input::read_text_file(path)
        .map(Some)
        .map_err(|error| {
            Failure::Io(Diagnostic::error(format!(
                "cannot read `{}`: {}",
                path.display(),
                error.reason()
            )))
        })
}

/// What a style's data needs beyond its types: a bundled PDF font, form section keys that are
/// names and each once, and margins that leave room for text. The first problem, if any.
fn check_style(
    style: &HouseStyle,
    source: &SourceFile,
    own_fonts: &[String],
) -> Option<Diagnostic> {
    // The PDF's font must be bundled or the style's own: Typst would otherwise fall back
    // without a word.
    let mut families = crate::fonts::families();
    families.extend(own_fonts.iter().cloned());
    let font = style.fonts.pdf.as_str();
    if !families.iter().any(|family| family == font) {
        return Some(
            Diagnostic::error(format!(
                "`{font}` is neither a bundled font nor one in the style's fonts/ folder, so the PDF cannot use it"
            ))
            .at(source.locate(font))
            .expected(families.join(", "))
            .hint("put the font's files and its licence in the style folder's fonts/, or choose one of these"),
        );
    }
    // A form's section keys are what reports write under `sections:`: names, each once.
    for (name, form) in &style.cover_report {
        let mut seen = Vec::new();
        for section in &form.sections {
            let key = section.key.as_str();
            let problem = if !is_key_name(key) {
                format!("the `{name}` form's section key `{key}` is not a name")
            } else if seen.contains(&key) {
                format!("the `{name}` form has the section `{key}` twice")
            } else {
                seen.push(key);
                continue;
            };
            return Some(
                Diagnostic::error(problem)
                    .at(source.locate(&format!("key: {key}")))
                    .hint("a key is lower-case letters, digits and underscores (`key_issues`), once per form"),
            );
        }
    }
    // Word files have four heading styles.
    if style.headings.is_empty() || style.headings.len() > 4 {
        return Some(
            Diagnostic::error("`headings` gives the look of 1 to 4 levels of heading")
                .at(source.locate_key("headings"))
                .hint("list each level's look, the paper's title first: `- {size: 14}`"),
        );
    }
    for name in style.agenda.items.keys() {
        if !is_key_name(name) || StandardItem::COMPUTED.contains(&name.as_str()) {
            return Some(
                Diagnostic::error(format!("`{name}` cannot name one of the agenda's items"))
                    .at(source.locate(&format!("{name}:")))
                    .hint("a name is lower-case letters, digits and underscores, and not one the agenda already has (apologies, declarations, exclusion, minutes, urgent, future_meetings: word those above)"),
            );
        }
    }
    if !style.cover_report.contains_key(&style.default_form) {
        return Some(
            Diagnostic::error(format!(
                "`default_form` names `{}`, which is not one of the style's forms",
                style.default_form
            ))
            .at(source.locate_key("default_form"))
            .expected(
                style
                    .cover_report
                    .keys()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .hint("name the form a report uses when it gives no `layout:`"),
        );
    }
    let months = |key| key == crate::style::IndicatorColumn::Months;
    let indicator = [crate::style::IndicatorColumn::Indicator];
    if let Some(problem) = table_problem(
        "indicator_table",
        &style.indicator_table,
        months,
        &indicator,
    ) {
        return Some(problem.at(source.locate_key("indicator_table")));
    }
    let written = [
        crate::style::ActionPlanColumn::Group,
        crate::style::ActionPlanColumn::Action,
    ];
    if let Some(problem) = table_problem("action_plan", &style.action_plan, |_| false, &written) {
        return Some(problem.at(source.locate_key("action_plan")));
    }
    if let Some(problem) = placeholder_problem(style, source) {
        return Some(problem);
    }
    for (name, form) in &style.cover_report {
        if let Some(problem) = form_problem(name, form, style) {
            let quoted = format!("\"{name}\":");
            let place = if source.text.contains(&quoted) {
                source.locate(&quoted)
            } else {
                source.locate(&format!("  {name}:"))
            };
            return Some(problem.at(place));
        }
    }
    // An A4 page (21 x 29.7 cm) must keep room for text.
    let margins = &style.margins;
    let across = margins.left.centimetres() + margins.right.centimetres();
    let down = margins.top.centimetres() + margins.bottom.centimetres();
    if across > 15.0 || down > 20.0 {
        return Some(
            Diagnostic::error(format!(
                "these margins leave too little of an A4 page for text ({across} cm across, {down} cm down)"
            ))
            .at(source.locate_key("margins"))
            .hint("left and right together may take up to 15 cm, top and bottom up to 20 cm"),
        );
    }
    None
}

/// The names in braces each field of a style fills in, by the field's path (`*` for any key
/// or position); wording anywhere else is printed as it is, so a name in braces there would
/// print braces and all.
const FILLED_IN: &[(&[&str], &[&str])] = &[
    (&["agenda", "members"], &["names"]),
    (&["agenda", "openness"], &["council"]),
    (&["agenda", "apologies", "*"], AGENDA_ITEM_NAMES),
    (&["agenda", "declarations", "*"], AGENDA_ITEM_NAMES),
    (&["agenda", "minutes", "*"], AGENDA_ITEM_NAMES),
    (&["agenda", "urgent", "*"], AGENDA_ITEM_NAMES),
    (&["agenda", "items", "*", "*"], AGENDA_ITEM_NAMES),
    (&["agenda", "exclusion", "title"], AGENDA_ITEM_NAMES),
    (
        &["agenda", "exclusion", "exempt_item"],
        &["item", "paragraphs"],
    ),
    (
        &["agenda", "exclusion", "sentence"],
        &["items", "paragraphs"],
    ),
    (
        &["agenda", "exclusion", "sentence_one"],
        &["items", "paragraphs"],
    ),
    (
        &["agenda", "exclusion", "exempt_paragraph"],
        &["paragraph", "reason"],
    ),
    (&["agenda", "future_meetings", "title"], AGENDA_ITEM_NAMES),
    (&["agenda", "member_with_role"], &["name", "role"]),
    (&["agenda", "member_line"], &["name", "role"]),
    (&["agenda", "councillor"], &["name"]),
    (&["agenda", "member_group"], &["name", "group"]),
    (&["agenda", "urgent_reason"], &["reason"]),
    (&["minutes", "chair"], &["name"]),
    (&["minutes", "councillor"], &["name"]),
    (&["minutes", "councillors"], &["names"]),
    (&["minutes", "apologies"], &["names"]),
    (&["minutes", "motion", "moved"], &["mover", "seconder"]),
    (
        &["minutes", "motion", "amendment_moved"],
        &["mover", "seconder"],
    ),
    (
        &["minutes", "motion", "show_of_hands"],
        &["for", "against", "abstain"],
    ),
    (&["minutes", "motion", "for"], &["count"]),
    (&["minutes", "motion", "against"], &["count"]),
    (&["minutes", "motion", "abstain"], &["count"]),
    (&["properties", "*", "subject"], &["committee", "date"]),
    (
        &["properties", "*", "keywords", "*"],
        &["committee", "date"],
    ),
    (&["website", "web_page"], &["title"]),
    (&["website", "pdf"], &["pages", "size"]),
    (&["website", "pdf_one_page"], &["size"]),
    (&["website", "word"], &["size"]),
    (&["cover_report", "*", "banner", "*"], &["committee"]),
    (&["cover_report", "*", "title_heading"], &["title"]),
    (&["cover_report", "*", "author"], &["name", "role"]),
    (&["indicator_table", "columns", "*", "heading"], &["year"]),
];

/// What a standard agenda item's wording may name.
const AGENDA_ITEM_NAMES: &[&str] = &["member_title", "committee", "council", "held"];

/// The names the field at `path` fills in.
fn filled_in(path: &[String]) -> &'static [&'static str] {
    FILLED_IN
        .iter()
        .find(|(pattern, _)| {
            pattern.len() == path.len()
                && pattern
                    .iter()
                    .zip(path)
                    .all(|(want, have)| *want == "*" || want == have)
        })
        .map_or(&[], |(_, names)| *names)
}

/// A name in braces where the field does not fill it in, if any.
fn placeholder_problem(style: &HouseStyle, source: &SourceFile) -> Option<Diagnostic> {
    fn walk(
        value: &serde_json::Value,
        path: &mut Vec<String>,
        found: &mut Option<(String, String, Vec<String>)>,
    ) {
        if found.is_some() {
            return;
        }
        match value {
            serde_json::Value::String(text) => {
                // Date patterns name the parts of a date, not wording's names.
                if path.first().is_some_and(|first| first == "dates") {
                    return;
                }
                let allowed = filled_in(path);
                for name in crate::style::PLACEHOLDERS {
                    if text.contains(&format!("{{{name}}}")) && !allowed.contains(&name) {
                        *found = Some((text.clone(), name.to_string(), path.clone()));
                        return;
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    path.push(index.to_string());
                    walk(item, path, found);
                    path.pop();
                }
            }
            serde_json::Value::Object(fields) => {
                for (key, item) in fields {
                    path.push(key.clone());
                    walk(item, path, found);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let value = serde_json::to_value(style).ok()?;
    let mut found = None;
    walk(&value, &mut Vec::new(), &mut found);
    let (text, name, path) = found?;
    let start: String = text.chars().take(24).collect();
    let place = if source.text.contains(&start) {
        source.locate(&start)
    } else {
        source.locate_key(path.first().map_or("", String::as_str))
    };
    let allowed = match filled_in(&path) {
        [] => String::from("none"),
        names => names
            .iter()
            .map(|name| format!("{{{name}}}"))
            .collect::<Vec<_>>()
            .join(", "),
    };
    Some(
        Diagnostic::error(format!(
            "`{{{name}}}` is not filled in at `{}`: it would print as written",
            path.join(".")
        ))
        .at(place)
        .expected(format!("names filled in there: {allowed}"))
        .hint("write the words themselves, or use a name this field fills in"),
    )
}

/// What a table's data needs beyond its types: some columns, each once, each headed unless its
/// headings come from the data (`untitled`).
fn table_problem<Key: Copy + PartialEq + serde::Serialize>(
    table: &str,
    style: &crate::style::TableStyle<Key>,
    untitled: impl Fn(Key) -> bool,
    required: &[Key],
) -> Option<Diagnostic> {
    let name = |key: Key| {
        serde_json::to_value(key)
            .ok()
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    // What an author wrote in a row (an action, an indicator's title) must have its column.
    for key in required {
        if !style.columns.iter().any(|column| column.key == *key) {
            return Some(
                Diagnostic::error(format!("`{table}` has no `{}` column", name(*key)))
                    .hint("keep the columns that print what authors write; leave out only computed or optional ones"),
            );
        }
    }
    for (index, column) in style.columns.iter().enumerate() {
        if style.columns[..index]
            .iter()
            .any(|earlier| earlier.key == column.key)
        {
            return Some(
                Diagnostic::error(format!(
                    "`{table}` has the column `{}` twice",
                    name(column.key)
                ))
                .hint("list each column once"),
            );
        }
        if column.heading.is_none() && !untitled(column.key) {
            return Some(
                Diagnostic::error(format!(
                    "`{table}`'s column `{}` has no heading",
                    name(column.key)
                ))
                .hint("give it a `heading:`: a screen reader reads it out with each cell"),
            );
        }
    }
    None
}

/// What a form's data needs beyond its types: sections one or two levels deep, starting at
/// one; each key a report may write taken by one section; each field placed once; and another
/// form's name stood for by one form only.
fn form_problem(name: &str, form: &CoverReportForm, style: &HouseStyle) -> Option<Diagnostic> {
    let problem = |text: String, hint: &str| Some(Diagnostic::error(text).hint(hint.to_string()));
    if let Some(section) = form.sections.iter().find(|s| !(1..=2).contains(&s.level)) {
        return problem(
            format!(
                "the `{name}` form's section `{}` has level {}",
                section.key, section.level
            ),
            "a section has level 1, a sub-section of the section before it level 2",
        );
    }
    let has_title_row = form
        .front_page
        .iter()
        .any(|entry| entry.field == crate::style::ReportField::Title);
    if !has_title_row && form.title_heading.is_none() {
        return problem(
            format!("the `{name}` form prints the report's title nowhere"),
            "put `- {field: title, label: …}` on its front page, or give it a `title_heading`",
        );
    }
    if form.sections.first().is_some_and(|first| first.level != 1) {
        return problem(
            format!("the `{name}` form starts with a sub-section"),
            "give the first section level 1",
        );
    }
    let mut keys: Vec<&str> = Vec::new();
    for section in &form.sections {
        for key in &section.also {
            if keys.contains(&key.as_str()) || form.sections.iter().any(|s| &s.key == key) {
                return problem(
                    format!("the `{name}` form takes `{key}` twice"),
                    "a key a report writes goes to one section: its own, or one that takes it with `also`",
                );
            }
            keys.push(key);
        }
    }
    let mut placed = Vec::new();
    let fields = form.front_page.iter().map(|entry| entry.field).chain(
        form.sections
            .iter()
            .flat_map(|section| section.fields.iter().map(|field| field.field)),
    );
    for field in fields {
        if placed.contains(&field) {
            return problem(
                format!("the `{name}` form places `{}` twice", field.name()),
                "place each field once: on the front page or in one section",
            );
        }
        placed.push(field);
    }
    for stood_for in &form.stands_for {
        let others = style
            .cover_report
            .iter()
            .filter(|(other, form)| {
                other.as_str() == stood_for || form.stands_for.contains(stood_for)
            })
            .count();
        if others > 1 {
            return problem(
                format!("more than one form stands for `{stood_for}`"),
                "a report's `layout:` must choose one form: let one form stand for it",
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_style_reads_and_passes_its_checks() {
        for built_in in &BUILT_IN_STYLES {
            let read = read_built_in_style(built_in.name).expect("a built-in style");
            assert!(read.is_ok(), "{} fails its checks", built_in.name);
        }
    }

    /// The first problem found in the built-in style's data with `old` replaced by `new`.
    fn problem_with(old: &str, new: &str) -> String {
        let text = crate::style::BUILT_IN.replacen(old, new, 1);
        assert_ne!(text, crate::style::BUILT_IN, "{old}");
        let source = SourceFile {
            path: PathBuf::from("style.yaml"),
            text,
        };
        match read_style_data(&source, &[]) {
            Err(Failure::Content(problems)) => format!("{problems:?}"),
            other => panic!("expected a problem, got {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn a_name_in_braces_where_nothing_fills_it_in_is_refused() {
        let problem = problem_with(
            "closing: This report is published",
            "closing: \"{council} publishes this report\"\n    # This report is published",
        );
        assert!(
            problem.contains("is not filled in at `cover_report.2022.closing`"),
            "{problem}"
        );
        // Where the field fills it in, it is welcome.
        let text = crate::style::BUILT_IN.replacen(
            "text: To determine any item",
            "text: The {committee} may determine any item",
            1,
        );
        let source = SourceFile {
            path: PathBuf::from("style.yaml"),
            text,
        };
        assert!(read_style_data(&source, &[]).is_ok());
    }

    #[test]
    fn the_motion_wording_fills_in_its_own_names_only() {
        // A count belongs to a row of a recorded vote, not to the motion's outcome.
        let problem = problem_with(
            "carried: The motion was carried.",
            "carried: \"The motion was carried ({count}).\"",
        );
        assert!(
            problem.contains("`{count}` is not filled in at `minutes.motion.carried`"),
            "{problem}"
        );
        assert!(problem.contains("names filled in there: none"), "{problem}");
        let problem = problem_with(
            "moved: \"It was moved by {mover}",
            "moved: \"It was moved by {for}",
        );
        assert!(
            problem.contains("names filled in there: {mover}, {seconder}"),
            "{problem}"
        );
        // An unknown field in the motion wording is refused like any other.
        let problem = problem_with(
            "    nobody: None",
            "    nobody: None\n    carried_unanimously: Carried.",
        );
        assert!(problem.contains("carried_unanimously"), "{problem}");
    }

    #[test]
    fn a_form_without_the_title_or_a_table_without_the_authors_column_is_refused() {
        let problem = problem_with("      - {field: title, label: Report Title}\n", "");
        assert!(
            problem.contains("prints the report's title nowhere"),
            "{problem}"
        );
        let problem = problem_with("    - {key: action, heading: Action, width: 10}\n", "");
        assert!(
            problem.contains("`action_plan` has no `action` column"),
            "{problem}"
        );
    }
}
