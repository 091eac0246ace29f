//! Dates as scraped pages print them: "Jun 25/2024", "June 25, 2024", "25 June 2024",
//! "2024-06-25". Only what the text states becomes a date; nothing is guessed.

use super::boilerplate::rule_regex;
use chrono::NaiveDate;
use regex::{Captures, Regex};
use std::sync::LazyLock;

const MONTH: &str = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(&format!(
        r"(?i)\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*[,/]?\s*(\d{{4}})\b"
    ))
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s*,?\s*(\d{{4}})\b"
    ))
});
static ISO: LazyLock<Regex> = LazyLock::new(|| rule_regex(r"\b(\d{4})-(\d{2})-(\d{2})\b"));
static DATELINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)^(?:posted|post|published|updated|date|last updated)\b(?:\s+(?:at|on))?\s*:?")
});

/// The first full date stated in `text`.
pub fn find_date(text: &str) -> Option<NaiveDate> {
    if let Some(caps) = ISO.captures(text) {
        return ymd(number(&caps, 1)?, number(&caps, 2)?, number(&caps, 3)?);
    }
    if let Some(caps) = MONTH_DAY_YEAR.captures(text) {
        return ymd(number(&caps, 3)?, month(&caps[1])?, number(&caps, 2)?);
    }
    let caps = DAY_MONTH_YEAR.captures(text)?;
    ymd(number(&caps, 3)?, month(&caps[2])?, number(&caps, 1)?)
}

/// A page's dateline ("Post At: Jun 25/2024 01:50AM", "Published 20 June 2024"):
/// short, and either labelled as a date or nothing but a date and a time.
pub fn dateline(line: &str) -> Option<NaiveDate> {
    if line.split_whitespace().count() > 10 {
        return None;
    }
    let date = find_date(line)?;
    let labelled = DATELINE_LABEL.is_match(line.trim());
    let bare = !line.chars().any(|c| c.is_alphabetic() && c.is_lowercase())
        || line.split_whitespace().count() <= 5;
    (labelled || bare).then_some(date)
}

/// A date in front matter must be ISO `YYYY-MM-DD`, the one unambiguous form.
pub fn parse_iso(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

fn number(caps: &Captures<'_>, group: usize) -> Option<u32> {
    caps.get(group)?.as_str().parse().ok()
}

fn month(name: &str) -> Option<u32> {
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = name.get(..3)?.to_lowercase();
    months
        .iter()
        .position(|m| *m == prefix)
        .and_then(|index| u32::try_from(index + 1).ok())
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn reads_the_forms_pages_print() {
        let cases = [
            ("Post At: Jun 25/2024 01:50AM", date(2024, 6, 25)),
            ("Published: June 20, 2024", date(2024, 6, 20)),
            ("20 June 2024", date(2024, 6, 20)),
            ("Updated 2024-06-21 10:00", date(2024, 6, 21)),
            ("Sept. 3rd, 2023", date(2023, 9, 3)),
            ("Feb 30, 2024", None),
        ];
        for (line, expected) in cases {
            assert_eq!(dateline(line), expected, "{line:?}");
        }
    }

    #[test]
    fn sentences_are_not_datelines() {
        assert_eq!(
            dateline(
                "The two signed a series of agreements during their June 20, 2024 talks in Hanoi."
            ),
            None
        );
        assert_eq!(dateline("On Tuesday, June 18, Putin arrived"), None);
    }
}
