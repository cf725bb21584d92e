//! The change feed under concurrent writers, and its subscribers.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use complaint_workflow::store::{ChangeFeed, Complaints, FeedEntry};
use complaint_workflow_postgres::{Subscriber, SubscriberError};
use sqlx::Executor;
use tokio::sync::{mpsc, oneshot};

use crate::support::{agent, connection, count, create_complaints, fresh, note, t};

/// Writers appending at once (on their own complaints and, with conflicts
/// and rolled-back transactions, on shared ones) while a reader pages
/// through the feed from the last position it read: the reader sees every
/// entry exactly once, in position order, with no position skipped.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_paging_reader_never_skips_an_entry_of_concurrent_writers() {
    const WRITERS: usize = 8;
    const NOTES: usize = 30;
    let Some(store) = fresh(
        "a_paging_reader_never_skips_an_entry_of_concurrent_writers",
        12,
    )
    .await
    else {
        return;
    };
    let own = create_complaints(&store, WRITERS).await;
    let shared = create_complaints(&store, 2).await;
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (store, done) = (store.clone(), Arc::clone(&done));
        tokio::spawn(async move {
            let mut read: Vec<FeedEntry> = Vec::new();
            let mut last = 0;
            loop {
                // Read `done` before the page: a page read after it holds
                // everything that was committed.
                let finished = done.load(Ordering::SeqCst);
                let page = store.entries_after(last, 7).await.unwrap();
                for entry in &page {
                    assert_eq!(entry.position, last + 1, "a position was skipped");
                    last = entry.position;
                }
                let empty = page.is_empty();
                read.extend(page);
                if finished && empty {
                    return read;
                }
                if empty {
                    tokio::task::yield_now().await;
                }
            }
        })
    };
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let store = store.clone();
            let (mine, shared) = (own[writer], shared[writer % 2]);
            tokio::spawn(async move {
                let complaints = Complaints::new(store);
                for n in 0..NOTES {
                    let id = if n % 3 == 0 { shared } else { mine };
                    let text = format!("writer {writer} note {n}");
                    let ctx = agent(t(1)).with_command(text.clone());
                    complaints.apply(id, note(&text), &ctx).await.unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.await.unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let read = reader.await.unwrap();
    let total = count(&store, "SELECT count(*) FROM entries").await;
    assert_eq!(read.len(), usize::try_from(total).unwrap());
    assert_eq!(read.len(), WRITERS + 2 + WRITERS * NOTES);
    let ids: BTreeSet<_> = read.iter().map(|e| e.entry.id()).collect();
    assert_eq!(ids.len(), read.len(), "an entry was read twice");
    // Within a complaint, feed order is sequence order.
    for id in own.iter().chain(&shared) {
        let sequences: Vec<u64> = read
            .iter()
            .filter(|e| e.entry.complaint_id() == *id)
            .map(|e| e.entry.sequence())
            .collect();
        assert_eq!(sequences, (1..=sequences.len() as u64).collect::<Vec<_>>());
    }
}

/// A subscriber delivers each entry in order, saves its checkpoint after the
/// handler succeeded, and hands a failed entry over again.
#[tokio::test]
async fn a_subscriber_delivers_in_order_and_resumes_after_a_failure() {
    let Some(store) = fresh(
        "a_subscriber_delivers_in_order_and_resumes_after_a_failure",
        2,
    )
    .await
    else {
        return;
    };
    let complaints = Complaints::new(store.clone());
    let id = create_complaints(&store, 1).await[0];
    for n in 0..4 {
        complaints
            .apply(id, note(&format!("note {n}")), &agent(t(1)))
            .await
            .unwrap();
    }
    let subscriber = Subscriber::new(store.clone(), "projection").with_batch(2);
    let mut seen = Vec::new();
    let failed = subscriber
        .run_once(|entry| {
            let fail = entry.position == 4;
            if !fail {
                seen.push(entry.position);
            }
            async move { if fail { Err("projection down") } else { Ok(()) } }
        })
        .await;
    assert!(
        matches!(failed, Err(SubscriberError::Handler { position: 4, .. })),
        "{failed:?}"
    );
    assert_eq!(seen, [1, 2, 3]);
    assert_eq!(store.checkpoint("projection").await.unwrap(), 3);
    let delivered = subscriber
        .run_once(|entry| {
            seen.push(entry.position);
            async { Ok::<_, std::convert::Infallible>(()) }
        })
        .await
        .unwrap();
    assert_eq!(delivered, 2);
    assert_eq!(seen, [1, 2, 3, 4, 5]);
    assert_eq!(store.checkpoint("projection").await.unwrap(), 5);
    let nothing = subscriber
        .run_once(|_| async { Ok::<_, std::convert::Infallible>(()) })
        .await
        .unwrap();
    assert_eq!(nothing, 0);
}

/// `LISTEN`/`NOTIFY`: a running subscriber whose poll interval is an hour
/// wakes on an append and delivers it (within a generous bound), then stops
/// on shutdown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_wakes_on_an_append_without_waiting_for_its_poll() {
    let Some(store) = fresh(
        "a_subscriber_wakes_on_an_append_without_waiting_for_its_poll",
        3,
    )
    .await
    else {
        return;
    };
    let complaints = Complaints::new(store.clone());
    let id = create_complaints(&store, 1).await[0];
    let (sender, mut delivered) = mpsc::unbounded_channel();
    let (stop, shutdown) = oneshot::channel::<()>();
    let subscriber =
        Subscriber::new(store.clone(), "notifier").with_poll_interval(Duration::from_secs(3600));
    let running = tokio::spawn(async move {
        subscriber
            .run(
                move |entry: FeedEntry| {
                    let sent = sender.send(entry);
                    async move { sent.map_err(|_| "the test stopped listening") }
                },
                async {
                    let _ = shutdown.await;
                },
            )
            .await
    });
    let bound = Duration::from_secs(60);
    // The intake, delivered by the first round (the subscriber listens first).
    let first = tokio::time::timeout(bound, delivered.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.entry.complaint_id(), id);
    complaints
        .apply(id, note("wake up"), &agent(t(1)))
        .await
        .unwrap();
    let woken = tokio::time::timeout(bound, delivered.recv())
        .await
        .expect("the subscriber did not wake on the append")
        .unwrap();
    assert_eq!(woken.position, 2);
    stop.send(()).unwrap();
    let total = tokio::time::timeout(bound, running)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(total, 2);
    assert_eq!(store.checkpoint("notifier").await.unwrap(), 2);
}

/// A write that appended first but commits last is read after the one that
/// committed before it, at the next position, never skipped: the sequencer
/// numbers committed entries only, so the feed has no hole for a write in
/// flight to fall into.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_committed_after_a_later_one_is_read_after_it_not_skipped() {
    let Some(store) = fresh(
        "an_entry_committed_after_a_later_one_is_read_after_it_not_skipped",
        3,
    )
    .await
    else {
        return;
    };
    let complaints = Complaints::new(store.clone());
    let ids = create_complaints(&store, 2).await;
    let (slow, fast) = (ids[0], ids[1]);
    let intakes = store.entries_after(0, 10).await.unwrap();
    assert_eq!(intakes.len(), 2);

    // The slow write appends its entry first and stays in flight.
    let mut record = complaints.load(slow).await.unwrap();
    let entry = record.apply(note("slow"), &agent(t(1))).unwrap()[0].clone();
    let mut in_flight = connection(&store).await;
    in_flight.execute("BEGIN").await.unwrap();
    sqlx::query("UPDATE complaints SET version = 2 WHERE id = $1 AND version = 1")
        .bind(uuid::Uuid::from(slow))
        .execute(&mut in_flight)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO entries (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body)
         VALUES ($1, 2, $2, $3, 'agent-1', 'add_note', 1, $4::jsonb)",
    )
    .bind(uuid::Uuid::from(slow))
    .bind(uuid::Uuid::from(entry.id()))
    .bind(entry.at())
    .bind(serde_json::to_string(&entry).unwrap())
    .execute(&mut in_flight)
    .await
    .unwrap();

    // The fast write appends after it and commits first: it is read first.
    complaints
        .apply(fast, note("fast"), &agent(t(1)))
        .await
        .unwrap();
    let page = store.entries_after(2, 10).await.unwrap();
    let read: Vec<_> = page
        .iter()
        .map(|e| (e.position, e.entry.complaint_id()))
        .collect();
    assert_eq!(read, [(3, fast)]);

    // The slow one commits: the reader going on from 3 gets it at 4.
    in_flight.execute("COMMIT").await.unwrap();
    let page = store.entries_after(3, 10).await.unwrap();
    let read: Vec<_> = page.iter().map(|e| (e.position, e.entry.id())).collect();
    assert_eq!(read, [(4, entry.id())]);
    assert!(store.entries_after(4, 10).await.unwrap().is_empty());
    assert_eq!(complaints.load(slow).await.unwrap().version(), 2);
}
