//! Quotations grouped by speaker: named speakers by how much they are quoted, then
//! the quotations no one could be named for.

use super::Copies;
use crate::analyze::{Analysis, Quotation};
use crate::ids::EntityId;
use std::collections::BTreeMap;

/// One speaker's quotations, or the unattributed ones when `speaker` is `None`.
#[derive(Debug, Clone)]
pub struct SpeakerQuotes {
    pub speaker: Option<EntityId>,
    /// In article order, then reading order.
    pub quotes: Vec<QuoteRef>,
}

/// A quotation of the analysis, by its article's index and its own: the dossier
/// points at quotations rather than holding copies of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteRef {
    pub article: usize,
    pub quote: usize,
}

impl QuoteRef {
    pub fn get<'a>(&self, analysis: &'a Analysis) -> Option<&'a Quotation> {
        analysis.articles.get(self.article)?.quotes.get(self.quote)
    }
}

/// Quotations of every article but `copies`, which would only repeat them.
pub fn quotes_by_speaker(analysis: &Analysis, copies: &Copies) -> Vec<SpeakerQuotes> {
    let mut by_speaker: BTreeMap<Option<&EntityId>, Vec<QuoteRef>> = BTreeMap::new();
    let originals = analysis
        .articles
        .iter()
        .enumerate()
        .filter(|&(article, _)| !copies.contains(article));
    for (article, found) in originals {
        for (quote, quotation) in found.quotes.iter().enumerate() {
            by_speaker
                .entry(quotation.speaker.as_ref())
                .or_default()
                .push(QuoteRef { article, quote });
        }
    }
    let mut groups: Vec<SpeakerQuotes> = by_speaker
        .into_iter()
        .map(|(speaker, quotes)| SpeakerQuotes {
            speaker: speaker.cloned(),
            quotes,
        })
        .collect();
    groups.sort_by(|a, b| {
        a.speaker
            .is_none()
            .cmp(&b.speaker.is_none())
            .then(b.quotes.len().cmp(&a.quotes.len()))
            .then(a.speaker.cmp(&b.speaker))
    });
    groups
}
