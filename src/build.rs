//! Runs the pipeline: config → load → analyze → aggregate → render → write. It stops
//! between stages when one fails, so nothing is written unless everything before
//! writing succeeded. `serve` and other commands call this same function.

use crate::aggregate::{Dossier, NameSuggestion, aggregate};
use crate::analyze::{Analysis, analyze};
use crate::check::{CheckReport, inspect};
use crate::config::{ConfigError, SiteConfig, load_config};
use crate::load::{Content, LoadError, load_content};
use crate::render::{RenderError, render};
use crate::write::{WriteError, WriteReport, write_site};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Told how a build advances, so the binary can show a progress bar; the library
/// itself never prints.
pub trait Progress: Sync {
    /// A stage of `total` steps begins.
    fn stage(&self, name: &'static str, total: usize);
    /// One step of the current stage is done (called from any thread).
    fn step(&self);
}

/// Progress that goes nowhere.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _name: &'static str, _total: usize) {}
    fn step(&self) {}
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Where to publish; `public/` under the root when `None`.
    pub output: Option<PathBuf>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub articles: usize,
    pub entities: usize,
    pub themes: usize,
    /// Capitalised names the articles use that the catalog does not know.
    pub new_names: usize,
    pub output: PathBuf,
    pub files: WriteReport,
    pub elapsed: Duration,
    /// How long each stage took, in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
}

/// Times the stages of one build.
struct StageClock {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl StageClock {
    fn start() -> Self {
        Self {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Records that `stage` just ended.
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }
}

/// Why a build failed: the stage, with every error that stage found.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{} error(s) in content", .0.len())]
    Load(Vec<LoadError>),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl BuildError {
    /// Every message, in file and line order.
    pub fn messages(&self) -> Vec<String> {
        match self {
            BuildError::Load(errors) => errors.iter().map(ToString::to_string).collect(),
            other => vec![other.to_string()],
        }
    }
}

impl BuildOptions {
    /// Where the site is published: `--output`, or `public/` under the root.
    pub fn output_folder(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| {
            if self.root == std::path::Path::new(".") {
                PathBuf::from("public")
            } else {
                self.root.join("public")
            }
        })
    }
}

/// The pipeline's model up to the aggregate: what build, check and suggest share.
struct Analysed {
    config: SiteConfig,
    content: Content,
    analysis: Analysis,
    dossier: Dossier,
}

fn analysed(
    root: &std::path::Path,
    progress: &dyn Progress,
    clock: &mut StageClock,
) -> Result<Analysed, BuildError> {
    let config = load_config(root)?;
    let content = load_content(&config).map_err(BuildError::Load)?;
    clock.lap("load");
    progress.stage("analysing articles", content.articles.len());
    let analysis = analyze(&content, &|| progress.step());
    clock.lap("analyze");
    let dossier = aggregate(&content, &analysis);
    clock.lap("aggregate");
    Ok(Analysed {
        config,
        content,
        analysis,
        dossier,
    })
}

pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let mut clock = StageClock::start();
    let Analysed {
        config,
        content,
        analysis,
        dossier,
    } = analysed(&options.root, progress, &mut clock)?;
    let files = render(&config, &content, &analysis, &dossier)?;
    clock.lap("render");
    let new_names = dossier.new_names.len();
    let output = options.output_folder();
    progress.stage("writing files", files.len());
    let report = write_site(&output, &files, config.minify, &|| progress.step())?;
    clock.lap("write");
    Ok(BuildSummary {
        articles: content.articles.len(),
        entities: content.catalog.entities.len(),
        themes: content.catalog.themes.len(),
        new_names,
        output,
        files: report,
        elapsed: started.elapsed(),
        stages: clock.stages,
    })
}

/// Runs the pipeline up to the aggregate, writing nothing, for `dossier suggest`:
/// the names the catalog lacks, most widespread first.
pub fn suggest(root: &std::path::Path) -> Result<Vec<NameSuggestion>, BuildError> {
    Ok(analysed(root, &Silent, &mut StageClock::start())?
        .dossier
        .new_names)
}

/// Runs the whole pipeline but writing, for `dossier check`, and inspects the site
/// it would publish.
pub fn check(root: &std::path::Path) -> Result<CheckReport, BuildError> {
    let site = analysed(root, &Silent, &mut StageClock::start())?;
    let files = render(&site.config, &site.content, &site.analysis, &site.dossier)?;
    Ok(inspect(&site.content, &site.dossier, &files))
}
