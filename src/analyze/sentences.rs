//! Sentence boundaries inside a block of plain text, as byte ranges. News text is
//! full of dotted abbreviations ("U.S. Assistant Secretary", "Washington, D.C.,"),
//! so a full stop ends a sentence only when it follows a word that is not one.

use std::ops::Range;

/// Words that take a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "sen", "rep", "gov", "st",
    "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est",
];

/// The sentences of `text`, in order, covering every non-blank part of it.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut result = Vec::new();
    let mut start = 0;
    for end in boundaries(text) {
        push_trimmed(text, start..end, &mut result);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut result);
    result
}

/// Each block's sentences: split once per article, read by every extractor.
pub fn block_sentences(article: &crate::load::Article) -> Vec<Vec<Range<usize>>> {
    article
        .body
        .blocks
        .iter()
        .map(|block| sentences(&block.text))
        .collect()
}

/// The sentence of `sentences` that contains byte `at`.
pub fn containing(sentences: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    sentences
        .iter()
        .find(|range| range.start <= at && at < range.end.max(range.start + 1))
        .cloned()
}

/// Whether the punctuation at `index` in `text` ends a sentence.
fn ends_sentence(text: &str, index: usize) -> bool {
    let Some(mark) = text[index..].chars().next() else {
        return false;
    };
    if !matches!(mark, '.' | '!' | '?') {
        return false;
    }
    let after = &text[index + mark.len_utf8()..];
    let rest = after.trim_start_matches(['"', '\'', '”', '’', '»', ')']);
    let Some(next) = rest.chars().next() else {
        return true;
    };
    if !next.is_whitespace() {
        return false;
    }
    let following = rest.trim_start().chars().next();
    let starts_sentence = following.is_none_or(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '«' | '(' | '‘' | '\'')
    });
    starts_sentence && !(mark == '.' && is_abbreviation(&text[..index]))
}

/// Offsets of the full stops, exclamation and question marks that end a sentence
/// in `text`, in order. The marks are ASCII, so a byte search finds every candidate.
pub fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes())
        .filter(|&index| ends_sentence(text, index))
}

/// Byte offsets just past each sentence's closing punctuation (and closing quotes).
fn boundaries(text: &str) -> Vec<usize> {
    sentence_ends(text)
        .map(|index| {
            let after = index + 1;
            let closers = text[after..]
                .chars()
                .take_while(|c| matches!(c, '"' | '\'' | '”' | '’' | '»' | ')'))
                .map(char::len_utf8)
                .sum::<usize>();
            after + closers
        })
        .collect()
}

/// Whether the word before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    if word.contains('.') {
        // "U.S", "D.C": dotted abbreviations.
        return true;
    }
    let letters: Vec<char> = word.chars().collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

fn push_trimmed(text: &str, range: Range<usize>, result: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if leading < slice.len() {
        result.push(range.start + leading..range.end - trailing);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_before_a_capital() {
        assert_eq!(
            split("Putin arrived. He met Lam! Did they agree? Yes."),
            ["Putin arrived.", "He met Lam!", "Did they agree?", "Yes."]
        );
    }

    #[test]
    fn dotted_abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split(
                "U.S. Assistant Secretary Daniel J. Kritenbrink went to Washington, D.C. in March. Mr. Son met him."
            ),
            [
                "U.S. Assistant Secretary Daniel J. Kritenbrink went to Washington, D.C. in March.",
                "Mr. Son met him."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said, “We agree.” They left."),
            ["He said, “We agree.”", "They left."]
        );
    }

    #[test]
    fn a_full_stop_before_lowercase_continues_the_sentence() {
        assert_eq!(
            split("It grew 3.5 percent vs. last year."),
            ["It grew 3.5 percent vs. last year."]
        );
    }
}
