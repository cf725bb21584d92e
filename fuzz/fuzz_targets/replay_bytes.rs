#![no_main]
//! Arbitrary bytes as a stored history (`Vec<Entry>`, then replay) and as a
//! stored `ComplaintRecord`: no panic; what loads round-trips (R7).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    complaint_workflow_fuzz::replay_bytes(data);
});
