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
}

impl Document {
    /// A document not stored yet, hashing its bytes.
    pub fn new(bytes: Vec<u8>, file_name: Option<String>, format: &str) -> Document {
        let sha256 = hex::encode(Sha256::digest(&bytes));
        Document {
            id: None,
            bytes,
            file_name,
            format: format.to_string(),
            sha256,
        }
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
}
