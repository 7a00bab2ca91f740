//! The inbox: every webhook event stored durably before LINE gets its 200, then handed to the workers in order per resident.

pub mod reminders;
pub mod store;
pub mod webhook;
pub mod worker;

pub use store::{Inbox, NewEvent};
