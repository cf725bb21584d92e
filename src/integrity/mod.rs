//! What an entry carries to prove it was not altered (A1, A2): the
//! canonical encoding of its parts, the SHA-256 digests and salts, the
//! personal texts committed to, the [`Seal`] and the [`ChainError`]s of a
//! history that does not verify. Below the records, which seal their
//! entries; the public face is [`audit`](crate::audit).

mod canonical;
mod digest;
mod error;
mod head;
mod seal;
mod texts;

pub use digest::{Digest, HexError, Salt};
pub use error::ChainError;
pub use head::ChainHead;
pub use seal::{Checks, Part, Seal, TextSeal, TextSecret};

pub(crate) use canonical::canonical_text;
pub(crate) use digest::{read_hex, write_hex};
pub(crate) use seal::{Content, SealFault, SealScratch};
pub(crate) use texts::{personal_texts, redact_text, redactable};
