//! The `madoguchi` binary: parses the command line and hands over to the library.

use clap::Parser;
use std::process::ExitCode;

/// glibc's allocator spent a quarter of the server's time under webhook load (consolidating freed chunks across
/// threads); mimalloc's thread-local heaps do not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
