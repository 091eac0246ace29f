//! `dossier import FILE…`: turns raw articles into front-mattered Markdown files in
//! `content/articles/`, so the analyst can read and correct what dossier inferred.
//! A `.txt` page goes through the same loader a build uses (title, author, date
//! and boilerplate stripping); its paragraphs are written as Markdown with every
//! character that Markdown would read as markup escaped, so the imported file
//! builds into the same paragraphs. Nothing is ever overwritten.

use crate::load::{Article, LoadError, load_article_file, read_markdown};
use crate::markdown::BlockKind;
use crate::starter::{StarterError, StarterFile, create};
use crate::yaml::{WriteYamlError, to_block};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Yaml(#[from] WriteYamlError),
    #[error(transparent)]
    Write(#[from] StarterError),
    #[error(
        "{path}: the site already has an article `{id}` ({existing}); nothing was written\n  hint: rename the file to import, or remove the existing article"
    )]
    SameId {
        path: String,
        id: String,
        existing: String,
    },
}

/// One imported article: where it went and what was inferred.
pub struct Imported {
    pub from: PathBuf,
    pub to: PathBuf,
    pub title: String,
    pub author: Option<String>,
    pub date: Option<String>,
    pub paragraphs: usize,
    /// Set when the file's encoding had to be guessed.
    pub warning: Option<String>,
}

#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// Imports `file` into the site at `root`.
pub fn import(root: &Path, file: &Path) -> Result<Imported, ImportError> {
    let (article, warning) = load_article_file(file)?;
    let articles = root.join("content").join("articles");
    for extension in ["md", "txt"] {
        let existing = articles.join(format!("{}.{extension}", article.id));
        if existing.exists() {
            return Err(ImportError::SameId {
                path: file.display().to_string(),
                id: article.id.to_string(),
                existing: existing.display().to_string(),
            });
        }
    }
    let starter = StarterFile {
        path: format!("content/articles/{}.md", article.id),
        // The path stands as given, relative to where dossier runs.
        text: markdown_file(&article, read_markdown(Path::new("."), &article)?)?,
    };
    let to = create(root, &starter)?;
    let meta = article.meta;
    Ok(Imported {
        from: file.to_path_buf(),
        to,
        title: meta.title,
        author: meta.author,
        date: meta.date.map(|d| d.format("%Y-%m-%d").to_string()),
        paragraphs: article.body.blocks.len(),
        warning,
    })
}

/// `markdown` is the article's own, for a `.md` file.
fn markdown_file(article: &Article, markdown: Option<String>) -> Result<String, WriteYamlError> {
    let meta = &article.meta;
    let front = to_block(&Front {
        title: &meta.title,
        author: meta.author.as_deref(),
        date: meta.date.map(|d| d.format("%Y-%m-%d").to_string()),
        outlet: meta.outlet.as_deref(),
        url: meta.url.as_deref(),
    })?;
    let body = match markdown {
        Some(markdown) => markdown,
        None => article
            .body
            .blocks
            .iter()
            .map(|block| match block.kind {
                BlockKind::Heading => format!("## {}\n", escape_markdown(&block.text)),
                BlockKind::Paragraph | BlockKind::ListItem => {
                    format!("{}\n", escape_markdown(&block.text))
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    };
    Ok(format!("---\n{front}---\n{body}"))
}

/// Text that Markdown reads back as the same text: markup characters escaped, and a
/// line start that would open a heading, list, quote or numbered item defused.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    let starts_item = out.starts_with(['-', '+', '='])
        || out.split_once(['.', ')']).is_some_and(|(number, rest)| {
            !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit())
                && (rest.is_empty() || rest.starts_with(' '))
        });
    if starts_item {
        out.insert(out.find(['-', '+', '=', '.', ')']).unwrap_or(0), '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape_markdown("a *b* [c](d) <e> #f"),
            r"a \*b\* \[c\](d) \<e\> \#f"
        );
        assert_eq!(escape_markdown("- not a list"), r"\- not a list");
        assert_eq!(escape_markdown("1. not a list"), r"1\. not a list");
        assert_eq!(escape_markdown("1.5 percent"), "1.5 percent");
        assert_eq!(
            escape_markdown("plain text, 3.5 billion"),
            "plain text, 3.5 billion"
        );
    }
}
