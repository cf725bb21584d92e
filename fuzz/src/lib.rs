//! The hardening harness: one function per fuzz target, each turning
//! arbitrary bytes into inputs of the crate and asserting the invariants that
//! must hold for every input.
//!
//! - [`replay_bytes`]: arbitrary bytes as a stored history or record; loading
//!   never panics, and what loads writes back and loads again unchanged (R7).
//! - [`replay_mutated`]: a valid stored history, damaged as storage could
//!   damage it (reordered, duplicated, dropped, retimed entries, other actors,
//!   other complaint ids, schema versions, event types, huge strings, deep
//!   nesting); replay never panics, and a history it accepts round-trips.
//! - [`apply_events`]: arbitrary runtime events from arbitrary actors at
//!   arbitrary times; `apply` never panics, refuses exactly what the
//!   transition table and the role table refuse, leaves a refused record
//!   unchanged, and the history it writes replays to the same record.
//! - [`replay_tampered_chain`]: a sealed history tampered with (A1): what
//!   `verify_chain` accepts is the original in content (or the original cut
//!   short), and replay accepts nothing it refuses.
//! - [`policy_and_calendar`]: policies from arbitrary JSON and calendar and
//!   time-limit computations with extreme values; no panic, no hang, and the
//!   documented bounds of each computation hold.
//!
//! The same file is the fuzz crate's library (`fuzz/fuzz_targets/*`) and a
//! module of the integration tests (`tests/integration/hardening.rs`), which
//! run the same functions as proptest properties with a bounded case count.
//! It uses only what both have: the crate, chrono and `serde_json`.
//!
//! The bytes are decoded by hand, [`Input`] standing in for the `arbitrary`
//! crate's `Unstructured`: an exhausted input reads as zeros, so every byte
//! string decodes to something.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Event, EventKind,
    Policy, ReplayError, Role, Severity, StageKind, TransitionError,
    audit::ChainError,
    deadline::{AlarmLevel, DeadlineId, DeadlineKind},
    event::{
        Accept, Accountability, AddNote, Approve, Assign, AttemptFollowUp, AwaitCustomer,
        AwaitThirdParty, BodyDue, ChooseRemedy, Close, Compensation, CompensationKind,
        CompleteFollowUp, Contact, ContactMethod, Currency, CustomerNotification, CustomerReplied,
        CustomerSignature, Decline, Dismiss, Dispute, Escalate, EscalationStep, Evaluation,
        Execute, ExtendDeadline, Findings, FollowUpOutcome, GiveUpFollowUp, Handover, Investigate,
        PersonalDataErased, ProgressUpdate, Propose, RaiseAlarm, Reclassify, RecordReferralOutcome,
        Redact, RedactedText, RedactionTarget, Refer, ReferralOutcome, RemedyOption, Reopen,
        RepeatContact, RescheduleFollowUp, ResolveOnFirstContact, Responsibility, ResponsibleParty,
        Review, RootCause, ThirdPartyReplied, Transfer, Uphold, Withdraw,
    },
    policy::{EscalationRule, ExtensionLimit, FastPath},
    record::Entry,
    time::{BusinessCalendar, QuietHours, TimeLimit, Zone},
};
use serde_json::{Value, json};

/// The deadline numbered `number`, read as a stored history holds it: 0 and
/// numbers past the last deadline are unknown ids the crate must refuse.
fn deadline_id(number: u32) -> DeadlineId {
    serde_json::from_value(json!(number)).expect("a deadline id is stored as a JSON number")
}

// ---- Bytes ----------------------------------------------------------------

/// Arbitrary bytes read as a stream of small decisions. Reads past the end
/// give zeros, so every input decodes.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    /// Reads `data` from its start.
    pub fn new(data: &'a [u8]) -> Self {
        Self { data }
    }

    /// Whether every byte was read.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.data
    }

    /// The next byte, or zero.
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&first, rest)) => {
                self.data = rest;
                first
            }
            None => 0,
        }
    }

    /// A coin flip.
    pub fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// The next `N` bytes, zero-padded.
    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        for slot in &mut out {
            *slot = self.byte();
        }
        out
    }

    /// A `u32` from four bytes.
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.bytes())
    }

    /// An `i64` from eight bytes.
    pub fn i64(&mut self) -> i64 {
        i64::from_le_bytes(self.bytes())
    }

    /// A number below `n` (zero when `n` is zero), from one byte, or two when
    /// `n` is above 256.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        let raw = if n <= 256 {
            usize::from(self.byte())
        } else {
            usize::from(u16::from_le_bytes(self.bytes()))
        };
        raw % n
    }

    /// One of `items` (which must not be empty).
    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

/// Arbitrary timestamps are taken modulo this many seconds: a little past
/// chrono's range, so that both of its ends are reached.
const TIMESTAMP_LIMIT: i64 = 9_000_000_000_000;

// ---- Values ---------------------------------------------------------------

/// Monday 2026-11-23 09:00 UTC: when the scripted histories start.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn minutes(n: i64) -> TimeDelta {
    TimeDelta::try_minutes(n).unwrap_or(TimeDelta::zero())
}

/// `at` moved by `delta`, or `at` when that leaves chrono's range.
fn shift(at: DateTime<Utc>, delta: TimeDelta) -> DateTime<Utc> {
    at.checked_add_signed(delta).unwrap_or(at)
}

/// The zones the harness reads calendars and customers in: UTC, fixed
/// offsets up to the extremes, and IANA zones with daylight-saving changes
/// at odd hours (New York, London, Lord Howe's half hour, Santiago at
/// midnight, Apia, which skipped 2011-12-30 entirely).
pub fn zones() -> Vec<Zone> {
    let mut zones = vec![Zone::Utc];
    for seconds in [
        8 * 3600,
        -(5 * 3600 + 1800),
        14 * 3600,
        -12 * 3600,
        86_340,
        -86_340,
    ] {
        zones.extend(Zone::fixed(seconds));
    }
    // Offsets with seconds, which the text form keeps.
    for seconds in [86_399, -86_399, 3_601] {
        zones.extend(Zone::fixed(seconds));
    }
    zones
}

/// Instants where calendars are fragile: chrono's extremes, the epoch, and
/// the hours around daylight-saving changes of [`zones`].
pub fn edge_times() -> Vec<DateTime<Utc>> {
    let utc = |y, mo, d, h, mi| Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap();
    let extremes = [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC];
    extremes
        .into_iter()
        .chain([
            DateTime::<Utc>::UNIX_EPOCH,
            utc(1969, 12, 31, 23, 59),
            utc(2026, 11, 1, 5, 10), // New York, 01:10 EDT, before falling back
            utc(2026, 11, 1, 6, 10), // New York, 01:10 EST, the repeated hour
            utc(2026, 3, 8, 6, 45),  // New York, 01:45 EST, before springing forward
            utc(2026, 10, 25, 0, 30), // London, 01:30 BST, before falling back
            utc(2026, 10, 25, 1, 30), // London, 01:30 GMT, the repeated hour
            utc(2026, 3, 29, 0, 30), // London, the gap
            utc(2011, 12, 29, 20, 0), // Apia, the evening before the skipped day
            utc(2026, 4, 4, 15, 0),  // Lord Howe, the half-hour change
            utc(2026, 4, 5, 2, 30),  // Santiago, midnight change
            utc(9999, 12, 31, 23, 0),
            utc(0, 1, 1, 0, 0),
        ])
        .collect()
}

/// An instant `seconds` from the epoch, or `None` beyond chrono's range.
fn from_seconds(seconds: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds % TIMESTAMP_LIMIT, 0)
}

/// A time: mostly near `now`, sometimes exactly it, sometimes an edge.
pub fn time_near(input: &mut Input<'_>, now: DateTime<Utc>) -> DateTime<Utc> {
    match input.below(20) {
        0 => now,
        1 => input.pick(&edge_times()),
        2 => from_seconds(input.i64()).unwrap_or(now),
        3 => shift(now, -minutes(1)),
        4..=5 => shift(now, -minutes(input.below(100_000) as i64)),
        6..=7 => shift(now, TimeDelta::days(input.below(400) as i64)),
        8 => shift(now, TimeDelta::seconds(1)),
        _ => shift(now, minutes(1 + input.below(3000) as i64)),
    }
}

/// Texts that pass, are blank, are long, or are odd.
pub fn text(input: &mut Input<'_>) -> String {
    match input.below(24) {
        16 => String::new(),
        17 => " \t\n".to_owned(),
        18 => "\u{3000}".to_owned(),
        19 => "x".repeat(16 * 1024 + 1),
        20 => "漏".repeat(1 + input.below(400)),
        21 => "\u{0}\u{202e}\u{feff}".to_owned(),
        22 => {
            let len = input.below(24);
            let bytes: Vec<u8> = (0..len).map(|_| input.byte()).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        23 => "x".repeat(1024 + input.below(2)),
        // An exhausted input (zeros) reads as a valid text.
        _ => input
            .pick(&["ok", "the pipe leaks again", "漏水", "see note"])
            .to_owned(),
    }
}

const PEOPLE: [&str; 4] = ["tech-11", "head-repairs", "p-3", ""];
const ACTOR_IDS: [&str; 6] = ["agent-7", "agent-8", "lead-3", "supervisor-1", "", "x"];

fn actor_id(input: &mut Input<'_>) -> String {
    input.pick(&ACTOR_IDS).to_owned()
}

fn role(input: &mut Input<'_>) -> Role {
    input.pick(&Role::ALL)
}

fn method(input: &mut Input<'_>) -> ContactMethod {
    input.pick(&[
        ContactMethod::Phone,
        ContactMethod::Email,
        ContactMethod::Sms,
        ContactMethod::Letter,
        ContactMethod::InPerson,
        ContactMethod::Other,
    ])
}

fn time_of_day(input: &mut Input<'_>) -> NaiveTime {
    let seconds = u32::try_from(input.below(86_400)).unwrap_or(0);
    // One time in 32 is a leap second, which chrono represents as 23:59:60.
    let nano = if input.below(32) == 0 {
        1_500_000_000
    } else {
        0
    };
    NaiveTime::from_num_seconds_from_midnight_opt(seconds, nano)
        .or_else(|| NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0))
        .unwrap_or(NaiveTime::MIN)
}

fn complainant(input: &mut Input<'_>) -> Complainant {
    let id = input.pick(&["customer-42", "c-1", "", " "]);
    let mut complainant = if input.bool() {
        Complainant::member(id)
    } else {
        Complainant::new(id)
    };
    if input.below(3) == 0 {
        complainant = complainant.in_zone(input.pick(&zones()));
    }
    if input.below(4) == 0 {
        complainant =
            complainant.with_quiet_hours(QuietHours::new(time_of_day(input), time_of_day(input)));
    }
    complainant
}

fn category(input: &mut Input<'_>) -> Category {
    Category::new(input.pick(&["repair", "missing_part", "cashback", "delivery", "", " "]))
}

fn severity(input: &mut Input<'_>) -> Severity {
    input.pick(&Severity::ALL)
}

fn channel(input: &mut Input<'_>) -> Channel {
    input.pick(&Channel::ALL)
}

fn accept(input: &mut Input<'_>, now: DateTime<Utc>) -> Accept {
    Accept {
        complainant: complainant(input),
        received_at: if input.below(4) == 0 {
            time_near(input, now)
        } else {
            shift(now, -minutes(input.below(10) as i64))
        },
        channel: channel(input),
        content: text(input),
        category: category(input),
        severity: severity(input),
    }
}

fn remedy(input: &mut Input<'_>) -> RemedyOption {
    RemedyOption {
        description: text(input),
        compensation: input.bool().then(|| Compensation {
            amount_minor: input.pick(&[20_000, 1, 0, u64::MAX]),
            currency: input.pick(&[
                Currency::new("CNY").unwrap(),
                Currency::new("USD").unwrap(),
                Currency::new("EUR").unwrap(),
            ]),
            kind: input.pick(&[
                CompensationKind::Refund,
                CompensationKind::Cash,
                CompensationKind::Voucher,
                CompensationKind::Discount,
                CompensationKind::Replacement,
                CompensationKind::Repair,
                CompensationKind::Other,
            ]),
        }),
    }
}

fn option_number(input: &mut Input<'_>) -> u32 {
    input.pick(&[1, 1, 2, 2, 3, 0, 5, u32::MAX])
}

/// An event of `kind` whose data is read from `input`: usually valid for
/// the rule of the kind, sometimes not.
pub fn event(
    input: &mut Input<'_>,
    kind: EventKind,
    record: &ComplaintRecord,
    now: DateTime<Utc>,
) -> Event {
    match kind {
        EventKind::Accept => accept(input, now).into(),
        EventKind::Uphold => Uphold {
            responsible_department: Department::new(text(input)),
            investigation_due: time_near(input, now),
        }
        .into(),
        EventKind::Dismiss => Dismiss { reply: text(input) }.into(),
        EventKind::Investigate => {
            let parties = (0..input.below(4))
                .map(|_| ResponsibleParty {
                    person: input.pick(&PEOPLE).to_owned(),
                    department: Department::new(text(input)),
                    responsibility: if input.bool() {
                        Responsibility::Direct
                    } else {
                        Responsibility::DepartmentHead
                    },
                })
                .collect();
            Investigate {
                findings: Findings {
                    root_cause: input.pick(&RootCause::ALL),
                    description: text(input),
                    responsible_parties: parties,
                },
            }
            .into()
        }
        EventKind::Propose => Propose {
            options: (0..input.below(6)).map(|_| remedy(input)).collect(),
        }
        .into(),
        EventKind::ChooseRemedy => ChooseRemedy {
            option: option_number(input),
        }
        .into(),
        EventKind::Approve => Approve {
            option: option_number(input),
        }
        .into(),
        EventKind::Decline => Decline {
            reason: text(input),
        }
        .into(),
        EventKind::Execute => {
            // Usually one entry for every responsible party of the findings.
            let mut persons: Vec<String> = record
                .findings()
                .map(|f| {
                    f.responsible_parties
                        .iter()
                        .map(|p| p.person.clone())
                        .collect()
                })
                .unwrap_or_default();
            if input.below(4) == 0 {
                persons = (0..input.below(3))
                    .map(|_| input.pick(&PEOPLE).to_owned())
                    .collect();
            }
            let accountability = persons
                .into_iter()
                .map(|person| Accountability {
                    person,
                    rule: text(input),
                    penalty: text(input),
                })
                .collect();
            let before = |input: &mut Input<'_>| {
                if input.below(4) == 0 {
                    time_near(input, now)
                } else {
                    shift(now, -minutes(input.below(30) as i64))
                }
            };
            Execute {
                accountability,
                notification: CustomerNotification {
                    method: method(input),
                    at: before(input),
                },
                signature: (input.below(8) != 0).then(|| CustomerSignature {
                    reference: text(input),
                    signed_at: before(input),
                }),
                feedback: input.bool().then(|| text(input)),
            }
            .into()
        }
        EventKind::Review => Review {
            summary: text(input),
            evaluation: input.pick(&[
                Evaluation::Effective,
                Evaluation::PartlyEffective,
                Evaluation::Ineffective,
            ]),
            improvement_actions: (0..input.below(3)).map(|_| text(input)).collect(),
        }
        .into(),
        EventKind::Reopen => Reopen {
            reason: text(input),
        }
        .into(),
        EventKind::Dispute => Dispute {
            reason: text(input),
        }
        .into(),
        EventKind::Refer => Refer {
            body: text(input),
            reference: text(input),
            body_due: if input.bool() {
                BodyDue::At(time_near(input, now))
            } else {
                BodyDue::Within(input.pick(&[
                    TimeLimit::BusinessDays(15),
                    TimeLimit::Weeks(8),
                    TimeLimit::Hours(0),
                    TimeLimit::CalendarDays(u32::MAX),
                ]))
            },
        }
        .into(),
        EventKind::RecordReferralOutcome => RecordReferralOutcome {
            outcome: input.pick(&ReferralOutcome::ALL),
            note: text(input),
        }
        .into(),
        EventKind::Withdraw => Withdraw {
            reason: text(input),
        }
        .into(),
        EventKind::AddNote => AddNote { text: text(input) }.into(),
        EventKind::Contact => Contact {
            method: method(input),
            summary: text(input),
            callback_due: input.bool().then(|| time_near(input, now)),
        }
        .into(),
        EventKind::Assign => Assign {
            owner: actor_id(input).into(),
        }
        .into(),
        EventKind::Transfer => Transfer {
            department: Department::new(text(input)),
            owner: input.bool().then(|| actor_id(input).into()),
            reason: text(input),
            tracking_due: time_near(input, now),
        }
        .into(),
        EventKind::AwaitCustomer => AwaitCustomer {
            reason: text(input),
        }
        .into(),
        EventKind::CustomerReplied => CustomerReplied {
            summary: text(input),
        }
        .into(),
        EventKind::ProgressUpdate => ProgressUpdate {
            method: ContactMethod::Sms,
            summary: text(input),
        }
        .into(),
        EventKind::AwaitThirdParty => AwaitThirdParty {
            party: text(input),
            reason: text(input),
        }
        .into(),
        EventKind::ThirdPartyReplied => ThirdPartyReplied {
            summary: text(input),
        }
        .into(),
        // W2: a new severity, a category of the list (or blank), a reason.
        EventKind::Reclassify => Reclassify {
            severity: severity(input),
            category: category(input),
            reason: text(input),
        }
        .into(),
        EventKind::ExtendDeadline => {
            let count = record.deadlines().len();
            let number = u32::try_from(input.below(count + 2)).unwrap_or(0);
            let current = record
                .deadline(deadline_id(number))
                .map_or(now, |deadline| deadline.due());
            ExtendDeadline {
                deadline: deadline_id(number),
                due: if input.bool() {
                    shift(current, minutes(1 + input.below(60 * 24 * 40) as i64))
                } else {
                    time_near(input, current)
                },
                reason: text(input),
            }
            .into()
        }
        EventKind::Escalate => Escalate {
            to: role(input),
            owner: input.bool().then(|| actor_id(input).into()),
            reason: text(input),
            step: input.bool().then(|| {
                let count = record.deadlines().len();
                EscalationStep {
                    deadline: deadline_id(u32::try_from(input.below(count + 2)).unwrap_or(0)),
                    level: u8::try_from(input.below(4)).unwrap_or(0),
                }
            }),
        }
        .into(),
        EventKind::RaiseAlarm => {
            let count = record.deadlines().len();
            RaiseAlarm {
                deadline: deadline_id(u32::try_from(input.below(count + 2)).unwrap_or(0)),
                level: if input.bool() {
                    AlarmLevel::AtRisk
                } else {
                    AlarmLevel::Breached
                },
            }
            .into()
        }
        EventKind::RepeatContact => RepeatContact {
            channel: channel(input),
            content: text(input),
        }
        .into(),
        EventKind::Handover => Handover {
            to: actor_id(input).into(),
            note: text(input),
        }
        .into(),
        EventKind::ResolveOnFirstContact => ResolveOnFirstContact {
            remedy: remedy(input),
            customer_acceptance: text(input),
        }
        .into(),
        EventKind::AttemptFollowUp => AttemptFollowUp {
            method: method(input),
            reached: input.bool(),
            note: input.bool().then(|| text(input)),
        }
        .into(),
        EventKind::RescheduleFollowUp => RescheduleFollowUp {
            at: time_near(input, now),
            customer_requested: input.bool(),
        }
        .into(),
        EventKind::CompleteFollowUp => CompleteFollowUp {
            method: method(input),
            outcome: match input.below(3) {
                0 => FollowUpOutcome::Satisfied {
                    suggestions: text(input),
                },
                1 => FollowUpOutcome::Neutral {
                    to_improve: text(input),
                },
                _ => FollowUpOutcome::Dissatisfied {
                    to_improve: text(input),
                },
            },
        }
        .into(),
        EventKind::GiveUpFollowUp => GiveUpFollowUp { note: text(input) }.into(),
        EventKind::Close => Close {
            note: input.bool().then(|| text(input)),
        }
        .into(),
        EventKind::PersonalDataErased => PersonalDataErased {
            reason: text(input),
        }
        .into(),
        // A2: everything, or texts of entries that may or may not be there.
        EventKind::Redact => Redact {
            reason: text(input),
            target: if input.bool() {
                RedactionTarget::AllPersonalText
            } else {
                let count = input.below(3);
                RedactionTarget::Texts(
                    (0..count)
                        .map(|_| RedactedText {
                            sequence: input.pick(&[
                                1,
                                2,
                                3,
                                record.version(),
                                record.version() + 1,
                            ]),
                            path: input
                                .pick(&[
                                    "/event/data/content",
                                    "/event/data/text",
                                    "/event/data/reason",
                                    "/event/data/findings/description",
                                    "/event/data/outcome/to_improve",
                                ])
                                .to_owned(),
                        })
                        .collect(),
                )
            },
        }
        .into(),
    }
}

/// The policies the runtime events are applied under: the default, the
/// presets, small limits, and calendars that count business time across
/// daylight-saving changes on every day of the week.
pub fn policies() -> &'static [Policy] {
    static POLICIES: OnceLock<Vec<Policy>> = OnceLock::new();
    POLICIES.get_or_init(|| {
        let all_week = BusinessCalendar::WEEK;
        let hours = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let mut policies = vec![
            Policy::default(),
            Policy::cfpb(),
            Policy::uk_fca(),
            Policy::payment_services(),
            Policy::prc_banking_insurance(),
            Policy::prc_samr(),
            Policy::builder()
                .max_text_bytes(1024)
                .max_remedy_options(4)
                .follow_up_attempts(1)
                .fast_path(Some(FastPath {
                    within: TimeLimit::Hours(2),
                    ..FastPath::default()
                }))
                .build()
                .unwrap(),
        ];
        for zone in ["America/New_York", "Europe/London", "Pacific/Apia"] {
            let zone: Zone = zone.parse().unwrap();
            let calendar = BusinessCalendar::new(zone)
                .with_working_days(all_week)
                // Working hours over the hour a fall-back change repeats
                // (01:00 to 02:00 here; 03:00 to 04:00 in Apia).
                .with_hours(hours(0, 0), hours(23, 59))
                .unwrap();
            policies.push(
                Policy::builder()
                    .calendar(calendar)
                    .first_response(Channel::Email, TimeLimit::BusinessHours(1))
                    .judgment(TimeLimit::BusinessHours(3))
                    .final_response(TimeLimit::CloseOfBusinessDay(0))
                    .summary_resolution(TimeLimit::BusinessDays(1))
                    .paused_while_awaiting_customer(DeadlineKind::ALL)
                    .escalation(Some(EscalationRule {
                        at_or_above: Severity::Low,
                        to: Role::Supervisor,
                    }))
                    .extensions(ExtensionLimit {
                        max_count: u32::MAX,
                        max_beyond_original: None,
                    })
                    .build()
                    .unwrap(),
            );
        }
        policies
    })
}

// ---- apply_events -----------------------------------------------------------

/// The kinds that take a stage along the main line of the lifecycle.
const MAIN_LINE: [EventKind; 8] = [
    EventKind::Uphold,
    EventKind::Investigate,
    EventKind::Propose,
    EventKind::Approve,
    EventKind::Execute,
    EventKind::Review,
    EventKind::AttemptFollowUp,
    EventKind::Close,
];

/// What [`apply_events`] did, for the tests that check the harness reaches
/// deep into the lifecycle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// The stages the record went through (none when the acceptance was refused).
    pub stages: Vec<StageKind>,
    /// The kinds of the events applied.
    pub kinds: Vec<EventKind>,
    /// How many events were refused.
    pub refused: usize,
}

/// Arbitrary runtime events, from arbitrary actors at arbitrary times.
///
/// # Panics
///
/// When an invariant breaks: `apply` refuses an event the tables allow for
/// the wrong reason or accepts one they refuse, a refused event changes the
/// record, an applied event is not recorded as given, or the final history
/// does not replay (and load from JSON) to the same record.
pub fn apply_events(data: &[u8]) -> Applied {
    let mut input = Input::new(data);
    let policy = input.pick(policies());
    let start = if input.below(4) == 0 {
        time_near(&mut input, t0())
    } else {
        input.pick(&[
            t0(),
            Utc.with_ymd_and_hms(2026, 11, 1, 4, 30, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 3, 8, 5, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 10, 24, 23, 30, 0).unwrap(),
            Utc.with_ymd_and_hms(2011, 12, 29, 9, 0, 0).unwrap(),
        ])
    };
    let intake = Actor::new(actor_id(&mut input), role(&mut input));
    let form = accept(&mut input, start);
    let ctx = Context::new(intake, start, &policy);
    let mut record = match ComplaintRecord::accept(form.clone(), &ctx) {
        Ok(record) => record,
        Err(_) => return Applied::default(),
    };
    assert!(
        matches!(record.version(), 1 | 2),
        "an acceptance writes the accept entry and at most an escalation"
    );
    assert_eq!(record.entries()[0].event(), &Event::Accept(form));
    let mut applied = Applied {
        stages: vec![record.stage()],
        ..Applied::default()
    };
    let mut now = start;
    let mut steps = 0;
    while !input.is_empty() && steps < 64 {
        steps += 1;
        now = match input.below(16) {
            0 => now,
            1 => time_near(&mut input, now),
            2 => shift(now, -minutes(1 + input.below(600) as i64)),
            3 => shift(now, TimeDelta::days(1 + input.below(40) as i64)),
            4..=7 => shift(now, minutes(input.below(5) as i64)),
            _ => shift(now, minutes(input.below(600) as i64)),
        };
        let allowed: Vec<EventKind> = record.allowed_events().collect();
        let kind = match input.below(8) {
            0 | 1 => input.pick(&EventKind::ALL),
            // T5: the fast path competes with the judgment on the main line.
            2 if record.stage() == StageKind::Accepted => EventKind::ResolveOnFirstContact,
            2 | 3 => MAIN_LINE
                .iter()
                .copied()
                .find(|kind| allowed.contains(kind))
                .unwrap_or(EventKind::AddNote),
            _ => input.pick(&allowed),
        };
        let actor_role = if input.below(4) == 0 {
            role(&mut input)
        } else {
            Role::required_for(kind).max(Role::Agent)
        };
        let actor = if kind == EventKind::ResolveOnFirstContact && input.bool() {
            record.intake_actor().clone()
        } else {
            Actor::new(actor_id(&mut input), actor_role)
        };
        let command = (input.below(8) == 0).then(|| input.pick(&["cmd-1", "cmd-2", "cmd-3"]));
        let event = event(&mut input, kind, &record, now);
        let mut ctx = Context::new(actor.clone(), now, &policy);
        if let Some(command) = command {
            ctx = ctx.with_command(command);
        }
        let before = record.clone();
        let replayed_command = command.and_then(|c| before.entries_of_command(&c.into()));
        match record.apply(event.clone(), &ctx) {
            Err(error) => {
                applied.refused += 1;
                assert_eq!(
                    record, before,
                    "refused `{kind}` ({error}) changed the record"
                );
                if replayed_command.is_none() {
                    check_refusal(&before, &event, &actor, &error);
                } else {
                    assert!(
                        matches!(error, TransitionError::CommandReused { .. }),
                        "a reused command is refused as such, not with {error:?}"
                    );
                }
            }
            Ok(entries) => {
                let entries = entries.to_vec();
                if let Some(done) = replayed_command {
                    assert_eq!(record, before, "a repeated command changed the record");
                    assert_eq!(entries, done, "a repeated command returns its entries");
                    continue;
                }
                assert!(before.can(kind), "`{kind}` applied in {}", before.stage());
                assert!(actor.may(kind), "`{kind}` applied by {:?}", actor.role);
                assert_eq!(entries.len(), 1, "an applied event writes one entry");
                assert_eq!(record.version(), before.version() + 1);
                assert_eq!(record.entries_since(before.version()), &entries[..]);
                // A2: a redaction rewrites the entries it names, keeping
                // their hashes; any other event leaves the past alone.
                let rewritten = record.rewritten_since(before.version());
                if kind != EventKind::Redact {
                    assert!(rewritten.is_empty(), "`{kind}` rewrote entries");
                }
                let old = &record.entries()[..entries.len() - 1 + before.entries().len()];
                let mut expected = before.entries().to_vec();
                expected.extend_from_slice(&entries[..entries.len() - 1]);
                for (now, was) in old.iter().zip(&expected) {
                    if rewritten.contains(&now.sequence()) {
                        assert_eq!(now.hash(), was.hash(), "a redaction keeps the hash");
                    } else {
                        assert_eq!(now, was, "`{kind}` changed an earlier entry");
                    }
                }
                let entry = &entries[0];
                assert_eq!(entry.event(), &event);
                assert_eq!(entry.actor(), &actor);
                assert_eq!(entry.at(), now);
                assert_eq!(entry.sequence(), record.version());
                assert_eq!(entry.complaint_id(), record.id());
                assert_eq!(entry.command(), command.map(Into::into).as_ref());
                assert_eq!(Some(record.stage()), before.stage().after(kind));
                applied.kinds.push(kind);
                applied.stages.push(record.stage());
            }
        }
    }
    check_round_trip(&record);
    applied
}

/// A refusal names the first check that fails: the transition table, then
/// the role table.
fn check_refusal(record: &ComplaintRecord, event: &Event, actor: &Actor, error: &TransitionError) {
    let kind = event.kind();
    if !record.can(kind) {
        assert_eq!(
            error,
            &TransitionError::NotAllowed {
                event: kind,
                stage: record.stage()
            }
        );
    } else if !actor.may(kind) {
        assert_eq!(
            error,
            &TransitionError::Unauthorized {
                event: kind,
                actor: actor.id.clone(),
                required: Role::required_for(kind),
                found: actor.role,
            }
        );
    } else {
        assert!(
            !matches!(
                error,
                TransitionError::NotAllowed { .. } | TransitionError::Unauthorized { .. }
            ),
            "`{kind}` by {:?} in {} refused with {error:?}",
            actor.role,
            record.stage()
        );
    }
}

/// R7: a record's history replays to the same record, and the record loads
/// back from its JSON; so does every prefix of its history.
///
/// # Panics
///
/// When the record does not round-trip.
pub fn check_round_trip(record: &ComplaintRecord) {
    let replayed = ComplaintRecord::replay(record.entries().to_vec())
        .unwrap_or_else(|error| panic!("a history written by apply does not replay: {error}"));
    assert_eq!(&replayed, record, "replay gives another record");
    let json = serde_json::to_vec(record).unwrap();
    let loaded: ComplaintRecord = serde_json::from_slice(&json)
        .unwrap_or_else(|error| panic!("a written record does not load: {error}"));
    assert_eq!(&loaded, record, "loading gives another record");
    assert_eq!(serde_json::to_vec(&loaded).unwrap(), json);
    let entries_json = serde_json::to_vec(record.entries()).unwrap();
    let entries: Vec<Entry> = serde_json::from_slice(&entries_json).unwrap();
    assert_eq!(entries, record.entries());
    assert_eq!(record.clone().into_typed().stage(), record.stage());
    // A2: a prefix that ends before a redaction holds texts it redacted
    // without the entry that names them: refused as such, and only then.
    for len in 1..record.entries().len() {
        let prefix = ComplaintRecord::replay(record.entries()[..len].to_vec());
        let redacted_later = record.entries()[len..]
            .iter()
            .any(|entry| entry.event().kind() == EventKind::Redact);
        match prefix {
            Ok(_) => {}
            Err(ReplayError::Chain(ChainError::UnlicensedRedaction { .. })) if redacted_later => {}
            Err(error) => panic!("prefix {len} of a valid history: {error:?}"),
        }
    }
}

// ---- replay_bytes -----------------------------------------------------------

/// Arbitrary bytes as stored JSON: a list of entries, and a stored record.
///
/// # Panics
///
/// When loading panics, or what loads does not round-trip.
pub fn replay_bytes(data: &[u8]) {
    if let Ok(entries) = serde_json::from_slice::<Vec<Entry>>(data) {
        if let Ok(record) = ComplaintRecord::replay(entries.clone()) {
            assert_eq!(record.entries(), &entries[..], "replay keeps the entries");
            check_round_trip(&record);
        }
    }
    if let Ok(record) = serde_json::from_slice::<ComplaintRecord>(data) {
        check_round_trip(&record);
    }
}

// ---- replay_mutated ----------------------------------------------------------

/// One scripted step: who, how many minutes after the start, what.
type Scripted = (Actor, i64, Event);

fn agent() -> Actor {
    Actor::agent("agent-7")
}

fn lead() -> Actor {
    Actor::team_lead("lead-3")
}

fn supervisor() -> Actor {
    Actor::supervisor("supervisor-1")
}

fn parties() -> Vec<ResponsibleParty> {
    ["tech-11", "head-repairs"]
        .into_iter()
        .map(|person| ResponsibleParty {
            person: person.into(),
            department: Department::new("repairs"),
            responsibility: Responsibility::Direct,
        })
        .collect()
}

fn execute_at(at: DateTime<Utc>) -> Execute {
    Execute {
        accountability: parties()
            .into_iter()
            .map(|party| Accountability {
                person: party.person,
                rule: "Repair handbook 4.2".into(),
                penalty: "Written warning".into(),
            })
            .collect(),
        notification: CustomerNotification {
            method: ContactMethod::Phone,
            at: at - Duration::minutes(5),
        },
        signature: Some(CustomerSignature {
            reference: "signed-0042.pdf".into(),
            signed_at: at - Duration::minutes(5),
        }),
        feedback: Some("Thank you".into()),
    }
}

fn options() -> Propose {
    Propose {
        options: vec![
            RemedyOption {
                description: "Repair again".into(),
                compensation: None,
            },
            RemedyOption {
                description: "Repair again with a voucher".into(),
                compensation: Some(Compensation {
                    amount_minor: 20_000,
                    currency: Currency::new("CNY").unwrap(),
                    kind: CompensationKind::Voucher,
                }),
            },
        ],
    }
}

fn at(minute: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(minute)
}

/// The long history: handling around the stages, two proposal rounds, a
/// follow-up with a missed call and an agreed time, review, reopening.
fn script_full() -> (Accept, Policy, Vec<Scripted>) {
    let form = Accept {
        complainant: Complainant::member("customer-42"),
        received_at: t0(),
        channel: Channel::Phone,
        content: "The washing machine leaks after the repair".into(),
        category: Category::new("repair"),
        severity: Severity::Medium,
    };
    let steps: Vec<Scripted> = vec![
        (
            agent(),
            5,
            Assign {
                owner: "agent-8".into(),
            }
            .into(),
        ),
        (
            agent(),
            6,
            Contact {
                method: ContactMethod::Phone,
                summary: "Called back".into(),
                callback_due: Some(at(120)),
            }
            .into(),
        ),
        (
            agent(),
            7,
            AwaitCustomer {
                reason: "Photos of the leak".into(),
            }
            .into(),
        ),
        (
            agent(),
            30,
            CustomerReplied {
                summary: "Photos sent".into(),
            }
            .into(),
        ),
        (
            supervisor(),
            31,
            ExtendDeadline {
                deadline: deadline_id(3),
                due: at(600),
                reason: "The customer asked for the evening".into(),
            }
            .into(),
        ),
        (
            agent(),
            32,
            Escalate {
                to: Role::TeamLead,
                owner: Some("lead-3".into()),
                reason: "Second repair".into(),
                step: None,
            }
            .into(),
        ),
        (
            lead(),
            33,
            Handover {
                to: "agent-8".into(),
                note: "Shift ends".into(),
            }
            .into(),
        ),
        (
            agent(),
            40,
            Uphold {
                responsible_department: Department::new("repairs"),
                investigation_due: at(40 + 2 * 24 * 60),
            }
            .into(),
        ),
        (
            lead(),
            60,
            Transfer {
                department: Department::new("workshop"),
                owner: None,
                reason: "Needs the workshop".into(),
                tracking_due: at(24 * 60),
            }
            .into(),
        ),
        (
            lead(),
            70,
            Investigate {
                findings: Findings {
                    root_cause: RootCause::Quality,
                    description: "The seal was not replaced".into(),
                    responsible_parties: parties(),
                },
            }
            .into(),
        ),
        (
            agent(),
            80,
            AddNote {
                text: "Customer asked for a date".into(),
            }
            .into(),
        ),
        (agent(), 90, options().into()),
        (agent(), 95, ChooseRemedy { option: 2 }.into()),
        (supervisor(), 100, Approve { option: 2 }.into()),
        (
            agent(),
            110,
            Decline {
                reason: "Wants a new machine".into(),
            }
            .into(),
        ),
        (agent(), 120, options().into()),
        (supervisor(), 130, Approve { option: 1 }.into()),
        (
            agent(),
            140,
            RepeatContact {
                channel: Channel::Phone,
                content: "When is the repair?".into(),
            }
            .into(),
        ),
        (agent(), 150, execute_at(at(150)).into()),
        (
            agent(),
            24 * 60 + 120,
            AttemptFollowUp {
                method: ContactMethod::Phone,
                reached: false,
                note: Some("No answer".into()),
            }
            .into(),
        ),
        (
            agent(),
            24 * 60 + 130,
            RescheduleFollowUp {
                at: at(2 * 24 * 60 + 60),
                customer_requested: true,
            }
            .into(),
        ),
        (
            agent(),
            2 * 24 * 60 + 60,
            AttemptFollowUp {
                method: ContactMethod::Phone,
                reached: true,
                note: None,
            }
            .into(),
        ),
        (
            agent(),
            2 * 24 * 60 + 70,
            CompleteFollowUp {
                method: ContactMethod::Phone,
                outcome: FollowUpOutcome::Dissatisfied {
                    to_improve: "No hose".into(),
                },
            }
            .into(),
        ),
        (
            supervisor(),
            3 * 24 * 60,
            Review {
                summary: "Repaired".into(),
                evaluation: Evaluation::PartlyEffective,
                improvement_actions: vec!["Check seals".into()],
            }
            .into(),
        ),
        (
            agent(),
            4 * 24 * 60,
            Reopen {
                reason: "No hose".into(),
            }
            .into(),
        ),
        (
            supervisor(),
            4 * 24 * 60 + 5,
            PersonalDataErased {
                reason: "Customer's request".into(),
            }
            .into(),
        ),
        (
            agent(),
            4 * 24 * 60 + 10,
            Withdraw {
                reason: "Settled in the shop".into(),
            }
            .into(),
        ),
    ];
    (form, Policy::default(), steps)
}

/// T5: resolved on the first contact, followed up, reviewed, closed.
fn script_fast_path() -> (Accept, Policy, Vec<Scripted>) {
    let form = Accept {
        complainant: Complainant::member("customer-7")
            .in_zone("Asia/Shanghai".parse().unwrap())
            .with_quiet_hours(QuietHours::new(
                NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
                NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            )),
        received_at: t0(),
        channel: Channel::Online,
        content: "A screw is missing".into(),
        category: Category::new("missing_part"),
        severity: Severity::Low,
    };
    let steps: Vec<Scripted> = vec![
        (
            agent(),
            3,
            ResolveOnFirstContact {
                remedy: RemedyOption {
                    description: "Send the screw".into(),
                    compensation: None,
                },
                customer_acceptance: "Agreed on the chat".into(),
            }
            .into(),
        ),
        (
            agent(),
            24 * 60 - 60,
            AttemptFollowUp {
                method: ContactMethod::Sms,
                reached: true,
                note: None,
            }
            .into(),
        ),
        (
            agent(),
            24 * 60 - 50,
            CompleteFollowUp {
                method: ContactMethod::Sms,
                outcome: FollowUpOutcome::Satisfied {
                    suggestions: "None".into(),
                },
            }
            .into(),
        ),
        (
            supervisor(),
            24 * 60,
            Review {
                summary: "Resolved at once".into(),
                evaluation: Evaluation::Effective,
                improvement_actions: vec![],
            }
            .into(),
        ),
        (
            agent(),
            24 * 60 + 10,
            Close {
                note: Some("Done".into()),
            }
            .into(),
        ),
        (
            agent(),
            24 * 60 + 20,
            Contact {
                method: ContactMethod::Email,
                summary: "Thanks".into(),
                callback_due: None,
            }
            .into(),
        ),
    ];
    (form, Policy::default(), steps)
}

/// E1 and F5 under the FCA preset: escalated at intake, dismissed, every
/// follow-up attempt missed, given up, reviewed and closed.
fn script_given_up() -> (Accept, Policy, Vec<Scripted>) {
    let form = Accept {
        complainant: Complainant::new("customer-9"),
        received_at: t0() - Duration::minutes(30),
        channel: Channel::Email,
        content: "Charged twice".into(),
        category: Category::new("billing"),
        severity: Severity::High,
    };
    let mut steps: Vec<Scripted> = vec![(
        agent(),
        10,
        Dismiss {
            reply: "The second charge is a pre-authorisation".into(),
        }
        .into(),
    )];
    for attempt in 0..3 {
        steps.push((
            agent(),
            24 * 60 + 60 + attempt * 300,
            AttemptFollowUp {
                method: ContactMethod::Phone,
                reached: false,
                note: None,
            }
            .into(),
        ));
    }
    steps.push((
        agent(),
        24 * 60 + 1000,
        GiveUpFollowUp {
            note: "Three calls, no answer".into(),
        }
        .into(),
    ));
    steps.push((
        supervisor(),
        2 * 24 * 60,
        Review {
            summary: "Explained".into(),
            evaluation: Evaluation::Effective,
            improvement_actions: vec!["Explain pre-authorisations on the invoice".into()],
        }
        .into(),
    ));
    steps.push((agent(), 2 * 24 * 60 + 5, Close { note: None }.into()));
    (form, Policy::uk_fca(), steps)
}

/// A valid history [`replay_mutated`] damages: its stored JSON entries, with
/// fixed ids so that a crash reproduces byte for byte, and its stage.
#[derive(Clone, Debug)]
pub struct Script {
    /// The entries, as stored.
    pub entries: Vec<Value>,
    /// The stage the history ends in.
    pub stage: StageKind,
}

/// The scripted histories as `apply` wrote them: sealed (A1), with the
/// crate's random ids and salts, made once per process.
fn scripted_records() -> &'static [ComplaintRecord] {
    static RECORDS: OnceLock<Vec<ComplaintRecord>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        [script_full(), script_fast_path(), script_given_up()]
            .into_iter()
            .enumerate()
            .map(|(number, (form, policy, steps))| {
                let received = form.received_at;
                let mut record =
                    ComplaintRecord::accept(form, &Context::new(agent(), received, &policy))
                        .unwrap();
                for (actor, minute, event) in steps {
                    let kind = event.kind();
                    if let Err(error) =
                        record.apply(event, &Context::new(actor, at(minute), &policy))
                    {
                        panic!("script {number}: `{kind}` refused: {error}");
                    }
                }
                record
            })
            .collect()
    })
}

/// The valid histories [`replay_mutated`] damages.
pub fn scripted_histories() -> &'static [Script] {
    static HISTORIES: OnceLock<Vec<Script>> = OnceLock::new();
    HISTORIES.get_or_init(|| {
        scripted_records()
            .iter()
            .enumerate()
            .map(|(number, record)| {
                let complaint = format!("01900000-0000-7000-8000-{number:012x}");
                let entries = record
                    .entries()
                    .iter()
                    .map(|entry| {
                        let mut value = serde_json::to_value(entry).unwrap();
                        value["id"] =
                            json!(format!("01900000-0000-7000-9000-{:012x}", entry.sequence()));
                        value["complaint_id"] = json!(complaint);
                        // Of schema 1 (no seal, A3): the mutations reach the
                        // lifecycle's checks behind the hash chain's;
                        // `replay_tampered_chain` mutates sealed histories.
                        if let Some(object) = value.as_object_mut() {
                            object.remove("seal");
                        }
                        value["schema"] = json!(1);
                        value
                    })
                    .collect();
                Script {
                    entries,
                    stage: record.stage(),
                }
            })
            .collect()
    })
}

/// A value for a mutated field: of every JSON type, near the limits.
fn odd_value(input: &mut Input<'_>) -> Value {
    match input.below(16) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(0),
        4 => json!(u64::MAX),
        5 => json!(i64::MIN),
        6 => json!(1.5),
        7 => json!(""),
        8 => json!("x".repeat(1 << (10 + input.below(8)))),
        9 => json!([]),
        10 => json!({}),
        11 => nested(input.below(300)),
        12 => json!(input.u32()),
        13 => json!(input.pick(&[
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "+262142-12-31T23:59:59Z",
            "-262143-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-23T09:00:60Z",
            "1970-01-01T00:00:00+23:59",
        ])),
        14 => json!(input.pick(&EventKind::ALL).name()),
        _ => json!(text(input)),
    }
}

/// `[[[…]]]`, `depth` deep.
fn nested(depth: usize) -> Value {
    let mut value = json!(0);
    for _ in 0..depth {
        value = Value::Array(vec![value]);
    }
    value
}

/// A random path into `value` (objects and arrays), as a mutable reference.
fn somewhere<'v>(input: &mut Input<'_>, value: &'v mut Value) -> &'v mut Value {
    let len = match &*value {
        Value::Object(map) => map.len(),
        Value::Array(items) => items.len(),
        _ => 0,
    };
    if len == 0 || input.below(3) == 0 {
        return value;
    }
    let index = input.below(len);
    match value {
        Value::Object(map) => match map.iter_mut().nth(index) {
            Some((_, inner)) => somewhere(input, inner),
            None => unreachable!("index below the length"),
        },
        Value::Array(items) => somewhere(input, &mut items[index]),
        other => other,
    }
}

fn retime(input: &mut Input<'_>, value: &mut Value) {
    let Some(text) = value.as_str() else {
        *value = odd_value(input);
        return;
    };
    let Ok(time) = text.parse::<DateTime<Utc>>() else {
        *value = odd_value(input);
        return;
    };
    let moved = match input.below(6) {
        0 => input.pick(&edge_times()),
        1 => shift(time, TimeDelta::seconds(-1)),
        2 => shift(time, TimeDelta::seconds(1)),
        3 => shift(time, -minutes(input.below(100_000) as i64)),
        _ => shift(time, minutes(input.below(100_000) as i64)),
    };
    *value = json!(moved);
}

/// The field `key` of an object, or `None` for any other value.
fn field<'v>(value: &'v mut Value, key: &str) -> Option<&'v mut Value> {
    value.as_object_mut()?.get_mut(key)
}

/// Sets the field `key` of an object; other values are left alone.
fn set(value: &mut Value, key: &str, to: Value) {
    if let Some(map) = value.as_object_mut() {
        map.insert(key.to_owned(), to);
    }
}

/// Applies one damage to `entries`.
fn mutate(input: &mut Input<'_>, entries: &mut Vec<Value>) {
    let len = entries.len();
    let i = input.below(len.max(1));
    let j = input.below(len.max(1));
    match input.below(18) {
        0 if len > 1 => entries.swap(i, j),
        1 if len > 0 => {
            let copy = entries[i].clone();
            entries.insert(j, copy);
        }
        2 if len > 0 => {
            entries.remove(i);
        }
        3 if len > 0 => {
            if let Some(at) = field(&mut entries[i], "at") {
                retime(input, at);
            }
        }
        4 if len > 0 => {
            let actor = match input.below(4) {
                0 => odd_value(input),
                _ => json!({"id": actor_id(input), "role": role(input)}),
            };
            set(&mut entries[i], "actor", actor);
        }
        5 if len > 0 => {
            let complaint = match input.below(3) {
                0 => odd_value(input),
                1 => json!("01900000-0000-7000-8000-00000000ffff"),
                _ => entries[j]
                    .get("complaint_id")
                    .cloned()
                    .unwrap_or(Value::Null),
            };
            set(&mut entries[i], "complaint_id", complaint);
        }
        6 if len > 0 => {
            let schema = input.pick(&[
                json!(0),
                json!(1),
                json!(2),
                json!(u32::MAX),
                json!(u64::from(u32::MAX) + 1),
                json!(-1),
                json!("1"),
                Value::Null,
            ]);
            set(&mut entries[i], "schema", schema);
        }
        7 if len > 0 => {
            let kind = match input.below(4) {
                0 => odd_value(input),
                _ => json!(input.pick(&EventKind::ALL).name()),
            };
            if let Some(event) = field(&mut entries[i], "event") {
                set(event, "type", kind);
            }
        }
        8 if len > 0 => {
            // Another entry's event, or its data, transplanted.
            let event = entries[j].get("event").cloned().unwrap_or(Value::Null);
            if input.bool() {
                set(&mut entries[i], "event", event);
            } else if let Some(target) = field(&mut entries[i], "event") {
                set(
                    target,
                    "data",
                    event.get("data").cloned().unwrap_or(Value::Null),
                );
            }
        }
        9 if len > 0 => {
            let replacement = odd_value(input);
            *somewhere(input, &mut entries[i]) = replacement;
        }
        10 if len > 0 => {
            // A field removed, or one added (entries deny unknown fields).
            let target = somewhere(input, &mut entries[i]);
            if let Value::Object(map) = target {
                if input.bool() && !map.is_empty() {
                    let index = input.below(map.len());
                    if let Some(key) = map.keys().nth(index).cloned() {
                        map.remove(&key);
                    }
                } else {
                    map.insert("extra".into(), odd_value(input));
                }
            }
        }
        11 if len > 0 => {
            let target = somewhere(input, &mut entries[i]);
            if target.is_string() {
                retime(input, target);
            } else if let Some(n) = target.as_u64() {
                *target = json!(n.wrapping_add(u64::from(input.byte())).wrapping_sub(128));
            }
        }
        12 if len > 0 => {
            let sequence =
                input.pick(&[json!(0), json!(u64::MAX), json!(i), json!(i + 2), json!(-1)]);
            set(&mut entries[i], "sequence", sequence);
        }
        13 if len > 0 => {
            // The recorded effects: dropped, duplicated, or one taken from another entry.
            let effects = entries[j].get("effects").cloned();
            if let Some(entry) = entries[i].as_object_mut() {
                match (input.below(3), effects) {
                    (0, _) => {
                        entry.remove("effects");
                    }
                    (1, Some(Value::Array(mut list))) if !list.is_empty() => {
                        let first = list[0].clone();
                        list.push(first);
                        entry.insert("effects".into(), Value::Array(list));
                    }
                    (_, Some(list)) => {
                        entry.insert("effects".into(), list);
                    }
                    _ => {}
                }
            }
        }
        14 if len > 0 => {
            let command = json!(input.pick(&["cmd-1", "cmd-2", ""]));
            set(&mut entries[i], "command", command);
        }
        15 => {
            // The history cut short, or grown from another scripted history.
            let histories = scripted_histories();
            let other = &histories[input.below(histories.len())].entries;
            if input.bool() {
                entries.truncate(i);
            } else if !other.is_empty() {
                entries.push(other[input.below(other.len())].clone());
            }
        }
        _ => {
            // Renumber and re-own every entry, so that the damage above gets past
            // the sequence and complaint checks to the rules behind them.
            let complaint = entries
                .first()
                .and_then(|entry| entry.get("complaint_id").cloned())
                .unwrap_or(Value::Null);
            for (index, entry) in entries.iter_mut().enumerate() {
                set(entry, "sequence", json!(index + 1));
                set(entry, "complaint_id", complaint.clone());
            }
        }
    }
}

/// A valid scripted history damaged by the bytes, read back as storage
/// hands it over (JSON bytes), then replayed.
///
/// Returns whether the damaged history replayed.
///
/// # Panics
///
/// When replay panics, or a history it accepts does not round-trip.
pub fn replay_mutated(data: &[u8]) -> bool {
    let mut input = Input::new(data);
    let histories = scripted_histories();
    let script = &histories[input.below(histories.len())];
    let mut entries = script.entries.clone();
    let rounds = input.below(8);
    for _ in 0..rounds {
        mutate(&mut input, &mut entries);
    }
    let as_record = input.below(4) == 0;
    let bytes = if as_record {
        let mut stored = json!({
            "id": entries.first().and_then(|e| e.get("complaint_id").cloned()),
            "stage": script.stage,
            "version": entries.len(),
            "entries": entries,
        });
        if input.bool() {
            mutate_summary(&mut input, &mut stored);
        }
        serde_json::to_vec(&stored).unwrap()
    } else {
        serde_json::to_vec(&Value::Array(entries)).unwrap()
    };
    if as_record {
        match serde_json::from_slice::<ComplaintRecord>(&bytes) {
            Ok(record) => {
                check_round_trip(&record);
                true
            }
            Err(_) => false,
        }
    } else {
        let Ok(parsed) = serde_json::from_slice::<Vec<Entry>>(&bytes) else {
            return false;
        };
        match ComplaintRecord::replay(parsed.clone()) {
            Ok(record) => {
                assert_eq!(
                    record.entries().len(),
                    parsed.len(),
                    "replay keeps the entries"
                );
                for (replayed, read) in record.entries().iter().zip(&parsed) {
                    // The same entry, sealed on upgrade (A3).
                    assert_eq!(
                        (
                            replayed.id(),
                            replayed.at(),
                            replayed.actor(),
                            replayed.event()
                        ),
                        (read.id(), read.at(), read.actor(), read.event()),
                        "replay keeps the entries"
                    );
                    assert!(replayed.seal().is_some(), "replay seals every entry");
                }
                check_round_trip(&record);
                true
            }
            Err(_) => false,
        }
    }
}

fn mutate_summary(input: &mut Input<'_>, stored: &mut Value) {
    match input.below(4) {
        0 => stored["stage"] = json!(input.pick(&StageKind::ALL).name()),
        1 => stored["version"] = odd_value(input),
        2 => stored["id"] = odd_value(input),
        _ => stored["extra"] = odd_value(input),
    }
}

// ---- replay_tampered_chain -------------------------------------------------------

/// What [`replay_tampered_chain`] found of one tampered history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tampered {
    /// It did not read as entries.
    Unreadable,
    /// `verify_chain` refused it.
    Refused,
    /// `verify_chain` accepted it: it is the original, or the original cut
    /// short (which only a head kept elsewhere tells), in content.
    Original,
    /// `verify_chain` accepted it: the original (perhaps cut short) with
    /// valid entries `apply` wrote after it.
    Extended,
    /// `verify_chain` accepted it, and no entry carries a seal made when it
    /// was written: every seal was removed, and the history reads as one of
    /// schema 1, which has nothing to verify (A3).
    Unsealed,
}

/// What an entry says, apart from its seal.
fn said(entry: &Entry) -> impl PartialEq + std::fmt::Debug + '_ {
    (
        entry.id(),
        entry.complaint_id(),
        entry.sequence(),
        entry.at(),
        entry.actor(),
        entry.event(),
        entry.decisions(),
        entry.command(),
    )
}

/// One byte of a string value somewhere in `value` replaced, removed or
/// repeated (the text kept only while it is UTF-8).
fn edit_a_string(input: &mut Input<'_>, value: &mut Value) {
    let target = somewhere(input, value);
    let Value::String(text) = target else {
        return;
    };
    let mut bytes = text.as_bytes().to_vec();
    let at = input.below(bytes.len() + 1);
    match input.below(3) {
        0 if at < bytes.len() => bytes[at] = input.byte(),
        1 if at < bytes.len() => {
            bytes.remove(at);
        }
        _ => bytes.insert(at, input.byte() % 0x80),
    }
    if let Ok(edited) = String::from_utf8(bytes) {
        *text = edited;
    }
}

/// Damage only a sealed history has: a string edited byte by byte (a text,
/// a salt, a check, a link, a hash), a seal removed, one entry's seal given
/// to another, or a well-formed entry inserted (written by `apply` on a copy
/// of the history so far).
fn tamper(
    input: &mut Input<'_>,
    record: &ComplaintRecord,
    entries: &mut Vec<Value>,
    written_here: &mut Vec<Entry>,
) {
    let len = entries.len();
    if len == 0 {
        return;
    }
    let i = input.below(len);
    let j = input.below(len);
    match input.below(4) {
        0 => edit_a_string(input, &mut entries[i]),
        1 => {
            if let Some(entry) = entries[i].as_object_mut() {
                entry.remove("seal");
                entry.insert("schema".into(), json!(1));
            }
        }
        2 => {
            let seal = entries[j].get("seal").cloned().unwrap_or(Value::Null);
            set(&mut entries[i], "seal", seal);
        }
        _ => {
            let prefix = (i + 1).min(record.entries().len());
            let Ok(mut copy) = ComplaintRecord::replay(record.entries()[..prefix].to_vec()) else {
                return;
            };
            let last = copy.entries().last().map_or(t0(), Entry::at);
            let policy = Policy::default();
            let ctx = Context::new(agent(), shift(last, minutes(1)), &policy);
            let written = copy.apply(AddNote { text: text(input) }, &ctx);
            if let Ok(written) = written {
                if let Ok(value) = serde_json::to_value(&written[0]) {
                    entries.insert(i + 1, value);
                    written_here.push(written[0].clone());
                }
            }
        }
    }
}

/// A1: a sealed scripted history (sealed when written), tampered with by
/// the bytes: the damage of [`replay_mutated`] and the damage of a sealed
/// history (byte edits of strings, seals removed or moved, a well-formed
/// entry inserted), then checked by `verify_chain` and replay.
///
/// # Panics
///
/// When anything panics, or `verify_chain` accepts a history that is not
/// the original (or the original cut short) in content while some entry
/// carries a seal made when it was written, or replay accepts a history
/// `verify_chain` refuses, or changes an entry's content. An entry inserted
/// right after the last one kept is a valid new entry, not a tampering: an
/// entry `apply` wrote here may stand after the original's.
pub fn replay_tampered_chain(data: &[u8]) -> Tampered {
    let mut input = Input::new(data);
    let records = scripted_records();
    let record = &records[input.below(records.len())];
    let mut entries: Vec<Value> = record
        .entries()
        .iter()
        .map(|entry| serde_json::to_value(entry).unwrap())
        .collect();
    let mut written_here = Vec::new();
    for _ in 0..1 + input.below(6) {
        if input.bool() {
            tamper(&mut input, record, &mut entries, &mut written_here);
        } else {
            mutate(&mut input, &mut entries);
        }
    }
    let bytes = serde_json::to_vec(&Value::Array(entries)).unwrap();
    let Ok(parsed) = serde_json::from_slice::<Vec<Entry>>(&bytes) else {
        return Tampered::Unreadable;
    };
    let verified = complaint_workflow::audit::verify_chain(record.id(), &parsed);
    if let Ok(replayed) = ComplaintRecord::replay(parsed.clone()) {
        if replayed.id() == record.id() {
            assert_eq!(
                verified.as_ref().map(|head| head.hash),
                Ok(replayed.head_hash()),
                "replay accepted a history verify_chain does not"
            );
        }
        for (replayed, read) in replayed.entries().iter().zip(&parsed) {
            assert_eq!(said(replayed), said(read), "replay keeps the entries");
        }
    }
    let Ok(head) = verified else {
        return Tampered::Refused;
    };
    let sealed_when_written = parsed.iter().any(|entry| {
        entry
            .seal()
            .is_some_and(|seal| seal.upgraded_from().is_none())
    });
    if !sealed_when_written {
        return Tampered::Unsealed;
    }
    let original = record.entries();
    let kept = parsed
        .iter()
        .zip(original)
        .take_while(|(read, kept)| said(read) == said(kept))
        .count();
    for read in &parsed[kept..] {
        assert!(
            written_here.iter().any(|new| said(new) == said(read)),
            "a tampered entry was accepted at {} of {}: {read:?}",
            kept + 1,
            parsed.len()
        );
    }
    if kept == parsed.len() {
        let expected = original[kept - 1].seal().map(|seal| seal.hash());
        assert_eq!(Some(head.hash), expected, "the head is the original's");
        Tampered::Original
    } else {
        Tampered::Extended
    }
}

// ---- policy_and_calendar ---------------------------------------------------------

/// Policies from JSON (raw bytes, or the default policy's JSON damaged), and
/// calendar and time-limit computations with extreme values.
///
/// # Panics
///
/// When a computation panics, or breaks a bound its documentation states.
pub fn policy_and_calendar(data: &[u8]) {
    let mut input = Input::new(data);
    match input.below(4) {
        0 => {
            if let Ok(policy) = serde_json::from_slice::<Policy>(input.rest()) {
                use_policy(&policy, &mut Input::new(&[]));
            }
        }
        1 => {
            let mut value = serde_json::to_value(input.pick(policies())).unwrap();
            for _ in 0..1 + input.below(6) {
                let replacement = match input.below(4) {
                    0 => json!(input.pick(&[
                        json!({"minutes": 0}),
                        json!({"business_days": u32::MAX}),
                        json!({"business_hours": u32::MAX}),
                        json!({"close_of_business_day": 0}),
                        json!({"weeks": u32::MAX}),
                        json!({"calendar_days": u32::MAX}),
                        json!({"hours": u32::MAX}),
                    ])),
                    1 => json!(
                        input.pick(&["00:00:00", "23:59:59", "23:59:60", "12:00:00", "09:00:00"])
                    ),
                    2 => json!(input.pick(&[
                        json!([]),
                        json!(["Sat"]),
                        json!(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
                    ])),
                    _ => odd_value(&mut input),
                };
                *somewhere(&mut input, &mut value) = replacement;
            }
            if let Ok(policy) = serde_json::from_value::<Policy>(value) {
                use_policy(&policy, &mut input);
            }
        }
        _ => calendar(&mut input),
    }
}

/// A loaded policy writes back and loads equal, and every computation it
/// drives runs without a panic.
fn use_policy(policy: &Policy, input: &mut Input<'_>) {
    let json = serde_json::to_vec(policy).unwrap();
    let loaded: Policy = serde_json::from_slice(&json)
        .unwrap_or_else(|error| panic!("a loaded policy does not load again: {error}"));
    assert_eq!(&loaded, policy);
    let calendar = policy.calendar();
    let mut limits = vec![
        policy.follow_up(),
        policy.follow_up_retry_after(),
        policy.agreed_time_tolerance(),
        policy.repeat_contact_window(),
    ];
    limits.extend(
        Channel::ALL
            .iter()
            .filter_map(|&c| policy.first_response(c)),
    );
    limits.extend(policy.judgment());
    limits.extend(policy.final_response());
    limits.extend(policy.summary_resolution());
    limits.extend(policy.first_contact());
    limits.extend(policy.fast_path().map(|fast| fast.within));
    limits.extend(policy.extensions().max_beyond_original);
    let start = if input.is_empty() {
        t0()
    } else {
        time_near(input, t0())
    };
    for limit in limits {
        check_limit(limit, start, calendar);
    }
    let quiet = policy.quiet_hours();
    check_quiet(quiet, start, calendar.zone());
    // A short life under the policy: accepted, dismissed, followed up.
    let ctx = Context::new(agent(), start, policy);
    let form = Accept {
        complainant: Complainant::member("c-1"),
        received_at: start,
        channel: Channel::Email,
        content: "Leak".into(),
        category: Category::new("missing_part"),
        severity: Severity::Critical,
    };
    if let Ok(mut record) = ComplaintRecord::accept(form, &ctx) {
        let later = shift(start, minutes(10));
        let _ = record.apply(
            Dismiss {
                reply: "Explained".into(),
            },
            &ctx.at(later),
        );
        if let Some(status) = record.follow_up() {
            let _ = record.apply(
                AttemptFollowUp {
                    method: ContactMethod::Phone,
                    reached: false,
                    note: None,
                },
                &ctx.at(status.slot()),
            );
        }
        check_round_trip(&record);
    }
}

/// The bounds every time limit keeps: a deadline is never due before it
/// starts (replay refuses such a deadline, so `apply` must never write one).
fn check_limit(limit: TimeLimit, start: DateTime<Utc>, calendar: &BusinessCalendar) {
    if let Ok(due) = limit.due(start, calendar) {
        if !limit.is_zero() {
            assert!(
                due >= start,
                "{limit} from {start} is due at {due}, before it starts"
            );
        }
    }
}

/// F4: the next contact time is at or after the given time, and not quiet.
fn check_quiet(quiet: QuietHours, after: DateTime<Utc>, zone: Zone) {
    if let Some(slot) = quiet.next_contact_time(after, zone) {
        assert!(slot >= after, "{quiet} in {zone}: {slot} is before {after}");
        assert!(
            !quiet.is_quiet_at(slot, zone),
            "{quiet} in {zone}: {slot} is quiet"
        );
    }
}

fn date_near(input: &mut Input<'_>, around: DateTime<Utc>) -> NaiveDate {
    let day = shift(around, TimeDelta::days(input.below(60) as i64 - 20)).date_naive();
    if input.below(8) == 0 {
        NaiveDate::from_num_days_from_ce_opt(input.u32() as i32).unwrap_or(day)
    } else {
        day
    }
}

/// A calendar read from the bytes, and every computation on it.
fn calendar(input: &mut Input<'_>) {
    let zone = input.pick(&zones());
    let days_mask = input.byte();
    let week = BusinessCalendar::WEEK;
    let working: Vec<Weekday> = week
        .iter()
        .enumerate()
        .filter(|(index, _)| days_mask & (1 << index) != 0)
        .map(|(_, day)| *day)
        .collect();
    let mut calendar = BusinessCalendar::new(zone).with_working_days(working);
    if input.bool() {
        let (opens, closes) = (time_of_day(input), time_of_day(input));
        calendar = calendar
            .clone()
            .with_hours(opens, closes)
            .unwrap_or(calendar);
    }
    let start = match input.below(4) {
        0 => time_near(input, t0()),
        1 => from_seconds(input.i64()).unwrap_or(t0()),
        _ => input.pick(&edge_times()),
    };
    for _ in 0..input.below(12) {
        let date = date_near(input, start);
        calendar = if input.below(4) == 0 {
            calendar.with_working_date(date)
        } else {
            calendar.with_holiday(date)
        };
    }
    // A stored calendar loads back the same.
    let stored = serde_json::to_vec(&calendar).unwrap();
    let loaded: BusinessCalendar = serde_json::from_slice(&stored)
        .unwrap_or_else(|error| panic!("a calendar does not load again: {error}"));
    assert_eq!(loaded, calendar);

    let n = match input.below(6) {
        0 => 0,
        1 => 1,
        2 => u32::MAX,
        3 => input.u32(),
        _ => u32::try_from(input.below(400)).unwrap_or(0),
    };
    if let Ok(due) = calendar.add_business_days(start, n) {
        if n == 0 {
            assert_eq!(due, start, "zero business days is the start itself");
        } else {
            assert!(due > start, "{n} business days from {start}: {due}");
            let local = zone.to_local(due).date();
            assert!(
                calendar.is_working_day(local),
                "{n} business days from {start} end on {local}, not a working day"
            );
        }
    }
    if let Ok(due) = calendar.close_of_business_day(start, n) {
        assert!(
            due >= start,
            "close of business day {n} from {start}: {due}"
        );
    }
    let _ = calendar.add_calendar_days(start, n);
    if let Ok(due) = calendar.add_business_hours(start, n) {
        assert!(due >= start, "{n} business hours from {start}: {due}");
    }
    let working = TimeDelta::try_seconds(input.i64() % 10_000_000_000).unwrap_or(TimeDelta::zero());
    if let Ok(due) = calendar.add_working_time(start, working) {
        if working <= TimeDelta::zero() {
            assert_eq!(due, start);
        } else {
            assert!(
                due >= start,
                "{working} of working time from {start}: {due}"
            );
        }
    }
    let other = time_near(input, start);
    if let Ok(between) = calendar.working_time_between(start, other) {
        assert!(between >= TimeDelta::zero());
        if other <= start {
            assert_eq!(between, TimeDelta::zero());
        }
    }
    for limit in [
        TimeLimit::Minutes(n),
        TimeLimit::Hours(n),
        TimeLimit::CalendarDays(n),
        TimeLimit::Weeks(n),
        TimeLimit::BusinessDays(n),
        TimeLimit::BusinessHours(n),
        TimeLimit::CloseOfBusinessDay(n),
    ] {
        check_limit(limit, start, &calendar);
    }
    let quiet = QuietHours::new(time_of_day(input), time_of_day(input));
    check_quiet(quiet, start, zone);
    let _ = zone.to_local(start);
    let _ = zone.offset_at(start);
}
