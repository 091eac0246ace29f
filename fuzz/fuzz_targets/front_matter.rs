//! The front matter splitter and the typed YAML parsing of every content kind, on
//! any file as the loader decodes it (line endings normalised): no panic, the
//! pieces are slices of the file, and every error points at a line that exists in
//! the file (counted from its top, not from the YAML block).
#![no_main]

use dossier::load::LoadError;
use dossier::text;
use dossier::load::front_matter::{self, RawArticleFront, RawEntityFront, RawThemeFront};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("content/articles/fuzzed.md");
    let Ok(decoded) = text::decode(bytes, path) else {
        return;
    };
    let text = decoded.text.as_str();
    let lines = text.lines().count().max(1);
    let split = match front_matter::split(text, path) {
        Ok(split) => split,
        Err(error) => {
            assert_eq!(
                error.location().line,
                1,
                "an unclosed block is reported at its start"
            );
            return;
        }
    };
    let body_at = text.len() - split.body.len();
    assert!(text.ends_with(split.body), "the body is the file's tail");
    assert_eq!(
        split.body_first_line,
        text[..body_at].matches('\n').count() + 1,
        "the body's first line is counted from the top of the file"
    );
    let check = |result: Result<(), LoadError>| {
        if let Err(error) = result {
            let line = error.location().line;
            assert!(
                line >= 1 && line <= lines + 1,
                "line {line} of {lines}: {error}"
            );
        }
    };
    check(front_matter::parse::<RawArticleFront>(&split, path).map(drop));
    check(front_matter::parse::<RawEntityFront>(&split, path).map(drop));
    check(front_matter::parse::<RawThemeFront>(&split, path).map(drop));
});
