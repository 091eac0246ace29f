//! Any name, as a file stem or a title, becomes an id whose page path stays inside
//! the output folder on every system: one safe component, never `..`, a separator,
//! NUL, a Windows device name or an over-long name.
#![no_main]

use dossier::ids::{ArticleId, EntityId, slugify};
use dossier::render::urls::{Page, Urls};
use libfuzzer_sys::fuzz_target;
use std::path::{Component, Path};

const WINDOWS_DEVICES: &[&str] = &["con", "prn", "aux", "nul"];

fuzz_target!(|name: &str| {
    let slug = slugify(name);
    assert!(!slug.is_empty() && slug.len() <= 80, "{slug:?}");
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug:?}"
    );
    assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug:?}");
    assert!(!WINDOWS_DEVICES.contains(&slug.as_str()), "{slug:?}");
    assert!(
        !(slug.len() == 4
            && (slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.as_bytes()[3].is_ascii_digit()
            && slug.as_bytes()[3] != b'0'),
        "{slug:?}"
    );
    let article = ArticleId::from_name(name);
    let entity = EntityId::from_name(name);
    for pretty in [false, true] {
        let urls = Urls { pretty };
        for page in [Page::Article(&article), Page::Entity(&entity)] {
            let path = urls.path(page);
            assert!(
                Path::new(&path)
                    .components()
                    .all(|c| matches!(c, Component::Normal(_))),
                "{path:?}"
            );
            let output = Path::new("/site/public");
            assert!(output.join(&path).starts_with(output), "{path:?}");
        }
    }
});
