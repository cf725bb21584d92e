//! W2: time limits chosen by the case: ordered target rules over severity,
//! category, channel and membership, first match wins, the rule book's
//! numbers when none matches; the chosen due time is recorded.

use chrono::Duration;
use complaint_workflow::deadline::DeadlineKind;
use complaint_workflow::event::Accept;
use complaint_workflow::policy::{Conditions, PolicyError, TargetFacts, TargetRule};
use complaint_workflow::time::TimeLimit;
use complaint_workflow::{
    Category, Channel, Complainant, ComplaintRecord, Context, Policy, Severity, StageKind,
};
use proptest::prelude::*;

use super::support::{agent, minute, steps_to};

fn rule(kind: DeadlineKind, when: Conditions, limit: TimeLimit) -> TargetRule {
    TargetRule { kind, when, limit }
}

/// Critical complaints first, then billing complaints, then the default.
fn policy() -> Policy {
    Policy::builder()
        .final_response(TimeLimit::CalendarDays(56))
        .target(rule(
            DeadlineKind::FinalResponse,
            Conditions {
                severity_at_least: Some(Severity::Critical),
                ..Conditions::default()
            },
            TimeLimit::BusinessDays(2),
        ))
        .target(rule(
            DeadlineKind::FinalResponse,
            Conditions {
                categories: [Category::new("billing")].into(),
                ..Conditions::default()
            },
            TimeLimit::BusinessDays(5),
        ))
        // Members are followed up within a day.
        .target(rule(
            DeadlineKind::FollowUp,
            Conditions {
                member: Some(true),
                ..Conditions::default()
            },
            TimeLimit::CalendarDays(1),
        ))
        .build()
        .expect("a valid policy")
}

fn complaint(policy: &Policy, severity: Severity, category: &str, member: bool) -> ComplaintRecord {
    let complainant = if member {
        Complainant::member("customer-42")
    } else {
        Complainant::new("customer-42")
    };
    let accept = Accept {
        complainant,
        received_at: minute(0),
        channel: Channel::Phone,
        content: "Charged twice".into(),
        category: Category::new(category),
        severity,
    };
    ComplaintRecord::accept(accept, &Context::new(agent(), minute(0), policy)).unwrap()
}

fn due_in(record: &ComplaintRecord, kind: DeadlineKind) -> Duration {
    let deadline = record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == kind)
        .expect("the deadline is open");
    deadline.due() - deadline.started_at()
}

/// W2: the first rule whose conditions hold gives the limit; the policy's own
/// value applies when none does.
#[test]
fn w2_the_first_matching_rule_gives_the_limit() {
    let policy = policy();
    // Received Monday 09:00: two business days end Wednesday 09:00, five the next Monday.
    let rows = [
        (
            "critical billing: the first rule",
            Severity::Critical,
            "billing",
            Duration::days(2),
        ),
        (
            "medium billing: the second rule",
            Severity::Medium,
            "billing",
            Duration::days(7),
        ),
        (
            "medium repair: the policy's 56 days",
            Severity::Medium,
            "repair",
            Duration::days(56),
        ),
    ];
    for (case, severity, category, expected) in rows {
        let record = complaint(&policy, severity, category, false);
        assert_eq!(
            due_in(&record, DeadlineKind::FinalResponse),
            expected,
            "W2: {case}"
        );
    }
}

/// W2: a member's follow-up is due within a day, everyone else's within the
/// rule book's three days.
#[test]
fn w2_members_are_followed_up_within_a_day() {
    let policy = policy();
    for (member, days) in [(true, 1), (false, 3)] {
        let mut record = complaint(&policy, Severity::Low, "repair", member);
        for step in steps_to(StageKind::Executed) {
            record
                .apply(step.event, &Context::new(step.actor, step.at, &policy))
                .unwrap();
        }
        assert_eq!(
            due_in(&record, DeadlineKind::FollowUp),
            Duration::days(days),
            "W2: member {member}"
        );
    }
}

/// W2, R7: the chosen due time is recorded when the deadline opens: the
/// stored history replays to it without the rules.
#[test]
fn w2_the_chosen_limit_is_recorded_in_the_history() {
    let policy = policy();
    let record = complaint(&policy, Severity::Critical, "billing", false);
    let json = serde_json::to_string(&record).unwrap();
    assert!(json.contains(r#""kind":"final_response""#), "{json}");
    let loaded: ComplaintRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(
        due_in(&loaded, DeadlineKind::FinalResponse),
        Duration::days(2)
    );
}

/// W2: rules that cannot time anything are refused with the rule named.
#[test]
fn w2_rules_that_cannot_time_anything_are_refused() {
    let event_timed = Policy::builder()
        .target(rule(
            DeadlineKind::FinalResponse,
            Conditions::default(),
            TimeLimit::Hours(4),
        ))
        .target(rule(
            DeadlineKind::CallbackPromised,
            Conditions::default(),
            TimeLimit::Hours(4),
        ))
        .build();
    assert_eq!(
        event_timed,
        Err(PolicyError::TargetNotTimedByPolicy {
            index: 1,
            kind: DeadlineKind::CallbackPromised
        })
    );
    let zero = Policy::builder()
        .target(rule(
            DeadlineKind::FinalResponse,
            Conditions::default(),
            TimeLimit::Hours(0),
        ))
        .build();
    assert_eq!(
        zero,
        Err(PolicyError::ZeroLimit {
            field: "targets[0].limit".into()
        })
    );
}

fn severities() -> impl Strategy<Value = Severity> {
    prop::sample::select(Severity::ALL.to_vec())
}

fn conditions() -> impl Strategy<Value = Conditions> {
    (
        prop::option::of(severities()),
        prop::collection::btree_set(prop::sample::select(vec!["a", "b", "c"]), 0..3),
        prop::collection::btree_set(prop::sample::select(Channel::ALL.to_vec()), 0..3),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(severity_at_least, categories, channels, member)| Conditions {
                severity_at_least,
                categories: categories.into_iter().map(Category::new).collect(),
                channels,
                member,
            },
        )
}

const KINDS: [DeadlineKind; 4] = [
    DeadlineKind::FirstResponse,
    DeadlineKind::FinalResponse,
    DeadlineKind::FollowUp,
    DeadlineKind::ProgressUpdate,
];

proptest! {
    /// W2: the limit the policy chooses equals a brute-force evaluation of
    /// its rules in order, and the policy's own value when none holds.
    #[test]
    fn w2_targets_chosen_equal_a_brute_force_evaluation(
        rules in prop::collection::vec(
            (prop::sample::select(KINDS.to_vec()), conditions(), 1u32..100),
            0..8,
        ),
        severity in severities(),
        category in prop::sample::select(vec!["a", "b", "c"]),
        channel in prop::sample::select(Channel::ALL.to_vec()),
        member in any::<bool>(),
    ) {
        let mut builder = Policy::builder().progress_updates(Some(TimeLimit::BusinessDays(9)));
        for (kind, when, hours) in &rules {
            builder = builder.target(rule(*kind, when.clone(), TimeLimit::Hours(*hours)));
        }
        let with_rules = builder.build().unwrap();
        let without = Policy::builder()
            .progress_updates(Some(TimeLimit::BusinessDays(9)))
            .build()
            .unwrap();
        let facts = TargetFacts { severity, category: Category::new(category), channel, member };
        for kind in KINDS {
            // Every condition checked on its own, the rules in their order.
            let brute = rules.iter().find(|(rule_kind, when, _)| {
                let severity_holds = match when.severity_at_least {
                    None => true,
                    Some(least) => Severity::ALL.iter().position(|s| *s == severity)
                        >= Severity::ALL.iter().position(|s| *s == least),
                };
                let category_holds = when.categories.is_empty()
                    || when.categories.iter().any(|c| c.as_str() == category);
                let channel_holds = when.channels.is_empty() || when.channels.contains(&channel);
                let member_holds = when.member.is_none() || when.member == Some(member);
                *rule_kind == kind && severity_holds && category_holds && channel_holds && member_holds
            });
            let expected = match brute {
                Some((_, _, hours)) => Some(TimeLimit::Hours(*hours)),
                None => without.time_limit(kind, channel),
            };
            prop_assert_eq!(with_rules.time_limit_for(kind, &facts), expected, "{}", kind);
        }
    }
}
