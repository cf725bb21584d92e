//! The follow-up rules (docs/rules.md, F1–F7), one test or more per rule, on the
//! stored face ([`ComplaintRecord`]) and the typed face ([`FollowUp<S>`]).
//!
//! Unless a test says otherwise the customer is `customer-42`, a member
//! without a zone of their own: the policy calendar's zone (UTC) and the
//! policy's quiet hours (21:00–09:00) apply.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use complaint_workflow::error::{FieldError, FollowUpError};
use complaint_workflow::{
    Complainant, ComplaintRecord, Event, EventKind, Policy, StageKind, TransitionError,
    deadline::{DeadlineKind, DeadlineStatus},
    event::{
        AttemptFollowUp, Close, CompleteFollowUp, ContactMethod, FollowUpOutcome, GiveUpFollowUp,
        Reopen, RescheduleFollowUp, Satisfaction,
    },
    followup::{AgreedTime, Completed, FollowUp, FollowUpStageKind, TypedFollowUp},
    time::{QuietHours, Zone},
};

use super::support::{
    accept_of, agent, attempt_follow_up, complete_follow_up, ctx, dismiss, dismissed_at, executed,
    member_in, minute, record_in, refuse_record, review, reviewed, start, supervisor, utc,
};

fn empty(field: &str) -> TransitionError {
    TransitionError::Field(FieldError::Empty {
        field: field.to_owned(),
    })
}

fn zone(name: &str) -> Zone {
    Zone::iana(name).unwrap()
}

fn hm(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap()
}

/// The follow-up of a record that has one.
fn status(record: &ComplaintRecord) -> complaint_workflow::followup::FollowUpStatus {
    record.follow_up().expect("a scheduled follow-up")
}

/// The follow-up deadline (F7) of a record.
fn follow_up_deadline(record: &ComplaintRecord) -> &complaint_workflow::deadline::Deadline {
    let mut deadlines = record
        .deadlines()
        .iter()
        .filter(|deadline| deadline.kind() == DeadlineKind::FollowUp);
    let deadline = deadlines.next().expect("a follow-up deadline");
    assert!(
        deadlines.next().is_none(),
        "one follow-up deadline per round"
    );
    deadline
}

fn dissatisfied(text: &str) -> CompleteFollowUp {
    CompleteFollowUp {
        method: ContactMethod::Phone,
        outcome: FollowUpOutcome::Dissatisfied {
            to_improve: text.into(),
        },
    }
}

// ---- F1: attempts ------------------------------------------------------------

/// F1: an attempt records its method, the agent (the entry's actor), the
/// time and whether the customer was reached; the follow-up counts it.
#[test]
fn f1_attempt_records_method_agent_time_and_reach() {
    let mut record = record_in(StageKind::Executed);
    assert_eq!(status(&record).stage(), FollowUpStageKind::Scheduled);
    assert_eq!(status(&record).attempts(), 0);

    let colleague = complaint_workflow::Actor::agent("agent-9");
    let first = AttemptFollowUp {
        method: ContactMethod::Email,
        reached: false,
        note: Some("Sent an e-mail, no answer yet".into()),
    };
    let appended = record
        .apply(first.clone(), &ctx(colleague.clone(), minute(120)))
        .unwrap();
    assert_eq!(appended.len(), 1);
    assert_eq!(appended[0].event(), &Event::AttemptFollowUp(first));
    assert_eq!(appended[0].actor(), &colleague);
    assert_eq!(appended[0].at(), minute(120));
    assert_eq!(record.stage(), StageKind::Executed, "the complaint stays");
    let after_first = status(&record);
    assert_eq!(after_first.stage(), FollowUpStageKind::Attempted);
    assert_eq!(after_first.attempts(), 1);
    assert!(!after_first.last_attempt_reached());

    let second = AttemptFollowUp {
        method: ContactMethod::Sms,
        reached: true,
        note: None,
    };
    let appended = record
        .apply(second.clone(), &ctx(agent(), minute(400)))
        .unwrap();
    assert_eq!(appended[0].event(), &Event::AttemptFollowUp(second));
    assert_eq!(appended[0].actor(), &agent());
    assert_eq!(status(&record).attempts(), 2);
    assert!(status(&record).last_attempt_reached());

    // A blank note is refused, not recorded as nothing.
    let blank = AttemptFollowUp {
        note: Some("  ".into()),
        ..attempt_follow_up(true)
    };
    assert_eq!(
        refuse_record(&mut record, blank, &ctx(agent(), minute(410))),
        empty("note")
    );

    // Before a remedy or a dismissal there is nothing to follow up.
    let mut open = record_in(StageKind::Approved);
    assert_eq!(
        refuse_record(
            &mut open,
            attempt_follow_up(true),
            &ctx(agent(), minute(60))
        ),
        TransitionError::NotAllowed {
            event: EventKind::AttemptFollowUp,
            stage: StageKind::Approved
        }
    );
}

/// F1 on the typed face: a scheduled follow-up becomes attempted; without a
/// scheduled follow-up (a non-member under a policy that follows up members
/// only) an attempt is refused with `NoFollowUp`.
#[test]
fn f1_typed_attempt_and_no_follow_up_without_schedule() {
    let Ok(TypedFollowUp::Scheduled(scheduled)) = executed().into_record().into_typed_follow_up()
    else {
        panic!("an executed remedy schedules a follow-up");
    };
    assert_eq!(scheduled.stage(), FollowUpStageKind::Scheduled);
    let attempted = scheduled
        .apply(attempt_follow_up(false), &ctx(agent(), minute(120)))
        .unwrap();
    assert_eq!(attempted.stage(), FollowUpStageKind::Attempted);
    assert_eq!(attempted.as_record().follow_up().unwrap().attempts(), 1);

    let members_only = Policy::builder()
        .follow_up_non_members(false)
        .build()
        .unwrap();
    let at = |t| complaint_workflow::Context::new(agent(), t, &members_only);
    let mut record = ComplaintRecord::accept(
        accept_of(
            Complainant::new("walk-in-7"),
            start(),
            "repair",
            complaint_workflow::Severity::Medium,
        ),
        &at(start()),
    )
    .unwrap();
    record.apply(dismiss(), &at(minute(10))).unwrap();
    assert_eq!(record.follow_up(), None);
    let mut record = record.into_typed_follow_up().unwrap_err();
    assert_eq!(
        refuse_record(&mut record, attempt_follow_up(true), &at(minute(20))),
        TransitionError::FollowUp(FollowUpError::NoFollowUp)
    );
}

// ---- F2: the follow-up record ------------------------------------------------

/// F2: the completed follow-up record (回訪記錄表) is read back with
/// `follow_up_record()`, with the agent and time of its entry; it meets the
/// follow-up deadline and survives storage.
#[test]
fn f2_completed_record_is_readable() {
    let Ok(TypedFollowUp::Scheduled(scheduled)) = executed().into_record().into_typed_follow_up()
    else {
        panic!("an executed remedy schedules a follow-up");
    };
    assert_eq!(scheduled.as_record().follow_up_record(), None);
    assert_eq!(scheduled.as_record().reopen_count(), 0);
    let shown = format!("{scheduled:?}");
    assert!(
        shown.starts_with("FollowUp { stage: Scheduled, record: ComplaintRecord {"),
        "{shown}"
    );
    let attempted = scheduled
        .apply(attempt_follow_up(true), &ctx(agent(), minute(120)))
        .unwrap();
    assert_eq!(attempted.as_record().follow_up_record(), None);
    let complete = CompleteFollowUp {
        method: ContactMethod::Phone,
        outcome: FollowUpOutcome::Neutral {
            to_improve: "Repair appointments should be sooner".into(),
        },
    };
    let completed: FollowUp<Completed> = attempted
        .apply(complete.clone(), &ctx(agent(), minute(125)))
        .unwrap();
    assert_eq!(completed.stage(), FollowUpStageKind::Completed);
    let record = completed.into_record();

    assert_eq!(record.follow_up_record(), Some(&complete));
    let last = record.entries().last().unwrap();
    assert_eq!(last.event(), &Event::CompleteFollowUp(complete.clone()));
    assert_eq!(last.actor(), &agent());
    assert_eq!(last.at(), minute(125));
    assert_eq!(status(&record).stage(), FollowUpStageKind::Completed);
    assert_eq!(
        follow_up_deadline(&record).status(),
        DeadlineStatus::Met { at: minute(125) }
    );

    let json = serde_json::to_string(&record).unwrap();
    let loaded: ComplaintRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(loaded.follow_up_record(), Some(&complete));
    assert_eq!(loaded.follow_up(), record.follow_up());
    assert!(matches!(
        loaded.into_typed_follow_up(),
        Ok(TypedFollowUp::Completed(_))
    ));
}

// ---- F3: satisfaction --------------------------------------------------------

/// F3: each satisfaction level needs its text: suggestions from a satisfied
/// customer, what to improve from the others. Blank text names the field.
/// A follow-up is completed only after the customer was reached.
#[test]
fn f3_each_satisfaction_level_needs_its_text() {
    let mut record = record_in(StageKind::Executed);
    let complete = |outcome| CompleteFollowUp {
        method: ContactMethod::Phone,
        outcome,
    };
    record
        .apply(attempt_follow_up(false), &ctx(agent(), minute(120)))
        .unwrap();
    assert_eq!(
        refuse_record(
            &mut record,
            complete_follow_up(),
            &ctx(agent(), minute(121))
        ),
        TransitionError::FollowUp(FollowUpError::CustomerNotReached)
    );
    record
        .apply(attempt_follow_up(true), &ctx(agent(), minute(400)))
        .unwrap();

    use FollowUpOutcome::{Dissatisfied, Neutral, Satisfied};
    #[rustfmt::skip]
    let blank = [
        // id  case                              outcome                                     field
        ("F3", "satisfied, blank suggestions",   Satisfied { suggestions: " ".into() },      "outcome.suggestions"),
        ("F3", "neutral, nothing to improve",    Neutral { to_improve: String::new() },      "outcome.to_improve"),
        ("F3", "dissatisfied, blank to improve", Dissatisfied { to_improve: "\n\t".into() }, "outcome.to_improve"),
    ];
    for (rule, case, outcome, field) in blank {
        let at = ctx(agent(), minute(401));
        let error = refuse_record(&mut record, complete(outcome), &at);
        assert_eq!(error, empty(field), "{rule}: {case}");
    }

    #[rustfmt::skip]
    let levels = [
        // id  case            outcome                                                        level
        ("F3", "satisfied",    Satisfied { suggestions: "Keep the same technician".into() },  Satisfaction::Satisfied),
        ("F3", "neutral",      Neutral { to_improve: "Call before coming".into() },           Satisfaction::Neutral),
        ("F3", "dissatisfied", Dissatisfied { to_improve: "The machine still leaks".into() }, Satisfaction::Dissatisfied),
    ];
    for (rule, case, outcome, level) in levels {
        let mut done = record.clone();
        done.apply(complete(outcome.clone()), &ctx(agent(), minute(402)))
            .unwrap();
        let recorded = done.follow_up_record().unwrap();
        assert_eq!(recorded.outcome, outcome, "{rule}: {case}");
        assert_eq!(recorded.outcome.satisfaction(), level, "{rule}: {case}");
        assert_eq!(recorded.outcome.text(), outcome.text(), "{rule}: {case}");
    }
}

/// F3, R7: a dissatisfied customer's complaint is reviewed and reopened: it
/// goes back to `Accepted` for a new round, and the earlier follow-up record
/// stays in the history.
#[test]
fn f3_dissatisfied_customer_reopens_the_complaint() {
    let Ok(TypedFollowUp::Scheduled(scheduled)) = executed().into_record().into_typed_follow_up()
    else {
        panic!("an executed remedy schedules a follow-up");
    };
    let unhappy = dissatisfied("The seal leaks again after two days");
    let record = scheduled
        .apply(attempt_follow_up(true), &ctx(agent(), minute(120)))
        .unwrap()
        .apply(unhappy.clone(), &ctx(agent(), minute(130)))
        .unwrap()
        .into_record();
    assert_eq!(
        record.follow_up_record().map(|r| r.outcome.satisfaction()),
        Some(Satisfaction::Dissatisfied)
    );

    let complaint = complaint_workflow::Complaint::<complaint_workflow::Executed>::try_from(record)
        .unwrap()
        .apply(review(), &ctx(supervisor(), minute(140)))
        .unwrap();
    let reason = Reopen {
        reason: "Follow-up: the customer is dissatisfied, the seal leaks again".into(),
    };
    let reopened = complaint
        .apply(reason.clone(), &ctx(agent(), minute(150)))
        .unwrap();
    assert_eq!(reopened.stage(), StageKind::Accepted);
    let record = reopened.as_record();
    assert_eq!(record.reopen_count(), 1);
    // A new round: nothing to follow up until it is handled again.
    assert_eq!(record.follow_up(), None);
    assert_eq!(record.follow_up_record(), None);
    assert!(
        record
            .entries()
            .iter()
            .any(|entry| entry.event() == &Event::CompleteFollowUp(unhappy.clone())),
        "the dissatisfied record stays in the history"
    );
    assert_eq!(
        record.entries().last().unwrap().event(),
        &Event::Reopen(reason)
    );
}

// ---- F4: quiet hours ---------------------------------------------------------

/// F4: the proposed slot is never inside the customer's quiet hours on their
/// own clock. The same dismissal at 14:30 UTC is 22:30 in Shanghai (quiet:
/// 09:00 the next morning) and 09:30 in New York (at once).
#[test]
fn f4_slot_is_outside_quiet_hours_in_the_customers_zone() {
    let day = |month, day, hour, minute| {
        NaiveDate::from_ymd_opt(2026, month, day)
            .unwrap()
            .and_time(hm(hour, minute))
    };
    let shanghai = member_in("c-shanghai", "Asia/Shanghai");
    let new_york = member_in("c-new-york", "America/New_York");
    // Quiet hours of the customer's own, crossing midnight: 22:30–07:15 in
    // Berlin; and within a day: a lunch break 12:00–14:00 in Shanghai.
    let night_owl = member_in("c-berlin", "Europe/Berlin")
        .with_quiet_hours(QuietHours::new(hm(22, 30), hm(7, 15)));
    let lunch = member_in("c-shanghai", "Asia/Shanghai")
        .with_quiet_hours(QuietHours::new(hm(12, 0), hm(14, 0)));
    // A row: the customer's complaint dismissed at `dismissed` gets its
    // first slot at `slot`, which reads as `reads` on their clock (where checked).
    #[rustfmt::skip]
    let rows = [
        // id  case                                                     customer           dismissed                  slot                       reads
        ("F4", "22:30 in Shanghai: quiet until 09:00 the next morning", shanghai,          utc(2026, 11, 23, 14, 30), utc(2026, 11, 24, 1, 0),   Some(day(11, 24, 9, 0))),
        ("F4", "09:30 in New York: at once",                            new_york.clone(),  utc(2026, 11, 23, 14, 30), utc(2026, 11, 23, 14, 30), Some(day(11, 23, 9, 30))),
        ("F4", "21:30 EST in New York: quiet until 09:00 EST",          new_york.clone(),  utc(2026, 11, 24, 2, 30),  utc(2026, 11, 24, 14, 0),  None),
        ("F4", "the night the clocks go back: 09:00 EST is 14:00 UTC",  new_york,          utc(2026, 11, 1, 3, 0),    utc(2026, 11, 1, 14, 0),   Some(day(11, 1, 9, 0))),
        ("F4", "23:00 CET in Berlin: quiet until 07:15 CET",            night_owl.clone(), utc(2026, 11, 23, 22, 0),  utc(2026, 11, 24, 6, 15),  None),
        ("F4", "22:29 CET in Berlin: not quiet yet, at once",           night_owl,         utc(2026, 11, 23, 21, 29), utc(2026, 11, 23, 21, 29), None),
        ("F4", "12:30 in Shanghai: after the lunch break",              lunch,             utc(2026, 11, 23, 4, 30),  utc(2026, 11, 23, 6, 0),   None),
    ];
    for (rule, case, customer, dismissed, slot, reads) in rows {
        let record = dismissed_at(customer, dismissed);
        let got = status(&record).slot();
        assert_eq!(got, slot, "{rule}: {case}");
        let complainant = record.complainant();
        let zone = complainant.zone.unwrap();
        if let Some(reads) = reads {
            assert_eq!(zone.to_local(got), reads, "{rule}: {case}");
        }
        let quiet = complainant.quiet_hours.unwrap_or_default();
        assert!(
            !quiet.is_quiet_at(got, zone),
            "{rule}: {case}: {got} is quiet in {zone}"
        );
        assert!(got >= status(&record).scheduled_at(), "{rule}: {case}");
    }
}

/// F4: an attempt inside the customer's quiet hours is refused with
/// `QuietHours`, naming the customer's wall-clock time; the same instant is
/// fine for a customer on the other side of the world.
#[test]
fn f4_attempt_inside_quiet_hours_is_refused() {
    let at = utc(2026, 11, 23, 14, 30);
    let night = utc(2026, 11, 24, 3, 0); // 22:00 in New York, 11:00 in Shanghai
    let quiet_in_new_york = |day, hour, minute| {
        Some(TransitionError::FollowUp(FollowUpError::QuietHours {
            local: NaiveDate::from_ymd_opt(2026, 11, day)
                .unwrap()
                .and_time(hm(hour, minute)),
            zone: zone("America/New_York"),
            quiet: QuietHours::default(),
        }))
    };
    // A row: an attempt at `attempt` on the complaint of `customer`,
    // dismissed at 14:30 UTC, refused with `refused` or else recorded.
    #[rustfmt::skip]
    let rows = [
        // id  case                                   customer                                     attempt                    refused
        ("F4", "22:00 in New York is quiet",          member_in("c-new-york", "America/New_York"), night,                     quiet_in_new_york(23, 22, 0)),
        ("F4", "08:59 in New York is still quiet",    member_in("c-new-york", "America/New_York"), utc(2026, 11, 24, 13, 59), quiet_in_new_york(24, 8, 59)),
        ("F4", "09:00 in New York is not",            member_in("c-new-york", "America/New_York"), utc(2026, 11, 24, 14, 0),  None),
        ("F4", "the same night is 11:00 in Shanghai", member_in("c-shanghai", "Asia/Shanghai"),    night,                     None),
    ];
    for (rule, case, customer, attempt, refused) in rows {
        let mut record = dismissed_at(customer, at);
        let event = attempt_follow_up(true);
        match refused {
            Some(expected) => {
                let error = refuse_record(&mut record, event, &ctx(agent(), attempt));
                assert_eq!(error, expected, "{rule}: {case}");
            }
            None => {
                record.apply(event, &ctx(agent(), attempt)).unwrap();
                assert_eq!(status(&record).attempts(), 1, "{rule}: {case}");
            }
        }
    }
}

/// F4, F7: a time the customer asked for is accepted even inside their quiet
/// hours and recorded as `customer_requested: true`; an attempt at that time
/// (up to the policy's tolerance, 60 minutes) is then allowed. An agreed time
/// inside the quiet hours that the customer did not ask for is refused.
#[test]
fn f4_customer_requested_time_may_be_inside_quiet_hours() {
    let at = utc(2026, 11, 23, 14, 30);
    let requested = utc(2026, 11, 25, 2, 30); // 21:30 EST on 11-24
    let mut record = dismissed_at(member_in("c-new-york", "America/New_York"), at);

    let not_asked = RescheduleFollowUp {
        at: requested,
        customer_requested: false,
    };
    assert!(matches!(
        refuse_record(
            &mut record,
            not_asked,
            &ctx(agent(), at + Duration::minutes(5))
        ),
        TransitionError::FollowUp(FollowUpError::QuietHours { .. })
    ));

    let asked = RescheduleFollowUp {
        at: requested,
        customer_requested: true,
    };
    let appended = record
        .apply(asked.clone(), &ctx(agent(), at + Duration::minutes(5)))
        .unwrap();
    assert_eq!(appended[0].event(), &Event::RescheduleFollowUp(asked));
    assert_eq!(
        status(&record).agreed(),
        Some(AgreedTime {
            at: requested,
            customer_requested: true
        })
    );
    assert_eq!(status(&record).slot(), requested);

    // Ten minutes early, or ninety minutes late, is the quiet hours again.
    for off in [-10, 90] {
        assert!(matches!(
            refuse_record(
                &mut record,
                attempt_follow_up(true),
                &ctx(agent(), requested + Duration::minutes(off))
            ),
            TransitionError::FollowUp(FollowUpError::QuietHours { .. })
        ));
    }
    record
        .apply(
            attempt_follow_up(true),
            &ctx(agent(), requested + Duration::minutes(10)),
        )
        .unwrap();
    assert_eq!(status(&record).attempts(), 1);

    // A time in the past is no agreement.
    assert!(matches!(
        refuse_record(
            &mut record,
            RescheduleFollowUp {
                at: requested,
                customer_requested: true
            },
            &ctx(agent(), requested + Duration::minutes(20))
        ),
        TransitionError::Field(FieldError::DeadlineNotAhead { ref field, .. }) if field == "at"
    ));
}

// ---- F5: 100% of members -----------------------------------------------------

/// F5: a member's complaint is not closed while its follow-up is outstanding
/// (`FollowUpOutstanding`); the follow-up is given up only after every
/// attempt the policy allows (3) missed the customer (`AttemptsRemaining`);
/// once exhausted, the complaint closes.
#[test]
fn f5_member_complaint_closes_only_after_follow_up() {
    let mut record = record_in(StageKind::Reviewed); // executed 09:50, reviewed 10:00
    assert!(record.complainant().member);
    let close = Close {
        note: Some("Done".into()),
    };
    let give_up = || GiveUpFollowUp {
        note: "Three calls, no answer".into(),
    };

    assert_eq!(
        refuse_record(&mut record, close.clone(), &ctx(agent(), minute(70))),
        TransitionError::FollowUp(FollowUpError::FollowUpOutstanding {
            stage: FollowUpStageKind::Scheduled
        })
    );
    assert_eq!(
        refuse_record(&mut record, give_up(), &ctx(agent(), minute(70))),
        TransitionError::FollowUp(FollowUpError::FollowUpNotAllowed {
            event: EventKind::GiveUpFollowUp,
            stage: FollowUpStageKind::Scheduled
        })
    );

    // Three missed calls, each at the proposed slot: 11:00, 15:00, 19:00 UTC.
    let mut at = minute(120);
    for made in 1..=3 {
        record
            .apply(attempt_follow_up(false), &ctx(agent(), at))
            .unwrap();
        if made < 3 {
            assert_eq!(
                refuse_record(&mut record, close.clone(), &ctx(agent(), at)),
                TransitionError::FollowUp(FollowUpError::FollowUpOutstanding {
                    stage: FollowUpStageKind::Attempted
                })
            );
            assert_eq!(
                refuse_record(&mut record, give_up(), &ctx(agent(), at)),
                TransitionError::FollowUp(FollowUpError::AttemptsRemaining { made, allowed: 3 })
            );
            at = status(&record).slot();
        }
    }
    assert_eq!(at, utc(2026, 11, 23, 19, 0));
    assert_eq!(
        refuse_record(
            &mut record,
            GiveUpFollowUp { note: " ".into() },
            &ctx(agent(), at)
        ),
        empty("note")
    );
    record.apply(give_up(), &ctx(agent(), at)).unwrap();
    assert_eq!(status(&record).stage(), FollowUpStageKind::Exhausted);
    assert_eq!(
        follow_up_deadline(&record).status(),
        DeadlineStatus::Met { at }
    );
    record.apply(close, &ctx(agent(), at)).unwrap();
    assert_eq!(record.stage(), StageKind::Closed);
}

/// F5: a customer reached on the last allowed attempt is not given up on: the
/// follow-up is completed instead. On the typed face the refusal hands the
/// follow-up back unchanged.
#[test]
fn f5_reached_customer_is_not_given_up() {
    let mut record = record_in(StageKind::Executed);
    for (at, reached) in [(120, false), (360, false), (600, true)] {
        record
            .apply(attempt_follow_up(reached), &ctx(agent(), minute(at)))
            .unwrap();
    }
    let Ok(TypedFollowUp::Attempted(attempted)) = record.into_typed_follow_up() else {
        panic!("an attempted follow-up");
    };
    let before = attempted.clone();
    let rejected = attempted
        .apply(
            GiveUpFollowUp {
                note: "Gave up".into(),
            },
            &ctx(agent(), minute(601)),
        )
        .unwrap_err();
    assert_eq!(
        rejected.error(),
        &TransitionError::FollowUp(FollowUpError::CustomerWasReached)
    );
    assert_eq!(rejected.complaint(), &before);
    let completed = rejected
        .into_complaint()
        .apply(complete_follow_up(), &ctx(agent(), minute(602)))
        .unwrap();
    assert_eq!(completed.stage(), FollowUpStageKind::Completed);
}

/// F5: members are followed up even under a policy that does not follow up
/// non-members; a non-member's handled complaint then closes without one.
#[test]
fn f5_every_member_is_followed_up_even_when_non_members_are_not() {
    let members_only = Policy::builder()
        .follow_up_non_members(false)
        .build()
        .unwrap();
    let at = |actor, t| complaint_workflow::Context::new(actor, t, &members_only);
    for member in [true, false] {
        let complainant = if member {
            Complainant::member("c-1")
        } else {
            Complainant::new("c-1")
        };
        let form = accept_of(
            complainant,
            start(),
            "repair",
            complaint_workflow::Severity::Medium,
        );
        let mut record = ComplaintRecord::accept(form, &at(agent(), start())).unwrap();
        record.apply(dismiss(), &at(agent(), minute(10))).unwrap();
        record
            .apply(review(), &at(supervisor(), minute(20)))
            .unwrap();
        let close = Close { note: None };
        if member {
            assert_eq!(status(&record).stage(), FollowUpStageKind::Scheduled);
            assert_eq!(
                refuse_record(&mut record, close, &at(agent(), minute(30))),
                TransitionError::FollowUp(FollowUpError::FollowUpOutstanding {
                    stage: FollowUpStageKind::Scheduled
                })
            );
        } else {
            assert_eq!(record.follow_up(), None);
            record.apply(close, &at(agent(), minute(30))).unwrap();
            assert_eq!(record.stage(), StageKind::Closed);
        }
    }
}

/// F5: a member's complaint whose remedy was executed must not be closed
/// without a follow-up, even after it was reopened and then withdrawn: the
/// reopening drops the outstanding follow-up of the first round, and the
/// withdrawn second round schedules none.
#[test]
// Passes once either the reopening is refused while the follow-up is
// outstanding, or the closing is refused because an earlier round's follow-up
// was never done.
fn f5_reopening_does_not_skip_the_outstanding_follow_up() {
    let mut record = record_in(StageKind::Reviewed);
    assert_eq!(status(&record).stage(), FollowUpStageKind::Scheduled);
    let reopened = record.apply(
        Reopen {
            reason: "The customer called before the follow-up".into(),
        },
        &ctx(agent(), minute(70)),
    );
    if reopened.is_ok() {
        record
            .apply(
                complaint_workflow::event::Withdraw {
                    reason: "The customer gave up on the complaint".into(),
                },
                &ctx(agent(), minute(80)),
            )
            .unwrap();
        record
            .apply(review(), &ctx(supervisor(), minute(90)))
            .unwrap();
        let closed = record.apply(Close { note: None }, &ctx(agent(), minute(100)));
        assert!(
            closed.is_err(),
            "a member's executed remedy was never followed up, yet the complaint closed"
        );
    }
}

// ---- F6: complete records ----------------------------------------------------

/// F6: a follow-up record without its required fields is an error naming
/// the field, never a partial record: on the stored face (blank text), and
/// in a JSON event (a missing `method` or text does not deserialize).
#[test]
fn f6_incomplete_record_is_an_error_naming_the_field() {
    let mut record = record_in(StageKind::Executed);
    record
        .apply(attempt_follow_up(true), &ctx(agent(), minute(120)))
        .unwrap();
    let version = record.version();
    assert_eq!(
        refuse_record(&mut record, dissatisfied("   "), &ctx(agent(), minute(121))),
        empty("outcome.to_improve")
    );
    assert_eq!(record.version(), version);
    assert_eq!(record.follow_up_record(), None);

    let complete = serde_json::json!({
        "type": "complete_follow_up",
        "data": {
            "method": "phone",
            "outcome": { "satisfaction": "satisfied", "suggestions": "None, thank you" }
        }
    });
    let event: Event = serde_json::from_value(complete.clone()).unwrap();
    assert_eq!(event, Event::CompleteFollowUp(complete_follow_up()));

    let mut without_method = complete.clone();
    without_method["data"]
        .as_object_mut()
        .unwrap()
        .remove("method");
    let error = serde_json::from_value::<Event>(without_method).unwrap_err();
    assert!(error.to_string().contains("method"), "{error}");

    let mut without_text = complete.clone();
    without_text["data"]["outcome"]
        .as_object_mut()
        .unwrap()
        .remove("suggestions");
    let error = serde_json::from_value::<Event>(without_text).unwrap_err();
    assert!(error.to_string().contains("suggestions"), "{error}");

    let mut without_level = complete;
    without_level["data"]["outcome"]
        .as_object_mut()
        .unwrap()
        .remove("satisfaction");
    assert!(serde_json::from_value::<Event>(without_level).is_err());

    // A deserialized event with blank text is refused like any other.
    let blank: Event = serde_json::from_value(serde_json::json!({
        "type": "complete_follow_up",
        "data": {
            "method": "email",
            "outcome": { "satisfaction": "neutral", "to_improve": "" }
        }
    }))
    .unwrap();
    assert_eq!(
        refuse_record(&mut record, blank, &ctx(agent(), minute(122))),
        empty("outcome.to_improve")
    );
}

// ---- F7: within three days, retries, agreed times ------------------------------

/// F7: the follow-up is due 3 days after the remedy is executed or the
/// dismissal replied; the deadline and the first slot are recorded as
/// effects on that entry, so a stored history gives them back.
#[test]
fn f7_follow_up_due_three_days_after_execution_or_dismissal() {
    #[rustfmt::skip]
    let rows = [
        // id  case                              stage                 handled_at
        ("F7", "three days after the execution", StageKind::Executed,  minute(50)),
        ("F7", "three days after the dismissal", StageKind::Dismissed, minute(10)),
    ];
    for (rule, case, stage, handled_at) in rows {
        let record = record_in(stage);
        let deadline = follow_up_deadline(&record);
        assert_eq!(deadline.started_at(), handled_at, "{rule}: {case}");
        assert_eq!(
            deadline.due(),
            handled_at + Duration::days(3),
            "{rule}: {case}"
        );
        assert_eq!(deadline.status(), DeadlineStatus::Open, "{rule}: {case}");
        assert_eq!(status(&record).scheduled_at(), handled_at, "{rule}: {case}");
        assert_eq!(status(&record).slot(), handled_at, "{rule}: {case}");
        assert_eq!(status(&record).max_attempts(), 3, "{rule}: {case}");

        let entry = record.entries().last().unwrap();
        assert_eq!(entry.at(), handled_at, "{rule}: {case}");
        assert_eq!(deadline.opened_by(), entry.sequence(), "{rule}: {case}");
        let stored = serde_json::to_value(entry).unwrap();
        let effects = stored["effects"].as_array().unwrap();
        let time = |t: DateTime<Utc>| serde_json::to_value(t).unwrap();
        assert!(
            effects.contains(&serde_json::json!({
                "effect": "open_deadline",
                "kind": "follow_up",
                "started_at": time(handled_at),
                "due": time(handled_at + Duration::days(3)),
                "clock": "calendar",
            })),
            "{rule}: {case}: {stored}"
        );
        assert!(
            effects.contains(&serde_json::json!({
                "effect": "schedule_follow_up",
                "slot": time(handled_at),
                "max_attempts": 3,
            })),
            "{rule}: {case}: {stored}"
        );

        let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
        assert_eq!(replayed.follow_up(), record.follow_up(), "{rule}: {case}");
        assert_eq!(follow_up_deadline(&replayed), deadline, "{rule}: {case}");
    }
    // Nothing before: the open stages schedule no follow-up.
    assert_eq!(record_in(StageKind::Approved).follow_up(), None);
    assert!(
        record_in(StageKind::Withdrawn)
            .deadlines()
            .iter()
            .all(|deadline| deadline.kind() != DeadlineKind::FollowUp)
    );
}

/// F7, F4: a customer who was not reached gets a further attempt, at least
/// 4 hours later and again outside their quiet hours; after the last
/// allowed attempt no further slot is proposed.
#[test]
fn f7_unreachable_customer_gets_a_retry_outside_quiet_hours() {
    let shanghai = zone("Asia/Shanghai");
    let quiet = QuietHours::default();
    let mut record = dismissed_at(
        member_in("c-shanghai", "Asia/Shanghai"),
        utc(2026, 11, 23, 14, 30),
    );

    // 20:00 in Shanghai: four hours later is midnight, so 09:00 the next day.
    let missed = utc(2026, 11, 24, 12, 0);
    let appended = record
        .apply(attempt_follow_up(false), &ctx(agent(), missed))
        .unwrap();
    let stored = serde_json::to_value(&appended[0]).unwrap();
    assert_eq!(
        stored["effects"],
        serde_json::json!([{ "effect": "retry_follow_up", "slot": "2026-11-25T01:00:00Z" }])
    );
    let retry = status(&record).slot();
    assert_eq!(retry, utc(2026, 11, 25, 1, 0));
    assert!(retry >= missed + Duration::hours(4));
    assert!(!quiet.is_quiet_at(retry, shanghai));

    // 09:00 in Shanghai: the next slot is four hours later, 13:00.
    record
        .apply(attempt_follow_up(false), &ctx(agent(), retry))
        .unwrap();
    let second_retry = status(&record).slot();
    assert_eq!(second_retry, retry + Duration::hours(4));
    assert!(!quiet.is_quiet_at(second_retry, shanghai));

    // The third and last allowed attempt: no further slot.
    let appended = record
        .apply(attempt_follow_up(false), &ctx(agent(), second_retry))
        .unwrap();
    assert!(serde_json::to_value(&appended[0]).unwrap()["effects"].is_null());
    assert_eq!(status(&record).slot(), second_retry);
    assert_eq!(status(&record).attempts(), 3);

    // A reached customer gets no retry either.
    let mut reached = record_in(StageKind::Executed);
    reached
        .apply(attempt_follow_up(true), &ctx(agent(), minute(120)))
        .unwrap();
    assert_eq!(status(&reached).slot(), minute(50));
}

/// F7: a time agreed with the customer replaces the proposed slot; a missed
/// call at the agreed time gets a fresh proposed slot.
#[test]
fn f7_agreed_time_overrides_the_slot() {
    let mut record = record_in(StageKind::Executed);
    assert_eq!(status(&record).slot(), minute(50));
    let agreed = utc(2026, 11, 25, 10, 30);
    record
        .apply(
            RescheduleFollowUp {
                at: agreed,
                customer_requested: false,
            },
            &ctx(agent(), minute(60)),
        )
        .unwrap();
    assert_eq!(status(&record).slot(), agreed);
    assert_eq!(
        status(&record).agreed(),
        Some(AgreedTime {
            at: agreed,
            customer_requested: false
        })
    );
    assert_eq!(status(&record).stage(), FollowUpStageKind::Scheduled);

    // The customer did not pick up at the agreed time.
    record
        .apply(attempt_follow_up(false), &ctx(agent(), agreed))
        .unwrap();
    assert_eq!(status(&record).agreed(), None);
    assert_eq!(status(&record).slot(), agreed + Duration::hours(4));

    // A new agreement replaces the proposed retry.
    let again = utc(2026, 11, 26, 9, 15);
    record
        .apply(
            RescheduleFollowUp {
                at: again,
                customer_requested: true,
            },
            &ctx(agent(), agreed + Duration::minutes(1)),
        )
        .unwrap();
    assert_eq!(status(&record).slot(), again);
    assert_eq!(status(&record).stage(), FollowUpStageKind::Attempted);

    // Rescheduling is a follow-up event: not before the remedy.
    let mut open = record_in(StageKind::Proposed);
    assert_eq!(
        refuse_record(
            &mut open,
            RescheduleFollowUp {
                at: agreed,
                customer_requested: false
            },
            &ctx(agent(), minute(60))
        ),
        TransitionError::NotAllowed {
            event: EventKind::RescheduleFollowUp,
            stage: StageKind::Proposed
        }
    );
}

/// F5 on the typed face: `Complaint<Reviewed>` takes `Close` only once the
/// follow-up is done; the refusal hands the complaint back.
#[test]
fn f5_typed_close_waits_for_the_follow_up() {
    let complaint = reviewed();
    let before = complaint.clone();
    let rejected = complaint
        .apply(Close { note: None }, &ctx(agent(), minute(70)))
        .unwrap_err();
    assert_eq!(
        rejected.error(),
        &TransitionError::FollowUp(FollowUpError::FollowUpOutstanding {
            stage: FollowUpStageKind::Scheduled
        })
    );
    assert_eq!(rejected.complaint(), &before);
}

/// F1 with R7: a retry slot belongs to an attempt that missed the customer;
/// replay refuses one recorded on an attempt that reached them.
#[test]
fn f1_replay_refuses_a_retry_after_a_reached_attempt() {
    let mut record = record_in(StageKind::Executed);
    record
        .apply(attempt_follow_up(false), &ctx(agent(), minute(120)))
        .unwrap();
    let missed = record.entries().last().unwrap();
    assert!(
        !missed.decisions().is_empty(),
        "a missed attempt records its retry slot"
    );
    let sequence = missed.sequence();
    assert_eq!(
        ComplaintRecord::replay(record.entries().to_vec()).as_ref(),
        Ok(&record)
    );

    let mut stored: Vec<serde_json::Value> = record
        .entries()
        .iter()
        .map(|entry| serde_json::to_value(entry).unwrap())
        .collect();
    let last = stored.last_mut().unwrap();
    assert_eq!(last["event"]["data"]["reached"], false);
    last["event"]["data"]["reached"] = serde_json::json!(true);
    let tampered: Vec<complaint_workflow::record::Entry> = stored
        .into_iter()
        .map(|value| serde_json::from_value(value).unwrap())
        .collect();
    assert_eq!(
        ComplaintRecord::replay(tampered),
        Err(complaint_workflow::ReplayError::InvalidDecision {
            sequence,
            reason: complaint_workflow::error::DecisionError::RetryNotAllowed,
        })
    );
}
