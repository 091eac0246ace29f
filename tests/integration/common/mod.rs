//! Test harness, in the style of mdBook's `BookTest`: a `TestSite` is a copy of the
//! repository's real `site.yaml` and `content/` in a fresh temporary folder, which a
//! test may modify and then build by running the real `dossier` binary. A `Build`
//! holds the exit status and output of that run, and reads the site it produced.
#![allow(
    clippy::expect_used,
    reason = "a harness helper fails the test on any I/O error, like the tests themselves"
)]

use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use tempfile::TempDir;

/// The ids of the seed articles (the file stems in `content/articles/`).
pub const SEED_ARTICLES: [&str; 5] = [
    YONHAP,
    "vietnam-reaffirms-strategic-partnership-with-us",
    "putin-arrives-in-vietnam-counterbalance",
    "putin-state-visit-faced-by-us-criticism",
    "putin-seeks-support-in-vietnam",
];

/// The Yonhap article, whose page carries the most web clutter.
pub const YONHAP: &str = "us-countermoves-bolstering-ties-with-vietnam";

/// A copy of the real site in a temporary folder.
pub struct TestSite {
    dir: TempDir,
}

impl TestSite {
    /// Copies the repository's `site.yaml` and `content/` into a new temporary folder.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml"))
            .expect("copy site.yaml");
        copy_dir(&repo.join("content"), &dir.path().join("content"));
        TestSite { dir }
    }

    /// A new site with this one's inputs (site.yaml, content/, templates/) and
    /// nothing else: no output, no cache.
    pub fn clean_copy(&self) -> Self {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        std::fs::copy(self.root().join("site.yaml"), dir.path().join("site.yaml"))
            .expect("copy site.yaml");
        for folder in ["content", "templates"] {
            if self.root().join(folder).is_dir() {
                copy_dir(&self.root().join(folder), &dir.path().join(folder));
            }
        }
        TestSite { dir }
    }

    /// The site folder (passed as `--root`).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `templates/base.html` as the default one with `<main>` replaced.
    pub fn write_base_template(&self, main: &str) -> &Self {
        let base = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html"),
        )
        .expect("read the default base template");
        self.write("templates/base.html", base.replace("<main>", main))
    }

    /// Writes (or overwrites) a file under the site folder, creating its folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, contents).expect("write a site file");
        self
    }

    /// Removes a file under the site folder.
    pub fn remove(&self, relative: &str) -> &Self {
        std::fs::remove_file(self.root().join(relative)).expect("remove a site file");
        self
    }

    /// Reads a file under the site folder.
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).expect("read a site file")
    }

    /// Builds into the default output folder, `public/` under the site folder.
    pub fn build(&self) -> Build {
        self.run(None)
    }

    /// Builds with `--output <output>`.
    pub fn build_into(&self, output: &Path) -> Build {
        self.run(Some(output))
    }

    /// Runs `dossier <args…> --root <site>`, writing nothing of its own.
    pub fn command(&self, args: &[&str]) -> Build {
        let result = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .expect("run dossier");
        Build {
            status: result.status,
            stdout: String::from_utf8_lossy(&result.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&result.stderr).into_owned(),
            output: self.root().join("public"),
        }
    }

    /// Copies a fixture article from `tests/fixtures/<folder>/articles/` into the site.
    pub fn add_fixture(&self, folder: &str, id: &str) -> &Self {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(folder)
            .join("articles")
            .join(format!("{id}.md"));
        let text = std::fs::read(&source).expect("read a fixture article");
        self.write(&format!("content/articles/{id}.md"), text)
    }

    fn run(&self, output: Option<&Path>) -> Build {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
        command.arg("--root").arg(self.root());
        if let Some(output) = output {
            command.arg("--output").arg(output);
        }
        let result = command.output().expect("run dossier");
        Build {
            status: result.status,
            stdout: String::from_utf8_lossy(&result.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&result.stderr).into_owned(),
            output: output.map_or_else(|| self.root().join("public"), Path::to_path_buf),
        }
    }
}

/// One run of the binary, and the output folder it was asked to write.
pub struct Build {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub output: PathBuf,
}

/// The counts in the summary line: "N files written, M unchanged, K removed".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

impl Build {
    /// Asserts that the build succeeded.
    pub fn success(self) -> Self {
        assert!(
            self.status.success(),
            "build failed ({})\nstdout:\n{}\nstderr:\n{}",
            self.status,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts that the build failed.
    pub fn failure(self) -> Self {
        assert!(
            !self.status.success(),
            "build should have failed\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts that stderr contains `text`.
    pub fn stderr_has(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    /// The file counts of the summary line on stdout.
    pub fn counts(&self) -> Counts {
        Counts {
            written: self.number_before(" files written,"),
            unchanged: self.number_before(" unchanged,"),
            removed: self.number_before(" removed in "),
        }
    }

    /// How many pages the summary says were rendered (a build that reused the cache).
    pub fn rendered(&self) -> usize {
        self.number_before(" pages rendered)")
    }

    /// The number just before the last `label` on stdout.
    fn number_before(&self, label: &str) -> usize {
        let at = self
            .stdout
            .rfind(label)
            .unwrap_or_else(|| panic!("no {label:?} in stdout:\n{}", self.stdout));
        self.stdout[..at]
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no number before {label:?} in:\n{}", self.stdout))
    }

    /// Whether the output has this file.
    pub fn has(&self, relative: &str) -> bool {
        self.output.join(relative).is_file()
    }

    /// A file of the output as text.
    pub fn page(&self, relative: &str) -> String {
        std::fs::read_to_string(self.output.join(relative))
            .unwrap_or_else(|e| panic!("read {relative} from the output: {e}"))
    }

    /// A page of the output, parsed.
    pub fn html(&self, relative: &str) -> Html {
        Html::parse_document(&self.page(relative))
    }

    /// `dossier.json`, parsed.
    pub fn data(&self) -> Value {
        serde_json::from_str(&self.page("dossier.json")).expect("dossier.json is JSON")
    }

    /// Every file of the output, relative, with `/` separators, sorted.
    pub fn files(&self) -> Vec<String> {
        snapshot(&self.output).into_keys().collect()
    }

    /// Every `.html` file of the output.
    pub fn html_pages(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect()
    }

    /// The output files that the `a[href]` links on `page` point at (no fragments).
    pub fn linked_files(&self, page: &str) -> BTreeSet<String> {
        self.html(page)
            .select(&selector("a[href]"))
            .filter_map(|a| a.value().attr("href"))
            .filter_map(|href| resolve(page, href).map(|(path, _)| path))
            .collect()
    }

    /// The article ids that `page` links to (pages under `articles/`).
    pub fn linked_articles(&self, page: &str) -> BTreeSet<String> {
        self.linked_files(page)
            .iter()
            .filter_map(|path| article_id(path))
            .collect()
    }
}

/// The article id of an output path: `articles/<id>.html` or `articles/<id>/index.html`.
pub fn article_id(path: &str) -> Option<String> {
    let rest = path.strip_prefix("articles/")?;
    let id = rest
        .strip_suffix("/index.html")
        .or_else(|| rest.strip_suffix(".html"))?;
    (!id.contains('/')).then(|| id.to_owned())
}

/// Where a relative link on `page` leads: the library's own resolution, which
/// `dossier check` uses too.
pub use dossier::check::resolve;

/// A CSS selector, which must be valid.
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// The ids of the elements of a page.
pub fn element_ids(html: &Html) -> BTreeSet<String> {
    html.select(&selector("[id]"))
        .filter_map(|e| e.value().attr("id"))
        .map(str::to_owned)
        .collect()
}

/// Every file under `dir` (relative, `/` separators) with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("read an output folder") {
            let path = entry.expect("read a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside the folder");
                let name = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.insert(name, std::fs::read(&path).expect("read an output file"));
            }
        }
    }
    files
}

/// The entry with this `id` in one of dossier.json's lists.
pub fn data_entry<'a>(data: &'a Value, list: &str, id: &str) -> &'a Value {
    data[list]
        .as_array()
        .unwrap_or_else(|| panic!("dossier.json has no {list} list"))
        .iter()
        .find(|entry| entry["id"] == id)
        .unwrap_or_else(|| panic!("dossier.json {list} has no {id}"))
}

/// A JSON array of strings as a set.
pub fn string_set(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("not a string: {v}"))
                .to_owned()
        })
        .collect()
}

/// A set of strings from literals.
pub fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder");
    for entry in std::fs::read_dir(from).expect("read a content folder") {
        let entry = entry.expect("read a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a content file");
        }
    }
}
