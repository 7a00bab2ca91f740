//! The gateway's integration tests: the real `madoguchi` binary on a random port, a mock LINE API on loopback.

mod delivery;
mod fixtures;
mod helpers;
mod operations;
mod recovery;
mod reminders;
mod webhook;
