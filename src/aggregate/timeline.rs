//! The timeline: dated statements from every article in date order, the same event
//! reported by several articles merged into one entry that cites them all.
//!
//! Two statements are one entry when they fall on the same day, or on the same
//! coarser date (month, year, decade) and name at least one entity in common: "since
//! 2017" about Putin's visit to Vietnam in two articles is one event; "in 2022" about
//! trade and "the 2022 invasion" are two.

use crate::analyze::{Analysis, DatedEvent, TimePoint};
use crate::ids::{EntityId, ParagraphRef, ThemeId};
use crate::load::Content;
use std::collections::{BTreeMap, BTreeSet};

/// One dated statement as a source of a timeline entry.
#[derive(Debug, Clone)]
pub struct EventSource {
    pub at: ParagraphRef,
    pub phrase: String,
    pub sentence: String,
    /// Entities named in the sentence.
    pub entities: BTreeSet<EntityId>,
    /// Themes whose keywords occur in the paragraph.
    pub themes: BTreeSet<ThemeId>,
}

#[derive(Debug, Clone)]
pub struct TimelineEntry {
    pub date: TimePoint,
    /// In article order, then paragraph order.
    pub sources: Vec<EventSource>,
    /// Entities named in the sources' sentences, by id.
    pub entities: BTreeSet<EntityId>,
}

impl TimelineEntry {
    pub fn touches_theme(&self, theme: &ThemeId) -> bool {
        self.sources.iter().any(|s| s.themes.contains(theme))
    }
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
    let mut by_date: BTreeMap<(i32, u32, u32, u8), Vec<TimelineEntry>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for (article, found) in content.articles.iter().zip(&analysis.articles) {
        let themes_at = themes_by_paragraph(found);
        for event in &found.events {
            let Some(block) = article.body.blocks.get(event.at.paragraph - 1) else {
                continue;
            };
            let source = EventSource {
                at: event.at.clone(),
                phrase: event.phrase.clone(),
                sentence: block
                    .text
                    .get(event.sentence.clone())
                    .unwrap_or_default()
                    .to_owned(),
                entities: entities_in_sentence(found, event),
                themes: themes_at
                    .get(&event.at.paragraph)
                    .cloned()
                    .unwrap_or_default(),
            };
            let Some(date) = event.date else {
                unplaced.push(UnplacedEvent { source });
                continue;
            };
            let entry = TimelineEntry {
                date,
                entities: source.entities.clone(),
                sources: vec![source],
            };
            merge(by_date.entry(date.sort_key()).or_default(), entry);
        }
    }
    Timeline {
        entries: by_date.into_values().flatten().collect(),
        unplaced,
    }
}

/// Adds `entry` to the entries of its date, merging every entry it shares an event
/// with (which may join two that were apart).
fn merge(entries: &mut Vec<TimelineEntry>, mut entry: TimelineEntry) {
    let same_day = matches!(entry.date, TimePoint::Day(_));
    let mut index = 0;
    while index < entries.len() {
        let shares = same_day || !entries[index].entities.is_disjoint(&entry.entities);
        if shares {
            let other = entries.remove(index);
            entry.sources.extend(other.sources);
            entry.entities.extend(other.entities);
        } else {
            index += 1;
        }
    }
    entry.sources.sort_by(|a, b| a.at.cmp(&b.at));
    entries.push(entry);
    entries.sort_by(|a, b| a.sources[0].at.cmp(&b.sources[0].at));
}

fn entities_in_sentence(
    found: &crate::analyze::ArticleAnalysis,
    event: &DatedEvent,
) -> BTreeSet<EntityId> {
    found
        .mentions
        .iter()
        .filter(|m| {
            m.at == event.at
                && m.span.start >= event.sentence.start
                && m.span.end <= event.sentence.end
        })
        .map(|m| m.entity.clone())
        .collect()
}

fn themes_by_paragraph(
    found: &crate::analyze::ArticleAnalysis,
) -> BTreeMap<usize, BTreeSet<ThemeId>> {
    let mut themes: BTreeMap<usize, BTreeSet<ThemeId>> = BTreeMap::new();
    for hit in &found.theme_hits {
        themes
            .entry(hit.at.paragraph)
            .or_default()
            .insert(hit.theme.clone());
    }
    themes
}
