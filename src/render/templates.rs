//! The tera templates: the default theme is embedded in the binary, and any file of
//! the same name in the site's `templates/` folder overrides it.

use crate::fs;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;

/// `(name, embedded default)`; the stylesheet is copied, not rendered.
const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("entity.html", include_str!("../../templates/entity.html")),
    ("theme.html", include_str!("../../templates/theme.html")),
    (
        "entities.html",
        include_str!("../../templates/entities.html"),
    ),
    ("themes.html", include_str!("../../templates/themes.html")),
    ("sources.html", include_str!("../../templates/sources.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("quotes.html", include_str!("../../templates/quotes.html")),
    ("figures.html", include_str!("../../templates/figures.html")),
];
const DEFAULT_STYLESHEET: &str = include_str!("../../templates/style.css");

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error(transparent)]
    Read(#[from] fs::FsError),
    #[error(
        "{path}: template error: {message}\n  hint: fix the template, or delete it to use the default"
    )]
    Parse { path: String, message: String },
}

/// The templates and the stylesheet a site renders with.
pub struct Templates {
    pub tera: Tera,
    pub stylesheet: Vec<u8>,
}

pub fn load_templates(root: &Path) -> Result<Templates, TemplateError> {
    let folder = root.join("templates");
    let mut sources: BTreeMap<&str, String> = BTreeMap::new();
    for (name, default) in DEFAULTS {
        let path = folder.join(name);
        let source = if path.is_file() {
            String::from_utf8_lossy(&fs::read_bytes(&path)?).into_owned()
        } else {
            (*default).to_owned()
        };
        sources.insert(name, source);
    }
    let stylesheet_path = folder.join("style.css");
    let stylesheet = if stylesheet_path.is_file() {
        fs::read_bytes(&stylesheet_path)?
    } else {
        DEFAULT_STYLESHEET.as_bytes().to_vec()
    };
    let mut tera = Tera::default();
    tera.add_raw_templates(
        sources
            .iter()
            .map(|(name, source)| (*name, source.as_str())),
    )
    .map_err(|error| TemplateError::Parse {
        path: folder.display().to_string(),
        message: error_chain(&error),
    })?;
    Ok(Templates { tera, stylesheet })
}

/// tera nests the useful message in its error's sources.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
