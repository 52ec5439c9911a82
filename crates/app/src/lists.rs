//! Stored lists and songs: browse, show, delete, and the most-cited songs.

use crate::{App, AppError, Result};
use needledrop_catalog::Record;
use needledrop_model::{Document, FilmId, ItemRef, ListId};
use needledrop_store::{DoubtfulList, ListSummary, Store, StoredList};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Where the bundled catalog comes from, for messages.
pub const BUNDLED_CATALOG_PATH: &str = "data/catalog/films.toml";

/// The catalog compiled into the binary.
pub(crate) fn bundled_records() -> Result<Vec<Record>> {
    Ok(needledrop_catalog::parse_toml(
        needledrop_catalog::BUNDLED_TOML,
        std::path::Path::new(BUNDLED_CATALOG_PATH),
    )?)
}

/// Below this confidence the article reader's reading of a list waits for a person, even when
/// the reader noticed nothing in particular (it warns on its own below the same figure).
pub const DOUBTFUL_BELOW: f64 = 0.6;

/// A song and how widely it is cited.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SongReport {
    /// The song title as first printed.
    pub title: String,
    /// The artist, when any list names one.
    pub artist: Option<String>,
    /// How many distinct lists cite it.
    pub lists: usize,
    /// The films it was cited under (entry titles as printed), distinct, first seen first.
    pub films: Vec<String>,
    /// The films' ids where the entries resolved, in the same order as far as known.
    pub film_ids: Vec<FilmId>,
}

fn not_found(id: ListId) -> impl FnOnce(needledrop_store::StoreError) -> AppError {
    move |e| match e.kind() {
        needledrop_store::ErrorKind::NotFound => {
            AppError::NotFound(format!("no list with id {id}"))
        }
        _ => e.into(),
    }
}

impl<S: Store> App<S> {
    /// The film each resolved entry and mention means.
    pub(crate) fn resolved_films(&mut self) -> Result<HashMap<ItemRef, FilmId>> {
        Ok(self
            .store
            .resolutions()?
            .into_iter()
            .filter_map(|(item, r)| r.film.map(|f| (item, f)))
            .collect())
    }

    /// Every stored list in brief, in ingest order.
    pub fn list_summaries(&mut self) -> Result<Vec<ListSummary>> {
        Ok(self.store.list_summaries()?)
    }

    /// One list in full.
    pub fn list(&mut self, id: ListId) -> Result<StoredList> {
        self.store.list(id).map_err(not_found(id))
    }

    /// A list's source document, verbatim.
    pub fn source(&mut self, id: ListId) -> Result<Document> {
        self.store.source_of(id).map_err(not_found(id))
    }

    /// Deletes a list (and its source document when no other list was read from it).
    pub fn delete_list(&mut self, id: ListId) -> Result<()> {
        self.store
            .write(|s| s.delete_list(id))
            .map_err(not_found(id))
    }

    /// Refreshes the database's planner statistics: worth it after storing many lists at once
    /// (a bulk ingest), so later queries use the indexes the data now calls for.
    pub fn refresh_statistics(&mut self) -> Result<()> {
        Ok(self.store.refresh_statistics()?)
    }

    /// Lists whose reading a person should check, with the reader's reasons: a confidence
    /// below [`DOUBTFUL_BELOW`] or any warning, and not yet marked as checked.
    pub fn doubtful_lists(&mut self) -> Result<Vec<DoubtfulList>> {
        Ok(self.store.doubtful_lists(DOUBTFUL_BELOW)?)
    }

    /// Marks a list's reading as checked by a person (it leaves the review queue), or puts it
    /// back with `checked = false`.
    pub fn set_list_checked(&mut self, id: ListId, checked: bool) -> Result<()> {
        self.store
            .write(|s| s.set_list_checked(id, checked))
            .map_err(not_found(id))
    }

    /// Every cited song, most-cited first. Songs are the same when title and artist match
    /// ignoring case ("Heroes" by David Bowie is not "Heroes" by Motörhead). A citation without
    /// an artist joins the song of that title when exactly one artist is known for it, and
    /// stands alone otherwise.
    pub fn songs(&mut self) -> Result<Vec<SongReport>> {
        let rows = self.store.song_rows()?;
        let films = self.resolved_films()?;
        let mut artists_of: HashMap<String, BTreeSet<String>> = HashMap::new();
        for row in &rows {
            if let Some(a) = &row.artist {
                artists_of
                    .entry(row.title.to_lowercase())
                    .or_default()
                    .insert(a.to_lowercase());
            }
        }
        let mut songs: Vec<(SongReport, BTreeSet<ListId>)> = Vec::new();
        let mut index: HashMap<(String, Option<String>), usize> = HashMap::new();
        for row in rows {
            let title_key = row.title.to_lowercase();
            let artist_key = match &row.artist {
                Some(a) => Some(a.to_lowercase()),
                None => artists_of
                    .get(&title_key)
                    .filter(|known| known.len() == 1)
                    .and_then(|known| known.iter().next().cloned()),
            };
            let i = *index.entry((title_key, artist_key)).or_insert_with(|| {
                songs.push((
                    SongReport {
                        title: row.title.clone(),
                        artist: None,
                        lists: 0,
                        films: Vec::new(),
                        film_ids: Vec::new(),
                    },
                    BTreeSet::new(),
                ));
                songs.len() - 1
            });
            let (song, lists) = &mut songs[i];
            if song.artist.is_none() {
                song.artist = row.artist;
            }
            if let Some(film) = row.entry_title {
                if !song.films.contains(&film) {
                    song.films.push(film);
                }
            }
            if let Some(f) = row.entry.and_then(|e| films.get(&ItemRef::Entry(e))) {
                if !song.film_ids.contains(f) {
                    song.film_ids.push(*f);
                }
            }
            lists.insert(row.list);
        }
        let mut out: Vec<SongReport> = songs
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
