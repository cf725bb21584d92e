//! The PostgreSQL store against a real server: concurrent writers, faults,
//! due-workers, erasure, repeated commands, the change feed and its
//! subscribers, migrations. Every test works in a schema of its own (named
//! after it, on the pool's `search_path`), so they run in parallel.
//!
//! Needs `DATABASE_URL` (`.ci/postgres.sh` starts a throwaway server and
//! exports it); without it each test prints that it was skipped, and fails
//! when `CI` is set.

#[path = "store/support.rs"]
mod support;

#[path = "store/audit.rs"]
mod audit;
#[path = "store/commands.rs"]
mod commands;
#[path = "store/contention.rs"]
mod contention;
#[path = "store/due_workers.rs"]
mod due_workers;
#[path = "store/erasure.rs"]
mod erasure;
#[path = "store/faults.rs"]
mod faults;
#[path = "store/feed.rs"]
mod feed;
#[path = "store/migrations.rs"]
mod migrations;
