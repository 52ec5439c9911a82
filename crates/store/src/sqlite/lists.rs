//! Documents and the lists read from them.

use crate::decode::{json_strings, parse_order, rank_of, year_of};
use crate::{DoubtfulList, ListSummary, Result, SongRow, StoreError, StoredList};
use needledrop_model::{
    Document, DocumentId, Entry, EntryId, List, ListId, Mention, MentionId, Order, SongCitation,
    Year,
};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

pub(super) fn find_document(conn: &Connection, sha256: &str) -> Result<Option<DocumentId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM documents WHERE sha256 = ?1",
            [sha256],
            |r| r.get(0).map(DocumentId),
        )
        .optional()?)
}

pub(super) fn find_document_by_content(
    conn: &Connection,
    content_sha256: &str,
) -> Result<Option<DocumentId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM documents WHERE content_sha256 = ?1 ORDER BY id LIMIT 1",
            [content_sha256],
            |r| r.get(0).map(DocumentId),
        )
        .optional()?)
}

pub(super) fn insert_document(conn: &Connection, document: &Document) -> Result<DocumentId> {
    match conn.execute(
        "INSERT INTO documents (sha256, content_sha256, file_name, format, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            document.sha256,
            document.content_sha256,
            document.file_name,
            document.format,
            document.bytes
        ],
    ) {
        Ok(_) => Ok(DocumentId(conn.last_insert_rowid())),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(StoreError::Conflict(format!(
                "a document with SHA-256 {} is stored already",
                document.sha256
            )))
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) fn document_lists(conn: &Connection, doc: DocumentId) -> Result<Vec<ListId>> {
    let mut stmt = conn.prepare("SELECT id FROM lists WHERE document_id = ?1 ORDER BY position")?;
    let ids = stmt
        .query_map([doc.0], |r| r.get(0).map(ListId))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

pub(super) fn insert_list(
    conn: &Connection,
    doc: DocumentId,
    position: usize,
    list: &List,
) -> Result<ListId> {
    let notes =
        serde_json::to_string(&list.notes).map_err(|e| StoreError::Backend(e.to_string()))?;
    let warnings =
        serde_json::to_string(&list.warnings).map_err(|e| StoreError::Backend(e.to_string()))?;
    conn.execute(
        "INSERT INTO lists (document_id, position, title, outlet, author, url, date, print_order,
                            declared_size, notes, warnings, reading, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            doc.0,
            position as i64,
            list.title,
            list.outlet,
            list.author,
            list.url,
            list.date,
            list.order.as_str(),
            list.declared_size,
            notes,
            warnings,
            list.reading,
            list.confidence
        ],
    )?;
    let list_id = conn.last_insert_rowid();
    insert_contents(conn, list_id, list)?;
    Ok(ListId(list_id))
}

/// Replaces a stored list's fields and contents in place: the id, the document and the
/// position stay, so weights and the source stay attached. Entries, mentions and songs are
/// written anew (their resolutions and facts go with the old ones).
pub(super) fn replace_list(conn: &Connection, id: ListId, list: &List) -> Result<()> {
    let notes =
        serde_json::to_string(&list.notes).map_err(|e| StoreError::Backend(e.to_string()))?;
    let warnings =
        serde_json::to_string(&list.warnings).map_err(|e| StoreError::Backend(e.to_string()))?;
    let changed = conn.execute(
        "UPDATE lists SET title = ?2, outlet = ?3, author = ?4, url = ?5, date = ?6,
                          print_order = ?7, declared_size = ?8, notes = ?9, warnings = ?10
         WHERE id = ?1",
        params![
            id.0,
            list.title,
            list.outlet,
            list.author,
            list.url,
            list.date,
            list.order.as_str(),
            list.declared_size,
            notes,
            warnings
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!("no list with id {id}")));
    }
    for table in ["songs", "entries", "mentions"] {
        conn.execute(&format!("DELETE FROM {table} WHERE list_id = ?1"), [id.0])?;
    }
    insert_contents(conn, id.0, list)
}

/// Writes a list's entries, mentions and songs under `list_id`.
fn insert_contents(conn: &Connection, list_id: i64, list: &List) -> Result<()> {
    let mut song_position = 0i64;
    let mut insert_song = conn.prepare_cached(
        "INSERT INTO songs (list_id, entry_id, position, title, artist) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut insert_entry = conn.prepare_cached(
        "INSERT INTO entries (list_id, position, rank, tied, title, year, credit, blurb, line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, e) in list.entries.iter().enumerate() {
        insert_entry.execute(params![
            list_id,
            i as i64,
            e.rank.get(),
            e.tied,
            e.title,
            e.year.map(Year::get),
            e.credit,
            e.blurb,
            e.line.map(|l| l as i64)
        ])?;
        let entry_id = conn.last_insert_rowid();
        for s in &e.songs {
            insert_song.execute(params![list_id, entry_id, song_position, s.title, s.artist])?;
            song_position += 1;
        }
    }
    let mut insert_mention = conn.prepare_cached(
        "INSERT INTO mentions (list_id, position, title, year) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, m) in list.mentions.iter().enumerate() {
        insert_mention.execute(params![list_id, i as i64, m.title, m.year.map(Year::get)])?;
    }
    for s in &list.songs {
        insert_song.execute(params![
            list_id,
            Option::<i64>::None,
            song_position,
            s.title,
            s.artist
        ])?;
        song_position += 1;
    }
    Ok(())
}

pub(super) fn list_summaries(conn: &Connection) -> Result<Vec<ListSummary>> {
    let mut stmt = conn.prepare(
        "SELECT l.id, l.title, l.outlet, d.file_name, d.format, l.print_order,
                (SELECT count(*) FROM entries e WHERE e.list_id = l.id),
                (SELECT count(*) FROM mentions m WHERE m.list_id = l.id),
                (SELECT count(*) FROM songs s WHERE s.list_id = l.id),
                l.document_id
         FROM lists l JOIN documents d ON d.id = l.document_id
         ORDER BY l.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            ListSummary {
                id: ListId(r.get(0)?),
                document: DocumentId(r.get(9)?),
                title: r.get(1)?,
                outlet: r.get(2)?,
                file_name: r.get(3)?,
                format: r.get(4)?,
                order: Order::Descending,
                entries: r.get::<_, i64>(6)? as usize,
                mentions: r.get::<_, i64>(7)? as usize,
                songs: r.get::<_, i64>(8)? as usize,
            },
            r.get::<_, String>(5)?,
        ))
    })?;
    rows.map(|row| {
        let (mut summary, order) = row?;
        summary.order = parse_order(&order)?;
        Ok(summary)
    })
    .collect()
}

/// One list (`only`) or every list, each table read in one query.
pub(super) fn lists(conn: &Connection, only: Option<ListId>) -> Result<Vec<StoredList>> {
    let filter = |column: &str| match only {
        Some(id) => format!("WHERE {column} = {}", id.0),
        None => String::new(),
    };
    let mut out: Vec<StoredList> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT id, document_id, title, outlet, author, url, date, print_order, declared_size,
                    notes, warnings, reading, confidence
             FROM lists {} ORDER BY id",
            filter("id")
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let list = List {
                title: r.get(2)?,
                outlet: r.get(3)?,
                author: r.get(4)?,
                url: r.get(5)?,
                date: r.get(6)?,
                order: parse_order(&r.get::<_, String>(7)?)?,
                declared_size: r.get(8)?,
                notes: json_strings(&r.get::<_, String>(9)?, "list notes")?,
                warnings: json_strings(&r.get::<_, String>(10)?, "list warnings")?,
                reading: r.get(11)?,
                confidence: r.get(12)?,
                ..List::default()
            };
            index.insert(id, out.len());
            out.push(StoredList {
                id: ListId(id),
                document: DocumentId(r.get(1)?),
                list,
                entry_ids: Vec::new(),
                mention_ids: Vec::new(),
            });
        }
    }
    let slot = |index: &HashMap<i64, usize>, list_id: i64| {
        index
            .get(&list_id)
            .copied()
            .ok_or_else(|| StoreError::Corrupt(format!("a row of missing list {list_id}")))
    };
    // Entry id → (list slot, entry position), for the songs below.
    let mut entry_slot: HashMap<i64, (usize, usize)> = HashMap::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT list_id, id, rank, tied, title, year, credit, blurb, line
             FROM entries {} ORDER BY list_id, position",
            filter("list_id")
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let i = slot(&index, r.get(0)?)?;
            let id: i64 = r.get(1)?;
            let stored = &mut out[i];
            entry_slot.insert(id, (i, stored.list.entries.len()));
            stored.entry_ids.push(EntryId(id));
            stored.list.entries.push(Entry {
                rank: rank_of(r.get(2)?)?,
                tied: r.get(3)?,
                title: r.get(4)?,
                year: year_of(r.get(5)?)?,
                credit: r.get(6)?,
                blurb: r.get(7)?,
                songs: Vec::new(),
                line: r.get::<_, Option<i64>>(8)?.map(|l| l as usize),
            });
        }
    }
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT list_id, id, title, year FROM mentions {} ORDER BY list_id, position",
            filter("list_id")
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let i = slot(&index, r.get(0)?)?;
            out[i].mention_ids.push(MentionId(r.get(1)?));
            out[i].list.mentions.push(Mention {
                title: r.get(2)?,
                year: year_of(r.get(3)?)?,
            });
        }
    }
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT list_id, entry_id, title, artist FROM songs {} ORDER BY list_id, position",
            filter("list_id")
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let song = SongCitation {
                title: r.get(2)?,
                artist: r.get(3)?,
            };
            match r.get::<_, Option<i64>>(1)? {
                Some(entry) => {
                    let (i, e) = *entry_slot
                        .get(&entry)
                        .ok_or_else(|| StoreError::Corrupt(format!("song of entry {entry}")))?;
                    out[i].list.entries[e].songs.push(song);
                }
                None => {
                    let i = slot(&index, r.get(0)?)?;
                    out[i].list.songs.push(song);
                }
            }
        }
    }
    Ok(out)
}

pub(super) fn source_of(conn: &Connection, id: ListId) -> Result<Document> {
    conn.query_row(
        "SELECT d.id, d.bytes, d.file_name, d.format, d.sha256
         FROM lists l JOIN documents d ON d.id = l.document_id WHERE l.id = ?1",
        [id.0],
        |r| {
            let bytes: Vec<u8> = r.get(1)?;
            Ok(Document {
                id: Some(DocumentId(r.get(0)?)),
                file_name: r.get(2)?,
                format: r.get(3)?,
                content_sha256: Document::content_sha256_of(&bytes),
                bytes,
                sha256: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("no list with id {id}")))
}

pub(super) fn delete_list(conn: &Connection, id: ListId) -> Result<()> {
    let doc: i64 = conn
        .query_row("SELECT document_id FROM lists WHERE id = ?1", [id.0], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("no list with id {id}")))?;
    // Resolutions reference entries and mentions with ON DELETE CASCADE, as do songs and facts.
    conn.execute("DELETE FROM lists WHERE id = ?1", [id.0])?;
    conn.execute(
        "DELETE FROM documents WHERE id = ?1 AND NOT EXISTS
            (SELECT 1 FROM lists WHERE document_id = ?1)",
        [doc],
    )?;
    Ok(())
}

pub(super) fn song_rows(conn: &Connection) -> Result<Vec<SongRow>> {
    let mut stmt = conn.prepare(
        "SELECT s.list_id, s.entry_id, e.title, s.title, s.artist
         FROM songs s LEFT JOIN entries e ON e.id = s.entry_id
         ORDER BY s.list_id, s.position",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(SongRow {
                list: ListId(r.get(0)?),
                entry: r.get::<_, Option<i64>>(1)?.map(EntryId),
                entry_title: r.get(2)?,
                title: r.get(3)?,
                artist: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(super) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(super) fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub(super) fn list_weights(conn: &Connection) -> Result<Vec<(ListId, f64)>> {
    let mut stmt = conn.prepare("SELECT list_id, weight FROM list_weights ORDER BY list_id")?;
    let rows = stmt
        .query_map([], |r| Ok((ListId(r.get(0)?), r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(super) fn set_list_weight(conn: &Connection, list: ListId, weight: Option<f64>) -> Result<()> {
    let exists: Option<i64> = conn
        .query_row("SELECT id FROM lists WHERE id = ?1", [list.0], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        return Err(StoreError::NotFound(format!("no list with id {list}")));
    }
    match weight {
        Some(w) => conn.execute(
            "INSERT INTO list_weights (list_id, weight) VALUES (?1, ?2)
             ON CONFLICT (list_id) DO UPDATE SET weight = excluded.weight",
            params![list.0, w],
        )?,
        None => conn.execute("DELETE FROM list_weights WHERE list_id = ?1", [list.0])?,
    };
    Ok(())
}

pub(super) fn doubtful_lists(conn: &Connection, below: f64) -> Result<Vec<DoubtfulList>> {
    let mut stmt = conn.prepare(
        "SELECT id, title, outlet, reading, confidence, warnings FROM lists
         WHERE checked = 0 AND (confidence < ?1 OR warnings <> '[]')
         ORDER BY id",
    )?;
    let mut rows = stmt.query([below])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(DoubtfulList {
            id: ListId(r.get(0)?),
            title: r.get(1)?,
            outlet: r.get(2)?,
            reading: r.get(3)?,
            confidence: r.get(4)?,
            warnings: json_strings(&r.get::<_, String>(5)?, "list warnings")?,
        });
    }
    Ok(out)
}

pub(super) fn set_list_checked(conn: &Connection, id: ListId, checked: bool) -> Result<()> {
    let changed = conn.execute(
        "UPDATE lists SET checked = ?2 WHERE id = ?1",
        params![id.0, checked],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!("no list with id {id}")));
    }
    Ok(())
}
