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
use std::collections::{HashMap, HashSet};

/// The catalog index over the store's films, with the id mapping both ways.
pub struct Resolver {
    catalog: Catalog,
    /// Catalog id → store id, for every film the store holds.
    ids: Vec<FilmId>,
    /// Store id → catalog id.
    by_film: HashMap<FilmId, CatalogId>,
    /// A person's links: (normalised title, printed year) → film, oldest first.
    links: Vec<(String, Option<i32>, FilmId)>,
    /// True when the index holds only the films fetched so far (a large catalog); false when
    /// it holds every film.
    partial: bool,
    /// Look-up words already fetched from the store, in partial mode.
    fetched_words: HashSet<String>,
}

/// Up to this many films, the whole catalog is loaded into the index (about 0.1 s); above it,
/// the index holds only the films a title could mean, fetched by their look-up words.
pub const FULL_LOAD_LIMIT: u64 = 20_000;

/// A title word filed under more films than this says too little to fetch them all (the whole
/// title is always fetched).
const COMMON_WORD_LIMIT: usize = 2_000;

/// Words shorter than this get no respellings: a typo in a three-letter word is another word.
const RESPELL_MIN_CHARS: usize = 4;

/// The look-up words of a title's normalised key: the whole key marked with `#`, each word, and
/// each word of four letters or more with one letter dropped, marked with `~` (a film and a
/// printed title one typo apart share such a form: the symmetric-deletion trick).
fn lookup_words(key: &str, out: &mut Vec<String>) {
    if key.is_empty() {
        return;
    }
    out.push(format!("#{key}"));
    for word in key.split(' ').filter(|w| !w.is_empty()) {
        out.push(word.to_string());
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < RESPELL_MIN_CHARS {
            continue;
        }
        out.push(format!("~{word}"));
        for skip in 0..chars.len() {
            let mut respelled = String::with_capacity(word.len() + 1);
            respelled.push('~');
            respelled.extend(
                chars
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, c)| c),
            );
            out.push(respelled);
        }
    }
}

impl Resolver {
    /// Loads the store's films (all of them up to [`FULL_LOAD_LIMIT`], else none until a title
    /// asks for them) and every decision.
    pub fn load(store: &mut impl Store) -> Result<Resolver> {
        Resolver::load_with_limit(store, FULL_LOAD_LIMIT)
    }

    /// [`Resolver::load`] with another limit for a full load (tests use 0 to force a partial
    /// index).
    pub fn load_with_limit(store: &mut impl Store, full_load_limit: u64) -> Result<Resolver> {
        let mut catalog = Catalog::new();
        catalog.set_articles(
            needledrop_catalog::bundled()
                .map(|c| c.articles().clone())
                .unwrap_or_default(),
        );
        let mut resolver = Resolver {
            catalog,
            ids: Vec::new(),
            by_film: HashMap::new(),
            links: Vec::new(),
            partial: false,
            fetched_words: HashSet::new(),
        };
        let total = store.film_count()?;
        if total > full_load_limit && store.film_word_count()? > 0 {
            resolver.partial = true;
        } else {
            let films = store.films()?;
            resolver.catalog.begin_import(films.len());
            resolver.add_films(films)?;
            resolver.catalog.finish_import();
            if total > full_load_limit {
                // A store from before look-up words existed: file them once.
                store.write(|s| resolver.file_all_words(s))?;
            }
        }
        resolver.apply_decisions(&store.decisions()?);
        Ok(resolver)
    }

    /// Adds stored films to the index, then the merges among the films it holds.
    fn add_films(&mut self, films: Vec<StoredFilm>) -> Result<()> {
        let mut merges = Vec::new();
        for stored in films {
            if self.by_film.contains_key(&stored.id) {
                continue;
            }
            let cid = self.push(stored.film, stored.provisional)?;
            self.ids.push(stored.id);
            self.by_film.insert(stored.id, cid);
            if let Some(into) = stored.merged_into {
                merges.push((into, cid));
            }
        }
        for (into, from) in merges {
            if let Some(&into) = self.by_film.get(&into) {
                // Already merged through another path is fine.
                let _ = self.catalog.merge(into, from);
            }
        }
        Ok(())
    }

    /// In a partial index, fetches these films and the films they were merged into.
    pub(crate) fn ensure_films(&mut self, store: &mut impl Store, ids: &[FilmId]) -> Result<()> {
        if !self.partial {
            return Ok(());
        }
        let mut wanted: Vec<FilmId> = ids
            .iter()
            .copied()
            .filter(|id| !self.by_film.contains_key(id))
            .collect();
        // Merge chains are short; the bound only guards against a loop in a hand-edited file.
        for _ in 0..64 {
            if wanted.is_empty() {
                break;
            }
            wanted.sort_unstable();
            wanted.dedup();
            let films = store.films_by_id(&wanted)?;
            let next: Vec<FilmId> = films
                .iter()
                .filter_map(|f| f.merged_into)
                .filter(|id| !self.by_film.contains_key(id) && !wanted.contains(id))
                .collect();
            // Targets first, so a merge finds its target in the index.
            let targets = store.films_by_id(&next)?;
            self.add_films(targets)?;
            self.add_films(films)?;
            wanted = next
                .into_iter()
                .filter(|id| !self.by_film.contains_key(id))
                .collect();
        }
        Ok(())
    }

    /// In a partial index, fetches the films these printed titles could mean: every film whose
    /// normalised title or alias equals the title's, and the films sharing a word with it that
    /// is not too common (so a typo in one word still finds the film).
    pub(crate) fn ensure_titles<'t>(
        &mut self,
        store: &mut impl Store,
        titles: impl IntoIterator<Item = &'t str>,
    ) -> Result<()> {
        if !self.partial {
            return Ok(());
        }
        let mut words = Vec::new();
        for title in titles {
            let (title, _) = needledrop_catalog::split_printed_year(title);
            lookup_words(&self.catalog.key(title), &mut words);
        }
        let mut ids = Vec::new();
        for word in words {
            if !self.fetched_words.insert(word.clone()) {
                continue;
            }
            let limit = if word.starts_with('#') {
                usize::MAX - 1
            } else {
                COMMON_WORD_LIMIT
            };
            let found = store.films_with_word(&word, limit)?;
            if found.len() <= limit {
                ids.extend(found);
            }
        }
        self.ensure_films(store, &ids)
    }

    /// [`Resolver::ensure_titles`] for one title, for tests outside the crate.
    #[doc(hidden)]
    pub fn ensure_titles_for_test(&mut self, store: &mut impl Store, title: &str) {
        // A test helper: failing here is the test failing.
        if let Err(e) = self.ensure_titles(store, [title]) {
            panic!("fetching films for {title:?}: {e}");
        }
    }

    /// The look-up words of a film's titles.
    fn words_of(&self, film: &needledrop_model::Film) -> Vec<String> {
        let mut words = Vec::new();
        for title in std::iter::once(&film.title).chain(&film.aliases) {
            lookup_words(&self.catalog.key(title), &mut words);
        }
        words.sort_unstable();
        words.dedup();
        words
    }

    /// The look-up words of one film of the index, as (word, film) pairs.
    fn word_pairs(&self, cid: CatalogId, out: &mut Vec<(String, FilmId)>) {
        if let (Some(film), Some(&id)) = (self.catalog.film_at(cid), self.ids.get(cid.0 as usize)) {
            out.extend(self.words_of(film).into_iter().map(|w| (w, id)));
        }
    }

    /// Files the look-up words of one film of the index.
    fn file_words(&self, store: &mut impl Store, cid: CatalogId) -> Result<()> {
        let mut pairs = Vec::new();
        self.word_pairs(cid, &mut pairs);
        Ok(store.add_film_words(&pairs)?)
    }

    /// Files the look-up words of every film of the index, sorted (a B-tree fills fastest in
    /// key order).
    fn file_all_words(&self, store: &mut impl Store) -> Result<()> {
        let mut pairs = Vec::new();
        for i in 0..self.ids.len() {
            if let Ok(slot) = u32::try_from(i) {
                self.word_pairs(CatalogId(slot), &mut pairs);
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        Ok(store.add_film_words(&pairs)?)
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
        self.file_all_words(store)
    }

    /// Writes one film of the index back to the store (after a merge or an alias).
    pub(crate) fn save_film(&self, store: &mut impl Store, film: FilmId) -> Result<()> {
        let Some(cid) = self.catalog_id(film) else {
            return Ok(());
        };
        if let Some(f) = self.catalog.film_at(cid) {
            store.update_film(film, f, self.catalog.is_provisional(cid))?;
            self.file_words(store, cid)?;
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
            self.file_words(store, cid)?;
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
        self.ensure_titles(store, items.iter().map(|i| i.title.as_str()))?;
        let linked: Vec<FilmId> = self.links.iter().map(|(_, _, f)| *f).collect();
        self.ensure_films(store, &linked)?;
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
        // Written together at the end, so a server store can send each kind in one statement.
        let mut resolutions = Vec::with_capacity(outcomes.len());
        let mut entry_facts = Vec::new();
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
            resolutions.push((item, resolution));
            if let ItemRef::Entry(entry) = item {
                entry_facts.push((entry, fact_rows(&facts)));
            }
        }
        store.set_resolutions(&resolutions)?;
        store.add_film_facts_of(&entry_facts)?;
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
