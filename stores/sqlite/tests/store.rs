//! The store on SQLite: the contract through the driver (repeated commands,
//! due, erasure, the append-only history, a damaged history), and what the
//! crate adds (migrations, references, due-worker leases, the feed and its
//! subscriber).

mod support;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::Duration;
use complaint_workflow::deadline::Agenda;
use complaint_workflow::event::{Contact, ContactMethod};
use complaint_workflow::store::{
    AppendError, Applied, ChangeFeed, ComplaintStore, Complaints, StoreError,
};
use complaint_workflow::{
    Actor, ComplaintId, ComplaintRecord, Context, EventKind, Policy, TransitionError,
};
use complaint_workflow_sqlite::{
    DUE_BEFORE, Error, HandlerError, PersonalData, SqliteStore, Subscriber,
};

use support::{
    accept, accept_event, agent, callback, create_complaints, entry_rows, fresh_store,
    insert_entry_rows, note, t,
};

/// A command id already stored is applied once: the same entries come back
/// and no row is added; the same id for another event or another complaint
/// is refused.
#[tokio::test]
async fn repeated_command_is_applied_once() {
    let (store, _) = fresh_store("repeated_command.db").await;
    let complaints = Complaints::new(store.clone());
    let ids = create_complaints(&store, 2).await;
    let ctx = agent(t(1)).with_command("request-1");
    let once = complaints
        .apply(ids[0], callback(t(5)), &ctx)
        .await
        .unwrap();
    let rows = entry_rows(&store).await;
    let twice = complaints
        .apply(ids[0], callback(t(5)), &ctx)
        .await
        .unwrap();
    assert!(!once.repeated && twice.repeated);
    assert_eq!(twice.entries, once.entries);
    assert_eq!(entry_rows(&store).await, rows);
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
    assert_eq!(entry_rows(&store).await, rows);
}

/// Writers on their own stores sending the same command at once: one of
/// them appends, the others get the same entries back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_command_from_many_writers_is_applied_once() {
    let (setup, path) = fresh_store("concurrent_command.db").await;
    let id = create_complaints(&setup, 1).await[0];
    let start = Arc::new(tokio::sync::Barrier::new(6));
    let mut writers = Vec::new();
    for _ in 0..6 {
        let (path, start) = (path.clone(), Arc::clone(&start));
        writers.push(tokio::spawn(async move {
            let complaints = Complaints::new(SqliteStore::open(&path).await.unwrap());
            let policy = Policy::default();
            let ctx =
                Context::new(Actor::agent("agent-1"), t(1), &policy).with_command("request-7");
            start.wait().await;
            complaints.apply(id, callback(t(5)), &ctx).await.unwrap()
        }));
    }
    let mut results: Vec<Applied> = Vec::new();
    for writer in writers {
        results.push(writer.await.unwrap());
    }
    assert_eq!(
        results.iter().filter(|applied| !applied.repeated).count(),
        1
    );
    assert!(
        results
            .iter()
            .all(|applied| applied.entries == results[0].entries)
    );
    let record = Complaints::new(setup).load(id).await.unwrap();
    assert_eq!(record.version(), 2);
    assert_eq!(
        record
            .entries_of_command(&"request-7".into())
            .unwrap()
            .len(),
        1
    );
}

/// "What is due now?" is one query on the `next_due_at` index, and it
/// answers what the in-memory `Agenda` answers for the same complaints.
#[tokio::test]
async fn due_query_uses_the_index_and_agrees_with_the_agenda() {
    let (store, _) = fresh_store("due.db").await;
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
    let plan: (i64, i64, i64, String) = sqlx::query_as(&format!("EXPLAIN QUERY PLAN {DUE_BEFORE}"))
        .bind(0_i64)
        .bind(10_i64)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(
        plan.3,
        "SEARCH complaints USING COVERING INDEX complaints_next_due_at (next_due_at<?)"
    );
    for hours in [0, 2, 3, 10, 24, 49, 100] {
        let now = t(hours);
        let expected: Vec<ComplaintId> = agenda.due_before(now).map(|(_, id)| id).collect();
        let stored: Vec<ComplaintId> = complaints
            .due_before(now, usize::MAX)
            .await
            .unwrap()
            .into_iter()
            .map(|due| due.complaint_id)
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
    assert_eq!(complaints.due_before(t(100), 3).await.unwrap().len(), 3);
}

/// R7: the stored entries cannot be deleted, and nothing of them but the
/// body and its schema changes (A2, A3: written back; the schema never
/// goes down).
#[tokio::test]
async fn r7_entries_are_append_only() {
    let (store, _) = fresh_store("append_only.db").await;
    create_complaints(&store, 1).await;
    for sql in [
        "UPDATE entries SET sequence = sequence + 1",
        "UPDATE entries SET event_id = 'another'",
        "UPDATE entries SET complaint_id = 'another'",
        "UPDATE entries SET at = at + 1",
        "UPDATE entries SET actor_id = 'another'",
        "UPDATE entries SET event_type = 'add_note'",
        "UPDATE entries SET command_id = 'another'",
        "UPDATE entries SET position = position + 10",
        "UPDATE entries SET schema = 1",
        "DELETE FROM entries",
    ] {
        let error = sqlx::query(sql).execute(store.pool()).await.unwrap_err();
        assert!(error.to_string().contains("append-only"), "{error}");
    }
    assert_eq!(entry_rows(&store).await, 1);
}

/// The facts a report reads from a complaint, as text to compare.
fn facts(record: &ComplaintRecord) -> String {
    format!(
        "{:?}",
        (
            record.id(),
            record.stage(),
            record.intake(),
            record.judgment(),
            record.deadlines(),
            record.breaches(t(1000)),
            record.follow_up(),
        )
    )
}

/// Erasing a complainant's personal data deletes their contact details,
/// records the erasure on each of their complaints, and leaves every fact
/// the rules and reports read as it was; running it again adds nothing.
#[tokio::test]
async fn erasure_deletes_contact_details_and_keeps_the_facts() {
    let (store, _) = fresh_store("erasure.db").await;
    let complaints = Complaints::new(store.clone());
    // Two complaints of one customer, one with a callback due.
    let mut ids = Vec::new();
    for _ in 0..2 {
        let created = complaints
            .create(accept_event("customer-erased"), None, &agent(t(0)))
            .await
            .unwrap();
        ids.push(created.complaint_id);
    }
    complaints
        .apply(ids[1], callback(t(5)), &agent(t(1)))
        .await
        .unwrap();
    let customer = complaints
        .load(ids[0])
        .await
        .unwrap()
        .complainant()
        .id
        .clone();
    store
        .put_personal_data(&PersonalData {
            complainant: customer.clone(),
            name: "Lee Siu Ming".into(),
            phone: Some("+852 5550 0199".into()),
            email: Some("siu.ming@example.com".into()),
        })
        .await
        .unwrap();
    assert_eq!(
        store
            .personal_data(&customer)
            .await
            .unwrap()
            .map(|d| d.name),
        Some("Lee Siu Ming".to_owned())
    );
    let mut before: Vec<ComplaintRecord> = Vec::new();
    for &id in &ids {
        before.push(complaints.load(id).await.unwrap());
    }
    let policy = Policy::default();
    let supervisor =
        Context::new(Actor::supervisor("supervisor-1"), t(2), &policy).with_command("erasure-1");

    let written = store
        .erase_personal_data(&customer, "customer request", &supervisor)
        .await
        .unwrap();
    assert_eq!(written.len(), 2);
    assert_eq!(store.personal_data(&customer).await.unwrap(), None);
    let again = store
        .erase_personal_data(&customer, "customer request", &supervisor)
        .await
        .unwrap();
    assert!(again.iter().all(|applied| applied.repeated));
    for (record, &id) in before.iter().zip(&ids) {
        let after = complaints.load(id).await.unwrap();
        assert_eq!(after.version(), record.version() + 1);
        assert_eq!(
            after.entries().last().unwrap().event().kind(),
            EventKind::PersonalDataErased
        );
        assert_eq!(&after.entries()[..record.entries().len()], record.entries());
        assert_eq!(facts(&after), facts(record));
    }
    let leaked: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM entries WHERE body LIKE '%Siu Ming%' OR body LIKE '%0199%'",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(leaked, 0);
}

/// A stored history damaged as a database could damage it (an entry out of
/// sequence written behind the store's back) gives `StoreError::Replay`
/// naming the complaint, and the driver writes nothing to it; an entry that
/// is not JSON is `Error::Decode` naming complaint and sequence.
#[tokio::test]
async fn a_damaged_history_gives_replay_naming_the_complaint_and_is_not_written() {
    let (store, _) = fresh_store("damaged.db").await;
    let complaints = Complaints::new(store.clone());
    let ids = create_complaints(&store, 2).await;
    // Entry 3 without entry 2: a gap.
    let mut record = complaints.load(ids[0]).await.unwrap();
    record.apply(note("two"), &agent(t(1))).unwrap();
    record.apply(note("three"), &agent(t(1))).unwrap();
    let mut tx = store.pool().begin().await.unwrap();
    insert_entry_rows(&mut tx, &record.entries()[2..]).await;
    tx.commit().await.unwrap();
    let rows = entry_rows(&store).await;

    let error = complaints.load(ids[0]).await.unwrap_err();
    assert!(
        matches!(error, StoreError::Replay { complaint, .. } if complaint == ids[0]),
        "{error}"
    );
    assert!(error.to_string().contains(&ids[0].to_string()), "{error}");
    let error = complaints
        .apply(ids[0], note("four"), &agent(t(2)))
        .await
        .unwrap_err();
    assert!(
        matches!(error, StoreError::Replay { complaint, .. } if complaint == ids[0]),
        "{error}"
    );
    assert_eq!(entry_rows(&store).await, rows);
    assert_eq!(support::stored_version(&store, ids[0]).await, Some(1));

    // Not JSON at all.
    sqlx::query(
        "INSERT INTO entries
         (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body)
         VALUES (?1, 2, 'not-an-event', 0, 'agent-1', 'add_note', 1, 'not json')",
    )
    .bind(ids[1].to_string())
    .execute(store.pool())
    .await
    .unwrap();
    let error = complaints.load(ids[1]).await.unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::Store(Error::Decode { complaint, sequence: 2, .. }) if *complaint == ids[1]
        ),
        "{error}"
    );
    assert!(
        error.to_string().contains("entry 2 of complaint"),
        "{error}"
    );
}

/// The `next_due_at` column (and so its index) is written only when an
/// append moves the next due time: a note leaves it out of the `UPDATE`.
#[tokio::test]
async fn the_next_due_at_index_is_rewritten_only_when_it_changes() {
    let (store, path) = fresh_store("next_due_at.db").await;
    let id = create_complaints(&store, 1).await[0];
    drop(store);
    // One connection, so that the counting trigger is on it.
    let store = support::spilling_store(&path).await;
    sqlx::query(
        "CREATE TEMP TABLE due_writes (n INTEGER NOT NULL);
         CREATE TEMP TRIGGER count_due_writes AFTER UPDATE OF next_due_at ON main.complaints
         BEGIN INSERT INTO due_writes VALUES (1); END;",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let complaints = Complaints::new(store.clone());
    let writes = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM temp.due_writes")
            .fetch_one(store.pool())
            .await
            .unwrap()
    };
    complaints
        .apply(id, note("no deadline moves"), &agent(t(1)))
        .await
        .unwrap();
    assert_eq!(writes().await, 0);
    complaints
        .apply(id, callback(t(5)), &agent(t(1)))
        .await
        .unwrap();
    assert_eq!(writes().await, 1);
    complaints
        .apply(id, note("still due at 5"), &agent(t(1)))
        .await
        .unwrap();
    assert_eq!(writes().await, 1);
    let due = complaints.due_before(t(6), 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].due, t(5));
}

/// An append of several entries stores its command's run whichever of them
/// carry the command: on the last entry (the run goes in the same batch as
/// the version check) or on an earlier one (after it); the `complaints` row
/// is at the new version either way.
#[tokio::test]
async fn an_appends_command_run_is_stored_on_the_last_entry_or_an_earlier_one() {
    let (store, _) = fresh_store("command_runs.db").await;
    let id = create_complaints(&store, 1).await[0];
    let complaints = Complaints::new(store.clone());
    for (first, second) in [(None, Some("on-the-last")), (Some("on-the-first"), None)] {
        let mut record = complaints.load(id).await.unwrap();
        let loaded = record.version();
        let ctx = |command: Option<&str>| match command {
            Some(command) => agent(t(1)).with_command(command),
            None => agent(t(1)),
        };
        record.apply(note("first"), &ctx(first)).unwrap();
        record.apply(note("second"), &ctx(second)).unwrap();
        store.append(loaded, &record).await.unwrap();

        let command = first.or(second).unwrap();
        let stored = store
            .command_entries(&command.into())
            .await
            .unwrap()
            .unwrap();
        let carrying: Vec<_> = record
            .entries_since(loaded)
            .iter()
            .filter(|entry| entry.command().is_some())
            .cloned()
            .collect();
        assert_eq!(stored, carrying);
        assert_eq!(stored.len(), 1);
        assert_eq!(
            support::stored_version(&store, id).await,
            Some(record.version())
        );
        assert_eq!(complaints.load(id).await.unwrap(), record);
    }
}

/// A command id taken by another complaint refuses the whole append: the
/// entry that went in with it in the same batch is rolled back, the
/// `complaints` row keeps its version.
#[tokio::test]
async fn a_taken_command_id_refuses_the_batched_append_and_writes_nothing() {
    let (store, _) = fresh_store("taken_command.db").await;
    let ids = create_complaints(&store, 2).await;
    let complaints = Complaints::new(store.clone());
    let ctx = agent(t(1)).with_command("request-7");
    complaints.apply(ids[0], note("first"), &ctx).await.unwrap();
    let rows = entry_rows(&store).await;

    let mut record = complaints.load(ids[1]).await.unwrap();
    let loaded = record.version();
    record.apply(note("the same request id"), &ctx).unwrap();
    let refused = store.append(loaded, &record).await;
    assert!(
        matches!(refused, Err(AppendError::Conflict(_))),
        "{refused:?}"
    );
    assert_eq!(entry_rows(&store).await, rows);
    assert_eq!(support::stored_version(&store, ids[1]).await, Some(loaded));
    assert_eq!(complaints.load(ids[1]).await.unwrap().version(), loaded);
}

/// T3: two due-workers claim due callbacks under leases and call each
/// customer back exactly once: every due complaint is handled by one worker,
/// none by both, and nothing is due after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn t3_two_due_workers_handle_each_due_complaint_once() {
    const DUE_COMPLAINTS: usize = 300;
    let (setup, _) = fresh_store("due_workers.db").await;
    let complaints = Complaints::new(setup.clone());
    let mut due = BTreeSet::new();
    for i in 0..DUE_COMPLAINTS {
        let mut record = accept(&format!("customer-{i}"));
        let minutes = i64::try_from(i % 600).unwrap();
        record
            .apply(callback(t(1) + Duration::minutes(minutes)), &agent(t(0)))
            .unwrap();
        setup.create(&record, None).await.unwrap();
        due.insert(record.id());
    }
    // One complaint not due yet: no worker may take it.
    let mut later = accept("customer-later");
    later.apply(callback(t(48)), &agent(t(0))).unwrap();
    setup.create(&later, None).await.unwrap();
    let now = t(24);
    let listed: BTreeSet<ComplaintId> = complaints
        .due_before(now, usize::MAX)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.complaint_id)
        .collect();
    assert_eq!(listed, due);

    let start = Arc::new(tokio::sync::Barrier::new(2));
    let mut workers = Vec::new();
    for worker in 0..2 {
        let (store, start) = (setup.clone(), Arc::clone(&start));
        workers.push(tokio::spawn(async move {
            let name = format!("worker-{worker}");
            let complaints = Complaints::new(store.clone());
            let policy = Policy::default();
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
                    let contact = Contact {
                        method: ContactMethod::Phone,
                        summary: format!("called back by {name}"),
                        callback_due: None,
                    };
                    complaints
                        .apply(claimed.complaint_id, contact, &ctx)
                        .await
                        .unwrap();
                    assert!(store.release(&name, claimed.complaint_id).await.unwrap());
                    handled.push(claimed.complaint_id);
                }
            }
        }));
    }
    let mut handled: Vec<Vec<ComplaintId>> = Vec::new();
    for worker in workers {
        handled.push(worker.await.unwrap());
    }
    println!(
        "sqlite due-workers: {} and {} of {DUE_COMPLAINTS} due complaints",
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
    assert!(
        complaints
            .due_before(now, usize::MAX)
            .await
            .unwrap()
            .is_empty()
    );
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

/// A crashed worker's lease expires: until then nobody else gets the
/// complaint, afterwards another worker does; a released one is claimable
/// at once.
#[tokio::test]
async fn an_expired_lease_is_claimable_again() {
    let store = SqliteStore::in_memory().await.unwrap();
    let mut record = accept("customer-1");
    record.apply(callback(t(1)), &agent(t(0))).unwrap();
    store.create(&record, None).await.unwrap();
    let lease = Duration::minutes(10);
    let first = store.claim_due("a", t(2), lease, 10).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].complaint_id, record.id());
    assert_eq!(first[0].due, t(1));
    assert!(
        store
            .claim_due("b", t(2), lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let before_expiry = t(2) + Duration::minutes(9);
    assert!(
        store
            .claim_due("b", before_expiry, lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let expired = t(2) + Duration::minutes(10);
    assert_eq!(
        store
            .claim_due("b", expired, lease, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        !store.release("a", record.id()).await.unwrap(),
        "a's lease ended"
    );
    assert!(store.release("b", record.id()).await.unwrap());
    assert_eq!(
        store
            .claim_due("c", expired, lease, 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

/// References are sequential per year and never handed out twice, by
/// concurrent callers on separate stores either; a taken reference refuses
/// the intake.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_are_sequential_per_year_and_unique() {
    let (store, path) = fresh_store("references.db").await;
    assert_eq!(store.next_reference(2026).await.unwrap(), "CMP-2026-000001");
    assert_eq!(store.next_reference(2026).await.unwrap(), "CMP-2026-000002");
    assert_eq!(store.next_reference(2027).await.unwrap(), "CMP-2027-000001");
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let path = path.clone();
        tasks.push(tokio::spawn(async move {
            let store = SqliteStore::open(&path).await.unwrap();
            let mut got = Vec::new();
            for _ in 0..25 {
                got.push(store.next_reference(2026).await.unwrap());
            }
            got
        }));
    }
    let mut all = BTreeSet::new();
    for task in tasks {
        for reference in task.await.unwrap() {
            assert!(all.insert(reference), "a reference handed out twice");
        }
    }
    assert_eq!(all.len(), 100);
    assert_eq!(all.last().map(String::as_str), Some("CMP-2026-000102"));

    let complaints = Complaints::new(store);
    let reference = "CMP-2026-000001";
    let first = complaints
        .create(accept_event("customer-1"), Some(reference), &agent(t(0)))
        .await
        .unwrap();
    let taken = complaints
        .create(accept_event("customer-2"), Some(reference), &agent(t(0)))
        .await;
    assert!(matches!(
        taken,
        Err(StoreError::Conflict { attempts: 1, .. })
    ));
    let found = complaints.load_by_reference(reference).await.unwrap();
    assert_eq!(found.map(|record| record.id()), Some(first.complaint_id));
}

/// A file opens in WAL mode with `synchronous = NORMAL`; migrating twice
/// changes nothing; a database migrated by a newer version is refused and
/// not written to.
#[tokio::test]
async fn open_sets_wal_and_a_newer_schema_is_refused() {
    let (store, _) = fresh_store("migrations.db").await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!((mode.as_str(), sync), ("wal", 1));
    store.migrate().await.unwrap();
    let known = complaint_workflow_sqlite::MIGRATOR
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (?1, 'from the future', 1, x'00', 0)",
    )
    .bind(known + 1)
    .execute(store.pool())
    .await
    .unwrap();
    let tables = |store: SqliteStore| async move {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM sqlite_master")
            .fetch_one(store.pool())
            .await
            .unwrap()
    };
    let before = tables(store.clone()).await;
    let error = store.migrate().await.unwrap_err();
    assert!(
        matches!(error, Error::NewerSchema { found, known: k } if found == known + 1 && k == known),
        "{error}"
    );
    assert!(error.to_string().contains("newer"), "{error}");
    assert_eq!(tables(store).await, before);
}

/// The feed holds every entry once, in commit order; a subscriber delivers
/// each once per success, keeps its checkpoint in the database, and
/// delivers again what its handler refused.
#[tokio::test]
async fn the_feed_and_a_subscriber_deliver_every_entry_in_order() {
    let store = SqliteStore::in_memory().await.unwrap();
    let complaints = Complaints::new(store.clone());
    let ids = create_complaints(&store, 2).await;
    for n in 0..3 {
        for &id in &ids {
            complaints
                .apply(id, note(&format!("note {n}")), &agent(t(1)))
                .await
                .unwrap();
        }
    }
    let feed = store.entries_after(0, 100).await.unwrap();
    let positions: Vec<u64> = feed.iter().map(|e| e.position).collect();
    assert_eq!(positions, (1..=8).collect::<Vec<_>>());
    assert_eq!(store.entries_after(6, 100).await.unwrap().len(), 2);
    assert_eq!(store.entries_after(0, 3).await.unwrap().len(), 3);

    let seen = Arc::new(Mutex::new(Vec::new()));
    let subscriber = Subscriber::new(store.clone(), "mailer").with_batch(3);
    let fail_at = 5;
    let handler = move |seen: Arc<Mutex<Vec<u64>>>| {
        move |entry: complaint_workflow::store::FeedEntry| {
            let seen = Arc::clone(&seen);
            async move {
                if entry.position == fail_at && !seen.lock().unwrap().contains(&0) {
                    seen.lock().unwrap().push(0);
                    return Err(HandlerError::from("the mail server is down"));
                }
                seen.lock().unwrap().push(entry.position);
                Ok(())
            }
        }
    };
    let error = subscriber
        .run_once(handler(Arc::clone(&seen)))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Handler { position: 5, .. }),
        "{error}"
    );
    assert_eq!(store.checkpoint("mailer").await.unwrap(), 4);
    assert_eq!(
        subscriber
            .run_once(handler(Arc::clone(&seen)))
            .await
            .unwrap(),
        4
    );
    assert_eq!(*seen.lock().unwrap(), vec![1, 2, 3, 4, 0, 5, 6, 7, 8]);
    assert_eq!(store.checkpoint("mailer").await.unwrap(), 8);
    assert_eq!(
        subscriber
            .run_once(handler(Arc::clone(&seen)))
            .await
            .unwrap(),
        0
    );

    // `run` picks up a later entry by polling, and stops on shutdown.
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let runner = {
        let subscriber = subscriber
            .clone()
            .with_poll_interval(StdDuration::from_millis(10));
        let seen = Arc::clone(&seen);
        tokio::spawn(async move {
            subscriber
                .run(handler(seen), async {
                    let _ = stopped.await;
                })
                .await
        })
    };
    complaints
        .apply(ids[0], note("later"), &agent(t(2)))
        .await
        .unwrap();
    while store.checkpoint("mailer").await.unwrap() < 9 {
        tokio::time::sleep(StdDuration::from_millis(5)).await;
    }
    stop.send(()).unwrap();
    assert_eq!(runner.await.unwrap().unwrap(), 1);
    assert_eq!(seen.lock().unwrap().last(), Some(&9));
}
