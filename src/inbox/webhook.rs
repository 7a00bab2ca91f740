//! `POST /webhook`: read the raw bytes, verify LINE's signature, store every event, answer. Nothing else happens here.

use super::{Inbox, NewEvent};
use crate::line::event::{CallbackRequest, EventHead, Mode};
use crate::line::signature::ChannelSecrets;
use crate::metrics::Metrics;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// What the webhook needs: the secrets, the inbox and its limits.
#[derive(Clone)]
pub struct WebhookState {
    pub secrets: ChannelSecrets,
    pub inbox: Inbox,
    pub metrics: Metrics,
    pub body_limit: usize,
}

/// Why a webhook was refused; the client sees only the plain message.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("missing x-line-signature")]
    MissingSignature,
    #[error("invalid signature")]
    BadSignature,
    #[error("request body too large")]
    TooLarge,
    #[error("request body is not a LINE webhook: {0}")]
    NotJson(String),
    #[error("could not store the events")]
    Storage(#[from] super::store::StoreError),
}

impl WebhookError {
    fn reason(&self) -> &'static str {
        match self {
            WebhookError::MissingSignature => "missing_signature",
            WebhookError::BadSignature => "bad_signature",
            WebhookError::TooLarge => "too_large",
            WebhookError::NotJson(_) => "not_json",
            WebhookError::Storage(_) => "storage",
        }
    }
}

impl IntoResponse for WebhookError {
    fn into_response(self) -> Response {
        let status = match self {
            WebhookError::MissingSignature | WebhookError::BadSignature => StatusCode::UNAUTHORIZED,
            WebhookError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebhookError::NotJson(_) => StatusCode::BAD_REQUEST,
            WebhookError::Storage(ref error) => {
                tracing::error!(%error, "webhook not stored; LINE will deliver it again");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let message = match self {
            WebhookError::NotJson(_) => "request body is not a LINE webhook".to_owned(),
            other => other.to_string(),
        };
        (status, message).into_response()
    }
}

/// The webhook handler.
pub async fn receive(State(state): State<WebhookState>, headers: HeaderMap, body: Body) -> Response {
    match accept(&state, &headers, body).await {
        Ok(events) => {
            state.metrics.webhook("accepted", "ok");
            tracing::debug!(events, "webhook stored");
            (StatusCode::OK, "OK").into_response()
        }
        Err(error) => {
            state.metrics.webhook("rejected", error.reason());
            if !matches!(error, WebhookError::Storage(_)) {
                tracing::warn!(reason = error.reason(), %error, "webhook rejected");
            }
            error.into_response()
        }
    }
}

async fn accept(state: &WebhookState, headers: &HeaderMap, body: Body) -> Result<usize, WebhookError> {
    let signature = headers
        .get("x-line-signature")
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty())
        .ok_or(WebhookError::MissingSignature)?
        .to_owned();
    let bytes = axum::body::to_bytes(body, state.body_limit).await.map_err(|_| WebhookError::TooLarge)?;
    if !state.secrets.verify(&bytes, &signature) {
        return Err(WebhookError::BadSignature);
    }
    let request: CallbackRequest =
        serde_json::from_slice(&bytes).map_err(|error| WebhookError::NotJson(error.to_string()))?;
    let events: Vec<NewEvent> =
        request.events.iter().map(|raw| new_event(request.destination.as_deref(), raw.get())).collect();
    let count = events.len();
    state.inbox.store(events).await?;
    Ok(count)
}

/// Reads an event's identity; an event of unknown shape is still stored, keyed by a hash of its bytes.
fn new_event(destination: Option<&str>, raw: &str) -> NewEvent {
    let head: EventHead = serde_json::from_str(raw).unwrap_or_default();
    let is_redelivery = raw.contains("\"isRedelivery\":true") || raw.contains("\"isRedelivery\": true");
    let webhook_event_id = head
        .webhook_event_id
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| format!("sha256:{}", hex(&Sha256::digest(raw.as_bytes()))));
    let chat_key =
        head.source.as_ref().and_then(|source| source.user_id().or(source.chat_id())).unwrap_or("-").to_owned();
    let mut event_type = head.kind.unwrap_or_else(|| "?".to_owned());
    if head.mode == Some(Mode::Standby) {
        event_type.push_str("/standby");
    }
    NewEvent {
        webhook_event_id,
        chat_key,
        event_type,
        destination: destination.map(str::to_owned),
        body: raw.to_owned(),
        is_redelivery,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_keyed_by_its_webhook_event_id_and_its_user() {
        let event = new_event(
            Some("Ubot"),
            r#"{"type":"message","webhookEventId":"01ABC","source":{"type":"group","groupId":"C1","userId":"U9"},"deliveryContext":{"isRedelivery":true}}"#,
        );
        assert_eq!(event.webhook_event_id, "01ABC");
        assert_eq!(event.chat_key, "U9");
        assert!(event.is_redelivery);
        assert_eq!(event.event_type, "message");
    }

    #[test]
    fn an_old_event_without_an_id_is_keyed_by_a_hash_of_its_bytes() {
        let raw = r#"{"type":"follow","source":{"type":"user","userId":"U1"}}"#;
        assert_eq!(new_event(None, raw).webhook_event_id, new_event(None, raw).webhook_event_id);
        assert!(new_event(None, raw).webhook_event_id.starts_with("sha256:"));
    }

    #[test]
    fn an_event_that_is_not_an_object_is_still_kept() {
        let event = new_event(None, "42");
        assert_eq!(event.event_type, "?");
        assert_eq!(event.chat_key, "-");
    }
}
