//! Idle reminders: a resident who goes quiet at a question is reminded once, by push, through the inbox.

use crate::helpers::{App, MockLine, body, shipped_flows_with};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn a_resident_quiet_at_a_question_is_reminded_once_by_push() {
    let mock = MockLine::start().await;
    let folders = tempfile::tempdir().unwrap();
    let (flows, locales) = shipped_flows_with(folders.path(), "en", "still-there", "Still there? (test)");
    let garbage = std::path::Path::new(&flows).join("garbage.yaml");
    let flow = std::fs::read_to_string(&garbage).unwrap();
    assert!(flow.contains("reminder: { after: 10m"), "the garbage flow sets a reminder");
    std::fs::write(&garbage, flow.replace("reminder: { after: 10m", "reminder: { after: 1s")).unwrap();
    let app = App::spawn(
        &mock,
        &[("MADOGUCHI_FLOWS", &flows), ("MADOGUCHI_LOCALES", &locales), ("MADOGUCHI_REMINDER_SWEEP_SECONDS", "1")],
    )
    .await;
    let tap = json!({
        "type": "postback", "mode": "active", "timestamp": 1, "webhookEventId": "01TAPGARBAGE",
        "deliveryContext": {"isRedelivery": false}, "source": {"type": "user", "userId": "Uquiet"},
        "replyToken": "token-01TAPGARBAGE", "postback": {"data": "menu=garbage"}
    });
    assert_eq!(app.post_signed(&body(&[tap])).await.status(), 200);
    let calls = mock.wait_for(15, "a reminder push", |calls| calls.iter().any(|c| c.endpoint == "push")).await;
    let push = calls.iter().find(|c| c.endpoint == "push").unwrap();
    assert_eq!(push.body["to"], "Uquiet");
    assert!(push.body["messages"].to_string().contains("Still there? (test)"), "{}", push.body);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let pushes = mock.delivered().iter().filter(|c| c.endpoint == "push").count();
    assert_eq!(pushes, 1, "one reminder per quiet spell");
}
