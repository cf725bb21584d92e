//! Diagrams of the transition tables, drawn from the rows themselves: the
//! complaint lifecycle from [`TRANSITIONS`] and the follow-up from
//! [`FOLLOW_UP_TRANSITIONS`], as Mermaid (`stateDiagram-v2`) and Graphviz
//! (DOT). A change to a table changes the diagrams; the README's diagram is
//! checked against [`mermaid`] by a test.
//!
//! # What is drawn
//!
//! - Every row that changes the stage is an edge labelled with its event,
//!   followed by the lowest role that may fire it when that is above an agent
//!   ([`Role::required_for`]): `approve (supervisor)`.
//! - The guarded fast-path row (T5, offered on the typed face only through
//!   [`SimpleComplaint`](crate::SimpleComplaint)) is drawn and marked
//!   `(T5 fast path, guarded)`; in DOT it is also dashed.
//! - `accept` creates a complaint and has no row: it is the edge from the start.
//!   Stages that no row leaves but the customer's recourse (`closed`: D1's
//!   `dispute` and D2's `refer` take a closed complaint out again) lead to
//!   the end.
//! - Rows that keep the stage (self-loops) are not drawn as edges. In the
//!   complaint diagrams, a self-loop event that only one stage accepts
//!   (`choose_remedy` in `proposed`) is folded into a note on that stage (in
//!   DOT, a second line in the stage's box); the
//!   ones several stages accept (notes, contacts, escalation, handover,
//!   assignment, transfer, waiting on the customer, deadline extensions,
//!   follow-up attempts, erasure) are left out: they would repeat on nearly
//!   every stage. In the follow-up diagrams, which are small, every
//!   self-loop is folded into a note on its stage.
//!
//! # Example
//!
//! ```
//! use complaint_workflow::diagram;
//!
//! let mermaid = diagram::mermaid();
//! assert!(mermaid.starts_with("stateDiagram-v2\n"));
//! assert!(mermaid.contains("    proposed --> approved: approve (supervisor)\n"));
//! assert!(diagram::dot().contains("\"proposed\" -> \"approved\" [label=\"approve (supervisor)\"];"));
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::lifecycle::FOLLOW_UP_TRANSITIONS;
use crate::lifecycle::{EventKind, StageKind, TRANSITIONS};
use crate::values::Role;

/// The mark of the guarded fast-path edge (T5).
const GUARDED: &str = "T5 fast path, guarded";

/// One row of a table, as the diagrams need it.
struct Row {
    from: &'static str,
    event: EventKind,
    to: &'static str,
    guarded: bool,
}

/// How a diagram shows the rows that keep the stage.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SelfLoops {
    /// A note for the events that only one stage keeps; the others left out.
    StageSpecific,
    /// A note for every stage's self-loops.
    All,
}

/// A diagram's content: the entry edge, the edges, the notes, the final stages.
struct Drawing {
    start: (&'static str, Option<&'static str>),
    edges: Vec<Row>,
    notes: Vec<(&'static str, Vec<EventKind>)>,
    finals: Vec<&'static str>,
}

impl Drawing {
    fn of(
        rows: Vec<Row>,
        stages: &[&'static str],
        start: (&'static str, Option<&'static str>),
        self_loops: SelfLoops,
    ) -> Self {
        let mut loop_count: BTreeMap<EventKind, usize> = BTreeMap::new();
        for row in rows.iter().filter(|row| row.from == row.to) {
            *loop_count.entry(row.event).or_default() += 1;
        }
        let mut notes: Vec<(&'static str, Vec<EventKind>)> = Vec::new();
        for row in rows.iter().filter(|row| row.from == row.to) {
            let shown = match self_loops {
                SelfLoops::All => true,
                SelfLoops::StageSpecific => loop_count.get(&row.event) == Some(&1),
            };
            if !shown {
                continue;
            }
            match notes.iter_mut().find(|(stage, _)| *stage == row.from) {
                Some((_, events)) => events.push(row.event),
                None => notes.push((row.from, vec![row.event])),
            }
        }
        // D1, D2: a closed complaint rests there, though the customer's
        // recourse can take it out again.
        let recourse = |event: EventKind| matches!(event, EventKind::Dispute | EventKind::Refer);
        let finals = stages
            .iter()
            .copied()
            .filter(|stage| {
                !rows.iter().any(|row| {
                    row.from == *stage
                        && row.to != *stage
                        && !(row.from == "closed" && recourse(row.event))
                })
            })
            .collect();
        let edges = rows.into_iter().filter(|row| row.from != row.to).collect();
        Self {
            start,
            edges,
            notes,
            finals,
        }
    }

    fn mermaid(&self) -> String {
        let mut out = String::from("stateDiagram-v2\n");
        let (first, label) = self.start;
        match label {
            Some(label) => push_line(&mut out, format_args!("    [*] --> {first}: {label}")),
            None => push_line(&mut out, format_args!("    [*] --> {first}")),
        }
        for edge in &self.edges {
            push_line(
                &mut out,
                format_args!("    {} --> {}: {}", edge.from, edge.to, label_of(edge)),
            );
        }
        for (stage, events) in &self.notes {
            push_line(
                &mut out,
                format_args!("    note right of {stage} : {}", note_of(events)),
            );
        }
        for stage in &self.finals {
            push_line(&mut out, format_args!("    {stage} --> [*]"));
        }
        out
    }

    fn dot(&self, name: &str) -> String {
        let mut out = String::new();
        push_line(&mut out, format_args!("digraph {name} {{"));
        out.push_str("    rankdir=LR;\n");
        out.push_str("    node [shape=box, style=rounded];\n");
        out.push_str("    \"[start]\" [shape=point, width=0.15];\n");
        if !self.finals.is_empty() {
            out.push_str("    \"[end]\" [shape=doublecircle, label=\"\", width=0.15];\n");
        }
        for (stage, events) in &self.notes {
            push_line(
                &mut out,
                format_args!(
                    "    \"{stage}\" [label=\"{stage}\\n({})\"];",
                    note_of(events)
                ),
            );
        }
        let (first, label) = self.start;
        match label {
            Some(label) => push_line(
                &mut out,
                format_args!("    \"[start]\" -> \"{first}\" [label=\"{label}\"];"),
            ),
            None => push_line(&mut out, format_args!("    \"[start]\" -> \"{first}\";")),
        }
        for edge in &self.edges {
            let style = if edge.guarded { ", style=dashed" } else { "" };
            push_line(
                &mut out,
                format_args!(
                    "    \"{}\" -> \"{}\" [label=\"{}\"{style}];",
                    edge.from,
                    edge.to,
                    label_of(edge)
                ),
            );
        }
        for stage in &self.finals {
            push_line(&mut out, format_args!("    \"{stage}\" -> \"[end]\";"));
        }
        out.push_str("}\n");
        out
    }
}

fn push_line(out: &mut String, line: std::fmt::Arguments<'_>) {
    // Writing to a `String` cannot fail.
    let _ = out.write_fmt(line);
    out.push('\n');
}

/// The event, the role above agent that it needs, and the fast-path mark.
fn label_of(row: &Row) -> String {
    let role = Role::required_for(row.event);
    let mut label = row.event.name().to_owned();
    match (role > Role::Agent, row.guarded) {
        (true, true) => {
            let _ = write!(label, " ({role}, {GUARDED})");
        }
        (true, false) => {
            let _ = write!(label, " ({role})");
        }
        (false, true) => {
            let _ = write!(label, " ({GUARDED})");
        }
        (false, false) => {}
    }
    label
}

/// `choose_remedy keeps the stage`, `a, b keep the stage`, with roles.
fn note_of(events: &[EventKind]) -> String {
    let mut note = String::new();
    for (index, &event) in events.iter().enumerate() {
        if index > 0 {
            note.push_str(", ");
        }
        note.push_str(&label_of(&Row {
            from: "",
            event,
            to: "",
            guarded: false,
        }));
    }
    note.push_str(if events.len() == 1 {
        " keeps the stage"
    } else {
        " keep the stage"
    });
    note
}

fn complaint_drawing() -> Drawing {
    let rows = TRANSITIONS
        .iter()
        .map(|row| Row {
            from: row.from.name(),
            event: row.event,
            to: row.to.name(),
            guarded: !row.typed,
        })
        .collect();
    let stages: Vec<&'static str> = StageKind::ALL.iter().map(|stage| stage.name()).collect();
    Drawing::of(
        rows,
        &stages,
        (StageKind::Accepted.name(), Some(EventKind::Accept.name())),
        SelfLoops::StageSpecific,
    )
}

fn follow_up_drawing() -> Drawing {
    use crate::lifecycle::FollowUpStageKind;
    let rows = FOLLOW_UP_TRANSITIONS
        .iter()
        .map(|row| Row {
            from: row.from.name(),
            event: row.event,
            to: row.to.name(),
            guarded: false,
        })
        .collect();
    let stages: Vec<&'static str> = FollowUpStageKind::ALL
        .iter()
        .map(|stage| stage.name())
        .collect();
    Drawing::of(
        rows,
        &stages,
        (FollowUpStageKind::Scheduled.name(), None),
        SelfLoops::All,
    )
}

/// The complaint lifecycle as a Mermaid `stateDiagram-v2`, drawn from
/// [`TRANSITIONS`] (see the module docs for what is drawn). The README's
/// diagram is exactly this text.
#[must_use]
pub fn mermaid() -> String {
    complaint_drawing().mermaid()
}

/// The complaint lifecycle as a Graphviz `digraph`, drawn from the same rows
/// and by the same choices as [`mermaid`]; render with `dot -Tsvg`.
#[must_use]
pub fn dot() -> String {
    complaint_drawing().dot("complaint_lifecycle")
}

/// The follow-up (回訪, F1–F7) as a Mermaid `stateDiagram-v2`, drawn from
/// [`FOLLOW_UP_TRANSITIONS`]; every self-loop is a note on its stage.
#[must_use]
pub fn follow_up_mermaid() -> String {
    follow_up_drawing().mermaid()
}

/// The follow-up as a Graphviz `digraph`, drawn from the same rows as
/// [`follow_up_mermaid`].
#[must_use]
pub fn follow_up_dot() -> String {
    follow_up_drawing().dot("follow_up")
}
