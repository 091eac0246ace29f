//! The pages that go beyond mentions, on built sites: quotations grouped by speaker,
//! the timeline, key figures, the slices on entity and theme pages, quotations
//! marked in article bodies, near-duplicates, and `dossier suggest`.

#![allow(
    clippy::expect_used,
    reason = "helpers fail the test on a missing link or anchor, like the tests themselves"
)]

use crate::common::{Build, TestSite, YONHAP, data_entry, element_ids, resolve, selector};
use chrono::Datelike;
use scraper::Html;
use serde_json::Value;

const SEEKS: &str = "putin-seeks-support-in-vietnam";
const WIRE: &str = "wire-hanoi-talks";
const SYNDICATED: &str = "wire-hanoi-talks-syndicated";

fn text_of(html: &Html, css: &str) -> Vec<String> {
    html.select(&selector(css))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Every `a.para` link on `page` leads to an element that exists.
fn paragraph_links_resolve(built: &Build, page: &str) {
    let html = built.html(page);
    let links: Vec<String> = html
        .select(&selector("a.para"))
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(!links.is_empty(), "{page} cites no paragraph");
    for href in links {
        let (target, fragment) = resolve(page, &href).expect("a relative link");
        let fragment = fragment.expect("a paragraph anchor");
        assert!(
            element_ids(&built.html(&target)).contains(&fragment),
            "{page}: {href} has no #{fragment}"
        );
    }
}

#[test]
fn quotes_page_groups_by_speaker_with_the_unattributed_last() {
    let site = TestSite::new();
    let built = site.build().success();
    let html = built.html("quotes.html");
    let groups = text_of(&html, "article section > h2");
    assert!(groups[0].starts_with("Vladimir Putin"), "{groups:?}");
    assert!(
        groups.iter().any(|g| g.starts_with("To Lam 3")),
        "{groups:?}"
    );
    assert!(
        groups
            .last()
            .is_some_and(|g| g.starts_with("Speaker not identified")),
        "{groups:?}"
    );
    let quotes = text_of(&html, "blockquote");
    assert_eq!(quotes.len(), 16, "{quotes:#?}");
    assert!(
        !quotes.iter().any(|q| q.contains("bamboo diplomacy")),
        "a scare quote is not a quotation"
    );
    paragraph_links_resolve(&built, "quotes.html");
}

#[test]
fn article_bodies_mark_quotations_with_their_speaker() {
    let site = TestSite::new();
    let built = site.build().success();
    let html = built.html(&format!("articles/{YONHAP}.html"));
    let marked: Vec<(String, String)> = html
        .select(&selector(".body span.quote"))
        .map(|span| {
            let title = span.value().attr("title").unwrap_or_default().to_owned();
            (title, span.text().collect::<String>())
        })
        .collect();
    assert_eq!(marked.len(), 2, "{marked:#?}");
    assert_eq!(marked[0].0, "Quoted: Vladimir Putin");
    assert!(
        marked[0].1.starts_with("Russia highly values dialogue"),
        "{marked:#?}"
    );
    // "He highlighted" follows "Lam declared": the pronoun is To Lam.
    assert_eq!(marked[1].0, "Quoted: To Lam");
    let seeks = built.html(&format!("articles/{SEEKS}.html"));
    let spanning: Vec<String> = seeks
        .select(&selector(".body span.quote"))
        .filter(|s| s.value().attr("title") == Some("Quoted: Vladimir Putin"))
        .map(|s| s.text().collect())
        .collect();
    assert!(
        spanning.iter().any(|t| t.starts_with("When I say warm"))
            && spanning.iter().any(|t| t.starts_with("I want to convey")),
        "a quotation over two paragraphs is marked in both: {spanning:#?}"
    );
}

#[test]
fn entity_pages_show_what_the_entity_said_and_its_timeline() {
    let site = TestSite::new();
    let built = site.build().success();
    let to_lam = built.html("entities/to-lam.html");
    let quotes = text_of(&to_lam, "ol.quotes blockquote");
    assert_eq!(quotes.len(), 3, "{quotes:#?}");
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("We want, together with Russia"))
    );
    paragraph_links_resolve(&built, "entities/to-lam.html");
    let putin = built.html("entities/vladimir-putin.html");
    let dates: Vec<String> = putin
        .select(&selector("ol.timeline time"))
        .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
        .collect();
    assert!(dates.contains(&"2017".to_owned()), "{dates:?}");
}

/// The entity links of the timeline entry dated `date` on `page`.
fn entry_entities(built: &Build, page: &str, date: &str) -> Vec<String> {
    let html = built.html(page);
    let entry = html
        .select(&selector("ol.timeline > li"))
        .find(|li| {
            li.select(&selector("time"))
                .any(|t| t.value().attr("datetime") == Some(date))
        })
        .unwrap_or_else(|| panic!("{page} has no entry dated {date}"));
    entry
        .select(&selector("p.entities a"))
        .map(|a| a.text().collect())
        .collect()
}

#[test]
fn a_timeline_entry_names_the_entities_of_the_statements_it_shows() {
    let site = TestSite::new();
    site.write(
        "content/articles/hanoi-signing.md",
        "---\ntitle: Signing in Hanoi\ndate: 2024-05-01\n---\nOn 3 May 2024, Vietnam will sign the accord in Hanoi.\n",
    );
    site.write(
        "content/articles/moscow-signing.md",
        "---\ntitle: Signing in Moscow\ndate: 2024-05-01\n---\nOn 3 May 2024, Russia will sign a trade deal in Moscow.\n",
    );
    let built = site.build().success();
    assert_eq!(
        entry_entities(&built, "timeline.html", "2024-05-03"),
        ["Hanoi", "Moscow", "Russia", "Vietnam"],
        "the timeline shows both statements, so all four"
    );
    assert_eq!(
        entry_entities(&built, "entities/hanoi.html", "2024-05-03"),
        ["Hanoi", "Vietnam"],
        "Hanoi's page shows only its own statement, so not Moscow's entities"
    );
}

#[test]
fn timeline_is_in_date_order_and_merges_one_event_across_sources() {
    let site = TestSite::new();
    let built = site.build().success();
    let html = built.html("timeline.html");
    let entries: Vec<(String, usize)> = html
        .select(&selector("ol.timeline > li"))
        .map(|li| {
            let date = li
                .select(&selector("time"))
                .next()
                .and_then(|t| t.value().attr("datetime"))
                .unwrap_or_default()
                .to_owned();
            (date, li.select(&selector("ul.sources > li")).count())
        })
        .collect();
    let dates: Vec<&str> = entries.iter().map(|(d, _)| d.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| d.trim_end_matches('s').to_owned());
    assert_eq!(dates, sorted, "in date order");
    // "since 2017" in two articles is one event citing both.
    assert!(entries.contains(&("2017".to_owned(), 2)), "{entries:?}");
    // Newsweek's three statements about Friday's talks, dated from its own date.
    assert!(
        entries.contains(&("2024-06-21".to_owned(), 3)),
        "{entries:?}"
    );
    assert!(
        !dates.contains(&"2024-06-27"),
        "no Thursday after the article's date"
    );
    paragraph_links_resolve(&built, "timeline.html");
    let unplaced = text_of(&html, "article > section h3");
    assert!(
        unplaced
            .iter()
            .any(|h| h.contains("content/articles/putin-arrives-in-vietnam-counterbalance.txt")),
        "undated articles' relative dates are listed with their file: {unplaced:?}"
    );
}

#[test]
fn sources_that_differ_on_a_figure_are_shown_side_by_side() {
    let site = TestSite::new();
    let built = site.build().success();
    let index = built.html("index.html");
    let comparisons = text_of(&index, "section.comparison");
    let agreements = comparisons
        .iter()
        .find(|c| c.starts_with("Agreement"))
        .expect("an agreements comparison");
    assert!(agreements.contains("11 agreements"), "{agreements}");
    assert!(
        agreements.contains("about a dozen agreements"),
        "{agreements}"
    );
    let figures = text_of(&built.html("figures.html"), "table.figures td.figure");
    assert_eq!(figures.len(), 15, "{figures:#?}");
    assert!(
        figures.contains(&"more than 80%".to_owned()),
        "{figures:#?}"
    );
    paragraph_links_resolve(&built, "figures.html");
    let trade = built.html("themes/trade-and-economy.html");
    let theme_figures = text_of(&trade, "table.figures td.figure");
    assert!(
        theme_figures.iter().any(|f| f.contains("$3.5 billion")),
        "{theme_figures:#?}"
    );
}

fn wire_site() -> TestSite {
    let site = TestSite::new();
    site.add_fixture("styles", WIRE);
    site
}

fn mentions(data: &Value, entity: &str) -> u64 {
    data_entry(data, "entities", entity)["mentions"]
        .as_u64()
        .unwrap_or_default()
}

#[test]
fn a_syndicated_copy_is_marked_and_counts_once() {
    let original = wire_site().build().success().data();
    let site = wire_site();
    site.add_fixture("styles", SYNDICATED);
    let built = site.build().success();
    let data = built.data();
    let copy = data_entry(&data, "articles", SYNDICATED);
    assert_eq!(copy["duplicate_of"]["original"], WIRE, "{copy:#}");
    assert!(data_entry(&data, "articles", WIRE)["duplicate_of"].is_null());
    for entity in ["vladimir-putin", "to-lam", "vietnam"] {
        assert_eq!(
            mentions(&data, entity),
            mentions(&original, entity),
            "{entity}"
        );
    }
    let page = built.page(&format!("articles/{SYNDICATED}.html"));
    assert!(page.contains("This article repeats"), "the copy says so");
    let quotes = text_of(&built.html("quotes.html"), "blockquote");
    let wire_quotes = text_of(
        &wire_site().build().success().html("quotes.html"),
        "blockquote",
    );
    assert_eq!(
        quotes, wire_quotes,
        "the copy's quotations are not listed again"
    );
    let related = &data_entry(&data, "articles", WIRE)["related"];
    assert!(
        !related
            .as_array()
            .is_some_and(|r| r.iter().any(|id| id == SYNDICATED)),
        "a copy is not a related article: {related}"
    );
}

#[test]
fn suggest_lists_unknown_names_with_a_starter_file() {
    let site = TestSite::new();
    site.add_fixture("styles", "vietnam-outlet-english");
    site.add_fixture("styles", WIRE);
    let suggested = site.command(&["suggest"]).success();
    assert!(
        !site.root().join("public").exists(),
        "suggest writes nothing"
    );
    let built = site.build().success();
    assert!(
        built
            .stdout
            .contains("not in the catalog: `dossier suggest` lists them"),
        "{}",
        built.stdout
    );
    let out = &suggested.stdout;
    let first = out
        .lines()
        .find(|l| l.starts_with("1. "))
        .unwrap_or_default();
    assert!(
        first.starts_with("1. Vietnam Chamber of Commerce and Industry — 2 mentions in 2 articles"),
        "the name in most articles comes first:\n{out}"
    );
    assert!(
        out.contains("content/entities/vietnam-chamber-of-commerce-and-industry.md:"),
        "{out}"
    );
    assert!(
        out.contains("| name: Vietnam Chamber of Commerce and Industry\n   | kind: organisation"),
        "{out}"
    );
    assert!(
        !out.contains("1. To Lam") && !out.contains(". Vladimir Putin"),
        "catalog names are not suggested"
    );
}

#[test]
fn speakers_are_left_open_when_the_text_does_not_settle_them() {
    let site = TestSite::new();
    site.write(
        "content/articles/open-speakers.md",
        "---\ntitle: Open speakers\ndate: 2024-06-21\n---\n\
         \"We agree on everything that matters here,\" Putin said.\n\n\
         \"We do not agree with any of that,\" she said.\n\n\
         \"Trade will double within five years,\" said He Lifeng.\n\n\
         Matthew Miller spoke in Washington. \"Nothing has changed in our view,\" said the spokesman for the Kremlin.\n",
    );
    let data = site.build().success().data();
    let quotes = data_entry(&data, "articles", "open-speakers")["quotes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let speakers: Vec<(String, Value)> = quotes
        .iter()
        .map(|q| {
            let words: String = q["text"]
                .as_str()
                .unwrap_or_default()
                .chars()
                .take(12)
                .collect();
            (words, q["speaker"].clone())
        })
        .collect();
    assert_eq!(
        speakers,
        [
            ("We agree on ".to_owned(), Value::from("vladimir-putin")),
            // Putin is "he" in the catalog.
            ("We do not ag".to_owned(), Value::Null),
            // "He Lifeng" is a name, not a pronoun.
            ("Trade will d".to_owned(), Value::Null),
            // Miller is a spokesperson, but not the Kremlin's.
            ("Nothing has ".to_owned(), Value::Null),
        ]
    );
}

#[test]
fn an_unknown_pronoun_is_an_error_naming_the_line() {
    let site = TestSite::new();
    site.write(
        "content/entities/he-lifeng.md",
        "---\nname: He Lifeng\nkind: person\npronoun: it\n---\nChina's vice premier.\n",
    );
    site.build()
        .failure()
        .stderr_has("content/entities/he-lifeng.md:4:10: unknown pronoun `it`")
        .stderr_has("use one of: he, she, they");
}

#[test]
fn a_widely_mentioned_entity_shows_the_first_articles_in_context_and_links_the_rest() {
    let site = TestSite::new();
    for n in 0..70 {
        let mentions = "Tran Hong Ha visited the port. ".repeat(1 + n % 9);
        site.write(
            &format!("content/articles/visit-{n:02}.md"),
            format!(
                "---\ntitle: Visit {n}\ndate: 2024-06-{:02}\n---\n\nIntro {n}.\n\n{mentions}\n",
                1 + n % 28
            ),
        );
    }
    let built = site.build().success();
    let page = "entities/tran-hong-ha.html";
    let html = built.html(page);
    let in_context = html.select(&selector("ol.occurrences > li")).count();
    let listed: Vec<String> = html
        .select(&selector("ol.occurrence-rows > li > a"))
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    let total = data_entry(&built.data(), "entities", "tran-hong-ha")["articles"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(
        total > 70,
        "the seeds and the 70 visits mention him: {total}"
    );
    assert_eq!(in_context, 50, "the first 50 articles are shown in context");
    assert_eq!(listed.len(), total - 50, "the other articles are listed");
    for href in &listed {
        let (target, fragment) = resolve(page, href).expect("a relative link");
        assert!(target.starts_with("articles/"), "{href}");
        if target.starts_with("articles/visit-") {
            assert_eq!(
                fragment.as_deref(),
                Some("p2"),
                "{href} cites the first mention"
            );
        }
    }
    let notes = text_of(&html, "ol.occurrences p.note");
    assert!(
        notes.iter().any(|n| n == "and 3 more in this article"),
        "nine mentions show six snippets and say how many more: {notes:?}"
    );
}

/// An article that dates one statement on each of `days` days from 1 January 2021.
fn chronicle(days: usize) -> String {
    let mut text = String::from("---\ntitle: A chronicle\ndate: 2023-01-01\n---\n");
    let first = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).expect("a date");
    for day in first.iter_days().take(days) {
        text.push_str(&format!(
            "On {}, the harbour office logged ship number {}.\n\n",
            day.format("%-d %B %Y"),
            day.ordinal()
        ));
    }
    text
}

#[test]
fn a_long_timeline_is_cut_into_parts_by_month() {
    let site = TestSite::new();
    site.write("content/articles/chronicle.md", chronicle(600));
    let built = site.build().success();
    let overview = built.html("timeline.html");
    assert_eq!(
        overview.select(&selector("ol.timeline > li")).count(),
        0,
        "the overview lists parts, not entries"
    );
    let parts: Vec<(String, String, usize)> = overview
        .select(&selector("ol.contents > li"))
        .map(|li| {
            let a = li
                .select(&selector("a"))
                .next()
                .expect("a link to the part");
            let href = a.value().attr("href").expect("href").to_owned();
            let count = text_of(&Html::parse_fragment(&li.html()), ".count")[0]
                .parse()
                .expect("an entry count");
            (a.text().collect(), href, count)
        })
        .collect();
    // 600 days from January 2021 run to August 2022; the seeds add their own periods.
    let labels: Vec<&str> = parts.iter().map(|(label, _, _)| label.as_str()).collect();
    assert!(labels.contains(&"January 2021"), "{labels:?}");
    assert!(labels.contains(&"August 2022"), "{labels:?}");
    let mut all_dates = Vec::new();
    for (label, href, count) in &parts {
        let (page, _) = resolve("timeline.html", href).expect("a relative link");
        let html = built.html(&page);
        let dates: Vec<String> = html
            .select(&selector("ol.timeline > li time"))
            .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
            .collect();
        assert_eq!(dates.len(), *count, "{label}: the overview's count");
        if label == "March 2021" {
            assert_eq!(page, "timeline/2021-03.html");
            assert_eq!(dates.len(), 31);
            assert!(dates.iter().all(|d| d.starts_with("2021-03")), "{dates:?}");
            paragraph_links_resolve(&built, &page);
        }
        all_dates.extend(dates);
    }
    let mut sorted = all_dates.clone();
    sorted.sort_by_key(|d| d.trim_end_matches('s').to_owned());
    assert_eq!(all_dates, sorted, "the parts in date order");
    assert!(all_dates.len() > 600, "every day, and the seeds' dates");
    // "Later" links walk the parts in the overview's order.
    let mut page = resolve("timeline.html", &parts[0].1).expect("a link").0;
    for (_, href, _) in &parts[1..] {
        let next = built
            .html(&page)
            .select(&selector("nav.pager a[rel=next]"))
            .next()
            .and_then(|a| a.value().attr("href").map(str::to_owned))
            .expect("a link to the next part");
        page = resolve(&page, &next).expect("a relative link").0;
        assert_eq!(page, resolve("timeline.html", href).expect("a link").0);
    }
}

#[test]
fn the_front_page_lists_the_latest_articles_and_links_them_all() {
    let site = TestSite::new();
    for day in 1..=110 {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
            .expect("a date")
            .checked_add_days(chrono::Days::new(day))
            .expect("a later date");
        site.write(
            &format!("content/articles/bulletin-{day:03}.md"),
            format!("---\ntitle: Bulletin {day}\ndate: {date}\n---\nThe harbour reopened.\n"),
        );
    }
    let built = site.build().success();
    let index = built.html("index.html");
    let listed = text_of(&index, "ol.articles > li > a");
    assert_eq!(listed.len(), 100, "the latest hundred");
    assert_eq!(listed[0], "Bulletin 110", "latest first");
    assert_eq!(listed[99], "Bulletin 11");
    let all = text_of(&index, "section > p > a[href='sources.html']");
    assert_eq!(all, ["All 115 articles, by source"]);
    assert_eq!(built.linked_articles("sources.html").len(), 115);
}

#[test]
fn a_long_sources_list_is_cut_into_pages_by_outlet() {
    let site = TestSite::new();
    // 510 from one outlet (two parts), 20 from an outlet whose name makes the same
    // slug, so 535 with the seeds: more than one page holds.
    let outlets = [("Harbour Gazette", 510), ("Harbour gazette!", 20)];
    for (outlet, count) in outlets {
        for n in 0..count {
            let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1)
                .expect("a date")
                .checked_add_days(chrono::Days::new(n))
                .expect("a later date");
            site.write(
                &format!("content/articles/{}-{n:03}.md", outlet.len()),
                format!("---\ntitle: {outlet} {n}\ndate: {date}\noutlet: {outlet}\n---\nThe harbour reopened.\n"),
            );
        }
    }
    let built = site.build().success();
    let overview = built.html("sources.html");
    assert_eq!(overview.select(&selector("ol.articles")).count(), 0);
    let outlets: Vec<(String, String)> = overview
        .select(&selector("ol.contents > li > a"))
        .map(|a| {
            let href = a.value().attr("href").expect("href").to_owned();
            (
                a.text().collect(),
                resolve("sources.html", &href).expect("a link").0,
            )
        })
        .collect();
    let gazette = (
        "Harbour Gazette".to_owned(),
        "sources/harbour-gazette.html".to_owned(),
    );
    let twin = (
        "Harbour gazette!".to_owned(),
        "sources/harbour-gazette-2.html".to_owned(),
    );
    assert!(outlets.contains(&gazette), "{outlets:?}");
    assert!(outlets.contains(&twin), "{outlets:?}");
    // Walk every part from the first by its "next" links: each article once.
    let mut page = outlets[0].1.clone();
    let mut seen: Vec<String> = Vec::new();
    let mut pages = vec![page.clone()];
    loop {
        seen.extend(built.linked_articles(&page));
        let html = built.html(&page);
        let next = html
            .select(&selector("nav.pager a[rel=next]"))
            .next()
            .and_then(|a| a.value().attr("href").map(str::to_owned));
        let Some(next) = next else { break };
        page = resolve(&page, &next).expect("a relative link").0;
        pages.push(page.clone());
    }
    assert!(
        pages.contains(&"sources/harbour-gazette-part-2.html".to_owned()),
        "{pages:?}"
    );
    let unique: std::collections::BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no article on two pages");
    assert_eq!(seen.len(), 535, "every article on some page");
    let first = text_of(
        &built.html("sources/harbour-gazette.html"),
        "ol.articles > li > a",
    );
    assert_eq!(first.len(), 500);
    assert_eq!(first[0], "Harbour Gazette 509", "newest first");
}
