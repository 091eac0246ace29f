//! `--keep-going` builds the site without the files that have errors, lists them,
//! and still exits non-zero; the next build does not take that site for complete.

use crate::common::TestSite;

const BROKEN: &str = "---\ntitle: Broken\ndate: 20 June\n---\n\nTo Lam met officials.\n";
const GOOD: &str = "---\ntitle: Good news\n---\n\nTo Lam met officials in Hanoi.\n";

#[test]
fn keep_going_builds_the_rest_lists_what_it_left_out_and_fails() {
    let site = TestSite::new();
    site.write("content/articles/broken.md", BROKEN);
    site.write("content/articles/good.md", GOOD);

    let partial = site.command(&["build", "--keep-going"]).failure();
    partial.stderr_has("content/articles/broken.md:3:7: `20 June` is not a date");
    partial
        .stderr_has("Built without 1 file that has errors (listed above); fix it and build again.");
    assert!(partial.has("articles/good.html"), "the rest is built");
    assert!(partial.has("articles/putin-seeks-support-in-vietnam.html"));
    assert!(
        !partial.has("articles/broken.html"),
        "the broken file is left out"
    );

    let again = site.command(&["build", "--keep-going"]).failure();
    again.stderr_has("content/articles/broken.md:3:7: `20 June` is not a date");
    assert!(
        !again.stdout.contains("nothing changed"),
        "{}",
        again.stdout
    );
    site.build().failure().stderr_has("`20 June` is not a date");

    site.write(
        "content/articles/broken.md",
        BROKEN.replace("20 June", "2024-06-20"),
    );
    let fixed = site.build().success();
    assert!(fixed.has("articles/broken.html") && fixed.has("articles/good.html"));
}

#[test]
fn a_skipped_entity_file_is_listed_and_tags_naming_it_are_not_called_unknown() {
    let site = TestSite::new();
    site.write(
        "content/entities/ha-long-bay.md",
        "---\nname: Ha Long Bay\nkind: plaec\n---\nA bay.\n",
    );
    site.write(
        "content/articles/tagged.md",
        "---\ntitle: Tagged\nentities: [ha-long-bay]\n---\n\nTo Lam met officials.\n",
    );
    for args in [&["build"][..], &["build", "--keep-going"][..]] {
        let failed = site.command(args).failure();
        failed.stderr_has("content/entities/ha-long-bay.md:3:7: unknown entity kind `plaec`");
        assert!(
            !failed.stderr.contains("not in the catalog"),
            "{args:?}: {}",
            failed.stderr
        );
    }
}

#[test]
fn an_article_tagging_an_unknown_entity_is_left_out_like_a_broken_file() {
    let site = TestSite::new();
    site.write(
        "content/articles/mistagged.md",
        "---\ntitle: Mistagged\nentities: [to-lamm, hanoy]\n---\n\nTo Lam met officials.\n",
    );
    site.build()
        .failure()
        .stderr_has("content/articles/mistagged.md:3:12: `entities` names `to-lamm`, which is not in the catalog");

    let partial = site.command(&["build", "--keep-going"]).failure();
    partial.stderr_has("content/articles/mistagged.md:3:12: `entities` names `to-lamm`");
    partial.stderr_has("content/articles/mistagged.md:3:21: `entities` names `hanoy`");
    partial
        .stderr_has("Built without 1 file that has errors (listed above); fix it and build again.");
    assert!(
        !partial.has("articles/mistagged.html"),
        "the article is left out"
    );
    assert!(
        partial.has("articles/putin-seeks-support-in-vietnam.html"),
        "the rest is built"
    );
}
