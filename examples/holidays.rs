//! Holidays from an iCalendar file (W7): mainland China's 2026 public
//! holidays and adjusted working days (调休), as the State Council published
//! them on 2025-11-04, read from `examples/calendars/cn-2026.ics` into the
//! PRC market regulation preset's calendar; then the deadlines of a complaint
//! received on the Friday before the Spring Festival, with and without the
//! file. Run it with `cargo run --example holidays`.

use std::error::Error;

use chrono::{DateTime, NaiveDateTime, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Policy, Severity,
    event::Accept,
    time::{HolidayFile, TimeLimit, Zone},
};

fn main() -> Result<(), Box<dyn Error>> {
    // The crate does no I/O: the application reads the file.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/calendars/cn-2026.ics"
    );
    let text = std::fs::read_to_string(path)?;
    let file: HolidayFile = text.parse()?;
    println!("== examples/calendars/cn-2026.ics ==");
    println!(
        "   days off:     {}",
        file.days_off()
            .map(|d| d.format("%m-%d").to_string())
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "   working days: {}",
        file.working_days()
            .map(|d| d.format("%m-%d %a").to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );

    // SAMR's 7 working days to decide on a complaint, and a first response
    // within 1 business day for e-mail, on the preset's calendar
    // (Asia/Shanghai, Monday to Friday, 09:00 to 17:00).
    let samr = Policy::prc_samr()
        .to_builder()
        .first_response(Channel::Email, TimeLimit::BusinessDays(1))
        .build()?;
    let with_holidays = samr
        .to_builder()
        .calendar(samr.calendar().clone().with_holiday_file(&file))
        .build()?;

    let shanghai = samr.calendar().zone();
    let received = shanghai
        .resolve(NaiveDateTime::parse_from_str(
            "2026-02-13 17:30",
            "%Y-%m-%d %H:%M",
        )?)
        .ok_or("no such time in Shanghai")?;
    println!(
        "\n== A complaint by e-mail, received {} ==",
        local(shanghai, received)
    );
    for (name, policy) in [
        ("without the file", &samr),
        ("with the file", &with_holidays),
    ] {
        let record = ComplaintRecord::accept(
            intake(received),
            &Context::new(Actor::agent("agent-7"), received, policy),
        )?;
        println!("   {name}:");
        for deadline in record.deadlines() {
            println!(
                "     {:<16} due {}",
                deadline.kind().to_string(),
                local(shanghai, deadline.due())
            );
        }
    }
    println!(
        "   With the file, the first response is due on Saturday 14 February, a \
         working day in exchange for the Spring Festival (15 to 23 February); \
         the decision counts the working Saturday of 28 February too."
    );

    // A bad file is refused with the line at fault.
    let damaged = text.replacen("DTEND;VALUE=DATE:20260224", "DTEND;VALUE=DATE:20260214", 1);
    match damaged.parse::<HolidayFile>() {
        Ok(_) => return Err("a span that ends before it starts was read".into()),
        Err(error) => {
            println!("\n== The file with the festival ending before it starts ==\n   {error}")
        }
    }
    Ok(())
}

fn intake(received_at: DateTime<Utc>) -> Accept {
    Accept {
        complainant: Complainant::new("customer-42"),
        received_at,
        channel: Channel::Email,
        content: "The refund for the returned heater never arrived".into(),
        category: Category::new("refunds"),
        severity: Severity::Medium,
    }
}

/// `instant` on the wall clock of `zone`, with the weekday.
fn local(zone: Zone, instant: DateTime<Utc>) -> String {
    zone.to_local(instant)
        .format("%a %Y-%m-%d %H:%M")
        .to_string()
}
