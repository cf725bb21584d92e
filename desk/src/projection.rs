//! The catch-up loop the desk's projections share: read the store's change
//! feed from a subscriber's checkpoint, load each complaint the batch
//! touched once, hand its record to the projection's writer, and save the
//! checkpoint after the batch. A crash between a write and the checkpoint
//! replays the batch; each writer replaces a complaint's rows whole, so a
//! replayed batch changes nothing.

use complaint_workflow::{ComplaintId, ComplaintRecord};

use crate::database::Database;
use crate::startup::{AppState, DeskStore};

/// How many feed entries one catch-up step reads.
const BATCH: usize = 500;

/// Brings the projection of `subscriber` up to the feed's end, writing each
/// changed complaint's record with `write`.
///
/// # Errors
///
/// When the store or the database fails (as text: the two error types differ).
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
            let record = state.complaints.load(id).await.map_err(|e| e.to_string())?;
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
