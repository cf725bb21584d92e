//! Case 6: the change feed is complete and in order under racing writers,
//! and a reader that pages through it while they write skips nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use complaint_workflow::store::{ChangeFeed, FeedEntry};

use crate::cases::race::{complaints, joined, race, verify};
use complaint_workflow::ComplaintId;

use crate::fixtures::{Driver, Expect, check, check_eq, fresh, stored};
use crate::{Harness, Report, Scale};

const CASE: &str = "change_feed";

/// Notes each writer adds.
const NOTES_PER_WRITER: usize = 25;

/// The page size of the reader that reads while the writers write.
const PAGE: usize = 3;

/// How many entries the streaming reader asks for at a time.
const STREAM: usize = 7;

/// Case 6: `scale.writers` writers (at least 2) add notes to
/// `scale.complaints` complaints (at least 2) while a reader pages through
/// `entries_after` three entries at a time from where it stopped. Then
/// `entries_after(0, …)` holds every stored entry of every complaint
/// exactly once, positions strictly increasing, each complaint's entries in
/// sequence order; the reader read exactly that list (it skipped nothing);
/// `entries_after(p, n)` is the part after `p`. A second reader streams
/// the feed with `for_each_after` seven entries at a time meanwhile: it is
/// handed exactly the same list, and `for_each_after(p, n)` hands over what
/// `entries_after(p, n)` answers. A subscriber's checkpoint
/// starts at 0 and reads back what was saved, apart from another's.
///
/// # Panics
///
/// When a check fails, naming the case and what broke.
pub async fn change_feed<H: Harness>(harness: &H, scale: Scale) -> Report {
    let driver = fresh(harness).await;
    let store = driver.store();
    let empty = store
        .entries_after(0, 10)
        .await
        .or_fail(CASE, "reading an empty feed");
    check(CASE, empty.is_empty(), || {
        format!("a fresh store's feed holds {} entries", empty.len())
    });
    let ids = complaints(CASE, &driver, scale.complaints.max(2)).await;

    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let store = store.clone();
        let done = Arc::clone(&done);
        tokio::spawn(async move {
            let mut position = 0;
            let mut seen: Vec<FeedEntry> = Vec::new();
            loop {
                let finished = done.load(Ordering::SeqCst);
                let page = store
                    .entries_after(position, PAGE)
                    .await
                    .or_fail(CASE, "the reader's entries_after");
                check(CASE, page.len() <= PAGE, || {
                    format!(
                        "entries_after({position}, {PAGE}) returned {} entries",
                        page.len()
                    )
                });
                if page.is_empty() && finished {
                    return seen;
                }
                for entry in page {
                    check(CASE, entry.position > position, || {
                        format!(
                            "entries_after({position}, {PAGE}) returned position {} (not after {position})",
                            entry.position
                        )
                    });
                    position = entry.position;
                    seen.push(entry);
                }
                tokio::task::yield_now().await;
            }
        })
    };
    let stream_reader = {
        let store = store.clone();
        let done = Arc::clone(&done);
        tokio::spawn(async move {
            let mut position = 0;
            let mut seen: Vec<FeedEntry> = Vec::new();
            loop {
                let finished = done.load(Ordering::SeqCst);
                let from = position;
                let handed = store
                    .for_each_after(from, STREAM, |entry| {
                        check(CASE, entry.position > position, || {
                            format!(
                                "for_each_after({from}, {STREAM}) handed over position {} after {position}",
                                entry.position
                            )
                        });
                        position = entry.position;
                        seen.push(entry);
                    })
                    .await
                    .or_fail(CASE, "the streaming reader's for_each_after");
                check(CASE, handed <= STREAM, || {
                    format!("for_each_after({from}, {STREAM}) handed over {handed} entries")
                });
                if handed == 0 && finished {
                    return seen;
                }
                tokio::task::yield_now().await;
            }
        })
    };
    let writers = scale.writers.max(2);
    let race = race(CASE, &driver, 0, &ids, writers, NOTES_PER_WRITER).await;
    done.store(true, Ordering::SeqCst);
    let seen = joined(CASE, reader.await);
    let streamed = joined(CASE, stream_reader.await);
    let found = verify(CASE, &driver, &ids, &race.written).await;
    check(CASE, found.lost == 0 && found.duplicated == 0, || {
        format!(
            "{} notes lost, {} stored twice",
            found.lost, found.duplicated
        )
    });

    let last = final_feed(&driver, &ids, &seen).await;
    streamed_feed(&driver, &streamed).await;
    checkpoints(&driver, last).await;
    Report {
        cases: 1,
        conflicts: race.conflicts,
        ..Report::default()
    }
}

/// Checks the feed after the writers against the stored histories and what
/// the reader saw; its last position.
async fn final_feed<S: ChangeFeed + complaint_workflow::store::ComplaintStore>(
    driver: &Driver<S>,
    ids: &[ComplaintId],
    seen: &[FeedEntry],
) -> u64 {
    let store = driver.store();
    let histories = stored(CASE, driver, ids).await;
    let total: usize = histories.iter().map(Vec::len).sum();
    let feed = store
        .entries_after(0, total + 1)
        .await
        .or_fail(CASE, "reading the whole feed");
    check_eq(
        CASE,
        &feed.len(),
        &total,
        "entries in the feed against entries stored",
    );
    check(
        CASE,
        feed.first().is_none_or(|first| first.position >= 1),
        || "a feed position below 1".to_owned(),
    );
    check(
        CASE,
        feed.windows(2)
            .all(|pair| matches!(pair, [a, b] if a.position < b.position)),
        || "feed positions do not strictly increase".to_owned(),
    );
    for (id, history) in ids.iter().zip(&histories) {
        let of_complaint: Vec<_> = feed
            .iter()
            .filter(|entry| entry.entry.complaint_id() == *id)
            .map(|entry| entry.entry.clone())
            .collect();
        check_eq(
            CASE,
            &of_complaint,
            history,
            &format!(
                "the feed's entries of complaint {id}, in position order, against its stored entries"
            ),
        );
    }
    check_eq(
        CASE,
        &seen,
        &feed.as_slice(),
        "what a reader paged through while the writers wrote against the final feed",
    );
    for k in [
        0,
        feed.len() / 3,
        feed.len() / 2,
        feed.len().saturating_sub(2),
    ] {
        let Some(at) = feed.get(k) else { continue };
        let part = store
            .entries_after(at.position, 5)
            .await
            .or_fail(CASE, "reading part of the feed");
        let expected: Vec<FeedEntry> = feed.iter().skip(k + 1).take(5).cloned().collect();
        check_eq(
            CASE,
            &part,
            &expected,
            &format!("entries_after({}, 5)", at.position),
        );
    }
    let last = feed.last().map_or(0, |entry| entry.position);
    let after = store
        .entries_after(last, usize::MAX)
        .await
        .or_fail(CASE, "reading after the last position");
    check(CASE, after.is_empty(), || {
        format!(
            "entries_after(the last position, usize::MAX) returned {} entries",
            after.len()
        )
    });

    last
}

/// What `for_each_after` hands over is what `entries_after` answers: for
/// the reader that streamed while the writers wrote, for the whole feed,
/// for parts of it and after its last position.
async fn streamed_feed<S: ChangeFeed + complaint_workflow::store::ComplaintStore>(
    driver: &Driver<S>,
    streamed: &[FeedEntry],
) {
    let store = driver.store();
    let feed = store
        .entries_after(0, usize::MAX)
        .await
        .or_fail(CASE, "reading the whole feed");
    check_eq(
        CASE,
        &streamed,
        &feed.as_slice(),
        "what a reader streamed with for_each_after while the writers wrote against the final feed",
    );
    let last = feed.last().map_or(0, |entry| entry.position);
    let mut asked = vec![(0, usize::MAX), (0, 1), (last, usize::MAX), (last, 0)];
    for k in [1, feed.len() / 3, feed.len().saturating_sub(2)] {
        if let Some(at) = feed.get(k) {
            asked.extend([(at.position, 5), (at.position, usize::MAX)]);
        }
    }
    for (position, limit) in asked {
        let mut handed = Vec::new();
        let count = store
            .for_each_after(position, limit, |entry| handed.push(entry))
            .await
            .or_fail(CASE, "streaming part of the feed");
        let expected = store
            .entries_after(position, limit)
            .await
            .or_fail(CASE, "reading part of the feed");
        check_eq(
            CASE,
            &handed,
            &expected,
            &format!("for_each_after({position}, {limit}) against entries_after"),
        );
        check_eq(
            CASE,
            &count,
            &expected.len(),
            &format!("the count for_each_after({position}, {limit}) answered"),
        );
    }
}

/// Checkpoints start at 0, read back what was saved, and are kept per
/// subscriber.
async fn checkpoints<S: ChangeFeed + complaint_workflow::store::ComplaintStore>(
    driver: &Driver<S>,
    last: u64,
) {
    let store = driver.store();
    let read = |name: &'static str| async move {
        store
            .checkpoint(name)
            .await
            .or_fail(CASE, "reading a checkpoint")
    };
    check_eq(
        CASE,
        &read("conformance-mailer").await,
        &0,
        "a checkpoint never saved",
    );
    let middle = last / 2;
    store
        .save_checkpoint("conformance-mailer", middle)
        .await
        .or_fail(CASE, "saving a checkpoint");
    check_eq(
        CASE,
        &read("conformance-mailer").await,
        &middle,
        "a saved checkpoint",
    );
    check_eq(
        CASE,
        &read("conformance-report").await,
        &0,
        "another subscriber's checkpoint",
    );
    store
        .save_checkpoint("conformance-report", 1)
        .await
        .or_fail(CASE, "saving a checkpoint");
    store
        .save_checkpoint("conformance-mailer", last)
        .await
        .or_fail(CASE, "saving a checkpoint again");
    check_eq(
        CASE,
        &read("conformance-mailer").await,
        &last,
        "a checkpoint saved twice",
    );
    check_eq(
        CASE,
        &read("conformance-report").await,
        &1,
        "another subscriber's checkpoint",
    );
}
