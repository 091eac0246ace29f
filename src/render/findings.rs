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

/// Figures shown on the briefing page before the link to all of them.
const INDEX_FIGURES: usize = 12;

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
                quotes: self.quote_views(&group.quotes, &linker),
            })
            .collect();
        QuotesPageView {
            count: groups.iter().map(|g| g.quotes.len()).sum(),
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
                    .filter_map(|s| self.event_source(s, linker))
                    .collect(),
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

    pub(super) fn comparisons(&self, linker: &Linker) -> Vec<ComparisonView<'a>> {
        self.dossier
            .figures
            .comparisons
            .iter()
            .map(|c: &'a FigureComparison| ComparisonView {
                topic: &c.topic,
                kind: c.kind.as_str(),
                figures: self.figure_views(c.figures.iter().copied(), linker),
            })
            .collect()
    }

    pub(super) fn index_figures(&self, linker: &Linker) -> Vec<FigureView<'a>> {
        let total = self.dossier.figures.all.len();
        self.figure_views(0..total.min(INDEX_FIGURES), linker)
    }

    pub(super) fn figures_view(&self) -> FiguresPageView<'a> {
        let linker = self.linker(Page::Figures);
        FiguresPageView {
            comparisons: self.comparisons(&linker),
            figures: self.figure_views(0..self.dossier.figures.all.len(), &linker),
        }
    }
}
