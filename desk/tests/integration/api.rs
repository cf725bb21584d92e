//! The desk's JSON API, driven through the real router (`oneshot`) over a
//! fresh SQLite file for the desk's tables: every route, every status code,
//! and the security cases.

use super::support::{self, Desk, accept_form, if_match};
use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};

#[tokio::test]
async fn every_route_refuses_an_unauthenticated_request_with_401() {
    let desk = Desk::start().await;
    let routes = [
        (Method::POST, "/api/complaints"),
        (
            Method::GET,
            "/api/complaints/0190e9b8-0000-7000-8000-000000000000",
        ),
        (
            Method::POST,
            "/api/complaints/0190e9b8-0000-7000-8000-000000000000/events",
        ),
        (Method::GET, "/api/due?before=2030-01-01T00:00:00Z"),
        (Method::POST, "/api/tokens"),
        (Method::DELETE, "/api/session"),
    ];
    for (method, uri) in routes {
        for auth in [None, Some("Bearer cd_0000"), Some("Basic abc")] {
            let mut request = desk.request(method.clone(), uri);
            if let Some(auth) = auth {
                request = request.header(header::AUTHORIZATION, auth);
            }
            let response = desk.send(request, Some(json!({}))).await;
            assert_eq!(
                response.status,
                StatusCode::UNAUTHORIZED,
                "{method} {uri} {auth:?}"
            );
            assert_eq!(response.body["kind"], "unauthenticated");
            assert_eq!(response.header(header::WWW_AUTHENTICATE), Some("Bearer"));
        }
    }
}

#[tokio::test]
async fn intake_answers_201_with_location_etag_and_the_record() {
    let desk = Desk::start().await;
    let created = desk.create_complaint(&desk.agent).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let id = created.body["record"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        created.header(header::LOCATION),
        Some(format!("/api/complaints/{id}").as_str())
    );
    assert_eq!(created.header(header::ETAG), Some("\"1\""));
    assert_eq!(created.body["record"]["stage"], "accepted");

    let shown = desk
        .get(&format!("/api/complaints/{id}"), &desk.agent)
        .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.header(header::ETAG), Some("\"1\""));
    assert_eq!(shown.body["record"]["version"], 1);
    let allowed = shown.body["allowed_events"].as_array().unwrap();
    assert!(allowed.contains(&json!("uphold")));
    assert!(!allowed.contains(&json!("extend_deadline")), "{allowed:?}");
    let as_supervisor = desk
        .get(&format!("/api/complaints/{id}"), &desk.supervisor)
        .await;
    assert!(
        as_supervisor.body["allowed_events"]
            .as_array()
            .unwrap()
            .contains(&json!("extend_deadline"))
    );
}

#[tokio::test]
async fn a_retried_intake_is_stored_once() {
    let desk = Desk::start().await;
    let first = desk
        .send(
            desk.authed(Method::POST, "/api/complaints", &desk.agent)
                .header("idempotency-key", "intake-1"),
            Some(accept_form()),
        )
        .await;
    let again = desk
        .send(
            desk.authed(Method::POST, "/api/complaints", &desk.agent)
                .header("idempotency-key", "intake-1"),
            Some(accept_form()),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(first.body, again.body);
    // Once: one complaint, one entry.
    let id = first.body["record"]["id"].as_str().unwrap();
    let upheld = desk
        .post_event(id, 1, &support::uphold(), &desk.agent, None)
        .await;
    assert_eq!(upheld.body["version"], 2);
}

#[tokio::test]
async fn unknown_complaints_are_404_problems() {
    let desk = Desk::start().await;
    for id in ["0190e9b8-0000-7000-8000-000000000000", "not-an-id"] {
        let response = desk
            .get(&format!("/api/complaints/{id}"), &desk.agent)
            .await;
        assert_eq!(response.status, StatusCode::NOT_FOUND);
        assert_eq!(
            response.header(header::CONTENT_TYPE),
            Some("application/problem+json")
        );
        assert_eq!(response.body["status"], 404);
        assert_eq!(response.body["kind"], "not_found");
        assert_eq!(response.body["title"], "Not Found");
        assert!(
            response.body["type"]
                .as_str()
                .unwrap()
                .ends_with("/not_found")
        );
    }
    let event = desk
        .post_event(
            "0190e9b8-0000-7000-8000-000000000000",
            1,
            &add_note("x"),
            &desk.agent,
            None,
        )
        .await;
    assert_eq!(event.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn malformed_bodies_are_400_415_and_413() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;

    let broken = desk
        .send_raw(
            desk.authed(Method::POST, "/api/complaints", &desk.agent)
                .header(header::CONTENT_TYPE, "application/json"),
            "{\"complainant\": ",
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.body["kind"], "malformed_json");
    assert!(
        broken.body["detail"].as_str().unwrap().contains("EOF"),
        "{}",
        broken.body
    );

    // A misspelt field is an error that names it, not a silent loss.
    let typo = json!({"type": "dismiss", "data": {"reply": "no", "extra": 1}});
    let refused = desk.post_event(&id, 1, &typo, &desk.agent, None).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.body["field"], "extra");
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("unknown field `extra`")
    );

    let not_json = desk
        .send_raw(
            desk.authed(Method::POST, "/api/complaints", &desk.agent)
                .header(header::CONTENT_TYPE, "text/plain"),
            "{}",
        )
        .await;
    assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let big = format!("{{\"text\": \"{}\"}}", "x".repeat(support::BODY_LIMIT + 1));
    let too_large = desk
        .send_raw(
            desk.authed(Method::POST, "/api/complaints", &desk.agent)
                .header(header::CONTENT_TYPE, "application/json"),
            &big,
        )
        .await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_large.body["kind"], "body_too_large");
    assert_eq!(
        too_large.header(header::CONTENT_TYPE),
        Some("application/problem+json")
    );
}

#[tokio::test]
async fn refused_transitions_are_422_with_the_crates_kind_and_field() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    let early = json!({"type": "approve", "data": {"option": 1}});
    let refused = desk
        .post_event(&id, 1, &early, &desk.supervisor, None)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.body["kind"], "not_allowed");
    assert_eq!(
        refused.body["detail"],
        "event `approve` is not valid for a complaint in stage `accepted`"
    );

    let mut empty = accept_form();
    empty["content"] = json!("");
    let intake = desk
        .send(
            desk.authed(Method::POST, "/api/complaints", &desk.agent),
            Some(empty),
        )
        .await;
    assert_eq!(intake.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(intake.body["kind"], "field.empty");
    assert_eq!(intake.body["field"], "content");
}

#[tokio::test]
async fn events_need_if_match_and_a_stale_one_is_412_with_nothing_written() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;

    let missing = desk
        .send(
            desk.authed(
                Method::POST,
                &format!("/api/complaints/{id}/events"),
                &desk.agent,
            ),
            Some(add_note("no precondition")),
        )
        .await;
    assert_eq!(missing.status, StatusCode::PRECONDITION_REQUIRED);

    let bad = desk
        .send(
            desk.authed(
                Method::POST,
                &format!("/api/complaints/{id}/events"),
                &desk.agent,
            )
            .header(header::IF_MATCH, "*"),
            Some(add_note("bad precondition")),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let first = desk
        .post_event(&id, 1, &add_note("first"), &desk.agent, None)
        .await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.header(header::ETAG), Some("\"2\""));
    assert_eq!(first.body["version"], 2);

    let stale = desk
        .post_event(&id, 1, &add_note("stale"), &desk.agent, None)
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(stale.body["kind"], "stale_version");
    assert_eq!(stale.header(header::ETAG), Some("\"2\""));
    let shown = desk
        .get(&format!("/api/complaints/{id}"), &desk.agent)
        .await;
    assert_eq!(shown.body["record"]["version"], 2);
}

#[tokio::test]
async fn a_retried_idempotency_key_gets_the_first_answer_and_appends_once() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    let note = add_note("called the customer");
    let first = desk
        .post_event(&id, 1, &note, &desk.agent, Some("note-1"))
        .await;
    // The retry still carries the version the first try was meant for.
    let again = desk
        .post_event(&id, 1, &note, &desk.agent, Some("note-1"))
        .await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(first.body, again.body);
    assert_eq!(again.header(header::ETAG), Some("\"2\""));
    let shown = desk
        .get(&format!("/api/complaints/{id}"), &desk.agent)
        .await;
    assert_eq!(shown.body["record"]["version"], 2);

    let reused = desk
        .post_event(
            &id,
            2,
            &add_note("something else"),
            &desk.agent,
            Some("note-1"),
        )
        .await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reused.body["kind"], "command_reused");
}

#[tokio::test]
async fn an_agents_hand_made_approve_is_403_and_changes_nothing() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    let (agent, supervisor) = (&desk.agent, &desk.supervisor);
    let steps = [
        support::uphold(),
        support::investigate(),
        support::propose(),
    ];
    for (version, event) in (1..).zip(steps) {
        let done = desk.post_event(&id, version, &event, agent, None).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    }
    let shown = desk.get(&format!("/api/complaints/{id}"), agent).await;
    assert_eq!(shown.body["record"]["stage"], "proposed");
    assert!(
        !shown.body["allowed_events"]
            .as_array()
            .unwrap()
            .contains(&json!("approve"))
    );

    let approve = json!({"type": "approve", "data": {"option": 1}});
    let refused = desk.post_event(&id, 4, &approve, agent, None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.body["kind"], "unauthorized");
    let after = desk.get(&format!("/api/complaints/{id}"), agent).await;
    assert_eq!(after.body["record"]["version"], 4);
    assert_eq!(after.body["record"]["stage"], "proposed");

    let approved = desk.post_event(&id, 4, &approve, supervisor, None).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let after = desk.get(&format!("/api/complaints/{id}"), agent).await;
    assert_eq!(after.body["record"]["stage"], "approved");
}

#[tokio::test]
async fn due_lists_complaints_due_before_a_time() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    // The agreed investigation time is a deadline.
    let upheld = desk
        .post_event(&id, 1, &support::uphold(), &desk.agent, None)
        .await;
    assert_eq!(upheld.status, StatusCode::OK);
    let due = desk
        .get("/api/due?before=2100-01-01T00:00:00Z", &desk.agent)
        .await;
    assert_eq!(due.status, StatusCode::OK);
    assert_eq!(due.body["due"][0]["complaint_id"], id.as_str());
    let none = desk
        .get("/api/due?before=2000-01-01T00:00:00Z", &desk.agent)
        .await;
    assert_eq!(none.body["due"], json!([]));
    for query in ["", "?before=tomorrow", "?before=2100-01-01T00:00:00Z&x=1"] {
        let bad = desk.get(&format!("/api/due{query}"), &desk.agent).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(bad.body["kind"], "invalid_query");
    }
}

fn add_note(text: &str) -> Value {
    json!({"type": "add_note", "data": {"text": text}})
}

#[test]
fn if_match_quotes_the_version() {
    assert_eq!(if_match(3), "\"3\"");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_racing_writers_with_one_if_match_exactly_one_wins_and_the_rest_get_412() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    let notes: Vec<Value> = (0..8).map(|i| add_note(&format!("note {i}"))).collect();
    let answers = race(&desk, &id, &notes).await;
    let won = answers.iter().filter(|s| **s == StatusCode::OK).count();
    let stale = answers
        .iter()
        .filter(|s| **s == StatusCode::PRECONDITION_FAILED)
        .count();
    assert_eq!((won, stale), (1, 7), "{answers:?}");
    let shown = desk
        .get(&format!("/api/complaints/{id}"), &desk.agent)
        .await;
    assert_eq!(shown.body["record"]["version"], 2);
}

async fn race(desk: &Desk, id: &str, notes: &[Value]) -> Vec<StatusCode> {
    let mut set = tokio::task::JoinSet::new();
    for note in notes {
        let request = desk
            .authed(
                Method::POST,
                &format!("/api/complaints/{id}/events"),
                &desk.agent,
            )
            .header(header::IF_MATCH, if_match(1))
            .header(header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from(note.to_string()))
            .unwrap();
        let router = desk.router.clone();
        set.spawn(async move {
            use tower::ServiceExt;
            router.oneshot(request).await.unwrap().status()
        });
    }
    set.join_all().await
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_a_413_problem_before_any_handler() {
    let desk = Desk::start().await;
    let big = "x".repeat(support::BODY_LIMIT + 1);
    let too_large = desk
        .send_raw(
            desk.authed(Method::POST, "/api/complaints", &desk.agent)
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, big.len()),
            &big,
        )
        .await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_large.body["kind"], "body_too_large");
    assert_eq!(
        too_large.header(header::CONTENT_TYPE),
        Some("application/problem+json")
    );
}
