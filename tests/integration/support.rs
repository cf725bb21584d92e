//! Shared builders: one fixed policy, fixed times, the three actors, a valid
//! event of every kind, and walks that take a complaint to each stage on both
//! faces (typed [`Complaint<S>`] and stored [`ComplaintRecord`]).
//!
//! The walks fire their events at fixed times, ten minutes apart, so that two
//! walks to the same stage give the same history (apart from the random part
//! of the ids).

use std::sync::LazyLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::{
    Actor, Approved, Category, Channel, Closed, Complainant, Complaint, ComplaintRecord, Context,
    Department, Dismissed, Event, Executed, Investigated, Judged, Proposed, Referred, Reviewed,
    Severity, StageKind, Transition, TransitionError, Withdrawn,
    event::{
        Accept, Accountability, AddNote, Approve, AttemptFollowUp, BodyDue, ChooseRemedy, Close,
        Compensation, CompensationKind, CompleteFollowUp, ContactMethod, Currency,
        CustomerNotification, CustomerSignature, Decline, Dismiss, Evaluation, Execute, Findings,
        FollowUpOutcome, Investigate, Propose, RecordReferralOutcome, Refer, ReferralOutcome,
        RemedyOption, Reopen, Responsibility, ResponsibleParty, Review, RootCause, Uphold,
        Withdraw,
    },
    record::Entry,
};

/// The policy of every test: smaller limits than the default, so that the
/// size checks are easy to reach.
pub static POLICY: LazyLock<complaint_workflow::Policy> = LazyLock::new(|| {
    complaint_workflow::Policy::builder()
        .max_text_bytes(1024)
        .max_remedy_options(4)
        .build()
        .expect("a valid policy")
});

/// Monday 2026-11-23 09:00 UTC: when every complaint of the tests is received and accepted.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// `n` minutes after [`start`] (before it when `n` is negative).
pub fn minute(n: i64) -> DateTime<Utc> {
    start() + Duration::minutes(n)
}

/// The front-line agent who takes and handles the complaint.
pub fn agent() -> Actor {
    Actor::agent("agent-7")
}

/// The team lead.
pub fn team_lead() -> Actor {
    Actor::team_lead("lead-3")
}

/// The customer-service supervisor.
pub fn supervisor() -> Actor {
    Actor::supervisor("supervisor-1")
}

/// `actor` acting at `at` under [`POLICY`].
pub fn ctx(actor: Actor, at: DateTime<Utc>) -> Context<'static> {
    Context::new(actor, at, &POLICY)
}

// ---- Events -------------------------------------------------------------

/// A valid registration form, received at [`start`].
pub fn accept() -> Accept {
    Accept {
        complainant: Complainant::member("customer-42"),
        received_at: start(),
        channel: Channel::Phone,
        content: "The washing machine leaks after the repair".into(),
        category: Category::new("repair"),
        severity: Severity::Medium,
    }
}

/// Upheld against the repairs department; investigation due two days after `at`.
pub fn uphold(at: DateTime<Utc>) -> Uphold {
    Uphold {
        responsible_department: Department::new("repairs"),
        investigation_due: at + Duration::days(2),
    }
}

/// Dismissed with a reply.
pub fn dismiss() -> Dismiss {
    Dismiss {
        reply: "The leak comes from the customer's own hose; we explained how to fit it".into(),
    }
}

/// The responsible technician (direct) and the head of repairs.
pub fn responsible_parties() -> Vec<ResponsibleParty> {
    vec![
        ResponsibleParty {
            person: "tech-11".into(),
            department: Department::new("repairs"),
            responsibility: Responsibility::Direct,
        },
        ResponsibleParty {
            person: "head-repairs".into(),
            department: Department::new("repairs"),
            responsibility: Responsibility::DepartmentHead,
        },
    ]
}

/// Findings of a quality problem with [`responsible_parties`].
pub fn findings() -> Findings {
    Findings {
        root_cause: RootCause::Quality,
        description: "The seal was not replaced during the repair".into(),
        responsible_parties: responsible_parties(),
    }
}

/// The investigation with [`findings`].
pub fn investigate() -> Investigate {
    Investigate {
        findings: findings(),
    }
}

/// A compensation of 200.00 CNY as a voucher.
pub fn voucher() -> Compensation {
    Compensation {
        amount_minor: 20_000,
        currency: Currency::new("CNY").unwrap(),
        kind: CompensationKind::Voucher,
    }
}

/// Two options: 1. a free repair; 2. a free repair and a voucher (R8).
pub fn propose() -> Propose {
    Propose {
        options: vec![
            RemedyOption {
                description: "Repair the seal again, free of charge".into(),
                compensation: None,
            },
            RemedyOption {
                description: "Repair the seal again and give a voucher".into(),
                compensation: Some(voucher()),
            },
        ],
    }
}

/// A new proposal after the customer declined: replace the machine.
pub fn propose_replacement() -> Propose {
    Propose {
        options: vec![RemedyOption {
            description: "Replace the washing machine".into(),
            compensation: Some(Compensation {
                amount_minor: 299_900,
                currency: Currency::new("CNY").unwrap(),
                kind: CompensationKind::Replacement,
            }),
        }],
    }
}

/// Accountability for every party of [`responsible_parties`].
pub fn accountability() -> Vec<Accountability> {
    vec![
        Accountability {
            person: "tech-11".into(),
            rule: "Repair handbook 4.2".into(),
            penalty: "Written warning and retraining".into(),
        },
        Accountability {
            person: "head-repairs".into(),
            rule: "Repair handbook 1.3".into(),
            penalty: "Verbal warning".into(),
        },
    ]
}

/// A valid execution at `at`: notified and signed five minutes before.
pub fn execute(at: DateTime<Utc>) -> Execute {
    Execute {
        accountability: accountability(),
        notification: CustomerNotification {
            method: ContactMethod::Phone,
            at: at - Duration::minutes(5),
        },
        signature: Some(CustomerSignature {
            reference: "signed-acceptance-0042.pdf".into(),
            signed_at: at - Duration::minutes(5),
        }),
        feedback: Some("Happy with the quick repair".into()),
    }
}

/// A review with a summary and one improvement action.
pub fn review() -> Review {
    Review {
        summary: "Repaired again; the customer accepted the voucher".into(),
        evaluation: Evaluation::Effective,
        improvement_actions: vec!["Check seals on every repair".into()],
    }
}

/// F1: a follow-up call that reached the customer or not.
pub fn attempt_follow_up(reached: bool) -> AttemptFollowUp {
    AttemptFollowUp {
        method: ContactMethod::Phone,
        reached,
        note: None,
    }
}

/// F2, F3: the completed follow-up of a satisfied customer.
pub fn complete_follow_up() -> CompleteFollowUp {
    CompleteFollowUp {
        method: ContactMethod::Phone,
        outcome: FollowUpOutcome::Satisfied {
            suggestions: "None, thank you".into(),
        },
    }
}

/// D2: a referral to the ombudsman, whose deadline is eight weeks after [`start`].
pub fn refer() -> Refer {
    Refer {
        body: "Financial Ombudsman Service".into(),
        reference: "FOS-2026-0042".into(),
        body_due: BodyDue::At(minute(8 * 7 * 24 * 60)),
    }
}

/// D2: the body's outcome: the company's answer stands.
pub fn referral_outcome() -> RecordReferralOutcome {
    RecordReferralOutcome {
        outcome: ReferralOutcome::NotUpheld,
        note: "The ombudsman found the remedy fair".into(),
    }
}

/// A note with `text`.
pub fn note(text: &str) -> AddNote {
    AddNote { text: text.into() }
}

// ---- Walks on the stored face -------------------------------------------

/// One event of a walk: who fires it, when.
#[derive(Clone, Debug)]
pub struct Step {
    pub actor: Actor,
    pub at: DateTime<Utc>,
    pub event: Event,
}

fn step(actor: Actor, minutes: i64, event: impl Into<Event>) -> Step {
    Step {
        actor,
        at: minute(minutes),
        event: event.into(),
    }
}

/// The events after acceptance that take a complaint to `stage`, by the
/// shortest path: ten minutes apart, reviews and approvals by the supervisor.
pub fn steps_to(stage: StageKind) -> Vec<Step> {
    let reason = "The customer settled with the shop directly";
    match stage {
        StageKind::Accepted => vec![],
        StageKind::Judged => vec![step(agent(), 10, uphold(minute(10)))],
        StageKind::Investigated => with(StageKind::Judged, step(agent(), 20, investigate())),
        StageKind::Proposed => with(StageKind::Investigated, step(agent(), 30, propose())),
        StageKind::Approved => with(
            StageKind::Proposed,
            step(supervisor(), 40, Approve { option: 2 }),
        ),
        StageKind::Executed => with(StageKind::Approved, step(agent(), 50, execute(minute(50)))),
        StageKind::Dismissed => vec![step(agent(), 10, dismiss())],
        StageKind::Withdrawn => vec![step(
            agent(),
            10,
            Withdraw {
                reason: reason.into(),
            },
        )],
        StageKind::Reviewed => with(StageKind::Executed, step(supervisor(), 60, review())),
        StageKind::Referred => with(StageKind::Executed, step(agent(), 60, refer())),
        StageKind::Closed => {
            let mut steps = steps_to(StageKind::Reviewed);
            steps.push(step(agent(), 70, attempt_follow_up(true)));
            steps.push(step(agent(), 80, complete_follow_up()));
            steps.push(step(agent(), 90, Close { note: None }));
            steps
        }
    }
}

fn with(stage: StageKind, last: Step) -> Vec<Step> {
    let mut steps = steps_to(stage);
    steps.push(last);
    steps
}

/// A new complaint, accepted by the agent at [`start`] (stored face).
pub fn new_record() -> ComplaintRecord {
    ComplaintRecord::accept(accept(), &ctx(agent(), start())).expect("a valid acceptance")
}

/// A complaint walked to `stage` on the stored face, by [`steps_to`].
pub fn record_in(stage: StageKind) -> ComplaintRecord {
    let mut record = new_record();
    for step in steps_to(stage) {
        let kind = step.event.kind();
        if let Err(error) = record.apply(step.event, &ctx(step.actor, step.at)) {
            panic!("walking to {stage}: `{kind}` refused: {error}");
        }
    }
    assert_eq!(record.stage(), stage);
    record
}

/// The last time of the walk to `stage`: a later event keeps time in order.
pub fn last_time(stage: StageKind) -> DateTime<Utc> {
    steps_to(stage).last().map_or(start(), |step| step.at)
}

/// Applies `event` to `record` expecting a refusal; checks that the record is
/// unchanged and returns the error.
pub fn refuse_record(
    record: &mut ComplaintRecord,
    event: impl Into<Event>,
    ctx: &Context<'_>,
) -> TransitionError {
    let before = record.clone();
    let error = record
        .apply(event, ctx)
        .expect_err("the event must be refused");
    assert_eq!(*record, before, "a refused event changed the record");
    error
}

/// What an entry says, without its random id: for comparing histories.
pub fn content(entry: &Entry) -> (u64, DateTime<Utc>, Actor, Event) {
    (
        entry.sequence(),
        entry.at(),
        entry.actor().clone(),
        entry.event().clone(),
    )
}

// ---- Walks on the typed face --------------------------------------------

/// A new complaint, accepted by the agent at [`start`] (typed face).
pub fn accepted() -> Complaint<complaint_workflow::Accepted> {
    Complaint::accept(accept(), &ctx(agent(), start())).expect("a valid acceptance")
}

/// Upheld at minute 10.
pub fn judged() -> Complaint<Judged> {
    accepted()
        .apply(uphold(minute(10)), &ctx(agent(), minute(10)))
        .expect("a valid uphold")
}

/// Investigated at minute 20.
pub fn investigated() -> Complaint<Investigated> {
    judged()
        .apply(investigate(), &ctx(agent(), minute(20)))
        .expect("a valid investigation")
}

/// Two options proposed at minute 30.
pub fn proposed() -> Complaint<Proposed> {
    investigated()
        .apply(propose(), &ctx(agent(), minute(30)))
        .expect("a valid proposal")
}

/// Option 2 approved by the supervisor at minute 40.
pub fn approved() -> Complaint<Approved> {
    proposed()
        .apply(Approve { option: 2 }, &ctx(supervisor(), minute(40)))
        .expect("a valid approval")
}

/// Executed at minute 50.
pub fn executed() -> Complaint<Executed> {
    approved()
        .apply(execute(minute(50)), &ctx(agent(), minute(50)))
        .expect("a valid execution")
}

/// Dismissed at minute 10.
pub fn dismissed() -> Complaint<Dismissed> {
    accepted()
        .apply(dismiss(), &ctx(agent(), minute(10)))
        .expect("a valid dismissal")
}

/// Withdrawn at minute 10.
pub fn withdrawn() -> Complaint<Withdrawn> {
    let withdraw = Withdraw {
        reason: "The customer settled with the shop directly".into(),
    };
    accepted()
        .apply(withdraw, &ctx(agent(), minute(10)))
        .expect("a valid withdrawal")
}

/// Reviewed by the supervisor at minute 60.
pub fn reviewed() -> Complaint<Reviewed> {
    executed()
        .apply(review(), &ctx(supervisor(), minute(60)))
        .expect("a valid review")
}

/// D2: executed, then referred to the ombudsman at minute 60.
pub fn referred() -> Complaint<Referred> {
    executed()
        .apply(refer(), &ctx(agent(), minute(60)))
        .expect("a valid referral")
}

/// Followed up at minutes 70 and 80, closed at minute 90.
pub fn closed() -> Complaint<Closed> {
    reviewed()
        .apply(attempt_follow_up(true), &ctx(agent(), minute(70)))
        .expect("a valid follow-up attempt")
        .apply(complete_follow_up(), &ctx(agent(), minute(80)))
        .expect("a valid follow-up record")
        .apply(Close { note: None }, &ctx(agent(), minute(90)))
        .expect("a valid closing")
}

/// Applies `event` to `complaint` expecting a refusal; checks that the
/// complaint handed back in `Rejected` is unchanged and returns both.
pub fn refuse<S, E>(
    complaint: Complaint<S>,
    event: E,
    ctx: &Context<'_>,
) -> (Complaint<S>, TransitionError)
where
    S: Transition<E>,
    E: Into<Event>,
{
    let before = complaint.clone();
    let rejected = complaint
        .apply(event, ctx)
        .expect_err("the event must be refused");
    assert_eq!(
        rejected.complaint(),
        &before,
        "a refused event changed the complaint"
    );
    rejected.into_parts()
}

/// A row of a refusal table: the rule it proves, a short case name, the
/// event, and the error the event must get.
pub type Refusal<E> = (&'static str, &'static str, E, TransitionError);

/// Fires every row's event on both faces, on `record` (stored) and on
/// `complaint` (typed), expecting the row's error; each face is checked
/// unchanged by the refusal (see [`refuse_record`] and [`refuse`]), and a
/// failing row names its rule and case. Returns the complaint handed back
/// by the last refusal, for the valid event that follows.
pub fn refuse_rows<S, E>(
    record: &mut ComplaintRecord,
    mut complaint: Complaint<S>,
    rows: impl IntoIterator<Item = Refusal<E>>,
    ctx: &Context<'_>,
) -> Complaint<S>
where
    S: Transition<E>,
    E: Into<Event> + Clone,
{
    for (rule, case, event, expected) in rows {
        let stored = refuse_record(record, event.clone(), ctx);
        assert_eq!(stored, expected, "{rule}: {case} (stored face)");
        let (back, typed) = refuse(complaint, event, ctx);
        assert_eq!(typed, expected, "{rule}: {case} (typed face)");
        complaint = back;
    }
    complaint
}

// ---- The full history of the golden fixture -----------------------------

/// Every kind of lifecycle step in one history: two proposal rounds (the
/// customer declines the first approved remedy), execution, a follow-up (a
/// missed call, then a dissatisfied customer), review, reopening and a note
/// in the new round.
pub fn full_history() -> ComplaintRecord {
    let steps = vec![
        step(agent(), 10, uphold(minute(10))),
        step(team_lead(), 60, investigate()),
        step(agent(), 90, note("Customer called again, asked for a date")),
        step(agent(), 120, propose()),
        step(agent(), 130, ChooseRemedy { option: 2 }),
        step(supervisor(), 150, Approve { option: 2 }),
        step(
            agent(),
            180,
            Decline {
                reason: "The machine leaked twice; the customer wants a new one".into(),
            },
        ),
        step(agent(), 240, propose_replacement()),
        step(supervisor(), 250, Approve { option: 1 }),
        step(agent(), 24 * 60, execute(minute(24 * 60))),
        step(agent(), 24 * 60 + 120, attempt_follow_up(false)),
        step(agent(), 24 * 60 + 240, attempt_follow_up(true)),
        step(
            agent(),
            24 * 60 + 250,
            CompleteFollowUp {
                method: ContactMethod::Phone,
                outcome: FollowUpOutcome::Dissatisfied {
                    to_improve: "The new machine came without a hose".into(),
                },
            },
        ),
        step(supervisor(), 2 * 24 * 60, review()),
        step(
            agent(),
            5 * 24 * 60,
            Reopen {
                reason: "Follow-up: the new machine was delivered without a hose".into(),
            },
        ),
        step(
            agent(),
            5 * 24 * 60 + 5,
            note("Apologized; hose to be sent"),
        ),
    ];
    let mut record = new_record();
    for step in steps {
        let kind = step.event.kind();
        if let Err(error) = record.apply(step.event, &ctx(step.actor, step.at)) {
            panic!("the full history: `{kind}` refused: {error}");
        }
    }
    record
}

// ---- Follow-up and escalation: customers in their own zones ---------------

/// `year-month-day hour:minute` UTC.
pub fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .unwrap()
}

/// A member customer living in the IANA zone `zone`, with the policy's quiet
/// hours (21:00–09:00) unless given their own (F4).
pub fn member_in(id: &str, zone: &str) -> Complainant {
    Complainant::member(id)
        .in_zone(complaint_workflow::time::Zone::iana(zone).expect("a known zone"))
}

/// A registration form of `complainant`, received at `at`.
pub fn accept_of(
    complainant: Complainant,
    at: DateTime<Utc>,
    category: &str,
    severity: Severity,
) -> Accept {
    Accept {
        complainant,
        received_at: at,
        channel: Channel::Phone,
        content: "The shelf arrived without its screws".into(),
        category: Category::new(category),
        severity,
    }
}

/// `complainant`'s complaint, accepted ten minutes before `at` and dismissed
/// at `at` by the agent: the dismissal schedules the follow-up (F7).
pub fn dismissed_at(complainant: Complainant, at: DateTime<Utc>) -> ComplaintRecord {
    let received = at - Duration::minutes(10);
    let form = accept_of(complainant, received, "repair", Severity::Medium);
    let mut record =
        ComplaintRecord::accept(form, &ctx(agent(), received)).expect("a valid acceptance");
    record
        .apply(dismiss(), &ctx(agent(), at))
        .expect("a valid dismissal");
    record
}

/// T5: a missing part sent at once, accepted by the customer on the phone.
pub fn resolve_on_first_contact() -> complaint_workflow::event::ResolveOnFirstContact {
    complaint_workflow::event::ResolveOnFirstContact {
        remedy: RemedyOption {
            description: "Send the missing screws by express, free of charge".into(),
            compensation: None,
        },
        customer_acceptance: "The customer agreed on the phone".into(),
    }
}

/// The deadline numbered `number`, read as a stored history holds it (0 and
/// numbers past the last deadline are ids the crate must refuse).
pub fn deadline_id(number: u32) -> complaint_workflow::deadline::DeadlineId {
    serde_json::from_value(serde_json::json!(number)).expect("a deadline id is a JSON number")
}

/// A3: a stored entry (JSON) as schema 1 wrote it: without its seal. Tests
/// that edit stored entries to reach a rule behind the hash chain edit
/// entries of schema 1, which replay seals on upgrade.
pub fn unsealed(mut entry: serde_json::Value) -> serde_json::Value {
    if let Some(object) = entry.as_object_mut() {
        object.remove("seal");
        object.insert("schema".into(), serde_json::json!(1));
    }
    entry
}

/// A3: a stored record (JSON) whose entries are all of schema 1.
pub fn unsealed_record(mut record: serde_json::Value) -> serde_json::Value {
    if let Some(entries) = record["entries"].as_array_mut() {
        for entry in entries.iter_mut() {
            *entry = unsealed(entry.take());
        }
    }
    record
}
