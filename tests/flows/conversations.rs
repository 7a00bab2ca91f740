//! Runs every operator-written conversation test in `tests/conversations/` against the shipped flows.

use crate::helpers::root;
use madoguchi::flow::source::Origin;

#[tokio::test]
async fn every_conversation_test_in_tests_conversations_passes() {
    let report = madoguchi::flow::testing::run(
        &root().join("tests/conversations"),
        &Origin::Folder(root().join("flows")),
        &Origin::Folder(root().join("locales")),
        &|pool| madoguchi::services::actions(Some(pool)),
        false,
    )
    .await
    .expect("the conversation tests run");
    let failures: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), report.cases, failures.join("\n\n"));
    assert!(report.cases >= 50, "only {} cases ran", report.cases);
}

#[tokio::test]
async fn a_failing_conversation_test_reports_what_was_expected_and_what_came() {
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("wrong.yaml");
    std::fs::write(
        &file,
        "cases:\n  - name: the bot is expected to say something else\n    profile_language: en\n    turns:\n      - text: menu\n        reply:\n          - text: Good morning\n",
    )
    .unwrap();
    let report = madoguchi::flow::testing::run(
        &file,
        &Origin::Folder(root().join("flows")),
        &Origin::Folder(root().join("locales")),
        &|pool| madoguchi::services::actions(Some(pool)),
        false,
    )
    .await
    .unwrap();
    assert_eq!(report.failures.len(), 1);
    let message = report.failures[0].to_string();
    assert!(
        message.contains(r#"expected text "Good morning", got "What can we help you with? Choose below.""#),
        "{message}"
    );
}

#[test]
fn madoguchi_flows_test_exits_non_zero_on_a_failure_and_zero_otherwise() {
    let binary = env!("CARGO_BIN_EXE_madoguchi");
    let ok = std::process::Command::new(binary)
        .current_dir(root())
        .args(["flows", "test", "tests/conversations/help.yaml"])
        .output()
        .unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stdout));
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("wrong.yaml");
    std::fs::write(&file, "cases:\n  - name: wrong\n    turns:\n      - text: ヘルプ\n        silent: true\n").unwrap();
    let failed =
        std::process::Command::new(binary).current_dir(root()).args(["flows", "test"]).arg(&file).output().unwrap();
    assert!(!failed.status.success());
    let stdout = String::from_utf8_lossy(&failed.stdout);
    assert!(stdout.contains("expected silence, got 1 messages"), "{stdout}");
}

#[tokio::test]
async fn conversation_tests_can_pick_dates_send_photos_and_locations_and_check_message_types() {
    let scratch = crate::helpers::Scratch::new();
    scratch.write(
        "flows/visit.yaml",
        r#"triggers: { postback: [visit] }
steps:
  - id: day
    ask: { kind: date, var: day, prompt: menu-prompt }
  - id: photo
    ask: { kind: image, var: photo, prompt: menu-prompt }
  - id: place
    ask: { kind: location, var: place, prompt: menu-prompt }
  - id: done
    say:
      - confirm:
          text: garbage-another
          yes: { label: label-done, value: "yes" }
          no: { label: label-back, value: "no" }
    end: true
"#,
    );
    let tests = scratch.write(
        "visit-test.yaml",
        r#"cases:
  - name: a resident picks a day, sends a photo and a location
    profile_language: en
    turns:
      - postback: visit
        reply:
          - type: text
            quick_replies: [Pick a date, Cancel]
      - pick: { date: "2026-05-01" }
        vars: { day: "2026-05-01" }
        reply:
          - quick_replies: [Camera, Photos, Back, Cancel]
      - image: sofa.jpg
        vars: { photo: { message_id: sofa.jpg } }
      - location: { latitude: 35.652, longitude: 139.541, address: 調布市小島町2-35-1 }
        reply:
          - type: template
            text: You can type another item. When you are finished, tap "Done".
        flow: none
"#,
    );
    let report = madoguchi::flow::testing::run(
        &tests,
        &Origin::Folder(scratch.flows()),
        &Origin::Folder(scratch.locales()),
        &|pool| madoguchi::services::actions(Some(pool)),
        false,
    )
    .await
    .unwrap();
    let failures: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(report.cases, 1);
}
