//! Sign-in, sessions, tokens, the rate limit, and what is stored.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::{Method, StatusCode, header};
use complaint_desk::configuration::Settings;
use serde_json::json;
use sqlx::Row;

use super::support::{Desk, PASSWORD};

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_wrong_password_or_an_unknown_name_is_401() {
    let desk = Desk::start().await;
    let wrong = desk.sign_in("agent-7", "not the password", None).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body["kind"], "invalid_credentials");
    assert!(wrong.headers.get(header::SET_COOKIE).is_none());
    let unknown = desk.sign_in("nobody", PASSWORD, None).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.body["detail"], wrong.body["detail"]);
}

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_cookie_and_a_new_session_each_time() {
    let desk = Desk::start().await;
    let signed_in = desk.sign_in("agent-7", PASSWORD, None).await;
    assert_eq!(signed_in.status, StatusCode::OK);
    assert_eq!(signed_in.body, json!({"name": "agent-7", "role": "agent"}));
    let set_cookie = signed_in.header(header::SET_COOKIE).unwrap().to_owned();
    let attributes: Vec<&str> = set_cookie.split("; ").collect();
    assert!(attributes[0].starts_with("desk_session="));
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(attributes.contains(&attribute), "{set_cookie}");
    }
    assert!(!attributes.contains(&"Secure"), "{set_cookie}");
    let first = cookie_pair(&set_cookie);

    // The cookie authenticates the API.
    let due = desk
        .send(
            desk.request(Method::GET, "/api/due?before=2100-01-01T00:00:00Z")
                .header(header::COOKIE, &first),
            None,
        )
        .await;
    assert_eq!(due.status, StatusCode::OK);

    // Signing in again makes a new id and ends the session it came with.
    let again = desk.sign_in("agent-7", PASSWORD, Some(&first)).await;
    let second = cookie_pair(again.header(header::SET_COOKIE).unwrap());
    assert_ne!(first, second);
    let old = desk
        .send(
            desk.request(Method::GET, "/api/due?before=2100-01-01T00:00:00Z")
                .header(header::COOKIE, &first),
            None,
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);

    // Signing out ends the session and removes the cookie.
    let out = desk
        .send(
            desk.request(Method::DELETE, "/api/session")
                .header(header::COOKIE, &second),
            None,
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(
        out.header(header::SET_COOKIE)
            .unwrap()
            .contains("Max-Age=0")
    );
    let after = desk
        .send(
            desk.request(Method::GET, "/api/due?before=2100-01-01T00:00:00Z")
                .header(header::COOKIE, &second),
            None,
        )
        .await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);

    // Only digests of session ids are stored.
    let id = second.trim_start_matches("desk_session=");
    let stored: i64 = sqlx::query("SELECT count(*) AS n FROM desk_sessions WHERE id_hash = ?")
        .bind(id)
        .fetch_one(&desk.pool)
        .await
        .unwrap()
        .get("n");
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn the_cookie_is_secure_when_the_setting_says_so() {
    let settings = Settings {
        secure_cookies: true,
        ..Settings::default()
    };
    let desk = Desk::with(settings).await;
    let signed_in = desk.sign_in("agent-7", PASSWORD, None).await;
    let set_cookie = signed_in.header(header::SET_COOKIE).unwrap();
    assert!(
        set_cookie.split("; ").any(|a| a == "Secure"),
        "{set_cookie}"
    );
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_account() {
    let desk = Desk::start().await;
    for _ in 0..3 {
        let wrong = desk.sign_in("agent-7", "guess guess guess", None).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    // Past the limit even the right password is refused.
    let limited = desk.sign_in("agent-7", PASSWORD, None).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.body["kind"], "too_many_sign_in_attempts");
    let retry: u64 = limited
        .header(header::RETRY_AFTER)
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_address() {
    let desk = Desk::from(
        Settings::default(),
        SocketAddr::from(([192, 0, 2, 7], 50_000)),
    )
    .await;
    for name in ["a", "b", "c"] {
        let wrong = desk.sign_in(name, "guess guess guess", None).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    let limited = desk.sign_in("supervisor-1", PASSWORD, None).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_rate_limit_window_ends() {
    let settings = Settings {
        sign_in_window: Duration::from_millis(200),
        ..Settings::default()
    };
    let desk = Desk::with(settings).await;
    for _ in 0..3 {
        desk.sign_in("agent-7", "guess guess guess", None).await;
    }
    assert_eq!(
        desk.sign_in("agent-7", PASSWORD, None).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(
        desk.sign_in("agent-7", PASSWORD, None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_signed_in_user_makes_api_tokens_that_are_stored_hashed() {
    let desk = Desk::start().await;
    let signed_in = desk.sign_in("supervisor-1", PASSWORD, None).await;
    let cookie = cookie_pair(signed_in.header(header::SET_COOKIE).unwrap());
    let made = desk
        .send(
            desk.request(Method::POST, "/api/tokens")
                .header(header::COOKIE, &cookie),
            Some(json!({"label": "importer"})),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED);
    let token = made.body["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("cd_") && token.len() == 67, "{token}");

    let due = desk
        .send(
            desk.request(Method::GET, "/api/due?before=2100-01-01T00:00:00Z")
                .header(header::AUTHORIZATION, format!("Bearer {token}")),
            None,
        )
        .await;
    assert_eq!(due.status, StatusCode::OK);

    let rows = sqlx::query("SELECT token_hash FROM desk_api_tokens")
        .fetch_all(&desk.pool)
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .all(|r| r.get::<String, _>("token_hash") != token)
    );

    // An empty body is fine too.
    let plain = desk
        .send_raw(desk.authed(Method::POST, "/api/tokens", &desk.agent), "")
        .await;
    assert_eq!(plain.status, StatusCode::CREATED);
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id_hashes() {
    let desk = Desk::start().await;
    let rows = sqlx::query("SELECT password_hash FROM desk_users")
        .fetch_all(&desk.pool)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        let hash: String = row.get("password_hash");
        assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
        assert!(!hash.contains(PASSWORD));
    }
}

#[tokio::test]
async fn an_expired_session_is_401() {
    let settings = Settings {
        session_ttl: Duration::ZERO,
        ..Settings::default()
    };
    let desk = Desk::with(settings).await;
    let signed_in = desk.sign_in("agent-7", PASSWORD, None).await;
    assert_eq!(signed_in.status, StatusCode::OK);
    let cookie = cookie_pair(signed_in.header(header::SET_COOKIE).unwrap());
    let expired = desk
        .send(
            desk.request(Method::GET, "/api/due?before=2100-01-01T00:00:00Z")
                .header(header::COOKIE, &cookie),
            None,
        )
        .await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
}
