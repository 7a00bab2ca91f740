//! LINE's own material: every webhook body from the SDKs' tests, and every signature test vector.

use crate::helpers::{App, MockLine, SECRET};
use madoguchi::line::event::Event;
use madoguchi::line::signature::{ChannelSecrets, sign};
use std::path::{Path, PathBuf};

fn shared_line() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/line/fixtures");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: ../shared/line/fixtures is absent (CI always has it)");
        None
    }
}

fn webhook_bodies(root: &Path) -> Vec<(String, String)> {
    let mut files =
        vec![root.join("python-v3-webhook-all-events.json"), root.join("java-parser-callback-request-legacy.json")];
    let mut callbacks: Vec<_> =
        std::fs::read_dir(root.join("java-callback")).unwrap().map(|e| e.unwrap().path()).collect();
    callbacks.sort();
    files.extend(callbacks);
    files.into_iter().map(|path| (path.display().to_string(), std::fs::read_to_string(&path).unwrap())).collect()
}

#[test]
fn every_event_in_lines_sdk_fixtures_parses_as_a_known_or_unknown_type() {
    let Some(root) = shared_line() else { return };
    let mut count = 0;
    for (name, text) in webhook_bodies(&root) {
        let body: serde_json::Value = serde_json::from_str(&text).unwrap();
        for event in body["events"].as_array().unwrap() {
            count += 1;
            if let Err(error) = Event::parse(&event.to_string()) {
                panic!("{name}: event {event} did not parse: {error}");
            }
        }
    }
    assert!(count > 50, "only {count} events");
}

#[tokio::test]
async fn every_fixture_body_is_accepted_and_handled_without_a_failure() {
    let Some(root) = shared_line() else { return };
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    let mut expected = 0;
    for (name, text) in webhook_bodies(&root) {
        let response = app.post(text.clone(), Some(&sign(SECRET.as_bytes(), text.as_bytes()))).await;
        assert_eq!(response.status(), 200, "{name}");
        expected += serde_json::from_str::<serde_json::Value>(&text).unwrap()["events"].as_array().unwrap().len();
    }
    let states = app.wait_until_handled(30).await;
    // Events without a webhookEventId are keyed by their bytes, so identical old events count once.
    assert!(states.len() <= expected && states.len() > expected / 2, "{} of {expected}", states.len());
    let failed: Vec<_> = states.iter().filter(|(_, state, _)| state == "failed").collect();
    assert!(failed.is_empty(), "{failed:#?}\n{}", app.log());
    assert!(!app.log().contains("panicked"));
    assert!(app.http.get(app.url("/healthz")).send().await.unwrap().status().is_success());
}

#[tokio::test]
async fn every_signature_vector_is_judged_as_line_specifies_in_the_library_and_over_http() {
    let Some(root) = shared_line() else { return };
    let vectors: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("signature/vectors.json")).unwrap()).unwrap();
    let all: Vec<_> = vectors["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .chain(vectors["derived_vectors"].as_array().unwrap())
        .cloned()
        .collect();
    assert!(all.len() >= 13);
    let mock = MockLine::start().await;
    let mut apps = std::collections::HashMap::new();
    for vector in &all {
        let secret = vector["channel_secret"].as_str().unwrap();
        let body = std::fs::read(root.join("signature").join(vector["body_file"].as_str().unwrap())).unwrap();
        let valid = vector["valid"].as_bool().unwrap();
        let signature = vector["signature"].as_str();
        let verdict = signature.is_some_and(|s| ChannelSecrets::new([secret]).verify(&body, s));
        assert_eq!(verdict, valid, "{vector}");
        if !apps.contains_key(secret) {
            apps.insert(secret.to_owned(), App::spawn(&mock, &[("LINE_CHANNEL_SECRET", secret)]).await);
        }
        let status = apps[secret].post(body.clone(), signature).await.status().as_u16();
        let expected = match vector.get("expected_http_status").and_then(|s| s.as_u64()) {
            Some(status) => status as u16,
            None if !valid => 401,
            None => {
                if serde_json::from_slice::<serde_json::Value>(&body).is_ok_and(|v| v.is_object()) {
                    200
                } else {
                    400
                }
            }
        };
        assert_eq!(status, expected, "{vector}");
    }
}
