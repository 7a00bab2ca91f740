//! Wording in the city's 13 languages: Fluent bundles per locale, the mapping from a LINE profile's language to the
//! nearest of them, and the variable references each message expects.

use crate::flow::source::{Diagnostic, SourceFile, line_col};
use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use unic_langid::LanguageIdentifier;

/// The locales every message must exist in, Japanese first: it is the language of last resort.
pub const LOCALES: [&str; 13] =
    ["ja", "en", "zh-Hans", "zh-Hant", "ko", "vi", "ne", "tl", "pt-BR", "es", "th", "id", "my"];

/// The language a resident starts with when LINE tells us none we speak.
pub const DEFAULT_LOCALE: &str = "ja";

/// The nearest of the 13 locales to a BCP 47 tag from a LINE profile (`zh-TW` → `zh-Hant`, `pt` → `pt-BR`,
/// `in` → `id`); Japanese when nothing is near.
pub fn nearest(tag: &str) -> &'static str {
    let tag = tag.trim().replace('_', "-");
    let lower = tag.to_ascii_lowercase();
    if let Some(exact) = LOCALES.iter().find(|l| l.to_ascii_lowercase() == lower) {
        return exact;
    }
    let mut parts = lower.split('-');
    let language = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    match language {
        "zh" => {
            if rest.iter().any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo")) {
                "zh-Hant"
            } else {
                "zh-Hans"
            }
        }
        "pt" => "pt-BR",
        "in" | "id" => "id",
        "fil" | "tl" => "tl",
        "my" | "bur" => "my",
        "nb" => DEFAULT_LOCALE,
        other => LOCALES.iter().find(|l| **l == other).copied().unwrap_or(DEFAULT_LOCALE),
    }
}

/// Whether `tag` is one of the 13 locales as written in `LOCALES`.
pub fn is_locale(tag: &str) -> bool {
    LOCALES.contains(&tag)
}

/// One message's identity and the variables it refers to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageInfo {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub variables: BTreeSet<String>,
}

/// Every locale's bundle, loaded and checked together.
pub struct Wording {
    bundles: BTreeMap<&'static str, FluentBundle<FluentResource>>,
    /// Per locale, each message id and where it is defined.
    messages: BTreeMap<&'static str, BTreeMap<String, MessageInfo>>,
}

impl std::fmt::Debug for Wording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wording").field("locales", &self.bundles.keys().collect::<Vec<_>>()).finish()
    }
}

impl Wording {
    /// Builds the bundles from `locales/<locale>/*.ftl` files; syntax errors, unknown locale folders and messages
    /// defined twice are diagnostics. Files of a locale not in `LOCALES` are refused.
    pub fn load(files: &[SourceFile]) -> (Wording, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut bundles = BTreeMap::new();
        let mut messages: BTreeMap<&'static str, BTreeMap<String, MessageInfo>> = BTreeMap::new();
        for locale in LOCALES {
            let id: LanguageIdentifier = locale.parse().expect("the 13 locale tags parse");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            bundles.insert(locale, bundle);
            messages.insert(locale, BTreeMap::new());
        }
        for file in files {
            let folder = file.relative.split('/').next().unwrap_or_default();
            let Some(locale) = LOCALES.iter().find(|l| **l == folder).copied() else {
                diagnostics.push(Diagnostic::new(
                    &file.path,
                    0,
                    0,
                    format!("{folder:?} is not one of the locales ({})", LOCALES.join(", ")),
                ));
                continue;
            };
            let resource = match FluentResource::try_new(file.text.clone()) {
                Ok(resource) => resource,
                Err((resource, _)) => {
                    // The full parser locates errors precisely; the runtime parser behind FluentResource does not.
                    let errors = match fluent_syntax::parser::parse(file.text.as_str()) {
                        Err((_, errors)) => errors,
                        Ok(_) => Vec::new(),
                    };
                    for error in errors {
                        let (line, col) = line_col(&file.text, error.pos.start);
                        diagnostics.push(Diagnostic::new(
                            &file.path,
                            line,
                            col,
                            format!("Fluent syntax: {}", error.kind),
                        ));
                    }
                    resource
                }
            };
            let known = messages.get_mut(locale).expect("every locale has a table");
            for entry in resource.entries() {
                if let ast::Entry::Message(message) = entry {
                    let offset = file.text.find(&format!("\n{} ", message.id.name)).map_or(0, |o| o + 1);
                    let offset = if file.text.starts_with(&format!("{} ", message.id.name)) { 0 } else { offset };
                    let (line, col) = line_col(&file.text, offset);
                    let mut variables = BTreeSet::new();
                    if let Some(pattern) = &message.value {
                        pattern_variables(pattern, &mut variables);
                    }
                    for attribute in &message.attributes {
                        pattern_variables(&attribute.value, &mut variables);
                    }
                    let info = MessageInfo { file: file.path.clone(), line, col, variables };
                    if let Some(first) = known.insert(message.id.name.to_owned(), info) {
                        diagnostics.push(Diagnostic::new(
                            &file.path,
                            line,
                            col,
                            format!(
                                "{} is already defined at {}:{}:{}",
                                message.id.name, first.file, first.line, first.col
                            ),
                        ));
                    }
                }
            }
            let bundle = bundles.get_mut(locale).expect("every locale has a bundle");
            bundle.add_resource_overriding(resource);
        }
        (Wording { bundles, messages }, diagnostics)
    }

    /// Whether `key` is a message of `locale`.
    pub fn has(&self, locale: &str, key: &str) -> bool {
        self.messages.get(locale).is_some_and(|m| m.contains_key(key))
    }

    /// Every message id of a locale with where it is defined and the variables it refers to.
    pub fn messages(&self, locale: &str) -> Option<&BTreeMap<String, MessageInfo>> {
        self.messages.get(locale)
    }

    /// The locales in which `key` is missing.
    pub fn missing(&self, key: &str) -> Vec<&'static str> {
        LOCALES.iter().copied().filter(|l| !self.has(l, key)).collect()
    }

    /// Formats `key` in `locale` with `args`, falling back to Japanese, then to the key itself, so a resident always
    /// gets some text; the errors Fluent reported are returned for logging and tests.
    pub fn format_checked(&self, locale: &str, key: &str, args: &Map<String, Value>) -> (String, Vec<String>) {
        let fluent_args = to_fluent_args(args);
        for candidate in [locale, DEFAULT_LOCALE] {
            let Some(bundle) = self.bundles.get(candidate) else { continue };
            let Some(message) = bundle.get_message(key) else { continue };
            let Some(pattern) = message.value() else { continue };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
            let errors = errors.iter().map(|e| format!("{candidate}/{key}: {e}")).collect();
            return (text, errors);
        }
        (key.to_owned(), vec![format!("{locale}/{key}: no such message")])
    }

    /// Formats `key` in `locale` with `args` (see [`Wording::format_checked`]).
    pub fn format(&self, locale: &str, key: &str, args: &Map<String, Value>) -> String {
        let (text, errors) = self.format_checked(locale, key, args);
        for error in errors {
            tracing::warn!(%error, "wording");
        }
        text
    }

    /// The words of a list message (`command-cancel = やめる | キャンセル`) in every locale, folded for matching.
    pub fn words_everywhere(&self, key: &str) -> BTreeSet<String> {
        let mut words = BTreeSet::new();
        for locale in LOCALES {
            if self.has(locale, key) {
                let (text, _) = self.format_checked(locale, key, &Map::new());
                words.extend(text.split('|').map(fold).filter(|w| !w.is_empty()));
            }
        }
        words
    }
}

/// Folds what a resident typed for matching: trimmed, full-width ASCII to half-width, lower case, no inner spaces.
pub fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !matches!(c, '!' | '?' | '.' | '。' | '！' | '？'))
        .collect()
}

fn to_fluent_args(vars: &Map<String, Value>) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for (name, value) in vars {
        match value {
            Value::String(s) => args.set(name.clone(), FluentValue::from(s.clone())),
            Value::Number(n) => {
                if let Some(f) = n.as_f64() {
                    args.set(name.clone(), FluentValue::from(f));
                }
            }
            Value::Bool(b) => args.set(name.clone(), FluentValue::from(b.to_string())),
            _ => {}
        }
    }
    args
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for named in &arguments.named {
                inline_variables(&named.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_profile_languages_map_to_the_nearest_locale() {
        assert_eq!(nearest("zh-TW"), "zh-Hant");
        assert_eq!(nearest("zh-HK"), "zh-Hant");
        assert_eq!(nearest("zh-CN"), "zh-Hans");
        assert_eq!(nearest("zh"), "zh-Hans");
        assert_eq!(nearest("pt"), "pt-BR");
        assert_eq!(nearest("pt-PT"), "pt-BR");
        assert_eq!(nearest("in"), "id");
        assert_eq!(nearest("en-US"), "en");
        assert_eq!(nearest("vi"), "vi");
        assert_eq!(nearest("fr"), "ja");
        assert_eq!(nearest(""), "ja");
    }

    #[test]
    fn folding_ignores_width_case_and_spaces() {
        assert_eq!(fold("  ＣＡＮＣＥＬ！ "), "cancel");
        assert_eq!(fold("Main Menu"), "mainmenu");
    }

    #[test]
    fn messages_format_without_isolation_marks() {
        let file = SourceFile {
            path: "locales/en/a.ftl".into(),
            relative: "en/a.ftl".into(),
            text: "hello = Hello, { $name }!\n".into(),
        };
        let (wording, diagnostics) = Wording::load(&[file]);
        assert!(diagnostics.is_empty());
        let mut args = Map::new();
        args.insert("name".into(), Value::String("Hanako".into()));
        assert_eq!(wording.format("en", "hello", &args), "Hello, Hanako!");
        assert_eq!(wording.messages("en").unwrap()["hello"].variables, BTreeSet::from(["name".to_owned()]));
    }

    #[test]
    fn a_fluent_syntax_error_is_located() {
        let file = SourceFile {
            path: "locales/ja/a.ftl".into(),
            relative: "ja/a.ftl".into(),
            text: "ok = はい\nbroken = { \n".into(),
        };
        let (_, diagnostics) = Wording::load(&[file]);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].to_string(), "locales/ja/a.ftl:3:1: Fluent syntax: Expected an inline expression");
    }
}
