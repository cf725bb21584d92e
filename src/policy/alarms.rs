//! The policy's alarms: W1 warnings before a breach and W3 escalation
//! chains, per deadline kind; their builder methods and their checks.

use chrono::{DateTime, Utc};

use crate::policy::{Policy, PolicyBuilder, PolicyError, Settings};
use crate::time::{AlarmPlan, DeadlineKind, EscalationLevel, EscalationTrigger, Warning};
use crate::values::Role;

impl Policy {
    /// W1: when deadlines of `kind` warn before they are due; `None` (the
    /// default for every kind): they do not.
    #[must_use]
    pub fn warning(&self, kind: DeadlineKind) -> Option<Warning> {
        self.0.warnings.get(&kind).copied()
    }

    /// W3: the escalation chain of deadlines of `kind`, lowest level first;
    /// empty (the default for every kind): none.
    #[must_use]
    pub fn escalation_chain(&self, kind: DeadlineKind) -> &[EscalationLevel] {
        self.0
            .escalation_chains
            .get(&kind)
            .map_or(&[], Vec::as_slice)
    }

    /// W1, W3: the alarm plan a deadline of `kind` running from `started_at`
    /// to `due` gets when it opens.
    pub(crate) fn alarm_plan(
        &self,
        kind: DeadlineKind,
        started_at: DateTime<Utc>,
        due: DateTime<Utc>,
    ) -> AlarmPlan {
        AlarmPlan {
            warn_before_seconds: self
                .warning(kind)
                .map(|warning| warning.lead_seconds(started_at, due)),
            escalation: self.escalation_chain(kind).to_vec(),
        }
    }
}

impl PolicyBuilder {
    /// W1: deadlines of `kind` warn before they are due (a share of their
    /// time elapsed, or a lead before the due time); `None`: they do not.
    #[must_use]
    pub fn warning(mut self, kind: DeadlineKind, warning: Option<Warning>) -> Self {
        match warning {
            Some(warning) => self.policy.0.warnings.insert(kind, warning),
            None => self.policy.0.warnings.remove(&kind),
        };
        self
    }

    /// W3: the escalation chain of deadlines of `kind`, lowest level first:
    /// each level escalates to a higher role than the one before (above an
    /// agent), no earlier than the one before. Empty: no chain.
    #[must_use]
    pub fn escalation_chain(
        mut self,
        kind: DeadlineKind,
        levels: impl IntoIterator<Item = EscalationLevel>,
    ) -> Self {
        let levels: Vec<EscalationLevel> = levels.into_iter().collect();
        if levels.is_empty() {
            self.policy.0.escalation_chains.remove(&kind);
        } else {
            self.policy.0.escalation_chains.insert(kind, levels);
        }
        self
    }
}

/// W1, W3: every warning and chain of `settings` can work.
pub(super) fn check(settings: &Settings) -> Result<(), PolicyError> {
    for (&kind, &warning) in &settings.warnings {
        match warning {
            Warning::ShareElapsed { percent } if !(1..=99).contains(&percent) => {
                return Err(PolicyError::WarningShare { kind, percent });
            }
            Warning::LeadTime { minutes: 0 } => {
                return Err(PolicyError::ZeroLimit {
                    field: format!("warnings.{kind}"),
                });
            }
            Warning::ShareElapsed { .. } | Warning::LeadTime { .. } => {}
        }
    }
    for (&kind, levels) in &settings.escalation_chains {
        let mut below = (Role::Agent, EscalationTrigger::AtRisk);
        for (index, step) in levels.iter().enumerate() {
            let level = u8::try_from(index + 1).unwrap_or(u8::MAX);
            if let EscalationTrigger::BreachedFor { minutes: 0 } = step.trigger {
                return Err(PolicyError::ZeroLimit {
                    field: format!("escalation_chains.{kind}[{index}]"),
                });
            }
            if step.to <= below.0 {
                return Err(PolicyError::EscalationNotRising {
                    kind,
                    level,
                    to: step.to,
                });
            }
            if step.trigger < below.1 {
                return Err(PolicyError::EscalationOutOfOrder { kind, level });
            }
            below = (step.to, step.trigger);
        }
    }
    Ok(())
}
