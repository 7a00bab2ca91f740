//! The engine: a pure step function from (session, input, playbook, clock) to (session, messages), which pauses
//! with an [`ActionCall`] whenever a step calls a service and resumes with the action's outcome. It never does IO.

use super::action::ActionOutcome;
use super::load::{CommandName, Flow, Playbook};
use super::model::{AskSpec, ChoiceSpec, Condition, InputKind, Interruptions, SaySpec, StepSpec};
use crate::i18n::{self, fold};
use crate::line::event::{Event, EventKind, MessageContent};
use crate::line::message::{Action, Column, Message, PickerMode, QuickReply, Template};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Steps one event may run through before the engine decides a flow loops and stops it.
const STEP_BUDGET: u32 = 64;
/// Flows put aside at most (language inside help inside a booking, …); the oldest is forgotten beyond.
const MAX_STACK: usize = 3;
/// Wrong answers allowed by default.
pub const DEFAULT_RETRIES: u32 = 3;
/// The postback data of the "skip" quick reply.
pub const SKIP: &str = "skip";
/// The postback data of a datetime picker a question offers.
pub const PICKED: &str = "picked";

/// What a resident did, as far as flows care.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Follow,
    Text(String),
    Postback {
        data: String,
        params: BTreeMap<String, Value>,
    },
    Image {
        id: String,
    },
    Location {
        latitude: f64,
        longitude: f64,
        title: Option<String>,
        address: Option<String>,
    },
    /// A sticker, a video, a file: something no question takes.
    Other,
}

impl Input {
    /// The input an event carries; `None` for events nobody answers (unfollow, unsend, …).
    pub fn from_event(event: &Event) -> Option<Input> {
        match &event.kind {
            EventKind::Follow { .. } => Some(Input::Follow),
            EventKind::Postback { postback } => {
                Some(Input::Postback { data: postback.data.clone(), params: postback.params.clone() })
            }
            EventKind::Message { message } => Some(match message {
                MessageContent::Text { text, .. } => Input::Text(text.clone()),
                MessageContent::Image { id, .. } => Input::Image { id: id.clone() },
                MessageContent::Location { latitude, longitude, title, address, .. } => Input::Location {
                    latitude: *latitude,
                    longitude: *longitude,
                    title: title.clone(),
                    address: address.clone(),
                },
                _ => Input::Other,
            }),
            _ => None,
        }
    }
}

/// Where a resident is: a step of a flow, on the version of the flow they started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub flow: String,
    pub step: String,
    pub version: String,
}

/// A flow put aside while the resident changes language or reads help, to come back to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub at: Position,
    #[serde(default)]
    pub vars: Map<String, Value>,
    #[serde(default)]
    pub back: Vec<String>,
}

/// A resident's conversation state, stored as JSON in `residents.session`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub language: String,
    #[serde(default)]
    pub at: Option<Position>,
    #[serde(default)]
    pub vars: Map<String, Value>,
    /// Unix ms of the resident's last input.
    #[serde(default)]
    pub last_ms: i64,
    /// Wrong answers to the current question.
    #[serde(default)]
    pub retries: u32,
    /// The questions answered in this flow, for `back`.
    #[serde(default)]
    pub back: Vec<String>,
    #[serde(default)]
    pub stack: Vec<Frame>,
    /// Whether the idle reminder was sent since the last input.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reminded: bool,
}

impl Session {
    pub fn new(language: &str) -> Session {
        Session { language: language.to_owned(), ..Session::default() }
    }

    /// Leaves every flow, keeping the language.
    fn clear(&mut self) {
        let language = std::mem::take(&mut self.language);
        *self = Session { language, last_ms: self.last_ms, ..Session::default() };
    }
}

/// A call the engine needs made before it can go on.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionCall {
    pub action: String,
    pub args: Map<String, Value>,
}

/// What one input produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// `None` when the resident is in no flow any more.
    pub session: Option<Session>,
    pub language: String,
    pub messages: Vec<Message>,
}

/// The engine's answer: finished, or waiting for an action.
#[derive(Debug)]
pub enum Progress {
    Done(Reply),
    Calling(Pending),
}

/// An engine paused on an action call; hand the outcome to [`resume`].
#[derive(Debug)]
pub struct Pending {
    pub call: ActionCall,
    machine: Machine,
    next: Option<String>,
    on_error: Option<String>,
}

impl Pending {
    /// The resident's language at the time of the call (an earlier step may have changed it).
    pub fn language(&self) -> &str {
        &self.machine.session.language
    }
}

#[derive(Debug)]
struct Machine {
    session: Session,
    messages: Vec<Message>,
    budget: u32,
}

/// Where to go next.
#[derive(Debug, Clone)]
enum Next {
    Step(String, String),
    StartFlow(String),
    End,
    Wait,
    Call(ActionCall, Option<String>, Option<String>),
}

/// How an input relates to the question being asked.
enum Answer {
    Value(Value, Option<String>),
    Skip,
    /// The right kind of input, but not acceptable; the error key.
    Wrong(String),
    /// Not the kind of input the question takes.
    Unrelated,
}

/// Handles one input. `language` is the resident's remembered language (already one of the 13).
pub fn step(playbook: &Playbook, session: Option<Session>, language: &str, input: &Input, now_ms: i64) -> Progress {
    let mut session = session.unwrap_or_else(|| Session::new(language));
    session.language = language.to_owned();
    let mut machine = Machine { session, messages: Vec::new(), budget: STEP_BUDGET };
    let next = machine.handle(playbook, input, now_ms);
    machine.session.last_ms = now_ms;
    machine.session.reminded = false;
    machine.run(playbook, next)
}

/// The idle reminder due for a session at `now_ms`, if its flow sets one, the resident has been silent at a question
/// for at least its `after` but less than the expiry, and none was sent since their last input. The reply carries the
/// session marked as reminded (its last activity unchanged, so the expiry still counts from the resident's input).
pub fn remind(playbook: &Playbook, session: &Session, now_ms: i64) -> Option<Reply> {
    if session.reminded {
        return None;
    }
    let at = session.at.as_ref()?;
    let flow = playbook.flow(&at.flow).filter(|f| f.version == at.version)?;
    let (_, step) = flow.step(&at.step)?;
    let ask = step.ask.as_ref()?;
    let reminder = flow.spec.reminder.as_ref()?;
    let after = super::load::parse_duration_ms(&reminder.after.value)?;
    let idle = now_ms - session.last_ms;
    if idle < after || idle > flow.expiry_ms {
        return None;
    }
    let mut machine = Machine { session: session.clone(), messages: Vec::new(), budget: STEP_BUDGET };
    let text = machine.text(playbook, &reminder.text.value, &Map::new());
    let quick_reply = machine.quick_reply(playbook, ask);
    machine.messages.push(Message::Text { text, quick_reply });
    machine.session.reminded = true;
    Some(machine.finish())
}

/// Goes on after an action: its variables and messages on success, the step's `on_error` (or an apology) on failure.
pub fn resume(playbook: &Playbook, pending: Pending, outcome: Result<ActionOutcome, String>) -> Progress {
    let Pending { mut machine, next, on_error, call } = pending;
    let next = match outcome {
        Ok(outcome) => {
            for (name, value) in outcome.vars {
                machine.store(name, value);
            }
            machine.messages.extend(outcome.messages);
            machine.target(playbook, next.as_deref())
        }
        Err(error) => {
            tracing::warn!(action = %call.action, %error, "action failed");
            match on_error {
                Some(target) => machine.target(playbook, Some(&target)),
                None => {
                    machine.say_key(playbook, "action-failed", &Map::new());
                    Next::End
                }
            }
        }
    };
    machine.run(playbook, next)
}

impl Machine {
    fn language(&self) -> String {
        self.session.language.clone()
    }

    fn text(&self, playbook: &Playbook, key: &str, extra: &Map<String, Value>) -> String {
        let mut args = self.session.vars.clone();
        args.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        playbook.wording.format(&self.language(), key, &args)
    }

    fn say_key(&mut self, playbook: &Playbook, key: &str, extra: &Map<String, Value>) {
        let text = self.text(playbook, key, extra);
        self.messages.push(Message::text(text));
    }

    fn store(&mut self, name: String, value: Value) {
        if name == "language"
            && let Some(tag) = value.as_str()
            && i18n::is_locale(tag)
        {
            self.session.language = tag.to_owned();
        }
        self.session.vars.insert(name, value);
    }

    fn current<'p>(&self, playbook: &'p Playbook) -> Option<(&'p Flow, &'p StepSpec)> {
        let at = self.session.at.as_ref()?;
        let flow = playbook.flow(&at.flow)?;
        let (_, step) = flow.step(&at.step)?;
        Some((flow, step))
    }

    /// Decides what the input means before any step runs.
    fn handle(&mut self, playbook: &Playbook, input: &Input, now_ms: i64) -> Next {
        // A session left idle too long is dropped, with the flow's message.
        if let Some(at) = self.session.at.clone() {
            let flow = playbook.flow(&at.flow);
            let expiry = flow.map_or(super::load::DEFAULT_EXPIRY_MS, |f| f.expiry_ms);
            if now_ms - self.session.last_ms > expiry {
                let key = flow.and_then(|f| f.spec.expired.as_ref()).map_or("session-expired", |k| k.value.as_str());
                self.say_key(playbook, key, &Map::new());
                self.session.clear();
            }
        }
        // A flow edited since the resident started: continue if their question is still there, else start over.
        if let Some(at) = self.session.at.clone() {
            match playbook.flow(&at.flow) {
                None => {
                    self.say_key(playbook, "flow-changed", &Map::new());
                    self.session.clear();
                }
                Some(flow) if flow.version != at.version => {
                    if flow.step(&at.step).is_some_and(|(_, s)| s.ask.is_some()) {
                        self.session.at = Some(Position { version: flow.version.clone(), ..at });
                    } else {
                        self.say_key(playbook, "flow-changed", &Map::new());
                        self.session.clear();
                        if self.command(playbook, input).is_none() && self.trigger(playbook, input).is_none() {
                            return Next::StartFlow(flow.id.clone());
                        }
                    }
                }
                Some(_) => {}
            }
        }
        if let Some(name) = self.command(playbook, input) {
            return self.run_command(playbook, name);
        }
        if let Some((flow, step)) = self.current(playbook)
            && let Some(ask) = &step.ask
        {
            return self.answer(playbook, flow, step, ask, input);
        }
        // A step that is not a question holds no one; take the input afresh.
        self.session.clear();
        if let Some(flow) = self.trigger(playbook, input) {
            return Next::StartFlow(flow);
        }
        playbook
            .flows
            .values()
            .find(|f| f.spec.triggers.unmatched)
            .map_or(Next::Wait, |f| Next::StartFlow(f.id.clone()))
    }

    fn command(&self, playbook: &Playbook, input: &Input) -> Option<CommandName> {
        match input {
            Input::Text(text) => playbook.command_for_text(&fold(text)),
            Input::Postback { data, .. } => playbook.command_for_postback(data),
            _ => None,
        }
    }

    fn trigger(&self, playbook: &Playbook, input: &Input) -> Option<String> {
        let flows = || playbook.flows.values();
        let found = match input {
            Input::Follow => flows().find(|f| f.spec.triggers.follow),
            Input::Postback { data, .. } => flows().find(|f| f.spec.triggers.postback.iter().any(|p| p.value == *data)),
            Input::Text(text) => playbook.flow_for_keyword(&fold(text)),
            Input::Image { .. } => flows().find(|f| f.spec.triggers.image),
            Input::Location { .. } => flows().find(|f| f.spec.triggers.location),
            Input::Other => None,
        };
        found.map(|f| f.id.clone())
    }

    fn run_command(&mut self, playbook: &Playbook, name: CommandName) -> Next {
        let spec = playbook.command(name).clone();
        if let Some(say) = &spec.say {
            self.say_key(playbook, &say.value, &Map::new());
        }
        match name {
            CommandName::Back => {
                let Some(at) = self.session.at.clone() else {
                    self.say_key(playbook, "command-back-none", &Map::new());
                    return Next::Wait;
                };
                match self.session.back.pop() {
                    Some(previous) => {
                        self.session.retries = 0;
                        Next::Step(at.flow, previous)
                    }
                    None => {
                        self.say_key(playbook, "command-back-none", &Map::new());
                        Next::Step(at.flow, at.step)
                    }
                }
            }
            CommandName::Cancel | CommandName::Menu => {
                self.session.clear();
                spec.flow.map_or(Next::Wait, |f| Next::StartFlow(f.value))
            }
            CommandName::Language | CommandName::Help => {
                let asking = self.current(playbook).is_some_and(|(_, step)| step.ask.is_some());
                let target = spec.flow.as_ref().map(|f| f.value.as_str());
                match (&self.session.at, asking && spec.returns) {
                    // Asked again from inside the flow it opens: start that flow over, keeping what waits beneath.
                    (Some(at), true) if Some(at.flow.as_str()) == target => {}
                    (Some(at), true) => {
                        let frame =
                            Frame { at: at.clone(), vars: self.session.vars.clone(), back: self.session.back.clone() };
                        self.session.stack.push(frame);
                        if self.session.stack.len() > MAX_STACK {
                            self.session.stack.remove(0);
                        }
                    }
                    _ => self.session.clear(),
                }
                spec.flow.map_or(Next::Wait, |f| Next::StartFlow(f.value))
            }
        }
    }

    fn answer(&mut self, playbook: &Playbook, flow: &Flow, step: &StepSpec, ask: &AskSpec, input: &Input) -> Next {
        match self.parse_answer(playbook, ask, input) {
            Answer::Value(value, goto) => {
                self.store(ask.var.value.clone(), value);
                self.session.back.push(step.id.value.clone());
                self.session.retries = 0;
                let target = goto.or_else(|| ask.next.as_ref().map(|n| n.value.clone()));
                self.target(playbook, target.as_deref())
            }
            Answer::Skip => {
                self.store(ask.var.value.clone(), Value::Null);
                self.session.back.push(step.id.value.clone());
                self.session.retries = 0;
                self.target(playbook, ask.next.as_ref().map(|n| n.value.as_str()))
            }
            answer @ (Answer::Wrong(_) | Answer::Unrelated) => {
                if let Some(other) = self.trigger(playbook, input) {
                    match flow.spec.interruptions {
                        Interruptions::Interrupt => {
                            self.session.clear();
                            return Next::StartFlow(other);
                        }
                        Interruptions::Stay => {
                            let key = flow.spec.stay.as_ref().map_or("flow-stay", |k| k.value.as_str());
                            let text = self.text(playbook, key, &Map::new());
                            let quick_reply = self.quick_reply(playbook, ask);
                            self.messages.push(Message::Text { text, quick_reply });
                            return Next::Wait;
                        }
                    }
                }
                let error = match answer {
                    Answer::Wrong(key) => key,
                    _ => format!("ask-wrong-{}", ask.kind.value.name()),
                };
                self.session.retries += 1;
                let limit = ask.retries.unwrap_or(DEFAULT_RETRIES);
                if self.session.retries > limit {
                    self.session.retries = 0;
                    return match &ask.on_fail {
                        Some(target) => self.target(playbook, Some(&target.value)),
                        None => {
                            self.say_key(playbook, "ask-gave-up", &Map::new());
                            Next::End
                        }
                    };
                }
                // The error, then the question said differently, with the tries left, so no two re-asks read the same.
                let mut extra = Map::new();
                extra.insert("remaining".into(), Value::from(limit + 1 - self.session.retries));
                let again = ask
                    .again
                    .as_ref()
                    .map_or_else(|| format!("ask-again-{}", ask.kind.value.name()), |k| k.value.clone());
                let text = format!("{}\n{}", self.text(playbook, &error, &extra), self.text(playbook, &again, &extra));
                let quick_reply = self.quick_reply(playbook, ask);
                self.messages.push(Message::Text { text, quick_reply });
                Next::Wait
            }
        }
    }

    fn choices(&self, playbook: &Playbook, ask: &AskSpec) -> Vec<(String, String, Option<String>)> {
        let mut out = Vec::new();
        for choice in ask.choices.iter().flat_map(|c| &c.value) {
            out.push((
                self.label(playbook, choice),
                choice.value.value.clone(),
                choice.goto.as_ref().map(|g| g.value.clone()),
            ));
        }
        if let Some(from) = &ask.choices_from
            && let Some(Value::Array(items)) = self.session.vars.get(&from.value)
        {
            for item in items.iter().take(super::check::MAX_CHOICES) {
                let label = item.get("label").and_then(Value::as_str).unwrap_or_default();
                let value = item.get("value").and_then(Value::as_str).unwrap_or(label);
                if !label.is_empty() {
                    out.push((label.chars().take(super::check::MAX_LABEL).collect(), value.to_owned(), None));
                }
            }
        }
        out
    }

    fn label(&self, playbook: &Playbook, choice: &ChoiceSpec) -> String {
        let label = match (&choice.literal, &choice.label) {
            (Some(literal), _) => literal.value.clone(),
            (None, Some(key)) => self.text(playbook, &key.value, &Map::new()),
            (None, None) => choice.value.value.clone(),
        };
        label.chars().take(super::check::MAX_LABEL).collect()
    }

    fn parse_answer(&self, playbook: &Playbook, ask: &AskSpec, input: &Input) -> Answer {
        if ask.skip {
            let skip_label = fold(&self.text(playbook, "ask-skip", &Map::new()));
            match input {
                Input::Postback { data, .. } if data == SKIP => return Answer::Skip,
                Input::Text(text) if fold(text) == skip_label => return Answer::Skip,
                _ => {}
            }
        }
        let kind = ask.kind.value;
        if kind != InputKind::Choice {
            let choices = self.choices(playbook, ask);
            let found = match input {
                Input::Postback { data, .. } => choices.iter().find(|(_, value, _)| value == data),
                Input::Text(text) => {
                    let typed = fold(text);
                    choices.iter().find(|(label, _, _)| fold(label) == typed)
                }
                _ => None,
            };
            if let Some((_, value, goto)) = found {
                return Answer::Value(Value::String(value.clone()), goto.clone());
            }
        }
        let value = match (kind, input) {
            (InputKind::Choice, _) => {
                let choices = self.choices(playbook, ask);
                let found = match input {
                    Input::Postback { data, .. } => choices.iter().find(|(_, value, _)| value == data),
                    Input::Text(text) => {
                        let typed = fold(text);
                        choices.iter().find(|(label, value, _)| fold(label) == typed || fold(value) == typed)
                    }
                    _ => return Answer::Unrelated,
                };
                return match found {
                    Some((_, value, goto)) => Answer::Value(Value::String(value.clone()), goto.clone()),
                    None if matches!(input, Input::Postback { .. }) => Answer::Unrelated,
                    None => Answer::Wrong(format!("ask-wrong-{}", kind.name())),
                };
            }
            (InputKind::Image, Input::Image { id }) => serde_json::json!({ "message_id": id }),
            (InputKind::Location, Input::Location { latitude, longitude, title, address }) => {
                serde_json::json!({ "latitude": latitude, "longitude": longitude, "title": title, "address": address })
            }
            (InputKind::Date | InputKind::Time | InputKind::Datetime, Input::Postback { data, params })
                if data == PICKED =>
            {
                match params.get(kind.name()).and_then(Value::as_str) {
                    Some(picked) => Value::String(picked.to_owned()),
                    None => return Answer::Wrong(format!("ask-wrong-{}", kind.name())),
                }
            }
            (_, Input::Text(text)) => match parse_text(kind, text) {
                Some(value) => value,
                None => return Answer::Wrong(format!("ask-wrong-{}", kind.name())),
            },
            _ => return Answer::Unrelated,
        };
        for validator in &ask.validate {
            let fails = match &value {
                Value::String(s) => {
                    let length = s.chars().count();
                    validator.min_length.is_some_and(|m| length < m)
                        || validator.max_length.is_some_and(|m| length > m)
                        || validator.pattern.as_ref().is_some_and(|p| {
                            regex::Regex::new(&format!("^(?:{})$", p.value)).map_or(true, |r| !r.is_match(s))
                        })
                }
                Value::Number(n) => {
                    let n = n.as_f64().unwrap_or_default();
                    validator.min.is_some_and(|m| n < m) || validator.max.is_some_and(|m| n > m)
                }
                _ => false,
            };
            if fails {
                return Answer::Wrong(validator.error.value.clone());
            }
        }
        Answer::Value(value, None)
    }

    /// The quick replies under a question: its choices or the picker it needs, skip, then the commands that fit.
    fn quick_reply(&self, playbook: &Playbook, ask: &AskSpec) -> Option<QuickReply> {
        let t = |key: &str| -> String {
            self.text(playbook, key, &Map::new()).chars().take(super::check::MAX_LABEL).collect()
        };
        let choices = self.choices(playbook, ask).into_iter().map(|(label, data, _)| Action::Postback {
            display_text: Some(label.clone()),
            label,
            data,
        });
        let mut actions: Vec<Action> = match ask.kind.value {
            InputKind::Choice => choices.collect(),
            InputKind::Text | InputKind::Number | InputKind::Phone | InputKind::Kana => choices.collect(),
            kind @ (InputKind::Date | InputKind::Time | InputKind::Datetime) => {
                let mode = match kind {
                    InputKind::Date => PickerMode::Date,
                    InputKind::Time => PickerMode::Time,
                    _ => PickerMode::Datetime,
                };
                vec![Action::DatetimePicker {
                    label: t(&format!("ask-pick-{}", kind.name())),
                    data: PICKED.into(),
                    mode,
                    initial: None,
                    max: None,
                    min: None,
                }]
            }
            InputKind::Image => {
                let mut actions =
                    vec![Action::Camera { label: t("ask-camera") }, Action::CameraRoll { label: t("ask-camera-roll") }];
                actions.extend(choices);
                actions
            }
            InputKind::Location => {
                let mut actions = vec![Action::Location { label: t("ask-location") }];
                actions.extend(choices);
                actions
            }
        };
        if ask.skip {
            let label = t("ask-skip");
            actions.push(Action::Postback { display_text: Some(label.clone()), label, data: SKIP.into() });
        }
        for command in [CommandName::Back, CommandName::Cancel] {
            let spec = playbook.command(command);
            if command == CommandName::Back && self.session.back.is_empty() {
                continue;
            }
            if let (Some(label), Some(data)) = (&spec.label, &spec.postback)
                && actions.len() < super::check::MAX_CHOICES
            {
                let label = t(&label.value);
                actions.push(Action::Postback { display_text: Some(label.clone()), label, data: data.value.clone() });
            }
        }
        (!actions.is_empty()).then(|| QuickReply::of(actions))
    }

    /// Resolves a step's target: a step of the current flow, `flow:<id>`, `end`, or (none) the next step in the file.
    fn target(&self, playbook: &Playbook, target: Option<&str>) -> Next {
        let Some((flow, step)) = self.current(playbook) else { return Next::End };
        match target {
            Some("end") => Next::End,
            Some(name) => match name.strip_prefix("flow:") {
                Some(other) => Next::StartFlow(other.to_owned()),
                None => Next::Step(flow.id.clone(), name.to_owned()),
            },
            None => {
                let (index, _) = flow.step(&step.id.value).expect("the current step exists");
                match flow.spec.steps.get(index + 1) {
                    Some(following) => Next::Step(flow.id.clone(), following.id.value.clone()),
                    None => Next::End,
                }
            }
        }
    }

    fn run(mut self, playbook: &Playbook, mut next: Next) -> Progress {
        loop {
            if self.budget == 0 {
                tracing::error!(at = ?self.session.at, "a flow ran {STEP_BUDGET} steps on one input; stopping it");
                self.session.clear();
                self.say_key(playbook, "action-failed", &Map::new());
                next = Next::Wait;
            }
            self.budget = self.budget.saturating_sub(1);
            next = match next {
                Next::Wait => return Progress::Done(self.finish()),
                Next::Call(call, after, on_error) => {
                    return Progress::Calling(Pending { call, machine: self, next: after, on_error });
                }
                Next::End => match self.session.stack.pop() {
                    Some(frame) => {
                        self.session.vars = frame.vars;
                        self.session.back = frame.back;
                        self.session.retries = 0;
                        Next::Step(frame.at.flow, frame.at.step)
                    }
                    None => {
                        self.session.clear();
                        Next::Wait
                    }
                },
                Next::StartFlow(id) => match playbook.flow(&id).and_then(|f| f.first_step().map(|s| (f, s))) {
                    Some((flow, first)) => {
                        self.session.vars.clear();
                        self.session.back.clear();
                        self.session.retries = 0;
                        Next::Step(flow.id.clone(), first.id.value.clone())
                    }
                    None => {
                        tracing::error!(flow = %id, "no such flow");
                        Next::End
                    }
                },
                Next::Step(flow_id, step_id) => self.enter(playbook, &flow_id, &step_id),
            };
        }
    }

    fn enter(&mut self, playbook: &Playbook, flow_id: &str, step_id: &str) -> Next {
        let Some((flow, (_, step))) = playbook.flow(flow_id).and_then(|f| f.step(step_id).map(|s| (f, s))) else {
            tracing::error!(flow = %flow_id, step = %step_id, "no such step");
            return Next::End;
        };
        let version = flow.version.clone();
        self.session.at = Some(Position { flow: flow.id.clone(), step: step.id.value.clone(), version });
        for (name, value) in &step.set {
            let value = interpolate_value(value, &self.session.vars);
            self.store(name.clone(), value);
        }
        for say in &step.say {
            if let Some(message) = self.render(playbook, say) {
                self.messages.push(message);
            }
        }
        if let Some(ask) = &step.ask {
            if let Some(prompt) = &ask.prompt {
                self.say_key(playbook, &prompt.value, &Map::new());
            }
            let quick_reply = self.quick_reply(playbook, ask);
            if let Some(last) = self.messages.last_mut() {
                last.set_quick_reply(quick_reply);
            }
            self.session.retries = 0;
            return Next::Wait;
        }
        if let Some(call) = &step.call {
            let args = call.args.iter().map(|(k, v)| (k.clone(), interpolate_value(v, &self.session.vars))).collect();
            return Next::Call(
                ActionCall { action: call.action.value.clone(), args },
                call.next.as_ref().map(|n| n.value.clone()),
                call.on_error.as_ref().map(|n| n.value.clone()),
            );
        }
        if let Some(cases) = &step.branch {
            let taken = cases.iter().find(|case| case.when.as_ref().is_none_or(|c| holds(c, &self.session.vars)));
            return self.target(playbook, taken.map(|c| c.goto.value.as_str()));
        }
        if let Some(goto) = &step.goto {
            return self.target(playbook, Some(&goto.value));
        }
        if step.end {
            return Next::End;
        }
        self.target(playbook, None)
    }

    fn render(&self, playbook: &Playbook, say: &SaySpec) -> Option<Message> {
        let t = |key: &str| self.text(playbook, key, &Map::new());
        let action = |choice: &ChoiceSpec| {
            let label = self.label(playbook, choice);
            Action::Postback { display_text: Some(label.clone()), label, data: choice.value.value.clone() }
        };
        let quick_reply = (!say.quick_replies.is_empty()).then(|| QuickReply::of(say.quick_replies.iter().map(action)));
        if let Some(text) = &say.text {
            return Some(Message::Text { text: t(&text.value), quick_reply });
        }
        if let Some(buttons) = &say.buttons {
            let text = t(&buttons.text.value);
            return Some(Message::Template {
                alt_text: text.clone(),
                template: Template::Buttons {
                    thumbnail_image_url: buttons.image.clone(),
                    title: buttons.title.as_ref().map(|k| t(&k.value)),
                    text,
                    actions: buttons.actions.value.iter().map(action).collect(),
                },
                quick_reply,
            });
        }
        if let Some(confirm) = &say.confirm {
            let text = t(&confirm.text.value);
            return Some(Message::Template {
                alt_text: text.clone(),
                template: Template::Confirm { text, actions: vec![action(&confirm.yes), action(&confirm.no)] },
                quick_reply,
            });
        }
        if let Some(carousel) = &say.carousel {
            let columns = carousel
                .columns
                .value
                .iter()
                .map(|column| Column {
                    thumbnail_image_url: column.image.clone(),
                    title: column.title.as_ref().map(|k| t(&k.value)),
                    text: t(&column.text.value),
                    actions: column.actions.iter().map(action).collect(),
                })
                .collect();
            return Some(Message::Template {
                alt_text: t(&carousel.alt.value),
                template: Template::Carousel { columns },
                quick_reply,
            });
        }
        if let Some(flex) = &say.flex {
            let contents = translate_flex(&flex.contents, &|key| t(key), &self.session.vars);
            return Some(Message::Flex { alt_text: t(&flex.alt.value), contents, quick_reply });
        }
        if let Some(image) = &say.image {
            let url = interpolate(&image.url.value, &self.session.vars);
            return Some(Message::Image {
                preview_image_url: image.preview.clone().unwrap_or_else(|| url.clone()),
                original_content_url: url,
                quick_reply,
            });
        }
        None
    }

    fn finish(mut self) -> Reply {
        let messages = compact(std::mem::take(&mut self.messages));
        let language = self.session.language.clone();
        let session = self.session.at.is_some().then_some(self.session);
        Reply { session, language, messages }
    }
}

/// Keeps a turn within LINE's five messages: adjacent plain texts are joined, and only then are the oldest dropped.
fn compact(mut messages: Vec<Message>) -> Vec<Message> {
    while messages.len() > crate::line::message::MAX_MESSAGES {
        let pair = messages.windows(2).position(|w| {
            matches!(w[0], Message::Text { quick_reply: None, .. }) && matches!(w[1], Message::Text { .. })
        });
        match pair {
            Some(i) => {
                let Message::Text { text: second, quick_reply } = messages.remove(i + 1) else { unreachable!() };
                if let Message::Text { text, quick_reply: q } = &mut messages[i] {
                    text.push_str("\n\n");
                    text.push_str(&second);
                    *q = quick_reply;
                }
            }
            None => {
                messages.remove(0);
            }
        }
    }
    messages
}

fn holds(condition: &Condition, vars: &Map<String, Value>) -> bool {
    let value = vars.get(&condition.var.value).filter(|v| !v.is_null() && v.as_str() != Some(""));
    if let Some(set) = condition.set
        && value.is_some() != set
    {
        return false;
    }
    if let Some(expected) = &condition.equals
        && value != Some(expected)
    {
        return false;
    }
    if let Some(options) = &condition.one_of
        && !value.is_some_and(|v| options.contains(v))
    {
        return false;
    }
    true
}

/// Replaces `{var}` in a string with the variable's text.
pub fn interpolate(text: &str, vars: &Map<String, Value>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') => {
                let name = &after[..close];
                match vars.get(name) {
                    Some(Value::String(s)) => out.push_str(s),
                    Some(Value::Null) | None => {}
                    Some(other) => out.push_str(&other.to_string()),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn interpolate_value(value: &Value, vars: &Map<String, Value>) -> Value {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))
                && !name.contains(['{', '}'])
            {
                return vars.get(name).cloned().unwrap_or(Value::Null);
            }
            Value::String(interpolate(s, vars))
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| interpolate_value(v, vars)).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), interpolate_value(v, vars))).collect()),
        other => other.clone(),
    }
}

fn translate_flex(value: &Value, t: &dyn Fn(&str) -> String, vars: &Map<String, Value>) -> Value {
    match value {
        Value::String(s) => match s.strip_prefix("t:") {
            Some(key) => Value::String(t(key)),
            None => Value::String(interpolate(s, vars)),
        },
        Value::Array(items) => Value::Array(items.iter().map(|v| translate_flex(v, t, vars)).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), translate_flex(v, t, vars))).collect()),
        other => other.clone(),
    }
}

/// Reads a typed answer as the kind of value a question wants; `None` when it is not one.
fn parse_text(kind: InputKind, text: &str) -> Option<Value> {
    let half: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            'ー' | '−' | '―' if kind == InputKind::Phone => '-',
            other => other,
        })
        .collect();
    match kind {
        InputKind::Text => (!half.is_empty()).then(|| Value::String(text.trim().to_owned())),
        InputKind::Number => {
            let cleaned: String = half.chars().filter(|c| *c != ',').collect();
            let number: f64 = cleaned.parse().ok()?;
            if number.fract() == 0.0 && number.abs() < 1e15 {
                Some(Value::from(number as i64))
            } else {
                serde_json::Number::from_f64(number).map(Value::Number)
            }
        }
        InputKind::Phone => {
            let digits: String = half.chars().filter(|c| !matches!(c, '-' | ' ' | '(' | ')')).collect();
            let digits = match digits.strip_prefix("+81") {
                Some(rest) => format!("0{rest}"),
                None => digits,
            };
            (digits.starts_with('0') && (10..=11).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()))
                .then_some(Value::String(digits))
        }
        InputKind::Kana => {
            let katakana: String = text
                .trim()
                .chars()
                .map(|c| {
                    if ('\u{3041}'..='\u{3096}').contains(&c) {
                        char::from_u32(c as u32 + 0x60).unwrap_or(c)
                    } else {
                        c
                    }
                })
                .map(|c| if c == '\u{3000}' { ' ' } else { c })
                .collect();
            let ok = !katakana.trim().is_empty()
                && katakana.chars().all(|c| ('\u{30A1}'..='\u{30FC}').contains(&c) || c == ' ' || c == '・');
            ok.then_some(Value::String(katakana))
        }
        InputKind::Date => parse_date(&half).map(Value::String),
        InputKind::Time => parse_time(&half).map(Value::String),
        InputKind::Datetime => {
            let (date, time) = half.split_once(['T', ' '])?;
            Some(Value::String(format!("{}T{}", parse_date(date)?, parse_time(time.trim())?)))
        }
        InputKind::Choice | InputKind::Image | InputKind::Location => None,
    }
}

fn parse_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [year, month, day] = parts.as_slice() else { return None };
    let (year, month, day): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    ((1900..=2999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days[month as usize - 1])
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn parse_time(text: &str) -> Option<String> {
    let (hour, minute) = text.split_once(':')?;
    let (hour, minute): (u32, u32) = (hour.parse().ok()?, minute.parse().ok()?);
    (hour < 24 && minute < 60).then(|| format!("{hour:02}:{minute:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::source::{Origin, SourceFile, flow_files, locale_files};
    use serde_json::json;

    const SURVEY: &str = r#"
triggers: { postback: [survey] }
interruptions: stay
steps:
  - id: count
    ask:
      kind: number
      var: count
      prompt: menu-prompt
      retries: 1
      on_fail: bye
      validate:
        - { min: 1, max: 9, error: garbage-item-too-long }
  - id: day
    ask: { kind: date, var: day, prompt: menu-prompt, skip: true }
  - id: phone
    ask: { kind: phone, var: phone, prompt: menu-prompt }
  - id: kana
    ask: { kind: kana, var: kana, prompt: menu-prompt }
  - id: photo
    ask: { kind: image, var: photo, prompt: menu-prompt }
  - id: place
    ask: { kind: location, var: place, prompt: menu-prompt }
  - id: bye
    say:
      - text: garbage-bye
"#;

    const SHOWCASE: &str = r#"
triggers: { postback: [showcase] }
steps:
  - id: show
    set: { query: pan }
    say:
      - buttons:
          title: menu-garbage
          text: menu-prompt
          image: https://example.org/garbage.png
          actions:
            - { label: menu-garbage, value: menu=garbage }
            - { label: menu-help, value: menu=help }
      - confirm:
          text: garbage-another
          yes: { label: label-done, value: "yes" }
          no: { label: label-back, value: "no" }
      - carousel:
          alt: menu-prompt
          columns:
            - { title: menu-garbage, text: garbage-ask-item, actions: [{ label: label-menu, value: menu=open }] }
            - { title: menu-help, text: language-prompt, actions: [{ label: label-menu, value: menu=open }] }
      - flex:
          alt: menu-prompt
          contents:
            type: bubble
            body:
              type: box
              layout: vertical
              contents:
                - { type: text, text: "t:garbage-choose" }
                - { type: text, text: "{query}" }
      - image:
          url: https://example.org/{query}.png
    end: true
"#;

    fn playbook() -> Playbook {
        let mut flows = flow_files(&Origin::Embedded).unwrap();
        flows.push(SourceFile {
            path: "flows/survey.yaml".into(),
            relative: "survey.yaml".into(),
            text: SURVEY.into(),
        });
        flows.push(SourceFile {
            path: "flows/showcase.yaml".into(),
            relative: "showcase.yaml".into(),
            text: SHOWCASE.into(),
        });
        let locales = locale_files(&Origin::Embedded).unwrap();
        Playbook::load(&flows, &locales, &["garbage.lookup".to_owned()]).unwrap()
    }

    fn done(progress: Progress) -> Reply {
        match progress {
            Progress::Done(reply) => reply,
            Progress::Calling(pending) => panic!("unexpected call {:?}", pending.call),
        }
    }

    fn texts(reply: &Reply) -> Vec<String> {
        reply
            .messages
            .iter()
            .map(|m| match m {
                Message::Text { text, .. } => text.clone(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    fn labels(reply: &Reply) -> Vec<String> {
        let Some(Message::Text { quick_reply: Some(quick), .. }) = reply.messages.last() else { return Vec::new() };
        quick
            .items
            .iter()
            .map(|i| match &i.action {
                Action::Postback { label, .. }
                | Action::DatetimePicker { label, .. }
                | Action::Camera { label }
                | Action::CameraRoll { label }
                | Action::Location { label }
                | Action::Message { label, .. }
                | Action::Uri { label, .. } => label.clone(),
            })
            .collect()
    }

    /// Sends inputs one after another in English, a second apart, returning each reply.
    fn converse(playbook: &Playbook, inputs: &[Input]) -> Vec<Reply> {
        let mut session = None;
        let mut replies = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            let reply = done(step(playbook, session.take(), "en", input, 1_000 * (i as i64 + 1)));
            session = reply.session.clone();
            replies.push(reply);
        }
        replies
    }

    fn text(s: &str) -> Input {
        Input::Text(s.into())
    }

    fn postback(data: &str) -> Input {
        Input::Postback { data: data.into(), params: BTreeMap::new() }
    }

    #[test]
    fn a_number_outside_its_range_gets_the_validators_error_and_too_many_go_to_on_fail() {
        let playbook = playbook();
        let replies = converse(&playbook, &[postback("survey"), text("0"), text("１２")]);
        assert_eq!(
            texts(&replies[1]),
            vec!["That is a bit long.\nType digits only, for example 2. This is the last try."]
        );
        assert_eq!(texts(&replies[2]), vec!["Thank you for sorting your garbage!"]);
        assert_eq!(replies[2].session, None);
    }

    #[test]
    fn typed_answers_are_normalised_to_the_kind_asked() {
        let playbook = playbook();
        let picked =
            Input::Postback { data: PICKED.into(), params: BTreeMap::from([("date".into(), json!("2026-05-01"))]) };
        let replies = converse(
            &playbook,
            &[
                postback("survey"),
                text("３"),
                picked,
                text("+81 90-1234-5678"),
                text("やまだ　はなこ"),
                Input::Image { id: "m1".into() },
                Input::Location { latitude: 35.65, longitude: 139.54, title: None, address: Some("調布市".into()) },
            ],
        );
        let session = replies[5].session.as_ref().unwrap();
        assert_eq!(session.vars["count"], json!(3));
        assert_eq!(session.vars["day"], json!("2026-05-01"));
        assert_eq!(session.vars["phone"], json!("09012345678"));
        assert_eq!(session.vars["kana"], json!("ヤマダ ハナコ"));
        assert_eq!(session.vars["photo"], json!({"message_id": "m1"}));
        assert_eq!(texts(&replies[6]), vec!["Thank you for sorting your garbage!"]);
    }

    #[test]
    fn a_question_offers_its_picker_skip_back_and_cancel_as_quick_replies() {
        let playbook = playbook();
        let replies = converse(&playbook, &[postback("survey"), text("2")]);
        assert_eq!(labels(&replies[1]), vec!["Pick a date", "Skip", "Back", "Cancel"]);
        let replies = converse(&playbook, &[postback("survey"), text("2"), postback(SKIP), text("nope")]);
        assert_eq!(replies[2].session.as_ref().unwrap().vars["day"], Value::Null);
        assert_eq!(
            texts(&replies[3]),
            vec![
                "That does not look like a Japanese phone number.\nType it with the area code, like 042-481-7111. 3 tries left."
            ]
        );
    }

    #[test]
    fn a_flow_that_says_stay_keeps_the_resident_when_another_flow_is_triggered() {
        let playbook = playbook();
        let replies = converse(&playbook, &[postback("survey"), postback("menu=childcare")]);
        assert_eq!(texts(&replies[1]), vec![r#"Let's finish this first. You can type "cancel" to stop."#]);
        assert_eq!(replies[1].session.as_ref().unwrap().at.as_ref().unwrap().step, "count");
        assert_eq!(replies[1].session.as_ref().unwrap().retries, 0);
    }

    #[test]
    fn a_call_pauses_the_engine_and_its_outcome_resumes_it() {
        let playbook = playbook();
        let asked = done(step(&playbook, None, "ja", &text("ごみ"), 0));
        let Progress::Calling(pending) = step(&playbook, asked.session.clone(), "ja", &text("電池"), 1) else {
            panic!("no call")
        };
        assert_eq!(
            pending.call,
            ActionCall {
                action: "garbage.lookup".into(), args: json!({"query": "電池"}).as_object().unwrap().clone()
            }
        );
        let vars = json!({"result": "found", "item": "乾電池", "category": "有害ごみ", "how": "袋に入れる", "notes": "", "fee": ""});
        let outcome = ActionOutcome { vars: vars.as_object().unwrap().clone(), messages: Vec::new() };
        let reply = done(resume(&playbook, pending, Ok(outcome)));
        assert_eq!(texts(&reply)[0], "乾電池：有害ごみ\n袋に入れる");
        let Progress::Calling(pending) = step(&playbook, asked.session, "ja", &text("電池"), 1) else { panic!() };
        let reply = done(resume(&playbook, pending, Err("down".into())));
        assert_eq!(
            texts(&reply),
            vec!["申し訳ありません。ただいまごみの分け方案内を利用できません。しばらくしてからお試しください。"]
        );
        assert_eq!(reply.session, None);
    }

    #[test]
    fn the_same_input_on_the_same_session_gives_the_same_reply() {
        let playbook = playbook();
        let first = done(step(&playbook, None, "vi", &text("menu"), 5));
        let second = done(step(&playbook, None, "vi", &text("menu"), 5));
        assert_eq!(first, second);
    }

    #[test]
    fn more_than_five_messages_are_joined_into_five() {
        let messages: Vec<Message> = (0..7).map(|i| Message::text(i.to_string())).collect();
        let compacted = compact(messages);
        assert_eq!(compacted.len(), 5);
        assert_eq!(compacted[0], Message::text("0\n\n1\n\n2"));
    }

    #[test]
    fn dates_times_and_variables_are_read_strictly() {
        assert_eq!(parse_date("2026/5/1"), Some("2026-05-01".into()));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2028-02-29"), Some("2028-02-29".into()));
        assert_eq!(parse_time("9:05"), Some("09:05".into()));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_text(InputKind::Datetime, "2026-05-01 14:30"), Some(json!("2026-05-01T14:30")));
        let vars = json!({"item": "電池", "n": 3}).as_object().unwrap().clone();
        assert_eq!(interpolate("{item} x{n} {missing}{", &vars), "電池 x3 {");
        assert_eq!(interpolate_value(&json!("{n}"), &vars), json!(3));
    }

    #[test]
    fn buttons_confirm_carousel_flex_and_image_render_within_lines_limits() {
        let playbook = playbook();
        let reply = done(step(&playbook, None, "en", &postback("showcase"), 0));
        assert_eq!(reply.messages.len(), 5);
        crate::line::message::check(&reply.messages).unwrap();
        let Message::Template { template: Template::Buttons { title, actions, .. }, .. } = &reply.messages[0] else {
            panic!("{:?}", reply.messages[0])
        };
        assert_eq!(title.as_deref(), Some("Garbage sorting"));
        assert_eq!(actions.len(), 2);
        let Message::Flex { contents, .. } = &reply.messages[3] else { panic!() };
        assert_eq!(contents["body"]["contents"][0]["text"], "Which one do you mean?");
        assert_eq!(contents["body"]["contents"][1]["text"], "pan");
        let Message::Image { original_content_url, .. } = &reply.messages[4] else { panic!() };
        assert_eq!(original_content_url, "https://example.org/pan.png");
    }

    #[test]
    fn asking_for_the_language_inside_the_language_picker_does_not_stack_it_twice() {
        let playbook = playbook();
        let replies = converse(&playbook, &[text("garbage"), text("language"), text("language"), text("English")]);
        let session = replies[2].session.as_ref().unwrap();
        assert_eq!(session.stack.len(), 1);
        assert_eq!(
            texts(&replies[3]),
            vec![
                "OK, I will write to you in English from now on.",
                "What would you like to throw away? Type the name of the item, for example \"battery\" or \"frying pan\"."
            ]
        );
    }
}
