//! The LINE Messaging API client: reply, push with retry keys, image content, profiles and the loading animation, with bounded retries.

use crate::line::message::{self, LimitViolation, Message};
use crate::metrics::Metrics;
use bytes::Bytes;
use serde::Deserialize;
use std::time::Duration;

/// How often and how patiently a call is retried after a 429, a 5xx or no answer.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub attempts: u32,
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { attempts: 5, first_delay: Duration::from_millis(250), max_delay: Duration::from_secs(8) }
    }
}

/// Where LINE is and how to talk to it.
#[derive(Clone)]
pub struct LineConfig {
    pub api_base: String,
    pub data_api_base: String,
    pub access_token: String,
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// The largest content download accepted.
    pub max_content_bytes: usize,
}

impl std::fmt::Debug for LineConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineConfig")
            .field("api_base", &self.api_base)
            .field("data_api_base", &self.data_api_base)
            .field("access_token", &"[redacted]")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Why a LINE API call did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum LineError {
    #[error("message breaks LINE's limits at {0}")]
    Limit(#[from] LimitViolation),
    #[error("the reply token was rejected as invalid or expired")]
    InvalidReplyToken,
    #[error("LINE refused {endpoint} with {status}: {message} (x-line-request-id {request_id})")]
    Refused { endpoint: &'static str, status: u16, message: String, request_id: String },
    #[error("LINE did not accept {endpoint} after {attempts} attempts; last: {last}")]
    GaveUp { endpoint: &'static str, attempts: u32, last: String },
    #[error("content of message {id} is larger than {limit} bytes")]
    TooLarge { id: String, limit: usize },
    #[error("{what} {id:?} is not a LINE ID")]
    BadId { what: &'static str, id: String },
}

/// How a reply reached the resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivered {
    Reply,
    Push,
    /// The token was refused after an earlier attempt went unanswered: that attempt most likely got through.
    ReplyPresumed,
    /// LINE had already accepted a push with this retry key.
    PushAlreadyAccepted,
}

/// A resident's LINE profile.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub picture_url: Option<String>,
    #[serde(default)]
    pub status_message: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Vec<ErrorDetail>,
}

#[derive(Debug, Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    message: String,
    #[serde(default)]
    property: String,
}

/// The outcome of one call after retries, before it is interpreted per endpoint.
enum Outcome {
    Ok(reqwest::Response),
    Conflict,
    Refused { status: u16, message: String, request_id: String, after_unanswered: bool },
}

/// One shared HTTP client for every call to LINE.
#[derive(Clone)]
pub struct LineClient {
    http: reqwest::Client,
    config: LineConfig,
    metrics: Metrics,
}

fn check_id(what: &'static str, id: &str) -> Result<(), LineError> {
    if id.is_empty() || id.len() > 100 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(LineError::BadId { what, id: id.to_owned() });
    }
    Ok(())
}

fn request_id(response: &reqwest::Response) -> String {
    response.headers().get("x-line-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-").to_owned()
}

impl LineClient {
    pub fn new(config: LineConfig, metrics: Metrics) -> Result<LineClient, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .pool_max_idle_per_host(64)
            .user_agent(concat!("madoguchi/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(LineClient { http, config, metrics })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.api_base.trim_end_matches('/'))
    }

    /// Sends a request built afresh for each attempt, retrying 429, 5xx and unanswered calls with exponential backoff.
    async fn call(
        &self,
        endpoint: &'static str,
        build: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<Outcome, LineError> {
        let policy = self.config.retry;
        let mut delay = policy.first_delay;
        let mut unanswered = false;
        let mut last = String::new();
        for attempt in 1..=policy.attempts.max(1) {
            match build().bearer_auth(&self.config.access_token).send().await {
                Ok(response) => {
                    let status = response.status();
                    let request_id = request_id(&response);
                    self.metrics.api_call(endpoint, status.as_u16().to_string());
                    if status.is_success() {
                        tracing::debug!(endpoint, status = status.as_u16(), request_id, "LINE accepted");
                        return Ok(Outcome::Ok(response));
                    }
                    if status.as_u16() == 409 {
                        tracing::info!(endpoint, request_id, "LINE had already accepted this retry key");
                        return Ok(Outcome::Conflict);
                    }
                    let body: ErrorBody = response.json().await.unwrap_or_default();
                    let mut message = body.message;
                    for detail in body.details {
                        message.push_str(&format!("; {}: {}", detail.property, detail.message));
                    }
                    if status.as_u16() == 429 || status.is_server_error() {
                        unanswered |= status.is_server_error();
                        last = format!("{status}: {message} (x-line-request-id {request_id})");
                        tracing::warn!(
                            endpoint,
                            status = status.as_u16(),
                            request_id,
                            attempt,
                            "LINE asked us to retry"
                        );
                    } else {
                        tracing::warn!(endpoint, status = status.as_u16(), request_id, %message, "LINE refused");
                        return Ok(Outcome::Refused {
                            status: status.as_u16(),
                            message,
                            request_id,
                            after_unanswered: unanswered,
                        });
                    }
                }
                Err(error) => {
                    let kind = if error.is_timeout() { "timeout" } else { "error" };
                    self.metrics.api_call(endpoint, kind.to_owned());
                    unanswered = true;
                    last = format!("{kind}: {error}");
                    tracing::warn!(endpoint, attempt, error = %error, "LINE did not answer");
                }
            }
            if attempt < policy.attempts {
                let jitter = rand::random_range(0.8..1.2);
                tokio::time::sleep(delay.mul_f64(jitter)).await;
                delay = (delay * 2).min(policy.max_delay);
            }
        }
        Err(LineError::GaveUp { endpoint, attempts: policy.attempts, last })
    }

    fn refused(endpoint: &'static str, status: u16, message: String, request_id: String) -> LineError {
        LineError::Refused { endpoint, status, message, request_id }
    }

    /// Answers with a reply token (single use, so no retry key). A refused token is `InvalidReplyToken` unless an
    /// earlier attempt went unanswered, in which case that attempt most likely got through.
    pub async fn reply(&self, reply_token: &str, messages: &[Message]) -> Result<Delivered, LineError> {
        message::check(messages)?;
        let body = serde_json::json!({ "replyToken": reply_token, "messages": messages });
        let url = self.url("/v2/bot/message/reply");
        match self.call("reply", || self.http.post(&url).json(&body)).await? {
            Outcome::Ok(_) => Ok(Delivered::Reply),
            Outcome::Conflict => Ok(Delivered::ReplyPresumed),
            Outcome::Refused { status: 400, message, after_unanswered, .. }
                if message.to_ascii_lowercase().contains("reply token") =>
            {
                if after_unanswered {
                    Ok(Delivered::ReplyPresumed)
                } else {
                    Err(LineError::InvalidReplyToken)
                }
            }
            Outcome::Refused { status, message, request_id, .. } => {
                Err(Self::refused("reply", status, message, request_id))
            }
        }
    }

    /// Pushes to a chat with `retry_key`, the same key on every attempt, so LINE delivers the messages once.
    pub async fn push(&self, to: &str, messages: &[Message], retry_key: &str) -> Result<Delivered, LineError> {
        message::check(messages)?;
        let body = serde_json::json!({ "to": to, "messages": messages });
        let url = self.url("/v2/bot/message/push");
        match self.call("push", || self.http.post(&url).header("X-Line-Retry-Key", retry_key).json(&body)).await? {
            Outcome::Ok(_) => Ok(Delivered::Push),
            Outcome::Conflict => Ok(Delivered::PushAlreadyAccepted),
            Outcome::Refused { status, message, request_id, .. } => {
                Err(Self::refused("push", status, message, request_id))
            }
        }
    }

    /// A resident's profile; its `language` seeds theirs.
    pub async fn profile(&self, user_id: &str) -> Result<Profile, LineError> {
        check_id("user ID", user_id)?;
        let url = self.url(&format!("/v2/bot/profile/{user_id}"));
        match self.call("profile", || self.http.get(&url)).await? {
            Outcome::Ok(response) => response.json().await.map_err(|error| LineError::GaveUp {
                endpoint: "profile",
                attempts: 1,
                last: format!("unreadable profile: {error}"),
            }),
            Outcome::Conflict => Err(Self::refused("profile", 409, "conflict".into(), "-".into())),
            Outcome::Refused { status, message, request_id, .. } => {
                Err(Self::refused("profile", status, message, request_id))
            }
        }
    }

    /// Downloads what a resident sent (an image) from LINE's data host, refusing anything over the size limit.
    pub async fn content(&self, message_id: &str) -> Result<Bytes, LineError> {
        check_id("message ID", message_id)?;
        let limit = self.config.max_content_bytes;
        let url = format!("{}/v2/bot/message/{message_id}/content", self.config.data_api_base.trim_end_matches('/'));
        let mut response = match self.call("content", || self.http.get(&url)).await? {
            Outcome::Ok(response) => response,
            Outcome::Conflict => return Err(Self::refused("content", 409, "conflict".into(), "-".into())),
            Outcome::Refused { status, message, request_id, .. } => {
                return Err(Self::refused("content", status, message, request_id));
            }
        };
        if response.content_length().is_some_and(|length| length as usize > limit) {
            return Err(LineError::TooLarge { id: message_id.to_owned(), limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|error| LineError::GaveUp {
            endpoint: "content",
            attempts: 1,
            last: error.to_string(),
        })? {
            if body.len() + chunk.len() > limit {
                return Err(LineError::TooLarge { id: message_id.to_owned(), limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.into())
    }

    /// Shows the typing indicator in a one-to-one chat for `seconds` (5 to 60, in steps of 5).
    pub async fn start_loading(&self, chat_id: &str, seconds: u32) -> Result<(), LineError> {
        check_id("chat ID", chat_id)?;
        let seconds = (seconds.clamp(5, 60) / 5) * 5;
        let body = serde_json::json!({ "chatId": chat_id, "loadingSeconds": seconds });
        let url = self.url("/v2/bot/chat/loading/start");
        match self.call("loading", || self.http.post(&url).json(&body)).await? {
            Outcome::Ok(_) | Outcome::Conflict => Ok(()),
            Outcome::Refused { status, message, request_id, .. } => {
                Err(Self::refused("loading", status, message, request_id))
            }
        }
    }
}
