//! The `madoguchi` command line: `serve` runs the bot; other subcommands are operators' tools.

use crate::config::ServeArgs;
use crate::conversation::builtin::MenuResponder;
use clap::{Parser, Subcommand};
use std::process::ExitCode;
use std::sync::Arc;

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
}

/// Runs the chosen subcommand.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => {
            crate::telemetry::init(&args.log_format);
            let settings = args.settings()?;
            let server = crate::startup::build(settings, async |_| Ok(Arc::new(MenuResponder) as _)).await?;
            let address = server.local_addr();
            tracing::info!(%address, "madoguchi listening");
            println!("listening on {address}");
            server.run(crate::startup::shutdown_signal()).await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
