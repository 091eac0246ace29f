//! Articles in the encodings and shapes the web and editors produce: a BOM and CRLF
//! line endings are read as if absent; a legacy encoding is detected, decoded and
//! warned about; damaged UTF-8, binary, empty and oversized files are errors with
//! exact messages, all reported together, and the published site is left as it was.

#![allow(
    clippy::expect_used,
    reason = "helpers fail the test on any I/O error, like the tests themselves"
)]

use crate::common::{TestSite, data_entry, snapshot};
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/encodings")
        .join(name);
    std::fs::read(path).expect("read a fixture")
}

#[test]
fn a_bom_and_crlf_line_endings_read_like_plain_utf8() {
    let site = TestSite::new();
    site.write("content/articles/bom-crlf.md", fixture("bom-crlf.md"));
    let built = site.build().success();
    let data = built.data();
    let article = data_entry(&data, "articles", "bom-crlf");
    assert_eq!(article["title"], "Trade talks in Hanoi");
    assert_eq!(article["date"], "2024-06-21");
    assert_eq!(article["paragraphs"], 2);
    assert!(
        crate::common::string_set(&article["entities"]).contains("to-lam"),
        "{article}"
    );
}

#[test]
fn a_windows_1252_article_is_decoded_with_a_warning() {
    let site = TestSite::new();
    site.write(
        "content/articles/windows-1252.txt",
        fixture("windows-1252.txt"),
    );
    let built = site.build().success();
    built.stderr_has("warning: ");
    built.stderr_has(
        "content/articles/windows-1252.txt: not UTF-8; read as windows-1252 (detected). If the text looks wrong, save the file as UTF-8",
    );
    let page = built.page("articles/windows-1252.html");
    assert!(page.contains("Café talks in Hanoi"), "the title is decoded");
    assert!(
        page.contains("the “best” venue"),
        "curly quotes are decoded"
    );
    let again = site.build().success();
    again.stderr_has("content/articles/windows-1252.txt: not UTF-8");
}

#[test]
fn bad_files_are_reported_together_and_the_site_is_kept() {
    let site = TestSite::new();
    let before = snapshot(&site.build().success().output);
    site.write("content/articles/broken-utf8.md", fixture("broken-utf8.md"));
    site.write("content/articles/photo.md", fixture("photo.md"));
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(fixture("broken-utf8.md"));
    site.write("content/articles/bom-broken-utf8.md", with_bom);
    site.write("content/articles/empty.md", fixture("empty.md"));
    let just_too_large = vec![b'a'; 50 * 1024 * 1024 + 1];
    site.write("content/articles/huge.txt", just_too_large);
    let pipe = site.root().join("content/articles/pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let failed = site.build().failure();
    for message in [
        "content/articles/bom-broken-utf8.md:6:19: the file is UTF-8 but byte 0xE9 here is not\n  hint: the file was damaged or joined from files in two encodings: fix or retype the character here, and save as UTF-8",
        "content/articles/broken-utf8.md:6:19: the file is UTF-8 but byte 0xE9 here is not\n  hint: the file was damaged or joined from files in two encodings: fix or retype the character here, and save as UTF-8",
        "content/articles/empty.md:1:1: the file is empty\n  hint: write its text (an article, an entity's profile, a theme's overview), or delete it",
        "content/articles/huge.txt:1:1: the file is 52428801 bytes, over the limit of 50 MB (52428800 bytes)\n  hint: no article, template or settings file is this long: split it, or move it out of the site folder",
        "content/articles/pipe.md:1:1: this is not a regular file (a pipe, socket or device)\n  hint: dossier reads regular text files only: remove this entry",
        "content/articles/photo.md:1:1: this is not a text file (it holds NUL bytes)\n  hint: dossier reads text files only: save it as text, or move it out of the site folder",
    ] {
        failed.stderr_has(message);
    }
    assert_eq!(snapshot(&site.root().join("public")), before);
}

#[test]
fn a_paragraph_on_one_very_long_line_builds() {
    let site = TestSite::new();
    let sentence = "To Lam met officials in Hanoi to discuss trade and energy. ";
    let body = sentence.repeat(20_000);
    site.write(
        "content/articles/long-line.md",
        format!("---\ntitle: One long line\n---\n\n{body}\n"),
    );
    let built = site.build().success();
    let data = built.data();
    assert_eq!(data_entry(&data, "articles", "long-line")["paragraphs"], 1);
}
