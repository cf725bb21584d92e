//! How pressing a deadline is: overdue, at risk, or on time. The one place
//! the pages decide it (a W1 warning from the crate would replace
//! [`AT_RISK_SHARE`] here, and only here).

use chrono::{DateTime, Utc};
use complaint_workflow::deadline::{Deadline, DeadlineStatus};

/// A running deadline is at risk once this share of its time has passed
/// (three quarters).
pub const AT_RISK_SHARE: (i64, i64) = (3, 4);

/// How pressing a deadline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    /// Due before now and not met (T7: a breach while still open).
    Overdue,
    /// Not yet due, but most of its time is gone.
    AtRisk,
    /// Neither; or met, cancelled.
    OnTime,
}

impl Urgency {
    /// Every urgency.
    pub const ALL: [Urgency; 3] = [Urgency::Overdue, Urgency::AtRisk, Urgency::OnTime];

    /// The message id, also the CSS class: `urgency-overdue`,
    /// `urgency-at-risk`, `urgency-on-time`.
    pub const fn name(self) -> &'static str {
        match self {
            Urgency::Overdue => "urgency-overdue",
            Urgency::AtRisk => "urgency-at-risk",
            Urgency::OnTime => "urgency-on-time",
        }
    }
}

/// How pressing `deadline` is at `now`: overdue when it is open (or
/// paused) past its due time, at risk when [`AT_RISK_SHARE`] of the time
/// from its start to its due time has passed.
pub fn urgency(deadline: &Deadline, now: DateTime<Utc>) -> Urgency {
    let open = matches!(
        deadline.status(),
        DeadlineStatus::Open | DeadlineStatus::Paused { .. }
    );
    if !open {
        return Urgency::OnTime;
    }
    let overdue = match deadline.status() {
        DeadlineStatus::Paused {
            remaining_seconds, ..
        } => remaining_seconds < 0,
        _ => deadline.due() < now,
    };
    if overdue {
        return Urgency::Overdue;
    }
    if !deadline.is_open() {
        // A paused deadline's clock stands still: not getting closer.
        return Urgency::OnTime;
    }
    let allowed = (deadline.due() - deadline.started_at()).num_seconds();
    let used = (now - deadline.started_at()).num_seconds();
    let (part, whole) = AT_RISK_SHARE;
    if allowed > 0 && used.saturating_mul(whole) >= allowed.saturating_mul(part) {
        Urgency::AtRisk
    } else {
        Urgency::OnTime
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use complaint_workflow::event::{Accept, Uphold};
    use complaint_workflow::{
        Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Event, Policy,
        Severity,
    };

    #[test]
    fn a_deadline_is_at_risk_in_its_last_quarter_and_overdue_past_its_due_time() {
        let policy = Policy::default();
        let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        let ctx = Context::new(Actor::agent("agent-7"), t0, &policy);
        let accept = Accept {
            complainant: Complainant::new("customer-42"),
            received_at: t0,
            channel: Channel::Phone,
            content: "It leaks".into(),
            category: Category::new("repair"),
            severity: Severity::Medium,
        };
        let mut record = ComplaintRecord::accept(accept, &ctx).unwrap();
        let uphold = Uphold {
            responsible_department: Department::new("repairs"),
            investigation_due: t0 + Duration::hours(4),
        };
        record.apply(Event::Uphold(uphold), &ctx).unwrap();
        let investigation = record.next_deadline().unwrap();
        let at = |minutes: i64| urgency(investigation, t0 + Duration::minutes(minutes));
        assert_eq!(at(60), Urgency::OnTime);
        assert_eq!(at(179), Urgency::OnTime);
        assert_eq!(at(180), Urgency::AtRisk, "three quarters of four hours");
        assert_eq!(at(240), Urgency::AtRisk, "due now is not yet overdue");
        assert_eq!(at(241), Urgency::Overdue);
    }
}
