//! Films, aliases, resolutions and decisions.

use super::Prepared;
use crate::decode::{
    film_ids, film_year, json_list, read_resolution, reason_text, to_json, year_of,
};
use crate::{
    Decision, FilmCitation, FilmFact, ItemFilter, PrintedItem, Result, ReviewRow, StoreError,
};
use ::postgres::{Client, Row};
use needledrop_model::{
    EntryId, Film, FilmId, ItemRef, ListId, MentionId, Resolution, SoundtrackKind, StoredFilm,
};
use std::collections::HashMap;

const FILM_COLUMNS: &str =
    "id, title, year, directors, genres, soundtrack_kind, imdb_id, provisional, merged_into";

fn read_film(row: &Row) -> Result<StoredFilm> {
    let kind: Option<&str> = row.try_get(5)?;
    Ok(StoredFilm {
        id: FilmId(row.try_get(0)?),
        film: Film {
            title: row.try_get(1)?,
            year: film_year(row.try_get(2)?),
            directors: json_list(row.try_get(3)?),
            genres: json_list(row.try_get(4)?),
            soundtrack_kind: kind.and_then(SoundtrackKind::parse),
            imdb_id: row.try_get(6)?,
            aliases: Vec::new(),
        },
        provisional: row.try_get(7)?,
        merged_into: row.try_get::<_, Option<i64>>(8)?.map(FilmId),
    })
}

fn year_param(film: &Film) -> Option<i64> {
    film.year.map(|y| i64::from(y.get()))
}

pub(super) fn films(c: &mut Client) -> Result<Vec<StoredFilm>> {
    let mut films = c
        .query(
            &format!("SELECT {FILM_COLUMNS} FROM films ORDER BY id"),
            &[],
        )?
        .iter()
        .map(read_film)
        .collect::<Result<Vec<_>>>()?;
    let position: HashMap<FilmId, usize> =
        films.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    for r in c.query(
        "SELECT film_id, title FROM film_aliases ORDER BY film_id, title COLLATE \"C\"",
        &[],
    )? {
        if let Some(&i) = position.get(&FilmId(r.try_get(0)?)) {
            films[i].film.aliases.push(r.try_get(1)?);
        }
    }
    Ok(films)
}

/// Several films as stored, with aliases, in the order of `ids` (missing ones skipped).
pub(super) fn films_by_id(c: &mut Client, ids: &[FilmId]) -> Result<Vec<StoredFilm>> {
    let keys: Vec<i64> = ids.iter().map(|f| f.0).collect();
    let mut found: HashMap<FilmId, StoredFilm> = HashMap::new();
    for r in c.query(
        &format!("SELECT {FILM_COLUMNS} FROM films WHERE id = ANY($1)"),
        &[&keys],
    )? {
        let film = read_film(&r)?;
        found.insert(film.id, film);
    }
    for r in c.query(
        "SELECT film_id, title FROM film_aliases WHERE film_id = ANY($1)
         ORDER BY film_id, title COLLATE \"C\"",
        &[&keys],
    )? {
        if let Some(f) = found.get_mut(&FilmId(r.try_get(0)?)) {
            f.film.aliases.push(r.try_get(1)?);
        }
    }
    Ok(ids.iter().filter_map(|id| found.get(id).cloned()).collect())
}

pub(super) fn film(c: &mut Client, id: FilmId) -> Result<StoredFilm> {
    films_by_id(c, &[id])?
        .pop()
        .ok_or_else(|| StoreError::NotFound(format!("no film with id {id}")))
}

fn add_aliases(c: &mut Client, id: FilmId, aliases: &[String]) -> Result<()> {
    if aliases.is_empty() {
        return Ok(());
    }
    c.execute(
        "INSERT INTO film_aliases (film_id, title) SELECT $1::BIGINT, t FROM UNNEST($2::TEXT[]) AS t
         ON CONFLICT DO NOTHING",
        &[&id.0, &aliases],
    )?;
    Ok(())
}

pub(super) fn insert_film(c: &mut Client, film: &Film, provisional: bool) -> Result<FilmId> {
    let row = c.query_one(
        "INSERT INTO films (title, year, directors, genres, soundtrack_kind, imdb_id, provisional)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        &[
            &film.title,
            &year_param(film),
            &to_json(&film.directors)?,
            &to_json(&film.genres)?,
            &film.soundtrack_kind.map(SoundtrackKind::as_str),
            &film.imdb_id,
            &provisional,
        ],
    )?;
    let id = FilmId(row.try_get(0)?);
    add_aliases(c, id, &film.aliases)?;
    Ok(id)
}

pub(super) fn update_film(
    c: &mut Client,
    id: FilmId,
    film: &Film,
    provisional: bool,
) -> Result<()> {
    let changed = c.execute(
        "UPDATE films SET title = $2, year = $3, directors = $4, genres = $5,
            soundtrack_kind = $6, imdb_id = $7, provisional = $8
         WHERE id = $1",
        &[
            &id.0,
            &film.title,
            &year_param(film),
            &to_json(&film.directors)?,
            &to_json(&film.genres)?,
            &film.soundtrack_kind.map(SoundtrackKind::as_str),
            &film.imdb_id,
            &provisional,
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!("no film with id {id}")));
    }
    add_aliases(c, id, &film.aliases)
}

pub(super) fn remove_aliases(c: &mut Client, id: FilmId, titles: &[String]) -> Result<()> {
    c.execute(
        "DELETE FROM film_aliases WHERE film_id = $1 AND title = ANY($2)",
        &[&id.0, &titles],
    )?;
    Ok(())
}

pub(super) fn set_merged_into(c: &mut Client, id: FilmId, into: Option<FilmId>) -> Result<()> {
    c.execute(
        "UPDATE films SET merged_into = $2 WHERE id = $1",
        &[&id.0, &into.map(|f| f.0)],
    )?;
    Ok(())
}

pub(super) fn count(c: &mut Client, sql: &str) -> Result<u64> {
    let n: i64 = c.query_one(sql, &[])?.try_get(0)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub(super) fn add_film_words(c: &mut Client, pairs: &[(String, FilmId)]) -> Result<()> {
    // One statement per few thousand pairs, not one per pair.
    for chunk in pairs.chunks(5000) {
        let words: Vec<&str> = chunk.iter().map(|(w, _)| w.as_str()).collect();
        let films: Vec<i64> = chunk.iter().map(|(_, f)| f.0).collect();
        c.execute(
            "INSERT INTO film_words (word, film_id)
             SELECT * FROM UNNEST($1::TEXT[], $2::BIGINT[])
             ON CONFLICT DO NOTHING",
            &[&words, &films],
        )?;
    }
    Ok(())
}

pub(super) fn films_with_word(c: &mut Client, word: &str, limit: usize) -> Result<Vec<FilmId>> {
    let limit = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
    c.query(
        "SELECT film_id FROM film_words WHERE word = $1 LIMIT $2",
        &[&word, &limit],
    )?
    .iter()
    .map(|r| Ok(FilmId(r.try_get(0)?)))
    .collect()
}

fn item_ref(entry: Option<i64>, mention: Option<i64>) -> Result<ItemRef> {
    match (entry, mention) {
        (Some(e), _) => Ok(ItemRef::Entry(EntryId(e))),
        (None, Some(m)) => Ok(ItemRef::Mention(MentionId(m))),
        (None, None) => Err(StoreError::Corrupt(
            "a resolution of neither an entry nor a mention".into(),
        )),
    }
}

fn read_item(r: &Row) -> Result<PrintedItem> {
    Ok(PrintedItem {
        item: item_ref(r.try_get(0)?, r.try_get(1)?)?,
        list: ListId(r.try_get(2)?),
        title: r.try_get(3)?,
        year: year_of(r.try_get(4)?)?,
        blurb: r.try_get(5)?,
    })
}

const ITEMS: &str =
    "SELECT e.id AS entry_id, NULL::BIGINT AS mention_id, e.list_id, e.title, e.year, e.blurb
     FROM entries e
     UNION ALL SELECT NULL::BIGINT, m.id, m.list_id, m.title, m.year, '' FROM mentions m";

pub(super) fn items(c: &mut Client, filter: ItemFilter) -> Result<Vec<PrintedItem>> {
    // One anti-join per table (not one over the union with `OR`), so each uses its index.
    let unresolved = |column: &str, id: &str, extra: &str| -> String {
        format!("WHERE NOT EXISTS (SELECT 1 FROM resolutions r WHERE r.{column} = {id}{extra})")
    };
    let (on_entries, on_mentions) = match filter {
        ItemFilter::All => (String::new(), String::new()),
        ItemFilter::Unresolved => (
            unresolved("entry_id", "e.id", ""),
            unresolved("mention_id", "m.id", ""),
        ),
        ItemFilter::UnresolvedOf(doc) => {
            // The id is an integer from the store itself, so it is safe to write in the SQL.
            let of_document = format!(
                " AND list_id IN (SELECT id FROM lists WHERE document_id = {})",
                doc.0
            );
            (
                unresolved("entry_id", "e.id", "") + &of_document,
                unresolved("mention_id", "m.id", "") + &of_document,
            )
        }
        ItemFilter::NotManual => (
            unresolved("entry_id", "e.id", " AND r.reason = 'manual'"),
            unresolved("mention_id", "m.id", " AND r.reason = 'manual'"),
        ),
    };
    c.query(
        &format!(
            "SELECT * FROM (
                 SELECT e.id AS entry_id, NULL::BIGINT AS mention_id, e.list_id, e.title, e.year,
                        e.blurb
                 FROM entries e {on_entries}
                 UNION ALL SELECT NULL::BIGINT, m.id, m.list_id, m.title, m.year, ''
                 FROM mentions m {on_mentions}) i
             ORDER BY i.entry_id IS NULL, i.entry_id, i.mention_id"
        ),
        &[],
    )?
    .iter()
    .map(read_item)
    .collect()
}

fn item_column(item: ItemRef) -> (&'static str, i64) {
    match item {
        ItemRef::Entry(e) => ("entry_id", e.0),
        ItemRef::Mention(m) => ("mention_id", m.0),
    }
}

pub(super) fn item(c: &mut Client, item: ItemRef) -> Result<PrintedItem> {
    let (column, id) = item_column(item);
    let row = c
        .query_opt(
            &format!("SELECT * FROM ({ITEMS}) i WHERE i.{column} = $1"),
            &[&id],
        )?
        .ok_or_else(|| StoreError::NotFound(format!("no {item}")))?;
    read_item(&row)
}

/// Reads `film_id, confidence, reason, candidates` from `at` on.
fn resolution_at(r: &Row, at: usize) -> Result<Resolution> {
    read_resolution(
        r.try_get(at)?,
        r.try_get(at + 1)?,
        r.try_get(at + 2)?,
        r.try_get(at + 3)?,
    )
}

pub(super) fn resolution(c: &mut Client, item: ItemRef) -> Result<Option<Resolution>> {
    let (column, id) = item_column(item);
    c.query_opt(
        &format!(
            "SELECT film_id, confidence, reason, candidates FROM resolutions WHERE {column} = $1"
        ),
        &[&id],
    )?
    .map(|r| resolution_at(&r, 0))
    .transpose()
}

pub(super) fn resolutions(c: &mut Client) -> Result<Vec<(ItemRef, Resolution)>> {
    c.query(
        "SELECT entry_id, mention_id, film_id, confidence, reason, candidates FROM resolutions
         ORDER BY id",
        &[],
    )?
    .iter()
    .map(|r| {
        Ok((
            item_ref(r.try_get(0)?, r.try_get(1)?)?,
            resolution_at(r, 2)?,
        ))
    })
    .collect()
}

/// Replaces the resolutions of `resolutions`' items in two statements (one delete, one insert of
/// arrays) whatever their number: a delete and an insert per item made an ingest dozens of
/// round trips. A later resolution of the same item wins, as when set one by one.
pub(super) fn set_resolutions(
    c: &mut Client,
    p: &mut Prepared,
    resolutions: &[(ItemRef, Resolution)],
) -> Result<()> {
    if resolutions.is_empty() {
        return Ok(());
    }
    // The last of each item, in the order of the last ones: the ids a write row by row gives.
    let mut last: HashMap<ItemRef, usize> = HashMap::new();
    for (i, (item, _)) in resolutions.iter().enumerate() {
        last.insert(*item, i);
    }
    let n = last.len();
    let (mut entry, mut mention) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut film, mut confidence) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut reason, mut candidates) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (i, (item, r)) in resolutions.iter().enumerate() {
        if last.get(item) != Some(&i) {
            continue;
        }
        let (e, m) = match item {
            ItemRef::Entry(e) => (Some(e.0), None),
            ItemRef::Mention(m) => (None, Some(m.0)),
        };
        entry.push(e);
        mention.push(m);
        film.push(r.film.map(|f| f.0));
        confidence.push(r.confidence);
        reason.push(reason_text(r));
        let ids: Vec<i64> = r.candidates.iter().map(|f| f.0).collect();
        candidates.push(to_json(&ids)?);
    }
    let delete = p.get(
        c,
        "DELETE FROM resolutions WHERE entry_id = ANY($1) OR mention_id = ANY($2)",
    )?;
    c.execute(&delete, &[&entry, &mention])?;
    let order: Vec<i64> = (0..entry.len() as i64).collect();
    let insert = p.get(
        c,
        "INSERT INTO resolutions (entry_id, mention_id, film_id, confidence, reason, candidates)
         SELECT entry_id, mention_id, film_id, confidence, reason, candidates
         FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::BIGINT[], $4::FLOAT8[], $5::TEXT[],
                     $6::TEXT[], $7::BIGINT[])
             AS r(entry_id, mention_id, film_id, confidence, reason, candidates, n)
         ORDER BY n",
    )?;
    c.execute(
        &insert,
        &[
            &entry,
            &mention,
            &film,
            &confidence,
            &reason,
            &candidates,
            &order,
        ],
    )?;
    Ok(())
}

pub(super) fn repoint_resolutions(c: &mut Client, from: FilmId, into: FilmId) -> Result<()> {
    c.execute(
        "UPDATE resolutions SET film_id = $1 WHERE film_id = $2",
        &[&into.0, &from.0],
    )?;
    Ok(())
}

pub(super) fn clear_automatic_resolutions(c: &mut Client, film: FilmId) -> Result<()> {
    c.execute(
        "DELETE FROM resolutions WHERE film_id = $1 AND reason <> 'manual'",
        &[&film.0],
    )?;
    Ok(())
}

pub(super) fn review_queue(c: &mut Client) -> Result<Vec<ReviewRow>> {
    c.query(
        "SELECT r.entry_id, r.mention_id, COALESCE(e.list_id, m.list_id),
                COALESCE(e.title, m.title), COALESCE(e.year, m.year), r.candidates
         FROM resolutions r
         LEFT JOIN entries e ON e.id = r.entry_id
         LEFT JOIN mentions m ON m.id = r.mention_id
         WHERE r.film_id IS NULL ORDER BY r.id",
        &[],
    )?
    .iter()
    .map(|r| {
        Ok(ReviewRow {
            item: item_ref(r.try_get(0)?, r.try_get(1)?)?,
            list: ListId(r.try_get(2)?),
            title: r.try_get(3)?,
            year: year_of(r.try_get(4)?)?,
            candidates: film_ids(r.try_get(5)?, "review candidates")?,
        })
    })
    .collect()
}

pub(super) fn film_citations(c: &mut Client, films: &[FilmId]) -> Result<Vec<FilmCitation>> {
    if films.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = films.iter().map(|f| f.0).collect();
    c.query(
        "SELECT l.id, l.title, l.outlet, r.entry_id, r.mention_id, e.rank,
                COALESCE(e.title, m.title), COALESCE(e.blurb, ''),
                r.film_id, r.confidence, r.reason, r.candidates
         FROM resolutions r
         LEFT JOIN entries e ON e.id = r.entry_id
         LEFT JOIN mentions m ON m.id = r.mention_id
         JOIN lists l ON l.id = COALESCE(e.list_id, m.list_id)
         WHERE r.film_id = ANY($1)
         ORDER BY e.rank IS NULL, e.rank, l.id",
        &[&ids],
    )?
    .iter()
    .map(|r| {
        let rank: Option<i64> = r.try_get(5)?;
        Ok(FilmCitation {
            list: ListId(r.try_get(0)?),
            list_title: r.try_get(1)?,
            outlet: r.try_get(2)?,
            item: item_ref(r.try_get(3)?, r.try_get(4)?)?,
            rank: rank
                .map(|n| u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("rank {n}"))))
                .transpose()?,
            printed_title: r.try_get(6)?,
            blurb: r.try_get(7)?,
            resolution: resolution_at(r, 8)?,
        })
    })
    .collect()
}

/// Stores the facts of several entries in one statement (none when there are no facts).
pub(super) fn add_film_facts_of(
    c: &mut Client,
    p: &mut Prepared,
    facts: &[(EntryId, Vec<FilmFact>)],
) -> Result<()> {
    let (mut entry, mut kind, mut value, mut phrase) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (e, fs) in facts {
        for f in fs {
            entry.push(e.0);
            kind.push(f.kind);
            value.push(f.value.as_str());
            phrase.push(f.phrase.as_str());
        }
    }
    if entry.is_empty() {
        return Ok(());
    }
    let order: Vec<i64> = (0..entry.len() as i64).collect();
    let insert = p.get(
        c,
        "INSERT INTO film_facts (entry_id, kind, value, phrase)
         SELECT entry_id, kind, value, phrase
         FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::BIGINT[])
             AS f(entry_id, kind, value, phrase, n)
         ORDER BY n
         ON CONFLICT DO NOTHING",
    )?;
    c.execute(&insert, &[&entry, &kind, &value, &phrase, &order])?;
    Ok(())
}

pub(super) fn add_decision(c: &mut Client, decision: &Decision) -> Result<()> {
    match decision {
        Decision::Link {
            title_key,
            year,
            film,
        } => c.execute(
            "INSERT INTO decisions (kind, title_key, year, film_id) VALUES ('link', $1, $2, $3)",
            &[title_key, &year.map(i64::from), &film.0],
        )?,
        Decision::Merge { into, from } => c.execute(
            "INSERT INTO decisions (kind, film_id, other_id) VALUES ('merge', $1, $2)",
            &[&into.0, &from.0],
        )?,
        Decision::Alias { film, title } => c.execute(
            "INSERT INTO decisions (kind, film_id, title) VALUES ('alias', $1, $2)",
            &[&film.0, title],
        )?,
    };
    Ok(())
}

pub(super) fn decisions(c: &mut Client) -> Result<Vec<Decision>> {
    let mut out = Vec::new();
    for r in c.query(
        "SELECT kind, title_key, year, film_id, other_id, title FROM decisions ORDER BY id",
        &[],
    )? {
        let kind: &str = r.try_get(0)?;
        let film = FilmId(r.try_get(3)?);
        let decision = match kind {
            "link" => Decision::Link {
                title_key: r.try_get::<_, Option<String>>(1)?.unwrap_or_default(),
                year: r
                    .try_get::<_, Option<i64>>(2)?
                    .and_then(|y| i32::try_from(y).ok()),
                film,
            },
            "merge" => match r.try_get::<_, Option<i64>>(4)? {
                Some(other) => Decision::Merge {
                    into: film,
                    from: FilmId(other),
                },
                None => return Err(StoreError::Corrupt("a merge with no other film".into())),
            },
            "alias" => match r.try_get::<_, Option<String>>(5)? {
                Some(title) => Decision::Alias { film, title },
                None => return Err(StoreError::Corrupt("an alias with no title".into())),
            },
            other => return Err(StoreError::Corrupt(format!("decision kind `{other}`"))),
        };
        out.push(decision);
    }
    Ok(out)
}

pub(super) fn remove_merge(c: &mut Client, into: FilmId, from: FilmId) -> Result<()> {
    c.execute(
        "DELETE FROM decisions WHERE kind = 'merge' AND film_id = $1 AND other_id = $2",
        &[&into.0, &from.0],
    )?;
    Ok(())
}
