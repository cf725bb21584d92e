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
//! trigger; `complaints`; `commands`; `personal_data`) plus `feed_head`,
//! `checkpoints` and `reference_counters`, created by
//! [`PostgresStore::migrate`] from the package's `migrations/` folder in the
//! first schema of the connection's `search_path`. A database migrated by a
//! newer version of the crate is refused with [`Error::NewerSchema`] and not
//! written to. A team that runs its migrations itself applies the files of
//! `migrations/` with its own tool and never calls `migrate`.
//!
//! # Writing
//!
//! Each append is one transaction: `UPDATE complaints … WHERE id = $1 AND
//! version = $loaded` (the row lock and the version check in one statement:
//! no rows means another writer won, a
//! [`Conflict`](complaint_workflow::record::Conflict)), the `commands` rows
//! (a command stored meanwhile is a unique violation, also a conflict), then
//! the feed statement below, then `COMMIT`. A unique violation,
//! serialization failure or deadlock is a conflict the driver retries;
//! anything else is [`Error`]. A connection lost in the middle leaves
//! nothing: the server rolls the transaction back.
//!
//! # The change feed
//!
//! Every entry has a `position`. PostgreSQL sequences hand out numbers in
//! the order transactions ask, not the order they commit, so a reader could
//! see position 8 committed while 7 is still in flight and, going on from 8,
//! skip 7 for ever. This store avoids that by taking positions from one row:
//!
//! 1. the last statement of every write before `COMMIT` is
//!    `UPDATE feed_head SET position = position + n RETURNING …` together
//!    with the `INSERT` of its entries at those positions and the
//!    `pg_notify`, one statement;
//! 2. that row lock is held until the transaction ends, and PostgreSQL
//!    releases a transaction's locks only after its commit is visible to new
//!    snapshots (`CommitTransaction` ends the transaction in the proc array
//!    before it releases locks);
//! 3. a writer waiting for the row re-reads it after the holder committed
//!    (READ COMMITTED), so it takes the positions after the holder's, and its
//!    own commit comes later.
//!
//! So if a snapshot sees a transaction's positions, it sees every
//! transaction that took lower positions: [`entries_after`] is one `SELECT
//! … WHERE position > $1 ORDER BY position`, one snapshot, and a reader that
//! goes on from the last position it read never skips an entry. A rolled-back
//! write returns its positions with it (the counter row rolls back too), so
//! positions have no gaps. The price: writers queue on that one row for the
//! last statement and the commit (the rest of their transactions run in
//! parallel); PostgreSQL's `NOTIFY` serializes committing notifiers anyway.
//! This holds on the primary; a reader on a hot standby sees commits in the
//! primary's WAL order, which is commit order too.
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
//! [`Subscriber::run`] listens on `complaint_workflow_feed` (every write
//! notifies in its transaction, with its schema as payload, so subscribers of
//! other schemas ignore it) and reads the feed when notified, or after its
//! poll interval when no notification comes (a lost listening connection,
//! notifications sent while it reconnected).

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

mod contract;
mod due;
mod error;
mod notify;
mod personal;
mod reference;
mod sql;
mod store;
mod subscriber;

pub use due::{CLAIM_DUE, DUE_BEFORE};
pub use error::Error;
pub use personal::PersonalData;
pub use sql::FEED_CHANNEL;
pub use store::PostgresStore;
pub use subscriber::{DEFAULT_BATCH, DEFAULT_POLL_INTERVAL, Subscriber, SubscriberError};
