//! Incremental builds: after any sequence of edits, a build that reuses the cache
//! publishes exactly what a clean build of the same inputs publishes; it rewrites
//! only the files whose bytes change; and a damaged, foreign or outdated cache, or
//! a published file edited by hand, is detected and never trusted.

#![allow(
    clippy::expect_used,
    reason = "helpers fail the test on any I/O error, like the tests themselves"
)]

use crate::common::{Build, TestSite, snapshot};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const SEED: &str = "content/articles/putin-seeks-support-in-vietnam.txt";

/// Builds `site` incrementally, then a clean copy of it, and asserts the two
/// outputs are byte-identical.
fn assert_matches_clean_build(site: &TestSite, step: &str) -> Build {
    let incremental = site.build().success();
    let clean = site.clean_copy();
    let fresh = clean.build().success();
    let (got, want) = (snapshot(&incremental.output), snapshot(&fresh.output));
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "after {step}: the incremental build published other files than a clean one"
    );
    for (path, bytes) in &want {
        assert!(
            &got[path] == bytes,
            "after {step}: {path} differs from a clean build"
        );
    }
    incremental
}

/// Each published file's inode: a file replaced through a rename gets a new one.
fn inodes(output: &Path) -> BTreeMap<String, u64> {
    snapshot(output)
        .into_keys()
        .map(|path| {
            let inode = std::fs::metadata(output.join(&path)).expect("stat").ino();
            (path, inode)
        })
        .collect()
}

fn default_template(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates")
        .join(name);
    std::fs::read_to_string(path).expect("read a default template")
}

#[test]
fn incremental_builds_match_clean_builds_after_every_edit() {
    let site = TestSite::new();
    site.build().success();

    site.add_fixture("styles", "wire-hanoi-talks");
    let added = assert_matches_clean_build(&site, "adding an article");
    assert!(
        added.stdout.contains("(1 of 6 articles analysed"),
        "only the new article is analysed: {}",
        added.stdout
    );

    let text = site.read(SEED);
    site.write(SEED, text.replacen("Vietnam", "Vietnam, said Reuters,", 1));
    assert_matches_clean_build(&site, "changing an article");

    site.remove(SEED);
    site.write("content/articles/renamed-seed.txt", &text);
    assert_matches_clean_build(&site, "renaming an article");

    site.remove("content/articles/renamed-seed.txt");
    assert_matches_clean_build(&site, "deleting an article");

    let putin = site.read("content/entities/vladimir-putin.md");
    site.write(
        "content/entities/vladimir-putin.md",
        putin.replacen("aliases:", "aliases:\n  - the Russian leader", 1),
    );
    let aliased = assert_matches_clean_build(&site, "editing an entity's aliases");
    assert!(
        !aliased.stdout.contains("articles analysed"),
        "a catalog change analyses every article again: {}",
        aliased.stdout
    );

    // Article bodies are kept by a key of their inputs, not rendered to compare:
    // the name a mention links with is one of those inputs.
    let putin = site.read("content/entities/vladimir-putin.md");
    site.write(
        "content/entities/vladimir-putin.md",
        putin.replacen("name: Vladimir Putin", "name: Vladimir V. Putin", 1),
    );
    assert_matches_clean_build(&site, "renaming an entity");

    let article = default_template("article.html");
    site.write(
        "templates/article.html",
        article.replacen("<h1>", "<h1 class=\"edited\">", 1),
    );
    let templated = assert_matches_clean_build(&site, "editing a template");
    assert!(
        templated
            .page("articles/wire-hanoi-talks.html")
            .contains("edited"),
        "the template edit is published"
    );

    let config = site.read("site.yaml");
    site.write("site.yaml", config.replacen("title:", "title: Edited —", 1));
    assert_matches_clean_build(&site, "editing site.yaml");

    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        config.replacen("pretty_urls: false", "pretty_urls: true", 1),
    );
    assert_matches_clean_build(&site, "switching to pretty URLs");
}

#[test]
fn adding_an_article_rewrites_only_the_files_whose_bytes_change() {
    let site = TestSite::new();
    let first = site.build().success();
    let before = snapshot(&first.output);
    let inodes_before = inodes(&first.output);

    site.add_fixture("styles", "wire-hanoi-talks");
    let second = site.build().success();
    let after = snapshot(&second.output);
    let inodes_after = inodes(&second.output);

    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(changed.contains(&&"articles/wire-hanoi-talks.html".to_owned()));
    assert!(
        changed.len() < after.len() / 2,
        "one article changes a few pages, not {} of {}",
        changed.len(),
        after.len()
    );
    assert_eq!(second.counts().written, changed.len(), "{}", second.stdout);
    for (path, bytes) in &before {
        if after.get(path) == Some(bytes) {
            assert_eq!(
                inodes_before[path], inodes_after[path],
                "{path} did not change but was rewritten"
            );
        }
    }
}

/// An article of `statements` paragraphs, each dated a different day of `month`.
fn dated_article(name: &str, year: u32, month: u32, statements: u32) -> (String, String) {
    let month_name = u8::try_from(month)
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok())
        .expect("a month from 1 to 12")
        .name();
    let body: Vec<String> = (1..=statements)
        .map(|day| format!("On {day} {month_name} {year}, the council met in Hanoi."))
        .collect();
    (
        format!("content/articles/{name}.md"),
        format!(
            "---\ntitle: Council sittings {name}\ndate: {year}-{month:02}-28\n---\n{}\n",
            body.join("\n\n")
        ),
    )
}

#[test]
fn a_new_month_in_a_long_timeline_renders_only_the_pages_it_changes() {
    let site = TestSite::new();
    // 24 months of 25 sittings: 600 timeline entries, so the timeline is cut into
    // a page per month.
    for index in 0..24 {
        let (path, text) = dated_article(
            &format!("sittings-{index:02}"),
            2001 + index / 12,
            index % 12 + 1,
            25,
        );
        site.write(&path, text);
    }
    let first = site.build().success();
    assert!(
        first.has("timeline/2001-01.html"),
        "the timeline is cut by month"
    );

    let (path, text) = dated_article("sittings-new", 2030, 5, 3);
    site.write(&path, text);
    let second = site.build().success();

    assert!(second.has("timeline/2030-05.html"));
    // The stylesheet is always rendered, and always unchanged; every other page
    // rendered again is one whose bytes change.
    assert_eq!(
        second.rendered(),
        second.counts().written + 1,
        "pages were rendered again to the same bytes:\n{}",
        second.stdout
    );
}

#[test]
fn a_damaged_cache_is_detected_and_rebuilt() {
    let site = TestSite::new();
    site.build().success();
    let manifest = site.root().join(".dossier-cache/manifest");
    let mut bytes = std::fs::read(&manifest).expect("a manifest");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&manifest, bytes).expect("damage the manifest");
    let shards = analysis_shards(&site);
    assert!(!shards.is_empty(), "the analyses are cached");
    for shard in shards.keys() {
        let bytes = std::fs::read(shard).expect("analyses");
        std::fs::write(shard, &bytes[..bytes.len() / 3]).expect("truncate the analyses");
    }

    site.add_fixture("styles", "wire-hanoi-talks");
    let rebuilt = assert_matches_clean_build(&site, "damaging the cache");
    assert!(
        rebuilt
            .stdout
            .contains("the cache was damaged and was rebuilt"),
        "{}",
        rebuilt.stdout
    );
    let next = site.build().success();
    assert!(
        next.stdout.contains("(nothing changed)"),
        "the rebuilt cache is used: {}",
        next.stdout
    );
}

#[test]
fn a_cache_written_by_another_binary_is_not_trusted() {
    let site = TestSite::new();
    site.build().success();
    let other = tempfile::tempdir().expect("a temporary folder");
    let copy = other.path().join("dossier");
    std::fs::copy(env!("CARGO_BIN_EXE_dossier"), &copy).expect("copy the binary");
    let output = std::process::Command::new(&copy)
        .arg("--root")
        .arg(site.root())
        .output()
        .expect("run the copied binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("the cache was made by another dossier binary and was rebuilt"),
        "{stdout}"
    );
}

#[test]
fn a_published_file_edited_by_hand_is_restored() {
    let site = TestSite::new();
    let first = site.build().success();
    let index = first.output.join("index.html");
    let original = std::fs::read(&index).expect("the index page");
    std::fs::write(&index, b"defaced").expect("edit the published page");
    std::fs::write(first.output.join("stray.html"), b"left behind").expect("add a file");

    let second = site.build().success();
    assert_eq!(std::fs::read(&index).expect("the index page"), original);
    assert!(
        !second.has("stray.html"),
        "a file the site lacks is removed"
    );
    let counts = second.counts();
    assert_eq!(
        (counts.written, counts.removed),
        (1, 1),
        "{}",
        second.stdout
    );
}

/// The cache's analysis shards, with their inode numbers.
fn analysis_shards(site: &TestSite) -> BTreeMap<PathBuf, u64> {
    let folder = site.root().join(".dossier-cache");
    std::fs::read_dir(&folder)
        .expect("the cache folder")
        .map(|entry| entry.expect("a cache file").path())
        .filter(|path| path.to_string_lossy().contains("analyses-"))
        .map(|path| {
            let inode = std::fs::metadata(&path).expect("a shard").ino();
            (path, inode)
        })
        .collect()
}

#[test]
fn an_edit_rewrites_only_its_analysis_shard() {
    let site = TestSite::new();
    site.build().success();
    let before = analysis_shards(&site);
    // The single analyses file of earlier versions goes when shards are written.
    let unsharded = site.root().join(".dossier-cache/analyses");
    std::fs::write(&unsharded, "old").expect("an old analyses file");
    site.add_fixture("styles", "wire-hanoi-talks");
    let added = site.build().success();
    assert!(
        added.stdout.contains("(1 of 6 articles analysed"),
        "{}",
        added.stdout
    );
    assert!(
        !added.stdout.contains("could not be saved"),
        "{}",
        added.stdout
    );
    assert!(!unsharded.exists(), "the old analyses file is removed");
    let after = analysis_shards(&site);
    let rewritten: Vec<&PathBuf> = after
        .iter()
        .filter(|(path, inode)| before.get(*path) != Some(*inode))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(rewritten.len(), 1, "one shard rewritten: {rewritten:?}");

    let one = rewritten[0].clone();
    let bytes = std::fs::read(&one).expect("the shard");
    std::fs::write(&one, &bytes[..bytes.len() / 2]).expect("truncate the shard");
    site.write(
        "content/articles/wire-hanoi-talks.md",
        site.read("content/articles/wire-hanoi-talks.md") + "\nOne more line.\n",
    );
    let repaired = assert_matches_clean_build(&site, "damaging one shard");
    assert!(
        repaired
            .stdout
            .contains("the cache was damaged and was rebuilt"),
        "{}",
        repaired.stdout
    );
    let next = site.build().success();
    assert!(next.stdout.contains("(nothing changed)"), "{}", next.stdout);
}

#[test]
fn the_output_named_relatively_is_the_same_output() {
    let site = TestSite::new();
    site.build().success();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--root", "."])
        .current_dir(site.root())
        .output()
        .expect("run dossier in the site folder");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("(nothing changed)"), "{stdout}");
}

#[test]
fn a_title_in_an_entity_pages_list_of_further_articles_is_updated() {
    let site = TestSite::new();
    // More articles than an entity page shows in context, so the rest are listed.
    let article = |index: usize, title: &str| {
        format!(
            "---\ntitle: {title}\ndate: 2024-06-{:02}\n---\nThe delegation arrived in Hanoi.\n",
            index % 28 + 1
        )
    };
    for index in 0..60 {
        site.write(
            &format!("content/articles/hanoi-{index:02}.md"),
            article(index, &format!("Arrival number {index}")),
        );
    }
    let first = assert_matches_clean_build(&site, "adding sixty articles");
    assert!(
        first
            .page("entities/hanoi.html")
            .contains("Arrival number 59")
    );

    site.write(
        "content/articles/hanoi-59.md",
        article(59, "A retitled arrival"),
    );
    let second = assert_matches_clean_build(&site, "retitling a listed article");
    let page = second.page("entities/hanoi.html");
    assert!(page.contains("A retitled arrival") && !page.contains("Arrival number 59"));
}
