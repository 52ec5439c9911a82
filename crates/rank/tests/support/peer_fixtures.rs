//! The peer fixtures in `../shared/fixtures/peers/`, read the same way by every cross-check.
#![allow(dead_code)] // each test binary uses part of it

use needledrop_rank::{csv_input, Profile};

/// Where the fixtures live: beside the repository, as in CI.
pub const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/peers"
);

/// The lists of `INPUT.csv`.
pub fn profile(input: &str) -> Profile {
    let path = format!("{FIXTURES}/{input}.csv");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    csv_input::read_csv(file).unwrap()
}

/// `(position, item, score)` rows as the peer printed them.
pub fn peer_rows(input: &str, peer: &str, method: &str) -> Vec<(u32, String, f64)> {
    let path = format!("{FIXTURES}/{input}__{peer}__{method}.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let pos = f[0].parse().expect("position");
            let score = f.get(2).and_then(|s| s.parse().ok()).unwrap_or(f64::NAN);
            (pos, f[1].to_string(), score)
        })
        .collect()
}
