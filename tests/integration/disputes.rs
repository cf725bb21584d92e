//! D1 (ISO 10002 closing; the CFPB's "consumer disputed"; FCA DISP 1.6):
//! after the final response the customer may dispute it within the policy's
//! window; the complaint goes back to be judged, as a reopen, and the
//! dispute is counted (S1).

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::deadline::{DeadlineKind, DeadlineStatus};
use complaint_workflow::error::{FollowUpError, RecourseError};
use complaint_workflow::event::{Dispute, Reopen};
use complaint_workflow::followup::FollowUpStageKind;
use complaint_workflow::policy::DEFAULT_DISPUTE_WINDOW;
use complaint_workflow::report::{ClassificationReport, Period, Recourse};
use complaint_workflow::time::{BusinessCalendar, TimeLimit, Zone};
use complaint_workflow::{
    Category, ComplaintRecord, Context, EventKind, Policy, Severity, StageKind, TransitionError,
};

use super::support::{
    accept_of, agent, attempt_follow_up, complete_follow_up, ctx, dismiss, executed, member_in,
    minute, note, record_in, refuse_record, review, steps_to, supervisor, uphold,
};

fn dispute() -> Dispute {
    Dispute {
        reason: "The voucher does not cover the second repair".into(),
    }
}

/// `record` with its follow-up attempted and completed at minutes 70 and 80
/// (F5: a dispute, like a reopen, waits for the follow-up of its round).
fn followed_up(mut record: ComplaintRecord) -> ComplaintRecord {
    record
        .apply(attempt_follow_up(true), &ctx(agent(), minute(70)))
        .unwrap();
    record
        .apply(complete_follow_up(), &ctx(agent(), minute(80)))
        .unwrap();
    record
}

/// A policy whose dispute window is `window`.
fn window(window: TimeLimit) -> Policy {
    Policy::builder()
        .dispute_window(window)
        .build()
        .expect("a valid policy")
}

/// D1: the default window is the FCA's six months from the final response,
/// as 184 calendar days (the longest six calendar months); a zero window is
/// refused like any zero limit.
#[test]
fn d1_the_default_window_is_six_months() {
    assert_eq!(DEFAULT_DISPUTE_WINDOW, TimeLimit::CalendarDays(184));
    assert_eq!(Policy::default().dispute_window(), DEFAULT_DISPUTE_WINDOW);
    assert_eq!(
        window(TimeLimit::BusinessDays(20)).dispute_window(),
        TimeLimit::BusinessDays(20)
    );
    let zero = Policy::builder()
        .dispute_window(TimeLimit::CalendarDays(0))
        .build()
        .unwrap_err();
    assert_eq!(
        zero.to_string(),
        "the time limit `dispute_window` is zero; a deadline needs time"
    );
}

/// D1: a dispute sends an executed complaint back to be judged: a new round
/// without the earlier judgment, findings, remedy or follow-up, which the
/// history keeps; it is counted as a dispute, not as a reopen, and W6 counts
/// the round.
#[test]
fn d1_a_dispute_sends_the_complaint_back_to_be_judged() {
    let mut record = followed_up(record_in(StageKind::Executed));
    assert!(record.execution().is_some());
    record.apply(dispute(), &ctx(agent(), minute(90))).unwrap();

    assert_eq!(record.stage(), StageKind::Accepted);
    assert_eq!(record.judgment(), None);
    assert_eq!(record.findings(), None);
    assert_eq!(record.execution(), None);
    assert_eq!(record.follow_up(), None);
    assert_eq!(record.handled_at(), None);
    assert_eq!(record.dispute_count(), 1);
    assert_eq!(record.reopen_count(), 0);
    assert!(record.can(EventKind::Uphold));
    let accounting = record
        .time_accounting(minute(90), &BusinessCalendar::default())
        .unwrap();
    assert_eq!(accounting.rounds, 2, "W6: the dispute starts a round");
    assert!(accounting.first_resolution.is_some());

    // The second round is judged afresh, with its own investigation time.
    record
        .apply(uphold(minute(100)), &ctx(agent(), minute(100)))
        .unwrap();
    assert_eq!(record.stage(), StageKind::Judged);
    let investigations = record
        .deadlines()
        .iter()
        .filter(|deadline| deadline.kind() == DeadlineKind::Investigation)
        .count();
    assert_eq!(investigations, 2);
}

/// D1: the stages that follow a final response take a dispute (executed,
/// dismissed, reviewed, closed), on both faces; a withdrawn complaint has no
/// final response: refused in `withdrawn` by the table, in `reviewed` and
/// `closed` by the rule.
#[test]
fn d1_a_dispute_follows_a_final_response_only() {
    // (stage, walk): the follow-up done where it was scheduled.
    let answered = [
        (
            StageKind::Executed,
            followed_up(record_in(StageKind::Executed)),
        ),
        (
            StageKind::Dismissed,
            followed_up(record_in(StageKind::Dismissed)),
        ),
        (
            StageKind::Reviewed,
            followed_up(record_in(StageKind::Reviewed)),
        ),
        (StageKind::Closed, record_in(StageKind::Closed)),
    ];
    for (stage, mut record) in answered {
        assert_eq!(record.stage(), stage);
        assert!(record.can(EventKind::Dispute), "{stage}");
        record
            .apply(dispute(), &ctx(agent(), minute(100)))
            .unwrap_or_else(|error| panic!("a dispute in {stage}: {error}"));
        assert_eq!(record.stage(), StageKind::Accepted, "{stage}");
    }

    let mut withdrawn = record_in(StageKind::Withdrawn);
    assert_eq!(
        refuse_record(&mut withdrawn, dispute(), &ctx(agent(), minute(100))),
        TransitionError::NotAllowed {
            event: EventKind::Dispute,
            stage: StageKind::Withdrawn
        }
    );
    let mut reviewed = record_in(StageKind::Withdrawn);
    reviewed
        .apply(review(), &ctx(supervisor(), minute(20)))
        .unwrap();
    assert_eq!(
        refuse_record(&mut reviewed, dispute(), &ctx(agent(), minute(100))),
        TransitionError::Recourse(RecourseError::NoFinalResponse)
    );
    assert_eq!(reviewed.dispute_window_ends(&Policy::default()), Ok(None));

    // The typed face: an executed complaint, followed up, disputed.
    let disputed = executed()
        .apply(attempt_follow_up(true), &ctx(agent(), minute(70)))
        .unwrap()
        .apply(complete_follow_up(), &ctx(agent(), minute(80)))
        .unwrap()
        .apply(dispute(), &ctx(agent(), minute(90)))
        .unwrap();
    assert_eq!(disputed.stage(), StageKind::Accepted);
    assert_eq!(disputed.as_record().dispute_count(), 1);
}

/// D1, F5: as a reopen, a dispute waits for the follow-up of the disputed
/// round, so that the new round never hides it.
#[test]
fn d1_a_dispute_waits_for_the_follow_up() {
    let mut record = record_in(StageKind::Executed);
    assert_eq!(
        refuse_record(&mut record, dispute(), &ctx(agent(), minute(60))),
        TransitionError::FollowUp(FollowUpError::FollowUpOutstanding {
            stage: FollowUpStageKind::Scheduled
        })
    );
}

/// D1: outside the window the dispute is refused with the window's end;
/// at its very end it is still on time. The window counts from the final
/// response (the execution at minute 50), not from the review or the closing.
#[test]
fn d1_outside_the_window_a_dispute_is_refused_naming_its_end() {
    let policy = window(TimeLimit::CalendarDays(30));
    let record = record_in(StageKind::Closed);
    let final_response = minute(50);
    let ends = final_response + Duration::days(30);
    assert_eq!(record.handled_at(), Some(final_response));
    assert_eq!(record.dispute_window_ends(&policy), Ok(Some(ends)));

    let late = ends + Duration::seconds(1);
    let mut refused = record.clone();
    let before = refused.clone();
    let error = refused
        .apply(dispute(), &Context::new(agent(), late, &policy))
        .unwrap_err();
    assert_eq!(
        error,
        TransitionError::Recourse(RecourseError::WindowClosed {
            final_response_at: final_response,
            window_ends: ends,
            at: late,
        })
    );
    assert_eq!(refused, before, "a refused dispute changes nothing");
    assert_eq!(
        error.to_string(),
        "the window to dispute the final response of 2026-11-23 09:50:00 UTC ended at \
         2026-12-23 09:50:00 UTC; the event is at 2026-12-23 09:50:01 UTC"
    );

    let mut on_time = record;
    on_time
        .apply(dispute(), &Context::new(agent(), ends, &policy))
        .unwrap();
    assert_eq!(on_time.stage(), StageKind::Accepted);
}

/// D1: a window of business days counts on the policy's calendar: ten
/// working days from Monday 23 November 09:50 end on Monday 7 December.
#[test]
fn d1_a_window_of_business_days_counts_working_days() {
    let policy = window(TimeLimit::BusinessDays(10));
    let record = record_in(StageKind::Closed);
    let ends = Utc.with_ymd_and_hms(2026, 12, 7, 9, 50, 0).unwrap();
    assert_eq!(record.dispute_window_ends(&policy), Ok(Some(ends)));
    let mut late = record.clone();
    let error = late
        .apply(
            dispute(),
            &Context::new(agent(), ends + Duration::minutes(1), &policy),
        )
        .unwrap_err();
    assert!(matches!(
        error,
        TransitionError::Recourse(RecourseError::WindowClosed { window_ends, .. }) if window_ends == ends
    ));
}

/// D1: the window is the policy's, so replay does not ask it: a dispute
/// made under a six-month window replays, although a later, narrower policy
/// would refuse it.
#[test]
fn d1_replay_keeps_a_dispute_made_under_an_earlier_window() {
    let mut record = record_in(StageKind::Closed);
    let at = minute(50) + Duration::days(100);
    record
        .apply(dispute(), &Context::new(agent(), at, &Policy::default()))
        .unwrap();
    let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
    assert_eq!(replayed, record);

    let mut again = record_in(StageKind::Closed);
    let narrow = window(TimeLimit::CalendarDays(30));
    assert!(matches!(
        again.apply(dispute(), &Context::new(agent(), at, &narrow)),
        Err(TransitionError::Recourse(
            RecourseError::WindowClosed { .. }
        ))
    ));
}

/// D1, W4: a dispute opens the deadlines a reopen opens (the duty to keep
/// the customer informed, from the dispute) and nothing else.
#[test]
fn d1_the_deadlines_behave_as_for_a_reopen() {
    let policy = Policy::builder()
        .progress_updates(Some(TimeLimit::BusinessDays(5)))
        .build()
        .unwrap();
    let walk = || {
        let mut record = followed_up(record_in(StageKind::Reviewed));
        // The walk ran under the test policy; the last step runs under `policy`.
        record
            .apply(note("before"), &ctx(agent(), minute(85)))
            .unwrap();
        record
    };
    let at = minute(90);
    let mut disputed = walk();
    disputed
        .apply(dispute(), &Context::new(agent(), at, &policy))
        .unwrap();
    let mut reopened = walk();
    reopened
        .apply(
            Reopen {
                reason: "The customer is not satisfied".into(),
            },
            &Context::new(agent(), at, &policy),
        )
        .unwrap();
    assert_eq!(disputed.deadlines(), reopened.deadlines());
    assert_eq!(
        disputed.entries().last().unwrap().decisions(),
        reopened.entries().last().unwrap().decisions()
    );
    let progress: Vec<_> = disputed
        .deadlines()
        .iter()
        .filter(|deadline| deadline.kind() == DeadlineKind::ProgressUpdate)
        .filter(|deadline| deadline.status() == DeadlineStatus::Open)
        .map(|deadline| (deadline.started_at(), deadline.due()))
        .collect();
    assert_eq!(
        progress,
        [(at, Utc.with_ymd_and_hms(2026, 11, 30, 10, 30, 0).unwrap())]
    );
}

/// `n` complaints of `category` received at `at`, each closed the usual way.
fn closed_in(category: &str, n: usize, at: DateTime<Utc>) -> Vec<ComplaintRecord> {
    (0..n)
        .map(|_| {
            let accept = accept_of(
                member_in("customer-42", "UTC"),
                at,
                category,
                Severity::Medium,
            );
            let mut record = ComplaintRecord::accept(accept, &ctx(agent(), at)).unwrap();
            for step in steps_to(StageKind::Closed) {
                record.apply(step.event, &ctx(step.actor, step.at)).unwrap();
            }
            record
        })
        .collect()
}

/// D1, S1: the classification report counts, per category, the complaints
/// disputed (each once, however often) and gives the rate of the
/// category's complaints.
#[test]
fn d1_s1_counts_disputed_complaints_per_category() {
    let mut repairs = closed_in("repair", 4, minute(0));
    let delivery = closed_in("delivery", 2, minute(0));
    // Two repairs disputed, one of them twice.
    for record in repairs.iter_mut().take(2) {
        record.apply(dispute(), &ctx(agent(), minute(100))).unwrap();
    }
    repairs[0]
        .apply(dismiss(), &ctx(agent(), minute(110)))
        .unwrap();
    repairs[0]
        .apply(attempt_follow_up(true), &ctx(agent(), minute(120)))
        .unwrap();
    repairs[0]
        .apply(complete_follow_up(), &ctx(agent(), minute(130)))
        .unwrap();
    repairs[0]
        .apply(dispute(), &ctx(agent(), minute(140)))
        .unwrap();
    assert_eq!(repairs[0].dispute_count(), 2);

    let november = Period::month(2026, 11, Zone::Utc).unwrap();
    let report = ClassificationReport::compute(repairs.iter().chain(&delivery), &november);
    let repair = Category::new("repair");
    let courier = Category::new("delivery");
    assert_eq!(
        report.recourse_by_category.get(&repair),
        Some(&Recourse {
            disputed: 2,
            referred: 0
        })
    );
    assert_eq!(report.recourse_by_category.get(&courier), None);
    assert_eq!(report.dispute_rate(&repair).to_string(), "50.0 % (2 of 4)");
    assert_eq!(report.dispute_rate(&courier).to_string(), "0.0 % (0 of 2)");
    assert_eq!(
        report.dispute_rate(&Category::new("billing")).to_string(),
        "- (0 of 0)"
    );
    let csv = report.to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines.contains(&"disputed,repair,2,,,"), "{csv}");
    assert!(lines.contains(&"referred,repair,0,,,"), "{csv}");
    assert!(!csv.contains("disputed,delivery"), "{csv}");
    let text = report.to_string();
    assert!(text.contains("50.0 % (2 of 4)"), "{text}");

    // S3: the report of two halves is the report of the whole.
    let (first, second) = repairs.split_at(1);
    let merged = ClassificationReport::compute(first, &november).merge(
        ClassificationReport::compute(second.iter().chain(&delivery), &november),
    );
    assert_eq!(merged.recourse_by_category, report.recourse_by_category);
}
