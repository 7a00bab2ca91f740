//! What an emulated user does, turned into a webhook body shaped as LINE's, signed and POSTed to the real webhook.

use super::Emulator;
use super::chat::{PageError, now_millis};
use axum::Json;
use axum::body::Bytes;
use serde_json::{Map, Value, json};

/// The bot's own user ID, as LINE puts it in `destination`.
const DESTINATION: &str = "U0000000000000000000000000emulator";

/// One thing an emulated user does in their chat.
pub enum Sent {
    Text(String),
    Postback { data: String, display_text: Option<String>, params: Option<Map<String, Value>> },
    Image { content_type: String, bytes: Bytes },
    Location { title: Option<String>, address: Option<String>, latitude: f64, longitude: f64 },
    Follow,
    Unfollow,
}

/// A message ID as LINE writes them: a string of digits.
fn message_id() -> String {
    format!("{}", rand::random_range(100_000_000_000_000_000_u64..1_000_000_000_000_000_000))
}

/// Records the user's action in their timeline, sends the event to the webhook, and answers what was sent.
pub async fn send(emulator: &Emulator, user_id: &str, sent: Sent) -> Result<Json<Value>, PageError> {
    let body = {
        let mut chats = emulator.chats();
        if chats.user(user_id).is_none() {
            return Err(PageError::NoSuchUser);
        }
        let reply_token = (!matches!(sent, Sent::Unfollow)).then(|| chats.issue_reply_token(user_id));
        let mut event = json!({
            "mode": "active",
            "timestamp": now_millis(),
            "source": { "type": "user", "userId": user_id },
            "webhookEventId": ulid::Ulid::new().to_string(),
            "deliveryContext": { "isRedelivery": false },
        });
        if let Some(token) = reply_token {
            event["replyToken"] = token.into();
        }
        let shown = describe(&mut chats, &sent, &mut event);
        if let Some(shown) = shown {
            chats.record(user_id, "user", shown);
        }
        json!({ "destination": DESTINATION, "events": [event] }).to_string()
    };
    deliver(emulator, body.clone()).await?;
    let sent: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    Ok(Json(sent))
}

/// Fills in the event's type and content, stores a photo for the content endpoint, and gives what the user's
/// bubble shows (nothing for a postback without display text).
fn describe(chats: &mut super::Chats, sent: &Sent, event: &mut Value) -> Option<Value> {
    match sent {
        Sent::Text(text) => {
            event["type"] = "message".into();
            event["message"] = json!({
                "id": message_id(), "type": "text", "quoteToken": quote_token(), "text": text,
            });
            Some(json!({ "type": "text", "text": text }))
        }
        Sent::Postback { data, display_text, params } => {
            event["type"] = "postback".into();
            let mut postback = json!({ "data": data });
            if let Some(params) = params {
                postback["params"] = Value::Object(params.clone());
            }
            event["postback"] = postback;
            let chosen = params.as_ref().and_then(|p| p.values().next()).and_then(Value::as_str);
            match (display_text, chosen) {
                (Some(text), _) => Some(json!({ "type": "text", "text": text })),
                (None, Some(chosen)) => Some(json!({ "type": "text", "text": chosen })),
                (None, None) => None,
            }
        }
        Sent::Image { content_type, bytes } => {
            let id = message_id();
            chats.store_photo(&id, content_type.clone(), bytes.clone());
            event["type"] = "message".into();
            event["message"] = json!({
                "id": id, "type": "image", "quoteToken": quote_token(),
                "contentProvider": { "type": "line" },
            });
            Some(json!({ "type": "image", "messageId": id }))
        }
        Sent::Location { title, address, latitude, longitude } => {
            event["type"] = "message".into();
            let mut message = json!({
                "id": message_id(), "type": "location", "latitude": latitude, "longitude": longitude,
            });
            if let Some(title) = title {
                message["title"] = title.as_str().into();
            }
            if let Some(address) = address {
                message["address"] = address.as_str().into();
            }
            event["message"] = message.clone();
            Some(message)
        }
        Sent::Follow => {
            event["type"] = "follow".into();
            event["follow"] = json!({ "isUnblocked": false });
            Some(json!({ "type": "event", "text": "followed the account" }))
        }
        Sent::Unfollow => {
            event["type"] = "unfollow".into();
            Some(json!({ "type": "event", "text": "blocked the account" }))
        }
    }
}

fn quote_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// POSTs a body to the webhook, signed as LINE signs it.
async fn deliver(emulator: &Emulator, body: String) -> Result<(), PageError> {
    let signature = crate::line::signature::sign(&emulator.config.secret, body.as_bytes());
    let response = emulator
        .http
        .post(&emulator.config.webhook_url)
        .header("content-type", "application/json")
        .header("x-line-signature", signature)
        .body(body)
        .send()
        .await
        .map_err(|error| PageError::Webhook(error.to_string()))?;
    if !response.status().is_success() {
        return Err(PageError::Webhook(format!("status {}", response.status())));
    }
    Ok(())
}
