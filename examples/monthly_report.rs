//! A month of complaints and its reports (S1–S4): November 2026 in
//! Asia/Shanghai, generated from a fixed seed, reported as plain-text tables
//! (S1 classification, S2 follow-up summary, S4 deadline breaches), as CSV
//! files and as an SVG chart.
//!
//! Run it with `cargo run --example monthly_report`. It writes
//! `target/report/s1_classification.csv`, `s2_follow_up.csv`,
//! `s4_breaches_by_kind.csv`, `s4_breaches.csv` and `november_2026.svg`
//! (complaints per day by outcome, breaches per deadline kind).
//!
//! The complaints are made through the public API, event by event, so every
//! rule holds: phone calls answered within 3 minutes or not (T1), upheld
//! complaints investigated by the agreed time or late (R2, R3), simple ones
//! resolved on the first contact (T5), follow-ups attempted outside the
//! customer's quiet hours (F4) within 3 days or late (F7), some never
//! reaching the customer (F5), some dissatisfied (F3). Nothing happens after
//! the report is made (2026-12-01 00:00 in Shanghai), so the complaints of
//! the last days are still open.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Event, Policy,
    Severity,
    deadline::DeadlineKind,
    event::{
        Accept, Accountability, Approve, AttemptFollowUp, Close, CompleteFollowUp, ContactMethod,
        CustomerNotification, CustomerSignature, Dismiss, Evaluation, Execute, Findings,
        FollowUpOutcome, GiveUpFollowUp, Investigate, Propose, RemedyOption, ResolveOnFirstContact,
        Responsibility, ResponsibleParty, Review, RootCause, Uphold, Withdraw,
    },
    report::{BreachReport, ClassificationReport, ComplaintOutcome, FollowUpSummary, Period},
    time::{BusinessCalendar, QuietHours, Zone},
};
use plotters::prelude::*;

/// The seed of the month: the same seed, the same complaints.
const SEED: u64 = 202_611;

fn main() -> Result<(), Box<dyn Error>> {
    let zone = Zone::iana("Asia/Shanghai")?;
    let policy = Policy::builder()
        .calendar(BusinessCalendar::new(zone))
        .build()?;
    let november = Period::month(2026, 11, zone)?;
    // The reports are made at midnight after the month, local time.
    let now = november.end();

    let mut rng = SplitMix64(SEED);
    let mut records = Vec::new();
    let first = NaiveDate::from_ymd_opt(2026, 11, 1).ok_or("no such date")?;
    let days: Vec<NaiveDate> = first.iter_days().take(30).collect();
    for &day in &days {
        let count = 4 + rng.below(7);
        for _ in 0..count {
            records.push(complaint(&mut rng, &policy, zone, day, now)?);
        }
    }

    let s1 = ClassificationReport::compute(&records, &november);
    let s2 = FollowUpSummary::compute(&records, &november);
    let s4 = BreachReport::compute(&records, &november, now);
    println!("{} complaints generated from seed {SEED}\n", records.len());
    println!("{s1}");
    println!("{s2}");
    println!("{s4}");

    // S3: the month is the merge of its days.
    let mut daily = Vec::new();
    let mut merged = ClassificationReport::default();
    for &day in &days {
        let report = ClassificationReport::compute(&records, &Period::day(day, zone)?);
        merged = merged.merge(report.clone());
        daily.push(report);
    }
    if merged != s1 {
        return Err("the daily reports do not merge into the monthly one".into());
    }
    println!("The 30 daily S1 reports merge into the monthly one.");

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report");
    fs::create_dir_all(&dir)?;
    let files = [
        ("s1_classification.csv", s1.to_csv()),
        ("s2_follow_up.csv", s2.to_csv()),
        ("s4_breaches_by_kind.csv", s4.to_csv()),
        ("s4_breaches.csv", s4.breaches_to_csv()),
    ];
    let mut written: Vec<PathBuf> = Vec::new();
    for (name, csv) in files {
        let path = dir.join(name);
        fs::write(&path, csv)?;
        written.push(path);
    }
    let chart = dir.join("november_2026.svg");
    draw_chart(&chart, &daily, &s4)?;
    written.push(chart);
    println!("\nWritten:");
    for path in written {
        println!("  {}", path.display());
    }
    Ok(())
}

// ---- Generating a month -------------------------------------------------

/// splitmix64 (Steele, Lea and Flood, 2014): a tiny deterministic generator,
/// plenty for made-up complaints.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = u64::try_from(high - low).unwrap_or(0) + 1;
        low + i64::try_from(self.below(span)).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of the items, by weight.
    fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, weight)| weight).sum();
        let mut roll = self.below(total);
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        items[0].0
    }
}

/// A history being made; events after the report's time do not happen yet.
struct Sim<'p> {
    record: ComplaintRecord,
    policy: &'p Policy,
    until: DateTime<Utc>,
    going: bool,
}

impl Sim<'_> {
    /// Applies `event` by `actor` at `at`, unless the history has stopped or
    /// `at` is after the report's time (then it stops). Whether it happened.
    fn step(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        event: impl Into<Event>,
    ) -> Result<bool, Box<dyn Error>> {
        if !self.going || at > self.until {
            self.going = false;
            return Ok(false);
        }
        let event = event.into();
        let kind = event.kind();
        self.record
            .apply(event, &Context::new(actor.clone(), at, self.policy))
            .map_err(|error| format!("`{kind}` at {at}: {error}"))?;
        Ok(true)
    }
}

const AGENTS: [&str; 6] = [
    "agent-li",
    "agent-wang",
    "agent-zhang",
    "agent-liu",
    "agent-chen",
    "agent-yang",
];

const TO_IMPROVE: [&str; 6] = [
    "Delivery took too long",
    "Nobody called back when promised",
    "The technician came late",
    "The refund took too long",
    "Had to explain the problem twice, to two people",
    "the refund  took too long",
];

const SUGGESTIONS: [&str; 3] = ["Keep it up", "None", "Send text updates on the repair"];

fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

/// One complaint received on `day`, handled as far as `until`.
#[allow(clippy::too_many_lines)]
fn complaint(
    rng: &mut SplitMix64,
    policy: &Policy,
    zone: Zone,
    day: NaiveDate,
    until: DateTime<Utc>,
) -> Result<ComplaintRecord, Box<dyn Error>> {
    let agent = Actor::agent(AGENTS[usize::try_from(rng.below(6))?]);
    let supervisor = Actor::supervisor("supervisor-zhao");
    let local = day.and_time(NaiveTime::MIN) + minutes(8 * 60 + rng.between(0, 14 * 60 - 1));
    let received = zone.resolve(local).ok_or("no such local time")?;
    let channel = rng.weighted(&[
        (Channel::Phone, 40),
        (Channel::Online, 25),
        (Channel::Email, 15),
        (Channel::Sms, 10),
        (Channel::InPerson, 5),
        (Channel::Letter, 5),
    ]);
    let category = rng.weighted(&[
        ("delivery", 22),
        ("billing", 14),
        ("product_quality", 14),
        ("repair", 12),
        ("service_attitude", 10),
        ("missing_part", 14),
        ("logistics_query", 14),
    ]);
    let severity = rng.weighted(&[
        (Severity::Low, 30),
        (Severity::Medium, 45),
        (Severity::High, 20),
        (Severity::Critical, 5),
    ]);
    let member = rng.chance(45);
    let fast = matches!(category, "missing_part" | "logistics_query")
        && severity <= Severity::Medium
        && rng.chance(65);
    // T1, T2: most calls are answered within 3 minutes, online within 5.
    let answer_seconds = if fast {
        rng.between(20, 110)
    } else {
        match channel {
            Channel::Phone if rng.chance(80) => rng.between(20, 170),
            Channel::Phone => rng.between(200, 600),
            Channel::Online if rng.chance(85) => rng.between(30, 280),
            Channel::Online => rng.between(320, 1500),
            _ => rng.between(60, 3600),
        }
    };
    let accepted = received + Duration::seconds(answer_seconds);
    let number = rng.below(1_000_000);
    let complainant = if member {
        Complainant::member(format!("member-{number:06}"))
    } else {
        Complainant::new(format!("customer-{number:06}"))
    };
    let record = ComplaintRecord::accept(
        Accept {
            complainant,
            received_at: received,
            channel,
            content: format!("A complaint about {category}"),
            category: Category::new(category),
            severity,
        },
        &Context::new(agent.clone(), accepted, policy),
    )?;
    let mut sim = Sim {
        record,
        policy,
        until,
        going: true,
    };
    let mut t = accepted;

    // How it is handled.
    let mut handled = false;
    if fast {
        // T5: resolved on the first contact, within 5 minutes of receipt.
        t = received + Duration::seconds(rng.between(150, 280));
        handled = sim.step(
            &agent,
            t,
            ResolveOnFirstContact {
                remedy: RemedyOption {
                    description: "Sent the missing item by express".into(),
                    compensation: None,
                },
                customer_acceptance: "Agreed on the call".into(),
            },
        )?;
    } else if rng.chance(14) {
        t += minutes(rng.between(30, 360));
        handled = sim.step(
            &agent,
            t,
            Dismiss {
                reply: "Explained the terms of the warranty".into(),
            },
        )?;
    } else {
        t += minutes(rng.between(20, 240));
        let agreed_days = rng.between(1, 3);
        let department = match category {
            "delivery" | "missing_part" | "logistics_query" => "logistics",
            "billing" => "finance",
            "repair" | "product_quality" => "repairs",
            _ => "customer_service",
        };
        sim.step(
            &agent,
            t,
            Uphold {
                responsible_department: Department::new(department),
                investigation_due: t + Duration::days(agreed_days),
            },
        )?;
        if rng.chance(7) {
            t += minutes(rng.between(60, 2 * 24 * 60));
            sim.step(
                &agent,
                t,
                Withdraw {
                    reason: "Settled with the shop".into(),
                },
            )?;
        } else {
            // R3: mostly within the agreed time, sometimes late.
            t += if rng.chance(78) {
                minutes(rng.between(120, agreed_days * 24 * 60 - 60))
            } else {
                Duration::days(agreed_days) + minutes(rng.between(60, 3 * 24 * 60))
            };
            let root_cause = match category {
                "delivery" | "missing_part" | "logistics_query" => RootCause::Logistics,
                "billing" => RootCause::Billing,
                "repair" | "product_quality" => RootCause::Quality,
                _ => RootCause::Service,
            };
            sim.step(
                &agent,
                t,
                Investigate {
                    findings: Findings {
                        root_cause,
                        description: "The cause as found".into(),
                        responsible_parties: vec![ResponsibleParty {
                            person: "staff-7".into(),
                            department: Department::new(department),
                            responsibility: Responsibility::Direct,
                        }],
                    },
                },
            )?;
            t += minutes(rng.between(60, 8 * 60));
            sim.step(
                &agent,
                t,
                Propose {
                    options: vec![RemedyOption {
                        description: "Put it right and apologize".into(),
                        compensation: None,
                    }],
                },
            )?;
            t += minutes(rng.between(30, 20 * 60));
            sim.step(&supervisor, t, Approve { option: 1 })?;
            t += minutes(rng.between(120, 2 * 24 * 60));
            handled = sim.step(
                &agent,
                t,
                Execute {
                    accountability: vec![Accountability {
                        person: "staff-7".into(),
                        rule: "Service handbook 3.2".into(),
                        penalty: "Coaching".into(),
                    }],
                    notification: CustomerNotification {
                        method: ContactMethod::Phone,
                        at: t - minutes(10),
                    },
                    signature: Some(CustomerSignature {
                        reference: "acceptance.pdf".into(),
                        signed_at: t - minutes(10),
                    }),
                    feedback: None,
                },
            )?;
        }
    }

    // F1–F7: the follow-up, outside the quiet hours, within 3 days or late.
    let quiet = QuietHours::default();
    let contact = |after: DateTime<Utc>| {
        quiet
            .next_contact_time(after, zone)
            .ok_or("no contact time")
    };
    let mut follow_up_done = false;
    if let Some(status) = sim.record.follow_up().filter(|_| handled) {
        let mut at = contact(
            status.slot()
                + if rng.chance(80) {
                    minutes(rng.between(0, 20 * 60))
                } else {
                    minutes(rng.between(3 * 24 * 60, 5 * 24 * 60))
                },
        )?;
        for attempt in 1..=3 {
            let reached = rng.chance(78);
            let made = sim.step(
                &agent,
                at,
                AttemptFollowUp {
                    method: ContactMethod::Phone,
                    reached,
                    note: None,
                },
            )?;
            if !made {
                break;
            }
            if reached {
                let roll = rng.below(100);
                let outcome = if roll < 70 {
                    FollowUpOutcome::Satisfied {
                        suggestions: SUGGESTIONS[usize::try_from(rng.below(3))?].into(),
                    }
                } else {
                    let to_improve = TO_IMPROVE[usize::try_from(rng.below(6))?].into();
                    if roll < 88 {
                        FollowUpOutcome::Neutral { to_improve }
                    } else {
                        FollowUpOutcome::Dissatisfied { to_improve }
                    }
                };
                at += minutes(rng.between(5, 15));
                follow_up_done = sim.step(
                    &agent,
                    at,
                    CompleteFollowUp {
                        method: ContactMethod::Phone,
                        outcome,
                    },
                )?;
                break;
            }
            if attempt == 3 {
                at += minutes(10);
                follow_up_done = sim.step(
                    &agent,
                    at,
                    GiveUpFollowUp {
                        note: "Three calls, no answer".into(),
                    },
                )?;
            } else {
                at = contact(at + minutes(rng.between(4 * 60, 24 * 60)))?;
            }
        }
        t = at;
    }

    // R6, R7: reviewed once the follow-up is done (or at once when there is
    // none), then closed.
    let finished = !sim.record.stage().is_open();
    if finished && (follow_up_done || sim.record.follow_up().is_none()) {
        t += minutes(rng.between(120, 2 * 24 * 60));
        let reviewed = sim.step(
            &supervisor,
            t,
            Review {
                summary: "Handled as agreed".into(),
                evaluation: Evaluation::Effective,
                improvement_actions: vec![],
            },
        )?;
        if reviewed {
            sim.step(&agent, t + minutes(60), Close { note: None })?;
        }
    }
    Ok(sim.record)
}

// ---- The chart ----------------------------------------------------------

/// Two charts in one SVG: the complaints received each day, stacked by
/// outcome (S1), and the breaches of each deadline kind, stacked by how
/// they ended (S4).
fn draw_chart(
    path: &Path,
    daily: &[ClassificationReport],
    breaches: &BreachReport,
) -> Result<(), Box<dyn Error>> {
    let root = SVGBackend::new(path, (1100, 900)).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(500);

    let outcomes = [
        (ComplaintOutcome::Upheld, RGBColor(46, 139, 87)),
        (ComplaintOutcome::Dismissed, RGBColor(150, 150, 150)),
        (ComplaintOutcome::Withdrawn, RGBColor(230, 145, 56)),
        (ComplaintOutcome::Open, RGBColor(66, 133, 244)),
    ];
    let most = daily.iter().map(|day| day.complaints).max().unwrap_or(0);
    let days = u32::try_from(daily.len())?;
    let mut chart = ChartBuilder::on(&top)
        .caption(
            "Complaints received per day, November 2026 (Asia/Shanghai), by outcome",
            ("sans-serif", 22),
        )
        .margin(20)
        .x_label_area_size(40)
        .y_label_area_size(50)
        // Head room above the bars for the legend.
        .build_cartesian_2d(0.5_f64..f64::from(days) + 0.5, 0_u64..most + most / 2 + 1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(daily.len())
        .x_label_formatter(&|x| format!("{x:.0}"))
        .x_desc("day of November")
        .y_desc("complaints")
        .draw()?;
    for (index, (outcome, color)) in outcomes.iter().enumerate() {
        let bars = daily.iter().zip(1_u32..).map(|(report, day)| {
            let below: u64 = outcomes[..index]
                .iter()
                .map(|(earlier, _)| report.outcome(*earlier))
                .sum();
            let x = f64::from(day);
            Rectangle::new(
                [
                    (x - 0.38, below),
                    (x + 0.38, below + report.outcome(*outcome)),
                ],
                color.filled(),
            )
        });
        let color = *color;
        chart
            .draw_series(bars)?
            .label(outcome.name())
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()?;

    let kinds: Vec<DeadlineKind> = breaches.by_kind.keys().copied().collect();
    let states = [
        ("met late", RGBColor(230, 145, 56)),
        ("cancelled late", RGBColor(150, 150, 150)),
        ("still open past due", RGBColor(204, 51, 51)),
    ];
    let counts = |kind: DeadlineKind| {
        let tally = breaches.tally(kind);
        [tally.met_late, tally.cancelled_late, tally.still_open]
    };
    let most = kinds
        .iter()
        .map(|&kind| breaches.tally(kind).breached())
        .max()
        .unwrap_or(0);
    let width = f64::from(u32::try_from(kinds.len())?);
    let names = kinds.clone();
    let mut chart = ChartBuilder::on(&bottom)
        .caption(
            "Deadline breaches (T7) by deadline kind, due in November 2026",
            ("sans-serif", 22),
        )
        .margin(20)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(-0.5_f64..width - 0.5, 0_u64..most + most / 2 + 1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(kinds.len())
        .x_label_formatter(&move |x| {
            let index = x.round();
            if (x - index).abs() > 0.01 || index < 0.0 {
                return String::new();
            }
            names
                .get(format!("{index:.0}").parse::<usize>().unwrap_or(usize::MAX))
                .map(|kind| kind.name().to_owned())
                .unwrap_or_default()
        })
        .y_desc("breaches")
        .draw()?;
    for (index, (state, color)) in states.iter().enumerate() {
        let bars = kinds.iter().zip(0_u32..).map(|(&kind, position)| {
            let counts = counts(kind);
            let below: u64 = counts[..index].iter().sum();
            let x = f64::from(position);
            Rectangle::new(
                [(x - 0.3, below), (x + 0.3, below + counts[index])],
                color.filled(),
            )
        });
        let color = *color;
        chart
            .draw_series(bars)?
            .label(*state)
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}
