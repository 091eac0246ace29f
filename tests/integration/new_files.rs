//! `dossier new entity|theme|article`: starter files that build, and never overwrite.

use crate::common::{TestSite, selector};

#[test]
fn new_entity_and_theme_build_as_written() {
    let site = TestSite::new();
    let created = site.command(&["new", "entity", "Luong Van Khai"]).success();
    assert!(
        created
            .stdout
            .contains("content/entities/luong-van-khai.md"),
        "{}",
        created.stdout
    );
    site.command(&["new", "entity", "Da Nang", "--kind", "place"])
        .success();
    site.command(&["new", "theme", "Nuclear energy"]).success();
    assert!(
        site.read("content/entities/da-nang.md")
            .contains("kind: place")
    );
    let built = site.build().success();
    assert!(built.has("entities/luong-van-khai.html"));
    assert!(built.has("entities/da-nang.html"));
    assert!(built.has("themes/nuclear-energy.html"));
}

#[test]
fn a_new_article_builds_once_it_has_text() {
    let site = TestSite::new();
    site.command(&["new", "article", "Putin's visit: day two"])
        .success();
    let path = "content/articles/putin-s-visit-day-two.md";
    site.build()
        .failure()
        .stderr_has("putin-s-visit-day-two.md:5:1: no article text found");
    let starter = site.read(path);
    site.write(
        path,
        format!("{starter}Vladimir Putin left Hanoi on Thursday.\n"),
    );
    let built = site.build().success();
    let page = built.html("articles/putin-s-visit-day-two.html");
    let heading: Vec<String> = page
        .select(&selector("h1"))
        .map(|h1| h1.text().collect())
        .collect();
    assert_eq!(heading, ["Putin's visit: day two"]);
}

#[test]
fn new_never_overwrites_and_checks_the_kind() {
    let site = TestSite::new();
    let before = site.read("content/entities/to-lam.md");
    site.command(&["new", "entity", "To Lam"])
        .failure()
        .stderr_has("content/entities/to-lam.md already exists; nothing was written");
    assert_eq!(site.read("content/entities/to-lam.md"), before);
    site.command(&["new", "entity", "Somebody", "--kind", "thing"])
        .failure()
        .stderr_has("use one of: person, country, organisation, place");
    site.command(&["new", "theme", "  "])
        .failure()
        .stderr_has("a name is needed");
}
