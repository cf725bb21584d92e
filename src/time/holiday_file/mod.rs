//! [`HolidayFile`]: the days off and extra working days of an RFC 5545
//! iCalendar text, for a [`BusinessCalendar`] (W7). Behind the `icalendar`
//! feature, on by default.
//!
//! The crate does no I/O: the caller reads the file and hands over its text.
//!
//! What a file must say, and how it is refused, is [`HolidayFile`]'s
//! documentation. The grammar of one content line (its name, its parameters
//! with quoted values, the unescaping of TEXT values) is the icalendar
//! crate's parser; unfolding is done here, since that crate numbers the
//! lines of the unfolded text and its parsed properties carry no line at all.

mod error;
mod event;
mod lines;

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use chrono::NaiveDate;

pub use self::error::CalendarFileError;
use self::event::{DayKind, EventLines};
use self::lines::{Content, content_lines};
use crate::time::BusinessCalendar;

/// The most days one event of a holiday file may span: a year, leap day
/// included. Bounds what a text can make the reader hold.
pub(super) const MAX_EVENT_DAYS: u64 = 366;

/// The days off and extra working days an iCalendar text lists (W7); add
/// them to a calendar with [`BusinessCalendar::with_holiday_file`].
///
/// # What a holiday file holds
///
/// One `VCALENDAR`; of its components only the `VEVENT`s directly inside it
/// are read (a `VTIMEZONE`, a `VALARM` inside an event and the calendar's own
/// properties are checked for form and otherwise skipped). Each event is one
/// day or a span of whole days:
///
/// - `DTSTART;VALUE=DATE:YYYYMMDD` is its first day (`VALUE=DATE` may be left
///   out; a `DTSTART` with a time, or any other `VALUE`, is refused:
///   holidays are whole days);
/// - `DTEND;VALUE=DATE:YYYYMMDD`, if given, is the day **after** its last
///   (exclusive, as RFC 5545 §3.6.1 says): `DTSTART:20260215` with
///   `DTEND:20260224` is 15 to 23 February, nine days. Without `DTEND` the
///   event is its first day alone. A span ends after it starts and is at most
///   366 days;
/// - the event says what its days are, by a marker:
///   - `CATEGORIES` holding `HOLIDAY`: days off; holding `WORKDAY`: extra
///     working days (a weekend worked in exchange for a holiday, 调休);
///     in any case, among other categories, which mark nothing;
///   - or `SUMMARY`'s last word, after a space: `休` (days off) or `班`
///     (working days), as mainland China's published feeds write them:
///     `SUMMARY:春节 休`, `SUMMARY:春节 班`.
///
///   Both may be given, and must agree. An event with no marker, or with
///   markers that disagree, is refused: which days are worked is what a
///   deadline counts on, so the file says it or is not read.
/// - `RRULE`, `RDATE`, `EXDATE` and `DURATION` are refused rather than
///   expanded or ignored: each holiday is its own event with its own dates.
///
/// A date may be in several events of the same kind; a date that one event
/// makes a day off and another a working day is refused. Other properties
/// (`UID`, `DTSTAMP`, `DESCRIPTION`, `X-…`) are read for form only.
///
/// ```text
/// BEGIN:VCALENDAR
/// VERSION:2.0
/// PRODID:-//Example//Holidays 2026//ZH
/// BEGIN:VEVENT
/// UID:cn-2026-spring-festival@example.org
/// DTSTART;VALUE=DATE:20260215
/// DTEND;VALUE=DATE:20260224
/// SUMMARY:春节 休
/// CATEGORIES:HOLIDAY
/// END:VEVENT
/// BEGIN:VEVENT
/// UID:cn-2026-spring-festival-workday-1@example.org
/// DTSTART;VALUE=DATE:20260214
/// SUMMARY:春节 班
/// CATEGORIES:WORKDAY
/// END:VEVENT
/// END:VCALENDAR
/// ```
///
/// # Lines and errors
///
/// Lines end with `\r\n` (as RFC 5545 says) or `\n`; a line that begins
/// with a space or a tab continues the one before it (folding, §3.1); blank
/// lines are skipped. A refused text is a [`CalendarFileError`] that names
/// the 1-based line of the text, the line a folded content line begins on.
/// No input panics.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use complaint_workflow::time::HolidayFile;
///
/// let text = "BEGIN:VCALENDAR\r\n\
///             BEGIN:VEVENT\r\n\
///             DTSTART;VALUE=DATE:20260101\r\n\
///             DTEND;VALUE=DATE:20260104\r\n\
///             SUMMARY:元旦 休\r\n\
///             END:VEVENT\r\n\
///             BEGIN:VEVENT\r\n\
///             DTSTART;VALUE=DATE:20260104\r\n\
///             CATEGORIES:WORKDAY\r\n\
///             END:VEVENT\r\n\
///             END:VCALENDAR\r\n";
/// let file: HolidayFile = text.parse()?;
/// let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
/// assert_eq!(file.days_off().collect::<Vec<_>>(), [day(1), day(2), day(3)]);
/// assert_eq!(file.working_days().collect::<Vec<_>>(), [day(4)]);
///
/// // A bad file names its line.
/// let bad = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026-01-01\nCATEGORIES:HOLIDAY\n\
///            END:VEVENT\nEND:VCALENDAR\n";
/// let error = bad.parse::<HolidayFile>().unwrap_err();
/// assert_eq!(error.line(), 3);
/// assert_eq!(error.to_string(), "line 3: \"2026-01-01\" is not a date (YYYYMMDD)");
/// # Ok::<(), complaint_workflow::time::CalendarFileError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct HolidayFile {
    days_off: BTreeSet<NaiveDate>,
    working_days: BTreeSet<NaiveDate>,
}

impl HolidayFile {
    /// W7: reads the days off and extra working days of an iCalendar text.
    ///
    /// # Errors
    ///
    /// A [`CalendarFileError`] naming the first line at fault.
    pub fn parse(text: &str) -> Result<Self, CalendarFileError> {
        let lines = content_lines(text)?;
        let mut lines = lines.iter();
        let first = lines
            .next()
            .ok_or(CalendarFileError::NotICalendar { line: 1 })?;
        if !matches!(first.content(), Ok(Content::Begin(name)) if name == "VCALENDAR") {
            return Err(CalendarFileError::NotICalendar { line: first.line });
        }
        // The components open, innermost last, each with its BEGIN line.
        let mut open: Vec<(String, usize)> = vec![("VCALENDAR".to_owned(), first.line)];
        let mut event: Option<EventLines> = None;
        let mut days: BTreeMap<NaiveDate, (DayKind, usize)> = BTreeMap::new();
        for line in lines {
            if open.is_empty() {
                return Err(CalendarFileError::OutsideCalendar { line: line.line });
            }
            match line.content()? {
                Content::Begin(name) => {
                    if name == "VEVENT" && open.len() == 1 {
                        event = Some(EventLines::new(line.line));
                    }
                    open.push((name, line.line));
                }
                Content::End(name) => {
                    let (expected, _) = open.pop().unwrap_or_default();
                    if expected != name {
                        return Err(CalendarFileError::MismatchedEnd {
                            line: line.line,
                            expected,
                            found: name,
                        });
                    }
                    if open.len() == 1 {
                        if let Some(finished) = event.take() {
                            add_event(&mut days, finished)?;
                        }
                    }
                }
                Content::Property(property) => {
                    if open.len() == 2 {
                        if let Some(event) = event.as_mut() {
                            event.push(line.line, property);
                        }
                    }
                }
            }
        }
        if let Some((component, line)) = open.pop() {
            return Err(CalendarFileError::Unclosed { line, component });
        }
        let mut file = HolidayFile::default();
        for (date, (kind, _)) in days {
            match kind {
                DayKind::Off => file.days_off.insert(date),
                DayKind::Working => file.working_days.insert(date),
            };
        }
        Ok(file)
    }

    /// The days off, earliest first.
    pub fn days_off(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.days_off.iter().copied()
    }

    /// The extra working days, earliest first.
    pub fn working_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.working_days.iter().copied()
    }

    /// Whether the file lists no day at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.days_off.is_empty() && self.working_days.is_empty()
    }
}

impl FromStr for HolidayFile {
    type Err = CalendarFileError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// Adds an event's days, refusing a date another event gave the other kind.
fn add_event(
    days: &mut BTreeMap<NaiveDate, (DayKind, usize)>,
    event: EventLines,
) -> Result<(), CalendarFileError> {
    let event = event.read()?;
    for date in event.dates() {
        let (kind, line) = *days.entry(date).or_insert((event.kind, event.begin_line));
        if kind != event.kind {
            return Err(CalendarFileError::Conflict {
                line: event.begin_line,
                date,
                other_line: line,
            });
        }
    }
    Ok(())
}

impl BusinessCalendar {
    /// W7: the same calendar with the days off of `file` as holidays and its
    /// extra working days as working dates
    /// ([`with_holidays`](Self::with_holidays),
    /// [`with_working_date`](Self::with_working_date)). As everywhere in the
    /// calendar, a date that is both a holiday and a working date is worked.
    #[must_use]
    pub fn with_holiday_file(self, file: &HolidayFile) -> Self {
        file.working_days()
            .fold(self.with_holidays(file.days_off()), Self::with_working_date)
    }

    /// W7: the same calendar with the days of an iCalendar text, read as
    /// [`HolidayFile::parse`] reads it.
    ///
    /// # Errors
    ///
    /// A [`CalendarFileError`] naming the first line at fault.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use complaint_workflow::time::{BusinessCalendar, Zone};
    ///
    /// let text = "BEGIN:VCALENDAR\n\
    ///             BEGIN:VEVENT\n\
    ///             DTSTART;VALUE=DATE:20260215\n\
    ///             DTEND;VALUE=DATE:20260224\n\
    ///             SUMMARY:春节 休\n\
    ///             END:VEVENT\n\
    ///             BEGIN:VEVENT\n\
    ///             DTSTART;VALUE=DATE:20260214\n\
    ///             SUMMARY:春节 班\n\
    ///             END:VEVENT\n\
    ///             END:VCALENDAR\n";
    /// let calendar = BusinessCalendar::new(Zone::Utc).with_icalendar(text)?;
    /// // Friday 13 February 2026: the next business day is Saturday the
    /// // 14th, worked in exchange for the Spring Festival; the one after is
    /// // Tuesday the 24th.
    /// let friday = Utc.with_ymd_and_hms(2026, 2, 13, 10, 0, 0).unwrap();
    /// assert_eq!(
    ///     calendar.add_business_days(friday, 1)?,
    ///     Utc.with_ymd_and_hms(2026, 2, 14, 10, 0, 0).unwrap()
    /// );
    /// assert_eq!(
    ///     calendar.add_business_days(friday, 2)?,
    ///     Utc.with_ymd_and_hms(2026, 2, 24, 10, 0, 0).unwrap()
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_icalendar(self, text: &str) -> Result<Self, CalendarFileError> {
        HolidayFile::parse(text).map(|file| self.with_holiday_file(&file))
    }
}
