//! The audit trail on PostgreSQL: signed checkpoints kept in their own
//! tables (A1) and the closed complaints past retention (A4), against the
//! core's answers on the same records.

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::audit::{self, KeyId, SigningKey};
use complaint_workflow::policy::{Retention, RetentionFrom};
use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow::{ComplaintRecord, Policy};
use complaint_workflow_conformance::walks;

use crate::support::{POLICY, accept, agent, fresh, note, t};

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

fn key_id() -> KeyId {
    KeyId::new("desk-2026-12").unwrap()
}

/// A1: checkpoints are kept once each, found by every complaint they sign
/// a head of, in the order of the versions signed; the latest is the one
/// of the highest version; a stored history verifies against it.
#[tokio::test]
async fn a1_chain_checkpoints_are_kept_and_found_by_complaint() {
    let Some(store) = fresh("a1_chain_checkpoints_are_kept", 2).await else {
        return;
    };
    let first = accept("customer-1", &POLICY);
    let second = accept("customer-2", &POLICY);
    store.create(&first, None).await.unwrap();
    store.create(&second, None).await.unwrap();
    assert_eq!(store.chain_checkpoints(first.id()).await.unwrap(), vec![]);
    assert_eq!(
        store.latest_chain_checkpoint(first.id()).await.unwrap(),
        None
    );

    let at_one = audit::sign([first.chain_head()], t(1), &key(), key_id()).unwrap();
    store.save_chain_checkpoint(&at_one).await.unwrap();
    let complaints = Complaints::new(store.clone());
    complaints
        .apply(first.id(), note("Called the carrier"), &agent(t(2)))
        .await
        .unwrap();
    let loaded = complaints.load(first.id()).await.unwrap();
    let period = audit::sign(
        [loaded.chain_head(), second.chain_head()],
        t(3),
        &key(),
        key_id(),
    )
    .unwrap();
    store.save_chain_checkpoint(&period).await.unwrap();
    // Saved again: nothing changes.
    store.save_chain_checkpoint(&period).await.unwrap();

    assert_eq!(
        store.chain_checkpoints(first.id()).await.unwrap(),
        vec![at_one.clone(), period.clone()]
    );
    assert_eq!(
        store.chain_checkpoints(second.id()).await.unwrap(),
        vec![period.clone()]
    );
    let latest = store
        .latest_chain_checkpoint(first.id())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest, period);
    let public = key().verifying_key();
    assert_eq!(
        audit::verify_against(loaded.entries(), &latest, &public),
        Ok(loaded.chain_head())
    );
    assert_eq!(
        audit::verify_against(loaded.entries(), &at_one, &public),
        Ok(loaded.chain_head())
    );

    // A head of a complaint the store does not hold is refused, and
    // nothing of that checkpoint is kept.
    let stranger = accept("customer-3", &POLICY);
    let orphan = audit::sign([stranger.chain_head()], t(4), &key(), key_id()).unwrap();
    assert!(store.save_chain_checkpoint(&orphan).await.is_err());
    assert_eq!(
        store.chain_checkpoints(stranger.id()).await.unwrap(),
        vec![]
    );
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM chain_checkpoints")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(kept, 2);
}

fn day(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 9, 0, 0).unwrap()
}

/// A4: the store lists the closed complaints past the policy's retention,
/// exactly the ones whose record says so (`retention_until`), oldest id
/// first, at most `limit`; none when the policy sets no retention; never an
/// open complaint, however old.
#[tokio::test]
async fn a4_past_retention_lists_what_the_records_say() {
    let Some(store) = fresh("a4_past_retention_lists", 2).await else {
        return;
    };
    let policy = Policy::default();
    let mut records: Vec<ComplaintRecord> = Vec::new();
    let received = [
        day(2022, 3, 1),
        day(2024, 2, 29),
        day(2023, 12, 1),
        day(2024, 3, 1),
        day(2025, 6, 30),
    ];
    for (n, received) in received.into_iter().enumerate() {
        let closed_after = if n % 2 == 0 {
            Duration::days(1)
        } else {
            Duration::days(365)
        };
        let record = walks::closed(
            &format!("customer-{n}"),
            received,
            received + closed_after,
            &policy,
        )
        .unwrap();
        store.create(&record, None).await.unwrap();
        records.push(record);
    }
    store
        .create(&accept("customer-open", &POLICY), None)
        .await
        .unwrap();

    assert_eq!(
        store
            .past_retention(day(2040, 1, 1), &policy, 100)
            .await
            .unwrap(),
        vec![],
        "the default policy keeps every record"
    );
    let fca = Policy::uk_fca();
    let by_closing = Policy::builder()
        .retention(Some(Retention {
            years: 2,
            from: RetentionFrom::Closing,
        }))
        .build()
        .unwrap();
    for policy in [&fca, &by_closing] {
        for now in [
            day(2027, 2, 28) - Duration::seconds(1),
            day(2027, 2, 28),
            day(2027, 3, 1),
            day(2040, 1, 1),
        ] {
            let mut expected: Vec<_> = records
                .iter()
                .filter(|record| {
                    record
                        .retention_until(policy)
                        .is_some_and(|until| until <= now)
                })
                .map(ComplaintRecord::id)
                .collect();
            expected.sort();
            assert_eq!(
                store.past_retention(now, policy, 100).await.unwrap(),
                expected,
                "{now}"
            );
            let two: Vec<_> = expected.iter().copied().take(2).collect();
            assert_eq!(store.past_retention(now, policy, 2).await.unwrap(), two);
        }
    }
    assert_eq!(records[1].retention_until(&fca), Some(day(2027, 2, 28)));
    assert_eq!(
        store
            .past_retention(day(2040, 1, 1), &fca, 100)
            .await
            .unwrap()
            .len(),
        records.len(),
        "the open complaint is never listed"
    );
}
