//! Builds are reproducible and incremental: the same content gives byte-identical
//! output wherever it is built, a rebuild writes nothing, and a removed article's
//! page is removed from the output on the next build.

use crate::common::{TestSite, snapshot};

#[test]
fn two_builds_into_two_folders_are_identical() {
    let site = TestSite::new();
    let outputs = tempfile::tempdir().expect("temporary folder");
    let first = site.build_into(&outputs.path().join("one")).success();
    let second = site.build_into(&outputs.path().join("two")).success();
    let one = snapshot(&first.output);
    let two = snapshot(&second.output);
    assert!(one.len() > 90, "only {} files", one.len());
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>(),
        "the two builds made different files"
    );
    for (path, bytes) in &one {
        assert!(bytes == &two[path], "{path} differs between the two builds");
    }
}

#[test]
fn copies_of_the_site_in_two_folders_build_identically() {
    let (a, b) = (TestSite::new(), TestSite::new());
    let one = snapshot(&a.build().success().output);
    let two = snapshot(&b.build().success().output);
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(
            bytes == &two[path],
            "{path} depends on where the site folder is"
        );
    }
}

#[test]
fn a_rebuild_writes_nothing() {
    let site = TestSite::new();
    let first = site.build().success();
    let counts = first.counts();
    assert!(counts.written > 90, "first build: {}", first.stdout);
    assert_eq!(counts.unchanged, 0, "first build: {}", first.stdout);
    assert_eq!(counts.removed, 0, "first build: {}", first.stdout);
    let before = snapshot(&first.output);

    let second = site.build().success();
    let again = second.counts();
    assert_eq!(again.written, 0, "second build: {}", second.stdout);
    assert_eq!(
        again.unchanged, counts.written,
        "second build: {}",
        second.stdout
    );
    assert_eq!(again.removed, 0, "second build: {}", second.stdout);
    assert!(
        before == snapshot(&second.output),
        "a rebuild changed the output"
    );
}

#[test]
fn removing_an_article_removes_its_page() {
    let site = TestSite::new();
    let page = "articles/putin-state-visit-faced-by-us-criticism.html";
    let first = site.build().success();
    assert!(first.has(page));
    let written = first.counts().written;

    site.remove("content/articles/putin-state-visit-faced-by-us-criticism.txt");
    let second = site.build().success();
    let counts = second.counts();
    assert!(counts.removed >= 1, "second build: {}", second.stdout);
    assert!(!second.has(page), "{page} is still there");
    assert_eq!(
        counts.written + counts.unchanged,
        written - counts.removed,
        "second build: {}",
        second.stdout
    );
    let data = second.data();
    assert!(
        data["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .all(|a| a["id"] != "putin-state-visit-faced-by-us-criticism"),
        "dossier.json still lists the removed article"
    );
}
