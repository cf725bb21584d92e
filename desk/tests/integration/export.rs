//! A5: the regulator's export through the real router over a fresh SQLite
//! file: an agent is refused every export (403), a supervisor downloads a
//! complaint's page and bundle (headers, the chain's head, the link on the
//! complaint page), a history edited in the database is exported saying
//! where it breaks, and a period's JSON export with its refused queries
//! (400, and 422 above the longest period).

use axum::http::{StatusCode, header};
use chrono::{Days, Utc};
use complaint_desk::pages::export::MAX_EXPORT_DAYS;
use complaint_workflow::ComplaintId;
use complaint_workflow::audit::{ChainError, Part, verify_chain};
use complaint_workflow::export::{ExportBundle, PeriodExport, Verification};
use complaint_workflow::store::ComplaintStore;

use super::pages::{Browser, get, html, sign_in};
use super::support::Desk;

async fn exported(desk: &Desk, uri: &str, browser: &Browser) -> super::support::Answer {
    get(desk, uri, Some(&browser.cookie), None).await
}

/// A5: an agent gets 403 for a complaint's export in both formats and for
/// a period's, and the complaint page offers an agent no export link.
#[tokio::test]
async fn a5_an_agent_is_refused_every_export() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    let agent = sign_in(&desk, "agent-7").await;
    let today = Utc::now().date_naive();
    for uri in [
        format!("/complaints/{id}/export.html"),
        format!("/complaints/{id}/export.json"),
        format!("/exports?from={today}&to={today}"),
    ] {
        let answer = exported(&desk, &uri, &agent).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{uri}");
        assert!(answer.header(header::CONTENT_DISPOSITION).is_none());
        assert!(html(&answer).contains("Exports are for team leads and supervisors"));
    }
    let page = exported(&desk, &format!("/complaints/{id}"), &agent).await;
    assert!(!html(&page).contains("/export.html"));
}

/// A5: a supervisor downloads the complaint's page and bundle, named after
/// the complaint; the bundle verifies with the head of the stored history.
#[tokio::test]
async fn a5_a_supervisor_downloads_the_complaint_file_and_bundle() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let page = exported(&desk, &format!("/complaints/{id}"), &supervisor).await;
    assert!(html(&page).contains(&format!("href=\"/complaints/{id}/export.html\" download")));
    assert!(html(&page).contains(&format!("href=\"/complaints/{id}/export.json\" download")));

    let complaint: ComplaintId = id.parse().unwrap();
    let entries = desk.store.entries(complaint).await.unwrap();
    let head = verify_chain(complaint, &entries).unwrap();

    let file = exported(&desk, &format!("/complaints/{id}/export.html"), &supervisor).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(
        file.header(header::CONTENT_TYPE),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        file.header(header::CONTENT_DISPOSITION),
        Some(format!("attachment; filename=\"complaint_{id}.html\"").as_str())
    );
    assert_eq!(file.header(header::CACHE_CONTROL), Some("no-store"));
    let page = html(&file);
    assert!(page.contains(&format!(
        "The hash chain verifies: 1 entries of complaint {id}, head hash {}.",
        head.hash
    )));
    assert!(page.contains(r#"<script type="application/json" id="history">"#));

    let bundle = exported(&desk, &format!("/complaints/{id}/export.json"), &supervisor).await;
    assert_eq!(bundle.status, StatusCode::OK);
    assert_eq!(
        bundle.header(header::CONTENT_TYPE),
        Some("application/json")
    );
    assert_eq!(
        bundle.header(header::CONTENT_DISPOSITION),
        Some(format!("attachment; filename=\"complaint_{id}.json\"").as_str())
    );
    let bundle: ExportBundle = serde_json::from_value(bundle.body).unwrap();
    assert_eq!(bundle.verification(), &Verification::Verified(head));
    assert_eq!(bundle.history(), entries.as_slice());

    let unknown = ComplaintId::new_at(Utc::now());
    let missing = exported(
        &desk,
        &format!("/complaints/{unknown}/export.json"),
        &supervisor,
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// A5, A1: a history edited in the database (the append-only trigger
/// dropped, a text rewritten) no longer loads as a complaint, and is still
/// exported, its bundle naming the entry and the part that changed.
#[tokio::test]
async fn a5_a_history_edited_in_the_database_is_exported_saying_where_it_breaks() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    // Signed in first: the queue the sign-in lands on rebuilds every
    // complaint, and the edited one no longer replays.
    let supervisor = sign_in(&desk, "supervisor-1").await;
    sqlx::query("DROP TRIGGER entries_no_update")
        .execute(&desk.pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE entries SET body = json_set(body, '$.event.data.content', 'Nothing happened') \
         WHERE complaint_id = $1 AND sequence = 1",
    )
    .bind(&id)
    .execute(&desk.pool)
    .await
    .unwrap();
    let answer = exported(&desk, &format!("/complaints/{id}/export.json"), &supervisor).await;
    assert_eq!(answer.status, StatusCode::OK);
    let bundle: ExportBundle = serde_json::from_value(answer.body).unwrap();
    assert_eq!(
        bundle.verification(),
        &Verification::Refused(ChainError::Altered {
            sequence: 1,
            part: Part::Texts
        })
    );
    let page = exported(&desk, &format!("/complaints/{id}/export.html"), &supervisor).await;
    assert!(html(&page).contains("THE HASH CHAIN DOES NOT VERIFY at entry 1"));
}

/// A5, S3: a period's export holds the complaints received in it; dates
/// that do not read are 400, a period longer than the maximum is 422.
#[tokio::test]
async fn a5_a_period_export_and_its_bounds() {
    let desk = Desk::start().await;
    let first = desk.complaint(&desk.agent).await;
    let second = desk.complaint(&desk.agent).await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let today = Utc::now().date_naive();
    let (from, to) = (today - Days::new(1), today + Days::new(1));
    let answer = exported(&desk, &format!("/exports?from={from}&to={to}"), &supervisor).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.header(header::CONTENT_DISPOSITION),
        Some(format!("attachment; filename=\"complaints_{from}_{to}.json\"").as_str())
    );
    let export: PeriodExport = serde_json::from_value(answer.body).unwrap();
    let mut ids: Vec<String> = export
        .complaints()
        .iter()
        .map(|bundle| bundle.complaint_id().to_string())
        .collect();
    ids.sort();
    let mut expected = vec![first, second];
    expected.sort();
    assert_eq!(ids, expected);
    assert!(
        export
            .complaints()
            .iter()
            .all(|b| b.verification().is_verified())
    );

    // A period before the complaints: none.
    let before = today - Days::new(10);
    let answer = exported(
        &desk,
        &format!("/exports?from={before}&to={before}"),
        &supervisor,
    )
    .await;
    let export: PeriodExport = serde_json::from_value(answer.body).unwrap();
    assert!(export.complaints().is_empty());

    let longest = today + Days::new(MAX_EXPORT_DAYS - 1);
    let answer = exported(
        &desk,
        &format!("/exports?from={today}&to={longest}"),
        &supervisor,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let too_long = today + Days::new(MAX_EXPORT_DAYS);
    let answer = exported(
        &desk,
        &format!("/exports?from={today}&to={too_long}"),
        &supervisor,
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html(&answer).contains(&format!(
        "The period has {} days; an export covers at most {MAX_EXPORT_DAYS}.",
        MAX_EXPORT_DAYS + 1
    )));
    for query in [
        format!("from={today}"),
        format!("from={today}&to=tomorrow"),
        format!("from={to}&to={from}"),
    ] {
        let answer = exported(&desk, &format!("/exports?{query}"), &supervisor).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}");
    }
}
