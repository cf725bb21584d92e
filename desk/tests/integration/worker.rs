//! The due-worker on SQLite (W1, W3, F5): one round applies exactly what
//! each claimed complaint is owed, as the system actor, and a second round
//! at the same time applies nothing; the complaint page's timeline shows
//! the entries; the worker started by the server stops at shutdown.

use axum::http::{Method, StatusCode, header};
use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_desk::auth::users;
use complaint_desk::configuration::{PasswordCost, Settings, WorkerSettings};
use complaint_desk::due_worker::{self, SYSTEM_ACTOR};
use complaint_desk::startup::{self, AppState};
use complaint_workflow::deadline::{DeadlineKind, EscalationLevel, EscalationTrigger, Warning};
use complaint_workflow::event::{Accept, AttemptFollowUp, ContactMethod, Dismiss};
use complaint_workflow::record::Owed;
use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow::time::TimeLimit;
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintId, ComplaintRecord, Context, Event, Policy,
    Role, Severity,
};
use complaint_workflow_sqlite::SqliteStore;

use super::support::{Desk, PASSWORD};

/// Monday 2026-11-23 09:00 UTC, when the complaints are received.
fn received() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn hours(n: i64) -> DateTime<Utc> {
    received() + Duration::hours(n)
}

/// A final response due ten calendar days after receipt, at risk after
/// 75 % of the time, escalated to the team lead at risk and to the
/// supervisor an hour after the breach.
pub fn chain_policy() -> Policy {
    Policy::builder()
        .final_response(TimeLimit::CalendarDays(10))
        .warning(
            DeadlineKind::FinalResponse,
            Some(Warning::ShareElapsed { percent: 75 }),
        )
        .escalation_chain(
            DeadlineKind::FinalResponse,
            [
                EscalationLevel {
                    trigger: EscalationTrigger::AtRisk,
                    to: Role::TeamLead,
                },
                EscalationLevel {
                    trigger: EscalationTrigger::BreachedFor { minutes: 60 },
                    to: Role::Supervisor,
                },
            ],
        )
        .build()
        .unwrap()
}

pub fn accepted(customer: &str, at: DateTime<Utc>, policy: &Policy) -> ComplaintRecord {
    ComplaintRecord::accept(
        Accept {
            complainant: Complainant::new(customer),
            received_at: at,
            channel: Channel::Email,
            content: "The parcel arrived broken".into(),
            category: Category::new("delivery"),
            severity: Severity::Low,
        },
        &Context::new(Actor::agent("agent-7"), at, policy),
    )
    .unwrap()
}

/// Dismissed an hour after receipt, then every follow-up attempt made
/// without reaching the customer: a give-up is owed (F5).
fn followed_up_in_vain(policy: &Policy) -> ComplaintRecord {
    let mut record = accepted("customer-2", received(), policy);
    let agent = Actor::agent("agent-7");
    record
        .apply(
            Dismiss {
                reply: "The parcel was insured; we explained the claim".into(),
            },
            &Context::new(agent.clone(), hours(1), policy),
        )
        .unwrap();
    let max = record.follow_up().unwrap().max_attempts();
    for attempt in 0..i64::from(max) {
        record
            .apply(
                AttemptFollowUp {
                    method: ContactMethod::Phone,
                    reached: false,
                    note: None,
                },
                &Context::new(agent.clone(), hours(2 + attempt), policy),
            )
            .unwrap();
    }
    record
}

async fn history(store: &SqliteStore, id: ComplaintId) -> Vec<complaint_workflow::record::Entry> {
    store.entries(id).await.unwrap()
}

/// W1, W3, F5: after one round at `now`, each complaint holds exactly the
/// events `owed(now)` named before the round, in that order, by the system
/// actor, with their command ids; a second round at the same time claims
/// nothing and appends nothing. A later round pays the next level once.
#[tokio::test]
async fn w1_w3_f5_one_round_applies_exactly_what_is_owed_and_a_second_nothing() {
    let policy = chain_policy();
    let desk = Desk::with_policy(policy.clone()).await;
    let store = desk.store.clone();
    let complaints = Complaints::new(store.clone());
    let chained = accepted("customer-1", received(), &policy);
    let in_vain = followed_up_in_vain(&policy);
    let quiet = accepted("customer-3", hours(180), &policy);
    for record in [&chained, &in_vain, &quiet] {
        store.create(record, None).await.unwrap();
    }

    let now = hours(181);
    let mut expected = Vec::new();
    for record in [&chained, &in_vain, &quiet] {
        let owed = record.owed(now);
        expected.push((record.id(), record.version(), owed));
    }
    assert!(
        expected[0].2.contains(&Owed::Escalation {
            deadline: chained.deadlines()[0].id(),
            kind: DeadlineKind::FinalResponse,
            level: 1,
            to: Role::TeamLead,
        }),
        "{:?}",
        expected[0].2
    );
    assert!(
        expected[1]
            .2
            .iter()
            .any(|owed| matches!(owed, Owed::FollowUpGiveUp { .. })),
        "{:?}",
        expected[1].2
    );
    assert!(
        expected[2].2.is_empty(),
        "received an hour ago: nothing due"
    );

    let first = due_worker::round(
        &complaints,
        &policy,
        "worker-a",
        now,
        std::time::Duration::from_secs(60),
        100,
    )
    .await
    .unwrap();
    assert_eq!(first.claimed, 2, "{first:?}");
    assert_eq!((first.conflicts, first.failed), (0, 0), "{first:?}");
    let owed_total: usize = expected.iter().map(|(_, _, owed)| owed.len()).sum();
    assert_eq!(first.applied, owed_total);

    for (id, version, owed) in &expected {
        let entries = history(&store, *id).await;
        let new: Vec<_> = entries
            .iter()
            .filter(|entry| entry.sequence() > *version)
            .collect();
        let events: Vec<Event> = new.iter().map(|entry| entry.event().clone()).collect();
        let wanted: Vec<Event> = owed.iter().map(Owed::event).collect();
        assert_eq!(events, wanted, "complaint {id}");
        for (entry, item) in new.iter().zip(owed) {
            assert_eq!(entry.actor(), &due_worker::system_actor());
            assert_eq!(entry.at(), now);
            assert_eq!(
                entry.command().map(|c| c.as_str().to_owned()),
                Some(due_worker::command_id(*id, *version, item))
            );
        }
        // Every history replays, and nothing more is owed at that time.
        let record = complaints.load(*id).await.unwrap();
        assert!(record.owed(now).is_empty(), "complaint {id}");
    }

    let counts: Vec<usize> = {
        let mut counts = Vec::new();
        for (id, _, _) in &expected {
            counts.push(history(&store, *id).await.len());
        }
        counts
    };
    let second = due_worker::round(
        &complaints,
        &policy,
        "worker-b",
        now,
        std::time::Duration::from_secs(60),
        100,
    )
    .await
    .unwrap();
    assert_eq!(second, due_worker::Round::default(), "nothing is due twice");
    for ((id, _, _), count) in expected.iter().zip(&counts) {
        assert_eq!(history(&store, *id).await.len(), *count, "complaint {id}");
    }

    // The breach and its hour later: the breach alarm and the supervisor's
    // level, once.
    let later = hours(241);
    let third = due_worker::round(
        &complaints,
        &policy,
        "worker-a",
        later,
        std::time::Duration::from_secs(60),
        100,
    )
    .await
    .unwrap();
    let record = complaints.load(chained.id()).await.unwrap();
    assert_eq!(record.escalation_level(), Role::Supervisor);
    let escalations = record
        .entries()
        .iter()
        .filter(|entry| matches!(entry.event(), Event::Escalate(_)))
        .count();
    assert_eq!(escalations, 2, "one per level of the chain");
    assert!(third.applied >= 2, "{third:?}");
    let fourth = due_worker::round(
        &complaints,
        &policy,
        "worker-b",
        later,
        std::time::Duration::from_secs(60),
        100,
    )
    .await
    .unwrap();
    assert_eq!(fourth.applied, 0, "{fourth:?}");
}

/// The worker's entries are ordinary entries: the complaint page's
/// timeline shows them, by the system actor.
#[tokio::test]
async fn the_complaint_page_shows_the_workers_entries_on_its_timeline() {
    let policy = chain_policy();
    let desk = Desk::with_policy(policy.clone()).await;
    let record = accepted("customer-1", received(), &policy);
    desk.store.create(&record, None).await.unwrap();
    let complaints = Complaints::new(desk.store.clone());
    let done = due_worker::round(
        &complaints,
        &policy,
        "worker-a",
        hours(181),
        std::time::Duration::from_secs(60),
        10,
    )
    .await
    .unwrap();
    assert_eq!(done.applied, 2, "{done:?}");

    let signed_in = desk.sign_in("agent-7", PASSWORD, None).await;
    assert_eq!(signed_in.status, StatusCode::OK);
    let cookie = signed_in
        .header(header::SET_COOKIE)
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    let page = desk
        .send(
            desk.request(Method::GET, &format!("/complaints/{}", record.id()))
                .header(header::COOKIE, cookie),
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body.as_str().unwrap();
    let by_worker = format!("· {SYSTEM_ACTOR} (agent)");
    assert_eq!(html.matches(&by_worker).count(), 2, "{html}");
    assert!(
        html.contains("<strong>Raise a deadline&#39;s alarm</strong>"),
        "{html}"
    );
    assert!(html.contains("<strong>Escalate</strong>"), "{html}");
}

/// The worker the server starts applies what is due (here a complaint whose
/// final response was missed eleven days after receipt) and stops when the
/// server is told to: `run` returns only once the worker has stopped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_servers_due_worker_applies_what_is_due_and_stops_at_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let store = startup::open(dir.path().join("desk.sqlite").to_str().unwrap())
        .await
        .unwrap();
    let pool = store.pool().clone();
    let policy = chain_policy();
    let settings = Settings {
        password_cost: PasswordCost::TESTING,
        worker: WorkerSettings {
            interval: std::time::Duration::from_millis(50),
            ..WorkerSettings::default()
        },
        ..Settings::default()
    };
    users::add(
        &pool,
        "agent-7",
        Role::Agent,
        PASSWORD,
        settings.password_cost,
    )
    .await
    .unwrap();
    let record = accepted("customer-1", Utc::now() - Duration::days(11), &policy);
    store.create(&record, None).await.unwrap();
    let owed = record.owed(Utc::now());
    assert_eq!(owed.len(), 4, "{owed:?}");

    let state = AppState::new(store.clone(), pool, policy, settings);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(startup::run(listener, state, async {
        let _ = stopped.await;
    }));

    // Wait (at most 30 s) for the worker's round.
    let mut entries = Vec::new();
    for _ in 0..600 {
        entries = store.entries(record.id()).await.unwrap();
        if entries.len() > 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        entries.len(),
        1 + owed.len(),
        "the worker paid what is owed"
    );
    assert!(
        entries[1..]
            .iter()
            .all(|entry| entry.actor().id.as_str() == SYSTEM_ACTOR)
    );

    // `run` awaits the worker's task after the server: its return is the
    // worker's end.
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
