//! The PostgreSQL backend: a server many processes share.
//!
//! Same tables, same rules as the SQLite backend, written for PostgreSQL (`BIGSERIAL` ids,
//! `BYTEA` documents, `BOOLEAN` flags; JSON arrays stay `TEXT`, as the store never looks inside
//! them). The tables live in the first schema of the connection's `search_path`, so one database
//! can hold several needledrop stores (the tests give each run its own schema).
//!
//! Writers queue like SQLite's: [`Store::begin_write`] opens a `READ COMMITTED` transaction and
//! takes a transaction-scoped advisory lock on the schema first, so the read-then-write work the
//! application does in one transaction (is this document stored? then store it) sees every
//! earlier writer's commit and never races another writer. Readers are never blocked.

mod films;
mod lists;
mod ranking;
mod schema;

use crate::{
    Decision, DoubtfulList, FilmCitation, FilmFact, ItemFilter, ListSummary, PrintedItem,
    RankingList, Result, ReviewRow, SongRow, Store, StoreError, StoredList,
};
use ::postgres::{Client, NoTls, Statement};
use needledrop_model::{
    Document, DocumentId, EntryId, Film, FilmId, ItemRef, List, ListId, Resolution, StoredFilm,
};
use std::collections::HashMap;

/// The first key of needledrop's advisory locks (the second names the lock and the schema).
pub(crate) const LOCK_CLASS: i32 = 0x6e64_0001;

/// A needledrop database in a PostgreSQL schema.
pub struct PgStore {
    client: Client,
    // Boxed, so `AnyStore`'s variants stay about the same size.
    statements: Box<Prepared>,
}

/// The statements of the write path, prepared once per connection: a statement given as text
/// costs two round trips (prepare, then execute), a prepared one costs one.
#[derive(Default)]
pub(crate) struct Prepared(HashMap<&'static str, Statement>);

impl Prepared {
    /// `sql` prepared on this connection, preparing it the first time.
    pub(crate) fn get(&mut self, c: &mut Client, sql: &'static str) -> Result<Statement> {
        if let Some(statement) = self.0.get(sql) {
            return Ok(statement.clone());
        }
        // Server-side prepared statements outlive a rolled-back transaction, so one kept here
        // stays valid after a failed write.
        let statement = c.prepare(sql)?;
        self.0.insert(sql, statement.clone());
        Ok(statement)
    }
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to the server at `uri` (`postgres://user@host:port/db?options…`, or the
    /// `key=value` form) and brings the schema up to date, creating the tables on first use.
    ///
    /// The connection is not encrypted (no TLS): use it on a trusted network or a local socket.
    /// Errors name the server with its password masked.
    pub fn open(uri: &str) -> Result<PgStore> {
        let open_error = |message: String| StoreError::Open {
            location: crate::redact_location(uri),
            message,
        };
        let config: ::postgres::Config = uri
            .parse()
            .map_err(|e: ::postgres::Error| open_error(scrub(&describe(&e), uri)))?;
        let mut client = config
            .connect(NoTls)
            .map_err(|e| open_error(scrub(&describe(&e), uri)))?;
        schema::migrate(&mut client)?;
        Ok(PgStore {
            client,
            statements: Box::default(),
        })
    }

    /// The schema version this database is at.
    pub fn schema_version(&mut self) -> Result<i64> {
        let n: Option<i64> = self
            .client
            .query_one("SELECT MAX(version) FROM schema_migrations", &[])?
            .try_get(0)?;
        Ok(n.unwrap_or(0))
    }

    /// The newest schema version this build knows.
    pub fn latest_schema_version() -> i64 {
        schema::latest()
    }
}

/// A PostgreSQL error with the server's message, detail and hint, when it sent them.
pub(crate) fn describe(e: &::postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut text = format!("{}: {}", db.severity(), db.message());
            if let Some(detail) = db.detail() {
                text.push_str(&format!(" ({detail})"));
            }
            if let Some(hint) = db.hint() {
                text.push_str(&format!("; hint: {hint}"));
            }
            text
        }
        None => {
            let mut text = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                let more = s.to_string();
                if !text.contains(&more) {
                    text.push_str(&format!(": {more}"));
                }
                source = s.source();
            }
            text
        }
    }
}

/// `message` with any password of `uri` masked, in case the driver quoted it.
fn scrub(message: &str, uri: &str) -> String {
    match crate::location::password(uri) {
        Some(p) if !p.is_empty() => message.replace(p, "***"),
        _ => message.to_string(),
    }
}

impl From<::postgres::Error> for StoreError {
    fn from(e: ::postgres::Error) -> Self {
        StoreError::Backend(describe(&e))
    }
}

impl Store for PgStore {
    fn begin_write(&mut self) -> Result<()> {
        // The write lock is keyed on the schema, so stores in other schemas do not wait.
        self.client.batch_execute(&format!(
            "BEGIN ISOLATION LEVEL READ COMMITTED;
             SELECT pg_advisory_xact_lock({LOCK_CLASS}, hashtext('write:' || current_schema()));"
        ))?;
        Ok(())
    }
    fn commit(&mut self) -> Result<()> {
        Ok(self.client.batch_execute("COMMIT")?)
    }
    fn rollback(&mut self) -> Result<()> {
        Ok(self.client.batch_execute("ROLLBACK")?)
    }
    fn refresh_statistics(&mut self) -> Result<()> {
        self.client.batch_execute("ANALYZE")?;
        Ok(())
    }

    fn data_version(&mut self) -> Result<u64> {
        // Bumped by a trigger on every table, once per writing transaction (migration 0006).
        // The simple protocol: one round trip, no statement to prepare.
        let rows = self
            .client
            .simple_query("SELECT version FROM data_version")?;
        let version = rows.iter().find_map(|m| match m {
            ::postgres::SimpleQueryMessage::Row(row) => row.get(0),
            _ => None,
        });
        version
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| StoreError::Backend("the data_version table has no version".into()))
    }

    fn find_document(&mut self, sha256: &str) -> Result<Option<DocumentId>> {
        lists::find_document(&mut self.client, &mut self.statements, sha256)
    }
    fn find_document_by_content(&mut self, content_sha256: &str) -> Result<Option<DocumentId>> {
        lists::find_document_by_content(&mut self.client, &mut self.statements, content_sha256)
    }
    fn insert_document(&mut self, document: &Document) -> Result<DocumentId> {
        lists::insert_document(&mut self.client, &mut self.statements, document)
    }
    fn insert_list(
        &mut self,
        document: DocumentId,
        position: usize,
        list: &List,
    ) -> Result<ListId> {
        lists::insert_list(
            &mut self.client,
            &mut self.statements,
            document,
            position,
            list,
        )
    }
    fn document_lists(&mut self, document: DocumentId) -> Result<Vec<ListId>> {
        lists::document_lists(&mut self.client, document)
    }
    fn list_summaries(&mut self) -> Result<Vec<ListSummary>> {
        lists::list_summaries(&mut self.client)
    }
    fn list(&mut self, id: ListId) -> Result<StoredList> {
        lists::lists(&mut self.client, Some(id))?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("no list with id {id}")))
    }
    fn lists(&mut self) -> Result<Vec<StoredList>> {
        lists::lists(&mut self.client, None)
    }
    fn ranking_lists(&mut self) -> Result<Vec<RankingList>> {
        ranking::ranking_lists(&mut self.client)
    }
    fn source_of(&mut self, id: ListId) -> Result<Document> {
        lists::source_of(&mut self.client, id)
    }
    fn delete_list(&mut self, id: ListId) -> Result<()> {
        lists::delete_list(&mut self.client, id)
    }
    fn doubtful_lists(&mut self, below: f64) -> Result<Vec<DoubtfulList>> {
        lists::doubtful_lists(&mut self.client, below)
    }
    fn set_list_checked(&mut self, id: ListId, checked: bool) -> Result<()> {
        lists::set_list_checked(&mut self.client, id, checked)
    }
    fn replace_list(&mut self, id: ListId, list: &List) -> Result<()> {
        lists::replace_list(&mut self.client, &mut self.statements, id, list)
    }
    fn song_rows(&mut self) -> Result<Vec<SongRow>> {
        lists::song_rows(&mut self.client)
    }

    fn films(&mut self) -> Result<Vec<StoredFilm>> {
        films::films(&mut self.client)
    }
    fn film(&mut self, id: FilmId) -> Result<StoredFilm> {
        films::film(&mut self.client, id)
    }
    fn insert_film(&mut self, film: &Film, provisional: bool) -> Result<FilmId> {
        films::insert_film(&mut self.client, film, provisional)
    }
    fn update_film(&mut self, id: FilmId, film: &Film, provisional: bool) -> Result<()> {
        films::update_film(&mut self.client, id, film, provisional)
    }
    fn remove_aliases(&mut self, id: FilmId, titles: &[String]) -> Result<()> {
        films::remove_aliases(&mut self.client, id, titles)
    }
    fn set_merged_into(&mut self, id: FilmId, into: Option<FilmId>) -> Result<()> {
        films::set_merged_into(&mut self.client, id, into)
    }
    fn catalog_film_count(&mut self) -> Result<u64> {
        films::count(
            &mut self.client,
            "SELECT COUNT(*) FROM films WHERE NOT provisional AND merged_into IS NULL",
        )
    }
    fn film_count(&mut self) -> Result<u64> {
        films::count(&mut self.client, "SELECT COUNT(*) FROM films")
    }
    fn films_by_id(&mut self, ids: &[FilmId]) -> Result<Vec<StoredFilm>> {
        films::films_by_id(&mut self.client, ids)
    }
    fn add_film_words(&mut self, pairs: &[(String, FilmId)]) -> Result<()> {
        films::add_film_words(&mut self.client, pairs)
    }
    fn films_with_word(&mut self, word: &str, limit: usize) -> Result<Vec<FilmId>> {
        films::films_with_word(&mut self.client, word, limit)
    }
    fn film_word_count(&mut self) -> Result<u64> {
        films::count(&mut self.client, "SELECT COUNT(*) FROM film_words")
    }

    fn items(&mut self, filter: ItemFilter) -> Result<Vec<PrintedItem>> {
        films::items(&mut self.client, filter)
    }
    fn item(&mut self, item: ItemRef) -> Result<PrintedItem> {
        films::item(&mut self.client, item)
    }
    fn resolution(&mut self, item: ItemRef) -> Result<Option<Resolution>> {
        films::resolution(&mut self.client, item)
    }
    fn resolutions(&mut self) -> Result<Vec<(ItemRef, Resolution)>> {
        films::resolutions(&mut self.client)
    }
    fn set_resolution(&mut self, item: ItemRef, resolution: &Resolution) -> Result<()> {
        films::set_resolutions(
            &mut self.client,
            &mut self.statements,
            &[(item, resolution.clone())],
        )
    }
    fn set_resolutions(&mut self, resolutions: &[(ItemRef, Resolution)]) -> Result<()> {
        films::set_resolutions(&mut self.client, &mut self.statements, resolutions)
    }
    fn repoint_resolutions(&mut self, from: FilmId, into: FilmId) -> Result<()> {
        films::repoint_resolutions(&mut self.client, from, into)
    }
    fn clear_automatic_resolutions(&mut self, film: FilmId) -> Result<()> {
        films::clear_automatic_resolutions(&mut self.client, film)
    }
    fn review_queue(&mut self) -> Result<Vec<ReviewRow>> {
        films::review_queue(&mut self.client)
    }
    fn review_count(&mut self) -> Result<usize> {
        let count = self.statements.get(
            &mut self.client,
            "SELECT count(*) FROM resolutions WHERE film_id IS NULL",
        )?;
        let n: i64 = self.client.query_one(&count, &[])?.try_get(0)?;
        Ok(n as usize)
    }
    fn film_citations(&mut self, films: &[FilmId]) -> Result<Vec<FilmCitation>> {
        films::film_citations(&mut self.client, films)
    }
    fn add_film_facts(&mut self, entry: EntryId, facts: &[FilmFact]) -> Result<()> {
        films::add_film_facts_of(
            &mut self.client,
            &mut self.statements,
            &[(entry, facts.to_vec())],
        )
    }
    fn add_film_facts_of(&mut self, facts: &[(EntryId, Vec<FilmFact>)]) -> Result<()> {
        films::add_film_facts_of(&mut self.client, &mut self.statements, facts)
    }

    fn setting(&mut self, key: &str) -> Result<Option<String>> {
        lists::setting(&mut self.client, key)
    }
    fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        lists::set_setting(&mut self.client, key, value)
    }
    fn list_weights(&mut self) -> Result<Vec<(ListId, f64)>> {
        lists::list_weights(&mut self.client)
    }
    fn set_list_weight(&mut self, list: ListId, weight: Option<f64>) -> Result<()> {
        lists::set_list_weight(&mut self.client, list, weight)
    }

    fn add_decision(&mut self, decision: &Decision) -> Result<()> {
        films::add_decision(&mut self.client, decision)
    }
    fn decisions(&mut self) -> Result<Vec<Decision>> {
        films::decisions(&mut self.client)
    }
    fn remove_merge(&mut self, into: FilmId, from: FilmId) -> Result<()> {
        films::remove_merge(&mut self.client, into, from)
    }
}
