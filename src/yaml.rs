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
        let (mut line, mut column) = error
            .location()
            .map_or((1, 1), |at| (at.line(), at.column()));
        let (message, hint) = describe(&error.to_string());
        if let Some(key) = duplicated_key(&message)
            && let Some((second, _)) = key_positions(yaml, key).nth(1)
        {
            (line, column) = (second, 1);
        }
        if let Some(opening) = quoted_scalar_start(&error.to_string()) {
            (line, column) = opening;
        }
        if message.contains(SECOND_DOCUMENT)
            && let Some(separator) = second_document_start(yaml)
        {
            (line, column) = (separator, 1);
        }
        YamlError {
            location: Location::new(path, first_line + line - 1, column),
            message,
            hint,
        }
    })
}

/// Rewrites serde_yaml's message into what is wrong and how to fix it.
fn describe(raw: &str) -> (String, String) {
    let message = without_positions(raw);
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
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return (
            format!("`{key}` is given twice"),
            "keep one of the two lines".to_owned(),
        );
    }
    if let Some(described) = describe_type(&message) {
        return described;
    }
    describe_syntax(&message)
}

/// "aliases: invalid type: string \"Putin\", expected a sequence" names the key,
/// what was written and what the key takes; at the top level there is no key.
fn describe_type(message: &str) -> Option<(String, String)> {
    let (key, rest) = match message.split_once(": invalid type: ") {
        Some((key, rest)) => (Some(key), rest),
        None => (None, message.strip_prefix("invalid type: ")?),
    };
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let found = kind_of_found(found);
    let Some(key) = key else {
        return Some((
            format!("the block is {found}, not `key: value` lines"),
            "write one `key: value` per line, each key at the start of its line".to_owned(),
        ));
    };
    let (wanted, hint) = match expected {
        "a sequence" => (
            "a list",
            format!("write a list: `{key}: [first, second]`, or one `- item` per line below the key"),
        ),
        "a string" => (
            "text",
            "write the text on the key's line; quote it if it holds `: ` or starts with `[`, `{` or `-`"
                .to_owned(),
        ),
        "a boolean" => ("true or false", format!("write `{key}: true` or `{key}: false`")),
        other => (other, "give the key a value of the type it takes".to_owned()),
    };
    Some((format!("`{key}` should be {wanted}, not {found}"), hint))
}

/// serde's wording of a YAML value, in an analyst's words.
fn kind_of_found(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        let text = text.strip_prefix('"').unwrap_or(text);
        return format!("text ({})", text.strip_suffix('"').unwrap_or(text));
    }
    if let Some(value) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        return format!("a number ({})", value.trim_matches('`'));
    }
    match found {
        "sequence" => "a list".to_owned(),
        "map" => "a mapping of keys".to_owned(),
        "unit value" => "empty".to_owned(),
        other => other.trim_matches('`').to_owned(),
    }
}

fn describe_syntax(message: &str) -> (String, String) {
    let (what, hint) = if message.contains("mapping values are not allowed") {
        (
            "unexpected `: `",
            "quote a value that holds `: ` (`title: \"Trade: talks\"`), and start every key at the beginning of its line",
        )
    } else if message.contains("more than one document") {
        (
            SECOND_DOCUMENT,
            "remove the `---` lines: the file holds one YAML mapping, with no document markers",
        )
    } else if message.contains("tab character") {
        (
            "a tab in the indentation",
            "indent with spaces: YAML does not allow tabs",
        )
    } else if message.contains("while scanning a quoted scalar") {
        (
            "a quoted value is never closed",
            "end the value with the quote mark it starts with, on the same line",
        )
    } else {
        (
            message,
            "check the indentation, colons and quotes on this line",
        )
    };
    (format!("invalid YAML: {what}"), hint.to_owned())
}

const SECOND_DOCUMENT: &str = "a `---` line here starts a second YAML document";

/// The line of the `---` marker that starts a second document: the second marker
/// when the text opens with one (it starts the first document), else the first.
fn second_document_start(yaml: &str) -> Option<usize> {
    let opens_with_marker = yaml
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .is_some_and(|line| line == "---");
    let mut markers = yaml
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim_end() == "---")
        .map(|(index, _)| index + 1);
    if opens_with_marker {
        markers.nth(1)
    } else {
        markers.next()
    }
}

/// serde_yaml's messages carry positions within the block ("at line 2 column 1"),
/// which would contradict the file's own line numbers given in front of them.
fn without_positions(raw: &str) -> String {
    let mut message = raw.to_owned();
    let mut from = 0;
    while let Some(found) = message[from..].find(" at line ") {
        let at = from + found;
        let tail = &message[at + " at line ".len()..];
        let digits =
            |text: &str| text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_digits = digits(tail);
        let after_line = &tail[line_digits..];
        let length = match after_line.strip_prefix(" column ") {
            Some(rest) => " at line ".len() + line_digits + " column ".len() + digits(rest),
            None => " at line ".len() + line_digits,
        };
        // Only serde_yaml's own positions, which end the message or a clause; the
        // same words inside a quoted value stay.
        let ends_clause =
            message[at + length..].is_empty() || message[at + length..].starts_with(',');
        if line_digits > 0 && ends_clause {
            message.replace_range(at..at + length, "");
            from = at;
        } else {
            from = at + 1;
        }
    }
    message
}

/// libyaml reports an unclosed quote where the block ends, and names where the
/// quoted value opened: "… while scanning a quoted scalar at line 2 column 8".
fn quoted_scalar_start(raw: &str) -> Option<(usize, usize)> {
    let (_, at) = raw.split_once("while scanning a quoted scalar at line ")?;
    let (line, rest) = at.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

fn duplicated_key(message: &str) -> Option<&str> {
    message
        .strip_prefix('`')?
        .split_once("` is given twice")
        .map(|(key, _)| key)
}

fn expected_keys(rest: &str) -> Vec<&str> {
    rest.split_once("expected")
        .map(|(_, expected)| expected.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default()
}

/// A value as a YAML block (front matter for a starter file).
pub fn to_block<T: serde::Serialize>(value: &T) -> Result<String, WriteYamlError> {
    serde_yaml::to_string(value).map_err(|error| WriteYamlError(error.to_string()))
}

/// Why a value could not be written as YAML.
#[derive(Debug, thiserror::Error)]
#[error("cannot write YAML: {0}")]
pub struct WriteYamlError(String);

/// The 1-based line and column, within `yaml`, of the value of a top-level `key:`
/// (of the key itself when the value starts on a later line); for pointing at a
/// value that parsed as YAML but is not valid for dossier (a malformed date, say).
pub fn key_position(yaml: &str, key: &str) -> Option<(usize, usize)> {
    key_positions(yaml, key).next()
}

fn key_positions<'a>(yaml: &'a str, key: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    yaml.lines().enumerate().filter_map(move |(index, line)| {
        // A key may be written bare or quoted: `title:`, `"title":`, `'title':`.
        let unquoted = ['"', '\''].iter().find_map(|quote| {
            line.strip_prefix(*quote)?
                .strip_prefix(key)?
                .strip_prefix(*quote)
        });
        let rest = unquoted.or_else(|| line.strip_prefix(key))?.trim_start();
        let value = rest.strip_prefix(':')?;
        let column = if value.trim().is_empty() {
            1
        } else {
            let before_value = line.len() - value.trim_start().len();
            line[..before_value].chars().count() + 1
        };
        Some((index + 1, column))
    })
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
    fn finds_where_a_keys_value_starts() {
        assert_eq!(
            key_position("title: x\ndate:  2024\n", "date"),
            Some((2, 8))
        );
        assert_eq!(key_position("aliases:\n  - a\n", "aliases"), Some((1, 1)));
        assert_eq!(key_position("title: x\n", "date"), None);
    }

    #[test]
    fn positions_inside_the_block_are_dropped_from_messages() {
        assert_eq!(
            without_positions("found a tab at line 2 column 1, while scanning"),
            "found a tab, while scanning"
        );
        assert_eq!(without_positions("bad at line 12"), "bad");
        assert_eq!(
            without_positions("text (meet at line 5 column 3 today)"),
            "text (meet at line 5 column 3 today)"
        );
    }

    #[test]
    fn wrong_types_name_the_key_and_both_types() {
        let (message, hint) =
            describe("aliases: invalid type: string \"Putin\", expected a sequence");
        assert_eq!(message, "`aliases` should be a list, not text (Putin)");
        assert!(hint.contains("`aliases: [first, second]`"), "{hint}");
    }

    #[test]
    fn a_repeated_key_points_at_its_second_line() {
        let error = parse_block::<Front>("title: x\nauthor: y\ntitle: z\n", Path::new("a.md"), 2)
            .expect_err("duplicate key");
        assert_eq!(error.message, "`title` is given twice");
        assert_eq!(error.location, Location::new("a.md", 4, 1));
        let quoted = parse_block::<Front>("title: x\n\"title\": z\n", Path::new("a.md"), 2)
            .expect_err("duplicate key");
        assert_eq!(quoted.location, Location::new("a.md", 3, 1));
    }

    #[test]
    fn an_unclosed_quote_in_a_list_points_at_its_opening() {
        let error = parse_block::<Front>(
            "title: \"Talks\"\nauthor:\n  - \"Kim\n",
            Path::new("a.md"),
            2,
        )
        .expect_err("unclosed quote");
        assert_eq!(error.location, Location::new("a.md", 4, 3));
    }

    #[test]
    fn a_second_document_points_at_its_marker() {
        let error = parse_block::<Front>("---\ntitle: X\n---\n", Path::new("site.yaml"), 1)
            .expect_err("two documents");
        assert_eq!(
            error.to_string(),
            "site.yaml:3:1: invalid YAML: a `---` line here starts a second YAML document\n  hint: remove the `---` lines: the file holds one YAML mapping, with no document markers"
        );
    }

    #[test]
    fn a_second_document_without_a_first_marker_points_at_the_only_separator() {
        let error =
            parse_block::<Front>("title: X\n---\nauthor: Y\n---\n", Path::new("site.yaml"), 1)
                .expect_err("two documents");
        assert_eq!(error.location.line, 2);
    }

    #[test]
    fn an_unclosed_quote_points_at_its_opening() {
        let error = parse_block::<Front>("author: y\ntitle: \"Talks\n", Path::new("a.md"), 2)
            .expect_err("unclosed quote");
        assert_eq!(
            error.message,
            "invalid YAML: a quoted value is never closed"
        );
        assert_eq!(error.location, Location::new("a.md", 3, 8));
    }
}
