//! T3: due-workers sharing the due complaints, "what is due now?".

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::Duration;
use complaint_workflow::deadline::Agenda;
use complaint_workflow::event::{Contact, ContactMethod};
use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow::{Actor, ComplaintId, Context, Policy};
use complaint_workflow_postgres::DUE_BEFORE;
use sqlx::Executor;
use tokio::sync::Barrier;

use crate::support::{accept, agent, callback, connection, create_complaints, fresh, t};

/// Due complaints of the due-worker test.
const DUE_COMPLAINTS: usize = 1_000;

/// T3: two due-workers claim due callbacks (`FOR UPDATE SKIP LOCKED`) in
/// parallel and call each customer back exactly once: every due complaint is
/// handled by one worker, none by both, and nothing is due after.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn t3_two_due_workers_handle_each_due_complaint_once() {
    let Some(setup) = fresh("t3_two_due_workers_handle_each_due_complaint_once", 6).await else {
        return;
    };
    let policy = Policy::default();
    let mut due = BTreeSet::new();
    for i in 0..DUE_COMPLAINTS {
        let mut record = accept(&format!("customer-{i}"), &policy);
        let minutes = i64::try_from(i % 600).unwrap();
        record
            .apply(
                callback(t(1) + Duration::minutes(minutes)),
                &Context::new(Actor::agent("agent-1"), t(0), &policy),
            )
            .unwrap();
        setup.create(&record, None).await.unwrap();
        due.insert(record.id());
    }
    // One complaint not due yet: no worker may take it.
    let mut later = accept("customer-later", &policy);
    later
        .apply(
            callback(t(48)),
            &Context::new(Actor::agent("agent-1"), t(0), &policy),
        )
        .unwrap();
    setup.create(&later, None).await.unwrap();
    let now = t(24);
    let listed: BTreeSet<ComplaintId> = setup
        .due_before(now, usize::MAX)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.complaint_id)
        .collect();
    assert_eq!(listed, due);

    let start = Arc::new(Barrier::new(2));
    let workers: Vec<_> = (0..2)
        .map(|worker| {
            let (store, start) = (setup.clone(), Arc::clone(&start));
            tokio::spawn(async move {
                let complaints = Complaints::new(store.clone());
                let policy = Policy::default();
                let name = format!("worker-{worker}");
                let ctx = Context::new(Actor::agent(name.clone()), now, &policy);
                let mut handled = Vec::new();
                start.wait().await;
                loop {
                    let batch = store
                        .claim_due(&name, now, Duration::minutes(5), 10)
                        .await
                        .unwrap();
                    if batch.is_empty() {
                        return handled;
                    }
                    for claimed in batch {
                        let id = claimed.complaint_id;
                        let contact = Contact {
                            method: ContactMethod::Phone,
                            summary: format!("called back by worker {worker}"),
                            callback_due: None,
                        };
                        complaints.apply(id, contact, &ctx).await.unwrap();
                        assert!(store.release(&name, id).await.unwrap());
                        handled.push(id);
                    }
                }
            })
        })
        .collect();
    let mut handled: Vec<Vec<ComplaintId>> = Vec::new();
    for worker in workers {
        handled.push(worker.await.unwrap());
    }
    println!(
        "postgres due-workers: {} and {} of {DUE_COMPLAINTS} due complaints",
        handled[0].len(),
        handled[1].len()
    );
    let first: BTreeSet<ComplaintId> = handled[0].iter().copied().collect();
    let second: BTreeSet<ComplaintId> = handled[1].iter().copied().collect();
    assert_eq!(
        first.len(),
        handled[0].len(),
        "a worker took a complaint twice"
    );
    assert_eq!(
        second.len(),
        handled[1].len(),
        "a worker took a complaint twice"
    );
    assert!(first.is_disjoint(&second), "both workers took a complaint");
    assert_eq!(&first | &second, due);
    assert!(
        !first.is_empty() && !second.is_empty(),
        "one worker did all"
    );
    assert!(setup.due_before(now, usize::MAX).await.unwrap().is_empty());
    let complaints = Complaints::new(setup.clone());
    for &id in &due {
        let record = complaints.load(id).await.unwrap();
        let callbacks = record
            .entries()
            .iter()
            .filter(|entry| entry.actor().id.as_str().starts_with("worker-"))
            .count();
        assert_eq!(callbacks, 1, "complaint {id}");
    }
    assert_eq!(complaints.load(later.id()).await.unwrap(), later);
}

/// A claim is a lease: while it runs no other worker gets the complaint;
/// released or expired, it can be claimed again.
#[tokio::test]
async fn a_claim_is_a_lease_released_early_or_expiring() {
    let Some(store) = fresh("a_claim_is_a_lease_released_early_or_expiring", 2).await else {
        return;
    };
    let id = create_complaints(&store, 1).await[0];
    Complaints::new(store.clone())
        .apply(id, callback(t(2)), &agent(t(1)))
        .await
        .unwrap();
    let (now, lease) = (t(3), Duration::minutes(10));
    let mine = store.claim_due("a", now, lease, 10).await.unwrap();
    assert_eq!(
        mine.iter().map(|d| d.complaint_id).collect::<Vec<_>>(),
        [id]
    );
    assert_eq!(mine[0].due, t(2));
    assert!(
        store
            .claim_due("b", now, lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .claim_due("a", now, lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // A's lease expires: B may take it (A crashed).
    let expired = now + lease;
    assert_eq!(
        store
            .claim_due("b", expired, lease, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        !store.release("a", id).await.unwrap(),
        "A's lease was taken over"
    );
    assert!(store.release("b", id).await.unwrap());
    assert_eq!(
        store
            .claim_due("a", expired, lease, 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

/// "What is due now?" uses the `(next_due_at, id)` index and answers what the
/// in-memory `Agenda` answers for the same complaints.
#[tokio::test]
async fn due_query_uses_the_index_and_agrees_with_the_agenda() {
    let Some(store) = fresh("due_query_uses_the_index_and_agrees_with_the_agenda", 2).await else {
        return;
    };
    let complaints = Complaints::new(store.clone());
    let mut agenda = Agenda::new();
    for (i, id) in create_complaints(&store, 12).await.into_iter().enumerate() {
        // Every third complaint has nothing due; the others a callback.
        if i % 3 != 0 {
            let hours = i64::try_from(i).unwrap() * 7 % 48 + 2;
            complaints
                .apply(id, callback(t(hours)), &agent(t(1)))
                .await
                .unwrap();
        }
        agenda.track(&complaints.load(id).await.unwrap());
    }
    let mut conn = connection(&store).await;
    conn.execute("SET enable_seqscan = off").await.unwrap();
    let plan: Vec<String> = sqlx::query_scalar(&format!("EXPLAIN {DUE_BEFORE}"))
        .bind(t(10))
        .bind(100_i64)
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(
        plan.iter()
            .any(|line| line.contains("complaints_next_due_at")),
        "{plan:#?}"
    );
    for hours in [0, 2, 3, 10, 24, 49, 100] {
        let now = t(hours);
        let expected: Vec<ComplaintId> = agenda.due_before(now).map(|(_, id)| id).collect();
        let stored: Vec<ComplaintId> = complaints
            .due_before(now, usize::MAX)
            .await
            .unwrap()
            .into_iter()
            .map(|d| d.complaint_id)
            .collect();
        assert_eq!(stored, expected, "due before {now}");
    }
    assert_eq!(
        complaints
            .due_before(t(100), usize::MAX)
            .await
            .unwrap()
            .len(),
        8
    );
}
