//! `--demo`: a month of generated complaints, stored through the complaint
//! store, for a desk that has something to show. The month is made by
//! [`generate`] (the workspace's demo generator, `complaint-workflow-demo`,
//! which the core's `monthly_report` example reports on: the same seeded
//! choices, event by event through the public API, so every rule holds); [`seed`] stores each complaint under a
//! reference (`demo-<seed>-<n>`), so seeding the same month again stores
//! nothing twice.

use complaint_workflow::ComplaintRecord;
use complaint_workflow::store::{AppendError, ComplaintStore};

pub use complaint_workflow_demo::{DemoError, Month, generate};

/// The reference of the `index`th complaint (from 1) of a month made from `seed`.
///
/// ```
/// assert_eq!(complaint_desk::demo::reference(202_611, 7), "demo-202611-0007");
/// ```
pub fn reference(seed: u64, index: usize) -> String {
    format!("demo-{seed}-{index:04}")
}

/// What [`seed`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    /// Complaints stored now.
    pub stored: usize,
    /// Complaints found stored already (by their reference).
    pub present: usize,
}

/// Stores `records` (a month made from `seed`) through `store`, each under
/// its [`reference()`]; one already stored is left as it is.
///
/// # Errors
///
/// When the store fails or refuses a complaint.
pub async fn seed<S: ComplaintStore>(
    store: &S,
    seed: u64,
    records: &[ComplaintRecord],
) -> Result<Seeded, DemoError> {
    let mut seeded = Seeded::default();
    for (index, record) in (1..).zip(records) {
        let reference = reference(seed, index);
        let stored = store
            .complaint_by_reference(&reference)
            .await
            .map_err(|e| DemoError::Store(e.to_string()))?;
        if stored.is_some() {
            seeded.present += 1;
            continue;
        }
        store
            .create(record, Some(&reference))
            .await
            .map_err(|e| match e {
                AppendError::Conflict(conflict) => DemoError::Store(format!(
                    "complaint {reference} conflicts with a stored one: {conflict}"
                )),
                AppendError::Store(e) => DemoError::Store(e.to_string()),
            })?;
        seeded.stored += 1;
    }
    Ok(seeded)
}
