//! Persistence for needledrop.
//!
//! The store keeps every ingested document verbatim (with its SHA-256), the lists read from it,
//! the films entries resolve to, and the decisions people make. It persists; it does not decide:
//! resolution, ranking and every other use case live in the application layer above, which
//! speaks to any backend through the [`Store`] trait. [`SqliteStore`] is the embedded default
//! (one file, no server); [`PgStore`] keeps the same database on a PostgreSQL server. [`open`]
//! picks the backend from the location's scheme (`postgres://…`, `sqlite:PATH` or a path) and
//! returns an [`AnyStore`].
//!
//! Every write that belongs together happens in one transaction ([`Store::write`]): an ingest
//! that fails halfway leaves nothing behind.
//!
//! ```
//! use needledrop_model::{Document, Entry, List, Order, Rank};
//! use needledrop_store::{SqliteStore, Store};
//!
//! let mut store = SqliteStore::open_in_memory().unwrap();
//! let mut list = List::new(Order::Descending);
//! list.entries.push(Entry::new(Rank::new(1).unwrap(), "Pulp Fiction"));
//! let doc = Document::new(b"1. Pulp Fiction".to_vec(), Some("a.txt".into()), "text");
//! let outcome = store.ingest(&doc, &[list]).unwrap();
//! assert!(outcome.is_new());
//! assert!(!store.ingest(&doc, &[]).unwrap().is_new());
//! ```
#![deny(missing_docs)]

mod any;
mod decode;
mod error;
mod location;
mod postgres;
mod ranking;
mod sqlite;

pub use any::AnyStore;
pub use error::{ErrorKind, StoreError};
pub use location::{open, redact_location, Backend};
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use needledrop_model::{
    Document, DocumentId, EntryId, Film, FilmId, ItemRef, List, ListId, MentionId, Order, Rank,
    Resolution, StoredFilm, Year,
};

/// A result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What an ingest did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The document was new; these lists were stored.
    Stored(Vec<ListId>),
    /// The same bytes were ingested before; nothing was written. These are the earlier lists.
    AlreadyStored(Vec<ListId>),
}

impl IngestOutcome {
    /// True when something was written.
    pub fn is_new(&self) -> bool {
        matches!(self, IngestOutcome::Stored(_))
    }

    /// The lists of the document, new or earlier.
    pub fn list_ids(&self) -> &[ListId] {
        match self {
            IngestOutcome::Stored(ids) | IngestOutcome::AlreadyStored(ids) => ids,
        }
    }
}

/// One stored list in brief.
#[derive(Debug, Clone, PartialEq)]
pub struct ListSummary {
    /// The list's id.
    pub id: ListId,
    /// The source document it was read from (a PrefLib file holds many lists).
    pub document: DocumentId,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// Its outlet, if known.
    pub outlet: Option<String>,
    /// The source file's name, if it had one.
    pub file_name: Option<String>,
    /// The source format.
    pub format: String,
    /// How it was printed.
    pub order: Order,
    /// Number of ranked entries.
    pub entries: usize,
    /// Number of unranked mentions.
    pub mentions: usize,
    /// Number of songs cited.
    pub songs: usize,
}

/// A list whose reading is worth a person's look, with the reader's own account of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DoubtfulList {
    /// The list's id.
    pub id: ListId,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// Its outlet, if known.
    pub outlet: Option<String>,
    /// How the reader read it, in words.
    pub reading: Option<String>,
    /// How sure the reader was, from 0 to 1.
    pub confidence: Option<f64>,
    /// What the reader noticed and doubted.
    pub warnings: Vec<String>,
}

/// A stored list with the ids of its entries and mentions, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredList {
    /// The list's id.
    pub id: ListId,
    /// The source document.
    pub document: DocumentId,
    /// The list as read.
    pub list: List,
    /// One id per entry of `list.entries`.
    pub entry_ids: Vec<EntryId>,
    /// One id per mention of `list.mentions`.
    pub mention_ids: Vec<MentionId>,
}

/// What ranking needs of one stored list, and nothing more: no prose, songs, notes or titles of
/// items that resolved (their film names them).
#[derive(Debug, Clone, PartialEq)]
pub struct RankingList {
    /// The list's id.
    pub id: ListId,
    /// The source document.
    pub document: DocumentId,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// Its outlet, if known.
    pub outlet: Option<String>,
    /// The size the list declares, if any.
    pub declared_size: Option<u32>,
    /// Ranked entries, in document order.
    pub entries: Vec<RankingItem>,
    /// Unranked mentions, in document order.
    pub mentions: Vec<RankingItem>,
}

/// One entry or mention of a [`RankingList`].
#[derive(Debug, Clone, PartialEq)]
pub struct RankingItem {
    /// The printed rank; `None` for a mention.
    pub rank: Option<Rank>,
    /// Whether the entry is printed as tied.
    pub tied: bool,
    /// The film it resolved to, as stored (not following merges).
    pub film: Option<FilmId>,
    /// The printed title, only when it resolved to no film (then it is the item's identity).
    pub title: Option<String>,
}

/// An entry or mention as printed, to be resolved to a film.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedItem {
    /// Which item.
    pub item: ItemRef,
    /// Its list.
    pub list: ListId,
    /// The title as printed.
    pub title: String,
    /// The year as printed.
    pub year: Option<Year>,
    /// The entry's prose (empty for a mention).
    pub blurb: String,
}

/// Which printed items to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemFilter {
    /// Every entry and mention.
    All,
    /// Those with no resolution yet (just ingested, or an earlier resolution run failed).
    Unresolved,
    /// Those of one document's lists with no resolution yet: what an ingest has to resolve,
    /// found through the lists' indexes rather than by scanning every stored item.
    UnresolvedOf(DocumentId),
    /// Those not linked by a person.
    NotManual,
}

/// One song citation of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SongRow {
    /// The citing list.
    pub list: ListId,
    /// The entry it is cited under, if any.
    pub entry: Option<EntryId>,
    /// The entry's printed title, if any.
    pub entry_title: Option<String>,
    /// The song title as printed.
    pub title: String,
    /// The artist as printed.
    pub artist: Option<String>,
}

/// An entry or mention waiting for a person, with the films considered.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    /// Which item.
    pub item: ItemRef,
    /// Its list.
    pub list: ListId,
    /// The title as printed.
    pub title: String,
    /// The printed year.
    pub year: Option<Year>,
    /// Films considered, best first.
    pub candidates: Vec<FilmId>,
}

/// One list's entry or mention of a film.
#[derive(Debug, Clone, PartialEq)]
pub struct FilmCitation {
    /// The list.
    pub list: ListId,
    /// The list's title.
    pub list_title: Option<String>,
    /// The list's outlet.
    pub outlet: Option<String>,
    /// Which item.
    pub item: ItemRef,
    /// The printed rank; `None` for a mention.
    pub rank: Option<u32>,
    /// The title as the list printed it.
    pub printed_title: String,
    /// The entry's prose (empty for a mention).
    pub blurb: String,
    /// How the film was decided.
    pub resolution: Resolution,
}

/// A fact an entry's prose states about its film, with the words it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilmFact {
    /// `year`, `director`, `award` or `soundtrack_kind`.
    pub kind: &'static str,
    /// The value.
    pub value: String,
    /// The words it was read from.
    pub phrase: String,
}

/// A decision a person made about films. Decisions outlive re-imports and re-ingests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Titles with this normalised key (and this printed year) mean `film`.
    Link {
        /// The printed title's normalised key.
        title_key: String,
        /// The printed year, if any: a link for a yearless title applies to yearless titles only.
        year: Option<i32>,
        /// The film.
        film: FilmId,
    },
    /// `from` is the same film as `into`.
    Merge {
        /// The film that stays.
        into: FilmId,
        /// The film merged away.
        from: FilmId,
    },
    /// `film` is also called `title`.
    Alias {
        /// The film.
        film: FilmId,
        /// Its other title.
        title: String,
    },
}

/// A needledrop database: documents and lists, films and aliases, resolutions and decisions.
///
/// Every method is one statement's worth of work; [`Store::write`] groups several into one
/// transaction. Backends differ only in SQL: the behaviour every backend must show is pinned by
/// the story test in `tests/story.rs`.
pub trait Store {
    // --- transactions ---

    /// Starts a write transaction, taking the write lock up front (so two writers queue instead
    /// of failing on a lock upgrade).
    fn begin_write(&mut self) -> Result<()>;
    /// Commits the open transaction.
    fn commit(&mut self) -> Result<()>;
    /// Rolls the open transaction back.
    fn rollback(&mut self) -> Result<()>;

    /// A value that changes whenever the database's content changes, through this connection
    /// or any other (another process's commit included), and stays the same while nothing is
    /// written: what a cache of results computed from the data is keyed on. Only equality
    /// means anything. Cheap (one small query): meant to be read on every request.
    fn data_version(&mut self) -> Result<u64>;
    /// Refreshes the query planner's statistics, as after a bulk load: without it PostgreSQL
    /// may keep planning for the small tables it last measured (a scan of every entry where an
    /// index would do) until autovacuum catches up.
    fn refresh_statistics(&mut self) -> Result<()>;

    /// Runs `work` in one write transaction: committed when it returns `Ok`, rolled back when
    /// it returns `Err`.
    fn write<T, E>(&mut self, work: impl FnOnce(&mut Self) -> Result<T, E>) -> Result<T, E>
    where
        Self: Sized,
        E: From<StoreError>,
    {
        self.begin_write()?;
        match work(self) {
            Ok(value) => {
                self.commit()?;
                Ok(value)
            }
            Err(e) => {
                // The work's error is the one worth reporting; a failed rollback leaves the
                // transaction to be discarded with the connection.
                let _ = self.rollback();
                Err(e)
            }
        }
    }

    // --- documents and lists ---

    /// The document with these bytes' hash, if it was ingested before.
    fn find_document(&mut self, sha256: &str) -> Result<Option<DocumentId>>;
    /// The oldest document whose text equals this one's up to whitespace (by its
    /// `content_sha256`), if any.
    fn find_document_by_content(&mut self, content_sha256: &str) -> Result<Option<DocumentId>>;
    /// Stores a document's bytes. A document with the same hash is a [`StoreError::Conflict`].
    fn insert_document(&mut self, document: &Document) -> Result<DocumentId>;
    /// Stores a list read from `document` at `position` (a document may hold several).
    fn insert_list(&mut self, document: DocumentId, position: usize, list: &List)
        -> Result<ListId>;
    /// The lists of a document, in document order.
    fn document_lists(&mut self, document: DocumentId) -> Result<Vec<ListId>>;
    /// Every list in brief, in ingest order.
    fn list_summaries(&mut self) -> Result<Vec<ListSummary>>;
    /// One list in full.
    fn list(&mut self, id: ListId) -> Result<StoredList>;
    /// Every list in full, in ingest order (a few queries, not a few per list).
    fn lists(&mut self) -> Result<Vec<StoredList>>;
    /// Every list as ranking reads it, in ingest order: one query per table, each item with
    /// the film it resolved to.
    fn ranking_lists(&mut self) -> Result<Vec<RankingList>>;
    /// The source document of a list, verbatim.
    fn source_of(&mut self, id: ListId) -> Result<Document>;
    /// Deletes a list with its entries, mentions, songs and resolutions; the source document
    /// goes too when no other list was read from it.
    fn delete_list(&mut self, id: ListId) -> Result<()>;
    /// Lists nobody has checked yet whose reading was doubtful: a confidence below `below`, or
    /// any warning from the reader. In ingest order.
    fn doubtful_lists(&mut self, below: f64) -> Result<Vec<DoubtfulList>>;
    /// Marks a list as checked by a person (it leaves the review queue), or not.
    fn set_list_checked(&mut self, id: ListId, checked: bool) -> Result<()>;
    /// Replaces a list's fields, entries, mentions and songs, keeping its id, its source
    /// document and its weight; the old entries' resolutions go with them (people's decisions
    /// are kept by title and apply again). Not found: [`StoreError::NotFound`].
    fn replace_list(&mut self, id: ListId, list: &List) -> Result<()>;
    /// Every song citation, by list and position.
    fn song_rows(&mut self) -> Result<Vec<SongRow>>;

    /// Stores a document and the lists read from it, in one transaction. The same bytes, or
    /// the same text with other whitespace (the same `content_sha256`), ingested again store
    /// nothing and return [`IngestOutcome::AlreadyStored`].
    fn ingest(&mut self, document: &Document, lists: &[List]) -> Result<IngestOutcome>
    where
        Self: Sized,
    {
        self.write(|s| {
            let stored = match s.find_document(&document.sha256)? {
                Some(doc) => Some(doc),
                None => s.find_document_by_content(&document.content_sha256)?,
            };
            if let Some(doc) = stored {
                return Ok(IngestOutcome::AlreadyStored(s.document_lists(doc)?));
            }
            let doc = s.insert_document(document)?;
            let ids = lists
                .iter()
                .enumerate()
                .map(|(position, list)| s.insert_list(doc, position, list))
                .collect::<Result<Vec<_>>>()?;
            Ok(IngestOutcome::Stored(ids))
        })
    }

    // --- films and aliases ---

    /// Every film (merged ones too, with `merged_into` set), with aliases, by id.
    fn films(&mut self) -> Result<Vec<StoredFilm>>;
    /// One film as stored (not following merges).
    fn film(&mut self, id: FilmId) -> Result<StoredFilm>;
    /// Stores a new film with its aliases.
    fn insert_film(&mut self, film: &Film, provisional: bool) -> Result<FilmId>;
    /// Replaces a film's facts and adds its aliases (aliases are never dropped here).
    fn update_film(&mut self, id: FilmId, film: &Film, provisional: bool) -> Result<()>;
    /// Drops these titles from a film's aliases.
    fn remove_aliases(&mut self, id: FilmId, titles: &[String]) -> Result<()>;
    /// Records that `id` was merged into `into` (or stands alone again, with `None`).
    fn set_merged_into(&mut self, id: FilmId, into: Option<FilmId>) -> Result<()>;
    /// How many catalog films (not provisional, not merged away) there are.
    fn catalog_film_count(&mut self) -> Result<u64>;
    /// How many films there are in all (provisional and merged ones too).
    fn film_count(&mut self) -> Result<u64>;
    /// Several films as stored, with aliases (ids that do not exist are skipped).
    fn films_by_id(&mut self, ids: &[FilmId]) -> Result<Vec<StoredFilm>>;
    /// Files films under look-up words (added to the ones they have). Sorted pairs go in
    /// fastest.
    fn add_film_words(&mut self, pairs: &[(String, FilmId)]) -> Result<()>;
    /// The films filed under `word`: at most `limit + 1`, so a caller can tell a word too
    /// common to be worth fetching.
    fn films_with_word(&mut self, word: &str, limit: usize) -> Result<Vec<FilmId>>;
    /// How many (word, film) pairs are filed.
    fn film_word_count(&mut self) -> Result<u64>;

    // --- resolutions ---

    /// Printed entries and mentions to resolve.
    fn items(&mut self, filter: ItemFilter) -> Result<Vec<PrintedItem>>;
    /// One printed item.
    fn item(&mut self, item: ItemRef) -> Result<PrintedItem>;
    /// How an item was resolved, if it was.
    fn resolution(&mut self, item: ItemRef) -> Result<Option<Resolution>>;
    /// Every resolution.
    fn resolutions(&mut self) -> Result<Vec<(ItemRef, Resolution)>>;
    /// Sets how an item is resolved, replacing any earlier resolution.
    fn set_resolution(&mut self, item: ItemRef, resolution: &Resolution) -> Result<()>;
    /// Points every resolution to `from` at `into` instead.
    fn repoint_resolutions(&mut self, from: FilmId, into: FilmId) -> Result<()>;
    /// Forgets the automatic (not manual) resolutions to `film`, so they are made again.
    fn clear_automatic_resolutions(&mut self, film: FilmId) -> Result<()>;
    /// Items waiting for a person (resolved to no film), in the order they were queued.
    fn review_queue(&mut self) -> Result<Vec<ReviewRow>>;
    /// How many items wait in the review queue (counted, not read).
    fn review_count(&mut self) -> Result<usize>;
    /// Every entry and mention resolved to one of `films`, best rank first.
    fn film_citations(&mut self, films: &[FilmId]) -> Result<Vec<FilmCitation>>;
    /// Stores facts an entry's prose states about its film (duplicates are ignored).
    fn add_film_facts(&mut self, entry: EntryId, facts: &[FilmFact]) -> Result<()>;
    /// Sets the resolutions of several items, as [`Store::set_resolution`] one after another
    /// would (a later one for the same item wins). A backend may write them all at once: on a
    /// server that saves a round trip per item.
    fn set_resolutions(&mut self, resolutions: &[(ItemRef, Resolution)]) -> Result<()> {
        for (item, resolution) in resolutions {
            self.set_resolution(*item, resolution)?;
        }
        Ok(())
    }
    /// Stores the facts of several entries, as [`Store::add_film_facts`] entry by entry would.
    fn add_film_facts_of(&mut self, facts: &[(EntryId, Vec<FilmFact>)]) -> Result<()> {
        for (entry, facts) in facts {
            self.add_film_facts(*entry, facts)?;
        }
        Ok(())
    }

    // --- settings and weights ---

    /// A setting of the database, if set.
    fn setting(&mut self, key: &str) -> Result<Option<String>>;
    /// Sets a setting.
    fn set_setting(&mut self, key: &str, value: &str) -> Result<()>;
    /// The weights people gave lists.
    fn list_weights(&mut self) -> Result<Vec<(ListId, f64)>>;
    /// Gives a list a weight, or (with `None`) takes it back. A list that does not exist is
    /// [`StoreError::NotFound`].
    fn set_list_weight(&mut self, list: ListId, weight: Option<f64>) -> Result<()>;

    // --- decisions ---

    /// Records a person's decision.
    fn add_decision(&mut self, decision: &Decision) -> Result<()>;
    /// Every decision, oldest first.
    fn decisions(&mut self) -> Result<Vec<Decision>>;
    /// Forgets a merge decision (a split undoes it).
    fn remove_merge(&mut self, into: FilmId, from: FilmId) -> Result<()>;
}
