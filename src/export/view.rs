//! What an export shows, once, for both renderings (A5): the sections of
//! a complaint's file as headings, paragraphs, facts, tables and timeline
//! entries, built from the bundle; `text.rs` and `html.rs` only lay it out.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::bundle::{ExportBundle, FORMAT};
use super::fields::leaves;
use super::redactions::Redaction;
use super::verification::Verification;
use crate::lifecycle::Decision;
use crate::lifecycle::Event;
use crate::lifecycle::event::FollowUpOutcome;
use crate::record::{ComplaintRecord, Entry};
use crate::report::BreachLine;
use crate::time::{BreachState, Zone};

/// A document: a title and its sections.
pub(super) struct View {
    pub(super) title: String,
    pub(super) sections: Vec<Section>,
}

/// A heading and what it covers.
pub(super) struct Section {
    pub(super) heading: String,
    pub(super) blocks: Vec<Block>,
}

/// One part of a section.
pub(super) enum Block {
    /// A sentence; `alert` for what a reader must not miss.
    Paragraph { text: String, alert: bool },
    /// Labelled values.
    Facts(Vec<(String, String)>),
    /// A table with a header row.
    Table {
        header: Vec<&'static str>,
        rows: Vec<Vec<String>>,
    },
    /// The history's entries.
    Entries(Vec<EntryView>),
}

/// One entry of the timeline.
pub(super) struct EntryView {
    pub(super) sequence: u64,
    pub(super) utc: String,
    pub(super) local: String,
    pub(super) actor: String,
    pub(super) event: String,
    pub(super) fields: Vec<(String, String)>,
    pub(super) hash: String,
}

/// What a redacted text is shown as.
pub(super) const REDACTED: &str = "(redacted)";

/// How many hexadecimal digits of an entry's hash the timeline shows.
const HASH_PREFIX: usize = 16;

/// The view of one complaint's bundle.
pub(super) fn complaint(bundle: &ExportBundle) -> View {
    View {
        title: format!(
            "Complaint {}: the regulator's export",
            bundle.complaint_id()
        ),
        sections: complaint_sections(bundle),
    }
}

/// The sections of one complaint's bundle (a period's export repeats them).
pub(super) fn complaint_sections(bundle: &ExportBundle) -> Vec<Section> {
    let zone = bundle.zone();
    let record = bundle.record();
    let redacted = bundle.redactions();
    let mut sections = vec![
        Section {
            heading: format!("Complaint {}", bundle.complaint_id()),
            blocks: vec![Block::Facts(vec![
                ("complaint".to_owned(), bundle.complaint_id().to_string()),
                ("exported at".to_owned(), both(bundle.made_at(), zone)),
                ("zone".to_owned(), zone.to_string()),
                ("entries".to_owned(), bundle.history().len().to_string()),
                ("format".to_owned(), FORMAT.to_owned()),
            ])],
        },
        verification(bundle),
        timeline(bundle, &redacted),
    ];
    match &record {
        Ok(record) => {
            sections.push(deadlines(record, bundle.made_at(), zone));
            sections.push(breaches(record, bundle.made_at(), zone));
            sections.push(follow_up(record, zone));
        }
        Err(error) => sections.push(Section {
            heading: "Deadlines, breaches and follow-up".to_owned(),
            blocks: vec![alert(format!(
                "Not shown: the history does not replay ({error}). The timeline above is the history as stored."
            ))],
        }),
    }
    sections.push(redactions(redacted));
    sections
}

fn alert(text: String) -> Block {
    Block::Paragraph { text, alert: true }
}

fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph {
        text: text.into(),
        alert: false,
    }
}

fn verification(bundle: &ExportBundle) -> Section {
    let mut blocks = vec![match bundle.verification() {
        Verification::Verified(head) => paragraph(format!(
            "The hash chain verifies: {} entries of complaint {}, head hash {}.",
            head.version, head.complaint_id, head.hash
        )),
        Verification::Refused(error) => alert(format!(
            "THE HASH CHAIN DOES NOT VERIFY at entry {}: {error}. The history below is shown as stored; from that entry on it is not what was sealed.",
            error.sequence()
        )),
    }];
    if let Some(check) = bundle.checkpoint() {
        let signed = format!(
            "signed checkpoint of {} with key {}",
            both(check.checkpoint.at(), bundle.zone()),
            check.checkpoint.key_id()
        );
        blocks.push(match &check.result {
            Verification::Verified(head) => paragraph(format!(
                "The history agrees with the {signed}: {} entries, head hash {}.",
                head.version, head.hash
            )),
            Verification::Refused(error) => alert(format!(
                "THE HISTORY DOES NOT AGREE WITH THE {}: {}.",
                signed.to_uppercase(),
                error
            )),
        });
    } else {
        blocks.push(paragraph(
            "No signed checkpoint was given: the chain shows that no entry was changed unless every hash after it was recomputed.",
        ));
    }
    Section {
        heading: "Verification (A1)".to_owned(),
        blocks,
    }
}

fn timeline(bundle: &ExportBundle, redactions: &[Redaction]) -> Section {
    let redacted: BTreeSet<(u64, String)> = redactions
        .iter()
        .map(|redaction| (redaction.sequence, redaction.path.clone()))
        .collect();
    let entries = bundle
        .history()
        .iter()
        .map(|entry| entry_view(entry, bundle.zone(), &redacted))
        .collect();
    Section {
        heading: "Timeline".to_owned(),
        blocks: vec![Block::Entries(entries)],
    }
}

fn entry_view(entry: &Entry, zone: Zone, redacted: &BTreeSet<(u64, String)>) -> EntryView {
    let fields = leaves(entry.event())
        .unwrap_or_default()
        .into_iter()
        .filter(|field| field.path != "/type")
        .map(|field| {
            let full = format!("/event{}", field.path);
            let value = if redacted.contains(&(entry.sequence(), full)) {
                REDACTED.to_owned()
            } else {
                field.value
            };
            let path = field
                .path
                .strip_prefix("/data/")
                .unwrap_or(&field.path)
                .to_owned();
            (path, value)
        })
        .collect();
    EntryView {
        sequence: entry.sequence(),
        utc: utc(entry.at()),
        local: local(entry.at(), zone),
        actor: format!("{} ({})", entry.actor().id, entry.actor().role),
        event: entry.event().kind().to_string(),
        fields,
        hash: entry.hash().map_or_else(
            || format!("not sealed (schema {})", entry.schema()),
            |hash| hash.to_string().chars().take(HASH_PREFIX).collect(),
        ),
    }
}

fn deadlines(record: &ComplaintRecord, now: DateTime<Utc>, zone: Zone) -> Section {
    let rows: Vec<Vec<String>> = record
        .deadlines()
        .iter()
        .map(|deadline| {
            vec![
                deadline.id().number().to_string(),
                deadline.kind().name().to_owned(),
                both(deadline.started_at(), zone),
                both(deadline.due(), zone),
                deadline.status().to_string(),
                deadline
                    .breach(now)
                    .map(|breach| format!("missed by {}", duration(breach.overdue_seconds)))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let block = if rows.is_empty() {
        paragraph("No deadline was opened.")
    } else {
        Block::Table {
            header: vec!["deadline", "kind", "started", "due", "status", "breach"],
            rows,
        }
    };
    Section {
        heading: format!("Deadlines, as of {}", both(now, zone)),
        blocks: vec![block],
    }
}

fn breaches(record: &ComplaintRecord, now: DateTime<Utc>, zone: Zone) -> Section {
    let lines: Vec<BreachLine> = record
        .breaches(now)
        .into_iter()
        .map(|breach| BreachLine {
            complaint: record.id(),
            breach,
        })
        .collect();
    let block = if lines.is_empty() {
        paragraph("No deadline was missed.")
    } else {
        Block::Table {
            header: vec!["deadline", "kind", "due", "overdue", "state", "ended"],
            rows: lines
                .iter()
                .map(|line| {
                    let (state, ended) = match line.breach.state {
                        BreachState::MetLate { at } => ("met late", Some(at)),
                        BreachState::CancelledLate { at } => ("cancelled late", Some(at)),
                        BreachState::StillOpen => ("still open", None),
                    };
                    vec![
                        line.breach.deadline.number().to_string(),
                        line.breach.kind.name().to_owned(),
                        both(line.breach.due, zone),
                        duration(line.breach.overdue_seconds),
                        state.to_owned(),
                        ended.map(|at| both(at, zone)).unwrap_or_default(),
                    ]
                })
                .collect(),
        }
    };
    Section {
        heading: "Breaches (S4, T7)".to_owned(),
        blocks: vec![block],
    }
}

fn follow_up(record: &ComplaintRecord, zone: Zone) -> Section {
    let mut blocks = Vec::new();
    match record.follow_up() {
        None => blocks.push(paragraph(
            "The current handling round has no follow-up scheduled.",
        )),
        Some(status) => {
            let mut facts = vec![
                ("stage".to_owned(), status.stage().to_string()),
                ("scheduled at".to_owned(), both(status.scheduled_at(), zone)),
                ("next slot".to_owned(), both(status.slot(), zone)),
                (
                    "attempts".to_owned(),
                    format!("{} of {}", status.attempts(), status.max_attempts()),
                ),
            ];
            if let Some(agreed) = status.agreed() {
                facts.push(("agreed time".to_owned(), both(agreed.at, zone)));
            }
            if let Some(done) = status.done_at() {
                facts.push(("done at".to_owned(), both(done, zone)));
            }
            blocks.push(Block::Facts(facts));
        }
    }
    let slots: Vec<Vec<String>> = record
        .entries()
        .iter()
        .flat_map(|entry| {
            entry.decisions().iter().filter_map(move |decision| {
                let (what, slot, attempts) = match decision {
                    Decision::ScheduleFollowUp { slot, max_attempts } => {
                        ("scheduled", *slot, max_attempts.to_string())
                    }
                    Decision::RetryFollowUp { slot } => ("retry", *slot, String::new()),
                    _ => return None,
                };
                Some(vec![
                    entry.sequence().to_string(),
                    what.to_owned(),
                    both(slot, zone),
                    attempts,
                ])
            })
        })
        .collect();
    if !slots.is_empty() {
        blocks.push(Block::Table {
            header: vec!["entry", "slot", "at", "attempts allowed"],
            rows: slots,
        });
    }
    let mut attempts = Vec::new();
    let mut outcomes = Vec::new();
    for entry in record.entries() {
        if let Event::AttemptFollowUp(attempt) = entry.event() {
            attempts.push(vec![
                entry.sequence().to_string(),
                both(entry.at(), zone),
                attempt.method.to_string(),
                if attempt.reached {
                    "reached"
                } else {
                    "not reached"
                }
                .to_owned(),
            ]);
        } else if let Event::CompleteFollowUp(complete) = entry.event() {
            let satisfaction = match complete.outcome {
                FollowUpOutcome::Satisfied { .. } => "satisfied",
                FollowUpOutcome::Neutral { .. } => "neutral",
                FollowUpOutcome::Dissatisfied { .. } => "dissatisfied",
            };
            outcomes.push(paragraph(format!(
                "Outcome (entry {}, {}): completed by {}, the customer {satisfaction}.",
                entry.sequence(),
                both(entry.at(), zone),
                complete.method
            )));
        } else if let Event::GiveUpFollowUp(_) = entry.event() {
            outcomes.push(paragraph(format!(
                "Outcome (entry {}, {}): given up, the customer not reached (F5).",
                entry.sequence(),
                both(entry.at(), zone)
            )));
        }
    }
    if !attempts.is_empty() {
        blocks.push(Block::Table {
            header: vec!["entry", "attempted at", "method", "result"],
            rows: attempts,
        });
    }
    blocks.extend(outcomes);
    Section {
        heading: "Follow-up (F1-F7)".to_owned(),
        blocks,
    }
}

fn redactions(redactions: Vec<Redaction>) -> Section {
    let rows: Vec<Vec<String>> = redactions
        .into_iter()
        .map(|redaction| {
            let reason = match (redaction.redacted_by, redaction.reason) {
                (Some(by), Some(reason)) => format!("entry {by}: {reason}"),
                _ => "NO REDACTION ENTRY NAMES THIS TEXT".to_owned(),
            };
            vec![redaction.sequence.to_string(), redaction.path, reason]
        })
        .collect();
    let block = if rows.is_empty() {
        paragraph("No personal text was redacted.")
    } else {
        Block::Table {
            header: vec!["entry", "text", "reason"],
            rows,
        }
    };
    Section {
        heading: "Redactions (A2)".to_owned(),
        blocks: vec![block],
    }
}

/// `2026-11-23 09:00:00 UTC`.
pub(super) fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// `2026-11-23 17:00:00 +08:00`, in `zone`.
pub(super) fn local(at: DateTime<Utc>, zone: Zone) -> String {
    format!(
        "{} {}",
        zone.to_local(at).format("%Y-%m-%d %H:%M:%S"),
        zone.offset_at(at)
    )
}

/// UTC, then the zone's time in brackets.
pub(super) fn both(at: DateTime<Utc>, zone: Zone) -> String {
    format!("{} ({})", utc(at), local(at, zone))
}

/// `2 d 3 h 5 min`, `40 s`.
fn duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (days, hours, minutes) = (
        seconds / 86_400,
        seconds % 86_400 / 3600,
        seconds % 3600 / 60,
    );
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} d"));
    }
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0 {
        parts.push(format!("{minutes} min"));
    }
    if parts.is_empty() {
        parts.push(format!("{} s", seconds % 60));
    }
    parts.join(" ")
}
