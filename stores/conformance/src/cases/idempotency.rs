//! Case 3: one command sent by many writers at once is stored once.

use complaint_workflow::record::Entry;
use complaint_workflow::store::{Applied, ComplaintStore, StoreError};
use complaint_workflow::{ComplaintId, ComplaintRecord, Severity, TransitionError};

use crate::cases::race::joined;
use crate::fixtures::{
    Driver, Expect, accept, check, check_eq, ctx, fail, fresh, minute, note, refused, start,
    unchanged, whole_feed,
};
use crate::{Harness, Report, Scale};

const CASE: &str = "idempotent_commands";
const INTAKE: &str = "conformance-intake";
const NOTE: &str = "conformance-note";

/// Case 3: `scale.writers` writers (at least 2) send the same intake under
/// one command id at once: one complaint with one entry is stored, every
/// writer gets the same entries back, `repeated` is true for all but one.
/// Then the same for a note on that complaint. A command id is unique per
/// store: the note's command on another complaint is refused by the driver
/// (`CommandReused`) and by the store (an `append` or a `create` holding a
/// stored command id is a conflict), and nothing is written.
///
/// # Panics
///
/// When a check fails, naming the case and what broke.
pub async fn idempotent_commands<H: Harness>(harness: &H, scale: Scale) -> Report {
    let driver = fresh(harness).await;
    let writers = scale.writers.max(2);
    let mut report = Report {
        cases: 1,
        ..Report::default()
    };

    let intakes: Vec<_> = (0..writers)
        .map(|_| {
            let driver = driver.clone();
            tokio::spawn(async move {
                let ctx = ctx(start()).with_command(INTAKE);
                driver.create(accept(0, Severity::Medium), None, &ctx).await
            })
        })
        .collect();
    let mut created = Vec::with_capacity(writers);
    for handle in intakes {
        created.push(joined(CASE, handle.await).or_fail(CASE, "sending the same intake"));
    }
    report.conflicts += once(&created, "the same intake");
    let first = created.first().or_fail(CASE, "no intake came back");
    let id = first.complaint_id;
    check(
        CASE,
        created.iter().all(|applied| applied.complaint_id == id),
        || "the writers of one intake got different complaints back".to_owned(),
    );
    check_eq(CASE, &first.entries.len(), &1, "the entries of an intake");
    let feed = whole_feed(CASE, &driver).await;
    check_eq(
        CASE,
        &feed.len(),
        &1,
        "one intake sent by many writers: entries in the feed",
    );
    stored_are(&driver, id, &first.entries).await;

    let notes: Vec<_> = (0..writers)
        .map(|_| {
            let driver = driver.clone();
            tokio::spawn(async move {
                let ctx = ctx(minute(1)).with_command(NOTE);
                driver.apply(id, note("call the customer back"), &ctx).await
            })
        })
        .collect();
    let mut sent = Vec::with_capacity(writers);
    for handle in notes {
        sent.push(joined(CASE, handle.await).or_fail(CASE, "sending the same note"));
    }
    report.conflicts += once(&sent, "the same note");
    let note_entries = &sent.first().or_fail(CASE, "no note came back").entries;
    check_eq(CASE, &note_entries.len(), &1, "the entries of a note");
    let mut expected = first.entries.clone();
    expected.extend(note_entries.iter().cloned());
    stored_are(&driver, id, &expected).await;
    report.conflicts += unique_per_store(&driver).await;
    report
}

/// The note's command id on another complaint, and the intake's on a new
/// one, are refused: the conflicts the store answered with.
async fn unique_per_store<S: ComplaintStore + complaint_workflow::store::ChangeFeed>(
    driver: &Driver<S>,
) -> u64 {
    let other = driver
        .create(accept(1, Severity::Low), None, &ctx(start()))
        .await
        .or_fail(CASE, "creating a second complaint")
        .complaint_id;
    let before = driver
        .store()
        .entries(other)
        .await
        .or_fail(CASE, "reading the entries");
    let feed = whole_feed(CASE, driver).await;
    let reused = ctx(minute(1)).with_command(NOTE);
    match driver
        .apply(other, note("call the customer back"), &reused)
        .await
    {
        Err(StoreError::Transition(TransitionError::CommandReused { .. })) => {}
        result => fail(
            CASE,
            format_args!(
                "a command id stored on another complaint: expected CommandReused, got {result:?}"
            ),
        ),
    }
    let mut record = ComplaintRecord::replay(before.clone()).or_fail(CASE, "replaying");
    let loaded = record.version();
    record
        .apply(note("call the customer back"), &reused)
        .or_fail(CASE, "applying the note to the second complaint's record");
    let result = driver.store().append(loaded, &record).await;
    refused(
        CASE,
        "an append holding a command id stored on another complaint",
        result,
        None,
    );
    unchanged(
        CASE,
        driver,
        other,
        &before,
        &feed,
        "an append holding a stored command id",
    )
    .await;
    let again =
        ComplaintRecord::accept(accept(2, Severity::Low), &ctx(start()).with_command(INTAKE))
            .or_fail(CASE, "accepting a third complaint");
    let result = driver.store().create(&again, None).await;
    refused(CASE, "a create holding a stored command id", result, None);
    unchanged(
        CASE,
        driver,
        again.id(),
        &[],
        &feed,
        "a create holding a stored command id",
    )
    .await;
    2
}

/// Checks that exactly one of `applied` stored something and all got the
/// same entries; the conflicts they met.
fn once(applied: &[Applied], what: &str) -> u64 {
    let stored = applied.iter().filter(|applied| !applied.repeated).count();
    check_eq(
        CASE,
        &stored,
        &1,
        &format!(
            "{what} sent by {} writers at once: how many were not `repeated`",
            applied.len()
        ),
    );
    let first = applied.first().map(|applied| &applied.entries);
    check(
        CASE,
        applied
            .iter()
            .all(|applied| Some(&applied.entries) == first),
        || format!("{what} sent by many writers: they got different entries back"),
    );
    applied
        .iter()
        .map(|applied| u64::from(applied.conflicts))
        .sum()
}

/// Checks that complaint `id` holds `expected`.
async fn stored_are<S: ComplaintStore + complaint_workflow::store::ChangeFeed>(
    driver: &Driver<S>,
    id: ComplaintId,
    expected: &[Entry],
) {
    let entries = driver
        .store()
        .entries(id)
        .await
        .or_fail(CASE, "reading the entries");
    check_eq(
        CASE,
        &entries.as_slice(),
        &expected,
        "a command sent by many writers is stored once",
    );
}
