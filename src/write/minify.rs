//! HTML minification (minify-html). Only HTML is minified; JSON and CSS ship as
//! rendered so they stay readable.

pub fn minify_html(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    // Spec-compliant output only: the site must work in every browser and parser.
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    minify_html::minify(html, &cfg)
}
