//! A running server answering with the flow runtime, in this process: the real webhook, inbox, workers and LINE
//! client, with a mock of LINE's API that records each reply. Used by the tests and by `bench/flow_engine.rs`.

#![allow(dead_code)]

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use clap::Parser;
use madoguchi::flow::FlowRuntime;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const SECRET: &str = "flow-test-channel-secret";

#[derive(Parser)]
struct Serve {
    #[command(flatten)]
    args: madoguchi::config::ServeArgs,
}

#[derive(Default)]
struct Mock {
    replies: Mutex<HashMap<String, Vec<Value>>>,
    arrived: tokio::sync::Notify,
}

/// The server, its database folder and the mock LINE API.
pub struct Counter {
    pub address: std::net::SocketAddr,
    pub runtime: Arc<FlowRuntime>,
    mock: Arc<Mock>,
    client: reqwest::Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    running: Option<tokio::task::JoinHandle<()>>,
    _data: tempfile::TempDir,
}

impl Counter {
    /// Starts a server answering with `runtime`.
    pub async fn start(runtime: Arc<FlowRuntime>) -> Counter {
        let mock = Arc::new(Mock::default());
        let router = Router::new()
            .route("/v2/bot/message/reply", post(reply))
            .route("/v2/bot/message/push", post(|| async { axum::Json(json!({})) }))
            .route("/v2/bot/chat/loading/start", post(|| async { axum::http::StatusCode::ACCEPTED }))
            .route("/v2/bot/profile/{user}", get(profile))
            .with_state(mock.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let line = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        let data = tempfile::tempdir().unwrap();
        let database = format!("sqlite://{}", data.path().join("madoguchi.db").display());
        let serve = Serve::try_parse_from([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            &database,
            "--channel-secret",
            SECRET,
            "--channel-access-token",
            "flow-test-token",
            "--line-api-base-url",
            &line,
            "--line-data-api-base-url",
            &line,
        ])
        .unwrap();
        let server = madoguchi::startup::build(serve.args.settings().unwrap(), runtime.clone()).await.unwrap();
        let address = server.local_addr();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let running = tokio::spawn(async move {
            server
                .run(async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
        Counter {
            address,
            runtime,
            mock,
            client: reqwest::Client::new(),
            stop: Some(stop),
            running: Some(running),
            _data: data,
        }
    }

    /// Posts a signed webhook with one text message from `user` and waits for the bot's reply; returns the texts.
    pub async fn say(&self, user: &str, text: &str) -> Vec<String> {
        let token = ulid::Ulid::new().to_string();
        let event = json!({
            "type": "message", "mode": "active", "timestamp": 1, "webhookEventId": ulid::Ulid::new().to_string(),
            "deliveryContext": {"isRedelivery": false}, "source": {"type": "user", "userId": user},
            "replyToken": token, "message": {"type": "text", "id": "1", "text": text}
        });
        let body = json!({"destination": "Ubot", "events": [event]}).to_string();
        let signature = madoguchi::line::signature::sign(SECRET.as_bytes(), body.as_bytes());
        let response = self
            .client
            .post(format!("http://{}/webhook", self.address))
            .header("x-line-signature", signature)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.mock.arrived.notified();
            if let Some(messages) = self.mock.replies.lock().unwrap().remove(&token) {
                return messages.iter().map(|m| m["text"].as_str().unwrap_or_default().to_owned()).collect();
            }
            assert!(Instant::now() < deadline, "no reply to {text:?}");
            let _ = tokio::time::timeout(Duration::from_millis(50), notified).await;
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(running) = self.running.take() {
            running.await.unwrap();
        }
    }
}

async fn reply(State(mock): State<Arc<Mock>>, axum::Json(body): axum::Json<Value>) -> axum::Json<Value> {
    let token = body["replyToken"].as_str().unwrap_or_default().to_owned();
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    mock.replies.lock().unwrap().insert(token, messages);
    mock.arrived.notify_waiters();
    axum::Json(json!({}))
}

async fn profile(Path(user): Path<String>) -> axum::Json<Value> {
    axum::Json(json!({"userId": user, "displayName": "Resident", "language": "en"}))
}
