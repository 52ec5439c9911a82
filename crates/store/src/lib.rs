//! Persistence for needledrop.
//!
//! The store keeps every ingested document verbatim (with its SHA-256), the lists read from it,
//! and everything later stages attach to them. It is SQLite today (one file, no server); the
//! public API speaks only in model types so a PostgreSQL backend can stand behind it later.
//!
//! Every write that belongs together happens in one transaction: an ingest that fails halfway
//! leaves nothing behind.
//!
//! ```
//! use needledrop_model::{Entry, List, Order, Rank};
//! use needledrop_store::{Document, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let mut list = List::new(Order::Descending);
//! list.entries.push(Entry::new(Rank::new(1).unwrap(), "Pulp Fiction"));
//! let doc = Document::new(b"1. Pulp Fiction".to_vec(), Some("a.txt".into()), "text");
//! let outcome = store.ingest(&doc, &[list]).unwrap();
//! assert!(outcome.is_new());
//! assert!(!store.ingest(&doc, &[]).unwrap().is_new());
//! ```
#![deny(missing_docs)]

mod error;
mod films;
mod lists;
mod schema;

pub use error::StoreError;
pub use films::{
    CatalogImport, FilmCitation, FilmError, ListFilms, ReviewItem, StoredFilm, StoredFilmId,
};
pub use lists::{Document, IngestOutcome, ListId, ListSummary, SongCount};

use rusqlite::Connection;
use std::path::Path;

/// A needledrop database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::from_connection(conn)
    }

    /// A fresh database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::from_connection(Connection::open_in_memory()?)
    }

    fn from_connection(mut conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // WAL lets a reader (the web server) run while an ingest writes; ignored for :memory:.
        let _ = conn.pragma_update(None, "journal_mode", "WAL");
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// The schema version this database is at.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}
