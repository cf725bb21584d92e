//! The application's contact-details table and erasure.

use complaint_workflow::event::PersonalDataErased;
use complaint_workflow::store::{Applied, Complaints, StoreError};
use complaint_workflow::{ComplainantId, ComplaintId, Context, Event};
use sqlx::Row;
use uuid::Uuid;

use crate::error::Error;
use crate::store::PostgresStore;

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

impl PostgresStore {
    /// Stores (or replaces) a complainant's contact details.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn put_personal_data(&self, data: &PersonalData) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO personal_data (complainant_id, name, phone, email)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (complainant_id) DO UPDATE
             SET name = excluded.name, phone = excluded.phone, email = excluded.email",
        )
        .bind(data.complainant.as_str())
        .bind(&data.name)
        .bind(&data.phone)
        .bind(&data.email)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A complainant's contact details, if they are stored.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn personal_data(&self, id: &ComplainantId) -> Result<Option<PersonalData>, Error> {
        let row =
            sqlx::query("SELECT name, phone, email FROM personal_data WHERE complainant_id = $1")
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
        row.map(|row| {
            Ok(PersonalData {
                complainant: id.clone(),
                name: row.try_get("name")?,
                phone: row.try_get("phone")?,
                email: row.try_get("email")?,
            })
        })
        .transpose()
    }

    /// The complaints of one complainant, oldest first (complaint ids are
    /// UUID v7: their order is the order of acceptance).
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn complaints_of(&self, id: &ComplainantId) -> Result<Vec<ComplaintId>, Error> {
        let ids: Vec<Uuid> =
            sqlx::query_scalar("SELECT id FROM complaints WHERE complainant_id = $1 ORDER BY id")
                .bind(id.as_str())
                .fetch_all(&self.pool)
                .await?;
        Ok(ids.into_iter().map(ComplaintId::from).collect())
    }

    /// Erases a complainant's personal data: records [`PersonalDataErased`]
    /// on each of their complaints through the driver (`ctx.actor()` must be
    /// a supervisor), then deletes their row of contact details.
    ///
    /// The entries come first, so an erasure cut short leaves the contact
    /// details with the erasure recorded, never the other way round. With a
    /// command id on `ctx`, each complaint gets the command `"{command}/{id}"`
    /// (a command id belongs to one complaint), so running it again records
    /// nothing twice and finishes the deletion. Returns what was written to
    /// each complaint.
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
        let event = Event::PersonalDataErased(PersonalDataErased {
            reason: reason.to_owned(),
        });
        let mut written = Vec::new();
        for id in self
            .complaints_of(complainant)
            .await
            .map_err(StoreError::Store)?
        {
            let ctx = match ctx.command() {
                Some(command) => ctx.clone().with_command(format!("{command}/{id}")),
                None => ctx.clone(),
            };
            written.push(complaints.apply(id, event.clone(), &ctx).await?);
        }
        sqlx::query("DELETE FROM personal_data WHERE complainant_id = $1")
            .bind(complainant.as_str())
            .execute(&self.pool)
            .await
            .map_err(|error| StoreError::Store(error.into()))?;
        Ok(written)
    }
}
