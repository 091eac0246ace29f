//! Related articles through an inverted index from each entity and theme to the
//! articles that carry it, so the cost follows the postings, not all pairs.

use super::{ArticleDigest, Tally};
use crate::ids::ArticleId;
use std::collections::BTreeMap;

/// Another article and what the two have in common.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedArticle {
    pub article: ArticleId,
    pub shared_entities: usize,
    pub shared_themes: usize,
}

impl RelatedArticle {
    fn score(&self) -> usize {
        self.shared_entities + self.shared_themes
    }
}

const RELATED_PER_ARTICLE: usize = 5;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Entity(&'a str),
    Theme(&'a str),
}

fn keys(digest: &ArticleDigest) -> Vec<Key<'_>> {
    let entities = digest
        .entities
        .iter()
        .map(|t: &Tally<_>| Key::Entity(t.id.as_str()));
    let themes = digest.themes.iter().map(|t| Key::Theme(t.id.as_str()));
    entities.chain(themes).collect()
}

/// For each digest (same order), its most related articles, best first.
pub fn related_articles(digests: &[ArticleDigest]) -> Vec<Vec<RelatedArticle>> {
    let mut postings: BTreeMap<Key<'_>, Vec<usize>> = BTreeMap::new();
    for (index, digest) in digests.iter().enumerate() {
        for key in keys(digest) {
            postings.entry(key).or_default().push(index);
        }
    }
    digests
        .iter()
        .enumerate()
        .map(|(index, digest)| {
            let mut shared: BTreeMap<usize, RelatedArticle> = BTreeMap::new();
            for key in keys(digest) {
                for &other in postings.get(&key).into_iter().flatten() {
                    if other == index {
                        continue;
                    }
                    let entry = shared.entry(other).or_insert_with(|| RelatedArticle {
                        article: digests[other].article.clone(),
                        shared_entities: 0,
                        shared_themes: 0,
                    });
                    match key {
                        Key::Entity(_) => entry.shared_entities += 1,
                        Key::Theme(_) => entry.shared_themes += 1,
                    }
                }
            }
            let mut related: Vec<RelatedArticle> = shared.into_values().collect();
            related.sort_by(|a, b| b.score().cmp(&a.score()).then(a.article.cmp(&b.article)));
            related.truncate(RELATED_PER_ARTICLE);
            related
        })
        .collect()
}
