//! An event's fields as lines a person reads (A5): the event's JSON text
//! (the crate's canonical writer's) read back into `path: value` pairs, one
//! per leaf, so that every field of every event kind is shown without a
//! list of them to keep up to date.

use std::iter::Peekable;
use std::str::Chars;

use serde::Serialize;

use crate::integrity::canonical_text;

/// One field of an event: its path below the event's data
/// (`findings/description`) and its value as text (a string as itself,
/// anything else as JSON).
pub(super) struct Field {
    pub(super) path: String,
    pub(super) value: String,
}

/// The leaves of `value`'s JSON, each with its JSON pointer from the value.
/// `None` when the value has no canonical text (a floating-point number,
/// which the crate's values never hold).
pub(super) fn leaves<T: Serialize + ?Sized>(value: &T) -> Option<Vec<Field>> {
    let text = canonical_text(value).ok()?;
    let mut chars = text.chars().peekable();
    let json = parse(&mut chars)?;
    let mut fields = Vec::new();
    flatten(&json, &mut String::new(), &mut fields);
    Some(fields)
}

/// The parts of JSON text a leaf needs.
enum Json {
    Scalar(String),
    Text(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

fn flatten(json: &Json, path: &mut String, out: &mut Vec<Field>) {
    let leaf = |value: String, out: &mut Vec<Field>, path: &str| {
        out.push(Field {
            path: path.to_owned(),
            value,
        });
    };
    match json {
        Json::Scalar(text) | Json::Text(text) => leaf(text.clone(), out, path),
        Json::Array(items) if items.is_empty() => leaf("[]".to_owned(), out, path),
        Json::Object(members) if members.is_empty() => leaf("{}".to_owned(), out, path),
        Json::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let length = path.len();
                path.push('/');
                path.push_str(&index.to_string());
                flatten(item, path, out);
                path.truncate(length);
            }
        }
        Json::Object(members) => {
            for (key, member) in members {
                let length = path.len();
                path.push('/');
                path.push_str(key);
                flatten(member, path, out);
                path.truncate(length);
            }
        }
    }
}

fn parse(chars: &mut Peekable<Chars<'_>>) -> Option<Json> {
    match chars.peek()? {
        '"' => string(chars).map(Json::Text),
        '[' => {
            chars.next();
            let mut items = Vec::new();
            if chars.peek() == Some(&']') {
                chars.next();
                return Some(Json::Array(items));
            }
            loop {
                items.push(parse(chars)?);
                match chars.next()? {
                    ',' => {}
                    ']' => return Some(Json::Array(items)),
                    _ => return None,
                }
            }
        }
        '{' => {
            chars.next();
            let mut members = Vec::new();
            if chars.peek() == Some(&'}') {
                chars.next();
                return Some(Json::Object(members));
            }
            loop {
                let key = string(chars)?;
                if chars.next()? != ':' {
                    return None;
                }
                members.push((key, parse(chars)?));
                match chars.next()? {
                    ',' => {}
                    '}' => return Some(Json::Object(members)),
                    _ => return None,
                }
            }
        }
        _ => {
            let mut scalar = String::new();
            while let Some(&c) = chars.peek() {
                if matches!(c, ',' | ']' | '}') {
                    break;
                }
                scalar.push(c);
                chars.next();
            }
            (!scalar.is_empty()).then_some(Json::Scalar(scalar))
        }
    }
}

fn string(chars: &mut Peekable<Chars<'_>>) -> Option<String> {
    if chars.next()? != '"' {
        return None;
    }
    let mut text = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(text),
            '\\' => text.push(match chars.next()? {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let code = u32::from_str_radix(&hex, 16).ok()?;
                    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                }
                other => other,
            }),
            c => text.push(c),
        }
    }
}
