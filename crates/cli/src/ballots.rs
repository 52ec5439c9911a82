//! Stored lists → rank ballots.
//!
//! This is the seam where film identity enters ranking. An entry or mention that the catalog
//! resolved is the film it resolved to, labelled `Title (year)`, so "Guardians of the Galaxy
//! Vol. 1" and "Guardians of the Galaxy: Awesome Mix Vol. 1" are one item and "Crash" (1996) and
//! "Crash" (2004) are two. An item still waiting in the review queue is never merged by guesswork:
//! it is its normalised printed title ([`item_key`]), shown as first printed. The rank crate
//! only ever sees labels.

use needledrop_model::List;
use needledrop_rank::{ListInput, Profile, RankError};
use needledrop_store::{ListFilms, ListId, StoredFilm};
use std::collections::HashMap;

/// The identity of an unresolved item: the title lowercased, quotes and apostrophes dropped,
/// every other run of punctuation or whitespace turned into one space, trimmed.
/// `"Guardians of the Galaxy, Vol. 1"` and `"guardians of the galaxy vol 1"` are the same item;
/// `"Devil's"` is `"devils"`.
pub fn item_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    let mut pending_space = false;
    for c in title.chars() {
        if matches!(
            c,
            '\'' | '\u{2018}' | '\u{2019}' | '`' | '"' | '\u{201C}' | '\u{201D}'
        ) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    key
}

/// The label a resolved film is shown by: its canonical title and year.
pub fn film_label(film: &StoredFilm) -> String {
    match film.film.year {
        Some(y) => format!("{} ({y})", film.film.title),
        None => film.film.title.clone(),
    }
}

/// A profile built from stored lists, with what the CLI needs to print it.
pub struct StoredProfile {
    /// The ballots; list labels are the store's list ids.
    pub profile: Profile,
    /// List label → the list's title (or file name), for display.
    pub list_titles: HashMap<String, String>,
}

/// Gives every printed item a stable identity key and a display label.
#[derive(Default)]
struct Items {
    /// Identity key → label.
    labels: HashMap<String, String>,
    /// Labels in use, so two identities never share one (the rank crate merges by label).
    taken: std::collections::HashSet<String>,
}

impl Items {
    /// The label of a printed title, resolved to `film` or not.
    fn label(&mut self, title: &str, film: Option<&StoredFilm>) -> String {
        let (key, shown) = match film {
            Some(f) => (format!("film:{}", f.id), film_label(f)),
            None => (
                format!("title:{}", item_key(title)),
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
        label
    }
}

/// Builds ballots from stored lists: ranked entries keep their printed rank, mentions become
/// unranked mentions, the declared size becomes the ballot's declared length. `films` gives,
/// per list, the film each entry and mention resolved to (missing or `None`: unresolved, so the
/// normalised printed title stands in). A mention of a film the same list also ranks is dropped.
///
/// Errors: no lists; one list ranking the same item twice.
pub fn profile_from_lists(
    lists: &[(ListId, List)],
    films: &HashMap<ListId, ListFilms>,
) -> Result<StoredProfile, RankError> {
    let mut items = Items::default();
    let mut inputs = Vec::with_capacity(lists.len());
    let mut list_titles = HashMap::new();
    for (id, list) in lists {
        let label = id.to_string();
        let title = list
            .title
            .clone()
            .or_else(|| list.outlet.clone())
            .unwrap_or_else(|| format!("list {id}"));
        list_titles.insert(label.clone(), title);
        let resolved = films.get(id);
        let entry_film = |i: usize| {
            resolved
                .and_then(|f| f.entries.get(i))
                .and_then(Option::as_ref)
        };
        let mention_film = |i: usize| {
            resolved
                .and_then(|f| f.mentions.get(i))
                .and_then(Option::as_ref)
        };
        let ranked: Vec<(u32, String)> = list
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.rank.get(), items.label(&e.title, entry_film(i))))
            .collect();
        let mut mentions: Vec<String> = Vec::new();
        for (i, m) in list.mentions.iter().enumerate() {
            let label = items.label(&m.title, mention_film(i));
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
    Ok(StoredProfile {
        profile: Profile::from_lists(inputs)?,
        list_titles,
    })
}

/// Builds ballots from everything in the store, items being the films entries resolved to.
pub fn profile_from_store(store: &needledrop_store::Store) -> anyhow::Result<StoredProfile> {
    let lists = store.lists()?;
    let mut films = HashMap::with_capacity(lists.len());
    for (id, _) in &lists {
        films.insert(*id, store.list_films(*id)?);
    }
    Ok(profile_from_lists(&lists, &films)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use needledrop_model::{Entry, Mention, Order, Rank};

    #[test]
    fn titles_that_differ_in_case_and_punctuation_are_one_item() {
        assert_eq!(
            item_key("Guardians of the Galaxy, Vol. 1"),
            "guardians of the galaxy vol 1"
        );
        assert_eq!(item_key("  The Devil’s Rejects "), "the devils rejects");
        assert_eq!(item_key("Moulin Rouge!"), item_key("moulin rouge"));
        assert_eq!(item_key("2001: A Space Odyssey"), "2001 a space odyssey");
    }

    #[test]
    fn two_identities_that_print_alike_get_different_labels() {
        let mut items = Items::default();
        let film = StoredFilm {
            id: 7,
            film: needledrop_model::Film {
                title: "Heat".into(),
                year: None,
                directors: Vec::new(),
                genres: Vec::new(),
                soundtrack_kind: None,
                imdb_id: None,
                aliases: Vec::new(),
            },
            provisional: true,
        };
        let resolved = items.label("Heat", Some(&film));
        let unresolved = items.label("heat", None);
        assert_eq!(resolved, "Heat");
        assert_eq!(unresolved, "heat");
        assert_ne!(items.label("Heat!", None), resolved, "same key as `heat`");
        let mut items = Items::default();
        assert_eq!(items.label("Heat", None), "Heat");
        assert_eq!(items.label("Heat", Some(&film)), "Heat #2");
    }

    #[test]
    fn stored_lists_become_ballots_labelled_by_first_printed_title() {
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
        let p = profile_from_lists(&[(ListId(1), a), (ListId(2), b)], &HashMap::new()).unwrap();
        assert_eq!(p.profile.labels(), ["Moulin Rouge!", "Juno"]);
        assert_eq!(p.profile.ballots()[1].ranked()[0].item.index(), 0);
        assert_eq!(p.profile.ballots()[0].mentions().len(), 1);
    }
}
