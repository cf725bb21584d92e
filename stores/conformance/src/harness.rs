//! [`Harness`]: how the suite gets a store; [`Scale`]: how hard it pushes.

use std::future::Future;

use complaint_workflow::ComplaintId;
use complaint_workflow::store::{ChangeFeed, ComplaintStore};

/// Makes a fresh, empty, migrated store for each case.
///
/// The suite shares the store between its writers itself (behind an `Arc`),
/// so a store need not be `Clone`.
pub trait Harness: Send + Sync {
    /// The store under test.
    type Store: ComplaintStore + ChangeFeed + Send + Sync + 'static;

    /// A store holding nothing: no complaint, no feed entry, no checkpoint
    /// (for a database: a new file, schema or database, migrated).
    fn fresh(&self) -> impl Future<Output = Self::Store> + Send;

    /// A3: rewrites the stored entries of complaint `id` as schema 1 (no
    /// seal), as a store written by an older version of the crate holds
    /// them, past the store's own guard on its rows. `false` when the
    /// harness cannot (the default): the write-back case is then skipped.
    fn store_as_schema_1(
        &self,
        store: &Self::Store,
        id: ComplaintId,
    ) -> impl Future<Output = bool> + Send {
        let _ = (store, id);
        async { false }
    }
}

/// How hard the concurrency cases push.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    /// How many writers race at once.
    pub writers: usize,
    /// On how many complaints the writers race in the many-complaints round
    /// (and how many complaints the due and feed cases make).
    pub complaints: usize,
    /// How many refused appends (conflicts) the racing cases go on until,
    /// counted across the suite.
    pub conflicts: u64,
}

impl Scale {
    /// 8 writers, 16 complaints, 10,000 conflicts in all.
    pub const FULL: Scale = Scale {
        writers: 8,
        complaints: 16,
        conflicts: 10_000,
    };

    /// 4 writers, 4 complaints, 100 conflicts: for a quick check.
    pub const QUICK: Scale = Scale {
        writers: 4,
        complaints: 4,
        conflicts: 100,
    };
}
