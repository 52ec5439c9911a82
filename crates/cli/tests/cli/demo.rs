//! `needledrop demo`, and the bare `needledrop`, on the bundled sample data.

use crate::support::{args, array, Expect, Sandbox};

/// The body rows of the table printed on stdout.
fn table_rows(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| l.starts_with('│') && !l.contains("rank"))
        .collect()
}

#[test]
fn the_demo_prints_the_consensus_top_20() {
    let sb = Sandbox::new();
    let out = sb.run(["demo"]);
    let rows = table_rows(&out);
    assert_eq!(rows.len(), 20, "{out}");
    assert!(rows[0].contains("Pulp Fiction (1994)"), "{}", rows[0]);
    // The demo never touches the user's database.
    assert!(!sb.db().exists());
}

/// Regression: the bare command built the demo's arguments without clap's defaults (top 0).
#[test]
fn the_bare_command_is_the_demo() {
    let sb = Sandbox::new();
    let bare = sb.cmd().succeeds();
    let demo = sb.run(["demo"]);
    assert_eq!(table_rows(&bare).len(), 20);
    assert_eq!(bare, demo);
}

#[test]
fn the_demo_can_keep_its_database() {
    let sb = Sandbox::new();
    let saved = sb.db().with_file_name("demo.db");
    sb.run(args!["demo", "--top", "5", "--save", saved]);
    let lists = sb.run_json(args!["--db", saved, "lists", "--json"]);
    assert!(array(&lists).len() >= 15);
    // A second demo into the same file is refused rather than mixed in.
    sb.cmd().args(args!["demo", "--save", saved]).fails(2);
}

/// The demo and `rank` on its saved database use one stored weighting: the same table.
#[test]
fn rank_on_the_saved_demo_prints_the_demos_table() {
    let sb = Sandbox::new();
    let saved = sb.db().with_file_name("demo.db");
    let demo = sb.run(args!["demo", "--top", "20", "--save", saved]);
    let rank = sb.run(args!["--db", saved, "rank", "--top", "20"]);
    assert_eq!(table_rows(&demo), table_rows(&rank));
    assert!(rank.contains("each source document counts once"), "{rank}");
    // Per list, the 40 ballots of the poll file outweigh the articles: another table.
    let per_list = sb.run(args![
        "--db",
        saved,
        "rank",
        "--top",
        "20",
        "--weighting",
        "per-list"
    ]);
    assert_ne!(table_rows(&demo), table_rows(&per_list));
}

#[test]
fn weights_are_stored_and_change_the_ranking() {
    let sb = Sandbox::new();
    let a = sb.write("a.txt", "Two\n\n2. Drive (2011)\n\n1. Juno (2007)\n");
    let b = sb.write("b.txt", "Two more\n\n2. Juno (2007)\n\n1. Drive (2011)\n");
    let c = sb.write("c.txt", "Two again\n\n2. Juno (2007)\n\n1. Drive (2011)\n");
    sb.ingest(&[&a, &b, &c]);
    let first = |sb: &Sandbox| sb.ranked_rows()[0]["title"].as_str().unwrap().to_string();
    assert_eq!(first(&sb), "Drive");
    sb.run(["weight", "list", "1", "5"]);
    assert_eq!(first(&sb), "Juno");
    let weights = sb.run_json(["weight", "--json"]);
    assert_eq!(weights["lists"][0]["effective"], 5.0);
    sb.run(["weight", "list", "1", "--clear"]);
    assert_eq!(first(&sb), "Drive");
    sb.fails_with(["weight", "list", "1", "NaN"], 2, "weight");
    sb.fails_with(["weight", "list", "9", "2"], 2, "needledrop lists");
    sb.fails_with(["weight", "policy", "per-critic"], 2, "per-source");
}
