//! Fingerprints of a site's inputs: every file under `content/` and `templates/`,
//! and `site.yaml`, each by the blake3 digest of its bytes.

use super::Digest;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Each input file's digest, by path relative to the root.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    pub files: BTreeMap<PathBuf, Digest>,
}

/// Fingerprints every input the loaders read, or `None` when one cannot be read or
/// is one the build refuses (the build then runs in full and reports it).
pub fn fingerprint(root: &Path) -> Option<Fingerprint> {
    // The content loader skips dotfiles and refuses links leading out of the site,
    // the content folder itself included; the template loader reads `.html` files
    // and `style.css`, links or not.
    let content = Path::new("content");
    if is_link(&root.join(content)) {
        return None;
    }
    let mut inputs: Vec<(PathBuf, bool)> = crate::fs::files_under(&root.join(content))
        .iter()
        .filter(|relative| !relative.split('/').any(|part| part.starts_with('.')))
        .map(|relative| (content.join(relative), true))
        .collect();
    let templates = Path::new("templates");
    let under = crate::fs::files_under(&root.join(templates));
    let read = |relative: &&String| relative.ends_with(".html") || *relative == "style.css";
    inputs.extend(
        under
            .iter()
            .filter(read)
            .map(|relative| (templates.join(relative), false)),
    );
    let config = Path::new("site.yaml");
    if root.join(config).is_file() {
        inputs.push((config.to_path_buf(), false));
    }
    let files = inputs
        .into_par_iter()
        .map(|(path, is_content)| {
            let digest = digest_file(root, &root.join(&path), is_content)?;
            Some((path, digest))
        })
        .collect::<Option<_>>()?;
    Some(Fingerprint { files })
}

impl Fingerprint {
    /// All inputs at once.
    pub fn all(&self) -> Digest {
        self.digest_of(|_| true)
    }

    /// What an article's analysis depends on besides the article: every input that
    /// is not an article (the catalog, the introduction, site.yaml).
    pub fn analysis_context(&self) -> Digest {
        self.digest_of(|path| !is_article(path) && !path.starts_with("templates"))
    }

    /// What a page depends on besides its view: the templates and site.yaml.
    pub fn render_context(&self) -> Digest {
        self.digest_of(|path| path.starts_with("templates") || path == Path::new("site.yaml"))
    }

    fn digest_of(&self, keep: impl Fn(&Path) -> bool) -> Digest {
        let mut hasher = blake3::Hasher::new();
        hasher.update(binary_identity().as_bytes());
        for (path, digest) in self.files.iter().filter(|(path, _)| keep(path)) {
            hasher.update(path.to_string_lossy().as_bytes());
            hasher.update(&[0]);
            hasher.update(digest);
        }
        *hasher.finalize().as_bytes()
    }
}

fn is_article(path: &Path) -> bool {
    path.starts_with("content/articles")
}

/// Says which binary made a cache: its version, and its size and modification time,
/// so that a rebuilt binary (whose analysis or pages may differ) trusts nothing an
/// older one saved.
pub fn binary_identity() -> &'static str {
    static IDENTITY: LazyLock<String> = LazyLock::new(|| {
        let stamp = std::env::current_exe()
            .ok()
            .and_then(|exe| super::stamp(&exe, None))
            .map(|s| format!("{}:{}.{}", s.len, s.modified.0, s.modified.1))
            .unwrap_or_default();
        format!("dossier {} {stamp}", env!("CARGO_PKG_VERSION"))
    });
    &IDENTITY
}

/// The digest of a file the build would read. What it would refuse (a content link
/// leading out of the site, a pipe or device, a file over the size limit) is never
/// opened here: a pipe would block, and a link could lead to a device of endless
/// bytes.
fn digest_file(root: &Path, path: &Path, is_content: bool) -> Option<Digest> {
    if is_content && is_link(path) && !crate::fs::links_inside(path, root) {
        return None;
    }
    crate::text::readable(path, path).ok()?;
    let bytes = std::fs::read(path).ok()?;
    Some(*blake3::hash(&bytes).as_bytes())
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}
