//! HTML minification (minify-html), done where it is cheapest. Minifying every page
//! was a third of a full build's CPU, spent mostly on the templates' own markup, the
//! same on every page; so the templates are minified once, when loaded, and pages
//! rendered from them are published as they are. A template that cannot be
//! minified safely on its own (tera syntax inside a tag, say) leaves its site to be
//! minified page by page, as before.

/// Spec-compliant output only: the site must work in every browser and parser.
fn settings() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg
}

/// A rendered page, minified.
pub fn minify_page(html: &[u8]) -> Vec<u8> {
    minify_html::minify(html, &settings())
}

/// A tera template with its markup minified and its tags (`{{ … }}`, `{% … %}`,
/// `{# … #}`) kept as they are, or `None` when that could change what its pages
/// say. The tags are hidden from the minifier behind placeholders that hold a
/// space, so an attribute value with a tag in it stays quoted, and are put back
/// only if every one comes out whole and in its place.
pub fn minify_template(template: &str) -> Option<String> {
    let (markup, tags) = hide_tags(template)?;
    let minified = String::from_utf8(minify_html::minify(markup.as_bytes(), &settings())).ok()?;
    show_tags(&minified, &tags)
}

const PLACEHOLDER_START: char = '\u{E000}';
const PLACEHOLDER_END: char = '\u{E001}';
const TAG_ENDS: [(&str, &str); 3] = [("{{", "}}"), ("{%", "%}"), ("{#", "#}")];

/// The template with each tag replaced by a numbered placeholder, and the tags.
fn hide_tags(template: &str) -> Option<(String, Vec<&str>)> {
    if template.contains([PLACEHOLDER_START, PLACEHOLDER_END]) {
        return None;
    }
    let mut markup = String::with_capacity(template.len());
    let mut tags = Vec::new();
    let mut rest = template;
    while let Some((at, close)) = next_tag(rest) {
        let (before, tag_on) = rest.split_at(at);
        let length = tag_on[2..].find(close)? + 4;
        let tag = &tag_on[..length];
        if glued_to_markup(before) || !literals_closed(tag) {
            return None;
        }
        markup.push_str(before);
        markup.push_str(&placeholder(tags.len()));
        tags.push(tag);
        rest = &tag_on[length..];
    }
    markup.push_str(rest);
    Some((markup, tags))
}

/// Where the next tag opens in `text`, and the text that closes it.
fn next_tag(text: &str) -> Option<(usize, &'static str)> {
    TAG_ENDS
        .iter()
        .filter_map(|(open, close)| text.find(open).map(|at| (at, *close)))
        .min_by_key(|(at, _)| *at)
}

/// A tag right after `<`, `</` or `&` (in the template, or once minified: `&amp;`
/// becomes `&`) would make markup or an entity only once rendered, which the
/// minifier cannot see.
fn glued_to_markup(before: &str) -> bool {
    before.ends_with(['<', '&']) || before.ends_with("</")
}

/// A tag whose quotes do not pair may end inside a string literal, where its true
/// end is further on: the text between would be minified as markup.
fn literals_closed(tag: &str) -> bool {
    ['"', '\'', '`']
        .iter()
        .all(|quote| tag.matches(*quote).count() % 2 == 0)
}

fn placeholder(index: usize) -> String {
    format!("{PLACEHOLDER_START}{index} {PLACEHOLDER_END}")
}

/// The minified markup with its placeholders replaced by the tags, or `None` if
/// any placeholder went missing, was split, or moved out of order.
fn show_tags(minified: &str, tags: &[&str]) -> Option<String> {
    let mut pieces = minified.split(PLACEHOLDER_START);
    let mut template = pieces.next()?.to_owned();
    let mut count = 0;
    for piece in pieces {
        let rest = piece.strip_prefix(&placeholder(count)[PLACEHOLDER_START.len_utf8()..])?;
        if glued_to_markup(&template) {
            return None;
        }
        template.push_str(tags.get(count)?);
        template.push_str(rest);
        count += 1;
    }
    let whole = count == tags.len() && !template.contains(PLACEHOLDER_END);
    whole.then_some(template)
}

#[cfg(test)]
mod tests {
    use super::{minify_page, minify_template};

    #[test]
    fn template_markup_is_minified_and_its_tags_kept() {
        let template = "<ul class=\"tags\">\n  {% for l in links %}\n  <li><a href=\"{{ l.href }}\">{{ l.title }}</a></li>\n  {% endfor %}\n</ul>\n<p>\n  {{ a }} &middot; {{ b }}\n</p>";
        assert_eq!(
            minify_template(template).as_deref(),
            Some(
                "<ul class=tags>{% for l in links %} <li><a href=\"{{ l.href }}\">{{ l.title }}</a></li> {% endfor %}</ul><p>{{ a }} · {{ b }}</p>"
            )
        );
    }

    #[test]
    fn an_attribute_value_made_by_a_tag_stays_quoted() {
        let minified = minify_template(r#"<a href="{{x}}" id='{{y}}' class="c">t</a>"#);
        assert_eq!(
            minified.as_deref(),
            Some(r#"<a href="{{x}}" id="{{y}}" class=c>t</a>"#)
        );
    }

    #[test]
    fn a_tag_inside_a_tag_is_not_minified() {
        assert_eq!(
            minify_template(r#"<a href="x"{% if c %} class="y"{% endif %}>t</a>"#),
            None
        );
    }

    #[test]
    fn a_tag_glued_to_markup_is_not_minified() {
        assert_eq!(
            minify_template("<p>&lt;{{ tag }}&gt;</p>"),
            Some("<p>&lt;{{ tag }}></p>".to_owned())
        );
        assert_eq!(minify_template("<p>&amp;{{ entity }};</p>"), None);
        assert_eq!(minify_template("<{{ tag }}>x</{{ tag }}>"), None);
    }

    #[test]
    fn a_tag_ending_inside_a_string_is_not_minified() {
        assert_eq!(minify_template(r#"<p>{{ "a}}  b" }}</p>"#), None);
        assert_eq!(minify_template("<p>{{ x"), None);
    }

    #[test]
    fn a_tag_in_a_comment_is_not_minified() {
        assert_eq!(minify_template("<p>x</p><!-- {{ y }} -->"), None);
    }

    #[test]
    fn template_text_like_a_placeholder_is_not_minified() {
        assert_eq!(minify_template("<p>\u{E000}0 \u{E001}{{ y }}</p>"), None);
    }

    #[test]
    fn pages_are_minified() {
        assert_eq!(
            minify_page(b"<p class=\"a\">  one   two </p>\n<p>three</p>"),
            b"<p class=a>one two</p><p>three</p>"
        );
    }
}
