//! The layering of the crate, checked: each module may import only the modules listed for it
//! below, so that content never reaches a writer, writers never import lowering or each other,
//! figures never import lowering or narrative, and no two modules import each other. The table
//! is the module map of the README; a new module needs a line here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `src/` and the modules of the crate it may import.
const ALLOWED: &[(&str, &[&str])] = &[
    // The bottom: data and services that import nothing of the crate.
    ("model", &[]),
    ("diagnostics", &[]),
    ("escape", &[]),
    ("fonts", &[]),
    ("memo", &[]),
    ("style", &[]),
    ("format", &["model", "style"]),
    ("characters", &["diagnostics", "fonts"]),
    ("input", &["diagnostics"]),
    ("markdown", &["model"]),
    ("pictures", &["input", "memo", "model"]),
    ("published", &["format", "model"]),
    ("schema", &[]),
    ("validate", &["diagnostics", "format"]),
    // Reading content, computing figures, rendering narrative.
    (
        "content",
        &[
            "diagnostics",
            "format",
            "input",
            "model",
            "schema",
            "validate",
        ],
    ),
    ("figures", &["content", "diagnostics", "format", "style"]),
    (
        "hand_typed",
        &["content", "diagnostics", "figures", "format", "style"],
    ),
    (
        "narrative",
        &[
            "diagnostics",
            "figures",
            "format",
            "hand_typed",
            "pictures",
            "style",
        ],
    ),
    // Lowering content to the model, and the registry of kinds.
    (
        "lower",
        &[
            "characters",
            "content",
            "diagnostics",
            "figures",
            "format",
            "markdown",
            "memo",
            "model",
            "narrative",
            "pictures",
            "published",
            "style",
        ],
    ),
    (
        "kinds",
        &[
            "content",
            "diagnostics",
            "lower",
            "schema",
            "style",
            "validate",
        ],
    ),
    // Assembling a meeting's packs from its lowered papers.
    ("pack", &["lower", "model"]),
    // Writers: the model in, bytes out.
    (
        "typst_writer",
        &["diagnostics", "fonts", "memo", "model", "style"],
    ),
    (
        "docx_writer",
        &["diagnostics", "escape", "fonts", "format", "model", "style"],
    ),
    ("html_writer", &["escape", "format", "model", "style"]),
    // Orchestration.
    (
        "supplied",
        &["diagnostics", "input", "memo", "typst_writer"],
    ),
    ("publish", &["diagnostics", "input", "published"]),
    // The website's pages and feeds, made from lowered meetings and the files written.
    (
        "site",
        &[
            "escape",
            "format",
            "lower",
            "model",
            "publish",
            "published",
            "style",
        ],
    ),
    (
        "build",
        &[
            "characters",
            "content",
            "diagnostics",
            "docx_writer",
            "figures",
            "fonts",
            "format",
            "html_writer",
            "input",
            "kinds",
            "lower",
            "memo",
            "model",
            "narrative",
            "pack",
            "pictures",
            "publish",
            "published",
            "site",
            "style",
            "supplied",
            "typst_writer",
        ],
    ),
    // What `papers new` writes.
    (
        "starter",
        &["content", "diagnostics", "input", "model", "style"],
    ),
    (
        "watch",
        &[
            "build",
            "content",
            "diagnostics",
            "input",
            "publish",
            "supplied",
            "typst_writer",
        ],
    ),
];

/// The top-level module a source file belongs to (`src/lower/agenda/items.rs` → `lower`).
fn module_of(relative: &Path) -> String {
    let first = relative
        .components()
        .next()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

/// The text without comments and without the unit tests at the end of a file (tests may use
/// whatever helps them).
fn code_of(text: &str) -> String {
    let text = match text.find("\n#[cfg(test)]\nmod tests") {
        Some(end) => &text[..end],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            // `//` inside a string ("https://…") is rare in `use` lines; a whole-line comment
            // or a trailing one is what matters here.
            Some(start) if !line[..start].contains('"') => &line[..start],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every top-level module `code` names through `crate::`, in paths and in `use crate::{…}`.
fn imports_of(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(start) = rest.find("crate::") {
        rest = &rest[start + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's first level: `{a, b::{c, d}, e}` → a, b, e.
            let mut depth = 1;
            let mut name = String::new();
            let mut expecting_name = true;
            for character in group.chars() {
                if depth == 1 && expecting_name && (character.is_alphanumeric() || character == '_')
                {
                    name.push(character);
                    continue;
                }
                if depth == 1 && !name.is_empty() {
                    found.insert(std::mem::take(&mut name));
                    expecting_name = false;
                }
                match character {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expecting_name = true,
                    _ => {}
                }
            }
            if !name.is_empty() {
                found.insert(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found.remove("self");
    found
}

/// Each library module's imports of other modules.
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut folders = vec![source.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&source).unwrap();
            let module = module_of(relative);
            // The crate root and the command line sit above everything.
            if module == "lib" || module == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let imports = imports_of(&code_of(&text));
            graph
                .entry(module.clone())
                .or_default()
                .extend(imports.into_iter().filter(|name| *name != module));
        }
    }
    graph
}

#[test]
fn every_module_imports_only_what_its_layer_allows() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut problems = Vec::new();
    for (module, imports) in import_graph() {
        let Some(may) = allowed.get(module.as_str()) else {
            problems.push(format!(
                "`{module}` is not in the module map: add it to ALLOWED and the README"
            ));
            continue;
        };
        for import in imports {
            if !may.contains(&import.as_str()) {
                problems.push(format!(
                    "`{module}` imports `{import}`, which its layer does not allow"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_module_map_has_no_circles() {
    // Depth-first search over the allowed imports: a circle there would allow one in the code.
    fn visit<'a>(
        module: &'a str,
        allowed: &BTreeMap<&'a str, &'a [&'a str]>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if done.contains(module) {
            return;
        }
        assert!(
            !path.contains(&module),
            "circle: {} -> {module}",
            path.join(" -> ")
        );
        path.push(module);
        for next in allowed.get(module).copied().unwrap_or_default() {
            visit(next, allowed, path, done);
        }
        path.pop();
        done.insert(module);
    }
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut done = BTreeSet::new();
    for module in allowed.keys() {
        visit(module, &allowed, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_checker_sees_every_form_of_import() {
    let code = code_of(
        "use crate::model::Date;\nuse crate::{lower, figures::{self, Figures}, format};\n\
         // use crate::build;\nfn f() { crate::narrative::render(); }\n#[cfg(test)]\nmod tests {\nuse crate::watch;\n}",
    );
    let found: Vec<String> = imports_of(&code).into_iter().collect();
    assert_eq!(found, ["figures", "format", "lower", "model", "narrative"]);
}
