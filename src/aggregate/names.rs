//! Names the catalog does not know, ranked for `dossier suggest`: names found in more
//! articles first, then more often, each with example sentences and a guess at the
//! entity kind for the starter file.

use super::Copies;
use crate::analyze::Analysis;
use crate::fold::fold;
use crate::ids::{ArticleId, ParagraphRef};
use crate::load::{Content, EntityKind};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct NameSuggestion {
    pub name: String,
    pub kind: EntityKind,
    /// Titles written before the name ("Deputy Trade Minister").
    pub titles: Vec<String>,
    pub articles: Vec<ArticleId>,
    pub count: usize,
    /// Up to three sentences that use the name.
    pub examples: Vec<(ParagraphRef, String)>,
}

const EXAMPLES: usize = 3;

const ORGANISATION_WORDS: &[&str] = &[
    "ministry",
    "party",
    "council",
    "administration",
    "bank",
    "agency",
    "union",
    "association",
    "organization",
    "organisation",
    "commission",
    "committee",
    "department",
    "office",
    "company",
    "corporation",
    "group",
    "university",
    "center",
    "centre",
    "institute",
    "court",
    "assembly",
    "army",
    "navy",
    "forces",
    "war",
    "treaty",
    "charter",
    "understanding",
    "embassy",
    "government",
    "news",
    "tv",
    "times",
    "post",
    "chamber",
    "industry",
    "fund",
    "federation",
    "congress",
    "parliament",
    "agency",
    "service",
    "press",
    "media",
    "daily",
    "network",
    "foundation",
    "alliance",
    "summit",
];

const PLACE_WORDS: &[&str] = &[
    "sea",
    "river",
    "island",
    "islands",
    "province",
    "city",
    "mountain",
    "mountains",
    "strait",
    "bay",
    "region",
    "palace",
    "mausoleum",
    "square",
    "airport",
    "port",
    "district",
    "oblast",
    "peninsula",
    "gulf",
    "lake",
    "valley",
    "coast",
    "nang",
    "street",
    "bridge",
];

/// Names from every article but `copies`, so a syndicated copy does not make a name
/// look more widespread than it is.
pub fn name_suggestions(
    content: &Content,
    analysis: &Analysis,
    copies: &Copies,
) -> Vec<NameSuggestion> {
    let mut by_name: BTreeMap<String, NameSuggestion> = BTreeMap::new();
    let mut seen_in: BTreeMap<String, BTreeSet<ArticleId>> = BTreeMap::new();
    let originals = content
        .articles
        .iter()
        .zip(&analysis.articles)
        .enumerate()
        .filter(|&(index, _)| !copies.contains(index))
        .map(|(_, analysed)| analysed);
    for (article, found) in originals {
        for candidate in &found.new_names {
            let key = fold(&candidate.name);
            let entry = by_name
                .entry(key.clone())
                .or_insert_with(|| NameSuggestion {
                    name: candidate.name.clone(),
                    kind: guess_kind(&candidate.name),
                    titles: Vec::new(),
                    articles: Vec::new(),
                    count: 0,
                    examples: Vec::new(),
                });
            entry.count += 1;
            if let Some(title) = &candidate.title
                && !entry.titles.contains(title)
            {
                entry.titles.push(title.clone());
                entry.kind = EntityKind::Person;
            }
            if seen_in.entry(key).or_default().insert(article.id.clone()) {
                entry.articles.push(article.id.clone());
            }
            if entry.examples.len() < EXAMPLES
                && let Some(block) = article.body.blocks.get(candidate.paragraph - 1)
            {
                let sentence = crate::analyze::sentence_around(&block.text, candidate.span.start);
                let at = ParagraphRef {
                    article: article.id.clone(),
                    paragraph: candidate.paragraph,
                };
                entry.examples.push((at, sentence.to_owned()));
            }
        }
    }
    let mut suggestions: Vec<NameSuggestion> = by_name.into_values().collect();
    suggestions.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(b.count.cmp(&a.count))
            .then(a.name.cmp(&b.name))
    });
    suggestions
}

/// Organisation and place words decide; a name of two or three plain words is taken
/// for a person; anything else for an organisation. A title before the name makes it
/// a person whatever its words.
fn guess_kind(name: &str) -> EntityKind {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let plain = words.len() <= 3 && words.iter().all(|w| !CONNECTOR_WORDS.contains(&w.as_str()));
    if has(ORGANISATION_WORDS) {
        EntityKind::Organisation
    } else if has(PLACE_WORDS) {
        EntityKind::Place
    } else if plain {
        EntityKind::Person
    } else {
        EntityKind::Organisation
    }
}

const CONNECTOR_WORDS: &[&str] = &["of", "for", "and", "the"];
