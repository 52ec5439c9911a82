//! The film catalog and people's decisions: import, search, a film's page, the review queue,
//! link, merge, split, alias.

use crate::{App, AppError, Result};
use needledrop_catalog::{import_into, ImportError, Record};
use needledrop_model::{EntryId, FilmId, ItemRef, ListId, MatchReason, Resolution, StoredFilm};
use needledrop_store::{Decision, FilmCitation, ItemFilter, Store};
use serde::Serialize;

/// A film a title could mean.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// The film.
    #[serde(flatten)]
    pub film: StoredFilm,
    /// How close the title is, 0 to 1.
    pub confidence: f32,
    /// How it matched.
    pub reason: MatchReason,
}

/// A film with every list entry and mention that names it.
#[derive(Debug, Clone, Serialize)]
pub struct FilmReport {
    /// The film.
    #[serde(flatten)]
    pub film: StoredFilm,
    /// Every citation, best rank first.
    pub citations: Vec<Citation>,
}

/// One list's entry or mention of a film.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// The list.
    pub list: ListId,
    /// Its title.
    pub list_title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// The printed rank (`None` for a mention).
    pub rank: Option<u32>,
    /// The title as printed.
    pub printed_title: String,
    /// How the film was decided.
    pub reason: &'static str,
    /// With what confidence.
    pub confidence: f64,
}

impl From<FilmCitation> for Citation {
    fn from(c: FilmCitation) -> Citation {
        Citation {
            list: c.list,
            list_title: c.list_title,
            outlet: c.outlet,
            rank: c.rank,
            printed_title: c.printed_title,
            reason: c.resolution.reason.map_or("review", MatchReason::as_str),
            confidence: c.resolution.confidence,
        }
    }
}

/// An entry or mention waiting for a person.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    /// Which item (`link` takes an entry id).
    pub item: ItemRef,
    /// Its list.
    pub list: ListId,
    /// The title as printed.
    pub title: String,
    /// The printed year.
    pub year: Option<i32>,
    /// Films considered, best first.
    pub candidates: Vec<StoredFilm>,
}

impl<S: Store> App<S> {
    /// Imports catalog records in one transaction (any error keeps nothing); films already
    /// stored are updated, never duplicated. Every automatic resolution is made again against
    /// the new catalog; a person's links stay. Returns (records read, catalog films, items in
    /// review).
    pub fn import_catalog<I>(&mut self, records: I) -> Result<(u64, u64, usize)>
    where
        I: IntoIterator<Item = Result<Record, ImportError>>,
    {
        // An import decides which records are films already stored: it needs every film, read
        // inside the transaction, so that an import another process committed meanwhile is
        // updated rather than stored twice.
        let mut loaded = None;
        let imported = self.store.write(|s| -> Result<(u64, usize)> {
            let resolver = loaded.insert(crate::Resolver::load_with_limit(s, u64::MAX)?);
            let fed = import_into(records, resolver.catalog_mut())?;
            resolver.finish_import(s)?;
            let items = s.items(ItemFilter::NotManual)?;
            let review = resolver.resolve_items(s, &items)?;
            Ok((fed, review))
        });
        // A failed import leaves the index ahead of the store: rebuild it next time.
        let (fed, review) = match imported {
            Ok(v) => {
                self.resolver = loaded;
                v
            }
            Err(e) => {
                self.reload_resolver();
                return Err(e);
            }
        };
        let films = self.store.catalog_film_count()?;
        Ok((fed, films, review))
    }

    /// Imports the bundled catalog when the store holds no catalog film yet.
    pub fn ensure_catalog(&mut self) -> Result<()> {
        if self.catalog_seen {
            return Ok(());
        }
        if self.store.catalog_film_count()? == 0 {
            let records = crate::lists::bundled_records()?;
            self.import_catalog(records.into_iter().map(Ok))?;
        }
        self.catalog_seen = true;
        Ok(())
    }

    /// Resolves the entries and mentions that have no film yet. Returns how many wait in review.
    pub fn resolve_pending(&mut self) -> Result<usize> {
        self.ensure_catalog()?;
        let (store, resolver) = self.resolving()?;
        resolver.resolve(store, ItemFilter::Unresolved)
    }

    /// Films a title could mean, best first.
    pub fn search_films(&mut self, title: &str) -> Result<Vec<SearchHit>> {
        let (store, resolver) = self.resolving()?;
        resolver.ensure_titles(store, [title])?;
        let hits = resolver.search(title);
        hits.into_iter()
            .map(|(id, confidence, reason)| {
                Ok(SearchHit {
                    film: film_following_merges(store, id)?,
                    confidence,
                    reason,
                })
            })
            .collect()
    }

    /// A film (by id, or the best match for a title) with every entry and mention naming it.
    pub fn film_report(&mut self, query: &str) -> Result<FilmReport> {
        let film = match query.trim().parse::<FilmId>() {
            Ok(id) => film_following_merges(&mut self.store, id)?,
            Err(_) => self
                .search_films(query)?
                .into_iter()
                .next()
                .map(|h| h.film)
                .ok_or_else(|| AppError::NotFound(format!("no film resembles {query:?}")))?,
        };
        let mut family = vec![film.id];
        for f in self.store.films()? {
            if f.merged_into.is_some_and(|m| family.contains(&m)) {
                family.push(f.id);
            }
        }
        let citations = self
            .store
            .film_citations(&family)?
            .into_iter()
            .map(Citation::from)
            .collect();
        Ok(FilmReport { film, citations })
    }

    /// Entries and mentions waiting for a person, with their candidates. Reads only.
    pub fn review_queue(&mut self) -> Result<Vec<ReviewItem>> {
        let rows = self.store.review_queue()?;
        rows.into_iter()
            .map(|r| {
                Ok(ReviewItem {
                    item: r.item,
                    list: r.list,
                    title: r.title,
                    year: r.year.map(|y| y.get()),
                    candidates: r
                        .candidates
                        .into_iter()
                        .map(|id| film_following_merges(&mut self.store, id))
                        .collect::<Result<_>>()?,
                })
            })
            .collect()
    }

    /// A person says which film an entry means. Kept by the printed title and year, so it
    /// applies again when the list is re-ingested or the catalog re-imported.
    pub fn link(&mut self, entry: EntryId, film: FilmId) -> Result<FilmId> {
        let item = ItemRef::Entry(entry);
        let (store, resolver) = self.resolving()?;
        let printed = store.item(item).map_err(|e| match e.kind() {
            needledrop_store::ErrorKind::NotFound => {
                AppError::NotFound(format!("no entry with id {entry}"))
            }
            _ => e.into(),
        })?;
        resolver.ensure_films(store, &[film])?;
        let film = resolver
            .canonical(film)
            .ok_or_else(|| AppError::NotFound(format!("no film with id {film}")))?;
        let key = resolver.key(&printed.title);
        let year = printed.year.map(|y| y.get());
        store.write(|s| -> Result<()> {
            s.add_decision(&Decision::Link {
                title_key: key.clone(),
                year,
                film,
            })?;
            s.set_resolution(item, &Resolution::manual(film))?;
            Ok(())
        })?;
        resolver.add_link(key, year, film);
        Ok(film)
    }

    /// Merges film `from` into film `into`: `from`'s titles become aliases, and everything that
    /// meant `from` now means `into`. Refused for a film and itself (even through earlier merges).
    pub fn merge(&mut self, into: FilmId, from: FilmId) -> Result<()> {
        let (store, resolver) = self.resolving()?;
        resolver.ensure_films(store, &[into, from])?;
        resolver.merge(into, from)?;
        let into = resolver.canonical(into).unwrap_or(into);
        let merged = store.write(|s| -> Result<()> {
            resolver.save_film(s, into)?;
            s.set_merged_into(from, Some(into))?;
            s.add_decision(&Decision::Merge { into, from })?;
            s.repoint_resolutions(from, into)?;
            Ok(())
        });
        if merged.is_err() {
            self.reload_resolver();
        }
        merged
    }

    /// Undoes the merges into `film`: every film merged into it stands alone again with its own
    /// titles, and entries not linked by hand are resolved afresh. Returns the films split off.
    pub fn split(&mut self, film: FilmId) -> Result<Vec<FilmId>> {
        let films = self.store.films()?;
        if !films.iter().any(|f| f.id == film) {
            return Err(AppError::NotFound(format!("no film with id {film}")));
        }
        let merged: Vec<&StoredFilm> = films
            .iter()
            .filter(|f| f.merged_into == Some(film))
            .collect();
        if merged.is_empty() {
            return Err(AppError::BadInput(format!(
                "film {film} has nothing merged into it to split off"
            )));
        }
        let ids: Vec<FilmId> = merged.iter().map(|f| f.id).collect();
        self.store.write(|s| -> Result<()> {
            for m in &merged {
                let mut titles = vec![m.film.title.clone()];
                titles.extend(m.film.aliases.iter().cloned());
                s.remove_aliases(film, &titles)?;
                s.set_merged_into(m.id, None)?;
                s.remove_merge(film, m.id)?;
            }
            s.clear_automatic_resolutions(film)?;
            Ok(())
        })?;
        self.reload_resolver();
        self.resolve_pending()?;
        Ok(ids)
    }

    /// Gives a film another title. An alias that is another film's title is refused (merge the
    /// films instead). Automatic resolutions are made again, since the title may now match.
    pub fn alias(&mut self, film: FilmId, title: &str) -> Result<()> {
        let (store, resolver) = self.resolving()?;
        resolver.ensure_films(store, &[film])?;
        resolver.add_alias(film, title)?;
        let film = resolver.canonical(film).unwrap_or(film);
        let stored = store.write(|s| -> Result<()> {
            resolver.save_film(s, film)?;
            s.add_decision(&Decision::Alias {
                film,
                title: title.trim().to_string(),
            })?;
            let items = s.items(ItemFilter::NotManual)?;
            resolver.resolve_items(s, &items)?;
            Ok(())
        });
        if stored.is_err() {
            self.reload_resolver();
        }
        stored
    }
}

/// A stored film, following merges to the film it stands for now.
pub(crate) fn film_following_merges(store: &mut impl Store, id: FilmId) -> Result<StoredFilm> {
    let mut current = id;
    for _ in 0..64 {
        let film = store.film(current).map_err(|e| match e.kind() {
            needledrop_store::ErrorKind::NotFound => {
                AppError::NotFound(format!("no film with id {id}"))
            }
            _ => e.into(),
        })?;
        match film.merged_into {
            Some(next) => current = next,
            None => return Ok(film),
        }
    }
    Err(AppError::NotFound(format!(
        "film {id} is merged in a loop; split it"
    )))
}
