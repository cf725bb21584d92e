//! `GET /complaints/{id}`: the facts, the history as a timeline (who, when,
//! what), the deadlines (due in the viewer's zone and the customer's), the
//! follow-up slot, and one form per event in `allowed_events_for(viewer)`
//! — never one more. `POST /complaints/{id}/events/{kind}` applies one
//! form, by the API's rules: the crate checks the role (an agent's
//! hand-made `approve` is a 403 and changes nothing), the form's hidden
//! `version` must still be the complaint's (else a 409 page, nothing
//! written), and the append is conditional on that version.
//!
//! A supervisor also sees the complaint's latest signed checkpoint (A1:
//! the version it signed, its time, its key) and whether the history as
//! stored now verifies against it ([`audit::verify_against`] with the
//! desk's trusted keys): an entry edited after the checkpoint, even with
//! every hash recomputed, shows as a history that does not match.

use std::collections::HashMap;

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use complaint_workflow::audit::{self, CheckpointError};
use complaint_workflow::store::AppendError;
use complaint_workflow::time::Zone;
use complaint_workflow::{ComplaintRecord, Context, EventKind, Role};
use serde_json::Value;

use super::clock::{self, Shown};
use super::fields::{self, Choices};
use super::form::{self, Drawing, FormError, Widget};
use super::i18n::Tr;
use super::urgency::urgency;
use super::viewer::Viewer;
use super::{
    Chrome, csrf_refused, deadline_id, event_id, follow_up_id, form_pairs, internal_error, message,
    render, role_id, stage_id,
};
use crate::damaged::Damaged;
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// One event's form, ready for a template.
#[derive(Clone, Debug)]
pub struct FormView {
    /// The event kind's name (`uphold`): the form's action and id.
    pub kind: &'static str,
    /// The event's name, in the viewer's words.
    pub title: String,
    /// The inputs.
    pub widgets: Vec<Widget>,
    /// Errors about the form as a whole (or a field it does not show).
    pub errors: Vec<String>,
    /// Whether it is shown open (it has errors).
    pub open: bool,
}

/// `kind`'s form drawn with `drawing`; `general` errors on top, and so are
/// errors about a field no input shows.
pub fn form_view(kind: EventKind, drawing: &Drawing<'_>, mut general: Vec<String>) -> FormView {
    let widgets = form::widgets(kind, drawing);
    for (field, text) in drawing.errors {
        if !widgets.iter().any(|w| &w.name == field) {
            general.push(text.clone());
        }
    }
    let open = !general.is_empty() || widgets.iter().any(|w| w.error.is_some());
    FormView {
        kind: kind.name(),
        title: drawing.tr.t(&event_id(kind)),
        widgets,
        errors: general,
        open,
    }
}

/// A refused post: what was typed, the errors by field, the others.
#[derive(Clone, Debug, Default)]
pub struct Refused {
    /// The posted values, by field path.
    pub values: HashMap<String, String>,
    /// The errors, by the path of the input they are shown next to.
    pub fields: HashMap<String, String>,
    /// The errors about the form as a whole.
    pub general: Vec<String>,
}

impl Refused {
    /// The form's own errors (missing or unreadable fields).
    pub fn of_form(tr: Tr, pairs: &[(String, String)], errors: &[FormError]) -> Self {
        let mut refused = Self {
            values: form::values(pairs),
            ..Self::default()
        };
        for error in errors {
            let text = error
                .message
                .map_or_else(|| error.detail.clone(), |id| tr.t(id));
            refused.add(error.field.as_deref(), text);
        }
        refused
    }

    /// The crate's refusal, next to the field it names.
    pub fn of_problem(tr: Tr, pairs: &[(String, String)], problem: &Problem) -> Self {
        let mut refused = Self {
            values: form::values(pairs),
            ..Self::default()
        };
        refused.add(problem.field(), problem_words(tr, problem));
        refused
    }

    fn add(&mut self, field: Option<&str>, text: String) {
        match field {
            Some(field) => {
                self.fields.insert(fields::input_of(field).to_owned(), text);
            }
            None => self.general.push(text),
        }
    }
}

/// A refusal in the viewer's words: the message `error-<kind>` when the
/// pages have one (`error-field-empty`), with the crate's own words after it.
pub fn problem_words(tr: Tr, problem: &Problem) -> String {
    let id = format!("error-{}", problem.kind().replace(['.', '_'], "-"));
    if tr.has(&id) {
        format!("{} ({})", tr.t(&id), problem.detail())
    } else {
        problem.detail().to_owned()
    }
}

/// A line of the facts.
#[derive(Clone, Debug)]
pub struct Fact {
    /// What.
    pub label: String,
    /// Its value.
    pub value: String,
}

/// An entry of the timeline.
#[derive(Clone, Debug)]
pub struct Moment {
    /// The entry's number.
    pub sequence: u64,
    /// When.
    pub at: Shown,
    /// Who: the actor's id and role.
    pub who: String,
    /// What: the event's name.
    pub what: String,
    /// The event's data, as label and value.
    pub details: Vec<Fact>,
}

/// A deadline's line.
#[derive(Clone, Debug)]
pub struct DeadlineLine {
    /// Its number.
    pub number: u32,
    /// What it is for.
    pub kind: String,
    /// Where it stands.
    pub status: String,
    /// When it is due.
    pub due: Shown,
    /// `overdue`, `at-risk` or `on-time` (the CSS class).
    pub urgency: &'static str,
    /// The urgency in words.
    pub urgency_words: String,
}

/// The complaint page.
#[derive(Template)]
#[template(path = "complaint.html")]
pub struct ComplaintPage {
    /// Around it.
    pub chrome: Chrome,
    /// The complaint's id.
    pub id: String,
    /// Its version (each form's hidden `version`).
    pub version: u64,
    /// Its stage, in words.
    pub stage: String,
    /// The stage's name, for the diagram link.
    pub stage_name: &'static str,
    /// The facts.
    pub facts: Vec<Fact>,
    /// The history, oldest first.
    pub timeline: Vec<Moment>,
    /// The deadlines.
    pub deadlines: Vec<DeadlineLine>,
    /// The follow-up, if scheduled.
    pub follow_up: Vec<Fact>,
    /// One form per event the viewer may fire.
    pub forms: Vec<FormView>,
    /// A5: whether the viewer may download the complaint's export.
    pub exports: bool,
    /// The latest checkpoint and its verdict (supervisors only).
    pub checkpoint: Option<CheckpointView>,
}

/// A1: the complaint's latest signed checkpoint, and whether the history
/// verifies against it.
#[derive(Clone, Debug)]
pub struct CheckpointView {
    /// `verified`, `mismatch`, `bad-signature`, `unknown-key`, `none` or
    /// `unreadable` (the CSS class, and the tests' hook).
    pub verdict: &'static str,
    /// The verdict in words.
    pub words: String,
    /// The version signed, the checkpoint's time, its key (empty without
    /// a checkpoint).
    pub facts: Vec<Fact>,
    /// What did not verify, as the crate says it.
    pub detail: Option<String>,
}

/// The page of a complaint whose stored history does not check out.
#[derive(Template)]
#[template(path = "damaged.html")]
pub struct DamagedPage {
    /// Around it.
    pub chrome: Chrome,
    /// The complaint's id.
    pub id: String,
    /// What is wrong, in words: the complaint and the entry.
    pub headline: String,
    /// Why, as the crate says it.
    pub reason: String,
    /// A5: whether the viewer may download the complaint's export (team
    /// leads and supervisors).
    pub exports: bool,
}

/// The page of `damaged` (500, see the module docs); logged with the
/// complaint, the entry and the reason.
pub fn damaged_page(viewer: &Viewer, damaged: &Damaged) -> Response {
    let tr = viewer.tr();
    tracing::error!(
        complaint = %damaged.complaint,
        sequence = ?damaged.sequence,
        error = %damaged.reason,
        "a stored history does not replay"
    );
    let id = damaged.complaint.to_string();
    let headline = match damaged.sequence {
        Some(sequence) => tr.t2(
            "damaged-at-entry",
            ("id", &id),
            ("sequence", &sequence.to_string()),
        ),
        None => tr.t1("damaged-whole", "id", &id),
    };
    let page = DamagedPage {
        chrome: Chrome::of(viewer, "damaged-title"),
        id,
        headline,
        reason: damaged.reason.clone(),
        exports: super::export::may_export(viewer.staff.role),
    };
    render(StatusCode::INTERNAL_SERVER_ERROR, &page)
}

/// The complaint page; 404 for an unknown complaint, 500 with
/// [`DamagedPage`] for one whose stored history does not check out.
pub async fn show<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    let record = match load(&state, &viewer, &id).await {
        Ok(record) => record,
        Err(response) => return response,
    };
    page(&state, &viewer, &record, None, StatusCode::OK).await
}

/// Applies one form's event: 303 to the complaint page; the page again with
/// the errors next to their fields (422); 403 (role, CSRF token), 404, 409
/// (the complaint changed since the form was drawn: nothing written); 500
/// with [`DamagedPage`] for a damaged history (nothing written).
pub async fn submit<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    Path((id, kind)): Path<(String, String)>,
    form: Result<axum::Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let tr = viewer.tr();
    let chrome = Chrome::of(&viewer, "complaint-title");
    let pairs = match form_pairs(&chrome, form) {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    if !viewer.posted_token(&pairs) {
        return csrf_refused(chrome);
    }
    let Some(kind) = EventKind::ALL.into_iter().find(|k| k.name() == kind) else {
        let text = tr.t("not-found");
        return message(chrome, StatusCode::NOT_FOUND, text, None);
    };
    let mut record = match load(&state, &viewer, &id).await {
        Ok(record) => record,
        Err(response) => return response,
    };
    let loaded = record.version();
    let posted_version = pairs
        .iter()
        .find(|(name, _)| name == "version")
        .and_then(|(_, v)| v.trim().parse::<u64>().ok());
    if posted_version != Some(loaded) {
        return stale(chrome, &record);
    }
    let event = match form::read(kind, &pairs, viewer.locale.zone) {
        Ok(event) => event,
        Err(errors) => {
            let refused = Refused::of_form(tr, &pairs, &errors);
            return page(
                &state,
                &viewer,
                &record,
                Some((kind, refused)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let ctx = Context::new(viewer.staff.actor(), Utc::now(), &state.policy);
    if let Err(error) = record.apply(event, &ctx) {
        let problem = Problem::from(error);
        if problem.status() == StatusCode::FORBIDDEN {
            let text = problem_words(tr, &problem);
            return message(chrome, StatusCode::FORBIDDEN, text, Some(back(&record, tr)));
        }
        let refused = Refused::of_problem(tr, &pairs, &problem);
        // The pristine record: the refused event changed nothing.
        let record = match load(&state, &viewer, &id).await {
            Ok(record) => record,
            Err(response) => return response,
        };
        return page(
            &state,
            &viewer,
            &record,
            Some((kind, refused)),
            problem.status(),
        )
        .await;
    }
    match state.complaints.store().append(loaded, &record).await {
        Ok(()) => Redirect::to(&format!("/complaints/{}", record.id())).into_response(),
        Err(AppendError::Conflict(_)) => stale(chrome, &record),
        Err(AppendError::Store(e)) => internal_error(tr, &e),
    }
}

fn back(record: &ComplaintRecord, tr: Tr) -> (String, String) {
    (
        format!("/complaints/{}", record.id()),
        tr.t("complaint-back"),
    )
}

/// 409: the form was drawn for an older version; nothing was written.
fn stale(chrome: Chrome, record: &ComplaintRecord) -> Response {
    let tr = chrome.tr;
    let text = tr.t("complaint-stale");
    message(chrome, StatusCode::CONFLICT, text, Some(back(record, tr)))
}

// The error is the answer itself (a 404 or 500 page), returned at once.
#[allow(clippy::result_large_err)]
async fn load<S: DeskStore>(
    state: &AppState<S>,
    viewer: &Viewer,
    id: &str,
) -> Result<ComplaintRecord, Response> {
    let tr = viewer.tr();
    let not_found = || {
        let chrome = Chrome::of(viewer, "complaint-title");
        message(chrome, StatusCode::NOT_FOUND, tr.t("not-found"), None)
    };
    let Ok(id) = id.parse() else {
        return Err(not_found());
    };
    match state.complaints.load(id).await {
        Ok(record) => Ok(record),
        Err(error) => {
            if let Some(damaged) = Damaged::of(&error) {
                return Err(damaged_page(viewer, &damaged));
            }
            let problem = Problem::from(error);
            if problem.status() == StatusCode::NOT_FOUND {
                Err(not_found())
            } else {
                Err(internal_error(tr, &problem.detail()))
            }
        }
    }
}

/// The customer's zone: the complainant's, else the organization's.
pub fn customer_zone<S: DeskStore>(state: &AppState<S>, record: &ComplaintRecord) -> Zone {
    record
        .complainant()
        .zone
        .unwrap_or(state.policy.calendar().zone())
}

async fn page<S: DeskStore>(
    state: &AppState<S>,
    viewer: &Viewer,
    record: &ComplaintRecord,
    refused: Option<(EventKind, Refused)>,
    status: StatusCode,
) -> Response {
    let tr = viewer.tr();
    let now = Utc::now();
    let zone = viewer.locale.zone;
    let customer = customer_zone(state, record);
    let show = |time: DateTime<Utc>| clock::show(time, zone, Some(customer));
    let actor = viewer.staff.actor();
    let empty = Refused::default();
    let mut forms = Vec::new();
    let mut refused_shown = refused.is_none();
    for kind in record.allowed_events_for(&actor) {
        let this = match &refused {
            Some((refused_kind, refused)) if *refused_kind == kind => {
                refused_shown = true;
                refused
            }
            _ => &empty,
        };
        let drawing = Drawing {
            tr,
            zone,
            now,
            record: Some(record),
            values: &this.values,
            errors: &this.fields,
        };
        forms.push(form_view(kind, &drawing, this.general.clone()));
    }
    if !refused_shown {
        // A refused event the page offers no form for: say why on its own.
        if let Some((_, refused)) = &refused {
            let mut words: Vec<String> = refused.general.clone();
            words.extend(refused.fields.values().cloned());
            let chrome = Chrome::of(viewer, "complaint-title");
            return message(chrome, status, words.join(" "), Some(back(record, tr)));
        }
    }
    let deadlines = record
        .deadlines()
        .iter()
        .map(|deadline| {
            let mark = urgency(deadline, now);
            DeadlineLine {
                number: deadline.id().number(),
                kind: tr.t(&deadline_id(deadline.kind())),
                status: status_words(tr, deadline.status()),
                due: show(deadline.due()),
                urgency: mark.name(),
                urgency_words: tr.t(mark.name()),
            }
        })
        .collect();
    let follow_up = record
        .follow_up()
        .map(|f| {
            let mut lines = vec![
                fact(tr, "follow-up-stage", tr.t(&follow_up_id(f.stage()))),
                fact(tr, "follow-up-slot", shown_text(&show(f.slot()))),
                fact(
                    tr,
                    "follow-up-attempts",
                    format!("{} / {}", f.attempts(), f.max_attempts()),
                ),
            ];
            if let Some(agreed) = f.agreed() {
                lines.push(fact(tr, "follow-up-agreed", shown_text(&show(agreed.at))));
            }
            lines
        })
        .unwrap_or_default();
    let template = ComplaintPage {
        chrome: Chrome::of(viewer, "complaint-title"),
        id: record.id().to_string(),
        version: record.version(),
        stage: tr.t(&stage_id(record.stage())),
        stage_name: record.stage().name(),
        facts: facts(tr, state, record, &show),
        timeline: timeline(tr, record, &show),
        deadlines,
        follow_up,
        forms,
        exports: super::export::may_export(viewer.staff.role),
        checkpoint: if viewer.staff.role == Role::Supervisor {
            Some(checkpoint_view(tr, state, record, &show).await)
        } else {
            None
        },
    };
    render(status, &template)
}

/// A1: the latest checkpoint of `record`'s complaint and the verdict of
/// [`audit::verify_against`] on its history with the desk's trusted keys.
async fn checkpoint_view<S: DeskStore>(
    tr: Tr,
    state: &AppState<S>,
    record: &ComplaintRecord,
    show: &(dyn Fn(DateTime<Utc>) -> Shown + Sync),
) -> CheckpointView {
    // `id` is the verdict's message id; the verdict is its last words.
    let view = |id: &'static str, facts, detail| CheckpointView {
        verdict: id.trim_start_matches("checkpoint-"),
        words: tr.t(id),
        facts,
        detail,
    };
    let latest = match state
        .complaints
        .store()
        .latest_chain_checkpoint(record.id())
        .await
    {
        Ok(Some(checkpoint)) => checkpoint,
        Ok(None) => return view("checkpoint-none", Vec::new(), None),
        Err(error) => {
            tracing::warn!(complaint = %record.id(), %error, "a checkpoint did not read");
            return view("checkpoint-unreadable", Vec::new(), None);
        }
    };
    let mut facts = Vec::new();
    if let Some(head) = latest.head_of(record.id()) {
        facts.push(fact(tr, "checkpoint-version", head.version.to_string()));
    }
    facts.push(fact(tr, "checkpoint-at", shown_text(&show(latest.at()))));
    facts.push(fact(tr, "checkpoint-key", latest.key_id().to_string()));
    let keyring = state.settings.checkpoints.keyring();
    let verified = keyring
        .key(latest.key_id())
        .and_then(|key| audit::verify_against(record.entries(), &latest, key));
    match verified {
        Ok(_) => view("checkpoint-verified", facts, None),
        Err(CheckpointError::UnknownKey { .. }) => view("checkpoint-unknown-key", facts, None),
        Err(error @ CheckpointError::BadSignature { .. }) => {
            view("checkpoint-bad-signature", facts, Some(error.to_string()))
        }
        Err(error) => view("checkpoint-mismatch", facts, Some(error.to_string())),
    }
}

fn fact(tr: Tr, label: &str, value: String) -> Fact {
    Fact {
        label: tr.t(label),
        value,
    }
}

/// A time in one line: the viewer's, then the customer's.
pub fn shown_text(shown: &Shown) -> String {
    match &shown.customer {
        Some(customer) => format!("{} · {customer}", shown.viewer),
        None => shown.viewer.clone(),
    }
}

fn status_words(tr: Tr, status: complaint_workflow::deadline::DeadlineStatus) -> String {
    use complaint_workflow::deadline::DeadlineStatus;
    match status {
        DeadlineStatus::Open => tr.t("deadline-status-open"),
        DeadlineStatus::Paused { .. } => tr.t("deadline-status-paused"),
        DeadlineStatus::Met { .. } => tr.t("deadline-status-met"),
        DeadlineStatus::Cancelled { .. } => tr.t("deadline-status-cancelled"),
    }
}

fn facts<S: DeskStore>(
    tr: Tr,
    state: &AppState<S>,
    record: &ComplaintRecord,
    show: &dyn Fn(DateTime<Utc>) -> Shown,
) -> Vec<Fact> {
    let intake = record.intake();
    let yes_no = |b: bool| tr.t(if b { "answer-yes" } else { "answer-no" });
    let mut facts = vec![
        fact(tr, "fact-stage", tr.t(&stage_id(record.stage()))),
        fact(
            tr,
            "field-complainant-id",
            intake.complainant.id.to_string(),
        ),
        fact(
            tr,
            "field-complainant-member",
            yes_no(intake.complainant.member),
        ),
        fact(
            tr,
            "fact-customer-zone",
            customer_zone(state, record).to_string(),
        ),
        fact(
            tr,
            "field-received-at",
            shown_text(&show(intake.received_at)),
        ),
        fact(
            tr,
            "field-channel",
            choice(tr, Choices::Channel, intake.channel.name()),
        ),
        fact(tr, "field-category", intake.category.to_string()),
        fact(
            tr,
            "field-severity",
            choice(tr, Choices::Severity, &intake.severity.to_string()),
        ),
        fact(
            tr,
            "fact-priority",
            choice(
                tr,
                Choices::Severity,
                &record.priority(&state.policy).to_string(),
            ),
        ),
        fact(
            tr,
            "fact-owner",
            record
                .owner()
                .map_or_else(|| tr.t("fact-no-owner"), ToString::to_string),
        ),
        fact(tr, "field-content", intake.content.clone()),
    ];
    if let Some(department) = record.responsible_department() {
        facts.push(fact(
            tr,
            "field-responsible-department",
            department.to_string(),
        ));
    }
    if let Some(findings) = record.findings() {
        facts.push(fact(
            tr,
            "field-findings-root-cause",
            choice(tr, Choices::RootCause, findings.root_cause.name()),
        ));
        facts.push(fact(
            tr,
            "field-findings-description",
            findings.description.clone(),
        ));
    }
    if let Some(proposal) = record.proposal() {
        for (number, option) in (1_u32..).zip(&proposal.options) {
            let compensation = option.compensation.as_ref().map_or_else(String::new, |c| {
                format!(
                    " ({} {} {})",
                    c.amount_minor,
                    c.currency,
                    choice(tr, Choices::CompensationKind, &enum_name(&c.kind))
                )
            });
            facts.push(Fact {
                label: tr.t1("fact-option", "number", &number.to_string()),
                value: format!("{}{compensation}", option.description),
            });
        }
    }
    if let Some(approval) = record.approval() {
        facts.push(fact(
            tr,
            "fact-approved",
            format!("{} ({})", approval.option_number, approval.approver.id),
        ));
    }
    facts
}

/// A choice's value in words.
fn choice(tr: Tr, choices: Choices, value: &str) -> String {
    tr.t(&choices.message_id(value))
}

/// A serde enum's stored name (`voucher`).
fn enum_name(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => name,
        _ => String::new(),
    }
}

fn timeline(
    tr: Tr,
    record: &ComplaintRecord,
    show: &dyn Fn(DateTime<Utc>) -> Shown,
) -> Vec<Moment> {
    record
        .entries()
        .iter()
        .map(|entry| {
            let actor = entry.actor();
            let mut details = Vec::new();
            if let Ok(Value::Object(event)) = serde_json::to_value(entry.event()) {
                if let Some(data) = event.get("data") {
                    flatten(tr, "", data, show, &mut details);
                }
            }
            Moment {
                sequence: entry.sequence(),
                at: show(entry.at()),
                who: format!("{} ({})", actor.id, tr.t(&role_id(actor.role))),
                what: tr.t(&event_id(entry.event().kind())),
                details,
            }
        })
        .collect()
}

/// The leaves of an event's data as label and value; times in the zones.
fn flatten(
    tr: Tr,
    path: &str,
    value: &Value,
    show: &dyn Fn(DateTime<Utc>) -> Shown,
    out: &mut Vec<Fact>,
) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                flatten(tr, &fields::join(path, key), value, show, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(tr, &format!("{path}[{index}]"), item, show, out);
            }
        }
        Value::Null => {}
        leaf => {
            let label_id = fields::label_id(path);
            let label = if tr.has(&label_id) {
                let row = path
                    .rsplit_once('[')
                    .and_then(|(_, rest)| rest.split(']').next())
                    .and_then(|n| n.parse::<usize>().ok());
                match row {
                    Some(row) => format!("{} {}", tr.t(&label_id), row + 1),
                    None => tr.t(&label_id),
                }
            } else {
                path.to_owned()
            };
            let text = match leaf {
                Value::String(text) => DateTime::parse_from_rfc3339(text).map_or_else(
                    |_| text.clone(),
                    |time| shown_text(&show(time.with_timezone(&Utc))),
                ),
                other => other.to_string(),
            };
            out.push(Fact { label, value: text });
        }
    }
}
