//! The HTTP tests' core on PostgreSQL, through the real router over the
//! PostgreSQL store with the desk's tables on its pool: sign-in (a session
//! cookie), an API token, intake, an event with `If-Match`, a stale
//! `If-Match` (412, nothing written), a retried `Idempotency-Key` (the first
//! answer, appended once), the owner's queue page, sign-out.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use chrono::{Duration, Utc};
use complaint_desk::auth::users;
use complaint_desk::configuration::{PasswordCost, Settings};
use complaint_desk::startup::{self, AppState};
use complaint_workflow::store::ComplaintStore;
use complaint_workflow::{Policy, Role};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::support::fresh_schema;

const PASSWORD: &str = "a long enough password";

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Answer {
    fn header(&self, name: header::HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

async fn send(
    router: &Router,
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some(body) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    let response = router
        .clone()
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
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

fn accept_form() -> Value {
    json!({
        "complainant": {"id": "customer-42", "member": true},
        "received_at": (Utc::now() - Duration::minutes(1)).to_rfc3339(),
        "channel": "phone",
        "content": "The washing machine leaks after the repair",
        "category": "repair",
        "severity": "medium"
    })
}

fn uphold() -> Value {
    json!({"type": "uphold", "data": {
        "responsible_department": "repairs",
        "investigation_due": (Utc::now() + Duration::days(2)).to_rfc3339()
    }})
}

/// Sign-in, intake, If-Match, a stale If-Match, a retried key, the queue
/// and sign-out, on PostgreSQL: the answers the SQLite desk gives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_sign_in_intake_if_match_412_and_idempotency_as_on_sqlite() {
    let test = "postgres_sign_in_intake_if_match_412_and_idempotency_as_on_sqlite";
    let Some(url) = fresh_schema(test, "http").await else {
        return;
    };
    let store = startup::open_postgres(&url).await.unwrap();
    // Opening again migrates nothing and refuses nothing.
    startup::open_postgres(&url).await.unwrap();
    let pool = store.pool().clone();
    let settings = Settings {
        password_cost: PasswordCost::TESTING,
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
    assert!(matches!(
        users::add(
            &pool,
            "agent-7",
            Role::Agent,
            PASSWORD,
            settings.password_cost
        )
        .await,
        Err(users::AddUserError::NameTaken)
    ));
    let state = AppState::new(store.clone(), pool, Policy::default(), settings);
    let client = SocketAddr::from(([127, 0, 0, 1], 40_000));
    let router = startup::router(state).layer(MockConnectInfo(client));

    // Sign-in: a session cookie; a wrong password is a 401.
    let wrong = send(
        &router,
        Method::POST,
        "/api/session",
        &[],
        Some(json!({"name": "agent-7", "password": "not the password"})),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let signed_in = send(
        &router,
        Method::POST,
        "/api/session",
        &[],
        Some(json!({"name": "agent-7", "password": PASSWORD})),
    )
    .await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    let cookie = signed_in
        .header(header::SET_COOKIE)
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("desk_session="), "{cookie}");

    // An API token made with the session.
    let made = send(
        &router,
        Method::POST,
        "/api/tokens",
        &[("cookie", &cookie)],
        Some(json!({"label": "tests"})),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let bearer = format!("Bearer {}", made.body["token"].as_str().unwrap());
    let auth = [("authorization", bearer.as_str())];

    // Intake.
    let created = send(
        &router,
        Method::POST,
        "/api/complaints",
        &auth,
        Some(accept_form()),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.header(header::ETAG), Some("\"1\""));
    let id = created.body["record"]["id"].as_str().unwrap().to_owned();
    let events = format!("/api/complaints/{id}/events");

    // The owner's queue (the desk's projection, on PostgreSQL) lists it.
    let queue = send(&router, Method::GET, "/queue", &[("cookie", &cookie)], None).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(
        queue
            .body
            .as_str()
            .unwrap()
            .contains(&format!("/complaints/{id}")),
        "{}",
        queue.body
    );

    // An event with If-Match and an Idempotency-Key.
    let event = uphold();
    let upheld = send(
        &router,
        Method::POST,
        &events,
        &[
            auth[0],
            ("if-match", "\"1\""),
            ("idempotency-key", "uphold-1"),
        ],
        Some(event.clone()),
    )
    .await;
    assert_eq!(upheld.status, StatusCode::OK, "{}", upheld.body);
    assert_eq!(upheld.body["version"], 2);

    // The retried key: the first answer, nothing appended twice.
    let retried = send(
        &router,
        Method::POST,
        &events,
        &[
            auth[0],
            ("if-match", "\"1\""),
            ("idempotency-key", "uphold-1"),
        ],
        Some(event.clone()),
    )
    .await;
    assert_eq!(retried.status, StatusCode::OK, "{}", retried.body);
    assert_eq!(retried.body["entries"], upheld.body["entries"]);

    // A stale If-Match: 412, nothing written.
    let stale = send(
        &router,
        Method::POST,
        &events,
        &[auth[0], ("if-match", "\"1\"")],
        Some(json!({"type": "add_note", "data": {"text": "Called the customer back"}})),
    )
    .await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.body
    );
    assert_eq!(stale.body["kind"], "stale_version");
    assert_eq!(stale.header(header::ETAG), Some("\"2\""));
    let id = id.parse().unwrap();
    assert_eq!(store.entries(id).await.unwrap().len(), 2);

    let shown = send(
        &router,
        Method::GET,
        &format!("/api/complaints/{id}"),
        &auth,
        None,
    )
    .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.header(header::ETAG), Some("\"2\""));
    assert_eq!(shown.body["record"]["stage"], "judged");

    // The queue's row follows the complaint to version 2.
    let queue = send(&router, Method::GET, "/queue", &[("cookie", &cookie)], None).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(
        queue
            .body
            .as_str()
            .unwrap()
            .contains(&format!("/complaints/{id}")),
        "{}",
        queue.body
    );
    let row: i64 =
        sqlx::query_scalar("SELECT version FROM desk_open_complaints WHERE complaint_id = $1")
            .bind(id.to_string())
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(row, 2);

    // Sign-out ends the session.
    let out = send(
        &router,
        Method::DELETE,
        "/api/session",
        &[("cookie", &cookie)],
        None,
    )
    .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let after = send(
        &router,
        Method::GET,
        &format!("/api/complaints/{id}"),
        &[("cookie", &cookie)],
        None,
    )
    .await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
}

/// A5 on PostgreSQL: a supervisor's export of a complaint and of a period
/// (the stored entries and the report index's listing), verified as on
/// SQLite.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a5_a_supervisor_exports_a_complaint_and_a_period() {
    let test = "postgres_a5_a_supervisor_exports_a_complaint_and_a_period";
    let Some(url) = fresh_schema(test, "export").await else {
        return;
    };
    let store = startup::open_postgres(&url).await.unwrap();
    let pool = store.pool().clone();
    let settings = Settings {
        password_cost: PasswordCost::TESTING,
        ..Settings::default()
    };
    users::add(
        &pool,
        "supervisor-1",
        Role::Supervisor,
        PASSWORD,
        settings.password_cost,
    )
    .await
    .unwrap();
    let state = AppState::new(store.clone(), pool, Policy::default(), settings);
    let client = SocketAddr::from(([127, 0, 0, 1], 40_000));
    let router = startup::router(state).layer(MockConnectInfo(client));
    let signed_in = send(
        &router,
        Method::POST,
        "/api/session",
        &[],
        Some(json!({"name": "supervisor-1", "password": PASSWORD})),
    )
    .await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    let cookie = signed_in
        .header(header::SET_COOKIE)
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    let created = send(
        &router,
        Method::POST,
        "/api/complaints",
        &[("cookie", &cookie)],
        Some(accept_form()),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["record"]["id"].as_str().unwrap().to_owned();
    let complaint: complaint_workflow::ComplaintId = id.parse().unwrap();
    let entries = store.entries(complaint).await.unwrap();
    let head = complaint_workflow::audit::verify_chain(complaint, &entries).unwrap();

    let file = send(
        &router,
        Method::GET,
        &format!("/complaints/{id}/export.json"),
        &[("cookie", &cookie)],
        None,
    )
    .await;
    assert_eq!(file.status, StatusCode::OK, "{}", file.body);
    assert_eq!(
        file.header(header::CONTENT_DISPOSITION),
        Some(format!("attachment; filename=\"complaint_{id}.json\"").as_str())
    );
    let bundle: complaint_workflow::export::ExportBundle =
        serde_json::from_value(file.body).unwrap();
    assert_eq!(bundle.verification().head(), Some(&head));

    let today = Utc::now().date_naive();
    let (from, to) = (today - chrono::Days::new(1), today + chrono::Days::new(1));
    let period = send(
        &router,
        Method::GET,
        &format!("/exports?from={from}&to={to}"),
        &[("cookie", &cookie)],
        None,
    )
    .await;
    assert_eq!(period.status, StatusCode::OK, "{}", period.body);
    let export: complaint_workflow::export::PeriodExport =
        serde_json::from_value(period.body).unwrap();
    assert_eq!(export.heads(), vec![head]);
}
