//! Webhook load benchmark: distinct signed webhooks at rising rates against the release server and a mock LINE API,
//! reporting the acknowledged rate, acknowledgement and end-to-end latency, losses, doubles and peak memory.
//!
//! Run: `cargo bench --bench webhook_load` (rates and step length: `BENCH_RATES=1000,2000 BENCH_SECONDS=5`).

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use madoguchi::line::signature::sign;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};

const SECRET: &str = "bench-secret";
const RESIDENTS: usize = 2_000;

#[derive(Default)]
struct Replies {
    /// Reply token → when each reply call arrived.
    arrived: Mutex<HashMap<String, Vec<Instant>>>,
}

async fn reply(State(replies): State<Arc<Replies>>, axum::Json(body): axum::Json<Value>) -> axum::Json<Value> {
    let token = body["replyToken"].as_str().unwrap_or_default().to_owned();
    replies.arrived.lock().unwrap().entry(token).or_default().push(Instant::now());
    axum::Json(json!({"sentMessages": []}))
}

async fn profile(Path(user): Path<String>) -> axum::Json<Value> {
    axum::Json(json!({"userId": user, "displayName": "Resident", "language": "ja"}))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rates: Vec<u64> = std::env::var("BENCH_RATES")
        .unwrap_or_else(|_| "1000,2500,5000,7500".into())
        .split(',')
        .map(|r| r.trim().parse().expect("BENCH_RATES is a list of numbers"))
        .collect();
    let seconds: u64 = std::env::var("BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);

    let replies = Arc::new(Replies::default());
    let mock = Router::new()
        .route("/v2/bot/message/reply", post(reply))
        .route("/v2/bot/profile/{user}", get(profile))
        .route("/v2/bot/chat/loading/start", post(|| async { "{}" }))
        .with_state(replies.clone());
    // LINE's servers are not on our two cores: the mock stands in for them on a thread of its own at the lowest
    // priority, so that it takes what the server and the generator leave.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mock_url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        // SAFETY: setpriority only reads its integer arguments; `who = 0` names the calling thread.
        unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 19) };
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            listener.set_nonblocking(true).unwrap();
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, mock).await
        })
    });

    let dir = tempfile::tempdir().unwrap();
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("serve")
        .env("MADOGUCHI_BIND", "127.0.0.1:0")
        .env("MADOGUCHI_DATABASE_URL", format!("sqlite://{}", dir.path().join("bench.db").display()))
        .env("LINE_CHANNEL_SECRET", SECRET)
        .env("LINE_CHANNEL_ACCESS_TOKEN", "bench-token")
        .env("LINE_API_BASE_URL", &mock_url)
        .env("LINE_DATA_API_BASE_URL", &mock_url)
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the release binary starts");
    let pid = server.id().unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let addr = lines.next_line().await.unwrap().unwrap().trim_start_matches("listening on ").to_owned();
    let url = format!("http://{addr}/webhook");
    let http = reqwest::Client::builder().pool_max_idle_per_host(512).build().unwrap();

    println!(
        "webhook load on {} cores; {seconds} s per step; {RESIDENTS} residents",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "{:>8} {:>10} {:>9} {:>9} {:>10} {:>10} {:>6} {:>7} {:>9}",
        "target/s", "acked/s", "ack p50", "ack p99", "e2e p50", "e2e p99", "lost", "double", "peak MiB"
    );
    let mut sequence = 0_u64;
    // A warm-up first, not reported: every resident's first contact (a profile call each), and the server's caches
    // and connections, as a server that has been running has them.
    let warm_up = (1_000, RESIDENTS as u64 / 1_000, false);
    for (rate, seconds, reported) in std::iter::once(warm_up).chain(rates.into_iter().map(|rate| (rate, seconds, true)))
    {
        let total = rate * seconds;
        let sent: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
        let acks: Arc<Mutex<Vec<Duration>>> = Arc::default();
        let failures = Arc::new(std::sync::atomic::AtomicU64::new(0));
        // Bodies and signatures are made before the step, so the clock measures the server, not the generator.
        let bodies: Vec<(String, String, String)> = (0..total)
            .map(|_| {
                sequence += 1;
                let token = format!("bench-{sequence}");
                let event = json!({
                    "type": "message", "mode": "active", "timestamp": 1_700_000_000_000_i64 + sequence as i64,
                    "webhookEventId": format!("01BENCH{sequence:020}"), "deliveryContext": {"isRedelivery": false},
                    "source": {"type": "user", "userId": format!("Ubench{:05}", sequence as usize % RESIDENTS)},
                    "replyToken": token,
                    "message": {"type": "text", "id": sequence.to_string(), "quoteToken": "q", "text": "menu"}
                });
                let payload = json!({"destination": "Ubench", "events": [event]}).to_string();
                let signature = sign(SECRET.as_bytes(), payload.as_bytes());
                (token, payload, signature)
            })
            .collect();
        let mut tasks = Vec::with_capacity(total as usize);
        let started = Instant::now();
        for (n, (token, payload, signature)) in bodies.into_iter().enumerate() {
            let due = started + Duration::from_secs_f64(n as f64 / rate as f64);
            tokio::time::sleep_until(due.into()).await;
            let (http, url, sent, acks, failures) =
                (http.clone(), url.clone(), sent.clone(), acks.clone(), failures.clone());
            tasks.push(tokio::spawn(async move {
                let at = Instant::now();
                sent.lock().unwrap().insert(token, at);
                let ok = http
                    .post(&url)
                    .header("x-line-signature", signature)
                    .header("content-type", "application/json")
                    .body(payload)
                    .send()
                    .await
                    .is_ok_and(|r| r.status() == 200);
                if ok {
                    acks.lock().unwrap().push(at.elapsed());
                } else {
                    failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let elapsed = started.elapsed();
        // Wait for the workers to answer everything acknowledged in this step.
        let deadline = Instant::now() + Duration::from_secs(60);
        let sent = sent.lock().unwrap().clone();
        loop {
            let answered = {
                let arrived = replies.arrived.lock().unwrap();
                sent.keys().filter(|t| arrived.contains_key(*t)).count()
            };
            if answered >= sent.len() || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut acks = acks.lock().unwrap().clone();
        acks.sort();
        let arrived = replies.arrived.lock().unwrap();
        let mut e2e: Vec<Duration> = Vec::new();
        let (mut lost, mut doubled) = (0, 0);
        for (token, at) in &sent {
            match arrived.get(token).map(Vec::as_slice) {
                None | Some([]) => lost += 1,
                Some([first, rest @ ..]) => {
                    e2e.push(first.duration_since(*at));
                    doubled += usize::from(!rest.is_empty());
                }
            }
        }
        drop(arrived);
        e2e.sort();
        if !reported {
            continue;
        }
        println!(
            "{:>8} {:>10.0} {:>7.2}ms {:>7.2}ms {:>8.1}ms {:>8.1}ms {:>6} {:>7} {:>9.1}",
            rate,
            acks.len() as f64 / elapsed.as_secs_f64(),
            percentile(&acks, 0.5).as_secs_f64() * 1e3,
            percentile(&acks, 0.99).as_secs_f64() * 1e3,
            percentile(&e2e, 0.5).as_secs_f64() * 1e3,
            percentile(&e2e, 0.99).as_secs_f64() * 1e3,
            lost + failures.load(std::sync::atomic::Ordering::Relaxed) as usize,
            doubled,
            peak_rss_kib(pid) as f64 / 1024.0,
        );
    }
    let _ = server.start_kill();
}
