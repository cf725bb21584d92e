//! The diagrams drawn from the transition tables, and the README's diagram
//! checked against them.

use complaint_workflow::{
    EventKind, Role, StageKind, TRANSITIONS, diagram, followup::FOLLOW_UP_TRANSITIONS,
};

/// The text between the README's ```` ```mermaid ```` fence and the closing fence.
fn readme_mermaid() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let (_, after) = readme
        .split_once("```mermaid\n")
        .expect("the README has a mermaid block");
    let (block, _) = after
        .split_once("\n```")
        .expect("the mermaid block is closed");
    format!("{block}\n")
}

/// The README shows exactly the diagram the table gives: a change to
/// `TRANSITIONS` that the README does not follow fails here.
#[test]
fn readme_diagram_is_the_generated_one() {
    assert_eq!(readme_mermaid(), diagram::mermaid());
}

/// Every row that changes the stage is an edge, labelled with the event and,
/// above agent, the role (R4, R6: `approve (supervisor)`); no self-loop is an
/// edge; the fast path (T5) is drawn and marked.
#[test]
fn mermaid_draws_every_stage_changing_row() {
    let mermaid = diagram::mermaid();
    assert!(mermaid.starts_with("stateDiagram-v2\n    [*] --> accepted: accept\n"));
    let mut edges = 0;
    for row in TRANSITIONS.iter().filter(|row| row.from != row.to) {
        let role = Role::required_for(row.event);
        let mut label = row.event.name().to_owned();
        if role > Role::Agent {
            label = format!("{label} ({role})");
        }
        if !row.typed {
            label = format!("{label} (T5 fast path, guarded)");
        }
        let line = format!("    {} --> {}: {label}\n", row.from, row.to);
        assert!(mermaid.contains(&line), "missing `{}`", line.trim());
        edges += 1;
    }
    assert_eq!(mermaid.matches(" --> ").count(), edges + 2, "start and end");
    assert!(mermaid.contains("    proposed --> approved: approve (supervisor)\n"));
    assert!(mermaid.contains("    executed --> reviewed: review (supervisor)\n"));
    assert!(
        mermaid.contains(
            "    accepted --> executed: resolve_on_first_contact (T5 fast path, guarded)\n"
        )
    );
    for stage in StageKind::ALL {
        assert!(
            !mermaid.contains(&format!("    {stage} --> {stage}:")),
            "self-loop drawn on {stage}"
        );
    }
    // The self-loop only one stage has is a note; the common ones are not drawn.
    assert!(mermaid.contains("    note right of proposed : choose_remedy keeps the stage\n"));
    assert!(!mermaid.contains(EventKind::AddNote.name()));
    assert!(!mermaid.contains(EventKind::ExtendDeadline.name()));
    assert!(mermaid.ends_with("    closed --> [*]\n"));
}

/// The DOT graph has the same edges as the Mermaid diagram, the fast path dashed.
#[test]
fn dot_draws_the_same_edges() {
    let dot = diagram::dot();
    assert!(dot.starts_with("digraph complaint_lifecycle {\n"));
    assert!(dot.ends_with("}\n"));
    let mermaid = diagram::mermaid();
    let mermaid_edges = mermaid
        .lines()
        .filter(|line| line.contains(" --> ") && !line.contains("[*]"))
        .count();
    let dot_edges = dot
        .lines()
        .filter(|line| {
            line.contains(" -> ") && !line.contains("[start]") && !line.contains("[end]")
        })
        .count();
    assert_eq!(dot_edges, mermaid_edges);
    assert!(dot.contains("    \"proposed\" -> \"approved\" [label=\"approve (supervisor)\"];\n"));
    assert!(dot.contains(
        "    \"accepted\" -> \"executed\" [label=\"resolve_on_first_contact (T5 fast path, guarded)\", style=dashed];\n"
    ));
    assert!(
        dot.contains("    \"proposed\" [label=\"proposed\\n(choose_remedy keeps the stage)\"];\n")
    );
    assert!(dot.contains("    \"closed\" -> \"[end]\";\n"));
}

/// The follow-up diagram (F1–F7) from its own table: every row, self-loops
/// as notes, the two ends (completed, exhausted) final.
#[test]
fn follow_up_diagram_draws_its_table() {
    let mermaid = diagram::follow_up_mermaid();
    assert_eq!(
        mermaid,
        "stateDiagram-v2\n\
         \x20   [*] --> scheduled\n\
         \x20   scheduled --> attempted: attempt_follow_up\n\
         \x20   attempted --> completed: complete_follow_up\n\
         \x20   attempted --> exhausted: give_up_follow_up\n\
         \x20   note right of scheduled : reschedule_follow_up keeps the stage\n\
         \x20   note right of attempted : attempt_follow_up, reschedule_follow_up keep the stage\n\
         \x20   completed --> [*]\n\
         \x20   exhausted --> [*]\n"
    );
    for row in FOLLOW_UP_TRANSITIONS {
        assert!(
            mermaid.contains(row.event.name()),
            "{} missing",
            row.event.name()
        );
    }
    let dot = diagram::follow_up_dot();
    assert!(dot.contains("    \"attempted\" -> \"completed\" [label=\"complete_follow_up\"];\n"));
    assert!(dot.contains("    \"exhausted\" -> \"[end]\";\n"));
}
