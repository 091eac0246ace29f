//! Key figures: percentages, amounts of money (with currency and scale), and counts
//! of things ("11 agreements", "over 11,000 containers"), each with what it measures
//! when the sentence says so. Numbers that are dates, years, ages, durations or parts
//! of names ("G7", "F1") are not figures.

use super::sentences::containing;
use crate::load::Article;
use crate::markdown::BlockKind;
use regex::{Captures, Regex};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Percent,
    Money,
    Count,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Percent => "percent",
            FigureKind::Money => "money",
            FigureKind::Count => "count",
        }
    }
}

/// One number the articles give, with its context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFigure {
    /// From 1: the `#pN` of the article the analysis is of.
    pub paragraph: usize,
    pub kind: FigureKind,
    /// Where the figure is written, without its qualifier: "$97 billion", "34%",
    /// "60,000" (`text`).
    pub span: Range<usize>,
    /// "more than", "about", "less than"…
    pub qualifier: Option<Box<str>>,
    /// The figure's value in units (dollars, percent points, items).
    pub value: f64,
    /// What a count counts: "agreements", "Vietnamese".
    pub counted: Option<Box<str>>,
    /// What it measures, in the sentence's words, when they say: "Russia’s total trade".
    pub measures: Option<Box<str>>,
    pub sentence: Range<usize>,
}

impl KeyFigure {
    /// The figure as written in `article`, the one it was found in.
    pub fn text<'t>(&self, article: &'t Article) -> Option<&'t str> {
        article.text_at(self.paragraph, &self.span)
    }

    /// The word that names the quantity, to line up figures from different sources
    /// that look like the same thing ("trade", "agreement").
    pub fn topic(&self) -> Option<String> {
        let words = match (&self.counted, &self.measures) {
            (Some(counted), _) => counted,
            (None, Some(measures)) => measures,
            (None, None) => return None,
        };
        words
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .find(|w| !w.is_empty() && !TOPIC_SKIP.contains(&w.as_str()) && !w.ends_with("’s"))
            .map(|w| canonical_topic(&w))
    }
}

const TOPIC_SKIP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "its",
    "their",
    "his",
    "her",
    "total",
    "bilateral",
    "annual",
    "overall",
    "only",
    "s",
    "this",
    "that",
    "all",
    "russia",
    "vietnam",
    "china",
    "us",
    "u",
    "volume",
    "value",
    "share",
    "amount",
    "commercial",
    "two",
    "both",
];

/// Names that stand for the same quantity.
fn canonical_topic(word: &str) -> String {
    let singular = word
        .strip_suffix('s')
        .filter(|w| w.len() > 3)
        .unwrap_or(word);
    match singular {
        "export" | "import" | "turnover" | "trade" => "trade",
        "document" | "deal" | "mou" | "memorandum" | "agreement" => "agreement",
        "weapon" | "arm" | "armament" => "arms",
        other => other,
    }
    .to_owned()
}

/// "more than", "about"…: kept apart from the figure, one group per alternative.
fn qualifier(name: &str) -> String {
    format!(
        r"(?:(?P<{name}>(?i:more than|less than|fewer than|over|under|about|around|almost|nearly|up to|at least|some|approximately|roughly|only|just|as much as|as many as))\s+)?"
    )
}

const QUALIFIERS: [&str; 6] = ["qual_m", "qual_m2", "qual_p", "qual_d", "qual_c", "qual_b"];
const NUMBER: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
const SCALE: &str = r"trillion|billion|million|thousand|bln|mln|bn|tn";

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    let [qm, qm2, qp, qd, qc, qb] = QUALIFIERS.map(qualifier);
    let pattern = [
        format!(
            r"{qm}(?P<money>(?P<cur>US\$|\$|€|£|¥|(?-u:\b)(?:USD|VND|EUR|RUB)\s)\s?(?P<mnum>{NUMBER})(?:\s*(?P<mscale>{SCALE})(?-u:\b))?)"
        ),
        format!(
            r"{qm2}(?P<money2>(?-u:\b)(?P<m2num>{NUMBER})(?:\s*(?P<m2scale>{SCALE})(?-u:\b))?\s+(?P<cur2>USD|US dollars|dollars|euros|roubles|rubles|yuan|dong|VND)(?-u:\b))"
        ),
        format!(r"{qp}(?P<percent>(?-u:\b)(?P<pnum>{NUMBER})\s*(?:%|percent(?-u:\b)|per cent(?-u:\b)))"),
        format!(
            r"{qd}(?P<dozen>(?-u:\b)(?i:a|one|two|three|half a|the)\s+dozen|(?-u:\b)[Dd]ozens)(?:\s+or\s+so)?(?:\s+of)?\s+(?P<dnoun>[a-z][\p{{L}}-]*(?:\s+[a-z][\p{{L}}-]*)?)"
        ),
        format!(
            r"{qc}(?P<count>(?-u:\b)(?P<cnum>{NUMBER})(?:\s+(?P<cscale>million|billion|thousand))?)\s+(?P<noun>\p{{L}}[\p{{L}}’'-]*(?:\s+[a-z][\p{{L}}-]*)?)"
        ),
        // A grouped number needs no noun to be a quantity: "closer to 31,000".
        format!(r"{qb}(?P<bare>(?-u:\b)\d{{1,3}}(?:,\d{{3}})+(?-u:\b))"),
    ]
    .join("|");
    Regex::new(&pattern).unwrap_or_else(|error| unreachable!("figure pattern: {error}"))
});

/// Nouns that make a number a duration, an age or a time, not a figure.
const NOT_COUNTED: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "am",
    "pm",
    "a.m",
    "p.m",
    "percent",
    "per",
    "times",
    "o’clock",
    "and",
    "or",
    "to",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "the",
    "a",
    "an",
    "was",
    "were",
    "is",
    "are",
    "has",
    "had",
    "have",
    "when",
    "after",
    "before",
    "during",
    "as",
    "that",
    "which",
    "talks",
];

/// Every key figure of `article`, in reading order. `dates` are the byte ranges of
/// date phrases per block, whose numbers are not figures.
/// `sentences` are the article's, per block.
pub fn key_figures(
    article: &Article,
    dates: &[Vec<Range<usize>>],
    sentences: &[Vec<Range<usize>>],
) -> Vec<KeyFigure> {
    let mut figures = Vec::new();
    for (index, block) in article.body.blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            continue;
        }
        let text = &*block.text;
        let sentences = sentences.get(index).map_or(&[][..], Vec::as_slice);
        let in_dates = dates.get(index).map_or(&[][..], Vec::as_slice);
        for caps in FIGURE.captures_iter(text) {
            let Some(found) = read_figure(&caps, text) else {
                continue;
            };
            if in_dates
                .iter()
                .any(|d| d.start < found.span.end && found.span.start < d.end)
            {
                continue;
            }
            let Some(sentence) = containing(sentences, found.span.start) else {
                continue;
            };
            figures.push(KeyFigure {
                paragraph: index + 1,
                measures: measures(text, &sentence, &found).map(String::into_boxed_str),
                kind: found.kind,
                span: found.span,
                qualifier: found.qualifier.map(String::into_boxed_str),
                value: found.value,
                counted: found.counted.map(String::into_boxed_str),
                sentence,
            });
        }
    }
    figures
}

/// A figure as the pattern reads it, before it is placed in its paragraph.
struct Found {
    kind: FigureKind,
    span: Range<usize>,
    /// Where the figure starts with its qualifier ("less than $2 billion").
    qualified_start: usize,
    qualifier: Option<String>,
    value: f64,
    counted: Option<String>,
}

fn read_figure(caps: &Captures<'_>, text: &str) -> Option<Found> {
    let qualifier = QUALIFIERS.iter().find_map(|name| caps.name(name));
    let (kind, whole, number, scale, counted) = if let Some(m) = caps.name("money") {
        (
            FigureKind::Money,
            m,
            caps.name("mnum")?,
            caps.name("mscale"),
            None,
        )
    } else if let Some(m) = caps.name("money2") {
        (
            FigureKind::Money,
            m,
            caps.name("m2num")?,
            caps.name("m2scale"),
            None,
        )
    } else if let Some(m) = caps.name("percent") {
        (FigureKind::Percent, m, caps.name("pnum")?, None, None)
    } else if let Some(m) = caps.name("dozen") {
        let noun = counted_noun(caps.name("dnoun")?.as_str());
        if NOT_COUNTED.contains(&noun) {
            return None;
        }
        let value = if m.as_str().to_lowercase().starts_with("half") {
            6.0
        } else {
            12.0
        };
        // "dozens of missiles" reads as written.
        let of = caps.get(0).is_some_and(|all| {
            all.as_str()[m.end() - all.start()..]
                .trim_start()
                .starts_with("of ")
        });
        let counted = if of {
            format!("of {noun}")
        } else {
            noun.to_owned()
        };
        return Some(figure(
            FigureKind::Count,
            m,
            value,
            qualifier,
            Some(counted),
        ));
    } else if let Some(m) = caps.name("bare") {
        // "1,361-piece": a number joined to a word is part of a description.
        if text[m.end()..].starts_with(|c: char| c == '-' || c.is_alphanumeric()) {
            return None;
        }
        (FigureKind::Count, m, m, None, None)
    } else {
        let whole = caps.name("count")?;
        let noun = counted_noun(caps.name("noun")?.as_str());
        if !is_count(text, whole.start(), caps.name("cnum")?.as_str(), noun) {
            return None;
        }
        (
            FigureKind::Count,
            whole,
            caps.name("cnum")?,
            caps.name("cscale"),
            Some(noun.to_owned()),
        )
    };
    if glued_to_word(text, whole.start()) {
        return None;
    }
    let value = parse_number(number.as_str())? * scale.map_or(1.0, |s| multiplier(s.as_str()));
    Some(figure(kind, whole, value, qualifier, counted))
}

fn figure(
    kind: FigureKind,
    whole: regex::Match<'_>,
    value: f64,
    qualifier: Option<regex::Match<'_>>,
    counted: Option<String>,
) -> Found {
    Found {
        kind,
        span: whole.range(),
        qualified_start: qualifier.map_or(whole.start(), |q| q.start()),
        qualifier: qualifier.map(|q| q.as_str().to_lowercase()),
        value,
        counted,
    }
}

/// "G7", "F-16", "SF-24": a number glued to letters is part of a name.
fn glued_to_word(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '-')
}

fn is_count(text: &str, start: usize, number: &str, noun: &str) -> bool {
    let lower = noun.to_lowercase();
    let plain_year = number.len() == 4 && !number.contains([',', '.']);
    let after_number = &text[start + number.len()..];
    let hyphenated = after_number.starts_with('-');
    let head = noun.split_whitespace().last().unwrap_or(noun);
    let starts_lower = head.starts_with(char::is_lowercase);
    let demonym_like = noun.ends_with("ese") || noun.ends_with("ans") || noun.ends_with("ians");
    !plain_year
        && !hyphenated
        && !NOT_COUNTED.contains(&lower.as_str())
        && (starts_lower || demonym_like)
}

/// Adjective endings: "ballistic missiles" counts missiles, not "ballistic".
const ADJECTIVE_ENDINGS: &[&str] = &["ic", "al", "ive", "ous", "ary", "ed", "ing", "ese"];

/// The counted noun out of up to two words: "ballistic missiles" and "Russian
/// tourists" count missiles and tourists; "Vietnamese living" counts Vietnamese.
fn counted_noun(words: &str) -> &str {
    let mut parts = words.split_whitespace();
    let first = parts.next().unwrap_or_default();
    let Some(second) = parts.next() else {
        return first;
    };
    let noun_second = second.starts_with(char::is_lowercase)
        && !second.ends_with("ing")
        && !second.ends_with("ed");
    let adjective = first.starts_with(char::is_lowercase)
        && ADJECTIVE_ENDINGS.iter().any(|e| first.ends_with(e));
    // A capitalised first word is a nationality: "Russian tourists", but not
    // "Vietnamese live", where it is the counted noun itself.
    let nationality = first.starts_with(char::is_uppercase) && second.ends_with('s');
    if noun_second && (adjective || nationality) {
        words
    } else {
        first
    }
}

fn parse_number(number: &str) -> Option<f64> {
    number.replace(',', "").parse().ok()
}

fn multiplier(scale: &str) -> f64 {
    match scale.to_lowercase().as_str() {
        "trillion" | "tn" => 1e12,
        "billion" | "bln" | "bn" => 1e9,
        "million" | "mln" => 1e6,
        "thousand" => 1e3,
        _ => 1.0,
    }
}

/// Words that end the phrase a figure measures.
const PHRASE_STOPS: &[&str] = &[
    "in",
    "before",
    "after",
    "since",
    "during",
    "from",
    "compared",
    "over",
    "for",
    "at",
    "by",
    "on",
    "and",
    "while",
    "which",
    "that",
    "but",
    "as",
    "last",
    "this",
    "according",
    "to",
];

/// Verbs that join a subject to its figure: "trade was", "exports amounted to".
const LINKING: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "amounted to",
    "reached",
    "totalled",
    "totaled",
    "stood at",
    "accounted for",
    "rose to",
    "fell to",
    "grew to",
    "came to",
    "hit",
    "exceeded",
    "surpassed",
    "topped",
    "reached to",
    "amounts to",
    "accounts for",
];

/// What the figure measures: "34% of Russia’s total trade", "$175 billion in trade
/// with China", or the subject of "exports amounted to less than $2 billion".
fn measures(text: &str, sentence: &Range<usize>, figure: &Found) -> Option<String> {
    if figure.kind == FigureKind::Count {
        return None;
    }
    let after = &text[figure.span.end..sentence.end];
    let linker = match figure.kind {
        FigureKind::Percent => " of ",
        _ => " in ",
    };
    if let Some(rest) = after.strip_prefix(linker) {
        let phrase = phrase_until_stop(rest);
        if !phrase.is_empty() {
            return Some(phrase);
        }
    }
    let start = figure.qualified_start;
    let before = text[sentence.start..start.max(sentence.start)].trim_end();
    let before = before
        .strip_suffix(" only")
        .or_else(|| before.strip_suffix(" just"))
        .unwrap_or(before);
    // Compared on the original text (ASCII verbs, any case), so offsets stay valid.
    let subject_end = LINKING
        .iter()
        .filter_map(|verb| {
            let at = before.len().checked_sub(verb.len() + 1)?;
            let tail = before.get(at..)?;
            (tail.starts_with(' ') && tail[1..].eq_ignore_ascii_case(verb)).then_some(at)
        })
        .max()?;
    let subject = &before[..subject_end];
    let clause_start = subject
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | ';' | ':' | '—' | '(' | '“' | '"'))
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .unwrap_or(0);
    let subject = subject[clause_start..].trim();
    (!subject.is_empty() && subject.split_whitespace().count() <= 10).then(|| subject.to_owned())
}

fn phrase_until_stop(rest: &str) -> String {
    let mut words = Vec::new();
    for word in rest.split_whitespace() {
        let bare = word.trim_end_matches([',', '.', ';', ':', ')']);
        let not_a_word = !bare.starts_with(char::is_alphabetic);
        if not_a_word || PHRASE_STOPS.contains(&bare.to_lowercase().as_str()) || words.len() >= 8 {
            break;
        }
        words.push(bare);
        if bare.len() != word.len() {
            break;
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::sentences::block_sentences;
    use crate::load::test_article;

    fn figures(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let article = test_article(None, &[text]);
        key_figures(&article, &[], &block_sentences(&article))
            .into_iter()
            .map(|f| {
                let written = f
                    .text(&article)
                    .expect("the figure's own article")
                    .to_owned();
                let what = f.measures.or(f.counted).map(String::from);
                (written, f.qualifier.map(String::from), what)
            })
            .collect()
    }

    fn row(
        text: &str,
        qualifier: Option<&str>,
        what: Option<&str>,
    ) -> (String, Option<String>, Option<String>) {
        (
            text.to_owned(),
            qualifier.map(str::to_owned),
            what.map(str::to_owned),
        )
    }

    #[test]
    fn percentages_with_what_they_are_of() {
        assert_eq!(
            figures("China accounted for 34% of Russia’s total trade in the first quarter."),
            [row("34%", None, Some("Russia’s total trade"))]
        );
        assert_eq!(
            figures(
                "Such transactions accounted for more than 40 percent of the volume of bilateral commercial transactions."
            ),
            [row(
                "40 percent",
                Some("more than"),
                Some("the volume of bilateral commercial transactions")
            )]
        );
    }

    #[test]
    fn money_with_currency_scale_and_subject() {
        assert_eq!(
            figures(
                "Vietnam's exports to Russia last year amounted to less than $2 billion, compared to $97 billion to the US."
            ),
            [
                row(
                    "$2 billion",
                    Some("less than"),
                    Some("Vietnam's exports to Russia last year")
                ),
                row("$97 billion", None, None),
            ]
        );
        assert_eq!(
            figures(
                "In 2022, trade between the two nations was only $3.5 billion, against $175 billion in trade with China."
            ),
            [
                row(
                    "$3.5 billion",
                    Some("only"),
                    Some("trade between the two nations")
                ),
                row("$175 billion", None, Some("trade with China")),
            ]
        );
        assert_eq!(
            figures("Turnover reached 3.6 billion USD."),
            [row("3.6 billion USD", None, Some("Turnover"))]
        );
    }

    #[test]
    fn subjects_after_dashes_and_quotes_and_odd_case() {
        assert_eq!(
            figures("The relationship is lopsided—trade was only $3.5 billion in 2022."),
            [row("$3.5 billion", Some("only"), Some("trade"))]
        );
        assert_eq!(
            figures("He put it plainly: “trade was $5 billion”."),
            [row("$5 billion", None, Some("trade"))]
        );
        assert_eq!(
            figures("İİİİİİİİİİ WAS $5 billion."),
            [row("$5 billion", None, Some("İİİİİİİİİİ"))]
        );
    }

    #[test]
    fn counts_with_what_they_count() {
        assert_eq!(
            figures(
                "They signed 11 agreements; about 60,000 Vietnamese live there; over 11,000 containers and dozens of missiles."
            ),
            [
                row("11", None, Some("agreements")),
                row("60,000", Some("about"), Some("Vietnamese")),
                row("11,000", Some("over"), Some("containers")),
                row("dozens", None, Some("of missiles")),
            ]
        );
    }

    #[test]
    fn years_durations_and_names_are_not_figures() {
        assert!(
            figures("In 2022 the G7 met for 30 years, a 1,361-piece set, 3 days, in their 50s.")
                .is_empty()
        );
    }
}
