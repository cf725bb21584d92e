//! Time: zones, the business calendar, time limits, the deadlines of a
//! complaint (T1–T7), breaches, and the agenda of many complaints.

mod agenda;
mod calendar;
mod kind;
pub(crate) mod ledger;
mod limit;
mod zone;

pub use agenda::{Agenda, AgendaChange};
pub use calendar::{BusinessCalendar, CalendarError};
pub use kind::{Breach, BreachState, Deadline, DeadlineId, DeadlineKind, DeadlineStatus};
pub use limit::{Clock, TimeLimit};
pub use zone::{UnknownZone, Zone};
