//! Near-duplicate articles (syndicated wire copy): articles that share most of their
//! five-word shingles. Each article's analysis keeps a fixed sample of its shingles
//! (those whose hash falls in one bucket, the same choice in every article); its sketch is the
//! few smallest sampled shingles that are not stock phrases. Articles that hold most of
//! a sketch are candidates, and only candidates are compared in full, so the cost is
//! linear in the corpus, not in its pairs. Each group keeps one original (the
//! earliest, then by id); the others are copies and do not count again in rankings.

use super::union_find::UnionFind;
use crate::ids::ArticleId;
use crate::load::{Article, Content};
use std::collections::{BTreeMap, BTreeSet};

/// An article that repeats another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateOf {
    pub original: ArticleId,
    /// Share of the shorter article's shingles found in the other, in percent.
    pub shared_percent: u8,
}

/// Shingles per sketch.
const SKETCH: usize = 16;
/// Containment above which two articles are one story printed twice.
const DUPLICATE_SHARE: f64 = 0.8;
/// Shingles in more articles than this are stock phrases, not copied text.
const COMMON_SHINGLE: usize = 50;

/// For each article (same order as `content.articles`), the original it copies.
/// `samples` are the articles' sampled shingles, in article order.
pub fn near_duplicates(content: &Content, samples: Vec<Vec<u64>>) -> Vec<Option<DuplicateOf>> {
    let mut postings: Vec<(u64, usize)> = samples
        .iter()
        .enumerate()
        .flat_map(|(index, sample)| sample.iter().map(move |&hash| (hash, index)))
        .collect();
    postings.sort_unstable();
    let carriers = |hash: u64| {
        let start = postings.partition_point(|&(h, _)| h < hash);
        let end = postings.partition_point(|&(h, _)| h <= hash);
        &postings[start..end]
    };
    let mut groups = UnionFind::new(content.articles.len());
    let mut share: BTreeMap<usize, u8> = BTreeMap::new();
    let mut compared: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (index, sample) in samples.iter().enumerate() {
        let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
        let sketch = sample
            .iter()
            .map(|&hash| carriers(hash))
            .filter(|c| c.len() <= COMMON_SHINGLE)
            .take(SKETCH);
        let mut sketch_size = 0;
        for holders in sketch {
            sketch_size += 1;
            for &(_, other) in holders.iter().filter(|(_, other)| *other != index) {
                *hits.entry(other).or_default() += 1;
            }
        }
        for (other, count) in hits {
            let pair = (index.min(other), index.max(other));
            if count * 2 < sketch_size || !compared.insert(pair) {
                continue;
            }
            let ratio = containment(&samples[index], &samples[other]);
            if ratio >= DUPLICATE_SHARE {
                groups.join(index, other);
                let percent = (ratio * 100.0).round().min(100.0) as u8;
                for member in [index, other] {
                    let best = share.entry(member).or_default();
                    *best = (*best).max(percent);
                }
            }
        }
    }
    let mut originals: BTreeMap<usize, usize> = BTreeMap::new();
    for index in 0..content.articles.len() {
        let root = groups.root(index);
        let current = originals.entry(root).or_insert(index);
        if earlier(&content.articles[index], &content.articles[*current]) {
            *current = index;
        }
    }
    (0..content.articles.len())
        .map(|index| {
            let original = *originals.get(&groups.root(index))?;
            (original != index).then(|| DuplicateOf {
                original: content.articles[original].id.clone(),
                shared_percent: share.get(&index).copied().unwrap_or(100),
            })
        })
        .collect()
}

/// The share of the smaller sorted set that the other holds.
fn containment(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / a.len().min(b.len()).max(1) as f64
}

fn earlier(a: &Article, b: &Article) -> bool {
    let key = |x: &Article| (x.meta.date.is_none(), x.meta.date, x.id.clone());
    key(a) < key(b)
}
