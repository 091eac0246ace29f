//! Web clutter in the scraped seed articles (navigation, teasers, share buttons,
//! disclaimers, photo credits, contact addresses) never reaches the built site, and
//! the metadata the loader infers from the article texts (titles, authors, dates) is
//! what the texts say.

use crate::common::{TestSite, YONHAP, data_entry, selector};
use scraper::Html;

/// Phrases that appear in the seed texts only as page furniture.
const CLUTTER: [&str; 16] = [
    "Olive Oil",
    "Comments are closed",
    "Disclaimer:",
    "Quick access to main page",
    "You May Also Like",
    "Latest Stories",
    "Popular Now",
    "Must-Reads",
    "Share it on",
    "Comment via Facebook",
    "content@viewusglobal.com",
    "Getty Images",
    "Baku TV",
    "LIFESTYLE",
    "[email protected]",
    "Corrections:",
];

#[test]
fn no_page_contains_clutter() {
    let site = TestSite::new();
    let built = site.build().success();
    let pages: Vec<String> = built
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".json"))
        .collect();
    assert!(pages.len() > 90, "only {} pages built", pages.len());
    for page in &pages {
        let source = built.page(page);
        // The text as a reader sees it too, with character references decoded.
        let text: String = if page.ends_with(".html") {
            Html::parse_document(&source)
                .root_element()
                .text()
                .collect()
        } else {
            String::new()
        };
        for phrase in CLUTTER {
            assert!(
                !source.contains(phrase) && !text.contains(phrase),
                "{page} contains {phrase:?}"
            );
        }
    }
}

#[test]
fn article_metadata_is_read_from_the_texts() {
    let site = TestSite::new();
    let built = site.build().success();
    let data = built.data();
    let article = |id: &str| data_entry(&data, "articles", id).clone();

    assert_eq!(article(YONHAP)["author"], "Daniel Kim");
    assert_eq!(
        article("vietnam-reaffirms-strategic-partnership-with-us")["date"],
        "2024-06-25",
        "from \"Post At: Jun 25/2024\""
    );
    assert_eq!(
        article("putin-seeks-support-in-vietnam")["author"],
        "Sededin Dedovic"
    );

    let titles = [
        (
            YONHAP,
            "U.S. Countermoves: Bolstering Ties with Vietnam as Putin Visits",
        ),
        (
            "vietnam-reaffirms-strategic-partnership-with-us",
            "Vietnam Reaffirms 'Strategic Partnership' With US Day After Putin Visit",
        ),
        (
            "putin-arrives-in-vietnam-counterbalance",
            "Putin arrives in Vietnam, which considers Russia as counterbalance to US and China",
        ),
        (
            "putin-state-visit-faced-by-us-criticism",
            "Putin’s State Visit To Vietnam Is Faced By Criticism From The US",
        ),
        (
            "putin-seeks-support-in-vietnam",
            "Putin Seeks Support in Vietnam Amid International Isolation",
        ),
    ];
    for (id, title) in titles {
        assert_eq!(article(id)["title"], title, "dossier.json title of {id}");
        let h1: String = built
            .html(&format!("articles/{id}.html"))
            .select(&selector("h1"))
            .flat_map(|h| h.text())
            .collect();
        assert_eq!(h1, title, "heading of the {id} page");
    }
}
