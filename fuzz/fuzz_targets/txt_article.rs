//! Any bytes dropped into `content/articles/` as a `.txt` file: decoding, the front
//! matter split and the scraped-text reader never panic or hang, and an article that
//! loads has a title and text.
#![no_main]

use dossier::load::{article_from_file, front_matter};
use dossier::text;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fuzz_target!(|bytes: &[u8]| {
    let shown = Path::new("content/articles/fuzzed.txt");
    let Ok(decoded) = text::decode(bytes, shown) else {
        return;
    };
    assert!(!decoded.text.contains('\r'), "line endings are normalised");
    let Ok(split) = front_matter::split(&decoded.text, shown) else {
        return;
    };
    let source = PathBuf::from("content/articles/fuzzed.txt");
    if let Ok(article) = article_from_file(&split, shown, source, true) {
        assert!(
            !article.meta.title.trim().is_empty(),
            "an article has a title"
        );
        assert!(!article.body.blocks.is_empty(), "an article has text");
    }
});
