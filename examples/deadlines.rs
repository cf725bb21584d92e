//! Deadlines under a regulatory preset (T1–T7): a complaint received on a
//! Friday evening under the UK FCA preset, its deadlines in the customer's
//! own zone, a pause while the firm waits on the customer, an extension the
//! regulation does not allow (refused, the record unchanged), an extension
//! that the payment services rules do allow, the breach report of a
//! complaint left too long, (D1, D2) a dismissal the customer disputes
//! before the Financial Ombudsman Service, warnings before a breach and
//! an escalation chain (W1, W3) worked by a due-worker, and (W2) a final
//! response targeted by severity, re-targeted when the complaint is
//! reclassified.
//! Run it with `cargo run --example deadlines`.

use std::error::Error;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Policy, Role,
    Severity,
    deadline::{DeadlineKind, DeadlineStatus, EscalationLevel, EscalationTrigger, Warning},
    event::{
        Accept, AttemptFollowUp, AwaitCustomer, BodyDue, CompleteFollowUp, ContactMethod,
        CustomerReplied, Dismiss, ExtendDeadline, FollowUpOutcome, Reclassify,
        RecordReferralOutcome, Refer, ReferralOutcome, Uphold,
    },
    policy::{Conditions, TargetRule},
    record::Owed,
    time::{TimeLimit, Zone},
};

fn main() -> Result<(), Box<dyn Error>> {
    // Friday 27 November 2026, 18:40 in London (GMT, so UTC too): after the
    // close of business, the customer writes in through the website.
    let london: Zone = "Europe/London".parse()?;
    let fca = Policy::uk_fca();
    let received = utc(2026, 11, 27, 18, 40)?;
    let agent = Context::new(Actor::agent("agent-7"), utc(2026, 11, 27, 18, 43)?, &fca);
    let supervisor = agent.by(Actor::supervisor("supervisor-2"));

    println!("== A complaint received on Friday evening, under the UK FCA preset ==");
    println!("   received {}", local(london, received));
    let mut record = ComplaintRecord::accept(intake(london, received), &agent)?;
    print_deadlines(&record, london);
    println!(
        "   T2: the online first response was due 5 minutes after receipt and was met \
         by the acceptance; DISP 1.5's summary resolution window runs to close of \
         business on the third business day (Wednesday); DISP 1.6's final response \
         is due eight weeks after receipt."
    );

    // Monday: upheld, with the investigation time agreed with the customer (R2).
    let monday = agent.at(utc(2026, 11, 30, 10, 0)?);
    record.apply(
        Uphold {
            responsible_department: Department::new("payments"),
            investigation_due: utc(2026, 12, 11, 17, 0)?,
        },
        &monday,
    )?;
    println!("\n== Monday: upheld, the investigation agreed for Friday 11 December ==");
    print_deadlines(&record, london);

    // Tuesday to Friday: the firm waits for the customer's bank statement.
    // The investigation and the final response stop; the time they had left
    // is kept.
    record.apply(
        AwaitCustomer {
            reason: "Asked the customer for the bank statement of November".into(),
        },
        &agent.at(utc(2026, 12, 1, 9, 30)?),
    )?;
    println!("\n== Tuesday 09:30: waiting on the customer, the clocks stop ==");
    print_deadlines(&record, london);
    record.apply(
        CustomerReplied {
            summary: "The customer sent the bank statement".into(),
        },
        &agent.at(utc(2026, 12, 4, 9, 30)?),
    )?;
    println!("\n== Friday 09:30: the customer replied, three days later ==");
    print_deadlines(&record, london);
    println!("   Every paused deadline moved by exactly the three days it waited.");

    // DISP 1.6 has no extension of the eight weeks: after them the firm
    // explains the delay and refers the customer to the Financial Ombudsman.
    let final_response = record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == DeadlineKind::FinalResponse)
        .ok_or("the FCA preset opens a final response deadline")?;
    let (final_id, final_due) = (final_response.id(), final_response.due());
    let before = record.version();
    let refused = record.apply(
        ExtendDeadline {
            deadline: final_id,
            due: TimeLimit::Weeks(4).due(final_due, fca.calendar())?,
            reason: "The card scheme has not answered yet".into(),
        },
        &supervisor.at(utc(2026, 12, 7, 11, 0)?),
    );
    println!("\n== A supervisor asks for four more weeks ==");
    match refused {
        Err(error) => println!("   refused: {error}"),
        Ok(_) => return Err("DISP 1.6 allows no extension of the final response".into()),
    }
    println!(
        "   the record is unchanged: version {before} before, {} after",
        record.version()
    );

    // Under the payment services rules (PSD2 Art. 101(2), DISP 1.6.2AR) the
    // reply is due in 15 business days, and in exceptional situations, with a
    // holding reply, in 35: one extension of up to 20 business days.
    println!("\n== The same complaint as a payment services complaint (PSD2) ==");
    let psd2 = Policy::payment_services()
        .to_builder()
        .calendar(fca.calendar().clone())
        .build()?;
    let agent = Context::new(Actor::agent("agent-7"), agent.now(), &psd2);
    let mut payment = ComplaintRecord::accept(intake(london, received), &agent)?;
    print_deadlines(&payment, london);
    let reply = payment
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == DeadlineKind::FinalResponse)
        .ok_or("the payment services preset opens a final response deadline")?;
    let (reply_id, reply_due) = (reply.id(), reply.due());
    payment.apply(
        ExtendDeadline {
            deadline: reply_id,
            due: TimeLimit::BusinessDays(20).due(reply_due, psd2.calendar())?,
            reason: "Holding reply sent: the card scheme has not answered yet".into(),
        },
        &agent
            .by(Actor::supervisor("supervisor-2"))
            .at(utc(2026, 12, 14, 11, 0)?),
    )?;
    println!("   a supervisor extends the reply, with a holding reply to the customer:");
    print_deadlines(&payment, london);

    // D1, D2: the firm dismisses the payment complaint and follows it up; the
    // customer disputes the reply and refers it to the Financial Ombudsman
    // Service, within the six months DISP 2.8.2R gives.
    payment.apply(
        Dismiss {
            reply: "Both payments were instructed; the second was a new standing order".into(),
        },
        &agent.at(utc(2026, 12, 15, 10, 0)?),
    )?;
    payment.apply(
        AttemptFollowUp {
            method: ContactMethod::Phone,
            reached: true,
            note: None,
        },
        &agent.at(utc(2026, 12, 16, 10, 0)?),
    )?;
    payment.apply(
        CompleteFollowUp {
            method: ContactMethod::Phone,
            outcome: FollowUpOutcome::Dissatisfied {
                to_improve: "The customer never set up a second order".into(),
            },
        },
        &agent.at(utc(2026, 12, 16, 10, 10)?),
    )?;
    let window = payment
        .dispute_window_ends(&psd2)?
        .ok_or("a dismissal is a final response")?;
    println!(
        "\n== Dismissed; the customer may dispute it until {} ==",
        local(london, window)
    );
    payment.apply(
        Refer {
            body: "Financial Ombudsman Service".into(),
            reference: "FOS-2027-0117".into(),
            body_due: BodyDue::Within(TimeLimit::Weeks(12)),
        },
        &agent.at(utc(2027, 1, 11, 10, 0)?),
    )?;
    println!("   referred to the ombudsman: stage {}", payment.stage());
    print_deadlines(&payment, london);
    payment.apply(
        RecordReferralOutcome {
            outcome: ReferralOutcome::NotUpheld,
            note: "The ombudsman found both orders instructed by the customer".into(),
        },
        &agent
            .by(Actor::supervisor("supervisor-2"))
            .at(utc(2027, 3, 1, 10, 0)?),
    )?;
    println!(
        "   the ombudsman's outcome: stage {}, referrals {}",
        payment.stage(),
        payment.referral_count()
    );

    // Nobody answers the FCA complaint. On 1 February 2027, nine weeks
    // after the complaint came in, the breach report (T7) lists what was
    // missed and by how long; the summary resolution window is not a breach.
    let now = utc(2027, 2, 1, 9, 0)?;
    println!(
        "\n== {}: the breaches of the FCA complaint ==",
        local(london, now)
    );
    for breach in record.breaches(now) {
        println!(
            "   {:<18} due {}, overdue {} days {} hours ({:?})",
            breach.kind.to_string(),
            local(london, breach.due),
            breach.overdue().num_days(),
            breach.overdue().num_hours() % 24,
            breach.state,
        );
    }
    alarms(london)?;
    targets(london)?;
    Ok(())
}

/// W2: a target rule (critical complaints: a final response within two
/// business days), a complaint accepted as medium, then reclassified as
/// critical by a team lead: its final response is re-targeted from its start.
fn targets(london: Zone) -> Result<(), Box<dyn Error>> {
    let policy = Policy::uk_fca()
        .to_builder()
        .target(TargetRule {
            kind: DeadlineKind::FinalResponse,
            when: Conditions {
                severity_at_least: Some(Severity::Critical),
                ..Conditions::default()
            },
            limit: TimeLimit::BusinessDays(2),
        })
        .build()?;
    let received = utc(2026, 11, 30, 9, 0)?;
    let agent = Context::new(Actor::agent("agent-7"), received, &policy);
    let mut record = ComplaintRecord::accept(intake(london, received), &agent)?;
    println!("\n== W2: a final response targeted by severity ==");
    let final_response = |record: &ComplaintRecord| {
        record
            .deadlines()
            .iter()
            .rev()
            .find(|deadline| deadline.kind() == DeadlineKind::FinalResponse)
            .map_or_else(
                || "none".to_owned(),
                |deadline| local(london, deadline.due()),
            )
    };
    println!(
        "   accepted as medium: final response due {}",
        final_response(&record)
    );
    let lead = agent
        .by(Actor::team_lead("lead-3"))
        .at(utc(2026, 11, 30, 11, 0)?);
    record.apply(
        Reclassify {
            severity: Severity::Critical,
            category: Category::new("payments"),
            reason: "The customer's rent payment bounced".into(),
        },
        &lead,
    )?;
    println!(
        "   reclassified as critical: final response due {} (two business days from receipt)",
        final_response(&record)
    );
    Ok(())
}

/// W1, W3: the FCA preset with a warning at 75 % of the final response's
/// eight weeks and a chain (team lead when at risk, supervisor a day after a
/// miss); a due-worker looks in now and then and applies what is owed.
fn alarms(london: Zone) -> Result<(), Box<dyn Error>> {
    let policy = Policy::uk_fca()
        .to_builder()
        .warning(
            DeadlineKind::FinalResponse,
            Some(Warning::ShareElapsed { percent: 75 }),
        )
        .escalation_chain(
            DeadlineKind::FinalResponse,
            [
                EscalationLevel {
                    trigger: EscalationTrigger::AtRisk,
                    to: Role::TeamLead,
                },
                EscalationLevel {
                    trigger: EscalationTrigger::BreachedFor { minutes: 24 * 60 },
                    to: Role::Supervisor,
                },
            ],
        )
        .build()?;
    let received = utc(2026, 11, 27, 18, 40)?;
    let agent = Context::new(Actor::agent("agent-7"), received, &policy);
    let mut record = ComplaintRecord::accept(intake(london, received), &agent)?;
    println!(
        "
== W1, W3: a warning at 75 % and an escalation chain =="
    );
    if let Some(alarm) = record.next_alarm() {
        println!(
            "   next alarm: {} of the {} deadline, {}",
            format!("{:?}", alarm.point).to_lowercase(),
            alarm.kind,
            local(london, alarm.at),
        );
    }
    for (year, month, day) in [(2026, 12, 28), (2027, 1, 12), (2027, 1, 23), (2027, 1, 25)] {
        let now = utc(year, month, day, 9, 0)?;
        let worker = Context::new(Actor::agent("due-worker"), now, &policy);
        let owed = record.owed(now);
        println!("   {}: owed {}", local(london, now), owed.len());
        for item in owed {
            let what = match &item {
                Owed::Alarm { kind, level, .. } => format!("the {kind} deadline is {level}"),
                Owed::Escalation {
                    kind, level, to, ..
                } => {
                    format!("level {level} of the {kind} chain: to the {to}")
                }
                Owed::FollowUpGiveUp { attempts } => format!("give up after {attempts} attempts"),
            };
            let event = item.event();
            println!("     {} ({what})", event.kind());
            record.apply(event, &worker)?;
        }
    }
    println!(
        "   escalated to {}; next alarm {:?}",
        record.escalation_level(),
        record.next_alarm().map(|alarm| local(london, alarm.at))
    );
    Ok(())
}

/// The customer's registration form: a standing order paid twice.
fn intake(zone: Zone, received: DateTime<Utc>) -> Accept {
    Accept {
        complainant: Complainant::member("customer-1138").in_zone(zone),
        received_at: received,
        channel: Channel::Online,
        content: "A standing order was paid twice this month".into(),
        category: Category::new("payments"),
        severity: Severity::Medium,
    }
}

/// Each deadline of `record`: its kind, clock, due time in the customer's
/// zone and status.
fn print_deadlines(record: &ComplaintRecord, zone: Zone) {
    for deadline in record.deadlines() {
        let status = match deadline.status() {
            DeadlineStatus::Open => "open".to_owned(),
            DeadlineStatus::Paused {
                remaining_seconds, ..
            } => format!("paused, {} hours left", remaining_seconds / 3600),
            DeadlineStatus::Met { at } => format!("met {}", local(zone, at)),
            DeadlineStatus::Cancelled { at } => format!("cancelled {}", local(zone, at)),
        };
        let extended = if deadline.extensions() > 0 {
            format!(" (extended from {})", local(zone, deadline.original_due()))
        } else {
            String::new()
        };
        println!(
            "   {:<18} {:<8} due {}{extended}: {status}",
            deadline.kind().to_string(),
            format!("{:?}", deadline.counting()).to_lowercase(),
            local(zone, deadline.due()),
        );
    }
}

/// `instant` on the customer's clock, with the weekday.
fn local(zone: Zone, instant: DateTime<Utc>) -> String {
    let wall: NaiveDateTime = zone.to_local(instant);
    wall.format("%a %d %b %Y %H:%M").to_string()
}

fn utc(
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
) -> Result<DateTime<Utc>, Box<dyn Error>> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .ok_or_else(|| "no such time".into())
}
