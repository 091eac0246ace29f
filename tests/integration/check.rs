//! `dossier check`: the whole pipeline without writing, then what to fix.

use crate::common::TestSite;

#[test]
fn the_seed_dossier_passes_and_lists_what_to_review() {
    let site = TestSite::new();
    let checked = site.command(&["check"]).success();
    let out = &checked.stdout;
    assert!(out.contains("Check passed: no broken links."), "{out}");
    assert!(
        out.contains("entities no article mentions") && out.contains("russian-foreign-ministry.md"),
        "{out}"
    );
    assert!(out.contains("4 articles with no date"), "{out}");
    assert!(!site.root().join("public").exists(), "check writes nothing");
}

#[test]
fn a_broken_link_in_a_template_fails_the_check() {
    let site = TestSite::new();
    site.write_base_template(
        "<main><a href=\"{{ site.home }}#nowhere\">x</a> <a href=\"missing.html\">y</a>",
    );
    let checked = site.command(&["check"]).failure();
    checked
        .stderr_has("error: index.html: link `missing.html` leads to no page or anchor")
        .stderr_has("error: index.html: link `index.html#nowhere` leads to no page or anchor")
        .stderr_has("broken links.");
}

#[test]
fn likely_duplicates_are_listed() {
    let site = TestSite::new();
    site.add_fixture("styles", "wire-hanoi-talks");
    site.add_fixture("styles", "wire-hanoi-talks-syndicated");
    let checked = site.command(&["check"]).success();
    assert!(
        checked
            .stdout
            .contains("wire-hanoi-talks-syndicated.md repeats")
            && checked.stdout.contains("wire-hanoi-talks.md (")
            && checked.stdout.contains("1 likely duplicates"),
        "{}",
        checked.stdout
    );
}

#[test]
fn a_tagged_entity_the_text_never_names_is_listed() {
    let site = TestSite::new();
    site.write(
        "content/articles/tagged.md",
        "---\ntitle: Talks in Hanoi\nentities: [To Lam, kim-jong-un]\n---\nTo Lam met officials in Hanoi.\n",
    );
    let checked = site.command(&["check"]).success();
    assert!(
        checked.stdout.contains(
            "1 articles tagged with an entity their text never names (add the form the text uses to the entity's aliases):\n"
        ) && checked.stdout.contains("content/articles/tagged.md: kim-jong-un\n")
            && !checked.stdout.contains("tagged.md: to-lam"),
        "{}",
        checked.stdout
    );
}
