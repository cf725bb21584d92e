//! The long-form documentation, as rustdoc pages: the rule book every doc
//! comment cites by ID, the stored format, storage, and who may fire which
//! event. The same files are in the repository's `docs/` folder.

#[doc = include_str!("../docs/rules.md")]
pub mod rules {}

#[doc = include_str!("../docs/schema.md")]
pub mod schema {}

#[doc = include_str!("../docs/storage.md")]
pub mod storage {}

#[doc = include_str!("../docs/authorization.md")]
pub mod authorization {}
