#![no_main]
//! Policies from JSON and calendar and time-limit computations with extreme
//! values (zero, huge, empty working week, quiet hours over nearly the whole
//! day): no panic, no hang, documented bounds hold.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    complaint_workflow_fuzz::policy_and_calendar(data);
});
