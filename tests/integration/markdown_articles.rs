//! A Markdown article built into the seed site: every citable block (heading,
//! paragraph, tight list item, quoted paragraph) gets its `#pN` id in the same order
//! analysis counts them, mentions are linked (but not inside links or code), and
//! raw HTML or script links in the article cannot run.

use crate::common::{TestSite, data_entry, element_ids, selector, snapshot};

const ARTICLE: &str = "---
title: A Markdown article
date: 2024-06-21
outlet: Test Wire
---
## Putin and To Lam meet

Putin met **To Lam** in Hanoi. <script>alert(1)</script> See [Putin's page](javascript:alert(1)).

- Kim Jong Un was not there
- Neither was `Putin`

> Vietnam said it values [Russia](https://example.org).
";

#[test]
fn markdown_blocks_are_numbered_and_mentions_linked() {
    let site = TestSite::new();
    site.write("content/articles/md-test.md", ARTICLE);
    let built = site.build().success();
    let html = built.html("articles/md-test.html");
    let ids = element_ids(&html);
    for id in ["p1", "p2", "p3", "p4", "p5"] {
        assert!(ids.contains(id), "no #{id} in {ids:?}");
    }
    assert!(!ids.contains("p6"), "more blocks than the article has");

    let mention = |id: &str| {
        html.select(&selector(&format!("#{id} a.mention")))
            .map(|a| a.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    assert_eq!(mention("p1"), ["Putin", "To Lam"]);
    assert_eq!(mention("p2"), ["Putin", "To Lam", "Hanoi"]);
    assert_eq!(mention("p3"), ["Kim Jong Un"]);
    assert!(mention("p4").is_empty(), "a mention inside code was linked");
    assert_eq!(
        mention("p5"),
        ["Vietnam"],
        "a mention inside a link was linked"
    );

    let data = built.data();
    let article = data_entry(&data, "articles", "md-test");
    assert_eq!(article["date"], "2024-06-21");
    assert_eq!(article["outlet"], "Test Wire");
    assert_eq!(article["paragraphs"], 5);
    let kim = data_entry(&data, "entities", "kim-jong-un");
    let refs = kim["mention_refs"].as_array().expect("mention_refs");
    assert!(
        refs.iter()
            .any(|r| r["article"] == "md-test" && r["paragraph"] == 3),
        "Kim Jong Un's mention in the list item is not cited as md-test ¶3"
    );
}

#[test]
fn raw_html_and_script_links_in_an_article_cannot_run() {
    let site = TestSite::new();
    site.write("content/articles/md-test.md", ARTICLE);
    let built = site.build().success();
    let html = built.html("articles/md-test.html");
    assert_eq!(
        html.select(&selector("script")).count(),
        0,
        "a script element"
    );
    for link in html.select(&selector("a[href]")) {
        let href = link.value().attr("href").unwrap_or_default();
        assert!(
            !href.to_lowercase().starts_with("javascript:"),
            "link to {href}"
        );
    }
    let text: String = html
        .select(&selector("#p2"))
        .flat_map(|p| p.text())
        .collect();
    assert!(
        text.contains("<script>alert(1)</script>"),
        "raw HTML not shown as text: {text}"
    );
}

/// Render reads a Markdown article's file again for its page: from a site named
/// relatively, or as `.`, it must find the same file and build the same site.
#[test]
fn a_markdown_site_builds_the_same_from_a_relative_root() {
    let site = TestSite::new();
    site.write("content/articles/md-test.md", ARTICLE);
    let outputs = tempfile::tempdir().expect("temp folder");
    let absolute = outputs.path().join("absolute");
    site.build_into(&absolute).success();
    let parent = site.root().parent().expect("the site is in a folder");
    let name = site.root().file_name().expect("the site folder has a name");
    for (root, from, output) in [
        (
            std::path::Path::new(name),
            parent,
            outputs.path().join("relative"),
        ),
        (
            std::path::Path::new("."),
            site.root(),
            outputs.path().join("dot"),
        ),
    ] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("--root")
            .arg(root)
            .arg("--output")
            .arg(&output)
            .current_dir(from)
            .output()
            .expect("run dossier");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(
            snapshot(&output) == snapshot(&absolute),
            "--root {} built another site",
            root.display()
        );
    }
}
