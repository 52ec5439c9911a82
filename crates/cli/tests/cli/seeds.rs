//! The two seed articles through the real binary: read against their gold files, stored,
//! resolved and ranked together.

use crate::support::{array, gold, seed, Sandbox, SEEDS};
use serde_json::Value;

fn fold_quotes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
}

#[test]
fn both_seeds_read_exactly_through_the_binary() {
    let sb = Sandbox::new();
    for name in SEEDS {
        let got = sb.dry_run_json(&seed(name));
        let want = gold(name);
        assert_eq!(got["order"], want["order"], "{name}");
        let got_entries = array(&got["entries"]);
        let want_entries = array(&want["entries"]);
        assert_eq!(got_entries.len(), want_entries.len(), "{name}");
        for (g, w) in got_entries.iter().zip(want_entries) {
            assert_eq!(g["rank"], w["rank"], "{name}");
            assert_eq!(g["title"], w["title"], "{name}");
            if w["year_printed"] == Value::Bool(true) {
                assert_eq!(g["year"], w["year"], "{name}: {}", w["title"]);
            } else {
                assert_eq!(g["year"], Value::Null, "{name}: {}", w["title"]);
            }
        }
        let got_mentions: Vec<String> = array(&got["mentions"])
            .iter()
            .map(|m| fold_quotes(m["title"].as_str().unwrap()))
            .collect();
        let want_mentions: Vec<String> = array(&want["mentions"])
            .iter()
            .map(|m| fold_quotes(m.as_str().unwrap()))
            .collect();
        assert_eq!(got_mentions, want_mentions, "{name}");
        if let Some(not_entries) = want["not_entries"].as_array() {
            for n in not_entries {
                assert!(
                    !got_entries.iter().any(|e| e["title"] == *n),
                    "{name}: {n} became an entry"
                );
            }
        }
    }
}

#[test]
fn both_seeds_store_and_rank_together() {
    let sb = Sandbox::new();
    sb.ingest_seeds();
    let rows = sb.ranked_rows();
    // Shared by both lists: Almost Famous (7 and 7) and Pulp Fiction (1, and a mention).
    let row = |t: &str| rows.iter().find(|r| r["item"] == t).cloned().unwrap();
    assert_eq!(row("Almost Famous (2000)")["lists_ranking"], 2);
    assert_eq!(row("Pulp Fiction (1994)")["lists_ranking"], 1);
    assert_eq!(row("Pulp Fiction (1994)")["lists_mentioning"], 1);
    // 10 + 10 ranked entries and 10 mentions over 28 distinct films.
    assert_eq!(rows.len(), 28);
}

/// With the bundled catalog, every film of the two seed lists resolves: nothing waits for
/// review, and a list's own spelling ("Guardians of the Galaxy Vol. 1") finds the film.
#[test]
fn the_two_seed_lists_resolve_to_28_films() {
    let sb = Sandbox::new();
    sb.ingest_seeds();
    assert_eq!(
        sb.review_json(),
        serde_json::json!([]),
        "nothing waits for review"
    );
    let rows = sb.ranked_rows();
    assert_eq!(rows.len(), 28);
    let gotg = rows
        .iter()
        .find(|r| {
            r["item"]
                .as_str()
                .unwrap()
                .starts_with("Guardians of the Galaxy")
        })
        .unwrap();
    assert_eq!(gotg["item"], "Guardians of the Galaxy (2014)");
}
