//! [`Complainant`]: who complains (R1), with the zone and quiet hours their
//! follow-up respects (F4).

use serde::{Deserialize, Serialize};

use crate::policy::Policy;
use crate::time::{QuietHours, Zone};
use crate::values::ComplainantId;

/// 投訴人: the customer who complains, as far as the rules need to know them.
///
/// No contact details: the application keeps those under the id, so that
/// erasing them leaves the complaint's record intact.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complainant {
    /// The application's id of the customer.
    pub id: ComplainantId,
    /// Whether the customer is a member; every member's complaint gets a follow-up (F5).
    pub member: bool,
    /// F4: the customer's own time zone; the policy calendar's zone when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
    /// F4: the customer's own quiet hours; the policy's when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_hours: Option<QuietHours>,
}

impl Complainant {
    /// A complainant who is not a member.
    pub fn new(id: impl Into<ComplainantId>) -> Self {
        Self {
            id: id.into(),
            member: false,
            zone: None,
            quiet_hours: None,
        }
    }

    /// A complainant who is a member (F5: every member is followed up).
    pub fn member(id: impl Into<ComplainantId>) -> Self {
        Self {
            member: true,
            ..Self::new(id)
        }
    }

    /// The same complainant, living in `zone` (F4).
    #[must_use]
    pub fn in_zone(mut self, zone: Zone) -> Self {
        self.zone = Some(zone);
        self
    }

    /// The same complainant, with quiet hours of their own (F4).
    #[must_use]
    pub fn with_quiet_hours(mut self, quiet_hours: QuietHours) -> Self {
        self.quiet_hours = Some(quiet_hours);
        self
    }
}

impl Complainant {
    /// F4: the customer's zone and quiet hours: their own, or the policy's.
    pub(crate) fn contact_window(&self, policy: &Policy) -> (Zone, QuietHours) {
        (
            self.zone.unwrap_or(policy.calendar().zone()),
            self.quiet_hours.unwrap_or(policy.quiet_hours()),
        )
    }
}
