//! Entity pages built from the real seeds: which articles each entity page links to
//! (and `dossier.json` agrees), and that every mention snippet links to an existing
//! paragraph of its article that holds the words it quotes.

use crate::common::{
    Build, SEED_ARTICLES, TestSite, YONHAP, data_entry, element_ids, resolve, selector, set,
    snapshot, string_set,
};
use std::collections::{BTreeMap, BTreeSet};

/// The articles an entity page links to and the articles dossier.json lists for it.
fn entity_articles(built: &Build, entity: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let page = built.linked_articles(&format!("entities/{entity}.html"));
    let data = string_set(&data_entry(&built.data(), "entities", entity)["articles"]);
    (page, data)
}

#[test]
fn kim_jong_un_is_in_every_article_but_the_yonhap_one() {
    let site = TestSite::new();
    let built = site.build().success();
    let expected: BTreeSet<String> = SEED_ARTICLES
        .iter()
        .filter(|id| **id != YONHAP)
        .map(|id| (*id).to_owned())
        .collect();
    assert_eq!(expected.len(), 4);
    let (page, data) = entity_articles(&built, "kim-jong-un");
    // "Daniel Kim", the Yonhap article's author, is not Kim Jong Un.
    assert!(!page.contains(YONHAP), "the page links to {YONHAP}");
    assert_eq!(page, expected, "articles linked from the Kim Jong Un page");
    assert_eq!(data, expected, "dossier.json articles of kim-jong-un");
}

#[test]
fn vietnams_leaders_are_in_all_five_articles() {
    let site = TestSite::new();
    let built = site.build().success();
    let all = set(&SEED_ARTICLES);
    for entity in ["to-lam", "nguyen-phu-trong"] {
        let (page, data) = entity_articles(&built, entity);
        assert_eq!(page, all, "articles linked from the {entity} page");
        assert_eq!(data, all, "dossier.json articles of {entity}");
    }
}

#[test]
fn xi_jinping_is_in_one_article_only() {
    let site = TestSite::new();
    let built = site.build().success();
    let expected = set(&["putin-state-visit-faced-by-us-criticism"]);
    let (page, data) = entity_articles(&built, "xi-jinping");
    assert_eq!(page, expected, "articles linked from the Xi Jinping page");
    assert_eq!(data, expected, "dossier.json articles of xi-jinping");
}

#[test]
fn mention_snippets_link_to_the_paragraph_they_quote() {
    let site = TestSite::new();
    let built = site.build().success();
    let snippet_items = selector("ul.snippets > li");
    let link = selector("a[href]");
    let mark = selector("mark");
    let mut articles = BTreeMap::new();
    let mut checked = 0;
    for page in built
        .html_pages()
        .into_iter()
        .filter(|p| p.starts_with("entities/"))
    {
        let html = built.html(&page);
        let mut seen = BTreeSet::new();
        for item in html.select(&snippet_items) {
            let href = item
                .select(&link)
                .next()
                .and_then(|a| a.value().attr("href"))
                .unwrap_or_else(|| panic!("{page}: a snippet without a link"));
            let (target, fragment) =
                resolve(&page, href).unwrap_or_else(|| panic!("{page}: bad link {href}"));
            assert!(
                crate::common::article_id(&target).is_some(),
                "{page}: snippet link {href} is not to an article page"
            );
            let fragment = fragment.unwrap_or_else(|| panic!("{page}: {href} has no #pN"));
            let number = fragment.strip_prefix('p').unwrap_or_default();
            assert!(
                !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()),
                "{page}: fragment of {href} is not #pN"
            );
            let article = articles
                .entry(target.clone())
                .or_insert_with(|| built.html(&target));
            assert!(
                element_ids(article).contains(&fragment),
                "{page}: {href} points at no element of {target}"
            );
            let paragraph: String = article
                .select(&selector(&format!("#{fragment}")))
                .flat_map(|p| p.text())
                .collect();
            let quoted: String = item.select(&mark).flat_map(|m| m.text()).collect();
            assert!(
                !quoted.is_empty(),
                "{page}: snippet for {href} marks nothing"
            );
            assert!(
                paragraph.contains(&quoted),
                "{page}: {href} does not contain the quoted {quoted:?}: {paragraph:?}"
            );
            let text: String = item.text().collect();
            assert!(
                seen.insert((href.to_owned(), text.clone())),
                "{page}: the same mention is listed twice: {href} {text:?}"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 100,
        "only {checked} snippets found on entity pages"
    );
}

/// How many times the entity is mentioned in the article, per `dossier.json`.
fn mentions_in(data: &serde_json::Value, entity: &str, article: &str) -> usize {
    data_entry(data, "entities", entity)["mention_refs"]
        .as_array()
        .map_or(0, |refs| {
            refs.iter().filter(|r| r["article"] == article).count()
        })
}

#[test]
fn a_shared_alias_counts_for_the_entity_the_article_names_otherwise() {
    let site = TestSite::new();
    site.write(
        "content/entities/kim-yo-jong.md",
        "---\nname: Kim Yo Jong\nkind: person\nshared_aliases: [Kim]\npronoun: she\n---\nA profile.\n",
    )
    .write(
        "content/articles/sister.md",
        "---\ntitle: Sister visits\n---\nKim Yo Jong arrived in Hanoi on Monday.\n\nKim said the talks went well.\n",
    )
    .write(
        "content/articles/siblings.md",
        "---\ntitle: Siblings\n---\nKim Jong Un and Kim Yo Jong sent greetings.\n\nKim said nothing more.\n",
    );
    let data = site.build().success().data();
    assert_eq!(mentions_in(&data, "kim-yo-jong", "sister"), 2);
    assert_eq!(mentions_in(&data, "kim-jong-un", "sister"), 0);
    // Both named: the lone "Kim" is ambiguous and counts for neither.
    assert_eq!(mentions_in(&data, "kim-yo-jong", "siblings"), 1);
    assert_eq!(mentions_in(&data, "kim-jong-un", "siblings"), 1);
    assert_eq!(
        data_entry(&data, "entities", "kim-yo-jong")["shared_aliases"],
        serde_json::json!(["Kim"])
    );
}

#[test]
fn an_alias_two_entities_claim_without_sharing_is_an_error_naming_both() {
    let site = TestSite::new();
    let before = snapshot(&site.build().success().output);
    site.write(
        "content/entities/kim-yo-jong.md",
        "---\nname: Kim Yo Jong\nkind: person\naliases: [Kim]\n---\nA profile.\n",
    );
    let failed = site.build().failure();
    assert_eq!(
        snapshot(&failed.output),
        before,
        "the published site is kept"
    );
    failed.stderr_has(
        "content/entities/kim-yo-jong.md:4:11: `Kim` names both entity `kim-jong-un` (",
    ).stderr_has("kim-jong-un.md) and entity `kim-yo-jong`\n  hint: keep the name or alias in one of the two files, or list it under `shared_aliases:` when both are meant to answer to it");
}

#[test]
fn one_entity_sharing_an_alias_does_not_let_two_others_claim_it() {
    let site = TestSite::new();
    site.write(
        "content/entities/a-kim.md",
        "---\nname: Kim Yo Jong\nkind: person\nshared_aliases: [Kim]\n---\nA profile.\n",
    )
    .write(
        "content/entities/kim-il-sung.md",
        "---\nname: Kim Il Sung\nkind: person\naliases: [Kim]\n---\nA profile.\n",
    );
    site.build()
        .failure()
        .stderr_has("`Kim` names both entity `kim-il-sung` (")
        .stderr_has("and entity `kim-jong-un`");
}
