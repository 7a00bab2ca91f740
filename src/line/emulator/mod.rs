//! The LINE emulator: a chat page that plays LINE users, and LINE's API endpoints that the bot talks to while it runs.

mod api;
mod chat;
mod events;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use chat::Chats;

/// What the emulator needs to drive the real webhook.
#[derive(Clone)]
pub struct EmulatorConfig {
    /// The secret the emulator signs its webhooks with; the webhook accepts it.
    pub secret: Vec<u8>,
    /// Where the emulator posts webhooks: this server's own `/webhook`.
    pub webhook_url: String,
}

/// The emulator's shared state: its configuration, one HTTP client for webhooks, and the emulated chats.
#[derive(Clone)]
pub struct Emulator {
    config: Arc<EmulatorConfig>,
    http: reqwest::Client,
    chats: Arc<Mutex<Chats>>,
}

impl Emulator {
    fn new(config: EmulatorConfig) -> Emulator {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(2))
            .build()
            .unwrap_or_default();
        Emulator { config: Arc::new(config), http, chats: Arc::new(Mutex::new(Chats::default())) }
    }

    /// The chats, locked. A panic while the lock was held leaves plain data behind, so a poisoned lock is taken anyway.
    fn chats(&self) -> std::sync::MutexGuard<'_, Chats> {
        self.chats.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The largest photo the page may upload.
const PHOTO_LIMIT: usize = 20 * 1024 * 1024;

/// The emulator's routes, mounted at `/emulator`.
pub fn router(config: EmulatorConfig) -> Router {
    let emulator = Emulator::new(config);
    let page =
        Router::new().route("/", get(page_html)).route("/page.js", get(page_js)).route("/page.css", get(page_css));
    let api = Router::new()
        .route("/users", get(chat::list_users).post(chat::create_user))
        .route("/languages", get(chat::languages))
        .route("/users/{id}/messages", get(chat::timeline))
        .route("/users/{id}/text", post(chat::send_text))
        .route("/users/{id}/postback", post(chat::send_postback))
        .route("/users/{id}/image", post(chat::send_image).layer(DefaultBodyLimit::max(PHOTO_LIMIT)))
        .route("/users/{id}/location", post(chat::send_location))
        .route("/users/{id}/follow", post(chat::follow))
        .route("/users/{id}/unfollow", post(chat::unfollow));
    page.nest("/api", api).nest("/line", api::router()).with_state(emulator)
}

async fn page_html() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], include_str!("page.html"))
}

async fn page_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("page.js"))
}

async fn page_css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("page.css"))
}
