//! argon2id password hashes (PHC strings, each with its own salt and cost).

use argon2::password_hash::{self, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::configuration::PasswordCost;

/// Hashes `password` with argon2id at `cost` and a fresh random salt.
///
/// # Errors
///
/// When the cost is out of argon2's range or the system has no randomness.
pub fn hash(password: &str, cost: PasswordCost) -> Result<String, password_hash::Error> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| password_hash::Error::Crypto)?;
    let salt = SaltString::encode_b64(&salt)?;
    let hasher = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    Ok(hasher
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches the stored PHC string `stored` (a damaged
/// stored hash matches nothing).
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash of no one's password, checked when the user is unknown so that a
/// wrong name takes as long as a wrong password.
pub fn decoy(cost: PasswordCost) -> String {
    hash("not a password of anyone", cost).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_and_verifies_only_its_password() {
        let stored = hash("correct horse", PasswordCost::TESTING).unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse", &stored));
        assert!(!verify("correct hose", &stored));
        assert!(!verify("correct horse", "garbage"));
    }
}
