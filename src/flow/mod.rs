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

/// The actions this build offers flows. The garbage service registers the real `garbage.lookup` when it lands;
/// until then a stand-in fails politely, so the garbage flow apologises through its `on_error` path.
pub fn standard_actions() -> action::Actions {
    let mut actions = action::Actions::new();
    actions.register("garbage.lookup", std::sync::Arc::new(NotYetAvailable));
    actions
}

/// A stand-in for a service that is not part of this build yet.
struct NotYetAvailable;

impl action::Action for NotYetAvailable {
    fn call<'a>(
        &'a self,
        _context: &'a action::ActionContext,
        _args: &'a serde_json::Map<String, serde_json::Value>,
    ) -> futures::future::BoxFuture<'a, Result<action::ActionOutcome, action::ActionError>> {
        Box::pin(async { Err(action::ActionError::Other("this service is not part of this build yet".into())) })
    }
}
