//! W5: waiting on the customer and waiting on a third party are distinct
//! recorded reasons, and the policy says which deadline kinds each pauses.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::deadline::{DeadlineKind, DeadlineStatus, WaitingOn};
use complaint_workflow::error::HandlingError;
use complaint_workflow::event::{
    Accept, AwaitCustomer, AwaitThirdParty, CustomerReplied, ThirdPartyReplied, Uphold,
};
use complaint_workflow::time::{BusinessCalendar, TimeLimit, Zone};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Policy, Severity,
    TransitionError,
};

use super::support::minute;

/// Judgment and final response clocks from receipt; the customer's wait
/// pauses the final response, a third party's the investigation only.
fn policy() -> Policy {
    Policy::builder()
        .judgment(TimeLimit::Hours(48))
        .final_response(TimeLimit::CalendarDays(14))
        .paused_while_awaiting_customer([DeadlineKind::FinalResponse])
        .paused_while_awaiting_third_party([DeadlineKind::Investigation])
        .build()
        .expect("a valid policy")
}

fn at<'a>(policy: &'a Policy, n: i64) -> Context<'a> {
    Context::new(Actor::agent("agent-7"), minute(n), policy)
}

/// A complaint upheld at minute 10, its investigation due two days later.
fn upheld(policy: &Policy) -> ComplaintRecord {
    let accept = Accept {
        complainant: Complainant::new("customer-42"),
        received_at: minute(0),
        channel: Channel::Email,
        content: "The parcel never arrived".into(),
        category: Category::new("delivery"),
        severity: Severity::Medium,
    };
    let mut record = ComplaintRecord::accept(accept, &at(policy, 0)).unwrap();
    let uphold = Uphold {
        responsible_department: Department::new("logistics"),
        investigation_due: minute(10) + Duration::days(2),
    };
    record.apply(uphold, &at(policy, 10)).unwrap();
    record
}

fn status(record: &ComplaintRecord, kind: DeadlineKind) -> DeadlineStatus {
    record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == kind)
        .expect("the deadline is open")
        .status()
}

fn due(record: &ComplaintRecord, kind: DeadlineKind) -> DateTime<Utc> {
    record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == kind)
        .expect("the deadline is open")
        .due()
}

fn await_courier() -> AwaitThirdParty {
    AwaitThirdParty {
        party: "The courier".into(),
        reason: "Where the parcel is".into(),
    }
}

/// W5: a wait on a third party pauses the kinds the policy names for it,
/// and only those; its reply moves them by the time waited.
#[test]
fn w5_a_third_party_wait_pauses_what_the_policy_names_for_it() {
    let policy = policy();
    let mut record = upheld(&policy);
    let investigation_due = due(&record, DeadlineKind::Investigation);
    let final_due = due(&record, DeadlineKind::FinalResponse);
    record.apply(await_courier(), &at(&policy, 20)).unwrap();
    assert_eq!(record.awaiting_third_party_since(), Some(minute(20)));
    assert_eq!(record.awaiting_customer_since(), None);
    assert!(matches!(
        status(&record, DeadlineKind::Investigation),
        DeadlineStatus::Paused { by: WaitingOn::ThirdParty, since, .. } if since == minute(20)
    ));
    assert_eq!(
        status(&record, DeadlineKind::FinalResponse),
        DeadlineStatus::Open
    );
    let reply = ThirdPartyReplied {
        summary: "The parcel is at the depot".into(),
    };
    record.apply(reply, &at(&policy, 200)).unwrap();
    assert_eq!(record.awaiting_third_party_since(), None);
    assert_eq!(
        status(&record, DeadlineKind::Investigation),
        DeadlineStatus::Open
    );
    assert_eq!(
        due(&record, DeadlineKind::Investigation),
        investigation_due + Duration::minutes(180),
        "W5: moved by the three hours waited"
    );
    assert_eq!(due(&record, DeadlineKind::FinalResponse), final_due);
}

/// W5: the two waits are distinct: each reply ends its own wait and resumes
/// only the deadlines that wait paused.
#[test]
fn w5_each_reply_resumes_only_its_own_wait() {
    let policy = policy();
    let mut record = upheld(&policy);
    record.apply(await_courier(), &at(&policy, 20)).unwrap();
    let wait = AwaitCustomer {
        reason: "The delivery address".into(),
    };
    record.apply(wait, &at(&policy, 30)).unwrap();
    assert!(matches!(
        status(&record, DeadlineKind::FinalResponse),
        DeadlineStatus::Paused {
            by: WaitingOn::Customer,
            ..
        }
    ));
    let reply = CustomerReplied {
        summary: "The address is right".into(),
    };
    record.apply(reply, &at(&policy, 40)).unwrap();
    assert_eq!(record.awaiting_customer_since(), None);
    assert_eq!(record.awaiting_third_party_since(), Some(minute(20)));
    assert_eq!(
        status(&record, DeadlineKind::FinalResponse),
        DeadlineStatus::Open
    );
    assert!(matches!(
        status(&record, DeadlineKind::Investigation),
        DeadlineStatus::Paused {
            by: WaitingOn::ThirdParty,
            ..
        }
    ));
    // R7: the history replays to the same deadlines and waits.
    let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
    assert_eq!(replayed.deadlines(), record.deadlines());
    assert_eq!(replayed.awaiting_third_party_since(), Some(minute(20)));
}

/// W5: by default a wait on a third party pauses nothing: the company's
/// partners are its own delay.
#[test]
fn w5_by_default_a_third_party_wait_pauses_nothing() {
    let policy = Policy::builder()
        .judgment(TimeLimit::Hours(48))
        .build()
        .unwrap();
    assert!(
        DeadlineKind::ALL
            .iter()
            .all(|&kind| !policy.pauses_while_waiting_on(WaitingOn::ThirdParty, kind))
    );
    let mut record = upheld(&policy);
    let before = record.deadlines().to_vec();
    let applied = record.apply(await_courier(), &at(&policy, 20)).unwrap();
    assert!(applied[0].decisions().is_empty());
    assert_eq!(record.deadlines(), before.as_slice());
}

/// W5: a second wait on a third party, or a reply nobody was awaited for, is
/// refused and changes nothing.
#[test]
fn w5_waits_and_replies_out_of_turn_are_refused() {
    let policy = policy();
    let mut record = upheld(&policy);
    let reply = ThirdPartyReplied {
        summary: "Nothing asked".into(),
    };
    let refused = record.apply(reply, &at(&policy, 15)).unwrap_err();
    assert_eq!(
        refused,
        TransitionError::Handling(HandlingError::NotAwaitingThirdParty)
    );
    record.apply(await_courier(), &at(&policy, 20)).unwrap();
    let version = record.version();
    let refused = record.apply(await_courier(), &at(&policy, 25)).unwrap_err();
    assert_eq!(
        refused,
        TransitionError::Handling(HandlingError::AlreadyAwaitingThirdParty { since: minute(20) })
    );
    assert_eq!(record.version(), version);
}

/// W5, W6: the wait on a third party is not handling time, and is counted
/// apart from the wait on the customer.
#[test]
fn w5_w6_a_third_party_wait_is_accounted_apart() {
    let policy = policy();
    let mut record = upheld(&policy);
    record.apply(await_courier(), &at(&policy, 20)).unwrap();
    let reply = ThirdPartyReplied {
        summary: "Found".into(),
    };
    record.apply(reply, &at(&policy, 80)).unwrap();
    let accounting = record
        .time_accounting(minute(100), &BusinessCalendar::new(Zone::Utc))
        .unwrap();
    assert_eq!(accounting.waiting_on_third_party.calendar_seconds, 60 * 60);
    assert_eq!(accounting.waiting_on_customer.calendar_seconds, 0);
    // 100 minutes open, 60 of them waiting on the courier.
    assert_eq!(accounting.handling.calendar_seconds, 40 * 60);
}

/// W5: a policy stored before waits on third parties existed (no
/// `paused_while_awaiting_third_party`) loads as pausing nothing for them.
#[test]
fn w5_a_policy_stored_without_third_party_pauses_loads() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/policy/default.json"
    );
    let mut stored: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let removed = stored
        .as_object_mut()
        .unwrap()
        .remove("paused_while_awaiting_third_party");
    assert_eq!(removed, Some(serde_json::json!([])));
    let policy: Policy = serde_json::from_value(stored).unwrap();
    assert_eq!(policy, Policy::default());
}
