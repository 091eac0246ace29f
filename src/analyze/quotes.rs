//! Direct quotations and who said them. Quotation marks may be curly (“ ”), straight
//! (") or guillemets (« »); a straight mark opens or closes by what flanks it, the
//! way Markdown decides emphasis. A quotation of one or two words is a scare quote
//! ("bamboo diplomacy" is a term, not a statement) and is skipped. A quotation left
//! open at the end of a paragraph continues into the next one, as English prints
//! speeches that run over paragraphs.

use super::EntityMention;
use super::sentences::sentence_ends;
use super::speakers::{Attribution, SpeakerContext};
use crate::ids::EntityId;
use crate::load::Article;
use crate::markdown::BlockKind;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// A statement quoted word for word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quotation {
    /// The paragraph where it opens.
    /// From 1: the `#pN` of the article the analysis is of.
    pub paragraph: usize,
    /// The quoted words in each paragraph it covers, without the marks (`text`).
    pub parts: Vec<QuotePart>,
    pub speaker: Option<EntityId>,
    /// The words that name the speaker ("said To Lam", "He"), for checking.
    pub cue: Option<String>,
}

impl Quotation {
    /// The quoted words as read in `article`, the one it was found in: its parts
    /// joined. Borrowed from the article when the quotation is one paragraph.
    pub fn text<'t>(&self, article: &'t Article) -> Cow<'t, str> {
        quoted_text(&article.body.blocks, &self.parts)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotePart {
    pub paragraph: usize,
    pub span: Range<usize>,
}

/// Fewer words than this is a scare quote.
const MIN_WORDS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight mark whose neighbours do not tell.
    Either,
}

/// A pair of marks found in the text: where the inside starts and ends.
#[derive(Debug, Clone)]
struct Span {
    /// (block index, byte offset) of the first quoted byte.
    start: (usize, usize),
    /// (block index, byte offset) of the closing mark.
    end: (usize, usize),
    /// Offset just past the closing mark.
    after: usize,
}

/// Every quotation of `article`, attributed. `mentions` are the article's, in
/// reading order.
pub fn quotations(
    article: &Article,
    mentions: &[EntityMention],
    speakers: &mut SpeakerContext<'_, '_>,
) -> Vec<Quotation> {
    let blocks = &article.body.blocks;
    let spans = quote_spans(blocks.iter().map(|b| (b.kind, &*b.text)));
    let per_block = mentions_per_block(blocks.len(), mentions);
    let layouts = block_layouts(blocks, &spans);
    let empty = BlockLayout::default();
    let mut quotes = Vec::new();
    let mut pending = spans.iter().peekable();
    for (index, block) in blocks.iter().enumerate() {
        let text = &*block.text;
        let here = per_block.get(index).map_or(&[][..], Vec::as_slice);
        let layout = layouts.get(index).unwrap_or(&empty);
        let mut reported = reported_sentences(speakers.sentences_of(index), &layout.inside)
            .into_iter()
            .peekable();
        while let Some(span) = pending.next_if(|s| s.start.0 == index) {
            // Speech reported before the quotation sets who a "he" in it means.
            while let Some(sentence) = reported.next_if(|r| r.start < span.start.1) {
                note_reported_speech(text, sentence, here, index, speakers);
            }
            let close_text = blocks.get(span.end.0).map_or("", |b| &*b.text);
            let close_mentions = per_block.get(span.end.0).map_or(&[][..], Vec::as_slice);
            let parts = parts(blocks, span);
            if quoted_text(blocks, &parts).split_whitespace().count() < MIN_WORDS {
                continue;
            }
            let close_layout = layouts.get(span.end.0).unwrap_or(&empty);
            let attribution = attribute(
                span,
                (text, here, layout),
                (close_text, close_mentions, close_layout),
                speakers,
            );
            if let Some(a) = &attribution {
                speakers.spoke(&a.speaker, span.end.0);
            }
            quotes.push(Quotation {
                paragraph: index + 1,
                parts,
                speaker: attribution.as_ref().map(|a| a.speaker.clone()),
                cue: attribution.map(|a| a.cue),
            });
        }
        for sentence in reported {
            note_reported_speech(text, sentence, here, index, speakers);
        }
    }
    quotes
}

/// The sentences of a block that quote nothing.
fn reported_sentences(sentences: &[Range<usize>], inside: &[Range<usize>]) -> Vec<Range<usize>> {
    sentences
        .iter()
        .filter(|s| !inside.iter().any(|q| q.start < s.end && s.start < q.end))
        .cloned()
        .collect()
}

/// A sentence like "Lam declared that …" sets who a later "he" means.
fn note_reported_speech(
    text: &str,
    sentence: Range<usize>,
    mentions: &[&EntityMention],
    block: usize,
    speakers: &mut SpeakerContext<'_, '_>,
) {
    if let Some(speaker) = speakers.reported_speaker(text, sentence, mentions, block) {
        speakers.spoke(&speaker, block);
    }
}

/// A block's text with the mentions and layout attribution reads.
type BlockView<'t, 'm> = (&'t str, &'t [&'m EntityMention], &'t BlockLayout);

fn attribute(
    span: &Span,
    (open_text, open_mentions, open_layout): BlockView<'_, '_>,
    (close_text, close_mentions, close_layout): BlockView<'_, '_>,
    speakers: &SpeakerContext<'_, '_>,
) -> Option<Attribution> {
    let (open_block, open_at) = span.start;
    let (close_block, close_at) = span.end;
    let after = trailing_clause(close_text, close_at, span.after, close_layout);
    let before = leading_clause(open_text, open_at, open_layout);
    if let Some(found) =
        speakers.after_quote(close_text, after.clone(), close_mentions, close_block)
    {
        return Some(found);
    }
    if let Some(found) = speakers.before_quote(open_text, before.clone(), open_mentions, open_block)
    {
        return Some(found);
    }
    let standalone = open_text[before].trim().is_empty()
        && close_text[after]
            .trim_matches(|c: char| c.is_whitespace() || c == '.')
            .is_empty();
    // A paragraph that is nothing but a quotation continues the previous speaker.
    if standalone {
        return speakers
            .recent_speaker(open_block)
            .map(|speaker| Attribution {
                speaker: speaker.clone(),
                cue: String::new(),
            });
    }
    None
}

/// Where a block's quotations and sentences are, found once so that attributing
/// each quotation costs a lookup, not a scan of the paragraph.
#[derive(Debug, Default)]
struct BlockLayout {
    /// Byte ranges inside quotation marks (with the marks).
    inside: Vec<Range<usize>>,
    /// Offsets of opening marks' first quoted byte, sorted.
    opens: Vec<usize>,
    /// Offsets just past closing marks, sorted.
    closes: Vec<usize>,
    /// Sentence-ending punctuation: (its offset, the offset just past it), sorted.
    ends: Vec<(usize, usize)>,
}

fn block_layouts(blocks: &[crate::load::Block], spans: &[Span]) -> Vec<BlockLayout> {
    let mut layouts: Vec<BlockLayout> = blocks
        .iter()
        .map(|block| BlockLayout {
            ends: sentence_ends(&block.text).map(|i| (i, i + 1)).collect(),
            ..BlockLayout::default()
        })
        .collect();
    for span in spans {
        for block in span.start.0..=span.end.0 {
            let Some(layout) = layouts.get_mut(block) else {
                continue;
            };
            let len = blocks.get(block).map_or(0, |b| b.text.len());
            let start = if span.start.0 == block {
                layout.opens.push(span.start.1);
                span.start.1.saturating_sub(1)
            } else {
                0
            };
            let end = if span.end.0 == block {
                layout.closes.push(span.after);
                span.after
            } else {
                len
            };
            layout.inside.push(start..end);
        }
    }
    for layout in &mut layouts {
        layout.opens.sort_unstable();
        layout.closes.sort_unstable();
    }
    layouts
}

/// The clause before an opening mark: back to the sentence start or the last quote.
fn leading_clause(text: &str, open_at: usize, layout: &BlockLayout) -> Range<usize> {
    let mark_start = text[..open_at]
        .char_indices()
        .next_back()
        .map_or(open_at, |(i, _)| i);
    let previous_quote_end = layout.closes[..layout.closes.partition_point(|&c| c <= mark_start)]
        .last()
        .copied()
        .unwrap_or(0);
    // The last sentence end between that quote and this mark: no quotation lies
    // between them, so no end there is inside one.
    let sentence_start = layout.ends[..layout.ends.partition_point(|&(i, _)| i < mark_start)]
        .last()
        .filter(|&&(i, _)| i >= previous_quote_end)
        .map_or(0, |&(_, after)| after);
    sentence_start.max(previous_quote_end)..mark_start
}

/// The clause after a closing mark: to the sentence end or the next quote. Empty when
/// the quotation itself ended the sentence.
fn trailing_clause(
    text: &str,
    close_at: usize,
    after: usize,
    layout: &BlockLayout,
) -> Range<usize> {
    let quoted_end = text[..close_at].trim_end();
    let rest = &text[after..];
    let next_starts_sentence = rest
        .trim_start()
        .chars()
        .next()
        .is_none_or(char::is_uppercase);
    if quoted_end.ends_with(['.', '!', '?']) && next_starts_sentence && !rest.starts_with(',') {
        return after..after;
    }
    let next_quote = layout
        .opens
        .get(layout.opens.partition_point(|&o| o <= after))
        .map_or(text.len(), |&o| o.max(after));
    let end = layout
        .ends
        .get(layout.ends.partition_point(|&(i, _)| i < after))
        .filter(|&&(i, _)| i < next_quote)
        .map_or(next_quote, |&(_, end)| end);
    after..end.min(next_quote)
}

fn parts(blocks: &[crate::load::Block], span: &Span) -> Vec<QuotePart> {
    (span.start.0..=span.end.0)
        .filter_map(|index| {
            let text = &blocks.get(index)?.text;
            let start = if index == span.start.0 {
                span.start.1
            } else {
                0
            };
            let end = if index == span.end.0 {
                span.end.1
            } else {
                text.len()
            };
            Some(QuotePart {
                paragraph: index + 1,
                span: start..end,
            })
        })
        .collect()
}

fn quoted_text<'t>(blocks: &'t [crate::load::Block], parts: &[QuotePart]) -> Cow<'t, str> {
    let words: Vec<&str> = parts
        .iter()
        .filter_map(|part| blocks.get(part.paragraph - 1)?.text.get(part.span.clone()))
        .map(|text| text.trim().trim_start_matches(['"', '“', '«']))
        .collect();
    fn tidy(joined: &str) -> &str {
        joined.trim_end_matches([',', ' ']).trim_start()
    }
    match words.as_slice() {
        [only] => Cow::Borrowed(tidy(only)),
        several => Cow::Owned(tidy(&several.join(" ")).to_owned()),
    }
}

fn mentions_per_block(blocks: usize, mentions: &[EntityMention]) -> Vec<Vec<&EntityMention>> {
    let mut per_block: Vec<Vec<&EntityMention>> = vec![Vec::new(); blocks];
    for mention in mentions {
        if let Some(list) = per_block.get_mut(mention.paragraph.saturating_sub(1)) {
            list.push(mention);
        }
    }
    per_block
}

/// Pairs the quotation marks of a run of blocks. Headings are editorial and never
/// quote anyone, so their marks are skipped. A quotation still open at the end of a
/// paragraph continues into the next one only if that one closes it.
fn quote_spans<'t>(blocks: impl Iterator<Item = (BlockKind, &'t str)>) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (index, (kind, text)) in blocks.enumerate() {
        if kind == BlockKind::Heading {
            open = None;
            continue;
        }
        if open.is_some_and(|(block, _)| block + 1 < index) {
            open = None;
        }
        let carried = open.is_some();
        for (at, mark) in marks(text) {
            let after = at + text[at..].chars().next().map_or(1, char::len_utf8);
            match (open, mark) {
                (None, Mark::Open | Mark::Either) => open = Some((index, after)),
                (Some(start), Mark::Close | Mark::Either) => {
                    spans.push(Span {
                        start,
                        end: (index, at),
                        after,
                    });
                    open = None;
                }
                // A paragraph of a continued speech reopens with a mark of its own.
                (Some((block, _)), Mark::Open) if carried && block < index && at == 0 => {}
                (Some(_), Mark::Open) => open = Some((index, after)),
                (None, Mark::Close) => {}
            }
        }
        if open.is_some_and(|(block, _)| block < index) {
            open = None;
        }
    }
    spans
}

/// The double quotation marks of `text` and which way each one faces.
fn marks(text: &str) -> Vec<(usize, Mark)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    chars
        .iter()
        .enumerate()
        .filter_map(|(i, &(at, c))| {
            let mark = match c {
                '“' | '«' | '„' => Mark::Open,
                '”' | '»' => Mark::Close,
                '"' => {
                    let before = i.checked_sub(1).and_then(|j| chars.get(j)).map(|p| p.1);
                    let after = chars.get(i + 1).map(|n| n.1);
                    straight_mark(before, after)
                }
                _ => return None,
            };
            Some((at, mark))
        })
        .collect()
}

fn straight_mark(before: Option<char>, after: Option<char>) -> Mark {
    let space_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    let space_after = after.is_none_or(char::is_whitespace);
    match (space_before, space_after) {
        (true, false) => Mark::Open,
        (false, true) => Mark::Close,
        (false, false) if after.is_some_and(|c| c.is_ascii_punctuation()) => Mark::Close,
        _ => Mark::Either,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(blocks: &[&str]) -> Vec<String> {
        let spans = quote_spans(blocks.iter().map(|t| (BlockKind::Paragraph, *t)));
        spans
            .iter()
            .map(|s| {
                if s.start.0 == s.end.0 {
                    blocks[s.start.0][s.start.1..s.end.1].to_owned()
                } else {
                    format!(
                        "{} / {}",
                        &blocks[s.start.0][s.start.1..],
                        &blocks[s.end.0][..s.end.1]
                    )
                }
            })
            .collect()
    }

    #[test]
    fn pairs_straight_curly_and_guillemet_marks() {
        assert_eq!(
            quoted(&["He said \"we agree on this,\" and “so do we” and «we too»."]),
            ["we agree on this,", "so do we", "we too"]
        );
    }

    #[test]
    fn a_quote_open_at_paragraph_end_continues_into_the_next() {
        assert_eq!(
            quoted(&[
                "Lam said. \"When I say warm, I mean it.",
                "I want to greet them,\" he added."
            ]),
            ["When I say warm, I mean it. / I want to greet them,"]
        );
    }

    #[test]
    fn an_unclosed_quote_does_not_swallow_later_paragraphs() {
        assert_eq!(
            quoted(&["He said \"it was", "nothing here", "and \"a quote\" here"]),
            ["a quote"]
        );
    }

    #[test]
    fn apostrophes_and_single_quotes_are_not_marks() {
        assert!(quoted(&["Russia's 'strategic' partner, the U.S.'s ally"]).is_empty());
    }
}
