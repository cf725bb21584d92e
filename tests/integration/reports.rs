//! The reports (S1–S4) over a small fixed set of histories, with every
//! expected number worked out by hand from the histories below; their text
//! and CSV forms; the periods (S3) at local midnights.
//!
//! The fixed set, all under the default policy (phone answered within 3
//! minutes, online within 5, follow-up within 3 days, quiet hours 21:00 to
//! 09:00 UTC), times in UTC, 2026:
//!
//! | complaint | received | path | what matters |
//! |-----------|----------|------|--------------|
//! | c1 member, phone, delivery, medium | 11-10 09:00 | accepted 09:02, upheld (logistics) 10:00, investigated (logistics) 11-11 09:00, proposed 10:00, approved 11:00, executed 11-12 09:00, follow-up reached 10:00, dissatisfied 10:05, reviewed 11:00, closed 12:00 | every milestone |
//! | c2 non-member, online, billing, low | 11-11 09:00 | accepted 09:01, dismissed 09:31, follow-up missed 10:00, reached 14:30, neutral 14:35, reviewed 15:00 | two attempts |
//! | c3 member, phone, repair, high | 11-12 09:00 | accepted 09:10 (7 minutes late), upheld (repairs) 09:30 (investigation due 11-14 09:30), withdrawn 10:00 | first response met late, investigation cancelled in time |
//! | c4 member, email, delivery, medium | 11-20 09:00 | accepted 09:01, upheld (logistics) 10:00 (investigation due 11-22 10:00) | still open past due |
//! | c5 member, phone, missing_part, low | 11-20 12:00 | accepted 12:01, resolved on first contact 12:03 (T5) | follow-up due 11-23 12:03, never attempted |
//! | c6 member, letter, billing, medium | 10-31 23:00 | accepted 23:05, dismissed 11-02 10:00, follow-up reached 11-03 10:00, satisfied 10:05 | received in October, followed up in November |
//! | c7 non-member, SMS, billing, low | 11-15 09:00 | accepted 09:01, dismissed 11:00, three missed attempts 11:30, 15:30, 19:30, given up 19:35 | exhausted (F5) |
//! | c8 member, phone, repair, medium | 11-27 09:00 | accepted 09:01, upheld (repairs) 09:30 (investigation due 11-29 09:30) | not due yet on 11-28 |
//! | c9 non-member, phone, delivery, medium | 11-05 09:00 | accepted 09:01, upheld (logistics) 09:30 (investigation due 11-06 09:30), withdrawn 11-07 09:30 | investigation cancelled a day late |

use std::sync::LazyLock;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Event, Policy,
    Severity,
    deadline::{BreachState, DeadlineKind},
    event::{
        Accept, Accountability, Approve, AttemptFollowUp, Close, CompleteFollowUp, ContactMethod,
        CustomerNotification, CustomerSignature, Dismiss, Evaluation, Execute, Findings,
        FollowUpOutcome, GiveUpFollowUp, Investigate, Propose, RemedyOption, ResolveOnFirstContact,
        Responsibility, ResponsibleParty, Review, RootCause, Satisfaction, Uphold, Withdraw,
    },
    report::{
        BreachReport, ClassificationReport, ComplaintOutcome, Durations, FollowUpSummary,
        Milestone, Period, PeriodError, Ratio,
    },
    time::Zone,
};

// ---- Building histories -------------------------------------------------

/// The policy of every report test: the defaults.
pub static POLICY: LazyLock<Policy> = LazyLock::new(Policy::default);

/// A time in UTC.
pub fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .unwrap()
}

/// The agent who takes and handles every complaint.
pub fn agent() -> Actor {
    Actor::agent("agent-7")
}

/// The supervisor who approves and reviews.
pub fn supervisor() -> Actor {
    Actor::supervisor("supervisor-1")
}

/// A complaint being built, one event at a time, through the public API.
pub struct Walk {
    record: ComplaintRecord,
}

impl Walk {
    /// R1: accepted by the agent at `accepted_at`.
    pub fn accept(
        complainant: Complainant,
        channel: Channel,
        category: &str,
        severity: Severity,
        received_at: DateTime<Utc>,
        accepted_at: DateTime<Utc>,
    ) -> Self {
        let accept = Accept {
            complainant,
            received_at,
            channel,
            content: "What the customer said".into(),
            category: Category::new(category),
            severity,
        };
        let record = ComplaintRecord::accept(accept, &Context::new(agent(), accepted_at, &POLICY))
            .unwrap_or_else(|error| panic!("accepting: {error}"));
        Self { record }
    }

    /// `event` fired by `actor` at `at`.
    pub fn then(mut self, actor: Actor, at: DateTime<Utc>, event: impl Into<Event>) -> Self {
        let event = event.into();
        let kind = event.kind();
        if let Err(error) = self.record.apply(event, &Context::new(actor, at, &POLICY)) {
            panic!("`{kind}` at {at} refused: {error}");
        }
        self
    }

    /// `event` fired by the agent at `at`.
    pub fn agent(self, at: DateTime<Utc>, event: impl Into<Event>) -> Self {
        self.then(agent(), at, event)
    }

    /// `event` fired by the supervisor at `at`.
    pub fn supervisor(self, at: DateTime<Utc>, event: impl Into<Event>) -> Self {
        self.then(supervisor(), at, event)
    }

    /// The record as it is now.
    pub fn record(&self) -> &ComplaintRecord {
        &self.record
    }

    /// The record built.
    pub fn done(self) -> ComplaintRecord {
        self.record
    }
}

/// R2: upheld against `department`, the investigation due at `due`.
pub fn uphold(department: &str, due: DateTime<Utc>) -> Uphold {
    Uphold {
        responsible_department: Department::new(department),
        investigation_due: due,
    }
}

/// R2: dismissed with a reply.
pub fn dismiss() -> Dismiss {
    Dismiss {
        reply: "The terms cover this; we explained them".into(),
    }
}

/// R3: findings with `root_cause` and one responsible person.
pub fn investigate(root_cause: RootCause) -> Investigate {
    Investigate {
        findings: Findings {
            root_cause,
            description: "What was found".into(),
            responsible_parties: vec![ResponsibleParty {
                person: "staff-11".into(),
                department: Department::new("logistics"),
                responsibility: Responsibility::Direct,
            }],
        },
    }
}

/// R4: one remedy option.
pub fn propose() -> Propose {
    Propose {
        options: vec![RemedyOption {
            description: "Send the parcel again, free of charge".into(),
            compensation: None,
        }],
    }
}

/// R4: the first option approved.
pub fn approve() -> Approve {
    Approve { option: 1 }
}

/// R5: executed at `at`, notified and signed a minute before.
pub fn execute(at: DateTime<Utc>) -> Execute {
    Execute {
        accountability: vec![Accountability {
            person: "staff-11".into(),
            rule: "Handbook 2.1".into(),
            penalty: "Retraining".into(),
        }],
        notification: CustomerNotification {
            method: ContactMethod::Phone,
            at: at - Duration::minutes(1),
        },
        signature: Some(CustomerSignature {
            reference: "signed.pdf".into(),
            signed_at: at - Duration::minutes(1),
        }),
        feedback: None,
    }
}

/// T5: resolved on the first contact.
pub fn resolve() -> ResolveOnFirstContact {
    ResolveOnFirstContact {
        remedy: RemedyOption {
            description: "The missing part is sent today".into(),
            compensation: None,
        },
        customer_acceptance: "The customer agreed on the call".into(),
    }
}

/// The customer withdraws.
pub fn withdraw() -> Withdraw {
    Withdraw {
        reason: "Settled with the shop".into(),
    }
}

/// R6: a review.
pub fn review() -> Review {
    Review {
        summary: "Handled".into(),
        evaluation: Evaluation::Effective,
        improvement_actions: vec![],
    }
}

/// R7: closed.
pub fn close() -> Close {
    Close { note: None }
}

/// F1: a follow-up call that did or did not reach the customer.
pub fn attempt(reached: bool) -> AttemptFollowUp {
    AttemptFollowUp {
        method: ContactMethod::Phone,
        reached,
        note: None,
    }
}

/// F2, F3: the follow-up record with `outcome`.
pub fn complete(outcome: FollowUpOutcome) -> CompleteFollowUp {
    CompleteFollowUp {
        method: ContactMethod::Phone,
        outcome,
    }
}

/// F5: given up after every attempt missed.
pub fn give_up() -> GiveUpFollowUp {
    GiveUpFollowUp {
        note: "Three calls, no answer".into(),
    }
}

// ---- The fixed set -------------------------------------------------------

/// The fixed set of the module docs, `c1` to `c9` in that order.
fn fixed_set() -> Vec<ComplaintRecord> {
    let c1 = Walk::accept(
        Complainant::member("c1"),
        Channel::Phone,
        "delivery",
        Severity::Medium,
        utc(2026, 11, 10, 9, 0),
        utc(2026, 11, 10, 9, 2),
    )
    .agent(
        utc(2026, 11, 10, 10, 0),
        uphold("logistics", utc(2026, 11, 12, 10, 0)),
    )
    .agent(utc(2026, 11, 11, 9, 0), investigate(RootCause::Logistics))
    .agent(utc(2026, 11, 11, 10, 0), propose())
    .supervisor(utc(2026, 11, 11, 11, 0), approve())
    .agent(utc(2026, 11, 12, 9, 0), execute(utc(2026, 11, 12, 9, 0)))
    .agent(utc(2026, 11, 12, 10, 0), attempt(true))
    .agent(
        utc(2026, 11, 12, 10, 5),
        complete(FollowUpOutcome::Dissatisfied {
            to_improve: "Delivery was late".into(),
        }),
    )
    .supervisor(utc(2026, 11, 12, 11, 0), review())
    .agent(utc(2026, 11, 12, 12, 0), close())
    .done();
    let c2 = Walk::accept(
        Complainant::new("c2"),
        Channel::Online,
        "billing",
        Severity::Low,
        utc(2026, 11, 11, 9, 0),
        utc(2026, 11, 11, 9, 1),
    )
    .agent(utc(2026, 11, 11, 9, 31), dismiss())
    .agent(utc(2026, 11, 11, 10, 0), attempt(false))
    .agent(utc(2026, 11, 11, 14, 30), attempt(true))
    .agent(
        utc(2026, 11, 11, 14, 35),
        complete(FollowUpOutcome::Neutral {
            to_improve: "  delivery \n  was LATE ".into(),
        }),
    )
    .supervisor(utc(2026, 11, 11, 15, 0), review())
    .done();
    let c3 = Walk::accept(
        Complainant::member("c3"),
        Channel::Phone,
        "repair",
        Severity::High,
        utc(2026, 11, 12, 9, 0),
        utc(2026, 11, 12, 9, 10),
    )
    .agent(
        utc(2026, 11, 12, 9, 30),
        uphold("repairs", utc(2026, 11, 14, 9, 30)),
    )
    .agent(utc(2026, 11, 12, 10, 0), withdraw())
    .done();
    let c4 = Walk::accept(
        Complainant::member("c4"),
        Channel::Email,
        "delivery",
        Severity::Medium,
        utc(2026, 11, 20, 9, 0),
        utc(2026, 11, 20, 9, 1),
    )
    .agent(
        utc(2026, 11, 20, 10, 0),
        uphold("logistics", utc(2026, 11, 22, 10, 0)),
    )
    .done();
    let c5 = Walk::accept(
        Complainant::member("c5"),
        Channel::Phone,
        "missing_part",
        Severity::Low,
        utc(2026, 11, 20, 12, 0),
        utc(2026, 11, 20, 12, 1),
    )
    .agent(utc(2026, 11, 20, 12, 3), resolve())
    .done();
    let c6 = Walk::accept(
        Complainant::member("c6"),
        Channel::Letter,
        "billing",
        Severity::Medium,
        utc(2026, 10, 31, 23, 0),
        utc(2026, 10, 31, 23, 5),
    )
    .agent(utc(2026, 11, 2, 10, 0), dismiss())
    .agent(utc(2026, 11, 3, 10, 0), attempt(true))
    .agent(
        utc(2026, 11, 3, 10, 5),
        complete(FollowUpOutcome::Satisfied {
            suggestions: "Nothing to add".into(),
        }),
    )
    .done();
    let c7 = Walk::accept(
        Complainant::new("c7"),
        Channel::Sms,
        "billing",
        Severity::Low,
        utc(2026, 11, 15, 9, 0),
        utc(2026, 11, 15, 9, 1),
    )
    .agent(utc(2026, 11, 15, 11, 0), dismiss())
    .agent(utc(2026, 11, 15, 11, 30), attempt(false))
    .agent(utc(2026, 11, 15, 15, 30), attempt(false))
    .agent(utc(2026, 11, 15, 19, 30), attempt(false))
    .agent(utc(2026, 11, 15, 19, 35), give_up())
    .done();
    let c8 = Walk::accept(
        Complainant::member("c8"),
        Channel::Phone,
        "repair",
        Severity::Medium,
        utc(2026, 11, 27, 9, 0),
        utc(2026, 11, 27, 9, 1),
    )
    .agent(
        utc(2026, 11, 27, 9, 30),
        uphold("repairs", utc(2026, 11, 29, 9, 30)),
    )
    .done();
    let c9 = Walk::accept(
        Complainant::new("c9"),
        Channel::Phone,
        "delivery",
        Severity::Medium,
        utc(2026, 11, 5, 9, 0),
        utc(2026, 11, 5, 9, 1),
    )
    .agent(
        utc(2026, 11, 5, 9, 30),
        uphold("logistics", utc(2026, 11, 6, 9, 30)),
    )
    .agent(utc(2026, 11, 7, 9, 30), withdraw())
    .done();
    vec![c1, c2, c3, c4, c5, c6, c7, c8, c9]
}

fn november() -> Period {
    Period::month(2026, 11, Zone::Utc).unwrap()
}

fn october() -> Period {
    Period::month(2026, 10, Zone::Utc).unwrap()
}

/// When the breach report of the fixed set is made.
fn as_of() -> DateTime<Utc> {
    utc(2026, 11, 28, 0, 0)
}

fn days(n: i64) -> i64 {
    n * 86_400
}

fn hours(n: i64) -> i64 {
    n * 3_600
}

fn minutes(n: i64) -> i64 {
    n * 60
}

// ---- S1 -------------------------------------------------------------------

/// S1: the November complaints are c1–c5, c7–c9 (c6 was received in
/// October), counted by every dimension; the times to each milestone are the
/// nearest-rank median and 90th percentile of the hand-computed durations.
#[test]
fn s1_classification_counts_by_every_dimension() {
    let records = fixed_set();
    let report = ClassificationReport::compute(&records, &november());

    assert_eq!(report.periods, vec![november()]);
    assert_eq!(report.complaints, 8);
    assert_eq!(report.outcome(ComplaintOutcome::Upheld), 2); // c1, c5 (T5)
    assert_eq!(report.outcome(ComplaintOutcome::Dismissed), 2); // c2, c7
    assert_eq!(report.outcome(ComplaintOutcome::Withdrawn), 2); // c3, c9
    assert_eq!(report.outcome(ComplaintOutcome::Open), 2); // c4, c8

    let by_category: Vec<(&str, u64)> = report
        .by_category
        .iter()
        .map(|(category, &count)| (category.as_str(), count))
        .collect();
    assert_eq!(
        by_category,
        [
            ("billing", 2),
            ("delivery", 3),
            ("missing_part", 1),
            ("repair", 2)
        ]
    );
    assert_eq!(
        report.by_severity.clone().into_iter().collect::<Vec<_>>(),
        [
            (Severity::Low, 3),
            (Severity::Medium, 4),
            (Severity::High, 1)
        ]
    );
    assert_eq!(
        report.by_channel.clone().into_iter().collect::<Vec<_>>(),
        [
            (Channel::Phone, 5),
            (Channel::Online, 1),
            (Channel::Email, 1),
            (Channel::Sms, 1)
        ]
    );
    let by_department: Vec<(&str, u64)> = report
        .by_department
        .iter()
        .map(|(department, &count)| (department.as_str(), count))
        .collect();
    // c3 and c9 were upheld before they were withdrawn; c5 took the fast path.
    assert_eq!(by_department, [("logistics", 3), ("repairs", 2)]);
    assert_eq!(
        report.by_root_cause.clone().into_iter().collect::<Vec<_>>(),
        [(RootCause::Logistics, 1)]
    );

    let times = |milestone| {
        let durations = report.time_to(milestone).unwrap();
        (durations.len(), durations.median(), durations.p90())
    };
    // Judged: c5 3m, c3 30m, c8 30m, c9 30m, c2 31m, c1 1h, c4 1h, c7 2h.
    // Median: rank ⌈0.5 × 8⌉ = 4 → 30m; p90: rank ⌈0.9 × 8⌉ = 8 → 2h.
    assert_eq!(
        report.time_to(Milestone::Judged).unwrap().seconds(),
        [
            minutes(3),
            minutes(30),
            minutes(30),
            minutes(30),
            minutes(31),
            hours(1),
            hours(1),
            hours(2)
        ]
    );
    // Investigated: c1 1d. Approved: c1 1d 2h. Executed: c5 3m (T5), c1 2d
    // (median rank 1, p90 rank 2). Reviewed: c2 6h, c1 2d 2h. Closed: c1 2d 3h.
    #[rustfmt::skip]
    let rows = [
        // id  milestone                reached median              p90
        ("S1", Milestone::Judged,       8,      minutes(30),        hours(2)),
        ("S1", Milestone::Investigated, 1,      days(1),            days(1)),
        ("S1", Milestone::Approved,     1,      days(1) + hours(2), days(1) + hours(2)),
        ("S1", Milestone::Executed,     2,      minutes(3),         days(2)),
        ("S1", Milestone::Reviewed,     2,      hours(6),           days(2) + hours(2)),
        ("S1", Milestone::Closed,       1,      days(2) + hours(3), days(2) + hours(3)),
    ];
    for (rule, milestone, reached, median, p90) in rows {
        assert_eq!(
            times(milestone),
            (reached, Some(median), Some(p90)),
            "{rule}: time to {milestone:?}"
        );
    }

    // October holds only c6.
    let october = ClassificationReport::compute(&records, &october());
    assert_eq!(october.complaints, 1);
    assert_eq!(october.outcome(ComplaintOutcome::Dismissed), 1);
    assert_eq!(
        october
            .time_to(Milestone::Judged)
            .and_then(Durations::median),
        Some(days(1) + hours(11))
    );
}

/// S1: the outcome of each complaint of the fixed set.
#[test]
fn s1_outcome_of_each_complaint() {
    let outcomes: Vec<ComplaintOutcome> = fixed_set().iter().map(ComplaintOutcome::of).collect();
    use ComplaintOutcome::{Dismissed, Open, Upheld, Withdrawn};
    assert_eq!(
        outcomes,
        [
            Upheld, Dismissed, Withdrawn, Open, Upheld, Dismissed, Dismissed, Open, Withdrawn
        ]
    );
}

/// S1: the plain-text table.
#[test]
fn s1_display_is_a_plain_text_table() {
    let report = ClassificationReport::compute(&fixed_set(), &november());
    let expected = "\
S1 complaint classification, received in 2026-11-01T00:00:00Z/2026-12-01T00:00:00Z

dimension   value         count
----------  ------------  -----
total       complaints        8
outcome     upheld            2
outcome     dismissed         2
outcome     withdrawn         2
outcome     open              2
category    billing           2
category    delivery          3
category    missing_part      1
category    repair            2
severity    low               3
severity    medium            4
severity    high              1
channel     phone             5
channel     online            1
channel     email             1
channel     sms               1
department  logistics         3
department  repairs           2
department  (none)            3
root_cause  logistics         1
root_cause  (none)            7

time from receipt to  reached      median         p90
--------------------  -------  ----------  ----------
judged                      8     30m 00s      2h 00m
investigated                1  1d 00h 00m  1d 00h 00m
approved                    1  1d 02h 00m  1d 02h 00m
executed                    2      3m 00s  2d 00h 00m
reviewed                    2      6h 00m  2d 02h 00m
closed                      1  2d 03h 00m  2d 03h 00m
";
    assert_eq!(report.to_string(), expected);
}

/// S1: the CSV, one rectangular table, CRLF line ends.
#[test]
fn s1_csv_lists_counts_and_times() {
    let report = ClassificationReport::compute(&fixed_set(), &november());
    let csv = report.to_csv();
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(
        lines[0],
        "dimension,value,count,median_seconds,p90_seconds,mean_seconds"
    );
    assert_eq!(
        lines[1],
        "period,2026-11-01T00:00:00Z/2026-12-01T00:00:00Z,,,,"
    );
    assert_eq!(lines[2], "total,complaints,8,,,");
    assert!(lines.contains(&"outcome,withdrawn,2,,,"));
    assert!(lines.contains(&"department,(none),3,,,"));
    // The executed times are 180 s and 172 800 s: a mean of 86 490 s.
    assert!(
        lines.contains(&"time_to,executed,2,180,172800,86490"),
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with("time_to,judged,8,1800,7200,")),
        "{csv}"
    );
    assert!(csv.ends_with("\r\n"));
    assert!(
        lines.iter().all(|line| line.matches(',').count() == 5),
        "every row has six fields"
    );
}

/// S1, RFC 4180: a text with a comma, a quote or a line break is quoted,
/// its quotes doubled; the text table keeps each row on one line.
#[test]
fn s1_csv_quotes_texts_with_commas_quotes_and_line_breaks() {
    let received = utc(2026, 11, 2, 9, 0);
    let records = [
        "repair, in warranty",
        "the \"express\" option",
        "two\nlines",
    ]
    .map(|category| {
        Walk::accept(
            Complainant::new("c"),
            Channel::Email,
            category,
            Severity::Low,
            received,
            received,
        )
        .done()
    });
    let report = ClassificationReport::compute(&records, &november());
    let csv = report.to_csv();
    assert!(csv.contains("\r\ncategory,\"repair, in warranty\",1,,,\r\n"));
    assert!(csv.contains("\r\ncategory,\"the \"\"express\"\" option\",1,,,\r\n"));
    assert!(csv.contains("\r\ncategory,\"two\nlines\",1,,,\r\n"));
    let text = report.to_string();
    assert!(text.contains("\ncategory    two lines                 1\n"));
}

// ---- S2 -------------------------------------------------------------------

/// S2: the November follow-ups are those of c1, c2, c6, c7 (done in
/// November) and c5 (pending, handled in November). Coverage 4 of 5 (c7's
/// exhausted follow-up counts as done, F5); members c1, c5, c6: 2 of 3, c5
/// missing. Attempts: c1 1, c2 2, c6 1. The two improvement points are the
/// same text once normalized.
#[test]
fn s2_follow_up_summary_coverage_satisfaction_and_improvement_points() {
    let records = fixed_set();
    let summary = FollowUpSummary::compute(&records, &november());

    assert_eq!(summary.handled, 5);
    assert_eq!(summary.scheduled, 5);
    assert_eq!(summary.not_scheduled(), 0);
    assert_eq!(summary.completed, 3);
    assert_eq!(summary.exhausted, 1);
    assert_eq!(summary.pending(), 1);
    assert_eq!(summary.coverage(), Ratio { part: 4, whole: 5 });
    assert_eq!(summary.coverage().percent().as_deref(), Some("80.0"));
    assert_eq!(summary.member_coverage(), Ratio { part: 2, whole: 3 });
    assert_eq!(summary.member_coverage().percent().as_deref(), Some("66.7"));
    assert_eq!(summary.members_without_follow_up, vec![records[4].id()]);
    assert_eq!(
        summary.attempts.clone().into_iter().collect::<Vec<_>>(),
        [(1, 2), (2, 1)]
    );
    assert_eq!(summary.total_attempts(), 4);
    assert_eq!(
        summary.attempts_per_completed(),
        Ratio { part: 4, whole: 3 }
    );
    assert_eq!(summary.satisfaction(Satisfaction::Satisfied), 1);
    assert_eq!(summary.satisfaction(Satisfaction::Neutral), 1);
    assert_eq!(summary.satisfaction(Satisfaction::Dissatisfied), 1);
    assert_eq!(summary.improvement_points.len(), 1);
    assert_eq!(summary.improvement_points[0].text, "delivery was late");
    assert_eq!(summary.improvement_points[0].count, 2);

    // c6 was received in October but followed up in November: October has nothing.
    let october = FollowUpSummary::compute(&records, &october());
    assert_eq!(october.handled, 0);
    assert_eq!(october.coverage().percent(), None);
}

/// S2: the text and the CSV.
#[test]
fn s2_display_and_csv() {
    let records = fixed_set();
    let summary = FollowUpSummary::compute(&records, &november());
    let c5 = records[4].id();
    let expected = format!(
        "\
S2 follow-up summary, done (or handled, when not done) in 2026-11-01T00:00:00Z/2026-12-01T00:00:00Z

measure                                     value
--------------------------------  ---------------
handled complaints                              5
  follow-up not scheduled                       0
  follow-up scheduled                           5
    completed                                   3
    exhausted (F5)                              1
    pending                                     1
coverage (done / handled)         80.0 % (4 of 5)
members handled                                 3
member coverage (F5: 100 %)       66.7 % (2 of 3)
attempts per completed follow-up             1.33

satisfaction (F3)  count
-----------------  -----
satisfied              1
neutral                1
dissatisfied           1

improvement point  count
-----------------  -----
delivery was late      2

members without a done follow-up (F5)
-------------------------------------
{c5}
"
    );
    assert_eq!(summary.to_string(), expected);

    let csv = summary.to_csv();
    let expected_csv = format!(
        "section,key,value\r\n\
         period,,2026-11-01T00:00:00Z/2026-12-01T00:00:00Z\r\n\
         measure,handled,5\r\n\
         measure,not_scheduled,0\r\n\
         measure,scheduled,5\r\n\
         measure,completed,3\r\n\
         measure,exhausted,1\r\n\
         measure,pending,1\r\n\
         measure,members_handled,3\r\n\
         measure,members_done,2\r\n\
         measure,coverage_percent,80.0\r\n\
         measure,member_coverage_percent,66.7\r\n\
         measure,attempts_per_completed,1.33\r\n\
         attempts,1,2\r\n\
         attempts,2,1\r\n\
         satisfaction,satisfied,1\r\n\
         satisfaction,neutral,1\r\n\
         satisfaction,dissatisfied,1\r\n\
         improvement,delivery was late,2\r\n\
         member_without_follow_up,{c5},\r\n"
    );
    assert_eq!(csv, expected_csv);
}

/// S2, F3: improvement points with a comma or quotes are quoted in the CSV;
/// equal counts are listed alphabetically, the most frequent first.
#[test]
fn s2_improvement_points_are_ranked_and_quoted() {
    let texts = [
        "Slow, unfriendly",
        "said \"wait\"",
        "slow,   UNFRIENDLY",
        "b",
        "a",
    ];
    let records: Vec<ComplaintRecord> = texts
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let day = 2 + u32::try_from(index).unwrap();
            Walk::accept(
                Complainant::new("c"),
                Channel::Email,
                "billing",
                Severity::Low,
                utc(2026, 11, day, 9, 0),
                utc(2026, 11, day, 9, 0),
            )
            .agent(utc(2026, 11, day, 9, 30), dismiss())
            .agent(utc(2026, 11, day, 10, 0), attempt(true))
            .agent(
                utc(2026, 11, day, 10, 5),
                complete(FollowUpOutcome::Dissatisfied {
                    to_improve: (*text).into(),
                }),
            )
            .done()
        })
        .collect();
    let summary = FollowUpSummary::compute(&records, &november());
    let ranked: Vec<(&str, u64)> = summary
        .improvement_points
        .iter()
        .map(|point| (point.text.as_str(), point.count))
        .collect();
    assert_eq!(
        ranked,
        [
            ("slow, unfriendly", 2),
            ("a", 1),
            ("b", 1),
            ("said \"wait\"", 1)
        ]
    );
    let csv = summary.to_csv();
    assert!(csv.contains("\r\nimprovement,\"slow, unfriendly\",2\r\n"));
    assert!(csv.contains("\r\nimprovement,\"said \"\"wait\"\"\",1\r\n"));
}

// ---- S3 -------------------------------------------------------------------

/// S3: a month in Asia/Shanghai runs between local midnights. A complaint
/// received 2026-11-30 23:30 in Shanghai (15:30 UTC) is in November both in
/// Shanghai and in UTC; one received 2026-12-01 00:30 in Shanghai (2026-11-30
/// 16:30 UTC) is in December in Shanghai and in November in UTC.
#[test]
fn s3_month_boundaries_follow_the_zone() {
    let shanghai = Zone::iana("Asia/Shanghai").unwrap();
    let november_shanghai = Period::month(2026, 11, shanghai).unwrap();
    assert_eq!(november_shanghai.start(), utc(2026, 10, 31, 16, 0));
    assert_eq!(november_shanghai.end(), utc(2026, 11, 30, 16, 0));

    let received = |at| {
        Walk::accept(
            Complainant::new("c"),
            Channel::Email,
            "delivery",
            Severity::Low,
            at,
            at,
        )
        .done()
    };
    let late_evening = received(utc(2026, 11, 30, 15, 30));
    let after_midnight = received(utc(2026, 11, 30, 16, 30));
    let records = [late_evening, after_midnight];

    // The same in days: 2026-11-30 in Shanghai holds the first, 12-01 the second.
    let day = |d| {
        Period::day(
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap() + Duration::days(d),
            shanghai,
        )
        .unwrap()
    };
    #[rustfmt::skip]
    let rows = [
        // id  case                      period                                       complaints
        ("S3", "November in Shanghai",   november_shanghai,                           1),
        ("S3", "December in Shanghai",   Period::month(2026, 12, shanghai).unwrap(),  1),
        ("S3", "November in UTC",        november(),                                  2),
        ("S3", "December in UTC",        Period::month(2026, 12, Zone::Utc).unwrap(), 0),
        ("S3", "2026-11-30 in Shanghai", day(0),                                      1),
        ("S3", "2026-12-01 in Shanghai", day(1),                                      1),
    ];
    for (rule, case, period, complaints) in rows {
        let count = ClassificationReport::compute(&records, &period).complaints;
        assert_eq!(count, complaints, "{rule}: {case}");
    }
}

/// S3: days, weeks and months in other zones, and the periods that cannot be.
#[test]
fn s3_days_weeks_and_months() {
    let new_york = Zone::iana("America/New_York").unwrap();
    // 2026-11-01 in New York has 25 hours (the clocks go back at 02:00).
    let fall_back = Period::day(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), new_york).unwrap();
    assert_eq!(fall_back.start(), utc(2026, 11, 1, 4, 0));
    assert_eq!(fall_back.end() - fall_back.start(), Duration::hours(25));

    // The ISO week of Wednesday 2026-11-25 runs from Monday 11-23 to Monday 11-30.
    let week = Period::week(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), Zone::Utc).unwrap();
    assert_eq!(
        (week.start(), week.end()),
        (utc(2026, 11, 23, 0, 0), utc(2026, 11, 30, 0, 0))
    );
    assert_eq!(Period::iso_week(2026, 48, Zone::Utc).unwrap(), week);
    // 2026 starts on a Thursday and has 53 ISO weeks; 2027 has 52.
    assert!(Period::iso_week(2026, 53, Zone::Utc).is_ok());
    assert_eq!(
        Period::iso_week(2027, 53, Zone::Utc),
        Err(PeriodError::NoSuchWeek {
            year: 2027,
            week: 53
        })
    );
    assert_eq!(
        Period::month(2026, 13, Zone::Utc),
        Err(PeriodError::NoSuchMonth {
            year: 2026,
            month: 13
        })
    );
    let (start, end) = (utc(2026, 11, 2, 0, 0), utc(2026, 11, 1, 0, 0));
    assert_eq!(
        Period::range(start, end),
        Err(PeriodError::EndBeforeStart { start, end })
    );

    // The end is excluded, the start included.
    let december = Period::month(2026, 12, Zone::Utc).unwrap();
    assert!(december.contains(utc(2026, 12, 1, 0, 0)));
    assert!(!november().contains(utc(2026, 12, 1, 0, 0)));

    // Stored as its two instants, checked on load.
    let json = serde_json::to_string(&december).unwrap();
    assert_eq!(
        json,
        r#"{"start":"2026-12-01T00:00:00Z","end":"2027-01-01T00:00:00Z"}"#
    );
    assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), december);
    let reversed = r#"{"start":"2027-01-01T00:00:00Z","end":"2026-12-01T00:00:00Z"}"#;
    assert!(serde_json::from_str::<Period>(reversed).is_err());
}

// ---- S4 -------------------------------------------------------------------

/// S4: the binding deadlines due in November, as of 2026-11-28 00:00.
///
/// - First response (phone 3 min, online 5 min): c1, c2, c5, c8, c9 on time;
///   c3 answered 7 minutes late.
/// - Investigation: c1 on time; c3 cancelled before due (withdrawn 11-12,
///   due 11-14); c4 still open since 11-22 10:00 (5d 14h); c8 due 11-29,
///   pending; c9 cancelled a day late (due 11-06 09:30, withdrawn 11-07 09:30).
/// - Follow-up (3 days): c1, c2, c6, c7 done in time (c7 given up, F5);
///   c5 due 11-23 12:03, still open (4d 11h 57m).
#[test]
fn s4_breaches_per_deadline_kind() {
    let records = fixed_set();
    let report = BreachReport::compute(&records, &november(), as_of());
    assert_eq!(report.as_of, as_of());
    assert_eq!(
        report.by_kind.keys().copied().collect::<Vec<_>>(),
        [
            DeadlineKind::FirstResponse,
            DeadlineKind::Investigation,
            DeadlineKind::FollowUp
        ]
    );

    let c5_overdue = days(4) + hours(11) + minutes(57);
    // Each kind (and all of them, `None`) by how its deadlines stand: the
    // counts are total, met on time, met late, cancelled late, still open,
    // pending and cancelled. Three days later c8's investigation is past due
    // too, and the open breaches have grown.
    use DeadlineKind::{FirstResponse, FollowUp, Investigation};
    let later = utc(2026, 12, 1, 0, 0);
    #[rustfmt::skip]
    let rows = [
        // id  case                   as of    kind                 counts                   breached worst                overdue in all
        ("S4", "first response",      as_of(), Some(FirstResponse), [ 6,  5, 1, 0, 0, 0, 0], 1,       minutes(7),          minutes(7)),
        ("S4", "investigation",       as_of(), Some(Investigation), [ 5,  1, 0, 1, 1, 1, 1], 2,       days(5) + hours(14), days(5) + hours(14) + days(1)),
        ("S4", "follow-up",           as_of(), Some(FollowUp),      [ 5,  4, 0, 0, 1, 0, 0], 1,       c5_overdue,          c5_overdue),
        ("S4", "overall",             as_of(), None,                [16, 10, 1, 1, 2, 1, 1], 4,       days(5) + hours(14), minutes(7) + days(6) + hours(14) + c5_overdue),
        ("S4", "investigation later", later,   Some(Investigation), [ 5,  1, 0, 1, 2, 0, 1], 3,       days(8) + hours(14), days(8) + hours(14) + days(1) + days(1) + hours(14) + minutes(30)),
    ];
    for (rule, case, now, kind, counts, breached, worst, overdue) in rows {
        let report = BreachReport::compute(&records, &november(), now);
        let tally = kind.map_or_else(|| report.overall(), |kind| report.tally(kind));
        let got = [
            tally.total,
            tally.met_on_time,
            tally.met_late,
            tally.cancelled_late,
            tally.still_open,
            tally.pending,
            tally.cancelled,
        ];
        assert_eq!(got, counts, "{rule}: {case}");
        assert_eq!(tally.breached(), breached, "{rule}: {case}");
        assert_eq!(tally.worst_overdue_seconds, worst, "{rule}: {case}");
        assert_eq!(tally.total_overdue_seconds, overdue, "{rule}: {case}");
    }

    // The breaches by due time: c9's investigation, c3's first response, c4's
    // investigation, c5's follow-up.
    let list: Vec<_> = report
        .breaches
        .iter()
        .map(|line| {
            (
                line.complaint,
                line.breach.kind,
                line.breach.due,
                line.breach.overdue_seconds,
                line.breach.state,
            )
        })
        .collect();
    assert_eq!(
        list,
        [
            (
                records[8].id(),
                DeadlineKind::Investigation,
                utc(2026, 11, 6, 9, 30),
                days(1),
                BreachState::CancelledLate {
                    at: utc(2026, 11, 7, 9, 30)
                }
            ),
            (
                records[2].id(),
                DeadlineKind::FirstResponse,
                utc(2026, 11, 12, 9, 3),
                minutes(7),
                BreachState::MetLate {
                    at: utc(2026, 11, 12, 9, 10)
                }
            ),
            (
                records[3].id(),
                DeadlineKind::Investigation,
                utc(2026, 11, 22, 10, 0),
                days(5) + hours(14),
                BreachState::StillOpen
            ),
            (
                records[4].id(),
                DeadlineKind::FollowUp,
                utc(2026, 11, 23, 12, 3),
                c5_overdue,
                BreachState::StillOpen
            ),
        ]
    );
}

/// S4: the text and the two CSVs.
#[test]
fn s4_display_and_csv() {
    let records = fixed_set();
    let report = BreachReport::compute(&records, &november(), as_of());
    let id = |index: usize| records[index].id().to_string();
    let expected = format!(
        "\
S4 deadline breaches, due in 2026-11-01T00:00:00Z/2026-12-01T00:00:00Z, as of 2026-11-28T00:00:00Z

deadline        due  on time  breached  met late  cancelled late  still open  pending  at risk  cancelled  worst overdue
--------------  ---  -------  --------  --------  --------------  ----------  -------  -------  ---------  -------------
first_response    6        5         1         1               0           0        0        0          0         7m 00s
investigation     5        1         2         0               1           1        1        0          1     5d 14h 00m
follow_up         5        4         1         0               0           1        0        0          0     4d 11h 57m
total            16       10         4         1               1           2        1        0          1     5d 14h 00m

complaint                             deadline  kind            due                      overdue  state
------------------------------------  --------  --------------  --------------------  ----------  --------------
{c9}        #2  investigation   2026-11-06T09:30:00Z  1d 00h 00m  cancelled_late
{c3}        #1  first_response  2026-11-12T09:03:00Z      7m 00s  met_late
{c4}        #1  investigation   2026-11-22T10:00:00Z  5d 14h 00m  still_open
{c5}        #2  follow_up       2026-11-23T12:03:00Z  4d 11h 57m  still_open

at risk (W1): none
",
        c9 = id(8),
        c3 = id(2),
        c4 = id(3),
        c5 = id(4),
    );
    assert_eq!(report.to_string(), expected);

    assert_eq!(
        report.to_csv(),
        "kind,total,met_on_time,breached,met_late,cancelled_late,still_open,pending,at_risk,cancelled,worst_overdue_seconds,total_overdue_seconds\r\n\
         first_response,6,5,1,1,0,0,0,0,0,420,420\r\n\
         investigation,5,1,2,0,1,1,1,0,1,482400,568800\r\n\
         follow_up,5,4,1,0,0,1,0,0,0,388620,388620\r\n"
    );
    let breaches = report.breaches_to_csv();
    let lines: Vec<&str> = breaches.split_terminator("\r\n").collect();
    assert_eq!(
        lines[0],
        "complaint,deadline,kind,due,overdue_seconds,state,ended_at"
    );
    assert_eq!(
        lines[1],
        format!(
            "{},2,investigation,2026-11-06T09:30:00Z,86400,cancelled_late,2026-11-07T09:30:00Z",
            id(8)
        )
    );
    assert_eq!(
        lines[4],
        format!(
            "{},2,follow_up,2026-11-23T12:03:00Z,388620,still_open,",
            id(4)
        )
    );
    assert_eq!(lines.len(), 5);
}

/// S1, S2, S4: the reports are serde data and load back equal.
#[test]
fn reports_round_trip_through_json() {
    let records = fixed_set();
    let s1 = ClassificationReport::compute(&records, &november());
    let s2 = FollowUpSummary::compute(&records, &november());
    let s4 = BreachReport::compute(&records, &november(), as_of());
    let json = serde_json::to_string(&s1).unwrap();
    assert!(json.contains(r#""by_outcome":{"upheld":2,"dismissed":2,"withdrawn":2,"open":2}"#));
    assert!(json.contains(r#""judged":[180,1800,1800,1800,1860,3600,3600,7200]"#));
    assert_eq!(
        serde_json::from_str::<ClassificationReport>(&json).unwrap(),
        s1
    );
    let json = serde_json::to_string(&s2).unwrap();
    assert_eq!(serde_json::from_str::<FollowUpSummary>(&json).unwrap(), s2);
    let json = serde_json::to_string(&s4).unwrap();
    assert_eq!(serde_json::from_str::<BreachReport>(&json).unwrap(), s4);
}

/// S2: a share is its part over its whole, as a fraction and in percent
/// rounded half up, and nothing at all of an empty whole.
#[test]
fn s2_a_ratio_is_a_fraction_and_a_percentage() {
    #[rustfmt::skip]
    let rows = [
        // id  case           part whole fraction         percent
        ("S2", "two thirds",  2,   3,    Some(2.0 / 3.0), Some("66.7")),
        ("S2", "all",         4,   4,    Some(1.0),       Some("100.0")),
        ("S2", "none",        0,   5,    Some(0.0),       Some("0.0")),
        ("S2", "empty whole", 0,   0,    None,            None),
    ];
    for (rule, case, part, whole, fraction, percent) in rows {
        let ratio = Ratio { part, whole };
        assert_eq!(ratio.fraction(), fraction, "{rule}: {case}");
        assert_eq!(ratio.percent().as_deref(), percent, "{rule}: {case}");
    }
}

/// S1: a complaint judged the moment it came in took no time, shown as
/// `0s` (not as a negative duration).
#[test]
fn s1_a_complaint_judged_at_once_took_no_time() {
    let received = utc(2026, 11, 23, 9, 0);
    let mut record = ComplaintRecord::accept(
        Accept {
            complainant: Complainant::member("c-quick"),
            received_at: received,
            channel: Channel::Phone,
            content: "The invoice is addressed to the wrong name".into(),
            category: Category::new("billing"),
            severity: Severity::Low,
        },
        &Context::new(Actor::agent("agent-1"), received, &Policy::default()),
    )
    .unwrap();
    record
        .apply(
            uphold("billing", utc(2026, 11, 24, 9, 0)),
            &Context::new(Actor::agent("agent-1"), received, &Policy::default()),
        )
        .unwrap();
    let report = ClassificationReport::compute(&[record], &november());
    let to_judged = report.time_to(Milestone::Judged).unwrap();
    assert_eq!((to_judged.len(), to_judged.is_empty()), (1, false));
    assert_eq!(to_judged.median(), Some(0));
    assert!(Durations::default().is_empty());
    let text = report.to_string();
    let judged = text
        .lines()
        .find(|line| line.starts_with("judged"))
        .unwrap();
    assert_eq!(
        judged.split_whitespace().collect::<Vec<_>>(),
        ["judged", "1", "0s", "0s"],
        "{text}"
    );
}
