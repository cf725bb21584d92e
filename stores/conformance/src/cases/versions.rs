//! Case 2: the expected version: a writer that lost the race is refused and
//! writes nothing.

use complaint_workflow::record::ExpectedVersion;
use complaint_workflow::store::ComplaintStore;
use complaint_workflow::{ComplaintRecord, Severity};

use crate::fixtures::{
    Expect, accept, check_eq, ctx, fresh, minute, note, refused, start, unchanged, whole_feed,
};
use crate::{Harness, Report, Scale};

const CASE: &str = "expected_version";

/// Case 2: two writers load the same version of a complaint; the first
/// `append` is stored, the second is refused with
/// [`AppendError::Conflict`](complaint_workflow::store::AppendError::Conflict) (expecting the version it loaded) and writes
/// nothing: the complaint's entries and the feed are the same before and
/// after. So are an append to a complaint that is not stored and a second
/// `create` of a stored complaint.
///
/// # Panics
///
/// When a check fails, naming the case and what broke.
pub async fn expected_version<H: Harness>(harness: &H, _scale: Scale) -> Report {
    let driver = fresh(harness).await;
    let store = driver.store();
    let id = driver
        .create(accept(0, Severity::Medium), None, &ctx(start()))
        .await
        .or_fail(CASE, "creating a complaint")
        .complaint_id;
    let entries = store.entries(id).await.or_fail(CASE, "reading the entries");
    let mut first = ComplaintRecord::replay(entries.clone()).or_fail(CASE, "replaying");
    let mut second = ComplaintRecord::replay(entries).or_fail(CASE, "replaying");
    let loaded = first.version();
    first
        .apply(note("the first writer's note"), &ctx(minute(1)))
        .or_fail(CASE, "applying the first writer's note");
    store
        .append(loaded, &first)
        .await
        .or_fail(CASE, "the first writer's append");
    let after = store.entries(id).await.or_fail(CASE, "reading the entries");
    check_eq(
        CASE,
        &after.as_slice(),
        &first.entries(),
        "the first writer's append",
    );
    let feed = whole_feed(CASE, &driver).await;

    second
        .apply(note("the second writer's note"), &ctx(minute(1)))
        .or_fail(CASE, "applying the second writer's note");
    refused(
        CASE,
        "the second writer's append (same loaded version)",
        store.append(loaded, &second).await,
        Some(ExpectedVersion::Exactly(loaded)),
    );
    unchanged(CASE, &driver, id, &after, &feed, "a refused append").await;

    let mut unstored = ComplaintRecord::accept(accept(1, Severity::Low), &ctx(start()))
        .or_fail(CASE, "accepting a complaint that is not stored");
    unstored
        .apply(note("a note on nothing"), &ctx(minute(1)))
        .or_fail(CASE, "applying a note");
    refused(
        CASE,
        "an append to a complaint that is not stored",
        store.append(1, &unstored).await,
        Some(ExpectedVersion::Exactly(1)),
    );
    unchanged(
        CASE,
        &driver,
        unstored.id(),
        &[],
        &feed,
        "an append to a complaint that is not stored",
    )
    .await;

    refused(
        CASE,
        "a second create of a stored complaint",
        store.create(&first, None).await,
        Some(ExpectedVersion::NoRecord),
    );
    unchanged(CASE, &driver, id, &after, &feed, "a second create").await;
    Report {
        cases: 1,
        conflicts: 3,
        ..Report::default()
    }
}
