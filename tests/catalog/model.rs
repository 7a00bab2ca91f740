//! The optional language model, against a mock chat-completions endpoint on loopback: its rewritings are looked up
//! in the city's catalog; its errors and silences leave the plain answer.

use axum::{Json, Router, http::StatusCode, routing::post};
use madoguchi::garbage::catalog::demo;
use madoguchi::garbage::correct::{Corrector, LlmSettings, search};
use madoguchi::garbage::search::Index;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A mock endpoint answering `reply` (or failing with `status`), keeping the requests it saw.
async fn endpoint(status: StatusCode, reply: &'static str, delay: Duration) -> (String, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = seen.clone();
    let app = Router::new().route(
        "/v1/chat/completions",
        post(move |headers: axum::http::HeaderMap, Json(body): Json<Value>| async move {
            kept.lock().unwrap().push(
                json!({"body": body, "auth": headers.get("authorization").map(|v| v.to_str().unwrap().to_owned())}),
            );
            tokio::time::sleep(delay).await;
            (status, Json(json!({"choices": [{"message": {"role": "assistant", "content": reply}}]})))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{address}/v1"), seen)
}

fn corrector(url: String, timeout: Duration) -> Corrector {
    Corrector::new(LlmSettings { url, api_key: Some("sk-test".into()), model: "m".into(), timeout }).unwrap()
}

fn names(index: &Index, hits: &[madoguchi::garbage::search::Hit]) -> Vec<String> {
    hits.iter().map(|h| index.item(h.item).unwrap().full_name()).collect()
}

#[tokio::test]
async fn a_query_nothing_matched_is_rewritten_by_the_model_and_answered_from_the_citys_catalog() {
    let (url, seen) = endpoint(StatusCode::OK, "1. 乾電池\n2. 宇宙船", Duration::ZERO).await;
    let index = Index::new(demo());
    let query = "glorbs for the clicker";
    assert!(index.search(query, 3, 0.45).first().is_none_or(|h| index.item(h.item).unwrap().name != "乾電池"));
    let hits = search(&index, Some(&corrector(url, Duration::from_secs(2))), query, "en", 3, 0.45).await;
    assert_eq!(names(&index, &hits)[0], "乾電池", "the model's name, found in the city's data");
    assert!(
        !names(&index, &hits).iter().any(|n| n.contains("宇宙船")),
        "a name the city does not have is not answered"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0]["auth"], "Bearer sk-test");
    assert_eq!(seen[0]["body"]["model"], "m");
    assert!(seen[0]["body"]["messages"][1]["content"].as_str().unwrap().contains(query));
}

#[tokio::test]
async fn a_good_direct_match_does_not_ask_the_model() {
    let (url, seen) = endpoint(StatusCode::OK, "宇宙船", Duration::ZERO).await;
    let index = Index::new(demo());
    let hits = search(&index, Some(&corrector(url, Duration::from_secs(2))), "アイロン", "ja", 3, 0.45).await;
    assert_eq!(names(&index, &hits)[0], "アイロン");
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn an_error_or_a_timeout_of_the_model_falls_back_to_the_plain_answer() {
    let index = Index::new(demo());
    let query = "ドライアー";
    let plain = index.search(query, 3, 0.45);
    let (failing, _) = endpoint(StatusCode::INTERNAL_SERVER_ERROR, "乾電池", Duration::ZERO).await;
    let hits = search(&index, Some(&corrector(failing, Duration::from_secs(2))), query, "ja", 3, 0.45).await;
    assert_eq!(hits, plain);
    let (slow, _) = endpoint(StatusCode::OK, "乾電池", Duration::from_secs(5)).await;
    let started = std::time::Instant::now();
    let hits = search(&index, Some(&corrector(slow, Duration::from_millis(200))), query, "ja", 3, 0.45).await;
    assert_eq!(hits, plain);
    assert!(started.elapsed() < Duration::from_secs(4), "the timeout holds");
}
