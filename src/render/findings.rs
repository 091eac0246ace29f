//! Views of what the analysis found beyond mentions: quotations, the timeline and key
//! figures, for their own pages and for the slices shown on entity, theme and
//! article pages.

use super::urls::{Linker, Page, TimelinePart};
use super::views::*;
use super::{Site, pager};
use crate::aggregate::{
    CitedFigure, EntryShare, EventSource, FigureComparison, QuoteRef, TimelineEntry,
};
use crate::analyze::{Quotation, TimePoint};
use crate::ids::{ArticleId, EntityId};
use chrono::Datelike;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// How much of each list a page shows, so pages stay readable (and small) as the
/// dossier grows; every list says how many items it has, and `dossier.json` has them
/// all.
pub(super) mod shown {
    pub const INDEX_FIGURES: usize = 12;
    /// The latest articles on the front page; the sources page lists them all.
    pub const INDEX_ARTICLES: usize = 100;
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
    /// The timeline is cut into pages of this many entries.
    pub const TIMELINE_PAGE: usize = 500;
    /// Articles on one page of sources, and the most one list shows before it is cut.
    pub const SOURCES_PAGE: usize = 500;
    /// Undated articles listed on the timeline (`dossier check` lists them all).
    pub const UNPLACED_ARTICLES: usize = 100;
}

impl<'a> Site<'a> {
    pub(super) fn entity_link(&self, id: &EntityId, linker: &Linker) -> Option<LinkView<'a>> {
        let (entity, _) = self.entities.get(id)?;
        Some(LinkView {
            name: &entity.name,
            href: linker.to(Page::Entity(&entity.id)),
        })
    }

    /// The quotations `quotes` point at, each with its article.
    pub(super) fn quoted<'q>(
        &self,
        quotes: &'q [QuoteRef],
    ) -> impl Iterator<Item = (&'a ArticleId, &'a Quotation)> + use<'a, 'q> {
        let analysis = self.analysis;
        quotes.iter().filter_map(move |quote| {
            let article = &analysis.articles.get(quote.article)?.article;
            Some((article, quote.get(analysis)?))
        })
    }

    pub(super) fn quote_views(
        &self,
        quotes: impl IntoIterator<Item = (&'a ArticleId, &'a Quotation)>,
        linker: &Linker,
    ) -> Vec<QuoteView<'a>> {
        quotes
            .into_iter()
            .filter_map(|(id, quote)| {
                let (article, _, _) = self.articles.get(id)?;
                Some(QuoteView {
                    text: quote.text(article),
                    speaker: quote
                        .speaker
                        .as_ref()
                        .and_then(|id| self.entity_link(id, linker)),
                    cue: quote.cue.as_deref().filter(|cue| !cue.is_empty()),
                    article: self.article_row(id, linker)?,
                    href: linker.to_paragraph(id, quote.paragraph),
                    paragraph: quote.paragraph,
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
                quotes: self.quote_views(
                    self.quoted(first(&group.quotes, shown::QUOTES_PER_SPEAKER)),
                    &linker,
                ),
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
            phrase: source.phrase(self.content, self.analysis)?,
            sentence: source
                .sentence(self.content, self.analysis)
                .unwrap_or_default(),
            article: self.article_row(source.article_id(self.content)?, linker)?,
            href: linker.to_paragraph(source.article_id(self.content)?, source.paragraph),
            paragraph: source.paragraph,
        })
    }

    /// An entity's or a theme's slice of the timeline: each entry with only the
    /// statements about it.
    pub(super) fn shared_entries(
        &self,
        shares: &[EntryShare],
        linker: &Linker,
    ) -> Vec<TimelineEntryView<'a>> {
        shares
            .iter()
            .filter_map(|share| {
                let entry = self.dossier.timeline.entries.get(share.entry)?;
                let shown = share.sources.iter().take(shown::SOURCES_PER_ENTRY);
                let shown = shown.filter_map(|&at| entry.sources.get(at)).collect();
                Some(self.entry_view(entry, shown, share.sources.len(), linker))
            })
            .collect()
    }

    /// The timeline's entries in `range`, each with all its statements.
    fn whole_entries(&self, range: Range<usize>, linker: &Linker) -> Vec<TimelineEntryView<'a>> {
        range
            .filter_map(|at| self.dossier.timeline.entries.get(at))
            .map(|entry| {
                let shown = entry
                    .sources
                    .iter()
                    .take(shown::SOURCES_PER_ENTRY)
                    .collect();
                self.entry_view(entry, shown, entry.sources.len(), linker)
            })
            .collect()
    }

    /// An entry showing the statements `shown`, of `cited` that belong on the page.
    fn entry_view(
        &self,
        entry: &'a TimelineEntry,
        shown: Vec<&'a EventSource>,
        cited: usize,
        linker: &Linker,
    ) -> TimelineEntryView<'a> {
        // The entities of the statements shown: a date many articles mention names
        // hundreds of entities, and listing them all buried the statements (they
        // were half of an entity page's bytes).
        let named: BTreeSet<&EntityId> = shown
            .iter()
            .flat_map(|s| s.entities(self.analysis))
            .collect();
        TimelineEntryView {
            date: entry.date.machine(),
            label: entry.date.to_string(),
            sources: shown
                .iter()
                .filter_map(|s| self.event_source(s, linker))
                .collect(),
            more_sources: cited.saturating_sub(shown.len()),
            entities: named
                .into_iter()
                .filter_map(|id| self.entity_link(id, linker))
                .collect(),
        }
    }

    /// The timeline's overview page (`None`) or one of its parts. A timeline of at
    /// most `TIMELINE_PAGE` entries is all on the overview; a longer one lists its
    /// parts there. The overview also shows the statements not yet placed.
    pub(super) fn timeline_view(&self, part: Option<TimelinePart>) -> TimelinePageView<'a> {
        let linker = self.linker(Page::Timeline(part));
        let all = &self.dossier.timeline.entries;
        let Some(part) = part else {
            let (unplaced, unplaced_total) = self.unplaced_groups(&linker);
            let entries = if self.timeline_parts.is_empty() {
                self.whole_entries(0..all.len(), &linker)
            } else {
                Vec::new()
            };
            return TimelinePageView {
                title: None,
                entries,
                total: all.len(),
                unplaced,
                unplaced_total,
                pager: None,
                contents: self.timeline_contents(&linker),
            };
        };
        let at = self.timeline_parts.partition_point(|(p, _)| *p < part);
        let range = self.timeline_parts.get(at).map_or(0..0, |(_, r)| r.clone());
        TimelinePageView {
            title: Some(part_label(part)),
            total: range.len(),
            entries: self.whole_entries(range, &linker),
            unplaced: Vec::new(),
            unplaced_total: 0,
            pager: Some(pager(&linker, Page::Timeline(None), Some(at), |index| {
                let (part, _) = self.timeline_parts.get(index)?;
                Some(Page::Timeline(Some(*part)))
            })),
            contents: Vec::new(),
        }
    }

    /// The first articles (by id) whose statements cannot be dated, with those
    /// statements, and how many such articles there are.
    fn unplaced_groups(&self, linker: &Linker) -> (Vec<UnplacedGroupView<'a>>, usize) {
        let mut by_article: BTreeMap<&ArticleId, Vec<&EventSource>> = BTreeMap::new();
        for event in &self.dossier.timeline.unplaced {
            if let Some(id) = event.source.article_id(self.content) {
                by_article.entry(id).or_default().push(&event.source);
            }
        }
        let total = by_article.len();
        let shown = by_article
            .into_iter()
            .take(shown::UNPLACED_ARTICLES)
            .filter_map(|(id, events)| {
                let (article, _, _) = self.articles.get(id)?;
                Some(UnplacedGroupView {
                    article: self.article_row(id, linker)?,
                    source_file: article.source.to_string_lossy().replace('\\', "/"),
                    events: events
                        .into_iter()
                        .filter_map(|event| self.event_source(event, linker))
                        .collect(),
                })
            })
            .collect();
        (shown, total)
    }

    /// Every part of a long timeline, with how many entries it holds.
    fn timeline_contents(&self, linker: &Linker) -> Vec<TimelinePartView> {
        self.timeline_parts
            .iter()
            .map(|(part, range)| TimelinePartView {
                href: linker.to(Page::Timeline(Some(*part))),
                label: part_label(*part),
                entries: range.len(),
            })
            .collect()
    }

    pub(super) fn figure_view(
        &self,
        cited: &'a CitedFigure,
        linker: &Linker,
    ) -> Option<FigureView<'a>> {
        let figure = cited.figure(self.analysis)?;
        let article = cited.article(self.analysis)?;
        Some(FigureView {
            text: cited.text(self.content, self.analysis)?,
            qualifier: figure.qualifier.as_deref(),
            kind: figure.kind.as_str(),
            counted: figure.counted.as_deref(),
            measures: figure.measures.as_deref(),
            sentence: cited.sentence(self.content, self.analysis)?,
            article: self.article_row(article, linker)?,
            href: linker.to_paragraph(article, figure.paragraph),
            paragraph: figure.paragraph,
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

/// Cuts a timeline longer than `TIMELINE_PAGE` entries into parts (see
/// `TimelinePart`), each with the indexes of its entries; a shorter one is not cut.
pub(super) fn timeline_parts(entries: &[TimelineEntry]) -> Vec<(TimelinePart, Range<usize>)> {
    if entries.len() <= shown::TIMELINE_PAGE {
        return Vec::new();
    }
    let period = |entry: &TimelineEntry| match entry.date {
        TimePoint::Decade(year) | TimePoint::Year(year) => (year, None),
        TimePoint::Month(year, month) => (year, Some(month)),
        TimePoint::Day(day) => (day.year(), Some(day.month())),
    };
    let mut parts = Vec::new();
    let mut start = 0;
    for same in entries.chunk_by(|a, b| period(a) == period(b)) {
        let (year, month) = period(&same[0]);
        for (index, chunk) in same.chunks(shown::TIMELINE_PAGE).enumerate() {
            let part = TimelinePart {
                year,
                month,
                part: index + 1,
            };
            parts.push((part, start..start + chunk.len()));
            start += chunk.len();
        }
    }
    parts
}

/// "June 2024", "2023", "June 2024, part 2".
fn part_label(part: TimelinePart) -> String {
    let period = match part.month {
        Some(month) => TimePoint::Month(part.year, month).to_string(),
        None => part.year.to_string(),
    };
    match part.part {
        0 | 1 => period,
        n => format!("{period}, part {n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(date: TimePoint) -> TimelineEntry {
        TimelineEntry {
            date,
            sources: Vec::new(),
            entities: Default::default(),
        }
    }

    #[test]
    fn a_long_timeline_is_cut_by_period_then_into_parts() {
        let day = |d| TimePoint::Day(chrono::NaiveDate::from_ymd_opt(2024, 6, d).expect("a day"));
        let mut entries = vec![entry(TimePoint::Decade(2010)), entry(TimePoint::Year(2019))];
        entries.extend((0..shown::TIMELINE_PAGE + 3).map(|_| entry(TimePoint::Year(2023))));
        entries.push(entry(TimePoint::Month(2024, 6)));
        entries.extend((1..=30).map(|d| entry(day(d))));
        let parts: Vec<(String, Range<usize>)> = timeline_parts(&entries)
            .into_iter()
            .map(|(part, range)| (part_label(part), range))
            .collect();
        let end = entries.len();
        let page = shown::TIMELINE_PAGE;
        assert_eq!(
            parts,
            [
                ("2010".to_owned(), 0..1),
                ("2019".to_owned(), 1..2),
                ("2023".to_owned(), 2..2 + page),
                ("2023, part 2".to_owned(), 2 + page..5 + page),
                ("June 2024".to_owned(), 5 + page..end),
            ]
        );
        assert!(
            timeline_parts(&entries[..page]).is_empty(),
            "one page is not cut"
        );
    }
}
