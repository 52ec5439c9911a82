//! Reading lists as ranking needs them, the same way for every backend.

use crate::{RankingItem, RankingList, Result, StoreError};

/// Appends rows (ordered by list id, then position) to their lists (ordered by id) with a
/// cursor that only moves forward: no map from list id to slot for a million rows.
pub(crate) struct Cursor {
    at: usize,
}

impl Cursor {
    pub(crate) fn new() -> Cursor {
        Cursor { at: 0 }
    }

    /// The list a row of `list_id` belongs to.
    pub(crate) fn list<'a>(
        &mut self,
        lists: &'a mut [RankingList],
        list_id: i64,
    ) -> Result<&'a mut RankingList> {
        while lists.get(self.at).is_some_and(|l| l.id.0 < list_id) {
            self.at += 1;
        }
        match lists.get_mut(self.at) {
            Some(l) if l.id.0 == list_id => Ok(l),
            _ => Err(StoreError::Corrupt(format!(
                "a row of missing list {list_id}"
            ))),
        }
    }
}

/// An item as read: the title is kept only when no film stands for it.
pub(crate) fn item(
    rank: Option<needledrop_model::Rank>,
    tied: bool,
    film: Option<i64>,
    title: Option<String>,
) -> RankingItem {
    let film = film.map(needledrop_model::FilmId);
    RankingItem {
        rank,
        tied,
        title: if film.is_some() { None } else { title },
        film,
    }
}
