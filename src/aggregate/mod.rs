//! Stage 4, aggregate: turns per-article findings into the dossier's cross-article
//! view. Takes `Content` and `Analysis`, returns `Dossier`: pure data, no HTML.
//! Invariant: every list is in a deterministic order (count descending, then id).

mod duplicates;
mod figures;
mod names;
mod quotes;
mod related;
mod snippet;
mod timeline;
mod union_find;

use crate::analyze::{Analysis, ArticleAnalysis};
use crate::ids::{ArticleId, EntityId, ParagraphRef, ThemeId};
use crate::load::Content;
pub use duplicates::DuplicateOf;
pub use figures::{CitedFigure, FigureComparison, Figures};
pub use names::NameSuggestion;
pub use quotes::{QuoteRef, SpeakerQuotes};
use rayon::prelude::*;
pub use related::RelatedArticle;
pub use snippet::Snippet;
use std::collections::BTreeMap;
use std::ops::Range;
pub use timeline::{EventSource, Timeline, TimelineEntry, UnplacedEvent};

/// The cross-article view; each list is parallel to its `Content` counterpart.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub entities: Vec<EntityDigest>,
    pub themes: Vec<ThemeDigest>,
    pub articles: Vec<ArticleDigest>,
    /// Named speakers, most quoted first, then the unattributed quotations.
    pub quotes: Vec<SpeakerQuotes>,
    pub timeline: Timeline,
    pub figures: Figures,
    /// Names the catalog lacks, most widespread first.
    pub new_names: Vec<NameSuggestion>,
}

/// How often something occurs, for ranked lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally<Id> {
    pub id: Id,
    pub count: usize,
}

/// Where in an article something occurs: its paragraph and the byte range of the
/// words found in that paragraph's text. Pages cut their context from the article
/// when they show it, so the aggregate holds no copies of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub paragraph: usize,
    pub span: Range<usize>,
}

/// One article's occurrences of an entity or theme. Their places are read from the
/// article's analysis when asked for, not kept: a list per entity and article
/// added 146 MiB to the peak memory of a 100,000-article build.
#[derive(Debug, Clone)]
pub struct ArticleOccurrences {
    pub article: ArticleId,
    /// Index into `Content::articles` (and `Analysis::articles`).
    pub index: usize,
    /// Read through `count()`.
    count: usize,
}

/// What occurrences are of.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    Entity(&'a EntityId),
    Theme(&'a ThemeId),
}

impl ArticleOccurrences {
    pub fn count(&self) -> usize {
        self.count
    }

    /// Where `subject` occurs in the article, in text order.
    pub fn places<'a>(
        &self,
        analysis: &'a Analysis,
        subject: Subject<'a>,
    ) -> Box<dyn Iterator<Item = Place> + 'a> {
        let Some(found) = analysis.articles.get(self.index) else {
            return Box::new(std::iter::empty());
        };
        let place = |paragraph: usize, span: &Range<usize>| Place {
            paragraph,
            span: span.clone(),
        };
        match subject {
            Subject::Entity(id) => Box::new(
                found
                    .mentions
                    .iter()
                    .filter(move |m| &m.entity == id)
                    .map(move |m| place(m.paragraph, &m.span)),
            ),
            Subject::Theme(id) => Box::new(
                found
                    .theme_hits
                    .iter()
                    .filter(move |h| &h.theme == id)
                    .map(move |h| place(h.paragraph, &h.span)),
            ),
        }
    }
}

#[derive(Debug, Clone)]
pub struct EntityDigest {
    pub entity: EntityId,
    pub mentions: usize,
    /// Ranked by mentions.
    pub articles: Vec<ArticleOccurrences>,
    /// Other entities, counted by the articles they share with this one.
    pub co_mentioned: Vec<Tally<EntityId>>,
    /// Themes, counted by the articles they share with this entity.
    pub themes: Vec<Tally<ThemeId>>,
    /// What this entity is quoted as saying, in article order.
    pub quotes: Vec<QuoteRef>,
    /// The timeline entries that name this entity, in timeline order.
    pub timeline: Vec<EntryShare>,
}

/// A timeline entry some of whose sources speak of one entity or theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryShare {
    /// Index into `Dossier::timeline.entries`.
    pub entry: usize,
    /// Indexes into the entry's `sources` of those that speak of it, in order: found
    /// once here, since a date many articles mention has thousands of sources and a
    /// page shows a dozen of those about its entity or theme.
    pub sources: Box<[usize]>,
}

#[derive(Debug, Clone)]
pub struct ThemeDigest {
    pub theme: ThemeId,
    pub hits: usize,
    /// Ranked by hits.
    pub articles: Vec<ArticleOccurrences>,
    /// The paragraphs with the most hits, best first.
    pub key_passages: Vec<KeyPassage>,
    /// Entities, counted by their mentions in paragraphs that hit this theme.
    pub entities: Vec<Tally<EntityId>>,
    /// The timeline entries with statements in paragraphs that hit this theme, in
    /// timeline order.
    pub timeline: Vec<EntryShare>,
    /// Indexes into `Dossier::figures.all` from paragraphs that hit this theme.
    pub figures: Vec<usize>,
}

/// A paragraph that speaks of a theme.
#[derive(Debug, Clone)]
pub struct KeyPassage {
    pub at: ParagraphRef,
    pub hits: usize,
    pub excerpt: String,
}

#[derive(Debug, Clone)]
pub struct ArticleDigest {
    pub article: ArticleId,
    pub entities: Vec<Tally<EntityId>>,
    pub themes: Vec<Tally<ThemeId>>,
    pub related: Vec<RelatedArticle>,
    /// Set when this article repeats an earlier one; it then counts for nothing in
    /// rankings.
    pub duplicate_of: Option<DuplicateOf>,
}

/// The text at `range` in paragraph `paragraph` (from 1) of
/// `Content::articles[article]`: where findings held by index get their words.
fn text_at<'a>(
    content: &'a Content,
    article: usize,
    paragraph: usize,
    range: &Range<usize>,
) -> Option<&'a str> {
    content.articles.get(article)?.text_at(paragraph, range)
}

const KEY_PASSAGES: usize = 8;
const PASSAGE_CHARS: usize = 320;

/// Where an entity or theme occurs: the article's index (articles are sorted by id,
/// so index order is id order, and comparing indexes is cheaper than comparing ids),
/// and the paragraph. Grouped in one pass over the analysis, so each entity's or
/// theme's occurrences are in article order.
#[derive(Clone, Copy)]
struct Occurrence {
    article: usize,
    paragraph: usize,
}

/// The articles that copy another (`ArticleDigest::duplicate_of`), by index: they
/// count for nothing in rankings, quotations, figures and suggestions.
pub struct Copies(Vec<bool>);

impl Copies {
    fn of(digests: &[ArticleDigest]) -> Self {
        Copies(digests.iter().map(|d| d.duplicate_of.is_some()).collect())
    }

    pub fn contains(&self, article: usize) -> bool {
        self.0.get(article).copied().unwrap_or(false)
    }
}

/// `shingles` are the articles' (`Analysis::take_shingles`), dropped once
/// near-duplicates are found.
pub fn aggregate(content: &Content, analysis: &Analysis, shingles: Vec<Vec<u64>>) -> Dossier {
    let mut digests: Vec<ArticleDigest> = analysis
        .articles
        .iter()
        .zip(duplicates::near_duplicates(content, shingles))
        .map(|(found, duplicate_of)| article_digest(found, duplicate_of))
        .collect();
    let related = related::related_articles(&digests);
    for (digest, related) in digests.iter_mut().zip(related) {
        digest.related = related;
    }
    let copies = Copies::of(&digests);
    // The cross-article findings are independent of each other: built side by side.
    let ((timeline, figures), (quotes, new_names)) = rayon::join(
        || {
            rayon::join(
                || timeline::timeline(content, analysis),
                || figures::figures(content, analysis, &copies),
            )
        },
        || {
            rayon::join(
                || quotes::quotes_by_speaker(analysis, &copies),
                || names::name_suggestions(content, analysis, &copies),
            )
        },
    );
    // Entities, then themes: the indexes each needs are made and dropped in turn,
    // so memory never holds both sets at once.
    let entities = entity_digests(content, analysis, &digests, &copies, &quotes, &timeline);
    let themes = theme_digests(content, analysis, &copies, &timeline, &figures);
    Dossier {
        entities,
        themes,
        articles: digests,
        quotes,
        timeline,
        figures,
        new_names,
    }
}

fn entity_digests(
    content: &Content,
    analysis: &Analysis,
    digests: &[ArticleDigest],
    copies: &Copies,
    quotes: &[SpeakerQuotes],
    timeline: &Timeline,
) -> Vec<EntityDigest> {
    let mentions = occurrences_by(analysis, |found| {
        found.mentions.iter().map(|m| (&m.entity, m.paragraph))
    });
    let mut carrying: BTreeMap<&EntityId, Vec<&ArticleDigest>> = BTreeMap::new();
    for digest in digests.iter().filter(|d| d.duplicate_of.is_none()) {
        for tally in &digest.entities {
            carrying.entry(&tally.id).or_default().push(digest);
        }
    }
    let entries = entries_by(&timeline.entries, |source| source.entities(analysis));
    content
        .catalog
        .entities
        .par_iter()
        .map(|entity| {
            let found = mentions.get(&entity.id).map_or(&[][..], Vec::as_slice);
            let sharing = carrying.get(&entity.id).map_or(&[][..], Vec::as_slice);
            let mut digest = entity_digest(content, &entity.id, found, sharing, copies);
            digest.quotes = quotes
                .iter()
                .find(|group| group.speaker.as_ref() == Some(&entity.id))
                .map(|group| group.quotes.clone())
                .unwrap_or_default();
            digest.timeline = entries.get(&entity.id).cloned().unwrap_or_default();
            digest
        })
        .collect()
}

fn theme_digests(
    content: &Content,
    analysis: &Analysis,
    copies: &Copies,
    timeline: &Timeline,
    figures: &Figures,
) -> Vec<ThemeDigest> {
    let hits = occurrences_by(analysis, |found| {
        found.theme_hits.iter().map(|h| (&h.theme, h.paragraph))
    });
    let lookup = ParagraphLookup {
        content,
        analysis,
        figures: &figures.all,
    };
    let entries = entries_by(&timeline.entries, |source| source.themes(analysis));
    content
        .catalog
        .themes
        .par_iter()
        .map(|theme| {
            let found = hits.get(&theme.id).map_or(&[][..], Vec::as_slice);
            let mut digest = theme_digest(&theme.id, found, &lookup, copies);
            digest.timeline = entries.get(&theme.id).cloned().unwrap_or_default();
            let mut in_paragraphs: Vec<usize> = paragraphs(found.iter())
                .flat_map(|(article, paragraph)| lookup.figures(article, paragraph))
                .collect();
            in_paragraphs.sort_unstable();
            digest.figures = in_paragraphs;
            digest
        })
        .collect()
}

/// Every article's findings of one kind (`found` lists an analysis's as key and
/// place), grouped by key, each group in article and reading order.
fn occurrences_by<'a, Id: Ord + 'a, Found: Iterator<Item = (&'a Id, usize)>>(
    analysis: &'a Analysis,
    found: impl Fn(&'a ArticleAnalysis) -> Found,
) -> BTreeMap<&'a Id, Vec<Occurrence>> {
    let mut by_key: BTreeMap<&Id, Vec<Occurrence>> = BTreeMap::new();
    for (article, analysed) in analysis.articles.iter().enumerate() {
        for (key, paragraph) in found(analysed) {
            by_key
                .entry(key)
                .or_default()
                .push(Occurrence { article, paragraph });
        }
    }
    by_key
}

/// For each key, the timeline entries with sources that carry it (`keys` lists a
/// source's, without repeats), in entry order: one pass over the timeline instead
/// of one per entity or theme.
fn entries_by<'t, Id: Ord + 't>(
    entries: &[TimelineEntry],
    keys: impl Fn(&EventSource) -> Vec<&'t Id>,
) -> BTreeMap<&'t Id, Vec<EntryShare>> {
    let mut index: BTreeMap<&Id, Vec<EntryShare>> = BTreeMap::new();
    for (entry, in_entry) in entries.iter().enumerate() {
        let mut sources: BTreeMap<&Id, Vec<usize>> = BTreeMap::new();
        for (position, source) in in_entry.sources.iter().enumerate() {
            for key in keys(source) {
                sources.entry(key).or_default().push(position);
            }
        }
        for (key, sources) in sources {
            index.entry(key).or_default().push(EntryShare {
                entry,
                sources: sources.into_boxed_slice(),
            });
        }
    }
    index
}

fn article_digest(found: &ArticleAnalysis, duplicate_of: Option<DuplicateOf>) -> ArticleDigest {
    ArticleDigest {
        article: found.article.clone(),
        entities: ranked(found.mentions.iter().map(|m| &m.entity)),
        themes: ranked(found.theme_hits.iter().map(|h| &h.theme)),
        related: Vec::new(),
        duplicate_of,
    }
}

/// What stands in one paragraph, found through its article's analysis (whose
/// findings are in reading order) and the cited figures (in article order) by
/// binary search, rather than through maps of every paragraph: at 100,000 articles
/// those maps were 300 MiB.
struct ParagraphLookup<'a> {
    content: &'a Content,
    analysis: &'a Analysis,
    figures: &'a [CitedFigure],
}

impl<'a> ParagraphLookup<'a> {
    /// The entities mentioned in paragraph `paragraph` of article `article` (by
    /// index), once per mention.
    fn entities(
        &self,
        article: usize,
        paragraph: usize,
    ) -> impl Iterator<Item = &'a EntityId> + use<'a> {
        let mentions = self
            .analysis
            .articles
            .get(article)
            .map_or(&[][..], |found| found.mentions.as_slice());
        let start = mentions.partition_point(|m| m.paragraph < paragraph);
        mentions[start..]
            .iter()
            .take_while(move |m| m.paragraph == paragraph)
            .map(|m| &m.entity)
    }

    /// The indexes (into `Figures::all`) of the figures cited from the paragraph.
    fn figures(&self, article: usize, paragraph: usize) -> Vec<usize> {
        let start = self
            .figures
            .partition_point(|cited| cited.article < article);
        self.figures[start..]
            .iter()
            .take_while(|cited| cited.article == article)
            .enumerate()
            .filter(|(_, cited)| {
                cited
                    .figure(self.analysis)
                    .is_some_and(|figure| figure.paragraph == paragraph)
            })
            .map(|(offset, _)| start + offset)
            .collect()
    }
}

fn entity_digest(
    content: &Content,
    entity: &EntityId,
    found: &[Occurrence],
    sharing: &[&ArticleDigest],
    copies: &Copies,
) -> EntityDigest {
    let occurrences = occurrences(content, found, copies);
    let co_mentioned = ranked(
        sharing
            .iter()
            .flat_map(|d| d.entities.iter().map(|t| &t.id))
            .filter(|id| *id != entity),
    );
    let themes = ranked(sharing.iter().flat_map(|d| d.themes.iter().map(|t| &t.id)));
    EntityDigest {
        entity: entity.clone(),
        mentions: originals(found, copies).count(),
        articles: occurrences,
        co_mentioned,
        themes,
        quotes: Vec::new(),
        timeline: Vec::new(),
    }
}

fn theme_digest(
    theme: &ThemeId,
    found: &[Occurrence],
    lookup: &ParagraphLookup<'_>,
    copies: &Copies,
) -> ThemeDigest {
    let occurrences = occurrences(lookup.content, found, copies);
    let entities = ranked(
        paragraphs(originals(found, copies))
            .flat_map(|(article, paragraph)| lookup.entities(article, paragraph)),
    );
    ThemeDigest {
        theme: theme.clone(),
        hits: originals(found, copies).count(),
        key_passages: key_passages(lookup.content, found, copies),
        articles: occurrences,
        entities,
        timeline: Vec::new(),
        figures: Vec::new(),
    }
}

/// Occurrences outside articles that copy another: what rankings count.
fn originals<'f>(
    found: &'f [Occurrence],
    copies: &'f Copies,
) -> impl Iterator<Item = &'f Occurrence> {
    found.iter().filter(|o| !copies.contains(o.article))
}

/// The distinct paragraphs, as (article index, paragraph), of occurrences in
/// article and reading order.
fn paragraphs<'f>(
    found: impl Iterator<Item = &'f Occurrence>,
) -> impl Iterator<Item = (usize, usize)> {
    let mut last = None;
    found.filter_map(move |o| {
        let here = Some((o.article, o.paragraph));
        (here != last).then(|| {
            last = here;
            (o.article, o.paragraph)
        })
    })
}

/// Occurrences grouped by article, ranked by count; copies of other articles come
/// last, and ties go by id (by index: the articles are sorted by id).
fn occurrences(
    content: &Content,
    found: &[Occurrence],
    copies: &Copies,
) -> Vec<ArticleOccurrences> {
    let mut grouped: Vec<(usize, usize)> = found
        .chunk_by(|a, b| a.article == b.article)
        .map(|in_article| (in_article[0].article, in_article.len()))
        .collect();
    grouped.sort_by(|(a, x), (b, y)| {
        copies
            .contains(*a)
            .cmp(&copies.contains(*b))
            .then(y.cmp(x))
            .then(a.cmp(b))
    });
    grouped
        .into_iter()
        .filter_map(|(index, count)| {
            Some(ArticleOccurrences {
                article: content.articles.get(index)?.id.clone(),
                index,
                count,
            })
        })
        .collect()
}

/// The paragraphs with the most occurrences outside copies, best first (ties in
/// article and reading order).
fn key_passages(content: &Content, found: &[Occurrence], copies: &Copies) -> Vec<KeyPassage> {
    let places: Vec<(usize, usize)> = originals(found, copies)
        .map(|o| (o.article, o.paragraph))
        .collect();
    let mut per_paragraph: Vec<((usize, usize), usize)> = places
        .chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len()))
        .collect();
    per_paragraph.sort_by(|(a, x), (b, y)| y.cmp(x).then(a.cmp(b)));
    per_paragraph
        .into_iter()
        .take(KEY_PASSAGES)
        .filter_map(|((article, paragraph), hits)| {
            let article = content.articles.get(article)?;
            let block = article.body.blocks.get(paragraph.checked_sub(1)?)?;
            Some(KeyPassage {
                excerpt: snippet::excerpt(&block.text, PASSAGE_CHARS),
                hits,
                at: ParagraphRef {
                    article: article.id.clone(),
                    paragraph,
                },
            })
        })
        .collect()
}

/// Counts each id and ranks: most frequent first, ties by id.
fn ranked<'a, Id: Ord + Clone + 'a>(ids: impl Iterator<Item = &'a Id>) -> Vec<Tally<Id>> {
    let mut counts: BTreeMap<&Id, usize> = BTreeMap::new();
    for id in ids {
        *counts.entry(id).or_default() += 1;
    }
    let mut tallies: Vec<Tally<Id>> = counts
        .into_iter()
        .map(|(id, count)| Tally {
            id: id.clone(),
            count,
        })
        .collect();
    tallies.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
    tallies
}
