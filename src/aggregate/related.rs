//! Related articles through an inverted index from each entity and theme to the
//! articles that carry it, so the cost follows the postings, not all pairs. What two
//! articles share is weighted by how rare it is (inverse document frequency): sharing
//! "Ho Chi Minh Mausoleum" says more than sharing "Russia", and something every
//! article carries says nothing and is skipped. So is anything carried by more than
//! `COMMON_KEY` articles: its weight is small, and walking its postings for every
//! article that has it would make the cost grow with the square of the corpus.

use super::{ArticleDigest, Tally};
use crate::ids::ArticleId;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Another article and what the two have in common.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedArticle {
    pub article: ArticleId,
    pub shared_entities: usize,
    pub shared_themes: usize,
    /// The sum of the shared items' weights.
    pub score: f64,
}

const RELATED_PER_ARTICLE: usize = 5;
/// Entities and themes in more articles than this relate none of them.
const COMMON_KEY: usize = 500;

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

/// For each digest (same order), its most related articles, best first. An article
/// and its near-duplicate are not related to each other: they are one story.
/// `digests` are in article id order, so ties between equal scores go by index.
pub fn related_articles(digests: &[ArticleDigest]) -> Vec<Vec<RelatedArticle>> {
    let mut postings: BTreeMap<Key<'_>, Vec<usize>> = BTreeMap::new();
    for (index, digest) in digests.iter().enumerate() {
        for key in keys(digest) {
            postings.entry(key).or_default().push(index);
        }
    }
    let total = digests.len() as f64;
    let weight = |carriers: usize| (total / carriers as f64).ln();
    let scratch = || Tallies {
        by_article: vec![Shared::default(); digests.len()],
        touched: Vec::new(),
    };
    digests
        .par_iter()
        .enumerate()
        .map_init(scratch, |tallies, (index, digest)| {
            for key in keys(digest) {
                let carriers = postings.get(&key).map_or(&[][..], Vec::as_slice);
                if carriers.len() == digests.len() || carriers.len() > COMMON_KEY {
                    continue;
                }
                let key_weight = weight(carriers.len());
                for &other in carriers {
                    if other == index || same_story(&digests[index], &digests[other]) {
                        continue;
                    }
                    tallies.add(other, key, key_weight);
                }
            }
            best(tallies.take())
                .into_iter()
                .map(|(other, shared)| RelatedArticle {
                    article: digests[other].article.clone(),
                    shared_entities: shared.entities,
                    shared_themes: shared.themes,
                    score: shared.score,
                })
                .collect()
        })
        .collect()
}

/// The `RELATED_PER_ARTICLE` best candidates, best first: highest score, then
/// lowest index. A popular article has thousands of candidates; only the few kept
/// are sorted.
fn best(mut candidates: Vec<(usize, Shared)>) -> Vec<(usize, Shared)> {
    let order = |(a, x): &(usize, Shared), (b, y): &(usize, Shared)| {
        y.score.total_cmp(&x.score).then(a.cmp(b))
    };
    if candidates.len() > RELATED_PER_ARTICLE {
        candidates.select_nth_unstable_by(RELATED_PER_ARTICLE, order);
        candidates.truncate(RELATED_PER_ARTICLE);
    }
    candidates.sort_unstable_by(order);
    candidates
}

/// One worker's tallies, by article index: a map lookup per shared item cost more
/// than the rest of the step, so they are kept in an array reused from article to
/// article, with the indexes touched so far.
struct Tallies {
    by_article: Vec<Shared>,
    touched: Vec<usize>,
}

impl Tallies {
    fn add(&mut self, other: usize, key: Key<'_>, weight: f64) {
        let Some(entry) = self.by_article.get_mut(other) else {
            return;
        };
        if entry.entities + entry.themes == 0 {
            self.touched.push(other);
        }
        match key {
            Key::Entity(_) => entry.entities += 1,
            Key::Theme(_) => entry.themes += 1,
        }
        entry.score += weight;
    }

    /// What was tallied, clearing the array for the next article.
    fn take(&mut self) -> Vec<(usize, Shared)> {
        let by_article = &mut self.by_article;
        self.touched
            .drain(..)
            .map(|other| (other, std::mem::take(&mut by_article[other])))
            .collect()
    }
}

/// What one article shares with another, while scoring.
#[derive(Clone, Default)]
struct Shared {
    entities: usize,
    themes: usize,
    score: f64,
}

fn same_story(a: &ArticleDigest, b: &ArticleDigest) -> bool {
    let copies = |x: &ArticleDigest, y: &ArticleDigest| {
        x.duplicate_of
            .as_ref()
            .is_some_and(|d| d.original == y.article)
    };
    copies(a, b)
        || copies(b, a)
        || matches!((&a.duplicate_of, &b.duplicate_of), (Some(x), Some(y)) if x.original == y.original)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{EntityId, ThemeId};

    fn digest(id: &str, entities: &[&str]) -> ArticleDigest {
        ArticleDigest {
            article: ArticleId::from_name(id),
            entities: entities
                .iter()
                .map(|e| Tally {
                    id: EntityId::from_name(e),
                    count: 1,
                })
                .collect(),
            themes: Vec::<Tally<ThemeId>>::new(),
            related: Vec::new(),
            duplicate_of: None,
        }
    }

    fn related_ids(digests: &[ArticleDigest], index: usize) -> Vec<String> {
        related_articles(digests)[index]
            .iter()
            .map(|r| r.article.as_str().to_owned())
            .collect()
    }

    #[test]
    fn rarer_shared_entities_weigh_more() {
        let digests = [
            digest(
                "a",
                &["russia", "vietnam", "asean", "ho-chi-minh-mausoleum"],
            ),
            digest("b", &["russia", "ho-chi-minh-mausoleum"]),
            digest("c", &["russia", "vietnam", "asean"]),
            digest("d", &["russia", "vietnam", "asean", "china"]),
        ];
        // a shares one rare entity with b (the mausoleum, in 2 of 4 articles) and two
        // common ones with c and d (in 3 of 4): b comes first, though counting alone
        // would put it last.
        assert_eq!(related_ids(&digests, 0), ["b", "c", "d"]);
    }

    #[test]
    fn what_every_article_carries_relates_nothing() {
        let digests = [digest("a", &["russia"]), digest("b", &["russia"])];
        assert!(related_ids(&digests, 0).is_empty());
    }

    #[test]
    fn a_copy_is_not_related_to_its_original() {
        let mut digests = [
            digest("a", &["to-lam"]),
            digest("b", &["to-lam"]),
            digest("c", &["putin"]),
        ];
        digests[1].duplicate_of = Some(super::super::DuplicateOf {
            original: ArticleId::from_name("a"),
            shared_percent: 95,
        });
        assert!(related_ids(&digests, 0).is_empty());
    }
}
