//! The flow engine's integration tests: operators' conversation tests, `flows check` diagnostics, the wording of
//! all 13 locales, and reloading a running runtime.

mod check;
mod conversations;
mod helpers;
mod reload;
mod server;
mod sessions;
mod wording;
