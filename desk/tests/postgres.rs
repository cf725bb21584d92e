//! The desk on PostgreSQL, against a real server: a representative part of
//! the HTTP tests through the real router (`http`), and two real
//! `complaint-desk` processes whose due-workers share one database
//! (`two_desks`), and the checkpoint worker of two desks over one schema
//! (`checkpoints`). Every test works in a schema of its own (on the
//! connections' `search_path`).
//!
//! Needs `DATABASE_URL` (`source .ci/postgres.sh` starts a throwaway server
//! and exports it); without it each test prints that it was skipped, and
//! fails when `CI` is set.

mod postgres {
    mod checkpoints;
    mod http;
    mod support;
    mod two_desks;
}
