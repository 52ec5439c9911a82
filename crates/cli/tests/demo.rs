//! `needledrop demo`, and the bare `needledrop`, on the bundled sample data.

mod common;

use common::Sandbox;

fn table_rows(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| l.starts_with('│') && !l.contains("rank"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_demo_prints_the_consensus_top_20() {
    let sb = Sandbox::new();
    let out = sb.cmd().arg("demo").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = table_rows(&out.stdout);
    assert_eq!(rows.len(), 20, "{}", String::from_utf8_lossy(&out.stdout));
    assert!(rows[0].contains("Pulp Fiction (1994)"), "{}", rows[0]);
    // The demo never touches the user's database.
    assert!(!sb.db().exists());
}

/// Regression: the bare command built the demo's arguments without clap's defaults (top 0).
#[test]
fn the_bare_command_is_the_demo() {
    let sb = Sandbox::new();
    let bare = sb.cmd().output().unwrap();
    let demo = sb.cmd().arg("demo").output().unwrap();
    assert!(bare.status.success());
    assert_eq!(table_rows(&bare.stdout).len(), 20);
    assert_eq!(bare.stdout, demo.stdout);
}

#[test]
fn the_demo_can_keep_its_database() {
    let sb = Sandbox::new();
    let saved = sb.db().with_file_name("demo.db");
    sb.cmd()
        .args(["demo", "--top", "5", "--save"])
        .arg(&saved)
        .assert()
        .success();
    let out = sb
        .cmd()
        .arg("--db")
        .arg(&saved)
        .args(["lists", "--json"])
        .output()
        .unwrap();
    let lists: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(lists.as_array().unwrap().len() >= 15);
    // A second demo into the same file is refused rather than mixed in.
    sb.cmd()
        .args(["demo", "--save"])
        .arg(&saved)
        .assert()
        .code(2);
}
