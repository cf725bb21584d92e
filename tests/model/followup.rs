//! The model's follow-up (回訪, F1–F7): scheduled when a remedy is executed
//! or a dismissal replied, attempted outside the customer's quiet hours (F4),
//! retried when the customer was not reached (F7), and ended by a complete
//! record (F2, F3, F6) or by giving up once every attempt missed (F5).
//!
//! The test policy keeps the customer's clock on UTC, so quiet hours are read
//! straight off the UTC time of day.

use chrono::{DateTime, Duration, NaiveTime, Timelike, Utc};
use complaint_workflow::{Event, EventKind, followup::FollowUpStageKind};

use super::reference::Refusal;

/// F4: quiet from 21:00 until 09:00 (the policy's default), on UTC.
pub const QUIET_FROM: u32 = 21;
pub const QUIET_UNTIL: u32 = 9;
/// F7: attempts allowed before giving up.
pub const MAX_ATTEMPTS: u32 = 3;
/// F7: a missed customer is tried again after this many hours.
pub const RETRY_AFTER: i64 = 4;
/// F4: an attempt this many minutes after a time the customer asked for may
/// fall inside the quiet hours.
pub const AGREED_TOLERANCE: i64 = 60;

/// F4: whether `at` is inside the quiet hours.
pub fn quiet(at: DateTime<Utc>) -> bool {
    !(QUIET_UNTIL..QUIET_FROM).contains(&at.hour())
}

/// F4: the first moment at or after `after` outside the quiet hours.
pub fn next_contact_time(after: DateTime<Utc>) -> DateTime<Utc> {
    if !quiet(after) {
        return after;
    }
    let until = NaiveTime::from_hms_opt(QUIET_UNTIL, 0, 0).unwrap();
    let day = if after.hour() >= QUIET_FROM {
        after.date_naive().succ_opt().unwrap()
    } else {
        after.date_naive()
    };
    day.and_time(until).and_utc()
}

/// The follow-up of the current handling round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub stage: FollowUpStageKind,
    pub scheduled_at: DateTime<Utc>,
    pub slot: DateTime<Utc>,
    /// The agreed time and whether the customer asked for it.
    pub agreed: Option<(DateTime<Utc>, bool)>,
    pub attempts: u32,
    pub last_reached: bool,
}

impl FollowUp {
    /// F7: scheduled at `at`, first tried at the next time outside quiet hours.
    pub fn scheduled(at: DateTime<Utc>) -> Self {
        Self {
            stage: FollowUpStageKind::Scheduled,
            scheduled_at: at,
            slot: next_contact_time(at),
            agreed: None,
            attempts: 0,
            last_reached: false,
        }
    }

    /// The follow-up's own table: attempts and agreed times until it is
    /// completed or given up; completing or giving up only after an attempt.
    pub fn after(stage: FollowUpStageKind, event: EventKind) -> Option<FollowUpStageKind> {
        use EventKind as E;
        use FollowUpStageKind as F;
        match (stage, event) {
            (F::Scheduled | F::Attempted, E::AttemptFollowUp) => Some(F::Attempted),
            (F::Scheduled | F::Attempted, E::RescheduleFollowUp) => Some(stage),
            (F::Attempted, E::CompleteFollowUp) => Some(F::Completed),
            (F::Attempted, E::GiveUpFollowUp) => Some(F::Exhausted),
            _ => None,
        }
    }

    /// Why a follow-up event at `at` is refused, beyond its texts.
    pub fn refusals(follow_up: Option<&Self>, event: &Event, at: DateTime<Utc>) -> Vec<Refusal> {
        let Some(follow_up) = follow_up else {
            return vec![Refusal::NoFollowUp];
        };
        if Self::after(follow_up.stage, event.kind()).is_none() {
            return vec![Refusal::FollowUpNotAllowed(follow_up.stage)];
        }
        let mut out = Vec::new();
        match event {
            Event::AttemptFollowUp(_) => {
                let near_requested = follow_up.agreed.is_some_and(|(agreed, requested)| {
                    requested && agreed <= at && at <= agreed + Duration::minutes(AGREED_TOLERANCE)
                });
                if !near_requested && quiet(at) {
                    out.push(Refusal::QuietHours);
                }
            }
            Event::RescheduleFollowUp(reschedule) => {
                if reschedule.at <= at {
                    out.push(Refusal::DeadlineNotAhead("at".into()));
                }
                if !reschedule.customer_requested && quiet(reschedule.at) {
                    out.push(Refusal::QuietHours);
                }
            }
            Event::CompleteFollowUp(_) if !follow_up.last_reached => {
                out.push(Refusal::CustomerNotReached);
            }
            // F3, F5: a customer who was reached is asked, not given up on.
            Event::GiveUpFollowUp(_) if follow_up.last_reached => {
                out.push(Refusal::CustomerWasReached);
            }
            Event::GiveUpFollowUp(_) if follow_up.attempts < MAX_ATTEMPTS => {
                out.push(Refusal::AttemptsRemaining);
            }
            _ => {}
        }
        out
    }

    /// The follow-up after an accepted follow-up event at `at`.
    pub fn commit(&mut self, event: &Event, at: DateTime<Utc>) {
        match event {
            Event::AttemptFollowUp(attempt) => {
                self.attempts += 1;
                self.last_reached = attempt.reached;
                self.stage = FollowUpStageKind::Attempted;
                // F7: a missed customer is tried again, outside quiet hours,
                // while attempts remain.
                if !attempt.reached && self.attempts < MAX_ATTEMPTS {
                    self.slot = next_contact_time(at + Duration::hours(RETRY_AFTER));
                    self.agreed = None;
                }
            }
            Event::RescheduleFollowUp(reschedule) => {
                self.agreed = Some((reschedule.at, reschedule.customer_requested));
                self.slot = reschedule.at;
            }
            Event::CompleteFollowUp(_) => self.stage = FollowUpStageKind::Completed,
            Event::GiveUpFollowUp(_) => self.stage = FollowUpStageKind::Exhausted,
            _ => {}
        }
    }
}
