//! The closed-loop customer complaint procedure as typed state transitions.
//!
//! A complaint is **accepted** (R1), **judged** (upheld or dismissed, R2),
//! **investigated** (R3); remedies are **proposed** and a supervisor
//! **approves** one (R4); the remedy is **executed** with the customer's
//! signed acceptance (R5); the handling is **reviewed** (R6). After the final
//! response the customer may **dispute** it (D1: judged again) or have it
//! **referred** to an external body (D2). Every step is an
//! entry in an append-only history (R7). The rule IDs refer to the crate's
//! rule book, [`guide::rules`] (`docs/rules.md` in the repository).
//!
//! The crate is pure: no I/O, no clock, no global state. Who acts, when and
//! under which [`Policy`] come in through a [`Context`]; the records serialize
//! with serde; an application stores them in its own database.
//!
//! # Example
//!
//! ```
//! use chrono::{Duration, TimeZone, Utc};
//! use complaint_workflow::event::{Accept, Uphold};
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
//! At the root, the names every embedding uses:
//!
//! - [`Complaint<S>`]: the typed face; `S` is a stage marker ([`Accepted`],
//!   [`Judged`], ...). [`Complaint::apply`] only compiles for the events the
//!   transition table allows in `S` ([`Transition`]); a runtime rule that
//!   fails hands back the unchanged complaint in [`Rejected`].
//!   [`SimpleComplaint`] is the fast path (T5).
//! - [`ComplaintRecord`]: the stored face: the stage as data, the history of
//!   [`record::Entry`]s, [`ComplaintRecord::apply`] for a runtime [`Event`],
//!   [`ComplaintRecord::replay`] to rebuild and check a stored history,
//!   [`ComplaintRecord::into_typed`] to get back to the typed face.
//! - [`TRANSITIONS`]: the transition table both faces are made from.
//! - [`Context`], [`Actor`] and [`Role`]: who acts, when, under which
//!   [`Policy`]; who may fire which event ([`Role::required_for`]).
//! - The values of the intake form (R1): [`Complainant`], [`Channel`],
//!   [`Category`], [`Severity`], [`Department`], and the ids.
//! - [`TransitionError`] and [`ReplayError`]: what went wrong, as data.
//!
//! The rest lives in namespaces named by the domain:
//!
//! - [`event`]: one struct per event and the data they carry (findings,
//!   remedy options, signatures, follow-up outcomes).
//! - [`deadline`] (T1–T7): [`deadline::Deadline`]s derived from the history
//!   ([`ComplaintRecord::deadlines`], [`ComplaintRecord::next_deadline`],
//!   [`ComplaintRecord::breaches`]) and the [`deadline::Agenda`] of many
//!   complaints.
//! - [`time`]: zones, the [`time::BusinessCalendar`], [`time::TimeLimit`]s and
//!   the customer's [`time::QuietHours`].
//! - [`followup`] (F1–F7): [`followup::FollowUp<S>`] with its own stages and
//!   table, and where a complaint's follow-up stands
//!   ([`ComplaintRecord::follow_up`]).
//! - [`policy`]: every number of the rule book as a default value, the
//!   [`policy::PolicyBuilder`], and regulatory presets ([`Policy::uk_fca`],
//!   [`Policy::cfpb`], ...).
//! - [`record`]: the history's entries, the decisions recorded on them, and
//!   storage support: [`record::ExpectedVersion`] and [`record::Conflict`] for
//!   optimistic concurrency, command ids for idempotent retries
//!   ([`Context::with_command`]).
//! - [`audit`] (A1, A3): the hash chain every entry is sealed into,
//!   [`audit::verify_chain`] and the [`audit::ChainError`] of each kind of
//!   tampering; [`ComplaintRecord::head_hash`].
//! - [`report`] (S1–S4) over any [`report::Period`]; [`diagram`] draws the
//!   tables; [`contacts`] links repeat contacts (E4); [`shifts`] finds open
//!   complaints left without a handover (E5).
//! - [`error`]: the error types by family.
//! - [`guide`]: the long-form documentation: the rule book, the stored
//!   format, storage, authorization.
//!
//! # Features
//!
//! - `tz` (on by default): IANA time zones through `chrono-tz`
//!   (`time::Zone::iana("Asia/Shanghai")`). Without it, zones are UTC and
//!   fixed offsets, and the regulatory presets keep their standard offsets.
//!
//! # Examples
//!
//! Runnable walk-throughs in `examples/`: `lifecycle` (the whole procedure,
//! `cargo run --example lifecycle`), `deadlines` (a regulator's clock, pauses,
//! extensions and the breach report), `follow_up_day` (an agent's follow-up
//! slots across zones), `monthly_report` (S1–S4 over a generated month),
//! `sqlite_store` and `postgres_store` (storing records), `bench_summary`
//! (the performance figures against their goals).
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
//! | `executed`, `dismissed`, `reviewed`, `closed` | `dispute` (D1) | `accepted` | `agent` |
//! | `executed`, `dismissed`, `reviewed`, `closed` | `refer` (D2) | `referred` | `agent` |
//! | `referred` | `record_referral_outcome` (D2) | `reviewed` | `supervisor` |
//! | `accepted` … `approved` | `withdraw` | `withdrawn` | `agent` |
//! | `accepted` … `approved` | `escalate` | the same stage | `agent` |
//! | `accepted` … `approved` | `handover` | the same stage | `agent` |
//! | `accepted` … `approved` | `assign` | the same stage | `agent` |
//! | `accepted` … `approved` | `transfer` | the same stage | `agent` |
//! | `accepted` … `approved` | `await_customer` | the same stage | `agent` |
//! | `accepted` … `approved` | `customer_replied` | the same stage | `agent` |
//! | `accepted` … `approved` | `progress_update` (W4) | the same stage | `agent` |
//! | `accepted` … `approved` | `await_third_party` (W5) | the same stage | `agent` |
//! | `accepted` … `approved` | `third_party_replied` (W5) | the same stage | `agent` |
//! | `accepted` … `approved` | `reclassify` (W2) | the same stage | `team_lead` |
//! | `executed`, `dismissed`, `reviewed`, `referred` | `attempt_follow_up` | the same stage | `agent` |
//! | `executed`, `dismissed`, `reviewed`, `referred` | `reschedule_follow_up` | the same stage | `agent` |
//! | `executed`, `dismissed`, `reviewed`, `referred` | `complete_follow_up` | the same stage | `agent` |
//! | `executed`, `dismissed`, `reviewed`, `referred` | `give_up_follow_up` | the same stage | `agent` |
//! | every stage | `add_note` | the same stage | `agent` |
//! | every stage | `contact` | the same stage | `agent` |
//! | every stage | `repeat_contact` | the same stage | `agent` |
//! | every stage | `personal_data_erased` | the same stage | `supervisor` |
//! | every stage | `redact` (A2) | the same stage | `supervisor` |
//! | every stage but `closed` | `extend_deadline` | the same stage | `supervisor` |
//! | every stage but `closed` | `raise_alarm` (W1) | the same stage | `agent` |
//!
//! Follow-up events also follow the follow-up's own table
//! ([`followup::FOLLOW_UP_TRANSITIONS`]): `scheduled` → `attempted` → `completed` or
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
pub mod audit;
pub mod contacts;
mod context;
pub mod deadline;
pub mod diagram;
pub mod export;
mod integrity;
mod lifecycle;
pub mod policy;
pub mod record;
pub mod report;
pub mod shifts;
pub mod store;
pub mod time;
mod typed;
mod values;

// Namespaces over the layers: what a user names, not where it lives.
pub mod error;
pub mod event;
pub mod followup;
pub mod guide;

// The README's Rust code blocks run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use context::Context;
pub use lifecycle::Complainant;
pub use lifecycle::{
    Accepted, Approved, Closed, Dismissed, Event, EventKind, Executed, Investigated, Judged,
    Proposed, Referred, Reviewed, Stage, StageKind, TRANSITIONS, Transition, TransitionError,
    TransitionRow, Withdrawn,
};
pub use policy::Policy;
pub use record::{ComplaintRecord, ReplayError};
pub use typed::{Complaint, Rejected, SimpleComplaint, TypedComplaint};
pub use values::{
    Actor, ActorId, Category, Channel, CommandId, ComplainantId, ComplaintId, Department, Role,
    Severity,
};
