//! Films in the store: catalog import in one transaction, resolution of every entry and mention,
//! the review queue, and the decisions a person makes (link, merge, alias), which persist and are
//! re-applied after every import and resolution run.
//!
//! Resolution itself is the catalog crate's: the store loads its films into a
//! [`needledrop_catalog::Catalog`], lets it decide, and writes the outcome back.

use crate::{Store, StoreError};
use needledrop_catalog::{
    film_facts, import_into, Catalog, CatalogError, CatalogId, ImportError, ImportFailure,
    MatchReason, Query, Record, Resolution,
};
use needledrop_model::{Film, SoundtrackKind, Year};
use rusqlite::{params, OptionalExtension, Transaction};

/// A film's id in the store.
pub type StoredFilmId = i64;

/// Why a catalog operation on the store failed.
#[derive(Debug, thiserror::Error)]
pub enum FilmError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A catalog file could not be read; nothing from the import was kept.
    #[error("{0} (nothing was imported)")]
    Import(#[from] ImportError),
    /// The catalog refused a change.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// No film has this id.
    #[error("no film with id {0}; `needledrop catalog search` lists ids")]
    NoSuchFilm(StoredFilmId),
    /// The film has no merged film to split off.
    #[error("film {0} has nothing merged into it to split off")]
    NothingToSplit(StoredFilmId),
    /// No entry has this id.
    #[error("no entry with id {0}; `needledrop review` lists ids")]
    NoSuchEntry(i64),
    /// A film cannot be merged with itself.
    #[error("cannot merge film {0} with itself")]
    SelfMerge(StoredFilmId),
    /// The alias is another film's title: the two films would point at each other.
    #[error(
        "{alias:?} is the title of film {other}; merge the two films instead of adding an alias"
    )]
    CircularAlias {
        /// The alias refused.
        alias: String,
        /// The film whose title it is.
        other: StoredFilmId,
    },
}

impl From<rusqlite::Error> for FilmError {
    fn from(e: rusqlite::Error) -> Self {
        FilmError::Store(StoreError::Sqlite(e))
    }
}

impl From<ImportFailure<CatalogError>> for FilmError {
    fn from(e: ImportFailure<CatalogError>) -> Self {
        match e {
            ImportFailure::Source(e) => FilmError::Import(e),
            ImportFailure::Sink { source, .. } => FilmError::Catalog(source),
        }
    }
}

/// A film as stored, with its id.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFilm {
    /// The store's id.
    pub id: StoredFilmId,
    /// The film's facts.
    pub film: Film,
    /// True when made up for a title no catalog knew.
    pub provisional: bool,
}

/// The films a list's items resolved to, in document order (`None`: in review or unresolved).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListFilms {
    /// One per entry.
    pub entries: Vec<Option<StoredFilm>>,
    /// One per mention.
    pub mentions: Vec<Option<StoredFilm>>,
}

/// One list's entry or mention of a film.
#[derive(Debug, Clone, PartialEq)]
pub struct FilmCitation {
    /// The list.
    pub list: crate::ListId,
    /// The list's title.
    pub list_title: Option<String>,
    /// The printed rank; `None` for a mention.
    pub rank: Option<u32>,
    /// The title as the list printed it.
    pub printed_title: String,
    /// How the resolution was decided (exact, alias, fuzzy, manual, …).
    pub reason: String,
    /// The resolution's confidence.
    pub confidence: f64,
}

/// What a catalog import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogImport {
    /// Records read.
    pub records: u64,
    /// Films in the store afterwards.
    pub films: u64,
}

/// An entry or mention waiting for a person.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    /// The entry's id (for `link`), or `None` for a mention.
    pub entry_id: Option<i64>,
    /// The mention's id, for a mention.
    pub mention_id: Option<i64>,
    /// The title as printed.
    pub title: String,
    /// The printed year.
    pub year: Option<i32>,
    /// Films considered, best first.
    pub candidates: Vec<StoredFilm>,
}

/// An entry or mention to resolve: entry id, mention id, printed title, printed year, blurb.
type PrintedItem = (Option<i64>, Option<i64>, String, Option<i64>, String);

/// The store's films loaded into a catalog, with the id mapping both ways.
struct Loaded {
    catalog: Catalog,
    /// Catalog id → store id.
    ids: Vec<StoredFilmId>,
}

impl Loaded {
    fn stored(&self, id: CatalogId) -> Option<StoredFilmId> {
        self.ids.get(id.0 as usize).copied()
    }
    fn catalog_id(&self, id: StoredFilmId) -> Option<CatalogId> {
        self.ids
            .iter()
            .position(|&s| s == id)
            .and_then(|i| u32::try_from(i).ok())
            .map(CatalogId)
    }
}

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn to_json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn read_film(row: &rusqlite::Row<'_>) -> rusqlite::Result<(StoredFilmId, Film, bool, Option<i64>)> {
    let year: Option<i64> = row.get(2)?;
    let kind: Option<String> = row.get(5)?;
    Ok((
        row.get(0)?,
        Film {
            title: row.get(1)?,
            year: year
                .and_then(|y| i32::try_from(y).ok())
                .and_then(|y| Year::new(y).ok()),
            directors: json_list(&row.get::<_, String>(3)?),
            genres: json_list(&row.get::<_, String>(4)?),
            soundtrack_kind: kind.as_deref().and_then(SoundtrackKind::parse),
            imdb_id: row.get(6)?,
            aliases: Vec::new(),
        },
        row.get::<_, i64>(7)? != 0,
        row.get(8)?,
    ))
}

const FILM_COLUMNS: &str =
    "id, title, year, directors, genres, soundtrack_kind, imdb_id, provisional, merged_into";

/// Loads every film (merged ones too, so ids keep their positions) into a catalog.
fn load(tx: &rusqlite::Connection) -> Result<Loaded, FilmError> {
    let mut stmt = tx.prepare(&format!("SELECT {FILM_COLUMNS} FROM films ORDER BY id"))?;
    let rows = stmt
        .query_map([], read_film)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut aliases_stmt =
        tx.prepare("SELECT film_id, title FROM film_aliases ORDER BY film_id, title")?;
    let mut aliases: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for row in aliases_stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, title) = row?;
        aliases.entry(id).or_default().push(title);
    }
    let mut catalog = Catalog::new();
    catalog.set_articles(
        needledrop_catalog::bundled()
            .map(|c| c.articles().clone())
            .unwrap_or_default(),
    );
    let mut ids = Vec::with_capacity(rows.len());
    let mut merges = Vec::new();
    for (id, mut film, provisional, merged_into) in rows {
        film.aliases = aliases.remove(&id).unwrap_or_default();
        let cid = if provisional {
            let cid = catalog.insert_provisional(&film.title, film.year.map(Year::get))?;
            for a in &film.aliases {
                let _ = catalog.add_alias(cid, a);
            }
            cid
        } else {
            catalog.push_new(film)?
        };
        debug_assert_eq!(cid.0 as usize, ids.len());
        ids.push(id);
        if let Some(into) = merged_into {
            merges.push((into, cid));
        }
    }
    let mut loaded = Loaded { catalog, ids };
    for (into, from) in merges {
        if let Some(into) = loaded.catalog_id(into) {
            let _ = loaded.catalog.merge(into, from);
        }
    }
    Ok(loaded)
}

/// Writes the catalog's films back: updates known ids, inserts new films.
fn save(tx: &Transaction<'_>, loaded: &mut Loaded) -> Result<(), FilmError> {
    let total = loaded.catalog.slot_count();
    for i in 0..total {
        let Ok(i32_id) = u32::try_from(i) else { break };
        let cid = CatalogId(i32_id);
        let Some(film) = loaded.catalog.film_at(cid) else {
            continue;
        };
        let provisional = loaded.catalog.is_provisional(cid);
        let merged_into = loaded
            .catalog
            .canonical(cid)
            .filter(|c| *c != cid)
            .and_then(|c| loaded.stored(c));
        let year = film.year.map(|y| i64::from(y.get()));
        let kind = film.soundtrack_kind.map(SoundtrackKind::as_str);
        let stored_id = match loaded.stored(cid) {
            Some(id) => {
                tx.execute(
                    "UPDATE films SET title = ?2, year = ?3, directors = ?4, genres = ?5,
                        soundtrack_kind = ?6, imdb_id = ?7, provisional = ?8, merged_into = ?9
                     WHERE id = ?1",
                    params![
                        id,
                        film.title,
                        year,
                        to_json(&film.directors),
                        to_json(&film.genres),
                        kind,
                        film.imdb_id,
                        provisional,
                        merged_into
                    ],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO films (title, year, directors, genres, soundtrack_kind, imdb_id, provisional)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        film.title,
                        year,
                        to_json(&film.directors),
                        to_json(&film.genres),
                        kind,
                        film.imdb_id,
                        provisional
                    ],
                )?;
                let id = tx.last_insert_rowid();
                loaded.ids.push(id);
                id
            }
        };
        let mut alias_stmt = tx.prepare_cached(
            "INSERT OR IGNORE INTO film_aliases (film_id, title) VALUES (?1, ?2)",
        )?;
        for alias in &film.aliases {
            alias_stmt.execute(params![stored_id, alias])?;
        }
    }
    Ok(())
}

/// Re-applies every merge and alias decision (links are applied during resolution).
fn reapply_decisions(loaded: &mut Loaded, tx: &rusqlite::Connection) -> Result<(), FilmError> {
    let mut stmt =
        tx.prepare("SELECT kind, film_id, other_id, title FROM decisions WHERE kind IN ('merge', 'alias') ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (kind, film, other, title) in rows {
        let Some(film) = loaded.catalog_id(film) else {
            continue;
        };
        match (
            kind.as_str(),
            other.and_then(|o| loaded.catalog_id(o)),
            title,
        ) {
            ("merge", Some(other), _) => {
                // Already merged is fine: decisions are re-applied after every import.
                let _ = loaded.catalog.merge(film, other);
            }
            ("alias", _, Some(title)) => {
                let _ = loaded.catalog.add_alias(film, &title);
            }
            _ => {}
        }
    }
    Ok(())
}

impl Store {
    /// Imports catalog records (from [`needledrop_catalog::Source`]s) in one transaction: any
    /// error leaves the store as it was. Films already stored are updated, never duplicated, so
    /// importing the same files again changes nothing; merge and alias decisions are re-applied.
    pub fn import_catalog<I>(&mut self, records: I) -> Result<CatalogImport, FilmError>
    where
        I: IntoIterator<Item = Result<Record, ImportError>>,
    {
        let tx = self.conn.transaction()?;
        let mut loaded = load(&tx)?;
        let fed = import_into(records, &mut loaded.catalog)?;
        loaded.catalog.finish_import();
        reapply_decisions(&mut loaded, &tx)?;
        save(&tx, &mut loaded)?;
        let films: i64 = tx.query_row(
            "SELECT COUNT(*) FROM films WHERE merged_into IS NULL",
            [],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(CatalogImport {
            records: fed,
            films: u64::try_from(films).unwrap_or(0),
        })
    }

    /// Resolves every entry and mention of every stored list (person's links first), storing the
    /// film with its confidence and reason, or a place in the review queue; provisional films
    /// are stored for titles nothing matched. Film facts read from entry blurbs are stored too.
    /// Manual resolutions are kept. Returns how many items went to review.
    pub fn resolve_all(&mut self) -> Result<usize, FilmError> {
        let tx = self.conn.transaction()?;
        let review = resolve_all_in(&tx)?;
        tx.commit()?;
        Ok(review)
    }

    /// The film with this id (following merges).
    pub fn film(&self, id: StoredFilmId) -> Result<StoredFilm, FilmError> {
        let mut current = id;
        for _ in 0..64 {
            let row = self
                .conn
                .query_row(
                    &format!("SELECT {FILM_COLUMNS} FROM films WHERE id = ?1"),
                    [current],
                    read_film,
                )
                .optional()?
                .ok_or(FilmError::NoSuchFilm(id))?;
            let (fid, mut film, provisional, merged_into) = row;
            if let Some(next) = merged_into {
                current = next;
                continue;
            }
            let mut stmt = self
                .conn
                .prepare("SELECT title FROM film_aliases WHERE film_id = ?1 ORDER BY title")?;
            film.aliases = stmt
                .query_map([fid], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            return Ok(StoredFilm {
                id: fid,
                film,
                provisional,
            });
        }
        Err(FilmError::NoSuchFilm(id))
    }

    /// Films a title could mean, best first (for `catalog search` and `show film`).
    pub fn search_films(
        &self,
        title: &str,
    ) -> Result<Vec<(StoredFilm, f32, MatchReason)>, FilmError> {
        let loaded = load(&self.conn)?;
        let candidates = match loaded.catalog.resolve(&Query::title(title)) {
            Resolution::Matched(c) => vec![c],
            Resolution::NeedsReview { candidates } => candidates,
            Resolution::NoMatch => Vec::new(),
        };
        let mut out = Vec::new();
        for c in candidates {
            if let Some(id) = loaded
                .catalog
                .canonical(c.film)
                .and_then(|f| loaded.stored(f))
            {
                out.push((self.film(id)?, c.confidence, c.reason));
            }
        }
        Ok(out)
    }

    /// Entries and mentions waiting for a person, with their candidates.
    pub fn review_queue(&self) -> Result<Vec<ReviewItem>, FilmError> {
        let mut stmt = self.conn.prepare(
            "SELECT r.entry_id, r.mention_id, COALESCE(e.title, m.title), COALESCE(e.year, m.year), r.candidates
             FROM resolutions r
             LEFT JOIN entries e ON e.id = r.entry_id
             LEFT JOIN mentions m ON m.id = r.mention_id
             WHERE r.film_id IS NULL ORDER BY r.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::new();
        for (entry_id, mention_id, title, year, candidates) in rows {
            let ids: Vec<i64> = serde_json::from_str(&candidates).unwrap_or_default();
            let candidates = ids
                .into_iter()
                .map(|id| self.film(id))
                .collect::<Result<Vec<_>, _>>()?;
            out.push(ReviewItem {
                entry_id,
                mention_id,
                title,
                year: year.and_then(|y| i32::try_from(y).ok()),
                candidates,
            });
        }
        Ok(out)
    }

    /// Links an entry to a film by hand. The decision is kept by the entry's printed title and
    /// year, so it applies again when the list is re-ingested or the catalog re-imported.
    pub fn link_entry(&mut self, entry_id: i64, film: StoredFilmId) -> Result<(), FilmError> {
        let tx = self.conn.transaction()?;
        let entry: Option<(String, Option<i64>)> = tx
            .query_row(
                "SELECT title, year FROM entries WHERE id = ?1",
                [entry_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (title, year) = entry.ok_or(FilmError::NoSuchEntry(entry_id))?;
        let loaded = load(&tx)?;
        let cid = loaded.catalog_id(film).ok_or(FilmError::NoSuchFilm(film))?;
        let film = loaded
            .catalog
            .canonical(cid)
            .and_then(|c| loaded.stored(c))
            .ok_or(FilmError::NoSuchFilm(film))?;
        tx.execute(
            "INSERT INTO decisions (kind, title_key, year, film_id) VALUES ('link', ?1, ?2, ?3)",
            params![loaded.catalog.key(&title), year, film],
        )?;
        tx.execute("DELETE FROM resolutions WHERE entry_id = ?1", [entry_id])?;
        tx.execute(
            "INSERT INTO resolutions (entry_id, film_id, confidence, reason) VALUES (?1, ?2, 1.0, 'manual')",
            params![entry_id, film],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Merges film `from` into film `into`: `from`'s titles become aliases, and everything that
    /// meant `from` now means `into`. Refused for a film and itself (even through earlier merges).
    pub fn merge_films(&mut self, into: StoredFilmId, from: StoredFilmId) -> Result<(), FilmError> {
        let tx = self.conn.transaction()?;
        let mut loaded = load(&tx)?;
        let a = loaded.catalog_id(into).ok_or(FilmError::NoSuchFilm(into))?;
        let b = loaded.catalog_id(from).ok_or(FilmError::NoSuchFilm(from))?;
        if loaded.catalog.canonical(a) == loaded.catalog.canonical(b) {
            return Err(FilmError::SelfMerge(into));
        }
        loaded.catalog.merge(a, b)?;
        let into_id = loaded
            .catalog
            .canonical(a)
            .and_then(|c| loaded.stored(c))
            .unwrap_or(into);
        save(&tx, &mut loaded)?;
        tx.execute(
            "INSERT INTO decisions (kind, film_id, other_id) VALUES ('merge', ?1, ?2)",
            params![into_id, from],
        )?;
        tx.execute(
            "UPDATE resolutions SET film_id = ?1 WHERE film_id = ?2",
            params![into_id, from],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Undoes the merges into `film`: every film merged into it stands alone again with its own
    /// titles, the merge decisions are dropped, and entries that were not linked by hand are
    /// resolved afresh. Returns the films split off.
    pub fn split_film(&mut self, film: StoredFilmId) -> Result<Vec<StoredFilmId>, FilmError> {
        let tx = self.conn.transaction()?;
        let exists: Option<i64> = tx
            .query_row("SELECT id FROM films WHERE id = ?1", [film], |r| r.get(0))
            .optional()?;
        exists.ok_or(FilmError::NoSuchFilm(film))?;
        let merged: Vec<i64> = tx
            .prepare("SELECT id FROM films WHERE merged_into = ?1 ORDER BY id")?
            .query_map([film], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if merged.is_empty() {
            return Err(FilmError::NothingToSplit(film));
        }
        for m in &merged {
            tx.execute(
                "DELETE FROM film_aliases WHERE film_id = ?1 AND title IN
                    (SELECT title FROM films WHERE id = ?2 UNION SELECT title FROM film_aliases WHERE film_id = ?2)",
                params![film, m],
            )?;
            tx.execute("UPDATE films SET merged_into = NULL WHERE id = ?1", [m])?;
            tx.execute(
                "DELETE FROM decisions WHERE kind = 'merge' AND film_id = ?1 AND other_id = ?2",
                params![film, m],
            )?;
        }
        tx.execute(
            "DELETE FROM resolutions WHERE film_id = ?1 AND reason <> 'manual'",
            [film],
        )?;
        // Re-resolve before committing: a failure leaves the merge in place, not half undone.
        resolve_all_in(&tx)?;
        tx.commit()?;
        Ok(merged)
    }

    /// Gives a film another title. An alias that is another film's title is refused (the films
    /// would point at each other: merge them instead).
    pub fn alias_film(&mut self, film: StoredFilmId, title: &str) -> Result<(), FilmError> {
        let tx = self.conn.transaction()?;
        let mut loaded = load(&tx)?;
        let cid = loaded.catalog_id(film).ok_or(FilmError::NoSuchFilm(film))?;
        match loaded.catalog.add_alias(cid, title) {
            Ok(_) => {}
            Err(CatalogError::AliasIsAnotherTitle { alias, other }) => {
                let other = loaded.stored(CatalogId(other)).unwrap_or(-1);
                return Err(FilmError::CircularAlias { alias, other });
            }
            Err(e) => return Err(e.into()),
        }
        save(&tx, &mut loaded)?;
        let film = loaded
            .catalog
            .canonical(cid)
            .and_then(|c| loaded.stored(c))
            .unwrap_or(film);
        tx.execute(
            "INSERT INTO decisions (kind, film_id, title) VALUES ('alias', ?1, ?2)",
            params![film, title.trim()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// True when the store holds no catalog film yet (provisional films do not count): the
    /// moment to import the bundled catalog.
    pub fn catalog_is_empty(&self) -> Result<bool, FilmError> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM films WHERE provisional = 0",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }

    /// The film every entry and mention of a list resolved to, following merges; `None` for an
    /// item still in review (or not resolved yet), in document order.
    pub fn list_films(&self, list: crate::ListId) -> Result<ListFilms, FilmError> {
        let mut films: std::collections::HashMap<StoredFilmId, StoredFilm> =
            std::collections::HashMap::new();
        let mut lookup = |id: Option<StoredFilmId>| -> Result<Option<StoredFilm>, FilmError> {
            let Some(id) = id else { return Ok(None) };
            if let Some(f) = films.get(&id) {
                return Ok(Some(f.clone()));
            }
            let f = self.film(id)?;
            films.insert(id, f.clone());
            Ok(Some(f))
        };
        let ids = |sql: &str| -> Result<Vec<Option<StoredFilmId>>, FilmError> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt
                .query_map([list.0], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        };
        let entry_ids = ids(
            "SELECT r.film_id FROM entries e LEFT JOIN resolutions r ON r.entry_id = e.id
             WHERE e.list_id = ?1 ORDER BY e.position",
        )?;
        let mention_ids = ids(
            "SELECT r.film_id FROM mentions m LEFT JOIN resolutions r ON r.mention_id = m.id
             WHERE m.list_id = ?1 ORDER BY m.position",
        )?;
        Ok(ListFilms {
            entries: entry_ids
                .into_iter()
                .map(&mut lookup)
                .collect::<Result<_, _>>()?,
            mentions: mention_ids
                .into_iter()
                .map(&mut lookup)
                .collect::<Result<_, _>>()?,
        })
    }

    /// Every entry and mention resolved to `film` (or to a film merged into it): the trace
    /// from a consensus row back to the lists, best rank first.
    pub fn film_citations(&self, film: StoredFilmId) -> Result<Vec<FilmCitation>, FilmError> {
        let mut stmt = self.conn.prepare(
            "WITH RECURSIVE family(id) AS (
                 SELECT ?1 UNION SELECT f.id FROM films f JOIN family ON f.merged_into = family.id
             )
             SELECT l.id, l.title, e.rank, COALESCE(e.title, m.title), r.reason, r.confidence
             FROM resolutions r
             LEFT JOIN entries e ON e.id = r.entry_id
             LEFT JOIN mentions m ON m.id = r.mention_id
             JOIN lists l ON l.id = COALESCE(e.list_id, m.list_id)
             WHERE r.film_id IN (SELECT id FROM family)
             ORDER BY e.rank IS NULL, e.rank, l.id",
        )?;
        let rows = stmt
            .query_map([film], |r| {
                Ok(FilmCitation {
                    list: crate::ListId(r.get(0)?),
                    list_title: r.get(1)?,
                    rank: r.get(2)?,
                    printed_title: r.get(3)?,
                    reason: r.get(4)?,
                    confidence: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The film each entry of a list resolved to (`None` while in review), in entry order.
    pub fn entry_films(
        &self,
        list: crate::ListId,
    ) -> Result<Vec<(i64, Option<StoredFilmId>)>, FilmError> {
        let mut stmt = self.conn.prepare(
            "SELECT e.id, r.film_id FROM entries e LEFT JOIN resolutions r ON r.entry_id = e.id
             WHERE e.list_id = ?1 ORDER BY e.position",
        )?;
        let rows = stmt
            .query_map([list.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

/// [`Store::resolve_all`] inside a transaction the caller commits, so a change and the
/// re-resolution it needs land together.
fn resolve_all_in(tx: &rusqlite::Transaction<'_>) -> Result<usize, FilmError> {
    let mut loaded = load(tx)?;
    reapply_decisions(&mut loaded, tx)?;
    let links = {
        let mut stmt = tx.prepare(
            "SELECT title_key, year, film_id FROM decisions WHERE kind = 'link' ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    let items: Vec<PrintedItem> = {
        let mut stmt = tx.prepare(
            "SELECT id, NULL, title, year, blurb FROM entries
             UNION ALL SELECT NULL, id, title, year, '' FROM mentions
             ORDER BY 1, 2",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    let mut review = 0;
    let mut outcomes = Vec::with_capacity(items.len());
    for (entry_id, mention_id, title, year, blurb) in &items {
        let facts = film_facts(blurb);
        let year_hint = year
            .and_then(|y| i32::try_from(y).ok())
            .or(facts.hints.year());
        let key = loaded.catalog.key(title);
        let linked = links
            .iter()
            .rev()
            // A link made for a title printed without a year applies to that title printed without
            // a year only: "Crash" linked to 2004 must not capture "Crash (1996)" elsewhere.
            .find(|(k, y, _)| *k == key && *y == *year)
            .and_then(|(_, _, film)| loaded.catalog_id(*film));
        let resolution = match linked {
            Some(film) => Resolution::Matched(needledrop_catalog::Candidate {
                film,
                confidence: 1.0,
                reason: MatchReason::Manual,
            }),
            None => loaded.catalog.resolve_or_add(
                &Query::title(title)
                    .with_year(year_hint)
                    .with_director(facts.hints.director()),
            )?,
        };
        if matches!(
            resolution,
            Resolution::NeedsReview { .. } | Resolution::NoMatch
        ) {
            review += 1;
        }
        outcomes.push((*entry_id, *mention_id, resolution, facts));
    }
    // Provisional films made above need store ids before resolutions can point at them.
    save(tx, &mut loaded)?;
    for (entry_id, mention_id, resolution, facts) in outcomes {
        let (film, confidence, reason, candidates) = match resolution {
            Resolution::Matched(c) => (
                loaded
                    .catalog
                    .canonical(c.film)
                    .and_then(|f| loaded.stored(f)),
                c.confidence,
                c.reason.as_str(),
                Vec::new(),
            ),
            Resolution::NeedsReview { candidates } => (
                None,
                candidates.first().map_or(0.0, |c| c.confidence),
                "review",
                candidates
                    .iter()
                    .filter_map(|c| loaded.stored(c.film))
                    .collect(),
            ),
            Resolution::NoMatch => (None, 0.0, "review", Vec::new()),
        };
        let column = if entry_id.is_some() {
            "entry_id"
        } else {
            "mention_id"
        };
        let id = entry_id.or(mention_id);
        // A person's link outranks anything automatic, and another link made for the same
        // printed title elsewhere: keep it.
        let manual: Option<String> = tx
            .query_row(
                &format!("SELECT reason FROM resolutions WHERE {column} = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if manual.as_deref() == Some("manual") {
            continue;
        }
        tx.execute(
            &format!("DELETE FROM resolutions WHERE {column} = ?1"),
            [id],
        )?;
        tx.execute(
            &format!(
                "INSERT INTO resolutions ({column}, film_id, confidence, reason, candidates)
                 VALUES (?1, ?2, ?3, ?4, ?5)"
            ),
            params![
                id,
                film,
                f64::from(confidence),
                reason,
                serde_json::to_string(&candidates).unwrap_or_else(|_| "[]".into())
            ],
        )?;
        if let Some(entry) = entry_id {
            let mut facts_stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO film_facts (entry_id, kind, value, phrase) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for a in &facts.awards {
                facts_stmt.execute(params![
                    entry,
                    "award",
                    format!("{}: {}", a.body, a.category),
                    a.phrase
                ])?;
            }
            for k in &facts.kind_evidence {
                facts_stmt.execute(params![entry, "soundtrack_kind", k.kind.as_str(), k.phrase])?;
            }
            for y in &facts.hints.years {
                facts_stmt.execute(params![entry, "year", y.to_string(), y.to_string()])?;
            }
            for d in &facts.hints.directors {
                facts_stmt.execute(params![entry, "director", d, d])?;
            }
        }
    }
    Ok(review)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use needledrop_catalog::{parse_toml, BUNDLED_TOML};
    use needledrop_model::{Entry, List, Mention, Order, Rank};
    use std::path::Path;

    fn bundled_records() -> Vec<Result<Record, ImportError>> {
        parse_toml(BUNDLED_TOML, Path::new("films.toml"))
            .unwrap()
            .into_iter()
            .map(Ok)
            .collect()
    }

    fn film_rows(store: &Store) -> Vec<(i64, String, Option<i64>, Option<i64>)> {
        let mut stmt = store
            .conn
            .prepare("SELECT id, title, year, merged_into FROM films ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn list(titles: &[(&str, Option<i32>)], mentions: &[&str]) -> List {
        let mut list = List::new(Order::Descending);
        for (i, (t, y)) in titles.iter().enumerate() {
            let mut e = Entry::new(Rank::new(i as u32 + 1).unwrap(), *t);
            e.year = y.map(|y| Year::new(y).unwrap());
            list.entries.push(e);
        }
        for m in mentions {
            list.mentions.push(Mention {
                title: m.to_string(),
                year: None,
            });
        }
        list
    }

    fn entry_id(store: &Store, title: &str) -> i64 {
        store
            .conn
            .query_row("SELECT id FROM entries WHERE title = ?1", [title], |r| {
                r.get(0)
            })
            .unwrap()
    }

    fn film_id(store: &Store, title: &str, year: i64) -> i64 {
        store
            .conn
            .query_row(
                "SELECT id FROM films WHERE title = ?1 AND year = ?2",
                params![title, year],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn import_is_one_transaction_and_idempotent() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store.import_catalog(bundled_records()).unwrap();
        assert!(first.films > 150);
        let rows = film_rows(&store);
        let again = store.import_catalog(bundled_records()).unwrap();
        assert_eq!(first.films, again.films);
        assert_eq!(rows, film_rows(&store));

        // A failure at the end of the stream keeps nothing from it.
        let mut fresh = Store::open_in_memory().unwrap();
        let mut records = bundled_records();
        records.push(Err(ImportError::Row {
            path: "x.tsv".into(),
            line: 7,
            reason: "broken".into(),
        }));
        let err = fresh.import_catalog(records).unwrap_err();
        assert!(err.to_string().contains("line 7"), "{err}");
        assert!(film_rows(&fresh).is_empty());
    }

    #[test]
    fn resolution_review_and_decisions_persist() {
        let mut store = Store::open_in_memory().unwrap();
        store.import_catalog(bundled_records()).unwrap();
        let a = list(
            &[
                ("Crash", None),
                ("Moulin Rouge", None),
                ("Paris, Texas", None),
            ],
            &["Pulp Fiction"],
        );
        let b = list(&[("paris texas", Some(1984)), ("Crash (2004)", None)], &[]);
        store
            .ingest(&Document::new(b"a".to_vec(), None, "text"), &[a])
            .unwrap();
        store
            .ingest(&Document::new(b"b".to_vec(), None, "text"), &[b])
            .unwrap();
        let review = store.resolve_all().unwrap();
        assert_eq!(review, 1, "only the yearless Crash needs a person");
        let queue = store.review_queue().unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].title, "Crash");
        assert_eq!(queue[0].candidates.len(), 2);

        // Both lists' "Paris, Texas" meet in one provisional film.
        let paris: Vec<Option<i64>> = store
            .conn
            .prepare("SELECT r.film_id FROM resolutions r JOIN entries e ON e.id = r.entry_id WHERE e.title LIKE 'paris%' OR e.title LIKE 'Paris%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(paris.len(), 2);
        assert!(paris[0].is_some() && paris[0] == paris[1]);

        // Bad links.
        let crash_entry = entry_id(&store, "Crash");
        assert!(matches!(
            store.link_entry(crash_entry, 999_999),
            Err(FilmError::NoSuchFilm(999_999))
        ));
        assert!(matches!(
            store.link_entry(424_242, 1),
            Err(FilmError::NoSuchEntry(424_242))
        ));

        // A good link survives re-resolution and re-import.
        let cronenberg = film_id(&store, "Crash", 1996);
        store.link_entry(crash_entry, cronenberg).unwrap();
        assert!(store.review_queue().unwrap().is_empty());
        store.resolve_all().unwrap();
        store.import_catalog(bundled_records()).unwrap();
        store.resolve_all().unwrap();
        let linked: (Option<i64>, String) = store
            .conn
            .query_row(
                "SELECT film_id, reason FROM resolutions WHERE entry_id = ?1",
                [crash_entry],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(linked, (Some(cronenberg), "manual".to_string()));
    }

    #[test]
    fn merge_and_alias_refuse_loops_and_persist() {
        let mut store = Store::open_in_memory().unwrap();
        store.import_catalog(bundled_records()).unwrap();
        let gotg = film_id(&store, "Guardians of the Galaxy", 2014);
        let gotg2 = film_id(&store, "Guardians of the Galaxy Vol. 2", 2017);
        let crash = film_id(&store, "Crash", 2004);
        assert!(matches!(
            store.merge_films(gotg, gotg),
            Err(FilmError::SelfMerge(_))
        ));
        assert!(matches!(
            store.merge_films(gotg, 999_999),
            Err(FilmError::NoSuchFilm(999_999))
        ));
        // An alias that is another film's title would make the two point at each other.
        let err = store
            .alias_film(gotg, "Guardians of the Galaxy Vol. 2")
            .unwrap_err();
        assert!(
            matches!(err, FilmError::CircularAlias { other, .. } if other == gotg2),
            "{err}"
        );
        assert!(matches!(
            store.alias_film(999_999, "X"),
            Err(FilmError::NoSuchFilm(_))
        ));

        store.alias_film(crash, "Collision Course").unwrap();
        let hits = store.search_films("collision course").unwrap();
        assert_eq!(hits.first().map(|h| h.0.id), Some(crash));

        // Merge two provisional duplicates, then the merge holds after a re-import, and merging
        // them again is a merge of a film with itself.
        let l = list(
            &[("Koyaanisqatsi", None), ("Life Out of Balance", None)],
            &[],
        );
        store
            .ingest(&Document::new(b"c".to_vec(), None, "text"), &[l])
            .unwrap();
        store.resolve_all().unwrap();
        let a: i64 = store
            .conn
            .query_row(
                "SELECT id FROM films WHERE title = 'Koyaanisqatsi'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let b: i64 = store
            .conn
            .query_row(
                "SELECT id FROM films WHERE title = 'Life Out of Balance'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        store.merge_films(a, b).unwrap();
        assert!(matches!(
            store.merge_films(b, a),
            Err(FilmError::SelfMerge(_))
        ));
        store.import_catalog(bundled_records()).unwrap();
        assert_eq!(store.film(b).unwrap().id, a);
        let hits = store.search_films("Life Out of Balance").unwrap();
        assert_eq!(hits.first().map(|h| h.0.id), Some(a));

        // Split undoes it, and the split survives a re-import.
        assert_eq!(store.split_film(a).unwrap(), vec![b]);
        assert!(matches!(
            store.split_film(a),
            Err(FilmError::NothingToSplit(_))
        ));
        assert!(matches!(
            store.split_film(999_999),
            Err(FilmError::NoSuchFilm(_))
        ));
        store.import_catalog(bundled_records()).unwrap();
        assert_eq!(store.film(b).unwrap().id, b);
        let hits = store.search_films("Life Out of Balance").unwrap();
        assert_eq!(hits.first().map(|h| h.0.id), Some(b));
        assert!(!store
            .film(a)
            .unwrap()
            .film
            .aliases
            .iter()
            .any(|t| t == "Life Out of Balance"));
    }

    #[test]
    fn list_films_follow_resolution_for_entries_and_mentions() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.catalog_is_empty().unwrap());
        store.import_catalog(bundled_records()).unwrap();
        assert!(!store.catalog_is_empty().unwrap());
        let doc = Document::new(b"films".to_vec(), None, "text");
        let ids = store
            .ingest(
                &doc,
                &[list(
                    &[
                        ("Guardians of the Galaxy Vol. 1", Some(2014)),
                        ("Moulin Rouge", None),
                    ],
                    &["The Devil\u{2019}s Rejects"],
                )],
            )
            .unwrap();
        store.resolve_all().unwrap();
        let films = store.list_films(ids.list_ids()[0]).unwrap();
        let title = |f: &Option<StoredFilm>| f.as_ref().map(|f| f.film.title.clone());
        assert_eq!(
            title(&films.entries[0]).as_deref(),
            Some("Guardians of the Galaxy")
        );
        assert_eq!(title(&films.entries[1]).as_deref(), Some("Moulin Rouge!"));
        assert_eq!(
            title(&films.mentions[0]).as_deref(),
            Some("The Devil's Rejects")
        );
    }
}
