//! Article bodies and analyst Markdown as HTML. Article blocks get their `#pN` ids
//! and the first mention of each entity per block is linked to the entity's page.
//! The Markdown path is a chain of small event passes: raw HTML is escaped (article
//! text is data), unsafe link schemes are neutralised, ids and mention links added.

use super::escape::escape_html;
use crate::analyze::{EntityMention, Quotation, QuotePart};
use crate::cache::Digest;
use crate::ids::EntityId;
use crate::load::Article;
use crate::markdown::{self, BlockKind, BlockTagger};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::BTreeSet;

/// Where a mention links: the entity page's href and the entity's name.
pub type MentionTarget<'a> = dyn Fn(&EntityId) -> Option<(String, String)> + 'a;

/// A quotation's words in one block, and who said them (for the tooltip).
#[derive(Debug, Clone)]
struct QuoteMark {
    span: std::ops::Range<usize>,
    title: String,
}

/// What a block's text is marked up with.
struct BlockMarks<'m> {
    mentions: Vec<&'m EntityMention>,
    quotes: Vec<QuoteMark>,
}

/// The article body as HTML: from `markdown`, the article's Markdown
/// (`load::read_markdown`) when it has some, else from its blocks. `mentions` are
/// the article's, in reading order; `quotes` its quotations, each marked where it
/// stands, titled with `speaker_name`.
pub fn article_html(
    article: &Article,
    markdown: Option<&str>,
    mentions: &[EntityMention],
    quotes: &[Quotation],
    speaker_name: &dyn Fn(&EntityId) -> Option<String>,
    link: &MentionTarget<'_>,
) -> String {
    let blocks = article.body.blocks.len();
    let mut marks: Vec<BlockMarks<'_>> = first_mentions_per_block(blocks, mentions)
        .into_iter()
        .map(|mentions| BlockMarks {
            mentions,
            quotes: Vec::new(),
        })
        .collect();
    for quote in quotes {
        let title = match quote.speaker.as_ref().and_then(speaker_name) {
            Some(name) => format!("Quoted: {name}"),
            None => "Quoted: speaker not identified".to_owned(),
        };
        for part in &quote.parts {
            if let Some(block) = marks.get_mut(part.paragraph - 1) {
                block.quotes.push(QuoteMark {
                    span: part.span.clone(),
                    title: title.clone(),
                });
            }
        }
    }
    match markdown {
        Some(source) => markdown_article_html(source, &marks, link),
        None => scraped_html(article, &marks, link),
    }
}

/// A digest of everything `article_html` reads, so that a rebuild can tell an
/// article page is unchanged without rendering its body. Any input added to
/// `article_html` must be added here too. `None` if the inputs cannot be encoded.
pub fn article_html_key(
    article: &Article,
    mentions: &[EntityMention],
    quotes: &[Quotation],
    speaker_name: &dyn Fn(&EntityId) -> Option<String>,
    link: &MentionTarget<'_>,
) -> Option<Digest> {
    let blocks: Vec<(BlockKind, &str)> = article
        .body
        .blocks
        .iter()
        .map(|block| (block.kind, &*block.text))
        .collect();
    let mentions: Vec<(&EntityMention, Option<(String, String)>)> = mentions
        .iter()
        .map(|mention| (mention, link(&mention.entity)))
        .collect();
    let quotes: Vec<(Option<String>, &[QuotePart])> = quotes
        .iter()
        .map(|quote| {
            let speaker = quote.speaker.as_ref().and_then(speaker_name);
            (speaker, quote.parts.as_slice())
        })
        .collect();
    let markdown = article.body.markdown.then_some(article.source_digest);
    let inputs = (markdown, blocks, mentions, quotes);
    let encoded = postcard::to_stdvec(&inputs).ok()?;
    Some(*blake3::hash(&encoded).as_bytes())
}

/// Analyst-written Markdown (profiles, overviews, the introduction).
pub fn markdown_html(source: &str) -> String {
    let events = markdown::parser(source)
        .map(escape_raw_html)
        .map(neutralise_link);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// For each block, the first mention of each entity in it, in order.
fn first_mentions_per_block(blocks: usize, mentions: &[EntityMention]) -> Vec<Vec<&EntityMention>> {
    let mut per_block: Vec<Vec<&EntityMention>> = vec![Vec::new(); blocks];
    let mut seen: BTreeSet<(usize, &EntityId)> = BTreeSet::new();
    for mention in mentions {
        let index = mention.paragraph.saturating_sub(1);
        if let Some(list) = per_block.get_mut(index)
            && seen.insert((index, &mention.entity))
        {
            list.push(mention);
        }
    }
    per_block
}

fn scraped_html(article: &Article, marks: &[BlockMarks<'_>], link: &MentionTarget<'_>) -> String {
    let mut html = String::new();
    for (index, block) in article.body.blocks.iter().enumerate() {
        let number = index + 1;
        let (open, close) = match block.kind {
            BlockKind::Heading => (format!("<h2 id=\"p{number}\">"), "</h2>"),
            BlockKind::Paragraph => (format!("<p id=\"p{number}\">"), "</p>"),
            BlockKind::ListItem => (format!("<p class=\"item\" id=\"p{number}\">"), "</p>"),
        };
        html.push_str(&open);
        html.push_str(&pilcrow(number));
        if let Some(marks) = marks.get(index) {
            html.push_str(&marked_text(&block.text, 0, marks, link));
        }
        html.push_str(close);
        html.push('\n');
    }
    html
}

/// The `¶` link that lets a reader copy a paragraph's address.
fn pilcrow(number: usize) -> String {
    format!("<a class=\"pilcrow\" href=\"#p{number}\" title=\"Link to paragraph {number}\">¶</a>")
}

/// `text`, which starts at byte `offset` of its block, escaped, with quotations
/// wrapped in a titled span and mentions linked.
fn marked_text(
    text: &str,
    offset: usize,
    marks: &BlockMarks<'_>,
    link: &MentionTarget<'_>,
) -> String {
    let end = offset + text.len();
    let mut html = String::with_capacity(text.len() + 64);
    let mut cursor = offset;
    for quote in &marks.quotes {
        let start = quote.span.start.clamp(cursor, end);
        let stop = quote.span.end.clamp(start, end);
        if start == stop {
            continue;
        }
        let (Some(before), Some(inside)) = (
            text.get(cursor - offset..start - offset),
            text.get(start - offset..stop - offset),
        ) else {
            continue;
        };
        html.push_str(&linked_text(before, cursor, &marks.mentions, link));
        html.push_str(&format!(
            "<span class=\"quote\" title=\"{}\">",
            escape_html(&quote.title)
        ));
        html.push_str(&linked_text(inside, start, &marks.mentions, link));
        html.push_str("</span>");
        cursor = stop;
    }
    html.push_str(&linked_text(
        text.get(cursor - offset..).unwrap_or_default(),
        cursor,
        &marks.mentions,
        link,
    ));
    html
}

/// `text`, which starts at byte `offset` of its block, escaped, with the mentions that
/// lie wholly inside it linked.
fn linked_text(
    text: &str,
    offset: usize,
    mentions: &[&EntityMention],
    link: &MentionTarget<'_>,
) -> String {
    let mut html = String::with_capacity(text.len() + 64);
    let mut cursor = 0;
    for mention in mentions {
        let (Some(start), Some(end)) = (
            mention.span.start.checked_sub(offset),
            mention.span.end.checked_sub(offset),
        ) else {
            continue;
        };

        let (Some(before), Some(name), Some((href, title))) = (
            text.get(cursor..start),
            text.get(start..end),
            link(&mention.entity),
        ) else {
            // Overlapping or out-of-range spans are left unlinked.
            continue;
        };
        html.push_str(&escape_html(before));
        html.push_str(&format!(
            "<a class=\"mention\" href=\"{}\" title=\"{}\">{}</a>",
            escape_html(&href),
            escape_html(&title),
            escape_html(name)
        ));
        cursor = end;
    }
    html.push_str(&escape_html(text.get(cursor..).unwrap_or_default()));
    html
}

fn markdown_article_html(
    source: &str,
    marks: &[BlockMarks<'_>],
    link: &MentionTarget<'_>,
) -> String {
    let mut offsets = vec![0usize; marks.len()];
    let mut in_link = 0usize;
    let events = BlockTagger::new(source).map(|(event, tag)| {
        let event = neutralise_link(escape_raw_html(event));
        match (&event, tag) {
            (Event::Start(Tag::Link { .. }), _) => in_link += 1,
            (Event::End(TagEnd::Link), _) => in_link = in_link.saturating_sub(1),
            _ => {}
        }
        let Some((index, kind)) = tag else {
            return event;
        };
        match event {
            Event::Start(Tag::Paragraph) => open_block("p", index),
            Event::Start(Tag::Heading { level, .. }) => open_block(&level.to_string(), index),
            Event::Start(Tag::Item) if kind == BlockKind::ListItem => open_block("li", index),
            Event::Text(text) => {
                let offset = offsets.get(index).copied().unwrap_or_default();
                if let Some(slot) = offsets.get_mut(index) {
                    *slot += text.len();
                }
                let marks = marks
                    .get(index)
                    .filter(|m| in_link == 0 && !(m.mentions.is_empty() && m.quotes.is_empty()));
                match marks {
                    Some(marks) => {
                        Event::InlineHtml(marked_text(&text, offset, marks, link).into())
                    }
                    None => Event::Text(text),
                }
            }
            other => {
                if let (Some(text), Some(slot)) =
                    (markdown::event_text(&other), offsets.get_mut(index))
                {
                    *slot += text.len();
                }
                other
            }
        }
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn open_block(tag: &str, index: usize) -> Event<'static> {
    let number = index + 1;
    Event::Html(format!("<{tag} id=\"p{number}\">{}", pilcrow(number)).into())
}

/// Raw HTML in Markdown is shown as text, never interpreted.
fn escape_raw_html(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    }
}

/// Links may only point at the web, mail, or relative places. An image becomes a
/// link to it, its description the link text: a page never loads anything from
/// the network.
fn neutralise_link(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    }
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if crate::markdown::is_safe_link(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ArticleId;
    use crate::load::{ArticleBody, ArticleMeta, Block};

    fn article(text: &str) -> Article {
        Article {
            id: ArticleId::from_name("talks"),
            source: "content/articles/talks.txt".into(),
            source_digest: [0; 32],
            meta: ArticleMeta {
                title: "Talks".to_owned(),
                author: None,
                date: None,
                outlet: None,
                url: None,
                entities: Vec::new(),
            },
            body: ArticleBody {
                blocks: vec![Block {
                    kind: BlockKind::Paragraph,
                    text: text.into(),
                }],
                markdown: false,
            },
        }
    }

    fn mention(entity: &str, span: std::ops::Range<usize>) -> EntityMention {
        EntityMention {
            entity: EntityId::from_name(entity),
            paragraph: 1,
            span,
        }
    }

    /// The key and the body it stands for, with an entity page at `href` named `name`.
    fn keyed(article: &Article, mentions: &[EntityMention], name: &str) -> (Digest, String) {
        let link = |_: &EntityId| Some(("../entities/lam.html".to_owned(), name.to_owned()));
        let speaker = |_: &EntityId| None;
        let key = article_html_key(article, mentions, &[], &speaker, &link);
        let html = article_html(article, None, mentions, &[], &speaker, &link);
        (key.expect("plain data encodes"), html)
    }

    #[test]
    fn the_body_key_changes_exactly_when_the_body_would() {
        let text = "To Lam met the delegation.";
        let (key, html) = keyed(&article(text), &[mention("to-lam", 0..6)], "To Lam");
        let cases = [
            (
                "the same inputs",
                keyed(&article(text), &[mention("to-lam", 0..6)], "To Lam"),
            ),
            (
                "another text",
                keyed(
                    &article("To Lam met them."),
                    &[mention("to-lam", 0..6)],
                    "To Lam",
                ),
            ),
            (
                "another span",
                keyed(&article(text), &[mention("to-lam", 3..6)], "To Lam"),
            ),
            ("no mention", keyed(&article(text), &[], "To Lam")),
            (
                "a renamed entity",
                keyed(&article(text), &[mention("to-lam", 0..6)], "Tô Lâm"),
            ),
        ];
        for (case, (other_key, other_html)) in cases {
            assert_eq!(
                key == other_key,
                html == other_html,
                "{case}: the key and the body disagree on whether anything changed"
            );
        }
    }

    #[test]
    fn a_markdown_body_key_follows_its_file_not_only_its_plain_text() {
        let text = "To Lam met the delegation.";
        // "*To Lam*" and "**To Lam**" have the same plain text; only the file differs.
        let from_file = |digest: u8, markdown: bool| {
            let mut article = article(text);
            article.source_digest = [digest; 32];
            article.body.markdown = markdown;
            article
        };
        let link = |_: &EntityId| None;
        let speaker = |_: &EntityId| None;
        let key = |article: &Article| article_html_key(article, &[], &[], &speaker, &link);
        assert_eq!(key(&from_file(1, true)), key(&from_file(1, true)));
        assert_ne!(key(&from_file(1, true)), key(&from_file(2, true)));
        assert_eq!(
            key(&from_file(1, false)),
            key(&from_file(2, false)),
            "scraped text is rendered from its blocks alone"
        );
    }

    #[test]
    fn raw_html_and_script_links_are_defused() {
        let html = markdown_html(
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) [y](https://a.org)",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("href=\"#\""), "{html}");
        assert!(html.contains("href=\"https://a.org\""), "{html}");
    }
}
