//! `dossier.json`, the site's data for other tools: the documented fields of its
//! articles, entities and themes, their types, that every `path` is a file of the
//! output, that `source_file` names the article's source, and that the lists refer
//! to each other consistently.

use crate::common::{SEED_ARTICLES, TestSite, set};
use serde_json::Value;
use std::collections::BTreeSet;

fn list<'a>(data: &'a Value, name: &str) -> &'a [Value] {
    data[name]
        .as_array()
        .unwrap_or_else(|| panic!("dossier.json has no {name} list"))
}

fn text<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {entry}"))
}

fn strings(entry: &Value, key: &str) -> BTreeSet<String> {
    entry[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} is not a list in {entry}"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("{key} holds a non-string in {entry}"))
                .to_owned()
        })
        .collect()
}

fn optional_text(entry: &Value, key: &str) {
    let value = entry
        .get(key)
        .unwrap_or_else(|| panic!("no {key} in {entry}"));
    assert!(
        value.is_null() || value.is_string(),
        "{key} is neither text nor null in {entry}"
    );
}

/// How many `.md` files a catalog folder of the site holds.
fn markdown_files(site: &TestSite, folder: &str) -> usize {
    std::fs::read_dir(site.root().join(folder))
        .unwrap_or_else(|e| panic!("read {folder}: {e}"))
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".md"))
        })
        .count()
}

#[test]
fn articles_have_their_fields() {
    let site = TestSite::new();
    let built = site.build().success();
    let data = built.data();
    let articles = list(&data, "articles");
    let ids: BTreeSet<String> = articles.iter().map(|a| text(a, "id").to_owned()).collect();
    assert_eq!(ids, set(&SEED_ARTICLES));
    for article in articles {
        let id = text(article, "id");
        assert!(!text(article, "title").is_empty(), "{id} has no title");
        let path = text(article, "path");
        assert_eq!(path, format!("articles/{id}.html"));
        assert!(built.has(path), "{path} is not in the output");
        assert_eq!(
            text(article, "source_file"),
            format!("content/articles/{id}.txt")
        );
        for key in ["date", "author", "outlet"] {
            optional_text(article, key);
        }
        if let Some(date) = article["date"].as_str() {
            let digits: Vec<&str> = date.split('-').collect();
            assert!(
                digits.len() == 3 && digits.iter().all(|d| d.parse::<u32>().is_ok()),
                "{id}: date {date} is not YYYY-MM-DD"
            );
        }
        assert!(
            !strings(article, "entities").is_empty(),
            "{id}: no entities"
        );
        assert!(!strings(article, "themes").is_empty(), "{id}: no themes");
    }
}

#[test]
fn entities_have_their_fields() {
    let site = TestSite::new();
    let built = site.build().success();
    let data = built.data();
    let entities = list(&data, "entities");
    let catalog = markdown_files(&site, "content/entities");
    assert_eq!(entities.len(), catalog, "one entry per entity file");
    for entity in entities {
        let id = text(entity, "id");
        assert!(!text(entity, "name").is_empty(), "{id} has no name");
        let kind = text(entity, "kind");
        assert!(
            ["person", "country", "organisation", "place"].contains(&kind),
            "{id}: kind {kind}"
        );
        let path = text(entity, "path");
        assert_eq!(path, format!("entities/{id}.html"));
        assert!(built.has(path), "{path} is not in the output");
        strings(entity, "aliases");
        let articles = strings(entity, "articles");
        let mentions = entity["mentions"]
            .as_u64()
            .unwrap_or_else(|| panic!("{id}: mentions is not a count"));
        assert_eq!(
            mentions == 0,
            articles.is_empty(),
            "{id}: {mentions} mentions in {articles:?}"
        );
        assert!(
            mentions >= articles.len() as u64,
            "{id}: {mentions} mentions in {} articles",
            articles.len()
        );
    }
}

#[test]
fn themes_have_their_fields() {
    let site = TestSite::new();
    let built = site.build().success();
    let data = built.data();
    let themes = list(&data, "themes");
    let catalog = markdown_files(&site, "content/themes");
    assert_eq!(themes.len(), catalog, "one entry per theme file");
    for theme in themes {
        let id = text(theme, "id");
        assert!(!text(theme, "name").is_empty(), "{id} has no name");
        let path = text(theme, "path");
        assert_eq!(path, format!("themes/{id}.html"));
        assert!(built.has(path), "{path} is not in the output");
        strings(theme, "articles");
    }
}

#[test]
fn the_lists_refer_to_each_other() {
    let site = TestSite::new();
    let built = site.build().success();
    let data = built.data();
    let ids = |name: &str| -> BTreeSet<String> {
        list(&data, name)
            .iter()
            .map(|e| text(e, "id").to_owned())
            .collect()
    };
    let (articles, entities, themes) = (ids("articles"), ids("entities"), ids("themes"));
    for article in list(&data, "articles") {
        let id = text(article, "id");
        for entity in strings(article, "entities") {
            assert!(entities.contains(&entity), "{id}: unknown entity {entity}");
            let entry = crate::common::data_entry(&data, "entities", &entity);
            assert!(
                strings(entry, "articles").contains(id),
                "{id} lists {entity}, which does not list {id}"
            );
        }
        for theme in strings(article, "themes") {
            assert!(themes.contains(&theme), "{id}: unknown theme {theme}");
            let entry = crate::common::data_entry(&data, "themes", &theme);
            assert!(
                strings(entry, "articles").contains(id),
                "{id} lists {theme}, which does not list {id}"
            );
        }
    }
    for name in ["entities", "themes"] {
        for entry in list(&data, name) {
            for article in strings(entry, "articles") {
                assert!(
                    articles.contains(&article),
                    "{name} {}: unknown article {article}",
                    text(entry, "id")
                );
            }
        }
    }
}
