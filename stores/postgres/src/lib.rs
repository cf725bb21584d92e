//! Complaint histories in PostgreSQL, for applications with many application
//! servers on one database: the store contract of
//! [`complaint-workflow`](complaint_workflow) (`ComplaintStore`,
//! `ChangeFeed`) on a `sqlx` pool, plus due-workers, sequential references,
//! the contact-details table with erasure, and a change-feed [`Subscriber`]
//! woken by `LISTEN`/`NOTIFY`.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use complaint_workflow::store::Complaints;
//! use complaint_workflow::{event::Accept, *};
//! use complaint_workflow_postgres::PostgresStore;
//!
//! # #[tokio::main]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // postgres://app@db.internal/complaints
//! let Ok(url) = std::env::var("DATABASE_URL") else { return Ok(()) };
//! let store = PostgresStore::connect(&url).await?;
//! store.migrate().await?;
//! let policy = Policy::default();
//! let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
//! let ctx = Context::new(Actor::agent("a-7"), now, &policy);
//! let reference = store.next_reference(2026).await?; // CMP-2026-000001, …
//! let complaints = Complaints::new(store);
//! let accept = Accept {
//!     complainant: Complainant::new("c-1"),
//!     received_at: now,
//!     channel: Channel::Phone,
//!     content: "The parcel arrived broken".into(),
//!     category: Category::new("delivery"),
//!     severity: Severity::Medium,
//! };
//! let created = complaints.create(accept, Some(&reference), &ctx).await?;
//! let loaded = complaints.load_by_reference(&reference).await?;
//! assert_eq!(loaded.map(|record| record.id()), Some(created.complaint_id));
//! # Ok(())
//! # }
//! ```
//!
//! (`cargo run -p complaint-workflow-postgres --example postgres_store` runs
//! a longer tour against `DATABASE_URL`.)
//!
//! # Tables and migrations
//!
//! The tables of the core's storage guide (`entries`, append-only by
//! trigger: no `DELETE`, and since migration 0006 an `UPDATE` may change
//! only `body` and `schema`, never lowering it, which an append writes back
//! in its transaction for redacted entries (A2) and entries read as schema
//! 1 (A3); `complaints`; `commands`; `personal_data`) plus `feed_head`,
//! `checkpoints` and `reference_counters`, and the feed's sequencer
//! (`sequence_feed`), created by [`PostgresStore::migrate`] from the
//! package's `migrations/` folder in the first schema of the connection's
//! `search_path`. A database migrated by a newer version of the crate is
//! refused with [`Error::NewerSchema`] and not written to. A team that runs
//! its migrations itself applies the files of `migrations/` with its own
//! tool and never calls `migrate`. `0002_feed_sequencer.sql` upgrades a
//! database of the first version in place (no table is rewritten; the
//! entries written before keep their positions).
//!
//! # Writing
//!
//! Each append is one statement, so one transaction and one round trip:
//! `UPDATE complaints … WHERE id = $1 AND version = $loaded` (the row lock
//! and the version check: no row means another writer won, a
//! [`Conflict`](complaint_workflow::record::Conflict)), and, only when it
//! updated the row, the `commands` rows (a command stored meanwhile is a
//! unique violation, also a conflict) and the `entries` rows, in
//! data-modifying CTEs of the same statement. A unique violation,
//! serialization failure or deadlock is a conflict the driver retries;
//! anything else is [`Error`]. A connection lost in the middle leaves
//! nothing: the server rolls the statement's transaction back. Writes on
//! distinct complaints share no row and no lock.
//!
//! # The change feed
//!
//! Every entry gets a `position`. PostgreSQL sequences hand out numbers in
//! the order transactions ask, not the order they commit, so a reader could
//! see position 8 committed while 7 is still in flight and, going on from 8,
//! skip 7 for ever. This store gives positions only to committed entries,
//! in a *sequencer*:
//!
//! 1. a write stores its entries with no position (`NULL`: the feed does not
//!    show them yet) and an append order (`appended`, from a sequence);
//! 2. [`entries_after`] reads the entries with a position after the one
//!    asked for; when that does not fill the page it calls
//!    `sequence_feed(limit)`, which waits for the `feed_head` row lock, then,
//!    in a statement with a new snapshot, gives the committed unsequenced
//!    entries the next positions in append order (one `UPDATE`, at most
//!    `limit` entries), moves `feed_head` on and commits, and the page is
//!    read on from there;
//! 3. a write still in flight is not in that snapshot: it keeps no position
//!    until a later call, whose positions are higher. Sequencers run one at
//!    a time, and PostgreSQL releases a transaction's locks only after its
//!    commit is visible to new snapshots, so a sequencer's positions are
//!    visible before the next sequencer starts.
//!
//! So the positions any snapshot sees are 1 to some n, without a hole: a
//! reader that goes on from the last position it read never skips an entry,
//! even when writes commit in another order than they appended (the test
//! `an_entry_committed_after_a_later_one_is_read_after_it_not_skipped`).
//! Positions have no gaps (a rolled-back write never had any), and within a
//! complaint feed order is sequence order. The positions stay one `u64`, as
//! the core's contract has them. Writers never wait for the feed; readers
//! wait for each other only while one of them sequences. Giving an entry its
//! position rewrites its row once (the trigger lets a `NULL` position be set
//! once and nothing else change); autovacuum reclaims the old versions.
//!
//! Rejected alternatives, by measurement (`benches/writers.rs`, README
//! "Figures") and by the contract: one `feed_head` row updated by every
//! write, its lock held to commit (the first version), serialized all
//! writers: 0.07× the raw throughput. Recording each row's
//! `pg_current_xact_id()` and reading only below the snapshot's `xmin`,
//! ordered by (transaction id, id), needs no sequencer, but its position is
//! two numbers, not the contract's one `u64`, and any long transaction on
//! the server, of any application, holds every reader back.
//!
//! A reader on a hot standby can read the sequenced entries but not
//! sequence new ones (the sequencer writes); point subscribers at the
//! primary.
//!
//! [`entries_after`]: complaint_workflow::store::ChangeFeed::entries_after
//!
//! # Due-workers
//!
//! [`PostgresStore::claim_due`] leases due complaints to a worker in one
//! `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`; the lease lives
//! on the `complaints` row (`claimed_by`, `claimed_until`), not in a
//! transaction held open, so the worker writes through the driver on any
//! connection, then [`release`](PostgresStore::release)s; a crashed worker's
//! lease expires.
//!
//! # Subscribers
//!
//! [`Subscriber::run`] listens on `complaint_workflow_feed` and reads the
//! feed when notified, or after its poll interval when no notification
//! comes (a lost listening connection, notifications sent while it
//! reconnected). Every write notifies, with its schema as payload (so
//! subscribers of other schemas ignore it), *after* its commit: PostgreSQL
//! serializes the commits of transactions that issued `NOTIFY` (one lock per
//! database held through the commit), which would queue all writers again.
//! A write only asks for a notification and returns; a task of the store
//! handle's own (and its clones') sends it on a connection of its own, one
//! for every write committed while the one before was sent, so no writer
//! waits for a notification. A write whose notification is not sent (the
//! process died after the commit, the task's connection failed) is found at
//! the next poll.

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

// The README's Rust code blocks compile as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod checkpoint;
mod contract;
mod due;
mod error;
mod notify;
mod personal;
mod reference;
mod retention;
mod rewrite;
mod sql;
mod store;
mod subscriber;

pub use due::{CLAIM_DUE, DUE_BEFORE};
pub use error::Error;
pub use personal::PersonalData;
pub use sql::FEED_CHANNEL;
pub use store::PostgresStore;
pub use subscriber::{DEFAULT_BATCH, DEFAULT_POLL_INTERVAL, Subscriber, SubscriberError};
