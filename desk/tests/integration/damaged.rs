//! A complaint whose stored history does not check out (a text edited in
//! the database: entry 1's seal no longer covers it) takes down nothing
//! else: the supervisor's landing queue lists the other complaint and a line
//! for the damaged one, the projections skip it and their checkpoints move
//! past it, the reports leave it out and say so, its page names the entry
//! and why, and the API answers `history_does_not_replay`.

use axum::http::{Method, StatusCode, header};
use complaint_desk::damaged::LEFT_OUT_HEADER;
use complaint_desk::{open_complaints, report_index};
use complaint_workflow::store::ChangeFeed;

use super::pages::{get, html, sign_in};
use super::support::{self, Desk};

/// The line the queue and the follow-up day show for a damaged complaint.
fn damaged_line(id: &str) -> String {
    format!("<li class=\"line damaged\" data-complaint=\"{id}\">")
}

/// A desk with two complaints of the supervisor's, both read by the queue's
/// and the reports' indexes, then one of them damaged: (desk, sound,
/// damaged).
async fn one_damaged() -> (Desk, String, String) {
    let desk = Desk::start().await;
    let sound = desk.complaint(&desk.supervisor).await;
    let broken = desk.complaint(&desk.supervisor).await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let reports = get(&desk, "/reports", Some(&supervisor.cookie), None).await;
    assert_eq!(reports.status, StatusCode::OK);
    desk.damage(&broken).await;
    (desk, sound, broken)
}

#[tokio::test]
async fn the_landing_queue_lists_the_other_complaint_and_marks_the_damaged_one() {
    let (desk, sound, broken) = one_damaged().await;
    // The sign-in lands on the queue, and it answers 200 (asserted there).
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let queue = get(&desk, "/queue", Some(&supervisor.cookie), None).await;
    assert_eq!(queue.status, StatusCode::OK);
    let page = html(&queue);
    assert!(
        page.contains(&format!("href=\"/complaints/{sound}\"")),
        "{page}"
    );
    assert!(page.contains(&damaged_line(&broken)), "{page}");
    assert!(page.contains(&format!("href=\"/complaints/{broken}\"")));
    assert!(page.contains("history does not check out"));
    assert_eq!(page.matches("<li class=\"line ").count(), 2);

    let chinese = get(&desk, "/queue", Some(&supervisor.cookie), Some("zh-CN")).await;
    assert_eq!(chinese.status, StatusCode::OK);
    assert!(html(&chinese).contains("处理记录核对不符"));
}

#[tokio::test]
async fn the_projections_skip_a_damaged_history_and_their_checkpoints_move_past_it() {
    let desk = Desk::start().await;
    // Damaged before any projection read it, then one more complaint after.
    let broken = desk.complaint(&desk.supervisor).await;
    desk.damage(&broken).await;
    let sound = desk.complaint(&desk.supervisor).await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let queue = get(&desk, "/queue", Some(&supervisor.cookie), None).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(html(&queue).contains(&format!("href=\"/complaints/{sound}\"")));
    // Its row was never written: a skipped complaint's rows stay as they were.
    assert!(!html(&queue).contains(&broken));
    let follow_ups = get(&desk, "/follow-ups", Some(&supervisor.cookie), None).await;
    assert_eq!(follow_ups.status, StatusCode::OK);

    let feed = desk.store.entries_after(0, 100).await.unwrap();
    let end = feed.last().unwrap().position;
    assert_eq!(feed.len(), 2);
    for subscriber in [open_complaints::SUBSCRIBER, report_index::SUBSCRIBER] {
        assert_eq!(
            desk.store.checkpoint(subscriber).await.unwrap(),
            end,
            "{subscriber}"
        );
    }
}

#[tokio::test]
async fn the_complaint_page_names_the_entry_and_why_and_offers_the_export() {
    let (desk, sound, broken) = one_damaged().await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let answer = get(
        &desk,
        &format!("/complaints/{broken}"),
        Some(&supervisor.cookie),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    let page = html(&answer);
    assert!(
        page.contains(&format!(
            "The stored history of complaint {broken} does not check out at entry 1."
        )),
        "{page}"
    );
    assert!(page.contains("entry 1 was altered: its texts is not what was sealed"));
    assert!(page.contains("Nothing is written to this complaint until its history is repaired"));
    assert!(page.contains(&format!(
        "href=\"/complaints/{broken}/export.html\" download"
    )));
    // The export it links to reads the history as stored.
    let export = get(
        &desk,
        &format!("/complaints/{broken}/export.html"),
        Some(&supervisor.cookie),
        None,
    )
    .await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(html(&export).contains("THE HASH CHAIN DOES NOT VERIFY at entry 1"));

    // An agent is told the same, without the export.
    let agent = sign_in(&desk, "agent-7").await;
    let answer = get(
        &desk,
        &format!("/complaints/{broken}"),
        Some(&agent.cookie),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(html(&answer).contains("does not check out at entry 1"));
    assert!(!html(&answer).contains("/export.html"));

    // The other complaint's page is as ever.
    let other = get(
        &desk,
        &format!("/complaints/{sound}"),
        Some(&supervisor.cookie),
        None,
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test]
async fn the_api_answers_history_does_not_replay_naming_the_complaint_and_the_entry() {
    let (desk, sound, broken) = one_damaged().await;
    let shown = desk
        .get(&format!("/api/complaints/{broken}"), &desk.agent)
        .await;
    let appended = desk
        .post_event(&broken, 1, &support::uphold(), &desk.agent, None)
        .await;
    for answer in [&shown, &appended] {
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            answer.header(header::CONTENT_TYPE),
            Some("application/problem+json")
        );
        assert_eq!(
            answer.body["kind"], "history_does_not_replay",
            "{}",
            answer.body
        );
        assert_eq!(answer.body["type"], "/problems/history_does_not_replay");
        let detail = answer.body["detail"].as_str().unwrap();
        assert!(detail.contains(&format!("complaint {broken}")), "{detail}");
        assert!(detail.contains("at entry 1"), "{detail}");
    }
    // Nothing was written to it.
    let entries: i64 = sqlx::query_scalar("SELECT count(*) FROM entries WHERE complaint_id = $1")
        .bind(&broken)
        .fetch_one(&desk.pool)
        .await
        .unwrap();
    assert_eq!(entries, 1);
    let other = desk
        .get(&format!("/api/complaints/{sound}"), &desk.agent)
        .await;
    assert_eq!(other.status, StatusCode::OK);
    // An unknown failure is still `internal`; a missing complaint `not_found`.
    let missing = desk
        .send(
            desk.authed(
                Method::GET,
                "/api/complaints/0190e9b8-0000-7000-8000-000000000000",
                &desk.agent,
            ),
            None,
        )
        .await;
    assert_eq!(missing.body["kind"], "not_found");
}

#[tokio::test]
async fn a_report_leaves_the_damaged_complaint_out_and_says_so() {
    let (desk, _sound, broken) = one_damaged().await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let answer = get(&desk, "/reports", Some(&supervisor.cookie), None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let page = html(&answer);
    assert!(
        page.contains(
            "Complaints left out of these figures, as their stored history does not check out: 1."
        ),
        "{page}"
    );
    assert!(page.contains(&format!("<a href=\"/complaints/{broken}\">{broken}</a>")));
    assert!(
        page.contains("data-key=\"s1.total.complaints\">1</strong>"),
        "{page}"
    );

    let csv = get(&desk, "/reports/s1.csv", Some(&supervisor.cookie), None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(
        csv.header(header::HeaderName::from_static(LEFT_OUT_HEADER)),
        Some("1")
    );
}
