//! Property tests on arbitrary input (proptest; CI runs these, not long fuzzing):
//! the loaders, the front matter splitter and the matcher never panic, the
//! matcher's spans are always valid, ordered and disjoint (or shared by two targets), and a slug is always one safe
//! path component, whatever it is made from.

use dossier::analyze::matcher::{PatternRule, PhraseMatcher};
use dossier::ids::slugify;
use dossier::load::front_matter;
use dossier::load::scraped_text::parse_scraped;
use proptest::prelude::*;
use std::path::{Component, Path};

/// Text with the characters that stress the rules: markup, quotes, dashes,
/// diacritics (composed and not), line endings, and a few words.
fn texty() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("---".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            Just(" ".to_owned()),
            Just("title: ".to_owned()),
            Just("Tô Lâm".to_owned()),
            Just("To\u{302} La\u{302}m".to_owned()),
            Just("“".to_owned()),
            Just("”".to_owned()),
            Just("\"".to_owned()),
            Just("<script>".to_owned()),
            Just("Share it on".to_owned()),
            Just("June 20, 2024".to_owned()),
            Just("$97 billion".to_owned()),
            Just("Putin".to_owned()),
            "\\PC{0,12}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

const WINDOWS_RESERVED: &[&str] = &["con", "prn", "aux", "nul", "com1", "lpt1", "com9", "lpt9"];

proptest! {
    // 400 cases in CI; PROPTEST_CASES=100000 for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn a_slug_is_always_one_safe_path_component(name in "\\PC{0,300}|[./\\\\ \\x00-]{0,20}") {
        let slug = slugify(&name);
        prop_assert!(!slug.is_empty() && slug.len() <= 80, "{slug:?}");
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        prop_assert!(!WINDOWS_RESERVED.contains(&slug.as_str()));
        let components: Vec<Component<'_>> = Path::new(&slug).components().collect();
        prop_assert!(matches!(components.as_slice(), [Component::Normal(_)]), "{slug:?}");
    }

    #[test]
    fn the_front_matter_splitter_never_panics(text in texty()) {
        let _ = front_matter::split(&text, Path::new("a.md"));
    }

    #[test]
    fn the_scraped_text_loader_never_panics(text in texty()) {
        let article = parse_scraped(&text);
        for (_, block) in &article.blocks {
            prop_assert!(!block.trim().is_empty());
        }
    }

    #[test]
    fn matches_are_valid_ordered_and_disjoint(
        text in texty(),
        phrases in proptest::collection::vec("[A-Za-zÀ-ỹ ]{1,12}", 1..6),
    ) {
        let matcher = PhraseMatcher::new(
            phrases
                .iter()
                .enumerate()
                .map(|(i, p)| (p.clone(), PatternRule::Name, i)),
        );
        // Different targets may share one span (a keyword of two themes); otherwise
        // matches follow each other without overlapping.
        let mut previous = 0..0;
        for found in matcher.find(&text, false) {
            prop_assert!(
                found.span.start >= previous.end || found.span == previous,
                "{:?} overlaps {previous:?}", found.span
            );
            prop_assert!(text.get(found.span.clone()).is_some(), "not on char boundaries");
            previous = found.span.clone();
        }
    }
}
