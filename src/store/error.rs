//! [`StoreError`]: what can go wrong between the driver and a store.

use crate::lifecycle::TransitionError;
use crate::record::{Conflict, ReplayError};
use crate::values::ComplaintId;

/// Why a [`Complaints`](super::Complaints) call did not go through. Nothing
/// was written, except where a variant says otherwise.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError<E> {
    /// The rules refused the event (a command id used for another event is
    /// also refused here).
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// Another writer won every attempt: the last conflict, after the
    /// driver's bounded number of attempts.
    #[error("{conflict} (gave up after {attempts} attempts)")]
    Conflict {
        /// The last refused append.
        conflict: Conflict,
        /// How many appends were tried.
        attempts: u32,
    },
    /// The stored history of a complaint does not replay: it is not written
    /// to until it is repaired.
    #[error("the stored history of complaint {complaint} does not replay: {source}")]
    Replay {
        /// The complaint.
        complaint: ComplaintId,
        /// Which entry and why.
        source: ReplayError,
    },
    /// The store holds no such complaint.
    #[error("no complaint {0} is stored")]
    NotFound(ComplaintId),
    /// The database said no.
    #[error("the store failed: {0}")]
    Store(#[source] E),
}
