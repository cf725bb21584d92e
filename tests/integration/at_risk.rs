//! S4 with W1: the deadlines at risk at the report's time — running past
//! their warning, not due yet — counted per deadline kind and listed.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::deadline::{DeadlineKind, Warning};
use complaint_workflow::event::{AwaitCustomer, Dismiss};
use complaint_workflow::report::{BreachReport, Period};
use complaint_workflow::time::{TimeLimit, Zone};
use complaint_workflow::{Complainant, ComplaintRecord, Context, Policy, Severity};

use super::support::{accept_of, agent, minute};

/// A judgment within 4 hours, warned an hour before; a final response
/// within 10 hours, warned at half time; both paused while the customer is
/// awaited.
fn policy() -> Policy {
    Policy::builder()
        .judgment(TimeLimit::Hours(4))
        .final_response(TimeLimit::Hours(10))
        .warning(
            DeadlineKind::Judgment,
            Some(Warning::LeadTime { minutes: 60 }),
        )
        .warning(
            DeadlineKind::FinalResponse,
            Some(Warning::ShareElapsed { percent: 50 }),
        )
        .paused_while_awaiting_customer([DeadlineKind::Judgment, DeadlineKind::FinalResponse])
        .build()
        .unwrap()
}

fn hour(n: i64) -> DateTime<Utc> {
    minute(n * 60)
}

/// A: accepted at 0 h and left. B: accepted at 0 h, the customer awaited
/// from 1 h (paused). C: accepted at 3 h. D: accepted at 0 h, dismissed at
/// 2 h.
fn records(policy: &Policy) -> Vec<ComplaintRecord> {
    let accepted = |id: &str, at| {
        let form = accept_of(Complainant::member(id), at, "repair", Severity::Medium);
        ComplaintRecord::accept(form, &Context::new(agent(), at, policy)).unwrap()
    };
    let a = accepted("a", hour(0));
    let mut b = accepted("b", hour(0));
    b.apply(
        AwaitCustomer {
            reason: "Photos".into(),
        },
        &Context::new(agent(), hour(1), policy),
    )
    .unwrap();
    let c = accepted("c", hour(3));
    let mut d = accepted("d", hour(0));
    d.apply(
        Dismiss {
            reply: "Not our shelf".into(),
        },
        &Context::new(agent(), hour(2), policy),
    )
    .unwrap();
    vec![a, b, c, d]
}

fn november() -> Period {
    Period::month(2026, 11, Zone::Utc).unwrap()
}

/// S4, W1: at 6 h, A's final response (due 10 h, warned 5 h) and C's
/// judgment (due 7 h, warned 6 h) are at risk; A's judgment is missed (due
/// 4 h), B's deadlines are paused, C's final response warns at 8 h, D's are
/// met. Listed by due time; shown in the text and in their own CSV.
#[test]
fn s4_w1_counts_and_lists_the_deadlines_at_risk() {
    let policy = policy();
    let records = records(&policy);
    let report = BreachReport::compute(&records, &november(), hour(6));
    assert_eq!(report.tally(DeadlineKind::FinalResponse).at_risk, 1);
    assert_eq!(report.tally(DeadlineKind::Judgment).at_risk, 1);
    assert_eq!(report.tally(DeadlineKind::Judgment).still_open, 1);
    assert_eq!(report.overall().at_risk, 2);
    let lines: Vec<_> = report
        .at_risk
        .iter()
        .map(|line| (line.complaint, line.kind, line.warned_at, line.due))
        .collect();
    assert_eq!(
        lines,
        [
            (records[2].id(), DeadlineKind::Judgment, hour(6), hour(7)),
            (
                records[0].id(),
                DeadlineKind::FinalResponse,
                hour(5),
                hour(10)
            ),
        ]
    );
    let csv = report.at_risk_to_csv();
    let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(rows[0], "complaint,deadline,kind,warned_at,due");
    assert_eq!(
        rows[1],
        format!(
            "{},2,judgment,2026-11-23T15:00:00Z,2026-11-23T16:00:00Z",
            records[2].id()
        )
    );
    assert_eq!(rows.len(), 3);
    assert!(report.to_csv().contains("\r\njudgment,4,1,1,0,0,1,2,1,0,"));
    let text = report.to_string();
    assert!(
        text.contains(&format!(
            "{}        #3  final_response  2026-11-23T14:00:00Z  2026-11-23T19:00:00Z",
            records[0].id()
        )),
        "{text}"
    );
}

/// W1: at every hour from 0 to 14, the count of each kind equals a count by
/// hand: running, warned by then and not due yet; the merge of the
/// reports over two halves of the records counts and lists the same.
#[test]
fn w1_at_risk_counts_equal_a_count_by_hand_at_every_hour() {
    let policy = policy();
    let records = records(&policy);
    for n in 0..=14 {
        let now = hour(n);
        let report = BreachReport::compute(&records, &november(), now);
        for kind in [DeadlineKind::Judgment, DeadlineKind::FinalResponse] {
            let by_hand = records
                .iter()
                .flat_map(|record| record.deadlines())
                .filter(|d| d.kind() == kind && d.is_open())
                .filter(|d| d.warns_at().is_some_and(|warns| warns <= now) && now <= d.due())
                .count() as u64;
            assert_eq!(report.tally(kind).at_risk, by_hand, "{kind} at {n} h");
        }
        let (left, right) = records.split_at(2);
        let merged = BreachReport::compute(left, &november(), now).merge(BreachReport::compute(
            right,
            &november(),
            now,
        ));
        assert_eq!(merged.by_kind, report.by_kind);
        assert_eq!(merged.at_risk, report.at_risk);
        assert_eq!(
            report.at_risk.len() as u64,
            report.overall().at_risk,
            "the list holds the counted ones"
        );
    }
    // At 4 h 30 m A's judgment is past due: breached, not at risk.
    let report = BreachReport::compute(&records, &november(), hour(4) + Duration::minutes(30));
    assert!(
        report
            .at_risk
            .iter()
            .all(|line| !(line.complaint == records[0].id() && line.kind == DeadlineKind::Judgment))
    );
}
