//! The checkpoint worker on PostgreSQL (A1): two desks' rounds at once over
//! one schema sign every complaint once, a changed complaint is signed
//! again and an unchanged one is not, and the latest checkpoint verifies
//! the stored history.

use chrono::{Duration, Utc};
use complaint_desk::checkpoint_key::CheckpointKey;
use complaint_desk::checkpoint_worker;
use complaint_desk::startup;
use complaint_workflow::audit::{self, KeyId, SigningKey};
use complaint_workflow::event::AddNote;
use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow::{Actor, Context, Policy};

use super::support::{accepted, fresh_schema};

/// A1, checkpoint: two desks (two pools) checkpointing at once sign each
/// of 30 complaints in exactly one saved checkpoint; after a note on one,
/// the next round signs that one alone; its history verifies against it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a1_postgres_two_desks_checkpoint_each_complaint_once_and_only_changed_ones_again() {
    let test = "a1_postgres_two_desks_checkpoint_each_complaint_once_and_only_changed_ones_again";
    let Some(url) = fresh_schema(test, "checkpoints").await else {
        return;
    };
    let east = startup::open_postgres(&url).await.unwrap();
    let west = startup::open_postgres(&url).await.unwrap();
    let policy = Policy::default();
    let at = Utc::now() - Duration::hours(1);
    let mut ids = Vec::new();
    for n in 0..30 {
        let record = accepted(&format!("customer-{n}"), at, &policy);
        east.create(&record, None).await.unwrap();
        ids.push(record.id());
    }
    let key = CheckpointKey::new(
        KeyId::new("desk-2026-12").unwrap(),
        SigningKey::from_bytes(&[9; 32]),
    );
    let (at_east, at_west) = (Complaints::new(east.clone()), Complaints::new(west.clone()));
    let (a, b) = tokio::join!(
        checkpoint_worker::round(&at_east, &key, 7),
        checkpoint_worker::round(&at_west, &key, 7)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.heads + b.heads >= 30, "{a:?} {b:?}");
    for &id in &ids {
        let signed = east.chain_checkpoints(id).await.unwrap();
        assert_eq!(signed.len(), 1, "{id}: {signed:?}");
    }

    let complaints = Complaints::new(east.clone());
    let ctx = Context::new(Actor::agent("agent-7"), Utc::now(), &policy);
    complaints
        .apply(
            ids[3],
            AddNote {
                text: "Called back".into(),
            },
            &ctx,
        )
        .await
        .unwrap();
    let again = checkpoint_worker::round(&complaints, &key, 7)
        .await
        .unwrap();
    assert_eq!((again.checkpoints, again.heads, again.failed), (1, 1, 0));
    assert_eq!(east.chain_checkpoints(ids[3]).await.unwrap().len(), 2);
    assert_eq!(east.chain_checkpoints(ids[4]).await.unwrap().len(), 1);
    let latest = east.latest_chain_checkpoint(ids[3]).await.unwrap().unwrap();
    let record = complaints.load(ids[3]).await.unwrap();
    assert_eq!(latest.head_of(ids[3]).map(|h| h.version), Some(2));
    assert_eq!(
        audit::verify_against(
            record.entries(),
            &latest,
            &key.signing_key().verifying_key()
        ),
        Ok(record.chain_head())
    );
}
