//! LINE's Messaging API as the bot calls it (reply, push, profile, content, loading), answered the way LINE answers.

use super::Emulator;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, extract::rejection::JsonRejection};
use serde_json::{Value, json};

/// The access token the server is given in emulator mode.
const TOKEN: &str = "emulator";

/// The API routes, mounted at `/emulator/line`.
pub fn router() -> Router<Emulator> {
    Router::new()
        .route("/v2/bot/message/reply", post(reply))
        .route("/v2/bot/message/push", post(push))
        .route("/v2/bot/profile/{user_id}", get(profile))
        .route("/v2/bot/message/{message_id}/content", get(content))
        .route("/v2/bot/chat/loading/start", post(loading))
        .layer(middleware::from_fn(authorise))
}

/// A refusal as LINE writes it: a status and `{"message": ...}`, with a request ID.
struct Refusal(StatusCode, &'static str);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        line_error(self.0, self.1)
    }
}

fn line_error(status: StatusCode, message: &str) -> Response {
    (status, [("x-line-request-id", request_id())], Json(json!({ "message": message }))).into_response()
}

fn ok(body: Value) -> Response {
    (StatusCode::OK, [("x-line-request-id", request_id())], Json(body)).into_response()
}

fn request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn authorise(request: Request, next: Next) -> Response {
    let bearer = request.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    if bearer != Some(&format!("Bearer {TOKEN}")) {
        return line_error(
            StatusCode::UNAUTHORIZED,
            "Authentication failed. Confirm that the access token in the authorization header is valid.",
        );
    }
    next.run(request).await
}

fn json_body(body: Result<Json<Value>, JsonRejection>) -> Result<Value, Refusal> {
    body.map(|Json(v)| v).map_err(|_| Refusal(StatusCode::BAD_REQUEST, "The request body could not be parsed"))
}

/// The messages of a reply or push body: 1 to 5 objects, each with a type.
fn messages(body: &Value) -> Result<Vec<Value>, Refusal> {
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    if messages.is_empty() || messages.len() > 5 || messages.iter().any(|m| !m["type"].is_string()) {
        return Err(Refusal(StatusCode::BAD_REQUEST, "The request body has 1 error(s)"));
    }
    Ok(messages)
}

async fn reply(
    State(emulator): State<Emulator>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Response, Refusal> {
    let body = json_body(body)?;
    let messages = messages(&body)?;
    let mut chats = emulator.chats();
    let user_id = body["replyToken"]
        .as_str()
        .and_then(|t| chats.use_reply_token(t))
        .ok_or(Refusal(StatusCode::BAD_REQUEST, "Invalid reply token"))?;
    for message in messages {
        chats.record(&user_id, "bot", message);
    }
    Ok(ok(json!({ "sentMessages": [] })))
}

async fn push(
    State(emulator): State<Emulator>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Response, Refusal> {
    let body = json_body(body)?;
    let messages = messages(&body)?;
    let mut chats = emulator.chats();
    let to = body["to"]
        .as_str()
        .filter(|to| chats.user(to).is_some())
        .map(str::to_owned)
        .ok_or(Refusal(StatusCode::BAD_REQUEST, "The property, 'to', in the request body is invalid"))?;
    if let Some(key) = headers.get("x-line-retry-key").and_then(|v| v.to_str().ok())
        && !chats.accept_retry_key(key)
    {
        return Err(Refusal(StatusCode::CONFLICT, "The retry key is already accepted"));
    }
    for message in messages {
        chats.record(&to, "bot", message);
    }
    Ok(ok(json!({ "sentMessages": [] })))
}

async fn profile(State(emulator): State<Emulator>, Path(user_id): Path<String>) -> Response {
    let chats = emulator.chats();
    match chats.user(&user_id) {
        Some(user) => ok(json!({
            "displayName": user.display_name,
            "userId": user.id,
            "language": user.language,
        })),
        None => line_error(StatusCode::NOT_FOUND, "Not found"),
    }
}

async fn content(State(emulator): State<Emulator>, Path(message_id): Path<String>) -> Response {
    match emulator.chats().photo(&message_id) {
        Some((content_type, bytes)) => {
            (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], Bytes::clone(&bytes)).into_response()
        }
        None => line_error(StatusCode::NOT_FOUND, "Not found"),
    }
}

async fn loading(
    State(emulator): State<Emulator>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Response, Refusal> {
    let body = json_body(body)?;
    let seconds = body["loadingSeconds"].as_u64().unwrap_or(20).clamp(5, 60);
    let started = body["chatId"].as_str().is_some_and(|chat| emulator.chats().start_typing(chat, seconds));
    if !started {
        return Err(Refusal(StatusCode::BAD_REQUEST, "The property, 'chatId', in the request body is invalid"));
    }
    Ok(ok(json!({})))
}
