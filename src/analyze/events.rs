//! Dated statements: every phrase that places something in time, with the sentence
//! it dates. Absolute forms ("June 20, 2024", "July 2022", "since 2017", "the 1950s")
//! stand on their own; relative ones ("on Thursday", "the 20th", "in March", "last
//! year") are resolved against the article's own date, and stay unresolved when the
//! article has none. Nothing is guessed: an unresolved phrase keeps `date: None`.
//!
//! Relative phrases point back in time, as news reports what happened, unless the
//! sentence speaks of the future ("will", "is to", "scheduled", "next").

use super::sentences::containing;
use crate::load::Article;
use crate::markdown::BlockKind;
use aho_corasick::AhoCorasick;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

/// Year, month, day (0 when unknown) and precision: sorts points in time by date.
pub type ChronologicalKey = (i32, u32, u32, u8);

/// A point in time, as precise as the text makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TimePoint {
    Decade(i32),
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

impl TimePoint {
    /// For ordering on a timeline: the first day it covers, then coarser first.
    pub fn sort_key(&self) -> ChronologicalKey {
        match *self {
            TimePoint::Decade(year) => (year, 0, 0, 0),
            TimePoint::Year(year) => (year, 0, 0, 1),
            TimePoint::Month(year, month) => (year, month, 0, 2),
            TimePoint::Day(date) => (date.year(), date.month(), date.day(), 3),
        }
    }

    pub fn compare(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }

    /// `2024-06-20`, `2024-06`, `2024` or `1950s`: the form `dossier.json` uses.
    pub fn machine(&self) -> String {
        match *self {
            TimePoint::Decade(year) => format!("{year}s"),
            TimePoint::Year(year) => format!("{year}"),
            TimePoint::Month(year, month) => format!("{year}-{month:02}"),
            TimePoint::Day(date) => date.to_string(),
        }
    }
}

impl fmt::Display for TimePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            TimePoint::Decade(year) => write!(f, "the {year}s"),
            TimePoint::Year(year) => write!(f, "{year}"),
            TimePoint::Month(year, month) => write!(f, "{} {year}", month_name(month)),
            TimePoint::Day(date) => write!(f, "{}", date.format("%-d %B %Y")),
        }
    }
}

/// A phrase that dates something, and the sentence it dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedEvent {
    /// From 1: the `#pN` of the article the analysis is of.
    pub paragraph: usize,
    /// The date phrase in the block's text (`phrase`).
    pub span: Range<usize>,
    /// The sentence's range in the block's text.
    pub sentence: Range<usize>,
    /// `None` when the phrase is relative and the article has no date.
    pub date: Option<TimePoint>,
}

impl DatedEvent {
    /// The date phrase as written in `article`, the one it was found in.
    pub fn phrase<'t>(&self, article: &'t Article) -> Option<&'t str> {
        article.text_at(self.paragraph, &self.span)
    }
}

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Jan|Feb|Apr";
const WEEKDAYS: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

/// One regex of alternatives, most specific first, so each phrase is read once.
static DATE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let weekday = format!(r"(?:(?:{WEEKDAYS}),?\s+)?");
    let pattern = [
        r"(?P<iso>(?-u:\b)\d{4}-\d{2}-\d{2}(?-u:\b))".to_owned(),
        format!(
            r"(?P<mdy>{weekday}(?-u:\b)(?P<mdy_m>{MONTHS})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s*/\s*|\s+)(?P<mdy_y>\d{{4}})(?-u:\b))"
        ),
        format!(
            r"(?P<dmy>{weekday}(?-u:\b)(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{MONTHS})\s*,?\s+(?P<dmy_y>\d{{4}})(?-u:\b))"
        ),
        format!(r"(?P<my>(?-u:\b)(?P<my_m>{MONTHS})\s+(?:of\s+)?(?P<my_y>(?:1[89]|20)\d\d)(?-u:\b))"),
        format!(
            r"(?P<md>{weekday}(?-u:\b)(?P<md_m>{MONTHS})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b))"
        ),
        format!(
            r"(?P<dm>{weekday}(?-u:\b)(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{MONTHS})(?-u:\b))"
        ),
        r"(?P<month>(?-u:\b)(?P<month_rel>(?i:in|last|this|next|early|late|mid-|since|until|by|from|during|of))\s+(?P<month_m>January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b))"
            .to_owned(),
        r"(?P<decade>(?-u:\b)(?i:the)\s+(?P<decade_y>(?:1[5-9]|20)\d0)s(?-u:\b)(?:\s+(?:and|or|to)\s+(?:the\s+)?(?P<decade_y2>(?:1[5-9]|20)\d0)s(?-u:\b))?)".to_owned(),
        r"(?P<year>(?-u:\b)(?i:in|since|from|until|till|by|before|after|during|of|the|early|late|mid|around|circa|between|and|to)(?:\s+|-)(?P<year_y>(?:1[89]|20)\d\d)(?-u:\b))".to_owned(),
        format!(
            r"(?P<weekday>(?-u:\b)(?:(?P<weekday_rel>(?i:last|next|this))\s+)?(?P<weekday_d>{WEEKDAYS})(?-u:\b))"
        ),
        r"(?P<ordinal>(?-u:\b)(?i:the)\s+(?P<ordinal_d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?-u:\b)(?:\s+and\s+(?:the\s+)?(?P<ordinal_d2>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?-u:\b))?)".to_owned(),
        r"(?P<relative>(?-u:\b)(?i:(?P<relative_w>last|this|next|earlier\s+this|later\s+this)\s+(?P<relative_u>year|month|week)|yesterday|today|tomorrow)(?-u:\b))".to_owned(),
    ]
    .join("|");
    Regex::new(&pattern).unwrap_or_else(|error| unreachable!("date pattern: {error}"))
});

/// Words after an ordinal that make it not a day: "the 20th century".
const ORDINAL_NOUNS: &[&str] = &[
    "century",
    "anniversary",
    "congress",
    "party",
    "session",
    "summit",
    "meeting",
    "birthday",
    "time",
    "round",
    "edition",
    "floor",
    "place",
    "largest",
    "biggest",
    "plenum",
    "army",
    "fleet",
    "day",
];

/// Words that make a sentence look ahead, outside quotation marks. Past participles
/// ("planned") are left out: news uses them of the past.
const FUTURE_MARKERS: &[&str] = &[
    "will",
    "shall",
    "is to",
    "are to",
    "scheduled for",
    "is scheduled",
    "are scheduled",
    "next",
    "upcoming",
    "is expected to",
    "are expected to",
    "is set to",
    "are set to",
    "plans to",
    "is due to",
    "are due to",
];

/// Quoted words, which speak from the speaker's time, not the article's.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""[^"]*"|“[^”]*”|«[^»]*»"#).unwrap_or_else(|error| unreachable!("quoted: {error}"))
});

/// `FUTURE_MARKERS`, found in one pass whatever their case.
static FUTURE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(FUTURE_MARKERS)
        .unwrap_or_else(|error| unreachable!("future markers: {error}"))
});

/// Every dated phrase of `article`, in reading order.
/// `sentences` are the article's, per block.
pub fn dated_events(article: &Article, sentences: &[Vec<Range<usize>>]) -> Vec<DatedEvent> {
    let published = article.meta.date;
    let mut events = Vec::new();
    for (index, block) in article.body.blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            continue;
        }
        let text = &*block.text;
        let sentences = sentences.get(index).map_or(&[][..], Vec::as_slice);
        let quoted: Vec<Range<usize>> = QUOTED.find_iter(text).map(|m| m.range()).collect();
        let mut from = 0;
        while let Some(caps) = next_phrase(text, from) {
            let Some(whole) = caps.get(0) else { break };
            from = whole.end();
            let Some(sentence) = containing(sentences, whole.start()) else {
                continue;
            };
            // In a quotation "today" means nowadays, not the day of publication.
            let nowadays = caps.name("relative").is_some_and(|m| {
                m.as_str().eq_ignore_ascii_case("today")
                    && quoted.iter().any(|q| q.contains(&m.start()))
            });
            if nowadays {
                continue;
            }
            let future = looks_ahead(text, &sentence, whole.start());
            for (span, date) in read_phrase(&caps, text, published, future) {
                events.push(DatedEvent {
                    paragraph: index + 1,
                    span,
                    sentence: sentence.clone(),
                    date,
                });
            }
        }
    }
    events
}

/// The next date phrase at or after `from`. "in July 2022" reads as "July 2022", not
/// as "in July" followed by a stray year.
fn next_phrase(text: &str, from: usize) -> Option<Captures<'_>> {
    let caps = DATE_PHRASE.captures_at(text, from)?;
    if let Some(month) = caps.name("month_m") {
        let rest = &text[month.end()..];
        if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) && rest.starts_with(' ') {
            return DATE_PHRASE.captures_at(text, month.start());
        }
    }
    // "the 4th of July" is a day of a month, not "the 4th" and "July".
    if let Some(day) = caps.name("ordinal_d") {
        let after = caps.get(0).map_or("", |m| &text[m.end()..]);
        let month_follows = after
            .strip_prefix(" of ")
            .and_then(|rest| rest.get(..3))
            .is_some_and(|prefix| month_number(prefix).is_some());
        if month_follows {
            return DATE_PHRASE.captures_at(text, day.start());
        }
    }
    Some(caps)
}

/// Words that join two clauses, each with its own tense: "He spoke on Friday and
/// will speak on Monday".
const CLAUSE_JOINS: &[&str] = &[" and ", " but ", "; ", " while ", " whereas "];

/// The clause of `sentence` (a range of `text`) that holds byte `at`.
fn clause_around(text: &str, sentence: &Range<usize>, at: usize) -> Range<usize> {
    let joins = |slice: &str| -> Vec<usize> {
        CLAUSE_JOINS
            .iter()
            .flat_map(|join| slice.match_indices(join).map(|(i, j)| i + j.len()))
            .collect()
    };
    let before = &text[sentence.start..at];
    let start = joins(before)
        .into_iter()
        .max()
        .map_or(sentence.start, |i| sentence.start + i);
    let after = &text[at..sentence.end];
    let end = CLAUSE_JOINS
        .iter()
        .filter_map(|join| after.find(join))
        .min()
        .map_or(sentence.end, |i| at + i);
    start..end
}

/// Past forms that give a clause its own tense, beside verbs ending in "-ed".
const PAST_VERBS: &[&str] = &[
    "was", "were", "had", "did", "said", "met", "spoke", "told", "went", "came", "left", "made",
    "took", "gave", "saw", "began", "won", "held", "flew", "sent", "wrote", "became",
];

/// Whether the date at byte `at` of `sentence` looks ahead: its clause speaks of the
/// future (or has "would" before it), or an earlier clause does and its own ("and
/// again in September") has no verb in the past.
fn looks_ahead(text: &str, sentence: &Range<usize>, at: usize) -> bool {
    let clause = clause_around(text, sentence, at);
    // "would" looks ahead only for what follows it: "said a delegation would travel
    // in October", but "On Monday, Putin said Russia would deepen ties".
    let would_before = QUOTED
        .replace_all(&text[clause.start..at], " ")
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.eq_ignore_ascii_case("would"));
    if would_before || speaks_of_future(&text[clause.clone()]) {
        return true;
    }
    let past = text[clause]
        .split(|c: char| !c.is_alphabetic())
        .any(is_past_tense);
    !past && speaks_of_future(&text[sentence.start..at])
}

/// "reported", "said", in any case.
fn is_past_tense(word: &str) -> bool {
    let ends_in_ed = word.len() > 3
        && word
            .get(word.len() - 2..)
            .is_some_and(|end| end.eq_ignore_ascii_case("ed"));
    ends_in_ed
        || PAST_VERBS
            .iter()
            .any(|verb| verb.eq_ignore_ascii_case(word))
}

fn speaks_of_future(sentence: &str) -> bool {
    let quoted: Vec<Range<usize>> = QUOTED.find_iter(sentence).map(|m| m.range()).collect();
    FUTURE.find_overlapping_iter(sentence).any(|found| {
        let before = sentence[..found.start()].chars().next_back();
        let after = sentence[found.end()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric())
            && !quoted
                .iter()
                .any(|q| q.start < found.end() && found.start() < q.end)
    })
}

type Reading = (Range<usize>, Option<TimePoint>);

/// What a matched phrase means: usually one date, two for "the 21st and 22nd", none
/// when the match turns out not to be a date ("the 20th century").
fn read_phrase(
    caps: &Captures<'_>,
    text: &str,
    published: Option<NaiveDate>,
    future: bool,
) -> Vec<Reading> {
    let group = |name: &str| caps.name(name);
    let number = |name: &str| group(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let span_of = |name: &str| group(name).map(|m| m.range());
    let one = |name: &str, date: Option<TimePoint>| span_of(name).map(|s| vec![(s, date)]);
    let read = || -> Option<Vec<Reading>> {
        if let Some(iso) = group("iso") {
            let date = NaiveDate::parse_from_str(iso.as_str(), "%Y-%m-%d").ok()?;
            return one("iso", Some(TimePoint::Day(date)));
        }
        if group("mdy").is_some() {
            let date = ymd(
                number("mdy_y")?,
                month_number(group("mdy_m")?.as_str())?,
                number("mdy_d")?,
            )?;
            return one("mdy", Some(TimePoint::Day(date)));
        }
        if group("dmy").is_some() {
            let date = ymd(
                number("dmy_y")?,
                month_number(group("dmy_m")?.as_str())?,
                number("dmy_d")?,
            )?;
            return one("dmy", Some(TimePoint::Day(date)));
        }
        if group("my").is_some() {
            let month = month_number(group("my_m")?.as_str())?;
            let year = i32::try_from(number("my_y")?).ok()?;
            return one("my", Some(TimePoint::Month(year, month)));
        }
        if group("md").is_some() || group("dm").is_some() {
            let (m, d, whole) = if group("md").is_some() {
                ("md_m", "md_d", "md")
            } else {
                ("dm_m", "dm_d", "dm")
            };
            let month = month_number(group(m)?.as_str())?;
            let day = number(d)?;
            NaiveDate::from_ymd_opt(2000, month, day)?;
            let date = published
                .and_then(|p| nearest_month_day(p, month, day, future))
                .map(TimePoint::Day);
            return one(whole, date);
        }
        if group("month").is_some() {
            let month = month_number(group("month_m")?.as_str())?;
            let relation = group("month_rel")?.as_str().to_lowercase();
            let ahead = future || relation == "next";
            let date = published.and_then(|p| month_relative(p, month, ahead, &relation));
            let phrase = if matches!(relation.as_str(), "last" | "this" | "next") {
                span_of("month")?
            } else {
                span_of("month_m")?
            };
            return Some(vec![(phrase, date)]);
        }
        if group("decade").is_some() {
            let year = i32::try_from(number("decade_y")?).ok()?;
            let Some(second) = group("decade_y2") else {
                return one("decade", Some(TimePoint::Decade(year)));
            };
            // "the 1960s and 1970s": two decades.
            let first_end = group("decade_y")?.end() + 1;
            let later = i32::try_from(number("decade_y2")?).ok()?;
            return Some(vec![
                (
                    span_of("decade")?.start..first_end,
                    Some(TimePoint::Decade(year)),
                ),
                (
                    second.start()..second.end() + 1,
                    Some(TimePoint::Decade(later)),
                ),
            ]);
        }
        if group("year").is_some() {
            let year = group("year_y")?;
            let relation = text[span_of("year")?.start..year.start()]
                .trim_matches(|c: char| c.is_whitespace() || c == '-')
                .to_lowercase();
            if !is_point_in_time(text, year.end(), &relation) {
                return None;
            }
            let value = i32::try_from(number("year_y")?).ok()?;
            // "the 2022 invasion" dates by its year; "the" adds nothing to the phrase.
            let whole = span_of("year")?;
            let phrase = if text[whole.clone()].to_lowercase().starts_with("the ") {
                year.range()
            } else {
                whole
            };
            return Some(vec![(phrase, Some(TimePoint::Year(value)))]);
        }
        if group("weekday").is_some() {
            let weekday: Weekday = group("weekday_d")?.as_str().parse().ok()?;
            let relation = group("weekday_rel").map(|r| r.as_str().to_lowercase());
            let date = published
                .and_then(|p| match relation.as_deref() {
                    // "last Friday" in a Friday's paper is a week ago; "next", a week on.
                    Some("last") => {
                        nearest_weekday(p.checked_sub_days(Days::new(1))?, weekday, false)
                    }
                    Some("next") => {
                        nearest_weekday(p.checked_add_days(Days::new(1))?, weekday, true)
                    }
                    _ => nearest_weekday(p, weekday, future),
                })
                .map(TimePoint::Day);
            return one("weekday", date);
        }
        if group("ordinal").is_some() {
            let end = caps.get(0)?.end();
            if follows_ordinal_noun(&text[end..]) {
                return None;
            }
            let mut days = vec![(span_of("ordinal")?, number("ordinal_d")?)];
            if let (Some(second), Some(day)) = (group("ordinal_d2"), number("ordinal_d2")) {
                let first = group("ordinal_d")?;
                let first_end = text[first.end()..].find(char::is_whitespace)? + first.end();
                let start = span_of("ordinal")?.start;
                days = vec![
                    (start..first_end, number("ordinal_d")?),
                    (second.start()..end, day),
                ];
            }
            return Some(
                days.into_iter()
                    .map(|(span, day)| {
                        let date = published.and_then(|p| nearest_day_of_month(p, day, future));
                        (span, date.map(TimePoint::Day))
                    })
                    .collect(),
            );
        }
        if group("relative").is_some() {
            let phrase = group("relative")?.as_str().to_lowercase();
            let date = published.and_then(|p| relative(p, &phrase));
            return one("relative", date);
        }
        None
    };
    read().unwrap_or_default()
}

/// A year counts as a point in time unless it is a quantity: "in 2022" and "the 2022
/// invasion" yes; "2024%", "2,024", "by 2024 votes" no. Only the words that also
/// go before counts ("of", "by", "to"…) can put a count after them.
fn is_point_in_time(text: &str, end: usize, relation: &str) -> bool {
    let rest = &text[end..];
    let glued = rest.starts_with(|c: char| c.is_alphanumeric() || c == '%');
    let more_digits =
        rest.starts_with([',', '.']) && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    let next_word = rest.split_whitespace().next().unwrap_or_default();
    let before_counts = matches!(
        relation,
        "of" | "the" | "and" | "to" | "by" | "around" | "between"
    );
    let counts_something = before_counts
        && next_word.len() > 3
        && next_word.starts_with(|c: char| c.is_lowercase())
        && next_word
            .trim_end_matches(|c: char| !c.is_alphabetic())
            .ends_with('s');
    !(glued || more_digits || counts_something)
}

fn follows_ordinal_noun(rest: &str) -> bool {
    let next = rest
        .trim_start_matches([' ', '-'])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    ORDINAL_NOUNS.contains(&next.as_str())
}

fn month_number(name: &str) -> Option<u32> {
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = name.get(..3)?.to_lowercase();
    let index = months.iter().position(|m| *m == prefix)?;
    u32::try_from(index + 1).ok()
}

fn month_name(month: u32) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    .get(month.saturating_sub(1) as usize)
    .copied()
    .unwrap_or("?")
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// "June 20" in an article of 25 June 2024: the June 20 nearest the article's date,
/// or the first one on or after it when the sentence looks ahead.
fn nearest_month_day(published: NaiveDate, month: u32, day: u32, ahead: bool) -> Option<NaiveDate> {
    let year = published.year();
    let candidates = [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day));
    if ahead {
        return candidates.filter(|date| *date >= published).min();
    }
    candidates.min_by_key(|date| (*date - published).num_days().abs())
}

/// "in March", "last September": the latest such month up to the article's month,
/// or the next one when the sentence looks ahead.
fn month_relative(
    published: NaiveDate,
    month: u32,
    ahead: bool,
    relation: &str,
) -> Option<TimePoint> {
    let year = published.year();
    let this_month = published.month();
    let year = match relation {
        "this" => year,
        "last" if month >= this_month => year - 1,
        "next" if month <= this_month => year + 1,
        _ if ahead && month < this_month => year + 1,
        _ if !ahead && month > this_month => year - 1,
        _ => year,
    };
    Some(TimePoint::Month(year, month))
}

/// "on Thursday": the Thursday of the article's week that is on or before its date
/// (on or after, when the sentence looks ahead). Dates at the edge of the calendar
/// give none.
fn nearest_weekday(published: NaiveDate, weekday: Weekday, ahead: bool) -> Option<NaiveDate> {
    let today = published.weekday().num_days_from_monday();
    let target = weekday.num_days_from_monday();
    if ahead {
        let forward = (target + 7 - today) % 7;
        published.checked_add_days(Days::new(u64::from(forward)))
    } else {
        let back = (today + 7 - target) % 7;
        published.checked_sub_days(Days::new(u64::from(back)))
    }
}

/// "the 20th": the 20th of the article's month if that is not after its date,
/// otherwise of the month before (or after, looking ahead).
fn nearest_day_of_month(published: NaiveDate, day: u32, ahead: bool) -> Option<NaiveDate> {
    let this_month = published.with_day(day);
    match (ahead, this_month) {
        (false, Some(date)) if date <= published => Some(date),
        (false, _) => published.checked_sub_months(Months::new(1))?.with_day(day),
        (true, Some(date)) if date >= published => Some(date),
        (true, _) => published.checked_add_months(Months::new(1))?.with_day(day),
    }
}

/// "last year", "this month", "yesterday". Weeks stay unresolved: a week is not a
/// day, and no day in it would be right.
fn relative(published: NaiveDate, phrase: &str) -> Option<TimePoint> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let year = published.year();
    match words.as_slice() {
        ["yesterday"] => published.checked_sub_days(Days::new(1)).map(TimePoint::Day),
        ["today"] => Some(TimePoint::Day(published)),
        ["tomorrow"] => published.checked_add_days(Days::new(1)).map(TimePoint::Day),
        [.., "week"] => None,
        ["last", "year"] => Some(TimePoint::Year(year - 1)),
        ["next", "year"] => Some(TimePoint::Year(year + 1)),
        [.., "this", "year"] => Some(TimePoint::Year(year)),
        [.., "this", "month"] => Some(TimePoint::Month(year, published.month())),
        ["last", "month"] => {
            let date = published.checked_sub_months(Months::new(1))?;
            Some(TimePoint::Month(date.year(), date.month()))
        }
        ["next", "month"] => {
            let date = published.checked_add_months(Months::new(1))?;
            Some(TimePoint::Month(date.year(), date.month()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::sentences::block_sentences;
    use crate::load::test_article as article;

    fn dates(published: Option<NaiveDate>, text: &str) -> Vec<(String, Option<String>)> {
        let article = article(published, &[text]);
        dated_events(&article, &block_sentences(&article))
            .into_iter()
            .map(|e| {
                let phrase = e.phrase(&article).expect("the event's own article");
                (phrase.to_owned(), e.date.map(|d| d.machine()))
            })
            .collect()
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn pair(phrase: &str, date: Option<&str>) -> (String, Option<String>) {
        (phrase.to_owned(), date.map(str::to_owned))
    }

    #[test]
    fn absolute_dates_need_no_article_date() {
        assert_eq!(
            dates(
                None,
                "Relations began in the 1950s and resumed in July 2022, since 2017 and on June 20, 2024."
            ),
            [
                pair("the 1950s", Some("1950s")),
                pair("July 2022", Some("2022-07")),
                pair("since 2017", Some("2017")),
                pair("June 20, 2024", Some("2024-06-20")),
            ]
        );
    }

    #[test]
    fn relative_dates_resolve_against_the_article_date() {
        let published = day(2024, 6, 25);
        assert_eq!(
            dates(
                published,
                "The Friday talks followed Thursday's briefing, and the visit in September last year."
            ),
            [
                pair("Friday", Some("2024-06-21")),
                pair("Thursday", Some("2024-06-20")),
                pair("September", Some("2023-09")),
                pair("last year", Some("2023")),
            ]
        );
        assert_eq!(
            dates(published, "They met in March."),
            [pair("March", Some("2024-03"))]
        );
    }

    #[test]
    fn relative_dates_stay_unresolved_without_an_article_date() {
        assert_eq!(
            dates(
                None,
                "On the 20th, and on Thursday, and last year, and On Tuesday, June 18."
            ),
            [
                pair("the 20th", None),
                pair("Thursday", None),
                pair("last year", None),
                pair("Tuesday, June 18", None),
            ]
        );
    }

    #[test]
    fn review_cases_resolve_to_the_right_day_or_none() {
        let friday = day(2024, 6, 21);
        assert_eq!(
            dates(friday, "On Monday, Putin said Russia would deepen ties."),
            [pair("Monday", Some("2024-06-17"))]
        );
        assert_eq!(
            dates(
                friday,
                "They met last Friday and will meet again next Friday."
            ),
            [
                pair("last Friday", Some("2024-06-14")),
                pair("next Friday", Some("2024-06-28"))
            ]
        );
        assert_eq!(
            dates(friday, "Celebrations on the 4th of July."),
            [pair("4th of July", Some("2024-07-04"))]
        );
        assert_eq!(
            dates(day(2024, 6, 1), "Putin will visit Hanoi on December 5."),
            [pair("December 5", Some("2024-12-05"))]
        );
        assert_eq!(
            dates(day(2024, 6, 10), "The summit is next June."),
            [pair("next June", Some("2025-06"))]
        );
    }

    #[test]
    fn each_clause_keeps_its_own_tense() {
        assert_eq!(
            dates(
                day(2024, 6, 20),
                "He spoke on Monday and will speak again on Friday."
            ),
            [
                pair("Monday", Some("2024-06-17")),
                pair("Friday", Some("2024-06-21"))
            ]
        );
        assert_eq!(
            dates(day(2024, 6, 19), "On Friday, Putin will fly home."),
            [pair("Friday", Some("2024-06-21"))]
        );
    }

    #[test]
    fn the_future_looks_ahead() {
        assert_eq!(
            dates(
                day(2024, 6, 20),
                "He will visit on Monday and again in September."
            ),
            [
                pair("Monday", Some("2024-06-24")),
                pair("September", Some("2024-09"))
            ]
        );
    }

    #[test]
    fn two_ordinal_days_are_two_dates() {
        assert_eq!(
            dates(day(2024, 6, 20), "A visit scheduled for the 21st and 22nd."),
            [
                pair("the 21st", Some("2024-06-21")),
                pair("22nd", Some("2024-06-22"))
            ]
        );
    }

    #[test]
    fn durations_ages_and_centuries_are_not_dates() {
        assert!(dates(None, "Over the past 30 years, leaders in their 50s, the 20th century, a two-day visit, for decades.").is_empty());
        assert!(dates(None, "It rose 2024% and cost $2024.").is_empty());
    }
}
