//! The catch-up loop the desk's projections share: read the store's change
//! feed from a subscriber's checkpoint, load each complaint the batch
//! touched once, hand its record to the projection's writer, and save the
//! checkpoint after the batch. A crash between a write and the checkpoint
//! replays the batch; each writer replaces a complaint's rows whole, so a
//! replayed batch changes nothing.
//!
//! **A damaged history is skipped.** A complaint whose stored history does
//! not replay (a row edited in the database, a broken chain:
//! [`StoreError::Replay`]) is logged (`tracing::error!`, with the complaint,
//! the entry and the error) and skipped: its rows are left as they were,
//! the batch goes on and the checkpoint advances past it, so one damaged
//! complaint never stops a projection (nor every page that catches up
//! first). A skipped complaint's rows stay stale (or absent, if it was
//! damaged before its first entry was read) until its next feed entry;
//! nothing is written to a damaged history anyway (the driver refuses), so
//! that entry comes after it is repaired. The pages that read the rows load
//! each complaint again and show a damaged one as such. A store or database
//! failure still ends the catch-up with its error: it is worth a retry, and
//! the checkpoint stays where it was.

use complaint_workflow::store::StoreError;
use complaint_workflow::{ComplaintId, ComplaintRecord};

use crate::database::Database;
use crate::startup::{AppState, DeskStore};

/// How many feed entries one catch-up step reads.
const BATCH: usize = 500;

/// Brings the projection of `subscriber` up to the feed's end, writing each
/// changed complaint's record with `write`; a complaint whose history does
/// not replay is logged and skipped (see the module docs).
///
/// # Errors
///
/// When the store or the database fails (as text: the two error types
/// differ); never for a damaged history.
pub(crate) async fn catch_up<S: DeskStore>(
    state: &AppState<S>,
    subscriber: &str,
    write: impl AsyncFn(&Database, &ComplaintRecord) -> Result<(), sqlx::Error>,
) -> Result<(), String> {
    let store = state.complaints.store();
    let mut position = store
        .checkpoint(subscriber)
        .await
        .map_err(|e| e.to_string())?;
    loop {
        let batch = store
            .entries_after(position, BATCH)
            .await
            .map_err(|e| e.to_string())?;
        let Some(last) = batch.last() else {
            return Ok(());
        };
        position = last.position;
        let mut touched: Vec<ComplaintId> = batch.iter().map(|f| f.entry.complaint_id()).collect();
        touched.sort_unstable();
        touched.dedup();
        for id in touched {
            let record = match state.complaints.load(id).await {
                Ok(record) => record,
                Err(StoreError::Replay { complaint, source }) => {
                    tracing::error!(
                        subscriber,
                        %complaint,
                        sequence = ?crate::damaged::sequence_of(&source),
                        error = %source,
                        "a stored history does not replay: its rows are left as they were"
                    );
                    continue;
                }
                Err(error) => return Err(error.to_string()),
            };
            write(&state.pool, &record)
                .await
                .map_err(|e| e.to_string())?;
        }
        store
            .save_checkpoint(subscriber, position)
            .await
            .map_err(|e| e.to_string())?;
    }
}
