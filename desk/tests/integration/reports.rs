//! The report pages (S1, S2, S4 over a day, a week or a month: S3) and the
//! follow-up day (F4, F5, F7) through the real router over a fresh SQLite
//! file: who may see the reports, the CSV downloads against the core's
//! `to_csv` over the same records, the page's numbers against the core's
//! reports, an empty period, refused query values, and the slots of one
//! agent's day in both zones.

use std::collections::BTreeMap;

use axum::http::{StatusCode, header};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use complaint_desk::auth::users;
use complaint_desk::configuration::PasswordCost;
use complaint_desk::demo::{self, Month};
use complaint_desk::pages::clock;
use complaint_desk::pages::report_view::{duration, mean, ratio};
use complaint_workflow::deadline::DeadlineKind;
use complaint_workflow::report::{
    BreachReport, ClassificationReport, ComplaintOutcome, FollowUpSummary, Period,
};
use complaint_workflow::store::Complaints;
use complaint_workflow::time::Zone;
use complaint_workflow::{ComplaintRecord, Policy, Role};
use complaint_workflow_sqlite::SqliteStore;
use serde_json::{Value, json};

use super::pages::{Browser, get, html, sign_in};
use super::support::{self, Desk, PASSWORD};

fn shanghai() -> Zone {
    Zone::iana("Asia/Shanghai").unwrap()
}

/// The viewer's cookie with the zone setting of Asia/Shanghai.
fn in_shanghai(browser: &Browser) -> String {
    format!("{}; desk_zone=Asia%2FShanghai", browser.cookie)
}

/// A team lead of the desk, signed in.
async fn team_lead(desk: &Desk) -> Browser {
    users::add(
        &desk.pool,
        "lead-3",
        Role::TeamLead,
        PASSWORD,
        PasswordCost::TESTING,
    )
    .await
    .unwrap();
    sign_in(desk, "lead-3").await
}

/// November 2026 in Shanghai, generated and stored: its records, as the
/// store holds them.
async fn november(desk: &Desk) -> (Vec<ComplaintRecord>, Period) {
    demo_month(desk, 11).await
}

/// A month of 2026 in Shanghai, generated (handled as far as its end) and
/// stored.
async fn demo_month(desk: &Desk, number: u32) -> (Vec<ComplaintRecord>, Period) {
    let month = Month {
        year: 2026,
        month: number,
        zone: shanghai(),
        seed: Month::SEED,
    };
    let period = month.period().unwrap();
    let records = demo::generate(&month, &Policy::default(), period.end()).unwrap();
    let store = SqliteStore::from_pool(desk.pool.clone());
    demo::seed(&store, month.seed, &records).await.unwrap();
    (records, period)
}

/// The numbers of a page: each `data-key` cell's text.
fn cells(page: &str) -> BTreeMap<String, String> {
    page.split("data-key=\"")
        .skip(1)
        .map(|rest| {
            let (key, rest) = rest.split_once('"').unwrap();
            let text = rest.split_once('>').unwrap().1.split('<').next().unwrap();
            (key.to_owned(), text.to_owned())
        })
        .collect()
}

/// The end of November in Shanghai, as the query spells it.
const AS_OF: &str = "2026-11-30T16:00:00Z";

#[tokio::test]
async fn reports_are_for_team_leads_and_supervisors_and_an_agent_is_refused_403() {
    let desk = Desk::start().await;
    let agent = sign_in(&desk, "agent-7").await;
    let lead = team_lead(&desk).await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let uris = [
        "/reports",
        "/reports?period=day&date=2026-11-23",
        "/reports/s1.csv",
        "/reports/s2.csv?period=week",
        "/reports/s4.csv",
        "/reports/breaches.csv",
    ];
    for uri in uris {
        let refused = get(&desk, uri, Some(&agent.cookie), None).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{uri}");
        assert!(
            html(&refused).contains("Reports are for team leads and supervisors"),
            "{uri}"
        );
        for browser in [&lead, &supervisor] {
            let shown = get(&desk, uri, Some(&browser.cookie), None).await;
            assert_eq!(shown.status, StatusCode::OK, "{uri}");
        }
        let anonymous = get(&desk, uri, None, None).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(anonymous.header(header::LOCATION), Some("/sign-in"));
    }
    // The navigation links the reports for those who may see them only.
    // The Chinese page uses the procedure's names of the three tables.
    let chinese = get(&desk, "/reports", Some(&lead.cookie), Some("zh-CN")).await;
    assert_eq!(chinese.status, StatusCode::OK);
    for title in [
        "S1 顾客投诉分类统计表",
        "S2 回访总结报告",
        "S4 故障超时记录表",
        "月报",
    ] {
        assert!(html(&chinese).contains(title), "{title}");
    }
    for (browser, sees) in [(&agent, false), (&lead, true), (&supervisor, true)] {
        let queue = get(&desk, "/queue", Some(&browser.cookie), None).await;
        assert_eq!(html(&queue).contains("href=\"/reports\""), sees);
        assert!(html(&queue).contains("href=\"/follow-ups\""));
        let day = get(&desk, "/follow-ups", Some(&browser.cookie), None).await;
        assert_eq!(day.status, StatusCode::OK);
    }
}

/// S1, S2, S4 (and S4's list of breaches) as downloaded are the core's CSV
/// of the same records, for a month, an ISO week and a day in Shanghai.
#[tokio::test]
async fn s1_s2_s4_downloads_are_the_cores_csv_of_the_same_records() {
    let desk = Desk::start().await;
    let (records, _) = november(&desk).await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let cookie = in_shanghai(&supervisor);
    let as_of: DateTime<Utc> = AS_OF.parse().unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
    let periods = [
        (
            "month",
            Period::month(2026, 11, shanghai()).unwrap(),
            "2026-11",
        ),
        ("week", Period::week(date, shanghai()).unwrap(), "2026-W47"),
        ("day", Period::day(date, shanghai()).unwrap(), "2026-11-18"),
    ];
    for (kind, period, name) in periods {
        let s1 = ClassificationReport::compute(&records, &period);
        let s2 = FollowUpSummary::compute(&records, &period);
        let s4 = BreachReport::compute(&records, &period, as_of);
        assert!(s1.complaints > 0, "{kind}");
        let expected = [
            ("s1", s1.to_csv()),
            ("s2", s2.to_csv()),
            ("s4", s4.to_csv()),
            ("breaches", s4.breaches_to_csv()),
        ];
        for (file, body) in expected {
            let uri = format!("/reports/{file}.csv?period={kind}&date=2026-11-18&as_of={AS_OF}");
            let answer = get(&desk, &uri, Some(&cookie), None).await;
            assert_eq!(answer.status, StatusCode::OK, "{uri}");
            assert_eq!(
                answer.header(header::CONTENT_TYPE),
                Some("text/csv; charset=utf-8")
            );
            assert_eq!(
                answer.header(header::CONTENT_DISPOSITION),
                Some(format!("attachment; filename=\"{file}_{kind}_{name}.csv\"").as_str())
            );
            assert_eq!(answer.body.as_str(), Some(body.as_str()), "{uri}");
        }
    }
}

/// The page's numbers are the core's reports' over the same records: S1's
/// counts and times, S2's coverage and satisfaction, S4's tallies.
#[tokio::test]
async fn the_numbers_on_the_report_page_are_the_cores_reports() {
    let desk = Desk::start().await;
    let (records, period) = november(&desk).await;
    let lead = team_lead(&desk).await;
    let as_of: DateTime<Utc> = AS_OF.parse().unwrap();
    let uri = format!("/reports?period=month&date=2026-11-30&as_of={AS_OF}");
    let answer = get(&desk, &uri, Some(&in_shanghai(&lead)), None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let page = html(&answer);
    let shown = cells(page);

    let s1 = ClassificationReport::compute(&records, &period);
    let mut expected: BTreeMap<String, String> = BTreeMap::new();
    let mut expect = |key: String, value: String| {
        expected.insert(key, value);
    };
    expect("s1.total.complaints".into(), s1.complaints.to_string());
    for outcome in ComplaintOutcome::ALL {
        expect(
            format!("s1.outcome.{outcome}"),
            s1.outcome(outcome).to_string(),
        );
    }
    for (category, n) in &s1.by_category {
        expect(format!("s1.category.{category}"), n.to_string());
    }
    for (severity, n) in &s1.by_severity {
        expect(format!("s1.severity.{severity}"), n.to_string());
    }
    for (channel, n) in &s1.by_channel {
        expect(format!("s1.channel.{channel}"), n.to_string());
    }
    for (department, n) in &s1.by_department {
        expect(format!("s1.department.{department}"), n.to_string());
    }
    for (cause, n) in &s1.by_root_cause {
        expect(format!("s1.root_cause.{cause}"), n.to_string());
    }
    for (milestone, durations) in &s1.time_to {
        let key = |column: &str| format!("s1.time_to.{milestone}.{column}");
        expect(key("count"), durations.len().to_string());
        expect(key("median_seconds"), duration(durations.median().unwrap()));
        expect(key("p90_seconds"), duration(durations.p90().unwrap()));
    }
    let s2 = FollowUpSummary::compute(&records, &period);
    expect("s2.handled".into(), s2.handled.to_string());
    expect("s2.scheduled".into(), s2.scheduled.to_string());
    expect("s2.completed".into(), s2.completed.to_string());
    expect("s2.exhausted".into(), s2.exhausted.to_string());
    expect("s2.pending".into(), s2.pending().to_string());
    expect("s2.members_handled".into(), s2.members_handled.to_string());
    expect("s2.coverage_percent".into(), ratio(s2.coverage()));
    expect(
        "s2.member_coverage_percent".into(),
        ratio(s2.member_coverage()),
    );
    expect(
        "s2.attempts_per_completed".into(),
        mean(s2.attempts_per_completed()),
    );
    for (level, n) in &s2.satisfaction {
        expect(format!("s2.satisfaction.{level}"), n.to_string());
    }
    let s4 = BreachReport::compute(&records, &period, as_of);
    for (kind, tally) in s4
        .by_kind
        .iter()
        .map(|(kind, tally)| (kind.name(), *tally))
        .chain([("all", s4.overall())])
    {
        let key = |column: &str| format!("s4.{kind}.{column}");
        expect(key("total"), tally.total.to_string());
        expect(key("met_on_time"), tally.met_on_time.to_string());
        expect(key("breached"), tally.breached().to_string());
        expect(key("still_open"), tally.still_open.to_string());
        expect(key("pending"), tally.pending.to_string());
        expect(
            key("worst_overdue_seconds"),
            duration(tally.worst_overdue_seconds),
        );
    }
    for line in &s4.breaches {
        let key = format!(
            "s4.breach.{}.{}.overdue_seconds",
            line.complaint,
            line.breach.deadline.number()
        );
        expect(key, duration(line.breach.overdue_seconds));
    }
    assert!(s1.complaints > 100 && s2.handled > 0 && !s4.breaches.is_empty());
    for (key, value) in &expected {
        assert_eq!(shown.get(key), Some(value), "{key}");
    }
    // Every S4 line of the page is one of the core's, and no more.
    let listed = shown
        .keys()
        .filter(|key| key.starts_with("s4.breach.") && key.ends_with(".state"))
        .count();
    assert_eq!(listed, s4.breaches.len());

    // Charts drawn on the server, named, with their numbers as text.
    assert!(
        page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\"")
    );
    assert!(page.contains("<title id=\"chart_s1_outcome_title\">By outcome</title>"));
    let upheld = s1.outcome(ComplaintOutcome::Upheld);
    assert!(
        page.contains(&format!("upheld: {upheld}")),
        "the chart's description"
    );
    assert!(
        page.contains(&format!(">{upheld}</text>")),
        "the bar's number"
    );
    // The period is the viewer's month, midnight to midnight in Shanghai.
    assert!(
        page.contains("From 2026-11-01 00:00 Asia/Shanghai to 2026-12-01 00:00 Asia/Shanghai.")
    );
    // The downloads ask for the same report.
    let href = page
        .split("href=\"/reports/s1.csv?")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_eq!(
        href,
        format!("period=month&#38;date=2026-11-30&#38;as_of={AS_OF}")
    );
}

/// A period with no complaint: every count zero, every list empty, the
/// CSV the core's of nothing; every label escaped in the tables and charts.
#[tokio::test]
async fn a_period_without_complaints_reports_zero_and_labels_are_escaped() {
    let desk = Desk::start().await;
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let mut form = support::accept_form();
    form["category"] = json!("<img src=x onerror=alert(1)>");
    let created = desk
        .send(
            desk.authed(axum::http::Method::POST, "/api/complaints", &desk.agent),
            Some(form),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);

    let empty = get(
        &desk,
        "/reports?period=day&date=2020-01-01",
        Some(&supervisor.cookie),
        None,
    )
    .await;
    assert_eq!(empty.status, StatusCode::OK);
    let shown = cells(html(&empty));
    assert_eq!(shown["s1.total.complaints"], "0");
    assert_eq!(shown["s1.outcome.open"], "0");
    assert_eq!(shown["s2.handled"], "0");
    assert_eq!(shown["s2.coverage_percent"], "-");
    assert_eq!(shown["s4.all.total"], "0");
    assert!(html(&empty).contains("None."));
    let period = Period::day(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), Zone::Utc).unwrap();
    let none: [ComplaintRecord; 0] = [];
    let csv = get(
        &desk,
        "/reports/s1.csv?period=day&date=2020-01-01",
        Some(&supervisor.cookie),
        None,
    )
    .await;
    assert_eq!(
        csv.body.as_str(),
        Some(
            ClassificationReport::compute(&none, &period)
                .to_csv()
                .as_str()
        )
    );

    // Today (in UTC, the organization's zone) holds the complaint just filed.
    let today = get(&desk, "/reports?period=day", Some(&supervisor.cookie), None).await;
    assert_eq!(today.status, StatusCode::OK);
    let page = html(&today);
    assert_eq!(cells(page)["s1.total.complaints"], "1");
    assert!(!page.contains("<img src=x"), "a label is never markup");
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;: 1"),
        "the chart's words"
    );
}

#[tokio::test]
async fn query_values_that_do_not_read_are_a_400_with_a_message() {
    let desk = Desk::start().await;
    let lead = team_lead(&desk).await;
    let cases = [
        ("/reports?period=year", "“year” is not a period"),
        (
            "/reports?period=day&date=2026-02-30",
            "“2026-02-30” is not a date",
        ),
        ("/reports?date=tomorrow", "“tomorrow” is not a date"),
        ("/reports?as_of=soon", "“soon” is not a time"),
        (
            "/reports/s1.csv?period=fortnight",
            "“fortnight” is not a period",
        ),
        (
            "/reports/s4.csv?date=2026-11-31",
            "“2026-11-31” is not a date",
        ),
        (
            "/reports/breaches.csv?as_of=2026-13-01T00:00:00Z",
            "is not a time",
        ),
        ("/follow-ups?date=2026-11", "“2026-11” is not a date"),
        // Bytes that are not UTF-8 are read as U+FFFD, and refused as such.
        ("/reports?date=%FF", "“\u{FFFD}” is not a date"),
        ("/reports/s2.csv?period=%C3", "“\u{FFFD}” is not a period"),
        ("/follow-ups?date=%FE", "“\u{FFFD}” is not a date"),
    ];
    for (uri, words) in cases {
        let answer = get(&desk, uri, Some(&lead.cookie), None).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(html(&answer).contains(words), "{uri}: {}", html(&answer));
    }
    // The Chinese page says it in Chinese.
    let chinese = get(
        &desk,
        "/reports?period=year",
        Some(&lead.cookie),
        Some("zh-CN"),
    )
    .await;
    assert_eq!(chinese.status, StatusCode::BAD_REQUEST);
    assert!(html(&chinese).contains("不是报表周期"));
    let unknown = get(&desk, "/reports/s9.csv", Some(&lead.cookie), None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

/// A complaint filed through the API for `customer`, dismissed at once so
/// that its follow-up is scheduled (F7); its id.
async fn dismissed(desk: &Desk, user: &support::User, customer: Value) -> String {
    let mut form = support::accept_form();
    form["complainant"] = customer;
    let created = desk
        .send(
            desk.authed(axum::http::Method::POST, "/api/complaints", user),
            Some(form),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["record"]["id"].as_str().unwrap().to_owned();
    let dismiss =
        json!({"type": "dismiss", "data": {"reply": "The seal was not part of the repair"}});
    let answer = desk.post_event(&id, 1, &dismiss, user, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    id
}

/// F4, F5, F7: the follow-up day lists exactly the slots owed by the
/// signed-in agent on that day of the viewer's zone, each in the viewer's
/// time and the customer's, members marked.
#[tokio::test]
async fn f7_the_follow_up_day_lists_exactly_the_agents_slots_of_that_day_in_both_zones() {
    let desk = Desk::start().await;
    let member = dismissed(
        &desk,
        &desk.agent,
        json!({"id": "customer-1", "member": true, "zone": "America/New_York"}),
    )
    .await;
    let other = dismissed(
        &desk,
        &desk.agent,
        json!({"id": "customer-2", "member": false, "zone": "Asia/Kolkata"}),
    )
    .await;
    let moved = dismissed(
        &desk,
        &desk.agent,
        json!({"id": "customer-3", "member": true}),
    )
    .await;
    let not_mine = dismissed(
        &desk,
        &desk.supervisor,
        json!({"id": "customer-4", "member": true}),
    )
    .await;

    let store = SqliteStore::from_pool(desk.pool.clone());
    let complaints = Complaints::new(store.clone());
    // The third follow-up is agreed for two days later: off that day.
    let record = complaints.load(moved.parse().unwrap()).await.unwrap();
    let later = record.follow_up().unwrap().slot() + Duration::days(2);
    let reschedule = json!({"type": "reschedule_follow_up",
        "data": {"at": later.to_rfc3339(), "customer_requested": true}});
    let answer = desk
        .post_event(&moved, 2, &reschedule, &desk.agent, None)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);

    let agent = sign_in(&desk, "agent-7").await;
    let cookie = in_shanghai(&agent);
    let slot = |record: &ComplaintRecord| record.follow_up().unwrap().slot();
    let load = |id: &str| {
        let complaints = complaints.clone();
        let id = id.parse().unwrap();
        async move { complaints.load(id).await.unwrap() }
    };
    let first = load(&member).await;
    let day = shanghai().to_local(slot(&first)).date();
    let period = Period::day(day, shanghai()).unwrap();

    let mut owed = Vec::new();
    for id in [&member, &other, &moved, &not_mine] {
        let record = load(id).await;
        let mine = record.owner().is_some_and(|o| o.to_string() == "agent-7");
        if mine && period.contains(slot(&record)) {
            owed.push((slot(&record), record));
        }
    }
    owed.sort_by_key(|(slot, record)| (*slot, record.id()));
    assert!(
        owed.iter()
            .all(|(_, r)| r.id().to_string() != moved && r.id().to_string() != not_mine)
    );
    assert!(owed.iter().any(|(_, r)| r.id().to_string() == member));

    let answer = get(
        &desk,
        &format!("/follow-ups?date={day}"),
        Some(&cookie),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let page = html(&answer);
    let listed: Vec<&str> = page
        .split("data-complaint=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    let expected: Vec<String> = owed.iter().map(|(_, r)| r.id().to_string()).collect();
    assert_eq!(listed, expected);
    for (slot, record) in &owed {
        let line = page
            .split(&format!("data-complaint=\"{}\"", record.id()))
            .nth(1)
            .unwrap()
            .split("</li>")
            .next()
            .unwrap();
        let customer = record.complainant().zone.unwrap_or(Zone::Utc);
        assert!(line.contains(&clock::local(*slot, shanghai())), "{line}");
        assert!(line.contains(&clock::local(*slot, customer)), "{line}");
        assert!(line.contains(&format!("href=\"/complaints/{}\"", record.id())));
        assert_eq!(
            line.contains(">member<"),
            record.complainant().member,
            "{line}"
        );
        let follow_up_due = record
            .deadlines()
            .iter()
            .any(|d| d.kind() == DeadlineKind::FollowUp);
        assert!(follow_up_due, "F7: the follow-up has its deadline");
        assert!(line.contains("on time"), "{line}");
    }
    // The agreed time shows on its own day, marked as agreed.
    let moved_day = shanghai().to_local(later).date();
    let answer = get(
        &desk,
        &format!("/follow-ups?date={moved_day}"),
        Some(&cookie),
        None,
    )
    .await;
    let page = html(&answer);
    assert!(page.contains(&format!("data-complaint=\"{moved}\"")));
    assert!(page.contains("agreed with the customer"));
    // The supervisor's own day holds the fourth, never the agent's.
    let supervisor = sign_in(&desk, "supervisor-1").await;
    let record = load(&not_mine).await;
    let their_day = shanghai().to_local(slot(&record)).date();
    let answer = get(
        &desk,
        &format!("/follow-ups?date={their_day}"),
        Some(&in_shanghai(&supervisor)),
        None,
    )
    .await;
    let page = html(&answer);
    assert!(page.contains(&format!("data-complaint=\"{not_mine}\"")));
    assert!(!page.contains(&format!("data-complaint=\"{member}\"")));
    // A day without a slot says so.
    let empty = get(&desk, "/follow-ups?date=2020-01-01", Some(&cookie), None).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(html(&empty).contains("No follow-up is owed on this day."));
}

/// F7: on a demo month handled as far as its end (October: its follow-ups
/// still owed are long past their three days), an agent's follow-up day
/// holds exactly the follow-ups owed on that agent's complaints, each
/// marked as the desk's one urgency rule marks its follow-up deadline.
#[tokio::test]
async fn f7_an_agents_follow_up_day_marks_the_follow_ups_whose_deadline_has_passed() {
    use complaint_desk::pages::urgency::urgency;
    let desk = Desk::start().await;
    let (records, _) = demo_month(&desk, 10).await;
    users::add(
        &desk.pool,
        "agent-li",
        Role::Agent,
        PASSWORD,
        PasswordCost::TESTING,
    )
    .await
    .unwrap();
    let agent = sign_in(&desk, "agent-li").await;
    let cookie = in_shanghai(&agent);
    // Every day with a follow-up owed by agent-li, and the ones owed.
    let mut days: BTreeMap<NaiveDate, Vec<&ComplaintRecord>> = BTreeMap::new();
    for record in &records {
        let Some(status) = record.follow_up() else {
            continue;
        };
        let mine = record.owner().is_some_and(|o| o.to_string() == "agent-li");
        if mine && !status.stage().is_done() {
            let day = shanghai().to_local(status.slot()).date();
            days.entry(day).or_default().push(record);
        }
    }
    assert!(!days.is_empty(), "the demo month leaves follow-ups owed");
    let mut overdue = 0;
    for (day, mut owed) in days {
        owed.sort_by_key(|record| (record.follow_up().unwrap().slot(), record.id()));
        let before = Utc::now();
        let answer = get(
            &desk,
            &format!("/follow-ups?date={day}"),
            Some(&cookie),
            None,
        )
        .await;
        let after = Utc::now();
        assert_eq!(answer.status, StatusCode::OK);
        let page = html(&answer);
        let listed: Vec<&str> = page
            .split("data-complaint=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        let expected: Vec<String> = owed.iter().map(|r| r.id().to_string()).collect();
        assert_eq!(listed, expected, "{day}");
        for record in owed {
            let deadline = record
                .deadlines()
                .iter()
                .rev()
                .find(|d| d.kind() == DeadlineKind::FollowUp)
                .unwrap();
            let (then, now) = (urgency(deadline, before), urgency(deadline, after));
            if then != now {
                continue; // crossed a boundary while the page was made
            }
            let class = format!(
                "<li class=\"line {}\" data-complaint=\"{}\"",
                now.name(),
                record.id()
            );
            assert!(page.contains(&class), "{day}: {class}");
            overdue += usize::from(now.name() == "urgency-overdue");
        }
    }
    assert!(
        overdue > 0,
        "some follow-up of October is past its three days"
    );
}

/// S1, S2, S4 gathered 100 complaints at a time from the desk's index and
/// merged are the core's reports over all the records at once; a period
/// holding more complaints than the limit is refused with its count, before
/// any is loaded.
#[tokio::test]
async fn reports_read_in_chunks_are_the_cores_over_all_records_and_the_limit_is_kept() {
    use complaint_desk::configuration::Settings;
    use complaint_desk::pages::reports::{CHUNK, GatherError, gather};
    use complaint_desk::startup::{self, AppState};
    let dir = tempfile::tempdir().unwrap();
    let store = startup::open(dir.path().join("desk.sqlite").to_str().unwrap())
        .await
        .unwrap();
    let pool = store.pool().clone();
    let month = Month {
        year: 2026,
        month: 11,
        zone: shanghai(),
        seed: Month::SEED,
    };
    let period = month.period().unwrap();
    let records = demo::generate(&month, &Policy::default(), period.end()).unwrap();
    demo::seed(&store, month.seed, &records).await.unwrap();
    let state = AppState::new(store, pool, Policy::default(), Settings::default());
    let as_of: DateTime<Utc> = AS_OF.parse().unwrap();

    assert!(
        records.len() > 2 * CHUNK,
        "{} records: three chunks or more",
        records.len()
    );
    let gathered = gather(&state, &period, as_of, 20_000).await.unwrap();
    assert_eq!(
        gathered.classification,
        ClassificationReport::compute(&records, &period)
    );
    assert_eq!(
        gathered.follow_up,
        FollowUpSummary::compute(&records, &period)
    );
    assert_eq!(
        gathered.breaches,
        BreachReport::compute(&records, &period, as_of)
    );

    // Every complaint received in November is in its period; the limit
    // below them is refused with how many the period holds.
    let refused = gather(&state, &period, as_of, 10).await.unwrap_err();
    let GatherError::TooMany { count } = refused else {
        panic!("{refused:?}");
    };
    assert!(count >= gathered.classification.complaints, "{count}");
    assert!(count > 10);
    let limit = count;
    assert!(
        gather(&state, &period, as_of, limit).await.is_ok(),
        "the limit itself is allowed"
    );
    assert!(matches!(
        gather(&state, &period, as_of, limit - 1).await,
        Err(GatherError::TooMany { count: c }) if c == count
    ));
}
