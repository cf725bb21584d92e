//! Cases 8 and 9: the rows a store writes back in an append's transaction
//! (A2: the entries a redaction changed; A3: the entries read as schema 1,
//! written back as schema 2), and the explicit upgrade pass.

use complaint_workflow::audit::verify_chain;
use complaint_workflow::event::{REDACTED, Redact, RedactionTarget};
use complaint_workflow::record::{Entry, ExpectedVersion};
use complaint_workflow::store::{ChangeFeed, ComplaintStore};
use complaint_workflow::{Actor, ComplaintId, ComplaintRecord, Context, Severity};

use crate::fixtures::{
    Driver, Expect, POLICY, accept, check, check_eq, ctx, fresh, minute, note, refused, start,
    unchanged, whole_feed,
};
use crate::{Harness, Report, Scale};

const REDACTION: &str = "redaction";
const WRITE_BACK: &str = "write_back";

fn supervisor(minutes: i64) -> Context<'static> {
    Context::new(
        Actor::supervisor("conformance-supervisor"),
        minute(minutes),
        &POLICY,
    )
}

fn redact_all() -> Redact {
    Redact {
        reason: "The customer asked for erasure".into(),
        target: RedactionTarget::AllPersonalText,
    }
}

fn hashes(entries: &[Entry]) -> Vec<Option<complaint_workflow::audit::Digest>> {
    entries.iter().map(Entry::hash).collect()
}

/// A complaint with an intake and two notes, stored through the driver.
async fn complaint<S: ComplaintStore + ChangeFeed>(
    case: &str,
    driver: &Driver<S>,
    n: usize,
) -> ComplaintId {
    let id = driver
        .create(accept(n, Severity::Medium), None, &ctx(start()))
        .await
        .or_fail(case, "creating a complaint")
        .complaint_id;
    for (minutes, text) in [(1, "Called Mrs Li back"), (2, "Mrs Li sent photos")] {
        driver
            .apply(id, note(text), &ctx(minute(minutes)))
            .await
            .or_fail(case, "adding a note");
    }
    id
}

/// Case 8 (A2): after a `redact` of all personal text, a fresh load and
/// the feed show the tombstone in every earlier entry, the chain verifies
/// and the old entries keep their hashes; a redaction appended after a
/// version another writer moved on from is refused and changes nothing.
///
/// # Panics
///
/// When a check fails, naming the case and what broke.
pub async fn redaction<H: Harness>(harness: &H, _scale: Scale) -> Report {
    let driver = fresh(harness).await;
    let store = driver.store();
    let id = complaint(REDACTION, &driver, 0).await;
    let before = store
        .entries(id)
        .await
        .or_fail(REDACTION, "reading the entries");

    // A stale redaction: loaded at 3, another writer appends first.
    let mut stale = ComplaintRecord::replay(before.clone()).or_fail(REDACTION, "replaying");
    let loaded = stale.version();
    driver
        .apply(id, note("Another writer's note"), &ctx(minute(3)))
        .await
        .or_fail(REDACTION, "the other writer's note");
    let moved_on = store
        .entries(id)
        .await
        .or_fail(REDACTION, "reading the entries");
    let feed = whole_feed(REDACTION, &driver).await;
    stale
        .apply(redact_all(), &supervisor(4))
        .or_fail(REDACTION, "applying the stale redaction");
    check_eq(
        REDACTION,
        &stale.rewrites_since(loaded),
        &vec![1, 2, 3],
        "the entries a redaction rewrites",
    );
    refused(
        REDACTION,
        "a redaction appended after a stale version",
        store.append(loaded, &stale).await,
        Some(ExpectedVersion::Exactly(loaded)),
    );
    unchanged(
        REDACTION,
        &driver,
        id,
        &moved_on,
        &feed,
        "a refused redaction",
    )
    .await;

    // The redaction through the driver.
    driver
        .apply(id, redact_all(), &supervisor(5))
        .await
        .or_fail(REDACTION, "the redaction");
    let after = store
        .entries(id)
        .await
        .or_fail(REDACTION, "reading the entries");
    check_eq(
        REDACTION,
        &hashes(after.get(..4).unwrap_or_default()),
        &hashes(&moved_on),
        "the hashes of the redacted entries",
    );
    check_eq(
        REDACTION,
        &verify_chain(id, &after).map(|head| head.hash).ok(),
        &after.last().and_then(Entry::hash),
        "the redacted chain verifies, to the last entry's hash",
    );
    let loaded = driver
        .load(id)
        .await
        .or_fail(REDACTION, "loading the redacted complaint");
    check_eq(
        REDACTION,
        &loaded.intake().content.as_str(),
        &REDACTED,
        "the intake's content",
    );
    let feed = whole_feed(REDACTION, &driver).await;
    for entry in after
        .iter()
        .take(4)
        .chain(feed.iter().map(|fed| &fed.entry).take(4))
    {
        let event = format!("{:?}", entry.event());
        check(REDACTION, !event.contains("Mrs Li"), || {
            format!(
                "entry {} still holds a redacted text: {event}",
                entry.sequence()
            )
        });
    }
    check_eq(
        REDACTION,
        &feed.iter().map(|fed| fed.entry.clone()).collect::<Vec<_>>(),
        &after,
        "the feed holds the rewritten entries",
    );
    Report {
        cases: 1,
        conflicts: 1,
        ..Report::default()
    }
}

/// Case 9 (A3): entries stored as schema 1 (by
/// [`Harness::store_as_schema_1`]) are written back as schema 2 with the
/// seals their upgrade made on the next append, and by the upgrade pass
/// ([`Complaints::upgrade`](complaint_workflow::store::Complaints::upgrade))
/// without a new entry; an upgrade written after a stale version is
/// refused and changes nothing. Skipped (no case counted) when the harness
/// cannot store schema 1.
///
/// # Panics
///
/// When a check fails, naming the case and what broke.
pub async fn write_back<H: Harness>(harness: &H, _scale: Scale) -> Report {
    let driver = fresh(harness).await;
    let store = driver.store();
    let appended = complaint(WRITE_BACK, &driver, 0).await;
    let passed = complaint(WRITE_BACK, &driver, 1).await;
    for id in [appended, passed] {
        if !harness.store_as_schema_1(store.inner(), id).await {
            return Report::default();
        }
    }
    written_back_on_append(&driver, appended).await;
    written_back_by_the_upgrade_pass(&driver, passed).await;
    Report {
        cases: 1,
        conflicts: 1,
        ..Report::default()
    }
}

fn schemas(entries: &[Entry]) -> Vec<u32> {
    entries.iter().map(Entry::schema).collect()
}

/// A3: complaint `appended`, stored as schema 1, is written back on its
/// next append.
async fn written_back_on_append<S: ComplaintStore + ChangeFeed>(
    driver: &Driver<S>,
    appended: ComplaintId,
) {
    let store = driver.store();
    // On the next append.
    let old = store
        .entries(appended)
        .await
        .or_fail(WRITE_BACK, "reading the entries");
    check_eq(
        WRITE_BACK,
        &schemas(&old),
        &vec![1, 1, 1],
        "the entries stored as schema 1",
    );
    let upgraded = driver
        .load(appended)
        .await
        .or_fail(WRITE_BACK, "loading schema 1");
    driver
        .apply(appended, note("After the upgrade"), &ctx(minute(3)))
        .await
        .or_fail(WRITE_BACK, "the next append");
    let new = store
        .entries(appended)
        .await
        .or_fail(WRITE_BACK, "reading the entries");
    check_eq(
        WRITE_BACK,
        &schemas(&new),
        &vec![2, 2, 2, 2],
        "the entries after the next append",
    );
    check_eq(
        WRITE_BACK,
        &hashes(new.get(..3).unwrap_or_default()),
        &hashes(upgraded.entries()),
        "the written-back seals are the upgrade's",
    );
    check(WRITE_BACK, verify_chain(appended, &new).is_ok(), || {
        "the written-back chain verifies".into()
    });
}

/// A3: complaint `passed`, stored as schema 1: a stale upgrade changes
/// nothing, the upgrade pass writes it back and appends nothing.
async fn written_back_by_the_upgrade_pass<S: ComplaintStore + ChangeFeed>(
    driver: &Driver<S>,
    passed: ComplaintId,
) {
    let store = driver.store();
    // An upgrade pass written after a version the store has moved past.
    let stale = driver
        .load(passed)
        .await
        .or_fail(WRITE_BACK, "loading schema 1");
    let old_rows = store
        .entries(passed)
        .await
        .or_fail(WRITE_BACK, "reading the entries");
    let feed = whole_feed(WRITE_BACK, driver).await;
    refused(
        WRITE_BACK,
        "an upgrade pass after a stale version",
        store.append(stale.version() - 1, &stale).await,
        Some(ExpectedVersion::Exactly(stale.version() - 1)),
    );
    unchanged(
        WRITE_BACK,
        driver,
        passed,
        &old_rows,
        &feed,
        "a refused upgrade",
    )
    .await;

    // The upgrade pass: no new entry, every entry written back.
    let written = driver
        .upgrade(passed)
        .await
        .or_fail(WRITE_BACK, "the upgrade pass");
    check_eq(
        WRITE_BACK,
        &written,
        &3,
        "the entries the upgrade pass wrote back",
    );
    let rows = store
        .entries(passed)
        .await
        .or_fail(WRITE_BACK, "reading the entries");
    check_eq(
        WRITE_BACK,
        &schemas(&rows),
        &vec![2, 2, 2],
        "the entries after the upgrade pass",
    );
    check_eq(
        WRITE_BACK,
        &hashes(&rows),
        &hashes(stale.entries()),
        "the upgrade pass writes the upgrade's seals",
    );
    check_eq(
        WRITE_BACK,
        &driver
            .upgrade(passed)
            .await
            .or_fail(WRITE_BACK, "a second upgrade pass"),
        &0,
        "a second upgrade pass writes nothing back",
    );
    check_eq(
        WRITE_BACK,
        &whole_feed(WRITE_BACK, driver).await.len(),
        &feed.len(),
        "the upgrade pass appends no entry",
    );
}
