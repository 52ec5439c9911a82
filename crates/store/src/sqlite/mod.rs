//! The embedded SQLite backend: one file, no server.

mod films;
mod lists;
mod ranking;
mod schema;

use crate::{
    Decision, DoubtfulList, FilmCitation, FilmFact, ItemFilter, ListSummary, PrintedItem,
    RankingList, Result, ReviewRow, SongRow, Store, StoreError, StoredList,
};
use needledrop_model::{
    Document, DocumentId, EntryId, Film, FilmId, ItemRef, List, ListId, Resolution, StoredFilm,
};
use rusqlite::Connection;
use std::path::Path;

/// Creates a new database file readable by its owner only (it holds every source document);
/// SQLite gives its journal files the same permissions. An existing file is left as it is.
fn create_private(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Open {
            location: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}

/// `file:` URI of `path` opened as immutable (read without locks or a -shm file).
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(char::from(b)),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// A needledrop database in one SQLite file (or in memory).
pub struct SqliteStore {
    conn: Connection,
    /// The file, when this process may only read it: writes are refused up front.
    read_only: Option<String>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                location: dir.display().to_string(),
                message: format!("cannot create the folder: {e}"),
            })?;
        }
        create_private(path)?;
        let location = path.display().to_string();
        let open_error = |e: rusqlite::Error| StoreError::Open {
            location: path.display().to_string(),
            message: e.to_string(),
        };
        let conn = Connection::open(path).map_err(open_error)?;
        // SQLite falls back to reading a file it may not write (mode 0444, another owner).
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(open_error)? {
            return SqliteStore::open_read_only(conn, path, location);
        }
        SqliteStore::from_connection(conn)
    }

    /// A database this process may read but not write: its schema must be current (migrating
    /// is a write), and every write is refused with [`StoreError::ReadOnly`].
    fn open_read_only(conn: Connection, path: &Path, location: String) -> Result<SqliteStore> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let conn = match schema::pending(&conn) {
            Ok(_) => conn,
            // A WAL database whose -shm file is gone, in a folder it cannot be made in: read the
            // file as it is (`immutable`), which is all a process without write access can do.
            Err(_) => {
                drop(conn);
                let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_URI
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
                Connection::open_with_flags(immutable_uri(path), flags).map_err(|e| {
                    StoreError::Open {
                        location: location.clone(),
                        message: e.to_string(),
                    }
                })?
            }
        };
        let pending = schema::pending(&conn).map_err(|e| StoreError::Open {
            location: location.clone(),
            message: e.to_string(),
        })?;
        if pending != 0 {
            return Err(StoreError::ReadOnly {
                location,
                why: "its schema is from another needledrop version and cannot be brought up to \
                      date without writing"
                    .into(),
            });
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(SqliteStore {
            conn,
            read_only: Some(location),
        })
    }

    /// A fresh database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::from_connection(Connection::open_in_memory()?)
    }

    fn from_connection(mut conn: Connection) -> Result<SqliteStore> {
        // First, so that every step below waits for a concurrent first open instead of failing.
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // WAL lets a reader (the web server) run while an ingest writes; ignored for :memory:.
        let _ = conn.pragma_update(None, "journal_mode", "WAL");
        schema::migrate(&mut conn)?;
        Ok(SqliteStore {
            conn,
            read_only: None,
        })
    }

    /// True when this process may read the database but not write it.
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// The schema version this database is at.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The newest schema version this build knows.
    pub fn latest_schema_version() -> i64 {
        schema::latest()
    }
}

impl Store for SqliteStore {
    fn begin_write(&mut self) -> Result<()> {
        if let Some(location) = &self.read_only {
            return Err(StoreError::ReadOnly {
                location: location.clone(),
                why: "this user may not write the file or its folder".into(),
            });
        }
        Ok(self.conn.execute_batch("BEGIN IMMEDIATE")?)
    }
    fn commit(&mut self) -> Result<()> {
        Ok(self.conn.execute_batch("COMMIT")?)
    }
    fn rollback(&mut self) -> Result<()> {
        Ok(self.conn.execute_batch("ROLLBACK")?)
    }
    fn data_version(&mut self) -> Result<u64> {
        // SQLite's `data_version` moves when another connection (or process) commits, but not
        // for this connection's own writes: those are counted by `total_changes()`. Together
        // they change with every write, and no table or trigger is needed.
        let (others, own): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT (SELECT data_version FROM pragma_data_version), total_changes()",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(((others as u64) << 32) ^ own as u64)
    }

    fn refresh_statistics(&mut self) -> Result<()> {
        self.conn.execute_batch("PRAGMA optimize")?;
        Ok(())
    }

    fn find_document(&mut self, sha256: &str) -> Result<Option<DocumentId>> {
        lists::find_document(&self.conn, sha256)
    }
    fn find_document_by_content(&mut self, content_sha256: &str) -> Result<Option<DocumentId>> {
        lists::find_document_by_content(&self.conn, content_sha256)
    }
    fn insert_document(&mut self, document: &Document) -> Result<DocumentId> {
        lists::insert_document(&self.conn, document)
    }
    fn insert_list(
        &mut self,
        document: DocumentId,
        position: usize,
        list: &List,
    ) -> Result<ListId> {
        lists::insert_list(&self.conn, document, position, list)
    }
    fn document_lists(&mut self, document: DocumentId) -> Result<Vec<ListId>> {
        lists::document_lists(&self.conn, document)
    }
    fn list_summaries(&mut self) -> Result<Vec<ListSummary>> {
        lists::list_summaries(&self.conn)
    }
    fn list(&mut self, id: ListId) -> Result<StoredList> {
        lists::lists(&self.conn, Some(id))?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("no list with id {id}")))
    }
    fn lists(&mut self) -> Result<Vec<StoredList>> {
        lists::lists(&self.conn, None)
    }
    fn ranking_lists(&mut self) -> Result<Vec<RankingList>> {
        ranking::ranking_lists(&self.conn)
    }
    fn source_of(&mut self, id: ListId) -> Result<Document> {
        lists::source_of(&self.conn, id)
    }
    fn delete_list(&mut self, id: ListId) -> Result<()> {
        lists::delete_list(&self.conn, id)
    }
    fn doubtful_lists(&mut self, below: f64) -> Result<Vec<DoubtfulList>> {
        lists::doubtful_lists(&self.conn, below)
    }
    fn set_list_checked(&mut self, id: ListId, checked: bool) -> Result<()> {
        lists::set_list_checked(&self.conn, id, checked)
    }
    fn replace_list(&mut self, id: ListId, list: &List) -> Result<()> {
        lists::replace_list(&self.conn, id, list)
    }
    fn song_rows(&mut self) -> Result<Vec<SongRow>> {
        lists::song_rows(&self.conn)
    }

    fn films(&mut self) -> Result<Vec<StoredFilm>> {
        films::films(&self.conn)
    }
    fn film(&mut self, id: FilmId) -> Result<StoredFilm> {
        films::film(&self.conn, id)
    }
    fn insert_film(&mut self, film: &Film, provisional: bool) -> Result<FilmId> {
        films::insert_film(&self.conn, film, provisional)
    }
    fn update_film(&mut self, id: FilmId, film: &Film, provisional: bool) -> Result<()> {
        films::update_film(&self.conn, id, film, provisional)
    }
    fn remove_aliases(&mut self, id: FilmId, titles: &[String]) -> Result<()> {
        films::remove_aliases(&self.conn, id, titles)
    }
    fn set_merged_into(&mut self, id: FilmId, into: Option<FilmId>) -> Result<()> {
        films::set_merged_into(&self.conn, id, into)
    }
    fn catalog_film_count(&mut self) -> Result<u64> {
        films::catalog_film_count(&self.conn)
    }
    fn film_count(&mut self) -> Result<u64> {
        films::count(&self.conn, "SELECT COUNT(*) FROM films")
    }
    fn films_by_id(&mut self, ids: &[FilmId]) -> Result<Vec<StoredFilm>> {
        films::films_by_id(&self.conn, ids)
    }
    fn add_film_words(&mut self, pairs: &[(String, FilmId)]) -> Result<()> {
        films::add_film_words(&self.conn, pairs)
    }
    fn films_with_word(&mut self, word: &str, limit: usize) -> Result<Vec<FilmId>> {
        films::films_with_word(&self.conn, word, limit)
    }
    fn film_word_count(&mut self) -> Result<u64> {
        films::count(&self.conn, "SELECT COUNT(*) FROM film_words")
    }

    fn items(&mut self, filter: ItemFilter) -> Result<Vec<PrintedItem>> {
        films::items(&self.conn, filter)
    }
    fn item(&mut self, item: ItemRef) -> Result<PrintedItem> {
        films::item(&self.conn, item)
    }
    fn resolution(&mut self, item: ItemRef) -> Result<Option<Resolution>> {
        films::resolution(&self.conn, item)
    }
    fn resolutions(&mut self) -> Result<Vec<(ItemRef, Resolution)>> {
        films::resolutions(&self.conn)
    }
    fn set_resolution(&mut self, item: ItemRef, resolution: &Resolution) -> Result<()> {
        films::set_resolution(&self.conn, item, resolution)
    }
    fn repoint_resolutions(&mut self, from: FilmId, into: FilmId) -> Result<()> {
        films::repoint_resolutions(&self.conn, from, into)
    }
    fn clear_automatic_resolutions(&mut self, film: FilmId) -> Result<()> {
        films::clear_automatic_resolutions(&self.conn, film)
    }
    fn review_queue(&mut self) -> Result<Vec<ReviewRow>> {
        films::review_queue(&self.conn)
    }
    fn review_count(&mut self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM resolutions WHERE film_id IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }
    fn film_citations(&mut self, films: &[FilmId]) -> Result<Vec<FilmCitation>> {
        films::film_citations(&self.conn, films)
    }
    fn add_film_facts(&mut self, entry: EntryId, facts: &[FilmFact]) -> Result<()> {
        films::add_film_facts(&self.conn, entry, facts)
    }

    fn setting(&mut self, key: &str) -> Result<Option<String>> {
        lists::setting(&self.conn, key)
    }
    fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        lists::set_setting(&self.conn, key, value)
    }
    fn list_weights(&mut self) -> Result<Vec<(ListId, f64)>> {
        lists::list_weights(&self.conn)
    }
    fn set_list_weight(&mut self, list: ListId, weight: Option<f64>) -> Result<()> {
        lists::set_list_weight(&self.conn, list, weight)
    }

    fn add_decision(&mut self, decision: &Decision) -> Result<()> {
        films::add_decision(&self.conn, decision)
    }
    fn decisions(&mut self) -> Result<Vec<Decision>> {
        films::decisions(&self.conn)
    }
    fn remove_merge(&mut self, into: FilmId, from: FilmId) -> Result<()> {
        films::remove_merge(&self.conn, into, from)
    }
}
