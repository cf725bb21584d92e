//! What every case builds with: the policy, fixed times, the intake form and
//! the note the writers add, the store under test wrapped in the driver, and
//! the failure message.

use std::fmt::{Debug, Display};
use std::sync::LazyLock;

use chrono::{DateTime, TimeDelta, Utc};
use complaint_workflow::event::{Accept, AddNote};
use complaint_workflow::record::{Entry, ExpectedVersion};
use complaint_workflow::store::{AppendError, ChangeFeed, ComplaintStore, Complaints, FeedEntry};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintId, Context, Policy, Severity,
};

use crate::harness::Harness;
use crate::shared::Shared;

/// How many times the driver tries a write before it gives up: far more
/// than the racing writers ever need.
pub(crate) const MAX_ATTEMPTS: u32 = 100_000;

/// The default policy: the rules every store is checked under.
pub(crate) static POLICY: LazyLock<Policy> = LazyLock::new(Policy::default);

/// The driver on a fresh store from `harness`.
pub(crate) type Driver<S> = Complaints<Shared<S>>;

/// A fresh store from `harness`, shared and wrapped in the driver.
pub(crate) async fn fresh<H: Harness>(harness: &H) -> Driver<H::Store> {
    Complaints::new(Shared::new(harness.fresh().await)).with_max_attempts(MAX_ATTEMPTS)
}

/// Monday 2026-11-23 09:00 UTC: when every complaint of the suite is received.
pub(crate) fn start() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH + TimeDelta::seconds(1_795_424_400)
}

/// `n` minutes after [`start`].
pub(crate) fn minute(n: i64) -> DateTime<Utc> {
    start() + TimeDelta::minutes(n)
}

/// The agent who writes everything, acting at `at`.
pub(crate) fn ctx(at: DateTime<Utc>) -> Context<'static> {
    Context::new(Actor::agent("conformance-agent"), at, &POLICY)
}

/// A valid intake form of customer `n`, received at [`start`].
pub(crate) fn accept(n: usize, severity: Severity) -> Accept {
    Accept {
        complainant: Complainant::new(format!("customer-{n}")),
        received_at: start(),
        channel: Channel::Phone,
        content: format!("Complaint {n}: the parcel arrived broken"),
        category: Category::new("delivery"),
        severity,
    }
}

/// A note with `text`.
pub(crate) fn note(text: &str) -> AddNote {
    AddNote { text: text.into() }
}

/// Ends a case with a message naming it and what broke.
#[track_caller]
#[allow(clippy::panic)] // A failed check is the suite's answer, as an assertion's.
pub(crate) fn fail(case: &str, what: impl Display) -> ! {
    panic!("conformance case `{case}`: {what}")
}

/// Checks a condition; fails the case with `what` when it does not hold.
#[track_caller]
pub(crate) fn check(case: &str, holds: bool, what: impl FnOnce() -> String) {
    if !holds {
        fail(case, what());
    }
}

/// Checks that two values are equal.
#[track_caller]
pub(crate) fn check_eq<T: PartialEq + Debug>(case: &str, left: &T, right: &T, what: &str) {
    if left != right {
        fail(
            case,
            format_args!("{what}\n  found:    {left:?}\n  expected: {right:?}"),
        );
    }
}

/// A result the case needs to go on.
pub(crate) trait Expect<T> {
    /// The value, or the case fails with `what` and the error.
    fn or_fail(self, case: &str, what: &str) -> T;
}

impl<T, E: Debug> Expect<T> for Result<T, E> {
    #[track_caller]
    fn or_fail(self, case: &str, what: &str) -> T {
        match self {
            Ok(value) => value,
            Err(error) => fail(case, format_args!("{what}: {error:?}")),
        }
    }
}

impl<T> Expect<T> for Option<T> {
    #[track_caller]
    fn or_fail(self, case: &str, what: &str) -> T {
        match self {
            Some(value) => value,
            None => fail(case, what),
        }
    }
}

/// The stored entries of every complaint, as the store's `entries` has them.
pub(crate) async fn stored<S: ComplaintStore + ChangeFeed>(
    case: &str,
    complaints: &Complaints<S>,
    ids: &[ComplaintId],
) -> Vec<Vec<Entry>> {
    let mut all = Vec::with_capacity(ids.len());
    for &id in ids {
        all.push(
            complaints
                .store()
                .entries(id)
                .await
                .or_fail(case, &format!("reading the entries of complaint {id}")),
        );
    }
    all
}

/// Every entry of the feed (the cases that use it write a few).
pub(crate) async fn whole_feed<S: ComplaintStore + ChangeFeed>(
    case: &str,
    driver: &Complaints<S>,
) -> Vec<FeedEntry> {
    driver
        .store()
        .entries_after(0, 10_000)
        .await
        .or_fail(case, "reading the feed")
}

/// Checks that a write was refused with a conflict, expecting `expected`
/// when one is given.
#[track_caller]
pub(crate) fn refused<E: Debug>(
    case: &str,
    what: &str,
    result: Result<(), AppendError<E>>,
    expected: Option<ExpectedVersion>,
) {
    match result {
        Err(AppendError::Conflict(conflict)) => {
            if let Some(expected) = expected {
                check_eq(
                    case,
                    &conflict.expected,
                    &expected,
                    &format!("the conflict of {what} names the version the writer expected"),
                );
            }
        }
        Ok(()) => fail(
            case,
            format_args!("{what} was accepted: expected a conflict"),
        ),
        Err(AppendError::Store(error)) => fail(
            case,
            format_args!("{what}: expected a conflict, the store failed: {error:?}"),
        ),
    }
}

/// Checks that complaint `id` still has `entries` and the feed is `feed`.
pub(crate) async fn unchanged<S: ComplaintStore + ChangeFeed>(
    case: &str,
    driver: &Complaints<S>,
    id: ComplaintId,
    entries: &[Entry],
    feed: &[FeedEntry],
    what: &str,
) {
    let now = driver
        .store()
        .entries(id)
        .await
        .or_fail(case, "reading the entries");
    check_eq(
        case,
        &now.as_slice(),
        &entries,
        &format!("{what} wrote entries"),
    );
    let feed_now = whole_feed(case, driver).await;
    check_eq(
        case,
        &feed_now.as_slice(),
        &feed,
        &format!("{what} wrote to the feed"),
    );
}
