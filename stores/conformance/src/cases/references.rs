//! Case 7: a reference is unique per store and finds its complaint.

use complaint_workflow::store::{ComplaintStore, StoreError};
use complaint_workflow::{ComplaintRecord, Severity};

use crate::fixtures::{
    Expect, accept, check_eq, ctx, fail, fresh, refused, start, unchanged, whole_feed,
};
use crate::{Harness, Report, Scale};

const CASE: &str = "references";

/// Case 7: two complaints are created under two references; a third
/// `create` under a taken reference is a conflict, through the store and
/// through the driver, and writes nothing; `load_by_reference` (and the
/// store's `complaint_by_reference`) finds each complaint by its reference,
/// and nothing by an unknown one.
///
/// # Panics
///
/// When a check fails, naming the case and what broke.
pub async fn references<H: Harness>(harness: &H, _scale: Scale) -> Report {
    let driver = fresh(harness).await;
    let store = driver.store();
    let first = driver
        .create(
            accept(0, Severity::Medium),
            Some("CMP-2026-000001"),
            &ctx(start()),
        )
        .await
        .or_fail(CASE, "creating a complaint under a reference")
        .complaint_id;
    let second = driver
        .create(
            accept(1, Severity::Medium),
            Some("CMP-2026-000002"),
            &ctx(start()),
        )
        .await
        .or_fail(CASE, "creating a complaint under another reference")
        .complaint_id;
    let feed = whole_feed(CASE, &driver).await;

    let taken = ComplaintRecord::accept(accept(2, Severity::Low), &ctx(start()))
        .or_fail(CASE, "accepting a third complaint");
    let result = store.create(&taken, Some("CMP-2026-000001")).await;
    refused(CASE, "a create under a taken reference", result, None);
    unchanged(
        CASE,
        &driver,
        taken.id(),
        &[],
        &feed,
        "a create under a taken reference",
    )
    .await;
    match driver
        .create(
            accept(3, Severity::Low),
            Some("CMP-2026-000002"),
            &ctx(start()),
        )
        .await
    {
        Err(StoreError::Conflict { .. }) => {}
        result => fail(
            CASE,
            format_args!(
                "the driver's create under a taken reference: expected a conflict, got {result:?}"
            ),
        ),
    }
    check_eq(
        CASE,
        &whole_feed(CASE, &driver).await,
        &feed,
        "a refused create wrote to the feed",
    );

    for (reference, id) in [("CMP-2026-000001", first), ("CMP-2026-000002", second)] {
        let found = store
            .complaint_by_reference(reference)
            .await
            .or_fail(CASE, "looking up a reference");
        check_eq(
            CASE,
            &found,
            &Some(id),
            &format!("complaint_by_reference({reference:?})"),
        );
        let loaded = driver
            .load_by_reference(reference)
            .await
            .or_fail(CASE, "loading by reference");
        let expected = driver.load(id).await.or_fail(CASE, "loading the complaint");
        check_eq(
            CASE,
            &loaded,
            &Some(expected),
            &format!("load_by_reference({reference:?})"),
        );
    }
    let unknown = driver
        .load_by_reference("CMP-2026-000003")
        .await
        .or_fail(CASE, "loading by an unknown reference");
    check_eq(
        CASE,
        &unknown,
        &None,
        "load_by_reference of an unknown reference",
    );
    Report {
        cases: 1,
        conflicts: 2,
        ..Report::default()
    }
}
