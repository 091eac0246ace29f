//! The rules that recognise web boilerplate in scraped text: navigation, share and
//! comment widgets, counters, disclaimers, photo credits, duplicated captions and
//! contact lines. They are general patterns, not any one site's strings, because new
//! outlets arrive every day. Rules that need the surrounding lines (related-link
//! lists, the tail after the article ends) live in `scraped_text`.

use regex::Regex;
use std::sync::LazyLock;

/// Why a line is boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Navigation,
    Share,
    Counter,
    CommentWidget,
    Disclaimer,
    ContactEmail,
    PhotoCredit,
    DuplicatedCaption,
}

static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(
        r"(?i)^(?:(?:comments?|views?|shares?|likes?|reads?|reactions?|replies)\s*[\d.,]*k?|[\d.,]+k?(?:\s+(?:comments?|views?|shares?|likes?|reads?|reactions?|replies))?)$",
    )
});

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| rule_regex(r"(?i)^(?:e-?mail:?\s*)?[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$"));

static PHOTO: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(
        r"(?i)©|\((?:photo|image|picture|credit)s?\b[^)]*\)|^(?:photo|image|picture|credit)s?\s*(?:by|:)|\bgetty images\b|\bphoto credit\b",
    )
});

#[allow(
    clippy::expect_used,
    reason = "the patterns are constants, compiled by every test run"
)]
pub(super) fn rule_regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("boilerplate rule patterns are valid")
}

const NAVIGATION: &[&str] = &[
    "skip to",
    "main content",
    "main page",
    "jump to",
    "toggle navigation",
    "back to top",
];
const COMMENT_WIDGET: &[&str] = &[
    "comment via",
    "comments are closed",
    "leave a comment",
    "leave a reply",
    "trackbacks",
    "pingbacks",
    "log in to comment",
    "add a comment",
    "view comments",
];
const DISCLAIMER_OPENINGS: &[&str] = &[
    "disclaimer:",
    "corrections:",
    "correction:",
    "copyright ©",
    "all rights reserved",
];

/// The rule a single line breaks, if any. Long lines are prose and never boilerplate
/// by wording alone, except disclaimer boxes, which announce themselves.
pub fn classify(line: &str) -> Option<Rule> {
    let lower = line.to_lowercase();
    let words = line.split_whitespace().count();
    if DISCLAIMER_OPENINGS
        .iter()
        .any(|opening| lower.starts_with(opening))
    {
        return Some(Rule::Disclaimer);
    }
    if words <= 25 && NAVIGATION.iter().any(|phrase| lower.contains(phrase)) {
        return Some(Rule::Navigation);
    }
    if words <= 12 && COMMENT_WIDGET.iter().any(|phrase| lower.contains(phrase)) {
        return Some(Rule::CommentWidget);
    }
    if words <= 6 && lower.starts_with("share") {
        return Some(Rule::Share);
    }
    if COUNTER.is_match(line.trim()) || counter_after_name(line).is_some() {
        return Some(Rule::Counter);
    }
    if EMAIL.is_match(line.trim()) {
        return Some(Rule::ContactEmail);
    }
    if words <= 20 && PHOTO.is_match(line) {
        return Some(Rule::PhotoCredit);
    }
    if is_duplicated_caption(line) {
        return Some(Rule::DuplicatedCaption);
    }
    None
}

/// "Daniel Kim Views": a byline that a page glued to its view counter. Returns the
/// name, which is the article's author.
pub fn counter_after_name(line: &str) -> Option<&str> {
    let line = line.trim();
    let (name, counter) = line.rsplit_once(' ')?;
    let is_counter = matches!(
        counter.to_lowercase().as_str(),
        "views" | "view" | "comments" | "reads"
    );
    (is_counter && looks_like_name(name)).then_some(name.trim())
}

/// Two to four capitalised words and nothing else: a person's name as a byline or
/// signature writes it.
pub fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|word| {
            word.chars().next().is_some_and(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
        })
}

/// A caption printed twice and followed by its credit: "X. X. Credit".
fn is_duplicated_caption(line: &str) -> bool {
    let line = line.trim();
    line.char_indices()
        .filter(|&(at, c)| c == ' ' && at >= 20)
        .any(|(at, _)| {
            let (first, rest) = line.split_at(at);
            rest.trim_start()
                .strip_prefix(first)
                .is_some_and(|tail| tail.split_whitespace().count() <= 8)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_boilerplate_lines() {
        let cases = [
            (
                "Quick access to main page (top) Direct access to main contents",
                Some(Rule::Navigation),
            ),
            ("Skip to content", Some(Rule::Navigation)),
            ("Share it on...", Some(Rule::Share)),
            ("Share this article", Some(Rule::Share)),
            ("Comments0", Some(Rule::Counter)),
            ("300", Some(Rule::Counter)),
            ("1.2k views", Some(Rule::Counter)),
            ("Daniel Kim Views", Some(Rule::Counter)),
            ("Comment via Facebook", Some(Rule::CommentWidget)),
            (
                "Comments are closed, but trackbacks and pingbacks are open.",
                Some(Rule::CommentWidget),
            ),
            (
                "Disclaimer: The copyright of this article belongs to the original author.",
                Some(Rule::Disclaimer),
            ),
            (
                "Corrections: If you are aware of an inaccuracy, write to us.",
                Some(Rule::Disclaimer),
            ),
            ("content@viewusglobal.com", Some(Rule::ContactEmail)),
            ("Email: desk@example.org", Some(Rule::ContactEmail)),
            (
                "Russian President Vladimir Putin (photo: Getty Images)",
                Some(Rule::PhotoCredit),
            ),
            ("© Baku TV | RU / Youtube channel", Some(Rule::PhotoCredit)),
            ("Photo by Jane Doe", Some(Rule::PhotoCredit)),
            (
                "Leaders shake hands in Hanoi on June 20. Leaders shake hands in Hanoi on June 20. Foreign Ministry",
                Some(Rule::DuplicatedCaption),
            ),
        ];
        for (line, rule) in cases {
            assert_eq!(classify(line), rule, "{line:?}");
        }
    }

    #[test]
    fn leaves_prose_alone() {
        let prose = [
            "Putin will also attend a state banquet.",
            "Vietnam's exports to Russia last year amounted to less than $2 billion.",
            "The US Embassy in Hanoi stated on Monday that no country should provide Putin with a platform.",
            "Newsweek reached out to the Russian and Vietnamese Foreign Ministries via email for comment.",
            "He shared his views on the war in 2022.",
            "What interests Vietnam about Russia",
            "In 2022, trade between the two nations was only $3.5 billion.",
        ];
        for line in prose {
            assert_eq!(classify(line), None, "{line:?}");
        }
    }

    #[test]
    fn names_before_counters_are_authors() {
        assert_eq!(counter_after_name("Daniel Kim Views"), Some("Daniel Kim"));
        assert_eq!(counter_after_name("Top stories views"), None);
    }
}
