//! The catalog matcher on any phrases and any text: the first line holds phrases
//! separated by `|`, the rest is the text. Matches are in order, do not overlap
//! (but for several targets on one span), and are slices of the text.
#![no_main]

use dossier::analyze::matcher::{PatternRule, PhraseMatcher, PhraseSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let (header, text) = input.split_once('\n').unwrap_or((input, ""));
    let phrases = header
        .split('|')
        .take(16)
        .enumerate()
        .map(|(index, phrase)| {
            let source = match index % 3 {
                0 => PhraseSource::Person,
                1 => PhraseSource::Entity,
                _ => PhraseSource::Keyword,
            };
            (
                phrase.to_owned(),
                PatternRule::for_phrase(phrase, source),
                index,
            )
        });
    let matcher = PhraseMatcher::new(phrases);
    for is_heading in [false, true] {
        let found = matcher.find(text, is_heading);
        let mut previous: Option<std::ops::Range<usize>> = None;
        for each in &found {
            let span = each.span.clone();
            assert!(span.start < span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            if let Some(last) = &previous {
                assert!(
                    span == *last || span.start >= last.end,
                    "{last:?} then {span:?}"
                );
            }
            previous = Some(span);
        }
    }
});
