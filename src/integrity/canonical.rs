//! The canonical JSON text of a value (A1): what an entry's parts are hashed
//! as, defined so that an auditor can make the same bytes from a stored entry
//! without this crate (`docs/schema.md`, `tools/verify_history.py`).
//!
//! The text is the value's JSON with object keys sorted by their UTF-8
//! bytes, no whitespace, strings escaped only where JSON must (`"`, `\`,
//! and the control characters below U+0020: `\b \f \n \r \t` by their short
//! forms, the others as `\u00xx` in lowercase), every other character
//! written as itself, integers in decimal. It is the text Python's
//! `json.dumps(value, sort_keys=True, separators=(",", ":"),
//! ensure_ascii=False)` writes. The crate's values hold no floating-point
//! numbers; one would be refused (its text is not the same in every
//! language).
//!
//! An event's personal texts are hashed as commitments beside it (A2): the
//! event's text is written with those values as `null` ([`Canonical::masking`]).

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

/// A value that has no canonical text: a floating-point number, or a map key
/// that is not a string, a unit variant or an integer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no canonical text: {0}")]
pub struct CanonicalError(String);

impl ser::Error for CanonicalError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self(message.to_string())
    }
}

/// Writes values as canonical JSON text at the end of a buffer.
pub(crate) struct Canonical<'a> {
    out: &'a mut Vec<u8>,
    /// JSON pointers (RFC 6901, from the value written) written as `null`.
    mask: &'a [String],
    /// The pointer of the value being written, kept only with a mask.
    pointer: String,
}

impl<'a> Canonical<'a> {
    /// A writer appending to `out`.
    #[cfg(test)]
    pub(crate) fn new(out: &'a mut Vec<u8>) -> Self {
        Self::masking(out, &[])
    }

    /// A writer appending to `out` that writes the values at the pointers of
    /// `mask` (`/data/content`) as `null`.
    pub(crate) fn masking(out: &'a mut Vec<u8>, mask: &'a [String]) -> Self {
        Self {
            out,
            mask,
            pointer: String::new(),
        }
    }

    /// Appends `value`'s canonical text.
    pub(crate) fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        value.serialize(&mut *self)
    }

    /// Writes `value` one step down at `step` (a key or an index), or
    /// `null` when the mask names it.
    fn child<T: Serialize + ?Sized>(
        &mut self,
        step: impl fmt::Display,
        value: &T,
    ) -> Result<(), CanonicalError> {
        if self.mask.is_empty() {
            return value.serialize(self);
        }
        let length = self.pointer.len();
        // Keys of the crate's values hold no `~` or `/`, so they need no escape.
        let _ = write!(self.pointer, "/{step}");
        let written = if self.mask.contains(&self.pointer) {
            self.out.extend_from_slice(b"null");
            Ok(())
        } else {
            value.serialize(&mut *self)
        };
        self.pointer.truncate(length);
        written
    }
}

/// `value`'s canonical JSON text as a string (an export's JSON, A5).
pub(crate) fn canonical_text<T: Serialize + ?Sized>(value: &T) -> Result<String, CanonicalError> {
    let mut out = Vec::new();
    Canonical::masking(&mut out, &[]).write(value)?;
    String::from_utf8(out).map_err(|error| CanonicalError(error.to_string()))
}

/// Appends `text` as a JSON string.
pub(crate) fn write_str(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(bytes.get(start..index).unwrap_or_default());
        if escape.is_empty() {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            for nibble in [byte >> 4, byte & 0x0f] {
                out.push(DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'));
            }
        } else {
            out.extend_from_slice(escape);
        }
        start = index + 1;
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or_default());
    out.push(b'"');
}

fn write_display(out: &mut Vec<u8>, value: impl fmt::Display) {
    let mut text = String::new();
    // Writing to a `String` cannot fail.
    let _ = write!(text, "{value}");
    out.extend_from_slice(text.as_bytes());
}

/// An object being written: its members are written at the end of the
/// buffer as they come, then put in key order by `finish`.
pub(crate) struct Object<'w, 'a> {
    writer: &'w mut Canonical<'a>,
    start: usize,
    members: Vec<(Key, std::ops::Range<usize>)>,
    pending_key: Option<Key>,
}

/// A member's key, as written before quoting: a struct's field names are
/// borrowed, a map's keys owned.
type Key = Cow<'static, str>;

impl<'w, 'a> Object<'w, 'a> {
    fn begin(writer: &'w mut Canonical<'a>) -> Self {
        let start = writer.out.len();
        Self {
            writer,
            start,
            members: Vec::new(),
            pending_key: None,
        }
    }

    /// Writes a member's value; its key is written by `finish`.
    fn member<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> Result<(), CanonicalError> {
        let begin = self.writer.out.len();
        self.writer.child(&key, value)?;
        let end = self.writer.out.len();
        self.members.push((key, begin..end));
        Ok(())
    }

    /// Writes the members in key order; gives the writer back.
    fn finish(self) -> &'w mut Canonical<'a> {
        let tail = self.writer.out.split_off(self.start);
        let mut members = self.members;
        // Sorted by the keys' UTF-8 bytes, as written before quoting.
        members.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let out = &mut *self.writer.out;
        out.push(b'{');
        for (index, (key, range)) in members.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            write_str(out, key);
            out.push(b':');
            let shifted = range.start - self.start..range.end - self.start;
            out.extend_from_slice(tail.get(shifted).unwrap_or_default());
        }
        out.push(b'}');
        self.writer
    }
}

/// A map's key, owned.
fn key_text(key: &str) -> Key {
    Cow::Owned(key.to_owned())
}

/// An array being written.
pub(crate) struct Array<'w, 'a> {
    writer: &'w mut Canonical<'a>,
    next: usize,
    /// For a variant written as `{"name":[…]}`, the object's closing brace.
    close_object: bool,
}

impl Array<'_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        if self.next > 0 {
            self.writer.out.push(b',');
        }
        let index = self.next;
        self.next += 1;
        self.writer.child(index, value)
    }

    fn finish(self) {
        self.writer.out.push(b']');
        if self.close_object {
            self.writer.out.push(b'}');
        }
    }
}

/// Writes a map key as a JSON string.
struct KeyWriter;

impl ser::Serializer for KeyWriter {
    type Ok = Key;
    type Error = CanonicalError;
    type SerializeSeq = ser::Impossible<Key, CanonicalError>;
    type SerializeTuple = ser::Impossible<Key, CanonicalError>;
    type SerializeTupleStruct = ser::Impossible<Key, CanonicalError>;
    type SerializeTupleVariant = ser::Impossible<Key, CanonicalError>;
    type SerializeMap = ser::Impossible<Key, CanonicalError>;
    type SerializeStruct = ser::Impossible<Key, CanonicalError>;
    type SerializeStructVariant = ser::Impossible<Key, CanonicalError>;

    fn serialize_str(self, v: &str) -> Result<Key, CanonicalError> {
        Ok(key_text(v))
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Key, CanonicalError> {
        Ok(Cow::Borrowed(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Key, CanonicalError> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<Key, CanonicalError> {
        Err(CanonicalError("a map key that is a boolean".into()))
    }
    fn serialize_i8(self, v: i8) -> Result<Key, CanonicalError> {
        Ok(key_text(&v.to_string()))
    }
    fn serialize_i16(self, v: i16) -> Result<Key, CanonicalError> {
        Ok(key_text(&v.to_string()))
    }
    fn serialize_i32(self, v: i32) -> Result<Key, CanonicalError> {
        Ok(key_text(&v.to_string()))
    }
    fn serialize_i64(self, v: i64) -> Result<Key, CanonicalError> {
        Ok(key_text(&v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> Result<Key, CanonicalError> {
        Ok(key_text(&v.to_string()))
    }
    fn serialize_u16(self, v: u16) -> Result<Key, CanonicalError> {
        Ok(key_text(&v.to_string()))
    }
    fn serialize_u32(self, v: u32) -> Result<Key, CanonicalError> {
        Ok(key_text(&v.to_string()))
    }
    fn serialize_u64(self, v: u64) -> Result<Key, CanonicalError> {
        Ok(key_text(&v.to_string()))
    }
    fn serialize_f32(self, _: f32) -> Result<Key, CanonicalError> {
        Err(CanonicalError("a floating-point map key".into()))
    }
    fn serialize_f64(self, _: f64) -> Result<Key, CanonicalError> {
        Err(CanonicalError("a floating-point map key".into()))
    }
    fn serialize_char(self, v: char) -> Result<Key, CanonicalError> {
        Ok(key_text(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Key, CanonicalError> {
        Err(CanonicalError("a map key of bytes".into()))
    }
    fn serialize_none(self) -> Result<Key, CanonicalError> {
        Err(CanonicalError("a map key that is none".into()))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Key, CanonicalError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Key, CanonicalError> {
        Err(CanonicalError("a map key that is a unit".into()))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Key, CanonicalError> {
        Err(CanonicalError("a map key that is a unit struct".into()))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Key, CanonicalError> {
        Err(CanonicalError("a map key that is a newtype variant".into()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, CanonicalError> {
        Err(CanonicalError("a map key that is a sequence".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, CanonicalError> {
        Err(CanonicalError("a map key that is a tuple".into()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, CanonicalError> {
        Err(CanonicalError("a map key that is a tuple struct".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, CanonicalError> {
        Err(CanonicalError("a map key that is a tuple variant".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, CanonicalError> {
        Err(CanonicalError("a map key that is a map".into()))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, CanonicalError> {
        Err(CanonicalError("a map key that is a struct".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, CanonicalError> {
        Err(CanonicalError("a map key that is a struct variant".into()))
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Canonical<'a> {
    type Ok = ();
    type Error = CanonicalError;
    type SerializeSeq = Array<'w, 'a>;
    type SerializeTuple = Array<'w, 'a>;
    type SerializeTupleStruct = Array<'w, 'a>;
    type SerializeTupleVariant = Array<'w, 'a>;
    type SerializeMap = Object<'w, 'a>;
    type SerializeStruct = Object<'w, 'a>;
    type SerializeStructVariant = Variant<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), CanonicalError> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), CanonicalError> {
        Err(CanonicalError("a floating-point number".into()))
    }
    fn serialize_f64(self, _: f64) -> Result<(), CanonicalError> {
        Err(CanonicalError("a floating-point number".into()))
    }
    fn serialize_char(self, v: char) -> Result<(), CanonicalError> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), CanonicalError> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), CanonicalError> {
        // As serde_json writes bytes: an array of numbers.
        self.out.push(b'[');
        for (index, byte) in v.iter().enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            write_display(self.out, byte);
        }
        self.out.push(b']');
        Ok(())
    }
    fn serialize_none(self) -> Result<(), CanonicalError> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), CanonicalError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), CanonicalError> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), CanonicalError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), CanonicalError> {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        let mut object = Object::begin(self);
        object.member(Cow::Borrowed(variant), value)?;
        object.finish();
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Array<'w, 'a>, CanonicalError> {
        self.out.push(b'[');
        Ok(Array {
            writer: self,
            next: 0,
            close_object: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Array<'w, 'a>, CanonicalError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Array<'w, 'a>, CanonicalError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Array<'w, 'a>, CanonicalError> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Array {
            writer: self,
            next: 0,
            close_object: true,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Object<'w, 'a>, CanonicalError> {
        Ok(Object::begin(self))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<'w, 'a>, CanonicalError> {
        Ok(Object::begin(self))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'w, 'a>, CanonicalError> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        Ok(Variant {
            object: Object::begin(self),
        })
    }
}

/// A struct variant, written as `{"variant":{…}}`.
pub(crate) struct Variant<'w, 'a> {
    object: Object<'w, 'a>,
}

impl ser::SerializeStructVariant for Variant<'_, '_> {
    type Ok = ();
    type Error = CanonicalError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        self.object.member(Cow::Borrowed(key), value)
    }

    fn end(self) -> Result<(), CanonicalError> {
        self.object.finish().out.push(b'}');
        Ok(())
    }
}

impl ser::SerializeSeq for Array<'_, '_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_element<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> Result<(), CanonicalError> {
        self.element(value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeTuple for Array<'_, '_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_element<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> Result<(), CanonicalError> {
        self.element(value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Array<'_, '_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        self.element(value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Array<'_, '_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        self.element(value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeMap for Object<'_, '_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), CanonicalError> {
        self.pending_key = Some(key.serialize(KeyWriter)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| CanonicalError("a map value without its key".into()))?;
        self.member(key, value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeStruct for Object<'_, '_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    fn text<T: Serialize + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        Canonical::new(&mut out).write(value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[derive(Serialize)]
    struct Sample {
        zebra: u32,
        alpha: &'static str,
        nested: Option<Vec<BTreeMap<&'static str, i64>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
    }

    #[test]
    fn keys_are_sorted_and_strings_escaped_as_python_writes_them() {
        let sample = Sample {
            zebra: 7,
            alpha: "a\"b\\c\n\u{1}é漢",
            nested: Some(vec![BTreeMap::from([("b", -1), ("a", 2)])]),
            skipped: None,
        };
        assert_eq!(
            text(&sample),
            r#"{"alpha":"a\"b\\c\n\u0001é漢","nested":[{"a":2,"b":-1}],"zebra":7}"#
        );
        assert!(Canonical::new(&mut Vec::new()).write(&1.5f64).is_err());
    }

    #[test]
    fn a_mask_writes_null_at_its_pointers() {
        let sample = Sample {
            zebra: 1,
            alpha: "secret",
            nested: Some(vec![BTreeMap::from([("a", 1)])]),
            skipped: None,
        };
        let mask = ["/alpha".to_owned(), "/nested/0/a".to_owned()];
        let mut out = Vec::new();
        Canonical::masking(&mut out, &mask).write(&sample).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"alpha":null,"nested":[{"a":null}],"zebra":1}"#
        );
    }
}
