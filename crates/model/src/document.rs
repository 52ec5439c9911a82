//! A source document, kept verbatim.

use crate::ids::DocumentId;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// A source document as ingested: its bytes verbatim, how they were read, and their SHA-256 (the
/// same bytes are stored once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The store's id, once stored.
    pub id: Option<DocumentId>,
    /// The bytes exactly as read from the file or stdin.
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// The file's name, if it had one.
    pub file_name: Option<String>,
    /// The format it was read as (`text`, `csv`, …).
    pub format: String,
    /// Lowercase hex SHA-256 of `bytes`.
    pub sha256: String,
    /// Lowercase hex SHA-256 of the text with its whitespace normalised (see
    /// [`Document::content_sha256_of`]): the same article saved with other line endings or
    /// trailing spaces has the same one.
    pub content_sha256: String,
}

impl Document {
    /// A document not stored yet, hashing its bytes.
    pub fn new(bytes: Vec<u8>, file_name: Option<String>, format: &str) -> Document {
        let sha256 = hex::encode(Sha256::digest(&bytes));
        let content_sha256 = Document::content_sha256_of(&bytes);
        Document {
            id: None,
            bytes,
            file_name,
            format: format.to_string(),
            sha256,
            content_sha256,
        }
    }

    /// The SHA-256 of the bytes as text with whitespace that does not change what a reader
    /// sees removed: a byte-order mark, CRLF and CR line endings (read as LF), trailing spaces
    /// and tabs on each line, blank lines, and leading and trailing blank space. Bytes that are
    /// not UTF-8 are hashed as they are.
    pub fn content_sha256_of(bytes: &[u8]) -> String {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return hex::encode(Sha256::digest(bytes));
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut hasher = Sha256::new();
        // LF, CR and CRLF each end a line (CRLF leaves an empty piece, dropped as blank).
        for line in text.split('\n').flat_map(|l| l.split('\r')) {
            let line = line.trim_end_matches([' ', '\t']);
            if !line.trim().is_empty() {
                hasher.update(line.as_bytes());
                hasher.update(b"\n");
            }
        }
        hex::encode(hasher.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_sha256_of_the_bytes() {
        let d = Document::new(b"abc".to_vec(), None, "text");
        assert_eq!(
            d.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_content_hash_ignores_line_endings_trailing_spaces_and_blank_lines() {
        let lf = Document::new(b"Best scores\n\n1. Drive\n2. Juno\n".to_vec(), None, "text");
        let crlf = Document::new(
            b"\xef\xbb\xbfBest scores  \r\n\r\n\r\n1. Drive\t\r\n2. Juno\r\n\r\n".to_vec(),
            None,
            "text",
        );
        assert_ne!(lf.sha256, crlf.sha256);
        assert_eq!(lf.content_sha256, crlf.content_sha256);
        // Words, indentation and the order of lines still count.
        for other in [
            &b"Best scores\n1. Drive\n2. Juno 2\n"[..],
            b"Best scores\n  1. Drive\n2. Juno\n",
            b"Best scores\n2. Juno\n1. Drive\n",
        ] {
            assert_ne!(Document::content_sha256_of(other), lf.content_sha256);
        }
    }
}
