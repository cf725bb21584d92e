//! The checkpoint worker's signing key and the public keys the complaint
//! page trusts (A1), read from files kept outside the database
//! (`docs/audit.md`, "Checkpoints in the desk").
//!
//! **The key file** (`--checkpoint-key PATH`, `DESK_CHECKPOINT_KEY`) is
//! UTF-8 text: its first line is the key id ([`KeyId`]: 1 to 64 characters
//! of `A–Z a–z 0–9 . _ : -`, e.g. `desk-2026-12`), its second the Ed25519
//! secret key, 32 bytes as 64 hexadecimal digits (RFC 8032's private key,
//! what `ed25519-dalek`'s `SigningKey::from_bytes` takes). Blank lines and
//! lines starting with `#` are skipped. One way to make one:
//!
//! ```text
//! python3 -c 'import os; print("desk-2026-12"); print(os.urandom(32).hex())' > desk-2026-12.key
//! chmod 600 desk-2026-12.key
//! ```
//!
//! **The trusted keys file** (`--checkpoint-trusted PATH`,
//! `DESK_CHECKPOINT_TRUSTED`), optional: one public key a line, `<key id>
//! <64 hexadecimal digits>`, for the keys used before a rotation, so that
//! the page still verifies the checkpoints they signed. The signing key's
//! own public key is always trusted.

use std::fmt;
use std::path::Path;

use complaint_workflow::audit::{KeyId, Keyring, SigningKey, VerifyingKey};

/// A signing key and its id: what the checkpoint worker signs with.
#[derive(Clone)]
pub struct CheckpointKey {
    id: KeyId,
    key: SigningKey,
}

impl fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the secret: the id and the public key only.
        f.debug_struct("CheckpointKey")
            .field("id", &self.id)
            .field("public", &hex(self.key.verifying_key().as_bytes()))
            .finish_non_exhaustive()
    }
}

/// Why a key file was not read: the file and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFileError {
    /// The file.
    pub path: String,
    /// What is wrong, naming the line.
    pub message: String,
}

impl fmt::Display for KeyFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "checkpoint key file `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for KeyFileError {}

impl CheckpointKey {
    /// The key `key` under the id `id`.
    #[must_use]
    pub fn new(id: KeyId, key: SigningKey) -> Self {
        Self { id, key }
    }

    /// Reads a key file (the format is in the [module doc](self)).
    ///
    /// # Errors
    ///
    /// [`KeyFileError`] when the file does not read or its lines are not a
    /// key id and 64 hexadecimal digits.
    pub fn read(path: &Path) -> Result<Self, KeyFileError> {
        let text = read_text(path)?;
        Self::parse(&text).map_err(|message| KeyFileError {
            path: path.display().to_string(),
            message,
        })
    }

    /// Parses a key file's text.
    ///
    /// ```
    /// use complaint_desk::checkpoint_key::CheckpointKey;
    ///
    /// let key = CheckpointKey::parse(&format!("# the desk's key\ndesk-2026-12\n{}\n", "07".repeat(32)))
    ///     .unwrap();
    /// assert_eq!(key.id().as_str(), "desk-2026-12");
    /// assert!(CheckpointKey::parse("desk-2026-12\nnot hex\n").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// A message naming the line that is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut lines = meaningful_lines(text);
        let (_, id) = lines
            .next()
            .ok_or("empty: a key id line and a secret key line expected")?;
        let id = KeyId::new(id).map_err(|e| format!("line 1: {e}"))?;
        let (number, secret) = lines.next().ok_or("no secret key line after the key id")?;
        let bytes = unhex32(secret).ok_or_else(|| {
            format!("line {number}: the secret key must be 64 hexadecimal digits (32 bytes)")
        })?;
        if let Some((number, _)) = lines.next() {
            return Err(format!("line {number}: nothing may follow the secret key"));
        }
        Ok(Self::new(id, SigningKey::from_bytes(&bytes)))
    }

    /// The key's id.
    #[must_use]
    pub fn id(&self) -> &KeyId {
        &self.id
    }

    /// The secret key.
    #[must_use]
    pub fn signing_key(&self) -> &SigningKey {
        &self.key
    }

    /// The public key, as 64 hexadecimal digits: what the auditor keeps.
    #[must_use]
    pub fn public_hex(&self) -> String {
        hex(self.key.verifying_key().as_bytes())
    }
}

/// Reads a trusted keys file (`<key id> <64 hexadecimal digits>` a line).
///
/// # Errors
///
/// [`KeyFileError`] naming the line that does not read.
pub fn read_trusted(path: &Path) -> Result<Keyring, KeyFileError> {
    let text = read_text(path)?;
    parse_trusted(&text).map_err(|message| KeyFileError {
        path: path.display().to_string(),
        message,
    })
}

/// Parses a trusted keys file's text.
///
/// ```
/// use complaint_desk::checkpoint_key::parse_trusted;
/// use complaint_workflow::audit::KeyId;
///
/// let public = complaint_workflow::audit::SigningKey::from_bytes(&[7; 32]).verifying_key();
/// let hex: String = public.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
/// let keyring = parse_trusted(&format!("desk-2025-12 {hex}\n")).unwrap();
/// assert_eq!(keyring.key(&KeyId::new("desk-2025-12").unwrap()), Ok(&public));
/// ```
///
/// # Errors
///
/// A message naming the line that does not read.
pub fn parse_trusted(text: &str) -> Result<Keyring, String> {
    let mut keyring = Keyring::new();
    for (number, line) in meaningful_lines(text) {
        let (id, key) = line
            .split_once(' ')
            .ok_or_else(|| format!("line {number}: `<key id> <64 hexadecimal digits>` expected"))?;
        let id = KeyId::new(id).map_err(|e| format!("line {number}: {e}"))?;
        let key = unhex32(key.trim())
            .and_then(|bytes| VerifyingKey::from_bytes(&bytes).ok())
            .ok_or_else(|| format!("line {number}: not an Ed25519 public key in hexadecimal"))?;
        keyring.insert(id, key);
    }
    Ok(keyring)
}

fn read_text(path: &Path) -> Result<String, KeyFileError> {
    std::fs::read_to_string(path).map_err(|e| KeyFileError {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// The lines that are neither blank nor comments, trimmed, with their
/// numbers (from 1).
fn meaningful_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, line)| (n + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
}

/// 64 hexadecimal digits as 32 bytes.
fn unhex32(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut bytes = [0; 32];
    for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
        let pair = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A1: a key file's id and secret read; each wrong line is named.
    #[test]
    fn a1_checkpoint_key_files_read_and_wrong_lines_are_named() {
        let secret = "0a".repeat(32);
        let key = CheckpointKey::parse(&format!("\n# comment\ndesk-2026-12\n{secret}\n")).unwrap();
        assert_eq!(key.id().as_str(), "desk-2026-12");
        assert_eq!(key.signing_key().to_bytes(), [0x0a; 32]);
        let debug = format!("{key:?}");
        assert!(!debug.contains(&secret), "{debug}");
        assert!(debug.contains(&key.public_hex()), "{debug}");

        assert!(CheckpointKey::parse("").unwrap_err().contains("empty"));
        assert!(
            CheckpointKey::parse(&format!("desk 2026\n{secret}"))
                .unwrap_err()
                .starts_with("line 1")
        );
        assert!(
            CheckpointKey::parse("desk-2026-12\n0a0a\n")
                .unwrap_err()
                .starts_with("line 2")
        );
        assert!(
            CheckpointKey::parse(&format!("desk-2026-12\n{secret}\nmore"))
                .unwrap_err()
                .starts_with("line 3")
        );
        assert!(CheckpointKey::parse(&format!("desk-2026-12\n{}zz", "0a".repeat(31))).is_err());
    }

    /// A1: a trusted keys file gives a keyring; a bad key is named by line.
    #[test]
    fn a1_trusted_key_files_read_into_a_keyring() {
        let old = SigningKey::from_bytes(&[1; 32]).verifying_key();
        let text = format!(
            "# before the rotation\ndesk-2025-12 {}\n",
            hex(old.as_bytes())
        );
        let keyring = parse_trusted(&text).unwrap();
        let id = KeyId::new("desk-2025-12").unwrap();
        assert_eq!(keyring.key(&id), Ok(&old));
        assert!(
            parse_trusted("desk-2025-12\n")
                .unwrap_err()
                .starts_with("line 1")
        );
        assert!(
            parse_trusted(&format!("ok 00\ndesk {}", "zz".repeat(32)))
                .unwrap_err()
                .starts_with("line 1")
        );
    }
}
