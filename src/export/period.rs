//! [`PeriodExport`]: the exports of every complaint received in a period
//! (A5, S3), from the histories the caller passes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::bundle::ExportBundle;
use super::error::ExportError;
use super::{html, text, view};
use crate::audit::{ChainHead, Checkpoint, Keyring};
use crate::integrity::canonical_text;
use crate::lifecycle::Event;
use crate::record::Entry;
use crate::report::Period;
use crate::time::Zone;
use crate::values::ComplaintId;

/// The name and version of a period export's JSON form.
const FORMAT: &str = "complaint-workflow.period-export.v1";

/// A5: one [`ExportBundle`] per complaint received in a period, by receipt
/// time, then complaint id.
///
/// A complaint's receipt is its acceptance's `received_at`. A history
/// without an acceptance entry (empty, or tampered with) is kept: its
/// receipt cannot be read, and leaving it out would hide it; its bundle's
/// verification says what is wrong.
///
/// As serde data:
/// `{"format":"complaint-workflow.period-export.v1","period":{…},"made_at":…,"complaints":[…]}`,
/// each complaint a bundle's JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredPeriodExport", into = "StoredPeriodExport")]
pub struct PeriodExport {
    period: Period,
    made_at: DateTime<Utc>,
    complaints: Vec<ExportBundle>,
}

impl PeriodExport {
    /// A5: the exports of the complaints of `histories` (each complaint's
    /// id and stored history) received in `period`, made at `made_at`, times
    /// shown in UTC and in `zone`.
    ///
    /// # Errors
    ///
    /// [`ExportError::Unencodable`], which the crate's entries never give.
    pub fn new(
        period: Period,
        histories: impl IntoIterator<Item = (ComplaintId, Vec<Entry>)>,
        made_at: DateTime<Utc>,
        zone: Zone,
    ) -> Result<Self, ExportError> {
        let mut complaints = Vec::new();
        for (id, history) in histories {
            let receipt = received_at(&history);
            if receipt.is_some_and(|at| !period.contains(at)) {
                continue;
            }
            complaints.push((receipt, ExportBundle::new(id, history, made_at, zone)?));
        }
        complaints.sort_by_key(|(receipt, bundle)| (*receipt, bundle.complaint_id()));
        Ok(Self {
            period,
            made_at,
            complaints: complaints.into_iter().map(|(_, bundle)| bundle).collect(),
        })
    }

    /// A1, A5: every complaint's history checked against `checkpoint` (a
    /// period's checkpoint signs one head per complaint; a complaint it
    /// does not cover gets [`CheckpointError::NotCovered`](crate::audit::CheckpointError::NotCovered)).
    #[must_use]
    pub fn with_checkpoint(self, checkpoint: &Checkpoint, keyring: &Keyring) -> Self {
        Self {
            complaints: self
                .complaints
                .into_iter()
                .map(|bundle| bundle.with_checkpoint(checkpoint.clone(), keyring))
                .collect(),
            ..self
        }
    }

    /// The period.
    #[must_use]
    pub fn period(&self) -> Period {
        self.period
    }

    /// When the export was made.
    #[must_use]
    pub fn made_at(&self) -> DateTime<Utc> {
        self.made_at
    }

    /// One bundle per complaint, by receipt.
    #[must_use]
    pub fn complaints(&self) -> &[ExportBundle] {
        &self.complaints
    }

    /// A1: the heads of the histories that verify, for a period's checkpoint.
    #[must_use]
    pub fn heads(&self) -> Vec<ChainHead> {
        self.complaints
            .iter()
            .filter_map(|bundle| bundle.verification().head().copied())
            .collect()
    }

    /// A5: the period's export as plain text: how many complaints, how many
    /// verify, then each complaint's text.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut out = text_view(self);
        for bundle in &self.complaints {
            text::sections(&mut out, &view::complaint_sections(bundle));
        }
        out
    }

    /// A5: the period's export as one self-contained HTML document, each
    /// complaint a section, the period's JSON ([`to_json`](Self::to_json))
    /// in a `<script type="application/json" id="export">` element.
    ///
    /// # Errors
    ///
    /// [`ExportError::Unencodable`], which the crate's entries never give.
    pub fn to_html(&self) -> Result<String, ExportError> {
        let json = self.to_json()?;
        let summary = view::View {
            title: title(self),
            sections: self
                .complaints
                .iter()
                .flat_map(view::complaint_sections)
                .collect(),
        };
        Ok(html::render(&summary, &[("export", json.as_str())]))
    }

    /// A5: the period's export as one JSON document (keys sorted, no
    /// whitespace). Serde reads it back.
    ///
    /// # Errors
    ///
    /// [`ExportError::Unencodable`], which the crate's entries never give.
    pub fn to_json(&self) -> Result<String, ExportError> {
        canonical_text(self).map_err(ExportError::unencodable)
    }
}

fn title(export: &PeriodExport) -> String {
    format!(
        "Complaints received from {} to {}: the regulator's export",
        view::utc(export.period.start()),
        view::utc(export.period.end())
    )
}

fn text_view(export: &PeriodExport) -> String {
    let verified = export
        .complaints
        .iter()
        .filter(|bundle| bundle.verification().is_verified())
        .count();
    let title = title(export);
    format!(
        "{title}\n{}\n{} complaints, {verified} of them verify; exported at {}.\n",
        "=".repeat(title.chars().count()),
        export.complaints.len(),
        view::utc(export.made_at)
    )
}

/// The receipt of a history: its first acceptance's `received_at`.
fn received_at(history: &[Entry]) -> Option<DateTime<Utc>> {
    history.iter().find_map(|entry| {
        if let Event::Accept(accept) = entry.event() {
            Some(accept.received_at)
        } else {
            None
        }
    })
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredPeriodExport {
    format: String,
    period: Period,
    made_at: DateTime<Utc>,
    complaints: Vec<ExportBundle>,
}

impl TryFrom<StoredPeriodExport> for PeriodExport {
    type Error = ExportError;

    fn try_from(stored: StoredPeriodExport) -> Result<Self, ExportError> {
        if stored.format != FORMAT {
            return Err(ExportError::UnknownFormat {
                expected: FORMAT,
                found: stored.format.chars().take(80).collect(),
            });
        }
        Ok(Self {
            period: stored.period,
            made_at: stored.made_at,
            complaints: stored.complaints,
        })
    }
}

impl From<PeriodExport> for StoredPeriodExport {
    fn from(export: PeriodExport) -> Self {
        Self {
            format: FORMAT.to_owned(),
            period: export.period,
            made_at: export.made_at,
            complaints: export.complaints,
        }
    }
}
