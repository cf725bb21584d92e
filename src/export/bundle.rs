//! [`ExportBundle`]: one complaint's file for a regulator (A5): the history
//! as stored, what verifying it gave, and, when the caller has one, its
//! check against a signed checkpoint.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::ExportError;
use super::redactions::{Redaction, redactions};
use super::verification::{CheckpointCheck, Verification};
use super::{html, text};
use crate::audit::{Checkpoint, Keyring, verify_against, verify_chain};
use crate::integrity::canonical_text;
use crate::record::{ComplaintRecord, Entry, ReplayError};
use crate::time::Zone;
use crate::values::ComplaintId;

/// The name and version of the bundle's JSON form.
pub(super) const FORMAT: &str = "complaint-workflow.export.v1";

/// A5: one complaint's file for a regulator, made from its stored history
/// alone: the entries exactly as the crate serializes them, the outcome of
/// [`verify_chain`] (the head, or the typed error naming the entry), and,
/// with [`with_checkpoint`](Self::with_checkpoint), the check against a
/// signed checkpoint.
///
/// Its renderings are pure functions of the bundle: [`to_text`](Self::to_text)
/// and [`to_html`](Self::to_html) (one self-contained page with the history's
/// JSON inside it) show the timeline, the deadlines and their breaches, the
/// follow-up and the redacted texts; [`to_json`](Self::to_json) is the bundle
/// as one JSON document. A history that does not verify is exported all
/// the same, saying so: what was stored is what the regulator asked for.
///
/// The time the export was made is passed in (the crate reads no clock);
/// the deadlines are judged as of it. Times are shown in UTC and in the
/// zone given (the organization's: `policy.calendar().zone()`).
///
/// Reading a bundle back (serde) checks that its verification is what its
/// history gives: a bundle cannot claim a chain its entries do not have.
/// The checkpoint's result is read as written (checking it again needs
/// the public key: [`verify_against`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredBundle", into = "StoredBundle")]
pub struct ExportBundle {
    complaint_id: ComplaintId,
    made_at: DateTime<Utc>,
    zone: Zone,
    history: Vec<Entry>,
    history_json: String,
    verification: Verification,
    checkpoint: Option<CheckpointCheck>,
}

impl ExportBundle {
    /// A5: the export of complaint `complaint_id`'s stored `history`, made
    /// at `made_at`, its times shown in UTC and in `zone`. The history's
    /// chain is verified here; a history that does not verify gives a
    /// bundle whose [`verification`](Self::verification) is the error.
    ///
    /// # Errors
    ///
    /// [`ExportError::Unencodable`] when an entry has no JSON text (a
    /// floating-point number, which no entry of the crate holds).
    pub fn new(
        complaint_id: ComplaintId,
        history: Vec<Entry>,
        made_at: DateTime<Utc>,
        zone: Zone,
    ) -> Result<Self, ExportError> {
        let history_json = canonical_text(&history).map_err(ExportError::unencodable)?;
        let verification = verify_chain(complaint_id, &history).into();
        Ok(Self {
            complaint_id,
            made_at,
            zone,
            history,
            history_json,
            verification,
            checkpoint: None,
        })
    }

    /// A1, A5: the bundle with the history checked against `checkpoint`,
    /// with the key `keyring` holds for the checkpoint's key id
    /// ([`CheckpointError::UnknownKey`](crate::audit::CheckpointError::UnknownKey) as the result when it holds none).
    #[must_use]
    pub fn with_checkpoint(mut self, checkpoint: Checkpoint, keyring: &Keyring) -> Self {
        let result = keyring
            .key(checkpoint.key_id())
            .and_then(|key| verify_against(&self.history, &checkpoint, key));
        self.checkpoint = Some(CheckpointCheck {
            checkpoint,
            result: result.into(),
        });
        self
    }

    /// The complaint exported.
    #[must_use]
    pub fn complaint_id(&self) -> ComplaintId {
        self.complaint_id
    }

    /// When the export was made: the time the deadlines are judged at.
    #[must_use]
    pub fn made_at(&self) -> DateTime<Utc> {
        self.made_at
    }

    /// The zone times are shown in beside UTC.
    #[must_use]
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The stored history, entry by entry.
    #[must_use]
    pub fn history(&self) -> &[Entry] {
        &self.history
    }

    /// The stored history as JSON: an array of the entries as the crate
    /// serializes them (keys sorted, no whitespace), which
    /// `tools/verify_history.py` reads.
    #[must_use]
    pub fn history_json(&self) -> &str {
        &self.history_json
    }

    /// A1: what verifying the history's hash chain gave.
    #[must_use]
    pub fn verification(&self) -> &Verification {
        &self.verification
    }

    /// A1: the checkpoint and the history's check against it, if one was given.
    #[must_use]
    pub fn checkpoint(&self) -> Option<&CheckpointCheck> {
        self.checkpoint.as_ref()
    }

    /// The complaint rebuilt from the history (deadlines, follow-up).
    ///
    /// # Errors
    ///
    /// The [`ReplayError`] of a history that does not replay, a broken
    /// chain among them.
    pub fn record(&self) -> Result<ComplaintRecord, ReplayError> {
        ComplaintRecord::replay(self.history.iter().cloned())
    }

    /// A2: the personal texts of the history that were redacted.
    #[must_use]
    pub fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.history)
    }

    /// A5: the bundle as plain text: the verification, the timeline, the
    /// deadlines and breaches, the follow-up, the redactions.
    #[must_use]
    pub fn to_text(&self) -> String {
        text::render(&super::view::complaint(self))
    }

    /// A5: the bundle as one self-contained HTML document (no external
    /// resources, every text escaped) with what [`to_text`](Self::to_text)
    /// shows, and the history's JSON ([`history_json`](Self::history_json))
    /// in a `<script type="application/json" id="history">` element, for a
    /// program to take out.
    #[must_use]
    pub fn to_html(&self) -> String {
        html::render(
            &super::view::complaint(self),
            &[("history", self.history_json.as_str())],
        )
    }

    /// A5: the bundle as one JSON document (keys sorted, no whitespace):
    /// `{"format":"complaint-workflow.export.v1","complaint_id":…,"made_at":…,"zone":…,"history":[…],"verification":{…},"checkpoint":{…}}`
    /// (`checkpoint` left out when none was given). Serde reads it back.
    ///
    /// # Errors
    ///
    /// [`ExportError::Unencodable`], which a bundle of the crate's entries
    /// never gives.
    pub fn to_json(&self) -> Result<String, ExportError> {
        canonical_text(self).map_err(ExportError::unencodable)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StoredBundle {
    format: String,
    complaint_id: ComplaintId,
    made_at: DateTime<Utc>,
    zone: Zone,
    history: Vec<Entry>,
    verification: Verification,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    checkpoint: Option<CheckpointCheck>,
}

impl TryFrom<StoredBundle> for ExportBundle {
    type Error = ExportError;

    fn try_from(stored: StoredBundle) -> Result<Self, ExportError> {
        if stored.format != FORMAT {
            return Err(ExportError::UnknownFormat {
                expected: FORMAT,
                found: stored.format.chars().take(80).collect(),
            });
        }
        let bundle = ExportBundle::new(
            stored.complaint_id,
            stored.history,
            stored.made_at,
            stored.zone,
        )?;
        if bundle.verification != stored.verification {
            return Err(ExportError::VerificationMismatch {
                complaint: stored.complaint_id,
            });
        }
        Ok(ExportBundle {
            checkpoint: stored.checkpoint,
            ..bundle
        })
    }
}

impl From<ExportBundle> for StoredBundle {
    fn from(bundle: ExportBundle) -> Self {
        StoredBundle {
            format: FORMAT.to_owned(),
            complaint_id: bundle.complaint_id,
            made_at: bundle.made_at,
            zone: bundle.zone,
            history: bundle.history,
            verification: bundle.verification,
            checkpoint: bundle.checkpoint,
        }
    }
}
