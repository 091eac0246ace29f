//! Five-word shingles of an article's text, sampled, for finding near-duplicate
//! articles across the corpus (see `aggregate::duplicates`). Sampling is per article,
//! so it is part of the article's analysis and cached with it.

use crate::load::Article;
use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};

const SHINGLE_WORDS: usize = 5;
/// One shingle in this many is kept.
const SAMPLE_EVERY: u64 = 4;

/// The word's letters and digits in lower case. Most words are that already, but
/// for punctuation at their ends, and are borrowed rather than copied.
fn normalised_word(word: &str) -> Cow<'_, str> {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    if core
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        return Cow::Borrowed(core);
    }
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The article's sampled shingle hashes, sorted, without repeats.
pub fn sampled_shingles(article: &Article) -> Vec<u64> {
    let words: Vec<Cow<'_, str>> = article
        .body
        .blocks
        .iter()
        .flat_map(|b| b.text.split_whitespace())
        .map(normalised_word)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_only_letters_and_digits_in_lower_case() {
        let cases = [
            ("said,", "said", true),
            ("(2024).", "2024", true),
            ("U.S.", "us", false),
            ("Putin’s", "putins", false),
            ("Đà", "đà", false),
            ("don't", "dont", false),
            ("—", "", true),
        ];
        for (word, normal, borrowed) in cases {
            let got = normalised_word(word);
            assert_eq!(got, normal, "{word:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), borrowed, "{word:?}");
        }
    }
}
