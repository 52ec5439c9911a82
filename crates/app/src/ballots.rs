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
use needledrop_model::{FilmId, ItemRef, ListId, StoredFilm};
use needledrop_rank::{ItemId, ListInput, Profile};
use needledrop_store::{Store, StoredList};
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

/// Gives every printed item a stable identity and a display label.
#[derive(Default)]
struct Items {
    /// Identity → label.
    labels: HashMap<String, String>,
    /// Labels in use, so two identities never share one (the rank crate merges by label).
    taken: HashSet<String>,
    /// Label → what it is.
    infos: HashMap<String, ItemInfo>,
}

impl Items {
    fn label(&mut self, title: &str, film: Option<&StoredFilm>) -> String {
        let (key, shown) = match film {
            Some(f) => (format!("film:{}", f.id), f.label()),
            None => (
                format!("title:{}", title_key(title)),
                title.trim().to_string(),
            ),
        };
        if let Some(label) = self.labels.get(&key) {
            return label.clone();
        }
        // A yearless film and an unresolved title can print alike: number the second one.
        let mut label = shown.clone();
        let mut n = 2;
        while self.taken.contains(&label) {
            label = format!("{shown} #{n}");
            n += 1;
        }
        self.taken.insert(label.clone());
        self.labels.insert(key, label.clone());
        self.infos.insert(
            label.clone(),
            ItemInfo {
                label: label.clone(),
                film: film.cloned(),
                title: film.map_or_else(|| title.trim().to_string(), |f| f.film.title.clone()),
            },
        );
        label
    }
}

/// Builds ballots: ranked entries keep their printed rank, mentions become unranked mentions,
/// the declared size becomes the ballot's declared length. `films` gives the film each item
/// resolved to (absent: unresolved). A mention of a film the same list also ranks is dropped.
pub(crate) fn build(lists: &[StoredList], films: &HashMap<ItemRef, StoredFilm>) -> Result<Ballots> {
    let mut items = Items::default();
    let mut inputs = Vec::with_capacity(lists.len());
    let mut list_titles = HashMap::new();
    let mut documents = HashMap::new();
    let mut warnings = Vec::new();
    for stored in lists {
        let list = &stored.list;
        let label = stored.id.to_string();
        let title = list
            .title
            .clone()
            .or_else(|| list.outlet.clone())
            .unwrap_or_else(|| format!("list {}", stored.id));
        list_titles.insert(label.clone(), title);
        documents.insert(label.clone(), stored.document.get());
        // A list may name one film twice: a song list ranks two songs of one film, or two printed
        // titles resolve to one film. The film counts once, at its best printed rank.
        let mut ranked: Vec<(u32, String)> = Vec::with_capacity(list.entries.len());
        for (e, id) in list.entries.iter().zip(&stored.entry_ids) {
            let film = films.get(&ItemRef::Entry(*id));
            let item = items.label(&e.title, film);
            let rank = e.rank.get();
            match ranked.iter_mut().find(|(_, l)| *l == item) {
                Some(kept) => {
                    let (best, other) = (kept.0.min(rank), kept.0.max(rank));
                    warnings.push(format!(
                        "list {} names {item} at ranks {best} and {other}; it counts once, at its best rank {best}",
                        stored.id
                    ));
                    kept.0 = best;
                }
                None => ranked.push((rank, item)),
            }
        }
        let mut mentions: Vec<String> = Vec::new();
        for (m, id) in list.mentions.iter().zip(&stored.mention_ids) {
            let label = items.label(&m.title, films.get(&ItemRef::Mention(*id)));
            if !ranked.iter().any(|(_, r)| *r == label) && !mentions.contains(&label) {
                mentions.push(label);
            }
        }
        inputs.push(ListInput {
            label,
            ranked,
            mentions,
            declared_len: list.declared_size,
            weight: None,
        });
    }
    let profile = Profile::from_lists(inputs)?;
    let infos = profile
        .labels()
        .iter()
        .map(|l| {
            items.infos.remove(l).unwrap_or_else(|| ItemInfo {
                label: l.clone(),
                film: None,
                title: l.clone(),
            })
        })
        .collect();
    Ok(Ballots {
        profile,
        items: infos,
        list_titles,
        documents,
        warnings,
        weighting: crate::Weighting::PerList,
        list_weights: HashMap::new(),
    })
}

impl<S: Store> App<S> {
    /// Ballots over every stored list, items being the films entries resolved to.
    pub fn ballots(&mut self) -> Result<Ballots> {
        Ok(self.ballots_under(None)?.0)
    }

    /// Ballots over the stored lists that `policy` finds eligible, with what it excluded.
    pub fn ballots_under(
        &mut self,
        policy: Option<&crate::EligibilityPolicy>,
    ) -> Result<(Ballots, Option<crate::EligibilityReport>)> {
        let lists = self.store.lists()?;
        let mut cache: HashMap<FilmId, StoredFilm> = HashMap::new();
        let mut films: HashMap<ItemRef, StoredFilm> = HashMap::new();
        for (item, resolution) in self.store.resolutions()? {
            let Some(id) = resolution.film else { continue };
            let film = match cache.get(&id) {
                Some(f) => f.clone(),
                None => {
                    let f = crate::films::film_following_merges(&mut self.store, id)?;
                    cache.insert(id, f.clone());
                    f
                }
            };
            films.insert(item, film);
        }
        let (lists, report) = match policy {
            Some(p) => {
                let (lists, report) = p.apply(lists, &films);
                (lists, Some(report))
            }
            None => (lists, None),
        };
        let mut ballots = build(&lists, &films)?;
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
        let ballots = build(&[stored(1, a), stored(2, b)], &HashMap::new()).unwrap();
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
        let mut films = HashMap::new();
        films.insert(ItemRef::Entry(EntryId(100)), film.clone());
        let ballots = build(&[stored(1, a)], &films).unwrap();
        assert_eq!(ballots.profile.labels(), ["Heat", "heat"]);
        assert!(ballots.warnings.is_empty());
        assert_eq!(
            ballots.items[0].film.as_ref().map(|f| f.id),
            Some(FilmId(7))
        );
        assert_eq!(ballots.items[1].film, None);
    }

    #[test]
    fn a_film_named_twice_counts_once_at_its_best_rank_with_a_warning() {
        // A song list counting down: two songs of one film at #3 and #1.
        let mut a = List::new(Order::Descending);
        for (rank, title) in [(3, "Purple Rain"), (2, "Drive"), (1, "purple rain")] {
            a.entries.push(Entry::new(Rank::new(rank).unwrap(), title));
        }
        let ballots = build(&[stored(1, a)], &HashMap::new()).unwrap();
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
