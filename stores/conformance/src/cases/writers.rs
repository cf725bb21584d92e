//! Case 4: writers racing on one complaint, then on many, until the scale's
//! conflicts are reached; nothing lost, nothing twice.

use crate::cases::race::{complaints, race, verify};
use crate::fixtures::{Driver, check, fresh};
use crate::{Harness, Report, Scale};

const CASE: &str = "concurrent_writers";

/// Notes each writer adds in one round: the complaints of a round stay small
/// (a few hundred entries), as replaying them on every attempt costs.
const NOTES_PER_WRITER: usize = 25;

/// Rounds in a row without a single conflict before the case gives up: the
/// writers never meet.
const MAX_IDLE_ROUNDS: usize = 20;

/// Case 4: `scale.writers` writers (at least 2) add notes through
/// [`Complaints::apply`](complaint_workflow::store::Complaints::apply), each
/// under its own command id, in rounds on fresh complaints: first all on
/// one complaint until half of `scale.conflicts` appends were refused, then
/// on `scale.complaints` complaints until all of them were (at least one
/// round each). After every round: no note is lost, none is stored twice,
/// every history replays and its versions are contiguous.
///
/// # Panics
///
/// When a check fails, naming the case, the round and what broke; when no
/// writer met another in 20 rounds in a row (a store whose futures never
/// wait, on a current-thread runtime).
pub async fn concurrent_writers<H: Harness>(harness: &H, scale: Scale) -> Report {
    let driver = fresh(harness).await;
    let writers = scale.writers.max(2);
    let mut report = Report {
        cases: 1,
        ..Report::default()
    };
    let mut round = 0;
    rounds(
        &driver,
        &mut round,
        &mut report,
        1,
        writers,
        scale.conflicts / 2,
    )
    .await;
    rounds(
        &driver,
        &mut round,
        &mut report,
        scale.complaints.max(1),
        writers,
        scale.conflicts,
    )
    .await;
    report
}

/// Rounds on `count` fresh complaints until `report.conflicts` reaches
/// `target` (at least one).
async fn rounds<S>(
    driver: &Driver<S>,
    round: &mut usize,
    report: &mut Report,
    count: usize,
    writers: usize,
    target: u64,
) where
    S: complaint_workflow::store::ComplaintStore + complaint_workflow::store::ChangeFeed + 'static,
{
    let mut idle = 0;
    loop {
        let ids = complaints(CASE, driver, count).await;
        let race = race(CASE, driver, *round, &ids, writers, NOTES_PER_WRITER).await;
        let found = verify(CASE, driver, &ids, &race.written).await;
        report.conflicts += race.conflicts;
        report.lost += found.lost;
        report.duplicated += found.duplicated;
        check(CASE, found.lost == 0 && found.duplicated == 0, || {
            format!(
                "round {round} ({writers} writers on {count} complaints): {} notes lost, {} stored twice",
                found.lost,
                found.duplicated,
                round = *round
            )
        });
        *round += 1;
        if report.conflicts >= target {
            return;
        }
        idle = if race.conflicts == 0 { idle + 1 } else { 0 };
        check(CASE, idle < MAX_IDLE_ROUNDS, || {
            format!(
                "no writer met another in {idle} rounds: the store's futures never wait and the \
                 runtime runs one task at a time (use #[tokio::test(flavor = \"multi_thread\")])"
            )
        });
    }
}
