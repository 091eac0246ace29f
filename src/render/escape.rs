//! HTML escaping for every value a page shows: the five characters that can end a
//! text run or a quoted attribute value. Tera's own escaper also writes `/` as
//! `&#x2F;`, which no HTML context needs; it grew every link on a page by a
//! fifth, only for the minifier to decode it again.

/// `text` safe inside element content and inside a single- or double-quoted
/// attribute value.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        escaped.push_str(&rest[..at]);
        escaped.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    escaped.push_str(rest);
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escapes_what_ends_text_or_a_quoted_value() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom's & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn leaves_slashes_and_other_text_alone() {
        assert_eq!(
            escape_html("../entities/vietnam.html"),
            "../entities/vietnam.html"
        );
        assert_eq!(
            escape_html("Nguyễn Phú Trọng — ¶3"),
            "Nguyễn Phú Trọng — ¶3"
        );
        assert_eq!(escape_html(""), "");
    }
}
