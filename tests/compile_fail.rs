//! Compile-fail tests of the typed face.

/// The transition table is enforced by the compiler: applying to a
/// `Complaint<S>` an event that stage `S` does not accept (execute before
/// approval, R5; approve outside `Proposed`, R4; review an open complaint, R6;
/// ...), or creating a complaint other than by accepting it (R1), does not
/// compile, and the error names the event and the stage.
///
/// One case per file in `tests/compile_fail/`; each `.stderr` next to it is
/// the exact compiler output a user sees.
#[test]
fn invalid_transitions_do_not_compile() {
    trybuild::TestCases::new().compile_fail("tests/compile_fail/*.rs");
}
