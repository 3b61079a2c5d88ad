//! Every shape problem of a YAML file in one run: the file read as a tree with places, checked
//! against its kind's JSON Schema (unknown and missing fields, wrong types, values not among
//! those allowed), so that a file with three mistakes reports all three, not only the first
//! serde stops at.
//!
//! Parsing with the content types stays the authority: this runs only once they have refused
//! a file, to find the problems after the first.

use serde::Deserialize;
use serde_json::{Map, Value as Json};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, SourceFile, did_you_mean};
use crate::format::date_problem;

/// A YAML value with the places of its parts.
#[derive(Debug)]
enum Node {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> serde::de::Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
                Ok(Node::Bool(value))
            }
            fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
                Ok(Node::Number(value as f64))
            }
            fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
                Ok(Node::Number(value as f64))
            }
            fn visit_f64<E>(self, value: f64) -> Result<Node, E> {
                Ok(Node::Number(value))
            }
            fn visit_str<E>(self, value: &str) -> Result<Node, E> {
                Ok(Node::Text(value.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Node::Map(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

impl Node {
    /// The JSON type names this value has (a whole number is both `integer` and `number`).
    fn is(&self, json_type: &str) -> bool {
        match (self, json_type) {
            (Node::Null, "null") | (Node::Bool(_), "boolean") | (Node::Text(_), "string") => true,
            (Node::Number(_), "number") => true,
            (Node::Number(number), "integer") => number.fract() == 0.0,
            (Node::List(_), "array") | (Node::Map(_), "object") => true,
            _ => false,
        }
    }

    /// What it is, in a user's words.
    fn described(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Bool(_) => "true or false",
            Node::Number(_) => "a number",
            Node::Text(_) => "text",
            Node::List(_) => "a list",
            Node::Map(_) => "a map of fields",
        }
    }
}

/// What the whole of `source` is, when it is YAML but not a map of fields (a letter, a web page,
/// a list): "text", "a list", "a number".
pub fn not_a_map(source: &SourceFile) -> Option<&'static str> {
    let options = serde_saphyr::options! { strict_booleans: true };
    let root = serde_saphyr::from_str_with_options::<Node>(&source.text, options).ok()?;
    // An empty file is a paper not yet begun: the message for a missing `kind:` says more.
    (!matches!(root, Node::Map(_) | Node::Null)).then(|| root.described())
}

/// Every shape problem of `source` against `schema` (a kind's schema, as
/// [`crate::schema::document`] writes it), in the order of the file. None when the file is not
/// YAML at all (its syntax error is reported already).
pub fn shape_problems(source: &SourceFile, schema: &Json) -> Vec<Diagnostic> {
    let options = serde_saphyr::options! { strict_booleans: true };
    let root = match serde_saphyr::from_str_with_options::<Spanned<Node>>(&source.text, options) {
        Ok(root) => root,
        Err(_) => return Vec::new(),
    };
    let mut checker = Checker {
        source,
        definitions: schema.get("definitions").and_then(Json::as_object),
        problems: Vec::new(),
        depth: 0,
    };
    checker.check(&root, schema);
    let mut problems = checker.problems;
    problems.sort_by_key(|problem| {
        problem
            .location
            .as_ref()
            .map(|location| (location.line, location.column))
    });
    problems.dedup_by(|a, b| a.location == b.location && a.message == b.message);
    problems
}

struct Checker<'a> {
    source: &'a SourceFile,
    definitions: Option<&'a Map<String, Json>>,
    problems: Vec<Diagnostic>,
    /// How deep the schema has been followed, so a schema that refers to itself ends.
    depth: usize,
}

impl<'a> Checker<'a> {
    /// The schema `schema` stands for, its `$ref` followed.
    fn resolve(&self, schema: &'a Json) -> &'a Json {
        let mut schema = schema;
        for _ in 0..16 {
            let Some(name) = schema
                .get("$ref")
                .and_then(Json::as_str)
                .and_then(|reference| reference.strip_prefix("#/definitions/"))
            else {
                break;
            };
            match self
                .definitions
                .and_then(|definitions| definitions.get(name))
            {
                Some(definition) => schema = definition,
                None => break,
            }
        }
        schema
    }

    /// The problems of `node` against `schema`, without recording them.
    fn trial(&mut self, node: &Spanned<Node>, schema: &'a Json) -> Vec<Diagnostic> {
        let recorded = std::mem::take(&mut self.problems);
        self.check(node, schema);
        std::mem::replace(&mut self.problems, recorded)
    }

    fn problem(&mut self, node: &Spanned<Node>, message: String) -> &mut Diagnostic {
        let mut location = self.source.location_of(node);
        if let Node::Text(text) = &node.value
            && !text.contains('\n')
        {
            location.length = location.length.max(text.chars().count());
        }
        self.problems.push(Diagnostic::error(message).at(location));
        self.problems.last_mut().expect("just pushed")
    }

    fn check(&mut self, node: &Spanned<Node>, schema: &'a Json) {
        if self.depth > 64 {
            return;
        }
        self.depth += 1;
        self.check_resolved(node, self.resolve(schema));
        self.depth -= 1;
    }

    fn check_resolved(&mut self, node: &Spanned<Node>, schema: &'a Json) {
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Json::as_array)
        {
            self.check_branches(node, branches);
        }
        if let Some(all) = schema.get("allOf").and_then(Json::as_array) {
            for branch in all {
                self.check(node, branch);
            }
        }
        if let Some(types) = schema.get("type") {
            let names: Vec<&str> = match types {
                Json::String(name) => vec![name.as_str()],
                Json::Array(names) => names.iter().filter_map(Json::as_str).collect(),
                _ => Vec::new(),
            };
            if !names.is_empty() && !names.iter().any(|name| node.value.is(name)) {
                let found = node.value.described();
                let expected = either(names.iter().map(|name| described_type(name)).collect());
                self.problem(node, format!("expected {expected}, found {found}"));
                return;
            }
        }
        if let Some(allowed) = schema.get("enum").and_then(Json::as_array)
            && !allowed.iter().any(|value| equals(&node.value, value))
        {
            let names: Vec<String> = allowed.iter().map(shown).collect();
            let typed = match &node.value {
                Node::Text(text) => text.clone(),
                other => other.described().to_string(),
            };
            let suggestion =
                did_you_mean(&typed, names.iter().map(String::as_str)).map(str::to_string);
            let diagnostic = self.problem(
                node,
                format!("`{typed}` is not one of the values allowed here"),
            );
            diagnostic.expected = Some(
                names
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            if let Some(suggestion) = suggestion {
                diagnostic
                    .hints
                    .push(format!("did you mean `{suggestion}`?"));
            }
        }
        if schema.get("format").and_then(Json::as_str) == Some("date")
            && let Node::Text(text) = &node.value
            && let Some(problem) = date_problem(text)
        {
            self.problem(node, problem);
        }
        if let Some(constant) = schema.get("const")
            && !equals(&node.value, constant)
        {
            self.problem(node, format!("expected `{}` here", shown(constant)));
        }
        match &node.value {
            Node::Map(entries) => self.check_map(node, entries, schema),
            Node::List(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for item in items {
                        self.check(item, item_schema);
                    }
                }
            }
            _ => {}
        }
    }

    /// A value that may take one of several shapes: fine when one fits; otherwise the problems
    /// of the shape it was most likely meant to take (the one of its type with the fewest).
    fn check_branches(&mut self, node: &Spanned<Node>, branches: &'a [Json]) {
        let mut best: Option<Vec<Diagnostic>> = None;
        for branch in branches {
            let problems = self.trial(node, branch);
            if problems.is_empty() {
                return;
            }
            let wrong_type = problems.len() == 1
                && problems[0].message.starts_with("expected ")
                && problems[0].location == Some(Box::new(self.source.location_of(node)));
            if wrong_type {
                continue;
            }
            if best.as_ref().is_none_or(|best| problems.len() < best.len()) {
                best = Some(problems);
            }
        }
        match best {
            Some(problems) => self.problems.extend(problems),
            None => {
                let shapes = either(
                    branches
                        .iter()
                        .flat_map(|branch| self.shapes_of(branch))
                        .collect(),
                );
                let found = node.value.described();
                self.problem(node, format!("expected {shapes}, found {found}"));
            }
        }
    }

    /// A branch's shapes in a user's words, for "expected text or a list, found a number".
    fn shapes_of(&self, schema: &'a Json) -> Vec<&'static str> {
        let schema = self.resolve(schema);
        match schema.get("type") {
            Some(Json::String(name)) => vec![described_type(name)],
            Some(Json::Array(names)) => names
                .iter()
                .filter_map(Json::as_str)
                .map(described_type)
                .collect(),
            _ => match schema.get("anyOf").and_then(Json::as_array) {
                Some(branches) => branches
                    .iter()
                    .flat_map(|branch| self.shapes_of(branch))
                    .collect(),
                None => vec!["another value"],
            },
        }
    }

    fn check_map(
        &mut self,
        node: &Spanned<Node>,
        entries: &[(Spanned<String>, Spanned<Node>)],
        schema: &'a Json,
    ) {
        let properties = schema.get("properties").and_then(Json::as_object);
        let additional = schema.get("additionalProperties");
        for (key, value) in entries {
            match properties.and_then(|properties| properties.get(&key.value)) {
                Some(property) => self.check(value, property),
                None => match additional {
                    Some(Json::Bool(false)) => {
                        let names: Vec<&str> = properties
                            .map(|properties| properties.keys().map(String::as_str).collect())
                            .unwrap_or_default();
                        let mut diagnostic =
                            Diagnostic::error(format!("unknown field `{}`", key.value))
                                .at(self.source.location_of(key).underline_word())
                                .expected(format!(
                                    "one of {}",
                                    names
                                        .iter()
                                        .map(|name| format!("`{name}`"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ));
                        if let Some(suggestion) = did_you_mean(&key.value, names.iter().copied()) {
                            diagnostic = diagnostic.hint(format!("did you mean `{suggestion}`?"));
                        }
                        self.problems.push(diagnostic);
                    }
                    Some(extra @ Json::Object(_)) => self.check(value, extra),
                    _ => {}
                },
            }
        }
        // A misspelt field is reported once, as unknown with the name meant, not again as
        // the field meant being missing.
        let meant: Vec<&str> = entries
            .iter()
            .filter_map(|(key, _)| {
                let names = properties?.keys().map(String::as_str);
                (!properties?.contains_key(&key.value))
                    .then(|| did_you_mean(&key.value, names))
                    .flatten()
            })
            .collect();
        let missing: Vec<String> = schema
            .get("required")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(Json::as_str)
            .filter(|required| {
                !entries.iter().any(|(key, _)| key.value == *required) && !meant.contains(required)
            })
            .map(|required| format!("`{required}`"))
            .collect();
        // One map short of several fields is one problem, said once.
        match missing.as_slice() {
            [] => {}
            [one] => {
                self.problem(node, format!("missing field {one}"));
            }
            several => {
                let list =
                    either(several.iter().map(String::as_str).collect()).replace(" or ", " and ");
                self.problem(node, format!("missing fields {list}"));
            }
        }
    }
}

/// "a, b or c", each choice once.
fn either(mut choices: Vec<&str>) -> String {
    let mut seen = std::collections::HashSet::new();
    choices.retain(|choice| seen.insert(*choice));
    match choices.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "another value".to_string(),
    }
}

/// A JSON type in a user's words.
fn described_type(name: &str) -> &'static str {
    match name {
        "string" => "text",
        "number" => "a number",
        "integer" => "a whole number",
        "boolean" => "true or false",
        "array" => "a list",
        "object" => "a map of fields",
        "null" => "nothing",
        _ => "another value",
    }
}

/// Whether a YAML value is the JSON value `json` (for `enum` and `const`).
fn equals(node: &Node, json: &Json) -> bool {
    match (node, json) {
        (Node::Text(text), Json::String(other)) => text == other,
        (Node::Number(number), Json::Number(other)) => other.as_f64() == Some(*number),
        (Node::Bool(value), Json::Bool(other)) => value == other,
        (Node::Null, Json::Null) => true,
        _ => false,
    }
}

fn shown(json: &Json) -> String {
    match json {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(usize, String)> {
        let schema = serde_json::json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["title", "kind"],
            "properties": {
                "kind": { "const": "paper" },
                "title": { "type": "string" },
                "pages": { "type": "integer" },
                "mode": { "enum": ["draft", "final"] },
                "items": { "type": "array", "items": { "$ref": "#/definitions/Item" } }
            },
            "definitions": {
                "Item": {
                    "anyOf": [
                        { "type": "string" },
                        { "type": "object", "additionalProperties": false,
                          "properties": { "text": { "type": "string" } }, "required": ["text"] }
                    ]
                }
            }
        });
        let source = SourceFile {
            path: "p.yaml".into(),
            text: text.into(),
        };
        shape_problems(&source, &schema)
            .into_iter()
            .map(|d| (d.location.unwrap().line, d.message))
            .collect()
    }

    #[test]
    fn every_problem_of_a_file_is_found_at_its_line() {
        let found = problems(
            "kind: paper\ntitel: A\npages: many\nmode: drafts\nitems:\n  - fine\n  - {txt: x}\n  - 3\n  - {}\n",
        );
        assert_eq!(
            found,
            [
                (2, "unknown field `titel`".to_string()),
                (3, "expected a whole number, found text".to_string()),
                (
                    4,
                    "`drafts` is not one of the values allowed here".to_string()
                ),
                (7, "unknown field `txt`".to_string()),
                (
                    8,
                    "expected text or a map of fields, found a number".to_string()
                ),
                (9, "missing field `text`".to_string()),
            ]
        );
    }

    #[test]
    fn a_valid_file_has_no_problems_and_broken_yaml_is_left_to_the_parser() {
        assert!(problems("kind: paper\ntitle: A\nitems: [a, {text: b}]\n").is_empty());
        assert!(problems("kind: [unclosed\n").is_empty());
    }
}
