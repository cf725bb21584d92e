//! `GET /diagram[?complaint=ID]`: the lifecycle, drawn from the transition
//! table: each stage with the moves out of it (event, next stage, the role
//! it needs above agent), the complaint's stage marked; and the core's
//! Mermaid text of the same table ([`complaint_workflow::diagram::mermaid`]).

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use complaint_workflow::{Role, StageKind, TRANSITIONS};
use serde::Deserialize;

use super::viewer::Viewer;
use super::{Chrome, event_id, render, role_id, stage_id};
use crate::startup::{AppState, DeskStore};

/// The query: a complaint whose stage to mark.
#[derive(Deserialize)]
pub struct DiagramQuery {
    /// The complaint's id.
    pub complaint: Option<String>,
}

/// A stage and its moves.
#[derive(Clone, Debug)]
pub struct StageBox {
    /// The stage's name (the element's id).
    pub name: &'static str,
    /// In words.
    pub label: String,
    /// Whether it is the complaint's stage.
    pub current: bool,
    /// The moves out of it: event, next stage, and the role it needs (if above agent).
    pub moves: Vec<(String, String, String)>,
}

/// The diagram page.
#[derive(Template)]
#[template(path = "diagram.html")]
pub struct DiagramPage {
    /// Around it.
    pub chrome: Chrome,
    /// The stages in lifecycle order.
    pub stages: Vec<StageBox>,
    /// The complaint whose stage is marked, if any.
    pub complaint: Option<String>,
    /// The Mermaid text.
    pub mermaid: String,
}

/// The diagram; an unknown complaint marks nothing.
pub async fn show<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    query: Result<Query<DiagramQuery>, QueryRejection>,
) -> Response {
    let tr = viewer.tr();
    let complaint = query.ok().and_then(|Query(q)| q.complaint);
    let mut current = None;
    if let Some(id) = complaint.as_deref().and_then(|id| id.parse().ok()) {
        if let Ok(record) = state.complaints.load(id).await {
            current = Some(record.stage());
        }
    }
    let stages = StageKind::ALL
        .iter()
        .map(|&stage| StageBox {
            name: stage.name(),
            label: tr.t(&stage_id(stage)),
            current: current == Some(stage),
            moves: TRANSITIONS
                .iter()
                .filter(|row| row.from == stage && row.to != stage)
                .map(|row| {
                    let role = Role::required_for(row.event);
                    let role = if role > Role::Agent {
                        tr.t(&role_id(role))
                    } else {
                        String::new()
                    };
                    (tr.t(&event_id(row.event)), tr.t(&stage_id(row.to)), role)
                })
                .collect(),
        })
        .collect();
    render(
        StatusCode::OK,
        &DiagramPage {
            chrome: Chrome::of(&viewer, "diagram-title"),
            stages,
            complaint: current.and(complaint),
            mermaid: complaint_workflow::diagram::mermaid(),
        },
    )
}
