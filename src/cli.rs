//! The `madoguchi` command line: `serve` runs the bot; other subcommands are operators' tools.

use crate::config::ServeArgs;
use crate::conversation::Conversation;
use crate::flow::{Diagnostic, FlowRuntime};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// madoguchi: the city's LINE service counter.
#[derive(Parser)]
#[command(name = "madoguchi", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the bot: webhook, workers, operations endpoints and (without a channel secret) the LINE emulator.
    Serve(ServeArgs),
    /// Operators' tools for flows and their wording.
    #[command(subcommand)]
    Flows(FlowsCommand),
    /// Operators' tools for the garbage-sorting catalogs: import a city's open data, search it, list what is stored.
    #[command(subcommand)]
    Catalog(CatalogCommand),
}

#[derive(Subcommand)]
pub enum CatalogCommand {
    /// Import a city's garbage list, replacing that city's catalog whole (residents never see half of one).
    /// Prints every row skipped and why, and a summary.
    Import {
        #[arg(long, value_enum)]
        format: crate::garbage::import::Format,
        #[arg(long, value_parser = crate::config::parse_city)]
        city: String,
        /// The file (or, for 5374, the folder with target.csv, description.csv and area_days.csv).
        path: PathBuf,
        #[arg(long, env = "MADOGUCHI_DATABASE_URL", default_value = "sqlite://data/madoguchi.db")]
        database_url: String,
    },
    /// Search a city's catalog as a resident's words would be searched, best first.
    Search {
        #[arg(long, env = "MADOGUCHI_CITY", default_value = crate::garbage::shelf::DEMO, value_parser = crate::config::parse_city)]
        city: String,
        /// The language category names are given in.
        #[arg(long, default_value = "ja")]
        lang: String,
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Print a JSON array of candidates ({name, category, score, …}) instead of a table.
        #[arg(long)]
        json: bool,
        query: String,
        #[arg(long, env = "MADOGUCHI_DATABASE_URL", default_value = "sqlite://data/madoguchi.db")]
        database_url: String,
        #[command(flatten)]
        llm: crate::config::LlmArgs,
    },
    /// List the cities whose catalogs are stored, with when and from what each was imported.
    List {
        #[arg(long, env = "MADOGUCHI_DATABASE_URL", default_value = "sqlite://data/madoguchi.db")]
        database_url: String,
    },
}

#[derive(Subcommand)]
pub enum FlowsCommand {
    /// Check flows and locales: YAML, schema, step targets, actions, Fluent keys in all 13 locales, unreachable
    /// steps, LINE's limits. Prints `file:line:column: message` per problem; exits non-zero on any.
    Check {
        #[arg(long, default_value = "flows")]
        flows: PathBuf,
        #[arg(long, default_value = "locales")]
        locales: PathBuf,
    },
    /// Run conversation tests (a file, or every *.yaml in a folder) against the real engine and a temporary database.
    Test {
        #[arg(default_value = "tests/conversations")]
        path: PathBuf,
        /// Flows to test; the embedded defaults when the folder does not exist.
        #[arg(long, default_value = "flows")]
        flows: PathBuf,
        /// Locales to test; the embedded defaults when the folder does not exist.
        #[arg(long, default_value = "locales")]
        locales: PathBuf,
        /// Print every turn of every case, not only failures.
        #[arg(long)]
        transcript: bool,
    },
}

/// Runs the chosen subcommand.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => {
            crate::telemetry::init(&args.log_format);
            let settings = args.settings()?;
            let (flows, locales) = (settings.flows.clone(), settings.locales.clone());
            let stop_reloading = CancellationToken::new();
            let reloading = stop_reloading.clone();
            let (city, llm) = (settings.city.clone(), settings.llm.clone());
            let server = crate::startup::build(settings, async move |pool| {
                let shelf = crate::garbage::shelf::Shelf::open(pool, &city)
                    .await
                    .map_err(|error| anyhow::anyhow!("MADOGUCHI_CITY={city}: {error}"))?;
                let corrector = llm.map(crate::garbage::correct::Corrector::new).transpose()?.map(Arc::new);
                let actions = crate::services::serving(Arc::new(shelf), corrector, Some(pool));
                let runtime =
                    FlowRuntime::new(&flows, &locales, actions).map_err(|diagnostics| refused(&diagnostics))?;
                let runtime = Arc::new(runtime);
                runtime.clone().watch(reloading);
                Ok(runtime as Arc<dyn Conversation>)
            })
            .await?;
            let address = server.local_addr();
            tracing::info!(%address, "madoguchi listening");
            println!("listening on {address}");
            server.run(crate::startup::shutdown_signal()).await?;
            stop_reloading.cancel();
            Ok(ExitCode::SUCCESS)
        }
        Command::Flows(FlowsCommand::Check { flows, locales }) => {
            let diagnostics = crate::flow::check(&flows, &locales, &crate::services::action_names());
            for diagnostic in &diagnostics {
                println!("{diagnostic}");
            }
            if diagnostics.is_empty() {
                println!("flows and locales are fine");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("{} problems", diagnostics.len());
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Flows(FlowsCommand::Test { path, flows, locales, transcript }) => {
            use crate::flow::source::Origin;
            let report = crate::flow::testing::run(
                &path,
                &Origin::folder_or_embedded(&flows),
                &Origin::folder_or_embedded(&locales),
                &|pool| crate::services::actions(Some(pool)),
                transcript,
            )
            .await?;
            for failure in &report.failures {
                println!("FAIL {failure}");
            }
            println!("{} files, {} cases, {} failed", report.files, report.cases, report.failures.len());
            Ok(if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Catalog(command) => crate::garbage::tools::run(command).await,
    }
}

/// The error that stops start-up when the flows or their wording do not pass the check.
fn refused(diagnostics: &[Diagnostic]) -> anyhow::Error {
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    anyhow::anyhow!("the flows or locales have {} problems:\n{}", lines.len(), lines.join("\n"))
}
