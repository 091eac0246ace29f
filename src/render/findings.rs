//! Views of what the analysis found beyond mentions: quotations, the timeline and key
//! figures, for their own pages and for the slices shown on entity, theme and
//! article pages.

use super::Site;
use super::urls::{Linker, Page};
use super::views::*;
use crate::aggregate::{CitedFigure, EventSource, FigureComparison, TimelineEntry};
use crate::analyze::Quotation;
use crate::ids::{ArticleId, EntityId};
use std::collections::BTreeMap;

/// How much of each list a page shows, so pages stay readable (and small) as the
/// dossier grows; every list says how many items it has, and `dossier.json` has them
/// all.
pub(super) mod shown {
    pub const INDEX_FIGURES: usize = 12;
    pub const INDEX_COMPARISONS: usize = 4;
    pub const COMPARISON_FIGURES: usize = 8;
    pub const FIGURES_PAGE: usize = 1000;
    pub const FIGURES_PAGE_COMPARISON: usize = 40;
    pub const QUOTES_PER_SPEAKER: usize = 50;
    pub const SOURCES_PER_ENTRY: usize = 12;
    pub const SLICE_ENTRIES: usize = 60;
    pub const SLICE_FIGURES: usize = 40;
    pub const SLICE_QUOTES: usize = 50;
    pub const ARTICLES_IN_CONTEXT: usize = 50;
    pub const SNIPPETS_PER_ARTICLE: usize = 6;
    pub const ARTICLES_LISTED: usize = 1000;
}

impl<'a> Site<'a> {
    pub(super) fn entity_link(&self, id: &EntityId, linker: &Linker) -> Option<LinkView<'a>> {
        let (entity, _) = self.entities.get(id)?;
        Some(LinkView {
            name: &entity.name,
            href: linker.to(Page::Entity(&entity.id)),
        })
    }

    pub(super) fn quote_views(
        &self,
        quotes: &'a [Quotation],
        linker: &Linker,
    ) -> Vec<QuoteView<'a>> {
        quotes
            .iter()
            .filter_map(|quote| {
                Some(QuoteView {
                    text: &quote.text,
                    speaker: quote
                        .speaker
                        .as_ref()
                        .and_then(|id| self.entity_link(id, linker)),
                    cue: quote.cue.as_deref().filter(|cue| !cue.is_empty()),
                    article: self.article_row(&quote.at.article, linker)?,
                    href: linker.to_paragraph(&quote.at.article, quote.at.paragraph),
                    paragraph: quote.at.paragraph,
                })
            })
            .collect()
    }

    pub(super) fn quotes_view(&self) -> QuotesPageView<'a> {
        let linker = self.linker(Page::Quotes);
        let groups: Vec<SpeakerQuotesView<'a>> = self
            .dossier
            .quotes
            .iter()
            .map(|group| SpeakerQuotesView {
                speaker: group
                    .speaker
                    .as_ref()
                    .and_then(|id| self.entity_link(id, &linker)),
                count: group.quotes.len(),
                quotes: self.quote_views(first(&group.quotes, shown::QUOTES_PER_SPEAKER), &linker),
            })
            .collect();
        QuotesPageView {
            count: groups.iter().map(|g| g.count).sum(),
            groups,
        }
    }

    fn event_source(
        &self,
        source: &'a EventSource,
        linker: &Linker,
    ) -> Option<EventSourceView<'a>> {
        Some(EventSourceView {
            phrase: &source.phrase,
            sentence: &source.sentence,
            article: self.article_row(&source.at.article, linker)?,
            href: linker.to_paragraph(&source.at.article, source.at.paragraph),
            paragraph: source.at.paragraph,
        })
    }

    /// Timeline entries by index, each with the sources that pass `keep`: an entity's
    /// or a theme's slice cites only the statements about it.
    pub(super) fn timeline_entries(
        &self,
        indexes: impl Iterator<Item = usize>,
        keep: &dyn Fn(&EventSource) -> bool,
        linker: &Linker,
    ) -> Vec<TimelineEntryView<'a>> {
        indexes
            .filter_map(|index| self.dossier.timeline.entries.get(index))
            .map(|entry: &'a TimelineEntry| TimelineEntryView {
                date: entry.date.machine(),
                label: entry.date.to_string(),
                sources: entry
                    .sources
                    .iter()
                    .filter(|s| keep(s))
                    .take(shown::SOURCES_PER_ENTRY)
                    .filter_map(|s| self.event_source(s, linker))
                    .collect(),
                more_sources: entry
                    .sources
                    .iter()
                    .filter(|s| keep(s))
                    .count()
                    .saturating_sub(shown::SOURCES_PER_ENTRY),
                entities: entry
                    .entities
                    .iter()
                    .filter_map(|id| self.entity_link(id, linker))
                    .collect(),
            })
            .collect()
    }

    pub(super) fn timeline_view(&self) -> TimelinePageView<'a> {
        let linker = self.linker(Page::Timeline);
        let entries =
            self.timeline_entries(0..self.dossier.timeline.entries.len(), &|_| true, &linker);
        let mut by_article: BTreeMap<&ArticleId, Vec<EventSourceView<'a>>> = BTreeMap::new();
        for event in &self.dossier.timeline.unplaced {
            if let Some(view) = self.event_source(&event.source, &linker) {
                by_article
                    .entry(&event.source.at.article)
                    .or_default()
                    .push(view);
            }
        }
        let unplaced = by_article
            .into_iter()
            .filter_map(|(id, events)| {
                let (article, _, _) = self.articles.get(id)?;
                Some(UnplacedGroupView {
                    article: self.article_row(id, &linker)?,
                    source_file: article.source.to_string_lossy().replace('\\', "/"),
                    events,
                })
            })
            .collect();
        TimelinePageView { entries, unplaced }
    }

    pub(super) fn figure_view(
        &self,
        cited: &'a CitedFigure,
        linker: &Linker,
    ) -> Option<FigureView<'a>> {
        let figure = &cited.figure;
        Some(FigureView {
            text: &figure.text,
            qualifier: figure.qualifier.as_deref(),
            kind: figure.kind.as_str(),
            counted: figure.counted.as_deref(),
            measures: figure.measures.as_deref(),
            sentence: &cited.sentence,
            article: self.article_row(&figure.at.article, linker)?,
            href: linker.to_paragraph(&figure.at.article, figure.at.paragraph),
            paragraph: figure.at.paragraph,
        })
    }

    pub(super) fn figure_views(
        &self,
        indexes: impl Iterator<Item = usize>,
        linker: &Linker,
    ) -> Vec<FigureView<'a>> {
        indexes
            .filter_map(|index| self.dossier.figures.all.get(index))
            .filter_map(|cited| self.figure_view(cited, linker))
            .collect()
    }

    /// The first `groups` comparisons, each with its first `figures` figures.
    pub(super) fn comparisons(
        &self,
        groups: usize,
        figures: usize,
        linker: &Linker,
    ) -> Vec<ComparisonView<'a>> {
        self.dossier
            .figures
            .comparisons
            .iter()
            .take(groups)
            .map(|c: &'a FigureComparison| ComparisonView {
                topic: &c.topic,
                kind: c.kind.as_str(),
                count: c.figures.len(),
                figures: self.figure_views(c.figures.iter().take(figures).copied(), linker),
                more: c.figures.len().saturating_sub(figures),
            })
            .collect()
    }

    pub(super) fn index_figures(&self, linker: &Linker) -> Vec<FigureView<'a>> {
        let total = self.dossier.figures.all.len();
        self.figure_views(0..total.min(shown::INDEX_FIGURES), linker)
    }

    pub(super) fn figures_view(&self) -> FiguresPageView<'a> {
        let linker = self.linker(Page::Figures);
        let count = self.dossier.figures.all.len();
        FiguresPageView {
            comparisons: self.comparisons(usize::MAX, shown::FIGURES_PAGE_COMPARISON, &linker),
            count,
            figures: self.figure_views(0..count.min(shown::FIGURES_PAGE), &linker),
        }
    }
}

/// The first `limit` items of `items`.
pub(super) fn first<T>(items: &[T], limit: usize) -> &[T] {
    &items[..items.len().min(limit)]
}
