//! S3 日報、週報、月報: [`Period`], the stretch of time a report covers, with
//! its boundaries at local midnights in a given [`Zone`].

use std::fmt;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::time::Zone;

/// S3: the stretch of time a report covers, from `start` (included) to `end`
/// (excluded), as two instants.
///
/// A day, a week or a month begins and ends at local midnight in the zone it
/// is asked for, so the month of November 2026 in `Asia/Shanghai` runs from
/// 2026-10-31 16:00 UTC to 2026-11-30 16:00 UTC, not over the UTC month. A
/// midnight that a daylight-saving change skips is read as [`Zone::resolve`]
/// reads it (the first instant after the gap), so a local day can last 23 or
/// 25 hours.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use complaint_workflow::{report::Period, time::Zone};
///
/// let shanghai = Zone::iana("Asia/Shanghai")?;
/// let november = Period::month(2026, 11, shanghai)?;
/// assert_eq!(november.start(), Utc.with_ymd_and_hms(2026, 10, 31, 16, 0, 0).unwrap());
/// assert_eq!(november.end(), Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap());
///
/// // 2026-12-01 00:30 in Shanghai is still November in UTC.
/// let received = Utc.with_ymd_and_hms(2026, 11, 30, 16, 30, 0).unwrap();
/// assert!(!november.contains(received));
/// assert!(Period::month(2026, 11, Zone::Utc)?.contains(received));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "Bounds", into = "Bounds")]
pub struct Period {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// A period that cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// The month is not 1 to 12, or the year is outside chrono's dates.
    #[error("there is no month {month} in the year {year}: expected a month from 1 to 12")]
    NoSuchMonth {
        /// The year given.
        year: i32,
        /// The month given.
        month: u32,
    },
    /// The ISO week does not exist in that ISO year.
    #[error("there is no ISO week {week} in the year {year}: expected a week from 1 to 52 or 53")]
    NoSuchWeek {
        /// The ISO year given.
        year: i32,
        /// The week given.
        week: u32,
    },
    /// The period's end is before its start.
    #[error("the period ends at {end} before it starts at {start}")]
    EndBeforeStart {
        /// The start given.
        start: DateTime<Utc>,
        /// The end given.
        end: DateTime<Utc>,
    },
    /// A boundary lies outside the dates chrono supports.
    #[error("a boundary of the period is outside the supported dates")]
    OutOfRange,
}

impl Period {
    /// The instants from `start` (included) to `end` (excluded).
    ///
    /// # Errors
    ///
    /// [`PeriodError::EndBeforeStart`] when `end` is before `start`; an empty
    /// period (`start == end`) is allowed and contains nothing.
    pub fn range(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, PeriodError> {
        if end < start {
            return Err(PeriodError::EndBeforeStart { start, end });
        }
        Ok(Self { start, end })
    }

    /// S3 日報: the local day `date` in `zone`, from its midnight to the next.
    ///
    /// # Errors
    ///
    /// [`PeriodError::OutOfRange`] at the edges of chrono's dates.
    pub fn day(date: NaiveDate, zone: Zone) -> Result<Self, PeriodError> {
        let next = date.succ_opt().ok_or(PeriodError::OutOfRange)?;
        Self::local(date, next, zone)
    }

    /// S3 週報: the ISO week (Monday to Sunday) that holds `date`, in `zone`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::OutOfRange`] at the edges of chrono's dates.
    pub fn week(date: NaiveDate, zone: Zone) -> Result<Self, PeriodError> {
        let back = u64::from(date.weekday().num_days_from_monday());
        let monday = date
            .checked_sub_days(Days::new(back))
            .ok_or(PeriodError::OutOfRange)?;
        let next = monday
            .checked_add_days(Days::new(7))
            .ok_or(PeriodError::OutOfRange)?;
        Self::local(monday, next, zone)
    }

    /// S3 週報: ISO week `week` of the ISO year `year`, in `zone`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::NoSuchWeek`] when the year has no such week (week 53
    /// exists only in some years).
    pub fn iso_week(year: i32, week: u32, zone: Zone) -> Result<Self, PeriodError> {
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
            .ok_or(PeriodError::NoSuchWeek { year, week })?;
        Self::week(monday, zone)
    }

    /// S3 月報: the calendar month `month` (1 to 12) of `year`, in `zone`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::NoSuchMonth`] when `month` is not 1 to 12.
    pub fn month(year: i32, month: u32, zone: Zone) -> Result<Self, PeriodError> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or(PeriodError::NoSuchMonth { year, month })?;
        let next = first
            .checked_add_months(Months::new(1))
            .ok_or(PeriodError::OutOfRange)?;
        Self::local(first, next, zone)
    }

    /// From local midnight of `first` to local midnight of `next`.
    fn local(first: NaiveDate, next: NaiveDate, zone: Zone) -> Result<Self, PeriodError> {
        let midnight = |date: NaiveDate| {
            zone.resolve(date.and_time(NaiveTime::MIN))
                .ok_or(PeriodError::OutOfRange)
        };
        Self::range(midnight(first)?, midnight(next)?)
    }

    /// The first instant of the period.
    #[must_use]
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The first instant after the period.
    #[must_use]
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }

    /// Whether `instant` lies in the period: at or after its start, before its end.
    #[must_use]
    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }

    /// The smallest period that covers both.
    #[must_use]
    pub fn span(&self, other: &Period) -> Period {
        Period {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl fmt::Display for Period {
    /// `2026-10-31T16:00:00Z/2026-11-30T16:00:00Z`, an ISO 8601 interval
    /// (the end excluded).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", rfc3339(self.start), rfc3339(self.end))
    }
}

/// An instant as `2026-11-30T16:00:00Z`.
pub(super) fn rfc3339(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// The periods of two reports merged (S3): sorted, with a period that starts
/// where the one before ends joined to it, so that merging the reports of two
/// adjacent periods gives the periods of the report over both.
pub(super) fn merge_periods(mut periods: Vec<Period>, other: Vec<Period>) -> Vec<Period> {
    periods.extend(other);
    periods.sort();
    let mut merged: Vec<Period> = Vec::with_capacity(periods.len());
    for period in periods {
        match merged.last_mut() {
            Some(last) if last.end == period.start => last.end = period.end,
            _ => merged.push(period),
        }
    }
    merged
}

/// The stored form of a period, checked on load.
#[derive(Serialize, Deserialize)]
struct Bounds {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl TryFrom<Bounds> for Period {
    type Error = PeriodError;

    fn try_from(bounds: Bounds) -> Result<Self, Self::Error> {
        Period::range(bounds.start, bounds.end)
    }
}

impl From<Period> for Bounds {
    fn from(period: Period) -> Self {
        Bounds {
            start: period.start,
            end: period.end,
        }
    }
}
