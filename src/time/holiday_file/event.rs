//! One all-day `VEVENT` of a holiday file: its days and whether they are
//! days off or working days (W7).

use chrono::NaiveDate;

use super::lines::{ContentProperty, list_items};
use super::{CalendarFileError, MAX_EVENT_DAYS};

/// What an event makes of its days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DayKind {
    /// Days off (a public holiday, 休).
    Off,
    /// Extra working days (an adjusted working weekend, 调休 班).
    Working,
}

/// The properties of one `VEVENT` (not those of a component inside it), as
/// they are read.
#[derive(Debug)]
pub(super) struct EventLines {
    begin_line: usize,
    properties: Vec<(usize, ContentProperty)>,
}

/// A read event: its `BEGIN:VEVENT` line, what it makes of its days, and
/// its days, first to last.
#[derive(Debug)]
pub(super) struct EventDays {
    pub(super) begin_line: usize,
    pub(super) kind: DayKind,
    pub(super) first: NaiveDate,
    pub(super) days: u64,
}

impl EventLines {
    /// An event that begins on `begin_line`.
    pub(super) fn new(begin_line: usize) -> Self {
        Self {
            begin_line,
            properties: Vec::new(),
        }
    }

    /// One more property of the event, read on `line`.
    pub(super) fn push(&mut self, line: usize, property: ContentProperty) {
        self.properties.push((line, property));
    }

    /// W7: the event's days: from `DTSTART` to the day before `DTEND`, or
    /// `DTSTART` alone; days off or working days by the markers.
    ///
    /// # Errors
    ///
    /// A [`CalendarFileError`] naming the line of the property at fault, or
    /// of `BEGIN:VEVENT` for what is missing.
    pub(super) fn read(self) -> Result<EventDays, CalendarFileError> {
        let mut start = None;
        let mut end = None;
        let mut summary = None;
        let mut markers: Vec<(usize, DayKind)> = Vec::new();
        for (line, property) in &self.properties {
            let line = *line;
            match property.name.as_str() {
                "DTSTART" => set_once(&mut start, line, "DTSTART", property)?,
                "DTEND" => set_once(&mut end, line, "DTEND", property)?,
                "SUMMARY" => set_once(&mut summary, line, "SUMMARY", property)?,
                "CATEGORIES" => markers.extend(
                    list_items(&property.value)
                        .iter()
                        .filter_map(|item| category_marker(item))
                        .map(|kind| (line, kind)),
                ),
                "RRULE" => return Err(unsupported(line, "RRULE")),
                "RDATE" => return Err(unsupported(line, "RDATE")),
                "EXDATE" => return Err(unsupported(line, "EXDATE")),
                "DURATION" => return Err(unsupported(line, "DURATION")),
                _ => {}
            }
        }
        if let Some((line, property)) = summary {
            markers.extend(summary_marker(&property.value).map(|kind| (line, kind)));
        }
        let kind = kind_of(&markers, self.begin_line)?;
        let (start_line, start) = start.ok_or(CalendarFileError::MissingDate {
            line: self.begin_line,
        })?;
        let first = date(start_line, start)?;
        let days = match end {
            None => 1,
            Some((end_line, end)) => {
                let end = date(end_line, end)?;
                let days = (end - first).num_days();
                if days <= 0 {
                    return Err(CalendarFileError::EndNotAfterStart {
                        line: end_line,
                        start: first,
                        end,
                    });
                }
                u64::try_from(days)
                    .ok()
                    .filter(|days| *days <= MAX_EVENT_DAYS)
                    .ok_or(CalendarFileError::SpanTooLong {
                        line: end_line,
                        days,
                    })?
            }
        };
        Ok(EventDays {
            begin_line: self.begin_line,
            kind,
            first,
            days,
        })
    }
}

impl EventDays {
    /// The days, first to last.
    pub(super) fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.first.iter_days().take(
            // At most `MAX_EVENT_DAYS`, checked when read.
            usize::try_from(self.days).unwrap_or(0),
        )
    }
}

/// Keeps the first `name` of an event, refuses a second.
fn set_once<'a>(
    slot: &mut Option<(usize, &'a ContentProperty)>,
    line: usize,
    name: &'static str,
    property: &'a ContentProperty,
) -> Result<(), CalendarFileError> {
    if slot.is_some() {
        return Err(CalendarFileError::Repeated {
            line,
            property: name,
        });
    }
    *slot = Some((line, property));
    Ok(())
}

fn unsupported(line: usize, property: &'static str) -> CalendarFileError {
    CalendarFileError::Unsupported { line, property }
}

/// The one kind the markers agree on.
fn kind_of(markers: &[(usize, DayKind)], begin_line: usize) -> Result<DayKind, CalendarFileError> {
    let Some((_, kind)) = markers.first() else {
        return Err(CalendarFileError::NoMarker { line: begin_line });
    };
    match markers.iter().find(|(_, other)| other != kind) {
        Some((line, _)) => Err(CalendarFileError::BothOffAndWorking { line: *line }),
        None => Ok(*kind),
    }
}

/// `HOLIDAY` and `WORKDAY`, in any case; other categories mark nothing.
fn category_marker(category: &str) -> Option<DayKind> {
    if category.eq_ignore_ascii_case("HOLIDAY") {
        Some(DayKind::Off)
    } else if category.eq_ignore_ascii_case("WORKDAY") {
        Some(DayKind::Working)
    } else {
        None
    }
}

/// The last word of a summary, after a space: `休` is a day off, `班` a
/// working day ("春节 休", "春节 班"); a summary of one word marks nothing.
fn summary_marker(summary: &str) -> Option<DayKind> {
    let mut words = summary.split_whitespace();
    let last = words.next_back()?;
    words.next_back()?;
    match last {
        "休" => Some(DayKind::Off),
        "班" => Some(DayKind::Working),
        _ => None,
    }
}

/// The date of a `DTSTART` or `DTEND` read on `line`: `VALUE=DATE` or no
/// `VALUE`, and eight digits `YYYYMMDD`.
fn date(line: usize, property: &ContentProperty) -> Result<NaiveDate, CalendarFileError> {
    let value = property.value.trim();
    let timed = property
        .parameter("VALUE")
        .is_some_and(|value| !value.eq_ignore_ascii_case("DATE"))
        || value.contains(['T', 't']);
    if timed {
        return Err(CalendarFileError::NotAllDay { line });
    }
    let invalid = || CalendarFileError::InvalidDate {
        line,
        value: value.to_owned(),
    };
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    let number = |range: std::ops::Range<usize>| value.get(range).and_then(|s| s.parse().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(4..6), number(6..8)) else {
        return Err(invalid());
    };
    let year = i32::try_from(year).map_err(|_| invalid())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// W7: the summary's marker is its last word after a space.
    #[test]
    fn w7_a_summary_marks_by_its_last_word() {
        assert_eq!(summary_marker("春节 休"), Some(DayKind::Off));
        assert_eq!(summary_marker("春节  班 "), Some(DayKind::Working));
        assert_eq!(summary_marker("春节休"), None);
        assert_eq!(summary_marker("休"), None);
        assert_eq!(summary_marker("春节 调休"), None);
        assert_eq!(summary_marker(""), None);
    }

    /// W7: the categories that mark, in any case.
    #[test]
    fn w7_categories_mark_holiday_and_workday() {
        assert_eq!(category_marker("holiday"), Some(DayKind::Off));
        assert_eq!(category_marker("WorkDay"), Some(DayKind::Working));
        assert_eq!(category_marker("HOLIDAYS"), None);
    }
}
