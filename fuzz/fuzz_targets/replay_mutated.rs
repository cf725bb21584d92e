#![no_main]
//! A valid scripted history damaged by the input (reordered, duplicated,
//! dropped, retimed entries, other actors and complaint ids, schema versions,
//! event types, huge strings, deep nesting): replay never panics, and a
//! history it accepts re-serializes and replays to an equal record.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    complaint_workflow_fuzz::replay_mutated(data);
});
