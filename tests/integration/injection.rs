//! No input can put markup or script into the site. Every form of the OWASP XSS
//! filter-evasion cheat sheet we could express in a text file (tests/fixtures/xss/)
//! goes into titles, bylines, outlets, source URLs, Markdown and scraped bodies,
//! quotations, entity names, aliases and roles, theme names and keywords, the
//! introduction and site.yaml. The built pages must hold no script, no event
//! handler, no script-bearing URL and no embedding element; the vectors must
//! still be there as text, and `dossier.json` must hold them unchanged. Then every
//! page is loaded in headless Chromium: none may open a dialog, throw, or log an
//! error.

#![allow(
    clippy::expect_used,
    reason = "helpers fail the test on any I/O error, like the tests themselves"
)]

use crate::common::{TestSite, data_entry};
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions};
use scraper::ElementRef;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn vectors() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xss/vectors.txt");
    std::fs::read_to_string(path)
        .expect("read the vectors")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// A YAML scalar holding `text` exactly (JSON strings are YAML).
fn yaml(text: &str) -> String {
    serde_json::to_string(text).expect("encode a string")
}

fn hostile_site(vectors: &[String]) -> TestSite {
    let site = TestSite::new();
    for (index, vector) in vectors.iter().enumerate() {
        let front = format!(
            "---\ntitle: {v}\nauthor: {v}\noutlet: {v}\nurl: {url}\ndate: 2024-06-{day:02}\n---\n\n",
            v = yaml(vector),
            url = yaml(&match index % 4 {
                0 | 2 => "javascript:alert(1)".to_owned(),
                1 => vector.clone(),
                // A web address, so linked: the vector must stay inside its attribute.
                _ => format!("https://example.org/{vector}"),
            }),
            day = 1 + index % 28,
        );
        let body = format!(
            "Vladimir Putin met officials about trade. {vector}\n\n{vector}\n\n> {vector}\n\n\"{vector} is what we want,\" Putin said on 19 June 2024.\n\n## {vector}\n"
        );
        site.write(
            &format!("content/articles/xss-{index:02}.md"),
            front + &body,
        );
        site.write(
            &format!("content/articles/xss-scraped-{index:02}.txt"),
            format!(
                "{vector}\n\nBy {vector}\n\nJune 20, 2024\n\nTo Lam said trade between the two countries grew strongly over the past year, officials in Hanoi told reporters on Thursday. {vector} The talks continued into the evening, and both sides promised to meet again before the end of the year.\n\nThe ministers also discussed energy projects and the training of engineers, a spokesman said after the meeting.\n"
            ),
        );
    }
    site.write(
        "content/entities/xss-entity.md",
        format!(
            "---\nname: {}\nkind: organisation\naliases:\n  - {}\n  - Evil Corp\nrole: {}\n---\n\n{}\n",
            yaml("<script>alert(1)</script> Corp"),
            yaml("<img src=x onerror=alert(1)>"),
            yaml(&vectors[5]),
            vectors.join("\n\n"),
        ),
    );
    site.write(
        "content/themes/xss-theme.md",
        format!(
            "---\nname: {}\nkeywords:\n  - {}\n  - trade grew\n---\n\n{}\n",
            yaml("<svg onload=alert(1)> trade"),
            yaml("<svg/onload=alert('XSS')>"),
            vectors.join("\n\n"),
        ),
    );
    site.write(
        "content/_index.md",
        format!(
            "---\ntitle: {}\ndescription: {}\n---\n\n{}\n",
            yaml(&vectors[0]),
            yaml(&vectors[25]),
            vectors.join("\n\n")
        ),
    );
    site.write(
        "site.yaml",
        format!(
            "title: {}\ndescription: {}\n",
            yaml(&vectors[14]),
            yaml(&vectors[25])
        ),
    );
    site
}

const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "object", "embed", "base", "form", "input", "button", "style", "svg",
    "math", "frame", "frameset", "applet", "video", "audio", "img",
];
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "background",
    "data",
    "xlink:href",
    "poster",
];

/// Why an element could run script or load something, if it could.
fn danger(element: ElementRef<'_>) -> Option<String> {
    let value = element.value();
    let name = value.name();
    if FORBIDDEN_ELEMENTS.contains(&name) {
        return Some(format!("a <{name}> element"));
    }
    if name == "meta" && value.attr("http-equiv").is_some() {
        return Some("a <meta http-equiv>".to_owned());
    }
    if name == "link"
        && value.attr("rel") != Some("stylesheet")
        && value.attr("rel") != Some("canonical")
    {
        return Some("a <link> that is not the stylesheet".to_owned());
    }
    for (attribute, content) in value.attrs() {
        let attribute = attribute.to_ascii_lowercase();
        if attribute.starts_with("on") {
            return Some(format!("an event handler {attribute}"));
        }
        if attribute == "style" {
            return Some("an inline style".to_owned());
        }
        if URL_ATTRIBUTES.contains(&attribute.as_str()) {
            let squeezed: String = content
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                if squeezed.starts_with(scheme) {
                    return Some(format!("{attribute}=\"{content}\""));
                }
            }
        }
    }
    None
}

#[test]
fn no_input_puts_markup_or_script_into_any_page() {
    let vectors = vectors();
    assert!(vectors.len() >= 40, "the corpus is complete");
    let site = hostile_site(&vectors);
    let built = site.build().success();
    let pages = built.html_pages();
    assert!(pages.len() > 170, "{} pages", pages.len());
    let hostile_links = pages
        .iter()
        .filter(|page| built.page(page).contains("href=\"https://example.org/"))
        .count();
    assert!(
        hostile_links >= 3,
        "web addresses holding a vector are linked: {hostile_links}"
    );
    let mut problems = Vec::new();
    for page in &pages {
        let html = built.html(page);
        for element in html
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            if let Some(why) = danger(element) {
                problems.push(format!("{page}: {why}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_vectors_are_shown_as_text_and_kept_as_data() {
    let vectors = vectors();
    let site = hostile_site(&vectors);
    let built = site.build().success();
    let data = built.data();
    for (index, vector) in vectors.iter().enumerate() {
        let id = format!("xss-{index:02}");
        let article = data_entry(&data, "articles", &id);
        assert_eq!(
            article["title"],
            vector.as_str(),
            "{id}: dossier.json keeps the title"
        );
        let page = built.html(&format!("articles/{id}.html"));
        let heading: String = page
            .select(&crate::common::selector("h1"))
            .flat_map(|h| h.text())
            .collect();
        assert_eq!(heading, *vector, "{id}: the title is shown as text");
    }
    built.stderr_has("content/articles/xss-00.md:5:6: `url` is not a web address (http:// or https://), so the page does not link it");
    let index = built.page("index.html");
    assert!(
        index.contains("{{ site.title }}"),
        "template syntax in content stays text"
    );
}

/// The Chromium the browser test drives: `CHROMIUM`, or Debian's package.
fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.is_file(),
        "{} not found: install Chromium (Debian: `apt-get install chromium`) or set CHROMIUM to its path",
        path.display()
    );
    path
}

/// One tab that records what each page it loads does that a page of dossier's
/// must never do: open a dialog, throw, write to the console or log an error.
struct WatchedTab {
    tab: Arc<headless_chrome::Tab>,
    seen: Arc<Mutex<Vec<String>>>,
}

impl WatchedTab {
    fn open(browser: &Browser) -> Self {
        let tab = browser.new_tab().expect("open a tab");
        tab.set_default_timeout(Duration::from_secs(20));
        tab.enable_runtime().expect("listen to the runtime");
        tab.enable_log().expect("listen to the log");
        let seen: Arc<Mutex<Vec<String>>> = Arc::default();
        let dialog = tab.get_dialog();
        let record = Arc::clone(&seen);
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let problem = match event {
                Event::PageJavascriptDialogOpening(opening) => {
                    // Dismissed, or the page would wait for it for ever.
                    let _ = dialog.dismiss();
                    Some(format!("dialog: {:?}", opening.params.message))
                }
                Event::RuntimeExceptionThrown(thrown) => Some(format!(
                    "exception: {}",
                    thrown.params.exception_details.text
                )),
                Event::RuntimeConsoleAPICalled(call) => {
                    Some(format!("console.{:?}", call.params.Type))
                }
                Event::LogEntryAdded(entry) => Some(format!("log: {}", entry.params.entry.text)),
                _ => None,
            };
            if let Some(problem) = problem {
                record.lock().expect("the problem list").push(problem);
            }
        }))
        .expect("listen to the page");
        WatchedTab { tab, seen }
    }

    /// Loads `page` and returns what it did. Waits for the document's load event
    /// rather than for the network to go idle, which Chromium signals only after
    /// half a second of quiet.
    fn load(&self, page: &Path) -> Vec<String> {
        let url = format!("file://{}", page.display());
        self.tab.navigate_to(&url).expect("load the page");
        let loaded = format!(
            "document.URL === {} && document.readyState === 'complete'",
            serde_json::to_string(&url).expect("encode the URL")
        );
        let started = std::time::Instant::now();
        while self
            .tab
            .evaluate(&loaded, false)
            .expect("ask the page")
            .value
            != Some(serde_json::Value::Bool(true))
        {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{url} never loaded"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        std::mem::take(&mut *self.seen.lock().expect("the problem list"))
    }
}

#[test]
fn no_page_runs_script_in_a_browser() {
    if std::env::var_os("DOSSIER_SKIP_BROWSER").is_some() {
        return;
    }
    let site = hostile_site(&vectors());
    let built = site.build().success();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium()))
        .sandbox(false)
        .args(vec![
            std::ffi::OsStr::new("--disable-background-networking"),
            std::ffi::OsStr::new("--disable-component-update"),
            std::ffi::OsStr::new("--no-first-run"),
        ])
        .build()
        .expect("browser options");
    let browser = Browser::new(options).expect("start Chromium");
    let tab = WatchedTab::open(&browser);

    // The harness must see script run: a page of its own that does.
    let control = built.output.join("control.html");
    std::fs::write(
        &control,
        "<!doctype html><p>control</p><script>alert(1)</script>",
    )
    .expect("write the control page");
    let caught = tab.load(&control);
    assert!(
        caught.iter().any(|problem| problem.starts_with("dialog")),
        "the control page's alert was not seen: {caught:?}"
    );
    std::fs::remove_file(&control).expect("remove the control page");

    let pages = built.html_pages();
    assert!(pages.len() > 170, "{} pages", pages.len());
    let problems: Vec<String> = pages
        .iter()
        .flat_map(|page| {
            tab.load(&built.output.join(page))
                .into_iter()
                .map(move |problem| format!("{page}: {problem}"))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
