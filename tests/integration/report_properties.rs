//! Properties of the reports (S1–S4) over random sets of histories: counts
//! that add up, one outcome per complaint, coverage equal to a brute-force
//! count from what was built, and the report over two adjacent periods equal
//! to the merge of their reports.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::{
    Category, Channel, Complainant, ComplaintRecord, EventKind, Severity, StageKind,
    event::{FollowUpOutcome, RootCause},
    report::{
        BreachReport, ClassificationReport, Clock, ComplaintOutcome, FollowUpSummary, Period,
        TimeMeasure,
    },
    time::{BusinessCalendar, QuietHours, Zone},
};
use proptest::prelude::*;

use super::reports::{
    Walk, approve, attempt, close, complete, dismiss, execute, give_up, investigate, propose,
    resolve, review, uphold, utc, withdraw,
};

/// How far a complaint's handling goes.
#[derive(Clone, Copy, Debug)]
enum Path {
    /// Stops in an open stage: 0 accepted, 1 judged, 2 investigated, 3 proposed, 4 approved.
    Open(u8),
    /// Upheld, investigated, proposed, approved, executed.
    Executed,
    /// Dismissed.
    Dismissed,
    /// Withdrawn after this many steps of the upheld path (0 to 4).
    Withdrawn(u8),
    /// T5: resolved on the first contact.
    Fast,
}

/// What happens to the follow-up of a handled complaint.
#[derive(Clone, Copy, Debug)]
enum FollowUpPlan {
    /// Nothing yet: pending.
    Pending,
    /// `misses` missed attempts, then reached and completed with `level` (0 satisfied, 1 neutral, 2 dissatisfied).
    Completed { misses: u8, level: u8, text: u8 },
    /// Three missed attempts, then given up (F5).
    Exhausted,
}

/// One random complaint.
#[derive(Clone, Debug)]
pub(super) struct Plan {
    received_minute: i64,
    accept_delay: i64,
    channel: usize,
    category: usize,
    severity: usize,
    member: bool,
    path: Path,
    gaps: Vec<i64>,
    follow_up: FollowUpPlan,
    review: bool,
    close: bool,
    reopen: bool,
}

/// What was built, as the test knows it without asking the reports.
pub(super) struct Built {
    pub(super) record: ComplaintRecord,
    outcome: ComplaintOutcome,
    /// When the current round was handled, and when its follow-up was done.
    handled_at: Option<DateTime<Utc>>,
    done_at: Option<DateTime<Utc>>,
    member: bool,
}

const CHANNELS: [Channel; 5] = [
    Channel::Phone,
    Channel::Online,
    Channel::Email,
    Channel::Sms,
    Channel::Letter,
];
const CATEGORIES: [&str; 4] = ["delivery", "billing", "repair", "product, quality"];
const TEXTS: [&str; 3] = ["Too slow", "too  SLOW", "Nobody called back, twice"];

/// 2026-10-01 00:00 UTC: the earliest receipt.
pub(super) fn origin() -> DateTime<Utc> {
    utc(2026, 10, 1, 0, 0)
}

/// 2027-01-01 00:00 UTC: after the latest receipt.
pub(super) fn horizon() -> DateTime<Utc> {
    utc(2027, 1, 1, 0, 0)
}

/// When the breach reports are judged: after every event.
pub(super) fn now() -> DateTime<Utc> {
    utc(2027, 6, 1, 0, 0)
}

fn plan() -> impl Strategy<Value = Plan> {
    let path = prop_oneof![
        (0_u8..=4).prop_map(Path::Open),
        Just(Path::Executed),
        Just(Path::Dismissed),
        (0_u8..=4).prop_map(Path::Withdrawn),
        Just(Path::Fast),
    ];
    let follow_up = prop_oneof![
        Just(FollowUpPlan::Pending),
        (0_u8..=2, 0_u8..=2, 0_u8..3).prop_map(|(misses, level, text)| {
            FollowUpPlan::Completed {
                misses,
                level,
                text,
            }
        }),
        Just(FollowUpPlan::Exhausted),
    ];
    (
        (0_i64..(92 * 24 * 60), 0_i64..=10, 0..CHANNELS.len()),
        (0..CATEGORIES.len(), 0..Severity::ALL.len(), any::<bool>()),
        path,
        prop::collection::vec(1_i64..4000, 8),
        follow_up,
        (any::<bool>(), any::<bool>(), prop::bool::weighted(0.2)),
    )
        .prop_map(
            |(
                (received_minute, accept_delay, channel),
                (category, severity, member),
                path,
                gaps,
                follow_up,
                (review, close, reopen),
            )| Plan {
                received_minute,
                accept_delay,
                channel,
                category,
                severity,
                member,
                path,
                gaps,
                follow_up,
                review,
                close,
                reopen,
            },
        )
}

/// Builds the complaint a plan describes, through the public API.
#[allow(clippy::too_many_lines)]
pub(super) fn build(plan: &Plan) -> Built {
    let received = origin() + Duration::minutes(plan.received_minute);
    let fast = matches!(plan.path, Path::Fast);
    let (category, severity) = if fast {
        ("missing_part", Severity::Low)
    } else {
        (CATEGORIES[plan.category], Severity::ALL[plan.severity])
    };
    let accepted = received
        + Duration::minutes(if fast {
            plan.accept_delay.min(2)
        } else {
            plan.accept_delay
        });
    let complainant = if plan.member {
        Complainant::member("m")
    } else {
        Complainant::new("n")
    };
    let mut walk = Walk::accept(
        complainant,
        CHANNELS[plan.channel],
        category,
        severity,
        received,
        accepted,
    );
    let mut t = accepted;
    let mut gaps = plan.gaps.iter().cycle();
    let mut next = |t: &mut DateTime<Utc>| {
        *t += Duration::minutes(*gaps.next().unwrap());
        *t
    };
    let upheld_steps =
        |walk: Walk,
         steps: u8,
         t: &mut DateTime<Utc>,
         next: &mut dyn FnMut(&mut DateTime<Utc>) -> DateTime<Utc>| {
            let mut walk = walk;
            if steps >= 1 {
                let at = next(t);
                walk = walk.agent(at, uphold("logistics", at + Duration::days(2)));
            }
            if steps >= 2 {
                walk = walk.agent(next(t), investigate(RootCause::Logistics));
            }
            if steps >= 3 {
                walk = walk.agent(next(t), propose());
            }
            if steps >= 4 {
                walk = walk.supervisor(next(t), approve());
            }
            walk
        };
    let mut outcome = ComplaintOutcome::Open;
    let mut handled_at = None;
    match plan.path {
        Path::Open(steps) => walk = upheld_steps(walk, steps, &mut t, &mut next),
        Path::Withdrawn(steps) => {
            walk = upheld_steps(walk, steps, &mut t, &mut next);
            walk = walk.agent(next(&mut t), withdraw());
            outcome = ComplaintOutcome::Withdrawn;
        }
        Path::Executed => {
            walk = upheld_steps(walk, 4, &mut t, &mut next);
            let at = next(&mut t);
            walk = walk.agent(at, execute(at));
            outcome = ComplaintOutcome::Upheld;
            handled_at = Some(at);
        }
        Path::Dismissed => {
            let at = next(&mut t);
            walk = walk.agent(at, dismiss());
            outcome = ComplaintOutcome::Dismissed;
            handled_at = Some(at);
        }
        Path::Fast => {
            t = received + Duration::minutes(4);
            walk = walk.agent(t, resolve());
            outcome = ComplaintOutcome::Upheld;
            handled_at = Some(t);
        }
    }
    // F4: attempts only outside the quiet hours (the policy's, in UTC).
    let quiet = QuietHours::default();
    let mut contact_time = |t: &mut DateTime<Utc>| -> DateTime<Utc> {
        let after = next(t);
        *t = quiet.next_contact_time(after, Zone::Utc).unwrap();
        *t
    };
    let mut done_at = None;
    if handled_at.is_some() {
        match plan.follow_up {
            FollowUpPlan::Pending => {}
            FollowUpPlan::Completed {
                misses,
                level,
                text,
            } => {
                for _ in 0..misses {
                    walk = walk.agent(contact_time(&mut t), attempt(false));
                }
                walk = walk.agent(contact_time(&mut t), attempt(true));
                let text = TEXTS[usize::from(text)].to_owned();
                let outcome = match level {
                    0 => FollowUpOutcome::Satisfied { suggestions: text },
                    1 => FollowUpOutcome::Neutral { to_improve: text },
                    _ => FollowUpOutcome::Dissatisfied { to_improve: text },
                };
                t += Duration::minutes(5);
                walk = walk.agent(t, complete(outcome));
                done_at = Some(t);
            }
            FollowUpPlan::Exhausted => {
                for _ in 0..3 {
                    walk = walk.agent(contact_time(&mut t), attempt(false));
                }
                t += Duration::minutes(5);
                walk = walk.agent(t, give_up());
                done_at = Some(t);
            }
        }
    }
    let finished = !walk.record().stage().is_open();
    if finished && plan.review {
        t += Duration::minutes(30);
        walk = walk.supervisor(t, review());
        let follow_up_done = walk
            .record()
            .follow_up()
            .is_none_or(|status| status.stage().is_done());
        if plan.reopen && follow_up_done {
            // R7: a new round, dismissed again; its follow-up is pending.
            // (F5: only once the first round's follow-up is done.)
            t += Duration::minutes(30);
            walk = walk.agent(
                t,
                complaint_workflow::event::Reopen {
                    reason: "The customer called back".into(),
                },
            );
            t += Duration::minutes(30);
            walk = walk.agent(t, dismiss());
            outcome = ComplaintOutcome::Dismissed;
            handled_at = Some(t);
            done_at = None;
        } else if plan.close && follow_up_done {
            t += Duration::minutes(30);
            walk = walk.agent(t, close());
        }
    }
    Built {
        record: walk.done(),
        outcome,
        handled_at,
        done_at,
        member: plan.member,
    }
}

pub(super) fn plans() -> impl Strategy<Value = Vec<Plan>> {
    prop::collection::vec(plan(), 0..10)
}

/// A split instant between the origin and the horizon, on the minute.
fn split() -> impl Strategy<Value = DateTime<Utc>> {
    (0_i64..(92 * 24 * 60)).prop_map(|minute| origin() + Duration::minutes(minute))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// S1: every dimension that each complaint has once adds up to the
    /// number of complaints received in the period, and each complaint is
    /// counted under the one outcome the test built it to have.
    #[test]
    fn s1_counts_sum_to_the_complaints_in_the_period(plans in plans(), start in split()) {
        let built: Vec<Built> = plans.iter().map(build).collect();
        let period = Period::range(start, horizon()).unwrap();
        let report = ClassificationReport::compute(built.iter().map(|b| &b.record), &period);
        let inside: Vec<&Built> = built
            .iter()
            .filter(|b| period.contains(b.record.received_at()))
            .collect();
        let complaints = inside.len() as u64;
        prop_assert_eq!(report.complaints, complaints);
        prop_assert_eq!(report.by_category.values().sum::<u64>(), complaints);
        prop_assert_eq!(report.by_severity.values().sum::<u64>(), complaints);
        prop_assert_eq!(report.by_channel.values().sum::<u64>(), complaints);
        prop_assert_eq!(report.by_outcome.values().sum::<u64>(), complaints);
        for outcome in ComplaintOutcome::ALL {
            let expected = inside.iter().filter(|b| b.outcome == outcome).count() as u64;
            prop_assert_eq!(report.outcome(outcome), expected, "{}", outcome);
        }
        for b in &built {
            prop_assert_eq!(ComplaintOutcome::of(&b.record), b.outcome);
        }
        prop_assert!(report.by_department.values().sum::<u64>() <= complaints);
        prop_assert!(report.by_root_cause.values().sum::<u64>() <= complaints);
        for durations in report.time_to.values() {
            prop_assert!(durations.len() as u64 <= complaints);
            prop_assert!(durations.seconds().windows(2).all(|w| w[0] <= w[1]));
        }
    }

    /// S2: coverage and member coverage equal a brute-force count from what
    /// was built: a handled complaint counts where its follow-up was done,
    /// else where it was handled.
    #[test]
    fn s2_coverage_equals_a_brute_force_count(plans in plans(), start in split()) {
        let built: Vec<Built> = plans.iter().map(build).collect();
        let period = Period::range(start, horizon() + Duration::days(60)).unwrap();
        let summary = FollowUpSummary::compute(built.iter().map(|b| &b.record), &period);
        let mut handled = 0;
        let mut done = 0;
        let mut members = 0;
        let mut members_done = 0;
        for b in &built {
            let Some(handled_at) = b.handled_at else { continue };
            if !period.contains(b.done_at.unwrap_or(handled_at)) {
                continue;
            }
            handled += 1;
            done += u64::from(b.done_at.is_some());
            members += u64::from(b.member);
            members_done += u64::from(b.member && b.done_at.is_some());
        }
        prop_assert_eq!(summary.coverage().part, done);
        prop_assert_eq!(summary.coverage().whole, handled);
        prop_assert_eq!(summary.member_coverage().part, members_done);
        prop_assert_eq!(summary.member_coverage().whole, members);
        prop_assert_eq!(summary.members_without_follow_up.len() as u64, members - members_done);
        prop_assert_eq!(summary.satisfaction.values().sum::<u64>(), summary.completed);
        prop_assert_eq!(summary.attempts.values().sum::<u64>(), summary.completed);
    }

    /// W6 in S1: by category, the samples of handling time and of the
    /// first and total resolution equal an independent computation from the
    /// entries (the spans in the open stages, the first and last final
    /// response), on the calendar and on the business calendar, and so do
    /// their counts, means, medians and 90th percentiles; the histories wait
    /// on nobody, so the waits are all zero.
    #[test]
    fn w6_s1_time_spent_equals_an_independent_computation(plans in plans(), start in split()) {
        let built: Vec<Built> = plans.iter().map(build).collect();
        let period = Period::range(start, horizon()).unwrap();
        let calendar = BusinessCalendar::default();
        let report = ClassificationReport::compute_with(
            built.iter().map(|b| &b.record),
            &period,
            &calendar,
        )
        .unwrap();
        let mut expected: BTreeMap<String, [Vec<(i64, i64)>; 5]> = BTreeMap::new();
        for b in built.iter().filter(|b| period.contains(b.record.received_at())) {
            let record = &b.record;
            let business = |from, to| calendar.working_time_between(from, to).unwrap().num_seconds();
            let mut handling = (0, 0);
            let mut stage = StageKind::Accepted;
            let entries = record.entries();
            for (index, entry) in entries.iter().enumerate() {
                if index > 0 {
                    stage = stage.after(entry.event().kind()).unwrap();
                }
                if let Some(next) = entries.get(index + 1) {
                    if stage.is_open() {
                        handling.0 += (next.at() - entry.at()).num_seconds();
                        handling.1 += business(entry.at(), next.at());
                    }
                }
            }
            let finals: Vec<_> = entries
                .iter()
                .filter(|e| matches!(
                    e.event().kind(),
                    EventKind::Execute | EventKind::Dismiss | EventKind::ResolveOnFirstContact
                ))
                .map(|e| e.at())
                .collect();
            let resolution = |at: DateTime<Utc>| {
                ((at - record.received_at()).num_seconds(), business(record.received_at(), at))
            };
            let slot = expected.entry(record.category().to_string()).or_default();
            slot[0].push(handling);
            slot[1].push((0, 0));
            slot[2].push((0, 0));
            if let (Some(&first), Some(&last)) = (finals.first(), finals.last()) {
                slot[3].push(resolution(first));
                slot[4].push(resolution(last));
            }
        }
        prop_assert_eq!(report.time_spent_by_category.len(), expected.len());
        for (category, samples) in &expected {
            let spent = &report.time_spent_by_category[&Category::new(category.as_str())];
            for (measure, sample) in TimeMeasure::ALL.into_iter().zip(samples) {
                for (clock, pick) in [(Clock::Calendar, 0), (Clock::Business, 1)] {
                    let mut values: Vec<i64> =
                        sample.iter().map(|pair| if pick == 0 { pair.0 } else { pair.1 }).collect();
                    values.sort_unstable();
                    let durations = spent.of(measure).on(clock);
                    prop_assert_eq!(durations.seconds(), values.as_slice(), "{} {} {}", category, measure, clock);
                    let n = values.len();
                    let rank = |p: f64| ((p * n as f64).ceil() as usize).max(1) - 1;
                    let mean = (n > 0).then(|| {
                        (values.iter().map(|&v| v as f64).sum::<f64>() / n as f64).round() as i64
                    });
                    prop_assert_eq!(durations.len(), n);
                    prop_assert_eq!(durations.mean(), mean);
                    prop_assert_eq!(durations.median(), values.get(rank(0.5)).copied().filter(|_| n > 0));
                    prop_assert_eq!(durations.p90(), values.get(rank(0.9)).copied().filter(|_| n > 0));
                }
            }
        }
    }

    /// S1, S2, S4 with S3: the report over two adjacent periods is the merge
    /// of their reports, in either order.
    #[test]
    fn reports_over_two_adjacent_periods_merge(plans in plans(), split in split()) {
        let built: Vec<Built> = plans.iter().map(build).collect();
        let records: Vec<&ComplaintRecord> = built.iter().map(|b| &b.record).collect();
        let before = Period::range(origin(), split).unwrap();
        let after = Period::range(split, horizon()).unwrap();
        let union = Period::range(origin(), horizon()).unwrap();

        let s1 = |period: &Period| ClassificationReport::compute(records.iter().copied(), period);
        prop_assert_eq!(s1(&before).merge(s1(&after)), s1(&union));
        prop_assert_eq!(s1(&after).merge(s1(&before)), s1(&union));

        // W6 in S1: the samples merge exactly too.
        let calendar = BusinessCalendar::default();
        let w6 = |period: &Period| {
            ClassificationReport::compute_with(records.iter().copied(), period, &calendar).unwrap()
        };
        prop_assert_eq!(w6(&before).merge(w6(&after)), w6(&union));
        prop_assert_eq!(w6(&after).merge(w6(&before)), w6(&union));

        let s2 = |period: &Period| FollowUpSummary::compute(records.iter().copied(), period);
        prop_assert_eq!(s2(&before).merge(s2(&after)), s2(&union));

        let s4 = |period: &Period| BreachReport::compute(records.iter().copied(), period, now());
        prop_assert_eq!(s4(&before).merge(s4(&after)), s4(&union));
        prop_assert_eq!(s4(&after).merge(s4(&before)), s4(&union));
    }
}

/// S3 and merging: October and November in Shanghai merge into the report
/// over both months, between Shanghai's local midnights.
#[test]
fn months_in_a_zone_merge_into_the_span() {
    let shanghai = Zone::iana("Asia/Shanghai").unwrap();
    let runner_plans: Vec<Plan> = (0..12_i64)
        .map(|n| Plan {
            received_minute: n * 9 * 24 * 60 + n * 97,
            accept_delay: n % 5,
            channel: usize::try_from(n).unwrap() % CHANNELS.len(),
            category: usize::try_from(n).unwrap() % CATEGORIES.len(),
            severity: usize::try_from(n).unwrap() % Severity::ALL.len(),
            member: n % 2 == 0,
            path: match n % 4 {
                0 => Path::Executed,
                1 => Path::Dismissed,
                2 => Path::Open(2),
                _ => Path::Fast,
            },
            gaps: vec![600, 1400, 90, 3000],
            follow_up: if n % 3 == 0 {
                FollowUpPlan::Exhausted
            } else {
                FollowUpPlan::Completed {
                    misses: 1,
                    level: 2,
                    text: 0,
                }
            },
            review: true,
            close: true,
            reopen: false,
        })
        .collect();
    let built: Vec<Built> = runner_plans.iter().map(build).collect();
    let records: Vec<&ComplaintRecord> = built.iter().map(|b| &b.record).collect();
    let october = Period::month(2026, 10, shanghai).unwrap();
    let november = Period::month(2026, 11, shanghai).unwrap();
    let both = Period::range(october.start(), november.end()).unwrap();
    let merged = ClassificationReport::compute(records.iter().copied(), &october).merge(
        ClassificationReport::compute(records.iter().copied(), &november),
    );
    let over_both = ClassificationReport::compute(records.iter().copied(), &both);
    assert!(over_both.complaints > 0);
    assert_eq!(merged, over_both);
    assert_eq!(merged.periods, vec![both]);
}
