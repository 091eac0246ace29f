//! The Markdown block walker shared by load (which extracts each block's plain text
//! for analysis) and render (which puts the `#pN` ids and mention links on the same
//! blocks). Sharing it is what keeps paragraph numbers and mention offsets in step.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::iter::Peekable;

/// The parser every stage uses, with the same options, so events agree.
pub fn parser(source: &str) -> Parser<'_> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_FOOTNOTES);
    Parser::new_ext(source, options)
}

/// What kind of citable block a run of events is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A tight list item, whose text sits in the item with no paragraph around it.
    ListItem,
}

/// Pairs every event with the 0-based index of the citable block it belongs to.
/// Blocks are paragraphs, headings and tight list items, numbered in document order.
pub struct BlockTagger<'a> {
    events: Peekable<Parser<'a>>,
    kinds: Vec<BlockKind>,
    current: Option<usize>,
    items: Vec<Option<usize>>,
}

impl<'a> BlockTagger<'a> {
    pub fn new(source: &'a str) -> Self {
        BlockTagger {
            events: parser(source).peekable(),
            kinds: Vec::new(),
            current: None,
            items: Vec::new(),
        }
    }

    fn open(&mut self, kind: BlockKind) -> usize {
        let index = self.kinds.len();
        self.kinds.push(kind);
        self.current = Some(index);
        index
    }
}

/// A tagged event: the event, and the block it is in (with the block's kind).
pub type TaggedEvent<'a> = (Event<'a>, Option<(usize, BlockKind)>);

impl<'a> Iterator for BlockTagger<'a> {
    type Item = TaggedEvent<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let event = self.events.next()?;
        let index = match &event {
            Event::Start(Tag::Paragraph) => Some(self.open(BlockKind::Paragraph)),
            Event::Start(Tag::Heading { .. }) => Some(self.open(BlockKind::Heading)),
            Event::Start(Tag::Item) => {
                let tight = !matches!(
                    self.events.peek(),
                    Some(Event::Start(Tag::Paragraph | Tag::List(_)) | Event::End(TagEnd::Item))
                );
                let block = tight.then(|| self.open(BlockKind::ListItem));
                self.items.push(block);
                block
            }
            // A nested list ends the text of the tight item that holds it.
            Event::Start(Tag::List(_)) => {
                self.current = None;
                None
            }
            _ => self.current,
        };
        let tagged = index.map(|index| (index, self.kinds[index]));
        match &event {
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => self.current = None,
            Event::End(TagEnd::Item) if self.items.pop().flatten().is_some() => self.current = None,
            _ => {}
        }
        Some((event, tagged))
    }
}

/// The plain text of one event as analysis sees it; render splits the same text.
pub fn event_text<'e>(event: &'e Event<'_>) -> Option<&'e str> {
    match event {
        Event::Text(text) | Event::Code(text) => Some(text),
        Event::SoftBreak | Event::HardBreak => Some(" "),
        _ => None,
    }
}

/// Every citable block of a Markdown document with its plain text.
pub fn plain_blocks(source: &str) -> Vec<(BlockKind, String)> {
    let mut blocks: Vec<(BlockKind, String)> = Vec::new();
    for (event, tag) in BlockTagger::new(source) {
        let Some((index, kind)) = tag else { continue };
        if blocks.len() <= index {
            blocks.resize_with(index + 1, || (kind, String::new()));
            blocks[index].0 = kind;
        }
        if let Some(text) = event_text(&event) {
            blocks[index].1.push_str(text);
        }
    }
    blocks
}

/// Whether a link may be followed: a web or mail address, or a relative place;
/// never a scheme that runs or embeds code (`javascript:`, `data:`, `vbscript:`).
pub fn is_safe_link(url: &str) -> bool {
    let scheme = url
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .filter(|scheme| !scheme.contains(['/', '?', '#']));
    matches!(
        scheme.map(str::to_ascii_lowercase).as_deref(),
        None | Some("http" | "https" | "mailto")
    )
}

/// Whether `url` is an absolute web address, as an article's source must be.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_paragraphs_headings_and_tight_items() {
        let source = "# Title\n\nOne *two* `three`.\n\n- a\n- b\n\n> quoted\n";
        let blocks = plain_blocks(source);
        let kinds: Vec<_> = blocks.iter().map(|(kind, _)| *kind).collect();
        let texts: Vec<_> = blocks.iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(texts, ["Title", "One two three.", "a", "b", "quoted"]);
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn loose_items_count_their_paragraphs_once() {
        let blocks = plain_blocks("- a\n\n- b\n");
        let texts: Vec<_> = blocks.iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(texts, ["a", "b"]);
    }
}
