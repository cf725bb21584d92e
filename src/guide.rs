//! The long-form documentation, as rustdoc pages: the rule book every doc
//! comment cites by ID, the stored format, storage, and who may fire which
//! event. The same files are in the repository's `docs/` folder.

// Prose written for readers of the repository too: product names such as
// PostgreSQL are words there, not code.
#![allow(clippy::doc_markdown)]

#[doc = include_str!("../docs/rules.md")]
pub mod rules {}

#[doc = include_str!("../docs/schema.md")]
pub mod schema {}

#[doc = include_str!("../docs/storage.md")]
pub mod storage {}

#[doc = include_str!("../docs/authorization.md")]
pub mod authorization {}
