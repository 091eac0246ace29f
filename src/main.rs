//! The `dossier` binary: see `cli` for the commands.

mod cli;
mod report;

use clap::Parser;
use std::process::ExitCode;

// glibc's malloc spent about 15% of a 10,000-article build in malloc, free and
// consolidation across rayon's threads; mimalloc's per-thread heaps avoid that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::Args::parse().run()
}
