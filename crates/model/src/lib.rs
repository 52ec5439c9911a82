//! The shared nouns of needledrop.
//!
//! Every stage of the pipeline (extract → resolve → rank → publish) speaks in these types, and
//! none of them knows about I/O, SQL or HTTP. Values that have rules (a rank is at least 1, a
//! year is a plausible film year) are validated newtypes, so later stages never re-check them.
//!
//! ```
//! use needledrop_model::{Entry, List, Order, Rank};
//!
//! let mut list = List::new(Order::Descending);
//! list.entries.push(Entry::new(Rank::new(1).unwrap(), "Pulp Fiction"));
//! assert_eq!(list.entries[0].rank.get(), 1);
//! ```
#![deny(missing_docs)]

mod document;
mod film;
mod ids;
mod list;
mod resolution;

pub use document::Document;
pub use film::{Film, SoundtrackKind};
pub use ids::{DocumentId, EntryId, FilmId, ItemRef, ListId, MentionId};
pub use list::{
    Entry, List, Mention, Order, Rank, RankOutOfRange, SongCitation, Year, YearOutOfRange,
};
pub use resolution::{MatchReason, Resolution, StoredFilm};
