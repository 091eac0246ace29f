//! The one module that prints: build summaries to stdout, errors to stderr.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "this module is the terminal output"
)]

use dossier::build::{BuildError, BuildSummary};

pub fn summary(summary: &BuildSummary) {
    let files = summary.files;
    println!(
        "Built {} articles, {} entities, {} themes into {}: {} files written, {} unchanged, {} removed in {:.2}s",
        summary.articles,
        summary.entities,
        summary.themes,
        summary.output.display(),
        files.written,
        files.unchanged,
        files.removed,
        summary.elapsed.as_secs_f64()
    );
}

pub fn failure(error: &BuildError) {
    let messages = error.messages();
    for message in &messages {
        eprintln!("error: {message}");
    }
    eprintln!(
        "Build failed with {} error{}; the previous output was left as it was.",
        messages.len(),
        if messages.len() == 1 { "" } else { "s" }
    );
}
