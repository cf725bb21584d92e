//! The embedded default store of [`complaint_workflow`]: complaint
//! histories, their change feed and due-workers in one SQLite file, through
//! `sqlx` with SQLite built from source (nothing to install).
//!
//! [`SqliteStore`] implements the core's
//! [`ComplaintStore`](complaint_workflow::store::ComplaintStore) and
//! [`ChangeFeed`](complaint_workflow::store::ChangeFeed); an application
//! calls it through the core's driver,
//! [`Complaints`](complaint_workflow::store::Complaints) (create, load, apply
//! with retries on a conflict, idempotent commands, what is due).
//!
//! # Example
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use complaint_workflow::event::{Accept, AddNote};
//! use complaint_workflow::store::Complaints;
//! use complaint_workflow::*;
//! use complaint_workflow_sqlite::SqliteStore;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // A file: `SqliteStore::open("complaints.db").await?` and `migrate()`.
//! let store = SqliteStore::in_memory().await?;
//! let reference = store.next_reference(2026).await?;
//! let complaints = Complaints::new(store);
//!
//! let policy = Policy::default();
//! let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
//! let ctx = Context::new(Actor::agent("agent-7"), now, &policy);
//! let accept = Accept {
//!     complainant: Complainant::new("customer-42"),
//!     received_at: now,
//!     channel: Channel::Phone,
//!     content: "The parcel arrived broken".into(),
//!     category: Category::new("delivery"),
//!     severity: Severity::Medium,
//! };
//! let created = complaints.create(accept, Some(&reference), &ctx).await?;
//! let id = created.complaint_id;
//!
//! // A retried request (same command id) is applied once.
//! let note = AddNote { text: "Photos received".into() };
//! let ctx = ctx.with_command("request-1");
//! complaints.apply(id, note.clone(), &ctx).await?;
//! assert!(complaints.apply(id, note, &ctx).await?.repeated);
//!
//! let record = complaints.load(id).await?;
//! assert_eq!(record.version(), 2);
//! assert_eq!(reference, "CMP-2026-000001");
//! assert_eq!(complaints.load_by_reference(&reference).await?, Some(record));
//! # Ok(())
//! # }
//! ```
//!
//! # In an axum handler
//!
//! The store's futures are `Send`, so the driver is called straight from a
//! handler on the service's own tokio runtime; the expected version and the
//! retries are the driver's, a refused event comes back as data:
//!
//! ```no_run
//! use std::sync::Arc;
//!
//! use axum::extract::{Path, State};
//! use axum::http::StatusCode;
//! use axum::routing::post;
//! use axum::{Json, Router};
//! use complaint_workflow::event::AddNote;
//! use complaint_workflow::store::{Complaints, StoreError};
//! use complaint_workflow::{Actor, ComplaintId, Context, Policy};
//! use complaint_workflow_sqlite::SqliteStore;
//!
//! struct Desk {
//!     complaints: Complaints<SqliteStore>,
//!     policy: Policy,
//! }
//!
//! async fn add_note(
//!     State(desk): State<Arc<Desk>>,
//!     Path(id): Path<ComplaintId>,
//!     Json(note): Json<AddNote>,
//! ) -> Result<StatusCode, (StatusCode, String)> {
//!     // The time comes in here, at the edge: the crate never reads a clock.
//!     let ctx = Context::new(Actor::agent("agent-7"), chrono::Utc::now(), &desk.policy);
//!     match desk.complaints.apply(id, note, &ctx).await {
//!         Ok(_) => Ok(StatusCode::NO_CONTENT),
//!         Err(StoreError::NotFound(_)) => Err((StatusCode::NOT_FOUND, "no such complaint".into())),
//!         Err(StoreError::Transition(refused)) => {
//!             Err((StatusCode::UNPROCESSABLE_ENTITY, refused.to_string()))
//!         }
//!         Err(other) => Err((StatusCode::SERVICE_UNAVAILABLE, other.to_string())),
//!     }
//! }
//!
//! # async fn app() -> Result<Router, complaint_workflow_sqlite::Error> {
//! let store = SqliteStore::open("complaints.db").await?;
//! store.migrate().await?;
//! let desk = Arc::new(Desk { complaints: Complaints::new(store), policy: Policy::default() });
//! let app = Router::new()
//!     .route("/complaints/{id}/notes", post(add_note))
//!     .with_state(desk);
//! # Ok(app)
//! # }
//! ```
//!
//! # What it keeps
//!
//! The tables of the repository's `docs/storage.md`, made by the embedded
//! migrations ([`SqliteStore::migrate`]; the SQL is in the package's
//! `migrations/` folder for teams that run migrations themselves):
//! `entries` (append-only: `DELETE` refused by a trigger, and an `UPDATE`
//! of anything but `body` and `schema`, or one lowering `schema`, since
//! migration 0006, which lets an append write back redacted entries (A2)
//! and entries read as schema 1 (A3) in its transaction; the rowid is the
//! feed position), `complaints` (stage, version, the indexed
//! `next_due_at`, the reference, the due-worker lease), `commands`,
//! `personal_data`, `reference_counters`, `subscriber_checkpoints`.
//!
//! - **Writes**: each one transaction, `BEGIN IMMEDIATE` (SQLite's write
//!   lock at the start, so the version read inside is the latest), behind an
//!   in-process gate so that a store's writers queue instead of spinning on
//!   the lock. A stale version or a taken key is a
//!   [`Conflict`](complaint_workflow::record::Conflict) and writes nothing.
//! - **Durability**: WAL with `synchronous = NORMAL`: a killed process never
//!   leaves a partial append (the tests kill a writer 100 times in the middle
//!   of one); a power cut may lose the last commits, never the file.
//! - **Change feed**: positions commit in order because SQLite has one
//!   writer at a time (see [`ChangeFeed`](complaint_workflow::store::ChangeFeed)
//!   on [`SqliteStore`]); [`Subscriber`] delivers them at least once, polling.
//! - **Due-workers**: [`SqliteStore::claim_due`] leases each due complaint to
//!   one worker; an expired lease is claimable again.
//! - **References**: [`SqliteStore::next_reference`], `CMP-2026-000123`.
//! - **Erasure**: [`SqliteStore::erase_personal_data`].
//!
//! A stored history that does not replay is not written to: the driver
//! answers [`StoreError::Replay`](complaint_workflow::store::StoreError::Replay)
//! naming the complaint and the entry, and an entry that is not JSON is
//! [`Error::Decode`] naming complaint and sequence.

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
// `#[must_use]` on every getter adds noise without catching real mistakes.
#![allow(clippy::must_use_candidate)]

mod checkpoint;
mod contract;
mod due;
mod error;
mod feed;
mod personal;
mod reference;
mod retention;
mod rewrite;
mod sql;
mod store;
mod subscriber;

pub use contract::DUE_BEFORE;
pub use error::Error;
pub use personal::PersonalData;
pub use store::{BUSY_TIMEOUT, MIGRATOR, SqliteStore};
pub use subscriber::{HandlerError, Subscriber};

/// The README's example, run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
