//! Stored lists → rank ballots that keep each item's film.
//!
//! This is the seam where film identity enters ranking. An entry or mention that resolved is
//! the film it resolved to (following merges), so "Guardians of the Galaxy Vol. 1" and
//! "Guardians of the Galaxy: Awesome Mix Vol. 1" are one item and "Crash" (1996) and "Crash"
//! (2004) are two. An item still in the review queue is never merged by guesswork: its identity
//! is its normalised printed title. The rank crate sees labels; [`Ballots::items`] keeps, for
//! every item, the film behind the label.

use crate::{App, Result};
use needledrop_catalog::{normalize_title, Articles};
use needledrop_model::{FilmId, ItemRef, ListId, Rank, StoredFilm};
use needledrop_rank::{Ballot, ItemId, Profile};
use needledrop_store::{RankingItem, RankingList, Store, StoredList};
use std::collections::{HashMap, HashSet};

/// What an item of the profile is.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemInfo {
    /// The label the rank crate knows it by (unique in the profile).
    pub label: String,
    /// The film, when the item resolved to one.
    pub film: Option<StoredFilm>,
    /// The title to show: the film's title, or the title as first printed.
    pub title: String,
}

impl ItemInfo {
    /// The film's year, when known.
    pub fn year(&self) -> Option<i32> {
        self.film
            .as_ref()
            .and_then(|f| f.film.year)
            .map(|y| y.get())
    }
}

/// The film behind each resolved entry and mention, each film held once.
#[derive(Debug, Clone, Default)]
pub(crate) struct FilmLookup {
    of_item: HashMap<ItemRef, FilmId>,
    films: HashMap<FilmId, StoredFilm>,
}

impl FilmLookup {
    /// The film an item resolved to.
    pub(crate) fn get(&self, item: &ItemRef) -> Option<&StoredFilm> {
        self.of_item.get(item).and_then(|f| self.films.get(f))
    }

    /// Records that `item` means `film`.
    #[cfg(test)]
    pub(crate) fn insert(&mut self, item: ItemRef, film: StoredFilm) {
        self.of_item.insert(item, film.id);
        self.films.entry(film.id).or_insert(film);
    }
}

/// Ballots over the stored lists.
#[derive(Debug, Clone)]
pub struct Ballots {
    /// The profile; list labels are the store's list ids.
    pub profile: Profile,
    /// One per profile item, indexed by [`ItemId::index`].
    pub items: Vec<ItemInfo>,
    /// List label → the list's title (or outlet), for display.
    pub list_titles: HashMap<String, String>,
    /// List label → its stored source document, for weighting by source.
    pub documents: HashMap<String, i64>,
    /// What building the ballots decided on the lists' behalf (a film named twice, say).
    pub warnings: Vec<String>,
    /// The weighting policy stored with the lists.
    pub weighting: crate::Weighting,
    /// Weights people gave lists, by list label.
    pub list_weights: HashMap<String, f64>,
}

impl Ballots {
    /// What an item is.
    pub fn item(&self, id: ItemId) -> &ItemInfo {
        &self.items[id.index()]
    }

    /// The list id behind a list label.
    pub fn list_id(label: &str) -> Option<ListId> {
        label.parse().ok()
    }
}

/// The identity of an unresolved item: its printed title, normalised by the catalog's one
/// normaliser.
pub(crate) fn title_key(title: &str) -> String {
    normalize_title(title, &Articles::default())
}

/// What makes two printed items one: the film they resolved to, or the normalised title.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    Film(FilmId),
    Title(String),
}

/// Gives every printed item a dense id, a stable identity and a display label; ids are given in
/// first-seen order, the order the rank crate would intern the labels in.
#[derive(Default)]
struct Items {
    /// Film → its item.
    by_film: HashMap<FilmId, ItemId>,
    /// Normalised printed title of an unresolved item → its item.
    by_title: HashMap<String, ItemId>,
    /// Labels in use, so two identities never share one (the rank crate knows items by label).
    taken: HashSet<String>,
    /// What each item is, by id.
    infos: Vec<ItemInfo>,
}

impl Items {
    fn id(&mut self, title: Option<&str>, film: Option<&StoredFilm>) -> ItemId {
        let title = title.unwrap_or("");
        let key = match film {
            Some(f) => match self.by_film.get(&f.id) {
                Some(&id) => return id,
                None => Identity::Film(f.id),
            },
            None => {
                let key = title_key(title);
                match self.by_title.get(&key) {
                    Some(&id) => return id,
                    None => Identity::Title(key),
                }
            }
        };
        let shown = match film {
            Some(f) => f.label(),
            None => title.trim().to_string(),
        };
        // A yearless film and an unresolved title can print alike: number the second one.
        let mut label = shown.clone();
        let mut n = 2;
        while self.taken.contains(&label) {
            label = format!("{shown} #{n}");
            n += 1;
        }
        self.taken.insert(label.clone());
        let id = ItemId(u32::try_from(self.infos.len()).unwrap_or(u32::MAX));
        match key {
            Identity::Film(f) => self.by_film.insert(f, id),
            Identity::Title(t) => self.by_title.insert(t, id),
        };
        self.infos.push(ItemInfo {
            label,
            film: film.cloned(),
            title: film.map_or_else(|| title.trim().to_string(), |f| f.film.title.clone()),
        });
        id
    }

    fn label(&self, id: ItemId) -> &str {
        &self.infos[id.index()].label
    }
}

/// The title a page of a longer list shares with its other pages: "page 2", "part two",
/// "(2/3)", "Seite 2", "50–26" and the like removed, then normalised.
fn publication_title(title: &str) -> String {
    static PAGE: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?ix)
            \b(?:page|pages|part|pt\.?|pagina|página|seite|teil|partie|parte|episode)\s*
              (?:\d+|one|two|three|four|five|i{1,3}|iv|v|uno|due|tre|dos|tres|zwei|drei|deux|trois)\b
            | \(\s*\d+\s*/\s*\d+\s*\)
            | \b\d{1,3}\s*[-–—]\s*\d{1,3}\b
            | \b(?:continued|concluded|fortsetzung|suite)\b",
        )
        .ok()
    });
    let stripped = match PAGE.as_ref() {
        Some(re) => re.replace_all(title, " ").into_owned(),
        None => title.to_string(),
    };
    title_key(&stripped)
}

/// Joins the pages of one published list: lists with the same outlet and the same title once
/// page markers are removed, whose printed ranks do not overlap, become one list (entries in
/// rank order). Returns the joined lists, the ids each stands for, and warnings for ranks that
/// no page prints.
fn join_pages(lists: Vec<RankingList>) -> (Vec<(RankingList, Vec<ListId>)>, Vec<String>) {
    let mut out: Vec<(RankingList, Vec<ListId>)> = Vec::new();
    let mut by_key: HashMap<(String, String), usize> = HashMap::new();
    let mut warnings = Vec::new();
    for list in lists {
        let key = match (&list.outlet, &list.title) {
            (Some(o), Some(t)) if !list.entries.is_empty() => {
                Some((title_key(o), publication_title(t)))
            }
            _ => None,
        };
        let joined = key.as_ref().and_then(|k| by_key.get(k)).copied();
        if let Some(i) = joined {
            let (page, ids) = &mut out[i];
            let overlaps = list.entries.iter().any(|e| {
                page.entries
                    .iter()
                    .any(|p| p.rank == e.rank && !p.tied && !e.tied)
            });
            if !overlaps {
                page.entries.extend(list.entries);
                page.mentions.extend(list.mentions);
                page.declared_size = page.declared_size.max(list.declared_size);
                ids.push(list.id);
                continue;
            }
        }
        if let Some(k) = key {
            by_key.insert(k, out.len());
        }
        let id = list.id;
        out.push((list, vec![id]));
    }
    for (page, ids) in &mut out {
        if ids.len() < 2 {
            continue;
        }
        // Entries in rank order (a stable sort: equal ranks keep their page order).
        page.entries.sort_by_key(|e| e.rank);
        let printed: Vec<u32> = page
            .entries
            .iter()
            .filter_map(|e| e.rank.map(|r| r.get()))
            .collect();
        let top = page
            .declared_size
            .unwrap_or(0)
            .max(printed.last().copied().unwrap_or(0));
        let missing = (1..=top).filter(|r| !printed.contains(r)).count();
        let names: Vec<String> = ids.iter().map(ListId::to_string).collect();
        if missing > 0 {
            warnings.push(format!(
                "lists {} are pages of one list; {missing} of its ranks 1–{top} are on no stored page",
                names.join(", ")
            ));
        }
    }
    (out, warnings)
}

/// Which printed rank counts when one list names a film twice (a song list ranking two songs of
/// one film, two titles resolving to one film).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Duplicates {
    /// The film counts once, at its best printed rank (the default).
    #[default]
    Best,
    /// The film counts once, at its worst printed rank: its weakest placement.
    Worst,
}

impl Duplicates {
    /// Parses `best` or `worst`.
    pub fn parse(s: &str) -> Result<Duplicates> {
        match s {
            "best" => Ok(Duplicates::Best),
            "worst" => Ok(Duplicates::Worst),
            other => Err(crate::AppError::BadInput(format!(
                "unknown duplicate policy {other:?}; use best or worst"
            ))),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Duplicates::Best => "best",
            Duplicates::Worst => "worst",
        }
    }
}

/// Builds ballots: ranked entries keep their printed rank, mentions become unranked mentions,
/// the declared size becomes the ballot's declared length. `films` gives the film each item
/// resolved to (absent: unresolved). A mention of a film the same list also ranks is dropped.
#[cfg(test)]
pub(crate) fn build(lists: Vec<StoredList>, films: &FilmLookup) -> Result<Ballots> {
    build_with(lists, films, Duplicates::Best)
}

/// Builds ballots as `build` does, with a film named twice in one list counted at the rank
/// `duplicates` says.
pub(crate) fn build_with(
    lists: Vec<StoredList>,
    films: &FilmLookup,
    duplicates: Duplicates,
) -> Result<Ballots> {
    build_lean(ranking_lists(lists, films), &films.films, duplicates)
}

/// Full lists as ranking reads them, each item's film already followed through merges.
fn ranking_lists(lists: Vec<StoredList>, films: &FilmLookup) -> Vec<RankingList> {
    let item = |item: ItemRef, rank: Option<Rank>, tied: bool, title: String| {
        let film = films.of_item.get(&item).copied();
        RankingItem {
            rank,
            tied,
            title: if film.is_some() { None } else { Some(title) },
            film,
        }
    };
    lists
        .into_iter()
        .map(|stored| {
            let list = stored.list;
            RankingList {
                id: stored.id,
                document: stored.document,
                title: list.title,
                outlet: list.outlet,
                declared_size: list.declared_size,
                entries: list
                    .entries
                    .into_iter()
                    .zip(&stored.entry_ids)
                    .map(|(e, id)| item(ItemRef::Entry(*id), Some(e.rank), e.tied, e.title))
                    .collect(),
                mentions: list
                    .mentions
                    .into_iter()
                    .zip(&stored.mention_ids)
                    .map(|(m, id)| item(ItemRef::Mention(*id), None, false, m.title))
                    .collect(),
            }
        })
        .collect()
}

/// Builds ballots over lists whose items' films are canonical (merges followed) and found in
/// `films`. Items get dense ids as they are first seen, so no label is hashed per entry.
fn build_lean(
    lists: Vec<RankingList>,
    films: &HashMap<FilmId, StoredFilm>,
    duplicates: Duplicates,
) -> Result<Ballots> {
    let mut items = Items::default();
    let mut ballots = Vec::with_capacity(lists.len());
    let mut list_titles = HashMap::with_capacity(lists.len());
    let mut documents = HashMap::with_capacity(lists.len());
    let (joined, mut warnings) = join_pages(lists);
    for (list, pages) in joined {
        // A list joined from pages is known by its first page's id.
        let label = list.id.to_string();
        if pages.len() > 1 {
            let others: Vec<String> = pages[1..].iter().map(ListId::to_string).collect();
            warnings.push(format!(
                "lists {label} and {} are pages of one list and count as one",
                others.join(", ")
            ));
        }
        let title = list
            .title
            .or(list.outlet)
            .unwrap_or_else(|| format!("list {}", list.id));
        list_titles.insert(label.clone(), title);
        documents.insert(label.clone(), list.document.get());
        // A list may name one film twice: a song list ranks two songs of one film, or two printed
        // titles resolve to one film. The film counts once, at its best (or worst) printed rank.
        let mut ranked: Vec<(ItemId, u32)> = Vec::with_capacity(list.entries.len());
        for e in &list.entries {
            let film = e.film.and_then(|f| films.get(&f));
            let item = items.id(e.title.as_deref(), film);
            let rank = e.rank.map_or(0, |r| r.get());
            match ranked.iter_mut().find(|(i, _)| *i == item) {
                Some(kept) => {
                    let (best, worst) = (kept.1.min(rank), kept.1.max(rank));
                    let counted = match duplicates {
                        Duplicates::Best => best,
                        Duplicates::Worst => worst,
                    };
                    warnings.push(format!(
                        "list {} names {} at ranks {best} and {worst}; it counts once, at its {} rank {counted}",
                        list.id,
                        items.label(item),
                        duplicates.as_str()
                    ));
                    kept.1 = counted;
                }
                None => ranked.push((item, rank)),
            }
        }
        let mut mentions: Vec<ItemId> = Vec::new();
        for m in &list.mentions {
            let film = m.film.and_then(|f| films.get(&f));
            let item = items.id(m.title.as_deref(), film);
            if !ranked.iter().any(|(r, _)| *r == item) && !mentions.contains(&item) {
                mentions.push(item);
            }
        }
        ballots.push(Ballot::new(label, ranked, mentions).with_declared_len(list.declared_size));
    }
    let labels = items.infos.iter().map(|i| i.label.clone()).collect();
    let profile = Profile::new(labels, ballots)?;
    Ok(Ballots {
        profile,
        items: items.infos,
        list_titles,
        documents,
        warnings,
        weighting: crate::Weighting::PerList,
        list_weights: HashMap::new(),
    })
}

/// Every film in `ids` followed through merges: film → the film it stands for now, and each such
/// film once, read in a few queries rather than one per film.
fn canonical_films<S: Store>(
    store: &mut S,
    ids: &[FilmId],
) -> Result<(HashMap<FilmId, FilmId>, HashMap<FilmId, StoredFilm>)> {
    let mut known: HashMap<FilmId, StoredFilm> = HashMap::new();
    if !ids.is_empty() {
        // Most of the catalog named: one read of every film beats a read per film.
        let whole = ids.len().saturating_mul(4) as u64 >= store.film_count()?;
        let read = if whole {
            store.films()?
        } else {
            store.films_by_id(ids)?
        };
        known.extend(read.into_iter().map(|f| (f.id, f)));
    }
    // Films merged into films not read yet: read those too, a round per step of a chain.
    for _ in 0..64 {
        let mut next: Vec<FilmId> = known
            .values()
            .filter_map(|f| f.merged_into)
            .filter(|f| !known.contains_key(f))
            .collect();
        if next.is_empty() {
            break;
        }
        next.sort_unstable();
        next.dedup();
        let read = store.films_by_id(&next)?;
        if read.is_empty() {
            break;
        }
        known.extend(read.into_iter().map(|f| (f.id, f)));
    }
    let mut canonical = HashMap::with_capacity(ids.len());
    let mut films = HashMap::new();
    for &id in ids {
        let mut current = id;
        let mut found = None;
        for _ in 0..64 {
            let film = known
                .get(&current)
                .ok_or_else(|| crate::AppError::NotFound(format!("no film with id {id}")))?;
            match film.merged_into {
                Some(next) => current = next,
                None => {
                    found = Some(film);
                    break;
                }
            }
        }
        let film = found.ok_or_else(|| {
            crate::AppError::NotFound(format!("film {id} is merged in a loop; split it"))
        })?;
        canonical.insert(id, film.id);
        films.entry(film.id).or_insert_with(|| film.clone());
    }
    Ok((canonical, films))
}

impl<S: Store> App<S> {
    /// The film behind every resolved item, following merges, the films read in a few queries.
    pub(crate) fn film_lookup(&mut self) -> Result<FilmLookup> {
        let mut of_item = self.resolved_films()?;
        let mut ids: Vec<FilmId> = of_item.values().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        let (canonical, films) = canonical_films(&mut self.store, &ids)?;
        // In place: a million resolved entries are a million hash inserts to rebuild.
        for f in of_item.values_mut() {
            if let Some(c) = canonical.get(f) {
                *f = *c;
            }
        }
        Ok(FilmLookup { of_item, films })
    }

    /// Ballots over every stored list, items being the films entries resolved to.
    pub fn ballots(&mut self) -> Result<Ballots> {
        Ok(self.ballots_under(None)?.0)
    }

    /// Ballots over the stored lists that `policy` finds eligible, with what it excluded.
    pub fn ballots_under(
        &mut self,
        policy: Option<&crate::EligibilityPolicy>,
    ) -> Result<(Ballots, Option<crate::EligibilityReport>)> {
        self.ballots_with(policy, Duplicates::Best)
    }

    /// [`App::ballots_under`], with a film named twice in one list counted as `duplicates`
    /// says.
    pub fn ballots_with(
        &mut self,
        policy: Option<&crate::EligibilityPolicy>,
        duplicates: Duplicates,
    ) -> Result<(Ballots, Option<crate::EligibilityReport>)> {
        let (mut ballots, report) = match policy {
            // The policy reads printed titles and films in full: it takes the full lists.
            Some(p) => {
                let lists = self.store.lists()?;
                if lists.is_empty() {
                    return Err(crate::AppError::NoLists);
                }
                let films = self.film_lookup()?;
                let (lists, report) = p.apply(lists, &films);
                (build_with(lists, &films, duplicates)?, Some(report))
            }
            // Otherwise only what ranking needs is read, each item with its film.
            None => {
                let mut lists = self.store.ranking_lists()?;
                if lists.is_empty() {
                    return Err(crate::AppError::NoLists);
                }
                let mut ids: Vec<FilmId> = lists
                    .iter()
                    .flat_map(|l| l.entries.iter().chain(&l.mentions))
                    .filter_map(|i| i.film)
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                let (canonical, films) = canonical_films(&mut self.store, &ids)?;
                for item in lists
                    .iter_mut()
                    .flat_map(|l| l.entries.iter_mut().chain(l.mentions.iter_mut()))
                {
                    if let Some(f) = item.film.as_mut() {
                        if let Some(c) = canonical.get(f) {
                            *f = *c;
                        }
                    }
                }
                (build_lean(lists, &films, duplicates)?, None)
            }
        };
        ballots.weighting = self.weighting()?;
        ballots.list_weights = self
            .store
            .list_weights()?
            .into_iter()
            .map(|(list, w)| (list.to_string(), w))
            .collect();
        Ok((ballots, report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use needledrop_model::{DocumentId, Entry, EntryId, List, Mention, MentionId, Order, Rank};

    fn stored(id: i64, list: List) -> StoredList {
        StoredList {
            id: ListId(id),
            document: DocumentId(id),
            entry_ids: (0..list.entries.len())
                .map(|i| EntryId(id * 100 + i as i64))
                .collect(),
            mention_ids: (0..list.mentions.len())
                .map(|i| MentionId(id * 100 + i as i64))
                .collect(),
            list,
        }
    }

    #[test]
    fn unresolved_titles_that_differ_in_case_and_punctuation_are_one_item() {
        let mut a = List::new(Order::Descending);
        a.entries
            .push(Entry::new(Rank::new(1).unwrap(), "Moulin Rouge!"));
        a.mentions.push(Mention {
            title: "Juno".into(),
            year: None,
        });
        let mut b = List::new(Order::Ascending);
        b.entries
            .push(Entry::new(Rank::new(1).unwrap(), "moulin rouge"));
        let ballots = build(vec![stored(1, a), stored(2, b)], &FilmLookup::default()).unwrap();
        assert_eq!(ballots.profile.labels(), ["Moulin Rouge!", "Juno"]);
        assert_eq!(ballots.profile.ballots()[1].ranked()[0].item.index(), 0);
        assert!(ballots.items[0].film.is_none());
    }

    #[test]
    fn resolved_items_keep_their_film_and_identities_that_print_alike_stay_apart() {
        let film = StoredFilm {
            id: FilmId(7),
            film: needledrop_model::Film {
                title: "Heat".into(),
                year: None,
                directors: Vec::new(),
                genres: Vec::new(),
                soundtrack_kind: None,
                imdb_id: Some("tt0113277".into()),
                aliases: Vec::new(),
            },
            provisional: false,
            merged_into: None,
        };
        let mut a = List::new(Order::Descending);
        a.entries.push(Entry::new(Rank::new(1).unwrap(), "Heat"));
        a.entries.push(Entry::new(Rank::new(2).unwrap(), "heat"));
        let mut films = FilmLookup::default();
        films.insert(ItemRef::Entry(EntryId(100)), film.clone());
        let ballots = build(vec![stored(1, a)], &films).unwrap();
        assert_eq!(ballots.profile.labels(), ["Heat", "heat"]);
        assert!(ballots.warnings.is_empty());
        assert_eq!(
            ballots.items[0].film.as_ref().map(|f| f.id),
            Some(FilmId(7))
        );
        assert_eq!(ballots.items[1].film, None);
    }

    fn page(id: i64, title: &str, ranks: std::ops::RangeInclusive<u32>) -> StoredList {
        let mut list = List::new(Order::Descending);
        list.title = Some(title.into());
        list.outlet = Some("Example Weekly".into());
        list.declared_size = Some(20);
        for r in ranks.rev() {
            list.entries
                .push(Entry::new(Rank::new(r).unwrap(), format!("Film {r}")));
        }
        stored(id, list)
    }

    #[test]
    fn pages_of_one_list_join_into_one_ballot_in_rank_order() {
        let lists = [
            page(1, "The 20 best soundtracks", 11..=20),
            page(2, "The 20 best soundtracks, page 2", 1..=10),
            page(3, "Another list", 1..=3),
        ];
        let ballots = build(lists.to_vec(), &FilmLookup::default()).unwrap();
        let b = ballots.profile.ballots();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].ranked().len(), 20);
        let first = ballots.profile.item("Film 1").unwrap();
        assert_eq!(b[0].ranked()[0].item, first);
        assert!(ballots
            .warnings
            .iter()
            .any(|w| w.contains("pages of one list")));
        assert!(!ballots
            .warnings
            .iter()
            .any(|w| w.contains("on no stored page")));
    }

    #[test]
    fn a_missing_page_is_a_warning() {
        let lists = [
            page(1, "The 20 best soundtracks (1/3)", 15..=20),
            page(2, "The 20 best soundtracks (3/3)", 1..=7),
        ];
        let ballots = build(lists.to_vec(), &FilmLookup::default()).unwrap();
        assert_eq!(ballots.profile.ballots().len(), 1);
        assert!(
            ballots
                .warnings
                .iter()
                .any(|w| w.contains("7 of its ranks 1–20")),
            "{:?}",
            ballots.warnings
        );
    }

    #[test]
    fn lists_whose_ranks_overlap_stay_apart() {
        let lists = [
            page(1, "The 20 best soundtracks", 1..=10),
            page(2, "The 20 best soundtracks", 1..=10),
        ];
        let ballots = build(lists.to_vec(), &FilmLookup::default()).unwrap();
        assert_eq!(ballots.profile.ballots().len(), 2);
    }

    #[test]
    fn a_film_named_twice_counts_once_at_its_best_rank_with_a_warning() {
        // A song list counting down: two songs of one film at #3 and #1.
        let mut a = List::new(Order::Descending);
        for (rank, title) in [(3, "Purple Rain"), (2, "Drive"), (1, "purple rain")] {
            a.entries.push(Entry::new(Rank::new(rank).unwrap(), title));
        }
        let ballots = build(vec![stored(1, a)], &FilmLookup::default()).unwrap();
        let ranked = ballots.profile.ballots()[0].ranked();
        assert_eq!(ranked.len(), 2);
        let purple = ballots.profile.item("Purple Rain").unwrap();
        let at = ranked.iter().find(|e| e.item == purple).unwrap();
        assert_eq!(at.printed_rank, 1);
        assert_eq!(ballots.warnings.len(), 1);
        assert!(
            ballots.warnings[0].contains("ranks 1 and 3"),
            "{}",
            ballots.warnings[0]
        );
    }
}
