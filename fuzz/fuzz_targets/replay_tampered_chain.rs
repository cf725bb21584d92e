#![no_main]
//! A1: a sealed scripted history tampered with by the input (byte edits of
//! strings, seals removed or moved, well-formed entries inserted, and the
//! damage of `replay_mutated`): `verify_chain` accepts only the original in
//! content (or the original cut short), replay accepts nothing it refuses,
//! and nothing panics.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    complaint_workflow_fuzz::replay_tampered_chain(data);
});
