//! Films, aliases, resolutions and decisions.

use crate::decode::{
    film_ids, film_year, json_list, read_resolution, reason_text, to_json, year_of,
};
use crate::{
    Decision, FilmCitation, FilmFact, ItemFilter, PrintedItem, Result, ReviewRow, StoreError,
};
use needledrop_model::{
    EntryId, Film, FilmId, ItemRef, ListId, MentionId, Resolution, SoundtrackKind, StoredFilm, Year,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

const FILM_COLUMNS: &str =
    "id, title, year, directors, genres, soundtrack_kind, imdb_id, provisional, merged_into";

fn read_film(row: &Row<'_>) -> rusqlite::Result<StoredFilm> {
    let year: Option<i64> = row.get(2)?;
    let kind: Option<String> = row.get(5)?;
    Ok(StoredFilm {
        id: FilmId(row.get(0)?),
        film: Film {
            title: row.get(1)?,
            year: film_year(year),
            directors: json_list(&row.get::<_, String>(3)?),
            genres: json_list(&row.get::<_, String>(4)?),
            soundtrack_kind: kind.as_deref().and_then(SoundtrackKind::parse),
            imdb_id: row.get(6)?,
            aliases: Vec::new(),
        },
        provisional: row.get::<_, i64>(7)? != 0,
        merged_into: row.get::<_, Option<i64>>(8)?.map(FilmId),
    })
}

pub(super) fn films(conn: &Connection) -> Result<Vec<StoredFilm>> {
    let mut stmt = conn.prepare(&format!("SELECT {FILM_COLUMNS} FROM films ORDER BY id"))?;
    let mut films = stmt
        .query_map([], read_film)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let position: HashMap<FilmId, usize> =
        films.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let mut stmt =
        conn.prepare("SELECT film_id, title FROM film_aliases ORDER BY film_id, title")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = position.get(&FilmId(r.get(0)?)) {
            films[i].film.aliases.push(r.get(1)?);
        }
    }
    Ok(films)
}

pub(super) fn film(conn: &Connection, id: FilmId) -> Result<StoredFilm> {
    let mut film = conn
        .query_row(
            &format!("SELECT {FILM_COLUMNS} FROM films WHERE id = ?1"),
            [id.0],
            read_film,
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("no film with id {id}")))?;
    let mut stmt =
        conn.prepare_cached("SELECT title FROM film_aliases WHERE film_id = ?1 ORDER BY title")?;
    film.film.aliases = stmt
        .query_map([id.0], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(film)
}

fn add_aliases(conn: &Connection, id: FilmId, aliases: &[String]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO film_aliases (film_id, title) VALUES (?1, ?2)")?;
    for alias in aliases {
        stmt.execute(params![id.0, alias])?;
    }
    Ok(())
}

pub(super) fn insert_film(conn: &Connection, film: &Film, provisional: bool) -> Result<FilmId> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO films (title, year, directors, genres, soundtrack_kind, imdb_id, provisional)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    stmt.execute(params![
        film.title,
        film.year.map(Year::get),
        to_json(&film.directors)?,
        to_json(&film.genres)?,
        film.soundtrack_kind.map(SoundtrackKind::as_str),
        film.imdb_id,
        provisional
    ])?;
    let id = FilmId(conn.last_insert_rowid());
    add_aliases(conn, id, &film.aliases)?;
    Ok(id)
}

pub(super) fn update_film(
    conn: &Connection,
    id: FilmId,
    film: &Film,
    provisional: bool,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE films SET title = ?2, year = ?3, directors = ?4, genres = ?5,
            soundtrack_kind = ?6, imdb_id = ?7, provisional = ?8
         WHERE id = ?1",
    )?;
    let changed = stmt.execute(params![
        id.0,
        film.title,
        film.year.map(Year::get),
        to_json(&film.directors)?,
        to_json(&film.genres)?,
        film.soundtrack_kind.map(SoundtrackKind::as_str),
        film.imdb_id,
        provisional
    ])?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!("no film with id {id}")));
    }
    add_aliases(conn, id, &film.aliases)
}

pub(super) fn remove_aliases(conn: &Connection, id: FilmId, titles: &[String]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("DELETE FROM film_aliases WHERE film_id = ?1 AND title = ?2")?;
    for t in titles {
        stmt.execute(params![id.0, t])?;
    }
    Ok(())
}

pub(super) fn set_merged_into(conn: &Connection, id: FilmId, into: Option<FilmId>) -> Result<()> {
    conn.execute(
        "UPDATE films SET merged_into = ?2 WHERE id = ?1",
        params![id.0, into.map(|f| f.0)],
    )?;
    Ok(())
}

pub(super) fn catalog_film_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM films WHERE provisional = 0 AND merged_into IS NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub(super) fn count(conn: &Connection, sql: &str) -> Result<u64> {
    let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub(super) fn films_by_id(conn: &Connection, ids: &[FilmId]) -> Result<Vec<StoredFilm>> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        match film(conn, id) {
            Ok(f) => out.push(f),
            Err(StoreError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

pub(super) fn add_film_words(conn: &Connection, pairs: &[(String, FilmId)]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO film_words (word, film_id) VALUES (?1, ?2)")?;
    for (word, film) in pairs {
        stmt.execute(params![word, film.0])?;
    }
    Ok(())
}

pub(super) fn films_with_word(conn: &Connection, word: &str, limit: usize) -> Result<Vec<FilmId>> {
    let mut stmt =
        conn.prepare_cached("SELECT film_id FROM film_words WHERE word = ?1 LIMIT ?2")?;
    let limit = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
    let ids = stmt
        .query_map(params![word, limit], |r| r.get(0).map(FilmId))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn item_ref(entry: Option<i64>, mention: Option<i64>) -> rusqlite::Result<ItemRef> {
    match (entry, mention) {
        (Some(e), _) => Ok(ItemRef::Entry(EntryId(e))),
        (None, Some(m)) => Ok(ItemRef::Mention(MentionId(m))),
        (None, None) => Err(rusqlite::Error::InvalidColumnType(
            0,
            "item".into(),
            rusqlite::types::Type::Null,
        )),
    }
}

fn read_item(r: &Row<'_>) -> rusqlite::Result<(ItemRef, i64, String, Option<i64>, String)> {
    Ok((
        item_ref(r.get(0)?, r.get(1)?)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn to_printed(row: (ItemRef, i64, String, Option<i64>, String)) -> Result<PrintedItem> {
    let (item, list, title, year, blurb) = row;
    Ok(PrintedItem {
        item,
        list: ListId(list),
        title,
        year: year_of(year)?,
        blurb,
    })
}

const ITEMS: &str =
    "SELECT e.id AS entry_id, NULL AS mention_id, e.list_id, e.title, e.year, e.blurb
     FROM entries e
     UNION ALL SELECT NULL, m.id, m.list_id, m.title, m.year, '' FROM mentions m";

pub(super) fn items(conn: &Connection, filter: ItemFilter) -> Result<Vec<PrintedItem>> {
    // One anti-join per table (not one over the union with `OR`), so each uses its index.
    let unresolved = |column: &str, id: &str, extra: &str| -> String {
        format!("NOT EXISTS (SELECT 1 FROM resolutions r WHERE r.{column} = {id}{extra})")
    };
    let (on_entries, on_mentions, document) = match filter {
        ItemFilter::All => ("1".to_string(), "1".to_string(), None),
        ItemFilter::Unresolved => (
            unresolved("entry_id", "e.id", ""),
            unresolved("mention_id", "m.id", ""),
            None,
        ),
        ItemFilter::UnresolvedOf(doc) => (
            unresolved("entry_id", "e.id", ""),
            unresolved("mention_id", "m.id", ""),
            Some(doc.0),
        ),
        ItemFilter::NotManual => (
            unresolved("entry_id", "e.id", " AND r.reason = 'manual'"),
            unresolved("mention_id", "m.id", " AND r.reason = 'manual'"),
            None,
        ),
    };
    // Written into the SQL rather than `?1 IS NULL OR …`, which would keep SQLite from using
    // the lists' indexes (the id is an integer from the store itself).
    let of_document = match document {
        Some(doc) => format!("list_id IN (SELECT id FROM lists WHERE document_id = {doc})"),
        None => "1".to_string(),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT * FROM (
             SELECT e.id AS entry_id, NULL AS mention_id, e.list_id, e.title, e.year, e.blurb
             FROM entries e WHERE {of_document} AND {on_entries}
             UNION ALL SELECT NULL, m.id, m.list_id, m.title, m.year, ''
             FROM mentions m WHERE {of_document} AND {on_mentions}) i
         ORDER BY i.entry_id IS NULL, i.entry_id, i.mention_id"
    ))?;
    let rows = stmt
        .query_map([], read_item)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(to_printed).collect()
}

fn item_column(item: ItemRef) -> (&'static str, i64) {
    match item {
        ItemRef::Entry(e) => ("entry_id", e.0),
        ItemRef::Mention(m) => ("mention_id", m.0),
    }
}

pub(super) fn item(conn: &Connection, item: ItemRef) -> Result<PrintedItem> {
    let (column, id) = item_column(item);
    let row = conn
        .query_row(
            &format!("SELECT * FROM ({ITEMS}) i WHERE i.{column} = ?1"),
            [id],
            read_item,
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("no {item}")))?;
    to_printed(row)
}

pub(super) fn resolution(conn: &Connection, item: ItemRef) -> Result<Option<Resolution>> {
    let (column, id) = item_column(item);
    let row = conn
        .query_row(
            &format!(
                "SELECT film_id, confidence, reason, candidates FROM resolutions WHERE {column} = ?1"
            ),
            [id],
            |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, f64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )
        .optional()?;
    row.map(|(f, c, r, cands)| read_resolution(f, c, &r, &cands))
        .transpose()
}

pub(super) fn resolutions(conn: &Connection) -> Result<Vec<(ItemRef, Resolution)>> {
    let mut stmt = conn.prepare(
        "SELECT entry_id, mention_id, film_id, confidence, reason, candidates FROM resolutions
         ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let item = item_ref(r.get(0)?, r.get(1)?)?;
        out.push((
            item,
            read_resolution(
                r.get(2)?,
                r.get(3)?,
                &r.get::<_, String>(4)?,
                &r.get::<_, String>(5)?,
            )?,
        ));
    }
    Ok(out)
}

pub(super) fn set_resolution(
    conn: &Connection,
    item: ItemRef,
    resolution: &Resolution,
) -> Result<()> {
    let (column, id) = item_column(item);
    conn.prepare_cached(&format!("DELETE FROM resolutions WHERE {column} = ?1"))?
        .execute([id])?;
    let candidates: Vec<i64> = resolution.candidates.iter().map(|f| f.0).collect();
    conn.prepare_cached(&format!(
        "INSERT INTO resolutions ({column}, film_id, confidence, reason, candidates)
         VALUES (?1, ?2, ?3, ?4, ?5)"
    ))?
    .execute(params![
        id,
        resolution.film.map(|f| f.0),
        resolution.confidence,
        reason_text(resolution),
        to_json(&candidates)?
    ])?;
    Ok(())
}

pub(super) fn repoint_resolutions(conn: &Connection, from: FilmId, into: FilmId) -> Result<()> {
    conn.execute(
        "UPDATE resolutions SET film_id = ?1 WHERE film_id = ?2",
        params![into.0, from.0],
    )?;
    Ok(())
}

pub(super) fn clear_automatic_resolutions(conn: &Connection, film: FilmId) -> Result<()> {
    conn.execute(
        "DELETE FROM resolutions WHERE film_id = ?1 AND reason <> 'manual'",
        [film.0],
    )?;
    Ok(())
}

pub(super) fn review_queue(conn: &Connection) -> Result<Vec<ReviewRow>> {
    let mut stmt = conn.prepare(
        "SELECT r.entry_id, r.mention_id, COALESCE(e.list_id, m.list_id),
                COALESCE(e.title, m.title), COALESCE(e.year, m.year), r.candidates
         FROM resolutions r
         LEFT JOIN entries e ON e.id = r.entry_id
         LEFT JOIN mentions m ON m.id = r.mention_id
         WHERE r.film_id IS NULL ORDER BY r.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let candidates = film_ids(&r.get::<_, String>(5)?, "review candidates")?;
        out.push(ReviewRow {
            item: item_ref(r.get(0)?, r.get(1)?)?,
            list: ListId(r.get(2)?),
            title: r.get(3)?,
            year: year_of(r.get(4)?)?,
            candidates,
        });
    }
    Ok(out)
}

pub(super) fn film_citations(conn: &Connection, films: &[FilmId]) -> Result<Vec<FilmCitation>> {
    if films.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = films.iter().map(|f| f.0.to_string()).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT l.id, l.title, l.outlet, r.entry_id, r.mention_id, e.rank,
                COALESCE(e.title, m.title), COALESCE(e.blurb, ''),
                r.film_id, r.confidence, r.reason, r.candidates
         FROM resolutions r
         LEFT JOIN entries e ON e.id = r.entry_id
         LEFT JOIN mentions m ON m.id = r.mention_id
         JOIN lists l ON l.id = COALESCE(e.list_id, m.list_id)
         WHERE r.film_id IN ({})
         ORDER BY e.rank IS NULL, e.rank, l.id",
        ids.join(",")
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(FilmCitation {
            list: ListId(r.get(0)?),
            list_title: r.get(1)?,
            outlet: r.get(2)?,
            item: item_ref(r.get(3)?, r.get(4)?)?,
            rank: r.get(5)?,
            printed_title: r.get(6)?,
            blurb: r.get(7)?,
            resolution: read_resolution(
                r.get(8)?,
                r.get(9)?,
                &r.get::<_, String>(10)?,
                &r.get::<_, String>(11)?,
            )?,
        });
    }
    Ok(out)
}

pub(super) fn add_film_facts(conn: &Connection, entry: EntryId, facts: &[FilmFact]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO film_facts (entry_id, kind, value, phrase) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for f in facts {
        stmt.execute(params![entry.0, f.kind, f.value, f.phrase])?;
    }
    Ok(())
}

pub(super) fn add_decision(conn: &Connection, decision: &Decision) -> Result<()> {
    match decision {
        Decision::Link {
            title_key,
            year,
            film,
        } => conn.execute(
            "INSERT INTO decisions (kind, title_key, year, film_id) VALUES ('link', ?1, ?2, ?3)",
            params![title_key, year, film.0],
        )?,
        Decision::Merge { into, from } => conn.execute(
            "INSERT INTO decisions (kind, film_id, other_id) VALUES ('merge', ?1, ?2)",
            params![into.0, from.0],
        )?,
        Decision::Alias { film, title } => conn.execute(
            "INSERT INTO decisions (kind, film_id, title) VALUES ('alias', ?1, ?2)",
            params![film.0, title],
        )?,
    };
    Ok(())
}

pub(super) fn decisions(conn: &Connection) -> Result<Vec<Decision>> {
    let mut stmt = conn.prepare(
        "SELECT kind, title_key, year, film_id, other_id, title FROM decisions ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let film = FilmId(r.get(3)?);
        let decision = match kind.as_str() {
            "link" => Decision::Link {
                title_key: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                year: r
                    .get::<_, Option<i64>>(2)?
                    .and_then(|y| i32::try_from(y).ok()),
                film,
            },
            "merge" => match r.get::<_, Option<i64>>(4)? {
                Some(other) => Decision::Merge {
                    into: film,
                    from: FilmId(other),
                },
                None => return Err(StoreError::Corrupt("a merge with no other film".into())),
            },
            "alias" => match r.get::<_, Option<String>>(5)? {
                Some(title) => Decision::Alias { film, title },
                None => return Err(StoreError::Corrupt("an alias with no title".into())),
            },
            other => return Err(StoreError::Corrupt(format!("decision kind `{other}`"))),
        };
        out.push(decision);
    }
    Ok(out)
}

pub(super) fn remove_merge(conn: &Connection, into: FilmId, from: FilmId) -> Result<()> {
    conn.execute(
        "DELETE FROM decisions WHERE kind = 'merge' AND film_id = ?1 AND other_id = ?2",
        params![into.0, from.0],
    )?;
    Ok(())
}
