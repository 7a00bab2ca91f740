//! Flows and wording reloaded by a running server: a valid edit answers at once, a broken one is refused and the
//! last good version keeps answering.

use crate::helpers::{App, MockLine, body, shipped_flows_with, text_event};
use std::time::{Duration, Instant};

/// Sends text events until the bot's answer contains `wanted`, or gives up after ten seconds.
async fn answer_containing(app: &App, mock: &MockLine, resident: &str, wanted: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut sent = 0;
    loop {
        sent += 1;
        let id = format!("01{resident}{sent:04}");
        assert_eq!(app.post_signed(&body(&[text_event(&id, resident, "xyzzy")])).await.status(), 200);
        let calls = mock
            .wait_for(10, "an answer", |calls| calls.iter().any(|c| c.body["replyToken"] == format!("token-{id}")))
            .await;
        let answer =
            calls.iter().find(|c| c.body["replyToken"] == format!("token-{id}")).unwrap().body["messages"].to_string();
        if answer.contains(wanted) || Instant::now() > deadline {
            return answer;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_valid_edit_answers_without_a_restart_and_a_broken_one_is_refused_while_the_old_keeps_answering() {
    let mock = MockLine::start().await;
    let folders = tempfile::tempdir().unwrap();
    let (flows, locales) = shipped_flows_with(folders.path(), "en", "fallback-not-understood", "First wording.");
    let app = App::spawn(&mock, &[("MADOGUCHI_FLOWS", &flows), ("MADOGUCHI_LOCALES", &locales)]).await;
    assert!(answer_containing(&app, &mock, "Ureload", "First wording.").await.contains("First wording."));

    shipped_flows_with(folders.path(), "en", "fallback-not-understood", "Second wording.");
    let answer = answer_containing(&app, &mock, "Ureload", "Second wording.").await;
    assert!(answer.contains("Second wording."), "the edit took effect without a restart: {answer}");

    let menu = std::path::Path::new(&flows).join("menu.yaml");
    let good = std::fs::read_to_string(&menu).unwrap();
    std::fs::write(&menu, good.replacen("steps:", "steps: [\n  - id: broken\n", 1)).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app.log().contains("menu.yaml:") && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let log = app.log();
    assert!(log.contains("menu.yaml:") && log.contains("refused"), "the broken file is named with its position: {log}");
    let answer = answer_containing(&app, &mock, "Ureload", "Second wording.").await;
    assert!(answer.contains("Second wording."), "the last good version keeps answering: {answer}");
}
