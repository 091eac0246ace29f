//! What the last build left, checked against this build's inputs: the one place
//! that decides what may be reused.

use super::{
    AnalysesToSave, Cache, CachedAnalysis, CachedAnalysisToSave, Digest, Fingerprint, Manifest,
    OutputStamp, SiteCounts, Unusable, fingerprint, intact_files, output_unchanged, stamp,
};
use crate::analyze::{Analysis, ArticleAnalysis};
use crate::fs::FsError;
use crate::load::{Article, Content};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Previous {
    cache: Cache,
    output: PathBuf,
    /// `None` when an input could not be read: then nothing is reused.
    inputs: Option<Fingerprint>,
    manifest: Result<Manifest, Unusable>,
    /// Taken out one by one as they are reused, so they are never held twice.
    analyses: Result<Mutex<BTreeMap<PathBuf, CachedAnalysis>>, Unusable>,
    reused: AtomicUsize,
}

impl Previous {
    /// Fingerprints the inputs and reads the manifest (the analyses are read later,
    /// only when the site has changed).
    pub fn open(root: &Path, output: &Path) -> Self {
        let cache = Cache::at(root);
        let manifest = cache.manifest().and_then(|m| {
            if m.output == output {
                Ok(m)
            } else {
                Err(Unusable::Missing)
            }
        });
        Previous {
            cache,
            output: output.to_path_buf(),
            inputs: fingerprint(root),
            manifest,
            analyses: Err(Unusable::Missing),
            reused: AtomicUsize::new(0),
        }
    }

    /// When no input changed and the published site is as the last build left it:
    /// the last build's record.
    pub fn unchanged_site(&self) -> Option<&Manifest> {
        let (inputs, manifest) = (self.inputs.as_ref()?, self.manifest.as_ref().ok()?);
        (manifest.inputs == inputs.all() && output_unchanged(&self.output, manifest))
            .then_some(manifest)
    }

    pub fn read_analyses(&mut self) {
        let context = self.inputs.as_ref().map(Fingerprint::analysis_context);
        self.analyses = self.cache.analyses().and_then(|analyses| {
            if Some(analyses.context) == context {
                Ok(Mutex::new(analyses.by_source))
            } else {
                Err(Unusable::Missing)
            }
        });
    }

    /// The last analysis of `article`, if its file and the catalog are unchanged.
    pub fn reuse(&self, article: &Article) -> Option<ArticleAnalysis> {
        let file = self.inputs.as_ref()?.file(&article.source)?;
        let cached = self
            .analyses
            .as_ref()
            .ok()?
            .lock()
            .ok()?
            .remove(&article.source)?;
        (cached.file == *file).then(|| {
            self.reused.fetch_add(1, Ordering::Relaxed);
            let mut analysis = cached.analysis;
            analysis.attach_article();
            analysis
        })
    }

    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// The view digests of the last build's pages that are still on disk untouched
    /// and were rendered with the same templates and settings.
    pub fn views(&self) -> BTreeMap<String, Digest> {
        let (Some(inputs), Ok(manifest)) = (&self.inputs, &self.manifest) else {
            return BTreeMap::new();
        };
        if manifest.render_context != inputs.render_context() {
            return BTreeMap::new();
        }
        intact_files(&self.output, manifest)
            .filter_map(|(path, stamp)| Some((path.clone(), stamp.view?)))
            .collect()
    }

    /// Why the cache was not usable, when it was damaged or made by another binary.
    pub fn trouble(&self) -> Option<Unusable> {
        [self.manifest.as_ref().err(), self.analyses.as_ref().err()]
            .into_iter()
            .flatten()
            .find(|u| **u != Unusable::Missing)
            .cloned()
    }

    /// Records this build for the next one: the analyses when any was made afresh,
    /// and the manifest when the site is `complete` (otherwise the last one is
    /// removed, so the next build cannot find the site up to date).
    pub fn save(
        &self,
        content: &Content,
        analysis: &Analysis,
        counts: SiteCounts,
        files: BTreeMap<String, Option<Digest>>,
        complete: bool,
    ) -> Result<(), FsError> {
        let Some(inputs) = &self.inputs else {
            return Ok(());
        };
        if self.reused() < content.articles.len() || self.analyses.is_err() {
            self.cache
                .save_analyses(&analyses_of(inputs, content, analysis))?;
        }
        if !complete {
            return self.cache.forget_manifest();
        }
        let files: BTreeMap<String, OutputStamp> = files
            .into_iter()
            .filter_map(|(path, view)| Some((path.clone(), stamp(&self.output.join(&path), view)?)))
            .collect();
        self.cache.save_manifest(&Manifest {
            output: self.output.clone(),
            inputs: inputs.all(),
            render_context: inputs.render_context(),
            counts,
            warnings: content.warnings.clone(),
            files,
        })
    }
}

fn analyses_of<'a>(
    inputs: &Fingerprint,
    content: &'a Content,
    analysis: &'a Analysis,
) -> AnalysesToSave<'a> {
    let by_source = content
        .articles
        .iter()
        .zip(&analysis.articles)
        .filter_map(|(article, found)| {
            let file = *inputs.file(&article.source)?;
            let cached = CachedAnalysisToSave {
                file,
                analysis: found,
            };
            Some((article.source.as_path(), cached))
        })
        .collect();
    AnalysesToSave {
        context: inputs.analysis_context(),
        by_source,
    }
}
