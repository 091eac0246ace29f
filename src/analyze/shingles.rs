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
    // Each word is hashed once; a shingle's hash mixes its five words' hashes,
    // rather than hashing the five words again for each of the five shingles
    // they are part of.
    let words: Vec<u64> = article
        .body
        .blocks
        .iter()
        .flat_map(|b| b.text.split_whitespace())
        .map(normalised_word)
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut hasher = DefaultHasher::new();
            word.hash(&mut hasher);
            hasher.finish()
        })
        .collect();
    let mut hashes: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(shingle_hash)
        .filter(|hash| hash % SAMPLE_EVERY == 0)
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// A shingle's hash from its words' hashes, in order: a multiply-rotate chain,
/// then a finaliser (MurmurHash3's) so that the low bits sampling reads are as
/// mixed as the rest.
fn shingle_hash(words: &[u64]) -> u64 {
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut hash = words.iter().fold(0u64, |hash, &word| {
        (hash.rotate_left(23) ^ word).wrapping_mul(MIX)
    });
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
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

    #[test]
    fn a_shingle_hash_depends_on_its_words_and_their_order() {
        let words = [11, 22, 33, 44, 55];
        let reversed = [55, 44, 33, 22, 11];
        let other = [11, 22, 33, 44, 56];
        assert_eq!(shingle_hash(&words), shingle_hash(&words));
        assert_ne!(shingle_hash(&words), shingle_hash(&reversed));
        assert_ne!(shingle_hash(&words), shingle_hash(&other));
    }

    #[test]
    fn about_one_shingle_in_four_is_sampled() {
        let text: Vec<String> = (0..4000).map(|i| format!("word{i}")).collect();
        let article = crate::load::test_article(None, &[&text.join(" ")]);
        let sampled = sampled_shingles(&article).len();
        assert!((800..1200).contains(&sampled), "{sampled} of 3996");
    }
}
