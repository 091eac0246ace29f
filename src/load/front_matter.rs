//! Splits a source file into its optional YAML front matter and its body, and parses
//! the front matter into the raw, exactly-as-written structs of each content kind.

use super::LoadError;
use crate::diagnostic::Location;
use crate::yaml;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// A file cut at its front matter. Line numbers are 1-based lines of the whole file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: Option<&'a str>,
    pub yaml_first_line: usize,
    pub body: &'a str,
    pub body_first_line: usize,
}

/// Front matter is a block between a first line `---` and the next line `---`.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(after_open) = strip_fence(text) else {
        return Ok(Split {
            yaml: None,
            yaml_first_line: 1,
            body: text,
            body_first_line: 1,
        });
    };
    let mut offset = 0;
    for (index, line) in after_open.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: Some(&after_open[..offset]),
                yaml_first_line: 2,
                body: &after_open[offset + line.len()..],
                // A closing fence with no newline after it ends the file: the empty
                // body is on the fence's own line, not on one that does not exist.
                body_first_line: index + 2 + usize::from(line.ends_with('\n')),
            });
        }
        offset += line.len();
    }
    Err(LoadError::Invalid {
        location: Location::file(path),
        message: "front matter opened with `---` on line 1 is never closed".to_owned(),
        hint: "add a line with only `---` after the last front-matter key".to_owned(),
    })
}

fn strip_fence(text: &str) -> Option<&str> {
    let first_line_end = text.find('\n')?;
    (text[..first_line_end].trim_end() == "---").then(|| &text[first_line_end + 1..])
}

/// Parses the front matter (absent means all defaults) into `T`.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>, path: &Path) -> Result<T, LoadError> {
    yaml::parse_block(split.yaml.unwrap_or(""), path, split.yaml_first_line)
        .map_err(LoadError::Yaml)
}

/// Where a front-matter key's value starts, for errors about the value.
pub fn key_location(split: &Split<'_>, path: &Path, key: &str) -> Location {
    let (line, column) = split
        .yaml
        .and_then(|yaml| yaml::key_position(yaml, key))
        .map_or((1, 1), |(line, column)| {
            (split.yaml_first_line + line - 1, column)
        });
    Location::new(path, line, column)
}

/// Where `item` is written in the list under `key` (flow `[a, b]` or block `- a`),
/// or the key's location when it cannot be told.
pub fn item_location(split: &Split<'_>, path: &Path, key: &str, item: &str) -> Location {
    let key_at = key_location(split, path, key);
    let Some(yaml) = split.yaml else {
        return key_at;
    };
    let key_index = key_at.line.saturating_sub(split.yaml_first_line);
    yaml.lines()
        .enumerate()
        .skip(key_index)
        .take_while(|(index, line)| *index == key_index || line.starts_with([' ', '-']))
        .find_map(|(index, line)| {
            let values = if index == key_index {
                line.find(':').map_or(0, |colon| colon + 1)
            } else {
                0
            };
            let at = list_items(line, values).find(|(_, text)| *text == item)?.0;
            Some(Location::new(
                path,
                split.yaml_first_line + index,
                line[..at].chars().count() + 1,
            ))
        })
        .unwrap_or(key_at)
}

/// The items written on one line of a YAML list from byte `from` on, with their
/// offsets: pieces between `[`, `,`, `]` and a leading `- `, unquoted.
fn list_items(line: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = from;
    line[from..]
        .split_inclusive(['[', ']', ','])
        .map(move |piece| {
            let at = start;
            start += piece.len();
            (at, piece.trim_end_matches(['[', ']', ',']))
        })
        .filter_map(|(at, piece)| {
            let body = piece.trim_start();
            let body = body.strip_prefix("- ").unwrap_or(body).trim_start();
            let offset = at + piece.len() - body.len();
            let value = body.trim_end();
            let unquoted = value
                .strip_prefix(['"', '\''])
                .and_then(|v| v.strip_suffix(['"', '\'']))
                .map_or((offset, value), |inner| (offset + 1, inner));
            (!unquoted.1.is_empty()).then_some(unquoted)
        })
}

/// An article's front matter: every key but `entities` overrides what the loader
/// inferred.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArticleFront {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Ids of catalog entities the analyst says the article is about.
    #[serde(default)]
    pub entities: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntityFront {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Aliases another entity may claim too ("Kim" for two Kims).
    #[serde(default)]
    pub shared_aliases: Vec<String>,
    pub role: Option<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    pub pronoun: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawThemeFront {
    pub name: String,
    pub summary: Option<String>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIntroFront {
    pub title: Option<String>,
    pub description: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines_from_the_top_of_the_file() {
        let text = "---\ntitle: x\n---\nbody\n";
        let split = split(text, Path::new("a.md")).unwrap();
        assert_eq!(split.yaml, Some("title: x\n"));
        assert_eq!(split.body, "body\n");
        assert_eq!(split.body_first_line, 4);
    }

    #[test]
    fn a_fence_that_ends_the_file_leaves_the_body_on_its_line() {
        // Found by the front_matter fuzz target.
        let split = split("---\ntitle: x\n---", Path::new("a.md")).unwrap();
        assert_eq!(split.body, "");
        assert_eq!(split.body_first_line, 3);
    }

    #[test]
    fn a_list_item_is_located_as_a_whole_item() {
        let path = Path::new("a.md");
        let text = "---\nname: Ada\naliases: [Lovelace, a]\nentities: [ada-lovelace, 'lovelace']\nroles:\n  - Ada\n  - A\n---\n";
        let split = split(text, path).unwrap();
        let at = |key, item| {
            let location = item_location(&split, path, key, item);
            (location.line, location.column)
        };
        assert_eq!(at("aliases", "a"), (3, 21));
        assert_eq!(at("entities", "lovelace"), (4, 27));
        assert_eq!(at("roles", "A"), (7, 5));
        assert_eq!(at("roles", "missing"), (5, 1));
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let split = split("Title\n---\n", Path::new("a.txt")).unwrap();
        assert_eq!(split.yaml, None);
        assert_eq!(split.body, "Title\n---\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let error = split("---\ntitle: x\nbody\n", Path::new("a.md")).unwrap_err();
        assert!(
            error.to_string().starts_with("a.md:1:1: front matter"),
            "{error}"
        );
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let text = "---\ntitle: x\natuhor: y\n---\n";
        let split = split(text, Path::new("a.md")).unwrap();
        let error = parse::<RawArticleFront>(&split, Path::new("a.md")).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("a.md:3:1: unknown key `atuhor`"),
            "{error}"
        );
    }
}
