//! `--demo`'s month: generated, stored through the SQLite store, read back.

use chrono::{TimeZone, Utc};
use complaint_desk::demo::{self, Month, Seeded};
use complaint_desk::startup;
use complaint_workflow::deadline::Agenda;
use complaint_workflow::report::{BreachReport, ClassificationReport, FollowUpSummary};
use complaint_workflow::store::ComplaintStore;
use complaint_workflow::time::Zone;
use complaint_workflow::{ComplaintRecord, Policy};

fn shanghai() -> Zone {
    Zone::iana("Asia/Shanghai").unwrap()
}

/// S1, S2 and S4 of a month: stored and read back, the store's complaints
/// report what the generator's do.
#[tokio::test]
async fn a_seeded_month_is_stored_whole_its_histories_replay_and_its_reports_are_the_generators() {
    let dir = tempfile::tempdir().unwrap();
    let store = startup::open(dir.path().join("desk.sqlite").to_str().unwrap())
        .await
        .unwrap();
    let month = Month {
        year: 2026,
        month: 11,
        zone: shanghai(),
        seed: Month::SEED,
    };
    let period = month.period().unwrap();
    let policy = Policy::default();
    let made = demo::generate(&month, &policy, period.end()).unwrap();
    // 4 to 10 a day over 30 days.
    assert!((120..=300).contains(&made.len()), "{}", made.len());

    let seeded = demo::seed(&store, month.seed, &made).await.unwrap();
    assert_eq!(
        seeded,
        Seeded {
            stored: made.len(),
            present: 0
        }
    );

    let mut loaded = Vec::new();
    for (index, record) in (1..).zip(&made) {
        let reference = demo::reference(month.seed, index);
        let id = store.complaint_by_reference(&reference).await.unwrap();
        assert_eq!(id, Some(record.id()), "{reference}");
        let entries = store.entries(record.id()).await.unwrap();
        let replayed = ComplaintRecord::replay(entries).unwrap();
        assert_eq!(&replayed, record);
        loaded.push(replayed);
    }

    let s1 = ClassificationReport::compute(&loaded, &period);
    assert_eq!(s1, ClassificationReport::compute(&made, &period));
    assert_eq!(s1.complaints, u64::try_from(made.len()).unwrap());
    assert_eq!(
        FollowUpSummary::compute(&loaded, &period),
        FollowUpSummary::compute(&made, &period)
    );
    assert_eq!(
        BreachReport::compute(&loaded, &period, period.end()),
        BreachReport::compute(&made, &period, period.end())
    );

    // The store's due index agrees with an agenda of the generated records.
    let mut agenda = Agenda::new();
    for record in &made {
        agenda.track(record);
    }
    let far = Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).unwrap();
    let due: Vec<_> = store
        .due_before(far, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.due, d.complaint_id))
        .collect();
    assert_eq!(due, agenda.due_before(far).collect::<Vec<_>>());
    assert!(!due.is_empty());

    // Seeding the month again stores nothing twice.
    let again = demo::seed(&store, month.seed, &made).await.unwrap();
    assert_eq!(
        again,
        Seeded {
            stored: 0,
            present: made.len()
        }
    );
}
