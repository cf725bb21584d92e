//! Two real `complaint-desk` processes on one PostgreSQL database, both
//! due-workers on with a short interval, and a few hundred complaints made
//! due: each owed event is applied exactly once between them (the store's
//! `claim_due` leases under `FOR UPDATE SKIP LOCKED`, and each complaint is
//! settled in one conditional append).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use complaint_desk::due_worker::SYSTEM_ACTOR;
use complaint_desk::startup;
use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow::{ComplaintId, Event, Role};

use super::support::{accepted, chain_policy, fresh_schema};

/// How many complaints are made due.
const COMPLAINTS: usize = 300;

/// What each is owed eleven days after receipt: the at-risk and breach
/// alarms, and the chain's two levels.
const OWED_EACH: usize = 4;

/// A desk process, killed when dropped (the test's end, or a failure).
struct Desk {
    child: Child,
    url: String,
    log: std::path::PathBuf,
}

impl Desk {
    /// Starts `complaint-desk` on 127.0.0.1 (a port of its own) over
    /// `database`, with its due-worker every 100 ms, 10 complaints a round;
    /// returns once it serves (it prints its URL after binding).
    fn start(database: &str, dir: &std::path::Path, name: &str) -> Self {
        let log = dir.join(format!("{name}.log"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_complaint-desk"))
            .args(["--listen", "127.0.0.1:0"])
            .current_dir(dir)
            .env("DATABASE_URL", database)
            .env("DESK_WORKER", "1")
            .env("DESK_WORKER_INTERVAL", "0.1")
            .env("DESK_WORKER_BATCH", "10")
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("complaint desk on ")
            .unwrap_or_else(|| panic!("{name} printed {line:?}"))
            .to_owned();
        Self { child, url, log }
    }

    /// Ends the process as Ctrl-C does (SIGINT): the server stops, the
    /// worker finishes its round and stops, the process exits 0 (waited for
    /// at most 20 s).
    fn stop(&mut self) {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let since = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                since.elapsed() < Duration::from_secs(20),
                "{} did not stop",
                self.url
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "{}: {status}", self.url);
    }

    /// The sums of `applied=` and `conflicts=` over the worker's logged rounds.
    fn logged(&self) -> (usize, usize) {
        let text = std::fs::read_to_string(&self.log).unwrap();
        let field = |line: &str, name: &str| -> usize {
            line.split_whitespace()
                .find_map(|word| word.strip_prefix(name))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0)
        };
        text.lines()
            .filter(|line| line.contains("due-worker round"))
            .fold((0, 0), |(applied, conflicts), line| {
                (
                    applied + field(line, "applied="),
                    conflicts + field(line, "conflicts="),
                )
            })
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Two desk processes, one PostgreSQL: every owed alarm and escalation of
/// 300 due complaints is in its history exactly once, every history
/// replays, and the workers' logs account for every entry, with no
/// conflict (no complaint was held by both).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn w1_w3_two_desk_processes_apply_each_owed_event_exactly_once() {
    let test = "w1_w3_two_desk_processes_apply_each_owed_event_exactly_once";
    let Some(url) = fresh_schema(test, "two_desks").await else {
        return;
    };
    let started = Instant::now();
    let store = startup::open_postgres(&url).await.unwrap();
    let policy = chain_policy();
    let received = Utc::now() - chrono::Duration::days(11);
    let mut ids: Vec<ComplaintId> = Vec::with_capacity(COMPLAINTS);
    for i in 0..COMPLAINTS {
        let record = accepted(&format!("customer-{i}"), received, &policy);
        assert_eq!(record.owed(Utc::now()).len(), OWED_EACH);
        store.create(&record, None).await.unwrap();
        ids.push(record.id());
    }

    let dir = tempfile::tempdir().unwrap();
    let mut desks = [
        Desk::start(&url, dir.path(), "desk-a"),
        Desk::start(&url, dir.path(), "desk-b"),
    ];
    assert_ne!(desks[0].url, desks[1].url, "two ports");
    for desk in &desks {
        let answer = reqwest::get(format!("{}/api/openapi.json", desk.url))
            .await
            .unwrap();
        assert_eq!(
            answer.status(),
            reqwest::StatusCode::OK,
            "{} serves",
            desk.url
        );
    }

    // Until nothing is due (at most 45 s: the test stays bounded).
    let bound = Duration::from_secs(45);
    loop {
        let due = store
            .due_before(Utc::now() + chrono::Duration::minutes(1), 1)
            .await
            .unwrap();
        if due.is_empty() {
            break;
        }
        assert!(started.elapsed() < bound, "still due after {bound:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for desk in &mut desks {
        desk.stop();
    }
    let logged: Vec<(usize, usize)> = desks.iter().map(Desk::logged).collect();
    drop(desks);

    let complaints = Complaints::new(store.clone());
    for id in &ids {
        let record = complaints.load(*id).await.unwrap();
        let paid = &record.entries()[1..];
        assert_eq!(paid.len(), OWED_EACH, "complaint {id}");
        assert!(
            paid.iter().all(|e| e.actor().id.as_str() == SYSTEM_ACTOR),
            "complaint {id}"
        );
        let mut alarms: Vec<_> = paid
            .iter()
            .filter_map(|e| match e.event() {
                Event::RaiseAlarm(alarm) => Some((alarm.deadline, alarm.level)),
                _ => None,
            })
            .collect();
        alarms.sort_by_key(|(deadline, level)| (*deadline, *level as u8));
        alarms.dedup();
        assert_eq!(alarms.len(), 2, "complaint {id}: each alarm once");
        let mut levels: Vec<u8> = paid
            .iter()
            .filter_map(|e| match e.event() {
                Event::Escalate(escalate) => escalate.step.map(|step| step.level),
                _ => None,
            })
            .collect();
        levels.sort_unstable();
        assert_eq!(levels, [1, 2], "complaint {id}: each level once");
        assert_eq!(record.escalation_level(), Role::Supervisor);
        assert!(record.owed(Utc::now()).is_empty(), "complaint {id}");
    }
    let applied: usize = logged.iter().map(|(applied, _)| applied).sum();
    let conflicts: usize = logged.iter().map(|(_, conflicts)| conflicts).sum();
    println!(
        "two desks: {COMPLAINTS} complaints, {} entries applied (desk-a {}, desk-b {}), \
         {conflicts} conflicts, in {:.1?}",
        applied,
        logged[0].0,
        logged[1].0,
        started.elapsed()
    );
    assert_eq!(
        applied,
        COMPLAINTS * OWED_EACH,
        "the logs account for every entry"
    );
    assert_eq!(conflicts, 0, "no complaint was settled by both");
}
