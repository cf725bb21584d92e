//! The checkpoint worker inside the service (A1): every
//! [`interval`](crate::configuration::CheckpointSettings::interval) (15
//! minutes by default) it signs the chain heads (id, version, head hash) of
//! every complaint whose version changed since its last checkpoint, with
//! the desk's key ([`CheckpointKey`]), and saves them in the store's
//! `chain_checkpoints` table ([`ChainCheckpoints`]: the store crates'
//! `save_chain_checkpoint`).
//!
//! A round asks the store for the complaints whose version is above the
//! highest version any checkpoint signed of them
//! (`changed_since_checkpoint`, by id, at most
//! [`batch`](crate::configuration::CheckpointSettings::batch) at a time),
//! loads each (replay verifies its chain: a history that does not verify
//! is logged and not signed), and signs one checkpoint per batch, one head
//! per complaint. An unchanged complaint is not signed again.
//!
//! **Two desks at once.** A checkpoint's time is the time of the newest
//! entry it signs, not the time of the round, so two desks that sign the
//! same heads with the same key sign the same bytes; Ed25519 signatures are
//! deterministic, and the store keeps a signature once (its
//! `chain_checkpoints.signature` is unique): the same checkpoint is saved
//! once. A desk whose round comes second finds the complaints signed and
//! signs nothing.
//!
//! Logs name counts and key ids, never a complaint's text.

use std::time::Duration;

use chrono::{DateTime, Utc};
use complaint_workflow::ComplaintId;
use complaint_workflow::audit::{self, Checkpoint};
use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow_postgres::PostgresStore;
use complaint_workflow_sqlite::SqliteStore;
use tokio::sync::watch;

use crate::checkpoint_key::CheckpointKey;

/// A complaint store that keeps signed checkpoints: the store crates'
/// `save_chain_checkpoint`, `latest_chain_checkpoint` and
/// `changed_since_checkpoint`.
pub trait ChainCheckpoints: ComplaintStore {
    /// Keeps `checkpoint`; saving the same one again changes nothing.
    fn save_chain_checkpoint(
        &self,
        checkpoint: &Checkpoint,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send;

    /// The checkpoint of the highest version of `complaint`, if any.
    fn latest_chain_checkpoint(
        &self,
        complaint: ComplaintId,
    ) -> impl Future<Output = Result<Option<Checkpoint>, Self::Error>> + Send;

    /// Up to `limit` complaints (with their versions) whose version is
    /// above the highest any checkpoint signed, by id, after `after`.
    fn changed_since_checkpoint(
        &self,
        after: Option<ComplaintId>,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<(ComplaintId, u64)>, Self::Error>> + Send;
}

impl ChainCheckpoints for SqliteStore {
    fn save_chain_checkpoint(
        &self,
        checkpoint: &Checkpoint,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send {
        SqliteStore::save_chain_checkpoint(self, checkpoint)
    }

    fn latest_chain_checkpoint(
        &self,
        complaint: ComplaintId,
    ) -> impl Future<Output = Result<Option<Checkpoint>, Self::Error>> + Send {
        SqliteStore::latest_chain_checkpoint(self, complaint)
    }

    fn changed_since_checkpoint(
        &self,
        after: Option<ComplaintId>,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<(ComplaintId, u64)>, Self::Error>> + Send {
        SqliteStore::changed_since_checkpoint(self, after, limit)
    }
}

impl ChainCheckpoints for PostgresStore {
    fn save_chain_checkpoint(
        &self,
        checkpoint: &Checkpoint,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send {
        PostgresStore::save_chain_checkpoint(self, checkpoint)
    }

    fn latest_chain_checkpoint(
        &self,
        complaint: ComplaintId,
    ) -> impl Future<Output = Result<Option<Checkpoint>, Self::Error>> + Send {
        PostgresStore::latest_chain_checkpoint(self, complaint)
    }

    fn changed_since_checkpoint(
        &self,
        after: Option<ComplaintId>,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<(ComplaintId, u64)>, Self::Error>> + Send {
        PostgresStore::changed_since_checkpoint(self, after, limit)
    }
}

/// What a round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckpointRound {
    /// Checkpoints signed and saved (one per batch).
    pub checkpoints: usize,
    /// Chain heads they sign: complaints checkpointed.
    pub heads: usize,
    /// Complaints listed that did not load (each logged), left for the
    /// next round.
    pub failed: usize,
}

/// Why a round stopped.
#[derive(Debug)]
pub struct CheckpointRoundError {
    /// What failed.
    pub what: &'static str,
    /// The store's (or the signature's) message.
    pub message: String,
}

impl std::fmt::Display for CheckpointRoundError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "checkpoint worker: {}: {}", self.what, self.message)
    }
}

impl std::error::Error for CheckpointRoundError {}

/// One round (A1): lists the complaints changed since their last
/// checkpoint, `batch` at a time, loads each and saves one checkpoint of
/// their heads per batch, signed with `key`, dated by its newest entry.
///
/// # Errors
///
/// When the store cannot list the complaints or save a checkpoint, or a
/// checkpoint cannot be signed; what was saved before stays.
pub async fn round<S: ChainCheckpoints>(
    complaints: &Complaints<S>,
    key: &CheckpointKey,
    batch: usize,
) -> Result<CheckpointRound, CheckpointRoundError> {
    let store = complaints.store();
    let batch = batch.max(1);
    let mut done = CheckpointRound::default();
    let mut after = None;
    loop {
        let changed = store
            .changed_since_checkpoint(after, batch)
            .await
            .map_err(|e| CheckpointRoundError {
                what: "listing the complaints changed since their checkpoint",
                message: e.to_string(),
            })?;
        let Some(&(last, _)) = changed.last() else {
            break;
        };
        after = Some(last);
        let mut heads = Vec::with_capacity(changed.len());
        let mut newest: Option<DateTime<Utc>> = None;
        for &(id, _) in &changed {
            match complaints.load(id).await {
                Ok(record) => {
                    let at = record.entries().last().map(|entry| entry.at());
                    newest = newest.max(at);
                    heads.push(record.chain_head());
                }
                Err(error) => {
                    done.failed += 1;
                    tracing::warn!(complaint = %id, %error,
                        "checkpoint worker: a complaint did not load; not signed");
                }
            }
        }
        if !heads.is_empty() {
            let signed = heads.len();
            let at = newest.unwrap_or_else(Utc::now);
            let checkpoint =
                audit::sign(heads, at, key.signing_key(), key.id().clone()).map_err(|e| {
                    CheckpointRoundError {
                        what: "signing a checkpoint",
                        message: e.to_string(),
                    }
                })?;
            store
                .save_chain_checkpoint(&checkpoint)
                .await
                .map_err(|e| CheckpointRoundError {
                    what: "saving a checkpoint",
                    message: e.to_string(),
                })?;
            done.checkpoints += 1;
            done.heads += signed;
        }
        if changed.len() < batch {
            break;
        }
    }
    Ok(done)
}

/// Starts the checkpoint worker as a tokio task: a [`round`] every
/// `interval` (the first at once) until `stop` changes or its sender is
/// dropped. A round in progress finishes first. The task ends with the
/// worker.
pub fn spawn<S: ChainCheckpoints + Clone + 'static>(
    complaints: Complaints<S>,
    key: CheckpointKey,
    interval: Duration,
    batch: usize,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tracing::info!(key_id = %key.id(), public_key = %key.public_hex(),
            interval_s = interval.as_secs(), batch, "checkpoint worker started");
        loop {
            if *stop.borrow() {
                break;
            }
            match round(&complaints, &key, batch).await {
                Ok(done) if done.heads > 0 || done.failed > 0 => tracing::info!(
                    key_id = %key.id(),
                    checkpoints = done.checkpoints,
                    heads = done.heads,
                    failed = done.failed,
                    "checkpoint round"
                ),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "checkpoint round failed"),
            }
            tokio::select! {
                changed = stop.changed() => {
                    if changed.is_err() || *stop.borrow() {
                        break;
                    }
                }
                () = tokio::time::sleep(interval) => {}
            }
        }
        tracing::info!("checkpoint worker stopped");
    })
}
