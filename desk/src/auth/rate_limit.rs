//! The sign-in rate limit: failed attempts counted per account and per
//! address in a sliding window, in this process's memory (two desk
//! processes count separately; a restart forgets).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed sign-in attempts per key (`account:NAME`, `address:IP`).
#[derive(Debug)]
pub struct RateLimiter {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// At most `max_failures` failures per key within `window`.
    pub fn new(max_failures: usize, window: Duration) -> Self {
        Self {
            max_failures,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(retry after)` when any of `keys` has used up its failures.
    ///
    /// # Errors
    ///
    /// The time until the oldest counted failure of the fullest key leaves
    /// the window.
    pub fn check(&self, keys: &[String]) -> Result<(), Duration> {
        let now = Instant::now();
        let mut failures = self.lock();
        let mut wait = None;
        for key in keys {
            if let Some(times) = failures.get_mut(key) {
                prune(times, now, self.window);
                if times.len() >= self.max_failures {
                    let oldest = times.front().copied().unwrap_or(now);
                    let left = self.window.saturating_sub(now.duration_since(oldest));
                    wait = Some(wait.map_or(left, |w: Duration| w.max(left)));
                }
            }
        }
        wait.map_or(Ok(()), Err)
    }

    /// Counts a failed attempt against each of `keys`.
    pub fn fail(&self, keys: &[String]) {
        let now = Instant::now();
        let mut failures = self.lock();
        for key in keys {
            let times = failures.entry(key.clone()).or_default();
            prune(times, now, self.window);
            times.push_back(now);
        }
    }

    /// Forgets the failures of `key` (a successful sign-in to the account).
    pub fn clear(&self, key: &str) {
        self.lock().remove(key);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|&t| now.duration_since(t) >= window)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_per_key_and_ends_with_the_window() {
        let limiter = RateLimiter::new(2, Duration::from_millis(50));
        let keys = ["account:ana".to_owned()];
        limiter.fail(&keys);
        assert!(limiter.check(&keys).is_ok());
        limiter.fail(&keys);
        assert!(limiter.check(&keys).is_err());
        assert!(limiter.check(&["account:bo".to_owned()]).is_ok());
        std::thread::sleep(Duration::from_millis(60));
        assert!(limiter.check(&keys).is_ok());
    }
}
