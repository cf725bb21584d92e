//! The agenda of many complaints by their next due time (T1–T7): the
//! in-memory twin of a store's `next_due_at` index, above the record layer.

mod agenda;

pub use agenda::{Agenda, AgendaChange};
