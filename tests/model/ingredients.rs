//! The ingredients of a step: the data of every event kind, usually valid
//! and sometimes not; a step uses the part its kind needs (see `events.rs`).

use complaint_workflow::{
    Role,
    event::{Evaluation, RootCause},
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

use super::strategies::{name_or_text, not_after_offset, role, text};

/// The staff members a finding can name.
pub const PEOPLE: [&str; 3] = ["p-1", "p-2", "p-3"];

/// Colleagues an owner or a handover can name; the first three act in the steps.
const COLLEAGUES: [&str; 4] = ["agent-1", "lead-1", "supervisor-1", "agent-2"];
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
    /// T6, E1–E3: whether a transfer or an escalation names `colleague`
    /// as the owner.
    pub transfer_names_owner: bool,
    /// Which deadline an extension names.
    pub deadline: DeadlinePick,
    /// Minutes after the deadline's current due time of the extended one.
    pub extend_minutes: i64,
    /// E1–E3: the role escalated to; the owner is `colleague` when named.
    pub escalate_to: Role,
    /// E5: the colleague taking over (also the owner assigned or named).
    pub colleague: String,
    /// T5: the remedy given on the first contact.
    pub remedy: (String, Option<u64>),
    /// F1: whether the attempt reached the customer.
    pub reached: bool,
    /// F7: minutes after the event of the agreed time, and whether the
    /// customer asked for that very time.
    pub reschedule: (i64, bool),
    /// F3: satisfied, neutral or dissatisfied (0, 1, 2).
    pub satisfaction: u8,
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

fn person() -> impl Strategy<Value = String> {
    name_or_text(&PEOPLE)
}

fn colleague() -> impl Strategy<Value = String> {
    name_or_text(&COLLEAGUES)
}

fn compensation() -> impl Strategy<Value = Option<u64>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(0_u64)),
        4 => (1_u64..=50_000).prop_map(Some),
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

/// Boxed: its value tree is large, and on the heap it keeps debug builds
/// off the stack limit.
pub fn ingredients() -> BoxedStrategy<Ingredients> {
    let parties = prop_oneof![
        1 => Just(Vec::new()),
        8 => vec((person(), text()), 1..=3),
    ];
    let options = prop_oneof![
        1 => Just(Vec::new()),
        10 => vec((text(), compensation()), 1..=3),
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
            colleague(),
            any::<bool>(),
            deadline,
            extend_minutes,
            role(),
        ),
        (
            (text(), compensation()),
            prop_oneof![1 => Just(true), 2 => Just(false)],
            (
                prop_oneof![1 => -60_i64..=0, 4 => 1_i64..=4320],
                any::<bool>(),
            ),
            0_u8..=2,
        ),
    )
        .prop_map(
            |(
                (text, parties, root_cause, options, option, due_minutes),
                (signature, notified_minutes, feedback, accountability, evaluation, improvements),
                (
                    callback_minutes,
                    colleague,
                    transfer_names_owner,
                    deadline,
                    extend_minutes,
                    escalate_to,
                ),
                (remedy, reached, reschedule, satisfaction),
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
                transfer_names_owner,
                deadline,
                extend_minutes,
                escalate_to,
                colleague,
                remedy,
                reached,
                reschedule,
                satisfaction,
            },
        )
        .boxed()
}
