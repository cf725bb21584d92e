//! Complaint histories in an SQLite file (in the system's temporary folder,
//! WAL mode): create, apply, a conflict, a retried command, what is due, and
//! the change feed. Run it with `cargo run --example sqlite_store`.

use std::error::Error;

use chrono::{DateTime, TimeZone, Utc};
use complaint_workflow::event::{Accept, AddNote, Contact, ContactMethod, Uphold};
use complaint_workflow::store::{AppendError, ChangeFeed, ComplaintStore, Complaints};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, Context, Department, Policy, Severity,
};
use complaint_workflow_sqlite::SqliteStore;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::temp_dir().join("complaint_workflow_sqlite_store_example.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let store = SqliteStore::open(&path).await?;
    store.migrate().await?;
    println!("== {} ==", path.display());
    let complaints = Complaints::new(store.clone());
    let policy = Policy::default();
    let agent = Context::new(Actor::agent("agent-7"), at(9, 0)?, &policy);

    println!("\n== Create and apply ==");
    let reference = store.next_reference(2026).await?;
    let accept = Accept {
        complainant: Complainant::member("customer-42"),
        received_at: at(8, 58)?,
        channel: Channel::Phone,
        content: "The washing machine leaks again a week after the repair".into(),
        category: Category::new("repair"),
        severity: Severity::Medium,
    };
    let id = complaints
        .create(accept, Some(&reference), &agent)
        .await?
        .complaint_id;
    println!("created   {reference} = {id}");
    let uphold = Uphold {
        responsible_department: Department::new("repairs"),
        investigation_due: at(18, 0)?,
    };
    complaints.apply(id, uphold, &agent.at(at(9, 10)?)).await?;
    let record = complaints.load(id).await?;
    println!(
        "applied   uphold: stage {}, version {}",
        record.stage(),
        record.version()
    );

    println!("\n== A stale writer is refused ==");
    let mut stale = complaints.load(id).await?;
    let loaded = stale.version();
    complaints
        .apply(
            id,
            AddNote {
                text: "first writer".into(),
            },
            &agent.at(at(9, 20)?),
        )
        .await?;
    stale.apply(
        AddNote {
            text: "second writer".into(),
        },
        &agent.at(at(9, 21)?),
    )?;
    match store.append(loaded, &stale).await {
        Err(AppendError::Conflict(conflict)) => println!("refused   {conflict}"),
        other => return Err(format!("expected a conflict, got {other:?}").into()),
    }
    // The driver reloads and retries on a conflict by itself.
    let applied = complaints
        .apply(
            id,
            AddNote {
                text: "second writer".into(),
            },
            &agent.at(at(9, 21)?),
        )
        .await?;
    println!(
        "retried   through the driver: version {}",
        applied.entries[0].sequence()
    );

    println!("\n== A retried command is applied once ==");
    let callback = Contact {
        method: ContactMethod::Phone,
        summary: "Promised to call back after the technician's visit".into(),
        callback_due: Some(at(15, 0)?),
    };
    let ctx = agent.at(at(9, 30)?).with_command("request-5f0c");
    let once = complaints.apply(id, callback.clone(), &ctx).await?;
    let twice = complaints.apply(id, callback, &ctx).await?;
    println!(
        "request-5f0c twice: repeated {} then {}, version {}",
        once.repeated,
        twice.repeated,
        complaints.load(id).await?.version()
    );

    println!("\n== What is due? ==");
    for due in complaints.due_before(at(18, 0)?, 10).await? {
        println!("due       {} at {}", due.complaint_id, due.due);
    }
    let claimed = store
        .claim_due("worker-1", at(16, 0)?, chrono::Duration::minutes(5), 10)
        .await?;
    println!(
        "claimed   by worker-1 at 16:00: {} complaint(s)",
        claimed.len()
    );

    println!("\n== The change feed ==");
    for entry in store.entries_after(0, 100).await? {
        println!(
            "{:>3}  {} #{} {}",
            entry.position,
            entry.entry.complaint_id(),
            entry.entry.sequence(),
            entry.entry.event().kind().name()
        );
    }
    Ok(())
}

/// 2026-11-23 at `hour:minute` UTC.
fn at(hour: u32, minute: u32) -> Result<DateTime<Utc>, Box<dyn Error>> {
    Utc.with_ymd_and_hms(2026, 11, 23, hour, minute, 0)
        .single()
        .ok_or_else(|| "no such time".into())
}
