//! `dossier check`: everything a build does but writing, then a look at the result
//! for what an analyst should fix. Broken internal links are errors; the rest
//! (entities never mentioned, themes no article touches, articles that name no
//! entity, name no entity they are tagged with, or state no date, likely
//! duplicates) are findings to review.

use crate::aggregate::Dossier;
use crate::load::Content;
use crate::render::OutputFile;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::LazyLock;

/// What `dossier check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// (page, href) pairs whose target file or anchor does not exist.
    pub broken_links: Vec<(String, String)>,
    /// Entity files whose names no article uses.
    pub unmentioned_entities: Vec<PathBuf>,
    /// Theme files whose keywords no article uses.
    pub empty_themes: Vec<PathBuf>,
    pub articles_without_entities: Vec<PathBuf>,
    /// (article, entity id): the article's front matter tags an entity that its
    /// text never names, so the catalog likely lacks the form the text uses.
    pub tags_not_named: Vec<(PathBuf, String)>,
    pub undated_articles: Vec<PathBuf>,
    /// (copy, original, percent of text shared).
    pub duplicates: Vec<(PathBuf, PathBuf, u8)>,
}

impl CheckReport {
    /// Whether anything must be fixed before publishing.
    pub fn has_errors(&self) -> bool {
        !self.broken_links.is_empty()
    }
}

/// An attribute's value in any of HTML's three spellings: double-quoted,
/// single-quoted or bare (minified pages drop quotes a value does not need).
const ATTRIBUTE_VALUE: &str = r#"(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"#;
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\s(?:href|src)={ATTRIBUTE_VALUE}"))
        .unwrap_or_else(|error| unreachable!("link: {error}"))
});
static ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\sid={ATTRIBUTE_VALUE}"))
        .unwrap_or_else(|error| unreachable!("id: {error}"))
});

pub fn inspect(content: &Content, dossier: &Dossier, files: &[OutputFile]) -> CheckReport {
    let sources: BTreeMap<_, _> = content
        .articles
        .iter()
        .map(|a| (&a.id, a.source.clone()))
        .collect();
    let source_of = |id| sources.get(id).cloned().unwrap_or_default();
    CheckReport {
        broken_links: broken_links(files),
        unmentioned_entities: content
            .catalog
            .entities
            .iter()
            .zip(&dossier.entities)
            .filter(|(_, digest)| digest.mentions == 0)
            .map(|(entity, _)| entity.source.clone())
            .collect(),
        empty_themes: content
            .catalog
            .themes
            .iter()
            .zip(&dossier.themes)
            .filter(|(_, digest)| digest.articles.is_empty())
            .map(|(theme, _)| theme.source.clone())
            .collect(),
        articles_without_entities: dossier
            .articles
            .iter()
            .filter(|digest| digest.entities.is_empty())
            .map(|digest| source_of(&digest.article))
            .collect(),
        tags_not_named: content
            .articles
            .iter()
            .zip(&dossier.articles)
            .flat_map(|(article, digest)| {
                article
                    .meta
                    .entities
                    .iter()
                    .filter(|tag| !digest.entities.iter().any(|t| t.id == tag.id))
                    .map(|tag| (article.source.clone(), tag.id.to_string()))
            })
            .collect(),
        undated_articles: content
            .articles
            .iter()
            .filter(|article| article.meta.date.is_none())
            .map(|article| article.source.clone())
            .collect(),
        duplicates: dossier
            .articles
            .iter()
            .filter_map(|digest| {
                let copy = digest.duplicate_of.as_ref()?;
                Some((
                    source_of(&digest.article),
                    source_of(&copy.original),
                    copy.shared_percent,
                ))
            })
            .collect(),
    }
}

/// Every relative link of every page that names a missing file or a missing
/// anchor in an existing one.
fn broken_links(files: &[OutputFile]) -> Vec<(String, String)> {
    let pages: BTreeMap<&str, &str> = files
        .iter()
        .map(|f| {
            (
                f.path.as_str(),
                std::str::from_utf8(&f.bytes).unwrap_or_default(),
            )
        })
        .collect();
    let ids: BTreeMap<&str, BTreeSet<&str>> = pages
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, html)| {
            let ids = ID.captures_iter(html).filter_map(attribute_value).collect();
            (*path, ids)
        })
        .collect();
    let mut broken = Vec::new();
    for (page, html) in pages.iter().filter(|(path, _)| path.ends_with(".html")) {
        for href in LINK.captures_iter(html).filter_map(attribute_value) {
            let href = unescape_attribute(href);
            let Some((target, fragment)) = resolve(page, &href) else {
                continue;
            };
            let exists = match (pages.contains_key(target.as_str()), fragment) {
                (false, _) => false,
                (true, None) => true,
                (true, Some(fragment)) => ids
                    .get(target.as_str())
                    .is_some_and(|ids| ids.contains(fragment.as_str())),
            };
            if !exists {
                broken.push(((*page).to_owned(), href));
            }
        }
    }
    broken
}

/// The value `LINK` or `ID` matched, in whichever spelling.
fn attribute_value<'h>(found: regex::Captures<'h>) -> Option<&'h str> {
    (1..=3)
        .find_map(|group| found.get(group))
        .map(|m| m.as_str())
}

/// An attribute value as the browser reads it, its character references decoded.
fn unescape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let decoded = tail.find(';').and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &tail[length..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The output path and anchor a relative `href` on `page` leads to; `None` for
/// links that leave the site (a scheme, an absolute path) or go nowhere ("#").
pub fn resolve(page: &str, href: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_owned()).filter(|f| !f.is_empty())),
        None => (href, None),
    };
    if path.starts_with('/') || path.contains(':') || (path.is_empty() && fragment.is_none()) {
        return None;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if !path.is_empty() {
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                name => parts.push(name),
            }
        }
    } else {
        parts.push(page.rsplit('/').next()?);
    }
    Some((parts.join("/"), fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn attribute_entities_are_decoded() {
        assert_eq!(
            unescape_attribute("..&#x2F;a.html?x=1&amp;y=2"),
            "../a.html?x=1&y=2"
        );
        assert_eq!(unescape_attribute("a&b &#47;c &bogus;"), "a&b /c &bogus;");
    }

    #[test]
    fn finds_missing_files_and_anchors_only() {
        let files = [
            page(
                "index.html",
                r##"<a href="articles/a.html#p2">ok</a> <a href="articles/a.html#p9">no anchor</a>
                <a href="articles/b.html">no file</a> <a href="https://example.org/x">away</a>
                <a href="#">nowhere</a> <link href="style.css">"##,
            ),
            page(
                "articles/a.html",
                r#"<p id="p1"></p><p id="p2"><a href="../index.html">home</a></p>"#,
            ),
            page("style.css", ""),
        ];
        assert_eq!(
            broken_links(&files),
            [
                ("index.html".to_owned(), "articles/a.html#p9".to_owned()),
                ("index.html".to_owned(), "articles/b.html".to_owned()),
            ]
        );
    }

    #[test]
    fn reads_links_and_anchors_however_they_are_quoted() {
        let files = [
            page(
                "index.html",
                "<a href=a.html#p1>ok</a><a href='a.html#p2'>ok</a><a class=x href=a.html#p3>no</a>",
            ),
            page(
                "a.html",
                "<p id=p1></p><p class=x id='p2'></p><p data-id=p3></p>",
            ),
        ];
        assert_eq!(
            broken_links(&files),
            [("index.html".to_owned(), "a.html#p3".to_owned())]
        );
    }
}
