//! Where each page lives in the output and how one page links to another.
//! Invariant: every internal link is relative and names a file (`…/index.html` with
//! pretty URLs), so the site works from disk and under any sub-path.

use crate::ids::{ArticleId, EntityId, ThemeId};

/// A page of the site.
#[derive(Debug, Clone, Copy)]
pub enum Page<'a> {
    Index,
    Article(&'a ArticleId),
    Entity(&'a EntityId),
    Theme(&'a ThemeId),
    Entities,
    Themes,
    Sources,
    Timeline,
    Quotes,
    Figures,
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
        let (folder, name) = match page {
            Page::Index => return "index.html".to_owned(),
            Page::Article(id) => (Some("articles"), id.as_str()),
            Page::Entity(id) => (Some("entities"), id.as_str()),
            Page::Theme(id) => (Some("themes"), id.as_str()),
            Page::Entities => (None, "entities"),
            Page::Themes => (None, "themes"),
            Page::Sources => (None, "sources"),
            Page::Timeline => (None, "timeline"),
            Page::Quotes => (None, "quotes"),
            Page::Figures => (None, "figures"),
        };
        let file = if self.pretty {
            format!("{name}/index.html")
        } else {
            format!("{name}.html")
        };
        match folder {
            Some(folder) => format!("{folder}/{file}"),
            None => file,
        }
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
        format!("{}{}", self.up, self.urls.path(page))
    }

    /// A link to one paragraph of an article.
    pub fn to_paragraph(&self, article: &ArticleId, paragraph: usize) -> String {
        format!("{}#p{paragraph}", self.to(Page::Article(article)))
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
        assert_eq!(pretty.from(Page::Sources).to(Page::Index), "../index.html");
    }
}
