//! The table of figures: every performance figure the READMEs report, as
//! the criterion ids of the measured bench and of its baseline, and the
//! goal the ratio is held to. An id is the `full_id` criterion writes in
//! `target/criterion/<group>/<bench>/new/benchmark.json`; `{n}` in it
//! stands for each size the bench runs under `cargo bench` (`--bench`).
//! The goals are the READMEs'.

/// How a ratio is read, and the goal it is held to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Goal {
    /// The measured time over the baseline's is at most this.
    TimeAtMost(f64),
    /// The baseline's time over the measured time (the measured side's
    /// throughput as a share of the baseline's) is at least this.
    ThroughputAtLeast(f64),
    /// The measured time over the baseline's, reported without a goal.
    Time,
    /// The throughput ratio, reported without a goal.
    Throughput,
}

/// One line of the summary: a bench against its baseline.
pub struct Figure {
    /// The figure's name in the READMEs (`P1`, …; `due`, `feed` and `load`
    /// for the store crates' figures that have no P number).
    pub id: &'static str,
    /// What is compared, with the size when there is one.
    pub what: String,
    /// The measured bench's criterion id.
    pub measured: String,
    /// The baseline bench's criterion id.
    pub baseline: String,
    /// How the ratio is read and held.
    pub goal: Goal,
}

/// The figures of one crate's benches and the command that runs them.
pub struct Section {
    /// The crate and the README that reports its figures.
    pub title: &'static str,
    /// The command that runs its benches.
    pub command: &'static str,
    /// Its figures, in the READMEs' order.
    pub figures: Vec<Figure>,
}

/// A row of the table: id, what, measured, baseline, the sizes `{n}`
/// takes (none: the ids have no `{n}`), and the goal.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [u64],
    Goal,
);

use Goal::{Throughput, ThroughputAtLeast, Time, TimeAtMost};

const AGENDA: &[u64] = &[10_000, 100_000, 1_000_000];
const STORES: &[u64] = &[10_000, 1_000_000];
const LARGE: &[u64] = &[1_000_000];
const SMALL: &[u64] = &[10_000];

/// `README.md`, Performance; `cargo bench -p complaint-workflow`.
#[rustfmt::skip]
const CORE: &[Row] = &[
    ("P1",  "decide vs hand match",                  "p1_dispatch/decide", "p1_dispatch/hand_match", &[], TimeAtMost(1.0)),
    ("P1",  "decide vs statig",                      "p1_dispatch/decide", "p1_dispatch/statig",     &[], ThroughputAtLeast(1.3)),
    ("P1",  "decide vs rust-fsm",                    "p1_dispatch/decide", "p1_dispatch/rust_fsm",   &[], ThroughputAtLeast(1.3)),
    ("P1b", "accept + apply, sealed, vs hand match", "p1b_apply/record_apply", "p1_dispatch/hand_match", &[], TimeAtMost(10.0)),
    ("P1b", "seal hashing (entry) vs apply (event)", "p1b_apply/seal_hashing", "p1b_apply/record_apply", &[], Time),
    ("P2",  "replay from JSON vs deserialize",       "p2_replay/deserialize_replay/{n}", "p2_replay/deserialize/{n}", &[1_000, 10_000, 100_000], ThroughputAtLeast(0.7)),
    ("P2",  "verify_chain vs replay alone",          "p2_replay/verify_chain/{n}", "p2_replay/replay_only/{n}", &[1_000], Time),
    ("P3",  "due_before vs BTreeMap range",          "p3_due_before/agenda/{n}", "p3_due_before/btreemap/{n}", AGENDA, TimeAtMost(2.0)),
    ("P3",  "reschedule vs BTreeMap move",           "p3_reschedule/agenda/{n}", "p3_reschedule/btreemap/{n}", AGENDA, TimeAtMost(2.0)),
    ("P3",  "track (W1) vs next_alarm + BTreeMap",   "p3_track/agenda/{n}", "p3_track/btreemap/{n}", AGENDA, TimeAtMost(2.0)),
    ("P5",  "S1 report from JSON vs deserialize",    "p5_report/load_and_compute/{n}", "p5_report/deserialize/{n}", &[500, 5_000, 50_000], TimeAtMost(1.5)),
];

/// `stores/sqlite/README.md`, Figures; `cargo bench -p
/// complaint-workflow-sqlite`. The feed's goal is at 1,000,000 entries.
#[rustfmt::skip]
const SQLITE: &[Row] = &[
    ("P6",   "append vs raw sqlx insert (NORMAL)",   "p6_sqlite_append/store_append", "p6_sqlite_append/raw_insert", &[], ThroughputAtLeast(0.8)),
    ("due",  "due_before(1000) vs raw query",        "due_query/crate/{n}", "due_query/raw/{n}", STORES, TimeAtMost(2.0)),
    ("feed", "pages of 1,000 vs raw select",         "feed_read/crate/{n}", "feed_read/raw/{n}", SMALL, Throughput),
    ("feed", "pages of 1,000 vs raw select",         "feed_read/crate/{n}", "feed_read/raw/{n}", LARGE, ThroughputAtLeast(0.8)),
    ("feed", "for_each_after vs raw select",         "feed_read/crate_streamed/{n}", "feed_read/raw/{n}", SMALL, Throughput),
    ("feed", "for_each_after vs raw select",         "feed_read/crate_streamed/{n}", "feed_read/raw/{n}", LARGE, ThroughputAtLeast(0.8)),
    ("load", "load + replay vs raw + serde_json",    "load_replay/load/{n}", "load_replay/raw/{n}", SMALL, ThroughputAtLeast(0.8)),
];

/// `stores/postgres/README.md`, Figures; `cargo bench -p
/// complaint-workflow-postgres` with `DATABASE_URL`. Its benches name a
/// size in the bench's own name (`crate_10000`).
#[rustfmt::skip]
const POSTGRES: &[Row] = &[
    ("P7",   "16 writers vs raw transaction",        "writers/crate_16_writers", "writers/raw_transaction_16_connections", &[], ThroughputAtLeast(0.7)),
    ("P7",   "16 writers vs raw CTE statement",      "writers/crate_16_writers", "writers/raw_statement_16_connections", &[], Throughput),
    ("P7",   "16 writers vs raw entry insert",       "writers/crate_16_writers", "writers/raw_insert_16_connections", &[], Throughput),
    ("due",  "due_before(100) vs raw query",         "due/crate_{n}", "due/raw_{n}", STORES, TimeAtMost(2.0)),
    ("feed", "pages of 1,000 vs raw select",         "feed/crate_{n}", "feed/raw_{n}", SMALL, Throughput),
    ("feed", "pages of 1,000 vs raw select",         "feed/crate_{n}", "feed/raw_{n}", LARGE, ThroughputAtLeast(0.8)),
    ("feed", "for_each_after vs raw select",         "feed/crate_streamed_{n}", "feed/raw_{n}", SMALL, Throughput),
    ("feed", "for_each_after vs raw select",         "feed/crate_streamed_{n}", "feed/raw_{n}", LARGE, ThroughputAtLeast(0.8)),
    ("load", "load + replay vs raw + serde_json",    "replay/crate_{n}", "replay/raw_{n}", SMALL, ThroughputAtLeast(0.8)),
];

/// `desk/README.md`, P8; `cargo bench -p complaint-desk --bench events`.
#[rustfmt::skip]
const DESK: &[Row] = &[
    ("P8",   "event POST, desk router vs bare axum", "p8_event_post/desk_router", "p8_event_post/bare_axum_insert", &[], ThroughputAtLeast(0.5)),
];

/// Every section of the summary, in the order it is printed.
pub fn sections() -> Vec<Section> {
    [
        (
            "complaint-workflow (README.md)",
            "cargo bench -p complaint-workflow",
            CORE,
        ),
        (
            "complaint-workflow-sqlite (stores/sqlite/README.md)",
            "cargo bench -p complaint-workflow-sqlite",
            SQLITE,
        ),
        (
            "complaint-workflow-postgres (stores/postgres/README.md)",
            "DATABASE_URL=… cargo bench -p complaint-workflow-postgres",
            POSTGRES,
        ),
        (
            "complaint-desk (desk/README.md)",
            "cargo bench -p complaint-desk",
            DESK,
        ),
    ]
    .into_iter()
    .map(|(title, command, rows)| Section {
        title,
        command,
        figures: rows.iter().flat_map(expand).collect(),
    })
    .collect()
}

/// A row's figures, one per size.
fn expand(&(id, what, measured, baseline, sizes, goal): &Row) -> Vec<Figure> {
    let one = |what: String, n: &str| Figure {
        id,
        what,
        measured: measured.replace("{n}", n),
        baseline: baseline.replace("{n}", n),
        goal,
    };
    if sizes.is_empty() {
        return vec![one(what.to_owned(), "")];
    }
    sizes
        .iter()
        .map(|&n| one(format!("{what} ({})", thousands(n)), &n.to_string()))
        .collect()
}

/// `n` with commas between the thousands: `1,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
