//! The `madoguchi` binary: parses the command line and hands over to the library.

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = madoguchi::cli::Cli::parse();
    match madoguchi::cli::run(cli).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("madoguchi: {error:#}");
            ExitCode::FAILURE
        }
    }
}
