//! What the last build left, checked against this build's inputs: the one place
//! that decides what may be reused.

use super::{
    ANALYSIS_SHARDS, Analyses, AnalysesToSave, Cache, CachedAnalysis, CachedAnalysisToSave, Digest,
    Fingerprint, Manifest, OutputStamp, SiteCounts, Unusable, fingerprint, intact_files, is_intact,
    output_unchanged, shard_of, stamp,
};
use crate::analyze::{Analysis, ArticleAnalysis};
use crate::fs::FsError;
use crate::load::{Article, Content};
use crate::render::urls::DATA;
use crate::render::{DataRecords, EarlierData};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub struct Previous {
    cache: Cache,
    output: PathBuf,
    /// `None` when an input could not be read: then nothing is reused.
    inputs: Option<Fingerprint>,
    manifest: Result<Manifest, Unusable>,
    /// Taken out one by one as they are reused, so they are never held twice.
    analyses: Mutex<HashMap<PathBuf, CachedAnalysis>>,
    /// Per shard: why it could not be read, if it could not.
    shard_trouble: Vec<Option<Unusable>>,
    /// Per shard: whether this build must write it (it holds an analysis made
    /// afresh, or one of an article that is gone, or could not be read).
    shard_changed: Vec<AtomicBool>,
    reused: AtomicUsize,
}

impl Previous {
    /// Fingerprints the inputs and reads the manifest (the analyses are read later,
    /// only when the site has changed).
    pub fn open(root: &Path, output: &Path) -> Self {
        let cache = Cache::at(root);
        // One folder named relatively or absolutely is the same output.
        let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
        let manifest = cache.manifest().and_then(|m| {
            if m.output == output {
                Ok(m)
            } else {
                Err(Unusable::Missing)
            }
        });
        Previous {
            cache,
            output,
            inputs: fingerprint(root),
            manifest,
            analyses: Mutex::new(HashMap::new()),
            shard_trouble: vec![Some(Unusable::Missing); ANALYSIS_SHARDS],
            shard_changed: (0..ANALYSIS_SHARDS)
                .map(|_| AtomicBool::new(true))
                .collect(),
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
        let shards: Vec<Result<Analyses, Unusable>> = (0..ANALYSIS_SHARDS)
            .into_par_iter()
            .map(|shard| {
                let analyses = self.cache.analyses(shard)?;
                if Some(analyses.context) == context {
                    Ok(analyses)
                } else {
                    Err(Unusable::Missing)
                }
            })
            .collect();
        let mut all = HashMap::new();
        for (shard, read) in shards.into_iter().enumerate() {
            match read {
                Ok(analyses) => {
                    all.extend(analyses.by_source);
                    self.shard_trouble[shard] = None;
                    self.shard_changed[shard] = AtomicBool::new(false);
                }
                Err(trouble) => self.shard_trouble[shard] = Some(trouble),
            }
        }
        self.analyses = Mutex::new(all);
    }

    /// The last analysis of `article`, if its file (as load read it, which may be
    /// newer than the fingerprint taken before) and the catalog are unchanged.
    pub fn reuse(&self, article: &Article) -> Option<ArticleAnalysis> {
        let reused = self.cached_analysis(article);
        if reused.is_some() {
            self.reused.fetch_add(1, Ordering::Relaxed);
        } else {
            self.shard_changes(&article.source);
        }
        reused
    }

    fn cached_analysis(&self, article: &Article) -> Option<ArticleAnalysis> {
        let cached = self.analyses.lock().ok()?.remove(&article.source)?;
        (cached.file == article.source_digest).then_some(cached.analysis)
    }

    /// Marks the shard of `source` as one to write.
    fn shard_changes(&self, source: &Path) {
        self.shard_changed[shard_of(source)].store(true, Ordering::Relaxed);
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

    /// What the keys of `dossier.json`'s records start from (see `render::data`).
    pub fn data_context(&self) -> Digest {
        self.inputs
            .as_ref()
            .map(Fingerprint::analysis_context)
            .unwrap_or_default()
    }

    /// The published `dossier.json`, to copy unchanged records from, while it is as
    /// the last build left it.
    pub fn earlier_data(&self) -> Option<EarlierData> {
        let manifest = self.manifest.as_ref().ok()?;
        let recorded = manifest.files.get(DATA)?;
        if !is_intact(&self.output, DATA, recorded) {
            return None;
        }
        let file = std::fs::File::open(self.output.join(DATA)).ok()?;
        Some(EarlierData::new(file, &manifest.data))
    }

    /// Why the cache was not usable, when it was damaged or made by another binary.
    pub fn trouble(&self) -> Option<Unusable> {
        let shards = self.shard_trouble.iter().flatten();
        self.manifest
            .as_ref()
            .err()
            .into_iter()
            .chain(shards)
            .find(|u| **u != Unusable::Missing)
            .cloned()
    }

    /// Records this build for the next one (its analyses are saved before, by
    /// `save_analyses`): the manifest when the site is `complete` (otherwise the last
    /// one is removed, so the next build cannot find the site up to date).
    pub fn save(
        &self,
        content: &Content,
        counts: SiteCounts,
        (files, data): (BTreeMap<String, Option<Digest>>, DataRecords),
        complete: bool,
    ) -> Result<(), FsError> {
        let Some(inputs) = &self.inputs else {
            return Ok(());
        };
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
            data,
        })
    }

    /// Writes the shards of the analyses cache that changed, on all cores. Done as
    /// soon as the analysis is made: an analysis depends only on its article's bytes
    /// and the analysis context, so it holds whether or not the rest of the build
    /// succeeds.
    pub fn save_analyses(&self, content: &Content, analysis: &Analysis) -> Result<(), FsError> {
        let Some(inputs) = &self.inputs else {
            return Ok(());
        };
        // What was read but not reused belongs to articles that are gone.
        if let Ok(left) = self.analyses.lock() {
            left.keys().for_each(|source| self.shard_changes(source));
        }
        let mut shards: Vec<BTreeMap<&Path, CachedAnalysisToSave<'_>>> =
            (0..ANALYSIS_SHARDS).map(|_| BTreeMap::new()).collect();
        for (article, found) in content.articles.iter().zip(&analysis.articles) {
            let shard = shard_of(&article.source);
            if !self.shard_changed[shard].load(Ordering::Relaxed) {
                continue;
            }
            let cached = CachedAnalysisToSave {
                file: article.source_digest,
                analysis: found,
            };
            shards[shard].insert(&article.source, cached);
        }
        self.cache.prepare_analyses()?;
        shards
            .into_par_iter()
            .enumerate()
            .filter(|(shard, _)| self.shard_changed[*shard].load(Ordering::Relaxed))
            .try_for_each(|(shard, by_source)| {
                let analyses = AnalysesToSave {
                    context: inputs.analysis_context(),
                    by_source,
                };
                self.cache.save_analyses(shard, &analyses)
            })
    }
}
