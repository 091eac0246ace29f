//! Runs the pipeline: config → load → analyze → aggregate → render → write. It stops
//! between stages when one fails. Render and write alternate batch by batch into a
//! staging folder that replaces the output folder only when every page is done, so
//! a failed build never touches the published site. `serve` and other commands call
//! this same function.

use crate::aggregate::{Dossier, NameSuggestion, aggregate};
use crate::analyze::{Analysis, Reuse, analyze};
use crate::cache::{Digest, Previous, SiteCounts, Unusable};
use crate::check::{CheckReport, inspect};
use crate::config::{ConfigError, SiteConfig, load_config};
use crate::load::{Content, LoadError, load_content};
use crate::render::urls::DATA;
use crate::render::{
    BATCH_WEIGHT, DataRecords, EarlierData, Job, RenderError, RenderedSite, Renderer,
    TemplateError, Templates, load_templates, render,
};
use crate::write::{Publication, WriteError, WriteReport};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
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
    /// Build without the content files that cannot be loaded (the build still
    /// reports them and counts as failed).
    pub keep_going: bool,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub counts: SiteCounts,
    /// What the build tells but does not fail on, e.g. a guessed encoding.
    pub warnings: Vec<String>,
    /// The errors of the files `--keep-going` left out; the build failed if any.
    pub skipped: Vec<String>,
    /// How many files those errors concern.
    pub skipped_files: usize,
    pub output: PathBuf,
    pub files: WriteReport,
    /// Articles analysed afresh; the others' analyses came from the cache.
    pub analysed: usize,
    /// Pages rendered; the others' views were unchanged.
    pub rendered: usize,
    /// Set when the cache could not be used or saved (the build is still complete).
    pub cache_note: Option<&'static str>,
    pub elapsed: Duration,
    /// Each stage in pipeline order: how long it took, and the process's peak
    /// resident memory in KiB when it ended (where the system tells).
    pub stages: Vec<StageTime>,
}

#[derive(Debug, Clone, Copy)]
pub struct StageTime {
    pub stage: &'static str,
    pub took: Duration,
    pub peak_kib: Option<u64>,
}

/// Times the stages of one build.
struct StageClock {
    last: Instant,
    stages: Vec<StageTime>,
}

impl StageClock {
    fn start() -> Self {
        Self {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Records a stage that ran in pieces, interleaved with another, taking `took`
    /// in all; it ended now.
    fn record(&mut self, stage: &'static str, took: Duration) {
        self.stages.push(StageTime {
            stage,
            took,
            peak_kib: peak_memory_kib(),
        });
        self.last = Instant::now();
    }

    /// Records that `stage` just ended.
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push(StageTime {
            stage,
            took: now - self.last,
            peak_kib: peak_memory_kib(),
        });
        self.last = now;
    }
}

/// The high-water mark of resident memory, from Linux's /proc.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Why a build failed: the stage, with every error that stage found.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Every error in the site's files: its templates and its content.
    #[error("{} error(s) in the site's files", content.len() + skipped.len() + usize::from(templates.is_some()))]
    Load {
        templates: Option<Box<TemplateError>>,
        content: Vec<LoadError>,
        /// With `--keep-going`, the errors of the content files left out.
        skipped: Vec<String>,
    },
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl BuildError {
    /// Every message, in file and line order.
    pub fn messages(&self) -> Vec<String> {
        match self {
            BuildError::Load {
                templates,
                content,
                skipped,
            } => templates
                .iter()
                .map(ToString::to_string)
                .chain(content.iter().map(ToString::to_string))
                .chain(skipped.iter().cloned())
                .collect(),
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
/// `suggest` renders nothing, so it does without templates (`T = ()`).
struct Analysed<T = Templates> {
    config: SiteConfig,
    templates: T,
    content: Content,
    analysis: Analysis,
    dossier: Dossier,
}

/// Sees the analysis before the aggregate takes the shingles out of it: the build
/// caches it there.
type AnalysisHook<'h> = dyn FnMut(&Content, &Analysis) + 'h;

fn analysed<T>(
    root: &Path,
    keep_going: bool,
    (reuse, analysed_hook): (&Reuse<'_>, &mut AnalysisHook<'_>),
    progress: &dyn Progress,
    clock: &mut StageClock,
    templates: impl FnOnce(&SiteConfig) -> Result<T, TemplateError>,
) -> Result<Analysed<T>, BuildError> {
    let config = load_config(root)?;
    let (templates, content) = match (templates(&config), load_content(&config, keep_going)) {
        (Ok(templates), Ok(content)) => (templates, content),
        (templates, content) => {
            let (content, skipped) = match content {
                Ok(content) => (Vec::new(), content.skipped),
                Err(errors) => (errors, Vec::new()),
            };
            return Err(BuildError::Load {
                templates: templates.err().map(Box::new),
                content,
                skipped,
            });
        }
    };
    clock.lap("load");
    progress.stage("analysing articles", content.articles.len());
    let mut analysis = analyze(&content, reuse, &|| progress.step());
    clock.lap("analyze");
    analysed_hook(&content, &analysis);
    clock.lap("cache");
    let shingles = analysis.take_shingles();
    let dossier = aggregate(&content, &analysis, shingles);
    clock.lap("aggregate");
    Ok(Analysed {
        config,
        templates,
        content,
        analysis,
        dossier,
    })
}

/// Analyses everything afresh.
fn no_reuse(_: &crate::load::Article) -> Option<crate::analyze::ArticleAnalysis> {
    None
}

/// Builds the site, reusing what the cache proves unchanged: nothing at all when no
/// input changed and the published site is intact; otherwise the analyses of
/// unchanged articles and the pages whose view is unchanged.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let mut clock = StageClock::start();
    let output = options.output_folder();
    let mut previous = Previous::open(&options.root, &output);
    if let Some(manifest) = previous.unchanged_site() {
        clock.lap("check");
        return Ok(BuildSummary {
            counts: manifest.counts,
            warnings: manifest.warnings.clone(),
            skipped: Vec::new(),
            skipped_files: 0,
            output,
            files: WriteReport {
                unchanged: manifest.files.len(),
                ..WriteReport::default()
            },
            analysed: 0,
            rendered: 0,
            cache_note: None,
            elapsed: started.elapsed(),
            stages: clock.stages,
        });
    }
    previous.read_analyses();
    let mut analyses_saved = Ok(());
    let site = analysed(
        &options.root,
        options.keep_going,
        (&|a| previous.reuse(a), &mut |content, analysis| {
            analyses_saved = previous.save_analyses(content, analysis)
        }),
        progress,
        &mut clock,
        load_templates,
    )?;
    let views = previous.views();
    let data = (previous.data_context(), previous.earlier_data());
    let published = publish(&site, (&views, data), &output, progress)?;
    let Analysed {
        templates,
        mut content,
        analysis,
        dossier,
        ..
    } = site;
    content.warnings.extend(templates.warnings);
    clock.record("render", published.render_time);
    clock.record("write", published.write_time);
    let counts = SiteCounts {
        articles: content.articles.len(),
        entities: content.catalog.entities.len(),
        themes: content.catalog.themes.len(),
        new_names: dossier.new_names.len(),
    };
    let mut cache_note = previous.trouble().map(|trouble| match trouble {
        Unusable::Stale => "the cache was made by another dossier binary and was rebuilt",
        Unusable::Corrupt | Unusable::Missing => "the cache was damaged and was rebuilt",
    });
    // A site built without some files must not count as up to date next time.
    let complete = content.skipped.is_empty();
    let saved = analyses_saved.and_then(|()| {
        let files = (published.files, published.data);
        previous.save(&content, counts, files, complete)
    });
    if saved.is_err() {
        cache_note = Some("the cache could not be saved; the next build will be a full one");
    }
    clock.lap("manifest");
    let summary = BuildSummary {
        counts,
        warnings: std::mem::take(&mut content.warnings),
        skipped: std::mem::take(&mut content.skipped),
        skipped_files: content.skipped_files,
        output,
        files: published.report,
        analysed: content.articles.len() - previous.reused(),
        rendered: published.rendered,
        cache_note,
        elapsed: started.elapsed(),
        stages: clock.stages,
    };
    free_in_background((content, analysis, dossier));
    Ok(summary)
}

/// Frees what the build held on a thread of its own: a large site's articles,
/// analyses and aggregate are millions of allocations, whose freeing took a tenth
/// of a second at 10,000 articles, and the summary need not wait for it (a process
/// that exits first hands the memory back whole).
fn free_in_background<T: Send + 'static>(held: T) {
    // Should no thread be available, `held` is dropped here as the closure is.
    let _ = std::thread::Builder::new()
        .name("dossier-free".to_owned())
        .spawn(move || drop(held));
}

/// Cuts `jobs` into consecutive batches of at most `BATCH_WEIGHT` (a job heavier
/// than that alone makes a batch).
fn batches<'j, 'a>(jobs: &'j [Job<'a>]) -> impl Iterator<Item = &'j [Job<'a>]> {
    let mut rest = jobs;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut weight = 0;
        let len = rest
            .iter()
            .take_while(|job| {
                weight += job.weight();
                weight <= BATCH_WEIGHT
            })
            .count()
            .max(1);
        let (batch, after) = rest.split_at(len);
        rest = after;
        Some(batch)
    })
}

/// What rendering and writing did.
struct Published {
    report: WriteReport,
    /// Every published file, with its page's view digest.
    files: BTreeMap<String, Option<Digest>>,
    /// Where the records of `dossier.json` lie.
    data: DataRecords,
    rendered: usize,
    render_time: Duration,
    write_time: Duration,
}

/// Renders the site batch by batch into a staging folder, then swaps it in.
fn publish(
    site: &Analysed,
    (views, (data_context, mut earlier_data)): (
        &BTreeMap<String, Digest>,
        (Digest, Option<EarlierData>),
    ),
    output: &Path,
    progress: &dyn Progress,
) -> Result<Published, BuildError> {
    let config = &site.config;
    let renderer = Renderer::new(
        config,
        &site.content,
        &site.analysis,
        &site.dossier,
        &site.templates,
        views,
    );
    let jobs = renderer.jobs();
    progress.stage("writing pages", jobs.len() + 1);
    let publication = Publication::begin(output, config.minify && !site.templates.minified)?;
    let mut published = Published {
        report: WriteReport::default(),
        files: BTreeMap::new(),
        data: DataRecords::default(),
        rendered: 0,
        render_time: Duration::ZERO,
        write_time: Duration::ZERO,
    };
    // The data file is one long serial job: streamed beside the pages rather than
    // made in a batch, it does not hold the batch's other core idle.
    let (data, pages) = rayon::join(
        || {
            let mut records = DataRecords::default();
            let written = publication.add_streamed(DATA, |sink| {
                records = renderer.write_data(data_context, earlier_data.as_mut(), sink)?;
                Ok(())
            });
            progress.step();
            written.map(|()| records)
        },
        || -> Result<(), BuildError> {
            for batch in batches(&jobs) {
                let started = Instant::now();
                let site = renderer.render(batch)?;
                published.render_time += started.elapsed();
                publish_batch(&publication, &mut published, site, progress)?;
            }
            Ok(())
        },
    );
    pages?;
    published.data = data?;
    published.files.insert(DATA.to_owned(), None);
    published.rendered += 1;
    let started = Instant::now();
    published.report = publication.finish()?;
    published.write_time += started.elapsed();
    Ok(published)
}

/// Stages one batch of rendered files and kept pages, and records them.
fn publish_batch(
    publication: &Publication,
    published: &mut Published,
    site: RenderedSite,
    progress: &dyn Progress,
) -> Result<(), BuildError> {
    let started = Instant::now();
    published.rendered += site.files.len();
    let paths = site.files.iter().map(|f| &f.path).chain(&site.kept);
    for path in paths {
        published
            .files
            .insert(path.clone(), site.views.get(path).copied());
    }
    publication.add(site.files, &|| progress.step())?;
    publication.keep(&site.kept)?;
    site.kept.iter().for_each(|_| progress.step());
    published.write_time += started.elapsed();
    Ok(())
}

/// Runs the pipeline up to the aggregate, writing nothing, for `dossier suggest`:
/// the names the catalog lacks, most widespread first.
pub fn suggest(root: &Path) -> Result<Vec<NameSuggestion>, BuildError> {
    Ok(analysed(
        root,
        false,
        (&no_reuse, &mut |_, _| {}),
        &Silent,
        &mut StageClock::start(),
        |_| Ok(()),
    )?
    .dossier
    .new_names)
}

/// Runs the whole pipeline but writing, for `dossier check`, and inspects the site
/// it would publish.
pub fn check(root: &Path) -> Result<CheckReport, BuildError> {
    let site = analysed(
        root,
        false,
        (&no_reuse, &mut |_, _| {}),
        &Silent,
        &mut StageClock::start(),
        load_templates,
    )?;
    let rendered = render(
        &site.config,
        &site.templates,
        &site.content,
        &site.analysis,
        &site.dossier,
    )?;
    Ok(inspect(&site.content, &site.dossier, &rendered.files))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::urls::Page;

    #[test]
    fn batches_hold_every_job_once_in_order_within_the_weight() {
        let long = Job::Page(Page::Timeline(None));
        let short = Job::Stylesheet;
        let jobs: Vec<Job> = (0..1000)
            .map(|i| if i % 7 == 0 { long } else { short })
            .collect();
        let cut: Vec<&[Job]> = batches(&jobs).collect();
        // Each batch starts where the one before ended, and the last ends at the end.
        let mut next = jobs.as_ptr();
        for batch in &cut {
            assert!(std::ptr::eq(batch.as_ptr(), next), "a gap or an overlap");
            next = batch.as_ptr().wrapping_add(batch.len());
        }
        assert!(std::ptr::eq(next, jobs.as_ptr().wrapping_add(jobs.len())));
        let weights: Vec<usize> = cut
            .iter()
            .map(|b| b.iter().map(Job::weight).sum())
            .collect();
        assert!(weights.iter().all(|w| *w <= BATCH_WEIGHT), "{weights:?}");
        assert!(weights.iter().filter(|w| **w < BATCH_WEIGHT - 16).count() <= 1);
    }

    #[test]
    fn long_pages_make_short_batches_and_the_longest_go_alone() {
        let jobs = vec![Job::Page(Page::Timeline(None)); 40];
        let sizes: Vec<usize> = batches(&jobs).map(<[Job]>::len).collect();
        assert_eq!(sizes, [16, 16, 8]);
        let jobs = [
            Job::Stylesheet,
            Job::Page(Page::Quotes),
            Job::Page(Page::Figures),
            Job::Stylesheet,
        ];
        let sizes: Vec<usize> = batches(&jobs).map(<[Job]>::len).collect();
        assert_eq!(sizes, [1, 1, 1, 1]);
    }
}
