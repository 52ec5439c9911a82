//! Deterministic synthetic catalogs and query variants for the benchmarks.
//!
//! Titles mix common title words (so trigram postings have realistic heavy hitters like "the",
//! "love", "night") with invented words, carry leading articles, sequel numbers and subtitles;
//! queries are the variants lists print: case, punctuation, missing article, a typo, a year.

#![allow(dead_code)]

use needledrop_model::{Film, Year};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const COMMON: &[&str] = &[
    "love", "night", "day", "man", "woman", "girl", "boy", "time", "life", "death", "blood",
    "house", "city", "world", "star", "dark", "last", "first", "black", "white", "red", "blue",
    "king", "queen", "war", "dead", "heart", "dream", "road", "home", "story", "secret", "wild",
    "lost", "little", "big", "good", "bad", "long", "young", "old", "new", "summer", "winter",
    "fire", "ice", "sun", "moon", "sea", "river", "street", "mountain", "island", "game", "money",
    "music", "song", "dance", "american", "return", "revenge", "rising", "fall", "shadow", "ghost",
    "angel", "devil", "soul", "body", "mind", "eye", "hand", "sky", "rain", "storm", "wind",
    "light", "gold", "silver", "iron", "stone", "glass", "paper", "brother", "sister", "father",
    "mother", "son", "daughter", "family", "friend", "stranger", "hunter", "killer", "lover",
    "dancer", "singer", "rider", "driver", "runner", "tale", "legend",
];
const ARTICLES: &[&str] = &["The", "A"];
const GENRES: &[&str] = &[
    "Drama", "Comedy", "Horror", "Action", "Romance", "Thriller", "Music",
];

/// An invented word of 2-4 syllables.
fn pseudo_word(rng: &mut ChaCha8Rng) -> String {
    const ONSETS: &[&str] = &[
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
        "br", "ch", "st", "tr", "sh", "gr", "pl",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "ee", "oa", "y"];
    let syllables = rng.gen_range(2..=4);
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(ONSETS.choose(rng).copied().unwrap_or("b"));
        w.push_str(VOWELS.choose(rng).copied().unwrap_or("a"));
    }
    if rng.gen_bool(0.3) {
        w.push_str(
            ["n", "r", "s", "th", "ck"]
                .choose(rng)
                .copied()
                .unwrap_or("n"),
        );
    }
    w
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `n` films with realistic titles.
pub fn films(n: usize, seed: u64) -> Vec<Film> {
    films_iter(n, seed).collect()
}

/// `n` films with realistic titles, generated one at a time (no buffer of a million films).
pub fn films_iter(n: usize, seed: u64) -> impl Iterator<Item = Film> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let invented: Vec<String> = (0..40_000).map(|_| pseudo_word(&mut rng)).collect();
    (0..n).map(move |i| {
        let words = rng.gen_range(1..=4);
        let mut parts: Vec<String> = Vec::new();
        if rng.gen_bool(0.3) {
            parts.push(
                ARTICLES
                    .choose(&mut rng)
                    .copied()
                    .unwrap_or("The")
                    .to_string(),
            );
        }
        for _ in 0..words {
            let w = if rng.gen_bool(0.35) {
                COMMON
                    .choose(&mut rng)
                    .copied()
                    .unwrap_or("love")
                    .to_string()
            } else {
                invented.choose(&mut rng).cloned().unwrap_or_default()
            };
            parts.push(capitalize(&w));
        }
        let mut title = parts.join(" ");
        if rng.gen_bool(0.08) {
            title.push_str(&format!(" {}", rng.gen_range(2..=5)));
        } else if rng.gen_bool(0.05) {
            title.push_str(&format!(
                ": {}",
                capitalize(invented.choose(&mut rng).map(String::as_str).unwrap_or("x"))
            ));
        }
        Film {
            title,
            year: Year::new(rng.gen_range(1920..=2025)).ok(),
            directors: Vec::new(),
            genres: vec![GENRES
                .choose(&mut rng)
                .copied()
                .unwrap_or("Drama")
                .to_string()],
            soundtrack_kind: None,
            imdb_id: Some(format!("tt{:08}", i + 1)),
            aliases: Vec::new(),
        }
    })
}

/// A printed variant of `film`'s title and the index of the film it should resolve to.
pub fn variants(films: &[Film], n: usize, seed: u64) -> Vec<(String, usize)> {
    variants_by(
        films.len(),
        |i| (films[i].title.clone(), films[i].year.map(|y| y.get())),
        n,
        seed,
    )
}

/// Variants of the films `film(i)` (title, year) for `i < count`.
pub fn variants_by(
    count: usize,
    film: impl Fn(usize) -> (String, Option<i32>),
    n: usize,
    seed: u64,
) -> Vec<(String, usize)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let i = rng.gen_range(0..count);
            let (title, year) = film(i);
            let title = &title;
            let v = match rng.gen_range(0..7) {
                0 => title.clone(),
                1 => title.to_lowercase(),
                2 => title.to_uppercase(),
                3 => format!("{}!", title.replace(':', "")),
                4 => title
                    .strip_prefix("The ")
                    .or_else(|| title.strip_prefix("A "))
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("The {title}")),
                5 => typo(title, &mut rng),
                _ => match year {
                    Some(y) => format!("{title} ({y})"),
                    None => title.clone(),
                },
            };
            (v, i)
        })
        .collect()
}

/// One typing error at a letter: substitution, deletion, insertion or transposition.
fn typo(title: &str, rng: &mut ChaCha8Rng) -> String {
    let mut chars: Vec<char> = title.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    let Some(&at) = letters.choose(rng) else {
        return title.to_string();
    };
    let letter = (b'a' + rng.gen_range(0..26u8)) as char;
    match rng.gen_range(0..4) {
        0 => chars[at] = letter,
        1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, letter),
        _ => {
            if at + 1 < chars.len() {
                chars.swap(at, at + 1);
            }
        }
    }
    chars.into_iter().collect()
}
