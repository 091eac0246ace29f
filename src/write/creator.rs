//! The staging folder's files are created on one thread of its own, fed through a
//! bounded queue. Making a name in a folder is serial in the kernel (the folder's
//! lock): two threads creating the pages of one folder spent nearly half of a full
//! build's CPU spinning on that lock instead of rendering.

use crate::fs::FsError;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

/// Creations waiting at most, so memory stays bounded when the disk is slower than
/// rendering: 64 of the largest pages (an entity's, up to half a megabyte) hold
/// 32 MB, and the renderers then wait for the disk instead of piling pages up.
const QUEUE: usize = 64;

/// A name to make in the staging folder.
pub enum Creation {
    /// A new file with these bytes.
    File { path: PathBuf, bytes: Vec<u8> },
    /// A hard link to a published file (a copy where links are not supported).
    Link { from: PathBuf, to: PathBuf },
}

/// The thread that creates files, and the first error it stopped on.
pub struct Creator {
    queue: Option<SyncSender<Creation>>,
    thread: Option<JoinHandle<()>>,
    failure: Arc<Mutex<Option<FsError>>>,
}

impl Creator {
    pub fn start() -> Self {
        let (queue, creations) = sync_channel(QUEUE);
        let failure = Arc::new(Mutex::new(None));
        let recorded = Arc::clone(&failure);
        let thread = std::thread::spawn(move || {
            if let Err(error) = create_all(&creations) {
                *lock(&recorded) = Some(error);
            }
        });
        Creator {
            queue: Some(queue),
            thread: Some(thread),
            failure,
        }
    }

    /// Queues `creation`; fails if the creator stopped on an error.
    pub fn create(&self, creation: Creation) -> Result<(), FsError> {
        let sent = self.queue.as_ref().map(|queue| queue.send(creation));
        match sent {
            Some(Ok(())) => Ok(()),
            _ => Err(self.stopped_on()),
        }
    }

    /// Waits until everything queued is created.
    pub fn finish(&mut self) -> Result<(), FsError> {
        self.stop();
        match lock(&self.failure).take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Closes the queue and waits for the thread, which creates what was queued.
    pub fn stop(&mut self) {
        drop(self.queue.take());
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            lock(&self.failure).get_or_insert_with(|| {
                let panicked = std::io::Error::other("the thread creating files panicked");
                FsError::new(Path::new("."), "create files", panicked)
            });
        }
    }

    /// The error the creator stopped on, as told to every file queued after it.
    fn stopped_on(&self) -> FsError {
        let failure = lock(&self.failure);
        let (path, action, kind, message) = match failure.as_ref() {
            Some(error) => (
                error.path.as_path(),
                error.action,
                error.source.kind(),
                error.source.to_string(),
            ),
            None => (
                Path::new("."),
                "create files",
                std::io::ErrorKind::Other,
                "the thread creating files stopped".to_owned(),
            ),
        };
        FsError::new(path, action, std::io::Error::new(kind, message))
    }
}

impl Drop for Creator {
    fn drop(&mut self) {
        self.stop();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Creates each queued name in turn, making folders as needed; stops at the first
/// failure.
fn create_all(creations: &Receiver<Creation>) -> Result<(), FsError> {
    let mut folders = BTreeSet::new();
    for creation in creations {
        match creation {
            Creation::File { path, bytes } => {
                create_parent(&path, &mut folders)?;
                std::fs::write(&path, &bytes).map_err(|e| FsError::new(&path, "write", e))?;
            }
            Creation::Link { from, to } => {
                create_parent(&to, &mut folders)?;
                link_or_copy(&from, &to)?;
            }
        }
    }
    Ok(())
}

/// Makes the folder `path` goes in, once.
fn create_parent(path: &Path, made: &mut BTreeSet<PathBuf>) -> Result<(), FsError> {
    match path.parent() {
        Some(parent) if !made.contains(parent) => {
            super::create_parent(path)?;
            made.insert(parent.to_path_buf());
            Ok(())
        }
        _ => Ok(()),
    }
}

pub fn link_or_copy(from: &Path, to: &Path) -> Result<(), FsError> {
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to).map_err(|e| FsError::new(from, "copy", e))?;
    }
    Ok(())
}
