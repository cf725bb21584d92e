//! The time layer: zones, the business calendar, time limits, quiet hours,
//! and deadlines as data (what a deadline is for, when it is due, where it
//! stands). Which event opens or meets a deadline is the lifecycle's
//! business; this layer only counts time.

mod calendar;
mod deadline;
mod limit;
mod quiet;
mod zone;

pub use calendar::{BusinessCalendar, CalendarError};
pub use deadline::{Breach, BreachState, Deadline, DeadlineId, DeadlineKind, DeadlineStatus};
pub use limit::{Clock, TimeLimit};
pub use quiet::QuietHours;
pub use zone::{UnknownZone, Zone};
