//! Stage 3, analyze: finds, in every block of every article, the catalog's entities
//! (`EntityMention`) and the themes' keywords (`ThemeHit`), each with the paragraph
//! it was found in, for provenance. Takes `Content`, returns `Analysis`.

pub mod matcher;

use crate::ids::{ArticleId, EntityId, ParagraphRef, ThemeId};
use crate::load::{Article, Catalog, Content, EntityKind};
use crate::markdown::BlockKind;
use matcher::{PatternRule, PhraseMatcher, PhraseSource};
use std::ops::Range;

/// What was found in each article, in the same order as `Content::articles`.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub articles: Vec<ArticleAnalysis>,
}

#[derive(Debug, Clone)]
pub struct ArticleAnalysis {
    pub article: ArticleId,
    /// In reading order.
    pub mentions: Vec<EntityMention>,
    /// In reading order.
    pub theme_hits: Vec<ThemeHit>,
}

/// One occurrence of an entity's name or alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    pub entity: EntityId,
    pub at: ParagraphRef,
    /// Byte range in the block's plain text.
    pub span: Range<usize>,
}

/// One occurrence of a theme's keyword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeHit {
    pub theme: ThemeId,
    pub at: ParagraphRef,
    pub span: Range<usize>,
}

/// Matchers built once from the catalog, then run over every article.
pub struct Analyzer {
    entities: PhraseMatcher<EntityId>,
    themes: PhraseMatcher<ThemeId>,
}

impl Analyzer {
    pub fn new(catalog: &Catalog) -> Self {
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
        }
    }

    pub fn analyze_article(&self, article: &Article) -> ArticleAnalysis {
        let mut mentions = Vec::new();
        let mut theme_hits = Vec::new();
        for (index, block) in article.body.blocks.iter().enumerate() {
            let at = ParagraphRef {
                article: article.id.clone(),
                paragraph: index + 1,
            };
            let is_heading = block.kind == BlockKind::Heading;
            for found in self.entities.find(&block.text, is_heading) {
                mentions.push(EntityMention {
                    entity: found.target.clone(),
                    at: at.clone(),
                    span: found.span,
                });
            }
            for found in self.themes.find(&block.text, is_heading) {
                theme_hits.push(ThemeHit {
                    theme: found.target.clone(),
                    at: at.clone(),
                    span: found.span,
                });
            }
        }
        ArticleAnalysis {
            article: article.id.clone(),
            mentions,
            theme_hits,
        }
    }
}

pub fn analyze(content: &Content) -> Analysis {
    let analyzer = Analyzer::new(&content.catalog);
    Analysis {
        articles: content
            .articles
            .iter()
            .map(|article| analyzer.analyze_article(article))
            .collect(),
    }
}
