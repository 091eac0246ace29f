//! Finds catalog names and theme keywords in text: case- and diacritic-insensitive,
//! on word boundaries, leftmost-longest, with the rules real news text needs:
//! - an alias written in capitals ("US", "ASEAN") matches only in capitals, so the
//!   pronoun "us" is not the United States;
//! - a one-word person alias ("Kim", "Lam") must be capitalised and must not be part
//!   of a longer capitalised name: "Daniel Kim" is not Kim Jong Un, while
//!   "President Kim" is;
//! - a name that starts with a capital must start with one in the text ("to Lam
//!   Dong" is not To Lam),
//!   while theme keywords ignore case entirely;
//! - a keyword ending in `*` matches any word that starts with it.

use crate::fold::{FoldedText, fold};
use aho_corasick::AhoCorasick;
use std::collections::BTreeMap;
use std::ops::Range;

/// How one name or keyword must appear to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternRule {
    /// A theme keyword: any case.
    Plain,
    /// A catalog name: its capitalised words must be capitalised in the text.
    Name,
    /// Written in capitals: must match exactly.
    Acronym,
    /// A one-word name of a person.
    Surname,
    /// A keyword with a trailing `*`.
    Prefix,
}

impl PatternRule {
    /// The rule a catalog name or keyword implies by its own spelling.
    pub fn for_phrase(phrase: &str, source: PhraseSource) -> Self {
        let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
        if phrase.ends_with('*') {
            PatternRule::Prefix
        } else if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
            PatternRule::Acronym
        } else if source == PhraseSource::Person && !phrase.trim().contains(char::is_whitespace) {
            PatternRule::Surname
        } else if source == PhraseSource::Keyword {
            PatternRule::Plain
        } else {
            PatternRule::Name
        }
    }
}

/// Where a phrase comes from, which decides how strictly it must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseSource {
    Person,
    /// A country, organisation or place.
    Entity,
    Keyword,
}

#[derive(Debug)]
struct Variant<T> {
    target: T,
    rule: PatternRule,
    spelling: String,
}

/// A match in the original text: what was found, and where (byte range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch<'m, T> {
    pub target: &'m T,
    pub span: Range<usize>,
}

/// An automaton over folded phrases; several targets may share one phrase.
#[derive(Debug)]
pub struct PhraseMatcher<T> {
    automaton: Option<AhoCorasick>,
    variants: Vec<Vec<Variant<T>>>,
}

impl<T: PartialEq> PhraseMatcher<T> {
    /// `phrases` are `(spelling, rule, target)`; empty folded phrases are ignored.
    pub fn new(phrases: impl IntoIterator<Item = (String, PatternRule, T)>) -> Self {
        let mut by_folded: BTreeMap<String, Vec<Variant<T>>> = BTreeMap::new();
        for (spelling, rule, target) in phrases {
            let folded = fold(spelling.trim_end_matches('*').trim());
            if folded.is_empty() {
                continue;
            }
            let spelling = spelling.trim_end_matches('*').trim().to_owned();
            by_folded.entry(folded).or_default().push(Variant {
                target,
                rule,
                spelling,
            });
        }
        let automaton = AhoCorasick::new(by_folded.keys()).ok();
        PhraseMatcher {
            automaton,
            variants: by_folded.into_values().collect(),
        }
    }

    /// Every match in `text`, leftmost-longest, non-overlapping, in order. In a
    /// heading, capitalised words follow each other by style, not because they form
    /// one name, so the "followed by a capitalised word" test is off there.
    pub fn find<'m>(&'m self, text: &str, is_heading: bool) -> Vec<PhraseMatch<'m, T>> {
        self.find_folded(text, &FoldedText::new(text), is_heading)
    }

    /// `find`, with `text` already folded (so several matchers can share the work).
    pub fn find_folded<'m>(
        &'m self,
        text: &str,
        folded: &FoldedText,
        is_heading: bool,
    ) -> Vec<PhraseMatch<'m, T>> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<PhraseMatch<'m, T>> = Vec::new();
        for found in automaton.find_overlapping_iter(&folded.text) {
            if !is_word_start(&folded.text, found.start()) {
                continue;
            }
            let ends_word = is_word_end(&folded.text, found.end());
            let Some(span) = folded.original_range(found.start()..found.end()) else {
                continue;
            };
            let context = MatchContext {
                text,
                span,
                ends_word,
                is_heading,
            };
            for variant in &self.variants[found.pattern().as_usize()] {
                if let Some(span) = context.accepts(variant) {
                    candidates.push(PhraseMatch {
                        target: &variant.target,
                        span,
                    });
                }
            }
        }
        leftmost_longest(candidates)
    }
}

/// Keeps the leftmost, then longest, of overlapping matches; different targets
/// sharing the very same span (one keyword in two themes) are all kept, but one
/// target is found once per span however many of its spellings fold alike.
fn leftmost_longest<T: PartialEq>(
    mut candidates: Vec<PhraseMatch<'_, T>>,
) -> Vec<PhraseMatch<'_, T>> {
    candidates.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    let mut kept: Vec<PhraseMatch<'_, T>> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let free = kept.last().is_none_or(|last| {
            candidate.span.start >= last.span.end || candidate.span == last.span
        });
        let repeated = kept
            .iter()
            .rev()
            .take_while(|k| k.span == candidate.span)
            .any(|k| k.target == candidate.target);
        if free && !repeated {
            kept.push(candidate);
        }
    }
    kept
}

struct MatchContext<'t> {
    text: &'t str,
    span: Range<usize>,
    ends_word: bool,
    is_heading: bool,
}

impl MatchContext<'_> {
    /// The span this variant matches here, if its rule accepts the match.
    fn accepts<T>(&self, variant: &Variant<T>) -> Option<Range<usize>> {
        let found = &self.text[self.span.clone()];
        let accepted = match variant.rule {
            PatternRule::Prefix => {
                return Some(self.span.start..word_end(self.text, self.span.end));
            }
            PatternRule::Plain => self.ends_word,
            PatternRule::Name => self.ends_word && capitals_agree(&variant.spelling, found),
            PatternRule::Acronym => self.ends_word && found == variant.spelling,
            PatternRule::Surname => {
                self.ends_word
                    && capitals_agree(&variant.spelling, found)
                    && !self.inside_longer_name()
            }
        };
        accepted.then(|| self.span.clone())
    }

    fn inside_longer_name(&self) -> bool {
        let before = previous_word(self.text, self.span.start)
            .is_some_and(|word| is_capitalised(word) && !is_title_or_function_word(word));
        let after = !self.is_heading
            && next_word(self.text, self.span.end)
                .is_some_and(|word| is_capitalised(word) && !is_function_word(word));
        before || after
    }
}

/// The word right before `at`, separated by spaces only (punctuation breaks a name).
fn previous_word(text: &str, at: usize) -> Option<&str> {
    let before = &text[..at];
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() {
        return None;
    }
    let word = trimmed.rsplit(' ').next()?;
    let word = word.strip_suffix('.').unwrap_or(word);
    word.chars()
        .all(char::is_alphabetic)
        .then_some(word)
        .filter(|w| !w.is_empty())
}

/// The word right after `at`, separated by spaces only.
fn next_word(text: &str, at: usize) -> Option<&str> {
    let after = &text[at..];
    let trimmed = after.trim_start_matches(' ');
    if trimmed.len() == after.len() {
        return None;
    }
    trimmed
        .split(|c: char| !c.is_alphabetic())
        .next()
        .filter(|w| !w.is_empty())
}

/// A name that opens with a capital opens with one in the text too. Only the first
/// letter counts: "Kim Jong-un" writes its last syllable in lower case.
fn capitals_agree(name: &str, found: &str) -> bool {
    !is_capitalised(name) || is_capitalised(found)
}

fn word_end(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(at, _)| from + at)
}

fn is_capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
}

/// Titles may stand before a surname: "President Putin", "Mr. Kim".
const TITLES: &[&str] = &[
    "President",
    "Premier",
    "Prime",
    "Minister",
    "Secretary",
    "General",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Leader",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Professor",
    "Comrade",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Sir",
    "Senator",
    "Governor",
    "Ambassador",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Director",
    "Chief",
    "Deputy",
    "Vice",
    "Envoy",
    "Marshal",
    "Admiral",
    "Colonel",
    "Commander",
    "Analyst",
    "Expert",
];

/// Words that are capitalised because they open a sentence, not because they are names.
const FUNCTION_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "But",
    "Or",
    "Nor",
    "As",
    "When",
    "While",
    "If",
    "Then",
    "So",
    "Yet",
    "Also",
    "After",
    "Before",
    "Since",
    "Until",
    "On",
    "In",
    "At",
    "For",
    "With",
    "By",
    "From",
    "To",
    "Of",
    "Under",
    "Meanwhile",
    "However",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Last",
    "Next",
    "This",
    "That",
    "These",
    "Those",
    "Both",
    "Why",
    "How",
    "What",
    "Where",
    "Who",
    "I",
    "We",
    "He",
    "She",
    "They",
    "It",
    "Is",
    "Was",
    "Has",
    "Had",
    "Said",
    "Says",
    "Told",
];

fn is_title_or_function_word(word: &str) -> bool {
    TITLES.contains(&word) || is_function_word(word)
}

fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word)
}

fn is_word_start(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn is_word_end(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    use PhraseSource::{Entity, Keyword, Person};

    type Names<'a> = &'a [(&'a str, PhraseSource, &'static str)];

    /// A matcher over `(alias, source, target)`.
    fn matcher(names: Names<'_>) -> PhraseMatcher<&'static str> {
        PhraseMatcher::new(names.iter().map(|&(alias, source, target)| {
            (
                alias.to_owned(),
                PatternRule::for_phrase(alias, source),
                target,
            )
        }))
    }

    fn found(names: Names<'_>, text: &str) -> Vec<(&'static str, String)> {
        matcher(names)
            .find(text, false)
            .into_iter()
            .map(|m| (*m.target, text[m.span].to_owned()))
            .collect()
    }

    const KIM: Names<'static> = &[("Kim Jong Un", Person, "kim"), ("Kim", Person, "kim")];
    const LAM: Names<'static> = &[("To Lam", Person, "lam"), ("Lam", Person, "lam")];

    #[test]
    fn matcher_rules_on_real_sentences() {
        let cases: &[(Names<'_>, &str, &[&str])] = &[
            (KIM, "Daniel Kim Views", &[]),
            (KIM, "Daniel Kim\ncontent@example.com", &[]),
            (
                KIM,
                "South Korea, Kim provided Russia with dozens of missiles",
                &["Kim"],
            ),
            (
                KIM,
                "Putin is helping Kim advance his nuclear program",
                &["Kim"],
            ),
            (
                KIM,
                "North Korean leader Kim Jong Un signed a treaty",
                &["Kim Jong Un"],
            ),
            (
                KIM,
                "a defense deal with Kim Jong-un of North Korea",
                &["Kim Jong-un"],
            ),
            (KIM, "President Kim said", &["Kim"]),
            (KIM, "a kim chi recipe", &[]),
            (LAM, "his Vietnamese counterpart Tô Lâm.", &["Tô Lâm"]),
            (LAM, "counterpart To Lam and the party chief", &["To Lam"]),
            (LAM, "After meeting with Lam, Putin met", &["Lam"]),
            (LAM, "Lam declared in a joint press conference", &["Lam"]),
            (LAM, "a visit to Lam Dong province", &[]),
            (LAM, "TO LAM ARRIVES", &["TO LAM"]),
            (
                &[("oil", Keyword, "energy")],
                "amid political turmoil over Oil",
                &["Oil"],
            ),
            (
                &[("US", Entity, "us")],
                "it gives us a platform, the US said",
                &["US"],
            ),
            (
                &[("U.S.", Entity, "us")],
                "the U.S.’s commitment",
                &["U.S."],
            ),
            (
                &[("weapon*", Keyword, "arms")],
                "weaponry and weapons, not weaponless",
                &["weaponry", "weapons", "weaponless"],
            ),
            (
                &[("South China Sea", Entity, "scs"), ("China", Entity, "cn")],
                "in the South China Sea and China",
                &["South China Sea", "China"],
            ),
            (
                &[("Vietnam", Entity, "vn")],
                "Vietnam’s and VIETNAM and vietnamese",
                &["Vietnam", "VIETNAM"],
            ),
        ];
        for (names, text, expected) in cases {
            let got: Vec<String> = found(names, text).into_iter().map(|(_, s)| s).collect();
            assert_eq!(got, *expected, "in {text:?}");
        }
    }

    #[test]
    fn one_keyword_in_two_themes_hits_both() {
        let got = found(
            &[("sanctions", Keyword, "a"), ("sanctions", Keyword, "b")],
            "new sanctions",
        );
        assert_eq!(
            got,
            [("a", "sanctions".to_owned()), ("b", "sanctions".to_owned())]
        );
    }

    #[test]
    fn spellings_that_fold_alike_count_once() {
        let names = [
            ("Kim Jong Un", Person, "kim"),
            ("Kim Jong-un", Person, "kim"),
        ];
        let got = found(&names, "leader Kim Jong Un signed");
        assert_eq!(got, [("kim", "Kim Jong Un".to_owned())]);
    }

    #[test]
    fn headings_in_title_case_still_match_surnames() {
        let matcher = matcher(&[("Putin", Person, "putin")]);
        assert_eq!(
            matcher.find("Bolstering Ties as Putin Visits", true).len(),
            1
        );
        assert_eq!(
            matcher.find("Bolstering Ties as Putin Visits", false).len(),
            0
        );
    }
}
