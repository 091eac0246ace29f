//! Near-duplicate articles (syndicated wire copy): articles that share most of their
//! five-word shingles. Found through an index from shingle to articles, skipping
//! shingles common to many articles, so the cost follows the rare overlaps, not all
//! pairs. Each group keeps one original (the earliest, then by id); the others are
//! copies and do not count again in rankings.

use crate::ids::ArticleId;
use crate::load::{Article, Content};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// An article that repeats another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateOf {
    pub original: ArticleId,
    /// Share of the shorter article's shingles found in the other, in percent.
    pub shared_percent: u8,
}

const SHINGLE_WORDS: usize = 5;
/// Containment above which two articles are one story printed twice.
const DUPLICATE_SHARE: f64 = 0.8;
/// Shingles in more articles than this are stock phrases, not copied text.
const COMMON_SHINGLE: usize = 50;

/// For each article (same order as `content.articles`), the original it copies.
pub fn near_duplicates(content: &Content) -> Vec<Option<DuplicateOf>> {
    let shingles: Vec<BTreeSet<u64>> = content.articles.iter().map(shingles).collect();
    let mut postings: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (index, set) in shingles.iter().enumerate() {
        for &shingle in set {
            postings.entry(shingle).or_default().push(index);
        }
    }
    let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for articles in postings
        .values()
        .filter(|a| a.len() > 1 && a.len() <= COMMON_SHINGLE)
    {
        for (i, &a) in articles.iter().enumerate() {
            for &b in &articles[i + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut groups = UnionFind::new(content.articles.len());
    let mut share: BTreeMap<usize, u8> = BTreeMap::new();
    for ((a, b), shared) in pairs {
        let smaller = shingles[a].len().min(shingles[b].len()).max(1);
        let ratio = shared as f64 / smaller as f64;
        if ratio >= DUPLICATE_SHARE {
            groups.join(a, b);
            let percent = (ratio * 100.0).round().min(100.0) as u8;
            for index in [a, b] {
                let best = share.entry(index).or_default();
                *best = (*best).max(percent);
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

fn earlier(a: &Article, b: &Article) -> bool {
    let key = |x: &Article| (x.meta.date.is_none(), x.meta.date, x.id.clone());
    key(a) < key(b)
}

fn shingles(article: &Article) -> BTreeSet<u64> {
    let words: Vec<String> = article
        .body
        .blocks
        .iter()
        .flat_map(|b| b.text.split_whitespace())
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(SHINGLE_WORDS)
        .map(|window| {
            let mut hasher = DefaultHasher::new();
            window.hash(&mut hasher);
            hasher.finish()
        })
        .collect()
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(size: usize) -> Self {
        UnionFind {
            parent: (0..size).collect(),
        }
    }

    fn root(&mut self, mut index: usize) -> usize {
        while self.parent[index] != index {
            self.parent[index] = self.parent[self.parent[index]];
            index = self.parent[index];
        }
        index
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}
