//! Every link in the built site works from disk and under any sub-path: each `href`
//! and `src` is relative (no scheme, no leading `/` or `//`), resolves from its
//! page's folder to a file in the output, and its `#fragment` is an id in the target
//! page. Checked for plain URLs and for `pretty_urls: true`.

use crate::common::{Build, TestSite, element_ids, resolve, selector};
use std::collections::{BTreeMap, BTreeSet};

/// Whether a URL starts with a scheme such as `http:` or `file:`.
fn has_scheme(url: &str) -> bool {
    let end = url.find([':', '/', '?', '#']);
    end.is_some_and(|at| {
        url[at..].starts_with(':')
            && url[..at].starts_with(|c: char| c.is_ascii_alphabetic())
            && url[..at]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Checks every link of every page; returns how many were checked.
fn check_links(built: &Build) -> usize {
    let files: BTreeSet<String> = built.files().into_iter().collect();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let linking = selector("[href], [src]");
    let mut problems = Vec::new();
    let mut checked = 0;
    for page in built.html_pages() {
        let html = built.html(&page);
        for element in html.select(&linking) {
            for url in ["href", "src"]
                .iter()
                .filter_map(|a| element.value().attr(a))
            {
                checked += 1;
                if url.is_empty() || url.starts_with('/') || has_scheme(url) {
                    problems.push(format!("{page}: {url:?} is empty or absolute"));
                    continue;
                }
                let Some((target, fragment)) = resolve(&page, url) else {
                    problems.push(format!("{page}: {url:?} leaves the output folder"));
                    continue;
                };
                if !files.contains(&target) {
                    problems.push(format!("{page}: {url:?} → {target}, which does not exist"));
                    continue;
                }
                let Some(fragment) = fragment else { continue };
                let target_ids = ids
                    .entry(target.clone())
                    .or_insert_with(|| element_ids(&built.html(&target)));
                if !target_ids.contains(&fragment) {
                    problems.push(format!("{page}: {url:?} → no id {fragment:?} in {target}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    checked
}

#[test]
fn scheme_detection() {
    for absolute in ["http://x.org", "https:x", "file:///tmp", "mailto:a@b.c"] {
        assert!(has_scheme(absolute), "{absolute}");
    }
    for relative in ["../index.html", "a.html#p1", "#p2", "x/y:z.html"] {
        assert!(!has_scheme(relative), "{relative}");
    }
}

#[test]
fn links_resolve_from_the_page_folder() {
    let to =
        |path: &str, fragment: Option<&str>| Some((path.to_owned(), fragment.map(str::to_owned)));
    assert_eq!(
        resolve("entities/a.html", "../articles/b.html#p3"),
        to("articles/b.html", Some("p3"))
    );
    assert_eq!(
        resolve("articles/b.html", "#p1"),
        to("articles/b.html", Some("p1"))
    );
    assert_eq!(
        resolve("entities/a/index.html", "../../style.css"),
        to("style.css", None)
    );
    assert_eq!(resolve("index.html", "../outside.html"), None);
    assert_eq!(resolve("index.html", "/style.css"), None);
}

#[test]
fn every_link_resolves_inside_the_site() {
    let site = TestSite::new();
    let built = site.build().success();
    assert!(built.has("entities/kim-jong-un.html"));
    assert!(built.has("entities.html"));
    let checked = check_links(&built);
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn every_link_resolves_with_pretty_urls() {
    let site = TestSite::new();
    let config = site.read("site.yaml");
    assert!(
        config.contains("pretty_urls: false"),
        "site.yaml:\n{config}"
    );
    site.write(
        "site.yaml",
        config.replace("pretty_urls: false", "pretty_urls: true"),
    );
    let built = site.build().success();
    for page in [
        "index.html",
        "entities/index.html",
        "themes/index.html",
        "sources/index.html",
        "entities/kim-jong-un/index.html",
        "themes/energy/index.html",
        "articles/putin-seeks-support-in-vietnam/index.html",
    ] {
        assert!(built.has(page), "no {page} with pretty URLs");
    }
    for page in built.html_pages() {
        assert!(
            page == "index.html" || page.ends_with("/index.html"),
            "{page} is not a pretty URL"
        );
    }
    let checked = check_links(&built);
    assert!(checked > 1000, "only {checked} links checked");
}
