//! One store type for every backend, chosen at run time from the database's location.
//!
//! The [`Store`] trait has generic methods, so it cannot be a trait object; [`AnyStore`] is an
//! enum that hands every call to the backend it holds.

use crate::{
    Decision, DoubtfulList, FilmCitation, FilmFact, ItemFilter, ListSummary, PgStore, PrintedItem,
    RankingList, Result, ReviewRow, SongRow, SqliteStore, Store, StoredList,
};
use needledrop_model::{
    Document, DocumentId, EntryId, Film, FilmId, ItemRef, List, ListId, Resolution, StoredFilm,
};

/// A store on whichever backend [`open`](crate::open) found at the location.
pub enum AnyStore {
    /// A SQLite file (or an in-memory database).
    Sqlite(SqliteStore),
    /// A PostgreSQL schema.
    Postgres(PgStore),
}

impl std::fmt::Debug for AnyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnyStore::Sqlite(_) => f.write_str("AnyStore::Sqlite"),
            AnyStore::Postgres(_) => f.write_str("AnyStore::Postgres"),
        }
    }
}

impl From<SqliteStore> for AnyStore {
    fn from(store: SqliteStore) -> Self {
        AnyStore::Sqlite(store)
    }
}

impl From<PgStore> for AnyStore {
    fn from(store: PgStore) -> Self {
        AnyStore::Postgres(store)
    }
}

/// Forwards each listed method to the backend.
macro_rules! delegate {
    ($(fn $name:ident(&mut self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
        $(
            fn $name(&mut self $(, $arg: $ty)*) -> $ret {
                match self {
                    AnyStore::Sqlite(s) => s.$name($($arg),*),
                    AnyStore::Postgres(s) => s.$name($($arg),*),
                }
            }
        )*
    };
}

impl Store for AnyStore {
    delegate! {
        fn begin_write(&mut self) -> Result<()>;
        fn commit(&mut self) -> Result<()>;
        fn rollback(&mut self) -> Result<()>;
        fn data_version(&mut self) -> Result<u64>;
        fn refresh_statistics(&mut self) -> Result<()>;

        fn find_document(&mut self, sha256: &str) -> Result<Option<DocumentId>>;
        fn find_document_by_content(&mut self, content_sha256: &str)
            -> Result<Option<DocumentId>>;
        fn insert_document(&mut self, document: &Document) -> Result<DocumentId>;
        fn insert_list(&mut self, document: DocumentId, position: usize, list: &List)
            -> Result<ListId>;
        fn document_lists(&mut self, document: DocumentId) -> Result<Vec<ListId>>;
        fn list_summaries(&mut self) -> Result<Vec<ListSummary>>;
        fn list(&mut self, id: ListId) -> Result<StoredList>;
        fn lists(&mut self) -> Result<Vec<StoredList>>;
        fn ranking_lists(&mut self) -> Result<Vec<RankingList>>;
        fn source_of(&mut self, id: ListId) -> Result<Document>;
        fn delete_list(&mut self, id: ListId) -> Result<()>;
        fn doubtful_lists(&mut self, below: f64) -> Result<Vec<DoubtfulList>>;
        fn set_list_checked(&mut self, id: ListId, checked: bool) -> Result<()>;
        fn replace_list(&mut self, id: ListId, list: &List) -> Result<()>;
        fn song_rows(&mut self) -> Result<Vec<SongRow>>;

        fn films(&mut self) -> Result<Vec<StoredFilm>>;
        fn film(&mut self, id: FilmId) -> Result<StoredFilm>;
        fn insert_film(&mut self, film: &Film, provisional: bool) -> Result<FilmId>;
        fn update_film(&mut self, id: FilmId, film: &Film, provisional: bool) -> Result<()>;
        fn remove_aliases(&mut self, id: FilmId, titles: &[String]) -> Result<()>;
        fn set_merged_into(&mut self, id: FilmId, into: Option<FilmId>) -> Result<()>;
        fn catalog_film_count(&mut self) -> Result<u64>;
        fn film_count(&mut self) -> Result<u64>;
        fn films_by_id(&mut self, ids: &[FilmId]) -> Result<Vec<StoredFilm>>;
        fn add_film_words(&mut self, pairs: &[(String, FilmId)]) -> Result<()>;
        fn films_with_word(&mut self, word: &str, limit: usize) -> Result<Vec<FilmId>>;
        fn film_word_count(&mut self) -> Result<u64>;

        fn items(&mut self, filter: ItemFilter) -> Result<Vec<PrintedItem>>;
        fn item(&mut self, item: ItemRef) -> Result<PrintedItem>;
        fn resolution(&mut self, item: ItemRef) -> Result<Option<Resolution>>;
        fn resolutions(&mut self) -> Result<Vec<(ItemRef, Resolution)>>;
        fn set_resolution(&mut self, item: ItemRef, resolution: &Resolution) -> Result<()>;
        fn repoint_resolutions(&mut self, from: FilmId, into: FilmId) -> Result<()>;
        fn clear_automatic_resolutions(&mut self, film: FilmId) -> Result<()>;
        fn review_queue(&mut self) -> Result<Vec<ReviewRow>>;
        fn review_count(&mut self) -> Result<usize>;
        fn film_citations(&mut self, films: &[FilmId]) -> Result<Vec<FilmCitation>>;
        fn add_film_facts(&mut self, entry: EntryId, facts: &[FilmFact]) -> Result<()>;
        fn set_resolutions(&mut self, resolutions: &[(ItemRef, Resolution)]) -> Result<()>;
        fn add_film_facts_of(&mut self, facts: &[(EntryId, Vec<FilmFact>)]) -> Result<()>;

        fn setting(&mut self, key: &str) -> Result<Option<String>>;
        fn set_setting(&mut self, key: &str, value: &str) -> Result<()>;
        fn list_weights(&mut self) -> Result<Vec<(ListId, f64)>>;
        fn set_list_weight(&mut self, list: ListId, weight: Option<f64>) -> Result<()>;

        fn add_decision(&mut self, decision: &Decision) -> Result<()>;
        fn decisions(&mut self) -> Result<Vec<Decision>>;
        fn remove_merge(&mut self, into: FilmId, from: FilmId) -> Result<()>;
    }
}
