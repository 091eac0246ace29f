//! `dossier suggest`: the names the articles use that the catalog does not know,
//! each with a starter entity file the analyst can paste into `content/entities/`.

use crate::aggregate::NameSuggestion;
use crate::ids::slugify;
use crate::yaml::{WriteYamlError, to_block};
use serde::Serialize;

/// The front matter of a starter entity file.
#[derive(Serialize)]
struct EntityStub<'a> {
    name: &'a str,
    kind: &'a str,
    aliases: [&'a str; 0],
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
}

/// Where the starter file goes and what it holds.
pub struct StarterFile {
    pub path: String,
    pub text: String,
}

/// A ready-to-paste entity file: the name, the guessed kind (to check), the title
/// seen before the name as its role, and a profile line to replace.
pub fn starter_file(suggestion: &NameSuggestion) -> Result<StarterFile, WriteYamlError> {
    let front = to_block(&EntityStub {
        name: &suggestion.name,
        kind: suggestion.kind.as_str(),
        aliases: [],
        role: suggestion.titles.first().map(String::as_str),
    })?;
    Ok(StarterFile {
        path: format!("content/entities/{}.md", slugify(&suggestion.name)),
        text: format!(
            "---\n{front}---\nWho or what {} is, in the analyst's words. (The kind was guessed from the name: check it.)\n",
            suggestion.name
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ArticleId, ParagraphRef};
    use crate::load::EntityKind;

    #[test]
    fn a_starter_file_is_valid_entity_front_matter() {
        let suggestion = NameSuggestion {
            name: "Luong Van Khai".to_owned(),
            kind: EntityKind::Person,
            titles: vec!["Deputy Trade Minister".to_owned()],
            articles: vec![ArticleId::from_name("a")],
            count: 2,
            examples: vec![(
                ParagraphRef {
                    article: ArticleId::from_name("a"),
                    paragraph: 1,
                },
                "Deputy Trade Minister Luong Van Khai said so.".to_owned(),
            )],
        };
        let file = starter_file(&suggestion).expect("serialises");
        assert_eq!(file.path, "content/entities/luong-van-khai.md");
        assert!(file.text.starts_with(
            "---\nname: Luong Van Khai\nkind: person\naliases: []\nrole: Deputy Trade Minister\n---\n"
        ), "{}", file.text);
    }
}
