//! What a file's name or kind could make dossier read or write: symbolic links are
//! followed only to files inside the site folder, and names that differ only by
//! case or Unicode normalisation are an error naming both files, never an
//! overwrite; any other name becomes one safe path component inside the output.

use crate::common::{TestSite, snapshot};

#[test]
fn a_link_to_a_file_outside_the_site_is_not_followed() {
    let site = TestSite::new();
    let before = snapshot(&site.build().success().output);
    let outside = tempfile::tempdir().expect("a folder outside the site");
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: Secret\n---\n\nNot for publication.\n").expect("write");
    let link = site.root().join("content/articles/secret.md");
    std::os::unix::fs::symlink(&secret, &link).expect("make a link");

    let failed = site.build().failure();
    failed.stderr_has("content/articles/secret.md:1:1: this is a symbolic link to something outside the site folder (or to a folder); dossier does not follow it\n  hint: copy the file into content/ instead of linking to it");
    assert_eq!(snapshot(&site.root().join("public")), before);
}

/// The cache fingerprints inputs before loading them; it must not read through a
/// link the loader refuses either (a link to /dev/zero would never end), and a
/// content folder that is itself a link out of the site is reported, not taken
/// for the unchanged site it points at a copy of.
#[test]
fn links_out_of_the_site_are_not_read_even_to_fingerprint_them() {
    let site = TestSite::new();
    let before = snapshot(&site.build().success().output);
    let link = site.root().join("content/articles/endless.md");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("make a link");
    let failed = site.build().failure();
    failed.stderr_has("content/articles/endless.md:1:1: this is a symbolic link to something outside the site folder (or to a folder); dossier does not follow it");
    std::fs::remove_file(&link).expect("remove the link");

    let dangling = site.root().join("content/articles/moved.md");
    std::os::unix::fs::symlink(site.root().join("drafts/moved-away.md"), &dangling)
        .expect("make a link");
    site.build().failure().stderr_has(
        "content/articles/moved.md:1:1: this symbolic link leads nowhere: what it points to does not exist",
    );
    std::fs::remove_file(&dangling).expect("remove the link");

    let outside = tempfile::tempdir().expect("a folder outside the site");
    let copy = outside.path().join("content");
    std::fs::rename(site.root().join("content"), &copy).expect("move content out");
    std::os::unix::fs::symlink(&copy, site.root().join("content")).expect("make a link");
    let failed = site.build().failure();
    failed.stderr_has("content:1:1: this is a symbolic link to something outside the site folder");
    assert_eq!(snapshot(&site.root().join("public")), before);
}

/// Templates may come from elsewhere (a theme shared by several dossiers): a linked
/// templates folder is read, and the cache still recognises an unchanged site.
#[test]
fn a_linked_templates_folder_is_read_and_cached() {
    let site = TestSite::new();
    let theme = tempfile::tempdir().expect("a theme folder outside the site");
    std::fs::write(
        theme.path().join("article.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Shared theme: {{ page.meta.title }}</h1>{% endblock main %}",
    )
    .expect("write the theme");
    std::os::unix::fs::symlink(theme.path(), site.root().join("templates")).expect("make a link");
    let built = site.build().success();
    assert!(
        built
            .page("articles/putin-seeks-support-in-vietnam.html")
            .contains("Shared theme:")
    );
    let again = site.build().success();
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
}

#[test]
fn a_link_to_a_file_inside_the_site_is_read() {
    let site = TestSite::new();
    site.write(
        "drafts/inside.md",
        "---\ntitle: Linked draft\n---\n\nTo Lam spoke in Hanoi about trade.\n",
    );
    let link = site.root().join("content/articles/linked.md");
    std::os::unix::fs::symlink(site.root().join("drafts/inside.md"), &link).expect("make a link");
    let built = site.build().success();
    assert!(built.page("articles/linked.html").contains("Linked draft"));
}

#[test]
fn names_that_differ_by_case_or_normalisation_are_an_error_naming_both() {
    let site = TestSite::new();
    let article = "---\ntitle: Café talks\n---\n\nTo Lam met officials.\n";
    site.write("content/articles/Caf\u{e9}-talks.md", article);
    site.write("content/articles/cafe\u{301}-talks.md", article);
    let failed = site.build().failure();
    failed.stderr_has("would both be published as `cafe-talks`");
    assert!(
        failed.stderr.contains("Caf\u{e9}-talks.md")
            && failed.stderr.contains("cafe\u{301}-talks.md"),
        "{}",
        failed.stderr
    );
}

#[test]
fn entity_files_whose_names_differ_only_by_case_are_an_error_naming_both() {
    let site = TestSite::new();
    site.write(
        "content/entities/HANOI.md",
        "---\nname: Hanoi Two\nkind: place\n---\n",
    );
    let failed = site.build().failure();
    failed.stderr_has("content/entities/hanoi.md:1:1: this entity and ");
    failed.stderr_has("content/entities/HANOI.md would both be published as `hanoi`");
}

#[test]
fn a_one_letter_alias_is_an_error() {
    let site = TestSite::new();
    site.write(
        "content/entities/alpha-beta.md",
        "---\nname: Alpha Beta\nkind: person\naliases:\n  - A\n---\n",
    );
    site.build().failure().stderr_has(
        "content/entities/alpha-beta.md:5:5: the alias `A` is a single letter, which would match all over the articles\n  hint: give a longer form of the name, or remove the alias",
    );
}

#[test]
fn hostile_file_names_publish_inside_the_output_folder_under_safe_names() {
    let site = TestSite::new();
    let long = "a".repeat(250);
    let names = [
        ("con.md", "articles/con-1.html"),
        ("a\\b.md", "articles/a-b.html"),
        ("--.md", "articles/untitled.html"),
        ("Tô Lâm  talks!.md", "articles/to-lam-talks.html"),
        (
            &format!("{long}.md"),
            &format!("articles/{}.html", "a".repeat(80)),
        ),
    ];
    for (file, _) in &names {
        site.write(
            &format!("content/articles/{file}"),
            "---\ntitle: Talks\n---\nTo Lam met officials in Hanoi.\n",
        );
    }
    let built = site.build().success();
    for (file, page) in &names {
        assert!(built.has(page), "{file} was not published as {page}");
    }
    for file in built.files() {
        assert!(
            file.split('/').all(|part| {
                !part.is_empty()
                    && part != ".."
                    && part.len() <= 100
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
            }),
            "unsafe output path {file:?}"
        );
    }
}
