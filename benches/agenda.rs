//! P3: [`Agenda`] over 10,000, 100,000 and 1,000,000 open complaints (1,000
//! in test mode) — "what is due before t?" with 1% of the complaints due
//! (each due complaint handed to `black_box`, the same list on both sides),
//! and rescheduling one complaint — against a
//! `BTreeMap<(DateTime<Utc>, ComplaintId), ()>` doing the same (it has no
//! index by id: to move a complaint the caller must know its old due time,
//! which the baseline keeps in a side vector, outside the measured memory).
//!
//! Memory per complaint: the bytes the binary's counting allocator holds
//! after inserting the `n` complaints, divided by `n` (the sizes asked of
//! the allocator, without its own bookkeeping).
//!
//! The ids are UUID v7s made from seeded bytes (creation times over 30 days),
//! the due times seeded seconds over the next 30 days.
//!
//! W1: `Agenda::track` holds a record's next alarm, so `p3_track` measures
//! it on real records: 4,096 of the complaints (256 in test mode) are
//! records whose final response warns at 75 % of its 48 hours, tracked
//! into the agenda at their warning; each step tracks one of them after its
//! at-risk alarm was raised (its next alarm moves to its due time) or before
//! (back to the warning). The baseline asks each record for its next alarm
//! too, then moves it in the `BTreeMap` by its known old time.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintId, ComplaintRecord, Context, Policy, Severity,
    deadline::{Agenda, AgendaChange, AlarmLevel, AlarmPoint, DeadlineKind, Warning},
    event::{Accept, RaiseAlarm},
    time::TimeLimit,
};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use common::{SplitMix64, bench_mode, epoch, sized};

/// The system allocator, counting the bytes currently allocated.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to `System` unchanged; the counter only adds
// and subtracts the sizes of the layouts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

fn sizes() -> Vec<usize> {
    if bench_mode() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        vec![1_000]
    }
}

/// `n` open complaints: a UUID v7 id and a due time each.
fn complaints(n: usize, rng: &mut SplitMix64) -> Vec<(ComplaintId, DateTime<Utc>)> {
    let start = epoch().timestamp_millis() as u64;
    let month = 30 * 86_400;
    (0..n)
        .map(|_| {
            let created = start - rng.below(month * 1_000);
            let mut random = [0_u8; 10];
            random[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
            random[8..].copy_from_slice(&rng.next_u64().to_le_bytes()[..2]);
            let id = uuid::Builder::from_unix_timestamp_millis(created, &random).into_uuid();
            let due = epoch() + Duration::seconds(rng.below(month) as i64);
            (ComplaintId::from(id), due)
        })
        .collect()
}

fn agenda_of(complaints: &[(ComplaintId, DateTime<Utc>)]) -> Agenda {
    let mut agenda = Agenda::new();
    for &(id, due) in complaints {
        assert_eq!(agenda.update(id, Some(due)), AgendaChange::Added { due });
    }
    agenda
}

/// W1: a record whose next alarm is its final response's warning, and the
/// same record after that alarm was raised (its next alarm is the due time).
struct Warned {
    id: ComplaintId,
    before: ComplaintRecord,
    after: ComplaintRecord,
    warns: DateTime<Utc>,
    due: DateTime<Utc>,
}

/// `count` warned records, received at seeded times over 30 days.
fn warned(count: usize, rng: &mut SplitMix64) -> Vec<Warned> {
    let policy = Policy::builder()
        .final_response(TimeLimit::Hours(48))
        .warning(
            DeadlineKind::FinalResponse,
            Some(Warning::ShareElapsed { percent: 75 }),
        )
        .build()
        .unwrap();
    let agent = Actor::agent("agent-7");
    (0..count)
        .map(|_| {
            let at = epoch() + Duration::seconds(rng.below(30 * 86_400) as i64);
            let accept = Accept {
                complainant: Complainant::member("customer-42"),
                received_at: at,
                channel: Channel::Email,
                content: "The parcel arrived broken".into(),
                category: Category::new("delivery"),
                severity: Severity::Medium,
            };
            let before =
                ComplaintRecord::accept(accept, &Context::new(agent.clone(), at, &policy)).unwrap();
            let warning = before.next_alarm().unwrap();
            assert_eq!(warning.point, AlarmPoint::Warning);
            let mut after = before.clone();
            after
                .apply(
                    RaiseAlarm {
                        deadline: warning.deadline,
                        level: AlarmLevel::AtRisk,
                    },
                    &Context::new(agent.clone(), warning.at, &policy),
                )
                .unwrap();
            let due = after.next_alarm().unwrap();
            assert_eq!(due.point, AlarmPoint::Due);
            Warned {
                id: before.id(),
                before,
                after,
                warns: warning.at,
                due: due.at,
            }
        })
        .collect()
}

type Baseline = BTreeMap<(DateTime<Utc>, ComplaintId), ()>;

fn baseline_of(complaints: &[(ComplaintId, DateTime<Utc>)]) -> Baseline {
    complaints
        .iter()
        .map(|&(id, due)| ((due, id), ()))
        .collect()
}

/// Bytes held per complaint after building with `build`.
fn bytes_per_complaint<T>(n: usize, build: impl FnOnce() -> T) -> (T, f64) {
    let before = live();
    let built = build();
    let held = live() - before;
    (built, held as f64 / n as f64)
}

fn agenda(c: &mut Criterion) {
    let mut rng = SplitMix64::new(0x5EED_0004);
    for n in sizes() {
        let pool = warned(sized(4_096, 256), &mut rng);
        let complaints = complaints(n - pool.len(), &mut rng);
        let (mut agenda, agenda_bytes) = bytes_per_complaint(n, || {
            let mut agenda = agenda_of(&complaints);
            for record in &pool {
                let due = record.warns;
                assert_eq!(agenda.track(&record.before), AgendaChange::Added { due });
            }
            agenda
        });
        let (mut baseline, baseline_bytes) = bytes_per_complaint(n, || {
            let mut map = Baseline::new();
            for &(id, due) in &complaints {
                map.insert((due, id), ());
            }
            for record in &pool {
                map.insert((record.warns, record.id), ());
            }
            map
        });
        assert_eq!((agenda.len(), baseline.len()), (n, n));
        let mut expected = baseline_of(&complaints);
        expected.extend(pool.iter().map(|record| ((record.warns, record.id), ())));
        assert_eq!(baseline, expected);
        eprintln!(
            "P3 memory, {n} complaints: Agenda {agenda_bytes:.1} bytes/complaint, \
             BTreeMap {baseline_bytes:.1} bytes/complaint"
        );

        // 1% of the complaints are due before `t` (the due times are uniform over 30 days).
        let t = epoch() + Duration::seconds(30 * 86_400 / 100);
        let due = complaints.iter().filter(|(_, due)| *due < t).count()
            + pool.iter().filter(|record| record.warns < t).count();
        let mut group = c.benchmark_group("p3_due_before");
        if n >= 1_000_000 {
            group.sample_size(30);
        }
        // The same complaints, in the same order, on both sides.
        let listed: Vec<_> = agenda.due_before(t).collect();
        let ranged: Vec<_> = baseline
            .range(..(t, ComplaintId::MIN))
            .map(|(&entry, ())| entry)
            .collect();
        assert_eq!((listed.len(), &listed), (due, &ranged));
        // Each side hands over every complaint due (`black_box` keeps the
        // compiler from skipping the keys, as a `count` would let it).
        group.bench_function(BenchmarkId::new("agenda", n), |b| {
            b.iter(|| {
                let mut found = 0;
                for entry in agenda.due_before(black_box(t)) {
                    black_box(entry);
                    found += 1;
                }
                assert_eq!(found, due);
            });
        });
        group.bench_function(BenchmarkId::new("btreemap", n), |b| {
            b.iter(|| {
                let mut found = 0;
                for (&entry, ()) in baseline.range(..(black_box(t), ComplaintId::MIN)) {
                    black_box(entry);
                    found += 1;
                }
                assert_eq!(found, due);
            });
        });
        group.finish();

        // Rescheduling: complaint `k` moves by a few minutes, earlier or later.
        let moves: Vec<(usize, i64)> = (0..4096)
            .map(|_| {
                let minutes = 1 + rng.below(120) as i64;
                let sign = if rng.below(2) == 0 { -1 } else { 1 };
                (rng.below(complaints.len() as u64) as usize, sign * minutes)
            })
            .collect();
        let mut group = c.benchmark_group("p3_reschedule");
        let mut current: Vec<DateTime<Utc>> = complaints.iter().map(|&(_, due)| due).collect();
        let mut next = 0;
        group.bench_function(BenchmarkId::new("agenda", n), |b| {
            b.iter(|| {
                let (k, minutes) = moves[next % moves.len()];
                next += 1;
                let (id, from) = (complaints[k].0, current[k]);
                let to = from + Duration::minutes(minutes);
                assert_eq!(
                    agenda.update(black_box(id), Some(to)),
                    AgendaChange::Moved { from, to }
                );
                current[k] = to;
            });
        });
        let mut current_baseline: Vec<DateTime<Utc>> =
            complaints.iter().map(|&(_, due)| due).collect();
        let mut next = 0;
        group.bench_function(BenchmarkId::new("btreemap", n), |b| {
            b.iter(|| {
                let (k, minutes) = moves[next % moves.len()];
                next += 1;
                let (id, from) = (complaints[k].0, current_baseline[k]);
                let to = from + Duration::minutes(minutes);
                assert_eq!(baseline.remove(&(from, black_box(id))), Some(()));
                baseline.insert((to, id), ());
                current_baseline[k] = to;
            });
        });
        group.finish();

        // W1: tracking a warned record, its next alarm moving from its
        // warning to its due time and back.
        let mut group = c.benchmark_group("p3_track");
        let mut raised = vec![false; pool.len()];
        let mut next = 0;
        group.bench_function(BenchmarkId::new("agenda", n), |b| {
            b.iter(|| {
                let k = next % pool.len();
                next += 1;
                let record = &pool[k];
                let (tracked, from, to) = if raised[k] {
                    (&record.before, record.due, record.warns)
                } else {
                    (&record.after, record.warns, record.due)
                };
                assert_eq!(
                    agenda.track(black_box(tracked)),
                    AgendaChange::Moved { from, to }
                );
                raised[k] = !raised[k];
            });
        });
        let mut raised = vec![false; pool.len()];
        let mut next = 0;
        group.bench_function(BenchmarkId::new("btreemap", n), |b| {
            b.iter(|| {
                let k = next % pool.len();
                next += 1;
                let record = &pool[k];
                let (tracked, from) = if raised[k] {
                    (&record.before, record.due)
                } else {
                    (&record.after, record.warns)
                };
                let to = black_box(tracked).next_alarm().map(|alarm| alarm.at);
                assert_eq!(baseline.remove(&(from, record.id)), Some(()));
                baseline.insert((to.unwrap(), record.id), ());
                raised[k] = !raised[k];
            });
        });
        group.finish();
        assert_eq!((agenda.len(), baseline.len()), (n, n));
    }
}

criterion_group!(benches, agenda);
criterion_main!(benches);
