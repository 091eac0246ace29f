//! Every read and write of the file system goes through here, so every I/O error
//! names the path it concerns.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// An I/O failure on a named path.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot {action}: {source}", path.display())]
pub struct FsError {
    pub path: PathBuf,
    pub action: &'static str,
    #[source]
    pub source: io::Error,
}

impl FsError {
    pub fn new(path: &Path, action: &'static str, source: io::Error) -> Self {
        FsError {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

pub fn read_bytes(path: &Path) -> Result<Vec<u8>, FsError> {
    std::fs::read(path).map_err(|e| FsError::new(path, "read", e))
}

/// Writes through a temporary sibling and a rename, so a reader never sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// Like `write_atomically`, with `fill` writing the file (so a large file need not
/// be held in memory first).
pub fn write_atomically_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> Result<(), FsError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| FsError::new(parent, "create folder", e))?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".dossier-tmp");
    let temporary = PathBuf::from(temporary);
    std::fs::File::create(&temporary)
        .and_then(|mut file| fill(&mut file))
        .map_err(|e| FsError::new(&temporary, "write", e))?;
    std::fs::rename(&temporary, path).map_err(|e| FsError::new(path, "replace", e))
}

pub fn remove_file(path: &Path) -> Result<(), FsError> {
    std::fs::remove_file(path).map_err(|e| FsError::new(path, "remove", e))
}

/// Every file under `folder`, relative to it with `/` separators, sorted; none when
/// the folder does not exist.
pub fn files_under(folder: &Path) -> Vec<String> {
    let mut files: Vec<String> = WalkDir::new(folder)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_type().is_dir())
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(folder).ok()?;
            Some(relative.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    files.sort_unstable();
    files
}

/// Whether a symbolic link leads to a regular file inside `root`: only those are
/// read, so a link can never publish a file from elsewhere on the machine.
pub fn links_inside(link: &Path, root: &Path) -> bool {
    let (Ok(target), Ok(root)) = (std::fs::canonicalize(link), std::fs::canonicalize(root)) else {
        return false;
    };
    target.starts_with(root) && target.is_file()
}
