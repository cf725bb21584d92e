//! The agenda: many complaints indexed by the due time of their next open
//! deadline, as an application's `next_due_at` column would be.

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::{
    ComplaintId, ComplaintRecord, Context, Policy,
    deadline::{Agenda, AgendaChange, Deadline},
    event::{Contact, ContactMethod},
    time::TimeLimit,
};
use uuid::Uuid;

use super::support::{accept, agent};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn hours(n: i64) -> DateTime<Utc> {
    t0() + Duration::hours(n)
}

/// A complaint id with a chosen order: `id(1) < id(2)`.
fn id(n: u128) -> ComplaintId {
    ComplaintId::from(Uuid::from_u128(n))
}

fn due_before(agenda: &Agenda, t: DateTime<Utc>) -> Vec<(DateTime<Utc>, ComplaintId)> {
    agenda.due_before(t).collect()
}

/// `update` says what changed: added, moved, removed or unchanged.
#[test]
fn agenda_update_says_what_changed() {
    let mut agenda = Agenda::new();
    assert!(agenda.is_empty());
    assert_eq!(agenda.update(id(1), None), AgendaChange::Unchanged);
    assert!(agenda.is_empty());
    assert_eq!(
        agenda.update(id(1), Some(hours(5))),
        AgendaChange::Added { due: hours(5) }
    );
    assert_eq!(
        agenda.update(id(1), Some(hours(5))),
        AgendaChange::Unchanged
    );
    assert_eq!(
        agenda.update(id(1), Some(hours(2))),
        AgendaChange::Moved {
            from: hours(5),
            to: hours(2)
        }
    );
    assert_eq!(agenda.due_of(id(1)), Some(hours(2)));
    assert_eq!(agenda.len(), 1);
    // The old position is gone.
    assert_eq!(due_before(&agenda, hours(6)), [(hours(2), id(1))]);
    assert_eq!(
        agenda.update(id(1), None),
        AgendaChange::Removed { was: hours(2) }
    );
    assert!(agenda.is_empty());
    assert_eq!(agenda.due_of(id(1)), None);
    assert_eq!(agenda.next(), None);
}

/// `due_before(t)` lists the complaints due strictly before `t`, earliest
/// first, ties in id order; `next` is the first of them.
#[test]
fn agenda_due_before_is_strict_and_earliest_first() {
    let mut agenda = Agenda::new();
    agenda.update(id(3), Some(hours(2)));
    agenda.update(id(2), Some(hours(1)));
    agenda.update(id(1), Some(hours(2)));
    agenda.update(id(4), Some(hours(9)));
    agenda.update(ComplaintId::MIN, Some(hours(3)));
    assert_eq!(agenda.len(), 5);
    assert_eq!(due_before(&agenda, hours(1)), []);
    assert_eq!(due_before(&agenda, hours(2)), [(hours(1), id(2))]);
    assert_eq!(
        due_before(&agenda, hours(2) + Duration::seconds(1)),
        [(hours(1), id(2)), (hours(2), id(1)), (hours(2), id(3))]
    );
    // The smallest id due exactly at `t` is not before `t`.
    assert_eq!(due_before(&agenda, hours(3)).len(), 3);
    assert_eq!(due_before(&agenda, hours(4)).len(), 4);
    assert_eq!(due_before(&agenda, hours(100)).len(), 5);
    assert_eq!(agenda.next(), Some((hours(1), id(2))));
}

/// `remove` takes a complaint off and returns the due time it had.
#[test]
fn agenda_remove_returns_the_due_time() {
    let mut agenda = Agenda::new();
    agenda.update(id(1), Some(hours(1)));
    agenda.update(id(2), Some(hours(2)));
    assert_eq!(agenda.remove(id(1)), Some(hours(1)));
    assert_eq!(agenda.remove(id(1)), None);
    assert_eq!(agenda.next(), Some((hours(2), id(2))));
    assert_eq!(due_before(&agenda, hours(3)), [(hours(2), id(2))]);
    assert_eq!(agenda.len(), 1);
}

/// `track` follows a record's next open deadline: added when the complaint
/// is accepted, moved when a nearer deadline opens, removed when nothing is
/// left open.
#[test]
fn agenda_tracks_the_next_deadline_of_records() {
    let policy = Policy::builder()
        .judgment(TimeLimit::Hours(48))
        .build()
        .unwrap();
    let mut record = ComplaintRecord::accept(
        accept(),
        &Context::new(agent(), accept().received_at, &policy),
    )
    .unwrap();
    let received = record.received_at();
    let mut agenda = Agenda::new();
    assert_eq!(
        agenda.track(&record),
        AgendaChange::Added {
            due: received + Duration::hours(48)
        }
    );
    assert_eq!(agenda.track(&record), AgendaChange::Unchanged);

    let contact = |callback_due| Contact {
        method: ContactMethod::Phone,
        summary: "Promised to call back".into(),
        callback_due,
    };
    let at = received + Duration::hours(1);
    record
        .apply(
            contact(Some(received + Duration::hours(3))),
            &Context::new(agent(), at, &policy),
        )
        .unwrap();
    assert_eq!(
        agenda.track(&record),
        AgendaChange::Moved {
            from: received + Duration::hours(48),
            to: received + Duration::hours(3)
        }
    );
    assert_eq!(
        agenda.next(),
        Some((received + Duration::hours(3), record.id()))
    );
    assert_eq!(
        agenda.due_of(record.id()),
        record.next_deadline().map(Deadline::due)
    );

    // The callback is made and the complaint withdrawn: nothing is open.
    let at = received + Duration::hours(2);
    record
        .apply(contact(None), &Context::new(agent(), at, &policy))
        .unwrap();
    record
        .apply(
            complaint_workflow::event::Withdraw {
                reason: "The payment was a pre-authorisation".into(),
            },
            &Context::new(agent(), at, &policy),
        )
        .unwrap();
    assert_eq!(record.next_deadline(), None);
    assert_eq!(
        agenda.track(&record),
        AgendaChange::Removed {
            was: received + Duration::hours(3)
        }
    );
    assert!(agenda.is_empty());
}
