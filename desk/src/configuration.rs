//! [`Settings`]: where the desk listens, which database it opens, the
//! security knobs (cookie `Secure`, sign-in rate limit, password cost) and
//! the due-worker's ([`WorkerSettings`]) and the checkpoint worker's
//! ([`CheckpointSettings`]).

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use complaint_workflow::audit::Keyring;

use crate::checkpoint_key::{self, CheckpointKey};

/// The desk's settings. [`Settings::default`] is a local desk on
/// `127.0.0.1:8080` with `complaint-desk.sqlite` in the working directory
/// and the due-worker on.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The database: an SQLite file (a path, or a `sqlite:` URL) or a
    /// PostgreSQL URL (`postgres://…` or `postgresql://…`).
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
    /// The due-worker.
    pub worker: WorkerSettings,
    /// The checkpoint worker and the keys the complaint page trusts.
    pub checkpoints: CheckpointSettings,
}

/// A1: the checkpoint worker inside the service (see
/// [`checkpoint_worker`](crate::checkpoint_worker)) and the public keys the
/// complaint page verifies checkpoints with.
#[derive(Clone, Debug)]
pub struct CheckpointSettings {
    /// The signing key (`--checkpoint-key PATH`, `DESK_CHECKPOINT_KEY`);
    /// without one the worker is off (the desk says so once, at start).
    pub key: Option<CheckpointKey>,
    /// The public keys of earlier keys, still trusted after a rotation
    /// (`--checkpoint-trusted PATH`, `DESK_CHECKPOINT_TRUSTED`).
    pub trusted: Keyring,
    /// The pause between two rounds (`--checkpoint-every SECS`,
    /// `DESK_CHECKPOINT_EVERY`; 15 minutes by default).
    pub interval: Duration,
    /// At most this many complaints signed in one checkpoint (a round signs
    /// as many checkpoints as it needs).
    pub batch: usize,
}

impl Default for CheckpointSettings {
    fn default() -> Self {
        Self {
            key: None,
            trusted: Keyring::new(),
            interval: Duration::from_secs(15 * 60),
            batch: 500,
        }
    }
}

impl CheckpointSettings {
    /// The keys the complaint page verifies with: the trusted ones and the
    /// signing key's own.
    #[must_use]
    pub fn keyring(&self) -> Keyring {
        let mut keyring = self.trusted.clone();
        if let Some(key) = &self.key {
            keyring.insert(key.id().clone(), key.signing_key().verifying_key());
        }
        keyring
    }

    /// Reads the signing key from the key file at `path`.
    ///
    /// # Errors
    ///
    /// A message naming the file and what is wrong with it.
    pub fn read_key(&mut self, path: &str) -> Result<(), String> {
        self.key = Some(CheckpointKey::read(Path::new(path)).map_err(|e| e.to_string())?);
        Ok(())
    }

    /// Reads the trusted public keys from the file at `path`.
    ///
    /// # Errors
    ///
    /// A message naming the file and the line that does not read.
    pub fn read_trusted(&mut self, path: &str) -> Result<(), String> {
        self.trusted = checkpoint_key::read_trusted(Path::new(path)).map_err(|e| e.to_string())?;
        Ok(())
    }
}

/// The due-worker inside the service (see [`due_worker`](crate::due_worker)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerSettings {
    /// Whether the server starts it (off: `--no-worker` or `DESK_WORKER=0`).
    pub enabled: bool,
    /// The pause between two rounds.
    pub interval: Duration,
    /// At most this many complaints claimed per round.
    pub batch: usize,
    /// How long a claim lasts: a worker that dies leaves its complaints to
    /// others after this long.
    pub lease: Duration,
    /// The worker's id in the store's claims; `None`: made up at start,
    /// distinct per process ([`WorkerSettings::worker_id`]).
    pub id: Option<String>,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            interval: Duration::from_secs(5),
            batch: 100,
            lease: Duration::from_secs(60),
            id: None,
        }
    }
}

impl WorkerSettings {
    /// The worker id: the configured one, else `desk-<pid>-<random>`, which
    /// no other process shares.
    ///
    /// # Errors
    ///
    /// When the operating system has no randomness to give.
    pub fn worker_id(&self) -> Result<String, getrandom::Error> {
        match &self.id {
            Some(id) => Ok(id.clone()),
            None => {
                let random = crate::auth::random_secret()?;
                let short: String = random.chars().take(8).collect();
                Ok(format!("desk-{}-{short}", std::process::id()))
            }
        }
    }
}

/// A number of seconds (`5`, `0.2`) as a duration; `None` when it is not a
/// positive finite number.
pub fn seconds(text: &str) -> Option<Duration> {
    let value: f64 = text.trim().parse().ok()?;
    if value > 0.0 {
        Duration::try_from_secs_f64(value).ok()
    } else {
        None
    }
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
            worker: WorkerSettings::default(),
            checkpoints: CheckpointSettings::default(),
        }
    }
}

impl Settings {
    /// The defaults with the environment applied: `DATABASE_URL` (an SQLite
    /// path or `sqlite:` URL, or a `postgres://` URL), `DESK_LISTEN`,
    /// `DESK_SECURE_COOKIES=1`, and the due-worker's `DESK_WORKER=0` (off),
    /// `DESK_WORKER_INTERVAL` (seconds), `DESK_WORKER_BATCH`,
    /// `DESK_WORKER_LEASE` (seconds), `DESK_WORKER_ID`, and the checkpoint
    /// worker's `DESK_CHECKPOINT_KEY` (a key file), `DESK_CHECKPOINT_TRUSTED`
    /// (a trusted keys file), `DESK_CHECKPOINT_EVERY` (seconds).
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
        if let Ok(on) = std::env::var("DESK_WORKER") {
            settings.worker.enabled = !matches!(on.as_str(), "0" | "false" | "no" | "off");
        }
        if let Ok(interval) = std::env::var("DESK_WORKER_INTERVAL") {
            settings.worker.interval = seconds(&interval).ok_or_else(|| {
                format!("DESK_WORKER_INTERVAL `{interval}`: a positive number of seconds")
            })?;
        }
        if let Ok(batch) = std::env::var("DESK_WORKER_BATCH") {
            settings.worker.batch = batch
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("DESK_WORKER_BATCH `{batch}`: a whole number from 1"))?;
        }
        if let Ok(lease) = std::env::var("DESK_WORKER_LEASE") {
            settings.worker.lease = seconds(&lease).ok_or_else(|| {
                format!("DESK_WORKER_LEASE `{lease}`: a positive number of seconds")
            })?;
        }
        if let Ok(id) = std::env::var("DESK_WORKER_ID") {
            settings.worker.id = Some(id).filter(|id| !id.is_empty());
        }
        if let Ok(path) = std::env::var("DESK_CHECKPOINT_KEY") {
            settings.checkpoints.read_key(&path)?;
        }
        if let Ok(path) = std::env::var("DESK_CHECKPOINT_TRUSTED") {
            settings.checkpoints.read_trusted(&path)?;
        }
        if let Ok(every) = std::env::var("DESK_CHECKPOINT_EVERY") {
            settings.checkpoints.interval = seconds(&every).ok_or_else(|| {
                format!("DESK_CHECKPOINT_EVERY `{every}`: a positive number of seconds")
            })?;
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_take_whole_and_fractional_positive_numbers_only() {
        assert_eq!(seconds("5"), Some(Duration::from_secs(5)));
        assert_eq!(seconds(" 0.25 "), Some(Duration::from_millis(250)));
        for bad in ["0", "-1", "soon", "", "inf", "NaN"] {
            assert_eq!(seconds(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn each_worker_gets_an_id_of_its_own_unless_one_is_configured() {
        let made = WorkerSettings::default();
        let first = made.worker_id().unwrap();
        let second = made.worker_id().unwrap();
        assert_ne!(first, second);
        assert!(
            first.starts_with(&format!("desk-{}-", std::process::id())),
            "{first}"
        );
        let named = WorkerSettings {
            id: Some("desk-east-1".into()),
            ..WorkerSettings::default()
        };
        assert_eq!(named.worker_id().unwrap(), "desk-east-1");
    }
}
