//! Rank aggregation over generic item ids.
//!
//! Many ranked lists in, one consensus out: the [`Profile`] holds [`Ballot`]s (partial lists
//! with printed ranks, ties, unranked mentions, a declared length and a weight) over interned
//! [`ItemId`]s; a [`Method`] turns it into a [`Consensus`] — rows with rank (ties shared),
//! score, how many lists ranked and mentioned each item, best and median rank and #1 count — and
//! explains any item list by list. Nothing here knows about films: items are labels.
//!
//! ```
//! use needledrop_rank::{csv_input, positional::Borda, Method};
//!
//! let csv = "list_id,rank,item\n\
//!            critic-a,1,Purple Rain\ncritic-a,2,Drive\n\
//!            critic-b,1,Drive\ncritic-b,2,Purple Rain\ncritic-b,,Juno\n\
//!            critic-c,1,Drive\n";
//! let profile = csv_input::read_csv(csv.as_bytes())?;
//! let consensus = Borda::default().aggregate(&profile)?;
//! assert_eq!(consensus.rows[0].label, "Drive");
//! assert_eq!(consensus.rows[0].first_places, 2);
//! # Ok::<(), needledrop_rank::RankError>(())
//! ```
//!
//! How each method treats items a list does not name is in that method's docs.
#![deny(missing_docs)]

pub mod agreement;
pub mod bootstrap;
pub mod consensus;
pub mod csv_input;
pub mod explain;
pub mod kemeny;
pub mod markov;
pub mod method;
pub mod pairwise;
pub mod plackett_luce;
pub mod positional;
pub mod profile;
pub mod rra;
pub mod sparse_pairwise;

pub use consensus::{Consensus, ConsensusRow, Direction, Outcome};
pub use explain::{Contribution, Explanation, ListContribution, Placement};
pub use method::Method;
pub use profile::{Ballot, ItemId, ListInput, Profile, RankedEntry};

/// Why an aggregation could not run. Every variant is a problem with the input or the request;
/// the CLI maps them to exit code 2.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RankError {
    /// No lists were given.
    #[error("no lists to aggregate")]
    NoLists,
    /// One list names the same item twice.
    #[error("list {list:?} names {item:?} more than once; remove the duplicate entry")]
    DuplicateItem {
        /// The list's label.
        list: String,
        /// The item's label.
        item: String,
    },
    /// A ranked entry with rank 0.
    #[error("list {list:?} ranks {item:?} at 0; ranks start at 1")]
    InvalidRank {
        /// The list's label.
        list: String,
        /// The item's label.
        item: String,
    },
    /// A ballot refers to an item id the profile has no label for.
    #[error("list {list:?} refers to item id {item}, which has no label")]
    UnknownItemId {
        /// The list's label.
        list: String,
        /// The id.
        item: u32,
    },
    /// A weight that is negative, NaN or infinite.
    #[error("list {list:?} has weight {weight}; weights must be finite and not negative")]
    InvalidWeight {
        /// The list's label.
        list: String,
        /// The weight given.
        weight: f64,
    },
    /// Every weight is zero.
    #[error("the list weights add up to zero; give at least one list a positive weight")]
    ZeroTotalWeight,
    /// A weight was given for a list that does not exist.
    #[error("a weight is given for list {list:?}, but there is no such list")]
    UnknownList {
        /// The label given.
        list: String,
    },
    /// An item was asked for (to explain, say) that no list names.
    #[error("no list names the item {item:?}")]
    UnknownItem {
        /// The label or id given.
        item: String,
    },
    /// A points table has fewer positions than a list ranks.
    #[error(
        "the points table has {table_len} positions but list {list:?} ranks {list_len} items; \
         lengthen the table or give points for positions beyond it"
    )]
    PointsTableTooShort {
        /// Positions in the table.
        table_len: usize,
        /// The list.
        list: String,
        /// Positions the list needs.
        list_len: usize,
    },
    /// Exact Kemeny met a strongly connected component too large to solve.
    #[error(
        "exact Kemeny: {size} items form one majority cycle, too many to order exactly (limit \
         {limit} items, or the search budget ran out); use the heuristic (`kemeny-heuristic`)"
    )]
    ComponentTooLarge {
        /// Items in the component.
        size: usize,
        /// The solver's limit.
        limit: usize,
    },
    /// A method that needs an item-by-item matrix was given more items than fit in memory.
    #[error(
        "{items} items are too many for a pairwise matrix (limit {limit}); use `copeland` or \
         a positional method such as `borda`, or rank fewer items"
    )]
    TooManyItems {
        /// Items in the profile.
        items: usize,
        /// The limit.
        limit: usize,
    },
    /// A malformed CSV row.
    #[error("line {line}: {message}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A method parameter out of range or unparsable.
    #[error("invalid parameter {name}: {message}")]
    InvalidParameter {
        /// The parameter.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// A method name nobody knows.
    #[error("unknown method {name:?}; known methods: {known}")]
    UnknownMethod {
        /// The name given.
        name: String,
        /// The known names, comma-separated.
        known: String,
    },
    /// An iterative method did not converge.
    #[error("{method} did not converge within {iterations} iterations")]
    NotConverged {
        /// The method.
        method: String,
        /// Iterations run.
        iterations: usize,
    },
}

/// The settings every iterative method shares (MC4, Plackett–Luce): a positive, finite
/// convergence tolerance and at least one iteration.
pub(crate) fn check_iterations(tolerance: f64, max_iterations: usize) -> Result<(), RankError> {
    if !(tolerance > 0.0 && tolerance.is_finite()) {
        return Err(RankError::InvalidParameter {
            name: "tolerance".into(),
            message: format!("must be positive and finite, got {tolerance}"),
        });
    }
    if max_iterations == 0 {
        return Err(RankError::InvalidParameter {
            name: "max iterations".into(),
            message: "must be at least 1".into(),
        });
    }
    Ok(())
}
