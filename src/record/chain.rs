//! Joining entries to a history's hash chain (A1) one by one, the step
//! replay and [`verify_chain`](crate::audit::verify_chain) share: a sealed
//! entry verified against its seal and its link, an entry of schema 1 sealed
//! on upgrade (A3), a broken link named from the entries after it.

use std::borrow::Cow;

use crate::integrity::{ChainError, Digest, Seal, SealFault, SealScratch};
use crate::record::Entry;
use crate::record::redactions::Redactions;

/// Where a chain stands after its entries so far.
#[derive(Clone, Debug, Default)]
pub(crate) struct Links {
    /// The last entry's hash.
    pub(crate) head: Option<Digest>,
    /// The link the last entry made (its `previous`).
    head_previous: Option<Digest>,
    /// How many entries were checked.
    pub(crate) position: u64,
    /// Whether an entry so far was sealed when written (not on upgrade).
    sealed_when_written: bool,
    /// A2: what the entries so far say about redactions.
    redactions: Redactions,
    /// A3: how many entries so far were sealed on upgrade (read as schema 1).
    pub(crate) upgraded: u64,
    /// The buffers each seal's check reuses.
    scratch: SealScratch,
}

/// Why one entry does not join the chain.
pub(crate) enum Broken {
    /// Named from the entry alone.
    Chain(ChainError),
    /// Its link is not the hash of the entry before: what that means needs
    /// the entries after it ([`Links::classify`]).
    Link,
}

impl Links {
    /// Checks the next entry and joins it to the chain: a sealed entry
    /// against its seal and its link, an entry of schema 1 (no seal) sealed
    /// on upgrade (A3). Returns the seal an upgrade made.
    pub(crate) fn join(&mut self, entry: &Entry) -> Result<Option<Seal>, Broken> {
        let position = self.position + 1;
        let content = entry.content();
        let (seal, upgraded) = if let Some(seal) = entry.seal() {
            if seal.previous() != self.head {
                return Err(Broken::Link);
            }
            seal.verify(&content, &mut self.scratch)
                .map_err(|fault| Broken::Chain(chain_error(position, fault)))?;
            (Cow::Borrowed(seal), None)
        } else {
            if self.sealed_when_written {
                return Err(Broken::Chain(ChainError::Unsealed { sequence: position }));
            }
            let seal = Seal::upgrade(&content, self.head, entry.schema()).map_err(|error| {
                Broken::Chain(ChainError::Unencodable {
                    sequence: position,
                    reason: error.to_string(),
                })
            })?;
            (Cow::Owned(seal.clone()), Some(seal))
        };
        self.redactions
            .see(position, entry, &seal)
            .map_err(Broken::Chain)?;
        self.sealed_when_written |= seal.upgraded_from().is_none();
        self.upgraded += u64::from(upgraded.is_some());
        self.head_previous = seal.previous();
        self.head = Some(seal.hash());
        self.position = position;
        Ok(upgraded)
    }

    /// A2: after the last entry, every redacted text was named by a
    /// redaction entry.
    pub(crate) fn finish(&self) -> Result<(), ChainError> {
        self.redactions.finish()
    }

    /// What a broken link at the next entry means, given the entries after
    /// it: an inserted entry, a changed order or dropped entries.
    ///
    /// A link to an entry further on is a changed order, unless the failing
    /// entry is itself a copy of one further on (then it was inserted); two
    /// neighbours swapped link that way too, though the entry after the
    /// failing one links back to the chain's head, as the entry after an
    /// inserted one does.
    pub(crate) fn classify(&self, failing: &Entry, rest: &[Entry]) -> ChainError {
        let position = self.position + 1;
        let seal = failing.seal();
        let link = seal.and_then(Seal::previous);
        if position == 1 {
            return ChainError::Dropped { sequence: 1 };
        }
        if link.is_some() && link == self.head_previous {
            return ChainError::Inserted {
                sequence: position - 1,
            };
        }
        let mut later = rest.iter().filter_map(Entry::seal).map(Seal::hash);
        let links_later = link.is_some_and(|link| later.clone().any(|hash| hash == link));
        let copied = seal.is_some_and(|seal| later.any(|hash| hash == seal.hash()));
        if links_later && !copied {
            return ChainError::Reordered { sequence: position };
        }
        let next_link = rest.first().and_then(Entry::seal).and_then(Seal::previous);
        if next_link.is_some() && next_link == self.head {
            return ChainError::Inserted { sequence: position };
        }
        if links_later {
            return ChainError::Reordered { sequence: position };
        }
        ChainError::Dropped { sequence: position }
    }
}

/// The [`ChainError`] of a seal that does not verify at `position`.
fn chain_error(position: u64, fault: SealFault) -> ChainError {
    match fault {
        SealFault::Altered(part) => ChainError::Altered {
            sequence: position,
            part,
        },
        SealFault::Hash => ChainError::HashChanged { sequence: position },
        SealFault::Texts(path) => ChainError::TextsMismatch {
            sequence: position,
            path,
        },
        SealFault::Canonical(error) => ChainError::Unencodable {
            sequence: position,
            reason: error.to_string(),
        },
    }
}
