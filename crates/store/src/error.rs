//! Why a store operation failed.

use thiserror::Error;

/// What kind of failure a [`StoreError`] is: the application layer turns it into an exit code or
/// an HTTP status without looking at the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Something was asked for that is not there (a list, a film, an entry).
    NotFound,
    /// The request contradicts what is stored (a unique value taken, say).
    Conflict,
    /// The request itself is malformed (a database path that cannot be a database).
    BadInput,
    /// The database failed, or holds something needledrop cannot read.
    Failure,
}

/// Why a store operation failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Something was asked for that is not there.
    #[error("{0}")]
    NotFound(String),
    /// The request contradicts what is stored.
    #[error("{0}")]
    Conflict(String),
    /// The database could not be opened or created where asked.
    #[error("cannot open the database {location}: {message}")]
    Open {
        /// The file or URI.
        location: String,
        /// What went wrong.
        message: String,
    },
    /// The database may be read but not written by this process.
    #[error("the database {location} is read-only here: {why}; commands that only read it work")]
    ReadOnly {
        /// The file.
        location: String,
        /// Why it cannot be written.
        why: String,
    },
    /// The schema could not be brought up to date.
    #[error("cannot bring the database schema up to date: {0}")]
    Migration(String),
    /// A stored value does not fit the model (a rank of 0, say): the file was edited by hand.
    #[error("the database holds a value needledrop cannot read: {0}")]
    Corrupt(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Backend(String),
}

impl StoreError {
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        match self {
            StoreError::NotFound(_) => ErrorKind::NotFound,
            StoreError::Conflict(_) => ErrorKind::Conflict,
            StoreError::Open { .. } | StoreError::ReadOnly { .. } => ErrorKind::BadInput,
            StoreError::Migration(_) | StoreError::Corrupt(_) | StoreError::Backend(_) => {
                ErrorKind::Failure
            }
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Backend(e.to_string())
    }
}
