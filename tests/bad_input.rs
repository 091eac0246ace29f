//! Every kind of bad front matter and site.yaml, one fixture each under
//! `tests/fixtures/bad_input/`, with its exact message beside it in `<file>.expected`:
//! `path:line:column: what is wrong` counted from the top of the file, then a hint.
//! All bad content files are reported by one build, nothing else is reported, and the
//! published site is left exactly as it was.

#![allow(
    clippy::expect_used,
    reason = "helpers fail the test on any I/O error, like the tests themselves"
)]

mod common;

use common::{Build, TestSite, snapshot};
use std::path::{Path, PathBuf};

fn fixtures(folder: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad_input")
        .join(folder);
    let mut cases: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .expect("read the fixture folder")
        .map(|entry| entry.expect("read a fixture entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext != "expected"))
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

/// The build's error blocks (`error: ` up to the next one), with the site folder's
/// path taken off so they read as the user would see them from inside it.
fn error_blocks(build: &Build, root: &Path) -> Vec<String> {
    let stderr = build.stderr.replace(&format!("{}/", root.display()), "");
    let mut blocks: Vec<String> = stderr
        .split("error: ")
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
        let failed = site.build().failure();
        assert_eq!(
            error_blocks(&failed, site.root()),
            [message],
            "{}",
            path.display()
        );
        assert!(
            before == snapshot(&failed.output),
            "{} changed the site",
            path.display()
        );
    }
    site.write("site.yaml", good);
    site.build().success();
}
