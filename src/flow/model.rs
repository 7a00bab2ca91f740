//! The YAML schema operators write flows in: triggers, steps (say, ask, branch, call, goto, end) and the global
//! commands file, with the source position of every name so `flows check` can point at it.

use serde::Deserialize;
use serde_json::{Map, Value};

/// A value with the line and column it was written at.
pub type Spanned<T> = serde_saphyr::Spanned<T>;

/// A Fluent message id, as written in a flow.
pub type Key = Spanned<String>;

/// One flow file (`flows/<id>.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowSpec {
    /// The flow's name; the file name without `.yaml` when absent.
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    pub triggers: Triggers,
    /// How long a resident may stay silent before the conversation is dropped (`30m`, `2h`); 30 minutes by default.
    #[serde(default)]
    pub expiry: Option<Spanned<String>>,
    /// Said when a resident comes back after the expiry; `session-expired` by default.
    #[serde(default)]
    pub expired: Option<Key>,
    /// What happens when the resident sends something that starts another flow while this one waits for an answer.
    #[serde(default)]
    pub interruptions: Interruptions,
    /// Said (before asking again) when `interruptions: stay` keeps the resident here; `flow-stay` by default.
    #[serde(default)]
    pub stay: Option<Key>,
    /// Said once when a resident has been silent this long at a question (before the expiry), with the question's
    /// quick replies; the gateway sends it as a push.
    #[serde(default)]
    pub reminder: Option<ReminderSpec>,
    pub steps: Vec<StepSpec>,
}

/// An idle reminder: after how long, and what to say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderSpec {
    /// `10m`, `1h`: must be shorter than the flow's expiry.
    pub after: Spanned<String>,
    pub text: Key,
}

/// What starts a flow when the resident is in no flow (or interrupts the one they are in).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Triggers {
    /// The follow event (a resident adds the account as a friend or unblocks it).
    #[serde(default)]
    pub follow: bool,
    /// Postback data that starts the flow, such as a rich-menu tap (`menu=garbage`).
    #[serde(default)]
    pub postback: Vec<Spanned<String>>,
    /// A Fluent message whose value in each locale lists words separated by `|`; any of them, in any language, starts the flow.
    #[serde(default)]
    pub keywords: Option<Key>,
    /// A photo sent outside any flow.
    #[serde(default)]
    pub image: bool,
    /// A location sent outside any flow.
    #[serde(default)]
    pub location: bool,
    /// Anything no other flow takes.
    #[serde(default)]
    pub unmatched: bool,
}

/// The rule a flow declares for input that belongs to another flow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interruptions {
    /// Leave this flow and start the other one.
    #[default]
    Interrupt,
    /// Stay, explain, and ask again.
    Stay,
}

/// One step. It may set variables and say messages, then does at most one of: ask, call, branch, goto, end.
/// Without any of them the flow goes on to the next step in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    pub id: Spanned<String>,
    /// Variables set on entering the step; strings may use `{var}`.
    #[serde(default)]
    pub set: Map<String, Value>,
    /// One to five messages.
    #[serde(default)]
    pub say: Vec<SaySpec>,
    #[serde(default)]
    pub ask: Option<AskSpec>,
    #[serde(default)]
    pub call: Option<CallSpec>,
    #[serde(default)]
    pub branch: Option<Vec<CaseSpec>>,
    /// A step of this flow, `flow:<id>` to start another flow, or `end`.
    #[serde(default)]
    pub goto: Option<Spanned<String>>,
    #[serde(default)]
    pub end: bool,
}

/// One message to say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaySpec {
    /// A text message from a Fluent key; the session's variables are its arguments.
    #[serde(default)]
    pub text: Option<Key>,
    #[serde(default)]
    pub buttons: Option<ButtonsSpec>,
    #[serde(default)]
    pub confirm: Option<ConfirmSpec>,
    #[serde(default)]
    pub carousel: Option<CarouselSpec>,
    #[serde(default)]
    pub flex: Option<FlexSpec>,
    #[serde(default)]
    pub image: Option<ImageSpec>,
    /// Quick replies under this message.
    #[serde(default)]
    pub quick_replies: Vec<ChoiceSpec>,
}

/// A tappable choice: a quick reply, a button, or an answer to a `choice` question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceSpec {
    /// A Fluent key for the label (at most 20 characters in every language).
    #[serde(default)]
    pub label: Option<Key>,
    /// A label written as is, the same in every language (a language's own name in the language picker).
    #[serde(default)]
    pub literal: Option<Spanned<String>>,
    /// The postback data sent when tapped, and the value stored in the question's variable.
    pub value: Spanned<String>,
    /// Where to go when this choice answers a question; the question's `next` otherwise.
    #[serde(default)]
    pub goto: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ButtonsSpec {
    #[serde(default)]
    pub title: Option<Key>,
    pub text: Key,
    #[serde(default)]
    pub image: Option<String>,
    pub actions: Spanned<Vec<ChoiceSpec>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmSpec {
    pub text: Key,
    pub yes: ChoiceSpec,
    pub no: ChoiceSpec,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarouselSpec {
    pub alt: Key,
    pub columns: Spanned<Vec<ColumnSpec>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    #[serde(default)]
    pub title: Option<Key>,
    pub text: Key,
    #[serde(default)]
    pub image: Option<String>,
    pub actions: Vec<ChoiceSpec>,
}

/// A flex bubble or carousel as LINE's JSON, where any string `t:<key>` is replaced by that message's text and
/// `{var}` by the variable.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlexSpec {
    pub alt: Key,
    pub contents: Value,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageSpec {
    pub url: Spanned<String>,
    #[serde(default)]
    pub preview: Option<String>,
}

/// What kind of answer a question waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Text,
    Choice,
    Number,
    Date,
    Time,
    Datetime,
    Phone,
    Kana,
    Image,
    Location,
}

impl InputKind {
    pub fn name(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Choice => "choice",
            InputKind::Number => "number",
            InputKind::Date => "date",
            InputKind::Time => "time",
            InputKind::Datetime => "datetime",
            InputKind::Phone => "phone",
            InputKind::Kana => "kana",
            InputKind::Image => "image",
            InputKind::Location => "location",
        }
    }
}

/// A question: the prompt, what answers it, where the answer goes and what happens after wrong answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskSpec {
    pub kind: Spanned<InputKind>,
    /// The variable the answer fills.
    pub var: Spanned<String>,
    /// The question (a Fluent key); the step's last `say` message carries the choices when absent.
    #[serde(default)]
    pub prompt: Option<Key>,
    /// Said after the error when asking again; `ask-again-<kind>` by default. It gets `$remaining` (tries left).
    #[serde(default)]
    pub again: Option<Key>,
    /// Fixed choices.
    #[serde(default)]
    pub choices: Option<Spanned<Vec<ChoiceSpec>>>,
    /// A variable holding a list of `{label, value}` to offer as choices (for example an action's candidates).
    #[serde(default)]
    pub choices_from: Option<Spanned<String>>,
    #[serde(default)]
    pub validate: Vec<ValidatorSpec>,
    /// Wrong answers allowed before `on_fail`; 3 by default.
    #[serde(default)]
    pub retries: Option<u32>,
    /// Where to go after too many wrong answers; the flow ends with `ask-gave-up` when absent.
    #[serde(default)]
    pub on_fail: Option<Spanned<String>>,
    /// Offers a "skip" quick reply that leaves the variable empty.
    #[serde(default)]
    pub skip: bool,
    /// Where to go once answered; the next step in the file when absent.
    #[serde(default)]
    pub next: Option<Spanned<String>>,
}

/// A rule an answer must meet, with the error said when it does not.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidatorSpec {
    #[serde(default)]
    pub min_length: Option<usize>,
    #[serde(default)]
    pub max_length: Option<usize>,
    /// A regular expression the whole answer must match.
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    pub error: Key,
}

/// A call to an action a service registers in Rust.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallSpec {
    pub action: Spanned<String>,
    /// Arguments; strings may use `{var}` (a string that is exactly `{var}` passes the variable as it is).
    #[serde(default)]
    pub args: Map<String, Value>,
    #[serde(default)]
    pub next: Option<Spanned<String>>,
    /// Where to go when the action fails; the flow apologises (`action-failed`) and ends when absent.
    #[serde(default)]
    pub on_error: Option<Spanned<String>>,
}

/// One case of a branch: the first whose condition holds is taken; a case without `when` always holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    #[serde(default)]
    pub when: Option<Condition>,
    pub goto: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub var: Spanned<String>,
    /// Holds when the variable equals this value.
    #[serde(default)]
    pub equals: Option<Value>,
    /// Holds when the variable equals one of these.
    #[serde(default, rename = "in")]
    pub one_of: Option<Vec<Value>>,
    /// Holds when the variable is set (true) or unset (false).
    #[serde(default)]
    pub set: Option<bool>,
}

/// `flows/commands.yaml`: the commands that work from any step in every language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandsSpec {
    pub menu: CommandSpec,
    pub cancel: CommandSpec,
    pub back: CommandSpec,
    pub language: CommandSpec,
    pub help: CommandSpec,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandSpec {
    /// A Fluent message listing the command's words separated by `|`; the words of every locale are understood.
    pub words: Key,
    /// Postback data (from a rich menu or a quick reply) that gives the command.
    #[serde(default)]
    pub postback: Option<Spanned<String>>,
    /// The flow the command opens.
    #[serde(default)]
    pub flow: Option<Spanned<String>>,
    /// Said when the command is given.
    #[serde(default)]
    pub say: Option<Key>,
    /// Whether the resident comes back to the question they were at once the opened flow ends (help, language).
    #[serde(default, rename = "return")]
    pub returns: bool,
    /// Label of the quick reply offering this command under every question; not offered when absent.
    #[serde(default)]
    pub label: Option<Key>,
}
