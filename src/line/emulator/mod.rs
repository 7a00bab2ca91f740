//! The LINE emulator: a chat page that plays a LINE user, and LINE's API endpoints that the bot talks to while it runs.

use axum::Router;

/// What the emulator needs to drive the real webhook.
#[derive(Clone)]
pub struct EmulatorConfig {
    /// The secret the emulator signs its webhooks with; the webhook accepts it.
    pub secret: Vec<u8>,
    /// Where the emulator posts webhooks: this server's own `/webhook`.
    pub webhook_url: String,
}

/// The emulator's routes, mounted at `/emulator`.
pub fn router(_config: EmulatorConfig) -> Router {
    Router::new()
}
