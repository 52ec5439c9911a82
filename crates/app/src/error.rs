//! Why a use case failed, and what kind of failure it is.

use thiserror::Error;

/// What kind of failure an [`AppError`] is. The CLI's exit code and the web server's HTTP status
/// both derive from it, never from the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// What the user gave (a file, a flag, a list) cannot be used.
    BadInput,
    /// Something asked for is not there.
    NotFound,
    /// The request contradicts what is stored.
    Conflict,
    /// A failure of ours or of the machine.
    Failure,
}

/// Why a use case failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum AppError {
    /// A document could not be read.
    #[error(transparent)]
    Extract(#[from] needledrop_extract::ExtractError),
    /// An aggregation could not run.
    #[error(transparent)]
    Rank(#[from] needledrop_rank::RankError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] needledrop_store::StoreError),
    /// A catalog file could not be read; nothing from it was kept.
    #[error("{0} (nothing was imported)")]
    Import(#[from] needledrop_catalog::ImportError),
    /// The catalog refused a change.
    #[error(transparent)]
    Catalog(#[from] needledrop_catalog::CatalogError),
    /// A request that cannot be carried out as asked.
    #[error("{0}")]
    BadInput(String),
    /// Something asked for is not there.
    #[error("{0}")]
    NotFound(String),
    /// There is nothing stored to work on yet.
    #[error("no lists stored yet")]
    NoLists,
}

impl AppError {
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::Extract(_) | AppError::Rank(_) | AppError::BadInput(_) => ErrorKind::BadInput,
            AppError::Import(_) | AppError::Catalog(_) | AppError::NoLists => ErrorKind::BadInput,
            AppError::NotFound(_) => ErrorKind::NotFound,
            AppError::Store(e) => match e.kind() {
                needledrop_store::ErrorKind::NotFound => ErrorKind::NotFound,
                needledrop_store::ErrorKind::Conflict => ErrorKind::Conflict,
                needledrop_store::ErrorKind::BadInput => ErrorKind::BadInput,
                _ => ErrorKind::Failure,
            },
        }
    }
}

impl From<needledrop_catalog::ImportFailure<needledrop_catalog::CatalogError>> for AppError {
    fn from(e: needledrop_catalog::ImportFailure<needledrop_catalog::CatalogError>) -> Self {
        match e {
            needledrop_catalog::ImportFailure::Source(e) => AppError::Import(e),
            needledrop_catalog::ImportFailure::Sink { source, .. } => AppError::Catalog(source),
        }
    }
}

/// A result of a use case.
pub type Result<T, E = AppError> = std::result::Result<T, E>;
