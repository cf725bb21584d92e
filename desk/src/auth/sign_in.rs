//! Signing in, the same for the API and the pages: the rate limit, the
//! password check (a wrong name costs the same hash check as a wrong
//! password), and a new session (the one the request came with is ended).

use std::net::IpAddr;
use std::time::Duration;

use super::users::{self, User};
use super::{digest, password, sessions};
use crate::startup::{AppState, DeskStore};

/// Why a sign-in was refused.
#[derive(Debug)]
pub enum Refusal {
    /// Too many failed attempts for the account or the address; try again after this.
    TooManyAttempts(Duration),
    /// The name or the password is wrong (the same answer for both).
    InvalidCredentials,
    /// The database or the system failed.
    Internal(String),
}

/// Checks `name` and `password` from `address`; on success ends the
/// session `old_session` (the id in the request's cookie, if any) and starts
/// a new one: the user and the new session id.
///
/// # Errors
///
/// [`Refusal`]: past the rate limit (even with the right password), wrong
/// credentials, or a failure of the database.
pub async fn attempt<S: DeskStore>(
    state: &AppState<S>,
    name: &str,
    password: &str,
    address: IpAddr,
    old_session: Option<&str>,
) -> Result<(User, String), Refusal> {
    let account_key = format!("account:{name}");
    let keys = [account_key.clone(), format!("address:{address}")];
    state
        .sign_in_limiter
        .check(&keys)
        .map_err(Refusal::TooManyAttempts)?;
    let user = users::by_name(&state.pool, name)
        .await
        .map_err(|e| Refusal::Internal(e.to_string()))?;
    let stored = user
        .as_ref()
        .map_or(&*state.decoy_hash, |u| u.password_hash.as_str());
    let valid = password::verify(password, stored);
    let Some(user) = user.filter(|_| valid) else {
        state.sign_in_limiter.fail(&keys);
        tracing::info!("sign-in refused");
        return Err(Refusal::InvalidCredentials);
    };
    state.sign_in_limiter.clear(&account_key);
    if let Some(old) = old_session {
        sessions::end(&state.pool, &digest(old))
            .await
            .map_err(|e| Refusal::Internal(e.to_string()))?;
    }
    let id = sessions::start(&state.pool, user.id, state.settings.session_ttl)
        .await
        .map_err(|e| Refusal::Internal(e.to_string()))?;
    Ok((user, id))
}
