//! Case 5: the store's due query is the agenda's over the same records.

use chrono::TimeDelta;
use complaint_workflow::deadline::Agenda;
use complaint_workflow::event::{Dismiss, Uphold};
use complaint_workflow::store::{ComplaintStore, DueComplaint};
use complaint_workflow::{Department, Severity};

use crate::fixtures::{Expect, accept, check_eq, ctx, fresh, minute, start};
use crate::{Harness, Report, Scale};

const CASE: &str = "due_query";

/// Case 5: complaints of every severity (several accepted at the same
/// moment, so that due times tie), some upheld with investigation times,
/// some dismissed; then `due_before` for every due time, a second either
/// side of it, a time before all and one long after, each with the limits
/// 0, 1, 3 and `usize::MAX`, equals
/// [`Agenda::due_before`] over the loaded records, taken to the limit (ties
/// by complaint id).
///
/// # Panics
///
/// When a check fails, naming the case and what broke.
pub async fn due_query<H: Harness>(harness: &H, scale: Scale) -> Report {
    let driver = fresh(harness).await;
    let severities = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
    let count = scale.complaints.max(12);
    let mut agenda = Agenda::new();
    for n in 0..count {
        let minutes = u32::try_from(n).map_or(0, i64::from);
        let severity = severities
            .get(n % severities.len())
            .copied()
            .unwrap_or(Severity::Medium);
        // Pairs accepted at the same minute: the same due times.
        let id = driver
            .create(accept(n, severity), None, &ctx(minute(minutes / 2)))
            .await
            .or_fail(CASE, "creating a complaint")
            .complaint_id;
        let later = ctx(minute(100 + minutes));
        match n % 3 {
            1 => {
                let uphold = Uphold {
                    responsible_department: Department::new("logistics"),
                    investigation_due: minute(60 * 24 * (1 + minutes % 5)),
                };
                driver
                    .apply(id, uphold, &later)
                    .await
                    .or_fail(CASE, "upholding a complaint");
            }
            2 => {
                let dismiss = Dismiss {
                    reply: "We are sorry: the parcel was insured and refunded".into(),
                };
                driver
                    .apply(id, dismiss, &later)
                    .await
                    .or_fail(CASE, "dismissing a complaint");
            }
            _ => {}
        }
        let record = driver.load(id).await.or_fail(CASE, "loading a complaint");
        agenda.track(&record);
    }
    let far = start() + TimeDelta::days(3650);
    let mut times = vec![start() - TimeDelta::days(1), start(), far];
    for (due, _) in agenda.due_before(far) {
        times.extend([
            due - TimeDelta::seconds(1),
            due,
            due + TimeDelta::seconds(1),
        ]);
    }
    times.sort_unstable();
    times.dedup();
    for before in times {
        for limit in [0, 1, 3, usize::MAX] {
            let stored = driver
                .store()
                .due_before(before, limit)
                .await
                .or_fail(CASE, &format!("due_before({before}, {limit})"));
            let expected: Vec<DueComplaint> = agenda
                .due_before(before)
                .take(limit)
                .map(|(due, complaint_id)| DueComplaint { complaint_id, due })
                .collect();
            check_eq(
                CASE,
                &stored,
                &expected,
                &format!("due_before({before}, limit {limit}) is not the agenda's answer"),
            );
        }
    }
    Report {
        cases: 1,
        ..Report::default()
    }
}
