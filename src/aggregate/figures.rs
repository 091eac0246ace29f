//! Key figures across articles, and the quantities that several sources give
//! different numbers for, to be shown side by side rather than one picked.

use super::Copies;
use crate::analyze::{Analysis, FigureKind, KeyFigure};
use crate::ids::ArticleId;
use crate::load::Content;
use std::collections::{BTreeMap, BTreeSet};

/// A figure by position: `Content::articles[article]`, and `figures[figure]` of its
/// analysis. Pages take the figure and its sentence from there, so the aggregate
/// holds no copies of them.
#[derive(Debug, Clone, Copy)]
pub struct CitedFigure {
    pub article: usize,
    pub figure: usize,
}

impl CitedFigure {
    /// The article the figure is cited from.
    pub fn article<'a>(&self, analysis: &'a Analysis) -> Option<&'a ArticleId> {
        Some(&analysis.articles.get(self.article)?.article)
    }

    pub fn figure<'a>(&self, analysis: &'a Analysis) -> Option<&'a KeyFigure> {
        analysis
            .articles
            .get(self.article)?
            .figures
            .get(self.figure)
    }

    /// The figure as written.
    pub fn text<'a>(&self, content: &'a Content, analysis: &Analysis) -> Option<&'a str> {
        let figure = self.figure(analysis)?;
        super::text_at(content, self.article, figure.paragraph, &figure.span)
    }

    /// The sentence that gives the figure.
    pub fn sentence<'a>(&self, content: &'a Content, analysis: &Analysis) -> Option<&'a str> {
        let figure = self.figure(analysis)?;
        super::text_at(content, self.article, figure.paragraph, &figure.sentence)
    }
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
pub fn figures(content: &Content, analysis: &Analysis, copies: &Copies) -> Figures {
    let all: Vec<CitedFigure> = content
        .articles
        .iter()
        .zip(&analysis.articles)
        .enumerate()
        .filter(|&(article, _)| !copies.contains(article))
        .flat_map(|(article, (_, found))| {
            (0..found.figures.len()).map(move |figure| CitedFigure { article, figure })
        })
        .filter(|cited| cited.sentence(content, analysis).is_some())
        .collect();
    let comparisons = comparisons(&all, analysis);
    Figures { all, comparisons }
}

fn comparisons(all: &[CitedFigure], analysis: &Analysis) -> Vec<FigureComparison> {
    let mut by_topic: BTreeMap<(FigureKind, String), Vec<usize>> = BTreeMap::new();
    for (index, cited) in all.iter().enumerate() {
        let Some(figure) = cited.figure(analysis) else {
            continue;
        };
        if let Some(topic) = figure.topic() {
            by_topic
                .entry((figure.kind, topic))
                .or_default()
                .push(index);
        }
    }
    let articles = |members: &[usize]| {
        members
            .iter()
            .map(|&i| all[i].article)
            .collect::<BTreeSet<usize>>()
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
