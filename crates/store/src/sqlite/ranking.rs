//! Lists as ranking reads them: one scan per table.
//!
//! Each table is read in its stored order: no index walk with a row lookup per entry, no index
//! probe per entry into the resolutions (a third of the time when they were joined in SQL).

use crate::decode::rank_of;
use crate::ranking::{item, Cursor};
use crate::{RankingList, Result, StoreError};
use needledrop_model::{DocumentId, ListId};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};

pub(super) fn ranking_lists(conn: &Connection) -> Result<Vec<RankingList>> {
    let mut lists = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, document_id, title, outlet, declared_size FROM lists ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            lists.push(RankingList {
                id: ListId(r.get(0)?),
                document: DocumentId(r.get(1)?),
                title: r.get(2)?,
                outlet: r.get(3)?,
                declared_size: r.get(4)?,
                entries: Vec::new(),
                mentions: Vec::new(),
            });
        }
    }
    // (item id, film) of every resolved entry and mention, sorted by item id.
    let mut entry_films: Vec<(i64, i64)> = Vec::new();
    let mut mention_films: Vec<(i64, i64)> = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT entry_id, mention_id, film_id FROM resolutions WHERE film_id IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let film: i64 = r.get(2)?;
            match (r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?) {
                (Some(e), _) => entry_films.push((e, film)),
                (None, Some(m)) => mention_films.push((m, film)),
                (None, None) => {}
            }
        }
    }
    entry_films.sort_unstable();
    mention_films.sort_unstable();
    let film_of = |films: &[(i64, i64)], id: i64| {
        films
            .binary_search_by_key(&id, |&(item, _)| item)
            .ok()
            .map(|i| films[i].1)
    };
    // The printed title is copied out only when no film stands for the item.
    let title = |r: &Row, column: usize, film: Option<i64>| -> Result<Option<String>> {
        if film.is_some() {
            return Ok(None);
        }
        match r.get_ref(column)? {
            ValueRef::Text(t) => Ok(Some(String::from_utf8_lossy(t).into_owned())),
            _ => Err(StoreError::Corrupt("an item's title is not text".into())),
        }
    };
    // Reads `sql`'s rows (list id and position first) into their lists with `push`; false as
    // soon as a row comes out of (list, position) order.
    let scan = |lists: &mut Vec<RankingList>,
                sql: &str,
                push: &dyn Fn(&mut RankingList, &Row<'_>) -> Result<()>|
     -> Result<bool> {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        let mut cursor = Cursor::new();
        let mut last = (i64::MIN, i64::MIN);
        while let Some(r) = rows.next()? {
            let at: (i64, i64) = (r.get(0)?, r.get(1)?);
            if at < last {
                return Ok(false);
            }
            last = at;
            push(cursor.list(lists, at.0)?, r)?;
        }
        Ok(true)
    };
    let entry = |list: &mut RankingList, r: &Row<'_>| -> Result<()> {
        let film = film_of(&entry_films, r.get(2)?);
        list.entries.push(item(
            Some(rank_of(r.get(3)?)?),
            r.get(4)?,
            film,
            title(r, 5, film)?,
        ));
        Ok(())
    };
    let mention = |list: &mut RankingList, r: &Row<'_>| -> Result<()> {
        let film = film_of(&mention_films, r.get(2)?);
        list.mentions
            .push(item(None, false, film, title(r, 3, film)?));
        Ok(())
    };
    // Stored order is list order unless a list was replaced after later ones were stored: then
    // the rows are read again through the (list, position) index.
    const ENTRIES: &str = "SELECT list_id, position, id, rank, tied, title FROM entries";
    if !scan(&mut lists, ENTRIES, &entry)? {
        lists.iter_mut().for_each(|l| l.entries.clear());
        scan(
            &mut lists,
            &format!("{ENTRIES} ORDER BY list_id, position"),
            &entry,
        )?;
    }
    const MENTIONS: &str = "SELECT list_id, position, id, title FROM mentions";
    if !scan(&mut lists, MENTIONS, &mention)? {
        lists.iter_mut().for_each(|l| l.mentions.clear());
        scan(
            &mut lists,
            &format!("{MENTIONS} ORDER BY list_id, position"),
            &mention,
        )?;
    }
    Ok(lists)
}
