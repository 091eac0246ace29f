//! The `.txt` loader's inference: turns a raw scraped article into a title, author,
//! date and citable blocks, with the page's boilerplate removed. Line rules are in
//! `boilerplate`; the rules that need context are here:
//! - the header (everything before the first long line) holds the title, the
//!   dateline, the byline and section labels;
//! - runs of short list items are related-link lists, removed with their heading;
//! - a name line followed by an e-mail line is a signature;
//! - a line repeating the title or an earlier line is a duplicate;
//! - everything after the last prose paragraph is the page's tail.

use super::boilerplate::{self, counter_after_name, looks_like_name};
use super::dates;
use crate::markdown::BlockKind;
use chrono::NaiveDate;

/// What the text itself says; `None` where it says nothing.
#[derive(Debug, Default, PartialEq)]
pub struct ScrapedArticle {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<NaiveDate>,
    pub blocks: Vec<(BlockKind, String)>,
}

/// A line of the page, or a bulleted list item with its indented continuation lines.
#[derive(Debug)]
struct Unit {
    text: String,
    is_list_item: bool,
}

const BULLETS: &[char] = &['•', '·', '▪', '●', '◦', '‣'];
/// A line this long starts the article proper.
const BODY_START_WORDS: usize = 12;
const HEADING_MAX_WORDS: usize = 14;
const TITLE_MAX_WORDS: usize = 30;
const LIST_ITEM_MAX_WORDS: usize = 25;

pub fn parse_scraped(text: &str) -> ScrapedArticle {
    let units = split_units(text);
    let mut article = ScrapedArticle::default();
    let body_start = read_header(&units, &mut article);
    let body = strip_body(&units[body_start..], &mut article);
    article.blocks = mark_headings(body);
    article
}

fn split_units(text: &str) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut in_item = false;
    let mut after_gap = true;
    for raw in text.lines() {
        let line = normalise_spaces(raw);
        if line.is_empty() {
            after_gap = true;
            continue;
        }
        let indented = raw.starts_with(char::is_whitespace);
        if let Some(item) = line.strip_prefix(BULLETS) {
            units.push(Unit {
                text: item.trim().to_owned(),
                is_list_item: true,
            });
            in_item = true;
        } else if let (true, true, Some(last)) = (in_item, indented, units.last_mut()) {
            last.text.push(' ');
            last.text.push_str(&line);
        } else if let Some(last) = units
            .last_mut()
            .filter(|last| !after_gap && is_wrap_of(&last.text, &line))
        {
            last.text.push(' ');
            last.text.push_str(&line);
        } else {
            units.push(Unit {
                text: line,
                is_list_item: false,
            });
            in_item = false;
        }
        after_gap = false;
    }
    units
}

/// A hard-wrapped line continues a long previous line that did not end a sentence,
/// and starts in lower case. Short lines (a name above an e-mail) are never joined.
fn is_wrap_of(previous: &str, line: &str) -> bool {
    word_count(previous) >= 8
        && !ends_sentence(previous)
        && line.chars().next().is_some_and(char::is_lowercase)
}

fn normalise_spaces(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads title, date and author from the header; returns where the body starts.
/// The first line that is not boilerplate and has a letter or digit is the title,
/// however long, unless it is already a sentence.
fn read_header(units: &[Unit], article: &mut ScrapedArticle) -> usize {
    for (index, unit) in units.iter().enumerate() {
        let text = unit.text.as_str();
        let is_boilerplate = boilerplate::classify(text).is_some();
        if article.title.is_none()
            && text.chars().any(char::is_alphanumeric)
            && !is_boilerplate
            && !is_prose(text)
            && word_count(text) <= TITLE_MAX_WORDS
        {
            article.title = Some(text.to_owned());
            continue;
        }
        if word_count(text) >= BODY_START_WORDS && !is_boilerplate {
            return index;
        }
        if let Some(name) = counter_after_name(text).or_else(|| byline(text)) {
            article.author.get_or_insert_with(|| name.to_owned());
        } else if let Some(date) = dates::dateline(text) {
            article.date.get_or_insert(date);
        }
        // Anything else in the header is a section label, a repeated title or a
        // widget: the page's furniture, not the article's text.
    }
    units.len()
}

/// "by Sededin Dedovic", "By Jane Doe | Reuters".
fn byline(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("by ")
        .or_else(|| line.strip_prefix("By "))
        .or_else(|| line.strip_prefix("BY "))?;
    let name = rest.split(['|', ',']).next().unwrap_or(rest).trim();
    looks_like_name(name).then_some(name)
}

/// Drops boilerplate, related-link lists, signatures, duplicates and the tail.
fn strip_body<'a>(units: &'a [Unit], article: &mut ScrapedArticle) -> Vec<&'a str> {
    let in_lists = related_list_units(units);
    let mut seen: Vec<String> = article.title.iter().map(|t| comparable(t)).collect();
    let mut kept = Vec::new();
    for (index, unit) in units.iter().enumerate() {
        let text = unit.text.as_str();
        if in_lists[index] {
            continue;
        }
        let signature = looks_like_name(text)
            && units
                .get(index + 1)
                .is_some_and(|next| is_email(&next.text));
        let author = byline(text).or_else(|| counter_after_name(text));
        if let Some(name) = author.or(signature.then_some(text)) {
            article.author.get_or_insert_with(|| name.to_owned());
            continue;
        }
        if boilerplate::classify(text).is_some() {
            continue;
        }
        let key = comparable(text);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        kept.push(text);
    }
    let end = kept
        .iter()
        .rposition(|text| is_prose(text))
        .map_or(0, |at| at + 1);
    kept.truncate(end);
    kept
}

fn is_email(text: &str) -> bool {
    boilerplate::classify(text) == Some(boilerplate::Rule::ContactEmail)
}

/// Marks runs of two or more short list items, and the short heading line that
/// introduces a run ("You May Also Like", "Latest Stories").
fn related_list_units(units: &[Unit]) -> Vec<bool> {
    let mut marked = vec![false; units.len()];
    let mut index = 0;
    while index < units.len() {
        let run = units[index..]
            .iter()
            .take_while(|unit| unit.is_list_item && word_count(&unit.text) <= LIST_ITEM_MAX_WORDS)
            .count();
        if run >= 2 {
            marked[index..index + run].fill(true);
            if index > 0 && is_heading_like(&units[index - 1].text) {
                marked[index - 1] = true;
            }
        }
        index += run.max(1);
    }
    marked
}

/// Sub-headings: short lines without closing punctuation that introduce prose.
fn mark_headings(texts: Vec<&str>) -> Vec<(BlockKind, String)> {
    let mut blocks = Vec::with_capacity(texts.len());
    for (index, text) in texts.iter().enumerate() {
        let introduces_prose = texts.get(index + 1).is_some_and(|next| is_prose(next));
        let kind = if is_heading_like(text) && introduces_prose {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        blocks.push((kind, (*text).to_owned()));
    }
    blocks
}

fn is_heading_like(text: &str) -> bool {
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“'‘[".contains(c));
    starts_well && word_count(text) <= HEADING_MAX_WORDS && !ends_sentence(text)
}

/// A sentence or more: enough words, and closing punctuation.
fn is_prose(text: &str) -> bool {
    word_count(text) >= 8 && ends_sentence(text)
}

fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    trimmed.ends_with(['.', '!', '?', '…', ':', ';', ','])
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Two lines are the same if they differ only in case and spacing.
fn comparable(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(article: &ScrapedArticle) -> Vec<&str> {
        article
            .blocks
            .iter()
            .map(|(_, text)| text.as_str())
            .collect()
    }

    const PROSE: &str =
        "Officials from both countries met in the capital on Thursday to sign several agreements.";

    #[test]
    fn reads_header_metadata() {
        let text = format!(
            "Skip to main content\n\nA Headline About Talks\n\nWorld\nPost At: Jun 25/2024 01:50AM\n\nby Jane Doe\n\n{PROSE}\n"
        );
        let article = parse_scraped(&text);
        assert_eq!(article.title.as_deref(), Some("A Headline About Talks"));
        assert_eq!(article.author.as_deref(), Some("Jane Doe"));
        assert_eq!(article.date, NaiveDate::from_ymd_opt(2024, 6, 25));
        assert_eq!(texts(&article), [PROSE]);
    }

    #[test]
    fn related_link_lists_go_with_their_heading() {
        let text = format!(
            "Title\n\n{PROSE}\n\nYou May Also Like\n\n  • 1\n    Olive Oil on an Empty Stomach – Hype or Health Miracle?\n\n    LIFESTYLE\n\n  • 2\n    Why Guava Is a Must-Have\n\n{PROSE} Again.\n"
        );
        let article = parse_scraped(&text);
        assert_eq!(
            texts(&article),
            [PROSE.to_owned(), format!("{PROSE} Again.")]
        );
    }

    #[test]
    fn the_tail_after_the_article_is_dropped() {
        let text = format!(
            "Title\n\n{PROSE}\n\nJane Doe\ndesk@example.org\n\nComments0\n\n300\n\nRussia United States European Union\n"
        );
        let article = parse_scraped(&text);
        assert_eq!(texts(&article), [PROSE]);
        assert_eq!(article.author.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn duplicates_of_the_title_and_earlier_lines_are_dropped() {
        let text = format!("Title Of The Piece\n\n{PROSE}\n\nTitle Of The Piece\n\n{PROSE}\n");
        assert_eq!(texts(&parse_scraped(&text)), [PROSE]);
    }

    #[test]
    fn short_lines_before_prose_are_headings() {
        let text =
            format!("Title\n\n{PROSE}\n\nWhat interests Vietnam about Russia\n\n{PROSE} Too.\n");
        let article = parse_scraped(&text);
        let kinds: Vec<_> = article.blocks.iter().map(|(kind, _)| *kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn a_byline_after_the_standfirst_is_the_author() {
        let text =
            format!("Title\n\n{PROSE} And more words here\n\nby Jane Doe\nTitle\n\n{PROSE}\n");
        let article = parse_scraped(&text);
        assert_eq!(article.author.as_deref(), Some("Jane Doe"));
        assert_eq!(
            texts(&article),
            [format!("{PROSE} And more words here"), PROSE.to_owned()]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Title\n\nThe talks between the two delegations went on for a long\ntime into the night.\n";
        assert_eq!(
            texts(&parse_scraped(text)),
            ["The talks between the two delegations went on for a long time into the night."]
        );
    }

    #[test]
    fn a_page_without_metadata_infers_none() {
        let article = parse_scraped(&format!("Title\n\n{PROSE}\n"));
        assert_eq!(article.author, None);
        assert_eq!(article.date, None);
    }
}
