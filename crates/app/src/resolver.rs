//! Which film each printed title means, with the catalog index built once per process.
//!
//! The [`Resolver`] loads the store's films into a [`needledrop_catalog::Catalog`] (and the
//! people's merge, alias and link decisions on top), then resolves printed items against it
//! and writes the outcome back: a film with its confidence and reason, or a place in the review
//! queue. Titles nothing matches become provisional films, so identical unknown titles from
//! different lists still meet. Only items that need it are resolved: new ones after an ingest,
//! every automatic one after the catalog changed.

use crate::{AppError, Result};
use needledrop_catalog::{
    film_facts, Candidate, Catalog, CatalogError, CatalogId, FilmFacts, Query,
    Resolution as Verdict,
};
use needledrop_model::{FilmId, ItemRef, MatchReason, Resolution, StoredFilm, Year};
use needledrop_store::{Decision, FilmFact, ItemFilter, PrintedItem, Store};
use std::collections::HashMap;

/// The catalog index over the store's films, with the id mapping both ways.
pub struct Resolver {
    catalog: Catalog,
    /// Catalog id → store id, for every film the store holds.
    ids: Vec<FilmId>,
    /// Store id → catalog id.
    by_film: HashMap<FilmId, CatalogId>,
    /// A person's links: (normalised title, printed year) → film, oldest first.
    links: Vec<(String, Option<i32>, FilmId)>,
}

impl Resolver {
    /// Loads every film and decision from the store.
    pub fn load(store: &mut impl Store) -> Result<Resolver> {
        let films = store.films()?;
        let mut catalog = Catalog::new();
        catalog.set_articles(
            needledrop_catalog::bundled()
                .map(|c| c.articles().clone())
                .unwrap_or_default(),
        );
        let mut resolver = Resolver {
            catalog,
            ids: Vec::with_capacity(films.len()),
            by_film: HashMap::with_capacity(films.len()),
            links: Vec::new(),
        };
        let mut merges = Vec::new();
        for stored in films {
            let cid = resolver.push(stored.film, stored.provisional)?;
            resolver.ids.push(stored.id);
            resolver.by_film.insert(stored.id, cid);
            if let Some(into) = stored.merged_into {
                merges.push((into, cid));
            }
        }
        for (into, from) in merges {
            if let Some(&into) = resolver.by_film.get(&into) {
                // Already merged through another path is fine.
                let _ = resolver.catalog.merge(into, from);
            }
        }
        resolver.apply_decisions(&store.decisions()?);
        Ok(resolver)
    }

    fn push(
        &mut self,
        film: needledrop_model::Film,
        provisional: bool,
    ) -> Result<CatalogId, CatalogError> {
        if provisional {
            let cid = self
                .catalog
                .insert_provisional(&film.title, film.year.map(Year::get))?;
            for a in &film.aliases {
                let _ = self.catalog.add_alias(cid, a);
            }
            Ok(cid)
        } else {
            self.catalog.push_new(film)
        }
    }

    /// Re-applies merges and aliases, and takes the links.
    fn apply_decisions(&mut self, decisions: &[Decision]) {
        self.links.clear();
        for d in decisions {
            match d {
                Decision::Merge { into, from } => {
                    if let (Some(&a), Some(&b)) = (self.by_film.get(into), self.by_film.get(from)) {
                        let _ = self.catalog.merge(a, b);
                    }
                }
                Decision::Alias { film, title } => {
                    if let Some(&cid) = self.by_film.get(film) {
                        let _ = self.catalog.add_alias(cid, title);
                    }
                }
                Decision::Link {
                    title_key,
                    year,
                    film,
                } => self.links.push((title_key.clone(), *year, *film)),
            }
        }
    }

    /// The catalog, for searches.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The catalog, for an import.
    pub(crate) fn catalog_mut(&mut self) -> &mut Catalog {
        &mut self.catalog
    }

    /// Ends an import: the index is finished, people's decisions are applied again on top, and
    /// every film is written to the store.
    pub(crate) fn finish_import(&mut self, store: &mut impl Store) -> Result<()> {
        self.catalog.finish_import();
        let decisions = store.decisions()?;
        self.apply_decisions(&decisions);
        self.save_all(store)
    }

    /// The normalised key of a printed title (how links are keyed).
    pub fn key(&self, title: &str) -> String {
        self.catalog.key(title)
    }

    /// The store id of a catalog film, following merges.
    pub fn film_id(&self, cid: CatalogId) -> Option<FilmId> {
        self.catalog
            .canonical(cid)
            .and_then(|c| self.ids.get(c.0 as usize).copied())
    }

    /// The catalog id of a stored film.
    pub fn catalog_id(&self, film: FilmId) -> Option<CatalogId> {
        self.by_film.get(&film).copied()
    }

    /// The film a stored film stands for now (itself, or what it was merged into).
    pub fn canonical(&self, film: FilmId) -> Option<FilmId> {
        self.catalog_id(film).and_then(|c| self.film_id(c))
    }

    /// Films a title could mean, best first: (film, confidence, reason).
    pub fn search(&self, title: &str) -> Vec<(FilmId, f32, MatchReason)> {
        let candidates = match self.catalog.resolve(&Query::title(title)) {
            Verdict::Matched(c) => vec![c],
            Verdict::NeedsReview { candidates } => candidates,
            Verdict::NoMatch => Vec::new(),
        };
        let mut out: Vec<(FilmId, f32, MatchReason)> = Vec::new();
        for c in candidates {
            if let Some(id) = self.film_id(c.film) {
                if !out.iter().any(|(f, _, _)| *f == id) {
                    out.push((id, c.confidence, c.reason));
                }
            }
        }
        out
    }

    /// Merges `from` into `into` in the index (the store is the caller's).
    pub(crate) fn merge(&mut self, into: FilmId, from: FilmId) -> Result<()> {
        let a = self.require(into)?;
        let b = self.require(from)?;
        if self.catalog.canonical(a) == self.catalog.canonical(b) {
            return Err(AppError::BadInput(format!(
                "cannot merge film {into} with itself (film {from} is film {into}, or was merged into it)"
            )));
        }
        self.catalog.merge(a, b)?;
        Ok(())
    }

    /// Adds an alias in the index; refused when it is another film's title.
    pub(crate) fn add_alias(&mut self, film: FilmId, title: &str) -> Result<()> {
        let cid = self.require(film)?;
        match self.catalog.add_alias(cid, title) {
            Ok(_) => Ok(()),
            Err(CatalogError::AliasIsAnotherTitle { alias, other }) => {
                let other = self
                    .ids
                    .get(other as usize)
                    .map_or_else(|| "another film".to_string(), |f| format!("film {f}"));
                Err(AppError::BadInput(format!(
                    "{alias:?} is the title of {other}; merge the two films instead of adding an alias"
                )))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// A person's link, remembered for the rest of this run.
    pub(crate) fn add_link(&mut self, title_key: String, year: Option<i32>, film: FilmId) {
        self.links.push((title_key, year, film));
    }

    fn require(&self, film: FilmId) -> Result<CatalogId> {
        self.catalog_id(film)
            .ok_or_else(|| AppError::NotFound(format!("no film with id {film}")))
    }

    /// The film as the index holds it (aliases included), with its store id.
    pub fn stored_film(&self, film: FilmId) -> Option<StoredFilm> {
        let cid = self.catalog_id(film)?;
        let canonical = self.catalog.canonical(cid)?;
        Some(StoredFilm {
            id: film,
            film: self.catalog.film_at(cid)?.clone(),
            provisional: self.catalog.is_provisional(cid),
            merged_into: (canonical != cid)
                .then(|| self.ids.get(canonical.0 as usize).copied())
                .flatten(),
        })
    }

    /// Writes every film of the index to the store: films it knows are updated, new ones
    /// inserted (after a catalog import).
    pub(crate) fn save_all(&mut self, store: &mut impl Store) -> Result<()> {
        for i in 0..self.catalog.slot_count() {
            let Ok(slot) = u32::try_from(i) else { break };
            let cid = CatalogId(slot);
            let Some(film) = self.catalog.film_at(cid) else {
                continue;
            };
            let provisional = self.catalog.is_provisional(cid);
            let id = match self.ids.get(i) {
                Some(&id) => {
                    store.update_film(id, film, provisional)?;
                    id
                }
                None => {
                    let id = store.insert_film(film, provisional)?;
                    self.ids.push(id);
                    self.by_film.insert(id, cid);
                    id
                }
            };
            let merged_into = self
                .catalog
                .canonical(cid)
                .filter(|c| *c != cid)
                .and_then(|c| self.ids.get(c.0 as usize).copied());
            if merged_into.is_some() {
                store.set_merged_into(id, merged_into)?;
            }
        }
        Ok(())
    }

    /// Stores the films made since the index was loaded (provisional films for new titles).
    fn save_new(&mut self, store: &mut impl Store) -> Result<()> {
        for i in self.ids.len()..self.catalog.slot_count() {
            let Ok(slot) = u32::try_from(i) else { break };
            let cid = CatalogId(slot);
            let Some(film) = self.catalog.film_at(cid) else {
                continue;
            };
            let id = store.insert_film(film, self.catalog.is_provisional(cid))?;
            self.ids.push(id);
            self.by_film.insert(id, cid);
        }
        Ok(())
    }

    /// Resolves the items `filter` selects and stores the outcome, in one transaction with the
    /// films it makes. Returns how many items went to review.
    pub fn resolve(&mut self, store: &mut impl Store, filter: ItemFilter) -> Result<usize> {
        store.write(|s| {
            let items = s.items(filter)?;
            self.resolve_items(s, &items)
        })
    }

    /// Resolves these items inside the caller's transaction.
    pub(crate) fn resolve_items(
        &mut self,
        store: &mut impl Store,
        items: &[PrintedItem],
    ) -> Result<usize> {
        let mut review = 0;
        let mut outcomes = Vec::with_capacity(items.len());
        for item in items {
            let facts = film_facts(&item.blurb);
            let year = item.year.map(Year::get);
            let year_hint = year.or(facts.hints.year());
            let key = self.catalog.key(&item.title);
            // A link made for a title printed without a year applies to that title printed
            // without a year only: "Crash" linked to 2004 must not capture "Crash (1996)".
            let linked = self
                .links
                .iter()
                .rev()
                .find(|(k, y, _)| *k == key && *y == year)
                .and_then(|(_, _, film)| self.catalog_id(*film));
            let verdict = match linked {
                Some(film) => Verdict::Matched(Candidate {
                    film,
                    confidence: 1.0,
                    reason: MatchReason::Manual,
                }),
                None => self.catalog.resolve_or_add(
                    &Query::title(&item.title)
                        .with_year(year_hint)
                        .with_director(facts.hints.director()),
                )?,
            };
            if !matches!(verdict, Verdict::Matched(_)) {
                review += 1;
            }
            outcomes.push((item.item, verdict, facts));
        }
        // Provisional films made above need store ids before resolutions can point at them.
        self.save_new(store)?;
        for (item, verdict, facts) in outcomes {
            let resolution = match verdict {
                Verdict::Matched(c) => Resolution {
                    film: self.film_id(c.film),
                    confidence: f64::from(c.confidence),
                    reason: Some(c.reason),
                    candidates: Vec::new(),
                },
                Verdict::NeedsReview { candidates } => Resolution {
                    film: None,
                    confidence: candidates.first().map_or(0.0, |c| f64::from(c.confidence)),
                    reason: None,
                    candidates: candidates
                        .iter()
                        .filter_map(|c| self.film_id(c.film))
                        .collect(),
                },
                Verdict::NoMatch => Resolution {
                    film: None,
                    confidence: 0.0,
                    reason: None,
                    candidates: Vec::new(),
                },
            };
            store.set_resolution(item, &resolution)?;
            if let ItemRef::Entry(entry) = item {
                store.add_film_facts(entry, &fact_rows(&facts))?;
            }
        }
        Ok(review)
    }
}

/// The facts of an entry's prose as rows to store.
fn fact_rows(facts: &FilmFacts) -> Vec<FilmFact> {
    let mut rows = Vec::new();
    for a in &facts.awards {
        rows.push(FilmFact {
            kind: "award",
            value: format!("{}: {}", a.body, a.category),
            phrase: a.phrase.clone(),
        });
    }
    for k in &facts.kind_evidence {
        rows.push(FilmFact {
            kind: "soundtrack_kind",
            value: k.kind.as_str().to_string(),
            phrase: k.phrase.clone(),
        });
    }
    for y in &facts.hints.years {
        rows.push(FilmFact {
            kind: "year",
            value: y.to_string(),
            phrase: y.to_string(),
        });
    }
    for d in &facts.hints.directors {
        rows.push(FilmFact {
            kind: "director",
            value: d.clone(),
            phrase: d.clone(),
        });
    }
    rows
}
