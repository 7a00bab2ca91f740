//! The workers: order per resident, parallel across residents, crash recovery without double replies, clean shutdown.

use crate::helpers::{App, Misbehave, MockLine, body, text_event};
use std::collections::HashMap;
use std::time::Duration;

#[tokio::test]
async fn each_residents_events_are_answered_in_order_one_at_a_time_while_residents_run_in_parallel() {
    let mock = MockLine::start().await;
    mock.delay_every_call(Duration::from_millis(40));
    let app = App::spawn(&mock, &[]).await;
    let residents = 6;
    let per_resident = 8;
    let mut posting = Vec::new();
    for r in 0..residents {
        let app_url = app.url("/webhook");
        let http = app.http.clone();
        posting.push(tokio::spawn(async move {
            for n in 0..per_resident {
                let payload = body(&[text_event(&format!("01R{r}N{n}"), &format!("Uorder{r}"), &format!("r{r} n{n}"))]);
                let signature = madoguchi::line::signature::sign(crate::helpers::SECRET.as_bytes(), payload.as_bytes());
                let status = http
                    .post(&app_url)
                    .header("x-line-signature", signature)
                    .body(payload)
                    .send()
                    .await
                    .unwrap()
                    .status();
                assert_eq!(status, 200);
            }
        }));
    }
    for task in posting {
        task.await.unwrap();
    }
    let calls = mock
        .wait_for(60, "every reply", |calls| {
            calls.iter().filter(|c| c.endpoint == "reply").count() == residents * per_resident
        })
        .await;
    let mut by_resident: HashMap<String, Vec<_>> = HashMap::new();
    for call in calls.iter().filter(|c| c.endpoint == "reply") {
        let token = call.body["replyToken"].as_str().unwrap();
        let resident = token.trim_start_matches("token-01R").split('N').next().unwrap().to_owned();
        by_resident.entry(resident).or_default().push(call.clone());
    }
    for (resident, mut replies) in by_resident {
        replies.sort_by_key(|c| c.arrived);
        let order: Vec<&str> = replies.iter().map(|c| c.body["replyToken"].as_str().unwrap()).collect();
        for (n, token) in order.iter().enumerate() {
            assert!(token.ends_with(&format!("R{resident}N{n}")), "resident {resident} out of order: {order:#?}");
        }
        for pair in replies.windows(2) {
            assert!(pair[0].answered < pair[1].arrived, "resident {resident} had two events in progress at once");
        }
    }
    let replies: Vec<_> = calls.iter().filter(|c| c.endpoint == "reply").collect();
    let overlapping = replies.iter().any(|a| replies.iter().any(|b| a.arrived < b.arrived && b.arrived < a.answered));
    assert!(overlapping, "different residents are answered in parallel");
}

#[tokio::test]
async fn an_event_cut_off_by_a_crash_before_its_turn_was_stored_completes_once_after_restart() {
    let mock = MockLine::start().await;
    mock.script("profile", [Misbehave::Hang]);
    let mut app = App::spawn(&mock, &[]).await;
    assert_eq!(app.post_signed(&body(&[text_event("01CRASH1", "Ucrash1", "menu")])).await.status(), 200);
    mock.wait_for_arrival(10, "profile").await;
    app.crash().await;
    assert!(mock.delivered().is_empty());
    app.restart().await;
    mock.wait_for(10, "the reply", |calls| calls.iter().any(|c| c.endpoint == "reply" && c.status == 200)).await;
    let states = app.wait_until_handled(10).await;
    assert_eq!(states[0].1, "done");
    assert_eq!(mock.delivered().len(), 1);
}

#[tokio::test]
async fn a_reply_cut_off_by_a_crash_is_sent_after_restart_with_the_same_token() {
    let mock = MockLine::start().await;
    mock.script("reply", [Misbehave::Hang]);
    let mut app = App::spawn(&mock, &[("MADOGUCHI_LINE_TIMEOUT_MS", "10000")]).await;
    assert_eq!(app.post_signed(&body(&[text_event("01CRASH2", "Ucrash2", "menu")])).await.status(), 200);
    mock.wait_for_arrival(10, "reply").await;
    app.crash().await;
    app.restart().await;
    let states = app.wait_until_handled(10).await;
    assert_eq!(states[0].1, "done");
    let delivered = mock.delivered();
    assert_eq!(delivered.len(), 1, "{delivered:#?}");
    assert_eq!(delivered[0].body["replyToken"], "token-01CRASH2");
    assert!(app.log().contains("sending a turn stored before a restart"));
}

#[tokio::test]
async fn a_reply_line_accepted_just_before_a_crash_is_not_sent_again() {
    let mock = MockLine::start().await;
    mock.script("reply", [Misbehave::AcceptThenHang]);
    let mut app = App::spawn(&mock, &[("MADOGUCHI_LINE_TIMEOUT_MS", "10000")]).await;
    assert_eq!(app.post_signed(&body(&[text_event("01CRASH3", "Ucrash3", "menu")])).await.status(), 200);
    mock.wait_for(10, "the accepted reply", |calls| calls.iter().any(|c| c.endpoint == "reply")).await;
    app.crash().await;
    app.restart().await;
    let states = app.wait_until_handled(10).await;
    assert_eq!(states[0].1, "done");
    assert_eq!(mock.delivered().len(), 1, "neither a second reply nor a push: {:#?}", mock.calls());
    assert!(mock.calls_to("push").is_empty());
}

#[tokio::test]
async fn sigterm_stops_accepting_finishes_the_event_in_progress_and_exits_cleanly() {
    let mock = MockLine::start().await;
    mock.script("reply", [Misbehave::Slow(Duration::from_millis(1_500))]);
    let mut app = App::spawn(&mock, &[("MADOGUCHI_LINE_TIMEOUT_MS", "5000")]).await;
    assert_eq!(app.post_signed(&body(&[text_event("01TERM", "Uterm", "menu")])).await.status(), 200);
    mock.wait_for_arrival(10, "reply").await;
    let status = app.terminate().await;
    assert!(status.success(), "exit status {status:?}\n{}", app.log());
    assert_eq!(mock.delivered().len(), 1, "the reply in progress was finished");
    let refused = app.http.post(app.url("/webhook")).body("{}").send().await;
    assert!(refused.is_err(), "the stopped server no longer accepts connections");
    let pool = app.db().await;
    let state: String = sqlx::query_scalar("SELECT state FROM inbox_events WHERE webhook_event_id = '01TERM'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(state, "done");
}
