//! W1 warnings before a breach and W3 escalation chains: when a deadline
//! warns, what a record's next alarm is, what it is owed at a given time,
//! and how a due-worker pays it with events of its own.

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::deadline::{
    AlarmLevel, AlarmPoint, AlarmState, DeadlineId, DeadlineKind, EscalationLevel,
    EscalationTrigger, Warning,
};
use complaint_workflow::error::{AlarmError, HandlingError};
use complaint_workflow::event::{
    AwaitCustomer, Escalate, EscalationStep, ExtendDeadline, RaiseAlarm,
};
use complaint_workflow::policy::PolicyError;
use complaint_workflow::record::Owed;
use complaint_workflow::time::TimeLimit;
use complaint_workflow::{Actor, ComplaintRecord, Context, Policy, Role, TransitionError};
use proptest::prelude::*;

use super::support::{accept, agent, supervisor};

/// Monday 2026-11-23 09:00 UTC, when the complaint is received.
fn received() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn hours(n: i64) -> DateTime<Utc> {
    received() + Duration::hours(n)
}

/// The due-worker: a front-line actor of its own.
fn worker() -> Actor {
    Actor::agent("due-worker")
}

/// A final response due 10 calendar days after receipt, which warns at
/// `warning` and escalates by `chain`.
fn policy(warning: Option<Warning>, chain: &[EscalationLevel]) -> Policy {
    Policy::builder()
        .final_response(TimeLimit::CalendarDays(10))
        .warning(DeadlineKind::FinalResponse, warning)
        .escalation_chain(DeadlineKind::FinalResponse, chain.iter().copied())
        .build()
        .expect("a valid policy")
}

fn accepted(policy: &Policy) -> ComplaintRecord {
    ComplaintRecord::accept(accept(), &Context::new(agent(), received(), policy))
        .expect("a valid acceptance")
}

fn final_response(record: &ComplaintRecord) -> DeadlineId {
    record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == DeadlineKind::FinalResponse)
        .expect("the policy opens a final-response deadline")
        .id()
}

/// Applies everything owed at `now` as the due-worker; returns what was owed.
fn pay(record: &mut ComplaintRecord, now: DateTime<Utc>, policy: &Policy) -> Vec<Owed> {
    let owed = record.owed(now);
    for item in &owed {
        record
            .apply(item.event(), &Context::new(worker(), now, policy))
            .unwrap_or_else(|error| panic!("owed {item:?} at {now} refused: {error}"));
    }
    owed
}

const AT_RISK_TO_LEAD: EscalationLevel = EscalationLevel {
    trigger: EscalationTrigger::AtRisk,
    to: Role::TeamLead,
};
const LATE_HOUR_TO_SUPERVISOR: EscalationLevel = EscalationLevel {
    trigger: EscalationTrigger::BreachedFor { minutes: 60 },
    to: Role::Supervisor,
};

/// W1: a share of the time elapsed: 75 % of ten days warns after seven and
/// a half; the deadline is at risk from then and breached after its due time.
#[test]
fn w1_a_share_warns_after_that_share_of_the_time() {
    let policy = policy(Some(Warning::ShareElapsed { percent: 75 }), &[]);
    let record = accepted(&policy);
    let id = final_response(&record);
    let deadline = record.deadline(id).unwrap();
    assert_eq!(deadline.due(), hours(240));
    assert_eq!(deadline.warns_at(), Some(hours(180)));
    assert_eq!(deadline.alarm_state(hours(179)), AlarmState::OnTrack);
    assert_eq!(deadline.alarm_state(hours(180)), AlarmState::AtRisk);
    assert_eq!(deadline.alarm_state(hours(241)), AlarmState::Breached);
    let next = record.next_alarm().unwrap();
    assert_eq!(
        (next.at, next.deadline, next.point),
        (hours(180), id, AlarmPoint::Warning)
    );
    assert!(record.alarms(hours(179)).is_empty());
    let at_risk: Vec<_> = record
        .alarms(hours(200))
        .into_iter()
        .map(|(deadline, state)| (deadline.id(), state))
        .collect();
    assert_eq!(at_risk, vec![(id, AlarmState::AtRisk)]);
}

/// W1: a lead time before the due time; a lead longer than the whole limit
/// warns when the deadline starts, never before.
#[test]
fn w1_a_lead_time_warns_before_the_due_time_never_before_the_start() {
    let policy = policy(Some(Warning::LeadTime { minutes: 24 * 60 }), &[]);
    let record = accepted(&policy);
    let deadline = record.deadline(final_response(&record)).unwrap();
    assert_eq!(deadline.warns_at(), Some(hours(216)));

    let long = policy_with_lead(20 * 24 * 60);
    let record = accepted(&long);
    let deadline = record.deadline(final_response(&record)).unwrap();
    assert_eq!(deadline.warns_at(), Some(received()));
}

fn policy_with_lead(minutes: u32) -> Policy {
    policy(Some(Warning::LeadTime { minutes }), &[])
}

/// W1: without a warning the next alarm is the due time (what
/// `next_deadline` gave before warnings); a raised alarm moves it on, and a
/// deadline whose every alarm was raised leaves the index.
#[test]
fn w1_raising_an_alarm_moves_the_next_alarm_on() {
    let policy = policy(Some(Warning::ShareElapsed { percent: 50 }), &[]);
    let mut record = accepted(&policy);
    let id = final_response(&record);
    assert_eq!(record.owed(hours(119)), vec![]);
    let owed = pay(&mut record, hours(120), &policy);
    assert_eq!(
        owed,
        vec![Owed::Alarm {
            deadline: id,
            kind: DeadlineKind::FinalResponse,
            level: AlarmLevel::AtRisk
        }]
    );
    assert!(
        record
            .deadline(id)
            .unwrap()
            .alarm_raised(AlarmLevel::AtRisk)
    );
    let next = record.next_alarm().unwrap();
    assert_eq!((next.at, next.point), (hours(240), AlarmPoint::Due));
    assert_eq!(record.owed(hours(200)), vec![]);
    let owed = pay(&mut record, hours(241), &policy);
    assert_eq!(owed.len(), 1);
    assert_eq!(record.next_alarm(), None);
    assert_eq!(record.owed(hours(500)), vec![]);
    // The breach stays a breach: raising the alarm is not meeting the deadline.
    assert_eq!(record.breaches(hours(300)).len(), 1);
}

/// W1: each alarm once, only once it has fallen, only on a running deadline
/// of this complaint, and an at-risk alarm only where there is a warning;
/// a refused alarm changes nothing.
#[test]
fn w1_an_alarm_is_raised_once_when_it_falls_on_a_running_deadline() {
    let warned = policy(Some(Warning::ShareElapsed { percent: 50 }), &[]);
    let mut record = accepted(&warned);
    let id = final_response(&record);
    let raise = |level| RaiseAlarm {
        deadline: id,
        level,
    };
    let refuse = |record: &mut ComplaintRecord, event: RaiseAlarm, at| {
        let before = record.clone();
        let error = record
            .apply(event, &Context::new(worker(), at, &warned))
            .expect_err("refused");
        assert_eq!(*record, before, "a refused alarm changed the record");
        error
    };
    let early = refuse(&mut record, raise(AlarmLevel::AtRisk), hours(119));
    assert!(matches!(
        early,
        TransitionError::Alarm(AlarmError::NotYet { falls_at, .. }) if falls_at == hours(120)
    ));
    let unknown = RaiseAlarm {
        deadline: "#9".parse().unwrap(),
        level: AlarmLevel::Breached,
    };
    assert!(matches!(
        refuse(&mut record, unknown, hours(130)),
        TransitionError::Alarm(AlarmError::UnknownDeadline { .. })
    ));
    record
        .apply(
            raise(AlarmLevel::AtRisk),
            &Context::new(worker(), hours(121), &warned),
        )
        .unwrap();
    assert!(matches!(
        refuse(&mut record, raise(AlarmLevel::AtRisk), hours(122)),
        TransitionError::Alarm(AlarmError::AlreadyRaised {
            level: AlarmLevel::AtRisk,
            ..
        })
    ));

    let plain = policy(None, &[]);
    let mut unwarned = accepted(&plain);
    let id = final_response(&unwarned);
    let error = unwarned
        .apply(
            RaiseAlarm {
                deadline: id,
                level: AlarmLevel::AtRisk,
            },
            &Context::new(worker(), hours(200), &plain),
        )
        .expect_err("no warning");
    assert!(matches!(
        error,
        TransitionError::Alarm(AlarmError::NoWarning { .. })
    ));
}

/// W1: a paused deadline does not warn: while the complaint waits on the
/// customer, the final response is neither at risk nor owed an alarm, and
/// raising one is refused.
#[test]
fn w1_a_paused_deadline_does_not_warn() {
    let policy = policy(Some(Warning::ShareElapsed { percent: 50 }), &[]);
    let mut record = accepted(&policy);
    let id = final_response(&record);
    let wait = AwaitCustomer {
        reason: "The customer sends the receipt".into(),
    };
    record
        .apply(wait, &Context::new(agent(), hours(10), &policy))
        .unwrap();
    let deadline = record.deadline(id).unwrap();
    assert!(!deadline.is_open(), "the final response pauses");
    assert_eq!(deadline.alarm_state(hours(150)), AlarmState::OnTrack);
    assert!(record.owed(hours(150)).iter().all(|owed| !matches!(
        owed,
        Owed::Alarm { deadline, .. } if *deadline == id
    )));
    assert!(record.next_alarm().is_none_or(|alarm| alarm.deadline != id));
    let error = record
        .apply(
            RaiseAlarm {
                deadline: id,
                level: AlarmLevel::AtRisk,
            },
            &Context::new(worker(), hours(150), &policy),
        )
        .expect_err("paused");
    assert!(matches!(
        error,
        TransitionError::Alarm(AlarmError::DeadlineNotRunning { .. })
    ));
}

/// W1: an extended deadline is on track again and warns again, its warning
/// moved with its due time.
#[test]
fn w1_an_extension_moves_the_warning_and_rearms_it() {
    let policy = policy(Some(Warning::LeadTime { minutes: 24 * 60 }), &[]);
    let mut record = accepted(&policy);
    let id = final_response(&record);
    pay(&mut record, hours(217), &policy);
    assert!(
        record
            .deadline(id)
            .unwrap()
            .alarm_raised(AlarmLevel::AtRisk)
    );
    let extend = ExtendDeadline {
        deadline: id,
        due: hours(240 + 72),
        reason: "The supplier needs three more days".into(),
    };
    record
        .apply(extend, &Context::new(supervisor(), hours(218), &policy))
        .unwrap();
    let deadline = record.deadline(id).unwrap();
    assert!(!deadline.alarm_raised(AlarmLevel::AtRisk));
    assert_eq!(deadline.warns_at(), Some(hours(240 + 48)));
    assert_eq!(deadline.alarm_state(hours(230)), AlarmState::OnTrack);
    assert_eq!(record.next_alarm().map(|alarm| alarm.at), Some(hours(288)));
}

/// W3: the levels of a chain fire in order, each once, as escalations by
/// the due-worker: the team lead when the deadline is at risk, the
/// supervisor an hour after it is missed; then nothing is owed.
#[test]
fn w3_the_levels_of_a_chain_fire_in_order_each_once() {
    let policy = policy(
        Some(Warning::ShareElapsed { percent: 75 }),
        &[AT_RISK_TO_LEAD, LATE_HOUR_TO_SUPERVISOR],
    );
    let mut record = accepted(&policy);
    let id = final_response(&record);
    let deadline = record.deadline(id).unwrap();
    assert_eq!(
        deadline.escalation_chain(),
        [AT_RISK_TO_LEAD, LATE_HOUR_TO_SUPERVISOR]
    );
    assert_eq!(deadline.escalation_falls_at(1), Some(hours(180)));
    assert_eq!(deadline.escalation_falls_at(2), Some(hours(241)));
    assert_eq!(deadline.escalation_falls_at(3), None);

    let owed = pay(&mut record, hours(180), &policy);
    assert_eq!(
        owed,
        vec![
            Owed::Alarm {
                deadline: id,
                kind: DeadlineKind::FinalResponse,
                level: AlarmLevel::AtRisk
            },
            Owed::Escalation {
                deadline: id,
                kind: DeadlineKind::FinalResponse,
                level: 1,
                to: Role::TeamLead
            },
        ]
    );
    assert_eq!(record.escalation_level(), Role::TeamLead);
    pay(&mut record, hours(240), &policy);
    assert_eq!(record.owed(hours(240) + Duration::minutes(59)), vec![]);
    let owed = pay(&mut record, hours(241), &policy);
    assert_eq!(
        owed,
        vec![Owed::Escalation {
            deadline: id,
            kind: DeadlineKind::FinalResponse,
            level: 2,
            to: Role::Supervisor
        }]
    );
    assert_eq!(record.escalation_level(), Role::Supervisor);
    assert_eq!(record.owed(hours(1000)), vec![]);
    assert_eq!(record.next_alarm(), None);

    // Replay refuses a level fired twice: the escalation is not higher.
    let twice = Escalate {
        to: Role::Supervisor,
        owner: None,
        reason: "again".into(),
        step: Some(EscalationStep {
            deadline: id,
            level: 2,
        }),
    };
    let error = record
        .apply(twice, &Context::new(worker(), hours(300), &policy))
        .expect_err("fired once");
    assert!(matches!(
        error,
        TransitionError::Handling(HandlingError::EscalationNotHigher { .. })
    ));
}

/// W3: a manual escalation counts: a complaint a person escalated to the
/// team lead is not escalated to the team lead again by the chain.
#[test]
fn w3_a_manual_escalation_counts() {
    let policy = policy(
        Some(Warning::ShareElapsed { percent: 75 }),
        &[AT_RISK_TO_LEAD, LATE_HOUR_TO_SUPERVISOR],
    );
    let mut record = accepted(&policy);
    let by_hand = Escalate {
        to: Role::TeamLead,
        owner: None,
        reason: "The customer is a journalist".into(),
        step: None,
    };
    record
        .apply(by_hand, &Context::new(agent(), hours(1), &policy))
        .unwrap();
    let owed = record.owed(hours(180));
    assert!(
        owed.iter()
            .all(|owed| !matches!(owed, Owed::Escalation { .. })),
        "{owed:?}"
    );
    assert_eq!(
        record.next_alarm().map(|alarm| (alarm.at, alarm.point)),
        Some((hours(180), AlarmPoint::Warning))
    );
}

/// W3: an escalation that names a level goes to that level's role, not
/// before the level falls, and only to a level the chain has.
#[test]
fn w3_a_level_goes_to_its_role_at_its_time() {
    let policy = policy(None, &[AT_RISK_TO_LEAD]);
    let mut record = accepted(&policy);
    let id = final_response(&record);
    let step = |level| Escalate {
        to: Role::TeamLead,
        owner: None,
        reason: "W3".into(),
        step: Some(EscalationStep {
            deadline: id,
            level,
        }),
    };
    let at = |n| Context::new(worker(), hours(n), &policy);
    // Without a warning, an at-risk level falls at the due time.
    let error = record.apply(step(1), &at(239)).expect_err("early");
    assert!(matches!(
        error,
        TransitionError::Alarm(AlarmError::NotYet { falls_at, .. }) if falls_at == hours(240)
    ));
    let error = record.apply(step(2), &at(241)).expect_err("no level 2");
    assert!(matches!(
        error,
        TransitionError::Alarm(AlarmError::UnknownLevel { level: 2, .. })
    ));
    let mut wrong = step(1);
    wrong.to = Role::Supervisor;
    let error = record.apply(wrong, &at(241)).expect_err("wrong role");
    assert!(matches!(
        error,
        TransitionError::Alarm(AlarmError::LevelRole {
            expected: Role::TeamLead,
            requested: Role::Supervisor,
            ..
        })
    ));
    record.apply(step(1), &at(241)).unwrap();
}

/// W1, W3: the plan is recorded when the deadline opens: a history replays
/// to the same warnings, chain, raised alarms and next alarm without the
/// policy, and a later policy without warnings changes none of it.
#[test]
fn w1_w3_a_history_replays_to_the_same_alarms_under_any_policy() {
    let policy = policy(
        Some(Warning::ShareElapsed { percent: 75 }),
        &[AT_RISK_TO_LEAD, LATE_HOUR_TO_SUPERVISOR],
    );
    let mut record = accepted(&policy);
    pay(&mut record, hours(180), &policy);
    let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
    assert_eq!(replayed.deadlines(), record.deadlines());
    assert_eq!(replayed.next_alarm(), record.next_alarm());
    assert_eq!(replayed.owed(hours(241)), record.owed(hours(241)));
}

/// W1, W3: a policy value that cannot work is refused when it is built.
#[test]
fn w1_w3_impossible_warnings_and_chains_are_refused() {
    let build = |warning, chain: &[EscalationLevel]| {
        Policy::builder()
            .warning(DeadlineKind::FinalResponse, warning)
            .escalation_chain(DeadlineKind::FinalResponse, chain.iter().copied())
            .build()
    };
    for percent in [0, 100, 250] {
        assert_eq!(
            build(Some(Warning::ShareElapsed { percent }), &[]),
            Err(PolicyError::WarningShare {
                kind: DeadlineKind::FinalResponse,
                percent
            })
        );
    }
    assert!(matches!(
        build(Some(Warning::LeadTime { minutes: 0 }), &[]),
        Err(PolicyError::ZeroLimit { .. })
    ));
    let to_agent = EscalationLevel {
        trigger: EscalationTrigger::Breached,
        to: Role::Agent,
    };
    assert!(matches!(
        build(None, &[to_agent]),
        Err(PolicyError::EscalationNotRising { level: 1, .. })
    ));
    assert!(matches!(
        build(None, &[LATE_HOUR_TO_SUPERVISOR, AT_RISK_TO_LEAD]),
        Err(PolicyError::EscalationNotRising { level: 2, .. })
    ));
    let breached_lead = EscalationLevel {
        trigger: EscalationTrigger::Breached,
        to: Role::TeamLead,
    };
    let at_risk_supervisor = EscalationLevel {
        trigger: EscalationTrigger::AtRisk,
        to: Role::Supervisor,
    };
    assert_eq!(
        build(None, &[breached_lead, at_risk_supervisor]),
        Err(PolicyError::EscalationOutOfOrder {
            kind: DeadlineKind::FinalResponse,
            level: 2
        })
    );
    assert!(
        build(
            Some(Warning::ShareElapsed { percent: 99 }),
            &[AT_RISK_TO_LEAD, LATE_HOUR_TO_SUPERVISOR]
        )
        .is_ok()
    );
}

fn warning() -> impl Strategy<Value = Option<Warning>> {
    prop_oneof![
        Just(None),
        (1u8..=99).prop_map(|percent| Some(Warning::ShareElapsed { percent })),
        (1u32..=20 * 24 * 60).prop_map(|minutes| Some(Warning::LeadTime { minutes })),
    ]
}

fn chain() -> impl Strategy<Value = Vec<EscalationLevel>> {
    let trigger = prop_oneof![
        Just(EscalationTrigger::AtRisk),
        Just(EscalationTrigger::Breached),
        (1u32..=3 * 24 * 60).prop_map(|minutes| EscalationTrigger::BreachedFor { minutes }),
    ];
    (trigger.clone(), trigger, 0usize..=2).prop_map(|(a, b, count)| {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let levels = [
            EscalationLevel {
                trigger: low,
                to: Role::TeamLead,
            },
            EscalationLevel {
                trigger: high,
                to: Role::Supervisor,
            },
        ];
        levels.into_iter().take(count).collect()
    })
}

proptest! {
    /// W1, W3 over random policies and random times at which a due-worker
    /// looks: a warning never falls after its due time nor before its
    /// start; the next alarm is the earliest not-raised warning, due time or
    /// level over the running deadlines (computed here from the deadlines'
    /// public data); every level fires at most once and, once the worker has
    /// looked after the last level, exactly once unless the complaint was
    /// already at its role; and the history replays to the same alarms.
    #[test]
    fn w1_w3_alarms_and_chains_hold_over_random_worker_rounds(
        warning in warning(),
        chain in chain(),
        looks in proptest::collection::vec(0i64..400, 1..12),
    ) {
        let policy = policy(warning, &chain);
        let mut record = accepted(&policy);
        let mut looks = looks;
        looks.sort_unstable();
        looks.push(1000);
        for hour in looks {
            pay(&mut record, hours(hour), &policy);
            for deadline in record.deadlines() {
                if let Some(warns) = deadline.warns_at() {
                    prop_assert!(warns <= deadline.due(), "no warning after its due time");
                    prop_assert!(warns >= deadline.started_at());
                }
            }
            let level = record.escalation_level();
            let open = record.stage().is_open();
            let expected = record
                .deadlines()
                .iter()
                .filter(|deadline| deadline.is_open())
                .flat_map(|deadline| {
                    let mut points = Vec::new();
                    if let Some(warns) = deadline.warns_at() {
                        if warns < deadline.due() && !deadline.alarm_raised(AlarmLevel::AtRisk) {
                            points.push(warns);
                        }
                    }
                    if !deadline.alarm_raised(AlarmLevel::Breached) {
                        points.push(deadline.due());
                    }
                    for (index, step) in deadline.escalation_chain().iter().enumerate() {
                        if open && step.to > level {
                            let number = u8::try_from(index + 1).unwrap();
                            points.extend(deadline.escalation_falls_at(number));
                        }
                    }
                    points
                })
                .min();
            prop_assert_eq!(record.next_alarm().map(|alarm| alarm.at), expected);
        }
        let fired: Vec<EscalationStep> = record
            .entries()
            .iter()
            .filter_map(|entry| match entry.event() {
                complaint_workflow::Event::Escalate(escalate) => escalate.step,
                _ => None,
            })
            .collect();
        for step in &fired {
            prop_assert_eq!(fired.iter().filter(|other| *other == step).count(), 1);
        }
        prop_assert_eq!(fired.len(), chain.len(), "every level fired by the end");
        prop_assert_eq!(record.owed(hours(1000)), vec![]);
        let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
        prop_assert_eq!(replayed.deadlines(), record.deadlines());
        prop_assert_eq!(replayed.next_alarm(), record.next_alarm());
    }
}
