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
