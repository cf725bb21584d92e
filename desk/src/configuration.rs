//! [`Settings`]: where the desk listens, which database it opens, and the
//! security knobs (cookie `Secure`, sign-in rate limit, password cost).

use std::net::SocketAddr;
use std::time::Duration;

/// The desk's settings. [`Settings::default`] is a local desk on
/// `127.0.0.1:8080` with `complaint-desk.sqlite` in the working directory.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The SQLite file (a path, or a `sqlite:` URL).
    pub database: String,
    /// Where the server listens.
    pub listen: SocketAddr,
    /// Mark the session cookie `Secure`: on whenever browsers reach the desk
    /// over TLS, directly or through a TLS-terminating proxy.
    pub secure_cookies: bool,
    /// The largest request body accepted, in bytes (a larger one is a 413).
    pub body_limit: usize,
    /// How long a session lasts after sign-in.
    pub session_ttl: Duration,
    /// The sign-in rate limit: at most this many failed attempts per
    /// account and per address within [`sign_in_window`](Self::sign_in_window).
    pub sign_in_max_failures: usize,
    /// The window of the sign-in rate limit.
    pub sign_in_window: Duration,
    /// The argon2id cost of new password hashes.
    pub password_cost: PasswordCost,
}

/// The argon2id parameters of new password hashes (a stored hash carries
/// its own, so changing them never locks anyone out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PasswordCost {
    /// Memory, in KiB.
    pub memory_kib: u32,
    /// Passes.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl PasswordCost {
    /// The OWASP recommendation for argon2id: 19 MiB, 2 passes, 1 lane.
    pub const RECOMMENDED: Self = Self {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };

    /// The cheapest argon2id parameters, for tests only.
    pub const TESTING: Self = Self {
        memory_kib: 8,
        iterations: 1,
        parallelism: 1,
    };
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database: "complaint-desk.sqlite".to_owned(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            body_limit: 64 * 1024,
            session_ttl: Duration::from_secs(12 * 60 * 60),
            sign_in_max_failures: 5,
            sign_in_window: Duration::from_secs(15 * 60),
            password_cost: PasswordCost::RECOMMENDED,
        }
    }
}

impl Settings {
    /// The defaults with the environment applied: `DATABASE_URL` (a SQLite
    /// path or `sqlite:` URL), `DESK_LISTEN`, `DESK_SECURE_COOKIES=1`.
    ///
    /// # Errors
    ///
    /// A message naming the variable whose value does not parse.
    pub fn from_env() -> Result<Self, String> {
        let mut settings = Self::default();
        if let Ok(url) = std::env::var("DATABASE_URL") {
            settings.database = url;
        }
        if let Ok(listen) = std::env::var("DESK_LISTEN") {
            settings.listen = listen
                .parse()
                .map_err(|e| format!("DESK_LISTEN `{listen}`: {e}"))?;
        }
        if let Ok(secure) = std::env::var("DESK_SECURE_COOKIES") {
            settings.secure_cookies = matches!(secure.as_str(), "1" | "true" | "yes");
        }
        Ok(settings)
    }
}
