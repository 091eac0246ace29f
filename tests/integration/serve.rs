//! `dossier serve`: serves the built site, rebuilds on change, keeps the last good
//! site while a change breaks the build, and stops cleanly.
#![allow(
    clippy::expect_used,
    reason = "helpers fail the test on I/O errors, like the tests themselves"
)]

use crate::common::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn status(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/__dossier/status").1).expect("status is JSON")
}

/// Polls the status until `ready` holds, for up to 20 seconds.
fn wait_for(port: u16, ready: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let now = status(port);
        if ready(&now) {
            return now;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "gave up waiting: {now}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn start(site: &TestSite, port: u16) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dossier serve");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    while !line.contains("Serving on") {
        line.clear();
        assert!(
            out.read_line(&mut line).expect("read stdout") > 0,
            "serve exited early"
        );
    }
    (child, out)
}

#[test]
fn serves_rebuilds_keeps_the_last_good_site_and_stops_cleanly() {
    let site = TestSite::new();
    let port = free_port();
    let (mut child, mut out) = start(&site, port);

    let (code, index) = get(port, "/index.html");
    assert_eq!(code, 200);
    assert!(
        index.contains("/__dossier/status"),
        "the reload script is added when serving"
    );
    let published = site.read("public/index.html");
    assert!(
        !published.contains("__dossier"),
        "never in the published files"
    );
    assert_eq!(get(port, "/../site.yaml").0, 404);
    let first = wait_for(port, |s| s["version"] == 1);
    assert_eq!(first["errors"], serde_json::json!([]));

    site.write(
        "content/articles/served.md",
        "---\ntitle: Served\n---\nVladimir Putin arrived in Hanoi.\n",
    );
    wait_for(port, |s| s["version"] == 2);
    assert_eq!(get(port, "/articles/served.html").0, 200);

    let entity = site.read("content/entities/to-lam.md");
    site.write("content/entities/to-lam.md", "---\nname: [unclosed\n---\n");
    let broken = wait_for(port, |s| {
        s["errors"].as_array().is_some_and(|e| !e.is_empty())
    });
    assert_eq!(broken["version"], 2, "a failed build publishes nothing");
    assert!(
        broken["errors"][0]
            .as_str()
            .unwrap_or_default()
            .contains("to-lam.md")
    );
    assert_eq!(
        get(port, "/entities/to-lam.html").0,
        200,
        "the last good site is served"
    );

    site.write("content/entities/to-lam.md", entity);
    let fixed = wait_for(port, |s| s["version"] == 3);
    assert_eq!(fixed["errors"], serde_json::json!([]));

    let taken = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .output()
        .expect("run a second serve");
    assert!(!taken.status.success());
    assert!(
        String::from_utf8_lossy(&taken.stderr)
            .contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );

    // The shell's own `kill`, which every machine has.
    Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .expect("send Ctrl-C");
    let exit = child.wait().expect("serve stops");
    assert!(exit.success(), "Ctrl-C is a clean stop");
    let mut rest = String::new();
    out.read_to_string(&mut rest).expect("read the rest");
    assert!(rest.contains("Stopped."), "{rest}");
    let leftovers: Vec<_> = walkdir::WalkDir::new(site.root().join("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".dossier-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written files: {leftovers:?}");
}
