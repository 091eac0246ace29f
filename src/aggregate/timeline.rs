//! The timeline: dated statements from every article in date order, the same event
//! reported by several articles merged into one entry that cites them all.
//!
//! Two statements are one entry when they fall on the same day, or on the same
//! coarser date (month, year, decade) and name at least one entity in common: "since
//! 2017" about Putin's visit to Vietnam in two articles is one event; "in 2022" about
//! trade and "the 2022 invasion" are two.

use super::union_find::UnionFind;
use crate::analyze::events::ChronologicalKey;
use crate::analyze::{Analysis, DatedEvent, EntityMention, ThemeHit, TimePoint};
use crate::ids::{ArticleId, EntityId, ThemeId};
use crate::load::Content;
use std::collections::BTreeMap;

/// One dated statement as a source of a timeline entry: `events[event]` of the
/// analysis of `Content::articles[article]`, where pages take its phrase and
/// sentence (the aggregate holds no copies of the text).
#[derive(Debug, Clone)]
pub struct EventSource {
    /// Index into `Content::articles` (and `Analysis::articles`).
    pub article: usize,
    /// Index into the article's `ArticleAnalysis::events`.
    pub event: usize,
    /// The statement's paragraph (from 1).
    pub paragraph: usize,
}

impl EventSource {
    pub fn article_id<'a>(&self, content: &'a Content) -> Option<&'a ArticleId> {
        content
            .articles
            .get(self.article)
            .map(|article| &article.id)
    }

    /// Article order (which is id order), then paragraph order.
    fn place(&self) -> (usize, usize) {
        (self.article, self.paragraph)
    }

    pub fn event<'a>(&self, analysis: &'a Analysis) -> Option<&'a DatedEvent> {
        analysis.articles.get(self.article)?.events.get(self.event)
    }

    // The entities and themes of a statement are read from the analysis when asked
    // for, not kept: two lists per statement added 137 MiB to the peak memory of a
    // 100,000-article build.

    /// The mentions in the sentence the statement dates.
    fn mentions<'a>(&self, analysis: &'a Analysis) -> impl Iterator<Item = &'a EntityMention> {
        let found = analysis.articles.get(self.article);
        let sentence = found
            .and_then(|found| found.events.get(self.event))
            .map_or(0..0, |event| event.sentence.clone());
        let mentions = found.map_or(&[][..], |found| found.mentions.as_slice());
        let start = mentions.partition_point(|m| m.paragraph < self.paragraph);
        mentions[start..]
            .iter()
            .take_while(|m| m.paragraph == self.paragraph)
            .filter(move |m| m.span.start >= sentence.start && m.span.end <= sentence.end)
    }

    /// The theme hits in the statement's paragraph.
    fn theme_hits<'a>(&self, analysis: &'a Analysis) -> impl Iterator<Item = &'a ThemeHit> {
        let hits = analysis
            .articles
            .get(self.article)
            .map_or(&[][..], |found| found.theme_hits.as_slice());
        let start = hits.partition_point(|h| h.paragraph < self.paragraph);
        hits[start..]
            .iter()
            .take_while(|h| h.paragraph == self.paragraph)
    }

    /// Entities named in the sentence, sorted, without repeats.
    pub fn entities<'a>(&self, analysis: &'a Analysis) -> Vec<&'a EntityId> {
        sorted_once(self.mentions(analysis).map(|m| &m.entity))
    }

    /// Themes whose keywords occur in the paragraph, sorted, without repeats.
    pub fn themes<'a>(&self, analysis: &'a Analysis) -> Vec<&'a ThemeId> {
        sorted_once(self.theme_hits(analysis).map(|h| &h.theme))
    }

    /// The date phrase as written.
    pub fn phrase<'a>(&self, content: &'a Content, analysis: &Analysis) -> Option<&'a str> {
        let event = self.event(analysis)?;
        super::text_at(content, self.article, event.paragraph, &event.span)
    }

    /// The sentence the statement dates.
    pub fn sentence<'a>(&self, content: &'a Content, analysis: &Analysis) -> Option<&'a str> {
        let event = self.event(analysis)?;
        super::text_at(content, self.article, event.paragraph, &event.sentence)
    }
}

#[derive(Debug, Clone)]
pub struct TimelineEntry {
    pub date: TimePoint,
    /// In article order, then paragraph order.
    pub sources: Vec<EventSource>,
    /// Entities named in the sources' sentences, sorted.
    pub entities: Vec<EntityId>,
}

/// Statements whose date is relative to a publication date the article lacks.
#[derive(Debug, Clone)]
pub struct UnplacedEvent {
    pub source: EventSource,
}

#[derive(Debug, Clone)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    pub unplaced: Vec<UnplacedEvent>,
}

pub fn timeline(content: &Content, analysis: &Analysis) -> Timeline {
    let mut by_date: BTreeMap<ChronologicalKey, (TimePoint, Vec<EventSource>)> = BTreeMap::new();
    let mut unplaced = Vec::new();
    let analysed = content.articles.iter().zip(&analysis.articles);
    for (article_index, (article, found)) in analysed.enumerate() {
        for (event_index, event) in found.events.iter().enumerate() {
            if article.body.blocks.get(event.paragraph - 1).is_none() {
                continue;
            }
            let source = EventSource {
                article: article_index,
                event: event_index,
                paragraph: event.paragraph,
            };
            match event.date {
                Some(date) => by_date
                    .entry(date.sort_key())
                    .or_insert_with(|| (date, Vec::new()))
                    .1
                    .push(source),
                None => unplaced.push(UnplacedEvent { source }),
            }
        }
    }
    let entries = by_date
        .into_values()
        .flat_map(|(date, sources)| entries_of_date(date, sources, analysis))
        .collect();
    Timeline { entries, unplaced }
}

/// One date's statements as entries: all of them for a day; for a coarser date,
/// those linked by entities they name, through an index from entity to statement.
fn entries_of_date(
    date: TimePoint,
    sources: Vec<EventSource>,
    analysis: &Analysis,
) -> Vec<TimelineEntry> {
    let mut groups = UnionFind::new(sources.len());
    if matches!(date, TimePoint::Day(_)) {
        for index in 1..sources.len() {
            groups.join(0, index);
        }
    } else {
        let mut first_naming: BTreeMap<&EntityId, usize> = BTreeMap::new();
        for (index, source) in sources.iter().enumerate() {
            for entity in source.entities(analysis) {
                let first = *first_naming.entry(entity).or_insert(index);
                groups.join(first, index);
            }
        }
    }
    let mut by_group: BTreeMap<usize, Vec<EventSource>> = BTreeMap::new();
    let roots: Vec<usize> = (0..sources.len()).map(|i| groups.root(i)).collect();
    for (source, root) in sources.into_iter().zip(roots) {
        by_group.entry(root).or_default().push(source);
    }
    let mut entries: Vec<TimelineEntry> = by_group
        .into_values()
        .map(|mut sources| {
            sources.sort_by_key(EventSource::place);
            let mut entities: Vec<EntityId> = sources
                .iter()
                .flat_map(|s| s.entities(analysis))
                .cloned()
                .collect();
            entities.sort_unstable();
            entities.dedup();
            TimelineEntry {
                date,
                entities,
                sources,
            }
        })
        .collect();
    entries.sort_by_key(|entry| entry.sources[0].place());
    entries
}

fn sorted_once<'a, Id: Ord>(ids: impl Iterator<Item = &'a Id>) -> Vec<&'a Id> {
    let mut ids: Vec<&Id> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
