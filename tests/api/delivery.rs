//! Replies and pushes through LINE's failures: retries, retry keys, refused tokens, and LINE's message limits.

use crate::helpers::{App, Misbehave, MockLine, body, shipped_flows_with, text_event};

#[tokio::test]
async fn a_reply_is_retried_after_500_and_429_until_line_accepts_it() {
    let mock = MockLine::start().await;
    mock.script("reply", [Misbehave::Status(500), Misbehave::Status(429)]);
    let app = App::spawn(&mock, &[]).await;
    assert_eq!(app.post_signed(&body(&[text_event("01RETRY", "Uretry", "menu")])).await.status(), 200);
    mock.wait_for(10, "an accepted reply", |calls| calls.iter().any(|c| c.endpoint == "reply" && c.status == 200))
        .await;
    let statuses: Vec<u16> = mock.calls_to("reply").iter().map(|c| c.status).collect();
    assert_eq!(statuses, [500, 429, 200]);
    assert_eq!(app.wait_until_handled(10).await[0].1, "done");
}

#[tokio::test]
async fn a_push_after_a_timeout_and_a_500_reuses_its_retry_key_and_409_counts_as_sent() {
    let mock = MockLine::start().await;
    // LINE accepts the first push but its answer never arrives (the client gives up at 400 ms); the retry gets 500;
    // the next finds the key already accepted: 409.
    mock.script("push", [Misbehave::AcceptThenHang, Misbehave::Status(500)]);
    let app = App::spawn(&mock, &[]).await;
    let mut event = text_event("01PUSH", "Upush", "menu");
    event.as_object_mut().unwrap().remove("replyToken");
    // Without a reply token the answer goes by push.
    assert_eq!(app.post_signed(&body(&[event])).await.status(), 200);
    let calls = mock
        .wait_for(10, "a 409 for the repeated key", |calls| {
            calls.iter().any(|c| c.endpoint == "push" && c.status == 409)
        })
        .await;
    let pushes: Vec<_> = calls.iter().filter(|c| c.endpoint == "push").collect();
    let keys: std::collections::HashSet<_> = pushes.iter().map(|c| c.retry_key.clone().expect("a retry key")).collect();
    assert_eq!(keys.len(), 1, "every attempt carries the same key: {pushes:#?}");
    assert!(uuid::Uuid::parse_str(keys.iter().next().unwrap()).is_ok());
    assert_eq!(pushes.iter().filter(|c| c.status == 200).count(), 1, "LINE accepted the messages once");
    assert_eq!(app.wait_until_handled(10).await[0].1, "done");
}

#[tokio::test]
async fn an_expired_reply_token_falls_back_to_a_push_to_the_resident() {
    let mock = MockLine::start().await;
    mock.expire_token("token-01LATE");
    let app = App::spawn(&mock, &[]).await;
    assert_eq!(app.post_signed(&body(&[text_event("01LATE", "Ulate", "menu")])).await.status(), 200);
    let calls =
        mock.wait_for(10, "a push", |calls| calls.iter().any(|c| c.endpoint == "push" && c.status == 200)).await;
    let push = calls.iter().find(|c| c.endpoint == "push").unwrap();
    assert_eq!(push.body["to"], "Ulate");
    assert!(push.retry_key.is_some());
    assert_eq!(mock.calls_to("reply").len(), 1, "a refused token is not retried");
}

#[tokio::test]
async fn a_reply_refused_for_another_reason_is_not_retried_and_the_event_is_marked_failed() {
    let mock = MockLine::start().await;
    mock.script("reply", [Misbehave::Status(403)]);
    let app = App::spawn(&mock, &[]).await;
    assert_eq!(app.post_signed(&body(&[text_event("01FORBID", "Uforbid", "menu")])).await.status(), 200);
    let states = app.wait_until_handled(10).await;
    assert_eq!(states[0].1, "failed");
    assert!(states[0].2.as_deref().unwrap().contains("403"), "{states:?}");
    assert_eq!(mock.calls_to("reply").len(), 1);
    assert!(mock.calls_to("push").is_empty());
}

#[tokio::test]
async fn a_message_over_lines_limits_is_a_clear_error_in_our_log_and_never_reaches_line() {
    let mock = MockLine::start().await;
    // An operator's wording too long for one LINE message: the check of flows cannot know every text's final
    // length (variables expand at run time), so the gateway's check before sending is the last line.
    let folders = tempfile::tempdir().unwrap();
    let (flows, locales) = shipped_flows_with(folders.path(), "en", "fallback-not-understood", &"ご".repeat(5_001));
    let app = App::spawn(&mock, &[("MADOGUCHI_FLOWS", &flows), ("MADOGUCHI_LOCALES", &locales)]).await;
    assert_eq!(app.post_signed(&body(&[text_event("01LONG", "Ulong", "xyzzy")])).await.status(), 200);
    let states = app.wait_until_handled(10).await;
    assert_eq!(states[0].1, "failed");
    assert!(states[0].2.as_deref().unwrap().contains("UTF-16 units"), "{states:?}");
    assert!(mock.delivered().is_empty());
    assert!(app.log().contains("LINE would refuse"), "{}", app.log());
}

#[tokio::test]
async fn a_new_residents_profile_is_read_once() {
    let mock = MockLine::start().await;
    let app = App::spawn(&mock, &[]).await;
    for i in 0..3 {
        app.post_signed(&body(&[text_event(&format!("01PROFILE{i}"), "Unewcomer", "menu")])).await;
    }
    mock.wait_for(10, "three replies", |calls| calls.iter().filter(|c| c.endpoint == "reply").count() == 3).await;
    assert_eq!(mock.calls_to("profile").len(), 1);
    let pool = app.db().await;
    let language: Option<String> =
        sqlx::query_scalar("SELECT profile_language FROM residents WHERE user_id = 'Unewcomer'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(language.as_deref(), Some("en"));
}
