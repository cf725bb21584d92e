//! What the report pages and the follow-up day are asked for, read from the
//! query string once (S3: a day, an ISO week or a month, at the viewer's
//! local midnights): [`ReportQuery`] and [`parse_date`]. A value that does
//! not read is a [`QueryError`] naming it, which the pages answer with a 400.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use complaint_workflow::report::{Period, PeriodError};
use complaint_workflow::time::Zone;

use super::i18n::Tr;

/// S3 日報、週報、月報: the kinds of period a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    /// The local day of the date.
    Day,
    /// The ISO week (Monday to Sunday) that holds the date.
    Week,
    /// The calendar month that holds the date.
    Month,
}

impl PeriodKind {
    /// Every kind, shortest first.
    pub const ALL: [PeriodKind; 3] = [PeriodKind::Day, PeriodKind::Week, PeriodKind::Month];

    /// The name in the query string: `day`, `week`, `month`.
    pub const fn name(self) -> &'static str {
        match self {
            PeriodKind::Day => "day",
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
        }
    }

    /// The message id of its name: `report-period-week`.
    pub fn message_id(self) -> String {
        format!("report-period-{}", self.name())
    }

    /// The kind named `name`.
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// S3: the period of this kind that holds `date`, from local midnight
    /// to local midnight in `zone`.
    ///
    /// # Errors
    ///
    /// At the edges of chrono's dates.
    pub fn period(self, date: NaiveDate, zone: Zone) -> Result<Period, PeriodError> {
        use chrono::Datelike as _;
        match self {
            PeriodKind::Day => Period::day(date, zone),
            PeriodKind::Week => Period::week(date, zone),
            PeriodKind::Month => Period::month(date.year(), date.month(), zone),
        }
    }
}

/// A query value that does not read: the message that says so and the
/// value as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// The message id: `report-bad-period`, `report-bad-date`, `report-bad-as-of`.
    pub message: &'static str,
    /// The value sent.
    pub value: String,
}

impl QueryError {
    /// The error in the viewer's words.
    pub fn words(&self, tr: Tr) -> String {
        tr.t1(self.message, "value", &self.value)
    }
}

/// A report's query: `period=day|week|month`, `date=YYYY-MM-DD` (a day in
/// the period, in the viewer's zone) and, for S4, `as_of` (RFC 3339: the
/// time the open deadlines are judged at; now when absent). A missing
/// `period` is a month, a missing `date` today; other names are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportQuery {
    /// The kind of period.
    pub kind: PeriodKind,
    /// A date in the period.
    pub date: NaiveDate,
    /// When the open deadlines are judged (S4); `None`: now.
    pub as_of: Option<DateTime<Utc>>,
}

impl ReportQuery {
    /// The query of `pairs` (the query string's names and values), with
    /// `today` (in the viewer's zone) for a missing date.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] for the first value that does not read.
    pub fn parse(pairs: &[(String, String)], today: NaiveDate) -> Result<Self, QueryError> {
        let kind = match value(pairs, "period") {
            None => PeriodKind::Month,
            Some(text) => PeriodKind::named(text).ok_or_else(|| QueryError {
                message: "report-bad-period",
                value: text.to_owned(),
            })?,
        };
        let date = value(pairs, "date").map_or(Ok(today), parse_date)?;
        let as_of = value(pairs, "as_of")
            .map(|text| {
                // A `+` of an offset sent unencoded arrives as a space.
                DateTime::parse_from_rfc3339(&text.replace(' ', "+"))
                    .map(|time| time.with_timezone(&Utc))
                    .map_err(|_| QueryError {
                        message: "report-bad-as-of",
                        value: text.to_owned(),
                    })
            })
            .transpose()?;
        Ok(Self { kind, date, as_of })
    }

    /// The query string that asks for this report again:
    /// `period=month&date=2026-11-01`, with `&as_of=…` when one was given.
    pub fn to_query_string(&self) -> String {
        let mut query = format!("period={}&date={}", self.kind.name(), self.date);
        if let Some(as_of) = self.as_of {
            query.push_str("&as_of=");
            query.push_str(&as_of.to_rfc3339_opts(SecondsFormat::AutoSi, true));
        }
        query
    }

    /// S3: the period asked for, in `zone`.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] on the date when the period lies outside chrono's dates.
    pub fn period(&self, zone: Zone) -> Result<Period, QueryError> {
        self.kind.period(self.date, zone).map_err(|_| QueryError {
            message: "report-bad-date",
            value: self.date.to_string(),
        })
    }
}

/// The first value of `name` in `pairs`, trimmed; `None` when absent or blank.
pub fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// A date written `YYYY-MM-DD`.
///
/// # Errors
///
/// A [`QueryError`] (`report-bad-date`) when it does not read as one.
pub fn parse_date(text: &str) -> Result<NaiveDate, QueryError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| QueryError {
        message: "report-bad-date",
        value: text.to_owned(),
    })
}

/// Today in `zone`.
pub fn today(zone: Zone) -> NaiveDate {
    zone.to_local(Utc::now()).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_query_reads_its_period_date_and_time_and_says_which_value_is_wrong() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let month = ReportQuery::parse(&[], today).unwrap();
        assert_eq!(
            (month.kind, month.date, month.as_of),
            (PeriodKind::Month, today, None)
        );
        let week = ReportQuery::parse(
            &pairs(&[
                ("period", "week"),
                ("date", " 2026-11-25 "),
                ("as_of", "2026-12-01T00:00:00 08:00"),
            ]),
            today,
        )
        .unwrap();
        assert_eq!(week.kind, PeriodKind::Week);
        assert_eq!(week.date, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        assert_eq!(
            week.as_of.unwrap().to_rfc3339(),
            "2026-11-30T16:00:00+00:00"
        );
        assert_eq!(
            week.to_query_string(),
            "period=week&date=2026-11-25&as_of=2026-11-30T16:00:00Z"
        );
        let error = ReportQuery::parse(&pairs(&[("period", "year")]), today).unwrap_err();
        assert_eq!(
            (error.message, error.value.as_str()),
            ("report-bad-period", "year")
        );
        let error = ReportQuery::parse(&pairs(&[("date", "2026-13-01")]), today).unwrap_err();
        assert_eq!(error.message, "report-bad-date");
        let error = ReportQuery::parse(&pairs(&[("as_of", "yesterday")]), today).unwrap_err();
        assert_eq!(error.message, "report-bad-as-of");
    }

    #[test]
    fn a_week_is_the_iso_week_of_its_date_at_local_midnights() {
        let zone: Zone = "+08:00".parse().unwrap();
        // Wednesday 25 November 2026: the week from Monday the 23rd.
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let week = PeriodKind::Week.period(date, zone).unwrap();
        assert_eq!(week.start().to_rfc3339(), "2026-11-22T16:00:00+00:00");
        assert_eq!(week.end().to_rfc3339(), "2026-11-29T16:00:00+00:00");
        let month = PeriodKind::Month.period(date, zone).unwrap();
        assert_eq!(month.start().to_rfc3339(), "2026-10-31T16:00:00+00:00");
    }
}
