//! The flow engine: conversations written by operators in `flows/*.yaml`, worded in `locales/`, run as a pure step
//! function with storage, LINE and files at the edges.

pub mod action;
