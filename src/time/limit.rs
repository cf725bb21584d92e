//! [`TimeLimit`]: a span of time as a policy states it ("3 minutes", "15
//! business days", "close of the third business day"), and the due time it
//! gives from a start on a [`BusinessCalendar`].

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::time::{BusinessCalendar, CalendarError};

/// A time limit as a policy or a regulation states it.
///
/// Stored as `{"minutes": 3}`, `{"business_days": 15}`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TimeLimit {
    /// Elapsed minutes.
    Minutes(u32),
    /// Elapsed hours.
    Hours(u32),
    /// Calendar days, at the same wall time in the calendar's zone.
    CalendarDays(u32),
    /// Weeks of seven calendar days.
    Weeks(u32),
    /// Working days of the calendar, at the same wall time.
    BusinessDays(u32),
    /// Working hours of the calendar.
    BusinessHours(u32),
    /// Close of business on the n-th working day after the start's day.
    CloseOfBusinessDay(u32),
}

/// How a deadline's time is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    /// Every minute counts (minutes, hours, calendar days, weeks, or a time
    /// agreed with the customer).
    Calendar,
    /// Only the calendar's working days or hours count.
    Business,
}

impl TimeLimit {
    /// The due time of this limit counted from `start` on `calendar`.
    ///
    /// # Errors
    ///
    /// [`CalendarError`] when business time cannot be counted on the calendar
    /// or the result lies beyond the supported dates.
    pub fn due(
        self,
        start: DateTime<Utc>,
        calendar: &BusinessCalendar,
    ) -> Result<DateTime<Utc>, CalendarError> {
        let elapsed = |delta: TimeDelta| {
            start
                .checked_add_signed(delta)
                .ok_or(CalendarError::OutOfRange)
        };
        match self {
            TimeLimit::Minutes(n) => elapsed(TimeDelta::minutes(i64::from(n))),
            TimeLimit::Hours(n) => elapsed(TimeDelta::hours(i64::from(n))),
            TimeLimit::CalendarDays(n) => calendar.add_calendar_days(start, n),
            TimeLimit::Weeks(n) => calendar
                .add_calendar_days(start, n.checked_mul(7).ok_or(CalendarError::OutOfRange)?),
            TimeLimit::BusinessDays(n) => calendar.add_business_days(start, n),
            TimeLimit::BusinessHours(n) => calendar.add_business_hours(start, n),
            TimeLimit::CloseOfBusinessDay(n) => calendar.close_of_business_day(start, n),
        }
    }

    /// How the limit counts time.
    #[must_use]
    pub const fn counting(self) -> Counting {
        match self {
            TimeLimit::Minutes(_)
            | TimeLimit::Hours(_)
            | TimeLimit::CalendarDays(_)
            | TimeLimit::Weeks(_) => Counting::Calendar,
            TimeLimit::BusinessDays(_)
            | TimeLimit::BusinessHours(_)
            | TimeLimit::CloseOfBusinessDay(_) => Counting::Business,
        }
    }

    /// Whether the limit is zero (a policy refuses zero limits: every
    /// deadline would be missed the moment it opens).
    #[must_use]
    pub const fn is_zero(self) -> bool {
        match self {
            TimeLimit::Minutes(n)
            | TimeLimit::Hours(n)
            | TimeLimit::CalendarDays(n)
            | TimeLimit::Weeks(n)
            | TimeLimit::BusinessDays(n)
            | TimeLimit::BusinessHours(n) => n == 0,
            // Close of business on the day itself is a real limit.
            TimeLimit::CloseOfBusinessDay(_) => false,
        }
    }
}

impl fmt::Display for TimeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeLimit::Minutes(n) => write!(f, "{n} minutes"),
            TimeLimit::Hours(n) => write!(f, "{n} hours"),
            TimeLimit::CalendarDays(n) => write!(f, "{n} calendar days"),
            TimeLimit::Weeks(n) => write!(f, "{n} weeks"),
            TimeLimit::BusinessDays(n) => write!(f, "{n} business days"),
            TimeLimit::BusinessHours(n) => write!(f, "{n} business hours"),
            TimeLimit::CloseOfBusinessDay(n) => write!(f, "close of business day {n}"),
        }
    }
}
