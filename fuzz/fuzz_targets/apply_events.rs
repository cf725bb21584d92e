#![no_main]
//! Arbitrary runtime events from arbitrary actors at arbitrary times:
//! `ComplaintRecord::apply` never panics, a refused event leaves the record
//! unchanged, and the final history replays to an equal record.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    complaint_workflow_fuzz::apply_events(data);
});
