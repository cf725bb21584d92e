//! R4 and R8: remedy options, the customer's choice among them, the
//! supervisor's approval, and the customer declining the approved remedy.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Propose alternative remedies (R4: 提出不同相關解決方案).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Propose {
    /// One or more remedy options; numbered from 1 in this order.
    pub options: Vec<RemedyOption>,
}

/// One way to put things right for the customer (R4, R8).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemedyOption {
    /// What the company will do; must not be empty.
    pub description: String,
    /// R8 補償性方法: what the customer receives, if anything.
    pub compensation: Option<Compensation>,
}

/// What a compensating remedy gives the customer (R8).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compensation {
    /// The amount in the currency's minor unit (cents, fen); must be above zero.
    pub amount_minor: u64,
    /// ISO 4217 code.
    pub currency: Currency,
    /// What form the compensation takes.
    pub kind: CompensationKind,
}

/// The form of a compensation (R8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CompensationKind {
    /// Money back.
    Refund,
    /// 返現, 補差: cash or a price difference paid out.
    Cash,
    /// A voucher or store credit.
    Voucher,
    /// A discount on a later purchase.
    Discount,
    /// A replacement product.
    Replacement,
    /// A free repair.
    Repair,
    /// A gift or anything else.
    Other,
}

/// An ISO 4217 currency code: three upper-case ASCII letters.
///
/// Parsed once at the edge: a `Currency` value is always well formed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

/// A currency code that is not three upper-case ASCII letters.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
// The text given is quoted and escaped (`str::escape_debug`).
#[error(
    "invalid currency code \"{}\": expected three upper-case letters such as \"CNY\"",
    .found.escape_debug()
)]
pub struct InvalidCurrency {
    /// The text that was given.
    pub found: String,
}

impl Currency {
    /// Parses a currency code such as `"CNY"`.
    ///
    /// # Errors
    ///
    /// [`InvalidCurrency`] when `code` is not three upper-case ASCII letters.
    pub fn new(code: &str) -> Result<Self, InvalidCurrency> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Self([a, b, c])),
            _ => Err(InvalidCurrency {
                found: code.to_owned(),
            }),
        }
    }

    /// The code as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Always ASCII by construction; the fallback is never taken.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Currency {
    type Error = InvalidCurrency;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.as_str().to_owned()
    }
}

/// R8 請顧客參與共同選擇: record which proposed option the customer prefers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChooseRemedy {
    /// The option's number in the proposal, from 1.
    pub option: u32,
}

/// R4 批示: a supervisor selects and approves one remedy option.
///
/// The approver is the acting [`Actor`](crate::Actor); only a supervisor may approve.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approve {
    /// The option's number in the proposal, from 1.
    pub option: u32,
}

/// R5: the customer does not accept the approved remedy; the complaint goes
/// back to proposing, not forward.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decline {
    /// Why the customer declined, in their words; must not be empty.
    pub reason: String,
}
