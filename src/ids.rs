//! Newtype identifiers and slugs: what names an article, entity or theme, and the
//! provenance reference that points at one paragraph of one article.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        // Clones share one allocation, and sorted maps mostly compare an id with a
        // clone of itself: the pointer settles it before the bytes are read.
        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                if Arc::ptr_eq(&self.0, &other.0) {
                    std::cmp::Ordering::Equal
                } else {
                    self.0.cmp(&other.0)
                }
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl $name {
            /// Builds the id from a file stem or name; always a valid slug.
            pub fn from_name(name: &str) -> Self {
                $name(slugify(name).into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// An article, named after its source file.
    ArticleId
);
id_type!(
    /// A catalog entity (person, country, organisation, place), named after its file.
    EntityId
);
id_type!(
    /// A theme, named after its file.
    ThemeId
);

/// One paragraph (or sub-heading) of one article: the unit of provenance.
/// `paragraph` is 1-based and is the `#pN` anchor on the article page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParagraphRef {
    pub article: ArticleId,
    pub paragraph: usize,
}

const MAX_SLUG_LEN: usize = 80;

/// Names Windows reserves for devices in every folder, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// An ASCII slug: lowercase letters, digits and single hyphens, never empty, never
/// longer than 80 bytes, never a name Windows reserves, so it is always one safe
/// path component on every system.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.nfkd().flat_map(fold_special) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !is_combining_mark(c) && !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.truncate(MAX_SLUG_LEN);
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "untitled".to_owned()
    } else if RESERVED.contains(&slug) {
        format!("{slug}-1")
    } else {
        slug.to_owned()
    }
}

/// Letters that carry no decomposition but have an obvious ASCII base.
pub fn fold_special(c: char) -> impl Iterator<Item = char> {
    let folded: &[char] = match c {
        'đ' | 'Đ' => &['d'],
        'ø' | 'Ø' => &['o'],
        'ł' | 'Ł' => &['l'],
        'ß' => &['s', 's'],
        'æ' | 'Æ' => &['a', 'e'],
        'œ' | 'Œ' => &['o', 'e'],
        _ => &[],
    };
    let single = folded.is_empty().then_some(c);
    folded.iter().copied().chain(single)
}

pub fn is_combining_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_safe() {
        let cases = [
            ("Vladimir Putin", "vladimir-putin"),
            ("Tô Lâm", "to-lam"),
            ("Đà Nẵng", "da-nang"),
            ("../../etc/passwd", "etc-passwd"),
            ("  --  ", "untitled"),
            ("U.S. Countermoves: Vietnam", "u-s-countermoves-vietnam"),
            ("CON", "con-1"),
            ("lpt9", "lpt9-1"),
            ("a\\b\0c", "a-b-c"),
        ];
        for (name, slug) in cases {
            assert_eq!(slugify(name), slug, "slug of {name:?}");
        }
        assert!(slugify(&"a".repeat(300)).len() <= MAX_SLUG_LEN);
    }
}
