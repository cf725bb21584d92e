//! A fresh desk per test: a temp SQLite file (the SQLite store's tables and
//! the desk's, on one pool), the cheapest argon2id cost, an agent and a
//! supervisor with API tokens.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header, request};
use chrono::{Duration, Utc};
use complaint_desk::auth::{tokens, users};
use complaint_desk::configuration::{PasswordCost, Settings};
use complaint_desk::startup::{self, AppState};
use complaint_workflow::{Policy, Role};
use complaint_workflow_sqlite::SqliteStore;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::SqlitePool;
use tower::ServiceExt;

/// The body limit of the test desks.
pub const BODY_LIMIT: usize = 16 * 1024;

/// The password of every test user.
pub const PASSWORD: &str = "a long enough password";

/// A user of a test desk and its API token.
pub struct User {
    pub token: String,
}

/// A desk on a fresh database.
pub struct Desk {
    pub router: Router,
    pub pool: SqlitePool,
    /// The desk's complaint store (for the due-worker's tests).
    pub store: SqliteStore,
    pub agent: User,
    pub supervisor: User,
    _dir: tempfile::TempDir,
}

/// A response, its body read as JSON (`Null` when empty).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: header::HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Desk {
    pub async fn start() -> Self {
        Self::with(Settings::default()).await
    }

    pub async fn with(settings: Settings) -> Self {
        Self::from(settings, SocketAddr::from(([127, 0, 0, 1], 40_000))).await
    }

    pub async fn from(settings: Settings, client: SocketAddr) -> Self {
        Self::build(settings, client, Policy::default()).await
    }

    /// A desk whose transitions run under `policy`.
    pub async fn with_policy(policy: Policy) -> Self {
        let client = SocketAddr::from(([127, 0, 0, 1], 40_000));
        Self::build(Settings::default(), client, policy).await
    }

    async fn build(settings: Settings, client: SocketAddr, policy: Policy) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite");
        let store = startup::open(path.to_str().unwrap()).await.unwrap();
        // Opening again migrates nothing and refuses nothing.
        startup::open(path.to_str().unwrap()).await.unwrap();
        let pool = store.pool().clone();
        let settings = Settings {
            body_limit: BODY_LIMIT,
            password_cost: PasswordCost::TESTING,
            sign_in_max_failures: 3,
            ..settings
        };
        let mut made = Vec::new();
        for (name, role) in [("agent-7", Role::Agent), ("supervisor-1", Role::Supervisor)] {
            let id = users::add(&pool, name, role, PASSWORD, settings.password_cost)
                .await
                .unwrap();
            let token = tokens::create(&pool, id, Some("tests")).await.unwrap();
            made.push(User { token });
        }
        let supervisor = made.pop().unwrap();
        let agent = made.pop().unwrap();
        let state = AppState::new(store.clone(), pool.clone(), policy, settings);
        let router = startup::router(state).layer(MockConnectInfo(client));
        Self {
            router,
            pool,
            store,
            agent,
            supervisor,
            _dir: dir,
        }
    }

    pub fn request(&self, method: Method, uri: &str) -> request::Builder {
        Request::builder().method(method).uri(uri)
    }

    pub fn authed(&self, method: Method, uri: &str, user: &User) -> request::Builder {
        self.request(method, uri)
            .header(header::AUTHORIZATION, format!("Bearer {}", user.token))
    }

    pub async fn send(&self, request: request::Builder, body: Option<Value>) -> Answer {
        match body {
            Some(body) => {
                let request = request.header(header::CONTENT_TYPE, "application/json");
                self.send_raw(request, &body.to_string()).await
            }
            None => self.send_raw(request, "").await,
        }
    }

    pub async fn send_raw(&self, request: request::Builder, body: &str) -> Answer {
        let request = request.body(Body::from(body.to_owned())).unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str, user: &User) -> Answer {
        self.send(self.authed(Method::GET, uri, user), None).await
    }

    pub async fn create_complaint(&self, user: &User) -> Answer {
        self.send(
            self.authed(Method::POST, "/api/complaints", user),
            Some(accept_form()),
        )
        .await
    }

    /// A new complaint's id.
    pub async fn complaint(&self, user: &User) -> String {
        let created = self.create_complaint(user).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        created.body["record"]["id"].as_str().unwrap().to_owned()
    }

    pub async fn post_event(
        &self,
        id: &str,
        version: u64,
        event: &Value,
        user: &User,
        key: Option<&str>,
    ) -> Answer {
        let mut request = self
            .authed(Method::POST, &format!("/api/complaints/{id}/events"), user)
            .header(header::IF_MATCH, if_match(version));
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        self.send(request, Some(event.clone())).await
    }

    /// Damages the stored history of `id` as a hand edit in the database
    /// would: the append-only trigger dropped, the text of entry 1 rewritten
    /// (its seal no longer covers it: the history does not replay).
    pub async fn damage(&self, id: &str) {
        sqlx::query("DROP TRIGGER IF EXISTS entries_no_update")
            .execute(&self.pool)
            .await
            .unwrap();
        let edited = sqlx::query(
            "UPDATE entries SET body = json_set(body, '$.event.data.content', 'Nothing happened') \
             WHERE complaint_id = $1 AND sequence = 1",
        )
        .bind(id)
        .execute(&self.pool)
        .await
        .unwrap();
        assert_eq!(edited.rows_affected(), 1);
    }

    pub async fn sign_in(&self, name: &str, password: &str, cookie: Option<&str>) -> Answer {
        let mut request = self.request(Method::POST, "/api/session");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request, Some(json!({"name": name, "password": password})))
            .await
    }
}

pub fn if_match(version: u64) -> String {
    format!("\"{version}\"")
}

pub fn accept_form() -> Value {
    json!({
        "complainant": {"id": "customer-42", "member": true},
        "received_at": (Utc::now() - Duration::minutes(1)).to_rfc3339(),
        "channel": "phone",
        "content": "The washing machine leaks after the repair",
        "category": "repair",
        "severity": "medium"
    })
}

pub fn uphold() -> Value {
    json!({"type": "uphold", "data": {
        "responsible_department": "repairs",
        "investigation_due": (Utc::now() + Duration::days(2)).to_rfc3339()
    }})
}

pub fn investigate() -> Value {
    json!({"type": "investigate", "data": {"findings": {
        "root_cause": "quality",
        "description": "The seal was not replaced during the repair",
        "responsible_parties": [
            {"person": "tech-11", "department": "repairs", "responsibility": "direct"}
        ]
    }}})
}

pub fn propose() -> Value {
    json!({"type": "propose", "data": {"options": [
        {"description": "Repair the seal again, free of charge", "compensation": null},
        {"description": "Repair the seal again and give a voucher",
         "compensation": {"amount_minor": 20000, "currency": "CNY", "kind": "voucher"}}
    ]}})
}
