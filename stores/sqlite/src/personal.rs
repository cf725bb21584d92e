//! The application's contact details and their erasure.

use complaint_workflow::event::PersonalDataErased;
use complaint_workflow::store::{Applied, Complaints, StoreError};
use complaint_workflow::{ComplainantId, ComplaintId, Context};

use crate::sql;
use crate::{Error, SqliteStore};

/// A complainant's contact details: the application's own data, never in a
/// history (the history holds the complainant's id only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonalData {
    /// The complainant's id, the key the history refers to.
    pub complainant: ComplainantId,
    /// The name.
    pub name: String,
    /// A phone number, if given.
    pub phone: Option<String>,
    /// An e-mail address, if given.
    pub email: Option<String>,
}

impl SqliteStore {
    /// Stores (or replaces) a complainant's contact details.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn put_personal_data(&self, data: &PersonalData) -> Result<(), Error> {
        let mut write = self.write().await?;
        sqlx::query(
            "INSERT INTO personal_data (complainant_id, name, phone, email)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (complainant_id) DO UPDATE
             SET name = excluded.name, phone = excluded.phone, email = excluded.email",
        )
        .bind(data.complainant.as_str())
        .bind(&data.name)
        .bind(data.phone.as_deref())
        .bind(data.email.as_deref())
        .execute(&mut *write.tx)
        .await?;
        write.commit().await
    }

    /// A complainant's contact details, if they are stored.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn personal_data(&self, id: &ComplainantId) -> Result<Option<PersonalData>, Error> {
        let row: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT name, phone, email FROM personal_data WHERE complainant_id = ?1",
        )
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(name, phone, email)| PersonalData {
            complainant: id.clone(),
            name,
            phone,
            email,
        }))
    }

    /// The complaints of one complainant, oldest first (complaint ids are
    /// UUID v7: their order is the order of acceptance).
    ///
    /// # Errors
    ///
    /// [`Error::Database`], [`Error::Corrupt`].
    pub async fn complaints_of(
        &self,
        complainant: &ComplainantId,
    ) -> Result<Vec<ComplaintId>, Error> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT id FROM complaints WHERE complainant_id = ?1 ORDER BY id")
                .bind(complainant.as_str())
                .fetch_all(self.pool())
                .await?;
        ids.iter().map(|id| sql::complaint_id(id)).collect()
    }

    /// Erases a complainant's personal data: records [`PersonalDataErased`]
    /// on each of their complaints through the driver (`ctx.actor()` must be
    /// a supervisor), then deletes their row of contact details. Returns what
    /// was written to each complaint.
    ///
    /// The entries come first, so an erasure cut short leaves the contact
    /// details with the erasure recorded, never the other way round; running
    /// it again with the same command id on `ctx` records nothing twice
    /// (each complaint gets the command `{command}/{complaint id}`) and
    /// finishes the deletion.
    ///
    /// # Errors
    ///
    /// As [`Complaints::apply`]; the contact details are kept when a
    /// complaint refuses the erasure.
    pub async fn erase_personal_data(
        &self,
        complainant: &ComplainantId,
        reason: &str,
        ctx: &Context<'_>,
    ) -> Result<Vec<Applied>, StoreError<Error>> {
        let complaints = Complaints::new(self.clone());
        let mut written = Vec::new();
        for id in self
            .complaints_of(complainant)
            .await
            .map_err(StoreError::Store)?
        {
            // One command per complaint: a command id belongs to one complaint.
            let ctx = match ctx.command() {
                Some(command) => ctx.clone().with_command(format!("{command}/{id}")),
                None => ctx.clone(),
            };
            let erased = PersonalDataErased {
                reason: reason.to_owned(),
            };
            written.push(complaints.apply(id, erased, &ctx).await?);
        }
        let mut write = self.write().await.map_err(StoreError::Store)?;
        sqlx::query("DELETE FROM personal_data WHERE complainant_id = ?1")
            .bind(complainant.as_str())
            .execute(&mut *write.tx)
            .await
            .map_err(|error| StoreError::Store(error.into()))?;
        write.commit().await.map_err(StoreError::Store)?;
        Ok(written)
    }
}
