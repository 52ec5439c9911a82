//! Stored lists → ballots whose items are songs: the best movie songs.
//!
//! The policy, stated once:
//! - a song cited under a ranked entry takes that entry's printed rank (a song list prints one
//!   song per entry; two songs cited under one film's entry tie at its rank);
//! - a song named outside every entry, or under an unranked mention, is an unranked mention;
//! - a song is its title and artist, ignoring case and punctuation; a citation without an
//!   artist joins the song of that title when exactly one artist is known for it;
//! - a list naming one song twice counts it once, at its best rank;
//! - lists that cite no song are left out; sources and weights are those of the film ranking.

use crate::ballots::{title_key, Ballots, FilmLookup, ItemInfo};
use crate::Result;
use needledrop_model::{ItemRef, SongCitation, StoredFilm};
use needledrop_rank::{ListInput, Profile};
use needledrop_store::StoredList;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What one ranked song is: its title, its artist and the films it was cited for.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SongItem {
    /// The title as first printed.
    pub(crate) title: String,
    /// The artist, when a list names one.
    pub(crate) artist: Option<String>,
    /// The films the citing entries name (resolved titles when known), first cited first.
    pub(crate) films: Vec<String>,
}

/// Song ballots, and per profile item what the song is.
pub(crate) struct SongBallots {
    pub(crate) ballots: Ballots,
    pub(crate) songs: Vec<SongItem>,
}

type SongKey = (String, Option<String>);

/// Builds the song ballots of `lists` (see the module's policy). No song cited anywhere: an
/// error saying so.
pub(crate) fn build(lists: Vec<StoredList>, films: &FilmLookup) -> Result<SongBallots> {
    // Which artists each title is known by, to place a citation that names none.
    let mut artists_of: HashMap<String, BTreeSet<String>> = HashMap::new();
    for song in lists.iter().flat_map(|l| l.list.all_songs()) {
        if let Some(a) = &song.artist {
            artists_of
                .entry(title_key(&song.title))
                .or_default()
                .insert(a.to_lowercase());
        }
    }
    let key_of = |song: &SongCitation| -> SongKey {
        let title = title_key(&song.title);
        let artist = match &song.artist {
            Some(a) => Some(a.to_lowercase()),
            None => artists_of
                .get(&title)
                .filter(|known| known.len() == 1)
                .and_then(|known| known.iter().next().cloned()),
        };
        (title, artist)
    };
    let mut labels: HashMap<SongKey, String> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut items: HashMap<String, SongItem> = HashMap::new();
    let mut inputs = Vec::new();
    let mut list_titles = HashMap::new();
    let mut documents = HashMap::new();
    let mut warnings = Vec::new();
    for stored in &lists {
        let list = &stored.list;
        if list.all_songs().next().is_none() {
            continue;
        }
        let list_label = stored.id.to_string();
        let mut label_of = |song: &SongCitation, film: Option<String>| -> String {
            let key = key_of(song);
            let label = labels
                .entry(key)
                .or_insert_with(|| {
                    let shown = match &song.artist {
                        Some(a) => format!("{} – {a}", song.title),
                        None => song.title.clone(),
                    };
                    let mut label = shown.clone();
                    let mut n = 2;
                    while taken.contains(&label) {
                        label = format!("{shown} #{n}");
                        n += 1;
                    }
                    taken.insert(label.clone());
                    label
                })
                .clone();
            let item = items.entry(label.clone()).or_insert_with(|| SongItem {
                title: song.title.clone(),
                ..SongItem::default()
            });
            if item.artist.is_none() {
                item.artist.clone_from(&song.artist);
            }
            if let Some(film) = film {
                if !item.films.contains(&film) {
                    item.films.push(film);
                }
            }
            label
        };
        let mut ranked: Vec<(u32, String)> = Vec::new();
        for (e, id) in list.entries.iter().zip(&stored.entry_ids) {
            let film = films
                .get(&ItemRef::Entry(*id))
                .map_or_else(|| e.title.clone(), StoredFilm::label);
            let rank = e.rank.get();
            for song in &e.songs {
                let label = label_of(song, Some(film.clone()));
                match ranked.iter_mut().find(|(_, l)| *l == label) {
                    Some(kept) if kept.0 != rank => {
                        let (best, other) = (kept.0.min(rank), kept.0.max(rank));
                        warnings.push(format!(
                            "list {list_label} names the song {label} at ranks {best} and \
                             {other}; it counts once, at its best rank {best}"
                        ));
                        kept.0 = best;
                    }
                    Some(_) => {}
                    None => ranked.push((rank, label)),
                }
            }
        }
        let mut mentions: Vec<String> = Vec::new();
        for song in &list.songs {
            let label = label_of(song, None);
            if !ranked.iter().any(|(_, l)| *l == label) && !mentions.contains(&label) {
                mentions.push(label);
            }
        }
        let title = list
            .title
            .clone()
            .or_else(|| list.outlet.clone())
            .unwrap_or_else(|| format!("list {}", stored.id));
        list_titles.insert(list_label.clone(), title);
        documents.insert(list_label.clone(), stored.document.get());
        inputs.push(ListInput {
            label: list_label,
            ranked,
            mentions,
            declared_len: list.declared_size,
            weight: None,
        });
    }
    if inputs.is_empty() {
        return Err(crate::AppError::BadInput(
            "no stored list cites a song; rank the films instead".into(),
        ));
    }
    let profile = Profile::from_lists(inputs)?;
    let mut songs = Vec::with_capacity(profile.item_count());
    let infos = profile
        .labels()
        .iter()
        .map(|label| {
            let song = items.remove(label).unwrap_or_default();
            let info = ItemInfo {
                label: label.clone(),
                film: None,
                title: song.title.clone(),
            };
            songs.push(song);
            info
        })
        .collect();
    Ok(SongBallots {
        ballots: Ballots {
            profile,
            items: infos,
            list_titles,
            documents,
            warnings,
            weighting: crate::Weighting::PerList,
            list_weights: HashMap::new(),
        },
        songs,
    })
}
