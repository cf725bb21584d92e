//! Reading a stored [`Entry`]: field by field, the schema version first, so
//! that an entry written by a newer version of the crate is reported as such
//! instead of as a malformed entry (R7, `docs/schema.md`).
//!
//! When `schema` is newer than [`SCHEMA_VERSION`] and the rest of the entry
//! does not read as this version's entry, the error says that the entry is
//! newer and the crate must be upgraded, with the underlying reason in
//! brackets. For a new or a missing field this holds wherever `schema`
//! stands in the object (some stores reorder keys, a `jsonb` column among them);
//! for a value this version cannot read (a new event type), when `schema`
//! comes before it, as the crate writes it. A newer entry that does read is refused on replay with
//! [`SchemaError::Newer`](crate::error::SchemaError::Newer). Everything
//! else reads exactly as a derived `Deserialize` with `deny_unknown_fields`
//! would: unknown, duplicate and missing fields are errors naming the field.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use crate::record::{Entry, SCHEMA_VERSION};

/// The fields of an entry, in the order the crate writes them.
const FIELDS: &[&str] = &[
    "schema",
    "id",
    "complaint_id",
    "sequence",
    "at",
    "actor",
    "event",
    "effects",
    "command",
    "seal",
];

/// A key of the entry object.
enum Field {
    Schema,
    Id,
    ComplaintId,
    Sequence,
    At,
    Actor,
    Event,
    Effects,
    Command,
    Seal,
    Unknown(String),
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;

        impl Visitor<'_> for FieldVisitor {
            type Value = Field;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field of an entry")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
                Ok(match name {
                    "schema" => Field::Schema,
                    "id" => Field::Id,
                    "complaint_id" => Field::ComplaintId,
                    "sequence" => Field::Sequence,
                    "at" => Field::At,
                    "actor" => Field::Actor,
                    "event" => Field::Event,
                    "effects" => Field::Effects,
                    "command" => Field::Command,
                    "seal" => Field::Seal,
                    other => Field::Unknown(other.to_owned()),
                })
            }

            fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Field, E> {
                self.visit_str(&String::from_utf8_lossy(name))
            }
        }

        deserializer.deserialize_identifier(FieldVisitor)
    }
}

/// `error`, said to come from a newer entry when the schema read so far is
/// newer than this crate's.
fn from_newer<E: de::Error>(error: E, newer: Option<u32>) -> E {
    match newer {
        Some(found) => E::custom(format_args!(
            "entry has schema version {found}, newer than {SCHEMA_VERSION}, the newest this \
             version of the crate reads: upgrade the crate ({error})"
        )),
        None => error,
    }
}

/// Reads the next value into a field's `slot`, refusing a second one.
fn read_into<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
    newer: Option<u32>,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(from_newer(de::Error::duplicate_field(name), newer));
    }
    *slot = Some(map.next_value().map_err(|e| from_newer(e, newer))?);
    Ok(())
}

/// A required field's value, or the error naming it.
fn required<T, E: de::Error>(
    slot: Option<T>,
    name: &'static str,
    newer: Option<u32>,
) -> Result<T, E> {
    slot.ok_or_else(|| from_newer(E::missing_field(name), newer))
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a complaint history entry")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
        let mut newer = None;
        let (mut schema, mut id, mut complaint_id, mut sequence, mut at) =
            (None, None, None, None, None);
        let (mut actor, mut event, mut effects, mut command) = (None, None, None, None);
        let mut seal = None;
        let mut unknown: Option<String> = None;
        while let Some(field) = map.next_key().map_err(|e| from_newer(e, newer))? {
            match field {
                Field::Schema => read_into(&mut map, &mut schema, "schema", newer),
                Field::Id => read_into(&mut map, &mut id, "id", newer),
                Field::ComplaintId => read_into(&mut map, &mut complaint_id, "complaint_id", newer),
                Field::Sequence => read_into(&mut map, &mut sequence, "sequence", newer),
                Field::At => read_into(&mut map, &mut at, "at", newer),
                Field::Actor => read_into(&mut map, &mut actor, "actor", newer),
                Field::Event => read_into(&mut map, &mut event, "event", newer),
                Field::Effects => read_into(&mut map, &mut effects, "effects", newer),
                Field::Command => read_into(&mut map, &mut command, "command", newer),
                Field::Seal => read_into(&mut map, &mut seal, "seal", newer),
                Field::Unknown(name) => {
                    // Refused at the end, once `schema` has been seen
                    // wherever it stands: stores may reorder keys.
                    unknown.get_or_insert(name);
                    map.next_value::<de::IgnoredAny>()
                        .map(drop)
                        .map_err(|e| from_newer(e, newer))
                }
            }?;
            newer = schema.filter(|&version| version > SCHEMA_VERSION);
        }
        if let Some(name) = unknown {
            return Err(from_newer(de::Error::unknown_field(&name, FIELDS), newer));
        }
        let schema = required(schema, "schema", newer)?;
        // A1: an entry of schema 2 or later is sealed; one of schema 1 never is.
        let seal = match (schema, seal) {
            (1, Some(_)) => {
                return Err(de::Error::custom(
                    "an entry of schema 1 has no `seal`: the seal came with schema 2",
                ));
            }
            (0 | 1, None) => None,
            (_, Some(seal)) => Some(seal),
            (_, None) => return Err(from_newer(de::Error::missing_field("seal"), newer)),
        };
        Ok(Entry::from_parts(
            schema,
            required(id, "id", newer)?,
            required(complaint_id, "complaint_id", newer)?,
            required(sequence, "sequence", newer)?,
            required(at, "at", newer)?,
            required(actor, "actor", newer)?,
            required(event, "event", newer)?,
            effects.unwrap_or_default(),
            command.unwrap_or_default(),
            seal,
        ))
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Entry", FIELDS, EntryVisitor)
    }
}
