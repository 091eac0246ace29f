//! Key figures across articles, and the quantities that several sources give
//! different numbers for, to be shown side by side rather than one picked.

use crate::analyze::{Analysis, FigureKind, KeyFigure};
use crate::ids::ArticleId;
use crate::load::Content;
use std::collections::{BTreeMap, BTreeSet};

/// A figure with its sentence, ready to cite.
#[derive(Debug, Clone)]
pub struct CitedFigure {
    pub figure: KeyFigure,
    pub sentence: String,
}

/// Figures of one kind about one quantity ("trade", "agreement") from two or more
/// articles. Indexes point into `Figures::all`.
#[derive(Debug, Clone)]
pub struct FigureComparison {
    pub topic: String,
    pub kind: FigureKind,
    pub figures: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Figures {
    /// In article order, then reading order.
    pub all: Vec<CitedFigure>,
    pub comparisons: Vec<FigureComparison>,
}

/// Figures of every article but `copies`, whose numbers would only repeat others'.
pub fn figures(content: &Content, analysis: &Analysis, copies: &BTreeSet<&ArticleId>) -> Figures {
    let all: Vec<CitedFigure> = content
        .articles
        .iter()
        .zip(&analysis.articles)
        .filter(|(article, _)| !copies.contains(&article.id))
        .flat_map(|(article, found)| {
            found.figures.iter().filter_map(|figure| {
                let block = article.body.blocks.get(figure.at.paragraph - 1)?;
                Some(CitedFigure {
                    figure: figure.clone(),
                    sentence: block.text.get(figure.sentence.clone())?.to_owned(),
                })
            })
        })
        .collect();
    let comparisons = comparisons(&all);
    Figures { all, comparisons }
}

fn comparisons(all: &[CitedFigure]) -> Vec<FigureComparison> {
    let mut by_topic: BTreeMap<(FigureKind, String), Vec<usize>> = BTreeMap::new();
    for (index, cited) in all.iter().enumerate() {
        if let Some(topic) = cited.figure.topic() {
            by_topic
                .entry((cited.figure.kind, topic))
                .or_default()
                .push(index);
        }
    }
    let articles = |members: &[usize]| {
        members
            .iter()
            .map(|&i| &all[i].figure.at.article)
            .collect::<BTreeSet<&ArticleId>>()
            .len()
    };
    let mut comparisons: Vec<(usize, FigureComparison)> = by_topic
        .into_iter()
        .map(|((kind, topic), figures)| {
            (
                articles(&figures),
                FigureComparison {
                    topic,
                    kind,
                    figures,
                },
            )
        })
        .filter(|(sources, _)| *sources >= 2)
        .collect();
    // The quantities most sources speak of first.
    comparisons.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.kind.cmp(&b.1.kind))
            .then(a.1.topic.cmp(&b.1.topic))
    });
    comparisons.into_iter().map(|(_, c)| c).collect()
}
