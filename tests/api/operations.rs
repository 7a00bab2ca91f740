//! Operations endpoints and start-up: health, readiness, metrics, and settings that stop start-up.

use crate::helpers::{App, MockLine, body, text_event};

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    assert_eq!(app.http.get(app.url("/healthz")).send().await.unwrap().status(), 200);
    assert_eq!(app.http.get(app.url("/readyz")).send().await.unwrap().status(), 200);
    app.post_signed(&body(&[text_event("01MET", "Umetrics", "menu")])).await;
    app.wait_until_handled(10).await;
    mock.wait_for(10, "a reply", |calls| calls.iter().any(|c| c.endpoint == "reply")).await;
    let metrics = app.http.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    for expected in [
        r#"madoguchi_webhooks_total{outcome="accepted",reason="ok"} 1"#,
        r#"madoguchi_events_total{outcome="answered"} 1"#,
        "madoguchi_inbox_depth 0",
        r#"madoguchi_line_api_calls_total{endpoint="reply",status="200"} 1"#,
        "madoguchi_event_processing_seconds_count 1",
    ] {
        assert!(metrics.contains(expected), "missing {expected}:\n{metrics}");
    }
}

#[tokio::test]
async fn a_channel_secret_without_an_access_token_stops_start_up_with_a_message_naming_it() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("LINE_CHANNEL_SECRET", "abc")
        .env_remove("LINE_CHANNEL_ACCESS_TOKEN")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("LINE_CHANNEL_ACCESS_TOKEN"), "{stderr}");
    assert!(!stderr.contains("abc"), "the secret is never printed");
}

#[tokio::test]
async fn serve_help_lists_every_setting_with_its_environment_variable() {
    let output =
        std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi")).args(["serve", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for name in [
        "MADOGUCHI_BIND",
        "MADOGUCHI_DATABASE_URL",
        "LINE_CHANNEL_SECRET",
        "LINE_CHANNEL_ACCESS_TOKEN",
        "LINE_API_BASE_URL",
        "LINE_DATA_API_BASE_URL",
    ] {
        assert!(help.contains(name), "{name} missing from:\n{help}");
    }
}
