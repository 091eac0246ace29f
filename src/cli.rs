//! The command line: parses arguments and dispatches to the library. No pipeline
//! logic lives here.

use crate::report;
use clap::{Parser, Subcommand};
use dossier::build::{BuildOptions, build, check, suggest};
use dossier::load::EntityKind;
use dossier::starter::{self, StarterError, StarterFile};
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
    /// Build without the content files that have errors, list them, and still exit
    /// non-zero.
    #[arg(long, global = true)]
    keep_going: bool,
    /// After a build, print how long each pipeline stage took.
    #[arg(long, global = true)]
    timings: bool,
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
    /// Run everything but writing and report what to fix: broken internal links (an
    /// error), entities never mentioned, themes no article touches, articles with no
    /// entity or no date, likely duplicates.
    Check,
    /// Build, serve the site on 127.0.0.1, and rebuild and reload open pages when
    /// content/, templates/ or site.yaml change. Ctrl-C stops it.
    Serve {
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Turn raw articles (.txt pages or .md files) into front-mattered Markdown in
    /// content/articles/, showing what was inferred; never overwrites.
    Import {
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Create a new site here (or in --root): site.yaml, and a first article, two
    /// entities and a theme that build as written. Never overwrites.
    Init {
        /// The dossier's title.
        #[arg(long, default_value = "My dossier")]
        title: String,
    },
    /// Write a starter file for a new entity, theme or article; never overwrites.
    New {
        #[command(subcommand)]
        file: NewFile,
    },
}

#[derive(Debug, Subcommand)]
enum NewFile {
    /// content/entities/<slug>.md
    Entity {
        /// The entity's name, e.g. "To Lam".
        name: String,
        /// person, country, organisation or place.
        #[arg(long, default_value = "person", value_parser = entity_kind)]
        kind: EntityKind,
    },
    /// content/themes/<slug>.md
    Theme {
        /// The theme's name, e.g. "Arms trade".
        name: String,
    },
    /// content/articles/<slug>.md
    Article {
        /// The article's title.
        title: String,
    },
}

fn entity_kind(word: &str) -> Result<EntityKind, String> {
    EntityKind::parse(word).ok_or_else(|| {
        let kinds = EntityKind::ALL.map(EntityKind::as_str);
        format!("use one of: {}", kinds.join(", "))
    })
}

impl NewFile {
    fn starter(&self) -> Result<StarterFile, StarterError> {
        match self {
            NewFile::Entity { name, kind } => starter::new_entity(name, *kind),
            NewFile::Theme { name } => starter::new_theme(name),
            NewFile::Article { title } => starter::new_article(title),
        }
    }
}

impl Args {
    pub fn run(self) -> ExitCode {
        match self.command.unwrap_or(Command::Build) {
            Command::Build => {
                let options = BuildOptions {
                    root: self.root,
                    output: self.output,
                    keep_going: self.keep_going,
                };
                // The bar is cleared before the summary or the errors are printed.
                let progress = report::ProgressBar::new();
                let result = build(&options, &progress);
                drop(progress);
                let timings = self.timings;
                match result {
                    Ok(summary) => {
                        report::summary(&summary);
                        if timings {
                            report::stage_times(&summary);
                        }
                        if summary.skipped.is_empty() {
                            ExitCode::SUCCESS
                        } else {
                            report::skipped(&summary.skipped, summary.skipped_files);
                            ExitCode::FAILURE
                        }
                    }
                    Err(error) => {
                        report::failure(&error);
                        ExitCode::FAILURE
                    }
                }
            }
            Command::Init { title } => exit(
                starter::new_site(&title).and_then(|files| starter::create_all(&self.root, &files)),
                |paths| report::initialised(&paths),
                |error| report::error(error),
            ),
            Command::New { file } => exit(
                file.starter().and_then(|f| starter::create(&self.root, &f)),
                |path| report::created(&path),
                |error| report::error(error),
            ),
            Command::Check => match check(&self.root) {
                Ok(report) => {
                    report::check(&report);
                    if report.has_errors() {
                        ExitCode::FAILURE
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(error) => {
                    report::failure(&error);
                    ExitCode::FAILURE
                }
            },
            Command::Serve { port } => {
                let options = BuildOptions {
                    root: self.root,
                    output: self.output,
                    keep_going: false,
                };
                let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
                let on_interrupt = std::sync::Arc::clone(&stop);
                // Ctrl-C finishes the build in progress, so no file is left half-written.
                let handler = ctrlc::set_handler(move || {
                    on_interrupt.store(true, std::sync::atomic::Ordering::Relaxed);
                });
                if let Err(error) = handler {
                    report::error(&error);
                    return ExitCode::FAILURE;
                }
                exit(
                    dossier::serve::serve(&options, port, &stop, &report::serving),
                    |()| report::stopped(),
                    |error| report::error(error),
                )
            }
            Command::Import { files } => {
                let mut failed = false;
                for file in &files {
                    match dossier::import::import(&self.root, file) {
                        Ok(imported) => report::imported(&imported),
                        Err(error) => {
                            report::error(&error);
                            failed = true;
                        }
                    }
                }
                if failed {
                    ExitCode::FAILURE
                } else {
                    ExitCode::SUCCESS
                }
            }
            Command::Suggest { limit } => exit(
                suggest(&self.root),
                |names| report::suggestions(&names, limit),
                report::failure,
            ),
        }
    }
}

/// Reports the outcome of a command and gives the process its exit status.
fn exit<T, E>(result: Result<T, E>, done: impl FnOnce(T), failed: impl FnOnce(&E)) -> ExitCode {
    match result {
        Ok(value) => {
            done(value);
            ExitCode::SUCCESS
        }
        Err(error) => {
            failed(&error);
            ExitCode::FAILURE
        }
    }
}
