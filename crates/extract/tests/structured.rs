//! The structured readers on fixture files: every format, every bad input, and the bundled
//! sample lists under `data/lists/` checked against the seed lists' gold facts.

use needledrop_extract::structured::{
    read_csv, read_imdb, read_json, read_letterboxd, read_preflib, read_toml, MAX_BALLOTS,
};
use needledrop_extract::{extract, ExtractError, ExtractOptions, Format, PreflibKind};
use needledrop_model::{List, Order};
use proptest::prelude::*;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/structured")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn data_file(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/lists")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Reads a file the way `needledrop ingest` does: detection by name and content.
fn ingest(name: &str, text: &str) -> (Format, Vec<List>) {
    let options = ExtractOptions {
        format: None,
        file_name: Some(name.to_string()),
    };
    let extraction = extract(text.as_bytes(), &options).unwrap_or_else(|e| panic!("{name}: {e}"));
    (extraction.format, extraction.lists)
}

fn line_of(result: Result<Vec<List>, ExtractError>) -> (usize, String) {
    match result {
        Err(ExtractError::AtLine { line, message }) => (line, message),
        Err(other) => panic!("expected a line error, got {other:?}"),
        Ok(lists) => panic!("expected a line error, got {} lists", lists.len()),
    }
}

fn invalid(result: Result<Vec<List>, ExtractError>) -> String {
    match result {
        Err(ExtractError::Invalid(message)) => message,
        Err(other) => panic!("expected a file-level error, got {other:?}"),
        Ok(lists) => panic!("expected an error, got {} lists", lists.len()),
    }
}

fn ranks_and_titles(list: &List) -> Vec<(u32, &str)> {
    list.entries
        .iter()
        .map(|e| (e.rank.get(), e.title.as_str()))
        .collect()
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_with_header_reads_ranks_ties_songs_and_mentions() {
    let (format, lists) = ingest("ranked.csv", &fixture("ranked.csv"));
    assert_eq!(format, Format::Csv);
    let [list] = lists.as_slice() else {
        panic!("one list expected")
    };
    assert_eq!(
        ranks_and_titles(list),
        vec![
            (10, "Garden State"),
            (9, "O Brother, Where Art Thou?"),
            (8, "Drive"),
            (8, "Juno"),
            (6, "2001: A Space Odyssey"),
        ]
    );
    assert_eq!(list.order, Order::Descending);
    let tied: Vec<bool> = list.entries.iter().map(|e| e.tied).collect();
    assert_eq!(tied, vec![false, false, true, true, false]);
    assert_eq!(list.entries[0].year.map(|y| y.get()), Some(2004));
    assert_eq!(
        list.entries[1].credit.as_deref(),
        Some("Joel Coen, Ethan Coen")
    );
    assert_eq!(list.entries[0].blurb, "A mixtape film.");
    assert_eq!(list.entries[4].blurb, "Quoted \"notes\" survive.");
    let garden: Vec<(&str, Option<&str>)> = list.entries[0]
        .songs
        .iter()
        .map(|s| (s.title.as_str(), s.artist.as_deref()))
        .collect();
    assert_eq!(
        garden,
        vec![
            ("New Slang", Some("The Shins")),
            ("Let Go", Some("Frou Frou"))
        ]
    );
    assert_eq!(
        list.entries[1].songs[0].artist.as_deref(),
        Some("The Soggy Bottom Boys")
    );
    assert_eq!(list.entries[4].songs[0].artist, None);
    let mentions: Vec<(&str, Option<i32>)> = list
        .mentions
        .iter()
        .map(|m| (m.title.as_str(), m.year.map(|y| y.get())))
        .collect();
    assert_eq!(
        mentions,
        vec![("Magnolia", Some(1999)), ("(500) Days of Summer", None)]
    );
    assert_eq!(list.entries[2].line, Some(4));
}

#[test]
fn csv_without_header_reads_rank_title_year() {
    let lists = read_csv(&fixture("headerless.csv")).unwrap();
    assert_eq!(
        ranks_and_titles(&lists[0]),
        vec![
            (1, "Pulp Fiction"),
            (2, "Trainspotting"),
            (3, "Baby Driver")
        ]
    );
    assert_eq!(lists[0].order, Order::Ascending);
    assert_eq!(lists[0].entries[2].year, None);
}

#[test]
fn multi_list_csv_yields_one_list_per_id_in_order_of_appearance() {
    let lists = read_csv(&fixture("multi.csv")).unwrap();
    let titles: Vec<Option<&str>> = lists.iter().map(|l| l.title.as_deref()).collect();
    assert_eq!(titles, vec![Some("critic-a"), Some("critic-b")]);
    assert_eq!(
        ranks_and_titles(&lists[0]),
        vec![(1, "Pulp Fiction"), (2, "Trainspotting")]
    );
    assert_eq!(lists[0].mentions[0].title, "Magnolia");
    assert_eq!(
        ranks_and_titles(&lists[1]),
        vec![(2, "Drive"), (2, "Juno"), (1, "Once")]
    );
    assert!(lists[1].entries[0].tied && lists[1].entries[1].tied && !lists[1].entries[2].tied);
    assert_eq!(lists[1].order, Order::Descending);
}

#[test]
fn the_shared_peer_fixture_reads_as_the_two_seed_lists() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/peers/seeds.csv"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let (format, lists) = ingest("seeds.csv", &text);
    assert_eq!(format, Format::Csv);
    assert_eq!(lists.len(), 2);
    assert_eq!(lists[0].entries.len(), 10);
    assert_eq!(lists[1].entries.len(), 10);
    assert_eq!(lists[1].mentions.len(), 10);
    assert_eq!(lists[1].entries[9].title, "The Big Lebowski");
}

#[test]
fn csv_row_with_wrong_field_count_names_its_line() {
    let (line, message) = line_of(read_csv(&fixture("bad-field-count.csv")));
    assert_eq!(line, 3);
    assert!(message.contains("expected 3 fields"), "{message}");
    assert!(message.contains("found 4"), "{message}");
}

#[test]
fn csv_rank_that_is_not_a_number_names_its_line_after_a_multiline_field() {
    let (line, message) = line_of(read_csv(&fixture("bad-rank.csv")));
    assert_eq!(line, 5);
    assert!(message.contains("expected a rank"), "{message}");
    assert!(message.contains("`first`"), "{message}");
}

#[test]
fn csv_year_that_is_not_a_year_names_its_line() {
    let (line, message) = line_of(read_csv(&fixture("bad-year.csv")));
    assert_eq!(line, 3);
    assert!(message.contains("expected a year"), "{message}");
    let (line, _) = line_of(read_csv("Rank,Title,Year\n1,Drive,1492\n"));
    assert_eq!(line, 2);
}

#[test]
fn csv_rank_zero_and_empty_titles_are_line_errors() {
    assert_eq!(line_of(read_csv("Rank,Title\n1,Drive\n0,Shaft\n")).0, 3);
    assert_eq!(line_of(read_csv("Rank,Title\n1,Drive\n\n2,  \n")).0, 4);
    assert_eq!(line_of(read_csv("list_id,rank,item\n,1,Drive\n")).0, 2);
}

#[test]
fn csv_rows_of_empty_cells_are_blank_lines_not_errors() {
    let blanks = ",,\n   \n".repeat(100_000);
    let text = format!("Rank,Title,Year\n1,Drive,2011\n{blanks}2,Shaft,x\n");
    let (line, _) = line_of(read_csv(&text));
    assert_eq!(line, 3 + 200_000);
}

#[test]
fn csv_without_a_title_column_says_what_header_was_expected() {
    let (line, message) = line_of(read_csv(&fixture("bad-header.csv")));
    assert_eq!(line, 1);
    assert!(message.contains("Position,Title,Year"), "{message}");
}

#[test]
fn csv_with_only_a_header_is_invalid() {
    let message = invalid(read_csv("Position,Title,Year\n"));
    assert!(message.contains("no rows"), "{message}");
    assert!(matches!(read_csv(""), Err(ExtractError::Invalid(_))));
}

// ---------------------------------------------------------------- Letterboxd

#[test]
fn letterboxd_export_reads_preamble_and_films() {
    let (format, lists) = ingest("export.csv", &fixture("letterboxd.csv"));
    assert_eq!(format, Format::Letterboxd);
    let list = &lists[0];
    assert_eq!(list.title.as_deref(), Some("Needle Drops"));
    assert_eq!(list.url.as_deref(), Some("https://boxd.it/abc12"));
    assert_eq!(list.date.as_deref(), Some("2024-11-02"));
    assert_eq!(
        list.notes,
        vec!["Films whose songs do the storytelling.\n\nRanked, best first.".to_string()]
    );
    assert_eq!(
        ranks_and_titles(list),
        vec![
            (1, "Baby Driver"),
            (2, "O Brother, Where Art Thou?"),
            (3, "Shaft")
        ]
    );
    assert_eq!(list.entries[0].blurb, "Cut to the beat, literally.");
    assert_eq!(list.entries[2].year.map(|y| y.get()), Some(1971));
    assert_eq!(list.entries[0].line, Some(8));
    assert_eq!(list.order, Order::Ascending);
}

#[test]
fn letterboxd_row_missing_a_field_names_its_line() {
    let (line, message) = line_of(read_letterboxd(&fixture("bad-letterboxd.csv")));
    assert_eq!(line, 7);
    assert!(message.contains("expected 5 fields"), "{message}");
}

#[test]
fn letterboxd_without_its_preamble_is_refused() {
    let (line, message) = line_of(read_letterboxd("Position,Name,Year\n1,Drive,2011\n"));
    assert_eq!(line, 1);
    assert!(message.contains("Letterboxd list export"), "{message}");
    assert!(matches!(
        read_letterboxd(
            "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2024-01-01,X,,,\n"
        ),
        Err(ExtractError::Invalid(_))
    ));
}

// ---------------------------------------------------------------- IMDb

#[test]
fn imdb_export_older_columns_read_by_name() {
    let (format, lists) = ingest("imdb.csv", &fixture("imdb-old.csv"));
    assert_eq!(format, Format::Imdb);
    let list = &lists[0];
    assert_eq!(
        ranks_and_titles(list),
        vec![(1, "Trainspotting"), (2, "Dirty Dancing")]
    );
    assert_eq!(list.entries[1].year.map(|y| y.get()), Some(1987));
    assert_eq!(list.entries[1].credit.as_deref(), Some("Emile Ardolino"));
    assert_eq!(list.entries[1].blurb, "Time of their lives.");
}

#[test]
fn imdb_export_newer_columns_take_title_not_original_title() {
    let (format, lists) = ingest("list.csv", &data_file("imdb-soundtrack-list-export.csv"));
    assert_eq!(format, Format::Imdb);
    assert_eq!(lists[0].entries.len(), 10);
    assert_eq!(lists[0].entries[4].title, "Amélie");
    assert_eq!(lists[0].entries[0].blurb, "Surf rock and soul.");
}

#[test]
fn imdb_row_without_position_names_its_line() {
    let (line, message) = line_of(read_imdb(&fixture("bad-imdb.csv")));
    assert_eq!(line, 3);
    assert!(message.contains("expected a position"), "{message}");
}

#[test]
fn imdb_reader_refuses_a_plain_csv() {
    let (line, message) = line_of(read_imdb("Position,Title\n1,Drive\n"));
    assert_eq!(line, 1);
    assert!(message.contains("Const"), "{message}");
}

// ---------------------------------------------------------------- JSON and TOML

#[test]
fn json_list_reads_every_field() {
    let (format, lists) = ingest("list.json", &fixture("list.json"));
    assert_eq!(format, Format::Json);
    let list = &lists[0];
    assert_eq!(list.title.as_deref(), Some("Ten Needle Drops"));
    assert_eq!(list.outlet.as_deref(), Some("Example Weekly"));
    assert_eq!(list.author.as_deref(), Some("A. Critic"));
    assert_eq!(
        list.url.as_deref(),
        Some("https://example.com/needle-drops")
    );
    assert_eq!(list.date.as_deref(), Some("2025-02-01"));
    assert_eq!(list.order, Order::Descending, "inferred from 3 → 1");
    assert_eq!(
        ranks_and_titles(list),
        vec![(3, "Reservoir Dogs"), (2, "Juno"), (1, "Once")]
    );
    assert!(list.entries[1].tied, "a printed tie is kept");
    assert!(!list.entries[0].tied);
    assert_eq!(list.entries[0].credit.as_deref(), Some("Quentin Tarantino"));
    assert_eq!(list.entries[0].songs.len(), 2);
    assert_eq!(list.entries[0].songs[1].artist, None);
    assert_eq!(list.songs[0].artist.as_deref(), Some("Stealers Wheel"));
    assert_eq!(list.mentions.len(), 2);
    assert_eq!(
        list.notes,
        vec!["Only films released before 2020.".to_string()]
    );
}

#[test]
fn json_array_holds_several_lists() {
    let lists = read_json(&fixture("lists.json")).unwrap();
    assert_eq!(lists.len(), 2);
    assert_eq!(lists[0].order, Order::Ascending);
    assert_eq!(lists[1].order, Order::Unranked);
    assert_eq!(lists[1].mentions[0].year.map(|y| y.get()), Some(1972));
    let wrapped = read_json(r#"{"lists": [{"entries": [{"rank": 1, "title": "Drive"}]}]}"#);
    assert_eq!(wrapped.unwrap().len(), 1);
}

/// What the model serialises (`show list --json`, `ingest --dry-run --json`) reads back as the
/// same list: every field, `line`, `warnings`, `reading` and `confidence` too.
#[test]
fn the_models_own_json_reads_back_as_the_same_list() {
    let (_, lists) = ingest("songs.txt", "Best needle drops\n\n2. Garden State (2004)\n\"New Slang\" by The Shins\n\n1. Pulp Fiction (1994)\n");
    let mut list = lists.into_iter().next().unwrap();
    list.warnings.push("rank 3 is missing".into());
    list.reading = Some("heading layout".into());
    list.confidence = Some(0.75);
    assert!(list.entries.iter().any(|e| e.line.is_some()));
    let json = serde_json::to_string_pretty(&list).unwrap();
    let back = read_json(&json).unwrap();
    assert_eq!(back, vec![list.clone()]);
    let array = serde_json::to_string(&vec![list.clone(), list.clone()]).unwrap();
    assert_eq!(read_json(&array).unwrap(), vec![list.clone(), list]);
}

#[test]
fn json_unknown_field_is_a_line_error_naming_the_field() {
    let (line, message) = line_of(read_json(&fixture("bad-unknown-field.json")));
    assert_eq!(line, 5);
    assert!(message.contains("yaer"), "{message}");
    assert!(message.contains("docs/formats.md"), "{message}");
}

#[test]
fn json_rank_zero_and_bad_syntax_are_line_errors() {
    let (line, message) = line_of(read_json(&fixture("bad-rank.json")));
    assert_eq!(line, 4);
    assert!(message.contains("rank must be"), "{message}");
    let (line, _) = line_of(read_json("{\n  \"title\": \"x\",\n  \"entries\": [\n"));
    assert_eq!(line, 4);
}

#[test]
fn json_lists_that_say_nothing_or_contradict_themselves_are_invalid() {
    assert!(invalid(read_json(r#"{"title": "Empty"}"#)).contains("at least one entry"));
    assert!(invalid(read_json("[]")).contains("no lists"));
    assert!(invalid(read_json(
        r#"{"order": "unranked", "entries": [{"rank": 1, "title": "Drive"}]}"#
    ))
    .contains("unranked"));
    assert!(invalid(read_json(
        r#"{"title": "x", "lists": [{"entries": [{"rank": 1, "title": "Drive"}]}]}"#
    ))
    .contains("only lists"));
    assert!(
        invalid(read_json(r#"{"entries": [{"rank": 1, "title": "  "}]}"#)).contains("empty title")
    );
}

#[test]
fn toml_list_reads_entries_songs_and_mentions() {
    let (format, lists) = ingest("list.toml", &fixture("list.toml"));
    assert_eq!(format, Format::Toml);
    let list = &lists[0];
    assert_eq!(
        ranks_and_titles(list),
        vec![(2, "Dazed and Confused"), (1, "American Graffiti")]
    );
    assert_eq!(list.entries[0].songs[0].artist.as_deref(), Some("Foghat"));
    assert_eq!(list.entries[1].credit.as_deref(), Some("George Lucas"));
    assert_eq!(list.mentions[0].title, "Footloose");
    assert_eq!(list.notes, vec!["Compilations only.".to_string()]);
}

#[test]
fn toml_lists_tables_hold_several_lists() {
    let lists = read_toml(&fixture("lists.toml")).unwrap();
    let titles: Vec<Option<&str>> = lists.iter().map(|l| l.title.as_deref()).collect();
    assert_eq!(titles, vec![Some("One"), Some("Two")]);
    assert_eq!(lists[1].order, Order::Unranked);
}

#[test]
fn toml_bad_year_and_bad_syntax_name_their_lines() {
    let (line, message) = line_of(read_toml(&fixture("bad-year.toml")));
    assert_eq!(line, 6);
    assert!(message.contains("year must be"), "{message}");
    let (line, _) = line_of(read_toml(&fixture("bad-syntax.toml")));
    assert_eq!(line, 4);
    let (line, message) = line_of(read_toml("title = \"x\"\nsubtitle = \"y\"\n"));
    assert_eq!(line, 2);
    assert!(message.contains("subtitle"), "{message}");
}

// ---------------------------------------------------------------- PrefLib

#[test]
fn preflib_vote_lines_become_as_many_ballots_as_their_count() {
    let (format, lists) = ingest("election.soi", &fixture("election.soi"));
    assert_eq!(format, Format::Preflib(PreflibKind::Soi));
    assert_eq!(lists.len(), 5);
    for ballot in &lists[..3] {
        assert_eq!(
            ranks_and_titles(ballot),
            vec![(1, "Drive"), (2, "Superfly"), (3, "Shaft")]
        );
        assert_eq!(ballot.order, Order::Ascending);
        assert_eq!(ballot.entries[0].line, Some(11));
    }
    assert_eq!(ranks_and_titles(&lists[4]), vec![(1, "Once")]);
    assert_eq!(lists[0].title.as_deref(), Some("Club vote, ballot 1"));
    assert_eq!(lists[4].title.as_deref(), Some("Club vote, ballot 5"));
}

#[test]
fn preflib_ties_share_a_rank() {
    let lists = read_preflib(&fixture("election.toc"), PreflibKind::Toc).unwrap();
    assert_eq!(lists.len(), 2);
    assert_eq!(
        ranks_and_titles(&lists[0]),
        vec![(1, "Shaft"), (2, "Drive"), (2, "Superfly")]
    );
    let tied: Vec<bool> = lists[0].entries.iter().map(|e| e.tied).collect();
    assert_eq!(tied, vec![false, true, true]);
}

#[test]
fn preflib_older_numeric_layout_is_read() {
    let lists = read_preflib(&fixture("legacy.soc"), PreflibKind::Soc).unwrap();
    assert_eq!(lists.len(), 4);
    assert_eq!(
        ranks_and_titles(&lists[3]),
        vec![(1, "Superfly"), (2, "Shaft"), (3, "Drive")]
    );
    // Content alone (no extension) is enough to recognise it.
    let (format, _) = ingest("votes", &fixture("legacy.soc"));
    assert!(matches!(format, Format::Preflib(_)));
}

#[test]
fn preflib_counts_that_do_not_add_up_name_the_declaring_line() {
    let (line, message) = line_of(read_preflib(&fixture("bad-counts.toi"), PreflibKind::Toi));
    assert_eq!(line, 4);
    assert!(message.contains("10 voters"), "{message}");
    assert!(message.contains("add up to 9"), "{message}");
    let (line, message) = line_of(read_preflib(&fixture("bad-unique.toi"), PreflibKind::Toi));
    assert_eq!(line, 3);
    assert!(message.contains("3 unique orders"), "{message}");
    let legacy = fixture("legacy.soc").replace("4,4,2", "5,5,2");
    assert_eq!(line_of(read_preflib(&legacy, PreflibKind::Soc)).0, 5);
}

#[test]
fn preflib_huge_count_is_refused_without_building_ballots() {
    let (line, message) = line_of(read_preflib(&fixture("huge-count.toi"), PreflibKind::Toi));
    assert_eq!(line, 7);
    assert!(message.contains(&MAX_BALLOTS.to_string()), "{message}");
    let overflow = "# ALTERNATIVE NAME 1: Drive\n99999999999999999999999: 1\n";
    assert_eq!(line_of(read_preflib(overflow, PreflibKind::Toi)).0, 2);
}

#[test]
fn preflib_orders_that_break_the_kind_or_the_header_name_their_line() {
    let (line, message) = line_of(read_preflib(
        &fixture("tie-in-strict.soc"),
        PreflibKind::Soc,
    ));
    assert_eq!(line, 7);
    assert!(message.contains("strict"), "{message}");
    let header = "# NUMBER ALTERNATIVES: 3\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n# ALTERNATIVE NAME 3: C\n";
    let cases = [
        ("1: 1,2\n", PreflibKind::Soc, "complete order"),
        ("1: 1,4\n", PreflibKind::Toi, "out of range"),
        ("1: 1,1\n", PreflibKind::Toi, "twice"),
        ("1: 1,{2,3\n", PreflibKind::Toi, "`}`"),
        ("1: 1,,2\n", PreflibKind::Toi, "alternative's number"),
        ("1: 1,2,\n", PreflibKind::Toi, "after the last"),
        ("0: 1\n", PreflibKind::Toi, "at least 1"),
        ("1 1,2\n", PreflibKind::Toi, "vote line"),
        ("1:\n", PreflibKind::Toi, "found nothing"),
    ];
    for (vote, kind, expected) in cases {
        let (line, message) = line_of(read_preflib(&format!("{header}{vote}"), kind));
        assert_eq!(line, 5, "{vote}");
        assert!(message.contains(expected), "{vote}: {message}");
    }
    let unnamed = "# ALTERNATIVE NAME 1: A\n1: 1,2\n";
    let (line, message) = line_of(read_preflib(unnamed, PreflibKind::Toi));
    assert_eq!(line, 2);
    assert!(message.contains("ALTERNATIVE NAME 2"), "{message}");
}

#[test]
fn preflib_without_votes_or_header_is_refused() {
    assert!(
        invalid(read_preflib("# ALTERNATIVE NAME 1: A\n", PreflibKind::Toi))
            .contains("no vote lines")
    );
    assert_eq!(line_of(read_preflib("\nhello\n", PreflibKind::Toi)).0, 2);
}

// ---------------------------------------------------------------- bundled data

fn gold(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/../../../shared/seeds/gold/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Straight and curly apostrophes are the same character for comparing titles.
fn plain(s: &str) -> String {
    s.replace('\u{2019}', "'")
}

fn assert_matches_gold(list: &List, gold: &serde_json::Value) {
    let entries = gold["entries"].as_array().unwrap();
    assert_eq!(list.entries.len(), entries.len());
    for (entry, g) in list.entries.iter().zip(entries) {
        assert_eq!(u64::from(entry.rank.get()), g["rank"].as_u64().unwrap());
        assert_eq!(plain(&entry.title), g["title"].as_str().unwrap());
        assert_eq!(
            entry.year.map(|y| i64::from(y.get())),
            g["year"].as_i64(),
            "{}",
            entry.title
        );
    }
    let mentions: Vec<String> = list.mentions.iter().map(|m| plain(&m.title)).collect();
    let gold_mentions: Vec<String> = gold["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect();
    assert_eq!(mentions, gold_mentions);
    // Every gold song sits under its film (or under no film) with its artist.
    let mut expected: Vec<(Option<String>, String, Option<String>)> = gold["songs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["film"].as_str().map(str::to_string),
                s["title"].as_str().unwrap().to_string(),
                s["artist"].as_str().map(str::to_string),
            )
        })
        .collect();
    let mut found: Vec<(Option<String>, String, Option<String>)> = list
        .entries
        .iter()
        .flat_map(|e| {
            e.songs
                .iter()
                .map(|s| (Some(e.title.clone()), s.title.clone(), s.artist.clone()))
        })
        .chain(
            list.songs
                .iter()
                .map(|s| (None, s.title.clone(), s.artist.clone())),
        )
        .collect();
    expected.sort();
    found.sort();
    assert_eq!(found, expected);
    assert_eq!(list.order.as_str(), gold["order"].as_str().unwrap());
}

#[test]
fn bundled_seed_000_json_carries_the_gold_facts() {
    let (format, lists) = ingest("000-looper.json", &data_file("000-looper.json"));
    assert_eq!(format, Format::Json);
    let gold = gold("000_2cc85a2d96c88ff9.json");
    assert_eq!(lists[0].title.as_deref(), gold["title"].as_str());
    assert_matches_gold(&lists[0], &gold);
}

#[test]
fn bundled_seed_002_toml_carries_the_gold_facts() {
    let (format, lists) = ingest("002-soundtracks.toml", &data_file("002-soundtracks.toml"));
    assert_eq!(format, Format::Toml);
    assert_matches_gold(&lists[0], &gold("002_9d882693be0725bc.json"));
}

#[test]
fn bundled_samples_read_in_their_formats() {
    let cases = [
        ("needle-drops-top12.csv", Format::Csv, 1),
        ("letterboxd-soundtracks-export.csv", Format::Letterboxd, 1),
        ("imdb-soundtrack-list-export.csv", Format::Imdb, 1),
        (
            "film-club-ballots.toi",
            Format::Preflib(PreflibKind::Toi),
            40,
        ),
    ];
    for (name, format, count) in cases {
        let (found, lists) = ingest(name, &data_file(name));
        assert_eq!(found, format, "{name}");
        assert_eq!(lists.len(), count, "{name}");
    }
    let (_, lists) = ingest("top.csv", &data_file("needle-drops-top12.csv"));
    assert_eq!(lists[0].entries.len(), 12);
    assert_eq!(lists[0].mentions.len(), 2);
    assert!(lists[0].entries[5].tied && lists[0].entries[6].tied);
}

// ---------------------------------------------------------------- detection

#[test]
fn detection_by_content_alone_finds_every_structured_format() {
    let cases = [
        ("letterboxd.csv", Format::Letterboxd),
        ("imdb-old.csv", Format::Imdb),
        ("ranked.csv", Format::Csv),
        ("multi.csv", Format::Csv),
        ("list.json", Format::Json),
        ("lists.json", Format::Json),
        ("list.toml", Format::Toml),
        ("lists.toml", Format::Toml),
        ("election.soi", Format::Preflib(PreflibKind::Soi)),
        ("election.toc", Format::Preflib(PreflibKind::Toc)),
    ];
    for (name, format) in cases {
        assert_eq!(Format::detect(None, &fixture(name)), format, "{name}");
    }
}

// ---------------------------------------------------------------- never panic

fn every_reader(text: &str) {
    let _ = read_csv(text);
    let _ = read_letterboxd(text);
    let _ = read_imdb(text);
    let _ = read_json(text);
    let _ = read_toml(text);
    for kind in [
        PreflibKind::Soc,
        PreflibKind::Soi,
        PreflibKind::Toc,
        PreflibKind::Toi,
    ] {
        let _ = read_preflib(text, kind);
    }
    let _ = Format::detect(None, text);
}

proptest! {
    #[test]
    fn no_string_makes_a_reader_panic(text in any::<String>()) {
        every_reader(&text);
    }

    #[test]
    fn no_near_miss_of_a_format_makes_a_reader_panic(
        text in "(# [A-Z ]{0,20}: [0-9a-z ]{0,6}\n|[0-9]{0,3}[:,]? ?[0-9{},]{0,12}\n|[A-Za-z#\",]{0,20}\n|\\[\\[lists\\]\\]\n|rank = [0-9-]{0,3}\n|\\{\"entries\": \\[\\{\"rank\": [0-9]{0,2}\n){0,12}"
    ) {
        every_reader(&text);
    }
}

// ---------------------------------------------------------------- the documented examples

/// The fenced code blocks of `docs/formats.md`, with their language tags.
fn documented_examples() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/formats.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in doc.lines() {
        match (line.strip_prefix("```"), current.take()) {
            (Some(_), Some(block)) => blocks.push(block),
            (Some(lang), None) => current = Some((lang.trim().to_string(), String::new())),
            (None, Some((lang, mut body))) => {
                body.push_str(line);
                body.push('\n');
                current = Some((lang, body));
            }
            (None, None) => {}
        }
    }
    blocks
}

#[test]
fn every_example_in_the_format_docs_reads() {
    let blocks = documented_examples();
    assert!(blocks.len() >= 7, "found {} examples", blocks.len());
    for (lang, body) in blocks {
        let detected = Format::detect(None, &body);
        let result = match lang.as_str() {
            "json" => read_json(&body),
            "toml" => read_toml(&body),
            "csv" if detected == Format::Letterboxd => read_letterboxd(&body),
            "csv" => read_csv(&body),
            "text" => read_preflib(&body, PreflibKind::Toi),
            other => panic!("unexpected example language `{other}`"),
        };
        let lists = result.unwrap_or_else(|e| panic!("{lang} example: {e}\n{body}"));
        assert!(!lists.is_empty());
        if lang == "json" {
            assert_eq!(lists[0].entries.len(), 3);
            assert!(lists[0].entries[1].tied && lists[0].entries[2].tied);
        }
        if lang == "text" {
            assert_eq!(lists.len(), 5);
            assert_eq!(ranks_and_titles(&lists[0])[2], (2, "Baby Driver"));
        }
    }
}

#[test]
fn the_documented_json_error_reads_as_documented() {
    let err = read_json(&fixture("bad-unknown-field.json")).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with("line 5: unknown field `yaer`, expected one of `rank`, `tied`, `title`"),
        "{shown}"
    );
    assert!(shown.contains("(column 40)"), "{shown}");
}
