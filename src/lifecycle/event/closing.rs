//! R6, R7 and E6: the review, reopening, withdrawal and notes.

use std::fmt;

use serde::{Deserialize, Serialize};

/// R6 總結與綜合評價: the supervisor's review of a handled complaint.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// 總結: how the complaint was handled; must not be empty.
    pub summary: String,
    /// 綜合評價: how well it was handled.
    pub evaluation: Evaluation,
    /// 改進對策: what the company will change; each must not be empty (the list may be).
    pub improvement_actions: Vec<String>,
}

/// R6: the overall evaluation of how a complaint was handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evaluation {
    /// The handling solved the problem.
    Effective,
    /// It solved part of the problem.
    PartlyEffective,
    /// It did not solve the problem.
    Ineffective,
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Evaluation::Effective => "effective",
            Evaluation::PartlyEffective => "partly_effective",
            Evaluation::Ineffective => "ineffective",
        })
    }
}

/// R7 閉環: reopen a reviewed complaint (a dissatisfied customer); it goes back
/// to be judged again.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    /// Why it is reopened; must not be empty.
    pub reason: String,
}

/// The customer withdraws an open complaint; it is then reviewed like a dismissal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdraw {
    /// What the customer said; must not be empty.
    pub reason: String,
}

/// R7 歸檔: the finished complaint is closed and archived.
///
/// F5: refused while the follow-up of the handling round is not completed or
/// exhausted, so a member's complaint cannot finish without its follow-up.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Close {
    /// A closing note, if any.
    pub note: Option<String>,
}

/// The application erased the complainant's personal data (name, phone,
/// address) from its own tables. The history never held them: it keeps the
/// complainant's id and what the rules need, so replay and every report give
/// the same results after the erasure. The entry records who erased, when
/// and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonalDataErased {
    /// Why (a customer's request, a retention rule); must not be empty.
    pub reason: String,
}

/// E6 做好記錄: a note, at any stage, without changing the stage.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddNote {
    /// The note; must not be empty.
    pub text: String,
}
