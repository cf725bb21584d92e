//! The OpenAPI document at `/api/openapi.json` against the real router:
//! every route under `/api` is in it with exactly its methods (and no other
//! route), and every status code it documents is the one a request sees,
//! each error one a problem document.

use std::collections::{BTreeMap, BTreeSet};

use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};

use super::support::{self, Answer, BODY_LIMIT, Desk, PASSWORD, accept_form};

const UNKNOWN: &str = "0190e9b8-0000-7000-8000-000000000000";

/// The document's operations: path → method → documented status codes.
fn operations(document: &Value) -> BTreeMap<String, BTreeMap<String, BTreeSet<u16>>> {
    let mut operations = BTreeMap::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        let mut methods = BTreeMap::new();
        for (method, operation) in item.as_object().unwrap() {
            let statuses = operation["responses"]
                .as_object()
                .unwrap()
                .keys()
                .map(|code| code.parse().unwrap())
                .collect();
            methods.insert(method.to_uppercase(), statuses);
        }
        operations.insert(path.clone(), methods);
    }
    operations
}

async fn document(desk: &Desk) -> Value {
    let answer = desk
        .send(desk.request(Method::GET, "/api/openapi.json"), None)
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.header(header::CONTENT_TYPE),
        Some("application/json")
    );
    answer.body
}

/// The route patterns the router holds, from its `Debug` form (axum lists
/// each route's path there).
fn router_paths(desk: &Desk) -> BTreeSet<String> {
    let debug = format!("{:?}", desk.router);
    debug
        .split('"')
        .filter(|piece| piece.starts_with("/api"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn the_document_names_every_api_route_of_the_router_with_its_methods_and_no_other() {
    let desk = Desk::start().await;
    let document = document(&desk).await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    let operations = operations(&document);
    let documented: BTreeSet<String> = operations.keys().cloned().collect();
    let routed = router_paths(&desk);
    assert!(routed.len() >= 7, "{routed:?}");
    assert_eq!(documented, routed);

    // On each path, the router answers 405 exactly for the methods the
    // document does not list.
    for (path, methods) in &operations {
        let uri = path.replace("{id}", UNKNOWN);
        for method in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ] {
            let answer = desk.send(desk.request(method.clone(), &uri), None).await;
            let routed = answer.status != StatusCode::METHOD_NOT_ALLOWED;
            assert_eq!(
                routed,
                methods.contains_key(method.as_str()),
                "{method} {path}: {}",
                answer.status
            );
        }
    }
}

#[tokio::test]
async fn the_documents_schemas_resolve_and_errors_are_problem_documents() {
    let desk = Desk::start().await;
    let document = document(&desk).await;
    let text = document.to_string();
    let schemas = document["components"]["schemas"].as_object().unwrap();
    for piece in text.split("\"#/components/schemas/").skip(1) {
        let name = piece.split('"').next().unwrap();
        assert!(schemas.contains_key(name), "no schema {name}");
    }
    // Every event kind is named, in its stored form.
    let kinds = &schemas["EventKindName"]["enum"];
    assert_eq!(
        kinds.as_array().unwrap().len(),
        complaint_workflow::EventKind::COUNT
    );
    assert!(kinds.as_array().unwrap().contains(&json!("add_note")));
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                if status.starts_with('4') {
                    let problem = &response["content"]["application/problem+json"]["schema"];
                    assert_eq!(
                        problem["$ref"], "#/components/schemas/Problem",
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
    let schemes = document["components"]["securitySchemes"]
        .as_object()
        .unwrap();
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session"]["name"], "desk_session");
}

/// What the requests of [`every_documented_status_is_the_one_a_request_sees`] saw.
#[derive(Default)]
struct Seen(BTreeMap<String, BTreeMap<String, BTreeSet<u16>>>);

impl Seen {
    /// Asserts `answer` has `status` (a problem document when it is an
    /// error) and records it under `method` `path`.
    fn saw(&mut self, method: &Method, path: &str, status: StatusCode, answer: &Answer) {
        assert_eq!(answer.status, status, "{method} {path}: {}", answer.body);
        if status.is_client_error() || status.is_server_error() {
            assert_eq!(
                answer.header(header::CONTENT_TYPE),
                Some("application/problem+json"),
                "{method} {path} {status}"
            );
            assert_eq!(answer.body["status"], status.as_u16());
        }
        self.0
            .entry(path.to_owned())
            .or_default()
            .entry(method.as_str().to_owned())
            .or_default()
            .insert(status.as_u16());
    }
}

#[tokio::test]
async fn every_documented_status_is_the_one_a_request_sees() {
    let desk = Desk::start().await;
    let mut seen = Seen::default();
    let big = format!("{{\"x\": \"{}\"}}", "x".repeat(BODY_LIMIT + 1));
    let json = |builder: axum::http::request::Builder| {
        builder.header(header::CONTENT_TYPE, "application/json")
    };
    let text =
        |builder: axum::http::request::Builder| builder.header(header::CONTENT_TYPE, "text/plain");
    let (agent, supervisor) = (&desk.agent, &desk.supervisor);

    // POST /api/complaints
    let (post, path) = (Method::POST, "/api/complaints");
    let created = desk.create_complaint(agent).await;
    seen.saw(&post, path, StatusCode::CREATED, &created);
    let id = created.body["record"]["id"].as_str().unwrap().to_owned();
    let broken = desk
        .send_raw(json(desk.authed(post.clone(), path, agent)), "{")
        .await;
    seen.saw(&post, path, StatusCode::BAD_REQUEST, &broken);
    let anonymous = desk
        .send(desk.request(post.clone(), path), Some(accept_form()))
        .await;
    seen.saw(&post, path, StatusCode::UNAUTHORIZED, &anonymous);
    let large = desk
        .send_raw(json(desk.authed(post.clone(), path, agent)), &big)
        .await;
    seen.saw(&post, path, StatusCode::PAYLOAD_TOO_LARGE, &large);
    let plain = desk
        .send_raw(text(desk.authed(post.clone(), path, agent)), "{}")
        .await;
    seen.saw(&post, path, StatusCode::UNSUPPORTED_MEDIA_TYPE, &plain);
    let mut empty = accept_form();
    empty["content"] = json!("");
    let refused = desk
        .send(desk.authed(post.clone(), path, agent), Some(empty))
        .await;
    seen.saw(&post, path, StatusCode::UNPROCESSABLE_ENTITY, &refused);

    // GET /api/complaints/{id}
    let (get, path) = (Method::GET, "/api/complaints/{id}");
    let shown = desk.get(&format!("/api/complaints/{id}"), agent).await;
    seen.saw(&get, path, StatusCode::OK, &shown);
    let anonymous = desk
        .send(
            desk.request(get.clone(), &format!("/api/complaints/{id}")),
            None,
        )
        .await;
    seen.saw(&get, path, StatusCode::UNAUTHORIZED, &anonymous);
    let unknown = desk.get(&format!("/api/complaints/{UNKNOWN}"), agent).await;
    seen.saw(&get, path, StatusCode::NOT_FOUND, &unknown);

    // POST /api/complaints/{id}/events
    let path = "/api/complaints/{id}/events";
    let uri = format!("/api/complaints/{id}/events");
    let approve = json!({"type": "approve", "data": {"option": 1}});
    let early = desk.post_event(&id, 1, &approve, supervisor, None).await;
    seen.saw(&post, path, StatusCode::UNPROCESSABLE_ENTITY, &early);
    let typo = json!({"type": "add_note", "data": {"txt": "x"}});
    let typo = desk.post_event(&id, 1, &typo, agent, None).await;
    seen.saw(&post, path, StatusCode::BAD_REQUEST, &typo);
    let anonymous = desk
        .send(
            desk.request(post.clone(), &uri)
                .header(header::IF_MATCH, "\"1\""),
            Some(support::uphold()),
        )
        .await;
    seen.saw(&post, path, StatusCode::UNAUTHORIZED, &anonymous);
    let unknown = desk
        .post_event(UNKNOWN, 1, &support::uphold(), agent, None)
        .await;
    seen.saw(&post, path, StatusCode::NOT_FOUND, &unknown);
    let unconditional = desk
        .send(
            desk.authed(post.clone(), &uri, agent),
            Some(support::uphold()),
        )
        .await;
    seen.saw(
        &post,
        path,
        StatusCode::PRECONDITION_REQUIRED,
        &unconditional,
    );
    let large = desk
        .send_raw(
            json(desk.authed(post.clone(), &uri, agent)).header(header::IF_MATCH, "\"1\""),
            &big,
        )
        .await;
    seen.saw(&post, path, StatusCode::PAYLOAD_TOO_LARGE, &large);
    let plain = desk
        .send_raw(
            text(desk.authed(post.clone(), &uri, agent)).header(header::IF_MATCH, "\"1\""),
            "{}",
        )
        .await;
    seen.saw(&post, path, StatusCode::UNSUPPORTED_MEDIA_TYPE, &plain);
    let steps = [
        support::uphold(),
        support::investigate(),
        support::propose(),
    ];
    for (version, event) in (1..).zip(steps) {
        let done = desk.post_event(&id, version, &event, agent, None).await;
        seen.saw(&post, path, StatusCode::OK, &done);
    }
    let stale = desk
        .post_event(&id, 1, &support::uphold(), agent, None)
        .await;
    seen.saw(&post, path, StatusCode::PRECONDITION_FAILED, &stale);
    let forbidden = desk.post_event(&id, 4, &approve, agent, None).await;
    seen.saw(&post, path, StatusCode::FORBIDDEN, &forbidden);
    // A complaint whose stored history does not check out (a text edited
    // in the database): 500 `history_does_not_replay`, reading or appending.
    let broken = desk.complaint(agent).await;
    desk.damage(&broken).await;
    let damaged = desk
        .post_event(&broken, 1, &support::uphold(), agent, None)
        .await;
    seen.saw(&post, path, StatusCode::INTERNAL_SERVER_ERROR, &damaged);
    assert_eq!(damaged.body["kind"], "history_does_not_replay");
    let damaged = desk.get(&format!("/api/complaints/{broken}"), agent).await;
    seen.saw(
        &get,
        "/api/complaints/{id}",
        StatusCode::INTERNAL_SERVER_ERROR,
        &damaged,
    );
    assert_eq!(damaged.body["kind"], "history_does_not_replay");

    // GET /api/due
    let path = "/api/due";
    let due = desk
        .get("/api/due?before=2100-01-01T00:00:00Z", agent)
        .await;
    seen.saw(&get, path, StatusCode::OK, &due);
    let bad = desk.get("/api/due?before=soon", agent).await;
    seen.saw(&get, path, StatusCode::BAD_REQUEST, &bad);
    let anonymous = desk
        .send(
            desk.request(get.clone(), "/api/due?before=2100-01-01T00:00:00Z"),
            None,
        )
        .await;
    seen.saw(&get, path, StatusCode::UNAUTHORIZED, &anonymous);

    // POST /api/tokens
    let path = "/api/tokens";
    let made = desk
        .send(
            desk.authed(post.clone(), path, agent),
            Some(json!({"label": "x"})),
        )
        .await;
    seen.saw(&post, path, StatusCode::CREATED, &made);
    let broken = desk
        .send_raw(json(desk.authed(post.clone(), path, agent)), "{")
        .await;
    seen.saw(&post, path, StatusCode::BAD_REQUEST, &broken);
    let anonymous = desk.send(desk.request(post.clone(), path), None).await;
    seen.saw(&post, path, StatusCode::UNAUTHORIZED, &anonymous);
    let large = desk
        .send_raw(json(desk.authed(post.clone(), path, agent)), &big)
        .await;
    seen.saw(&post, path, StatusCode::PAYLOAD_TOO_LARGE, &large);
    let plain = desk
        .send_raw(text(desk.authed(post.clone(), path, agent)), "{}")
        .await;
    seen.saw(&post, path, StatusCode::UNSUPPORTED_MEDIA_TYPE, &plain);

    // POST and DELETE /api/session
    let (delete, path) = (Method::DELETE, "/api/session");
    let signed_in = desk.sign_in("agent-7", PASSWORD, None).await;
    seen.saw(&post, path, StatusCode::OK, &signed_in);
    let cookie = signed_in.header(header::SET_COOKIE).unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let out = desk
        .send(
            desk.request(delete.clone(), path)
                .header(header::COOKIE, &cookie),
            None,
        )
        .await;
    seen.saw(&delete, path, StatusCode::NO_CONTENT, &out);
    let again = desk
        .send(
            desk.request(delete.clone(), path)
                .header(header::COOKIE, &cookie),
            None,
        )
        .await;
    seen.saw(&delete, path, StatusCode::UNAUTHORIZED, &again);
    let broken = desk
        .send_raw(json(desk.request(post.clone(), path)), "{")
        .await;
    seen.saw(&post, path, StatusCode::BAD_REQUEST, &broken);
    let large = desk
        .send_raw(json(desk.request(post.clone(), path)), &big)
        .await;
    seen.saw(&post, path, StatusCode::PAYLOAD_TOO_LARGE, &large);
    let plain = desk
        .send_raw(text(desk.request(post.clone(), path)), "{}")
        .await;
    seen.saw(&post, path, StatusCode::UNSUPPORTED_MEDIA_TYPE, &plain);
    // The test desks allow 3 failures.
    for _ in 0..3 {
        let wrong = desk.sign_in("agent-7", "not the password", None).await;
        seen.saw(&post, path, StatusCode::UNAUTHORIZED, &wrong);
    }
    let limited = desk.sign_in("agent-7", PASSWORD, None).await;
    seen.saw(&post, path, StatusCode::TOO_MANY_REQUESTS, &limited);

    // GET /api/openapi.json
    let path = "/api/openapi.json";
    let document = desk.send(desk.request(get.clone(), path), None).await;
    seen.saw(&get, path, StatusCode::OK, &document);

    assert_eq!(operations(&document.body), seen.0);
}
