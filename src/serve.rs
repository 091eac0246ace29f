//! `dossier serve`: builds, serves the output on 127.0.0.1, rebuilds when the
//! content, the templates or `site.yaml` change, and reloads open pages. A build
//! that fails leaves the last good site in place (it never reaches `write`), and
//! its errors are shown in the terminal and over the page until a fix builds.
//!
//! Pages are served with a small script added before `</body>`: it polls
//! `/__dossier/status` and reloads when the site's version changes. Nothing is
//! fetched from the network, and the published site never contains the script.

use crate::build::{BuildError, BuildOptions, BuildSummary, Silent, build};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// What the terminal is told while serving.
pub enum ServeEvent<'a> {
    Listening { address: String },
    Built(&'a BuildSummary),
    Failed(&'a BuildError),
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "cannot listen on 127.0.0.1:{port}: {message}\n  hint: another program may be using the port; stop it or choose another with --port"
    )]
    Port { port: u16, message: String },
    #[error("cannot watch {path} for changes: {message}")]
    Watch { path: String, message: String },
}

/// The site as the browser sees it: a version that changes with each good build,
/// and the errors of the last build when it failed.
#[derive(Default)]
struct SiteState {
    version: u64,
    errors: Vec<String>,
}

const STATUS: &str = "/__dossier/status";
const RELOAD_SCRIPT: &str = include_str!("../templates/serve-reload.js");
/// Changes closer together than this are one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(200);
const POLL: Duration = Duration::from_millis(200);

/// Serves until `stop` is set (the binary sets it on Ctrl-C).
pub fn serve(
    options: &BuildOptions,
    port: u16,
    stop: &AtomicBool,
    report: &dyn Fn(ServeEvent<'_>),
) -> Result<(), ServeError> {
    let output = options.output_folder();
    let options = BuildOptions {
        root: options.root.clone(),
        output: Some(output.clone()),
        keep_going: false,
    };
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| ServeError::Port {
        port,
        message: e.to_string(),
    })?;
    let state = Arc::new(Mutex::new(SiteState::default()));
    rebuild(&options, &state, report);
    let (changes, changed) = mpsc::channel();
    let _watcher = watch(&options.root, changes)?;
    report(ServeEvent::Listening {
        address: format!("http://127.0.0.1:{port}/"),
    });
    std::thread::scope(|scope| {
        scope.spawn(|| answer(&server, &output, &state, stop));
        while !stop.load(Ordering::Relaxed) {
            if changed.recv_timeout(POLL).is_ok() {
                // Editors write in bursts: wait for quiet, then build once.
                while changed.recv_timeout(DEBOUNCE).is_ok() {}
                rebuild(&options, &state, report);
            }
        }
    });
    Ok(())
}

fn rebuild(options: &BuildOptions, state: &Mutex<SiteState>, report: &dyn Fn(ServeEvent<'_>)) {
    let result = build(options, &Silent);
    let mut site = state.lock().unwrap_or_else(PoisonError::into_inner);
    match &result {
        Ok(summary) => {
            site.version += 1;
            site.errors.clear();
            report(ServeEvent::Built(summary));
        }
        Err(error) => {
            site.errors = error.messages();
            report(ServeEvent::Failed(error));
        }
    }
}

/// Watches what a build reads: `content/`, `templates/` and `site.yaml`.
fn watch(root: &Path, changes: mpsc::Sender<()>) -> Result<notify::RecommendedWatcher, ServeError> {
    use notify::Watcher;
    let failed = |path: &Path, e: notify::Error| ServeError::Watch {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            // The receiver is gone only when serving has stopped.
            let _ = changes.send(());
        }
    })
    .map_err(|e| failed(root, e))?;
    for (name, mode) in [
        ("content", notify::RecursiveMode::Recursive),
        ("templates", notify::RecursiveMode::Recursive),
        ("site.yaml", notify::RecursiveMode::NonRecursive),
    ] {
        let path = root.join(name);
        if path.exists() {
            watcher.watch(&path, mode).map_err(|e| failed(&path, e))?;
        }
    }
    Ok(watcher)
}

/// Answers requests until `stop` is set.
fn answer(server: &tiny_http::Server, output: &Path, state: &Mutex<SiteState>, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(Some(request)) = server.recv_timeout(POLL) else {
            continue;
        };
        let response = respond(request.url(), output, state);
        // A browser that went away mid-answer is no concern of the server's.
        let _ = request.respond(response);
    }
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn respond(url: &str, output: &Path, state: &Mutex<SiteState>) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == STATUS {
        let site = state.lock().unwrap_or_else(PoisonError::into_inner);
        let body = serde_json::json!({ "version": site.version, "errors": site.errors });
        return with_type(body.to_string().into_bytes(), "application/json", 200);
    }
    let Some(file) = file_for(output, path) else {
        return with_type(b"not found".to_vec(), "text/plain; charset=utf-8", 404);
    };
    match std::fs::read(&file) {
        Ok(bytes) if file.extension().is_some_and(|e| e == "html") => {
            with_type(with_reload_script(bytes), "text/html; charset=utf-8", 200)
        }
        Ok(bytes) => with_type(bytes, content_type(&file), 200),
        Err(_) => with_type(b"not found".to_vec(), "text/plain; charset=utf-8", 404),
    }
}

/// The file a URL path names inside the output, `index.html` for a folder; `None`
/// for anything that would leave it.
fn file_for(output: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let file = output.join(relative);
    Some(if file.is_dir() {
        file.join("index.html")
    } else {
        file
    })
}

fn with_reload_script(html: Vec<u8>) -> Vec<u8> {
    let script = format!("<script>{RELOAD_SCRIPT}</script>");
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
}

fn with_type(body: Vec<u8>, content_type: &str, status: u16) -> Response {
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    for header in [
        format!("Content-Type: {content_type}"),
        "Cache-Control: no-store".to_owned(),
    ] {
        if let Ok(header) = header.parse::<tiny_http::Header>() {
            response.add_header(header);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_output() {
        let output = Path::new("/site/public");
        assert_eq!(file_for(output, "/../secret"), None);
        assert_eq!(file_for(output, "/a/../../b"), None);
        assert_eq!(
            file_for(output, "/entities/to-lam.html"),
            Some(PathBuf::from("/site/public/entities/to-lam.html"))
        );
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let html = String::from_utf8(with_reload_script(b"<body><p>x</p></body></html>".to_vec()))
            .unwrap_or_default();
        assert!(html.starts_with("<body><p>x</p><script>"), "{html}");
        assert!(html.ends_with("</script></body></html>"), "{html}");
    }
}
