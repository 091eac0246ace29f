//! The `dossier` binary: see `cli` for the commands.

mod cli;
mod report;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    cli::Args::parse().run()
}
