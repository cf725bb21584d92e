//! The real server on `127.0.0.1:0`: the client's address reaches the
//! sign-in route, and the server stops when its shutdown signal comes.

use complaint_desk::auth::users;
use complaint_desk::configuration::{PasswordCost, Settings};
use complaint_desk::startup::{self, AppState};
use complaint_workflow::{Policy, Role};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::support::PASSWORD;

async fn exchange(address: std::net::SocketAddr, request: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn the_served_desk_signs_in_over_tcp_and_shuts_down_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let store = startup::open(dir.path().join("desk.sqlite").to_str().unwrap())
        .await
        .unwrap();
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
    let state = AppState::new(store, pool, Policy::default(), settings);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(startup::serve(listener, startup::router(state), async {
        let _ = stopped.await;
    }));

    let body = format!("{{\"name\":\"agent-7\",\"password\":\"{PASSWORD}\"}}");
    let sign_in = format!(
        "POST /api/session HTTP/1.1\r\nHost: desk\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let answer = exchange(address, &sign_in).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("set-cookie: desk_session=")
    );

    let unauthenticated = exchange(
        address,
        "GET /api/due?before=2100-01-01T00:00:00Z HTTP/1.1\r\nHost: desk\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(
        unauthenticated.starts_with("HTTP/1.1 401"),
        "{unauthenticated}"
    );

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    assert!(tokio::net::TcpStream::connect(address).await.is_err());
}

/// A request in flight when the server is told to stop is answered in
/// full, and what it wrote is stored; then the server ends.
#[tokio::test]
async fn a_request_in_flight_at_shutdown_finishes_before_the_server_stops() {
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let store = startup::open(dir.path().join("desk.sqlite").to_str().unwrap())
        .await
        .unwrap();
    let pool = store.pool().clone();
    let settings = Settings {
        password_cost: PasswordCost::TESTING,
        ..Settings::default()
    };
    let agent = users::add(
        &pool,
        "agent-7",
        Role::Agent,
        PASSWORD,
        settings.password_cost,
    )
    .await
    .unwrap();
    let token = complaint_desk::auth::tokens::create(&pool, agent, None)
        .await
        .unwrap();
    let state = AppState::new(store.clone(), pool.clone(), Policy::default(), settings);
    // The desk's router, seen from outside: a request has reached it.
    let arrived = Arc::new(tokio::sync::Notify::new());
    let seen = Arc::clone(&arrived);
    let router = startup::router(state).layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            let seen = Arc::clone(&seen);
            async move {
                seen.notify_one();
                next.run(request).await
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(startup::serve(listener, router, async {
        let _ = stopped.await;
    }));

    let body = super::support::accept_form().to_string();
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /api/complaints HTTP/1.1\r\nHost: desk\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(first.as_bytes()).await.unwrap();
    // The request is in the router, its body half sent: stop the server.
    arrived.notified().await;
    stop.send(()).unwrap();
    tokio::task::yield_now().await;
    assert!(
        !server.is_finished(),
        "the server stopped with a request in flight"
    );
    stream.write_all(rest.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let json = answer.split("\r\n\r\n").nth(1).unwrap();
    let created: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(created["record"]["version"], 1);

    server.await.unwrap().unwrap();
    assert!(tokio::net::TcpStream::connect(address).await.is_err());
    use complaint_workflow::store::ComplaintStore;
    let id = created["record"]["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(store.entries(id).await.unwrap().len(), 1);
}
