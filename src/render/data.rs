//! `dossier.json`: the aggregate as data for other tools. Field names are a public
//! interface documented in the README; add fields, never rename them.

use super::urls::{Page, Urls};
use crate::aggregate::{ArticleOccurrences, Dossier, Tally};
use crate::analyze::{Analysis, ArticleAnalysis, FigureKind};
use crate::ids::{ArticleId, EntityId, ThemeId};
use crate::load::{Article, Block, Content};
use serde::Serialize;
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::Write;

/// The file's top level; the long lists are `Records`.
#[derive(Serialize)]
struct DataFile<'a, Articles, Entities, Themes, Timeline, Comparisons> {
    articles: Articles,
    entities: Entities,
    themes: Themes,
    timeline: Timeline,
    figure_comparisons: Comparisons,
    new_names: Vec<NameData<'a>>,
}

#[derive(Serialize)]
struct QuoteData<'a> {
    text: Cow<'a, str>,
    speaker: Option<&'a EntityId>,
    cue: Option<&'a str>,
    paragraph: usize,
    /// Every paragraph the quotation covers.
    paragraphs: Vec<usize>,
}

#[derive(Serialize)]
struct EventData<'a> {
    phrase: &'a str,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a decade like `1950s`; null when unresolved.
    date: Option<String>,
    paragraph: usize,
}

#[derive(Serialize)]
struct FigureData<'a> {
    text: &'a str,
    kind: FigureKind,
    qualifier: Option<&'a str>,
    value: f64,
    counted: Option<&'a str>,
    measures: Option<&'a str>,
    paragraph: usize,
}

#[derive(Serialize)]
struct DuplicateData<'a> {
    original: &'a ArticleId,
    shared_percent: u8,
}

#[derive(Serialize)]
struct SourceRef<'a> {
    article: &'a ArticleId,
    paragraph: usize,
    phrase: &'a str,
}

#[derive(Serialize)]
struct TimelineData<'a> {
    date: String,
    sources: Vec<SourceRef<'a>>,
    entities: Vec<&'a EntityId>,
}

#[derive(Serialize)]
struct ComparisonData<'a> {
    topic: &'a str,
    kind: FigureKind,
    figures: Vec<FigureRef<'a>>,
}

#[derive(Serialize)]
struct FigureRef<'a> {
    article: &'a ArticleId,
    paragraph: usize,
    text: &'a str,
    value: f64,
}

#[derive(Serialize)]
struct NameData<'a> {
    name: &'a str,
    kind: &'a str,
    articles: &'a [ArticleId],
    count: usize,
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
    duplicate_of: Option<DuplicateData<'a>>,
    quotes: Vec<QuoteData<'a>>,
    events: Vec<EventData<'a>>,
    figures: Vec<FigureData<'a>>,
}

#[derive(Serialize)]
struct EntityData<'a> {
    id: &'a EntityId,
    name: &'a str,
    kind: &'a str,
    path: String,
    aliases: &'a [String],
    shared_aliases: &'a [String],
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

/// A JSON array whose records are made one at a time as they are written, so the
/// file's records are never all in memory beside the file itself.
struct Records<Items>(Cell<Option<Items>>);

impl<Items> Records<Items> {
    fn new(items: Items) -> Self {
        Records(Cell::new(Some(items)))
    }
}

impl<Items: Iterator<Item = Record>, Record: Serialize> Serialize for Records<Items> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.take() {
            Some(items) => serializer.collect_seq(items),
            None => Err(serde::ser::Error::custom(
                "a list of records is written once",
            )),
        }
    }
}

/// Each article's blocks, by id, to cut the words of a mention from.
type Texts<'a> = BTreeMap<&'a ArticleId, &'a [Block]>;

/// Writes `dossier.json` into `sink` as its records are made, so the file (150 MB
/// at 10,000 articles) is never held in memory.
pub fn write_dossier_json(
    content: &Content,
    analysis: &Analysis,
    dossier: &Dossier,
    urls: Urls,
    sink: &mut dyn Write,
) -> std::io::Result<()> {
    let texts: Texts<'_> = content
        .articles
        .iter()
        .map(|a| (&a.id, a.body.blocks.as_slice()))
        .collect();
    let articles = content
        .articles
        .iter()
        .zip(&dossier.articles)
        .zip(&analysis.articles)
        .map(|((article, digest), found)| ArticleData {
            id: &article.id,
            title: &article.meta.title,
            path: urls.path(Page::Article(&article.id)),
            source_file: article.source.to_string_lossy().replace('\\', "/"),
            date: article.meta.date.map(|d| d.to_string()),
            author: article.meta.author.as_deref(),
            outlet: article.meta.outlet.as_deref(),
            url: article.meta.url.as_deref(),
            paragraphs: article.body.blocks.len(),
            entities: ids(&digest.entities),
            themes: ids(&digest.themes),
            related: digest.related.iter().map(|r| &r.article).collect(),
            duplicate_of: digest.duplicate_of.as_ref().map(|d| DuplicateData {
                original: &d.original,
                shared_percent: d.shared_percent,
            }),
            quotes: quotes(article, found),
            events: events(article, found),
            figures: figures(article, found),
        });
    let entities =
        content
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
                shared_aliases: &entity.shared_aliases,
                role: entity.role.as_deref(),
                articles: digest.articles.iter().map(|o| &o.article).collect(),
                mentions: digest.mentions,
                mention_refs: refs(&digest.articles, &texts),
            });
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
            hit_refs: refs(&digest.articles, &texts),
        });
    let timeline = dossier.timeline.entries.iter().map(|entry| TimelineData {
        date: entry.date.machine(),
        sources: entry
            .sources
            .iter()
            .filter_map(|s| {
                Some(SourceRef {
                    article: s.article_id(content)?,
                    paragraph: s.paragraph,
                    phrase: s.phrase(content, analysis)?,
                })
            })
            .collect(),
        entities: entry.entities.iter().collect(),
    });
    let figure_comparisons = dossier.figures.comparisons.iter().map(|c| ComparisonData {
        topic: &c.topic,
        kind: c.kind,
        figures: c
            .figures
            .iter()
            .filter_map(|&i| {
                let cited = dossier.figures.all.get(i)?;
                let figure = cited.figure(analysis)?;
                Some(FigureRef {
                    article: &figure.at.article,
                    paragraph: figure.at.paragraph,
                    text: cited.text(content, analysis)?,
                    value: figure.value,
                })
            })
            .collect(),
    });
    let new_names = dossier
        .new_names
        .iter()
        .map(|n| NameData {
            name: &n.name,
            kind: n.kind.as_str(),
            articles: &n.articles,
            count: n.count,
        })
        .collect();
    serde_json::to_writer(
        &mut *sink,
        &DataFile {
            articles: Records::new(articles),
            entities: Records::new(entities),
            themes: Records::new(themes),
            timeline: Records::new(timeline),
            figure_comparisons: Records::new(figure_comparisons),
            new_names,
        },
    )?;
    sink.write_all(b"\n")
}

fn quotes<'a>(article: &'a Article, found: &'a ArticleAnalysis) -> Vec<QuoteData<'a>> {
    found
        .quotes
        .iter()
        .map(|q| QuoteData {
            text: q.text(article),
            speaker: q.speaker.as_ref(),
            cue: q.cue.as_deref().filter(|cue| !cue.is_empty()),
            paragraph: q.at.paragraph,
            paragraphs: q.parts.iter().map(|p| p.paragraph).collect(),
        })
        .collect()
}

fn events<'a>(article: &'a Article, found: &'a ArticleAnalysis) -> Vec<EventData<'a>> {
    found
        .events
        .iter()
        .filter_map(|e| {
            Some(EventData {
                phrase: e.phrase(article)?,
                date: e.date.map(|d| d.machine()),
                paragraph: e.at.paragraph,
            })
        })
        .collect()
}

fn figures<'a>(article: &'a Article, found: &'a ArticleAnalysis) -> Vec<FigureData<'a>> {
    found
        .figures
        .iter()
        .filter_map(|f| {
            Some(FigureData {
                text: f.text(article)?,
                kind: f.kind,
                qualifier: f.qualifier.as_deref(),
                value: f.value,
                counted: f.counted.as_deref(),
                measures: f.measures.as_deref(),
                paragraph: f.at.paragraph,
            })
        })
        .collect()
}

fn ids<Id>(tallies: &[Tally<Id>]) -> Vec<&Id> {
    tallies.iter().map(|t| &t.id).collect()
}

fn refs<'a>(occurrences: &'a [ArticleOccurrences], texts: &Texts<'a>) -> Vec<MentionRef<'a>> {
    occurrences
        .iter()
        .flat_map(|o| o.places.iter().map(move |place| (&o.article, place)))
        .filter_map(|(article, place)| {
            let blocks = texts.get(article)?;
            let block = blocks.get(place.paragraph.checked_sub(1)?)?;
            Some(MentionRef {
                article,
                paragraph: place.paragraph,
                text: block.text.get(place.span.clone())?,
            })
        })
        .collect()
}
