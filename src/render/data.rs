//! `dossier.json`: the aggregate as data for other tools. Field names are a public
//! interface documented in the README; add fields, never rename them.

use super::urls::{Page, Urls};
use crate::aggregate::{ArticleOccurrences, Dossier, Tally};
use crate::ids::{ArticleId, EntityId, ThemeId};
use crate::load::Content;
use serde::Serialize;

#[derive(Serialize)]
struct DataFile<'a> {
    articles: Vec<ArticleData<'a>>,
    entities: Vec<EntityData<'a>>,
    themes: Vec<ThemeData<'a>>,
}

#[derive(Serialize)]
struct ArticleData<'a> {
    id: &'a ArticleId,
    title: &'a str,
    path: String,
    source_file: String,
    date: Option<String>,
    author: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    paragraphs: usize,
    entities: Vec<&'a EntityId>,
    themes: Vec<&'a ThemeId>,
    related: Vec<&'a ArticleId>,
}

#[derive(Serialize)]
struct EntityData<'a> {
    id: &'a EntityId,
    name: &'a str,
    kind: &'a str,
    path: String,
    aliases: &'a [String],
    role: Option<&'a str>,
    articles: Vec<&'a ArticleId>,
    mentions: usize,
    mention_refs: Vec<MentionRef<'a>>,
}

/// Where an occurrence is: the article, its paragraph, and the words found.
#[derive(Serialize)]
struct MentionRef<'a> {
    article: &'a ArticleId,
    paragraph: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct ThemeData<'a> {
    id: &'a ThemeId,
    name: &'a str,
    path: String,
    summary: Option<&'a str>,
    keywords: &'a [String],
    articles: Vec<&'a ArticleId>,
    hits: usize,
    hit_refs: Vec<MentionRef<'a>>,
}

pub fn dossier_json(
    content: &Content,
    dossier: &Dossier,
    urls: Urls,
) -> Result<Vec<u8>, serde_json::Error> {
    let articles = content
        .articles
        .iter()
        .zip(&dossier.articles)
        .map(|(article, digest)| ArticleData {
            id: &article.id,
            title: &article.meta.title,
            path: urls.path(Page::Article(&article.id)),
            source_file: article.source.to_string_lossy().replace('\\', "/"),
            date: article.meta.date.map(|d| d.format("%Y-%m-%d").to_string()),
            author: article.meta.author.as_deref(),
            outlet: article.meta.outlet.as_deref(),
            url: article.meta.url.as_deref(),
            paragraphs: article.body.blocks.len(),
            entities: ids(&digest.entities),
            themes: ids(&digest.themes),
            related: digest.related.iter().map(|r| &r.article).collect(),
        })
        .collect();
    let entities = content
        .catalog
        .entities
        .iter()
        .zip(&dossier.entities)
        .map(|(entity, digest)| EntityData {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind.as_str(),
            path: urls.path(Page::Entity(&entity.id)),
            aliases: &entity.aliases,
            role: entity.role.as_deref(),
            articles: digest.articles.iter().map(|o| &o.article).collect(),
            mentions: digest.mentions,
            mention_refs: refs(&digest.articles),
        })
        .collect();
    let themes = content
        .catalog
        .themes
        .iter()
        .zip(&dossier.themes)
        .map(|(theme, digest)| ThemeData {
            id: &theme.id,
            name: &theme.name,
            path: urls.path(Page::Theme(&theme.id)),
            summary: theme.summary.as_deref(),
            keywords: &theme.keywords,
            articles: digest.articles.iter().map(|o| &o.article).collect(),
            hits: digest.hits,
            hit_refs: refs(&digest.articles),
        })
        .collect();
    let mut json = serde_json::to_vec_pretty(&DataFile {
        articles,
        entities,
        themes,
    })?;
    json.push(b'\n');
    Ok(json)
}

fn ids<Id>(tallies: &[Tally<Id>]) -> Vec<&Id> {
    tallies.iter().map(|t| &t.id).collect()
}

fn refs(occurrences: &[ArticleOccurrences]) -> Vec<MentionRef<'_>> {
    occurrences
        .iter()
        .flat_map(|o| &o.snippets)
        .map(|s| MentionRef {
            article: &s.at.article,
            paragraph: s.at.paragraph,
            text: &s.matched,
        })
        .collect()
}
