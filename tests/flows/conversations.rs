//! Runs every operator-written conversation test in `tests/conversations/` against the shipped flows.

use crate::helpers::root;
use madoguchi::flow::source::Origin;

#[tokio::test]
async fn every_conversation_test_in_tests_conversations_passes() {
    let report = madoguchi::flow::testing::run(
        &root().join("tests/conversations"),
        &Origin::Folder(root().join("flows")),
        &Origin::Folder(root().join("locales")),
        &madoguchi::flow::standard_actions(),
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
        &madoguchi::flow::standard_actions(),
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
