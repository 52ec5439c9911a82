//! The two seed articles through the real binary, against their gold files.

mod common;

use common::{json, seeds_dir, Sandbox};
use serde_json::Value;

fn gold(name: &str) -> Value {
    let text = std::fs::read_to_string(seeds_dir().join("gold").join(format!("{name}.json")))
        .expect("gold file beside the repository");
    serde_json::from_str(&text).expect("gold is JSON")
}

fn read_seed(sb: &Sandbox, name: &str) -> Value {
    let out = sb
        .cmd()
        .args(["ingest", "--dry-run", "--json"])
        .arg(seeds_dir().join(format!("{name}.txt")))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

fn fold_quotes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
}

#[test]
fn both_seeds_read_exactly_through_the_binary() {
    let sb = Sandbox::new();
    for name in ["000_2cc85a2d96c88ff9", "002_9d882693be0725bc"] {
        let got = read_seed(&sb, name);
        let want = gold(name);
        assert_eq!(got["order"], want["order"], "{name}");
        let got_entries = got["entries"].as_array().unwrap();
        let want_entries = want["entries"].as_array().unwrap();
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
        let got_mentions: Vec<String> = got["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| fold_quotes(m["title"].as_str().unwrap()))
            .collect();
        let want_mentions: Vec<String> = want["mentions"]
            .as_array()
            .unwrap()
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
    for name in ["000_2cc85a2d96c88ff9", "002_9d882693be0725bc"] {
        sb.cmd()
            .arg("ingest")
            .arg(seeds_dir().join(format!("{name}.txt")))
            .assert()
            .success();
    }
    let out = sb
        .cmd()
        .args(["rank", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json(&out)["rows"].as_array().unwrap().clone();
    // Shared by both lists: Almost Famous (7 and 7) and Pulp Fiction (1, and a mention).
    let row = |t: &str| rows.iter().find(|r| r["item"] == t).cloned().unwrap();
    assert_eq!(row("Almost Famous (2000)")["lists_ranking"], 2);
    assert_eq!(row("Pulp Fiction (1994)")["lists_ranking"], 1);
    assert_eq!(row("Pulp Fiction (1994)")["lists_mentioning"], 1);
    // 10 + 10 ranked entries and 10 mentions over 28 distinct films.
    assert_eq!(rows.len(), 28);
}
