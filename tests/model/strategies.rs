//! Random histories: an intake form and up to 40 steps, each an event of any
//! kind with data that is usually valid and sometimes not, a random actor,
//! and a time that usually moves forward and sometimes goes back.
//!
//! A step carries the ingredients of every event kind; which kind it becomes
//! is decided when it runs, from the model's current stage: a kind drawn at
//! random (mostly refused: the stage does not accept it), one of the kinds
//! the stage accepts, or the next kind on the main line of the lifecycle, so
//! that histories reach every stage.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::{
    Accept, Actor, Category, Channel, Complainant, Evaluation, EventKind, Role, RootCause, Severity,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

use super::reference::{KINDS, Model};

/// The staff members a finding can name.
pub const PEOPLE: [&str; 3] = ["p-1", "p-2", "p-3"];

/// Texts that pass: short, multi-byte, and exactly at the test policy's
/// 32-byte limit.
const VALID: [&str; 4] = [
    "ok",
    "the pipe leaks again",
    "漏水",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];
/// Texts that are blank (U+3000 is the ideographic space).
const BLANK: [&str; 4] = ["", " ", "\t\n", "\u{3000}"];
/// Texts over the 32-byte limit: 33 bytes of ASCII, and 11 characters that
/// are 33 bytes of UTF-8.
const LONG: [&str; 2] = [
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "漏漏漏漏漏漏漏漏漏漏漏",
];

/// A required text: mostly valid, sometimes blank, sometimes too long.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        30 => proptest::sample::select(&VALID[..]),
        1 => proptest::sample::select(&BLANK[..]),
        1 => proptest::sample::select(&LONG[..]),
    ]
    .prop_map(str::to_owned)
}

/// Minutes relative to an event's time for a time that must not be after it
/// (signature, notification, received-at): mostly before, sometimes equal,
/// sometimes a minute late.
fn not_after_offset() -> impl Strategy<Value = i64> {
    prop_oneof![8 => -600_i64..=-1, 1 => Just(0), 1 => Just(1)]
}

/// The intake form of the complaint.
#[derive(Clone, Debug)]
pub struct Intake {
    pub role: Role,
    pub complainant: String,
    pub content: String,
    pub category: String,
    pub received_minutes: i64,
}

impl Intake {
    pub fn accept(&self, now: DateTime<Utc>) -> Accept {
        Accept {
            complainant: Complainant::member(self.complainant.as_str()),
            received_at: now + Duration::minutes(self.received_minutes),
            channel: Channel::Phone,
            content: self.content.clone(),
            category: Category::new(self.category.as_str()),
            severity: Severity::Medium,
        }
    }
}

/// How a step's event kind is chosen.
#[derive(Clone, Debug)]
pub enum Pick {
    /// Any kind at all.
    Any(EventKind),
    /// One of the kinds the model's current stage accepts.
    Accepted(Index),
    /// The kind that takes the model's current stage along the main line of
    /// the picture (uphold, investigate, propose, approve, execute, review,
    /// reopen), so that histories get deep.
    MainLine,
}

/// One step of a history.
#[derive(Clone, Debug)]
pub struct Step {
    pub pick: Pick,
    pub role: Role,
    /// Minutes after the previous step (negative: time goes back).
    pub minutes: i64,
    pub data: Ingredients,
}

impl Step {
    /// The event kind this step fires in the model's current stage.
    pub fn kind(&self, model: &Model) -> EventKind {
        match &self.pick {
            Pick::Any(kind) => *kind,
            Pick::Accepted(index) => *index.get(&model.stage.accepted_kinds()),
            Pick::MainLine => {
                let main_line = [
                    EventKind::Uphold,
                    EventKind::Investigate,
                    EventKind::Propose,
                    EventKind::Approve,
                    EventKind::Execute,
                    EventKind::Review,
                    EventKind::Reopen,
                ];
                let kinds = model.stage.accepted_kinds();
                *main_line
                    .iter()
                    .find(|kind| kinds.contains(kind))
                    .expect("every stage has a next step on the main line")
            }
        }
    }
}

/// The data of every event kind; a step uses the part its kind needs.
#[derive(Clone, Debug)]
pub struct Ingredients {
    pub text: String,
    /// Findings: (person, department) pairs; none is refused.
    pub parties: Vec<(String, String)>,
    pub root_cause: RootCause,
    /// Options: description and compensation amount (0 is refused); none,
    /// and more than the test policy's 3, are refused.
    pub options: Vec<(String, Option<u64>)>,
    /// An option number: 0 never exists, 4 never with the test policy.
    pub option: u32,
    /// Minutes after the event of the investigation deadline (R2).
    pub due_minutes: i64,
    pub signature: Option<(String, i64)>,
    pub notified_minutes: i64,
    pub feedback: Option<String>,
    pub accountability: AccountabilityPlan,
    pub evaluation: Evaluation,
    pub improvements: Vec<String>,
    /// T3: minutes after the contact of the promised callback, if any.
    pub callback_minutes: Option<i64>,
    /// T4, T6: the owner assigned, or named by a transfer.
    pub owner: String,
    pub transfer_names_owner: bool,
    /// Which deadline an extension names.
    pub deadline: DeadlinePick,
    /// Minutes after the deadline's current due time of the extended one.
    pub extend_minutes: i64,
}

/// The deadline an extension names.
#[derive(Clone, Debug)]
pub enum DeadlinePick {
    /// One the model knows to be running (or else as `Existing`).
    Open(Index),
    /// One the model knows (or 1 when it knows none).
    Existing(Index),
    /// Number 0, which no deadline has.
    Zero,
    /// The number after the last one.
    PastEnd,
}

/// Who an execution holds to account (R5).
#[derive(Clone, Debug)]
pub enum AccountabilityPlan {
    /// Every responsible person of the current findings, and some others.
    Everyone { extra: Vec<String>, terms: Terms },
    /// Every responsible person but one.
    AllButOne { left_out: Index, terms: Terms },
    /// People drawn at random.
    Random { people: Vec<String>, terms: Terms },
}

/// The rule and the penalty of each accountability entry.
#[derive(Clone, Debug)]
pub struct Terms {
    pub rule: String,
    pub penalty: String,
}

pub fn intake() -> impl Strategy<Value = Intake> {
    (role(), text(), text(), text(), not_after_offset()).prop_map(
        |(role, complainant, content, category, received_minutes)| Intake {
            role,
            complainant,
            content,
            category,
            received_minutes,
        },
    )
}

pub fn steps() -> impl Strategy<Value = Vec<Step>> {
    vec(step(), 0..=40)
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![
        1 => Just(Role::Agent),
        1 => Just(Role::TeamLead),
        2 => Just(Role::Supervisor),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let pick = prop_oneof![
        2 => proptest::sample::select(&KINDS[..]).prop_map(Pick::Any),
        3 => any::<Index>().prop_map(Pick::Accepted),
        4 => Just(Pick::MainLine),
    ];
    let minutes = prop_oneof![
        16 => 1_i64..=4320,
        2 => Just(0_i64),
        1 => -2880_i64..=-1,
        1 => -30_i64..=-1,
    ];
    (pick, role(), minutes, ingredients()).prop_map(|(pick, role, minutes, data)| Step {
        pick,
        role,
        minutes,
        data,
    })
}

fn person() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => proptest::sample::select(&PEOPLE[..]).prop_map(str::to_owned),
        1 => text(),
    ]
}

fn terms() -> impl Strategy<Value = Terms> {
    (text(), text()).prop_map(|(rule, penalty)| Terms { rule, penalty })
}

fn accountability() -> impl Strategy<Value = AccountabilityPlan> {
    prop_oneof![
        6 => (vec(person(), 0..=1), terms())
            .prop_map(|(extra, terms)| AccountabilityPlan::Everyone { extra, terms }),
        1 => (any::<Index>(), terms())
            .prop_map(|(left_out, terms)| AccountabilityPlan::AllButOne { left_out, terms }),
        1 => (vec(person(), 0..=3), terms())
            .prop_map(|(people, terms)| AccountabilityPlan::Random { people, terms }),
    ]
}

fn ingredients() -> impl Strategy<Value = Ingredients> {
    let parties = prop_oneof![
        1 => Just(Vec::new()),
        8 => vec((person(), text()), 1..=3),
    ];
    let options = prop_oneof![
        1 => Just(Vec::new()),
        10 => vec((text(), prop_oneof![3 => Just(None), 1 => Just(Some(0_u64)), 4 => (1_u64..=50_000).prop_map(Some)]), 1..=3),
        1 => vec((text(), Just(None)), 4..=4),
    ];
    let due_minutes = prop_oneof![8 => 1_i64..=10_080, 1 => Just(0_i64), 1 => -600_i64..=-1];
    let signature = prop_oneof![1 => Just(None), 8 => (text(), not_after_offset()).prop_map(Some)];
    let evaluation = prop_oneof![
        Just(Evaluation::Effective),
        Just(Evaluation::PartlyEffective),
        Just(Evaluation::Ineffective),
    ];
    let feedback = prop_oneof![1 => Just(None), 1 => text().prop_map(Some)];
    let callback_minutes = prop_oneof![
        2 => Just(None),
        3 => (1_i64..=4320).prop_map(Some),
        1 => (-60_i64..=0).prop_map(Some),
    ];
    let deadline = prop_oneof![
        6 => any::<Index>().prop_map(DeadlinePick::Open),
        2 => any::<Index>().prop_map(DeadlinePick::Existing),
        1 => Just(DeadlinePick::Zero),
        1 => Just(DeadlinePick::PastEnd),
    ];
    // The test policy allows extending up to 240 hours past the original due time.
    let extend_minutes = prop_oneof![
        1 => -60_i64..=0,
        6 => 1_i64..=14_400,
        1 => 14_401_i64..=30_000,
    ];
    (
        (
            text(),
            parties,
            proptest::sample::select(&RootCause::ALL[..]),
            options,
            prop_oneof![1 => Just(0_u32), 6 => 1_u32..=3, 1 => Just(4_u32)],
            due_minutes,
        ),
        (
            signature,
            not_after_offset(),
            feedback,
            accountability(),
            evaluation,
            vec(text(), 0..=2),
        ),
        (
            callback_minutes,
            text(),
            any::<bool>(),
            deadline,
            extend_minutes,
        ),
    )
        .prop_map(
            |(
                (text, parties, root_cause, options, option, due_minutes),
                (signature, notified_minutes, feedback, accountability, evaluation, improvements),
                (callback_minutes, owner, transfer_names_owner, deadline, extend_minutes),
            )| Ingredients {
                text,
                parties,
                root_cause,
                options,
                option,
                due_minutes,
                signature,
                notified_minutes,
                feedback,
                accountability,
                evaluation,
                improvements,
                callback_minutes,
                owner,
                transfer_names_owner,
                deadline,
                extend_minutes,
            },
        )
}

/// The actor of a role.
pub fn actor(role: Role) -> Actor {
    match role {
        Role::Agent => Actor::agent("agent-1"),
        Role::TeamLead => Actor::team_lead("lead-1"),
        Role::Supervisor => Actor::supervisor("supervisor-1"),
    }
}
