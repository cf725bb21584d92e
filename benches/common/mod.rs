//! Shared by the benchmarks: a seeded generator (splitmix64, no `rand`), the
//! switch between test mode and bench mode, and complaint histories decoded
//! from bytes.
//!
//! Every input is made from a fixed seed, so two runs measure the same work;
//! the events are decoded from a byte buffer at run time, never from a path
//! the compiler could see through.

// Each bench binary uses a part of this module.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Event, Policy,
    Severity, StageKind,
    event::{
        Accept, Accountability, AddNote, Approve, AttemptFollowUp, ChooseRemedy, Close,
        Compensation, CompensationKind, CompleteFollowUp, Contact, ContactMethod, Currency,
        CustomerNotification, CustomerSignature, Decline, Dismiss, Evaluation, Execute, Findings,
        FollowUpOutcome, GiveUpFollowUp, Investigate, Propose, RemedyOption, Responsibility,
        ResponsibleParty, Review, RootCause, Uphold, Withdraw,
    },
};

/// Whether the binary runs as a real benchmark (`cargo bench` passes
/// `--bench`); without it (`cargo test --benches`) criterion runs each
/// benchmark once and the inputs are kept small.
pub fn bench_mode() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// `bench` in bench mode, `test` in test mode.
pub fn sized(bench: usize, test: usize) -> usize {
    if bench_mode() { bench } else { test }
}

/// The splitmix64 generator: a fixed seed gives the same inputs on every run.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started at `seed`.
    pub const fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n > 0`), by multiply-shift.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n + 8);
        while out.len() < n {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        out.truncate(n);
        out
    }
}

/// Reads choices from a byte buffer, wrapping around at its end.
pub struct Bytes<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Bytes<'b> {
    /// A reader over `bytes` (not empty).
    pub fn new(bytes: &'b [u8]) -> Self {
        assert!(!bytes.is_empty(), "a byte reader needs bytes");
        Self { bytes, pos: 0 }
    }

    /// The next byte.
    pub fn byte(&mut self) -> u8 {
        let byte = self.bytes[self.pos % self.bytes.len()];
        self.pos += 1;
        byte
    }

    /// A choice below `n` (`0 < n <= 256`).
    pub fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    /// A number from 0 to 65535.
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }
}

/// Monday 2026-11-02 00:00 UTC: the first day of the benchmarks' complaints.
pub fn epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap()
}

/// A day of November 2026 (`day` from 1 to 30).
pub fn november(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

/// The front-line agent of every walk.
pub fn agent() -> Actor {
    Actor::agent("agent-7")
}

/// The supervisor of every walk (approvals and reviews).
pub fn supervisor() -> Actor {
    Actor::supervisor("supervisor-1")
}

/// Who fires a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// [`agent`].
    Agent,
    /// [`supervisor`].
    Supervisor,
}

impl Who {
    /// The actor.
    pub fn actor(self) -> Actor {
        match self {
            Who::Agent => agent(),
            Who::Supervisor => supervisor(),
        }
    }
}

/// One event of a walk after acceptance: who fires it, when.
#[derive(Clone, Debug)]
pub struct Step {
    /// Who fires it.
    pub who: Who,
    /// When.
    pub at: DateTime<Utc>,
    /// What.
    pub event: Event,
}

/// A complaint's whole walk: the acceptance and the events after it.
#[derive(Clone, Debug)]
pub struct Walk {
    /// The registration form.
    pub accept: Accept,
    /// When the agent accepts it.
    pub at: DateTime<Utc>,
    /// The events after acceptance, in time order.
    pub steps: Vec<Step>,
}

impl Walk {
    /// The record the walk makes under `policy`; panics (naming the step)
    /// when the walk breaks a rule: the generator must only make valid walks.
    pub fn record(&self, policy: &Policy) -> ComplaintRecord {
        let ctx = Context::new(agent(), self.at, policy);
        let mut record = ComplaintRecord::accept(self.accept.clone(), &ctx).expect("accept");
        for (n, step) in self.steps.iter().enumerate() {
            let ctx = Context::new(step.who.actor(), step.at, policy);
            if let Err(error) = record.apply(step.event.clone(), &ctx) {
                panic!(
                    "step {n} `{}` refused in stage {}: {error}",
                    step.event.kind(),
                    record.stage()
                );
            }
        }
        record
    }

    /// The walk with a context per step, ready to apply: what an application
    /// holds when an event comes in.
    pub fn prepared<'p>(&self, policy: &'p Policy) -> Prepared<'p> {
        Prepared {
            accept: self.accept.clone(),
            accept_ctx: Context::new(agent(), self.at, policy),
            steps: self
                .steps
                .iter()
                .map(|step| {
                    (
                        step.event.clone(),
                        Context::new(step.who.actor(), step.at, policy),
                    )
                })
                .collect(),
        }
    }
}

/// A walk with its contexts made.
#[derive(Clone, Debug)]
pub struct Prepared<'p> {
    /// The registration form.
    pub accept: Accept,
    /// The acceptance's context.
    pub accept_ctx: Context<'p>,
    /// Each event with its context.
    pub steps: Vec<(Event, Context<'p>)>,
}

impl Prepared<'_> {
    /// Applies the walk on the stored face ([`ComplaintRecord::apply`]).
    pub fn apply(self) -> ComplaintRecord {
        let mut record = ComplaintRecord::accept(self.accept, &self.accept_ctx).expect("accept");
        for (event, ctx) in self.steps {
            record.apply(event, &ctx).expect("a valid walk");
        }
        record
    }
}

const CATEGORIES: [&str; 8] = [
    "repair",
    "delivery",
    "billing",
    "installation",
    "product_quality",
    "staff_attitude",
    "warranty",
    "returns",
];

const DEPARTMENTS: [&str; 5] = ["repairs", "logistics", "finance", "sales", "after_sales"];

const CHANNELS: [Channel; 5] = [
    Channel::Phone,
    Channel::Phone,
    Channel::Online,
    Channel::Email,
    Channel::InPerson,
];

const NOTES: [&str; 4] = [
    "Called the customer back; they will send photos of the damage",
    "Checked the order history: two deliveries in the last month",
    "The customer prefers to be reached after lunch",
    "Asked the warehouse for the packing record of the parcel",
];

fn parties(department: &Department) -> Vec<ResponsibleParty> {
    vec![
        ResponsibleParty {
            person: "tech-11".into(),
            department: department.clone(),
            responsibility: Responsibility::Direct,
        },
        ResponsibleParty {
            person: "head-11".into(),
            department: department.clone(),
            responsibility: Responsibility::DepartmentHead,
        },
    ]
}

fn accountability() -> Vec<Accountability> {
    ["tech-11", "head-11"]
        .into_iter()
        .map(|person| Accountability {
            person: person.into(),
            rule: "Service handbook 4.2".into(),
            penalty: "Written warning and retraining".into(),
        })
        .collect()
}

fn proposal(options: usize) -> Propose {
    let voucher = Compensation {
        amount_minor: 20_000,
        currency: Currency::new("CNY").unwrap(),
        kind: CompensationKind::Voucher,
    };
    Propose {
        options: (0..options)
            .map(|n| RemedyOption {
                description: format!("Remedy option {}: repair free of charge", n + 1),
                compensation: (n > 0).then(|| voucher.clone()),
            })
            .collect(),
    }
}

/// A note or a contact with the customer, as the byte says: what fills a
/// history between the stage changes.
fn side_event(bytes: &mut Bytes<'_>) -> Event {
    let text = NOTES[bytes.below(NOTES.len())];
    if bytes.below(2) == 0 {
        Event::AddNote(AddNote { text: text.into() })
    } else {
        Event::Contact(Contact {
            method: ContactMethod::Phone,
            summary: text.into(),
            callback_due: None,
        })
    }
}

/// Builds a walk step by step, each step a few minutes after the last.
struct Builder<'a, 'b> {
    bytes: &'a mut Bytes<'b>,
    at: DateTime<Utc>,
    steps: Vec<Step>,
    max_gap_minutes: usize,
}

impl Builder<'_, '_> {
    fn push(&mut self, who: Who, event: impl Into<Event>) {
        self.at += Duration::minutes(1 + self.bytes.below(self.max_gap_minutes) as i64);
        self.steps.push(Step {
            who,
            at: self.at,
            event: event.into(),
        });
    }

    fn side_events(&mut self, count: usize) {
        for _ in 0..count {
            let event = side_event(self.bytes);
            self.push(Who::Agent, event);
        }
    }
}

/// A realistic walk decoded from `bytes`: accepted at `start` (keep it
/// between 09:00 and 12:00 UTC: the follow-up calls must fall outside the
/// quiet hours, 21:00 to 09:00), then up to `max_side` notes and contacts
/// between stage changes, upheld (70%), dismissed (20%) or withdrawn (10%),
/// investigated, proposed, sometimes a customer's choice, approved by the
/// supervisor, sometimes declined once and proposed again, executed,
/// reviewed, followed up (reached, or three missed calls and given up) and
/// closed. Steps are 1 to 10 minutes apart.
pub fn decode_walk(bytes: &mut Bytes<'_>, start: DateTime<Utc>, max_side: usize) -> Walk {
    let member = bytes.below(4) != 0;
    let id = format!("customer-{}", bytes.u16());
    let complainant = if member {
        Complainant::member(id)
    } else {
        Complainant::new(id)
    };
    let severity = [
        Severity::Low,
        Severity::Medium,
        Severity::Medium,
        Severity::High,
    ][bytes.below(4)];
    let accept = Accept {
        complainant,
        received_at: start - Duration::minutes(bytes.below(30) as i64),
        channel: CHANNELS[bytes.below(CHANNELS.len())],
        content: "The washing machine leaks after the repair last week".into(),
        category: Category::new(CATEGORIES[bytes.below(CATEGORIES.len())]),
        severity,
    };
    let department = Department::new(DEPARTMENTS[bytes.below(DEPARTMENTS.len())]);
    let root_cause = RootCause::ALL[bytes.below(RootCause::ALL.len())];
    let mut walk = Builder {
        bytes,
        at: start,
        steps: Vec::new(),
        max_gap_minutes: 10,
    };
    let mut stage = StageKind::Accepted;
    let mut declined = false;
    let mut followed_up = false;
    loop {
        let side = walk.bytes.below(max_side + 1);
        walk.side_events(side);
        stage = match stage {
            StageKind::Accepted => match walk.bytes.below(10) {
                0..=6 => {
                    let due = walk.at + Duration::days(2);
                    walk.push(
                        Who::Agent,
                        Uphold {
                            responsible_department: department.clone(),
                            investigation_due: due + Duration::hours(1),
                        },
                    );
                    StageKind::Judged
                }
                7 | 8 => {
                    let reply = "The damage comes from the customer's own installation".into();
                    walk.push(Who::Agent, Dismiss { reply });
                    followed_up = true;
                    StageKind::Dismissed
                }
                _ => {
                    let reason = "The customer settled with the shop directly".into();
                    walk.push(Who::Agent, Withdraw { reason });
                    StageKind::Withdrawn
                }
            },
            StageKind::Judged => {
                let findings = Findings {
                    root_cause,
                    description: "The seal was not replaced during the repair".into(),
                    responsible_parties: parties(&department),
                };
                walk.push(Who::Agent, Investigate { findings });
                StageKind::Investigated
            }
            StageKind::Investigated => {
                let options = 1 + walk.bytes.below(2);
                walk.push(Who::Agent, proposal(options));
                let option = 1 + walk.bytes.below(options) as u32;
                if walk.bytes.below(3) == 0 {
                    walk.push(Who::Agent, ChooseRemedy { option });
                }
                walk.push(Who::Supervisor, Approve { option });
                StageKind::Approved
            }
            StageKind::Approved => {
                if !declined && walk.bytes.below(10) == 0 {
                    declined = true;
                    let reason = "The customer wants a replacement instead".into();
                    walk.push(Who::Agent, Decline { reason });
                    StageKind::Investigated
                } else {
                    let at = walk.at + Duration::minutes(1);
                    walk.push(
                        Who::Agent,
                        Execute {
                            accountability: accountability(),
                            notification: CustomerNotification {
                                method: ContactMethod::Phone,
                                at,
                            },
                            signature: Some(CustomerSignature {
                                reference: "signed-acceptance.pdf".into(),
                                signed_at: at,
                            }),
                            feedback: Some("Happy with the quick repair".into()),
                        },
                    );
                    followed_up = true;
                    StageKind::Executed
                }
            }
            StageKind::Executed | StageKind::Dismissed | StageKind::Withdrawn => {
                walk.push(
                    Who::Supervisor,
                    Review {
                        summary: "Handled within the agreed time".into(),
                        evaluation: Evaluation::Effective,
                        improvement_actions: vec!["Check seals on every repair".into()],
                    },
                );
                if !followed_up {
                    // A withdrawn complaint has no follow-up; its walk ends reviewed.
                    break;
                }
                StageKind::Reviewed
            }
            StageKind::Reviewed => {
                let mut reached = false;
                for _ in 0..3 {
                    reached = walk.bytes.below(4) != 0;
                    let attempt = AttemptFollowUp {
                        method: ContactMethod::Phone,
                        reached,
                        note: None,
                    };
                    walk.push(Who::Agent, attempt);
                    if reached {
                        break;
                    }
                }
                if reached {
                    let outcome = FollowUpOutcome::Satisfied {
                        suggestions: "None, thank you".into(),
                    };
                    let method = ContactMethod::Phone;
                    walk.push(Who::Agent, CompleteFollowUp { method, outcome });
                } else {
                    let note = "Three calls at different times, no answer".into();
                    walk.push(Who::Agent, GiveUpFollowUp { note });
                }
                walk.push(Who::Agent, Close { note: None });
                StageKind::Closed
            }
            // The walk ends closed; it never refers a complaint (D2).
            StageKind::Proposed | StageKind::Referred | StageKind::Closed => break,
        };
    }
    Walk {
        accept,
        at: start,
        steps: walk.steps,
    }
}

/// A history of exactly `entries` entries (at least 7), mostly notes and
/// contacts: accepted, upheld, investigated, proposed, approved, executed
/// and reviewed, with the notes and contacts spread evenly between the
/// stage changes. Steps are 1 to 3 minutes apart; severity is medium, so
/// intake adds no escalation entry.
pub fn long_walk(bytes: &mut Bytes<'_>, entries: usize) -> Walk {
    const SPINE: usize = 7;
    assert!(entries >= SPINE, "a long walk has at least {SPINE} entries");
    let start = epoch() + Duration::hours(9);
    let accept = Accept {
        complainant: Complainant::new("customer-7"),
        received_at: start,
        channel: Channel::Phone,
        content: "The washing machine leaks after the repair last week".into(),
        category: Category::new("repair"),
        severity: Severity::Medium,
    };
    let department = Department::new("repairs");
    let mut walk = Builder {
        bytes,
        at: start,
        steps: Vec::new(),
        max_gap_minutes: 3,
    };
    let side = entries - SPINE;
    let gaps = SPINE; // after each spine entry
    for gap in 0..gaps {
        let count = side / gaps + usize::from(gap < side % gaps);
        walk.side_events(count);
        if let Some((who, event)) = spine_step(gap, walk.at, &department) {
            walk.push(who, event);
        }
    }
    Walk {
        accept,
        at: start,
        steps: walk.steps,
    }
}

/// The `n`th stage change of [`long_walk`] after acceptance, made at `at`.
fn spine_step(n: usize, at: DateTime<Utc>, department: &Department) -> Option<(Who, Event)> {
    let step = match n {
        0 => {
            let uphold = Uphold {
                responsible_department: department.clone(),
                investigation_due: at + Duration::days(400),
            };
            (Who::Agent, uphold.into())
        }
        1 => {
            let findings = Findings {
                root_cause: RootCause::Quality,
                description: "The seal was not replaced during the repair".into(),
                responsible_parties: parties(department),
            };
            (Who::Agent, Investigate { findings }.into())
        }
        2 => (Who::Agent, proposal(2).into()),
        3 => (Who::Supervisor, Approve { option: 2 }.into()),
        4 => {
            let execute = Execute {
                accountability: accountability(),
                notification: CustomerNotification {
                    method: ContactMethod::Phone,
                    at,
                },
                signature: Some(CustomerSignature {
                    reference: "signed-acceptance.pdf".into(),
                    signed_at: at,
                }),
                feedback: None,
            };
            (Who::Agent, execute.into())
        }
        5 => {
            let review = Review {
                summary: "Handled within the agreed time".into(),
                evaluation: Evaluation::Effective,
                improvement_actions: vec![],
            };
            (Who::Supervisor, review.into())
        }
        _ => return None,
    };
    Some(step)
}

/// The policy of every benchmark: the default one.
pub fn policy() -> Policy {
    Policy::default()
}
