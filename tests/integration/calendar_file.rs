//! W7: holidays and extra working days read from iCalendar files: the
//! published 2026 mainland China list (`examples/calendars/cn-2026.ics`),
//! business-day arithmetic across the Spring Festival, every way a file is
//! refused with its line, and no panic on any text.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc, Weekday};
use complaint_workflow::time::{BusinessCalendar, CalendarFileError, HolidayFile, TimeLimit, Zone};
use complaint_workflow::{
    Category, Channel, Complainant, ComplaintRecord, Context, Policy, Severity,
    deadline::DeadlineKind, event::Accept,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use super::support::agent;

/// The 2026 holidays of mainland China as the State Council published them
/// on 2025-11-04, in the file the `holidays` example reads.
const CN_2026: &str = include_str!("../../examples/calendars/cn-2026.ics");

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

/// `first..=last` of 2026.
fn days(month: u32, first: u32, last: u32) -> Vec<NaiveDate> {
    (first..=last).map(|day| date(month, day)).collect()
}

/// An instant given on the wall clock of Shanghai (UTC+8, no DST).
fn shanghai(month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, minute, 0)
        .unwrap()
        - chrono::Duration::hours(8)
}

fn cn_2026() -> HolidayFile {
    CN_2026.parse().unwrap()
}

/// W7: every day off and every adjusted working day of the 2026 notice,
/// and no other day, are read from the file.
#[test]
fn w7_the_2026_mainland_china_file_lists_every_published_day() {
    let file = cn_2026();
    let days_off: BTreeSet<NaiveDate> = [
        days(1, 1, 3),   // 元旦
        days(2, 15, 23), // 春节
        days(4, 4, 6),   // 清明节
        days(5, 1, 5),   // 劳动节
        days(6, 19, 21), // 端午节
        days(9, 25, 27), // 中秋节
        days(10, 1, 7),  // 国庆节
    ]
    .concat()
    .into_iter()
    .collect();
    assert_eq!(days_off.len(), 33);
    assert_eq!(file.days_off().collect::<BTreeSet<_>>(), days_off);

    let working = [
        (date(1, 4), Weekday::Sun),
        (date(2, 14), Weekday::Sat),
        (date(2, 28), Weekday::Sat),
        (date(5, 9), Weekday::Sat),
        (date(9, 20), Weekday::Sun),
        (date(10, 10), Weekday::Sat),
    ];
    assert_eq!(
        file.working_days().collect::<Vec<_>>(),
        working.map(|(day, _)| day)
    );
    for (day, weekday) in working {
        assert_eq!(day.weekday(), weekday, "{day} is a weekend day worked");
    }
}

/// W7: on the PRC preset's calendar with the file, each day off is not a
/// working day, each adjusted weekend day is, and other days keep their
/// weekday's rule.
#[test]
fn w7_the_file_turns_the_preset_calendar_into_the_2026_working_year() {
    let calendar = Policy::prc_samr()
        .calendar()
        .clone()
        .with_holiday_file(&cn_2026());
    for day in cn_2026().days_off() {
        assert!(!calendar.is_working_day(day), "{day} is a day off");
    }
    for day in cn_2026().working_days() {
        assert!(calendar.is_working_day(day), "{day} is worked");
    }
    assert!(calendar.is_working_day(date(2, 13)), "an ordinary Friday");
    assert!(!calendar.is_working_day(date(3, 1)), "an ordinary Sunday");
    let worked = date(1, 1)
        .iter_days()
        .take_while(|day| day.year() == 2026)
        .filter(|day| calendar.is_working_day(*day))
        .count();
    // 261 weekdays in 2026, less the 19 days off on weekdays, plus the 6
    // weekend days worked.
    assert_eq!(worked, 261 - 19 + 6);
}

/// A complaint by e-mail received and accepted at `received_at` under `policy`.
fn received(policy: &Policy, received_at: DateTime<Utc>) -> ComplaintRecord {
    let accept = Accept {
        complainant: Complainant::new("customer-42"),
        received_at,
        channel: Channel::Email,
        content: "The refund never arrived".into(),
        category: Category::new("payments"),
        severity: Severity::Medium,
    };
    ComplaintRecord::accept(accept, &Context::new(agent(), received_at, policy)).unwrap()
}

fn due(record: &ComplaintRecord, kind: DeadlineKind) -> DateTime<Utc> {
    record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == kind)
        .map(complaint_workflow::deadline::Deadline::due)
        .unwrap_or_else(|| panic!("no {kind} deadline"))
}

/// W7: a complaint received on Friday 2026-02-13 at 17:30 in Shanghai with
/// a first response of 1 business day is due on Saturday the 14th, worked
/// in exchange for the Spring Festival; 2 business days reach Tuesday the
/// 24th, after the nine days off; SAMR's 7 working days count the working
/// Saturday the 28th and end on Monday 2 March. Without the file the same
/// complaint is due on Monday the 16th and judged by Tuesday the 24th.
#[test]
fn w7_business_days_across_the_spring_festival_count_the_working_saturdays() {
    let samr = Policy::prc_samr();
    let with_file = |first_response_days: u32| {
        samr.to_builder()
            .calendar(samr.calendar().clone().with_icalendar(CN_2026).unwrap())
            .first_response(Channel::Email, TimeLimit::BusinessDays(first_response_days))
            .build()
            .unwrap()
    };
    let friday = shanghai(2, 13, 17, 30);

    let record = received(&with_file(1), friday);
    assert_eq!(
        due(&record, DeadlineKind::FirstResponse),
        shanghai(2, 14, 17, 30)
    );
    assert_eq!(due(&record, DeadlineKind::Judgment), shanghai(3, 2, 17, 30));
    let record = received(&with_file(2), friday);
    assert_eq!(
        due(&record, DeadlineKind::FirstResponse),
        shanghai(2, 24, 17, 30)
    );

    let without_file = samr
        .to_builder()
        .first_response(Channel::Email, TimeLimit::BusinessDays(1))
        .build()
        .unwrap();
    let record = received(&without_file, friday);
    assert_eq!(
        due(&record, DeadlineKind::FirstResponse),
        shanghai(2, 16, 17, 30)
    );
    assert_eq!(
        due(&record, DeadlineKind::Judgment),
        shanghai(2, 24, 17, 30)
    );
}

/// W7: working hours flow from the Friday before the festival into the
/// working Saturday, and from the working Sunday after New Year's Day.
#[test]
fn w7_business_hours_run_into_the_adjusted_working_days() {
    let calendar =
        BusinessCalendar::new(Zone::fixed(8 * 3600).unwrap()).with_holiday_file(&cn_2026());
    // One hour left on Friday at 16:00, three more on Saturday from 09:00.
    assert_eq!(
        calendar.add_business_hours(shanghai(2, 13, 16, 0), 4),
        Ok(shanghai(2, 14, 12, 0))
    );
    // Wednesday 31 December 2025 at 17:00: the next opening is Sunday 4 January.
    let eve = shanghai(1, 1, 17, 0) - chrono::Duration::days(1);
    assert_eq!(
        calendar.add_business_hours(eve, 2),
        Ok(shanghai(1, 4, 11, 0))
    );
}

/// A calendar text from its content lines, `\r\n` between them.
fn text(lines: &[&str]) -> String {
    lines.join("\r\n") + "\r\n"
}

/// A calendar text with one event of `lines` (the event's BEGIN on line 2).
fn one_event(lines: &[&str]) -> String {
    let mut all = vec!["BEGIN:VCALENDAR", "BEGIN:VEVENT"];
    all.extend_from_slice(lines);
    all.extend(["END:VEVENT", "END:VCALENDAR"]);
    text(&all)
}

fn parse(text: &str) -> Result<HolidayFile, CalendarFileError> {
    text.parse()
}

/// W7: a day off needs only a marker: CATEGORIES, in any case and among
/// others, or the last word of SUMMARY; without DTEND an event is one day;
/// `VALUE=DATE` may be left out; other components and properties are
/// skipped; `\n` ends a line as `\r\n` does.
#[test]
fn w7_markers_dates_and_the_parts_that_are_skipped() {
    let file = parse(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTIMEZONE\nTZID:Asia/Shanghai\nEND:VTIMEZONE\n\
         BEGIN:VEVENT\nDTSTART:20261225\nCATEGORIES:Public,holiday\nBEGIN:VALARM\n\
         TRIGGER:-PT15M\nEND:VALARM\nEND:VEVENT\n\
         BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261226\nSUMMARY:补 班\nEND:VEVENT\n\
         BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261227\nSUMMARY:节日 休\nCATEGORIES:HOLIDAY\nEND:VEVENT\n\
         END:VCALENDAR",
    )
    .unwrap();
    assert_eq!(
        file.days_off().collect::<Vec<_>>(),
        [date(12, 25), date(12, 27)]
    );
    assert_eq!(file.working_days().collect::<Vec<_>>(), [date(12, 26)]);

    let empty = parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n").unwrap();
    assert!(empty.is_empty());
    // A day in two events of the same kind is one day off.
    let twice = parse(&text(&[
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "DTSTART:20260101",
        "DTEND:20260103",
        "CATEGORIES:HOLIDAY",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20260102",
        "CATEGORIES:HOLIDAY",
        "END:VEVENT",
        "END:VCALENDAR",
    ]))
    .unwrap();
    assert_eq!(twice.days_off().collect::<Vec<_>>(), days(1, 1, 2));
}

/// W7: each way a file is refused, with the line it names.
#[test]
fn w7_a_bad_file_is_a_typed_error_naming_the_line() {
    let off = "CATEGORIES:HOLIDAY";
    let cases: Vec<(String, CalendarFileError)> = vec![
        (String::new(), CalendarFileError::NotICalendar { line: 1 }),
        (
            "\r\nBEGIN:VCARD\r\nEND:VCARD\r\n".to_owned(),
            CalendarFileError::NotICalendar { line: 2 },
        ),
        (
            one_event(&["DTSTART:20260101", off, "A LINE WITHOUT A COLON"]),
            CalendarFileError::MalformedLine { line: 5 },
        ),
        (
            text(&["BEGIN:VCALENDAR", " folded onto nothing?", "END:VCALENDAR"]),
            CalendarFileError::NotICalendar { line: 1 },
        ),
        (
            " BEGIN:VCALENDAR\r\n".to_owned(),
            CalendarFileError::MalformedLine { line: 1 },
        ),
        (
            text(&[
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "DTSTART:20260101",
                off,
                "END:VTODO",
            ]),
            CalendarFileError::MismatchedEnd {
                line: 5,
                expected: "VEVENT".to_owned(),
                found: "VTODO".to_owned(),
            },
        ),
        (
            text(&["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20260101", off]),
            CalendarFileError::Unclosed {
                line: 2,
                component: "VEVENT".to_owned(),
            },
        ),
        (
            text(&["BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VCALENDAR"]),
            CalendarFileError::OutsideCalendar { line: 3 },
        ),
        (
            one_event(&["SUMMARY:春节 休"]),
            CalendarFileError::MissingDate { line: 2 },
        ),
        (
            one_event(&[off, "DTSTART;VALUE=DATE:2026-01-01"]),
            CalendarFileError::InvalidDate {
                line: 4,
                value: "2026-01-01".to_owned(),
            },
        ),
        (
            one_event(&[
                off,
                "DTSTART;VALUE=DATE:20260101",
                "DTEND;VALUE=DATE:20260230",
            ]),
            CalendarFileError::InvalidDate {
                line: 5,
                value: "20260230".to_owned(),
            },
        ),
        (
            one_event(&[off, "DTSTART:20260101T090000Z"]),
            CalendarFileError::NotAllDay { line: 4 },
        ),
        (
            one_event(&[off, "DTSTART;VALUE=DATE-TIME:20260101"]),
            CalendarFileError::NotAllDay { line: 4 },
        ),
        (
            one_event(&["DTSTART:20260105", "DTEND:20260101", off]),
            CalendarFileError::EndNotAfterStart {
                line: 4,
                start: date(1, 5),
                end: date(1, 1),
            },
        ),
        (
            one_event(&["DTSTART:20260105", "DTEND:20260105", off]),
            CalendarFileError::EndNotAfterStart {
                line: 4,
                start: date(1, 5),
                end: date(1, 5),
            },
        ),
        (
            one_event(&["DTSTART:20260101", "DTEND:20280101", off]),
            CalendarFileError::SpanTooLong { line: 4, days: 730 },
        ),
        (
            one_event(&["DTSTART:20260101", "CATEGORIES:HOLIDAY,WORKDAY"]),
            CalendarFileError::BothOffAndWorking { line: 4 },
        ),
        (
            one_event(&["DTSTART:20260101", "SUMMARY:元旦 班", off]),
            CalendarFileError::BothOffAndWorking { line: 4 },
        ),
        (
            one_event(&["DTSTART:20260101", "SUMMARY:元旦", "CATEGORIES:PUBLIC"]),
            CalendarFileError::NoMarker { line: 2 },
        ),
        (
            text(&[
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "DTSTART:20260101",
                "DTEND:20260104",
                off,
                "END:VEVENT",
                "BEGIN:VEVENT",
                "DTSTART:20260103",
                "CATEGORIES:WORKDAY",
                "END:VEVENT",
                "END:VCALENDAR",
            ]),
            CalendarFileError::Conflict {
                line: 7,
                date: date(1, 3),
                other_line: 2,
            },
        ),
        (
            one_event(&["DTSTART:20260101", off, "DTSTART:20260102"]),
            CalendarFileError::Repeated {
                line: 5,
                property: "DTSTART",
            },
        ),
        (
            one_event(&["DTSTART:20260101", off, "RRULE:FREQ=YEARLY"]),
            CalendarFileError::Unsupported {
                line: 5,
                property: "RRULE",
            },
        ),
        (
            one_event(&["DTSTART:20260101", "DURATION:P3D", off]),
            CalendarFileError::Unsupported {
                line: 4,
                property: "DURATION",
            },
        ),
    ];
    for (text, error) in cases {
        assert_eq!(parse(&text), Err(error.clone()), "{text}");
        assert!(error.line() >= 1);
        assert!(
            error.line() <= text.lines().count().max(1),
            "{error} lies within {text:?}"
        );
    }
}

/// W7: a line folded over several lines is named by the line it begins on,
/// in the shipped file as anywhere.
#[test]
fn w7_errors_in_the_shipped_file_name_its_lines() {
    let damaged = CN_2026.replacen("DTEND;VALUE=DATE:20260224", "DTEND;VALUE=DATE:20260214", 1);
    let line = 1 + CN_2026
        .lines()
        .position(|line| line == "DTEND;VALUE=DATE:20260224")
        .unwrap();
    assert_eq!(
        parse(&damaged),
        Err(CalendarFileError::EndNotAfterStart {
            line,
            start: date(2, 15),
            end: date(2, 14),
        })
    );

    // The summary of the first working Saturday, folded over two lines and
    // turned into a day off: the event's markers now disagree, and the
    // error names the line the folded summary begins on.
    let summary = 1 + CN_2026
        .lines()
        .position(|line| line == "SUMMARY:春节 班")
        .unwrap();
    let folded = CN_2026.replacen("SUMMARY:春节 班\r\n", "SUMMARY:春节\r\n  休\r\n", 1);
    assert_eq!(
        parse(&folded),
        Err(CalendarFileError::BothOffAndWorking { line: summary })
    );
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/calendar_file.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// A change to a text, by line: replace, insert, remove, or cut it short.
#[derive(Clone, Debug)]
enum Mutation {
    Replace(usize, String),
    Insert(usize, String),
    Remove(usize),
    Truncate(usize),
}

/// Lines that look like iCalendar: names, parameters, dates, markers.
fn calendarish_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "(BEGIN|END):(VCALENDAR|VEVENT|VALARM|VTODO|)",
        "(DTSTART|DTEND)(;VALUE=(DATE|DATE-TIME|X))?(;TZID=\"[A-Za-z/:]{0,8}\")?:[0-9T Z-]{0,16}",
        "(SUMMARY|CATEGORIES):[A-Za-z,\\\\ 休班春节]{0,16}",
        "(RRULE|RDATE|EXDATE|DURATION|X-[A-Z]{1,4}):.{0,8}",
        "[ \t]?[A-Za-z;:=,\"\\\\ \t-]{0,24}",
        ".{0,40}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), calendarish_line()).prop_map(|(at, line)| Mutation::Replace(at, line)),
        (any::<usize>(), calendarish_line()).prop_map(|(at, line)| Mutation::Insert(at, line)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// `text` with `mutations` applied, line by line; joined with `\r\n`.
fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for mutation in mutations {
        let len = lines.len();
        match mutation.clone() {
            Mutation::Replace(at, line) if len > 0 => lines[at % len] = line,
            Mutation::Insert(at, line) => lines.insert(at % (len + 1), line),
            Mutation::Remove(at) if len > 0 => {
                lines.remove(at % len);
            }
            Mutation::Truncate(at) if len > 0 => lines.truncate(at % len),
            _ => {}
        }
    }
    lines.join("\r\n")
}

/// The error's line lies within the text: 1 up to its line count (1 for a
/// text with no line).
fn line_within(text: &str, result: &Result<HolidayFile, CalendarFileError>) -> bool {
    match result {
        Ok(_) => true,
        Err(error) => (1..=text.lines().count().max(1)).contains(&error.line()),
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// W7: any text is read or refused with a line of its own, never a panic.
    #[test]
    fn w7_any_text_is_read_or_refused_with_a_line_within_it(text in "(?s).{0,200}") {
        let result = parse(&text);
        prop_assert!(line_within(&text, &result), "{result:?}");
    }

    /// W7: lines that look like iCalendar, in any order, likewise.
    #[test]
    fn w7_any_calendarish_lines_are_read_or_refused_with_a_line_within_them(
        lines in prop::collection::vec(calendarish_line(), 0..24),
        crlf in any::<bool>(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let result = parse(&text);
        prop_assert!(line_within(&text, &result), "{result:?}");
    }

    /// W7: the shipped file, damaged at random, is read or refused with a
    /// line of the damaged text; a file that is still read lists only
    /// days of the years the damage can reach.
    #[test]
    fn w7_a_damaged_file_is_read_or_refused_with_a_line_within_it(
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let text = mutate(CN_2026, &mutations);
        let result = parse(&text);
        prop_assert!(line_within(&text, &result), "{result:?}");
        if let Ok(file) = result {
            let calendar = BusinessCalendar::default().with_holiday_file(&file);
            prop_assert_eq!(calendar.holidays().count(), file.days_off().count());
        }
    }
}
