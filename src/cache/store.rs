//! One cache file: a blake3 checksum of the payload, then the payload, which is the
//! binary's identity followed by the value, in postcard.

use super::{Digest, Unusable};
use crate::fs::{self, FsError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Bumped when the layout of anything cached changes.
const FORMAT: u32 = 1;

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

pub fn write<T: Serialize>(path: &Path, value: &T) -> Result<(), FsError> {
    let stamped = Stamped {
        format: FORMAT,
        binary: super::inputs::binary_identity().to_owned(),
        value,
    };
    let payload = postcard::to_stdvec(&stamped)
        .map_err(|e| FsError::new(path, "encode", std::io::Error::other(e.to_string())))?;
    let mut bytes = blake3::hash(&payload).as_bytes().to_vec();
    bytes.extend_from_slice(&payload);
    fs::write_atomically(path, &bytes)
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
