//! The wording of all 13 locales: every key a flow or the engine uses exists everywhere and formats with its
//! arguments, no locale is a copy of English, and every locale loads without a Fluent error.

use crate::helpers::root;
use madoguchi::flow::source::{Origin, SourceFile, locale_files};
use madoguchi::i18n::{LOCALES, Wording};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

fn wording() -> Wording {
    let files = locale_files(&Origin::Folder(root().join("locales"))).unwrap();
    let (wording, diagnostics) = Wording::load(&files);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    wording
}

/// Every Fluent key written in a flow file or the commands file, with the engine's own.
fn keys_used() -> BTreeSet<String> {
    let mut keys: BTreeSet<String> = madoguchi::flow::check::engine_keys().into_iter().collect();
    let files = madoguchi::flow::source::flow_files(&Origin::Folder(root().join("flows"))).unwrap();
    let key_fields =
        ["text", "prompt", "again", "label", "error", "words", "say", "keywords", "expired", "stay", "alt", "title"];
    for SourceFile { text, .. } in files {
        for line in text.lines() {
            let line = line.trim_start().trim_start_matches("- ");
            for part in line.trim_matches(|c| c == '{' || c == '}').split(", ") {
                if let Some((field, value)) = part.split_once(": ")
                    && key_fields.contains(&field.trim().trim_start_matches("{ "))
                {
                    let value = value.trim().trim_end_matches('}').trim();
                    if !value.is_empty() && value.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                        keys.insert(value.to_owned());
                    }
                }
            }
        }
    }
    keys
}

#[test]
fn every_fluent_key_used_exists_in_all_13_locales() {
    let wording = wording();
    let playbook = madoguchi::flow::Playbook::from_origins(
        &Origin::Folder(root().join("flows")),
        &Origin::Folder(root().join("locales")),
        &["garbage.lookup".to_owned()],
    )
    .unwrap();
    let keys = playbook.keys();
    // The schema walk and a plain reading of the files agree on which keys are used.
    let read: BTreeSet<String> = keys_used();
    assert!(read.is_subset(&keys), "keys read but not walked: {:?}", read.difference(&keys).collect::<Vec<_>>());
    assert!(keys.len() > 60, "only {} keys found: {keys:?}", keys.len());
    let mut missing = Vec::new();
    for key in &keys {
        for locale in wording.missing(key) {
            missing.push(format!("{locale}/{key}"));
        }
    }
    assert!(missing.is_empty(), "missing: {missing:?}");
}

#[test]
fn every_message_of_every_locale_formats_with_its_arguments_and_without_isolation_marks() {
    let wording = wording();
    let japanese = wording.messages("ja").unwrap();
    let mut problems = Vec::new();
    for locale in LOCALES {
        let messages = wording.messages(locale).unwrap();
        let ours: BTreeSet<&String> = messages.keys().collect();
        let theirs: BTreeSet<&String> = japanese.keys().collect();
        for key in ours.symmetric_difference(&theirs) {
            problems.push(format!("{locale}: {key} is in one of ja and {locale} only"));
        }
        for (key, info) in messages {
            let expected = japanese.get(key).map(|m| &m.variables);
            if expected.is_some_and(|v| *v != info.variables) {
                problems.push(format!("{locale}/{key} uses {:?}, ja uses {:?}", info.variables, expected.unwrap()));
            }
            let mut args = Map::new();
            for variable in &info.variables {
                let value = if variable == "remaining" { Value::from(1) } else { Value::from("X") };
                args.insert(variable.clone(), value);
            }
            for remaining in [1, 2, 3] {
                if args.contains_key("remaining") {
                    args.insert("remaining".into(), Value::from(remaining));
                }
                let (text, errors) = wording.format_checked(locale, key, &args);
                if !errors.is_empty() {
                    problems.push(format!("{locale}/{key}: {errors:?}"));
                }
                if text.contains(['\u{2068}', '\u{2069}']) {
                    problems.push(format!("{locale}/{key} contains isolation marks"));
                }
                if text.trim().is_empty() {
                    problems.push(format!("{locale}/{key} is empty"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn no_locale_is_a_copy_of_english() {
    let wording = wording();
    let english = wording.messages("en").unwrap();
    for locale in LOCALES.iter().filter(|l| **l != "en") {
        let same: Vec<&String> = english
            .keys()
            .filter(|key| {
                let args = Map::new();
                wording.format_checked(locale, key, &args).0 == wording.format_checked("en", key, &args).0
            })
            .collect();
        // A few labels are the same word in several languages ("Menu", "Camera").
        assert!(same.len() <= 4, "{locale} has {} messages identical to English: {same:?}", same.len());
    }
}

#[test]
fn every_locale_folder_is_one_of_the_13() {
    let folders: BTreeSet<String> = std::fs::read_dir(root().join("locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let expected: BTreeSet<String> = LOCALES.iter().map(|l| l.to_string()).collect();
    assert_eq!(folders, expected);
}

#[test]
fn successive_re_asks_read_differently_in_every_locale() {
    // Plural categories differ by language (in Tagalog, 2 is "one"): the tries left must show in every re-ask.
    let wording = wording();
    for locale in LOCALES {
        for key in madoguchi::flow::check::engine_keys().iter().filter(|k| k.starts_with("ask-again-")) {
            let said: BTreeSet<String> = (1..=3)
                .map(|remaining| {
                    let mut args = Map::new();
                    args.insert("remaining".into(), Value::from(remaining));
                    wording.format_checked(locale, key, &args).0
                })
                .collect();
            assert_eq!(said.len(), 3, "{locale}/{key} reads the same for different tries left: {said:?}");
        }
    }
}
