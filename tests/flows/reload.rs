//! Reloading: a valid edit takes effect without a restart, a broken one is refused and the last good version keeps
//! answering, and a conversation in progress follows the documented rule.
//!
//! The running-server tests spawn the `madoguchi` binary (or start the server in this process) against a mock LINE
//! API and post signed webhooks; the others drive a `FlowRuntime` directly through the `Conversation` contract.

use crate::helpers::Scratch;
use madoguchi::conversation::{Conversation, Resident, Turn};
use madoguchi::flow::FlowRuntime;
use madoguchi::line::event::Event;
use madoguchi::line::message::Message;
use std::sync::Arc;
use std::time::Duration;

fn text_event(text: &str) -> Event {
    Event::parse(
        &serde_json::json!({
            "type": "message", "timestamp": 1, "source": {"type": "user", "userId": "U1"}, "replyToken": "r",
            "message": {"type": "text", "id": "1", "text": text}
        })
        .to_string(),
    )
    .unwrap()
}

fn resident(turn: Option<&Turn>) -> Resident {
    Resident {
        user_id: "U1".into(),
        profile_language: Some("en".into()),
        language: turn.and_then(|t| t.language.clone()),
        session: turn.and_then(|t| t.session.clone()),
    }
}

fn first_text(turn: &Turn) -> String {
    match turn.messages.first() {
        Some(Message::Text { text, .. }) => text.clone(),
        other => panic!("not a text: {other:?}"),
    }
}

async fn say(runtime: &FlowRuntime, previous: Option<&Turn>, text: &str) -> Turn {
    runtime.respond(&resident(previous), &text_event(text), 1_000).await.unwrap()
}

fn runtime(scratch: &Scratch) -> Arc<FlowRuntime> {
    Arc::new(FlowRuntime::new(&scratch.flows(), &scratch.locales(), madoguchi::services::without_database()).unwrap())
}

fn reword_help(scratch: &Scratch, text: &str) {
    let path = scratch.locales().join("en/flows.ftl");
    let old = std::fs::read_to_string(&path).unwrap();
    let start = old.find("help-text =").unwrap();
    let end = old[start..].find("\n\n").unwrap() + start;
    std::fs::write(&path, format!("{}help-text = {text}{}", &old[..start], &old[end..])).unwrap();
}

#[tokio::test]
async fn a_valid_edit_takes_effect_on_reload_without_a_restart() {
    let scratch = Scratch::new();
    let runtime = runtime(&scratch);
    assert!(first_text(&say(&runtime, None, "help").await).starts_with("How to use this service"));
    reword_help(&scratch, "Ask us anything.");
    runtime.reload().unwrap();
    assert_eq!(first_text(&say(&runtime, None, "help").await), "Ask us anything.");
}

#[tokio::test]
async fn a_broken_edit_is_refused_with_diagnostics_and_the_old_flows_keep_answering() {
    let scratch = Scratch::new();
    let runtime = runtime(&scratch);
    scratch
        .write("flows/help.yaml", "triggers:\n  postback: [menu=help]\nsteps:\n  - id: explain\n    goto: nowhere\n");
    let diagnostics = runtime.reload().unwrap_err();
    assert!(
        diagnostics.iter().any(|d| d.to_string().ends_with(
            "help.yaml:5:11: no step is called \"nowhere\" in this flow (steps: explain; another flow is `flow:<id>`)"
        )),
        "{diagnostics:#?}"
    );
    assert!(first_text(&say(&runtime, None, "help").await).starts_with("How to use this service"));
}

#[tokio::test]
async fn the_watcher_reloads_when_a_file_changes_and_ignores_a_broken_edit() {
    let scratch = Scratch::new();
    let runtime = runtime(&scratch);
    let stop = tokio_util::sync::CancellationToken::new();
    let watching = runtime.clone().watch(stop.clone());
    tokio::time::sleep(Duration::from_millis(200)).await;
    reword_help(&scratch, "Edited while running.");
    let mut answered = String::new();
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        answered = first_text(&say(&runtime, None, "help").await);
        if answered == "Edited while running." {
            break;
        }
    }
    assert_eq!(answered, "Edited while running.");
    scratch.append("locales/en/flows.ftl", "broken = {\n");
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(first_text(&say(&runtime, None, "help").await), "Edited while running.");
    stop.cancel();
    watching.await.unwrap();
}

#[tokio::test]
async fn sighup_reloads_the_flows() {
    let scratch = Scratch::new();
    let runtime = runtime(&scratch);
    let stop = tokio_util::sync::CancellationToken::new();
    let watching = runtime.clone().watch(stop.clone());
    // Stop file events from racing the signal: the edit lands, then the watcher's own reload may or may not see it,
    // but SIGHUP must.
    reword_help(&scratch, "Reloaded on SIGHUP.");
    let status = std::process::Command::new("kill").args(["-HUP", &std::process::id().to_string()]).status().unwrap();
    assert!(status.success());
    let mut answered = String::new();
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        answered = first_text(&say(&runtime, None, "help").await);
        if answered == "Reloaded on SIGHUP." {
            break;
        }
    }
    assert_eq!(answered, "Reloaded on SIGHUP.");
    stop.cancel();
    watching.await.unwrap();
}

#[tokio::test]
async fn a_conversation_continues_after_an_edit_when_its_step_still_exists() {
    let scratch = Scratch::new();
    let runtime = runtime(&scratch);
    let asked = say(&runtime, None, "garbage").await;
    assert!(first_text(&asked).starts_with("What would you like to throw away?"));
    // Reword the garbage flow's file (a new version) while keeping the step the resident is at.
    scratch.append("flows/garbage.yaml", "# edited\n");
    runtime.reload().unwrap();
    let next = say(&runtime, Some(&asked), "cancel").await;
    assert_eq!(first_text(&next), "Cancelled. Type \"menu\" whenever you need anything.");
    let asked = say(&runtime, None, "garbage").await;
    let answered = say(&runtime, Some(&asked), "sofa").await;
    // The demo city has a one-seat and a larger sofa: the resident is asked which.
    assert_eq!(first_text(&answered), "Which one do you mean?", "{answered:?}");
}

#[tokio::test]
async fn a_conversation_restarts_with_a_notice_when_its_step_was_removed() {
    let scratch = Scratch::new();
    let runtime = runtime(&scratch);
    let asked = say(&runtime, None, "menu").await;
    assert_eq!(asked.session.as_ref().unwrap()["at"]["step"], "choose");
    let menu = std::fs::read_to_string(scratch.flows().join("menu.yaml")).unwrap();
    std::fs::write(scratch.flows().join("menu.yaml"), menu.replace("id: choose", "id: pick")).unwrap();
    runtime.reload().unwrap();
    let restarted = say(&runtime, Some(&asked), "hello").await;
    let texts: Vec<String> = restarted
        .messages
        .iter()
        .map(|m| match m {
            Message::Text { text, .. } => text.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            "This service was just updated, so we have to start it again from the beginning. Sorry!",
            "What can we help you with? Choose below."
        ]
    );
    assert_eq!(restarted.session.as_ref().unwrap()["at"]["step"], "pick");
}

#[tokio::test]
async fn a_running_server_answers_an_edit_without_a_restart_and_refuses_a_broken_one() {
    let scratch = Scratch::new();
    let runtime = runtime(&scratch);
    let stop = tokio_util::sync::CancellationToken::new();
    let watching = runtime.clone().watch(stop.clone());
    let counter = crate::server::Counter::start(runtime).await;
    let before = counter.say("U1", "help").await;
    assert!(before[0].starts_with("How to use this service"), "{before:?}");

    reword_help(&scratch, "Call us at 042-481-7111.");
    let mut after = Vec::new();
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = counter.say("U1", "help").await;
        if after[0] == "Call us at 042-481-7111." {
            break;
        }
    }
    assert_eq!(after[0], "Call us at 042-481-7111.");

    scratch.write("flows/help.yaml", "triggers: [not, a, map]\n");
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    assert_eq!(counter.say("U1", "help").await[0], "Call us at 042-481-7111.");
    // A conversation in progress carries on across the refused edit.
    assert_eq!(counter.say("U2", "menu").await, vec!["What can we help you with? Choose below."]);
    stop.cancel();
    watching.await.unwrap();
    counter.stop().await;
}

async fn wait_for_help(counter: &crate::server::Counter, expected: &str) -> String {
    let mut answered = String::new();
    for _ in 0..60 {
        answered = counter.say("U1", "help").await[0].clone();
        if answered == expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    answered
}

#[tokio::test]
async fn the_running_binary_takes_a_valid_edit_without_a_restart() {
    let scratch = Scratch::new();
    let counter = crate::server::Counter::spawn_binary(&scratch.flows(), &scratch.locales()).await;
    assert!(counter.say("U1", "help").await[0].starts_with("How to use this service"));
    reword_help(&scratch, "Open weekdays 8:30 to 17:15.");
    assert_eq!(wait_for_help(&counter, "Open weekdays 8:30 to 17:15.").await, "Open weekdays 8:30 to 17:15.");
    counter.stop().await;
}

#[tokio::test]
async fn the_running_binary_refuses_a_broken_edit_logs_why_and_keeps_answering() {
    let scratch = Scratch::new();
    let counter = crate::server::Counter::spawn_binary(&scratch.flows(), &scratch.locales()).await;
    let asked = counter.say("U3", "menu").await;
    assert_eq!(asked, vec!["What can we help you with? Choose below."]);
    scratch
        .write("flows/help.yaml", "triggers:\n  postback: [menu=help]\nsteps:\n  - id: explain\n    goto: nowhere\n");
    let mut log = String::new();
    for _ in 0..60 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        log = counter.log();
        if log.contains("keeps answering") {
            break;
        }
    }
    assert!(log.contains("help.yaml:5:11: no step is called \"nowhere\" in this flow"), "{log}");
    assert!(counter.say("U1", "help").await[0].starts_with("How to use this service"));
    // The conversation in progress carries on.
    assert!(counter.say("U3", "Garbage sorting").await[0].starts_with("What would you like to throw away?"));
    counter.stop().await;
}

#[tokio::test]
async fn the_running_binary_reloads_on_sighup() {
    let scratch = Scratch::new();
    let counter = crate::server::Counter::spawn_binary(&scratch.flows(), &scratch.locales()).await;
    reword_help(&scratch, "Reloaded by SIGHUP.");
    let pid = counter.process.as_ref().unwrap().id().unwrap().to_string();
    assert!(std::process::Command::new("kill").args(["-HUP", &pid]).status().unwrap().success());
    assert_eq!(wait_for_help(&counter, "Reloaded by SIGHUP.").await, "Reloaded by SIGHUP.");
    let mut log = String::new();
    for _ in 0..60 {
        log = counter.log();
        if log.contains("SIGHUP") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(log.contains("flows and locales reloaded") && log.contains("SIGHUP"), "{log}");
    counter.stop().await;
}
