//! Case and diacritic folding with a map back to the original text, so matches found
//! in folded text ("to lam") are reported at their place in the article ("Tô Lâm").
//! Shared by load (which checks that no two entities claim one name) and analyze.

use crate::ids::{fold_special, is_combining_mark};
use std::ops::Range;
use unicode_normalization::char::decompose_canonical;

/// Folded text, and for every folded byte the original character it came from.
#[derive(Debug)]
pub struct FoldedText {
    pub text: String,
    origin: Vec<Range<usize>>,
}

impl FoldedText {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut buffer = String::new();
        for (at, c) in original.char_indices() {
            if c.is_ascii() && c != '-' {
                // Most text is ASCII, which folds to itself in lower case.
                text.push(c.to_ascii_lowercase());
                origin.push(at..at + 1);
                continue;
            }
            buffer.clear();
            fold_char(c, &mut buffer);
            let source = at..at + c.len_utf8();
            origin.extend(std::iter::repeat_n(source, buffer.len()));
            text.push_str(&buffer);
        }
        FoldedText { text, origin }
    }

    /// The original byte range of a folded byte range.
    pub fn original_range(&self, folded: Range<usize>) -> Option<Range<usize>> {
        let first = self.origin.get(folded.start)?;
        let last = self.origin.get(folded.end.checked_sub(1)?)?;
        Some(first.start..last.end)
    }
}

/// Folds a pattern the way article text is folded.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut folded);
    }
    folded
}

/// Lowercase, without diacritics; hyphens and dashes become spaces so "Kim Jong-un"
/// is "kim jong un"; curly apostrophes become straight ones.
fn fold_char(c: char, out: &mut String) {
    match c {
        '-' | '‐' | '‑' | '–' | '—' => out.push(' '),
        '’' | '‘' | 'ʼ' => out.push('\''),
        _ => decompose_canonical(c, |base| {
            if !is_combining_mark(base) {
                for plain in fold_special(base) {
                    out.extend(plain.to_lowercase());
                }
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_hyphens() {
        assert_eq!(fold("Tô Lâm"), "to lam");
        assert_eq!(fold("Nguyễn Phú Trọng"), "nguyen phu trong");
        assert_eq!(fold("Kim Jong-un"), "kim jong un");
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("Putin’s"), "putin's");
    }

    #[test]
    fn maps_folded_ranges_back() {
        let original = "Hi Tô Lâm!";
        let folded = FoldedText::new(original);
        let at = folded.text.find("to lam").unwrap();
        let range = folded.original_range(at..at + "to lam".len()).unwrap();
        assert_eq!(&original[range], "Tô Lâm");
    }
}
