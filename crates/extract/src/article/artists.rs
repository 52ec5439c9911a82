//! Artists completed from the whole article, after each entry has been read on its own.
//!
//! - A one-word artist (`Williams`, `Aretha`) is the full name the article prints elsewhere
//!   (`John Williams`, `Aretha Franklin`), the most frequent one.
//! - In a list of instrumental cues by one composer, the surname that the entries' prose keeps
//!   naming (`Hisaishi` in most blurbs, `Joe Hisaishi` in the heading) is the artist of every
//!   cue that has none.
//!
//! Both steps read the page once, counting only the word pairs that involve a wanted word, so
//! the work stays linear in the article's length.

use needledrop_model::Entry;
use std::collections::{HashMap, HashSet};

/// Words that sit next to names without being part of them.
const NOT_NAME_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "by",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "from",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "as",
    "is",
    "was",
    "but",
    "when",
    "while",
    "before",
    "after",
    "than",
    "then",
    "even",
    "also",
    "not",
    "yes",
    "no",
    "de",
    "la",
    "le",
    "les",
    "el",
    "los",
    "las",
    "der",
    "die",
    "das",
    "und",
    "y",
    "et",
    "e",
    "di",
    "da",
    "do",
    "du",
    "il",
    "lo",
    "von",
    "van",
    "del",
    "des",
    "les",
    "une",
    "un",
    "ein",
    "eine",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "it",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "our",
    "my",
    "theme",
    "score",
    "suite",
    "song",
    "cue",
    "main",
    "title",
    "film",
    "movie",
    "soundtrack",
];

/// A word as the page spells it and lowercased.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '-'))
        .scan(0usize, |pos, piece| {
            let start = *pos;
            *pos += piece.len();
            let word = piece.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '-'));
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_name_word(w: &str) -> bool {
    w.chars().count() >= 2
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !NOT_NAME_WORDS.contains(&w.to_lowercase().as_str())
}

/// Upper-cases the first letter of each word of an all-lowercase name (`joe hisaishi`).
fn title_case(name: &str) -> String {
    if name.chars().any(char::is_uppercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// For each wanted word (lowercase), the most frequent two-word name the page prints with it:
/// a neighbour separated by one space, both capitalised (or both lowercase, as in a lowercase
/// heading), the neighbour a name word. A capitalised word the page also prints in lowercase
/// (`Only`) is a common word at a sentence start, and a word cut by an apostrophe (`Don’t`) is
/// no name. Returns lowercase word → full name.
fn full_names(page: &str, wanted: &HashSet<String>) -> HashMap<String, String> {
    let mut counts: HashMap<String, HashMap<(String, String), usize>> = HashMap::new();
    let mut lowercase: HashSet<&str> = HashSet::new();
    let mut prev: Option<(usize, &str)> = None;
    for (start, w) in words(page) {
        if !is_capitalised(w) {
            lowercase.insert(w);
        }
        let elided = {
            let mut rest = page[start + w.len()..].chars();
            matches!(rest.next(), Some('\'' | '’')) && rest.next().is_some_and(|c| c != 's')
        };
        if let Some((pstart, p)) = prev {
            let joined_by_space = page.get(pstart + p.len()..start) == Some(" ");
            let same_case = is_capitalised(p) == is_capitalised(w);
            if joined_by_space && same_case && !elided && is_name_word(p) && is_name_word(w) {
                for key in [w, p] {
                    let key = key.to_lowercase();
                    if wanted.contains(&key) {
                        *counts
                            .entry(key)
                            .or_default()
                            .entry((p.to_string(), w.to_string()))
                            .or_default() += 1;
                    }
                }
            }
        }
        prev = Some((start, w));
    }
    counts
        .into_iter()
        .filter_map(|(key, forms)| {
            // Merge spellings that differ only in case; prefer the capitalised one.
            let mut merged: HashMap<String, (usize, String)> = HashMap::new();
            for ((p, w), n) in forms {
                let common =
                    |x: &str| is_capitalised(x) && lowercase.contains(x.to_lowercase().as_str());
                if common(&p) || common(&w) {
                    continue;
                }
                let form = format!("{p} {w}");
                let slot = merged
                    .entry(form.to_lowercase())
                    .or_insert((0, form.clone()));
                slot.0 += n;
                if is_capitalised(&form) {
                    slot.1 = form;
                }
            }
            merged
                .into_values()
                .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
                .map(|(_, form)| (key, title_case(&form)))
        })
        .collect()
}

/// The capitalised name word that most entries' prose repeats, when it is in at least half of
/// them (four entries or more), at least once inside a sentence, and is none of the entries'
/// titles or songs: the composer a list of cues is about.
fn recurring_name(entries: &[Entry]) -> Option<String> {
    if entries.len() < 4 {
        return None;
    }
    let mut in_titles: HashSet<String> = HashSet::new();
    for e in entries {
        for (_, w) in words(&e.title) {
            in_titles.insert(w.to_lowercase());
        }
        for s in &e.songs {
            for (_, w) in words(&s.title) {
                in_titles.insert(w.to_lowercase());
            }
        }
    }
    let mut blurbs_with: HashMap<String, usize> = HashMap::new();
    let mut mid_sentence: HashSet<String> = HashSet::new();
    for e in entries {
        let mut here: HashSet<String> = HashSet::new();
        let mut prev: Option<&str> = None;
        for (_, w) in words(&e.blurb) {
            if is_capitalised(w) && is_name_word(w) && w.chars().count() >= 3 {
                let key = w.to_string();
                if prev.is_some_and(|p| !is_capitalised(p)) {
                    mid_sentence.insert(key.clone());
                }
                here.insert(key);
            }
            prev = Some(w);
        }
        for w in here {
            *blurbs_with.entry(w).or_default() += 1;
        }
    }
    blurbs_with
        .into_iter()
        .filter(|(w, n)| {
            n * 2 >= entries.len()
                && mid_sentence.contains(w)
                && !in_titles.contains(&w.to_lowercase())
        })
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(w, _)| w)
}

/// Completes the entries' song artists from the whole page (`page` gives the article's text,
/// built only when a name is to be looked up).
pub(crate) fn complete(entries: &mut [Entry], page: impl FnOnce() -> String) {
    let songs_total: usize = entries.iter().map(|e| e.songs.len()).sum();
    let songs_bare = entries
        .iter()
        .flat_map(|e| &e.songs)
        .filter(|s| s.artist.is_none())
        .count();
    // A cue list: most songs have no performer named; the recurring name is their composer.
    let composer = if songs_total > 0 && songs_bare * 2 > songs_total {
        recurring_name(entries)
    } else {
        None
    };
    let mut wanted: HashSet<String> = entries
        .iter()
        .flat_map(|e| &e.songs)
        .filter_map(|s| s.artist.as_deref())
        .filter(|a| !a.contains(' ') && is_name_word(a))
        .map(str::to_lowercase)
        .collect();
    if let Some(c) = &composer {
        wanted.insert(c.to_lowercase());
    }
    if wanted.is_empty() {
        return;
    }
    let full = full_names(&page(), &wanted);
    let expand = |a: &str| full.get(&a.to_lowercase()).cloned();
    let composer = composer.map(|c| expand(&c).unwrap_or(c));
    for e in entries.iter_mut() {
        for s in e.songs.iter_mut() {
            match &s.artist {
                Some(a) if !a.contains(' ') => {
                    if let Some(f) = expand(a) {
                        s.artist = Some(f);
                    }
                }
                None => s.artist = composer.clone(),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use needledrop_model::{Rank, SongCitation};

    fn entry(rank: u32, title: &str, song: &str, artist: Option<&str>, blurb: &str) -> Entry {
        let mut e = Entry::new(Rank::new(rank).expect("rank"), title.to_string());
        e.songs.push(SongCitation {
            title: song.to_string(),
            artist: artist.map(str::to_string),
        });
        e.blurb = blurb.to_string();
        e
    }

    #[test]
    fn a_surname_becomes_the_full_name_the_page_prints() {
        let mut es = vec![entry(
            1,
            "Jaws",
            "Main Title",
            Some("Williams"),
            "Williams wrote it.",
        )];
        complete(&mut es, || {
            "Scores by John Williams, ranked.\nWilliams wrote it.".into()
        });
        assert_eq!(es[0].songs[0].artist.as_deref(), Some("John Williams"));
    }

    #[test]
    fn sentence_openers_and_elisions_are_no_first_names() {
        let mut es = vec![
            entry(1, "Flash", "Theme", Some("Queen"), "Only Queen could."),
            entry(2, "Armageddon", "Miss", Some("Aerosmith"), "x"),
        ];
        complete(&mut es, || {
            "Only Queen could. It was only a song.\n41|Aerosmith Don’t Miss".into()
        });
        assert_eq!(es[0].songs[0].artist.as_deref(), Some("Queen"));
        assert_eq!(es[1].songs[0].artist.as_deref(), Some("Aerosmith"));
    }

    #[test]
    fn cues_take_the_composer_the_prose_keeps_naming() {
        let blurbs = [
            "A piano piece that only Mara Velloso could write.",
            "Later Velloso reworked it.",
            "The synths date it; Velloso does not.",
            "A waltz, and nobody else.",
        ];
        let mut es: Vec<Entry> = blurbs
            .iter()
            .enumerate()
            .map(|(i, b)| entry(i as u32 + 1, "Film", &format!("Cue {i}"), None, b))
            .collect();
        let page = format!("the cues of mara velloso\n{}", blurbs.join("\n"));
        complete(&mut es, || page.clone());
        for e in &es {
            assert_eq!(e.songs[0].artist.as_deref(), Some("Mara Velloso"));
        }
    }

    #[test]
    fn performers_named_per_entry_are_left_alone() {
        let mut es: Vec<Entry> = (1..=4)
            .map(|i| entry(i, "Film", "Song", Some("Ana Roth"), "Ana Roth sings."))
            .collect();
        es[3].songs[0].artist = None;
        complete(&mut es, || "Ana Roth sings.".into());
        assert_eq!(es[3].songs[0].artist, None);
    }
}
