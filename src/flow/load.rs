//! Loading a playbook: every flow file and the commands file parsed, every locale loaded, everything checked, and
//! the result indexed for the engine, or the full list of diagnostics when anything is wrong.

use super::check;
use super::model::{CommandsSpec, FlowSpec, StepSpec};
use super::source::{self, Diagnostic, Origin, SourceFile};
use crate::i18n::Wording;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The name of the file in `flows/` that holds the global commands rather than a flow.
pub const COMMANDS_FILE: &str = "commands.yaml";

/// How long a resident may stay silent in a flow that sets no `expiry`.
pub const DEFAULT_EXPIRY_MS: i64 = 30 * 60 * 1000;

/// One flow, ready to run.
#[derive(Debug, Clone)]
pub struct Flow {
    pub id: String,
    pub file: String,
    /// A hash of the flow file: a session remembers the version it started on.
    pub version: String,
    pub spec: FlowSpec,
    pub expiry_ms: i64,
    index: HashMap<String, usize>,
}

impl Flow {
    /// The step called `id` and its position.
    pub fn step(&self, id: &str) -> Option<(usize, &StepSpec)> {
        self.index.get(id).map(|&i| (i, &self.spec.steps[i]))
    }

    pub fn first_step(&self) -> Option<&StepSpec> {
        self.spec.steps.first()
    }
}

/// A global command, by what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandName {
    Menu,
    Cancel,
    Back,
    Language,
    Help,
}

/// Everything the engine runs on: the flows, the global commands and the wording, checked together.
#[derive(Debug)]
pub struct Playbook {
    pub flows: BTreeMap<String, Flow>,
    pub commands: CommandsSpec,
    pub wording: Wording,
    command_words: Vec<(CommandName, BTreeSet<String>)>,
    keywords: Vec<(String, BTreeSet<String>)>,
}

impl Playbook {
    /// Reads and checks the flows and locales of the given origins.
    pub fn from_origins(
        flows: &Origin,
        locales: &Origin,
        action_names: &[String],
    ) -> Result<Playbook, Vec<Diagnostic>> {
        let flow_files = source::flow_files(flows).map_err(|d| vec![d])?;
        let locale_files = source::locale_files(locales).map_err(|d| vec![d])?;
        Playbook::load(&flow_files, &locale_files, action_names)
    }

    /// Parses and checks flow and locale files; any diagnostic refuses the whole playbook.
    pub fn load(
        flow_files: &[SourceFile],
        locale_files: &[SourceFile],
        action_names: &[String],
    ) -> Result<Playbook, Vec<Diagnostic>> {
        let (wording, mut diagnostics) = Wording::load(locale_files);
        let mut specs = Vec::new();
        let mut commands = None;
        for file in flow_files {
            if file.relative == COMMANDS_FILE {
                match parse::<CommandsSpec>(file) {
                    Ok(spec) => commands = Some((file, spec)),
                    Err(d) => diagnostics.push(d),
                }
            } else {
                match parse::<FlowSpec>(file) {
                    Ok(spec) => specs.push((file, spec)),
                    Err(d) => diagnostics.push(d),
                }
            }
        }
        let Some((commands_file, commands)) = commands else {
            diagnostics.push(Diagnostic::new(
                flow_files.first().map_or("flows".to_owned(), |f| f.path.clone()),
                0,
                0,
                format!(
                    "{COMMANDS_FILE} is missing: it defines the global commands (menu, cancel, back, language, help)"
                ),
            ));
            diagnostics.sort();
            return Err(diagnostics);
        };
        diagnostics.extend(check::check_playbook(&specs, (commands_file, &commands), &wording, action_names));
        if !diagnostics.is_empty() {
            diagnostics.sort();
            diagnostics.dedup();
            return Err(diagnostics);
        }
        let mut flows = BTreeMap::new();
        for (file, spec) in specs {
            let id = flow_id(file, &spec);
            let index = spec.steps.iter().enumerate().map(|(i, s)| (s.id.value.clone(), i)).collect();
            let expiry_ms = spec.expiry.as_ref().and_then(|e| parse_duration_ms(&e.value)).unwrap_or(DEFAULT_EXPIRY_MS);
            let version = version_of(&file.text);
            flows.insert(id.clone(), Flow { id, file: file.path.clone(), version, spec, expiry_ms, index });
        }
        let command_words = [
            (CommandName::Menu, &commands.menu),
            (CommandName::Cancel, &commands.cancel),
            (CommandName::Back, &commands.back),
            (CommandName::Language, &commands.language),
            (CommandName::Help, &commands.help),
        ]
        .into_iter()
        .map(|(name, spec)| (name, wording.words_everywhere(&spec.words.value)))
        .collect();
        let keywords = flows
            .values()
            .filter_map(|f| {
                f.spec.triggers.keywords.as_ref().map(|k| (f.id.clone(), wording.words_everywhere(&k.value)))
            })
            .collect();
        Ok(Playbook { flows, commands, wording, command_words, keywords })
    }

    /// Every Fluent key the flows, the commands and the engine use.
    pub fn keys(&self) -> BTreeSet<String> {
        let mut keys: BTreeSet<String> = super::check::engine_keys().into_iter().collect();
        let mut add = |key: &super::model::Key| {
            keys.insert(key.value.clone());
        };
        for spec in [
            &self.commands.menu,
            &self.commands.cancel,
            &self.commands.back,
            &self.commands.language,
            &self.commands.help,
        ] {
            add(&spec.words);
            spec.say.iter().chain(&spec.label).for_each(&mut add);
        }
        for flow in self.flows.values() {
            let spec = &flow.spec;
            spec.expired.iter().chain(&spec.stay).chain(&spec.triggers.keywords).for_each(&mut add);
            spec.reminder.iter().for_each(|r| add(&r.text));
            for step in &spec.steps {
                let mut choices: Vec<&super::model::ChoiceSpec> = Vec::new();
                for say in &step.say {
                    say.text.iter().for_each(&mut add);
                    choices.extend(&say.quick_replies);
                    if let Some(buttons) = &say.buttons {
                        buttons.title.iter().for_each(&mut add);
                        add(&buttons.text);
                        choices.extend(&buttons.actions.value);
                    }
                    if let Some(confirm) = &say.confirm {
                        add(&confirm.text);
                        choices.extend([&confirm.yes, &confirm.no]);
                    }
                    if let Some(carousel) = &say.carousel {
                        add(&carousel.alt);
                        for column in &carousel.columns.value {
                            column.title.iter().for_each(&mut add);
                            add(&column.text);
                            choices.extend(&column.actions);
                        }
                    }
                    if let Some(flex) = &say.flex {
                        add(&flex.alt);
                    }
                }
                if let Some(ask) = &step.ask {
                    ask.prompt.iter().chain(&ask.again).for_each(&mut add);
                    ask.validate.iter().for_each(|v| add(&v.error));
                    choices.extend(ask.choices.iter().flat_map(|c| &c.value));
                }
                choices.iter().filter_map(|c| c.label.as_ref()).for_each(&mut add);
            }
        }
        keys
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.get(id)
    }

    /// The global command a typed word (folded) or a postback names.
    pub fn command_for_text(&self, folded: &str) -> Option<CommandName> {
        self.command_words.iter().find(|(_, words)| words.contains(folded)).map(|(name, _)| *name)
    }

    pub fn command_for_postback(&self, data: &str) -> Option<CommandName> {
        [
            (CommandName::Menu, &self.commands.menu),
            (CommandName::Cancel, &self.commands.cancel),
            (CommandName::Back, &self.commands.back),
            (CommandName::Language, &self.commands.language),
            (CommandName::Help, &self.commands.help),
        ]
        .into_iter()
        .find(|(_, spec)| spec.postback.as_ref().is_some_and(|p| p.value == data))
        .map(|(name, _)| name)
    }

    pub fn command(&self, name: CommandName) -> &super::model::CommandSpec {
        match name {
            CommandName::Menu => &self.commands.menu,
            CommandName::Cancel => &self.commands.cancel,
            CommandName::Back => &self.commands.back,
            CommandName::Language => &self.commands.language,
            CommandName::Help => &self.commands.help,
        }
    }

    /// The flow whose keywords include a typed word (folded).
    pub fn flow_for_keyword(&self, folded: &str) -> Option<&Flow> {
        self.keywords.iter().find(|(_, words)| words.contains(folded)).and_then(|(id, _)| self.flows.get(id))
    }
}

/// A flow's id: as declared, or its file name without the extension.
pub fn flow_id(file: &SourceFile, spec: &FlowSpec) -> String {
    match &spec.id {
        Some(id) => id.value.clone(),
        None => file
            .relative
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".yaml")
            .trim_end_matches(".yml")
            .to_owned(),
    }
}

/// The first 12 hex digits of the SHA-256 of a flow file.
pub fn version_of(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// `90s`, `30m`, `2h`, `1d` in milliseconds.
pub fn parse_duration_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let number: i64 = number.parse().ok()?;
    let unit_ms = match unit.trim() {
        "s" => 1_000,
        "m" | "min" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return None,
    };
    number.checked_mul(unit_ms)
}

/// Parses one YAML file, reporting syntax and schema errors at their line and column.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(&file.text).map_err(|error| {
        let (line, col) = error.location().map_or((0, 0), |l| (l.line() as u32, l.column() as u32));
        Diagnostic::new(&file.path, line, col, plain_message(&error))
    })
}

/// The error's message without the position and snippet the crate adds, since the diagnostic carries the position.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let rendered = error.without_snippet().to_string();
    let first = rendered.lines().next().unwrap_or_default().trim();
    let stripped = match first.rfind(" at line ") {
        Some(at) => &first[..at],
        None => first,
    };
    let message = stripped.trim_start_matches("error: ");
    // The crate names Rust types; operators think in YAML values.
    match message {
        "invalid u32" | "invalid u64" | "invalid usize" => "expected a whole number, such as 3".to_owned(),
        "invalid f64" | "invalid f32" => "expected a number, such as 2.5".to_owned(),
        "invalid bool" => "expected true or false".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_operators_write_them() {
        assert_eq!(parse_duration_ms("30m"), Some(1_800_000));
        assert_eq!(parse_duration_ms("2h"), Some(7_200_000));
        assert_eq!(parse_duration_ms("45s"), Some(45_000));
        assert_eq!(parse_duration_ms("soon"), None);
    }

    #[test]
    fn a_schema_error_names_its_line_and_column() {
        let file = SourceFile {
            path: "flows/x.yaml".into(),
            relative: "x.yaml".into(),
            text: "steps:\n  - id: a\n    sya: []\n".into(),
        };
        let error = parse::<FlowSpec>(&file).unwrap_err();
        assert_eq!((error.line, error.col), (3, 5), "{error}");
        assert!(error.message.contains("sya"), "{error}");
    }
}
