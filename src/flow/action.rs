//! The contract between flows and services: a named action a flow calls (`garbage.lookup`, later `reservation.book`),
//! which a service registers in Rust and which answers with variables and, rarely, ready-made messages.

use crate::line::message::Message;
use futures::future::BoxFuture;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What an action knows of the call: whose conversation it is and in which language, without any way to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionContext {
    /// LINE user ID (or chat ID) of the resident.
    pub user_id: String,
    /// The resident's language, one of the 13 locale tags (`ja`, `en`, `zh-Hans`, …).
    pub language: String,
    /// The `webhookEventId` of the event being handled, so a side effect replayed after a crash can be made idempotent.
    pub event_id: Option<String>,
    /// The clock of the conversation (virtual in conversation tests).
    pub now_ms: i64,
}

/// What an action hands back: variables merged into the session, and messages said before the flow's next step.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionOutcome {
    pub vars: Map<String, Value>,
    pub messages: Vec<Message>,
}

/// Why an action failed; the flow treats it as the action's `on_error` path, the resident gets a polite apology.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("argument {0}: {1}")]
    Argument(String, String),
    #[error("storage: {0}")]
    Storage(#[from] sqlx::Error),
    #[error("{0}")]
    Other(String),
}

/// A service's operation, callable from any flow by name. `args` are the step's arguments with variables resolved.
pub trait Action: Send + Sync + 'static {
    fn call<'a>(
        &'a self,
        context: &'a ActionContext,
        args: &'a Map<String, Value>,
    ) -> BoxFuture<'a, Result<ActionOutcome, ActionError>>;
}

/// The actions a deployment offers, by name; `flows check` refuses a flow that calls a name missing here.
#[derive(Clone, Default)]
pub struct Actions {
    by_name: BTreeMap<String, Arc<dyn Action>>,
}

impl Actions {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the action called `name`.
    pub fn register(&mut self, name: impl Into<String>, action: Arc<dyn Action>) {
        self.by_name.insert(name.into(), action);
    }

    pub fn get(&self, name: &str) -> Option<&Arc<dyn Action>> {
        self.by_name.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }
}

impl std::fmt::Debug for Actions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}
