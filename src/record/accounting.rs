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
use crate::time::{BusinessCalendar, CalendarError, WaitingOn};

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
    /// W5: the time the open stages waited on a third party
    /// (`await_third_party` until `third_party_replied`, or until the
    /// complaint left the open stages).
    pub waiting_on_third_party: Span,
    /// The time in the open stages that waited on nobody: the company's
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
    /// The history is cut into spans between consecutive entries; each span
    /// counts for the stage it was in and for each wait running through it,
    /// and as handling when the stage was open and nobody was awaited.
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
        let mut waiting = Waits::default();
        let entries = self.entries();
        for (index, entry) in entries.iter().enumerate() {
            let at = entry.at();
            let event = entry.event();
            // The stage this entry moves to; replay has checked the table.
            if index > 0 {
                stage = stage.after(event.kind()).unwrap_or(stage);
            }
            // What the event does is read from the lifecycle's consequences:
            // a wait is the deadlines' pause, a final response is what
            // schedules the follow-up, a new round is a reopen.
            match event.deadline_consequences(at).clocks {
                Clocks::Pause(whom) => waiting.set(whom, true),
                Clocks::Resume(whom) => waiting.set(whom, false),
                Clocks::Untouched
                | Clocks::CancelAll
                | Clocks::Retarget
                | Clocks::Extend { .. } => {}
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
            // Leaving the open stages ends every wait.
            if !stage.is_open() {
                waiting = Waits::default();
            }
            let end = entries
                .get(index + 1)
                .map_or(until.max(at), crate::record::Entry::at);
            let span = Span::between(at, end, calendar)?;
            accounting.in_stage.entry(stage).or_default().add(span);
            let Waits {
                customer,
                third_party,
            } = waiting;
            if customer {
                accounting.waiting_on_customer.add(span);
            }
            if third_party {
                accounting.waiting_on_third_party.add(span);
            }
            if stage.is_open() && !customer && !third_party {
                accounting.handling.add(span);
            }
        }
        Ok(accounting)
    }
}

/// Which waits run through a span.
#[derive(Clone, Copy, Debug, Default)]
struct Waits {
    customer: bool,
    third_party: bool,
}

impl Waits {
    /// Marks the wait on `whom` as running or not.
    fn set(&mut self, whom: WaitingOn, running: bool) {
        match whom {
            WaitingOn::Customer => self.customer = running,
            WaitingOn::ThirdParty => self.third_party = running,
        }
    }
}
