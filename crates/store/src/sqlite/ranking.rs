//! Lists as ranking reads them: one query per table.

use crate::decode::rank_of;
use crate::ranking::{item, Cursor};
use crate::{RankingList, Result};
use needledrop_model::{DocumentId, ListId};
use rusqlite::Connection;

pub(super) fn ranking_lists(conn: &Connection) -> Result<Vec<RankingList>> {
    let mut lists = Vec::new();
    {
        let mut stmt = conn
            .prepare("SELECT id, document_id, title, outlet, declared_size FROM lists ORDER BY id")?;
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
    // The printed title only travels when no film stands for the item.
    {
        let mut stmt = conn.prepare(
            "SELECT e.list_id, e.rank, e.tied, r.film_id,
                    CASE WHEN r.film_id IS NULL THEN e.title END
             FROM entries e LEFT JOIN resolutions r ON r.entry_id = e.id
             ORDER BY e.list_id, e.position",
        )?;
        let mut rows = stmt.query([])?;
        let mut cursor = Cursor::new();
        while let Some(r) = rows.next()? {
            let list = cursor.list(&mut lists, r.get(0)?)?;
            list.entries.push(item(
                Some(rank_of(r.get(1)?)?),
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ));
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT m.list_id, r.film_id, CASE WHEN r.film_id IS NULL THEN m.title END
             FROM mentions m LEFT JOIN resolutions r ON r.mention_id = m.id
             ORDER BY m.list_id, m.position",
        )?;
        let mut rows = stmt.query([])?;
        let mut cursor = Cursor::new();
        while let Some(r) = rows.next()? {
            let list = cursor.list(&mut lists, r.get(0)?)?;
            list.mentions.push(item(None, false, r.get(1)?, r.get(2)?));
        }
    }
    Ok(lists)
}
