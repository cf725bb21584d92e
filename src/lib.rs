//! The closed-loop customer complaint procedure as typed state transitions.
//!
//! A complaint is **accepted** (R1), **judged** (upheld or dismissed, R2),
//! **investigated** (R3); remedies are **proposed** and a supervisor
//! **approves** one (R4); the remedy is **executed** with the customer's
//! signed acceptance (R5); the handling is **reviewed** (R6). Every step is an
//! entry in an append-only history (R7). The rule IDs refer to the crate's
//! rule book (`DOMAIN.md`).
//!
//! The crate is pure: no I/O, no clock, no global state. Who acts, when and
//! under which [`Policy`] come in through a [`Context`]; the records serialize
//! with serde; an application stores them in its own database.
//!
//! # Example
//!
//! ```
//! use chrono::{Duration, TimeZone, Utc};
//! use complaint_workflow::*;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let policy = Policy::default();
//! let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
//! let agent = Context::new(Actor::agent("agent-7"), t0, &policy);
//!
//! // R1: accepting is the only way to create a complaint.
//! let complaint = Complaint::accept(
//!     Accept {
//!         complainant: Complainant::member("customer-42"),
//!         received_at: t0,
//!         channel: Channel::Phone,
//!         content: "The washing machine leaks after the repair".into(),
//!         category: Category::new("repair"),
//!         severity: Severity::Medium,
//!     },
//!     &agent,
//! )?;
//!
//! // R2: upheld, with the responsible department and the agreed investigation time.
//! let complaint = complaint.apply(
//!     Uphold {
//!         responsible_department: Department::new("repairs"),
//!         investigation_due: t0 + Duration::days(2),
//!     },
//!     &agent,
//! )?;
//! assert_eq!(complaint.stage(), StageKind::Judged);
//!
//! // The typed face refuses at compile time what the stage does not accept:
//! // `complaint.apply(Approve { option: 1 }, &agent)` does not compile here.
//!
//! // The stored face: serialize, load (which replays and checks), go back to typed.
//! let json = serde_json::to_string(complaint.as_record())?;
//! let loaded: ComplaintRecord = serde_json::from_str(&json)?;
//! match loaded.into_typed() {
//!     TypedComplaint::Judged(judged) => assert_eq!(judged.as_record().version(), 2),
//!     other => panic!("unexpected stage {}", other.stage()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Overview
//!
//! - [`Complaint<S>`]: the typed face; `S` is a stage marker ([`Accepted`],
//!   [`Judged`], ...). [`Complaint::apply`] only compiles for the events the
//!   transition table allows in `S` ([`Transition`]); a runtime rule that
//!   fails hands back the unchanged complaint in [`Rejected`].
//! - [`ComplaintRecord`]: the stored face: the stage as data, the history of
//!   [`Entry`]s, [`ComplaintRecord::apply`] for a runtime [`Event`],
//!   [`ComplaintRecord::replay`] to rebuild and check a stored history,
//!   [`ComplaintRecord::into_typed`] to get back to the typed face.
//! - [`TRANSITIONS`]: the transition table both faces are made from.
//! - [`Actor`] and [`Role`]: who may fire which event ([`Role::required_for`]).
//! - [`Policy`]: every number of the rule book as a default value, a
//!   [`PolicyBuilder`], and regulatory presets ([`Policy::uk_fca`],
//!   [`Policy::cfpb`], ...).
//! - Time (T1–T7): [`Deadline`]s derived from the history
//!   ([`ComplaintRecord::deadlines`], [`ComplaintRecord::next_deadline`],
//!   [`ComplaintRecord::breaches`]), on a [`BusinessCalendar`] in a [`Zone`];
//!   the [`Agenda`] of many complaints.
//! - Follow-up (F1–F7): [`FollowUp<S>`] with its own stages and table
//!   ([`FOLLOW_UP_TRANSITIONS`]), slots outside the customer's
//!   [`QuietHours`], [`ComplaintRecord::follow_up`].
//! - Escalation, repeat contacts, handover and the fast path (E1–E6, T5):
//!   [`Escalate`], [`IncomingContact::match_in`], [`left_without_handover`],
//!   [`SimpleComplaint`].
//! - Reports (S1–S4) over any [`Period`]: [`ClassificationReport`],
//!   [`FollowUpSummary`], [`BreachReport`]; [`diagram`] draws the tables.
//! - Storage support: [`ExpectedVersion`] and [`Conflict`] for optimistic
//!   concurrency, command ids for idempotent retries
//!   ([`Context::with_command`]), [`PersonalDataErased`].
//! - [`TransitionError`] and [`ReplayError`]: what went wrong, as data.
//!
//! # The transition table
//!
//! | stage | event | next stage | lowest role |
//! |-------|-------|------------|-------------|
//! | `accepted` | `uphold` | `judged` | `agent` |
//! | `accepted` | `dismiss` | `dismissed` | `agent` |
//! | `accepted` | `resolve_on_first_contact` (T5, only through `SimpleComplaint`) | `executed` | `agent` |
//! | `judged` | `investigate` | `investigated` | `agent` |
//! | `investigated` | `propose` | `proposed` | `agent` |
//! | `proposed` | `choose_remedy` | `proposed` | `agent` |
//! | `proposed` | `approve` | `approved` | `supervisor` |
//! | `approved` | `execute` | `executed` | `agent` |
//! | `approved` | `decline` | `investigated` | `agent` |
//! | `executed`, `dismissed`, `withdrawn` | `review` | `reviewed` | `supervisor` |
//! | `reviewed` | `reopen` | `accepted` | `agent` |
//! | `reviewed` | `close` | `closed` | `agent` |
//! | `accepted` … `approved` | `withdraw` | `withdrawn` | `agent` |
//! | `accepted` … `approved` | `escalate` | the same stage | `agent` |
//! | `accepted` … `approved` | `handover` | the same stage | `agent` |
//! | `accepted` … `approved` | `assign` | the same stage | `agent` |
//! | `accepted` … `approved` | `transfer` | the same stage | `agent` |
//! | `accepted` … `approved` | `await_customer` | the same stage | `agent` |
//! | `accepted` … `approved` | `customer_replied` | the same stage | `agent` |
//! | `executed`, `dismissed`, `reviewed` | `attempt_follow_up` | the same stage | `agent` |
//! | `executed`, `dismissed`, `reviewed` | `reschedule_follow_up` | the same stage | `agent` |
//! | `executed`, `dismissed`, `reviewed` | `complete_follow_up` | the same stage | `agent` |
//! | `executed`, `dismissed`, `reviewed` | `give_up_follow_up` | the same stage | `agent` |
//! | every stage | `add_note` | the same stage | `agent` |
//! | every stage | `contact` | the same stage | `agent` |
//! | every stage | `repeat_contact` | the same stage | `agent` |
//! | every stage | `personal_data_erased` | the same stage | `supervisor` |
//! | every stage but `closed` | `extend_deadline` | the same stage | `supervisor` |
//!
//! Follow-up events also follow the follow-up's own table
//! ([`FOLLOW_UP_TRANSITIONS`]): `scheduled` → `attempted` → `completed` or
//! `exhausted`.
//!
//! A test checks this table against [`TRANSITIONS`] and [`Role::required_for`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![warn(clippy::pedantic)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]
// `#[must_use]` on every getter adds noise without catching real mistakes.
#![allow(clippy::must_use_candidate)]

// The layers, bottom first; no module imports one above it.
mod contacts;
mod context;
mod deadline;
pub mod diagram;
mod lifecycle;
mod policy;
mod record;
mod report;
mod shifts;
mod time;
mod typed;
mod values;

// The README's Rust code blocks run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use contacts::{ContactMatch, IncomingContact};
pub use context::Context;
pub use deadline::{Agenda, AgendaChange};
pub use lifecycle::*;
pub use policy::{
    DEFAULT_MAX_HISTORY_ENTRIES, EscalationRule, ExtensionLimit, FastPath, Policy, PolicyBuilder,
    PolicyError,
};
pub use record::{
    Approval, ComplaintRecord, Conflict, Entry, ExpectedVersion, Judgment, ReplayError,
    SCHEMA_VERSION,
};
pub use report::{
    BreachLine, BreachReport, ClassificationReport, ComplaintOutcome, DeadlineTally, Durations,
    FollowUpSummary, ImprovementPoint, Milestone, Period, PeriodError, Ratio,
};
pub use shifts::{Roster, Shifts, left_without_handover};
pub use time::{
    Breach, BreachState, BusinessCalendar, CalendarError, Clock, Deadline, DeadlineId,
    DeadlineKind, DeadlineStatus, QuietHours, TimeLimit, UnknownZone, Zone,
};
pub use typed::{Complaint, FollowUp, Rejected, SimpleComplaint, TypedComplaint, TypedFollowUp};
pub use values::{
    Actor, ActorId, Category, Channel, CommandId, ComplainantId, ComplaintId, ContactMethod,
    Department, EventId, Role, Severity,
};
