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
fn a_page_of_countless_tiny_elements_is_refused_before_parsing() {
    // 600,000 `<i>` tags in under 5 MB: its parsed tree would take ~40 times the page.
    let sb = Sandbox::new();
    let page = format!(
        "<html><body><ol><li>Drive</li><li>Juno</li></ol><p>{}</p></body></html>",
        "<i>a</i>".repeat(600_000)
    );
    refused(
        &sb,
        &[],
        &sb.write("tiny.html", page),
        &["elements", "500000"],
    );
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

/// An article in windows-1252 (as a Windows editor saves it): `é` is the single byte 0xE9 and
/// the apostrophe 0x92.
const WINDOWS_1252_ARTICLE: &[u8] = b"Three scores from Paris, ranked\r\n\r\n\
    3. La Haine (1995)\r\n\r\nAssassin\x92s hip-hop over the banlieue.\r\n\r\n\
    2. Les Mis\xE9rables (2012)\r\n\r\nSung live on set, every take.\r\n\r\n\
    1. Am\xE9lie (2001)\r\n\r\nYann Tiersen\x92s accordion \x96 the caf\xE9, the canal, the gnome.\r\n";

#[test]
fn a_windows_1252_article_is_decoded_with_a_warning_and_its_titles_resolve() {
    let sb = Sandbox::new();
    let file = sb.write("paris.txt", WINDOWS_1252_ARTICLE);
    let read = sb.dry_run_json(&file);
    let titles: Vec<&str> = array(&read["entries"])
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["La Haine", "Les Misérables", "Amélie"]);
    assert!(
        array(&read["warnings"])
            .iter()
            .any(|w| w.as_str().unwrap().contains("windows-1252")),
        "{read}"
    );
    let stderr = sb.cmd().args(args!["ingest", &file]).assert().success();
    let stderr = String::from_utf8_lossy(&stderr.get_output().stderr).into_owned();
    assert!(!stderr.contains('\u{FFFD}'), "{stderr}");
    // Resolved to the catalog's film, not stored as an unknown title.
    let film = sb.run_json(["show", "film", "Amélie", "--json"]);
    assert_eq!(film["year"], 2001);
    assert_eq!(array(&film["citations"]).len(), 1, "{film}");
    assert_eq!(film["provisional"], false, "{film}");
}

/// `text` as UTF-16 with a byte-order mark.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_read_in_either_byte_order() {
    let article = "Two scores\r\n\r\n2. Léon (1994)\r\n\r\n1. Amélie (2001)\r\n";
    let csv = "Position,Title,Year\r\n1,Amélie,2001\r\n2,Drive,2011\r\n";
    for little in [true, false] {
        let sb = Sandbox::new();
        let read = sb.dry_run_json(&sb.write("scores.txt", utf16(article, little)));
        let titles: Vec<&str> = array(&read["entries"])
            .iter()
            .map(|e| e["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["Léon", "Amélie"], "little endian: {little}");
        assert_eq!(read["warnings"], serde_json::json!([]), "{read}");
        sb.ingest(&[sb.write("list.csv", utf16(csv, little))]);
        assert_eq!(array(&sb.lists_json()).len(), 1);
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_still_refused_as_binary() {
    let sb = Sandbox::new();
    let mut bytes = utf16("1. Amélie (2001)\n2. Drive (2011)\n", true);
    bytes.drain(..2);
    refused(&sb, &[], &sb.write("nobom.txt", bytes), &["binary"]);
}
