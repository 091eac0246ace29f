//! Five-word shingles of an article's text, sampled, for finding near-duplicate
//! articles across the corpus (see `aggregate::duplicates`). Sampling is per article,
//! so it is part of the article's analysis and cached with it.

use crate::load::Article;
use std::hash::{DefaultHasher, Hash, Hasher};

const SHINGLE_WORDS: usize = 5;
/// One shingle in this many is kept.
const SAMPLE_EVERY: u64 = 4;

/// The article's sampled shingle hashes, sorted, without repeats.
pub fn sampled_shingles(article: &Article) -> Vec<u64> {
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
    let mut hashes: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|window| {
            let mut hasher = DefaultHasher::new();
            window.hash(&mut hasher);
            hasher.finish()
        })
        .filter(|hash| hash % SAMPLE_EVERY == 0)
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}
