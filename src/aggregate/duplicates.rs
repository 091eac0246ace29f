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
use rayon::prelude::*;
use std::collections::BTreeMap;

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
    let mut pairs = candidate_pairs(&samples);
    pairs.par_sort_unstable();
    pairs.dedup();
    let copies: Vec<(usize, usize, f64)> = pairs
        .par_iter()
        .map(|&(a, b)| (a, b, containment(&samples[a], &samples[b])))
        .filter(|&(_, _, ratio)| ratio >= DUPLICATE_SHARE)
        .collect();
    let mut groups = UnionFind::new(content.articles.len());
    let mut share: BTreeMap<usize, u8> = BTreeMap::new();
    for (a, b, ratio) in copies {
        groups.join(a, b);
        let percent = (ratio * 100.0).round().min(100.0) as u8;
        for member in [a, b] {
            let best = share.entry(member).or_default();
            *best = (*best).max(percent);
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

/// The hash space is read in this many bands, lowest first. A sketch is made of an
/// article's lowest sampled hashes, so most sketches are whole after the first band
/// or two, and only one band's hashes are held at a time; then only the sketches'
/// hashes are indexed. An index of every sampled hash (16 bytes each) grew the
/// resident memory of a 100,000-article build by 290 MiB here; this, by 90 MiB.
const BANDS: u64 = 16;

/// The pairs of articles worth comparing in full: one holds at least half of the
/// other's sketch. Each pair is given smaller index first, maybe more than once.
fn candidate_pairs(samples: &[Vec<u64>]) -> Vec<(usize, usize)> {
    let sketches = sketches(samples);
    let postings = postings_of_sketches(samples, &sketches);
    sketches
        .par_iter()
        .enumerate()
        .flat_map_iter(|(index, sketch)| candidates(index, sketch, &postings))
        .collect()
}

/// Each article's sketch: its lowest sampled hashes that are not stock phrases, at
/// most `SKETCH` of them, in order.
fn sketches(samples: &[Vec<u64>]) -> Vec<Vec<u64>> {
    let mut sketches: Vec<Vec<u64>> = vec![Vec::new(); samples.len()];
    let width = u64::MAX / BANDS + 1;
    for start in (0..BANDS).map(|band| band * width) {
        let band = Band {
            start,
            end: start.checked_add(width),
        };
        let growing = |(sketch, sample): &(&mut Vec<u64>, &Vec<u64>)| {
            sketch.len() < SKETCH && sample.last().is_some_and(|&last| last >= band.start)
        };
        if !sketches.iter_mut().zip(samples).any(|pair| growing(&pair)) {
            break;
        }
        let mut hashes: Vec<u64> = samples
            .par_iter()
            .flat_map_iter(|sample| band.of(sample).iter().copied())
            .collect();
        hashes.par_sort_unstable();
        // Samples have no repeats, so a hash's count is the count of its articles.
        let articles = |hash: u64| {
            hashes.partition_point(|&h| h <= hash) - hashes.partition_point(|&h| h < hash)
        };
        sketches
            .par_iter_mut()
            .zip(samples)
            .filter(growing)
            .for_each(|(sketch, sample)| {
                let wanted = SKETCH - sketch.len();
                let fresh = band.of(sample).iter().copied();
                sketch.extend(
                    fresh
                        .filter(|&hash| articles(hash) <= COMMON_SHINGLE)
                        .take(wanted),
                );
            });
    }
    sketches
}

/// The hashes from `start` up to `end` (to the last hash when `None`).
struct Band {
    start: u64,
    end: Option<u64>,
}

impl Band {
    /// The part of a sorted sample in the band.
    fn of<'s>(&self, sample: &'s [u64]) -> &'s [u64] {
        let from = sample.partition_point(|&hash| hash < self.start);
        let to = self.end.map_or(sample.len(), |end| {
            sample.partition_point(|&hash| hash < end)
        });
        &sample[from..to]
    }
}

/// Every article that holds a hash of some sketch, under that hash, sorted.
fn postings_of_sketches(samples: &[Vec<u64>], sketches: &[Vec<u64>]) -> Vec<(u64, usize)> {
    let mut sketched: Vec<u64> = sketches.concat();
    sketched.par_sort_unstable();
    sketched.dedup();
    let mut postings: Vec<(u64, usize)> = samples
        .par_iter()
        .enumerate()
        .flat_map_iter(|(index, sample)| {
            sample
                .iter()
                .filter(|&hash| sketched.binary_search(hash).is_ok())
                .map(move |&hash| (hash, index))
        })
        .collect();
    postings.par_sort_unstable();
    postings
}

/// The articles that hold at least half of article `index`'s sketch, paired with it.
fn candidates(index: usize, sketch: &[u64], postings: &[(u64, usize)]) -> Vec<(usize, usize)> {
    let carriers = |hash: u64| {
        let start = postings.partition_point(|&(h, _)| h < hash);
        let end = postings.partition_point(|&(h, _)| h <= hash);
        &postings[start..end]
    };
    let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
    for &hash in sketch {
        for &(_, other) in carriers(hash).iter().filter(|(_, other)| *other != index) {
            *hits.entry(other).or_default() += 1;
        }
    }
    hits.into_iter()
        .filter(|&(_, count)| count * 2 >= sketch.len())
        .map(|(other, _)| (index.min(other), index.max(other)))
        .collect()
}

fn earlier(a: &Article, b: &Article) -> bool {
    let key = |x: &Article| (x.meta.date.is_none(), x.meta.date, x.id.clone());
    key(a) < key(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::test_article;
    use chrono::NaiveDate;
    use std::collections::BTreeSet;

    fn content(dates: &[u32]) -> Content {
        let articles = dates
            .iter()
            .enumerate()
            .map(|(index, &day)| {
                let mut article = test_article(NaiveDate::from_ymd_opt(2024, 5, day), &["text"]);
                article.id = ArticleId::from_name(&format!("article-{index}"));
                article
            })
            .collect();
        Content {
            intro: Default::default(),
            articles,
            catalog: Default::default(),
            warnings: Vec::new(),
            skipped: Vec::new(),
            skipped_files: 0,
        }
    }

    /// `count` shingle hashes from `from` on, spaced so none is shared by accident.
    fn sample(from: u64, count: u64) -> Vec<u64> {
        (from..from + count).map(|n| n * 1_000).collect()
    }

    #[test]
    fn copies_of_copies_share_the_earliest_original() {
        // b repeats a, and c repeats b; d is another story.
        let samples = vec![
            sample(0, 100),
            [sample(10, 90), sample(500, 10)].concat(),
            [sample(20, 80), sample(500, 10), sample(600, 10)].concat(),
            sample(1000, 100),
        ];
        let samples: Vec<Vec<u64>> = samples
            .into_iter()
            .map(|mut s| {
                s.sort_unstable();
                s
            })
            .collect();
        let found = near_duplicates(&content(&[3, 1, 2, 4]), samples);
        let original = |index: usize| found[index].as_ref().map(|d| d.original.as_str());
        assert_eq!(original(0), Some("article-1"));
        assert_eq!(
            original(1),
            None,
            "the earliest of the group is the original"
        );
        assert_eq!(original(2), Some("article-1"));
        assert_eq!(original(3), None);
        assert!(found[0].as_ref().is_some_and(|d| d.shared_percent >= 80));
    }

    /// The pairs one index over every hash finds, as the sketch is defined: an
    /// article's lowest `SKETCH` hashes that are not stock phrases.
    fn pairs_from_one_index(samples: &[Vec<u64>]) -> BTreeSet<(usize, usize)> {
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
        let mut pairs = BTreeSet::new();
        for (index, sample) in samples.iter().enumerate() {
            let sketch: Vec<&[(u64, usize)]> = sample
                .iter()
                .map(|&hash| carriers(hash))
                .filter(|c| c.len() <= COMMON_SHINGLE)
                .take(SKETCH)
                .collect();
            let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
            for &(_, other) in sketch.iter().flat_map(|c| c.iter()) {
                if other != index {
                    *hits.entry(other).or_default() += 1;
                }
            }
            let pairs_of = hits
                .into_iter()
                .filter(|&(_, count)| count * 2 >= sketch.len());
            pairs.extend(pairs_of.map(|(other, _)| (index.min(other), index.max(other))));
        }
        pairs
    }

    proptest::proptest! {
        #[test]
        fn bands_find_the_pairs_one_index_finds(
            // Few distinct hashes over the whole range, so that articles share
            // them, some are stock phrases, and sketches cross band edges.
            picks in proptest::collection::vec(
                proptest::collection::btree_set(0u64..400, 0..60),
                1..90,
            ),
        ) {
            let spacing = u64::MAX / 400;
            let samples: Vec<Vec<u64>> = picks
                .iter()
                .map(|picked| picked.iter().map(|&n| n * spacing).collect())
                .collect();
            let banded: BTreeSet<(usize, usize)> = candidate_pairs(&samples).into_iter().collect();
            proptest::prop_assert_eq!(banded, pairs_from_one_index(&samples));
        }
    }
}
