//! The complaint desk: a web service on [`complaint_workflow`] and its
//! stores: HTML pages for staff in English and Simplified Chinese (sign-in,
//! intake, queues, the complaint page with one form per allowed event, the
//! lifecycle diagram, the reports, the follow-up day), the JSON API (intake, a complaint with its `ETag`,
//! events with `If-Match` and `Idempotency-Key`, the due query), sign-in
//! with sessions and API tokens, CSRF tokens on every form, and errors as
//! RFC 9457 problem documents. The crate's rules decide every event, with the signed-in user
//! as the actor: the desk never guesses what a role may do.
//!
//! The routes are generic over the complaint store
//! ([`ComplaintStore`](complaint_workflow::store::ComplaintStore));
//! `complaint-desk` runs them on the SQLite store
//! ([`SqliteStore`](complaint_workflow_sqlite::SqliteStore)) or, given a
//! `postgres://` URL, on the PostgreSQL store
//! ([`PostgresStore`](complaint_workflow_postgres::PostgresStore)), whose
//! pool also holds the desk's own tables (users, sessions, API tokens).
//!
//! - [`configuration`]: the settings, [`Settings`](configuration::Settings).
//! - [`startup`]: the backend, migrations, state, router and serving.
//! - [`database`]: the desk's tables on either backend, and their migrations.
//! - [`due_worker`]: the due-worker, applying what complaints are owed.
//! - [`checkpoint_worker`]: the checkpoint worker, signing the chain heads
//!   of changed complaints (A1); [`checkpoint_key`]: its key files.
//! - [`api`]: the JSON routes, one file per resource.
//! - [`pages`]: the HTML pages (sign-in, intake, queues, the complaint page
//!   with one form per allowed event, the diagram), CSRF tokens, English and
//!   Simplified Chinese.
//! - [`open_complaints`]: the owner's queue, a projection of the change feed.
//! - [`report_index`]: the complaints of a report's period and the
//!   follow-up slots owed, a projection of the change feed.
//! - [`auth`]: users, passwords, sessions, tokens, the sign-in rate limit.
//! - [`problem`]: problem documents.
//! - [`damaged`]: a complaint whose stored history does not check out.
//! - [`demo`]: `--demo`'s month of generated complaints.
//! - [`openapi`]: the OpenAPI description at `/api/openapi.json`.
//! - [`telemetry`]: logs without personal data.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod auth;
pub mod checkpoint_key;
pub mod checkpoint_worker;
pub mod configuration;
pub mod damaged;
pub mod database;
pub mod demo;
pub mod due_worker;
pub mod open_complaints;
pub mod openapi;
pub mod pages;
pub mod problem;
mod projection;
pub mod report_index;
pub mod startup;
pub mod telemetry;
