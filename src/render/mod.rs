//! Stage 5, render: turns the dossier into the site's files, in memory. Takes the
//! config, `Content`, `Analysis` and `Dossier`; returns `Vec<OutputFile>` (pages and
//! the stylesheet), and writes `dossier.json` into the sink `write` hands it.
//! Invariant: nothing here writes a file (`templates.rs` reads the site's template
//! overrides, loaded with the content); `write` publishes.

mod body;
mod data;
mod escape;
mod findings;
mod sources;
use findings::{first, shown};
mod templates;
pub mod urls;
mod views;

use crate::aggregate::{
    ArticleDigest, ArticleOccurrences, Dossier, EntityDigest, Snippet, Subject, Tally, ThemeDigest,
};
use crate::analyze::{Analysis, ArticleAnalysis};
use crate::cache::Digest;
use crate::config::SiteConfig;
use crate::ids::{ArticleId, EntityId, ParagraphRef, ThemeId};
use crate::load::{Article, Content, Entity, EntityKind, LoadError, Theme, read_markdown};
pub use data::{DataRecords, EarlierData};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::ops::Range;
pub use templates::{TemplateError, Templates, load_templates};
use urls::{Linker, Page, SourcePart, TimelinePart, Urls};
use views::*;

/// One file of the site: its path relative to the output root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Theme(#[from] TemplateError),
    #[error(
        "template `{template}` failed on {page}: {message}\n  hint: check the fields it reads against the template documentation in the README"
    )]
    Page {
        template: &'static str,
        page: String,
        message: String,
    },
    #[error("cannot encode dossier.json: {0}")]
    Data(String),
    /// An article's Markdown, read again for its page, could not be read or had
    /// changed.
    #[error(transparent)]
    Source(#[from] LoadError),
}

/// The site's files: those rendered anew, and the pages left as they are because
/// their view has not changed since the last build.
#[derive(Debug, Default)]
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
    /// Pages not rendered: `previous` held the same view digest for them.
    pub kept: Vec<String>,
    /// The view digest of every page, for the next build.
    pub views: BTreeMap<String, Digest>,
}

/// A file rendered, or a page found unchanged.
enum PageOutput {
    Rendered(OutputFile, Option<Digest>),
    Kept(String, Digest),
}

/// One file of the site to render.
#[derive(Debug, Clone, Copy)]
pub enum Job<'a> {
    Page(Page<'a>),
    Stylesheet,
}

impl Job<'_> {
    /// Roughly how much memory rendering the file takes, in article pages: an entity
    /// or theme page shows 50 articles in context and links 1,000 more, a part of a
    /// long list shows 500 entries, and the quotations and figures pages (several
    /// megabytes each, and their views several times that) are rendered alone.
    /// Render batches are bounded by this sum (`BATCH_WEIGHT`), so a batch of long
    /// pages is not 256 times the longest.
    pub fn weight(&self) -> usize {
        match self {
            Job::Page(Page::Index | Page::Article(_) | Page::Entities | Page::Themes)
            | Job::Stylesheet => 1,
            Job::Page(Page::Entity(_) | Page::Theme(_) | Page::Sources(_) | Page::Timeline(_)) => {
                LONG_PAGE_WEIGHT
            }
            Job::Page(Page::Quotes | Page::Figures) => BATCH_WEIGHT,
        }
    }
}

/// The weight of a render batch (`Job::weight`; 256 article pages): each batch is
/// written before the next is rendered, so memory holds one batch of pages, not the
/// site.
pub const BATCH_WEIGHT: usize = 256;

/// The weight of a page that lists many articles or findings.
const LONG_PAGE_WEIGHT: usize = 16;

/// Entities listed per kind on the briefing page.
const TOP_ENTITIES_PER_KIND: usize = 8;

/// The site ready to render in batches, so that a build need not hold every page
/// in memory at once.
pub struct Renderer<'a> {
    site: Site<'a>,
    analysis: &'a Analysis,
}

impl<'a> Renderer<'a> {
    /// Pages whose view digest equals their digest in `previous` (the pages of the
    /// last build that are still intact, rendered with the same templates and
    /// settings) are kept rather than rendered; pass an empty map to render all.
    pub fn new(
        config: &'a SiteConfig,
        content: &'a Content,
        analysis: &'a Analysis,
        dossier: &'a Dossier,
        templates: &'a Templates,
        previous: &'a BTreeMap<String, Digest>,
    ) -> Self {
        Renderer {
            site: Site::new(config, content, analysis, dossier, templates, previous),
            analysis,
        }
    }

    /// Every file of the site but `dossier.json` (see `write_data`), the big single
    /// pages first.
    pub fn jobs(&self) -> Vec<Job<'a>> {
        let site = &self.site;
        let parts = site.timeline_parts.iter().map(|(part, _)| Some(*part));
        let mut jobs: Vec<Job<'a>> = std::iter::once(None)
            .chain(parts)
            .map(|part| Job::Page(Page::Timeline(part)))
            .collect();
        let sources = site
            .source_parts
            .iter()
            .map(|(part, _)| Job::Page(Page::Sources(Some(*part))));
        jobs.extend(sources);
        jobs.extend([
            Job::Page(Page::Index),
            Job::Page(Page::Sources(None)),
            Job::Page(Page::Quotes),
            Job::Page(Page::Figures),
            Job::Page(Page::Entities),
            Job::Page(Page::Themes),
            Job::Stylesheet,
        ]);
        let articles = site.content.articles.iter();
        jobs.extend(articles.map(|article| Job::Page(Page::Article(&article.id))));
        jobs.extend(site.entities.keys().map(|id| Job::Page(Page::Entity(id))));
        jobs.extend(site.themes.keys().map(|id| Job::Page(Page::Theme(id))));
        jobs
    }

    /// Writes `dossier.json` (at `urls::DATA`) into `sink`, record by record, copying
    /// those `earlier` holds (see `data`); `context` is the analysis context's digest.
    /// Returns where the records lie, for the next build.
    pub fn write_data(
        &self,
        context: Digest,
        earlier: Option<&mut EarlierData>,
        sink: &mut dyn std::io::Write,
    ) -> std::io::Result<DataRecords> {
        let site = &self.site;
        data::write_dossier_json(
            (site.content, self.analysis, site.dossier),
            site.urls,
            (context, earlier),
            sink,
        )
    }

    /// Renders `jobs` on all cores; files come out sorted by path.
    pub fn render(&self, jobs: &[Job<'a>]) -> Result<RenderedSite, RenderError> {
        // Collected whole so that a failure is reported for the first page in job
        // order, the same on every run, not for whichever thread failed first.
        let results: Vec<Result<PageOutput, RenderError>> =
            jobs.par_iter().map(|job| self.render_job(*job)).collect();
        let outputs: Vec<PageOutput> = results.into_iter().collect::<Result<_, _>>()?;
        let mut rendered = RenderedSite::default();
        for output in outputs {
            match output {
                PageOutput::Rendered(file, view) => {
                    if let Some(view) = view {
                        rendered.views.insert(file.path.clone(), view);
                    }
                    rendered.files.push(file);
                }
                PageOutput::Kept(path, view) => {
                    rendered.views.insert(path.clone(), view);
                    rendered.kept.push(path);
                }
            }
        }
        rendered.files.sort_by(|a, b| a.path.cmp(&b.path));
        rendered.kept.sort();
        Ok(rendered)
    }

    fn render_job(&self, job: Job<'a>) -> Result<PageOutput, RenderError> {
        let site = &self.site;
        let missing = |page: &str| RenderError::Page {
            template: "",
            page: page.to_owned(),
            message: "the page's data is missing".to_owned(),
        };
        match job {
            Job::Stylesheet => Ok(PageOutput::Rendered(
                OutputFile {
                    path: urls::STYLESHEET.to_owned(),
                    bytes: site.templates.stylesheet.clone(),
                },
                None,
            )),
            Job::Page(page @ Page::Index) => {
                site.page(page, "index.html", site.index_view(&site.linker(page)))
            }
            Job::Page(page @ Page::Entities) => {
                site.page(page, "entities.html", site.entity_list_view())
            }
            Job::Page(page @ Page::Themes) => {
                site.page(page, "themes.html", site.theme_list_view())
            }
            Job::Page(page @ Page::Sources(part)) => {
                site.page(page, "sources.html", site.sources_view(part))
            }
            Job::Page(page @ Page::Timeline(part)) => {
                site.page(page, "timeline.html", site.timeline_view(part))
            }
            Job::Page(page @ Page::Quotes) => site.page(page, "quotes.html", site.quotes_view()),
            Job::Page(page @ Page::Figures) => site.page(page, "figures.html", site.figures_view()),
            Job::Page(page @ Page::Article(id)) => {
                let parts = site.articles.get(id).ok_or_else(|| missing(id.as_str()))?;
                site.article_page(page, parts)
            }
            Job::Page(page @ Page::Entity(id)) => {
                let parts = site.entities.get(id).ok_or_else(|| missing(id.as_str()))?;
                site.page(page, "entity.html", site.entity_view(parts))
            }
            Job::Page(page @ Page::Theme(id)) => {
                let parts = site.themes.get(id).ok_or_else(|| missing(id.as_str()))?;
                site.page(page, "theme.html", site.theme_view(parts))
            }
        }
    }
}

/// Renders the whole site at once, every page afresh and `dossier.json` in memory
/// (for `dossier check`, which inspects it all).
pub fn render(
    config: &SiteConfig,
    templates: &Templates,
    content: &Content,
    analysis: &Analysis,
    dossier: &Dossier,
) -> Result<RenderedSite, RenderError> {
    let previous = BTreeMap::new();
    let renderer = Renderer::new(config, content, analysis, dossier, templates, &previous);
    let mut site = renderer.render(&renderer.jobs())?;
    let mut bytes = Vec::new();
    renderer
        .write_data(Digest::default(), None, &mut bytes)
        .map_err(|e| RenderError::Data(e.to_string()))?;
    let data = OutputFile {
        path: urls::DATA.to_owned(),
        bytes,
    };
    let at = site.files.partition_point(|file| file.path < data.path);
    site.files.insert(at, data);
    Ok(site)
}

#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    site: SiteView<'a>,
    page: T,
}

/// The costly part of a page's view: a key that changes whenever the part would,
/// and how to fill the part in.
struct Deferred<'f, T> {
    key: Digest,
    complete: Completion<'f, T>,
}

/// Fills in the costly part of a view (it may read the article's file again).
type Completion<'f, T> = Box<dyn FnOnce(&mut T) -> Result<(), RenderError> + 'f>;

type ArticleParts<'a> = (&'a Article, &'a ArticleDigest, &'a ArticleAnalysis);

/// The model indexed by id, with what every page needs to render.
struct Site<'a> {
    config: &'a SiteConfig,
    content: &'a Content,
    analysis: &'a Analysis,
    dossier: &'a Dossier,
    templates: &'a Templates,
    urls: Urls,
    /// Hashed: pages look articles up by id hundreds of thousands of times, and a
    /// sorted map compared ids at every level of its tree.
    articles: HashMap<&'a ArticleId, ArticleParts<'a>>,
    entities: BTreeMap<&'a EntityId, (&'a Entity, &'a EntityDigest)>,
    themes: BTreeMap<&'a ThemeId, (&'a Theme, &'a ThemeDigest)>,
    /// The articles that copy each original, in article order.
    copies: BTreeMap<&'a ArticleId, Vec<&'a ArticleId>>,
    /// The parts of a timeline too long for one page, in date order.
    timeline_parts: Vec<(TimelinePart, Range<usize>)>,
    /// The parts of a sources list too long for one page, in outlet order.
    source_parts: Vec<(SourcePart<'a>, Vec<&'a Article>)>,
    previous: &'a BTreeMap<String, Digest>,
}

impl<'a> Site<'a> {
    fn new(
        config: &'a SiteConfig,
        content: &'a Content,
        analysis: &'a Analysis,
        dossier: &'a Dossier,
        templates: &'a Templates,
        previous: &'a BTreeMap<String, Digest>,
    ) -> Self {
        let articles = content
            .articles
            .iter()
            .zip(&dossier.articles)
            .zip(&analysis.articles)
            .map(|((article, digest), found)| (&article.id, (article, digest, found)))
            .collect();
        let entities = content
            .catalog
            .entities
            .iter()
            .zip(&dossier.entities)
            .map(|(entity, digest)| (&entity.id, (entity, digest)))
            .collect();
        let themes = content
            .catalog
            .themes
            .iter()
            .zip(&dossier.themes)
            .map(|(theme, digest)| (&theme.id, (theme, digest)))
            .collect();
        let mut copies: BTreeMap<&ArticleId, Vec<&ArticleId>> = BTreeMap::new();
        for digest in &dossier.articles {
            if let Some(copied) = &digest.duplicate_of {
                copies
                    .entry(&copied.original)
                    .or_default()
                    .push(&digest.article);
            }
        }
        Site {
            config,
            content,
            analysis,
            dossier,
            templates,
            urls: Urls {
                pretty: config.pretty_urls,
            },
            articles,
            entities,
            themes,
            copies,
            timeline_parts: findings::timeline_parts(&dossier.timeline.entries),
            source_parts: sources::source_parts(content),
            previous,
        }
    }

    fn linker(&self, page: Page<'_>) -> Linker {
        self.urls.from(page)
    }

    fn page<T: Serialize>(
        &self,
        page: Page<'_>,
        template: &'static str,
        view: T,
    ) -> Result<PageOutput, RenderError> {
        self.page_in_parts(page, template, view, None)
    }

    /// Renders a page unless its view digest equals the previous build's. With
    /// `deferred`, the view lacks a costly part: its key stands in for it in the
    /// digest, and it is made only when the page is rendered.
    fn page_in_parts<T: Serialize>(
        &self,
        page: Page<'_>,
        template: &'static str,
        view: T,
        deferred: Option<Deferred<'_, T>>,
    ) -> Result<PageOutput, RenderError> {
        let path = self.urls.path(page);
        let linker = self.linker(page);
        let mut context = PageContext {
            site: self.site_view(&linker, &path),
            page: view,
        };
        let failed = |error: &dyn std::error::Error| RenderError::Page {
            template,
            page: path.clone(),
            message: templates::error_chain(error),
        };
        let mut digest = blake3::Hasher::new();
        digest.update(template.as_bytes());
        if let Some(deferred) = &deferred {
            digest.update(&deferred.key);
        }
        // Hashed through a buffer: feeding the hasher serde's many small writes one
        // by one cost more than the serialising, and a whole encoding of the
        // quotations page held megabytes. postcard, because it copies strings as
        // they are where JSON escapes them.
        let mut sink = std::io::BufWriter::with_capacity(1 << 16, &mut digest);
        postcard::to_io(&context, &mut sink).map_err(|e| failed(&e))?;
        sink.flush().map_err(|e| failed(&e))?;
        drop(sink);
        let view = *digest.finalize().as_bytes();
        if self.previous.get(&path) == Some(&view) {
            return Ok(PageOutput::Kept(path, view));
        }
        if let Some(deferred) = deferred {
            (deferred.complete)(&mut context.page)?;
        }
        let tera_context = tera::Context::from_serialize(&context).map_err(|e| failed(&e))?;
        let html = self
            .templates
            .tera
            .render(template, &tera_context)
            .map_err(|error| {
                let data = serde_json::to_value(&context).unwrap_or_default();
                self.templates
                    .explain(&templates::error_chain(&error), Some((&path, &data)))
            })?;
        let file = OutputFile {
            path,
            bytes: html.into_bytes(),
        };
        Ok(PageOutput::Rendered(file, Some(view)))
    }

    fn site_view(&self, linker: &Linker, path: &str) -> SiteView<'a> {
        SiteView {
            title: &self.config.title,
            description: self.config.description.as_deref(),
            language: &self.config.language,
            stylesheet: linker.asset(urls::STYLESHEET),
            home: linker.to(Page::Index),
            themes: linker.to(Page::Themes),
            entities: linker.to(Page::Entities),
            sources: linker.to(Page::Sources(None)),
            timeline: linker.to(Page::Timeline(None)),
            quotes: linker.to(Page::Quotes),
            figures: linker.to(Page::Figures),
            data: linker.asset(urls::DATA),
            canonical: self
                .config
                .base_url
                .as_ref()
                .map(|base| format!("{base}{path}")),
        }
    }

    fn article_row(&self, id: &ArticleId, linker: &Linker) -> Option<ArticleRowView<'a>> {
        let (article, _, _) = self.articles.get(id)?;
        Some(row(article, linker))
    }

    /// The first `limit` articles, newest first; undated ones after, by title.
    fn articles_by_date(&self, limit: usize, linker: &Linker) -> Vec<ArticleRowView<'a>> {
        newest_first(self.content)
            .into_iter()
            .take(limit)
            .map(|article| row(article, linker))
            .collect()
    }

    fn entity_links(
        &self,
        tallies: &[Tally<EntityId>],
        linker: &Linker,
    ) -> Vec<CountedLinkView<'a>> {
        tallies
            .iter()
            .filter_map(|tally| {
                let (entity, _) = self.entities.get(&tally.id)?;
                Some(CountedLinkView {
                    name: &entity.name,
                    href: linker.to(Page::Entity(&entity.id)),
                    count: tally.count,
                })
            })
            .collect()
    }

    fn theme_links(&self, tallies: &[Tally<ThemeId>], linker: &Linker) -> Vec<CountedLinkView<'a>> {
        tallies
            .iter()
            .filter_map(|tally| {
                let (theme, _) = self.themes.get(&tally.id)?;
                Some(CountedLinkView {
                    name: &theme.name,
                    href: linker.to(Page::Theme(&theme.id)),
                    count: tally.count,
                })
            })
            .collect()
    }

    /// The ranked articles where something occurs: the first in context, the next
    /// as links, the rest counted.
    fn occurrences(
        &self,
        found: &'a [ArticleOccurrences],
        subject: Subject<'a>,
        linker: &Linker,
    ) -> OccurrenceListView<'a> {
        let (in_context, rest) = found.split_at(found.len().min(shown::ARTICLES_IN_CONTEXT));
        let in_context: Vec<OccurrencesView<'a>> = in_context
            .iter()
            .filter_map(|o| self.occurrences_in_context(o, subject, linker))
            .collect();
        let listed: Vec<OccurrenceRowView<'a>> = first(rest, shown::ARTICLES_LISTED)
            .iter()
            .filter_map(|o| {
                let place = o.places(self.analysis, subject).next()?;
                Some(OccurrenceRowView {
                    article: self.article_row(&o.article, linker)?,
                    count: o.count(),
                    href: linker.to_paragraph(&o.article, place.paragraph),
                })
            })
            .collect();
        OccurrenceListView {
            shown: in_context.len() + listed.len(),
            in_context,
            listed,
            total: found.len(),
        }
    }

    fn occurrences_in_context(
        &self,
        found: &'a ArticleOccurrences,
        subject: Subject<'a>,
        linker: &Linker,
    ) -> Option<OccurrencesView<'a>> {
        let (article, _, _) = self.articles.get(&found.article)?;
        let snippets: Vec<SnippetView> = found
            .places(self.analysis, subject)
            .take(shown::SNIPPETS_PER_ARTICLE)
            .filter_map(|place| {
                let block = article.body.blocks.get(place.paragraph.checked_sub(1)?)?;
                let at = ParagraphRef {
                    article: found.article.clone(),
                    paragraph: place.paragraph,
                };
                let snippet = Snippet::around(at, &block.text, place.span.clone());
                Some(SnippetView {
                    before: snippet.before,
                    matched: snippet.matched,
                    after: snippet.after,
                    href: linker.to_paragraph(&found.article, place.paragraph),
                    paragraph: place.paragraph,
                })
            })
            .collect();
        Some(OccurrencesView {
            article: row(article, linker),
            count: found.count(),
            more: found.count().saturating_sub(snippets.len()),
            snippets,
        })
    }

    fn theme_summaries(&self, linker: &Linker) -> Vec<ThemeSummaryView<'a>> {
        self.themes
            .values()
            .map(|(theme, digest)| ThemeSummaryView {
                name: &theme.name,
                href: linker.to(Page::Theme(&theme.id)),
                summary: theme.summary.as_deref(),
                articles: digest.articles.len(),
                hits: digest.hits,
            })
            .collect()
    }

    /// Entities grouped by kind, most mentioned first, at most `limit` per kind.
    fn entity_groups(
        &self,
        linker: &Linker,
        limit: usize,
        mentioned_only: bool,
    ) -> Vec<EntityGroupView<'a>> {
        EntityKind::ALL
            .iter()
            .map(|&kind| {
                let mut members: Vec<&(&Entity, &EntityDigest)> = self
                    .entities
                    .values()
                    .filter(|(e, d)| e.kind == kind && (!mentioned_only || d.mentions > 0))
                    .collect();
                members.sort_by(|a, b| {
                    b.1.mentions
                        .cmp(&a.1.mentions)
                        .then(a.0.name.cmp(&b.0.name))
                });
                EntityGroupView {
                    label: kind.plural_label(),
                    entities: members
                        .into_iter()
                        .take(limit)
                        .map(|(entity, digest)| CountedLinkView {
                            name: &entity.name,
                            href: linker.to(Page::Entity(&entity.id)),
                            count: digest.mentions,
                        })
                        .collect(),
                }
            })
            .filter(|group| !group.entities.is_empty())
            .collect()
    }

    fn index_view(&self, linker: &Linker) -> IndexView<'a> {
        let intro = &self.content.intro;
        IndexView {
            title: intro.title.as_deref().unwrap_or(&self.config.title),
            description: intro
                .description
                .as_deref()
                .or(self.config.description.as_deref()),
            intro_html: body::markdown_html(&intro.body),
            themes: self.theme_summaries(linker),
            entity_groups: self.entity_groups(linker, TOP_ENTITIES_PER_KIND, true),
            articles: self.articles_by_date(findings::shown::INDEX_ARTICLES, linker),
            articles_total: self.articles.len(),
            comparisons: self.comparisons(
                findings::shown::INDEX_COMPARISONS,
                findings::shown::COMPARISON_FIGURES,
                linker,
            ),
            comparisons_more: self
                .dossier
                .figures
                .comparisons
                .len()
                .saturating_sub(findings::shown::INDEX_COMPARISONS),
            figures: self.index_figures(linker),
            figures_total: self.dossier.figures.all.len(),
            quotes_total: self.dossier.quotes.iter().map(|g| g.quotes.len()).sum(),
            timeline_total: self.dossier.timeline.entries.len(),
        }
    }

    fn entity_list_view(&self) -> EntityListView<'a> {
        EntityListView {
            groups: self.entity_groups(&self.linker(Page::Entities), usize::MAX, false),
        }
    }

    fn theme_list_view(&self) -> ThemeListView<'a> {
        ThemeListView {
            themes: self.theme_summaries(&self.linker(Page::Themes)),
        }
    }

    /// An article's page; its body, the costly part, is rendered only when the
    /// rest of the view or the body's inputs changed.
    fn article_page(
        &self,
        page: Page<'_>,
        parts @ (article, _, found): &ArticleParts<'a>,
    ) -> Result<PageOutput, RenderError> {
        let linker = self.linker(page);
        let link = |entity: &EntityId| {
            let (entity, _) = self.entities.get(entity)?;
            Some((linker.to(Page::Entity(&entity.id)), entity.name.clone()))
        };
        let speaker_name = |id: &EntityId| self.entities.get(id).map(|(e, _)| e.name.clone());
        let body = || -> Result<String, RenderError> {
            let markdown = read_markdown(&self.config.root, article)?;
            Ok(body::article_html(
                article,
                markdown.as_deref(),
                &found.mentions,
                &found.quotes,
                &speaker_name,
                &link,
            ))
        };
        let key = match body::article_html_key(
            article,
            &found.mentions,
            &found.quotes,
            &speaker_name,
            &link,
        ) {
            Some(key) => key,
            None => *blake3::hash(body()?.as_bytes()).as_bytes(),
        };
        let deferred = Deferred {
            key,
            complete: Box::new(|view: &mut ArticlePageView<'a>| {
                view.body_html = body()?;
                Ok(())
            }),
        };
        self.page_in_parts(
            page,
            "article.html",
            self.article_view(parts),
            Some(deferred),
        )
    }

    /// An article page's view without its body (`body_html` is empty).
    fn article_view(&self, (article, digest, found): &ArticleParts<'a>) -> ArticlePageView<'a> {
        let linker = self.linker(Page::Article(&article.id));
        ArticlePageView {
            meta: row(article, &linker),
            // A source that is not a web address is not linked (load warns of it).
            url: article
                .meta
                .url
                .as_deref()
                .filter(|url| crate::markdown::is_web_address(url)),
            source_file: article.source.to_string_lossy().replace('\\', "/"),
            body_html: String::new(),
            entities: self.entity_links(&digest.entities, &linker),
            themes: self.theme_links(&digest.themes, &linker),
            related: digest
                .related
                .iter()
                .filter_map(|r| {
                    Some(RelatedView {
                        article: self.article_row(&r.article, &linker)?,
                        shared_entities: r.shared_entities,
                        shared_themes: r.shared_themes,
                        score: format!("{:.1}", r.score),
                    })
                })
                .collect(),
            quotes: self.quote_views(found.quotes.iter().map(|q| (&found.article, q)), &linker),
            duplicate_of: digest.duplicate_of.as_ref().and_then(|d| {
                Some(DuplicateView {
                    original: self.article_row(&d.original, &linker)?,
                    shared_percent: d.shared_percent,
                })
            }),
            copies: self
                .copies
                .get(&article.id)
                .into_iter()
                .flatten()
                .filter_map(|copy| self.article_row(copy, &linker))
                .collect(),
        }
    }

    fn entity_view(&self, (entity, digest): &(&'a Entity, &'a EntityDigest)) -> EntityPageView<'a> {
        let linker = self.linker(Page::Entity(&entity.id));
        EntityPageView {
            name: &entity.name,
            kind: entity.kind.as_str(),
            role: entity.role.as_deref(),
            aliases: &entity.aliases,
            shared_aliases: &entity.shared_aliases,
            profile_html: body::markdown_html(&entity.profile),
            mentions: digest.mentions,
            articles: self.occurrences(&digest.articles, Subject::Entity(&entity.id), &linker),
            co_mentioned: self.entity_links(&digest.co_mentioned, &linker),
            themes: self.theme_links(&digest.themes, &linker),
            quotes: self.quote_views(
                self.quoted(first(&digest.quotes, shown::SLICE_QUOTES)),
                &linker,
            ),
            quotes_total: digest.quotes.len(),
            timeline: self.shared_entries(first(&digest.timeline, shown::SLICE_ENTRIES), &linker),
            timeline_total: digest.timeline.len(),
        }
    }

    fn theme_view(&self, (theme, digest): &(&'a Theme, &'a ThemeDigest)) -> ThemePageView<'a> {
        let linker = self.linker(Page::Theme(&theme.id));
        ThemePageView {
            name: &theme.name,
            summary: theme.summary.as_deref(),
            keywords: &theme.keywords,
            overview_html: body::markdown_html(&theme.overview),
            hits: digest.hits,
            articles: self.occurrences(&digest.articles, Subject::Theme(&theme.id), &linker),
            passages: digest
                .key_passages
                .iter()
                .filter_map(|p| {
                    Some(PassageView {
                        article: self.article_row(&p.at.article, &linker)?,
                        excerpt: &p.excerpt,
                        href: linker.to_paragraph(&p.at.article, p.at.paragraph),
                        paragraph: p.at.paragraph,
                        hits: p.hits,
                    })
                })
                .collect(),
            entities: self.entity_links(&digest.entities, &linker),
            timeline: self.shared_entries(first(&digest.timeline, shown::SLICE_ENTRIES), &linker),
            timeline_total: digest.timeline.len(),
            figures: self.figure_views(
                first(&digest.figures, shown::SLICE_FIGURES).iter().copied(),
                &linker,
            ),
            figures_total: digest.figures.len(),
        }
    }
}

/// Links from part `at` (when found) of a list cut into parts, whose part `index`
/// is `part(index)`: to the list's overview and the neighbouring parts.
fn pager<'p>(
    linker: &Linker,
    overview: Page<'_>,
    at: Option<usize>,
    part: impl Fn(usize) -> Option<Page<'p>>,
) -> PagerView {
    let href = |index: Option<usize>| Some(linker.to(part(index?)?));
    PagerView {
        overview: linker.to(overview),
        previous: href(at.and_then(|at| at.checked_sub(1))),
        next: href(at.and_then(|at| at.checked_add(1))),
    }
}

/// Every article, newest first; undated ones after, by title.
fn newest_first(content: &Content) -> Vec<&Article> {
    let mut articles: Vec<&Article> = content.articles.iter().collect();
    articles.sort_by(|a, b| {
        b.meta
            .date
            .cmp(&a.meta.date)
            .then_with(|| a.meta.title.cmp(&b.meta.title))
    });
    articles
}

fn row<'a>(article: &'a Article, linker: &Linker) -> ArticleRowView<'a> {
    let meta = &article.meta;
    ArticleRowView {
        title: &meta.title,
        href: linker.to(Page::Article(&article.id)),
        date: meta.date.map(|date| date.to_string()),
        outlet: meta.outlet.as_deref(),
        author: meta.author.as_deref(),
    }
}
