//! A running server answering with the flow runtime (in this process, or the `madoguchi` binary itself): the real
//! webhook, inbox, workers and LINE client, with a mock of LINE's API that records each reply. Used by the tests and
//! by `bench/flow_engine.rs`.

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
    mock: Arc<Mock>,
    client: reqwest::Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    running: Option<tokio::task::JoinHandle<()>>,
    /// The `madoguchi serve` process, when the server is the binary.
    pub process: Option<tokio::process::Child>,
    /// Where the database and the log are; kept until the counter is dropped.
    data: Arc<tempfile::TempDir>,
}

/// Starts the mock LINE API; returns it and its base URL.
async fn start_mock() -> (Arc<Mock>, String) {
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
    (mock, line)
}

impl Counter {
    /// Starts a server in this process answering with `runtime`.
    pub async fn start(runtime: Arc<FlowRuntime>) -> Counter {
        let (mock, line) = start_mock().await;
        let data = Arc::new(tempfile::tempdir().unwrap());
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
        let server = madoguchi::startup::build(serve.args.settings().unwrap(), async move |_pool| {
            Ok(runtime as Arc<dyn madoguchi::conversation::Conversation>)
        })
        .await
        .unwrap();
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
            mock,
            client: reqwest::Client::new(),
            stop: Some(stop),
            running: Some(running),
            process: None,
            data,
        }
    }

    /// Starts `madoguchi serve` with the flows and locales of the given folders.
    pub async fn spawn_binary(flows: &std::path::Path, locales: &std::path::Path) -> Counter {
        Counter::spawn_binary_in(Arc::new(tempfile::tempdir().unwrap()), flows, locales).await
    }

    /// Starts `madoguchi serve` on the database in `data` (as a restart after `stop` would).
    pub async fn spawn_binary_in(
        data: Arc<tempfile::TempDir>,
        flows: &std::path::Path,
        locales: &std::path::Path,
    ) -> Counter {
        use tokio::io::AsyncBufReadExt;
        let (mock, line) = start_mock().await;
        let log = std::fs::File::create(data.path().join("server.log")).unwrap();
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .arg("serve")
            .env_remove("RUST_LOG")
            .env_remove("MADOGUCHI_EMULATOR")
            .env("MADOGUCHI_BIND", "127.0.0.1:0")
            .env("MADOGUCHI_DATABASE_URL", format!("sqlite://{}", data.path().join("madoguchi.db").display()))
            .env("LINE_CHANNEL_SECRET", SECRET)
            .env("LINE_CHANNEL_ACCESS_TOKEN", "flow-test-token")
            .env("LINE_API_BASE_URL", &line)
            .env("LINE_DATA_API_BASE_URL", &line)
            .env("MADOGUCHI_FLOWS", flows)
            .env("MADOGUCHI_LOCALES", locales)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("the madoguchi binary starts");
        let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let first = tokio::time::timeout(Duration::from_secs(30), lines.next_line()).await.unwrap().unwrap();
        let Some(first) = first else {
            panic!("the server exited: {}", std::fs::read_to_string(data.path().join("server.log")).unwrap_or_default())
        };
        let address = first.trim_start_matches("listening on ").parse().expect("an address");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Counter { address, mock, client: reqwest::Client::new(), stop: None, running: None, process: Some(child), data }
    }

    /// What the binary logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.data.path().join("server.log")).unwrap_or_default()
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

    /// The folder of the database and the log, to start the server again on them.
    pub fn data(&self) -> Arc<tempfile::TempDir> {
        self.data.clone()
    }

    /// Stops the server: SIGTERM for the binary, so it shuts down gracefully.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(running) = self.running.take() {
            running.await.unwrap();
        }
        if let Some(mut process) = self.process.take() {
            if let Some(pid) = process.id() {
                let _ = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
            }
            if tokio::time::timeout(Duration::from_secs(10), process.wait()).await.is_err() {
                let _ = process.start_kill();
                let _ = process.wait().await;
            }
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
