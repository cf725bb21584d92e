//! Racing writers: tokio tasks adding notes through the driver to the same
//! complaints at once, and the check afterwards that every note they were
//! told was stored is there exactly once.

use std::collections::HashMap;
use std::sync::Arc;

use complaint_workflow::record::Entry;
use complaint_workflow::store::{ChangeFeed, ComplaintStore};
use complaint_workflow::{ComplaintId, ComplaintRecord, Severity};
use tokio::sync::Barrier;
use tokio::task::JoinSet;

use crate::fixtures::{Driver, Expect, accept, check, check_eq, ctx, fail, minute, note, start};

/// What the writers of one round did.
pub(crate) struct Race {
    /// Appends the store refused (summed from `Applied::conflicts`).
    pub(crate) conflicts: u64,
    /// Every note the driver said was stored, with its complaint.
    pub(crate) written: Vec<(ComplaintId, String)>,
}

/// What [`verify`] found.
pub(crate) struct Found {
    /// Notes written and not stored.
    pub(crate) lost: u64,
    /// Notes stored more often than written, and notes nobody wrote.
    pub(crate) duplicated: u64,
}

/// Creates `count` complaints to race on.
pub(crate) async fn complaints<S>(
    case: &'static str,
    driver: &Driver<S>,
    count: usize,
) -> Vec<ComplaintId>
where
    S: ComplaintStore + ChangeFeed + 'static,
{
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let applied = driver
            .create(accept(n, Severity::Medium), None, &ctx(start()))
            .await
            .or_fail(case, "creating a complaint to race on");
        ids.push(applied.complaint_id);
    }
    ids
}

/// `writers` tasks, each adding `notes` notes (each under its own command
/// id) to `ids`, all in step (a barrier between two steps): at step `k`,
/// writer `w` writes to complaint `(k + w / 2) mod ids.len()`, so that the
/// writers meet in pairs on as many complaints at once as there are pairs
/// (all of them on one complaint when there is one), and in a round every
/// complaint is met on.
pub(crate) async fn race<S>(
    case: &'static str,
    driver: &Driver<S>,
    round: usize,
    ids: &[ComplaintId],
    writers: usize,
    notes: usize,
) -> Race
where
    S: ComplaintStore + ChangeFeed + 'static,
{
    let ids: Arc<[ComplaintId]> = ids.into();
    let step = Arc::new(Barrier::new(writers));
    // Dropped on a panic, the set aborts the writers still waiting for the
    // one that failed.
    let mut tasks = JoinSet::new();
    for writer in 0..writers {
        let driver = driver.clone();
        let ids = Arc::clone(&ids);
        let step = Arc::clone(&step);
        tasks.spawn(async move {
            let mut conflicts = 0;
            let mut written = Vec::with_capacity(notes);
            for k in 0..notes {
                step.wait().await;
                let index = (k + writer / 2) % ids.len().max(1);
                let id = *ids.get(index).or_fail(case, "no complaint to race on");
                let text = format!("round {round} writer {writer} note {k}");
                let ctx = ctx(minute(1)).with_command(text.as_str());
                let applied = driver.apply(id, note(&text), &ctx).await.or_fail(
                    case,
                    &format!("writer {writer} adding `{text}` to complaint {id}"),
                );
                check(
                    case,
                    !applied.repeated && applied.entries.len() == 1,
                    || {
                        format!(
                            "`{text}` (a new command) came back as {} entries, repeated: {}",
                            applied.entries.len(),
                            applied.repeated
                        )
                    },
                );
                conflicts += u64::from(applied.conflicts);
                written.push((id, text));
            }
            (conflicts, written)
        });
    }
    let mut race = Race {
        conflicts: 0,
        written: Vec::new(),
    };
    while let Some(result) = tasks.join_next().await {
        let (conflicts, written) = joined(case, result);
        race.conflicts += conflicts;
        race.written.extend(written);
    }
    race
}

/// The output of a task; a task's panic goes on as the case's.
pub(crate) fn joined<T>(case: &str, result: Result<T, tokio::task::JoinError>) -> T {
    match result {
        Ok(output) => output,
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        Err(error) => fail(case, format_args!("a writer task did not finish: {error}")),
    }
}

/// Loads every complaint of `ids` and checks it: its history replays, its
/// sequence numbers run 1, 2, … without a gap, the driver loads the same
/// record; then counts the notes of `written` that are missing or stored
/// more than once.
pub(crate) async fn verify<S>(
    case: &'static str,
    driver: &Driver<S>,
    ids: &[ComplaintId],
    written: &[(ComplaintId, String)],
) -> Found
where
    S: ComplaintStore + ChangeFeed + 'static,
{
    let mut found = Found {
        lost: 0,
        duplicated: 0,
    };
    for &id in ids {
        let entries = driver
            .store()
            .entries(id)
            .await
            .or_fail(case, &format!("reading the entries of complaint {id}"));
        let sequences: Vec<u64> = entries.iter().map(Entry::sequence).collect();
        let contiguous: Vec<u64> = (1..=entries.len() as u64).collect();
        check_eq(
            case,
            &sequences,
            &contiguous,
            &format!("the versions of complaint {id} are not contiguous"),
        );
        let record = ComplaintRecord::replay(entries).or_fail(
            case,
            &format!("the stored history of complaint {id} does not replay"),
        );
        let loaded = driver
            .load(id)
            .await
            .or_fail(case, &format!("loading complaint {id}"));
        check_eq(
            case,
            &loaded,
            &record,
            &format!("the driver loads complaint {id} as its replayed entries"),
        );
        let mut notes: HashMap<&str, u64> = HashMap::new();
        for (_, text) in record.notes() {
            *notes.entry(text).or_default() += 1;
        }
        for (_, text) in written.iter().filter(|(of, _)| *of == id) {
            match notes.remove(text.as_str()) {
                None => found.lost += 1,
                Some(count) => found.duplicated += count - 1,
            }
        }
        // What is left nobody wrote (or it was written twice under one text).
        found.duplicated += notes.values().sum::<u64>();
    }
    found
}
