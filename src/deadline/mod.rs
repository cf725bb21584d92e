//! Deadlines (T1–T7): what each deadline of a complaint is for, when it is
//! due and where it stands ([`Deadline`]), a missed one ([`Breach`]), and the
//! [`Agenda`] of many complaints by their next due time, the in-memory twin of
//! a store's `next_due_at` index.

mod agenda;

pub use crate::time::deadline::{
    Breach, BreachState, Deadline, DeadlineId, DeadlineKind, DeadlineStatus, ParseDeadlineIdError,
    WaitingOn,
};
pub use agenda::{Agenda, AgendaChange};
