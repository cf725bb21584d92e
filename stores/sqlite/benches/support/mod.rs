//! What the read benches share: the bench mode, a store on a seeded file in
//! a temporary folder, the few complaints written through the crate that
//! the big tables are copied from, and the paired timing of a crate side
//! against its raw baseline.
//!
//! Big tables are not written through the crate one append at a time: a few
//! complaints are ([`templates`]), then [`replicate`] copies their
//! `complaints` and `entries` rows with raw SQL in one transaction, each
//! copy under fresh ids (a fresh complaint id and fresh event ids, written
//! into the copied JSON bodies too), so that every copied history replays
//! as the one it was copied from.

// Each bench binary uses a part of this module.
#![allow(dead_code)]

use std::cell::RefCell;
use std::fmt::Display;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use complaint_workflow::event::{
    Accept, AddNote, Contact, ContactMethod, Dismiss, Findings, Investigate, Responsibility,
    ResponsibleParty, RootCause, Uphold,
};
use complaint_workflow::store::Complaints;
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintId, Context, Department, Event, Policy,
    Severity,
};
use complaint_workflow_sqlite::SqliteStore;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId};
use tokio::runtime::Runtime;

/// Whether the binary runs as a real benchmark (`cargo bench` passes
/// `--bench`); `cargo test --benches` runs each benchmark once, on tiny
/// tables.
pub fn bench_mode() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// The current-thread runtime every side is driven by (`block_on`).
pub fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// A store on a file of its own under the benches' temporary folder,
/// removed with the value.
pub struct Seeded {
    /// The store, opened by `SqliteStore::open` and migrated.
    pub store: SqliteStore,
    path: PathBuf,
}

impl Seeded {
    /// A fresh, migrated file `name`.
    pub fn fresh(runtime: &Runtime, name: &str) -> Self {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-read");
        std::fs::create_dir_all(&dir).expect("the bench folder");
        let path = dir.join(name);
        remove(&path);
        let store = runtime.block_on(async {
            let store = SqliteStore::open(&path).await.expect("open the store");
            store.migrate().await.expect("migrate");
            store
        });
        Self { store, path }
    }
}

impl Drop for Seeded {
    fn drop(&mut self) {
        remove(&self.path);
    }
}

fn remove(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// Monday 2026-11-23 09:00 UTC, plus `minutes`.
pub fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + TimeDelta::minutes(minutes)
}

fn accept(n: usize, severity: Severity) -> Accept {
    Accept {
        complainant: Complainant::member(format!("customer-{n}")),
        received_at: at(0),
        channel: Channel::Phone,
        content: "The washing machine leaks again a week after the repair".into(),
        category: Category::new("repair"),
        severity,
    }
}

fn note(text: &str) -> Event {
    Event::from(AddNote { text: text.into() })
}

/// The histories the big tables are copied from: notes
/// and a promised callback; upheld and investigated; dismissed (its
/// follow-up scheduled); a long run of notes.
fn histories() -> Vec<(Accept, Vec<Event>)> {
    let callback = Event::from(Contact {
        method: ContactMethod::Phone,
        summary: "Promised to call back once the technician has looked at it".into(),
        callback_due: Some(at(60 * 26)),
    });
    let uphold = Event::from(Uphold {
        responsible_department: Department::new("repairs"),
        investigation_due: at(60 * 50),
    });
    let investigate = Event::from(Investigate {
        findings: Findings {
            root_cause: RootCause::Quality,
            description: "A worn door seal was left in place during the repair".into(),
            responsible_parties: vec![ResponsibleParty {
                person: "technician-19".into(),
                department: Department::new("repairs"),
                responsibility: Responsibility::Direct,
            }],
        },
    });
    let dismiss = Event::from(Dismiss {
        reply: "The leak comes from the customer's own hose; we explained how to fit it".into(),
    });
    vec![
        (
            accept(1, Severity::Medium),
            vec![note("Photos received"), callback, note("Technician booked")],
        ),
        (
            accept(2, Severity::High),
            vec![
                uphold,
                investigate,
                note("Findings sent to the repairs lead"),
            ],
        ),
        (accept(3, Severity::Low), vec![dismiss]),
        (
            accept(4, Severity::Medium),
            (1..=5)
                .map(|n| note(&format!("Customer called again ({n}); nothing new")))
                .collect(),
        ),
    ]
}

/// How many complaints the [`templates`] are.
pub const TEMPLATE_COMPLAINTS: usize = 4;

/// The complaints written through the crate.
pub struct Templates {
    /// Their ids.
    pub ids: Vec<ComplaintId>,
    /// Their entries in all.
    pub entries: usize,
}

/// Writes the template complaints through the driver (one event at a time,
/// as an application does).
pub fn templates(runtime: &Runtime, store: &SqliteStore) -> Templates {
    let policy = Policy::default();
    let complaints = Complaints::new(store.clone());
    runtime.block_on(async {
        let mut ids = Vec::new();
        for (accept, events) in histories() {
            let ctx = Context::new(Actor::agent("agent-7"), at(0), &policy);
            let id = complaints
                .create(accept, None, &ctx)
                .await
                .expect("create")
                .complaint_id;
            for (minute, event) in (1..).zip(events) {
                let ctx = Context::new(Actor::agent("agent-7"), at(minute), &policy);
                complaints.apply(id, event, &ctx).await.expect("apply");
            }
            ids.push(id);
        }
        let entries: i64 = sqlx::query_scalar("SELECT count(*) FROM entries")
            .fetch_one(store.pool())
            .await
            .expect("count");
        assert_eq!(ids.len(), TEMPLATE_COMPLAINTS);
        Templates {
            ids,
            entries: usize::try_from(entries).expect("a count"),
        }
    })
}

/// Copies the rows of every complaint in the file (the [`templates`])
/// `copies` times, in one transaction of raw SQL. Copy `c` of template `t`
/// is complaint `{c:08x…}-{t}` with event ids of the same shape (UUID v7
/// layout, sorting by copy as ids made one after another do); the bodies
/// name the new ids. The entries are inserted in the order SQLite joins
/// the copies to the templates' entries (no sort: a sort of a million
/// bodies needs as much temporary space as the table).
///
/// `due_spread` > 1 moves each copy's `next_due_at` by a whole number of
/// minutes below `due_spread` (copy `c` by `c × 7919 mod due_spread`), so
/// that the due index holds many times, not four: only the `complaints`
/// row moves, not the deadlines in the bodies (the due query reads the row
/// alone).
///
/// The copies' entries are written as schema 1 (no seal, A3): their ids
/// differ from the templates', which a seal would refuse as altered; a load
/// seals them on upgrade, the same hashing as verifying a seal.
pub fn replicate(runtime: &Runtime, store: &SqliteStore, copies: u64, due_spread: i64) {
    runtime.block_on(async {
        let mut tx = store.pool().begin().await.expect("begin");
        sqlx::query(
            "CREATE TEMP TABLE seed_map AS
             WITH RECURSIVE copy(c) AS (SELECT 1 UNION ALL SELECT c + 1 FROM copy WHERE c < ?1),
             template(t, id) AS (SELECT row_number() OVER (ORDER BY id), id FROM main.complaints)
             SELECT c, t, template.id AS template,
                    printf('%08x-%04x-7%03x-8000-000000000000', c >> 16, c & 65535, t) AS id
             FROM copy, template",
        )
        .bind(i64::try_from(copies).expect("copies"))
        .execute(&mut *tx)
        .await
        .expect("the copies' ids");
        sqlx::query(
            "INSERT INTO complaints (id, stage, version, next_due_at, complainant_id, reference)
             SELECT m.id, r.stage, r.version,
                    r.next_due_at + (m.c * 7919 % max(?1, 1)) * 60000000, r.complainant_id, NULL
             FROM temp.seed_map m JOIN main.complaints r ON r.id = m.template
             ORDER BY m.c, m.t",
        )
        .bind(due_spread)
        .execute(&mut *tx)
        .await
        .expect("the complaints rows");
        sqlx::query(
            "INSERT INTO entries
             (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
             SELECT id, sequence, event_id, at, actor_id, event_type, 1,
                    json_set(json_remove(replace(replace(body, template, id), template_event, event_id),
                                         '$.seal'), '$.schema', 1), command_id
             FROM (SELECT m.id, m.template, e.sequence, e.event_id AS template_event,
                          printf('%08x-%04x-7%03x-9%03x-000000000000',
                                 m.c >> 16, m.c & 65535, m.t, e.sequence) AS event_id,
                          e.at, e.actor_id, e.event_type, e.schema, e.body, e.command_id
                   FROM temp.seed_map m JOIN main.entries e ON e.complaint_id = m.template)",
        )
        .execute(&mut *tx)
        .await
        .expect("the entries rows");
        sqlx::query("DROP TABLE temp.seed_map")
            .execute(&mut *tx)
            .await
            .expect("drop the map");
        tx.commit().await.expect("commit the seed");
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(store.pool())
            .await
            .expect("checkpoint");
        sqlx::query("ANALYZE")
            .execute(store.pool())
            .await
            .expect("analyze");
    });
}

/// One side of a comparison: its name in criterion's ids and one run of it,
/// which answers the time of its timed part and a check value that every
/// side must agree on.
pub struct Side<'s> {
    /// The name in the bench id (`crate`, `raw`, …).
    pub name: &'static str,
    run: Box<dyn FnMut() -> (Duration, u64) + 's>,
    total: Duration,
}

impl<'s> Side<'s> {
    /// A side called `name` that runs `run`.
    pub fn new(name: &'static str, run: impl FnMut() -> (Duration, u64) + 's) -> Self {
        Self {
            name,
            run: Box::new(run),
            total: Duration::ZERO,
        }
    }
}

/// Benchmarks each of `sides` under `group/<side>/<parameter>` (printed as
/// `label`); in every
/// iteration of every benchmark all sides run in turn (the timed one last
/// but its order rotating with the benchmark), so that all meet the same
/// load and the same cache. Their answers are checked to agree in every
/// turn. Prints, and returns, each side's mean time per run and its time
/// over all turns relative to the last side's (the baseline).
pub fn compare(
    group: &mut BenchmarkGroup<'_, WallTime>,
    label: &str,
    parameter: impl Display,
    sides: Vec<Side<'_>>,
) -> Vec<Compared> {
    let names: Vec<&'static str> = sides.iter().map(|side| side.name).collect();
    let mut sides = sides;
    // One untimed turn first: the file's pages read once, every side's
    // statements prepared; the sides checked to agree.
    let answers: Vec<u64> = sides.iter_mut().map(|side| (side.run)().1).collect();
    assert!(
        answers.windows(2).all(|pair| pair[0] == pair[1]),
        "{names:?} disagree: {answers:?}"
    );
    let sides = RefCell::new((sides, 0_u32));
    for (timed, name) in names.iter().enumerate() {
        group.bench_function(BenchmarkId::new(*name, &parameter), |b| {
            b.iter_custom(|iters| {
                let mut state = sides.borrow_mut();
                let (sides, turns) = &mut *state;
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let mut answer = None;
                    // Start after the timed side, so it runs last.
                    for k in 1..=sides.len() {
                        let index = (timed + k) % sides.len();
                        let side = &mut sides[index];
                        let (took, check) = (side.run)();
                        side.total += took;
                        if index == timed {
                            spent += took;
                        }
                        assert_eq!(
                            *answer.get_or_insert(check),
                            check,
                            "{} disagrees",
                            side.name
                        );
                    }
                    *turns += 1;
                }
                spent
            });
        });
    }
    let (sides, turns) = sides.into_inner();
    let baseline = sides.last().expect("a baseline side").total.as_secs_f64();
    let baseline_name = names.last().expect("a baseline side");
    sides
        .iter()
        .map(|side| {
            let per_run = side.total / turns.max(1);
            let ratio = side.total.as_secs_f64() / baseline;
            println!(
                "{label}/{parameter} paired over {turns} turns: {} {:.3} ms per run, \
                 {ratio:.3}x the time of {baseline_name} ({:.3}x its throughput)",
                side.name,
                per_run.as_secs_f64() * 1e3,
                1.0 / ratio,
            );
            Compared {
                name: side.name,
                per_run,
                ratio,
            }
        })
        .collect()
}

/// What [`compare`] measured of one side over all turns.
pub struct Compared {
    /// The side's name.
    pub name: &'static str,
    /// Its mean time per run.
    pub per_run: Duration,
    /// Its time over the baseline's.
    pub ratio: f64,
}
