//! W6 in S1: where the time of a category's complaints went — handling,
//! waiting on the customer, waiting on a third party, first and total
//! resolution — as samples of calendar and business seconds, kept whole so
//! that two reports merge exactly.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::durations::Durations;
use crate::record::{Span, TimeAccounting};
use crate::values::Category;

/// W6: one measure of time over many complaints, counted twice: every
/// second, and the working time of a business calendar.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpanSamples {
    /// Every second of each complaint's span.
    pub calendar: Durations,
    /// The working time of each complaint's span.
    pub business: Durations,
}

impl SpanSamples {
    fn push_unsorted(&mut self, span: Span) {
        self.calendar.push_unsorted(span.calendar_seconds);
        self.business.push_unsorted(span.business_seconds);
    }

    fn sort(&mut self) {
        self.calendar.sort();
        self.business.sort();
    }

    fn merge(self, other: SpanSamples) -> SpanSamples {
        SpanSamples {
            calendar: self.calendar.merge(other.calendar),
            business: self.business.merge(other.business),
        }
    }

    /// The sample of `clock`.
    #[must_use]
    pub fn on(&self, clock: Clock) -> &Durations {
        match clock {
            Clock::Calendar => &self.calendar,
            Clock::Business => &self.business,
        }
    }
}

/// W6: which of the two counts of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    /// Every second.
    Calendar,
    /// The working time of the business calendar.
    Business,
}

impl Clock {
    /// Both, the calendar first.
    pub const ALL: [Clock; 2] = [Clock::Calendar, Clock::Business];

    /// The snake-case name used in the reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Clock::Calendar => "calendar",
            Clock::Business => "business",
        }
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// W6: a measure of where a complaint's time went, as S1 reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeMeasure {
    /// The time in the open stages that waited on nobody.
    Handling,
    /// The time the open stages waited on the customer.
    WaitingOnCustomer,
    /// W5: the time the open stages waited on a third party.
    WaitingOnThirdParty,
    /// From receipt to the first final response.
    FirstResolution,
    /// From receipt to the last final response, after every reopen.
    TotalResolution,
}

impl TimeMeasure {
    /// Every measure, in the order the reports list them.
    pub const ALL: [TimeMeasure; 5] = [
        TimeMeasure::Handling,
        TimeMeasure::WaitingOnCustomer,
        TimeMeasure::WaitingOnThirdParty,
        TimeMeasure::FirstResolution,
        TimeMeasure::TotalResolution,
    ];

    /// The snake-case name used in the reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            TimeMeasure::Handling => "handling",
            TimeMeasure::WaitingOnCustomer => "waiting_on_customer",
            TimeMeasure::WaitingOnThirdParty => "waiting_on_third_party",
            TimeMeasure::FirstResolution => "first_resolution",
            TimeMeasure::TotalResolution => "total_resolution",
        }
    }
}

impl fmt::Display for TimeMeasure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// W6 in S1: where the time of one category's complaints went, one sample
/// per measure. Handling and the waits hold one duration per complaint; the
/// resolutions one per complaint that had a final response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct TimeSpent {
    /// The company's handling time.
    pub handling: SpanSamples,
    /// The waits on the customer.
    pub waiting_on_customer: SpanSamples,
    /// W5: the waits on a third party.
    pub waiting_on_third_party: SpanSamples,
    /// From receipt to the first final response.
    pub first_resolution: SpanSamples,
    /// From receipt to the last final response.
    pub total_resolution: SpanSamples,
}

impl TimeSpent {
    /// The samples of `measure`.
    #[must_use]
    pub fn of(&self, measure: TimeMeasure) -> &SpanSamples {
        match measure {
            TimeMeasure::Handling => &self.handling,
            TimeMeasure::WaitingOnCustomer => &self.waiting_on_customer,
            TimeMeasure::WaitingOnThirdParty => &self.waiting_on_third_party,
            TimeMeasure::FirstResolution => &self.first_resolution,
            TimeMeasure::TotalResolution => &self.total_resolution,
        }
    }

    fn of_mut(&mut self, measure: TimeMeasure) -> &mut SpanSamples {
        match measure {
            TimeMeasure::Handling => &mut self.handling,
            TimeMeasure::WaitingOnCustomer => &mut self.waiting_on_customer,
            TimeMeasure::WaitingOnThirdParty => &mut self.waiting_on_third_party,
            TimeMeasure::FirstResolution => &mut self.first_resolution,
            TimeMeasure::TotalResolution => &mut self.total_resolution,
        }
    }

    /// Adds one complaint's accounting; the caller sorts once at the end.
    pub(super) fn push_unsorted(&mut self, accounting: &TimeAccounting) {
        self.handling.push_unsorted(accounting.handling);
        self.waiting_on_customer
            .push_unsorted(accounting.waiting_on_customer);
        self.waiting_on_third_party
            .push_unsorted(accounting.waiting_on_third_party);
        if let Some(span) = accounting.first_resolution {
            self.first_resolution.push_unsorted(span);
        }
        if let Some(span) = accounting.total_resolution {
            self.total_resolution.push_unsorted(span);
        }
    }

    /// Sorts after [`Self::push_unsorted`].
    pub(super) fn sort(&mut self) {
        for measure in TimeMeasure::ALL {
            self.of_mut(measure).sort();
        }
    }

    /// The samples of both, measure by measure.
    #[must_use]
    pub fn merge(self, other: TimeSpent) -> TimeSpent {
        TimeSpent {
            handling: self.handling.merge(other.handling),
            waiting_on_customer: self.waiting_on_customer.merge(other.waiting_on_customer),
            waiting_on_third_party: self
                .waiting_on_third_party
                .merge(other.waiting_on_third_party),
            first_resolution: self.first_resolution.merge(other.first_resolution),
            total_resolution: self.total_resolution.merge(other.total_resolution),
        }
    }
}

/// Two maps of category samples merged category by category.
pub(super) fn merge(
    mut left: BTreeMap<Category, TimeSpent>,
    right: BTreeMap<Category, TimeSpent>,
) -> BTreeMap<Category, TimeSpent> {
    for (category, spent) in right {
        let mine = left.remove(&category).unwrap_or_default();
        left.insert(category, mine.merge(spent));
    }
    left
}
