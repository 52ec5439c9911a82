//! Documents and the lists read from them.

use super::Prepared;
use crate::decode::{json_strings, parse_order, rank_of, to_json, year_of};
use crate::{DoubtfulList, ListSummary, Result, SongRow, StoreError, StoredList};
use ::postgres::error::SqlState;
use ::postgres::Client;
use needledrop_model::{
    Document, DocumentId, Entry, EntryId, List, ListId, Mention, MentionId, SongCitation, Year,
};
use std::collections::HashMap;

/// A count or size as stored (never negative in a database needledrop wrote).
fn size(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

pub(super) fn find_document(
    c: &mut Client,
    p: &mut Prepared,
    sha256: &str,
) -> Result<Option<DocumentId>> {
    let find = p.get(c, "SELECT id FROM documents WHERE sha256 = $1")?;
    let row = c.query_opt(&find, &[&sha256])?;
    Ok(row.map(|r| r.try_get(0).map(DocumentId)).transpose()?)
}

pub(super) fn find_document_by_content(
    c: &mut Client,
    p: &mut Prepared,
    content_sha256: &str,
) -> Result<Option<DocumentId>> {
    let find = p.get(
        c,
        "SELECT id FROM documents WHERE content_sha256 = $1 ORDER BY id LIMIT 1",
    )?;
    let row = c.query_opt(&find, &[&content_sha256])?;
    Ok(row.map(|r| r.try_get(0).map(DocumentId)).transpose()?)
}

pub(super) fn insert_document(
    c: &mut Client,
    p: &mut Prepared,
    document: &Document,
) -> Result<DocumentId> {
    let insert = p.get(
        c,
        "INSERT INTO documents (sha256, content_sha256, file_name, format, bytes)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )?;
    match c.query_one(
        &insert,
        &[
            &document.sha256,
            &document.content_sha256,
            &document.file_name,
            &document.format,
            &document.bytes,
        ],
    ) {
        Ok(row) => Ok(DocumentId(row.try_get(0)?)),
        Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
            Err(StoreError::Conflict(format!(
                "a document with SHA-256 {} is stored already",
                document.sha256
            )))
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) fn document_lists(c: &mut Client, doc: DocumentId) -> Result<Vec<ListId>> {
    c.query(
        "SELECT id FROM lists WHERE document_id = $1 ORDER BY position",
        &[&doc.0],
    )?
    .iter()
    .map(|r| Ok(ListId(r.try_get(0)?)))
    .collect()
}

pub(super) fn insert_list(
    c: &mut Client,
    p: &mut Prepared,
    doc: DocumentId,
    position: usize,
    list: &List,
) -> Result<ListId> {
    let notes = to_json(&list.notes)?;
    let warnings = to_json(&list.warnings)?;
    let insert = p.get(
        c,
        "INSERT INTO lists (document_id, position, title, outlet, author, url, date, print_order,
                            declared_size, notes, warnings, reading, confidence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )?;
    let row = c.query_one(
        &insert,
        &[
            &doc.0,
            &(position as i64),
            &list.title,
            &list.outlet,
            &list.author,
            &list.url,
            &list.date,
            &list.order.as_str(),
            &list.declared_size.map(i64::from),
            &notes,
            &warnings,
            &list.reading,
            &list.confidence,
        ],
    )?;
    let list_id: i64 = row.try_get(0)?;
    insert_contents(c, p, list_id, list)?;
    Ok(ListId(list_id))
}

/// Replaces a stored list's fields and contents in place: the id, the document and the
/// position stay, so weights and the source stay attached. Entries, mentions and songs are
/// written anew (their resolutions and facts go with the old ones).
pub(super) fn replace_list(
    c: &mut Client,
    p: &mut Prepared,
    id: ListId,
    list: &List,
) -> Result<()> {
    let notes = to_json(&list.notes)?;
    let warnings = to_json(&list.warnings)?;
    let changed = c.execute(
        "UPDATE lists SET title = $2, outlet = $3, author = $4, url = $5, date = $6,
                          print_order = $7, declared_size = $8, notes = $9, warnings = $10
         WHERE id = $1",
        &[
            &id.0,
            &list.title,
            &list.outlet,
            &list.author,
            &list.url,
            &list.date,
            &list.order.as_str(),
            &list.declared_size.map(i64::from),
            &notes,
            &warnings,
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!("no list with id {id}")));
    }
    for table in ["songs", "entries", "mentions"] {
        c.execute(&format!("DELETE FROM {table} WHERE list_id = $1"), &[&id.0])?;
    }
    insert_contents(c, p, id.0, list)
}

/// Writes a list's entries, mentions and songs under `list_id`: one statement per table, each
/// row's fields sent as arrays (a statement per row made an ingest dozens of round trips).
fn insert_contents(c: &mut Client, p: &mut Prepared, list_id: i64, list: &List) -> Result<()> {
    let n = list.entries.len();
    if n > 0 {
        let mut position = Vec::with_capacity(n);
        let (mut rank, mut tied, mut title) = (Vec::with_capacity(n), Vec::new(), Vec::new());
        let (mut year, mut credit, mut blurb, mut line) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, e) in list.entries.iter().enumerate() {
            position.push(i as i64);
            rank.push(i64::from(e.rank.get()));
            tied.push(e.tied);
            title.push(e.title.as_str());
            year.push(e.year.map(|y| i64::from(y.get())));
            credit.push(e.credit.as_deref());
            blurb.push(e.blurb.as_str());
            line.push(e.line.map(|l| l as i64));
        }
        // Ordered by position, so ids follow the document's order as they did row by row.
        let insert = p.get(
            c,
            "INSERT INTO entries (list_id, position, rank, tied, title, year, credit, blurb, line)
             SELECT $1::BIGINT, * FROM UNNEST($2::BIGINT[], $3::BIGINT[], $4::BOOLEAN[], $5::TEXT[],
                                      $6::BIGINT[], $7::TEXT[], $8::TEXT[], $9::BIGINT[])
                 AS e(position, rank, tied, title, year, credit, blurb, line)
             ORDER BY position
             RETURNING id, position",
        )?;
        let mut entry_ids = vec![0i64; n];
        for r in c.query(
            &insert,
            &[
                &list_id, &position, &rank, &tied, &title, &year, &credit, &blurb, &line,
            ],
        )? {
            let at: i64 = r.try_get(1)?;
            let slot = entry_ids
                .get_mut(size(at))
                .ok_or_else(|| StoreError::Corrupt(format!("entry position {at}")))?;
            *slot = r.try_get(0)?;
        }
        insert_songs(
            c,
            p,
            list_id,
            list.entries
                .iter()
                .zip(&entry_ids)
                .flat_map(|(e, id)| e.songs.iter().map(move |s| (Some(*id), s)))
                .chain(list.songs.iter().map(|s| (None, s))),
        )?;
    } else {
        insert_songs(c, p, list_id, list.songs.iter().map(|s| (None, s)))?;
    }
    if !list.mentions.is_empty() {
        let position: Vec<i64> = (0..list.mentions.len() as i64).collect();
        let title: Vec<&str> = list.mentions.iter().map(|m| m.title.as_str()).collect();
        let year: Vec<Option<i64>> = list
            .mentions
            .iter()
            .map(|m| m.year.map(|y| i64::from(Year::get(y))))
            .collect();
        let insert = p.get(
            c,
            "INSERT INTO mentions (list_id, position, title, year)
             SELECT $1::BIGINT, * FROM UNNEST($2::BIGINT[], $3::TEXT[], $4::BIGINT[])
                 AS m(position, title, year)
             ORDER BY position",
        )?;
        c.execute(&insert, &[&list_id, &position, &title, &year])?;
    }
    Ok(())
}

/// Writes a list's songs, in order: those under an entry (with its id) first, then the others.
fn insert_songs<'a>(
    c: &mut Client,
    p: &mut Prepared,
    list_id: i64,
    songs: impl Iterator<Item = (Option<i64>, &'a SongCitation)>,
) -> Result<()> {
    let (mut entry, mut title, mut artist) = (Vec::new(), Vec::new(), Vec::new());
    for (e, s) in songs {
        entry.push(e);
        title.push(s.title.as_str());
        artist.push(s.artist.as_deref());
    }
    if entry.is_empty() {
        return Ok(());
    }
    let position: Vec<i64> = (0..entry.len() as i64).collect();
    let insert = p.get(
        c,
        "INSERT INTO songs (list_id, entry_id, position, title, artist)
         SELECT $1::BIGINT, * FROM UNNEST($2::BIGINT[], $3::BIGINT[], $4::TEXT[], $5::TEXT[])
             AS s(entry_id, position, title, artist)
         ORDER BY position",
    )?;
    c.execute(&insert, &[&list_id, &entry, &position, &title, &artist])?;
    Ok(())
}

pub(super) fn list_summaries(c: &mut Client) -> Result<Vec<ListSummary>> {
    let rows = c.query(
        "SELECT l.id, l.title, l.outlet, d.file_name, d.format, l.print_order,
                (SELECT count(*) FROM entries e WHERE e.list_id = l.id),
                (SELECT count(*) FROM mentions m WHERE m.list_id = l.id),
                (SELECT count(*) FROM songs s WHERE s.list_id = l.id),
                l.document_id
         FROM lists l JOIN documents d ON d.id = l.document_id
         ORDER BY l.id",
        &[],
    )?;
    rows.iter()
        .map(|r| {
            Ok(ListSummary {
                id: ListId(r.try_get(0)?),
                document: DocumentId(r.try_get(9)?),
                title: r.try_get(1)?,
                outlet: r.try_get(2)?,
                file_name: r.try_get(3)?,
                format: r.try_get(4)?,
                order: parse_order(r.try_get(5)?)?,
                entries: size(r.try_get(6)?),
                mentions: size(r.try_get(7)?),
                songs: size(r.try_get(8)?),
            })
        })
        .collect()
}

/// One list (`only`) or every list, each table read in one query.
pub(super) fn lists(c: &mut Client, only: Option<ListId>) -> Result<Vec<StoredList>> {
    // `$1` is the one list, or NULL for all of them.
    let only = only.map(|id| id.0);
    let mut out: Vec<StoredList> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    for r in c.query(
        "SELECT id, document_id, title, outlet, author, url, date, print_order, declared_size,
                notes, warnings, reading, confidence
         FROM lists WHERE $1::BIGINT IS NULL OR id = $1 ORDER BY id",
        &[&only],
    )? {
        let id: i64 = r.try_get(0)?;
        let declared: Option<i64> = r.try_get(8)?;
        let list = List {
            title: r.try_get(2)?,
            outlet: r.try_get(3)?,
            author: r.try_get(4)?,
            url: r.try_get(5)?,
            date: r.try_get(6)?,
            order: parse_order(r.try_get(7)?)?,
            declared_size: declared
                .map(|n| {
                    u32::try_from(n)
                        .map_err(|_| StoreError::Corrupt(format!("declared list size {n}")))
                })
                .transpose()?,
            notes: json_strings(r.try_get(9)?, "list notes")?,
            warnings: json_strings(r.try_get(10)?, "list warnings")?,
            reading: r.try_get(11)?,
            confidence: r.try_get(12)?,
            ..List::default()
        };
        index.insert(id, out.len());
        out.push(StoredList {
            id: ListId(id),
            document: DocumentId(r.try_get(1)?),
            list,
            entry_ids: Vec::new(),
            mention_ids: Vec::new(),
        });
    }
    let slot = |index: &HashMap<i64, usize>, list_id: i64| {
        index
            .get(&list_id)
            .copied()
            .ok_or_else(|| StoreError::Corrupt(format!("a row of missing list {list_id}")))
    };
    // Entry id → (list slot, entry position), for the songs below.
    let mut entry_slot: HashMap<i64, (usize, usize)> = HashMap::new();
    for r in c.query(
        "SELECT list_id, id, rank, tied, title, year, credit, blurb, line
         FROM entries WHERE $1::BIGINT IS NULL OR list_id = $1 ORDER BY list_id, position",
        &[&only],
    )? {
        let i = slot(&index, r.try_get(0)?)?;
        let id: i64 = r.try_get(1)?;
        let line: Option<i64> = r.try_get(8)?;
        let stored = &mut out[i];
        entry_slot.insert(id, (i, stored.list.entries.len()));
        stored.entry_ids.push(EntryId(id));
        stored.list.entries.push(Entry {
            rank: rank_of(r.try_get(2)?)?,
            tied: r.try_get(3)?,
            title: r.try_get(4)?,
            year: year_of(r.try_get(5)?)?,
            credit: r.try_get(6)?,
            blurb: r.try_get(7)?,
            songs: Vec::new(),
            line: line.map(size),
        });
    }
    for r in c.query(
        "SELECT list_id, id, title, year FROM mentions
         WHERE $1::BIGINT IS NULL OR list_id = $1 ORDER BY list_id, position",
        &[&only],
    )? {
        let i = slot(&index, r.try_get(0)?)?;
        out[i].mention_ids.push(MentionId(r.try_get(1)?));
        out[i].list.mentions.push(Mention {
            title: r.try_get(2)?,
            year: year_of(r.try_get(3)?)?,
        });
    }
    for r in c.query(
        "SELECT list_id, entry_id, title, artist FROM songs
         WHERE $1::BIGINT IS NULL OR list_id = $1 ORDER BY list_id, position",
        &[&only],
    )? {
        let song = SongCitation {
            title: r.try_get(2)?,
            artist: r.try_get(3)?,
        };
        match r.try_get::<_, Option<i64>>(1)? {
            Some(entry) => {
                let (i, e) = *entry_slot
                    .get(&entry)
                    .ok_or_else(|| StoreError::Corrupt(format!("song of entry {entry}")))?;
                out[i].list.entries[e].songs.push(song);
            }
            None => {
                let i = slot(&index, r.try_get(0)?)?;
                out[i].list.songs.push(song);
            }
        }
    }
    Ok(out)
}

pub(super) fn source_of(c: &mut Client, id: ListId) -> Result<Document> {
    let r = c
        .query_opt(
            "SELECT d.id, d.bytes, d.file_name, d.format, d.sha256
             FROM lists l JOIN documents d ON d.id = l.document_id WHERE l.id = $1",
            &[&id.0],
        )?
        .ok_or_else(|| StoreError::NotFound(format!("no list with id {id}")))?;
    let bytes: Vec<u8> = r.try_get(1)?;
    Ok(Document {
        id: Some(DocumentId(r.try_get(0)?)),
        content_sha256: Document::content_sha256_of(&bytes),
        bytes,
        file_name: r.try_get(2)?,
        format: r.try_get(3)?,
        sha256: r.try_get(4)?,
    })
}

pub(super) fn delete_list(c: &mut Client, id: ListId) -> Result<()> {
    let doc: i64 = c
        .query_opt("SELECT document_id FROM lists WHERE id = $1", &[&id.0])?
        .ok_or_else(|| StoreError::NotFound(format!("no list with id {id}")))?
        .try_get(0)?;
    // Resolutions reference entries and mentions with ON DELETE CASCADE, as do songs and facts.
    c.execute("DELETE FROM lists WHERE id = $1", &[&id.0])?;
    c.execute(
        "DELETE FROM documents WHERE id = $1 AND NOT EXISTS
            (SELECT 1 FROM lists WHERE document_id = $1)",
        &[&doc],
    )?;
    Ok(())
}

pub(super) fn song_rows(c: &mut Client) -> Result<Vec<SongRow>> {
    c.query(
        "SELECT s.list_id, s.entry_id, e.title, s.title, s.artist
         FROM songs s LEFT JOIN entries e ON e.id = s.entry_id
         ORDER BY s.list_id, s.position",
        &[],
    )?
    .iter()
    .map(|r| {
        Ok(SongRow {
            list: ListId(r.try_get(0)?),
            entry: r.try_get::<_, Option<i64>>(1)?.map(EntryId),
            entry_title: r.try_get(2)?,
            title: r.try_get(3)?,
            artist: r.try_get(4)?,
        })
    })
    .collect()
}

pub(super) fn setting(c: &mut Client, key: &str) -> Result<Option<String>> {
    let row = c.query_opt("SELECT value FROM settings WHERE key = $1", &[&key])?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

pub(super) fn set_setting(c: &mut Client, key: &str, value: &str) -> Result<()> {
    c.execute(
        "INSERT INTO settings (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&key, &value],
    )?;
    Ok(())
}

pub(super) fn list_weights(c: &mut Client) -> Result<Vec<(ListId, f64)>> {
    c.query(
        "SELECT list_id, weight FROM list_weights ORDER BY list_id",
        &[],
    )?
    .iter()
    .map(|r| Ok((ListId(r.try_get(0)?), r.try_get(1)?)))
    .collect()
}

pub(super) fn set_list_weight(c: &mut Client, list: ListId, weight: Option<f64>) -> Result<()> {
    if c.query_opt("SELECT id FROM lists WHERE id = $1", &[&list.0])?
        .is_none()
    {
        return Err(StoreError::NotFound(format!("no list with id {list}")));
    }
    match weight {
        Some(w) => c.execute(
            "INSERT INTO list_weights (list_id, weight) VALUES ($1, $2)
             ON CONFLICT (list_id) DO UPDATE SET weight = excluded.weight",
            &[&list.0, &w],
        )?,
        None => c.execute("DELETE FROM list_weights WHERE list_id = $1", &[&list.0])?,
    };
    Ok(())
}

pub(super) fn doubtful_lists(c: &mut Client, below: f64) -> Result<Vec<DoubtfulList>> {
    c.query(
        "SELECT id, title, outlet, reading, confidence, warnings FROM lists
         WHERE NOT checked AND (confidence < $1 OR warnings <> '[]')
         ORDER BY id",
        &[&below],
    )?
    .iter()
    .map(|r| {
        Ok(DoubtfulList {
            id: ListId(r.try_get(0)?),
            title: r.try_get(1)?,
            outlet: r.try_get(2)?,
            reading: r.try_get(3)?,
            confidence: r.try_get(4)?,
            warnings: json_strings(r.try_get(5)?, "list warnings")?,
        })
    })
    .collect()
}

pub(super) fn set_list_checked(c: &mut Client, id: ListId, checked: bool) -> Result<()> {
    let changed = c.execute(
        "UPDATE lists SET checked = $2 WHERE id = $1",
        &[&id.0, &checked],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!("no list with id {id}")));
    }
    Ok(())
}
