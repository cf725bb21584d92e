//! The desk's users: a unique name, a role and an argon2id hash.

use chrono::Utc;
use complaint_workflow::Role;
use sqlx::Row;

use super::{parse_role, password, unix};
use crate::configuration::PasswordCost;
use crate::database::{Database, on_pool};

/// A stored user, with the password hash.
#[derive(Clone, Debug)]
pub struct User {
    /// The row id.
    pub id: i64,
    /// The unique name.
    pub name: String,
    /// The role.
    pub role: Role,
    /// The argon2id PHC string.
    pub password_hash: String,
}

/// Why a user was not added.
#[derive(Debug)]
pub enum AddUserError {
    /// The name is empty, too long or has characters other than letters,
    /// digits, `.`, `-` and `_`.
    InvalidName,
    /// The password is shorter than [`MIN_PASSWORD_CHARS`].
    PasswordTooShort,
    /// A user of that name exists.
    NameTaken,
    /// Hashing failed.
    Hash(argon2::password_hash::Error),
    /// The database failed.
    Database(sqlx::Error),
}

impl std::fmt::Display for AddUserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::InvalidName => {
                f.write_str("a user name is 1 to 64 letters, digits, `.`, `-` or `_`")
            }
            Self::PasswordTooShort => {
                write!(f, "a password has at least {MIN_PASSWORD_CHARS} characters")
            }
            Self::NameTaken => f.write_str("a user of that name exists"),
            Self::Hash(e) => write!(f, "the password could not be hashed: {e}"),
            Self::Database(e) => write!(f, "the database failed: {e}"),
        }
    }
}

impl std::error::Error for AddUserError {}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Adds a user.
///
/// # Errors
///
/// [`AddUserError`].
pub async fn add(
    database: impl Into<Database>,
    name: &str,
    role: Role,
    password: &str,
    cost: PasswordCost,
) -> Result<i64, AddUserError> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !valid {
        return Err(AddUserError::InvalidName);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AddUserError::PasswordTooShort);
    }
    let hash = password::hash(password, cost).map_err(AddUserError::Hash)?;
    let database = database.into();
    let result: Result<i64, sqlx::Error> = on_pool!(&database, |pool| {
        sqlx::query_scalar(
            "INSERT INTO desk_users (name, role, password_hash, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(name)
        .bind(role.name())
        .bind(&hash)
        .bind(unix(Utc::now()))
        .fetch_one(pool)
        .await
    });
    match result {
        Ok(id) => Ok(id),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(AddUserError::NameTaken),
        Err(e) => Err(AddUserError::Database(e)),
    }
}

/// The user named `name`, if any.
///
/// # Errors
///
/// When the database fails.
pub async fn by_name(
    database: impl Into<Database>,
    name: &str,
) -> Result<Option<User>, sqlx::Error> {
    let database = database.into();
    on_pool!(&database, |pool| {
        let row =
            sqlx::query("SELECT id, name, role, password_hash FROM desk_users WHERE name = $1")
                .bind(name)
                .fetch_optional(pool)
                .await?;
        Ok(row.and_then(|row| {
            Some(User {
                id: row.get("id"),
                name: row.get("name"),
                role: parse_role(row.get("role"))?,
                password_hash: row.get("password_hash"),
            })
        }))
    })
}
