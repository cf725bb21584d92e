//! [`verify_chain`]: a stored history's hash chain checked without building
//! the complaint's state (A1).

use crate::integrity::{ChainError, ChainHead};
use crate::record::Entry;
use crate::record::chain::{Broken, Links};
use crate::values::ComplaintId;

/// A1: verifies a stored history's hash chain without building the
/// complaint's state: every entry's parts against its seal, every link to
/// the entry before, entries of schema 1 sealed as an upgrade would (A3).
/// Returns the chain's head.
///
/// The lifecycle rules are [`ComplaintRecord::replay`](crate::ComplaintRecord::replay)'s;
/// replay verifies the chain too.
///
/// # Errors
///
/// The [`ChainError`] of the first entry that does not verify, naming the
/// kind of tampering; [`ChainError::Dropped`] for an empty history.
///
/// # Example
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// # use complaint_workflow::*;
/// # use complaint_workflow::event::{Accept, AddNote};
/// use complaint_workflow::audit::{ChainError, verify_chain};
///
/// # let policy = Policy::default();
/// # let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
/// # let ctx = Context::new(Actor::agent("agent-7"), now, &policy);
/// # let accept = Accept {
/// #     complainant: Complainant::member("customer-42"),
/// #     received_at: now,
/// #     channel: Channel::Phone,
/// #     content: "The parcel never arrived".into(),
/// #     category: Category::new("delivery"),
/// #     severity: Severity::Low,
/// # };
/// let mut record = ComplaintRecord::accept(accept, &ctx)?;
/// record.apply(AddNote { text: "Called the courier".into() }, &ctx)?;
/// record.apply(AddNote { text: "The courier found it".into() }, &ctx)?;
///
/// let head = verify_chain(record.id(), record.entries())?;
/// assert_eq!(head.hash, record.head_hash());
///
/// // Drop the second entry: the third links to an entry not there.
/// let mut entries = record.entries().to_vec();
/// entries.remove(1);
/// assert_eq!(
///     verify_chain(record.id(), &entries),
///     Err(ChainError::Dropped { sequence: 2 })
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_chain<'e>(
    complaint: ComplaintId,
    entries: impl IntoIterator<Item = &'e Entry>,
) -> Result<ChainHead, ChainError> {
    let mut entries = entries.into_iter();
    let mut links = Links::default();
    while let Some(entry) = entries.next() {
        if links.position == 0 && entry.complaint_id() != complaint {
            return Err(ChainError::ForeignHistory {
                expected: complaint,
                found: entry.complaint_id(),
            });
        }
        match links.join(entry) {
            Ok(_) => {}
            Err(Broken::Chain(error)) => return Err(error),
            Err(Broken::Link) => {
                let rest: Vec<Entry> = entries.cloned().collect();
                return Err(links.classify(entry, &rest));
            }
        }
    }
    links.finish()?;
    match links.head {
        Some(hash) => Ok(ChainHead {
            complaint_id: complaint,
            version: links.position,
            hash,
        }),
        None => Err(ChainError::Dropped { sequence: 1 }),
    }
}
