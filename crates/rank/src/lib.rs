//! Rank aggregation over generic item ids.
#![deny(missing_docs)]

/// Why an aggregation could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RankError {
    /// No lists were given.
    #[error("no lists to aggregate")]
    NoLists,
}
