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
        let session: Option<Session> = match resident.session.clone().map(serde_json::from_value) {
            Some(Ok(session)) => Some(session),
            Some(Err(error)) => {
                // A session this version cannot read: the resident starts afresh rather than meeting an error.
                tracing::warn!(user = %resident.user_id, %error, "unreadable session dropped");
                None
            }
            None => None,
        };
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
    /// The idle reminder due for a resident at `now_ms` (see [`engine::remind`]); the gateway's reminder sweep asks.
    fn remind(&self, resident: &Resident, now_ms: i64) -> Option<Turn> {
        let session: Session = serde_json::from_value(resident.session.clone()?).ok()?;
        let reply = engine::remind(&self.playbook(), &session, now_ms)?;
        let session = reply.session.and_then(|s| serde_json::to_value(s).ok());
        Some(Turn { messages: reply.messages, language: Some(reply.language), session })
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line::message::Message;

    #[tokio::test]
    async fn the_embedded_defaults_load_and_welcome_a_new_friend_in_the_language_of_their_profile() {
        let runtime = FlowRuntime::embedded(crate::services::without_database()).unwrap();
        let resident =
            Resident { user_id: "U1".into(), profile_language: Some("ko-KR".into()), language: None, session: None };
        let follow =
            Event::parse(r#"{"type":"follow","timestamp":1,"source":{"type":"user","userId":"U1"},"replyToken":"r"}"#)
                .unwrap();
        let turn = runtime.respond(&resident, &follow, 0).await.unwrap();
        assert_eq!(turn.language.as_deref(), Some("ko"));
        let Message::Text { text, .. } = &turn.messages[0] else { panic!("{turn:?}") };
        assert!(text.starts_with("시청 LINE 상담 창구에 오신 것을 환영합니다"), "{text}");
        assert_eq!(turn.session.unwrap()["at"]["flow"], "welcome");
    }

    #[tokio::test]
    async fn events_no_flow_answers_leave_the_resident_as_they_were() {
        let runtime = FlowRuntime::embedded(crate::services::without_database()).unwrap();
        let session = serde_json::json!({"language": "en", "at": {"flow": "menu", "step": "choose", "version": "x"}});
        let resident = Resident {
            user_id: "U1".into(),
            profile_language: None,
            language: Some("en".into()),
            session: Some(session.clone()),
        };
        let unfollow =
            Event::parse(r#"{"type":"unfollow","timestamp":1,"source":{"type":"user","userId":"U1"}}"#).unwrap();
        let turn = runtime.respond(&resident, &unfollow, 0).await.unwrap();
        assert!(turn.messages.is_empty());
        assert_eq!(turn.session, Some(session));
    }
}
