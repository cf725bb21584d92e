//! The time layer: zones, the business calendar and its holiday files, time
//! limits, quiet hours, and deadlines as data (what a deadline is for, when
//! it is due, where it stands). Which event opens or meets a deadline is the
//! lifecycle's business; this layer only counts time.

pub(crate) mod alarm;
mod calendar;
pub(crate) mod deadline;
#[cfg(feature = "icalendar")]
mod holiday_file;
mod limit;
mod quiet;
mod zone;

// Alarms as data are the `deadline` namespace's too.
pub(crate) use alarm::{
    Alarm, AlarmLevel, AlarmPlan, AlarmPoint, AlarmState, EscalationLevel, EscalationTrigger,
    Warning,
};
pub use calendar::{BusinessCalendar, CalendarError};
#[cfg(feature = "icalendar")]
pub use holiday_file::{CalendarFileError, HolidayFile};
// Deadlines as data are the `deadline` namespace's.
pub(crate) use deadline::{
    Breach, BreachState, Deadline, DeadlineId, DeadlineKind, DeadlineStatus, WaitingOn,
};
pub use limit::{Counting, TimeLimit};
pub use quiet::QuietHours;
pub use zone::{UnknownZone, Zone};
