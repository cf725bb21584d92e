//! Complaint histories in PostgreSQL, following `docs/storage.md`: the same
//! contract as `sqlite_store` (create, apply, reload, a stale writer refused, a
//! repeated command applied once, "what is due now?", an erasure), plus two
//! due-workers that claim due complaints with `FOR UPDATE SKIP LOCKED`.
//!
//! Needs a server: `DATABASE_URL=postgres://user@host:port/db cargo run
//! --example postgres_store` (`source .ci/postgres.sh` starts a throwaway
//! one). Works in the schema `storage_example`, which it drops first.

#[path = "store/mod.rs"]
mod store;

use std::error::Error;
use std::thread;

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplainantId, ComplaintId, ComplaintRecord, Context,
    Department, Event, Policy, Severity,
    event::{Accept, AddNote, Contact, ContactMethod, Uphold},
};
use store::postgres::{CLAIM_DUE, DUE_BEFORE, PostgresStore};
use store::{PersonalData, Store, StoreError};

const SCHEMA: &str = "storage_example";

fn main() -> Result<(), Box<dyn Error>> {
    let Ok(url) = std::env::var("DATABASE_URL") else {
        println!(
            "DATABASE_URL is not set: nothing to run. Start a server (`source .ci/postgres.sh`) \
             or point DATABASE_URL at one, then run `cargo run --example postgres_store`."
        );
        return Ok(());
    };
    PostgresStore::drop_schema(&url, SCHEMA)?;
    let mut store = PostgresStore::connect(&url, SCHEMA)?;
    store.create_schema()?;
    let version: String = store.client().query_one("SHOW server_version", &[])?.get(0);
    println!("== PostgreSQL {version}, schema {SCHEMA} ==");

    let policy = Policy::default();
    let agent = Context::new(Actor::agent("agent-7"), at(23, 9, 0)?, &policy);
    let customer = ComplainantId::new("customer-42");
    store.put_personal_data(&PersonalData {
        complainant: customer.clone(),
        name: "Chan Tai Man".into(),
        phone: Some("+852 5550 0142".into()),
        email: None,
    })?;

    println!("\n== Create, apply, reload ==");
    let record = ComplaintRecord::accept(
        Accept {
            complainant: Complainant::member(customer.clone()),
            received_at: at(23, 8, 58)?,
            channel: Channel::Phone,
            content: "The washing machine leaks again a week after the repair".into(),
            category: Category::new("repair"),
            severity: Severity::Medium,
        },
        &agent,
    )?;
    let id = record.id();
    store::create(&mut store, &record)?;
    println!("created   {id}: {}", summary(&mut store, id)?);
    let uphold = Event::from(Uphold {
        responsible_department: Department::new("repairs"),
        investigation_due: at(25, 18, 0)?,
    });
    store::apply(&mut store, id, &uphold, &agent.at(at(23, 9, 10)?))?;
    println!("applied   uphold: {}", summary(&mut store, id)?);
    let mut other = PostgresStore::connect(&url, SCHEMA)?;
    let reloaded = other.load(id)?;
    println!(
        "reloaded  on a second connection: stage {}, version {}, {} entries replayed",
        reloaded.stage(),
        reloaded.version(),
        reloaded.entries().len()
    );

    println!("\n== A stale writer is refused ==");
    let mut first = store.load(id)?;
    let mut second = other.load(id)?;
    let booked = note("Technician booked for Thursday morning");
    let booked_at = agent.at(at(23, 9, 21)?);
    let expected = first.expected_version();
    first.apply(
        note("The customer sent photos of the leak"),
        &agent.at(at(23, 9, 20)?),
    )?;
    store.append(expected, &first)?;
    println!(
        "writer 1  appended at {expected}: now version {}",
        first.version()
    );
    let expected = second.expected_version();
    second.apply(booked.clone(), &booked_at)?;
    match other.append(expected, &second) {
        Err(StoreError::Conflict(conflict)) => println!("writer 2  refused: {conflict}"),
        other => return Err(format!("the stale write was not refused: {other:?}").into()),
    }
    let retried = store::apply(&mut other, id, &booked, &booked_at)?;
    println!(
        "writer 2  reloaded and applied again: entry {}",
        retried.entries[0].sequence()
    );

    println!("\n== A repeated command is applied once ==");
    let call = Event::from(Contact {
        method: ContactMethod::Phone,
        summary: "Agreed to call back once the technician has been".into(),
        callback_due: Some(at(24, 10, 0)?),
    });
    let call_ctx = agent.at(at(23, 9, 30)?).with_command("request-5f0c");
    let once = store::apply(&mut store, id, &call, &call_ctx)?;
    let rows = entry_rows(&mut store)?;
    let twice = store::apply(&mut store, id, &call, &call_ctx)?;
    println!(
        "command request-5f0c: first entry {}, repeated: {} -> entry {}, rows {rows} -> {}",
        once.entries[0].sequence(),
        twice.repeated,
        twice.entries[0].sequence(),
        entry_rows(&mut store)?
    );
    assert_eq!(
        (once.entries, rows),
        (twice.entries, entry_rows(&mut store)?)
    );

    println!("\n== What is due now? ==");
    // Twenty more complaints, each with a callback promised within the next hours.
    for i in 0..20 {
        let received = at(23, 9, 40)?;
        let mut due = ComplaintRecord::accept(
            Accept {
                complainant: Complainant::new(format!("customer-{i}")),
                received_at: received,
                channel: Channel::Online,
                content: "The refund has not arrived".into(),
                category: Category::new("billing"),
                severity: Severity::Low,
            },
            &agent.at(received),
        )?;
        due.apply(
            Contact {
                method: ContactMethod::Email,
                summary: "Promised an answer from billing".into(),
                callback_due: Some(received + Duration::minutes(20 + 10 * i64::from(i))),
            },
            &agent.at(received),
        )?;
        store::create(&mut store, &due)?;
    }
    println!("{DUE_BEFORE}");
    // On a table this small the planner rightly reads it whole; with
    // sequential scans off it shows the plan it takes once the table is large.
    store
        .client()
        .batch_execute("ANALYZE complaints; SET enable_seqscan = off")?;
    for row in store
        .client()
        .query(&format!("EXPLAIN {DUE_BEFORE}"), &[&at(23, 12, 0)?])?
    {
        println!("plan: {}", row.get::<_, String>(0));
    }
    store.client().batch_execute("RESET enable_seqscan")?;
    let now = at(23, 12, 0)?;
    println!(
        "due before {now}: {} complaint(s)",
        store.due_before(now)?.len()
    );

    println!("\n== Two due-workers claim with FOR UPDATE SKIP LOCKED ==");
    println!("{CLAIM_DUE}");
    let workers: Vec<_> = ["worker-a", "worker-b"]
        .into_iter()
        .map(|name| {
            let url = url.clone();
            thread::spawn(move || -> Result<Vec<ComplaintId>, StoreError> {
                let mut store = PostgresStore::connect(&url, SCHEMA)?;
                let policy = Policy::default();
                let ctx = Context::new(Actor::agent(name), now, &policy);
                let mut handled = Vec::new();
                loop {
                    // T3: the promised callback, which meets its deadline.
                    let batch = store.claim_due(now, 3, |record| {
                        record.apply(
                            Contact {
                                method: ContactMethod::Phone,
                                summary: format!("Called back by {name}"),
                                callback_due: None,
                            },
                            &ctx,
                        )?;
                        Ok(())
                    })?;
                    if batch.is_empty() {
                        return Ok(handled);
                    }
                    handled.extend(batch);
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for (name, worker) in ["worker-a", "worker-b"].into_iter().zip(workers) {
        let handled = worker.join().map_err(|_| "a worker panicked")??;
        println!("{name} called back {} customer(s)", handled.len());
        all.extend(handled);
    }
    let distinct: std::collections::BTreeSet<_> = all.iter().collect();
    println!(
        "handled {} complaint(s), {} distinct; due before {now} now: {}",
        all.len(),
        distinct.len(),
        store.due_before(now)?.len()
    );
    assert_eq!(all.len(), distinct.len());

    println!("\n== Personal data erased, facts kept ==");
    let before = store.load(id)?;
    let report_time = at(30, 9, 0)?;
    let supervisor = agent
        .by(Actor::supervisor("supervisor-2"))
        .at(at(23, 13, 0)?)
        .with_command("erasure-0042");
    let written = store::erase_personal_data(
        &mut store,
        &customer,
        "the customer asked for erasure",
        &supervisor,
    )?;
    let after = store.load(id)?;
    println!(
        "erased on {} complaint(s); contact details now: {:?}",
        written.len(),
        store.personal_data(&customer)?
    );
    let last = &after.entries()[after.entries().len() - 1];
    println!(
        "history: version {} -> {}, last entry `{}` by {}",
        before.version(),
        after.version(),
        last.event().kind(),
        last.actor().id
    );
    let same = facts(&before, report_time) == facts(&after, report_time);
    println!(
        "replayed facts (stage, intake, judgment, deadlines, breaches, follow-up) unchanged: {same}"
    );
    assert!(same);
    Ok(())
}

/// The facts a report reads from a complaint, as text to compare.
fn facts(record: &ComplaintRecord, now: DateTime<Utc>) -> String {
    format!(
        "{:?}",
        (
            record.stage(),
            record.intake(),
            record.judgment(),
            record.deadlines(),
            record.breaches(now),
            record.follow_up(),
        )
    )
}

fn summary(store: &mut PostgresStore, id: ComplaintId) -> Result<String, StoreError> {
    let id: uuid::Uuid = id.into();
    let row = store.client().query_one(
        "SELECT stage, version, next_due_at FROM complaints WHERE id = $1",
        &[&id],
    )?;
    let (stage, version, next_due): (String, i64, Option<DateTime<Utc>>) =
        (row.get(0), row.get(1), row.get(2));
    let next_due = next_due.map_or_else(|| "nothing".to_owned(), |due| due.to_string());
    Ok(format!(
        "row says stage {stage}, version {version}, next due {next_due}"
    ))
}

fn entry_rows(store: &mut PostgresStore) -> Result<i64, StoreError> {
    Ok(store
        .client()
        .query_one("SELECT count(*) FROM entries", &[])?
        .get(0))
}

fn note(text: &str) -> Event {
    Event::from(AddNote { text: text.into() })
}

/// A time in November 2026, UTC.
fn at(day: u32, hour: u32, minute: u32) -> Result<DateTime<Utc>, String> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .single()
        .ok_or_else(|| format!("no such time: 2026-11-{day} {hour}:{minute}"))
}
