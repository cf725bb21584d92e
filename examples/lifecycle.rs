//! One complaint through every stage (R1..R8) and its follow-up (F1..F7) on
//! the typed face, then stored as JSON, loaded back (which replays and checks
//! it) and tampered with.
//! Run it with `cargo run --example lifecycle`.

use complaint_workflow::error::SequenceError;
use std::error::Error;

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, Complaint, ComplaintRecord, Context, Department, Policy,
    ReplayError, Severity, TypedComplaint,
    event::{
        Accept, Accountability, Approve, AttemptFollowUp, ChooseRemedy, Close, Compensation,
        CompensationKind, CompleteFollowUp, ContactMethod, Currency, CustomerNotification,
        CustomerSignature, Evaluation, Execute, Findings, FollowUpOutcome, Investigate, Propose,
        RemedyOption, Responsibility, ResponsibleParty, Review, RootCause, Uphold,
    },
    record::Entry,
    time::Zone,
};

fn main() -> Result<(), Box<dyn Error>> {
    let policy = Policy::default();
    let agent = Context::new(Actor::agent("agent-7"), at(23, 9, 0)?, &policy);
    let supervisor = agent.by(Actor::supervisor("supervisor-2"));
    let shanghai: Zone = "+08:00".parse()?; // the customer's own clock (F4)

    println!("== The typed face: one complaint, stage by stage ==");
    // R1: the registration form is the only way a complaint comes to be.
    let accepted = Complaint::accept(
        Accept {
            complainant: Complainant::member("customer-42").in_zone(shanghai),
            received_at: at(23, 8, 58)?,
            channel: Channel::Phone,
            content: "The washing machine leaks again a week after the repair".into(),
            category: Category::new("repair"),
            severity: Severity::Medium,
        },
        &agent,
    )?;
    step(accepted.as_record());

    // R2: upheld, naming the responsible department and the investigation time
    // agreed with the customer.
    let judged = accepted.apply(
        Uphold {
            responsible_department: Department::new("repairs"),
            investigation_due: at(25, 18, 0)?,
        },
        &agent.at(at(23, 9, 10)?),
    )?;
    step(judged.as_record());

    // R3: the root cause and the responsible parties; the cause decides who
    // handles the complaint next.
    let party = |person: &str, responsibility| ResponsibleParty {
        person: person.into(),
        department: Department::new("repairs"),
        responsibility,
    };
    let findings = Findings {
        root_cause: RootCause::Quality,
        description: "A worn door seal was left in place during the repair".into(),
        responsible_parties: vec![
            party("technician-19", Responsibility::Direct),
            party("repairs-lead-3", Responsibility::DepartmentHead),
        ],
    };
    let (cause, routing) = (findings.root_cause, findings.root_cause.routing());
    let investigated = judged.apply(Investigate { findings }, &agent.at(at(24, 15, 0)?))?;
    step(investigated.as_record());
    println!("      root cause `{cause}` is routed to {routing:?}");

    // R4, R8: alternative remedies, one of them compensating the customer.
    let proposed = investigated.apply(
        Propose {
            options: vec![
                RemedyOption {
                    description: "Repeat the repair and refund the repair fee".into(),
                    compensation: Some(Compensation {
                        amount_minor: 38_000, // 380.00 CNY, in fen
                        currency: Currency::new("CNY")?,
                        kind: CompensationKind::Refund,
                    }),
                },
                RemedyOption {
                    description: "Repeat the repair free of charge".into(),
                    compensation: None,
                },
            ],
        },
        &agent.at(at(25, 10, 0)?),
    )?;
    step(proposed.as_record());

    // R8: the customer takes part in choosing the remedy.
    let proposed = proposed.apply(ChooseRemedy { option: 1 }, &agent.at(at(25, 11, 0)?))?;
    step(proposed.as_record());

    // R4: only a supervisor approves. An agent's attempt is refused at run
    // time, and the complaint comes back unchanged inside the error.
    let before = proposed.as_record().version();
    let proposed = match proposed.apply(Approve { option: 1 }, &agent.at(at(25, 11, 30)?)) {
        Ok(_) => return Err("an agent was allowed to approve a remedy".into()),
        Err(rejected) => {
            println!("      REJECTED approve by agent-7: {}", rejected.error());
            rejected.into_complaint()
        }
    };
    let after = proposed.as_record().version();
    assert_eq!(before, after, "a rejected event changes nothing");
    println!("      handed back unchanged: version {before} before, {after} after");

    let approved = proposed.apply(Approve { option: 1 }, &supervisor.at(at(25, 14, 0)?))?;
    step(approved.as_record());

    // R5: accountability for every responsible party, the customer notified,
    // and the customer's signed acceptance.
    let penalty = |person: &str, penalty: &str| Accountability {
        person: person.into(),
        rule: "Repair quality rule 4.2".into(),
        penalty: penalty.into(),
    };
    let executed = approved.apply(
        Execute {
            accountability: vec![
                penalty("technician-19", "retraining on door seals"),
                penalty("repairs-lead-3", "written warning"),
            ],
            notification: CustomerNotification {
                method: ContactMethod::Phone,
                at: at(26, 15, 0)?,
            },
            signature: Some(CustomerSignature {
                reference: "signed-acceptance/2026/4711".into(),
                signed_at: at(26, 15, 45)?,
            }),
            feedback: Some("Satisfied with the refund".into()),
        },
        &agent.at(at(26, 16, 0)?),
    )?;
    step(executed.as_record());

    // F7, F4: the execution schedules the follow-up, in a slot outside the
    // quiet hours on the customer's own clock; the agent reaches the customer
    // then (F1) and records the satisfaction with the text F3 asks for (F2, F6).
    let follow_up = executed.as_record().follow_up().ok_or("no follow-up")?;
    let (slot, local) = (follow_up.slot(), shanghai.to_local(follow_up.slot()));
    let (slot_utc, local) = (slot.format("%Y-%m-%d %H:%M"), local.format("%H:%M"));
    println!("      follow-up slot {slot_utc} UTC, {local} on the customer's clock");
    let phone = ContactMethod::Phone;
    let attempted = executed.apply(
        AttemptFollowUp {
            method: phone,
            reached: true,
            note: None,
        },
        &agent.at(slot),
    )?;
    step(attempted.as_record());
    let satisfied = FollowUpOutcome::Satisfied {
        suggestions: "Call before the technician comes".into(),
    };
    let followed_up = attempted.apply(
        CompleteFollowUp {
            method: phone,
            outcome: satisfied,
        },
        &agent.at(slot + Duration::minutes(10)),
    )?;
    step(followed_up.as_record());

    // R6: the supervisor summarizes, evaluates and proposes improvements.
    let reviewed = followed_up.apply(
        Review {
            summary: "Repeat repair done, fee refunded, customer signed".into(),
            evaluation: Evaluation::Effective,
            improvement_actions: vec!["Check door seals on every drum repair".into()],
        },
        &supervisor.at(at(30, 10, 0)?),
    )?;
    step(reviewed.as_record());

    // R7, F5: the member's follow-up is done, so the loop closes.
    let closed = reviewed.apply(Close { note: None }, &agent.at(at(30, 10, 30)?))?;
    step(closed.as_record());

    println!("\n== The stored face: JSON that replays ==");
    // R7: the whole history is the record; nothing else is stored.
    let record = closed.into_record();
    let json = serde_json::to_string_pretty(&record)?;
    println!("{} entries, {} bytes of JSON", record.version(), json.len());
    let first = record.entries().first().ok_or("the history is empty")?;
    println!("first entry:\n{}", serde_json::to_string_pretty(first)?);

    // Loading replays every entry through the same rules, then checks the summary.
    let loaded = serde_json::from_str::<ComplaintRecord>(&json)?;
    assert_eq!(loaded, record);
    println!("loaded back: equal to the original: {}", loaded == record);

    // One `match` takes a stored record back to the typed face.
    match loaded.into_typed() {
        TypedComplaint::Closed(done) => println!("typed again: Complaint<{:?}>", done.stage()),
        other => return Err(format!("unexpected stage {}", other.stage()).into()),
    }

    // R7: a history is append-only and gap-free; an edited copy does not load.
    println!("\n== A tampered copy is refused ==");
    let mut tampered: serde_json::Value = serde_json::from_str(&json)?;
    tampered["entries"][3]["sequence"] = 7.into();
    match serde_json::from_str::<ComplaintRecord>(&tampered.to_string()) {
        Ok(_) => return Err("a tampered history was loaded".into()),
        Err(error) => println!("loading refused: {error}"),
    }
    // The same history through `ComplaintRecord::replay` gives the error as data.
    let entries: Vec<Entry> = serde_json::from_value(tampered["entries"].take())?;
    match ComplaintRecord::replay(entries) {
        Err(error @ ReplayError::Sequence(SequenceError::Gap { .. })) => {
            println!("replay refused: {error}")
        }
        other => return Err(format!("expected a sequence gap, got {other:?}").into()),
    }
    Ok(())
}

/// Prints the newest history entry: when, who (with role), what, and the stage
/// it led to; then the deadlines that entry opened (T1..T7, F7).
fn step(record: &ComplaintRecord) {
    if let Some(entry) = record.entries().last() {
        let actor = entry.actor();
        let who = format!("{} ({})", actor.id, actor.role.name());
        let when = entry.at().format("%Y-%m-%d %H:%M");
        let event = entry.event().kind().name();
        println!("{when}  {who:<27} {event:<18} -> {}", record.stage().name());
    }
    let opened = record
        .deadlines()
        .iter()
        .filter(|d| d.opened_by() == record.version());
    for deadline in opened {
        let due = deadline.due().format("%Y-%m-%d %H:%M");
        println!("      opens deadline {}: due {due}", deadline.kind().name());
    }
}

/// A fixed time in November 2026: the example never reads the clock.
fn at(day: u32, hour: u32, minute: u32) -> Result<DateTime<Utc>, Box<dyn Error>> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .single()
        .ok_or_else(|| format!("2026-11-{day} {hour}:{minute} is not a valid time").into())
}
