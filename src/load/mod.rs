//! Stage 2, load: walks `content/` and turns every source file into typed content:
//! articles (`.md` with front matter, `.txt` scraped pages), the entity and theme
//! catalog, and the briefing's introduction. Errors are collected, not fatal one by
//! one, so a build reports every bad file at once.

mod boilerplate;
pub mod catalog;
mod dates;
pub mod front_matter;
pub mod scraped_text;

use crate::config::SiteConfig;
use crate::diagnostic::Location;
use crate::fs::{self, FsError};
use crate::ids::{ArticleId, EntityId};
use crate::markdown::{self, BlockKind};
use crate::text::TextError;
use crate::yaml::YamlError;
pub use catalog::{Catalog, Entity, EntityKind, Theme};
use chrono::NaiveDate;
use front_matter::{RawArticleFront, RawIntroFront, Split};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// Everything the site is made from.
#[derive(Debug, Clone)]
pub struct Content {
    pub intro: Intro,
    /// Sorted by id.
    pub articles: Vec<Article>,
    pub catalog: Catalog,
    /// What the build should tell but not fail on (a guessed encoding), by path.
    pub warnings: Vec<String>,
    /// The errors of the files left out under `--keep-going`, in file order.
    pub skipped: Vec<String>,
    /// How many files those errors concern (a file may have several).
    pub skipped_files: usize,
}

/// `content/_index.md`: the briefing's own introduction (all optional).
#[derive(Debug, Clone, Default)]
pub struct Intro {
    pub title: Option<String>,
    pub description: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub id: ArticleId,
    /// Relative to the site root, e.g. `content/articles/x.txt`.
    pub source: PathBuf,
    /// blake3 of the source file's bytes as loaded: what the cache keys its analysis
    /// by, and what the file must still hold when render reads it again.
    pub source_digest: [u8; 32],
    pub meta: ArticleMeta,
    pub body: ArticleBody,
}

impl Article {
    /// The text at `range` of paragraph `paragraph` (from 1): where findings, which
    /// hold spans, get their words.
    pub fn text_at(&self, paragraph: usize, range: &std::ops::Range<usize>) -> Option<&str> {
        let block = self.body.blocks.get(paragraph.checked_sub(1)?)?;
        block.text.get(range.clone())
    }
}

/// What is known about an article: stated in front matter or in the text, never guessed.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleMeta {
    pub title: String,
    pub author: Option<String>,
    pub date: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// The entities the analyst tagged the article with, as written.
    pub entities: Vec<EntityTag>,
}

/// An entity named in an article's front matter, by id or by name ("Vietnam" is
/// `vietnam`), and where it is written there, so that one the catalog lacks can be
/// pointed at.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityTag {
    pub id: EntityId,
    pub written: String,
    pub location: Location,
}

/// The citable blocks of an article, in order; block `i` is paragraph `p{i+1}`.
#[derive(Debug, Clone)]
pub struct ArticleBody {
    pub blocks: Vec<Block>,
    /// Set for `.md` articles, which render re-walks with the same block numbering;
    /// scraped text is rendered from the blocks. The Markdown itself is read again
    /// from the file for the page (`read_markdown`) rather than held for every
    /// article beside its blocks: at 100,000 articles that copy was half a gigabyte.
    pub markdown: bool,
}

/// The Markdown of an article loaded from the site at `root`, read again from its
/// file: decoded and split from its front matter as when it was loaded. `None` for
/// scraped text. An error if the file has changed since, since the analysis would
/// no longer fit it.
pub fn read_markdown(root: &Path, article: &Article) -> Result<Option<String>, LoadError> {
    if !article.body.markdown {
        return Ok(None);
    }
    let shown = Loader { root }.shown(&article.source);
    let decoded = crate::text::read(&root.join(&article.source), &shown)?;
    if decoded.digest != article.source_digest {
        return Err(LoadError::Invalid {
            location: Location::file(shown),
            message: "the file changed after dossier had read it".to_owned(),
            hint: "run the command again (`dossier serve` rebuilds by itself)".to_owned(),
        });
    }
    let split = front_matter::split(&decoded.text, &shown)?;
    Ok(Some(split.body.to_owned()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Plain text, the exact string analysis offsets refer to.
    pub text: Box<str>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error(transparent)]
    Yaml(#[from] YamlError),
    #[error(transparent)]
    Text(#[from] TextError),
    #[error("{location}: {message}\n  hint: {hint}")]
    Invalid {
        location: Location,
        message: String,
        hint: String,
    },
}

impl LoadError {
    pub fn location(&self) -> Location {
        match self {
            LoadError::Fs(error) => Location::file(&error.path),
            LoadError::Yaml(error) => error.location.clone(),
            LoadError::Text(error) => error.location(),
            LoadError::Invalid { location, .. } => location.clone(),
        }
    }
}

const CONTENT_DIR: &str = "content";

/// One content file as loaded: what it holds, or why it cannot be used, and what
/// the build should warn about even so (a guessed encoding).
struct LoadedFile {
    warnings: Vec<String>,
    item: Result<ContentItem, LoadError>,
}

enum ContentItem {
    Article(Article),
    Entity(Entity),
    Theme(Theme),
    Intro(Intro),
}

impl Content {
    fn add(&mut self, item: ContentItem) {
        match item {
            ContentItem::Article(article) => self.articles.push(article),
            ContentItem::Entity(entity) => self.catalog.entities.push(entity),
            ContentItem::Theme(theme) => self.catalog.themes.push(theme),
            ContentItem::Intro(intro) => self.intro = intro,
        }
    }
}

/// Loads all of `content/`, or every error found in it. With `keep_going`, a file
/// that cannot be loaded, or an article tagging an entity the catalog lacks, is left
/// out and its error kept in `Content::skipped`; errors between files (two ids
/// alike, one alias claimed twice) still fail, since no one file is at fault.
pub fn load_content(config: &SiteConfig, keep_going: bool) -> Result<Content, Vec<LoadError>> {
    let loader = Loader { root: &config.root };
    let mut content = Content {
        intro: Intro::default(),
        articles: Vec::new(),
        catalog: Catalog::default(),
        warnings: Vec::new(),
        skipped: Vec::new(),
        skipped_files: 0,
    };
    let mut file_errors = Vec::new();
    // Entities whose files failed: tags naming them are not reported as unknown.
    let mut failed_entities = BTreeSet::new();
    // Files are read and parsed on all cores, then taken in walk order, so the
    // result is the same as one by one.
    let loaded: Vec<(PathBuf, LoadedFile)> = loader
        .walk(&mut file_errors)
        .into_par_iter()
        .map(|file| {
            let loaded = loader.load_file(&file);
            (file, loaded)
        })
        .collect();
    for (file, loaded) in loaded {
        content.warnings.extend(loaded.warnings);
        match loaded.item {
            Ok(item) => content.add(item),
            Err(error) => {
                if matches!(ContentKind::of(&file), Some(ContentKind::Entity)) {
                    failed_entities.insert(EntityId::from_name(&catalog::file_stem(&file)));
                }
                file_errors.push(error);
            }
        }
    }
    let mut errors = Vec::new();
    let articles = content
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.source.as_path()));
    errors.extend(loader.check_unique_ids(articles, "article"));
    let entities = content.catalog.entities.iter();
    let entities = entities.map(|e| (e.id.as_str(), e.source.as_path()));
    errors.extend(loader.check_unique_ids(entities, "entity"));
    let themes = content.catalog.themes.iter();
    let themes = themes.map(|t| (t.id.as_str(), t.source.as_path()));
    errors.extend(loader.check_unique_ids(themes, "theme"));
    // A tag naming no entity is the article's own error: with `keep_going` the
    // article is left out like a file that failed to load.
    let unknown_tags = unknown_entity_tags(&content, &failed_entities);
    if keep_going {
        let wrong: BTreeSet<&PathBuf> = unknown_tags.iter().map(|(source, _)| source).collect();
        content.articles.retain(|a| !wrong.contains(&a.source));
        file_errors.extend(unknown_tags.into_iter().map(|(_, error)| error));
    } else {
        errors.extend(unknown_tags.into_iter().map(|(_, error)| error));
    }
    errors.extend(catalog::check_alias_collisions(
        &content.catalog.entities,
        |path| loader.shown(path),
    ));
    // With `keep_going`, errors between the files that loaded still fail the build;
    // the files left out are then reported with them, not lost.
    if keep_going && errors.is_empty() {
        file_errors.sort_by_key(LoadError::location);
        content.skipped = file_errors.iter().map(ToString::to_string).collect();
        let files: BTreeSet<PathBuf> = file_errors.iter().map(|e| e.location().path).collect();
        content.skipped_files = files.len();
    } else {
        errors.append(&mut file_errors);
    }
    if !errors.is_empty() {
        errors.sort_by_key(LoadError::location);
        return Err(errors);
    }
    content.articles.sort_by(|a, b| a.id.cmp(&b.id));
    content.catalog.entities.sort_by(|a, b| a.id.cmp(&b.id));
    content.catalog.themes.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(content)
}

/// Entity tags in articles' front matter that name no entity of the catalog, each
/// with its article's source file.
fn unknown_entity_tags(
    content: &Content,
    failed: &BTreeSet<EntityId>,
) -> Vec<(PathBuf, LoadError)> {
    let known: Vec<&str> = content
        .catalog
        .entities
        .iter()
        .map(|entity| entity.id.as_str())
        .collect();
    content
        .articles
        .iter()
        .flat_map(|article| article.meta.entities.iter().map(|tag| (&article.source, tag)))
        .filter(|(_, tag)| !known.contains(&tag.id.as_str()) && !failed.contains(&tag.id))
        .map(|(source, tag)| (source.clone(), LoadError::Invalid {
            location: tag.location.clone(),
            message: format!(
                "`entities` names `{}`, which is not in the catalog",
                tag.written
            ),
            hint: match crate::diagnostic::did_you_mean(tag.id.as_str(), &known) {
                Some(near) => format!(
                    "did you mean `{near}`? An entity's id is its file name in content/entities/ without `.md`"
                ),
                None => "write the id of an entity in content/entities/ (its file name without `.md`), or add the entity with `dossier new entity`".to_owned(),
            },
        }))
        .collect()
}

/// One article file outside the site (for `dossier import`): `.txt` read as a
/// scraped page, `.md` as front matter and Markdown.
/// The article, and a warning when its encoding had to be guessed.
pub fn load_article_file(path: &Path) -> Result<(Article, Option<String>), LoadError> {
    let scraped = match path.extension().and_then(|e| e.to_str()) {
        Some("txt") => true,
        Some("md") => false,
        _ => {
            return Err(LoadError::Invalid {
                location: Location::file(path),
                message: "not an article file".to_owned(),
                hint: "import takes .txt (a scraped page) or .md (front matter and Markdown)"
                    .to_owned(),
            });
        }
    };
    let decoded = crate::text::read(path, path)?;
    let split = front_matter::split(&decoded.text, path)?;
    let source = (path.to_path_buf(), decoded.digest);
    let article = article_from_file(&split, path, source, scraped)?;
    Ok((article, decoded.warning))
}

/// An article of plain paragraphs, for the analysis rules' unit tests.
#[cfg(test)]
pub(crate) fn test_article(date: Option<NaiveDate>, paragraphs: &[&str]) -> Article {
    Article {
        id: ArticleId::from_name("test"),
        source: PathBuf::from("test.md"),
        source_digest: [0; 32],
        meta: ArticleMeta {
            title: "Test".to_owned(),
            author: None,
            date,
            outlet: None,
            url: None,
            entities: Vec::new(),
        },
        body: ArticleBody {
            blocks: paragraphs
                .iter()
                .map(|text| Block {
                    kind: BlockKind::Paragraph,
                    text: (*text).into(),
                })
                .collect(),
            markdown: false,
        },
    }
}

struct Loader<'a> {
    root: &'a Path,
}

impl Loader<'_> {
    /// A path as the user will recognise it: relative to where they ran dossier.
    fn shown(&self, relative: &Path) -> PathBuf {
        if self.root == Path::new(".") {
            relative.to_path_buf()
        } else {
            self.root.join(relative)
        }
    }

    /// Every file under `content/` (relative to the root), in name order. Dotfiles
    /// (`.DS_Store`, `.gitkeep`) are the file system's, not content.
    fn walk(&self, errors: &mut Vec<LoadError>) -> Vec<PathBuf> {
        let dir = self.root.join(CONTENT_DIR);
        if !dir.is_dir() {
            errors.push(LoadError::Invalid {
                location: Location::file(self.shown(Path::new(CONTENT_DIR))),
                message: "there is no content folder".to_owned(),
                hint: "create content/articles/ and put the articles there".to_owned(),
            });
            return Vec::new();
        }
        let mut files = Vec::new();
        let entries = WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| !entry.file_name().to_string_lossy().starts_with('.'));
        for entry in entries {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry)
                    if entry.path_is_symlink() && !fs::links_inside(entry.path(), self.root) =>
                {
                    errors.push(LoadError::Invalid {
                        location: Location::file(self.shown(
                            entry.path().strip_prefix(self.root).unwrap_or(entry.path()),
                        )),
                        message: if entry.path().exists() {
                            "this is a symbolic link to something outside the site folder (or to a folder); dossier does not follow it"
                        } else {
                            "this symbolic link leads nowhere: what it points to does not exist"
                        }
                        .to_owned(),
                        hint: "copy the file into content/ instead of linking to it".to_owned(),
                    });
                }
                Ok(entry) => match entry.path().strip_prefix(self.root) {
                    Ok(relative) => files.push(relative.to_path_buf()),
                    Err(_) => files.push(entry.path().to_path_buf()),
                },
                Err(error) => errors.push(LoadError::Invalid {
                    location: Location::file(error.path().unwrap_or(&dir)),
                    message: format!("cannot read this folder entry: {error}"),
                    hint: "check the file's permissions".to_owned(),
                }),
            }
        }
        files
    }

    fn load_file(&self, relative: &Path) -> LoadedFile {
        let mut warnings = Vec::new();
        let item = self.load_item(relative, &mut warnings);
        LoadedFile { warnings, item }
    }

    fn load_item(
        &self,
        relative: &Path,
        warnings: &mut Vec<String>,
    ) -> Result<ContentItem, LoadError> {
        let shown = self.shown(relative);
        let kind = ContentKind::of(relative).ok_or_else(|| unsupported(&shown))?;
        let decoded = crate::text::read(&self.root.join(relative), &shown)?;
        warnings.extend(decoded.warning);
        let split = front_matter::split(&decoded.text, &shown)?;
        let source = relative.to_path_buf();
        Ok(match kind {
            ContentKind::Article { scraped } => {
                let source = (source, decoded.digest);
                let article = article_from_file(&split, &shown, source, scraped)?;
                if let Some(url) = article.meta.url.as_deref()
                    && !crate::markdown::is_web_address(url)
                {
                    let at = front_matter::key_location(&split, &shown, "url");
                    warnings.push(format!(
                        "{at}: `url` is not a web address (http:// or https://), so the page does not link it"
                    ));
                }
                ContentItem::Article(article)
            }
            ContentKind::Entity => {
                ContentItem::Entity(catalog::entity_from_file(&split, &shown, source)?)
            }
            ContentKind::Theme => {
                ContentItem::Theme(catalog::theme_from_file(&split, &shown, source)?)
            }
            ContentKind::Intro => ContentItem::Intro(intro_from_file(&split, &shown)?),
        })
    }

    /// Two files whose names slug to the same id would overwrite each other's page.
    /// Two files whose names slug to the same id (they differ only by case, accents
    /// or punctuation) would overwrite each other's page.
    fn check_unique_ids<'a>(
        &self,
        items: impl Iterator<Item = (&'a str, &'a Path)>,
        what: &str,
    ) -> Vec<LoadError> {
        let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
        let mut errors = Vec::new();
        for (id, source) in items {
            if let Some(first) = seen.insert(id, source) {
                errors.push(LoadError::Invalid {
                    location: Location::file(self.shown(source)),
                    message: format!(
                        "this {what} and {} would both be published as `{id}`",
                        self.shown(first).display(),
                    ),
                    hint: "rename one of the two files".to_owned(),
                });
            }
        }
        errors
    }
}

enum ContentKind {
    Article { scraped: bool },
    Entity,
    Theme,
    Intro,
}

impl ContentKind {
    fn of(relative: &Path) -> Option<Self> {
        let parts: Vec<&str> = relative
            .components()
            .filter_map(|part| match part {
                Component::Normal(name) => name.to_str(),
                _ => None,
            })
            .collect();
        let extension = relative.extension().and_then(|ext| ext.to_str());
        match (parts.as_slice(), extension) {
            ([_, "_index.md"], _) => Some(ContentKind::Intro),
            ([_, "articles", .., _], Some("md")) => Some(ContentKind::Article { scraped: false }),
            ([_, "articles", .., _], Some("txt")) => Some(ContentKind::Article { scraped: true }),
            ([_, "entities", _], Some("md")) => Some(ContentKind::Entity),
            ([_, "themes", _], Some("md")) => Some(ContentKind::Theme),
            _ => None,
        }
    }
}

fn unsupported(shown: &Path) -> LoadError {
    LoadError::Invalid {
        location: Location::file(shown),
        message: "dossier does not know what to do with this file".to_owned(),
        hint: "articles go in content/articles/ as .md or .txt, entities in content/entities/*.md, themes in content/themes/*.md; move or remove anything else".to_owned(),
    }
}

/// An article from its split source file: front matter over what the text says.
/// `source` is the file's path (relative to the site root) and the digest of its
/// bytes.
pub fn article_from_file(
    split: &Split<'_>,
    shown: &Path,
    (source, source_digest): (PathBuf, [u8; 32]),
    scraped: bool,
) -> Result<Article, LoadError> {
    let RawArticleFront {
        title,
        author,
        date,
        outlet,
        url,
        entities,
    } = front_matter::parse(split, shown)?;
    let entities = entities
        .into_iter()
        .map(|written| EntityTag {
            id: EntityId::from_name(&written),
            location: front_matter::item_location(split, shown, "entities", &written),
            written,
        })
        .collect();
    let date = date
        .map(|value| {
            dates::parse_iso(&value).ok_or_else(|| LoadError::Invalid {
                location: front_matter::key_location(split, shown, "date"),
                message: format!("`{value}` is not a date"),
                hint: "write the date as YYYY-MM-DD, e.g. `date: 2024-06-20`".to_owned(),
            })
        })
        .transpose()?;
    let (inferred, markdown) = if scraped {
        (scraped_text::parse_scraped(split.body), false)
    } else {
        (markdown_article(split.body), true)
    };
    let blocks: Vec<Block> = inferred
        .blocks
        .into_iter()
        .map(|(kind, text)| Block {
            kind,
            text: text.into(),
        })
        .collect();
    if title
        .as_deref()
        .is_some_and(|title| title.trim().is_empty())
    {
        return Err(LoadError::Invalid {
            location: front_matter::key_location(split, shown, "title"),
            message: "`title` has an empty value".to_owned(),
            hint: "write the title after `title:`, or remove the line to use the one in the text"
                .to_owned(),
        });
    }
    let inferred_title = inferred.title.filter(|title| !title.trim().is_empty());
    let title = title.or(inferred_title).ok_or_else(|| LoadError::Invalid {
        location: Location::file(shown),
        message: "the article has no title".to_owned(),
        hint: "add `title: …` to its front matter".to_owned(),
    })?;
    if blocks.is_empty() {
        return Err(LoadError::Invalid {
            location: Location::new(shown, split.body_first_line, 1),
            message: "no article text found".to_owned(),
            hint: "the file is empty or holds only page furniture; add the article's text or remove the file".to_owned(),
        });
    }
    Ok(Article {
        id: ArticleId::from_name(&catalog::file_stem(&source)),
        source,
        source_digest,
        meta: ArticleMeta {
            title,
            author: author.or(inferred.author),
            date: date.or(inferred.date),
            outlet,
            url,
            entities,
        },
        body: ArticleBody { blocks, markdown },
    })
}

/// A Markdown article states its metadata in front matter; its title may also be
/// its first heading.
fn markdown_article(body: &str) -> scraped_text::ScrapedArticle {
    let blocks = markdown::plain_blocks(body);
    let title = blocks
        .first()
        .filter(|(kind, _)| *kind == BlockKind::Heading)
        .map(|(_, text)| text.clone());
    scraped_text::ScrapedArticle {
        title,
        author: None,
        date: None,
        blocks,
    }
}

fn intro_from_file(split: &Split<'_>, shown: &Path) -> Result<Intro, LoadError> {
    let RawIntroFront { title, description } = front_matter::parse(split, shown)?;
    Ok(Intro {
        title,
        description,
        body: split.body.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::write(path, text).expect("temp folder is writable");
    }

    #[test]
    fn markdown_read_again_is_the_loaded_body_unless_the_file_changed() {
        let site = tempfile::tempdir().expect("temp folder");
        let file = site.path().join("talks.md");
        write(
            &file,
            "---\ntitle: Talks\n---\nThe *talks* went on.\r\n\r\nThey ended.\n",
        );
        let (article, _) = load_article_file(&file).expect("a valid article");
        let markdown = read_markdown(Path::new("."), &article).expect("the file is unchanged");
        assert_eq!(
            markdown.as_deref(),
            Some("The *talks* went on.\n\nThey ended.\n")
        );

        write(&file, "---\ntitle: Talks\n---\nThe talks failed.\n");
        let error = read_markdown(Path::new("."), &article)
            .expect_err("the file changed")
            .to_string();
        assert!(
            error.contains("talks.md") && error.contains("changed after dossier had read it"),
            "{error}"
        );
    }

    #[test]
    fn scraped_text_has_no_markdown_to_read() {
        let site = tempfile::tempdir().expect("temp folder");
        let file = site.path().join("talks.txt");
        let paragraph = "The delegations met in Hanoi on Tuesday and talked for six hours about trade, \
            shipping and the new rail link, officials from both sides said afterwards.";
        write(
            &file,
            &format!("Talks resume in Hanoi\n\n{paragraph}\n\n{paragraph}\n"),
        );
        let (article, _) = load_article_file(&file).expect("a valid article");
        std::fs::remove_file(&file).expect("removable");
        assert_eq!(read_markdown(Path::new("."), &article).ok(), Some(None));
    }
}
