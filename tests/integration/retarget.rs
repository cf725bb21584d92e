//! W2: re-targeting on a change of classification. A team lead reclassifies
//! an open complaint (its severity, its category, with a reason); every
//! unfinished deadline whose kind the policy's target rules time, and that
//! is not missed yet, moves to the limit the rules give for the new
//! classification, counted from its own start. The choice is a recorded
//! decision: replay never asks the rules.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::deadline::{AlarmLevel, AlarmState, Deadline, DeadlineKind, Warning};
use complaint_workflow::event::{Accept, AwaitCustomer, CustomerReplied, RaiseAlarm, Reclassify};
use complaint_workflow::policy::{Conditions, TargetRule};
use complaint_workflow::record::Decision;
use complaint_workflow::time::{Counting, TimeLimit};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, EventKind, Policy, Role,
    Severity, StageKind, TransitionError, error::HandlingError,
};
use proptest::prelude::*;

use super::support::{agent, minute, steps_to, supervisor, team_lead};

fn rule(kind: DeadlineKind, when: Conditions, limit: TimeLimit) -> TargetRule {
    TargetRule { kind, when, limit }
}

fn at_least(severity: Severity) -> Conditions {
    Conditions {
        severity_at_least: Some(severity),
        ..Conditions::default()
    }
}

fn in_category(category: &str) -> Conditions {
    Conditions {
        categories: [Category::new(category)].into(),
        ..Conditions::default()
    }
}

/// Critical complaints: a final response within two business days; billing
/// complaints within five; everything else within the policy's 56 days.
/// Critical complaints' members are followed up within a day.
fn policy() -> Policy {
    Policy::builder()
        .final_response(TimeLimit::CalendarDays(56))
        .target(rule(
            DeadlineKind::FinalResponse,
            at_least(Severity::Critical),
            TimeLimit::BusinessDays(2),
        ))
        .target(rule(
            DeadlineKind::FinalResponse,
            in_category("billing"),
            TimeLimit::BusinessDays(5),
        ))
        .target(rule(
            DeadlineKind::FollowUp,
            at_least(Severity::Critical),
            TimeLimit::CalendarDays(1),
        ))
        .paused_while_awaiting_customer([DeadlineKind::FinalResponse])
        .build()
        .expect("a valid policy")
}

/// A medium repair complaint received and accepted on Monday 23 November
/// 2026 at 09:00.
fn complaint(policy: &Policy, severity: Severity, category: &str) -> ComplaintRecord {
    let accept = Accept {
        complainant: Complainant::member("customer-42"),
        received_at: minute(0),
        channel: Channel::Phone,
        content: "The washing machine leaks after the repair".into(),
        category: Category::new(category),
        severity,
    };
    ComplaintRecord::accept(accept, &Context::new(agent(), minute(0), policy)).unwrap()
}

fn reclassify(severity: Severity, category: &str) -> Reclassify {
    Reclassify {
        severity,
        category: Category::new(category),
        reason: "The leak flooded the kitchen".into(),
    }
}

fn of_kind(record: &ComplaintRecord, kind: DeadlineKind) -> &Deadline {
    record
        .deadlines()
        .iter()
        .rev()
        .find(|deadline| deadline.kind() == kind)
        .expect("the deadline exists")
}

fn retargets(record: &ComplaintRecord) -> Vec<Decision> {
    record
        .entries()
        .last()
        .expect("an entry")
        .decisions()
        .iter()
        .filter(|decision| matches!(decision, Decision::RetargetDeadline { .. }))
        .cloned()
        .collect()
}

/// Monday 23 November 2026 plus `days` at `hour`:00 UTC.
fn day(days: i64, hour: u32) -> DateTime<Utc> {
    minute(0) + Duration::days(days) + Duration::hours(i64::from(hour) - 9)
}

/// W2: raised to critical, the final response is due two business days
/// after the complaint was received (Wednesday 09:00), not 56 days; the
/// limit, the target and the due time are recorded on the entry, and the
/// record reads the new classification.
#[test]
fn w2_a_reclassification_retargets_the_final_response() {
    let policy = policy();
    let mut record = complaint(&policy, Severity::Medium, "repair");
    assert_eq!(
        of_kind(&record, DeadlineKind::FinalResponse).due(),
        day(56, 9)
    );
    record
        .apply(
            reclassify(Severity::Critical, "repair"),
            &Context::new(team_lead(), minute(60), &policy),
        )
        .unwrap();
    let final_response = of_kind(&record, DeadlineKind::FinalResponse);
    assert_eq!(final_response.due(), day(2, 9));
    assert_eq!(final_response.original_due(), day(2, 9));
    assert_eq!(final_response.started_at(), minute(0));
    assert_eq!(final_response.counting(), Counting::Business);
    assert_eq!(
        retargets(&record),
        vec![Decision::RetargetDeadline {
            deadline: final_response.id(),
            limit: TimeLimit::BusinessDays(2),
            target_due: day(2, 9),
            due: day(2, 9),
            alarms: Default::default(),
        }]
    );
    assert_eq!(record.severity(), Severity::Critical);
    assert_eq!(record.intake().severity, Severity::Medium);
    assert_eq!(
        record.reclassification(),
        Some(&reclassify(Severity::Critical, "repair"))
    );

    // Back to medium, and about billing: the billing rule.
    record
        .apply(
            reclassify(Severity::Medium, "billing"),
            &Context::new(team_lead(), minute(90), &policy),
        )
        .unwrap();
    assert_eq!(
        of_kind(&record, DeadlineKind::FinalResponse).due(),
        day(7, 9),
        "W2: five business days from Monday end the next Monday"
    );
    assert_eq!(record.category(), &Category::new("billing"));
}

/// W2, T7: a deadline already missed when the complaint is reclassified
/// stays missed, with the due time it had: a longer limit does not erase the
/// miss, and no decision re-targets it.
#[test]
fn w2_a_deadline_already_breached_stays_breached() {
    let policy = Policy::builder()
        .final_response(TimeLimit::Hours(1))
        .target(rule(
            DeadlineKind::FinalResponse,
            in_category("enquiry"),
            TimeLimit::Hours(48),
        ))
        .build()
        .unwrap();
    let mut record = complaint(&policy, Severity::Medium, "repair");
    let missed = of_kind(&record, DeadlineKind::FinalResponse).clone();
    assert_eq!(missed.due(), minute(60));
    record
        .apply(
            reclassify(Severity::Medium, "enquiry"),
            &Context::new(team_lead(), minute(120), &policy),
        )
        .unwrap();
    assert_eq!(retargets(&record), Vec::new());
    let after = record.deadline(missed.id()).unwrap();
    assert_eq!(after, &missed);
    let breach = record
        .breaches(minute(120))
        .into_iter()
        .find(|breach| breach.deadline == missed.id())
        .expect("W2: still a breach");
    assert_eq!(breach.due, minute(60));
    assert_eq!(after.alarm_state(minute(121)), AlarmState::Breached);
}

/// W2: a shorter target whose due time has already passed is missed from
/// that due time on: raised to critical on Thursday, the final response was
/// due on Wednesday.
#[test]
fn w2_a_shorter_target_already_passed_is_a_breach_from_its_due_time() {
    let policy = policy();
    let mut record = complaint(&policy, Severity::Medium, "repair");
    record
        .apply(
            reclassify(Severity::Critical, "repair"),
            &Context::new(team_lead(), day(3, 10), &policy),
        )
        .unwrap();
    let breach = record
        .breaches(day(3, 10))
        .into_iter()
        .find(|breach| breach.kind == DeadlineKind::FinalResponse)
        .expect("W2: the critical target was missed");
    assert_eq!(breach.due, day(2, 9));
    assert_eq!(breach.overdue(), Duration::hours(25));
}

/// W2, W5: the time a wait on the customer added to a deadline is added to
/// its new target too (as working time on a business clock), and a deadline
/// paused when the complaint is reclassified stays paused with its new due
/// time.
#[test]
fn w2_pauses_carry_over_to_the_new_target() {
    let policy = policy();
    let mut record = complaint(&policy, Severity::Medium, "repair");
    let agent_at = |at| Context::new(agent(), at, &policy);
    record
        .apply(
            AwaitCustomer {
                reason: "Photos of the leak".into(),
            },
            &agent_at(minute(10)),
        )
        .unwrap();
    record
        .apply(
            CustomerReplied {
                summary: "Sent the photos".into(),
            },
            &agent_at(minute(70)),
        )
        .unwrap();
    // An hour of waiting: 56 days and an hour.
    assert_eq!(
        of_kind(&record, DeadlineKind::FinalResponse).due(),
        day(56, 10)
    );
    record
        .apply(
            AwaitCustomer {
                reason: "The repair report".into(),
            },
            &agent_at(minute(80)),
        )
        .unwrap();
    record
        .apply(
            reclassify(Severity::Medium, "billing"),
            &Context::new(team_lead(), minute(90), &policy),
        )
        .unwrap();
    let final_response = of_kind(&record, DeadlineKind::FinalResponse);
    // Five business days from Monday 09:00, and the hour's working time.
    assert_eq!(final_response.original_due(), day(7, 9));
    assert_eq!(final_response.due(), day(7, 10));
    assert!(!final_response.is_open(), "still paused");
    record
        .apply(
            CustomerReplied {
                summary: "Sent the report".into(),
            },
            &agent_at(minute(100)),
        )
        .unwrap();
    // The second wait, twenty minutes of working time on Monday morning.
    assert_eq!(
        of_kind(&record, DeadlineKind::FinalResponse).due(),
        day(7, 10) + Duration::minutes(20)
    );
}

/// W2: deadlines opened after a reclassification are timed by the new
/// classification: raised to critical, the member's follow-up is due within
/// a day of the remedy, not three.
#[test]
fn w2_deadlines_opened_later_follow_the_new_classification() {
    let policy = policy();
    let mut record = complaint(&policy, Severity::Medium, "repair");
    record
        .apply(
            reclassify(Severity::Critical, "repair"),
            &Context::new(team_lead(), minute(5), &policy),
        )
        .unwrap();
    for step in steps_to(StageKind::Executed) {
        record
            .apply(step.event, &Context::new(step.actor, step.at, &policy))
            .unwrap();
    }
    let follow_up = of_kind(&record, DeadlineKind::FollowUp);
    assert_eq!(follow_up.due() - follow_up.started_at(), Duration::days(1));
}

/// W1, W2: the alarms are planned again for the new target: the warning at
/// half the new time; an at-risk alarm raised before is cleared when the
/// new warning lies ahead, and the deadline is on track again.
#[test]
fn w2_warnings_are_planned_again_for_the_new_target() {
    let policy = Policy::builder()
        .final_response(TimeLimit::Hours(10))
        .target(rule(
            DeadlineKind::FinalResponse,
            in_category("enquiry"),
            TimeLimit::Hours(40),
        ))
        .warning(
            DeadlineKind::FinalResponse,
            Some(Warning::ShareElapsed { percent: 50 }),
        )
        .build()
        .unwrap();
    let mut record = complaint(&policy, Severity::Medium, "repair");
    let id = of_kind(&record, DeadlineKind::FinalResponse).id();
    assert_eq!(
        record.deadline(id).unwrap().warns_at(),
        Some(minute(5 * 60))
    );
    record
        .apply(
            RaiseAlarm {
                deadline: id,
                level: AlarmLevel::AtRisk,
            },
            &Context::new(agent(), minute(6 * 60), &policy),
        )
        .unwrap();
    assert!(
        record
            .deadline(id)
            .unwrap()
            .alarm_raised(AlarmLevel::AtRisk)
    );
    record
        .apply(
            reclassify(Severity::Medium, "enquiry"),
            &Context::new(team_lead(), minute(7 * 60), &policy),
        )
        .unwrap();
    let deadline = record.deadline(id).unwrap();
    assert_eq!(deadline.due(), minute(40 * 60));
    assert_eq!(deadline.warns_at(), Some(minute(20 * 60)));
    assert!(!deadline.alarm_raised(AlarmLevel::AtRisk));
    assert_eq!(deadline.alarm_state(minute(7 * 60)), AlarmState::OnTrack);
    assert_eq!(deadline.alarm_state(minute(20 * 60)), AlarmState::AtRisk);
}

/// W2: who may reclassify, where, and with what: a team lead or higher, in
/// an open stage, with a reason and a category, changing something.
#[test]
fn w2_reclassification_needs_a_team_lead_a_reason_and_a_change() {
    let policy = policy();
    let mut record = complaint(&policy, Severity::Medium, "repair");
    let by = |actor: Actor| Context::new(actor, minute(30), &policy);
    let refused = record
        .apply(reclassify(Severity::High, "repair"), &by(agent()))
        .unwrap_err();
    assert!(matches!(
        refused,
        TransitionError::Unauthorized {
            event: EventKind::Reclassify,
            required: Role::TeamLead,
            ..
        }
    ));
    let unchanged = record
        .apply(reclassify(Severity::Medium, "repair"), &by(team_lead()))
        .unwrap_err();
    assert_eq!(
        unchanged,
        TransitionError::Handling(HandlingError::ReclassifiedUnchanged {
            severity: Severity::Medium,
            category: Category::new("repair"),
        })
    );
    let mut blank = reclassify(Severity::High, "repair");
    blank.reason = " ".into();
    assert!(record.apply(blank, &by(team_lead())).is_err());
    assert!(
        record
            .apply(reclassify(Severity::High, ""), &by(supervisor()))
            .is_err()
    );
    assert_eq!(
        record.version(),
        1,
        "every refusal leaves the record as it was"
    );
    record
        .apply(reclassify(Severity::High, "repair"), &by(supervisor()))
        .unwrap();

    let mut executed = complaint(&policy, Severity::Medium, "repair");
    for step in steps_to(StageKind::Executed) {
        executed
            .apply(step.event, &Context::new(step.actor, step.at, &policy))
            .unwrap();
    }
    let refused = executed
        .apply(
            reclassify(Severity::Critical, "repair"),
            &Context::new(team_lead(), minute(24 * 60), &policy),
        )
        .unwrap_err();
    assert!(matches!(refused, TransitionError::NotAllowed { .. }));
}

/// W2, R7: a stored history with a re-target replays to the same deadlines
/// without asking any policy, and a re-target recorded on another event, or
/// on a deadline that was missed, is refused.
#[test]
fn w2_replay_gives_the_same_deadlines_and_checks_the_decision() {
    let policy = policy();
    let mut record = complaint(&policy, Severity::Medium, "repair");
    record
        .apply(
            reclassify(Severity::Critical, "repair"),
            &Context::new(team_lead(), minute(60), &policy),
        )
        .unwrap();
    let json = serde_json::to_string(&record).unwrap();
    let loaded: ComplaintRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(loaded.deadlines(), record.deadlines());
    assert_eq!(loaded.severity(), Severity::Critical);

    // The decision moved onto the acceptance: refused.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let effect = value["entries"][1]["effects"][0].clone();
    assert_eq!(effect["effect"], "retarget_deadline");
    value["entries"][0]["effects"]
        .as_array_mut()
        .unwrap()
        .push(effect.clone());
    let error = serde_json::from_value::<ComplaintRecord>(value)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("only a reclassification re-targets deadlines"),
        "{error}"
    );

    // The same decision on a deadline missed before the reclassification.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["entries"][1]["at"] = serde_json::json!("2027-03-01T09:00:00Z");
    let error = serde_json::from_value::<ComplaintRecord>(value)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("the re-targeted deadline was finished or already missed"),
        "{error}"
    );
}

// ---- The property ---------------------------------------------------------------

fn severities() -> impl Strategy<Value = Severity> {
    prop::sample::select(Severity::ALL.to_vec())
}

const CATEGORIES: [&str; 3] = ["a", "b", "c"];

fn conditions() -> impl Strategy<Value = Conditions> {
    (
        prop::option::of(severities()),
        prop::collection::btree_set(prop::sample::select(CATEGORIES.to_vec()), 0..3),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(severity_at_least, categories, member)| Conditions {
            severity_at_least,
            categories: categories.into_iter().map(Category::new).collect(),
            member,
            ..Conditions::default()
        })
}

/// The kinds a complaint in `accepted` has open that the rules may time.
const KINDS: [DeadlineKind; 3] = [
    DeadlineKind::Judgment,
    DeadlineKind::FinalResponse,
    DeadlineKind::ProgressUpdate,
];

/// The policy's own limit of each kind, in hours.
const OWN_HOURS: [u32; 3] = [30, 90, 20];

/// Every condition of `when` checked on its own for a member's complaint.
fn holds(when: &Conditions, severity: Severity, category: &str) -> bool {
    let rank = |s: Severity| Severity::ALL.iter().position(|x| *x == s);
    when.severity_at_least
        .is_none_or(|least| rank(severity) >= rank(least))
        && (when.categories.is_empty() || when.categories.iter().any(|c| c.as_str() == category))
        && when.member.is_none_or(|member| member)
}

proptest! {
    /// W2: after a reclassification, the due time of every deadline the
    /// rules time equals a brute-force evaluation of the rules, in order,
    /// for the new classification, counted from the deadline's start (the
    /// policy's own limit when no rule holds); a deadline whose kind no rule
    /// names, or that was missed before, keeps its due time; and replaying
    /// the history gives the same deadlines and alarms.
    #[test]
    fn w2_limits_after_a_retarget_equal_a_brute_force_evaluation(
        rules in prop::collection::vec(
            (prop::sample::select(KINDS.to_vec()), conditions(), 1u32..100),
            0..8,
        ),
        before in (severities(), prop::sample::select(CATEGORIES.to_vec())),
        after in (severities(), prop::sample::select(CATEGORIES.to_vec())),
        at_minutes in 1i64..(120 * 60),
        warn in prop::option::of(1u8..100),
    ) {
        prop_assume!(before != after);
        let mut builder = Policy::builder()
            .judgment(TimeLimit::Hours(OWN_HOURS[0]))
            .final_response(TimeLimit::Hours(OWN_HOURS[1]))
            .progress_updates(Some(TimeLimit::Hours(OWN_HOURS[2])))
            .warning(
                DeadlineKind::FinalResponse,
                warn.map(|percent| Warning::ShareElapsed { percent }),
            );
        for (kind, when, hours) in &rules {
            builder = builder.target(rule(*kind, when.clone(), TimeLimit::Hours(*hours)));
        }
        let policy = builder.build().unwrap();
        let mut record = complaint(&policy, before.0, before.1);
        let opened = record.deadlines().to_vec();
        let at = minute(at_minutes);
        record
            .apply(
                reclassify(after.0, after.1),
                &Context::new(team_lead(), at, &policy),
            )
            .unwrap();
        for old in &opened {
            let new = record.deadline(old.id()).unwrap();
            let Some(index) = KINDS.iter().position(|kind| *kind == old.kind()) else {
                prop_assert_eq!(new, old, "{} is not timed by the rules", old.kind());
                continue;
            };
            let named = rules.iter().any(|(kind, _, _)| *kind == old.kind());
            let missed = old.due() < at;
            if !named || missed {
                prop_assert_eq!(new.due(), old.due(), "{} keeps its due time", old.kind());
                continue;
            }
            let hours = rules
                .iter()
                .find(|(kind, when, _)| *kind == old.kind() && holds(when, after.0, after.1))
                .map_or(OWN_HOURS[index], |(_, _, hours)| *hours);
            let expected = old.started_at() + Duration::hours(i64::from(hours));
            prop_assert_eq!(new.due(), expected, "{}", old.kind());
            prop_assert_eq!(new.original_due(), expected);
            if old.kind() == DeadlineKind::FinalResponse {
                let lead = warn.map(|percent| {
                    Duration::hours(i64::from(hours)).num_seconds() * i64::from(100 - percent) / 100
                });
                prop_assert_eq!(
                    new.warns_at(),
                    lead.map(|lead| (expected - Duration::seconds(lead)).max(old.started_at()))
                );
            }
        }
        let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
        prop_assert_eq!(replayed.deadlines(), record.deadlines());
        prop_assert_eq!(replayed.alarms(at), record.alarms(at));
    }
}
