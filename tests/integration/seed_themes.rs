//! Theme pages built from the real seeds: which articles a theme lists (page and
//! `dossier.json`), and that the energy theme quotes no page clutter from the Yonhap
//! article ("Olive Oil on an Empty Stomach" in its "You May Also Like" list).

use crate::common::{Build, TestSite, YONHAP, data_entry, selector, set, string_set};
use std::collections::BTreeSet;

/// The articles a theme page links to and the articles dossier.json lists for it.
fn theme_articles(built: &Build, theme: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let page = built.linked_articles(&format!("themes/{theme}.html"));
    let data = string_set(&data_entry(&built.data(), "themes", theme)["articles"]);
    (page, data)
}

#[test]
fn bamboo_diplomacy_lists_the_article_that_names_it() {
    let site = TestSite::new();
    let built = site.build().success();
    let (page, data) = theme_articles(&built, "bamboo-diplomacy");
    assert!(
        page.contains("putin-seeks-support-in-vietnam"),
        "bamboo-diplomacy page links to {page:?}"
    );
    assert!(
        data.contains("putin-seeks-support-in-vietnam"),
        "dossier.json bamboo-diplomacy articles: {data:?}"
    );
}

#[test]
fn south_china_sea_lists_exactly_the_three_articles_about_it() {
    let site = TestSite::new();
    let built = site.build().success();
    let expected = set(&[
        "vietnam-reaffirms-strategic-partnership-with-us",
        "putin-arrives-in-vietnam-counterbalance",
        "putin-seeks-support-in-vietnam",
    ]);
    let (page, data) = theme_articles(&built, "south-china-sea");
    assert_eq!(
        page, expected,
        "articles linked from the south-china-sea page"
    );
    assert_eq!(data, expected, "dossier.json south-china-sea articles");
}

#[test]
fn energy_passages_never_quote_the_olive_oil_teaser() {
    let site = TestSite::new();
    let built = site.build().success();
    let page = "themes/energy.html";
    let html = built.html(page);
    let mut quoted = 0;
    for css in ["ol.passages > li", "ul.snippets > li"] {
        for item in html.select(&selector(css)) {
            let text: String = item.text().collect();
            assert!(!text.contains("Olive"), "{page}: {css} quotes {text:?}");
            quoted += 1;
        }
    }
    assert!(quoted > 0, "{page} quotes no passages or snippets");

    // Every hit in the Yonhap article is in a paragraph that is not the teaser.
    let data = built.data();
    let refs = data_entry(&data, "themes", "energy")["hit_refs"]
        .as_array()
        .expect("energy hit_refs")
        .clone();
    let article_page = format!("articles/{YONHAP}.html");
    let article = built.html(&article_page);
    let yonhap_refs: Vec<_> = refs.iter().filter(|r| r["article"] == YONHAP).collect();
    assert!(!yonhap_refs.is_empty(), "energy has no hits in {YONHAP}");
    for hit in yonhap_refs {
        let text = hit["text"].as_str().expect("hit text");
        let paragraph = hit["paragraph"].as_u64().expect("hit paragraph");
        assert!(!text.contains("Olive"), "energy hit {hit}");
        let css = format!("#p{paragraph}");
        let paragraph_text: String = article
            .select(&selector(&css))
            .flat_map(|p| p.text())
            .collect();
        assert!(
            paragraph_text.contains(text),
            "energy hit {hit} is not in {article_page}{css}: {paragraph_text:?}"
        );
        assert!(
            !paragraph_text.contains("Olive"),
            "energy hit {hit} is in the teaser paragraph {paragraph_text:?}"
        );
    }
}
