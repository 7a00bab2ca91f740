//! Optional AI correction: when a query finds nothing good, an OpenAI-compatible chat-completions endpoint rewrites
//! it into likely official item names, which are then looked up in the city's own catalog. The answer always comes
//! from the city's data, never from the model; a timeout or an error leaves the plain answer.

use super::search::{Hit, Index};
use serde_json::{Value, json};
use std::time::Duration;

/// Under this best score a query is worth asking the model about.
const GOOD: f64 = 0.9;
/// A hit found through the model's rewriting counts a little less than the same hit found directly.
const DISCOUNT: f64 = 0.95;
/// At most this many names are taken from the model's answer.
const NAMES: usize = 5;

/// Where the model is and how long to wait for it.
#[derive(Clone)]
pub struct LlmSettings {
    /// The chat-completions endpoint (`…/v1/chat/completions`), or the API's base (`…/v1`).
    pub url: String,
    pub api_key: Option<String>,
    pub model: String,
    pub timeout: Duration,
}

impl std::fmt::Debug for LlmSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmSettings")
            .field("url", &self.url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<hidden>"))
            .field("model", &self.model)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Why the model gave nothing usable.
#[derive(Debug, thiserror::Error)]
pub enum CorrectError {
    #[error("the language model could not be reached: {0}")]
    Http(#[from] reqwest::Error),
    #[error("the language model answered {status}: {body}")]
    Status { status: u16, body: String },
    #[error("the language model's answer has no message content")]
    NoContent,
}

/// A client of the configured model.
pub struct Corrector {
    client: reqwest::Client,
    endpoint: String,
    settings: LlmSettings,
}

impl Corrector {
    pub fn new(settings: LlmSettings) -> Result<Corrector, CorrectError> {
        let client = reqwest::Client::builder().timeout(settings.timeout).build()?;
        let base = settings.url.trim_end_matches('/');
        let endpoint =
            if base.ends_with("/chat/completions") { base.to_owned() } else { format!("{base}/chat/completions") };
        Ok(Corrector { client, endpoint, settings })
    }

    /// Likely official item names for what a resident wrote, best first.
    pub async fn rewrite(&self, query: &str, language: &str) -> Result<Vec<String>, CorrectError> {
        let body = json!({
            "model": self.settings.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": INSTRUCTIONS},
                {"role": "user", "content": format!("({language}) {query}")},
            ],
        });
        let mut request = self.client.post(&self.endpoint).json(&body);
        if let Some(key) = &self.settings.api_key {
            request = request.bearer_auth(key);
        }
        let response = request.send().await?;
        let status = response.status();
        if !status.is_success() {
            let body: String = response.text().await.unwrap_or_default().chars().take(200).collect();
            return Err(CorrectError::Status { status: status.as_u16(), body });
        }
        let answer: Value = response.json().await?;
        let content = answer["choices"][0]["message"]["content"].as_str().ok_or(CorrectError::NoContent)?;
        Ok(names(content))
    }
}

const INSTRUCTIONS: &str = "A resident of a Japanese city wants to know how to throw something away and wrote \
what is in the user message (its language in brackets; it may be misspelt, in romaji, in another language, or a \
description). Reply with up to three names of the item as a Japanese city's garbage-sorting list would write it \
(for example ドライヤー, 電子レンジ, 傘), most likely first, one per line, and nothing else. Do not say how to \
dispose of it.";

/// The item names in a model's answer: one per line, list marks, numbers and quotes dropped.
fn names(content: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in content.lines().flat_map(|l| l.split(['、', ','])) {
        let name = line
            .trim()
            .trim_start_matches(|c: char| c.is_ascii_digit() || "-*・.)）. ".contains(c))
            .trim_matches(|c: char| "\"'「」`".contains(c) || c.is_whitespace());
        if !name.is_empty() && name.chars().count() <= 40 && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
        if names.len() == NAMES {
            break;
        }
    }
    names
}

/// Searches `index`; when nothing good is found and a model is configured, also the model's rewritings of the
/// query, merged with the direct hits. Errors are logged and leave the direct hits.
pub async fn search(
    index: &Index,
    corrector: Option<&Corrector>,
    query: &str,
    language: &str,
    limit: usize,
    floor: f64,
) -> Vec<Hit> {
    let mut hits = index.search(query, limit, floor);
    let Some(corrector) = corrector else { return hits };
    if hits.first().is_some_and(|best| best.score >= GOOD) {
        return hits;
    }
    match corrector.rewrite(query, language).await {
        Ok(names) => {
            tracing::debug!(?names, "the language model rewrote a garbage query");
            for name in names {
                for hit in index.search(&name, limit, floor) {
                    let score = hit.score * DISCOUNT;
                    match hits.iter_mut().find(|h| h.item == hit.item) {
                        Some(known) => known.score = known.score.max(score),
                        None => hits.push(Hit { item: hit.item, score }),
                    }
                }
            }
            index.rank(&mut hits);
            hits.truncate(limit);
        }
        Err(error) => tracing::warn!(%error, "garbage query not corrected; answering without the language model"),
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn a_models_answer_is_read_as_names_one_per_line_without_list_marks() {
        assert_eq!(
            names("1. ドライヤー\n2. 「ヘアドライヤー」\n- 電子レンジ、トースター\n\n"),
            ["ドライヤー", "ヘアドライヤー", "電子レンジ", "トースター"]
        );
    }
}
