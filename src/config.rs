//! Configuration of `madoguchi serve`, from flags or the environment, checked before anything starts.

use crate::garbage::correct::LlmSettings;
use crate::line::client::{LineConfig, RetryPolicy};
use crate::line::signature::ChannelSecrets;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Every setting of the server; `madoguchi serve --help` lists each with its environment variable.
#[derive(Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "MADOGUCHI_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// SQLite database; the file and its folder are created if missing.
    #[arg(long, env = "MADOGUCHI_DATABASE_URL", default_value = "sqlite://data/madoguchi.db")]
    pub database_url: String,
    /// Channel secret(s) from the LINE Developers console; several, comma-separated, while rotating.
    #[arg(long, env = "LINE_CHANNEL_SECRET", hide_env_values = true, value_delimiter = ',')]
    pub channel_secret: Vec<String>,
    /// Channel access token (long-lived or v2.1); required with a channel secret.
    #[arg(long, env = "LINE_CHANNEL_ACCESS_TOKEN", hide_env_values = true)]
    pub channel_access_token: Option<String>,
    /// Base URL of the Messaging API.
    #[arg(long, env = "LINE_API_BASE_URL", default_value = "https://api.line.me", value_parser = parse_base_url)]
    pub line_api_base_url: String,
    /// Base URL of the Messaging API's data host (content downloads).
    #[arg(long, env = "LINE_DATA_API_BASE_URL", default_value = "https://api-data.line.me", value_parser = parse_base_url)]
    pub line_data_api_base_url: String,
    /// Serve the LINE emulator at /emulator and send the bot's LINE calls to it (on when no channel secret is set).
    #[arg(long, env = "MADOGUCHI_EMULATOR")]
    pub emulator: bool,
    /// Largest webhook body accepted, in bytes.
    #[arg(long, env = "MADOGUCHI_WEBHOOK_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub webhook_body_limit: usize,
    /// How many events are handled at once (events of one resident are always handled one at a time).
    #[arg(long, env = "MADOGUCHI_WORKERS", default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..))]
    pub workers: u16,
    /// Timeout of one LINE API call, in milliseconds.
    #[arg(long, env = "MADOGUCHI_LINE_TIMEOUT_MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub line_timeout_ms: u64,
    /// Attempts of one LINE API call before giving up (retries after 429, 5xx and timeouts).
    #[arg(long, env = "MADOGUCHI_LINE_ATTEMPTS", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=10))]
    pub line_attempts: u32,
    /// First retry delay in milliseconds; it doubles at each retry, up to 8 s.
    #[arg(long, env = "MADOGUCHI_LINE_RETRY_MS", default_value_t = 250)]
    pub line_retry_ms: u64,
    /// How often residents who went quiet mid-conversation are checked for a due idle reminder, in seconds.
    #[arg(long, env = "MADOGUCHI_REMINDER_SWEEP_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub reminder_sweep_seconds: u64,
    /// The operators' flow files; the flows built into the binary when the folder does not exist.
    #[arg(long, env = "MADOGUCHI_FLOWS", default_value = "flows")]
    pub flows: PathBuf,
    /// The operators' wording (Fluent files per language); the built-in wording when the folder does not exist.
    #[arg(long, env = "MADOGUCHI_LOCALES", default_value = "locales")]
    pub locales: PathBuf,
    /// The city whose garbage catalog residents are answered from (`madoguchi catalog import --city …`); `demo` is
    /// the demo city built into the binary.
    #[arg(long, env = "MADOGUCHI_CITY", default_value = crate::garbage::shelf::DEMO, value_parser = parse_city)]
    pub city: String,
    #[command(flatten)]
    pub llm: LlmArgs,
    /// Log format: `text` or `json`.
    #[arg(long, env = "MADOGUCHI_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub log_format: String,
}

/// The optional language model that rewrites garbage queries nothing matched (off unless a URL is given).
#[derive(Clone, Args)]
pub struct LlmArgs {
    /// OpenAI-compatible chat-completions endpoint (`…/v1/chat/completions` or `…/v1`); unset, no model is asked.
    #[arg(long = "llm-url", env = "MADOGUCHI_LLM_URL", value_parser = parse_base_url)]
    pub url: Option<String>,
    /// API key sent as a bearer token to the model's endpoint.
    #[arg(long = "llm-api-key", env = "MADOGUCHI_LLM_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// The model to ask; required with a URL.
    #[arg(long = "llm-model", env = "MADOGUCHI_LLM_MODEL")]
    pub model: Option<String>,
    /// How long to wait for the model before answering without it, in milliseconds.
    #[arg(long = "llm-timeout-ms", env = "MADOGUCHI_LLM_TIMEOUT_MS", default_value_t = 3000)]
    pub timeout_ms: u64,
}

impl LlmArgs {
    /// The model's settings, none when no URL is configured.
    pub fn settings(&self) -> Result<Option<LlmSettings>, ConfigError> {
        let Some(url) = &self.url else { return Ok(None) };
        let model = self.model.clone().filter(|m| !m.trim().is_empty()).ok_or(ConfigError::MissingLlmModel)?;
        Ok(Some(LlmSettings {
            url: url.clone(),
            api_key: self.api_key.clone().filter(|k| !k.trim().is_empty()),
            model,
            timeout: Duration::from_millis(self.timeout_ms),
        }))
    }
}

/// A city id: lower-case letters, digits and `-`, as it appears in commands and settings.
pub fn parse_city(value: &str) -> Result<String, String> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok { Ok(value.to_owned()) } else { Err("a city id is lower-case letters, digits, `-` and `_`".into()) }
}

fn parse_base_url(value: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(value).map_err(|error| format!("not a URL: {error}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("expected an http:// or https:// URL".into());
    }
    Ok(value.trim_end_matches('/').to_owned())
}

/// A setting that stops start-up, named in the message.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "LINE_CHANNEL_ACCESS_TOKEN is required when LINE_CHANNEL_SECRET is set (or run with --emulator to try the bot)"
    )]
    MissingAccessToken,
    #[error("MADOGUCHI_WEBHOOK_BODY_LIMIT must be at least 1024 bytes")]
    BodyLimitTooSmall,
    #[error("MADOGUCHI_LLM_MODEL is required when MADOGUCHI_LLM_URL is set")]
    MissingLlmModel,
}

/// The settings the server runs with, resolved from the arguments.
#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: SocketAddr,
    pub database_url: String,
    pub secrets: ChannelSecrets,
    pub emulator: bool,
    pub line: LineConfig,
    pub webhook_body_limit: usize,
    pub workers: usize,
    pub flows: PathBuf,
    pub locales: PathBuf,
    pub reminder_sweep: Duration,
    pub city: String,
    pub llm: Option<LlmSettings>,
}

impl ServeArgs {
    /// Resolves the arguments; with no channel secret the emulator is on.
    pub fn settings(&self) -> Result<Settings, ConfigError> {
        let secrets = ChannelSecrets::new(self.channel_secret.iter().map(|s| s.trim().to_owned()));
        let emulator = self.emulator || secrets.is_empty();
        let access_token = match (&self.channel_access_token, emulator) {
            (Some(token), _) if !token.trim().is_empty() => token.trim().to_owned(),
            (_, true) => String::new(),
            (_, false) => return Err(ConfigError::MissingAccessToken),
        };
        if self.webhook_body_limit < 1024 {
            return Err(ConfigError::BodyLimitTooSmall);
        }
        Ok(Settings {
            bind: self.bind,
            database_url: self.database_url.clone(),
            secrets,
            emulator,
            line: LineConfig {
                api_base: self.line_api_base_url.clone(),
                data_api_base: self.line_data_api_base_url.clone(),
                access_token,
                timeout: Duration::from_millis(self.line_timeout_ms),
                retry: RetryPolicy {
                    attempts: self.line_attempts,
                    first_delay: Duration::from_millis(self.line_retry_ms),
                    max_delay: Duration::from_secs(8),
                },
                max_content_bytes: 20 * 1024 * 1024,
            },
            webhook_body_limit: self.webhook_body_limit,
            workers: self.workers as usize,
            flows: self.flows.clone(),
            locales: self.locales.clone(),
            reminder_sweep: Duration::from_secs(self.reminder_sweep_seconds),
            city: self.city.clone(),
            llm: self.llm.settings()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        serve: ServeArgs,
    }

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("madoguchi").chain(args.iter().copied()))
    }

    #[test]
    fn without_a_channel_secret_the_emulator_is_on() {
        let settings = parse(&[]).unwrap().serve.settings().unwrap();
        assert!(settings.emulator);
        assert_eq!(settings.bind.to_string(), "127.0.0.1:8080");
    }

    #[test]
    fn a_secret_without_an_access_token_stops_start_up_naming_the_setting() {
        let error = parse(&["--channel-secret", "s"]).unwrap().serve.settings().unwrap_err();
        assert!(error.to_string().contains("LINE_CHANNEL_ACCESS_TOKEN"));
    }

    #[test]
    fn comma_separated_secrets_are_all_accepted() {
        let cli = parse(&["--channel-secret", "old,new", "--channel-access-token", "t"]).unwrap();
        let settings = cli.serve.settings().unwrap();
        assert!(!settings.emulator);
        let body = b"{}";
        assert!(settings.secrets.verify(body, &crate::line::signature::sign(b"new", body)));
        assert!(settings.secrets.verify(body, &crate::line::signature::sign(b"old", body)));
    }

    #[test]
    fn a_model_url_without_a_model_stops_start_up_naming_the_setting_and_the_key_is_never_shown() {
        let error = parse(&["--llm-url", "http://127.0.0.1:9/v1"]).unwrap().serve.settings().unwrap_err();
        assert!(error.to_string().contains("MADOGUCHI_LLM_MODEL"), "{error}");
        let cli = parse(&["--llm-url", "http://127.0.0.1:9/v1", "--llm-model", "m", "--llm-api-key", "sk-secret"]);
        let settings = cli.unwrap().serve.settings().unwrap();
        assert!(!format!("{settings:?}").contains("sk-secret"));
        assert!(parse(&["--city", "Bad City"]).is_err());
    }

    #[test]
    fn a_malformed_bind_address_is_refused_naming_the_setting() {
        let error = parse(&["--bind", "nowhere"]).err().unwrap().to_string();
        assert!(error.contains("--bind"), "{error}");
    }

    #[test]
    fn a_malformed_api_url_is_refused_naming_the_setting() {
        let error = parse(&["--line-api-base-url", "ftp:/x"]).err().unwrap().to_string();
        assert!(error.contains("--line-api-base-url"), "{error}");
    }

    #[test]
    fn secrets_never_appear_in_debug_output() {
        let cli = parse(&["--channel-secret", "s3cr3t", "--channel-access-token", "t0k3n"]).unwrap();
        let shown = format!("{:?}", cli.serve.settings().unwrap());
        assert!(!shown.contains("s3cr3t") && !shown.contains("t0k3n"), "{shown}");
    }
}
