//! The desk under load, on loopback only and bounded: 32 concurrent
//! clients (each its own user, token and keep-alive connections) against
//! the real server on `127.0.0.1:0` over a fresh SQLite file. Every event
//! POST carries an `If-Match`; some are sent first with a stale one, some
//! are retried with the same `Idempotency-Key`, some race a second writer
//! holding the same version. Afterwards the store must hold exactly the
//! entries that were answered 200, once each, in the order answered; every
//! stale write must have been answered 412; every history must replay.
//!
//! 20,000 events over 2,000 complaints, in debug builds too (about 70 s on
//! a busy 2-core machine); `cargo test -p complaint-desk --test load --
//! --nocapture` prints the figures, and `DESK_LOAD_COMPLAINTS=N` runs
//! another size.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use complaint_desk::auth::{tokens, users};
use complaint_desk::configuration::{PasswordCost, Settings};
use complaint_desk::startup::{self, AppState};
use complaint_workflow::store::ComplaintStore;
use complaint_workflow::{ComplaintId, ComplaintRecord, Policy, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

const CLIENTS: usize = 32;
const EVENTS_PER_COMPLAINT: usize = 10;
/// 2,000 complaints (20,000 events); `DESK_LOAD_COMPLAINTS` sets another
/// number.
fn complaints() -> usize {
    std::env::var("DESK_LOAD_COMPLAINTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

/// One client: its user's token and the answers' latencies.
struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
    latencies: Vec<Duration>,
    tally: Tally,
}

/// What one client sent and saw.
#[derive(Default)]
struct Tally {
    /// Events answered 200 for the first time.
    applied: usize,
    /// Writes sent with a version the complaint was no longer at (or
    /// losing a race): each must be a 412.
    stale: usize,
    /// Of those, answered 412.
    refused_stale: usize,
    /// Requests repeated with the same `Idempotency-Key`.
    retried: usize,
    /// Of those, answered exactly as the first time.
    retried_same: usize,
}

/// One complaint as the clients saw it: its id, the version of its last
/// answer, and the entry ids answered 200, in order.
struct Complaint {
    id: String,
    version: u64,
    answered: Vec<String>,
}

struct Answer {
    status: StatusCode,
    body: Value,
    took: Duration,
}

impl Client {
    async fn post(
        &self,
        path: &str,
        if_match: Option<u64>,
        key: Option<&str>,
        body: &Value,
    ) -> Answer {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(body);
        if let Some(version) = if_match {
            request = request.header("if-match", format!("\"{version}\""));
        }
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let start = Instant::now();
        let response = request.send().await.unwrap();
        let status = response.status();
        let body = response.json().await.unwrap();
        Answer {
            status,
            body,
            took: start.elapsed(),
        }
    }

    fn took(&mut self, answer: &Answer) {
        self.latencies.push(answer.took);
    }

    /// Intake of complaint `n`, retried once for every tenth.
    async fn intake(&mut self, n: usize) -> Complaint {
        let key = format!("intake-{n}");
        let form = json!({
            "complainant": {"id": format!("customer-{n}"), "member": n % 2 == 0},
            "received_at": (chrono::Utc::now() - chrono::Duration::minutes(1)).to_rfc3339(),
            "channel": "phone",
            "content": format!("Complaint {n}: the parcel arrived broken"),
            "category": "delivery",
            "severity": "medium"
        });
        let created = self.post("/api/complaints", None, Some(&key), &form).await;
        self.took(&created);
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        if n % 10 == 0 {
            let again = self.post("/api/complaints", None, Some(&key), &form).await;
            self.took(&again);
            self.tally.retried += 1;
            if again.status == StatusCode::CREATED && again.body == created.body {
                self.tally.retried_same += 1;
            }
        }
        Complaint {
            id: created.body["record"]["id"].as_str().unwrap().to_owned(),
            version: created.body["record"]["version"].as_u64().unwrap(),
            answered: Vec::new(),
        }
    }

    /// The `k`th event of complaint `n`, with the deliberate stale write,
    /// retry or race that `n` and `k` call for.
    async fn event(&mut self, n: usize, k: usize, complaint: &mut Complaint) {
        let path = format!("/api/complaints/{}/events", complaint.id);
        let event = event(n, k);
        let version = complaint.version;
        let key = format!("{n}-{k}");

        if (n + k) % 5 == 0 {
            // A stale version: the one before, or (at the first event) one
            // the complaint has not reached.
            let stale = if version > 1 {
                version - 1
            } else {
                version + 1
            };
            let note = json!({"type": "add_note", "data": {"text": format!("stale {n}-{k}")}});
            let answer = self
                .post(&path, Some(stale), Some(&format!("stale-{key}")), &note)
                .await;
            self.took(&answer);
            self.stale_answer(&answer);
        }

        let answer = if k >= 3 && (n + k) % 7 == 0 {
            // A race: a second writer with the same version and its own key.
            let rival = json!({"type": "add_note", "data": {"text": format!("rival {n}-{k}")}});
            let rival_key = format!("rival-{key}");
            let (mine, theirs) = tokio::join!(
                self.post(&path, Some(version), Some(&key), &event),
                self.post(&path, Some(version), Some(&rival_key), &rival),
            );
            self.took(&mine);
            self.took(&theirs);
            if mine.status == StatusCode::OK {
                self.stale_answer(&theirs);
                mine
            } else {
                // The rival won: its entry is one more answered 200, and
                // ours is a stale write to send again at the new version.
                assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
                self.stale_answer(&mine);
                self.applied(complaint, &theirs);
                let again = self
                    .post(&path, Some(complaint.version), Some(&key), &event)
                    .await;
                self.took(&again);
                again
            }
        } else {
            let answer = self.post(&path, Some(version), Some(&key), &event).await;
            self.took(&answer);
            answer
        };
        assert_eq!(answer.status, StatusCode::OK, "{n}-{k}: {}", answer.body);
        self.applied(complaint, &answer);

        if (n + k) % 4 == 0 {
            // A retry of the same request, as after a lost answer.
            let again = self.post(&path, Some(version), Some(&key), &event).await;
            self.took(&again);
            self.tally.retried += 1;
            if again.status == StatusCode::OK && again.body == answer.body {
                self.tally.retried_same += 1;
            }
        }
    }

    fn stale_answer(&mut self, answer: &Answer) {
        self.tally.stale += 1;
        if answer.status == StatusCode::PRECONDITION_FAILED
            && answer.body["kind"] == "stale_version"
        {
            self.tally.refused_stale += 1;
        }
    }

    fn applied(&mut self, complaint: &mut Complaint, answer: &Answer) {
        self.tally.applied += 1;
        complaint.version = answer.body["version"].as_u64().unwrap();
        for entry in answer.body["entries"].as_array().unwrap() {
            complaint
                .answered
                .push(entry["id"].as_str().unwrap().to_owned());
        }
    }
}

/// The `k`th event of complaint `n`: uphold, investigate, propose, then notes.
fn event(n: usize, k: usize) -> Value {
    match k {
        0 => json!({"type": "uphold", "data": {
            "responsible_department": "logistics",
            "investigation_due": (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339()
        }}),
        1 => json!({"type": "investigate", "data": {"findings": {
            "root_cause": "logistics",
            "description": "The parcel was dropped in the depot",
            "responsible_parties": [
                {"person": "driver-3", "department": "logistics", "responsibility": "direct"}
            ]
        }}}),
        2 => json!({"type": "propose", "data": {"options": [
            {"description": "Send a new one", "compensation": null}
        ]}}),
        _ => json!({"type": "add_note", "data": {"text": format!("note {n}-{k}")}}),
    }
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let index = (sorted.len() * p / 100).min(sorted.len().saturating_sub(1));
    sorted.get(index).copied().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn under_32_clients_no_entry_is_lost_or_duplicated_and_every_stale_write_is_412() {
    let dir = tempfile::tempdir().unwrap();
    let store = startup::open(dir.path().join("load.sqlite").to_str().unwrap())
        .await
        .unwrap();
    let pool = store.pool().clone();
    let settings = Settings {
        password_cost: PasswordCost::TESTING,
        ..Settings::default()
    };
    let mut client_tokens = Vec::new();
    for c in 0..CLIENTS {
        let id = users::add(
            &pool,
            &format!("agent-{c:02}"),
            Role::Agent,
            "a long enough password",
            settings.password_cost,
        )
        .await
        .unwrap();
        client_tokens.push(tokens::create(&pool, id, Some("load")).await.unwrap());
    }
    let state = AppState::new(store.clone(), pool.clone(), Policy::default(), settings);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(startup::serve(listener, startup::router(state), async {
        let _ = stopped.await;
    }));

    let complaints_total = complaints();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (c, token) in client_tokens.into_iter().enumerate() {
        let base = base.clone();
        tasks.spawn(async move {
            let mut client = Client {
                http: reqwest::Client::new(),
                base,
                token,
                latencies: Vec::new(),
                tally: Tally::default(),
            };
            let mine: Vec<usize> = (c..complaints_total).step_by(CLIENTS).collect();
            let mut complaints = Vec::new();
            for &n in &mine {
                complaints.push(client.intake(n).await);
            }
            // Round by round, so every complaint of the client is in flight.
            for k in 0..EVENTS_PER_COMPLAINT {
                for (&n, complaint) in mine.iter().zip(complaints.iter_mut()) {
                    client.event(n, k, complaint).await;
                }
            }
            (client, complaints)
        });
    }
    let mut latencies = Vec::new();
    let mut tally = Tally::default();
    let mut answered: HashMap<ComplaintId, Vec<String>> = HashMap::new();
    while let Some(done) = tasks.join_next().await {
        let (client, complaints) = done.unwrap();
        latencies.extend(client.latencies);
        tally.applied += client.tally.applied;
        tally.stale += client.tally.stale;
        tally.refused_stale += client.tally.refused_stale;
        tally.retried += client.tally.retried;
        tally.retried_same += client.tally.retried_same;
        for complaint in complaints {
            answered.insert(complaint.id.parse().unwrap(), complaint.answered);
        }
    }
    let elapsed = started.elapsed();
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();

    // What the store holds: each complaint's history, replayed.
    let mut lost = 0;
    let mut duplicated = 0;
    let mut stored_entries = 0;
    for (id, answered) in &answered {
        let entries = store.entries(*id).await.unwrap();
        stored_entries += entries.len();
        let record = ComplaintRecord::replay(entries).unwrap();
        let stored: Vec<String> = record
            .entries()
            .iter()
            .skip(1)
            .map(|e| e.id().to_string())
            .collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for id in &stored {
            *counts.entry(id.as_str()).or_default() += 1;
        }
        lost += answered
            .iter()
            .filter(|id| !counts.contains_key(id.as_str()))
            .count();
        duplicated += counts.values().map(|&n| n - 1).sum::<usize>();
        // Nothing but the answered entries, in the order answered.
        assert_eq!(&stored, answered, "{id}");
        let texts: Vec<String> = record
            .entries()
            .iter()
            .filter_map(|e| serde_json::to_value(e.event()).ok())
            .filter_map(|v| v["data"]["text"].as_str().map(str::to_owned))
            .collect();
        assert!(
            texts.iter().all(|t| !t.starts_with("stale")),
            "{id}: {texts:?}"
        );
    }
    let complaints: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM complaints")
        .fetch_one(&pool)
        .await
        .unwrap();
    let events = tally.applied;
    latencies.sort_unstable();
    let requests = latencies.len();
    println!(
        "load: {CLIENTS} clients, {complaints_total} complaints, {events} events applied ({stored_entries} entries stored with the intakes) \
         in {requests} requests, {:.1} s ({:.0} requests/s); latency p50 {:.2} ms, p99 {:.2} ms; \
         {} stale writes, {} answered 412; {} retries, {} answered the same; {lost} lost, {duplicated} duplicated",
        elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 50).as_secs_f64() * 1e3,
        percentile(&latencies, 99).as_secs_f64() * 1e3,
        tally.stale,
        tally.refused_stale,
        tally.retried,
        tally.retried_same,
    );
    assert_eq!(complaints, i64::try_from(complaints_total).unwrap());
    assert_eq!((lost, duplicated), (0, 0));
    assert_eq!(stored_entries, complaints_total + events);
    assert!(events >= complaints_total * EVENTS_PER_COMPLAINT);
    assert!(tally.stale > complaints_total * EVENTS_PER_COMPLAINT / 5);
    assert_eq!(tally.refused_stale, tally.stale);
    assert!(tally.retried > complaints_total * EVENTS_PER_COMPLAINT / 4);
    assert_eq!(tally.retried_same, tally.retried);
}
