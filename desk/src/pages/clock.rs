//! Times as the pages show them: in the viewer's zone, with the customer's
//! beside it when it differs (`2026-12-01 14:30 +08:00 · customer 07:30
//! Europe/London`).

use chrono::{DateTime, Utc};
use complaint_workflow::time::Zone;

/// One instant, in the viewer's zone and the customer's.
#[derive(Clone, Debug)]
pub struct Shown {
    /// RFC 3339, for `<time datetime>`.
    pub machine: String,
    /// In the viewer's zone.
    pub viewer: String,
    /// In the customer's zone, when it is not the viewer's.
    pub customer: Option<String>,
}

/// `time` in `viewer`'s zone and, when another, `customer`'s.
pub fn show(time: DateTime<Utc>, viewer: Zone, customer: Option<Zone>) -> Shown {
    Shown {
        machine: time.to_rfc3339(),
        viewer: local(time, viewer),
        customer: customer
            .filter(|zone| zone.offset_at(time) != viewer.offset_at(time) || *zone != viewer)
            .map(|zone| local(time, zone)),
    }
}

/// `2026-12-01 14:30 Asia/Shanghai`.
pub fn local(time: DateTime<Utc>, zone: Zone) -> String {
    format!("{} {zone}", zone.to_local(time).format("%Y-%m-%d %H:%M"))
}
