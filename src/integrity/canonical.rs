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

/// What a [`Canonical`] writer reuses from one value to the next, so that
/// writing an entry's parts allocates only while these grow: the pointer of
/// the value being written (kept only with a mask), the members of the
/// objects being written (innermost last), and the room where an object's
/// members are put in key order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    pointer: String,
    members: Vec<(Key, std::ops::Range<usize>)>,
    moved: Vec<u8>,
}

impl Scratch {
    /// Scratch with room for an entry's parts: an event's deepest pointer,
    /// its members at every open depth, its largest object put in order.
    pub(crate) fn for_entry() -> Self {
        Self {
            pointer: String::with_capacity(64),
            members: Vec::with_capacity(32),
            moved: Vec::with_capacity(512),
        }
    }
}

/// Writes values as canonical JSON text at the end of a buffer.
pub(crate) struct Canonical<'a> {
    out: &'a mut Vec<u8>,
    /// JSON pointers (RFC 6901, from the value written) written as `null`.
    mask: &'a [&'a str],
    scratch: &'a mut Scratch,
}

/// One step down from a value: a member's key or an element's index.
#[derive(Clone, Copy)]
enum Step<'k> {
    Key(&'k str),
    Index(usize),
}

impl<'a> Canonical<'a> {
    /// A writer appending to `out` that writes the values at the pointers of
    /// `mask` (`/data/content`) as `null`, reusing `scratch`.
    pub(crate) fn masking(
        out: &'a mut Vec<u8>,
        mask: &'a [&'a str],
        scratch: &'a mut Scratch,
    ) -> Self {
        scratch.pointer.clear();
        scratch.members.clear();
        Self { out, mask, scratch }
    }

    /// Appends `value`'s canonical text.
    pub(crate) fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        value.serialize(&mut *self)
    }

    /// Writes `value` one step down at `step`, or `null` when the mask
    /// names it.
    fn child<T: Serialize + ?Sized>(
        &mut self,
        step: Step<'_>,
        value: &T,
    ) -> Result<(), CanonicalError> {
        if self.mask.is_empty() {
            return value.serialize(self);
        }
        let pointer = &mut self.scratch.pointer;
        let length = pointer.len();
        pointer.push('/');
        // Keys of the crate's values hold no `~` or `/`, so they need no escape.
        match step {
            Step::Key(key) => pointer.push_str(key),
            Step::Index(index) => {
                let mut digits = [0u8; 20];
                for &digit in decimal(index as u64, &mut digits) {
                    pointer.push(char::from(digit));
                }
            }
        }
        let written = if self.mask.contains(&pointer.as_str()) {
            self.out.extend_from_slice(b"null");
            Ok(())
        } else {
            value.serialize(&mut *self)
        };
        self.scratch.pointer.truncate(length);
        written
    }
}

/// `value`'s canonical JSON text as a string (an export's JSON, A5).
pub(crate) fn canonical_text<T: Serialize + ?Sized>(value: &T) -> Result<String, CanonicalError> {
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    Canonical::masking(&mut out, &[], &mut scratch).write(value)?;
    String::from_utf8(out).map_err(|error| CanonicalError(error.to_string()))
}

/// Whether a byte is written as itself inside a JSON string.
const fn plain(byte: u8) -> bool {
    byte >= 0x20 && byte != b'"' && byte != b'\\'
}

/// Appends `text` as a JSON string.
#[inline]
pub(crate) fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    // Most texts need no escape; a check without an early exit is one
    // the compiler turns into vector instructions.
    if bytes.iter().fold(true, |clean, &byte| clean & plain(byte)) {
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    out.push(b'"');
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

/// `value`'s decimal digits, written at the end of `digits`.
fn decimal(mut value: u64, digits: &mut [u8; 20]) -> &[u8] {
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(digit) = digits.get_mut(start) {
            // `value % 10` is below 10.
            *digit = b'0' + (value % 10) as u8;
        }
        value /= 10;
        if value == 0 {
            break;
        }
    }
    digits.get(start..).unwrap_or_default()
}

fn write_unsigned(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(decimal(value, &mut [0; 20]));
}

fn write_signed(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    write_unsigned(out, value.unsigned_abs());
}

fn write_display(out: &mut Vec<u8>, value: impl fmt::Display) {
    let mut text = String::new();
    // Writing to a `String` cannot fail.
    let _ = write!(text, "{value}");
    out.extend_from_slice(text.as_bytes());
}

/// A short text written on the stack: what a value's `Display` writes
/// (a time, an id) before it is quoted, without an allocation. A longer
/// text fails to write (and is written to a `String` instead).
struct ShortText {
    bytes: [u8; 64],
    len: usize,
}

impl ShortText {
    const fn new() -> Self {
        Self {
            bytes: [0; 64],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        // Only whole `str`s are copied in, so the bytes are UTF-8.
        std::str::from_utf8(self.bytes.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

impl fmt::Write for ShortText {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        room.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }

    // A time's digits and separators come one `char` at a time.
    fn write_char(&mut self, c: char) -> fmt::Result {
        if c.is_ascii() {
            let slot = self.bytes.get_mut(self.len).ok_or(fmt::Error)?;
            // An ASCII `char` is one byte.
            *slot = c as u8;
            self.len += 1;
            Ok(())
        } else {
            self.write_str(c.encode_utf8(&mut [0; 4]))
        }
    }
}

/// An object being written: its members are written at the end of the
/// buffer as they come (each `"key":value`), then put in key order by
/// `finish` when they came in another order.
pub(crate) struct Object<'w, 'a> {
    writer: &'w mut Canonical<'a>,
    /// Where the first member begins, after the `{`.
    start: usize,
    /// The index of the object's first member in the scratch's members.
    first: usize,
    /// A map's key, until its value comes.
    pending_key: Option<Key>,
}

/// A member's key, as written before quoting: a struct's field names are
/// borrowed, a map's keys owned.
type Key = Cow<'static, str>;

impl<'w, 'a> Object<'w, 'a> {
    fn begin(writer: &'w mut Canonical<'a>) -> Self {
        writer.out.push(b'{');
        let start = writer.out.len();
        let first = writer.scratch.members.len();
        Self {
            writer,
            start,
            first,
            pending_key: None,
        }
    }

    /// Writes a member.
    fn member<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> Result<(), CanonicalError> {
        if self.writer.scratch.members.len() > self.first {
            self.writer.out.push(b',');
        }
        let begin = self.writer.out.len();
        write_str(self.writer.out, &key);
        self.writer.out.push(b':');
        self.writer.child(Step::Key(&key), value)?;
        let end = self.writer.out.len();
        self.writer.scratch.members.push((key, begin..end));
        Ok(())
    }

    /// Closes the object, its members in key order; gives the writer back.
    fn finish(self) -> &'w mut Canonical<'a> {
        let writer = self.writer;
        let scratch = &mut *writer.scratch;
        let out = &mut *writer.out;
        let members = scratch.members.get_mut(self.first..).unwrap_or_default();
        // Sorted by the keys' UTF-8 bytes, as written before quoting.
        let sorted = members
            .windows(2)
            .all(|pair| matches!(pair, [a, b] if a.0.as_bytes() <= b.0.as_bytes()));
        if !sorted {
            members.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            scratch.moved.clear();
            scratch
                .moved
                .extend_from_slice(out.get(self.start..).unwrap_or_default());
            out.truncate(self.start);
            for (index, (_, range)) in members.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                let shifted = range.start - self.start..range.end - self.start;
                out.extend_from_slice(scratch.moved.get(shifted).unwrap_or_default());
            }
        }
        out.push(b'}');
        scratch.members.truncate(self.first);
        writer
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
        self.writer.child(Step::Index(index), value)
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
        write_signed(self.out, i64::from(v));
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), CanonicalError> {
        write_signed(self.out, i64::from(v));
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), CanonicalError> {
        write_signed(self.out, i64::from(v));
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), CanonicalError> {
        write_signed(self.out, v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), CanonicalError> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), CanonicalError> {
        write_unsigned(self.out, u64::from(v));
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), CanonicalError> {
        write_unsigned(self.out, u64::from(v));
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), CanonicalError> {
        write_unsigned(self.out, u64::from(v));
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), CanonicalError> {
        write_unsigned(self.out, v);
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
    /// A value's `Display` text (a time, an id) as a JSON string, written
    /// on the stack when it is short rather than into a `String`.
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), CanonicalError> {
        let mut short = ShortText::new();
        if write!(short, "{value}").is_ok() {
            write_str(self.out, short.as_str());
            return Ok(());
        }
        let mut long = String::new();
        write!(long, "{value}")
            .map_err(|_| CanonicalError("a value whose text fails to write".into()))?;
        write_str(self.out, &long);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), CanonicalError> {
        // As serde_json writes bytes: an array of numbers.
        self.out.push(b'[');
        for (index, byte) in v.iter().enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            write_unsigned(self.out, u64::from(*byte));
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
        Canonical::masking(&mut out, &[], &mut Scratch::default())
            .write(value)
            .unwrap();
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
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        assert!(
            Canonical::masking(&mut out, &[], &mut scratch)
                .write(&1.5f64)
                .is_err()
        );
    }

    #[test]
    fn a_mask_writes_null_at_its_pointers() {
        let sample = Sample {
            zebra: 1,
            alpha: "secret",
            nested: Some(vec![BTreeMap::from([("a", 1)])]),
            skipped: None,
        };
        let mask = ["/alpha", "/nested/0/a"];
        let mut out = Vec::new();
        Canonical::masking(&mut out, &mask, &mut Scratch::default())
            .write(&sample)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"alpha":null,"nested":[{"a":null}],"zebra":1}"#
        );
    }

    #[derive(Serialize)]
    struct Outer {
        b: Inner,
        a: Vec<Inner>,
        c: u64,
    }

    #[derive(Serialize)]
    struct Inner {
        z: i64,
        m: Option<&'static str>,
        a: u8,
    }

    /// Members written out of order at every depth, one writer reused for
    /// two values: each object comes out sorted, the second value's text
    /// owes nothing to the first's.
    #[test]
    fn nested_objects_out_of_order_are_sorted_and_the_scratch_is_reused() {
        let outer = Outer {
            b: Inner {
                z: -9_223_372_036_854_775_808,
                m: Some("x"),
                a: 0,
            },
            a: vec![
                Inner {
                    z: 10,
                    m: None,
                    a: 255,
                },
                Inner {
                    z: -1,
                    m: Some(""),
                    a: 7,
                },
            ],
            c: u64::MAX,
        };
        let want = concat!(
            r#"{"a":[{"a":255,"m":null,"z":10},{"a":7,"m":"","z":-1}],"#,
            r#""b":{"a":0,"m":"x","z":-9223372036854775808},"c":18446744073709551615}"#
        );
        let mut scratch = Scratch::default();
        for _ in 0..2 {
            let mut out = b"prefix\n".to_vec();
            Canonical::masking(&mut out, &[], &mut scratch)
                .write(&outer)
                .unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("prefix\n{want}"));
        }
    }

    /// A value written through its `Display` (as times and ids are): a
    /// short one from the stack, a long one through a `String`, both
    /// escaped as any string.
    #[test]
    fn display_texts_short_and_long_are_escaped_strings() {
        struct Shown(String);
        impl Serialize for Shown {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&self.0)
            }
        }
        assert_eq!(
            text(&Shown("2026-11-02T09:00:00Z".into())),
            r#""2026-11-02T09:00:00Z""#
        );
        let long = format!("{}\"{}", "a".repeat(70), "b".repeat(3));
        assert_eq!(text(&Shown(long)), format!(r#""{}\"bbb""#, "a".repeat(70)));
    }
}
