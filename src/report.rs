//! The one module that prints: build summaries to stdout, errors to stderr.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "this module is the terminal output"
)]

use dossier::aggregate::NameSuggestion;
use dossier::build::{BuildError, BuildSummary};
use dossier::check::CheckReport;
use dossier::starter::suggested_entity;

/// How long each stage of the build took, for `--timings`.
pub fn stage_times(summary: &BuildSummary) {
    for stage in &summary.stages {
        let peak = stage
            .peak_kib
            .map(|kib| format!("  peak {:>6} MiB", kib / 1024))
            .unwrap_or_default();
        println!(
            "{:>10} {:8.3}s{peak}",
            stage.stage,
            stage.took.as_secs_f64()
        );
    }
}

pub fn summary(summary: &BuildSummary) {
    let (files, counts) = (summary.files, summary.counts);
    println!(
        "Built {} articles, {} entities, {} themes into {}: {} files written, {} unchanged, {} removed in {:.2}s{}",
        counts.articles,
        counts.entities,
        counts.themes,
        summary.output.display(),
        files.written,
        files.unchanged,
        files.removed,
        summary.elapsed.as_secs_f64(),
        reuse(summary),
    );
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    if let Some(note) = summary.cache_note {
        println!("Note: {note}.");
    }
    if counts.new_names > 0 {
        println!(
            "{} name{} in the articles {} not in the catalog: `dossier suggest` lists them.",
            counts.new_names,
            if counts.new_names == 1 { "" } else { "s" },
            if counts.new_names == 1 { "is" } else { "are" },
        );
    }
}

/// What the cache saved, when it saved anything.
fn reuse(summary: &BuildSummary) -> String {
    let counts = summary.counts;
    if summary.analysed == 0 && summary.rendered == 0 {
        " (nothing changed)".to_owned()
    } else if summary.analysed < counts.articles {
        format!(
            " ({} of {} articles analysed, {} pages rendered)",
            summary.analysed, counts.articles, summary.rendered
        )
    } else {
        String::new()
    }
}

/// The names the catalog lacks, each with where it was seen and a starter file.
pub fn suggestions(names: &[NameSuggestion], limit: usize) {
    if names.is_empty() {
        println!("Every capitalised name in the articles is in the catalog.");
        return;
    }
    println!(
        "{} name{} not in the catalog, most widespread first{}:\n",
        names.len(),
        if names.len() == 1 { "" } else { "s" },
        if names.len() > limit {
            format!(" (the first {limit}; --limit shows more)")
        } else {
            String::new()
        }
    );
    for (rank, name) in names.iter().take(limit).enumerate() {
        println!(
            "{}. {} — {} mention{} in {} article{}",
            rank + 1,
            name.name,
            name.count,
            if name.count == 1 { "" } else { "s" },
            name.articles.len(),
            if name.articles.len() == 1 { "" } else { "s" },
        );
        for (at, sentence) in &name.examples {
            println!("   {} ¶{}: {sentence}", at.article, at.paragraph);
        }
        match suggested_entity(name) {
            Ok(file) => {
                println!("   {}:", file.path);
                for line in file.text.lines() {
                    println!("   | {line}");
                }
            }
            Err(error) => eprintln!("   cannot write a starter file: {error}"),
        }
        println!();
    }
}

/// The files `--keep-going` left out of the site: their errors, and how many files.
pub fn skipped(errors: &[String], files: usize) {
    for error in errors {
        eprintln!("error: {error}");
    }
    let one = files == 1;
    eprintln!(
        "Built without {files} file{} that ha{} errors (listed above); fix {} and build again.",
        if one { "" } else { "s" },
        if one { "s" } else { "ve" },
        if one { "it" } else { "them" },
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

pub fn created(path: &std::path::Path) {
    println!("Wrote {}: fill it in, then build.", path.display());
}

pub fn initialised(paths: &[std::path::PathBuf]) {
    for path in paths {
        println!("Wrote {}", path.display());
    }
    println!("A starter site is ready: `dossier build` makes it, `dossier serve` shows it.");
}

pub fn error(error: &dyn std::error::Error) {
    eprintln!("error: {error}");
}

/// The findings of `dossier check`: errors first, then what to review.
pub fn check(report: &CheckReport) {
    for (page, href) in &report.broken_links {
        eprintln!("error: {page}: link `{href}` leads to no page or anchor of the site");
    }
    let lists: [(&str, Vec<String>); 6] = [
        (
            "entities no article mentions (check their names and aliases)",
            paths(&report.unmentioned_entities),
        ),
        (
            "themes no article touches (check their keywords)",
            paths(&report.empty_themes),
        ),
        (
            "articles that name no catalog entity",
            paths(&report.articles_without_entities),
        ),
        (
            "articles tagged with an entity their text never names (add the form the text uses to the entity's aliases)",
            report
                .tags_not_named
                .iter()
                .map(|(article, entity)| format!("{}: {entity}", article.display()))
                .collect(),
        ),
        (
            "articles with no date (add `date: YYYY-MM-DD` to place their events)",
            paths(&report.undated_articles),
        ),
        (
            "likely duplicates (counted once)",
            report
                .duplicates
                .iter()
                .map(|(copy, original, percent)| {
                    format!(
                        "{} repeats {} ({percent}% shared)",
                        copy.display(),
                        original.display()
                    )
                })
                .collect(),
        ),
    ];
    for (label, items) in lists.iter().filter(|(_, items)| !items.is_empty()) {
        println!("{} {label}:", items.len());
        for item in items {
            println!("  {item}");
        }
    }
    let errors = report.broken_links.len();
    if errors == 0 {
        println!("Check passed: no broken links.");
    } else {
        eprintln!(
            "Check failed: {errors} broken link{}.",
            if errors == 1 { "" } else { "s" }
        );
    }
}

fn paths(paths: &[std::path::PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

/// What `dossier import` inferred for one file, so the analyst knows what to check.
pub fn imported(imported: &dossier::import::Imported) {
    println!(
        "Imported {} → {}",
        imported.from.display(),
        imported.to.display()
    );
    println!("  title:  {}", imported.title);
    println!(
        "  author: {}",
        imported.author.as_deref().unwrap_or("(none stated)")
    );
    println!(
        "  date:   {}",
        imported
            .date
            .as_deref()
            .unwrap_or("(none stated: add one if you know it)")
    );
    println!("  {} paragraphs", imported.paragraphs);
    if let Some(warning) = &imported.warning {
        eprintln!("warning: {warning}");
    }
}

/// A progress bar on stderr that appears only once a build has taken more than a
/// moment, and never when stderr is not a terminal (indicatif hides it then).
pub struct ProgressBar {
    bar: indicatif::ProgressBar,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
}

/// How long a build runs before its progress is worth showing.
const QUIET_FOR: std::time::Duration = std::time::Duration::from_millis(500);

impl ProgressBar {
    pub fn new() -> Self {
        let bar = indicatif::ProgressBar::hidden();
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{msg:>20} [{bar:40}] {pos}/{len} {elapsed}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        ProgressBar {
            bar,
            started: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
        }
    }
}

impl dossier::build::Progress for ProgressBar {
    fn stage(&self, name: &'static str, total: usize) {
        self.bar.set_message(name);
        self.bar.set_position(0);
        self.bar
            .set_length(u64::try_from(total).unwrap_or(u64::MAX));
    }

    fn step(&self) {
        self.bar.inc(1);
        let late = self.started.elapsed() > QUIET_FOR;
        if late && !self.shown.swap(true, std::sync::atomic::Ordering::Relaxed) {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// What `dossier serve` tells the terminal.
pub fn serving(event: dossier::serve::ServeEvent<'_>) {
    use dossier::serve::ServeEvent;
    match event {
        ServeEvent::Listening { address } => {
            println!(
                "Serving on {address} — watching content/, templates/ and site.yaml; Ctrl-C stops."
            );
        }
        ServeEvent::Built(built) => summary(built),
        ServeEvent::Failed(error) => failure(error),
    }
}

pub fn stopped() {
    println!("Stopped.");
}
