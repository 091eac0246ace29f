//! Replacing the output folder with the staged site in one step.

use crate::fs::FsError;
use std::path::Path;

/// Makes `staging` the output folder; the old output, if any, ends up at `previous`.
/// On Linux the two folders are exchanged by one atomic rename (`RENAME_EXCHANGE`),
/// so a reader or a kill never finds the output folder missing or mixed; elsewhere,
/// or on file systems without it, two renames follow each other.
pub fn replace(staging: &Path, output: &Path, previous: &Path) -> Result<(), FsError> {
    if !output.exists() {
        return rename(staging, output);
    }
    if exchange(staging, output) {
        return rename(staging, previous);
    }
    rename(output, previous)?;
    rename(staging, output)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

fn rename(from: &Path, to: &Path) -> Result<(), FsError> {
    std::fs::rename(from, to).map_err(|e| FsError::new(to, "move a folder into place", e))
}
