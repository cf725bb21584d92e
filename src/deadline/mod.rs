//! Deadlines (T1–T7): what each deadline of a complaint is for, when it is
//! due and where it stands ([`Deadline`]), a missed one ([`Breach`]), its
//! alarms (W1 [`Warning`]s, W3 [`EscalationLevel`]s, the [`Alarm`]s not
//! raised yet), and the [`Agenda`] of many complaints by their next alarm,
//! the in-memory twin of a store's `next_due_at` index.

mod agenda;

pub use crate::time::alarm::{
    Alarm, AlarmLevel, AlarmPlan, AlarmPoint, AlarmState, EscalationLevel, EscalationTrigger,
    Warning,
};
pub use crate::time::deadline::{
    Breach, BreachState, Deadline, DeadlineId, DeadlineKind, DeadlineStatus, ParseDeadlineIdError,
    WaitingOn,
};
pub use agenda::{Agenda, AgendaChange};
