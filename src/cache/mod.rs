//! The incremental-build cache in `.dossier-cache/` under the site root. It lets a
//! rebuild skip what cannot have changed:
//! - every input (site.yaml, content/, templates/) is fingerprinted by its bytes; when
//!   none changed and the published files are as the last build left them, the build
//!   is done;
//! - an article's analysis is reused when its file and the catalog are unchanged;
//! - a page is re-rendered only when what it shows (its view, serialized) changed.
//!
//! Invariants: the cache only ever saves work, never changes output, so a build with
//! it is byte-identical to one without. Each file carries a checksum and the binary's
//! identity (version, size, modification time); a file that fails either is ignored
//! and rebuilt, never trusted. Losing the cache costs time, not correctness.

mod inputs;
mod previous;
mod store;

use crate::analyze::ArticleAnalysis;
use crate::fs::{self, FsError};
use crate::render::DataRecords;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use inputs::{Fingerprint, fingerprint};
pub use previous::Previous;

/// The cache folder, under the site root.
pub const FOLDER: &str = ".dossier-cache";
const MANIFEST: &str = "manifest";
/// The analyses are kept in this many files, by source path, so that a rebuild
/// after one edit rewrites one small file and the rest are read on all cores.
pub const ANALYSIS_SHARDS: usize = 32;
/// The one analyses file of earlier versions, removed when shards are written.
const UNSHARDED_ANALYSES: &str = "analyses";

/// A blake3 digest.
pub type Digest = [u8; 32];

/// What the last build published, for checking that it is still there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputStamp {
    /// The digest of the page's view when it was rendered; `None` for files that are
    /// not rendered pages (the stylesheet, `dossier.json`).
    pub view: Option<Digest>,
    pub len: u64,
    pub modified: (i64, u32),
}

/// The last build's record, small enough to read on every build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// The output folder that build published to.
    pub output: PathBuf,
    /// All inputs together.
    pub inputs: Digest,
    /// What every page depends on besides its view: templates, site.yaml.
    pub render_context: Digest,
    pub counts: SiteCounts,
    /// The build's warnings, repeated when nothing changed.
    pub warnings: Vec<String>,
    /// Every published file, by path relative to the output folder.
    pub files: BTreeMap<String, OutputStamp>,
    /// Where the records of the published `dossier.json` lie.
    pub data: DataRecords,
}

/// What the summary line reports about the site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteCounts {
    pub articles: usize,
    pub entities: usize,
    pub themes: usize,
    pub new_names: usize,
}

/// An article's analysis, with the digest of the file it was made from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedAnalysis {
    pub file: Digest,
    pub analysis: ArticleAnalysis,
}

/// The shard that keeps the analysis of the article at `source`.
pub fn shard_of(source: &Path) -> usize {
    let digest = blake3::hash(source.to_string_lossy().as_bytes());
    usize::from(digest.as_bytes()[0]) % ANALYSIS_SHARDS
}

/// Analyses by source path, valid for one analysis context. Read as the pairs
/// postcard writes a map as (the same bytes), since `Previous` hashes them anyway:
/// reading them into a sorted map compared paths component by component.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Analyses {
    pub context: Digest,
    pub by_source: Vec<(PathBuf, CachedAnalysis)>,
}

/// `Analyses` as saved: the same encoding, borrowing this build's analyses instead
/// of copying them.
#[derive(Serialize)]
pub struct AnalysesToSave<'a> {
    pub context: Digest,
    pub by_source: BTreeMap<&'a Path, CachedAnalysisToSave<'a>>,
}

#[derive(Serialize)]
pub struct CachedAnalysisToSave<'a> {
    pub file: Digest,
    pub analysis: &'a ArticleAnalysis,
}

/// Why the cache could not be used, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// No cache yet: the first build, or it was deleted.
    Missing,
    /// Written by another dossier binary.
    Stale,
    /// Damaged: truncated, edited, or unreadable.
    Corrupt,
}

pub struct Cache {
    folder: PathBuf,
}

impl Cache {
    pub fn at(root: &Path) -> Self {
        Cache {
            folder: root.join(FOLDER),
        }
    }

    pub fn manifest(&self) -> Result<Manifest, Unusable> {
        store::read(&self.folder.join(MANIFEST))
    }

    /// One shard of the analyses (`shard < ANALYSIS_SHARDS`).
    pub fn analyses(&self, shard: usize) -> Result<Analyses, Unusable> {
        store::read(&self.analyses_path(shard))
    }

    fn analyses_path(&self, shard: usize) -> PathBuf {
        self.folder.join(format!("analyses-{shard:02}"))
    }

    pub fn save_manifest(&self, manifest: &Manifest) -> Result<(), FsError> {
        self.prepare()?;
        store::write(&self.folder.join(MANIFEST), manifest)
    }

    pub fn forget_manifest(&self) -> Result<(), FsError> {
        remove_if_present(&self.folder.join(MANIFEST))
    }

    /// Readies the folder for `save_analyses`, which may then run on all cores.
    pub fn prepare_analyses(&self) -> Result<(), FsError> {
        self.prepare()?;
        remove_if_present(&self.folder.join(UNSHARDED_ANALYSES))
    }

    pub fn save_analyses(
        &self,
        shard: usize,
        analyses: &AnalysesToSave<'_>,
    ) -> Result<(), FsError> {
        store::write(&self.analyses_path(shard), analyses)
    }

    /// Creates the folder, git-ignored from inside so no site needs to say so.
    fn prepare(&self) -> Result<(), FsError> {
        let ignore = self.folder.join(".gitignore");
        if !ignore.is_file() {
            fs::write_atomically(&ignore, b"# dossier's build cache; safe to delete\n*\n")?;
        }
        Ok(())
    }
}

fn remove_if_present(path: &Path) -> Result<(), FsError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(FsError::new(path, "remove", e)),
        _ => Ok(()),
    }
}

/// The stamp of a published file, or `None` when it is missing.
pub fn stamp(path: &Path, view: Option<Digest>) -> Option<OutputStamp> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(OutputStamp {
        view,
        len: metadata.len(),
        modified: (i64::try_from(since.as_secs()).ok()?, since.subsec_nanos()),
    })
}

/// Whether the published file at `path` is still as the manifest recorded it.
pub(super) fn is_intact(output: &Path, path: &str, recorded: &OutputStamp) -> bool {
    stamp(&output.join(path), recorded.view).as_ref() == Some(recorded)
}

/// The published files that are still exactly as the manifest recorded them.
pub fn intact_files<'m>(
    output: &Path,
    manifest: &'m Manifest,
) -> impl Iterator<Item = (&'m String, &'m OutputStamp)> {
    manifest
        .files
        .iter()
        .filter(move |(path, recorded)| is_intact(output, path, recorded))
}

/// Whether the output folder holds exactly the recorded files, untouched.
pub fn output_unchanged(output: &Path, manifest: &Manifest) -> bool {
    let on_disk = fs::files_under(output);
    let expected = manifest
        .files
        .keys()
        .map(String::as_str)
        .chain([crate::write::MARKER]);
    on_disk
        .iter()
        .map(String::as_str)
        .eq(expected_sorted(expected))
        && manifest
            .files
            .iter()
            .all(|(path, recorded)| is_intact(output, path, recorded))
}

fn expected_sorted<'a>(paths: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut paths: Vec<&str> = paths.collect();
    paths.sort_unstable();
    paths
}
