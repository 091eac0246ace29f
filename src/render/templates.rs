//! The tera templates: the default theme is embedded in the binary, and any file of
//! the same name in the site's `templates/` folder overrides it.

use crate::config::SiteConfig;
use crate::diagnostic::{Location, did_you_mean};
use crate::fs;
use crate::minify::minify_template;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
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
    #[error(transparent)]
    Text(#[from] crate::text::TextError),
    #[error("{at}: {message}\n  hint: {hint}")]
    Invalid {
        /// `path:line:column`, or the path alone when tera gives no position.
        at: String,
        message: String,
        hint: String,
    },
}

/// One template's text and where it came from.
#[derive(Debug)]
struct TemplateSource {
    /// As shown in messages: the override's path, or `<built-in>/<name>`.
    shown: PathBuf,
    text: String,
}

/// The templates and the stylesheet a site renders with.
pub struct Templates {
    pub tera: Tera,
    pub stylesheet: Vec<u8>,
    /// What the build tells but does not fail on: a template file nothing uses.
    pub warnings: Vec<String>,
    /// Whether `tera` holds the templates minified (`crate::minify`), so the pages
    /// they render need no minifying of their own.
    pub minified: bool,
    sources: BTreeMap<String, TemplateSource>,
}

/// Loads the built-in templates, then every `.html` file of the site's `templates/`
/// folder over them: a file named like a built-in one replaces it, any other is a
/// partial the site's own templates may include, import or extend. With
/// `config.minify`, tera renders their minified markup where every one allows it.
pub fn load_templates(config: &SiteConfig) -> Result<Templates, TemplateError> {
    let root = config.root.as_path();
    let folder = if root == Path::new(".") {
        PathBuf::from("templates")
    } else {
        root.join("templates")
    };
    let mut sources: BTreeMap<String, TemplateSource> = DEFAULTS
        .iter()
        .map(|(name, text)| {
            let source = TemplateSource {
                shown: Path::new("<built-in>").join(name),
                text: (*text).to_owned(),
            };
            ((*name).to_owned(), source)
        })
        .collect();
    for name in fs::files_under(&folder) {
        if name.ends_with(".html") {
            let shown = folder.join(&name);
            let text = crate::text::read_utf8(&shown, &shown)?;
            sources.insert(name, TemplateSource { shown, text });
        }
    }
    let stylesheet_path = folder.join("style.css");
    let stylesheet = if stylesheet_path.is_file() {
        fs::read_bytes(&stylesheet_path)?
    } else {
        DEFAULT_STYLESHEET.as_bytes().to_vec()
    };
    let (tera, loaded) = tera_with(
        sources
            .iter()
            .map(|(name, source)| (name.as_str(), source.text.as_str())),
    );
    let mut templates = Templates {
        tera,
        stylesheet,
        warnings: Vec::new(),
        minified: false,
        sources,
    };
    // The templates as written are parsed first, so errors name their own lines.
    if let Err(error) = loaded {
        return Err(templates.explain(&error_chain(&error), None));
    }
    templates.warnings = templates.unused();
    if config.minify {
        templates.minify();
    }
    Ok(templates)
}

fn tera_with<'t>(
    templates: impl IntoIterator<Item = (&'t str, &'t str)>,
) -> (Tera, tera::Result<()>) {
    let mut tera = Tera::default();
    tera.set_escape_fn(super::escape::escape_html);
    let loaded = tera.add_raw_templates(templates);
    (tera, loaded)
}

impl Templates {
    /// Swaps in the minified templates, if every one can be minified on its own.
    fn minify(&mut self) {
        let minified: Option<Vec<(&str, String)>> = self
            .sources
            .iter()
            .map(|(name, source)| Some((name.as_str(), minify_template(&source.text)?)))
            .collect();
        let Some(minified) = minified else {
            return;
        };
        let (tera, loaded) = tera_with(minified.iter().map(|(name, text)| (*name, text.as_str())));
        if loaded.is_ok() {
            self.tera = tera;
            self.minified = true;
        }
    }

    /// A tera error, located in the template source it concerns where the message
    /// allows. `page` is the page being rendered and its data, for suggesting the
    /// field meant.
    pub fn explain(&self, chain: &str, page: Option<(&str, &serde_json::Value)>) -> TemplateError {
        if let Some(parse) = self.parse_error(chain) {
            return parse;
        }
        if let Some(missing) = self.missing_template(chain) {
            return missing;
        }
        if let Some(variable) = between(chain, "Variable `", "`") {
            return self.unknown_variable(chain, variable, page);
        }
        if let Some(unknown) = self.unknown_callable(chain, page) {
            return unknown;
        }
        let at = quoted_names(chain)
            .into_iter()
            .find_map(|name| self.sources.get(name))
            .map_or_else(
                || "templates".to_owned(),
                |source| source.shown.display().to_string(),
            );
        let message = match page {
            Some((path, _)) => format!("{chain} (rendering {path})"),
            None => chain.to_owned(),
        };
        TemplateError::Invalid {
            at,
            message,
            hint: FIX_HINT.to_owned(),
        }
    }

    /// tera's parser reports `Failed to parse 'name': --> line:col … = expected …`.
    fn parse_error(&self, chain: &str) -> Option<TemplateError> {
        let name = between(chain, "Failed to parse '", "'")?;
        let source = self.sources.get(name)?;
        let (line, column) = between(chain, "--> ", "\n")
            .and_then(|at| at.trim().split_once(':'))
            .and_then(|(line, column)| Some((line.parse().ok()?, column.parse().ok()?)))
            .unwrap_or((1, 1));
        let expected = chain
            .lines()
            .find_map(|line| line.trim_start().strip_prefix("= "))
            .unwrap_or("a syntax error");
        Some(TemplateError::Invalid {
            at: Location::new(&source.shown, line, column).to_string(),
            message: format!("template syntax error: {expected}"),
            hint: FIX_HINT.to_owned(),
        })
    }

    /// A template that extends, includes or imports one that does not exist.
    fn missing_template(&self, chain: &str) -> Option<TemplateError> {
        let names = quoted_names(chain);
        let missing = names
            .iter()
            .find(|name| !self.sources.contains_key(**name))?;
        let (shown, line, column) =
            self.find_text(&names, &[format!("\"{missing}\""), format!("'{missing}'")])?;
        let known: Vec<&str> = self.sources.keys().map(String::as_str).collect();
        let hint = match near_name(missing, &known) {
            Some(near) => format!("did you mean `{near}`? Templates: {}", known.join(", ")),
            None => format!(
                "add templates/{missing}, or use one of: {}",
                known.join(", ")
            ),
        };
        Some(TemplateError::Invalid {
            at: Location::new(shown, line, column).to_string(),
            message: format!("template `{missing}` does not exist"),
            hint,
        })
    }

    fn unknown_variable(
        &self,
        chain: &str,
        variable: &str,
        page: Option<(&str, &serde_json::Value)>,
    ) -> TemplateError {
        let names = quoted_names(chain);
        let at = self.find_variable(&names, variable).map_or_else(
            || self.first_of(&names),
            |(shown, line, column)| Location::new(shown, line, column).to_string(),
        );
        let (parent, field) = variable.rsplit_once('.').unwrap_or(("", variable));
        let fields = page
            .map(|(_, context)| fields_at(context, parent))
            .unwrap_or_default();
        let known: Vec<&str> = fields.iter().map(String::as_str).collect();
        let hint = match did_you_mean(field, &known) {
            Some(near) if parent.is_empty() => format!("did you mean `{near}`?"),
            Some(near) => format!("did you mean `{parent}.{near}`?"),
            None if !known.is_empty() => format!(
                "`{}` has: {}; test optional fields with `{{% if … %}}`",
                if parent.is_empty() {
                    "the page"
                } else {
                    parent
                },
                known.join(", ")
            ),
            None => "test optional fields with `{% if … %}`; see the README's template fields"
                .to_owned(),
        };
        let rendering = page.map_or("a page", |(path, _)| path);
        TemplateError::Invalid {
            at,
            message: format!("`{variable}` does not exist (rendering {rendering})"),
            hint,
        }
    }

    /// A filter, function or test tera does not have: tera says `Filter 'shout'
    /// not found` with no position, so the first use in the templates is found.
    fn unknown_callable(
        &self,
        chain: &str,
        page: Option<(&str, &serde_json::Value)>,
    ) -> Option<TemplateError> {
        let (kind, name, usage) = [
            ("Filter", "filter"),
            ("Function", "function"),
            ("Test", "test"),
        ]
        .into_iter()
        .find_map(|(said, kind)| {
            let name = between(chain, &format!("{said} '"), "' not found")?;
            let escaped = regex::escape(name);
            let usage = match kind {
                "filter" => format!(r"\|\s*{escaped}\b"),
                "function" => format!(r"\b{escaped}\s*\("),
                _ => format!(r"\bis\s+(not\s+)?{escaped}\b"),
            };
            Some((kind, name, regex::Regex::new(&usage).ok()?))
        })?;
        let names = quoted_names(chain);
        let at = self.find_usage(&names, &usage).map_or_else(
            || self.first_of(&names),
            |(shown, line, column)| Location::new(shown, line, column).to_string(),
        );
        let rendering = page.map_or("a page", |(path, _)| path);
        Some(TemplateError::Invalid {
            at,
            message: format!("there is no {kind} `{name}` (rendering {rendering})"),
            hint: format!(
                "use one of tera's built-in {kind}s (listed in tera's documentation), or remove it"
            ),
        })
    }

    /// The first use of `variable` as a whole expression path in the named
    /// templates, then in any template (it may sit in a macro).
    fn find_variable(&self, names: &[&str], variable: &str) -> Option<(PathBuf, usize, usize)> {
        self.named_first(names).find_map(|source| {
            position_of_path(&source.text, variable)
                .map(|(line, column)| (source.shown.clone(), line, column))
        })
    }

    /// The named templates, then every template.
    fn named_first<'s>(&'s self, names: &'s [&str]) -> impl Iterator<Item = &'s TemplateSource> {
        names
            .iter()
            .filter_map(|name| self.sources.get(*name))
            .chain(self.sources.values())
    }

    /// The first match of `usage` in the named templates, then in any template.
    fn find_usage(&self, names: &[&str], usage: &regex::Regex) -> Option<(PathBuf, usize, usize)> {
        self.named_first(names).find_map(|source| {
            let at = usage.find(&source.text)?.start();
            let (line, column) = line_and_column(&source.text, at);
            Some((source.shown.clone(), line, column))
        })
    }

    fn find_text(&self, names: &[&str], needles: &[String]) -> Option<(PathBuf, usize, usize)> {
        self.named_first(names).find_map(|source| {
            needles.iter().find_map(|needle| {
                let at = source.text.find(needle.as_str())?;
                let (line, column) = line_and_column(&source.text, at);
                Some((source.shown.clone(), line, column))
            })
        })
    }

    fn first_of(&self, names: &[&str]) -> String {
        names
            .iter()
            .find_map(|name| self.sources.get(*name))
            .map_or_else(
                || "templates".to_owned(),
                |source| source.shown.display().to_string(),
            )
    }

    /// Site templates that no page renders and no template names: most likely a
    /// misspelt override, which would otherwise be ignored without a word.
    fn unused(&self) -> Vec<String> {
        let built_in: Vec<&str> = DEFAULTS.iter().map(|(name, _)| *name).collect();
        self.sources
            .iter()
            .filter(|(name, _)| !built_in.contains(&name.as_str()))
            .filter(|(name, _)| {
                !self.sources.values().any(|source| {
                    source.text.contains(&format!("\"{name}\""))
                        || source.text.contains(&format!("'{name}'"))
                })
            })
            .map(|(name, source)| {
                let advice = match near_name(name, &built_in) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the pages use: {}", built_in.join(", ")),
                };
                format!(
                    "{}: no page uses this template and no template includes it; {advice}",
                    source.shown.display(),
                )
            })
            .collect()
    }
}

const FIX_HINT: &str = "fix the template, or delete it to use the built-in one";

/// A template name a typing slip or two away from `name` (one per three letters of
/// its stem). Stricter than the key suggestions: template names share the `.html`
/// ending, which makes unrelated names look alike to a similarity score.
fn near_name<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let stem = |name: &'a str| name.strip_suffix(".html").unwrap_or(name);
    let name = name.strip_suffix(".html").unwrap_or(name);
    let slips = (name.chars().count() / 3).max(1);
    known
        .iter()
        .map(|candidate| (strsim::levenshtein(name, stem(candidate)), *candidate))
        .filter(|(distance, _)| *distance <= slips)
        .min()
        .map(|(_, candidate)| candidate)
}

/// The text between the first `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let length = text[start..].find(close)?;
    Some(&text[start..start + length])
}

/// The template names tera quotes in its messages: `'article.html'`,
/// `` `macros.html` ``, `'[footer.html]'`.
fn quoted_names(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = ['\'', '`']
        .iter()
        .flat_map(|quote| text.split(*quote).skip(1).step_by(2))
        .map(|name| name.trim_start_matches('[').trim_end_matches(']'))
        .filter(|name| name.ends_with(".html"))
        .collect();
    names.dedup();
    names
}

/// Where `path` (e.g. `page.meta.title`) is used, not as part of a longer path.
fn position_of_path(text: &str, path: &str) -> Option<(usize, usize)> {
    let is_path_char = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    text.match_indices(path).find_map(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + path.len()..].chars().next();
        let whole = !before.is_some_and(is_path_char) && !after.is_some_and(is_path_char);
        whole.then(|| line_and_column(text, at))
    })
}

fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The field names of the object at a dotted path of the page's data.
fn fields_at(context: &serde_json::Value, path: &str) -> Vec<String> {
    let value = path
        .split('.')
        .filter(|part| !part.is_empty())
        .try_fold(context, |value, part| value.get(part));
    match value {
        Some(serde_json::Value::Object(fields)) => fields.keys().cloned().collect(),
        _ => Vec::new(),
    }
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

#[cfg(test)]
mod tests {
    use super::{Templates, load_templates};
    use crate::config::load_config;

    fn templates_of(site_yaml: &str, base: Option<&str>) -> Templates {
        let site = tempfile::tempdir().expect("temp folder");
        std::fs::write(site.path().join("site.yaml"), site_yaml).expect("write site.yaml");
        if let Some(base) = base {
            std::fs::create_dir(site.path().join("templates")).expect("templates folder");
            std::fs::write(site.path().join("templates/base.html"), base).expect("write base");
        }
        let config = load_config(site.path()).expect("site.yaml");
        load_templates(&config).expect("templates")
    }

    #[test]
    fn the_built_in_templates_are_minified_when_loaded() {
        assert!(templates_of("title: T\n", None).minified);
        assert!(!templates_of("title: T\nminify: false\n", None).minified);
    }

    #[test]
    fn one_template_that_cannot_be_minified_keeps_them_all_as_written() {
        let base = super::DEFAULTS[0].1.replace(
            "<main>",
            "<main{% if site.title %} class=\"titled\"{% endif %}>",
        );
        let templates = templates_of("title: T\n", Some(&base));
        assert!(!templates.minified);
    }
}
