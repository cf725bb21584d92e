//! The desk's HTML pages through the real router (`oneshot`) over a fresh
//! SQLite file: every page route and its statuses, sign-in and sign-out
//! with the session cookie, the complaint page's forms against
//! `allowed_events_for`, CSRF refusals, the stale-version page, intake
//! errors next to their field, and the Chinese pages.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};

use super::support::{self, Answer, Desk, PASSWORD, User};

/// A browser signed in through the sign-in page.
pub(super) struct Browser {
    pub(super) cookie: String,
    pub(super) csrf: String,
}

fn encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent(k), percent(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

pub(super) fn html(answer: &Answer) -> &str {
    answer.body.as_str().unwrap_or("")
}

/// The value of the first hidden `csrf` field of a page.
fn csrf_of(page: &str) -> String {
    page.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned()
}

/// The value a `Set-Cookie` header gives the cookie `name`.
fn set_cookie(answer: &Answer, name: &str) -> Option<String> {
    answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
}

pub(super) async fn get(
    desk: &Desk,
    uri: &str,
    cookie: Option<&str>,
    language: Option<&str>,
) -> Answer {
    let mut request = desk.request(Method::GET, uri);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if let Some(language) = language {
        request = request.header(header::ACCEPT_LANGUAGE, language);
    }
    desk.send(request, None).await
}

async fn post(desk: &Desk, uri: &str, cookie: Option<&str>, pairs: &[(&str, &str)]) -> Answer {
    let mut request = desk
        .request(Method::POST, uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    desk.send_raw(request, &encode(pairs)).await
}

/// The sign-in page's attempt for `name`: the answer and the cookies sent.
async fn try_sign_in(desk: &Desk, name: &str, password: &str, old: Option<&str>) -> Answer {
    let form = get(desk, "/sign-in", None, None).await;
    assert_eq!(form.status, StatusCode::OK);
    let token = set_cookie(&form, "desk_csrf").unwrap();
    assert_eq!(csrf_of(html(&form)), token);
    let mut cookie = format!("desk_csrf={token}");
    if let Some(old) = old {
        cookie = format!("{cookie}; {old}");
    }
    post(
        desk,
        "/sign-in",
        Some(&cookie),
        &[("csrf", &token), ("name", name), ("password", password)],
    )
    .await
}

pub(super) async fn sign_in(desk: &Desk, name: &str) -> Browser {
    let answer = try_sign_in(desk, name, PASSWORD, None).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", html(&answer));
    assert_eq!(answer.header(header::LOCATION), Some("/queue"));
    let session = set_cookie(&answer, "desk_session").unwrap();
    let cookie = format!("desk_session={session}");
    let queue = get(desk, "/queue", Some(&cookie), None).await;
    assert_eq!(queue.status, StatusCode::OK);
    Browser {
        csrf: csrf_of(html(&queue)),
        cookie,
    }
}

/// The event kinds of the complaint page's forms, in page order.
fn forms_of(page: &str, id: &str) -> Vec<String> {
    let action = format!("action=\"/complaints/{id}/events/");
    page.split(&action)
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

async fn version(desk: &Desk, id: &str) -> Value {
    desk.get(&format!("/api/complaints/{id}"), &desk.agent)
        .await
        .body["record"]["version"]
        .clone()
}

async fn allowed(desk: &Desk, id: &str, user: &User) -> Vec<String> {
    desk.get(&format!("/api/complaints/{id}"), user).await.body["allowed_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|kind| kind.as_str().unwrap().to_owned())
        .collect()
}

/// A complaint taken by the API to `proposed`.
async fn proposed(desk: &Desk) -> String {
    let id = desk.complaint(&desk.agent).await;
    for (version, event) in [
        (1, support::uphold()),
        (2, support::investigate()),
        (3, support::propose()),
    ] {
        let answer = desk
            .post_event(&id, version, &event, &desk.agent, None)
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    }
    id
}

#[tokio::test]
async fn every_page_needs_a_session_and_answers_once_signed_in() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    let pages = [
        "/queue".to_owned(),
        "/due".to_owned(),
        "/complaints/new".to_owned(),
        format!("/complaints/{id}"),
        "/diagram".to_owned(),
        format!("/diagram?complaint={id}"),
        "/settings".to_owned(),
    ];
    for uri in &pages {
        let answer = get(&desk, uri, None, None).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(answer.header(header::LOCATION), Some("/sign-in"), "{uri}");
        let forged = get(&desk, uri, Some("desk_session=forged"), None).await;
        assert_eq!(forged.status, StatusCode::SEE_OTHER, "{uri}");
    }
    for uri in [
        "/sign-out".to_owned(),
        "/complaints/new".to_owned(),
        format!("/complaints/{id}/events/add_note"),
        "/settings".to_owned(),
    ] {
        let answer = post(&desk, &uri, None, &[("csrf", "x")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{uri}");
    }
    let root = get(&desk, "/", None, None).await;
    assert_eq!(root.status, StatusCode::SEE_OTHER);
    let css = get(&desk, "/assets/desk.css", None, None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(
        css.header(header::CONTENT_TYPE),
        Some("text/css; charset=utf-8")
    );

    let agent = sign_in(&desk, "agent-7").await;
    for uri in &pages {
        let answer = get(&desk, uri, Some(&agent.cookie), None).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}");
        let page = html(&answer);
        assert!(page.contains("<meta name=\"viewport\""), "{uri}");
        assert!(page.contains("href=\"/assets/desk.css\""), "{uri}");
        assert!(page.contains("<html lang=\"en\">"), "{uri}");
        assert!(
            page.contains(&format!("value=\"{}\"", agent.csrf)),
            "{uri}: sign-out form"
        );
    }
    for uri in [
        "/complaints/0190e9b8-0000-7000-8000-000000000000",
        "/complaints/not-an-id",
    ] {
        let answer = get(&desk, uri, Some(&agent.cookie), None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let unknown_kind = post(
        &desk,
        &format!("/complaints/{id}/events/fly_away"),
        Some(&agent.cookie),
        &[("csrf", &agent.csrf), ("version", "1")],
    )
    .await;
    assert_eq!(unknown_kind.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_sign_in_page_rotates_the_session_and_refuses_wrong_passwords() {
    let desk = Desk::start().await;
    let wrong = try_sign_in(&desk, "agent-7", "not the password", None).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(html(&wrong).contains("The name or the password is wrong."));
    assert!(
        html(&wrong).contains("value=\"agent-7\""),
        "the name is kept"
    );
    assert_eq!(set_cookie(&wrong, "desk_session"), None);

    let first = sign_in(&desk, "agent-7").await;
    let again = try_sign_in(&desk, "agent-7", PASSWORD, Some(&first.cookie)).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let second = set_cookie(&again, "desk_session").unwrap();
    assert_ne!(format!("desk_session={second}"), first.cookie);
    let attributes = again
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("desk_session="))
        .unwrap()
        .to_owned();
    assert!(attributes.contains("HttpOnly") && attributes.contains("SameSite=Strict"));
    // The session the sign-in came with is over.
    let old = get(&desk, "/queue", Some(&first.cookie), None).await;
    assert_eq!(old.status, StatusCode::SEE_OTHER);
    let new = get(
        &desk,
        "/queue",
        Some(&format!("desk_session={second}")),
        None,
    )
    .await;
    assert_eq!(new.status, StatusCode::OK);
}

#[tokio::test]
async fn the_sign_in_page_is_rate_limited_like_the_api() {
    let desk = Desk::start().await;
    // The test desks allow three failures.
    for _ in 0..3 {
        let wrong = try_sign_in(&desk, "supervisor-1", "not the password", None).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    let limited = try_sign_in(&desk, "supervisor-1", PASSWORD, None).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.header(header::RETRY_AFTER).is_some());
    assert_eq!(set_cookie(&limited, "desk_session"), None);
    // The API counts the same failures.
    let api = desk.sign_in("supervisor-1", PASSWORD, None).await;
    assert_eq!(api.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let out = post(
        &desk,
        "/sign-out",
        Some(&agent.cookie),
        &[("csrf", &agent.csrf)],
    )
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.header(header::LOCATION), Some("/sign-in"));
    assert_eq!(set_cookie(&out, "desk_session").as_deref(), Some(""));
    let after = get(&desk, "/queue", Some(&agent.cookie), None).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_complaint_page_offers_exactly_the_forms_of_allowed_events_for() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let accepted = desk.complaint(&desk.agent).await;
    let proposed = proposed(&desk).await;
    for id in [&accepted, &proposed] {
        for (browser, user) in [(&agent, &desk.agent), (&supervisor, &desk.supervisor)] {
            let page = get(
                &desk,
                &format!("/complaints/{id}"),
                Some(&browser.cookie),
                None,
            )
            .await;
            assert_eq!(page.status, StatusCode::OK);
            let forms = forms_of(html(&page), id);
            let expected = allowed(&desk, id, user).await;
            assert_eq!(
                forms, expected,
                "the page's forms are allowed_events_for, in order"
            );
            assert_eq!(
                forms.iter().collect::<BTreeSet<_>>().len(),
                forms.len(),
                "one form per event"
            );
            // Every form carries the token and the version.
            let version = version(&desk, id).await;
            let hidden = format!("name=\"version\" value=\"{version}\"");
            assert_eq!(html(&page).matches(&hidden).count(), forms.len());
        }
    }
    let agent_page = get(
        &desk,
        &format!("/complaints/{proposed}"),
        Some(&agent.cookie),
        None,
    )
    .await;
    assert!(!forms_of(html(&agent_page), &proposed).contains(&"approve".to_owned()));
    assert!(!html(&agent_page).contains("id=\"form-approve\""));
    let supervisor_page = get(
        &desk,
        &format!("/complaints/{proposed}"),
        Some(&supervisor.cookie),
        None,
    )
    .await;
    assert!(forms_of(html(&supervisor_page), &proposed).contains(&"approve".to_owned()));
    // The approve form offers the proposal's two options.
    assert!(html(&supervisor_page).contains("<option value=\"2\""));
}

#[tokio::test]
async fn an_agents_hand_made_approve_is_refused_and_changes_nothing() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let id = proposed(&desk).await;
    let refused = post(
        &desk,
        &format!("/complaints/{id}/events/approve"),
        Some(&agent.cookie),
        &[("csrf", &agent.csrf), ("version", "4"), ("option", "1")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", html(&refused));
    assert_eq!(version(&desk, &id).await, 4);
    let shown = desk
        .get(&format!("/api/complaints/{id}"), &desk.agent)
        .await;
    assert_eq!(shown.body["record"]["stage"], "proposed");

    let supervisor = sign_in(&desk, "supervisor-1").await;
    let approved = post(
        &desk,
        &format!("/complaints/{id}/events/approve"),
        Some(&supervisor.cookie),
        &[
            ("csrf", &supervisor.csrf),
            ("version", "4"),
            ("option", "2"),
        ],
    )
    .await;
    assert_eq!(
        approved.status,
        StatusCode::SEE_OTHER,
        "{}",
        html(&approved)
    );
    assert_eq!(version(&desk, &id).await, 5);
}

#[tokio::test]
async fn a_page_post_without_its_csrf_token_is_403_and_changes_nothing() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let id = desk.complaint(&desk.agent).await;
    let note = format!("/complaints/{id}/events/add_note");
    for token in [None, Some("0".repeat(64)), Some(supervisor.csrf.clone())] {
        let mut pairs = vec![("version", "1"), ("text", "a note")];
        if let Some(token) = &token {
            pairs.push(("csrf", token));
        }
        let answer = post(&desk, &note, Some(&agent.cookie), &pairs).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{token:?}");
        assert!(html(&answer).contains("nothing was done"));
        let intake = post(&desk, "/complaints/new", Some(&agent.cookie), &pairs).await;
        assert_eq!(intake.status, StatusCode::FORBIDDEN);
        let out = post(&desk, "/sign-out", Some(&agent.cookie), &pairs).await;
        assert_eq!(out.status, StatusCode::FORBIDDEN);
        let settings = post(&desk, "/settings", Some(&agent.cookie), &pairs).await;
        assert_eq!(settings.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(version(&desk, &id).await, 1, "no note was added");
    let still = get(&desk, "/queue", Some(&agent.cookie), None).await;
    assert_eq!(still.status, StatusCode::OK, "the session was not ended");
    let queue = get(&desk, "/queue", Some(&agent.cookie), None).await;
    assert_eq!(
        html(&queue).matches("<li class=\"line ").count(),
        1,
        "no complaint was added"
    );

    // The sign-in form: its token must match its cookie.
    let form = get(&desk, "/sign-in", None, None).await;
    let token = set_cookie(&form, "desk_csrf").unwrap();
    let credentials = [("name", "agent-7"), ("password", PASSWORD)];
    let no_cookie = post(
        &desk,
        "/sign-in",
        None,
        &[&credentials[..], &[("csrf", &token)]].concat(),
    )
    .await;
    assert_eq!(no_cookie.status, StatusCode::FORBIDDEN);
    let cookie = format!("desk_csrf={token}");
    let wrong = post(
        &desk,
        "/sign-in",
        Some(&cookie),
        &[&credentials[..], &[("csrf", "0")]].concat(),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(set_cookie(&wrong, "desk_session"), None);
}

#[tokio::test]
async fn a_stale_form_gets_a_page_saying_so_and_nothing_is_written() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let id = desk.complaint(&desk.agent).await;
    // Another writer comes first.
    let note = json!({"type": "add_note", "data": {"text": "first"}});
    assert_eq!(
        desk.post_event(&id, 1, &note, &desk.agent, None)
            .await
            .status,
        StatusCode::OK
    );
    let stale = post(
        &desk,
        &format!("/complaints/{id}/events/add_note"),
        Some(&agent.cookie),
        &[("csrf", &agent.csrf), ("version", "1"), ("text", "second")],
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(
        html(&stale).contains("nothing was written"),
        "{}",
        html(&stale)
    );
    assert!(html(&stale).contains(&format!("href=\"/complaints/{id}\"")));
    assert_eq!(version(&desk, &id).await, 2);
    let page = get(
        &desk,
        &format!("/complaints/{id}"),
        Some(&agent.cookie),
        None,
    )
    .await;
    assert!(!html(&page).contains("second"));
}

#[tokio::test]
async fn a_form_post_applies_its_event_and_the_timeline_shows_it() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let id = desk.complaint(&desk.agent).await;
    let upheld = post(
        &desk,
        &format!("/complaints/{id}/events/uphold"),
        Some(&agent.cookie),
        &[
            ("csrf", &agent.csrf),
            ("version", "1"),
            ("responsible_department", "repairs"),
            ("investigation_due", "2099-06-01T10:00"),
        ],
    )
    .await;
    assert_eq!(upheld.status, StatusCode::SEE_OTHER, "{}", html(&upheld));
    assert_eq!(
        upheld.header(header::LOCATION),
        Some(format!("/complaints/{id}").as_str())
    );
    let shown = desk
        .get(&format!("/api/complaints/{id}"), &desk.agent)
        .await;
    assert_eq!(shown.body["record"]["stage"], "judged");
    let page = get(
        &desk,
        &format!("/complaints/{id}"),
        Some(&agent.cookie),
        None,
    )
    .await;
    let page = html(&page);
    assert!(
        page.contains("<strong>Uphold</strong> · agent-7 (agent)"),
        "who and what"
    );
    assert!(page.contains("repairs"));
    assert!(
        page.contains("2099-06-01 10:00"),
        "the due time in the viewer's zone"
    );

    // A refused event: the page again, the crate's error next to its field.
    let empty = post(
        &desk,
        &format!("/complaints/{id}/events/add_note"),
        Some(&agent.cookie),
        &[("csrf", &agent.csrf), ("version", "2"), ("text", "  ")],
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_field_error(html(&empty), "add_note-text", "Fill this in.");
    assert_eq!(version(&desk, &id).await, 2);
}

/// The error paragraph of the input `id` is inside that input's field.
fn assert_field_error(page: &str, id: &str, words: &str) {
    let input = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no input {id}"));
    let error = page
        .find(&format!("id=\"{id}-error\""))
        .unwrap_or_else(|| panic!("no error for {id}:\n{page}"));
    assert!(error > input, "the error follows its input");
    let between = &page[input..error];
    assert!(
        !between.contains("class=\"field"),
        "the error is in the input's own field"
    );
    assert!(page[error..].split("</p>").next().unwrap().contains(words));
    assert!(page.contains(&format!("aria-describedby=\"{id}-error\"")));
}

#[tokio::test]
async fn intake_errors_are_shown_next_to_the_field_they_name() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let form = get(&desk, "/complaints/new", Some(&agent.cookie), None).await;
    for label in [
        "for=\"accept-complainant-id\"",
        "for=\"accept-content\"",
        "for=\"accept-received_at\"",
    ] {
        assert!(html(&form).contains(label), "{label}");
    }
    let base = [
        ("csrf", agent.csrf.as_str()),
        ("complainant.id", "customer-42"),
        ("received_at", "2026-01-01T09:00"),
        ("channel", "phone"),
        ("category", "repair"),
        ("severity", "medium"),
    ];
    // R1: the crate refuses empty content, naming the field.
    let empty = post(
        &desk,
        "/complaints/new",
        Some(&agent.cookie),
        &[&base[..], &[("content", " ")]].concat(),
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_field_error(html(&empty), "accept-content", "Fill this in.");
    assert!(
        html(&empty).contains("value=\"customer-42\""),
        "what was typed is kept"
    );
    // The form's own check: a missing time, an unknown zone.
    let mut without_time: Vec<(&str, &str)> = base
        .iter()
        .filter(|(k, _)| *k != "received_at")
        .copied()
        .collect();
    without_time.extend([
        ("content", "It leaks"),
        ("complainant.zone", "Mars/Olympus"),
    ]);
    let missing = post(&desk, "/complaints/new", Some(&agent.cookie), &without_time).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_field_error(html(&missing), "accept-received_at", "Fill this in.");
    assert_field_error(
        html(&missing),
        "accept-complainant-zone",
        "Unknown time zone",
    );
    let queue = get(&desk, "/queue", Some(&agent.cookie), None).await;
    assert!(
        !html(&queue).contains("<li class=\"line "),
        "nothing was stored"
    );

    let accepted = post(
        &desk,
        "/complaints/new",
        Some(&agent.cookie),
        &[
            &base[..],
            &[
                ("content", "It leaks"),
                ("complainant.member", "true"),
                ("complainant.zone", "Europe/London"),
            ],
        ]
        .concat(),
    )
    .await;
    assert_eq!(
        accepted.status,
        StatusCode::SEE_OTHER,
        "{}",
        html(&accepted)
    );
    let location = accepted.header(header::LOCATION).unwrap().to_owned();
    let page = get(&desk, &location, Some(&agent.cookie), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let page = html(&page);
    assert!(page.contains("It leaks"));
    // Times in the viewer's zone (the organization's) with the customer's beside them.
    assert!(page.contains("Europe/London"), "{page}");
    assert!(page.contains("class=\"customer-time\""));
}

#[tokio::test]
async fn the_queue_lists_the_owners_open_complaints_even_without_deadlines() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    // The default policy opens no deadline at intake: not in the due index.
    let quiet = desk.complaint(&desk.agent).await;
    let upheld = desk.complaint(&desk.agent).await;
    let answer = desk
        .post_event(&upheld, 1, &support::uphold(), &desk.agent, None)
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let mine = get(&desk, "/queue", Some(&agent.cookie), None).await;
    let page = html(&mine);
    let (first, second) = (
        page.find(&format!("href=\"/complaints/{upheld}\""))
            .expect("the upheld complaint"),
        page.find(&format!("href=\"/complaints/{quiet}\""))
            .expect("the one without deadlines"),
    );
    assert!(first < second, "the next due first, none running last");
    assert!(page.contains("No deadline running."));
    let theirs = get(&desk, "/queue", Some(&supervisor.cookie), None).await;
    assert!(
        !html(&theirs).contains("<li class=\"line "),
        "the supervisor owns none"
    );

    // A handover (E5) moves it to the other queue.
    let handover = json!({"type": "handover", "data": {"to": "supervisor-1", "note": "shift end"}});
    assert_eq!(
        desk.post_event(&quiet, 1, &handover, &desk.agent, None)
            .await
            .status,
        StatusCode::OK
    );
    let theirs = get(&desk, "/queue", Some(&supervisor.cookie), None).await;
    assert!(html(&theirs).contains(&format!("href=\"/complaints/{quiet}\"")));
    let mine = get(&desk, "/queue", Some(&agent.cookie), None).await;
    assert!(!html(&mine).contains(&format!("href=\"/complaints/{quiet}\"")));
}

#[tokio::test]
async fn the_due_page_marks_overdue_complaints_for_the_team() {
    // FCA: a final response within eight weeks of receipt.
    let desk = Desk::with_policy(complaint_workflow::Policy::uk_fca()).await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let received = |weeks: i64| {
        let mut form = support::accept_form();
        form["received_at"] =
            json!((chrono::Utc::now() - chrono::Duration::weeks(weeks)).to_rfc3339());
        form
    };
    let mut ids = Vec::new();
    for weeks in [10, 0] {
        let created = desk
            .send(
                desk.authed(Method::POST, "/api/complaints", &desk.agent),
                Some(received(weeks)),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        ids.push(created.body["record"]["id"].as_str().unwrap().to_owned());
    }
    let due = get(&desk, "/due", Some(&supervisor.cookie), None).await;
    let page = html(&due);
    let line = |id: &str| {
        let at = page
            .find(&format!("href=\"/complaints/{id}\""))
            .unwrap_or_else(|| panic!("{id} not listed:\n{page}"));
        let start = page[..at].rfind("<li class=\"line ").unwrap();
        page[start..at].to_owned()
    };
    assert!(line(&ids[0]).contains("urgency-overdue"), "ten weeks old");
    // Received now, its nearest deadline is days away: not due within a day.
    assert!(!page.contains(&format!("href=\"/complaints/{}\"", ids[1])));
}

#[tokio::test]
async fn the_diagram_marks_the_complaints_stage() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let id = proposed(&desk).await;
    let plain = get(&desk, "/diagram", Some(&agent.cookie), None).await;
    assert!(!html(&plain).contains("aria-current"));
    assert!(html(&plain).contains("stateDiagram-v2"));
    let marked = get(
        &desk,
        &format!("/diagram?complaint={id}"),
        Some(&agent.cookie),
        None,
    )
    .await;
    let page = html(&marked);
    assert!(
        page.contains("id=\"stage-proposed\" class=\"stage-box current\" aria-current=\"step\"")
    );
    assert_eq!(page.matches("aria-current").count(), 1);
    assert!(page.contains("Approve a remedy → Approved (supervisor)"));
}

#[tokio::test]
async fn accept_language_zh_cn_gets_the_chinese_pages_in_the_procedures_words() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let id = desk.complaint(&desk.agent).await;
    let page = get(
        &desk,
        &format!("/complaints/{id}"),
        Some(&agent.cookie),
        Some("zh-CN,zh;q=0.9,en;q=0.5"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let text = html(&page);
    assert!(text.contains("<html lang=\"zh-CN\">"));
    assert!(text.contains("受理"), "the stage");
    assert!(text.contains("回访"), "the follow-up");
    assert!(text.contains("判定成立"), "the uphold form");
    let diagram = get(&desk, "/diagram", Some(&agent.cookie), Some("zh-CN")).await;
    for word in [
        "受理",
        "判定",
        "调查",
        "提出方案",
        "审批",
        "实施",
        "总结评价",
    ] {
        assert!(html(&diagram).contains(word), "{word}");
    }
    let sign_in = get(&desk, "/sign-in", None, Some("zh-CN")).await;
    assert!(html(&sign_in).contains("登录"));
    // The viewer's setting wins over the browser's languages.
    let english = format!("{}; desk_lang=en", agent.cookie);
    let page = get(
        &desk,
        &format!("/complaints/{id}"),
        Some(&english),
        Some("zh-CN"),
    )
    .await;
    assert!(html(&page).contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn settings_keep_the_language_and_zone_in_cookies() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let saved = post(
        &desk,
        "/settings",
        Some(&agent.cookie),
        &[
            ("csrf", &agent.csrf),
            ("language", "zh-CN"),
            ("zone", "Asia/Shanghai"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(set_cookie(&saved, "desk_lang").as_deref(), Some("zh-CN"));
    let zone = set_cookie(&saved, "desk_zone").unwrap();
    let cookie = format!("{}; desk_lang=zh-CN; desk_zone={zone}", agent.cookie);
    let id = desk.complaint(&desk.agent).await;
    let page = get(&desk, &format!("/complaints/{id}"), Some(&cookie), None).await;
    assert!(html(&page).contains("<html lang=\"zh-CN\">"));
    assert!(
        html(&page).contains("Asia/Shanghai"),
        "times in the viewer's zone"
    );
    let refused = post(
        &desk,
        "/settings",
        Some(&agent.cookie),
        &[
            ("csrf", &agent.csrf),
            ("language", "en"),
            ("zone", "Nowhere/Land"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_field_error(html(&refused), "settings-zone", "Unknown time zone");
}
