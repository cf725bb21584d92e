//! The storage seam (no I/O here): what a database must do to keep complaint
//! histories ([`ComplaintStore`], [`ChangeFeed`]), and the driver an
//! application calls on top of any store ([`Complaints`]): create, load
//! (replay), apply with the expected version and the command id, retried on
//! a conflict a bounded number of times, and "what is due".
//!
//! The contract's methods return `Send` futures, so a store runs inside any
//! async runtime (tokio under axum, actix or tonic). The crate itself starts
//! no runtime and reads no clock: the time of every write comes from the
//! [`Context`](crate::Context).
//!
//! The store crates implement the contract on SQLite and PostgreSQL; the
//! conformance suite checks any implementation. The tables are described in
//! [`guide::storage`](crate::guide::storage).
//!
//! # Without an async runtime
//!
//! A program with no runtime drives the futures with a small executor (for
//! example `pollster::block_on(complaints.apply(id, event, &ctx))`, or a
//! current-thread tokio runtime's `block_on`), one call at a time; the store
//! crates' SQLite store works that way, PostgreSQL needs the runtime its
//! driver was built for.

mod contract;
mod driver;
mod error;
mod memory;

pub use contract::{
    AppendError, ChangeFeed, CommandOrHistory, ComplaintStore, DueComplaint, FEED_PAGE, FeedEntry,
};
pub use driver::{Applied, Complaints, DEFAULT_MAX_ATTEMPTS};
pub use error::StoreError;
pub use memory::MemoryStore;
