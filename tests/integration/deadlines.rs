//! The deadlines of a complaint (T1–T4, T6, T7): which event opens, meets,
//! pauses, resumes, extends or cancels which deadline; breaches; deadlines
//! derived from the history alone, whatever the policy in force later.

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::error::{ExtensionError, FieldError, HandlingError};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Event, EventKind,
    Policy, Role, Severity, StageKind, TransitionError,
    deadline::{
        Breach, BreachState, Deadline, DeadlineId, DeadlineKind, DeadlineStatus, WaitingOn,
    },
    event::{
        Accept, Assign, AwaitCustomer, Contact, ContactMethod, CustomerReplied, ExtendDeadline,
        Transfer, Uphold, Withdraw,
    },
    policy::ExtensionLimit,
    record::Entry,
    time::{BusinessCalendar, Counting, TimeLimit, Zone},
};
use serde_json::json;

use super::support::{
    agent, deadline_id, dismiss, execute, investigate, propose, refuse_record, review, supervisor,
    team_lead,
};

// ---- Helpers --------------------------------------------------------------

/// Monday 2026-11-23 09:00 UTC: when every complaint here is received.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn minutes(n: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(n)
}

fn hours(n: i64) -> DateTime<Utc> {
    t0() + Duration::hours(n)
}

fn days(n: i64) -> DateTime<Utc> {
    t0() + Duration::days(n)
}

/// A registration form received through `channel` at [`t0`].
fn intake(channel: Channel) -> Accept {
    Accept {
        complainant: Complainant::new("customer-42"),
        received_at: t0(),
        channel,
        content: "The card payment was taken twice".into(),
        category: Category::new("billing"),
        severity: Severity::Medium,
    }
}

/// A complaint received through `channel` at [`t0`] and accepted by the agent at `at`.
fn accepted_at(policy: &Policy, channel: Channel, at: DateTime<Utc>) -> ComplaintRecord {
    ComplaintRecord::accept(intake(channel), &Context::new(agent(), at, policy))
        .expect("a valid acceptance")
}

/// A phone complaint accepted at once.
fn accepted(policy: &Policy) -> ComplaintRecord {
    accepted_at(policy, Channel::Phone, t0())
}

/// Applies `event` by `actor` at `at`, which must succeed.
fn apply(
    record: &mut ComplaintRecord,
    policy: &Policy,
    actor: Actor,
    at: DateTime<Utc>,
    event: impl Into<Event>,
) {
    let event = event.into();
    let kind = event.kind();
    if let Err(error) = record.apply(event, &Context::new(actor, at, policy)) {
        panic!("`{kind}` at {at} refused: {error}");
    }
}

fn ctx(policy: &Policy, actor: Actor, at: DateTime<Utc>) -> Context<'_> {
    Context::new(actor, at, policy)
}

/// A phone contact; with `callback`, a callback promised for then (T3).
fn contact(callback: Option<DateTime<Utc>>) -> Contact {
    Contact {
        method: ContactMethod::Phone,
        summary: "Called the customer about the double payment".into(),
        callback_due: callback,
    }
}

fn assign(owner: &str) -> Assign {
    Assign {
        owner: owner.into(),
    }
}

fn transfer(owner: Option<&str>, tracking_due: DateTime<Utc>) -> Transfer {
    Transfer {
        department: Department::new("back-office"),
        owner: owner.map(Into::into),
        reason: "The refund needs the payments team".into(),
        tracking_due,
    }
}

fn await_customer() -> AwaitCustomer {
    AwaitCustomer {
        reason: "Waiting for the bank statement".into(),
    }
}

fn customer_replied() -> CustomerReplied {
    CustomerReplied {
        summary: "The customer sent the bank statement".into(),
    }
}

fn extend(deadline: DeadlineId, due: DateTime<Utc>) -> ExtendDeadline {
    ExtendDeadline {
        deadline,
        due,
        reason: "The card scheme has not answered yet".into(),
    }
}

fn uphold(investigation_due: DateTime<Utc>) -> Uphold {
    Uphold {
        responsible_department: Department::new("payments"),
        investigation_due,
    }
}

fn withdraw() -> Withdraw {
    Withdraw {
        reason: "The bank refunded the customer".into(),
    }
}

/// The last deadline of `kind`.
fn last_of(record: &ComplaintRecord, kind: DeadlineKind) -> &Deadline {
    record
        .deadlines()
        .iter()
        .rev()
        .find(|deadline| deadline.kind() == kind)
        .unwrap_or_else(|| panic!("no {kind} deadline in {:?}", record.deadlines()))
}

/// What the policy decided when `entry` was made, in its stored form.
fn effects(entry: &Entry) -> serde_json::Value {
    serde_json::to_value(entry.decisions()).unwrap()
}

fn kinds(record: &ComplaintRecord) -> Vec<DeadlineKind> {
    record.deadlines().iter().map(Deadline::kind).collect()
}

/// The default policy with a judgment limit and a final response limit.
fn regulated(judgment: TimeLimit, final_response: TimeLimit) -> Policy {
    Policy::builder()
        .judgment(judgment)
        .final_response(final_response)
        .build()
        .unwrap()
}

// ---- T1, T2: first response ------------------------------------------------

/// A row of [`t1_t2_first_response_within_the_channel_limit`].
type FirstResponseRow = (
    &'static str,
    &'static str,
    Channel,
    Option<u32>,
    i64,
    Option<u32>,
    Option<i64>,
);

/// T1, T2: a phone complaint is answered within 3 minutes of being received
/// (T1), an online enquiry within 5 (T2): accepted in time the deadline is
/// met on time; later it is a first-response breach, met late. The number is
/// the policy's: with 5 minutes for the phone, 4 is on time. Channels without
/// a target (e-mail by default) get no first-response deadline.
#[test]
fn t1_t2_first_response_within_the_channel_limit() {
    // Received at `t0` through the channel, under the default policy or one
    // giving the phone `phone` minutes; accepted `accepted` minutes later.
    // `limit`: the channel's limit (and due time) in minutes; `late`: the
    // seconds by which the deadline is met late, if it is.
    #[rustfmt::skip]
    let rows: [FirstResponseRow; 6] = [
        // id  case                                      channel          phone    accepted  limit    late
        ("T1", "phone after 2 minutes is on time",       Channel::Phone,  None,    2,        Some(3), None),
        ("T1", "phone after 4 minutes is 60 s late",     Channel::Phone,  None,    4,        Some(3), Some(60)),
        ("T1", "phone after 4 minutes, 5-minute policy", Channel::Phone,  Some(5), 4,        Some(5), None),
        ("T2", "online after 4 minutes is on time",      Channel::Online, None,    4,        Some(5), None),
        ("T2", "online after 6 minutes is 60 s late",    Channel::Online, None,    6,        Some(5), Some(60)),
        ("T2", "e-mail has no first-response deadline",  Channel::Email,  None,    2 * 1440, None,    None),
    ];
    for (rule, case, channel, phone, accepted, limit, late) in rows {
        let policy = match phone {
            None => Policy::default(),
            Some(limit) => Policy::builder()
                .first_response(Channel::Phone, TimeLimit::Minutes(limit))
                .build()
                .unwrap(),
        };
        assert_eq!(
            policy.first_response(channel),
            limit.map(TimeLimit::Minutes),
            "{rule}: {case}"
        );
        let record = accepted_at(&policy, channel, minutes(accepted));
        let due = limit.map(|limit| minutes(limit.into()));
        match due {
            None => assert!(record.deadlines().is_empty(), "{rule}: {case}"),
            Some(due) => {
                let [deadline] = record.deadlines() else {
                    panic!(
                        "{rule}: {case}: one deadline expected: {:?}",
                        record.deadlines()
                    );
                };
                assert_eq!(deadline.id(), deadline_id(1), "{rule}: {case}");
                assert_eq!(
                    deadline.kind(),
                    DeadlineKind::FirstResponse,
                    "{rule}: {case}"
                );
                assert_eq!(deadline.started_at(), t0(), "{rule}: {case}");
                assert_eq!(deadline.due(), due, "{rule}: {case}");
                assert_eq!(deadline.counting(), Counting::Calendar, "{rule}: {case}");
                assert_eq!(deadline.opened_by(), 1, "{rule}: {case}");
                let met = DeadlineStatus::Met {
                    at: minutes(accepted),
                };
                assert_eq!(deadline.status(), met, "{rule}: {case}");
            }
        }
        assert_eq!(record.next_deadline(), None, "{rule}: {case}");
        let breaches = record.breaches(days(30));
        let expected: Vec<Breach> = late
            .map(|seconds| Breach {
                deadline: deadline_id(1),
                kind: DeadlineKind::FirstResponse,
                due: due.expect("a late row has a limit"),
                overdue_seconds: seconds,
                state: BreachState::MetLate {
                    at: minutes(accepted),
                },
            })
            .into_iter()
            .collect();
        assert_eq!(breaches, expected, "{rule}: {case}");
        for breach in &breaches {
            let overdue = Duration::seconds(breach.overdue_seconds);
            assert_eq!(breach.overdue(), overdue, "{rule}: {case}");
        }
    }
}

// ---- T3: promised callback -------------------------------------------------

/// T3: a callback promised on a contact is a deadline of its own; missing it
/// is a breach; the next contact meets it.
#[test]
fn t3_promised_callback_is_a_deadline() {
    let policy = Policy::default();
    let mut record = accepted(&policy);
    apply(
        &mut record,
        &policy,
        agent(),
        minutes(10),
        contact(Some(hours(2))),
    );
    let callback = last_of(&record, DeadlineKind::CallbackPromised).clone();
    assert_eq!(callback.started_at(), minutes(10));
    assert_eq!(callback.due(), hours(2));
    assert_eq!(callback.counting(), Counting::Calendar);
    assert_eq!(callback.opened_by(), 2);
    assert!(callback.is_open());
    assert_eq!(record.next_deadline(), Some(&callback));

    // Due, not yet missed; then missed and still open.
    assert!(record.breaches(hours(2)).is_empty());
    assert_eq!(
        record.breaches(hours(3)),
        [Breach {
            deadline: callback.id(),
            kind: DeadlineKind::CallbackPromised,
            due: hours(2),
            overdue_seconds: 3600,
            state: BreachState::StillOpen,
        }]
    );

    // The next contact meets it, late: the miss stays on record.
    apply(&mut record, &policy, agent(), hours(3), contact(None));
    let met = record.deadline(callback.id()).unwrap();
    assert_eq!(met.status(), DeadlineStatus::Met { at: hours(3) });
    assert_eq!(record.next_deadline(), None);
    assert_eq!(
        record.breaches(days(30)),
        [Breach {
            deadline: callback.id(),
            kind: DeadlineKind::CallbackPromised,
            due: hours(2),
            overdue_seconds: 3600,
            state: BreachState::MetLate { at: hours(3) },
        }]
    );

    // A callback made on time is no breach, and may promise the next one.
    let mut kept = accepted(&policy);
    apply(
        &mut kept,
        &policy,
        agent(),
        minutes(10),
        contact(Some(hours(2))),
    );
    apply(
        &mut kept,
        &policy,
        agent(),
        hours(1),
        contact(Some(days(1))),
    );
    assert_eq!(
        kinds(&kept),
        [
            DeadlineKind::FirstResponse,
            DeadlineKind::CallbackPromised,
            DeadlineKind::CallbackPromised
        ]
    );
    assert_eq!(
        kept.deadlines()[1].status(),
        DeadlineStatus::Met { at: hours(1) }
    );
    assert_eq!(kept.next_deadline().map(Deadline::due), Some(days(1)));
    assert!(kept.breaches(hours(20)).is_empty());

    // A callback time that does not lie ahead is refused.
    let error = refuse_record(
        &mut kept,
        contact(Some(hours(1))),
        &ctx(&policy, agent(), hours(1)),
    );
    assert_eq!(
        error,
        TransitionError::Field(FieldError::DeadlineNotAhead {
            field: "callback_due".into(),
            due: hours(1),
            at: hours(1),
        })
    );
}

// ---- T4: first contact after assignment ----------------------------------

/// T4: a complaint assigned to an agent gets a first-contact deadline a week
/// after the assignment; a contact within the week meets it on time, a later
/// one late; the new owner is recorded.
#[test]
fn t4_first_contact_within_a_week_of_assignment() {
    let policy = Policy::default();
    assert_eq!(policy.first_contact(), Some(TimeLimit::CalendarDays(7)));

    let mut record = accepted(&policy);
    // The agent who accepted it owns it until it is assigned.
    assert_eq!(record.owner(), Some(&agent().id));
    apply(&mut record, &policy, agent(), hours(1), assign("agent-9"));
    assert_eq!(record.owner().map(|owner| owner.as_str()), Some("agent-9"));
    let first_contact = last_of(&record, DeadlineKind::FirstContact).clone();
    assert_eq!(first_contact.started_at(), hours(1));
    assert_eq!(first_contact.due(), hours(1) + Duration::days(7));
    assert_eq!(
        effects(&record.entries()[1]),
        json!([{
            "effect": "open_deadline",
            "kind": "first_contact",
            "started_at": hours(1),
            "due": hours(1) + Duration::days(7),
            "clock": "calendar",
        }])
    );
    apply(&mut record, &policy, agent(), days(6), contact(None));
    assert_eq!(
        record.deadline(first_contact.id()).unwrap().status(),
        DeadlineStatus::Met { at: days(6) }
    );
    assert!(record.breaches(days(30)).is_empty());

    // Reassigned and not contacted within the week: a breach.
    apply(&mut record, &policy, agent(), days(7), assign("agent-12"));
    assert_eq!(record.owner().map(|owner| owner.as_str()), Some("agent-12"));
    let second = last_of(&record, DeadlineKind::FirstContact).clone();
    assert_ne!(second.id(), first_contact.id());
    assert_eq!(second.due(), days(14));
    assert_eq!(
        record.breaches(days(15)),
        [Breach {
            deadline: second.id(),
            kind: DeadlineKind::FirstContact,
            due: days(14),
            overdue_seconds: 86_400,
            state: BreachState::StillOpen,
        }]
    );
    apply(&mut record, &policy, agent(), days(16), contact(None));
    assert_eq!(
        record.breaches(days(30))[0].state,
        BreachState::MetLate { at: days(16) }
    );

    // The limit is the policy's: two business days from Friday is Tuesday;
    // no limit, no deadline.
    let business = Policy::builder()
        .first_contact(Some(TimeLimit::BusinessDays(2)))
        .build()
        .unwrap();
    let mut record = accepted(&business);
    let friday = days(4) + Duration::hours(1); // Friday 2026-11-27 10:00
    apply(&mut record, &business, agent(), friday, assign("agent-9"));
    let deadline = last_of(&record, DeadlineKind::FirstContact);
    assert_eq!(deadline.due(), days(8) + Duration::hours(1));
    assert_eq!(deadline.counting(), Counting::Business);

    let none = Policy::builder().first_contact(None).build().unwrap();
    let mut record = accepted(&none);
    apply(&mut record, &none, agent(), hours(1), assign("agent-9"));
    assert_eq!(kinds(&record), [DeadlineKind::FirstResponse]);
    assert_eq!(record.owner().map(|owner| owner.as_str()), Some("agent-9"));
}

// ---- T6: transfer ----------------------------------------------------------

/// T6: a transfer to the back office is recorded with its tracking deadline,
/// which the next contact with the customer meets; the transfer names the
/// new owner, if any.
#[test]
fn t6_transfer_is_tracked_until_customer_answered() {
    let policy = Policy::default();
    let mut record = accepted(&policy);
    apply(
        &mut record,
        &policy,
        agent(),
        minutes(30),
        transfer(Some("payments-3"), days(1)),
    );
    assert_eq!(
        record.owner().map(|owner| owner.as_str()),
        Some("payments-3")
    );
    let tracking = last_of(&record, DeadlineKind::TransferTracking).clone();
    assert_eq!(tracking.started_at(), minutes(30));
    assert_eq!(tracking.due(), days(1));
    assert!(tracking.is_open());
    assert_eq!(record.next_deadline(), Some(&tracking));
    assert_eq!(
        record.breaches(days(2)),
        [Breach {
            deadline: tracking.id(),
            kind: DeadlineKind::TransferTracking,
            due: days(1),
            overdue_seconds: 86_400,
            state: BreachState::StillOpen,
        }]
    );

    // Answered in time: met, no breach.
    apply(&mut record, &policy, agent(), hours(20), contact(None));
    assert_eq!(
        record.deadline(tracking.id()).unwrap().status(),
        DeadlineStatus::Met { at: hours(20) }
    );
    assert!(record.breaches(days(30)).is_empty());

    // A transfer to a department without a named owner leaves no owner.
    apply(
        &mut record,
        &policy,
        agent(),
        hours(21),
        transfer(None, days(3)),
    );
    assert_eq!(record.owner(), None);

    // The tracking time must lie ahead.
    let error = refuse_record(
        &mut record,
        transfer(None, hours(21)),
        &ctx(&policy, agent(), hours(22)),
    );
    assert_eq!(
        error,
        TransitionError::Field(FieldError::DeadlineNotAhead {
            field: "tracking_due".into(),
            due: hours(21),
            at: hours(22),
        })
    );
}

// ---- T7: missed deadlines are kept ----------------------------------------

/// T7: every missed deadline stays listed, with which deadline, by how long
/// and how it ended: met late, cancelled late (the complaint withdrawn), or
/// still open. Later transitions, a review and a replay keep them, and a
/// deadline cancelled before it was due is no breach.
#[test]
fn t7_missed_deadline_is_never_dropped() {
    let policy = regulated(TimeLimit::Hours(24), TimeLimit::CalendarDays(10));
    let mut record = accepted_at(&policy, Channel::Phone, minutes(4));
    assert_eq!(
        kinds(&record),
        [
            DeadlineKind::FirstResponse,
            DeadlineKind::Judgment,
            DeadlineKind::FinalResponse
        ]
    );
    apply(
        &mut record,
        &policy,
        agent(),
        hours(1),
        contact(Some(hours(2))),
    );
    apply(&mut record, &policy, agent(), hours(3), contact(None));
    apply(&mut record, &policy, agent(), hours(30), withdraw());
    assert_eq!(record.stage(), StageKind::Withdrawn);

    let expected = vec![
        Breach {
            deadline: deadline_id(1),
            kind: DeadlineKind::FirstResponse,
            due: minutes(3),
            overdue_seconds: 60,
            state: BreachState::MetLate { at: minutes(4) },
        },
        Breach {
            deadline: deadline_id(2),
            kind: DeadlineKind::Judgment,
            due: hours(24),
            overdue_seconds: 6 * 3600,
            state: BreachState::CancelledLate { at: hours(30) },
        },
        Breach {
            deadline: deadline_id(4),
            kind: DeadlineKind::CallbackPromised,
            due: hours(2),
            overdue_seconds: 3600,
            state: BreachState::MetLate { at: hours(3) },
        },
    ];
    // The final response was cancelled before it was due: no breach.
    assert_eq!(
        record.deadline(deadline_id(3)).unwrap().status(),
        DeadlineStatus::Cancelled { at: hours(30) }
    );
    assert_eq!(record.breaches(hours(31)), expected);
    // Ended misses do not grow with time.
    assert_eq!(record.breaches(days(365)), expected);

    // A review of the withdrawn complaint keeps them, and so does a replay.
    apply(&mut record, &policy, supervisor(), hours(40), review());
    assert_eq!(record.stage(), StageKind::Reviewed);
    assert_eq!(record.breaches(days(365)), expected);
    let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
    assert_eq!(replayed.breaches(days(365)), expected);

    // A miss still open grows with `now` until it is met, then stays.
    let mut open = accepted(&policy);
    let still_open = |overdue_seconds| Breach {
        deadline: deadline_id(2),
        kind: DeadlineKind::Judgment,
        due: hours(24),
        overdue_seconds,
        state: BreachState::StillOpen,
    };
    assert_eq!(open.breaches(hours(25)), [still_open(3600)]);
    assert_eq!(open.breaches(hours(26)), [still_open(7200)]);
    apply(&mut open, &policy, agent(), hours(27), uphold(days(5)));
    let met_late = Breach {
        deadline: deadline_id(2),
        kind: DeadlineKind::Judgment,
        due: hours(24),
        overdue_seconds: 3 * 3600,
        state: BreachState::MetLate { at: hours(27) },
    };
    assert_eq!(open.breaches(hours(28)), std::slice::from_ref(&met_late));
    assert_eq!(open.breaches(days(4)), [met_late]);
}

/// T7: a supervisor extending a deadline after it was missed does not erase
/// the miss: either the extension is refused, or the breach stays listed.
#[test]
fn t7_extending_a_missed_deadline_keeps_the_miss() {
    let policy = regulated(TimeLimit::Hours(24), TimeLimit::CalendarDays(10));
    let mut record = accepted(&policy);
    let judgment = last_of(&record, DeadlineKind::Judgment).id();
    assert_eq!(record.breaches(hours(30)).len(), 1);
    let extended = record
        .apply(
            extend(judgment, days(3)),
            &ctx(&policy, supervisor(), hours(30)),
        )
        .is_ok();
    if extended {
        let breaches = record.breaches(hours(31));
        assert!(
            breaches.iter().any(|breach| breach.deadline == judgment),
            "the judgment was missed by 6 hours before the extension, but breaches are {breaches:?}"
        );
    }
}

// ---- Deadlines come from the history --------------------------------------

/// A policy with a deadline of every limit kind, on a New York calendar.
fn busy_policy() -> Policy {
    Policy::builder()
        .calendar(BusinessCalendar::new(
            Zone::iana("America/New_York").unwrap(),
        ))
        .first_response(Channel::Email, TimeLimit::BusinessHours(8))
        .judgment(TimeLimit::BusinessDays(5))
        .final_response(TimeLimit::Weeks(8))
        .summary_resolution(TimeLimit::CloseOfBusinessDay(3))
        .first_contact(Some(TimeLimit::BusinessHours(16)))
        .extensions(ExtensionLimit {
            max_count: 2,
            max_beyond_original: Some(TimeLimit::CalendarDays(20)),
        })
        .build()
        .unwrap()
}

/// A walk through most handling events, under [`busy_policy`].
fn busy_walk(policy: &Policy) -> ComplaintRecord {
    let mut record = accepted_at(policy, Channel::Email, hours(2));
    let steps: Vec<(Actor, DateTime<Utc>, Event)> = vec![
        (agent(), hours(3), assign("agent-9").into()),
        (agent(), hours(4), contact(Some(days(1))).into()),
        (
            agent(),
            hours(5),
            transfer(Some("payments-3"), days(2)).into(),
        ),
        (agent(), hours(6), await_customer().into()),
        (
            supervisor(),
            hours(7),
            extend(deadline_id(6), days(1) + Duration::hours(6)).into(),
        ),
        (agent(), days(2), customer_replied().into()),
        (
            agent(),
            days(2) + Duration::hours(1),
            uphold(days(6)).into(),
        ),
        (agent(), days(3), contact(None).into()),
        (agent(), days(4), investigate().into()),
        (agent(), days(5), await_customer().into()),
        (agent(), days(9), customer_replied().into()),
        (agent(), days(10), propose().into()),
        (
            supervisor(),
            days(11),
            extend(deadline_id(3), days(70)).into(),
        ),
    ];
    for (actor, at, event) in steps {
        apply(&mut record, policy, actor, at, event);
    }
    record
}

/// R7 with T1–T7: the deadlines follow from the history alone: a replay,
/// and a record loaded from JSON, have the same deadlines, next deadline,
/// breaches, owner and wait as the record the events were applied to.
#[test]
fn deadlines_replay_from_the_history() {
    let policy = busy_policy();
    let record = busy_walk(&policy);
    assert!(record.deadlines().len() >= 8, "{:?}", record.deadlines());
    assert!(
        record
            .deadlines()
            .iter()
            .any(|deadline| deadline.extensions() == 1)
    );

    let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
    let json = serde_json::to_string(&record).unwrap();
    let loaded: ComplaintRecord = serde_json::from_str(&json).unwrap();
    for other in [&replayed, &loaded] {
        assert_eq!(other.deadlines(), record.deadlines());
        assert_eq!(other.next_deadline(), record.next_deadline());
        assert_eq!(other.breaches(days(100)), record.breaches(days(100)));
        assert_eq!(
            other.awaiting_customer_since(),
            record.awaiting_customer_since()
        );
        assert_eq!(other.owner(), record.owner());
        assert_eq!(other, &record);
    }
}

/// The due times a policy gives are recorded on the entries: a history made
/// under the UK FCA preset replays to the FCA deadlines (replay takes no
/// policy), which differ from what the default policy gives for the same
/// events; and a replay reads the recorded due time, it does not recompute it.
#[test]
fn deadlines_keep_the_policy_they_were_recorded_under() {
    // The same events under each policy.
    let walk = |policy: &Policy| {
        let mut record = accepted(policy);
        apply(&mut record, policy, agent(), hours(1), assign("agent-9"));
        apply(&mut record, policy, agent(), hours(2), await_customer());
        apply(&mut record, policy, agent(), days(2), customer_replied());
        record
    };
    let under_fca = walk(&Policy::uk_fca());
    let under_default = walk(&Policy::default());
    assert_ne!(under_fca.deadlines(), under_default.deadlines());

    let replayed = ComplaintRecord::replay(under_fca.entries().to_vec()).unwrap();
    assert_eq!(replayed.deadlines(), under_fca.deadlines());
    assert_eq!(
        kinds(&replayed),
        [
            DeadlineKind::FirstResponse,
            DeadlineKind::FinalResponse,
            DeadlineKind::SummaryResolution,
            DeadlineKind::FirstContact
        ]
    );
    // The accept entry records the FCA's due times.
    let recorded = effects(&under_fca.entries()[0]);
    let opened: Vec<_> = recorded
        .as_array()
        .unwrap()
        .iter()
        .map(|effect| (&effect["effect"], &effect["kind"], &effect["due"]))
        .collect();
    let expected = [
        ("first_response", json!(minutes(3))),
        ("final_response", json!(days(56))),
        ("summary_resolution", json!(days(3) + Duration::hours(8))),
    ];
    assert_eq!(opened.len(), expected.len(), "{recorded}");
    for ((effect, kind, due), (expected_kind, expected_due)) in opened.into_iter().zip(&expected) {
        assert_eq!(effect, "open_deadline");
        assert_eq!(kind, expected_kind);
        assert_eq!(due, expected_due);
    }

    // Edit the recorded due time of the final response: the replay takes it.
    // (Of schema 1, whose entries carry no seal: an edit of a sealed entry
    // is tampering, refused by the hash chain, A1.)
    let mut stored = super::support::unsealed_record(serde_json::to_value(&under_fca).unwrap());
    let changes = stored["entries"][0]["effects"].as_array_mut().unwrap();
    assert_eq!(changes[1]["kind"], "final_response");
    changes[1]["due"] = serde_json::json!("2027-02-01T00:00:00Z");
    let edited: ComplaintRecord = serde_json::from_value(stored).unwrap();
    let final_response = last_of(&edited, DeadlineKind::FinalResponse);
    assert_eq!(
        final_response.original_due(),
        Utc.with_ymd_and_hms(2027, 2, 1, 0, 0, 0).unwrap()
    );
}

/// A deadline is found by its number, from 1; other numbers find nothing.
#[test]
fn deadlines_are_numbered_from_one_in_opening_order() {
    let policy = busy_policy();
    let record = busy_walk(&policy);
    for (index, deadline) in record.deadlines().iter().enumerate() {
        let id = deadline_id(u32::try_from(index + 1).unwrap());
        assert_eq!(deadline.id(), id);
        assert_eq!(record.deadline(id), Some(deadline));
    }
    let count = u32::try_from(record.deadlines().len()).unwrap();
    assert_eq!(record.deadline(deadline_id(0)), None);
    assert_eq!(record.deadline(deadline_id(count + 1)), None);
    let opened: Vec<u64> = record.deadlines().iter().map(Deadline::opened_by).collect();
    assert!(
        opened.windows(2).all(|pair| pair[0] <= pair[1]),
        "{opened:?}"
    );
}

/// R7: a history the crate wrote replays. Under a policy whose summary
/// resolution is close of business on the day itself (a limit the policy
/// accepts), a complaint received after closing time gets a due time before
/// its start, and its own history is then refused on replay.
#[test]
fn history_with_a_same_day_close_received_after_closing_replays() {
    let policy = Policy::builder()
        .summary_resolution(TimeLimit::CloseOfBusinessDay(0))
        .build()
        .unwrap();
    let evening = hours(9); // Monday 18:00 UTC, after the 17:00 close
    let record = ComplaintRecord::accept(
        Accept {
            received_at: evening,
            ..intake(Channel::Email)
        },
        &ctx(&policy, agent(), evening),
    )
    .unwrap();
    let summary = last_of(&record, DeadlineKind::SummaryResolution);
    assert!(
        summary.due() >= summary.started_at(),
        "due {} before its start {}",
        summary.due(),
        summary.started_at()
    );
    let replayed = ComplaintRecord::replay(record.entries().to_vec());
    assert_eq!(replayed.as_ref().ok(), Some(&record), "{replayed:?}");
}

// ---- Pausing while awaiting the customer ----------------------------------

/// Waiting on the customer pauses the policy's kinds (judgment,
/// investigation, final response by default) and nothing else; the next
/// deadline skips paused ones; the customer's reply resumes them with the
/// time they had left, so each due time moves by exactly the wait.
#[test]
fn awaiting_the_customer_pauses_and_the_reply_resumes() {
    let policy = regulated(TimeLimit::Hours(4), TimeLimit::CalendarDays(30));
    for kind in [
        DeadlineKind::Judgment,
        DeadlineKind::Investigation,
        DeadlineKind::FinalResponse,
    ] {
        assert!(policy.pauses_while_awaiting_customer(kind), "{kind}");
    }
    assert!(!policy.pauses_while_awaiting_customer(DeadlineKind::CallbackPromised));

    let mut record = accepted(&policy);
    apply(
        &mut record,
        &policy,
        agent(),
        minutes(30),
        contact(Some(hours(26))),
    );
    apply(&mut record, &policy, agent(), hours(1), assign("agent-9"));
    let judgment = last_of(&record, DeadlineKind::Judgment).clone();
    let final_response = last_of(&record, DeadlineKind::FinalResponse).clone();
    let callback = last_of(&record, DeadlineKind::CallbackPromised).clone();
    let first_contact = last_of(&record, DeadlineKind::FirstContact).clone();
    assert_eq!(record.next_deadline(), Some(&judgment));

    apply(&mut record, &policy, agent(), hours(2), await_customer());
    assert_eq!(record.awaiting_customer_since(), Some(hours(2)));
    assert_eq!(
        effects(record.entries().last().unwrap()),
        json!([
            {"effect": "pause_deadline", "deadline": judgment.id()},
            {"effect": "pause_deadline", "deadline": final_response.id()},
        ])
    );
    assert_eq!(
        record.deadline(judgment.id()).unwrap().status(),
        DeadlineStatus::Paused {
            by: WaitingOn::Customer,
            since: hours(2),
            remaining_seconds: 2 * 3600,
        }
    );
    assert!(matches!(
        record.deadline(final_response.id()).unwrap().status(),
        DeadlineStatus::Paused { .. }
    ));
    assert!(record.deadline(callback.id()).unwrap().is_open());
    assert!(record.deadline(first_contact.id()).unwrap().is_open());
    // The paused judgment is not next, although it is due first.
    assert_eq!(
        record.next_deadline().map(Deadline::id),
        Some(callback.id())
    );
    // While paused it is not missed.
    assert!(
        record
            .breaches(days(3))
            .iter()
            .all(|breach| breach.kind != DeadlineKind::Judgment)
    );

    let wait = Duration::days(5);
    apply(
        &mut record,
        &policy,
        agent(),
        hours(2) + wait,
        customer_replied(),
    );
    assert_eq!(record.awaiting_customer_since(), None);
    let resumed = record.deadline(judgment.id()).unwrap();
    assert!(resumed.is_open());
    assert_eq!(resumed.due(), judgment.due() + wait);
    assert_eq!(resumed.original_due(), judgment.original_due());
    assert_eq!(resumed.due() - (hours(2) + wait), judgment.due() - hours(2));
    assert_eq!(
        record.deadline(final_response.id()).unwrap().due(),
        final_response.due() + wait
    );
    // Deadlines that were not paused did not move.
    assert_eq!(
        record.deadline(callback.id()).unwrap().due(),
        callback.due()
    );
    assert_eq!(
        record.deadline(first_contact.id()).unwrap().due(),
        first_contact.due()
    );
    assert_eq!(
        record.next_deadline().map(Deadline::id),
        Some(callback.id())
    );

    let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
    assert_eq!(replayed.deadlines(), record.deadlines());
}

/// Waiting twice, or a reply while not waiting, is refused, and the record is unchanged.
#[test]
fn awaiting_twice_or_replying_unasked_is_refused() {
    let policy = regulated(TimeLimit::Hours(4), TimeLimit::CalendarDays(30));
    let mut record = accepted(&policy);
    let error = refuse_record(
        &mut record,
        customer_replied(),
        &ctx(&policy, agent(), hours(1)),
    );
    assert_eq!(
        error,
        TransitionError::Handling(HandlingError::NotAwaitingCustomer)
    );

    apply(&mut record, &policy, agent(), hours(1), await_customer());
    let error = refuse_record(
        &mut record,
        await_customer(),
        &ctx(&policy, agent(), hours(2)),
    );
    assert_eq!(
        error,
        TransitionError::Handling(HandlingError::AlreadyAwaitingCustomer { since: hours(1) })
    );

    // A paused deadline cannot be extended.
    let judgment = last_of(&record, DeadlineKind::Judgment).clone();
    assert_eq!(
        judgment.status(),
        DeadlineStatus::Paused {
            by: WaitingOn::Customer,
            since: hours(1),
            remaining_seconds: 3 * 3600,
        }
    );
    let error = refuse_record(
        &mut record,
        extend(judgment.id(), days(2)),
        &ctx(&policy, supervisor(), hours(2)),
    );
    assert_eq!(
        error,
        TransitionError::Extension(ExtensionError::DeadlineNotOpen {
            deadline: judgment.id(),
            status: judgment.status(),
        })
    );

    apply(&mut record, &policy, agent(), hours(3), customer_replied());
    let error = refuse_record(
        &mut record,
        customer_replied(),
        &ctx(&policy, agent(), hours(4)),
    );
    assert_eq!(
        error,
        TransitionError::Handling(HandlingError::NotAwaitingCustomer)
    );
}

/// The policy chooses which kinds pause: here only the first contact.
#[test]
fn awaiting_the_customer_pauses_only_the_policy_kinds() {
    let policy = Policy::builder()
        .judgment(TimeLimit::Hours(4))
        .paused_while_awaiting_customer([DeadlineKind::FirstContact])
        .build()
        .unwrap();
    let mut record = accepted(&policy);
    apply(&mut record, &policy, agent(), hours(1), assign("agent-9"));
    apply(&mut record, &policy, agent(), hours(2), await_customer());
    assert!(last_of(&record, DeadlineKind::Judgment).is_open());
    assert!(matches!(
        last_of(&record, DeadlineKind::FirstContact).status(),
        DeadlineStatus::Paused { .. }
    ));
}

/// A deadline already missed when the wait begins stays a breach, frozen at
/// its overdue time while paused; after the reply it runs on from there.
#[test]
fn t7_deadline_overdue_when_paused_stays_a_breach() {
    let policy = regulated(TimeLimit::Hours(4), TimeLimit::CalendarDays(30));
    let mut record = accepted(&policy);
    let judgment = last_of(&record, DeadlineKind::Judgment).id();
    apply(&mut record, &policy, agent(), hours(6), await_customer());
    let breach_of = |record: &ComplaintRecord, now| {
        record
            .breaches(now)
            .into_iter()
            .find(|breach| breach.deadline == judgment)
            .map(|breach| (breach.overdue_seconds, breach.state))
    };
    assert_eq!(
        breach_of(&record, hours(7)),
        Some((7200, BreachState::StillOpen))
    );
    assert_eq!(
        breach_of(&record, days(3)),
        Some((7200, BreachState::StillOpen))
    );
    apply(&mut record, &policy, agent(), hours(10), customer_replied());
    assert_eq!(record.deadline(judgment).unwrap().due(), hours(8));
    assert_eq!(
        breach_of(&record, hours(11)),
        Some((3 * 3600, BreachState::StillOpen))
    );
}

/// Leaving the open stages ends the wait: a complaint dismissed while
/// waiting on the customer no longer waits, and what the dismissal meets is met.
#[test]
fn leaving_the_open_stages_ends_the_wait() {
    let policy = regulated(TimeLimit::Hours(48), TimeLimit::CalendarDays(30));
    let mut record = accepted(&policy);
    apply(&mut record, &policy, agent(), hours(1), await_customer());
    apply(&mut record, &policy, agent(), hours(3), dismiss());
    assert_eq!(record.stage(), StageKind::Dismissed);
    assert_eq!(record.awaiting_customer_since(), None);
    assert_eq!(
        last_of(&record, DeadlineKind::Judgment).status(),
        DeadlineStatus::Met { at: hours(3) }
    );
    assert!(
        record
            .deadlines()
            .iter()
            .all(|deadline| !matches!(deadline.status(), DeadlineStatus::Paused { .. }))
    );
    // Only the F7 follow-up the dismissal opened is left to run.
    assert_eq!(
        record.next_deadline().map(Deadline::kind),
        Some(DeadlineKind::FollowUp)
    );
    assert!(record.breaches(days(2)).is_empty());
    assert!(!record.can(EventKind::CustomerReplied));
}

/// Time spent waiting on the customer never counts against a deadline: a
/// judgment due 4 hours after receipt, paused after 1 hour, is on time when
/// the complaint is upheld 7 hours later while still waiting (3 hours of
/// its time were left); a complaint withdrawn while waiting has missed
/// nothing that was paused in time. (The old tests cite no rule ID.)
#[test]
fn ending_a_paused_deadline_while_waiting_is_not_a_miss() {
    // A row: the event at 8 hours, the stage it leads to, the judgment's
    // status, and when the breaches are looked at.
    let met = DeadlineStatus::Met { at: hours(8) };
    let cancelled = DeadlineStatus::Cancelled { at: hours(8) };
    #[rustfmt::skip]
    let rows = [
        // case                                                            event                         stage                 judgment   breaches at
        ("upheld while waiting: the paused judgment is met on time",       Event::from(uphold(days(5))), StageKind::Judged,    met,       hours(9)),
        ("withdrawn while waiting: the judgment is cancelled, not missed", Event::from(withdraw()),      StageKind::Withdrawn, cancelled, days(1)),
    ];
    let policy = regulated(TimeLimit::Hours(4), TimeLimit::CalendarDays(30));
    for (case, event, stage, judgment, now) in rows {
        let mut record = accepted(&policy);
        apply(&mut record, &policy, agent(), hours(1), await_customer());
        apply(&mut record, &policy, agent(), hours(8), event);
        assert_eq!(record.stage(), stage, "{case}");
        assert_eq!(
            last_of(&record, DeadlineKind::Judgment).status(),
            judgment,
            "{case}"
        );
        assert_eq!(record.breaches(now), [], "{case}");
    }
}

/// A business-day deadline keeps its remaining business days over a wait:
/// three business days due Friday 2026-11-27 10:00, paused on Tuesday at
/// 10:00 with all three left, resumed on Friday at 10:00, are due three
/// business days later, Wednesday 2026-12-02 10:00.
#[test]
fn business_clock_deadline_keeps_its_business_days_over_a_wait() {
    let policy = Policy::builder()
        .final_response(TimeLimit::BusinessDays(3))
        .build()
        .unwrap();
    let tuesday = days(1) + Duration::hours(1); // Tuesday 2026-11-24 10:00 UTC
    let mut record = ComplaintRecord::accept(
        Accept {
            received_at: tuesday,
            ..intake(Channel::Email)
        },
        &ctx(&policy, agent(), tuesday),
    )
    .unwrap();
    let due = last_of(&record, DeadlineKind::FinalResponse).due();
    assert_eq!(due, days(4) + Duration::hours(1)); // Friday 10:00
    apply(&mut record, &policy, agent(), tuesday, await_customer());
    apply(&mut record, &policy, agent(), due, customer_replied());
    assert_eq!(
        last_of(&record, DeadlineKind::FinalResponse).due(),
        days(9) + Duration::hours(1) // Wednesday 2026-12-02 10:00
    );
}

// ---- Extensions -------------------------------------------------------------

/// Only a supervisor extends a deadline, with a reason, to a later time,
/// within the policy's count and distance; every refusal leaves the record
/// unchanged; an accepted extension moves the due time, keeps the original,
/// counts, and replays.
#[test]
fn extension_needs_supervisor_reason_later_time_and_policy_room() {
    let policy = regulated(TimeLimit::CalendarDays(10), TimeLimit::CalendarDays(60));
    assert_eq!(
        policy.extensions(),
        ExtensionLimit {
            max_count: 1,
            max_beyond_original: Some(TimeLimit::CalendarDays(30)),
        }
    );
    let mut record = accepted(&policy);
    let judgment = last_of(&record, DeadlineKind::Judgment).clone();
    assert_eq!(judgment.due(), days(10));
    let now = hours(1);

    // Every refusal, each on the same record, which it leaves unchanged.
    let unauthorized = |actor: Actor, found| TransitionError::Unauthorized {
        event: EventKind::ExtendDeadline,
        actor: actor.id,
        required: Role::Supervisor,
        found,
    };
    let not_later = |due| {
        TransitionError::Extension(ExtensionError::ExtensionNotLater {
            deadline: judgment.id(),
            due,
            current: days(10),
        })
    };
    let too_far = days(40) + Duration::seconds(1);
    let beyond = TransitionError::Extension(ExtensionError::ExtensionTooFar {
        deadline: judgment.id(),
        due: too_far,
        latest: days(40),
    });
    let no_reason = ExtendDeadline {
        reason: "  ".into(),
        ..extend(judgment.id(), days(20))
    };
    let empty_reason = TransitionError::Field(FieldError::Empty {
        field: "reason".into(),
    });
    let unknown = TransitionError::Extension(ExtensionError::UnknownDeadline {
        deadline: deadline_id(99),
    });
    let met = TransitionError::Extension(ExtensionError::DeadlineNotOpen {
        deadline: deadline_id(1),
        status: DeadlineStatus::Met { at: t0() },
    });
    #[rustfmt::skip]
    let rows = [
        // case                                          actor         extension                         error
        ("an agent may not extend (R4-style role rule)", agent(),      extend(judgment.id(), days(20)),  unauthorized(agent(), Role::Agent)),
        ("a team lead may not extend",                   team_lead(),  extend(judgment.id(), days(20)),  unauthorized(team_lead(), Role::TeamLead)),
        ("a reason is required",                         supervisor(), no_reason,                        empty_reason),
        ("not to the current due time",                  supervisor(), extend(judgment.id(), days(10)),  not_later(days(10))),
        ("not before the current due time",              supervisor(), extend(judgment.id(), days(9)),   not_later(days(9))),
        ("a deadline that exists",                       supervisor(), extend(deadline_id(99), days(20)), unknown),
        ("a deadline that is open",                      supervisor(), extend(deadline_id(1), days(20)),  met),
        ("at most 30 calendar days past the original",   supervisor(), extend(judgment.id(), too_far),   beyond),
    ];
    for (case, actor, event, expected) in rows {
        let error = refuse_record(&mut record, event, &ctx(&policy, actor, now));
        assert_eq!(error, expected, "{case}");
    }

    apply(
        &mut record,
        &policy,
        supervisor(),
        now,
        extend(judgment.id(), days(40)),
    );
    let extended = record.deadline(judgment.id()).unwrap();
    assert_eq!(extended.due(), days(40));
    assert_eq!(extended.original_due(), days(10));
    assert_eq!(extended.extensions(), 1);
    assert!(extended.is_open());
    assert!(record.breaches(days(39)).is_empty());
    assert_eq!(record.entries().last().unwrap().actor(), &supervisor());

    // At most one extension.
    let error = refuse_record(
        &mut record,
        extend(judgment.id(), days(41)),
        &ctx(&policy, supervisor(), hours(2)),
    );
    assert_eq!(
        error,
        TransitionError::Extension(ExtensionError::TooManyExtensions {
            deadline: judgment.id(),
            limit: 1,
        })
    );
    assert_eq!(
        error.to_string(),
        format!(
            "deadline {} cannot be extended: the policy allows one extension and it was used",
            judgment.id()
        )
    );

    let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
    assert_eq!(replayed.deadlines(), record.deadlines());
}

/// The policy's extension limits: none at all, or no limit on the distance.
#[test]
fn extension_limits_come_from_the_policy() {
    let none = Policy::builder()
        .judgment(TimeLimit::CalendarDays(10))
        .extensions(ExtensionLimit {
            max_count: 0,
            max_beyond_original: None,
        })
        .build()
        .unwrap();
    let mut record = accepted(&none);
    let judgment = last_of(&record, DeadlineKind::Judgment).id();
    let error = refuse_record(
        &mut record,
        extend(judgment, days(11)),
        &ctx(&none, supervisor(), hours(1)),
    );
    assert_eq!(
        error,
        TransitionError::Extension(ExtensionError::TooManyExtensions {
            deadline: judgment,
            limit: 0,
        })
    );
    assert_eq!(
        error.to_string(),
        format!("deadline {judgment} cannot be extended: the policy allows no extension")
    );

    let unlimited = Policy::builder()
        .judgment(TimeLimit::CalendarDays(10))
        .extensions(ExtensionLimit {
            max_count: 3,
            max_beyond_original: None,
        })
        .build()
        .unwrap();
    let mut record = accepted(&unlimited);
    for (step, due) in [days(100), days(1000), days(3000)].into_iter().enumerate() {
        let at = hours(1 + i64::try_from(step).unwrap());
        apply(
            &mut record,
            &unlimited,
            supervisor(),
            at,
            extend(judgment, due),
        );
    }
    let extended = record.deadline(judgment).unwrap();
    assert_eq!(extended.due(), days(3000));
    assert_eq!(extended.extensions(), 3);
}

/// An extension is possible in every stage: here a callback promised after
/// the remedy was executed.
#[test]
fn extension_of_a_callback_after_execution() {
    let policy = Policy::default();
    let mut record = accepted(&policy);
    apply(&mut record, &policy, agent(), minutes(10), uphold(days(2)));
    apply(&mut record, &policy, agent(), minutes(20), investigate());
    apply(&mut record, &policy, agent(), minutes(30), propose());
    apply(
        &mut record,
        &policy,
        supervisor(),
        minutes(40),
        complaint_workflow::event::Approve { option: 1 },
    );
    apply(
        &mut record,
        &policy,
        agent(),
        minutes(50),
        execute(minutes(50)),
    );
    apply(
        &mut record,
        &policy,
        agent(),
        minutes(60),
        contact(Some(days(1))),
    );
    let callback = last_of(&record, DeadlineKind::CallbackPromised).id();
    apply(
        &mut record,
        &policy,
        supervisor(),
        minutes(70),
        extend(callback, days(2)),
    );
    assert_eq!(record.stage(), StageKind::Executed);
    assert_eq!(record.deadline(callback).unwrap().due(), days(2));
    assert_eq!(record.deadline(callback).unwrap().extensions(), 1);
    // A review does not touch the deadlines.
    apply(&mut record, &policy, supervisor(), minutes(80), review());
    assert_eq!(record.stage(), StageKind::Reviewed);
    assert_eq!(record.next_deadline().map(Deadline::id), Some(callback));
}
