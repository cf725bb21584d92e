//! [`Context`]: who acts, when, and under which policy. The crate never reads
//! a clock or a global; every transition gets its context from the caller.

use chrono::{DateTime, Utc};

use crate::policy::Policy;
use crate::values::Actor;
use crate::values::CommandId;

/// Who acts, at what time, under which [`Policy`]: the input of every transition.
#[derive(Clone, Debug)]
pub struct Context<'p> {
    actor: Actor,
    now: DateTime<Utc>,
    policy: &'p Policy,
    command: Option<CommandId>,
}

impl<'p> Context<'p> {
    /// A context for `actor` acting at `now` under `policy`.
    pub fn new(actor: Actor, now: DateTime<Utc>, policy: &'p Policy) -> Self {
        Self {
            actor,
            now,
            policy,
            command: None,
        }
    }

    /// The same context for the command `command`: applying an event with a
    /// command id that the history already holds returns the entries that
    /// command produced instead of applying it again (idempotent retries).
    #[must_use]
    pub fn with_command(mut self, command: impl Into<CommandId>) -> Self {
        self.command = Some(command.into());
        self
    }

    /// The command being applied, if the caller named one.
    #[must_use]
    pub fn command(&self) -> Option<&CommandId> {
        self.command.as_ref()
    }

    /// The same actor and policy at another time (without the command id).
    #[must_use]
    pub fn at(&self, now: DateTime<Utc>) -> Self {
        Self {
            actor: self.actor.clone(),
            now,
            policy: self.policy,
            command: None,
        }
    }

    /// Another actor at the same time, under the same policy (without the command id).
    #[must_use]
    pub fn by(&self, actor: Actor) -> Self {
        Self {
            actor,
            now: self.now,
            policy: self.policy,
            command: None,
        }
    }

    /// Who acts.
    #[must_use]
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// When the actor acts.
    #[must_use]
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The policy in force.
    #[must_use]
    pub fn policy(&self) -> &'p Policy {
        self.policy
    }
}
