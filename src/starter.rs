//! The starting files `papers new` writes: a valid, commented paper of any kind (or a meeting
//! with its committee and one item) in a house style's form, which `papers check` accepts as it
//! is, each opening with the line that points an editor at its JSON Schema.
//!
//! The starting files are YAML in the style folder (`new/<kind>.yaml`), so a council words them
//! its own way; a style without one takes the default style's.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::model::Date;

/// The default style's starting files, by file name.
const BUILT_IN: [(&str, &str); 11] = [
    (
        "action-plan.yaml",
        include_str!("../report_templates/rotherham/new/action-plan.yaml"),
    ),
    (
        "committee.yaml",
        include_str!("../report_templates/rotherham/new/committee.yaml"),
    ),
    (
        "cover-report.yaml",
        include_str!("../report_templates/rotherham/new/cover-report.yaml"),
    ),
    (
        "figures.yaml",
        include_str!("../report_templates/rotherham/new/figures.yaml"),
    ),
    (
        "long-report.yaml",
        include_str!("../report_templates/rotherham/new/long-report.yaml"),
    ),
    (
        "meeting.yaml",
        include_str!("../report_templates/rotherham/new/meeting.yaml"),
    ),
    (
        "minutes.yaml",
        include_str!("../report_templates/rotherham/new/minutes.yaml"),
    ),
    (
        "performance-report.yaml",
        include_str!("../report_templates/rotherham/new/performance-report.yaml"),
    ),
    (
        "short-paper.yaml",
        include_str!("../report_templates/rotherham/new/short-paper.yaml"),
    ),
    (
        "terms-of-reference.yaml",
        include_str!("../report_templates/rotherham/new/terms-of-reference.yaml"),
    ),
    (
        "values.csv",
        include_str!("../report_templates/rotherham/new/values.csv"),
    ),
];

/// Other built-in styles' own starting files: (style, file name, text).
const BUILT_IN_OWN: [(&str, &str, &str); 1] = [(
    "harrow",
    "cover-report.yaml",
    include_str!("../report_templates/harrow/new/cover-report.yaml"),
)];

/// What `papers new` can start.
pub const STARTABLE: [&str; 11] = [
    "meeting",
    "committee",
    "cover-report",
    "minutes",
    "long-report",
    "performance-report",
    "figures",
    "terms-of-reference",
    "action-plan",
    "short-paper",
    "house-style",
];

/// The house style whose forms the new files follow.
#[derive(Debug, Clone)]
pub enum StyleChoice {
    /// The default style.
    Default,
    /// A built-in style by name, with its `style.yaml` text.
    BuiltIn {
        /// Its name, as `house_style:` gives it.
        name: String,
        /// Its data.
        data: &'static str,
    },
    /// A style folder.
    Folder(PathBuf),
}

/// A file to write: where, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// Where it goes.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// Everything `papers new` needs to know.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// One of [`STARTABLE`].
    pub kind: &'a str,
    /// The file to write, or for a meeting (and a house style) the folder.
    pub path: &'a Path,
    /// The house style.
    pub style: StyleChoice,
    /// The date the new papers carry (a meeting's folder named by its date gives it).
    pub date: Date,
    /// The folder holding the schemas editors are pointed at (`.papers/schema`).
    pub schema_folder: &'a Path,
}

/// The files to write for `request`, in the order to write them, with companions the paper
/// needs that are not already there (a committee for minutes and meetings, a figures file and
/// its values for a performance report). Nothing is written here; an existing file is never
/// replaced.
pub fn plan(request: &Request<'_>) -> Result<Vec<NewFile>, Diagnostic> {
    let mut planner = Planner {
        request,
        files: Vec::new(),
    };
    match request.kind {
        "meeting" => planner.meeting()?,
        "house-style" => planner.house_style()?,
        kind if STARTABLE.contains(&kind) => {
            let path = yaml_path(request.path)?;
            planner.paper(kind, &path)?;
        }
        kind => {
            let mut diagnostic = Diagnostic::error(format!("`papers new` cannot start a `{kind}`"))
                .expected(crate::content::quoted_list(&STARTABLE));
            if let Some(suggestion) = crate::diagnostics::did_you_mean(kind, STARTABLE) {
                diagnostic = diagnostic.hint(format!("did you mean `{suggestion}`?"));
            }
            return Err(diagnostic);
        }
    }
    for file in &planner.files {
        if file.path.exists() {
            return Err(Diagnostic::error(format!(
                "`{}` already exists; papers new never replaces a file",
                file.path.display()
            ))
            .hint("give a new file name, or remove the file first"));
        }
    }
    Ok(planner.files)
}

struct Planner<'r, 'a> {
    request: &'r Request<'a>,
    files: Vec<NewFile>,
}

impl Planner<'_, '_> {
    /// The starting text of `file`: the style folder's, the built-in style's own, or the
    /// default's.
    fn starting_text(&self, file: &str) -> Result<String, Diagnostic> {
        match &self.request.style {
            StyleChoice::Folder(folder) => {
                let path = folder.join("new").join(file);
                if path.is_file() {
                    return crate::input::read_text_file(&path).map_err(|error| {
                        Diagnostic::error(format!(
                            "cannot read `{}`: {}",
                            path.display(),
                            error.reason()
                        ))
                    });
                }
            }
            StyleChoice::BuiltIn { name, .. } => {
                if let Some((_, _, text)) = BUILT_IN_OWN
                    .iter()
                    .find(|(style, own, _)| style == name && *own == file)
                {
                    return Ok(text.to_string());
                }
            }
            StyleChoice::Default => {}
        }
        Ok(BUILT_IN
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| text.to_string())
            .unwrap_or_default())
    }

    /// Adds `path` of `kind`, its placeholders filled, after the line for the editor.
    fn add(&mut self, kind: &str, path: &Path, fills: &[(&str, String)]) -> Result<(), Diagnostic> {
        let template = self.starting_text(&format!("{kind}.yaml"))?;
        let mut text = format!(
            "# yaml-language-server: $schema={}\n",
            relative(
                path.parent().unwrap_or(Path::new(".")),
                &self.request.schema_folder.join(format!("{kind}.json"))
            )
        );
        text.push_str(&self.fill(&template, fills));
        self.files.push(NewFile {
            path: path.to_path_buf(),
            text,
        });
        Ok(())
    }

    /// `template` with `${name}` placeholders replaced: the dates, then `fills`.
    fn fill(&self, template: &str, fills: &[(&str, String)]) -> String {
        let date = self.request.date;
        let month = |back: i32| {
            let months = date.year * 12 + i32::from(date.month) - 1 - back;
            format!(
                "{:04}-{:02}",
                months.div_euclid(12),
                months.rem_euclid(12) + 1
            )
        };
        let mut text = template
            .replace(
                "${date}",
                &format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
            )
            .replace("${month}", &month(0))
            .replace("${month_minus_1}", &month(1))
            .replace("${month_minus_2}", &month(2));
        let house_style_line = match &self.request.style {
            StyleChoice::Default => String::new(),
            StyleChoice::BuiltIn { name, .. } => format!("house_style: {name}\n"),
            StyleChoice::Folder(_) => String::new(),
        };
        text = text.replace("${house_style_line}", &house_style_line);
        for (name, value) in fills {
            text = text.replace(&format!("${{{name}}}"), value);
        }
        text.replace("${committee_name}", "The committee's name")
    }

    /// A paper (or committee, figures) at `path`, with the companions it names.
    fn paper(&mut self, kind: &str, path: &Path) -> Result<(), Diagnostic> {
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut fills = Vec::new();
        match kind {
            "minutes" => fills.push(("committee_file", self.committee_for(&folder, &folder)?)),
            "performance-report" => {
                let figures = folder.join("figures.yaml");
                if !figures.exists() {
                    self.figures(&figures)?;
                }
                fills.push(("figures_file", "figures.yaml".to_string()));
            }
            "figures" => return self.figures(path),
            _ => {}
        }
        self.add(kind, path, &fills)
    }

    /// A figures file at `path` and the values CSV beside it.
    fn figures(&mut self, path: &Path) -> Result<(), Diagnostic> {
        let folder = path.parent().unwrap_or(Path::new(""));
        let stem = path
            .file_stem()
            .map_or_else(|| "figures".into(), |s| s.to_string_lossy());
        let values = if folder.join("values.csv").exists() {
            format!("{stem}-values.csv")
        } else {
            "values.csv".to_string()
        };
        let csv = self.fill(&self.starting_text("values.csv")?, &[]);
        self.add("figures", path, &[("values_file", values.clone())])?;
        self.files.push(NewFile {
            path: folder.join(values),
            text: csv,
        });
        Ok(())
    }

    /// The committee file a paper in `folder` names, relative to `folder`: one already in the
    /// folder or the one above, or a new one written in `new_in`.
    fn committee_for(&mut self, folder: &Path, new_in: &Path) -> Result<String, Diagnostic> {
        // Judged by the folders' names, not the file system: the meeting's folder may not be
        // made yet, and `made-later/../committee.yaml` is then no file.
        let above = match folder.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        for (candidate, named) in [
            (folder.join("committee.yaml"), "committee.yaml"),
            (above.join("committee.yaml"), "../committee.yaml"),
        ] {
            if candidate.is_file() {
                return Ok(named.to_string());
            }
        }
        let path = new_in.join("committee.yaml");
        self.add("committee", &path, &[])?;
        Ok(relative(folder, &path))
    }

    /// A meeting folder: its meeting, one item's cover report, and its committee (in the
    /// folder above, where a committee's meetings share it) unless there is one.
    fn meeting(&mut self) -> Result<(), Diagnostic> {
        let folder = self.request.path.to_path_buf();
        if folder
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml")
        {
            return Err(Diagnostic::error(format!(
                "a meeting is a folder, not a file: `{}`",
                folder.display()
            ))
            .hint("give the meeting's folder, named by its date, e.g. planning/2027-01-14"));
        }
        let parent = match folder.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let committee = self.committee_for(&folder, &parent)?;
        self.add(
            "meeting",
            &folder.join("meeting.yaml"),
            &[
                ("committee_file", committee.clone()),
                ("report_file", "report.yaml".to_string()),
            ],
        )?;
        // The report names the meeting's committee as its committee file does.
        let committee_file = folder.join(&committee);
        let name = std::fs::read_to_string(&committee_file)
            .ok()
            .or_else(|| {
                self.files
                    .iter()
                    .find(|file| file.path == parent.join("committee.yaml"))
                    .map(|file| file.text.clone())
            })
            .and_then(|text| {
                text.lines()
                    .find_map(|line| line.strip_prefix("name: "))
                    .map(|name| name.trim().to_string())
            });
        let mut fills = Vec::new();
        if let Some(name) = name {
            fills.push(("committee_name", name));
        }
        self.add("cover-report", &folder.join("report.yaml"), &fills)
    }

    /// A house style folder holding the chosen style's data, to edit.
    fn house_style(&mut self) -> Result<(), Diagnostic> {
        let data = match &self.request.style {
            StyleChoice::BuiltIn { data, .. } => data.to_string(),
            StyleChoice::Default | StyleChoice::Folder(_) => crate::style::BUILT_IN.to_string(),
        };
        let path = self.request.path.join("style.yaml");
        let text = format!(
            "# yaml-language-server: $schema={}\n{data}",
            relative(
                self.request.path,
                &self.request.schema_folder.join("house-style.json")
            )
        );
        self.files.push(NewFile { path, text });
        Ok(())
    }
}

/// `path` as given, with `.yaml` added when it has no extension; refused when it names
/// something other than YAML.
fn yaml_path(path: &Path) -> Result<PathBuf, Diagnostic> {
    match path.extension().and_then(|e| e.to_str()) {
        None => Ok(path.with_extension("yaml")),
        Some("yaml" | "yml") => Ok(path.to_path_buf()),
        Some(other) => Err(Diagnostic::error(format!(
            "`{}` is not a YAML file name (it ends .{other})",
            path.display()
        ))
        .hint("name it .yaml, e.g. report.yaml")),
    }
}

/// The path to `to` from the folder `from`, with `/` between parts, for a file that refers to
/// another; both made absolute from the current folder first.
pub fn relative(from: &Path, to: &Path) -> String {
    let absolute = |path: &Path| -> Vec<String> {
        let joined = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        let mut parts: Vec<String> = Vec::new();
        for component in joined.components() {
            match component {
                Component::ParentDir => {
                    parts.pop();
                }
                Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
                _ => {}
            }
        }
        parts
    };
    let (from, to) = (absolute(from), absolute(to));
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - shared];
    parts.extend(to[shared..].iter().cloned());
    parts.join("/")
}

/// Today's date (UTC), for papers started without one.
pub fn today() -> Date {
    let now = time::OffsetDateTime::now_utc();
    Date {
        year: now.year(),
        month: u8::from(now.month()),
        day: now.day(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_then_descend() {
        assert_eq!(
            relative(Path::new("a/b"), Path::new("a/c/d.json")),
            "../c/d.json"
        );
        assert_eq!(relative(Path::new("a"), Path::new("a/d.json")), "d.json");
        assert_eq!(
            relative(Path::new("a/b/../c"), Path::new("x.json")),
            "../../x.json"
        );
    }
}
