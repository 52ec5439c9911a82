//! Documents and the lists read from them.

use crate::{Store, StoreError};
use needledrop_model::{Entry, List, Mention, Order, Rank, SongCitation, Year};
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

/// The store's id of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ListId(pub i64);

impl std::fmt::Display for ListId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A source document as ingested: its bytes verbatim and how they were read.
#[derive(Debug, Clone)]
pub struct Document {
    /// The bytes exactly as read from the file or stdin.
    pub bytes: Vec<u8>,
    /// The file's name, if it had one.
    pub file_name: Option<String>,
    /// The format it was read as (`text`, `csv`, …).
    pub format: String,
    /// Lowercase hex SHA-256 of `bytes`.
    pub sha256: String,
}

impl Document {
    /// A document, hashing its bytes.
    pub fn new(bytes: Vec<u8>, file_name: Option<String>, format: &str) -> Document {
        let sha256 = hex::encode(Sha256::digest(&bytes));
        Document {
            bytes,
            file_name,
            format: format.to_string(),
            sha256,
        }
    }
}

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

/// One row of `needledrop lists`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListSummary {
    /// The list's id.
    pub id: ListId,
    /// The id of the source document it was read from (a PrefLib file holds many lists).
    pub document: i64,
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

/// A song and how widely it is cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SongCount {
    /// The song title as first printed.
    pub title: String,
    /// The artist, when any list names one.
    pub artist: Option<String>,
    /// The number of distinct lists citing it.
    pub lists: usize,
    /// Entry titles the song was cited under, distinct, in first-seen order.
    pub films: Vec<String>,
}

fn year_of(v: Option<i64>) -> Result<Option<Year>, StoreError> {
    v.map(|y| {
        i32::try_from(y)
            .ok()
            .and_then(|y| Year::new(y).ok())
            .ok_or_else(|| StoreError::Corrupt(format!("year {y}")))
    })
    .transpose()
}

impl Store {
    /// Finds the document with these bytes' hash, if it was ingested before.
    pub fn find_document(&self, sha256: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM documents WHERE sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Stores a document and the lists read from it, in one transaction.
    ///
    /// The same bytes ingested again store nothing and return [`IngestOutcome::AlreadyStored`].
    pub fn ingest(
        &mut self,
        document: &Document,
        lists: &[List],
    ) -> Result<IngestOutcome, StoreError> {
        let tx = self.conn.transaction()?;
        if let Some(doc_id) = tx
            .query_row(
                "SELECT id FROM documents WHERE sha256 = ?1",
                [&document.sha256],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        {
            let ids = list_ids_of(&tx, doc_id)?;
            return Ok(IngestOutcome::AlreadyStored(ids));
        }
        tx.execute(
            "INSERT INTO documents (sha256, file_name, format, bytes) VALUES (?1, ?2, ?3, ?4)",
            params![
                document.sha256,
                document.file_name,
                document.format,
                document.bytes
            ],
        )?;
        let doc_id = tx.last_insert_rowid();
        let mut ids = Vec::with_capacity(lists.len());
        for (position, list) in lists.iter().enumerate() {
            ids.push(insert_list(&tx, doc_id, position, list)?);
        }
        tx.commit()?;
        Ok(IngestOutcome::Stored(ids))
    }

    /// Every list, in ingest order.
    pub fn list_summaries(&self) -> Result<Vec<ListSummary>, StoreError> {
        let mut stmt = self.conn.prepare(
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
                    document: r.get(9)?,
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

    /// One list with its entries, mentions, songs, notes and warnings.
    pub fn list(&self, id: ListId) -> Result<List, StoreError> {
        let mut list = self
            .conn
            .query_row(
                "SELECT title, outlet, author, url, date, print_order, declared_size, notes, warnings
                 FROM lists WHERE id = ?1",
                [id.0],
                |r| {
                    Ok((
                        List {
                            title: r.get(0)?,
                            outlet: r.get(1)?,
                            author: r.get(2)?,
                            url: r.get(3)?,
                            date: r.get(4)?,
                            declared_size: r.get(6)?,
                            ..List::default()
                        },
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no list with id {id}; `needledrop lists` shows the ids")))
            .and_then(|(mut list, order, notes, warnings)| {
                list.order = parse_order(&order)?;
                list.notes = serde_json::from_str(&notes)
                    .map_err(|e| StoreError::Corrupt(format!("notes of list {id}: {e}")))?;
                list.warnings = serde_json::from_str(&warnings)
                    .map_err(|e| StoreError::Corrupt(format!("warnings of list {id}: {e}")))?;
                Ok(list)
            })?;

        let mut entry_ids = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, rank, tied, title, year, credit, blurb, line
             FROM entries WHERE list_id = ?1 ORDER BY position",
        )?;
        let mut rows = stmt.query([id.0])?;
        while let Some(r) = rows.next()? {
            let rank: i64 = r.get(1)?;
            let rank = u32::try_from(rank)
                .ok()
                .and_then(|n| Rank::new(n).ok())
                .ok_or_else(|| StoreError::Corrupt(format!("rank {rank}")))?;
            entry_ids.push(r.get::<_, i64>(0)?);
            list.entries.push(Entry {
                rank,
                tied: r.get(2)?,
                title: r.get(3)?,
                year: year_of(r.get(4)?)?,
                credit: r.get(5)?,
                blurb: r.get(6)?,
                songs: Vec::new(),
                line: r.get::<_, Option<i64>>(7)?.map(|l| l as usize),
            });
        }

        let mut stmt = self
            .conn
            .prepare("SELECT title, year FROM mentions WHERE list_id = ?1 ORDER BY position")?;
        let mut rows = stmt.query([id.0])?;
        while let Some(r) = rows.next()? {
            list.mentions.push(Mention {
                title: r.get(0)?,
                year: year_of(r.get(1)?)?,
            });
        }

        let mut stmt = self.conn.prepare(
            "SELECT entry_id, title, artist FROM songs WHERE list_id = ?1 ORDER BY position",
        )?;
        let mut rows = stmt.query([id.0])?;
        while let Some(r) = rows.next()? {
            let song = SongCitation {
                title: r.get(1)?,
                artist: r.get(2)?,
            };
            match r.get::<_, Option<i64>>(0)? {
                Some(entry_id) => {
                    let i = entry_ids
                        .iter()
                        .position(|&e| e == entry_id)
                        .ok_or_else(|| StoreError::Corrupt(format!("song of entry {entry_id}")))?;
                    list.entries[i].songs.push(song);
                }
                None => list.songs.push(song),
            }
        }
        Ok(list)
    }

    /// Every list with its contents, in ingest order.
    pub fn lists(&self) -> Result<Vec<(ListId, List)>, StoreError> {
        let ids: Vec<ListId> = {
            let mut stmt = self.conn.prepare("SELECT id FROM lists ORDER BY id")?;
            let ids = stmt
                .query_map([], |r| r.get(0).map(ListId))?
                .collect::<Result<_, _>>()?;
            ids
        };
        ids.into_iter().map(|id| Ok((id, self.list(id)?))).collect()
    }

    /// The source document of a list, verbatim.
    pub fn source_of(&self, id: ListId) -> Result<Document, StoreError> {
        self.conn
            .query_row(
                "SELECT d.bytes, d.file_name, d.format, d.sha256
                 FROM lists l JOIN documents d ON d.id = l.document_id WHERE l.id = ?1",
                [id.0],
                |r| {
                    Ok(Document {
                        bytes: r.get(0)?,
                        file_name: r.get(1)?,
                        format: r.get(2)?,
                        sha256: r.get(3)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no list with id {id}")))
    }

    /// Every cited song, most-cited first. Songs are the same when title and artist match
    /// ignoring case ("Heroes" by David Bowie is not "Heroes" by Motörhead). A citation without
    /// an artist joins the song of that title when exactly one artist is known for it, and
    /// stands alone otherwise.
    pub fn song_counts(&self) -> Result<Vec<SongCount>, StoreError> {
        use std::collections::{BTreeSet, HashMap};
        let mut stmt = self.conn.prepare(
            "SELECT s.list_id, s.title, s.artist, e.title
             FROM songs s LEFT JOIN entries e ON e.id = s.entry_id
             ORDER BY s.list_id, s.position",
        )?;
        let citations: Vec<(i64, String, Option<String>, Option<String>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let mut artists_of: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (_, title, artist, _) in &citations {
            if let Some(a) = artist {
                artists_of
                    .entry(title.to_lowercase())
                    .or_default()
                    .insert(a.to_lowercase());
            }
        }
        let mut songs: Vec<(SongCount, Vec<i64>)> = Vec::new();
        let mut index: HashMap<(String, Option<String>), usize> = HashMap::new();
        for (list_id, title, artist, film) in citations {
            let title_key = title.to_lowercase();
            let artist_key = match &artist {
                Some(a) => Some(a.to_lowercase()),
                None => artists_of
                    .get(&title_key)
                    .filter(|known| known.len() == 1)
                    .and_then(|known| known.iter().next().cloned()),
            };
            let i = *index.entry((title_key, artist_key)).or_insert_with(|| {
                songs.push((
                    SongCount {
                        title: title.clone(),
                        artist: None,
                        lists: 0,
                        films: Vec::new(),
                    },
                    Vec::new(),
                ));
                songs.len() - 1
            });
            let (song, lists) = &mut songs[i];
            if song.artist.is_none() {
                song.artist = artist;
            }
            if let Some(film) = film {
                if !song.films.contains(&film) {
                    song.films.push(film);
                }
            }
            if !lists.contains(&list_id) {
                lists.push(list_id);
            }
        }
        let mut out: Vec<SongCount> = songs
            .into_iter()
            .map(|(mut s, lists)| {
                s.lists = lists.len();
                s
            })
            .collect();
        out.sort_by(|a, b| b.lists.cmp(&a.lists).then_with(|| a.title.cmp(&b.title)));
        Ok(out)
    }
}

fn parse_order(s: &str) -> Result<Order, StoreError> {
    Order::parse(s).ok_or_else(|| StoreError::Corrupt(format!("list order `{s}`")))
}

fn list_ids_of(conn: &rusqlite::Connection, doc_id: i64) -> Result<Vec<ListId>, StoreError> {
    let mut stmt = conn.prepare("SELECT id FROM lists WHERE document_id = ?1 ORDER BY position")?;
    let ids = stmt
        .query_map([doc_id], |r| r.get(0).map(ListId))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

fn insert_list(
    tx: &rusqlite::Transaction<'_>,
    doc_id: i64,
    position: usize,
    list: &List,
) -> Result<ListId, StoreError> {
    let notes = serde_json::to_string(&list.notes).expect("strings serialize");
    let warnings = serde_json::to_string(&list.warnings).expect("strings serialize");
    tx.execute(
        "INSERT INTO lists (document_id, position, title, outlet, author, url, date, print_order,
                            declared_size, notes, warnings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            doc_id,
            position as i64,
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
    let list_id = tx.last_insert_rowid();
    let mut song_position = 0i64;
    let mut insert_song = tx.prepare(
        "INSERT INTO songs (list_id, entry_id, position, title, artist) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut insert_entry = tx.prepare(
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
        let entry_id = tx.last_insert_rowid();
        for s in &e.songs {
            insert_song.execute(params![list_id, entry_id, song_position, s.title, s.artist])?;
            song_position += 1;
        }
    }
    let mut insert_mention = tx
        .prepare("INSERT INTO mentions (list_id, position, title, year) VALUES (?1, ?2, ?3, ?4)")?;
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
    Ok(ListId(list_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> List {
        let mut list = List::new(Order::Descending);
        list.title = Some("Best".into());
        let mut e = Entry::new(Rank::new(2).unwrap(), "Garden State");
        e.year = Some(Year::new(2004).unwrap());
        e.songs.push(SongCitation {
            title: "New Slang".into(),
            artist: Some("The Shins".into()),
        });
        list.entries.push(e);
        list.entries
            .push(Entry::new(Rank::new(1).unwrap(), "Pulp Fiction"));
        list.mentions.push(Mention {
            title: "The Crow".into(),
            year: None,
        });
        list.songs.push(SongCitation {
            title: "Skyfall".into(),
            artist: Some("Adele".into()),
        });
        list.notes.push("Musicals were excluded.".into());
        list
    }

    #[test]
    fn a_list_round_trips_through_the_store() {
        let mut store = Store::open_in_memory().unwrap();
        let doc = Document::new(b"x".to_vec(), None, "text");
        let outcome = store.ingest(&doc, &[sample()]).unwrap();
        let id = outcome.list_ids()[0];
        assert_eq!(store.list(id).unwrap(), sample());
    }

    #[test]
    fn the_same_bytes_are_stored_once() {
        let mut store = Store::open_in_memory().unwrap();
        let doc = Document::new(b"same".to_vec(), None, "text");
        let first = store.ingest(&doc, &[sample()]).unwrap();
        let second = store.ingest(&doc, &[sample()]).unwrap();
        assert!(first.is_new());
        assert_eq!(
            second,
            IngestOutcome::AlreadyStored(first.list_ids().to_vec())
        );
        assert_eq!(store.list_summaries().unwrap().len(), 1);
    }

    #[test]
    fn a_failed_ingest_stores_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        // A title that violates NOT NULL cannot be made from the model, so break the schema's
        // CHECK on print order instead, by ingesting through a trigger that aborts mid-way.
        store
            .conn
            .execute_batch(
                "CREATE TRIGGER boom BEFORE INSERT ON mentions BEGIN SELECT RAISE(ABORT, 'boom'); END;",
            )
            .unwrap();
        let doc = Document::new(b"y".to_vec(), None, "text");
        assert!(store.ingest(&doc, &[sample()]).is_err());
        assert_eq!(store.find_document(&doc.sha256).unwrap(), None);
        assert!(store.list_summaries().unwrap().is_empty());
        let entries: i64 = store
            .conn
            .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
            .unwrap();
        assert_eq!(entries, 0);
    }

    #[test]
    fn songs_are_counted_across_lists() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .ingest(&Document::new(b"a".to_vec(), None, "text"), &[sample()])
            .unwrap();
        store
            .ingest(&Document::new(b"b".to_vec(), None, "text"), &[sample()])
            .unwrap();
        let songs = store.song_counts().unwrap();
        let slang = songs.iter().find(|s| s.title == "New Slang").unwrap();
        assert_eq!(slang.lists, 2);
        assert_eq!(slang.artist.as_deref(), Some("The Shins"));
        assert_eq!(slang.films, vec!["Garden State".to_string()]);
    }

    #[test]
    fn songs_of_one_title_by_different_artists_are_different_songs() {
        let mut store = Store::open_in_memory().unwrap();
        let cite = |artist: Option<&str>| {
            let mut list = List::new(Order::Descending);
            let mut e = Entry::new(Rank::new(1).unwrap(), "Some Film");
            e.songs.push(SongCitation {
                title: "Heroes".into(),
                artist: artist.map(String::from),
            });
            list.entries.push(e);
            list
        };
        for (bytes, artist) in [(b"1", Some("David Bowie")), (b"2", Some("Motorhead"))] {
            store
                .ingest(
                    &Document::new(bytes.to_vec(), None, "text"),
                    &[cite(artist)],
                )
                .unwrap();
        }
        // Two artists known: an artist-less citation is a song of its own.
        store
            .ingest(&Document::new(b"3".to_vec(), None, "text"), &[cite(None)])
            .unwrap();
        let songs = store.song_counts().unwrap();
        assert_eq!(songs.len(), 3);
        assert!(songs.iter().all(|s| s.lists == 1));
    }

    #[test]
    fn an_unknown_list_id_is_not_found() {
        let store = Store::open_in_memory().unwrap();
        assert!(matches!(
            store.list(ListId(9)),
            Err(StoreError::NotFound(_))
        ));
    }
}
