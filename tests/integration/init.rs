//! `dossier init` writes a starter site that builds as written, and never
//! overwrites; without site.yaml, a build says how to make one.

#![allow(
    clippy::expect_used,
    reason = "the helper fails the test when dossier cannot run, like the tests themselves"
)]

use crate::common::{data_entry, selector};
use std::process::{Command, Output};

fn dossier(root: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run dossier")
}

#[test]
fn init_writes_a_site_that_builds_and_links_its_example() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let init = dossier(
        dir.path(),
        &["init", "--title", "Grain: a \"test\" dossier"],
    );
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let said = String::from_utf8_lossy(&init.stdout);
    assert!(
        said.contains("site.yaml") && said.contains("dossier build"),
        "{said}"
    );

    let build = dossier(dir.path(), &["build"]);
    let stdout = String::from_utf8_lossy(&build.stdout);
    assert!(
        build.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(
        stdout.contains("Built 1 articles, 2 entities, 1 themes"),
        "{stdout}"
    );

    let public = dir.path().join("public");
    let page = std::fs::read_to_string(public.join("articles/first-article.html")).expect("page");
    let html = scraper::Html::parse_document(&page);
    let links: Vec<&str> = html
        .select(&selector("a.mention"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        links.contains(&"../entities/ada-lovelace.html"),
        "{links:?}"
    );
    assert!(links.contains(&"../entities/london.html"), "{links:?}");
    let index = std::fs::read_to_string(public.join("index.html")).expect("index");
    let index = scraper::Html::parse_document(&index);
    let title: String = index
        .select(&selector("title"))
        .flat_map(|t| t.text())
        .collect();
    assert!(title.contains("Grain: a \"test\" dossier"), "{title}");
    let suggest = dossier(dir.path(), &["suggest"]);
    assert!(
        String::from_utf8_lossy(&suggest.stdout).contains("Every capitalised name"),
        "the starter's catalog covers its article"
    );

    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("dossier.json")).expect("data"))
            .expect("json");
    let quotes = &data_entry(&data, "articles", "first-article")["quotes"];
    assert_eq!(quotes[0]["speaker"], "ada-lovelace", "{quotes}");
    let computing = data_entry(&data, "themes", "computing");
    assert_eq!(computing["articles"][0], "first-article");
}

#[test]
fn init_refuses_a_folder_that_holds_a_site() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("site.yaml"), "title: Mine\n").expect("write site.yaml");
    let init = dossier(dir.path(), &["init"]);
    assert!(!init.status.success());
    let stderr = String::from_utf8_lossy(&init.stderr);
    assert!(stderr.contains("site.yaml already exists"), "{stderr}");
    assert!(!dir.path().join("content").exists(), "nothing was written");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site.yaml")).expect("site.yaml"),
        "title: Mine\n"
    );
}

#[test]
fn a_folder_without_site_yaml_points_to_init() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let build = dossier(dir.path(), &["build"]);
    assert!(!build.status.success());
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(stderr.contains("no site.yaml here"), "{stderr}");
    assert!(stderr.contains("run `dossier init`"), "{stderr}");
}
