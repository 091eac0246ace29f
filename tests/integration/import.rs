//! `dossier import`: raw pages become front-mattered Markdown that builds into the
//! same article, and nothing is overwritten.

use crate::common::{SEED_ARTICLES, TestSite, data_entry};
use serde_json::Value;

/// An article's findings, without where its file is.
fn findings(data: &Value, id: &str) -> Value {
    let mut article = data_entry(data, "articles", id).clone();
    if let Some(fields) = article.as_object_mut() {
        fields.remove("source_file");
    }
    article
}

#[test]
fn imported_seeds_build_into_the_same_articles() {
    let original = TestSite::new();
    let before = original.build().success().data();
    let site = TestSite::new();
    let incoming = site.root().join("incoming");
    std::fs::create_dir_all(&incoming).expect("make a folder");
    let mut files = Vec::new();
    for id in SEED_ARTICLES {
        let from = site.root().join(format!("content/articles/{id}.txt"));
        let to = incoming.join(format!("{id}.txt"));
        std::fs::rename(&from, &to).expect("move a seed out of the site");
        files.push(to.display().to_string());
    }
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let imported = site.command(&args).success();
    assert!(
        imported.stdout.contains("author: Daniel Kim")
            && imported.stdout.contains("date:   2024-06-25")
            && imported
                .stdout
                .contains("(none stated: add one if you know it)"),
        "{}",
        imported.stdout
    );
    let yonhap = site.read("content/articles/us-countermoves-bolstering-ties-with-vietnam.md");
    assert!(
        yonhap.starts_with("---\ntitle: 'U.S. Countermoves"),
        "{yonhap}"
    );
    assert!(
        !yonhap.contains("You May Also Like"),
        "boilerplate stays out"
    );
    let after = site.build().success().data();
    for id in SEED_ARTICLES {
        assert_eq!(findings(&after, id), findings(&before, id), "{id}");
    }
}

#[test]
fn import_never_overwrites_an_article() {
    let site = TestSite::new();
    let seed = site
        .root()
        .join("content/articles/putin-seeks-support-in-vietnam.txt");
    let copy = site.root().join("putin-seeks-support-in-vietnam.txt");
    std::fs::copy(&seed, &copy).expect("copy a seed");
    site.command(&["import", &copy.display().to_string()])
        .failure()
        .stderr_has("the site already has an article `putin-seeks-support-in-vietnam`")
        .stderr_has("nothing was written");
    assert!(
        !site
            .root()
            .join("content/articles/putin-seeks-support-in-vietnam.md")
            .exists()
    );
    site.command(&["import", "notes.docx"])
        .failure()
        .stderr_has("import takes .txt (a scraped page) or .md");
}
