//! What the PostgreSQL tests share: the server's URL (or a skip), a fresh
//! schema per test, and complaints with a final response that warns and
//! escalates.

use std::io::Write;

use chrono::{DateTime, Utc};
use complaint_workflow::deadline::{DeadlineKind, EscalationLevel, EscalationTrigger, Warning};
use complaint_workflow::event::Accept;
use complaint_workflow::time::TimeLimit;
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Policy, Role, Severity,
};
use sqlx::{Connection, Executor, PgConnection};

/// `DATABASE_URL` when it names PostgreSQL, or `None` with a notice. Under
/// CI (`CI` set) a missing one fails the test: CI starts a server.
pub fn database_url(test: &str) -> Option<String> {
    match std::env::var("DATABASE_URL") {
        Ok(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{test}: CI is set but DATABASE_URL does not name PostgreSQL; source .ci/postgres.sh to start a server"
            );
            // Past the test harness's capture, so that the skip shows.
            let _ = writeln!(
                std::io::stderr(),
                "{test}: skipped, DATABASE_URL is not set to a postgres:// URL"
            );
            None
        }
    }
}

/// The URL of an empty schema of its own (`desk_<name>`, dropped and made
/// again), chosen by the `search_path` in the URL's `options`; `None` when
/// the test is skipped.
pub async fn fresh_schema(test: &str, name: &str) -> Option<String> {
    let url = database_url(test)?;
    let schema = format!("desk_{name}");
    let mut admin = PgConnection::connect(&url).await.unwrap();
    admin
        .execute(format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}").as_str())
        .await
        .unwrap();
    admin.close().await.unwrap();
    let separator = if url.contains('?') { '&' } else { '?' };
    Some(format!(
        "{url}{separator}options=-c%20search_path%3D{schema}"
    ))
}

/// A final response due ten calendar days after receipt, at risk after
/// 75 % of the time, escalated to the team lead at risk and to the
/// supervisor an hour after the breach.
pub fn chain_policy() -> Policy {
    Policy::builder()
        .final_response(TimeLimit::CalendarDays(10))
        .warning(
            DeadlineKind::FinalResponse,
            Some(Warning::ShareElapsed { percent: 75 }),
        )
        .escalation_chain(
            DeadlineKind::FinalResponse,
            [
                EscalationLevel {
                    trigger: EscalationTrigger::AtRisk,
                    to: Role::TeamLead,
                },
                EscalationLevel {
                    trigger: EscalationTrigger::BreachedFor { minutes: 60 },
                    to: Role::Supervisor,
                },
            ],
        )
        .build()
        .unwrap()
}

/// A complaint accepted at `at` under `policy`.
pub fn accepted(customer: &str, at: DateTime<Utc>, policy: &Policy) -> ComplaintRecord {
    ComplaintRecord::accept(
        Accept {
            complainant: Complainant::new(customer),
            received_at: at,
            channel: Channel::Email,
            content: "The parcel arrived broken".into(),
            category: Category::new("delivery"),
            severity: Severity::Low,
        },
        &Context::new(Actor::agent("agent-7"), at, policy),
    )
    .unwrap()
}
