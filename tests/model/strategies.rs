//! Random histories: an intake form and up to 40 steps, each an event of any
//! kind with data that is usually valid and sometimes not, a random actor,
//! and a time that usually moves forward and sometimes goes back.
//!
//! A step carries the ingredients of every event kind (`ingredients.rs`);
//! which kind it becomes is decided when it runs, from the model's current
//! stage: a kind drawn at random (mostly refused: the stage does not accept
//! it), one of the kinds the stage accepts, one of the events around the
//! stages, or the next kind on the main line of the lifecycle, so that
//! histories reach every stage. T5 has histories of its own that open with
//! a resolution on the first contact.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, EventKind, Role, Severity, event::Accept,
    followup::FollowUpStageKind,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

use super::followup::MAX_ATTEMPTS;
use super::ingredients::{Ingredients, ingredients};
use super::reference::{KINDS, Model, Stage};

/// Texts that pass: short, multi-byte, and exactly at the test policy's
/// 80-byte limit.
const VALID: [&str; 4] = [
    "ok",
    "the pipe leaks again",
    "漏水",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];
/// Texts that are blank (U+3000 is the ideographic space).
const BLANK: [&str; 4] = ["", " ", "\t\n", "\u{3000}"];
/// Texts over the 80-byte limit: 81 bytes of ASCII, and 27 characters that
/// are 81 bytes of UTF-8.
const LONG: [&str; 2] = [
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏漏",
];
/// Intake categories: two on the test policy's fast path (T5), one not.
const CATEGORIES: [&str; 3] = ["logistics_query", "minor_defect", "repair"];

/// A required text: mostly valid, sometimes blank, sometimes too long.
///
/// Drawn from one byte (30 in 32 valid, 1 blank, 1 too long), which keeps
/// generation cheap and shrinks towards `"ok"`.
pub fn text() -> impl Strategy<Value = String> {
    any::<u8>().prop_map(|b| {
        let i = usize::from(b / 32);
        match b % 32 {
            30 => BLANK[i % BLANK.len()],
            31 => LONG[i % LONG.len()],
            n => VALID[usize::from(n) % VALID.len()],
        }
        .to_owned()
    })
}

/// One of `names` (12 in 13), or else any [`text`].
pub fn name_or_text(names: &'static [&'static str]) -> impl Strategy<Value = String> {
    (any::<u8>(), text()).prop_map(move |(b, text)| {
        if b % 13 == 12 {
            text
        } else {
            names[usize::from(b) % names.len()].to_owned()
        }
    })
}

/// Minutes relative to an event's time for a time that must not be after it
/// (signature, notification, received-at): mostly before, sometimes equal,
/// sometimes a minute late.
pub fn not_after_offset() -> impl Strategy<Value = i64> {
    prop_oneof![8 => -600_i64..=-1, 1 => Just(0), 1 => Just(1)]
}

/// The intake form of the complaint.
#[derive(Clone, Debug)]
pub struct Intake {
    pub role: Role,
    pub complainant: String,
    pub member: bool,
    pub content: String,
    pub category: String,
    pub severity: Severity,
    pub received_minutes: i64,
}

impl Intake {
    pub fn accept(&self, now: DateTime<Utc>) -> Accept {
        let complainant = if self.member {
            Complainant::member(self.complainant.as_str())
        } else {
            Complainant::new(self.complainant.as_str())
        };
        Accept {
            complainant,
            received_at: now + Duration::minutes(self.received_minutes),
            channel: Channel::Phone,
            content: self.content.clone(),
            category: Category::new(self.category.as_str()),
            severity: self.severity,
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
    /// The kind that takes the complaint along the main line of the
    /// picture (uphold, investigate, propose, approve, execute, the
    /// follow-up, review, then reopen or close), so that histories get deep;
    /// `true` prefers upholding to dismissing, the follow-up to the review,
    /// and closing to reopening.
    MainLine(bool),
    /// One of the kinds that keep the stage and do more than record
    /// (extensions, escalations, handovers, the wait on the customer, the
    /// follow-up): the events around the stages.
    Side(Index),
}

/// One step of a history.
#[derive(Clone, Debug)]
pub struct Step {
    pub pick: Pick,
    /// Who acts: the intake agent again (T5), or someone of a role.
    pub who: Option<Role>,
    /// Minutes after the previous step (negative: time goes back).
    pub minutes: i64,
    pub data: Ingredients,
}

impl Step {
    /// The role of whoever acts, given the intake agent's.
    pub fn role(&self, intake: Role) -> Role {
        self.who.unwrap_or(intake)
    }

    /// The event kind this step fires in the model's current stage.
    pub fn kind(&self, model: &Model) -> EventKind {
        match &self.pick {
            Pick::Any(kind) => *kind,
            Pick::Accepted(index) => *index.get(&model.stage.accepted_kinds()),
            Pick::MainLine(prefer) => main_line(model, *prefer),
            Pick::Side(index) => {
                let records = [
                    EventKind::AddNote,
                    EventKind::Contact,
                    EventKind::RepeatContact,
                    EventKind::PersonalDataErased,
                    EventKind::Redact,
                ];
                let side: Vec<EventKind> = model
                    .stage
                    .accepted_kinds()
                    .into_iter()
                    .filter(|&k| model.stage.after(k) == Some(model.stage) && !records.contains(&k))
                    .collect();
                if side.is_empty() {
                    EventKind::Contact
                } else {
                    *index.get(&side)
                }
            }
        }
    }
}

/// The next kind on the main line from the model's current stage.
fn main_line(model: &Model, prefer: bool) -> EventKind {
    let follow_up = model
        .follow_up
        .as_ref()
        .filter(|f| !f.stage.is_done())
        .map(|f| match (f.stage, f.last_reached) {
            (FollowUpStageKind::Attempted, true) => EventKind::CompleteFollowUp,
            (FollowUpStageKind::Attempted, false) if f.attempts >= MAX_ATTEMPTS => {
                EventKind::GiveUpFollowUp
            }
            _ => EventKind::AttemptFollowUp,
        });
    match model.stage {
        // The customer answers before the handling goes on.
        stage if stage.is_open() && prefer && model.ledger.awaiting_since.is_some() => {
            EventKind::CustomerReplied
        }
        stage if stage.is_open() && prefer && model.ledger.awaiting_third_party_since.is_some() => {
            EventKind::ThirdPartyReplied
        }
        Stage::Accepted if prefer => EventKind::Uphold,
        Stage::Accepted => EventKind::Dismiss,
        Stage::Judged => EventKind::Investigate,
        Stage::Investigated => EventKind::Propose,
        Stage::Proposed => EventKind::Approve,
        Stage::Approved => EventKind::Execute,
        // D1, D2: now and then the customer disputes the final response
        // (once its follow-up is done) or refers it (while it runs).
        Stage::Executed | Stage::Dismissed => match (follow_up, prefer) {
            (Some(kind), true) => kind,
            (Some(_), false) if model.version % 2 == 0 => EventKind::Refer,
            (None, false) => EventKind::Dispute,
            _ => EventKind::Review,
        },
        Stage::Withdrawn => EventKind::Review,
        Stage::Reviewed => match follow_up {
            Some(kind) => kind,
            None if prefer => EventKind::Close,
            None if model.version % 2 == 0 => EventKind::Refer,
            None => EventKind::Reopen,
        },
        // D2: the follow-up runs on while the body decides.
        Stage::Referred => match follow_up {
            Some(kind) if prefer => kind,
            _ => EventKind::RecordReferralOutcome,
        },
        // D1, D2: the customer's recourse after the closing.
        Stage::Closed if prefer => EventKind::Refer,
        Stage::Closed => EventKind::Dispute,
    }
}

pub fn intake() -> impl Strategy<Value = Intake> {
    let category = prop_oneof![
        12 => proptest::sample::select(&CATEGORIES[..]).prop_map(str::to_owned),
        1 => text(),
    ];
    let severity = proptest::sample::select(&Severity::ALL[..]);
    // T5 needs a resolution within 5 minutes of receipt.
    let received = prop_oneof![3 => not_after_offset(), 1 => -3_i64..=0];
    (
        role(),
        text(),
        any::<bool>(),
        text(),
        category,
        severity,
        received,
    )
        .prop_map(
            |(role, complainant, member, content, category, severity, received_minutes)| Intake {
                role,
                complainant,
                member,
                content,
                category,
                severity,
                received_minutes,
            },
        )
}

pub fn steps() -> impl Strategy<Value = Vec<Step>> {
    vec(step(), 0..=40)
}

/// T5: a complaint that is mostly simple (a fast-path category, received
/// minutes ago), of any severity.
pub fn simple_intake() -> impl Strategy<Value = Intake> {
    let category = prop_oneof![
        6 => proptest::sample::select(&CATEGORIES[..2]).prop_map(str::to_owned),
        1 => Just(CATEGORIES[2].to_owned()),
    ];
    (
        intake(),
        category,
        proptest::sample::select(&Severity::ALL[..]),
        -3_i64..=0,
    )
        .prop_map(|(intake, category, severity, received_minutes)| Intake {
            category,
            severity,
            received_minutes,
            ..intake
        })
}

/// T5: a history that opens with an attempt to resolve the complaint on the
/// first contact, mostly by the intake agent, around the end of the
/// 5-minute window, and goes on like any other.
pub fn quick_steps() -> impl Strategy<Value = Vec<Step>> {
    let who = prop_oneof![3 => Just(None), 1 => role().prop_map(Some)];
    let first = (who, 0_i64..=6, ingredients()).prop_map(|(who, minutes, data)| Step {
        pick: Pick::Any(EventKind::ResolveOnFirstContact),
        who,
        minutes,
        data,
    });
    (first, vec(step(), 0..=30)).prop_map(|(first, rest)| {
        let mut steps = vec![first];
        steps.extend(rest);
        steps
    })
}

pub fn role() -> impl Strategy<Value = Role> {
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
        3 => Just(Pick::MainLine(true)),
        1 => Just(Pick::MainLine(false)),
        2 => any::<Index>().prop_map(Pick::Side),
        // Extensions are rare otherwise: a supervisor, a running deadline.
        1 => Just(Pick::Any(EventKind::ExtendDeadline)),
    ];
    let minutes = prop_oneof![
        16 => 1_i64..=4320,
        2 => 1_i64..=3,
        2 => Just(0_i64),
        1 => -600_i64..=-1,
        1 => -30_i64..=-1,
    ];
    let who = prop_oneof![1 => Just(None), 4 => role().prop_map(Some)];
    (pick, who, minutes, ingredients()).prop_map(|(pick, who, minutes, data)| Step {
        pick,
        who,
        minutes,
        data,
    })
}

/// The actor of a role.
pub fn actor(role: Role) -> Actor {
    match role {
        Role::Agent => Actor::agent("agent-1"),
        Role::TeamLead => Actor::team_lead("lead-1"),
        Role::Supervisor => Actor::supervisor("supervisor-1"),
    }
}
