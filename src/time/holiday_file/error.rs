//! [`CalendarFileError`]: why an iCalendar text gives no holidays, and on
//! which line (W7).

use chrono::NaiveDate;

use super::MAX_EVENT_DAYS;

/// Why an iCalendar text was refused as a holiday file (W7), with the
/// 1-based line of the text where the trouble is.
///
/// Lines are the text's own lines, counted from 1 at its start, with `\n`
/// ending a line (`\r\n` too): a content line folded over several lines is
/// named by the line it begins on. A text with no content line at all is
/// refused on line 1.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarFileError {
    /// The text does not begin with `BEGIN:VCALENDAR`.
    #[error("line {line}: not an iCalendar text: it must begin with BEGIN:VCALENDAR")]
    NotICalendar {
        /// The first content line (1 for a text without one).
        line: usize,
    },
    /// A line that is not an iCalendar content line
    /// (`NAME;PARAMETER=VALUE:VALUE`), or a folded continuation with no
    /// line before it.
    #[error("line {line}: not an iCalendar content line (NAME;PARAMETER=VALUE:VALUE)")]
    MalformedLine {
        /// The line.
        line: usize,
    },
    /// An `END:` that does not close the component open at that point.
    #[error(
        "line {line}: END:{} does not close BEGIN:{}",
        .found.escape_debug(),
        .expected.escape_debug()
    )]
    MismatchedEnd {
        /// The `END:` line.
        line: usize,
        /// The component open at that point.
        expected: String,
        /// The component the line closes.
        found: String,
    },
    /// A component that the text never closes.
    #[error("line {line}: BEGIN:{} is never closed", .component.escape_debug())]
    Unclosed {
        /// The `BEGIN:` line of the component.
        line: usize,
        /// The component.
        component: String,
    },
    /// A content line after `END:VCALENDAR`.
    #[error("line {line}: content after END:VCALENDAR")]
    OutsideCalendar {
        /// The line.
        line: usize,
    },
    /// An event without `DTSTART`.
    #[error("line {line}: the event has no DTSTART")]
    MissingDate {
        /// The `BEGIN:VEVENT` line.
        line: usize,
    },
    /// A `DTSTART` or `DTEND` value that is not a date `YYYYMMDD`.
    #[error("line {line}: \"{}\" is not a date (YYYYMMDD)", .value.escape_debug())]
    InvalidDate {
        /// The line of the property.
        line: usize,
        /// The value given.
        value: String,
    },
    /// A `DTSTART` or `DTEND` with a time of day, or with a `VALUE` other
    /// than `DATE`: a timed event where a whole day was expected.
    #[error(
        "line {line}: a timed event where a whole day was expected (DTSTART;VALUE=DATE:YYYYMMDD)"
    )]
    NotAllDay {
        /// The line of the property.
        line: usize,
    },
    /// An event whose `DTEND` (exclusive) is not after its `DTSTART`.
    #[error("line {line}: the event ends on {end} (exclusive) but starts on {start}")]
    EndNotAfterStart {
        /// The `DTEND` line.
        line: usize,
        /// The first day.
        start: NaiveDate,
        /// The day after the last.
        end: NaiveDate,
    },
    /// An event longer than a holiday file may make one event.
    #[error(
        "line {line}: the event spans {days} days, more than the {MAX_EVENT_DAYS} one event may span"
    )]
    SpanTooLong {
        /// The `DTEND` line.
        line: usize,
        /// The days the event spans.
        days: i64,
    },
    /// An event marked both as a day off and as a working day.
    #[error("line {line}: the event is marked both as a day off and as a working day")]
    BothOffAndWorking {
        /// The line of the marker that disagrees with the event's first
        /// (its categories are read before its summary).
        line: usize,
    },
    /// An event marked neither as a day off nor as a working day.
    #[error(
        "line {line}: the event is marked neither as a day off nor as a working day \
         (CATEGORIES:HOLIDAY or CATEGORIES:WORKDAY, or a SUMMARY ending in \" 休\" or \" 班\")"
    )]
    NoMarker {
        /// The `BEGIN:VEVENT` line.
        line: usize,
    },
    /// A date that one event gives as a day off and another as a working day.
    #[error(
        "line {line}: {date} is a day off in one event and a working day in the other (line {other_line})"
    )]
    Conflict {
        /// The `BEGIN:VEVENT` line of the later event.
        line: usize,
        /// The date.
        date: NaiveDate,
        /// The `BEGIN:VEVENT` line of the earlier event.
        other_line: usize,
    },
    /// A property an event may hold once, given twice.
    #[error("line {line}: a second {property} in one event")]
    Repeated {
        /// The line of the second one.
        line: usize,
        /// The property.
        property: &'static str,
    },
    /// A property the reader does not expand (`RRULE`, `RDATE`, `EXDATE`,
    /// `DURATION`): the file would mean more dates than it lists.
    #[error("line {line}: {property} is not read: give each event its own DTSTART and DTEND")]
    Unsupported {
        /// The line of the property.
        line: usize,
        /// The property.
        property: &'static str,
    },
}

impl CalendarFileError {
    /// The 1-based line of the text the error names.
    #[must_use]
    pub fn line(&self) -> usize {
        match *self {
            CalendarFileError::NotICalendar { line }
            | CalendarFileError::MalformedLine { line }
            | CalendarFileError::MismatchedEnd { line, .. }
            | CalendarFileError::Unclosed { line, .. }
            | CalendarFileError::OutsideCalendar { line }
            | CalendarFileError::MissingDate { line }
            | CalendarFileError::InvalidDate { line, .. }
            | CalendarFileError::NotAllDay { line }
            | CalendarFileError::EndNotAfterStart { line, .. }
            | CalendarFileError::SpanTooLong { line, .. }
            | CalendarFileError::BothOffAndWorking { line }
            | CalendarFileError::NoMarker { line }
            | CalendarFileError::Conflict { line, .. }
            | CalendarFileError::Repeated { line, .. }
            | CalendarFileError::Unsupported { line, .. } => line,
        }
    }
}
