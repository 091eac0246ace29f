//! `dossier.json`: the aggregate as data for other tools. Field names are a public
//! interface documented in the README; add fields, never rename them.
//!
//! Each record of the file's lists has a key: the digest of everything it is made
//! from (the articles' bytes by their digest, the aggregate's choices, and the
//! analysis context: catalog, site.yaml, binary). A build copies the records whose
//! key the published file already holds (`EarlierData`) and makes only the others:
//! the file is 150 MB at 10,000 articles, and adding one article changes a few of
//! its records.

use super::urls::{Page, Urls};
use crate::aggregate::{
    ArticleDigest, ArticleOccurrences, Dossier, FigureComparison, Subject, Tally, TimelineEntry,
};
use crate::analyze::{Analysis, ArticleAnalysis, FigureKind};
use crate::cache::Digest;
use crate::ids::{ArticleId, EntityId, ThemeId};
use crate::load::{Article, Content, Entity, Theme};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek, SeekFrom, Write};

#[derive(Serialize)]
struct QuoteData<'a> {
    text: Cow<'a, str>,
    speaker: Option<&'a EntityId>,
    cue: Option<&'a str>,
    paragraph: usize,
    /// Every paragraph the quotation covers.
    paragraphs: Vec<usize>,
}

#[derive(Serialize)]
struct EventData<'a> {
    phrase: &'a str,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a decade like `1950s`; null when unresolved.
    date: Option<String>,
    paragraph: usize,
}

#[derive(Serialize)]
struct FigureData<'a> {
    text: &'a str,
    kind: FigureKind,
    qualifier: Option<&'a str>,
    value: f64,
    counted: Option<&'a str>,
    measures: Option<&'a str>,
    paragraph: usize,
}

#[derive(Serialize)]
struct DuplicateData<'a> {
    original: &'a ArticleId,
    shared_percent: u8,
}

#[derive(Serialize)]
struct SourceRef<'a> {
    article: &'a ArticleId,
    paragraph: usize,
    phrase: &'a str,
}

#[derive(Serialize)]
struct TimelineData<'a> {
    date: String,
    sources: Vec<SourceRef<'a>>,
    entities: Vec<&'a EntityId>,
}

#[derive(Serialize)]
struct ComparisonData<'a> {
    topic: &'a str,
    kind: FigureKind,
    figures: Vec<FigureRef<'a>>,
}

#[derive(Serialize)]
struct FigureRef<'a> {
    article: &'a ArticleId,
    paragraph: usize,
    text: &'a str,
    value: f64,
}

#[derive(Serialize)]
struct NameData<'a> {
    name: &'a str,
    kind: &'a str,
    articles: &'a [ArticleId],
    count: usize,
}

#[derive(Serialize)]
struct ArticleData<'a> {
    id: &'a ArticleId,
    title: &'a str,
    path: String,
    source_file: String,
    date: Option<String>,
    author: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    paragraphs: usize,
    entities: Vec<&'a EntityId>,
    themes: Vec<&'a ThemeId>,
    related: Vec<&'a ArticleId>,
    duplicate_of: Option<DuplicateData<'a>>,
    quotes: Vec<QuoteData<'a>>,
    events: Vec<EventData<'a>>,
    figures: Vec<FigureData<'a>>,
}

#[derive(Serialize)]
struct EntityData<'a> {
    id: &'a EntityId,
    name: &'a str,
    kind: &'a str,
    path: String,
    aliases: &'a [String],
    shared_aliases: &'a [String],
    role: Option<&'a str>,
    articles: Vec<&'a ArticleId>,
    mentions: usize,
    mention_refs: Vec<MentionRef<'a>>,
}

/// Where an occurrence is: the article, its paragraph, and the words found.
#[derive(Serialize)]
struct MentionRef<'a> {
    article: &'a ArticleId,
    paragraph: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct ThemeData<'a> {
    id: &'a ThemeId,
    name: &'a str,
    path: String,
    summary: Option<&'a str>,
    keywords: &'a [String],
    articles: Vec<&'a ArticleId>,
    hits: usize,
    hit_refs: Vec<MentionRef<'a>>,
}

/// Where each record of a written `dossier.json` lies, with its key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataRecords {
    spans: Vec<RecordSpan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct RecordSpan {
    key: Digest,
    start: u64,
    len: u64,
}

/// The published `dossier.json`, with where its records lie by key.
pub struct EarlierData {
    file: std::fs::File,
    spans: HashMap<Digest, (u64, u64)>,
}

impl EarlierData {
    /// `file` must hold the bytes `records` were noted from: the cache hands it over
    /// only while its length and modification time are as the last build left them.
    pub fn new(file: std::fs::File, records: &DataRecords) -> Self {
        let spans = records
            .spans
            .iter()
            .map(|span| (span.key, (span.start, span.len)))
            .collect();
        EarlierData { file, spans }
    }

    /// Reads the record with `key` into `buffer`; false when there is none (or it
    /// cannot be read, and must be made).
    fn copy(&mut self, key: &Digest, buffer: &mut Vec<u8>) -> bool {
        let Some(&(start, len)) = self.spans.get(key) else {
            return false;
        };
        buffer.clear();
        let Ok(len) = usize::try_from(len) else {
            return false;
        };
        buffer.resize(len, 0);
        self.file.seek(SeekFrom::Start(start)).is_ok() && self.file.read_exact(buffer).is_ok()
    }
}

/// What a record's key is made from, written unambiguously (lengths before
/// contents) and hashed at once: blake3 takes many small updates slowly.
struct KeyHasher(Vec<u8>);

impl KeyHasher {
    fn number(&mut self, n: u64) -> &mut Self {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }

    fn text(&mut self, text: &str) -> &mut Self {
        self.number(text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
        self
    }

    /// An article by what it is: its id and the digest of its file's bytes.
    fn article(&mut self, article: &Article) -> &mut Self {
        self.text(article.id.as_str());
        self.0.extend_from_slice(&article.source_digest);
        self
    }

    fn ids<'i>(&mut self, ids: impl ExactSizeIterator<Item = &'i str>) -> &mut Self {
        self.number(ids.len() as u64);
        for id in ids {
            self.text(id);
        }
        self
    }

    /// An entity or theme, with where it was found and how often.
    fn found(
        &mut self,
        (subject, count): (Subject<'_>, usize),
        occurrences: &[ArticleOccurrences],
        (articles, analysis): (&Articles<'_>, &Analysis),
    ) {
        let id = match subject {
            Subject::Entity(id) => id.as_str(),
            Subject::Theme(id) => id.as_str(),
        };
        self.text(id)
            .number(count as u64)
            .occurrences(occurrences, subject, (articles, analysis));
    }

    fn occurrences(
        &mut self,
        occurrences: &[ArticleOccurrences],
        subject: Subject<'_>,
        (articles, analysis): (&Articles<'_>, &Analysis),
    ) -> &mut Self {
        self.number(occurrences.len() as u64);
        for o in occurrences {
            match articles.get(&o.article) {
                Some(article) => self.article(article),
                None => self.text(o.article.as_str()),
            };
            self.number(o.count() as u64);
            for place in o.places(analysis, subject) {
                self.number(place.paragraph as u64)
                    .number(place.span.start as u64)
                    .number(place.span.end as u64);
            }
        }
        self
    }
}

/// Writes the file's records, each copied from the earlier file when its key is
/// there and made otherwise, and notes where each lies.
struct RecordWriter<'w> {
    sink: &'w mut dyn Write,
    written: u64,
    earlier: Option<&'w mut EarlierData>,
    /// The analysis context's digest, which every key starts from.
    context: Digest,
    records: DataRecords,
    buffer: Vec<u8>,
    key_buffer: Vec<u8>,
}

impl RecordWriter<'_> {
    fn raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.sink.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Writes `"name":[…]`, one record per item: `key` says what the item's record
    /// is made from, `record` makes it.
    fn list<Item, Record: Serialize>(
        &mut self,
        name: &str,
        items: impl Iterator<Item = Item>,
        key: impl Fn(&Item, &mut KeyHasher),
        record: impl Fn(Item) -> Record,
    ) -> std::io::Result<()> {
        self.raw(format!("\"{name}\":[").as_bytes())?;
        for (index, item) in items.enumerate() {
            if index > 0 {
                self.raw(b",")?;
            }
            let mut hasher = KeyHasher(std::mem::take(&mut self.key_buffer));
            hasher.0.clear();
            hasher.0.extend_from_slice(&self.context);
            hasher.text(name);
            key(&item, &mut hasher);
            let key = *blake3::hash(&hasher.0).as_bytes();
            self.key_buffer = hasher.0;
            let mut buffer = std::mem::take(&mut self.buffer);
            let copied = self
                .earlier
                .as_mut()
                .is_some_and(|earlier| earlier.copy(&key, &mut buffer));
            if !copied {
                buffer.clear();
                serde_json::to_writer(&mut buffer, &record(item))?;
            }
            self.records.spans.push(RecordSpan {
                key,
                start: self.written,
                len: buffer.len() as u64,
            });
            self.raw(&buffer)?;
            self.buffer = buffer;
        }
        self.raw(b"]")
    }
}

/// Each article by id, to cut the words of a mention from.
type Articles<'a> = BTreeMap<&'a ArticleId, &'a Article>;

/// Writes `dossier.json` into `sink` record by record, so the file is never held in
/// memory; copies unchanged records from `earlier`. `context` is the analysis
/// context's digest. Returns where the records lie, for the next build.
pub fn write_dossier_json(
    (content, analysis, dossier): (&Content, &Analysis, &Dossier),
    urls: Urls,
    (context, earlier): (Digest, Option<&mut EarlierData>),
    sink: &mut dyn Write,
) -> std::io::Result<DataRecords> {
    let articles: Articles<'_> = content.articles.iter().map(|a| (&a.id, a)).collect();
    let mut writer = RecordWriter {
        sink,
        written: 0,
        earlier,
        context,
        records: DataRecords::default(),
        buffer: Vec::new(),
        key_buffer: Vec::new(),
    };
    writer.raw(b"{")?;
    writer.list(
        "articles",
        content
            .articles
            .iter()
            .zip(&dossier.articles)
            .zip(&analysis.articles),
        |((article, digest), _), key| article_key(article, digest, key),
        |((article, digest), found)| ArticleData {
            id: &article.id,
            title: &article.meta.title,
            path: urls.path(Page::Article(&article.id)),
            source_file: article.source.to_string_lossy().replace('\\', "/"),
            date: article.meta.date.map(|d| d.to_string()),
            author: article.meta.author.as_deref(),
            outlet: article.meta.outlet.as_deref(),
            url: article.meta.url.as_deref(),
            paragraphs: article.body.blocks.len(),
            entities: ids(&digest.entities),
            themes: ids(&digest.themes),
            related: digest.related.iter().map(|r| &r.article).collect(),
            duplicate_of: digest.duplicate_of.as_ref().map(|d| DuplicateData {
                original: &d.original,
                shared_percent: d.shared_percent,
            }),
            quotes: quotes(article, found),
            events: events(article, found),
            figures: figures(article, found),
        },
    )?;
    writer.raw(b",")?;
    writer.list(
        "entities",
        content.catalog.entities.iter().zip(&dossier.entities),
        |(entity, digest), key| {
            key.found(
                (Subject::Entity(&entity.id), digest.mentions),
                &digest.articles,
                (&articles, analysis),
            );
        },
        |(entity, digest): (&Entity, _)| EntityData {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind.as_str(),
            path: urls.path(Page::Entity(&entity.id)),
            aliases: &entity.aliases,
            shared_aliases: &entity.shared_aliases,
            role: entity.role.as_deref(),
            articles: digest.articles.iter().map(|o| &o.article).collect(),
            mentions: digest.mentions,
            mention_refs: refs(
                &digest.articles,
                Subject::Entity(&entity.id),
                (&articles, analysis),
            ),
        },
    )?;
    writer.raw(b",")?;
    writer.list(
        "themes",
        content.catalog.themes.iter().zip(&dossier.themes),
        |(theme, digest), key| {
            key.found(
                (Subject::Theme(&theme.id), digest.hits),
                &digest.articles,
                (&articles, analysis),
            );
        },
        |(theme, digest): (&Theme, _)| ThemeData {
            id: &theme.id,
            name: &theme.name,
            path: urls.path(Page::Theme(&theme.id)),
            summary: theme.summary.as_deref(),
            keywords: &theme.keywords,
            articles: digest.articles.iter().map(|o| &o.article).collect(),
            hits: digest.hits,
            hit_refs: refs(
                &digest.articles,
                Subject::Theme(&theme.id),
                (&articles, analysis),
            ),
        },
    )?;
    writer.raw(b",")?;
    writer.list(
        "timeline",
        dossier.timeline.entries.iter(),
        |entry, key| timeline_key(entry, content, key),
        |entry| TimelineData {
            date: entry.date.machine(),
            sources: entry
                .sources
                .iter()
                .filter_map(|s| {
                    Some(SourceRef {
                        article: s.article_id(content)?,
                        paragraph: s.paragraph,
                        phrase: s.phrase(content, analysis)?,
                    })
                })
                .collect(),
            entities: entry.entities.iter().collect(),
        },
    )?;
    writer.raw(b",")?;
    writer.list(
        "figure_comparisons",
        dossier.figures.comparisons.iter(),
        |comparison, key| comparison_key(comparison, content, dossier, key),
        |c| ComparisonData {
            topic: &c.topic,
            kind: c.kind,
            figures: c
                .figures
                .iter()
                .filter_map(|&i| {
                    let cited = dossier.figures.all.get(i)?;
                    let figure = cited.figure(analysis)?;
                    Some(FigureRef {
                        article: cited.article(analysis)?,
                        paragraph: figure.paragraph,
                        text: cited.text(content, analysis)?,
                        value: figure.value,
                    })
                })
                .collect(),
        },
    )?;
    let new_names: Vec<NameData<'_>> = dossier
        .new_names
        .iter()
        .map(|n| NameData {
            name: &n.name,
            kind: n.kind.as_str(),
            articles: &n.articles,
            count: n.count,
        })
        .collect();
    writer.raw(b",\"new_names\":")?;
    serde_json::to_writer(&mut *writer.sink, &new_names)?;
    writer.sink.write_all(b"}\n")?;
    Ok(writer.records)
}

fn article_key(article: &Article, digest: &ArticleDigest, key: &mut KeyHasher) {
    key.article(article)
        .text(&article.source.to_string_lossy())
        .ids(digest.entities.iter().map(|t| t.id.as_str()))
        .ids(digest.themes.iter().map(|t| t.id.as_str()))
        .ids(digest.related.iter().map(|r| r.article.as_str()));
    if let Some(duplicate) = &digest.duplicate_of {
        key.text(duplicate.original.as_str())
            .number(u64::from(duplicate.shared_percent));
    }
}

fn timeline_key(entry: &TimelineEntry, content: &Content, key: &mut KeyHasher) {
    key.text(&entry.date.machine())
        .number(entry.sources.len() as u64);
    for source in &entry.sources {
        if let Some(article) = content.articles.get(source.article) {
            key.article(article);
        }
        key.number(source.event as u64)
            .number(source.paragraph as u64);
    }
    key.ids(entry.entities.iter().map(EntityId::as_str));
}

fn comparison_key(
    comparison: &FigureComparison,
    content: &Content,
    dossier: &Dossier,
    key: &mut KeyHasher,
) {
    key.text(&comparison.topic)
        .text(comparison.kind.as_str())
        .number(comparison.figures.len() as u64);
    for cited in comparison
        .figures
        .iter()
        .filter_map(|&i| dossier.figures.all.get(i))
    {
        if let Some(article) = content.articles.get(cited.article) {
            key.article(article);
        }
        key.number(cited.figure as u64);
    }
}

fn quotes<'a>(article: &'a Article, found: &'a ArticleAnalysis) -> Vec<QuoteData<'a>> {
    found
        .quotes
        .iter()
        .map(|q| QuoteData {
            text: q.text(article),
            speaker: q.speaker.as_ref(),
            cue: q.cue.as_deref().filter(|cue| !cue.is_empty()),
            paragraph: q.paragraph,
            paragraphs: q.parts.iter().map(|p| p.paragraph).collect(),
        })
        .collect()
}

fn events<'a>(article: &'a Article, found: &'a ArticleAnalysis) -> Vec<EventData<'a>> {
    found
        .events
        .iter()
        .filter_map(|e| {
            Some(EventData {
                phrase: e.phrase(article)?,
                date: e.date.map(|d| d.machine()),
                paragraph: e.paragraph,
            })
        })
        .collect()
}

fn figures<'a>(article: &'a Article, found: &'a ArticleAnalysis) -> Vec<FigureData<'a>> {
    found
        .figures
        .iter()
        .filter_map(|f| {
            Some(FigureData {
                text: f.text(article)?,
                kind: f.kind,
                qualifier: f.qualifier.as_deref(),
                value: f.value,
                counted: f.counted.as_deref(),
                measures: f.measures.as_deref(),
                paragraph: f.paragraph,
            })
        })
        .collect()
}

fn ids<Id>(tallies: &[Tally<Id>]) -> Vec<&Id> {
    tallies.iter().map(|t| &t.id).collect()
}

fn refs<'a>(
    occurrences: &'a [ArticleOccurrences],
    subject: Subject<'a>,
    (articles, analysis): (&Articles<'a>, &'a Analysis),
) -> Vec<MentionRef<'a>> {
    occurrences
        .iter()
        .filter_map(|o| Some((o, *articles.get(&o.article)?)))
        .flat_map(|(o, article)| {
            o.places(analysis, subject).filter_map(move |place| {
                Some(MentionRef {
                    article: &o.article,
                    paragraph: place.paragraph,
                    text: article.text_at(place.paragraph, &place.span)?,
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTEXT: Digest = [7; 32];

    /// Writes `{"words":[…]}`, one record per word keyed by the word, copying from
    /// `earlier`.
    fn write_words(
        context: Digest,
        words: &[&str],
        earlier: Option<&mut EarlierData>,
    ) -> (Vec<u8>, DataRecords) {
        let mut bytes = Vec::new();
        let mut writer = RecordWriter {
            sink: &mut bytes,
            written: 0,
            earlier,
            context,
            records: DataRecords::default(),
            buffer: Vec::new(),
            key_buffer: Vec::new(),
        };
        writer.raw(b"{").expect("write");
        let key = |word: &&&str, key: &mut KeyHasher| {
            key.text(word);
        };
        writer
            .list("words", words.iter(), key, |word| word.to_uppercase())
            .expect("write");
        writer.raw(b"}").expect("write");
        let records = writer.records;
        (bytes, records)
    }

    /// The earlier file, as the cache would hand it over.
    fn earlier(bytes: &[u8], records: &DataRecords) -> EarlierData {
        let mut file = tempfile::tempfile().expect("temp file");
        file.write_all(bytes).expect("write");
        EarlierData::new(file, records)
    }

    #[test]
    fn records_are_noted_where_they_lie() {
        let (bytes, records) = write_words(CONTEXT, &["ab", "c"], None);
        assert_eq!(bytes, br#"{"words":["AB","C"]}"#);
        let spans: Vec<_> = records.spans.iter().map(|s| (s.start, s.len)).collect();
        assert_eq!(spans, [(10, 4), (15, 3)]);
    }

    #[test]
    fn a_known_record_is_copied_and_a_new_one_made() {
        let (mut bytes, records) = write_words(CONTEXT, &["ab", "c"], None);
        // Mark the earlier record, to tell a copy from a record made again.
        bytes[11] = b'X';
        let mut earlier = earlier(&bytes, &records);
        let (again, noted) = write_words(CONTEXT, &["new", "ab"], Some(&mut earlier));
        assert_eq!(again, br#"{"words":["NEW","XB"]}"#);
        assert_eq!(noted.spans[1].key, records.spans[0].key);
    }

    #[test]
    fn a_record_that_cannot_be_read_is_made() {
        let (bytes, records) = write_words(CONTEXT, &["ab", "c"], None);
        let mut earlier = earlier(&bytes[..12], &records);
        let (again, _) = write_words(CONTEXT, &["ab", "c"], Some(&mut earlier));
        assert_eq!(again, bytes);
    }

    #[test]
    fn another_context_copies_nothing() {
        let (mut bytes, records) = write_words(CONTEXT, &["ab"], None);
        bytes[11] = b'X';
        let mut earlier = earlier(&bytes, &records);
        let (again, _) = write_words([8; 32], &["ab"], Some(&mut earlier));
        assert_eq!(again, br#"{"words":["AB"]}"#);
    }
}
