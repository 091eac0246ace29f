//! Stage 3, analyze: finds, in every block of every article, the catalog's entities
//! (`EntityMention`), the themes' keywords (`ThemeHit`), direct quotations and their
//! speakers (`Quotation`), dated statements (`DatedEvent`), key figures
//! (`KeyFigure`) and capitalised names the catalog lacks (`NameCandidate`), each
//! with the paragraph it was found in, for provenance. Takes `Content`, returns
//! `Analysis`.

pub mod events;
pub mod figures;
pub mod matcher;
pub mod names;
pub mod quotes;
mod sentences;
mod shingles;
mod speakers;

use crate::fold::FoldedText;
use crate::ids::{ArticleId, EntityId, ThemeId};
use crate::load::{Article, Catalog, Content, EntityKind};
use crate::markdown::BlockKind;
pub use events::{DatedEvent, TimePoint};
pub use figures::{FigureKind, KeyFigure};
use matcher::{PatternRule, PhraseMatcher, PhraseSource};
pub use names::NameCandidate;
pub use quotes::{Quotation, QuotePart};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use speakers::{SpeakerCatalog, SpeakerContext};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// What was found in each article, in the same order as `Content::articles`.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub articles: Vec<ArticleAnalysis>,
}

impl Analysis {
    /// Moves every article's shingles out, in article order: only near-duplicate
    /// detection reads them, and the rest of the build need not hold them.
    pub fn take_shingles(&mut self) -> Vec<Vec<u64>> {
        self.articles
            .iter_mut()
            .map(|found| std::mem::take(&mut found.shingles))
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleAnalysis {
    pub article: ArticleId,
    /// In reading order.
    pub mentions: Vec<EntityMention>,
    /// In reading order.
    pub theme_hits: Vec<ThemeHit>,
    /// In reading order of where they open.
    pub quotes: Vec<Quotation>,
    /// In reading order.
    pub events: Vec<DatedEvent>,
    /// In reading order.
    pub figures: Vec<KeyFigure>,
    /// In reading order.
    pub new_names: Vec<NameCandidate>,
    /// A sample of the text's five-word shingle hashes, sorted.
    pub shingles: Vec<u64>,
}

impl ArticleAnalysis {
    /// Makes an analysis read back from the cache hold the ids the rest of the build
    /// holds: `article`'s, and the catalog's. Deserialisation gives each finding an
    /// id of its own, which would cost an allocation per finding and a string
    /// comparison wherever it meets the catalog's id, instead of a pointer's.
    pub fn share_ids(&mut self, article: &ArticleId, catalog: &CatalogIds<'_>) {
        self.article = article.clone();
        let entities = self.mentions.iter_mut().map(|m| &mut m.entity);
        let speakers = self.quotes.iter_mut().filter_map(|q| q.speaker.as_mut());
        for id in entities.chain(speakers) {
            catalog.share_entity(id);
        }
        for hit in &mut self.theme_hits {
            catalog.share_theme(&mut hit.theme);
        }
    }
}

/// The catalog's ids by name, to share with analyses read back from the cache.
pub struct CatalogIds<'c> {
    entities: BTreeMap<&'c str, &'c EntityId>,
    themes: BTreeMap<&'c str, &'c ThemeId>,
}

impl<'c> CatalogIds<'c> {
    pub fn new(catalog: &'c Catalog) -> Self {
        CatalogIds {
            entities: catalog
                .entities
                .iter()
                .map(|e| (e.id.as_str(), &e.id))
                .collect(),
            themes: catalog
                .themes
                .iter()
                .map(|t| (t.id.as_str(), &t.id))
                .collect(),
        }
    }

    /// An id the catalog lacks is left as it is (a cached analysis is only used with
    /// the catalog it was made with, so there is none).
    fn share_entity(&self, id: &mut EntityId) {
        if let Some(shared) = self.entities.get(id.as_str()) {
            *id = (*shared).clone();
        }
    }

    fn share_theme(&self, id: &mut ThemeId) {
        if let Some(shared) = self.themes.get(id.as_str()) {
            *id = (*shared).clone();
        }
    }
}

/// One occurrence of an entity's name or alias.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    pub entity: EntityId,
    /// From 1: the `#pN` of the article the analysis is of.
    pub paragraph: usize,
    /// Byte range in the block's plain text.
    pub span: Range<usize>,
}

/// One occurrence of a theme's keyword.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeHit {
    pub theme: ThemeId,
    /// From 1: the `#pN` of the article the analysis is of.
    pub paragraph: usize,
    pub span: Range<usize>,
}

/// A shared alias ("Kim" for two Kims) is found once per claimant, on one span.
/// Such a mention goes to the one claimant the article also names unambiguously
/// ("Kim Jong Un … Kim said"); when it names none or several of them, the mention
/// is left out rather than credited to the wrong one.
/// Other ties on one span (a prefix alias meeting a name) are all kept, as before.
fn resolve_shared_aliases(
    mentions: Vec<EntityMention>,
    sharing: &BTreeSet<EntityId>,
) -> Vec<EntityMention> {
    // The matcher yields the claimants of one span next to each other.
    let same_place =
        |a: &EntityMention, b: &EntityMention| a.paragraph == b.paragraph && a.span == b.span;
    let named: BTreeSet<EntityId> = mentions
        .chunk_by(same_place)
        .filter(|claimants| claimants.len() == 1)
        .map(|sole| sole[0].entity.clone())
        .collect();
    let mut resolved = Vec::with_capacity(mentions.len());
    for claimants in mentions.chunk_by(same_place) {
        let mut known = claimants.iter().filter(|m| named.contains(&m.entity));
        if !claimants.iter().any(|m| sharing.contains(&m.entity)) {
            resolved.extend_from_slice(claimants);
            continue;
        }
        match (claimants, known.next(), known.next()) {
            ([sole], _, None) => resolved.push(sole.clone()),
            (_, Some(only), None) => resolved.push(only.clone()),
            _ => {}
        }
    }
    resolved
}

/// Matchers and catalog facts built once, then run over every article.
pub struct Analyzer<'c> {
    entities: PhraseMatcher<EntityId>,
    themes: PhraseMatcher<ThemeId>,
    speakers: SpeakerCatalog<'c>,
    /// Countries and places, which may begin a longer unknown name.
    places: BTreeSet<&'c EntityId>,
    /// Nationality words, lower case.
    demonyms: BTreeSet<String>,
    /// Entities with shared aliases, whose mentions may need resolving.
    sharing: BTreeSet<EntityId>,
}

impl<'c> Analyzer<'c> {
    pub fn new(catalog: &'c Catalog) -> Self {
        let entity_names = catalog.entities.iter().flat_map(|entity| {
            let source = if entity.kind == EntityKind::Person {
                PhraseSource::Person
            } else {
                PhraseSource::Entity
            };
            entity.names().map(move |name| {
                let rule = PatternRule::for_phrase(name, source);
                (name.to_owned(), rule, entity.id.clone())
            })
        });
        let keywords = catalog.themes.iter().flat_map(|theme| {
            theme.keywords.iter().map(|keyword| {
                let rule = PatternRule::for_phrase(keyword, PhraseSource::Keyword);
                (keyword.clone(), rule, theme.id.clone())
            })
        });
        Analyzer {
            entities: PhraseMatcher::new(entity_names),
            themes: PhraseMatcher::new(keywords),
            speakers: SpeakerCatalog::new(catalog),
            places: catalog
                .entities
                .iter()
                .filter(|e| matches!(e.kind, EntityKind::Country | EntityKind::Place))
                .map(|e| &e.id)
                .collect(),
            sharing: catalog
                .entities
                .iter()
                .filter(|e| !e.shared_aliases.is_empty())
                .map(|e| e.id.clone())
                .collect(),
            demonyms: catalog
                .entities
                .iter()
                .flat_map(|e| &e.demonyms)
                .flat_map(|d| d.split_whitespace())
                .map(str::to_lowercase)
                .collect(),
        }
    }

    pub fn analyze_article(&self, article: &Article) -> ArticleAnalysis {
        let mut mentions = Vec::new();
        let mut theme_hits = Vec::new();
        for (index, block) in article.body.blocks.iter().enumerate() {
            let paragraph = index + 1;
            let is_heading = block.kind == BlockKind::Heading;
            let folded = FoldedText::new(&block.text);
            for found in self.entities.find_folded(&block.text, &folded, is_heading) {
                mentions.push(EntityMention {
                    entity: found.target.clone(),
                    paragraph,
                    span: found.span,
                });
            }
            for found in self.themes.find_folded(&block.text, &folded, is_heading) {
                theme_hits.push(ThemeHit {
                    theme: found.target.clone(),
                    paragraph,
                    span: found.span,
                });
            }
        }
        let mentions = resolve_shared_aliases(mentions, &self.sharing);
        let new_names = names::unknown_names(article, &mentions, &self.places, &self.demonyms);
        let sentences = sentences::block_sentences(article);
        let mut speakers = SpeakerContext::new(
            &self.speakers,
            &article.body.blocks,
            &sentences,
            &mentions,
            &new_names,
        );
        let quotes = quotes::quotations(article, &mentions, &mut speakers);
        let events = events::dated_events(article, &sentences);
        let mut date_spans = vec![Vec::new(); article.body.blocks.len()];
        for event in &events {
            if let Some(spans) = date_spans.get_mut(event.paragraph - 1) {
                spans.push(event.span.clone());
            }
        }
        let figures = figures::key_figures(article, &date_spans, &sentences);
        ArticleAnalysis {
            article: article.id.clone(),
            mentions: fitted(mentions),
            theme_hits: fitted(theme_hits),
            quotes: fitted(quotes),
            events: fitted(events),
            figures: fitted(figures),
            new_names: fitted(new_names),
            shingles: fitted(shingles::sampled_shingles(article)),
        }
    }
}

/// `found` without its spare capacity: every analysis is held until the site is
/// written, and growth by doubling left about a fifth of their memory unused.
fn fitted<T>(mut found: Vec<T>) -> Vec<T> {
    found.shrink_to_fit();
    found
}

/// The sentence of `text` around byte `at`, for showing a finding in context.
pub fn sentence_around(text: &str, at: usize) -> &str {
    let all = sentences::sentences(text);
    sentences::containing(&all, at)
        .and_then(|range| text.get(range))
        .unwrap_or(text)
}

/// An earlier analysis of an article, when it is still valid (see `cache`), as it
/// was stored: `analyze` attaches it to the article and the catalog.
pub type Reuse<'r> = dyn Fn(&Article) -> Option<ArticleAnalysis> + Sync + 'r;

/// Analyses every article, or takes its analysis from `reuse`. Articles are analysed
/// independently, so on all cores; the result keeps their order. `done` is called
/// once per article, from any thread.
pub fn analyze(content: &Content, reuse: &Reuse<'_>, done: &(dyn Fn() + Sync)) -> Analysis {
    let analyzer = Analyzer::new(&content.catalog);
    let catalog = CatalogIds::new(&content.catalog);
    Analysis {
        articles: content
            .articles
            .par_iter()
            .map(|article| {
                let found = match reuse(article) {
                    Some(mut reused) => {
                        reused.share_ids(&article.id, &catalog);
                        reused
                    }
                    None => analyzer.analyze_article(article),
                };
                done();
                found
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Entity, Theme, test_article};
    use std::path::PathBuf;

    fn catalog() -> Catalog {
        let entity = Entity {
            id: EntityId::from_name("Lars Larsen"),
            name: "Lars Larsen".to_owned(),
            kind: EntityKind::Person,
            aliases: Vec::new(),
            shared_aliases: Vec::new(),
            role: None,
            demonyms: Vec::new(),
            pronoun: None,
            profile: String::new(),
            source: PathBuf::from("lars-larsen.md"),
            written_at: Default::default(),
        };
        let theme = Theme {
            id: ThemeId::from_name("Trade"),
            name: "Trade".to_owned(),
            summary: None,
            keywords: vec!["tariff*".to_owned()],
            overview: String::new(),
            source: PathBuf::from("trade.md"),
        };
        Catalog {
            entities: vec![entity],
            themes: vec![theme],
        }
    }

    fn same_allocation(a: &str, b: &str) -> bool {
        std::ptr::eq(a.as_ptr(), b.as_ptr())
    }

    #[test]
    fn a_cached_analysis_holds_the_catalog_and_article_ids_again() {
        let catalog = catalog();
        let article = test_article(
            None,
            &[
                "“Tariffs will rise,” said Lars Larsen.",
                "Lars Larsen left.",
            ],
        );
        let fresh = Analyzer::new(&catalog).analyze_article(&article);
        let stored = postcard::to_stdvec(&fresh).unwrap();
        let mut cached: ArticleAnalysis = postcard::from_bytes(&stored).unwrap();
        let (entity, theme) = (&catalog.entities[0].id, &catalog.themes[0].id);
        assert!(!same_allocation(
            cached.mentions[0].entity.as_str(),
            entity.as_str()
        ));

        cached.share_ids(&article.id, &CatalogIds::new(&catalog));

        assert_eq!(cached.mentions, fresh.mentions);
        assert_eq!(cached.theme_hits, fresh.theme_hits);
        assert_eq!(cached.quotes, fresh.quotes);
        assert_eq!(cached.mentions.len(), 2);
        assert_eq!(cached.quotes[0].speaker.as_ref(), Some(entity));
        let entities = cached.mentions.iter().map(|m| &m.entity);
        for id in entities.chain(cached.quotes.iter().filter_map(|q| q.speaker.as_ref())) {
            assert!(same_allocation(id.as_str(), entity.as_str()));
        }
        assert!(same_allocation(
            cached.theme_hits[0].theme.as_str(),
            theme.as_str()
        ));
        assert!(same_allocation(
            cached.article.as_str(),
            article.id.as_str()
        ));
    }
}
