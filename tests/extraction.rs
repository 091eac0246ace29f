//! Precision and recall of the extractors (quotations with speakers, dated events,
//! key figures) against answer keys written by reading the articles: the five seeds,
//! and fixtures in other styles (wire copy and its syndicated repeat, a Vietnamese
//! outlet in English, a translated Russian report). See `tests/answer_key/README.md`.
//!
//! `cargo test --test extraction -- --nocapture` prints the score table.

mod common;

use common::{SEED_ARTICLES, TestSite};
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

fn answer_key(id: &str) -> AnswerKey {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/answer_key")
        .join(format!("{id}.yaml"));
    let text = std::fs::read_to_string(&path).expect("read an answer key");
    let key: AnswerKey = serde_yaml::from_str(&text).expect("parse an answer key");
    assert_eq!(key.article, id, "{}", path.display());
    key
}

/// Lower case letters and digits, single spaces: how keys and findings compare.
fn normal(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '$' || c == '%' { c } else { ' ' })
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
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
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

fn score_article(scores: &mut Scores, key: &AnswerKey, article: &Value) {
    let id = &key.article;
    let empty = Vec::new();
    let list = |name: &str| article[name].as_array().unwrap_or(&empty).clone();

    let quotes = list("quotes");
    let (pairs, missed, spurious) = pair_up(&key.quotes, &quotes, |k, f| {
        paragraph(f) == k.paragraph && normal(&text(f, "text")).starts_with(&normal(&k.starts))
    });
    let score = &mut scores.quotes;
    score.keyed += key.quotes.len();
    score.found += quotes.len();
    score.matched += pairs.len();
    for (k, found) in pairs {
        let keyed = &key.quotes[k];
        let speaker = found["speaker"].as_str().map(str::to_owned);
        if speaker == keyed.speaker {
            score.right += 1;
        } else if speaker.is_some() {
            score.wrong.push(format!(
                "{id} ¶{}: {:?} said by {speaker:?}, key says {:?}",
                keyed.paragraph, keyed.starts, keyed.speaker
            ));
        }
    }
    score.missed.extend(missed.iter().map(|&k| format!("{id} ¶{}: {:?}", key.quotes[k].paragraph, key.quotes[k].starts)));
    score.spurious.extend(spurious.iter().map(|f| format!("{id} ¶{}: {:?}", paragraph(f), text(f, "text"))));

    let events = list("events");
    let (pairs, missed, spurious) = pair_up(&key.events, &events, |k, f| {
        paragraph(f) == k.paragraph && overlaps(&text(f, "phrase"), &k.phrase)
    });
    let score = &mut scores.events;
    score.keyed += key.events.len();
    score.found += events.len();
    score.matched += pairs.len();
    for (k, found) in pairs {
        let keyed = &key.events[k];
        let date = found["date"].as_str().map(str::to_owned);
        if date == keyed.date {
            score.right += 1;
        } else if date.is_some() {
            score.wrong.push(format!(
                "{id} ¶{}: {:?} placed on {date:?}, key says {:?}",
                keyed.paragraph, keyed.phrase, keyed.date
            ));
        }
    }
    score.missed.extend(missed.iter().map(|&k| format!("{id} ¶{}: {:?}", key.events[k].paragraph, key.events[k].phrase)));
    score.spurious.extend(spurious.iter().map(|f| format!("{id} ¶{}: {:?}", paragraph(f), text(f, "phrase"))));

    let figures = list("figures");
    let (pairs, missed, spurious) = pair_up(&key.figures, &figures, |k, f| {
        paragraph(f) == k.paragraph && overlaps(&text(f, "text"), &k.text)
    });
    let score = &mut scores.figures;
    score.keyed += key.figures.len();
    score.found += figures.len();
    score.matched += pairs.len();
    score.right += pairs.len();
    score.missed.extend(missed.iter().map(|&k| format!("{id} ¶{}: {:?}", key.figures[k].paragraph, key.figures[k].text)));
    score.spurious.extend(spurious.iter().map(|f| format!("{id} ¶{}: {:?}", paragraph(f), text(f, "text"))));
}

fn score_site(data: &Value, ids: &[&str]) -> Scores {
    let mut scores = Scores::default();
    for id in ids {
        let key = answer_key(id);
        let article = common::data_entry(data, "articles", id);
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
    let scores = score_site(&data, &SEED_ARTICLES);
    report("seeds", &scores);
    scores
}

fn style_scores() -> Scores {
    let site = TestSite::new();
    for id in SEED_ARTICLES {
        site.remove(&format!("content/articles/{id}.txt"));
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/styles/articles");
    for id in STYLE_FIXTURES {
        let text = std::fs::read(fixtures.join(format!("{id}.md"))).expect("read a fixture");
        site.write(&format!("content/articles/{id}.md"), text);
    }
    let data = site.build().success().data();
    let scores = score_site(&data, &STYLE_FIXTURES);
    report("style fixtures", &scores);
    scores
}

#[test]
fn seeds_meet_the_targets() {
    let scores = seed_scores();
    assert!(scores.quotes.wrong.is_empty(), "wrong speakers: {:#?}", scores.quotes.wrong);
    assert!(scores.events.wrong.is_empty(), "wrong dates: {:#?}", scores.events.wrong);
    assert!(scores.quotes.recall() >= 0.9, "quote recall {}", scores.quotes);
    assert!(scores.figures.recall() >= 0.9, "figure recall {}", scores.figures);
    assert!(scores.events.recall() >= 0.9, "event recall {}", scores.events);
    for score in [&scores.quotes, &scores.events, &scores.figures] {
        assert!(score.precision() >= 0.9, "precision {score}");
    }
}

#[test]
fn other_styles_never_name_a_wrong_speaker_or_date() {
    let scores = style_scores();
    assert!(scores.quotes.wrong.is_empty(), "wrong speakers: {:#?}", scores.quotes.wrong);
    assert!(scores.events.wrong.is_empty(), "wrong dates: {:#?}", scores.events.wrong);
    for score in [&scores.quotes, &scores.events, &scores.figures] {
        assert!(score.recall() >= 0.8, "recall {score}");
        assert!(score.precision() >= 0.8, "precision {score}");
    }
}
