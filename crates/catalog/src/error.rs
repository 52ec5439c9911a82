//! Errors of the importers.

use std::path::PathBuf;

/// Why a catalog file could not be imported. Every variant names the file, and the line where
/// one applies, so a user can look.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened.
    #[error("{path}: cannot open: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// Reading stopped partway: a truncated or corrupt gzip stream, or an I/O error.
    #[error("{path}: read failed after line {line} ({source}); the file is truncated or corrupt, nothing from it was kept — download it again")]
    Read {
        /// The file.
        path: PathBuf,
        /// The last line read completely.
        line: u64,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// The first line is not the header of any IMDb dataset file, or not the one the file's
    /// name promises.
    #[error("{path}: line 1: expected the header {expected:?}, found {found:?}")]
    Header {
        /// The file.
        path: PathBuf,
        /// The header(s) that would have been accepted.
        expected: String,
        /// What the file has.
        found: String,
    },
    /// A row that does not fit the file's layout.
    #[error("{path}: line {line}: {reason}")]
    Row {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// The file's kind cannot be told from its name (not .toml, .csv, .tsv or .tsv.gz).
    #[error("{path}: unknown catalog format; expected .toml, .csv, or an IMDb .tsv/.tsv.gz file")]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// A TOML catalog that does not parse or does not follow docs/catalog.md.
    #[error("{path}: {message}")]
    Toml {
        /// The file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
}
