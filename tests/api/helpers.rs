//! Test helpers: a mock LINE API that records calls and misbehaves on cue, and the real server started as a process.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use madoguchi::line::signature::sign;
use serde_json::{Value, json};
use sqlx::SqlitePool;
use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub const SECRET: &str = "test-channel-secret";

/// What the mock does with one call before its normal behaviour.
#[derive(Debug, Clone)]
pub enum Misbehave {
    Status(u16),
    /// Answers normally, but only after this long.
    Slow(Duration),
    /// Never answers.
    Hang,
    /// Accepts the messages (LINE delivers them) and then never answers, as when the network drops the response.
    AcceptThenHang,
}

/// One call the bot made to the mock LINE API.
#[derive(Debug, Clone)]
pub struct Call {
    pub endpoint: &'static str,
    pub body: Value,
    pub retry_key: Option<String>,
    pub status: u16,
    /// When the call arrived and when it was answered, on one counter shared by all calls.
    pub arrived: u64,
    pub answered: u64,
}

#[derive(Default)]
struct MockState {
    calls: Mutex<Vec<Call>>,
    arrivals: Mutex<Vec<&'static str>>,
    clock: std::sync::atomic::AtomicU64,
    script: Mutex<HashMap<&'static str, VecDeque<Misbehave>>>,
    delay: Mutex<Option<Duration>>,
    used_tokens: Mutex<HashSet<String>>,
    accepted_keys: Mutex<HashSet<String>>,
    /// Reply tokens LINE considers expired from the start.
    expired_tokens: Mutex<HashSet<String>>,
}

impl MockState {
    fn tick(&self) -> u64 {
        self.clock.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    }
}

/// A mock of api.line.me and api-data.line.me on loopback.
#[derive(Clone)]
pub struct MockLine {
    pub addr: SocketAddr,
    state: Arc<MockState>,
}

impl MockLine {
    pub async fn start() -> MockLine {
        let state = Arc::new(MockState::default());
        let router = Router::new()
            .route("/v2/bot/message/reply", post(reply))
            .route("/v2/bot/message/push", post(push))
            .route("/v2/bot/profile/{user}", get(profile))
            .route("/v2/bot/message/{id}/content", get(content))
            .route("/v2/bot/chat/loading/start", post(loading))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        MockLine { addr, state }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The next calls to `endpoint` misbehave in this order.
    pub fn script(&self, endpoint: &'static str, behaviour: impl IntoIterator<Item = Misbehave>) {
        self.state.script.lock().unwrap().entry(endpoint).or_default().extend(behaviour);
    }

    /// Every reply and push takes this long to answer.
    pub fn delay_every_call(&self, delay: Duration) {
        *self.state.delay.lock().unwrap() = Some(delay);
    }

    pub fn expire_token(&self, token: &str) {
        self.state.expired_tokens.lock().unwrap().insert(token.to_owned());
    }

    pub fn calls(&self) -> Vec<Call> {
        self.state.calls.lock().unwrap().clone()
    }

    pub fn calls_to(&self, endpoint: &str) -> Vec<Call> {
        self.calls().into_iter().filter(|c| c.endpoint == endpoint).collect()
    }

    /// Calls LINE accepted (2xx), to reply or push.
    pub fn delivered(&self) -> Vec<Call> {
        self.calls().into_iter().filter(|c| matches!(c.endpoint, "reply" | "push") && c.status < 300).collect()
    }

    /// Waits until `done` holds of the calls, or panics after `seconds`.
    pub async fn wait_for(&self, seconds: u64, what: &str, done: impl Fn(&[Call]) -> bool) -> Vec<Call> {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let calls = self.calls();
            if done(&calls) {
                return calls;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; calls so far: {calls:#?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until a call to `endpoint` has arrived, answered or not.
    pub async fn wait_for_arrival(&self, seconds: u64, endpoint: &str) {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while !self.state.arrivals.lock().unwrap().contains(&endpoint) {
            assert!(Instant::now() < deadline, "no call to {endpoint} arrived");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// Takes the next scripted behaviour for `endpoint`, hanging forever where told to.
async fn misbehave(state: &MockState, endpoint: &'static str) -> (u64, Option<Misbehave>) {
    let arrived = state.tick();
    state.arrivals.lock().unwrap().push(endpoint);
    let next = state.script.lock().unwrap().get_mut(endpoint).and_then(VecDeque::pop_front);
    match next {
        Some(Misbehave::Slow(delay)) => {
            tokio::time::sleep(delay).await;
            (arrived, None)
        }
        Some(Misbehave::Hang) => std::future::pending().await,
        None => {
            let delay = *state.delay.lock().unwrap();
            if let Some(delay) = delay.filter(|_| matches!(endpoint, "reply" | "push")) {
                tokio::time::sleep(delay).await;
            }
            (arrived, None)
        }
        other => (arrived, other),
    }
}

fn record(state: &MockState, endpoint: &'static str, headers: &HeaderMap, body: Value, status: u16, arrived: u64) {
    let retry_key = headers.get("x-line-retry-key").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let answered = state.tick();
    state.calls.lock().unwrap().push(Call { endpoint, body, retry_key, status, arrived, answered });
}

fn line_error(status: u16, message: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    (status, [("x-line-request-id", "mock-request")], axum::Json(json!({ "message": message }))).into_response()
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some("Bearer test-access-token")
}

async fn reply(
    State(state): State<Arc<MockState>>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let (arrived, scripted) = misbehave(&state, "reply").await;
    if let Some(Misbehave::Status(status)) = scripted {
        record(&state, "reply", &headers, body, status, arrived);
        return line_error(status, "An error occurred in the backend");
    }
    if !authorised(&headers) {
        record(&state, "reply", &headers, body, 401, arrived);
        return line_error(401, "Authentication failed");
    }
    let token = body["replyToken"].as_str().unwrap_or_default().to_owned();
    let fresh =
        !state.expired_tokens.lock().unwrap().contains(&token) && state.used_tokens.lock().unwrap().insert(token);
    if !fresh {
        record(&state, "reply", &headers, body, 400, arrived);
        return line_error(400, "Invalid reply token");
    }
    record(&state, "reply", &headers, body, 200, arrived);
    if let Some(Misbehave::AcceptThenHang) = scripted {
        std::future::pending::<()>().await;
    }
    (StatusCode::OK, [("x-line-request-id", "mock-request")], axum::Json(json!({"sentMessages": []}))).into_response()
}

async fn push(
    State(state): State<Arc<MockState>>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let (arrived, scripted) = misbehave(&state, "push").await;
    if let Some(Misbehave::Status(status)) = scripted {
        record(&state, "push", &headers, body, status, arrived);
        return line_error(status, "An error occurred in the backend");
    }
    let key = headers.get("x-line-retry-key").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    if !key.is_empty() && !state.accepted_keys.lock().unwrap().insert(key) {
        record(&state, "push", &headers, body, 409, arrived);
        return line_error(409, "The retry key is already accepted");
    }
    record(&state, "push", &headers, body, 200, arrived);
    if let Some(Misbehave::AcceptThenHang) = scripted {
        std::future::pending::<()>().await;
    }
    (StatusCode::OK, axum::Json(json!({"sentMessages": []}))).into_response()
}

async fn profile(State(state): State<Arc<MockState>>, Path(user): Path<String>, headers: HeaderMap) -> Response {
    let (arrived, scripted) = misbehave(&state, "profile").await;
    if let Some(Misbehave::Status(status)) = scripted {
        record(&state, "profile", &headers, Value::Null, status, arrived);
        return line_error(status, "error");
    }
    record(&state, "profile", &headers, Value::Null, 200, arrived);
    axum::Json(json!({"userId": user, "displayName": "Resident", "language": "en"})).into_response()
}

async fn content(State(state): State<Arc<MockState>>, headers: HeaderMap) -> Response {
    let (arrived, _) = misbehave(&state, "content").await;
    record(&state, "content", &headers, Value::Null, 200, arrived);
    ([("content-type", "image/jpeg")], vec![0xFF, 0xD8, 0xFF]).into_response()
}

async fn loading(
    State(state): State<Arc<MockState>>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let (arrived, _) = misbehave(&state, "loading").await;
    record(&state, "loading", &headers, body, 202, arrived);
    (StatusCode::ACCEPTED, axum::Json(json!({}))).into_response()
}

/// The real `madoguchi serve`, as a child process with its own database file.
pub struct App {
    pub addr: SocketAddr,
    pub mock: MockLine,
    child: Child,
    dir: Arc<tempfile::TempDir>,
    env: Vec<(String, String)>,
    pub http: reqwest::Client,
    run: u32,
}

impl App {
    /// Starts the server against `mock` with extra environment settings.
    pub async fn spawn(mock: &MockLine, env: &[(&str, &str)]) -> App {
        let dir = Arc::new(tempfile::tempdir().unwrap());
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let (child, addr) = start(&dir, mock, &env, 0).await;
        App { addr, mock: mock.clone(), child, dir, env, http: reqwest::Client::new(), run: 0 }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn database_url(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("madoguchi.db").display())
    }

    /// Everything the server has logged so far, over all its runs.
    pub fn log(&self) -> String {
        (0..=self.run)
            .map(|run| std::fs::read_to_string(self.dir.path().join(format!("server-{run}.log"))).unwrap_or_default())
            .collect()
    }

    pub async fn db(&self) -> SqlitePool {
        madoguchi::db::connect(&self.database_url()).await.unwrap()
    }

    /// Posts `body` with the given signature header (none when `None`).
    pub async fn post(&self, body: impl Into<Vec<u8>>, signature: Option<&str>) -> reqwest::Response {
        let mut request =
            self.http.post(self.url("/webhook")).header("content-type", "application/json").body(body.into());
        if let Some(signature) = signature {
            request = request.header("x-line-signature", signature);
        }
        request.send().await.unwrap()
    }

    /// Posts `body` signed with the channel secret.
    pub async fn post_signed(&self, body: &str) -> reqwest::Response {
        self.post(body.to_owned(), Some(&sign(SECRET.as_bytes(), body.as_bytes()))).await
    }

    /// Kills the process at once, as a crash would.
    pub async fn crash(&mut self) {
        self.child.start_kill().unwrap();
        self.child.wait().await.unwrap();
    }

    /// Starts the server again on the same database.
    pub async fn restart(&mut self) {
        self.run += 1;
        let (child, addr) = start(&self.dir, &self.mock, &self.env, self.run).await;
        self.child = child;
        self.addr = addr;
    }

    /// Sends SIGTERM and waits for the process to exit.
    pub async fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().expect("running").to_string();
        std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        tokio::time::timeout(Duration::from_secs(30), self.child.wait()).await.expect("exits after SIGTERM").unwrap()
    }

    /// Each event's inbox state, in arrival order.
    pub async fn event_states(&self) -> Vec<(String, String, Option<String>)> {
        let pool = self.db().await;
        let rows: Vec<(String, String, Option<String>)> =
            sqlx::query_as("SELECT webhook_event_id, state, note FROM inbox_events ORDER BY id")
                .fetch_all(&pool)
                .await
                .unwrap();
        pool.close().await;
        rows
    }

    /// Waits until no stored event is pending.
    pub async fn wait_until_handled(&self, seconds: u64) -> Vec<(String, String, Option<String>)> {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let states = self.event_states().await;
            if states.iter().all(|(_, state, _)| state != "pending") {
                return states;
            }
            if Instant::now() > deadline {
                panic!("events still pending: {states:#?}\nlog:\n{}", self.log());
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

async fn start(dir: &tempfile::TempDir, mock: &MockLine, env: &[(String, String)], run: u32) -> (Child, SocketAddr) {
    let log = std::fs::File::create(dir.path().join(format!("server-{run}.log"))).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    command
        .arg("serve")
        .env_remove("RUST_LOG")
        .env("MADOGUCHI_BIND", "127.0.0.1:0")
        .env("MADOGUCHI_DATABASE_URL", format!("sqlite://{}", dir.path().join("madoguchi.db").display()))
        .env("LINE_CHANNEL_SECRET", SECRET)
        .env("LINE_CHANNEL_ACCESS_TOKEN", "test-access-token")
        .env("LINE_API_BASE_URL", mock.url())
        .env("LINE_DATA_API_BASE_URL", mock.url())
        .env("MADOGUCHI_LINE_TIMEOUT_MS", "400")
        .env("MADOGUCHI_LINE_RETRY_MS", "20")
        .env_remove("MADOGUCHI_EMULATOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .kill_on_drop(true);
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("the madoguchi binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .expect("the server says where it listens")
        .unwrap()
        .unwrap_or_else(|| {
            panic!(
                "the server exited: {}",
                std::fs::read_to_string(dir.path().join(format!("server-{run}.log"))).unwrap_or_default()
            )
        });
    let addr = line.trim_start_matches("listening on ").parse().expect("an address");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, addr)
}

/// A webhook body of one text message event.
pub fn text_event(event_id: &str, user: &str, text: &str) -> Value {
    json!({
        "type": "message", "mode": "active", "timestamp": 1_700_000_000_000_i64,
        "webhookEventId": event_id, "deliveryContext": {"isRedelivery": false},
        "source": {"type": "user", "userId": user},
        "replyToken": format!("token-{event_id}"),
        "message": {"type": "text", "id": format!("m-{event_id}"), "quoteToken": "q", "text": text}
    })
}

pub fn body(events: &[Value]) -> String {
    json!({"destination": "Ubot0000000000000000000000000000", "events": events}).to_string()
}

/// Copies the shipped flows and locales under `into`, with the message `key` of `locale` worded as `text`; returns
/// the two folders for `MADOGUCHI_FLOWS` and `MADOGUCHI_LOCALES`.
pub fn shipped_flows_with(into: &std::path::Path, locale: &str, key: &str, text: &str) -> (String, String) {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &to.join(entry.file_name()));
            } else {
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (flows, locales) = (into.join("flows"), into.join("locales"));
    copy(&root.join("flows"), &flows);
    copy(&root.join("locales"), &locales);
    let mut found = false;
    for file in std::fs::read_dir(locales.join(locale)).unwrap() {
        let path = file.unwrap().path();
        let wording = std::fs::read_to_string(&path).unwrap();
        let changed: Vec<String> = wording
            .lines()
            .map(|line| match line.split_once(" = ") {
                Some((name, _)) if name == key => {
                    found = true;
                    format!("{key} = {text}")
                }
                _ => line.to_owned(),
            })
            .collect();
        std::fs::write(&path, changed.join("\n") + "\n").unwrap();
    }
    assert!(found, "{key} is worded in locales/{locale}");
    (flows.display().to_string(), locales.display().to_string())
}
