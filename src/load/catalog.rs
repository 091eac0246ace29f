//! Entity and theme files: the analyst's catalog of what to look for in the articles.

use super::LoadError;
use super::front_matter::{self, RawEntityFront, RawThemeFront, Split};
use crate::diagnostic::{Location, did_you_mean};
use crate::fold::fold;
use crate::ids::{EntityId, ThemeId};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Country,
    Organisation,
    Place,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Country,
        EntityKind::Organisation,
        EntityKind::Place,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Country => "country",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
        }
    }

    /// The heading for a group of entities of this kind.
    pub fn plural_label(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Country => "Countries",
            EntityKind::Organisation => "Organisations",
            EntityKind::Place => "Places",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        match word.trim().to_lowercase().as_str() {
            "person" => Some(EntityKind::Person),
            "country" => Some(EntityKind::Country),
            "organisation" | "organization" => Some(EntityKind::Organisation),
            "place" => Some(EntityKind::Place),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    /// Other names to match, without the name itself, in file order.
    pub aliases: Vec<String>,
    /// Names to match that other entities may use too; a mention by one of them
    /// goes to whichever of its claimants the article otherwise names.
    pub shared_aliases: Vec<String>,
    pub role: Option<String>,
    /// Adjectives for a country's people ("Russian"): not matched as mentions, but
    /// read in descriptions like "the Russian president" to find the speaker.
    pub demonyms: Vec<String>,
    /// "he", "she" or "they": which pronoun can refer to this person.
    pub pronoun: Option<String>,
    /// The analyst's profile, Markdown.
    pub profile: String,
    pub source: PathBuf,
    /// Where the name and each alias are written, for errors about them.
    pub written_at: BTreeMap<String, Location>,
}

impl Entity {
    /// The name and every alias: everything the matcher looks for.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.shared_aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub id: ThemeId,
    pub name: String,
    pub summary: Option<String>,
    /// Words and phrases; a trailing `*` matches any word that starts so.
    pub keywords: Vec<String>,
    /// The analyst's overview, Markdown.
    pub overview: String,
    pub source: PathBuf,
}

/// Entities and themes, each sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub entities: Vec<Entity>,
    pub themes: Vec<Theme>,
}

/// The pronouns an entity may declare.
const PRONOUNS: [&str; 3] = ["he", "she", "they"];

pub fn entity_from_file(
    split: &Split<'_>,
    shown: &Path,
    source: PathBuf,
) -> Result<Entity, LoadError> {
    let RawEntityFront {
        name,
        kind,
        aliases,
        shared_aliases,
        role,
        demonyms,
        pronoun,
    } = front_matter::parse(split, shown)?;
    let pronoun = match pronoun.map(|p| p.trim().to_lowercase()) {
        Some(p) if !PRONOUNS.contains(&p.as_str()) => {
            return Err(LoadError::Invalid {
                location: front_matter::key_location(split, shown, "pronoun"),
                message: format!("unknown pronoun `{p}`"),
                hint: format!("use one of: {}", PRONOUNS.join(", ")),
            });
        }
        other => other,
    };
    let kind = EntityKind::parse(&kind).ok_or_else(|| {
        let kinds = EntityKind::ALL.map(EntityKind::as_str);
        let hint = match did_you_mean(&kind, &kinds) {
            Some(near) => format!("did you mean `{near}`? Kinds: {}", kinds.join(", ")),
            None => format!("use one of: {}", kinds.join(", ")),
        };
        LoadError::Invalid {
            location: front_matter::key_location(split, shown, "kind"),
            message: format!("unknown entity kind `{kind}`"),
            hint,
        }
    })?;
    let name = non_empty(name, split, shown, "name")?;
    if is_single_letter(&name) {
        return Err(LoadError::Invalid {
            location: front_matter::key_location(split, shown, "name"),
            message: format!(
                "the name `{name}` is a single letter, which would match all over the articles"
            ),
            hint: "write the entity's full name, and give short forms as aliases of two letters or more".to_owned(),
        });
    }
    let shared_aliases = checked_aliases(shared_aliases, &name, split, shown, "shared_aliases")?;
    let aliases: Vec<String> = checked_aliases(aliases, &name, split, shown, "aliases")?
        .into_iter()
        .filter(|alias| !shared_aliases.contains(alias))
        .collect();
    let written_at = std::iter::once((
        name.clone(),
        front_matter::key_location(split, shown, "name"),
    ))
    .chain(aliases.iter().map(|alias| {
        (
            alias.clone(),
            front_matter::item_location(split, shown, "aliases", alias),
        )
    }))
    .chain(shared_aliases.iter().map(|alias| {
        let at = front_matter::item_location(split, shown, "shared_aliases", alias);
        (alias.clone(), at)
    }))
    .collect();
    Ok(Entity {
        id: EntityId::from_name(&file_stem(&source)),
        name,
        kind,
        aliases,
        shared_aliases,
        role: role.filter(|role| !role.trim().is_empty()),
        demonyms: demonyms
            .into_iter()
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .collect(),
        pronoun,
        profile: split.body.to_owned(),
        source,
        written_at,
    })
}

/// Aliases as written, without empty ones, one-letter ones (an error: they would
/// match all over the articles), repeats and the name itself.
fn checked_aliases(
    aliases: Vec<String>,
    name: &str,
    split: &Split<'_>,
    shown: &Path,
    key: &str,
) -> Result<Vec<String>, LoadError> {
    let mut kept: Vec<String> = Vec::new();
    for alias in aliases {
        let alias = non_empty(alias, split, shown, key)?;
        if is_single_letter(&alias) {
            return Err(LoadError::Invalid {
                location: front_matter::item_location(split, shown, key, &alias),
                message: format!(
                    "the alias `{alias}` is a single letter, which would match all over the articles"
                ),
                hint: "give a longer form of the name, or remove the alias".to_owned(),
            });
        }
        if alias != name && !kept.contains(&alias) {
            kept.push(alias);
        }
    }
    Ok(kept)
}

pub fn theme_from_file(
    split: &Split<'_>,
    shown: &Path,
    source: PathBuf,
) -> Result<Theme, LoadError> {
    let RawThemeFront {
        name,
        summary,
        keywords,
    } = front_matter::parse(split, shown)?;
    let name = non_empty(name, split, shown, "name")?;
    let keywords = keywords
        .into_iter()
        .map(|keyword| non_empty(keyword, split, shown, "keywords"))
        .collect::<Result<Vec<_>, _>>()?;
    if keywords.is_empty() {
        return Err(LoadError::Invalid {
            location: front_matter::key_location(split, shown, "keywords"),
            message: format!("theme `{name}` has no keywords"),
            hint: "list the words and phrases that signal this theme under `keywords:`".to_owned(),
        });
    }
    Ok(Theme {
        id: ThemeId::from_name(&file_stem(&source)),
        name,
        summary,
        keywords,
        overview: split.body.to_owned(),
        source,
    })
}

/// A name of one letter or digit (a `*` prefix mark aside) matches in almost every
/// sentence, so it is never a useful name.
fn is_single_letter(name: &str) -> bool {
    let letters = name
        .trim_end_matches('*')
        .chars()
        .filter(|c| c.is_alphanumeric());
    letters.count() < 2
}

fn non_empty(
    value: String,
    split: &Split<'_>,
    shown: &Path,
    key: &str,
) -> Result<String, LoadError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(LoadError::Invalid {
            location: front_matter::key_location(split, shown, key),
            message: format!("`{key}` has an empty value"),
            hint: if key == "name" {
                "write the name after `name:`; every entity and theme needs one".to_owned()
            } else {
                format!("write the text, or remove the empty entry from `{key}`")
            },
        });
    }
    Ok(trimmed.to_owned())
}

pub fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Two entities claiming the same name would make every match ambiguous.
pub fn check_alias_collisions(
    entities: &[Entity],
    shown: impl Fn(&Path) -> PathBuf,
) -> Vec<LoadError> {
    // Every claimant of each folded name, and whether it marks the name shared.
    let mut claimants: BTreeMap<String, Vec<(&Entity, bool)>> = BTreeMap::new();
    let mut errors = Vec::new();
    for entity in entities {
        for name in entity.names() {
            let is_shared = entity.shared_aliases.iter().any(|shared| shared == name);
            // "Lam*" matches everything "Lam" does: the prefix mark is not a difference.
            let key = fold(name.trim_end_matches('*'))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let earlier = claimants.entry(key).or_default();
            let clash = earlier
                .iter()
                .find(|(owner, owner_shares)| owner.id != entity.id && !owner_shares && !is_shared);
            if let Some((owner, _)) = clash {
                let location = entity.written_at.get(name).cloned();
                errors.push(LoadError::Invalid {
                    location: location.unwrap_or_else(|| Location::file(shown(&entity.source))),
                    message: format!(
                        "`{name}` names both entity `{}` ({}) and entity `{}`",
                        owner.id,
                        shown(&owner.source).display(),
                        entity.id
                    ),
                    hint: "keep the name or alias in one of the two files, or list it under `shared_aliases:` when both are meant to answer to it".to_owned(),
                });
            }
            earlier.push((entity, is_shared));
        }
    }
    errors
}
