//! The command line: parses arguments and dispatches to the library. No pipeline
//! logic lives here.

use crate::report;
use clap::{Parser, Subcommand};
use dossier::build::{BuildOptions, build, suggest};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns a folder of news articles into a cross-linked briefing dossier website.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Args {
    /// The site folder: holds site.yaml, content/ and optionally templates/.
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: public/ under the site folder].
    #[arg(long, global = true, value_name = "DIR")]
    output: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site (also what a bare `dossier` does).
    Build,
    /// List names the articles use that the catalog does not know, most widespread
    /// first, each with example sentences and a starter entity file. Writes nothing.
    Suggest {
        /// How many names to list.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

impl Args {
    pub fn run(self) -> ExitCode {
        match self.command.unwrap_or(Command::Build) {
            Command::Build => {
                let options = BuildOptions {
                    root: self.root,
                    output: self.output,
                };
                match build(&options) {
                    Ok(summary) => {
                        report::summary(&summary);
                        ExitCode::SUCCESS
                    }
                    Err(error) => {
                        report::failure(&error);
                        ExitCode::FAILURE
                    }
                }
            }
            Command::Suggest { limit } => match suggest(&self.root) {
                Ok(names) => {
                    report::suggestions(&names, limit);
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    report::failure(&error);
                    ExitCode::FAILURE
                }
            },
        }
    }
}
