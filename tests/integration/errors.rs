//! Bad input fails the build with located, helpful messages (`path:line:column`, a
//! did-you-mean where one fits), every bad file is reported in one run, and a failed
//! build leaves the previous output exactly as it was. Also: an output folder that
//! dossier did not make is never written into.

use crate::common::{TestSite, snapshot};

const BROKEN: &str = "---\ntitle: x\natuhor: y\n---\nBody text here.\n";

#[test]
fn unknown_front_matter_key_fails_and_keeps_the_previous_output() {
    let site = TestSite::new();
    let first = site.build().success();
    let before = snapshot(&first.output);
    assert!(before.len() > 90, "only {} files", before.len());

    site.write("content/articles/broken.md", BROKEN);
    let failed = site.build().failure();
    failed
        .stderr_has("content/articles/broken.md:3:1: unknown key `atuhor`")
        .stderr_has("did you mean `author`?");
    assert!(
        before == snapshot(&failed.output),
        "the failed build changed the previous output"
    );
}

#[test]
fn every_bad_file_is_reported_in_one_build() {
    let site = TestSite::new();
    site.write("content/articles/broken.md", BROKEN).write(
        "content/articles/unclosed.md",
        "---\ntitle: Never closed\n\nBody text here.\n",
    );
    let failed = site.build().failure();
    failed
        .stderr_has("articles/broken.md:3:1: unknown key `atuhor`")
        .stderr_has("articles/unclosed.md:1:1:")
        .stderr_has("never closed");
    assert!(!failed.output.exists(), "a failed first build made output");
}

#[test]
fn unknown_site_yaml_key_is_located_with_a_suggestion() {
    let site = TestSite::new();
    let mut config = site.read("site.yaml");
    if !config.ends_with('\n') {
        config.push('\n');
    }
    let line = config.lines().count() + 1;
    site.write("site.yaml", format!("{config}titel: x\n"));
    site.build()
        .failure()
        .stderr_has(&format!("site.yaml:{line}:1: unknown key `titel`"))
        .stderr_has("did you mean `title`?");
}

#[test]
fn an_unsupported_file_is_reported() {
    let site = TestSite::new();
    site.write("content/articles/notes.pdf", b"%PDF-1.4\n\x00\x01binary");
    site.build().failure().stderr_has("articles/notes.pdf");
}

#[test]
fn a_foreign_output_folder_is_refused() {
    let site = TestSite::new();
    let outputs = tempfile::tempdir().expect("temporary folder");
    let foreign = outputs.path().join("mine");
    std::fs::create_dir(&foreign).expect("create folder");
    std::fs::write(foreign.join("notes.txt"), "my notes\n").expect("write file");
    let before = snapshot(&foreign);

    let failed = site.build_into(&foreign).failure();
    failed.stderr_has("mine");
    assert!(
        before == snapshot(&foreign),
        "dossier changed a folder it did not make: {:?}",
        snapshot(&foreign).keys().collect::<Vec<_>>()
    );
}
