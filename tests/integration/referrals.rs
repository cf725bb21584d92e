//! D2 (FCA DISP 1.6.2R, referral rights to the Financial Ombudsman Service;
//! the PRC's 2020 measures: mediation, the regulator): a complaint referred
//! to an external body leaves the internal workflow, keeps its follow-up
//! duty (F5), has the body's own deadline, and the body's outcome moves it
//! on to `reviewed`. With D1, a property: apply and replay agree on stage
//! and deadlines over random histories with disputes and referrals.

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::deadline::{AlarmPlan, BreachState, DeadlineKind, DeadlineStatus};
use complaint_workflow::error::{FieldError, FollowUpError, RecourseError};
use complaint_workflow::event::{
    BodyDue, Close, Dispute, Investigate, RecordReferralOutcome, Refer, ReferralOutcome, Reopen,
};
use complaint_workflow::followup::FollowUpStageKind;
use complaint_workflow::record::Decision;
use complaint_workflow::report::{BreachReport, ClassificationReport, Period, Recourse};
use complaint_workflow::time::{Counting, TimeLimit, Zone};
use complaint_workflow::{
    ComplaintRecord, Context, Event, EventKind, Policy, Role, StageKind, TransitionError,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use super::support::{
    agent, attempt_follow_up, complete_follow_up, ctx, findings, minute, record_in, refer,
    referral_outcome, referred, refuse_record, review, supervisor,
};

/// The ombudsman's deadline in `refer()`: eight weeks after the start.
fn body_due() -> DateTime<Utc> {
    minute(8 * 7 * 24 * 60)
}

fn referral_deadlines(
    record: &ComplaintRecord,
) -> Vec<(DateTime<Utc>, DateTime<Utc>, Counting, DeadlineStatus)> {
    record
        .deadlines()
        .iter()
        .filter(|deadline| deadline.kind() == DeadlineKind::Referral)
        .map(|deadline| {
            (
                deadline.started_at(),
                deadline.due(),
                deadline.counting(),
                deadline.status(),
            )
        })
        .collect()
}

/// D2: a referred complaint has left the internal workflow: it takes notes,
/// contacts, its follow-up, deadline extensions and the body's outcome, and
/// no handling of its own.
#[test]
fn d2_a_referral_leaves_the_internal_workflow() {
    let mut record = record_in(StageKind::Referred);
    assert_eq!(record.stage(), StageKind::Referred);
    assert!(!record.stage().is_open());
    assert_eq!(record.referral(), Some(&refer()));
    assert_eq!(record.referral_count(), 1);
    assert_eq!(
        record.allowed_events().collect::<Vec<_>>(),
        [
            EventKind::RecordReferralOutcome,
            EventKind::AddNote,
            EventKind::Contact,
            EventKind::ExtendDeadline,
            EventKind::RaiseAlarm,
            EventKind::RepeatContact,
            EventKind::AttemptFollowUp,
            EventKind::RescheduleFollowUp,
            EventKind::CompleteFollowUp,
            EventKind::GiveUpFollowUp,
            EventKind::PersonalDataErased,
            EventKind::Redact,
        ]
    );
    let at = ctx(supervisor(), minute(70));
    let internal: [Event; 5] = [
        Investigate {
            findings: findings(),
        }
        .into(),
        review().into(),
        Close { note: None }.into(),
        Reopen {
            reason: "again".into(),
        }
        .into(),
        Dispute {
            reason: "again".into(),
        }
        .into(),
    ];
    for event in internal {
        let kind = event.kind();
        assert_eq!(
            refuse_record(&mut record, event, &at),
            TransitionError::NotAllowed {
                event: kind,
                stage: StageKind::Referred
            }
        );
    }
}

/// D2: the body's deadline opens from the referral's own data, on the
/// calendar clock, and the body's outcome meets it.
#[test]
fn d2_the_body_deadline_opens_from_the_referral_and_the_outcome_meets_it() {
    let mut record = record_in(StageKind::Referred);
    assert_eq!(
        referral_deadlines(&record),
        [(
            minute(60),
            body_due(),
            Counting::Calendar,
            DeadlineStatus::Open
        )]
    );
    assert!(
        record.entries().last().unwrap().decisions().is_empty(),
        "a due time the body set is the event's own data, not a decision"
    );
    record
        .apply(referral_outcome(), &ctx(supervisor(), minute(70)))
        .unwrap();
    assert_eq!(record.stage(), StageKind::Reviewed);
    assert_eq!(record.referral_outcome(), Some(&referral_outcome()));
    assert_eq!(
        referral_deadlines(&record),
        [(
            minute(60),
            body_due(),
            Counting::Calendar,
            DeadlineStatus::Met { at: minute(70) }
        )]
    );
    assert!(record.breaches(minute(70)).is_empty());
}

/// D2: a limit from the referral ("within 15 business days") is counted on
/// the policy's business calendar when the referral is recorded, and the due
/// time is recorded on the entry: replay gives it back without a policy.
#[test]
fn d2_a_limit_of_the_referral_counts_on_the_business_calendar_and_is_recorded() {
    let mut record = record_in(StageKind::Executed);
    let within = Refer {
        body_due: BodyDue::Within(TimeLimit::BusinessDays(15)),
        ..refer()
    };
    record.apply(within, &ctx(agent(), minute(60))).unwrap();
    // Monday 23 November 10:00 + 15 working days (Monday to Friday) = Monday 14 December.
    let due = Utc.with_ymd_and_hms(2026, 12, 14, 10, 0, 0).unwrap();
    assert_eq!(
        referral_deadlines(&record),
        [(minute(60), due, Counting::Business, DeadlineStatus::Open)]
    );
    assert_eq!(
        record.entries().last().unwrap().decisions(),
        [Decision::OpenDeadline {
            kind: DeadlineKind::Referral,
            started_at: minute(60),
            due,
            clock: Counting::Business,
            alarms: AlarmPlan::default(),
        }]
    );
    let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
    assert_eq!(replayed, record);
}

/// D2: the body's deadline lies ahead of the referral; the body, its
/// reference and the outcome's words are given.
#[test]
fn d2_the_referral_names_the_body_and_a_deadline_ahead() {
    let mut record = record_in(StageKind::Executed);
    let at = ctx(agent(), minute(60));
    let cases: [(Refer, TransitionError); 4] = [
        (
            Refer {
                body_due: BodyDue::At(minute(60)),
                ..refer()
            },
            TransitionError::Field(FieldError::DeadlineNotAhead {
                field: "body_due".into(),
                due: minute(60),
                at: minute(60),
            }),
        ),
        (
            Refer {
                body_due: BodyDue::Within(TimeLimit::Hours(0)),
                ..refer()
            },
            TransitionError::Field(FieldError::DeadlineNotAhead {
                field: "body_due".into(),
                due: minute(60),
                at: minute(60),
            }),
        ),
        (
            Refer {
                body: " ".into(),
                ..refer()
            },
            TransitionError::Field(FieldError::Empty {
                field: "body".into(),
            }),
        ),
        (
            Refer {
                reference: String::new(),
                ..refer()
            },
            TransitionError::Field(FieldError::Empty {
                field: "reference".into(),
            }),
        ),
    ];
    for (event, expected) in cases {
        assert_eq!(refuse_record(&mut record, event, &at), expected);
    }
    let mut referred = record_in(StageKind::Referred);
    let blank = RecordReferralOutcome {
        outcome: ReferralOutcome::Settled,
        note: "\t".into(),
    };
    assert_eq!(
        refuse_record(&mut referred, blank, &ctx(supervisor(), minute(70))),
        TransitionError::Field(FieldError::Empty {
            field: "note".into()
        })
    );
}

/// D2: the body's deadline is read back as written, `{"at": …}` or
/// `{"within": …}`, and neither both nor none of them.
#[test]
fn d2_the_body_deadline_reads_one_of_its_two_forms() {
    let at: BodyDue = serde_json::from_str(r#"{"at": "2027-01-18T09:00:00Z"}"#).unwrap();
    assert_eq!(
        at,
        BodyDue::At(Utc.with_ymd_and_hms(2027, 1, 18, 9, 0, 0).unwrap())
    );
    let within: BodyDue = serde_json::from_str(r#"{"within": {"business_days": 15}}"#).unwrap();
    assert_eq!(within, BodyDue::Within(TimeLimit::BusinessDays(15)));
    assert_eq!(
        serde_json::to_string(&within).unwrap(),
        r#"{"within":{"business_days":15}}"#
    );
    for text in [
        r#"{"at": "2027-01-18T09:00:00Z", "within": {"weeks": 8}}"#,
        "{}",
    ] {
        let error = serde_json::from_str::<BodyDue>(text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "expected exactly one of `at` and `within` in `body_due`",
            "{text}"
        );
    }
    let error = serde_json::from_str::<BodyDue>(r#"{"on": "2027-01-18T09:00:00Z"}"#).unwrap_err();
    assert!(
        error.to_string().starts_with("unknown field `on`"),
        "{error}"
    );
}

/// D2: a referral comes within the dispute window from the final response,
/// and only after a final response.
#[test]
fn d2_a_referral_comes_within_the_window() {
    let policy = Policy::builder()
        .dispute_window(TimeLimit::CalendarDays(30))
        .build()
        .unwrap();
    let mut record = record_in(StageKind::Closed);
    let late = minute(50) + Duration::days(30) + Duration::seconds(1);
    let error = record
        .apply(refer(), &Context::new(agent(), late, &policy))
        .unwrap_err();
    assert_eq!(
        error,
        TransitionError::Recourse(RecourseError::WindowClosed {
            final_response_at: minute(50),
            window_ends: minute(50) + Duration::days(30),
            at: late,
        })
    );
    assert_eq!(record.stage(), StageKind::Closed);
    record
        .apply(
            refer(),
            &Context::new(agent(), late - Duration::seconds(1), &policy),
        )
        .unwrap();
    assert_eq!(record.stage(), StageKind::Referred);

    let mut withdrawn = record_in(StageKind::Withdrawn);
    withdrawn
        .apply(review(), &ctx(supervisor(), minute(20)))
        .unwrap();
    assert_eq!(
        refuse_record(&mut withdrawn, refer(), &ctx(agent(), minute(30))),
        TransitionError::Recourse(RecourseError::NoFinalResponse)
    );
}

/// D2, F5: the follow-up of a referred complaint still counts: it runs in
/// `referred`, its deadline stays open, and the complaint closes only once
/// it is done.
#[test]
fn d2_f5_a_referred_complaint_keeps_its_follow_up_duty() {
    let mut record = record_in(StageKind::Referred);
    let follow_up = record.follow_up().expect("the execution scheduled it");
    assert_eq!(follow_up.stage(), FollowUpStageKind::Scheduled);
    let open_follow_up = |record: &ComplaintRecord| {
        record
            .deadlines()
            .iter()
            .any(|d| d.kind() == DeadlineKind::FollowUp && d.status() == DeadlineStatus::Open)
    };
    assert!(open_follow_up(&record));

    // The body decides first: the complaint is reviewed, but not closed.
    record
        .apply(referral_outcome(), &ctx(supervisor(), minute(70)))
        .unwrap();
    let mut early = record.clone();
    assert_eq!(
        refuse_record(&mut early, Close { note: None }, &ctx(agent(), minute(80))),
        TransitionError::FollowUp(FollowUpError::FollowUpOutstanding {
            stage: FollowUpStageKind::Scheduled
        })
    );

    // Followed up while referred, another complaint closes after the outcome.
    let mut other = record_in(StageKind::Referred);
    other
        .apply(attempt_follow_up(true), &ctx(agent(), minute(70)))
        .unwrap();
    other
        .apply(complete_follow_up(), &ctx(agent(), minute(80)))
        .unwrap();
    assert_eq!(other.stage(), StageKind::Referred);
    assert!(!open_follow_up(&other));
    other
        .apply(referral_outcome(), &ctx(supervisor(), minute(90)))
        .unwrap();
    other
        .apply(Close { note: None }, &ctx(agent(), minute(100)))
        .unwrap();
    assert_eq!(other.stage(), StageKind::Closed);
}

/// D2: an outcome against the company leads to `reviewed`, where the
/// company reopens the complaint to carry out what the body decided; only a
/// supervisor records the outcome, as only a supervisor reviews.
#[test]
fn d2_the_outcome_leads_to_reviewed_and_is_the_supervisors() {
    assert_eq!(
        Role::required_for(EventKind::RecordReferralOutcome),
        Role::Supervisor
    );
    assert_eq!(Role::required_for(EventKind::Refer), Role::Agent);
    assert_eq!(Role::required_for(EventKind::Dispute), Role::Agent);

    let upheld = RecordReferralOutcome {
        outcome: ReferralOutcome::UpheldByBody,
        note: "Pay the second repair and GBP 100 for the trouble".into(),
    };
    let mut record = record_in(StageKind::Referred);
    assert!(matches!(
        refuse_record(&mut record, upheld.clone(), &ctx(agent(), minute(70))),
        TransitionError::Unauthorized {
            required: Role::Supervisor,
            ..
        }
    ));

    // The typed face: `Complaint<Referred>` → `Complaint<Reviewed>`.
    let reviewed = referred()
        .apply(attempt_follow_up(true), &ctx(agent(), minute(70)))
        .unwrap()
        .apply(complete_follow_up(), &ctx(agent(), minute(80)))
        .unwrap()
        .apply(upheld.clone(), &ctx(supervisor(), minute(90)))
        .unwrap();
    assert_eq!(reviewed.stage(), StageKind::Reviewed);
    assert_eq!(reviewed.as_record().referral_outcome(), Some(&upheld));
    let reopened = reviewed
        .apply(
            Reopen {
                reason: "Carry out the ombudsman's decision".into(),
            },
            &ctx(agent(), minute(100)),
        )
        .unwrap();
    assert_eq!(reopened.stage(), StageKind::Accepted);
    assert_eq!(reopened.as_record().referral(), None, "a new round");
    assert_eq!(reopened.as_record().referral_count(), 1);
}

/// D2, S4: the body's deadline missed is a breach like any other, in the
/// record's breaches and in the breach report under its own kind.
#[test]
fn d2_s4_a_missed_body_deadline_is_a_breach() {
    let mut record = record_in(StageKind::Referred);
    let late = body_due() + Duration::days(3);
    record
        .apply(referral_outcome(), &ctx(supervisor(), late))
        .unwrap();
    let breaches: Vec<_> = record
        .breaches(late)
        .into_iter()
        .filter(|breach| breach.kind == DeadlineKind::Referral)
        .collect();
    assert_eq!(breaches.len(), 1);
    assert_eq!(breaches[0].state, BreachState::MetLate { at: late });
    assert_eq!(breaches[0].overdue(), Duration::days(3));

    let january = Period::month(2027, 1, Zone::Utc).unwrap();
    let report = BreachReport::compute([&record], &january, late);
    let tally = report.tally(DeadlineKind::Referral);
    assert_eq!((tally.total, tally.met_late), (1, 1));
    assert_eq!(tally.worst_overdue_seconds, 3 * 24 * 3600);
}

/// D2, S1: the classification report counts the referred complaints per category.
#[test]
fn d2_s1_counts_referred_complaints_per_category() {
    let referred = record_in(StageKind::Referred);
    let plain = record_in(StageKind::Closed);
    let november = Period::month(2026, 11, Zone::Utc).unwrap();
    let report = ClassificationReport::compute([&referred, &plain], &november);
    let repair = referred.category().clone();
    assert_eq!(
        report.recourse_by_category.get(&repair),
        Some(&Recourse {
            disputed: 0,
            referred: 1
        })
    );
    assert_eq!(report.referral_rate(&repair).to_string(), "50.0 % (1 of 2)");
    assert_eq!(report.dispute_rate(&repair).to_string(), "0.0 % (0 of 2)");
}

// ---- Apply and replay agree --------------------------------------------------

/// One step of a random history: which event (an index into what the stage
/// takes, or now and then into every event, to be refused), by a supervisor
/// or an agent, how many minutes after the step before, and the data of a
/// referral's deadline and of an outcome.
#[derive(Clone, Debug)]
struct Step {
    pick: u8,
    any: bool,
    by_supervisor: bool,
    gap: i64,
    due_hours: u32,
    at_body_time: bool,
    outcome: ReferralOutcome,
}

fn step() -> impl Strategy<Value = Step> {
    (
        any::<u8>(),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.6),
        // Mostly minutes to hours; now and then weeks, so that windows close.
        prop_oneof![8 => 1_i64..=600, 1 => 10_000_i64..=40_000],
        1_u32..=2_000,
        any::<bool>(),
        proptest::sample::select(&ReferralOutcome::ALL[..]),
    )
        .prop_map(
            |(pick, any, by_supervisor, gap, due_hours, at_body_time, outcome)| Step {
                pick,
                any,
                by_supervisor,
                gap,
                due_hours,
                at_body_time,
                outcome,
            },
        )
}

/// The events a step chooses from in `stage` at `at`: the main line to a
/// final response, the follow-up, reviews and closings, and the recourse
/// (disputes, referrals with either kind of deadline, outcomes). Every
/// stage's list when `stage` is `None`.
fn candidates(stage: Option<StageKind>, at: DateTime<Utc>, step: &Step) -> Vec<Event> {
    let referral = Event::from(Refer {
        body_due: if step.at_body_time {
            BodyDue::At(at + Duration::hours(i64::from(step.due_hours)))
        } else {
            BodyDue::Within(TimeLimit::BusinessHours(step.due_hours))
        },
        ..refer()
    });
    let dispute = Event::from(Dispute {
        reason: "not fair".into(),
    });
    let outcome = Event::from(RecordReferralOutcome {
        outcome: step.outcome,
        note: "decided".into(),
    });
    let follow_up = [
        Event::from(attempt_follow_up(true)),
        complete_follow_up().into(),
    ];
    let recourse = [dispute, referral];
    let of = |stage: StageKind| -> Vec<Event> {
        match stage {
            StageKind::Accepted => vec![
                super::support::uphold(at).into(),
                super::support::dismiss().into(),
            ],
            StageKind::Judged => vec![super::support::investigate().into()],
            StageKind::Investigated => vec![super::support::propose().into()],
            StageKind::Proposed => vec![complaint_workflow::event::Approve { option: 1 }.into()],
            StageKind::Approved => vec![super::support::execute(at).into()],
            StageKind::Executed | StageKind::Dismissed => {
                let mut events = vec![review().into()];
                events.extend(follow_up.clone());
                events.extend(recourse.clone());
                events
            }
            StageKind::Reviewed => {
                let mut events = vec![Close { note: None }.into()];
                events.extend(follow_up.clone());
                events.extend(recourse.clone());
                events
            }
            StageKind::Referred => {
                let mut events = vec![outcome.clone()];
                events.extend(follow_up.clone());
                events
            }
            StageKind::Closed => recourse.to_vec(),
            StageKind::Withdrawn => vec![review().into()],
        }
    };
    match stage {
        Some(stage) => of(stage),
        None => StageKind::ALL.into_iter().flat_map(of).collect(),
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 96,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/referrals.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// What one random history did: the kinds applied, and the refusals for a
/// closed window.
#[derive(Default)]
struct Reach {
    applied: std::collections::BTreeMap<EventKind, usize>,
    window_closed: usize,
}

/// Runs one random history, checking apply against replay after each step.
fn run(steps: Vec<Step>, reach: &mut Reach) -> Result<(), TestCaseError> {
    let policy = Policy::builder()
        .dispute_window(TimeLimit::CalendarDays(20))
        .progress_updates(Some(TimeLimit::BusinessDays(5)))
        .build()
        .unwrap();
    let mut record = record_in(StageKind::Accepted);
    let mut at = minute(0);
    let (mut disputes, mut referrals) = (0, 0);
    for step in steps {
        at += Duration::minutes(step.gap);
        let actor = if step.by_supervisor {
            supervisor()
        } else {
            agent()
        };
        let stage = (!step.any).then(|| record.stage());
        let events = candidates(stage, at, &step);
        let event = events[usize::from(step.pick) % events.len()].clone();
        let kind = event.kind();
        let before = record.clone();
        match record.apply(event, &Context::new(actor, at, &policy)) {
            Ok(_) => {
                *reach.applied.entry(kind).or_default() += 1;
                disputes += usize::from(kind == EventKind::Dispute);
                referrals += usize::from(kind == EventKind::Refer);
            }
            Err(error) => {
                if matches!(
                    error,
                    TransitionError::Recourse(RecourseError::WindowClosed { .. })
                ) {
                    reach.window_closed += 1;
                }
                prop_assert_eq!(&record, &before, "a refused event changed the record");
            }
        }
        let replayed = ComplaintRecord::replay(record.entries().to_vec());
        prop_assert!(replayed.is_ok(), "replay: {:?}", replayed.err());
        let replayed = replayed.unwrap();
        prop_assert_eq!(replayed.stage(), record.stage());
        prop_assert_eq!(replayed.deadlines(), record.deadlines());
        prop_assert_eq!(replayed.follow_up(), record.follow_up());
        prop_assert_eq!(&replayed, &record);
        prop_assert_eq!(record.dispute_count(), disputes);
        prop_assert_eq!(record.referral_count(), referrals);
    }
    Ok(())
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(step(), 1..60)
}

proptest! {
    #![proptest_config(config())]

    /// D1, D2: over random histories with disputes and referrals (under a
    /// dispute window short enough to close), every event either applies or
    /// is refused leaving the record as it was; after each step, replaying
    /// the history gives the same stage and the same deadlines, and the
    /// counts of disputes and referrals are the entries'.
    #[test]
    fn d1_d2_apply_and_replay_agree_over_random_histories(steps in steps()) {
        run(steps, &mut Reach::default())?;
    }
}

/// D1, D2: the generator of the property above reaches what it is about:
/// over 96 fixed-seed histories, disputes, referrals and outcomes are
/// applied, and disputes or referrals are refused for a closed window.
#[test]
fn d1_d2_random_histories_reach_disputes_referrals_and_closed_windows() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut reach = Reach::default();
    for _ in 0..96 {
        let history = steps().new_tree(&mut runner).unwrap().current();
        run(history, &mut reach).unwrap();
    }
    println!(
        "applied: {:?}, window closed: {}",
        reach.applied, reach.window_closed
    );
    for kind in [
        EventKind::Dispute,
        EventKind::Refer,
        EventKind::RecordReferralOutcome,
        EventKind::Close,
    ] {
        let count = reach.applied.get(&kind).copied().unwrap_or(0);
        assert!(count >= 5, "{kind} applied {count} times");
    }
    assert!(
        reach.window_closed >= 5,
        "{} closed windows",
        reach.window_closed
    );
}
