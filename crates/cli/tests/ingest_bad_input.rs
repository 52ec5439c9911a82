//! Bad input to `needledrop ingest`: a clear error, exit code 2, and nothing stored.

mod common;

use common::Sandbox;
use predicates::prelude::*;

/// Asserts that the database holds no list.
fn assert_nothing_stored(sb: &Sandbox) {
    let out = sb.cmd().args(["lists", "--json"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(common::json(&out), serde_json::json!([]));
}

#[test]
fn an_empty_file_is_rejected() {
    let sb = Sandbox::new();
    let f = sb.file("empty.txt", "");
    sb.cmd()
        .arg("ingest")
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
    assert_nothing_stored(&sb);
}

#[test]
fn a_whitespace_only_file_is_rejected() {
    let sb = Sandbox::new();
    let f = sb.file("blank.md", "\n  \n\t\n");
    sb.cmd().arg("ingest").arg(&f).assert().code(2);
    assert_nothing_stored(&sb);
}

#[test]
fn a_binary_file_is_rejected() {
    let sb = Sandbox::new();
    let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0\0".to_vec();
    bytes.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    let f = sb.file("program.txt", bytes);
    sb.cmd()
        .arg("ingest")
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary"));
    assert_nothing_stored(&sb);
}

#[test]
fn invalid_utf8_is_refused_when_mostly_undecodable() {
    let sb = Sandbox::new();
    let bytes: Vec<u8> = (0..400u32).map(|i| 0x80 + (i % 64) as u8).collect();
    let f = sb.file("latin.txt", bytes);
    sb.cmd()
        .arg("ingest")
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("UTF-8"));
    assert_nothing_stored(&sb);
}

#[test]
fn an_article_without_entries_says_what_was_expected() {
    let sb = Sandbox::new();
    let f = sb.file(
        "essay.txt",
        "Why soundtracks matter\n\nMusic carries a film. Nobody numbered anything here.\n",
    );
    sb.cmd().arg("ingest").arg(&f).assert().code(2).stderr(
        predicate::str::contains("no ranked entries").and(predicate::str::contains("10. Title")),
    );
    assert_nothing_stored(&sb);
}

#[test]
fn an_unknown_format_is_rejected_with_the_choices() {
    let sb = Sandbox::new();
    let f = sb.file("a.txt", "1. Pulp Fiction\n");
    sb.cmd()
        .args(["ingest", "--format", "docx"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("letterboxd"));
    assert_nothing_stored(&sb);
}

#[test]
fn a_missing_file_is_bad_input() {
    let sb = Sandbox::new();
    sb.cmd()
        .args(["ingest", "no-such-file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-file.txt"));
}

#[test]
fn a_bad_date_is_rejected() {
    let sb = Sandbox::new();
    let f = sb.file("a.txt", "1. Pulp Fiction\n");
    sb.cmd()
        .args(["ingest", "--date", "last July"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn show_list_of_an_unknown_id_is_bad_input() {
    let sb = Sandbox::new();
    sb.cmd()
        .args(["show", "list", "42"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needledrop lists"));
}
