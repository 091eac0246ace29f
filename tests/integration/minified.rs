//! Minified pages: the templates are minified once, when loaded, and pages are
//! published as rendered from them. What they say must be what minifying each
//! page would make of it, and a template that cannot be minified on its own must
//! leave its pages minified one by one.

use crate::common::{TestSite, snapshot};
use dossier::minify::minify_page;
use std::collections::BTreeMap;

/// The site's pages, built with `minify:` set as given.
fn pages(site: &TestSite, minify: bool) -> BTreeMap<String, Vec<u8>> {
    let config = site.read("site.yaml");
    let config: String = config
        .lines()
        .filter(|line| !line.starts_with("minify:"))
        .map(|line| format!("{line}\n"))
        .collect();
    site.write("site.yaml", format!("{config}minify: {minify}\n"));
    let output = site.root().join(format!("public-{minify}"));
    site.build_into(&output).success();
    snapshot(&output)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .collect()
}

#[test]
fn pages_from_minified_templates_minify_to_the_pages_as_written() {
    let site = TestSite::new();
    let written = pages(&site, false);
    let minified = pages(&site, true);
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        minified.keys().collect::<Vec<_>>()
    );
    assert!(written.len() > 50, "the seed site has its pages");
    for (path, as_written) in &written {
        let page = &minified[path];
        assert_eq!(
            String::from_utf8_lossy(&minify_page(page)),
            String::from_utf8_lossy(&minify_page(as_written)),
            "{path}: the page says what the page as written says"
        );
        let each_page = minify_page(as_written).len();
        // Values a page fills in keep their quotes and the article body its line
        // breaks: a few percent over minifying each page, for a third of the CPU.
        assert!(
            page.len() <= as_written.len() && page.len() <= each_page * 105 / 100,
            "{path}: {} bytes, {each_page} minified page by page, {} as written",
            page.len(),
            as_written.len()
        );
    }
}

#[test]
fn a_template_that_cannot_be_minified_alone_leaves_its_pages_minified_one_by_one() {
    let site = TestSite::new();
    site.write_base_template(r#"<main{% if site.title %} class="titled"{% endif %}>"#);
    let written = pages(&site, false);
    let minified = pages(&site, true);
    for (path, as_written) in &written {
        let page = &minified[path];
        assert_eq!(
            String::from_utf8_lossy(page),
            String::from_utf8_lossy(&minify_page(as_written)),
            "{path}: minified page by page"
        );
        assert!(
            String::from_utf8_lossy(page).contains("<main class=titled>"),
            "{path}: the template's tag inside a tag is rendered"
        );
    }
}
