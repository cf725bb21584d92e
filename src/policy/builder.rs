//! [`PolicyBuilder`]: builds a [`Policy`] from the defaults and checks it.

use crate::policy::targets::timed_by_event;
use crate::policy::{
    EscalationRule, ExtensionLimit, FastPath, Policy, PolicyError, Retention, TargetRule,
};
use crate::time::QuietHours;
use crate::time::{BusinessCalendar, DeadlineKind, TimeLimit};
use crate::values::Channel;

/// Builds a [`Policy`], starting from the defaults; [`build`](Self::build)
/// checks it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyBuilder {
    pub(super) policy: Policy,
}

impl PolicyBuilder {
    /// T1, T2: the first-response target for a channel.
    #[must_use]
    pub fn first_response(mut self, channel: Channel, limit: TimeLimit) -> Self {
        self.policy.0.first_response.insert(channel, limit);
        self
    }

    /// No first-response target for a channel.
    #[must_use]
    pub fn no_first_response(mut self, channel: Channel) -> Self {
        self.policy.0.first_response.remove(&channel);
        self
    }

    /// The time to judge a complaint, from its receipt.
    #[must_use]
    pub fn judgment(mut self, limit: TimeLimit) -> Self {
        self.policy.0.judgment = Some(limit);
        self
    }

    /// The time to give the final response, from the complaint's receipt.
    #[must_use]
    pub fn final_response(mut self, limit: TimeLimit) -> Self {
        self.policy.0.final_response = Some(limit);
        self
    }

    /// The window for a summary resolution, from the complaint's receipt.
    #[must_use]
    pub fn summary_resolution(mut self, limit: TimeLimit) -> Self {
        self.policy.0.summary_resolution = Some(limit);
        self
    }

    /// W4: how often the customer of an open complaint is told where it
    /// stands (for example every 5 business days), from receipt and from each
    /// progress update; `None` for no such duty.
    #[must_use]
    pub fn progress_updates(mut self, every: Option<TimeLimit>) -> Self {
        self.policy.0.progress_updates = every;
        self
    }

    /// D1, D2: how long after the final response the customer may dispute
    /// it or refer it to an external body (calendar or business time, as the
    /// limit counts).
    #[must_use]
    pub fn dispute_window(mut self, limit: TimeLimit) -> Self {
        self.policy.0.dispute_window = limit;
        self
    }

    /// W2: adds a target rule after the ones before it (first match wins).
    #[must_use]
    pub fn target(mut self, rule: TargetRule) -> Self {
        self.policy.0.targets.push(rule);
        self
    }

    /// T4: the time for a newly assigned owner to contact the customer; `None` for no such deadline.
    #[must_use]
    pub fn first_contact(mut self, limit: Option<TimeLimit>) -> Self {
        self.policy.0.first_contact = limit;
        self
    }

    /// F7: the time to follow up after the remedy or the dismissal.
    #[must_use]
    pub fn follow_up(mut self, limit: TimeLimit) -> Self {
        self.policy.0.follow_up = limit;
        self
    }

    /// F5: whether non-members are followed up too.
    #[must_use]
    pub fn follow_up_non_members(mut self, follow_up: bool) -> Self {
        self.policy.0.follow_up_non_members = follow_up;
        self
    }

    /// F7: how many attempts before a follow-up may be given up.
    #[must_use]
    pub fn follow_up_attempts(mut self, attempts: u32) -> Self {
        self.policy.0.follow_up_attempts = attempts;
        self
    }

    /// F7: how long after a missed attempt the next one is proposed.
    #[must_use]
    pub fn follow_up_retry_after(mut self, limit: TimeLimit) -> Self {
        self.policy.0.follow_up_retry_after = limit;
        self
    }

    /// F4: how close to a customer-requested time inside quiet hours an attempt may be.
    #[must_use]
    pub fn agreed_time_tolerance(mut self, limit: TimeLimit) -> Self {
        self.policy.0.agreed_time_tolerance = limit;
        self
    }

    /// F4: the default quiet hours.
    #[must_use]
    pub fn quiet_hours(mut self, quiet_hours: QuietHours) -> Self {
        self.policy.0.quiet_hours = quiet_hours;
        self
    }

    /// E1: the escalation at intake; `None` for none.
    #[must_use]
    pub fn escalation(mut self, rule: Option<EscalationRule>) -> Self {
        self.policy.0.escalation = rule;
        self
    }

    /// E4: how long a finished complaint still takes repeat contacts.
    #[must_use]
    pub fn repeat_contact_window(mut self, limit: TimeLimit) -> Self {
        self.policy.0.repeat_contact_window = limit;
        self
    }

    /// E4: how many repeat contacts raise the priority by one level (0: never).
    #[must_use]
    pub fn repeat_contacts_per_priority_step(mut self, contacts: u32) -> Self {
        self.policy.0.repeat_contacts_per_priority_step = contacts;
        self
    }

    /// T5: the fast path; `None` for none.
    #[must_use]
    pub fn fast_path(mut self, fast_path: Option<FastPath>) -> Self {
        self.policy.0.fast_path = fast_path;
        self
    }

    /// Which deadline kinds stop while the complaint waits on the customer.
    #[must_use]
    pub fn paused_while_awaiting_customer(
        mut self,
        kinds: impl IntoIterator<Item = DeadlineKind>,
    ) -> Self {
        self.policy.0.paused_while_awaiting_customer = kinds.into_iter().collect();
        self
    }

    /// W5: which deadline kinds stop while the complaint waits on a third
    /// party (a supplier, another department); none by default.
    #[must_use]
    pub fn paused_while_awaiting_third_party(
        mut self,
        kinds: impl IntoIterator<Item = DeadlineKind>,
    ) -> Self {
        self.policy.0.paused_while_awaiting_third_party = kinds.into_iter().collect();
        self
    }

    /// How far deadlines may be extended.
    #[must_use]
    pub fn extensions(mut self, limit: ExtensionLimit) -> Self {
        self.policy.0.extensions = limit;
        self
    }

    /// The business calendar.
    #[must_use]
    pub fn calendar(mut self, calendar: BusinessCalendar) -> Self {
        self.policy.0.calendar = calendar;
        self
    }

    /// The largest text field an event may carry, in bytes.
    #[must_use]
    pub fn max_text_bytes(mut self, bytes: usize) -> Self {
        self.policy.0.max_text_bytes = bytes;
        self
    }

    /// The most remedy options one proposal may hold.
    #[must_use]
    pub fn max_remedy_options(mut self, options: usize) -> Self {
        self.policy.0.max_remedy_options = options;
        self
    }

    /// The most entries a complaint's history may hold: `apply` refuses an
    /// event that would go past it, and replay with
    /// [`ComplaintRecord::replay_at_most`](crate::ComplaintRecord::replay_at_most)
    /// refuses a longer stored history. Default
    /// [`DEFAULT_MAX_HISTORY_ENTRIES`](crate::policy::DEFAULT_MAX_HISTORY_ENTRIES).
    #[must_use]
    pub fn max_history_entries(mut self, entries: usize) -> Self {
        self.policy.0.max_history_entries = entries;
        self
    }

    /// A4: how long a closed complaint's record is kept before it is listed
    /// for erasure; `None` to keep every record.
    #[must_use]
    pub fn retention(mut self, retention: Option<Retention>) -> Self {
        self.policy.0.retention = retention;
        self
    }

    /// The checked policy.
    ///
    /// # Errors
    ///
    /// [`PolicyError::ZeroLimit`] for a time limit of zero,
    /// [`PolicyError::ZeroSize`] for a size limit of zero.
    pub fn build(self) -> Result<Policy, PolicyError> {
        let policy = self.policy;
        let settings = &policy.0;
        let zero = |field: String| Err(PolicyError::ZeroLimit { field });
        for (channel, limit) in &settings.first_response {
            if limit.is_zero() {
                return zero(format!("first_response.{channel}"));
            }
        }
        let named = [
            ("judgment", settings.judgment),
            ("final_response", settings.final_response),
            ("summary_resolution", settings.summary_resolution),
            ("first_contact", settings.first_contact),
            ("follow_up", Some(settings.follow_up)),
            ("dispute_window", Some(settings.dispute_window)),
            (
                "follow_up_retry_after",
                Some(settings.follow_up_retry_after),
            ),
            (
                "repeat_contact_window",
                Some(settings.repeat_contact_window),
            ),
            (
                "fast_path.within",
                settings.fast_path.as_ref().map(|fast| fast.within),
            ),
            (
                "extensions.max_beyond_original",
                settings.extensions.max_beyond_original,
            ),
        ];
        for (field, limit) in named {
            if limit.is_some_and(TimeLimit::is_zero) {
                return zero(field.to_owned());
            }
        }
        for (index, rule) in settings.targets.iter().enumerate() {
            if rule.limit.is_zero() {
                return zero(format!("targets[{index}].limit"));
            }
            if timed_by_event(rule.kind) {
                return Err(PolicyError::TargetNotTimedByPolicy {
                    index,
                    kind: rule.kind,
                });
            }
        }
        // A4: a retention of no years would list a record for erasure the
        // moment it closes.
        if settings
            .retention
            .is_some_and(|retention| retention.years == 0)
        {
            return zero("retention.years".to_owned());
        }
        super::alarms::check(settings)?;
        let sizes = [
            ("max_text_bytes", settings.max_text_bytes),
            ("max_remedy_options", settings.max_remedy_options),
            ("max_history_entries", settings.max_history_entries),
            (
                "follow_up_attempts",
                usize::try_from(settings.follow_up_attempts).unwrap_or(usize::MAX),
            ),
        ];
        for (field, size) in sizes {
            if size == 0 {
                return Err(PolicyError::ZeroSize { field });
            }
        }
        Ok(policy)
    }
}
