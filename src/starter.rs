//! Starter files for the catalog and the articles: the entity files `dossier
//! suggest` proposes for names the catalog lacks, and the files `dossier new`
//! writes. Entity and theme starters build as written; an article starter needs
//! the article's text below its front matter, and the build says so until it has it.

use crate::aggregate::NameSuggestion;
use crate::ids::slugify;
use crate::load::EntityKind;
use crate::yaml::{WriteYamlError, to_block};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The front matter of a starter entity file.
#[derive(Serialize)]
struct EntityStub<'a> {
    name: &'a str,
    kind: &'a str,
    aliases: [&'a str; 0],
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
}

#[derive(Serialize)]
struct ThemeStub<'a> {
    name: &'a str,
    keywords: [&'a str; 1],
}

#[derive(Serialize)]
struct ArticleStub<'a> {
    title: &'a str,
}

/// Where a starter file goes (relative to the site folder) and what it holds.
pub struct StarterFile {
    pub path: String,
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StarterError {
    #[error("{0}")]
    Yaml(#[from] WriteYamlError),
    #[error(
        "a name is needed\n  hint: give the name in quotes, e.g. `dossier new entity \"To Lam\"`"
    )]
    EmptyName,
    #[error(
        "{path} already exists; nothing was written\n  hint: edit that file, or choose another name"
    )]
    Exists { path: String },
    #[error(
        "{path} already exists, so this folder already holds a site; nothing was written\n  hint: run `dossier init` in a new or empty folder, or pass --root DIR"
    )]
    SiteExists { path: String },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// A ready-to-paste entity file for a suggested name: the guessed kind (to check)
/// and the title seen before the name as its role.
pub fn suggested_entity(suggestion: &NameSuggestion) -> Result<StarterFile, StarterError> {
    let front = to_block(&EntityStub {
        name: &suggestion.name,
        kind: suggestion.kind.as_str(),
        aliases: [],
        role: suggestion.titles.first().map(String::as_str),
    })?;
    Ok(StarterFile {
        path: format!("content/entities/{}.md", slugify(&suggestion.name)),
        text: format!(
            "---\n{front}---\nWho or what {} is, in the analyst's words. (The kind was guessed from the name: check it.)\n",
            suggestion.name
        ),
    })
}

/// `dossier new entity NAME`.
pub fn new_entity(name: &str, kind: EntityKind) -> Result<StarterFile, StarterError> {
    let name = non_empty(name)?;
    let front = to_block(&EntityStub {
        name,
        kind: kind.as_str(),
        aliases: [],
        role: None,
    })?;
    Ok(StarterFile {
        path: format!("content/entities/{}.md", slugify(name)),
        text: format!(
            "---\n{front}# Other names to match go under aliases; `role:` and, for a person, `pronoun:` are optional.\n---\n"
        ),
    })
}

/// `dossier new theme NAME`: the name itself is the first keyword.
pub fn new_theme(name: &str) -> Result<StarterFile, StarterError> {
    let name = non_empty(name)?;
    let keyword = name.to_lowercase();
    let front = to_block(&ThemeStub {
        name,
        keywords: [&keyword],
    })?;
    Ok(StarterFile {
        path: format!("content/themes/{}.md", slugify(name)),
        text: format!(
            "---\n{front}# Add the words and phrases that mark this theme; a trailing * matches word starts.\n---\n"
        ),
    })
}

/// `dossier new article TITLE`: front matter to complete, no invented metadata.
pub fn new_article(title: &str) -> Result<StarterFile, StarterError> {
    let title = non_empty(title)?;
    let front = to_block(&ArticleStub { title })?;
    Ok(StarterFile {
        path: format!("content/articles/{}.md", slugify(title)),
        text: format!(
            "---\n{front}# Add what the source states: date: YYYY-MM-DD, author:, outlet:, url:\n---\n"
        ),
    })
}

#[derive(Serialize)]
struct SiteStub<'a> {
    title: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct IntroStub<'a> {
    title: &'a str,
}

/// The files of a new site that builds as written: site.yaml, an introduction, one
/// article, the two entities and the theme it mentions. Each file says what to do
/// next.
pub fn new_site(title: &str) -> Result<Vec<StarterFile>, StarterError> {
    let title = non_empty(title)?;
    let file = |path: &str, front: String, body: &str| StarterFile {
        path: path.to_owned(),
        text: format!("---\n{front}---\n\n{body}"),
    };
    Ok(vec![
        StarterFile {
            path: "site.yaml".to_owned(),
            text: to_block(&SiteStub {
                title,
                language: "en",
            })?,
        },
        file(
            "content/_index.md",
            to_block(&IntroStub { title })?,
            "What this dossier is about, in a paragraph or two. It opens the briefing page.\n",
        ),
        file(
            "content/articles/first-article.md",
            "title: Ada Lovelace's notes on computing machines\ndate: 1843-09-01\noutlet: Example Gazette\n".to_owned(),
            "Ada Lovelace published her notes on computing machines in London. \"The engine might compose elaborate pieces of music,\" Lovelace wrote.\n\nReplace this article with your own: put articles in content/articles/ as Markdown with front matter like this one, or raw scraped pages as .txt (`dossier import FILE` converts them).\n",
        ),
        file(
            "content/entities/ada-lovelace.md",
            "name: Ada Lovelace\nkind: person\naliases:\n  - Lovelace\npronoun: she\nrole: Mathematician\n".to_owned(),
            "The analyst's profile of the entity goes here. `dossier new entity NAME` writes a file like this one.\n",
        ),
        file(
            "content/entities/london.md",
            "name: London\nkind: place\naliases: []\n".to_owned(),
            "A place the articles mention.\n",
        ),
        file(
            "content/themes/computing.md",
            "name: Computing\nkeywords:\n  - computing\n  - calculating engine\n".to_owned(),
            "The analyst's overview of the theme goes here. `dossier new theme NAME` writes a file like this one.\n",
        ),
    ])
}

/// Writes every file, or none when any exists already. Returns the paths written.
pub fn create_all(root: &Path, files: &[StarterFile]) -> Result<Vec<PathBuf>, StarterError> {
    if let Some(existing) = files.iter().find(|f| root.join(&f.path).exists()) {
        return Err(StarterError::SiteExists {
            path: root.join(&existing.path).display().to_string(),
        });
    }
    files.iter().map(|file| create(root, file)).collect()
}

/// Writes `file` under `root`, never over an existing file. Returns the path.
pub fn create(root: &Path, file: &StarterFile) -> Result<PathBuf, StarterError> {
    let path = root.join(&file.path);
    let shown = path.display().to_string();
    let failed = |source| StarterError::Write {
        path: shown.clone(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    let mut out = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(out) => out,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(StarterError::Exists { path: shown });
        }
        Err(error) => return Err(failed(error)),
    };
    out.write_all(file.text.as_bytes()).map_err(failed)?;
    Ok(path)
}

fn non_empty(name: &str) -> Result<&str, StarterError> {
    let name = name.trim();
    if name.is_empty() {
        Err(StarterError::EmptyName)
    } else {
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ArticleId, ParagraphRef};
    use crate::load::EntityKind;

    #[test]
    fn a_starter_file_is_valid_entity_front_matter() {
        let suggestion = NameSuggestion {
            name: "Luong Van Khai".to_owned(),
            kind: EntityKind::Person,
            titles: vec!["Deputy Trade Minister".to_owned()],
            articles: vec![ArticleId::from_name("a")],
            count: 2,
            examples: vec![(
                ParagraphRef {
                    article: ArticleId::from_name("a"),
                    paragraph: 1,
                },
                "Deputy Trade Minister Luong Van Khai said so.".to_owned(),
            )],
        };
        let file = suggested_entity(&suggestion).expect("serialises");
        assert_eq!(file.path, "content/entities/luong-van-khai.md");
        assert!(file.text.starts_with(
            "---\nname: Luong Van Khai\nkind: person\naliases: []\nrole: Deputy Trade Minister\n---\n"
        ), "{}", file.text);
    }
}
