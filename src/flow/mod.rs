//! The flow engine: conversations written by operators in `flows/*.yaml`, worded in `locales/`, run as a pure step
//! function with storage, LINE and files at the edges.

pub mod action;
pub mod check;
pub mod engine;
pub mod load;
pub mod model;
pub mod reload;
pub mod runtime;
pub mod source;
pub mod testing;

pub use check::check;
pub use load::Playbook;
pub use runtime::FlowRuntime;
pub use source::Diagnostic;
