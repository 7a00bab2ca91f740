//! The webhook's contract with LINE: signatures, bodies, limits, rotation and redelivery.

use crate::helpers::{App, MockLine, SECRET, body, text_event};
use madoguchi::line::signature::sign;
use serde_json::json;

#[tokio::test]
async fn webhook_accepts_a_signed_text_message_and_the_bot_replies() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    let response = app.post_signed(&body(&[text_event("01A", "Ualice", "menu")])).await;
    assert_eq!(response.status(), 200);
    let calls = mock.wait_for(10, "a reply", |calls| calls.iter().any(|c| c.endpoint == "reply")).await;
    let reply = calls.iter().find(|c| c.endpoint == "reply").unwrap();
    assert_eq!(reply.body["replyToken"], "token-01A");
    assert!(reply.retry_key.is_none(), "a reply never carries a retry key");
    assert!(reply.body["messages"][0]["quickReply"]["items"].as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn webhook_rejects_a_forged_signature_and_stores_nothing() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    let payload = body(&[text_event("01F", "Umallory", "hi")]);
    let forged = sign(b"not-the-secret", payload.as_bytes());
    assert_eq!(app.post(payload.clone(), Some(&forged)).await.status(), 401);
    let good = sign(SECRET.as_bytes(), payload.as_bytes());
    assert_eq!(app.post(payload.clone(), Some(&good[..good.len() - 8])).await.status(), 401, "wrong length");
    assert_eq!(app.post(payload.clone(), Some("")).await.status(), 401, "empty");
    assert_eq!(app.post(payload, None).await.status(), 401, "missing");
    assert!(app.event_states().await.is_empty());
    let metrics = app.http.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains(r#"madoguchi_webhooks_total{outcome="rejected",reason="bad_signature"} 2"#), "{metrics}");
    assert!(
        metrics.contains(r#"madoguchi_webhooks_total{outcome="rejected",reason="missing_signature"} 2"#),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_body_with_four_byte_emoji_is_verified_over_its_raw_bytes() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    // Written by hand, unescaped, with spacing no serialiser would reproduce.
    let payload = r#"{"destination":"U1", "events":[{"type":"message","mode":"active","timestamp":1,"webhookEventId":"01EMOJI","deliveryContext":{"isRedelivery":false},"source":{"type":"user","userId":"Uemoji"},"replyToken":"tok-emoji","message":{"type":"text","id":"1","quoteToken":"q","text":"🍣🗑️ ごみ"}}]}"#;
    assert_eq!(app.post_signed(payload).await.status(), 200);
    mock.wait_for(10, "a reply", |calls| calls.iter().any(|c| c.endpoint == "reply")).await;
    let stored: String = sqlx::query_scalar("SELECT body FROM inbox_events").fetch_one(&app.db().await).await.unwrap();
    assert!(stored.contains("🍣🗑️ ごみ"), "stored byte for byte: {stored}");
}

#[tokio::test]
async fn a_signed_body_that_is_not_json_gets_400_and_verify_gets_200() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    assert_eq!(app.post_signed("this is not json").await.status(), 400);
    assert_eq!(app.post_signed(r#"{"destination":"Ubot","events":[]}"#).await.status(), 200);
    assert!(app.event_states().await.is_empty());
}

#[tokio::test]
async fn an_oversize_body_gets_413() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[("MADOGUCHI_WEBHOOK_BODY_LIMIT", "4096")]).await;
    let big = body(&[text_event("01BIG", "Ubig", &"あ".repeat(2_000))]);
    assert_eq!(app.post_signed(&big).await.status(), 413);
    let small = body(&[text_event("01SMALL", "Ubig", "ok")]);
    assert_eq!(app.post_signed(&small).await.status(), 200);
}

#[tokio::test]
async fn both_secrets_are_accepted_while_one_is_rotated_out() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[("LINE_CHANNEL_SECRET", "old-secret, new-secret")]).await;
    for (id, secret) in [("01OLD", "old-secret"), ("01NEW", "new-secret")] {
        let payload = body(&[text_event(id, "Urotate", "hi")]);
        assert_eq!(app.post(payload.clone(), Some(&sign(secret.as_bytes(), payload.as_bytes()))).await.status(), 200);
    }
    let payload = body(&[text_event("01GONE", "Urotate", "hi")]);
    assert_eq!(app.post(payload.clone(), Some(&sign(b"retired-secret", payload.as_bytes()))).await.status(), 401);
}

#[tokio::test]
async fn a_redelivered_event_is_processed_once() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    let event = text_event("01REDELIVER", "Uonce", "hello");
    assert_eq!(app.post_signed(&body(std::slice::from_ref(&event))).await.status(), 200);
    let mut again = event.clone();
    again["deliveryContext"]["isRedelivery"] = json!(true);
    for _ in 0..3 {
        assert_eq!(app.post_signed(&body(&[again.clone()])).await.status(), 200);
    }
    // A later event of the same resident proves the worker has moved past the redeliveries.
    assert_eq!(app.post_signed(&body(&[text_event("01AFTER", "Uonce", "menu")])).await.status(), 200);
    mock.wait_for(10, "two replies", |calls| calls.iter().filter(|c| c.endpoint == "reply").count() >= 2).await;
    app.wait_until_handled(10).await;
    let replies = mock.calls_to("reply");
    assert_eq!(replies.len(), 2, "{replies:#?}");
    assert_eq!(replies.iter().filter(|c| c.body["replyToken"] == "token-01REDELIVER").count(), 1);
    assert_eq!(app.event_states().await.len(), 2);
}

#[tokio::test]
async fn a_standby_event_is_stored_but_never_answered() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    let mut event = text_event("01STANDBY", "Ustandby", "hello");
    event["mode"] = json!("standby");
    assert_eq!(app.post_signed(&body(&[event])).await.status(), 200);
    let states = app.wait_until_handled(10).await;
    assert_eq!(states[0].1, "ignored");
    assert!(states[0].2.as_deref().unwrap().contains("standby"));
    assert!(mock.delivered().is_empty());
}

#[tokio::test]
async fn unknown_event_source_and_message_types_are_kept_and_ignored() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    let events = [
        json!({"type": "teleport", "mode": "active", "timestamp": 1, "webhookEventId": "01UNK1", "source": {"type": "user", "userId": "Uu"}, "replyToken": "t1"}),
        json!({"type": "message", "mode": "active", "timestamp": 1, "webhookEventId": "01UNK2", "source": {"type": "spaceship", "shipId": "S"}, "replyToken": "t2", "message": {"type": "text", "id": "1", "text": "hi"}}),
        json!({"type": "message", "mode": "active", "timestamp": 1, "webhookEventId": "01UNK3", "source": {"type": "user", "userId": "Uu"}, "replyToken": "t3", "message": {"type": "hologram", "id": "2"}}),
        json!("not even an object"),
    ];
    assert_eq!(app.post_signed(&body(&events)).await.status(), 200);
    let states = app.wait_until_handled(10).await;
    assert_eq!(states.len(), 4);
    assert!(states.iter().all(|(_, state, _)| state != "failed"), "{states:#?}");
    assert_eq!(states[0].1, "ignored");
    assert_eq!(states[3].1, "ignored");
    assert!(app.http.get(app.url("/healthz")).send().await.unwrap().status().is_success());
}
