//! Precision and recall of the extractors (quotations with speakers, dated events,
//! key figures) against answer keys written by reading the articles: the five seeds,
//! and fixtures in other styles (wire copy and its syndicated repeat, a Vietnamese
//! outlet in English, a translated Russian report). See `tests/answer_key/README.md`.
//!
//! `cargo test --test extraction -- --nocapture` prints the score table.
#![allow(
    clippy::expect_used,
    clippy::print_stderr,
    reason = "the scorer's helpers fail the test on unreadable keys and print the score table"
)]

use crate::common::{SEED_ARTICLES, TestSite};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;
use std::path::Path;

const STYLE_FIXTURES: [&str; 4] = [
    "wire-hanoi-talks",
    "wire-hanoi-talks-syndicated",
    "vietnam-outlet-english",
    "translated-russian-report",
];

#[derive(Debug, Deserialize)]
struct AnswerKey {
    article: String,
    #[serde(default)]
    quotes: Vec<KeyQuote>,
    #[serde(default)]
    events: Vec<KeyEvent>,
    #[serde(default)]
    figures: Vec<KeyFigure>,
}

#[derive(Debug, Deserialize)]
struct KeyQuote {
    paragraph: u64,
    starts: String,
    speaker: Option<String>,
}

#[derive(Debug, Deserialize)]
struct KeyEvent {
    paragraph: u64,
    phrase: String,
    date: Option<String>,
}

#[derive(Debug, Deserialize)]
struct KeyFigure {
    paragraph: u64,
    text: String,
}

const HELD_OUT: [&str; 3] = [
    "analysis-british-style",
    "government-readout",
    "live-blog-style",
];

/// `folder` is "" for the keys the rules were developed against, "held_out/" for
/// the ones written afterwards, without sight of the rules.
fn answer_key(folder: &str, id: &str) -> AnswerKey {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/answer_key")
        .join(format!("{folder}{id}.yaml"));
    let text = std::fs::read_to_string(&path).expect("read an answer key");
    let key: AnswerKey = serde_yaml::from_str(&text).expect("parse an answer key");
    assert_eq!(key.article, id, "{}", path.display());
    key
}

/// Lower case letters and digits, single spaces: how keys and findings compare.
fn normal(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '$' || c == '%' {
                c
            } else {
                ' '
            }
        })
        .flat_map(char::to_lowercase)
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether one phrase contains the other, word for word.
fn overlaps(a: &str, b: &str) -> bool {
    let (a, b) = (format!(" {} ", normal(a)), format!(" {} ", normal(b)));
    a.contains(&b) || b.contains(&a)
}

/// One extractor's score over a set of articles.
#[derive(Debug, Default)]
struct Score {
    keyed: usize,
    found: usize,
    matched: usize,
    /// Quotes given the wrong speaker, or events placed on the wrong date.
    wrong: Vec<String>,
    /// Quotes with the right speaker (or rightly none), events with the right date.
    right: usize,
    missed: Vec<String>,
    spurious: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.matched, self.found)
    }

    fn recall(&self) -> f64 {
        ratio(self.matched, self.keyed)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "keyed {:3}  found {:3}  matched {:3}  precision {:5.1}%  recall {:5.1}%  right {:3}  wrong {}",
            self.keyed,
            self.found,
            self.matched,
            100.0 * self.precision(),
            100.0 * self.recall(),
            self.right,
            self.wrong.len()
        )
    }
}

#[derive(Debug, Default)]
struct Scores {
    quotes: Score,
    events: Score,
    figures: Score,
}

/// Pairs each keyed item with the first unused finding it matches.
fn pair_up<'f, K>(
    keyed: &[K],
    found: &'f [Value],
    same: impl Fn(&K, &Value) -> bool,
) -> (Vec<(usize, &'f Value)>, Vec<usize>, Vec<&'f Value>) {
    let mut used = vec![false; found.len()];
    let mut pairs = Vec::new();
    let mut missed = Vec::new();
    for (k, key) in keyed.iter().enumerate() {
        let hit = found
            .iter()
            .enumerate()
            .find(|(i, f)| !used[*i] && same(key, f));
        match hit {
            Some((i, f)) => {
                used[i] = true;
                pairs.push((k, f));
            }
            None => missed.push(k),
        }
    }
    let spurious = found
        .iter()
        .enumerate()
        .filter(|(i, _)| !used[*i])
        .map(|(_, f)| f)
        .collect();
    (pairs, missed, spurious)
}

fn paragraph(found: &Value) -> u64 {
    found["paragraph"].as_u64().unwrap_or_default()
}

fn text(found: &Value, field: &str) -> String {
    found[field].as_str().unwrap_or_default().to_owned()
}

/// What the scorer needs of a keyed item of any kind.
trait Keyed {
    fn paragraph(&self) -> u64;
    /// The words that identify it, for reports.
    fn words(&self) -> &str;
    /// The field of a finding that holds its words.
    const FOUND_WORDS: &str;
    fn same(&self, found: &Value) -> bool;
    /// The field that must agree (speaker, date) and the keyed value, if any.
    fn checked(&self) -> Option<(&'static str, Option<&str>)>;
}

impl Keyed for KeyQuote {
    const FOUND_WORDS: &str = "text";
    fn paragraph(&self) -> u64 {
        self.paragraph
    }
    fn words(&self) -> &str {
        &self.starts
    }
    fn same(&self, found: &Value) -> bool {
        normal(&text(found, "text")).starts_with(&normal(&self.starts))
    }
    fn checked(&self) -> Option<(&'static str, Option<&str>)> {
        Some(("speaker", self.speaker.as_deref()))
    }
}

impl Keyed for KeyEvent {
    const FOUND_WORDS: &str = "phrase";
    fn paragraph(&self) -> u64 {
        self.paragraph
    }
    fn words(&self) -> &str {
        &self.phrase
    }
    fn same(&self, found: &Value) -> bool {
        overlaps(&text(found, "phrase"), &self.phrase)
    }
    fn checked(&self) -> Option<(&'static str, Option<&str>)> {
        Some(("date", self.date.as_deref()))
    }
}

impl Keyed for KeyFigure {
    const FOUND_WORDS: &str = "text";
    fn paragraph(&self) -> u64 {
        self.paragraph
    }
    fn words(&self) -> &str {
        &self.text
    }
    fn same(&self, found: &Value) -> bool {
        overlaps(&text(found, "text"), &self.text)
    }
    fn checked(&self) -> Option<(&'static str, Option<&str>)> {
        None
    }
}

/// Scores one article's findings of one kind against its keyed items. A finding
/// whose checked field is set but differs from the key is wrong; one left empty is
/// merely not right.
fn score_kind<K: Keyed>(score: &mut Score, id: &str, keyed: &[K], found: &[Value]) {
    let (pairs, missed, spurious) = pair_up(keyed, found, |k, f| {
        paragraph(f) == k.paragraph() && k.same(f)
    });
    score.keyed += keyed.len();
    score.found += found.len();
    score.matched += pairs.len();
    for (k, finding) in pairs {
        let item = &keyed[k];
        let Some((field, expected)) = item.checked() else {
            score.right += 1;
            continue;
        };
        let actual = finding[field].as_str();
        if actual == expected {
            score.right += 1;
        } else if actual.is_some() {
            score.wrong.push(format!(
                "{id} ¶{}: {:?} has {field} {actual:?}, key says {expected:?}",
                item.paragraph(),
                item.words()
            ));
        }
    }
    score.missed.extend(
        missed
            .iter()
            .map(|&k| format!("{id} ¶{}: {:?}", keyed[k].paragraph(), keyed[k].words())),
    );
    score.spurious.extend(
        spurious
            .iter()
            .map(|f| format!("{id} ¶{}: {:?}", paragraph(f), text(f, K::FOUND_WORDS))),
    );
}

fn score_article(scores: &mut Scores, key: &AnswerKey, article: &Value) {
    let list = |name: &str| article[name].as_array().cloned().unwrap_or_default();
    let id = &key.article;
    score_kind(&mut scores.quotes, id, &key.quotes, &list("quotes"));
    score_kind(&mut scores.events, id, &key.events, &list("events"));
    score_kind(&mut scores.figures, id, &key.figures, &list("figures"));
}

fn score_site(data: &Value, folder: &str, ids: &[&str]) -> Scores {
    let mut scores = Scores::default();
    for id in ids {
        let key = answer_key(folder, id);
        let article = crate::common::data_entry(data, "articles", id);
        score_article(&mut scores, &key, article);
    }
    scores
}

fn report(label: &str, scores: &Scores) {
    eprintln!("{label}");
    for (name, score) in [
        ("quotes ", &scores.quotes),
        ("events ", &scores.events),
        ("figures", &scores.figures),
    ] {
        eprintln!("  {name}  {score}");
        for line in &score.wrong {
            eprintln!("      wrong:    {line}");
        }
        for line in &score.missed {
            eprintln!("      missed:   {line}");
        }
        for line in &score.spurious {
            eprintln!("      spurious: {line}");
        }
    }
}

fn seed_scores() -> Scores {
    let data = TestSite::new().build().success().data();
    let scores = score_site(&data, "", &SEED_ARTICLES);
    report("seeds", &scores);
    scores
}

/// A site with the seed catalog and only the fixture articles of `folder`.
fn fixture_site(folder: &str, ids: &[&str]) -> Value {
    let site = TestSite::new();
    for id in SEED_ARTICLES {
        site.remove(&format!("content/articles/{id}.txt"));
    }
    for id in ids {
        site.add_fixture(folder, id);
    }
    site.build().success().data()
}

fn style_scores() -> Scores {
    let data = fixture_site("styles", &STYLE_FIXTURES);
    let scores = score_site(&data, "", &STYLE_FIXTURES);
    report("style fixtures", &scores);
    scores
}

fn held_out_scores() -> Scores {
    let data = fixture_site("held_out", &HELD_OUT);
    let scores = score_site(&data, "held_out/", &HELD_OUT);
    report("held-out fixtures", &scores);
    scores
}

#[test]
fn seeds_meet_the_targets() {
    let scores = seed_scores();
    assert!(
        scores.quotes.wrong.is_empty(),
        "wrong speakers: {:#?}",
        scores.quotes.wrong
    );
    assert!(
        scores.events.wrong.is_empty(),
        "wrong dates: {:#?}",
        scores.events.wrong
    );
    assert!(
        scores.quotes.recall() >= 0.9,
        "quote recall {}",
        scores.quotes
    );
    assert!(
        scores.figures.recall() >= 0.9,
        "figure recall {}",
        scores.figures
    );
    assert!(
        scores.events.recall() >= 0.9,
        "event recall {}",
        scores.events
    );
    for score in [&scores.quotes, &scores.events, &scores.figures] {
        assert!(score.precision() >= 0.9, "precision {score}");
    }
}

#[test]
fn other_styles_never_name_a_wrong_speaker_or_date() {
    let scores = style_scores();
    assert!(
        scores.quotes.wrong.is_empty(),
        "wrong speakers: {:#?}",
        scores.quotes.wrong
    );
    assert!(
        scores.events.wrong.is_empty(),
        "wrong dates: {:#?}",
        scores.events.wrong
    );
    for score in [&scores.quotes, &scores.events, &scores.figures] {
        assert!(score.recall() >= 0.8, "recall {score}");
        assert!(score.precision() >= 0.8, "precision {score}");
    }
}

#[test]
fn held_out_articles_never_name_a_wrong_speaker_or_date() {
    let scores = held_out_scores();
    assert!(
        scores.quotes.wrong.is_empty(),
        "wrong speakers: {:#?}",
        scores.quotes.wrong
    );
    assert!(
        scores.events.wrong.is_empty(),
        "wrong dates: {:#?}",
        scores.events.wrong
    );
}
