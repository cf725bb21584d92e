//! The cases, one file each, and the racing writers two of them share.

mod due;
mod feed;
mod idempotency;
mod race;
mod references;
mod rewrites;
mod round_trip;
mod versions;
mod writers;

pub use due::due_query;
pub use feed::change_feed;
pub use idempotency::idempotent_commands;
pub use references::references;
pub use rewrites::{redaction, write_back};
pub use round_trip::round_trip;
pub use versions::expected_version;
pub use writers::concurrent_writers;
