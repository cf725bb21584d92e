//! R7 under faults: a transaction that fails half-way, a writer dropped
//! before its commit, a writer process killed in the middle of an append
//! (once with its entries in the write-ahead log, then 100 times in a loop):
//! the file opens, every history replays, no complaint has a partial append.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use complaint_workflow::ComplaintId;
use complaint_workflow::store::{AppendError, ComplaintStore, Complaints};
use complaint_workflow_sqlite::{Error, SqliteStore};

use support::{
    agent, callback, complaints_row, create_complaints, entry_rows, fresh_store, insert_entry_rows,
    note, spilling_store, stored_version, t,
};

/// R7: a transaction that fails after inserting the entries and before
/// updating the `complaints` row leaves both as they were.
#[tokio::test]
async fn r7_failure_between_entries_and_complaints_row_changes_nothing() {
    let (store, path) = fresh_store("failed_transaction.db").await;
    let id = create_complaints(&store, 1).await[0];
    drop(store);
    // One connection, so that the fault (a temporary trigger) is on it.
    let store = spilling_store(&path).await;
    let complaints = Complaints::new(store.clone());
    let before = complaints.load(id).await.unwrap();
    let row_before = complaints_row(&store, id).await;
    // The fault: this connection cannot write the complaints row.
    sqlx::query(
        "CREATE TEMP TRIGGER fail_complaints_update BEFORE UPDATE ON main.complaints
         BEGIN SELECT RAISE(ABORT, 'injected fault'); END;",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let mut record = before.clone();
    let loaded = record.version();
    record.apply(callback(t(2)), &agent(t(1))).unwrap();
    let error = store.append(loaded, &record).await.unwrap_err();
    assert!(
        matches!(error, AppendError::Store(Error::Database(_))),
        "{error}"
    );
    assert!(error.to_string().contains("injected fault"), "{error}");

    assert_eq!(complaints.load(id).await.unwrap(), before);
    assert_eq!(complaints_row(&store, id).await, row_before);
    assert_eq!(entry_rows(&store).await, 1);
    // Without the fault, the same write goes through.
    sqlx::query("DROP TRIGGER temp.fail_complaints_update")
        .execute(store.pool())
        .await
        .unwrap();
    store.append(loaded, &record).await.unwrap();
    assert_eq!(complaints.load(id).await.unwrap(), record);
    assert_ne!(complaints_row(&store, id).await, row_before);
}

/// R7: a writer that inserted entries and was dropped without committing
/// leaves no trace; the file replays and the next writer appends.
#[tokio::test]
async fn r7_writer_dropped_without_commit_leaves_history_intact() {
    let (store, path) = fresh_store("dropped_writer.db").await;
    let complaints = Complaints::new(store.clone());
    let id = create_complaints(&store, 1).await[0];
    let before = complaints.load(id).await.unwrap();
    let mut record = before.clone();
    record.apply(note("never committed"), &agent(t(1))).unwrap();
    {
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await.unwrap();
        insert_entry_rows(&mut tx, record.entries_since(before.version())).await;
        // Dropped here without a commit.
    }
    let fresh = SqliteStore::open(&path).await.unwrap();
    let fresh_complaints = Complaints::new(fresh.clone());
    assert_eq!(fresh_complaints.load(id).await.unwrap(), before);
    assert_eq!(entry_rows(&fresh).await, 1);
    fresh.append(before.version(), &record).await.unwrap();
    assert_eq!(complaints.load(id).await.unwrap(), record);
}

/// Set in the child process of the next test: the database it crashes in.
const CRASH_CHILD: &str = "SQLITE_STORE_TEST_CRASH_IN";

/// R7: a writer process killed in the middle of its transaction (entries
/// inserted, some already in the write-ahead log, nothing committed) leaves
/// a file that passes SQLite's integrity check and replays as before.
#[test]
fn r7_writer_killed_mid_transaction_leaves_file_replaying() {
    let runtime = runtime();
    if let Some(path) = std::env::var_os(CRASH_CHILD) {
        runtime.block_on(crash_mid_transaction(Path::new(&path)));
    }
    let (store, path) = runtime.block_on(fresh_store("killed_writer.db"));
    let complaints = Complaints::new(store.clone());
    let (id, before) = runtime.block_on(async {
        let id = create_complaints(&store, 1).await[0];
        complaints
            .apply(id, note("committed"), &agent(t(1)))
            .await
            .unwrap();
        let before = complaints.load(id).await.unwrap();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(store.pool())
            .await
            .unwrap();
        (id, before)
    });
    let wal = wal_of(&path);
    assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);

    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "r7_writer_killed_mid_transaction_leaves_file_replaying",
            "--nocapture",
        ])
        .env(CRASH_CHILD, &path)
        .output()
        .unwrap();
    assert!(
        !child.status.success(),
        "the writer process was not killed: {}",
        String::from_utf8_lossy(&child.stderr)
    );
    let wal_written = std::fs::metadata(&wal).unwrap().len();
    assert!(
        wal_written > 0,
        "the killed writer wrote nothing to the log"
    );

    runtime.block_on(async {
        let reopened = SqliteStore::open(&path).await.unwrap();
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(reopened.pool())
            .await
            .unwrap();
        assert_eq!(check, "ok");
        let again = Complaints::new(reopened.clone());
        assert_eq!(again.load(id).await.unwrap(), before);
        assert_eq!(entry_rows(&reopened).await, 2);
        assert_eq!(complaints.load(id).await.unwrap(), before);
        again
            .apply(id, note("after the crash"), &agent(t(2)))
            .await
            .unwrap();
        assert_eq!(again.load(id).await.unwrap().version(), 3);
    });
}

/// The child of the test above: begins a write, inserts many entries with
/// a tiny page cache (so they spill into the write-ahead log), and dies.
async fn crash_mid_transaction(path: &Path) -> ! {
    let store = spilling_store(path).await;
    let id: String = sqlx::query_scalar("SELECT id FROM complaints")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let complaints = Complaints::new(store.clone());
    let mut record = complaints.load(id.parse().unwrap()).await.unwrap();
    let loaded = record.version();
    for i in 0..400 {
        let text = format!("{i:04} {}", "lost with the process ".repeat(40));
        record.apply(note(&text), &agent(t(3))).unwrap();
    }
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await.unwrap();
    insert_entry_rows(&mut tx, record.entries_since(loaded)).await;
    // The complaints row is never updated, nothing is committed.
    std::process::abort();
}

/// Set in the child processes of the SIGKILL loop: the database and the
/// complaint they append to.
const KILL_CHILD: &str = "SQLITE_STORE_TEST_KILL_IN";
const KILL_COMPLAINT: &str = "SQLITE_STORE_TEST_KILL_COMPLAINT";
/// Kills of the loop.
const KILLS: usize = 100;
/// Notes per append of a child: one append is one transaction of this many
/// entries, long enough to be killed in.
const NOTES_PER_APPEND: u64 = 200;

/// R7: a writer process appending through the store is killed with SIGKILL
/// in the middle of an append, 100 times: after each kill the file passes
/// the integrity check, the complaint replays, and its version is the one
/// before the interrupted append or the one after it, never in between;
/// at the end every stored history replays.
#[test]
fn r7_writer_killed_100_times_mid_append_leaves_no_partial_append() {
    let runtime = runtime();
    if let Some(path) = std::env::var_os(KILL_CHILD) {
        let id = std::env::var(KILL_COMPLAINT).unwrap().parse().unwrap();
        runtime.block_on(append_until_killed(Path::new(&path), id));
    }
    let (store, path) = runtime.block_on(fresh_store("killed_100_times.db"));
    let (mut rolled_back, mut committed, mut spilled) = (0, 0, 0);
    let wal = wal_of(&path);
    for kill in 0..KILLS {
        let id = runtime.block_on(create_complaints(&store, 1))[0];
        let wal_before = std::fs::metadata(&wal).map_or(0, |m| m.len());
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "r7_writer_killed_100_times_mid_append_leaves_no_partial_append",
                "--nocapture",
                "--quiet",
            ])
            .env(KILL_CHILD, &path)
            .env(KILL_COMPLAINT, id.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        // Wait for an append to begin, then kill within it: an append of
        // 200 entries takes longer than the largest delay.
        let mut line = String::new();
        while !line.starts_with("begin") {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "the child ended");
        }
        std::thread::sleep(Duration::from_micros((kill as u64 * 997) % 3_000));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(!status.success());
        // A lower bound: the log may also have been restarted meanwhile.
        if std::fs::metadata(&wal).map_or(0, |m| m.len()) > wal_before {
            spilled += 1;
        }
        let mut rest = String::new();
        out.read_to_string(&mut rest).unwrap();
        let last = rest.lines().last().unwrap_or(line.trim());
        let (state, version) = last.split_once(' ').unwrap();
        let loaded: u64 = version.trim().parse().unwrap();
        assert_eq!(state, "begin", "kill {kill} landed outside an append");

        runtime.block_on(async {
            let reopened = SqliteStore::open(&path).await.unwrap();
            let check: String = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(reopened.pool())
                .await
                .unwrap();
            assert_eq!(check, "ok", "kill {kill}");
            let record = Complaints::new(reopened.clone()).load(id).await.unwrap();
            let version = record.version();
            assert_eq!(stored_version(&reopened, id).await, Some(version));
            if version == loaded {
                rolled_back += 1;
            } else {
                assert_eq!(
                    version,
                    loaded + NOTES_PER_APPEND,
                    "kill {kill}: a partial append"
                );
                committed += 1;
            }
            reopened.pool().close().await;
        });
    }
    println!(
        "SIGKILL loop: {KILLS} kills mid-append: {rolled_back} appends rolled back, \
         {committed} committed just before the kill, 0 partial; \
         at least {spilled} killed with uncommitted pages in the write-ahead log"
    );
    runtime.block_on(async {
        let complaints = Complaints::new(store.clone());
        let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM complaints")
            .fetch_all(store.pool())
            .await
            .unwrap();
        assert_eq!(ids.len(), KILLS);
        let mut entries = 0;
        for id in ids {
            let id: ComplaintId = id.parse().unwrap();
            let record = complaints.load(id).await.unwrap();
            assert_eq!((record.version() - 1) % NOTES_PER_APPEND, 0);
            entries += record.version();
        }
        assert_eq!(i64::try_from(entries).unwrap(), entry_rows(&store).await);
    });
    assert!(rolled_back > 0, "no kill landed before a commit");
    assert!(spilled > 0, "no kill left pages in the log");
}

/// The child of the loop: appends 200 notes at a time to complaint `id`
/// through the store, saying `begin <loaded version>` before each append
/// and `end <new version>` after it, until it is killed.
async fn append_until_killed(path: &Path, id: ComplaintId) -> ! {
    let store = spilling_store(path).await;
    let complaints = Complaints::new(store.clone());
    let mut stdout = std::io::stdout();
    loop {
        let mut record = complaints.load(id).await.unwrap();
        let loaded = record.version();
        for i in 0..NOTES_PER_APPEND {
            let text = format!("{loaded} {i:03} {}", "killed or kept whole ".repeat(20));
            record.apply(note(&text), &agent(t(3))).unwrap();
        }
        writeln!(stdout, "begin {loaded}").unwrap();
        stdout.flush().unwrap();
        store.append(loaded, &record).await.unwrap();
        writeln!(stdout, "end {}", record.version()).unwrap();
        stdout.flush().unwrap();
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn wal_of(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", path.display()))
}
