//! The follow-up events (回訪, F1–F7): attempts, an agreed time, the
//! completed record with the customer's satisfaction, and giving up.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::values::ContactMethod;

/// F1: one attempt to reach the customer for the follow-up. The agent and
/// the time are the entry's actor and time.
///
/// F4: refused inside the customer's quiet hours, unless it is at a time the
/// customer asked for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttemptFollowUp {
    /// 回訪方式: phone, e-mail, SMS or another method.
    pub method: ContactMethod,
    /// Whether the customer was reached.
    pub reached: bool,
    /// What happened, if anything worth noting.
    pub note: Option<String>,
}

/// F7 最好與客戶在電話中再約一個方便的時間: a time agreed with the customer,
/// which replaces the proposed slot.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduleFollowUp {
    /// The agreed time; must lie ahead.
    pub at: DateTime<Utc>,
    /// The customer asked for this very time: it may then lie inside their
    /// quiet hours (recorded as such). Otherwise an agreed time inside the
    /// quiet hours is refused.
    pub customer_requested: bool,
}

/// F2, F3, F6 回訪記錄表: the completed follow-up record. The agent and the
/// time are the entry's actor and time; every other field is required.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompleteFollowUp {
    /// How the customer was reached.
    pub method: ContactMethod,
    /// The customer's satisfaction and the text F3 asks for.
    pub outcome: FollowUpOutcome,
}

/// F3: the customer's satisfaction, with the question each level asks.
///
/// 【滿意】您對我們的服務有什麼建議嗎? 【不滿意/一般】能否告訴我您對哪方面不滿意.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "satisfaction", rename_all = "snake_case", deny_unknown_fields)]
pub enum FollowUpOutcome {
    /// 滿意: the customer is satisfied and was asked for suggestions.
    Satisfied {
        /// The customer's suggestions (or that they had none); must not be empty.
        suggestions: String,
    },
    /// 一般: neither satisfied nor dissatisfied.
    Neutral {
        /// What the customer would have done better; must not be empty.
        to_improve: String,
    },
    /// 不滿意: the customer is dissatisfied; the complaint may be reopened (R7).
    Dissatisfied {
        /// What the customer is dissatisfied with; must not be empty.
        to_improve: String,
    },
}

impl FollowUpOutcome {
    /// The satisfaction level.
    #[must_use]
    pub fn satisfaction(&self) -> Satisfaction {
        match self {
            FollowUpOutcome::Satisfied { .. } => Satisfaction::Satisfied,
            FollowUpOutcome::Neutral { .. } => Satisfaction::Neutral,
            FollowUpOutcome::Dissatisfied { .. } => Satisfaction::Dissatisfied,
        }
    }

    /// The text F3 asks for: suggestions, or what to improve.
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            FollowUpOutcome::Satisfied { suggestions } => suggestions,
            FollowUpOutcome::Neutral { to_improve }
            | FollowUpOutcome::Dissatisfied { to_improve } => to_improve,
        }
    }

    /// The name of the text's field, for error messages.
    pub(crate) fn text_field(&self) -> &'static str {
        match self {
            FollowUpOutcome::Satisfied { .. } => "outcome.suggestions",
            FollowUpOutcome::Neutral { .. } | FollowUpOutcome::Dissatisfied { .. } => {
                "outcome.to_improve"
            }
        }
    }
}

/// F3: the three satisfaction levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    /// 滿意.
    Satisfied,
    /// 一般.
    Neutral,
    /// 不滿意.
    Dissatisfied,
}

impl fmt::Display for Satisfaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Neutral => "neutral",
            Satisfaction::Dissatisfied => "dissatisfied",
        })
    }
}

/// F5, F7: every attempt the policy allows was made without reaching the
/// customer; the follow-up ends as exhausted, recorded.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiveUpFollowUp {
    /// What was tried; must not be empty.
    pub note: String,
}
