//! Names the catalog does not know yet: runs of two or more capitalised words
//! ("Vietnam Chamber of Commerce and Industry", "Luong Van Khai") that no catalog
//! name covers. Sentence openers, titles and nationality words are trimmed off, so
//! "Deputy Minister Luong Van Khai" gives the person and remembers the title.

use crate::analyze::EntityMention;
use crate::ids::EntityId;
use crate::load::Article;
use crate::markdown::BlockKind;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::ops::Range;

/// A capitalised name found in an article that no catalog name matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCandidate {
    /// From 1: the `#pN` of the article the analysis is of.
    pub paragraph: usize,
    pub name: String,
    pub span: Range<usize>,
    /// The title written before it ("Deputy Trade Minister"), a hint that it is a person.
    pub title: Option<String>,
}

/// Small words that may sit inside a name: "Chamber of Commerce and Industry".
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "to", "de", "van", "von", "bin", "al", "du",
];

/// Capitalised words that start sentences or describe rather than name.
const NOT_NAME_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "while",
    "however",
    "according",
    "this",
    "that",
    "these",
    "those",
    "many",
    "some",
    "both",
    "its",
    "his",
    "her",
    "their",
    "our",
    "when",
    "if",
    "as",
    "but",
    "and",
    "since",
    "for",
    "despite",
    "although",
    "ahead",
    "given",
    "regarding",
    "local",
    "western",
    "eastern",
    "northern",
    "southern",
    "we",
    "i",
    "he",
    "she",
    "they",
    "it",
    "there",
    "what",
    "why",
    "how",
    "who",
    "asked",
    "also",
    "meanwhile",
    "then",
    "last",
    "next",
    "more",
    "most",
    "no",
    "not",
    "with",
    "state",
    "communist",
    "party",
    "government",
    "officials",
    "official",
    "by",
    "from",
    "to",
    "under",
    "over",
    "mr",
    "mrs",
    "ms",
    "dr",
    "such",
    "each",
    "every",
    "all",
    "one",
    "two",
    "new",
    "former",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "comprehensive",
    "strategic",
    "partnership",
    "asian",
    "european",
    "african",
    "soviet",
    "is",
    "was",
    "will",
];

/// Words of a title, trimmed from the front of a name and remembered.
const TITLE_WORDS: &[&str] = &[
    "president",
    "prime",
    "minister",
    "deputy",
    "vice",
    "secretary",
    "assistant",
    "general",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "foreign",
    "trade",
    "defence",
    "defense",
    "finance",
    "senior",
    "chief",
    "head",
    "leader",
    "governor",
    "mayor",
    "senator",
    "representative",
    "professor",
    "adviser",
    "advisor",
    "commander",
    "communications",
    "strategic",
    "national",
    "security",
    "executive",
    "press",
    "envoy",
    "special",
    "permanent",
    "first",
    "acting",
    "lieutenant",
    "colonel",
    "admiral",
    "premier",
    "counsellor",
    "counselor",
    "industry",
    "affairs",
    "planning",
    "investment",
    "economy",
    "agriculture",
    "justice",
    "interior",
    "health",
    "education",
    "culture",
    "energy",
    "ministry",
];

/// Title words that end a job title rather than a name: "Strategic Communications
/// Director" is a post, "Chamber of Commerce and Industry" a name.
const ROLE_HEADS: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "director",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "adviser",
    "advisor",
    "chairman",
    "chairwoman",
    "chief",
    "head",
    "leader",
    "governor",
    "mayor",
    "envoy",
    "premier",
    "commander",
];

/// Every unknown name in `article`. `mentions` are the article's catalog mentions;
/// those of `places` (countries and places) may start a longer name ("Vietnam
/// Chamber of Commerce"), any other mention ends one. `demonyms` are the catalog's
/// nationality words in lower case.
pub fn unknown_names(
    article: &Article,
    mentions: &[EntityMention],
    places: &BTreeSet<&EntityId>,
    demonyms: &BTreeSet<String>,
) -> Vec<NameCandidate> {
    let lowercase_words = LowercaseVocabulary::of(article);
    let mut found = Vec::new();
    for (index, block) in article.body.blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            continue;
        }
        // Mentions are in reading order: this block's are one slice of them.
        let first = mentions.partition_point(|m| m.paragraph < index + 1);
        let last = mentions.partition_point(|m| m.paragraph <= index + 1);
        let covered: Vec<Covered<'_>> = mentions[first..last]
            .iter()
            .map(|m| Covered {
                span: &m.span,
                may_start_name: places.contains(&m.entity),
            })
            .collect();
        for run in capitalised_runs(&block.text, &covered) {
            let known = |w: &Range<usize>| covering(&covered, w).is_some();
            let Some((span, title)) =
                trim_run(&block.text, &run, &known, demonyms, &lowercase_words)
            else {
                continue;
            };
            let starts_new = run.iter().any(|w| {
                w.start >= span.start && !known(w) && is_capitalised(&block.text[w.clone()])
            });
            let ends_known = run.iter().any(|w| w.end == span.end && known(w));
            if starts_new && !ends_known {
                found.push(NameCandidate {
                    paragraph: index + 1,
                    name: block.text[span.clone()].to_owned(),
                    span,
                    title,
                });
            }
        }
    }
    found
}

/// A catalog mention inside a block, and whether it may start a longer name.
struct Covered<'a> {
    span: &'a Range<usize>,
    may_start_name: bool,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The mention that overlaps `word`, found by binary search: mentions are in text
/// order and do not overlap, so a long paragraph costs no more per word than a
/// short one.
fn covering<'c, 'a>(covered: &'c [Covered<'a>], word: &Range<usize>) -> Option<&'c Covered<'a>> {
    let first_ending_after = covered.partition_point(|c| c.span.end <= word.start);
    covered
        .get(first_ending_after)
        .filter(|c| overlaps(c.span, word))
}

/// Words the article writes in lower case somewhere, so "Many" opening a sentence is
/// known to be a common word. Gathered on the first question, into a hash set: it is
/// only asked, never listed, and sorting every word of the article cost more than
/// the rest of the name search. The set is Fx-hashed: SipHash was most of its cost,
/// and an article's own words are no threat to a hash table built per article.
struct LowercaseVocabulary<'a> {
    article: &'a Article,
    words: OnceCell<FxHashSet<&'a str>>,
}

impl<'a> LowercaseVocabulary<'a> {
    fn of(article: &'a Article) -> Self {
        Self {
            article,
            words: OnceCell::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.words
            .get_or_init(|| {
                self.article
                    .body
                    .blocks
                    .iter()
                    .flat_map(|b| b.text.split(|c: char| !c.is_alphabetic()))
                    .filter(|w| w.starts_with(char::is_lowercase))
                    .collect()
            })
            .contains(word)
    }
}

/// The words of `text` with their byte ranges: letters, digits, inner hyphens and
/// apostrophes.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inner = matches!(c, '-' | '\'' | '’' | '.') && start.is_some();
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push(s..i);
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    words
        .into_iter()
        .map(|w| {
            let trimmed = text[w.clone()].trim_end_matches(['.', '-', '\'', '’']);
            w.start..w.start + trimmed.len()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && !word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
}

/// Runs of capitalised words (with connectors inside) separated only by spaces and
/// not touching a catalog mention. Each run is a list of word ranges.
fn capitalised_runs(text: &str, covered: &[Covered<'_>]) -> Vec<Vec<Range<usize>>> {
    let mut runs = Vec::new();
    let mut run: Vec<Range<usize>> = Vec::new();
    let mut flush = |run: &mut Vec<Range<usize>>| {
        while run
            .last()
            .is_some_and(|w| CONNECTORS.contains(&&text[w.clone()]))
        {
            run.pop();
        }
        if !run.is_empty() {
            runs.push(std::mem::take(run));
        }
        run.clear();
    };
    for word in words(text) {
        let mention = covering(covered, &word);
        let in_mention = mention.is_some_and(|c| !c.may_start_name);
        let joined = run
            .last()
            .is_some_and(|prev| text[prev.end..word.start].chars().all(|c| c == ' '));
        if !joined {
            flush(&mut run);
        }
        let token = &text[word.clone()];
        if in_mention {
            flush(&mut run);
        } else if is_capitalised(token) || joins_name(text, &run, token) {
            run.push(word);
        } else {
            flush(&mut run);
        }
    }
    flush(&mut run);
    runs
}

/// Whether a small word continues a name: "of", "and"… inside one, but "the" only
/// after "of" ("Charter of the United Nations"), as "X and the Y" names two things.
fn joins_name(text: &str, run: &[Range<usize>], token: &str) -> bool {
    let Some(previous) = run.last() else {
        return false;
    };
    match token {
        "the" => &text[previous.clone()] == "of",
        _ => CONNECTORS.contains(&token),
    }
}

/// A run trimmed to the name in it, with the title before it, if what is left is a
/// name of at least two capitalised words that is not itself a title.
fn trim_run(
    text: &str,
    run: &[Range<usize>],
    known: &dyn Fn(&Range<usize>) -> bool,
    demonyms: &BTreeSet<String>,
    lowercase_words: &LowercaseVocabulary<'_>,
) -> Option<(Range<usize>, Option<String>)> {
    let lower = |w: &Range<usize>| text[w.clone()].to_lowercase();
    let mut first = 0;
    let mut title_start = None;
    while let Some(word) = run.get(first) {
        let word_lower = lower(word);
        let is_title = TITLE_WORDS.contains(&word_lower.as_str());
        // "Moscow and Leningrad": a known name joined to an unknown one is two names.
        let known_then_and = known(word)
            && run
                .get(first + 1)
                .is_some_and(|next| &text[next.clone()] == "and");
        let opener = NOT_NAME_WORDS.contains(&word_lower.as_str())
            || demonyms.contains(&word_lower)
            || CONNECTORS.contains(&word_lower.as_str())
            || known_then_and
            || word_lower.ends_with("'s")
            || word_lower.ends_with("’s")
            || (first == 0 && lowercase_words.contains(word_lower.as_str()));
        // "Minister of Industry and Trade of Vietnam Luong Van Khai": the country
        // belongs to the title.
        let of_title = title_start.is_some() && known(word);
        if is_title || of_title {
            title_start.get_or_insert(first);
        } else if !opener {
            break;
        }
        first += 1;
    }
    let mut last = run.len();
    while last > first {
        let word_lower = lower(&run[last - 1]);
        let describes = NOT_NAME_WORDS.contains(&word_lower.as_str())
            || demonyms.contains(&word_lower)
            || CONNECTORS.contains(&word_lower.as_str());
        if !describes {
            break;
        }
        last -= 1;
    }
    let rest = run.get(first..last)?;
    let capitalised = rest
        .iter()
        .filter(|w| is_capitalised(&text[(*w).clone()]))
        .count();
    let last = rest.last()?;
    if capitalised < 2 || ROLE_HEADS.contains(&lower(last).as_str()) {
        return None;
    }
    let title = title_start
        .and_then(|start| Some(run.get(start)?.start..run.get(first.checked_sub(1)?)?.end))
        .map(|span| text[span].to_owned());
    Some((rest.first()?.start..last.end, title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::test_article;

    fn names(text: &str, mentioned: &[&str]) -> Vec<(String, Option<String>)> {
        let article = test_article(None, &[text]);
        let mentions: Vec<EntityMention> = mentioned
            .iter()
            .filter_map(|name| {
                let start = text.find(name)?;
                Some(EntityMention {
                    entity: crate::ids::EntityId::from_name(name),
                    paragraph: 1,
                    span: start..start + name.len(),
                })
            })
            .collect();
        let demonyms = ["russian", "vietnamese"].map(str::to_owned).into();
        let vietnam = crate::ids::EntityId::from_name("Vietnam");
        let places = BTreeSet::from([&vietnam]);
        unknown_names(&article, &mentions, &places, &demonyms)
            .into_iter()
            .map(|c| (c.name, c.title))
            .collect()
    }

    #[test]
    fn finds_organisations_and_titled_people() {
        assert_eq!(
            names(
                "The Vietnam Chamber of Commerce and Industry hosted Deputy Trade Minister Luong Van Khai.",
                &["Vietnam"]
            ),
            [
                ("Vietnam Chamber of Commerce and Industry".to_owned(), None),
                (
                    "Luong Van Khai".to_owned(),
                    Some("Deputy Trade Minister".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn known_names_titles_and_openers_are_not_suggested() {
        assert!(names(
            "Russian President Vladimir Putin met White House Strategic Communications Director John Kirby. In Hanoi, Many Vietnamese agreed.",
            &["Vladimir Putin", "White House", "John Kirby", "Hanoi"]
        )
        .is_empty());
    }
}
