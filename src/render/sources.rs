//! The sources page: every article by outlet, newest first. A list longer than one
//! page becomes an overview of the outlets, each with its own pages, so no page
//! grows with the corpus and a new article changes only its outlet's pages.

use super::findings::shown::SOURCES_PAGE;
use super::urls::{Linker, Page, SourcePart};
use super::views::*;
use super::{Site, newest_first, pager, row};
use crate::load::{Article, Content};
use std::collections::{BTreeMap, BTreeSet};

/// The articles by outlet (named outlets alphabetically, then those that name none),
/// cut into parts when there are more than `SOURCES_PAGE`; none when there are not.
pub(super) fn source_parts(content: &Content) -> Vec<(SourcePart<'_>, Vec<&Article>)> {
    if content.articles.len() <= SOURCES_PAGE {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut names = BTreeSet::new();
    for (outlet, articles) in by_outlet(newest_first(content)) {
        let chunks: Vec<&[&Article]> = articles.chunks(SOURCES_PAGE).collect();
        let part = |twin, part| SourcePart { outlet, twin, part };
        // Two outlets whose names make the same slug must not share a page.
        let twin = (1..)
            .find(|&twin| (1..=chunks.len()).all(|n| !names.contains(&part(twin, n).name())))
            .unwrap_or(1);
        for (index, chunk) in chunks.into_iter().enumerate() {
            let part = part(twin, index + 1);
            names.insert(part.name());
            parts.push((part, chunk.to_vec()));
        }
    }
    parts
}

/// Named outlets alphabetically, then the articles whose outlet is unknown; each
/// outlet's articles in the order given.
fn by_outlet(articles: Vec<&Article>) -> Vec<(Option<&str>, Vec<&Article>)> {
    let mut groups: BTreeMap<Option<&str>, Vec<&Article>> = BTreeMap::new();
    for article in articles {
        groups
            .entry(article.meta.outlet.as_deref())
            .or_default()
            .push(article);
    }
    let (unknown, named): (Vec<_>, Vec<_>) =
        groups.into_iter().partition(|(outlet, _)| outlet.is_none());
    named.into_iter().chain(unknown).collect()
}

impl<'a> Site<'a> {
    /// The sources page (`None`): every article by outlet, or, for a long list, the
    /// outlets with links to their parts; or one part.
    pub(super) fn sources_view(&self, part: Option<SourcePart<'a>>) -> SourcesView<'a> {
        let linker = self.linker(Page::Sources(part));
        let Some(part) = part else {
            return if self.source_parts.is_empty() {
                self.all_sources(&linker)
            } else {
                self.source_overview(&linker)
            };
        };
        let at = self.source_parts.iter().position(|(p, _)| *p == part);
        let articles = at.map_or(&[][..], |at| self.source_parts[at].1.as_slice());
        SourcesView {
            title: Some(part_title(part)),
            groups: vec![SourceGroupView {
                outlet: part.outlet,
                articles: articles.iter().map(|a| row(a, &linker)).collect(),
            }],
            outlets: Vec::new(),
            pager: Some(pager(&linker, Page::Sources(None), at, |index| {
                let (part, _) = self.source_parts.get(index)?;
                Some(Page::Sources(Some(*part)))
            })),
        }
    }

    fn all_sources(&self, linker: &Linker) -> SourcesView<'a> {
        SourcesView {
            title: None,
            groups: by_outlet(newest_first(self.content))
                .into_iter()
                .map(|(outlet, articles)| SourceGroupView {
                    outlet,
                    articles: articles.iter().map(|a| row(a, linker)).collect(),
                })
                .collect(),
            outlets: Vec::new(),
            pager: None,
        }
    }

    fn source_overview(&self, linker: &Linker) -> SourcesView<'a> {
        let mut outlets: Vec<OutletView<'a>> = Vec::new();
        for (part, articles) in &self.source_parts {
            match outlets.last_mut() {
                Some(last) if part.part > 1 => last.articles += articles.len(),
                _ => outlets.push(OutletView {
                    outlet: part.outlet,
                    href: linker.to(Page::Sources(Some(*part))),
                    articles: articles.len(),
                }),
            }
        }
        SourcesView {
            title: None,
            groups: Vec::new(),
            outlets,
            pager: None,
        }
    }
}

/// "Reuters", "Reuters, part 2", "Outlet not stated".
fn part_title(part: SourcePart<'_>) -> String {
    let outlet = part.outlet.unwrap_or("Outlet not stated");
    match part.part {
        0 | 1 => outlet.to_owned(),
        n => format!("{outlet}, part {n}"),
    }
}
