//! A day of follow-ups (F1–F7) for member customers in Shanghai, Berlin and
//! New York whose remedies were executed on Monday 2026-11-23: each proposed
//! slot lies outside the customer's quiet hours (21:00–09:00) on their own
//! clock; an unreachable customer gets a second slot; a dissatisfied customer's
//! complaint is reviewed and reopened (R7).
//! Run it with `cargo run --example follow_up_day`.

use std::error::Error;

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, Complaint, ComplaintRecord, Context, Policy, Severity,
    deadline::DeadlineKind,
    event::{
        Accept, AttemptFollowUp, Close, CompleteFollowUp, ContactMethod, Evaluation,
        FollowUpOutcome, RemedyOption, Reopen, ResolveOnFirstContact, Review,
    },
    time::Zone,
};

const AGENT: &str = "agent-7";

fn main() -> Result<(), Box<dyn Error>> {
    let policy = Policy::default();
    println!(
        "Follow-ups of remedies executed on 2026-11-23; quiet hours {} on each customer's clock.",
        policy.quiet_hours()
    );

    // Shanghai: executed at 14:30 UTC, 22:30 there: the slot waits for the morning.
    let mut shanghai = executed("c-shanghai", "Asia/Shanghai", at(23, 14, 30)?, &policy)?;
    let slot = show(&shanghai, "first slot")?;
    attempt(&mut shanghai, slot, true, &policy)?;
    complete(
        &mut shanghai,
        slot + Duration::minutes(5),
        FollowUpOutcome::Satisfied {
            suggestions: "Ship the screws with the shelf next time".into(),
        },
        &policy,
    )?;
    let reviewed = review(shanghai, slot + Duration::hours(2), &policy)?;
    let close = Close { note: None };
    let closed = reviewed.apply(close, &ctx(AGENT, slot + Duration::hours(3), &policy))?;
    println!("  reviewed and {}", closed.stage());

    // Berlin: executed at 08:15 UTC, 09:15 there: call at once. The customer
    // is dissatisfied, so the complaint is reviewed and reopened.
    let mut berlin = executed("c-berlin", "Europe/Berlin", at(23, 8, 15)?, &policy)?;
    let slot = show(&berlin, "first slot")?;
    attempt(&mut berlin, slot + Duration::minutes(30), true, &policy)?;
    complete(
        &mut berlin,
        slot + Duration::minutes(40),
        FollowUpOutcome::Dissatisfied {
            to_improve: "Two of the screws sent are the wrong size".into(),
        },
        &policy,
    )?;
    let reviewed = review(berlin, slot + Duration::hours(1), &policy)?;
    let reopened = reviewed.apply(
        Reopen {
            reason: "Follow-up: dissatisfied, wrong screws sent".into(),
        },
        &ctx(AGENT, slot + Duration::hours(2), &policy),
    )?;
    println!(
        "  dissatisfied, reviewed and reopened: back to `{}` (reopened {} time)",
        reopened.stage(),
        reopened.as_record().reopen_count()
    );

    // New York: executed at 03:00 UTC, 22:00 the evening before there. The
    // customer misses the call at 18:30 local; four hours later is night, so
    // the second attempt waits for 09:00 the next day.
    let mut new_york = executed("c-new-york", "America/New_York", at(23, 3, 0)?, &policy)?;
    show(&new_york, "first slot")?;
    attempt(&mut new_york, at(23, 23, 30)?, false, &policy)?;
    show(&new_york, "second slot")?;
    Ok(())
}

/// A member in `zone` reports a missing part at `executed - 3 min`; the
/// intake agent resolves it on the first contact (T5), which executes the
/// remedy and schedules the follow-up (F7).
fn executed(
    id: &str,
    zone: &str,
    executed: DateTime<Utc>,
    policy: &Policy,
) -> Result<ComplaintRecord, Box<dyn Error>> {
    let received = executed - Duration::minutes(3);
    let complaint = Complaint::accept(
        Accept {
            complainant: Complainant::member(id).in_zone(Zone::iana(zone)?),
            received_at: received,
            channel: Channel::Phone,
            content: "The shelf arrived without its screws".into(),
            category: Category::new("missing_part"),
            severity: Severity::Low,
        },
        &ctx(AGENT, received, policy),
    )?;
    let resolve = ResolveOnFirstContact {
        remedy: RemedyOption {
            description: "Send the screws by express".into(),
            compensation: None,
        },
        customer_acceptance: "Agreed on the phone".into(),
    };
    let now = ctx(AGENT, executed, policy);
    let record = complaint
        .into_simple(&now)?
        .resolve(resolve, &now)?
        .into_record();
    println!("\n{id} ({zone})");
    println!("  remedy executed   {}", both(&record, executed));
    let due = record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == DeadlineKind::FollowUp)
        .ok_or("no follow-up deadline")?
        .due();
    println!("  follow-up due     {}", both(&record, due));
    Ok(record)
}

/// Prints the follow-up's next slot and returns it.
fn show(record: &ComplaintRecord, label: &str) -> Result<DateTime<Utc>, Box<dyn Error>> {
    let slot = record.follow_up().ok_or("no follow-up")?.slot();
    println!("  {label:<17} {}", both(record, slot));
    Ok(slot)
}

/// F1: a phone call at `when` that reached the customer or not.
fn attempt(
    record: &mut ComplaintRecord,
    when: DateTime<Utc>,
    reached: bool,
    policy: &Policy,
) -> Result<(), Box<dyn Error>> {
    let call = AttemptFollowUp {
        method: ContactMethod::Phone,
        reached,
        note: (!reached).then(|| "No answer".to_owned()),
    };
    record.apply(call, &ctx(AGENT, when, policy))?;
    let label = if reached {
        "call, reached"
    } else {
        "call, not reached"
    };
    println!("  {label:<17} {}", both(record, when));
    Ok(())
}

/// F2, F3: the follow-up record with the customer's satisfaction.
fn complete(
    record: &mut ComplaintRecord,
    when: DateTime<Utc>,
    outcome: FollowUpOutcome,
    policy: &Policy,
) -> Result<(), Box<dyn Error>> {
    let complete = CompleteFollowUp {
        method: ContactMethod::Phone,
        outcome,
    };
    record.apply(complete, &ctx(AGENT, when, policy))?;
    let recorded = record.follow_up_record().ok_or("no follow-up record")?;
    println!(
        "  record: {}, \"{}\"",
        recorded.outcome.satisfaction(),
        recorded.outcome.text()
    );
    Ok(())
}

/// R6: the supervisor's review of the executed complaint.
fn review(
    record: ComplaintRecord,
    when: DateTime<Utc>,
    policy: &Policy,
) -> Result<Complaint<complaint_workflow::Reviewed>, Box<dyn Error>> {
    let executed = Complaint::<complaint_workflow::Executed>::try_from(record)
        .map_err(|record| format!("not executed but {}", record.stage()))?;
    let summary = Review {
        summary: "Missing part sent on the first contact".into(),
        evaluation: Evaluation::Effective,
        improvement_actions: vec![],
    };
    let supervisor = Context::new(Actor::supervisor("supervisor-2"), when, policy);
    Ok(executed.apply(summary, &supervisor)?)
}

/// `time` on the customer's clock and in UTC.
fn both(record: &ComplaintRecord, time: DateTime<Utc>) -> String {
    let zone = record.complainant().zone.unwrap_or(Zone::Utc);
    format!(
        "{} local = {} UTC",
        zone.to_local(time).format("%a %d %b %H:%M"),
        time.format("%a %d %b %H:%M")
    )
}

fn ctx<'p>(actor: &str, now: DateTime<Utc>, policy: &'p Policy) -> Context<'p> {
    Context::new(Actor::agent(actor), now, policy)
}

/// `hour:minute` UTC on `day` November 2026.
fn at(day: u32, hour: u32, minute: u32) -> Result<DateTime<Utc>, Box<dyn Error>> {
    Ok(Utc
        .with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .single()
        .ok_or("no such time")?)
}
