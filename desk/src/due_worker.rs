//! The due-worker inside the service (W1, W3, F5): every few seconds it
//! claims the complaints that are due through the store crate's lease
//! ([`DueClaims`]: `claim_due` on SQLite, `claim_due` under `FOR UPDATE SKIP
//! LOCKED` on PostgreSQL), applies what each is owed at that time
//! ([`ComplaintRecord::owed`](complaint_workflow::ComplaintRecord::owed): alarms, escalation levels, follow-up
//! give-ups) as entries by the system actor [`SYSTEM_ACTOR`], and releases
//! the claim. The entries are ordinary history entries: the complaint page's
//! timeline shows them.
//!
//! A complaint is settled in one conditional append ([`settle`]): the
//! record is loaded once, every owed event applied to it in order, and the
//! new entries appended only after the version loaded. Two workers holding
//! the same complaint (a lease run out under a slow worker) load the same
//! version and append after it once between them: the other is refused
//! with a conflict and writes nothing. Each event carries a command id
//! derived from the complaint, the version loaded and the owed item
//! ([`command_id`]), so a retried round of the same version is recognised by
//! the history.
//!
//! Logs name the worker, complaint ids and counts, never a complainant or
//! any text of a complaint.

use std::time::Duration;

use chrono::{DateTime, Utc};
use complaint_workflow::record::Owed;
use complaint_workflow::store::{AppendError, ComplaintStore, Complaints, DueComplaint};
use complaint_workflow::{Actor, ComplaintId, Context, Policy};
use complaint_workflow_postgres::PostgresStore;
use complaint_workflow_sqlite::SqliteStore;
use tokio::sync::watch;

use crate::configuration::WorkerSettings;

/// The actor id of the entries the due-worker appends, with the front-line
/// role (`Role::required_for` gives the agent's role to alarms, escalations
/// and give-ups). A user name cannot hold `:`, so no staff member shares it.
pub const SYSTEM_ACTOR: &str = "system:due-worker";

/// The due-worker's actor.
#[must_use]
pub fn system_actor() -> Actor {
    Actor::agent(SYSTEM_ACTOR)
}

/// A complaint store whose due complaints can be claimed by one worker at a
/// time, under a lease: the store crates' `claim_due` and `release`.
pub trait DueClaims: ComplaintStore {
    /// Claims up to `limit` complaints due before `now` for `worker`, until
    /// `now + lease`, earliest first.
    fn claim_due(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<DueComplaint>, Self::Error>> + Send;

    /// Ends `worker`'s claim on complaint `id`; whether it held one.
    fn release(
        &self,
        worker: &str,
        id: ComplaintId,
    ) -> impl Future<Output = Result<bool, Self::Error>> + Send;
}

impl DueClaims for SqliteStore {
    fn claim_due(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<DueComplaint>, Self::Error>> + Send {
        SqliteStore::claim_due(self, worker, now, lease, limit)
    }

    fn release(
        &self,
        worker: &str,
        id: ComplaintId,
    ) -> impl Future<Output = Result<bool, Self::Error>> + Send {
        SqliteStore::release(self, worker, id)
    }
}

impl DueClaims for PostgresStore {
    fn claim_due(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<DueComplaint>, Self::Error>> + Send {
        PostgresStore::claim_due(self, worker, now, lease, limit)
    }

    fn release(
        &self,
        worker: &str,
        id: ComplaintId,
    ) -> impl Future<Output = Result<bool, Self::Error>> + Send {
        PostgresStore::release(self, worker, id)
    }
}

/// What one complaint's settling did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// This many entries were appended.
    Applied(usize),
    /// Nothing was owed (or every owed event was refused).
    Nothing,
    /// Another writer appended after the version loaded: nothing was
    /// written; the complaint is claimed again in a later round if still due.
    Conflict,
}

/// What a round did, summed over the complaints it claimed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    /// Complaints claimed.
    pub claimed: usize,
    /// Entries appended.
    pub applied: usize,
    /// Complaints left because another writer came first.
    pub conflicts: usize,
    /// Owed events the rules refused, and complaints that failed to load or
    /// to be written (each logged).
    pub failed: usize,
}

/// Why a round stopped before it settled what it claimed.
#[derive(Debug)]
pub struct RoundError {
    /// What failed.
    pub what: &'static str,
    /// The store's message.
    pub message: String,
}

impl std::fmt::Display for RoundError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "due-worker: {}: {}", self.what, self.message)
    }
}

impl std::error::Error for RoundError {}

/// The command id of an owed event: the complaint, the version it was owed
/// at, and the item (its deadline and level, or its attempts), so that the
/// same item owed again later (an extended deadline warns again; a
/// follow-up after a reopen gives up again) gets an id of its own.
#[must_use]
pub fn command_id(complaint: ComplaintId, version: u64, owed: &Owed) -> String {
    let item = match owed {
        Owed::Alarm {
            deadline, level, ..
        } => format!("alarm {deadline} {level}"),
        Owed::Escalation {
            deadline, level, ..
        } => format!("escalation {deadline} level {level}"),
        Owed::FollowUpGiveUp { attempts } => format!("follow-up give-up after {attempts}"),
    };
    format!("due-worker/{complaint}/v{version}/{item}")
}

/// Loads complaint `id`, applies every event it is owed at `now` as the
/// [system actor](system_actor) under `policy`, and appends them in one
/// conditional append after the version loaded.
///
/// # Errors
///
/// A message when the complaint does not load or the store fails to write.
pub async fn settle<S: ComplaintStore>(
    complaints: &Complaints<S>,
    policy: &Policy,
    id: ComplaintId,
    now: DateTime<Utc>,
) -> Result<(Settled, usize), RoundError> {
    let mut record = complaints.load(id).await.map_err(|e| RoundError {
        what: "loading a claimed complaint",
        message: e.to_string(),
    })?;
    let loaded = record.version();
    let owed = record.owed(now);
    let base = Context::new(system_actor(), now, policy);
    let mut refused = 0;
    for item in &owed {
        let ctx = base.clone().with_command(command_id(id, loaded, item));
        if let Err(error) = record.apply(item.event(), &ctx) {
            refused += 1;
            tracing::warn!(complaint = %id, event = %item.event().kind(), %error,
                "due-worker: an owed event was refused");
        }
    }
    let appended = usize::try_from(record.version().saturating_sub(loaded)).unwrap_or(usize::MAX);
    if appended == 0 {
        return Ok((Settled::Nothing, refused));
    }
    match complaints.store().append(loaded, &record).await {
        Ok(()) => Ok((Settled::Applied(appended), refused)),
        Err(AppendError::Conflict(_)) => Ok((Settled::Conflict, refused)),
        Err(AppendError::Store(e)) => Err(RoundError {
            what: "appending owed entries",
            message: e.to_string(),
        }),
    }
}

/// One round: claims up to `batch` complaints due before `now` for
/// `worker` (leased for `lease`), settles each ([`settle`]) and releases it.
///
/// # Errors
///
/// When the claim fails; a complaint that fails is logged, counted in
/// [`Round::failed`] and released.
pub async fn round<S: DueClaims>(
    complaints: &Complaints<S>,
    policy: &Policy,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    batch: usize,
) -> Result<Round, RoundError> {
    let lease = chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::MAX);
    let store = complaints.store();
    let claimed = store
        .claim_due(worker, now, lease, batch)
        .await
        .map_err(|e| RoundError {
            what: "claiming due complaints",
            message: e.to_string(),
        })?;
    let mut done = Round {
        claimed: claimed.len(),
        ..Round::default()
    };
    for due in claimed {
        let id = due.complaint_id;
        match settle(complaints, policy, id, now).await {
            Ok((settled, refused)) => {
                done.failed += refused;
                match settled {
                    Settled::Applied(n) => done.applied += n,
                    Settled::Conflict => done.conflicts += 1,
                    Settled::Nothing => {}
                }
                tracing::debug!(%worker, complaint = %id, ?settled, "due-worker: settled");
            }
            Err(error) => {
                done.failed += 1;
                tracing::warn!(%worker, complaint = %id, %error, "due-worker: not settled");
            }
        }
        if let Err(error) = store.release(worker, id).await {
            tracing::warn!(%worker, complaint = %id, %error, "due-worker: release failed");
        }
    }
    Ok(done)
}

/// Starts the due-worker as a tokio task: a [`round`] every
/// `settings.interval` (the first at once) until `stop` changes or its
/// sender is dropped. A round in progress finishes first. The task ends
/// with the worker.
pub fn spawn<S: DueClaims + Clone + 'static>(
    complaints: Complaints<S>,
    policy: std::sync::Arc<Policy>,
    settings: WorkerSettings,
    worker: String,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tracing::info!(%worker, interval_ms = settings.interval.as_millis(),
            batch = settings.batch, "due-worker started");
        loop {
            if *stop.borrow() {
                break;
            }
            match round(
                &complaints,
                &policy,
                &worker,
                Utc::now(),
                settings.lease,
                settings.batch,
            )
            .await
            {
                Ok(done) if done.claimed > 0 => tracing::info!(
                    %worker,
                    claimed = done.claimed,
                    applied = done.applied,
                    conflicts = done.conflicts,
                    failed = done.failed,
                    "due-worker round"
                ),
                Ok(_) => {}
                Err(error) => tracing::warn!(%worker, %error, "due-worker round failed"),
            }
            tokio::select! {
                changed = stop.changed() => {
                    if changed.is_err() || *stop.borrow() {
                        break;
                    }
                }
                () = tokio::time::sleep(settings.interval) => {}
            }
        }
        tracing::info!(%worker, "due-worker stopped");
    })
}
