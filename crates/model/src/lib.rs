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

mod film;
mod list;

pub use film::{Film, FilmId, SoundtrackKind};
pub use list::{Entry, List, Mention, Order, Rank, RankError, SongCitation, Year, YearError};
