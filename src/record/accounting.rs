//! W6: where a complaint's time went — time in each stage, handling against
//! waiting on the customer, and the first and the total resolution when a
//! complaint was reopened — counted on the calendar and on a business
//! calendar, from the history alone.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::lifecycle::StageKind;
use crate::lifecycle::consequences::{Clocks, FollowUpConsequence};
use crate::record::ComplaintRecord;
use crate::time::{BusinessCalendar, CalendarError};

/// A span of time counted twice: every second, and only the working time of
/// a business calendar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Every second of it.
    pub calendar_seconds: i64,
    /// The part inside the calendar's working hours on working days.
    pub business_seconds: i64,
}

impl Span {
    fn between(
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        calendar: &BusinessCalendar,
    ) -> Result<Span, CalendarError> {
        if to <= from {
            return Ok(Span::default());
        }
        Ok(Span {
            calendar_seconds: (to - from).num_seconds(),
            business_seconds: calendar.working_time_between(from, to)?.num_seconds(),
        })
    }

    fn add(&mut self, other: Span) {
        self.calendar_seconds = self.calendar_seconds.saturating_add(other.calendar_seconds);
        self.business_seconds = self.business_seconds.saturating_add(other.business_seconds);
    }

    fn minus(self, other: Span) -> Span {
        Span {
            calendar_seconds: (self.calendar_seconds - other.calendar_seconds).max(0),
            business_seconds: (self.business_seconds - other.business_seconds).max(0),
        }
    }
}

/// W6: a complaint's time, from its acceptance up to a moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TimeAccounting {
    /// The time spent in each stage the complaint went through (a stage
    /// visited twice, after a reopen or a declined remedy, adds up).
    pub in_stage: BTreeMap<StageKind, Span>,
    /// The time the open stages waited on the customer (`await_customer`
    /// until `customer_replied`, or until the complaint left the open stages).
    pub waiting_on_customer: Span,
    /// The time in the open stages that was not waiting: the company's
    /// handling time.
    pub handling: Span,
    /// From receipt to the first final response (a remedy executed, a
    /// dismissal replied, a fast-path resolution); `None` before it.
    pub first_resolution: Option<Span>,
    /// From receipt to the last final response, after every reopen; equal
    /// to the first for a complaint never reopened.
    pub total_resolution: Option<Span>,
    /// How many handling rounds: 1, and one more for every reopen.
    pub rounds: u32,
}

impl ComplaintRecord {
    /// W6: where this complaint's time went up to `until` (the current
    /// stage counts up to `until`; a moment before the last entry counts as
    /// the last entry), counted on the calendar and on `calendar`.
    ///
    /// # Errors
    ///
    /// [`CalendarError`] when the business calendar cannot count a span (one
    /// longer than it supports).
    pub fn time_accounting(
        &self,
        until: DateTime<Utc>,
        calendar: &BusinessCalendar,
    ) -> Result<TimeAccounting, CalendarError> {
        let received = self.received_at();
        let mut accounting = TimeAccounting {
            rounds: 1,
            ..TimeAccounting::default()
        };
        let mut stage = StageKind::Accepted;
        let mut waiting_since: Option<DateTime<Utc>> = None;
        let entries = self.entries();
        for (index, entry) in entries.iter().enumerate() {
            let at = entry.at();
            let event = entry.event();
            // The stage this entry moves to; replay has checked the table.
            if index > 0 {
                stage = stage.after(event.kind()).unwrap_or(stage);
            }
            // What the event does is read from the lifecycle's consequences:
            // the wait on the customer is the pause of the deadlines, a final
            // response is what schedules the follow-up, a new round is a reopen.
            match event.deadline_consequences(at).clocks {
                Clocks::Pause => waiting_since = Some(at),
                Clocks::Resume => {
                    if let Some(since) = waiting_since.take() {
                        accounting
                            .waiting_on_customer
                            .add(Span::between(since, at, calendar)?);
                    }
                }
                Clocks::Untouched | Clocks::CancelAll | Clocks::Extend { .. } => {}
            }
            match event.follow_up_consequence() {
                FollowUpConsequence::Schedules => {
                    let span = Span::between(received, at, calendar)?;
                    accounting.first_resolution.get_or_insert(span);
                    accounting.total_resolution = Some(span);
                }
                FollowUpConsequence::NewRound => {
                    accounting.rounds = accounting.rounds.saturating_add(1);
                }
                FollowUpConsequence::Untouched
                | FollowUpConsequence::Attempt { .. }
                | FollowUpConsequence::Agree { .. }
                | FollowUpConsequence::Complete
                | FollowUpConsequence::GiveUp => {}
            }
            // Leaving the open stages ends a wait on the customer.
            if !stage.is_open() {
                if let Some(since) = waiting_since.take() {
                    accounting
                        .waiting_on_customer
                        .add(Span::between(since, at, calendar)?);
                }
            }
            let end = entries
                .get(index + 1)
                .map_or(until.max(at), crate::record::Entry::at);
            accounting
                .in_stage
                .entry(stage)
                .or_default()
                .add(Span::between(at, end, calendar)?);
        }
        if let Some(since) = waiting_since {
            let end = until.max(self.last_entry_at());
            accounting
                .waiting_on_customer
                .add(Span::between(since, end, calendar)?);
        }
        let mut open = Span::default();
        for (stage, span) in &accounting.in_stage {
            if stage.is_open() {
                open.add(*span);
            }
        }
        accounting.handling = open.minus(accounting.waiting_on_customer);
        Ok(accounting)
    }
}
