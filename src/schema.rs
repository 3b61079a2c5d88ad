//! JSON Schema (draft 7) of every kind of content file, generated from the content types, so
//! that an editor completes fields, shows their documentation and flags a typo as it is typed.
//!
//! The schemas are what an editor's YAML language server reads; papers itself parses with the
//! content types, which stay the one authority on what a file may hold.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// The schema of one kind of file: the schema `root` makes, with `kind` fixed to `name`,
/// titled with `noun` for the editor.
pub fn document(
    name: &str,
    noun: &str,
    root: fn(&mut SchemaGenerator) -> Schema,
) -> serde_json::Value {
    let mut generator = SchemaSettings::draft07().into_generator();
    let mut schema = root(&mut generator);
    let definitions = generator.take_definitions(true);
    let object = schema.ensure_object();
    object.insert(
        "$schema".into(),
        "http://json-schema.org/draft-07/schema#".into(),
    );
    object.insert("title".into(), format!("papers: {noun}").into());
    if let Some(serde_json::Value::Object(properties)) = object.get_mut("properties") {
        properties.insert(
            "kind".into(),
            serde_json::json!({
                "const": name,
                "description": format!("What the file is: always `{name}` for a {noun}."),
            }),
        );
    }
    if !definitions.is_empty() {
        object.insert("definitions".into(), definitions.into());
    }
    let mut value = schema.to_value();
    drop_number_formats(&mut value);
    value
}

/// The schema of `T`, for a kind's `schema` (a plain function, so the registry stays a table).
pub fn root_schema<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.root_schema_for::<T>()
}

/// Remove the `format`s schemars gives numbers (`uint8`, `double`): they are not draft 7's, and
/// editors warn of them; the ranges they imply are stated as `minimum` where they matter.
fn drop_number_formats(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            let numeric = object
                .get("format")
                .and_then(|format| format.as_str())
                .is_some_and(|format| {
                    format.starts_with("int")
                        || format.starts_with("uint")
                        || matches!(format, "double" | "float")
                });
            if numeric {
                object.remove("format");
            }
            object.values_mut().for_each(drop_number_formats);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_number_formats),
        _ => {}
    }
}

/// A value written either as text or in the map form `T`.
pub fn text_or<T: JsonSchema>(generator: &mut SchemaGenerator, text: &str) -> Schema {
    let map = generator.subschema_for::<T>();
    json_schema!({
        "anyOf": [{ "type": "string", "description": text }, map]
    })
}

/// A list that may be written as its one item.
pub fn one_or_many<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    let item = generator.subschema_for::<T>();
    json_schema!({
        "anyOf": [item.clone(), { "type": "array", "items": item }, { "type": "null" }]
    })
}

/// Implements `JsonSchema` for a type read through another (its fields as written, then
/// checked): the schema is the other's, under the type's own name.
macro_rules! schema_as {
    ($type:ty, $as:ty) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($type).into()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <$as as schemars::JsonSchema>::json_schema(generator)
            }
        }
    };
}
pub(crate) use schema_as;

/// Implements `JsonSchema` for a type written as text or as a map of fields (see
/// `string_or_map!`).
macro_rules! schema_text_or {
    ($type:ty, $fields:ty, $text:literal) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($type).into()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::schema::text_or::<$fields>(generator, $text)
            }
        }
    };
}
pub(crate) use schema_text_or;

/// Implements `JsonSchema` for a type with a fixed schema, written out where the type is
/// (`schema_fixed!(Answer, { "type": ["string", "boolean"] })`): a type read by hand, whose
/// schema no derive can see.
macro_rules! schema_fixed {
    ($type:ty, $schema:tt) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($type).into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}
pub(crate) use schema_fixed;

/// Implements `JsonSchema` for a type written as text only, with what the text must be.
macro_rules! schema_text_only {
    ($type:ty, $description:literal) => {
        $crate::schema::schema_fixed!($type, { "type": "string", "description": $description });
    };
}
pub(crate) use schema_text_only;
