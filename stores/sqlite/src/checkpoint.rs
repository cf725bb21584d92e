//! A1: the signed checkpoints of the chain's heads, kept in their own
//! tables (`chain_checkpoints`, one row per checkpoint, and
//! `chain_checkpoint_heads`, one row per head), and the complaints changed
//! since their last checkpoint.

use complaint_workflow::ComplaintId;
use complaint_workflow::audit::Checkpoint;

use crate::sql;
use crate::{Error, SqliteStore};

impl SqliteStore {
    /// A1: keeps `checkpoint` (as the application signed it; the store has
    /// no key and checks no signature). Saving the same checkpoint again
    /// changes nothing.
    ///
    /// The proof is a copy kept where the database's writers cannot reach
    /// (`docs/audit.md`); this table is the convenient copy.
    ///
    /// # Errors
    ///
    /// [`Error::Database`], also when a head names a complaint that is not
    /// stored.
    pub async fn save_chain_checkpoint(&self, checkpoint: &Checkpoint) -> Result<(), Error> {
        let body = serde_json::to_string(checkpoint).map_err(Error::Encode)?;
        let signature = signature_hex(checkpoint)?;
        let mut write = self.write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO chain_checkpoints (at, key_id, signature, body)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (signature) DO NOTHING
             RETURNING id",
        )
        .bind(sql::micros(checkpoint.at()))
        .bind(checkpoint.key_id().as_str())
        .bind(&signature)
        .bind(&body)
        .fetch_optional(&mut *write.tx)
        .await?;
        if let Some(id) = id {
            for head in checkpoint.heads() {
                sqlx::query(
                    "INSERT INTO chain_checkpoint_heads (complaint_id, version, checkpoint)
                     VALUES (?1, ?2, ?3)",
                )
                .bind(head.complaint_id.to_string())
                .bind(sql::int("version", head.version)?)
                .bind(id)
                .execute(&mut *write.tx)
                .await?;
            }
        }
        write.commit().await
    }

    /// A1: the checkpoints that sign a head of `complaint`, by the version
    /// they signed, then by when they were saved.
    ///
    /// # Errors
    ///
    /// [`Error::Database`], [`Error::Corrupt`] for a stored checkpoint that
    /// does not read.
    pub async fn chain_checkpoints(
        &self,
        complaint: ComplaintId,
    ) -> Result<Vec<Checkpoint>, Error> {
        let bodies: Vec<String> = sqlx::query_scalar(
            "SELECT c.body FROM chain_checkpoint_heads h
             JOIN chain_checkpoints c ON c.id = h.checkpoint
             WHERE h.complaint_id = ?1
             ORDER BY h.version, c.id",
        )
        .bind(complaint.to_string())
        .fetch_all(self.pool())
        .await?;
        bodies.iter().map(|body| checkpoint(body)).collect()
    }

    /// A1: the checkpoint of the highest version of `complaint`'s history
    /// (the last saved of those), if any.
    ///
    /// # Errors
    ///
    /// As [`chain_checkpoints`](Self::chain_checkpoints).
    pub async fn latest_chain_checkpoint(
        &self,
        complaint: ComplaintId,
    ) -> Result<Option<Checkpoint>, Error> {
        let body: Option<String> = sqlx::query_scalar(
            "SELECT c.body FROM chain_checkpoint_heads h
             JOIN chain_checkpoints c ON c.id = h.checkpoint
             WHERE h.complaint_id = ?1
             ORDER BY h.version DESC, c.id DESC
             LIMIT 1",
        )
        .bind(complaint.to_string())
        .fetch_optional(self.pool())
        .await?;
        body.as_deref().map(checkpoint).transpose()
    }

    /// A1: up to `limit` complaints whose version is above the highest
    /// version any checkpoint signed of them (every complaint without a
    /// checkpoint), with their versions, by id, after `after`: what a
    /// checkpointing round signs next. One statement; each complaint's
    /// highest signed version is read from the heads' primary key.
    ///
    /// # Errors
    ///
    /// [`Error::Database`]; [`Error::Corrupt`] for a stored id or version
    /// that does not read.
    pub async fn changed_since_checkpoint(
        &self,
        after: Option<ComplaintId>,
        limit: usize,
    ) -> Result<Vec<(ComplaintId, u64)>, Error> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT c.id, c.version FROM complaints c
             WHERE c.id > ?1
               AND c.version > COALESCE(
                   (SELECT max(h.version) FROM chain_checkpoint_heads h
                    WHERE h.complaint_id = c.id), 0)
             ORDER BY c.id
             LIMIT ?2",
        )
        .bind(after.map(|id| id.to_string()).unwrap_or_default())
        .bind(sql::limit(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|(id, version)| Ok((sql::complaint_id(id)?, sql::uint("version", *version)?)))
            .collect()
    }
}

/// The checkpoint's signature as stored: its hexadecimal digits.
fn signature_hex(checkpoint: &Checkpoint) -> Result<String, Error> {
    let value = serde_json::to_value(checkpoint).map_err(Error::Encode)?;
    value
        .get("signature")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| Error::Corrupt {
            what: "checkpoint signature",
            value: value.to_string(),
        })
}

/// A stored checkpoint.
fn checkpoint(body: &str) -> Result<Checkpoint, Error> {
    serde_json::from_str(body).map_err(|error| Error::Corrupt {
        what: "checkpoint",
        value: format!("{error}: {}", body.chars().take(200).collect::<String>()),
    })
}
