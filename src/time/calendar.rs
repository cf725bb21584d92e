//! [`BusinessCalendar`]: working weekdays, working hours and holidays in a
//! time zone, and the date arithmetic deadlines are computed with.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::time::Zone;

/// The most days a calendar computation may span (about 270 years): a bound
/// that keeps every computation finite whatever the policy says.
const MAX_SPAN_DAYS: u64 = 100_000;

/// Why a calendar computation has no answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The calendar has no working weekday, so no business day ever comes.
    #[error("the calendar has no working weekday: business days and hours cannot be counted")]
    NoWorkingDays,
    /// Working hours that close before they open.
    #[error("working hours must open before they close, found {opens} to {closes}")]
    InvalidHours {
        /// The opening time given.
        opens: NaiveTime,
        /// The closing time given.
        closes: NaiveTime,
    },
    /// The result lies beyond the dates the crate computes with.
    #[error(
        "the result lies beyond the supported range of dates ({MAX_SPAN_DAYS} days from the start at most)"
    )]
    OutOfRange,
}

/// Working weekdays, working hours and holidays, read in a [`Zone`].
///
/// The default is Monday to Friday, 09:00 to 17:00, UTC, no holidays.
///
/// Days and hours are counted on the wall clock of the calendar's zone: one
/// calendar day after 09:00 on the eve of a daylight-saving change is 09:00
/// the next day, 23 or 25 hours later. A wall time that does not exist or
/// exists twice is resolved as [`Zone::resolve`] documents.
///
/// # Example
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use complaint_workflow::time::{BusinessCalendar, Zone};
///
/// let calendar = BusinessCalendar::new(Zone::Utc)
///     .with_holiday(NaiveDate::from_ymd_opt(2026, 12, 25).unwrap());
/// // Thursday 24 December 2026, 10:00: two business days later skips
/// // Christmas and the weekend.
/// let start = Utc.with_ymd_and_hms(2026, 12, 24, 10, 0, 0).unwrap();
/// let due = calendar.add_business_days(start, 2)?;
/// assert_eq!(due, Utc.with_ymd_and_hms(2026, 12, 29, 10, 0, 0).unwrap());
/// # Ok::<(), complaint_workflow::time::CalendarError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "StoredCalendar", into = "StoredCalendar")]
pub struct BusinessCalendar {
    zone: Zone,
    working_days: [bool; 7],
    opens: NaiveTime,
    closes: NaiveTime,
    holidays: BTreeSet<NaiveDate>,
    extra_working_days: BTreeSet<NaiveDate>,
}

impl Default for BusinessCalendar {
    fn default() -> Self {
        Self::new(Zone::Utc)
    }
}

impl BusinessCalendar {
    /// Every weekday, Monday first: a week of working days for
    /// [`with_working_days`](Self::with_working_days).
    pub const WEEK: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// Monday to Friday, 09:00 to 17:00 in `zone`, no holidays.
    #[must_use]
    pub fn new(zone: Zone) -> Self {
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN);
        let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN);
        Self {
            zone,
            working_days: [true, true, true, true, true, false, false],
            opens: nine,
            closes: five,
            holidays: BTreeSet::new(),
            extra_working_days: BTreeSet::new(),
        }
    }

    /// The same calendar with these working weekdays (an empty set is allowed,
    /// and makes every business-time computation fail with
    /// [`CalendarError::NoWorkingDays`]).
    #[must_use]
    pub fn with_working_days(mut self, days: impl IntoIterator<Item = Weekday>) -> Self {
        self.working_days = [false; 7];
        for day in days {
            if let Some(slot) = self
                .working_days
                .get_mut(day.num_days_from_monday() as usize)
            {
                *slot = true;
            }
        }
        self
    }

    /// The same calendar with these working hours.
    ///
    /// # Errors
    ///
    /// [`CalendarError::InvalidHours`] unless `opens` is before `closes`.
    pub fn with_hours(
        mut self,
        opens: NaiveTime,
        closes: NaiveTime,
    ) -> Result<Self, CalendarError> {
        if opens >= closes {
            return Err(CalendarError::InvalidHours { opens, closes });
        }
        self.opens = opens;
        self.closes = closes;
        Ok(self)
    }

    /// The same calendar with one more holiday.
    #[must_use]
    pub fn with_holiday(mut self, date: NaiveDate) -> Self {
        self.holidays.insert(date);
        self
    }

    /// The same calendar with these holidays added.
    #[must_use]
    pub fn with_holidays(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.holidays.extend(dates);
        self
    }

    /// The same calendar with a date that is worked although its weekday is
    /// not (a weekend day worked in exchange for a holiday, 調休).
    #[must_use]
    pub fn with_working_date(mut self, date: NaiveDate) -> Self {
        self.extra_working_days.insert(date);
        self
    }

    /// The zone the calendar is read in.
    #[must_use]
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// When a working day opens and closes.
    #[must_use]
    pub fn hours(&self) -> (NaiveTime, NaiveTime) {
        (self.opens, self.closes)
    }

    /// The holidays.
    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }

    /// The working weekdays, Monday first.
    pub fn working_days(&self) -> impl Iterator<Item = Weekday> + '_ {
        Self::WEEK
            .into_iter()
            .zip(self.working_days)
            .filter_map(|(day, working)| working.then_some(day))
    }

    /// Whether `date` is a working weekday and not a holiday, or an extra
    /// working date.
    #[must_use]
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.extra_working_days.contains(&date) {
            return true;
        }
        let weekday_works = self
            .working_days
            .get(date.weekday().num_days_from_monday() as usize)
            .copied()
            .unwrap_or(false);
        weekday_works && !self.holidays.contains(&date)
    }

    /// `days` calendar days after `start`, at the same wall time in the calendar's zone.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] beyond the supported dates.
    pub fn add_calendar_days(
        &self,
        start: DateTime<Utc>,
        days: u32,
    ) -> Result<DateTime<Utc>, CalendarError> {
        let local = self.zone.to_local(start);
        let date = local
            .date()
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .ok_or(CalendarError::OutOfRange)?;
        self.at_local(date, local.time(), start)
    }

    /// `days` business days after `start`: the `days`-th working day after
    /// the start's date, at the same wall time. Zero days is `start` itself.
    ///
    /// For one day or more, the result always falls on a working day.
    ///
    /// # Errors
    ///
    /// [`CalendarError::NoWorkingDays`] for a calendar without working
    /// weekdays, [`CalendarError::OutOfRange`] beyond the supported dates.
    pub fn add_business_days(
        &self,
        start: DateTime<Utc>,
        days: u32,
    ) -> Result<DateTime<Utc>, CalendarError> {
        if days == 0 {
            return Ok(start);
        }
        let local = self.zone.to_local(start);
        let date = self.nth_working_day_after(local.date(), days)?;
        self.at_local(date, local.time(), start)
    }

    /// Close of business on the `days`-th working day after the day of
    /// `start` (UK FCA DISP 1.5: "by close of business on the third business
    /// day following the day on which it is received"). With zero days, the
    /// close of the start's day if it is a working day not yet closed, else
    /// of the next working day: the result is never before `start`.
    ///
    /// # Errors
    ///
    /// As [`add_business_days`](Self::add_business_days).
    pub fn close_of_business_day(
        &self,
        start: DateTime<Utc>,
        days: u32,
    ) -> Result<DateTime<Utc>, CalendarError> {
        let local = self.zone.to_local(start);
        let day = local.date();
        let date = if days == 0 && self.is_working_day(day) && local.time() < self.closes {
            day
        } else {
            self.nth_working_day_after(day, days.max(1))?
        };
        self.at_local(date, self.closes, start)
    }

    /// `hours` working hours after `start`, counted only inside working
    /// hours on working days. A start outside working hours counts from the
    /// next opening; the result is always inside working hours or at a closing.
    ///
    /// # Errors
    ///
    /// As [`add_business_days`](Self::add_business_days).
    pub fn add_business_hours(
        &self,
        start: DateTime<Utc>,
        hours: u32,
    ) -> Result<DateTime<Utc>, CalendarError> {
        self.advance_working_time(start, TimeDelta::hours(i64::from(hours)))
    }

    /// `time` of working time after `start`, as
    /// [`add_business_hours`](Self::add_business_hours) counts it; no time
    /// (or less) is `start` itself.
    ///
    /// # Errors
    ///
    /// As [`add_business_days`](Self::add_business_days).
    pub fn add_working_time(
        &self,
        start: DateTime<Utc>,
        time: TimeDelta,
    ) -> Result<DateTime<Utc>, CalendarError> {
        self.ensure_working_days()?;
        if time <= TimeDelta::zero() {
            return Ok(start);
        }
        self.advance_working_time(start, time)
    }

    /// Counts `time` of working time from `start`, from the next opening when
    /// `start` is outside working hours.
    fn advance_working_time(
        &self,
        start: DateTime<Utc>,
        time: TimeDelta,
    ) -> Result<DateTime<Utc>, CalendarError> {
        self.ensure_working_days()?;
        let mut remaining = time.max(TimeDelta::zero());
        let local = self.zone.to_local(start);
        let mut day = local.date();
        let mut from = local.time().max(self.opens);
        if !self.is_working_day(day) || from >= self.closes {
            day = self.nth_working_day_after(day, 1)?;
            from = self.opens;
        }
        let mut spanned: u64 = 0;
        loop {
            let available = self.closes - from;
            if remaining <= available {
                return self.at_local(day, from + remaining, start);
            }
            remaining -= available;
            let next = self.nth_working_day_after(day, 1)?;
            spanned += u64::try_from((next - day).num_days()).unwrap_or(MAX_SPAN_DAYS);
            if spanned > MAX_SPAN_DAYS {
                return Err(CalendarError::OutOfRange);
            }
            day = next;
            from = self.opens;
        }
    }

    /// The working time between `from` and `to`: the part of that span
    /// inside working hours on working days (zero when `to` is not after `from`).
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] for a span of more than the supported days.
    pub fn working_time_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<TimeDelta, CalendarError> {
        if to <= from {
            return Ok(TimeDelta::zero());
        }
        let (start, end) = (self.zone.to_local(from), self.zone.to_local(to));
        let mut total = TimeDelta::zero();
        let mut day = start.date();
        for _ in 0..=MAX_SPAN_DAYS {
            if self.is_working_day(day) {
                let opens = NaiveDateTime::new(day, self.opens).max(start);
                let closes = NaiveDateTime::new(day, self.closes).min(end);
                if closes > opens {
                    total += closes - opens;
                }
            }
            if day >= end.date() {
                return Ok(total);
            }
            day = day.succ_opt().ok_or(CalendarError::OutOfRange)?;
        }
        Err(CalendarError::OutOfRange)
    }

    fn ensure_working_days(&self) -> Result<(), CalendarError> {
        if self.working_days.contains(&true) || !self.extra_working_days.is_empty() {
            Ok(())
        } else {
            Err(CalendarError::NoWorkingDays)
        }
    }

    /// The `n`-th working day after `date` (not counting `date`), `n` ≥ 1.
    fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.ensure_working_days()?;
        let mut day = date;
        let mut counted = 0;
        // A week holds at least one working weekday, so each counted day is at
        // most 7 days plus the holidays away: the bound below is never hit by a
        // reachable answer, only by an answer out of range.
        for _ in 0..MAX_SPAN_DAYS {
            day = day.succ_opt().ok_or(CalendarError::OutOfRange)?;
            if self.is_working_day(day) {
                counted += 1;
                if counted == n {
                    return Ok(day);
                }
            }
        }
        Err(CalendarError::OutOfRange)
    }

    /// The instant of a wall time counted on from `start`: of a repeated
    /// wall time, the first occurrence not before `start`.
    fn at_local(
        &self,
        date: NaiveDate,
        time: NaiveTime,
        start: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, CalendarError> {
        self.zone
            .resolve_not_before(NaiveDateTime::new(date, time), start)
            .ok_or(CalendarError::OutOfRange)
    }
}

/// The stored form: `{"zone": "Europe/London", "working_days": ["Mon", …],
/// "opens": "09:00:00", "closes": "17:00:00", "holidays": ["2026-12-25"]}`.
#[derive(Serialize, Deserialize)]
struct StoredCalendar {
    zone: Zone,
    working_days: Vec<Weekday>,
    opens: NaiveTime,
    closes: NaiveTime,
    holidays: BTreeSet<NaiveDate>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    extra_working_days: BTreeSet<NaiveDate>,
}

impl From<BusinessCalendar> for StoredCalendar {
    fn from(calendar: BusinessCalendar) -> Self {
        Self {
            zone: calendar.zone,
            working_days: calendar.working_days().collect(),
            opens: calendar.opens,
            closes: calendar.closes,
            holidays: calendar.holidays,
            extra_working_days: calendar.extra_working_days,
        }
    }
}

impl TryFrom<StoredCalendar> for BusinessCalendar {
    type Error = CalendarError;

    fn try_from(stored: StoredCalendar) -> Result<Self, Self::Error> {
        BusinessCalendar::new(stored.zone)
            .with_working_days(stored.working_days)
            .with_hours(stored.opens, stored.closes)
            .map(|calendar| {
                let mut calendar = calendar.with_holidays(stored.holidays);
                calendar.extra_working_days = stored.extra_working_days;
                calendar
            })
    }
}
