//! [`Policy`]: the values an application sets for its own procedure, with
//! the rule book's numbers as defaults and regulatory presets.
//!
//! Every number of the rule book is a policy value with a documented
//! default; no rule hard-codes one.

mod presets;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::deadline::{BusinessCalendar, DeadlineKind, TimeLimit};
use crate::values::Channel;

/// The values an application chooses for its procedure.
///
/// Passed in through the [`Context`](crate::Context) of every transition;
/// stored with serde so that an application keeps the policy it applied.
/// Build one with [`Policy::builder`], start from [`Policy::default`] (the
/// rule book's numbers) or from a regulatory preset such as
/// [`Policy::uk_fca`].
///
/// | value | default | rule |
/// |-------|---------|------|
/// | first response, phone | 3 minutes | T1 |
/// | first response, online | 5 minutes | T2 |
/// | first contact after assignment | 7 calendar days | T4 |
/// | follow-up after the remedy or dismissal | 3 calendar days | F7 |
/// | investigation | agreed with the customer at judgment | R2 |
/// | judgment, final response | none (set by presets) | |
/// | paused while awaiting the customer | judgment, investigation, final response | |
/// | extensions | at most 1, at most 30 calendar days past the original due time | |
/// | business calendar | Monday–Friday 09:00–17:00 UTC | |
/// | largest text field | 16 KiB | |
/// | most remedy options | 16 | R4 |
///
/// # Example
///
/// ```
/// use complaint_workflow::{Channel, Policy, TimeLimit};
///
/// let policy = Policy::builder()
///     .first_response(Channel::Email, TimeLimit::BusinessHours(8))
///     .final_response(TimeLimit::Weeks(8))
///     .build()?;
/// assert_eq!(policy.first_response(Channel::Phone), Some(TimeLimit::Minutes(3)));
/// assert_eq!(policy.first_response(Channel::Email), Some(TimeLimit::BusinessHours(8)));
/// # Ok::<(), complaint_workflow::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "StoredPolicy")]
pub struct Policy {
    first_response: BTreeMap<Channel, TimeLimit>,
    judgment: Option<TimeLimit>,
    final_response: Option<TimeLimit>,
    summary_resolution: Option<TimeLimit>,
    first_contact: Option<TimeLimit>,
    follow_up: TimeLimit,
    paused_while_awaiting_customer: BTreeSet<DeadlineKind>,
    extensions: ExtensionLimit,
    calendar: BusinessCalendar,
    max_text_bytes: usize,
    max_remedy_options: usize,
}

/// How far a deadline may be extended (always by a supervisor, with a reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExtensionLimit {
    /// How many times one deadline may be extended.
    pub max_count: u32,
    /// How far past its original due time a deadline may be moved, counted
    /// from the original due time; `None`: no limit.
    pub max_beyond_original: Option<TimeLimit>,
}

/// A policy value that cannot work.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// A time limit of zero: the deadline would be missed the moment it opens.
    #[error("the time limit `{field}` is zero; a deadline needs time")]
    ZeroLimit {
        /// Which value.
        field: String,
    },
    /// A size limit of zero: nothing could be recorded.
    #[error("`{field}` is zero; nothing could be recorded")]
    ZeroSize {
        /// Which value.
        field: &'static str,
    },
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            first_response: BTreeMap::from([
                (Channel::Phone, TimeLimit::Minutes(3)),
                (Channel::Online, TimeLimit::Minutes(5)),
            ]),
            judgment: None,
            final_response: None,
            summary_resolution: None,
            first_contact: Some(TimeLimit::CalendarDays(7)),
            follow_up: TimeLimit::CalendarDays(3),
            paused_while_awaiting_customer: BTreeSet::from([
                DeadlineKind::Judgment,
                DeadlineKind::Investigation,
                DeadlineKind::FinalResponse,
            ]),
            extensions: ExtensionLimit {
                max_count: 1,
                max_beyond_original: Some(TimeLimit::CalendarDays(30)),
            },
            calendar: BusinessCalendar::default(),
            max_text_bytes: 16 * 1024,
            max_remedy_options: 16,
        }
    }
}

impl Policy {
    /// A builder starting from the defaults.
    #[must_use]
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }

    /// This policy as a builder, to change some values.
    #[must_use]
    pub fn to_builder(&self) -> PolicyBuilder {
        PolicyBuilder {
            policy: self.clone(),
        }
    }

    /// T1, T2: the first-response target for a channel, if any.
    #[must_use]
    pub fn first_response(&self, channel: Channel) -> Option<TimeLimit> {
        self.first_response.get(&channel).copied()
    }

    /// The time to judge (uphold or dismiss) a complaint, from its receipt.
    #[must_use]
    pub fn judgment(&self) -> Option<TimeLimit> {
        self.judgment
    }

    /// The time to give the final response, from the complaint's receipt.
    #[must_use]
    pub fn final_response(&self) -> Option<TimeLimit> {
        self.final_response
    }

    /// The window for a summary resolution (UK FCA DISP 1.5), from receipt.
    #[must_use]
    pub fn summary_resolution(&self) -> Option<TimeLimit> {
        self.summary_resolution
    }

    /// T4: the time for a newly assigned owner to contact the customer.
    #[must_use]
    pub fn first_contact(&self) -> Option<TimeLimit> {
        self.first_contact
    }

    /// F7: the time to follow up after the remedy or the dismissal.
    #[must_use]
    pub fn follow_up(&self) -> TimeLimit {
        self.follow_up
    }

    /// Whether deadlines of this kind stop while the complaint waits on the customer.
    #[must_use]
    pub fn pauses_while_awaiting_customer(&self, kind: DeadlineKind) -> bool {
        self.paused_while_awaiting_customer.contains(&kind)
    }

    /// How far deadlines may be extended.
    #[must_use]
    pub fn extensions(&self) -> ExtensionLimit {
        self.extensions
    }

    /// The business calendar business-day and business-hour limits count on.
    #[must_use]
    pub fn calendar(&self) -> &BusinessCalendar {
        &self.calendar
    }

    /// The largest text field an event may carry, in bytes.
    #[must_use]
    pub fn max_text_bytes(&self) -> usize {
        self.max_text_bytes
    }

    /// The most remedy options one proposal may hold.
    #[must_use]
    pub fn max_remedy_options(&self) -> usize {
        self.max_remedy_options
    }
}

/// Builds a [`Policy`], starting from the defaults; [`build`](Self::build)
/// checks it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyBuilder {
    policy: Policy,
}

/// A policy as stored: missing values take their defaults, and the result is
/// checked by [`PolicyBuilder::build`] like a built one.
#[derive(Deserialize)]
#[serde(default)]
struct StoredPolicy {
    first_response: BTreeMap<Channel, TimeLimit>,
    judgment: Option<TimeLimit>,
    final_response: Option<TimeLimit>,
    summary_resolution: Option<TimeLimit>,
    first_contact: Option<TimeLimit>,
    follow_up: TimeLimit,
    paused_while_awaiting_customer: BTreeSet<DeadlineKind>,
    extensions: ExtensionLimit,
    calendar: BusinessCalendar,
    max_text_bytes: usize,
    max_remedy_options: usize,
}

impl Default for StoredPolicy {
    fn default() -> Self {
        let Policy {
            first_response,
            judgment,
            final_response,
            summary_resolution,
            first_contact,
            follow_up,
            paused_while_awaiting_customer,
            extensions,
            calendar,
            max_text_bytes,
            max_remedy_options,
        } = Policy::default();
        Self {
            first_response,
            judgment,
            final_response,
            summary_resolution,
            first_contact,
            follow_up,
            paused_while_awaiting_customer,
            extensions,
            calendar,
            max_text_bytes,
            max_remedy_options,
        }
    }
}

impl TryFrom<StoredPolicy> for Policy {
    type Error = PolicyError;

    fn try_from(stored: StoredPolicy) -> Result<Self, Self::Error> {
        PolicyBuilder {
            policy: Policy {
                first_response: stored.first_response,
                judgment: stored.judgment,
                final_response: stored.final_response,
                summary_resolution: stored.summary_resolution,
                first_contact: stored.first_contact,
                follow_up: stored.follow_up,
                paused_while_awaiting_customer: stored.paused_while_awaiting_customer,
                extensions: stored.extensions,
                calendar: stored.calendar,
                max_text_bytes: stored.max_text_bytes,
                max_remedy_options: stored.max_remedy_options,
            },
        }
        .build()
    }
}

impl PolicyBuilder {
    /// T1, T2: the first-response target for a channel.
    #[must_use]
    pub fn first_response(mut self, channel: Channel, limit: TimeLimit) -> Self {
        self.policy.first_response.insert(channel, limit);
        self
    }

    /// No first-response target for a channel.
    #[must_use]
    pub fn no_first_response(mut self, channel: Channel) -> Self {
        self.policy.first_response.remove(&channel);
        self
    }

    /// The time to judge a complaint, from its receipt.
    #[must_use]
    pub fn judgment(mut self, limit: TimeLimit) -> Self {
        self.policy.judgment = Some(limit);
        self
    }

    /// The time to give the final response, from the complaint's receipt.
    #[must_use]
    pub fn final_response(mut self, limit: TimeLimit) -> Self {
        self.policy.final_response = Some(limit);
        self
    }

    /// The window for a summary resolution, from the complaint's receipt.
    #[must_use]
    pub fn summary_resolution(mut self, limit: TimeLimit) -> Self {
        self.policy.summary_resolution = Some(limit);
        self
    }

    /// T4: the time for a newly assigned owner to contact the customer; `None` for no such deadline.
    #[must_use]
    pub fn first_contact(mut self, limit: Option<TimeLimit>) -> Self {
        self.policy.first_contact = limit;
        self
    }

    /// F7: the time to follow up after the remedy or the dismissal.
    #[must_use]
    pub fn follow_up(mut self, limit: TimeLimit) -> Self {
        self.policy.follow_up = limit;
        self
    }

    /// Which deadline kinds stop while the complaint waits on the customer.
    #[must_use]
    pub fn paused_while_awaiting_customer(
        mut self,
        kinds: impl IntoIterator<Item = DeadlineKind>,
    ) -> Self {
        self.policy.paused_while_awaiting_customer = kinds.into_iter().collect();
        self
    }

    /// How far deadlines may be extended.
    #[must_use]
    pub fn extensions(mut self, limit: ExtensionLimit) -> Self {
        self.policy.extensions = limit;
        self
    }

    /// The business calendar.
    #[must_use]
    pub fn calendar(mut self, calendar: BusinessCalendar) -> Self {
        self.policy.calendar = calendar;
        self
    }

    /// The largest text field an event may carry, in bytes.
    #[must_use]
    pub fn max_text_bytes(mut self, bytes: usize) -> Self {
        self.policy.max_text_bytes = bytes;
        self
    }

    /// The most remedy options one proposal may hold.
    #[must_use]
    pub fn max_remedy_options(mut self, options: usize) -> Self {
        self.policy.max_remedy_options = options;
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
        let zero = |field: String| Err(PolicyError::ZeroLimit { field });
        for (channel, limit) in &policy.first_response {
            if limit.is_zero() {
                return zero(format!("first_response.{channel}"));
            }
        }
        let named = [
            ("judgment", policy.judgment),
            ("final_response", policy.final_response),
            ("summary_resolution", policy.summary_resolution),
            ("first_contact", policy.first_contact),
            ("follow_up", Some(policy.follow_up)),
            (
                "extensions.max_beyond_original",
                policy.extensions.max_beyond_original,
            ),
        ];
        for (field, limit) in named {
            if limit.is_some_and(TimeLimit::is_zero) {
                return zero(field.to_owned());
            }
        }
        if policy.max_text_bytes == 0 {
            return Err(PolicyError::ZeroSize {
                field: "max_text_bytes",
            });
        }
        if policy.max_remedy_options == 0 {
            return Err(PolicyError::ZeroSize {
                field: "max_remedy_options",
            });
        }
        Ok(policy)
    }
}
