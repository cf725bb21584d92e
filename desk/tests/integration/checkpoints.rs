//! The checkpoint worker and the complaint page's checkpoint on SQLite
//! (A1): a round signs the heads of the complaints that changed since
//! their last checkpoint and not the others; two desks checkpointing at
//! once save each checkpoint once; a supervisor's complaint page says
//! whether the history verifies against its latest checkpoint, and says it
//! does not after an entry's text was edited in the database with every
//! hash recomputed.

use axum::http::StatusCode;
use complaint_desk::checkpoint_key::CheckpointKey;
use complaint_desk::checkpoint_worker::{self, CheckpointRound};
use complaint_desk::configuration::{CheckpointSettings, Settings};
use complaint_workflow::ComplaintId;
use complaint_workflow::audit::{KeyId, SigningKey};
use complaint_workflow::store::Complaints;
use serde_json::{Value, json};

use super::pages::{get, html, sign_in};
use super::support::Desk;

fn key() -> CheckpointKey {
    CheckpointKey::new(
        KeyId::new("desk-2026-12").unwrap(),
        SigningKey::from_bytes(&[9; 32]),
    )
}

async fn keyed_desk() -> Desk {
    Desk::with(Settings {
        checkpoints: CheckpointSettings {
            key: Some(key()),
            ..CheckpointSettings::default()
        },
        ..Settings::default()
    })
    .await
}

fn note(text: &str) -> Value {
    json!({"type": "add_note", "data": {"text": text}})
}

async fn add_note(desk: &Desk, id: &str, version: u64, text: &str) {
    let answer = desk
        .post_event(id, version, &note(text), &desk.agent, None)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

async fn checkpoints_of(desk: &Desk, id: &str) -> Vec<u64> {
    let id: ComplaintId = id.parse().unwrap();
    desk.store
        .chain_checkpoints(id)
        .await
        .unwrap()
        .iter()
        .map(|checkpoint| checkpoint.head_of(id).unwrap().version)
        .collect()
}

/// The verdict the complaint page shows the viewer, if it shows one.
async fn verdict(desk: &Desk, cookie: &str, id: &str) -> Option<String> {
    let page = get(desk, &format!("/complaints/{id}"), Some(cookie), None).await;
    assert_eq!(page.status, StatusCode::OK);
    html(&page)
        .split("data-verdict=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned)
}

/// A1, checkpoint: a round signs every complaint whose version changed
/// since its last checkpoint (at first, all), one head each, and signs
/// none that did not change; a round with nothing changed saves nothing.
#[tokio::test]
async fn a1_the_checkpoint_worker_signs_changed_complaints_and_not_unchanged_ones() {
    let desk = keyed_desk().await;
    let changed = desk.complaint(&desk.agent).await;
    let unchanged = desk.complaint(&desk.agent).await;
    let complaints = Complaints::new(desk.store.clone());

    let first = checkpoint_worker::round(&complaints, &key(), 1)
        .await
        .unwrap();
    assert_eq!(
        first,
        CheckpointRound {
            checkpoints: 2,
            heads: 2,
            failed: 0
        },
        "a batch of one: one checkpoint a complaint"
    );
    assert_eq!(checkpoints_of(&desk, &changed).await, vec![1]);
    assert_eq!(checkpoints_of(&desk, &unchanged).await, vec![1]);

    add_note(&desk, &changed, 1, "Called the customer back").await;
    let second = checkpoint_worker::round(&complaints, &key(), 100)
        .await
        .unwrap();
    assert_eq!(
        second,
        CheckpointRound {
            checkpoints: 1,
            heads: 1,
            failed: 0
        }
    );
    assert_eq!(checkpoints_of(&desk, &changed).await, vec![1, 2]);
    assert_eq!(checkpoints_of(&desk, &unchanged).await, vec![1]);

    let third = checkpoint_worker::round(&complaints, &key(), 100)
        .await
        .unwrap();
    assert_eq!(third, CheckpointRound::default());
}

/// A1, checkpoint: two desks running a round at the same time, with the
/// same key, over the same database, leave one checkpoint of each head:
/// the second finds nothing changed, or signs the same bytes (a
/// checkpoint is dated by its newest entry), which the store keeps once.
#[tokio::test]
async fn a1_two_desks_checkpointing_at_once_save_each_checkpoint_once() {
    let desk = keyed_desk().await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(desk.complaint(&desk.agent).await);
    }
    let east = Complaints::new(desk.store.clone());
    let west = Complaints::new(desk.store.clone());
    let key = key();
    let (a, b) = tokio::join!(
        checkpoint_worker::round(&east, &key, 2),
        checkpoint_worker::round(&west, &key, 2)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.heads + b.heads >= 5, "{a:?} {b:?}");
    for id in &ids {
        assert_eq!(checkpoints_of(&desk, id).await, vec![1], "{id}");
    }
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM chain_checkpoints")
        .fetch_one(&desk.pool)
        .await
        .unwrap();
    assert_eq!(stored, 3, "batches of 2, 2 and 1, each saved once");
}

/// A1, checkpoint: a supervisor's complaint page shows the latest
/// checkpoint and that the history verifies against it (an agent's shows
/// no checkpoint); after someone with write access to the rows edits a
/// note and recomputes every hash (here: the rows rewritten as schema 1,
/// which the store seals again on read to a chain that verifies), the page
/// says the history does not match its checkpoint.
#[tokio::test]
async fn a1_the_complaint_page_says_when_the_history_does_not_match_its_checkpoint() {
    let desk = keyed_desk().await;
    let id = desk.complaint(&desk.agent).await;
    let rude = "The customer was rude on the phone";
    add_note(&desk, &id, 1, rude).await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let agent = sign_in(&desk, "agent-7").await;
    assert_eq!(
        verdict(&desk, &supervisor.cookie, &id).await.as_deref(),
        Some("none")
    );

    let complaints = Complaints::new(desk.store.clone());
    checkpoint_worker::round(&complaints, &key(), 100)
        .await
        .unwrap();
    assert_eq!(
        verdict(&desk, &supervisor.cookie, &id).await.as_deref(),
        Some("verified")
    );
    let page = get(
        &desk,
        &format!("/complaints/{id}"),
        Some(&supervisor.cookie),
        None,
    )
    .await;
    assert!(html(&page).contains("desk-2026-12"), "the key id is shown");
    assert_eq!(verdict(&desk, &agent.cookie, &id).await, None);

    // The attack: past the append-only trigger, the note edited and every
    // row made schema 1 without its seal; loading seals it again.
    sqlx::query("DROP TRIGGER entries_no_update")
        .execute(&desk.pool)
        .await
        .unwrap();
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT position, body FROM entries WHERE complaint_id = ?1")
            .bind(&id)
            .fetch_all(&desk.pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 2);
    for (position, body) in rows {
        let mut entry: Value = serde_json::from_str(&body).unwrap();
        let object = entry.as_object_mut().unwrap();
        object.remove("seal");
        object.insert("schema".into(), Value::from(1));
        if let Some(text) = entry.pointer_mut("/event/data/text") {
            assert_eq!(text.as_str(), Some(rude));
            *text = Value::from("The customer was polite");
        }
        sqlx::query("UPDATE entries SET body = ?1, schema = 1 WHERE position = ?2")
            .bind(entry.to_string())
            .bind(position)
            .execute(&desk.pool)
            .await
            .unwrap();
    }
    // The forged history loads: its chain verifies.
    let forged = complaints.load(id.parse().unwrap()).await.unwrap();
    assert_eq!(forged.version(), 2);

    let page = get(
        &desk,
        &format!("/complaints/{id}"),
        Some(&supervisor.cookie),
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(html(&page).contains("The customer was polite"));
    assert_eq!(
        verdict(&desk, &supervisor.cookie, &id).await.as_deref(),
        Some("mismatch")
    );
    assert!(
        html(&page).contains("does not match its checkpoint"),
        "{}",
        html(&page)
    );
    // In Chinese too.
    let zh = get(
        &desk,
        &format!("/complaints/{id}"),
        Some(&supervisor.cookie),
        Some("zh-CN"),
    )
    .await;
    assert!(
        html(&zh).contains("处理记录与其检查点不符"),
        "{}",
        html(&zh)
    );
}

/// A1: a checkpoint signed with a key the desk does not hold or trust is
/// shown as one it cannot verify; listing the old public key as trusted
/// (after a rotation) verifies it again.
#[tokio::test]
async fn a1_a_checkpoint_of_an_untrusted_key_is_not_verified_until_it_is_trusted() {
    let old = CheckpointKey::new(
        KeyId::new("desk-2025-12").unwrap(),
        SigningKey::from_bytes(&[3; 32]),
    );
    let desk = keyed_desk().await;
    let id = desk.complaint(&desk.agent).await;
    let complaints = Complaints::new(desk.store.clone());
    checkpoint_worker::round(&complaints, &old, 100)
        .await
        .unwrap();
    let supervisor = sign_in(&desk, "supervisor-1").await;
    assert_eq!(
        verdict(&desk, &supervisor.cookie, &id).await.as_deref(),
        Some("unknown-key")
    );

    let public: String = old
        .signing_key()
        .verifying_key()
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let trusted =
        complaint_desk::checkpoint_key::parse_trusted(&format!("desk-2025-12 {public}")).unwrap();
    let rotated = Desk::with(Settings {
        checkpoints: CheckpointSettings {
            key: Some(key()),
            trusted,
            ..CheckpointSettings::default()
        },
        ..Settings::default()
    })
    .await;
    let id = rotated.complaint(&rotated.agent).await;
    let complaints = Complaints::new(rotated.store.clone());
    checkpoint_worker::round(&complaints, &old, 100)
        .await
        .unwrap();
    let supervisor = sign_in(&rotated, "supervisor-1").await;
    assert_eq!(
        verdict(&rotated, &supervisor.cookie, &id).await.as_deref(),
        Some("verified")
    );
}
