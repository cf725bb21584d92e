//! The transition table in the crate docs (`src/lib.rs`, section "The
//! transition table") says exactly what [`TRANSITIONS`] and
//! [`Role::required_for`] say: a row added, removed or changed on either side
//! fails here.

use std::collections::BTreeSet;

use complaint_workflow::{EventKind, Role, StageKind, TRANSITIONS};

const LIB_RS: &str = include_str!("../../src/lib.rs");

type Row = (StageKind, EventKind, StageKind, Role);

/// The table rows of the crate docs, one cell list per row, header and rule
/// line left out.
fn documented_rows(source: &str) -> Vec<Vec<String>> {
    let docs: Vec<&str> = source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(str::trim)
        .collect();
    let heading = docs
        .iter()
        .position(|line| *line == "# The transition table")
        .expect("the crate docs have a section \"# The transition table\"");
    let table: Vec<&str> = docs[heading + 1..]
        .iter()
        .skip_while(|line| line.is_empty())
        .take_while(|line| line.starts_with('|'))
        .copied()
        .collect();
    assert!(table.len() > 2, "no table under the heading");
    let cells = |line: &str| -> Vec<String> {
        line.trim_matches('|')
            .split('|')
            .map(|cell| cell.trim().to_owned())
            .collect()
    };
    assert_eq!(
        cells(table[0]),
        ["stage", "event", "next stage", "lowest role"]
    );
    assert!(
        cells(table[1])
            .iter()
            .all(|cell| cell.chars().all(|c| c == '-' || c == ':'))
    );
    table[2..].iter().map(|line| cells(line)).collect()
}

/// The first `code` span of a cell (a cell may add a remark after it), or
/// the whole cell.
fn name(cell: &str) -> &str {
    let cell = cell.trim();
    cell.strip_prefix('`')
        .and_then(|rest| rest.split_once('`'))
        .map_or(cell, |(name, _remark)| name)
}

fn stage(cell: &str) -> StageKind {
    let name = name(cell);
    StageKind::ALL
        .into_iter()
        .find(|stage| stage.name() == name)
        .unwrap_or_else(|| panic!("unknown stage {name:?} in the docs table"))
}

fn event(cell: &str) -> EventKind {
    let name = name(cell);
    EventKind::ALL
        .into_iter()
        .find(|event| event.name() == name)
        .unwrap_or_else(|| panic!("unknown event {name:?} in the docs table"))
}

fn role(cell: &str) -> Role {
    let name = name(cell);
    Role::ALL
        .into_iter()
        .find(|role| role.name() == name)
        .unwrap_or_else(|| panic!("unknown role {name:?} in the docs table"))
}

/// The stages a cell names: `a`, `a, b, c`, `a … b` (every stage from `a` to
/// `b` in lifecycle order), `every stage` or `every stage but a, b`.
fn stages(cell: &str) -> Vec<StageKind> {
    if cell == "every stage" {
        return StageKind::ALL.to_vec();
    }
    if let Some(excluded) = cell.strip_prefix("every stage but ") {
        let excluded = stages(excluded);
        return StageKind::ALL
            .into_iter()
            .filter(|stage| !excluded.contains(stage))
            .collect();
    }
    if let Some((first, last)) = cell.split_once('…') {
        let all = StageKind::ALL;
        let from = all.iter().position(|s| *s == stage(first)).unwrap();
        let to = all.iter().position(|s| *s == stage(last)).unwrap();
        assert!(from < to, "empty range {cell:?}");
        return all[from..=to].to_vec();
    }
    cell.split(',').map(stage).collect()
}

/// The table documented in `source`, its grouped rows expanded.
fn documented(source: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for cells in documented_rows(source) {
        let [from, event_cell, to, role_cell] = cells.as_slice() else {
            panic!(
                "a row of the docs table has {} cells: {cells:?}",
                cells.len()
            );
        };
        for from in stages(from) {
            let to = if to == "the same stage" {
                from
            } else {
                stage(to)
            };
            rows.push((from, event(event_cell), to, role(role_cell)));
        }
    }
    rows
}

/// The table of the code: every row of `TRANSITIONS` with the role of its event.
fn coded() -> Vec<Row> {
    TRANSITIONS
        .iter()
        .map(|row| (row.from, row.event, row.to, Role::required_for(row.event)))
        .collect()
}

/// The differences between a documented and the coded table, as a message,
/// or `None` when they say the same.
fn differences(documented: &[Row], coded: &[Row]) -> Option<String> {
    let documented_set: BTreeSet<Row> = documented.iter().copied().collect();
    let coded_set: BTreeSet<Row> = coded.iter().copied().collect();
    let missing: Vec<_> = coded_set.difference(&documented_set).collect();
    let extra: Vec<_> = documented_set.difference(&coded_set).collect();
    if missing.is_empty() && extra.is_empty() && documented_set.len() == documented.len() {
        None
    } else {
        Some(format!(
            "in the code, not the docs: {missing:?}\n  in the docs, not the code: {extra:?}\n  \
             documented {} rows, {} distinct",
            documented.len(),
            documented_set.len()
        ))
    }
}

#[test]
fn the_documented_transition_table_is_the_code() {
    let documented = documented(LIB_RS);
    let coded = coded();
    let coded_set: BTreeSet<Row> = coded.iter().copied().collect();
    assert_eq!(coded_set.len(), coded.len(), "a row is coded twice");
    if let Some(differences) = differences(&documented, &coded) {
        panic!("the docs table and TRANSITIONS differ:\n  {differences}");
    }
}

/// The check catches a drifted docs table: a role changed, a row dropped,
/// a row doubled.
#[test]
fn a_drifted_docs_table_is_caught() {
    let coded = coded();
    let approve_row = "| `proposed` | `approve` | `approved` | `supervisor` |";
    assert!(LIB_RS.contains(approve_row), "the approve row moved");
    let drifts = [
        LIB_RS.replace(
            approve_row,
            "| `proposed` | `approve` | `approved` | `agent` |",
        ),
        LIB_RS.replace(
            approve_row,
            "| `proposed` | `approve` | `executed` | `supervisor` |",
        ),
        LIB_RS.replace(&format!("//! {approve_row}\n"), ""),
        LIB_RS.replace(
            &format!("//! {approve_row}\n"),
            &format!("//! {approve_row}\n//! {approve_row}\n"),
        ),
    ];
    for drifted in drifts {
        assert_ne!(drifted, LIB_RS);
        assert!(differences(&documented(&drifted), &coded).is_some());
    }
}

/// The parser itself: the grouped rows expand as the docs mean them.
#[test]
fn the_grouped_rows_of_the_docs_table_expand() {
    assert_eq!(
        stages("`accepted` … `approved`"),
        StageKind::ALL
            .into_iter()
            .filter(|stage| stage.is_open())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        stages("`executed`, `dismissed`, `withdrawn`"),
        [
            StageKind::Executed,
            StageKind::Dismissed,
            StageKind::Withdrawn
        ]
    );
    assert_eq!(stages("every stage"), StageKind::ALL);
    assert_eq!(
        stages("every stage but `accepted`, `closed`"),
        StageKind::ALL[1..StageKind::COUNT - 1]
    );
    assert_eq!(StageKind::ALL[0], StageKind::Accepted);
    assert_eq!(StageKind::ALL[StageKind::COUNT - 1], StageKind::Closed);
    assert_eq!(
        event("`resolve_on_first_contact` (T5, only through `SimpleComplaint`)"),
        EventKind::ResolveOnFirstContact
    );
    // `accept` creates a complaint; the table has no row for it, and no stage accepts it.
    assert!(
        documented(LIB_RS)
            .iter()
            .all(|row| row.1 != EventKind::Accept)
    );
    assert_eq!(Role::required_for(EventKind::Accept), Role::Agent);
}
