//! The integration tests of the complaint lifecycle, as one test binary (one
//! link for all of them); each module under `tests/integration/` has one job.

mod integration {
    /// The rule book, one test or more per rule (R1..R8, E6), on both faces.
    mod rules;

    /// Rebuilding a stored history, and every way a stored history can be damaged.
    mod replay;

    /// Optimistic concurrency and idempotent commands without a database (R7).
    mod concurrency;

    /// Resource bounds: the longest history a policy allows and a reader takes (R7).
    mod limits;

    /// The golden fixture of the stored format.
    mod fixture;

    /// The transition table of the crate docs against the code.
    mod docs;

    /// The layers of `src/` import only downwards (no cycle between folders).
    mod layers;

    /// The storage seam and its driver on the in-memory store (R7).
    mod store;

    /// W6: where a complaint's time went.
    mod accounting;

    mod alarms;

    /// S4 with W1: the deadlines at risk.
    mod at_risk;
    /// W6 in S1: where each category's time went.
    mod time_spent;

    /// W2: time limits chosen by the case.
    mod targets;

    /// W2: re-targeting when the classification changes.
    mod retarget;

    /// W4: keeping the customer informed while a complaint is open.
    mod progress;

    /// W5: waiting on a third party, apart from the customer.
    mod third_party;

    /// D1: the customer disputes the final response.
    mod disputes;

    /// D2: the complaint is referred to an external body.
    mod referrals;

    /// Shared builders: policy, times, actors, events, walks to each stage.
    mod support;

    /// Zones and the business calendar: daylight-saving changes, holidays,
    /// working hours, close of business, calendars without an answer.
    mod calendar;

    /// W7: holidays and extra working days read from iCalendar files.
    #[cfg(feature = "icalendar")]
    mod calendar_file;

    /// The deadlines of a complaint (T1–T4, T6, T7): pauses, extensions,
    /// breaches, deadlines derived from the history.
    mod deadlines;

    /// The policy's defaults and checks, and the regulatory presets.
    mod presets;

    /// The agenda of many complaints by their next due time.
    mod agenda;

    /// The agenda against a `BTreeMap` model over random operations.
    mod agenda_model;

    /// Properties of the time layer over random inputs.
    mod time_properties;

    /// The reports (S1–S4) over a fixed set of histories, their text and CSV
    /// forms, and the periods (S3).
    mod reports;

    /// Properties of the reports over random histories: sums, coverage, merging.
    mod report_properties;

    /// A2: redaction that keeps the proof: texts replaced, hashes kept,
    /// reports and deadlines unchanged, forged redactions refused.
    mod redaction;

    /// The diagrams drawn from the transition tables; the README's diagram.
    mod diagram;

    /// The follow-up rules (F1–F7): attempts, records, satisfaction, quiet
    /// hours in the customer's zone, members, retries and agreed times.
    mod follow_up;

    /// Escalation, repeat contacts, handover and notes (E1–E6), and the fast
    /// path for simple complaints (T5).
    mod escalation;

    /// Properties of the follow-up over random customers, times and histories.
    mod follow_up_properties;

    /// `docs/rules.md` against the code: every rule ID has a section, items
    /// and tests citing it, and every ID cited is in the book.
    mod rule_book;

    /// The fuzz targets' invariants as bounded properties: replay of
    /// arbitrary and damaged histories, apply of arbitrary events, policies
    /// and calendars with extreme values.
    mod hardening;

    /// Every event kind by every role (R4, R6), and `docs/authorization.md`
    /// generated from the role table.
    mod authorization;

    /// Frozen formats: golden JSON for an entry of every event kind, the
    /// default policy and the presets, and a report.
    mod formats;

    /// A1: signed checkpoints of the chain's heads, and the recomputed-chain
    /// attack they catch.
    mod checkpoints;

    /// A4: how long a closed complaint's record is kept.
    mod retention;

    /// The exact message of every variant of every public error type.
    mod error_messages;

    /// A1, A3: the hash chain against every kind of tampering, judged by
    /// `verify_chain`, by replay and by the independent verifier
    /// (`tools/verify_history.py`), which accepts every untampered history.
    mod chain;

    /// A5: the regulator's export of a complaint and of a period.
    mod export;
}
