//! Complaint histories in a real SQLite file (`target/sqlite_store_example.db`,
//! WAL mode), following `docs/storage.md`: create, apply, reload, a stale
//! writer refused, a repeated command applied once, "what is due now?" as one
//! indexed query, and an erasure of personal data that leaves the facts as
//! they were. Run it with `cargo run --example sqlite_store`.

#[path = "store/mod.rs"]
mod store;

use std::error::Error;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplainantId, ComplaintId, ComplaintRecord, Context,
    Department, Event, Policy, Severity,
    event::{Accept, AddNote, Contact, ContactMethod, Uphold},
};
use store::sqlite::{DUE_BEFORE, SqliteStore};
use store::{PersonalData, Store, StoreError};

fn main() -> Result<(), Box<dyn Error>> {
    let path = fresh_file("sqlite_store_example.db")?;
    let mut store = SqliteStore::open(&path)?;
    store.create_schema()?;
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))?;
    println!("== {} (journal mode {mode}) ==", path.display());

    let policy = Policy::default();
    let t0 = at(23, 9, 0)?;
    let agent = Context::new(Actor::agent("agent-7"), t0, &policy);
    let customer = ComplainantId::new("customer-42");

    // The application's own table: contact details never enter a history.
    store.put_personal_data(&PersonalData {
        complainant: customer.clone(),
        name: "Chan Tai Man".into(),
        phone: Some("+852 5550 0142".into()),
        email: None,
    })?;

    println!("\n== Create, apply, reload ==");
    // R1: accepted, stored at "no record yet".
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
    // R2: through the read-modify-append loop.
    let uphold = Event::from(Uphold {
        responsible_department: Department::new("repairs"),
        investigation_due: at(25, 18, 0)?,
    });
    store::apply(&mut store, id, &uphold, &agent.at(at(23, 9, 10)?))?;
    println!("applied   uphold: {}", summary(&mut store, id)?);
    // A second connection to the same file sees the committed history.
    let mut other = SqliteStore::open(&path)?;
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
    println!(
        "two writers loaded version {} and {}",
        first.version(),
        second.version()
    );
    let photos = note("The customer sent photos of the leak");
    let booked = note("Technician booked for Thursday morning");
    let (photos_at, booked_at) = (agent.at(at(23, 9, 20)?), agent.at(at(23, 9, 21)?));
    let expected = first.expected_version();
    first.apply(photos.clone(), &photos_at)?;
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
        "writer 2  reloaded and applied again: entry {} ({} conflicts on the way)",
        retried.entries[0].sequence(),
        retried.conflicts
    );

    println!("\n== A repeated command is applied once ==");
    // T3: a callback promised for tomorrow, sent twice by a retrying client.
    let call = Event::from(Contact {
        method: ContactMethod::Phone,
        summary: "Agreed to call back once the technician has been".into(),
        callback_due: Some(at(24, 10, 0)?),
    });
    let call_ctx = agent.at(at(23, 9, 30)?).with_command("request-5f0c");
    let once = store::apply(&mut store, id, &call, &call_ctx)?;
    let rows = entry_rows(&store)?;
    let twice = store::apply(&mut store, id, &call, &call_ctx)?;
    println!(
        "command request-5f0c: first entry {}, repeated: {} -> entry {}, rows {rows} -> {}",
        once.entries[0].sequence(),
        twice.repeated,
        twice.entries[0].sequence(),
        entry_rows(&store)?
    );
    assert_eq!((once.entries, rows), (twice.entries, entry_rows(&store)?));

    println!("\n== What is due now? ==");
    // Two more complaints with callbacks promised at other times.
    for (customer, hours) in [("customer-7", 2), ("customer-9", 30)] {
        let mut other_record = ComplaintRecord::accept(
            Accept {
                complainant: Complainant::new(customer),
                received_at: at(23, 9, 40)?,
                channel: Channel::Online,
                content: "The refund has not arrived".into(),
                category: Category::new("billing"),
                severity: Severity::Low,
            },
            &agent.at(at(23, 9, 40)?),
        )?;
        other_record.apply(
            Contact {
                method: ContactMethod::Email,
                summary: "Promised an answer from billing".into(),
                callback_due: Some(at(23, 9, 40)? + Duration::hours(hours)),
            },
            &agent.at(at(23, 9, 41)?),
        )?;
        store::create(&mut store, &other_record)?;
    }
    println!("{DUE_BEFORE}");
    let plan: String = store.connection().query_row(
        &format!("EXPLAIN QUERY PLAN {DUE_BEFORE}"),
        [0_i64],
        |row| row.get(3),
    )?;
    println!("plan: {plan}");
    for now in [at(23, 12, 0)?, at(24, 12, 0)?] {
        let due = store.due_before(now)?;
        println!("due before {now}: {} complaint(s)", due.len());
        for due_id in due {
            println!("  {due_id}  {}", summary(&mut store, due_id)?);
        }
    }

    println!("\n== Personal data erased, facts kept ==");
    let before = store.load(id)?;
    let report_time = at(30, 9, 0)?;
    let supervisor = agent
        .by(Actor::supervisor("supervisor-2"))
        .at(at(23, 10, 0)?)
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
    println!(
        "history: version {} -> {}, last entry `{}` by {}",
        before.version(),
        after.version(),
        after.entries()[after.entries().len() - 1].event().kind(),
        after.entries()[after.entries().len() - 1].actor().id
    );
    let same = facts(&before, report_time) == facts(&after, report_time);
    println!(
        "replayed facts (stage, intake, judgment, deadlines, breaches, follow-up) unchanged: {same}"
    );
    let leaked: i64 = store.connection().query_row(
        "SELECT count(*) FROM entries WHERE body LIKE '%Chan Tai Man%' OR body LIKE '%5550%'",
        [],
        |row| row.get(0),
    )?;
    println!("entries holding the name or phone number: {leaked}");
    assert!(same && leaked == 0);
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

fn summary(store: &mut SqliteStore, id: ComplaintId) -> Result<String, StoreError> {
    let (stage, version, next_due): (String, i64, Option<i64>) = store.connection().query_row(
        "SELECT stage, version, next_due_at FROM complaints WHERE id = ?1",
        [id.to_string()],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let next_due = next_due
        .and_then(DateTime::from_timestamp_micros)
        .map_or_else(|| "nothing".to_owned(), |due| due.to_string());
    Ok(format!(
        "row says stage {stage}, version {version}, next due {next_due}"
    ))
}

fn entry_rows(store: &SqliteStore) -> Result<i64, StoreError> {
    Ok(store
        .connection()
        .query_row("SELECT count(*) FROM entries", [], |row| row.get(0))?)
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

/// `target/NAME`, without a database left from an earlier run.
fn fresh_file(name: &str) -> std::io::Result<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
    }
    Ok(path)
}
