//! One cache file: a blake3 checksum of the payload, then the payload, which is the
//! binary's identity followed by the value, in postcard.

use super::{Digest, Unusable};
use crate::fs::{self, FsError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

/// Bumped when the layout of anything cached changes.
const FORMAT: u32 = 4;

#[derive(Serialize)]
struct Stamped<'a, T> {
    format: u32,
    binary: String,
    value: &'a T,
}

#[derive(serde::Deserialize)]
struct Header {
    format: u32,
    binary: String,
}

/// Streams the value to the file (the analyses run to a hundred megabytes at 10,000
/// articles), then writes the checksum in front of it.
pub fn write<T: Serialize>(path: &Path, value: &T) -> Result<(), FsError> {
    let stamped = Stamped {
        format: FORMAT,
        binary: super::inputs::binary_identity().to_owned(),
        value,
    };
    fs::write_atomically_with(path, |file| {
        file.write_all(&[0; std::mem::size_of::<Digest>()])?;
        let payload = Checksummed {
            inner: BufWriter::new(&mut *file),
            checksum: blake3::Hasher::new(),
        };
        let mut payload = postcard::to_io(&stamped, payload).map_err(io::Error::other)?;
        payload.inner.flush()?;
        let checksum = payload.checksum.finalize();
        drop(payload);
        file.seek(SeekFrom::Start(0))?;
        file.write_all(checksum.as_bytes())
    })
}

/// A writer that hashes what it passes on.
struct Checksummed<W> {
    inner: W,
    checksum: blake3::Hasher,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.checksum.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

pub fn read<T: DeserializeOwned>(path: &Path) -> Result<T, Unusable> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unusable::Missing),
        Err(_) => return Err(Unusable::Corrupt),
    };
    let (checksum, payload) = bytes
        .split_at_checked(std::mem::size_of::<Digest>())
        .ok_or(Unusable::Corrupt)?;
    if blake3::hash(payload).as_bytes() != checksum {
        return Err(Unusable::Corrupt);
    }
    let (header, _) =
        postcard::take_from_bytes::<Header>(payload).map_err(|_| Unusable::Corrupt)?;
    if header.format != FORMAT || header.binary != super::inputs::binary_identity() {
        return Err(Unusable::Stale);
    }
    let (_, value): (Header, T) = postcard::from_bytes(payload).map_err(|_| Unusable::Corrupt)?;
    Ok(value)
}
