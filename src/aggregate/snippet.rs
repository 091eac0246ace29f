//! Short excerpts of a paragraph around one occurrence, cut at word boundaries.

use crate::ids::ParagraphRef;
use std::ops::Range;

/// An occurrence in context: `before`, the `matched` words, `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub at: ParagraphRef,
    pub before: String,
    pub matched: String,
    pub after: String,
}

const CONTEXT_CHARS: usize = 90;

impl Snippet {
    pub fn around(at: ParagraphRef, text: &str, span: Range<usize>) -> Self {
        let (Some(before), Some(matched), Some(after)) = (
            text.get(..span.start),
            text.get(span.clone()),
            text.get(span.end..),
        ) else {
            return Snippet {
                at,
                before: String::new(),
                matched: text.to_owned(),
                after: String::new(),
            };
        };
        Snippet {
            at,
            before: tail_words(before, CONTEXT_CHARS),
            matched: matched.to_owned(),
            after: excerpt(after, CONTEXT_CHARS),
        }
    }
}

/// The start of `text`, at most about `limit` characters, ending on a whole word.
pub fn excerpt(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let cut: String = text.chars().take(limit).collect();
    let whole = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", whole.trim_end())
}

/// The end of `text`, at most about `limit` characters, starting on a whole word.
fn tail_words(text: &str, limit: usize) -> String {
    let count = text.chars().count();
    if count <= limit {
        return text.to_owned();
    }
    let cut: String = text.chars().skip(count - limit).collect();
    let whole = cut.split_once(' ').map_or(cut.as_str(), |(_, rest)| rest);
    format!("…{whole}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ArticleId;

    #[test]
    fn cuts_context_at_words() {
        let at = ParagraphRef {
            article: ArticleId::from_name("a"),
            paragraph: 1,
        };
        let text = format!("{} Putin {}", "word ".repeat(40), "more ".repeat(40));
        let start = text.find("Putin").unwrap();
        let snippet = Snippet::around(at, &text, start..start + 5);
        assert_eq!(snippet.matched, "Putin");
        assert!(snippet.before.starts_with("…word"), "{}", snippet.before);
        assert!(snippet.after.ends_with("more…"), "{}", snippet.after);
    }
}
