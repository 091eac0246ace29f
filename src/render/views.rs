//! What templates see: serialisable views that borrow from the model, so a renamed
//! field breaks the build, not a page. Hrefs are computed here, relative to the page
//! being rendered; templates never build paths.

use serde::Serialize;

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
pub struct SnippetView<'a> {
    pub before: &'a str,
    pub matched: &'a str,
    pub after: &'a str,
    pub href: String,
    pub paragraph: usize,
}

/// One article's occurrences of an entity or theme.
#[derive(Debug, Serialize)]
pub struct OccurrencesView<'a> {
    pub article: ArticleRowView<'a>,
    pub count: usize,
    pub snippets: Vec<SnippetView<'a>>,
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
    pub articles: Vec<ArticleRowView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RelatedView<'a> {
    pub article: ArticleRowView<'a>,
    pub shared_entities: usize,
    pub shared_themes: usize,
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
}

#[derive(Debug, Serialize)]
pub struct EntityPageView<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub role: Option<&'a str>,
    pub aliases: &'a [String],
    pub profile_html: String,
    pub mentions: usize,
    pub articles: Vec<OccurrencesView<'a>>,
    pub co_mentioned: Vec<CountedLinkView<'a>>,
    pub themes: Vec<CountedLinkView<'a>>,
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
    pub articles: Vec<OccurrencesView<'a>>,
    pub passages: Vec<PassageView<'a>>,
    pub entities: Vec<CountedLinkView<'a>>,
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
    pub groups: Vec<SourceGroupView<'a>>,
}
