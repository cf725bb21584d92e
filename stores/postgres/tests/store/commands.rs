//! Idempotent commands and references.

use std::collections::BTreeSet;

use complaint_workflow::TransitionError;
use complaint_workflow::event::Accept;
use complaint_workflow::store::{Complaints, StoreError};
use complaint_workflow::{Category, Channel, Complainant, Severity};

use crate::support::{agent, callback, count, create_complaints, fresh, note, t};

/// A repeated command is found through the `commands` table and applied
/// once: the same entries come back and no row is added; the same id for
/// another event or another complaint is refused.
#[tokio::test]
async fn repeated_command_is_applied_once() {
    let Some(store) = fresh("repeated_command_is_applied_once", 2).await else {
        return;
    };
    let complaints = Complaints::new(store.clone());
    let ids = create_complaints(&store, 2).await;
    let ctx = agent(t(1)).with_command("request-1");
    let once = complaints
        .apply(ids[0], callback(t(5)), &ctx)
        .await
        .unwrap();
    let twice = complaints
        .apply(ids[0], callback(t(5)), &ctx)
        .await
        .unwrap();
    assert!(!once.repeated && twice.repeated);
    assert_eq!(twice.entries, once.entries);
    let rows = count(&store, "SELECT count(*) FROM entries").await;
    assert_eq!(rows, 3, "two intakes and one callback");
    assert_eq!(complaints.load(ids[0]).await.unwrap().version(), 2);

    for (id, event) in [(ids[0], note("another event")), (ids[1], callback(t(5)))] {
        let error = complaints.apply(id, event, &ctx).await.unwrap_err();
        assert!(
            matches!(
                error,
                StoreError::Transition(TransitionError::CommandReused { .. })
            ),
            "{error}"
        );
    }
    assert_eq!(count(&store, "SELECT count(*) FROM entries").await, rows);
}

fn intake() -> Accept {
    Accept {
        complainant: Complainant::new("c-1"),
        received_at: t(0),
        channel: Channel::Phone,
        content: "The parcel arrived broken".into(),
        category: Category::new("delivery"),
        severity: Severity::Medium,
    }
}

/// A retried intake is stored once; a reference is unique and finds its
/// complaint.
#[tokio::test]
async fn a_retried_intake_is_stored_once_under_a_unique_reference() {
    let Some(store) = fresh(
        "a_retried_intake_is_stored_once_under_a_unique_reference",
        2,
    )
    .await
    else {
        return;
    };
    let complaints = Complaints::new(store.clone());
    let reference = store.next_reference(2026).await.unwrap();
    assert_eq!(reference, "CMP-2026-000001");
    let ctx = agent(t(0)).with_command("intake-1");
    let first = complaints
        .create(intake(), Some(&reference), &ctx)
        .await
        .unwrap();
    let again = complaints
        .create(intake(), Some(&reference), &ctx)
        .await
        .unwrap();
    assert!(!first.repeated && again.repeated);
    assert_eq!(again.entries, first.entries);
    let taken = complaints
        .create(intake(), Some(&reference), &agent(t(0)))
        .await;
    assert!(
        matches!(taken, Err(StoreError::Conflict { attempts: 1, .. })),
        "{taken:?}"
    );
    let found = complaints.load_by_reference(&reference).await.unwrap();
    assert_eq!(found.map(|record| record.id()), Some(first.complaint_id));
    assert_eq!(
        complaints
            .load_by_reference("CMP-2026-000002")
            .await
            .unwrap(),
        None
    );
    assert_eq!(count(&store, "SELECT count(*) FROM complaints").await, 1);
}

/// References are sequential per year and never handed out twice, with
/// many callers at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn references_are_sequential_per_year_and_never_twice() {
    let Some(store) = fresh("references_are_sequential_per_year_and_never_twice", 8).await else {
        return;
    };
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                for _ in 0..25 {
                    mine.push(store.next_reference(2026).await.unwrap());
                }
                mine
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    let distinct: BTreeSet<&String> = all.iter().collect();
    assert_eq!(distinct.len(), 200, "a reference was handed out twice");
    let expected: BTreeSet<String> = (1..=200).map(|n| format!("CMP-2026-{n:06}")).collect();
    assert_eq!(
        distinct.into_iter().cloned().collect::<BTreeSet<_>>(),
        expected
    );
    assert_eq!(store.next_reference(2027).await.unwrap(), "CMP-2027-000001");
}
