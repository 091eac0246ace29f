//! Who said something: the speech verb of a clause and the subject that goes with it.
//! A subject is a catalog entity that can speak (a person, an organisation, a
//! country; never a place), a pronoun resolved to the last speaker of the article, or
//! a description ("the Russian president") that fits exactly one person in the
//! article. Anything less certain gives no speaker: a wrong name is worse than none.

use super::names::NameCandidate;
use super::sentences::containing;
use crate::analyze::EntityMention;
use crate::fold::fold;
use crate::ids::EntityId;
use crate::load::{Block, Catalog, Entity, EntityKind};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "stated",
    "states",
    "declared",
    "declares",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "highlighted",
    "highlights",
    "added",
    "adds",
    "noted",
    "notes",
    "wrote",
    "writes",
    "told",
    "tells",
    "affirmed",
    "affirms",
    "asserted",
    "asserts",
    "remarked",
    "explained",
    "explains",
    "announced",
    "insisted",
    "insists",
    "argued",
    "argues",
    "warned",
    "warns",
    "urged",
    "urges",
    "observed",
    "commented",
    "replied",
    "responded",
    "recalled",
    "praised",
    "lauded",
    "commended",
    "mentioned",
    "underlined",
    "underscored",
    "reiterated",
    "continued",
    "concluded",
    "acknowledged",
    "admitted",
    "pledged",
    "vowed",
    "assured",
    "confirmed",
];

/// Words that may stand between a subject and its verb: "Putin also said".
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "also",
    "then",
    "later",
    "again",
    "further",
    "reportedly",
    "previously",
    "earlier",
    "recently",
    "once",
    "repeatedly",
    "publicly",
    "has",
    "have",
    "had",
    "was",
    "is",
    "himself",
    "herself",
    "had",
    "separately",
    "subsequently",
    "firmly",
    "clearly",
];

/// Titles a description can use, and the words of a role that carry each.
const TITLES: &[(&str, &[&str])] = &[
    ("president", &["president"]),
    ("prime minister", &["prime minister"]),
    ("premier", &["prime minister", "premier"]),
    ("foreign minister", &["foreign minister"]),
    (
        "spokesperson",
        &["spokesperson", "spokesman", "spokeswoman"],
    ),
    ("spokesman", &["spokesperson", "spokesman"]),
    ("spokeswoman", &["spokesperson", "spokeswoman"]),
    ("head of state", &["president"]),
    (
        "leader",
        &[
            "president",
            "prime minister",
            "leader",
            "general secretary",
            "chairman",
        ],
    ),
];

/// Role words that make a title someone else's: a deputy prime minister is not the
/// prime minister.
const TITLE_QUALIFIERS: &[&str] = &[
    "deputy",
    "vice",
    "assistant",
    "former",
    "acting",
    "first deputy",
];

static SPEECH_VERB: LazyLock<Regex> = LazyLock::new(|| word_regex(SPEECH_VERBS));
static PRONOUN: LazyLock<Regex> = LazyLock::new(|| word_regex(&["he", "she"]));
static DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    let titles: Vec<&str> = TITLES.iter().map(|(title, _)| *title).collect();
    let pattern = format!(
        r"(?-u:\b)(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:(?P<demonym>[A-Z][\p{{L}}-]+(?:\s[A-Z][\p{{L}}-]+)?)\s+)?(?P<title>(?i:{}))(?-u:\b)(?:\s+of\s+(?P<country>(?:the\s+)?[A-Z][\p{{L}}-]+(?:\s[A-Z][\p{{L}}-]+)*))?",
        titles.join("|")
    );
    Regex::new(&pattern).unwrap_or_else(|error| unreachable!("description pattern: {error}"))
});

fn word_regex(words: &[&str]) -> Regex {
    let pattern = format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", words.join("|"));
    Regex::new(&pattern).unwrap_or_else(|error| unreachable!("word list pattern: {error}"))
}

/// Something in a clause that may be who spoke.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    span: Range<usize>,
    subject: Subject,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    Entity(EntityId, EntityKind),
    Pronoun,
    /// A description, resolved when it fits exactly one person.
    Description(Option<EntityId>),
}

/// A speaker found for a clause, with the words that name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: EntityId,
    pub cue: String,
}

/// The catalog facts attribution needs, built once.
pub struct SpeakerCatalog<'c> {
    entities: BTreeMap<&'c EntityId, &'c Entity>,
    /// Folded demonym or country name → country.
    countries: BTreeMap<String, &'c EntityId>,
}

impl<'c> SpeakerCatalog<'c> {
    pub fn new(catalog: &'c Catalog) -> Self {
        let entities = catalog.entities.iter().map(|e| (&e.id, e)).collect();
        let mut countries = BTreeMap::new();
        for entity in &catalog.entities {
            if entity.kind == EntityKind::Country {
                for name in entity
                    .names()
                    .chain(entity.demonyms.iter().map(String::as_str))
                {
                    countries.insert(fold(name), &entity.id);
                }
            }
        }
        SpeakerCatalog {
            entities,
            countries,
        }
    }

    fn kind(&self, id: &EntityId) -> Option<EntityKind> {
        self.entities.get(id).map(|e| e.kind)
    }

    fn pronoun(&self, id: &EntityId) -> Option<&str> {
        self.entities.get(id).and_then(|e| e.pronoun.as_deref())
    }

    /// The one person among `people` whose role fits the description, if only one does.
    fn describe(
        &self,
        title: &str,
        country: Option<&EntityId>,
        people: &BTreeSet<&EntityId>,
    ) -> Option<EntityId> {
        let role_words = TITLES
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(title))
            .map(|(_, words)| *words)?;
        let country_names: Vec<String> = country
            .and_then(|id| self.entities.get(id))
            .map(|c| c.names().map(fold).collect())
            .unwrap_or_default();
        let mut fitting = people.iter().filter(|id| {
            let Some(role) = self.entities.get(**id).and_then(|e| e.role.as_deref()) else {
                return false;
            };
            let role = fold(role);
            let has_title = role_words.iter().any(|word| holds_title(&role, word));
            let of_country = country_names.is_empty()
                || country_names.iter().any(|name| contains_words(&role, name));
            has_title && of_country
        });
        let first = fitting.next()?;
        fitting.next().is_none().then(|| (*first).clone())
    }
}

/// Whether a folded role holds `title` itself, not as "deputy …" or "vice …".
fn holds_title(role: &str, title: &str) -> bool {
    role.match_indices(title).any(|(at, _)| {
        let before = role[..at].trim_end();
        !TITLE_QUALIFIERS.iter().any(|q| before.ends_with(q))
    })
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// One article as attribution reads it: its text, the people it mentions, the names
/// the catalog lacks, and who spoke last.
pub struct SpeakerContext<'a, 'c> {
    catalog: &'a SpeakerCatalog<'c>,
    blocks: &'a [Block],
    mentions: &'a [EntityMention],
    unknown_names: &'a [NameCandidate],
    /// Each block's sentences.
    sentences: &'a [Vec<Range<usize>>],
    people: BTreeSet<&'a EntityId>,
    last_speaker: Option<(EntityId, usize)>,
}

/// Someone a pronoun may refer to.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Antecedent<'a> {
    Known(&'a EntityId),
    /// A name the catalog does not have: a pronoun after it cannot be resolved.
    Unknown,
}

impl<'a, 'c> SpeakerContext<'a, 'c> {
    pub fn new(
        catalog: &'a SpeakerCatalog<'c>,
        blocks: &'a [Block],
        sentences: &'a [Vec<Range<usize>>],
        mentions: &'a [EntityMention],
        unknown_names: &'a [NameCandidate],
    ) -> Self {
        let people = mentions
            .iter()
            .map(|m| &m.entity)
            .filter(|id| catalog.kind(id) == Some(EntityKind::Person))
            .collect();
        SpeakerContext {
            catalog,
            blocks,
            mentions,
            unknown_names,
            sentences,
            people,
            last_speaker: None,
        }
    }

    /// Who "he" or "she" at byte `at` of block `block` is: the one person among the
    /// last speaker, the people named earlier in its sentence, and the first person
    /// named in the sentence before. Two candidates, or a name the catalog lacks,
    /// and the pronoun stays unresolved.
    fn antecedent(&self, block: usize, at: usize, pronoun: &str) -> Option<EntityId> {
        let all = self.sentences.get(block)?;
        let current = containing(all, at)?;
        let mut candidates: BTreeSet<Antecedent<'_>> = self
            .people_in(block, current.start..at)
            .into_iter()
            .collect();
        let previous = match all.iter().rev().find(|s| s.end <= current.start) {
            Some(range) => Some((block, range.clone())),
            None => block
                .checked_sub(1)
                .and_then(|b| Some((b, self.sentences.get(b)?.last()?.clone()))),
        };
        if let Some((b, range)) = previous {
            candidates.extend(self.leading_people(b, range));
        }
        if let Some(speaker) = self.recent_speaker(block) {
            candidates.insert(Antecedent::Known(speaker));
        }
        // A person the catalog gives another pronoun is not who "she" means.
        candidates.retain(|candidate| match candidate {
            Antecedent::Known(id) => self.catalog.pronoun(id).is_none_or(|p| p == pronoun),
            Antecedent::Unknown => true,
        });
        let mut candidates = candidates.into_iter();
        match (candidates.next(), candidates.next()) {
            (Some(Antecedent::Known(id)), None) => Some(id.clone()),
            _ => None,
        }
    }

    /// The first person named in a sentence, with any joined to them by "and":
    /// "Putin and To Lam are walking", "Vuving, of the APCSS, and Thayer argued".
    fn leading_people(&self, block: usize, range: Range<usize>) -> Vec<Antecedent<'a>> {
        let Some(text) = self.blocks.get(block).map(|b| &*b.text) else {
            return Vec::new();
        };
        let people = self.people_in_spans(block, range);
        let mut leading: Vec<Antecedent<'a>> = Vec::new();
        let mut previous_end = None;
        for (span, who) in people {
            let joined = previous_end.is_some_and(|end: usize| {
                let between = text.get(end..span.start).unwrap_or_default().trim_end();
                between.ends_with(" and") || between.ends_with('&')
            });
            if previous_end.is_some() && !joined {
                break;
            }
            previous_end = Some(span.end);
            leading.push(who);
        }
        leading
    }

    /// People named in `range` of block `block`, in order: catalog people and names
    /// the catalog lacks.
    fn people_in(&self, block: usize, range: Range<usize>) -> Vec<Antecedent<'a>> {
        self.people_in_spans(block, range)
            .into_iter()
            .map(|(_, who)| who)
            .collect()
    }

    fn people_in_spans(
        &self,
        block: usize,
        range: Range<usize>,
    ) -> Vec<(Range<usize>, Antecedent<'a>)> {
        let inside = |span: &Range<usize>| span.start >= range.start && span.end <= range.end;
        let mut found: Vec<(Range<usize>, Antecedent<'a>)> = self
            .mentions
            .iter()
            .filter(|m| m.paragraph == block + 1 && inside(&m.span))
            .filter(|m| self.catalog.kind(&m.entity) == Some(EntityKind::Person))
            .map(|m| (m.span.clone(), Antecedent::Known(&m.entity)))
            .collect();
        found.extend(
            self.unknown_names
                .iter()
                .filter(|n| n.paragraph == block + 1 && inside(&n.span))
                .map(|n| (n.span.clone(), Antecedent::Unknown)),
        );
        found.sort_by_key(|(span, _)| span.start);
        found
    }

    /// The sentences of block `block`.
    pub fn sentences_of(&self, block: usize) -> &'a [Range<usize>] {
        self.sentences.get(block).map_or(&[][..], Vec::as_slice)
    }

    /// Records who spoke in block `block`, so a later "he" can refer back to them.
    pub fn spoke(&mut self, speaker: &EntityId, block: usize) {
        self.last_speaker = Some((speaker.clone(), block));
    }

    /// The last speaker, if they spoke in this block or the one before.
    pub fn recent_speaker(&self, block: usize) -> Option<&EntityId> {
        self.last_speaker
            .as_ref()
            .filter(|(_, at)| *at + 1 >= block)
            .map(|(id, _)| id)
    }

    /// The speaker of a clause that ends where a quotation opens: "Putin said that".
    pub fn before_quote(
        &self,
        text: &str,
        clause: Range<usize>,
        mentions: &[&EntityMention],
        block: usize,
    ) -> Option<Attribution> {
        let verb = speech_verbs(text, clause.clone()).pop()?;
        self.subject_before(text, clause.start, verb, mentions, block)
    }

    /// The speaker of a clause that follows a quotation: `," said To Lam` or
    /// `," Vuving said`.
    pub fn after_quote(
        &self,
        text: &str,
        clause: Range<usize>,
        mentions: &[&EntityMention],
        block: usize,
    ) -> Option<Attribution> {
        let verb = speech_verbs(text, clause.clone()).into_iter().next()?;
        let lead = &text[clause.start..verb.start];
        if lead.split_whitespace().count() > 12 {
            return None;
        }
        // "he told RIA Novosti": whoever follows "told" is the listener.
        let addressed = matches!(text[verb.clone()].to_lowercase().as_str(), "told" | "tells");
        let after = self
            .candidates(text, verb.end..clause.end, mentions)
            .into_iter()
            .find(|c| !addressed && text[verb.end..c.span.start].trim().is_empty());
        match after {
            Some(candidate) => self.resolve(text, &candidate, block),
            None => self.subject_before(text, clause.start, verb, mentions, block),
        }
    }

    /// Sentences that report speech without quoting ("Lam declared that …") still
    /// make their subject the one a later "he" refers to.
    pub fn reported_speaker(
        &self,
        text: &str,
        sentence: Range<usize>,
        mentions: &[&EntityMention],
        block: usize,
    ) -> Option<EntityId> {
        let verb = speech_verbs(text, sentence.clone()).into_iter().next()?;
        self.subject_before(text, sentence.start, verb, mentions, block)
            .map(|a| a.speaker)
    }

    fn subject_before(
        &self,
        text: &str,
        start: usize,
        verb: Range<usize>,
        mentions: &[&EntityMention],
        block: usize,
    ) -> Option<Attribution> {
        let candidates = self.candidates(text, start..verb.start, mentions);
        for candidate in candidates.iter().rev() {
            match subject_gap(&text[candidate.span.end..verb.start]) {
                Gap::Subject => {
                    if matches!(candidate.subject, Subject::Entity(_, EntityKind::Place)) {
                        return None;
                    }
                    return self.resolve(text, candidate, block);
                }
                Gap::InsideAside | Gap::NotSubject => continue,
            }
        }
        None
    }

    fn resolve(&self, text: &str, candidate: &Candidate, block: usize) -> Option<Attribution> {
        let speaker = match &candidate.subject {
            Subject::Entity(_, EntityKind::Place) => None,
            Subject::Entity(id, _) => Some(id.clone()),
            Subject::Pronoun => {
                let pronoun = text[candidate.span.clone()].to_lowercase();
                self.antecedent(block, candidate.span.start, &pronoun)
            }
            Subject::Description(resolved) => resolved.clone(),
        }?;
        Some(Attribution {
            speaker,
            cue: text[candidate.span.clone()].to_owned(),
        })
    }

    /// Entities, pronouns and descriptions inside `range`, in order.
    fn candidates(
        &self,
        text: &str,
        range: Range<usize>,
        mentions: &[&EntityMention],
    ) -> Vec<Candidate> {
        let inside = |span: &Range<usize>| span.start >= range.start && span.end <= range.end;
        let mut found: Vec<Candidate> = mentions
            .iter()
            .filter(|m| inside(&m.span))
            .filter_map(|m| {
                Some(Candidate {
                    span: m.span.clone(),
                    subject: Subject::Entity(m.entity.clone(), self.catalog.kind(&m.entity)?),
                })
            })
            .collect();
        let slice = &text[range.clone()];
        for pronoun in PRONOUN.find_iter(slice) {
            // "He Lifeng", "She Yan": a capitalised word after it makes it a name.
            let rest = slice[pronoun.end()..].strip_prefix(' ').unwrap_or_default();
            if rest.starts_with(char::is_uppercase) {
                continue;
            }
            found.push(Candidate {
                span: range.start + pronoun.start()..range.start + pronoun.end(),
                subject: Subject::Pronoun,
            });
        }
        for caps in DESCRIPTION.captures_iter(slice) {
            let Some(whole) = caps.get(0) else { continue };
            let span = range.start + whole.start()..range.start + whole.end();
            found.retain(|c| c.span.end <= span.start || c.span.start >= span.end);
            // "the spokesman for the Kremlin" describes someone this role does not.
            let qualified = caps.name("country").is_none()
                && [" for ", " of ", " at ", " in "]
                    .iter()
                    .any(|w| slice[whole.end()..].starts_with(w));
            let resolved = if qualified {
                None
            } else {
                self.description(&caps)
            };
            found.push(Candidate {
                span,
                subject: Subject::Description(resolved),
            });
        }
        found.sort_by_key(|c| (c.span.start, c.span.end));
        found
    }

    fn description(&self, caps: &regex::Captures<'_>) -> Option<EntityId> {
        let title = caps.name("title")?.as_str().to_lowercase();
        let country_words = caps.name("demonym").or(caps.name("country"));
        let country = match country_words {
            Some(words) => Some(self.country_named(words.as_str())?),
            None => None,
        };
        self.catalog
            .describe(&title, country.as_ref(), &self.people)
    }
}

impl SpeakerContext<'_, '_> {
    /// The country that words like "Russian", "North Korean" or "the United States"
    /// name, trying the whole phrase and then each word ("Vietnamese State").
    fn country_named(&self, words: &str) -> Option<EntityId> {
        let words = words.trim_start_matches("the ");
        std::iter::once(words)
            .chain(words.split_whitespace())
            .find_map(|w| self.catalog.countries.get(&fold(w)))
            .map(|id| (*id).clone())
    }
}

enum Gap {
    /// Nothing but "also", "has" and the like: the candidate is the verb's subject.
    Subject,
    /// The candidate ends an aside ("Putin, who met Lam, said"): look further back.
    InsideAside,
    NotSubject,
}

fn subject_gap(gap: &str) -> Gap {
    let trimmed = gap.trim();
    if trimmed.starts_with(',') {
        let aside = trimmed.trim_start_matches(',').trim();
        return if aside.is_empty() || !trimmed.ends_with(',') {
            Gap::InsideAside
        } else {
            Gap::Subject
        };
    }
    let plain = trimmed
        .split_whitespace()
        .all(|word| BETWEEN_SUBJECT_AND_VERB.contains(&word.to_lowercase().as_str()));
    if plain { Gap::Subject } else { Gap::NotSubject }
}

/// Speech verbs in `range` of `text`, in order.
fn speech_verbs(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    SPEECH_VERB
        .find_iter(&text[range.clone()])
        .map(|m| range.start + m.start()..range.start + m.end())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asides_between_subject_and_verb() {
        assert!(matches!(subject_gap(" "), Gap::Subject));
        assert!(matches!(subject_gap(" also "), Gap::Subject));
        assert!(matches!(
            subject_gap(", on his first visit, "),
            Gap::Subject
        ));
        assert!(matches!(subject_gap(", "), Gap::InsideAside));
        assert!(matches!(subject_gap(" embassy in "), Gap::NotSubject));
    }

    #[test]
    fn titles_exclude_deputies() {
        assert!(holds_title("prime minister of vietnam", "prime minister"));
        assert!(!holds_title(
            "deputy prime minister of vietnam",
            "prime minister"
        ));
        assert!(holds_title("president of russia", "president"));
    }

    #[test]
    fn descriptions_are_recognised() {
        for text in [
            "the Russian president",
            "the Russian leader",
            "the President of Vietnam",
            "the head of state",
        ] {
            assert!(DESCRIPTION.is_match(text), "{text}");
        }
        assert!(!DESCRIPTION.is_match("the presidential palace"));
    }
}
