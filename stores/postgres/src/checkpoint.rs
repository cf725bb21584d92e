//! A1: the signed checkpoints of the chain's heads, kept in their own
//! tables (`chain_checkpoints`, one row per checkpoint, and
//! `chain_checkpoint_heads`, one row per head), and the complaints changed
//! since their last checkpoint.

use complaint_workflow::ComplaintId;
use complaint_workflow::audit::Checkpoint;
use uuid::Uuid;

use crate::sql::sql_int;
use crate::{Error, PostgresStore};

impl PostgresStore {
    /// A1: keeps `checkpoint` (as the application signed it; the store has
    /// no key and checks no signature), in one transaction. Saving the same
    /// checkpoint again changes nothing.
    ///
    /// The proof is a copy kept where the database's writers cannot reach
    /// (`docs/audit.md`); this table is the convenient copy.
    ///
    /// # Errors
    ///
    /// [`Error::Database`], also when a head names a complaint that is not
    /// stored; [`Error::Json`] (never for the crate's checkpoints).
    pub async fn save_chain_checkpoint(&self, checkpoint: &Checkpoint) -> Result<(), Error> {
        let body = serde_json::to_value(checkpoint)?;
        let signature = body
            .get("signature")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| Error::Corrupt {
                what: "checkpoint signature",
                value: body.to_string(),
            })?;
        let mut tx = self.pool().begin().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO chain_checkpoints (at, key_id, signature, body)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (signature) DO NOTHING
             RETURNING id",
        )
        .bind(checkpoint.at())
        .bind(checkpoint.key_id().as_str())
        .bind(&signature)
        .bind(sqlx::types::Json(&body))
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = id {
            let complaints: Vec<Uuid> = checkpoint
                .heads()
                .iter()
                .map(|head| Uuid::from(head.complaint_id))
                .collect();
            let versions: Vec<i64> = checkpoint
                .heads()
                .iter()
                .map(|head| sql_int(head.version))
                .collect();
            sqlx::query(
                "INSERT INTO chain_checkpoint_heads (complaint_id, version, checkpoint)
                 SELECT complaint_id, version, $3
                 FROM unnest($1::uuid[], $2::bigint[]) AS h (complaint_id, version)",
            )
            .bind(&complaints)
            .bind(&versions)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
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
            "SELECT c.body::text FROM chain_checkpoint_heads h
             JOIN chain_checkpoints c ON c.id = h.checkpoint
             WHERE h.complaint_id = $1
             ORDER BY h.version, c.id",
        )
        .bind(Uuid::from(complaint))
        .fetch_all(self.pool())
        .await?;
        bodies.iter().map(|body| decode(body)).collect()
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
            "SELECT c.body::text FROM chain_checkpoint_heads h
             JOIN chain_checkpoints c ON c.id = h.checkpoint
             WHERE h.complaint_id = $1
             ORDER BY h.version DESC, c.id DESC
             LIMIT 1",
        )
        .bind(Uuid::from(complaint))
        .fetch_optional(self.pool())
        .await?;
        body.as_deref().map(decode).transpose()
    }

    /// A1: up to `limit` complaints whose version is above the highest
    /// version any checkpoint signed of them (every complaint without a
    /// checkpoint), with their versions, by id, after `after`: what a
    /// checkpointing round signs next. One statement; each complaint's
    /// highest signed version is read from the heads' primary key.
    ///
    /// # Errors
    ///
    /// [`Error::Database`]; [`Error::Corrupt`] for a stored version below 1.
    pub async fn changed_since_checkpoint(
        &self,
        after: Option<ComplaintId>,
        limit: usize,
    ) -> Result<Vec<(ComplaintId, u64)>, Error> {
        let rows: Vec<(Uuid, i64)> = sqlx::query_as(
            "SELECT c.id, c.version FROM complaints c
             WHERE ($1::uuid IS NULL OR c.id > $1)
               AND c.version > COALESCE(
                   (SELECT max(h.version) FROM chain_checkpoint_heads h
                    WHERE h.complaint_id = c.id), 0)
             ORDER BY c.id
             LIMIT $2",
        )
        .bind(after.map(Uuid::from))
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(id, version)| {
                let version = u64::try_from(version).map_err(|_| Error::Corrupt {
                    what: "complaint version",
                    value: version.to_string(),
                })?;
                Ok((ComplaintId::from(id), version))
            })
            .collect()
    }
}

/// A stored checkpoint.
fn decode(body: &str) -> Result<Checkpoint, Error> {
    serde_json::from_str(body).map_err(|error| Error::Corrupt {
        what: "checkpoint",
        value: format!("{error}: {}", body.chars().take(200).collect::<String>()),
    })
}
