//! What templates see: serialisable views that borrow from the model, so a renamed
//! field breaks the build, not a page. Hrefs are computed here, relative to the page
//! being rendered; templates never build paths.

use serde::Serialize;
use std::borrow::Cow;

/// Site-wide values every page gets as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub stylesheet: String,
    pub home: String,
    pub themes: String,
    pub entities: String,
    pub sources: String,
    pub timeline: String,
    pub quotes: String,
    pub figures: String,
    pub data: String,
    /// Absolute URL of this page, when `base_url` is set.
    pub canonical: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CountedLinkView<'a> {
    pub name: &'a str,
    pub href: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct ArticleRowView<'a> {
    pub title: &'a str,
    pub href: String,
    pub date: Option<String>,
    pub outlet: Option<&'a str>,
    pub author: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct SnippetView {
    pub before: String,
    pub matched: String,
    pub after: String,
    pub href: String,
    pub paragraph: usize,
}

/// One article's occurrences of an entity or theme, the first few in context.
#[derive(Debug, Serialize)]
pub struct OccurrencesView<'a> {
    pub article: ArticleRowView<'a>,
    pub count: usize,
    pub snippets: Vec<SnippetView>,
    /// Occurrences in this article beyond the snippets shown.
    pub more: usize,
}

/// One more article that mentions an entity or touches a theme, linked to the
/// first paragraph where it does.
#[derive(Debug, Serialize)]
pub struct OccurrenceRowView<'a> {
    pub article: ArticleRowView<'a>,
    pub count: usize,
    pub href: String,
}

/// The articles where an entity or theme occurs, ranked: the first in context, the
/// next as links, and how many there are in all.
#[derive(Debug, Serialize)]
pub struct OccurrenceListView<'a> {
    pub in_context: Vec<OccurrencesView<'a>>,
    pub listed: Vec<OccurrenceRowView<'a>>,
    /// Articles on the page, in context or listed.
    pub shown: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct ThemeSummaryView<'a> {
    pub name: &'a str,
    pub href: String,
    pub summary: Option<&'a str>,
    pub articles: usize,
    pub hits: usize,
}

#[derive(Debug, Serialize)]
pub struct EntityGroupView<'a> {
    pub label: &'a str,
    pub entities: Vec<CountedLinkView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct IndexView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub intro_html: String,
    pub themes: Vec<ThemeSummaryView<'a>>,
    pub entity_groups: Vec<EntityGroupView<'a>>,
    /// The latest articles.
    pub articles: Vec<ArticleRowView<'a>>,
    pub articles_total: usize,
    /// The comparisons drawing on most articles; `comparisons_more` are not shown.
    pub comparisons: Vec<ComparisonView<'a>>,
    pub comparisons_more: usize,
    /// The first figures, in article order; `figures_total` says how many there are.
    pub figures: Vec<FigureView<'a>>,
    pub figures_total: usize,
    pub quotes_total: usize,
    pub timeline_total: usize,
}

#[derive(Debug, Serialize)]
pub struct RelatedView<'a> {
    pub article: ArticleRowView<'a>,
    pub shared_entities: usize,
    pub shared_themes: usize,
    /// The weight of what they share, rarer things counting more.
    pub score: String,
}

#[derive(Debug, Serialize)]
pub struct ArticlePageView<'a> {
    pub meta: ArticleRowView<'a>,
    pub url: Option<&'a str>,
    pub source_file: String,
    pub body_html: String,
    pub entities: Vec<CountedLinkView<'a>>,
    pub themes: Vec<CountedLinkView<'a>>,
    pub related: Vec<RelatedView<'a>>,
    pub quotes: Vec<QuoteView<'a>>,
    pub duplicate_of: Option<DuplicateView<'a>>,
    /// Articles that repeat this one.
    pub copies: Vec<ArticleRowView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct EntityPageView<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub role: Option<&'a str>,
    pub aliases: &'a [String],
    /// Aliases other entities answer to as well.
    pub shared_aliases: &'a [String],
    pub profile_html: String,
    pub mentions: usize,
    pub articles: OccurrenceListView<'a>,
    pub co_mentioned: Vec<CountedLinkView<'a>>,
    pub themes: Vec<CountedLinkView<'a>>,
    /// The first quotations; `quotes_total` says how many there are.
    pub quotes: Vec<QuoteView<'a>>,
    pub quotes_total: usize,
    /// The first timeline entries; `timeline_total` says how many there are.
    pub timeline: Vec<TimelineEntryView<'a>>,
    pub timeline_total: usize,
}

#[derive(Debug, Serialize)]
pub struct PassageView<'a> {
    pub article: ArticleRowView<'a>,
    pub excerpt: &'a str,
    pub href: String,
    pub paragraph: usize,
    pub hits: usize,
}

#[derive(Debug, Serialize)]
pub struct ThemePageView<'a> {
    pub name: &'a str,
    pub summary: Option<&'a str>,
    pub keywords: &'a [String],
    pub overview_html: String,
    pub hits: usize,
    pub articles: OccurrenceListView<'a>,
    pub passages: Vec<PassageView<'a>>,
    pub entities: Vec<CountedLinkView<'a>>,
    /// The first timeline entries; `timeline_total` says how many there are.
    pub timeline: Vec<TimelineEntryView<'a>>,
    pub timeline_total: usize,
    /// The first figures; `figures_total` says how many there are.
    pub figures: Vec<FigureView<'a>>,
    pub figures_total: usize,
}

#[derive(Debug, Serialize)]
pub struct EntityListView<'a> {
    pub groups: Vec<EntityGroupView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ThemeListView<'a> {
    pub themes: Vec<ThemeSummaryView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SourceGroupView<'a> {
    pub outlet: Option<&'a str>,
    pub articles: Vec<ArticleRowView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SourcesView<'a> {
    /// The outlet of a part ("Reuters, part 2"); `None` on the sources page.
    pub title: Option<String>,
    /// Every article by outlet; on a part, its outlet's articles on that part.
    pub groups: Vec<SourceGroupView<'a>>,
    /// On the sources page of a long list instead of `groups`: every outlet.
    pub outlets: Vec<OutletView<'a>>,
    /// On a part: links to the sources page and the neighbouring parts.
    pub pager: Option<PagerView>,
}

/// An outlet as the sources page of a long list shows it, linking its first part.
#[derive(Debug, Serialize)]
pub struct OutletView<'a> {
    pub outlet: Option<&'a str>,
    pub href: String,
    pub articles: usize,
}

/// A quotation, with who said it and where.
#[derive(Debug, Serialize)]
pub struct QuoteView<'a> {
    pub text: Cow<'a, str>,
    pub speaker: Option<LinkView<'a>>,
    /// The words that name the speaker in the article ("He", "the Russian president").
    pub cue: Option<&'a str>,
    pub article: ArticleRowView<'a>,
    pub href: String,
    pub paragraph: usize,
}

#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    pub name: &'a str,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct SpeakerQuotesView<'a> {
    pub speaker: Option<LinkView<'a>>,
    pub count: usize,
    /// The first quotations; `count` says how many there are.
    pub quotes: Vec<QuoteView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct QuotesPageView<'a> {
    pub count: usize,
    pub groups: Vec<SpeakerQuotesView<'a>>,
}

/// One dated statement as a timeline entry cites it.
#[derive(Debug, Serialize)]
pub struct EventSourceView<'a> {
    pub phrase: &'a str,
    pub sentence: &'a str,
    pub article: ArticleRowView<'a>,
    pub href: String,
    pub paragraph: usize,
}

#[derive(Debug, Serialize)]
pub struct TimelineEntryView<'a> {
    /// `2024-06-20`, `2024-06`, `2024` or `1950s`.
    pub date: String,
    /// "20 June 2024", "June 2024", "2024", "the 1950s".
    pub label: String,
    pub sources: Vec<EventSourceView<'a>>,
    /// Statements of this entry not shown.
    pub more_sources: usize,
    /// The entities the statements shown name, by id.
    pub entities: Vec<LinkView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct UnplacedGroupView<'a> {
    pub article: ArticleRowView<'a>,
    pub source_file: String,
    pub events: Vec<EventSourceView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TimelinePageView<'a> {
    /// The part's period ("June 2024"); `None` on the overview.
    pub title: Option<String>,
    /// The part's entries, or every entry on an overview that has no parts.
    pub entries: Vec<TimelineEntryView<'a>>,
    /// Entries in the whole timeline on the overview; on a part, the part's own.
    /// (A part's view, and so its page, must not change when another period
    /// gains an entry.)
    pub total: usize,
    /// On the overview only: the first undated articles' statements.
    pub unplaced: Vec<UnplacedGroupView<'a>>,
    /// How many articles have statements that cannot be dated.
    pub unplaced_total: usize,
    /// On a part: links to the overview and the neighbouring parts.
    pub pager: Option<PagerView>,
    /// On the overview of a long timeline: every part.
    pub contents: Vec<TimelinePartView>,
}

/// Links from one part of a list cut into parts.
#[derive(Debug, Serialize)]
pub struct PagerView {
    pub overview: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// One part of the timeline as the overview lists it.
#[derive(Debug, Serialize)]
pub struct TimelinePartView {
    pub href: String,
    pub label: String,
    pub entries: usize,
}

#[derive(Debug, Serialize)]
pub struct FigureView<'a> {
    pub text: &'a str,
    pub qualifier: Option<&'a str>,
    pub kind: &'a str,
    pub counted: Option<&'a str>,
    pub measures: Option<&'a str>,
    pub sentence: &'a str,
    pub article: ArticleRowView<'a>,
    pub href: String,
    pub paragraph: usize,
}

/// Figures from several sources for what looks like one quantity.
#[derive(Debug, Serialize)]
pub struct ComparisonView<'a> {
    pub topic: &'a str,
    pub kind: &'a str,
    pub count: usize,
    /// The first figures; `more` are not shown.
    pub figures: Vec<FigureView<'a>>,
    pub more: usize,
}

#[derive(Debug, Serialize)]
pub struct FiguresPageView<'a> {
    pub comparisons: Vec<ComparisonView<'a>>,
    pub count: usize,
    /// The first figures, in article order; `count` says how many there are.
    pub figures: Vec<FigureView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DuplicateView<'a> {
    pub original: ArticleRowView<'a>,
    pub shared_percent: u8,
}
