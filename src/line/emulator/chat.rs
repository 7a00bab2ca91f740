//! Emulated LINE users and their timelines, and the page's JSON API that lets a person act as one of them.

use super::Emulator;
use super::events::{self, Sent};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

/// How many entries a timeline keeps; older ones fall off.
const TIMELINE_LIMIT: usize = 500;
/// How many users, photos, reply tokens and retry keys the emulator keeps.
const USER_LIMIT: usize = 200;
const PHOTO_LIMIT: usize = 50;
const TOKEN_LIMIT: usize = 10_000;
/// How long a reply token stays usable, as on LINE.
const REPLY_TOKEN_LIFETIME: Duration = Duration::from_secs(60);

/// The languages a LINE account may be set to, as the page offers them.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("ja", "日本語"),
    ("en", "English"),
    ("zh-CN", "简体中文"),
    ("zh-TW", "繁體中文"),
    ("ko", "한국어"),
    ("vi", "Tiếng Việt"),
    ("ne", "नेपाली"),
    ("fil", "Filipino"),
    ("tl", "Tagalog"),
    ("pt-BR", "Português (Brasil)"),
    ("es", "Español"),
    ("th", "ไทย"),
    ("id", "Bahasa Indonesia"),
    ("my", "မြန်မာ"),
];

/// One emulated LINE user and what was said in their chat with the bot.
pub struct User {
    pub id: String,
    pub display_name: String,
    pub language: String,
    timeline: VecDeque<Entry>,
    typing_until: Option<Instant>,
}

/// One bubble in a timeline: what the user did, or one message the bot sent.
#[derive(Clone, serde::Serialize)]
pub struct Entry {
    seq: u64,
    from: &'static str,
    /// Milliseconds since the Unix epoch.
    at: i64,
    /// For the bot, the LINE message object as sent; for the user, what the page shows of their action.
    message: Value,
}

/// Everything the emulator remembers, bounded.
#[derive(Default)]
pub struct Chats {
    users: Vec<User>,
    next_seq: u64,
    /// Reply tokens issued and not yet used, with the user they answer and when they were issued.
    reply_tokens: HashMap<String, (String, Instant)>,
    token_order: VecDeque<String>,
    retry_keys: HashSet<String>,
    key_order: VecDeque<String>,
    photos: HashMap<String, (String, Bytes)>,
    photo_order: VecDeque<String>,
}

/// Keeps `order` and its set or map at most `limit` long by forgetting the oldest.
fn bound<T>(order: &mut VecDeque<String>, limit: usize, mut forget: impl FnMut(&str) -> T) {
    while order.len() > limit {
        if let Some(oldest) = order.pop_front() {
            forget(&oldest);
        }
    }
}

impl Chats {
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    fn user_mut(&mut self, id: &str) -> Option<&mut User> {
        self.users.iter_mut().find(|u| u.id == id)
    }

    fn add_user(&mut self, display_name: String, language: String) -> &User {
        let id = format!("U{}", uuid::Uuid::new_v4().simple());
        self.users.push(User { id, display_name, language, timeline: VecDeque::new(), typing_until: None });
        if self.users.len() > USER_LIMIT {
            self.users.remove(0);
        }
        self.users.last().expect("a user was just added")
    }

    /// Adds an entry to a user's timeline; false if the user is unknown.
    pub fn record(&mut self, user_id: &str, from: &'static str, message: Value) -> bool {
        self.next_seq += 1;
        let seq = self.next_seq;
        let Some(user) = self.user_mut(user_id) else { return false };
        if from == "bot" {
            user.typing_until = None;
        }
        user.timeline.push_back(Entry { seq, from, at: now_millis(), message });
        if user.timeline.len() > TIMELINE_LIMIT {
            user.timeline.pop_front();
        }
        true
    }

    /// Issues a reply token for one event of `user_id`.
    pub fn issue_reply_token(&mut self, user_id: &str) -> String {
        let token = uuid::Uuid::new_v4().simple().to_string();
        self.reply_tokens.insert(token.clone(), (user_id.to_owned(), Instant::now()));
        self.token_order.push_back(token.clone());
        let tokens = &mut self.reply_tokens;
        bound(&mut self.token_order, TOKEN_LIMIT, |t| tokens.remove(t));
        token
    }

    /// Uses a reply token up, giving the user it answers, or `None` if it was never issued, was used already or
    /// has expired.
    pub fn use_reply_token(&mut self, token: &str) -> Option<String> {
        let (user_id, issued) = self.reply_tokens.remove(token)?;
        (issued.elapsed() <= REPLY_TOKEN_LIFETIME).then_some(user_id)
    }

    /// Remembers a push's retry key; false if it was seen before.
    pub fn accept_retry_key(&mut self, key: &str) -> bool {
        if !self.retry_keys.insert(key.to_owned()) {
            return false;
        }
        self.key_order.push_back(key.to_owned());
        let keys = &mut self.retry_keys;
        bound(&mut self.key_order, TOKEN_LIMIT, |k| keys.remove(k));
        true
    }

    pub fn store_photo(&mut self, message_id: &str, content_type: String, bytes: Bytes) {
        self.photos.insert(message_id.to_owned(), (content_type, bytes));
        self.photo_order.push_back(message_id.to_owned());
        let photos = &mut self.photos;
        bound(&mut self.photo_order, PHOTO_LIMIT, |id| photos.remove(id));
    }

    pub fn photo(&self, message_id: &str) -> Option<(String, Bytes)> {
        self.photos.get(message_id).cloned()
    }

    /// Shows "typing…" in a user's chat for `seconds`, or until the bot's next message.
    pub fn start_typing(&mut self, user_id: &str, seconds: u64) -> bool {
        let Some(user) = self.user_mut(user_id) else { return false };
        user.typing_until = Some(Instant::now() + Duration::from_secs(seconds));
        true
    }
}

pub fn now_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// What went wrong with a call from the page.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("no such user")]
    NoSuchUser,
    #[error("{0}")]
    Invalid(&'static str),
    #[error("the webhook did not take the event: {0}")]
    Webhook(String),
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = match self {
            PageError::NoSuchUser => StatusCode::NOT_FOUND,
            PageError::Invalid(_) => StatusCode::BAD_REQUEST,
            PageError::Webhook(_) => StatusCode::BAD_GATEWAY,
        };
        if status == StatusCode::BAD_GATEWAY {
            tracing::warn!(error = %self, "emulator webhook failed");
        }
        (status, Json(json!({ "message": self.to_string() }))).into_response()
    }
}

fn user_json(user: &User) -> Value {
    json!({ "id": user.id, "displayName": user.display_name, "language": user.language })
}

pub async fn languages() -> Json<Value> {
    Json(LANGUAGES.iter().map(|(code, name)| json!({ "code": code, "name": name })).collect())
}

pub async fn list_users(State(emulator): State<Emulator>) -> Json<Value> {
    Json(emulator.chats().users.iter().map(user_json).collect())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewUser {
    display_name: String,
    language: String,
}

pub async fn create_user(
    State(emulator): State<Emulator>,
    Json(new): Json<NewUser>,
) -> Result<(StatusCode, Json<Value>), PageError> {
    let name = new.display_name.trim();
    if name.is_empty() || name.chars().count() > 20 {
        return Err(PageError::Invalid("a display name has 1 to 20 characters"));
    }
    if !LANGUAGES.iter().any(|(code, _)| *code == new.language) {
        return Err(PageError::Invalid("unknown language"));
    }
    let mut chats = emulator.chats();
    let user = chats.add_user(name.to_owned(), new.language);
    Ok((StatusCode::CREATED, Json(user_json(user))))
}

#[derive(Deserialize)]
pub struct After {
    #[serde(default)]
    after: u64,
}

/// The entries of a user's timeline after `after`, and whether the bot is typing.
pub async fn timeline(
    State(emulator): State<Emulator>,
    Path(id): Path<String>,
    Query(query): Query<After>,
) -> Result<Json<Value>, PageError> {
    let chats = emulator.chats();
    let user = chats.user(&id).ok_or(PageError::NoSuchUser)?;
    let entries: Vec<&Entry> = user.timeline.iter().filter(|e| e.seq > query.after).collect();
    let typing = user.typing_until.is_some_and(|until| until > Instant::now());
    Ok(Json(json!({ "messages": entries, "typing": typing })))
}

#[derive(Deserialize)]
pub struct Text {
    text: String,
}

pub async fn send_text(
    State(emulator): State<Emulator>,
    Path(id): Path<String>,
    Json(body): Json<Text>,
) -> Result<Json<Value>, PageError> {
    if body.text.trim().is_empty() || body.text.chars().count() > 5000 {
        return Err(PageError::Invalid("a text has 1 to 5000 characters"));
    }
    events::send(&emulator, &id, Sent::Text(body.text)).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostbackTap {
    data: String,
    /// What the user's bubble shows: the action's displayText or label; nothing when absent.
    #[serde(default)]
    display_text: Option<String>,
    /// A datetime picker's choice: `{"date": "2026-11-23"}`, `{"time": "10:00"}` or `{"datetime": "2026-11-23T10:00"}`.
    #[serde(default)]
    params: Option<serde_json::Map<String, Value>>,
}

pub async fn send_postback(
    State(emulator): State<Emulator>,
    Path(id): Path<String>,
    Json(tap): Json<PostbackTap>,
) -> Result<Json<Value>, PageError> {
    if let Some(params) = &tap.params
        && !params.keys().all(|k| matches!(k.as_str(), "date" | "time" | "datetime"))
    {
        return Err(PageError::Invalid("params take date, time or datetime"));
    }
    let sent = Sent::Postback { data: tap.data, display_text: tap.display_text, params: tap.params };
    events::send(&emulator, &id, sent).await
}

/// Takes the photo's bytes as the body, with its content type.
pub async fn send_image(
    State(emulator): State<Emulator>,
    Path(id): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<Value>, PageError> {
    if bytes.is_empty() {
        return Err(PageError::Invalid("the photo is empty"));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|t| t.starts_with("image/"))
        .unwrap_or("image/jpeg")
        .to_owned();
    events::send(&emulator, &id, Sent::Image { content_type, bytes }).await
}

#[derive(Deserialize)]
pub struct Place {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    address: Option<String>,
    latitude: f64,
    longitude: f64,
}

pub async fn send_location(
    State(emulator): State<Emulator>,
    Path(id): Path<String>,
    Json(place): Json<Place>,
) -> Result<Json<Value>, PageError> {
    if !(-90.0..=90.0).contains(&place.latitude) || !(-180.0..=180.0).contains(&place.longitude) {
        return Err(PageError::Invalid("latitude is -90 to 90 and longitude -180 to 180"));
    }
    let sent = Sent::Location {
        title: place.title.filter(|t| !t.is_empty()),
        address: place.address.filter(|a| !a.is_empty()),
        latitude: place.latitude,
        longitude: place.longitude,
    };
    events::send(&emulator, &id, sent).await
}

pub async fn follow(State(emulator): State<Emulator>, Path(id): Path<String>) -> Result<Json<Value>, PageError> {
    events::send(&emulator, &id, Sent::Follow).await
}

pub async fn unfollow(State(emulator): State<Emulator>, Path(id): Path<String>) -> Result<Json<Value>, PageError> {
    events::send(&emulator, &id, Sent::Unfollow).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_token_answers_its_user_once() {
        let mut chats = Chats::default();
        let user = chats.add_user("Ana".into(), "en".into()).id.clone();
        let token = chats.issue_reply_token(&user);
        assert_eq!(chats.use_reply_token(&token), Some(user));
        assert_eq!(chats.use_reply_token(&token), None);
        assert_eq!(chats.use_reply_token("never-issued"), None);
    }

    #[test]
    fn a_retry_key_is_accepted_once() {
        let mut chats = Chats::default();
        assert!(chats.accept_retry_key("k"));
        assert!(!chats.accept_retry_key("k"));
    }

    #[test]
    fn a_timeline_keeps_only_its_latest_entries_and_a_bot_message_ends_typing() {
        let mut chats = Chats::default();
        let user = chats.add_user("Ana".into(), "en".into()).id.clone();
        assert!(chats.start_typing(&user, 5));
        for n in 0..TIMELINE_LIMIT + 10 {
            chats.record(&user, "bot", json!({ "type": "text", "text": n.to_string() }));
        }
        let kept = &chats.user(&user).unwrap().timeline;
        assert_eq!(kept.len(), TIMELINE_LIMIT);
        assert_eq!(kept.front().unwrap().message["text"], "10");
        assert!(chats.user(&user).unwrap().typing_until.is_none());
        assert!(!chats.record("Unobody", "bot", json!({})));
    }
}
