//! The conversation layer's contract: what a worker hands over for each resident's event, and the turn that comes back.

use crate::line::event::Event;
use crate::line::message::Message;
use futures::future::BoxFuture;

/// What the gateway knows of a resident when their event is handled.
#[derive(Debug, Clone, PartialEq)]
pub struct Resident {
    /// LINE user ID, or the chat ID where LINE names no user.
    pub user_id: String,
    /// The `language` of their LINE profile (BCP 47), when LINE gave one at first contact.
    pub profile_language: Option<String>,
    /// The language the conversation layer chose and remembered for them.
    pub language: Option<String>,
    /// The conversation layer's own state for them (flow, step, variables), opaque to the gateway.
    pub session: Option<serde_json::Value>,
}

/// The outcome of one event: what to send, and what to remember. The worker stores both in one transaction before sending.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Turn {
    /// Zero to five messages; zero sends nothing.
    pub messages: Vec<Message>,
    /// The resident's language from now on.
    pub language: Option<String>,
    /// The resident's session from now on; `None` clears it.
    pub session: Option<serde_json::Value>,
}

/// Why a conversation could not produce a turn; the worker logs it and marks the event failed.
#[derive(Debug, thiserror::Error)]
pub enum ConversationError {
    #[error("conversation storage: {0}")]
    Storage(#[from] sqlx::Error),
    #[error("{0}")]
    Other(String),
}

/// Whatever answers residents: the flow engine in `serve`, a stand-in in tests.
pub trait Conversation: Send + Sync + 'static {
    /// Produces the turn for one event. It must not send anything itself, so that a crash before the turn is stored
    /// leaves nothing to undo; `now_ms` is the clock the conversation must use (a virtual one in tests).
    fn respond<'a>(
        &'a self,
        resident: &'a Resident,
        event: &'a Event,
        now_ms: i64,
    ) -> BoxFuture<'a, Result<Turn, ConversationError>>;

    /// The turn to push to a resident who has gone quiet mid-conversation, when one is due at `now_ms`. It must be
    /// cheap and pure: the gateway asks it for every resident with a session, now and then.
    fn remind(&self, _resident: &Resident, _now_ms: i64) -> Option<Turn> {
        None
    }
}
