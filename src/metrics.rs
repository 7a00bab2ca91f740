//! The gateway's Prometheus metrics: webhooks by outcome, events by outcome, inbox depth, LINE API calls and processing latency.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::Arc;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct WebhookLabels {
    /// `accepted` or `rejected`.
    pub outcome: &'static str,
    /// Why a webhook was rejected (`missing_signature`, `bad_signature`, `not_json`, `too_large`, `storage`), or `ok`.
    pub reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct EventLabels {
    /// `answered`, `silent`, `ignored` or `failed`.
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ApiLabels {
    pub endpoint: &'static str,
    /// The HTTP status, or `timeout` / `error` when none came back.
    pub status: String,
}

/// Every metric the gateway exports, cheap to clone.
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    pub webhooks: Family<WebhookLabels, Counter>,
    pub events: Family<EventLabels, Counter>,
    pub inbox_depth: Gauge,
    pub api_calls: Family<ApiLabels, Counter>,
    pub processing_seconds: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("madoguchi");
        let webhooks = Family::<WebhookLabels, Counter>::default();
        let events = Family::<EventLabels, Counter>::default();
        let inbox_depth = Gauge::default();
        let api_calls = Family::<ApiLabels, Counter>::default();
        let processing_seconds = Histogram::new(exponential_buckets(0.001, 2.0, 14));
        registry.register("webhooks", "Webhook requests by outcome and reason", webhooks.clone());
        registry.register("events", "Webhook events handled by the workers, by outcome", events.clone());
        registry.register("inbox_depth", "Events stored and not yet handled", inbox_depth.clone());
        registry.register("line_api_calls", "Calls to the LINE API by endpoint and HTTP status", api_calls.clone());
        registry.register(
            "event_processing_seconds",
            "Time from an event being stored to its handling finishing",
            processing_seconds.clone(),
        );
        Metrics { registry: Arc::new(registry), webhooks, events, inbox_depth, api_calls, processing_seconds }
    }

    pub fn webhook(&self, outcome: &'static str, reason: &'static str) {
        self.webhooks.get_or_create(&WebhookLabels { outcome, reason }).inc();
    }

    pub fn event(&self, outcome: &'static str) {
        self.events.get_or_create(&EventLabels { outcome }).inc();
    }

    pub fn api_call(&self, endpoint: &'static str, status: String) {
        self.api_calls.get_or_create(&ApiLabels { endpoint, status }).inc();
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry).expect("writing to a String cannot fail");
        out
    }
}
