//! The LINE platform: signatures, webhook events, outgoing messages, the API client and the emulator.

pub mod client;
pub mod emulator;
pub mod event;
pub mod message;
pub mod signature;
