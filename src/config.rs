//! Stage 1, config: reads `site.yaml` into a validated `SiteConfig`.

use crate::diagnostic::Location;
use crate::fs;
use crate::text::{self, TextError};
use crate::yaml::{self, YamlError};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "site.yaml";

/// `site.yaml` exactly as written; unknown keys are an error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSiteConfig {
    title: String,
    description: Option<String>,
    language: Option<String>,
    base_url: Option<String>,
    pretty_urls: Option<bool>,
    minify: Option<bool>,
}

/// Site-wide settings, validated, with defaults applied.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The site folder: holds `site.yaml`, `content/` and optional `templates/`.
    pub root: PathBuf,
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    /// Absolute site URL, ending in `/`; used only where a link must be absolute.
    pub base_url: Option<String>,
    /// `entities/x/index.html` instead of `entities/x.html`.
    pub pretty_urls: bool,
    pub minify: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "{}: no site.yaml here\n  hint: run dossier in the site folder, pass --root DIR, or run `dossier init` to create a starter site here",
        path.display()
    )]
    Missing { path: PathBuf },
    #[error(transparent)]
    Read(#[from] fs::FsError),
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

impl ConfigError {
    pub fn location(&self) -> Location {
        match self {
            ConfigError::Missing { path } => Location::file(path),
            ConfigError::Read(error) => Location::file(&error.path),
            ConfigError::Yaml(error) => error.location.clone(),
            ConfigError::Text(error) => error.location(),
            ConfigError::Invalid { location, .. } => location.clone(),
        }
    }
}

/// Reads `<root>/site.yaml`. Paths in errors are shown as the user gave the root, so
/// they read like the command line the user typed.
pub fn load_config(root: &Path) -> Result<SiteConfig, ConfigError> {
    let path = if root == Path::new(".") {
        PathBuf::from(CONFIG_FILE)
    } else {
        root.join(CONFIG_FILE)
    };
    if !path.is_file() {
        return Err(ConfigError::Missing { path });
    }
    let text = text::read_utf8(&path, &path)?;
    let raw: RawSiteConfig = yaml::parse_block(&text, &path, 1)?;
    validate(raw, root, &path, &text)
}

fn validate(
    raw: RawSiteConfig,
    root: &Path,
    path: &Path,
    text: &str,
) -> Result<SiteConfig, ConfigError> {
    let RawSiteConfig {
        title,
        description,
        language,
        base_url,
        pretty_urls,
        minify,
    } = raw;
    let base_url = base_url
        .map(|url| normalise_base_url(&url, path, text))
        .transpose()?;
    Ok(SiteConfig {
        root: root.to_path_buf(),
        title,
        description,
        language: language.unwrap_or_else(|| "en".to_owned()),
        base_url,
        pretty_urls: pretty_urls.unwrap_or(false),
        minify: minify.unwrap_or(true),
    })
}

fn normalise_base_url(url: &str, path: &Path, text: &str) -> Result<String, ConfigError> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        let (line, column) = yaml::key_position(text, "base_url").unwrap_or((1, 1));
        return Err(ConfigError::Invalid {
            location: Location::new(path, line, column),
            message: format!("base_url `{url}` is not an absolute http(s) URL"),
            hint: "write it in full, e.g. `base_url: https://example.org/dossier/`, or remove it"
                .to_owned(),
        });
    }
    Ok(if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    })
}
