//! Bad input to `needledrop ingest`: a clear error, exit code 2, and nothing stored.

use crate::support::{args, array, assert_says, extract_fixture, Expect, Sandbox};
use std::path::Path;

/// `needledrop ingest FLAGS FILE` exits with code 2, says every one of `needles` on stderr, and
/// leaves nothing stored.
fn refused(sb: &Sandbox, flags: &[&str], file: &Path, needles: &[&str]) {
    let stderr = sb.cmd().arg("ingest").args(flags).arg(file).fails(2);
    assert_says(&stderr, needles);
    assert_eq!(
        sb.lists_json(),
        serde_json::json!([]),
        "{} left something behind",
        file.display()
    );
}

#[test]
fn an_empty_file_is_rejected() {
    let sb = Sandbox::new();
    refused(&sb, &[], &sb.write("empty.txt", ""), &["empty"]);
}

#[test]
fn a_whitespace_only_file_is_rejected() {
    let sb = Sandbox::new();
    refused(&sb, &[], &sb.write("blank.md", "\n  \n\t\n"), &[]);
}

#[test]
fn a_binary_file_is_rejected() {
    let sb = Sandbox::new();
    let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0\0".to_vec();
    bytes.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    refused(&sb, &[], &sb.write("program.txt", bytes), &["binary"]);
}

#[test]
fn invalid_utf8_is_refused_when_mostly_undecodable() {
    let sb = Sandbox::new();
    let bytes: Vec<u8> = (0..400u32).map(|i| 0x80 + (i % 64) as u8).collect();
    refused(&sb, &[], &sb.write("latin.txt", bytes), &["UTF-8"]);
}

#[test]
fn an_article_without_entries_says_what_was_expected() {
    let sb = Sandbox::new();
    let f = sb.write(
        "essay.txt",
        "Why soundtracks matter\n\nMusic carries a film. Nobody numbered anything here.\n",
    );
    refused(&sb, &[], &f, &["no ranked entries", "10. Title"]);
}

#[test]
fn an_unknown_format_is_rejected_with_the_choices() {
    let sb = Sandbox::new();
    let f = sb.write("a.txt", "1. Pulp Fiction\n");
    refused(&sb, &["--format", "docx"], &f, &["letterboxd"]);
}

#[test]
fn a_missing_file_is_bad_input() {
    let sb = Sandbox::new();
    sb.fails_with(["ingest", "no-such-file.txt"], 2, "no-such-file.txt");
}

#[test]
fn a_bad_date_is_rejected() {
    let sb = Sandbox::new();
    let f = sb.write("a.txt", "1. Pulp Fiction\n");
    refused(&sb, &["--date", "last July"], &f, &["YYYY-MM-DD"]);
}

/// A malformed row stops the file with its line number, exit code 2, and nothing is stored.
#[test]
fn malformed_rows_report_their_line_and_store_nothing() {
    let cases = [
        ("structured/bad-field-count.csv", 3),
        ("structured/bad-rank.csv", 5),
        ("structured/bad-year.csv", 3),
        ("structured/bad-letterboxd.csv", 7),
        ("structured/bad-imdb.csv", 3),
        ("structured/bad-unknown-field.json", 5),
        ("structured/bad-year.toml", 6),
        ("structured/bad-counts.toi", 4),
        ("structured/huge-count.toi", 7),
        ("structured/tie-in-strict.soc", 7),
    ];
    for (file, line) in cases {
        let sb = Sandbox::new();
        refused(&sb, &[], &extract_fixture(file), &[&format!("line {line}")]);
    }
}

#[test]
fn a_document_over_the_size_limit_is_refused_and_nothing_is_stored() {
    let sb = Sandbox::new();
    let big = sb.write("big.txt", "1. Drive\n".repeat(300_000));
    sb.fails_with(
        args!["ingest", "--max-size", "1", big],
        2,
        "larger than 1 MB",
    );
    assert!(array(&sb.lists_json()).is_empty());
    // Standard input is bounded the same way.
    sb.cmd()
        .args(["ingest", "--max-size", "1", "-"])
        .write_stdin("1. Drive\n".repeat(300_000))
        .fails_with(2, "standard input is larger than 1 MB");
}

#[test]
fn control_characters_from_any_format_never_reach_the_terminal() {
    let sb = Sandbox::new();
    let json = sb.write(
        "evil.json",
        r#"{"title": "Best\u001b]0;owned\u0007 lists", "order": "descending",
            "entries": [{"rank": 1, "title": "Drive\u001b[2J"}]}"#,
    );
    sb.ingest(&[&json]);
    let lists = sb.run(["lists"]);
    assert!(
        !lists.contains('\u{1b}') && !lists.contains('\u{7}'),
        "{lists:?}"
    );
    let shown = sb.run(["show", "list", "1"]);
    assert!(
        shown.contains("Drive[2J") && !shown.contains('\u{1b}'),
        "{shown:?}"
    );
}

#[test]
fn a_database_in_a_missing_folder_is_an_error_and_a_new_one_is_private() {
    let sb = Sandbox::new();
    let missing = sb.db().with_file_name("no-such-folder").join("x.db");
    sb.fails_with(args!["--db", missing, "lists"], 2, "does not exist");
    assert!(!missing.exists());
    sb.run(["lists"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sb.db()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
}
