//! `flows check`: each kind of error is reported at its exact `file:line:column`, and the command exits non-zero.

use crate::helpers::{Scratch, root};
use madoguchi::i18n::LOCALES;

fn names() -> Vec<String> {
    madoguchi::services::action_names()
}

/// The diagnostics of a scratch copy of the shipped flows, as `flows check` prints them, with the folder made relative.
fn check(scratch: &Scratch) -> Vec<String> {
    let prefix = format!("{}/", scratch.dir.path().display());
    madoguchi::flow::check(&scratch.flows(), &scratch.locales(), &names())
        .iter()
        .map(|d| d.to_string().replace(&prefix, ""))
        .collect()
}

fn assert_reported(diagnostics: &[String], expected: &str) {
    assert!(diagnostics.iter().any(|d| d == expected), "expected\n  {expected}\namong\n  {}", diagnostics.join("\n  "));
}

#[test]
fn the_shipped_flows_and_locales_pass_the_check() {
    let diagnostics = madoguchi::flow::check(&root().join("flows"), &root().join("locales"), &names());
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn a_yaml_syntax_error_is_reported_at_its_line_and_column() {
    let scratch = Scratch::new();
    scratch.write("flows/syntax.yaml", "steps:\n  - id: start\n    say: [\n      - text: menu-prompt\n");
    let diagnostics = check(&scratch);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0], "flows/syntax.yaml:4:7: \"-\" is only valid inside a block");
}

#[test]
fn an_unknown_field_is_reported_at_the_field() {
    let scratch = Scratch::new();
    scratch.write("flows/schema.yaml", "steps:\n  - id: start\n    sya:\n      - text: menu-prompt\n");
    let diagnostics = check(&scratch);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(diagnostics[0].starts_with("flows/schema.yaml:3:5: unknown field `sya`"), "{diagnostics:#?}");
}

#[test]
fn a_value_of_the_wrong_type_is_reported_at_the_value() {
    let scratch = Scratch::new();
    scratch.write(
        "flows/wrong-type.yaml",
        "steps:\n  - id: start\n    ask:\n      kind: choice\n      var: x\n      prompt: menu-prompt\n      retries: many\n      choices:\n        - { literal: a, value: a }\n",
    );
    let diagnostics = check(&scratch);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0], "flows/wrong-type.yaml:7:16: expected a whole number, such as 3");
}

#[test]
fn an_unknown_step_target_is_reported_at_the_target() {
    let scratch = Scratch::new();
    scratch.write("flows/unknown-target.yaml", "steps:\n  - id: start\n    goto: nowhere\n");
    assert_reported(
        &check(&scratch),
        "flows/unknown-target.yaml:3:11: no step is called \"nowhere\" in this flow (steps: start; another flow is `flow:<id>`)",
    );
}

#[test]
fn an_unknown_flow_target_is_reported_at_the_target() {
    let scratch = Scratch::new();
    scratch.write("flows/unknown-flow.yaml", "steps:\n  - id: start\n    goto: flow:nope\n");
    assert_reported(&check(&scratch), "flows/unknown-flow.yaml:3:11: no flow is called \"nope\"");
}

#[test]
fn an_unknown_action_is_reported_at_its_name() {
    let scratch = Scratch::new();
    scratch.write("flows/unknown-action.yaml", "steps:\n  - id: start\n    call:\n      action: garbage.lokup\n");
    assert_reported(
        &check(&scratch),
        "flows/unknown-action.yaml:4:15: no action is called \"garbage.lokup\" (known: garbage.lookup)",
    );
}

#[test]
fn a_fluent_key_missing_in_some_locales_is_reported_with_those_locales() {
    let scratch = Scratch::new();
    scratch.append("locales/ja/flows.ftl", "only-in-japanese = 日本語だけ\n");
    scratch.append("locales/vi/flows.ftl", "only-in-japanese = Chỉ tiếng Việt\n");
    scratch.write("flows/missing-key.yaml", "steps:\n  - id: start\n    say:\n      - text: only-in-japanese\n");
    let missing: Vec<&str> = LOCALES.iter().copied().filter(|l| !["ja", "vi"].contains(l)).collect();
    assert_reported(
        &check(&scratch),
        &format!("flows/missing-key.yaml:4:15: Fluent key \"only-in-japanese\" is missing in {}", missing.join(", ")),
    );
}

#[test]
fn an_unreachable_step_is_reported_at_its_id() {
    let scratch = Scratch::new();
    scratch.write(
        "flows/unreachable.yaml",
        "steps:\n  - id: start\n    end: true\n  - id: lonely\n    say:\n      - text: label-menu\n",
    );
    assert_eq!(check(&scratch), vec!["flows/unreachable.yaml:4:9: step \"lonely\" is never reached".to_owned()]);
}

#[test]
fn a_choice_list_too_long_for_line_is_reported_at_the_list() {
    let scratch = Scratch::new();
    let choices: String = (0..14).map(|i| format!("        - {{ literal: c{i}, value: c{i} }}\n")).collect();
    scratch.write(
        "flows/too-many.yaml",
        &format!("steps:\n  - id: start\n    ask:\n      kind: choice\n      var: x\n      prompt: menu-prompt\n      choices:\n{choices}"),
    );
    assert_reported(
        &check(&scratch),
        "flows/too-many.yaml:8:9: 14 choices (with skip), LINE shows at most 13 quick replies",
    );
}

#[test]
fn a_label_too_long_in_one_language_is_reported_with_that_language() {
    let scratch = Scratch::new();
    for locale in LOCALES {
        let text = if locale == "es" { "Una etiqueta demasiado larga" } else { "OK" };
        scratch.append(&format!("locales/{locale}/flows.ftl"), &format!("long-label = {text}\n"));
    }
    scratch.write(
        "flows/long-label.yaml",
        "steps:\n  - id: start\n    say:\n      - text: menu-prompt\n        quick_replies:\n          - { label: long-label, value: x }\n",
    );
    assert_eq!(
        check(&scratch),
        vec![
            "flows/long-label.yaml:6:22: label \"long-label\" in es is 28 characters, LINE allows 20: \"Una etiqueta demasiado larga\""
                .to_owned()
        ]
    );
}

#[test]
fn a_fluent_syntax_error_is_reported_in_its_ftl_file() {
    let scratch = Scratch::new();
    scratch.append("locales/ko/flows.ftl", "broken-message = 안녕 { $name\nnext = 다음\n");
    let diagnostics = check(&scratch);
    assert_eq!(
        diagnostics,
        vec!["locales/ko/flows.ftl:46:1: Fluent syntax: Expected a token starting with \"}\"".to_owned()]
    );
}

#[test]
fn madoguchi_flows_check_prints_diagnostics_and_exits_non_zero() {
    let scratch = Scratch::new();
    scratch.write("flows/unknown-target.yaml", "steps:\n  - id: start\n    goto: nowhere\n");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .current_dir(scratch.dir.path())
        .args(["flows", "check"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("flows/unknown-target.yaml:3:11: no step is called \"nowhere\""), "{stdout}");
    let fine = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .current_dir(root())
        .args(["flows", "check"])
        .output()
        .unwrap();
    assert!(fine.status.success(), "{}", String::from_utf8_lossy(&fine.stdout));
}

#[test]
fn an_engine_message_missing_in_a_locale_is_reported_in_that_locales_files() {
    let scratch = Scratch::new();
    let path = scratch.locales().join("th/common.ftl");
    let old = std::fs::read_to_string(&path).unwrap();
    let kept: String = old.lines().filter(|l| !l.starts_with("session-expired =")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, kept).unwrap();
    let diagnostics = check(&scratch);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(diagnostics[0].starts_with("locales/th/"), "{diagnostics:#?}");
    assert!(
        diagnostics[0].ends_with(":0:0: the engine's own message \"session-expired\" is missing in th"),
        "{diagnostics:#?}"
    );
}

#[test]
fn two_flows_on_one_postback_are_refused() {
    let scratch = Scratch::new();
    scratch
        .write("flows/second-menu.yaml", "triggers:\n  postback: [menu=open]\nsteps:\n  - id: start\n    end: true\n");
    assert_reported(
        &check(&scratch),
        "flows/second-menu.yaml:2:14: postback \"menu=open\" already starts the flow in flows/menu.yaml",
    );
}

#[test]
fn a_reminder_after_the_expiry_is_refused_at_its_duration() {
    let scratch = Scratch::new();
    scratch.write(
        "flows/late-reminder.yaml",
        "expiry: 20m\nreminder: { after: 25m, text: still-there }\nsteps:\n  - id: start\n    end: true\n",
    );
    assert_eq!(
        check(&scratch),
        vec![
            "flows/late-reminder.yaml:2:20: the reminder must come before the session expires (30m unless `expiry` says otherwise)"
                .to_owned()
        ]
    );
}

#[test]
fn a_keyword_that_is_also_a_command_word_is_reported_at_the_keywords() {
    let scratch = Scratch::new();
    for locale in LOCALES {
        let words = if locale == "en" { "bulky | cancel" } else { "粗大ごみ" };
        scratch.append(&format!("locales/{locale}/flows.ftl"), &format!("bulky-keywords = {words}\n"));
    }
    scratch.write(
        "flows/bulky.yaml",
        "triggers:\n  keywords: bulky-keywords\nsteps:\n  - id: start\n    say:\n      - text: label-menu\n",
    );
    assert_eq!(
        check(&scratch),
        vec!["flows/bulky.yaml:2:13: the keyword \"cancel\" is also the cancel command".to_owned()]
    );
}
