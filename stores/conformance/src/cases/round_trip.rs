//! Case 1: create, apply, load: what is loaded is what was written.

use complaint_workflow::event::Uphold;
use complaint_workflow::record::Entry;
use complaint_workflow::store::{CommandOrHistory, ComplaintStore, StoreError};
use complaint_workflow::{CommandId, ComplaintId, ComplaintRecord, Department, Severity};

use crate::fixtures::{Expect, accept, check, check_eq, ctx, fail, fresh, minute, note, start};
use crate::{Harness, Report, Scale};

const CASE: &str = "round_trip";

/// Case 1: a complaint is created, upheld and given two notes (one under a
/// command id) through the driver; the loaded record equals
/// [`ComplaintRecord::replay`] of the entries the writes returned, the
/// store's `entries` are those entries, `command_entries` finds the
/// command's, `command_or_history` answers as those two do (the command's
/// entries when it is stored, whichever complaint is asked for, else the
/// history). A complaint never stored loads as
/// [`StoreError::NotFound`] and has no entries.
///
/// # Panics
///
/// When a check fails, naming the case and what broke.
pub async fn round_trip<H: Harness>(harness: &H, _scale: Scale) -> Report {
    let driver = fresh(harness).await;
    let created = driver
        .create(accept(0, Severity::High), None, &ctx(start()))
        .await
        .or_fail(CASE, "creating a complaint");
    check(CASE, !created.repeated && created.conflicts == 0, || {
        format!("a first intake came back as {created:?}")
    });
    let id = created.complaint_id;
    let mut written = created.entries;
    let uphold = Uphold {
        responsible_department: Department::new("logistics"),
        investigation_due: minute(60 * 48),
    };
    let judged = driver
        .apply(id, uphold, &ctx(minute(5)))
        .await
        .or_fail(CASE, "upholding the complaint");
    written.extend(judged.entries);
    let first = driver
        .apply(id, note("called the carrier"), &ctx(minute(6)))
        .await
        .or_fail(CASE, "adding a note");
    written.extend(first.entries);
    let command = CommandId::new("conformance-round-trip-note");
    let second = driver
        .apply(
            id,
            note("the customer sent photos"),
            &ctx(minute(7)).with_command(command.clone()),
        )
        .await
        .or_fail(CASE, "adding a note under a command id");
    written.extend(second.entries.iter().cloned());

    let loaded = driver.load(id).await.or_fail(CASE, "loading the complaint");
    let replayed =
        ComplaintRecord::replay(written.clone()).or_fail(CASE, "replaying the written entries");
    check_eq(
        CASE,
        &loaded,
        &replayed,
        "the loaded record is not the replay of what was written",
    );
    check_eq(
        CASE,
        &loaded.version(),
        &(written.len() as u64),
        "the loaded version",
    );
    let stored = driver
        .store()
        .entries(id)
        .await
        .or_fail(CASE, "reading the entries");
    check_eq(
        CASE,
        &stored,
        &written,
        "the stored entries are not the written ones",
    );
    let of_command = driver
        .store()
        .command_entries(&command)
        .await
        .or_fail(CASE, "looking up a stored command");
    check_eq(
        CASE,
        &of_command,
        &Some(second.entries.clone()),
        "command_entries of a stored command",
    );
    let unknown = driver
        .store()
        .command_entries(&CommandId::new("conformance-never-sent"))
        .await
        .or_fail(CASE, "looking up a command never sent");
    check_eq(
        CASE,
        &unknown,
        &None,
        "command_entries of a command never sent",
    );

    command_or_history(&driver, id, &written, &command, &second.entries).await;
    never_stored(&driver).await;
    Report {
        cases: 1,
        ..Report::default()
    }
}

/// `command_or_history` answers what `command_entries` and `entries` do:
/// the stored command's entries, for its own complaint and any other (a
/// complaint never stored included); the history when the command was
/// never sent; nothing for a complaint never stored.
async fn command_or_history<S: ComplaintStore + complaint_workflow::store::ChangeFeed>(
    driver: &crate::fixtures::Driver<S>,
    id: ComplaintId,
    history: &[Entry],
    command: &CommandId,
    of_command: &[Entry],
) {
    let missing = ComplaintRecord::accept(accept(2, Severity::Low), &ctx(start()))
        .or_fail(CASE, "accepting a complaint that is not stored")
        .id();
    let never_sent = CommandId::new("conformance-never-sent");
    let asked = [
        (
            id,
            command,
            CommandOrHistory::Command(of_command.to_vec()),
            "a stored command",
        ),
        (
            missing,
            command,
            CommandOrHistory::Command(of_command.to_vec()),
            "a command stored on another complaint",
        ),
        (
            id,
            &never_sent,
            CommandOrHistory::History(history.to_vec()),
            "a command never sent",
        ),
        (
            missing,
            &never_sent,
            CommandOrHistory::History(Vec::new()),
            "a command never sent, of a complaint never stored",
        ),
    ];
    for (complaint, command, expected, what) in asked {
        let found = driver
            .store()
            .command_or_history(complaint, command)
            .await
            .or_fail(CASE, &format!("command_or_history of {what}"));
        check_eq(
            CASE,
            &found,
            &expected,
            &format!("command_or_history of {what}"),
        );
    }
}

/// A complaint never stored: `NotFound`, no entries.
async fn never_stored<S: ComplaintStore + complaint_workflow::store::ChangeFeed>(
    driver: &crate::fixtures::Driver<S>,
) {
    let missing = ComplaintRecord::accept(accept(1, Severity::Low), &ctx(start()))
        .or_fail(CASE, "accepting a complaint that is not stored")
        .id();
    match driver.load(missing).await {
        Err(StoreError::NotFound(found)) if found == missing => {}
        other => fail(
            CASE,
            format_args!(
                "loading a complaint never stored: expected NotFound({missing}), got {other:?}"
            ),
        ),
    }
    let none = driver
        .store()
        .entries(missing)
        .await
        .or_fail(CASE, "reading the entries of a complaint never stored");
    check(CASE, none.is_empty(), || {
        format!("a complaint never stored has {} entries", none.len())
    });
}
