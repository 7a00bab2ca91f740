//! The flow runtime: the [`Conversation`] the workers call. It holds the current playbook, runs the pure engine on
//! each event and makes the action calls the engine asks for; swapping in a reloaded playbook is one pointer write.

use super::action::{ActionContext, Actions};
use super::engine::{self, Input, Progress, Reply, Session};
use super::load::Playbook;
use super::source::{Diagnostic, Origin};
use crate::conversation::{Conversation, ConversationError, Resident, Turn};
use crate::i18n;
use crate::line::event::Event;
use futures::future::BoxFuture;
use std::path::Path;
use std::sync::{Arc, RwLock};

/// Flows and wording from the operators' folders (or the embedded defaults), answering residents.
pub struct FlowRuntime {
    flows: Origin,
    locales: Origin,
    actions: Actions,
    playbook: RwLock<Arc<Playbook>>,
}

impl std::fmt::Debug for FlowRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FlowRuntime").field("flows", &self.flows).field("locales", &self.locales).finish()
    }
}

impl FlowRuntime {
    /// Loads the flows in `flows_dir` and the wording in `locales_dir`; a folder that does not exist is replaced by
    /// the defaults compiled into the binary. Refuses to start on any diagnostic.
    pub fn new(flows_dir: &Path, locales_dir: &Path, actions: Actions) -> Result<FlowRuntime, Vec<Diagnostic>> {
        FlowRuntime::from_origins(
            Origin::folder_or_embedded(flows_dir),
            Origin::folder_or_embedded(locales_dir),
            actions,
        )
    }

    /// The flows and wording shipped inside the binary.
    pub fn embedded(actions: Actions) -> Result<FlowRuntime, Vec<Diagnostic>> {
        FlowRuntime::from_origins(Origin::Embedded, Origin::Embedded, actions)
    }

    pub fn from_origins(flows: Origin, locales: Origin, actions: Actions) -> Result<FlowRuntime, Vec<Diagnostic>> {
        let playbook = Playbook::from_origins(&flows, &locales, &action_names(&actions))?;
        Ok(FlowRuntime { flows, locales, actions, playbook: RwLock::new(Arc::new(playbook)) })
    }

    /// The playbook answering now.
    pub fn playbook(&self) -> Arc<Playbook> {
        self.playbook.read().expect("playbook lock").clone()
    }

    /// Where the flows and the wording are read from.
    pub fn origins(&self) -> (&Origin, &Origin) {
        (&self.flows, &self.locales)
    }

    /// Reads and checks the files again; a valid playbook replaces the current one at once, an invalid one is
    /// refused with its diagnostics and the current one keeps answering.
    pub fn reload(&self) -> Result<(), Vec<Diagnostic>> {
        let playbook = Playbook::from_origins(&self.flows, &self.locales, &action_names(&self.actions))?;
        *self.playbook.write().expect("playbook lock") = Arc::new(playbook);
        Ok(())
    }

    /// Runs the engine for one input, making the action calls it asks for.
    pub async fn reply(
        &self,
        resident: &Resident,
        input: &Input,
        event_id: Option<&str>,
        now_ms: i64,
    ) -> Result<Reply, ConversationError> {
        let language = resident_language(resident);
        let session: Option<Session> = resident.session.clone().and_then(|v| serde_json::from_value(v).ok());
        let playbook = self.playbook();
        let mut progress = engine::step(&playbook, session, &language, input, now_ms);
        loop {
            match progress {
                Progress::Done(reply) => return Ok(reply),
                Progress::Calling(pending) => {
                    let context = ActionContext {
                        user_id: resident.user_id.clone(),
                        language: pending.language().to_owned(),
                        event_id: event_id.map(str::to_owned),
                        now_ms,
                    };
                    let outcome = match self.actions.get(&pending.call.action) {
                        Some(action) => action.call(&context, &pending.call.args).await.map_err(|e| e.to_string()),
                        None => Err(format!("no action is registered as {:?}", pending.call.action)),
                    };
                    progress = engine::resume(&playbook, pending, outcome);
                }
            }
        }
    }
}

/// The resident's language: remembered, else the nearest to their LINE profile's, else Japanese.
pub fn resident_language(resident: &Resident) -> String {
    match resident.language.as_deref().filter(|l| i18n::is_locale(l)) {
        Some(language) => language.to_owned(),
        None => i18n::nearest(resident.profile_language.as_deref().unwrap_or_default()).to_owned(),
    }
}

fn action_names(actions: &Actions) -> Vec<String> {
    actions.names().map(str::to_owned).collect()
}

impl Conversation for FlowRuntime {
    fn respond<'a>(
        &'a self,
        resident: &'a Resident,
        event: &'a Event,
        now_ms: i64,
    ) -> BoxFuture<'a, Result<Turn, ConversationError>> {
        Box::pin(async move {
            let Some(input) = Input::from_event(event) else {
                return Ok(Turn {
                    messages: Vec::new(),
                    language: resident.language.clone(),
                    session: resident.session.clone(),
                });
            };
            let reply = self.reply(resident, &input, event.webhook_event_id.as_deref(), now_ms).await?;
            let session = reply
                .session
                .map(serde_json::to_value)
                .transpose()
                .map_err(|e| ConversationError::Other(e.to_string()))?;
            Ok(Turn { messages: reply.messages, language: Some(reply.language), session })
        })
    }
}
