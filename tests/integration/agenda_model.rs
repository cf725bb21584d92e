//! The agenda against a `BTreeMap` model under random sequences of
//! `update`, `remove` and `track` (W1), with due times that tie, times
//! without a packed form (before 1677, after 2262, within a leap second,
//! at the packed range's edges), and enough complaints that the by-id
//! table grows and shrinks: every answer (`update`'s change, `remove`,
//! `due_before` at every due time and around it, `next`, `len`, `due_of`,
//! equality) is the model's.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use complaint_workflow::{
    Category, Channel, Complainant, ComplaintId, ComplaintRecord, Context, Policy, Severity,
    deadline::{Agenda, AgendaChange, AlarmLevel, DeadlineKind, Warning},
    event::{Accept, RaiseAlarm},
    time::TimeLimit,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use uuid::Uuid;

use super::support::agent;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/agenda_model.txt",
        ))),
        ..ProptestConfig::default()
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// 2016-12-31T23:59:60 plus `nanos` (a leap second in chrono's form).
fn leap_second(nanos: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(2016, 12, 31)
        .and_then(|date| date.and_hms_nano_opt(23, 59, 59, 1_000_000_000 + nanos))
        .unwrap()
        .and_utc()
}

/// Due times: most a few minutes apart around `t0` (so that they tie),
/// the rest at the edges of the packed range and beyond it.
fn due_time() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        6 => (0..30_i64).prop_map(|minute| t0() + Duration::minutes(minute)),
        1 => (0..3_i64).prop_map(|nanos| t0() + Duration::nanoseconds(nanos)),
        1 => (0..3_i64).prop_map(|minute| Utc.with_ymd_and_hms(1000, 1, 1, 0, 0, 0).unwrap()
            + Duration::minutes(minute)),
        1 => (0..3_i64).prop_map(|minute| Utc.with_ymd_and_hms(3000, 1, 1, 0, 0, 0).unwrap()
            + Duration::minutes(minute)),
        1 => prop_oneof![Just(0_u32), Just(1), Just(999_999_999)].prop_map(leap_second),
        1 => (-1..=1_i64).prop_map(|nanos| DateTime::from_timestamp_nanos(i64::MIN)
            + Duration::nanoseconds(nanos)),
        1 => (-1..=1_i64).prop_map(|nanos| DateTime::from_timestamp_nanos(i64::MAX)
            + Duration::nanoseconds(nanos)),
        1 => prop_oneof![Just(DateTime::<Utc>::MIN_UTC), Just(DateTime::<Utc>::MAX_UTC)],
    ]
}

#[derive(Clone, Debug)]
enum Op {
    Update(u128, Option<DateTime<Utc>>),
    Remove(u128),
    /// Tracks record `k` before (`false`) or after (`true`) its at-risk alarm.
    Track(usize, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0..40_u128, proptest::option::weighted(0.85, due_time()))
            .prop_map(|(id, due)| Op::Update(id, due)),
        2 => (0..40_u128).prop_map(Op::Remove),
        2 => (0..3_usize, any::<bool>()).prop_map(|(k, raised)| Op::Track(k, raised)),
    ]
}

fn complaint(n: u128) -> ComplaintId {
    ComplaintId::from(Uuid::from_u128(n))
}

/// Three records whose final response warns at 75 % of 48 hours, each
/// before and after its at-risk alarm was raised (W1: the next alarm moves
/// from the warning to the due time).
fn records() -> Vec<[ComplaintRecord; 2]> {
    let policy = Policy::builder()
        .final_response(TimeLimit::Hours(48))
        .warning(
            DeadlineKind::FinalResponse,
            Some(Warning::ShareElapsed { percent: 75 }),
        )
        .build()
        .unwrap();
    [0, 7, 7]
        .into_iter()
        .map(|minute| {
            let at = t0() + Duration::minutes(minute);
            let accept = Accept {
                complainant: Complainant::member("customer-42"),
                received_at: at,
                channel: Channel::Email,
                content: "The parcel arrived broken".into(),
                category: Category::new("delivery"),
                severity: Severity::Medium,
            };
            let before =
                ComplaintRecord::accept(accept, &Context::new(agent(), at, &policy)).unwrap();
            let warning = before.next_alarm().unwrap();
            let mut after = before.clone();
            after
                .apply(
                    RaiseAlarm {
                        deadline: warning.deadline,
                        level: AlarmLevel::AtRisk,
                    },
                    &Context::new(agent(), warning.at, &policy),
                )
                .unwrap();
            [before, after]
        })
        .collect()
}

fn change(previous: Option<DateTime<Utc>>, next: Option<DateTime<Utc>>) -> AgendaChange {
    match (previous, next) {
        (None, None) => AgendaChange::Unchanged,
        (Some(from), Some(to)) if from == to => AgendaChange::Unchanged,
        (None, Some(due)) => AgendaChange::Added { due },
        (Some(was), None) => AgendaChange::Removed { was },
        (Some(from), Some(to)) => AgendaChange::Moved { from, to },
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// The agenda agrees with a `BTreeMap` model after every operation and
    /// in every query, whatever the due times.
    #[test]
    fn agenda_agrees_with_a_btreemap_model(
        ops in proptest::collection::vec(op(), 0..160),
        probes in proptest::collection::vec(due_time(), 0..8),
    ) {
        let records = records();
        let mut agenda = Agenda::new();
        let mut model: BTreeMap<ComplaintId, DateTime<Utc>> = BTreeMap::new();
        for op in &ops {
            match *op {
                Op::Update(n, due) => {
                    let id = complaint(n);
                    let expected = change(model.get(&id).copied(), due);
                    match due {
                        Some(due) => model.insert(id, due),
                        None => model.remove(&id),
                    };
                    prop_assert_eq!(agenda.update(id, due), expected);
                }
                Op::Remove(n) => {
                    let id = complaint(n);
                    prop_assert_eq!(agenda.remove(id), model.remove(&id));
                }
                Op::Track(k, raised) => {
                    let record = &records[k][usize::from(raised)];
                    let due = record.next_alarm().map(|alarm| alarm.at);
                    prop_assert!(due.is_some());
                    let expected = change(model.get(&record.id()).copied(), due);
                    match due {
                        Some(due) => model.insert(record.id(), due),
                        None => model.remove(&record.id()),
                    };
                    prop_assert_eq!(agenda.track(record), expected);
                }
            }
            prop_assert_eq!(agenda.len(), model.len());
        }
        let mut scan: Vec<(DateTime<Utc>, ComplaintId)> =
            model.iter().map(|(id, due)| (*due, *id)).collect();
        scan.sort();
        let nanosecond = Duration::nanoseconds(1);
        let times = scan
            .iter()
            .flat_map(|&(due, _)| {
                [due.checked_sub_signed(nanosecond), Some(due), due.checked_add_signed(nanosecond)]
            })
            .flatten()
            .chain(probes.iter().copied())
            .chain([DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC]);
        for t in times {
            let expected: Vec<_> = scan.iter().copied().filter(|(due, _)| *due < t).collect();
            prop_assert_eq!(agenda.due_before(t).collect::<Vec<_>>(), expected, "before {}", t);
        }
        prop_assert_eq!(agenda.next(), scan.first().copied());
        prop_assert_eq!(agenda.is_empty(), model.is_empty());
        for n in 0..40 {
            prop_assert_eq!(agenda.due_of(complaint(n)), model.get(&complaint(n)).copied());
        }
        for [record, _] in &records {
            prop_assert_eq!(agenda.due_of(record.id()), model.get(&record.id()).copied());
        }
        // Equality is by content: the same complaints added latest first
        // (another table layout) make an equal agenda, and one more
        // complaint an unequal one.
        let mut rebuilt = Agenda::new();
        for &(due, id) in scan.iter().rev() {
            rebuilt.update(id, Some(due));
        }
        prop_assert_eq!(&rebuilt, &agenda);
        prop_assert_eq!(&agenda.clone(), &agenda);
        rebuilt.update(complaint(1_000), Some(t0()));
        prop_assert_ne!(&rebuilt, &agenda);
    }
}
