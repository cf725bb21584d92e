//! A month of complaints, generated from a seed, with the month, zone,
//! seed and policy as parameters: the data of the core's `monthly_report`
//! example and of the desk's `--demo`. Complaints arrive between 08:00 and
//! 22:00 local time, 4 to 10 a day; phone calls are answered within 3
//! minutes or not (T1); upheld complaints are investigated by the agreed
//! time or late (R2, R3); simple ones are resolved on the first contact
//! (T5); follow-ups are attempted outside the customer's quiet hours (F4)
//! within 3 days or late (F7), some never reach the customer (F5), some
//! customers are dissatisfied (F3). Nothing happens after `until`, so the
//! complaints of the last days may still be open. The customers live in the
//! month's zone.
//!
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use complaint_workflow::event::{
    Accept, Accountability, Approve, AttemptFollowUp, Close, CompleteFollowUp, ContactMethod,
    CustomerNotification, CustomerSignature, Dismiss, Evaluation, Execute, Findings,
    FollowUpOutcome, GiveUpFollowUp, Investigate, Propose, RemedyOption, ResolveOnFirstContact,
    Responsibility, ResponsibleParty, Review, RootCause, Uphold, Withdraw,
};
use complaint_workflow::report::{Period, PeriodError};
use complaint_workflow::time::{QuietHours, Zone};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Event, EventKind,
    Policy, Severity, TransitionError,
};

/// Which month to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The zone the days are counted in and the complaints arrive in.
    pub zone: Zone,
    /// The same seed makes the same choices.
    pub seed: u64,
}

impl Month {
    /// The seed of the core's `monthly_report` example and the desk's demo.
    pub const SEED: u64 = 202_611;

    /// The month as a report period.
    ///
    /// # Errors
    ///
    /// When the month does not exist.
    pub fn period(&self) -> Result<Period, DemoError> {
        Ok(Period::month(self.year, self.month, self.zone)?)
    }

    /// The last whole month before `now` in `zone`, made from [`Month::SEED`].
    pub fn before(now: DateTime<Utc>, zone: Zone) -> Self {
        let today = zone.to_local(now).date();
        let first = today.with_day0(0).unwrap_or(today);
        let last = first.pred_opt().unwrap_or(first);
        Self {
            year: last.year(),
            month: last.month(),
            zone,
            seed: Self::SEED,
        }
    }

    fn days(&self) -> Result<Vec<NaiveDate>, DemoError> {
        let first =
            NaiveDate::from_ymd_opt(self.year, self.month, 1).ok_or(DemoError::NoSuchDay)?;
        Ok(first
            .iter_days()
            .take_while(|day| day.month() == self.month)
            .collect())
    }
}

/// Why a month could not be made or stored.
#[derive(Debug)]
pub enum DemoError {
    /// The month does not exist.
    NoSuchDay,
    /// The month is not a report period.
    Period(PeriodError),
    /// A local time the zone skips, or no contact time outside the quiet hours.
    NoTime(&'static str),
    /// The rules refused a generated event (a bug in the generator).
    Refused {
        /// The event.
        kind: EventKind,
        /// When.
        at: DateTime<Utc>,
        /// Why.
        error: TransitionError,
    },
    /// The store failed or refused a complaint.
    Store(String),
}

impl std::fmt::Display for DemoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoSuchDay => f.write_str("the demo month has no such day"),
            Self::Period(e) => write!(f, "the demo month: {e}"),
            Self::NoTime(what) => write!(f, "the demo month: no {what}"),
            Self::Refused { kind, at, error } => {
                write!(f, "the demo month: `{kind}` at {at} refused: {error}")
            }
            Self::Store(e) => write!(f, "storing the demo month: {e}"),
        }
    }
}

impl std::error::Error for DemoError {}

impl From<PeriodError> for DemoError {
    fn from(error: PeriodError) -> Self {
        Self::Period(error)
    }
}

/// The complaints of `month` under `policy`, handled as far as `until`.
///
/// # Errors
///
/// When the month does not exist, or the rules refuse a generated event.
pub fn generate(
    month: &Month,
    policy: &Policy,
    until: DateTime<Utc>,
) -> Result<Vec<ComplaintRecord>, DemoError> {
    let mut rng = SplitMix64(month.seed);
    let mut records = Vec::new();
    for day in month.days()? {
        let count = 4 + rng.below(7);
        for _ in 0..count {
            records.push(complaint(&mut rng, policy, month.zone, day, until)?);
        }
    }
    Ok(records)
}

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

    /// One of the items, by weight (`fallback` when there are none).
    fn weighted<T: Copy>(&mut self, items: &[(T, u64)], fallback: T) -> T {
        let total: u64 = items.iter().map(|(_, weight)| weight).sum();
        let mut roll = self.below(total);
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        fallback
    }

    /// One of the items, each as likely.
    fn pick<T: Copy>(&mut self, items: &[T], fallback: T) -> T {
        let index = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(index).copied().unwrap_or(fallback)
    }
}

/// A history being made; events after `until` do not happen yet.
struct Sim<'p> {
    record: ComplaintRecord,
    policy: &'p Policy,
    until: DateTime<Utc>,
    going: bool,
}

impl Sim<'_> {
    /// Applies `event` by `actor` at `at`, unless the history has stopped or
    /// `at` is after `until` (then it stops). Whether it happened.
    fn step(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        event: impl Into<Event>,
    ) -> Result<bool, DemoError> {
        if !self.going || at > self.until {
            self.going = false;
            return Ok(false);
        }
        let event = event.into();
        let kind = event.kind();
        self.record
            .apply(event, &Context::new(actor.clone(), at, self.policy))
            .map_err(|error| DemoError::Refused { kind, at, error })?;
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
) -> Result<ComplaintRecord, DemoError> {
    let agent = Actor::agent(rng.pick(&AGENTS, "agent-li"));
    let supervisor = Actor::supervisor("supervisor-zhao");
    // 08:00 to 22:00 local time.
    let local = day.and_time(NaiveTime::MIN) + minutes(8 * 60 + rng.between(0, 14 * 60 - 1));
    let received = zone
        .resolve(local)
        .ok_or(DemoError::NoTime("such local time"))?;
    let channel = rng.weighted(
        &[
            (Channel::Phone, 40),
            (Channel::Online, 25),
            (Channel::Email, 15),
            (Channel::Sms, 10),
            (Channel::InPerson, 5),
            (Channel::Letter, 5),
        ],
        Channel::Phone,
    );
    let category = rng.weighted(
        &[
            ("delivery", 22),
            ("billing", 14),
            ("product_quality", 14),
            ("repair", 12),
            ("service_attitude", 10),
            ("missing_part", 14),
            ("logistics_query", 14),
        ],
        "delivery",
    );
    let severity = rng.weighted(
        &[
            (Severity::Low, 30),
            (Severity::Medium, 45),
            (Severity::High, 20),
            (Severity::Critical, 5),
        ],
        Severity::Medium,
    );
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
    let mut complainant = if member {
        Complainant::member(format!("member-{number:06}"))
    } else {
        Complainant::new(format!("customer-{number:06}"))
    };
    // The customers live in the month's zone: their quiet hours (F4) are
    // kept there whatever zone the policy's calendar is in.
    complainant.zone = Some(zone);
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
    )
    .map_err(|error| DemoError::Refused {
        kind: EventKind::Accept,
        at: accepted,
        error,
    })?;
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
            .ok_or(DemoError::NoTime("contact time outside the quiet hours"))
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
                        suggestions: rng.pick(&SUGGESTIONS, "None").into(),
                    }
                } else {
                    let to_improve = rng.pick(&TO_IMPROVE, "None").into();
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
