//! Where each page lives in the output and how one page links to another.
//! Invariant: every internal link is relative and names a file (`…/index.html` with
//! pretty URLs), so the site works from disk and under any sub-path.

use crate::ids::{ArticleId, EntityId, ThemeId, slugify};
use std::fmt::Write;

/// A page of the site.
#[derive(Debug, Clone, Copy)]
pub enum Page<'a> {
    Index,
    Article(&'a ArticleId),
    Entity(&'a EntityId),
    Theme(&'a ThemeId),
    Entities,
    Themes,
    /// The sources (`None`), or one part of a list too long for one page.
    Sources(Option<SourcePart<'a>>),
    /// The timeline (`None`), or one part of a timeline too long for one page.
    Timeline(Option<TimelinePart>),
    Quotes,
    Figures,
}

/// A page of a timeline too long for one page: the entries of one month, or of one
/// year for statements dated no closer (decades go with their first year), cut into
/// numbered parts when there are many. Adding an article then changes only the
/// parts of the periods it dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimelinePart {
    pub year: i32,
    pub month: Option<u32>,
    /// From 1.
    pub part: usize,
}

impl TimelinePart {
    /// `2024-06`, `2023`, then `2024-06-part-2` for the later parts.
    fn name(&self) -> String {
        let period = match self.month {
            Some(month) => format!("{:04}-{month:02}", self.year),
            None => format!("{:04}", self.year),
        };
        match self.part {
            0 | 1 => period,
            part => format!("{period}-part-{part}"),
        }
    }
}

/// A page of a sources list too long for one page: one outlet's articles, newest
/// first, cut into numbered parts when there are many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePart<'a> {
    /// `None` for the articles that do not name their outlet.
    pub outlet: Option<&'a str>,
    /// 2, 3, … when an earlier outlet's page names would be the same.
    pub twin: usize,
    /// From 1.
    pub part: usize,
}

impl SourcePart<'_> {
    /// `reuters`, `reuters-part-2`, `outlet-not-stated`; `reuters-2` for a twin.
    pub fn name(&self) -> String {
        let mut name = self
            .outlet
            .map_or_else(|| "outlet-not-stated".to_owned(), slugify);
        // Writing to a String cannot fail.
        if self.twin > 1 {
            let _ = write!(name, "-{}", self.twin);
        }
        if self.part > 1 {
            let _ = write!(name, "-part-{}", self.part);
        }
        name
    }
}

pub const STYLESHEET: &str = "style.css";
pub const DATA: &str = "dossier.json";

#[derive(Debug, Clone, Copy)]
pub struct Urls {
    pub pretty: bool,
}

impl Urls {
    /// The page's path relative to the output root, always with `/` separators.
    pub fn path(&self, page: Page<'_>) -> String {
        let mut path = String::with_capacity(64);
        self.push_path(page, &mut path);
        path
    }

    /// Appends the page's path to `out`: links are made by the thousand per page, so
    /// without an allocation each.
    fn push_path(&self, page: Page<'_>, out: &mut String) {
        let named;
        let (folder, name) = match page {
            Page::Index => {
                out.push_str("index.html");
                return;
            }
            Page::Article(id) => (Some("articles"), id.as_str()),
            Page::Entity(id) => (Some("entities"), id.as_str()),
            Page::Theme(id) => (Some("themes"), id.as_str()),
            Page::Entities => (None, "entities"),
            Page::Themes => (None, "themes"),
            Page::Sources(None) => (None, "sources"),
            Page::Sources(Some(part)) => {
                named = part.name();
                (Some("sources"), named.as_str())
            }
            Page::Timeline(None) => (None, "timeline"),
            Page::Timeline(Some(part)) => {
                named = part.name();
                (Some("timeline"), named.as_str())
            }
            Page::Quotes => (None, "quotes"),
            Page::Figures => (None, "figures"),
        };
        if let Some(folder) = folder {
            out.push_str(folder);
            out.push('/');
        }
        out.push_str(name);
        out.push_str(if self.pretty { "/index.html" } else { ".html" });
    }

    /// A linker for links written on `page`.
    pub fn from(&self, page: Page<'_>) -> Linker {
        let depth = self.path(page).matches('/').count();
        Linker {
            urls: *self,
            up: "../".repeat(depth),
        }
    }
}

/// Makes relative links from one page.
#[derive(Debug, Clone)]
pub struct Linker {
    urls: Urls,
    up: String,
}

impl Linker {
    pub fn to(&self, page: Page<'_>) -> String {
        let mut link = String::with_capacity(self.up.len() + 64);
        link.push_str(&self.up);
        self.urls.push_path(page, &mut link);
        link
    }

    /// A link to one paragraph of an article.
    pub fn to_paragraph(&self, article: &ArticleId, paragraph: usize) -> String {
        let mut link = self.to(Page::Article(article));
        // Writing to a String cannot fail.
        let _ = write!(link, "#p{paragraph}");
        link
    }

    /// A file at the output root, such as the stylesheet.
    pub fn asset(&self, path: &str) -> String {
        format!("{}{path}", self.up)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_files() {
        let id = EntityId::from_name("vladimir-putin");
        let plain = Urls { pretty: false };
        assert_eq!(
            plain.path(Page::Entity(&id)),
            "entities/vladimir-putin.html"
        );
        assert_eq!(
            plain.from(Page::Index).to(Page::Entity(&id)),
            "entities/vladimir-putin.html"
        );
        assert_eq!(
            plain.from(Page::Entity(&id)).to(Page::Index),
            "../index.html"
        );
        let pretty = Urls { pretty: true };
        assert_eq!(
            pretty.path(Page::Entity(&id)),
            "entities/vladimir-putin/index.html"
        );
        assert_eq!(
            pretty.from(Page::Entity(&id)).asset(STYLESHEET),
            "../../style.css"
        );
        assert_eq!(
            pretty.from(Page::Sources(None)).to(Page::Index),
            "../index.html"
        );
        let reuters = SourcePart {
            outlet: Some("Reuters"),
            twin: 1,
            part: 2,
        };
        assert_eq!(
            plain.path(Page::Sources(Some(reuters))),
            "sources/reuters-part-2.html"
        );
        let june = TimelinePart {
            year: 2024,
            month: Some(6),
            part: 2,
        };
        assert_eq!(plain.path(Page::Timeline(None)), "timeline.html");
        assert_eq!(
            plain
                .from(Page::Timeline(Some(june)))
                .to(Page::Timeline(None)),
            "../timeline.html"
        );
        assert_eq!(
            pretty.path(Page::Timeline(Some(june))),
            "timeline/2024-06-part-2/index.html"
        );
        let year = TimelinePart {
            year: 2023,
            month: None,
            part: 1,
        };
        assert_eq!(plain.path(Page::Timeline(Some(year))), "timeline/2023.html");
    }
}
