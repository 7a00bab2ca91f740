//! `flows check`: everything that can be wrong in flows and locales, found before a resident meets it, each problem
//! reported as `file:line:column: message`.

use super::load::{DEFAULT_EXPIRY_MS, Playbook, flow_id, parse_duration_ms};
use super::model::{AskSpec, ChoiceSpec, CommandsSpec, FlowSpec, InputKind, Key, SaySpec, Spanned, StepSpec};
use super::source::{Diagnostic, Origin, SourceFile};
use crate::i18n::{LOCALES, Wording};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// LINE shows at most this many quick replies.
pub const MAX_CHOICES: usize = 13;
/// LINE cuts action labels longer than this.
pub const MAX_LABEL: usize = 20;
const MAX_POSTBACK_DATA: usize = 300;

/// Checks the flows in `flows_dir` and the locales in `locales_dir` against the actions a deployment offers.
pub fn check(flows_dir: &Path, locales_dir: &Path, action_names: &[String]) -> Vec<Diagnostic> {
    match Playbook::from_origins(&Origin::Folder(flows_dir.into()), &Origin::Folder(locales_dir.into()), action_names) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics,
    }
}

fn at<T>(file: &SourceFile, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(&file.path, spanned.referenced.line() as u32, spanned.referenced.column() as u32, message)
}

/// The semantic checks, on files that parsed.
pub(crate) fn check_playbook(
    flows: &[(&SourceFile, FlowSpec)],
    commands: (&SourceFile, &CommandsSpec),
    wording: &Wording,
    action_names: &[String],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ids: BTreeMap<String, &SourceFile> = BTreeMap::new();
    for (file, spec) in flows {
        let id = flow_id(file, spec);
        if let Some(first) = ids.insert(id.clone(), file) {
            out.push(Diagnostic::new(&file.path, 1, 1, format!("flow {id:?} is already defined in {}", first.path)));
        }
    }
    // Two flows must not answer the same trigger: which one starts would depend on file names.
    let mut postbacks: BTreeMap<&str, &SourceFile> = BTreeMap::new();
    let mut singles: BTreeMap<&str, &SourceFile> = BTreeMap::new();
    for (file, spec) in flows {
        for postback in &spec.triggers.postback {
            if let Some(first) = postbacks.insert(&postback.value, file) {
                out.push(at(
                    file,
                    postback,
                    format!("postback {:?} already starts the flow in {}", postback.value, first.path),
                ));
            }
        }
        let triggers = &spec.triggers;
        for (name, on) in [
            ("follow", triggers.follow),
            ("image", triggers.image),
            ("location", triggers.location),
            ("unmatched", triggers.unmatched),
        ] {
            if on && let Some(first) = singles.insert(name, file) {
                out.push(Diagnostic::new(
                    &file.path,
                    1,
                    1,
                    format!("`{name}` already starts the flow in {}", first.path),
                ));
            }
        }
    }
    let flow_ids: BTreeSet<String> = ids.keys().cloned().collect();
    let mut checker = Checker { out: &mut out, wording, flow_ids: &flow_ids, action_names };
    for (file, spec) in flows {
        checker.flow(file, spec);
    }
    let (file, commands) = commands;
    for spec in [&commands.menu, &commands.cancel, &commands.back, &commands.language, &commands.help] {
        checker.key(file, &spec.words);
        if let Some(say) = &spec.say {
            checker.key(file, say);
        }
        if let Some(label) = &spec.label {
            checker.label(file, label);
        }
        if let Some(flow) = &spec.flow
            && !flow_ids.contains(&flow.value)
        {
            checker.out.push(at(file, flow, format!("no flow is called {:?}", flow.value)));
        }
    }
    // A word must mean one thing: a command word or another flow's keyword would silently win over a keyword.
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    for (name, spec) in [
        ("menu", &commands.menu),
        ("cancel", &commands.cancel),
        ("back", &commands.back),
        ("language", &commands.language),
        ("help", &commands.help),
    ] {
        for word in wording.words_everywhere(&spec.words.value) {
            if let Some(first) = owners.insert(word.clone(), format!("the {name} command")) {
                out.push(at(file, &spec.words, format!("the word {word:?} is also {first}")));
            }
        }
    }
    for (flow_file, spec) in flows {
        if let Some(keywords) = &spec.triggers.keywords {
            let id = flow_id(flow_file, spec);
            for word in wording.words_everywhere(&keywords.value) {
                if let Some(first) = owners.insert(word.clone(), format!("a keyword of flow {id:?}")) {
                    out.push(at(flow_file, keywords, format!("the keyword {word:?} is also {first}")));
                }
            }
        }
    }
    for key in engine_keys() {
        for locale in wording.missing(&key) {
            // Point at a file of the locale that lacks it, where the operator will add it.
            let file = wording
                .messages(locale)
                .and_then(|m| m.values().next())
                .map_or_else(|| format!("locales/{locale}"), |m| m.file.clone());
            out.push(Diagnostic::new(file, 0, 0, format!("the engine's own message {key:?} is missing in {locale}")));
        }
    }
    out
}

/// The messages the engine says by itself (errors, re-asks, pickers, expiry), which every locale must have.
pub fn engine_keys() -> Vec<String> {
    let mut keys: Vec<String> = [
        "session-expired",
        "flow-changed",
        "flow-stay",
        "action-failed",
        "ask-gave-up",
        "ask-skip",
        "ask-pick-date",
        "ask-pick-time",
        "ask-pick-datetime",
        "ask-camera",
        "ask-camera-roll",
        "ask-location",
        "command-back-none",
    ]
    .map(str::to_owned)
    .to_vec();
    for kind in ["text", "choice", "number", "date", "time", "datetime", "phone", "kana", "image", "location"] {
        keys.push(format!("ask-wrong-{kind}"));
        keys.push(format!("ask-again-{kind}"));
    }
    keys
}

struct Checker<'a> {
    out: &'a mut Vec<Diagnostic>,
    wording: &'a Wording,
    flow_ids: &'a BTreeSet<String>,
    action_names: &'a [String],
}

impl Checker<'_> {
    fn key(&mut self, file: &SourceFile, key: &Key) {
        let missing = self.wording.missing(&key.value);
        if missing.len() == LOCALES.len() {
            self.out.push(at(file, key, format!("Fluent key {:?} is missing in every locale", key.value)));
        } else if !missing.is_empty() {
            self.out.push(at(file, key, format!("Fluent key {:?} is missing in {}", key.value, missing.join(", "))));
        }
    }

    fn label(&mut self, file: &SourceFile, key: &Key) {
        self.key(file, key);
        for locale in LOCALES {
            if self.wording.has(locale, &key.value) {
                let (text, _) = self.wording.format_checked(locale, &key.value, &Default::default());
                let length = text.chars().count();
                if length > MAX_LABEL {
                    self.out.push(at(
                        file,
                        key,
                        format!(
                            "label {:?} in {locale} is {length} characters, LINE allows {MAX_LABEL}: \"{text}\"",
                            key.value
                        ),
                    ));
                }
            }
        }
    }

    fn choice(&mut self, file: &SourceFile, choice: &ChoiceSpec, steps: &HashMap<String, usize>) {
        match (&choice.label, &choice.literal) {
            (Some(label), None) => self.label(file, label),
            (None, Some(literal)) => {
                if literal.value.chars().count() > MAX_LABEL {
                    self.out.push(at(
                        file,
                        literal,
                        format!("label {:?} is longer than {MAX_LABEL} characters", literal.value),
                    ));
                }
            }
            _ => self.out.push(at(
                file,
                &choice.value,
                "a choice needs exactly one of `label` (a Fluent key) or `literal`",
            )),
        }
        if choice.value.value.is_empty() || choice.value.value.chars().count() > MAX_POSTBACK_DATA {
            self.out.push(at(
                file,
                &choice.value,
                format!("a choice value must be 1 to {MAX_POSTBACK_DATA} characters"),
            ));
        }
        if let Some(goto) = &choice.goto {
            self.target(file, goto, steps);
        }
    }

    fn target(&mut self, file: &SourceFile, target: &Spanned<String>, steps: &HashMap<String, usize>) {
        let name = target.value.as_str();
        if name == "end" {
            return;
        }
        if let Some(flow) = name.strip_prefix("flow:") {
            if !self.flow_ids.contains(flow) {
                self.out.push(at(file, target, format!("no flow is called {flow:?}")));
            }
        } else if !steps.contains_key(name) {
            let mut known: Vec<&str> = steps.keys().map(String::as_str).collect();
            known.sort();
            self.out.push(at(
                file,
                target,
                format!(
                    "no step is called {name:?} in this flow (steps: {}; another flow is `flow:<id>`)",
                    known.join(", ")
                ),
            ));
        }
    }

    fn flow(&mut self, file: &SourceFile, spec: &FlowSpec) {
        if spec.steps.is_empty() {
            self.out.push(Diagnostic::new(&file.path, 1, 1, "a flow needs at least one step"));
            return;
        }
        if let Some(expiry) = &spec.expiry
            && parse_duration_ms(&expiry.value).is_none()
        {
            self.out.push(at(file, expiry, format!("{:?} is not a duration like 30m, 2h or 90s", expiry.value)));
        }
        for key in [&spec.expired, &spec.stay].into_iter().flatten() {
            self.key(file, key);
        }
        if let Some(reminder) = &spec.reminder {
            self.key(file, &reminder.text);
            let expiry = spec.expiry.as_ref().and_then(|e| parse_duration_ms(&e.value)).unwrap_or(DEFAULT_EXPIRY_MS);
            match parse_duration_ms(&reminder.after.value) {
                None => self.out.push(at(
                    file,
                    &reminder.after,
                    format!("{:?} is not a duration like 10m, 1h or 90s", reminder.after.value),
                )),
                Some(after) if after >= expiry => self.out.push(at(
                    file,
                    &reminder.after,
                    "the reminder must come before the session expires (30m unless `expiry` says otherwise)",
                )),
                Some(_) => {}
            }
        }
        if let Some(keywords) = &spec.triggers.keywords {
            self.key(file, keywords);
        }
        let mut steps = HashMap::new();
        for (index, step) in spec.steps.iter().enumerate() {
            if steps.insert(step.id.value.clone(), index).is_some() {
                self.out.push(at(file, &step.id, format!("step {:?} is defined twice", step.id.value)));
            }
        }
        for step in &spec.steps {
            self.step(file, step, &steps);
        }
        // Unreachable steps: walk from the first step along every way out of each step.
        let mut reached = vec![false; spec.steps.len()];
        let mut todo = vec![0_usize];
        while let Some(index) = todo.pop() {
            if std::mem::replace(&mut reached[index], true) {
                continue;
            }
            for next in exits(&spec.steps[index], index, spec.steps.len()) {
                if let Some(&target) =
                    next.as_ref().and_then(|name| steps.get(name.as_str())).or(next.is_none().then_some(&(index + 1)))
                    && target < spec.steps.len()
                {
                    todo.push(target);
                }
            }
        }
        for (index, step) in spec.steps.iter().enumerate() {
            if !reached[index] {
                self.out.push(at(file, &step.id, format!("step {:?} is never reached", step.id.value)));
            }
        }
    }

    fn step(&mut self, file: &SourceFile, step: &StepSpec, steps: &HashMap<String, usize>) {
        let kinds = [step.ask.is_some(), step.call.is_some(), step.branch.is_some(), step.goto.is_some(), step.end]
            .iter()
            .filter(|k| **k)
            .count();
        if kinds > 1 {
            self.out.push(at(file, &step.id, "a step does at most one of ask, call, branch, goto and end"));
        }
        if step.say.len() > 5 {
            self.out.push(at(file, &step.id, format!("{} messages to say, LINE takes at most 5", step.say.len())));
        }
        for say in &step.say {
            self.say(file, step, say, steps);
        }
        if let Some(ask) = &step.ask {
            self.ask(file, step, ask, steps);
        }
        if let Some(call) = &step.call {
            if !self.action_names.contains(&call.action.value) {
                self.out.push(at(
                    file,
                    &call.action,
                    format!("no action is called {:?} (known: {})", call.action.value, self.action_names.join(", ")),
                ));
            }
            for target in [&call.next, &call.on_error].into_iter().flatten() {
                self.target(file, target, steps);
            }
        }
        if let Some(cases) = &step.branch {
            for case in cases {
                self.target(file, &case.goto, steps);
            }
        }
        if let Some(goto) = &step.goto {
            self.target(file, goto, steps);
        }
    }

    fn say(&mut self, file: &SourceFile, step: &StepSpec, say: &SaySpec, steps: &HashMap<String, usize>) {
        let kinds = [
            say.text.is_some(),
            say.buttons.is_some(),
            say.confirm.is_some(),
            say.carousel.is_some(),
            say.flex.is_some(),
            say.image.is_some(),
        ]
        .iter()
        .filter(|k| **k)
        .count();
        if kinds != 1 {
            self.out.push(at(
                file,
                &step.id,
                "each message to say is exactly one of text, buttons, confirm, carousel, flex or image",
            ));
        }
        if let Some(text) = &say.text {
            self.key(file, text);
        }
        if say.quick_replies.len() > MAX_CHOICES {
            self.out.push(at(
                file,
                &step.id,
                format!("{} quick replies, LINE shows at most {MAX_CHOICES}", say.quick_replies.len()),
            ));
        }
        for choice in &say.quick_replies {
            self.choice(file, choice, steps);
        }
        if let Some(buttons) = &say.buttons {
            for key in [&buttons.title].into_iter().flatten() {
                self.key(file, key);
            }
            self.key(file, &buttons.text);
            if buttons.actions.value.is_empty() || buttons.actions.value.len() > 4 {
                self.out.push(at(
                    file,
                    &buttons.actions,
                    format!("{} buttons, a buttons template takes 1 to 4", buttons.actions.value.len()),
                ));
            }
            for choice in &buttons.actions.value {
                self.choice(file, choice, steps);
            }
        }
        if let Some(confirm) = &say.confirm {
            self.key(file, &confirm.text);
            self.choice(file, &confirm.yes, steps);
            self.choice(file, &confirm.no, steps);
        }
        if let Some(carousel) = &say.carousel {
            self.key(file, &carousel.alt);
            let columns = &carousel.columns.value;
            if columns.is_empty() || columns.len() > 10 {
                self.out.push(at(
                    file,
                    &carousel.columns,
                    format!("{} columns, a carousel takes 1 to 10", columns.len()),
                ));
            }
            for column in columns {
                for key in [&column.title].into_iter().flatten() {
                    self.key(file, key);
                }
                self.key(file, &column.text);
                for choice in &column.actions {
                    self.choice(file, choice, steps);
                }
            }
        }
        if let Some(flex) = &say.flex {
            self.key(file, &flex.alt);
            let mut keys = Vec::new();
            flex_keys(&flex.contents, &mut keys);
            for key in keys {
                let missing = self.wording.missing(&key);
                if !missing.is_empty() {
                    self.out.push(at(
                        file,
                        &flex.alt,
                        format!("Fluent key {key:?} in this flex message is missing in {}", missing.join(", ")),
                    ));
                }
            }
        }
        if let Some(image) = &say.image
            && !image.url.value.starts_with("https://")
        {
            self.out.push(at(file, &image.url, "LINE fetches images only from https:// URLs"));
        }
    }

    fn ask(&mut self, file: &SourceFile, step: &StepSpec, ask: &AskSpec, steps: &HashMap<String, usize>) {
        for key in [&ask.prompt, &ask.again].into_iter().flatten() {
            self.key(file, key);
        }
        if ask.prompt.is_none() && step.say.is_empty() {
            self.out.push(at(file, &step.id, "a question needs a `prompt` or a message to say"));
        }
        for validator in &ask.validate {
            self.key(file, &validator.error);
            if let Some(pattern) = &validator.pattern
                && let Err(error) = regex::Regex::new(&pattern.value)
            {
                self.out.push(at(file, pattern, format!("not a regular expression: {error}")));
            }
        }
        let kind = ask.kind.value;
        let fixed = ask.choices.as_ref().map_or(0, |c| c.value.len());
        if kind == InputKind::Choice && ask.choices.is_none() && ask.choices_from.is_none() {
            self.out.push(at(file, &ask.kind, "a choice question needs `choices` or `choices_from`"));
        }
        if let Some(choices) = &ask.choices {
            let total = fixed + usize::from(ask.skip);
            if total > MAX_CHOICES {
                self.out.push(at(
                    file,
                    choices,
                    format!("{total} choices (with skip), LINE shows at most {MAX_CHOICES} quick replies"),
                ));
            }
            for choice in &choices.value {
                self.choice(file, choice, steps);
            }
        }
        for target in [&ask.next, &ask.on_fail].into_iter().flatten() {
            self.target(file, target, steps);
        }
    }
}

/// Every way out of a step: `Some(name)` to a named target, `None` to the following step in the file.
fn exits(step: &StepSpec, _index: usize, _len: usize) -> Vec<Option<String>> {
    let named = |t: &Spanned<String>| Some(t.value.clone());
    let mut exits = Vec::new();
    if let Some(ask) = &step.ask {
        exits.push(ask.next.as_ref().and_then(named));
        exits.extend(ask.on_fail.as_ref().map(named));
        for choice in ask.choices.iter().flat_map(|c| &c.value) {
            exits.extend(choice.goto.as_ref().map(named));
        }
    } else if let Some(call) = &step.call {
        exits.push(call.next.as_ref().and_then(named));
        exits.extend(call.on_error.as_ref().map(named));
    } else if let Some(cases) = &step.branch {
        exits.extend(cases.iter().map(|c| named(&c.goto)));
        if cases.iter().all(|c| c.when.is_some()) {
            exits.push(None);
        }
    } else if let Some(goto) = &step.goto {
        exits.push(named(goto));
    } else if !step.end {
        exits.push(None);
    }
    for say in &step.say {
        for choice in say.quick_replies.iter().chain(say.buttons.iter().flat_map(|b| &b.actions.value)) {
            exits.extend(choice.goto.as_ref().map(named));
        }
    }
    exits
}

/// The `t:<key>` strings of a flex message's contents.
fn flex_keys(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.extend(s.strip_prefix("t:").map(str::to_owned)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| flex_keys(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| flex_keys(v, out)),
        _ => {}
    }
}
