//! Publishing is all or nothing: the output folder is at every moment the previous
//! site or the new one, whole, even when a build is killed while it writes.

#![allow(
    clippy::expect_used,
    reason = "helpers fail the test on any I/O error, like the tests themselves"
)]

use crate::common::{TestSite, snapshot};
use std::process::Command;
use std::time::{Duration, Instant};

/// Kill delays spread over one build's duration, reproducibly.
fn delays(build: Duration, count: u32) -> Vec<Duration> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let fraction = (state >> 33) as f64 / (1u64 << 31) as f64;
            build.mul_f64(fraction * 1.2)
        })
        .collect()
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let site = TestSite::new();
    let old = snapshot(&site.build().success().output);
    site.add_fixture("styles", "wire-hanoi-talks");
    let text = site.read("site.yaml");
    site.write("site.yaml", text.replacen("title:", "title: Killed —", 1));
    let new = {
        let clean = site.clean_copy();
        snapshot(&clean.build().success().output)
    };
    assert_ne!(old, new, "the edit must change the site");

    // Time one full build of the edited site (no cache), to kill within it.
    let timing = site.clean_copy();
    let started = Instant::now();
    timing.build().success();
    let build = started.elapsed();

    let output = site.root().join("public");
    let mut outcomes = (0, 0);
    for delay in delays(build, 16) {
        // Each round starts from the old site and a cold cache, so every kill
        // lands in a full rebuild.
        std::fs::remove_dir_all(site.root().join(".dossier-cache")).ok();
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("--root")
            .arg(site.root())
            .spawn()
            .expect("start a build");
        std::thread::sleep(delay);
        child.kill().ok();
        child.wait().expect("wait for the build");
        let published = snapshot(&output);
        if published == old {
            outcomes.0 += 1;
        } else if published == new {
            outcomes.1 += 1;
            // Put the old site back for the next round.
            let previous = site.read("site.yaml");
            site.write("site.yaml", &text);
            site.remove("content/articles/wire-hanoi-talks.md");
            assert_eq!(snapshot(&site.build().success().output), old);
            site.write("site.yaml", previous);
            site.add_fixture("styles", "wire-hanoi-talks");
        } else {
            panic!("a build killed after {delay:?} left a mix of the two sites");
        }
    }
    // The next build cleans up after the killed ones and publishes the new site.
    assert_eq!(snapshot(&site.build().success().output), new);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .expect("read the site folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".dossier-staging") || name.contains(".dossier-previous"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    eprintln!(
        "kills that left the old site: {}, the new: {}",
        outcomes.0, outcomes.1
    );
}

#[test]
fn a_failed_build_leaves_no_staging_folder_and_the_site_untouched() {
    let site = TestSite::new();
    let before = snapshot(&site.build().success().output);
    site.write(
        "templates/entity.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.no_such_field }}{% endblock main %}",
    );
    site.add_fixture("styles", "wire-hanoi-talks");
    site.build().failure();
    assert_eq!(snapshot(&site.root().join("public")), before);
    assert!(!site.root().join(".public.dossier-staging").exists());
}
