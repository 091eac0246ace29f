//! Every kind of bad front matter, site.yaml and template, one fixture each under
//! `tests/fixtures/bad_input/`, with its exact message beside it in `<file>.expected`:
//! `path:line:column: what is wrong` counted from the top of the file, then a hint.
//! All bad content files are reported by one build, nothing else is reported, and the
//! published site is left exactly as it was.

#![allow(
    clippy::expect_used,
    reason = "helpers fail the test on any I/O error, like the tests themselves"
)]

use crate::common::{Build, TestSite, snapshot};
use std::path::{Path, PathBuf};

fn fixtures(folder: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad_input")
        .join(folder);
    let mut cases: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .expect("read the fixture folder")
        .map(|entry| entry.expect("read a fixture entry").path())
        .filter(|path| path.extension().is_none_or(|ext| ext != "expected"))
        .map(|path| {
            let mut expected = path.clone().into_os_string();
            expected.push(".expected");
            let message = std::fs::read_to_string(&expected)
                .unwrap_or_else(|_| panic!("{} has no .expected file", path.display()));
            (path, message.trim_end().to_owned())
        })
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no fixtures in {}", dir.display());
    cases
}

/// The build's error blocks (a line starting `error: `, up to the next one), with the site folder's
/// path taken off so they read as the user would see them from inside it.
fn error_blocks(build: &Build, root: &Path) -> Vec<String> {
    let stderr = format!("\n{}", build.stderr).replace(&format!("{}/", root.display()), "");
    let mut blocks: Vec<String> = stderr
        .split("\nerror: ")
        .skip(1)
        .map(|block| {
            block
                .split("\nBuild failed")
                .next()
                .unwrap_or_default()
                .trim_end()
                .to_owned()
        })
        .collect();
    blocks.sort();
    blocks
}

/// Builds `site`, which `case` broke: the build fails with exactly `message` and
/// leaves the published site as it was.
fn fails_with_only(site: &TestSite, case: &Path, message: &str, before: &Snapshot) {
    let failed = site.build().failure();
    assert_eq!(
        error_blocks(&failed, site.root()),
        [message],
        "{}",
        case.display()
    );
    assert!(
        *before == snapshot(&failed.output),
        "{} changed the site",
        case.display()
    );
}

type Snapshot = std::collections::BTreeMap<String, Vec<u8>>;

#[test]
fn bad_content_files_are_each_reported_exactly_and_together() {
    let site = TestSite::new();
    let before = snapshot(&site.build().success().output);
    let mut expected = Vec::new();
    for folder in ["articles", "entities", "themes"] {
        for (path, message) in fixtures(folder) {
            let name = path.file_name().expect("a file name").to_string_lossy();
            site.write(
                &format!("content/{folder}/{name}"),
                std::fs::read(&path).expect("read a fixture"),
            );
            expected.push(message);
        }
    }
    expected.sort();

    let failed = site.build().failure();
    assert_eq!(error_blocks(&failed, site.root()), expected);
    failed.stderr_has(&format!(
        "Build failed with {} errors; the previous output was left as it was.",
        expected.len()
    ));
    assert!(
        before == snapshot(&failed.output),
        "the failed build changed the site"
    );
}

#[test]
fn bad_site_yaml_files_are_each_reported_exactly() {
    let site = TestSite::new();
    let good = site.read("site.yaml");
    let before = snapshot(&site.build().success().output);
    for (path, message) in fixtures("site") {
        site.write("site.yaml", std::fs::read(&path).expect("read a fixture"));
        fails_with_only(&site, &path, &message, &before);
    }
    site.write("site.yaml", good);
    site.build().success();
}

/// Each case is a folder of files for the site's `templates/`.
#[test]
fn bad_templates_are_each_reported_exactly() {
    let site = TestSite::new();
    let before = snapshot(&site.build().success().output);
    for (case, message) in fixtures("templates") {
        let templates = site.root().join("templates");
        if templates.exists() {
            std::fs::remove_dir_all(&templates).expect("remove templates/");
        }
        for (relative, text) in snapshot(&case) {
            site.write(&format!("templates/{relative}"), text);
        }
        fails_with_only(&site, &case, &message, &before);
    }
}

/// Copies `tests/fixtures/bad_input/<fixture>` to `<to>` under the site folder.
fn add_fixture(site: &TestSite, fixture: &str, to: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad_input")
        .join(fixture);
    site.write(to, std::fs::read(path).expect("read a fixture"));
}

#[test]
fn a_template_error_and_content_errors_are_reported_together() {
    let site = TestSite::new();
    add_fixture(
        &site,
        "templates/syntax-error/article.html",
        "templates/article.html",
    );
    add_fixture(
        &site,
        "articles/not-a-date.md",
        "content/articles/not-a-date.md",
    );
    let failed = site.build().failure();
    let blocks = error_blocks(&failed, site.root());
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(blocks[0].starts_with("content/articles/not-a-date.md:3:7: "));
    assert!(blocks[1].starts_with("templates/article.html:3:24: template syntax error"));
}

#[test]
fn a_partial_in_templates_can_be_included_and_a_misspelt_override_is_warned_about() {
    let site = TestSite::new();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}<h1>{{ page.meta.title }}</h1>{% include \"partials/footer.html\" %}{% endblock main %}\n",
    );
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"mine\">Prepared by the desk</footer>\n",
    );
    site.write("templates/entty.html", "<p>{{ page.name }}</p>\n");
    let built = site.build().success();
    built.stderr_has(
        "templates/entty.html: no page uses this template and no template includes it; did you mean `entity.html`?",
    );
    let page = built.page("articles/us-countermoves-bolstering-ties-with-vietnam.html");
    assert!(
        page.contains("Prepared by the desk"),
        "the partial is included"
    );
}

#[test]
fn suggest_renders_nothing_so_a_broken_template_does_not_stop_it() {
    let site = TestSite::new();
    add_fixture(
        &site,
        "templates/syntax-error/article.html",
        "templates/article.html",
    );
    site.command(&["suggest"]).success();
    site.command(&["check"])
        .failure()
        .stderr_has("templates/article.html:3:24: template syntax error");
}
