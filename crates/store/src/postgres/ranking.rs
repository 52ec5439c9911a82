//! Lists as ranking reads them: one query per table.

use crate::decode::rank_of;
use crate::ranking::{item, Cursor};
use crate::{RankingList, Result, StoreError};
use ::postgres::Client;
use needledrop_model::{DocumentId, ListId};

pub(super) fn ranking_lists(c: &mut Client) -> Result<Vec<RankingList>> {
    let mut lists = Vec::new();
    for r in c.query(
        "SELECT id, document_id, title, outlet, declared_size FROM lists ORDER BY id",
        &[],
    )? {
        let declared: Option<i64> = r.try_get(4)?;
        lists.push(RankingList {
            id: ListId(r.try_get(0)?),
            document: DocumentId(r.try_get(1)?),
            title: r.try_get(2)?,
            outlet: r.try_get(3)?,
            declared_size: declared
                .map(|n| {
                    u32::try_from(n)
                        .map_err(|_| StoreError::Corrupt(format!("declared list size {n}")))
                })
                .transpose()?,
            entries: Vec::new(),
            mentions: Vec::new(),
        });
    }
    // The printed title only travels when no film stands for the item.
    let mut cursor = Cursor::new();
    for r in c.query(
        "SELECT e.list_id, e.rank, e.tied, r.film_id,
                CASE WHEN r.film_id IS NULL THEN e.title END
         FROM entries e LEFT JOIN resolutions r ON r.entry_id = e.id
         ORDER BY e.list_id, e.position",
        &[],
    )? {
        let list = cursor.list(&mut lists, r.try_get(0)?)?;
        list.entries.push(item(
            Some(rank_of(r.try_get(1)?)?),
            r.try_get(2)?,
            r.try_get(3)?,
            r.try_get(4)?,
        ));
    }
    let mut cursor = Cursor::new();
    for r in c.query(
        "SELECT m.list_id, r.film_id, CASE WHEN r.film_id IS NULL THEN m.title END
         FROM mentions m LEFT JOIN resolutions r ON r.mention_id = m.id
         ORDER BY m.list_id, m.position",
        &[],
    )? {
        let list = cursor.list(&mut lists, r.try_get(0)?)?;
        list.mentions
            .push(item(None, false, r.try_get(1)?, r.try_get(2)?));
    }
    Ok(lists)
}
