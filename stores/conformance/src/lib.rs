//! The conformance suite for `complaint-workflow` stores: it checks that an
//! implementation of the store contract
//! ([`ComplaintStore`](complaint_workflow::store::ComplaintStore) and
//! [`ChangeFeed`](complaint_workflow::store::ChangeFeed)) behaves as the
//! in-memory reference store,
//! [`MemoryStore`](complaint_workflow::store::MemoryStore), does.
//!
//! A store crate implements [`Harness`] (a fresh, empty, migrated store for
//! each case) and calls [`run_all`] from a test; every case panics with a
//! message that names the case and what broke.
//!
//! ```
//! use complaint_workflow::store::MemoryStore;
//! use complaint_workflow_conformance::{Harness, Scale, run_all};
//!
//! struct Memory;
//!
//! impl Harness for Memory {
//!     type Store = MemoryStore;
//!     async fn fresh(&self) -> MemoryStore {
//!         MemoryStore::new()
//!     }
//! }
//!
//! #[tokio::main(flavor = "multi_thread", worker_threads = 2)]
//! async fn main() {
//!     let report = run_all(&Memory, Scale::QUICK).await;
//!     assert_eq!((report.lost, report.duplicated), (0, 0));
//!     assert!(report.conflicts >= Scale::QUICK.conflicts);
//! }
//! ```
//!
//! # The cases
//!
//! Each case is a `pub async fn` of its own, so an adapter can run them one
//! by one; [`run_all`] runs them in this order and sums their [`Report`]s:
//!
//! 1. [`round_trip`]: create, apply, load: the loaded record is the replay
//!    of what was written; `command_or_history` answers as `command_entries`
//!    and `entries` do; a complaint never stored is
//!    [`StoreError::NotFound`](complaint_workflow::store::StoreError::NotFound).
//! 2. [`expected_version`]: two writers load the same version, the second
//!    `append` is refused with
//!    [`AppendError::Conflict`](complaint_workflow::store::AppendError::Conflict)
//!    and writes nothing; so are a stale append, an append to a complaint
//!    that is not stored and a second `create` of a stored complaint.
//! 3. [`idempotent_commands`]: one command sent by many writers at once is
//!    stored once (an intake and a note); a command id is unique per store.
//! 4. [`concurrent_writers`]: writers race on one complaint, then on many,
//!    through [`Complaints::apply`](complaint_workflow::store::Complaints::apply),
//!    until the [`Scale`]'s conflicts are reached; then no note is lost or
//!    stored twice, every history replays and its versions are contiguous.
//! 5. [`due_query`]: `due_before` is the
//!    [`Agenda`](complaint_workflow::deadline::Agenda)'s answer over the same
//!    records, for several times and limits (ties by id, `usize::MAX`).
//! 6. [`change_feed`]: after racing writers, the feed holds every stored
//!    entry exactly once, positions strictly increasing, each complaint's in
//!    sequence order; a reader paging through it while the writers run reads
//!    the same list (it never skips an entry), and so does one streaming it
//!    with `for_each_after`, which hands over what `entries_after` answers;
//!    checkpoints round-trip.
//! 7. [`references`]: a reference is unique per store and finds its
//!    complaint.
//! 8. [`redaction`] (A2): after a `redact`, a fresh load and the feed show
//!    the tombstone in the earlier entries, their hashes are kept and the
//!    chain verifies; a redaction after a stale version changes nothing.
//! 9. [`write_back`] (A3): entries stored as schema 1 are written back as
//!    schema 2 on the next append and by the upgrade pass
//!    ([`Complaints::upgrade`](complaint_workflow::store::Complaints::upgrade));
//!    a stale upgrade changes nothing. It needs schema-1 rows in the
//!    database, which the contract cannot write:
//!    [`Harness::store_as_schema_1`] writes them (a database store's
//!    harness, with its own SQL), and without it the case is skipped.
//!
//! Not here: that a stored history which does not replay is reported as
//! [`StoreError::Replay`](complaint_workflow::store::StoreError::Replay)
//! naming the complaint. Checking it needs a damaged history in the
//! database, and the contract has no way to write one (by design): each
//! store crate tests it with its own SQL.
//!
//! # The runtime
//!
//! The suite spawns tokio tasks, so it expects to be awaited inside a tokio
//! runtime, for example `#[tokio::test(flavor = "multi_thread")]`. A store
//! whose futures never wait (the memory store) only meets other writers on a
//! multi-thread runtime: on a current-thread one the concurrency cases find
//! no conflict and fail, saying so.
//!
//! # Scale
//!
//! [`Scale::FULL`] pushes the racing cases to 10,000 conflicts in all, on
//! small data: each round races on fresh complaints of a few hundred entries
//! at most. [`Scale::QUICK`] is the same with a hundred conflicts.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![warn(clippy::pedantic)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]
#![allow(clippy::must_use_candidate)]

mod cases;
mod fixtures;
mod harness;
mod report;
mod shared;
pub mod walks;

// The README's Rust code blocks run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use cases::{
    change_feed, concurrent_writers, due_query, expected_version, idempotent_commands, redaction,
    references, round_trip, write_back,
};
pub use harness::{Harness, Scale};
pub use report::Report;

/// Runs every case, in the order of the [crate docs](crate#the-cases), on a
/// fresh store each, and sums what they measured.
///
/// The racing cases go on until the conflicts counted across the suite reach
/// `scale.conflicts`.
///
/// # Panics
///
/// With a message naming the case and what broke, at the first check that
/// fails.
pub async fn run_all<H: Harness>(harness: &H, scale: Scale) -> Report {
    let mut report = Report::default();
    report += round_trip(harness, scale).await;
    report += expected_version(harness, scale).await;
    report += idempotent_commands(harness, scale).await;
    let remaining = Scale {
        conflicts: scale.conflicts.saturating_sub(report.conflicts),
        ..scale
    };
    report += concurrent_writers(harness, remaining).await;
    report += due_query(harness, scale).await;
    report += change_feed(harness, scale).await;
    report += references(harness, scale).await;
    report += redaction(harness, scale).await;
    report += write_back(harness, scale).await;
    report
}
