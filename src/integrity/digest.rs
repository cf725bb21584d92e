//! [`Digest`] and [`Salt`]: the fixed-size byte strings of the hash chain
//! (A1, A2), written as lowercase hexadecimal.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};

/// A SHA-256 digest: an entry's hash, the hash it links to, or a text's
/// commitment (A1, A2). Written as 64 lowercase hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest([u8; 32]);

/// A text's salt: 16 random bytes that make its commitment reveal nothing
/// about a short text (A2). Written as 32 lowercase hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Salt([u8; 16]);

/// A hexadecimal string that is not a [`Digest`] or a [`Salt`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected} lowercase hexadecimal digits, found {found:?}")]
pub struct HexError {
    /// How many digits the value needs.
    pub expected: usize,
    /// What was found (at most its first 80 characters).
    pub found: String,
}

impl Digest {
    /// The digest of these bytes.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }

    /// A digest from its 32 bytes.
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The digest's 32 bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl Salt {
    /// A salt from its 16 bytes.
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    /// The salt's 16 bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// A fresh salt from the random number generator the crate's ids use
    /// (the 122 random bits of a UUID v4, spread over 16 bytes).
    pub(crate) fn fresh() -> Self {
        Self(*uuid::Uuid::new_v4().as_bytes())
    }
}

/// Writes `bytes` as lowercase hexadecimal.
pub(crate) fn write_hex(bytes: &[u8], out: &mut impl fmt::Write) -> fmt::Result {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0x0f] {
            let digit = DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0');
            out.write_char(char::from(digit))?;
        }
    }
    Ok(())
}

/// `bytes` as lowercase hexadecimal in `out` (twice as long), without an
/// allocation: what a digest, a salt or a seal's checks are written as.
pub(crate) fn hex_text<'o>(bytes: &[u8], out: &'o mut [u8]) -> &'o str {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        for (slot, nibble) in pair.iter_mut().zip([byte >> 4, byte & 0x0f]) {
            *slot = DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0');
        }
    }
    let written = out.len().min(bytes.len() * 2);
    // Hexadecimal digits are ASCII.
    std::str::from_utf8(out.get(..written).unwrap_or_default()).unwrap_or_default()
}

/// Reads exactly `N` bytes from lowercase hexadecimal.
pub(crate) fn read_hex<const N: usize>(text: &str) -> Result<[u8; N], HexError> {
    let refuse = || HexError {
        expected: N * 2,
        found: text.chars().take(80).collect(),
    };
    if text.len() != N * 2 {
        return Err(refuse());
    }
    let mut bytes = [0u8; N];
    for (byte, pair) in bytes.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
        let mut value = 0u8;
        for &digit in pair {
            let nibble = match digit {
                b'0'..=b'9' => digit - b'0',
                b'a'..=b'f' => digit - b'a' + 10,
                _ => return Err(refuse()),
            };
            value = (value << 4) | nibble;
        }
        *byte = value;
    }
    Ok(bytes)
}

macro_rules! hex_value {
    ($name:ident, $len:literal, $what:literal) => {
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(hex_text(&self.0, &mut [0; $len * 2]))
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self)
            }
        }

        impl FromStr for $name {
            type Err = HexError;

            fn from_str(text: &str) -> Result<Self, HexError> {
                read_hex::<$len>(text).map(Self)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(hex_text(&self.0, &mut [0; $len * 2]))
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct HexVisitor;

                impl Visitor<'_> for HexVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }

                    fn visit_str<E: de::Error>(self, text: &str) -> Result<$name, E> {
                        text.parse().map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(HexVisitor)
            }
        }
    };
}

hex_value!(
    Digest,
    32,
    "a SHA-256 digest in 64 lowercase hexadecimal digits"
);
hex_value!(Salt, 16, "a salt in 32 lowercase hexadecimal digits");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_bad_digits() {
        let digest = Digest::of(b"abc");
        assert_eq!(
            digest.to_string(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(digest.to_string().parse::<Digest>(), Ok(digest));
        assert!("BA7816".parse::<Digest>().is_err());
        assert!("zz".repeat(32).parse::<Digest>().is_err());
        assert!("00".repeat(16).parse::<Salt>().is_ok());
        assert!("00".repeat(15).parse::<Salt>().is_err());
    }
}
