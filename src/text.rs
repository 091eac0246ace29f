//! From an input file's bytes to its text, for content, templates and site.yaml alike.
//! Scraped articles arrive in every encoding the web has used, so: a byte-order mark
//! is honoured and dropped; a file with no valid UTF-8 beyond ASCII is decoded in
//! the legacy encoding chardetng detects (with a warning, since the guess may be
//! wrong); a file that is UTF-8 but for some bytes is an error at the first bad byte
//! (decoding it as something else would garble the rest), with or without a BOM;
//! line endings become `\n`. Binary, empty and oversized files are errors, and so is
//! anything that is not a regular file (a pipe would block the build for ever).

use crate::diagnostic::Location;
use crate::fs::FsError;
use std::path::Path;

/// Files larger than this are refused: no article is this long, and reading one
/// would cost the build its memory.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Why a file's text cannot be had.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error("{location}: {message}\n  hint: {hint}")]
    Invalid {
        location: Location,
        message: String,
        hint: String,
    },
}

impl TextError {
    pub fn location(&self) -> Location {
        match self {
            TextError::Fs(error) => Location::file(&error.path),
            TextError::Invalid { location, .. } => location.clone(),
        }
    }
}

/// A file's text, and a warning when its encoding had to be guessed.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
    /// blake3 of the bytes decoded: tells the file as read from the file as it is
    /// on disk later.
    pub digest: [u8; 32],
}

/// Reads and decodes the file at `path` (named `shown` in messages), refusing what
/// is not a regular file or is too large to be an article before reading a byte.
pub fn read(path: &Path, shown: &Path) -> Result<Decoded, TextError> {
    readable(path, shown)?;
    decode(&crate::fs::read_bytes(path)?, shown)
}

/// Reads a file written by hand for dossier (site.yaml, a template): like `read`, but a file in
/// a legacy encoding is an error, since there is no warning channel at that stage
/// and a guessed title would be published wrong, and an empty file is empty text.
pub fn read_utf8(path: &Path, shown: &Path) -> Result<String, TextError> {
    readable(path, shown)?;
    let bytes = crate::fs::read_bytes(path)?;
    // An empty settings file is not damage: its parser says which keys it needs.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(String::new());
    }
    let decoded = decode(&bytes, shown)?;
    match decoded.warning {
        None => Ok(decoded.text),
        Some(_) => Err(invalid(
            Location::file(shown),
            "the file is not UTF-8",
            "save it as UTF-8 (every editor offers it under \"Save as\" or \"Encoding\")",
        )),
    }
}

/// Checks, from the file's metadata alone, that it is a regular file dossier will
/// read: not a pipe, socket or device, and not over `MAX_FILE_BYTES`.
pub fn readable(path: &Path, shown: &Path) -> Result<(), TextError> {
    let metadata = std::fs::metadata(path).map_err(|e| FsError::new(path, "read", e))?;
    if !metadata.is_file() {
        return Err(invalid(
            Location::file(shown),
            "this is not a regular file (a pipe, socket or device)",
            "dossier reads regular text files only: remove this entry",
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(invalid(
            Location::file(shown),
            &format!(
                "the file is {} bytes, over the limit of {} MB ({MAX_FILE_BYTES} bytes)",
                metadata.len(),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "no article, template or settings file is this long: split it, or move it out of the site folder",
        ));
    }
    Ok(())
}

pub fn decode(bytes: &[u8], shown: &Path) -> Result<Decoded, TextError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(
            Location::file(shown),
            "the file is empty",
            "write its text (an article, an entity's profile, a theme's overview), or delete it",
        ));
    }
    if looks_binary(bytes) {
        return Err(invalid(
            Location::file(shown),
            "this is not a text file (it holds NUL bytes)",
            "dossier reads text files only: save it as text, or move it out of the site folder",
        ));
    }
    let (text, warning) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (with_bom(encoding, &bytes[bom..], shown)?, None),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => (text.into(), None),
            Err(_) if has_utf8_beyond_ascii(bytes) => return Err(bad_utf8(bytes, shown)),
            Err(_) => {
                let encoding = legacy_encoding(bytes);
                let warning = format!(
                    "{}: not UTF-8; read as {} (detected). If the text looks wrong, save the file as UTF-8",
                    shown.display(),
                    encoding.name()
                );
                (encoding.decode_without_bom_handling(bytes).0, Some(warning))
            }
        },
    };
    Ok(Decoded {
        text: normalise_line_endings(&text),
        warning,
        digest: *blake3::hash(bytes).as_bytes(),
    })
}

/// Decodes the bytes after a byte-order mark strictly: the mark says what the file
/// is, so a byte that does not fit is damage, never to be replaced silently.
fn with_bom<'b>(
    encoding: &'static encoding_rs::Encoding,
    bytes: &'b [u8],
    shown: &Path,
) -> Result<std::borrow::Cow<'b, str>, TextError> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(text),
        None if encoding == encoding_rs::UTF_8 => Err(bad_utf8(bytes, shown)),
        None => Err(invalid(
            Location::file(shown),
            &format!(
                "the file starts with a {} byte-order mark but holds bytes that are not {}",
                encoding.name(),
                encoding.name()
            ),
            "the file was damaged: save it again as UTF-8",
        )),
    }
}

fn invalid(location: Location, message: &str, hint: &str) -> TextError {
    TextError::Invalid {
        location,
        message: message.to_owned(),
        hint: hint.to_owned(),
    }
}

/// NUL never occurs in text; UTF-16 without a BOM is not supported either.
fn looks_binary(bytes: &[u8]) -> bool {
    encoding_rs::Encoding::for_bom(bytes).is_none() && bytes.contains(&0)
}

/// Whether the bytes hold at least one valid multi-byte UTF-8 character: then the
/// file is UTF-8 with some damage, not a legacy encoding.
fn has_utf8_beyond_ascii(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

fn legacy_encoding(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    // ISO-2022-JP is excluded: decoding it can hide markup in escape sequences.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

fn bad_utf8(bytes: &[u8], shown: &Path) -> TextError {
    let valid_up_to = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let valid = &bytes[..valid_up_to];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(valid.rsplit(|&b| b == b'\n').next().unwrap_or_default())
        .chars()
        .count()
        + 1;
    invalid(
        Location::new(shown, line, column),
        &format!(
            "the file is UTF-8 but byte 0x{:02X} here is not",
            bytes.get(valid_up_to).copied().unwrap_or_default()
        ),
        "the file was damaged or joined from files in two encodings: fix or retype the character here, and save as UTF-8",
    )
}

/// `\r\n` and a lone `\r` (which YAML also takes for a line break) become `\n`, so
/// that every line count agrees with the parser's.
fn normalise_line_endings(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> Result<Decoded, String> {
        decode(bytes, Path::new("a.txt")).map_err(|e| e.to_string())
    }

    #[test]
    fn a_utf8_bom_is_dropped_and_crlf_becomes_lf() {
        let text = decoded(b"\xEF\xBB\xBFTitle\r\n\r\nBody\r\n").map(|d| d.text);
        assert_eq!(text.as_deref(), Ok("Title\n\nBody\n"));
    }

    #[test]
    fn a_lone_cr_is_a_line_break_as_yaml_counts_it() {
        // Found by the front_matter fuzz target: with the CRs kept, serde_yaml's
        // line numbers ran past the file's last line as we count them.
        let text = decoded(b"---\nsummary: a\r\r\rb\n---\nBody\n").map(|d| d.text);
        assert_eq!(text.as_deref(), Ok("---\nsummary: a\n\n\nb\n---\nBody\n"));
    }

    #[test]
    fn windows_1252_is_detected_decoded_and_warned_about() {
        let bytes = b"Caf\xE9 society \x96 the \x93best\x94 of Hanoi, na\xEFve and all";
        let decoded = decoded(bytes).map_err(|e| e.to_string());
        let Ok(decoded) = decoded else {
            panic!("{decoded:?}")
        };
        assert_eq!(
            decoded.text,
            "Café society – the “best” of Hanoi, naïve and all"
        );
        assert!(decoded.warning.is_some_and(|w| w.contains("windows-1252")));
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Tô Lâm".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decoded(&bytes).map(|d| d.text).as_deref(), Ok("Tô Lâm"));
    }

    #[test]
    fn damaged_utf8_is_an_error_at_the_bad_byte() {
        let error = decoded(
            "Tô Lâm\nsaid \u{201C}yes"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xFF])
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert_eq!(
            error.err().as_deref(),
            Some(
                "a.txt:2:10: the file is UTF-8 but byte 0xFF here is not\n  hint: the file was damaged or joined from files in two encodings: fix or retype the character here, and save as UTF-8"
            )
        );
    }

    #[test]
    fn a_bom_never_makes_damaged_bytes_welcome() {
        let error = decoded(b"\xEF\xBB\xBFT\xC3\xB4 L\xC3\xA2m\nsaid \xFF");
        assert_eq!(
            error.err().as_deref().and_then(|e| e.lines().next()),
            Some("a.txt:2:6: the file is UTF-8 but byte 0xFF here is not")
        );
        let unpaired_surrogate = [0xFF, 0xFE, b'H', 0, 0x00, 0xD8, b'i', 0];
        let error = decoded(&unpaired_surrogate);
        assert!(
            error
                .err()
                .is_some_and(|e| e.contains("UTF-16LE byte-order mark but holds bytes")),
        );
    }

    #[test]
    fn empty_and_binary_files_are_errors() {
        assert!(
            decoded(b"")
                .err()
                .is_some_and(|e| e.contains("the file is empty"))
        );
        assert!(
            decoded(b" \n\n")
                .err()
                .is_some_and(|e| e.contains("the file is empty"))
        );
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(
            decoded(png)
                .err()
                .is_some_and(|e| e.contains("not a text file"))
        );
    }
}
