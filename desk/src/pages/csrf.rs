//! CSRF tokens of the pages' forms: every form carries one in the hidden
//! field `csrf`, and every POST of a page is refused with a 403 (nothing
//! done) when it is missing or wrong.
//!
//! - **Signed in**, the token is derived from the session id:
//!   SHA-256 of `complaint-desk csrf` and the id. Another site cannot read
//!   the id (an `HttpOnly` cookie) and so cannot compute the token; the
//!   database holds only the SHA-256 of the id, from which the token cannot
//!   be computed either. A new session at sign-in is a new token.
//! - **Before sign-in** (the sign-in form), there is no session: the token
//!   is a random value in the `desk_csrf` cookie (`HttpOnly`,
//!   `SameSite=Strict`) that the form repeats (double submit); another site
//!   can neither read nor set that cookie.
//!
//! The JSON API does not take these tokens: its requests carry a bearer
//! token (which a browser never adds by itself), or a session cookie that is
//! `SameSite=Strict` on a body that must be `application/json`, which a
//! cross-site form cannot send.

use sha2::{Digest, Sha256};

/// The hidden field of every form.
pub const FIELD: &str = "csrf";

/// The cookie of the token before sign-in.
pub const PRE_SESSION_COOKIE: &str = "desk_csrf";

/// The token of the session whose id (the cookie's value) is `session_id`.
pub fn for_session(session_id: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"complaint-desk csrf\0");
    hasher.update(session_id.as_bytes());
    hasher
        .finalize()
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Whether the posted token `given` is `expected`, compared in time that
/// does not depend on where they differ.
pub fn matches(expected: &str, given: Option<&str>) -> bool {
    let Some(given) = given else {
        return false;
    };
    if expected.is_empty() || expected.len() != given.len() {
        return false;
    }
    expected
        .bytes()
        .zip(given.bytes())
        .fold(0u8, |diff, (a, b)| diff | (a ^ b))
        == 0
}

/// The token a form posted.
pub fn posted(pairs: &[(String, String)]) -> Option<&str> {
    pairs
        .iter()
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_per_session_and_match_only_themselves() {
        let a = for_session("aaaa");
        let b = for_session("bbbb");
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert!(matches(&a, Some(&a)));
        assert!(!matches(&a, Some(&b)));
        assert!(!matches(&a, None));
        assert!(!matches("", Some("")));
        assert!(!matches(&a, Some("short")));
    }
}
