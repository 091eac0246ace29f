//! The one place that calls serde_yaml (archived upstream, still sound): typed parsing
//! of a YAML block with errors located in the file it came from, not the slice.

use crate::diagnostic::{Location, did_you_mean};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A YAML block that could not become the expected type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}\n  hint: {hint}")]
pub struct YamlError {
    pub location: Location,
    pub message: String,
    pub hint: String,
}

/// Parses `yaml`, which starts on line `first_line` of `path`. An empty block is
/// parsed as an empty mapping so that all-optional types get their defaults.
pub fn parse_block<T: DeserializeOwned>(
    yaml: &str,
    path: &Path,
    first_line: usize,
) -> Result<T, YamlError> {
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(source).map_err(|error| {
        let (line, column) = error
            .location()
            .map_or((1, 1), |at| (at.line(), at.column()));
        let (message, hint) = describe(&error.to_string());
        YamlError {
            location: Location::new(path, first_line + line - 1, column),
            message,
            hint,
        }
    })
}

/// Rewrites serde_yaml's message into what is wrong and how to fix it.
fn describe(raw: &str) -> (String, String) {
    let message = raw
        .rfind(" at line ")
        .map_or(raw, |at| &raw[..at])
        .to_owned();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let known = expected_keys(rest);
        let hint = match did_you_mean(key, &known) {
            Some(near) => format!("did you mean `{near}`? Known keys: {}", known.join(", ")),
            None => format!("remove it; known keys: {}", known.join(", ")),
        };
        return (format!("unknown key `{key}`"), hint);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return (
            format!("missing key `{key}`"),
            format!("add a line `{key}: …`"),
        );
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return (
            message,
            "give the value the type the key expects (quote text, use a list for several values)"
                .to_owned(),
        );
    }
    (
        format!("invalid YAML: {message}"),
        "check the indentation, colons and quotes on this line".to_owned(),
    )
}

fn expected_keys(rest: &str) -> Vec<&str> {
    rest.split_once("expected")
        .map(|(_, expected)| expected.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default()
}

/// The 1-based line, within `yaml`, of a top-level `key:`; for pointing at a value
/// that parsed as YAML but is not valid for dossier (a malformed date, say).
/// A value as a YAML block (front matter for a starter file).
pub fn to_block<T: serde::Serialize>(value: &T) -> Result<String, WriteYamlError> {
    serde_yaml::to_string(value).map_err(|error| WriteYamlError(error.to_string()))
}

/// Why a value could not be written as YAML.
#[derive(Debug, thiserror::Error)]
#[error("cannot write YAML: {0}")]
pub struct WriteYamlError(String);

pub fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields exist to be parsed")]
    struct Front {
        title: Option<String>,
        author: Option<String>,
    }

    #[test]
    fn unknown_key_is_located_in_the_file_with_a_suggestion() {
        let error = parse_block::<Front>("title: x\natuhor: y\n", Path::new("a.md"), 2)
            .expect_err("unknown key");
        assert_eq!(error.location, Location::new("a.md", 3, 1));
        assert_eq!(error.message, "unknown key `atuhor`");
        assert!(
            error.hint.contains("did you mean `author`?"),
            "{}",
            error.hint
        );
    }

    #[test]
    fn empty_block_means_defaults() {
        let front: Front = parse_block("  \n", Path::new("a.md"), 2).expect("empty is fine");
        assert!(front.title.is_none());
    }

    #[test]
    fn finds_the_line_of_a_key() {
        assert_eq!(key_line("title: x\ndate: 2024\n", "date"), Some(2));
        assert_eq!(key_line("title: x\n", "date"), None);
    }
}
