//! The in-memory catalog: films, their aliases, and resolution of printed titles to films.

use crate::index::{KeyIndex, Target, Via};
use crate::normalize::{key_numbers, name_tokens, normalize_title, split_printed_year, Articles};
use crate::record::Record;
use needledrop_model::{Film, MatchReason, Year};
use rustc_hash::FxHashMap;

/// A film's position in a [`Catalog`]. Stable for the catalog's lifetime (films are never removed,
/// only merged away).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CatalogId(pub u32);

/// What to resolve: a title as printed, with whatever hints the list gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Query<'a> {
    /// The title as printed; a trailing `(1997)` is read as a year hint.
    pub title: &'a str,
    /// The release year printed or found in the blurb.
    pub year: Option<i32>,
    /// A director named with the entry or in the blurb.
    pub director: Option<&'a str>,
}

impl<'a> Query<'a> {
    /// A query with a title and no hints.
    pub fn title(title: &'a str) -> Query<'a> {
        Query {
            title,
            ..Query::default()
        }
    }

    /// The same query with a year hint.
    pub fn with_year(self, year: Option<i32>) -> Query<'a> {
        Query { year, ..self }
    }

    /// The same query with a director hint.
    pub fn with_director(self, director: Option<&'a str>) -> Query<'a> {
        Query { director, ..self }
    }
}

/// A film the resolver considered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// The film.
    pub film: CatalogId,
    /// How sure the resolver is, from 0 to 1.
    pub confidence: f32,
    /// How the title reached it.
    pub reason: MatchReason,
}

/// The outcome of resolving a title.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// One film, sure enough to merge without asking.
    Matched(Candidate),
    /// Too close to call: a person must choose (candidates best first; may be empty when a
    /// same-titled film exists but its year contradicts the hint).
    NeedsReview {
        /// The films considered, best first.
        candidates: Vec<Candidate>,
    },
    /// Nothing in the catalog resembles the title.
    NoMatch,
}

impl Resolution {
    /// The matched film, if any.
    pub fn film(&self) -> Option<CatalogId> {
        match self {
            Resolution::Matched(c) => Some(c.film),
            _ => None,
        }
    }
}

/// Why a catalog change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// The id names no film.
    #[error("no film with catalog id {0}")]
    NoSuchFilm(u32),
    /// A film cannot be merged into itself.
    #[error("cannot merge film {0} with itself")]
    SelfMerge(u32),
    /// The alias is already the canonical title of another film, so adding it would make the
    /// two films point at each other.
    #[error("alias {alias:?} is the title of another film (catalog id {other}); merge the films instead")]
    AliasIsAnotherTitle {
        /// The alias refused.
        alias: String,
        /// The film whose title it is.
        other: u32,
    },
    /// The alias normalizes to nothing (only punctuation).
    #[error("alias {0:?} has no letters or digits")]
    EmptyAlias(String),
    /// The catalog is full (more than four billion films).
    #[error("the catalog cannot hold more films")]
    Full,
}

/// Confidence at or above which a match merges without review.
pub const AUTO_MERGE_CONFIDENCE: f32 = 0.80;
/// Edit similarity (1 − distance / length) a fuzzy match needs to merge without review.
const FUZZY_ACCEPT: f32 = 0.875;
/// Edit similarity below which a fuzzy candidate is not even shown for review.
const FUZZY_REVIEW: f32 = 0.75;
/// Jaro-Winkler similarity of the one differing word for a respelling ("Nites", "Donny", "Hi").
const RESPELLED_WORD: f64 = 0.82;

#[derive(Debug, Clone)]
struct Slot {
    film: Film,
    provisional: bool,
    /// Merged into another film: look-ups that land here follow the pointer.
    merged_into: Option<u32>,
}

/// Films, aliases and the index over their titles.
///
/// ```
/// use needledrop_catalog::{Catalog, FilmExt, Query, Resolution};
/// use needledrop_model::{Film, MatchReason, Year};
///
/// let mut catalog = Catalog::new();
/// let mut crash = Film::titled("Crash");
/// crash.year = Some(Year::new(2004).unwrap());
/// catalog.insert(crash.clone()).unwrap();
/// crash.year = Some(Year::new(1996).unwrap());
/// let cronenberg = catalog.insert(crash).unwrap();
///
/// // Two films are called "Crash": without a year nobody can tell.
/// assert!(matches!(catalog.resolve(&Query::title("Crash")), Resolution::NeedsReview { .. }));
/// let r = catalog.resolve(&Query::title("Crash (1996)"));
/// assert_eq!(r.film(), Some(cronenberg));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    slots: Vec<Slot>,
    /// Film id → year (0 when unknown): read for every same-titled candidate, so kept dense.
    years: Vec<i16>,
    articles: Articles,
    index: KeyIndex,
    /// IMDb id → film. Keyed by the id's number (`tt0110912` → 110912): a million ids cost
    /// 16 bytes each instead of a string each; ids of another shape go to `by_other_id`.
    by_imdb: FxHashMap<u64, u32>,
    by_other_id: FxHashMap<String, u32>,
    /// IMDb person id → films whose director list holds that id as a placeholder.
    pending_people: FxHashMap<String, Vec<u32>>,
}

/// A helper so doc examples and tests can build films tersely.
pub trait FilmExt {
    /// A film with a title and nothing else.
    fn titled(title: &str) -> Film;
}

impl FilmExt for Film {
    fn titled(title: &str) -> Film {
        Film {
            title: title.to_string(),
            year: None,
            directors: Vec::new(),
            genres: Vec::new(),
            soundtrack_kind: None,
            imdb_id: None,
            aliases: Vec::new(),
        }
    }
}

impl Catalog {
    /// An empty catalog that strips English articles.
    pub fn new() -> Catalog {
        Catalog::default()
    }

    /// The articles titles are normalized with.
    pub fn articles(&self) -> &Articles {
        &self.articles
    }

    /// Changes the leading articles and re-indexes every title.
    pub fn set_articles(&mut self, articles: Articles) {
        if articles == self.articles {
            return;
        }
        self.articles = articles;
        self.index = KeyIndex::default();
        let mut scratch = Vec::new();
        for (i, slot) in self.slots.iter().enumerate() {
            let Ok(id) = u32::try_from(i) else { break };
            if slot.merged_into.is_some() {
                continue;
            }
            for (title, via) in titles_of(&slot.film) {
                let key = normalize_title(title, &self.articles);
                self.index.add(&key, Target { film: id, via }, &mut scratch);
            }
        }
    }

    /// The normalized key of a title under this catalog's articles.
    pub fn key(&self, title: &str) -> String {
        normalize_title(split_printed_year(title).0, &self.articles)
    }

    /// Number of films (merged-away films not counted).
    pub fn len(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| s.merged_into.is_none())
            .count()
    }

    /// True when the catalog has no films.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of distinct normalized titles indexed.
    pub fn key_count(&self) -> usize {
        self.index.key_count()
    }

    /// The film with this id (following merges).
    pub fn get(&self, id: CatalogId) -> Option<&Film> {
        self.canonical(id)
            .and_then(|c| self.slot(c.0))
            .map(|s| &s.film)
    }

    /// True when the film was made up for a title the catalog did not know.
    pub fn is_provisional(&self, id: CatalogId) -> bool {
        self.canonical(id)
            .and_then(|c| self.slot(c.0))
            .is_some_and(|s| s.provisional)
    }

    /// The film an id stands for after merges (itself when never merged).
    pub fn canonical(&self, id: CatalogId) -> Option<CatalogId> {
        let mut current = id.0;
        // Merges form a forest (a film is never merged into itself), so this ends; the bound
        // guards against a corrupted chain all the same.
        for _ in 0..=self.slots.len() {
            match self.slot(current)?.merged_into {
                Some(next) => current = next,
                None => return Some(CatalogId(current)),
            }
        }
        None
    }

    /// Every live film with its id, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (CatalogId, &Film)> {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.merged_into.is_none())
            .filter_map(|(i, s)| u32::try_from(i).ok().map(|i| (CatalogId(i), &s.film)))
    }

    /// The film with this IMDb id.
    pub fn find_imdb(&self, imdb_id: &str) -> Option<CatalogId> {
        let found = match imdb_number(imdb_id) {
            Some(n) => self.by_imdb.get(&n),
            None => self.by_other_id.get(imdb_id),
        };
        found.and_then(|&i| self.canonical(CatalogId(i)))
    }

    fn remember_imdb(&mut self, imdb_id: &str, film: u32, overwrite: bool) {
        match imdb_number(imdb_id) {
            Some(n) => {
                let slot = self.by_imdb.entry(n).or_insert(film);
                if overwrite {
                    *slot = film;
                }
            }
            None => {
                let slot = self.by_other_id.entry(imdb_id.to_string()).or_insert(film);
                if overwrite {
                    *slot = film;
                }
            }
        }
    }

    fn slot(&self, id: u32) -> Option<&Slot> {
        self.slots.get(id as usize)
    }

    fn slot_mut(&mut self, id: u32) -> Option<&mut Slot> {
        self.slots.get_mut(id as usize)
    }

    /// Adds a film, or updates the film it already is: the same IMDb id, or (without one) the
    /// same normalized title and year. Importing the same catalog twice changes nothing.
    pub fn insert(&mut self, film: Film) -> Result<CatalogId, CatalogError> {
        if let Some(existing) = self.same_film(&film) {
            self.update(existing, film)?;
            return Ok(existing);
        }
        self.push(film, false)
    }

    /// Adds a film as a new one even when a film like it exists: for loading a store whose rows
    /// are already distinct films, so positions match row order.
    pub fn push_new(&mut self, film: Film) -> Result<CatalogId, CatalogError> {
        self.push(film, false)
    }

    /// Number of films ever added, merged-away ones included (ids run from 0 to this).
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// The film at this id itself, even if it was merged into another.
    pub fn film_at(&self, id: CatalogId) -> Option<&Film> {
        self.slot(id.0).map(|s| &s.film)
    }

    /// Adds a provisional film for a title nothing matched.
    pub fn insert_provisional(
        &mut self,
        title: &str,
        year: Option<i32>,
    ) -> Result<CatalogId, CatalogError> {
        let mut film = Film::titled(title);
        film.year = year.and_then(|y| Year::new(y).ok());
        self.push(film, true)
    }

    fn same_film(&self, film: &Film) -> Option<CatalogId> {
        if let Some(id) = film.imdb_id.as_deref().and_then(|i| self.find_imdb(i)) {
            return Some(id);
        }
        let key = normalize_title(&film.title, &self.articles);
        let key_id = self.index.lookup(&key)?;
        self.index
            .targets(key_id)
            .filter(|t| t.via == Via::Title)
            .map(|t| CatalogId(t.film))
            .find(|&id| {
                self.get(id).is_some_and(|f| {
                    f.year == film.year
                        && (f.imdb_id.is_none()
                            || film.imdb_id.is_none()
                            || f.imdb_id == film.imdb_id)
                })
            })
    }

    fn push(&mut self, film: Film, provisional: bool) -> Result<CatalogId, CatalogError> {
        let id = u32::try_from(self.slots.len()).map_err(|_| CatalogError::Full)?;
        if let Some(imdb) = film.imdb_id.clone() {
            self.remember_imdb(&imdb, id, true);
        }
        let mut scratch = Vec::new();
        for (title, via) in titles_of(&film) {
            let key = normalize_title(title, &self.articles);
            self.index.add(&key, Target { film: id, via }, &mut scratch);
        }
        self.years.push(year_code(film.year));
        self.slots.push(Slot {
            film,
            provisional,
            merged_into: None,
        });
        Ok(CatalogId(id))
    }

    /// Fills in what `newer` knows about an existing film; its title becomes an alias if it differs.
    fn update(&mut self, id: CatalogId, newer: Film) -> Result<(), CatalogError> {
        if newer.year.is_some() {
            if let Some(y) = self.years.get_mut(id.0 as usize) {
                *y = year_code(newer.year);
            }
        }
        let slot = self.slot_mut(id.0).ok_or(CatalogError::NoSuchFilm(id.0))?;
        // A real catalog record replaces a provisional guess.
        slot.provisional = false;
        let film = &mut slot.film;
        if newer.year.is_some() {
            film.year = newer.year;
        }
        if !newer.directors.is_empty() {
            film.directors = newer.directors;
        }
        if !newer.genres.is_empty() {
            film.genres = newer.genres;
        }
        if newer.soundtrack_kind.is_some() {
            film.soundtrack_kind = newer.soundtrack_kind;
        }
        if film.imdb_id.is_none() {
            if let Some(imdb) = &newer.imdb_id {
                self.remember_imdb(imdb, id.0, true);
            }
            if let Some(s) = self.slot_mut(id.0) {
                s.film.imdb_id = newer.imdb_id;
            }
        }
        let own_title = self.get(id).map(|f| f.title.clone()).unwrap_or_default();
        let mut extra = newer.aliases;
        if newer.title != own_title {
            extra.push(newer.title);
        }
        for alias in extra {
            // An alias clashing with another film's title is skipped on import rather than
            // failing it: both films stay reachable through their own titles.
            let _ = self.add_alias(id, &alias);
        }
        Ok(())
    }

    /// Gives a film another title. Adding an alias it already has changes nothing; an alias that
    /// is another film's canonical title is refused (that is a merge, not an alias).
    pub fn add_alias(&mut self, id: CatalogId, alias: &str) -> Result<bool, CatalogError> {
        let id = self.canonical(id).ok_or(CatalogError::NoSuchFilm(id.0))?;
        let alias = alias.trim();
        let key = normalize_title(alias, &self.articles);
        if key.is_empty() {
            return Err(CatalogError::EmptyAlias(alias.to_string()));
        }
        if let Some(key_id) = self.index.lookup(&key) {
            let targets: Vec<Target> = self.index.targets(key_id).collect();
            if targets.iter().any(|t| t.film == id.0) {
                // Already reachable under this key; keep the spelling for display all the same.
                let film = self.slot_mut(id.0).map(|s| &mut s.film);
                if let Some(film) = film {
                    if film.title != alias && !film.aliases.iter().any(|a| a == alias) {
                        film.aliases.push(alias.to_string());
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            if let Some(other) = targets
                .iter()
                .find(|t| t.via == Via::Title && !self.is_provisional(CatalogId(t.film)))
            {
                return Err(CatalogError::AliasIsAnotherTitle {
                    alias: alias.to_string(),
                    other: other.film,
                });
            }
        }
        let mut scratch = Vec::new();
        self.index.add(
            &key,
            Target {
                film: id.0,
                via: Via::Alias,
            },
            &mut scratch,
        );
        if let Some(slot) = self.slot_mut(id.0) {
            slot.film.aliases.push(alias.to_string());
        }
        Ok(true)
    }

    /// Merges `from` into `into`: `from`'s titles become aliases of `into`, and every look-up
    /// of `from` lands on `into` from now on.
    pub fn merge(&mut self, into: CatalogId, from: CatalogId) -> Result<(), CatalogError> {
        let into = self
            .canonical(into)
            .ok_or(CatalogError::NoSuchFilm(into.0))?;
        let from = self
            .canonical(from)
            .ok_or(CatalogError::NoSuchFilm(from.0))?;
        if into == from {
            return Err(CatalogError::SelfMerge(into.0));
        }
        let moved = self
            .slot(from.0)
            .map(|s| s.film.clone())
            .ok_or(CatalogError::NoSuchFilm(from.0))?;
        for (title, via) in titles_of(&moved) {
            let key = normalize_title(title, &self.articles);
            self.index.remove(&key, Target { film: from.0, via });
        }
        if let Some(slot) = self.slot_mut(from.0) {
            slot.merged_into = Some(into.0);
        }
        let mut scratch = Vec::new();
        for (title, _) in titles_of(&moved) {
            let key = normalize_title(title, &self.articles);
            self.index.add(
                &key,
                Target {
                    film: into.0,
                    via: Via::Alias,
                },
                &mut scratch,
            );
            if let Some(slot) = self.slot_mut(into.0) {
                if slot.film.title != title && !slot.film.aliases.iter().any(|a| a == title) {
                    slot.film.aliases.push(title.to_string());
                }
            }
        }
        if let Some(imdb) = moved.imdb_id {
            self.remember_imdb(&imdb, into.0, false);
        }
        Ok(())
    }

    /// Applies one imported record (see [`crate::record`]).
    pub fn apply(&mut self, record: Record) -> Result<(), CatalogError> {
        match record {
            Record::Articles(extra) => self.set_articles(Articles::with_extra(extra)),
            Record::Film(film) => {
                self.insert(film)?;
            }
            Record::Alias { imdb_id, title, .. } => {
                // Akas of titles that are not movies (not in the catalog) are skipped here.
                if let Some(id) = self.find_imdb(&imdb_id) {
                    let _ = self.add_alias(id, &title);
                }
            }
            Record::Directors { imdb_id, people } => {
                if let Some(id) = self.find_imdb(&imdb_id) {
                    for person in &people {
                        self.pending_people
                            .entry(person.clone())
                            .or_default()
                            .push(id.0);
                    }
                    if let Some(slot) = self.slot_mut(id.0) {
                        slot.film.directors = people;
                    }
                }
            }
            Record::Person { imdb_id, name } => {
                if let Some(films) = self.pending_people.remove(&imdb_id) {
                    for film in films {
                        if let Some(slot) = self.slot_mut(film) {
                            for d in slot.film.directors.iter_mut().filter(|d| **d == imdb_id) {
                                d.clone_from(&name);
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Starts a bulk import of about `films` films: room is reserved up front, and the fuzzy
    /// index is built once by [`Catalog::finish_import`] instead of growing film by film (until
    /// then, exact, alias and one-word-typo look-ups work; other fuzzy look-ups see only films
    /// from before the import).
    pub fn begin_import(&mut self, films: usize) {
        self.slots.reserve(films);
        self.years.reserve(films);
        self.by_imdb.reserve(films);
        self.index.defer_postings();
    }

    /// Ends a bulk import: directors whose names never arrived are dropped (an IMDb person id is
    /// not a name), and memory slack is freed.
    pub fn finish_import(&mut self) {
        for (person, films) in std::mem::take(&mut self.pending_people) {
            for film in films {
                if let Some(slot) = self.slot_mut(film) {
                    slot.film.directors.retain(|d| *d != person);
                }
            }
        }
        self.index.compact();
    }

    /// Resolves a title (with hints) to a film, never merging below [`AUTO_MERGE_CONFIDENCE`].
    pub fn resolve(&self, query: &Query<'_>) -> Resolution {
        let (title, printed_year) = split_printed_year(query.title);
        let year = query.year.or(printed_year);
        let key = normalize_title(title, &self.articles);
        if key.is_empty() {
            return Resolution::NoMatch;
        }
        let mut candidates: Vec<Candidate> = Vec::new();
        if let Some(key_id) = self.index.lookup(&key) {
            // Films are not read here (a key can stand for hundreds of same-titled films):
            // exactness is checked for the winner only, years come from the compact year table.
            for target in self.index.targets(key_id) {
                let (reason, confidence) = match target.via {
                    Via::Title => (MatchReason::Normalized, 0.96),
                    Via::Alias => (MatchReason::Alias, 0.97),
                };
                candidates.push(Candidate {
                    film: CatalogId(target.film),
                    confidence,
                    reason,
                });
            }
        }
        let exact_key = !candidates.is_empty();
        if !exact_key {
            candidates = self.fuzzy(&key);
        }
        dedup_by_film(&mut candidates);
        if candidates.is_empty() {
            return Resolution::NoMatch;
        }
        match self.decide(candidates, year, query.director, exact_key) {
            Resolution::Matched(c)
                if c.reason == MatchReason::Normalized
                    && self.get(c.film).is_some_and(|f| f.title == title.trim()) =>
            {
                Resolution::Matched(Candidate {
                    reason: MatchReason::Exact,
                    confidence: 1.0,
                    ..c
                })
            }
            other => other,
        }
    }

    /// A film's year from the compact table (no film record read).
    fn year_at(&self, id: CatalogId) -> Option<i32> {
        self.years
            .get(id.0 as usize)
            .copied()
            .filter(|&y| y != 0)
            .map(i32::from)
    }

    /// Resolves a title, making a provisional film when nothing resembles it, so identical
    /// unknown titles from different lists still meet.
    pub fn resolve_or_add(&mut self, query: &Query<'_>) -> Result<Resolution, CatalogError> {
        let resolution = self.resolve(query);
        let (title, printed_year) = split_printed_year(query.title);
        let year = query.year.or(printed_year);
        let another_unknown_film = match (&resolution, year) {
            (Resolution::NoMatch, _) => true,
            // Only provisional films share the title, all with other years: lists disagree on
            // nothing the catalog knows, so this is one more unknown film, not a conflict.
            (Resolution::NeedsReview { candidates }, Some(year)) => {
                !candidates.is_empty()
                    && candidates.iter().all(|c| {
                        self.is_provisional(c.film)
                            && self
                                .get(c.film)
                                .and_then(|f| f.year)
                                .is_some_and(|y| (y.get() - year).abs() > 1)
                    })
            }
            _ => false,
        };
        if !another_unknown_film {
            return Ok(resolution);
        }
        if normalize_title(title, &self.articles).is_empty() {
            return Ok(Resolution::NoMatch);
        }
        let id = self.insert_provisional(title.trim(), year)?;
        Ok(Resolution::Matched(Candidate {
            film: id,
            confidence: 1.0,
            reason: MatchReason::Provisional,
        }))
    }

    fn fuzzy(&self, key: &str) -> Vec<Candidate> {
        let mut scratch = Vec::new();
        let query_numbers: Vec<&str> = key_numbers(key).collect();
        let query_len = key.chars().count();
        let mut out = Vec::new();
        // A typo inside one word is corrected in a few hash probes; only titles where that
        // finds nothing pay for the posting lists.
        let mut keys = self.index.respelled_keys(key);
        if keys.is_empty() {
            keys = self.index.fuzzy_candidates(key, &mut scratch);
        }
        for key_id in keys {
            let other = self.index.key_text(key_id);
            // Different numbers are different films: "Vol. 2" is not "Vol. 3", nor "Rocky" "Rocky 2".
            if !key_numbers(other).eq(query_numbers.iter().copied()) {
                continue;
            }
            let other_len = other.chars().count();
            let longest = query_len.max(other_len).max(1);
            // The length difference alone is a lower bound on the distance.
            if (query_len.abs_diff(other_len) as f32) > (1.0 - FUZZY_REVIEW) * longest as f32 {
                continue;
            }
            let distance = strsim::osa_distance(key, other);
            let mut similarity = 1.0 - distance as f32 / longest as f32;
            if similarity < FUZZY_ACCEPT && one_word_respelled(key, other) {
                similarity = FUZZY_ACCEPT;
            }
            if similarity < FUZZY_REVIEW {
                continue;
            }
            for target in self.index.targets(key_id) {
                out.push(Candidate {
                    film: CatalogId(target.film),
                    confidence: similarity,
                    reason: MatchReason::Fuzzy,
                });
            }
        }
        out
    }

    fn decide(
        &self,
        mut candidates: Vec<Candidate>,
        year: Option<i32>,
        director: Option<&str>,
        exact_key: bool,
    ) -> Resolution {
        let several = candidates.len() > 1;
        if let Some(year) = year {
            let year_of = |c: &Candidate| self.year_at(c.film);
            let same: Vec<Candidate> = candidates
                .iter()
                .filter(|c| year_of(c) == Some(year))
                .copied()
                .collect();
            if !same.is_empty() {
                candidates = same;
            } else {
                // Off by one (festival vs release year) or unknown: still possible, less sure.
                let near: Vec<Candidate> = candidates
                    .iter()
                    .filter(|c| year_of(c).is_none_or(|y| (y - year).abs() <= 1))
                    .map(|c| Candidate {
                        confidence: c.confidence * 0.9,
                        ..*c
                    })
                    .collect();
                if near.is_empty() {
                    // Every same-titled film has another year: a film the catalog lacks, or a
                    // misprint. Either way a person decides.
                    return if exact_key {
                        Resolution::NeedsReview { candidates }
                    } else {
                        Resolution::NoMatch
                    };
                }
                candidates = near;
            }
            if several && candidates.len() == 1 && exact_key {
                if let Some(c) = candidates.first_mut() {
                    c.reason = MatchReason::YearDisambiguated;
                    c.confidence = c.confidence.min(0.95);
                }
            }
        }
        if candidates.len() > 1 {
            if let Some(director) = director {
                let scored: Vec<(u8, Candidate)> = candidates
                    .iter()
                    .map(|c| (self.director_match(c.film, director), *c))
                    .collect();
                let best = scored.iter().map(|s| s.0).max().unwrap_or(0);
                if best > 0 {
                    let picked: Vec<Candidate> = scored
                        .into_iter()
                        .filter(|s| s.0 == best)
                        .map(|s| s.1)
                        .collect();
                    if picked.len() == 1 && exact_key {
                        candidates = picked
                            .into_iter()
                            .map(|c| Candidate {
                                reason: MatchReason::DirectorDisambiguated,
                                confidence: c.confidence.min(0.9),
                                ..c
                            })
                            .collect();
                    } else {
                        candidates = picked;
                    }
                }
            }
        }
        candidates.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(a.film.cmp(&b.film))
        });
        let best = candidates.first().copied();
        let runner_up = candidates.get(1).map(|c| c.confidence);
        match best {
            Some(best) if exact_key && runner_up.is_none() => {
                if best.confidence >= AUTO_MERGE_CONFIDENCE {
                    Resolution::Matched(best)
                } else {
                    Resolution::NeedsReview { candidates }
                }
            }
            Some(best)
                if !exact_key
                    && best.confidence >= FUZZY_ACCEPT
                    && runner_up.is_none_or(|r| r < best.confidence - 0.05) =>
            {
                Resolution::Matched(Candidate {
                    confidence: best.confidence * 0.95,
                    ..best
                })
            }
            _ => {
                candidates.truncate(8);
                Resolution::NeedsReview { candidates }
            }
        }
    }

    /// 2 when every word of the hint is in one of the film's directors' names, 1 when only the
    /// surname is ("PT Anderson" for Paul Thomas Anderson), 0 otherwise.
    fn director_match(&self, film: CatalogId, hint: &str) -> u8 {
        let Some(film) = self.get(film) else { return 0 };
        let hint_tokens: Vec<String> = name_tokens(hint)
            .into_iter()
            .filter(|t| !matches!(t.as_str(), "the" | "brothers" | "bros" | "and"))
            .collect();
        let mut best = 0;
        for director in &film.directors {
            let tokens = name_tokens(director);
            if hint_tokens.is_empty() {
                continue;
            }
            if hint_tokens.iter().all(|h| tokens.contains(h)) {
                return 2;
            }
            if let Some(surname) = tokens.last() {
                if hint_tokens.iter().any(|h| h == surname) {
                    best = 1;
                }
            }
        }
        best
    }
}

/// A year as stored in the dense table (0 for unknown; every valid `Year` fits in an i16).
fn year_code(year: Option<Year>) -> i16 {
    year.and_then(|y| i16::try_from(y.get()).ok()).unwrap_or(0)
}

/// The number of an IMDb title id (`tt0110912` → 110912); `None` for any other shape.
fn imdb_number(id: &str) -> Option<u64> {
    let digits = id.strip_prefix("tt")?;
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The digit count is part of the id ("tt01" is not "tt1"): keep it in the key.
    digits
        .parse::<u64>()
        .ok()
        .map(|n| n | ((digits.len() as u64) << 56))
}

/// A film's canonical title and aliases, each with how it reaches the film.
fn titles_of(film: &Film) -> impl Iterator<Item = (&str, Via)> {
    std::iter::once((film.title.as_str(), Via::Title))
        .chain(film.aliases.iter().map(|a| (a.as_str(), Via::Alias)))
}

/// True when two keys of several words differ in one word only, and that word is respelled
/// rather than replaced: same first letter, close by Jaro-Winkler ("boogie nites" / "boogie
/// nights", "donny darko" / "donnie darko"; not "golden state" / "garden state").
fn one_word_respelled(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if wa.len() < 2 || wa.len() != wb.len() {
        return false;
    }
    let mut differing = wa.iter().zip(&wb).filter(|(x, y)| x != y);
    match (differing.next(), differing.next()) {
        (Some((x, y)), None) => {
            x.chars().next() == y.chars().next() && strsim::jaro_winkler(x, y) >= RESPELLED_WORD
        }
        _ => false,
    }
}

/// Keeps each film once, with its best confidence.
fn dedup_by_film(candidates: &mut Vec<Candidate>) {
    candidates.sort_by(|a, b| {
        a.film
            .cmp(&b.film)
            .then(b.confidence.total_cmp(&a.confidence))
    });
    candidates.dedup_by_key(|c| c.film);
}
