//! Why a document could not be read.

use thiserror::Error;

/// Why a document could not be read into lists. Every variant says what was expected.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The document has no text at all.
    #[error("the document is empty: expected an article or a list file")]
    Empty,
    /// The bytes look like a binary file (NUL bytes, mostly non-text).
    #[error("the document looks like a binary file, not text: expected an article (.txt, .md, .html) or a list file (.csv, .json, .toml, PrefLib)")]
    Binary,
    /// The bytes are not UTF-8 and too few of them decode to be worth a lossy read.
    #[error(
        "the document is not UTF-8 text ({bad} of {total} bytes undecodable); re-save it as UTF-8"
    )]
    NotUtf8 {
        /// Undecodable bytes.
        bad: usize,
        /// All bytes.
        total: usize,
    },
    /// An article in which no ranked entry was found.
    #[error("no ranked entries found: expected lines such as `10. Title`, `#10: Title (1999)`, `## 10. Title`, or an HTML <ol> list")]
    NoEntries,
    /// A structured file with a problem at a known line.
    #[error("line {line}: {message}")]
    AtLine {
        /// 1-based line number in the document.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A structured file with a problem not tied to one line.
    #[error("{0}")]
    Invalid(String),
}

impl ExtractError {
    /// The 1-based line the error is about, when it is about one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ExtractError::AtLine { line, .. } => Some(*line),
            _ => None,
        }
    }
}
