//! Conversation tests operators write without Rust: YAML files of what a resident sends and what the bot must
//! answer, run against the real engine and a temporary database on a virtual clock.

use super::action::{Action, ActionContext, ActionError, ActionOutcome, Actions};
use super::load::parse_duration_ms;
use super::runtime::FlowRuntime;
use super::source::{Origin, SourceFile};
use crate::conversation::{Conversation, Resident};
use crate::line::event::Event;
use crate::line::message::{Action as LineAction, Message, Template};
use futures::future::BoxFuture;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use sqlx::{Row, SqlitePool};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// 2026-04-01 09:00 JST: where every case's virtual clock starts.
const CLOCK_START_MS: i64 = 1_775_001_600_000;

/// One file of conversation tests.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suite {
    /// Stand-ins for the services' actions, by name: the first rule whose `when` matches the arguments answers.
    #[serde(default)]
    pub actions: BTreeMap<String, Vec<FakeRule>>,
    pub cases: Vec<Case>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FakeRule {
    #[serde(default)]
    pub when: Map<String, Value>,
    #[serde(default)]
    pub vars: Map<String, Value>,
    /// Fails instead of answering, as a service that is down.
    #[serde(default)]
    pub fail: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    /// The `language` of the resident's LINE profile; none when absent.
    #[serde(default)]
    pub profile_language: Option<String>,
    pub turns: Vec<TestTurn>,
}

/// One thing the resident does (exactly one of the inputs) and what must follow.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestTurn {
    #[serde(default)]
    pub follow: bool,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub postback: Option<String>,
    /// Taps the quick reply or button with this label in the bot's last answer.
    #[serde(default)]
    pub tap: Option<String>,
    /// Picks a value in the datetime picker of the bot's last answer: `{date: 2026-05-01}`.
    #[serde(default)]
    pub pick: Option<BTreeMap<String, String>>,
    /// Sends a photo (the file name is its message id; the engine does not read images).
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub location: Option<TestLocation>,
    /// Lets this much time pass on the virtual clock (`31m`, `1d`) before anything else in the turn.
    #[serde(default)]
    pub wait: Option<String>,
    /// The bot's messages, in order; when given, there must be exactly this many.
    #[serde(default)]
    pub reply: Option<Vec<Expect>>,
    /// The bot says nothing.
    #[serde(default)]
    pub silent: bool,
    /// Variables the session must hold afterwards (`null` for "not set").
    #[serde(default)]
    pub vars: Map<String, Value>,
    /// The resident's language afterwards.
    #[serde(default)]
    pub language: Option<String>,
    /// The flow the resident is in afterwards, or `none`.
    #[serde(default)]
    pub flow: Option<String>,
    #[serde(default)]
    pub step: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestLocation {
    pub latitude: f64,
    pub longitude: f64,
    #[serde(default)]
    pub address: Option<String>,
}

/// What one bot message must be.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The whole text (of a text message, or a template's text).
    #[serde(default)]
    pub text: Option<String>,
    /// Pieces the text must contain.
    #[serde(default)]
    pub contains: Option<OneOrMany>,
    /// Pieces the text must not contain.
    #[serde(default)]
    pub lacks: Option<OneOrMany>,
    /// `text`, `template`, `flex`, `image`, …
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Exactly these quick-reply labels, in order.
    #[serde(default)]
    pub quick_replies: Option<Vec<String>>,
    /// At least these quick-reply labels.
    #[serde(default)]
    pub quick_replies_include: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// The outcome of a run: how many cases ran, and every failure.
#[derive(Debug, Default)]
pub struct Report {
    pub files: usize,
    pub cases: usize,
    pub failures: Vec<Failure>,
}

/// One failed case, with what was expected and what came.
#[derive(Debug)]
pub struct Failure {
    pub file: String,
    pub case: String,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} › {}\n{}", self.file, self.case, self.message)
    }
}

struct FakeAction {
    rules: Vec<FakeRule>,
}

impl Action for FakeAction {
    fn call<'a>(
        &'a self,
        _context: &'a ActionContext,
        args: &'a Map<String, Value>,
    ) -> BoxFuture<'a, Result<ActionOutcome, ActionError>> {
        let rule = self.rules.iter().find(|r| r.when.iter().all(|(k, v)| args.get(k) == Some(v)));
        let outcome = match rule {
            Some(rule) if rule.fail => Err(ActionError::Other("the fake action fails, as asked".into())),
            Some(rule) => Ok(ActionOutcome { vars: rule.vars.clone(), messages: Vec::new() }),
            None => Err(ActionError::Other(format!("no fake rule matches {}", Value::Object(args.clone())))),
        };
        Box::pin(async move { outcome })
    }
}

/// The test files at `path` (a file, or every `*.yaml` in a folder), sorted.
pub fn test_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Runs every conversation test at `path` against the flows and locales of the given origins, with the actions
/// `actions` makes on a temporary SQLite database (the deployment's, see [`crate::services::actions`]) overridden by
/// each file's fakes.
pub async fn run(
    path: &Path,
    flows: &Origin,
    locales: &Origin,
    actions: &dyn Fn(&SqlitePool) -> Actions,
    transcript: bool,
) -> anyhow::Result<Report> {
    let folder =
        std::env::temp_dir().join(format!("madoguchi-flows-test-{}-{}", std::process::id(), ulid::Ulid::new()));
    std::fs::create_dir_all(&folder)?;
    let result = run_in(path, flows, locales, actions, &folder, transcript).await;
    let _ = std::fs::remove_dir_all(&folder);
    result
}

async fn run_in(
    path: &Path,
    flows: &Origin,
    locales: &Origin,
    actions: &dyn Fn(&SqlitePool) -> Actions,
    folder: &Path,
    transcript: bool,
) -> anyhow::Result<Report> {
    let url = format!("sqlite://{}", folder.join("conversations.db").display());
    let pool = crate::db::connect(&url).await?;
    let actions = actions(&pool);
    let mut report = Report::default();
    for file in test_files(path)? {
        let text = std::fs::read_to_string(&file)?;
        let display = file.display().to_string();
        let source = SourceFile { path: display.clone(), relative: display.clone(), text };
        report.files += 1;
        let suite: Suite = match super::load::parse(&source) {
            Ok(suite) => suite,
            Err(diagnostic) => {
                report.failures.push(Failure { file: display, case: "(file)".into(), message: diagnostic.to_string() });
                continue;
            }
        };
        let mut with_fakes = actions.clone();
        for (name, rules) in &suite.actions {
            with_fakes.register(name.clone(), Arc::new(FakeAction { rules: rules.clone() }));
        }
        let runtime = match FlowRuntime::from_origins(flows.clone(), locales.clone(), with_fakes) {
            Ok(runtime) => runtime,
            Err(diagnostics) => {
                let message = diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
                report.failures.push(Failure { file: display, case: "(flows)".into(), message });
                continue;
            }
        };
        for (index, case) in suite.cases.iter().enumerate() {
            report.cases += 1;
            let user_id = format!("U{}", ulid::Ulid::new());
            if transcript {
                println!("── {display} › {}", case.name);
            }
            if let Err(message) = run_case(&runtime, &pool, &user_id, case, transcript).await {
                report.failures.push(Failure {
                    file: display.clone(),
                    case: format!("#{} {}", index + 1, case.name),
                    message,
                });
            }
        }
    }
    pool.close().await;
    Ok(report)
}

async fn run_case(
    runtime: &FlowRuntime,
    pool: &SqlitePool,
    user_id: &str,
    case: &Case,
    transcript: bool,
) -> Result<(), String> {
    let mut now = CLOCK_START_MS;
    let mut last: Vec<Message> = Vec::new();
    for (index, turn) in case.turns.iter().enumerate() {
        let number = index + 1;
        if let Some(wait) = &turn.wait {
            now += parse_duration_ms(wait).ok_or_else(|| format!("turn {number}: {wait:?} is not a duration"))?;
        }
        now += 1_000;
        let input = event_for(turn, &last, user_id, now).map_err(|e| format!("turn {number}: {e}"))?;
        let resident =
            load_resident(pool, user_id, case.profile_language.as_deref()).await.map_err(|e| e.to_string())?;
        let (turn_out, said) = match input {
            Some((event, said)) => {
                let event = Event::parse(&event.to_string()).map_err(|e| format!("turn {number}: event: {e}"))?;
                (runtime.respond(&resident, &event, now).await.map_err(|e| format!("turn {number}: {e}"))?, said)
            }
            // Only time passes: the flow's idle reminder may fall due, as the gateway's sweeper would push it.
            None => {
                let unchanged = || crate::conversation::Turn {
                    messages: Vec::new(),
                    language: resident.language.clone(),
                    session: resident.session.clone(),
                };
                let said = format!("wait {}", turn.wait.as_deref().unwrap_or_default());
                (runtime.remind(&resident, now).unwrap_or_else(unchanged), said)
            }
        };
        if !turn_out.messages.is_empty()
            && let Err(violation) = crate::line::message::check(&turn_out.messages)
        {
            return Err(format!("turn {number} ({said}): LINE would refuse the answer: {violation}"));
        }
        store_resident(pool, &resident, &turn_out).await.map_err(|e| e.to_string())?;
        if transcript {
            println!("  resident: {said}");
            for m in &turn_out.messages {
                println!("  bot: {}", describe(m));
            }
        }
        let mut problems = Vec::new();
        check_turn(turn, &turn_out, &mut problems);
        if !problems.is_empty() {
            let mut message = format!("turn {number} ({said}):\n");
            for problem in problems {
                let _ = writeln!(message, "  {problem}");
            }
            let _ = writeln!(message, "  the bot said:");
            for m in &turn_out.messages {
                let _ = writeln!(message, "    {}", describe(m));
            }
            return Err(message);
        }
        if !turn_out.messages.is_empty() {
            last = turn_out.messages;
        }
    }
    Ok(())
}

fn event_for(turn: &TestTurn, last: &[Message], user_id: &str, now: i64) -> Result<Option<(Value, String)>, String> {
    let base = |kind: &str| {
        json!({
            "type": kind, "mode": "active", "timestamp": now, "webhookEventId": ulid::Ulid::new().to_string(),
            "deliveryContext": {"isRedelivery": false}, "source": {"type": "user", "userId": user_id}, "replyToken": "test",
        })
    };
    let with = |mut event: Value, key: &str, value: Value| {
        event[key] = value;
        event
    };
    let message = |content: Value| with(base("message"), "message", content);
    let postback =
        |data: &str, params: Value| with(base("postback"), "postback", json!({"data": data, "params": params}));
    let mut inputs = Vec::new();
    if turn.follow {
        inputs.push((with(base("follow"), "follow", json!({"isUnblocked": false})), "follow".to_owned()));
    }
    if let Some(text) = &turn.text {
        inputs.push((message(json!({"type": "text", "id": "1", "text": text})), format!("text \"{text}\"")));
    }
    if let Some(data) = &turn.postback {
        inputs.push((postback(data, json!({})), format!("postback \"{data}\"")));
    }
    if let Some(label) = &turn.tap {
        let actions = tappable(last);
        let action = actions.iter().find(|a| action_label(a) == label).ok_or_else(|| {
            let labels: Vec<&str> = actions.iter().map(action_label).collect();
            format!("nothing labelled {label:?} to tap; the last answer offers {labels:?}")
        })?;
        let event = match action {
            LineAction::Postback { data, .. } => postback(data, json!({})),
            LineAction::Message { text, .. } => message(json!({"type": "text", "id": "1", "text": text})),
            other => {
                return Err(format!(
                    "{label:?} is a {other:?}, which a tap cannot answer; use pick, image or location"
                ));
            }
        };
        inputs.push((event, format!("tap \"{label}\"")));
    }
    if let Some(pick) = &turn.pick {
        let actions = tappable(last);
        let data = actions
            .iter()
            .find_map(|a| match a {
                LineAction::DatetimePicker { data, .. } => Some(data.clone()),
                _ => None,
            })
            .ok_or("the last answer offers no datetime picker")?;
        let params: Map<String, Value> = pick.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        inputs.push((postback(&data, Value::Object(params)), format!("pick {pick:?}")));
    }
    if let Some(image) = &turn.image {
        inputs.push((
            message(json!({"type": "image", "id": image, "contentProvider": {"type": "line"}})),
            format!("image {image}"),
        ));
    }
    if let Some(location) = &turn.location {
        inputs.push((
            message(json!({"type": "location", "id": "1", "latitude": location.latitude, "longitude": location.longitude, "address": location.address})),
            "location".to_owned(),
        ));
    }
    match inputs.len() {
        0 if turn.wait.is_some() => Ok(None),
        1 => Ok(inputs.pop()),
        n => Err(format!("a turn sends exactly one thing; this one has {n}")),
    }
}

fn tappable(messages: &[Message]) -> Vec<LineAction> {
    let mut actions = Vec::new();
    for message in messages {
        if let Message::Template { template, .. } = message {
            match template {
                Template::Buttons { actions: a, .. } | Template::Confirm { actions: a, .. } => {
                    actions.extend(a.iter().cloned())
                }
                Template::Carousel { columns } => {
                    actions.extend(columns.iter().flat_map(|c| c.actions.iter().cloned()))
                }
            }
        }
    }
    if let Some(quick) = messages.last().and_then(Message::quick_reply) {
        actions.extend(quick.items.iter().map(|i| i.action.clone()));
    }
    actions
}

fn action_label(action: &LineAction) -> &str {
    match action {
        LineAction::Postback { label, .. }
        | LineAction::Message { label, .. }
        | LineAction::Uri { label, .. }
        | LineAction::DatetimePicker { label, .. }
        | LineAction::Camera { label }
        | LineAction::CameraRoll { label }
        | LineAction::Location { label } => label,
    }
}

fn kind_of(message: &Message) -> &'static str {
    match message {
        Message::Text { .. } => "text",
        Message::Image { .. } => "image",
        Message::Sticker { .. } => "sticker",
        Message::Location { .. } => "location",
        Message::Template { .. } => "template",
        Message::Flex { .. } => "flex",
    }
}

/// The text a resident reads in a message.
fn text_of(message: &Message) -> String {
    match message {
        Message::Text { text, .. } => text.clone(),
        Message::Template { template: Template::Buttons { text, .. } | Template::Confirm { text, .. }, .. } => {
            text.clone()
        }
        Message::Template { alt_text, .. } | Message::Flex { alt_text, .. } => alt_text.clone(),
        _ => String::new(),
    }
}

fn labels(message: &Message) -> Vec<String> {
    message
        .quick_reply()
        .map_or_else(Vec::new, |q| q.items.iter().map(|i| action_label(&i.action).to_owned()).collect())
}

fn describe(message: &Message) -> String {
    let quick = labels(message);
    let mut out = format!("[{}] \"{}\"", kind_of(message), text_of(message).replace('\n', "\\n"));
    if !quick.is_empty() {
        let _ = write!(out, " quick replies [{}]", quick.join(" | "));
    }
    out
}

fn check_turn(turn: &TestTurn, out: &crate::conversation::Turn, problems: &mut Vec<String>) {
    if turn.silent && !out.messages.is_empty() {
        problems.push(format!("expected silence, got {} messages", out.messages.len()));
    }
    if let Some(expected) = &turn.reply {
        if expected.len() != out.messages.len() {
            problems.push(format!("expected {} messages, got {}", expected.len(), out.messages.len()));
        }
        for (index, (expect, message)) in expected.iter().zip(&out.messages).enumerate() {
            let n = index + 1;
            let text = text_of(message);
            if let Some(want) = &expect.text
                && *want != text
            {
                problems.push(format!("message {n}: expected text {want:?}, got {text:?}"));
            }
            for piece in expect.contains.iter().flat_map(OneOrMany::items) {
                if !text.contains(piece) {
                    problems.push(format!("message {n}: expected it to contain {piece:?}, got {text:?}"));
                }
            }
            for piece in expect.lacks.iter().flat_map(OneOrMany::items) {
                if text.contains(piece) {
                    problems.push(format!("message {n}: expected it not to contain {piece:?}, got {text:?}"));
                }
            }
            if let Some(kind) = &expect.kind
                && kind != kind_of(message)
            {
                problems.push(format!("message {n}: expected a {kind} message, got a {}", kind_of(message)));
            }
            let got = labels(message);
            if let Some(want) = &expect.quick_replies
                && *want != got
            {
                problems.push(format!("message {n}: expected quick replies {want:?}, got {got:?}"));
            }
            for want in expect.quick_replies_include.iter().flatten() {
                if !got.contains(want) {
                    problems.push(format!("message {n}: expected a quick reply {want:?}, got {got:?}"));
                }
            }
        }
    }
    let session = out.session.as_ref();
    for (name, want) in &turn.vars {
        let got = session.and_then(|s| s.get("vars")).and_then(|v| v.get(name)).cloned().unwrap_or(Value::Null);
        if got != *want {
            problems.push(format!("variable {name}: expected {want}, got {got}"));
        }
    }
    if let Some(want) = &turn.language
        && out.language.as_deref() != Some(want.as_str())
    {
        problems.push(format!("expected language {want:?}, got {:?}", out.language));
    }
    let at = session.and_then(|s| s.get("at")).filter(|a| !a.is_null());
    if let Some(want) = &turn.flow {
        let got = at.and_then(|a| a.get("flow")).and_then(Value::as_str).unwrap_or("none");
        if got != want {
            problems.push(format!("expected to be in flow {want:?}, got {got:?}"));
        }
    }
    if let Some(want) = &turn.step {
        let got = at.and_then(|a| a.get("step")).and_then(Value::as_str).unwrap_or("none");
        if got != want {
            problems.push(format!("expected to be at step {want:?}, got {got:?}"));
        }
    }
}

async fn load_resident(
    pool: &SqlitePool,
    user_id: &str,
    profile_language: Option<&str>,
) -> Result<Resident, sqlx::Error> {
    let row = sqlx::query("SELECT language, session FROM residents WHERE user_id = ?")
        .bind(user_id)
        .fetch_optional(pool)
        .await?;
    let (language, session) = match row {
        Some(row) => {
            let session: Option<String> = row.get("session");
            (row.get("language"), session.and_then(|s| serde_json::from_str(&s).ok()))
        }
        None => (None, None),
    };
    Ok(Resident {
        user_id: user_id.to_owned(),
        profile_language: profile_language.map(str::to_owned),
        language,
        session,
    })
}

async fn store_resident(
    pool: &SqlitePool,
    resident: &Resident,
    turn: &crate::conversation::Turn,
) -> Result<(), sqlx::Error> {
    let session = turn.session.as_ref().map(Value::to_string);
    sqlx::query(
        "INSERT INTO residents (user_id, profile_language, language, session, first_seen_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)
         ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, session = excluded.session",
    )
    .bind(&resident.user_id)
    .bind(&resident.profile_language)
    .bind(&turn.language)
    .bind(session)
    .execute(pool)
    .await?;
    Ok(())
}
